//! systemd's readiness protocol (`sd_notify`), spoken by the supervisor:
//! the unit's main process. `den run -d` in a unit's `ExecStart` passes
//! `NOTIFY_SOCKET` on to the supervisor, which takes it out of its
//! environment (nothing else inherits it) and, by the container's
//! `--sdnotify` mode:
//! - `conmon` (the default): `MAINPID=<supervisor>` and `READY=1` once
//!   the container's command runs;
//! - `healthy`: `MAINPID` then, `READY=1` at its first healthy check;
//! - `container`: `MAINPID` then; the container gets a socket of its own
//!   at `/run/notify/notify.sock` (`NOTIFY_SOCKET`), and a forked proxy
//!   passes what it sends on (its `MAINPID=` lines dropped: the container
//!   cannot name the unit's main process). systemd takes messages only
//!   from the unit's own processes (`NotifyAccess=all`), which the
//!   container's, in a cgroup of their own, are not; the proxy is;
//! - `ignore`: nothing.
//!
//! `STOPPING=1` goes when the container ends for good.

use std::cell::Cell;
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The environment variable systemd sets.
pub const NOTIFY_SOCKET: &str = "NOTIFY_SOCKET";
/// Where the container's own socket is, inside it (`--sdnotify=container`).
pub const CONTAINER_DIR: &str = "/run/notify";

/// What systemd gave the unit's process, which the supervisor is: its
/// notify socket and its listening sockets (socket activation).
pub struct Unit {
    pub sd: SdNotify,
    pub sockets: crate::runtime::activation::Passed,
}

/// The supervisor's side of the protocol.
pub struct SdNotify {
    to: Option<SocketAddr>,
    mode: String,
    /// `MAINPID` (and with `conmon`, `READY`) went.
    main: Cell<bool>,
    ready: Cell<bool>,
}

impl SdNotify {
    /// From `NOTIFY_SOCKET`'s value (taken out of the environment by the
    /// caller) and the container's mode; one that says nothing without a
    /// socket.
    pub fn new(path: Option<std::ffi::OsString>, mode: &str) -> SdNotify {
        let mode = if mode.is_empty() { "conmon" } else { mode };
        let to = path
            .filter(|_| mode != "ignore")
            .and_then(|p| address(&p.to_string_lossy()));
        SdNotify {
            to,
            mode: mode.to_string(),
            main: Cell::new(false),
            ready: Cell::new(false),
        }
    }

    /// Whether the container gets a socket of its own.
    pub fn for_container(&self) -> bool {
        self.to.is_some() && self.mode == "container"
    }

    fn send(&self, msg: &str) {
        if let Some(to) = &self.to {
            if let Ok(s) = UnixDatagram::unbound() {
                let _ = s.send_to_addr(msg.as_bytes(), to);
            }
        }
    }

    /// The container's command runs (the first time: a restart is not
    /// news to systemd).
    pub fn running(&self) {
        if self.main.replace(true) {
            return;
        }
        let main = format!("MAINPID={}", std::process::id());
        if self.mode == "conmon" {
            self.ready.set(true);
            self.send(&format!("{main}\nREADY=1"));
        } else {
            self.send(&main);
        }
    }

    /// A healthcheck passed.
    pub fn healthy(&self) {
        if self.mode == "healthy" && !self.ready.replace(true) {
            self.send("READY=1");
        }
    }

    /// The container ended for good.
    pub fn stopping(&self) {
        self.send("STOPPING=1");
    }

    /// `--sdnotify=container`: a socket in `dir` (bound into the container
    /// at [`CONTAINER_DIR`]) and a forked proxy that passes what the
    /// container sends to systemd, until the supervisor ends.
    pub fn proxy(&self, dir: &Path) -> Result<Option<PathBuf>> {
        let Some(to) = self.to.as_ref().filter(|_| self.for_container()) else {
            return Ok(None);
        };
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o755)
            .create(dir)
            .with_context(|| format!("creating {}", dir.display()))?;
        let sock = dir.join("notify.sock");
        let _ = std::fs::remove_file(&sock);
        let listener =
            UnixDatagram::bind(&sock).context("binding the container's notify socket")?;
        // Any user of the container may say it is ready.
        std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o777))?;
        let to = to.clone();
        use std::os::fd::AsRawFd;
        let keep = listener.as_raw_fd();
        let forward = move || {
            let out = UnixDatagram::unbound().ok();
            let mut buf = vec![0u8; 4096];
            while let Ok(n) = listener.recv(&mut buf) {
                let text = String::from_utf8_lossy(&buf[..n]);
                let kept: Vec<&str> = text
                    .lines()
                    .filter(|l| !l.starts_with("MAINPID="))
                    .collect();
                if let (Some(o), false) = (&out, kept.is_empty()) {
                    let _ = o.send_to_addr(kept.join("\n").as_bytes(), &to);
                }
            }
        };
        crate::runtime::spawn::fork_helper(keep, forward).context("starting the notify proxy")?;
        Ok(Some(dir.to_path_buf()))
    }
}

/// A `NOTIFY_SOCKET` value as an address: a path, or `@name` (abstract).
fn address(s: &str) -> Option<SocketAddr> {
    match s.strip_prefix('@') {
        Some(name) => SocketAddr::from_abstract_name(name.as_bytes()).ok(),
        None if s.starts_with('/') => SocketAddr::from_pathname(s).ok(),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_by_mode() {
        let dir = std::env::temp_dir().join(format!("den-sdnotify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("notify");
        let listener = UnixDatagram::bind(&path).expect("bind");
        listener
            .set_read_timeout(Some(std::time::Duration::from_secs(2)))
            .expect("timeout");
        let recv = || {
            let mut buf = [0u8; 512];
            let n = listener.recv(&mut buf).expect("a message");
            String::from_utf8_lossy(&buf[..n]).into_owned()
        };
        let pid = std::process::id();
        for (mode, first) in [
            ("conmon", format!("MAINPID={pid}\nREADY=1")),
            ("healthy", format!("MAINPID={pid}")),
            ("container", format!("MAINPID={pid}")),
        ] {
            let n = SdNotify {
                to: address(&path.display().to_string()),
                mode: mode.into(),
                main: Cell::new(false),
                ready: Cell::new(false),
            };
            n.running();
            assert_eq!(recv(), first, "{mode}");
            n.healthy();
            if mode == "healthy" {
                assert_eq!(recv(), "READY=1");
            }
            n.running();
            n.healthy();
            n.stopping();
            assert_eq!(recv(), "STOPPING=1", "{mode}: nothing sent twice");
        }
        assert!(address("relative").is_none());
        assert!(address("@abstract").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
