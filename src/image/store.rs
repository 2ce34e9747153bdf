//! The local image store: image records, manifests and configs by digest,
//! and the layer directories they use.
//!
//! ```text
//! $XDG_DATA_HOME/den/
//!   images.json            image records (under storage.lock)
//!   blobs/sha256/<hex>     manifests and configs, verified
//!   layers/<hex>/diff      extracted layer trees, named by diff id
//!   l/<short>              short symlinks to layer trees for overlay's lowerdir
//!   tmp/                   work in progress; never trusted
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::image::reference::digest_hex;
use crate::storage::remove::remove_tree;
use crate::util::{fs as ufs, lock::Lock};

/// One image in the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRecord {
    /// The config digest's hex: the image id.
    pub id: String,
    /// Names like `docker.io/library/busybox:latest`.
    pub names: Vec<String>,
    /// The manifest digest.
    pub digest: String,
    /// The manifest media type.
    pub manifest_type: String,
    /// Layer diff ids, bottom first.
    pub layers: Vec<String>,
    /// Uncompressed size of all layers.
    pub size: u64,
    /// When the image was made (from its config).
    #[serde(default)]
    pub created: Option<String>,
    /// When it was pulled.
    pub pulled: DateTime<Utc>,
    /// `repo@digest` names it was pulled by.
    #[serde(default)]
    pub repo_digests: Vec<String>,
    /// A step of a build, kept for its cache: listed only with `images -a`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub intermediate: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ImagesFile {
    images: Vec<ImageRecord>,
}

impl ImageRecord {
    /// When the image was made, if its config says.
    pub fn created_at(&self) -> Option<DateTime<Utc>> {
        self.created
            .as_deref()
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|t| t.with_timezone(&Utc))
    }
}

/// Per-layer metadata, written when a layer is complete.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayerMeta {
    pub diff_id: String,
    pub size: u64,
    /// The blob it was pulled from: its digest, media type and size (a
    /// push to a registry that has it sends nothing).
    #[serde(default)]
    pub compressed_digest: Option<String>,
    #[serde(default)]
    pub compressed_media_type: Option<String>,
    #[serde(default)]
    pub compressed_size: Option<u64>,
}

impl LayerMeta {
    /// A layer den made itself (commit, import): no blob it came from.
    pub fn local(diff_id: &str, size: u64) -> LayerMeta {
        LayerMeta {
            diff_id: diff_id.to_string(),
            size,
            compressed_digest: None,
            compressed_media_type: None,
            compressed_size: None,
        }
    }
}

/// The image store of one user.
#[derive(Debug, Clone)]
pub struct Store {
    pub root: PathBuf,
}

impl Store {
    /// The store under `paths.data`; directories are made on first write.
    pub fn new(paths: &Paths) -> Store {
        Store {
            root: paths.data.clone(),
        }
    }

    /// Create the store's directories. The trash too: made when the first
    /// container is removed, it could not be made on a disk a container
    /// had filled, and no container could then be removed to free it.
    pub fn ensure(&self) -> Result<()> {
        for d in ["blobs/sha256", "layers", "l", "tmp", "containers", "trash"] {
            ufs::private_dir(&self.root.join(d))?;
        }
        Ok(())
    }

    /// Take the storage-wide lock for changes to images and layers.
    pub fn lock(&self) -> Result<Lock> {
        ufs::private_dir(&self.root)?;
        Lock::exclusive(&self.root.join("storage.lock"))
    }

    /// A shared hold of the storage lock (the store exists): what
    /// [`Store::lock`]'s holders change cannot change under it.
    pub fn lock_shared(&self) -> Result<Lock> {
        Lock::shared(&self.root.join("storage.lock"))
    }

