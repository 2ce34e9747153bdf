//! A service of the resolved model as container specs, one per replica:
//! the engine's `ContainerSpec`, as the command line's flags make it, with
//! the names and labels Docker Compose v2 gives (`PROJECT-SERVICE-N`,
//! `com.docker.compose.*`, a hash of the service's configuration).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use serde_json::Value;

use crate::engine::spec::health::{parse_test, HealthSpec};
use crate::engine::spec::{self, ContainerSpec, RestartPolicy};
use crate::util::human::{duration_ns, parse_ram};

/// The project a service belongs to.
pub struct Context<'a> {
    pub project: &'a str,
    /// Where relative paths start.
    pub dir: &'a Path,
    /// The whole model (networks, volumes).
    pub model: &'a Value,
    /// Whether the host can give limits (else they are dropped, warned once).
    pub limits: bool,
    /// The files the project was read from, comma-separated (a label).
    pub config_files: &'a str,
}

/// Labels Docker Compose v2 puts on a service's containers.
pub const PROJECT: &str = "com.docker.compose.project";
pub const SERVICE: &str = "com.docker.compose.service";
pub const NUMBER: &str = "com.docker.compose.container-number";
pub const HASH: &str = "com.docker.compose.config-hash";
pub const ONEOFF: &str = "com.docker.compose.oneoff";
pub const CONFIG_FILES: &str = "com.docker.compose.project.config_files";

/// A scalar of the model as text (null: empty).
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().map(text).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![text(other)],
    }
}

/// A command: a list as it is, a string split as a shell would (no shell
/// runs it).
fn command(v: Option<&Value>) -> Result<Option<Vec<String>>> {
    Ok(match v {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) => Some(a.iter().map(text).collect()),
        Some(Value::String(s)) => Some(
            crate::build::words::split(s, '\\')
                .into_iter()
                .map(|w| {
                    let q = w.trim_matches(|c| c == '"' || c == '\'');
                    if w.len() >= 2 && (w.starts_with('"') || w.starts_with('\'')) {
                        q.to_string()
                    } else {
                        w
                    }
                })
                .collect(),
        ),
        Some(other) => bail!("a command is a string or a list, not {other}"),
    })
}

/// The number of replicas (`deploy.replicas`, else `scale`, else 1).
pub fn replicas(svc: &Value) -> Result<u32> {
    let n = svc
        .pointer("/deploy/replicas")
        .or_else(|| svc.get("scale"))
        .map(|v| text(v).parse::<u32>())
        .transpose()
        .map_err(|_| anyhow!("replicas must be a number"))?
        .unwrap_or(1);
    if n > 1000 {
        bail!("{n} replicas is more than den makes (at most 1000)");
    }
    Ok(n)
}

/// A hash of what the service is (its model), for the config-hash label:
/// a changed service is recreated, an unchanged one left alone.
pub fn config_hash(svc: &Value) -> String {
    crate::util::digest::sha256_of(serde_json::to_string(svc).unwrap_or_default().as_bytes())
}

