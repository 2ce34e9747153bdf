//! Volumes: create, list, inspect, remove, prune, export and import.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::Containers;
use crate::error::{Error, Kind};
use crate::runtime::userns;
use crate::volume::{Backing, Volumes};

pub use crate::volume::Volume;

/// What `volume create` asks for.
#[derive(Debug, Clone, Default)]
pub struct NewVolume {
    /// None: a random 64-hex name.
    pub name: Option<String>,
    /// Only `local`.
    pub driver: String,
    pub labels: BTreeMap<String, String>,
    /// `type`, `o`, `device` (and `copy`/`nocopy`).
    pub options: BTreeMap<String, String>,
}

/// Make a volume.
pub fn create(paths: &Paths, req: NewVolume) -> Result<Volume> {
    if req.driver != "local" {
        bail!(
            "den has only the local volume driver, not {:?} (leave out --driver)",
            req.driver
        );
    }
    let name = req.name.unwrap_or_else(|| crate::util::ids::random_hex(32));
    crate::engine::spec::mounts::check_volume_name(&name)?;
    let mut options = req.options;
    let nocopy = options.remove("nocopy").is_some();
    options.remove("copy");
    let backing = crate::volume::backing(&options)?;
    let owner = match backing {
        Backing::Directory { uid, gid } if uid.is_some() || gid.is_some() => Some((uid, gid)),
        _ => None,
    };
    let v = Volume {
        name,
        driver: "local".into(),
        created: chrono::Utc::now(),
        labels: req.labels,
        options,
        anonymous: false,
        needs_copy_up: !nocopy,
        needs_chown: owner.is_none(),
    };
    let volumes = Volumes::new(paths);
    if owner.is_some() {
        userns::enter()?;
    }
    {
        let _lock = volumes.lock()?;
        volumes.create(&v)?;
    }
    if let Some((uid, gid)) = owner {
        let data = volumes.mountpoint(&v);
        if let Err(e) = rustix::fs::chown(
            &data,
            uid.map(rustix::fs::Uid::from_raw),
            gid.map(rustix::fs::Gid::from_raw),
        ) {
            let _ = volumes.remove(&v.name);
            bail!("giving the volume to uid {uid:?} gid {gid:?}: {e} (is that id in your subordinate ranges?)");
        }
    }
    Ok(v)
}

/// The volume `name`.
pub fn find(paths: &Paths, name: &str) -> Result<Volume> {
    Volumes::new(paths).find(name)
}

/// The volumes that match every filter (`name`, `driver`, `scope`,
/// `label`, `opt`, `dangling`), by name.
pub fn list(paths: &Paths, filters: &[(String, String)]) -> Result<Vec<Volume>> {
    for (k, v) in filters {
        match k.as_str() {
            "name" => crate::util::pattern::check(v)?,
            "driver" | "scope" | "label" | "opt" => {}
            "dangling" if matches!(v.as_str(), "true" | "false" | "1" | "0") => {}
            "dangling" => bail!("{v:?} is not a valid value for the \"dangling\" filter - must be true or false"),
            other => bail!("{other:?} is an invalid volume filter (use name, driver, scope, label, opt or dangling)"),
        }
    }
    let volumes = Volumes::new(paths);
    let containers = Containers::new(paths).list()?;
    Ok(volumes
        .list()?
        .into_iter()
        .filter(|v| {
            filters.iter().all(|(k, want)| {
                let kv = |map: &BTreeMap<String, String>| match want.split_once('=') {
                    Some((key, val)) => map.get(key).is_some_and(|x| x == val),
                    None => map.contains_key(want.as_str()),
                };
                match k.as_str() {
                    "name" => crate::util::pattern::name_matches(want, &v.name).unwrap_or(false),
                    "driver" => v.driver == *want,
                    "scope" => want == "local",
                    "label" => kv(&v.labels),
                    "opt" => kv(&v.options),
                    _ => {
                        let unused = volumes.users(&containers, &v.name).is_empty();
                        unused == matches!(want.as_str(), "true" | "1")
                    }
                }
            })
        })
        .collect())
}

