//! The network flags of `run` and `create`.

use anyhow::{bail, Result};
use clap::Args;

use crate::config::paths::Paths;
use crate::network::bridge::Attachment;
use crate::network::networks::{Networks, DEFAULT_NETWORK};
use crate::network::{ports, Mode, NetworkConfig};

#[derive(Debug, Args, Clone, Default)]
pub struct NetworkArgs {
    /// Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network's name (repeat for several networks) (default: pasta, else slirp4netns)
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Another name for the container on its user-defined networks
    #[arg(long, value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// The container's IPv4 address on its user-defined network
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]
    #[arg(short, long, value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish every port the image exposes, on random host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// DNS server for the container's resolv.conf
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain ('.' for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS resolver option
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: HOST:IP
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// MAC address of the container's interface (pasta, slirp4netns)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
}

impl NetworkArgs {
    /// The network mode and settings; `exposed` are the image's EXPOSE ports.
    pub fn resolve(&self, paths: &Paths, exposed: &[String]) -> Result<(Mode, NetworkConfig)> {
        let (mode, networks) = self.mode(paths)?;
        let mut published = self
            .publish
            .iter()
            .map(|p| ports::parse_publish(p))
            .collect::<Result<Vec<_>>>()?;
        if self.publish_all {
            published.extend(ports::exposed(exposed)?);
        }
        if mode == Mode::Bridge {
            if let Some(p) = published.iter().find(|p| p.protocol != "tcp") {
                bail!("publishing {} ports of a container on a user-defined network is not supported yet: publish them with the default network", p.protocol);
            }
        }
        if !published.is_empty() && !mode.waits_for_network() {
            bail!(
                "--publish needs a network of its own (pasta or slirp4netns), not --network {}",
                mode.to_flag()
            );
        }
        ports::assign_free(&mut published)?;
        if matches!(mode, Mode::Pasta(_))
            && published
                .iter()
                .any(|p| p.protocol == "udp" && p.host_port != p.container_port)
        {
            crate::warn!("pasta before mid-2023 (as in Debian 12) forwards UDP only to the same port number: publish UDP as PORT:PORT, or use --network slirp4netns");
        }
        for d in &self.dns {
            if d.parse::<std::net::IpAddr>().is_err() {
                bail!("invalid --dns {d:?} (give an IP address)");
            }
        }
        if let Some(m) = &self.mac_address {
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
        let mut add_hosts = Vec::new();
        for h in &self.add_host {
            // HOST:IP, where the IP may be IPv6 (host:fd00::1).
            let Some((name, ip)) = h
                .split_once(':')
                .filter(|(n, ip)| !n.is_empty() && ip.parse::<std::net::IpAddr>().is_ok())
            else {
                bail!("invalid --add-host {h:?} (use HOST:IP)");
            };
            add_hosts.push((name.to_string(), ip.to_string()));
        }
        Ok((
            mode,
            NetworkConfig {
                ports: published,
                dns: self.dns.clone(),
                dns_search: self.dns_search.clone(),
                dns_options: self.dns_option.clone(),
                add_hosts,
                mac: self.mac_address.clone(),
                networks,
            },
        ))
    }

    /// The mode `--network` names, and the user-defined networks to join
    /// (`bridge` is the default one).
    fn mode(&self, paths: &Paths) -> Result<(Mode, Vec<Attachment>)> {
        let keyword = |v: &str| {
            let kind = v.split_once(':').map(|x| x.0).unwrap_or(v);
            matches!(
                kind,
                "" | "none" | "host" | "private" | "pasta" | "slirp4netns" | "container"
            )
        };
        let mode = match self.network.as_slice() {
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
            if !self.network_alias.is_empty() || self.ip.is_some() {
                bail!("--network-alias and --ip need a user-defined network (--network NAME; see 'den network create')");
            }
            return Ok((mode, Vec::new()));
        }
        let ip = match &self.ip {
            Some(ip) => Some(
                ip.parse::<std::net::Ipv4Addr>()
                    .map_err(|_| anyhow::anyhow!("invalid --ip {ip:?} (give an IPv4 address)"))?,
            ),
            None => None,
        };
        if ip.is_some() && self.network.len() > 1 {
            bail!("--ip can only be given with a single network");
        }
        for a in &self.network_alias {
            if !crate::util::ids::is_valid_name(a) {
                bail!("invalid --network-alias {a:?}: use letters, digits, '_', '.' and '-'");
            }
        }
        let networks = Networks::new(paths);
        let mut out: Vec<Attachment> = Vec::new();
        for v in &self.network {
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
                aliases: self.network_alias.clone(),
                ip,
            });
        }
        Ok((Mode::Bridge, out))
    }
}
