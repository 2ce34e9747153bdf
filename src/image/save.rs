//! `save`: images as a docker-archive (what `docker load` and `podman
//! load` read), an oci-archive, or an OCI layout directory. Layers go
//! uncompressed, as their stored tar streams (see `storage::tarsplit`), so
//! the images keep their ids.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::json;

use super::blobs;
use super::reference::digest_hex;
use super::store::{ImageRecord, Store};
use crate::storage::tarsplit;
use crate::util::digest::sha256_of;

/// The archive formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFormat {
    DockerArchive,
    OciArchive,
    /// An OCI layout in a directory.
    OciDir,
}

/// One image to save, with the names to give it in the archive.
pub struct Saved<'a> {
    pub image: &'a ImageRecord,
    pub names: Vec<String>,
}

/// Where the archive's files go: a tar stream or a directory.
trait Sink {
    /// Whether `name` was written already (a layer two images share).
    fn has(&self, name: &str) -> bool;
    fn file(&mut self, name: &str, data: &[u8]) -> Result<()>;
    fn stream(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<()>;
}

struct TarSink<W: Write> {
    builder: tar::Builder<W>,
    /// The user's own ids, as the archive's owner (tools that unpack it
    /// as that user can then give the files their owner).
    owner: (u32, u32),
    /// Names written so far (a layer shared by two images goes once).
    seen: BTreeSet<String>,
}

impl<W: Write> TarSink<W> {
    fn new(out: W, owner: (u32, u32)) -> TarSink<W> {
        TarSink {
            builder: tar::Builder::new(out),
            owner,
            seen: BTreeSet::new(),
        }
    }

    fn header(&self, size: u64, kind: tar::EntryType, mode: u32) -> tar::Header {
        let mut h = tar::Header::new_ustar();
        h.set_size(size);
        h.set_mode(mode);
        h.set_mtime(0);
        h.set_uid(u64::from(self.owner.0));
        h.set_gid(u64::from(self.owner.1));
        h.set_entry_type(kind);
        h
    }

    /// The directories above `name`, each once.
    fn parents(&mut self, name: &str) -> Result<()> {
        let mut at = 0;
        while let Some(i) = name[at..].find('/') {
            let dir = format!("{}/", &name[..at + i]);
            at += i + 1;
            if self.seen.insert(dir.clone()) {
                let mut h = self.header(0, tar::EntryType::Directory, 0o755);
                self.builder
                    .append_data(&mut h, &dir, std::io::empty())
                    .with_context(|| format!("writing {dir} to the archive"))?;
            }
        }
        Ok(())
    }
}

impl<W: Write> Sink for TarSink<W> {
    fn has(&self, name: &str) -> bool {
        self.seen.contains(name)
    }

    fn file(&mut self, name: &str, data: &[u8]) -> Result<()> {
        if !self.seen.insert(name.to_string()) {
            return Ok(());
        }
        self.parents(name)?;
        let mut h = self.header(data.len() as u64, tar::EntryType::Regular, 0o644);
        self.builder
            .append_data(&mut h, name, data)
            .with_context(|| format!("writing {name} to the archive"))
    }

    fn stream(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<()> {
        if !self.seen.insert(name.to_string()) {
            return Ok(());
        }
        self.parents(name)?;
        let mut h = self.header(size, tar::EntryType::Regular, 0o644);
        self.builder
            .append_data(&mut h, name, data.take(size))
            .with_context(|| format!("writing {name} to the archive"))
    }
}

struct DirSink {
    root: PathBuf,
}

impl Sink for DirSink {
    fn has(&self, name: &str) -> bool {
        self.root.join(name).exists()
    }

    fn file(&mut self, name: &str, data: &[u8]) -> Result<()> {
        let p = self.root.join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(&p, data).with_context(|| format!("writing {}", p.display()))
    }

