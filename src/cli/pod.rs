//! `den pod ...`: podman's pod commands over `engine::pods`; the pod's
//! flags make its infra container's spec as `create`'s make any other.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output;
use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::{self as ops, parse_signal, Containers};
use crate::engine::pods::{self, Pod};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum PodCommand {
    /// Create a pod
    Create(Box<super::podcreate::CreateArgs>),
    /// List pods
    #[command(alias = "ls", alias = "list")]
    Ps(PsArgs),
    /// Remove pods and their containers
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Start pods' containers
    Start(PodsArgs),
    /// Stop pods' containers
    Stop(StopArgs),
    /// Send a signal to pods' containers
    Kill(KillArgs),
    /// Pause pods' containers
    Pause(PodsArgs),
    /// Unpause pods' containers
    Unpause(PodsArgs),
    /// Restart pods' containers
    Restart(PodsArgs),
    /// Display a pod's configuration
    Inspect(InspectArgs),
    /// Show the output of a pod's containers
    Logs(LogsArgs),
    /// Show the processes of a pod's containers
    Top(TopArgs),
    /// Show what a pod's containers use
    Stats(StatsArgs),
    /// Exit 0 if the pod exists, 1 if not
    Exists(ExistsArgs),
    /// Remove every pod whose containers are all stopped
    Prune(PruneArgs),
    /// Make a copy of a pod and its containers
    Clone(Box<super::clone::PodCloneArgs>),
}

