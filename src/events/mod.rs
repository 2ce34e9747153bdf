//! The per-user event log (`$XDG_DATA_HOME/den/events.log`): one JSON
//! object per line, appended by whichever den process does the thing
//! (create, start, died, stop, kill, pause, unpause, remove, rename; pull,
//! tag, remove for images). Each record is one small O_APPEND write, so
//! concurrent writers never interleave within a line.
//!
//! Past [`LOG_MAX_SIZE`] the log keeps its newer half, as podman's does
//! past `events_logfile_max_size`: a script that runs containers in a
//! loop would otherwise grow it without end. Writers hold a shared lock
//! on the log while they append, and the one that rotates it an exclusive
//! one while it writes the newer half to a new file and renames that
//! over the log: a writer that was waiting finds its file gone and
//! appends to the new one, so no event is lost.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;

/// One event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub time: DateTime<Utc>,
    /// `container` or `image`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What happened: `create`, `start`, `died`, ...
    pub status: String,
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub image: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// podman's default `events_logfile_max_size` (containers.conf, 1 MB):
/// past it the log keeps its newer half.
pub const LOG_MAX_SIZE: u64 = 1_000_000;

/// The event log's path.
pub fn path(paths: &Paths) -> PathBuf {
    paths.data.join("events.log")
}

/// Record a container event (best effort: an event log that cannot be
/// written never fails the operation itself).
pub fn container(
    data: &Path,
    status: &str,
    id: &str,
    name: &str,
    image: &str,
    attrs: &[(&str, String)],
) {
    record(data, "container", status, id, name, image, attrs);
}

/// Record an image event.
pub fn image(data: &Path, status: &str, id: &str, name: &str) {
    record(data, "image", status, id, name, name, &[]);
}

fn record(
    data: &Path,
    kind: &str,
    status: &str,
    id: &str,
    name: &str,
    image: &str,
    attrs: &[(&str, String)],
) {
    let e = Event {
        time: Utc::now(),
        kind: kind.into(),
        status: status.into(),
        id: id.into(),
        name: name.into(),
        image: image.into(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    };
    if let Some(line) = line_of(&e) {
        let _ = append(&data.join("events.log"), &line, LOG_MAX_SIZE);
    }
}

fn line_of(e: &Event) -> Option<Vec<u8>> {
    let mut line = serde_json::to_vec(e).ok()?;
    line.push(b'\n');
    Some(line)
}

/// Append `line` to the log at `path`, which keeps its newer half first
/// when `line` would take it past `max` bytes.
fn append(path: &Path, line: &[u8], max: u64) -> std::io::Result<()> {
    use rustix::fs::{flock, FlockOperation};
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let mut rotate_failed = false;
    for _ in 0..16 {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)?;
        flock(&f, FlockOperation::LockShared)?;
        let st = f.metadata()?;
        if st.nlink() == 0 {
            // Rotated while we waited: the log is a new file.
            continue;
        }
        // (A log at most half full takes any line: one longer than half
        // the limit is never rotated for ever.)
        if st.len() + line.len() as u64 > max && st.len() > max / 2 && !rotate_failed {
            drop(f);
            // (One that cannot be rotated, the disk full say, still takes
            // the event.)
            rotate_failed = rotate(path, max).is_err();
            continue;
        }
        return f.write_all(line);
    }
    Err(std::io::Error::other("the event log kept changing"))
}

/// Keep the newer half of the log at `path` (from its first whole line
/// on), after a `log-rotation` event, unless another writer did so.
fn rotate(path: &Path, max: u64) -> std::io::Result<()> {
    use rustix::fs::{flock, FlockOperation};
    use std::io::{Read, Seek, SeekFrom};
    use std::os::unix::fs::MetadataExt;
    let mut old = std::fs::File::open(path)?;
    flock(&old, FlockOperation::LockExclusive)?;
    let st = old.metadata()?;
    if st.nlink() == 0 || st.len() <= max / 2 {
        return Ok(());
    }
    let mut rest = Vec::new();
    old.seek(SeekFrom::Start(st.len() / 2))?;
    old.read_to_end(&mut rest)?;
    let keep = rest
        .iter()
        .position(|b| *b == b'\n')
        .map_or(&[][..], |i| &rest[i + 1..]);
    // As podman's: the log named, the rotation's start marked.
    let marker = Event {
        time: Utc::now(),
        kind: "system".into(),
        status: "log-rotation".into(),
        id: String::new(),
        name: path.display().to_string(),
        image: String::new(),
        attributes: [("io.podman.event.rotate".to_string(), "begin".to_string())].into(),
    };
    // (Unsynced, as every append is; the old log is unlinked before our
    // lock on it goes, so a writer waiting on it finds it gone. A synced
    // rename would close the moment, between the exchange and the unlink,
    // in which a rotator killed leaves the old log under the temporary
    // name for a waiting writer; but it made rotations slow enough that
    // writers in step ran out of retries, one unit test run in 16.)
    let newer = [line_of(&marker).unwrap_or_default().as_slice(), keep].concat();
    crate::util::fs::write_atomic_with(path, &newer, crate::util::fs::Durability::Unsynced)
        .map_err(std::io::Error::other)
}

