//! The keys of the Compose Specification, checked while a file's tree
//! becomes the model: values interpolated, an unknown key a warning with
//! the file, line and path (`x-` extensions are welcome anywhere), and the
//! short forms normalized.

use anyhow::{bail, Result};
use serde_json::{json, Map, Value};

use super::merge_tags;
use super::yaml::{MergeTag, Node, Value as Y};
use crate::build::words;

/// What a key holds.
#[derive(Clone, Copy)]
enum S {
    /// Any scalar.
    Scalar,
    /// Anything at all, not checked (driver options, placement, ...).
    Any,
    /// A list of scalars.
    List,
    /// A mapping of these keys.
    Keys(&'static [(&'static str, S)]),
    /// A mapping of names to this (services, networks, ...).
    Named(&'static S),
    /// `KEY=VALUE` list or mapping of scalars: a mapping.
    Dict,
    /// A list of these (long syntax), or of scalars (short).
    ListOf(&'static S),
    /// A list of names, or a mapping of names to this.
    NamesOr(&'static S),
    /// A scalar, or a mapping of these keys.
    ScalarOr(&'static [(&'static str, S)]),
}

const HEALTHCHECK: &[(&str, S)] = &[
    ("test", S::Any),
    ("interval", S::Scalar),
    ("timeout", S::Scalar),
    ("retries", S::Scalar),
    ("start_period", S::Scalar),
    ("start_interval", S::Scalar),
    ("disable", S::Scalar),
];
const BUILD: &[(&str, S)] = &[
    ("context", S::Scalar),
    ("dockerfile", S::Scalar),
    ("dockerfile_inline", S::Scalar),
    ("args", S::Dict),
    ("target", S::Scalar),
    ("labels", S::Dict),
    ("cache_from", S::List),
    ("cache_to", S::List),
    ("network", S::Scalar),
    ("ssh", S::Any),
    ("secrets", S::Any),
    ("tags", S::List),
    ("platforms", S::List),
    ("shm_size", S::Scalar),
    ("extra_hosts", S::Any),
    ("no_cache", S::Scalar),
    ("pull", S::Scalar),
    ("additional_contexts", S::Dict),
];
const RESOURCE: &[(&str, S)] = &[
    ("cpus", S::Scalar),
    ("memory", S::Scalar),
    ("pids", S::Scalar),
    ("devices", S::Any),
    ("generic_resources", S::Any),
];
const RESOURCES: &[(&str, S)] = &[
    ("limits", S::Keys(RESOURCE)),
    ("reservations", S::Keys(RESOURCE)),
];
const RESTART_POLICY: &[(&str, S)] = &[
    ("condition", S::Scalar),
    ("delay", S::Scalar),
    ("max_attempts", S::Scalar),
    ("window", S::Scalar),
];
const DEPLOY: &[(&str, S)] = &[
    ("mode", S::Scalar),
    ("replicas", S::Scalar),
    ("resources", S::Keys(RESOURCES)),
    ("restart_policy", S::Keys(RESTART_POLICY)),
    ("labels", S::Dict),
    ("placement", S::Any),
    ("update_config", S::Any),
    ("rollback_config", S::Any),
    ("endpoint_mode", S::Scalar),
];
const DEPENDS: &[(&str, S)] = &[
    ("condition", S::Scalar),
    ("restart", S::Scalar),
    ("required", S::Scalar),
];
const SERVICE_NETWORK: &[(&str, S)] = &[
    ("aliases", S::List),
    ("ipv4_address", S::Scalar),
    ("ipv6_address", S::Scalar),
    ("priority", S::Scalar),
    ("link_local_ips", S::List),
    ("mac_address", S::Scalar),
    ("driver_opts", S::Any),
];
const PORT: &[(&str, S)] = &[
    ("target", S::Scalar),
    ("published", S::Scalar),
    ("host_ip", S::Scalar),
    ("protocol", S::Scalar),
    ("mode", S::Scalar),
    ("name", S::Scalar),
    ("app_protocol", S::Scalar),
];
const MOUNT: &[(&str, S)] = &[
    ("type", S::Scalar),
    ("source", S::Scalar),
    ("target", S::Scalar),
    ("read_only", S::Scalar),
    ("bind", S::Any),
    ("volume", S::Any),
    ("tmpfs", S::Any),
    ("consistency", S::Scalar),
];
const FILE_REF: &[(&str, S)] = &[
    ("source", S::Scalar),
    ("target", S::Scalar),
    ("uid", S::Scalar),
    ("gid", S::Scalar),
    ("mode", S::Scalar),
];
const SERVICE: &[(&str, S)] = &[
    ("annotations", S::Dict),
    ("attach", S::Scalar),
    ("blkio_config", S::Any),
    ("build", S::ScalarOr(BUILD)),
    ("cap_add", S::List),
    ("cap_drop", S::List),
    ("cgroup", S::Scalar),
    ("cgroup_parent", S::Scalar),
    ("command", S::Any),
    ("configs", S::ListOf(&S::Keys(FILE_REF))),
    ("container_name", S::Scalar),
    ("cpu_count", S::Scalar),
    ("cpu_percent", S::Scalar),
    ("cpu_period", S::Scalar),
    ("cpu_quota", S::Scalar),
    ("cpu_shares", S::Scalar),
    ("cpus", S::Scalar),
    ("cpuset", S::Scalar),
    ("depends_on", S::NamesOr(&S::Keys(DEPENDS))),
    ("deploy", S::Keys(DEPLOY)),
    ("devices", S::Any),
    ("dns", S::Any),
    ("dns_opt", S::List),
    ("dns_search", S::Any),
    ("domainname", S::Scalar),
    ("entrypoint", S::Any),
    ("env_file", S::Any),
    ("environment", S::Dict),
    ("expose", S::List),
    ("extends", S::Any),
    ("external_links", S::List),
    ("extra_hosts", S::Any),
    ("group_add", S::List),
    ("healthcheck", S::Keys(HEALTHCHECK)),
    ("hostname", S::Scalar),
    ("image", S::Scalar),
    ("init", S::Scalar),
    ("ipc", S::Scalar),
    ("labels", S::Dict),
    ("links", S::List),
    ("logging", S::Any),
    ("mac_address", S::Scalar),
    ("mem_limit", S::Scalar),
    ("mem_reservation", S::Scalar),
    ("mem_swappiness", S::Scalar),
    ("memswap_limit", S::Scalar),
    ("network_mode", S::Scalar),
    ("networks", S::NamesOr(&S::Keys(SERVICE_NETWORK))),
    ("oom_kill_disable", S::Scalar),
    ("oom_score_adj", S::Scalar),
    ("pid", S::Scalar),
    ("pids_limit", S::Scalar),
    ("platform", S::Scalar),
    ("ports", S::ListOf(&S::Keys(PORT))),
    ("privileged", S::Scalar),
    ("profiles", S::List),
    ("pull_policy", S::Scalar),
    ("read_only", S::Scalar),
    ("restart", S::Scalar),
    ("runtime", S::Scalar),
    ("scale", S::Scalar),
    ("secrets", S::ListOf(&S::Keys(FILE_REF))),
    ("security_opt", S::List),
    ("shm_size", S::Scalar),
    ("stdin_open", S::Scalar),
    ("stop_grace_period", S::Scalar),
    ("stop_signal", S::Scalar),
    ("storage_opt", S::Any),
    ("sysctls", S::Dict),
    ("tmpfs", S::Any),
    ("tty", S::Scalar),
    ("ulimits", S::Any),
    ("user", S::Scalar),
    ("userns_mode", S::Scalar),
    ("uts", S::Scalar),
    ("volumes", S::ListOf(&S::Keys(MOUNT))),
    ("volumes_from", S::List),
    ("working_dir", S::Scalar),
];
const NETWORK: &[(&str, S)] = &[
    ("driver", S::Scalar),
    ("driver_opts", S::Any),
    ("external", S::Any),
    ("name", S::Scalar),
    ("ipam", S::Any),
    ("internal", S::Scalar),
    ("attachable", S::Scalar),
    ("labels", S::Dict),
    ("enable_ipv6", S::Scalar),
];
const VOLUME: &[(&str, S)] = &[
    ("driver", S::Scalar),
    ("driver_opts", S::Any),
    ("external", S::Any),
    ("name", S::Scalar),
    ("labels", S::Dict),
];
const FILE_OBJECT: &[(&str, S)] = &[
    ("file", S::Scalar),
    ("environment", S::Scalar),
    ("content", S::Scalar),
    ("external", S::Any),
    ("name", S::Scalar),
];
const TOP: &[(&str, S)] = &[
    ("version", S::Scalar),
    ("name", S::Scalar),
    ("services", S::Named(&S::Keys(SERVICE))),
    ("networks", S::Named(&S::Keys(NETWORK))),
    ("volumes", S::Named(&S::Keys(VOLUME))),
    ("configs", S::Named(&S::Keys(FILE_OBJECT))),
    ("secrets", S::Named(&S::Keys(FILE_OBJECT))),
    ("include", S::Any),
];

