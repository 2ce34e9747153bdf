//! A spare network namespace for the default network: pasta takes about
//! 28 ms to start (it touches some 30 MB of buffers), most of a start with
//! the default network. After a start with it, the supervisor leaves one
//! namespace ready, pasta attached, for the next such start to claim
//! instead of starting its own.
//!
//! ```text
//! $XDG_RUNTIME_DIR/den/spare-net/
//!   spare.lock     serializes making, claiming and discarding
//!   spare.json     the ready spare: its holder, keeper and pasta (pid and
//!                  start time), its user namespace, pasta's arguments
//!   claimed-PID.json  a claimed spare's record, until its holder (PID)
//!                  has gone
//!   pasta-PID-START.pid, pasta-PID-START.log  the pid file and log of
//!                  the pasta that holder PID (started at START) starts,
//!                  until it records that pasta
//! ```
//!
//! The holder (`den-spare-net` in ps) is a process of the user's, forked
//! from a supervisor: it starts a keeper (a child in the new network
//! namespace, killed when the holder dies), runs pasta into it, records
//! it, and waits. A claim (under the lock) opens the keeper's namespace
//! and renames the record to `claimed-PID.json` (the holder's pid); the
//! holder sees that and goes, leaving pasta to the container that claimed
//! it. After a minute
//! unclaimed, or when the record is removed (`system reset`, `system
//! migrate`, the runtime directory deleted), the holder stops pasta and
//! goes. A claim takes only a spare made with the same pasta arguments in
//! the same user namespace and cgroup: one made before the host's
//! addresses changed is not used. A holder that was killed leaves a record naming dead
//! processes, or, killed before it wrote one, its pasta's pid file; its
//! pasta is stopped by the next claim or make. A claimed pasta is named by
//! no file here: it is the container's, stopped with it.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::helper::{self, Helper};
use super::keeper::Keeper;
use crate::container::process::ProcRef;
use crate::runtime::{network as rtnet, spawn, userns};
use crate::util::{fs as ufs, lock::Lock};

const RECORD: &str = "spare.json";
const LOCK: &str = "spare.lock";
/// How long a spare waits for a claim.
const IDLE: rustix::event::Timespec = rustix::event::Timespec {
    tv_sec: 60,
    tv_nsec: 0,
};
/// The holder's name (comm) in ps.
const NAME: &std::ffi::CStr = c"den-spare-net";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Record {
    holder: ProcRef,
    keeper: ProcRef,
    pasta: ProcRef,
    /// The inode of the user namespace that owns the network namespace.
    userns: u64,
    /// pasta's arguments, but its pid file and namespace.
    args: Vec<String>,
    /// What pasta copied from the host when it started (`host_state`).
    host: Vec<String>,
    /// The maker's cgroup (`/proc/self/cgroup`): pasta lives there.
    cgroup: String,
}

/// A claimed spare: the namespace to join, and its pasta.
pub struct Claimed {
    pub netns: OwnedFd,
    pub helper: Helper,
}

fn dir(runtime: &Path) -> PathBuf {
    runtime.join("spare-net")
}

/// Where a claim moves the record of the spare that `holder` made.
fn claimed_name(holder: &ProcRef) -> String {
    format!("claimed-{}.json", holder.pid)
}

/// The inode of what `path` names (a namespace, through its /proc link).
fn inode(path: &str) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
}

/// The inode of this process's user namespace.
fn own_userns() -> Option<u64> {
    inode("/proc/self/ns/user")
}

/// What pasta copies from the host as it starts, which its arguments may
/// not show (with `--map-guest-addr` they name no address): the IPv4
/// address and gateway, the IPv6 default routes and global addresses, and
/// the resolver configuration. A spare made before any of them changed is
/// not used.
fn host_state() -> Vec<String> {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let mut state = vec![format!("{:?}", super::etc::host_net())];
    state.extend(
        read("/proc/net/ipv6_route")
            .lines()
            .filter(|l| l.starts_with("00000000000000000000000000000000 00"))
            .map(String::from),
    );
    state.extend(
        read("/proc/net/if_inet6")
            .lines()
            .filter(|l| l.split_whitespace().nth(3) == Some("00"))
            .map(String::from),
    );
    state.push(read("/etc/resolv.conf"));
    state
}

fn own_cgroup() -> String {
    std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default()
}

/// Stop what a record names (its pasta above all) and remove it; a pasta
/// whose holder died before recording it too.
fn stop(d: &Path, r: &Record) {
    for p in [&r.holder, &r.keeper, &r.pasta] {
        let _ = p.signal(libc::SIGKILL);
    }
    let _ = std::fs::remove_file(d.join(RECORD));
    stop_unrecorded(d);
}

