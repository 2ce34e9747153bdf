//! Copying a directory tree between two directory descriptors, keeping
//! owners, modes, times, xattrs, symlinks and hardlinks: a volume filled
//! with what the image has at its mount point, a tmpfs with what was under
//! it. The source may be hostile (an image, a container): no symlink is
//! ever followed, every directory is opened beneath its root by a relative
//! path, and at most two directories are open at a time, so neither a
//! deep tree nor a wide one exhausts descriptors.

use std::collections::HashMap;
use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Timespec, Timestamps};
use rustix::io::Errno;

use crate::debug;

/// Resolve beneath the root, never through a symlink or /proc magic link.
fn beneath() -> ResolveFlags {
    ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS
}

fn open_dir(root: BorrowedFd<'_>, rel: &Path) -> rustix::io::Result<OwnedFd> {
    let path: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    rustix::fs::openat2(
        root,
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        beneath(),
    )
}

/// Whether the directory `dir` has no entries.
pub fn is_empty_dir(dir: &impl AsFd) -> Result<bool> {
    let fd = rustix::fs::openat(
        dir,
        ".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    for e in rustix::fs::Dir::read_from(&fd)? {
        let name = e?.file_name().to_bytes().to_vec();
        if name != b"." && name != b".." {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A directory whose owner, mode and times are set once its content is in.
struct DirMeta {
    rel: PathBuf,
    st: rustix::fs::Stat,
}

/// Copy everything below `src` into `dst` (both directories; `dst`'s own
/// metadata is left alone). Owners the namespace cannot set are skipped
/// (the copy keeps ours), as are device nodes it may not make.
pub fn copy_tree(src: BorrowedFd<'_>, dst: BorrowedFd<'_>) -> Result<()> {
    let mut queue: Vec<PathBuf> = vec![PathBuf::new()];
    let mut dirs: Vec<DirMeta> = Vec::new();
    // Hardlinks: (dev, inode) of the first copy -> where it went.
    let mut links: HashMap<(u64, u64), PathBuf> = HashMap::new();
    while let Some(rel) = queue.pop() {
        let shown = || format!("/{}", rel.display());
        let s = open_dir(src, &rel).with_context(|| format!("opening {} to copy it", shown()))?;
        let d = open_dir(dst, &rel).with_context(|| format!("opening the copy of {}", shown()))?;
        let mut names: Vec<OsString> = Vec::new();
        for e in rustix::fs::Dir::read_from(&s)? {
            let e = e?;
            let n = e.file_name().to_bytes();
            if n != b"." && n != b".." {
                names.push(std::ffi::OsStr::from_bytes(n).to_os_string());
            }
        }
        for name in names {
            let child = rel.join(&name);
            copy_entry(
                &s, &d, &name, &child, &mut queue, &mut dirs, &mut links, dst,
            )
            .with_context(|| format!("copying /{}", child.display()))?;
        }
    }
    // Deepest first, so a parent's times are set after its children.
    dirs.sort_by_key(|m| std::cmp::Reverse(m.rel.components().count()));
    for m in dirs {
        let Ok(fd) = open_dir(dst, &m.rel) else {
            continue;
        };
        set_meta(&fd, &m.st);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn copy_entry(
    s: &OwnedFd,
    d: &OwnedFd,
    name: &OsString,
    rel: &Path,
    queue: &mut Vec<PathBuf>,
    dirs: &mut Vec<DirMeta>,
    links: &mut HashMap<(u64, u64), PathBuf>,
    dst_root: BorrowedFd<'_>,
) -> Result<()> {
    let st = match rustix::fs::statat(s, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => st,
        Err(Errno::NOENT) => return Ok(()), // gone meanwhile
        Err(e) => return Err(e.into()),
    };
    let kind = FileType::from_raw_mode(st.st_mode);
    if kind != FileType::Directory && st.st_nlink > 1 {
        if let Some(first) = links.get(&(st.st_dev, st.st_ino)) {
            // The first copy's directory, opened beneath the destination
            // with no symlink followed: a running container sharing the
            // volume may have swapped a directory on its path for a link.
            let (parent, base) = match (first.parent(), first.file_name()) {
                (Some(p), Some(b)) => (p, b),
                _ => return Err(Errno::INVAL.into()),
            };
            let at = open_dir(dst_root, parent)?;
            rustix::fs::linkat(&at, base, d, name, AtFlags::empty())?;
            return Ok(());
        }
        links.insert((st.st_dev, st.st_ino), rel.to_path_buf());
    }
    match kind {
        FileType::Directory => {
            match rustix::fs::mkdirat(d, name, Mode::from_raw_mode(0o700)) {
                Ok(()) => {}
                Err(Errno::EXIST) => {
                    let there = rustix::fs::statat(d, name, AtFlags::SYMLINK_NOFOLLOW)?;
                    if FileType::from_raw_mode(there.st_mode) != FileType::Directory {
                        return Err(Errno::EXIST.into());
                    }
                }
                Err(e) => return Err(e.into()),
            }
            queue.push(rel.to_path_buf());
            dirs.push(DirMeta {
                rel: rel.to_path_buf(),
                st,
            });
        }
        FileType::RegularFile => {
            // Without blocking, and checked to be the file just seen.
            let from = rustix::fs::openat(
                s,
                name,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            let now = rustix::fs::fstat(&from)?;
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) {
                return Err(Errno::AGAIN.into());
            }
            let to = rustix::fs::openat(
                d,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            )?;
            let (mut from, mut to) = (std::fs::File::from(from), std::fs::File::from(to));
            std::io::copy(&mut from, &mut to)?;
            copy_xattrs(&from, &to);
            set_meta(&to, &st);
        }
        FileType::Symlink => {
            let target = rustix::fs::readlinkat(s, name, Vec::new())?;
            rustix::fs::symlinkat(target.as_c_str(), d, name)?;
            chown_at(d, name, &st);
            let _ = rustix::fs::utimensat(d, name, &times(&st), AtFlags::SYMLINK_NOFOLLOW);
        }
        other => {
            let dev =
                rustix::fs::makedev(rustix::fs::major(st.st_rdev), rustix::fs::minor(st.st_rdev));
            match rustix::fs::mknodat(
                d,
                name,
                other,
                Mode::from_raw_mode(st.st_mode & 0o7777),
                dev,
            ) {
                Ok(()) => chown_at(d, name, &st),
                Err(Errno::PERM) | Err(Errno::ACCESS) => {
                    debug!("not copying the special file /{}: {other:?}", rel.display());
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// `st`'s access and modification times, to set on a copy.
pub(super) fn times(st: &rustix::fs::Stat) -> Timestamps {
    Timestamps {
        last_access: Timespec {
            tv_sec: st.st_atime,
            tv_nsec: st.st_atime_nsec as _,
        },
        last_modification: Timespec {
            tv_sec: st.st_mtime,
            tv_nsec: st.st_mtime_nsec as _,
        },
    }
}

/// Owner (where the namespace can set it), then mode (chown clears
/// setuid bits), then times.
fn set_meta(fd: &impl AsFd, st: &rustix::fs::Stat) {
    if let Err(e) = rustix::fs::fchown(
        fd,
        Some(rustix::fs::Uid::from_raw(st.st_uid)),
        Some(rustix::fs::Gid::from_raw(st.st_gid)),
    ) {
        debug!(
            "keeping our owner instead of {}:{}: {e}",
            st.st_uid, st.st_gid
        );
    }
    let _ = rustix::fs::fchmod(fd, Mode::from_raw_mode(st.st_mode & 0o7777));
    let _ = rustix::fs::futimens(fd, &times(st));
}

fn chown_at(dir: &OwnedFd, name: &OsString, st: &rustix::fs::Stat) {
    let _ = rustix::fs::chownat(
        dir,
        name,
        Some(rustix::fs::Uid::from_raw(st.st_uid)),
        Some(rustix::fs::Gid::from_raw(st.st_gid)),
        AtFlags::SYMLINK_NOFOLLOW,
    );
}

fn copy_xattrs(from: &std::fs::File, to: &std::fs::File) {
    let mut names = vec![0u8; 64 * 1024];
    let Ok(n) = rustix::fs::flistxattr(from, &mut names) else {
        return;
    };
    for name in names[..n].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        if name.starts_with("user.overlay.") || name.starts_with("trusted.overlay.") {
            continue;
        }
        let mut value = vec![0u8; 64 * 1024];
        if let Ok(len) = rustix::fs::fgetxattr(from, name, &mut value) {
            let _ = rustix::fs::fsetxattr(to, name, &value[..len], rustix::fs::XattrFlags::empty());
        }
    }
}

/// chown `path` and everything below it to `uid`:`gid` (`-v ...:U`),
/// never through a symlink: every directory is opened beneath `path` by a
/// relative path with no symlink followed (a container sharing the tree
/// may swap a directory for a link meanwhile), and other filesystems
/// mounted below are left alone.
pub fn chown_tree(path: &Path, uid: u32, gid: u32) -> Result<()> {
    let (uid, gid) = (
        Some(rustix::fs::Uid::from_raw(uid)),
        Some(rustix::fs::Gid::from_raw(gid)),
    );
    let top = rustix::fs::lstat(path).with_context(|| format!("reading {}", path.display()))?;
    rustix::fs::chownat(rustix::fs::CWD, path, uid, gid, AtFlags::SYMLINK_NOFOLLOW)
        .with_context(|| format!("changing the owner of {}", path.display()))?;
    if FileType::from_raw_mode(top.st_mode) != FileType::Directory {
        return Ok(());
    }
    let root = rustix::fs::open(
        path,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = match open_dir(root.as_fd(), &rel) {
            Ok(d) => d,
            // Swapped or removed meanwhile: nothing of ours to chown there.
            Err(Errno::NOENT | Errno::LOOP | Errno::NOTDIR | Errno::XDEV) => continue,
            Err(e) => return Err(e).with_context(|| format!("opening {}", rel.display())),
        };
        if rustix::fs::fstat(&dir)?.st_dev != top.st_dev {
            continue;
        }
        for e in rustix::fs::Dir::read_from(&dir)? {
            let e = e?;
            let name = e.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let name = std::ffi::OsStr::from_bytes(name);
            match rustix::fs::chownat(&dir, name, uid, gid, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(()) | Err(Errno::NOENT) => {}
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "changing the owner of {}",
                            path.join(&rel).join(name).display()
                        )
                    })
                }
            }
            let is_dir = match e.file_type() {
                FileType::Unknown => rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Directory),
                t => t == FileType::Directory,
            };
            if is_dir {
                stack.push(rel.join(name));
            }
        }
    }
    Ok(())
}
