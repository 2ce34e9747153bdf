//! The network flags of `run` and `create`.

use anyhow::{bail, Result};
use clap::Args;

use crate::network::{ports, Mode, NetworkConfig};

#[derive(Debug, Args, Clone, Default)]
pub struct NetworkArgs {
    /// Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private (default: pasta, else slirp4netns)
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
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
    pub fn resolve(&self, exposed: &[String]) -> Result<(Mode, NetworkConfig)> {
        let mode = Mode::parse(self.network.as_deref().unwrap_or(""))?;
        let mut published = self
            .publish
            .iter()
            .map(|p| ports::parse_publish(p))
            .collect::<Result<Vec<_>>>()?;
        if self.publish_all {
            published.extend(ports::exposed(exposed)?);
        }
        if !published.is_empty() && !mode.has_helper() {
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
            if !mode.has_helper() {
                bail!("--mac-address needs a network of its own (pasta or slirp4netns)");
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
            },
        ))
    }
}