/// The pid file and log of the pasta that `holder` starts: named by its
/// pid and start time, as no other holder's, before or after, is (a
/// claimed pasta keeps its pid file's path in its arguments for its
/// container's life, and a holder whose pasta fails stops what names it).
fn pasta_files(d: &Path, holder: &ProcRef) -> (PathBuf, PathBuf) {
    let stem = format!("pasta-{}-{}", holder.pid, holder.start);
    (d.join(format!("{stem}.pid")), d.join(format!("{stem}.log")))
}

/// Stop the pastas of holders killed before they recorded them, and
/// remove their files. Under the lock: a holder keeps it from starting its
/// pasta until it has recorded it, so every pid file found is such a one.
fn stop_unrecorded(d: &Path) {
    for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str().filter(|n| n.starts_with("pasta-")) else {
            continue;
        };
        if name.ends_with(".pid") {
            super::holder::stop_stale_pasta(&e.path());
        }
        // Its log too.
        let _ = std::fs::remove_file(e.path());
    }
}

/// Claim the ready spare made with pasta arguments `args` in this
/// process's user namespace. `None` when there is none (or it does not
/// fit, or is broken: then it is stopped); the caller starts its own.
/// A spare still being made is not waited for: a pasta of the start's
/// own has routed its namespace (`routes.rs`) in about 8 ms, less than
/// what is left of a spare's whole start when runs come back to back.
pub fn claim(runtime: &Path, args: &[String]) -> Option<Claimed> {
    let d = dir(runtime);
    read(&d, RECORD)?;
    // Busy (another start claiming it, or a spare being made): the start
    // does not wait.
    let _lock = Lock::try_exclusive(&d.join(LOCK)).ok()?;
    let record = read(&d, RECORD)?;
    if Some(record.userns) != own_userns() || record.cgroup != own_cgroup() {
        // Not ours to take (a container with a user namespace of its
        // own; a supervisor in a systemd unit's cgroup), nor to stop.
        return None;
    }
    if !(record.holder.alive() && record.keeper.alive() && record.pasta.alive()) {
        stop(&d, &record);
        return None;
    }
    if record.args != args || record.host != host_state() {
        // Made for other settings, or before the host's network changed:
        // a start with the current ones makes the next spare.
        stop(&d, &record);
        return None;
    }
    // Opened while the keeper lives; checked to be the keeper after, and
    // never this process's own (the host's) namespace.
    let netns = std::fs::File::open(format!("/proc/{}/ns/net", record.keeper.pid)).ok()?;
    let ours = inode("/proc/self/ns/net");
    let theirs = netns
        .metadata()
        .ok()
        .map(|m| std::os::unix::fs::MetadataExt::ino(&m));
    if !record.keeper.alive() || !record.pasta.alive() || theirs.is_none() || theirs == ours {
        stop(&d, &record);
        return None;
    }
    std::fs::rename(d.join(RECORD), d.join(claimed_name(&record.holder))).ok()?;
    Some(Claimed {
        netns: netns.into(),
        helper: Helper::adopted(record.pasta),
    })
}

/// Stop the spare, if any (`system reset` and `migrate`).
pub fn discard(runtime: &Path) {
    let d = dir(runtime);
    let Ok(_lock) = Lock::exclusive(&d.join(LOCK)) else {
        return;
    };
    match read(&d, RECORD) {
        Some(r) => stop(&d, &r),
        None => stop_unrecorded(&d),
    }
}

/// Leave a spare for the next start with pasta arguments `args`, unless
/// one is ready: a holder forked in the background (twice, so that it is
/// nobody's child), which outlives the caller. Call single-threaded, in
/// the pause process's user namespace and the host's network namespace.
pub fn replenish(runtime: &Path, args: Vec<String>) {
    let d = dir(runtime);
    // Not from a systemd unit's supervisor: the spare would live in the
    // unit's cgroup, and its stop would wait for pasta.
    if std::env::var_os("INVOCATION_ID").is_some() {
        return;
    }
    if read(&d, RECORD).is_some_and(|r| r.holder.alive() && r.args == args) {
        return;
    }
    // Only in the pause process's user namespace, which the next start
    // joins too (a process that made its own would make spares no start
    // could claim).
    let pause = crate::runtime::pause::recorded(runtime)
        .and_then(|p| inode(&format!("/proc/{}/ns/user", p.pid)));
    let Some(userns) = own_userns().filter(|u| Some(*u) == pause) else {
        return;
    };
    match spawn::fork() {
        Ok(Some(first)) => {
            let _ = nix::sys::wait::waitpid(first, None);
        }
        // No spare this time.
        Err(_) => {}
        Ok(None) => {
            spawn::leave_caller();
            match spawn::fork() {
                Ok(None) => {}
                Ok(Some(_)) => spawn::exit_child(0),
                Err(_) => spawn::exit_child(1),
            }
            crate::runtime::title::retitle(&["den", "__spare-net"], NAME);
            let _ = std::env::set_current_dir("/");
            let code = match hold(&d, userns, args) {
                Ok(()) => 0,
                Err(_) => 1,
            };
            spawn::exit_child(code)
        }
    }
}

