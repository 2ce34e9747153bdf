//! cgroup v2 for rootless containers, without systemd calls: den finds
//! the subtree delegated to the user (as systemd's `Delegate=yes` leaves
//! it: the directory and its `cgroup.procs`, `cgroup.subtree_control`
//! owned by the user) above its own cgroup, and gives each container a
//! cgroup `<delegated>/den/<id>` made by its supervisor and removed with
//! the container. On hosts without one (cgroup v1, or v2 without
//! delegation) containers run without a cgroup, and a limit is refused
//! with the fix (`check`).

pub mod io;
pub mod limits;
pub mod usage;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use limits::{CgroupsMode, Resources};

/// The controllers den may use for containers, in the order it enables them.
pub const CONTROLLERS: &[&str] = &["cpu", "cpuset", "io", "memory", "pids"];

/// What this host offers the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// No cgroup v2 file system at all: cgroup v1.
    V1,
    /// cgroup v2 (`unified`, or beside v1 hierarchies), but no ancestor of
    /// the user's own cgroup is theirs.
    NotDelegated { own: String, unified: bool },
    /// A subtree delegated to the user.
    Delegated(Delegation),
}

/// The delegated subtree: its directory, and the controllers it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    /// Its path in the cgroup2 file system (as /proc/self/cgroup names it).
    pub path: String,
    /// Its directory, where the cgroup2 file system is mounted.
    pub dir: PathBuf,
    /// The controllers its parent gives it (`cgroup.controllers`).
    pub controllers: Vec<String>,
    /// Whether /sys/fs/cgroup is the unified hierarchy (not a hybrid).
    pub unified: bool,
}

/// Where the cgroup2 file system is mounted (/sys/fs/cgroup on a unified
/// host, /sys/fs/cgroup/unified on a hybrid one).
pub fn mount_point() -> Option<PathBuf> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut found = None;
    for line in info.lines() {
        // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        if right.split_whitespace().next() != Some("cgroup2") {
            continue;
        }
        let fields: Vec<&str> = left.split_whitespace().collect();
        if fields.get(3) != Some(&"/") {
            continue;
        }
        if let Some(m) = fields.get(4) {
            let m = PathBuf::from(m.replace("\\040", " "));
            if m == Path::new("/sys/fs/cgroup") {
                return Some(m);
            }
            found.get_or_insert(m);
        }
    }
    found
}

/// This process's cgroup v2 path (`0::PATH` in /proc/self/cgroup).
pub fn own_path() -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("0::"))
        .map(|p| p.trim().to_string())
}

fn owned_by_us(path: &Path, uid: u32) -> bool {
    let ours = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.uid() == uid);
    ours(path) && ours(&path.join("cgroup.procs")) && ours(&path.join("cgroup.subtree_control"))
}

