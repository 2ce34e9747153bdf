//! What den knows of itself and the host: `info`, the host checks, the
//! version, entering den's user namespace for a command (`unshare`), and
//! the internal processes den re-executes (the supervisor, the holder of
//! the shared network namespace).

use std::os::unix::process::CommandExt;

use anyhow::{Context, Result};
use serde_json::json;

use crate::config::paths::Paths;
use crate::container::Containers;
use crate::image::store::Store;
use crate::runtime::{idmap, userns};
use crate::storage::driver;

/// Whether den runs as the host's root (not as root of den's own user
/// namespace, which every den process inside it is).
pub fn host_root() -> bool {
    rustix::process::geteuid().is_root() && !userns::in_child_userns()
}

/// Check a `--storage-driver` value.
pub fn check_storage_driver(name: &str) -> Result<()> {
    driver::Driver::parse(name).map(|_| ())
}

fn helper(name: &str) -> serde_json::Value {
    let path = crate::network::helper::find(name);
    match path {
        Some(p) => {
            let version = std::process::Command::new(&p)
                .arg("--version")
                .output()
                .ok()
                .map(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_default();
            json!({"executable": p.display().to_string(), "version": version, "available": true})
        }
        None => json!({"executable": "", "version": "", "available": false}),
    }
}

fn cgroup_version() -> &'static str {
    match rustix::fs::statfs("/sys/fs/cgroup") {
        Ok(s) if s.f_type as u64 == 0x6367_7270 => "v2",
        _ => "v1",
    }
}

/// Whether the kernel filters syscalls with seccomp (it shows a mode for us).
fn seccomp_enabled() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Seccomp:")))
        .unwrap_or(false)
}

/// `den info` as podman shapes it (`driver_flag`: `--storage-driver`).
pub fn info(paths: &Paths, driver_flag: Option<&str>) -> Result<serde_json::Value> {
    let store = Store::new(paths);
    let maps = idmap::host_maps()?;
    let images = store.images()?.len();
    let containers = Containers::new(paths).list()?.len();
    let driver_name = driver::configured(driver_flag)?
        .or_else(|| driver::remembered(&store))
        .map(|d| d.name())
        .unwrap_or("overlay (detected at first run)");
    let uts = rustix::system::uname();
    let pasta = helper("pasta");
    let slirp = helper("slirp4netns");
    let network = if pasta["available"] == true {
        "pasta"
    } else if slirp["available"] == true {
        "slirp4netns"
    } else {
        "none"
    };
    Ok(json!({
        "host": {
            "arch": crate::image::manifest::host_arch(),
            "os": "linux",
            "kernel": uts.release().to_string_lossy(),
            "hostname": uts.nodename().to_string_lossy(),
            "cgroupVersion": cgroup_version(),
            "cgroupManager": "cgroupfs",
            // The controllers den can use for containers' limits.
            "cgroupControllers": crate::cgroups::describe().1,
            "rootless": true,
            "idMappings": { "uidmap": maps.uid, "gidmap": maps.gid },
            "idMappingsSingle": maps.single,
            "networkHelpers": { "pasta": pasta, "slirp4netns": slirp },
            "defaultNetwork": crate::network::default_name(),
            "availableNetwork": network,
            "newuidmap": helper("newuidmap"),
            "newgidmap": helper("newgidmap"),
            "fuseOverlayfs": helper("fuse-overlayfs"),
            "security": {
                "rootless": true,
                "seccompEnabled": seccomp_enabled(),
                "seccompProfilePath": "built-in (den's default profile)",
                "libseccompVersion": crate::runtime::seccomp::library_version(),
                "noNewPrivileges": false,
                "capabilities": crate::runtime::security::DEFAULT_CAPS.join(","),
                "maskedPaths": crate::runtime::security::DEFAULT_MASKED,
                "readOnlyPaths": crate::runtime::security::DEFAULT_READONLY,
            },
        },
        "checks": crate::config::host::findings(paths, true),
        "store": {
            "graphDriverName": driver_name,
            // As podman's with the kernel's overlay: no driver options.
            "graphOptions": {},
            "graphRoot": paths.data.display().to_string(),
            "volumePath": paths.data.join("volumes").display().to_string(),
            "runRoot": paths.runtime.display().to_string(),
            "imageStore": { "number": images },
            "containerStore": { "number": containers },
        },
        "version": version(),
    }))
}

/// What `den system check` reports: each thing checked, with the problem
/// and its fix where there is one.
pub fn check(paths: &Paths) -> Vec<crate::config::host::Finding> {
    crate::config::host::findings(paths, true)
}

/// den's version, as podman's `version` shapes it.
pub fn version() -> serde_json::Value {
    json!({
        "Version": env!("CARGO_PKG_VERSION"),
        "APIVersion": env!("CARGO_PKG_VERSION"),
        "OsArch": format!("linux/{}", crate::image::manifest::host_arch()),
        "Os": "linux",
    })
}

