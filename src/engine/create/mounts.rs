//! A new container's mounts from its spec: `--volumes-from` first, then
//! the image's VOLUMEs as anonymous volumes, then the spec's own mounts
//! (a later one on the same destination wins). Host paths must exist;
//! named volumes are made on first use, anonymous ones for each
//! container. Nothing is made here: [`Planned::commit`] makes the volumes
//! once the container can be created, and [`Planned::undo`] removes them
//! if it could not.

use std::collections::BTreeMap;

use anyhow::{Context, Result};

use crate::container::mounts::{Mount, MountKind};
use crate::container::Containers;
use crate::engine::spec::ContainerSpec;
use crate::volume::{Volume, Volumes};

/// The mounts a container will have, and the volumes to make for them.
pub struct Planned {
    pub mounts: Vec<Mount>,
    new_volumes: Vec<Volume>,
    /// The names of those [`Planned::commit`] made itself (not one another
    /// den made meanwhile, which is used as it is).
    made: Vec<String>,
}

/// Work out the mounts of a container made from `spec` and an image whose
/// config lists `image_volumes`.
pub fn plan(
    containers: &Containers,
    volumes: &Volumes,
    spec: &ContainerSpec,
    image_volumes: &[String],
) -> Result<Planned> {
    // By destination (cleaned, as podman cleans it: what every later
    // comparison of destinations sees), so that a later mount replaces
    // an earlier one.
    let mut by_dst: BTreeMap<String, Mount> = BTreeMap::new();
    let mut put = |mut m: Mount| -> Result<()> {
        let given = std::mem::take(&mut m.destination);
        m.destination = crate::storage::path::clean_absolute(&given);
        // (An image's VOLUME or another container's mount, unchecked so far.)
        if m.destination == "/" {
            anyhow::bail!("a mount cannot replace the container's root / ({given:?})");
        }
        by_dst.insert(m.destination.clone(), m);
        Ok(())
    };
    for from in &spec.volumes_from {
        let (name, mode) = from.split_once(':').unwrap_or((from, ""));
        let other = containers
            .find(name)
            .with_context(|| format!("--volumes-from {from}"))?;
        for m in other.mounts.iter().filter(|m| m.kind != MountKind::Tmpfs) {
            let mut m = m.clone();
            match mode {
                "ro" => m.read_only = true,
                "rw" => m.read_only = false,
                _ => {}
            }
            put(m)?;
        }
    }
    // --image-volume: anonymous volumes (bind, the default), a tmpfs
    // each, or nothing.
    let image_volume = spec.process.image_volume.as_deref().unwrap_or("bind");
    for dst in image_volumes.iter().filter(|_| image_volume != "ignore") {
        if !dst.starts_with('/') {
            continue; // an image's relative VOLUME means nothing
        }
        put(Mount {
            kind: if image_volume == "tmpfs" {
                MountKind::Tmpfs
            } else {
                MountKind::Volume
            },
            destination: dst.clone(),
            ..Mount::default()
        })?;
    }
    for m in &spec.mounts {
        put(m.clone())?;
    }

    let existing: BTreeMap<String, Volume> = volumes
        .list()?
        .into_iter()
        .map(|v| (v.name.clone(), v))
        .collect();
    let mut new_volumes: Vec<Volume> = Vec::new();
    let mut mounts = Vec::new();
    for (_, mut m) in by_dst {
        match m.kind {
            MountKind::Bind => {
                if m.create_host_path && std::fs::symlink_metadata(&m.source).is_err() {
                    std::fs::create_dir_all(&m.source).map_err(|e| {
                        anyhow::anyhow!("making the host directory {}: {e}", m.source)
                    })?;
                }
                let canonical = std::fs::canonicalize(&m.source).map_err(|e| {
                    anyhow::anyhow!(
                        "the host path {} cannot be mounted: {e} (create it first, or fix the path)",
                        m.source
                    )
                })?;
                m.source = canonical.display().to_string();
            }
            MountKind::Volume => {
                if m.source.is_empty() {
                    m.source = crate::util::ids::random_hex(32);
                    new_volumes.push(new_volume(&m, true));
                } else if !existing.contains_key(&m.source)
                    && !new_volumes.iter().any(|v| v.name == m.source)
                {
                    new_volumes.push(new_volume(&m, false));
                }
            }
            MountKind::Tmpfs => {}
        }
        mounts.push(m);
    }
    Ok(Planned {
        mounts,
        new_volumes,
        made: Vec::new(),
    })
}

fn new_volume(m: &Mount, anonymous: bool) -> Volume {
    Volume {
        name: m.source.clone(),
        driver: "local".into(),
        created: chrono::Utc::now(),
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        anonymous,
        needs_copy_up: true,
        needs_chown: true,
    }
}

impl Planned {
    /// Make the volumes the mounts need.
    pub fn commit(&mut self, volumes: &Volumes) -> Result<()> {
        if self.new_volumes.is_empty() {
            return Ok(());
        }
        let _lock = volumes.lock()?;
        for v in &self.new_volumes {
            // Made meanwhile by another den: use it (and never remove it).
            if volumes.find(&v.name).is_ok() && !v.anonymous {
                continue;
            }
            if let Err(e) = volumes.create(v) {
                for name in self.made.drain(..) {
                    let _ = volumes.remove(&name);
                }
                return Err(e);
            }
            self.made.push(v.name.clone());
        }
        Ok(())
    }

    /// Remove the volumes [`Planned::commit`] made (the container was not
    /// created after all), but one that another container has come to use
    /// meanwhile (made by another den after this one's commit, which found
    /// it there).
    pub fn undo(&self, volumes: &Volumes, containers: &Containers) {
        if self.made.is_empty() {
            return;
        }
        let _lock = volumes.lock();
        // (Records that cannot be read: nothing removed, rather than a
        // volume in use.)
        let Ok(all) = containers.list() else {
            return;
        };
        for name in &self.made {
            if volumes.users(&all, name).is_empty() {
                let _ = volumes.remove(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named volume another den made between this one's plan and its
    /// commit is used, and never removed by this one's undo; one this
    /// commit made is, unless a container uses it by then.
    #[test]
    fn undo_removes_only_the_volumes_this_commit_made() {
        let t = tempfile::tempdir().expect("tmp");
        let volumes = Volumes {
            root: t.path().join("volumes"),
        };
        let containers = Containers {
            root: t.path().join("containers"),
            runtime: t.path().join("run"),
        };
        let named = |name: &str| Mount {
            kind: MountKind::Volume,
            source: name.into(),
            ..Default::default()
        };
        let mut planned = Planned {
            mounts: Vec::new(),
            new_volumes: vec![
                new_volume(&named("theirs"), false),
                new_volume(&named("ours"), false),
            ],
            made: Vec::new(),
        };
        // Another den makes "theirs" after the plan.
        volumes
            .create(&new_volume(&named("theirs"), false))
            .expect("theirs");
        planned.commit(&volumes).expect("commit");
        assert_eq!(planned.made, ["ours"]);
        planned.undo(&volumes, &containers);
        assert!(
            volumes.find("theirs").is_ok(),
            "another den's volume was removed"
        );
        assert!(volumes.find("ours").is_err(), "this den's volume stayed");
    }
}
