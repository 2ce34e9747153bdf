//! Operations on containers that exist: find and list them, stop, kill,
//! pause, wait, restart, rename, remove, prune. (Making one is
//! [`super::create`], starting one [`super::start`], running a command in
//! one [`super::exec`].)

use std::io::Read;

use anyhow::{bail, Context, Result};

use super::start::{self, Globals};
use crate::config::paths::Paths;
pub use crate::container::ops::{
    end_orphaned_helpers, kill, pause, remove, stop, unpause, wait_for, WAIT_CONDITIONS,
};
pub use crate::container::process::parse_signal;
use crate::container::summary::Summary;
pub use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::error::{Error, Kind};

/// The containers a batch operation acts on.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    /// These names or ids, in order (one that matches none fails alone).
    Named(&'a [String]),
    /// Every container, oldest first.
    All,
    /// Every container in this status (`running`, `paused`), oldest first.
    WithStatus(&'static str),
}

/// The selected containers, each with how to name it in a report (the
/// name as given, or the id).
pub fn select(
    containers: &Containers,
    sel: Selection,
) -> Result<Vec<(String, Result<ContainerConfig>)>> {
    let everything = || -> Result<Vec<ContainerConfig>> {
        let mut list = containers.list()?;
        list.sort_by_key(|c| c.created);
        Ok(list)
    };
    Ok(match sel {
        Selection::Named([]) => bail!("give at least one container name or id, or --all"),
        Selection::Named(names) => names
            .iter()
            .map(|n| (n.clone(), containers.find(n)))
            .collect(),
        Selection::All => everything()?
            .into_iter()
            .map(|c| (c.id.clone(), Ok(c)))
            .collect(),
        Selection::WithStatus(status) => everything()?
            .into_iter()
            .filter(|c| {
                containers
                    .live_state(&c.id)
                    .is_ok_and(|s| s.status == status)
            })
            .map(|c| (c.id.clone(), Ok(c)))
            .collect(),
    })
}

/// The container made last (podman's `--latest`): its id.
pub fn latest(paths: &Paths) -> Result<String> {
    Containers::new(paths)
        .list()?
        .into_iter()
        .max_by_key(|c| c.created)
        .map(|c| c.id)
        .ok_or_else(|| {
            anyhow::anyhow!("--latest: there are no containers (create one, or name the container)")
        })
}

/// Apply `f` to each selected container; `done` hears of each, by the
/// name it was given (or its id), with how it went. One failure does not
/// stop the others.
pub fn for_each(
    paths: &Paths,
    sel: Selection,
    mut f: impl FnMut(&Containers, &ContainerConfig) -> Result<()>,
    mut done: impl FnMut(&str, Result<()>),
) -> Result<()> {
    let containers = Containers::new(paths);
    for (label, c) in select(&containers, sel)? {
        done(&label, c.and_then(|c| f(&containers, &c)));
    }
    Ok(())
}

/// Remove the selected containers (`force`: running ones too, stopped
/// first, killed after `timeout` seconds, from the host's user namespace,
/// where a helper can still join theirs to signal them; `volumes`: their
/// anonymous volumes too).
pub fn remove_selected(
    paths: &Paths,
    sel: Selection,
    force: bool,
    timeout: u64,
    volumes: bool,
    depend: bool,
    mut done: impl FnMut(&str, Result<()>),
) -> Result<()> {
    let containers = Containers::new(paths);
    let mut chosen = select(&containers, sel)?;
    let all = containers.list()?;
    order_for_removal(&all, &mut chosen, depend);
    // Whose removal failed: a container they depend on stays.
    let mut kept: Vec<String> = Vec::new();
    if force {
        // One that cannot be stopped is that container's error; the rest
        // go on (it stopped the whole command), and what it depends on
        // stays with it.
        for (_, c) in chosen.iter_mut() {
            let failed = match c {
                Ok(cfg) => stop(&containers, cfg, Some(timeout))
                    .err()
                    .map(|e| (cfg.id.clone(), e)),
                Err(_) => None,
            };
            if let Some((id, e)) = failed {
                kept.push(id);
                *c = Err(e);
            }
        }
    }
    prepare_removal();
    // Once per command, first: what a killed remover left (the removers
    // this command starts are left to finish on their own).
    containers.empty_trash(false);
    let store = crate::volume::Volumes::new(paths);
    for (label, c) in chosen {
        let id = c.as_ref().ok().map(|c| c.id.clone());
        let r = c.and_then(|c| {
            let left: Vec<_> = crate::container::ops::dependents(&all, &c)
                .into_iter()
                .filter(|d| kept.contains(&d.id))
                .collect();
            if !left.is_empty() {
                return Err(has_dependents(&c, &left));
            }
            remove(&containers, &c, force)?;
            if volumes {
                store.remove_anonymous(&c, &containers.list()?);
            }
            Ok(())
        });
        if let (Err(_), Some(id)) = (&r, id) {
            kept.push(id);
        }
        done(&label, r);
    }
    Ok(())
}

/// Ready `chosen` for removal: with `depend`, the containers that depend
/// on each added (podman's `rm --depend`); dependents before what they
/// depend on (a chain: the newest first); and one that others still
/// depend on, which are not removed with it, refused (before anything,
/// even a stop, is done to it).
fn order_for_removal(
    all: &[ContainerConfig],
    chosen: &mut Vec<(String, Result<ContainerConfig>)>,
    depend: bool,
) {
    use crate::container::ops::{dependents, depends_on};
    let mut i = 0;
    while depend && i < chosen.len() {
        if let Ok(c) = &chosen[i].1 {
            for d in dependents(all, c) {
                if !chosen
                    .iter()
                    .any(|(_, x)| x.as_ref().is_ok_and(|x| x.id == d.id))
                {
                    chosen.push((d.id.clone(), Ok(d.clone())));
                }
            }
        }
        i += 1;
    }
    let ids: Vec<String> = chosen
        .iter()
        .filter_map(|(_, c)| c.as_ref().ok().map(|c| c.id.clone()))
        .collect();
    let targets: Vec<String> = chosen
        .iter()
        .filter_map(|(_, c)| c.as_ref().ok())
        .flat_map(|c| depends_on(c).into_iter().map(String::from))
        .collect();
    chosen.sort_by_key(|(_, c)| match c {
        Ok(c) if targets.contains(&c.id) => (1, std::cmp::Reverse(Some(c.created))),
        _ => (0, std::cmp::Reverse(None)),
    });
    for (_, c) in chosen.iter_mut() {
        let Ok(cfg) = c else { continue };
        let left: Vec<&ContainerConfig> = dependents(all, cfg)
            .into_iter()
            .filter(|d| !ids.contains(&d.id))
            .collect();
        if !left.is_empty() {
            *c = Err(has_dependents(cfg, &left));
        }
    }
}

/// `cfg` stays: `left` depend on it.
fn has_dependents(cfg: &ContainerConfig, left: &[&ContainerConfig]) -> anyhow::Error {
    let names: Vec<&str> = left.iter().map(|d| d.name.as_str()).collect();
    anyhow::anyhow!(
        "container {} has dependent containers which must be removed before it: {} (remove them first, or use rm --depend)",
        cfg.name,
        names.join(", ")
    )
}

/// A container's published ports, each as (`PORT/PROTO` inside,
/// `ADDRESS:PORT` outside).
pub fn published(c: &ContainerConfig) -> Vec<(String, String)> {
    c.net
        .ports
        .iter()
        .flat_map(|p| {
            p.pairs().map(move |(host, port)| {
                (
                    format!("{port}/{}", p.protocol),
                    format!("{}:{host}", p.host_addr()),
                )
            })
        })
        .collect()
}

/// Which containers to list.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Stopped ones too (implied by a status or exited filter).
    pub all: bool,
    /// `KEY=VALUE`: name, id, status, label, ancestor, exited; all must hold.
    pub filters: Vec<String>,
    /// Only the newest N.
    pub last: Option<usize>,
    /// Measure each one's writable layer.
    pub size: bool,
}

