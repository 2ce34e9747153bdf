//! Extracting a layer tar into its own directory, safely.
//!
//! Every entry is created relative to a directory fd opened with
//! `openat2(RESOLVE_IN_ROOT)`, and the final component is created with
//! calls that never follow a symlink, so no name, symlink, hardlink or `..`
//! in a layer can create or change anything outside the layer directory.
//! Whiteouts become overlay whiteouts (0:0 character devices) and opaque
//! directories get the `user.overlay.opaque` xattr.

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::rc::Rc;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, Timespec, Timestamps, XattrFlags};
use rustix::io::Errno;
use thiserror::Error;

use super::meter::{HashingReader, Hit, Meter};
use super::path::clean_components;
use super::tarsplit::Recorder;
use crate::debug;

/// xattrs that mark overlay whiteouts and opaque directories.
pub const OPAQUE_XATTRS: &[&str] = &["user.overlay.opaque", "user.fuseoverlayfs.opaque"];

/// Why a layer could not be extracted.
#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("reading the layer: {0}")]
    Read(io::Error),
    #[error("layer entry {path:?}: {what}: {err}")]
    Entry {
        path: String,
        what: &'static str,
        err: io::Error,
    },
    #[error("layer entry {path:?} is owned by {kind} {id}, which is not mapped in den's user namespace (give your user a larger range in /etc/sub{kind}: {fix})")]
    Unmapped {
        path: String,
        kind: &'static str,
        id: u32,
        fix: String,
    },
    #[error("layer entry {path:?} is a hardlink to {target:?}, which is not in the same layer")]
    MissingLinkTarget { path: String, target: String },
    #[error("the layer's content does not match its diff id (expected {expected}, got {actual}): the image is corrupt")]
    DiffId { expected: String, actual: String },
    #[error("{0}")]
    TooLarge(String),
}

/// How file owners are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owners {
    /// chown to the owners the layer names (a full id map is in place).
    Keep,
    /// Only one id is mapped: everything is owned by it.
    Single,
}

/// What an extraction produced.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Bytes of regular file content.
    pub size: u64,
}

/// Extract the uncompressed tar `input` into the empty directory `dest`,
/// within the `meter`'s limits, and check that its sha256 is
/// `expected_diff_id`. The stream is recorded in `record` (see
/// [`super::tarsplit`]); if it cannot be, the record is removed.
pub fn extract_layer<R: Read>(
    input: R,
    dest: &Path,
    owners: Owners,
    expected_diff_id: &str,
    meter: Rc<Meter>,
    record: &Path,
) -> Result<Extracted, ExtractError> {
    let too_large = |e: ExtractError| match meter.hit() {
        Some(hit) => ExtractError::TooLarge(meter.reason(hit)),
        None => e,
    };
    let recorder = Recorder::create(record).ok();
    let r = extract_metered(
        input,
        dest,
        owners,
        expected_diff_id,
        meter.clone(),
        recorder.clone(),
    )
    .map_err(too_large);
    if !(r.is_ok() && recorder.is_some_and(Recorder::finish)) {
        let _ = std::fs::remove_file(record);
    }
    r
}

/// Where and how a plain archive is unpacked.
pub struct Unpack<'a> {
    /// The root nothing may leave (a container's `/`, a volume's data).
    pub root: BorrowedFd<'a>,
    /// The directory below the root the entries go in.
    pub base: &'a [&'a OsStr],
    /// Every entry owned by these ids (else the archive's, with `Keep`).
    pub owner: Option<(u32, u32)>,
    pub owners: Owners,
    /// The first component of every name becomes this.
    pub rename_top: Option<std::ffi::OsString>,
    /// Replace a directory with a file or the reverse.
    pub overwrite: bool,
    /// Unpacking onto the host (`cp` out): setuid and setgid bits are
    /// dropped and the umask applied, an existing directory keeps its
    /// mode, and a new directory gets its own only once its content is in.
    pub host: bool,
}

