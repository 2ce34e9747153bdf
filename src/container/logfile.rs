//! The container log, in podman's k8s-file format: one line per chunk,
//! `<RFC 3339 nano time> <stdout|stderr> <F|P> <content>`, where `P` marks a
//! partial line continued by the next record of the same stream.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

/// Which stream a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Where a container's output goes: its log file, or the journal.
pub enum LogSink {
    File(LogWriter),
    Journal(super::journal::JournalWriter),
}

impl LogSink {
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> std::io::Result<()> {
        match self {
            LogSink::File(w) => w.write(stream, data),
            LogSink::Journal(j) => j.write(stream, data),
        }
    }
}

/// Appends records to a log file, rotating it at a size limit.
pub struct LogWriter {
    path: PathBuf,
    file: File,
    size: u64,
    max_size: u64,
    /// A write failed part-way (a full disk): the next record starts on
    /// a line of its own, not at the end of the torn one.
    torn: bool,
    /// Writes so far (when to look whether the log was removed).
    writes: u32,
}

impl LogWriter {
    /// Open (append) the log at `path`; `max_size` 0 never rotates.
    pub fn open(path: &Path, max_size: u64) -> std::io::Result<LogWriter> {
        let file = open_append(path)?;
        let size = file.metadata()?.len();
        Ok(LogWriter {
            path: path.to_path_buf(),
            file,
            size,
            max_size,
            torn: false,
            writes: 0,
        })
    }

    /// Record `data` read from `stream`: one record per line, the last one
    /// partial if it does not end with a newline.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> std::io::Result<()> {
        let now = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
        // The log removed under it (to free space): a new one, or the
        // output would go on into the unlinked file, unseen by `logs`.
        // Looked at every 64th write (and after a failed one), not on the
        // output's every chunk.
        use std::os::unix::fs::MetadataExt;
        self.writes = self.writes.wrapping_add(1);
        if (self.torn || self.writes.is_multiple_of(64))
            && self.file.metadata().is_ok_and(|m| m.nlink() == 0)
        {
            if let Ok(f) = open_append(&self.path) {
                self.size = f.metadata().map(|m| m.len()).unwrap_or(0);
                self.file = f;
            }
        }
        let mut out = Vec::with_capacity(data.len() + 64);
        if self.torn {
            out.push(b'\n');
        }
        for piece in data.split_inclusive(|b| *b == b'\n') {
            let (content, tag) = match piece.strip_suffix(b"\n") {
                Some(c) => (c, "F"),
                None => (piece, "P"),
            };
            let record_len = (now.len() + stream.name().len() + 4 + content.len() + 1) as u64;
            if self.max_size > 0
                && self.size + out.len() as u64 + record_len > self.max_size
                && self.size + out.len() as u64 > 0
            {
                self.put(&out)?;
                out.clear();
                self.rotate()?;
            }
            out.extend_from_slice(format!("{now} {} {tag} ", stream.name()).as_bytes());
            out.extend_from_slice(content);
            out.push(b'\n');
        }
        self.put(&out)
    }

    fn put(&mut self, out: &[u8]) -> std::io::Result<()> {
        if let Err(e) = self.file.write_all(out) {
            self.torn = true;
            return Err(e);
        }
        self.torn = false;
        self.size += out.len() as u64;
        Ok(())
    }

    /// Keep one older generation as `<log>.1`. A log removed meanwhile
    /// is no error: a new one is made (the failed rename left every later
    /// write dropped, the size past the limit for good).
    fn rotate(&mut self) -> std::io::Result<()> {
        let old = self.path.with_extension("log.1");
        match std::fs::rename(&self.path, old) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        self.file = open_append(&self.path)?;
        self.size = 0;
        Ok(())
    }
}

/// Open a log for appending; a new one is the user's alone (0600).
fn open_append(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Made ahead where it can be (`util/pool.rs`).
    crate::util::pool::take_file(path);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
}

/// One record of the log: a line, or part of one (`partial`) continued
/// by the next record of the same stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub time: DateTime<Utc>,
    pub stream: Stream,
    pub partial: bool,
    /// Without the newline.
    pub content: Vec<u8>,
}

/// Parse one record (a line of the file without its newline); `None` if
/// it is not one.
pub fn parse_record(rec: &[u8]) -> Option<Record> {
    let mut parts = rec.splitn(4, |b| *b == b' ');
    let (ts, stream, tag) = (parts.next()?, parts.next()?, parts.next()?);
    let content = parts.next().unwrap_or(b"");
    let time = DateTime::parse_from_rfc3339(std::str::from_utf8(ts).ok()?).ok()?;
    Some(Record {
        time: time.with_timezone(&Utc),
        stream: if stream == b"stderr" {
            Stream::Stderr
        } else {
            Stream::Stdout
        },
        partial: tag == b"P",
        content: content.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_with_partials_and_streams() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, 0).expect("open");
        w.write(Stream::Stdout, b"one\ntw").expect("w");
        w.write(Stream::Stderr, b"err\n").expect("w");
        let data = std::fs::read(&path).expect("read");
        let got: Vec<(Stream, bool, Vec<u8>)> = data
            .split(|b| *b == b'\n')
            .filter_map(parse_record)
            .map(|r| (r.stream, r.partial, r.content))
            .collect();
        assert_eq!(
            got,
            vec![
                (Stream::Stdout, false, b"one".to_vec()),
                (Stream::Stdout, true, b"tw".to_vec()),
                (Stream::Stderr, false, b"err".to_vec())
            ]
        );
        assert!(parse_record(b"not a record").is_none());
    }

    #[test]
    fn rotates_at_the_size_limit() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, 100).expect("open");
        for _ in 0..5 {
            w.write(Stream::Stdout, b"a line of some length\n")
                .expect("w");
        }
        assert!(std::fs::metadata(&path).expect("log").len() <= 100);
        assert!(path.with_extension("log.1").exists());
    }

    /// A log removed under the writer (to free space) is made anew, with
    /// or without a size limit: the output went on into the unlinked file,
    /// or, at the limit, was dropped for good.
    #[test]
    fn a_removed_log_is_made_anew() {
        for limit in [0, 100] {
            let dir = tempfile::tempdir().expect("tmp");
            let path = dir.path().join("ctr.log");
            let mut w = LogWriter::open(&path, limit).expect("open");
            w.write(Stream::Stdout, b"a line of some length\n")
                .expect("w");
            std::fs::remove_file(&path).expect("rm");
            let _ = std::fs::remove_file(path.with_extension("log.1"));
            for _ in 0..70 {
                w.write(Stream::Stdout, b"after the removal\n").expect("w");
            }
            let data = std::fs::read_to_string(&path).expect("a new log");
            assert!(
                data.ends_with(" stdout F after the removal\n"),
                "{limit}: {data}"
            );
        }
    }
}