/// The name of the image a service builds: `PROJECT-SERVICE`, as Compose v2.
pub fn built_image(project: &str, service: &str, svc: &Value) -> String {
    svc.get("image")
        .map(text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{project}-{service}"))
}

/// A duration like `1m30s` in seconds (stop_grace_period).
fn seconds(v: &Value) -> Result<u64> {
    Ok(duration_ns(&text(v))? / 1_000_000_000)
}

/// The spec of replica `n` (from 1) of service `name`.
pub fn spec_of(ctx: &Context, name: &str, svc: &Value, n: u32) -> Result<ContainerSpec> {
    let at = |key: &str, e: anyhow::Error| anyhow!("services.{name}.{key}: {e:#}");
    let mut s = ContainerSpec {
        image: built_image(ctx.project, name, svc),
        ..ContainerSpec::default()
    };
    let count = replicas(svc).map_err(|e| at("deploy.replicas", e))?;
    s.name = Some(match svc.get("container_name").map(text) {
        Some(c) if count <= 1 => c,
        Some(_) => bail!(
            "services.{name}.container_name: a service with several replicas cannot have one name"
        ),
        None => format!("{}-{name}-{n}", ctx.project),
    });
    s.command = command(svc.get("command"))
        .map_err(|e| at("command", e))?
        .unwrap_or_default();
    s.entrypoint = command(svc.get("entrypoint")).map_err(|e| at("entrypoint", e))?;
    // Environment: env files first, then `environment`.
    for f in strings(svc.get("env_file")) {
        let path = ctx.dir.join(&f);
        for (k, v) in super::read_env_file(&path).map_err(|e| at("env_file", e))? {
            s.env.push(format!("{k}={v}"));
        }
    }
    if let Some(Value::Object(env)) = svc.get("environment") {
        for (k, v) in env {
            if !v.is_null() {
                s.env.push(format!("{k}={}", text(v)));
            }
        }
    }
    s.user = svc.get("user").map(text);
    s.workdir = svc.get("working_dir").map(text);
    s.hostname = svc.get("hostname").map(text);
    s.tty = svc.get("tty").and_then(Value::as_bool).unwrap_or(false);
    s.interactive = svc
        .get("stdin_open")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    s.init = svc.get("init").and_then(Value::as_bool).unwrap_or(false);
    s.stop_signal = svc.get("stop_signal").map(text);
    if let Some(g) = svc.get("stop_grace_period") {
        s.stop_timeout = Some(seconds(g).map_err(|e| at("stop_grace_period", e))?);
    }
    if let Some(Value::Object(labels)) = svc.get("labels") {
        for (k, v) in labels {
            s.labels.insert(k.clone(), text(v));
        }
    }
    s.labels.insert(PROJECT.into(), ctx.project.into());
    s.labels.insert(SERVICE.into(), name.into());
    s.labels.insert(NUMBER.into(), n.to_string());
    s.labels.insert(ONEOFF.into(), "False".into());
    s.labels.insert(HASH.into(), config_hash(svc));
    s.labels.insert(
        "com.docker.compose.project.working_dir".into(),
        ctx.dir.display().to_string(),
    );
    s.labels
        .insert(CONFIG_FILES.into(), ctx.config_files.to_string());
    // Restart: `restart`, else deploy's policy.
    let restart = match (svc.get("restart"), svc.pointer("/deploy/restart_policy/condition")) {
        (Some(r), _) => text(r),
        (None, Some(c)) => match text(c).as_str() {
            "none" => "no".into(),
            "any" => "always".into(),
            "on-failure" => match svc.pointer("/deploy/restart_policy/max_attempts") {
                Some(m) => format!("on-failure:{}", text(m)),
                None => "on-failure".into(),
            },
            other => bail!("services.{name}.deploy.restart_policy.condition: {other:?} is none, on-failure or any"),
        },
        (None, None) => "no".into(),
    };
    s.restart = RestartPolicy::parse(&restart).map_err(|e| at("restart", e))?;
    // Security.
    s.security.privileged = svc
        .get("privileged")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    s.security.read_only = svc
        .get("read_only")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    s.security.cap_add = strings(svc.get("cap_add"));
    s.security.cap_drop = strings(svc.get("cap_drop"));
    for opt in strings(svc.get("security_opt")) {
        s.security
            .apply_opt(&opt)
            .map_err(|e| at("security_opt", e))?;
    }
    if let Some(Value::Object(sysctls)) = svc.get("sysctls") {
        for (k, v) in sysctls {
            s.security.sysctls.push((k.clone(), text(v)));
        }
    }
    if let Some(Value::Object(ulimits)) = svc.get("ulimits") {
        for (k, v) in ulimits {
            let u = match v {
                Value::Object(o) => format!(
                    "{k}={}:{}",
                    o.get("soft").map(text).unwrap_or_default(),
                    o.get("hard").map(text).unwrap_or_default()
                ),
                other => format!("{k}={}", text(other)),
            };
            s.security
                .ulimits
                .push(spec::parse_ulimit(&u).map_err(|e| at("ulimits", e))?);
        }
    }
    for d in strings(svc.get("devices")) {
        s.security
            .devices
            .push(spec::parse_device(&d).map_err(|e| at("devices", e))?);
    }
    network(ctx, name, svc, &mut s)?;
    files(ctx, name, svc, &mut s)?;
    // Replicas share their published ports: one host port for all.
    s.network.shared_ports = count > 1;
    mounts(ctx, name, svc, &mut s)?;
    s.health = health(svc).map_err(|e| at("healthcheck", e))?;
    if ctx.limits {
        resources(svc, &mut s).map_err(|e| at("deploy.resources", e))?;
    }
    if let Some(p) = svc.get("pull_policy").map(text) {
        s.pull = match p.as_str() {
            "always" => spec::PullPolicy::Always,
            "never" | "build" => spec::PullPolicy::Never,
            "missing" | "if_not_present" => spec::PullPolicy::Missing,
            other => {
                bail!("services.{name}.pull_policy: {other:?} is always, never, missing or build")
            }
        };
    }
    if svc.get("build").is_some() && svc.get("pull_policy").is_none() {
        s.pull = spec::PullPolicy::Never;
    }
    Ok(s)
}

/// Whether the service asks for limits (to warn once where the host has none).
pub fn has_limits(svc: &Value) -> bool {
    svc.pointer("/deploy/resources").is_some()
        || ["mem_limit", "cpus", "pids_limit", "mem_reservation"]
            .iter()
            .any(|k| svc.get(k).is_some())
}

fn resources(svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    let limits = svc.pointer("/deploy/resources/limits");
    let get = |key: &str, flat: &str| limits.and_then(|l| l.get(key)).or_else(|| svc.get(flat));
    if let Some(c) = get("cpus", "cpus") {
        let n: f64 = text(c)
            .parse()
            .map_err(|_| anyhow!("cpus {c} is not a number"))?;
        s.resources.nano_cpus = Some((n * 1e9).round() as u64);
    }
    if let Some(m) = get("memory", "mem_limit") {
        s.resources.memory = Some(parse_ram(&text(m))?);
    }
    if let Some(p) = get("pids", "pids_limit") {
        s.resources.pids_limit = Some(
            text(p)
                .parse()
                .map_err(|_| anyhow!("pids {p} is not a number"))?,
        );
    }
    let reservation = svc
        .pointer("/deploy/resources/reservations/memory")
        .or_else(|| svc.get("mem_reservation"));
    if let Some(m) = reservation {
        s.resources.memory_reservation = Some(parse_ram(&text(m))?);
    }
    Ok(())
}

fn health(svc: &Value) -> Result<HealthSpec> {
    let Some(h) = svc.get("healthcheck") else {
        return Ok(HealthSpec::default());
    };
    if h.get("disable").and_then(Value::as_bool) == Some(true) {
        return Ok(HealthSpec {
            disabled: true,
            ..Default::default()
        });
    }
    let dur =
        |k: &str| -> Result<Option<u64>> { h.get(k).map(|v| duration_ns(&text(v))).transpose() };
    Ok(HealthSpec {
        test: match h.get("test") {
            Some(Value::Array(a)) => Some(a.iter().map(text).collect()),
            Some(Value::String(t)) => Some(parse_test(t)?),
            _ => None,
        },
        interval: dur("interval")?,
        timeout: dur("timeout")?,
        start_period: dur("start_period")?,
        start_interval: dur("start_interval")?,
        retries: h
            .get("retries")
            .map(|r| text(r).parse())
            .transpose()
            .map_err(|_| anyhow!("retries must be a number"))?,
        ..Default::default()
    })
}

/// A top-level network or volume of the model.
pub struct Declared<'a> {
    /// Its key in the file.
    pub key: &'a str,
    /// Its name in den (PROJECT_KEY, its `name:`, or the external name).
    pub name: String,
    pub external: bool,
    /// Its definition.
    pub def: &'a Value,
}

