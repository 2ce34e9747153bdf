//! The container's mounts, made in its own mount namespace before
//! pivot_root. Every target is resolved inside the rootfs with
//! `openat2(RESOLVE_IN_ROOT)` and mounted through its `/proc/self/fd` path,
//! so a symlink in the image can never redirect a mount to the host.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{Mode, OFlags};
use rustix::io::Errno;
use rustix::mount::{MountFlags, MountPropagationFlags, UnmountFlags};

use crate::debug;
use crate::storage::path::{clean_components, in_root, join, resolve_create, Missing};

/// What the rootfs needs.
pub struct Plan<'a> {
    /// The mounted rootfs.
    pub root: &'a Path,
    /// The container has its own network namespace (sysfs can be mounted).
    pub own_netns: bool,
    /// Only one id is mapped (no gid 5 for devpts).
    pub single_id: bool,
    /// Files to bind over /etc/hosts, /etc/resolv.conf, /etc/hostname and
    /// /run/.containerenv.
    pub etc_files: Vec<(PathBuf, String)>,
    /// The working directory to create if missing.
    pub workdir: &'a str,
    /// Masked and read-only paths, read-only root.
    pub security: &'a super::security::Security,
    /// Host directories, volumes and tmpfs, parents before children.
    pub user: Vec<UserMount>,
    /// The container has a cgroup (and a cgroup namespace) of its own: it
    /// sees it, read-only, at /sys/fs/cgroup.
    pub cgroup: bool,
    /// /dev/shm's size in bytes (none: 64 MiB).
    pub shm_size: Option<u64>,
    /// `--pid host`: the host's /proc, bound (a proc of the host's pid
    /// namespace cannot be mounted from den's user namespace).
    pub host_proc: bool,
    /// `--ipc host`: the host's /dev/mqueue, bound; `--ipc none`: no /dev/shm.
    pub host_mqueue: bool,
    pub no_shm: bool,
    /// /dev, made beside the supervisor (`devbeside.rs`) as a detached
    /// tree; `None`: made here.
    pub dev: Option<&'a OwnedFd>,
}

/// A mount the user asked for, ready to attach.
pub struct UserMount {
    /// Where, inside the container.
    pub target: String,
    pub source: Source,
    /// Propagation beyond the default private (`rshared`, `slave`, ...).
    pub propagation: Option<MountPropagationFlags>,
}

/// What a [`UserMount`] mounts.
pub enum Source {
    /// A detached tree the supervisor made (a host path or a volume's
    /// data); `dir`: the target is made a directory, else a file.
    Tree { fd: OwnedFd, dir: bool },
    /// A fresh tmpfs, with what the image has at the target copied in
    /// when `copy_up`.
    Tmpfs {
        flags: MountFlags,
        data: String,
        read_only: bool,
        copy_up: bool,
    },
}

/// What every container's /dev holds: made by its init (`setup`), or
/// beside the supervisor as a detached tree the init attaches
/// (`devbeside.rs`).
pub mod dev {
    use std::ffi::CStr;

    /// Host devices, bound onto files of the same name.
    pub const DEVICES: &[(&CStr, &CStr)] = &[
        (c"null", c"/dev/null"),
        (c"zero", c"/dev/zero"),
        (c"full", c"/dev/full"),
        (c"tty", c"/dev/tty"),
        (c"random", c"/dev/random"),
        (c"urandom", c"/dev/urandom"),
    ];
    /// The tmpfs's options.
    pub const TMPFS: &[(&CStr, &CStr)] = &[(c"mode", c"755"), (c"size", c"65536k")];
    /// devpts's options (a new instance, as every mount of it is); the
    /// last, the tty group, only where more than one id is mapped.
    pub const PTS: &[(&CStr, &CStr)] =
        &[(c"ptmxmode", c"0666"), (c"mode", c"0620"), (c"gid", c"5")];
    /// /dev/shm's mode (its size is the container's).
    pub const SHM_MODE: &CStr = c"1777";
    /// The links: name, target.
    pub const LINKS: &[(&CStr, &CStr)] = &[
        (c"ptmx", c"pts/ptmx"),
        (c"fd", c"/proc/self/fd"),
        (c"stdin", c"/proc/self/fd/0"),
        (c"stdout", c"/proc/self/fd/1"),
        (c"stderr", c"/proc/self/fd/2"),
        (c"core", c"/proc/kcore"),
    ];

