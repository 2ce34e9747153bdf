//! What this host offers den, and what is wrong with it, each with its
//! fix: the runtime directory, subordinate ids, the id-map helpers, the
//! network helpers and /dev/net/tun, the storage driver and /dev/fuse,
//! cgroups. `den info` shows them; `den system check` prints them and
//! fails while any is a problem.

use serde::Serialize;

use super::paths::Paths;
use crate::image::store::Store;
use crate::runtime::idmap;
use crate::storage::driver;

/// One thing checked.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What was checked (`runtime directory`, `network`, ...).
    pub topic: &'static str,
    /// What den found.
    pub found: String,
    /// What is wrong and how to fix it; `None`: nothing is.
    pub problem: Option<String>,
}

fn finding(topic: &'static str, found: impl Into<String>, problem: Option<String>) -> Finding {
    Finding {
        topic,
        found: found.into(),
        problem,
    }
}

/// Everything checked, in a fixed order. `probe_overlay` tries an overlay
/// mount (a forked child: call while single-threaded).
pub fn findings(paths: &Paths, probe_overlay: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = rustix::process::geteuid().is_root() && !crate::runtime::userns::in_child_userns();
    out.push(finding(
        "user",
        idmap::user_name(idmap::host_uid()).unwrap_or_else(|| idmap::host_uid().to_string()),
        root.then(|| {
            "den runs as root: den is for users; run it without sudo, as the user who owns the containers".to_string()
        }),
    ));
    out.push(finding(
        "runtime directory",
        format!("{} ({})", paths.runtime.display(), paths.runtime_from),
        None,
    ));
    let maps = idmap::host_maps();
    let ranges = |m: &[idmap::IdRange]| -> String {
        m.iter()
            .skip(1)
            .map(|r| {
                format!(
                    "{}-{}",
                    r.outside,
                    u64::from(r.outside) + u64::from(r.count) - 1
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    match (&maps, idmap::missing_ranges()) {
        (Ok(m), None) => out.push(finding(
            "subordinate ids",
            format!("uids {}, gids {}", ranges(&m.uid), ranges(&m.gid)),
            None,
        )),
        (_, Some((what, fix))) => out.push(finding(
            "subordinate ids",
            "only your own id",
            Some(format!(
                "{what}: files of other ids in images become yours, and -u with another user fails (add a free range with: {fix})"
            )),
        )),
        (Err(e), None) => out.push(finding("subordinate ids", "unreadable", Some(format!("{e:#}")))),
    }
    let single = maps.as_ref().map(|m| m.single).unwrap_or(true);
    for tool in ["newuidmap", "newgidmap"] {
        let path = crate::network::helper::find(tool);
        let problem = (path.is_none() && !single).then(|| {
            format!("{tool} was not found in PATH: den needs it to map your subordinate ids (install the uidmap package, e.g. sudo apt-get install uidmap)")
        });
        out.push(finding(
            tool,
            path.map(|p| p.display().to_string())
                .unwrap_or_else(|| "missing".into()),
            problem,
        ));
    }
    let helpers: Vec<&str> = ["pasta", "slirp4netns"]
        .into_iter()
        .filter(|h| crate::network::helper::find(h).is_some())
        .collect();
    out.push(finding(
        "network",
        if helpers.is_empty() {
            "no helper".to_string()
        } else {
            format!("{} (default {})", helpers.join(", "), crate::network::default_name())
        },
        helpers.is_empty().then(|| {
            "neither pasta nor slirp4netns is installed: containers get no network but --network none or host (install passt, or slirp4netns)".to_string()
        }),
    ));
    let tun = crate::network::tun_problem();
    out.push(finding(
        "/dev/net/tun",
        if tun.is_none() {
            "usable"
        } else {
            "not usable"
        },
        tun.filter(|_| !helpers.is_empty()).map(|p| {
            format!("{p}: the default network needs it (or run containers with --network none)")
        }),
    ));
    let store = Store::new(paths);
    let remembered = driver::remembered(&store);
    let overlay = if probe_overlay {
        let scratch = paths.data.join("tmp");
        Some(driver::overlay_works(&scratch))
    } else {
        None
    };
    let fuse_installed = crate::network::helper::find("fuse-overlayfs").is_some();
    let fuse = driver::fuse_problem();
    let best = match (&overlay, fuse_installed && fuse.is_none()) {
        (Some(Ok(())), _) | (None, _) => "overlay",
        (Some(Err(_)), true) => "fuse-overlayfs",
        (Some(Err(_)), false) => "vfs",
    };
    let storage_problem = match (&overlay, best) {
        (Some(Err(why)), "vfs") => Some(format!(
            "only the vfs driver works, which copies every layer for every container: the kernel's overlayfs does not mount in a user namespace here ({why}; Linux 5.11 and later do), and fuse-overlayfs is {} (install fuse-overlayfs)",
            if fuse_installed { "not usable" } else { "not installed" }
        )),
        _ => None,
    };
    out.push(finding(
        "storage driver",
        format!(
            "{best} for new containers{}",
            match remembered {
                Some(d) if d.name() != best => format!(" (last used: {})", d.name()),
                _ => String::new(),
            }
        ),
        storage_problem,
    ));
    out.push(finding(
        "/dev/fuse",
        if fuse.is_none() {
            "usable"
        } else {
            "not usable"
        },
        fuse.filter(|_| fuse_installed && best == "vfs")
            .map(|p| format!("{p}: fuse-overlayfs needs it")),
    ));
    let (found, controllers) = crate::cgroups::describe();
    out.push(finding(
        "cgroups",
        match (found.contains("delegated "), controllers.is_empty()) {
            (true, true) => format!("{found}: no controllers (containers get a cgroup for pause, stats and cleanup; resource limits are refused)"),
            (true, false) => format!("{found}: {} (other resource limits are refused)", controllers.join(" ")),
            (false, _) => format!("{found} (containers run without cgroups; resource limits are refused)"),
        },
        None,
    ));
    out
}