    /// All image records.
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        Ok(
            ufs::read_json::<ImagesFile>(&self.root.join("images.json"))?
                .unwrap_or_default()
                .images,
        )
    }

    /// Replace all image records (call with the lock held).
    pub fn save_images(&self, images: Vec<ImageRecord>) -> Result<()> {
        ufs::write_json(&self.root.join("images.json"), &ImagesFile { images })
    }

    /// Add an image record (call with the lock held): its names are taken
    /// from any image that had them; an image with the same id gets its
    /// names and repo digests added instead.
    /// Whether the image is new to the store.
    pub fn add_image(&self, rec: ImageRecord) -> Result<bool> {
        // A layer stored before the lock was taken may have been removed
        // since by another den's rmi (nothing used it yet): never record
        // an image with a missing layer.
        for l in &rec.layers {
            if !self.has_layer(l) {
                anyhow::bail!(
                    "layer {} was removed by another den command meanwhile: run this one again",
                    crate::image::progress::short_digest(l)
                );
            }
        }
        let mut images = self.images()?;
        for img in images.iter_mut() {
            img.names.retain(|n| !rec.names.contains(n));
        }
        self.take_list_names(&rec.names)?;
        let new = !images.iter().any(|i| i.id == rec.id);
        match images.iter_mut().find(|i| i.id == rec.id) {
            Some(img) => {
                img.names.extend(rec.names);
                for r in rec.repo_digests {
                    if !img.repo_digests.contains(&r) {
                        img.repo_digests.push(r);
                    }
                }
                img.pulled = rec.pulled;
                img.intermediate &= rec.intermediate;
            }
            None => images.push(rec),
        }
        self.save_images(images)?;
        Ok(new)
    }

    /// Path of a stored manifest or config.
    pub fn blob_path(&self, digest: &str) -> Result<PathBuf> {
        Ok(self.root.join("blobs/sha256").join(digest_hex(digest)?))
    }

    /// Read a stored blob.
    pub fn read_blob(&self, digest: &str) -> Result<Vec<u8>> {
        let p = self.blob_path(digest)?;
        std::fs::read(&p).with_context(|| {
            format!(
                "reading {} (the image store is damaged: pull the image again)",
                p.display()
            )
        })
    }

    /// Store a blob already verified against `digest`.
    pub fn write_blob(&self, digest: &str, data: &[u8]) -> Result<()> {
        ufs::write_atomic(&self.blob_path(digest)?, data)
    }

    /// The directory of a layer (its tree is `diff/` inside).
    pub fn layer_dir(&self, diff_id: &str) -> Result<PathBuf> {
        Ok(self.root.join("layers").join(digest_hex(diff_id)?))
    }

    /// Whether a layer is complete in the store.
    pub fn has_layer(&self, diff_id: &str) -> bool {
        self.layer_dir(diff_id)
            .map(|d| d.join("layer.json").exists())
            .unwrap_or(false)
    }

    /// A layer's metadata.
    pub fn layer_meta(&self, diff_id: &str) -> Result<Option<LayerMeta>> {
        ufs::read_json(&self.layer_dir(diff_id)?.join("layer.json"))
    }

    /// The short name of a layer under `l/`, for overlay's lowerdir.
    pub fn short_name(diff_id: &str) -> Result<String> {
        Ok(digest_hex(diff_id)?[..16].to_string())
    }

    /// The `l/` directory holding short links to layer trees.
    pub fn short_dir(&self) -> PathBuf {
        self.root.join("l")
    }

    /// A fresh private work directory under `tmp/`, removed when dropped
    /// unless it was moved into place. A lock file beside it tells
    /// [`Store::clean_tmp`] that its owner is alive.
    pub fn work_dir(&self, what: &str) -> Result<WorkDir> {
        let path = self
            .root
            .join("tmp")
            .join(format!("{what}-{}", crate::util::ids::random_hex(8)));
        let lock = Lock::exclusive(&path.with_extension("lock"))?;
        ufs::private_dir(&path)?;
        Ok(WorkDir { path, _lock: lock })
    }

    /// Move a finished layer from `tmp` into place; if another process won
    /// the race, keep theirs and discard ours.
    pub fn commit_layer(&self, tmp: &Path, meta: &LayerMeta) -> Result<()> {
        ufs::write_json(&tmp.join("layer.json"), meta)?;
        let dest = self.layer_dir(&meta.diff_id)?;
        match std::fs::rename(tmp, &dest) {
            Ok(()) => {}
            Err(_) if dest.join("layer.json").exists() => {
                remove_tree(tmp)?;
            }
            Err(e) => {
                return Err(e).with_context(|| format!("moving layer into {}", dest.display()))
            }
        }
        let link = self.short_dir().join(Self::short_name(&meta.diff_id)?);
        let target = PathBuf::from("../layers")
            .join(digest_hex(&meta.diff_id)?)
            .join("diff");
        match std::os::unix::fs::symlink(&target, &link) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e).with_context(|| format!("linking {}", link.display())),
        }
    }

    /// Remove a layer (call inside the user namespace, with the lock held).
    pub fn remove_layer(&self, diff_id: &str) -> Result<()> {
        let _ = std::fs::remove_file(self.short_dir().join(Self::short_name(diff_id)?));
        let dir = self.layer_dir(diff_id)?;
        if !dir.exists() {
            return Ok(());
        }
        // Move it aside first, so no reader ever sees half a layer.
        let aside = self
            .root
            .join("tmp")
            .join(format!("rm-{}", crate::util::ids::random_hex(8)));
        std::fs::rename(&dir, &aside).with_context(|| format!("removing {}", dir.display()))?;
        remove_tree(&aside)
    }

    /// Remove leftovers of interrupted work in `tmp/` that no live process
    /// holds (each worker keeps a lock file named after its directory).
    pub fn clean_tmp(&self) {
        let Ok(entries) = std::fs::read_dir(self.root.join("tmp")) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "lock") {
                // A lock whose work directory is gone (its owner was killed
                // between the two, or after removing the directory): free
                // unless someone holds it.
                if !path.with_extension("").exists() {
                    if let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) {
                        if rustix::fs::flock(
                            &file,
                            rustix::fs::FlockOperation::NonBlockingLockExclusive,
                        )
                        .is_ok()
                        {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                continue;
            }
            let lock = path.with_extension("lock");
            let Ok(file) = std::fs::OpenOptions::new().write(true).open(&lock) else {
                // No lock file: a layer moved aside for removal, or an old leftover.
                let _ = remove_tree(&path);
                continue;
            };
            if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
                .is_ok()
            {
                let _ = remove_tree(&path);
                let _ = std::fs::remove_file(&lock);
            }
        }
    }
}

/// A work directory in `tmp/` (see [`Store::work_dir`]).
#[derive(Debug)]
pub struct WorkDir {
    pub path: PathBuf,
    _lock: Lock,
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = remove_tree(&self.path);
        let _ = std::fs::remove_file(self.path.with_extension("lock"));
    }
}
