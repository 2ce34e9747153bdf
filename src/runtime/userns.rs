//! Entering den's user namespace: the process unshares a new user
//! namespace and a forked helper writes its id maps with newuidmap and
//! newgidmap (setuid helpers that check /etc/subuid and /etc/subgid).
//!
//! Must be called while the process is single-threaded (before any tokio
//! runtime starts): unshare(CLONE_NEWUSER) refuses threaded callers.
#![allow(unsafe_code)]

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::idmap::{self, IdMaps, IdRange};
use crate::config::env;
use crate::storage::extract::Owners;
use crate::warn;

/// Why [`enter_ahead`] failed, for the [`enter`] that follows.
static AHEAD: std::sync::Mutex<Option<anyhow::Error>> = std::sync::Mutex::new(None);

/// [`enter`], ahead of the supervisor's own call (`engine::start::Early`,
/// while its caller writes the record). Should it fail, the next `enter`
/// gives this error rather than trying again from where this one
/// stopped, which may be a user namespace half made.
pub fn enter_ahead() {
    if let Err(e) = enter() {
        if let Ok(mut a) = AHEAD.lock() {
            *a = Some(e);
        }
    }
}

/// Whether [`enter_ahead`] failed (its error kept for [`enter`]).
pub fn ahead_failed() -> bool {
    AHEAD.lock().is_ok_and(|a| a.is_some())
}

/// Enter den's user namespace (once per process tree): afterwards the
/// process is root inside it, and file owners in layers can be kept.
pub fn enter() -> Result<Owners> {
    if let Some(e) = AHEAD.lock().ok().and_then(|mut a| a.take()) {
        return Err(e);
    }
    // Whether den's binary is root's shows only from the host's user
    // namespace: asked before leaving it (`sealed::is_sealed` keeps it).
    let _ = super::sealed::is_sealed();
    if let Some(mode) = env::var(env::DEN_IN_USERNS) {
        if in_child_userns() {
            return Ok(if mode == "single" {
                Owners::Single
            } else {
                Owners::Keep
            });
        }
    }
    let maps = idmap::host_maps()?;
    if maps.single {
        if let Some((what, fix)) = idmap::missing_ranges() {
            warn!(
                "{what}: only your own id is mapped, and files owned by other ids become yours (add a free range with: {fix})"
            );
        }
        enter_single()?;
    } else {
        enter_mapped(&maps)?;
    }
    let mode = if maps.single { "single" } else { "full" };
    // Single-threaded here: nothing else reads the environment concurrently.
    std::env::set_var(env::DEN_IN_USERNS, mode);
    Ok(if maps.single {
        Owners::Single
    } else {
        Owners::Keep
    })
}

/// Whether this process is already inside a user namespace (not the initial one).
pub fn in_child_userns() -> bool {
    std::fs::read_to_string("/proc/self/uid_map")
        .map(|m| m.split_whitespace().collect::<Vec<_>>() != ["0", "0", "4294967295"])
        .unwrap_or(false)
}

fn map_args(pid: i32, map: &[IdRange]) -> Vec<String> {
    let mut args = vec![pid.to_string()];
    for r in map {
        args.extend([
            r.inside.to_string(),
            r.outside.to_string(),
            r.count.to_string(),
        ]);
    }
    args
}

/// newuidmap and newgidmap, found by path; checked before unsharing: a
/// process in a user namespace without maps can no longer act as the user.
fn map_tools() -> Result<[std::path::PathBuf; 2]> {
    let find = |tool: &str| {
        crate::network::helper::find(tool).with_context(|| format!("{tool} was not found in PATH, and den needs it to map your subordinate ids (install the uidmap package, e.g. sudo apt-get install uidmap)"))
    };
    Ok([find("newuidmap")?, find("newgidmap")?])
}

/// Write the maps of the user namespace of process `pid` (from outside
/// it): newuidmap and newgidmap run at the same time, each writing its own
/// map. The first failure's message.
fn write_maps(
    tools: &[std::path::PathBuf; 2],
    pid: i32,
    maps: &IdMaps,
) -> std::result::Result<(), String> {
    let mut running = Vec::new();
    let mut failure = None;
    for (tool, map) in tools.iter().zip([&maps.uid, &maps.gid]) {
        let name = tool
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match Command::new(tool)
            .args(map_args(pid, map))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
        {
            Ok(child) => running.push((name, child)),
            Err(e) => {
                failure = Some(format!("cannot run {name}: {e}"));
                break;
            }
        }
    }
    for (name, child) in running {
        let why = match child.wait_with_output() {
            Ok(out) if out.status.success() => continue,
            Ok(out) => format!("{name}: {}", String::from_utf8_lossy(&out.stderr).trim()),
            Err(e) => format!("waiting for {name}: {e}"),
        };
        failure.get_or_insert(why);
    }
    failure.map_or(Ok(()), Err)
}

/// The error for id maps newuidmap and newgidmap could not write: why,
/// and what to check.
fn maps_failed(why: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot write the user namespace's id maps: {why} (check /etc/subuid and /etc/subgid have ranges for your user, and that newuidmap and newgidmap from the uidmap package are installed)"
    )
}

/// Join the pause process's namespace (making it if needed); where no
/// runtime directory is known, make a namespace of our own. The helpers
/// must be there even when the pause process is: whether den works must
/// not depend on whether one is running.
fn enter_mapped(maps: &IdMaps) -> Result<()> {
    let tools = map_tools()?;
    let joined = super::pause::enter(maps, |pid| {
        write_maps(&tools, pid, maps).map_err(|why| maps_failed(&why))
    })?;
    if !joined {
        enter_own(maps, &tools)?;
    }
    Ok(())
}