/// The holder's life: make the spare, record it, wait for a claim.
fn hold(d: &Path, userns: u64, args: Vec<String>) -> Result<()> {
    // Only beneath a runtime directory that is still there (never made
    // again once removed).
    match std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700).create(d) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("creating {}", d.display())),
    }
    let lock = Lock::exclusive(&d.join(LOCK))?;
    if let Some(r) = read(d, RECORD) {
        if r.holder.alive() {
            return Ok(());
        }
        stop(d, &r);
    } else {
        // A holder killed before it recorded its pasta.
        stop_unrecorded(d);
    }
    let host = host_state();
    let keeper = Keeper::start(prepare_netns)?;
    let opened = std::fs::File::open(format!("/proc/{}/ns/net", keeper.proc.pid))
        .context("opening the spare network namespace")?;
    // pasta inherits it (a dup is not close-on-exec) and opens it by its
    // /proc/self/fd path.
    let ns = rustix::io::dup(&opened).context("dup")?;
    drop(opened);
    let path = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&ns));
    let me = ProcRef::current();
    // Files of this holder's own: a claimed pasta, which a container
    // uses, is never taken for this one.
    let (pidfile, log) = pasta_files(d, &me);
    let pasta = match helper::run_pasta(&args, &path, &pidfile, &log, false) {
        Ok(p) => p,
        Err(e) => {
            // Its pid file unread (the directory deleted under it): the
            // pasta that may run anyway is found by its arguments.
            super::holder::stop_pasta_named(&pidfile);
            let _ = std::fs::remove_file(&log);
            return Err(e);
        }
    };
    drop(ns);
    let record = Record {
        holder: me,
        keeper: keeper.proc,
        pasta: pasta.proc,
        userns,
        args,
        host,
        cgroup: own_cgroup(),
    };
    ufs::write_json(&d.join(RECORD), &record)?;
    // Recorded: the record names the pasta from now on.
    let _ = std::fs::remove_file(&pidfile);
    let _ = std::fs::remove_file(&log);
    drop(lock);
    // Decided under the lock: a claim renames the record under it, so a
    // minute that ends as a claim comes is never both.
    let claimed = wait(d, &me) || {
        let _lock = Lock::exclusive(&d.join(LOCK));
        // Unclaimed only if the record was still ours to remove (without
        // the lock, a claim may rename it meanwhile).
        let removed = names(d, RECORD, &me) && std::fs::remove_file(d.join(RECORD)).is_ok();
        !removed && names(d, &claimed_name(&me), &me)
    };
    if claimed {
        // The claimer has the namespace and the pasta now.
        std::mem::forget(pasta);
        let _ = std::fs::remove_file(d.join(claimed_name(&me)));
    }
    // Otherwise pasta is stopped as `pasta` drops.
    drop(keeper);
    Ok(())
}

/// The record `file` in `d`, if there is a readable one.
fn read(d: &Path, file: &str) -> Option<Record> {
    ufs::read_json(&d.join(file)).ok().flatten()
}

/// Whether the record `file` in `d` is the one `holder` wrote.
fn names(d: &Path, file: &str, holder: &ProcRef) -> bool {
    read(d, file).is_some_and(|r| r.holder == *holder)
}

/// In the keeper: the network namespace, with its loopback up.
fn prepare_netns() -> Result<()> {
    userns::unshare(rustix::thread::UnshareFlags::NEWNET)
        .context("creating the network namespace")?;
    rtnet::loopback_up().context("bringing up lo")
}

/// Wait until the record no longer names `me`: `true` when a claim took
/// it, `false` when it was removed or the minute passed.
fn wait(d: &Path, me: &ProcRef) -> bool {
    use rustix::event::{poll, PollFd, PollFlags};
    use rustix::fs::inotify;
    let names_me = |file: &str| names(d, file, me);
    let Ok(watch) = inotify::init(inotify::CreateFlags::CLOEXEC) else {
        return false;
    };
    let changes = inotify::WatchFlags::DELETE
        | inotify::WatchFlags::MOVED_FROM
        | inotify::WatchFlags::MOVED_TO
        | inotify::WatchFlags::DELETE_SELF
        | inotify::WatchFlags::MOVE_SELF;
    if inotify::add_watch(&watch, d, changes).is_err() {
        return false;
    }
    let mut buf = [0u8; 4096];
    // Set after the watch: a claim before it is seen here.
    while names_me(RECORD) {
        let mut fds = [PollFd::new(&watch, PollFlags::IN)];
        match poll(&mut fds, Some(&IDLE)) {
            Ok(0) => return false,
            Ok(_) => {
                let _ = rustix::io::read(&watch, &mut buf);
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return false,
        }
    }
    names_me(&claimed_name(me))
}
