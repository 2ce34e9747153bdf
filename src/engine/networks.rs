//! User-defined networks: create, list, inspect, remove, prune, and
//! connect or disconnect a container, live when it runs.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::{ops, ContainerConfig, Containers};
use crate::error::{Error, Kind};
use crate::network::bridge::{self, Attachment};
use crate::network::networks::Networks;
pub use crate::network::networks::{Network, NewNetwork, DEFAULT_NETWORK};
use crate::network::{holder, Mode};
use crate::runtime::userns;

/// The network `name` (or id).
pub fn find(paths: &Paths, name: &str) -> Result<Network> {
    Networks::new(paths).find(name)
}

/// Make a network with `driver` (den has `bridge`); with `ignore`, an
/// existing one of that name is fine.
pub fn create(paths: &Paths, driver: &str, req: NewNetwork, ignore: bool) -> Result<Network> {
    if driver != "bridge" {
        bail!("unsupported network driver {driver:?} (den has bridge)");
    }
    let networks = Networks::new(paths);
    if ignore {
        if let Some(n) = req.name.as_deref().and_then(|n| networks.find(n).ok()) {
            return Ok(n);
        }
    }
    networks.create(req)
}

/// The networks that match every filter (`name`, `id`, `driver`, `label`).
pub fn list(paths: &Paths, filters: &[(String, String)]) -> Result<Vec<Network>> {
    for (k, v) in filters {
        if !matches!(k.as_str(), "name" | "id" | "driver" | "label") {
            bail!("unknown filter {k:?} (use name, id, driver or label)");
        }
        if k == "name" {
            crate::util::pattern::check(v)?;
        }
    }
    Ok(Networks::new(paths)
        .list()?
        .into_iter()
        .filter(|n| matches(n, filters))
        .collect())
}

/// The containers configured to use `net`.
fn users(containers: &Containers, net: &Network) -> Result<Vec<ContainerConfig>> {
    Ok(containers
        .list()?
        .into_iter()
        .filter(|c| c.net.networks.iter().any(|a| a.network == net.name))
        .collect())
}

/// A network for templates, with podman's field names.
pub fn template_value(paths: &Paths, n: &Network) -> Value {
    let mut v = serde_json::to_value(n).unwrap_or_default();
    if let Value::Object(m) = &mut v {
        let containers: BTreeMap<String, Value> = bridge::on_network(paths, &n.name)
            .into_iter()
            .map(|l| {
                (
                    l.container.clone(),
                    json!({"name": l.name, "interfaces": {l.iface.clone(): {
                        "subnets": [{"ipnet": format!("{}/{}", l.ip, l.prefix), "gateway": l.gateway}],
                        "mac_address": l.mac.clone().unwrap_or_default()}}}),
                )
            })
            .collect();
        m.insert("containers".into(), json!(containers));
        for (key, from) in [
            ("Name", "name"),
            ("ID", "id"),
            ("Driver", "driver"),
            ("NetworkInterface", "network_interface"),
            ("Created", "created"),
            ("Subnets", "subnets"),
            ("IPv6Enabled", "ipv6_enabled"),
            ("Internal", "internal"),
            ("DNSEnabled", "dns_enabled"),
            ("Labels", "labels"),
            ("Containers", "containers"),
            ("Options", "options"),
            ("IPAMOptions", "ipam_options"),
        ] {
            let x = m.get(from).cloned().unwrap_or(Value::Null);
            m.insert(key.into(), x);
        }
        // den's networks take no driver options: podman's empty map.
        if m.get("Options").is_none_or(Value::is_null) {
            m.insert("Options".into(), json!({}));
        }
    }
    v
}

/// Whether `n` passes `filters` (`util::filters`: one key's values are
/// alternatives, `label`'s all required).
fn matches(n: &Network, filters: &[(String, String)]) -> bool {
    let one = |(k, v): &(String, String)| {
        Ok::<bool, std::convert::Infallible>(match k.as_str() {
            "name" => crate::util::pattern::name_matches(v, &n.name).unwrap_or(false),
            "id" => n.id.starts_with(v.as_str()),
            "driver" => n.driver == *v,
            "label" => {
                let (lk, lv) = v.split_once('=').unwrap_or((v, ""));
                n.labels.get(lk).is_some_and(|x| lv.is_empty() || x == lv)
            }
            _ => true,
        })
    };
    crate::util::filters::passes(filters, |(k, _)| k.as_str(), one).unwrap_or(false)
}

/// The JSON `network inspect` prints for `n` (also used by `den inspect`).
pub fn inspect_json(paths: &Paths, n: &Network) -> Value {
    let mut v = json!(n);
    let t = template_value(paths, n);
    v["containers"] = t["containers"].clone();
    v
}