/// Replace this process with `command` (default: `$SHELL`) in den's user
/// namespace; returns only on failure.
pub fn unshare(paths: &Paths, mut command: Vec<String>, rootless_netns: bool) -> Result<i32> {
    // --rootless-netns: the user networks' shared namespace (its user
    // namespace is den's), held while the command runs.
    let held = if rootless_netns {
        Some(crate::network::holder::join(paths)?)
    } else {
        userns::enter()?;
        None
    };
    // A mount namespace of its own too, where `den mount` mounts rootfs
    // for the command (and what it runs) to see.
    userns::unshare(rustix::thread::UnshareFlags::NEWNS).context("creating a mount namespace")?;
    rustix::mount::mount_change(
        "/",
        rustix::mount::MountPropagationFlags::PRIVATE | rustix::mount::MountPropagationFlags::REC,
    )
    .context("making mounts private")?;
    std::env::set_var(crate::config::env::DEN_UNSHARE, "1");
    // As podman's: where the storage is, for scripts.
    std::env::set_var("CONTAINERS_GRAPHROOT", &paths.data);
    std::env::set_var("CONTAINERS_RUNROOT", &paths.runtime);
    if command.is_empty() {
        match std::env::var("SHELL") {
            Ok(s) if !s.is_empty() => command.push(s),
            _ => anyhow::bail!("no command given and no $SHELL set (give a command)"),
        }
    }
    if held.is_some() {
        // A child, so that the hold lasts as long as it runs.
        let status = std::process::Command::new(&command[0])
            .args(&command[1..])
            .status()
            .map_err(|e| {
                let code = match e.kind() {
                    std::io::ErrorKind::NotFound => crate::error::EXIT_NOT_FOUND,
                    std::io::ErrorKind::PermissionDenied => crate::error::EXIT_CANNOT_INVOKE,
                    _ => crate::error::EXIT_DEN,
                };
                crate::error::Exit::with(code, format!("running {}: {e}", command[0]))
            })?;
        drop(held);
        use std::os::unix::process::ExitStatusExt;
        let code = status
            .code()
            .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
        return if code == 0 {
            Ok(0)
        } else {
            Err(crate::error::Exit::status(code).into())
        };
    }
    let err = std::process::Command::new(&command[0])
        .args(&command[1..])
        .exec();
    let code = match err.kind() {
        std::io::ErrorKind::NotFound => crate::error::EXIT_NOT_FOUND,
        std::io::ErrorKind::PermissionDenied => crate::error::EXIT_CANNOT_INVOKE,
        _ => crate::error::EXIT_DEN,
    };
    Err(crate::error::Exit::with(code, format!("running {}: {err}", command[0])).into())
}

/// Whether this process runs inside `den unshare` (its user and mount
/// namespace), where `den mount` may mount.
pub fn in_unshare() -> bool {
    crate::config::env::var(crate::config::env::DEN_UNSHARE).is_some() && userns::in_child_userns()
}

/// The per-container supervisor (`den __supervise ID`).
pub fn supervise(paths: &Paths, id: &str, driver_flag: Option<&str>) -> Result<i32> {
    supervise_known(paths, id, None, driver_flag)
}

/// [`supervise`], with the container's config in hand when the caller
/// forked us from the command that read or recorded it (`engine/start.rs`):
/// not read again.
pub fn supervise_known(
    paths: &Paths,
    id: &str,
    known: Option<&crate::container::ContainerConfig>,
    driver_flag: Option<&str>,
) -> Result<i32> {
    use_paths(paths);
    crate::supervisor::run(paths, id, known, driver_flag)
}

/// Where this process finds den's pause process, which holds den's user
/// namespace (`runtime/pause.rs`): in the runtime directory of `paths`.
pub fn use_paths(paths: &Paths) {
    crate::runtime::pause::set_dir(&paths.runtime);
}

/// `den system migrate`, as podman's: stop the running containers and end
/// the pause process (and a spare network namespace made in its user
/// namespace), so that the next command makes den's user namespace
/// again, with the ranges /etc/subuid and /etc/subgid give now. `done`
/// hears of each container stopped. Whether a pause process was ended.
pub fn migrate(paths: &Paths, done: impl FnMut(&str, Result<()>)) -> Result<bool> {
    use crate::engine::containers::{for_each, stop, Selection};
    // Paused and restarting ones too, in one pass (stop leaves the
    // others as they are): each holds the old namespace.
    for_each(paths, Selection::All, |cs, c| stop(cs, c, None), done)?;
    // Made in the namespace that ends: no start could claim it.
    crate::network::spare::discard(&paths.runtime);
    // The user networks' shared namespace lives in den's user namespace
    // too, until its last user has gone: its end is waited for, or a
    // start right after joined it, with the old ranges.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while crate::network::holder::current(paths).is_some() {
        if std::time::Instant::now() > deadline {
            crate::warn!("the user networks' shared namespace is still in use (den unshare --rootless-netns?): its containers keep the old ranges until it ends");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    crate::runtime::pause::stop(&paths.runtime)
}

/// The argument that starts the pause process.
pub const PAUSE_ARG: &str = crate::runtime::pause::ARG;

/// The pause process itself (`den __pause`, started by den).
pub fn pause() -> i32 {
    crate::runtime::pause::serve()
}

/// The holder of the user's shared network namespace (`den __netns`).
pub fn hold_network_namespace(paths: &Paths) -> Result<i32> {
    crate::network::holder::serve(paths)
}