/// The project's `networks` or `volumes` (`kind`), as `load` named them.
pub fn declared<'a>(model: &'a Value, kind: &str) -> Vec<Declared<'a>> {
    model
        .get(kind)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(key, def)| Declared {
            key,
            name: def.get("name").map(text).unwrap_or_else(|| key.clone()),
            external: def.get("external").and_then(Value::as_bool) == Some(true),
            def,
        })
        .collect()
}

/// The network's name in den: the model's `name` (PROJECT_KEY, or the
/// external name).
pub fn network_name(model: &Value, key: &str) -> Result<String> {
    model
        .pointer(&format!("/networks/{key}/name"))
        .map(text)
        .ok_or_else(|| anyhow!("the network {key:?} is not defined under the top-level networks:"))
}

fn network(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    if let Some(mode) = svc.get("network_mode").map(text) {
        s.network.modes = vec![match mode.split_once(':') {
            Some(("service", other)) => format!("container:{}-{other}-1", ctx.project),
            _ => mode,
        }];
        return Ok(());
    }
    let nets: Vec<(String, Value)> = match svc.get("networks") {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => vec![("default".into(), Value::Null)],
    };
    for (key, opts) in &nets {
        s.network.modes.push(
            network_name(ctx.model, key).map_err(|e| anyhow!("services.{name}.networks: {e:#}"))?,
        );
        s.network.aliases.extend(strings(opts.get("aliases")));
        if let Some(ip) = opts.get("ipv4_address") {
            s.network.ip = Some(text(ip));
        }
    }
    // The service's name reaches its containers on its networks.
    s.network.aliases.insert(0, name.to_string());
    let ports = svc
        .get("ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for p in ports {
        let short = match &p {
            Value::Object(o) => {
                let mut short = String::new();
                if let Some(ip) = o.get("host_ip") {
                    short.push_str(&format!("{}:", text(ip)));
                }
                if let Some(pb) = o.get("published") {
                    short.push_str(&format!("{}:", text(pb)));
                }
                short.push_str(&o.get("target").map(text).unwrap_or_default());
                if let Some(proto) = o.get("protocol") {
                    short.push_str(&format!("/{}", text(proto)));
                }
                short
            }
            other => text(other),
        };
        s.network.publish.push(
            spec::parse_publish(&short).map_err(|e| anyhow!("services.{name}.ports: {e:#}"))?,
        );
    }
    s.network.dns = strings(svc.get("dns"));
    s.network.dns_search = strings(svc.get("dns_search"));
    let hosts: Vec<String> = match svc.get("extra_hosts") {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| format!("{k}:{}", text(v))).collect(),
        other => strings(other),
    };
    for h in hosts {
        let (host, ip) = h
            .split_once(['=', ':'])
            .ok_or_else(|| anyhow!("services.{name}.extra_hosts: {h:?} is not HOST:IP"))?;
        s.network.add_hosts.push((host.to_string(), ip.to_string()));
    }
    Ok(())
}