    fn stream(&mut self, name: &str, _size: u64, data: &mut dyn Read) -> Result<()> {
        let p = self.root.join(name);
        if p.exists() {
            return Ok(());
        }
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        let mut f =
            std::fs::File::create(&p).with_context(|| format!("creating {}", p.display()))?;
        std::io::copy(data, &mut f).with_context(|| format!("writing {}", p.display()))?;
        Ok(())
    }
}

/// Write `images` in `format` to `out` (a tar stream, its entries owned
/// by `owner`), or into the directory `dir` for [`SaveFormat::OciDir`].
/// Call inside den's user namespace (layers are read from the store).
pub fn save(
    store: &Store,
    owner: (u32, u32),
    images: &[Saved<'_>],
    format: SaveFormat,
    out: Option<&mut dyn Write>,
    dir: Option<&Path>,
) -> Result<()> {
    match (format, out, dir) {
        (SaveFormat::OciDir, _, Some(d)) => {
            let mut sink = DirSink {
                root: d.to_path_buf(),
            };
            oci_layout(store, images, &mut sink)
        }
        (SaveFormat::DockerArchive, Some(w), _) => {
            let mut sink = TarSink::new(w, owner);
            docker_archive(store, images, &mut sink)?;
            sink.builder.finish()?;
            Ok(())
        }
        (SaveFormat::OciArchive, Some(w), _) => {
            let mut sink = TarSink::new(w, owner);
            oci_layout(store, images, &mut sink)?;
            sink.builder.finish()?;
            Ok(())
        }
        _ => bail!("no destination for the archive"),
    }
}

/// The size of a layer's stored stream.
fn layer_size(store: &Store, diff_id: &str) -> Result<u64> {
    let record = store.layer_dir(diff_id)?.join(tarsplit::FILE_NAME);
    tarsplit::size(&record).map_err(|_| blobs::no_record(diff_id))
}

/// Put the layer `diff_id` into the archive as `name` (once: a layer two
/// images share goes once), checked against its diff id; its size.
fn put_layer(store: &Store, sink: &mut dyn Sink, name: &str, diff_id: &str) -> Result<u64> {
    let size = layer_size(store, diff_id)?;
    if !sink.has(name) {
        let mut reader = blobs::Checked::open(store, diff_id)?;
        sink.stream(name, size, &mut reader)?;
        reader.verify()?;
    }
    Ok(size)
}

fn docker_archive(store: &Store, images: &[Saved<'_>], sink: &mut dyn Sink) -> Result<()> {
    let mut manifest = Vec::new();
    let mut repositories = serde_json::Map::new();
    for s in images {
        let img = s.image;
        let config = store.read_blob(&format!("sha256:{}", img.id))?;
        let config_name = format!("{}.json", img.id);
        let mut layers = Vec::new();
        for d in &img.layers {
            let name = format!("{}.tar", digest_hex(d)?);
            put_layer(store, sink, &name, d)?;
            layers.push(name);
        }
        sink.file(&config_name, &config)?;
        // A name by digest (`repo@sha256:...`, a pull by digest) is no
        // tag: Docker's archive has none for it.
        let tags: Vec<&String> = s.names.iter().filter(|n| !n.contains('@')).collect();
        manifest.push(json!({
            "Config": config_name,
            "RepoTags": tags,
            "Layers": layers,
        }));
        if let Some(top) = img.layers.last() {
            for n in tags {
                if let Some((repo, tag)) = n.rsplit_once(':') {
                    let e = repositories
                        .entry(repo.to_string())
                        .or_insert_with(|| json!({}));
                    e[tag] = json!(digest_hex(top)?);
                }
            }
        }
    }
    sink.file("repositories", &serde_json::to_vec(&repositories)?)?;
    sink.file("manifest.json", &serde_json::to_vec(&manifest)?)
}

fn oci_layout(store: &Store, images: &[Saved<'_>], sink: &mut dyn Sink) -> Result<()> {
    sink.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let mut entries = Vec::new();
    for s in images {
        let img = s.image;
        let config_digest = format!("sha256:{}", img.id);
        let config = store.read_blob(&config_digest)?;
        let mut layers = Vec::new();
        for d in &img.layers {
            let name = format!("blobs/sha256/{}", digest_hex(d)?);
            let size = put_layer(store, sink, &name, d)?;
            layers.push(json!({"mediaType": blobs::OCI_LAYER, "digest": d, "size": size}));
        }
        sink.file(&format!("blobs/sha256/{}", img.id), &config)?;
        let manifest = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": super::manifest::OCI_MANIFEST,
            "config": {"mediaType": blobs::OCI_CONFIG, "digest": config_digest, "size": config.len()},
            "layers": layers,
        }))?;
        let digest = sha256_of(&manifest);
        sink.file(&format!("blobs/sha256/{}", digest_hex(&digest)?), &manifest)?;
        let mut entry = json!({
            "mediaType": super::manifest::OCI_MANIFEST,
            "digest": digest,
            "size": manifest.len(),
        });
        if let Some(n) = s.names.first() {
            entry["annotations"] = json!({"org.opencontainers.image.ref.name": n});
        }
        entries.push(entry);
    }
    let index = json!({"schemaVersion": 2, "manifests": entries});
    sink.file("index.json", &serde_json::to_vec(&index)?)
}
