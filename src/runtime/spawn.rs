//! Creating the container process with clone(2) and relaying signals to a
//! child until it exits.
#![allow(unsafe_code)]

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{Context, Result};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

/// Signals den relays to the process it waits for.
pub const FORWARDED: &[Signal] = &[
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGWINCH,
];

/// The namespaces a container gets.
pub struct Namespaces<'a> {
    pub net: bool,
    /// Which of CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWUTS are new (the
    /// others are the caller's: the host's, or another container's it
    /// joined).
    pub ipc_pid_uts: libc::c_int,
    /// A user namespace of its own, with these maps (in den's ids).
    pub user: Option<&'a super::usermaps::UserMaps>,
    /// The cgroup to start in (a directory's descriptor): the child is
    /// born there (clone3's CLONE_INTO_CGROUP), so nothing it runs is
    /// ever outside its limits.
    pub cgroup: Option<&'a OwnedFd>,
}

/// clone3's arguments (linux/sched.h, version 2: with `cgroup`).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

/// CLONE_INTO_CGROUP (linux/sched.h; Linux 5.7).
const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

/// Fork a child into a new mount namespace, and new pid, uts and ipc
/// (as `ns` says), net and user namespaces; it runs `child` and never returns from it. With a user
/// namespace the child waits until we have written its id maps. Must be
/// called from a single-threaded process. `shares`: `child` needs nothing
/// of ours until it execs (no wait for us, no exit without an exec but on
/// failure), only borrows what it is given, and joins its cgroup itself
/// (`ns` has no user namespace nor cgroup then; the caller asked
/// `vfork::safe`): it runs in our memory until it execs
/// (`vfork::clone_container`).
pub fn clone_container(ns: &Namespaces, shares: bool, child: impl FnOnce() -> i32) -> Result<Pid> {
    let mut flags = libc::CLONE_NEWNS
        | (ns.ipc_pid_uts & (libc::CLONE_NEWPID | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC));
    if ns.net {
        flags |= libc::CLONE_NEWNET;
    }
    if shares {
        debug_assert!(ns.user.is_none() && ns.cgroup.is_none());
        crate::debug!("the init runs in the supervisor's memory until its exec");
        return super::vfork::clone_container(flags, child)
            .context("creating the container's namespaces (clone)");
    }
    let sync = match ns.user {
        Some(_) => {
            flags |= libc::CLONE_NEWUSER;
            Some(rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?)
        }
        None => None,
    };
    let pid = match ns.cgroup {
        Some(cgroup) => {
            let args = CloneArgs {
                flags: flags as u64 | CLONE_INTO_CGROUP,
                exit_signal: libc::SIGCHLD as u64,
                cgroup: cgroup.as_raw_fd() as u64,
                ..Default::default()
            };
            // SAFETY: clone3 without CLONE_VM and with no stack behaves
            // like fork(); `args` is a valid clone_args of the size given,
            // alive for the call; the caller is single-threaded, so the
            // child owns a full copy.
            unsafe {
                libc::syscall(
                    libc::SYS_clone3,
                    &args as *const CloneArgs,
                    std::mem::size_of::<CloneArgs>(),
                )
            }
        }
        // SAFETY: clone without CLONE_VM and with a null stack behaves like
        // fork(); the caller is single-threaded, so the child owns a full copy.
        None => unsafe {
            libc::syscall(
                libc::SYS_clone,
                (flags | libc::SIGCHLD) as libc::c_ulong,
                0usize,
                0usize,
                0usize,
                0usize,
            )
        },
    };
    if pid < 0 {
        return Err(std::io::Error::last_os_error())
            .context("creating the container's namespaces (clone)");
    }
    if pid == 0 {
        if let Some((r, w)) = sync {
            drop(w);
            let mut b = [0u8; 1];
            // Our ids are still den's root, which the new maps need not
            // contain: become the new namespace's root.
            let root_gid = rustix::process::Gid::ROOT;
            let root_uid = rustix::process::Uid::ROOT;
            let ready = matches!(rustix::io::read(&r, &mut b), Ok(1) if b[0] == b'y')
                && rustix::thread::set_thread_res_gid(root_gid, root_gid, root_gid).is_ok()
                && rustix::thread::set_thread_res_uid(root_uid, root_uid, root_uid).is_ok();
            if !ready {
                // SAFETY: leave the child without unwinding into the parent's code.
                unsafe { libc::_exit(crate::error::EXIT_DEN) };
            }
        }
        let code = child();
        // SAFETY: leave the child without unwinding into the parent's code.
        unsafe { libc::_exit(code) };
    }
    let pid = Pid::from_raw(pid as i32);
    if let (Some(maps), Some((r, w))) = (ns.user, sync) {
        drop(r);
        let line = |m: &[super::idmap::IdRange]| -> String {
            m.iter()
                .map(|x| format!("{} {} {}\n", x.inside, x.outside, x.count))
                .collect()
        };
        let written = std::fs::write(format!("/proc/{pid}/uid_map"), line(&maps.uid))
            .context("writing the container's uid map")
            .and_then(|_| {
                std::fs::write(format!("/proc/{pid}/gid_map"), line(&maps.gid))
                    .context("writing the container's gid map")
            });
        if let Err(e) = written {
            kill_and_reap(pid);
            return Err(e);
        }
        rustix::io::write(&w, b"y").context("starting the container")?;
    }
    Ok(pid)
}

