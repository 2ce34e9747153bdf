//! `--log-driver journald`: each line of a container's output sent to
//! systemd's journal in its native protocol (a datagram of `FIELD=value`
//! lines to /run/systemd/journal/socket), with the fields podman's conmon
//! gives (`CONTAINER_ID`, `CONTAINER_ID_FULL`, `CONTAINER_NAME`,
//! `SYSLOG_IDENTIFIER`, `PRIORITY` 6 for stdout and 3 for stderr), so
//! `journalctl CONTAINER_NAME=web` finds them and `den logs` reads them
//! back through journalctl.

use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

use super::logfile::Stream;

/// Where journald listens; `DEN_JOURNAL_SOCKET` names another (the tests'
/// listener on a host without journald).
pub fn socket_path() -> PathBuf {
    crate::config::env::var(crate::config::env::DEN_JOURNAL_SOCKET)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/run/systemd/journal/socket"))
}

/// Whether a journal listens here.
pub fn available() -> bool {
    let p = socket_path();
    UnixDatagram::unbound().is_ok_and(|s| s.connect(&p).is_ok())
}

pub struct JournalWriter {
    socket: UnixDatagram,
    /// The fields every entry carries, encoded.
    common: Vec<u8>,
    /// A line not yet ended, per stream.
    partial: [Vec<u8>; 2],
}

/// One field in the native protocol: `KEY=value\n`, or for a value with a
/// newline, `KEY\n` + its length (64-bit little-endian) + value + `\n`.
fn field(out: &mut Vec<u8>, key: &str, value: &[u8]) {
    out.extend_from_slice(key.as_bytes());
    if value.contains(&b'\n') {
        out.push(b'\n');
        out.extend_from_slice(&(value.len() as u64).to_le_bytes());
    } else {
        out.push(b'=');
    }
    out.extend_from_slice(value);
    out.push(b'\n');
}

impl JournalWriter {
    pub fn open(path: &Path, id: &str, name: &str) -> std::io::Result<JournalWriter> {
        let socket = UnixDatagram::unbound()?;
        socket.connect(path)?;
        // A journal that stops reading must not stop the supervisor: a
        // full queue drops the line (EAGAIN) instead of blocking.
        socket.set_nonblocking(true)?;
        let mut common = Vec::new();
        field(
            &mut common,
            "CONTAINER_ID",
            id.get(..12).unwrap_or(id).as_bytes(),
        );
        field(&mut common, "CONTAINER_ID_FULL", id.as_bytes());
        field(&mut common, "CONTAINER_NAME", name.as_bytes());
        field(&mut common, "CONTAINER_TAG", name.as_bytes());
        field(&mut common, "SYSLOG_IDENTIFIER", name.as_bytes());
        Ok(JournalWriter {
            socket,
            common,
            partial: [Vec::new(), Vec::new()],
        })
    }

    /// Send each whole line of `data` as an entry; a line's start waits
    /// for its end (at most 64 KiB, then it is sent as it is).
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> std::io::Result<()> {
        let slot = if stream == Stream::Stdout { 0 } else { 1 };
        for piece in data.split_inclusive(|b| *b == b'\n') {
            self.partial[slot].extend_from_slice(piece);
            let ended = piece.ends_with(b"\n");
            if !ended && self.partial[slot].len() < 64 * 1024 {
                continue;
            }
            let mut line = std::mem::take(&mut self.partial[slot]);
            if ended {
                line.pop();
            }
            self.send(slot, &line);
        }
        Ok(())
    }

    fn send(&self, slot: usize, line: &[u8]) {
        let mut entry = self.common.clone();
        field(&mut entry, "PRIORITY", if slot == 0 { b"6" } else { b"3" });
        field(&mut entry, "MESSAGE", line);
        // A journal that went away (or is full) loses the line, as it
        // would lose podman's: the container is not held up.
        let _ = self.socket.send(&entry);
    }
}

impl Drop for JournalWriter {
    /// A last line without its newline (the output's end) is sent too.
    fn drop(&mut self) {
        for slot in 0..2 {
            let line = std::mem::take(&mut self.partial[slot]);
            if !line.is_empty() {
                self.send(slot, &line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_in_the_native_protocol() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("sock");
        let listener = UnixDatagram::bind(&path).expect("bind");
        let mut w = JournalWriter::open(&path, &"a".repeat(64), "web").expect("open");
        w.write(Stream::Stdout, b"hello\npart").expect("write");
        w.write(Stream::Stdout, b"ial\n").expect("write");
        w.write(Stream::Stderr, b"bad\n").expect("write");
        w.write(Stream::Stdout, b"no newline").expect("write");
        drop(w);
        let mut buf = vec![0u8; 4096];
        let mut got = Vec::new();
        for _ in 0..4 {
            let n = listener.recv(&mut buf).expect("recv");
            got.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        assert!(got[0].contains("MESSAGE=hello\n") && got[0].contains("PRIORITY=6\n"));
        assert!(
            got[0].contains("CONTAINER_NAME=web\n")
                && got[0].contains("CONTAINER_ID=aaaaaaaaaaaa\n")
        );
        assert!(got[1].contains("MESSAGE=partial\n"), "{}", got[1]);
        assert!(got[2].contains("MESSAGE=bad\n") && got[2].contains("PRIORITY=3\n"));
        assert!(got[3].contains("MESSAGE=no newline\n"), "{}", got[3]);
        let mut binary = Vec::new();
        field(&mut binary, "MESSAGE", b"a\nb");
        assert_eq!(binary, b"MESSAGE\n\x03\0\0\0\0\0\0\0a\nb\n");
    }
}