/// Unshare a user namespace of our own; a forked helper maps it.
fn enter_own(maps: &IdMaps, tools: &[std::path::PathBuf; 2]) -> Result<()> {
    let pid = rustix::process::getpid().as_raw_nonzero().get();
    let ids = own_ids();
    let (go_r, go_w) = pipe()?;
    let (res_r, res_w) = pipe()?;
    // SAFETY: the process is single-threaded (documented precondition of
    // `enter`), so the child is a full copy that may allocate and spawn.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(std::io::Error::last_os_error()).context("fork");
    }
    if child == 0 {
        drop(go_w);
        drop(res_r);
        let code = map_from_child(go_r, res_w, tools, pid, maps);
        // SAFETY: leaving the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    drop(go_r);
    drop(res_w);
    let unshared = unshare(rustix::thread::UnshareFlags::NEWUSER);
    let mut go = std::fs::File::from(go_w);
    let _ = go.write_all(if unshared.is_ok() { b"y" } else { b"n" });
    drop(go);
    let mut report = String::new();
    let _ = std::fs::File::from(res_r).read_to_string(&mut report);
    let status = rustix::process::waitpid(
        rustix::process::Pid::from_raw(child),
        rustix::process::WaitOptions::empty(),
    );
    if let Err(e) = unshared {
        bail!("cannot create a user namespace: {e} (check that unprivileged user namespaces are enabled: sysctl user.max_user_namespaces)");
    }
    let ok = matches!(status, Ok(Some((_, s))) if s.exit_status() == Some(0));
    if !ok {
        // Map our own ids ourselves, so this process can go on as the user
        // (to clean up) instead of as nobody.
        let _ = write_single_maps(ids);
        let report = report.trim();
        return Err(maps_failed(if report.is_empty() {
            "newuidmap/newgidmap failed"
        } else {
            report
        }));
    }
    Ok(())
}

/// The helper: wait for the parent to unshare, then map it.
fn map_from_child(
    go: OwnedFd,
    result: OwnedFd,
    tools: &[std::path::PathBuf; 2],
    pid: i32,
    maps: &IdMaps,
) -> i32 {
    let mut b = [0u8; 1];
    let mut go = std::fs::File::from(go);
    let mut result = std::fs::File::from(result);
    if go.read_exact(&mut b).is_err() || b[0] != b'y' {
        return 1;
    }
    match write_maps(tools, pid, maps) {
        Ok(()) => 0,
        Err(why) => {
            let _ = write!(result, "{why}");
            1
        }
    }
}

fn enter_single() -> Result<()> {
    let ids = own_ids();
    unshare(rustix::thread::UnshareFlags::NEWUSER).context(
        "cannot create a user namespace (check that unprivileged user namespaces are enabled)",
    )?;
    write_single_maps(ids)
}

/// Our uid and gid, taken before unsharing (unmapped, they read as nobody).
fn own_ids() -> (u32, u32) {
    (
        rustix::process::getuid().as_raw(),
        rustix::process::getgid().as_raw(),
    )
}

/// Map only our own uid and gid (as root) in the user namespace we just
/// made, as any process may.
fn write_single_maps((uid, gid): (u32, u32)) -> Result<()> {
    std::fs::write("/proc/self/setgroups", "deny").context("writing setgroups")?;
    std::fs::write("/proc/self/uid_map", format!("0 {uid} 1")).context("writing uid_map")?;
    std::fs::write("/proc/self/gid_map", format!("0 {gid} 1")).context("writing gid_map")?;
    Ok(())
}

/// Leave for a user and mount namespace of our own with only our own ids
/// mapped (to try a mount, in a child that then exits).
pub fn enter_private_single() -> Result<()> {
    let ids = own_ids();
    unshare(rustix::thread::UnshareFlags::NEWUSER | rustix::thread::UnshareFlags::NEWNS)
        .context("cannot create a user namespace")?;
    write_single_maps(ids)
}

/// Enter den's user namespace to remove what a container left (files of
/// subordinate ids need it); where that fails (no newuidmap), with only
/// the user's own id, which still removes what never ran.
pub fn enter_for_cleanup() -> Owners {
    match enter() {
        Ok(o) => o,
        Err(e) => {
            warn!("{e:#}: removing with only your own id mapped");
            if !in_child_userns() && enter_single().is_err() {
                warn!("cannot create a user namespace either: removing as you are");
            }
            Owners::Single
        }
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")
}

/// unshare(2) for a single-threaded process.
pub fn unshare(flags: rustix::thread::UnshareFlags) -> rustix::io::Result<()> {
    // SAFETY: den calls this only while single-threaded (before any runtime
    // starts), so no other thread shares the state being unshared.
    unsafe { rustix::thread::unshare_unsafe(flags) }
}

/// Give the calling thread a mount namespace (and filesystem context:
/// root, cwd, umask) of its own; other threads keep theirs.
pub fn unshare_thread_mounts() -> rustix::io::Result<()> {
    // SAFETY: CLONE_NEWNS|CLONE_FS changes only the calling thread's mount
    // namespace and fs context; the thread works with absolute paths and
    // descriptors, and other threads are not affected.
    unsafe {
        rustix::thread::unshare_unsafe(
            rustix::thread::UnshareFlags::NEWNS | rustix::thread::UnshareFlags::FS,
        )
    }
}