/// Give the memory the allocator holds free back to the kernel (a
/// long-lived process after its set-up: the supervisor).
pub fn trim_heap() {
    // SAFETY: malloc_trim only releases free memory of glibc's allocator;
    // it touches no memory the program uses.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Kill a child that must not go on (it waits for us) and reap it.
pub fn kill_and_reap(child: Pid) {
    let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
    let _ = nix::sys::wait::waitpid(child, None);
}

/// The relayed signals and SIGCHLD.
pub fn relayed_set() -> SigSet {
    let mut set = SigSet::empty();
    for s in FORWARDED {
        set.add(*s);
    }
    set.add(Signal::SIGCHLD);
    set
}

/// den-init's signals (PID 1 with `--init`): every one it can catch but
/// those a fault raises, real-time ones included, as catatonit's. The
/// kernel drops a signal with no handler sent to a namespace's init, so
/// any it did not pass on was lost (`kill -s TTIN`, a `--stop-signal`
/// outside den's relayed set).
fn init_set() -> SigSet {
    let mut set = SigSet::all();
    for s in [
        Signal::SIGKILL,
        Signal::SIGSTOP,
        Signal::SIGSEGV,
        Signal::SIGBUS,
        Signal::SIGILL,
        Signal::SIGFPE,
        Signal::SIGTRAP,
        Signal::SIGSYS,
    ] {
        set.remove(s);
    }
    set
}

/// Block [`init_set`] before den-init forks its command (which resets
/// its mask before its exec).
pub fn block_for_init() -> Result<()> {
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&init_set()), None)
        .context("blocking signals")?;
    Ok(())
}

/// den-init's wait: pass every signal of [`init_set`] but SIGCHLD on to
/// `child` until it exits; its status.
pub fn init_wait(child: Pid) -> Result<i32> {
    let sfd = SignalFd::with_flags(&init_set(), SfdFlags::SFD_CLOEXEC).context("signalfd")?;
    loop {
        if let Some(code) = reap(child)? {
            return Ok(code);
        }
        match sfd.read_signal() {
            Ok(Some(info)) if info.ssi_signo as i32 != libc::SIGCHLD => {
                // SAFETY: kill(2) with a pid and a signal number only sends
                // a signal (a real-time one has no nix `Signal`).
                unsafe { libc::kill(child.as_raw(), info.ssi_signo as libc::c_int) };
            }
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e).context("reading signals"),
        }
    }
}

/// Block the relayed signals (and SIGCHLD) in this process, so they can be
/// read from a signalfd.
pub fn block_signals() -> Result<()> {
    block_signals_saving().map(drop)
}

/// As [`block_signals`], giving back the mask there was before, for
/// [`restore_signals`].
pub fn block_signals_saving() -> Result<SigSet> {
    let mut old = SigSet::empty();
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&relayed_set()), Some(&mut old))
        .context("blocking signals")?;
    Ok(old)
}

/// Put back the mask [`block_signals_saving`] gave.
pub fn restore_signals(old: &SigSet) {
    let _ = nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(old), None);
}