/// Parse the events in `data` (lines that do not parse are skipped).
pub fn parse(data: &[u8]) -> Vec<Event> {
    data.split(|b| *b == b'\n')
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect()
}

/// Reads what is new in the log at each call (`den events --stream`):
/// from where it stopped, not the whole log again; after a rotation, from
/// just after the last line it gave, which the newer half kept.
#[derive(Default)]
pub struct Follower {
    file: Option<std::fs::File>,
    ino: u64,
    offset: u64,
    /// The last line given, with its newline.
    last: Vec<u8>,
}

impl Follower {
    /// The whole lines written to the log at `path` since the last call.
    pub fn read_new(&mut self, path: &Path) -> Vec<u8> {
        use std::os::unix::fs::MetadataExt;
        let Ok(st) = std::fs::metadata(path) else {
            return Vec::new();
        };
        let replaced = self.file.is_some() && st.ino() != self.ino;
        let shrunk = st.len() < self.offset;
        // The rest of a log rotated away, from the descriptor still open:
        // a follower that fell behind the half the new log keeps misses
        // nothing.
        let mut rest = Vec::new();
        if replaced {
            if let Some(f) = self.file.as_mut() {
                rest = whole_lines(f, self.offset);
            }
            if let Some(start) = last_line_start(&rest) {
                self.last = rest[start..].to_vec();
            }
        }
        if self.file.is_none() || replaced || shrunk {
            let Ok(f) = std::fs::File::open(path) else {
                return Vec::new();
            };
            self.ino = f.metadata().map(|m| m.ino()).unwrap_or(0);
            self.file = Some(f);
            self.offset = 0;
        }
        let resync = (replaced || shrunk) && !self.last.is_empty();
        let mut data = match self.file.as_mut() {
            Some(f) => whole_lines(f, self.offset),
            None => Vec::new(),
        };
        self.offset += data.len() as u64;
        if resync {
            if let Some(after) = line_end(&data, &self.last) {
                data.drain(..after);
            }
        }
        if let Some(start) = last_line_start(&data) {
            self.last = data[start..].to_vec();
        }
        rest.extend_from_slice(&data);
        rest
    }
}

/// The whole lines of `f` from `offset` on (a line still being written
/// waits for the next read).
fn whole_lines(f: &mut std::fs::File, offset: u64) -> Vec<u8> {
    use std::io::{Read, Seek, SeekFrom};
    let mut data = Vec::new();
    if f.seek(SeekFrom::Start(offset)).is_ok() {
        let _ = f.read_to_end(&mut data);
    }
    let end = data.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    data.truncate(end);
    data
}

/// Where the last line of `data` (whole lines) starts; none if empty.
fn last_line_start(data: &[u8]) -> Option<usize> {
    data[..data.len().saturating_sub(1)]
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .or((!data.is_empty()).then_some(0))
}

