//! A container's host directories, volumes and tmpfs, made ready in the
//! supervisor before each start: sources detached from its namespace as
//! mount trees (the container's init attaches them; in a user namespace of
//! its own it could not reach den's storage by path), `U` and a volume's
//! first owner applied, an empty volume filled with what the image has at
//! its mount point, `O` overlays made.

use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{Mode, OFlags};
use rustix::mount::{MountFlags, MountPropagationFlags};

use crate::config::paths::Paths;
use crate::container::mounts::{Mount, MountKind};
use crate::container::ContainerConfig;
use crate::runtime::mountfd::{self, ATTR_NODEV, ATTR_NOEXEC, ATTR_NOSUID, ATTR_RDONLY};
use crate::runtime::mounts::{Source, UserMount};
use crate::storage::extract::Owners;
use crate::storage::path::{clean_components, in_root, join};
use crate::volume::{Backing, Volumes};

/// Where `O` overlays keep their writes (discarded when the container stops).
pub const OVERLAY_DIR: &str = "overlay";

/// The container's user mounts, parents before children. Runs in the
/// supervisor's mount namespace, as root of den's user namespace, with
/// the container's directory as working directory and its rootfs at
/// `root` (relative to it).
pub fn prepare(
    paths: &Paths,
    cfg: &ContainerConfig,
    root: &Path,
    owners: Owners,
) -> Result<Vec<UserMount>> {
    if cfg.mounts.is_empty() {
        return Ok(Vec::new());
    }
    let rootfs = rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening the rootfs")?;
    let mut sorted: Vec<&Mount> = cfg.mounts.iter().collect();
    sorted.sort_by_key(|m| clean_components(m.destination.as_bytes()).len());
    let user = ContainerUser::of(cfg, &rootfs, owners);
    let volumes = Volumes::new(paths);
    let mut out = Vec::new();
    for (i, m) in sorted.into_iter().enumerate() {
        let um = prepare_one(&volumes, m, i, &rootfs, &user)
            .with_context(|| format!("preparing the mount on {}", m.destination))?;
        out.push(um);
    }
    Ok(out)
}

/// The container's user in den's ids (for `U` and a volume's first owner);
/// none when only one id is mapped (nothing can be given away).
struct ContainerUser {
    ids: Option<(u32, u32)>,
}

impl ContainerUser {
    fn of(cfg: &ContainerConfig, rootfs: &OwnedFd, owners: Owners) -> ContainerUser {
        if owners == Owners::Single {
            return ContainerUser { ids: None };
        }
        let read = |p: &str| read_in_root(rootfs, p).unwrap_or_default();
        let ids = crate::runtime::user::resolve(&cfg.user, &read("etc/passwd"), &read("etc/group"))
            .ok()
            .and_then(|u| match &cfg.userns {
                None => Some((u.uid, u.gid)),
                Some(maps) => maps.owner_to_den(u.uid, u.gid),
            });
        ContainerUser { ids }
    }
}

fn read_in_root(root: &OwnedFd, path: &str) -> Option<String> {
    crate::storage::path::read_small_in_root(root.as_fd(), path, 4 << 20)
}