/// fork(2): `None` in the child, the child's pid in the parent. Call only
/// from a single-threaded process.
pub fn fork() -> std::io::Result<Option<Pid>> {
    // Nothing buffered is written twice (the child's own output goes out
    // at exit_child).
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: den forks only while single-threaded, so the child is a
    // complete copy that may allocate and run normal code.
    match unsafe { libc::fork() } {
        -1 => Err(std::io::Error::last_os_error()),
        0 => Ok(None),
        pid => Ok(Some(Pid::from_raw(pid))),
    }
}

/// In a forked child: close our copy of a descriptor the parent keeps (its
/// `OwnedFd` lives on in the parent; this process never uses it again).
pub fn close_inherited(fd: &impl std::os::fd::AsRawFd) {
    // SAFETY: after fork the child has its own descriptor table; the
    // number stays owned by the parent's OwnedFd in the parent's table,
    // and the child drops none of the parent's handles for it (it leaves
    // with exit_child, running no destructors).
    unsafe { libc::close(fd.as_raw_fd()) };
}

/// Fork a helper that runs `work` with only `keep` of our descriptors
/// (and stdio), dies with us (SIGKILL when we go), and exits when `work`
/// returns. Its pid.
pub fn fork_helper(keep: i32, work: impl FnOnce()) -> std::io::Result<Pid> {
    let parent = rustix::process::getpid();
    match fork()? {
        Some(pid) => Ok(pid),
        None => {
            // SAFETY: prctl(PR_SET_PDEATHSIG) only sets this process's
            // parent-death signal.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
            }
            close_all_except(&[keep]);
            if rustix::process::getppid() != Some(parent) {
                exit_child(0);
            }
            work();
            exit_child(0)
        }
    }
}

/// End a forked child that runs no exec, without the parent's clean-up.
pub fn exit_child(code: i32) -> ! {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: _exit ends the process at once; nothing of the parent's state
    // is touched after the fork.
    unsafe { libc::_exit(code) }
}

/// Give a process about to exec a clean signal state: nothing blocked,
/// every signal at its default action (den ignores SIGPIPE, and a container
/// must not inherit that).
pub fn reset_signals() {
    for sig in Signal::iterator() {
        if sig == Signal::SIGKILL || sig == Signal::SIGSTOP {
            continue;
        }
        // SAFETY: installing SIG_DFL replaces no handler that Rust code relies
        // on in this process, which is about to exec.
        let _ = unsafe { nix::sys::signal::signal(sig, nix::sys::signal::SigHandler::SigDfl) };
    }
    let _ =
        nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
}

/// How a waited-for process ended, as a shell would report it.
pub fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// Reap every exited child without blocking; `child`'s status once it has
/// exited (other children, such as orphans, are reaped and ignored).
pub fn reap(child: Pid) -> Result<Option<i32>> {
    Ok(reap_all()?
        .into_iter()
        .find_map(|(pid, code)| (pid == child).then_some(code)))
}

/// Reap every child that has ended (without waiting): their pids and
/// exit statuses (128+N for a signal).
pub fn reap_all() -> Result<Vec<(Pid, i32)>> {
    let mut out = Vec::new();
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(nix::errno::Errno::ECHILD) => return Ok(out),
            Ok(status) => {
                if let (Some(pid), Some(code)) = (status.pid(), exit_code(status)) {
                    out.push((pid, code));
                }
            }
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e).context("waitpid"),
        }
    }
}

/// A connected pair of unix stream sockets (close-on-exec), for handing a
/// pty master from a container process to den.
pub fn socketpair() -> Result<(OwnedFd, OwnedFd)> {
    rustix::net::socketpair(
        rustix::net::AddressFamily::UNIX,
        rustix::net::SocketType::STREAM,
        rustix::net::SocketFlags::CLOEXEC,
        None,
    )
    .context("socketpair")
}

/// Wait for `child` while `relay` hears the blocked signals (and relays
/// them, usually to the child itself); a status from `relay` ends the
/// wait with it. Other children are reaped and ignored. Call
/// [`block_signals`] before creating the child.
pub fn wait_relaying(child: Pid, relay: impl FnMut(Signal) -> Option<i32>) -> Result<i32> {
    wait_relaying_told(child, None, relay)
}

