//! The pause process: den's user namespace made once per user (per
//! runtime directory) and held open by a process that only sleeps, as
//! podman's rootless pause process does. Every den process that needs the
//! namespace (a supervisor at each start, `rm`, `pull`, ...) joins it with
//! one `setns` instead of running the two setuid helpers, newuidmap and
//! newgidmap, which cost 2 to 3.5 ms on every start.
//!
//! State is a file: `pause.json` in den's runtime directory (private to
//! the user, 0700) names the process by pid and start time. A joiner
//! checks that the process is that one, alive, and that its maps are the
//! ones /etc/subuid and /etc/subgid give now; otherwise (killed, or the
//! ranges changed) a new pause process is made under `pause.lock` and the
//! record replaced. Containers already running keep the namespace they
//! were started in: a namespace lives as long as any process in it.
//! `den system migrate` and `den system reset` end the pause process.
#![allow(unsafe_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};

use super::idmap::{IdMaps, IdRange};
use crate::util::fs::{write_json_with, Durability};
use crate::util::lock::Lock;
use crate::util::proc::ProcRef;

const RECORD: &str = "pause.json";
const LOCK: &str = "pause.lock";
/// The argument the pause process is started with (`den __pause`).
pub const ARG: &str = "__pause";
/// The environment variable naming the den that started it.
const STARTER_ENV: &str = "_DEN_PAUSE_STARTER";
/// The descriptor of its read-only bind of den's binary (`sealed.rs`).
const SEALED_FD: i32 = 3;
/// Its name (comm), in ps and for pkill.
const NAME: &std::ffi::CStr = c"den-pause";

static DIR: OnceLock<PathBuf> = OnceLock::new();

/// Where this process keeps the pause process's record: den's runtime
/// directory, once the command's paths are known. Without it, each
/// process makes a user namespace of its own.
pub fn set_dir(runtime: &Path) {
    let _ = DIR.set(runtime.to_path_buf());
}

/// The recorded pause process, if it is alive and a pause process
/// (whatever its maps): a record naming anything else is never acted on.
pub fn recorded(runtime: &Path) -> Option<ProcRef> {
    let p = read_record(rustix::fs::CWD, runtime.join(RECORD))?;
    let comm = std::fs::read_to_string(format!("/proc/{}/comm", p.pid)).ok()?;
    (p.alive() && comm.trim_end().as_bytes() == NAME.to_bytes()).then_some(p)
}

/// Join the pause process's user namespace, making the process first if
/// there is none with `maps` (`write_maps` maps a new one's namespace,
/// from outside). `Ok(false)` when no runtime directory is known.
/// Call while single-threaded, in the host's user namespace.
pub fn enter(maps: &IdMaps, write_maps: impl FnOnce(i32) -> Result<()>) -> Result<bool> {
    let Some(dir) = DIR.get() else {
        return Ok(false);
    };
    if join(dir, maps) {
        return Ok(true);
    }
    // Private as every den directory (0700).
    crate::util::fs::private_dir(dir)?;
    let _lock = Lock::exclusive(&dir.join(LOCK))?;
    // Another den may have made one while we waited for the lock.
    if join(dir, maps) {
        return Ok(true);
    }
    // One with other maps (the ranges changed) ends by itself once the
    // record names the new one; its containers keep its namespace.
    let pause = start(dir, write_maps)?;
    // Unrecorded, it would wait for us to end (the directory removed
    // meanwhile, say): ended now.
    if let Err(e) = write_json_with(&dir.join(RECORD), &pause, Durability::Unsynced) {
        let _ = pause.signal(libc::SIGKILL);
        return Err(e);
    }
    if !join(dir, maps) {
        let _ = pause.signal(libc::SIGKILL);
        let _ = std::fs::remove_file(dir.join(RECORD));
        bail!(
            "cannot join the user namespace of den's pause process {}",
            pause.pid
        );
    }
    crate::debug!("started the pause process {}", pause.pid);
    Ok(true)
}

/// The pause process's read-only bind of den's binary, opened through
/// its /proc descriptor, when it is of the binary this process runs (not
/// after an upgrade) and on a read-only mount: a start then needs no bind
/// of its own.
pub fn sealed_binary() -> Option<std::os::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags, StatVfsMountFlags};
    let p = recorded(DIR.get()?)?;
    let fd = rustix::fs::open(
        format!("/proc/{}/fd/{SEALED_FD}", p.pid),
        OFlags::PATH | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()?;
    // Opened first, checked second: still that pause process.
    if !p.alive() {
        return None;
    }
    let held = rustix::fs::fstat(&fd).ok()?;
    let ours = rustix::fs::stat("/proc/self/exe").ok()?;
    let read_only =
        rustix::fs::fstatvfs(&fd).is_ok_and(|v| v.f_flag.contains(StatVfsMountFlags::RDONLY));
    ((held.st_dev, held.st_ino) == (ours.st_dev, ours.st_ino) && read_only).then_some(fd)
}

