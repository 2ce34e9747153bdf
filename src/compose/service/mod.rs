//! A service of the resolved model as container specs, one per replica:
//! the engine's `ContainerSpec`, as the command line's flags make it, with
//! the names and labels Docker Compose v2 gives (`PROJECT-SERVICE-N`,
//! `com.docker.compose.*`, a hash of the service's configuration).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

pub mod files;
mod mounts;
mod network;
mod resources;

pub use network::declared;
pub use resources::has_limits;

use crate::engine::spec::{self, ContainerSpec, RestartPolicy};
use crate::util::human::duration_ns;

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
    /// The project's variables (`env_file`s are interpolated from them,
    /// and a bare key in one takes its value there).
    pub env: &'a std::collections::BTreeMap<String, String>,
}

/// Labels Docker Compose v2 puts on a service's containers.
pub const PROJECT: &str = "com.docker.compose.project";
pub const SERVICE: &str = "com.docker.compose.service";
pub const NUMBER: &str = "com.docker.compose.container-number";
pub const HASH: &str = "com.docker.compose.config-hash";
pub const ONEOFF: &str = "com.docker.compose.oneoff";
pub const CONFIG_FILES: &str = "com.docker.compose.project.config_files";
/// The version of what made the container (den's own: Compose v2 puts its).
pub const VERSION: &str = "com.docker.compose.version";

/// A scalar of the model as text (null: empty).
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().map(text).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![text(other)],
    }
}

/// A service's `env_file`s, each with whether it must exist and whether
/// it is `format: raw`: a path, a list of paths, or of `{path, required,
/// format}` (the long form; a missing file that is not required is
/// skipped).
fn env_files(v: Option<&Value>) -> Result<Vec<(String, bool, bool)>> {
    let items = match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    };
    items
        .iter()
        .map(|f| match f {
            Value::Object(m) => {
                let Some(path) = m.get("path").and_then(Value::as_str) else {
                    bail!("an entry without a path: {f}");
                };
                let raw = match m.get("format").and_then(Value::as_str) {
                    None | Some("") => false,
                    Some("raw") => true,
                    Some(other) => {
                        bail!("{path}: format {other:?} is not known (leave it out, or raw)")
                    }
                };
                let required = m.get("required").and_then(Value::as_bool).unwrap_or(true);
                Ok((path.to_string(), required, raw))
            }
            other => Ok((text(other), true, false)),
        })
        .collect()
}

/// The keys that map onto the process's and namespaces' settings, as
/// `den run`'s flags of the same names: `shm_size`, `group_add`,
/// `oom_score_adj`, `pid`, `ipc`, `uts` (`service:X` joins X's first
/// container, as `container:`), `userns_mode`, `dns_opt` (den warned of
/// them and ran without). An error names its key.
fn process_keys(
    ctx: &Context,
    svc: &Value,
    s: &mut ContainerSpec,
) -> std::result::Result<(), (&'static str, anyhow::Error)> {
    if let Some(v) = svc.get("shm_size") {
        let size = crate::util::human::parse_ram(&text(v))
            .map_err(|e| ("shm_size", e.context("give a size like 64m")))?;
        s.process.shm_size = Some(size);
    }
    s.process.group_add = strings(svc.get("group_add"));
    if let Some(v) = svc.get("oom_score_adj") {
        let n = text(v)
            .parse::<i32>()
            .map_err(|_| ("oom_score_adj", anyhow!("{v} is not a whole number")))?;
        s.process.oom_score_adj = Some(n);
    }
    let joined = |mode: String| match mode.strip_prefix("service:") {
        Some(other) => format!("container:{}", network::first_container(ctx, other)),
        None => mode,
    };
    s.namespaces.pid = svc.get("pid").map(text).map(joined);
    s.namespaces.ipc = svc.get("ipc").map(text).map(joined);
    s.namespaces.uts = svc.get("uts").map(text);
    s.userns.mode = svc.get("userns_mode").map(text);
    s.network.dns_options = strings(svc.get("dns_opt"));
    Ok(())
}

