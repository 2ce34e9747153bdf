//! Volumes: data that outlives containers, one directory per volume.
//!
//! ```text
//! $XDG_DATA_HOME/den/volumes/
//!   .lock                   taken to create and remove volumes
//!   <name>/volume.json      the record (written atomically)
//!   <name>/_data/           the data: what containers see
//! ```
//!
//! Two options need no root and are honoured: `type=tmpfs` (each
//! container that mounts the volume gets a fresh tmpfs, with `o=size=...`
//! and `mode=`: no process of den's outlives the containers to hold one)
//! and `device=PATH,o=bind` (the volume is that host directory). `o=uid=N,
//! gid=N` owns the data of a plain volume by those container ids.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::error::{Error, Kind};
use crate::util::fs as ufs;
use crate::util::lock::Lock;

/// One volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    /// Always `local`.
    pub driver: String,
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `--opt` values: `type`, `o`, `device`.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Made for one container (`-v /path`, an image's VOLUME): removed
    /// with it by `rm -v` and `--rm`.
    #[serde(default)]
    pub anonymous: bool,
    /// Still empty: the first container to mount it fills it with what
    /// its image has there, and owns it like that directory.
    #[serde(default)]
    pub needs_copy_up: bool,
    /// Not yet owned by a container's user (made by den, no `o=uid=`).
    #[serde(default)]
    pub needs_chown: bool,
}

/// What a volume is, from its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backing {
    /// A directory of den's (`_data`).
    Directory { uid: Option<u32>, gid: Option<u32> },
    /// A fresh tmpfs per container, with these mount options.
    Tmpfs(String),
    /// A host directory, and the flags its `o=` asks for.
    Bind(PathBuf, BindFlags),
}

/// What a device volume's `o=` says of its mount beside `bind`: each
/// only ever tightens what a container's mount of it asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BindFlags {
    pub read_only: bool,
    pub nosuid: bool,
    pub nodev: bool,
    pub noexec: bool,
}

impl Volume {
    /// What the options make of the volume; errors name the option.
    pub fn backing(&self) -> Result<Backing> {
        backing(&self.options)
    }
}

