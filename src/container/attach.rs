//! The attach protocol between a supervisor and the `den` processes that
//! attach to its container (`run -it`, `start -a`, `attach`), over a unix
//! socket at `$XDG_RUNTIME_DIR/den/<short id>.attach`.
//!
//! Every message is a frame: one kind byte, a big-endian u32 length, the
//! payload. Client to supervisor: [`STDIN`] data, [`STDIN_EOF`],
//! [`RESIZE`] (rows, cols as u16), [`SIGNAL`] (i32), [`HEALTHCHECK`] (run
//! the check now). Supervisor to client: [`STDOUT`], [`STDERR`] data,
//! [`EXIT`] (i32 status, the last frame), [`HEALTH`] (the status after a
//! check a client asked for).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const STDIN: u8 = 0;
pub const STDIN_EOF: u8 = 1;
pub const RESIZE: u8 = 2;
pub const SIGNAL: u8 = 3;
pub const HEALTHCHECK: u8 = 4;
pub const STDOUT: u8 = 10;
pub const STDERR: u8 = 11;
pub const EXIT: u8 = 12;
pub const HEALTH: u8 = 13;

/// Largest payload accepted (a peer sending more is broken or hostile).
pub const MAX_FRAME: usize = 1 << 20;

/// The attach socket of container `id` under the runtime directory,
/// `<short id>.attach`: in the directory itself, so that a start makes
/// one inode for it, not two (see ARCHITECTURE.md, issue 18).
pub fn socket_path(runtime: &Path, id: &str) -> PathBuf {
    runtime.join(format!("{}.attach", short(id)))
}

/// The runtime directory of container `id`'s own, made only for
/// `--sdnotify=container` (its notify socket, bound in) and slirp4netns
/// (its API socket).
pub fn container_dir(runtime: &Path, id: &str) -> PathBuf {
    runtime.join(short(id))
}

/// Where den put the attach socket until 2026-12-06, in the container's
/// own directory: a container such a den started may still run.
pub fn earlier_socket_path(runtime: &Path, id: &str) -> PathBuf {
    container_dir(runtime, id).join("attach")
}

fn short(id: &str) -> &str {
    &id[..12.min(id.len())]
}

/// Remove the attach socket `sock` and the container's directory beside
/// it: its notify socket (--sdnotify=container), slirp4netns's API
/// socket, and an attach socket an earlier den made there.
pub fn remove_socket(sock: &Path) {
    let _ = std::fs::remove_file(sock);
    let dir = sock.with_extension("");
    if dir != sock {
        let _ = std::fs::remove_file(dir.join("notify/notify.sock"));
        let _ = std::fs::remove_dir(dir.join("notify"));
        let _ = std::fs::remove_file(dir.join("attach"));
        let _ = std::fs::remove_file(dir.join("slirp4netns"));
        let _ = std::fs::remove_dir(&dir);
    }
}

/// Encode one frame.
pub fn frame(kind: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 5);
    out.push(kind);
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// Write one frame.
pub fn send(w: &mut impl Write, kind: u8, payload: &[u8]) -> io::Result<()> {
    w.write_all(&frame(kind, payload))
}

/// Frames accumulated from a non-blocking stream.
#[derive(Default)]
pub struct Decoder {
    buf: Vec<u8>,
}

impl Decoder {
    /// Add bytes; return the complete frames, or an error for a bad frame.
    pub fn push(&mut self, data: &[u8]) -> io::Result<Vec<(u8, Vec<u8>)>> {
        self.buf.extend_from_slice(data);
        let mut out = Vec::new();
        loop {
            if self.buf.len() < 5 {
                return Ok(out);
            }
            let len =
                u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
            if len > MAX_FRAME {
                return Err(io::Error::other("attach frame too large"));
            }
            if self.buf.len() < 5 + len {
                return Ok(out);
            }
            let kind = self.buf[0];
            let payload = self.buf[5..5 + len].to_vec();
            self.buf.drain(..5 + len);
            out.push((kind, payload));
        }
    }
}

/// Parse `--detach-keys`: `ctrl-p,ctrl-q` style, single characters, or
/// empty (no detaching).
pub fn parse_detach_keys(spec: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').filter(|p| !p.is_empty()) {
        if let Some(c) = part.strip_prefix("ctrl-") {
            let b = match c {
                "@" => 0,
                "[" => 27,
                "\\\\" | "\\" => 28,
                "]" => 29,
                "^" => 30,
                "_" => 31,
                c if c.len() == 1 && c.as_bytes()[0].is_ascii_alphabetic() => {
                    c.as_bytes()[0].to_ascii_lowercase() - b'a' + 1
                }
                _ => {
                    return Err(format!(
                        "invalid detach key {part:?} (use e.g. ctrl-p,ctrl-q)"
                    ))
                }
            };
            out.push(b);
        } else if part.len() == 1 {
            out.push(part.as_bytes()[0]);
        } else {
            return Err(format!(
                "invalid detach key {part:?} (use e.g. ctrl-p,ctrl-q)"
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_in_pieces() {
        let mut bytes = frame(STDOUT, b"hello");
        bytes.extend(frame(EXIT, &7i32.to_be_bytes()));
        let mut d = Decoder::default();
        assert!(d.push(&bytes[..3]).expect("ok").is_empty());
        let got = d.push(&bytes[3..]).expect("ok");
        assert_eq!(
            got,
            vec![
                (STDOUT, b"hello".to_vec()),
                (EXIT, 7i32.to_be_bytes().to_vec())
            ]
        );
        let mut huge = vec![STDIN];
        huge.extend_from_slice(&u32::MAX.to_be_bytes());
        assert!(Decoder::default().push(&huge).is_err());
    }

    #[test]
    fn detach_keys() {
        assert_eq!(
            parse_detach_keys("ctrl-p,ctrl-q").expect("ok"),
            vec![16, 17]
        );
        assert_eq!(parse_detach_keys("a,ctrl-b").expect("ok"), vec![b'a', 2]);
        assert_eq!(parse_detach_keys("").expect("ok"), Vec::<u8>::new());
        assert!(parse_detach_keys("ctrl-1").is_err());
        assert!(parse_detach_keys("ab").is_err());
    }
}
