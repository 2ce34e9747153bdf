//! `den network ...`: user-defined networks.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::container::{ops, ContainerConfig, Containers};
use crate::error::Exit;
use crate::network::bridge::{self, Attachment};
use crate::network::networks::{Network, Networks, NewNetwork, DEFAULT_NETWORK};
use crate::network::{holder, Mode};
use crate::runtime::userns;

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Create a network
    Create(CreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display the configuration of networks
    Inspect(InspectArgs),
    /// Remove networks
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove every network no container uses
    Prune(PruneArgs),
    /// Connect a container to a network
    Connect(ConnectArgs),
    /// Disconnect a container from a network
    Disconnect(DisconnectArgs),
    /// Exit 0 if the network exists, 1 if not
    Exists(ExistsArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Subnet in CIDR form (default: the first free 10.89.N.0/24)
    #[arg(long, value_name = "CIDR")]
    pub subnet: Option<String>,
    /// Gateway of the subnet (default: its first address)
    #[arg(long, value_name = "IP")]
    pub gateway: Option<String>,
    /// No traffic to or from outside the network
    #[arg(long)]
    pub internal: bool,
    /// Containers on the network do not resolve each other's names
    #[arg(long)]
    pub disable_dns: bool,
    /// Driver (only bridge)
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub driver: String,
    /// Metadata: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Do nothing if the network exists
    #[arg(long)]
    pub ignore: bool,
    /// The network's name (default: denN)
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Print only the names
    #[arg(short, long)]
    pub quiet: bool,
    /// Format output with a Go template (like '{{.Name}}'), or json
    #[arg(long)]
    pub format: Option<String>,
    /// Show full network ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter: name=, id=, driver=, label=
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Omit the table header
    #[arg(long)]
    pub noheading: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format output with a Go template (like '{{.Subnets}}'), or json
    #[arg(short, long)]
    pub format: Option<String>,
    /// Networks
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Also remove the containers that use the network
    #[arg(short, long)]
    pub force: bool,
    /// Networks
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Another name for the container on this network
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// The container's IPv4 address on this network
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    pub network: String,
    pub container: String,
}

#[derive(Debug, Args)]
pub struct DisconnectArgs {
    /// Accepted for compatibility
    #[arg(short, long)]
    pub force: bool,
    pub network: String,
    pub container: String,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    pub name: String,
}

pub fn network(paths: &Paths, c: NetworkCommand) -> Result<i32> {
    match c {
        NetworkCommand::Create(a) => create(paths, a),
        NetworkCommand::Ls(a) => ls(paths, a),
        NetworkCommand::Inspect(a) => inspect(paths, a),
        NetworkCommand::Rm(a) => rm(paths, a),
        NetworkCommand::Prune(a) => prune(paths, a),
        NetworkCommand::Connect(a) => connect(paths, a),
        NetworkCommand::Disconnect(a) => disconnect(paths, a),
        NetworkCommand::Exists(a) => Ok(if Networks::new(paths).find(&a.name).is_ok() {
            0
        } else {
            1
        }),
    }
}

fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    if a.driver != "bridge" {
        bail!("unsupported network driver {:?} (den has bridge)", a.driver);
    }
    let networks = Networks::new(paths);
    if a.ignore {
        if let Some(n) = a.name.as_deref().and_then(|n| networks.find(n).ok()) {
            println!("{}", n.name);
            return Ok(0);
        }
    }
    let mut labels = BTreeMap::new();
    for l in &a.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let net = networks.create(NewNetwork {
        name: a.name,
        subnet: a.subnet,
        gateway: a.gateway,
        internal: a.internal,
        disable_dns: a.disable_dns,
        labels,
    })?;
    println!("{}", net.name);
    Ok(0)
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
fn template_value(paths: &Paths, n: &Network) -> Value {
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
        ] {
            let x = m.get(from).cloned().unwrap_or(Value::Null);
            m.insert(key.into(), x);
        }
    }
    v
}

fn matches(n: &Network, filters: &[(String, String)]) -> bool {
    filters.iter().all(|(k, v)| match k.as_str() {
        "name" => n.name.contains(v.as_str()),
        "id" => n.id.starts_with(v.as_str()),
        "driver" => n.driver == *v,
        "label" => {
            let (lk, lv) = v.split_once('=').unwrap_or((v, ""));
            n.labels.get(lk).is_some_and(|x| lv.is_empty() || x == lv)
        }
        _ => true,
    })
}

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    let mut filters = Vec::new();
    for f in &a.filter {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid --filter {f:?} (use KEY=VALUE: name, id, driver, label)");
        };
        if !matches!(k, "name" | "id" | "driver" | "label") {
            bail!("unknown filter {k:?} (use name, id, driver or label)");
        }
        filters.push((k.to_string(), v.to_string()));
    }
    let nets: Vec<Network> = Networks::new(paths)
        .list()?
        .into_iter()
        .filter(|n| matches(n, &filters))
        .collect();
    if a.quiet {
        for n in &nets {
            println!("{}", n.name);
        }
        return Ok(0);
    }
    if a.format.as_deref() == Some("json") {
        let list: Vec<Value> = nets.iter().map(|n| json!(n)).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    let rows: Vec<Value> = nets
        .iter()
        .map(|n| {
            let mut v = template_value(paths, n);
            if !a.no_trunc {
                v["ID"] = json!(n.id.chars().take(12).collect::<String>());
            }
            v
        })
        .collect();
    output::print_list(
        &rows,
        a.format.as_deref(),
        "table {{.ID}}\t{{.Name}}\t{{.Driver}}",
        &[("ID", "NETWORK ID")],
        a.noheading,
    )?;
    Ok(0)
}