/// [`wait_relaying`] that also ends when the pipe `told` brings the
/// child's status (four bytes, big-endian) before the child has exited;
/// at the pipe's end without them, the child's exit decides.
pub fn wait_relaying_told(
    child: Pid,
    told: Option<&OwnedFd>,
    mut relay: impl FnMut(Signal) -> Option<i32>,
) -> Result<i32> {
    use rustix::event::{PollFd, PollFlags};
    let sfd = SignalFd::with_flags(&relayed_set(), SfdFlags::SFD_CLOEXEC).context("signalfd")?;
    let mut told = told;
    loop {
        // Reap first: the child may have exited before the signalfd existed.
        if let Some(code) = reap(child)? {
            return Ok(code);
        }
        if let Some(pipe) = told {
            let mut fds = [
                PollFd::new(&sfd, PollFlags::IN),
                PollFd::new(pipe, PollFlags::IN),
            ];
            match rustix::event::poll(&mut fds, None) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e).context("waiting for the supervisor"),
            }
            if !fds[1].revents().is_empty() {
                // Written at once (under PIPE_BUF): all four bytes or none.
                let mut status = [0u8; 4];
                match rustix::io::read(pipe, &mut status) {
                    Ok(4) => return Ok(i32::from_be_bytes(status)),
                    Err(rustix::io::Errno::INTR) => {}
                    _ => told = None,
                }
            }
            if fds[0].revents().is_empty() {
                continue;
            }
        }
        match sfd.read_signal() {
            Ok(Some(info)) => {
                if let Ok(sig) = Signal::try_from(info.ssi_signo as i32) {
                    if sig != Signal::SIGCHLD {
                        if let Some(code) = relay(sig) {
                            return Ok(code);
                        }
                    }
                }
            }
            Ok(None) => {}
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e).context("reading signals"),
        }
    }
}

/// Mark every fd from 3 up close-on-exec, so none leaks into the container.
pub fn cloexec_from(first: u32) {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets flags on fds.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC as libc::c_uint,
        );
    }
}

/// Close every fd from `first` up (a process that will not exec and must
/// not keep its parent's descriptors).
pub fn close_from(first: u32) {
    close_range(first, u32::MAX);
}

/// Close the descriptors `first..=last` (none if `last < first`).
fn close_range(first: u32, last: u32) {
    if last < first {
        return;
    }
    // SAFETY: close_range only closes descriptors; the caller owns none of
    // them any more (OwnedFds above `first` are not used after this).
    unsafe {
        libc::syscall(libc::SYS_close_range, first, last, 0 as libc::c_uint);
    }
}

