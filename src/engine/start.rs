//! Starting a container: its supervisor (a fork of den, or den re-executed
//! from a sealed copy of its binary: see `runtime/sealed.rs`), in the foreground (sharing the
//! caller's stdio, its exit status the container's) or detached (reporting
//! on a pipe once the command runs, or why it does not).

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use anyhow::{bail, Context, Result};
use nix::sys::signal::kill;
use nix::unistd::Pid;

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::error::{Error, Exit, EXIT_DEN};
use crate::runtime::{sealed, spawn};
pub use crate::supervisor::ATTACH_ENV;
use crate::supervisor::{ATTACH_WAIT, DONE_FD, NOTIFY_FD};

/// den's global options, which every den process it starts must see too.
#[derive(Debug, Clone)]
pub struct Globals {
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    pub storage_driver: Option<String>,
    pub log_level: String,
}

impl Globals {
    /// The same options as arguments.
    pub fn args(&self) -> Vec<OsString> {
        let mut a: Vec<OsString> = Vec::new();
        if let Some(r) = &self.root {
            a.extend(["--root".into(), r.into()]);
        }
        if let Some(r) = &self.runroot {
            a.extend(["--runroot".into(), r.into()]);
        }
        if let Some(d) = &self.storage_driver {
            a.extend(["--storage-driver".into(), d.into()]);
        }
        a.extend(["--log-level".into(), self.log_level.clone().into()]);
        a
    }
}

/// The supervisor command for container `id`, run from a sealed copy of
/// den's binary (`exe`, which must live until it is spawned): the
/// container's init is a clone of it.
fn supervisor(g: &Globals, cfg: &ContainerConfig, exe: &std::os::fd::OwnedFd) -> Result<Process> {
    let mut cmd = Process::new(sealed::exec_path(exe));
    cmd.args(g.args()).arg("__supervise").arg(&cfg.id);
    for (k, v) in passed_fds(cfg)?.1 {
        cmd.env(k, v);
    }
    Ok(cmd)
}

