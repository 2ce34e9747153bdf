//! `cp`: files between the host and a container, between two containers,
//! or as a tar stream, in either direction, as podman copies them. The
//! container side runs in a child that sees the container's filesystem
//! (see [`super::rootfs`]) and resolves every path inside it; the two
//! sides talk through a pipe: a header line saying what comes, then a tar
//! stream.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{FileType, Mode, OFlags};

use super::rootfs::{self, Seen, View};
use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::storage::archive::{TarOptions, TarWriter};
use crate::storage::extract::{self, Owners, Unpack};
use crate::storage::meter::{Limits, Meter};
use crate::storage::path::{in_root, resolve_in_root};

/// One end of a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// A path on the host (relative to where den runs).
    Host(PathBuf),
    /// A path in a container (relative to its `/`).
    Container { name: String, path: String },
    /// A tar stream (`-`): stdin as a source, stdout as a destination.
    Stream,
}

impl End {
    /// podman's reading of a `cp` argument: `-`; a path starting with `.`
    /// or `/` is the host's; else `CONTAINER:PATH`; else a host path.
    pub fn parse(arg: &str) -> Result<End> {
        if arg == "-" {
            return Ok(End::Stream);
        }
        if arg.starts_with('.') || arg.starts_with('/') {
            return Ok(End::Host(PathBuf::from(arg)));
        }
        match arg.split_once(':') {
            Some((name, path)) if !name.is_empty() => {
                if path.is_empty() {
                    bail!("{arg:?}: give a path after the container name (CONTAINER:PATH)");
                }
                Ok(End::Container {
                    name: name.to_string(),
                    path: path.to_string(),
                })
            }
            _ => Ok(End::Host(PathBuf::from(arg))),
        }
    }
}

/// How files are copied.
#[derive(Debug, Clone, Copy)]
pub struct CopyOptions {
    /// Into a container: owned by the container's user (else the ids the
    /// files have, as den's user namespace sees them).
    pub archive: bool,
    /// Replace a directory with a file or the reverse.
    pub overwrite: bool,
}

/// What a source sends before its tar stream.
#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    /// A file (or other non-directory) by this name.
    File(OsString),
    /// A directory by this name, and what is below it.
    Dir(OsString),
    /// The content of a directory (`SRC/.`).
    Contents,
    /// A tar stream from stdin: unpacked into an existing directory.
    Stream,
}

impl What {
    fn header(&self) -> Vec<u8> {
        let (k, n): (&str, &[u8]) = match self {
            What::File(n) => ("f", n.as_bytes()),
            What::Dir(n) => ("d", n.as_bytes()),
            What::Contents => ("c", b""),
            What::Stream => ("s", b""),
        };
        format!("{k} {}\n", hex::encode(n)).into_bytes()
    }

    fn read(r: &mut impl BufRead) -> Result<What> {
        let mut line = String::new();
        r.read_line(&mut line)?;
        let Some((k, n)) = line.trim_end_matches('\n').split_once(' ') else {
            bail!("the copy's source sent nothing");
        };
        let name = OsString::from_vec(hex::decode(n).context("a bad name from the copy's source")?);
        Ok(match k {
            "f" => What::File(name),
            "d" => What::Dir(name),
            "s" => What::Stream,
            _ => What::Contents,
        })
    }
}