/// Walking one file.
struct Walk<'a> {
    file: &'a str,
    vars: words::Lookup<'a>,
    warnings: &'a mut Vec<String>,
    places: &'a mut Places,
}

/// Where each key of the model was written: `services.web.ports` →
/// `FILE:LINE` (the last file that sets it).
pub type Places = std::collections::BTreeMap<String, String>;

impl Walk<'_> {
    fn scalar(&self, node: &Node, path: &str) -> Result<Value> {
        let Y::Scalar(text, plain) = &node.value else {
            bail!("{}:{}: {path} must be a single value", self.file, node.line);
        };
        if node.is_null() {
            return Ok(Value::Null);
        }
        let text = words::expand_vars(text, self.vars, '$')
            .map_err(|e| anyhow::anyhow!("{}:{}: {path}: {e:#}", self.file, node.line))?;
        if !plain {
            return Ok(json!(text));
        }
        Ok(match text.as_str() {
            "true" | "True" | "TRUE" => json!(true),
            "false" | "False" | "FALSE" => json!(false),
            t => match t.parse::<i64>() {
                // `+1` and `007` stay text, as YAML 1.2 reads them.
                Ok(n) if !(t.starts_with('+') || (t.starts_with('0') && t.len() > 1)) => json!(n),
                _ => json!(text),
            },
        })
    }

    fn any(&mut self, node: &Node, path: &str) -> Result<Value> {
        match node.tag {
            Some(MergeTag::Reset) => return Ok(merge_tags::reset()),
            Some(MergeTag::Override) => {
                return Ok(merge_tags::overriding(self.any_untagged(node, path)?))
            }
            None => {}
        }
        self.any_untagged(node, path)
    }

    fn any_untagged(&mut self, node: &Node, path: &str) -> Result<Value> {
        Ok(match &node.value {
            Y::Scalar(..) => self.scalar(node, path)?,
            Y::Seq(items) => Value::Array(
                items
                    .iter()
                    .map(|n| self.any(n, path))
                    .collect::<Result<_>>()?,
            ),
            Y::Map(pairs) => {
                let mut m = Map::new();
                for (k, v) in pairs {
                    m.insert(self.key(k, path)?, self.any(v, path)?);
                }
                Value::Object(m)
            }
        })
    }

    fn key(&self, k: &Node, path: &str) -> Result<String> {
        match &k.value {
            Y::Scalar(s, _) => Ok(s.clone()),
            _ => bail!("{}:{}: a key of {path} is not a name", self.file, k.line),
        }
    }

    /// `node` read as `schema` says, a merge tag on it kept for the merge
    /// of the files (`merge_tags`).
    fn walk(&mut self, node: &Node, path: &str, schema: S) -> Result<Value> {
        match node.tag {
            Some(MergeTag::Reset) => Ok(merge_tags::reset()),
            Some(MergeTag::Override) => Ok(merge_tags::overriding(
                self.walk_untagged(node, path, schema)?,
            )),
            None => self.walk_untagged(node, path, schema),
        }
    }

    fn walk_untagged(&mut self, node: &Node, path: &str, schema: S) -> Result<Value> {
        let child = |k: &str| {
            if path.is_empty() {
                k.to_string()
            } else {
                format!("{path}.{k}")
            }
        };
        match schema {
            S::Scalar => self.scalar(node, path),
            S::Any => self.any(node, path),
            S::List => match &node.value {
                Y::Seq(items) => Ok(Value::Array(
                    items
                        .iter()
                        .map(|n| self.scalar(n, path))
                        .collect::<Result<_>>()?,
                )),
                _ if node.is_null() => Ok(json!([])),
                _ => bail!("{}:{}: {path} must be a list", self.file, node.line),
            },
            S::Keys(keys) => {
                if node.is_null() {
                    return Ok(json!({}));
                }
                let Some(pairs) = node.as_map() else {
                    bail!("{}:{}: {path} must be a mapping", self.file, node.line);
                };
                let mut m = Map::new();
                for (k, v) in pairs {
                    let name = self.key(k, path)?;
                    if name.starts_with("x-") {
                        m.insert(name.clone(), self.any(v, &child(&name))?);
                        continue;
                    }
                    match keys.iter().find(|(n, _)| *n == name) {
                        Some((_, s)) => {
                            self.places
                                .insert(child(&name), format!("{}:{}", self.file, k.line));
                            let value = self.walk(v, &child(&name), *s)?;
                            m.insert(name, value);
                        }
                        None => self.warnings.push(format!(
                            "{}:{}: unknown key {}: den ignores it",
                            self.file,
                            k.line,
                            child(&name)
                        )),
                    }
                }
                Ok(Value::Object(m))
            }
            S::Named(inner) => {
                if node.is_null() {
                    return Ok(json!({}));
                }
                let Some(pairs) = node.as_map() else {
                    bail!(
                        "{}:{}: {path} must be a mapping of names",
                        self.file,
                        node.line
                    );
                };
                let mut m = Map::new();
                for (k, v) in pairs {
                    let name = self.key(k, path)?;
                    self.places
                        .insert(child(&name), format!("{}:{}", self.file, k.line));
                    let value = if name.starts_with("x-") {
                        self.any(v, &child(&name))?
                    } else {
                        self.walk(v, &child(&name), *inner)?
                    };
                    m.insert(name, value);
                }
                Ok(Value::Object(m))
            }
            S::Dict => {
                let mut m = Map::new();
                match &node.value {
                    Y::Map(pairs) => {
                        // `KEY:` with no value: from the shell or `.env`
                        // in `environment` and build `args`, as in their
                        // list form (it was dropped).
                        let from_env = path.ends_with(".environment") || path.ends_with(".args");
                        for (k, v) in pairs {
                            let name = self.key(k, path)?;
                            if v.tag == Some(MergeTag::Reset) {
                                m.insert(name, merge_tags::reset());
                                continue;
                            }
                            let value = match self.scalar(v, &child(&name))? {
                                Value::Null if from_env => {
                                    (self.vars)(&name).map_or(Value::Null, Value::String)
                                }
                                Value::Null => Value::Null,
                                Value::String(s) => json!(s),
                                other => json!(other.to_string()),
                            };
                            m.insert(name, value);
                        }
                    }
                    Y::Seq(items) => {
                        for n in items {
                            let entry = match self.scalar(n, path)? {
                                Value::String(s) => s,
                                other => other.to_string(),
                            };
                            match entry.split_once('=') {
                                Some((k, v)) => m.insert(k.to_string(), json!(v)),
                                // `KEY` alone: from the environment, if set.
                                None => m.insert(
                                    entry.clone(),
                                    (self.vars)(&entry).map_or(Value::Null, Value::String),
                                ),
                            };
                        }
                    }
                    _ if node.is_null() => {}
                    _ => bail!(
                        "{}:{}: {path} must be a mapping or a list of KEY=VALUE",
                        self.file,
                        node.line
                    ),
                }
                Ok(Value::Object(m))
            }
            S::ListOf(inner) => match &node.value {
                Y::Seq(items) => Ok(Value::Array(
                    items
                        .iter()
                        .map(|n| match n.value {
                            Y::Map(_) => self.walk(n, path, *inner),
                            _ => self.scalar(n, path),
                        })
                        .collect::<Result<_>>()?,
                )),
                _ if node.is_null() => Ok(json!([])),
                _ => bail!("{}:{}: {path} must be a list", self.file, node.line),
            },
            S::NamesOr(inner) => match &node.value {
                Y::Seq(items) => {
                    let mut m = Map::new();
                    for n in items {
                        let name = match self.scalar(n, path)? {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        let long = if path.ends_with("depends_on") {
                            json!({"condition": "service_started", "required": true})
                        } else {
                            Value::Null
                        };
                        m.insert(name, long);
                    }
                    Ok(Value::Object(m))
                }
                _ => {
                    let v = self.walk(node, path, S::Named(inner))?;
                    Ok(v)
                }
            },
            S::ScalarOr(keys) => match &node.value {
                Y::Scalar(..) => Ok(json!({ "context": self.scalar(node, path)? })),
                _ => self.walk(node, path, S::Keys(keys)),
            },
        }
    }
}

