//! Container commands that act on existing containers: stop, kill, restart,
//! wait, rm, rename, container prune.

use anyhow::{bail, Result};
use clap::Args;

use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::{self as ops, parse_signal, Containers, Selection};
use crate::error::Exit;

/// Run a batch operation, printing each container done (as it was
/// named) and each failure; 125 if any failed.
fn each(
    paths: &Paths,
    sel: Selection,
    run: impl FnOnce(&Paths, Selection, &mut dyn FnMut(&str, Result<()>)) -> Result<()>,
) -> Result<i32> {
    each_ignoring(paths, sel, false, |_| 125, run)
}

/// [`each`]; with `ignore`, a container that does not exist is no error
/// (`--ignore`, as a unit's ExecStop needs). `status_of` gives a failure's
/// exit status; the command's is 125 if any failure's is, else the
/// highest.
fn each_ignoring(
    paths: &Paths,
    sel: Selection,
    ignore: bool,
    status_of: fn(&anyhow::Error) -> i32,
    run: impl FnOnce(&Paths, Selection, &mut dyn FnMut(&str, Result<()>)) -> Result<()>,
) -> Result<i32> {
    let mut status = 0;
    run(paths, sel, &mut |label, r| match r {
        Ok(()) => println!("{label}"),
        Err(e)
            if ignore
                && matches!(
                    e.downcast_ref::<crate::error::Error>(),
                    Some(crate::error::Error::NotFound { .. })
                ) => {}
        Err(e) => {
            eprintln!("den: error: {e:#}");
            status = match (status, status_of(&e)) {
                (125, _) | (_, 125) => 125,
                (s, c) => s.max(c),
            };
        }
    })?;
    if status != 0 {
        return Err(Exit::status(status).into());
    }
    Ok(0)
}

/// podman's statuses for `rm`: 1 for a container that does not exist, 2
/// for a running one without --force, 125 for anything else.
fn rm_status(e: &anyhow::Error) -> i32 {
    match e.downcast_ref::<crate::error::Error>() {
        Some(crate::error::Error::NotFound { .. }) => 1,
        Some(crate::error::Error::Conflict { .. }) => 2,
        _ => 125,
    }
}

/// The containers named on the command line and in `--cidfile` files (a
/// missing file names none: the container it would name is gone).
fn with_cidfiles(names: &[String], cidfiles: &[std::path::PathBuf]) -> Result<Vec<String>> {
    let mut all = names.to_vec();
    for f in cidfiles {
        match std::fs::read_to_string(f) {
            Ok(id) if !id.trim().is_empty() => all.push(id.trim().to_string()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => bail!("reading the cidfile {}: {e}", f.display()),
        }
    }
    Ok(all)
}

// podman's `-l, --latest`: act on the container made last.
#[derive(Debug, Clone, Copy, Args, Default)]
pub struct Latest {
    /// Act on the container made last
    #[arg(short = 'l', long)]
    pub latest: bool,
}

impl Latest {
    /// The one container named, or with `--latest` the one made last.
    pub fn one(self, paths: &Paths, name: Option<String>) -> Result<String> {
        let names = self.names(paths, name.into_iter().collect())?;
        names
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("give a container name or id, or --latest"))
    }

    /// The containers named, or with `--latest` the one made last.
    pub fn names(self, paths: &Paths, names: Vec<String>) -> Result<Vec<String>> {
        match (self.latest, names.is_empty()) {
            (false, _) => Ok(names),
            (true, true) => Ok(vec![ops::latest(paths)?]),
            (true, false) => {
                bail!(
                    "--latest and container names cannot be used together (give one or the other)"
                )
            }
        }
    }
}

/// podman's `--filter` on a verb: the containers `ps --all --filter`
/// lists (every filter must hold), by id.
fn filtered(paths: &Paths, filters: &[String]) -> Result<Vec<String>> {
    let opts = ops::ListOptions {
        all: true,
        filters: filters.to_vec(),
        last: None,
        size: false,
    };
    Ok(ops::list(paths, &opts)?
        .into_iter()
        .map(|l| l.config.id)
        .collect())
}

// How a verb picks its containers beside naming them (`stop`, `rm`,
// `restart`, `pause`, `unpause`): `--cidfile`, `--latest`, `--filter`.
#[derive(Debug, Args)]
pub struct Choice {
    /// The container whose id this file holds (as run --cidfile wrote it)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    #[command(flatten)]
    pub latest: Latest,
    /// Only the containers that match: KEY=VALUE, as ps --filter
    /// (status=exited, label=K=V, name=N, ...)
    #[arg(long, value_name = "KEY=VALUE", conflicts_with_all = ["all", "containers"])]
    pub filter: Vec<String>,
}

impl Choice {
    /// The containers a verb acts on: `names` (with those in `--cidfile`
    /// files, or the latest), or those `--filter` matches.
    fn containers(&self, paths: &Paths, names: Vec<String>) -> Result<Vec<String>> {
        if !self.filter.is_empty() {
            return filtered(paths, &self.filter);
        }
        with_cidfiles(&self.latest.names(paths, names)?, &self.cidfile)
    }

