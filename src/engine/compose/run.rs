//! `compose run`: a one-off container of a service (its spec, with the
//! command and settings given), after the services it depends on are up.
//! Its ports are not published unless asked (`--service-ports`), as
//! Compose does, so it cannot clash with the service's own containers.

use anyhow::{anyhow, bail, Result};

use super::Loaded;
use crate::compose::service;
use crate::config::paths::Paths;
use crate::engine::images::PullOptions;
use crate::engine::spec::ContainerSpec;
use crate::engine::start::Globals;

/// What `run` changes in the service's spec.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    /// The command (empty: the service's).
    pub command: Vec<String>,
    /// `--entrypoint`, split as a shell would (as Compose splits it).
    pub entrypoint: Option<String>,
    /// `KEY=VALUE` over the service's environment.
    pub env: Vec<String>,
    pub name: Option<String>,
    pub remove: bool,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub service_ports: bool,
    pub tty: bool,
    pub interactive: bool,
    /// `-v`: more mounts (a relative host path from the project's
    /// directory, as Compose resolves it).
    pub volumes: Vec<String>,
    /// `-p`: more published ports.
    pub publish: Vec<String>,
    /// `-l KEY=VALUE`: more labels.
    pub labels: Vec<String>,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    /// `--pull`: over the service's pull policy.
    pub pull: Option<crate::engine::spec::PullPolicy>,
}

/// The services `name` depends on (directly).
pub fn dependencies(l: &Loaded, name: &str) -> Vec<String> {
    l.project
        .model
        .pointer(&format!("/services/{name}"))
        .map(service::dependencies)
        .unwrap_or_default()
}

/// Before a one-off container of service `name`: the services it depends
/// on up (unless `no_deps`), else the project's networks and volumes
/// made, as `up` makes them (its network was missing on a project never
/// up).
pub fn prepare(
    paths: &Paths,
    g: &Globals,
    l: &Loaded,
    name: &str,
    no_deps: bool,
    pull: &dyn Fn() -> Result<PullOptions>,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    if l.project
        .model
        .pointer(&format!("/services/{name}"))
        .is_none()
    {
        bail!("no such service: {name}");
    }
    super::up::store_given(paths, l, &[name.to_string()])?;
    let deps = dependencies(l, name);
    if no_deps || deps.is_empty() {
        return super::up::networks_and_volumes(paths, l, report);
    }
    let up = super::UpOptions {
        services: deps,
        ..Default::default()
    };
    super::up(paths, g, l, &up, pull, report)
}

/// The spec of a one-off container of service `name`.
pub fn run_spec(paths: &Paths, l: &Loaded, name: &str, req: &RunRequest) -> Result<ContainerSpec> {
    let svc = l
        .project
        .model
        .pointer(&format!("/services/{name}"))
        .ok_or_else(|| anyhow!("no such service: {name}"))?;
    let ctx = l.context();
    let mut spec = service::spec_of(&ctx, name, svc, 1).map_err(|e| l.project.locate(e))?;
    let suffix = &crate::util::ids::new_id()[..12];
    spec.name = Some(
        req.name
            .clone()
            .unwrap_or_else(|| format!("{}-{name}-run-{suffix}", l.name)),
    );
    if let Some(n) = &spec.name {
        if crate::container::Containers::new(paths).find(n).is_ok() {
            bail!("a container named {n} exists already");
        }
    }
    spec.labels.insert(service::ONEOFF.into(), "True".into());
    spec.labels.remove(service::NUMBER);
    if !req.command.is_empty() {
        spec.command = req.command.clone();
    }
    if let Some(e) = &req.entrypoint {
        spec.entrypoint = Some(service::shell_words(e)?);
        // A new entrypoint drops the service's command, as Compose's.
        if req.command.is_empty() {
            spec.command.clear();
        }
    }
    spec.env.extend(req.env.iter().cloned());
    if req.user.is_some() {
        spec.user = req.user.clone();
    }
    if req.workdir.is_some() {
        spec.workdir = req.workdir.clone();
    }
    if !req.service_ports {
        spec.network.publish.clear();
        spec.network.shared_ports = false;
    }
    for p in &req.publish {
        spec.network
            .publish
            .push(crate::engine::spec::parse_publish(p)?);
    }
    for v in &req.volumes {
        let v = match v.strip_prefix('.') {
            Some(_) => format!("{}/{v}", l.dir.display()),
            None => v.clone(),
        };
        spec.mounts
            .push(crate::engine::spec::mounts::parse_volume(&v)?);
    }
    for kv in &req.labels {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        spec.labels.insert(k.to_string(), v.to_string());
    }
    if let Some(p) = req.pull {
        spec.pull = p;
    }
    spec.security.cap_add.extend(req.cap_add.iter().cloned());
    spec.security.cap_drop.extend(req.cap_drop.iter().cloned());
    spec.remove = req.remove;
    // A one-off is never restarted, as Compose clears the policy (a
    // `restart: always` service's one-off restarted for good).
    spec.restart = Default::default();
    spec.tty = req.tty;
    spec.interactive = req.interactive;
    Ok(spec)
}