/// Copy `src` to `dst`; `stdin` and `stdout` are the stream's ends.
pub fn copy(
    paths: &Paths,
    src: &End,
    dst: &End,
    opts: CopyOptions,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<()> {
    let in_container = |e: &End| matches!(e, End::Container { .. });
    if !in_container(src) && !in_container(dst) {
        bail!("one side of cp must be a container (CONTAINER:PATH)");
    }
    if *src == End::Stream && *dst == End::Stream {
        bail!("cp copies to or from a container, not from - to -");
    }
    let containers = Containers::new(paths);
    let find = |name: &str| -> Result<ContainerConfig> {
        containers
            .find(name)
            .with_context(|| format!("container {name:?} does not exist"))
    };
    let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let (mut r, mut w) = (Some(r), Some(w));
    // The destination's child reads the pipe; the source's writes it.
    let mut consumer = None;
    if let End::Container { name, path } = dst {
        let cfg = find(name)?;
        let (path, shown) = (in_workdir(&cfg, path), cfg.name.clone());
        let (user, maps) = (cfg.user.clone(), cfg.userns.clone());
        let reader = r.take().context("pipe")?;
        let writer = w.as_ref().context("pipe")?;
        consumer = Some(rootfs::fork_in(
            paths,
            &cfg,
            View::Full,
            &[writer],
            move |seen| {
                let owner = if opts.archive {
                    container_user(&seen, &user, maps.as_ref())
                } else {
                    None
                };
                receive_container(&seen, &path, &shown, reader, owner, opts.overwrite)
            },
        )?);
    }
    let mut producer = None;
    if let End::Container { name, path } = src {
        let cfg = find(name)?;
        let (path, shown) = (in_workdir(&cfg, path), cfg.name.clone());
        let (user, maps) = (cfg.user.clone(), cfg.userns.clone());
        let writer = w.take().context("pipe")?;
        let close: Vec<&OwnedFd> = r.iter().collect();
        producer = Some(rootfs::fork_in(
            paths,
            &cfg,
            View::Full,
            &close,
            move |seen| {
                // The stream carries owners as the container sees them,
                // whichever namespace this view is in.
                let owner = container_user(&seen, &user, None);
                let maps = maps.filter(|_| !seen.container_ids);
                send_container(&seen, &path, &shown, writer, owner, maps)
            },
        )?);
    }
    // Our side: the host's, or the stream's.
    let ours: Result<()> = match (src, dst) {
        (End::Host(p), _) => send_host(p, w.take().context("pipe")?, opts.archive),
        (End::Stream, _) => (|| {
            let mut out = std::fs::File::from(w.take().context("pipe")?);
            out.write_all(&What::Stream.header())?;
            // xz and bzip2 (as Docker's API takes them) by the system's
            // programs, on the host's side: the stream is kept first.
            let work = crate::image::store::Store::new(paths).work_dir("cp")?;
            let mut input = crate::storage::byprogram::Decoded::new(stdin, &work.path, 0)?;
            std::io::copy(&mut input, &mut out).context("passing the archive on")?;
            input.finish()
        })(),
        (_, End::Host(p)) => receive_host(p, r.take().context("pipe")?, opts.overwrite),
        (_, End::Stream) => (|| {
            let mut input = BufReader::new(std::fs::File::from(r.take().context("pipe")?));
            What::read(&mut input)?;
            std::io::copy(&mut input, stdout).context("writing the archive")?;
            stdout.flush()?;
            Ok(())
        })(),
        _ => Ok(()),
    };
    drop((r, w));
    let produced = producer.map(|c| c.wait()).transpose();
    let consumed = consumer.map(|c| c.wait()).transpose();
    // The first failure in the order the data flowed (the container's
    // sender, ours, the container's receiver); but one that found its pipe
    // broken is the next having ended first (a destination it refused):
    // the next failure's reason, not its own.
    let mut first: Option<anyhow::Error> = None;
    for r in [produced.map(drop), ours, consumed.map(drop)] {
        if let Err(e) = r {
            if first.as_ref().is_none_or(rootfs::broken_pipe) {
                first = Some(e);
            }
        }
    }
    first.map_or(Ok(()), Err)
}

/// A container path as podman takes it: a relative one starts at the
/// container's working directory (it started at `/`).
fn in_workdir(cfg: &ContainerConfig, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let dir = cfg.workdir.trim_end_matches('/');
    match path {
        "" if dir.is_empty() => "/".to_string(),
        "" => dir.to_string(),
        p => format!("{dir}/{p}"),
    }
}

/// The container user's ids, as the view sees them (none if unknown).
fn container_user(
    seen: &Seen,
    user: &str,
    maps: Option<&crate::runtime::usermaps::UserMaps>,
) -> Option<(u32, u32)> {
    let read = |p: &str| -> String {
        crate::storage::path::read_small_in_root(seen.root.as_fd(), p, 4 << 20).unwrap_or_default()
    };
    let u = crate::runtime::user::resolve(user, &read("etc/passwd"), &read("etc/group")).ok()?;
    match (seen.container_ids, maps) {
        (false, Some(m)) => m.owner_to_den(u.uid, u.gid),
        _ => Some((u.uid, u.gid)),
    }
}

/// podman's path forms: `DIR/.` means the directory's content; a trailing
/// `/` is dropped.
fn split_contents(path: &str) -> (String, bool) {
    // `.` alone is `./.`: the working directory's contents, as podman.
    if path == "." {
        return (".".into(), true);
    }
    if let Some(dir) = path.strip_suffix("/.") {
        return (
            if dir.is_empty() {
                "/".into()
            } else {
                dir.into()
            },
            true,
        );
    }
    let trimmed = path.trim_end_matches('/');
    (
        if trimmed.is_empty() {
            "/".into()
        } else {
            trimmed.into()
        },
        false,
    )
}

fn not_found(path: &str, place: &str) -> anyhow::Error {
    anyhow::anyhow!("{path:?} could not be found on {place}: no such file or directory")
}

/// In a container's view: send `path` (symlinks followed). The copy keeps
/// the name given, not the target's as podman's does: a container's link
/// named `report.txt` to `/x/.bashrc` must not make `den cp` replace the
/// user's `.bashrc`.
fn send_container(
    seen: &Seen,
    path: &str,
    shown: &str,
    out: OwnedFd,
    owner: Option<(u32, u32)>,
    container_maps: Option<crate::runtime::usermaps::UserMaps>,
) -> Result<()> {
    let (p, contents) = split_contents(path);
    let rel = resolve_in_root(seen.root.as_fd(), p.as_bytes(), None)
        .map_err(|_| not_found(path, &format!("container {shown}")))?;
    let st = rustix::fs::statat(&seen.root, &rel, rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
        .map_err(|_| not_found(path, &format!("container {shown}")))?;
    let opts = TarOptions {
        owner,
        container_maps,
        // The container's `/`: not its kernel file systems (a running
        // one's /proc and /sys were walked, and an unreadable file in
        // them ended the copy), as podman leaves them out.
        skip_top: match rel == Path::new(".") {
            true => vec!["dev", "proc", "sys"],
            false => Vec::new(),
        },
        ..Default::default()
    };
    match crate::storage::path::clean_components(p.as_bytes()).last() {
        Some(given) => send_named(seen.root.as_fd(), &rel, &st, contents, given, out, opts),
        None => send(seen.root.as_fd(), &rel, &st, contents, out, opts),
    }
}

/// On the host: send `path` (symlinks followed; the copy keeps the name
/// given). Without `archive`, owners are written as den's user namespace
/// sees them (yours is its root).
fn send_host(path: &Path, out: OwnedFd, archive: bool) -> Result<()> {
    let shown = path.display().to_string();
    let (p, contents) = split_contents(&shown);
    let real = std::fs::canonicalize(&p).map_err(|_| not_found(&shown, "the host"))?;
    let root = rustix::fs::open(
        "/",
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let rel = real.strip_prefix("/").unwrap_or(&real).to_path_buf();
    let rel = if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    };
    let st = rustix::fs::stat(&real)?;
    // `..` and `dir/..` have no name of their own: the directory's.
    let name = Path::new(&p)
        .file_name()
        .or(real.file_name())
        .map(|n| n.to_os_string());
    let mut header_name = rel.clone();
    if let Some(n) = name {
        header_name = PathBuf::from(n);
    }
    let owner = if archive {
        None
    } else {
        Some(host_ids_in_den(st.st_uid, st.st_gid))
    };
    let opts = TarOptions {
        owner,
        ..Default::default()
    };
    send_named(
        root.as_fd(),
        &rel,
        &st,
        contents,
        header_name.as_os_str(),
        out,
        opts,
    )
}

/// A host file's ids as den's user namespace sees them: yours is 0, your
/// subordinate ids follow; others are nobody.
fn host_ids_in_den(uid: u32, gid: u32) -> (u32, u32) {
    let me = (
        rustix::process::getuid().as_raw(),
        rustix::process::getgid().as_raw(),
    );
    let map = |id: u32, mine: u32| if id == mine { 0 } else { 65534 };
    (map(uid, me.0), map(gid, me.1))
}

fn send(
    root: BorrowedFd<'_>,
    rel: &Path,
    st: &rustix::fs::Stat,
    contents: bool,
    out: OwnedFd,
    opts: TarOptions,
) -> Result<()> {
    let name = rel
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "/".into());
    send_named(root, rel, st, contents, &name, out, opts)
}

fn send_named(
    root: BorrowedFd<'_>,
    rel: &Path,
    st: &rustix::fs::Stat,
    contents: bool,
    name: &std::ffi::OsStr,
    out: OwnedFd,
    opts: TarOptions,
) -> Result<()> {
    let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
    let whole_root = rel == Path::new(".");
    let what = if contents || whole_root {
        if !is_dir {
            bail!("{} is not a directory", rel.display());
        }
        What::Contents
    } else if is_dir {
        What::Dir(name.to_os_string())
    } else {
        What::File(name.to_os_string())
    };
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, std::fs::File::from(out));
    out.write_all(&what.header())?;
    let mut tar = TarWriter::new(out, opts);
    match &what {
        What::Contents => {
            let dir = rustix::fs::openat2(
                root,
                rel,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
                in_root(),
            )?;
            tar.add_contents(dir.as_fd(), Path::new(""))?;
        }
        What::Dir(n) | What::File(n) => tar.add_top(root, rel, Path::new(n))?,
        What::Stream => {}
    }
    tar.finish()?.flush()?;
    Ok(())
}

