//! Copying trees for COPY and ADD: from a source root (the context, or an
//! image's rootfs) into a container's `/`, every path resolved beneath
//! its root, owners and modes as Docker sets them; and the content hash
//! of what a COPY takes, for the cache key.

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat, Timespec, Timestamps};
use rustix::io::Errno;
use sha2::{Digest, Sha256};

use crate::build::ignore::Ignore;
use crate::storage::path::{dir_names, in_root};

/// How copied files end up.
#[derive(Debug, Clone, Copy)]
pub struct Attrs<'a> {
    /// Owner of everything copied (none: the source's).
    pub owner: Option<(u32, u32)>,
    /// Mode of everything copied (none: the source's).
    pub mode: Option<u32>,
    /// The destination's root: a symlink to a directory met on the way is
    /// followed beneath it (none: such a symlink is an error).
    pub root: Option<BorrowedFd<'a>>,
}

/// Deeper trees than this are refused (each level holds descriptors).
const MAX_DEPTH: usize = 256;

/// Which files of a source are taken: the context's ignore rules, with
/// paths relative to the context.
#[derive(Clone, Copy)]
pub struct Filter<'a> {
    pub ignore: Option<&'a Ignore>,
}

impl Filter<'_> {
    fn skip(&self, rel: &Path, is_dir: bool) -> (bool, bool) {
        let Some(ig) = self.ignore else {
            return (false, true);
        };
        let s = rel.to_string_lossy();
        let out = ig.excluded(&s);
        // (leave this entry out, walk below it)
        (out, !out || (is_dir && ig.may_include_below(&s)))
    }
}

