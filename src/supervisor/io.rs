//! The supervisor's event loop: container output into the log (and to the
//! terminal in the foreground), signals relayed to the container, and the
//! container's exit reaped.

use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use rustix::event::{PollFd, PollFlags};

use crate::container::logfile::{LogWriter, Stream};
use crate::runtime::spawn;

/// The container's output pipes (read ends).
pub struct Output {
    pub stdout: Option<OwnedFd>,
    pub stderr: Option<OwnedFd>,
}

/// Run until the container exits and its output is drained; returns its
/// exit status. With `echo`, output is also written to our own stdout/stderr.
pub fn pump(
    child: Pid,
    mut out: Output,
    mut log: Option<&mut LogWriter>,
    echo: bool,
) -> Result<i32> {
    let sfd = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    let mut code: Option<i32> = None;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if code.is_none() {
            code = reap(child)?;
        }
        if code.is_some() && out.stdout.is_none() && out.stderr.is_none() {
            return Ok(code.unwrap_or(0));
        }
        let mut fds = vec![PollFd::new(&sfd, PollFlags::IN)];
        let streams: Vec<Stream> = [(Stream::Stdout, &out.stdout), (Stream::Stderr, &out.stderr)]
            .into_iter()
            .filter_map(|(s, fd)| fd.as_ref().map(|fd| (s, fd)))
            .map(|(s, fd)| {
                fds.push(PollFd::new(fd, PollFlags::IN));
                s
            })
            .collect();
        match rustix::event::poll(&mut fds, None) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e).context("poll"),
        }
        let ready: Vec<bool> = fds.iter().map(|f| !f.revents().is_empty()).collect();
        drop(fds);
        if ready[0] {
            while let Ok(Some(info)) = sfd.read_signal() {
                if let Ok(sig) = Signal::try_from(info.ssi_signo as i32) {
                    if sig != Signal::SIGCHLD {
                        let _ = kill(child, sig);
                    }
                }
            }
        }
        for (i, stream) in streams.iter().enumerate() {
            if !ready[i + 1] {
                continue;
            }
            let slot = match stream {
                Stream::Stdout => &mut out.stdout,
                Stream::Stderr => &mut out.stderr,
            };
            let Some(fd) = slot.as_ref() else { continue };
            match rustix::io::read(fd.as_fd(), &mut buf) {
                Ok(0) => *slot = None,
                Ok(n) => {
                    if let Some(l) = log.as_deref_mut() {
                        let _ = l.write(*stream, &buf[..n]);
                    }
                    if echo {
                        let _ = match stream {
                            Stream::Stdout => std::io::stdout()
                                .write_all(&buf[..n])
                                .and_then(|_| std::io::stdout().flush()),
                            Stream::Stderr => std::io::stderr().write_all(&buf[..n]),
                        };
                    }
                }
                Err(rustix::io::Errno::INTR) | Err(rustix::io::Errno::AGAIN) => {}
                Err(_) => *slot = None,
            }
        }
    }
}

/// Reap exited children; the container's status once it has exited.
fn reap(child: Pid) -> Result<Option<i32>> {
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(nix::errno::Errno::ECHILD) => return Ok(None),
            Ok(status) if status.pid() == Some(child) => {
                if let Some(code) = spawn::exit_code(status) {
                    return Ok(Some(code));
                }
            }
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e).context("waitpid"),
        }
    }
}