/// The JSON `network inspect` prints for `n` (also used by `den inspect`).
pub fn inspect_json(paths: &Paths, n: &Network) -> Value {
    let mut v = json!(n);
    let t = template_value(paths, n);
    v["containers"] = t["containers"].clone();
    v
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let networks = Networks::new(paths);
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for name in &a.names {
        match networks.find(name) {
            Ok(n) => found.push(n),
            Err(_) => missing.push(name.clone()),
        }
    }
    match a.format.as_deref() {
        None | Some("json") => {
            let list: Vec<Value> = found.iter().map(|n| inspect_json(paths, n)).collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
        Some(f) => {
            let t = crate::util::template::Template::parse(f)?;
            for n in &found {
                println!("{}", t.render(&template_value(paths, n)));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Exit::with(125, format!("network not found: {}", missing.join(", "))).into());
    }
    Ok(0)
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let networks = Networks::new(paths);
    let containers = Containers::new(paths);
    let mut nets = Vec::new();
    for name in &a.names {
        let n = networks.find(name)?;
        if n.name == DEFAULT_NETWORK {
            bail!("the default network {DEFAULT_NETWORK} cannot be removed");
        }
        let using = users(&containers, &n)?;
        if !using.is_empty() && !a.force {
            let names: Vec<&str> = using.iter().map(|c| c.name.as_str()).collect();
            bail!(
                "network {} is used by containers {}: remove them first, or use network rm -f",
                n.name,
                names.join(", ")
            );
        }
        nets.push((n, using));
    }
    // Containers are stopped from the host's user namespace, removed from
    // den's (as `rm -f` does).
    for (_, using) in &nets {
        for c in using {
            ops::stop(&containers, c, Some(0))?;
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
        println!("{}", n.name);
    }
    Ok(0)
}

fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    if !a.force && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    let networks = Networks::new(paths);
    let containers = Containers::new(paths);
    let _lock = networks.lock()?;
    for n in networks.list()? {
        if n.name != DEFAULT_NETWORK && users(&containers, &n)?.is_empty() {
            networks.remove(&n)?;
            println!("{}", n.name);
        }
    }
    Ok(0)
}

/// The container's running init and supervisor, if it runs.
fn running(
    containers: &Containers,
    cfg: &ContainerConfig,
) -> Result<Option<crate::container::ContainerState>> {
    let st = containers.live_state(&cfg.id)?;
    Ok(matches!(st.status.as_str(), "running" | "paused").then_some(st))
}

fn connect(paths: &Paths, a: ConnectArgs) -> Result<i32> {
    let net = Networks::new(paths).find(&a.network)?;
    let containers = Containers::new(paths);
    let mut cfg = containers.find(&a.container)?;
    if Mode::parse(&cfg.network)? != Mode::Bridge {
        bail!(
            "container {} uses --network {}: only a container on user-defined networks can join another",
            cfg.name,
            cfg.network
        );
    }
    if cfg.net.networks.iter().any(|x| x.network == net.name) {
        bail!(
            "container {} is already connected to network {}",
            cfg.name,
            net.name
        );
    }
    let ip = match &a.ip {
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
        aliases: a.alias.clone(),
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
        let mut leases = bridge::lease(
            paths,
            &containers,
            &cfg,
            std::slice::from_ref(&attachment),
            st.supervisor,
            existing.len(),
        )?;
        let route = existing.iter().all(|l| l.internal) && !net.internal;
        for l in &mut leases {
            if let Err(e) = bridge::wire(l, st.init.pid, &ns, route) {
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
    cfg.net.networks.push(attachment);
    containers.write_config(&cfg)?;
    Ok(0)
}

fn disconnect(paths: &Paths, a: DisconnectArgs) -> Result<i32> {
    let net = Networks::new(paths).find(&a.network)?;
    let containers = Containers::new(paths);
    let mut cfg = containers.find(&a.container)?;
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
    cfg.net.networks.retain(|x| x.network != net.name);
    containers.write_config(&cfg)?;
    Ok(0)
}
