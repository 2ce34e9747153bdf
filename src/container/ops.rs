//! Operations on a container from any `den` process: stop, kill, wait,
//! remove. They act on the recorded processes through pidfds and read
//! the state the supervisor writes.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::process::ProcRef;
use super::{ContainerConfig, Containers};
use crate::error::{Error, Kind};
use crate::storage::remove::remove_tree_apart_after;

/// Wait until the supervisor has recorded that the container is no longer
/// running (or the supervisor is gone), at most `limit`.
fn await_recorded_exit(containers: &Containers, id: &str, supervisor: ProcRef, limit: Duration) {
    let deadline = Instant::now() + limit;
    let mut quick = QUICK_NAPS;
    loop {
        let st = match containers.state(id) {
            Ok(s) if s.active() => s,
            _ => return,
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !supervisor.alive() {
            return;
        }
        nap(&st, left.min(Duration::from_millis(10)), &mut quick);
    }
}

/// Naps of a millisecond a wait takes, at most, once the init has ended.
const QUICK_NAPS: u32 = 20;

/// Sleep until the container's init or its supervisor ends, or `slice`
/// has passed. Once the init has ended its supervisor records the exit
/// within a millisecond or so: then a millisecond at most, `quick` times
/// (then `slice` again: a supervisor still draining a process that kept
/// the output open, or an init whose main thread ended, is not read a
/// thousand times a second). Fixed sleeps of 5 and 10 ms between
/// readings were most of an `rm -f`, a `stop` or a `wait` of a short
/// container.
fn nap(st: &super::ContainerState, slice: Duration, quick: &mut u32) {
    // A zombie has no pidfd here (`pidfd` checks it is alive): no poll
    // returns at once for ever.
    let fds: Vec<_> = [st.init.pidfd(), st.supervisor.pidfd()]
        .into_iter()
        .flatten()
        .collect();
    let ended = st.init.pid > 0 && st.status != "restarting" && !st.init.alive();
    let slice = match (ended || fds.is_empty()) && *quick > 0 {
        true => {
            *quick -= 1;
            slice.min(Duration::from_millis(1))
        }
        false => slice,
    };
    match fds.as_slice() {
        [] => std::thread::sleep(slice),
        fds => crate::util::proc::poll_any(fds, slice),
    }
}

/// Stop a running container: its stop signal, then SIGKILL after `timeout`
/// seconds (the container's own default with `None`). No restart follows.
pub fn stop(containers: &Containers, cfg: &ContainerConfig, timeout: Option<u64>) -> Result<()> {
    let mut st = containers.live_state(&cfg.id)?;
    // Not running, but a supervisor other than the one recorded (which
    // may be on its way out) holds the container: one starting it, whose
    // command may run already, the running state not yet written. Waited
    // for, as podman's stop waits for the start holding the container's
    // lock: until it records the start or ends, at most 10 s.
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while !st.active()
        && supervisor_holder(containers, &cfg.id).is_some_and(|pid| pid != st.supervisor.pid)
        && std::time::Instant::now() < until
    {
        std::thread::sleep(Duration::from_millis(5));
        st = containers.live_state(&cfg.id)?;
    }
    if !st.active() {
        return Ok(());
    }
    crate::util::fs::create_private(&containers.stop_marker(&cfg.id))?;
    containers.event("stop", cfg, &[]);
    let timeout = timeout.unwrap_or(cfg.stop_timeout);
    let mut gone = false;
    // Between runs there is no process to signal: the supervisor sees the
    // marker after its pause and records the exit; one that started its
    // next run meanwhile is stopped as any.
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while st.status == "restarting" && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
        st = containers.live_state(&cfg.id)?;
    }
    if !st.active() {
        return Ok(());
    }
    if timeout > 0 {
        let sent = signal(&st.init, cfg.stop_signal)?;
        crate::debug!(
            "stop: signal {} to the init {:?}: {sent}",
            cfg.stop_signal,
            st.init
        );
        if st.status == "paused" {
            unpause(containers, cfg)?;
        }
        gone = st.init.wait_gone(Some(Duration::from_secs(timeout)));
    }
    if !gone {
        let sent = signal(&st.init, 9)?;
        crate::debug!("stop: SIGKILL to the init {:?}: {sent}", st.init);
        st.init.wait_gone(Some(Duration::from_secs(10)));
    }
    await_recorded_exit(containers, &cfg.id, st.supervisor, Duration::from_secs(10));
    // The supervisor tells `died` once the state says the container
    // exited, then ends: a script's next command comes after both, as
    // after podman's stop (an `rm` right after logged `remove` first).
    st.supervisor.wait_gone(Some(Duration::from_secs(2)));
    // A stop that did not stop says so: ten seconds after the SIGKILL
    // the init signalled is still recorded, and a process of its pid is
    // still there, not a zombie. (An init that ended while processes it
    // left keep the output open, with --pid host, is stopped as before:
    // its supervisor drains them.)
    let still = containers
        .live_state(&cfg.id)
        .ok()
        .filter(|s| s.active() && s.init == st.init && st.init.pid > 0)
        .and_then(|s| {
            let fields = crate::util::proc::stat_fields(s.init.pid)?;
            let state = fields.first()?;
            (state != "Z" && state != "X").then_some((s, fields))
        });
    if let Some((now, fields)) = still {
        bail!(
            "container {} did not stop: its supervisor (pid {}) still records it {}, its init {} (recorded start {}, now {:?})",
            cfg.name,
            now.supervisor.pid,
            now.status,
            now.init.pid,
            now.init.start,
            fields.into_iter().take(20).collect::<Vec<_>>().join(" ")
        );
    }
    Ok(())
}

