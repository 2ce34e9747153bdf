//! The seeds' Swarm commands on one machine, as thin aliases over compose
//! projects: `stack deploy/ls/ps/rm`, `service ls/ps`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output::print_rows;
use crate::config::paths::Paths;
use crate::engine::compose::{self, stack, Options, UpOptions};
use crate::engine::start::Globals;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum StackCommand {
    /// Deploy a stack from a Compose file (den compose -f FILE -p NAME up -d)
    Deploy(DeployArgs),
    /// List stacks
    Ls(FormatArgs),
    /// List the tasks (containers) of a stack
    Ps(NamedArgs),
    /// Remove stacks: their containers and networks (volumes stay)
    Rm(RmArgs),
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ServiceCommand {
    /// List services
    Ls(FormatArgs),
    /// List the tasks (containers) of a service: STACK_SERVICE
    Ps(NamedArgs),
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The Compose file
    #[arg(
        short = 'c',
        long = "compose-file",
        value_name = "FILE",
        required = true
    )]
    pub compose_file: Vec<std::path::PathBuf>,
    /// Remove services no longer in the file
    #[arg(long)]
    pub prune: bool,
    /// The stack's name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// table (default), json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only the ids (services) or names (stacks)
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct NamedArgs {
    /// table (default), json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only the ids
    #[arg(short, long)]
    pub quiet: bool,
    pub name: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// One row per container of `members`, as `docker stack/service ps`.
fn tasks(members: &[compose::Member], project: &str) -> Vec<Value> {
    let node = rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned();
    members
        .iter()
        .map(|m| {
            let current = match m.state.status.as_str() {
                "running" | "paused" => format!(
                    "Running {}",
                    m.state
                        .started_at
                        .map(crate::util::human::ago)
                        .unwrap_or_default()
                ),
                other => format!("{}{}", &other[..1].to_uppercase(), &other[1..]),
            };
            json!({
                "ID": m.config.id[..12],
                "Name": format!("{project}_{}.{}", m.service, m.number),
                "Image": m.config.image_name,
                "Node": node,
                "DesiredState": if m.state.active() { "Running" } else { "Shutdown" },
                "CurrentState": current,
                "Error": m.state.error.clone().unwrap_or_default(),
                "Ports": "",
            })
        })
        .collect()
}

const TASKS: &str = "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}";

pub fn stack(paths: &Paths, g: &Globals, c: StackCommand) -> Result<i32> {
    match c {
        StackCommand::Deploy(d) => {
            let opts = Options {
                files: d.compose_file.clone(),
                project: Some(d.name.clone()),
                ..Default::default()
            };
            let loaded = compose::load(&opts, &std::env::current_dir()?)?;
            for w in &loaded.project.warnings {
                crate::warn!("{w}");
            }
            let pull = super::compose::pull_options(true);
            let up = UpOptions {
                remove_orphans: d.prune,
                ..Default::default()
            };
            let lines = super::build::Lines { quiet: true };
            compose::build(paths, g, &loaded, &[], true, false, &pull, &lines)?;
            compose::up(paths, g, &loaded, &up, &pull, &mut |l: &str| {
                println!("{l}")
            })?;
            Ok(0)
        }
        StackCommand::Ls(f) => {
            let rows: Vec<Value> = stack::projects(paths)?
                .into_iter()
                .map(|(name, ms)| {
                    let mut services: Vec<&str> = ms.iter().map(|m| m.service.as_str()).collect();
                    services.dedup();
                    json!({"Name": name, "Services": services.len(), "Orchestrator": "den"})
                })
                .collect();
            print_rows(
                &rows,
                f.quiet.then_some("Name"),
                f.format.as_deref(),
                "table {{.Name}}\t{{.Services}}\t{{.Orchestrator}}",
                &[],
            )?;
            Ok(0)
        }
        StackCommand::Ps(n) => {
            let ms = compose::members(paths, &n.name)?;
            if ms.is_empty() {
                anyhow::bail!("nothing found in stack: {}", n.name);
            }
            print_rows(
                &tasks(&ms, &n.name),
                n.quiet.then_some("ID"),
                n.format.as_deref(),
                TASKS,
                &[],
            )?;
            Ok(0)
        }
        StackCommand::Rm(r) => {
            for name in &r.names {
                stack::remove(paths, name, &mut |l: &str| println!("{l}"))?;
            }
            Ok(0)
        }
    }
}

pub fn service(paths: &Paths, c: ServiceCommand) -> Result<i32> {
    match c {
        ServiceCommand::Ls(f) => {
            let rows: Vec<Value> = stack::services(paths, None)?
                .into_iter()
                .map(|s| {
                    let full = format!("{}_{}", s.project, s.name);
                    let id = crate::util::digest::sha256_of(full.as_bytes());
                    json!({
                        "ID": id.trim_start_matches("sha256:")[..12],
                        "Name": full,
                        "Mode": "replicated",
                        "Replicas": format!("{}/{}", s.running, s.replicas),
                        "Image": s.image,
                        "Ports": s.ports.join(", "),
                    })
                })
                .collect();
            print_rows(
                &rows,
                f.quiet.then_some("ID"),
                f.format.as_deref(),
                "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}",
                &[],
            )?;
            Ok(0)
        }
        ServiceCommand::Ps(n) => {
            let (project, svc) = stack::split_service(paths, &n.name)?;
            let ms: Vec<compose::Member> = compose::members(paths, &project)?
                .into_iter()
                .filter(|m| m.service == svc)
                .collect();
            print_rows(
                &tasks(&ms, &project),
                n.quiet.then_some("ID"),
                n.format.as_deref(),
                TASKS,
                &[],
            )?;
            Ok(0)
        }
    }
}
