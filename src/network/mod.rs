//! Rootless networking: which network a container gets (none, host, or its
//! own namespace connected by pasta or slirp4netns), published ports, and
//! the /etc/hosts and /etc/resolv.conf it sees.
//!
//! The helper is started by the supervisor once the container's network
//! namespace exists and before its command runs ([`helper`]); it is
//! stopped when the container's process ends.
//!
//! User-defined networks ([`networks`]) are bridges in one shared network
//! namespace per user ([`holder`]); a container on them gets a veth pair
//! to each bridge and an address leased while it runs ([`bridge`]).

pub mod bridge;
pub mod etc;
pub mod helper;
pub mod holder;
mod keeper;
pub mod networks;
pub mod nsconf;
pub mod pasta;
pub mod ports;
pub mod proxy;
pub mod routes;
pub mod spare;

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

pub use ports::PortMapping;

/// Everything about a container's network that its config records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkConfig {
    /// Published ports, host ports resolved at create time.
    #[serde(default)]
    pub ports: Vec<PortMapping>,
    /// `--dns`, `--dns-search`, `--dns-option`.
    #[serde(default)]
    pub dns: Vec<String>,
    #[serde(default)]
    pub dns_search: Vec<String>,
    #[serde(default)]
    pub dns_options: Vec<String>,
    /// `--add-host NAME:IP`.
    #[serde(default)]
    pub add_hosts: Vec<(String, String)>,
    /// `--mac-address` of the container's interface.
    #[serde(default)]
    pub mac: Option<String>,
    /// The user-defined networks of a `bridge` container, with its
    /// aliases and requested address on each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<bridge::Attachment>,
    /// The published ports are shared with the other replicas of its
    /// service (SO_REUSEPORT): the kernel spreads connections over them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared_ports: bool,
}

/// What keeps this user from opening /dev/net/tun, which pasta and
/// slirp4netns need (`None`: nothing).
pub fn tun_problem() -> Option<String> {
    crate::util::fs::device_problem("/dev/net/tun", "tun")
}

/// Refuse a network that needs /dev/net/tun where it cannot be opened,
/// before anything is made, with the way out.
pub fn check_tun(mode: &Mode) -> Result<()> {
    if matches!(mode, Mode::Pasta(_) | Mode::Slirp(_) | Mode::Bridge) {
        if let Some(p) = tun_problem() {
            bail!("the container's network needs /dev/net/tun: {p}; or run it with --network none");
        }
    }
    Ok(())
}

/// A network mode, as `--network` spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    None,
    Host,
    Pasta(Vec<String>),
    Slirp(Vec<String>),
    /// Another container's network namespace (`container:NAME`; recorded by id).
    Container(String),
    /// User-defined networks (listed in [`NetworkConfig::networks`]).
    Bridge,
}

impl Mode {
    /// Parse `--network`; the default (empty, `private`) becomes the helper
    /// this machine has: pasta, else slirp4netns.
    pub fn parse(s: &str) -> Result<Mode> {
        let (kind, opts) = s.split_once(':').unwrap_or((s, ""));
        let opts: Vec<String> = opts
            .split(',')
            .filter(|o| !o.is_empty())
            .map(String::from)
            .collect();
        Ok(match kind {
            "none" => Mode::None,
            "host" => Mode::Host,
            "pasta" => Mode::Pasta(opts),
            "slirp4netns" => {
                for o in &opts {
                    if !matches!(o.split_once('=').map(|x| x.0).unwrap_or(o), "allow_host_loopback" | "mtu" | "enable_ipv6" | "cidr" | "outbound_addr" | "port_handler") {
                        bail!("unknown slirp4netns option {o:?} (use allow_host_loopback=true, mtu=N, cidr=CIDR)");
                    }
                }
                Mode::Slirp(opts)
            }
            "" | "private" => return default_mode(),
            "bridge" => Mode::Bridge,
            "container" => match s.split_once(':').map(|x| x.1).filter(|n| !n.is_empty()) {
                Some(name) => Mode::Container(name.to_string()),
                None => bail!("--network container needs a name: container:NAME"),
            },
            other => bail!(
                "network {other:?} not found (see 'den network ls', or use pasta, slirp4netns, host or none)"
            ),
        })
    }

    /// The `--network` value recorded in the config and shown by inspect.
    pub fn to_flag(&self) -> String {
        let with = |name: &str, o: &[String]| {
            if o.is_empty() {
                name.to_string()
            } else {
                format!("{name}:{}", o.join(","))
            }
        };
        match self {
            Mode::None => "none".into(),
            Mode::Host => "host".into(),
            Mode::Pasta(o) => with("pasta", o),
            Mode::Slirp(o) => with("slirp4netns", o),
            Mode::Container(c) => format!("container:{c}"),
            Mode::Bridge => "bridge".into(),
        }
    }

    /// Whether the container gets a network namespace of its own.
    pub fn own_netns(&self) -> bool {
        !matches!(self, Mode::Host | Mode::Container(_))
    }

    /// Whether a helper connects the namespace to the outside.
    pub fn has_helper(&self) -> bool {
        matches!(self, Mode::Pasta(_) | Mode::Slirp(_))
    }

    /// Whether the command waits until the supervisor has connected the
    /// namespace (through a helper, or to bridges).
    pub fn waits_for_network(&self) -> bool {
        self.has_helper() || *self == Mode::Bridge
    }
}

/// The default network for rootless containers: pasta where installed,
/// otherwise slirp4netns; none (with a warning) when neither is.
pub fn default_mode() -> Result<Mode> {
    match default_name() {
        "pasta" => Ok(Mode::Pasta(Vec::new())),
        "slirp4netns" => Ok(Mode::Slirp(Vec::new())),
        _ => {
            crate::warn!("neither pasta nor slirp4netns is installed: the container has no network (install the passt or slirp4netns package)");
            Ok(Mode::None)
        }
    }
}

/// The name of the default network: the first helper installed, else none.
pub fn default_name() -> &'static str {
    ["pasta", "slirp4netns"]
        .into_iter()
        .find(|h| helper::find(h).is_some())
        .unwrap_or("none")
}
