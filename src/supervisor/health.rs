//! Healthchecks, run by the supervisor: no systemd timer, no daemon, no
//! thread. The event loop sleeps in poll until the next check is due; a
//! check is a forked child that does what `den exec` does (joins the
//! container's namespaces and cgroup, runs the command with the
//! container's user, capabilities, seccomp filter and environment),
//! passes its output back through a pipe and kills the command at its
//! timeout. The result goes into the container's health (`health.json`),
//! a change of status into a `health_status` event, and turning unhealthy
//! into the `--health-on-failure` action.

use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::sys::signal::Signal;
use nix::unistd::Pid;

use crate::container::health::{
    self, CheckResult, Health, Healthcheck, OnFailure, ANSWER_NOT_RUN as NOT_RUN,
    ANSWER_PAUSED as NOT_RUN_PAUSED, ANSWER_STOPPED as STOPPED, OUTPUT_MAX,
};
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, Containers};
use crate::runtime::exec::{self, ExecSpec};
use crate::runtime::spawn;

/// A check under way: the child running it, and its output so far.
struct Running {
    /// Its number: checks are counted from 1 as they begin.
    number: u64,
    pid: Pid,
    out: Option<OwnedFd>,
    output: Vec<u8>,
    code: Option<i32>,
    start: chrono::DateTime<Utc>,
    began: Instant,
}

/// What the event loop must do for the checker.
pub enum Act {
    /// Send the container's init this signal.
    Signal(Signal),
    /// Answer the clients waiting for a check numbered `upto` or lower
    /// (`healthcheck run`) with the status.
    Answer { upto: u64, status: String },
}

pub struct Checker<'a> {
    hc: &'a Healthcheck,
    cfg: &'a ContainerConfig,
    containers: &'a Containers,
    /// The container's init, and what a check runs with.
    init: ProcRef,
    spec: ExecSpec,
    started: Instant,
    next: Option<Instant>,
    running: Option<Running>,
    health: Health,
    /// How many checks have begun (the running one is the last).
    checks: u64,
    /// A client asked while a check ran, which began before the question
    /// (and before whatever the client just changed): the next check
    /// starts when it ends, and answers.
    ask_next: bool,
    /// SIGKILL the container then (an action's stop timeout).
    kill_at: Option<Instant>,
    /// Set when the on-failure action is `restart`.
    restart: &'a std::cell::Cell<bool>,
    /// Told the first healthy check (`--sdnotify=healthy`).
    sd: &'a super::sdnotify::SdNotify,
}

fn nanos(n: u64) -> Duration {
    Duration::from_nanos(n)
}