    /// `opts` as mount(2)'s data: `k=v,k=v`.
    pub fn data(opts: &[(&CStr, &CStr)]) -> String {
        let kv =
            |(k, v): &(&CStr, &CStr)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy());
        opts.iter().map(kv).collect::<Vec<_>>().join(",")
    }
}

/// Make the container's mounts, then switch root to it.
pub fn setup(plan: &Plan) -> Result<()> {
    // The rootfs as a mount of our own: in a container with its own user
    // namespace the supervisor's mounts arrive locked, and pivot_root
    // refuses a locked new root.
    rustix::mount::mount_bind_recursive(plan.root, plan.root)
        .with_context(|| format!("binding the rootfs {}", plan.root.display()))?;
    let root = rustix::fs::open(
        plan.root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening the rootfs {}", plan.root.display()))?;
    let nosuid_noexec_nodev = MountFlags::NOSUID | MountFlags::NOEXEC | MountFlags::NODEV;

    let proc_dir = ensure(&root, "proc", Kind::Dir)?;
    if plan.host_proc {
        rustix::mount::mount_bind_recursive("/proc", fd_path(&proc_dir))
            .context("binding the host's /proc (--pid host)")?;
    } else {
        mount_at(&proc_dir, "proc", "proc", nosuid_noexec_nodev, None).context("mounting /proc")?;
    }

    let sys_dir = ensure(&root, "sys", Kind::Dir)?;
    let sysfs = if plan.own_netns {
        mount_at(
            &sys_dir,
            "sysfs",
            "sysfs",
            nosuid_noexec_nodev | MountFlags::RDONLY,
            None,
        )
    } else {
        Err(Errno::PERM)
    };
    if sysfs.is_ok() && plan.cgroup {
        let dir = ensure(&root, "sys/fs/cgroup", Kind::Dir)?;
        mount_at(
            &dir,
            "cgroup2",
            "cgroup2",
            nosuid_noexec_nodev | MountFlags::RDONLY,
            None,
        )
        .context("mounting /sys/fs/cgroup")?;
    }
    if sysfs.is_err() {
        // Without its own network namespace a container may not mount sysfs:
        // bind the host's, read-only, every mount below it too (the host's
        // /sys/fs/cgroup holds the user's delegated cgroups, whose files
        // belong to the user, as the container's root does).
        let tree = super::mountfd::clone_tree(Path::new("/sys"), true).context("binding /sys")?;
        super::mountfd::set_attrs(
            &tree,
            super::mountfd::ATTR_RDONLY
                | super::mountfd::ATTR_NOSUID
                | super::mountfd::ATTR_NODEV
                | super::mountfd::ATTR_NOEXEC,
            0,
            true,
        )
        .context("making /sys read-only")?;
        super::mountfd::attach(&tree, &sys_dir).context("binding /sys")?;
        // And over the host's cgroups: its own cgroup, or nothing.
        let dir = ensure(&root, "sys/fs/cgroup", Kind::Dir)?;
        if plan.cgroup {
            mount_at(
                &dir,
                "cgroup2",
                "cgroup2",
                nosuid_noexec_nodev | MountFlags::RDONLY,
                None,
            )
        } else {
            mount_at(
                &dir,
                "tmpfs",
                "tmpfs",
                nosuid_noexec_nodev | MountFlags::RDONLY,
                Some("mode=755,size=4k"),
            )
        }
        .context("mounting /sys/fs/cgroup")?;
    }

    let dev = ensure(&root, "dev", Kind::Dir)?;
    // The tree made beside, attached whole; where that fails (nothing is
    // attached then), /dev is made here, as without it.
    let attached = plan.dev.is_some_and(|tree| {
        super::mountfd::attach(tree, &dev)
            .map_err(|e| debug!("/dev made here: attaching the tree: {e}"))
            .is_ok()
    });
    if !attached {
        mount_at(
            &dev,
            "tmpfs",
            "tmpfs",
            MountFlags::NOSUID | MountFlags::STRICTATIME,
            Some(&dev::data(dev::TMPFS)),
        )
        .context("mounting /dev")?;
    }
    // Its entries are made from the tmpfs's root, one lookup each.
    let dev_fd = rustix::fs::openat2(
        &root,
        "dev",
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )?;
    if !attached {
        make_dev(&dev_fd, plan)?;
    }
    let mq = ensure(&dev_fd, "mqueue", Kind::Dir)?;
    let mqueue = if plan.host_mqueue {
        rustix::mount::mount_bind("/dev/mqueue", fd_path(&mq))
    } else {
        mount_at(&mq, "mqueue", "mqueue", nosuid_noexec_nodev, None)
    };
    if let Err(e) = mqueue {
        debug!("no /dev/mqueue: {e}");
    }

    // `--read-only`'s writable /tmp, /run and /var/tmp first, so that what
    // goes below them (the user's mounts, /run/.containerenv, secrets in
    // /run/secrets) is mounted on them, not hidden under them; one the
    // user mounts there is the user's, as podman skips it.
    if plan.security.read_only_root && plan.security.read_only_tmpfs {
        for dir in ["tmp", "run", "var/tmp"] {
            let theirs = plan.user.iter().any(|m| m.target.trim_matches('/') == dir);
            if theirs {
                continue;
            }
            let d = ensure(&root, dir, Kind::Dir)?;
            mount_at(
                &d,
                "tmpfs",
                "tmpfs",
                MountFlags::NOSUID | MountFlags::NODEV,
                Some("mode=1777"),
            )
            .with_context(|| format!("mounting a tmpfs on /{dir}"))?;
        }
    }

    for m in &plan.user {
        attach_user(&root, m).with_context(|| format!("mounting {}", m.target))?;
    }

    for (source, target) in &plan.etc_files {
        let t = ensure(&root, target, Kind::File)?;
        rustix::mount::mount_bind(source.as_path(), fd_path(&t))
            .with_context(|| format!("binding /{target}"))?;
    }

    let sec = plan.security;
    for (host, inside) in &sec.devices {
        let rel = inside.trim_start_matches('/');
        let t = ensure(&root, rel, Kind::File)?;
        rustix::mount::mount_bind(host.as_str(), fd_path(&t))
            .with_context(|| format!("binding the device {host}"))?;
    }
    for (key, value) in &sec.sysctls {
        let rel = format!("proc/sys/{}", key.replace('.', "/"));
        let fd = rustix::fs::openat2(
            &root,
            &rel,
            OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )
        .with_context(|| format!("opening sysctl {key}"))?;
        rustix::io::write(&fd, value.as_bytes())
            .with_context(|| format!("setting sysctl {key}={value}"))?;
    }
    if !sec.privileged {
        for path in &sec.masked {
            mask(&root, path)?;
        }
        for path in &sec.readonly {
            read_only(&root, path)?;
        }
    }
    if !plan.workdir.is_empty() && plan.workdir != "/" {
        ensure(&root, plan.workdir, Kind::Dir)
            .with_context(|| format!("creating the working directory {}", plan.workdir))?;
    }

    pivot(plan.root, sec.read_only_root)
}

/// /dev's entries, in the tmpfs at `dev_fd` (what `devbeside.rs` makes
/// beside the supervisor on a first start, the init makes here): the
/// host devices, devpts, /dev/shm and the links.
fn make_dev(dev_fd: &OwnedFd, plan: &Plan) -> Result<()> {
    for (name, host) in dev::DEVICES {
        let name = name.to_string_lossy();
        let target = ensure(dev_fd, &name, Kind::File)?;
        rustix::mount::mount_bind(*host, fd_path(&target))
            .with_context(|| format!("binding /dev/{name}"))?;
    }
    let pts = ensure(dev_fd, "pts", Kind::Dir)?;
    let pts_opts = match plan.single_id {
        true => &dev::PTS[..dev::PTS.len() - 1],
        false => dev::PTS,
    };
    mount_at(
        &pts,
        "devpts",
        "devpts",
        MountFlags::NOSUID | MountFlags::NOEXEC,
        Some(&format!("newinstance,{}", dev::data(pts_opts))),
    )
    .context("mounting /dev/pts")?;
    let shm = ensure(dev_fd, "shm", Kind::Dir)?;
    if !plan.no_shm {
        let shm_opts = [
            (c"mode", dev::SHM_MODE),
            (c"size", &shm_size(plan.shm_size)),
        ];
        let flags = MountFlags::NOSUID | MountFlags::NOEXEC | MountFlags::NODEV;
        mount_at(&shm, "shm", "tmpfs", flags, Some(&dev::data(&shm_opts)))
            .context("mounting /dev/shm")?;
    }
    // In the order the tree made beside has them.
    ensure(dev_fd, "mqueue", Kind::Dir)?;
    for (name, target) in dev::LINKS {
        rustix::fs::symlinkat(*target, dev_fd, *name)
            .with_context(|| format!("creating /dev/{}", name.to_string_lossy()))?;
    }
    Ok(())
}

/// /dev/shm's size option: `size` bytes, or 64 MiB.
pub fn shm_size(size: Option<u64>) -> std::ffi::CString {
    std::ffi::CString::new((size.unwrap_or(64 << 20)).to_string()).unwrap_or_default()
}

/// Attach the user's mounts below the rootfs at `root` (a stopped
/// container seen by `cp`: its volumes and host directories in place).
pub fn attach_all(root: &Path, mounts: &[UserMount]) -> Result<()> {
    let root = rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening the rootfs {}", root.display()))?;
    for m in mounts {
        attach_user(&root, m).with_context(|| format!("mounting {}", m.target))?;
    }
    Ok(())
}

/// Attach one user mount; its target is made inside the root (never
/// through a symlink that leads out) if missing.
fn attach_user(root: &OwnedFd, m: &UserMount) -> Result<()> {
    match &m.source {
        Source::Tree { fd, dir } => {
            let kind = if *dir { Kind::Dir } else { Kind::File };
            let target = ensure(root, &m.target, kind)?;
            super::mountfd::attach(fd, &target).context("attaching it")?;
        }
        Source::Tmpfs {
            flags,
            data,
            read_only,
            copy_up,
        } => {
            let target = ensure(root, &m.target, Kind::Dir)?;
            // What the image has there, opened before the tmpfs hides it.
            let under = if *copy_up {
                rustix::fs::openat(
                    &target,
                    ".",
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .ok()
            } else {
                None
            };
            let first = if under.is_some() {
                *flags
            } else {
                *flags | read_only_flag(*read_only)
            };
            mount_at(&target, "tmpfs", "tmpfs", first, Some(data)).context("mounting a tmpfs")?;
            if let Some(under) = under {
                let top = open_existing(root, &m.target).context("reopening the tmpfs")?;
                let top_dir = rustix::fs::openat(
                    &top,
                    ".",
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                crate::storage::copy::copy_tree(under.as_fd(), top_dir.as_fd())
                    .context("copying the image's files into the tmpfs")?;
                if *read_only {
                    let data = std::ffi::CString::new(data.as_str()).unwrap_or_default();
                    rustix::mount::mount_remount(
                        fd_path(&top),
                        *flags | MountFlags::RDONLY,
                        data.as_c_str(),
                    )
                    .context("making the tmpfs read-only")?;
                }
            }
        }
    }
    if let Some(p) = m.propagation {
        let fd = open_existing(root, &m.target).context("reopening the mount")?;
        rustix::mount::mount_change(fd_path(&fd), p).context("setting its propagation")?;
    }
    Ok(())
}

fn read_only_flag(ro: bool) -> MountFlags {
    if ro {
        MountFlags::RDONLY
    } else {
        MountFlags::empty()
    }
}

/// `path` inside the root as an O_PATH fd, if it exists.
fn open_existing(root: &OwnedFd, path: &str) -> Option<OwnedFd> {
    let rel = join(&clean_components(path.as_bytes()));
    rustix::fs::openat2(
        root,
        &rel,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )
    .ok()
}

/// Hide `path` (if it exists): /dev/null over a file, an empty read-only
/// tmpfs over a directory.
fn mask(root: &OwnedFd, path: &str) -> Result<()> {
    let Some(fd) = open_existing(root, path) else {
        return Ok(());
    };
    let is_dir = rustix::fs::fstat(&fd)
        .map(|st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::Directory
        })
        .unwrap_or(false);
    let r = if is_dir {
        mount_at(
            &fd,
            "tmpfs",
            "tmpfs",
            MountFlags::RDONLY | MountFlags::NOSUID | MountFlags::NODEV | MountFlags::NOEXEC,
            Some("size=0"),
        )
    } else {
        rustix::mount::mount_bind("/dev/null", fd_path(&fd))
    };
    r.with_context(|| format!("masking {path}"))
}

/// Make `path` (if it exists) read-only: a bind mount of itself, remounted read-only.
fn read_only(root: &OwnedFd, path: &str) -> Result<()> {
    let Some(fd) = open_existing(root, path) else {
        return Ok(());
    };
    let target = fd_path(&fd);
    rustix::mount::mount_bind_recursive(&target, &target)
        .with_context(|| format!("binding {path}"))?;
    // The bind is now the topmost mount there; reopen it to remount it.
    let fd = open_existing(root, path).with_context(|| format!("reopening {path}"))?;
    rustix::mount::mount_remount(
        fd_path(&fd),
        MountFlags::BIND
            | MountFlags::RDONLY
            | MountFlags::NOSUID
            | MountFlags::NODEV
            | MountFlags::NOEXEC,
        "",
    )
    .with_context(|| format!("making {path} read-only"))
}

/// pivot_root into `root` and drop the old root.
fn pivot(root: &Path, read_only: bool) -> Result<()> {
    std::env::set_current_dir(root).with_context(|| format!("entering {}", root.display()))?;
    if read_only {
        rustix::mount::mount_remount(".", MountFlags::BIND | MountFlags::RDONLY, "")
            .or_else(|_| rustix::mount::mount_remount(".", MountFlags::RDONLY, ""))
            .context("making the root filesystem read-only")?;
    }
    rustix::process::pivot_root(".", ".").context("pivot_root")?;
    // The old root is now stacked under the new one: make it private and drop it.
    rustix::mount::mount_change(
        ".",
        MountPropagationFlags::PRIVATE | MountPropagationFlags::REC,
    )
    .context("making the old root private")?;
    rustix::mount::unmount(".", UnmountFlags::DETACH).context("detaching the old root")?;
    std::env::set_current_dir("/").context("entering the new root")?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
}

/// Open `path` inside `root` as an O_PATH fd, following symlinks inside
/// the root and making what is missing (see `resolve_create`).
fn ensure(root: &OwnedFd, path: &str, kind: Kind) -> Result<OwnedFd> {
    let last = match kind {
        Kind::Dir => Missing::Dir,
        Kind::File => Missing::File,
    };
    resolve_create(root.as_fd(), path.as_bytes(), last)
        .with_context(|| format!("making /{} in the rootfs", path.trim_start_matches('/')))
}

fn fd_path(fd: &OwnedFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

fn mount_at(
    target: &OwnedFd,
    source: &str,
    fstype: &str,
    flags: MountFlags,
    data: Option<&str>,
) -> rustix::io::Result<()> {
    let data = data.map(|d| std::ffi::CString::new(d).unwrap_or_default());
    rustix::mount::mount(source, fd_path(target), fstype, flags, data.as_deref())
}
