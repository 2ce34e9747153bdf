//! Removing a directory tree of any depth: a layer or a container may hold
//! thousands of nested directories (a container process can build them in
//! a loop). Removal walks down and back up holding one directory open at
//! a time, with the names on the way down kept in memory, so neither the
//! descriptor limit nor PATH_MAX stops it. Directories a layer or a
//! process made unreadable or unwritable are opened up on the way.

use std::ffi::{OsStr, OsString};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

/// Remove `path` and everything below it; a missing path is not an error.
pub fn remove_tree(path: &Path) -> Result<()> {
    remove(path).with_context(|| format!("removing {}", path.display()))
}

fn remove(path: &Path) -> Result<()> {
    let st = match rustix::fs::lstat(path) {
        Ok(st) => st,
        Err(Errno::NOENT) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
        return Ok(rustix::fs::unlink(path)?);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path.file_name().context("a path without a name")?;
    let top = open_dir(rustix::fs::CWD, path)?;
    empty_tree(top)?;
    let parent_fd = open_dir(rustix::fs::CWD, parent.unwrap_or(Path::new(".")))?;
    Ok(rustix::fs::unlinkat(&parent_fd, name, AtFlags::REMOVEDIR)?)
}

/// Where the walk came down from: a directory's name in its parent, and
/// the parent's identity, checked on the way back up.
struct Step {
    name: OsString,
    parent: (u64, u64),
}

/// Remove everything below the directory `top` (which stays).
fn empty_tree(top: OwnedFd) -> Result<()> {
    let mut path: Vec<Step> = Vec::new();
    let mut cur = top;
    loop {
        match empty_files(&cur)? {
            Some(sub) => {
                let here = id(&cur)?;
                let child = open_subdir(&cur, &sub)?;
                path.push(Step {
                    name: sub,
                    parent: here,
                });
                cur = child;
            }
            None => {
                let Some(step) = path.pop() else {
                    return Ok(());
                };
                let parent = rustix::fs::openat(
                    &cur,
                    "..",
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                if id(&parent)? != step.parent {
                    bail!("the tree changed while it was removed");
                }
                drop(cur);
                unlink_at(&parent, &step.name, AtFlags::REMOVEDIR)?;
                cur = parent;
            }
        }
    }
}

/// Remove the non-directories in `dir`; the first subdirectory left, if any.
fn empty_files(dir: &OwnedFd) -> Result<Option<OsString>> {
    loop {
        let mut removed = false;
        let mut subdir = None;
        let mut reader = rustix::fs::Dir::read_from(dir)?;
        while let Some(entry) = reader.read() {
            let entry = entry?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Unknown => FileType::from_raw_mode(
                    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)?.st_mode,
                ),
                k => k,
            };
            if kind == FileType::Directory {
                subdir = Some(name.to_os_string());
                break;
            }
            unlink_at(dir, name, AtFlags::empty())?;
            removed = true;
        }
        // Unlinking while reading may hide entries from the reader: read
        // again until a pass removes nothing.
        if subdir.is_some() || !removed {
            return Ok(subdir);
        }
    }
}

/// unlinkat, first letting us write to `dir` if its mode does not.
fn unlink_at(dir: &OwnedFd, name: &OsStr, flags: AtFlags) -> Result<()> {
    match rustix::fs::unlinkat(dir, name, flags) {
        Err(Errno::ACCESS) | Err(Errno::PERM) => {
            open_up(dir)?;
            Ok(rustix::fs::unlinkat(dir, name, flags)?)
        }
        r => Ok(r?),
    }
}

/// Open the subdirectory `name` of `dir`, never through a symlink, letting
/// us read and enter it if its mode does not.
fn open_subdir(dir: &OwnedFd, name: &OsStr) -> Result<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    match rustix::fs::openat(dir, name, flags, Mode::empty()) {
        Err(Errno::ACCESS) => {
            let st = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)?;
            let mode = Mode::from_raw_mode(st.st_mode & 0o7777) | Mode::RWXU;
            rustix::fs::chmodat(dir, name, mode, AtFlags::empty())?;
            Ok(rustix::fs::openat(dir, name, flags, Mode::empty())?)
        }
        r => Ok(r?),
    }
}

fn open_dir(at: impl std::os::fd::AsFd, path: &Path) -> Result<OwnedFd> {
    Ok(rustix::fs::openat(
        at,
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

fn open_up(dir: &OwnedFd) -> Result<()> {
    let st = rustix::fs::fstat(dir)?;
    let mode = Mode::from_raw_mode(st.st_mode & 0o7777) | Mode::RWXU;
    Ok(rustix::fs::fchmod(dir, mode)?)
}

fn id(dir: &OwnedFd) -> Result<(u64, u64)> {
    let st = rustix::fs::fstat(dir)?;
    Ok((st.st_dev, st.st_ino))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn removes_a_tree_deeper_than_the_descriptor_limit_and_path_max() {
        let t = tempfile::tempdir().expect("tmp");
        let top = t.path().join("top");
        std::fs::create_dir(&top).expect("mkdir");
        // 3000 levels: more than 1024 descriptors, and 9000 bytes of path.
        let mut fd = open_dir(rustix::fs::CWD, &top).expect("open");
        for i in 0..3000 {
            rustix::fs::mkdirat(&fd, "dd", Mode::RWXU).expect("mkdir");
            if i % 500 == 0 {
                let f =
                    rustix::fs::openat(&fd, "file", OFlags::CREATE | OFlags::WRONLY, Mode::RUSR)
                        .expect("file");
                drop(f);
                rustix::fs::symlinkat("/etc", &fd, "link").expect("symlink");
            }
            fd = rustix::fs::openat(&fd, "dd", OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
                .expect("open");
        }
        // A directory nobody may read or write, at the bottom.
        rustix::fs::mkdirat(&fd, "locked", Mode::empty()).expect("mkdir");
        drop(fd);
        remove_tree(&top).expect("remove");
        assert!(!top.exists());
        assert!(
            std::path::Path::new("/etc").exists(),
            "a symlink was followed"
        );
        remove_tree(&top).expect("a missing tree is fine");
    }

    #[test]
    fn removes_a_plain_file_and_a_directory_without_permissions() {
        let t = tempfile::tempdir().expect("tmp");
        let f = t.path().join("f");
        std::fs::write(&f, b"x").expect("write");
        remove_tree(&f).expect("file");
        assert!(!f.exists());
        let d = t.path().join("d");
        std::fs::create_dir_all(d.join("sub")).expect("mkdir");
        std::fs::write(d.join("sub/x"), b"x").expect("write");
        std::fs::set_permissions(d.join("sub"), std::fs::Permissions::from_mode(0o000))
            .expect("chmod");
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        remove_tree(&d).expect("remove");
        assert!(!d.exists());
    }
}