fn mounts(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    let at = |e: anyhow::Error| anyhow!("services.{name}.volumes: {e:#}");
    let volume_name = |key: &str| -> Result<String> {
        ctx.model
            .pointer(&format!("/volumes/{key}/name"))
            .map(text)
            .ok_or_else(|| {
                anyhow!("the volume {key:?} is not defined under the top-level volumes:")
            })
    };
    let Some(Value::Array(vols)) = svc.get("volumes") else {
        return tmpfs(svc, s, name);
    };
    for v in vols {
        let short = match v {
            Value::String(short) => {
                let parts: Vec<&str> = short.splitn(3, ':').collect();
                match parts.as_slice() {
                    [target] => (*target).to_string(),
                    [src, rest @ ..] => {
                        let src = if src.starts_with('.') || src.starts_with('~') {
                            let p = if let Some(home) = src.strip_prefix('~') {
                                std::path::PathBuf::from(std::env::var("HOME").unwrap_or_default())
                                    .join(home.trim_start_matches('/'))
                            } else {
                                ctx.dir.join(src)
                            };
                            std::path::absolute(&p)
                                .context("resolving a host path")
                                .map_err(at)?
                                .display()
                                .to_string()
                        } else if src.starts_with('/') {
                            src.to_string()
                        } else {
                            volume_name(src).map_err(at)?
                        };
                        std::iter::once(src)
                            .chain(rest.iter().map(|r| r.to_string()))
                            .collect::<Vec<_>>()
                            .join(":")
                    }
                    [] => continue,
                }
            }
            Value::Object(o) => {
                let kind = o.get("type").map(text).unwrap_or_else(|| "volume".into());
                let target = o
                    .get("target")
                    .map(text)
                    .ok_or_else(|| at(anyhow!("a mount needs a target")))?;
                let ro = o.get("read_only").and_then(Value::as_bool) == Some(true);
                let mut m = match kind.as_str() {
                    "tmpfs" => format!("type=tmpfs,dst={target}"),
                    "bind" => {
                        let src = o.get("source").map(text).unwrap_or_default();
                        let abs = std::path::absolute(ctx.dir.join(&src))
                            .context("resolving a host path")
                            .map_err(at)?;
                        format!("type=bind,src={},dst={target}", abs.display())
                    }
                    "volume" => match o.get("source").map(text) {
                        Some(src) if !src.is_empty() => format!(
                            "type=volume,src={},dst={target}",
                            volume_name(&src).map_err(at)?
                        ),
                        _ => format!("type=volume,dst={target}"),
                    },
                    other => {
                        return Err(at(anyhow!("mount type {other:?} is bind, volume or tmpfs")))
                    }
                };
                if ro {
                    m.push_str(",ro");
                }
                s.mounts.push(spec::mounts::parse_mount(&m).map_err(at)?);
                continue;
            }
            other => return Err(at(anyhow!("{other} is no mount"))),
        };
        s.mounts
            .push(spec::mounts::parse_volume(&short).map_err(at)?);
    }
    tmpfs(svc, s, name)
}