// Pods named, all, or the latest.
#[derive(Debug, Args)]
pub struct PodsArgs {
    /// Every pod
    #[arg(short, long)]
    pub all: bool,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// The pod whose id this file holds
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Vec<PathBuf>,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

impl PodsArgs {
    fn select(&self, paths: &Paths) -> Result<Vec<Pod>> {
        select(paths, &self.pods, self.all, self.latest, &self.pod_id_file)
    }
}

fn select(
    paths: &Paths,
    names: &[String],
    all: bool,
    latest: bool,
    files: &[PathBuf],
) -> Result<Vec<Pod>> {
    let mut names = names.to_vec();
    for f in files {
        names.push(
            std::fs::read_to_string(f)
                .with_context(|| format!("reading the pod id file {}", f.display()))?
                .trim()
                .to_string(),
        );
    }
    if all {
        return pods::list(paths);
    }
    if latest {
        return Ok(pods::list(paths)?.into_iter().last().into_iter().collect());
    }
    if names.is_empty() {
        bail!("give at least one pod name or id, or --all, or --latest");
    }
    names.iter().map(|n| pods::find(paths, n)).collect()
}

#[derive(Debug, Args)]
pub struct StopArgs {
    #[command(flatten)]
    pub pods: PodsArgs,
    /// Seconds to wait before killing the containers
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
    /// No error for pods that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    #[command(flatten)]
    pub pods: PodsArgs,
    /// Stop running containers and remove them too
    #[arg(short, long)]
    pub force: bool,
    /// No error for pods that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait before killing the containers (with --force)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u64>,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// Every pod
    #[arg(short, long)]
    pub all: bool,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// The signal (name or number)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show the containers' ids
    #[arg(long)]
    pub ctr_ids: bool,
    /// Show the containers' names
    #[arg(long)]
    pub ctr_names: bool,
    /// Show the containers' statuses
    #[arg(long)]
    pub ctr_status: bool,
    /// Filter: name=, id=, label=KEY[=VALUE], status=
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// A Go template, or json
    #[arg(long)]
    pub format: Option<String>,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Show the shared namespaces
    #[arg(long)]
    pub ns: bool,
    /// Print the ids only
    #[arg(short, long)]
    pub quiet: bool,
    /// Sort by created, id, name, number or status
    #[arg(long, value_name = "KEY")]
    pub sort: Option<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A Go template, or json
    #[arg(short, long)]
    pub format: Option<String>,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only this container of the pod
    #[arg(short, long, value_name = "CONTAINER")]
    pub container: Option<String>,
    /// Keep following the output
    #[arg(short, long)]
    pub follow: bool,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// Each line after its container's name
    #[arg(long)]
    pub names: bool,
    /// Colour the names (with --names)
    #[arg(long)]
    pub color: bool,
    /// Only lines since this time
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only lines until this time
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only the last N lines of each container (-1 or all: every line)
    #[arg(long, value_name = "N", value_parser = super::logs::tail_count, allow_hyphen_values = true)]
    pub tail: Option<super::logs::Tail>,
    /// Each line after its time
    #[arg(short, long)]
    pub timestamps: bool,
    /// The pod
    pub pod: Option<String>,
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// The pod, then ps columns
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Every pod
    #[arg(short, long)]
    pub all: bool,
    /// A Go template, or json
    #[arg(long)]
    pub format: Option<String>,
    /// The pod made last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not reset the figures between reports
    #[arg(long)]
    pub no_reset: bool,
    /// One report only
    #[arg(long)]
    pub no_stream: bool,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The pod
    pub pod: String,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn pod(paths: &Paths, g: &Globals, c: PodCommand) -> Result<i32> {
    match c {
        PodCommand::Create(a) => create(paths, *a),
        PodCommand::Clone(a) => super::clone::pod_clone(paths, g, *a),
        PodCommand::Ps(a) => ps(paths, a),
        PodCommand::Rm(a) => rm(paths, a),
        PodCommand::Start(a) => each(a.select(paths)?, |p| start(paths, g, p)),
        PodCommand::Stop(a) => {
            let list = match a.pods.select(paths) {
                Err(e) if a.ignore && e.downcast_ref::<crate::error::Error>().is_some() => {
                    Vec::new()
                }
                r => r?,
            };
            each(list, |p| stop(paths, p, a.time))
        }
        PodCommand::Kill(a) => {
            let Some(sig) = parse_signal(&a.signal) else {
                bail!(
                    "invalid signal {:?} (use a name like TERM or a number)",
                    a.signal
                );
            };
            each(select(paths, &a.pods, a.all, a.latest, &[])?, |p| {
                on_running(paths, p, |cs, c| ops::kill(cs, c, sig))
            })
        }
        PodCommand::Pause(a) => each(a.select(paths)?, |p| on_running(paths, p, ops::pause)),
        PodCommand::Unpause(a) => each(a.select(paths)?, |p| {
            on_status(paths, p, "paused", ops::unpause)
        }),
        PodCommand::Restart(a) => each(a.select(paths)?, |p| {
            stop(paths, p, None)?;
            start(paths, g, p)
        }),
        PodCommand::Inspect(a) => inspect(paths, a),
        PodCommand::Logs(a) => logs(paths, a),
        PodCommand::Top(a) => top(paths, a),
        PodCommand::Stats(a) => stats(paths, a),
        PodCommand::Exists(a) => Ok(if pods::find(paths, &a.pod).is_ok() {
            0
        } else {
            1
        }),
        PodCommand::Prune(a) => {
            if !a.force
                && !super::prune::confirm("WARNING! This will remove all stopped/exited pods.")?
            {
                return Ok(0);
            }
            pods::prune(paths, &Default::default(), |id| println!("{id}"))?;
            Ok(0)
        }
    }
}

/// Do `f` to each pod, printing its id, or the error; 125 if any failed.
fn each(list: Vec<Pod>, mut f: impl FnMut(&Pod) -> Result<()>) -> Result<i32> {
    let mut failed = false;
    for p in &list {
        match f(p) {
            Ok(()) => println!("{}", p.id),
            Err(e) => {
                eprintln!("den: error: {e:#}");
                failed = true;
            }
        }
    }
    Ok(if failed { 125 } else { 0 })
}

fn create(paths: &Paths, a: super::podcreate::CreateArgs) -> Result<i32> {
    let pod = super::podcreate::create_pod(paths, &a)?;
    println!("{}", pod.id);
    Ok(0)
}

/// Start the pod's containers: the infra container first, then each init
/// container (`--init-ctr`) to its end (a `once` one is then removed),
/// then the others.
/// Start a pod: its infra, its init containers (to their end), then the
/// rest (`kube play` starts its pods so too).
pub(super) fn start(paths: &Paths, g: &Globals, pod: &Pod) -> Result<()> {
    let members = pods::members(paths, pod)?;
    let (init, rest): (Vec<_>, Vec<_>) = members
        .into_iter()
        .partition(|c| c.extras.init_ctr.is_some());
    if let Some(infra) = &pod.infra {
        if let Some(cfg) = crate::engine::start::prepare(paths, infra, false)? {
            crate::engine::start::detached(g, &cfg)?;
        }
    }
    // Removed last: removing enters den's user namespace, from where no
    // other container could be started.
    let mut once = Vec::new();
    for c in init {
        let Some(cfg) = crate::engine::start::prepare(paths, &c.id, false)? else {
            continue;
        };
        // The supervisor's own errors (the container's output is in its
        // log) reach the user.
        let mut child = crate::engine::start::spawn_to_end(
            g,
            &cfg,
            std::process::Stdio::null(),
            std::process::Stdio::inherit(),
        )?;
        let status = child.wait().context("waiting for the init container")?;
        if !status.success() {
            bail!(
                "the init container {} of the pod {} failed ({status}): see den logs {}",
                c.name,
                pod.name,
                c.name
            );
        }
        if c.extras.init_ctr.as_deref() == Some("once") {
            once.push(c.id.clone());
        }
    }
    for c in rest.iter().filter(|c| Some(&c.id) != pod.infra.as_ref()) {
        if let Some(cfg) = crate::engine::start::prepare(paths, &c.id, false)? {
            crate::engine::start::requirements(paths, g, &cfg)?;
            crate::engine::start::detached(g, &cfg)?;
        }
    }
    if !once.is_empty() {
        ops::remove_selected(
            paths,
            ops::Selection::Named(&once),
            true,
            0,
            false,
            false,
            |_, _| {},
        )?;
    }
    Ok(())
}

/// Stop the pod's containers, the infra container last.
fn stop(paths: &Paths, pod: &Pod, time: Option<u64>) -> Result<()> {
    let containers = Containers::new(paths);
    let mut list = pods::members(paths, pod)?;
    list.reverse();
    for c in &list {
        ops::stop(&containers, c, time)?;
    }
    Ok(())
}

fn on_status(
    paths: &Paths,
    pod: &Pod,
    status: &str,
    f: impl Fn(&Containers, &crate::engine::containers::ContainerConfig) -> Result<()>,
) -> Result<()> {
    let containers = Containers::new(paths);
    for c in pods::members(paths, pod)? {
        if containers.live_state(&c.id)?.status == status {
            f(&containers, &c)?;
        }
    }
    Ok(())
}

fn on_running(
    paths: &Paths,
    pod: &Pod,
    f: impl Fn(&Containers, &crate::engine::containers::ContainerConfig) -> Result<()>,
) -> Result<()> {
    on_status(paths, pod, "running", f)
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    let list = match a.pods.select(paths) {
        Err(e) if a.ignore && e.downcast_ref::<crate::error::Error>().is_some() => {
            // The ones that exist still go.
            a.pods
                .pods
                .iter()
                .filter_map(|n| pods::find(paths, n).ok())
                .collect()
        }
        r => r?,
    };
    let code = each(list, |p| pods::remove(paths, p, a.force, a.time))?;
    for f in &a.pods.pod_id_file {
        let _ = std::fs::remove_file(f);
    }
    Ok(code)
}

fn row(paths: &Paths, p: &Pod, no_trunc: bool) -> Result<Value> {
    let containers = Containers::new(paths);
    let members = pods::members(paths, p)?;
    let short = |id: &str| {
        if no_trunc {
            id.to_string()
        } else {
            id[..12.min(id.len())].to_string()
        }
    };
    let mut ids = Vec::new();
    let mut names = Vec::new();
    let mut statuses = Vec::new();
    let mut listed = Vec::new();
    for c in &members {
        let st = containers.live_state(&c.id)?;
        ids.push(short(&c.id));
        names.push(c.name.clone());
        listed.push(json!({
            "Id": c.id, "Names": c.name, "Status": st.status,
            "RestartCount": st.restart_count,
        }));
        statuses.push(st.status);
    }
    Ok(json!({
        "Id": short(&p.id),
        "ID": short(&p.id),
        "PodID": short(&p.id),
        "Name": p.name,
        "Status": pods::status(paths, p)?,
        "Created": crate::util::human::ago(p.created),
        "CreatedAt": p.created.to_rfc3339(),
        "InfraId": p.infra.as_deref().map(short).unwrap_or_default(),
        "InfraID": p.infra.as_deref().map(short).unwrap_or_default(),
        "NumberOfContainers": members.len(),
        "Labels": p.labels,
        "Namespaces": p.share.join(","),
        "ContainerIds": ids.join(","),
        "ContainerNames": names.join(","),
        "ContainerStatuses": statuses.join(","),
        // Rootless pods have no cgroup of their own (as podman's).
        "Cgroup": "",
        "Namespace": "",
        "Containers": listed,
        "Networks": members
            .iter()
            .find(|c| p.infra.as_deref() == Some(c.id.as_str()))
            .map(|c| c.net.networks.iter().map(|n| n.network.clone()).collect::<Vec<_>>())
            .unwrap_or_default(),
    }))
}

fn ps(paths: &Paths, a: PsArgs) -> Result<i32> {
    let mut list = pods::list(paths)?;
    if a.latest {
        list = list.into_iter().last().into_iter().collect();
    }
    let json = a.format.as_deref() == Some("json");
    let mut rows = Vec::new();
    for p in &list {
        // JSON has whole ids, as podman's.
        rows.push(row(paths, p, a.no_trunc || json)?);
    }
    // One key's values are alternatives (`label`'s all required), as
    // podman's; the keys all required.
    let mut filters: Vec<(&str, &str)> = Vec::new();
    for f in &a.filter {
        let (k, v) = f
            .split_once('=')
            .with_context(|| format!("invalid --filter {f:?} (use KEY=VALUE)"))?;
        if !matches!(k, "name" | "id" | "status" | "label") {
            bail!("invalid --filter {f:?}: den filters pods by name, id, status or label");
        }
        if k == "name" {
            crate::util::pattern::check(v)?;
        }
        filters.push((k, v));
    }
    let one = |r: &Value, (k, v): &(&str, &str)| match *k {
        "name" => r["Name"]
            .as_str()
            .is_some_and(|n| crate::util::pattern::name_matches(v, n).unwrap_or(false)),
        "id" => list
            .iter()
            .any(|p| p.id.starts_with(v) && r["Name"] == json!(p.name)),
        "status" => r["Status"]
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case(v)),
        _ => {
            let (lk, lv) = v.split_once('=').unwrap_or((v, ""));
            r["Labels"]
                .get(lk)
                .is_some_and(|x| lv.is_empty() || x == lv)
        }
    };
    rows.retain(|r| {
        crate::util::filters::passes(
            &filters,
            |(k, _)| k,
            |f| Ok::<bool, std::convert::Infallible>(one(r, f)),
        )
        .unwrap_or(false)
    });
    match a.sort.as_deref() {
        None | Some("created") => {}
        Some("id") => rows.sort_by(|x, y| x["Id"].as_str().cmp(&y["Id"].as_str())),
        Some("name") => rows.sort_by(|x, y| x["Name"].as_str().cmp(&y["Name"].as_str())),
        Some("status") => rows.sort_by(|x, y| x["Status"].as_str().cmp(&y["Status"].as_str())),
        Some("number") => rows.sort_by_key(|x| x["NumberOfContainers"].as_u64()),
        Some(s) => bail!("invalid --sort {s} (use created, id, name, number or status)"),
    }
    if a.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or_default());
        }
        return Ok(0);
    }
    if json {
        // podman's report: its fields, not the table's columns.
        let reports: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "Cgroup": r["Cgroup"], "Containers": r["Containers"],
                    "Created": r["CreatedAt"], "Id": r["Id"], "InfraId": r["InfraId"],
                    "Name": r["Name"], "Namespace": r["Namespace"],
                    "Networks": r["Networks"], "Status": r["Status"], "Labels": r["Labels"],
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&reports)?);
        return Ok(0);
    }
    let mut table = "table {{.PodID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}\t{{.NumberOfContainers}}".to_string();
    if a.ctr_ids {
        table.push_str("\t{{.ContainerIds}}");
    }
    if a.ctr_names {
        table.push_str("\t{{.ContainerNames}}");
    }
    if a.ctr_status {
        table.push_str("\t{{.ContainerStatuses}}");
    }
    if a.ns {
        table.push_str("\t{{.Namespaces}}");
    }
    output::print_list(
        &rows,
        a.format.as_deref(),
        &table,
        &[
            ("NUMBER OF CONTAINERS", "# OF CONTAINERS"),
            ("CONTAINER IDS", "IDS"),
            ("CONTAINER NAMES", "NAMES"),
            ("CONTAINER STATUSES", "STATUS"),
        ],
        a.noheading,
    )?;
    Ok(0)
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let list = select(paths, &a.pods, false, a.latest, &[])?;
    let values: Vec<Value> = list
        .iter()
        .map(|p| pods::inspect_json(paths, p))
        .collect::<Result<_>>()?;
    match a.format.as_deref() {
        // podman 4.3: one pod is an object.
        None | Some("json") if values.len() == 1 => {
            println!("{}", serde_json::to_string_pretty(&values[0])?)
        }
        None | Some("json") => println!("{}", serde_json::to_string_pretty(&values)?),
        Some(f) => {
            for v in &values {
                output::print_object(v, Some(f))?;
            }
        }
    }
    Ok(0)
}