impl<'a> Checker<'a> {
    pub fn new(
        hc: &'a Healthcheck,
        cfg: &'a ContainerConfig,
        containers: &'a Containers,
        init: ProcRef,
        spec: ExecSpec,
        restart: &'a std::cell::Cell<bool>,
        sd: &'a super::sdnotify::SdNotify,
    ) -> Checker<'a> {
        let now = Instant::now();
        // `starting`, written before the state said running.
        let health = Health::default();
        Checker {
            hc,
            cfg,
            containers,
            init,
            spec,
            started: now,
            // The first check at once, as podman's (its timer's unit is
            // started with the container); Docker's waits an interval
            // first, which held `wait --condition=healthy`, compose's
            // service_healthy and `--sdnotify=healthy` 30 s by default.
            next: (hc.interval > 0).then_some(now),
            running: None,
            health,
            checks: 0,
            ask_next: false,
            kill_at: None,
            restart,
            sd,
        }
    }

    /// How long the event loop may sleep.
    pub fn timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        let deadline = self
            .running
            .as_ref()
            .filter(|r| r.code.is_none())
            .map(|r| r.began + nanos(self.hc.timeout) + Duration::from_secs(2));
        [self.next, deadline, self.kill_at]
            .into_iter()
            .flatten()
            .min()
            .map(|t| t.saturating_duration_since(now))
    }

    /// The running check's output, to poll.
    pub fn fd(&self) -> Option<&OwnedFd> {
        self.running.as_ref().and_then(|r| r.out.as_ref())
    }

    /// Read what the check wrote.
    pub fn read(&mut self) {
        let Some(r) = self.running.as_mut() else {
            return;
        };
        let Some(fd) = r.out.as_ref() else {
            return;
        };
        let mut buf = [0u8; 4096];
        match rustix::io::read(fd.as_fd(), &mut buf) {
            Ok(0) => r.out = None,
            Ok(n) => {
                let room = OUTPUT_MAX.saturating_sub(r.output.len());
                r.output.extend_from_slice(&buf[..n.min(room)]);
            }
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            Err(_) => r.out = None,
        }
    }

    /// A child of the supervisor ended: the check's, if it is `pid`.
    pub fn exited(&mut self, pid: Pid, code: i32) {
        if let Some(r) = self.running.as_mut().filter(|r| r.pid == pid) {
            r.code = Some(code);
        }
    }

    /// A client asked for a check now: the number of the check that
    /// answers it, the next to begin (one begins at once if none runs).
    /// With a status when none can begin (the container is paused): that
    /// answers now whoever waits for that number, this client and any
    /// that asked while the last check ran (whose next check this was).
    pub fn ask(&mut self) -> (u64, Option<String>) {
        let ticket = self.checks + 1;
        if self.running.is_some() {
            self.ask_next = true;
        } else if let Err(why) = self.start() {
            return (ticket, Some(why.into()));
        }
        (ticket, None)
    }

    /// Reap, finish, start, and act; what the event loop must do.
    pub fn tick(&mut self) -> Vec<Act> {
        let now = Instant::now();
        let mut acts = Vec::new();
        if self.kill_at.is_some_and(|t| now >= t) {
            self.kill_at = None;
            acts.push(Act::Signal(Signal::SIGKILL));
        }
        let mut ended = false;
        if let Some(r) = self.running.as_mut() {
            // The check's own timeout did not end it: end it here.
            if r.code.is_none() && now >= r.began + nanos(self.hc.timeout) + Duration::from_secs(2)
            {
                let _ = nix::sys::signal::kill(r.pid, Signal::SIGKILL);
            }
            ended = r.code.is_some();
        }
        if ended {
            // Its child has ended: what it wrote is in the pipe (a process
            // it left behind, stopped before its exec, may hold the pipe
            // open: that is not waited for).
            for _ in 0..4 {
                self.read();
            }
            if let Some(r) = self.running.take() {
                acts.extend(self.finish(r));
            }
        }
        if self.running.is_none() && self.next.is_some_and(|t| now >= t) {
            if let Err(why) = self.start() {
                // Whoever waits for this check is told none ran.
                acts.push(Act::Answer {
                    upto: self.checks + 1,
                    status: why.into(),
                });
            }
        }
        acts
    }

    /// The next scheduled check, counted from now.
    fn reschedule(&mut self) {
        self.next = (self.hc.interval > 0).then(|| Instant::now() + nanos(self.hc.interval));
    }

    /// Begin a check; why none could begin, as the answer says it
    /// ([`NOT_RUN_PAUSED`], [`NOT_RUN`]).
    fn start(&mut self) -> Result<(), &'static str> {
        // A paused container's check would freeze with it, and one being
        // stopped is not running (podman checks running containers only):
        // none is run.
        if let Some(why) = self.not_running() {
            self.reschedule();
            return Err(why);
        }
        let (r, w) = match rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC) {
            Ok(p) => p,
            Err(e) => {
                crate::warn!("healthcheck of {}: pipe: {e}", self.cfg.name);
                self.reschedule();
                return Err(NOT_RUN);
            }
        };
        let began = Instant::now();
        let deadline = began + nanos(self.hc.timeout);
        match spawn::fork() {
            Ok(None) => {
                drop(r);
                let code = run_check(self.init, &self.spec, w, deadline);
                spawn::exit_child(code);
            }
            Ok(Some(pid)) => {
                drop(w);
                let _ = crate::util::feed::set_nonblocking(&r);
                self.checks += 1;
                self.running = Some(Running {
                    number: self.checks,
                    pid,
                    out: Some(r),
                    output: Vec::new(),
                    code: None,
                    start: Utc::now(),
                    began,
                });
            }
            Err(e) => {
                crate::warn!("healthcheck of {}: fork: {e}", self.cfg.name);
                self.reschedule();
                return Err(NOT_RUN);
            }
        }
        self.next = None;
        Ok(())
    }

    /// Why no check is to run or count now: the container is paused, or
    /// a stop is under way.
    fn not_running(&self) -> Option<&'static str> {
        if self.containers.pause_marker(&self.cfg.id).exists() {
            Some(NOT_RUN_PAUSED)
        } else if self.stopping() {
            Some(STOPPED)
        } else {
            None
        }
    }

    /// A stop is under way: its marker, made within the stop's longest
    /// time (its timeout, then the kill's wait). One left by a stop that
    /// never finished (Ctrl-C on `den stop`) would otherwise turn the
    /// checks off for good.
    fn stopping(&self) -> bool {
        let longest = Duration::from_secs(self.cfg.stop_timeout.saturating_add(15));
        std::fs::metadata(self.containers.stop_marker(&self.cfg.id))
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < longest))
    }

    fn finish(&mut self, r: Running) -> Vec<Act> {
        // A check the container's pause froze, or its stop ended, says
        // nothing of its health: not recorded, no event, no action (a
        // `kill` on failure cut a graceful stop short, and a frozen check
        // timed out into one).
        if let Some(why) = self.not_running() {
            self.reschedule();
            // Whoever asked while it ran too: no check of theirs comes now.
            let upto = r.number + u64::from(std::mem::take(&mut self.ask_next));
            return vec![Act::Answer {
                upto,
                status: why.into(),
            }];
        }
        let now = Instant::now();
        let timed_out = now.duration_since(r.began) >= nanos(self.hc.timeout);
        let (exit_code, output) = if timed_out {
            (
                -1,
                format!(
                    "Health check exceeded timeout ({})",
                    crate::util::human::go_duration(self.hc.timeout)
                ),
            )
        } else {
            (
                r.code.unwrap_or(-1),
                String::from_utf8_lossy(&r.output).into_owned(),
            )
        };
        let in_start = r.began.duration_since(self.started) < nanos(self.hc.start_period);
        let changed = self.health.record(
            CheckResult {
                start: r.start,
                end: Utc::now(),
                exit_code,
                output,
            },
            self.hc.retries,
            in_start,
        );
        let _ = health::write(&self.containers.dir(&self.cfg.id), &self.health);
        let mut acts = Vec::new();
        if self.health.status == "healthy" {
            self.sd.healthy();
        }
        if changed {
            self.containers.event(
                "health_status",
                self.cfg,
                &[("health_status", self.health.status.clone())],
            );
            if self.health.status == "unhealthy" {
                acts.extend(self.on_failure());
            }
        }
        // Its answer, to whoever asked before it began; and to whoever
        // waits for the next check too if this one stops or restarts the
        // container (no next check may come).
        let acting = acts.iter().any(|a| matches!(a, Act::Signal(_)));
        let upto = if acting && std::mem::take(&mut self.ask_next) {
            r.number + 1
        } else {
            r.number
        };
        // This check's own result, as podman's `healthcheck run` gives
        // it (a failure is `unhealthy` while the container's status may
        // still be `healthy` for its retries, or `starting`).
        let result = if exit_code == 0 {
            "healthy"
        } else {
            "unhealthy"
        };
        acts.push(Act::Answer {
            upto,
            status: result.into(),
        });
        if self.hc.interval > 0 {
            let starting = self.health.status == "starting"
                && now.duration_since(self.started) < nanos(self.hc.start_period);
            let wait = if starting {
                self.hc.start_interval
            } else {
                self.hc.interval
            };
            self.next = Some(now + nanos(wait));
        }
        if std::mem::take(&mut self.ask_next) {
            self.next = Some(now);
        }
        acts
    }

    fn on_failure(&mut self) -> Vec<Act> {
        let stop_signal = Signal::try_from(self.cfg.stop_signal).unwrap_or(Signal::SIGTERM);
        let grace = Instant::now() + Duration::from_secs(self.cfg.stop_timeout);
        match self.hc.on_failure {
            OnFailure::None => Vec::new(),
            OnFailure::Kill => vec![Act::Signal(Signal::SIGKILL)],
            OnFailure::Stop => {
                let _ = crate::util::fs::create_private(&self.containers.stop_marker(&self.cfg.id));
                self.kill_at = Some(grace);
                vec![Act::Signal(stop_signal)]
            }
            OnFailure::Restart => {
                self.restart.set(true);
                self.kill_at = Some(grace);
                vec![Act::Signal(stop_signal)]
            }
        }
    }
}

