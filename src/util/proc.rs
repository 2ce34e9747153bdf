//! A process identified by pid *and* start time, so a recycled pid is
//! never mistaken for it, and signalled through pidfds.

use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags};
use rustix::process::{Pid, PidfdFlags};
use serde::{Deserialize, Serialize};

/// A process as recorded: pid and start time (clock ticks after boot).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcRef {
    pub pid: i32,
    pub start: u64,
}

/// State letter and start time from /proc/PID/stat.
fn stat(pid: i32) -> Option<(char, u64)> {
    let fields = stat_fields(pid)?;
    let state = fields.first()?.chars().next()?;
    let start = fields.get(19)?.parse().ok()?;
    Some((state, start))
}

/// The fields of /proc/PID/stat after the command, from the state on.
/// Read as bytes: a process may name itself anything, spaces,
/// parentheses and bytes that are not UTF-8 included, so the fields are
/// those after the last `)`.
pub fn stat_fields(pid: i32) -> Option<Vec<String>> {
    let bytes = std::fs::read(format!("/proc/{pid}/stat")).ok()?;
    let close = bytes.iter().rposition(|b| *b == b')')?;
    let rest = bytes.get(close + 2..)?;
    Some(
        String::from_utf8_lossy(rest)
            .split_ascii_whitespace()
            .map(String::from)
            .collect(),
    )
}

impl ProcRef {
    /// The process `pid` as it is now.
    pub fn of(pid: i32) -> Option<ProcRef> {
        stat(pid).map(|(_, start)| ProcRef { pid, start })
    }

    /// This process.
    pub fn current() -> ProcRef {
        let pid = std::process::id() as i32;
        ProcRef::of(pid).unwrap_or(ProcRef { pid, start: 0 })
    }

    /// Whether the recorded process still runs (a zombie does not).
    pub fn alive(&self) -> bool {
        self.pid > 0
            && matches!(stat(self.pid), Some((s, start)) if start == self.start && s != 'Z' && s != 'X')
    }

    /// A pidfd for exactly this process, or `None` if it is gone.
    pub fn pidfd(&self) -> Option<OwnedFd> {
        let pid = Pid::from_raw(self.pid)?;
        let fd = rustix::process::pidfd_open(pid, PidfdFlags::empty()).ok()?;
        // Opened first, checked second: if the start time matches now, the
        // pidfd cannot refer to a newer process that reused the pid.
        self.alive().then_some(fd)
    }

    /// Send `sig`; `false` if the process is gone.
    pub fn signal(&self, sig: i32) -> std::io::Result<bool> {
        let Some(fd) = self.pidfd() else {
            return Ok(false);
        };
        let sig = crate::runtime::spawn::signal_from_raw(sig)
            .ok_or_else(|| std::io::Error::other(format!("unknown signal {sig}")))?;
        match rustix::process::pidfd_send_signal(&fd, sig) {
            Ok(()) => Ok(true),
            Err(rustix::io::Errno::SRCH) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Wait until the process exits, at most `timeout` (forever with `None`).
    /// Returns whether it is gone.
    pub fn wait_gone(&self, timeout: Option<Duration>) -> bool {
        let Some(fd) = self.pidfd() else { return true };
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if left == Some(Duration::ZERO) {
                return !self.alive();
            }
            // Poll in short slices: a zombie's pidfd is readable, a reaped
            // process's too, but an unreaped orphan may linger as a zombie.
            let slice = left
                .unwrap_or(Duration::from_millis(200))
                .min(Duration::from_millis(200));
            poll_any(&[&fd], slice);
            if !self.alive() {
                return true;
            }
        }
    }
}

/// Wait until one of `fds` is readable (pidfds: a process has exited),
/// at most `limit`.
pub fn poll_any<F: std::os::fd::AsFd>(fds: &[F], limit: Duration) {
    let ts = rustix::event::Timespec {
        tv_sec: limit.as_secs() as i64,
        tv_nsec: limit.subsec_nanos() as i64,
    };
    let mut polled: Vec<PollFd> = fds.iter().map(|f| PollFd::new(f, PollFlags::IN)).collect();
    let _ = rustix::event::poll(&mut polled, Some(&ts));
}
