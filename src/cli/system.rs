//! `den info`, `den version`, `den unshare`.

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::output;
use crate::config::paths::Paths;
use crate::engine::system;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Format output: json, or a Go template like '{{.Store.GraphDriverName}}'
    #[arg(short, long)]
    pub format: Option<String>,
}

pub fn info(paths: &Paths, a: InfoArgs, driver_flag: Option<&str>) -> Result<i32> {
    let v = system::info(paths, driver_flag)?;
    output::print_object(&v, a.format.as_deref())?;
    Ok(0)
}

#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum SystemCommand {
    /// Check this host for what den needs; print each problem with its fix
    /// (exit 0 only when nothing is wrong)
    Check,
    /// Display den related system information
    Info(InfoArgs),
    /// Show the space images, containers and volumes use
    Df(super::df::DfArgs),
    /// Remove stopped containers, unused networks and dangling images
    Prune(super::prune::SystemPruneArgs),
    /// Remove all of den's containers, images, volumes and networks
    Reset(super::prune::ResetArgs),
    /// Stop the running containers and den's pause process, so that changed
    /// /etc/subuid and /etc/subgid ranges take effect
    Migrate(MigrateArgs),
    /// Renumber locks (den has none: nothing to do, as after a renumber)
    Renumber,
    /// Serve podman's API (refused: den is daemonless)
    Service(super::refused::ServiceArgs),
    /// Remote connections (refused: den works on this host only)
    Connection(super::refused::ConnectionArgs),
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Change the containers' OCI runtime (refused: den is its own runtime)
    #[arg(long, value_name = "RUNTIME")]
    pub new_runtime: Option<String>,
}

pub fn system(paths: &Paths, c: SystemCommand, driver_flag: Option<&str>) -> Result<i32> {
    match c {
        SystemCommand::Info(a) => info(paths, a, driver_flag),
        SystemCommand::Check => check(paths),
        SystemCommand::Df(a) => super::df::df(paths, a),
        SystemCommand::Prune(a) => super::prune::system_prune(paths, a),
        SystemCommand::Reset(a) => super::prune::reset(paths, a),
        SystemCommand::Migrate(a) => match a.new_runtime {
            Some(r) => anyhow::bail!("--new-runtime {r}: den is its own runtime (leave it out)"),
            None => migrate(paths),
        },
        SystemCommand::Renumber => Ok(0),
        SystemCommand::Service(_) => super::refused::unsupported("service"),
        SystemCommand::Connection(_) => super::refused::unsupported("connection"),
    }
}

/// `den system migrate`: silent, as podman's, but for containers it could
/// not stop.
fn migrate(paths: &Paths) -> Result<i32> {
    let mut failed = 0;
    system::migrate(paths, |name, r| {
        if let Err(e) = r {
            failed += 1;
            eprintln!("den: error: stopping {name}: {e:#}");
        }
    })?;
    Ok(if failed > 0 {
        crate::error::EXIT_DEN
    } else {
        0
    })
}

/// `den system check`: one line per thing checked; problems with their fix.
fn check(paths: &Paths) -> Result<i32> {
    let findings = system::check(paths);
    let mut problems = 0;
    for f in &findings {
        match &f.problem {
            None => println!("ok       {}: {}", f.topic, f.found),
            Some(p) => {
                problems += 1;
                println!("PROBLEM  {}: {p}", f.topic);
            }
        }
    }
    if problems > 0 {
        eprintln!("den: {problems} problem(s) found: fix them as each line says");
        return Ok(1);
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Format output: json, or a Go template like '{{.Client.Version}}'
    #[arg(short, long)]
    pub format: Option<String>,
}

pub fn version(a: VersionArgs) -> Result<i32> {
    let v = system::version();
    match a.format.as_deref() {
        Some("json") => println!("{}", serde_json::to_string_pretty(&json!({"Client": v}))?),
        Some(f) => println!(
            "{}",
            crate::util::template::Template::parse(f)?.render(&json!({"Client": v}))
        ),
        None => {
            println!("Client:       den");
            println!("Version:      {}", v["Version"].as_str().unwrap_or(""));
            println!("API Version:  {}", v["APIVersion"].as_str().unwrap_or(""));
            println!("OS/Arch:      {}", v["OsArch"].as_str().unwrap_or(""));
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// Join the network namespace den's user-defined networks share too
    #[arg(long)]
    pub rootless_netns: bool,
    /// The command to run (default: $SHELL)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

pub fn unshare(paths: &Paths, a: UnshareArgs) -> Result<i32> {
    system::unshare(paths, a.command, a.rootless_netns)
}