    /// Whether the choice may rightly pick no container at all: a filter
    /// that matches none, or `--ignore` with cidfiles of gone containers.
    fn may_be_empty(&self, ignore: bool) -> bool {
        !self.filter.is_empty() || ignore && !self.cidfile.is_empty()
    }
}

/// The named containers, or all of them.
fn selection(names: &[String], all: bool) -> Selection<'_> {
    if all {
        Selection::All
    } else {
        Selection::Named(names)
    }
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait before killing the container
    #[arg(short, long = "time", alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Stop all containers
    #[arg(short, long)]
    pub all: bool,
    /// A container that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    #[command(flatten)]
    pub choice: Choice,
    /// Containers to stop
    pub containers: Vec<String>,
}

pub fn stop(paths: &Paths, a: StopArgs) -> Result<i32> {
    let names = a.choice.containers(paths, a.containers)?;
    if names.is_empty() && !a.all && a.choice.may_be_empty(a.ignore) {
        return Ok(0);
    }
    each_ignoring(
        paths,
        selection(&names, a.all),
        a.ignore,
        |_| 125,
        |p, sel, done| ops::for_each(p, sel, |cs, c| ops::stop(cs, c, a.time), done),
    )
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Signal to send (name or number)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// The container whose id this file holds (as run --cidfile wrote it)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    #[command(flatten)]
    pub latest: Latest,
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
    let names = with_cidfiles(&a.latest.names(paths, a.containers)?, &a.cidfile)?;
    let sel = if a.all {
        Selection::WithStatus("running")
    } else {
        Selection::Named(&names)
    };
    each(paths, sel, |p, sel, done| {
        ops::for_each(p, sel, |cs, c| ops::kill(cs, c, sig), done)
    })
}

#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Seconds to wait before killing the container
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Restart all containers
    #[arg(short, long)]
    pub all: bool,
    /// With --all: only the running ones
    #[arg(long)]
    pub running: bool,
    #[command(flatten)]
    pub choice: Choice,
    /// Containers to restart
    pub containers: Vec<String>,
}

pub fn restart(paths: &Paths, g: &Globals, a: RestartArgs) -> Result<i32> {
    let names = a.choice.containers(paths, a.containers)?;
    if names.is_empty() && a.choice.may_be_empty(false) {
        return Ok(0);
    }
    let sel = match (a.all, a.running) {
        (true, true) => Selection::WithStatus("running"),
        _ => selection(&names, a.all),
    };
    each(paths, sel, |p, sel, done| {
        ops::for_each(p, sel, |cs, c| ops::restart(cs, g, c, a.time), done)
    })
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// State to wait for (stopped, exited, running, paused, created,
    /// healthy, unhealthy, removing, ...; default stopped): the exit code
    /// is printed for stopped and exited, -1 for the others
    #[arg(long, value_name = "STATE", value_parser = clap::builder::PossibleValuesParser::new(ops::WAIT_CONDITIONS))]
    pub condition: Vec<String>,
    /// How often to look: a duration (250ms, 1s) or milliseconds
    #[arg(short, long, default_value = "250ms", value_name = "DURATION")]
    pub interval: String,
    #[command(flatten)]
    pub latest: Latest,
    /// Containers to wait for
    #[arg(required_unless_present = "latest")]
    pub containers: Vec<String>,
}

pub fn wait(paths: &Paths, a: WaitArgs) -> Result<i32> {
    let interval = parse_interval(&a.interval)?;
    let containers = Containers::new(paths);
    for n in &a.latest.names(paths, a.containers)? {
        let c = containers.find(n)?;
        println!(
            "{}",
            ops::wait_for(&containers, &c, &a.condition, interval)?
        );
    }
    Ok(0)
}

/// `--interval`: `250ms`, `2s`, `1m`, or plain milliseconds.
fn parse_interval(s: &str) -> Result<std::time::Duration> {
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num.parse().map_err(|_| {
        anyhow::anyhow!("invalid --interval {s:?} (give a duration such as 250ms or 2s)")
    })?;
    let ms = match unit {
        "" | "ms" => n,
        "s" => n.saturating_mul(1000),
        "m" => n.saturating_mul(60_000),
        _ => bail!("invalid --interval {s:?} (give a duration such as 250ms or 2s)"),
    };
    if ms == 0 {
        bail!("--interval must be more than 0");
    }
    Ok(std::time::Duration::from_millis(ms))
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Remove the containers' anonymous volumes too
    #[arg(short, long)]
    pub volumes: bool,
    /// With --force: seconds to wait for a running container to stop
    /// before killing it (default 0: killed at once, as docker rm -f)
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// A container that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// Remove the containers that depend on these too
    #[arg(long)]
    pub depend: bool,
    #[command(flatten)]
    pub choice: Choice,
    /// Containers to remove (names or ids)
    pub containers: Vec<String>,
}

