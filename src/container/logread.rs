//! Reading a container's log (`den logs`) in bounded memory, whatever its
//! size: records are streamed forward in buffered chunks, `--tail` reads
//! backwards from the end only as far as it needs, and `--follow` goes on
//! from an offset, woken by inotify, across rotations.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

pub use super::logfile::{parse_record, Record, Stream};

/// Which lines to show: a line is in when its first record's time is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Window {
    fn contains(&self, t: DateTime<Utc>) -> bool {
        self.since.is_none_or(|s| t >= s) && self.until.is_none_or(|u| t <= u)
    }
}

/// Where `logs` output goes: a terminal's stdout and stderr, or a
/// front-end's stream.
pub trait Sink {
    /// Write `parts`, in order, to the output of `stream`; errors (a reader
    /// that went away) are the sink's to ignore.
    fn write(&mut self, stream: Stream, parts: &[&[u8]]);
    /// Flush after a batch.
    fn flush(&mut self);
}

/// Writes records as `logs` shows them: the content of each stream to the
/// sink's stdout or stderr, partial records joined into lines, the time
/// before each line with `-t`. Holds no line in memory.
pub struct Printer<S: Sink> {
    sink: S,
    timestamps: bool,
    window: Window,
    /// Per stream: inside a line (and whether it is shown), or at a line's start.
    open: [Option<bool>; 2],
}

impl<S: Sink> Printer<S> {
    pub fn new(sink: S, timestamps: bool, window: Window) -> Printer<S> {
        Printer {
            sink,
            timestamps,
            window,
            open: [None, None],
        }
    }

    /// Print one record (or a line joined from records); errors writing
    /// our output are ignored (a reader that went away).
    pub fn record(&mut self, r: &Record) {
        let slot = &mut self.open[r.stream as usize];
        let starts_line = slot.is_none();
        let shown = *slot.get_or_insert_with(|| self.window.contains(r.time));
        if shown {
            let stamp = if self.timestamps && starts_line {
                format!("{} ", r.time.to_rfc3339_opts(SecondsFormat::Nanos, true))
            } else {
                String::new()
            };
            let end: &[u8] = if r.partial { b"" } else { b"\n" };
            self.sink
                .write(r.stream, &[stamp.as_bytes(), &r.content, end]);
        }
        if !r.partial {
            *slot = None;
        }
    }

    /// Flush the output (after a batch).
    pub fn flush(&mut self) {
        self.sink.flush();
    }
}

/// The log files of a container, oldest first: `ctr.log.1`, `ctr.log`.
pub fn files(log: &Path) -> [PathBuf; 2] {
    [log.with_extension("log.1"), log.to_path_buf()]
}

