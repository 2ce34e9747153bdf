//! What a container changed in its filesystem, against its image's
//! layers: files added, changed and deleted (`diff`, and the layer
//! `commit` makes). With the overlay drivers the upper directory holds
//! the changes (whiteouts for deletions, opaque directories for replaced
//! ones); with vfs the whole rootfs is compared with the layers.
//!
//! The container's files may be changing while they are walked: every
//! directory is opened beneath the top by a relative path with no symlink
//! followed, so a directory swapped for a link leads nowhere.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Stat};
use rustix::io::Errno;

use super::extract::OPAQUE_XATTRS;
use crate::runtime::usermaps::UserMaps;

/// What happened to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Changed,
    Deleted,
}

impl Kind {
    /// `A`, `C` or `D`, as `diff` prints it.
    pub fn letter(self) -> char {
        match self {
            Kind::Added => 'A',
            Kind::Changed => 'C',
            Kind::Deleted => 'D',
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// Relative to the container's `/`.
    pub path: PathBuf,
    pub is_dir: bool,
    /// A directory whose content replaces the image's entirely.
    pub opaque: bool,
    /// A deletion that an opaque directory above already makes (shown by
    /// `diff`, but no whiteout of its own in a layer).
    pub implied: bool,
}

/// Paths den makes as mount points when an image lacks them: not the
/// user's changes (podman leaves the same out).
const INIT_PATHS: &[&str] = &[
    "dev",
    "proc",
    "sys",
    "etc/hosts",
    "etc/hostname",
    "etc/resolv.conf",
    "etc/mtab",
    "run",
    "run/.containerenv",
];

/// The file that marked a vfs rootfs complete inside it, until 2026-12-05
/// (see `storage/driver.rs`): left out of a container's changes.
const VFS_MARKER: &str = ".den-complete";

/// The image's layers as one tree: lookups go from the top layer down,
/// stopping at whiteouts and opaque directories.
pub struct Lower {
    /// Layer trees, top first.
    layers: Vec<PathBuf>,
}

fn is_whiteout(st: &Stat) -> bool {
    FileType::from_raw_mode(st.st_mode) == FileType::CharacterDevice && st.st_rdev == 0
}

fn opaque_xattr(fd: BorrowedFd<'_>) -> bool {
    let mut buf = [0u8; 8];
    OPAQUE_XATTRS
        .iter()
        .chain(["trusted.overlay.opaque"].iter())
        .any(|x| matches!(rustix::fs::fgetxattr(fd, *x, &mut buf), Ok(1) if buf[0] == b'y'))
}

fn lstat(p: &Path) -> Option<Stat> {
    rustix::fs::lstat(p).ok()
}

impl Lower {
    /// `layers`: the layer trees, bottom first (as an image lists them).
    pub fn new(layers: Vec<PathBuf>) -> Lower {
        let mut layers = layers;
        layers.reverse();
        Lower { layers }
    }

    /// What the image has at `rel`, if anything.
    pub fn lookup(&self, rel: &Path) -> Option<Stat> {
        let comps: Vec<&OsStr> = rel.iter().collect();
        for layer in &self.layers {
            let mut hidden_below = false;
            let mut here = layer.clone();
            let mut reached = true;
            for c in &comps[..comps.len().saturating_sub(1)] {
                here.push(c);
                match lstat(&here) {
                    None => {
                        reached = false;
                        break;
                    }
                    Some(st) if is_whiteout(&st) => return None,
                    Some(st) if FileType::from_raw_mode(st.st_mode) != FileType::Directory => {
                        return None
                    }
                    Some(_) => hidden_below |= self.opaque_dir(&here),
                }
            }
            if reached {
                if let Some(st) = lstat(&layer.join(rel)) {
                    return if is_whiteout(&st) { None } else { Some(st) };
                }
            }
            if hidden_below {
                return None;
            }
        }
        None
    }

    /// The names the image has in the directory `rel` (none where `rel`
    /// is not a directory of the image's).
    pub fn names(&self, rel: &Path) -> BTreeSet<OsString> {
        let mut out = BTreeSet::new();
        let mut hidden = BTreeSet::new();
        let is_dir = |st: Stat| FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        if !rel.as_os_str().is_empty() && !self.lookup(rel).is_some_and(is_dir) {
            return out;
        }
        for layer in &self.layers {
            let Some(root) = open_layer(layer) else {
                continue;
            };
            // Opened beneath the layer with no symlink followed: an image's
            // link where another layer has a directory leads nowhere.
            let dir = match beneath(root.as_fd(), rel) {
                Ok(dir) => dir,
                Err(Errno::NOENT) if !self.opaque_on_the_way(layer, rel) => continue,
                // A file, a whiteout or a link on the way, or an opaque
                // directory above: nothing below shows.
                Err(_) => break,
            };
            let Ok(names) = names_of(&dir) else {
                continue;
            };
            for name in names {
                if name.as_bytes() == b".wh..wh..opq" {
                    continue;
                }
                let white = rustix::fs::statat(&dir, &name, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| is_whiteout(&st));
                if white {
                    hidden.insert(name);
                } else if !hidden.contains(&name) {
                    out.insert(name);
                }
            }
            if opaque_fd(&dir) || self.opaque_on_the_way(layer, rel) {
                break;
            }
        }
        out
    }

    /// Whether the layer has an opaque directory above `rel`.
    fn opaque_on_the_way(&self, layer: &Path, rel: &Path) -> bool {
        let mut here = layer.to_path_buf();
        let comps: Vec<&OsStr> = rel.iter().collect();
        for c in &comps[..comps.len().saturating_sub(1)] {
            here.push(c);
            match lstat(&here) {
                Some(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => {
                    if self.opaque_dir(&here) {
                        return true;
                    }
                }
                _ => return false,
            }
        }
        false
    }

    fn opaque_dir(&self, dir: &Path) -> bool {
        if dir.join(".wh..wh..opq").exists() {
            return true;
        }
        rustix::fs::open(
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .is_ok_and(|fd| opaque_xattr(fd.as_fd()))
    }
}

/// A layer's root directory.
fn open_layer(layer: &Path) -> Option<OwnedFd> {
    rustix::fs::open(
        layer,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()
}

/// Whether the directory is opaque (a `.wh..wh..opq` entry or the xattr).
fn opaque_fd(dir: &OwnedFd) -> bool {
    rustix::fs::statat(dir, ".wh..wh..opq", AtFlags::SYMLINK_NOFOLLOW).is_ok()
        || opaque_xattr(dir.as_fd())
}

fn beneath(root: BorrowedFd<'_>, rel: &Path) -> rustix::io::Result<OwnedFd> {
    let p: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    rustix::fs::openat2(
        root,
        p,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
    )
}

fn names_of(dir: &OwnedFd) -> Result<Vec<OsString>> {
    let mut names = Vec::new();
    for e in rustix::fs::Dir::read_from(dir)? {
        let e = e?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push(OsStr::from_bytes(n).to_os_string());
        }
    }
    names.sort();
    Ok(names)
}

fn is_init(rel: &Path, lower: &Lower) -> bool {
    INIT_PATHS.iter().any(|p| rel == Path::new(p)) && lower.lookup(rel).is_none()
}

/// Walk a directory tree (the upper directory, or a vfs rootfs), parents
/// before children, calling `f` with each entry's relative path, its
/// metadata, and its directory; `f` says whether to go into a directory.
fn walk(
    top: BorrowedFd<'_>,
    mut f: impl FnMut(&Path, &Stat, &OwnedFd, &OsStr) -> Result<bool>,
) -> Result<()> {
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = match beneath(top, &rel) {
            Ok(d) => d,
            Err(Errno::NOENT) | Err(Errno::NOTDIR) | Err(Errno::LOOP) => continue, // changed meanwhile
            Err(e) => return Err(e).with_context(|| format!("reading /{}", rel.display())),
        };
        let mut subdirs = Vec::new();
        for name in names_of(&dir)? {
            let Ok(st) = rustix::fs::statat(&dir, &name, AtFlags::SYMLINK_NOFOLLOW) else {
                continue;
            };
            let child = rel.join(&name);
            if f(&child, &st, &dir, &name)?
                && FileType::from_raw_mode(st.st_mode) == FileType::Directory
            {
                subdirs.push(child);
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}

/// The changes recorded in an overlay upper directory.
pub fn overlay(upper: BorrowedFd<'_>, lower: &Lower) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    walk(upper, |rel, st, dir, name| {
        let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        let bytes = name.as_bytes();
        if bytes == b".wh..wh..opq" {
            return Ok(false);
        }
        // Deletions: 0:0 character devices, or fuse-overlayfs's `.wh.` files.
        let deleted = if is_whiteout(st) {
            Some(rel.to_path_buf())
        } else {
            // (A name left after the prefix: `.wh.`, `.wh..` and `.wh...`
            // whiteout nothing, and read as one they named the directory
            // itself, or its parent: a commit deleted /etc for a file
            // named /etc/.wh.. that a container made.)
            bytes
                .strip_prefix(b".wh.")
                .filter(|n| !matches!(*n, b"" | b"." | b".."))
                .map(|n| rel.with_file_name(OsStr::from_bytes(n)))
        };
        if let Some(gone) = deleted {
            if lower.lookup(&gone).is_some() {
                out.push(Change {
                    kind: Kind::Deleted,
                    path: gone,
                    is_dir: false,
                    opaque: false,
                    implied: false,
                });
            }
            return Ok(false);
        }
        if is_init(rel, lower) {
            return Ok(false);
        }
        let before = lower.lookup(rel);
        let mut opaque = false;
        if is_dir {
            let fd = rustix::fs::openat(
                dir,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            );
            opaque = fd.is_ok_and(|fd| {
                opaque_xattr(fd.as_fd())
                    || rustix::fs::statat(&fd, ".wh..wh..opq", AtFlags::SYMLINK_NOFOLLOW).is_ok()
            });
        }
        let kind = if before.is_some() {
            Kind::Changed
        } else {
            Kind::Added
        };
        out.push(Change {
            kind,
            path: rel.to_path_buf(),
            is_dir,
            opaque: opaque && before.is_some(),
            implied: false,
        });
        if opaque && before.is_some() {
            // What the image had there and the directory no longer shows.
            let kept: BTreeSet<OsString> = {
                let fd = beneath(dir.as_fd(), Path::new(name))?;
                names_of(&fd)?.into_iter().collect()
            };
            for n in lower.names(rel) {
                if !kept.contains(&n) {
                    out.push(Change {
                        kind: Kind::Deleted,
                        path: rel.join(&n),
                        is_dir: false,
                        opaque: false,
                        implied: true,
                    });
                }
            }
        }
        Ok(is_dir)
    })?;
    Ok(out)
}

/// What changes from the tree `old` to the tree `new` (`image diff`):
/// parents before children, deletions after what each directory holds.
pub fn trees(old: &Lower, new: &Lower) -> Vec<Change> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = new.names(&rel);
        let mut subdirs = Vec::new();
        for n in &here {
            let p = rel.join(n);
            let Some(st) = new.lookup(&p) else { continue };
            let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
            let kind = match old.lookup(&p) {
                None => Some(Kind::Added),
                Some(o) if stats_differ(&st, &o) => Some(Kind::Changed),
                Some(_) => None,
            };
            if let Some(kind) = kind {
                out.push(Change {
                    kind,
                    path: p.clone(),
                    is_dir,
                    opaque: false,
                    implied: false,
                });
            }
            if is_dir {
                subdirs.push(p);
            }
        }
        for n in old.names(&rel).difference(&here) {
            out.push(Change {
                kind: Kind::Deleted,
                path: rel.join(n),
                is_dir: false,
                opaque: false,
                implied: false,
            });
        }
        stack.extend(subdirs.into_iter().rev());
    }
    // A directory with a change inside is changed too (as Docker's and
    // podman's tree comparison reports it), parents before children.
    let listed: BTreeSet<PathBuf> = out.iter().map(|c| c.path.clone()).collect();
    let parents: BTreeSet<PathBuf> = out
        .iter()
        .flat_map(|c| c.path.ancestors().skip(1))
        .filter(|p| !p.as_os_str().is_empty() && !listed.contains(*p))
        .map(Path::to_path_buf)
        .collect();
    out.extend(parents.into_iter().map(|path| Change {
        kind: Kind::Changed,
        path,
        is_dir: true,
        opaque: false,
        implied: false,
    }));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The image's entry `l` with its owners where `shifted` moved them.
fn as_shifted(mut l: Stat, shifted: Option<&UserMaps>) -> Stat {
    if let Some(m) = shifted {
        (l.st_uid, l.st_gid) = m.shifted(l.st_uid, l.st_gid);
    }
    l
}

/// Two entries' metadata differ (a link's target by its length).
fn stats_differ(a: &Stat, b: &Stat) -> bool {
    a.st_mode != b.st_mode
        || a.st_uid != b.st_uid
        || a.st_gid != b.st_gid
        || (a.st_mtime, a.st_mtime_nsec) != (b.st_mtime, b.st_mtime_nsec)
        || (FileType::from_raw_mode(a.st_mode) != FileType::Directory && a.st_size != b.st_size)
        || a.st_rdev != b.st_rdev
}

/// The changes of a vfs rootfs: every path compared with the image's.
/// `shifted`: the maps a container of its own user namespace had its
/// rootfs's owners shifted through (`usermaps::shift_owners`), which are
/// no change; the image's owners are compared as shifted.
pub fn vfs(
    rootfs: BorrowedFd<'_>,
    lower: &Lower,
    shifted: Option<&UserMaps>,
) -> Result<Vec<Change>> {
    vfs_with(rootfs, lower, None, shifted)
}

/// The changes of a rootfs made of `lower` and then the layers `newer`:
/// what `newer` holds is changed even where its metadata matches the
/// image's (a file rewritten with the same size and date).
pub fn vfs_over(rootfs: BorrowedFd<'_>, lower: &Lower, newer: &Lower) -> Result<Vec<Change>> {
    vfs_with(rootfs, lower, Some(newer), None)
}

fn vfs_with(
    rootfs: BorrowedFd<'_>,
    lower: &Lower,
    newer: Option<&Lower>,
    shifted: Option<&UserMaps>,
) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    walk(rootfs, |rel, st, dir, name| {
        let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        if is_init(rel, lower) || rel == Path::new(VFS_MARKER) {
            return Ok(false);
        }
        let kind = match lower.lookup(rel).map(|l| as_shifted(l, shifted)) {
            None => Some(Kind::Added),
            Some(l)
                if differs(st, &l, dir, name, lower, rel)
                    || (!is_dir && newer.is_some_and(|n| n.lookup(rel).is_some())) =>
            {
                Some(Kind::Changed)
            }
            Some(_) => None,
        };
        if let Some(kind) = kind {
            out.push(Change {
                kind,
                path: rel.to_path_buf(),
                is_dir,
                opaque: false,
                implied: false,
            });
        }
        if is_dir {
            // What the image has in this directory and the rootfs lost.
            let here: BTreeSet<OsString> = {
                let fd = beneath(dir.as_fd(), Path::new(name))?;
                names_of(&fd)?.into_iter().collect()
            };
            for n in lower.names(rel) {
                if !here.contains(&n) {
                    out.push(Change {
                        kind: Kind::Deleted,
                        path: rel.join(&n),
                        is_dir: false,
                        opaque: false,
                        implied: false,
                    });
                }
            }
        }
        Ok(is_dir)
    })?;
    // The top directory's own entries that were removed.
    let top: BTreeSet<OsString> = names_of(&beneath(rootfs, Path::new(""))?)?
        .into_iter()
        .collect();
    for n in lower.names(Path::new("")) {
        if !top.contains(&n) {
            out.push(Change {
                kind: Kind::Deleted,
                path: PathBuf::from(&n),
                is_dir: false,
                opaque: false,
                implied: false,
            });
        }
    }
    Ok(out)
}

/// Whether a vfs entry differs from the image's: type, owner, mode, and
/// for a non-directory its size, time or link target.
fn differs(st: &Stat, l: &Stat, dir: &OwnedFd, name: &OsStr, lower: &Lower, rel: &Path) -> bool {
    let kind = FileType::from_raw_mode(st.st_mode);
    if kind != FileType::from_raw_mode(l.st_mode)
        || st.st_uid != l.st_uid
        || st.st_gid != l.st_gid
        || st.st_mode != l.st_mode
        || (st.st_mtime, st.st_mtime_nsec) != (l.st_mtime, l.st_mtime_nsec)
    {
        return true;
    }
    match kind {
        FileType::RegularFile => st.st_size != l.st_size,
        FileType::Symlink => {
            let here = rustix::fs::readlinkat(dir, name, Vec::new()).ok();
            // The image's link, read beneath its layer (no link followed on the way).
            let (parent, base) = (rel.parent().unwrap_or(Path::new("")), rel.file_name());
            let there = lower.layers.iter().find_map(|layer| {
                let root = open_layer(layer)?;
                let dir = beneath(root.as_fd(), parent).ok()?;
                rustix::fs::readlinkat(&dir, base?, Vec::new()).ok()
            });
            here.map(|h| h.as_bytes().to_vec()) != there.map(|t| t.as_bytes().to_vec())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers(dir: &Path, make: &[&[&str]]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for (i, paths) in make.iter().enumerate() {
            let l = dir.join(i.to_string());
            std::fs::create_dir_all(&l).expect("layer");
            for p in *paths {
                let p = l.join(p);
                if p.to_string_lossy().ends_with('/') {
                    std::fs::create_dir_all(&p).expect("dir");
                } else {
                    std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
                    std::fs::write(&p, b"x").expect("file");
                }
            }
            out.push(l);
        }
        out
    }

    #[test]
    fn a_file_over_a_directory_hides_its_children() {
        let t = tempfile::tempdir().expect("tmp");
        let l = layers(t.path(), &[&["a/b", "a/c", "d/"], &["a"]]);
        let new = Lower::new(l.clone());
        assert!(new.names(Path::new("a")).is_empty());
        let old = Lower::new(l[..1].to_vec());
        let mut changes: Vec<String> = trees(&new, &old)
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.path.display()))
            .collect();
        changes.sort();
        // Compared with the file, the directory and its children are new.
        assert_eq!(changes, ["Added a/b", "Added a/c", "Changed a"]);
        let back: Vec<String> = trees(&old, &new)
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.path.display()))
            .collect();
        assert_eq!(back, ["Changed a"]);
    }

