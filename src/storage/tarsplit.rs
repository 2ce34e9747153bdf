//! A layer's tar stream, kept so that the very same bytes can be written
//! again (push, save) from the extracted files: the idea of tar-split, as
//! containers/storage keeps it. While a layer is extracted, a [`Recorder`]
//! under the tar parser keeps every byte of the uncompressed stream except
//! the content of regular files, which it names by the file's path in the
//! layer instead; [`write`] puts the stream back together. The layer's
//! diff id then still matches, and so does the image id.
//!
//! The record (`tar-split.zst` beside the layer's `diff/`) is zstd of:
//! `DENSPLIT1\n`, then records: `S` u32 length, bytes (stream bytes as
//! they were); `F` u64 size, u32 length, path (that many bytes of the
//! file's content); `E` (the end). Numbers are little-endian.

use std::cell::RefCell;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::rc::Rc;

use anyhow::{bail, Context, Result};
use rustix::fs::{Mode, OFlags, ResolveFlags};

use super::path::clean_components;

const MAGIC: &[u8] = b"DENSPLIT1\n";
/// Stream bytes are written out in segments of at most this many.
const SEGMENT: usize = 1 << 16;

/// The name of the record beside a layer's `diff/`.
pub const FILE_NAME: &str = "tar-split.zst";

struct State {
    out: Option<zstd::Encoder<'static, BufWriter<File>>>,
    /// Stream bytes not yet written out.
    pending: Vec<u8>,
    /// Content bytes still to come of the file last named.
    skip: u64,
    /// Bytes of the stream so far.
    pos: u64,
}

impl State {
    fn flush_segment(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if let Some(out) = self.out.as_mut() {
            for piece in self.pending.chunks(SEGMENT) {
                out.write_all(b"S")?;
                out.write_all(&(piece.len() as u32).to_le_bytes())?;
                out.write_all(piece)?;
            }
        }
        self.pending.clear();
        Ok(())
    }

    /// Stop recording: something did not go as the format needs.
    fn give_up(&mut self) {
        self.out = None;
        self.pending = Vec::new();
    }
}

/// Records a layer's stream as it is read; see the module's description.
#[derive(Clone)]
pub struct Recorder {
    state: Rc<RefCell<State>>,
}

impl Recorder {
    /// Record into a new file at `path`.
    pub fn create(path: &Path) -> Result<Recorder> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("creating {}", path.display()))?;
        let mut out = zstd::Encoder::new(BufWriter::new(file), 3)?;
        out.write_all(MAGIC)?;
        Ok(Recorder {
            state: Rc::new(RefCell::new(State {
                out: Some(out),
                pending: Vec::new(),
                skip: 0,
                pos: 0,
            })),
        })
    }

    /// The tar parser has just read the header of `entry`: if it is a
    /// regular file whose content lands in the layer as it is, name it
    /// instead of keeping its bytes.
    pub fn entry<R: Read>(&self, entry: &tar::Entry<'_, R>) {
        let mut s = self.state.borrow_mut();
        if s.out.is_none() {
            return;
        }
        let kind = entry.header().entry_type();
        let size = entry.size();
        if !kind.is_file() || size == 0 {
            return;
        }
        // The parser must not have read ahead into the content.
        if entry.raw_file_position() != s.pos {
            s.give_up();
            return;
        }
        let path = entry.path_bytes().into_owned();
        let ok = s.flush_segment().and_then(|()| {
            let out = s.out.as_mut().ok_or(io::ErrorKind::Other)?;
            out.write_all(b"F")?;
            out.write_all(&size.to_le_bytes())?;
            out.write_all(&(path.len() as u32).to_le_bytes())?;
            out.write_all(&path)
        });
        if ok.is_err() {
            s.give_up();
            return;
        }
        s.skip = size;
    }

    /// Finish the record; false if it could not be kept (remove the file).
    pub fn finish(self) -> bool {
        let mut s = self.state.borrow_mut();
        if s.skip != 0 || s.flush_segment().is_err() {
            return false;
        }
        let Some(mut out) = s.out.take() else {
            return false;
        };
        out.write_all(b"E").is_ok()
            && out
                .finish()
                .and_then(|mut w| w.flush().and_then(|()| w.get_ref().sync_all()))
                .is_ok()
    }
}

/// A reader whose bytes a [`Recorder`] keeps, if there is one.
pub struct Recording<R> {
    inner: R,
    state: Option<Rc<RefCell<State>>>,
}

/// `input`, read through `recorder` if there is one.
pub fn recording<R: Read>(recorder: Option<&Recorder>, input: R) -> Recording<R> {
    Recording {
        inner: input,
        state: recorder.map(|r| r.state.clone()),
    }
}

impl<R: Read> Read for Recording<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let Some(state) = &self.state else {
            return Ok(n);
        };
        let mut s = state.borrow_mut();
        s.pos += n as u64;
        if s.out.is_none() {
            return Ok(n);
        }
        let mut rest = &buf[..n];
        if s.skip > 0 {
            let k = (s.skip.min(rest.len() as u64)) as usize;
            s.skip -= k as u64;
            rest = &rest[k..];
        }
        s.pending.extend_from_slice(rest);
        if s.pending.len() >= SEGMENT && s.flush_segment().is_err() {
            s.give_up();
        }
        Ok(n)
    }
}

