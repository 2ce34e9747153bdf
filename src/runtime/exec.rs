//! `den exec`: join a running container's namespaces through a pidfd of
//! its init (user namespace included, in one setns call), fork into its pid
//! namespace, and run a command there as the container would.
#![allow(unsafe_code)]

use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};

use anyhow::{Context, Result};
use nix::sys::signal::kill;
use nix::unistd::Pid;

use super::init::{self, Target};
use super::spawn;
use crate::error::{Exit, EXIT_DEN};

/// What to run and how.
pub struct ExecSpec {
    pub user: String,
    pub workdir: String,
    pub env: Vec<String>,
    pub args: Vec<String>,
    pub interactive: bool,
    pub detach: bool,
    pub own_netns: bool,
    pub hostname: String,
}

/// Whether the container behind `init` maps a single id only.
fn single_id(init_pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{init_pid}/uid_map"))
        .map(|m| m.lines().count() <= 1)
        .unwrap_or(false)
}

/// Run `spec` in the container whose init is `pidfd`; returns its exit
/// status (or 0 at once with `detach`). Call while single-threaded.
pub fn exec(pidfd: &OwnedFd, init_pid: i32, spec: &ExecSpec) -> Result<i32> {
    let single = single_id(init_pid);
    let mut flags = libc::CLONE_NEWUSER
        | libc::CLONE_NEWNS
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWUTS
        | libc::CLONE_NEWIPC;
    if spec.own_netns {
        flags |= libc::CLONE_NEWNET;
    }
    spawn::block_signals()?;
    // SAFETY: setns on a pidfd we own; this process is single-threaded
    // (a precondition of joining a user namespace).
    if unsafe { libc::setns(pidfd.as_raw_fd(), flags) } != 0 {
        return Err(std::io::Error::last_os_error()).context("joining the container's namespaces");
    }
    let (report_r, report_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    // SAFETY: single-threaded, so the child is a complete copy.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(std::io::Error::last_os_error()).context("fork");
    }
    if child == 0 {
        drop(report_r);
        let target = Target {
            user: &spec.user,
            workdir: &spec.workdir,
            env: &spec.env,
            args: &spec.args,
            interactive: spec.interactive,
            single_id: single,
            hostname: &spec.hostname,
        };
        if spec.detach {
            let _ = rustix::process::setsid();
        }
        let code = init::report(init::exec_as(&target), report_w);
        // SAFETY: leave the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    drop(report_w);
    let pid = Pid::from_raw(child);
    let mut report = String::new();
    let _ = std::fs::File::from(report_r).read_to_string(&mut report);
    if !report.is_empty() {
        let _ = nix::sys::wait::waitpid(pid, None);
        let (code, message) = report.split_once(' ').unwrap_or(("125", &report));
        return Err(Exit::with(code.parse().unwrap_or(EXIT_DEN), message).into());
    }
    if spec.detach {
        return Ok(0);
    }
    spawn::wait_relaying(pid, |sig| {
        let _ = kill(pid, sig);
    })
}

/// Run `f` in a forked helper that has joined the user namespace of the
/// container whose init is `pidfd` (as its root, so it may signal any of
/// the container's processes); returns the helper's exit status. Call
/// while single-threaded and still in the host's user namespace.
pub fn in_userns_of(pidfd: &OwnedFd, f: impl FnOnce() -> i32) -> Result<i32> {
    // SAFETY: single-threaded (precondition), so the child is a complete copy.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(std::io::Error::last_os_error()).context("fork");
    }
    if child == 0 {
        // SAFETY: setns on a pidfd inherited from the parent.
        let code = if unsafe { libc::setns(pidfd.as_raw_fd(), libc::CLONE_NEWUSER) } == 0 {
            f()
        } else {
            126
        };
        // SAFETY: leave the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    let status = nix::sys::wait::waitpid(Pid::from_raw(child), None).context("waitpid")?;
    Ok(spawn::exit_code(status).unwrap_or(EXIT_DEN))
}
