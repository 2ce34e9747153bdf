//! The container's /etc/hosts and /etc/resolv.conf, written into its
//! directory and bound into place.

use std::net::Ipv4Addr;

use super::{Mode, NetworkConfig};

/// The address pasta forwards DNS queries from (to the host's resolver),
/// used when the host's resolver is on loopback.
pub const PASTA_DNS: &str = "169.254.1.1";
/// slirp4netns's built-in addresses.
pub const SLIRP_GATEWAY: &str = "10.0.2.2";
pub const SLIRP_DNS: &str = "10.0.2.3";
pub const SLIRP_GUEST: &str = "10.0.2.100";

/// What the container's network looks like from inside.
#[derive(Debug, Default)]
pub struct Addresses {
    /// The container's own address (for its name in /etc/hosts).
    pub own: Option<String>,
    /// Where host.containers.internal points.
    pub host: Option<String>,
    /// The DNS forwarder for loopback resolvers.
    pub dns: Option<String>,
}

/// The addresses for `mode` on this host (`runtime`: den's runtime
/// directory, where what pasta can do is remembered).
pub fn addresses(mode: &Mode, runtime: &std::path::Path) -> Addresses {
    match mode {
        Mode::Pasta(opts) => {
            let plan = super::pasta::plan(opts, host_net(), pasta_maps_guest_addr(runtime));
            Addresses {
                own: plan.own,
                host: plan.host,
                dns: Some(PASTA_DNS.into()),
            }
        }
        Mode::Slirp(_) => Addresses {
            own: Some(SLIRP_GUEST.into()),
            host: default_route()
                .and_then(|(i, _)| interface_ipv4(&i))
                .map(|a| a.to_string())
                .or(Some(SLIRP_GATEWAY.into())),
            dns: Some(SLIRP_DNS.into()),
        },
        Mode::None | Mode::Host | Mode::Container(_) | Mode::Bridge => Addresses::default(),
    }
}

/// What pasta copies from the host: the address and gateway of the
/// interface with the default route.
pub fn host_net() -> super::pasta::HostNet {
    let (iface, gw) = default_route().unzip();
    super::pasta::HostNet {
        address: iface.as_deref().and_then(interface_ipv4),
        gateway: gw,
    }
}

/// Whether the installed pasta maps an address to the host.
pub fn pasta_maps_guest_addr(runtime: &std::path::Path) -> bool {
    super::helper::find("pasta").is_some_and(|exe| super::pasta::maps_guest_addr(&exe, runtime))
}

/// The default IPv4 route's interface and gateway, from /proc/net/route.
pub(super) fn default_route() -> Option<(String, Ipv4Addr)> {
    let table = std::fs::read_to_string("/proc/net/route").ok()?;
    table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() > 2 && f[1] == "00000000" {
            let gw = u32::from_str_radix(f[2], 16).ok()?;
            Some((f[0].to_string(), Ipv4Addr::from(u32::from_be(gw))))
        } else {
            None
        }
    })
}

fn interface_ipv4(name: &str) -> Option<Ipv4Addr> {
    nix::ifaddrs::getifaddrs().ok()?.find_map(|a| {
        if a.interface_name != name {
            return None;
        }
        a.address?.as_sockaddr_in().map(|s| s.ip())
    })
}

/// /etc/hosts: localhost, the container's own names, host.containers.internal
/// and `--add-host` entries.
pub fn hosts(
    mode: &Mode,
    hostname: &str,
    name: &str,
    net: &NetworkConfig,
    addr: &Addresses,
) -> String {
    let mut out = if *mode == Mode::Host {
        std::fs::read_to_string("/etc/hosts").unwrap_or_default()
    } else {
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n".to_string()
    };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for (host, ip) in &net.add_hosts {
        // `host-gateway`: the host as the container reaches it, as podman
        // and Docker read it (none where the network has no way there).
        let ip = match ip.as_str() {
            HOST_GATEWAY => match &addr.host {
                Some(h) => h.as_str(),
                None => continue,
            },
            ip => ip,
        };
        // `a;b:IP`: several names of one address, podman's form.
        out.push_str(&format!("{ip}\t{}\n", host.replace(';', " ")));
    }
    let own = addr.own.as_deref().unwrap_or("127.0.1.1");
    out.push_str(&format!("{own}\t{hostname} {name}\n"));
    if let Some(h) = &addr.host {
        out.push_str(&format!(
            "{h}\thost.containers.internal host.docker.internal\n"
        ));
    }
    out
}