/// Print every complete record of the log files; where the current file's
/// complete records end (for `--follow`).
pub fn print_all(
    log: &Path,
    printer: &mut Printer<impl Sink>,
) -> std::io::Result<Option<(File, u64)>> {
    let [old, current] = files(log);
    if let Ok(f) = File::open(&old) {
        stream(f, 0, printer)?;
    }
    match File::open(&current) {
        Ok(f) => {
            let end = stream(f.try_clone()?, 0, printer)?;
            Ok(Some((f, end)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Print the complete records of `f` from `offset`; the offset after them.
fn stream(mut f: File, offset: u64, printer: &mut Printer<impl Sink>) -> std::io::Result<u64> {
    f.seek(SeekFrom::Start(offset))?;
    let mut reader = BufReader::with_capacity(256 * 1024, f);
    let mut pos = offset;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break; // the end, or a record still being written
        }
        pos += n as u64;
        if let Some(r) = parse_record(&line[..n - 1]) {
            printer.record(&r);
        }
    }
    printer.flush();
    Ok(pos)
}

/// The last `n` lines of the log files in the window, read backwards
/// from the end in chunks (of `current`, the current file opened before,
/// up to its given length, if given): only as much as those lines take is
/// read or held, and never more than [`TAIL_MAX`] bytes of them (a line
/// that never ends is cut at its start). A line made of partial records
/// comes back as one record.
pub fn tail(
    log: &Path,
    n: usize,
    window: Window,
    current: Option<(&File, u64)>,
) -> std::io::Result<Vec<Record>> {
    let mut picked: Vec<Record> = Vec::new(); // newest first
    if n == 0 {
        return Ok(picked);
    }
    // Lines are counted at their end: a whole record, or the last record of
    // a stream when that is partial (a line still being written). After the
    // n-th, the partial records before it belong to the lines counted; the
    // next line end stops the reading. (A partial line of the other stream
    // cut there loses its start, as in podman.)
    let mut ends = 0;
    let mut held = 0usize;
    let mut seen = [false, false];
    let [old, current_path] = files(log);
    let opened = |path: &Path, given: Option<(&File, u64)>| -> Option<(File, Option<u64>)> {
        match given {
            Some((f, len)) => f.try_clone().ok().map(|f| (f, Some(len))),
            None => File::open(path).ok().map(|f| (f, None)),
        }
    };
    'files: for (path, given) in [(current_path, current), (old, None)] {
        let Some((f, end)) = opened(&path, given) else {
            continue;
        };
        let mut back = Backwards::new(f, end)?;
        while let Some(line) = back.next_line()? {
            let Some(r) = parse_record(&line) else {
                continue;
            };
            if window.since.is_some_and(|t| r.time < t) {
                break 'files; // all older records are out of the window too
            }
            if window.until.is_some_and(|u| r.time > u) {
                // Newer than the window: neither held nor counted (held,
                // 16 MiB of them ended the reading before the window and
                // printed nothing). A line that began in the window and
                // ended after it shows its start.
                continue;
            }
            let s = r.stream as usize;
            if !r.partial || !seen[s] {
                if ends >= n {
                    break 'files;
                }
                ends += 1;
            }
            seen[s] = true;
            held += r.content.len();
            picked.push(r);
            if held > TAIL_MAX {
                break 'files;
            }
        }
    }
    picked.reverse();
    // Join each line's records into one.
    let mut lines: Vec<Record> = Vec::new();
    let mut open: [Option<usize>; 2] = [None, None];
    for r in picked {
        let s = r.stream as usize;
        match open[s] {
            Some(i) => {
                lines[i].content.extend_from_slice(&r.content);
                lines[i].partial = r.partial;
            }
            None => lines.push(r),
        }
        let i = open[s].unwrap_or(lines.len() - 1);
        open[s] = lines[i].partial.then_some(i);
    }
    lines.retain(|l| window.contains(l.time));
    let skip = lines.len().saturating_sub(n);
    Ok(lines.split_off(skip))
}

/// The most bytes of output `--tail` holds.
pub const TAIL_MAX: usize = 16 << 20;

/// Reads a file's lines from the end towards the start, a chunk at a time.
struct Backwards {
    file: File,
    /// Where the part of the file not yet read ends.
    pos: u64,
    /// Bytes read but not yet returned (the start of the file's rest).
    buf: Vec<u8>,
}

const CHUNK: u64 = 64 * 1024;

impl Backwards {
    /// Lines of `file` before `end` (its end by default).
    fn new(file: File, end: Option<u64>) -> std::io::Result<Backwards> {
        let len = file.metadata()?.len().min(end.unwrap_or(u64::MAX));
        let mut b = Backwards {
            file,
            pos: len,
            buf: Vec::new(),
        };
        // A last record without its newline is still being written.
        b.fill()?;
        if let Some(i) = b.buf.iter().rposition(|c| *c == b'\n') {
            b.buf.truncate(i);
        } else if b.pos == 0 {
            b.buf.clear();
        }
        Ok(b)
    }

    /// Read the chunk before what we hold.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.pos == 0 {
            return Ok(false);
        }
        let start = self.pos.saturating_sub(CHUNK);
        let mut chunk = vec![0u8; (self.pos - start) as usize];
        self.file.seek(SeekFrom::Start(start))?;
        self.file.read_exact(&mut chunk)?;
        chunk.extend_from_slice(&self.buf);
        self.buf = chunk;
        self.pos = start;
        Ok(true)
    }

    /// The previous line (without its newline), or `None` at the start.
    fn next_line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(i) = self.buf.iter().rposition(|c| *c == b'\n') {
                let line = self.buf.split_off(i + 1);
                self.buf.truncate(i);
                if line.is_empty() {
                    continue;
                }
                return Ok(Some(line));
            }
            if !self.fill()? {
                if self.buf.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(std::mem::take(&mut self.buf)));
            }
        }
    }
}