/// The supervisor that holds the container `id`, if one does (its lock
/// on `supervisor.lock`, kept for its life: `supervisor::sole_supervisor`).
fn supervisor_holder(containers: &Containers, id: &str) -> Option<i32> {
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
        .open(containers.dir(id).join("supervisor.lock"))
    else {
        return None;
    };
    let mut lock = supervisor_lock();
    let asked = nix::fcntl::fcntl(&file, nix::fcntl::FcntlArg::F_GETLK(&mut lock));
    (asked.is_ok() && lock.l_type != libc::F_UNLCK as libc::c_short).then_some(lock.l_pid)
}

/// A supervisor's lock on its container (`supervisor.lock`): a write lock
/// on the whole file.
pub fn supervisor_lock() -> libc::flock {
    libc::flock {
        l_type: libc::F_WRLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: 0,
        l_len: 0,
        l_pid: 0,
    }
}

/// Signal the container's init: directly when it runs as the user, else
/// from a helper inside the container's user namespace (a non-root
/// container user is a subordinate id on the host). `false`: it is gone.
fn signal(init: &ProcRef, sig: i32) -> Result<bool> {
    match init.signal(sig) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            let members = super::process::member_pidfds(init);
            if members.is_empty() {
                return Ok(false);
            }
            let code = crate::runtime::exec::in_userns_of(&members, || {
                i32::from(!matches!(init.signal(sig), Ok(true)))
            })?;
            Ok(code == 0)
        }
        other => Ok(other?),
    }
}

/// Send `sig` to every process of the container (pause, unpause).
fn signal_all(init: &ProcRef, sig: i32) -> Result<()> {
    let members = super::process::member_pidfds(init);
    if members.is_empty() {
        return Err(Error::conflict(
            Kind::Container,
            "the container is not running",
        ));
    }
    let init_pid = init.pid;
    let code = crate::runtime::exec::in_userns_of(&members, || {
        for pid in super::process::tree(init_pid) {
            if let Some(p) = ProcRef::of(pid) {
                let _ = p.signal(sig);
            }
        }
        0
    })?;
    if code != 0 {
        bail!("cannot signal the container's processes (helper exited {code})");
    }
    Ok(())
}

/// Freeze every process of a running container: with the cgroup
/// freezer where it has a cgroup (the processes cannot tell), else with
/// SIGSTOP to each (a process can see it, and its parent is told).
pub fn pause(containers: &Containers, cfg: &ContainerConfig) -> Result<()> {
    let st = containers.live_state(&cfg.id)?;
    match st.status.as_str() {
        "paused" => bail!("container {} is already paused", cfg.name),
        "running" => {}
        s => bail!("can only pause running containers: {} is {s}", cfg.name),
    }
    crate::util::fs::create_private(&containers.pause_marker(&cfg.id))?;
    let frozen = match st
        .cgroup
        .as_deref()
        .filter(|d| crate::cgroups::has_freezer(d))
    {
        Some(dir) => crate::cgroups::freeze(dir, true),
        None => signal_all(&st.init, 19),
    };
    if let Err(e) = frozen {
        let _ = std::fs::remove_file(containers.pause_marker(&cfg.id));
        return Err(e);
    }
    containers.event("pause", cfg, &[]);
    Ok(())
}

