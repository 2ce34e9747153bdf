//! `compose up`: networks and volumes first, then each service's
//! containers in dependency order, each waiting for what it depends on
//! (`service_started`, `service_healthy`, `service_completed_successfully`).
//! A container whose service is unchanged (its config-hash label) is left
//! as it is (started if stopped); a changed one is recreated.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

use super::{members, Loaded, Member};
use crate::compose::service;
use crate::config::paths::Paths;
use crate::container::Containers;
use crate::engine::images::PullOptions;
use crate::engine::start::Globals;

/// What `up` does.
#[derive(Debug, Clone, Default)]
pub struct UpOptions {
    /// Only these services (and what they depend on); none: all.
    pub services: Vec<String>,
    pub force_recreate: bool,
    pub no_recreate: bool,
    /// Replicas per service over the file's (`--scale S=N`).
    pub scale: BTreeMap<String, u32>,
    /// Remove containers of services no longer in the files.
    pub remove_orphans: bool,
    /// Wait until every container runs (and is healthy, with a check).
    pub wait: bool,
    /// Make the networks, volumes and containers, start none.
    pub no_start: bool,
    /// Only the services asked for, not what they depend on.
    pub no_deps: bool,
    /// Seconds a container to replace has to stop (none: its own).
    pub timeout: Option<u64>,
    /// How long `wait` and dependencies' conditions may take (none: five
    /// minutes).
    pub wait_timeout: Option<Duration>,
    /// `--pull`: every service's pull policy (none: each its own).
    pub pull: Option<crate::engine::spec::PullPolicy>,
}

/// How long a dependency may take to become healthy or to complete.
const DEPENDENCY_TIMEOUT: Duration = Duration::from_secs(300);

fn labels(project: &str, key: &str, kind: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (service::PROJECT.to_string(), project.to_string()),
        (format!("com.docker.compose.{kind}"), key.to_string()),
    ])
}

/// What a top-level network's definition asks of `network create`:
/// `driver` (bridge), `internal`, `labels`, and `ipam`'s first
/// configuration (subnet, gateway, ip_range); what den cannot give
/// (another driver, a second subnet, IPv6, driver options) is an error or
/// a warning naming it, never dropped in silence.
fn network_request(key: &str, def: &Value) -> Result<crate::network::networks::NewNetwork> {
    let text = |v: &Value| {
        v.as_str()
            .map(String::from)
            .unwrap_or_else(|| v.to_string())
    };
    if let Some(driver) = def.get("driver").map(text) {
        if driver != "bridge" {
            bail!("network {key}: driver {driver:?}: den has the bridge driver only (leave driver: out)");
        }
    }
    let mut unapplied = Vec::new();
    if let Some(Value::Object(opts)) = def.get("driver_opts") {
        unapplied.extend(opts.keys().map(|k| format!("driver_opts.{k}")));
    }
    if def.get("enable_ipv6").and_then(Value::as_bool) == Some(true) {
        unapplied.push("enable_ipv6".to_string());
    }
    let mut req = crate::network::networks::NewNetwork {
        internal: def.get("internal").and_then(Value::as_bool) == Some(true),
        ..Default::default()
    };
    if let Some(Value::Object(labels)) = def.get("labels") {
        req.labels
            .extend(labels.iter().map(|(k, v)| (k.clone(), text(v))));
    }
    if let Some(ipam) = def.get("ipam") {
        if let Some(d) = ipam.get("driver").map(text).filter(|d| d != "default") {
            unapplied.push(format!("ipam.driver {d}"));
        }
        if ipam.get("options").is_some() {
            unapplied.push("ipam.options".to_string());
        }
        let configs = ipam
            .get("config")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, c) in configs.iter().enumerate() {
            if i > 0 {
                unapplied.push(format!("ipam.config[{i}] (den gives a network one subnet)"));
                continue;
            }
            req.subnet = c.get("subnet").map(text);
            req.gateway = c.get("gateway").map(text);
            req.ip_range = c.get("ip_range").map(text);
            if c.get("aux_addresses").is_some() {
                unapplied.push("ipam.config[0].aux_addresses".to_string());
            }
        }
    }
    if !unapplied.is_empty() {
        crate::warn!(
            "network {key}: den does not apply {}: the network is made without",
            unapplied.join(", ")
        );
    }
    Ok(req)
}