/// Remove the networks `names` (`force`: and the containers on them,
/// running ones stopped within that many seconds); `removed` is called
/// with each network's name.
pub fn remove(
    paths: &Paths,
    names: &[String],
    force: Option<u64>,
    mut removed: impl FnMut(&str),
) -> Result<()> {
    let networks = Networks::new(paths);
    let containers = Containers::new(paths);
    let mut nets = Vec::new();
    for name in names {
        let n = networks.find(name)?;
        if n.name == DEFAULT_NETWORK {
            bail!("the default network {DEFAULT_NETWORK} cannot be removed");
        }
        let using = users(&containers, &n)?;
        if !using.is_empty() && force.is_none() {
            let names: Vec<&str> = using.iter().map(|c| c.name.as_str()).collect();
            return Err(Error::conflict(
                Kind::Network,
                format!(
                    "network {} is used by containers {}: remove them first, or use network rm -f",
                    n.name,
                    names.join(", ")
                ),
            ));
        }
        nets.push((n, using));
    }
    // A pod's infra container on the network takes its pod with it, all
    // members (as podman's network rm -f): removed alone, it left the pod
    // unstartable and its members running on a released address. Another
    // container that joined one removed here (--network container:X) is
    // refused, not left without its namespace.
    let mut pods = Vec::new();
    if force.is_some() {
        let all = containers.list()?;
        for (_, using) in &mut nets {
            let mut kept = Vec::new();
            for c in using.drain(..) {
                let pod = c
                    .extras
                    .pod
                    .as_deref()
                    .and_then(|p| crate::engine::pods::find(paths, p).ok())
                    .filter(|p| p.infra.as_deref() == Some(c.id.as_str()));
                match pod {
                    Some(p) => {
                        if !pods.iter().any(|x: &crate::pod::Pod| x.id == p.id) {
                            pods.push(p);
                        }
                    }
                    None => kept.push(c),
                }
            }
            *using = kept;
        }
        let going = |c: &ContainerConfig| {
            nets.iter().any(|(_, u)| u.iter().any(|x| x.id == c.id))
                || c.extras
                    .pod
                    .as_ref()
                    .is_some_and(|p| pods.iter().any(|x| &x.id == p))
        };
        for (_, using) in &nets {
            for c in using {
                if let Some(d) = ops::dependents(&all, c).into_iter().find(|d| !going(d)) {
                    return Err(Error::conflict(
                        Kind::Container,
                        format!(
                            "container {} uses the namespaces of {}, which is on the network: remove it first",
                            d.name, c.name
                        ),
                    ));
                }
            }
        }
    }
    for p in &pods {
        crate::engine::pods::remove(paths, p, true, force)?;
    }
    // Containers are stopped from the host's user namespace, removed from
    // den's (as `rm -f` does).
    for (_, using) in &nets {
        for c in using {
            ops::stop(&containers, c, force)?;
        }
    }
    if nets.iter().any(|(_, u)| !u.is_empty()) {
        userns::enter()?;
    }
    let _lock = networks.lock()?;
    for (n, using) in &nets {
        for c in using {
            ops::remove(&containers, c, true)?;
        }
        networks.remove(n)?;
        drop_bridge(paths, &n.network_interface);
        removed(&n.name);
    }
    Ok(())
}

/// Delete a removed network's bridge from the shared namespace, if that
/// runs (in a child that joins it): left there, the next network given
/// the bridge's name found it with the old network's address and no
/// gateway of its own, so its containers reached nothing outside.
fn drop_bridge(paths: &Paths, name: &str) {
    let Some(record) = holder::current(paths) else {
        return;
    };
    let deleted = crate::engine::rootfs::apart(|| {
        holder::enter(&record)?;
        bridge::delete_bridge(name)
    });
    if let Err(e) = deleted {
        crate::warn!("deleting the bridge of a removed network: {e:#}");
    }
}

/// Remove every network no container uses; `removed` is called with each name.
pub fn prune(
    paths: &Paths,
    filter: &super::prune::PruneFilter,
    mut removed: impl FnMut(&str),
) -> Result<()> {
    let networks = Networks::new(paths);
    let containers = Containers::new(paths);
    let _lock = networks.lock()?;
    for n in networks.list()? {
        if n.name != DEFAULT_NETWORK
            && users(&containers, &n)?.is_empty()
            && filter.allows(n.created, &n.labels)
        {
            networks.remove(&n)?;
            drop_bridge(paths, &n.network_interface);
            removed(&n.name);
        }
    }
    Ok(())
}