    #[test]
    fn a_directory_with_a_change_inside_is_changed() {
        let t = tempfile::tempdir().expect("tmp");
        let l = layers(
            t.path(),
            &[
                &["keep/k", "keep/deep/x"],
                &["keep/deep/x", "keep/deep/new"],
            ],
        );
        // The directories alike in both layers: only what is inside differs.
        let same = rustix::fs::Timestamps {
            last_access: rustix::fs::Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            },
            last_modification: rustix::fs::Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            },
        };
        for l in &l {
            for d in ["keep/deep", "keep"] {
                rustix::fs::utimensat(rustix::fs::CWD, l.join(d), &same, AtFlags::empty())
                    .expect("utimensat");
            }
        }
        let old = Lower::new(l[..1].to_vec());
        let new = Lower::new(l);
        let changes: Vec<String> = trees(&old, &new)
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.path.display()))
            .collect();
        assert!(
            changes.starts_with(&["Changed keep".to_string(), "Changed keep/deep".to_string()]),
            "{changes:?}"
        );
        assert!(
            changes.contains(&"Added keep/deep/new".to_string()),
            "{changes:?}"
        );
    }

    /// Files a container named `.wh.`, `.wh..` and `.wh...` are files it
    /// added, not whiteouts of the directory they are in or its parent.
    #[test]
    fn whiteout_names_with_nothing_after_them_are_files() {
        let t = tempfile::tempdir().expect("tmp");
        let l = layers(
            t.path(),
            &[
                &["etc/passwd", "etc/group"],
                &["etc/.wh.", "etc/.wh..", "etc/.wh...", "etc/.wh.group"],
            ],
        );
        let upper = rustix::fs::open(&l[1], OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
            .expect("upper");
        let changes: Vec<String> = overlay(upper.as_fd(), &Lower::new(l[..1].to_vec()))
            .expect("changes")
            .iter()
            .map(|c| format!("{:?} {}", c.kind, c.path.display()))
            .collect();
        assert_eq!(
            changes,
            [
                "Changed etc",
                "Added etc/.wh.",
                "Added etc/.wh..",
                "Added etc/.wh...",
                "Deleted etc/group"
            ],
        );
    }

    #[test]
    fn an_opaque_directory_on_the_way_hides_what_is_below() {
        let t = tempfile::tempdir().expect("tmp");
        let l = layers(t.path(), &[&["a/b/old"], &["a/.wh..wh..opq", "a/new"]]);
        let new = Lower::new(l);
        assert!(new.names(Path::new("a/b")).is_empty());
        let names: Vec<_> = new.names(Path::new("a")).into_iter().collect();
        assert_eq!(names, [OsString::from("new")]);
    }
}
