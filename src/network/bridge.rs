//! Containers on user-defined networks: an address on each network (a
//! lease), a veth pair from the container's network namespace to the
//! network's bridge in the shared namespace ([`super::holder`]), and the
//! names of the other containers on the network in /etc/hosts.
//!
//! Leases live under the runtime directory while their container runs:
//! `netns/leases/<network>/<ip>.json`, changed under `netns/leases.lock`.
//! A lease whose supervisor is gone is stale and taken back.

use std::net::Ipv4Addr;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::holder::system_program;
use super::networks::{Network, Networks};
use crate::config::paths::Paths;
use crate::container::process::ProcRef;
use crate::container::Containers;
use crate::util::{fs as ufs, ids, lock::Lock};

/// A network a container is configured to join (`--network NAME`,
/// `--network-alias`, `--ip`, `network connect`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub network: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub ip: Option<Ipv4Addr>,
}

/// A running container's address on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub network: String,
    pub network_id: String,
    /// The network's bridge in the shared namespace.
    pub bridge: String,
    pub ip: Ipv4Addr,
    pub prefix: u8,
    pub gateway: Ipv4Addr,
    pub internal: bool,
    /// Whether names on this network resolve (its dns_enabled).
    pub dns: bool,
    pub container: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// The supervisor holding the container: the lease lives as long.
    pub supervisor: ProcRef,
    /// The interface inside the container (eth0, eth1, ...).
    pub iface: String,
    #[serde(default)]
    pub mac: Option<String>,
    /// The host end of the veth pair, in the shared namespace.
    #[serde(default)]
    pub veth: String,
}

impl Lease {
    /// The container's line in the other containers' /etc/hosts.
    pub fn hosts_line(&self) -> String {
        let mut names = vec![self.name.clone()];
        names.extend(self.aliases.iter().filter(|a| **a != self.name).cloned());
        format!("{}\t{}", self.ip, names.join(" "))
    }
}

fn leases_dir(paths: &Paths) -> PathBuf {
    paths.runtime.join("netns").join("leases")
}

/// Serializes lease changes, bridge creation and hosts updates.
pub fn lock(paths: &Paths) -> Result<Lock> {
    let d = leases_dir(paths);
    ufs::private_dir(&d)?;
    Lock::exclusive(&d.with_file_name("leases.lock"))
}

/// Every lease on record, with its file.
fn all(paths: &Paths) -> Vec<(PathBuf, Lease)> {
    let mut out = Vec::new();
    let Ok(nets) = std::fs::read_dir(leases_dir(paths)) else {
        return out;
    };
    for net in nets.flatten() {
        let Ok(files) = std::fs::read_dir(net.path()) else {
            continue;
        };
        for f in files.flatten() {
            if let Ok(Some(l)) = ufs::read_json::<Lease>(&f.path()) {
                out.push((f.path(), l));
            }
        }
    }
    out.sort_by_key(|(_, l)| (l.network.clone(), u32::from(l.ip)));
    out
}

/// The live leases of container `id`, in interface order.
pub fn of_container(paths: &Paths, id: &str) -> Vec<Lease> {
    let mut v: Vec<Lease> = all(paths)
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| l.container == id && l.supervisor.alive())
        .collect();
    v.sort_by_key(|l| {
        l.iface
            .strip_prefix("eth")
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    });
    v
}

/// The live leases on `network`.
pub fn on_network(paths: &Paths, network: &str) -> Vec<Lease> {
    all(paths)
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| l.network == network && l.supervisor.alive())
        .collect()
}

/// The hosts lines of the containers sharing a network (with names) with
/// `leases`.
pub fn peer_lines(paths: &Paths, leases: &[Lease]) -> Vec<String> {
    let mut out = Vec::new();
    for l in leases.iter().filter(|l| l.dns) {
        for p in on_network(paths, &l.network) {
            if p.container != l.container && !out.contains(&p.hosts_line()) {
                out.push(p.hosts_line());
            }
        }
    }
    out
}

/// Take back leases whose supervisor is gone (killed), and their names
/// from the other containers' hosts. Under the lock.
fn reap_stale(paths: &Paths, containers: &Containers) {
    for (file, l) in all(paths) {
        if !l.supervisor.alive() {
            let _ = std::fs::remove_file(&file);
            forget(paths, containers, &l);
        }
    }
}

