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

/// The followers of a project's containers: each with the index of its
/// member in the list given to `follow`.
pub struct Followers {
    pids: Vec<(Pid, usize)>,
    signals: SignalFd,
}

/// What `Followers::wait` hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// Ctrl-C or SIGTERM; `first` for the first of them.
    Interrupted { first: bool },
    /// The follower of this member (its index in `follow`'s list) is done:
    /// its container ended (for good: a restart is followed), or its log
    /// could not be read.
    Ended(usize),
}

/// Work `Followers::wait`'s listener started in a child of its own (a
/// graceful stop), so that the wait goes on hearing signals meanwhile.
#[derive(Default)]
pub struct Aside {
    pids: Vec<Pid>,
}

impl Aside {
    /// Do `work` in a forked child; its error is said there, on stderr.
    pub fn run(&mut self, work: impl FnOnce() -> Result<()>) -> Result<()> {
        let Some(pid) = spawn::fork().context("fork")? else {
            let code = match work() {
                Ok(()) => 0,
                Err(e) => crate::error::report(e),
            };
            spawn::exit_child(code);
        };
        self.pids.push(pid);
        Ok(())
    }
}

/// What `Followers::run` reports.
enum Event {
    Signal(Signal),
    /// A follower ended (its member's index).
    Ended(usize),
    /// Another child ended.
    Child(Pid),
}

/// Hold the stop signals (Ctrl-C, SIGTERM, SIGHUP) for [`follow`] to
/// read: `up` calls it as soon as its containers are started, so that a
/// Ctrl-C pressed while it lists them and forks their followers is the
/// graceful stop's too, not the end of `up` itself.
pub fn hold_signals() -> Result<()> {
    spawn::block_signals()
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
    for (i, m) in members.iter().enumerate() {
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
        pids.push((pid, i));
    }
    Ok(Followers { pids, signals })
}

impl Followers {
    /// Wait until every follower is done (their containers ended),
    /// telling `heard` of each follower's end and of each Ctrl-C or
    /// SIGTERM (`up`: the first stops the containers, the next kills
    /// them); what `heard` starts in `Aside` is waited for at the end.
    pub fn wait(mut self, mut heard: impl FnMut(Heard, &mut Aside) -> Result<()>) -> Result<()> {
        let mut first = true;
        let mut aside = Aside::default();
        // (A reader gone ends `up`'s wait too; its containers run on.)
        self.run(|event| {
            match event {
                Event::Signal(Signal::SIGINT | Signal::SIGTERM) => {
                    heard(Heard::Interrupted { first }, &mut aside)?;
                    first = false;
                }
                Event::Signal(_) => {}
                Event::Ended(i) => heard(Heard::Ended(i), &mut aside)?,
                Event::Child(pid) => aside.pids.retain(|p| *p != pid),
            }
            Ok(false)
        })?;
        for pid in aside.pids {
            let _ = nix::sys::wait::waitpid(pid, None);
        }
        Ok(())
    }

    /// Wait until every follower is done, or until Ctrl-C, SIGTERM,
    /// SIGHUP or SIGQUIT, which end them (`logs -f` of several
    /// containers: the followers' own signals are blocked, so the
    /// terminal's never ended them); the exit status the signal's end
    /// gives then (128 + its number).
    pub fn wait_or_end(mut self) -> Result<Option<i32>> {
        let mut ended = None;
        let gone = self.run(|event| {
            if let Event::Signal(
                sig @ (Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP | Signal::SIGQUIT),
            ) = event
            {
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
            for (pid, _) in &self.pids {
                let _ = nix::sys::signal::kill(*pid, Signal::SIGKILL);
            }
            for (pid, _) in std::mem::take(&mut self.pids) {
                let _ = nix::sys::wait::waitpid(pid, None);
            }
        }
        Ok(ended)
    }

    /// Reap followers until none is left, hearing the blocked signals:
    /// `on` hears of each signal, follower's end and other child's end,
    /// and says whether to stop waiting. Whether a follower ended for its
    /// reader having gone (status 141).
    fn run(&mut self, mut on: impl FnMut(Event) -> Result<bool>) -> Result<bool> {
        while !self.pids.is_empty() {
            for (pid, status) in spawn::reap_all()? {
                let Some(at) = self.pids.iter().position(|(p, _)| *p == pid) else {
                    on(Event::Child(pid))?;
                    continue;
                };
                let (_, member) = self.pids.remove(at);
                if status == 128 + libc::SIGPIPE {
                    return Ok(true);
                }
                if on(Event::Ended(member))? {
                    return Ok(false);
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
                    if on(Event::Signal(sig))? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(false)
    }
}
