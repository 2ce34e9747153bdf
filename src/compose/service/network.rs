//! A service's networks, published ports, DNS and hosts as the spec's;
//! the project's declared networks and volumes.

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

use super::{strings, text, Context};
use crate::engine::spec::{self, ContainerSpec};

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

/// The first container of the project's service `service`: its
/// `container_name`, else PROJECT-SERVICE-1 (`network_mode: service:X`
/// and `volumes_from` named the latter whatever `container_name` said).
pub(super) fn first_container(ctx: &Context, service: &str) -> String {
    ctx.model
        .pointer(&format!("/services/{service}/container_name"))
        .map(text)
        .unwrap_or_else(|| format!("{}-{service}-1", ctx.project))
}

pub(super) fn network(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    if let Some(mode) = svc.get("network_mode").map(text) {
        s.network.modes = vec![match mode.split_once(':') {
            Some(("service", other)) => {
                if ctx.model.pointer(&format!("/services/{other}")).is_none() {
                    bail!("services.{name}.network_mode: {other:?} is no service of the project");
                }
                format!("container:{}", first_container(ctx, other))
            }
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
    // The service's name reaches its containers on its networks, and so
    // do the names other services' `links` give it (`SERVICE:ALIAS`).
    s.network.aliases.insert(0, name.to_string());
    for other in ctx
        .model
        .get("services")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
    {
        for link in strings(other.get("links")) {
            if let Some((target, alias)) = link.split_once(':') {
                if target == name && !s.network.aliases.iter().any(|a| a == alias) {
                    s.network.aliases.push(alias.to_string());
                }
            }
        }
    }
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