/// File-based secrets and configs, bound read-only: a secret at
/// `/run/secrets/NAME` (or its target), a config at `/NAME` (or its
/// target), from the top-level definition's `file`.
fn files(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    for (kind, default_dir) in [("secrets", "/run/secrets/"), ("configs", "/")] {
        for r in svc
            .get(kind)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (source, target) = match r {
                Value::Object(o) => (
                    o.get("source").map(text).unwrap_or_default(),
                    o.get("target").map(text),
                ),
                other => (text(other), None),
            };
            let at = |e: String| anyhow!("services.{name}.{kind}: {source}: {e}");
            let def = ctx
                .model
                .pointer(&format!("/{kind}/{source}"))
                .ok_or_else(|| at(format!("not defined under the top-level {kind}:")))?;
            let Some(file) = def.get("file").map(text) else {
                return Err(at(format!(
                    "den mounts file-based {kind} only (give it a file:)"
                )));
            };
            let host = std::path::absolute(ctx.dir.join(&file)).map_err(|e| at(e.to_string()))?;
            if !host.is_file() {
                return Err(at(format!("{} is not a file", host.display())));
            }
            let target = match target {
                Some(t) if t.starts_with('/') => t,
                Some(t) => format!("{default_dir}{t}"),
                None => format!("{default_dir}{source}"),
            };
            s.mounts.push(
                spec::mounts::parse_volume(&format!("{}:{target}:ro", host.display()))
                    .map_err(|e| at(format!("{e:#}")))?,
            );
        }
    }
    Ok(())
}

/// Service keys den reads; any other (of the specification) is named
/// when a container is made, never dropped in silence.
const APPLIED: &[&str] = &[
    "build",
    "cap_add",
    "cap_drop",
    "command",
    "configs",
    "container_name",
    "cpus",
    "depends_on",
    "deploy",
    "devices",
    "dns",
    "dns_search",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extra_hosts",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "labels",
    "mem_limit",
    "mem_reservation",
    "network_mode",
    "networks",
    "pids_limit",
    "ports",
    "privileged",
    "profiles",
    "pull_policy",
    "read_only",
    "restart",
    "scale",
    "secrets",
    "security_opt",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "user",
    "volumes",
    "working_dir",
];