/// A listed container.
pub struct Listed {
    pub config: Summary,
    pub state: ContainerState,
    /// The size of its writable layer, when asked for.
    pub size: Option<u64>,
    /// `starting`, `healthy` or `unhealthy` while it runs with a
    /// healthcheck.
    pub health: Option<String>,
}

/// The health status of a running container with a healthcheck.
fn health_of(containers: &Containers, c: &Summary, st: &ContainerState) -> Option<String> {
    if !c.has_health || !matches!(st.status.as_str(), "running" | "paused") {
        return None;
    }
    Some(
        crate::container::health::read(&containers.dir(&c.id))
            .unwrap_or_default()
            .status,
    )
}

/// The containers that match, newest first, with their live state.
pub fn list(paths: &Paths, opts: &ListOptions) -> Result<Vec<Listed>> {
    let containers = Containers::new(paths);
    let mut list: Vec<(Summary, ContainerState)> = Vec::new();
    for c in containers.summaries()? {
        let st = containers.live_state(&c.id)?;
        list.push((c, st));
    }
    // Newest first, as podman sorts by creation.
    list.sort_by_key(|(c, _)| std::cmp::Reverse(c.created));
    let show_all = opts.all
        || opts.last.is_some()
        || opts
            .filters
            .iter()
            .any(|f| f.starts_with("status=") || f.starts_with("exited="));
    let mut kept = Vec::new();
    for (c, st) in list {
        if !show_all && !st.active() {
            continue;
        }
        let health = health_of(&containers, &c, &st);
        let ok = crate::util::filters::passes(
            &opts.filters,
            |f| crate::util::filters::key_of(f),
            |f| matches(&c, &st, health.as_deref(), f),
        )?;
        if ok {
            kept.push((c, st, health));
        }
    }
    if let Some(n) = opts.last {
        kept.truncate(n);
    }
    if opts.size {
        super::inspect::prepare_sizes()?;
    }
    Ok(kept
        .into_iter()
        .map(|(config, state, health)| Listed {
            health,
            size: opts
                .size
                .then(|| super::inspect::rw_size(&containers, &config.id)),
            config,
            state,
        })
        .collect())
}

