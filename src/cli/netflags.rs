//! The network flags of `run` and `create`.

use anyhow::{bail, Result};
use clap::Args;

use crate::engine::spec::{self, NetworkSpec};

#[derive(Debug, Args, Clone, Default)]
pub struct NetworkArgs {
    /// Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network's name (repeat for several networks) (default: pasta, else slirp4netns)
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Another name for the container on its user-defined networks
    #[arg(long, value_name = "ALIAS", value_delimiter = ',')]
    pub network_alias: Vec<String>,
    /// The container's IPv4 address on its user-defined network
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]
    #[arg(short, long, value_name = "PORTS", value_delimiter = ',')]
    pub publish: Vec<String>,
    /// Publish every port the image exposes, on random host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Expose a port or range (PORT[-PORT][/PROTO]) besides the image's: -P publishes it
    #[arg(long, value_name = "PORT", value_delimiter = ',')]
    pub expose: Vec<String>,
    /// DNS server for the container's resolv.conf
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns: Vec<String>,
    /// DNS search domain ('.' for none)
    #[arg(long, value_name = "DOMAIN", value_delimiter = ',')]
    pub dns_search: Vec<String>,
    /// DNS resolver option
    #[arg(long, value_name = "OPTION", value_delimiter = ',')]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: HOST:IP
    #[arg(long, value_name = "HOST:IP", value_delimiter = ',')]
    pub add_host: Vec<String>,
    /// MAC address of the container's interface (pasta, slirp4netns)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Docker's legacy links (NAME[:ALIAS]), which podman lacks too: refused,
    /// naming what to use instead (a network, on which names resolve)
    #[arg(long, value_name = "NAME[:ALIAS]")]
    pub link: Vec<String>,
}

impl NetworkArgs {
    /// The network part of a container spec: the flags' own syntax checked,
    /// the rest left to the engine.
    pub fn to_spec(&self) -> Result<NetworkSpec> {
        if let Some(l) = self.link.first() {
            let (name, alias) = l.split_once(':').unwrap_or((l, l));
            bail!(
                "--link {l}: den has no legacy links (nor has podman): make a network (den network create NET), run both containers with --network NET, and reach {name} by its name{}",
                if alias == name {
                    String::new()
                } else {
                    format!(" (or as {alias}: run {name} with --network-alias {alias})")
                }
            );
        }
        let publish = self
            .publish
            .iter()
            .map(|p| spec::parse_publish(p))
            .collect::<Result<Vec<_>>>()?;
        let mut add_hosts = Vec::new();
        for h in &self.add_host {
            // HOST:IP, where the IP may be IPv6 (host:fd00::1).
            let Some((name, ip)) = h
                .split_once(':')
                .filter(|(n, ip)| crate::engine::spec::add_host_ok(n, ip))
            else {
                bail!("invalid --add-host {h:?} (use HOST:IP, HOST;HOST:IP or HOST:host-gateway)");
            };
            add_hosts.push((name.to_string(), ip.to_string()));
        }
        Ok(NetworkSpec {
            modes: self.network.clone(),
            aliases: self.network_alias.clone(),
            ip: self.ip.clone(),
            publish,
            publish_all: self.publish_all,
            expose: self.expose.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_options: self.dns_option.clone(),
            add_hosts,
            mac_address: self.mac_address.clone(),
            shared_ports: false,
        })
    }
}