/// Open `rel` beneath `root` (symlinks followed inside it) as O_PATH.
pub fn open_in(root: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, Errno> {
    let p = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    rustix::fs::openat2(
        root,
        p,
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )
}

/// Open the directory `rel` beneath `root` (symlinks followed inside it;
/// an empty `rel` is the root itself) to read it.
pub fn open_dir_in(root: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, Errno> {
    let p = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    rustix::fs::openat2(
        root,
        p,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )
}

/// The directory `dir` (perhaps an O_PATH descriptor) opened to read.
pub fn reopen_dir(dir: impl AsFd) -> Result<OwnedFd, Errno> {
    rustix::fs::openat(
        dir,
        ".",
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// Open a directory we read from.
fn open_dir_read(dir: BorrowedFd<'_>, name: &OsStr) -> Result<OwnedFd, Errno> {
    rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// Hash a source (a file or a tree) for a cache key: per entry, its path
/// below `rel` (length-prefixed), type, permission bits, and a file's
/// bytes or a link's target; names sorted, so the order a directory lists
/// them in does not matter, nor do owners and dates (as Docker). `filter`
/// applies below `rel` (a path in the context).
pub fn hash_source(
    root: BorrowedFd<'_>,
    rel: &Path,
    filter: Filter<'_>,
    h: &mut Sha256,
) -> Result<()> {
    let fd = open_in(root, rel).with_context(|| format!("{}", rel.display()))?;
    let st = rustix::fs::fstat(&fd)?;
    if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
        entry(h, Path::new(""), b'd', st.st_mode);
        let dir = reopen_dir(&fd)?;
        hash_tree(dir.as_fd(), rel, Path::new(""), filter, h)
    } else {
        entry(h, Path::new(""), b'f', st.st_mode);
        if FileType::from_raw_mode(st.st_mode) == FileType::RegularFile {
            let f = rustix::fs::openat2(
                root,
                rel,
                OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
                Mode::empty(),
                in_root(),
            )?;
            hash_file(f, h)?;
        }
        Ok(())
    }
}

/// One entry's record: its path, type and permission bits.
fn entry(h: &mut Sha256, path: &Path, kind: u8, mode: u32) {
    let p = path.as_os_str().as_bytes();
    h.update((p.len() as u64).to_le_bytes());
    h.update(p);
    h.update([kind]);
    h.update((mode & 0o7777).to_le_bytes());
}

fn hash_file(f: OwnedFd, h: &mut Sha256) -> Result<()> {
    let mut file = std::fs::File::from(f);
    let mut buf = vec![0u8; 256 * 1024];
    let mut content = Sha256::new();
    loop {
        if super::stopping() {
            return Err(super::Stop::error());
        }
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        content.update(&buf[..n]);
    }
    h.update(content.finalize());
    Ok(())
}

/// `dir` is `rel` in the context, `below` the path inside the source.
fn hash_tree(
    dir: BorrowedFd<'_>,
    rel: &Path,
    below: &Path,
    filter: Filter<'_>,
    h: &mut Sha256,
) -> Result<()> {
    if rel.components().count() > MAX_DEPTH {
        bail!(
            "{}: the tree is deeper than {MAX_DEPTH} levels",
            rel.display()
        );
    }
    let owned = reopen_dir(dir)?;
    let mut names = dir_names(&owned)?;
    names.sort();
    for name in names {
        if super::stopping() {
            return Err(super::Stop::error());
        }
        let child = rel.join(&name);
        let inside = below.join(&name);
        let st = rustix::fs::statat(dir, &name, AtFlags::SYMLINK_NOFOLLOW)?;
        let kind = FileType::from_raw_mode(st.st_mode);
        let (skip, walk) = filter.skip(&child, kind == FileType::Directory);
        match kind {
            FileType::Directory => {
                if !skip {
                    entry(h, &inside, b'd', st.st_mode);
                }
                if walk {
                    let sub = open_dir_read(dir, &name)?;
                    hash_tree(sub.as_fd(), &child, &inside, filter, h)?;
                }
            }
            FileType::RegularFile if !skip => {
                entry(h, &inside, b'f', st.st_mode);
                let f = rustix::fs::openat(
                    dir,
                    &name,
                    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                hash_file(f, h)?;
            }
            FileType::Symlink if !skip => {
                entry(h, &inside, b'l', st.st_mode);
                let target = rustix::fs::readlinkat(dir, &name, Vec::new())?;
                h.update((target.as_bytes().len() as u64).to_le_bytes());
                h.update(target.as_bytes());
            }
            _ if !skip => entry(h, &inside, b'o', st.st_mode),
            _ => {}
        }
    }
    Ok(())
}

/// Copy the content of the directory `src` (at `rel` in the context, for
/// the filter) into the directory `dst` (at `dst_rel` beneath the
/// destination's root).
pub fn copy_contents(
    src: BorrowedFd<'_>,
    rel: &Path,
    dst: BorrowedFd<'_>,
    dst_rel: &Path,
    attrs: Attrs<'_>,
    filter: Filter<'_>,
) -> Result<()> {
    if dst_rel.components().count() > MAX_DEPTH {
        bail!(
            "{}: the tree is deeper than {MAX_DEPTH} levels",
            dst_rel.display()
        );
    }
    let src = reopen_dir(src)?;
    for name in dir_names(&src)? {
        if super::stopping() {
            return Err(super::Stop::error());
        }
        let child = rel.join(&name);
        let st = rustix::fs::statat(&src, &name, AtFlags::SYMLINK_NOFOLLOW)?;
        let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        let (skip, walk) = filter.skip(&child, is_dir);
        if skip && !walk {
            continue;
        }
        if skip {
            // An excluded directory with exceptions below: only those.
            let sub = open_dir_read(src.as_fd(), &name)?;
            let owner = attrs.owner.unwrap_or((0, 0));
            let (made, _) = make_dir(dst, dst_rel, &name, 0o755, owner, attrs.root)?;
            copy_contents(
                sub.as_fd(),
                &child,
                made.as_fd(),
                &dst_rel.join(&name),
                attrs,
                filter,
            )?;
            continue;
        }
        copy_entry(
            src.as_fd(),
            &name,
            &st,
            dst,
            dst_rel,
            &name,
            attrs,
            Some((&child, filter)),
        )?;
    }
    Ok(())
}

/// A directory `name` in `dst` (at `dst_rel`): kept if it is one, or a
/// symlink to one beneath `root`; anything else is replaced. Opened, and
/// whether it was made.
fn make_dir(
    dst: BorrowedFd<'_>,
    dst_rel: &Path,
    name: &OsStr,
    mode: u32,
    owner: (u32, u32),
    root: Option<BorrowedFd<'_>>,
) -> Result<(OwnedFd, bool)> {
    match rustix::fs::statat(dst, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => {
            Ok((open_dir_read(dst, name)?, false))
        }
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Symlink => {
            // `/lib -> usr/lib`: the copy goes where the link leads.
            let path = dst_rel.join(name);
            let followed = root.map(|r| open_dir_in(r, &path));
            match followed {
                Some(Ok(fd)) => Ok((fd, false)),
                _ => bail!(
                    "cannot copy a directory onto /{}: it is a symlink to something that is not a directory",
                    path.display()
                ),
            }
        }
        Ok(_) => {
            rustix::fs::unlinkat(dst, name, AtFlags::empty())?;
            create_dir(dst, name, mode, owner)?;
            Ok((open_dir_read(dst, name)?, true))
        }
        Err(Errno::NOENT) => {
            create_dir(dst, name, mode, owner)?;
            Ok((open_dir_read(dst, name)?, true))
        }
        Err(e) => Err(e.into()),
    }
}

fn create_dir(dst: BorrowedFd<'_>, name: &OsStr, mode: u32, owner: (u32, u32)) -> Result<()> {
    rustix::fs::mkdirat(dst, name, Mode::from_raw_mode(mode))?;
    let fd = open_dir_read(dst, name)?;
    chown_fd(&fd, owner)?;
    rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode))?;
    Ok(())
}

fn chown_fd(fd: &OwnedFd, (uid, gid): (u32, u32)) -> Result<()> {
    rustix::fs::fchown(
        fd,
        Some(rustix::fs::Uid::from_raw(uid)),
        Some(rustix::fs::Gid::from_raw(gid)),
    )
    .with_context(|| format!("giving a file to {uid}:{gid} (is that id mapped?)"))
}

fn times(st: &Stat) -> Timestamps {
    let t = Timespec {
        tv_sec: st.st_mtime,
        tv_nsec: st.st_mtime_nsec as _,
    };
    Timestamps {
        last_access: t,
        last_modification: t,
    }
}

/// Copy one entry `name` of `src` (seen as `st`) to `to` in `dst` (at
/// `dst_rel` beneath the destination's root), and, for a directory, what
/// is below it. A directory that is there already keeps its owner and
/// mode.
#[allow(clippy::too_many_arguments)]
pub fn copy_entry(
    src: BorrowedFd<'_>,
    name: &OsStr,
    st: &Stat,
    dst: BorrowedFd<'_>,
    dst_rel: &Path,
    to: &OsStr,
    attrs: Attrs<'_>,
    filter: Option<(&Path, Filter<'_>)>,
) -> Result<()> {
    let owner = attrs.owner.unwrap_or((st.st_uid, st.st_gid));
    let mode = attrs.mode.unwrap_or(st.st_mode & 0o7777);
    match FileType::from_raw_mode(st.st_mode) {
        FileType::Directory => {
            let (made, new) = make_dir(dst, dst_rel, to, mode, owner, attrs.root)?;
            let sub = open_dir_read(src, name)?;
            let (rel, f) = filter.unwrap_or((Path::new(""), Filter { ignore: None }));
            copy_contents(sub.as_fd(), rel, made.as_fd(), &dst_rel.join(to), attrs, f)?;
            if new {
                chown_fd(&made, owner)?;
                rustix::fs::fchmod(&made, Mode::from_raw_mode(mode))?;
                rustix::fs::futimens(&made, &times(st))?;
            }
        }
        FileType::RegularFile => {
            remove_non_dir(dst, to)?;
            let input = rustix::fs::openat(
                src,
                name,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            let now = rustix::fs::fstat(&input)?;
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) {
                bail!("{} changed while it was copied", name.to_string_lossy());
            }
            let out = rustix::fs::openat(
                dst,
                to,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            )?;
            let (mut i, mut o) = (std::fs::File::from(input), std::fs::File::from(out));
            std::io::copy(&mut i, &mut o)
                .with_context(|| format!("copying {}", name.to_string_lossy()))?;
            let out = OwnedFd::from(o);
            chown_fd(&out, owner)?;
            rustix::fs::fchmod(&out, Mode::from_raw_mode(mode))?;
            rustix::fs::futimens(&out, &times(st))?;
        }
        FileType::Symlink => {
            remove_non_dir(dst, to)?;
            let target = rustix::fs::readlinkat(src, name, Vec::new())?;
            rustix::fs::symlinkat(target.as_c_str(), dst, to)?;
            rustix::fs::chownat(
                dst,
                to,
                Some(rustix::fs::Uid::from_raw(owner.0)),
                Some(rustix::fs::Gid::from_raw(owner.1)),
                AtFlags::SYMLINK_NOFOLLOW,
            )?;
            rustix::fs::utimensat(dst, to, &times(st), AtFlags::SYMLINK_NOFOLLOW)?;
        }
        FileType::Fifo => {
            remove_non_dir(dst, to)?;
            rustix::fs::mknodat(dst, to, FileType::Fifo, Mode::from_raw_mode(mode), 0)?;
        }
        _ => {} // devices and sockets are not copied
    }
    Ok(())
}

/// Make room for a file: what is there goes, unless it is a directory.
fn remove_non_dir(dst: BorrowedFd<'_>, name: &OsStr) -> Result<()> {
    match rustix::fs::statat(dst, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => {
            bail!(
                "cannot replace the directory {} with a file",
                name.to_string_lossy()
            )
        }
        Ok(_) => Ok(rustix::fs::unlinkat(dst, name, AtFlags::empty())?),
        Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The directory `path` (absolute, in the container) beneath `root`,
/// made (0755, owned by `owner`) where missing.
pub fn dest_dir(root: BorrowedFd<'_>, path: &str, owner: (u32, u32)) -> Result<OwnedFd> {
    let comps: Vec<&OsStr> = crate::storage::path::clean_components(path.as_bytes());
    let mut cur = reopen_dir(root)?;
    let mut walked = PathBuf::new();
    for c in comps {
        walked.push(c);
        // Resolved from the root each time: a symlink on the way stays inside.
        match open_dir_in(root, &walked) {
            Ok(fd) => cur = fd,
            Err(Errno::NOENT) => {
                match rustix::fs::statat(&cur, c, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Symlink => {
                        bail!(
                            "/{} is a symlink in the image that leads nowhere: make what it names first",
                            walked.display()
                        )
                    }
                    _ => {}
                }
                create_dir(cur.as_fd(), c, 0o755, owner)?;
                cur = open_dir_read(cur.as_fd(), c)?;
            }
            Err(Errno::NOTDIR) => bail!("{} is not a directory in the image", walked.display()),
            Err(e) => return Err(e).with_context(|| format!("opening {}", walked.display())),
        }
    }
    Ok(cur)
}

/// Whether `path` (absolute) is a directory in `root`.
pub fn is_dir_in(root: BorrowedFd<'_>, path: &str) -> bool {
    let rel = path.trim_start_matches('/');
    open_in(root, Path::new(rel))
        .and_then(|fd| rustix::fs::fstat(&fd))
        .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Directory)
}

/// Write what `data` holds as the file `name` in `dst`.
pub fn write_file(
    dst: BorrowedFd<'_>,
    name: &OsStr,
    mut data: impl Read,
    mode: u32,
    owner: (u32, u32),
    mtime: i64,
) -> Result<()> {
    remove_non_dir(dst, name)?;
    let out = rustix::fs::openat(
        dst,
        name,
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )?;
    let mut file = std::fs::File::from(out);
    std::io::copy(&mut data, &mut file)?;
    let out = OwnedFd::from(file);
    chown_fd(&out, owner)?;
    rustix::fs::fchmod(&out, Mode::from_raw_mode(mode))?;
    let t = Timespec {
        tv_sec: mtime,
        tv_nsec: 0,
    };
    rustix::fs::futimens(
        &out,
        &Timestamps {
            last_access: t,
            last_modification: t,
        },
    )?;
    Ok(())
}

/// Names in the directory `rel` of `root` matching the glob `pattern`
/// (one component), sorted.
pub fn glob_in(root: BorrowedFd<'_>, dir: &Path, pattern: &str) -> Result<Vec<OsString>> {
    let fd = match open_in(root, dir) {
        Ok(fd) => fd,
        Err(Errno::NOENT | Errno::NOTDIR) => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let d = match reopen_dir(&fd) {
        Ok(d) => d,
        Err(_) => return Ok(Vec::new()),
    };
    Ok(dir_names(&d)?
        .into_iter()
        .filter(|n| crate::build::ignore::glob_component(pattern, &n.to_string_lossy()))
        .collect())
}