fn one_pod(paths: &Paths, name: Option<&str>, latest: bool) -> Result<Pod> {
    let names: Vec<String> = name.map(String::from).into_iter().collect();
    select(paths, &names, false, latest, &[])?
        .into_iter()
        .next()
        .context("no pod")
}

fn logs(paths: &Paths, a: LogsArgs) -> Result<i32> {
    let pod = one_pod(paths, a.pod.as_deref(), a.latest)?;
    let containers = Containers::new(paths);
    let mut ms = Vec::new();
    for c in pods::members(paths, &pod)? {
        if Some(&c.id) == pod.infra.as_ref() {
            continue;
        }
        if let Some(want) = &a.container {
            if c.name != *want && !c.id.starts_with(want.as_str()) {
                continue;
            }
        }
        let state = containers.live_state(&c.id)?;
        ms.push(crate::engine::compose::Member {
            service: c.name.clone(),
            config: c,
            state,
            number: 1,
        });
    }
    if let (Some(want), true) = (&a.container, ms.is_empty()) {
        bail!("the pod {} has no container {want}", pod.name);
    }
    let opts = crate::engine::logs::LogOptions {
        follow: a.follow,
        tail: a.tail.and_then(|t| t.0),
        window: crate::engine::logs::Window {
            since: a
                .since
                .as_deref()
                .map(super::logs::parse_time)
                .transpose()?,
            until: a
                .until
                .as_deref()
                .map(super::logs::parse_time)
                .transpose()?,
        },
        timestamps: a.timestamps,
    };
    let width = ms.iter().map(|m| m.config.name.len()).max().unwrap_or(0);
    let prefix = |m: &crate::engine::compose::Member| {
        super::logs::Prefixed::new(if a.names {
            super::compose::prefix_of(&m.config.name, width, a.color)
        } else {
            String::new()
        })
    };
    if a.follow {
        if let Some(status) =
            crate::engine::compose::follow(paths, &ms, &opts, prefix)?.wait_or_end()?
        {
            return Ok(status);
        }
    } else {
        for m in &ms {
            crate::engine::logs::logs(paths, &m.config.id, &opts, prefix(m))?;
        }
    }
    Ok(0)
}

