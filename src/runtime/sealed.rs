//! den's own binary, out of a container's reach (CVE-2019-5736).
//!
//! A container's command can make the kernel run den's binary inside the
//! container (`den exec C /proc/self/exe`, `--entrypoint /proc/self/exe`,
//! a `#!/proc/self/exe` script): the den process that executes it is den.
//! When the binary belongs to the user (`cargo install` puts it in
//! `~/.cargo/bin`), container root could keep a descriptor of it and write
//! to it once it is no longer busy. So every den process that enters a
//! container's namespaces (the supervisor, whose clone becomes the
//! container's init, and `den exec`) runs from a copy no process can
//! write to: a read-only bind mount of the binary, made in a throwaway
//! user and mount namespace and kept alive by the descriptor only. Where
//! the kernel lacks the new mount API (before 5.12), a sealed memfd copy.
//!
//! Such a process gets there in one of three ways ([`Plan`]): it runs
//! from a sealed binary already (a packaged den, or one exec'd from the
//! bind), it moves onto the pause process's bind in place once in den's
//! user namespace (`reseal.rs`: no exec), or it execs the bind.
#![allow(unsafe_code)]

use std::ffi::{CString, OsString};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context, Result};
use rustix::fs::{Mode, OFlags, SealFlags, StatVfsMountFlags};

use super::spawn;

/// Whether this process runs from a binary no container process can write
/// to: one of root's that only root may write (a packaged den: root is
/// never mapped into a rootless user namespace), a read-only mount, or a
/// memfd sealed against writes.
pub fn is_sealed() -> bool {
    roots_binary() || unwritable_file()
}

