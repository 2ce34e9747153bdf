//! A child that shares our memory until it execs, as vfork(2) and
//! posix_spawn make one, for `den exec`'s command: fork(2) copies den's
//! page tables (a 20 MB binary, its heap) and then both processes take a
//! copy-on-write fault for every page either writes, about 0.2 ms of an
//! `exec` that takes 3.
#![allow(unsafe_code)]

use nix::unistd::Pid;

/// The child's stack: `init::exec_as` needs a few kilobytes (the user
/// lookup, formatting an error); only the pages it touches are ever made.
const STACK: usize = 256 << 10;

/// Whether a child may share our memory: not where the kernel makes a
/// process whose ids change dumpable by its owner (`fs.suid_dumpable` 1).
/// The child's setresuid would then make our shared memory dumpable,
/// and a container process of the command's uid could ptrace the child
/// before it execs, and through it write into den. With 0 (the default)
/// or 2 (root only) it stays out of reach. Unreadable: not shared.
pub fn safe() -> bool {
    let mut b = [0u8; 4];
    std::fs::File::open("/proc/sys/fs/suid_dumpable")
        .and_then(|mut f| std::io::Read::read(&mut f, &mut b))
        .is_ok_and(|n| safe_with(&b[..n]))
}

/// [`safe`], given the sysctl's text.
fn safe_with(suid_dumpable: &[u8]) -> bool {
    matches!(suid_dumpable, b"0\n" | b"2\n")
}

/// Run `child` in a new process (`CLONE_VM | CLONE_VFORK`, on a stack of
/// its own) and return its pid once it has exec'd or exited: until then we
/// are suspended, and it runs in our memory.
///
/// So `child` must end in execve, or return the status to `_exit` with;
/// it must not free or change what we own: it borrows our descriptors
/// (its descriptor table is a copy: closing a number there is harmless,
/// dropping our `OwnedFd`s is not), and what it allocates we leak. What it changes of itself must be its own:
/// credentials by raw system calls (rustix's `set_thread_*`; glibc's
/// set*id would signal the threads it believes are its own: ours),
/// signal masks and handlers, the working directory, the umask (copies:
/// no CLONE_FS, CLONE_SIGHAND or CLONE_FILES). Not the mm's own flags:
/// those are ours until it execs, and the kernel sets its dumpable flag
/// to `fs.suid_dumpable` when the child's ids change (ask [`safe`]
/// first). Anything it writes to a pipe must fit the pipe without a
/// reader: we are suspended. The caller must be single-threaded, with no
/// lock of the allocator's or std's held.
pub fn spawn<F: FnOnce() -> i32>(child: F) -> std::io::Result<Pid> {
    clone_with(0, STACK, child)
}

/// The container's init (`spawn::clone_container`): as [`spawn`], in the
/// new namespaces `ns_flags` (CLONE_NEWNS and the others; never a user
/// namespace, whose maps we would have to write while it waits; its
/// cgroup it joins itself, `init::run`), on a stack of `INIT_STACK`.
/// Not copying the supervisor's page tables for the init, nor tearing
/// them down at its exec, takes 0.2 to 0.4 ms off a start.
/// We are made undumpable first (the child's ids and namespaces change
/// while it runs in our memory: no process may ptrace it meanwhile, as
/// its own `not_dumpable` would make it only once running), and as we
/// were again once it has gone. `child` only borrows what it is given
/// (the caller drops what it owns, our descriptors included, after the
/// call); the rest as [`spawn`].
pub fn clone_container<F: FnOnce() -> i32>(
    ns_flags: libc::c_int,
    child: F,
) -> std::io::Result<Pid> {
    use rustix::process::DumpableBehavior;
    let was = rustix::process::dumpable_behavior()?;
    super::spawn::not_dumpable()?;
    let pid = clone_with(ns_flags, INIT_STACK, child);
    // Root-only (2) cannot be set again: left undumpable, stricter.
    if was == DumpableBehavior::Dumpable {
        if let Err(e) = super::spawn::dumpable() {
            crate::debug!("the supervisor stays undumpable: {e}");
        }
    }
    let pid = pid?;
    // Dead of a fault or an abort before its exec (a bug of ours), it
    // may have left our memory mid-change (std's panic count, the
    // allocator's state, which are ours): not run on from it.
    use nix::sys::signal::Signal;
    use nix::sys::wait::{waitid, Id, WaitPidFlag, WaitStatus};
    let peek = WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT;
    if let Ok(WaitStatus::Signaled(_, sig, _)) = waitid(Id::Pid(pid), peek) {
        if matches!(
            sig,
            Signal::SIGABRT
                | Signal::SIGSEGV
                | Signal::SIGBUS
                | Signal::SIGILL
                | Signal::SIGFPE
                | Signal::SIGSYS
                | Signal::SIGTRAP
        ) {
            let _ = nix::sys::wait::waitpid(pid, None);
            return Err(std::io::Error::other(format!(
                "the container's init died of {sig} in the supervisor's memory"
            )));
        }
    }
    Ok(pid)
}