/// A volume as `inspect` and `ls --format json` show it (podman's fields).
pub fn inspect_json(paths: &Paths, v: &Volume) -> Value {
    let volumes = Volumes::new(paths);
    let mut out = json!({
        "Name": v.name,
        "Driver": v.driver,
        "Mountpoint": volumes.mountpoint(v),
        "CreatedAt": v.created.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        "Labels": v.labels,
        "Scope": "local",
        "Options": v.options,
        "MountCount": 0,
    });
    if let Value::Object(m) = &mut out {
        if let Ok(Backing::Directory { uid, gid }) = v.backing() {
            if let Some(u) = uid {
                m.insert("UID".into(), json!(u));
            }
            if let Some(g) = gid {
                m.insert("GID".into(), json!(g));
            }
        }
        for (key, on) in [
            ("Anonymous", v.anonymous),
            ("NeedsCopyUp", v.needs_copy_up),
            ("NeedsChown", v.needs_chown),
        ] {
            if on {
                m.insert(key.into(), json!(true));
            }
        }
    }
    out
}

/// A volume as `--format` templates see it: [`inspect_json`] with every
/// field podman's struct has, unset ones at their zero value (podman's
/// JSON leaves them out; its templates see them), `Status` Go's nil map.
pub fn template_json(paths: &Paths, v: &Volume) -> Value {
    let mut row = inspect_json(paths, v);
    if let Value::Object(m) = &mut row {
        for (k, zero) in [
            ("Anonymous", json!(false)),
            ("NeedsCopyUp", json!(false)),
            ("NeedsChown", json!(false)),
            ("UID", json!(0)),
            ("GID", json!(0)),
            ("Status", crate::util::template::nil_map()),
            ("Timeout", json!(0)),
            ("StorageID", json!("")),
        ] {
            m.entry(k).or_insert(zero);
        }
    }
    row
}

/// What removing one volume came to.
#[derive(Debug)]
pub enum Removal {
    Removed(String),
    /// Not removed; the others went on.
    Failed(anyhow::Error),
}

/// Remove volumes (`all`: every one). A volume in use is refused unless
/// `force`, which removes the containers using it first (stopping running
/// ones within that many seconds); with `force`, a missing volume is no
/// error.
pub fn remove(
    paths: &Paths,
    names: &[String],
    all: bool,
    force: Option<u64>,
    mut report: impl FnMut(Removal),
) -> Result<()> {
    if names.is_empty() != all {
        bail!("choose either one or more volumes or all (give names, or --all)");
    }
    let volumes = Volumes::new(paths);
    let containers = Containers::new(paths);
    let targets: Vec<String> = if all {
        volumes.list()?.into_iter().map(|v| v.name).collect()
    } else {
        names.to_vec()
    };
    let everyone = containers.list()?;
    if force.is_some() {
        // Stop users first, from the host's user namespace (see `den rm`).
        for t in &targets {
            for (id, _) in volumes.users(&everyone, t) {
                if let Ok(c) = containers.find(&id) {
                    crate::container::ops::stop(&containers, &c, force)?;
                }
            }
        }
    }
    userns::enter_for_cleanup();
    for t in &targets {
        let r = (|| -> Result<String> {
            let v = volumes.find(t)?;
            let users = volumes.users(&containers.list()?, &v.name);
            if !users.is_empty() {
                if force.is_none() {
                    let ids: Vec<&str> = users.iter().map(|(id, _)| id.as_str()).collect();
                    return Err(Error::conflict(
                        Kind::Volume,
                        format!(
                            "volume {} is being used by the following container(s): {}: volume is being used (remove them first, or use volume rm -f)",
                            v.name,
                            ids.join(", ")
                        ),
                    ));
                }
                for (id, _) in &users {
                    if let Ok(c) = containers.find(id) {
                        crate::container::ops::remove(&containers, &c, true)?;
                    }
                }
            }
            let _lock = volumes.lock()?;
            volumes.remove(&v.name)?;
            Ok(v.name)
        })();
        match r {
            Ok(name) => report(Removal::Removed(name)),
            Err(e)
                if force.is_some()
                    && matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. })) => {}
            Err(e) => report(Removal::Failed(e)),
        }
    }
    Ok(())
}

