//! Mounts as file descriptors: a detached copy of a tree (`open_tree`),
//! its flags changed (`mount_setattr`), attached somewhere else
//! (`move_mount`). The supervisor detaches a container's host directories
//! and volumes from its own namespace, where it can reach them, and the
//! container's init attaches them in the container's, where it may not.
#![allow(unsafe_code)]

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::Path;

use rustix::io::Errno;
use rustix::mount::{MoveMountFlags, OpenTreeFlags};

/// `struct mount_attr` of mount_setattr(2).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

pub const ATTR_RDONLY: u64 = 0x1;
pub const ATTR_NOSUID: u64 = 0x2;
pub const ATTR_NODEV: u64 = 0x4;
pub const ATTR_NOEXEC: u64 = 0x8;

/// A detached copy of the mount at `path` (with every mount below it when
/// `recursive`), alive while the descriptor is.
pub fn clone_tree(path: &Path, recursive: bool) -> rustix::io::Result<OwnedFd> {
    let mut flags = OpenTreeFlags::OPEN_TREE_CLONE | OpenTreeFlags::OPEN_TREE_CLOEXEC;
    if recursive {
        flags |= OpenTreeFlags::AT_RECURSIVE;
    }
    rustix::mount::open_tree(rustix::fs::CWD, path, flags)
}

/// A detached copy of `sub` inside the directory `top`, resolved beneath
/// it: a link that leads out of `top` (absolute, or `..` past it) or a
/// magic link fails with EXDEV/ELOOP instead of following it.
pub fn clone_tree_beneath(top: &Path, sub: &Path, recursive: bool) -> rustix::io::Result<OwnedFd> {
    use rustix::fs::{Mode, OFlags, ResolveFlags};
    let dir = rustix::fs::open(
        top,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let target = rustix::fs::openat2(
        &dir,
        sub,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
    )?;
    let mut flags = OpenTreeFlags::OPEN_TREE_CLONE
        | OpenTreeFlags::OPEN_TREE_CLOEXEC
        | OpenTreeFlags::AT_EMPTY_PATH;
    if recursive {
        flags |= OpenTreeFlags::AT_RECURSIVE;
    }
    rustix::mount::open_tree(&target, "", flags)
}

/// Set the flags `set` and clear `clear` (`ATTR_*`) on the mount `tree`
/// (and every mount below it when `recursive`). Allocates nothing: a
/// forked child may call it.
pub fn set_attrs(
    tree: &impl AsFd,
    set: u64,
    clear: u64,
    recursive: bool,
) -> rustix::io::Result<()> {
    let attr = MountAttr {
        attr_set: set,
        attr_clr: clear,
        propagation: 0,
        userns_fd: 0,
    };
    let flags = libc::AT_EMPTY_PATH | if recursive { libc::AT_RECURSIVE } else { 0 };
    // SAFETY: mount_setattr reads `attr` (of the size we pass) during the
    // call; the path is an empty C string with AT_EMPTY_PATH, and the fd
    // is borrowed for the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            tree.as_fd().as_raw_fd(),
            c"".as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(Errno::from_raw_os_error(
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO),
        ));
    }
    Ok(())
}

/// Attach the detached `tree` on `target` (an O_PATH descriptor of the
/// mount point).
pub fn attach(tree: &impl AsFd, target: &impl AsFd) -> rustix::io::Result<()> {
    rustix::mount::move_mount(
        tree.as_fd(),
        c"",
        target.as_fd(),
        c"",
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH | MoveMountFlags::MOVE_MOUNT_T_EMPTY_PATH,
    )
}
