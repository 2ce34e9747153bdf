//! `compose down` and the verbs over a project's containers: stop and
//! remove its containers (the later services first), its networks, and
//! with `-v` its volumes; `stop` and `start`.

use anyhow::Result;
use serde_json::Value;

use super::{members, Loaded};
use crate::compose::service;
use crate::config::paths::Paths;
use crate::container::Containers;

/// What `down` removes besides containers and networks.
#[derive(Debug, Clone, Default)]
pub struct DownOptions {
    /// The project's named volumes, and its containers' anonymous ones.
    pub volumes: bool,
    /// Containers of services no longer in the files too.
    pub remove_orphans: bool,
    /// Seconds to wait for each container to stop.
    pub timeout: Option<u64>,
    /// Remove images too: `all` the services use, or only the `local`
    /// ones (built, with no `image:` name of their own).
    pub rmi: Option<String>,
}

/// Take the project down; `report` gets a line per step.
pub fn down(
    paths: &Paths,
    l: &Loaded,
    opts: &DownOptions,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let model = &l.project.model;
    let containers = Containers::new(paths);
    let order = service::start_order(model).unwrap_or_default();
    let mut ms = members(paths, &l.name)?;
    // Those of services left out for their profiles too: nothing of the
    // project is left behind.
    let known = |s: &str| {
        model.pointer(&format!("/services/{s}")).is_some()
            || l.project.disabled.iter().any(|d| d == s)
    };
    ms.retain(|m| opts.remove_orphans || known(&m.service));
    // The later services first.
    ms.sort_by_key(|m| {
        std::cmp::Reverse(
            order
                .iter()
                .position(|s| *s == m.service)
                .unwrap_or(usize::MAX),
        )
    });
    for m in &ms {
        crate::container::ops::stop(&containers, &m.config, opts.timeout)?;
        report(&format!("Container {}  Stopped", m.config.name));
    }
    // Removal in den's user namespace, in a child: see `in_den_userns`.
    crate::engine::containers::in_den_userns(|| remove_all(paths, l, &ms, opts, report))
}

fn remove_all(
    paths: &Paths,
    l: &Loaded,
    ms: &[super::Member],
    opts: &DownOptions,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let model = &l.project.model;
    remove_containers(paths, ms.iter().map(|m| &m.config), opts.volumes, report)?;
    // The secrets and configs den kept for the project (`up` puts them
    // again); one a container still uses (a `run` of another) stays.
    let kept = |s: &crate::engine::secrets::Secret| {
        s.labels.get(service::PROJECT) == Some(&l.name)
            && ["secret", "config"]
                .iter()
                .any(|k| s.labels.contains_key(&format!("com.docker.compose.{k}")))
    };
    for s in crate::engine::secrets::list(paths)? {
        if kept(&s) {
            if let Err(e) = crate::engine::secrets::remove(paths, &s) {
                crate::warn!("{e:#}");
            }
        }
    }
    for n in service::declared(model, "networks") {
        if !n.external && crate::engine::networks::find(paths, &n.name).is_ok() {
            crate::engine::networks::remove(paths, std::slice::from_ref(&n.name), None, |_| {})?;
            report(&format!("Network {}  Removed", n.name));
        }
    }
    if let Some(which) = &opts.rmi {
        let services = model
            .get("services")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let images: Vec<String> = services
            .iter()
            .filter(|(_, svc)| which == "all" || svc.get("image").is_none())
            .map(|(name, svc)| service::built_image(&l.name, name, svc))
            .filter(|i| {
                crate::engine::images::lookup(paths, i)
                    .ok()
                    .flatten()
                    .is_some()
            })
            .collect();
        if !images.is_empty() {
            let req = crate::engine::images::RemoveRequest {
                images,
                all: false,
                force: false,
            };
            crate::engine::images::remove(paths, &req, |r| match r {
                crate::engine::images::Removal::Untagged(n)
                | crate::engine::images::Removal::Deleted(n) => {
                    report(&format!("Image {n}  Removed"))
                }
                crate::engine::images::Removal::Failed(e) => crate::warn!("{e:#}"),
            })?;
        }
    }
    if opts.volumes {
        for v in service::declared(model, "volumes") {
            if !v.external && crate::engine::volumes::find(paths, &v.name).is_ok() {
                crate::engine::volumes::remove(
                    paths,
                    std::slice::from_ref(&v.name),
                    false,
                    None,
                    |_| {},
                )?;
                report(&format!("Volume {}  Removed", v.name));
            }
        }
    }
    Ok(())
}

/// The project's containers of `services` (none: all), in start order;
/// not `compose run`'s, as Compose leaves them out of `start`, `stop`,
/// `restart`, `pause` and `rm` (an old one-off was started again).
fn chosen(paths: &Paths, l: &Loaded, services: &[String]) -> Result<Vec<super::Member>> {
    let order = service::start_order(&l.project.model).unwrap_or_default();
    for s in services {
        if !order.contains(s) {
            anyhow::bail!("no such service: {s}");
        }
    }
    let mut ms: Vec<super::Member> = members(paths, &l.name)?
        .into_iter()
        .filter(|m| !m.one_off())
        .filter(|m| services.is_empty() || services.contains(&m.service))
        .collect();
    ms.sort_by_key(|m| {
        order
            .iter()
            .position(|s| *s == m.service)
            .unwrap_or(usize::MAX)
    });
    Ok(ms)
}