/// The container's running init and supervisor, if it runs.
fn running(
    containers: &Containers,
    cfg: &ContainerConfig,
) -> Result<Option<crate::container::ContainerState>> {
    let st = containers.live_state(&cfg.id)?;
    Ok(matches!(st.status.as_str(), "running" | "paused").then_some(st))
}

/// Connect container `container` to network `network` (live when it runs),
/// with other names `aliases` and maybe the address `ip`.
pub fn connect(
    paths: &Paths,
    network: &str,
    container: &str,
    aliases: &[String],
    ip: Option<&str>,
) -> Result<()> {
    // Checked as `run --network-alias` checks them: an alias with a space
    // or a newline wrote lines of its own into every peer's /etc/hosts.
    for a in aliases {
        if !crate::util::ids::is_valid_name(a) {
            bail!("invalid --alias {a:?}: use letters, digits, '_', '.' and '-'");
        }
    }
    let net = Networks::new(paths).find(network)?;
    let containers = Containers::new(paths);
    let cfg = containers.find(container)?;
    if Mode::parse(&cfg.network)? != Mode::Bridge {
        bail!(
            "container {} uses --network {}: only a container on user-defined networks can join another",
            cfg.name,
            cfg.network
        );
    }
    if cfg.net.networks.iter().any(|x| x.network == net.name) {
        return Err(Error::conflict(
            Kind::Network,
            format!(
                "container {} is already connected to network {}",
                cfg.name, net.name
            ),
        ));
    }
    let ip = match ip {
        Some(s) => {
            let ip = s
                .parse()
                .map_err(|_| anyhow::anyhow!("invalid --ip {s:?} (give an IPv4 address)"))?;
            net.check_ip(ip)?;
            Some(ip)
        }
        None => None,
    };
    let attachment = Attachment {
        network: net.name.clone(),
        aliases: aliases.to_vec(),
        ip,
    };
    if let Some(st) = running(&containers, &cfg)? {
        let record = holder::current(paths)
            .context("the shared network namespace is not running (restart the container)")?;
        holder::enter(&record)?;
        let ns: std::os::fd::OwnedFd = std::fs::File::open(format!("/proc/{}/ns/net", st.init.pid))
            .context("opening the container's network namespace")?
            .into();
        let _lock = bridge::lock(paths)?;
        let existing = bridge::of_container(paths, &cfg.id);
        // The first free ethN (after a disconnect, the count of the others
        // named one in use: the connect failed).
        let free = (0..)
            .find(|n| !existing.iter().any(|l| l.iface == format!("eth{n}")))
            .unwrap_or(existing.len());
        let mut leases = bridge::lease(
            paths,
            &containers,
            &cfg,
            std::slice::from_ref(&attachment),
            st.supervisor,
            free,
        )?;
        let route = existing.iter().all(|l| l.internal) && !net.internal;
        for l in &mut leases {
            if let Err(e) = bridge::wire(l, &ns, route) {
                bridge::release_leases(paths, &containers, &leases);
                return Err(e);
            }
            bridge::update(paths, l)?;
        }
        if net.dns_enabled {
            let peers = bridge::peer_lines(paths, &leases);
            bridge::edit_hosts(&containers.dir(&cfg.id), |lines| lines.extend(peers));
        }
    }
    containers.modify(&cfg.id, |c| c.net.networks.push(attachment))?;
    Ok(())
}

/// Disconnect container `container` from network `network` (live when it runs).
pub fn disconnect(paths: &Paths, network: &str, container: &str) -> Result<()> {
    let net = Networks::new(paths).find(network)?;
    let containers = Containers::new(paths);
    let cfg = containers.find(container)?;
    if !cfg.net.networks.iter().any(|x| x.network == net.name) {
        bail!(
            "container {} is not connected to network {}",
            cfg.name,
            net.name
        );
    }
    if running(&containers, &cfg)?.is_some() {
        let leases: Vec<_> = bridge::of_container(paths, &cfg.id)
            .into_iter()
            .filter(|l| l.network == net.name)
            .collect();
        if !leases.is_empty() {
            let record =
                holder::current(paths).context("the shared network namespace is not running")?;
            holder::enter(&record)?;
            let _lock = bridge::lock(paths)?;
            let peers = bridge::peer_lines(paths, &leases);
            for l in &leases {
                bridge::unwire(l)?;
            }
            bridge::release_leases(paths, &containers, &leases);
            bridge::edit_hosts(&containers.dir(&cfg.id), |lines| {
                lines.retain(|x| !peers.contains(x))
            });
        }
    }
    containers.modify(&cfg.id, |c| {
        c.net.networks.retain(|x| x.network != net.name)
    })?;
    Ok(())
}