/// Follow the log from `offset` in the open current file: print records
/// as they are appended, move to the new file when it rotates, and return
/// once `running` says the container stopped and all is printed (or past
/// `until`). Waits in inotify, not in a loop.
pub fn follow(
    log: &Path,
    mut file: File,
    mut offset: u64,
    printer: &mut Printer<impl Sink>,
    running: impl Fn() -> bool,
    until: Option<DateTime<Utc>>,
) -> std::io::Result<()> {
    use rustix::fs::inotify::{self, CreateFlags, WatchFlags};
    let dir = log.parent().unwrap_or(Path::new("."));
    let ino = inotify::init(CreateFlags::CLOEXEC | CreateFlags::NONBLOCK)?;
    inotify::add_watch(
        &ino,
        dir,
        WatchFlags::MODIFY | WatchFlags::CREATE | WatchFlags::MOVED_TO | WatchFlags::DELETE_SELF,
    )?;
    loop {
        let alive = running();
        offset = stream(file.try_clone()?, offset, printer)?;
        // Rotated: the name now holds a new file; the old one is complete.
        let rotated = std::fs::metadata(log)
            .map(|m| m.ino() != file.metadata().map(|o| o.ino()).unwrap_or(0))
            .unwrap_or(false);
        if rotated {
            // The old file is complete once renamed: finish it first.
            stream(file, offset, printer)?;
            file = File::open(log)?;
            offset = 0;
            continue;
        }
        if !alive || until.is_some_and(|u| Utc::now() > u) {
            return Ok(());
        }
        // Sleep until the directory changes (or a second passes, to notice
        // the container's end and --until).
        let mut fds = [rustix::event::PollFd::new(
            &ino,
            rustix::event::PollFlags::IN,
        )];
        let second = rustix::event::Timespec {
            tv_sec: 1,
            tv_nsec: 0,
        };
        match rustix::event::poll(&mut fds, Some(&second)) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
        let mut events = [0u8; 4096];
        while matches!(rustix::io::read(&ino, &mut events), Ok(n) if n > 0) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::logfile::LogWriter;

    fn contents(records: &[Record]) -> Vec<(Stream, String)> {
        records
            .iter()
            .map(|r| (r.stream, String::from_utf8_lossy(&r.content).into_owned()))
            .collect()
    }

    #[test]
    fn tail_reads_whole_lines_from_the_end_across_rotation() {
        let dir = tempfile::tempdir().expect("tmp");
        let log = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&log, 400).expect("open");
        for i in 0..20 {
            w.write(Stream::Stdout, format!("line {i}\n").as_bytes())
                .expect("write");
        }
        w.write(Stream::Stderr, b"err ").expect("write");
        w.write(Stream::Stdout, b"par").expect("write");
        w.write(Stream::Stderr, b"whole\n").expect("write");
        w.write(Stream::Stdout, b"tial\n").expect("write");
        assert!(log.with_extension("log.1").exists(), "rotated");
        let t = tail(&log, 3, Window::default(), None).expect("tail");
        assert_eq!(
            contents(&t),
            [
                (Stream::Stdout, "line 19".to_string()),
                (Stream::Stderr, "err whole".to_string()),
                (Stream::Stdout, "partial".to_string())
            ]
        );
        // More than the current file holds: the rotated one is read too.
        let current = std::fs::read(&log).expect("read");
        assert!(current.split(|b| *b == b'\n').count() < 12);
        let t = tail(&log, 12, Window::default(), None).expect("tail");
        assert_eq!(t.len(), 12);
        assert_eq!(contents(&t)[0].1, "line 10");
        assert!(tail(&log, 0, Window::default(), None)
            .expect("tail")
            .is_empty());
    }

    /// `--until T --tail N` with more than [`TAIL_MAX`] logged after T:
    /// the lines before T, not nothing.
    #[test]
    fn tail_until_reads_past_what_came_after() {
        let dir = tempfile::tempdir().expect("tmp");
        let log = dir.path().join("ctr.log");
        let mut data = b"2024-01-01T00:00:00.000000000Z stdout F mark\n".to_vec();
        let big = "x".repeat(1000);
        for _ in 0..(TAIL_MAX / 1000 + 100) {
            data.extend_from_slice(
                format!("2024-01-01T00:10:00.000000000Z stdout F {big}\n").as_bytes(),
            );
        }
        std::fs::write(&log, &data).expect("write");
        let until = DateTime::parse_from_rfc3339("2024-01-01T00:05:00Z")
            .expect("time")
            .with_timezone(&chrono::Utc);
        let window = Window {
            since: None,
            until: Some(until),
        };
        let t = tail(&log, 1, window, None).expect("tail");
        assert_eq!(contents(&t), [(Stream::Stdout, "mark".to_string())]);
    }

    #[test]
    fn backwards_skips_a_record_being_written() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("f");
        let mut data = Vec::new();
        for i in 0..50_000 {
            data.extend_from_slice(format!("{i}\n").as_bytes());
        }
        data.extend_from_slice(b"unfinished");
        std::fs::write(&p, &data).expect("write");
        let mut b = Backwards::new(File::open(&p).expect("open"), None).expect("new");
        let mut n = 49_999;
        while let Some(l) = b.next_line().expect("line") {
            assert_eq!(l, n.to_string().as_bytes());
            n -= 1;
        }
        assert_eq!(n, -1);
    }
}
