//! Following a project's logs (`up` without `-d`, `logs -f`): a forked
//! follower per container (the log reader follows one file; forks keep
//! this process single-threaded, so it may still stop containers), each
//! writing whole lines after the container's name until its container
//! ends. The signals of the terminal (Ctrl-C) are blocked in the
//! followers and read here.

use anyhow::{Context as _, Result};
use nix::sys::signal::Signal;
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::Pid;

use super::Member;
use crate::config::paths::Paths;
use crate::container::logread::Sink;
use crate::engine::logs::LogOptions;
use crate::runtime::spawn;

/// The followers of a project's containers.
pub struct Followers {
    pids: Vec<Pid>,
    signals: SignalFd,
}

/// Fork a follower for each of `members`, writing to `sink_for(member)`.
pub fn follow<S: Sink>(
    paths: &Paths,
    members: &[Member],
    opts: &LogOptions,
    sink_for: impl Fn(&Member) -> S,
) -> Result<Followers> {
    spawn::block_signals()?;
    let signals = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    let me = rustix::process::pidfd_open(
        rustix::process::getpid(),
        rustix::process::PidfdFlags::empty(),
    )
    .context("pidfd_open")?;
    let mut pids = Vec::new();
    for m in members {
        let Some(pid) = spawn::fork().context("fork")? else {
            let _ = spawn::die_with_parent(&me);
            let code = match crate::engine::logs::logs(paths, &m.config.id, opts, sink_for(m)) {
                Ok(()) => 0,
                Err(e) => {
                    crate::warn!("{}: {e:#}", m.config.name);
                    1
                }
            };
            spawn::exit_child(code);
        };
        pids.push(pid);
    }
    Ok(Followers { pids, signals })
}

impl Followers {
    /// Wait until every follower is done (their containers ended). The
    /// first Ctrl-C or SIGTERM calls `interrupted` (which stops the
    /// containers); the answer is whether that happened.
    pub fn wait(mut self, mut interrupted: impl FnMut() -> Result<()>) -> Result<bool> {
        let mut stopped = false;
        // (A reader gone ends `up`'s wait too; its containers run on.)
        self.run(|sig| {
            if matches!(sig, Signal::SIGINT | Signal::SIGTERM) && !stopped {
                stopped = true;
                interrupted()?;
            }
            Ok(false)
        })?;
        Ok(stopped)
    }

    /// Wait until every follower is done, or until Ctrl-C, SIGTERM,
    /// SIGHUP or SIGQUIT, which end them (`logs -f` of several
    /// containers: the followers' own signals are blocked, so the
    /// terminal's never ended them); the exit status the signal's end
    /// gives then (128 + its number).
    pub fn wait_or_end(mut self) -> Result<Option<i32>> {
        let mut ended = None;
        let gone = self.run(|sig| {
            if matches!(
                sig,
                Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP | Signal::SIGQUIT
            ) {
                ended = Some(128 + sig as i32);
                return Ok(true);
            }
            Ok(false)
        })?;
        // One follower's reader went (`logs -f a b | head -1`): all of
        // theirs did, the same output; the quiet ones are ended too.
        if gone {
            ended = Some(128 + libc::SIGPIPE);
        }
        if ended.is_some() {
            for pid in &self.pids {
                let _ = nix::sys::signal::kill(*pid, Signal::SIGKILL);
            }
            for pid in std::mem::take(&mut self.pids) {
                let _ = nix::sys::wait::waitpid(pid, None);
            }
        }
        Ok(ended)
    }

    /// Reap followers until none is left, hearing the blocked signals:
    /// `on_signal` says whether to stop waiting. Whether a follower ended
    /// for its reader having gone (status 141).
    fn run(&mut self, mut on_signal: impl FnMut(Signal) -> Result<bool>) -> Result<bool> {
        while !self.pids.is_empty() {
            for (pid, status) in spawn::reap_all()? {
                self.pids.retain(|p| *p != pid);
                if status == 128 + libc::SIGPIPE {
                    return Ok(true);
                }
            }
            if self.pids.is_empty() {
                break;
            }
            let mut fds = [rustix::event::PollFd::new(
                &self.signals,
                rustix::event::PollFlags::IN,
            )];
            let tick = rustix::event::Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            };
            let _ = rustix::event::poll(&mut fds, Some(&tick));
            while let Ok(Some(info)) = self.signals.read_signal() {
                if let Ok(sig) = Signal::try_from(info.ssi_signo as i32) {
                    if on_signal(sig)? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(false)
    }
}
