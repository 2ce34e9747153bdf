//! A container's network from its spec: the mode `--network` names (or the
//! user-defined networks to join), ports published (free host ports
//! chosen), DNS and hosts settings, each checked against the others.

use anyhow::{bail, Result};

use crate::config::paths::Paths;
use crate::engine::spec::NetworkSpec;
use crate::network::bridge::Attachment;
use crate::network::networks::{Networks, DEFAULT_NETWORK};
use crate::network::{ports, Mode, NetworkConfig};

/// The network mode and settings of `n`; `exposed` are the image's EXPOSE
/// ports (for `publish_all`).
pub fn resolve(
    paths: &Paths,
    n: &NetworkSpec,
    exposed: &[String],
) -> Result<(Mode, NetworkConfig)> {
    let (mode, networks) = mode(paths, n)?;
    let mut published = n.publish.clone();
    if n.publish_all {
        // Each exposed port once, and none the user published already
        // (podman's; it got a second, random host port).
        for p in ports::exposed(exposed)? {
            let taken = published
                .iter()
                .any(|q| q.container_port == p.container_port && q.protocol == p.protocol);
            if !taken {
                published.push(p);
            }
        }
    }
    if mode == Mode::Bridge {
        if let Some(p) = published.iter().find(|p| p.protocol != "tcp") {
            bail!("publishing {} ports of a container on a user-defined network is not supported yet: publish them with the default network", p.protocol);
        }
    }
    if !published.is_empty() && !mode.waits_for_network() {
        // podman's and Docker's word, not an error: a compose service with
        // `network_mode: host` and `ports:` runs.
        crate::warn!(
            "port mappings are discarded: --network {} has no network of the container's own to publish from",
            mode.to_flag()
        );
        published.clear();
    }
    ports::assign_free(&mut published)?;
    if matches!(mode, Mode::Pasta(_))
        && published
            .iter()
            .any(|p| p.protocol == "udp" && p.host_port != p.container_port)
    {
        crate::warn!("pasta before mid-2023 (as in Debian 12) forwards UDP only to the same port number: publish UDP as PORT:PORT, or use --network slirp4netns");
    }
    for d in &n.dns {
        if d.parse::<std::net::IpAddr>().is_err() {
            bail!("invalid --dns {d:?} (give an IP address)");
        }
    }
    if let Some(m) = &n.mac_address {
        let ok = m.split(':').count() == 6
            && m.split(':')
                .all(|b| b.len() == 2 && u8::from_str_radix(b, 16).is_ok());
        if !ok {
            bail!("invalid --mac-address {m:?} (use six hex bytes like 92:d0:c6:0a:29:33)");
        }
        if !mode.waits_for_network() {
            bail!("--mac-address needs a network of its own (pasta, slirp4netns or a user-defined network)");
        }
    }
    for (name, ip) in &n.add_hosts {
        if !crate::engine::spec::add_host_ok(name, ip) {
            bail!(
                "invalid --add-host {name}:{ip} (use HOST:IP, HOST;HOST:IP or HOST:host-gateway)"
            );
        }
    }
    Ok((
        mode,
        NetworkConfig {
            ports: published,
            dns: n.dns.clone(),
            dns_search: n.dns_search.clone(),
            dns_options: n.dns_options.clone(),
            add_hosts: n.add_hosts.clone(),
            mac: n.mac_address.clone(),
            networks,
            shared_ports: n.shared_ports,
        },
    ))
}

/// The mode the spec's networks name, and the user-defined networks to
/// join (`bridge` is the default one).
fn mode(paths: &Paths, n: &NetworkSpec) -> Result<(Mode, Vec<Attachment>)> {
    let keyword = |v: &str| {
        let kind = v.split_once(':').map(|x| x.0).unwrap_or(v);
        matches!(
            kind,
            "" | "none" | "host" | "private" | "pasta" | "slirp4netns" | "container"
        )
    };
    let mode = match n.modes.as_slice() {
        [] => Some(Mode::parse("")?),
        [one] if keyword(one) => Some(Mode::parse(one)?),
        many => {
            if let Some(k) = many.iter().find(|v| keyword(v)) {
                bail!("--network {k} cannot be combined with other networks");
            }
            None
        }
    };
    if let Some(mode) = mode {
        if !n.aliases.is_empty() || n.ip.is_some() {
            bail!("--network-alias and --ip need a user-defined network (--network NAME; see 'den network create')");
        }
        return Ok((mode, Vec::new()));
    }
    let ip = match &n.ip {
        Some(ip) => Some(
            ip.parse::<std::net::Ipv4Addr>()
                .map_err(|_| anyhow::anyhow!("invalid --ip {ip:?} (give an IPv4 address)"))?,
        ),
        None => None,
    };
    if ip.is_some() && n.modes.len() > 1 {
        bail!("--ip can only be given with a single network");
    }
    for a in &n.aliases {
        if !crate::util::ids::is_valid_name(a) {
            bail!("invalid --network-alias {a:?}: use letters, digits, '_', '.' and '-'");
        }
    }
    let networks = Networks::new(paths);
    let mut out: Vec<Attachment> = Vec::new();
    for v in &n.modes {
        let name = if v == "bridge" { DEFAULT_NETWORK } else { v };
        let net = networks.find(name)?;
        if let Some(ip) = ip {
            net.check_ip(ip)?;
        }
        if out.iter().any(|a| a.network == net.name) {
            bail!("network {} is given twice", net.name);
        }
        out.push(Attachment {
            network: net.name,
            aliases: n.aliases.clone(),
            ip,
        });
    }
    Ok((Mode::Bridge, out))
}
