//! User-defined networks: their records, in podman's (netavark's) JSON
//! format, one file per network under `$XDG_DATA_HOME/den/networks/`.
//!
//! A network is a bridge in the user's shared network namespace
//! ([`super::holder`]); this module only keeps the records: names,
//! subnets, gateways, and which bridge interface each one uses.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::error::{Error, Kind};
use crate::util::{fs as ufs, ids, lock::Lock};

/// The network `--network bridge` means, present without being created.
pub const DEFAULT_NETWORK: &str = "den";
const DEFAULT_SUBNET: &str = "10.88.0.0/16";

/// Names `--network` gives other meanings.
const RESERVED: &[&str] = &[
    "none",
    "host",
    "bridge",
    "private",
    "pasta",
    "slirp4netns",
    "container",
    "default",
];

/// One subnet of a network and its gateway (the bridge's own address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub subnet: String,
    pub gateway: String,
    /// `--ip-range`: the addresses containers get come from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_range: Option<LeaseRange>,
}

/// The first and last address leased (podman's `lease_range`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRange {
    pub start_ip: String,
    pub end_ip: String,
}

/// A network, as `network inspect` shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Network {
    pub name: String,
    pub id: String,
    pub driver: String,
    pub network_interface: String,
    pub created: DateTime<Utc>,
    pub subnets: Vec<Subnet>,
    pub ipv6_enabled: bool,
    pub internal: bool,
    pub dns_enabled: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub ipam_options: BTreeMap<String, String>,
}

/// An IPv4 subnet: its network address and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub addr: Ipv4Addr,
    pub prefix: u8,
}

impl Cidr {
    /// Parse `A.B.C.D/N`; host bits must be zero.
    pub fn parse(s: &str) -> Result<Cidr> {
        let (a, p) = s
            .split_once('/')
            .with_context(|| format!("invalid subnet {s:?} (use A.B.C.D/N, like 10.89.1.0/24)"))?;
        let Ok(addr) = a.parse::<Ipv4Addr>() else {
            if a.parse::<std::net::Ipv6Addr>().is_ok() {
                bail!("IPv6 subnets are not supported yet ({s}): use an IPv4 subnet");
            }
            bail!("invalid subnet {s:?} (use A.B.C.D/N, like 10.89.1.0/24)");
        };
        let prefix: u8 = p
            .parse()
            .ok()
            .filter(|n| (8..=30).contains(n))
            .with_context(|| format!("invalid subnet {s:?}: the prefix length must be 8 to 30"))?;
        let c = Cidr { addr, prefix };
        if c.network() != addr {
            bail!(
                "invalid subnet {s:?}: host bits are set (did you mean {}/{prefix}?)",
                c.network()
            );
        }
        Ok(c)
    }

    fn mask(&self) -> u32 {
        u32::MAX << (32 - self.prefix)
    }