/// End the recorded pause process and remove its record (`system
/// migrate`, `system reset`). Whether there was one.
pub fn stop(runtime: &Path) -> Result<bool> {
    if !runtime.exists() {
        return Ok(false);
    }
    let _lock = Lock::exclusive(&runtime.join(LOCK))?;
    let found = match recorded(runtime) {
        Some(p) => {
            p.signal(libc::SIGKILL)
                .with_context(|| format!("ending den's pause process {}", p.pid))?;
            p.wait_gone(Some(std::time::Duration::from_secs(5)));
            true
        }
        None => false,
    };
    match std::fs::remove_file(runtime.join(RECORD)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", runtime.join(RECORD).display()))
        }
        _ => Ok(found),
    }
}

/// The process the record `name` beneath `dir` names (a directory's
/// descriptor; or `CWD` and an absolute path), if it reads as a record.
fn read_record(dir: impl std::os::fd::AsFd, name: impl rustix::path::Arg) -> Option<ProcRef> {
    let fd = rustix::fs::openat(
        dir,
        name,
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .ok()?;
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::from(fd), &mut data).ok()?;
    serde_json::from_slice(&data).ok()
}

/// setns into the recorded process's user namespace, if it is alive and
/// its maps are `maps`.
fn join(dir: &Path, maps: &IdMaps) -> bool {
    let Some(p) = read_record(rustix::fs::CWD, dir.join(RECORD)) else {
        return false;
    };
    // Opened first, checked second: the pidfd is of this very process.
    let Some(fd) = p.pidfd() else {
        return false;
    };
    if !same_maps(p.pid, "uid_map", &maps.uid) || !same_maps(p.pid, "gid_map", &maps.gid) {
        return false;
    }
    // setns refuses a namespace we hold no capabilities in: another
    // user's, whatever a record says.
    super::exec::join(&[fd], libc::CLONE_NEWUSER).is_ok()
}

/// Whether /proc/PID/FILE (as this process sees it) is `want`.
fn same_maps(pid: i32, file: &str, want: &[IdRange]) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/{file}")).is_ok_and(|t| parse_map(&t) == want)
}

/// An id map as /proc/PID/uid_map shows it: `inside outside count` lines.
fn parse_map(text: &str) -> Vec<IdRange> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace().map(|w| w.parse::<u32>());
            Some(IdRange {
                inside: f.next()?.ok()?,
                outside: f.next()?.ok()?,
                count: f.next()?.ok()?,
            })
        })
        .collect()
}