impl Drop for Checker<'_> {
    fn drop(&mut self) {
        // A check still under way when the container ends.
        if let Some(r) = self.running.take() {
            if r.code.is_none() {
                let _ = nix::sys::signal::kill(r.pid, Signal::SIGKILL);
                let _ = nix::sys::wait::waitpid(r.pid, None);
            }
        }
    }
}

/// In the forked child: run the check in the container, pass its output
/// on through `out`, end it at `deadline`; exit with its status.
fn run_check(init: ProcRef, spec: &ExecSpec, out: OwnedFd, deadline: Instant) -> i32 {
    let write = |data: &[u8]| {
        let _ = crate::util::fs::write_all_fd(&out, data);
    };
    // Its processes' pidfds, its init first: a non-dumpable den-init
    // (--init) may refuse, its children do not.
    let members = crate::container::process::member_pidfds(&init);
    let started = match exec::start(&members, init.pid, spec) {
        Ok(s) => s,
        Err(e) => {
            let code = e
                .downcast_ref::<crate::error::Exit>()
                .map(|x| x.code)
                .unwrap_or(crate::error::EXIT_DEN);
            write(format!("{e:#}").as_bytes());
            return code;
        }
    };
    let mut pipes: Vec<OwnedFd> = [started.stdout, started.stderr]
        .into_iter()
        .flatten()
        .collect();
    for p in &pipes {
        let _ = crate::util::feed::set_nonblocking(p);
    }
    let mut buf = [0u8; 4096];
    // Read until the command ends (a process it left in the background
    // may hold its output open: that is not waited for) or its time is up.
    // Only what is kept is passed on; the rest is read and dropped.
    let mut sent = 0usize;
    let mut drain = |pipes: &mut Vec<OwnedFd>| {
        // A bounded number of reads per wake: a flood cannot keep the
        // deadline from being looked at.
        let mut reads = 0;
        pipes.retain(|p| loop {
            reads += 1;
            if reads > 64 {
                return true;
            }
            match rustix::io::read(p.as_fd(), &mut buf) {
                Ok(0) => return false,
                Ok(n) => {
                    let keep = n.min(OUTPUT_MAX.saturating_sub(sent));
                    write(&buf[..keep]);
                    sent += keep;
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(rustix::io::Errno::AGAIN) => return true,
                Err(_) => return false,
            }
        });
    };
    loop {
        if let Ok(Some(code)) = spawn::reap(started.pid) {
            drain(&mut pipes);
            return code;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            // The command leads a session of its own: end all of it.
            let _ = nix::sys::signal::killpg(started.pid, Signal::SIGKILL);
            let _ = nix::sys::signal::kill(started.pid, Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(started.pid, None);
            return -1;
        }
        // Woken by output, or every 20 ms to see whether it ended.
        let wait = left.min(Duration::from_millis(20));
        let ts = rustix::event::Timespec {
            tv_sec: wait.as_secs() as i64,
            tv_nsec: wait.subsec_nanos() as i64,
        };
        let mut fds: Vec<rustix::event::PollFd> = pipes
            .iter()
            .map(|p| rustix::event::PollFd::new(p, rustix::event::PollFlags::IN))
            .collect();
        let _ = rustix::event::poll(&mut fds, Some(&ts));
        drop(fds);
        drain(&mut pipes);
    }
}
