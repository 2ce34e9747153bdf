//! Paths inside a root directory: lexical clean-up of names taken from
//! layers and images, and opening directories with `openat2(RESOLVE_IN_ROOT)`
//! so that no symlink or `..` can lead outside the root.

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use rustix::fs::{Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

/// Resolve as if the directory fd were `/`, never through /proc magic links.
pub fn in_root() -> ResolveFlags {
    ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS
}

/// Open the directory `comps` inside `root` as an O_PATH fd; with
/// `create`, make missing directories (mode 0755) on the way.
pub fn open_dir(root: BorrowedFd<'_>, comps: &[&OsStr], create: bool) -> io::Result<OwnedFd> {
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let path = if comps.is_empty() {
        PathBuf::from(".")
    } else {
        join(comps)
    };
    match rustix::fs::openat2(root, &path, flags, Mode::empty(), in_root()) {
        Ok(fd) => Ok(fd),
        Err(Errno::NOENT) if create && !comps.is_empty() => {
            let Some((last, parents)) = comps.split_last() else {
                return Err(io::Error::from(Errno::NOENT));
            };
            let parent = open_dir(root, parents, true)?;
            match rustix::fs::mkdirat(&parent, *last, Mode::from_raw_mode(0o755)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(rustix::fs::openat2(
                root,
                &path,
                flags,
                Mode::empty(),
                in_root(),
            )?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Make `name` in `parent` as `kind` (a file: empty, 0644; a directory:
/// 0755), never through a link (O_EXCL, O_NOFOLLOW).
fn make(parent: &OwnedFd, name: &OsStr, kind: Missing) -> rustix::io::Result<()> {
    match kind {
        Missing::File => rustix::fs::openat(
            parent,
            name,
            OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )
        .map(drop),
        Missing::Dir => rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(0o755)),
    }
}

/// What [`resolve_create`] makes where nothing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Dir,
    File,
}

/// Resolve `path` inside `root` as the container will see it, following
/// symlinks (each resolved inside the root, as if it were `/`) and making
/// what is missing on the way (directories, mode 0755; the last component
/// as `last`), as `mkdir -p` would inside a chroot. The result is an
/// O_PATH descriptor of the final object. Only real directories are ever
/// walked through, each opened with `RESOLVE_IN_ROOT`, so no symlink or
/// `..` can lead outside the root.
pub fn resolve_create(root: BorrowedFd<'_>, path: &[u8], last: Missing) -> io::Result<OwnedFd> {
    // What exists needs no walk: the kernel resolves it the same way in
    // one call (symlinks inside the root, `..` never above it; the
    // lexical `..`s are gone first, as the walk does them).
    let comps = clean_components(path);
    let whole = if comps.is_empty() {
        PathBuf::from(".")
    } else {
        join(&comps)
    };
    let flags = OFlags::PATH | OFlags::CLOEXEC;
    if let Ok(fd) = rustix::fs::openat2(root, &whole, flags, Mode::empty(), in_root()) {
        return Ok(fd);
    }
    // The usual miss: the parent is there and the last name is not. Made
    // in the parent with O_EXCL and O_NOFOLLOW, it is a new object; all
    // else (a link there, dangling; a missing parent) takes the walk.
    if let Some((name, parents)) = comps.split_last() {
        let dir = if parents.is_empty() {
            PathBuf::from(".")
        } else {
            join(parents)
        };
        let dir_flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        if let Ok(parent) = rustix::fs::openat2(root, &dir, dir_flags, Mode::empty(), in_root()) {
            if make(&parent, name, last).is_ok() {
                return Ok(rustix::fs::openat(
                    &parent,
                    *name,
                    flags | OFlags::NOFOLLOW,
                    Mode::empty(),
                )?);
            }
        }
    }
    let rel = resolve_in_root(root, path, Some(last))?;
    Ok(rustix::fs::openat2(
        root,
        &rel,
        OFlags::PATH | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::empty(),
        in_root(),
    )?)
}

/// Resolve `path` inside `root` as the container would, following
/// symlinks inside the root (with `create`, making what is missing, as
/// [`resolve_create`] does): the path relative to the root, with no
/// symlink or `..` left in it (`.` for the root itself).
pub fn resolve_in_root(
    root: BorrowedFd<'_>,
    path: &[u8],
    create: Option<Missing>,
) -> io::Result<PathBuf> {
    const MAX_LINKS: usize = 40;
    // Components still to walk, the next one last.
    let mut todo: Vec<OsString> = clean_components(path)
        .into_iter()
        .rev()
        .map(OsStr::to_os_string)
        .collect();
    let mut done: Vec<OsString> = Vec::new();
    let mut links = 0;
    while let Some(name) = todo.pop() {
        let at_end = todo.is_empty();
        let parents: Vec<&OsStr> = done.iter().map(OsString::as_os_str).collect();
        let parent = open_dir(root, &parents, false)?;
        match rustix::fs::statat(&parent, &name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => match rustix::fs::FileType::from_raw_mode(st.st_mode) {
                rustix::fs::FileType::Symlink => {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(io::Error::from(Errno::LOOP));
                    }
                    let target = rustix::fs::readlinkat(&parent, &name, Vec::new())?;
                    let bytes = target.as_bytes();
                    if bytes.starts_with(b"/") {
                        done.clear();
                    }
                    // `..` in a target climbs from where the link is.
                    for part in bytes.split(|b| *b == b'/').rev() {
                        match part {
                            b"" | b"." => {}
                            p => todo.push(OsStr::from_bytes(p).to_os_string()),
                        }
                    }
                    // Resolve the `..`s now, against what is done.
                    while todo.last().is_some_and(|t| t == "..") {
                        todo.pop();
                        done.pop();
                    }
                }
                rustix::fs::FileType::Directory => done.push(name),
                _ if at_end => done.push(name),
                _ => return Err(io::Error::from(Errno::NOTDIR)),
            },
            Err(Errno::NOENT) if create.is_some() => {
                let kind = match create {
                    Some(Missing::File) if at_end => Missing::File,
                    _ => Missing::Dir,
                };
                match make(&parent, &name, kind) {
                    // Made meanwhile: look again.
                    Ok(()) | Err(Errno::EXIST) => todo.push(name),
                    Err(e) => return Err(e.into()),
                }
            }
            Err(e) => return Err(e.into()),
        }
        // `..` components that a link's target left are handled above;
        // plain ones were removed by clean_components.
        while todo.last().is_some_and(|t| t == "..") {
            todo.pop();
            done.pop();
        }
    }
    let comps: Vec<&OsStr> = done.iter().map(OsString::as_os_str).collect();
    Ok(if comps.is_empty() {
        PathBuf::from(".")
    } else {
        join(&comps)
    })
}

/// The names in a directory, given any fd of it (O_PATH included).
pub fn dir_names(dir: &OwnedFd) -> io::Result<Vec<OsString>> {
    Ok(
        std::fs::read_dir(format!("/proc/self/fd/{}", dir.as_raw_fd()))?
            .flatten()
            .map(|e| e.file_name())
            .collect(),
    )
}

/// Split `raw` into normal components as if it were resolved inside a root:
/// empty and `.` parts vanish, `..` removes the previous part and never
/// climbs above the root, a leading `/` means the root.
pub fn clean_components(raw: &[u8]) -> Vec<&OsStr> {
    let mut out: Vec<&OsStr> = Vec::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                out.pop();
            }
            p => out.push(OsStr::from_bytes(p)),
        }
    }
    out
}

/// The absolute `path` as resolving it inside a root reads it: `//`, `.`
/// and a trailing `/` gone, `..` taken lexically and never above `/`
/// (as podman and Docker clean a mount's destination).
pub fn clean_absolute(path: &str) -> String {
    let comps = clean_components(path.as_bytes());
    format!("/{}", join(&comps).to_string_lossy())
}

/// Whether the mount destination `destination` lands on `relative` (a
/// clean path below the root, without its leading `/`), however it is
/// spelled (a record made before destinations were cleaned).
pub fn lands_on(destination: &str, relative: &str) -> bool {
    clean_absolute(destination).trim_start_matches('/') == relative
}

/// Read a small text file at `path` inside `root` (symlinks resolved
/// inside it): only a regular file, opened without blocking (a FIFO
/// planted there cannot hang den), at most `max` bytes of it.
pub fn read_small_in_root(root: BorrowedFd<'_>, path: &str, max: u64) -> Option<String> {
    let fd = rustix::fs::openat2(
        root,
        path.trim_start_matches('/'),
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )
    .ok()?;
    read_small(fd, max)
}

/// [`read_small_in_root`] for a path in den's own view (`/etc/subuid`).
pub fn read_small_file(path: &str, max: u64) -> Option<String> {
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()?;
    read_small(fd, max)
}

fn read_small(fd: OwnedFd, max: u64) -> Option<String> {
    let st = rustix::fs::fstat(&fd).ok()?;
    if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
        return None;
    }
    let mut s = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(std::fs::File::from(fd), max),
        &mut s,
    )
    .ok()?;
    Some(s)
}