/// A file's top-level mapping as the model.
pub fn top(
    node: &Node,
    file: &str,
    vars: words::Lookup<'_>,
    warnings: &mut Vec<String>,
    places: &mut Places,
) -> Result<Value> {
    if node.is_null() {
        return Ok(json!({}));
    }
    if node.as_map().is_none() {
        bail!(
            "{file}:{}: a Compose file is a mapping (services:, networks:, ...)",
            node.line
        );
    }
    let mut w = Walk {
        file,
        vars,
        warnings,
        places,
    };
    w.walk(node, "", S::Keys(TOP))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Value, Vec<String>) {
        let node = super::super::yaml::parse(text).expect("yaml");
        let vars = |k: &str| match k {
            "TAG" => Some("1.2".to_string()),
            "EMPTY" => Some(String::new()),
            "FROM_ENV" => Some("yes".to_string()),
            _ => None,
        };
        let mut warnings = Vec::new();
        let v = top(
            &node,
            "compose.yaml",
            &vars,
            &mut warnings,
            &mut Places::new(),
        )
        .expect("model");
        (v, warnings)
    }

    #[test]
    fn interpolation_normal_forms_and_unknown_keys() {
        let (v, warnings) = load(
            "version: \"3\"\nservices:\n  web:\n    image: \"busybox:${TAG}\"\n    command: echo $$HOME ${EMPTY:-dflt} ${UNSET-u} ${TAG:+alt}\n    environment:\n      - A=1\n      - FROM_ENV\n    depends_on: [db]\n    build: ./dir\n    bogus: 1\n    x-mine: {a: 1}\n    deploy:\n      replicas: 5\n      resources:\n        limits: {cpus: \"0.1\", memory: 50M}\n  db:\n    image: busybox\n    networks: [back]\n",
        );
        let web = &v["services"]["web"];
        assert_eq!(web["image"], "busybox:1.2");
        assert_eq!(web["command"], "echo $HOME dflt u alt");
        assert_eq!(web["environment"], json!({"A": "1", "FROM_ENV": "yes"}));
        assert_eq!(
            web["depends_on"],
            json!({"db": {"condition": "service_started", "required": true}})
        );
        assert_eq!(web["build"], json!({"context": "./dir"}));
        assert_eq!(web["deploy"]["replicas"], 5);
        assert_eq!(web["deploy"]["resources"]["limits"]["cpus"], "0.1");
        assert_eq!(v["services"]["db"]["networks"], json!({"back": null}));
        assert_eq!(
            warnings,
            ["compose.yaml:11: unknown key services.web.bogus: den ignores it"]
        );
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let node =
            super::super::yaml::parse("services:\n  web:\n    image: ${NEEDED:?set NEEDED}\n")
                .expect("yaml");
        let vars = |_: &str| None;
        let e = top(&node, "c.yaml", &vars, &mut Vec::new(), &mut Places::new())
            .unwrap_err()
            .to_string();
        assert_eq!(e, "c.yaml:3: services.web.image: NEEDED: set NEEDED");
        let node = super::super::yaml::parse("services:\n  web:\n    ports: 80\n").expect("yaml");
        let e = top(&node, "c.yaml", &vars, &mut Vec::new(), &mut Places::new())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("c.yaml:3: services.web.ports must be a list"),
            "{e}"
        );
    }
}
