//! Writing a directory tree as a tar stream (`cp` out, `export`, `volume
//! export`, `commit`), from directory descriptors: names are read, never
//! followed, each directory is opened beneath the root by a relative path
//! (so a hostile tree can neither redirect the walk nor exhaust
//! descriptors), and a file that changes size while it is read still
//! gets exactly the size its header promised.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Stat};

fn beneath() -> ResolveFlags {
    ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS
}

/// How entries are written.
#[derive(Debug, Clone, Default)]
pub struct TarOptions {
    /// Every entry owned by these ids (`cp` writes the container user's).
    pub owner: Option<(u32, u32)>,
    /// Owners written as a container of its own user namespace sees them:
    /// its rootfs, read from den's namespace, has them shifted through
    /// these maps (`usermaps::shift_owners`), and they are shifted back.
    pub container_maps: Option<crate::runtime::usermaps::UserMaps>,
    /// Leave out the content below other mounts than the root's (`export`
    /// and `commit` of a running container's view).
    pub one_filesystem: bool,
    /// No entry newer than this (seconds since the epoch): reproducible
    /// layers (`build --timestamp`, `SOURCE_DATE_EPOCH`).
    pub clamp_mtime: Option<u64>,
    /// Names left out where `add_contents` starts (`cp` of a container's
    /// `/`: its dev, proc and sys, as podman leaves them out).
    pub skip_top: Vec<&'static str>,
}

/// A tar stream being written.
pub struct TarWriter<W: Write> {
    builder: tar::Builder<W>,
    opts: TarOptions,
    /// Hardlinks: (dev, inode) of the first entry -> its name.
    links: HashMap<(u64, u64), PathBuf>,
}

impl<W: Write> TarWriter<W> {
    pub fn new(out: W, opts: TarOptions) -> TarWriter<W> {
        let mut builder = tar::Builder::new(out);
        builder.mode(tar::HeaderMode::Complete);
        TarWriter {
            builder,
            opts,
            links: HashMap::new(),
        }
    }