/// Join components into a relative path.
pub fn join(comps: &[&OsStr]) -> PathBuf {
    comps.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_are_cleaned_as_podman_cleans_destinations() {
        for (raw, clean) in [
            ("/etc//hostname", "/etc/hostname"),
            ("/etc/hostname/", "/etc/hostname"),
            ("/etc/./hostname", "/etc/hostname"),
            ("/var/../etc/hosts", "/etc/hosts"),
            ("/../../tmp", "/tmp"),
            ("/a/b/..", "/a"),
            ("/", "/"),
            ("//", "/"),
            ("/..", "/"),
        ] {
            assert_eq!(clean_absolute(raw), clean, "{raw}");
        }
    }

    #[test]
    fn never_leaves_the_root() {
        let c = |s: &str| -> Vec<String> {
            clean_components(s.as_bytes())
                .iter()
                .map(|x| x.to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(c("../../etc/passwd"), ["etc", "passwd"]);
        assert_eq!(c("/abs/./x//y/"), ["abs", "x", "y"]);
        assert_eq!(c("a/../../b"), ["b"]);
        assert!(c("..").is_empty());
    }

    #[test]
    fn resolve_create_follows_links_inside_the_root_only() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("root");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&root).expect("root");
        std::fs::create_dir_all(&outside).expect("outside");
        symlink(&outside, root.join("escape")).expect("link");
        symlink("../../../..", root.join("up")).expect("link");
        symlink("a/../b", root.join("rel")).expect("link");
        symlink("l2", root.join("l1")).expect("link");
        symlink("l1", root.join("l2")).expect("link");
        use std::os::fd::AsFd;
        let fd =
            rustix::fs::open(&root, OFlags::PATH | OFlags::DIRECTORY, Mode::empty()).expect("open");
        let r = |p: &str, m| resolve_create(fd.as_fd(), p.as_bytes(), m);
        r("escape/made", Missing::Dir).expect("escape");
        let inside = root
            .join(outside.strip_prefix("/").expect("abs"))
            .join("made");
        assert!(inside.is_dir());
        // Once made, found in one call, through the link as before: the
        // same directory inside the root, never the one outside.
        let again = r("escape/made", Missing::Dir).expect("again");
        let found =
            std::fs::read_link(format!("/proc/self/fd/{}", again.as_raw_fd())).expect("link");
        assert_eq!(found, inside);
        let found = r("./rel/../escape//made/", Missing::Dir).expect("again, unclean");
        assert_eq!(
            std::fs::read_link(format!("/proc/self/fd/{}", found.as_raw_fd())).expect("link"),
            inside
        );
        r("up/top/file", Missing::File).expect("up");
        assert!(root.join("top/file").is_file());
        r("rel/x", Missing::Dir).expect("rel");
        assert!(root.join("b/x").is_dir());
        // A dangling link as the last name: what it names is made, inside
        // the root (never the link's target outside, nor over the link).
        symlink(outside.join("target"), root.join("dangling")).expect("link");
        r("dangling", Missing::File).expect("dangling");
        assert!(!outside.join("target").exists(), "made outside the root");
        assert!(root
            .join(outside.strip_prefix("/").expect("abs"))
            .join("target")
            .is_file());
        assert!(r("l1/x", Missing::Dir).is_err(), "a link loop ends");
        assert!(
            r("top/file/under", Missing::Dir).is_err(),
            "not through a file"
        );
        assert_eq!(
            std::fs::read_dir(&outside).expect("read").count(),
            0,
            "nothing outside"
        );
    }
}