/// Check `--opt` values and say what they make.
pub fn backing(options: &BTreeMap<String, String>) -> Result<Backing> {
    for k in options.keys() {
        if !matches!(k.as_str(), "type" | "o" | "device") {
            bail!("unknown volume option {k:?} (den knows type, o and device)");
        }
    }
    let kind = options.get("type").map(String::as_str).unwrap_or("");
    let o: Vec<&str> = options
        .get("o")
        .map(|o| o.split(',').filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    let device = options.get("device");
    match (kind, device) {
        ("tmpfs", _) => {
            for x in &o {
                let key = x.split_once('=').map_or(*x, |(k, _)| k);
                if !matches!(key, "size" | "mode" | "nr_inodes" | "uid" | "gid" | "noexec" | "nosuid" | "nodev") {
                    bail!("unsupported tmpfs volume option {x:?} (use size=, mode=, nr_inodes=, uid=, gid=, noexec, nosuid, nodev)");
                }
            }
            Ok(Backing::Tmpfs(o.join(",")))
        }
        ("" | "none", Some(dev)) if o.iter().any(|x| *x == "bind" || *x == "rbind") => {
            let mut flags = BindFlags::default();
            for x in &o {
                match *x {
                    "bind" | "rbind" | "rw" | "suid" | "dev" | "exec" => {}
                    "ro" => flags.read_only = true,
                    "nosuid" => flags.nosuid = true,
                    "nodev" => flags.nodev = true,
                    "noexec" => flags.noexec = true,
                    _ => bail!("unsupported option o={x} for a bind volume (it takes bind, rbind, ro, rw, nosuid, nodev, noexec)"),
                }
            }
            let p = Path::new(dev);
            if !p.is_absolute() {
                bail!("the volume device {dev:?} must be an absolute path");
            }
            if !p.is_dir() {
                bail!("the volume device {dev} is not a directory");
            }
            Ok(Backing::Bind(p.to_path_buf(), flags))
        }
        ("", None) => {
            let (mut uid, mut gid) = (None, None);
            for x in &o {
                let id = |v: &str| v.parse::<u32>().with_context(|| format!("invalid {x:?}"));
                match x.split_once('=') {
                    Some(("uid", v)) => uid = Some(id(v)?),
                    Some(("gid", v)) => gid = Some(id(v)?),
                    _ => bail!("unsupported volume option o={x} (a plain volume takes o=uid=N,gid=N)"),
                }
            }
            Ok(Backing::Directory { uid, gid })
        }
        (t, _) => bail!(
            "den cannot mount a {} volume without root (it makes type=tmpfs volumes and device=PATH,o=bind ones)",
            if t.is_empty() { "device" } else { t }
        ),
    }
}

/// The volumes of one user.
#[derive(Debug, Clone)]
pub struct Volumes {
    pub root: PathBuf,
}

impl Volumes {
    pub fn new(paths: &Paths) -> Volumes {
        Volumes {
            root: paths.data.join("volumes"),
        }
    }

    /// Lock for creating and removing volumes.
    pub fn lock(&self) -> Result<Lock> {
        ufs::private_dir(&self.root)?;
        Lock::exclusive(&self.root.join(".lock"))
    }

    /// The directory of a volume (its record and `_data`).
    pub fn dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Where a volume's data really is.
    pub fn mountpoint(&self, v: &Volume) -> PathBuf {
        match v.backing() {
            Ok(Backing::Bind(p, _)) => p,
            _ => self.dir(&v.name).join("_data"),
        }
    }

    /// Every volume, by name.
    pub fn list(&self) -> Result<Vec<Volume>> {
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e).with_context(|| format!("reading {}", self.root.display())),
        };
        for e in entries.flatten() {
            // (Not `.lock`, nor a removal's `.removing-*`: no volume's name
            // starts with a dot.)
            if e.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            if let Ok(Some(v)) = ufs::read_json::<Volume>(&e.path().join("volume.json")) {
                out.push(v);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The volume `name`.
    pub fn find(&self, name: &str) -> Result<Volume> {
        let found = if name.contains('/') || name.starts_with('.') || name.is_empty() {
            None
        } else {
            ufs::read_json::<Volume>(&self.dir(name).join("volume.json"))?
        };
        found.ok_or_else(|| {
            Error::not_found(
                Kind::Volume,
                name,
                format!("no volume with name {name:?} found"),
            )
        })
    }

    /// Make a volume (call with the lock held); its data directory is the
    /// user's, mode 0755, until a container fills it.
    pub fn create(&self, v: &Volume) -> Result<()> {
        v.backing()?;
        let dir = self.dir(&v.name);
        if dir.join("volume.json").exists() {
            return Err(Error::conflict(
                Kind::Volume,
                format!("volume {} already exists (remove it with 'den volume rm {}', or choose another name)", v.name, v.name),
            ));
        }
        // A directory without a record is what a removal cut short by an
        // earlier den left (or a creation cut short): set aside, never the
        // new volume's content.
        self.set_aside(&dir)?;
        ufs::private_dir(&dir)?;
        let data = dir.join("_data");
        match std::fs::create_dir(&data) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("creating {}", data.display())),
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("setting the mode of {}", data.display()))?;
        // The record last: a volume without one is not listed.
        self.write(v)
    }

    /// Rewrite a volume's record.
    pub fn write(&self, v: &Volume) -> Result<()> {
        ufs::write_json(&self.dir(&v.name).join("volume.json"), v)
    }

    /// The containers (ids and names) whose mounts use volume `name`.
    pub fn users(
        &self,
        containers: &[crate::container::ContainerConfig],
        name: &str,
    ) -> Vec<(String, String)> {
        containers
            .iter()
            .filter(|c| {
                c.mounts.iter().any(|m| {
                    m.kind == crate::container::mounts::MountKind::Volume && m.source == name
                })
            })
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    }

    /// Remove the anonymous volumes of `cfg` (a container being removed)
    /// that no other container uses (`--volumes-from` shares them). Call
    /// inside den's user namespace; failures are warnings.
    pub fn remove_anonymous(
        &self,
        cfg: &crate::container::ContainerConfig,
        others: &[crate::container::ContainerConfig],
    ) {
        let _lock = self.lock();
        for m in &cfg.mounts {
            if m.kind != crate::container::mounts::MountKind::Volume {
                continue;
            }
            let Ok(v) = self.find(&m.source) else {
                continue;
            };
            let shared = self
                .users(others, &v.name)
                .iter()
                .any(|(id, _)| *id != cfg.id);
            if v.anonymous && !shared {
                if let Err(e) = self.remove(&v.name) {
                    crate::warn!("removing the anonymous volume {}: {e:#}", v.name);
                }
            }
        }
    }

    /// Remove a volume and its data (call inside den's user namespace: the
    /// data may belong to subordinate ids). The record goes first, so a
    /// removal cut short leaves no half volume listed.
    pub fn remove(&self, name: &str) -> Result<()> {
        let dir = self.dir(name);
        // Out from under its name at once, then deleted: a removal cut
        // short leaves nothing a new volume of the name would take for its
        // own (it did: the record went first, and a new volume reused the
        // rest of `_data`); the next removal deletes what it left.
        let Some(gone) = self.set_aside(&dir)? else {
            return Ok(());
        };
        crate::storage::remove::remove_tree(&gone)
            .with_context(|| format!("removing the volume {name}"))?;
        self.sweep();
        Ok(())
    }

    /// Move `dir` to a hidden name (`.removing-*`), where nothing reads it
    /// and [`Volumes::sweep`] deletes it; `None` when it is not there.
    fn set_aside(&self, dir: &Path) -> Result<Option<PathBuf>> {
        let to = self
            .root
            .join(format!(".removing-{}", crate::util::ids::random_hex(8)));
        match std::fs::rename(dir, &to) {
            Ok(()) => Ok(Some(to)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("moving {} aside", dir.display())),
        }
    }

    /// Delete what removals cut short left aside (best effort: in den's
    /// user namespace, where their files can all be deleted).
    fn sweep(&self) {
        for e in std::fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .flatten()
        {
            if e.file_name().as_encoded_bytes().starts_with(b".removing-") {
                let _ = crate::storage::remove::remove_tree(&e.path());
            }
        }
    }
}