    /// Add `rel` (a path below the directory `root` with no symlink in
    /// it, as `resolve_in_root` gives) as `as_name` and, if it is a
    /// directory, everything below it.
    pub fn add_top(&mut self, root: BorrowedFd<'_>, rel: &Path, as_name: &Path) -> Result<()> {
        let (parent_rel, name) = match (rel.parent(), rel.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_os_string()),
            _ => {
                // The root itself: its content.
                return self.add_contents(root, as_name);
            }
        };
        let parent = open_beneath(root, &parent_rel)?;
        let st = rustix::fs::statat(&parent, &name, AtFlags::SYMLINK_NOFOLLOW)?;
        self.add_entry(parent.as_fd(), &name, as_name, &st)?;
        if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
            let dir = open_beneath(root, rel)?;
            self.add_contents(dir.as_fd(), as_name)?;
        }
        Ok(())
    }

    /// Add everything below the directory `dir`, named under `prefix`
    /// (empty: bare names), parents before children, names sorted.
    pub fn add_contents(&mut self, dir: BorrowedFd<'_>, prefix: &Path) -> Result<()> {
        let root_dev = rustix::fs::fstat(dir)?.st_dev;
        let mut stack: Vec<PathBuf> = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let d = open_beneath(dir, &rel)
                .with_context(|| format!("opening {} to read it", prefix.join(&rel).display()))?;
            let mut subdirs = Vec::new();
            for name in sorted_names(&d)? {
                if rel.as_os_str().is_empty()
                    && self
                        .opts
                        .skip_top
                        .iter()
                        .any(|s| name.as_bytes() == s.as_bytes())
                {
                    continue;
                }
                let st = match rustix::fs::statat(&d, &name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => st,
                    Err(rustix::io::Errno::NOENT) => continue, // gone meanwhile
                    Err(e) => return Err(e.into()),
                };
                let child = rel.join(&name);
                self.add_entry(d.as_fd(), &name, &prefix.join(&child), &st)?;
                let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
                if is_dir && !(self.opts.one_filesystem && st.st_dev != root_dev) {
                    subdirs.push(child);
                }
            }
            stack.extend(subdirs.into_iter().rev());
        }
        Ok(())
    }

    /// One entry (not what is below a directory).
    pub fn add_entry(
        &mut self,
        parent: BorrowedFd<'_>,
        name: &OsStr,
        as_name: &Path,
        st: &Stat,
    ) -> Result<()> {
        let kind = FileType::from_raw_mode(st.st_mode);
        let mut h = tar::Header::new_gnu();
        let (uid, gid) = match (&self.opts.owner, &self.opts.container_maps) {
            (Some(o), _) => *o,
            (None, Some(m)) => m.owner_in_container(st.st_uid, st.st_gid),
            (None, None) => (st.st_uid, st.st_gid),
        };
        h.set_uid(uid.into());
        h.set_gid(gid.into());
        h.set_mode(st.st_mode & 0o7777);
        let mtime = st.st_mtime.max(0) as u64;
        h.set_mtime(self.opts.clamp_mtime.map_or(mtime, |t| mtime.min(t)));
        h.set_size(0);
        if kind != FileType::Directory && st.st_nlink > 1 {
            let key = (st.st_dev, st.st_ino);
            if let Some(first) = self.links.get(&key).cloned() {
                h.set_entry_type(tar::EntryType::Link);
                self.builder.append_link(&mut h, as_name, first)?;
                return Ok(());
            }
            self.links.insert(key, as_name.to_path_buf());
        }
        match kind {
            FileType::Directory => {
                h.set_entry_type(tar::EntryType::Directory);
                let fd = rustix::fs::openat(
                    parent,
                    name,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                );
                if let Ok(fd) = &fd {
                    self.xattrs(fd, as_name)?;
                }
                self.builder
                    .append_data(&mut h, dir_name(as_name), io::empty())?;
            }
            FileType::RegularFile => {
                // Without blocking, and checked to be the file just seen:
                // a container may have swapped in a FIFO meanwhile.
                let fd = rustix::fs::openat(
                    parent,
                    name,
                    OFlags::RDONLY
                        | OFlags::NOFOLLOW
                        | OFlags::NOCTTY
                        | OFlags::NONBLOCK
                        | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .with_context(|| format!("opening {}", as_name.display()))?;
                let now = rustix::fs::fstat(&fd)?;
                if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino)
                    || FileType::from_raw_mode(now.st_mode) != FileType::RegularFile
                {
                    bail!("{} changed while it was read", as_name.display());
                }
                self.xattrs(&fd, as_name)?;
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(st.st_size as u64);
                let exact = Exactly {
                    inner: std::fs::File::from(fd),
                    left: st.st_size as u64,
                };
                self.builder.append_data(&mut h, as_name, exact)?;
            }
            FileType::Symlink => {
                let target = rustix::fs::readlinkat(parent, name, Vec::new())?;
                h.set_entry_type(tar::EntryType::Symlink);
                let target = OsStr::from_bytes(target.as_bytes());
                self.builder.append_link(&mut h, as_name, target)?;
            }
            FileType::CharacterDevice | FileType::BlockDevice | FileType::Fifo => {
                h.set_entry_type(match kind {
                    FileType::CharacterDevice => tar::EntryType::Char,
                    FileType::BlockDevice => tar::EntryType::Block,
                    _ => tar::EntryType::Fifo,
                });
                h.set_device_major(rustix::fs::major(st.st_rdev))?;
                h.set_device_minor(rustix::fs::minor(st.st_rdev))?;
                self.builder.append_data(&mut h, as_name, io::empty())?;
            }
            _ => {} // sockets: nothing to keep
        }
        Ok(())
    }

    /// An empty regular file entry (a whiteout).
    pub fn add_marker(&mut self, as_name: &Path) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(0o600);
        h.set_uid(0);
        h.set_gid(0);
        h.set_size(0);
        h.set_mtime(0);
        self.builder.append_data(&mut h, as_name, io::empty())?;
        Ok(())
    }

    /// The file's xattrs as a PAX header before its entry (overlay's own
    /// are left out).
    fn xattrs(&mut self, fd: &OwnedFd, as_name: &Path) -> Result<()> {
        let mut names = vec![0u8; 64 * 1024];
        let n = match rustix::fs::flistxattr(fd, &mut names) {
            Ok(n) => n,
            Err(_) => return Ok(()),
        };
        let mut records = Vec::new();
        for key in names[..n].split(|b| *b == 0).filter(|k| !k.is_empty()) {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            if key.starts_with("user.overlay.")
                || key.starts_with("trusted.overlay.")
                || key.starts_with("user.fuseoverlayfs.")
            {
                continue;
            }
            let mut value = vec![0u8; 64 * 1024];
            if let Ok(len) = rustix::fs::fgetxattr(fd, key, &mut value) {
                records.extend(pax_record(&format!("SCHILY.xattr.{key}"), &value[..len]));
            }
        }
        if records.is_empty() {
            return Ok(());
        }
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::XHeader);
        h.set_mode(0o644);
        h.set_size(records.len() as u64);
        let name = format!(
            "PaxHeaders/{}",
            as_name
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let short: String = name.chars().take(99).collect();
        h.set_path(short)?;
        h.set_cksum();
        self.builder.append(&h, records.as_slice())?;
        Ok(())
    }

    /// Write the end of the archive; the writer back.
    pub fn finish(self) -> Result<W> {
        Ok(self.builder.into_inner()?)
    }
}

