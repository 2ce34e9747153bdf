//! `den network ...`: user-defined networks.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::engine::networks::{self, NewNetwork};
use crate::error::Exit;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
    /// Restore containers' network rules after a firewall reload (den's
    /// userspace networks keep none in the host's firewall: nothing to
    /// restore; the running containers named are reported)
    Reload(ReloadArgs),
}

#[derive(Debug, Args)]
pub struct ReloadArgs {
    /// Every running container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// Containers
    pub containers: Vec<String>,
}

fn reload(paths: &Paths, a: ReloadArgs) -> Result<i32> {
    let containers = crate::engine::containers::Containers::new(paths);
    let names = if a.all {
        containers.list()?.into_iter().map(|c| c.id).collect()
    } else {
        a.latest.names(paths, a.containers)?
    };
    if names.is_empty() {
        bail!("give containers to reload, or --all, or --latest");
    }
    let mut failed = false;
    for n in names {
        match containers.find(&n) {
            Ok(c) if containers.live_state(&c.id)?.status == "running" => println!("{}", c.id),
            Ok(_) if a.all => {}
            Ok(c) => {
                eprintln!("den: error: {} is not running", c.name);
                failed = true;
            }
            Err(e) => {
                eprintln!("den: error: {e:#}");
                failed = true;
            }
        }
    }
    Ok(if failed { 125 } else { 0 })
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
    /// Give containers addresses from this part of the subnet (CIDR)
    #[arg(long, value_name = "CIDR")]
    pub ip_range: Option<String>,
    /// How addresses are given: host-local (den's own)
    #[arg(long, value_name = "DRIVER")]
    pub ipam_driver: Option<String>,
    /// IPv6 (not supported: den's user networks are IPv4)
    #[arg(long)]
    pub ipv6: bool,
    /// Driver options (not supported: den's networks take none)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
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
    /// With --force: seconds to wait for a running container to stop
    /// before killing it (default 0)
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Another name for the container on this network
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// The container's IPv4 address on this network
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// An IPv6 address (not supported: den's user networks are IPv4)
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// A MAC address on this network (not supported on user networks)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
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
        NetworkCommand::Reload(a) => reload(paths, a),
        NetworkCommand::Connect(a) => connect(paths, a),
        NetworkCommand::Disconnect(a) => disconnect(paths, a),
        NetworkCommand::Exists(a) => Ok(if networks::find(paths, &a.name).is_ok() {
            0
        } else {
            1
        }),
    }
}

fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    if a.ipv6 {
        bail!("--ipv6: den's user networks are IPv4 only (leave it out)");
    }
    match a.ipam_driver.as_deref() {
        None | Some("host-local") => {}
        Some(d) => bail!(
            "--ipam-driver {d}: den gives addresses itself, as host-local does (use host-local)"
        ),
    }
    if let Some(o) = a.opt.first() {
        bail!("--opt {o}: den's networks take no driver options (mtu, vlan, isolate, ...)");
    }
    let mut labels = BTreeMap::new();
    for l in &a.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let req = NewNetwork {
        name: a.name,
        subnet: a.subnet,
        gateway: a.gateway,
        internal: a.internal,
        disable_dns: a.disable_dns,
        labels,
        ip_range: a.ip_range,
    };
    let net = networks::create(paths, &a.driver, req, a.ignore)?;
    println!("{}", net.name);
    Ok(0)
}

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    let mut filters = Vec::new();
    for f in &a.filter {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid --filter {f:?} (use KEY=VALUE: name, id, driver, label)");
        };
        filters.push((k.to_string(), v.to_string()));
    }
    let nets = networks::list(paths, &filters)?;
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
            let mut v = networks::template_value(paths, n);
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

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for name in &a.names {
        match networks::find(paths, name) {
            Ok(n) => found.push(n),
            Err(_) => missing.push(name.clone()),
        }
    }
    match a.format.as_deref() {
        None | Some("json") => {
            let list: Vec<Value> = found
                .iter()
                .map(|n| networks::inspect_json(paths, n))
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
        Some(f) => {
            let t = crate::util::template::Template::parse(f)?;
            for n in &found {
                println!("{}", t.render(&networks::template_value(paths, n)));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Exit::with(125, format!("network not found: {}", missing.join(", "))).into());
    }
    Ok(0)
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let force = a.force.then_some(a.time.unwrap_or(0));
    networks::remove(paths, &a.names, force, |n| println!("{n}"))?;
    Ok(0)
}

fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    if !a.force
        && !super::prune::confirm(
            "WARNING! This will remove all networks not used by at least one container.",
        )?
    {
        return Ok(0);
    }
    let filter = super::prune::prune_filter(&a.filter)?;
    networks::prune(paths, &filter, |n| println!("{n}"))?;
    Ok(0)
}

fn connect(paths: &Paths, a: ConnectArgs) -> Result<i32> {
    if a.ip6.is_some() {
        bail!("--ip6: den's user networks are IPv4 only (leave it out)");
    }
    if a.mac_address.is_some() {
        bail!("--mac-address: den sets MAC addresses for pasta and slirp4netns only, not on user networks");
    }
    networks::connect(paths, &a.network, &a.container, &a.alias, a.ip.as_deref())?;
    Ok(0)
}

fn disconnect(paths: &Paths, a: DisconnectArgs) -> Result<i32> {
    networks::disconnect(paths, &a.network, &a.container)?;
    Ok(0)
}