/// The keys of service `svc` den does not apply (`x-` extensions aside).
pub fn unapplied(svc: &Value) -> Vec<String> {
    svc.as_object()
        .map(|m| {
            m.keys()
                .filter(|k| !k.starts_with("x-") && !APPLIED.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

fn tmpfs(svc: &Value, s: &mut ContainerSpec, name: &str) -> Result<()> {
    for t in strings(svc.get("tmpfs")) {
        s.mounts.push(
            spec::mounts::parse_tmpfs(&t).map_err(|e| anyhow!("services.{name}.tmpfs: {e:#}"))?,
        );
    }
    Ok(())
}

/// The services in the order they start: each after what it depends on.
/// A cycle, or a dependency on no service, is an error.
pub fn start_order(model: &Value) -> Result<Vec<String>> {
    let services = model
        .get("services")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let deps = |s: &Value| -> Vec<String> {
        s.get("depends_on")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    let mut order: Vec<String> = Vec::new();
    let mut state: BTreeMap<String, u8> = BTreeMap::new();
    fn visit(
        name: &str,
        services: &serde_json::Map<String, Value>,
        deps: &dyn Fn(&Value) -> Vec<String>,
        state: &mut BTreeMap<String, u8>,
        order: &mut Vec<String>,
    ) -> Result<()> {
        match state.get(name) {
            Some(2) => return Ok(()),
            Some(1) => bail!("services depend on each other in a cycle through {name:?}"),
            _ => {}
        }
        let Some(svc) = services.get(name) else {
            bail!("a service depends on {name:?}, which is not a service of the project");
        };
        state.insert(name.to_string(), 1);
        for d in deps(svc) {
            visit(&d, services, deps, state, order)?;
        }
        state.insert(name.to_string(), 2);
        order.push(name.to_string());
        Ok(())
    }
    for name in services.keys() {
        visit(name, &services, &deps, &mut state, &mut order)?;
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_service_becomes_specs() {
        let model = json!({
            "name": "app",
            "networks": {"default": {"name": "app_default"}, "back": {"name": "app_back"}},
            "volumes": {"data": {"name": "app_data"}},
            "services": {"web": {
                "image": "busybox", "command": "sh -c 'echo hi'", "environment": {"A": "1", "B": null},
                "ports": ["8080:80"], "volumes": ["data:/data:ro", "./site:/site", "/anon"],
                "networks": {"back": {"aliases": ["www"]}},
                "restart": "on-failure:3", "stop_grace_period": "1m30s",
                "deploy": {"replicas": 2, "resources": {"limits": {"cpus": "0.5", "memory": "50M"}}},
                "healthcheck": {"test": "wget -q localhost", "interval": "5s", "retries": 2}
            }}
        });
        let ctx = Context {
            project: "app",
            dir: Path::new("/srv/app"),
            model: &model,
            limits: true,
            config_files: "/srv/app/compose.yaml",
        };
        let s = spec_of(&ctx, "web", &model["services"]["web"], 2).expect("spec");
        assert_eq!(s.name.as_deref(), Some("app-web-2"));
        assert_eq!(s.command, ["sh", "-c", "echo hi"]);
        assert_eq!(s.env, ["A=1"]);
        assert_eq!(s.network.modes, ["app_back"]);
        assert_eq!(s.network.aliases, ["web", "www"]);
        assert_eq!(s.mounts[0].source, "app_data");
        assert!(s.mounts[0].read_only);
        assert_eq!(s.mounts[1].source, "/srv/app/site");
        assert_eq!(s.restart.flag(), "on-failure:3");
        assert_eq!(s.stop_timeout, Some(90));
        assert_eq!(s.resources.nano_cpus, Some(500_000_000));
        assert_eq!(s.resources.memory, Some(50 << 20));
        assert_eq!(
            s.health.test,
            Some(vec!["CMD-SHELL".into(), "wget -q localhost".into()])
        );
        assert_eq!(s.labels[SERVICE], "web");
        assert_eq!(s.labels[NUMBER], "2");
        assert_eq!(s.labels[CONFIG_FILES], "/srv/app/compose.yaml");
        let no_limits = Context {
            limits: false,
            ..ctx
        };
        let s = spec_of(&no_limits, "web", &model["services"]["web"], 1).expect("spec");
        assert_eq!(s.resources.memory, None);
    }

    #[test]
    fn start_order_follows_dependencies() {
        let model = json!({"services": {
            "a": {"depends_on": {"b": {}}}, "b": {"depends_on": {"c": {}}}, "c": {}
        }});
        assert_eq!(start_order(&model).expect("order"), ["c", "b", "a"]);
        let cycle =
            json!({"services": {"a": {"depends_on": {"b": {}}}, "b": {"depends_on": {"a": {}}}}});
        assert!(start_order(&cycle).is_err());
        let missing = json!({"services": {"a": {"depends_on": {"x": {}}}}});
        assert!(start_order(&missing)
            .unwrap_err()
            .to_string()
            .contains("\"x\""));
    }
}
