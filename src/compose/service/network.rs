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
            Value::Object(o) => long_port(o),
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

/// A long-syntax port as `-p` takes it: an IPv6 `host_ip` in brackets,
/// and a `host_ip` without `published` on a random port of that address
/// (`1.2.3.4:80` was read as host port "1.2.3.4").
fn long_port(o: &serde_json::Map<String, Value>) -> String {
    let field = |k: &str| o.get(k).map(text).filter(|v| !v.is_empty());
    let mut short = String::new();
    if let Some(ip) = field("host_ip") {
        match ip.contains(':') && !ip.starts_with('[') {
            true => short.push_str(&format!("[{ip}]:")),
            false => short.push_str(&format!("{ip}:")),
        }
        if field("published").is_none() {
            short.push(':');
        }
    }
    if let Some(pb) = field("published") {
        short.push_str(&format!("{pb}:"));
    }
    short.push_str(&field("target").unwrap_or_default());
    if let Some(proto) = field("protocol") {
        short.push_str(&format!("/{proto}"));
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ports_as_publish_flags() {
        let port = |v: Value| {
            let short = long_port(v.as_object().expect("object"));
            let m = spec::parse_publish(&short).expect(&short);
            (m.host_ip, m.host_port, m.container_port, m.protocol)
        };
        assert_eq!(
            port(serde_json::json!({"target": 80, "published": "8080", "host_ip": "::1"})),
            ("::1".into(), 8080, 80, "tcp".into())
        );
        assert_eq!(
            port(serde_json::json!({"target": 80, "host_ip": "127.0.0.1", "protocol": "udp"})),
            ("127.0.0.1".into(), 0, 80, "udp".into())
        );
        assert_eq!(
            port(serde_json::json!({"target": 80, "host_ip": "fe80::1"})),
            ("fe80::1".into(), 0, 80, "tcp".into())
        );
        assert_eq!(
            port(serde_json::json!({"target": 53, "published": 5353})),
            (String::new(), 5353, 53, "tcp".into())
        );
    }
}