/// Lease an address on each of `attachments` for container `cfg`, held by
/// `supervisor`; `first` is the index of the first interface. The other
/// containers on those networks get its name in /etc/hosts. Under the lock.
pub fn lease(
    paths: &Paths,
    containers: &Containers,
    cfg: &crate::container::ContainerConfig,
    attachments: &[Attachment],
    supervisor: ProcRef,
    first: usize,
) -> Result<Vec<Lease>> {
    reap_stale(paths, containers);
    let networks = Networks::new(paths);
    let mut out: Vec<Lease> = Vec::new();
    for (i, a) in attachments.iter().enumerate() {
        let net = networks
            .find(&a.network)
            .with_context(|| format!("the network of container {}", cfg.name))?;
        let ip = pick_ip(paths, &net, a.ip)?;
        let cidr = net.cidr()?;
        let lease = Lease {
            network: net.name.clone(),
            network_id: net.id.clone(),
            bridge: net.network_interface.clone(),
            ip,
            prefix: cidr.prefix,
            gateway: net.gateway()?,
            internal: net.internal,
            dns: net.dns_enabled,
            container: cfg.id.clone(),
            name: cfg.name.clone(),
            aliases: a.aliases.clone(),
            supervisor,
            iface: format!("eth{}", first + i),
            mac: Some(match (first + i, &cfg.net.mac) {
                (0, Some(m)) => m.clone(),
                _ => random_mac(),
            }),
            veth: String::new(),
        };
        let file = lease_path(paths, &lease);
        if let Err(e) = ufs::private_dir(file.parent().unwrap_or(Path::new("/")))
            .and_then(|_| ufs::write_json(&file, &lease))
        {
            release_leases(paths, containers, &out);
            return Err(e).context("recording the container's address");
        }
        announce(paths, containers, &lease);
        out.push(lease);
    }
    Ok(out)
}