fn matches(c: &Summary, st: &ContainerState, health: Option<&str>, filter: &str) -> Result<bool> {
    let (key, value) = filter.split_once('=').unwrap_or((filter, ""));
    Ok(match key {
        "name" => crate::util::pattern::name_matches(value, &c.name)?,
        "id" => c.id.starts_with(value),
        "status" => {
            if !matches!(value, "created" | "running" | "paused" | "exited" | "stopped" | "restarting" | "removing" | "unknown") {
                bail!("invalid status filter {value:?} (use created, running, paused or exited)");
            }
            st.status == value || (value == "stopped" && st.status == "exited")
        }
        "label" => {
            let (k, v) = value.split_once('=').unwrap_or((value, ""));
            c.labels.get(k).is_some_and(|x| v.is_empty() && !value.contains('=') || x == v)
        }
        "ancestor" => {
            c.image_id.starts_with(value)
                || c.image_name == value
                || c.image_name.rsplit_once(':').is_some_and(|(repo, _)| repo == value || repo.ends_with(&format!("/{value}")))
                || c.image_name.ends_with(&format!("/{value}"))
        }
        "restart-policy" => {
            if !matches!(value, "no" | "on-failure" | "always" | "unless-stopped") {
                bail!("invalid restart-policy filter {value:?} (use no, on-failure, always or unless-stopped)");
            }
            (if c.restart.is_empty() { "no" } else { c.restart.as_str() }) == value
        }
        "exited" => st.status == "exited" && st.exit_code.map(|x| x.to_string()).as_deref() == Some(value),
        "health" => match value {
            "healthy" | "unhealthy" | "starting" => health == Some(value),
            "none" => !c.has_health,
            _ => bail!("invalid health filter {value:?} (use healthy, unhealthy, starting or none)"),
        },
        other => bail!("unknown filter {other:?} (den filters by name, id, status, label, ancestor, exited, health and restart-policy)"),
    })
}