fn prepare_one(
    volumes: &Volumes,
    m: &Mount,
    index: usize,
    rootfs: &OwnedFd,
    user: &ContainerUser,
) -> Result<UserMount> {
    let propagation = propagation(&m.propagation);
    let source = match m.kind {
        MountKind::Tmpfs => tmpfs(m, String::new()),
        MountKind::Bind => {
            let path = PathBuf::from(&m.source);
            if let Some(sub) = &m.sub_path {
                let tree = mountfd::clone_tree_beneath(&path, Path::new(sub), m.recursive)
                    .with_context(|| {
                        format!(
                            "subPath {sub} of {} (it must be there, and no link in it may lead out)",
                            m.source
                        )
                    })?;
                set_flags(&tree, m, false)?;
                let dir = rustix::fs::fstat(&tree)
                    .map(|st| rustix::fs::FileType::from_raw_mode(st.st_mode).is_dir())
                    .unwrap_or(true);
                return Ok(UserMount {
                    target: m.destination.clone(),
                    source: Source::Tree { dir, fd: tree },
                    propagation,
                });
            }
            if m.chown {
                chown_tree(&path, user)?;
            }
            let tree = if m.overlay {
                overlay(&path, index)?
            } else {
                mountfd::clone_tree(&path, m.recursive)
                    .with_context(|| format!("the host path {} (is it still there?)", m.source))?
            };
            set_flags(&tree, m, false)?;
            Source::Tree {
                dir: is_dir(&path),
                fd: tree,
            }
        }
        MountKind::Volume => {
            let v = volumes.find(&m.source).with_context(|| {
                format!("the volume {} is gone (recreate the container)", m.source)
            })?;
            match v.backing()? {
                Backing::Tmpfs(opts) => tmpfs(m, opts),
                Backing::Bind(path, flags) => {
                    let tree = mountfd::clone_tree(&path, true)
                        .with_context(|| format!("the volume device {}", path.display()))?;
                    // The volume's own o=ro, nosuid, nodev, noexec, over
                    // what the container's mount asks.
                    let tightened = Mount {
                        read_only: m.read_only || flags.read_only,
                        suid: if flags.nosuid { Some(false) } else { m.suid },
                        dev: if flags.nodev { Some(false) } else { m.dev },
                        exec: if flags.noexec { Some(false) } else { m.exec },
                        ..m.clone()
                    };
                    set_flags(&tree, &tightened, true)?;
                    Source::Tree {
                        dir: true,
                        fd: tree,
                    }
                }
                Backing::Directory { .. } => {
                    let data = volumes.mountpoint(&v);
                    first_use(
                        volumes,
                        &m.source,
                        &data,
                        rootfs,
                        &m.destination,
                        m.copy_up,
                        user,
                    )?;
                    if m.chown {
                        chown_tree(&data, user)?;
                    }
                    let tree = mountfd::clone_tree(&data, true)
                        .with_context(|| format!("the volume data {}", data.display()))?;
                    set_flags(&tree, m, true)?;
                    Source::Tree {
                        dir: true,
                        fd: tree,
                    }
                }
            }
        }
    };
    Ok(UserMount {
        target: m.destination.clone(),
        source,
        propagation,
    })
}

/// A tmpfs as podman makes one: nosuid, nodev, mode 1777 unless asked
/// otherwise; `extra`: a tmpfs volume's own options.
fn tmpfs(m: &Mount, extra: String) -> Source {
    let mut flags = MountFlags::empty();
    if m.suid != Some(true) {
        flags |= MountFlags::NOSUID;
    }
    if m.dev != Some(true) {
        flags |= MountFlags::NODEV;
    }
    if m.exec == Some(false) {
        flags |= MountFlags::NOEXEC;
    }
    let mut data: Vec<String> = extra
        .split(',')
        .filter(|o| !o.is_empty() && !matches!(*o, "noexec" | "nosuid" | "nodev"))
        .map(String::from)
        .collect();
    if extra.split(',').any(|o| o == "noexec") {
        flags |= MountFlags::NOEXEC;
    }
    if !data.iter().any(|o| o.starts_with("mode=")) {
        data.push(format!("mode={:o}", m.mode.unwrap_or(0o1777)));
    }
    if let Some(size) = &m.size {
        data.push(format!("size={size}"));
    }
    Source::Tmpfs {
        flags,
        data: data.join(","),
        read_only: m.read_only,
        copy_up: m.copy_up && m.kind == MountKind::Tmpfs,
    }
}

/// Read-only and the explicit flags; a volume is nosuid and nodev unless
/// asked otherwise. (A host path keeps its own filesystem's flags.)
fn set_flags(tree: &OwnedFd, m: &Mount, volume: bool) -> Result<()> {
    let (mut set, mut clear) = (0, 0);
    let mut flag = |explicit: Option<bool>, bit: u64, default_off: bool| match explicit {
        Some(false) => set |= bit,
        Some(true) => clear |= bit,
        None if default_off => set |= bit,
        None => {}
    };
    flag(m.suid, ATTR_NOSUID, volume);
    flag(m.dev, ATTR_NODEV, volume);
    flag(m.exec, ATTR_NOEXEC, false);
    if m.read_only {
        set |= ATTR_RDONLY;
    }
    if set == 0 && clear == 0 {
        return Ok(());
    }
    mountfd::set_attrs(tree, set, clear, true).map_err(|e| {
        if clear != 0 && e == rustix::io::Errno::PERM {
            anyhow::anyhow!("the host's mount of {} is nosuid, nodev or noexec, and a user cannot lift that (drop suid, dev or exec)", m.source)
        } else {
            anyhow::Error::from(e).context("setting the mount's flags")
        }
    })
}

fn propagation(p: &str) -> Option<MountPropagationFlags> {
    let rec = MountPropagationFlags::REC;
    Some(match p {
        "shared" => MountPropagationFlags::SHARED,
        "rshared" => MountPropagationFlags::SHARED | rec,
        "slave" => MountPropagationFlags::DOWNSTREAM,
        "rslave" => MountPropagationFlags::DOWNSTREAM | rec,
        "unbindable" => MountPropagationFlags::UNBINDABLE,
        "runbindable" => MountPropagationFlags::UNBINDABLE | rec,
        _ => return None, // private, the default
    })
}