fn top(paths: &Paths, a: TopArgs) -> Result<i32> {
    let (name, descriptors) = match (a.latest, a.args.split_first()) {
        (true, _) => (None, a.args.clone()),
        (false, Some((p, rest))) => (Some(p.clone()), rest.to_vec()),
        (false, None) => bail!("give the pod, or --latest"),
    };
    let pod = one_pod(paths, name.as_deref(), a.latest)?;
    let containers = Containers::new(paths);
    for c in pods::members(paths, &pod)? {
        if containers.live_state(&c.id)?.status != "running" {
            continue;
        }
        super::top::top(
            paths,
            super::top::TopArgs {
                latest: super::container::Latest { latest: false },
                container: Some(c.id.clone()),
                descriptors: descriptors.clone(),
            },
        )?;
    }
    Ok(0)
}

fn stats(paths: &Paths, a: StatsArgs) -> Result<i32> {
    let list = select(paths, &a.pods, a.all, a.latest, &[])?;
    let containers = Containers::new(paths);
    let mut names = Vec::new();
    for p in &list {
        for c in pods::members(paths, p)? {
            if containers.live_state(&c.id)?.status == "running" {
                names.push(c.id);
            }
        }
    }
    if names.is_empty() {
        return Ok(0);
    }
    super::stats::stats(
        paths,
        super::stats::StatsArgs {
            all: false,
            no_stream: a.no_stream,
            format: a.format,
            interval: 5,
            no_reset: a.no_reset,
            no_trunc: false,
            latest: super::container::Latest { latest: false },
            containers: names,
        },
    )
}