/// Start a pause process (den's binary, `den __pause`, with `dir` as its
/// stdin, detached from us: its own session, reparented away), wait until
/// it has unshared its user namespace, and map that.
fn start(dir: &Path, write_maps: impl FnOnce(i32) -> Result<()>) -> Result<ProcRef> {
    use std::os::unix::process::CommandExt;
    // The directory is its stdin: no path in its arguments, and none to
    // go stale.
    let dir_fd = rustix::fs::open(
        dir,
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening {}", dir.display()))?;
    let mut child = Command::new("/proc/self/exe")
        .arg0("den")
        .arg(ARG)
        .env_clear()
        .env(STARTER_ENV, std::process::id().to_string())
        .stdin(Stdio::from(dir_fd))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting den's pause process")?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let _ = child.wait();
    let pid = match line.trim().parse::<i32>() {
        Ok(pid) if pid > 0 => pid,
        _ => bail!(
            "den's pause process could not make a user namespace: {} (check that unprivileged user namespaces are enabled: sysctl user.max_user_namespaces)",
            line.trim().trim_start_matches("error: ")
        ),
    };
    let Some(pause) = ProcRef::of(pid) else {
        bail!("den's pause process {pid} ended at once");
    };
    if let Err(e) = write_maps(pid) {
        let _ = pause.signal(libc::SIGKILL);
        return Err(e);
    }
    Ok(pause)
}

/// The pause process itself (`den __pause`; stdin is den's runtime
/// directory, stdout a pipe to the den that started it). It keeps no
/// descriptor of its parent's, makes a read-only bind of den's binary for
/// starts to run from (where the binary is the user's own), leaves its
/// session, forks so that it is nobody's child, unshares a user
/// namespace, watches the directory, reports its pid on stdout, and
/// sleeps. It ends when killed, and by itself once its record no longer
/// names it: the record removed (`rm -rf` of the runtime directory, a
/// logout that clears it) or replaced, or never written (its starter
/// ended first, or a minute passed).
pub fn serve() -> i32 {
    use rustix::fs::inotify;
    use std::os::fd::AsRawFd;
    // Nothing blocked or ignored that its starter had (a supervisor
    // blocks the signals it reads through a signalfd).
    super::spawn::reset_signals();
    super::spawn::close_from(3);
    // Kept at SEALED_FD, made from the host's namespaces (before ours):
    // the binary this runs from when that is sealed already (a start's
    // supervisor runs from a read-only bind), else a read-only bind of it.
    let held = if super::sealed::is_sealed() {
        rustix::fs::open(
            "/proc/self/exe",
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .map_err(anyhow::Error::from)
    } else {
        super::sealed::read_only_bind()
    };
    match held {
        Ok(fd) if fd.as_raw_fd() == SEALED_FD => std::mem::forget(fd),
        Ok(fd) => {
            let _ = super::spawn::dup_onto(&fd, SEALED_FD);
        }
        // Each start then makes its own.
        Err(_) => {}
    }
    // The den that started it (after SEALED_FD is taken), until the record names it.
    let starter = std::env::var(STARTER_ENV)
        .ok()
        .and_then(|p| p.parse::<i32>().ok())
        .and_then(rustix::process::Pid::from_raw)
        .and_then(|p| rustix::process::pidfd_open(p, rustix::process::PidfdFlags::empty()).ok());
    let _ = rustix::process::setsid();
    let _ = std::env::set_current_dir("/");
    match super::spawn::fork() {
        Err(e) => {
            println!("error: fork: {e}");
            return 1;
        }
        Ok(Some(_)) => return 0,
        Ok(None) => {}
    }
    let fail = |what: &str, e: rustix::io::Errno| -> ! {
        println!("error: {what}: {e}");
        super::spawn::exit_child(1)
    };
    if let Err(e) = super::userns::unshare(rustix::thread::UnshareFlags::NEWUSER) {
        fail("unshare", e);
    }
    // Watched before the pid is told: the record is written after.
    let watch = inotify::init(inotify::CreateFlags::CLOEXEC).unwrap_or_else(|e| fail("inotify", e));
    let changes = inotify::WatchFlags::CREATE
        | inotify::WatchFlags::DELETE
        | inotify::WatchFlags::MOVED_FROM
        | inotify::WatchFlags::MOVED_TO
        | inotify::WatchFlags::CLOSE_WRITE
        | inotify::WatchFlags::DELETE_SELF
        | inotify::WatchFlags::MOVE_SELF;
    if let Err(e) = inotify::add_watch(&watch, "/proc/self/fd/0", changes) {
        fail("watching the runtime directory", e);
    }
    // `den-pause` in ps and for pkill, not the `exe` of /proc/self/exe.
    let _ = rustix::thread::set_name(NAME);
    let me = std::process::id() as i32;
    println!("{me}");
    // Nothing of the starter's is kept: stdout and stderr go to /dev/null.
    let _ = super::spawn::null_onto(&[1, 2]);
    for sig in [libc::SIGHUP, libc::SIGINT, libc::SIGPIPE] {
        // SAFETY: setting a signal's disposition to SIG_IGN.
        unsafe { libc::signal(sig, libc::SIG_IGN) };
    }
    let names_me = || read_record(std::io::stdin(), RECORD).is_some_and(|p| p.pid == me);
    // A directory removed before the watch was added sends nothing: its
    // record can never be written, nor removed. (Its starter, told the
    // pid, fails to write the record and ends it too.)
    let removed = || rustix::fs::fstat(std::io::stdin()).is_ok_and(|st| st.st_nlink == 0);
    if removed() {
        super::spawn::exit_child(0);
    }
    let mut armed = names_me();
    let mut buf = [0u8; 4096];
    loop {
        if !armed {
            // Until the record names it, it lives only while its starter
            // does (one killed before writing the record leaves nothing
            // behind), and a minute at most.
            use rustix::event::{poll, PollFd, PollFlags, Timespec};
            let minute = Timespec {
                tv_sec: 60,
                tv_nsec: 0,
            };
            let mut fds = vec![PollFd::new(&watch, PollFlags::IN)];
            if let Some(fd) = &starter {
                fds.push(PollFd::new(fd, PollFlags::IN));
            }
            match poll(&mut fds, Some(&minute)) {
                Ok(0) => super::spawn::exit_child(0),
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(_) => super::spawn::exit_child(1),
            }
            let events = fds[0].revents().contains(PollFlags::IN);
            let starter_gone = fds.get(1).is_some_and(|f| !f.revents().is_empty());
            if !events {
                // Its starter gone, the pidfd stays readable: recorded
                // now, or never (no polling it again and again).
                if starter_gone {
                    match names_me() {
                        true => armed = true,
                        false => super::spawn::exit_child(0),
                    }
                }
                continue;
            }
        }
        match rustix::io::read(&watch, &mut buf) {
            // A container's attach socket made or removed beside the
            // record, twice a start: nothing to read the record for.
            Ok(n) if !concerns_record(&buf[..n]) => continue,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(_) => super::spawn::exit_child(1),
        }
        if removed() {
            super::spawn::exit_child(0);
        }
        match (armed, names_me()) {
            (false, true) => armed = true,
            (true, false) => super::spawn::exit_child(0),
            _ => {}
        }
    }
}

/// Whether the inotify events in `buf` may concern the record: an event
/// of its name, of the directory itself, a lost event, or anything that
/// does not parse.
fn concerns_record(buf: &[u8]) -> bool {
    use rustix::fs::inotify::ReadFlags;
    let about_dir = ReadFlags::DELETE_SELF
        | ReadFlags::MOVE_SELF
        | ReadFlags::IGNORED
        | ReadFlags::QUEUE_OVERFLOW;
    let mut rest = buf;
    while !rest.is_empty() {
        // struct inotify_event: wd, mask, cookie, len, then len bytes of name.
        let word = |i: usize| {
            rest.get(i..i + 4)
                .and_then(|b| b.try_into().ok())
                .map(u32::from_ne_bytes)
        };
        let (Some(mask), Some(len)) = (word(4), word(12)) else {
            return true;
        };
        let Some(name) = rest.get(16..16 + len as usize) else {
            return true;
        };
        let name = name.split(|b| *b == 0).next().unwrap_or_default();
        if ReadFlags::from_bits_retain(mask).intersects(about_dir) || name == RECORD.as_bytes() {
            return true;
        }
        rest = &rest[16 + len as usize..];
    }
    buf.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(mask: u32, name: &str) -> Vec<u8> {
        let mut padded = name.as_bytes().to_vec();
        padded.resize(name.len().div_ceil(16).max(1) * 16, 0);
        let mut e = Vec::new();
        for w in [1u32, mask, 0, padded.len() as u32] {
            e.extend(w.to_ne_bytes());
        }
        e.extend(padded);
        e
    }

    /// Only events that may change the record's answer wake the check:
    /// the record's own name, the directory's end, a lost event, a
    /// short read; a container's socket made and removed beside it not.
    #[test]
    fn only_the_records_events_are_read_for() {
        use rustix::fs::inotify::ReadFlags;
        let create = ReadFlags::CREATE.bits();
        let sock = event(create, "0123456789ab.attach");
        assert!(!concerns_record(&sock));
        assert!(!concerns_record(
            &[sock.clone(), event(ReadFlags::DELETE.bits(), "x")].concat()
        ));
        for moved in [
            ReadFlags::MOVED_TO,
            ReadFlags::DELETE,
            ReadFlags::CLOSE_WRITE,
        ] {
            let both = [sock.clone(), event(moved.bits(), RECORD)].concat();
            assert!(concerns_record(&both), "{moved:?}");
        }
        for own in [
            ReadFlags::DELETE_SELF,
            ReadFlags::MOVE_SELF,
            ReadFlags::IGNORED,
            ReadFlags::QUEUE_OVERFLOW,
        ] {
            assert!(concerns_record(&event(own.bits(), "")), "{own:?}");
        }
        assert!(concerns_record(&sock[..20]), "a short read");
        assert!(concerns_record(&[]), "nothing read");
        assert!(!concerns_record(&event(create, "pause.json.tmp")));
    }

    #[test]
    fn maps_read_as_the_kernel_shows_them() {
        let text = "         0       1001          1\n         1     100000      65536\n";
        let r = |inside, outside, count| IdRange {
            inside,
            outside,
            count,
        };
        assert_eq!(parse_map(text), [r(0, 1001, 1), r(1, 100000, 65536)]);
        // The host's own namespace, and an unmapped one, are not den's.
        assert_eq!(parse_map("0 0 4294967295\n"), [r(0, 0, u32::MAX)]);
        assert_eq!(parse_map(""), []);
        assert_ne!(
            parse_map("0 1001 1\n"),
            [r(0, 1001, 1), r(1, 100000, 65536)]
        );
    }
}