/// Send `fd` over the unix socket `sock` (SCM_RIGHTS).
pub fn send_fd(sock: &OwnedFd, fd: &OwnedFd) -> std::io::Result<()> {
    use rustix::net::{SendAncillaryBuffer, SendAncillaryMessage, SendFlags};
    let fds = [fd.as_fd()];
    let mut space = [std::mem::MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    control.push(SendAncillaryMessage::ScmRights(&fds));
    rustix::net::sendmsg(
        sock,
        &[std::io::IoSlice::new(b"t")],
        &mut control,
        SendFlags::empty(),
    )?;
    Ok(())
}

/// Receive one fd sent with [`send_fd`]; `None` if the peer closed without sending.
pub fn recv_fd(sock: &OwnedFd) -> std::io::Result<Option<OwnedFd>> {
    use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags};
    let mut space = [std::mem::MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let mut byte = [0u8; 1];
    rustix::net::recvmsg(
        sock,
        &mut [std::io::IoSliceMut::new(&mut byte)],
        &mut control,
        RecvFlags::CMSG_CLOEXEC,
    )?;
    for msg in control.drain() {
        if let RecvAncillaryMessage::ScmRights(mut fds) = msg {
            if let Some(fd) = fds.next() {
                return Ok(Some(fd));
            }
        }
    }
    Ok(None)
}

/// Make `fd` the process's file descriptor `target` (dup2).
pub fn dup_onto(fd: impl AsFd, target: i32) -> std::io::Result<()> {
    // SAFETY: dup2 onto a standard fd number; `fd` stays owned by the caller.
    let r = unsafe { libc::dup2(fd.as_fd().as_raw_fd(), target) };
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Signal number `sig` as rustix's `Signal`, real-time ones (34 to 64:
/// `kill -s 64`, `RTMIN+3`) included, which rustix names only unsafely.
pub fn signal_from_raw(sig: i32) -> Option<rustix::process::Signal> {
    if let Some(s) = rustix::process::Signal::from_named_raw(sig) {
        return Some(s);
    }
    // glibc keeps 32 and 33 for itself; SIGRTMIN is 34 for everyone else.
    let rt = libc::SIGRTMIN()..=libc::SIGRTMAX();
    // SAFETY: `sig` is a real-time signal of this libc, which
    // `from_raw_unchecked` requires (neither one libc reserves nor 0).
    rt.contains(&sig)
        .then(|| unsafe { rustix::process::Signal::from_raw_unchecked(sig) })
}

/// In a forked child that finishes on its own, after its caller: nothing
/// of the caller's kept (its descriptors hold locks and pipes, its output
/// may be the user's terminal or a `$(...)` that reads to its end), out
/// of the caller's session (a terminal's signals are not for it), every
/// signal at its default action. Ends the child if /dev/null cannot be
/// opened.
pub fn leave_caller() {
    leave_caller_keeping(None);
}

/// [`leave_caller`], keeping the descriptor `keep` (a lock the child
/// holds for its life) open.
pub fn leave_caller_keeping(keep: Option<std::os::fd::BorrowedFd>) {
    match keep.map(|k| k.as_raw_fd()) {
        Some(k) if k >= 3 => {
            close_range(3, k as u32 - 1);
            close_from(k as u32 + 1);
        }
        _ => close_from(3),
    }
    if null_onto(&[0, 1, 2]).is_err() {
        exit_child(1);
    }
    reset_signals();
    let _ = rustix::process::setsid();
}

/// Point the standard descriptors `targets` at /dev/null (a process that
/// outlives its caller must not hold the caller's terminal or pipes).
pub fn null_onto(targets: &[i32]) -> std::io::Result<()> {
    let null: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?
        .into();
    for &t in targets {
        dup_onto(&null, t)?;
    }
    Ok(())
}

/// Replace the process image; returns only on failure.
pub fn execve(
    path: &std::ffi::CStr,
    argv: &[std::ffi::CString],
    envp: &[std::ffi::CString],
) -> std::io::Error {
    let mut a: Vec<*const libc::c_char> = argv.iter().map(|s| s.as_ptr()).collect();
    a.push(std::ptr::null());
    let mut e: Vec<*const libc::c_char> = envp.iter().map(|s| s.as_ptr()).collect();
    e.push(std::ptr::null());
    // SAFETY: argv and envp are null-terminated arrays of valid C strings
    // that outlive the call.
    unsafe { libc::execve(path.as_ptr(), a.as_ptr(), e.as_ptr()) };
    std::io::Error::last_os_error()
}

/// Take ownership of a descriptor our parent left open for us (a number
/// above 2 that it named in the environment), making it close-on-exec.
pub fn adopt_inherited_fd(fd: i32) -> Option<OwnedFd> {
    if fd <= 2
        || rustix::io::fcntl_getfd(
            // SAFETY: only used to check that the number is an open descriptor.
            unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) },
        )
        .is_err()
    {
        return None;
    }
    // SAFETY: the fd is open (checked above) and was created by our parent
    // for this process alone; nothing else in den refers to it.
    let owned = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    let _ = rustix::io::fcntl_setfd(&owned, rustix::io::FdFlags::CLOEXEC);
    Some(owned)
}

/// Start the program `cmd` runs with no signal blocked. The supervisor
/// blocks the signals its loop reads from a signalfd (SIGCHLD among
/// them), and a spawned program keeps that mask: pasta, which forks
/// children for its namespace work, never heard them end and kept them as
/// zombies for the container's life.
pub fn unblocked_signals(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec and makes
    // one async-signal-safe system call (sigprocmask).
    unsafe {
        cmd.pre_exec(|| {
            nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None)
                .map_err(std::io::Error::from)
        });
    }
}

