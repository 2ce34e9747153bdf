//! `den exec`: join a running container's namespaces through a pidfd of
//! its init (user namespace included, in one setns call), fork into its
//! pid namespace, and run a command there as the container would.
#![allow(unsafe_code)]

use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{Context, Result};
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
    /// The namespaces the container shares with the host (not joined).
    pub host_ns: libc::c_int,
    pub hostname: String,
    /// `-t`: a pty from the container's devpts, of this size.
    pub tty: Option<(u16, u16)>,
    /// The container's security settings (`--privileged`: all capabilities).
    pub security: super::security::Security,
    /// The container's umask, extra groups, personality, OOM score.
    pub process: super::procattrs::ProcAttrs,
    /// `--preserve-fds N`: descriptors 3 to 3+N-1 of the caller passed on.
    pub preserve_fds: u32,
    /// The container's compiled seccomp filter, if any.
    pub seccomp: Option<Vec<u8>>,
    /// The container's cgroup: the command runs inside it, under its
    /// limits (and in its cgroup namespace).
    pub cgroup: Option<std::path::PathBuf>,
    /// Join the container's user namespace too (not when the caller is in
    /// it already: its supervisor, for a container without one of its own).
    pub join_userns: bool,
    /// Refuse to run the command outside the container's cgroup (a
    /// healthcheck; `den exec` warns and runs it).
    pub must_join_cgroup: bool,
}

/// A started exec: the process (in the container's pid namespace, our
/// child) and our ends of its stdio: with `-t` the master of its pty,
/// otherwise pipes (none with `-d`). The command never gets the caller's
/// own descriptors: a terminal among them would let it push input into
/// the caller's shell (TIOCSTI) or change its settings.
pub struct Started {
    pub pid: Pid,
    pub tty: Option<OwnedFd>,
    /// The write end of its stdin (with `-i`).
    pub stdin: Option<OwnedFd>,
    /// The read ends of its stdout and stderr.
    pub stdout: Option<OwnedFd>,
    pub stderr: Option<OwnedFd>,
}

/// Pipes for the command's stdio: (the child's ends, our ends), each as
/// stdin, stdout, stderr; stdin only when `interactive`.
type Ends = (Option<OwnedFd>, OwnedFd, OwnedFd);
type OurEnds = (Option<OwnedFd>, OwnedFd, OwnedFd);