/// Unpack a plain tar (`cp` into a container, `volume import`): entries
/// go below `to.base` inside `to.root` (no name, symlink or hardlink
/// leads out of the root), an existing directory is merged, anything else
/// replaced; `.wh.` names are ordinary files.
pub fn unpack<R: Read>(
    input: R,
    to: &Unpack<'_>,
    meter: Rc<Meter>,
) -> Result<Extracted, ExtractError> {
    let too_large = |e: ExtractError| match meter.hit() {
        Some(hit) => ExtractError::TooLarge(meter.reason(hit)),
        None => e,
    };
    let mut x = Extractor {
        root: to.root,
        base: to.base.iter().map(|b| b.to_os_string()).collect(),
        plain: true,
        owner: to.owner,
        rename_top: to.rename_top.clone(),
        overwrite: to.overwrite,
        umask: to.host.then(current_umask),
        owners: to.owners,
        size: 0,
        dir_times: Vec::new(),
        meter: meter.clone(),
    };
    let mut metered = HashingReader::metered(input, meter.clone());
    let r = (|| {
        let mut archive = tar::Archive::new(&mut metered);
        let entries = archive.entries().map_err(ExtractError::Read)?;
        for entry in entries {
            let mut entry = entry.map_err(ExtractError::Read)?;
            x.meter.mark();
            x.entry(&mut entry)?;
        }
        x.apply_dir_times();
        Ok(Extracted { size: x.size })
    })();
    r.map_err(too_large)
}

fn extract_metered<R: Read>(
    input: R,
    dest: &Path,
    owners: Owners,
    expected_diff_id: &str,
    meter: Rc<Meter>,
    recorder: Option<Recorder>,
) -> Result<Extracted, ExtractError> {
    let root = rustix::fs::open(
        dest,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| ExtractError::Entry {
        path: dest.display().to_string(),
        what: "opening the layer directory",
        err: e.into(),
    })?;
    let input = super::tarsplit::recording(recorder.as_ref(), input);
    let mut hashing = HashingReader::new(input, meter.clone());
    let mut x = Extractor {
        root: root.as_fd(),
        base: Vec::new(),
        plain: false,
        owner: None,
        rename_top: None,
        overwrite: true,
        umask: None,
        owners,
        size: 0,
        dir_times: Vec::new(),
        meter,
    };
    {
        let mut archive = tar::Archive::new(&mut hashing);
        let entries = archive.entries().map_err(ExtractError::Read)?;
        for entry in entries {
            let mut entry = entry.map_err(ExtractError::Read)?;
            if let Some(r) = &recorder {
                r.entry(&entry);
            }
            x.meter.mark();
            x.entry(&mut entry)?;
        }
    }
    x.apply_dir_times();
    let (diff_id, _) = hashing.finish().map_err(ExtractError::Read)?;
    if diff_id != expected_diff_id {
        return Err(ExtractError::DiffId {
            expected: expected_diff_id.to_string(),
            actual: diff_id,
        });
    }
    Ok(Extracted { size: x.size })
}

struct Extractor<'a> {
    root: BorrowedFd<'a>,
    /// Where below the root the entries go.
    base: Vec<std::ffi::OsString>,
    /// A plain archive (`cp`, `volume import`): `.wh.` names are files.
    plain: bool,
    /// Every entry owned by these ids instead of the archive's.
    owner: Option<(u32, u32)>,
    /// The first component of every name becomes this (`cp` to a new name).
    rename_top: Option<std::ffi::OsString>,
    /// A plain archive may replace a directory with a file or the reverse.
    overwrite: bool,
    /// Onto the host, with this umask (see [`Unpack::host`]).
    umask: Option<u32>,
    owners: Owners,
    /// File content so far, holes included.
    size: u64,
    /// Directories made: their times, and (onto the host) their modes,
    /// set once their content is in.
    dir_times: Vec<(Vec<u8>, i64, Option<u32>)>,
    meter: Rc<Meter>,
}