/// Where the last whole line equal to `line` (newline included) ends in
/// `data`.
fn line_end(data: &[u8], line: &[u8]) -> Option<usize> {
    (0..=data.len().checked_sub(line.len())?)
        .rev()
        .find(|&i| (i == 0 || data[i - 1] == b'\n') && data[i..].starts_with(line))
        .map(|i| i + line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: usize) -> Vec<u8> {
        let e = Event {
            time: Utc::now(),
            kind: "container".into(),
            status: "start".into(),
            id: format!("{n:064}"),
            name: format!("c{n}"),
            image: "busybox".into(),
            attributes: BTreeMap::new(),
        };
        line_of(&e).expect("json")
    }

    fn names(data: &[u8]) -> Vec<String> {
        parse(data).into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn the_log_keeps_its_newer_half_past_its_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("events.log");
        let max = 4000;
        for n in 0..200 {
            append(&log, &event(n), max).expect("append");
            let size = std::fs::metadata(&log).expect("log").len();
            assert!(size <= max, "{size} after event {n}");
        }
        let data = std::fs::read(&log).expect("log");
        let all = parse(&data);
        assert_eq!(
            all.len(),
            data.split(|b| *b == b'\n').count() - 1,
            "torn lines"
        );
        assert_eq!(all[0].status, "log-rotation");
        assert_eq!(all[0].kind, "system");
        // The newest events, in order, up to the last.
        let kept: Vec<String> = all[1..].iter().map(|e| e.name.clone()).collect();
        let first: usize = kept[0][1..].parse().expect("n");
        let want: Vec<String> = (first..200).map(|n| format!("c{n}")).collect();
        assert_eq!(kept, want);
        assert!(kept.len() > 5, "{kept:?}");
        // No temporary file left.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn concurrent_writers_write_whole_lines_across_rotations() {
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("events.log");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let log = log.clone();
                std::thread::spawn(move || {
                    for n in 0..300 {
                        append(&log, &event(t * 1000 + n), 20_000).expect("append");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let data = std::fs::read(&log).expect("log");
        assert!(data.len() <= 20_000, "{}", data.len());
        let seen = names(&data);
        assert_eq!(
            seen.len() + 1,
            data.split(|b| *b == b'\n').count(),
            "torn lines"
        );
        // At least the newer half a rotation keeps (from the first whole
        // line past the middle of a log of more than `max` less one line),
        // whenever the last one came: not a count of events, which the
        // lines' lengths decide.
        let line = event(3299).len();
        assert!(data.len() + 2 * line > 20_000 / 2, "{}", data.len());
        assert!(seen.len() > 5, "{}", seen.len());
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn a_writer_waiting_on_a_rotation_appends_to_the_new_log() {
        use rustix::fs::{flock, FlockOperation};
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("events.log");
        std::fs::write(&log, event(1)).expect("log");
        // A rotation under way: the old log locked, a new one being made.
        let old = std::fs::File::open(&log).expect("old");
        flock(&old, FlockOperation::LockExclusive).expect("lock");
        let writer = {
            let log = log.clone();
            std::thread::spawn(move || append(&log, &event(2), 1 << 20))
        };
        // The writer waits on the old log's lock (/proc/locks lists a
        // waiter as `->`, with the inode).
        let ino = std::os::unix::fs::MetadataExt::ino(&old.metadata().expect("stat"));
        let waiting = format!(":{ino} ");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !std::fs::read_to_string("/proc/locks")
            .expect("/proc/locks")
            .lines()
            .any(|l| l.contains("->") && l.contains(&waiting))
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the writer never waited"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let new = dir.path().join("new");
        std::fs::write(&new, event(3)).expect("new");
        std::fs::rename(&new, &log).expect("rename");
        drop(old);
        writer.join().expect("thread").expect("append");
        let data = std::fs::read(&log).expect("log");
        assert_eq!(names(&data), ["c3", "c2"]);
    }

    #[test]
    fn a_follower_gives_each_event_once_across_rotations() {
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("events.log");
        let mut follower = Follower::default();
        assert!(follower.read_new(&log).is_empty());
        let mut given = Vec::new();
        for n in 0..300 {
            append(&log, &event(n), 3000).expect("append");
            if n % 7 == 0 {
                given.extend(names(&follower.read_new(&log)));
            }
        }
        given.extend(names(&follower.read_new(&log)));
        // Each once, in order, and no rotation's mark (it came before
        // what the follower had).
        let want: Vec<String> = (0..300).map(|n| format!("c{n}")).collect();
        assert_eq!(given, want);
        assert!(follower.read_new(&log).is_empty());
        let rotated = parse(&std::fs::read(&log).expect("log"));
        assert_eq!(rotated[0].status, "log-rotation", "the log was rotated");
    }

    #[test]
    fn a_follower_left_behind_by_a_rotation_misses_nothing() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("dir");
        let log = dir.path().join("events.log");
        let ino = || std::fs::metadata(&log).expect("log").ino();
        let mut follower = Follower::default();
        append(&log, &event(0), 3000).expect("append");
        let mut given = names(&follower.read_new(&log));
        // Up to one rotation, which keeps only the newer half (not the
        // last event the follower had), and a few events after it, before
        // it looks again.
        let first = ino();
        let mut n = 1;
        while ino() == first {
            append(&log, &event(n), 3000).expect("append");
            n += 1;
        }
        for _ in 0..3 {
            append(&log, &event(n), 3000).expect("append");
            n += 1;
        }
        let rotated = parse(&std::fs::read(&log).expect("log"));
        assert_eq!(rotated[0].status, "log-rotation", "the log was rotated");
        assert!(!rotated.iter().any(|e| e.name == "c0"), "c0 went");
        given.extend(names(&follower.read_new(&log)));
        let want: Vec<String> = (0..n).map(|n| format!("c{n}")).collect();
        assert_eq!(given, want);
    }
}