pub fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let names = a.choice.containers(paths, a.containers)?;
    if names.is_empty() && !a.all && a.choice.may_be_empty(a.ignore) {
        return Ok(0);
    }
    let code = each_ignoring(
        paths,
        selection(&names, a.all),
        a.ignore,
        rm_status,
        |p, sel, done| {
            ops::remove_selected(
                p,
                sel,
                a.force,
                a.time.unwrap_or(0),
                a.volumes,
                a.depend,
                done,
            )
        },
    )?;
    // The cidfiles go with their containers, as podman's do.
    for f in &a.choice.cidfile {
        let _ = std::fs::remove_file(f);
    }
    Ok(code)
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Pause (or unpause) all running containers
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub choice: Choice,
    /// Containers
    pub containers: Vec<String>,
}

pub fn pause(paths: &Paths, a: PauseArgs) -> Result<i32> {
    let names = a.choice.containers(paths, a.containers)?;
    if names.is_empty() && a.choice.may_be_empty(false) {
        return Ok(0);
    }
    let sel = if a.all {
        Selection::WithStatus("running")
    } else {
        Selection::Named(&names)
    };
    each(paths, sel, |p, sel, done| {
        ops::for_each(p, sel, ops::pause, done)
    })
}

pub fn unpause(paths: &Paths, a: PauseArgs) -> Result<i32> {
    let names = a.choice.containers(paths, a.containers)?;
    if names.is_empty() && a.choice.may_be_empty(false) {
        return Ok(0);
    }
    let sel = if a.all {
        Selection::WithStatus("paused")
    } else {
        Selection::Named(&names)
    };
    each(paths, sel, |p, sel, done| {
        ops::for_each(p, sel, ops::unpause, done)
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
    /// Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(paths: &Paths, a: PruneArgs) -> Result<i32> {
    let filter = super::prune::prune_filter(&a.filter)?;
    if !a.force && !super::prune::confirm("WARNING! This will remove all non running containers.")?
    {
        return Ok(0);
    }
    ops::prune(paths, &filter, |id| println!("{id}"))?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// Containers of other tools too (den knows only its own: accepted,
    /// as podman's without Buildah's containers around)
    #[arg(long)]
    pub external: bool,
    /// The container (name or id)
    pub container: String,
}

/// `container exists`: 0 if it does, 1 if not (as podman's).
pub fn exists(paths: &Paths, a: ExistsArgs) -> Result<i32> {
    match Containers::new(paths).find(&a.container) {
        Ok(_) => Ok(0),
        Err(e)
            if matches!(
                e.downcast_ref::<crate::error::Error>(),
                Some(crate::error::Error::NotFound { .. })
            ) =>
        {
            Ok(1)
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// Every stopped container
    #[arg(short, long)]
    pub all: bool,
    /// An exec session (den keeps none after it ends: nothing to clean)
    #[arg(long, value_name = "SESSION")]
    pub exec: Option<String>,
    #[command(flatten)]
    pub latest: Latest,
    /// Then remove the container
    #[arg(long)]
    pub rm: bool,
    /// Then remove its image (unless another container uses it)
    #[arg(long)]
    pub rmi: bool,
    /// Containers
    pub containers: Vec<String>,
}

/// `container cleanup`: what a stopped container's supervisor left (its
/// network and storage helpers, if it was killed), then with --rm the
/// container and with --rmi its image. A running one is left alone.
pub fn cleanup(paths: &Paths, a: CleanupArgs) -> Result<i32> {
    if a.exec.is_some() {
        return Ok(0);
    }
    let containers = Containers::new(paths);
    let list: Vec<_> = if a.all {
        containers.list()?
    } else {
        let names = a.latest.names(paths, a.containers)?;
        if names.is_empty() {
            bail!("give containers to clean up, or --all, or --latest");
        }
        names
            .iter()
            .map(|n| containers.find(n))
            .collect::<Result<_>>()?
    };
    let mut done = Vec::new();
    for c in list {
        let st = containers.live_state(&c.id)?;
        if st.active() {
            if !a.all {
                eprintln!("den: error: {} is running: nothing to clean up", c.name);
            }
            continue;
        }
        ops::end_orphaned_helpers(&st);
        println!("{}", c.id);
        done.push(c);
    }
    if a.rm || a.rmi {
        let ids: Vec<String> = done.iter().map(|c| c.id.clone()).collect();
        ops::remove_selected(
            paths,
            Selection::Named(&ids),
            false,
            0,
            false,
            false,
            |_, _| {},
        )?;
    }
    if a.rmi {
        for c in &done {
            if let Err(e) = crate::engine::images::remove_unused(paths, &c.image_name) {
                crate::warn!("the image {} is kept: {e:#}", c.image_name);
            }
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Every container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: Latest,
    /// Containers
    pub containers: Vec<String>,
}

/// `den init`: podman's initialized state (storage mounted, network made,
/// nothing run) has no place in den, whose mounts and network live with
/// the supervisor a start makes: refused, after the names are checked.
pub fn init(paths: &Paths, a: InitArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    for n in a.latest.names(paths, a.containers)? {
        containers.find(&n)?;
    }
    bail!("den readies a container as it starts it (its mounts and network live with its supervisor): use den start")
}
