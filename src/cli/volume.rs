//! `den volume ...`: named volumes.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::Value;

use super::output;
use crate::config::paths::Paths;
use crate::engine::volumes::{self, NewVolume, Removal};
use crate::error::{Error, Exit};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum VolumeCommand {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display the configuration of volumes
    Inspect(InspectArgs),
    /// Remove volumes
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove every volume no container uses
    Prune(PruneArgs),
    /// Exit 0 if the volume exists, 1 if not
    Exists(ExistsArgs),
    /// Write a volume's content as a tar archive
    Export(ExportArgs),
    /// Unpack a tar archive into a volume
    Import(ImportArgs),
    /// Print where volumes' data is (a local volume is always there)
    Mount(NamesArgs),
    /// Undo mount: nothing to undo for a local volume
    Unmount(NamesArgs),
    /// Reload volumes from volume plugins (den has none: nothing changes)
    Reload(ReloadArgs),
}

#[derive(Debug, Args)]
pub struct NamesArgs {
    /// The volumes
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReloadArgs {}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Volume driver (den has local)
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Metadata: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Options: type=tmpfs, o=size=..,mode=.. ; device=PATH with o=bind ; o=uid=N,gid=N ; nocopy
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// A volume of that name that exists already is kept, and no error
    #[arg(long)]
    pub ignore: bool,
    /// The volume's name (default: a random one)
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
    /// Filter: name=, driver=, scope=, label=, opt=, dangling=true|false
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Omit the table header
    #[arg(long)]
    pub noheading: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format output with a Go template (like '{{.Mountpoint}}'), or json
    #[arg(short, long)]
    pub format: Option<String>,
    /// Inspect every volume
    #[arg(short, long)]
    pub all: bool,
    /// Volumes
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove the containers that use the volumes too
    #[arg(short, long)]
    pub force: bool,
    /// Remove every volume
    #[arg(short, long)]
    pub all: bool,
    /// With --force: seconds to wait for a running container to stop
    /// before killing it (default 0)
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Volumes
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
pub struct ExistsArgs {
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub name: String,
    /// The tar archive (- for stdin)
    pub file: String,
}

pub fn volume(paths: &Paths, c: VolumeCommand) -> Result<i32> {
    match c {
        VolumeCommand::Create(a) => create(paths, a),
        VolumeCommand::Ls(a) => ls(paths, a),
        VolumeCommand::Inspect(a) => inspect(paths, a),
        VolumeCommand::Rm(a) => rm(paths, a),
        VolumeCommand::Prune(a) => prune(paths, a),
        VolumeCommand::Exists(a) => Ok(if volumes::find(paths, &a.name).is_ok() {
            0
        } else {
            1
        }),
        VolumeCommand::Export(a) => export(paths, a),
        VolumeCommand::Import(a) => import(paths, a),
        VolumeCommand::Mount(a) => mount(paths, a, true),
        VolumeCommand::Unmount(a) => mount(paths, a, false),
        VolumeCommand::Reload(_) => Ok(0),
    }
}

fn key_values(values: &[String], what: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for l in values {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        if k.is_empty() {
            bail!("invalid {what} {l:?} (use KEY=VALUE)");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// `volume mount`: a local volume's data is always in place, so mounting
/// prints where; one mounted afresh in each container (`type=tmpfs`, ...)
/// has nothing to print.
fn mount(paths: &Paths, a: NamesArgs, mount: bool) -> Result<i32> {
    for n in &a.names {
        let v = volumes::find(paths, n)?;
        let fresh = v
            .options
            .get("type")
            .is_some_and(|t| t != "bind" && t != "none")
            || v.options.contains_key("device")
                && !v
                    .options
                    .get("o")
                    .is_some_and(|o| o.split(',').any(|x| x == "bind"));
        if fresh {
            bail!("volume {n} is mounted afresh in each container that uses it ({}): there is nothing to {} outside one (den volume inspect {n} shows its options)",
                v.options.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
                if mount { "mount" } else { "unmount" });
        }
        if mount {
            let j = volumes::inspect_json(paths, &v);
            println!("{}", j["Mountpoint"].as_str().unwrap_or_default());
        }
    }
    Ok(0)
}

fn filters(values: &[String]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|f| match f.split_once('=') {
            Some((k, v)) => Ok((k.to_string(), v.to_string())),
            None => bail!("invalid --filter {f:?} (use KEY=VALUE)"),
        })
        .collect()
}

fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    if let (true, Some(name)) = (a.ignore, &a.name) {
        if let Ok(v) = volumes::find(paths, name) {
            println!("{}", v.name);
            return Ok(0);
        }
    }
    let v = volumes::create(
        paths,
        NewVolume {
            name: a.name,
            driver: a.driver,
            labels: key_values(&a.label, "label")?,
            options: key_values(&a.opt, "option")?,
        },
    )?;
    println!("{}", v.name);
    Ok(0)
}

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    if a.quiet && a.format.is_some() {
        bail!("quiet and format flags cannot be used together");
    }
    let list = volumes::list(paths, &filters(&a.filter)?)?;
    if a.quiet {
        for v in &list {
            println!("{}", v.name);
        }
        return Ok(0);
    }
    // podman's JSON leaves unset fields out; its templates see them.
    let row = match a.format.as_deref() {
        Some("json") => volumes::inspect_json,
        _ => volumes::template_json,
    };
    let rows: Vec<Value> = list.iter().map(|v| row(paths, v)).collect();
    if rows.is_empty() && a.format.is_none() {
        return Ok(0); // as podman: not even a header
    }
    output::print_list(
        &rows,
        a.format.as_deref(),
        "table {{.Driver}}\t{{.Name}}",
        &[("NAME", "VOLUME NAME")],
        a.noheading,
    )?;
    Ok(0)
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    if a.all != a.names.is_empty() {
        bail!("provide one or more volume names or use --all");
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    if a.all {
        found = volumes::list(paths, &[])?;
    }
    for n in &a.names {
        match volumes::find(paths, n) {
            Ok(v) => found.push(v),
            Err(_) => missing.push(n.clone()),
        }
    }
    match a.format.as_deref() {
        None | Some("json") => {
            let values: Vec<Value> = found
                .iter()
                .map(|v| volumes::inspect_json(paths, v))
                .collect();
            println!("{}", serde_json::to_string_pretty(&values)?)
        }
        Some(f) => {
            let t = crate::util::template::Template::parse(f)?;
            for v in &found {
                println!("{}", t.render(&volumes::template_json(paths, v)));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Exit::with(125, format!("no such volume {}", missing.join(", "))).into());
    }
    Ok(0)
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let mut status = 0;
    let force = a.force.then_some(a.time.unwrap_or(0));
    volumes::remove(paths, &a.names, a.all, force, |r| match r {
        Removal::Removed(n) => println!("{n}"),
        Removal::Failed(e) => {
            eprintln!("den: error: {e:#}");
            // As podman: 1 for a missing volume, 2 for one in use; the last wins.
            status = match e.downcast_ref::<Error>() {
                Some(Error::NotFound { .. }) => 1,
                Some(Error::Conflict { .. }) => 2,
                _ => 125,
            };
        }
    })?;
    if status != 0 {
        return Err(Exit::status(status).into());
    }
    Ok(0)
}

fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    let f = super::prune::prune_filter(&a.filter)?;
    if !a.force {
        let candidates = volumes::unused(paths, &f)?;
        if candidates.is_empty() {
            println!("No dangling volumes found");
            return Ok(0);
        }
        let mut warning = String::from("WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:");
        for v in &candidates {
            warning.push('\n');
            warning.push_str(&v.name);
        }
        if !super::prune::confirm(&warning)? {
            return Ok(0);
        }
    }
    volumes::prune(paths, &f, |n| println!("{n}"))?;
    Ok(0)
}

fn export(paths: &Paths, a: ExportArgs) -> Result<i32> {
    match &a.output {
        Some(f) => {
            let file =
                std::fs::File::create(f).with_context(|| format!("creating {}", f.display()))?;
            volumes::export(paths, &a.name, std::io::BufWriter::new(file)).inspect_err(|_| {
                let _ = std::fs::remove_file(f);
            })?;
        }
        None => {
            let out = std::io::stdout();
            if out.is_terminal() {
                bail!("refusing to write a tar archive to a terminal (use -o FILE, or redirect)");
            }
            volumes::export(paths, &a.name, std::io::BufWriter::new(out.lock()))?;
        }
    }
    Ok(0)
}

fn import(paths: &Paths, a: ImportArgs) -> Result<i32> {
    if a.file == "-" {
        volumes::import(paths, &a.name, std::io::stdin().lock())?;
    } else {
        let f = std::fs::File::open(&a.file).with_context(|| format!("opening {}", a.file))?;
        volumes::import(paths, &a.name, std::io::BufReader::new(f))?;
    }
    Ok(0)
}