    pub fn network(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) & self.mask())
    }

    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) | !self.mask())
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == u32::from(self.network())
    }

    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.contains(other.network()) || other.contains(self.network())
    }

    /// The addresses containers may have: all but the network and broadcast.
    pub fn hosts(&self) -> impl Iterator<Item = Ipv4Addr> {
        (u32::from(self.network()) + 1..u32::from(self.broadcast())).map(Ipv4Addr::from)
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl Network {
    /// The first subnet (den networks have exactly one).
    pub fn cidr(&self) -> Result<Cidr> {
        let s = self
            .subnets
            .first()
            .with_context(|| format!("network {} has no subnet", self.name))?;
        Cidr::parse(&s.subnet)
    }

    pub fn gateway(&self) -> Result<Ipv4Addr> {
        let s = self
            .subnets
            .first()
            .with_context(|| format!("network {} has no subnet", self.name))?;
        s.gateway
            .parse()
            .with_context(|| format!("network {} has an invalid gateway", self.name))
    }

    /// The addresses containers get (`--ip-range`, else the subnet's hosts).
    pub fn lease_hosts(&self) -> Result<Vec<Ipv4Addr>> {
        let cidr = self.cidr()?;
        let range = self.subnets.first().and_then(|s| s.lease_range.as_ref());
        let bounds = match range {
            Some(r) => Some((
                r.start_ip
                    .parse::<Ipv4Addr>()
                    .context("the network's lease range")?,
                r.end_ip
                    .parse::<Ipv4Addr>()
                    .context("the network's lease range")?,
            )),
            None => None,
        };
        Ok(cidr
            .hosts()
            .filter(|ip| bounds.is_none_or(|(a, b)| *ip >= a && *ip <= b))
            .collect())
    }

    /// Check `ip` can be given to a container on this network.
    pub fn check_ip(&self, ip: Ipv4Addr) -> Result<()> {
        let cidr = self.cidr()?;
        if !cidr.contains(ip) || ip == cidr.network() || ip == cidr.broadcast() {
            bail!(
                "--ip {ip} is not a host address of network {} ({cidr})",
                self.name
            );
        }
        if ip == self.gateway()? {
            bail!("--ip {ip} is the gateway of network {}", self.name);
        }
        Ok(())
    }
}

/// What `network create` asks for.
#[derive(Debug, Default)]
pub struct NewNetwork {
    pub name: Option<String>,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub internal: bool,
    pub disable_dns: bool,
    pub labels: BTreeMap<String, String>,
    /// `--ip-range CIDR`: containers' addresses from this part of the subnet.
    pub ip_range: Option<String>,
}

/// The user's networks.
pub struct Networks {
    dir: PathBuf,
}

impl Networks {
    pub fn new(paths: &Paths) -> Networks {
        Networks {
            dir: paths.data.join("networks"),
        }
    }

    /// Serializes creations and removals.
    pub fn lock(&self) -> Result<Lock> {
        crate::util::fs::private_dir(&self.dir)?;
        Lock::exclusive(&self.dir.join(".lock"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// The default network, unless a record replaces it.
    fn default_network() -> Network {
        let id = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(DEFAULT_NETWORK));
        Network {
            name: DEFAULT_NETWORK.into(),
            id,
            driver: "bridge".into(),
            network_interface: "den0".into(),
            created: DateTime::<Utc>::UNIX_EPOCH,
            subnets: vec![Subnet {
                subnet: DEFAULT_SUBNET.into(),
                gateway: "10.88.0.1".into(),
                lease_range: None,
            }],
            ipv6_enabled: false,
            internal: false,
            dns_enabled: false,
            labels: BTreeMap::new(),
            ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        }
    }

    /// Every network, the default first, then by name.
    pub fn list(&self) -> Result<Vec<Network>> {
        let mut out = vec![Self::default_network()];
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e).context("reading the networks directory"),
        };
        let mut found = Vec::new();
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                let n: Network = ufs::read_json(&p)?
                    .with_context(|| format!("reading network record {}", p.display()))?;
                found.push(n);
            }
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        out.extend(found);
        Ok(out)
    }

    /// A network by name, full id or unique id prefix.
    pub fn find(&self, input: &str) -> Result<Network> {
        let all = self.list()?;
        if let Some(n) = all.iter().find(|n| n.name == input) {
            return Ok(n.clone());
        }
        let by_id: Vec<&Network> = all
            .iter()
            .filter(|n| !input.is_empty() && n.id.starts_with(input))
            .collect();
        match by_id.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::not_found(
                Kind::Network,
                input,
                format!("network {input} not found (see 'den network ls')"),
            )),
            _ => Err(Error::ambiguous(
                Kind::Network,
                input,
                format!("network id prefix {input} is ambiguous: give more of it or the name"),
            )),
        }
    }

    /// Create a network record; fails if the name is taken or the subnet
    /// overlaps another network's.
    pub fn create(&self, req: NewNetwork) -> Result<Network> {
        let _lock = self.lock()?;
        let all = self.list()?;
        let name = match req.name {
            Some(n) => {
                if !ids::is_valid_name(&n) {
                    bail!("invalid network name {n:?}: use letters, digits, '_', '.' and '-', starting with a letter or digit");
                }
                if RESERVED.contains(&n.as_str()) {
                    bail!("{n:?} is a network mode, not a name a network can have: choose another name");
                }
                if all.iter().any(|x| x.name == n) {
                    return Err(Error::conflict(
                        Kind::Network,
                        format!("network {n} already exists (remove it with 'den network rm {n}', or choose another name)"),
                    ));
                }
                n
            }
            None => (1..)
                .map(|i| format!("den{i}"))
                .find(|n| all.iter().all(|x| x.name != *n))
                .context("no free network name")?,
        };
        let taken: Vec<(String, Cidr)> = all
            .iter()
            .filter_map(|n| n.cidr().ok().map(|c| (n.name.clone(), c)))
            .collect();
        let cidr = match &req.subnet {
            Some(s) => {
                let c = Cidr::parse(s)?;
                if let Some((other, oc)) = taken.iter().find(|(_, t)| t.overlaps(&c)) {
                    bail!("subnet {c} overlaps {oc} of network {other}: choose another --subnet");
                }
                c
            }
            None => free_subnet(&taken.iter().map(|(_, c)| *c).collect::<Vec<_>>())?,
        };
        if req.gateway.is_some() && req.subnet.is_none() {
            bail!("--gateway needs --subnet");
        }
        let gateway = match &req.gateway {
            Some(g) => {
                let ip: Ipv4Addr = g
                    .parse()
                    .with_context(|| format!("invalid --gateway {g:?} (give an IPv4 address)"))?;
                if !cidr.contains(ip) || ip == cidr.network() || ip == cidr.broadcast() {
                    bail!("--gateway {ip} is not a host address of the subnet {cidr}");
                }
                ip
            }
            None => Ipv4Addr::from(u32::from(cidr.network()) + 1),
        };
        let lease_range = match &req.ip_range {
            None => None,
            Some(r) => {
                let range = Cidr::parse(r).with_context(|| format!("--ip-range {r}"))?;
                if !cidr.contains(range.network()) || range.prefix < cidr.prefix {
                    bail!("--ip-range {range} is not inside the subnet {cidr}");
                }
                let mut hosts = range.hosts();
                let (Some(start), Some(end)) = (hosts.next(), hosts.last()) else {
                    bail!("--ip-range {range} has no host addresses");
                };
                Some(LeaseRange {
                    start_ip: start.to_string(),
                    end_ip: end.to_string(),
                })
            }
        };
        let prefix = if req.internal { "deni" } else { "den" };
        let used: Vec<&str> = all.iter().map(|n| n.network_interface.as_str()).collect();
        let iface = (1..)
            .map(|i| format!("{prefix}{i}"))
            .find(|i| !used.contains(&i.as_str()))
            .context("no free interface name")?;
        let net = Network {
            name,
            id: ids::new_id(),
            driver: "bridge".into(),
            network_interface: iface,
            created: Utc::now(),
            subnets: vec![Subnet {
                subnet: cidr.to_string(),
                gateway: gateway.to_string(),
                lease_range,
            }],
            ipv6_enabled: false,
            internal: req.internal,
            dns_enabled: !req.disable_dns,
            labels: req.labels,
            ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        };
        ufs::write_json(&self.path(&net.name), &net)?;
        Ok(net)
    }

    /// Remove a network record (the caller checks no container uses it).
    pub fn remove(&self, net: &Network) -> Result<()> {
        if net.name == DEFAULT_NETWORK {
            bail!("the default network {DEFAULT_NETWORK} cannot be removed");
        }
        std::fs::remove_file(self.path(&net.name))
            .with_context(|| format!("removing network {}", net.name))
    }
}