/// The init's stack: mounts, the user lookup, the seccomp filter's load
/// and their errors' words (only the pages it touches are made).
const INIT_STACK: usize = 1 << 20;

fn clone_with<F: FnOnce() -> i32>(
    flags: libc::c_int,
    stack_size: usize,
    child: F,
) -> std::io::Result<Pid> {
    extern "C" fn start<F: FnOnce() -> i32>(arg: *mut libc::c_void) -> libc::c_int {
        // SAFETY: `arg` is the `Option<F>` in `clone_with`'s frame, which
        // stays alive and untouched while we run (our parent is suspended
        // until we exec or exit).
        let slot = unsafe { &mut *(arg as *mut Option<F>) };
        let code = slot.take().map_or(crate::error::EXIT_DEN, |f| f());
        // SAFETY: _exit ends this process only, running none of the
        // parent's clean-up.
        unsafe { libc::_exit(code) }
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let stack = super::childstack::ChildStack::new(stack_size)?;
    let mut slot = Some(child);
    // SAFETY: `start::<F>` runs on the top of the new stack with `slot`,
    // which outlives the call: CLONE_VFORK returns only after the child
    // has exec'd or exited, so it never runs on the stack once it is
    // unmapped (dropped) below. The caller is single-threaded.
    let pid = unsafe {
        libc::clone(
            start::<F>,
            stack.top(),
            flags | libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            &mut slot as *mut Option<F> as *mut libc::c_void,
        )
    };
    if pid < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(Pid::from_raw(pid))
}

/// How [`program`] starts a helper program.
pub struct Program<'a> {
    /// The program's path and its arguments (the first is its name).
    pub path: &'a std::ffi::CStr,
    pub argv: &'a [std::ffi::CString],
    /// Its stdin and stdout (/dev/null) and stderr (its log).
    pub null: std::os::fd::BorrowedFd<'a>,
    pub stderr: std::os::fd::BorrowedFd<'a>,
}

