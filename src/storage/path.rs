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

/// Join components into a relative path.
pub fn join(comps: &[&OsStr]) -> PathBuf {
    comps.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