fn stdio_pipes(interactive: bool) -> Result<(Ends, OurEnds)> {
    let pipe = || rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe");
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let (in_r, in_w) = if interactive {
        let (r, w) = pipe()?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    Ok(((in_r, out_w, err_w), (in_w, out_r, err_r)))
}

/// In the command, before `exec_as`: a session of its own, so that
/// `kill 0` inside reaches no process of the caller, and stdio from
/// `pipes` (or /dev/null when detached). The pipes stay ours: they are
/// close-on-exec.
fn own_session_and_stdio(pipes: Option<&Ends>) -> Result<(), init::Failure> {
    let fail = |what: &str, e: std::io::Error| init::Failure {
        code: EXIT_DEN,
        message: format!("{what}: {e}"),
    };
    rustix::process::setsid().map_err(|e| fail("setsid", e.into()))?;
    match pipes {
        Some((stdin, stdout, stderr)) => {
            if let Some(i) = &stdin {
                spawn::dup_onto(i, 0).map_err(|e| fail("redirecting stdin", e))?;
            }
            spawn::dup_onto(stdout, 1).map_err(|e| fail("redirecting stdout", e))?;
            spawn::dup_onto(stderr, 2).map_err(|e| fail("redirecting stderr", e))?;
        }
        None => {
            let null = rustix::fs::open(
                "/dev/null",
                rustix::fs::OFlags::RDWR | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| fail("opening /dev/null", e.into()))?;
            for target in 0..3 {
                spawn::dup_onto(&null, target).map_err(|e| fail("redirecting stdio", e))?;
            }
        }
    }
    Ok(())
}

/// Whether the container behind `init` maps a single id only.
pub fn single_id(init_pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{init_pid}/uid_map"))
        .map(|m| m.lines().count() <= 1)
        .unwrap_or(false)
}

/// Pidfds of a container's processes: its init's, and the others' only
/// when they are needed (finding them reads every /proc/PID/status on the
/// host: a millisecond or more on every `exec`).
pub struct Members {
    init: Option<OwnedFd>,
    init_pid: i32,
    /// The init's descendants' pidfds, given the init's pid.
    others: fn(i32) -> Vec<OwnedFd>,
    found: std::cell::OnceCell<Vec<OwnedFd>>,
}

impl Members {
    pub fn new(init: Option<OwnedFd>, init_pid: i32, others: fn(i32) -> Vec<OwnedFd>) -> Members {
        Members {
            init,
            init_pid,
            others,
            found: std::cell::OnceCell::new(),
        }
    }

    /// No process to join: the init is gone.
    pub fn is_empty(&self) -> bool {
        self.init.is_none()
    }

    /// The init's descendants (looked for once).
    fn others(&self) -> &[OwnedFd] {
        self.found.get_or_init(|| (self.others)(self.init_pid))
    }

    /// `join_members`, for a child that shares our memory: the
    /// descendants' pidfds it may open are its own, and never kept.
    fn join_uncached(&self, flags: libc::c_int) -> std::io::Result<()> {
        let first = join(self.init.as_slice(), flags);
        if first.is_ok() {
            return first;
        }
        match self.found.get() {
            Some(found) => join(found, flags),
            None => join(&(self.others)(self.init_pid), flags),
        }
        .or(first)
    }
}

/// Join the namespaces of the first of `fds` (pidfds) that lets us.
/// setns is all-or-nothing.
pub fn join(fds: &[OwnedFd], flags: libc::c_int) -> std::io::Result<()> {
    let mut last = std::io::Error::from_raw_os_error(libc::ESRCH);
    // From inside den's user namespace (`den unshare`), the process's
    // may be the one we are in: setns refuses to join that one. Asked
    // only when the user namespace is to be joined.
    let ours = if flags & libc::CLONE_NEWUSER != 0 {
        own_user_namespace()
    } else {
        None
    };
    for fd in fds {
        let flags = match ours {
            Some(ns) if user_namespace_of(fd) == Some(ns) => flags & !libc::CLONE_NEWUSER,
            _ => flags,
        };
        if flags == 0 {
            // Only the user namespace was asked for, and we are in it.
            return Ok(());
        }
        // SAFETY: setns on a pidfd we own; the caller is single-threaded.
        if unsafe { libc::setns(fd.as_raw_fd(), flags) } == 0 {
            return Ok(());
        }
        last = std::io::Error::last_os_error();
    }
    Err(last)
}

/// A user namespace, by its /proc file's device and inode.
type UserNs = (u64, u64);

/// This process's user namespace, when it is not the host's (the first
/// one the kernel made: inode 0xEFFFFFFD), where no container is.
fn own_user_namespace() -> Option<UserNs> {
    const INIT_USER_NS: u64 = 0xEFFF_FFFD;
    rustix::fs::stat("/proc/self/ns/user")
        .ok()
        .map(|s| (s.st_dev, s.st_ino))
        .filter(|&(_, ino)| ino != INIT_USER_NS)
}

/// The user namespace of the process behind the pidfd `fd`, when we may
/// see it (not a non-dumpable `den-init`'s).
fn user_namespace_of(fd: &OwnedFd) -> Option<UserNs> {
    let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{}", fd.as_raw_fd())).ok()?;
    let pid: i32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pid:"))?
        .trim()
        .parse()
        .ok()?;
    rustix::fs::stat(format!("/proc/{pid}/ns/user"))
        .ok()
        .map(|s| (s.st_dev, s.st_ino))
}

/// Join the namespaces of a container: its init's, else (a non-dumpable
/// `den-init` refuses) those of the first of its descendants that lets us.
pub fn join_members(members: &Members, flags: libc::c_int) -> std::io::Result<()> {
    let first = join(members.init.as_slice(), flags);
    if first.is_ok() {
        return first;
    }
    // The init's refusal says more than "no other process".
    join(members.others(), flags).or(first)
}

/// Start `spec` in the container whose processes are `members` (pidfds,
/// its init first); returns once the command has been executed (or with
/// its failure). Call while single-threaded; signals are blocked for the
/// caller's relay loop.
pub fn start(members: &Members, init_pid: i32, spec: &ExecSpec) -> Result<Started> {
    let single = single_id(init_pid);
    // --preserve-fds: ours at 3.., theirs at the same numbers.
    let preserved: Vec<std::os::fd::RawFd> =
        (3..3 + spec.preserve_fds.min(256) as std::os::fd::RawFd).collect();
    let mut flags =
        (libc::CLONE_NEWNS | libc::CLONE_NEWPID | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC)
            & !spec.host_ns;
    if spec.own_netns {
        flags |= libc::CLONE_NEWNET;
    }
    if spec.join_userns {
        flags |= libc::CLONE_NEWUSER;
    }
    // The command (our child) moves into the container's cgroup before it
    // execs, through a descriptor opened here, before we join the
    // container's mount namespace: nothing it starts is outside the
    // container's limits, and we (the relay) are not counted in them. It
    // joins the container's cgroup namespace after the move (kernels
    // before 5.16 check the move against the writer's own namespace).
    // From a cgroup outside the user's delegated subtree (another login
    // session) the kernel refuses the move: `den exec` then runs the
    // command outside them, with a warning; a healthcheck does not run.
    let cgroup_procs = match &spec.cgroup {
        Some(dir) => match crate::cgroups::procs_file(dir) {
            Ok(f) => Some(f),
            Err(e) if spec.must_join_cgroup => {
                return Err(e)
                    .with_context(|| format!("joining the container's cgroup {}", dir.display()))
            }
            Err(e) => {
                crate::warn!(
                    "the command runs outside the container's cgroup {} ({e}): run den from the session that started the container to keep it under the container's limits",
                    dir.display()
                );
                None
            }
        },
        None => None,
    };
    crate::util::log::phase("exec planned");
    spawn::block_signals()?;
    super::procattrs::apply_oom_score(&spec.process).map_err(anyhow::Error::msg)?;
    // Our /proc/PID/exe must stay out of the container's reach once we are
    // in its namespaces (CVE-2019-5736); the command's execve resets this.
    spawn::not_dumpable().context("prctl")?;
    // Moving onto den's sealed binary needs the capabilities of a user
    // namespace: it ends in the container's, once its namespaces are
    // joined (in one setns: the capability over each namespace's owner is
    // checked against the credentials we have before the call), before
    // anything of ours enters its pid namespace; what it reads from
    // /proc/self is read here, while /proc is the host's.
    let finish = super::sealed::prepare_ensure()?;
    if finish.is_some() {
        crate::util::log::phase("ready to move onto den's sealed binary");
    }
    join_members(members, flags).context("joining the container's namespaces")?;
    crate::util::log::phase("container's namespaces joined");
    if let Some(f) = finish {
        f.finish()?;
    }
    let (report_r, report_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let socks = match spec.tty {
        Some(_) => Some(spawn::socketpair()?),
        None => None,
    };
    let (theirs, ours) = match (spec.tty, spec.detach) {
        (None, false) => {
            let (t, o) = stdio_pipes(spec.interactive)?;
            (Some(t), Some(o))
        }
        _ => (None, None),
    };
    // The command, which may share our memory until it execs (see
    // `vfork`): it borrows what is ours and drops none of it. Its copies
    // of our descriptors are close-on-exec: its copy of the report pipe's
    // write end closes as the command starts, which is how we hear of it.
    let command = || {
        // Its copy of the read end: were we killed, a report would fail
        // (EPIPE) instead of waiting for a reader.
        spawn::close_inherited(&report_r);
        let report_w = report_w.as_fd();
        if let Some(mut procs) = cgroup_procs.as_ref() {
            use std::io::Write;
            let joined = procs
                .write_all(b"0")
                .and_then(|_| members.join_uncached(libc::CLONE_NEWCGROUP));
            match joined {
                Ok(()) => {}
                Err(e) if spec.must_join_cgroup => {
                    let failed = Err(init::Failure {
                        code: EXIT_DEN,
                        message: format!("joining the container's cgroup: {e}"),
                    });
                    return init::report_to(failed, report_w);
                }
                Err(e) => crate::warn!("the command runs outside the container's cgroup ({e}): run den from the session that started the container to keep it under the container's limits"),
            }
        }
        let target = Target {
            user: &spec.user,
            workdir: &spec.workdir,
            env: &spec.env,
            args: &spec.args,
            interactive: spec.interactive || spec.tty.is_some(),
            single_id: single,
            hostname: &spec.hostname,
            security: &spec.security,
            process: &spec.process,
            seccomp: spec.seccomp.as_deref(),
            sockets: &preserved,
            socket_names: None,
            listen: false,
            joined: true,
        };
        let prepared = match &socks {
            Some((_, pty)) => init::become_pty_session(pty, spec.tty),
            None => own_session_and_stdio(theirs.as_ref()),
        };
        init::report_to(prepared.and_then(|_| init::exec_as(&target)), report_w)
    };
    let pid = if super::vfork::safe() {
        super::vfork::spawn(command).context("starting the command")?
    } else {
        match spawn::fork().context("fork")? {
            Some(pid) => pid,
            None => spawn::exit_child(command()),
        }
    };
    drop(report_w);
    drop(theirs);
    drop(cgroup_procs);
    let mut report = String::new();
    let _ = std::fs::File::from(report_r).read_to_string(&mut report);
    crate::util::log::phase("command executed");
    if !report.is_empty() {
        let _ = nix::sys::wait::waitpid(pid, None);
        let (code, message) = report.split_once(' ').unwrap_or(("125", &report));
        return Err(Exit::with(code.parse().unwrap_or(EXIT_DEN), message).into());
    }
    let tty = match &socks {
        Some((ours, _)) => {
            Some(spawn::recv_fd(ours)?.context("the command did not hand over its pty")?)
        }
        None => None,
    };
    let (stdin, stdout, stderr) = match ours {
        Some((i, o, e)) => (i, Some(o), Some(e)),
        None => (None, None, None),
    };
    Ok(Started {
        pid,
        tty,
        stdin,
        stdout,
        stderr,
    })
}

/// Run `f` in a forked helper that has joined the user namespace of the
/// container whose processes are `members` (as its root, so it may signal any of
/// the container's processes); returns the helper's exit status. Call
/// while single-threaded and still in the host's user namespace.
pub fn in_userns_of(members: &Members, f: impl FnOnce() -> i32) -> Result<i32> {
    // SAFETY: single-threaded (precondition), so the child is a complete copy.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(std::io::Error::last_os_error()).context("fork");
    }
    if child == 0 {
        let code = if join_members(members, libc::CLONE_NEWUSER).is_ok() {
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