/// Wait until the containers of `services` have stopped (one already
/// ended counts as it is); the exit code of the one that ended last
/// (Compose's `wait`), each said to `report` as Compose says it, in the
/// order they ended.
pub fn wait(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    report: &mut dyn FnMut(&str),
) -> Result<i32> {
    let containers = Containers::new(paths);
    let ms = chosen(paths, l, services)?;
    if ms.is_empty() {
        anyhow::bail!(
            "no containers of {} in project {}",
            services.join(", "),
            l.name
        );
    }
    let mut ended = Vec::new();
    for m in &ms {
        let code = crate::container::ops::wait(&containers, &m.config)?;
        let at = containers
            .live_state(&m.config.id)
            .ok()
            .and_then(|s| s.finished_at);
        ended.push((at, code, m.config.id.clone()));
    }
    ended.sort_by_key(|(at, _, _)| *at);
    for (_, code, id) in &ended {
        report(&format!("container {id:?} exited with status code {code}"));
    }
    Ok(ended.last().map_or(0, |(_, code, _)| *code))
}

/// Stop the project's running containers (the later services first).
pub fn stop(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    timeout: Option<u64>,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let containers = Containers::new(paths);
    for m in chosen(paths, l, services)?
        .iter()
        .rev()
        .filter(|m| m.state.active())
    {
        crate::container::ops::stop(&containers, &m.config, timeout)?;
        report(&format!("Container {}  Stopped", m.config.name));
    }
    Ok(())
}

/// Start the project's stopped containers (in start order).
pub fn start(
    paths: &Paths,
    g: &crate::engine::start::Globals,
    l: &Loaded,
    services: &[String],
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let containers = Containers::new(paths);
    for m in chosen(paths, l, services)?
        .iter()
        .filter(|m| !m.state.active())
    {
        if let Some(p) = containers
            .live_state(&m.config.id)
            .ok()
            .map(|s| s.supervisor)
        {
            p.wait_gone(Some(std::time::Duration::from_secs(10)));
        }
        crate::engine::start::detached(g, &m.config)?;
        report(&format!("Container {}  Started", m.config.name));
    }
    Ok(())
}

/// Remove the project's stopped containers of `services` (running ones
/// too, stopped first, with `stop`).
pub fn remove(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    stop: bool,
    volumes: bool,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let containers = Containers::new(paths);
    let ms: Vec<super::Member> = chosen(paths, l, services)?
        .into_iter()
        .filter(|m| stop || !m.state.active())
        .collect();
    for m in ms.iter().rev().filter(|m| m.state.active()) {
        crate::container::ops::stop(&containers, &m.config, None)?;
    }
    if ms.is_empty() {
        return Ok(());
    }
    crate::engine::containers::in_den_userns(|| {
        remove_containers(paths, ms.iter().map(|m| &m.config), volumes, report)
    })
}

/// Remove stopped containers, and their anonymous volumes with `volumes`.
/// Call in den's user namespace (`in_den_userns`).
pub(super) fn remove_containers<'a>(
    paths: &Paths,
    configs: impl IntoIterator<Item = &'a crate::container::ContainerConfig>,
    volumes: bool,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let containers = Containers::new(paths);
    let vols = crate::volume::Volumes::new(paths);
    for c in configs {
        crate::container::ops::remove(&containers, c, true)?;
        if volumes {
            let others = containers.list().unwrap_or_default();
            vols.remove_anonymous(c, &others);
        }
        report(&format!("Container {}  Removed", c.name));
    }
    Ok(())
}

/// Pause (or unpause) the project's containers of `services`.
pub fn pause(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    paused: bool,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let containers = Containers::new(paths);
    for m in chosen(paths, l, services)? {
        match (paused, m.state.status.as_str()) {
            (true, "running") => {
                crate::container::ops::pause(&containers, &m.config)?;
                report(&format!("Container {}  Paused", m.config.name));
            }
            (false, "paused") => {
                crate::container::ops::unpause(&containers, &m.config)?;
                report(&format!("Container {}  Unpaused", m.config.name));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Send `signal` to a project's container.
pub fn kill(paths: &Paths, m: &super::Member, signal: i32) -> Result<()> {
    crate::container::ops::kill(&Containers::new(paths), &m.config, signal)
}

/// Pull the images of `services` (none: all) that do not build.
pub fn pull(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    opts: &crate::engine::images::PullOptions,
    how: &PullHow,
) -> Result<()> {
    let all = l
        .project
        .model
        .get("services")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for s in services {
        if !all.contains_key(s) {
            anyhow::bail!("no such service: {s}");
        }
    }
    for (name, svc) in all
        .iter()
        .filter(|(name, _)| services.is_empty() || services.contains(name))
    {
        let Some(image) = svc.get("image").and_then(Value::as_str) else {
            continue;
        };
        let builds = svc.get("build").is_some();
        let policy = svc.get("pull_policy").and_then(Value::as_str).unwrap_or("");
        if (builds && how.ignore_buildable) || matches!(policy, "never" | "build") {
            continue;
        }
        let missing_only = how.missing_only || matches!(policy, "missing" | "if_not_present");
        if missing_only && crate::engine::images::lookup(paths, image)?.is_some() {
            continue;
        }
        match crate::engine::images::pull(paths, &[image.to_string()], opts, |_| {}) {
            Ok(()) => {}
            // As Compose: a service that builds is built instead.
            Err(e) if builds => {
                crate::warn!("service {name}: {image} could not be pulled ({e:#}): up builds it")
            }
            Err(e) if how.ignore_failures => {
                crate::warn!("service {name}: {image} could not be pulled: {e:#}")
            }
            Err(e) => return Err(e.context(format!("service {name}"))),
        }
    }
    Ok(())
}

/// How `compose pull` goes about it.
#[derive(Debug, Default)]
pub struct PullHow {
    /// `--ignore-pull-failures`: a warning, the others pulled.
    pub ignore_failures: bool,
    /// `--ignore-buildable`: services with `build:` left out.
    pub ignore_buildable: bool,
    /// `--policy missing`: only images not here.
    pub missing_only: bool,
}