fn is_dir(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(true)
}

/// `O`: an overlay with the host directory below and a throwaway upper
/// directory in the container's, detached.
fn overlay(lower: &Path, index: usize) -> Result<OwnedFd> {
    let dir = Path::new(OVERLAY_DIR).join(index.to_string());
    if dir.exists() {
        // Left by the run before a restart: its overlay is still mounted here.
        let _ = rustix::mount::unmount(dir.join("merged"), rustix::mount::UnmountFlags::DETACH);
        crate::storage::remove::remove_tree(&dir)?;
    }
    let (upper, work, merged) = (dir.join("upper"), dir.join("work"), dir.join("merged"));
    for d in [&upper, &work, &merged] {
        std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
    }
    // The host directory by descriptor: its path may hold the commas and
    // colons that separate overlay's options.
    let low = rustix::fs::open(
        lower,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("{} must be a directory for O", lower.display()))?;
    let opts = format!(
        "lowerdir=/proc/self/fd/{},upperdir={},workdir={},userxattr",
        std::os::fd::AsRawFd::as_raw_fd(&low),
        upper.display(),
        work.display()
    );
    let data = std::ffi::CString::new(opts)?;
    rustix::mount::mount(
        "overlay",
        &merged,
        "overlay",
        MountFlags::empty(),
        data.as_c_str(),
    )
    .context("mounting an overlay over the host directory (O)")?;
    Ok(mountfd::clone_tree(&merged, false)?)
}

/// chown `path` and everything below it to the container's user (`U`).
fn chown_tree(path: &Path, user: &ContainerUser) -> Result<()> {
    let Some((uid, gid)) = user.ids else {
        return Ok(());
    };
    crate::storage::copy::chown_tree(path, uid, gid)
        .with_context(|| format!("giving {} to the container's user (U)", path.display()))
}

/// A volume's first use: an empty volume gets what the image has at
/// `destination` (once; `copy_up` false: never), and the first container
/// owns it like that directory (or as its user, where the image has none).
fn first_use(
    volumes: &Volumes,
    name: &str,
    data: &Path,
    rootfs: &OwnedFd,
    destination: &str,
    copy_up: bool,
    user: &ContainerUser,
) -> Result<()> {
    let _lock = volumes.lock()?;
    let mut v = volumes.find(name)?;
    if !v.needs_copy_up && !v.needs_chown {
        return Ok(());
    }
    let rel = join(&clean_components(destination.as_bytes()));
    let image_dir = rustix::fs::openat2(
        rootfs,
        &rel,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )
    .ok();
    let target = rustix::fs::open(
        data,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening {}", data.display()))?;
    if v.needs_chown {
        if let Some((uid, gid)) = user.ids {
            let _ = rustix::fs::fchown(
                &target,
                Some(rustix::fs::Uid::from_raw(uid)),
                Some(rustix::fs::Gid::from_raw(gid)),
            );
        }
        if let Some(dir) = &image_dir {
            let st = rustix::fs::fstat(dir)?;
            if user.ids.is_some() {
                let _ = rustix::fs::fchown(
                    &target,
                    Some(rustix::fs::Uid::from_raw(st.st_uid)),
                    Some(rustix::fs::Gid::from_raw(st.st_gid)),
                );
            }
            rustix::fs::fchmod(&target, Mode::from_raw_mode(st.st_mode & 0o7777))?;
        }
        v.needs_chown = false;
    }
    if v.needs_copy_up && copy_up {
        if let Some(dir) = &image_dir {
            let empty_image = crate::storage::copy::is_empty_dir(dir)?;
            if !empty_image && crate::storage::copy::is_empty_dir(&target)? {
                v.needs_copy_up = false;
                volumes.write(&v)?;
                crate::storage::copy::copy_tree(dir.as_fd(), target.as_fd()).with_context(
                    || format!("copying the image's {destination} into volume {name}"),
                )?;
            } else if !empty_image {
                // Something is there already: never copy over it.
                v.needs_copy_up = false;
            }
        }
    }
    volumes.write(&v)?;
    if !data.is_dir() {
        bail!("the volume data {} is not a directory", data.display());
    }
    Ok(())
}

/// Drop the `O` overlays' writes once the container is done (the working
/// directory is the container's).
pub fn discard_overlays() {
    let dir = Path::new(OVERLAY_DIR);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let _ =
            rustix::mount::unmount(e.path().join("merged"), rustix::mount::UnmountFlags::DETACH);
    }
    if let Err(e) = crate::storage::remove::remove_tree(dir) {
        crate::debug!("removing the overlays' writes: {e:#}");
    }
}