fn read_words(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// The cgroup2 file system where it usually is (/sys/fs/cgroup, or
/// /sys/fs/cgroup/unified on a hybrid host), found with a `statfs` each
/// rather than by reading /proc/self/mountinfo (every supervisor asks);
/// only where this process is a member of its own cgroup `own` there
/// (not so in a bind of a subtree, nor in another cgroup namespace's
/// view of the tree: [`mount_point`] decides then).
fn usual_mount_point(own: &str) -> Option<PathBuf> {
    let me = std::process::id().to_string();
    ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"]
        .into_iter()
        .map(PathBuf::from)
        .find(|m| {
            rustix::fs::statfs(m).is_ok_and(|s| s.f_type == libc::CGROUP2_SUPER_MAGIC)
                && std::fs::read_to_string(m.join(own.trim_start_matches('/')).join("cgroup.procs"))
                    .is_ok_and(|procs| procs.lines().any(|p| p == me))
        })
}

/// The answer [`probe_ahead`] found, for the next [`host`] to give.
static AHEAD: std::sync::Mutex<Option<Host>> = std::sync::Mutex::new(None);

/// Ask what [`host`] answers now, for its next call to give at once: a
/// supervisor forked before its container's record asks while its
/// caller writes it (`engine::start::Early`), 0.1 ms off a start's path.
pub fn probe_ahead() {
    let found = probe();
    if let Ok(mut ahead) = AHEAD.lock() {
        *ahead = Some(found);
    }
}

/// What this host offers the user running den.
pub fn host() -> Host {
    match AHEAD.lock().ok().and_then(|mut ahead| ahead.take()) {
        Some(found) => found,
        None => probe(),
    }
}

fn probe() -> Host {
    let own = own_path().unwrap_or_else(|| "/".into());
    let Some(mount) = usual_mount_point(&own).or_else(mount_point) else {
        return Host::V1;
    };
    let unified = mount == Path::new("/sys/fs/cgroup");
    let uid = rustix::process::getuid().as_raw();
    // The highest ancestor (or the cgroup itself) that is the user's.
    let mut best = None;
    let mut path = own.trim_end_matches('/').to_string();
    while !path.is_empty() {
        let dir = mount.join(path.trim_start_matches('/'));
        if owned_by_us(&dir, uid) {
            best = Some((path.clone(), dir));
        } else if best.is_some() {
            break;
        }
        path = match path.rsplit_once('/') {
            Some((parent, _)) => parent.to_string(),
            None => String::new(),
        };
    }
    match best {
        Some((path, dir)) => Host::Delegated(Delegation {
            controllers: read_words(&dir.join("cgroup.controllers")),
            path,
            dir,
            unified,
        }),
        None => Host::NotDelegated { own, unified },
    }
}

/// How to get a delegated subtree, for error messages.
const DELEGATE_FIX: &str = "delegate one with a systemd drop-in: /etc/systemd/system/user@.service.d/delegate.conf containing \"[Service]\" and \"Delegate=cpu cpuset io memory pids\", then log in again; or run den in a unit that has Delegate=yes";
/// How to move a hybrid host's controllers to cgroup v2.
const UNIFIED_FIX: &str =
    "boot it with systemd.unified_cgroup_hierarchy=1 on the kernel command line";

/// Refuse what a container asks of cgroups that this host cannot give,
/// with the fix. Nothing asked: fine on every host.
pub fn check(res: &Resources) -> Result<()> {
    let wanted = res.controllers();
    if res.cgroups == CgroupsMode::Disabled {
        if let Some(first) = wanted.first() {
            anyhow::bail!(
                "{} needs a cgroup, and the container has --cgroups=disabled: drop one or the other",
                limits::what(first)
            );
        }
        return Ok(());
    }
    let Some(first) = wanted.first() else {
        return Ok(());
    };
    match host() {
        Host::V1 => anyhow::bail!(
            "{} needs cgroup v2, and this host uses cgroup v1: {UNIFIED_FIX}, and {DELEGATE_FIX}; or run without the limit",
            limits::what(first)
        ),
        Host::NotDelegated { own, unified } => anyhow::bail!(
            "{} needs a cgroup v2 subtree delegated to you, and your cgroup {own} is not yours{}: {DELEGATE_FIX}; or run without the limit",
            limits::what(first),
            if unified { "" } else { " (and this host keeps its controllers on cgroup v1)" }
        ),
        Host::Delegated(d) => {
            if let Some(missing) = wanted.iter().find(|c| !d.controllers.iter().any(|h| h == *c)) {
                let fix = if d.unified {
                    DELEGATE_FIX.to_string()
                } else {
                    format!("this host keeps {missing} on cgroup v1: {UNIFIED_FIX}")
                };
                anyhow::bail!(
                    "{} needs the {missing} controller, which your delegated cgroup {} does not have (it has: {}): {fix}; or run without the limit",
                    limits::what(missing),
                    d.path,
                    if d.controllers.is_empty() { "none".to_string() } else { d.controllers.join(" ") }
                );
            }
            Ok(())
        }
    }
}

/// A container's cgroup, made by its supervisor: `dir` carries the
/// limits, and its processes live in the child [`LEAF`], the root of the
/// container's cgroup namespace. So even a container allowed to mount
/// cgroupfs (CAP_SYS_ADMIN) sees only the leaf, never the files that
/// limit it (which belong to the user, as the container's root does).
#[derive(Debug)]
pub struct Cgroup {
    pub dir: PathBuf,
    /// An open descriptor of the leaf (for CLONE_INTO_CGROUP).
    pub fd: std::os::fd::OwnedFd,
    /// Removed already (by the supervisor, before it recorded the last
    /// exit): from then on the directory may be the next supervisor's.
    pub removed: std::cell::Cell<bool>,
}

/// The leaf a container's processes live in.
pub const LEAF: &str = "container";

fn write(path: &Path, value: &str) -> std::io::Result<()> {
    std::fs::write(path, value)
}

/// Enable `controllers` in `dir`'s subtree_control, those it can.
fn enable(dir: &Path, controllers: &[String]) {
    let on = read_words(&dir.join("cgroup.subtree_control"));
    for c in controllers {
        if !on.contains(c) {
            let _ = write(&dir.join("cgroup.subtree_control"), &format!("+{c}"));
        }
    }
}

/// Make container `id`'s cgroup and set its limits. None: no cgroup (it
/// is disabled, or the host has no delegation and nothing was asked).
pub fn create(id: &str, res: &Resources) -> Result<Option<Cgroup>> {
    if res.cgroups == CgroupsMode::Disabled {
        return Ok(None);
    }
    check(res)?;
    let Host::Delegated(d) = host() else {
        return Ok(None);
    };
    let usable: Vec<String> = CONTROLLERS
        .iter()
        .map(|c| c.to_string())
        .filter(|c| d.controllers.contains(c))
        .collect();
    enable(&d.dir, &usable);
    // den/ID, or --cgroup-parent's path (below the delegated subtree)/ID.
    let mut parent = d.dir.clone();
    for part in res
        .cgroup_parent
        .as_deref()
        .unwrap_or("den")
        .split('/')
        .filter(|p| !p.is_empty())
    {
        parent.push(part);
        match std::fs::create_dir(&parent) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| format!("making the cgroup {}", parent.display()))
            }
        }
        let given = read_words(&parent.join("cgroup.controllers"));
        enable(&parent, &given);
    }
    let dir = parent.join(id);
    match std::fs::create_dir(&dir) {
        Ok(()) => {}
        // Left by a supervisor that was killed: empty, since its
        // processes died with it.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("making the cgroup {}", dir.display())),
    }
    let leaf = dir.join(LEAF);
    let made = (|| {
        limits::apply(&dir, res)?;
        // What a container allowed to mount cgroupfs may make below its
        // leaf: bounded, so it cannot hold up its removal.
        for (file, value) in [
            ("cgroup.max.depth", "16"),
            ("cgroup.max.descendants", "256"),
        ] {
            std::fs::write(dir.join(file), value)
                .with_context(|| format!("setting {file} in the cgroup {}", dir.display()))?;
        }
        match std::fs::create_dir(&leaf) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| format!("making the cgroup {}", leaf.display()))
            }
        }
        let fd = rustix::fs::open(
            &leaf,
            rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .with_context(|| format!("opening the cgroup {}", dir.display()))?;
        Ok(Cgroup {
            dir: dir.clone(),
            fd,
            removed: std::cell::Cell::new(false),
        })
    })();
    if made.is_err() {
        let _ = std::fs::remove_dir(&leaf);
        let _ = std::fs::remove_dir(&dir);
    }
    made.map(Some)
}