/// Make the process `cmd` starts die (SIGKILL) when this one does: a
/// helper that must not outlive the container it serves, whoever kills us.
pub fn dies_with_us(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let parent = rustix::process::getpid();
    // SAFETY: the closure runs in the forked child before exec and makes
    // only async-signal-safe system calls (prctl, getppid, _exit).
    unsafe {
        cmd.pre_exec(move || {
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
            // We may have died before the prctl: then nobody would kill it.
            if rustix::process::getppid() != Some(parent) {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

/// Make this process non-dumpable: /proc/PID/exe, mem, fd and the like
/// become inaccessible to other processes of the same user (for den code
/// that runs inside a container's namespaces). execve of the container's
/// command makes it dumpable again.
pub fn not_dumpable() -> std::io::Result<()> {
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}

/// Undo [`not_dumpable`] (a pod's infra init, once it holds no
/// capabilities, so that members may join its namespaces).
pub fn dumpable() -> std::io::Result<()> {
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::Dumpable)?;
    Ok(())
}

/// Ask the kernel to kill this process when its parent dies, and make sure
/// the parent (a pidfd of it, opened before the fork: getppid() says 0 in a
/// new pid namespace) did not die already.
pub fn die_with_parent(parent: &OwnedFd) -> std::io::Result<()> {
    rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
    let mut fds = [rustix::event::PollFd::new(
        parent,
        rustix::event::PollFlags::IN,
    )];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    if rustix::event::poll(&mut fds, Some(&zero))? > 0 {
        return Err(std::io::Error::other("the supervisor exited"));
    }
    Ok(())
}

/// Stop signals (INT, TERM, HUP) delivered to this process, whatever
/// thread runs, while the returned guard lives: they are blocked here (and
/// in every thread started after) and a watcher thread calls `on_signal`
/// with each. Children started with std's Command get a clear mask again.
/// The guard's drop (in the thread that called this) ends the watcher and
/// gives this thread its mask back: what the process does next (`compose
/// up` following its containers, with a signalfd of its own) gets the
/// signals, and forks a process of one thread again.
pub fn watch_stop_signals(on_signal: impl Fn(Signal) + Send + 'static) -> Result<StopSignals> {
    let mut set = SigSet::empty();
    for s in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
        set.add(s);
    }
    let mut old = SigSet::empty();
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&set), Some(&mut old))
        .context("blocking signals")?;
    let restore = |e: anyhow::Error| {
        let _ = nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
        e
    };
    let sfd = SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC)
        .context("signalfd")
        .map_err(restore)?;
    let done = rustix::event::eventfd(0, rustix::event::EventfdFlags::CLOEXEC)
        .context("eventfd")
        .map_err(restore)?;
    let ended = done.try_clone().context("eventfd").map_err(restore)?;
    let thread = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || loop {
            use rustix::event::{PollFd, PollFlags};
            let mut fds = [
                PollFd::new(&sfd, PollFlags::IN),
                PollFd::new(&ended, PollFlags::IN),
            ];
            if rustix::event::poll(&mut fds, None).is_err() {
                continue;
            }
            if !fds[1].revents().is_empty() {
                return;
            }
            if let Ok(Some(info)) = sfd.read_signal() {
                if let Ok(sig) = Signal::try_from(info.ssi_signo as i32) {
                    on_signal(sig);
                }
            }
        })
        .context("starting the signal watcher")
        .map_err(restore)?;
    Ok(StopSignals {
        done,
        thread: Some(thread),
        old,
    })
}

/// Stop signals watched until this is dropped (see [`watch_stop_signals`]).
pub struct StopSignals {
    done: OwnedFd,
    thread: Option<std::thread::JoinHandle<()>>,
    old: SigSet,
}

impl Drop for StopSignals {
    fn drop(&mut self) {
        let _ = rustix::io::write(&self.done, &1u64.to_ne_bytes());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        // A signal that came after the watcher ended is still pending: it
        // goes where it would have gone without us.
        let _ = nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&self.old), None);
    }
}

/// Whether this process runs one thread only (fork then copies all of it).
pub fn single_threaded() -> bool {
    std::fs::read_dir("/proc/self/task").is_ok_and(|d| d.take(2).count() == 1)
}

/// In a forked child that will not exec: close every descriptor but the
/// standard ones and `keep` (this copy never uses the others; the parent
/// keeps its own).
pub fn close_all_except(keep: &[i32]) {
    let mut keep: Vec<u32> = keep.iter().filter(|&&f| f > 2).map(|&f| f as u32).collect();
    keep.sort_unstable();
    let mut from = 3u32;
    for k in keep.into_iter().chain([u32::MAX]) {
        if k > from {
            // SAFETY: close_range only closes descriptors; the forked
            // child owns none of these (it ends with exit_child, running
            // no destructor of the parent's handles).
            unsafe {
                libc::syscall(libc::SYS_close_range, from, k - 1, 0 as libc::c_uint);
            }
        }
        from = k.saturating_add(1);
    }
}