/// Whether den's binary is on a read-only mount or a sealed memfd: what
/// any process running it can see, in any user namespace.
fn unwritable_file() -> bool {
    if rustix::fs::statvfs("/proc/self/exe")
        .is_ok_and(|v| v.f_flag.contains(StatVfsMountFlags::RDONLY))
    {
        return true;
    }
    rustix::fs::open(
        "/proc/self/exe",
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .and_then(rustix::fs::fcntl_get_seals)
    .is_ok_and(|s| s.contains(SealFlags::WRITE))
}

/// Whether den's binary is root's and only root may write it.
static ROOTS: OnceLock<bool> = OnceLock::new();

/// Whether den's binary is root's, as the host's user namespace sees it
/// (inside den's, the user's files show as root's and root's as nobody's):
/// learnt by the first ask from there, which every den process makes
/// before it joins den's, and kept for the process's life, its forks'
/// (a supervisor's healthchecks) included. Asked first inside: no.
fn roots_binary() -> bool {
    if let Some(known) = ROOTS.get() {
        return *known;
    }
    if super::userns::in_child_userns() {
        return false;
    }
    let roots = rustix::fs::stat("/proc/self/exe")
        .is_ok_and(|st| st.st_uid == 0 && st.st_mode & 0o022 == 0);
    *ROOTS.get_or_init(|| roots)
}

/// How a process that will enter a container, forked or as it is, comes
/// to run from a sealed binary.
pub enum Plan {
    /// It does already.
    Sealed,
    /// It moves onto this one (the pause process's read-only bind of the
    /// very file it runs): [`move_onto`] at once, [`ensure`] once in den's
    /// user namespace.
    Reseal(OwnedFd),
    /// It must exec a sealed binary.
    Exec,
}

/// The plan for this process (call while single-threaded).
pub fn plan() -> Plan {
    if is_sealed() {
        return Plan::Sealed;
    }
    if !spawn::single_threaded() || !super::reseal::supported() {
        return Plan::Exec;
    }
    match super::pause::sealed_binary() {
        Some(fd) => Plan::Reseal(fd),
        None => Plan::Exec,
    }
}

/// The sealed binary this process's mappings were moved onto, for
/// [`ensure`] to point `/proc/self/exe` at.
static MOVED_ONTO: Mutex<Option<OwnedFd>> = Mutex::new(None);

/// Move this process's mappings of den's binary onto `fd` (a
/// [`Plan::Reseal`]'s), in the host's user namespace still: the part that
/// may fail on an odd host, while the caller can still exec `fd` instead
/// (`reseal.rs`). [`ensure`] finishes the move.
pub fn move_onto(fd: OwnedFd) -> std::result::Result<(), (OwnedFd, anyhow::Error)> {
    match super::reseal::plan_moves(&fd).and_then(|m| m.apply()) {
        Ok(()) => {
            crate::util::log::phase("den's binary's mappings moved");
            if let Ok(mut k) = MOVED_ONTO.lock() {
                *k = Some(fd);
            }
            Ok(())
        }
        Err(e) => Err(cannot_move(fd, e)),
    }
}

/// A move refused: `fd` back, to be executed instead.
fn cannot_move(fd: OwnedFd, e: anyhow::Error) -> (OwnedFd, anyhow::Error) {
    crate::debug!("cannot move onto den's sealed binary in place ({e:#}): executing it");
    (fd, e)
}

/// Make sure this process runs from a sealed binary before anything of
/// it can enter a container: a process [`move_onto`] moved points
/// `/proc/self/exe` at it now (`reseal.rs`). Call while single-threaded,
/// in den's user namespace (or a container's), with its capabilities.
pub fn ensure() -> Result<()> {
    match prepare_ensure()? {
        Some(f) => f.finish(),
        None => Ok(()),
    }
}

/// [`ensure`] in two steps, for a process that joins a container's
/// namespaces (user namespace included) in one `setns` between them:
/// what needs this process's own /proc is done first, in the host's
/// namespaces. `None`: it runs from a sealed binary already.
pub fn prepare_ensure() -> Result<Option<Finish>> {
    let moved = MOVED_ONTO.lock().ok().and_then(|mut k| k.take());
    // Moved: not sealed yet, no need to ask.
    let Some(fd) = moved else {
        if is_sealed() {
            return Ok(None);
        }
        bail!("den runs from a binary containers could write to (start containers with den run or den start)");
    };
    let change = super::reseal::prepare_exe(&fd).context("moving onto den's sealed binary")?;
    let proc_self = rustix::fs::open(
        "/proc/self",
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening /proc/self")?;
    Ok(Some(Finish { change, proc_self }))
}

/// The second step of [`ensure`].
pub struct Finish {
    change: super::reseal::ExeChange,
    /// This process's /proc directory, opened while /proc was the host's.
    proc_self: OwnedFd,
}

impl Finish {
    /// Point `/proc/self/exe` at the sealed binary and check it is.
    pub fn finish(self) -> Result<()> {
        self.change
            .apply()
            .context("moving onto den's sealed binary")?;
        let exe = rustix::fs::openat(
            &self.proc_self,
            "exe",
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .context("opening /proc/self/exe")?;
        if !rustix::fs::fstatvfs(&exe).is_ok_and(|v| v.f_flag.contains(StatVfsMountFlags::RDONLY)) {
            bail!("den still runs from a binary containers could write to after moving onto its sealed copy");
        }
        crate::util::log::phase("moved onto den's sealed binary");
        Ok(())
    }
}

/// A descriptor of den's binary that no process can write through
/// (close-on-exec; execute it as `/proc/self/fd/N`). Close it as soon as
/// the process is started: while it is open, its detached mount belongs to
/// a mount namespace of its own, where `mount_setattr` could find it; once
/// closed the mount is in none, and stays read-only for the processes that
/// run from it.
pub fn sealed_exe() -> Result<OwnedFd> {
    // Root's binary as it is only from the host's user namespace: a den
    // executed from it inside den's would not know it is root's (its
    // owner shows as nobody there) and would refuse to enter a container.
    let as_it_is = if super::userns::in_child_userns() {
        unwritable_file()
    } else {
        is_sealed()
    };
    if as_it_is {
        return rustix::fs::open(
            "/proc/self/exe",
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .context("opening den's binary");
    }
    // The pause process keeps one, made at its start: a start then makes
    // none of its own (about 3 ms: a user and mount namespace to bind in).
    if let Some(fd) = super::pause::sealed_binary() {
        return Ok(fd);
    }
    match read_only_bind() {
        Ok(fd) => Ok(fd),
        Err(e) => {
            crate::debug!("no read-only bind of den's binary ({e:#}): using a sealed copy");
            sealed_copy()
        }
    }
}

/// The path to execute `fd` by.
pub fn exec_path(fd: &OwnedFd) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

/// Replace this process with den run from a sealed binary, with the same
/// arguments and environment, unless it already runs from one (for
/// commands that enter a container: `den exec`).
pub fn reexec_sealed() -> Result<()> {
    if is_sealed() {
        return Ok(());
    }
    reexec_through(&sealed_exe()?)
}

/// Replace this process with den run from `exe` (a sealed binary), with
/// the same arguments and environment.
pub fn reexec_through(exe: &OwnedFd) -> Result<()> {
    let to_c = |s: OsString| CString::new(s.as_bytes()).context("an argument holds a NUL byte");
    let argv: Vec<CString> = std::env::args_os().map(to_c).collect::<Result<_>>()?;
    let envp: Vec<CString> = std::env::vars_os()
        .map(|(k, v)| {
            let mut kv = k;
            kv.push("=");
            kv.push(v);
            to_c(kv)
        })
        .collect::<Result<_>>()?;
    let path = CString::new(exec_path(exe))?;
    let err = spawn::execve(&path, &argv, &envp);
    Err(err).context("re-executing den from its sealed binary")
}

/// A read-only bind mount of den's binary, detached (in no namespace, alive
/// while the descriptor is), made by a child in a user and mount namespace
/// of its own: an unprivileged user may bind there.
pub(super) fn read_only_bind() -> Result<OwnedFd> {
    let exe = std::fs::read_link("/proc/self/exe").context("reading /proc/self/exe")?;
    if exe.as_os_str().as_bytes().ends_with(b" (deleted)") {
        bail!("den's binary was removed while it ran");
    }
    let want = rustix::fs::stat("/proc/self/exe").context("stat of den's binary")?;
    // Everything the child needs is made here: it may not allocate (the
    // caller may have threads, one of which could hold the allocator's lock).
    let path = CString::new(exe.as_os_str().as_bytes())?;
    let uid_map = format!("0 {} 1", rustix::process::geteuid().as_raw());
    let gid_map = format!("0 {} 1", rustix::process::getegid().as_raw());
    let (ours, theirs) = spawn::socketpair()?;
    let Some(child) = spawn::fork().context("fork")? else {
        drop(ours);
        let ok = bind_in_child(
            &path,
            &uid_map,
            &gid_map,
            (want.st_dev, want.st_ino),
            &theirs,
        );
        // SAFETY: leave the forked child without running the parent's code.
        unsafe { libc::_exit(if ok.is_ok() { 0 } else { 1 }) };
    };
    drop(theirs);
    let fd = spawn::recv_fd(&ours);
    let _ = nix::sys::wait::waitpid(child, None);
    fd.context("receiving the bound binary")?
        .context("the read-only bind of den's binary failed")
}

fn bind_in_child(
    path: &CString,
    uid_map: &str,
    gid_map: &str,
    want: (u64, u64),
    sock: &OwnedFd,
) -> rustix::io::Result<()> {
    use rustix::thread::UnshareFlags;
    super::userns::unshare(UnshareFlags::NEWUSER | UnshareFlags::NEWNS)?;
    for (file, line) in [
        (c"/proc/self/setgroups", "deny"),
        (c"/proc/self/uid_map", uid_map),
        (c"/proc/self/gid_map", gid_map),
    ] {
        let f = rustix::fs::open(file, OFlags::WRONLY | OFlags::CLOEXEC, Mode::empty())?;
        rustix::io::write(&f, line.as_bytes())?;
    }
    let tree = rustix::mount::open_tree(
        rustix::fs::CWD,
        path.as_c_str(),
        rustix::mount::OpenTreeFlags::OPEN_TREE_CLONE
            | rustix::mount::OpenTreeFlags::OPEN_TREE_CLOEXEC,
    )?;
    super::mountfd::set_attrs(&tree, super::mountfd::ATTR_RDONLY, 0, false)?;
    // The path might name another file by now: insist on the running binary.
    let st = rustix::fs::fstat(&tree)?;
    if (st.st_dev, st.st_ino) != want {
        return Err(rustix::io::Errno::STALE);
    }
    spawn::send_fd(sock, &tree).map_err(|_| rustix::io::Errno::PIPE)
}

/// A copy of den's binary in a memfd sealed against any change.
fn sealed_copy() -> Result<OwnedFd> {
    use rustix::fs::MemfdFlags;
    let src = rustix::fs::open(
        "/proc/self/exe",
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening den's binary")?;
    let len = rustix::fs::fstat(&src)
        .context("stat of den's binary")?
        .st_size as usize;
    let copy = rustix::fs::memfd_create("den", MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING)
        .context("memfd_create")?;
    let mut done = 0;
    while done < len {
        match rustix::fs::sendfile(copy.as_fd(), src.as_fd(), None, len - done) {
            Ok(0) => bail!("den's binary shrank while it was copied"),
            Ok(n) => done += n,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e).context("copying den's binary"),
        }
    }
    rustix::fs::fcntl_add_seals(
        &copy,
        SealFlags::SHRINK | SealFlags::GROW | SealFlags::WRITE | SealFlags::SEAL,
    )
    .context("sealing the copy of den's binary")?;
    Ok(copy)
}