/// Make the project's networks and volumes that are missing; external
/// ones must exist.
pub(super) fn networks_and_volumes(
    paths: &Paths,
    l: &Loaded,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let model = &l.project.model;
    // All checked before any is made: a bad one leaves nothing behind.
    let mut networks = Vec::new();
    for n in service::declared(model, "networks") {
        if crate::engine::networks::find(paths, &n.name).is_ok() {
            continue;
        }
        if n.external {
            bail!("network {} is external (external: true) but does not exist: make it with den network create {}", n.name, n.name);
        }
        let mut req = network_request(n.key, n.def)?;
        req.name = Some(n.name.clone());
        req.labels.extend(labels(&l.name, n.key, "network"));
        networks.push(req);
    }
    let mut volumes = Vec::new();
    for v in service::declared(model, "volumes") {
        if crate::engine::volumes::find(paths, &v.name).is_ok() {
            continue;
        }
        if v.external {
            bail!("volume {} is external (external: true) but does not exist: make it with den volume create {}", v.name, v.name);
        }
        // `driver_opts` are the local driver's options (`type: none, o:
        // bind, device: /srv/data` binds a host directory): dropped, the
        // data went into den's storage, and `down -v` deleted it.
        let driver = v
            .def
            .get("driver")
            .map(service::text)
            .unwrap_or_else(|| "local".into());
        if driver != "local" {
            bail!("volume {}: driver {driver:?}: den has the local driver only (its driver_opts type, o and device)", v.key);
        }
        let strings = |key: &str| -> BTreeMap<String, String> {
            v.def
                .get(key)
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, x)| (k.clone(), service::text(x)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut labelled = strings("labels");
        labelled.extend(labels(&l.name, v.key, "volume"));
        volumes.push(crate::engine::volumes::NewVolume {
            name: Some(v.name.clone()),
            driver,
            labels: labelled,
            options: strings("driver_opts"),
        });
    }
    for req in networks {
        let name = req.name.clone().unwrap_or_default();
        crate::engine::networks::create(paths, "bridge", req, true)?;
        report(&format!("Network {name}  Created"));
    }
    for req in volumes {
        let name = req.name.clone().unwrap_or_default();
        crate::engine::volumes::create(paths, req)?;
        report(&format!("Volume {name}  Created"));
    }
    Ok(())
}

/// Put the data of the secrets and configs `services` use that the
/// Compose file gives (`environment:`, `content:`) in den's secret store,
/// each time: a changed variable reaches the containers at their next
/// start, as they read it then. A secret of that name den did not make
/// for this very key of this project is refused, never written over.
pub(super) fn store_given(paths: &Paths, l: &Loaded, services: &[String]) -> Result<()> {
    let given = service::files::stored(&l.project.model, &l.project.env, services)?;
    for (kind, key, bytes) in given {
        let singular = kind.trim_end_matches('s');
        let name = service::files::stored_name(&l.name, kind, &key);
        let labels = labels(&l.name, &key, singular);
        let ours = |s: &crate::engine::secrets::Secret| {
            labels.iter().all(|(k, v)| s.labels.get(k) == Some(v))
        };
        crate::engine::secrets::put(paths, &name, &bytes, labels.clone(), &ours)?;
    }
    Ok(())
}

/// Wait until `dep`'s containers meet `condition`. `service_started` is
/// order alone, as docker compose has it (`dep` was started before): a
/// dependency that ran and ended at once, or a one-off `run` container of
/// it left exited, held `up` five minutes.
fn wait_for(
    paths: &Paths,
    project: &str,
    dep: &str,
    condition: &str,
    timeout: Option<Duration>,
) -> Result<()> {
    if !matches!(
        condition,
        "service_healthy" | "service_completed_successfully"
    ) {
        return Ok(());
    }
    let deadline = Instant::now() + timeout.unwrap_or(DEPENDENCY_TIMEOUT);
    loop {
        // The service's own containers, not one-off `run`s of it.
        let ms: Vec<Member> = members(paths, project)?
            .into_iter()
            .filter(|m| {
                m.service == dep
                    && m.config
                        .labels
                        .get(crate::compose::service::ONEOFF)
                        .map(String::as_str)
                        != Some("True")
            })
            .collect();
        let met = !ms.is_empty()
            && ms.iter().all(|m| match condition {
                "service_healthy" => super::health_status(paths, m).as_deref() == Some("healthy"),
                "service_completed_successfully" => {
                    m.state.status == "exited" && m.state.exit_code == Some(0)
                }
                _ => m.state.active(),
            });
        if met {
            return Ok(());
        }
        for m in &ms {
            if condition == "service_healthy" && m.config.health.is_none() {
                bail!("dependency {dep} has no healthcheck, and a service waits for it to be healthy (service_healthy)");
            }
            if condition == "service_healthy"
                && super::health_status(paths, m).as_deref() == Some("unhealthy")
            {
                bail!(
                    "dependency failed to start: container {} is unhealthy",
                    m.config.name
                );
            }
            if condition == "service_completed_successfully"
                && m.state.status == "exited"
                && m.state.exit_code != Some(0)
            {
                bail!(
                    "service {dep} did not complete successfully: container {} exited with {}",
                    m.config.name,
                    m.state.exit_code.unwrap_or(-1)
                );
            }
            if condition == "service_healthy" && m.state.status == "exited" {
                bail!(
                    "dependency failed to start: container {} exited",
                    m.config.name
                );
            }
        }
        if Instant::now() > deadline {
            bail!("timed out waiting for {dep} ({condition})");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A service's published host ports must not be another's: replicas of
/// one service share theirs (SO_REUSEPORT), which the kernel allows any
/// sockets of the user, so den refuses a port another of the user's
/// running containers publishes.
fn ports_are_free(
    paths: &Paths,
    l: &Loaded,
    order: &[String],
    services: &serde_json::Map<String, Value>,
) -> Result<()> {
    let containers = Containers::new(paths);
    let mut taken: Vec<(u16, String)> = Vec::new();
    for c in containers.list()? {
        let ours = |s: &String| {
            c.labels.get(service::PROJECT) == Some(&l.name)
                && c.labels.get(service::SERVICE) == Some(s)
        };
        if order.iter().any(ours) || !containers.live_state(&c.id).is_ok_and(|st| st.active()) {
            continue;
        }
        for p in &c.net.ports {
            for (host, _) in p.pairs() {
                taken.push((host, c.name.clone()));
            }
        }
    }
    for s in order {
        for p in services[s]
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let short = match p {
                Value::String(x) => x.clone(),
                Value::Object(o) => o
                    .get("published")
                    .map(|v| v.to_string().trim_matches('"').to_string() + ":0")
                    .unwrap_or_default(),
                other => other.to_string(),
            };
            let Ok(m) = crate::engine::spec::parse_publish(&short) else {
                continue;
            };
            for (host, _) in m.pairs() {
                if let Some((_, other)) = taken.iter().find(|(h, _)| *h == host && host != 0) {
                    bail!("service {s} publishes port {host}, which container {other} publishes already: stop it, or choose another host port");
                }
            }
        }
    }
    Ok(())
}

/// The services to bring up: those asked for and what they depend on, in
/// start order.
fn chosen(l: &Loaded, asked: &[String], no_deps: bool) -> Result<Vec<String>> {
    let model = &l.project.model;
    let order = service::start_order(model).map_err(|e| l.project.locate(e))?;
    if asked.is_empty() {
        return Ok(order);
    }
    for a in asked {
        if !order.contains(a) {
            bail!("no such service: {a}");
        }
    }
    let mut wanted: Vec<String> = asked.to_vec();
    let mut i = 0;
    while i < wanted.len() && !no_deps {
        let deps: Vec<String> = model
            .pointer(&format!("/services/{}", wanted[i]))
            .map(service::dependencies)
            .unwrap_or_default();
        for d in deps {
            if !wanted.contains(&d) {
                wanted.push(d);
            }
        }
        i += 1;
    }
    Ok(order.into_iter().filter(|s| wanted.contains(s)).collect())
}

/// Bring the project up; `report` gets a line per step.
pub fn up(
    paths: &Paths,
    g: &Globals,
    l: &Loaded,
    opts: &UpOptions,
    pull: &dyn Fn() -> Result<PullOptions>,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let model = &l.project.model;
    let order = chosen(l, &opts.services, opts.no_deps)?;
    let services = model
        .get("services")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for s in opts.scale.keys() {
        if !services.contains_key(s) {
            bail!("--scale {s}: no such service");
        }
    }
    // Limits where the host can give them; elsewhere a warning, once.
    let ctx = l.context();
    if !ctx.limits && order.iter().any(|s| service::has_limits(&services[s])) {
        crate::warn!("this host gives den no cgroup limits: the services' resource limits are not applied (see den info, cgroups)");
    }
    for s in &order {
        let keys = service::unapplied(&l.project.model, &services[s]);
        if !keys.is_empty() {
            crate::warn!(
                "service {s}: den does not apply {} yet: the containers run without",
                keys.join(", ")
            );
        }
    }
    ports_are_free(paths, l, &order, &services)?;
    let containers = Containers::new(paths);
    // Plan: what to make, what to start, what to remove.
    let existing = members(paths, &l.name)?;
    let mut make: Vec<(String, crate::engine::spec::ContainerSpec)> = Vec::new();
    let mut start: Vec<String> = Vec::new();
    let mut remove: Vec<&Member> = Vec::new();
    for s in &order {
        let svc = &services[s];
        let count = match opts.scale.get(s) {
            Some(n) => *n,
            None => service::replicas(svc).map_err(|e| {
                l.project
                    .locate(anyhow!("services.{s}.deploy.replicas: {e:#}"))
            })?,
        };
        let hash = service::config_hash(svc);
        for n in 1..=count {
            let mut spec = service::spec_of(&ctx, s, svc, n).map_err(|e| l.project.locate(e))?;
            if let Some(p) = opts.pull {
                spec.pull = p;
            }
            match existing.iter().find(|m| m.service == *s && m.number == n) {
                Some(m)
                    if opts.no_recreate
                        || (!opts.force_recreate
                            && m.config.labels.get(service::HASH) == Some(&hash)) =>
                {
                    if !m.state.active() {
                        start.push(m.config.id.clone());
                    }
                }
                Some(m) => {
                    remove.push(m);
                    make.push((s.clone(), spec));
                }
                None => make.push((s.clone(), spec)),
            }
        }
        remove.extend(
            existing
                .iter()
                .filter(|m| m.service == *s && m.number > count),
        );
    }
    let orphans: Vec<&Member> = existing
        .iter()
        .filter(|m| !services.contains_key(&m.service) && !l.project.disabled.contains(&m.service))
        .collect();
    if opts.remove_orphans {
        remove.extend(orphans);
    } else if !orphans.is_empty() {
        crate::warn!(
            "found containers of services no longer in the files ({}): remove them with up --remove-orphans",
            orphans.iter().map(|m| m.config.name.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    // Every spec is made (and checked) before anything is: a bad service
    // leaves nothing behind.
    store_given(paths, l, &order)?;
    networks_and_volumes(paths, l, report)?;
    // Stop first (from the host's namespace), then remove.
    for m in &remove {
        crate::container::ops::stop(&containers, &m.config, opts.timeout)?;
    }
    if !remove.is_empty() {
        crate::engine::containers::in_den_userns(|| {
            super::down::remove_containers(paths, remove.iter().map(|m| &m.config), false, report)
        })?;
    }
    // Make and start, service by service, after their dependencies.
    for s in &order {
        let deps: Vec<(String, String)> = services[s]
            .get("depends_on")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(d, c)| {
                        let cond = c
                            .get("condition")
                            .and_then(Value::as_str)
                            .unwrap_or("service_started");
                        (d.clone(), cond.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        if opts.no_start {
            for (_, spec) in make.iter().filter(|(svc, _)| svc == s) {
                let c = crate::engine::create(paths, spec, pull)?;
                report(&format!("Container {}  Created", c.name));
            }
            continue;
        }
        // With --no-deps a dependency left out is not waited for.
        for (d, cond) in deps.iter().filter(|(d, _)| order.contains(d)) {
            wait_for(paths, &l.name, d, cond, opts.wait_timeout)?;
        }
        for id in start.iter().filter(|id| {
            containers
                .config(id)
                .is_ok_and(|c| c.labels.get(service::SERVICE) == Some(s))
        }) {
            let c = containers.config(id)?;
            crate::engine::start::detached(g, &c)?;
            report(&format!("Container {}  Started", c.name));
        }
        for (_, spec) in make.iter().filter(|(svc, _)| svc == s) {
            let c = crate::engine::create(paths, spec, pull)?;
            report(&format!("Container {}  Created", c.name));
            crate::engine::start::detached(g, &c)?;
            report(&format!("Container {}  Started", c.name));
        }
    }
    if opts.wait {
        for s in &order {
            let cond = if services[s].get("healthcheck").is_some()
                && services[s]
                    .pointer("/healthcheck/disable")
                    .and_then(Value::as_bool)
                    != Some(true)
            {
                "service_healthy"
            } else {
                "service_started"
            };
            wait_for(paths, &l.name, s, cond, opts.wait_timeout)?;
        }
    }
    Ok(())
}