impl Extractor<'_> {
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<R>) -> Result<(), ExtractError> {
        let raw_path = entry.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw_path).into_owned();
        let err = |what: &'static str| {
            let path = shown.clone();
            move |e: io::Error| ExtractError::Entry { path, what, err: e }
        };
        let raw_path = self.renamed(&raw_path);
        let comps = clean_components(&raw_path);
        let Some((name, parents)) = comps.split_last() else {
            return Ok(()); // the root itself
        };
        let header = entry.header().clone();
        let kind = header.entry_type();
        let mut uid = header.uid().map_err(err("reading the owner"))? as u32;
        let mut gid = header.gid().map_err(err("reading the group"))? as u32;
        let forced = self.owner;
        let mode = header.mode().map_err(err("reading the mode"))? & 0o7777;
        let mtime = header.mtime().unwrap_or(0) as i64;
        let mut xattrs: Vec<(String, Vec<u8>)> = Vec::new();
        if let Some(pax) = entry.pax_extensions().map_err(err("reading pax headers"))? {
            for ext in pax.flatten() {
                let Ok(key) = ext.key() else { continue };
                match key {
                    "uid" => uid = parse_id(ext.value_bytes()).unwrap_or(uid),
                    "gid" => gid = parse_id(ext.value_bytes()).unwrap_or(gid),
                    k => {
                        if let Some(x) = k.strip_prefix("SCHILY.xattr.") {
                            xattrs.push((x.to_string(), ext.value_bytes().to_vec()));
                        }
                    }
                }
            }
        }

        if let Some((u, g)) = forced {
            (uid, gid) = (u, g);
        }
        let parent = self
            .open_dir(parents, true)
            .map_err(err("opening its parent directory"))?;
        let name_bytes = name.as_bytes();

        // Whiteouts.
        if !self.plain && name_bytes == b".wh..wh..opq" {
            // xattrs need a real (not O_PATH) descriptor.
            let dir = rustix::fs::openat(
                &parent,
                ".",
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| err("opening the directory")(e.into()))?;
            for x in OPAQUE_XATTRS {
                rustix::fs::fsetxattr(&dir, *x, b"y", XattrFlags::empty())
                    .map_err(|e| err("marking the directory opaque")(e.into()))?;
            }
            return Ok(());
        }
        if let Some(hidden) = name_bytes.strip_prefix(b".wh.").filter(|_| !self.plain) {
            let hidden = OsStr::from_bytes(hidden);
            remove_existing(&parent, hidden, false)
                .map_err(err("removing the whited-out entry"))?;
            rustix::fs::mknodat(
                &parent,
                hidden,
                FileType::CharacterDevice,
                Mode::empty(),
                rustix::fs::makedev(0, 0),
            )
            .map_err(|e| err("creating a whiteout")(e.into()))?;
            return Ok(());
        }

        let is_dir = kind == tar::EntryType::Directory;
        if self.plain && !self.overwrite {
            if let Ok(st) = rustix::fs::statat(&parent, *name, AtFlags::SYMLINK_NOFOLLOW) {
                let was_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
                if was_dir != is_dir {
                    return Err(err(if was_dir {
                        "a directory is there (use --overwrite to replace it)"
                    } else {
                        "a file is there, not a directory (use --overwrite to replace it)"
                    })(io::Error::from(
                        io::ErrorKind::AlreadyExists,
                    )));
                }
            }
        }
        remove_existing(&parent, name, is_dir).map_err(err("replacing an earlier entry"))?;

        match kind {
            tar::EntryType::Directory => {
                let made = match rustix::fs::mkdirat(&parent, *name, Mode::from_raw_mode(0o700)) {
                    Ok(()) => true,
                    Err(Errno::EXIST) => false,
                    Err(e) => return Err(err("creating the directory")(e.into())),
                };
                let fd = rustix::fs::openat(
                    &parent,
                    *name,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .map_err(|e| err("opening the directory")(e.into()))?;
                match self.umask {
                    None => {
                        self.set_owner_mode(&fd, &shown, uid, gid, mode)?;
                        set_xattrs(&fd, &xattrs);
                        self.dir_times.push((raw_path.clone(), mtime, None));
                    }
                    // Onto the host: the user's directory stays as it is.
                    Some(_) if !made => {}
                    Some(_) => {
                        self.set_owner_mode(&fd, &shown, uid, gid, mode | 0o700)?;
                        self.dir_times.push((raw_path.clone(), mtime, Some(mode)));
                    }
                }
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                let fd = rustix::fs::openat(
                    &parent,
                    *name,
                    OFlags::WRONLY
                        | OFlags::CREATE
                        | OFlags::EXCL
                        | OFlags::NOFOLLOW
                        | OFlags::CLOEXEC,
                    Mode::from_raw_mode(0o600),
                )
                .map_err(|e| err("creating the file")(e.into()))?;
                // Refused before a byte is written if it claims too much.
                self.size = self.size.saturating_add(entry.size());
                if self.size > self.meter.limits.size {
                    self.meter.stop(Hit::Content);
                    return Err(ExtractError::TooLarge(self.meter.reason(Hit::Content)));
                }
                let mut file = std::fs::File::from(fd);
                self.copy_sparse(entry, &mut file, &shown)?;
                self.set_owner_mode(&file, &shown, uid, gid, mode)?;
                set_xattrs(&file, &xattrs);
                let _ = rustix::fs::futimens(&file, &times(mtime));
            }
            tar::EntryType::Symlink => {
                let target = entry
                    .link_name_bytes()
                    .map(|c| c.into_owned())
                    .unwrap_or_default();
                rustix::fs::symlinkat(OsStr::from_bytes(&target), &parent, *name)
                    .map_err(|e| err("creating the symlink")(e.into()))?;
                self.chown_at(&parent, name, &shown, uid, gid)?;
                let _ =
                    rustix::fs::utimensat(&parent, *name, &times(mtime), AtFlags::SYMLINK_NOFOLLOW);
            }
            tar::EntryType::Link => {
                let target = entry
                    .link_name_bytes()
                    .map(|c| c.into_owned())
                    .unwrap_or_default();
                let target = self.renamed(&target);
                let tcomps = clean_components(&target);
                let missing = || ExtractError::MissingLinkTarget {
                    path: shown.clone(),
                    target: String::from_utf8_lossy(&target).into_owned(),
                };
                let Some((tname, tparents)) = tcomps.split_last() else {
                    return Err(missing());
                };
                let tparent = self.open_dir(tparents, false).map_err(|_| missing())?;
                match rustix::fs::linkat(&tparent, *tname, &parent, *name, AtFlags::empty()) {
                    Ok(()) => {}
                    Err(Errno::NOENT) => return Err(missing()),
                    Err(e) => return Err(err("creating the hardlink")(e.into())),
                }
            }
            tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
                let (ft, dev) = match kind {
                    tar::EntryType::Fifo => (FileType::Fifo, 0),
                    t => {
                        let major = header.device_major().ok().flatten().unwrap_or(0);
                        let minor = header.device_minor().ok().flatten().unwrap_or(0);
                        let ft = if t == tar::EntryType::Char {
                            FileType::CharacterDevice
                        } else {
                            FileType::BlockDevice
                        };
                        (ft, rustix::fs::makedev(major, minor))
                    }
                };
                match rustix::fs::mknodat(&parent, *name, ft, Mode::from_raw_mode(mode), dev) {
                    Ok(()) => self.chown_at(&parent, name, &shown, uid, gid)?,
                    Err(Errno::PERM) | Err(Errno::ACCESS) => {
                        debug!("skipping device node {shown:?}: it cannot be created without privileges");
                    }
                    Err(e) => return Err(err("creating the special file")(e.into())),
                }
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => {}
            other => {
                debug!("skipping layer entry {shown:?} of unsupported type {other:?}");
            }
        }
        Ok(())
    }

    /// Copy a file's content, leaving blocks of zeros as holes (sparse
    /// entries, and dense zeros, take no disk).
    fn copy_sparse<R: Read>(
        &self,
        from: &mut R,
        to: &mut std::fs::File,
        shown: &str,
    ) -> Result<(), ExtractError> {
        use std::io::{Seek, SeekFrom};
        const BLOCK: usize = 4096;
        let werr = |e: io::Error| ExtractError::Entry {
            path: shown.to_string(),
            what: "writing the file",
            err: e,
        };
        let mut buf = vec![0u8; 16 * BLOCK];
        let (mut len, mut hole) = (0u64, false);
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ExtractError::Read(e)),
            };
            self.meter.mark();
            for block in buf[..n].chunks(BLOCK) {
                if block.iter().all(|b| *b == 0) {
                    to.seek(SeekFrom::Current(block.len() as i64))
                        .map_err(werr)?;
                    hole = true;
                } else {
                    to.write_all(block).map_err(werr)?;
                    hole = false;
                }
                len += block.len() as u64;
            }
        }
        if hole {
            to.set_len(len).map_err(werr)?; // a hole at the end
        }
        Ok(())
    }

    /// An archive name with its first component replaced by
    /// `rename_top` (`cp` to a new name).
    fn renamed(&self, raw: &[u8]) -> Vec<u8> {
        let Some(top) = &self.rename_top else {
            return raw.to_vec();
        };
        let comps = clean_components(raw);
        let mut out = top.as_bytes().to_vec();
        for c in comps.iter().skip(1) {
            out.push(b'/');
            out.extend_from_slice(c.as_bytes());
        }
        out
    }

    /// Open (and with `create`, make) the directory `comps` (below the
    /// base) inside the root.
    fn open_dir(&self, comps: &[&OsStr], create: bool) -> io::Result<OwnedFd> {
        if self.base.is_empty() {
            return super::path::open_dir(self.root, comps, create);
        }
        let all: Vec<&OsStr> = self
            .base
            .iter()
            .map(|b| b.as_os_str())
            .chain(comps.iter().copied())
            .collect();
        super::path::open_dir(self.root, &all, create)
    }

    fn set_owner_mode<Fd: AsFd>(
        &self,
        fd: Fd,
        shown: &str,
        uid: u32,
        gid: u32,
        mode: u32,
    ) -> Result<(), ExtractError> {
        if self.owners == Owners::Keep {
            rustix::fs::fchown(
                &fd,
                Some(rustix::fs::Uid::from_raw(uid)),
                Some(rustix::fs::Gid::from_raw(gid)),
            )
            .map_err(|e| chown_error(e, shown, uid, gid))?;
        }
        // After chown, which clears setuid and setgid bits.
        rustix::fs::fchmod(&fd, Mode::from_raw_mode(self.host_mode(mode))).map_err(|e| {
            ExtractError::Entry {
                path: shown.to_string(),
                what: "setting the mode",
                err: e.into(),
            }
        })
    }

    fn chown_at(
        &self,
        parent: &OwnedFd,
        name: &OsStr,
        shown: &str,
        uid: u32,
        gid: u32,
    ) -> Result<(), ExtractError> {
        if self.owners == Owners::Single {
            return Ok(());
        }
        rustix::fs::chownat(
            parent,
            name,
            Some(rustix::fs::Uid::from_raw(uid)),
            Some(rustix::fs::Gid::from_raw(gid)),
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(|e| chown_error(e, shown, uid, gid))
    }

    /// `mode` as it may be onto the host: no setuid or setgid, the umask
    /// applied.
    fn host_mode(&self, mode: u32) -> u32 {
        match self.umask {
            Some(mask) => mode & !mask & !0o6000,
            None => mode,
        }
    }

    fn apply_dir_times(&self) {
        // Deepest first, so setting a child does not touch a parent after it.
        let mut dirs: Vec<&(Vec<u8>, i64, Option<u32>)> = self.dir_times.iter().collect();
        dirs.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
        for (raw, mtime, mode) in dirs {
            let comps = clean_components(raw);
            if let Ok(fd) = self.open_dir(&comps, false) {
                if let Some(m) = mode {
                    // An O_PATH descriptor cannot be chmod'ed: the directory itself.
                    if let Ok(dir) = rustix::fs::openat(
                        &fd,
                        ".",
                        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                        Mode::empty(),
                    ) {
                        let _ = rustix::fs::fchmod(&dir, Mode::from_raw_mode(self.host_mode(*m)));
                    }
                }
                let _ = rustix::fs::utimensat(&fd, "", &times(*mtime), AtFlags::EMPTY_PATH);
            }
        }
    }
}

