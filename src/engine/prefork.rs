//! `den run`'s supervisor forked before the command line is read.
//!
//! A supervisor forked ahead of the record (`start::Early`) first moves
//! onto den's sealed binary (a user's own den: `runtime/reseal.rs`, 0.4
//! to 0.7 ms here) and enters den's user namespace; only then can it
//! start the container's network namespace and rootfs. Forked once the
//! command line is parsed, that work came after the parse (0.35 ms, most
//! of it clap building `run`'s 160 options in a cold process) and made
//! the supervisor, not the record, what the start waited for. Forked
//! here, before the parse, it moves while this process parses; told how
//! it was forked ([`PreFork::adopt`]: detached or not, `--rm`, den's
//! global options, `-a`'s streams), it goes on as any supervisor forked
//! ahead of its record does (`start::forked`).
//!
//! Only where nothing the command line may say changes what comes before
//! that word: `den [--log-level L] run ...` without `--root`, `--runroot`,
//! `--storage-driver`, `--config` or `--preserve-fds` anywhere, run by a
//! user (not root), with `XDG_RUNTIME_DIR` there, den single-threaded and
//! forking (`sealed::plan`). Until told, the child makes nothing outside
//! its own memory, and a command that does not use it (an error, `-t`, a
//! user network) kills it and reaps it ([`end`]); `--help` forks none.

use std::ffi::OsString;
use std::io::Read;
use std::os::fd::{IntoRawFd, OwnedFd};
use std::sync::Mutex;

use anyhow::{Context, Result};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use super::start::{self, Early, ForkSetup, Globals, ATTACH_ENV};
use crate::runtime::{sealed, spawn};

/// The supervisor forked before the parse, until `run` adopts it.
pub struct PreFork {
    /// Until adopted (or ended).
    pid: Option<Pid>,
    /// The write end of the pipe that brings it its [`Setup`].
    setup: Option<OwnedFd>,
    /// The write end of its gate (`start::Early`).
    gate: Option<OwnedFd>,
    /// The read ends of its `--rm` end-of-run pipe and report pipe.
    done: Option<OwnedFd>,
    reports: Option<OwnedFd>,
    passed: u32,
}

/// What the parse said that the supervisor needs: sent once.
#[derive(Serialize, Deserialize)]
struct Setup {
    detached: bool,
    remove: bool,
    root: Option<std::path::PathBuf>,
    runroot: Option<std::path::PathBuf>,
    storage_driver: Option<String>,
    log_level: String,
    /// `-a`'s streams (`start::ATTACH_ENV`), as `run` set them.
    attach: Option<String>,
}

static PRE: Mutex<Option<PreFork>> = Mutex::new(None);

/// The global options that move den's directories or change what a
/// container is passed: with any of them anywhere, no fork here.
const REFUSED: [&str; 5] = [
    "--root",
    "--runroot",
    "--storage-driver",
    "--config",
    "--preserve-fd",
];

/// The log level a `den [--log-level L] run ...` command line gives
/// (`""` for none); `None` for any other shape.
fn run_words(args: &[OsString]) -> Option<String> {
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str())
        .collect::<Option<_>>()?;
    if words
        .iter()
        .any(|w| REFUSED.iter().any(|r| w.starts_with(r)) || *w == "--help")
    {
        return None;
    }
    match words.as_slice() {
        ["run", ..] => Some(String::new()),
        ["--log-level", level, "run", ..] => Some(level.to_string()),
        [w, "run", ..] => w.strip_prefix("--log-level=").map(str::to_string),
        _ => None,
    }
}

/// Fork `run`'s supervisor now, if `args` are a `run` this module takes
/// (see its comment); [`take`] gives it to `run`.
pub fn start(args: &[OsString]) {
    let Some(level) = run_words(args) else {
        return;
    };
    if crate::engine::system::host_root() || !spawn::single_threaded() {
        return;
    }
    let env_dir = crate::config::env::var(crate::config::env::XDG_RUNTIME_DIR);
    if !env_dir.is_some_and(|d| std::path::Path::new(&d).is_dir()) {
        return;
    }
    let Ok(paths) = crate::config::paths::Paths::resolve(None, None) else {
        return;
    };
    crate::engine::system::use_paths(&paths);
    // Its move's phase shows in the log the parse turns on.
    crate::util::log::set_level(&level);
    match fork() {
        Ok(Some(pre)) => {
            if let Ok(mut p) = PRE.lock() {
                *p = Some(pre);
            }
        }
        Ok(None) => {}
        Err(e) => crate::debug!("the supervisor is not forked before the parse: {e:#}"),
    }
}

/// The supervisor forked by [`start`], if any (once).
pub fn take() -> Option<PreFork> {
    PRE.lock().ok().and_then(|mut p| p.take())
}

/// The supervisor forked by [`start`], unused: killed and reaped.
pub fn end() {
    drop(take());
}