/// Whether the container's last stop was asked for (`den stop`), not
/// the end of its command or of its supervisor.
pub fn stopped_by_user(paths: &Paths, id: &str) -> bool {
    Containers::new(paths).stop_marker(id).exists()
}

/// Call after stopping containers and before removing them: their files
/// belong to subordinate ids, which only den's user namespace may delete.
/// Whatever the host lacks (newuidmap), a record can still be dropped.
pub fn prepare_removal() {
    if crate::runtime::userns::enter_for_cleanup() == crate::storage::extract::Owners::Single {
        crate::storage::remove::remove_in_place();
    }
}

/// Stop `c` (waiting `timeout` seconds before SIGKILL) and start it again.
pub fn restart(
    containers: &Containers,
    g: &Globals,
    c: &ContainerConfig,
    timeout: Option<u64>,
) -> Result<()> {
    stop(containers, c, timeout)?;
    if let Some(p) = containers.live_state(&c.id).ok().map(|s| s.supervisor) {
        p.wait_gone(Some(std::time::Duration::from_secs(10)));
    }
    start::detached(g, c)
}

/// Give container `container` the name `name`.
pub fn rename(paths: &Paths, container: &str, name: &str) -> Result<()> {
    if !crate::util::ids::is_valid_name(name) {
        bail!("invalid container name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    let containers = Containers::new(paths);
    let _lock = containers.lock()?;
    let mut c = containers.find(container)?;
    if let Some(other) = containers
        .list()?
        .into_iter()
        .find(|o| o.name == name && o.id != c.id)
    {
        return Err(Error::conflict(
            Kind::Container,
            format!(
                "the container name {name:?} is already in use by {}",
                &other.id[..12]
            ),
        ));
    }
    c.name = name.to_string();
    containers.write_config(&c)?;
    containers.event("rename", &c, &[]);
    Ok(())
}

/// Remove every container that is not running and in no pod (a pod's
/// go with it, `pod prune`), as podman's; calls `removed` with each id.
pub fn prune(
    paths: &Paths,
    filter: &super::prune::PruneFilter,
    mut removed: impl FnMut(&str),
) -> Result<()> {
    prepare_removal();
    let containers = Containers::new(paths);
    containers.empty_trash(false);
    // The filters of containers whose removers have finished since (the
    // ones removed below are still linked from the trash when it ends).
    crate::container::filters::sweep(&containers.root);
    for c in containers.list()? {
        let st = containers.live_state(&c.id)?;
        if c.extras.pod.is_none() && !st.active() && filter.allows(c.created, &c.labels) {
            remove(&containers, &c, false)?;
            removed(&c.id);
        }
    }
    crate::container::filters::sweep(&containers.root);
    Ok(())
}

/// Run `work` in a forked child inside den's user namespace (removing
/// containers and volumes: their files belong to subordinate ids), so that
/// this process stays in the host's and can still start containers on
/// user networks, whose namespaces it must join from there.
pub(crate) fn in_den_userns(work: impl FnOnce() -> Result<()>) -> Result<()> {
    use crate::runtime::spawn;
    let (err_r, err_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let Some(pid) = spawn::fork().context("fork")? else {
        drop(err_r);
        prepare_removal();
        let code = match work() {
            Ok(()) => 0,
            Err(e) => {
                let _ = rustix::io::write(&err_w, format!("{e:#}").as_bytes());
                crate::error::EXIT_DEN
            }
        };
        spawn::exit_child(code);
    };
    drop(err_w);
    let mut message = String::new();
    let _ = std::fs::File::from(err_r).read_to_string(&mut message);
    let status = nix::sys::wait::waitpid(pid, None).context("waitpid")?;
    if spawn::exit_code(status) != Some(0) {
        if message.is_empty() {
            bail!("removing the project's containers failed");
        }
        bail!("{message}");
    }
    Ok(())
}