/// Remove a container's cgroup once its processes are gone (the kernel
/// takes a moment to let go of the last ones), with any cgroups a
/// container allowed to mount cgroupfs made below its leaf.
pub fn remove(dir: &Path) {
    fn below(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > 64 {
            return;
        }
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    below(&e.path(), out, depth + 1);
                }
            }
        }
        out.push(dir.to_path_buf());
    }
    for _ in 0..200 {
        let mut dirs = Vec::new();
        below(dir, &mut dirs, 0);
        for d in &dirs {
            let _ = std::fs::remove_dir(d);
        }
        if !dir.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    crate::warn!("could not remove the cgroup {}", dir.display());
}

/// `cgroup.procs` of the leaf of container cgroup `dir`, open for
/// writing: a process that writes `0` to it moves there (an exec's
/// command joining its container). The kernel checks the move against
/// who opened it, where it was opened.
pub fn procs_file(dir: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(LEAF).join("cgroup.procs"))
}

/// The processes in container cgroup `dir` and below (as the host sees
/// them), in order: exec's processes too, which are not the init's
/// descendants.
pub fn pids(dir: &Path) -> Vec<i32> {
    fn walk(dir: &Path, out: &mut Vec<i32>, depth: usize) {
        let procs = std::fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
        out.extend(procs.lines().filter_map(|l| l.trim().parse::<i32>().ok()));
        if depth >= 32 {
            return;
        }
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    walk(&e.path(), out, depth + 1);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out, 0);
    out.sort_unstable();
    out.dedup();
    out
}

/// Freeze (or thaw) the cgroup `dir`, waiting until the kernel says so.
pub fn freeze(dir: &Path, frozen: bool) -> Result<()> {
    let value = if frozen { "1" } else { "0" };
    write(&dir.join("cgroup.freeze"), value)
        .with_context(|| format!("writing {}/cgroup.freeze", dir.display()))?;
    for _ in 0..500 {
        let events = std::fs::read_to_string(dir.join("cgroup.events")).unwrap_or_default();
        if events.lines().any(|l| l == format!("frozen {value}")) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    anyhow::bail!("the cgroup {} did not freeze", dir.display())
}

/// Whether `dir` has a freezer (cgroup v2 always does, but the root).
pub fn has_freezer(dir: &Path) -> bool {
    dir.join("cgroup.freeze").exists()
}

/// The description `den info` and `system check` give.
pub fn describe() -> (String, Vec<String>) {
    match host() {
        Host::V1 => ("v1".into(), Vec::new()),
        Host::NotDelegated { own, unified } => (
            format!(
                "v2{}, {own} not delegated",
                if unified { "" } else { " beside v1" }
            ),
            Vec::new(),
        ),
        Host::Delegated(d) => (
            format!(
                "v2{}, delegated {}",
                if d.unified { "" } else { " beside v1" },
                d.path
            ),
            CONTROLLERS
                .iter()
                .filter(|c| d.controllers.iter().any(|h| h == *c))
                .map(|c| c.to_string())
                .collect(),
        ),
    }
}