/// The process's umask (read by setting it, then putting it back).
fn current_umask() -> u32 {
    let old = rustix::process::umask(Mode::from_raw_mode(0o022));
    rustix::process::umask(old);
    old.bits()
}

fn chown_error(e: Errno, shown: &str, uid: u32, gid: u32) -> ExtractError {
    if e == Errno::INVAL {
        // Find out which of the two is unmapped, for the message.
        let kind = if crate::runtime::idmap::is_mapped_uid(uid) {
            "gid"
        } else {
            "uid"
        };
        let id = if kind == "uid" { uid } else { gid };
        // Maybe in a container's view: never more than a small regular file.
        let text = |p: &str| super::path::read_small_file(p, 1 << 20).unwrap_or_default();
        let (lo, hi) =
            crate::runtime::idmap::free_range(&text("/etc/subuid"), &text("/etc/subgid"));
        let me = crate::runtime::idmap::host_uid();
        let name = crate::runtime::idmap::user_name(me).unwrap_or_else(|| me.to_string());
        ExtractError::Unmapped {
            path: shown.to_string(),
            kind,
            id,
            fix: format!("sudo usermod --add-sub{kind}s {lo}-{hi} {name}"),
        }
    } else {
        ExtractError::Entry {
            path: shown.to_string(),
            what: "setting the owner",
            err: e.into(),
        }
    }
}

