//! The container's mounts, made in its own mount namespace before
//! pivot_root. Every target is resolved inside the rootfs with
//! `openat2(RESOLVE_IN_ROOT)` and mounted through its `/proc/self/fd` path,
//! so a symlink in the image can never redirect a mount to the host.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::Path;

use anyhow::{Context, Result};
use rustix::fs::{Mode, OFlags};
use rustix::io::Errno;
use rustix::mount::{MountFlags, MountPropagationFlags, UnmountFlags};

use crate::debug;
use crate::storage::path::{clean_components, in_root, join, open_dir};

/// What the rootfs needs.
pub struct Plan<'a> {
    /// The mounted rootfs.
    pub root: &'a Path,
    /// The container has its own network namespace (sysfs can be mounted).
    pub own_netns: bool,
    /// Only one id is mapped (no gid 5 for devpts).
    pub single_id: bool,
    /// Files to bind over /etc/hosts, /etc/resolv.conf, /etc/hostname.
    pub etc_files: Vec<(&'a Path, &'static str)>,
    /// The working directory to create if missing.
    pub workdir: &'a str,
}

/// Host devices bind-mounted into the container's /dev.
const DEVICES: &[&str] = &["null", "zero", "full", "tty", "random", "urandom"];

/// Make the container's mounts, then switch root to it.
pub fn setup(plan: &Plan) -> Result<()> {
    let root = rustix::fs::open(
        plan.root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening the rootfs {}", plan.root.display()))?;
    let nosuid_noexec_nodev = MountFlags::NOSUID | MountFlags::NOEXEC | MountFlags::NODEV;

    let proc_dir = ensure(&root, "proc", Kind::Dir)?;
    mount_at(&proc_dir, "proc", "proc", nosuid_noexec_nodev, None).context("mounting /proc")?;

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
    if sysfs.is_err() {
        // Without its own network namespace a container may not mount sysfs:
        // bind the host's, read-only.
        rustix::mount::mount_bind_recursive("/sys", fd_path(&sys_dir)).context("binding /sys")?;
        let _ = rustix::mount::mount_remount(
            fd_path(&sys_dir),
            MountFlags::BIND | MountFlags::RDONLY | nosuid_noexec_nodev,
            "",
        );
    }

    let dev = ensure(&root, "dev", Kind::Dir)?;
    mount_at(
        &dev,
        "tmpfs",
        "tmpfs",
        MountFlags::NOSUID | MountFlags::STRICTATIME,
        Some("mode=755,size=65536k"),
    )
    .context("mounting /dev")?;
    for name in DEVICES {
        let target = ensure(&root, &format!("dev/{name}"), Kind::File)?;
        rustix::mount::mount_bind(format!("/dev/{name}"), fd_path(&target))
            .with_context(|| format!("binding /dev/{name}"))?;
    }
    let pts = ensure(&root, "dev/pts", Kind::Dir)?;
    let pts_opts = if plan.single_id {
        "newinstance,ptmxmode=0666,mode=0620"
    } else {
        "newinstance,ptmxmode=0666,mode=0620,gid=5"
    };
    mount_at(
        &pts,
        "devpts",
        "devpts",
        MountFlags::NOSUID | MountFlags::NOEXEC,
        Some(pts_opts),
    )
    .context("mounting /dev/pts")?;
    let shm = ensure(&root, "dev/shm", Kind::Dir)?;
    mount_at(
        &shm,
        "shm",
        "tmpfs",
        nosuid_noexec_nodev,
        Some("mode=1777,size=65536k"),
    )
    .context("mounting /dev/shm")?;
    let mq = ensure(&root, "dev/mqueue", Kind::Dir)?;
    if let Err(e) = mount_at(&mq, "mqueue", "mqueue", nosuid_noexec_nodev, None) {
        debug!("no /dev/mqueue: {e}");
    }
    let dev_fd = rustix::fs::openat2(
        &root,
        "dev",
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )?;
    for (name, target) in [
        ("ptmx", "pts/ptmx"),
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("core", "/proc/kcore"),
    ] {
        rustix::fs::symlinkat(target, &dev_fd, name)
            .with_context(|| format!("creating /dev/{name}"))?;
    }

    for (source, target) in &plan.etc_files {
        let t = ensure(&root, target, Kind::File)?;
        rustix::mount::mount_bind(*source, fd_path(&t))
            .with_context(|| format!("binding /{target}"))?;
    }

    if !plan.workdir.is_empty() && plan.workdir != "/" {
        ensure(&root, plan.workdir, Kind::Dir)
            .with_context(|| format!("creating the working directory {}", plan.workdir))?;
    }

    pivot(plan.root)
}

/// pivot_root into `root` and drop the old root.
fn pivot(root: &Path) -> Result<()> {
    std::env::set_current_dir(root).with_context(|| format!("entering {}", root.display()))?;
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

/// Open `path` inside `root` (creating it, and its parents, if missing) as an O_PATH fd.
fn ensure(root: &OwnedFd, path: &str, kind: Kind) -> Result<OwnedFd> {
    let comps = clean_components(path.as_bytes());
    let (name, parents) = comps.split_last().context("empty mount target")?;
    let rel = join(&comps);
    let flags = OFlags::PATH | OFlags::CLOEXEC;
    match rustix::fs::openat2(root, &rel, flags, Mode::empty(), in_root()) {
        Ok(fd) => return Ok(fd),
        Err(Errno::NOENT) => {}
        Err(e) => return Err(e).with_context(|| format!("opening /{path} in the rootfs")),
    }
    let parent = open_dir(root.as_fd(), parents, true)
        .with_context(|| format!("creating the parents of /{path}"))?;
    let created = match kind {
        Kind::Dir => rustix::fs::mkdirat(&parent, *name, Mode::from_raw_mode(0o755)),
        Kind::File => rustix::fs::openat(
            &parent,
            *name,
            OFlags::CREATE | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )
        .map(drop),
    };
    match created {
        // EXIST/LOOP: a dangling symlink is there; the open below reports it.
        Ok(()) | Err(Errno::EXIST) | Err(Errno::LOOP) => {}
        Err(e) => return Err(e).with_context(|| format!("creating /{path}")),
    }
    rustix::fs::openat2(root, &rel, flags, Mode::empty(), in_root())
        .with_context(|| format!("opening /{path} in the rootfs"))
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