/// Resume a paused container.
pub fn unpause(containers: &Containers, cfg: &ContainerConfig) -> Result<()> {
    let st = containers.live_state(&cfg.id)?;
    if st.status != "paused" {
        bail!("container {} is not paused", cfg.name);
    }
    match st
        .cgroup
        .as_deref()
        .filter(|d| crate::cgroups::has_freezer(d))
    {
        Some(dir) => crate::cgroups::freeze(dir, false)?,
        None => signal_all(&st.init, 18)?,
    }
    let _ = std::fs::remove_file(containers.pause_marker(&cfg.id));
    containers.event("unpause", cfg, &[]);
    Ok(())
}

/// Send `signal` to a running container's init.
pub fn kill(containers: &Containers, cfg: &ContainerConfig, signal_no: i32) -> Result<()> {
    let st = containers.live_state(&cfg.id)?;
    if !st.active() || !signal(&st.init, signal_no)? {
        bail!(
            "can only kill running containers: {} is {}",
            cfg.name,
            display_status(&st.status)
        );
    }
    containers.event("kill", cfg, &[("signal", signal_no.to_string())]);
    // As docker's: after SIGKILL the container is stopped when kill
    // returns, so `kill C && rm C` works in a script. (A paused one dies
    // only when thawed: not waited for.)
    // One that restarts (a restart policy) has a new init: done then too.
    if signal_no == libc::SIGKILL && st.status == "running" {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let mut quick = QUICK_NAPS;
        while std::time::Instant::now() < deadline {
            let now = containers.live_state(&cfg.id)?;
            if now.status != "running" || now.init.pid != st.init.pid {
                break;
            }
            nap(&now, Duration::from_millis(10), &mut quick);
        }
    }
    Ok(())
}

