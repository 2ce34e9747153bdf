//! Container commands that act on existing containers: stop, kill, restart,
//! wait, rm, rename, container prune.

use anyhow::{bail, Result};
use clap::Args;

use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::parse_signal;
use crate::engine::containers::{self as ops, ContainerConfig, Containers};
use crate::error::Exit;

/// Names/ids given, or every container with `all`.
fn targets(
    containers: &Containers,
    names: &[String],
    all: bool,
) -> Result<Vec<Result<ContainerConfig>>> {
    if all {
        let mut list = containers.list()?;
        list.sort_by_key(|c| c.created);
        return Ok(list.into_iter().map(Ok).collect());
    }
    if names.is_empty() {
        bail!("give at least one container name or id, or --all");
    }
    Ok(names.iter().map(|n| containers.find(n)).collect())
}

/// Apply `f` to each target, print each name or id done, report every failure.
fn each(
    names: &[String],
    all: bool,
    paths: &Paths,
    mut f: impl FnMut(&Containers, &ContainerConfig) -> Result<()>,
) -> Result<i32> {
    let containers = Containers::new(paths);
    let mut failed = false;
    for (i, t) in targets(&containers, names, all)?.into_iter().enumerate() {
        match t.and_then(|c| f(&containers, &c).map(|_| c)) {
            Ok(c) => println!("{}", if all { c.id.clone() } else { names[i].clone() }),
            Err(e) => {
                eprintln!("den: error: {e:#}");
                failed = true;
            }
        }
    }
    if failed {
        return Err(Exit::status(125).into());
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait before killing the container
    #[arg(short, long = "time", alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Stop all containers
    #[arg(short, long)]
    pub all: bool,
    /// Containers to stop
    pub containers: Vec<String>,
}

pub fn stop(paths: &Paths, a: StopArgs) -> Result<i32> {
    each(&a.containers, a.all, paths, |cs, c| {
        ops::stop(cs, c, a.time)
    })
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send (name or number)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Containers to signal
    pub containers: Vec<String>,
}

pub fn kill(paths: &Paths, a: KillArgs) -> Result<i32> {
    let Some(sig) = parse_signal(&a.signal) else {
        bail!(
            "invalid signal {:?} (use a name like TERM or a number)",
            a.signal
        );
    };
    if a.all {
        let containers = Containers::new(paths);
        let running: Vec<String> = containers
            .list()?
            .into_iter()
            .filter(|c| {
                containers
                    .live_state(&c.id)
                    .is_ok_and(|s| s.status == "running")
            })
            .map(|c| c.id)
            .collect();
        return each(&running, false, paths, |cs, c| ops::kill(cs, c, sig));
    }
    each(&a.containers, false, paths, |cs, c| ops::kill(cs, c, sig))
}

#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Seconds to wait before killing the container
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Restart all containers
    #[arg(short, long)]
    pub all: bool,
    /// Containers to restart
    pub containers: Vec<String>,
}

pub fn restart(paths: &Paths, g: &Globals, a: RestartArgs) -> Result<i32> {
    each(&a.containers, a.all, paths, |cs, c| {
        ops::restart(cs, g, c, a.time)
    })
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Containers to wait for
    #[arg(required = true)]
    pub containers: Vec<String>,
}

pub fn wait(paths: &Paths, a: WaitArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    for n in &a.containers {
        let c = containers.find(n)?;
        println!("{}", ops::wait(&containers, &c)?);
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Remove anonymous volumes too (den has none yet; accepted)
    #[arg(short, long)]
    pub volumes: bool,
    /// Containers to remove (names or ids)
    pub containers: Vec<String>,
}

pub fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    // Stop first, from the host's user namespace: once in den's own, a
    // helper can no longer join a container's to signal it.
    if a.force {
        let containers = Containers::new(paths);
        for c in targets(&containers, &a.containers, a.all)?
            .into_iter()
            .flatten()
        {
            ops::stop(&containers, &c, Some(0))?;
        }
    }
    ops::prepare_removal();
    each(&a.containers, a.all, paths, |cs, c| {
        ops::remove(cs, c, a.force)
    })
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Pause (or unpause) all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Containers
    pub containers: Vec<String>,
}

pub fn pause(paths: &Paths, a: PauseArgs) -> Result<i32> {
    each(&a.containers, a.all, paths, |cs, c| {
        if a.all && !cs.live_state(&c.id).is_ok_and(|s| s.status == "running") {
            return Ok(());
        }
        ops::pause(cs, c)
    })
}

pub fn unpause(paths: &Paths, a: PauseArgs) -> Result<i32> {
    each(&a.containers, a.all, paths, |cs, c| {
        if a.all && !cs.live_state(&c.id).is_ok_and(|s| s.status == "paused") {
            return Ok(());
        }
        ops::unpause(cs, c)
    })
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The container
    pub container: String,
    /// Its new name
    pub name: String,
}

pub fn rename(paths: &Paths, a: RenameArgs) -> Result<i32> {
    ops::rename(paths, &a.container, &a.name)?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    if !a.force && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    ops::prune(paths, |id| println!("{id}"))?;
    Ok(0)
}