fn parse_id(v: &[u8]) -> Option<u32> {
    std::str::from_utf8(v).ok()?.trim().parse().ok()
}

fn times(mtime: i64) -> Timestamps {
    let t = Timespec {
        tv_sec: mtime,
        tv_nsec: 0,
    };
    Timestamps {
        last_access: t,
        last_modification: t,
    }
}

/// Set xattrs from the layer, except overlay's own, which a layer must not forge.
fn set_xattrs<Fd: AsFd>(fd: Fd, xattrs: &[(String, Vec<u8>)]) {
    for (name, value) in xattrs {
        if name.starts_with("user.overlay.")
            || name.starts_with("trusted.overlay.")
            || name.starts_with("user.fuseoverlayfs.")
        {
            debug!("ignoring overlay xattr {name} in a layer");
            continue;
        }
        if let Err(e) = rustix::fs::fsetxattr(&fd, name.as_str(), value, XattrFlags::empty()) {
            debug!("skipping xattr {name}: {e}");
        }
    }
}

/// Remove what an earlier entry of the same layer left at `name`, unless
/// both are directories (a later directory entry only updates metadata).
fn remove_existing(parent: &OwnedFd, name: &OsStr, new_is_dir: bool) -> io::Result<()> {
    let st = match rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => st,
        Err(Errno::NOENT) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
    if is_dir && new_is_dir {
        return Ok(());
    }
    let flags = if is_dir {
        AtFlags::REMOVEDIR
    } else {
        AtFlags::empty()
    };
    Ok(rustix::fs::unlinkat(parent, name, flags)?)
}
