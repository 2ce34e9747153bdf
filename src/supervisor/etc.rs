//! The files laid over the image's at each start, besides the network's
//! (hosts, resolv.conf, hostname: `network.rs`): /run/.containerenv,
//! /etc/localtime (`--tz`) and /etc/passwd with podman's added entries.
//! Written in the container's directory (the init's working directory)
//! and bound over their targets; a file the user mounts there wins.

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{Mode, OFlags};

use crate::config::paths::Paths;
use crate::container::ContainerConfig;
use crate::runtime::etcfiles;
use crate::runtime::mounts::UserMount;
use crate::util::fs as ufs;

/// The (file, target) pairs for this start: `network` are the network's
/// hosts, resolv.conf and hostname.
pub fn files(
    paths: &Paths,
    cfg: &ContainerConfig,
    root: &Path,
    user_mounts: &[UserMount],
    network: [(&'static Path, &'static str); 3],
) -> Result<Vec<(PathBuf, String)>> {
    let mut out: Vec<(PathBuf, String)> = network
        .into_iter()
        .filter(|(_, t)| !(cfg.extras.no_hosts && *t == "etc/hosts"))
        .map(|(p, t)| (p.to_path_buf(), t.to_string()))
        .collect();
    // --chrootdirs: the same files inside each of those directories.
    let chrooted: Vec<(PathBuf, String)> = cfg
        .extras
        .chrootdirs
        .iter()
        .flat_map(|dir| {
            out.iter()
                .map(move |(p, t)| (p.clone(), format!("{}/{t}", dir.trim_matches('/'))))
        })
        .collect();
    out.extend(chrooted);
    // podman's /run/.containerenv, which tools read to know they run in
    // a container (written at each start: the name may have changed).
    let containerenv = Path::new("containerenv");
    ufs::write_for_container(containerenv, containerenv_text(cfg).as_bytes())?;
    out.push((containerenv.into(), "run/.containerenv".into()));
    if let Some(tz) = &cfg.extras.tz {
        let zone = etcfiles::zone_file(tz)?;
        let data = std::fs::read(&zone)
            .with_context(|| format!("reading the time zone {}", zone.display()))?;
        let localtime = Path::new("localtime");
        ufs::write_for_container(localtime, &data)?;
        out.push((localtime.into(), "etc/localtime".into()));
    }
    if let Some(text) = passwd(cfg, root)? {
        let passwd = Path::new("passwd");
        ufs::write_for_container(passwd, text.as_bytes())?;
        out.push((passwd.into(), "etc/passwd".into()));
    }
    out.extend(secret_files(paths, cfg)?);
    // A file the user mounts on one of these wins.
    out.retain(|(_, t)| {
        !user_mounts
            .iter()
            .any(|m| crate::storage::path::lands_on(&m.target, t))
    });
    Ok(out)
}

/// The container's secrets as files, copied from the store at each start
/// (a secret removed and made again is the new one), with their owner
/// and mode.
fn secret_files(paths: &Paths, cfg: &ContainerConfig) -> Result<Vec<(PathBuf, String)>> {
    let uses: Vec<_> = cfg.extras.secrets.iter().filter(|u| !u.env).collect();
    if uses.is_empty() {
        return Ok(Vec::new());
    }
    let store = crate::secret::Secrets::new(paths);
    let dir = Path::new("secrets");
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).context("making the secrets directory"),
    }
    let mut out = Vec::new();
    for (i, u) in uses.into_iter().enumerate() {
        let secret = store.find(&u.id)?;
        let file = dir.join(i.to_string());
        let _ = std::fs::remove_file(&file);
        ufs::write_secret(&file, &store.data(&secret)?)?;
        // uid= and gid= are the container's ids: den's where its user
        // namespace maps them (given as den's ids, the file went to another
        // user, or to nobody, in a container of its own namespace).
        let owner = match &cfg.userns {
            Some(m) => m.owner_to_den(u.uid, u.gid),
            None => Some((u.uid, u.gid)),
        };
        let Some((uid, gid)) = owner else {
            anyhow::bail!(
                "the secret {}'s owner {}:{} is not mapped in the container's user namespace (give uid= and gid= it maps)",
                u.name,
                u.uid,
                u.gid
            );
        };
        std::os::unix::fs::chown(&file, Some(uid), Some(gid))
            .with_context(|| format!("giving the secret {} to {}:{}", u.name, u.uid, u.gid))?;
        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(u.mode))?;
        out.push((file, u.target.trim_start_matches('/').to_string()));
    }
    Ok(out)
}

/// The image's /etc/passwd with podman's added entries, if any are due.
fn passwd(cfg: &ContainerConfig, root: &Path) -> Result<Option<String>> {
    let e = &cfg.extras;
    let numeric_user = cfg
        .user
        .split(':')
        .next()
        .is_some_and(|u| u.parse::<u32>().is_ok());
    if e.hostuser_lines.is_empty() && !numeric_user {
        return Ok(None);
    }
    let rootfs = rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening the rootfs")?;
    let read = |p: &str| {
        crate::storage::path::read_small_in_root(rootfs.as_fd(), p, 4 << 20).unwrap_or_default()
    };
    let (image_passwd, group) = (read("etc/passwd"), read("etc/group"));
    let added = etcfiles::passwd_additions(&etcfiles::PasswdInput {
        passwd: &image_passwd,
        group: &group,
        user: &cfg.user,
        workdir: &cfg.workdir,
        disabled: e.no_passwd,
        template: e.passwd_entry.as_deref(),
        hostusers: &e.hostuser_lines,
    })
    .map_err(anyhow::Error::msg)?;
    if added.is_empty() {
        return Ok(None);
    }
    let mut text = image_passwd;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&added);
    Ok(Some(text))
}

/// What podman writes in /run/.containerenv: nothing, but for a
/// `--privileged` container its engine, name, id and image.
fn containerenv_text(cfg: &ContainerConfig) -> String {
    if !cfg.security.privileged {
        return String::new();
    }
    format!(
        "engine=\"den-{}\"\nname={:?}\nid={:?}\nimage={:?}\nimageid={:?}\nrootless=1\n",
        env!("CARGO_PKG_VERSION"),
        cfg.name,
        cfg.id,
        cfg.image_name,
        cfg.image_id
    )
}