/// The first 10.89.N.0/24 that overlaps neither a network nor a route of
/// the host (as podman picks).
fn free_subnet(taken: &[Cidr]) -> Result<Cidr> {
    let host = host_routes();
    (0..=255u8)
        .map(|n| Cidr {
            addr: Ipv4Addr::new(10, 89, n, 0),
            prefix: 24,
        })
        .find(|c| !taken.iter().chain(&host).any(|t| t.overlaps(c)))
        .context("no free subnet left in 10.89.0.0/16: give one with --subnet")
}

/// The destinations of the host's routes (the default route excluded).
fn host_routes() -> Vec<Cidr> {
    let table = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            let mask = u32::from_be(mask);
            (mask != 0).then(|| Cidr {
                addr: Ipv4Addr::from(u32::from_be(dest)),
                prefix: mask.count_ones() as u8,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnets_parse_and_compare() {
        let c = Cidr::parse("10.89.3.0/24").unwrap();
        assert_eq!(c.broadcast(), Ipv4Addr::new(10, 89, 3, 255));
        assert!(c.contains(Ipv4Addr::new(10, 89, 3, 7)));
        assert!(!c.contains(Ipv4Addr::new(10, 89, 4, 7)));
        assert_eq!(c.hosts().count(), 254);
        assert!(c.overlaps(&Cidr::parse("10.89.0.0/16").unwrap()));
        assert!(!c.overlaps(&Cidr::parse("10.89.4.0/24").unwrap()));
        for bad in [
            "10.89.3.1/24",
            "10.89.3.0",
            "10.89.3.0/33",
            "x/24",
            "fd00::/64",
        ] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_free_subnet_skips_taken_ones() {
        let taken = [
            Cidr::parse("10.89.0.0/24").unwrap(),
            Cidr::parse("10.89.1.0/24").unwrap(),
        ];
        let c = free_subnet(&taken).unwrap();
        assert!(taken.iter().all(|t| !t.overlaps(&c)));
        assert_eq!(c.prefix, 24);
    }
}