/// Start `p`, a helper of the supervisor's, as `Command::spawn` would with
/// a process group of its own, SIGKILL when we die, no signal blocked and
/// SIGPIPE's default action (a program that finds it ignored may refuse
/// to start: pasta does), inheriting our environment and the descriptors
/// that are not close-on-exec, but sharing our memory until it execs
/// rather than copying our page tables (about 0.5 ms of a start with the
/// default network). An exec that fails comes back as the error.
/// Single-threaded callers only.
pub fn program(p: &Program) -> std::io::Result<Pid> {
    use std::os::fd::AsRawFd;
    let mut argv: Vec<*const libc::c_char> = p.argv.iter().map(|a| a.as_ptr()).collect();
    argv.push(std::ptr::null());
    let parent = rustix::process::getpid();
    // Above 0 to 2 (where a caller with its own stdio closed may have
    // them), so that each dup2 below makes a new descriptor, never one
    // that stays close-on-exec or is overwritten by the next.
    let null_above = rustix::io::fcntl_dupfd_cloexec(p.null, 3)?;
    let stderr_above = rustix::io::fcntl_dupfd_cloexec(p.stderr, 3)?;
    let (null, stderr) = (null_above.as_raw_fd(), stderr_above.as_raw_fd());
    // Written by the child, in our memory, where it fails: read once it
    // has gone (we are suspended until it execs or exits).
    let failed = std::sync::atomic::AtomicI32::new(0);
    let pid = spawn(|| {
        let errno = || {
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO)
                .max(1)
        };
        // SAFETY: raw system calls through glibc's thin wrappers (as its
        // own posix_spawn makes in such a child), on our own copies: the
        // signal mask and actions and the descriptor table are this
        // process's; the argument list and environment are read only.
        let why = unsafe {
            let mut none: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut none);
            if libc::setpgid(0, 0) != 0 || libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                errno()
            } else if libc::getppid() != parent.as_raw_nonzero().get() {
                // We died before the prctl: nobody would stop it.
                libc::ESRCH
            } else if libc::signal(libc::SIGPIPE, libc::SIG_DFL) == libc::SIG_ERR
                || libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut()) != 0
                || libc::dup2(null, 0) < 0
                || libc::dup2(null, 1) < 0
                || libc::dup2(stderr, 2) < 0
            {
                errno()
            } else {
                libc::execv(p.path.as_ptr(), argv.as_ptr());
                errno()
            }
        };
        failed.store(why, std::sync::atomic::Ordering::SeqCst);
        127
    })?;
    match failed.load(std::sync::atomic::Ordering::SeqCst) {
        0 => Ok(pid),
        errno => {
            let _ = nix::sys::wait::waitpid(pid, None);
            Err(std::io::Error::from_raw_os_error(errno))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use nix::sys::wait::{waitpid, WaitStatus};

    // The children here allocate nothing: other tests' threads run
    // beside them, and one may hold the allocator's lock.

    #[test]
    fn the_child_runs_in_our_memory_and_we_resume_when_it_has_gone() {
        let seen = AtomicU32::new(0);
        let pid = super::spawn(|| {
            seen.store(7, Ordering::SeqCst);
            3
        })
        .expect("spawn");
        assert_eq!(seen.load(Ordering::SeqCst), 7, "its write is ours");
        assert_eq!(
            waitpid(pid, None).expect("wait"),
            WaitStatus::Exited(pid, 3)
        );
    }

    #[test]
    fn an_init_runs_undumpable_in_our_memory_and_we_are_as_we_were_after() {
        use rustix::process::{dumpable_behavior, DumpableBehavior};
        let before = dumpable_behavior().expect("prctl");
        let seen = AtomicU32::new(u32::MAX);
        let pid = super::clone_container(0, || {
            // Our memory's flag, seen from the child: no other process may
            // ptrace it (and through it write into ours) while it runs.
            let undumpable = dumpable_behavior() == Ok(DumpableBehavior::NotDumpable);
            seen.store(u32::from(undumpable), Ordering::SeqCst);
            0
        })
        .expect("clone");
        assert_eq!(seen.load(Ordering::SeqCst), 1, "undumpable while it runs");
        assert_eq!(dumpable_behavior().expect("prctl"), before);
        assert_eq!(
            waitpid(pid, None).expect("wait"),
            WaitStatus::Exited(pid, 0)
        );
    }

    #[test]
    fn memory_is_shared_only_where_a_changed_id_leaves_it_undumpable() {
        assert!(super::safe_with(b"0\n") && super::safe_with(b"2\n"));
        assert!(!super::safe_with(b"1\n") && !super::safe_with(b"") && !super::safe_with(b"9\n"));
    }

    #[test]
    fn a_program_starts_in_a_group_of_its_own_with_its_log_as_stderr() {
        use std::os::fd::AsFd;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = std::fs::File::create(dir.path().join("log")).expect("log");
        let null = std::fs::File::open("/dev/null").expect("null");
        let argv = [
            c"sh".to_owned(),
            c"-c".to_owned(),
            c"echo $$ $(ps -o pgid= -p $$) >&2; trap - PIPE; exit 4".to_owned(),
        ];
        let pid = super::program(&super::Program {
            path: c"/bin/sh",
            argv: &argv,
            null: null.as_fd(),
            stderr: log.as_fd(),
        })
        .expect("spawn");
        assert_eq!(
            waitpid(pid, None).expect("wait"),
            WaitStatus::Exited(pid, 4)
        );
        let text = std::fs::read_to_string(dir.path().join("log")).expect("read");
        let ids: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(ids, [pid.to_string(), pid.to_string()], "its own group");
        let missing = super::program(&super::Program {
            path: c"/nonexistent/program",
            argv: &argv,
            null: null.as_fd(),
            stderr: log.as_fd(),
        });
        assert!(missing.is_err(), "an exec that fails is the error");
    }

    #[test]
    fn we_resume_when_it_has_exec_d() {
        let sh = c"/bin/sh";
        let args = [
            sh.as_ptr(),
            c"-c".as_ptr(),
            c"exit 5".as_ptr(),
            std::ptr::null(),
        ];
        let pid = super::spawn(|| {
            // SAFETY: a NUL-terminated program path and argument list,
            // built before the spawn and alive in our (shared) memory.
            unsafe { libc::execv(sh.as_ptr(), args.as_ptr()) };
            127
        })
        .expect("spawn");
        assert_eq!(
            waitpid(pid, None).expect("wait"),
            WaitStatus::Exited(pid, 5)
        );
    }
}
