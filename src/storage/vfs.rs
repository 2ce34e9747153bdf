//! The vfs driver: a container's rootfs as a plain copy of its layers,
//! applying whiteouts and opaque directories. Writes go through
//! `openat2(RESOLVE_IN_ROOT)` so a symlink from a lower layer cannot send
//! a copy outside the rootfs.

use std::collections::HashMap;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, XattrFlags};
use rustix::io::Errno;

use super::extract::OPAQUE_XATTRS;
use super::path::{self, clean_components, in_root};

/// Copy the layer tree `src` on top of `dest`.
pub fn apply_layer(src: &Path, dest: &Path) -> Result<()> {
    let root = rustix::fs::open(
        dest,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    copy_dir(src, Path::new(""), &root, &mut HashMap::new())
}

/// Files of a layer with more than one link, by (device, inode), and where the first copy went.
type Links = HashMap<(u64, u64), PathBuf>;

fn is_opaque(p: &Path) -> bool {
    OPAQUE_XATTRS.iter().any(|x| {
        let mut buf = [0u8; 4];
        matches!(rustix::fs::lgetxattr(p, *x, &mut buf), Ok(1) if buf[0] == b'y')
    })
}

fn open_dir(root: &OwnedFd, rel: &Path) -> Result<OwnedFd> {
    let comps = clean_components(rel.as_os_str().as_bytes());
    path::open_dir(root.as_fd(), &comps, false)
        .with_context(|| format!("opening /{}", rel.display()))
}

fn remove_at(
    parent: &OwnedFd,
    name: &std::ffi::OsStr,
    rel: &Path,
    root_path_hint: &OwnedFd,
) -> Result<()> {
    match rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
        Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(e.into()),
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => {
            let dir = rustix::fs::openat2(
                root_path_hint,
                rel,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
                in_root(),
            )?;
            for n in path::dir_names(&dir)? {
                remove_at(&rustix::io::dup(&dir)?, &n, &rel.join(&n), root_path_hint)?;
            }
            Ok(rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR)?)
        }
        Ok(_) => Ok(rustix::fs::unlinkat(parent, name, AtFlags::empty())?),
    }
}

fn copy_dir(src_root: &Path, rel: &Path, root: &OwnedFd, links: &mut Links) -> Result<()> {
    let src_dir = src_root.join(rel);
    let parent = open_dir(root, rel)?;
    if is_opaque(&src_dir) {
        for n in path::dir_names(&parent)? {
            remove_at(&parent, &n, &rel.join(&n), root)?;
        }
    }
    for entry in
        std::fs::read_dir(&src_dir).with_context(|| format!("reading {}", src_dir.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        let src = entry.path();
        let meta = std::fs::symlink_metadata(&src)?;
        let ft = meta.file_type();
        let rel_child = rel.join(&name);
        let owner = (
            Some(rustix::fs::Uid::from_raw(meta.uid())),
            Some(rustix::fs::Gid::from_raw(meta.gid())),
        );
        let mode = Mode::from_raw_mode(meta.mode() & 0o7777);
        if ft.is_char_device() && meta.rdev() == 0 {
            remove_at(&parent, &name, &rel_child, root)?; // a whiteout
            continue;
        }
        let existing_is_dir = matches!(rustix::fs::statat(&parent, &name, AtFlags::SYMLINK_NOFOLLOW),
            Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory);
        if !(ft.is_dir() && existing_is_dir) {
            remove_at(&parent, &name, &rel_child, root)?;
        }
        if ft.is_dir() {
            if !existing_is_dir {
                rustix::fs::mkdirat(&parent, &name, mode)?;
            }
            rustix::fs::chownat(&parent, &name, owner.0, owner.1, AtFlags::SYMLINK_NOFOLLOW)?;
            rustix::fs::chmodat(&parent, &name, mode, AtFlags::empty())?;
            copy_dir(src_root, &rel_child, root, links)?;
            // After its content, which changes it.
            let _ = rustix::fs::utimensat(&parent, &name, &times(&meta), AtFlags::SYMLINK_NOFOLLOW);
        } else if ft.is_file() && meta.nlink() > 1 && links.contains_key(&(meta.dev(), meta.ino()))
        {
            let first = &links[&(meta.dev(), meta.ino())];
            let first_parent = open_dir(root, first.parent().unwrap_or(Path::new("")))?;
            let first_name = first.file_name().context("hardlink target has no name")?;
            rustix::fs::linkat(&first_parent, first_name, &parent, &name, AtFlags::empty())?;
        } else if ft.is_file() {
            if meta.nlink() > 1 {
                links.insert((meta.dev(), meta.ino()), rel_child.clone());
            }
            let fd = rustix::fs::openat(
                &parent,
                &name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            )?;
            let mut out = std::fs::File::from(fd);
            std::io::copy(&mut std::fs::File::open(&src)?, &mut out)?;
            rustix::fs::fchown(&out, owner.0, owner.1)?;
            rustix::fs::fchmod(&out, mode)?;
            copy_xattrs(&src, &out);
            let _ = rustix::fs::futimens(&out, &times(&meta));
        } else if ft.is_symlink() {
            let target = std::fs::read_link(&src)?;
            rustix::fs::symlinkat(&target, &parent, &name)?;
            rustix::fs::chownat(&parent, &name, owner.0, owner.1, AtFlags::SYMLINK_NOFOLLOW)?;
            let _ = rustix::fs::utimensat(&parent, &name, &times(&meta), AtFlags::SYMLINK_NOFOLLOW);
        } else {
            let kind = if ft.is_fifo() {
                FileType::Fifo
            } else if ft.is_char_device() {
                FileType::CharacterDevice
            } else {
                FileType::BlockDevice
            };
            if rustix::fs::mknodat(&parent, &name, kind, mode, meta.rdev()).is_ok() {
                rustix::fs::chownat(&parent, &name, owner.0, owner.1, AtFlags::SYMLINK_NOFOLLOW)?;
            }
        }
    }
    Ok(())
}

/// A layer entry's times, kept in the copy (`diff` compares them).
fn times(meta: &std::fs::Metadata) -> rustix::fs::Timestamps {
    rustix::fs::Timestamps {
        last_access: rustix::fs::Timespec {
            tv_sec: meta.atime(),
            tv_nsec: meta.atime_nsec() as _,
        },
        last_modification: rustix::fs::Timespec {
            tv_sec: meta.mtime(),
            tv_nsec: meta.mtime_nsec() as _,
        },
    }
}

fn copy_xattrs(src: &Path, dst: &std::fs::File) {
    let mut names = vec![0u8; 4096];
    let Ok(n) = rustix::fs::llistxattr(src, &mut names) else {
        return;
    };
    for name in names[..n].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if name.contains(".overlay.") || name.starts_with("user.fuseoverlayfs.") {
            continue;
        }
        let mut value = vec![0u8; 65536];
        if let Ok(len) = rustix::fs::lgetxattr(src, name.as_str(), &mut value) {
            let _ = rustix::fs::fsetxattr(dst, name.as_str(), &value[..len], XattrFlags::empty());
        }
    }
}