/// A command: a list as it is, a string split as a shell would (no shell
/// runs it).
fn command(v: Option<&Value>) -> Result<Option<Vec<String>>> {
    Ok(match v {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) => Some(a.iter().map(text).collect()),
        Some(Value::String(s)) => Some(shell_words(s)?),
        Some(other) => bail!("a command is a string or a list, not {other}"),
    })
}

/// A string split into words as a shell splits it, as compose-go's
/// shellwords does: quotes (single or double) anywhere in a word, a
/// backslash outside single quotes taking the next character as it is;
/// nothing expanded. (Quotes were trimmed from both ends of each word, so
/// `sh -c 'echo "a b"'` lost its closing quote.)
pub fn shell_words(s: &str) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), c) => word.push(c),
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
                in_word = true;
            }
            (Some('"'), '"') => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        bail!("{s:?} has a quote that is not closed");
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
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
    for (f, required, raw) in env_files(svc.get("env_file")).map_err(|e| at("env_file", e))? {
        let path = ctx.dir.join(&f);
        if !required && !path.exists() {
            continue;
        }
        let lookup = |k: &str| ctx.env.get(k).cloned();
        for (k, v) in super::read_env_file(&path, &lookup, raw).map_err(|e| at("env_file", e))? {
            s.env.push(format!("{k}={v}"));
        }
    }
    if let Some(Value::Object(env)) = svc.get("environment") {
        for (k, v) in env {
            // Over the env files' even when unset (`KEY:` with no value
            // in the shell either), as the spec has it.
            s.env.retain(|e| e.split('=').next() != Some(k.as_str()));
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
    // A built image is the host's (den builds for no other platform):
    // checking it against `platform:` would send up to a registry for it.
    if svc.get("build").is_none() {
        s.platform = svc.get("platform").map(text);
    }
    process_keys(ctx, svc, &mut s).map_err(|(key, e)| at(key, e))?;
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
    s.labels
        .insert(VERSION.into(), env!("CARGO_PKG_VERSION").to_string());
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
    network::network(ctx, name, svc, &mut s)?;
    files::files(ctx, name, svc, &mut s)?;
    // Replicas share their published ports: one host port for all.
    s.network.shared_ports = count > 1;
    mounts::mounts(ctx, name, svc, &mut s)?;
    s.volumes_from = mounts::volumes_from(ctx, svc).map_err(|e| at("volumes_from", e))?;
    logging(svc, &mut s).map_err(|e| at("logging", e))?;
    s.health = resources::health(svc).map_err(|e| at("healthcheck", e))?;
    if ctx.limits {
        resources::resources(svc, &mut s).map_err(|e| anyhow!("services.{name}.{e:#}"))?;
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

/// `logging`: the driver (`json-file` is den's `k8s-file`) and its
/// `max-size` (den keeps one older file, whatever `max-file` says).
fn logging(svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    let Some(l) = svc.get("logging") else {
        return Ok(());
    };
    if let Some(d) = l.get("driver").map(text).filter(|d| !d.is_empty()) {
        if !["k8s-file", "json-file", "local", "none", "passthrough"].contains(&d.as_str()) {
            bail!("driver {d:?}: den writes logs with k8s-file (json-file and local mean it too), none or passthrough");
        }
        s.log.driver = if d == "local" { "k8s-file".into() } else { d };
    }
    if let Some(Value::Object(opts)) = l.get("options") {
        for (k, v) in opts {
            match k.as_str() {
                "max-size" => {
                    s.log.max_size = Some(crate::util::human::parse_size(&text(v))?);
                }
                "max-file" | "compress" | "mode" => {}
                other => bail!("options.{other}: den knows max-size (and max-file, which it reads as one older file)"),
            }
        }
    }
    Ok(())
}

/// Service keys den reads; any other (of the specification) is named
/// when a container is made, never dropped in silence.
const APPLIED: &[&str] = &[
    "platform",
    "shm_size",
    "group_add",
    "oom_score_adj",
    "pid",
    "ipc",
    "uts",
    "userns_mode",
    "dns_opt",
    "build",
    "cap_add",
    "cap_drop",
    "command",
    "configs",
    "container_name",
    "blkio_config",
    "cpu_period",
    "cpu_quota",
    "cpu_shares",
    "cpus",
    "cpuset",
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
    "links",
    "logging",
    "mem_limit",
    "mem_reservation",
    "memswap_limit",
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
    "volumes_from",
    "working_dir",
];

/// The keys of service `svc` den does not apply (`x-` extensions aside).
pub fn unapplied(model: &Value, svc: &Value) -> Vec<String> {
    let mut out: Vec<String> = svc
        .as_object()
        .map(|m| {
            m.keys()
                .filter(|k| !k.starts_with("x-") && !APPLIED.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if let Some(Value::Object(b)) = svc.get("blkio_config") {
        out.extend(
            b.keys()
                .filter(|k| *k != "weight")
                .map(|k| format!("blkio_config.{k}")),
        );
    }
    // A file secret or config is bound as the host has it: its owner and
    // mode there hold, not these (docker compose warns of them too).
    for (kind, r) in files::references(svc) {
        let source = files::source_of(r);
        let bound = model
            .pointer(&format!("/{kind}/{source}"))
            .is_some_and(|d| matches!(files::data_of(kind, &source, d), Ok(files::Data::File(_))));
        if !bound {
            continue;
        }
        for k in ["uid", "gid", "mode"] {
            let key = format!("{kind}.{k}");
            if r.get(k).is_some() && !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// The services a service starts after: those it `depends_on`, and
/// those its `links`, `volumes_from` and `network_mode: service:` name.
pub fn dependencies(svc: &Value) -> Vec<String> {
    let mut out: Vec<String> = svc
        .get("depends_on")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    out.extend(
        strings(svc.get("links"))
            .iter()
            .map(|l| l.split(':').next().unwrap_or_default().to_string()),
    );
    out.extend(
        strings(svc.get("volumes_from"))
            .iter()
            .filter(|v| !v.starts_with("container:"))
            .map(|v| v.split(':').next().unwrap_or_default().to_string()),
    );
    // `network_mode: service:X` (and `pid`, `ipc`): X first, as
    // compose-go adds it (the namespace to join was not there yet).
    for key in ["network_mode", "pid", "ipc"] {
        if let Some(other) = svc
            .get(key)
            .map(text)
            .and_then(|m| m.strip_prefix("service:").map(String::from))
        {
            out.push(other);
        }
    }
    out
}

/// The services in the order they start: each after what it depends on.
/// A cycle, or a dependency on no service, is an error.
pub fn start_order(model: &Value) -> Result<Vec<String>> {
    let services = model
        .get("services")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let deps = dependencies;
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
            Some(1) => bail!("services.{name}.depends_on: services depend on each other in a cycle through {name:?}"),
            _ => {}
        }
        let Some(svc) = services.get(name) else {
            return Ok(());
        };
        state.insert(name.to_string(), 1);
        for d in deps(svc) {
            if !services.contains_key(&d) {
                bail!("services.{name}.depends_on: {d:?} is not a service of the project (or its profile is not enabled)");
            }
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

    static NO_ENV: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();

    /// Project `app` in /srv/app, as the tests read it.
    fn app(model: &Value) -> Context<'_> {
        Context {
            project: "app",
            dir: Path::new("/srv/app"),
            model,
            limits: true,
            config_files: "/srv/app/compose.yaml",
            env: &NO_ENV,
        }
    }

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
        let ctx = app(&model);
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
    fn network_mode_service_joins_its_first_container_after_it() {
        let model = json!({
            "name": "app",
            "services": {
                "app": {"image": "busybox", "network_mode": "service:vpn", "volumes_from": ["vpn"]},
                "vpn": {"image": "busybox", "container_name": "the-vpn"}
            }
        });
        let ctx = app(&model);
        let s = spec_of(&ctx, "app", &model["services"]["app"], 1).expect("spec");
        assert_eq!(s.network.modes, ["container:the-vpn"]);
        assert_eq!(s.volumes_from, ["the-vpn"]);
        assert_eq!(start_order(&model).expect("order"), ["vpn", "app"]);
    }

    #[test]
    fn commands_split_as_shellwords_does() {
        let w = |s: &str| shell_words(s).expect(s);
        assert_eq!(
            w(r#"sh -c 'echo "hello world"'"#),
            ["sh", "-c", r#"echo "hello world""#]
        );
        assert_eq!(
            w(r#"bash -c "psql -c 'SELECT 1'""#),
            ["bash", "-c", "psql -c 'SELECT 1'"]
        );
        assert_eq!(
            w(r#"--name="a b" x\ y '' end"#),
            ["--name=a b", "x y", "", "end"]
        );
        assert_eq!(w("  a   b  "), ["a", "b"]);
        assert!(shell_words("sh -c 'open").is_err());
    }

    #[test]
    fn flat_limits_logging_links_and_volumes_from() {
        let model = json!({
            "name": "app",
            "networks": {"default": {"name": "app_default"}},
            "services": {
                "db": {"image": "busybox", "cpu_shares": 512, "cpu_quota": 50000, "cpu_period": 100000,
                    "cpuset": "0", "mem_limit": "64m", "memswap_limit": "-1", "pids_limit": 10,
                    "blkio_config": {"weight": 300, "device_read_bps": []},
                    "logging": {"driver": "json-file", "options": {"max-size": "1m", "max-file": "3"}}},
                "web": {"image": "busybox", "links": ["db:database"], "volumes_from": ["db:ro", "container:x"]}
            }
        });
        let ctx = app(&model);
        let db = spec_of(&ctx, "db", &model["services"]["db"], 1).expect("spec");
        let r = &db.resources;
        assert_eq!(
            (
                r.cpu_shares,
                r.cpu_quota,
                r.cpu_period,
                r.cpuset_cpus.as_deref()
            ),
            (Some(512), Some(50000), Some(100000), Some("0"))
        );
        assert_eq!(
            (r.memory, r.memory_swap, r.pids_limit),
            (Some(64 << 20), Some(-1), Some(10))
        );
        assert_eq!(r.blkio_weight, Some(300));
        assert_eq!(db.log.driver, "json-file");
        assert_eq!(db.log.max_size, Some(1_000_000));
        assert_eq!(db.network.aliases, ["db", "database"]);
        assert_eq!(db.labels[VERSION], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            unapplied(&model, &model["services"]["db"]),
            ["blkio_config.device_read_bps"]
        );
        let web = spec_of(&ctx, "web", &model["services"]["web"], 1).expect("spec");
        assert_eq!(web.volumes_from, ["app-db-1:ro", "x"]);
        assert_eq!(dependencies(&model["services"]["web"]), ["db", "db"]);
        assert_eq!(start_order(&model).expect("order"), ["db", "web"]);
        for (key, bad) in [
            ("logging", json!({"logging": {"driver": "syslog"}})),
            ("logging", json!({"logging": {"options": {"tag": "x"}}})),
            ("volumes_from", json!({"volumes_from": ["nosuch"]})),
            ("volumes_from", json!({"volumes_from": ["db:rx"]})),
            ("cpu_shares", json!({"cpu_shares": "many"})),
            ("cpus", json!({"cpus": "-1"})),
        ] {
            let mut svc = json!({"image": "busybox"});
            if let (Some(m), Value::Object(b)) = (svc.as_object_mut(), bad) {
                m.extend(b);
            }
            let e = spec_of(&ctx, "x", &svc, 1).unwrap_err().to_string();
            assert!(e.starts_with(&format!("services.x.{key}")), "{e}");
        }
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