fn fork() -> Result<Option<PreFork>> {
    let reseal = match sealed::plan() {
        sealed::Plan::Sealed => None,
        sealed::Plan::Reseal(fd) => Some(fd),
        sealed::Plan::Exec => return Ok(None),
    };
    let passed = start::passed_fds_for(0)?;
    let above = start::above(&passed);
    let (done_r, done_w) = start::caller_pipe(above)?;
    let (reports_r, reports_w) = start::caller_pipe(above)?;
    let (gate_r, gate_w) = start::pipe_above(above)?;
    let (setup_r, setup_w) = start::pipe_above(above)?;
    // Blocked across the fork; the child keeps them so in the foreground,
    // as `Early::fork` leaves a foreground supervisor.
    let mask = spawn::block_signals_saving()?;
    let forked = spawn::fork().context("fork");
    if let Ok(None) = forked {
        // The parent's ends, ours closed: the setup's end of file comes
        // when the parent closes its end (or dies).
        for fd in [&setup_w, &gate_w, &done_r, &reports_r] {
            spawn::close_inherited(fd);
        }
        child(reseal, setup_r, gate_r, done_w, reports_w, passed, &mask)
    }
    spawn::restore_signals(&mask);
    let pid = forked?.context("no child")?;
    drop((done_w, reports_w, gate_r, setup_r));
    Ok(Some(PreFork {
        pid: Some(pid),
        setup: Some(setup_w),
        gate: Some(gate_w),
        done: Some(done_r),
        reports: Some(reports_r),
        passed: passed.0,
    }))
}

/// The forked child: moved onto den's sealed binary at once (a user's
/// own den), then, told its [`Setup`], a supervisor forked ahead of its
/// record (`start::forked`). Never told, it ends, having made nothing.
fn child(
    reseal: Option<OwnedFd>,
    setup: OwnedFd,
    gate: OwnedFd,
    done: OwnedFd,
    reports: OwnedFd,
    passed: start::PassedFds,
    mask: &nix::sys::signal::SigSet,
) -> ! {
    let moved = start::move_onto_sealed(reseal);
    let mut text = String::new();
    if std::fs::File::from(setup)
        .read_to_string(&mut text)
        .is_err()
    {
        spawn::exit_child(0)
    }
    let Ok(setup) = serde_json::from_str::<Setup>(&text) else {
        spawn::exit_child(0)
    };
    // As the parse decided it (`cli::parse_and_dispatch`).
    crate::util::log::set_level(&setup.log_level);
    if setup.detached {
        // As `Early::fork` forks a detached supervisor: it blocks them
        // itself once in a session of its own.
        spawn::restore_signals(mask);
    }
    if let Some(streams) = &setup.attach {
        std::env::set_var(ATTACH_ENV, streams);
    }
    // The supervisor's ends, as raw descriptors: `start::forked` keeps
    // those it is told of and closes the others.
    let (done, reports) = (done.into_raw_fd(), reports.into_raw_fd());
    let how = ForkSetup {
        notify: setup.detached.then_some(reports),
        done: (setup.remove && !setup.detached).then_some(done),
        detached: setup.detached,
        attach_wait: false,
        gate: Some(gate),
    };
    let g = Globals {
        root: setup.root,
        runroot: setup.runroot,
        storage_driver: setup.storage_driver,
        log_level: setup.log_level,
    };
    start::forked(&g, None, passed, how, moved)
}

impl PreFork {
    /// `run`'s supervisor, forked ahead of its record as `Early::fork`
    /// would fork it for `g`, `remove`, `preserve_fds` and `detached`;
    /// `None` (and this one ended) where the parse gave what it was
    /// forked without.
    pub fn adopt(
        mut self,
        g: &Globals,
        remove: bool,
        preserve_fds: u32,
        detached: bool,
    ) -> Result<Option<Early>> {
        if preserve_fds > 0 || g.root.is_some() || g.runroot.is_some() {
            return Ok(None);
        }
        let (Some(pid), Some(setup_w), Some(gate)) =
            (self.pid, self.setup.take(), self.gate.take())
        else {
            return Ok(None);
        };
        let setup = Setup {
            detached,
            remove,
            root: g.root.clone(),
            runroot: g.runroot.clone(),
            storage_driver: g.storage_driver.clone(),
            log_level: g.log_level.clone(),
            attach: std::env::var(ATTACH_ENV).ok(),
        };
        let text = serde_json::to_vec(&setup).context("serializing the supervisor's setup")?;
        // Written whole and closed: the child reads up to the end.
        let sent = crate::util::fs::write_all_fd(&setup_w, &text);
        drop(setup_w);
        if sent.is_err() {
            // Gone: this one is reaped, and the caller forks another.
            return Ok(None);
        }
        self.pid = None;
        crate::debug!(
            "the supervisor forked before the parse goes on as one forked ahead of the record"
        );
        let done = self.done.take().filter(|_| remove && !detached);
        let reports = self.reports.take().filter(|_| detached);
        Ok(Some(Early::adopted(
            pid,
            gate,
            done,
            reports,
            remove,
            self.passed,
        )))
    }
}

impl Drop for PreFork {
    /// Unused: killed (it has made nothing outside its memory) and reaped.
    fn drop(&mut self) {
        if let Some(pid) = self.pid.take() {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(pid, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn takes_a_plain_run_and_its_log_level_only() {
        assert_eq!(
            run_words(&words("den run busybox true")),
            Some(String::new())
        );
        assert_eq!(
            run_words(&words("den --log-level debug run --rm busybox")),
            Some("debug".into())
        );
        assert_eq!(
            run_words(&words("den --log-level=warn run busybox")),
            Some("warn".into())
        );
        for refused in [
            "den create busybox",
            "den container run busybox",
            "den --root /x run busybox",
            "den run --root=/x busybox",
            "den run --runroot /r busybox",
            "den run --storage-driver vfs busybox",
            "den run --preserve-fds 2 busybox",
            "den run --preserve-fd=4 busybox",
            "den --config /c run busybox",
            "den run --help",
            "den --debug run busybox",
            "den",
        ] {
            assert_eq!(run_words(&words(refused)), None, "{refused}");
        }
    }
}