/// How many descriptors from 3 the supervisor passes on, and the
/// environment that tells it so: systemd's socket activation's, when they
/// are ours, go to the container; else --preserve-fds's, as they are.
pub(super) type PassedFds = (u32, Vec<(&'static str, String)>);

fn passed_fds(cfg: &ContainerConfig) -> Result<PassedFds> {
    passed_fds_for(cfg.extras.preserve_fds)
}

/// [`passed_fds`] of a container given `--preserve-fds preserved`.
pub(super) fn passed_fds_for(preserved: u32) -> Result<PassedFds> {
    use crate::runtime::activation;
    let sockets = activation::listen_fds();
    Ok(if sockets > 0 {
        (sockets, vec![(activation::PASS_FDS, sockets.to_string())])
    } else if preserved > 0 {
        activation::check_open(preserved).map_err(|m| Error::invalid("preserve_fds", m))?;
        (
            preserved.min(activation::MAX),
            vec![
                (activation::PASS_FDS, preserved.to_string()),
                (activation::PLAIN_FDS, "1".into()),
            ],
        )
    } else {
        (0, Vec::new())
    })
}

/// How a forked supervisor starts: the start-notification pipe's write
/// end, and whether it leaves the caller's stdio and waits for `attach`.
pub(super) struct ForkSetup {
    pub(super) notify: Option<i32>,
    /// `--rm`'s end-of-run pipe (`supervisor::DONE_FD`).
    pub(super) done: Option<i32>,
    pub(super) detached: bool,
    pub(super) attach_wait: bool,
    /// Forked before its container is recorded ([`Early`]): the read end
    /// of the pipe that brings the container's name once it is.
    pub(super) gate: Option<OwnedFd>,
}

/// Start the supervisor as a fork of this process, without an exec (which
/// costs about 1.5 ms: loading and relocating den's binary again). Only
/// where this process runs one thread and from a binary no container
/// process can write to (a packaged den: the container's init is a clone
/// of the supervisor; see `runtime/sealed.rs`), or can move onto one in
/// place before the clone (the user's own den, `runtime/reseal.rs`);
/// `None` otherwise, and the caller execs a sealed copy.
fn fork_supervisor(g: &Globals, cfg: &ContainerConfig, how: ForkSetup) -> Result<Option<Pid>> {
    fork_for(g, Some(cfg), passed_fds(cfg)?, how)
}

/// [`fork_supervisor`] of `cfg`, or with none (`Early`, forked before
/// its container's config is made) of the one its gate brings.
fn fork_for(
    g: &Globals,
    cfg: Option<&ContainerConfig>,
    (passed, env): PassedFds,
    how: ForkSetup,
) -> Result<Option<Pid>> {
    if !spawn::single_threaded() {
        return Ok(None);
    }
    let reseal = match sealed::plan() {
        sealed::Plan::Sealed => None,
        sealed::Plan::Reseal(fd) => Some(fd),
        sealed::Plan::Exec => return Ok(None),
    };
    match spawn::fork().context("starting the container's supervisor")? {
        Some(pid) => Ok(Some(pid)),
        None => {
            // Moved at once, while the caller makes the record: the
            // helpers that share our memory (`supervisor::ahead`) start
            // later, and no move of ours waits on theirs, nor theirs on
            // ours (each `mremap` takes the memory map's lock, which
            // their page faults need).
            forked(g, cfg, (passed, env), how, move_onto_sealed(reseal))
        }
    }
}

/// A sealed binary's descriptor, and whether this process moved onto
/// it (`sealed::move_onto`; refused, the descriptor back to exec).
pub(super) type Moved = (i32, std::result::Result<(), (OwnedFd, anyhow::Error)>);

/// Move onto the sealed binary `reseal` (a [`sealed::Plan::Reseal`]'s),
/// if there is one, keeping its descriptor's number for [`forked`].
pub(super) fn move_onto_sealed(reseal: Option<OwnedFd>) -> Option<Moved> {
    reseal.map(|fd| (fd.as_raw_fd(), sealed::move_onto(fd)))
}

/// The forked supervisor from here on (`how` it was forked; `moved`, if
/// it had to move onto den's sealed binary): what an exec would have
/// left it, then the container's supervision, and its end.
pub(super) fn forked(
    g: &Globals,
    cfg: Option<&ContainerConfig>,
    (passed, env): PassedFds,
    how: ForkSetup,
    moved: Option<Moved>,
) -> ! {
    let mut gate = how.gate;
    // What an exec would have closed: every descriptor of ours but the
    // passed ones and the notification pipe; and the sealed binary the
    // supervisor moved onto, kept for its exe's change in den's user
    // namespace (`supervisor::supervise`).
    let mut keep: Vec<i32> = (3..3 + passed as i32).collect();
    keep.extend(how.notify);
    keep.extend(how.done);
    keep.extend(gate.as_ref().map(|fd| fd.as_raw_fd()));
    keep.extend(moved.as_ref().map(|(fd, _)| *fd));
    spawn::close_all_except(&keep);
    if how.detached && spawn::null_onto(&[0, 1, 2]).is_err() {
        spawn::exit_child(EXIT_DEN);
    }
    for (k, v) in env {
        std::env::set_var(k, v);
    }
    if let Some(fd) = how.notify {
        std::env::set_var(NOTIFY_FD, fd.to_string());
    }
    if let Some(fd) = how.done {
        std::env::set_var(DONE_FD, fd.to_string());
    }
    if how.attach_wait {
        std::env::set_var(ATTACH_WAIT, "1");
    }
    if let Some((_, Err((fd, _)))) = moved {
        // Forked before the record: the exec'd supervisor reads it, once
        // it is there.
        let told = gate.take().map(|gate| Early::recorded(gate, None));
        let Some(cfg) = told.as_ref().or(cfg) else {
            spawn::exit_child(EXIT_DEN)
        };
        // Then as if it had not been forked: exec'd from it, with what an
        // exec'd one has (stdio, environment) in place already. The
        // arguments only: the environment is set above (`supervisor()`
        // would count socket activation's descriptors again, as this
        // process's: none).
        let err = {
            use std::os::unix::process::CommandExt;
            Process::new(sealed::exec_path(&fd))
                .args(g.args())
                .arg("__supervise")
                .arg(&cfg.id)
                .exec()
        };
        let msg = format!("starting the container's supervisor: {err}");
        // Detached, stderr is /dev/null: the caller reads why on the
        // notification pipe, as from a supervisor.
        crate::supervisor::notify_failure(EXIT_DEN, &msg);
        crate::error::report(anyhow::anyhow!(msg));
        spawn::exit_child(EXIT_DEN);
    }
    crate::util::log::phase("supervisor forked");
    let paths = Paths::resolve(g.root.as_deref(), g.runroot.as_deref());
    let recorded;
    let known = match gate {
        Some(gate) => {
            let ahead = paths
                .as_ref()
                .ok()
                .map(|p| (p, g.storage_driver.as_deref()));
            recorded = Early::recorded(gate, ahead);
            Some(&recorded)
        }
        // The record this command made a moment ago is not read again; one
        // it read earlier is (`container::justmade`).
        None => cfg.filter(|c| crate::container::justmade::is(&c.id)),
    };
    let Some(id) = known.or(cfg).map(|c| c.id.clone()) else {
        spawn::exit_child(EXIT_DEN)
    };
    crate::runtime::title::retitle(&["den", "__supervise", &id], c"den-supervise");
    let code = paths
        .and_then(|p| {
            crate::engine::system::supervise_known(&p, &id, known, g.storage_driver.as_deref())
        })
        .unwrap_or_else(crate::error::report);
    spawn::exit_child(code)
}

/// The first descriptor number above those the container is passed
/// (`--preserve-fds`, socket activation's), which are checked open here.
fn above_passed(cfg: &ContainerConfig) -> Result<i32> {
    Ok(above(&passed_fds(cfg)?))
}

/// The first descriptor number above those `passed` counts.
pub(super) fn above(passed: &PassedFds) -> i32 {
    3 + passed.0 as i32
}

/// A pipe, both ends close-on-exec at `above` or higher ([`above_passed`],
/// found before the pipe is made): never one of the passed descriptors,
/// nor taken for one.
pub(super) fn pipe_above(above: i32) -> Result<(OwnedFd, OwnedFd)> {
    let (r, w) = rustix::pipe::pipe().context("pipe")?;
    let r = rustix::io::fcntl_dupfd_cloexec(&r, above).context("fcntl")?;
    let w = rustix::io::fcntl_dupfd_cloexec(&w, above).context("fcntl")?;
    Ok((r, w))
}

/// A pipe from the supervisor to us ([`pipe_above`]): the read end ours,
/// the write end the supervisor's (kept across its exec).
pub(super) fn caller_pipe(above: i32) -> Result<(OwnedFd, OwnedFd)> {
    let (r, w) = pipe_above(above)?;
    rustix::io::fcntl_setfd(&w, rustix::io::FdFlags::empty()).context("fcntl")?;
    Ok((r, w))
}

/// Start in the foreground: the supervisor shares our stdio; we relay
/// signals to it and end with its (the container's) exit status. With
/// `sig_proxy` off, the terminal's signals (Ctrl-C, SIGTERM, SIGHUP,
/// SIGQUIT) end this command alone, 128 + the signal, and the container
/// runs on, as podman's does (they were ignored, and nothing but the
/// container's end or SIGKILL ended `den run`).
pub fn foreground(g: &Globals, cfg: &ContainerConfig, sig_proxy: bool) -> Result<i32> {
    spawn::block_signals()?;
    // --rm: told the status once the container is out of the records, we
    // return without waiting for the rest of its teardown
    // (supervisor/caller.rs). The supervisor's end inherits the write end.
    let done = match cfg.remove {
        true => Some(caller_pipe(above_passed(cfg)?)?),
        false => None,
    };
    let how = ForkSetup {
        notify: None,
        done: done.as_ref().map(|(_, w)| w.as_raw_fd()),
        detached: false,
        attach_wait: false,
        gate: None,
    };
    let pid = match fork_supervisor(g, cfg, how)? {
        Some(pid) => pid,
        None => {
            let exe = sealed::sealed_exe()?;
            crate::util::log::phase("den's binary sealed");
            let mut cmd = supervisor(g, cfg, &exe)?;
            if let Some((_, w)) = &done {
                cmd.env(DONE_FD, w.as_raw_fd().to_string());
            }
            let child = cmd.spawn().context("starting the container's supervisor")?;
            crate::util::log::phase("supervisor spawned");
            // Closed at once: see `sealed::sealed_exe`.
            drop(exe);
            Pid::from_raw(child.id() as i32)
        }
    };
    wait_foreground(pid, done.map(|(r, _)| r), sig_proxy)
}

/// Wait for the foreground supervisor `pid`, relaying signals to it (see
/// [`foreground`]); `told`: `--rm`'s end-of-run pipe.
fn wait_foreground(pid: Pid, told: Option<OwnedFd>, sig_proxy: bool) -> Result<i32> {
    let code = spawn::wait_relaying_told(pid, told.as_ref(), |sig| {
        if sig_proxy {
            let _ = kill(pid, sig);
            return None;
        }
        leaving(sig)
    })?;
    Err(Exit::status(code).into())
}

/// A supervisor forked before its container's config is made (`run`),
/// as soon as the command line is read (or before: `prefork.rs`, whose
/// fork [`Early::fork`] adopts): it finds its mappings of den's
/// binary, checks the sealed one and moves onto it (a user's own den:
/// `sealed::move_onto`) and enters den's
/// user namespace (five files read and the pause process's namespace
/// joined) while this process makes the config; then, sent the config
/// ([`Early::prepare`]), starts making the container's network namespace
/// and mounting its rootfs, and asks about the host's cgroups, while this
/// process writes the record. It goes on once [`Early::start`] sends it
/// the container's name (chosen as the record is written); dropped
/// before, the pipe it waits on closes and it ends, having made nothing.
pub struct Early {
    pid: Pid,
    gate: Option<OwnedFd>,
    done: Option<OwnedFd>,
    /// Detached (`run -d`): the read end of its report pipe.
    reports: Option<OwnedFd>,
    /// What it was forked for: `--rm`, and how many descriptors it passes
    /// on (the config must say the same: [`Early::fits`]).
    remove: bool,
    passed: u32,
}

impl Early {
    /// Fork the supervisor of a container not made yet, in the foreground
    /// or `detached`, where `foreground` or `detached` would fork it:
    /// `remove` (`--rm`) and `preserve_fds` as the command line gives
    /// them. `None` where it cannot be forked (the caller starts it as
    /// usual).
    pub fn fork(
        g: &Globals,
        remove: bool,
        preserve_fds: u32,
        detached: bool,
    ) -> Result<Option<Early>> {
        // Forked already, before the command line was read (`prefork.rs`).
        if let Some(pre) = super::prefork::take() {
            if let Some(early) = pre.adopt(g, remove, preserve_fds, detached)? {
                return Ok(Some(early));
            }
        }
        // Descriptors that are not there: the config's check says so,
        // in its words, and the container starts as usual, if at all.
        let Ok(passed) = passed_fds_for(preserve_fds) else {
            return Ok(None);
        };
        let count = passed.0;
        let above = above(&passed);
        let done = match remove && !detached {
            true => Some(caller_pipe(above)?),
            false => None,
        };
        let reports = match detached {
            true => Some(caller_pipe(above)?),
            false => None,
        };
        let (gate_r, gate_w) = pipe_above(above)?;
        let how = ForkSetup {
            notify: reports.as_ref().map(|(_, w)| w.as_raw_fd()),
            done: done.as_ref().map(|(_, w)| w.as_raw_fd()),
            detached,
            attach_wait: false,
            gate: Some(gate_r),
        };
        // In the foreground, blocked across the fork only (the child keeps
        // them blocked, as a foreground supervisor): until `start`, a
        // Ctrl-C ends `run` as it did before, and the supervisor with it,
        // told nothing. Detached, not at all (as `spawn_detached`): the
        // supervisor blocks them itself once in a session of its own.
        let forked = match detached {
            true => fork_for(g, None, passed, how),
            false => {
                let mask = spawn::block_signals_saving()?;
                let forked = fork_for(g, None, passed, how);
                spawn::restore_signals(&mask);
                forked
            }
        };
        let forked = forked?;
        if forked.is_some() {
            crate::util::log::phase("supervisor forked, ahead of the record");
        }
        Ok(forked.map(|pid| Early {
            pid,
            gate: Some(gate_w),
            done: done.map(|(r, _)| r),
            reports: reports.map(|(r, _)| r),
            remove,
            passed: count,
        }))
    }

    /// The supervisor `pid` forked before the command line was read
    /// (`prefork.rs`), now told how: its gate's write end, its `--rm`
    /// end-of-run pipe's and report pipe's read ends (as [`Early::fork`]
    /// makes them), what it passes on.
    pub(super) fn adopted(
        pid: Pid,
        gate: OwnedFd,
        done: Option<OwnedFd>,
        reports: Option<OwnedFd>,
        remove: bool,
        passed: u32,
    ) -> Early {
        crate::util::log::phase("supervisor forked, ahead of the record");
        Early {
            pid,
            gate: Some(gate),
            done,
            reports,
            remove,
            passed,
        }
    }

    /// Whether this supervisor can start `cfg`, made since: nothing has
    /// to happen between its record and its start (no `--requires`, no
    /// pod, no network joined from the host's user namespace: neither a
    /// user network nor another container's), it has no terminal (`-t`:
    /// the supervisor waits for the attach), and it asks for what the
    /// supervisor was forked with (`--rm`, the descriptors passed on).
    pub fn fits(&self, cfg: &ContainerConfig) -> bool {
        crate::supervisor::ahead_fits(cfg)
            && !cfg.tty
            && cfg.extras.requires.is_empty()
            && cfg.remove == self.remove
            && passed_fds(cfg).is_ok_and(|p| p.0 == self.passed)
    }

    /// Send the supervisor `cfg` (which [`Early::fits`]), about to be
    /// recorded: it makes ready for it while we write the record.
    pub fn prepare(&mut self, cfg: &ContainerConfig) -> Result<()> {
        let mut line = serde_json::to_vec(cfg).context("serializing the container's config")?;
        line.push(b'\n');
        if let Some(gate) = &self.gate {
            // A supervisor gone already says why (on our stderr, or on the
            // report pipe), and its status is the wait's.
            let _ = crate::util::fs::write_all_fd(gate, &line);
        }
        Ok(())
    }

    /// Tell the supervisor the container is recorded as `cfg`.
    fn go(&mut self, cfg: &ContainerConfig) {
        if let Some(gate) = self.gate.take() {
            let told = format!("{}\n", cfg.name);
            let _ = crate::util::fs::write_all_fd(&gate, told.as_bytes());
        }
    }

    /// Detached: the container is recorded as `cfg`; returns once its
    /// command runs (or with why it does not), as [`detached`] does.
    pub fn start_detached(mut self, cfg: &ContainerConfig) -> Result<()> {
        self.go(cfg);
        let reader = self.reports.take().context("no report pipe")?;
        let mut reports = Reports {
            reader: BufReader::new(std::fs::File::from(reader)),
            name: cfg.name.clone(),
            done: None,
        };
        reports.next_word().map(|_| ())
    }

    /// The container is recorded as `cfg`: its supervisor starts it, and
    /// this process waits as [`foreground`]'s does.
    pub fn start(mut self, cfg: &ContainerConfig, sig_proxy: bool) -> Result<i32> {
        spawn::block_signals()?;
        self.go(cfg);
        wait_foreground(self.pid, self.done.take(), sig_proxy)
    }

    /// In the supervisor, before anything else of its own (with `ahead`:
    /// den's paths and the storage driver asked for): den's user
    /// namespace entered (with `enter`; see `userns::enter_ahead`); then,
    /// once sent the config, the first run's network namespace and the
    /// rootfs's mount started (`supervisor::ahead`) and the host's cgroups
    /// asked about (`cgroups::probe_ahead`); then the container's
    /// record as its caller made it, once told its name. Never sent them,
    /// it ends here, having undone what it started
    /// (`supervisor::not_recorded`).
    fn recorded(gate: OwnedFd, ahead: Option<(&Paths, Option<&str>)>) -> ContainerConfig {
        if ahead.is_some() {
            crate::runtime::userns::enter_ahead();
            // Its own mount namespace (0.25 ms here: the host's mounts
            // copied, then made private), which it makes for every
            // container, made while the config is on its way.
            crate::supervisor::mount_ns_ahead();
        }
        let mut gate = BufReader::new(std::fs::File::from(gate));
        let mut sent = String::new();
        // Not sent: the caller says why.
        if gate.read_line(&mut sent).is_err() || sent.is_empty() {
            spawn::exit_child(0)
        }
        let cfg: ContainerConfig = match serde_json::from_str(&sent) {
            Ok(cfg) => cfg,
            Err(e) => {
                crate::error::report(anyhow::anyhow!(
                    "the container's supervisor could not read the config den sent it: {e}"
                ));
                spawn::exit_child(EXIT_DEN)
            }
        };
        if let Some((paths, driver)) = ahead {
            crate::supervisor::ahead(paths, &cfg, driver, true);
        }
        // Up to the end of the pipe: a name and its newline, or nothing.
        let mut told = Vec::new();
        let _ = std::io::Read::read_to_end(&mut gate, &mut told);
        match told.strip_suffix(b"\n").map(String::from_utf8_lossy) {
            Some(name) if !name.is_empty() => ContainerConfig {
                name: name.into_owned(),
                ..cfg
            },
            // Not recorded: the caller says why.
            _ => {
                crate::supervisor::not_recorded();
                spawn::exit_child(0)
            }
        }
    }
}

impl Drop for Early {
    /// Never told: the supervisor ends, and is reaped.
    fn drop(&mut self) {
        if let Some(gate) = self.gate.take() {
            drop(gate);
            let _ = nix::sys::wait::waitpid(self.pid, None);
        }
    }
}

/// With `--sig-proxy=false`, the status a signal that ends the waiting
/// command gives (the container runs on), if it is one of those.
pub fn leaving(sig: nix::sys::signal::Signal) -> Option<i32> {
    use nix::sys::signal::Signal;
    matches!(
        sig,
        Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP | Signal::SIGQUIT
    )
    .then_some(128 + sig as i32)
}

/// A detached supervisor's reports: `ok` once the command runs, progress
/// words before (`attach`), or `CODE message` when it could not start.
pub struct Reports {
    reader: BufReader<std::fs::File>,
    name: String,
    /// `--rm` with a client attached: the end-of-run pipe (as the
    /// foreground's, `supervisor/caller.rs`).
    done: Option<OwnedFd>,
}

impl Reports {
    /// With `--rm` and a client attached: wait until the container is out
    /// of the records (the supervisor says so, or has ended), so that
    /// `run --rm -t` returns as `run --rm` does. At once otherwise.
    pub fn wait_removed(&mut self) {
        if let Some(pipe) = self.done.take() {
            let mut status = [0u8; 4];
            while let Err(rustix::io::Errno::INTR) = rustix::io::read(&pipe, &mut status) {}
        }
    }

    /// The next word, or the start's failure as an error with its status.
    pub fn next_word(&mut self) -> Result<String> {
        let mut word = String::new();
        let _ = self.reader.read_line(&mut word);
        match word.trim_end_matches('\n') {
            "" => bail!(
                "the supervisor of {} exited before the container started",
                self.name
            ),
            w if w.starts_with(|c: char| c.is_ascii_digit()) => {
                let (code, message) = w.split_once(' ').unwrap_or(("125", w));
                Err(Exit::with(code.parse().unwrap_or(EXIT_DEN), message).into())
            }
            w => Ok(w.to_string()),
        }
    }
}

/// Spawn a detached supervisor that reports on a pipe; with `wait_attach`
/// it waits for a client on the attach socket before the command starts.
pub fn spawn_detached(g: &Globals, cfg: &ContainerConfig, wait_attach: bool) -> Result<Reports> {
    let above = above_passed(cfg)?;
    let (r, w) = caller_pipe(above)?;
    let done = match wait_attach && cfg.remove {
        true => Some(caller_pipe(above)?),
        false => None,
    };
    let done_w = done.as_ref().map(|(_, w)| w.as_raw_fd());
    // Ours the read ends; the write ends go once the supervisor has its own.
    let reports = |r: OwnedFd, done: Option<(OwnedFd, OwnedFd)>| Reports {
        reader: BufReader::new(std::fs::File::from(r)),
        name: cfg.name.clone(),
        done: done.map(|(r, _)| r),
    };
    let how = ForkSetup {
        notify: Some(w.as_raw_fd()),
        done: done_w,
        detached: true,
        attach_wait: wait_attach,
        gate: None,
    };
    if fork_supervisor(g, cfg, how)?.is_some() {
        drop(w);
        return Ok(reports(r, done));
    }
    let exe = sealed::sealed_exe()?;
    crate::util::log::phase("den's binary sealed");
    let mut cmd = supervisor(g, cfg, &exe)?;
    cmd.env(NOTIFY_FD, w.as_raw_fd().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if wait_attach {
        cmd.env(ATTACH_WAIT, "1");
    }
    if let Some(fd) = done_w {
        cmd.env(DONE_FD, fd.to_string());
    }
    let _child = cmd.spawn().context("starting the container's supervisor")?;
    drop(exe);
    drop(w);
    Ok(reports(r, done))
}

/// Start detached; returns once the command runs (or with why it does not).
pub fn detached(g: &Globals, cfg: &ContainerConfig) -> Result<()> {
    spawn_detached(g, cfg, false)?.next_word().map(|_| ())
}

/// `--requires`: start the containers `cfg` needs, and theirs first,
/// detached (the ones running are left as they are).
pub fn requirements(paths: &Paths, g: &Globals, cfg: &ContainerConfig) -> Result<()> {
    fn walk(
        paths: &Paths,
        g: &Globals,
        cfg: &ContainerConfig,
        seen: &mut Vec<String>,
    ) -> Result<()> {
        seen.push(cfg.id.clone());
        for id in &cfg.extras.requires {
            if seen.contains(id) {
                continue;
            }
            let Some(needed) = prepare(paths, id, false).with_context(|| {
                format!(
                    "{} requires {id}, which is gone (recreate {})",
                    cfg.name, cfg.name
                )
            })?
            else {
                continue;
            };
            walk(paths, g, &needed, seen)?;
            detached(g, &needed).with_context(|| {
                format!("starting {}, which {} requires", needed.name, cfg.name)
            })?;
        }
        Ok(())
    }
    // Starting them may take seconds, in which another command may change
    // the record the caller just made: the supervisor reads it again.
    if !cfg.extras.requires.is_empty() {
        crate::container::justmade::set(None);
    }
    walk(paths, g, cfg, &mut Vec::new())
}

/// Ready the container `name` to start: `None` when it is already
/// running; with `interactive`, its stdin is kept open from now on.
pub fn prepare(paths: &Paths, name: &str, interactive: bool) -> Result<Option<ContainerConfig>> {
    let containers = Containers::new(paths);
    let mut cfg = containers.find(name)?;
    let st = containers.live_state(&cfg.id)?;
    if st.active() {
        return Ok(None);
    }
    crate::container::ops::end_orphaned_helpers(&st);
    if interactive && !cfg.interactive {
        cfg = containers.modify(&cfg.id, |c| c.interactive = true)?;
    }
    Ok(Some(cfg))
}

/// Start a container's supervisor with no terminal and stdin closed, its
/// output to `stdout` and `stderr`, for the caller to wait for by its pid
/// (safe from any thread: a build's RUN steps); the container's exit
/// status is the supervisor's.
pub fn spawn_to_end(
    g: &Globals,
    cfg: &ContainerConfig,
    stdout: Stdio,
    stderr: Stdio,
) -> Result<std::process::Child> {
    let exe = sealed::sealed_exe()?;
    let mut cmd = supervisor(g, cfg, &exe)?;
    cmd.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
    let child = cmd.spawn().context("starting the container's supervisor")?;
    drop(exe);
    Ok(child)
}