/// `--add-host NAME:host-gateway`.
pub const HOST_GATEWAY: &str = "host-gateway";

fn is_loopback(ns: &str) -> bool {
    ns.parse::<std::net::IpAddr>()
        .map(|a| a.is_loopback())
        .unwrap_or(false)
}

/// /etc/resolv.conf: the host's, with loopback resolvers (unreachable from
/// the container) replaced by the helper's forwarder, and the --dns flags.
/// Also says whether the forwarder is used.
pub fn resolv_conf(
    host: &str,
    mode: &Mode,
    net: &NetworkConfig,
    addr: &Addresses,
) -> (String, bool) {
    let mut servers = Vec::new();
    let mut search = Vec::new();
    let mut options = Vec::new();
    for line in host.lines() {
        let mut f = line.split_whitespace();
        match f.next() {
            Some("nameserver") => servers.extend(f.next().map(String::from)),
            Some("search") | Some("domain") => search.extend(f.map(String::from)),
            Some("options") => options.extend(f.map(String::from)),
            _ => {}
        }
    }
    let mut forwarded = false;
    if !net.dns.is_empty() {
        servers = net.dns.clone();
    } else if *mode != Mode::Host {
        let before = servers.len();
        servers.retain(|s| !is_loopback(s));
        if servers.is_empty() || servers.len() < before {
            if let Some(d) = &addr.dns {
                servers.insert(0, d.clone());
                forwarded = true;
            }
        }
    }
    if !net.dns_search.is_empty() {
        search = net
            .dns_search
            .iter()
            .filter(|s| s.as_str() != ".")
            .cloned()
            .collect();
    }
    options.extend(net.dns_options.iter().cloned());
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in &servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    (out, forwarded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_resolvers_become_the_forwarder_and_flags_win() {
        let pasta = Mode::Pasta(vec![]);
        let addr = Addresses {
            dns: Some(PASTA_DNS.into()),
            ..Default::default()
        };
        let net = NetworkConfig::default();
        let (r, fwd) = resolv_conf(
            "nameserver 127.0.0.53\nsearch lan\noptions edns0\n",
            &pasta,
            &net,
            &addr,
        );
        assert_eq!(r, "search lan\nnameserver 169.254.1.1\noptions edns0\n");
        assert!(fwd);
        let (r, fwd) = resolv_conf("nameserver 10.0.0.1\n", &pasta, &net, &addr);
        assert_eq!(r, "nameserver 10.0.0.1\n");
        assert!(!fwd);
        let net = NetworkConfig {
            dns: vec!["9.9.9.9".into()],
            dns_search: vec!["example.com".into()],
            dns_options: vec!["ndots:2".into()],
            ..Default::default()
        };
        let (r, _) = resolv_conf("nameserver 127.0.0.53\n", &pasta, &net, &addr);
        assert_eq!(
            r,
            "search example.com\nnameserver 9.9.9.9\noptions ndots:2\n"
        );
    }

    #[test]
    fn hosts_name_the_container_the_host_and_extra_entries() {
        let net = NetworkConfig {
            add_hosts: vec![("db".into(), "10.1.2.3".into())],
            ..Default::default()
        };
        let addr = Addresses {
            own: Some("192.0.2.2".into()),
            host: Some("192.0.2.1".into()),
            dns: None,
        };
        let h = hosts(&Mode::Pasta(vec![]), "abc", "web", &net, &addr);
        assert!(h.starts_with("127.0.0.1\tlocalhost"));
        assert!(h.contains("10.1.2.3\tdb\n") && h.contains("192.0.2.2\tabc web\n"));
        assert!(h.contains("192.0.2.1\thost.containers.internal"));
    }
}