/// One record entry.
enum Item {
    Segment(Vec<u8>),
    File { path: Vec<u8>, size: u64 },
    End,
}

/// Reads a record's entries.
struct Items {
    input: zstd::Decoder<'static, BufReader<File>>,
    name: String,
}

impl Items {
    fn open(record: &Path) -> Result<Items> {
        let file = File::open(record).with_context(|| format!("opening {}", record.display()))?;
        let mut input = zstd::Decoder::with_buffer(BufReader::new(file))?;
        let mut magic = [0u8; MAGIC.len()];
        input.read_exact(&mut magic)?;
        if magic != MAGIC {
            bail!("{} is not a layer record of den's", record.display());
        }
        Ok(Items {
            input,
            name: record.display().to_string(),
        })
    }

    fn next(&mut self) -> Result<Item> {
        let mut tag = [0u8; 1];
        self.input.read_exact(&mut tag)?;
        match tag[0] {
            b'S' => {
                let len = read_u32(&mut self.input)? as usize;
                if len > SEGMENT {
                    bail!("{}: a segment longer than {SEGMENT}", self.name);
                }
                let mut buf = vec![0u8; len];
                self.input.read_exact(&mut buf)?;
                Ok(Item::Segment(buf))
            }
            b'F' => {
                let mut size = [0u8; 8];
                self.input.read_exact(&mut size)?;
                let len = read_u32(&mut self.input)? as usize;
                if len > 1 << 20 {
                    bail!("{}: a path longer than 1 MiB", self.name);
                }
                let mut path = vec![0u8; len];
                self.input.read_exact(&mut path)?;
                Ok(Item::File {
                    path,
                    size: u64::from_le_bytes(size),
                })
            }
            b'E' => Ok(Item::End),
            other => bail!("{}: unknown record {other:#x}", self.name),
        }
    }
}

/// The size of the stream recorded in `record`.
pub fn size(record: &Path) -> Result<u64> {
    let mut items = Items::open(record)?;
    let mut total = 0u64;
    loop {
        match items.next()? {
            Item::Segment(b) => total += b.len() as u64,
            Item::File { size, .. } => total += size,
            Item::End => return Ok(total),
        }
    }
}

/// The layer recorded in `record`, read back as its tar stream, with the
/// content of its files from the layer tree `diff`.
pub struct Reader {
    root: rustix::fd::OwnedFd,
    items: Items,
    /// What is being read: a segment (and how far), or a file's content.
    current: Current,
}

enum Current {
    Segment(Vec<u8>, usize),
    File(std::io::Take<File>, Vec<u8>),
    Done,
}

impl Reader {
    pub fn open(diff: &Path, record: &Path) -> Result<Reader> {
        let root = rustix::fs::open(
            diff,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .with_context(|| format!("opening {}", diff.display()))?;
        Ok(Reader {
            root,
            items: Items::open(record)?,
            current: Current::Segment(Vec::new(), 0),
        })
    }

    /// Move on to the next record entry.
    fn advance(&mut self) -> Result<()> {
        self.current = match self.items.next()? {
            Item::Segment(b) => Current::Segment(b, 0),
            Item::End => Current::Done,
            Item::File { path, size } => {
                let comps: Vec<&OsStr> = clean_components(&path);
                let rel: std::path::PathBuf = comps.iter().collect();
                let f = rustix::fs::openat2(
                    self.root.as_fd(),
                    &rel,
                    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
                    Mode::empty(),
                    ResolveFlags::IN_ROOT | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
                )
                .with_context(|| format!("opening {} in the layer", rel.display()))?;
                // A later entry of the layer may have replaced the file (with
                // a FIFO, say): then the stream cannot be written again.
                let st = rustix::fs::fstat(&f)?;
                if rustix::fs::FileType::from_raw_mode(st.st_mode)
                    != rustix::fs::FileType::RegularFile
                    || (st.st_size as u64) < size
                {
                    bail!(
                        "{} in the layer is no longer the file its stream held",
                        rel.display()
                    );
                }
                Current::File(File::from(f).take(size), path)
            }
        };
        Ok(())
    }
}

impl Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match &mut self.current {
                Current::Done => return Ok(0),
                Current::Segment(b, at) if *at < b.len() => {
                    let n = (b.len() - *at).min(buf.len());
                    buf[..n].copy_from_slice(&b[*at..*at + n]);
                    *at += n;
                    return Ok(n);
                }
                Current::File(f, path) => {
                    let n = f.read(buf)?;
                    if n > 0 {
                        return Ok(n);
                    }
                    if f.limit() > 0 {
                        return Err(io::Error::other(format!(
                            "{} in the layer is shorter than when it was stored",
                            String::from_utf8_lossy(path)
                        )));
                    }
                }
                Current::Segment(..) => {}
            }
            self.advance().map_err(io::Error::other)?;
        }
    }
}

fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}