/// Where an incoming copy lands: the directory it is unpacked in, and the
/// name its top entry gets there (none: its own).
struct Landing {
    dir: OwnedFd,
    rename: Option<OsString>,
}

/// podman's rules for where a copy goes, given what the destination is.
fn landing(
    what: &What,
    dest: &str,
    kind: Option<FileType>,
    open_dir: &dyn Fn(&Path) -> std::io::Result<OwnedFd>,
    make_dir: &dyn Fn(&Path) -> std::io::Result<()>,
    place: &str,
) -> Result<Landing> {
    let (d, _) = split_contents(dest);
    let d = Path::new(&d);
    let base = || d.file_name().map(|n| n.to_os_string());
    let parent = || {
        d.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"))
    };
    match (what, kind) {
        (_, Some(FileType::Directory)) => Ok(Landing {
            dir: open_dir(d)?,
            rename: None,
        }),
        (What::Stream, _) => bail!("destination must be a directory when copying from stdin"),
        (What::Dir(_) | What::Contents, Some(_)) => {
            bail!("destination must be a directory when copying a directory")
        }
        (What::File(_), Some(_)) => Ok(Landing {
            dir: open_dir(&parent())?,
            rename: base(),
        }),
        (_, None) if dest.ends_with('/') => Err(not_found(dest, place)),
        (What::Contents, None) => {
            open_dir(&parent()).map_err(|_| not_found(dest, place))?;
            make_dir(d).with_context(|| format!("creating {dest}"))?;
            Ok(Landing {
                dir: open_dir(d)?,
                rename: None,
            })
        }
        (_, None) => Ok(Landing {
            dir: open_dir(&parent()).map_err(|_| not_found(dest, place))?,
            rename: base(),
        }),
    }
}