/// The volumes no container uses and that match the `label`/`label!`
/// filters (what prune would remove).
pub fn unused(paths: &Paths, filter: &super::prune::PruneFilter) -> Result<Vec<Volume>> {
    let volumes = Volumes::new(paths);
    let containers = Containers::new(paths).list()?;
    Ok(volumes
        .list()?
        .into_iter()
        .filter(|v| volumes.users(&containers, &v.name).is_empty())
        .filter(|v| filter.allows(v.created, &v.labels))
        .collect())
}

/// Remove the volumes no container uses; `removed` hears each name.
pub fn prune(
    paths: &Paths,
    filter: &super::prune::PruneFilter,
    mut removed: impl FnMut(&str),
) -> Result<()> {
    let candidates = unused(paths, filter)?;
    if candidates.is_empty() {
        return Ok(());
    }
    userns::enter_for_cleanup();
    let volumes = Volumes::new(paths);
    let _lock = volumes.lock()?;
    for v in candidates {
        // Checked again under the lock: a container made meanwhile keeps it.
        if !volumes
            .users(&Containers::new(paths).list()?, &v.name)
            .is_empty()
        {
            continue;
        }
        volumes.remove(&v.name)?;
        removed(&v.name);
    }
    Ok(())
}

/// Open a plain volume's data directory (inside den's user namespace).
fn data_dir(paths: &Paths, name: &str) -> Result<(Volume, std::os::fd::OwnedFd)> {
    let volumes = Volumes::new(paths);
    let v = volumes.find(name)?;
    if let Backing::Tmpfs(_) = v.backing()? {
        bail!("volume {name} is a tmpfs: its data lives only inside the containers that mount it");
    }
    let dir = volumes.mountpoint(&v);
    let fd = rustix::fs::open(
        &dir,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening {}", dir.display()))?;
    Ok((v, fd))
}

/// Write a volume's content as a tar stream (owners as containers see them).
pub fn export(paths: &Paths, name: &str, out: impl Write) -> Result<()> {
    Volumes::new(paths).find(name)?;
    userns::enter()?;
    let (_, dir) = data_dir(paths, name)?;
    let mut tar = crate::storage::archive::TarWriter::new(out, Default::default());
    tar.add_contents(std::os::fd::AsFd::as_fd(&dir), std::path::Path::new(""))?;
    tar.finish()?.flush()?;
    Ok(())
}

/// Unpack a tar stream into a volume, merging with what is there: plain
/// or compressed with gzip, zstd, xz or bzip2, as podman's takes them.
pub fn import(paths: &Paths, name: &str, input: impl Read) -> Result<()> {
    Volumes::new(paths).find(name)?;
    let owners = userns::enter()?;
    let (_, dir) = data_dir(paths, name)?;
    let settings = crate::config::settings::Settings::load(paths)?;
    let meter = crate::storage::meter::Meter::new(crate::storage::meter::Limits::plain(
        settings.layer_max_size,
    ));
    let to = crate::storage::extract::Unpack {
        root: std::os::fd::AsFd::as_fd(&dir),
        base: &[],
        owner: None,
        owners,
        rename_top: None,
        overwrite: true,
        host: false,
    };
    // xz and bzip2 are the system's programs, which read a file: the
    // stream is kept in one of no name first.
    let work = crate::image::store::Store::new(paths).work_dir("volume-import")?;
    let mut input =
        crate::storage::byprogram::Decoded::new(input, &work.path, settings.layer_max_size)
            .with_context(|| format!("importing into volume {name}"))?;
    crate::storage::extract::unpack(&mut input, &to, meter)
        .map(drop)
        .map_err(anyhow::Error::from)
        .and_then(|_| input.finish())
        .with_context(|| format!("importing into volume {name}"))?;
    Ok(())
}
