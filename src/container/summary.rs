//! The parts of a container's record that listing and finding need:
//! [`Summary`] for `ps` (its rows, filters and sorts) and `start --all`,
//! [`Ident`] for finding a container by name or id and keeping names
//! unique. Both are read from the same `config.json` as
//! [`ContainerConfig`](super::ContainerConfig), the rest of the record
//! skipped unparsed: a whole config is about 3 kB of lists and maps to
//! allocate, and parsing every one was a fifth of `ps -a` with 100
//! containers, and a part of every command that names a container.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::network::ports::PortMapping;

/// Less still: what finding a container by name or id needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Ident {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub image_id: String,
    pub image_name: String,
    /// The command as it runs (entrypoint and arguments).
    pub args: Vec<String>,
    pub remove: bool,
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default = "super::default_restart")]
    pub restart: String,
    #[serde(default)]
    pub net: Net,
    #[serde(default)]
    pub mounts: Vec<Mount>,
    /// Whether it has a healthcheck.
    #[serde(default, rename = "health", deserialize_with = "present")]
    pub has_health: bool,
    #[serde(default)]
    pub extras: Extras,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Net {
    #[serde(default)]
    pub ports: Vec<PortMapping>,
    #[serde(default)]
    pub networks: Vec<Network>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Network {
    pub network: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Mount {
    pub destination: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Extras {
    /// The pod it belongs to (the pod's id).
    #[serde(default)]
    pub pod: Option<String>,
    /// A pod's infra container.
    #[serde(default)]
    pub pause: bool,
}

/// A value that is there and not null.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<IgnoredAny>::deserialize(d)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::ContainerConfig;

    /// A record as den writes it (through `ContainerConfig`) gives the
    /// summary the same values: the two types read the same fields.
    #[test]
    fn a_summary_reads_what_the_config_wrote() {
        let fixture = serde_json::json!({
            "id": "a".repeat(64), "name": "web", "image_id": "b".repeat(64),
            "image_name": "localhost/busybox:latest", "layers": [],
            "args": ["sh", "-c", "true"], "env": [], "workdir": "/", "user": "",
            "hostname": "web", "network": "pasta", "interactive": false,
            "remove": true, "created": "2026-12-04T10:00:00Z", "driver": "overlay",
            "labels": {"k": "v"}, "restart": "always",
            "net": {"ports": [{"host_ip": "", "container_port": 80, "host_port": 8080,
                               "range": 1, "protocol": "tcp"}],
                    "networks": [{"network": "n1"}]},
            "mounts": [{"type": "tmpfs", "destination": "/t"}],
            "health": {"test": ["CMD", "true"], "interval": 30, "timeout": 30,
                       "start_period": 0, "start_interval": 5, "retries": 3},
            "extras": {"pod": "c".repeat(64), "pause": true},
        });
        let config: ContainerConfig = serde_json::from_value(fixture).expect("a config");
        let written = serde_json::to_vec(&config).expect("serialise");
        let s: Summary = serde_json::from_slice(&written).expect("a summary");
        let i: Ident = serde_json::from_slice(&written).expect("an ident");
        assert_eq!((&i.id, &i.name), (&config.id, &config.name));
        assert!(!config.labels.is_empty() && !config.net.ports.is_empty());
        assert!(config.health.is_some() && config.extras.pause);
        assert_eq!(
            (&s.id, &s.name, &s.image_id, &s.image_name, &s.args),
            (
                &config.id,
                &config.name,
                &config.image_id,
                &config.image_name,
                &config.args
            )
        );
        assert_eq!((s.remove, s.created), (config.remove, config.created));
        assert_eq!((&s.labels, &s.restart), (&config.labels, &config.restart));
        assert_eq!(s.net.ports, config.net.ports);
        let nets: Vec<&str> = s.net.networks.iter().map(|n| n.network.as_str()).collect();
        assert_eq!(nets, ["n1"]);
        assert_eq!(config.net.networks[0].network, "n1");
        let dests: Vec<&str> = s.mounts.iter().map(|m| m.destination.as_str()).collect();
        assert_eq!(dests, [config.mounts[0].destination.as_str()]);
        assert!(s.has_health);
        assert_eq!(
            (&s.extras.pod, s.extras.pause),
            (&config.extras.pod, config.extras.pause)
        );

        // Without a healthcheck, a pod or labels (as most are written).
        let mut plain = config.clone();
        plain.health = None;
        plain.extras = Default::default();
        let s: Summary =
            serde_json::from_slice(&serde_json::to_vec(&plain).expect("json")).expect("a summary");
        assert!(!s.has_health && s.extras.pod.is_none() && !s.extras.pause);
    }
}