/// A directory entry's name ends with `/`, as tar writes them.
fn dir_name(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    if !s.as_bytes().ends_with(b"/") {
        s.push("/");
    }
    PathBuf::from(s)
}

/// One PAX record: `LEN key=value\n`, LEN counting itself.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let body = key.len() + value.len() + 3; // space, '=', '\n'
    let mut len = body + 1;
    while len != body + len.to_string().len() {
        len = body + len.to_string().len();
    }
    let mut r = format!("{len} {key}=").into_bytes();
    r.extend_from_slice(value);
    r.push(b'\n');
    r
}

fn open_beneath(root: BorrowedFd<'_>, rel: &Path) -> rustix::io::Result<OwnedFd> {
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

fn sorted_names(dir: &OwnedFd) -> Result<Vec<OsString>> {
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

/// Exactly `left` bytes of `inner`: zeros after a short read (a file that
/// shrank while it was read), nothing past it (one that grew).
struct Exactly<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Exactly<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf.len().min(self.left as usize);
        let n = match self.inner.read(&mut buf[..want])? {
            0 => {
                buf[..want].fill(0);
                want
            }
            n => n,
        };
        self.left -= n as u64;
        Ok(n)
    }
}

/// `input`, decompressed if its first bytes say gzip or zstd (archives
/// users give den: cp, load, import).
pub fn decompressed<'a>(input: Box<dyn io::Read + 'a>) -> Result<Box<dyn io::Read + 'a>> {
    let mut r = io::BufReader::with_capacity(1 << 20, input);
    let head = io::BufRead::fill_buf(&mut r).context("reading the archive")?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(r))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(zstd::Decoder::with_buffer(r)?)
    } else {
        Box::new(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_lengths_count_themselves() {
        let r = pax_record("SCHILY.xattr.user.a", b"v");
        let text = String::from_utf8(r.clone()).expect("utf8");
        let len: usize = text
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("len");
        assert_eq!(len, r.len());
        // Around a power of ten the length grows a digit.
        let long = pax_record("k", &[b'x'; 95]);
        let n: usize = String::from_utf8_lossy(&long)
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("n");
        assert_eq!(n, long.len());
    }

    #[test]
    fn exactly_pads_and_cuts() {
        let mut out = Vec::new();
        Exactly {
            inner: &b"abc"[..],
            left: 5,
        }
        .read_to_end(&mut out)
        .expect("read");
        assert_eq!(out, b"abc\0\0");
        out.clear();
        Exactly {
            inner: &b"abcdef"[..],
            left: 2,
        }
        .read_to_end(&mut out)
        .expect("read");
        assert_eq!(out, b"ab");
    }
}