/// In a container's view: unpack what comes into `path`.
fn receive_container(
    seen: &Seen,
    path: &str,
    shown: &str,
    input: OwnedFd,
    owner: Option<(u32, u32)>,
    overwrite: bool,
) -> Result<()> {
    let mut input = BufReader::with_capacity(256 * 1024, std::fs::File::from(input));
    let what = What::read(&mut input)?;
    let root = seen.root.as_fd();
    let resolve = |p: &Path| resolve_in_root(root, p.as_os_str().as_bytes(), None);
    let resolved = resolve(Path::new(path)).ok();
    let kind = resolved
        .as_ref()
        .and_then(|rel| rustix::fs::statat(root, rel, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok())
        .map(|st| FileType::from_raw_mode(st.st_mode));
    // A file that is there, through symbolic links: written where they
    // lead (`cp f c:/etc/localtime` writes the zone file, the link stays),
    // as podman's copy does; it replaced the link.
    // (A target whose name is not UTF-8 is replaced as before: the
    // landing works on text.)
    let through = match (kind, resolved) {
        (Some(k), Some(rel)) if k != FileType::Directory => rel.to_str().map(|r| format!("/{r}")),
        _ => None,
    };
    let path = through.as_deref().unwrap_or(path);
    let open_dir = |p: &Path| -> std::io::Result<OwnedFd> {
        let rel = resolve(p)?;
        Ok(rustix::fs::openat2(
            root,
            &rel,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )?)
    };
    let make_dir = |p: &Path| -> std::io::Result<()> {
        crate::storage::path::resolve_in_root(
            root,
            p.as_os_str().as_bytes(),
            Some(crate::storage::path::Missing::Dir),
        )
        .map(drop)
    };
    let place = format!("container {shown}");
    let land = landing(&what, path, kind, &open_dir, &make_dir, &place)?;
    unpack(input, &land, owner, Owners::Keep, overwrite, false)
}

/// On the host: unpack what comes into `path` (owned by you).
fn receive_host(path: &Path, input: OwnedFd, overwrite: bool) -> Result<()> {
    let mut input = BufReader::with_capacity(256 * 1024, std::fs::File::from(input));
    let what = What::read(&mut input)?;
    let dest = path.display().to_string();
    let kind = std::fs::metadata(path).ok().map(|m| {
        if m.is_dir() {
            FileType::Directory
        } else {
            FileType::RegularFile
        }
    });
    let open_dir = |p: &Path| -> std::io::Result<OwnedFd> {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        Ok(rustix::fs::open(
            p,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?)
    };
    let make_dir = |p: &Path| std::fs::create_dir(p);
    let land = landing(&what, &dest, kind, &open_dir, &make_dir, "the host")?;
    unpack(input, &land, None, Owners::Single, overwrite, true)
}

fn unpack(
    input: impl Read,
    land: &Landing,
    owner: Option<(u32, u32)>,
    owners: Owners,
    overwrite: bool,
    host: bool,
) -> Result<()> {
    let to = Unpack {
        root: land.dir.as_fd(),
        base: &[],
        owner,
        owners,
        rename_top: land.rename.clone(),
        overwrite,
        host,
    };
    extract::unpack(input, &to, Meter::new(Limits::NONE)).map_err(anyhow::Error::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_as_podman_reads_them() {
        assert_eq!(End::parse("-").expect("-"), End::Stream);
        assert_eq!(
            End::parse("./a:b").expect("host"),
            End::Host("./a:b".into())
        );
        assert_eq!(End::parse("/abs").expect("host"), End::Host("/abs".into()));
        assert_eq!(
            End::parse("web:/etc/x").expect("container"),
            End::Container {
                name: "web".into(),
                path: "/etc/x".into()
            }
        );
        assert_eq!(
            End::parse("plain").expect("host"),
            End::Host("plain".into())
        );
        assert!(End::parse("web:").is_err());
    }

    #[test]
    fn contents_and_trailing_slashes() {
        assert_eq!(split_contents("/data/."), ("/data".into(), true));
        assert_eq!(split_contents("/data/"), ("/data".into(), false));
        assert_eq!(split_contents("/."), ("/".into(), true));
        assert_eq!(split_contents("f"), ("f".into(), false));
    }

    #[test]
    fn headers_round_trip() {
        for w in [
            What::File("a b\\n".into()),
            What::Dir("d".into()),
            What::Contents,
            What::Stream,
        ] {
            let h = w.header();
            assert_eq!(What::read(&mut &h[..]).expect("read"), w);
        }
    }
}