/// Wait for a container to stop running; its exit code. One that never
/// ran (created) is not running: 0 at once, as podman's `wait`.
pub fn wait(containers: &Containers, cfg: &ContainerConfig) -> Result<i32> {
    let mut quick = QUICK_NAPS;
    loop {
        let st = containers.live_state(&cfg.id)?;
        if containers.dir(&cfg.id).exists() {
            if !st.active() {
                return Ok(st.exit_code.unwrap_or(0));
            }
        } else {
            // Removed (`--rm`, `rm -f`): the exit code its remover keeps
            // (a missing record read as a state of none: 0, whatever the
            // container's code was).
            for _ in 0..200 {
                if let Some(code) = containers.kept_exit(&cfg.id) {
                    return Ok(code);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            bail!("container {} was removed while waiting", cfg.name);
        }
        nap(&st, Duration::from_millis(10), &mut quick);
    }
}

/// podman's `wait --condition` states: each is the status den records,
/// `stopped`/`exited` meaning "not running" (the exit code is then
/// printed; -1 for any other condition, as podman prints).
pub const WAIT_CONDITIONS: &[&str] = &[
    "configured",
    "created",
    "exited",
    "healthy",
    "initialized",
    "paused",
    "removing",
    "running",
    "stopped",
    "stopping",
    "unhealthy",
];

/// Wait until one of `conditions` holds for a container, polling every
/// `interval`: its exit code for `stopped`/`exited`, else -1.
pub fn wait_for(
    containers: &Containers,
    cfg: &ContainerConfig,
    conditions: &[String],
    interval: Duration,
) -> Result<i32> {
    if conditions.iter().all(|c| c == "stopped" || c == "exited") {
        return wait(containers, cfg);
    }
    let health_only = conditions
        .iter()
        .all(|c| c == "healthy" || c == "unhealthy");
    if health_only && cfg.health.is_none() {
        bail!(
            "cannot wait for {}: container {} has no healthcheck",
            conditions.join(" or "),
            cfg.name
        );
    }
    loop {
        if !containers.dir(&cfg.id).exists() {
            if conditions.iter().any(|c| c == "removing") {
                return Ok(-1);
            }
            bail!("container {} was removed while waiting", cfg.name);
        }
        let st = containers.live_state(&cfg.id)?;
        // One that has stopped will not turn healthy (it waited for ever).
        if health_only && !st.active() && st.status != "created" {
            bail!("container {} is not running: it is {}", cfg.name, st.status);
        }
        let health = super::health::read(&containers.dir(&cfg.id)).map(|h| h.status);
        for c in conditions {
            let holds = match c.as_str() {
                "stopped" | "exited" => !st.active() && st.status != "created",
                "configured" | "created" | "initialized" => st.status == "created",
                // The last run's health is no answer for a container that
                // is not running.
                "healthy" | "unhealthy" => st.active() && health.as_deref() == Some(c.as_str()),
                "stopping" => st.status == "stopping",
                other => st.status == other,
            };
            if holds {
                return Ok(if c == "stopped" || c == "exited" {
                    st.exit_code.unwrap_or(0)
                } else {
                    -1
                });
            }
        }
        std::thread::sleep(interval);
    }
}

/// Remove a container (in den's user namespace: its files belong to
/// subordinate ids). `force` stops a running one first. den's recorded
/// helpers still alive (a killed supervisor's pasta or fuse-overlayfs) are
/// killed, known by pid and start time; no other process is touched, even
/// one that names the container (a user's `tail -f` of its log).
/// A killed supervisor's helpers (pasta, slirp4netns, fuse-overlayfs)
/// outlive it, holding the container's namespaces: end them (before the
/// container is removed, or started again with new ones).
pub fn end_orphaned_helpers(st: &crate::container::ContainerState) {
    if st.supervisor.alive() {
        return;
    }
    for helper in st.helpers() {
        if helper.signal(9).unwrap_or(false) {
            helper.wait_gone(Some(Duration::from_secs(2)));
        }
    }
}

pub fn remove(containers: &Containers, cfg: &ContainerConfig, force: bool) -> Result<()> {
    let st = containers.live_state(&cfg.id)?;
    if st.active() {
        if !force {
            return Err(Error::conflict(
                Kind::Container,
                format!(
                    "container {} is running (stop it first, or use rm --force)",
                    cfg.name
                ),
            ));
        }
        stop(containers, cfg, Some(0))?;
        st.supervisor.wait_gone(Some(Duration::from_secs(10)));
    }
    let st = containers.live_state(&cfg.id)?;
    let orphaned = !st.supervisor.alive();
    if orphaned {
        end_orphaned_helpers(&st);
        // A killed supervisor's cgroup (its processes died with it).
        if let Some(dir) = &st.cgroup {
            crate::cgroups::remove(dir);
        }
    }
    let trash = {
        let _lock = containers.lock()?;
        containers.discard(&cfg.id)?
    };
    containers.event("remove", cfg, &[]);
    // A killed supervisor's attach socket (a live one removes its own).
    if orphaned {
        containers.remove_socket(&cfg.id);
    }
    // Out of the lock, and off the caller's path where it may be: other
    // commands, and the caller, need not wait for the files to go.
    if let Some(trash) = trash {
        remove_tree_apart_after(&trash, || containers.keep_exit(&cfg.id, &trash))?;
    }
    Ok(())
}

/// The containers of `all` that depend on `cfg`: they share its network,
/// IPC, PID or UTS namespace (`--network container:NAME`, `--ipc ...`),
/// or `--requires` it.
pub fn dependents<'a>(
    all: &'a [ContainerConfig],
    cfg: &ContainerConfig,
) -> Vec<&'a ContainerConfig> {
    all.iter()
        .filter(|c| c.id != cfg.id && depends_on(c).contains(&cfg.id.as_str()))
        .collect()
}

/// The ids of the containers `c` depends on.
pub fn depends_on(c: &ContainerConfig) -> Vec<&str> {
    let mut ids: Vec<&str> = c.network.strip_prefix("container:").into_iter().collect();
    ids.extend(c.namespaces.depends_on());
    ids.extend(c.extras.requires.iter().map(String::as_str));
    ids
}

/// Podman's words for a status.
pub fn display_status(status: &str) -> &str {
    match status {
        "" => "unknown",
        s => s,
    }
}