/// A random locally administered unicast MAC address.
fn random_mac() -> String {
    let mut b: [u8; 6] = rand::random();
    b[0] = (b[0] & 0xfe) | 0x02;
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn lease_path(paths: &Paths, l: &Lease) -> PathBuf {
    leases_dir(paths)
        .join(&l.network)
        .join(format!("{}.json", l.ip))
}

/// Record a changed lease (its veth, after wiring).
pub fn update(paths: &Paths, l: &Lease) -> Result<()> {
    ufs::write_json(&lease_path(paths, l), l)
}

/// The requested address if free, else the first free one.
fn pick_ip(paths: &Paths, net: &Network, wanted: Option<Ipv4Addr>) -> Result<Ipv4Addr> {
    let gateway = net.gateway()?;
    let taken: Vec<Lease> = on_network(paths, &net.name);
    if let Some(ip) = wanted {
        net.check_ip(ip)?;
        if let Some(l) = taken.iter().find(|l| l.ip == ip) {
            bail!(
                "IP address {ip} is already in use on network {} by container {}",
                net.name,
                l.name
            );
        }
        return Ok(ip);
    }
    net.lease_hosts()?
        .into_iter()
        .find(|ip| *ip != gateway && taken.iter().all(|l| l.ip != *ip))
        .with_context(|| format!("network {} has no free address left", net.name))
}

/// Give back `leases` and take their names out of the other containers'
/// hosts. Under the lock.
pub fn release_leases(paths: &Paths, containers: &Containers, leases: &[Lease]) {
    for l in leases {
        let _ = std::fs::remove_file(lease_path(paths, l));
        forget(paths, containers, l);
    }
}

/// Add `l`'s line to the hosts of the other containers on its network.
fn announce(paths: &Paths, containers: &Containers, l: &Lease) {
    if !l.dns {
        return;
    }
    for p in on_network(paths, &l.network) {
        if p.container != l.container {
            edit_hosts(&containers.dir(&p.container), |lines| {
                lines.push(l.hosts_line())
            });
        }
    }
}

/// Remove `l`'s line from the hosts of the other containers on its network.
fn forget(paths: &Paths, containers: &Containers, l: &Lease) {
    if !l.dns {
        return;
    }
    let line = l.hosts_line();
    for p in on_network(paths, &l.network) {
        if p.container != l.container {
            edit_hosts(&containers.dir(&p.container), |lines| {
                lines.retain(|x| *x != line)
            });
        }
    }
}

/// Change a container's hosts file in place (it is bind-mounted: the
/// inode must stay).
pub fn edit_hosts(cdir: &Path, f: impl FnOnce(&mut Vec<String>)) {
    let path = cdir.join("hosts");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    f(&mut lines);
    let mut out = lines.join("\n");
    out.push('\n');
    if let Err(e) = std::fs::write(&path, out) {
        crate::warn!("updating {}: {e}", path.display());
    }
}

/// Connect the container of network namespace `ns` to the bridge of
/// `lease`; the first lease that is not internal carries the default
/// route. Call in the shared namespace, under the lock.
pub fn wire(lease: &mut Lease, ns: &OwnedFd, default_route: bool) -> Result<()> {
    if nix::net::if_::if_nametoindex(lease.bridge.as_str()).is_err() {
        ip(
            None,
            &[
                format!("link add {} type bridge", lease.bridge),
                format!(
                    "addr add {}/{} dev {}",
                    lease.gateway, lease.prefix, lease.bridge
                ),
                format!("link set {} up", lease.bridge),
            ],
        )
        .with_context(|| format!("creating the bridge of network {}", lease.network))?;
    }
    lease.veth = format!("veth{}", ids::random_hex(4));
    // The namespace by a descriptor `ip` inherits (dup leaves it open
    // across exec), not by the init's pid: with `--pid container:X` the
    // supervisor's children, `ip` too, are in X's pid namespace, where
    // that pid names no process (the start failed: "No such process").
    let inherited = rustix::io::dup(ns).context("dup")?;
    ip(
        None,
        &[
            format!(
                "link add {} type veth peer name {} netns /proc/self/fd/{}",
                lease.veth,
                lease.iface,
                std::os::fd::AsRawFd::as_raw_fd(&inherited)
            ),
            format!("link set {} master {} up", lease.veth, lease.bridge),
        ],
    )
    .with_context(|| format!("connecting to network {}", lease.network))?;
    let mut inside = Vec::new();
    if let Some(mac) = &lease.mac {
        inside.push(format!("link set {} address {mac}", lease.iface));
    }
    inside.push(format!(
        "addr add {}/{} dev {}",
        lease.ip, lease.prefix, lease.iface
    ));
    inside.push(format!("link set {} up", lease.iface));
    if default_route {
        inside.push(format!(
            "route add default via {} dev {}",
            lease.gateway, lease.iface
        ));
    }
    ip(Some(ns), &inside)
        .with_context(|| format!("configuring {} on network {}", lease.iface, lease.network))
}

/// Remove the veth of `lease` (the container's end goes with it). Call in
/// the shared namespace.
pub fn unwire(lease: &Lease) -> Result<()> {
    if lease.veth.is_empty() || nix::net::if_::if_nametoindex(lease.veth.as_str()).is_err() {
        return Ok(());
    }
    ip(None, &[format!("link del {}", lease.veth)])
}

/// Delete the bridge `name`, if this namespace (the shared one) has it.
pub fn delete_bridge(name: &str) -> Result<()> {
    if nix::net::if_::if_nametoindex(name).is_ok() {
        ip(None, &[format!("link del {name}")])?;
    }
    Ok(())
}

/// Run `ip -batch -` with `commands`, in network namespace `ns` if given.
fn ip(ns: Option<&OwnedFd>, commands: &[String]) -> Result<()> {
    let exe = system_program("ip")
        .context("ip is not installed: user-defined networks need it (install iproute2)")?;
    let mut cmd = Command::new(exe);
    cmd.args(["-batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(ns) = ns {
        crate::runtime::network::in_netns(&mut cmd, ns);
    }
    let mut child = cmd.spawn().context("running ip")?;
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, (commands.join("\n") + "\n").as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!("ip: {}", err.trim().replace('\n', "; "));
    }
    Ok(())
}
