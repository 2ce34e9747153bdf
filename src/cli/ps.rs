//! `den ps` and container `inspect`.

use anyhow::{bail, Result};

use clap::Args;
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::engine::containers::{ContainerConfig, ContainerState, Containers};
use crate::engine::inspect;
use crate::util::human;

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all containers (default: only running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Print only container ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest container created (all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Show the N latest containers (all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    pub last: Option<usize>,
    /// Show the size of each container's writable layer
    #[arg(short, long)]
    pub size: bool,
    /// Do not truncate ids and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Filter: name=, id=, status=, label=KEY[=VALUE], ancestor=, exited=
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Format output: json, or a Go template like '{{.Names}} {{.Status}}'
    #[arg(long)]
    pub format: Option<String>,
}

/// `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`.
fn status_text(st: &ContainerState) -> String {
    match st.status.as_str() {
        "running" | "paused" => {
            let since = st
                .started_at
                .map(|t| human::ago(t).trim_end_matches(" ago").to_string())
                .unwrap_or_default();
            let since = if since.starts_with("Less than") {
                "Less than a second".to_string()
            } else {
                since
            };
            if st.status == "paused" {
                format!("Up {since} (Paused)")
            } else {
                format!("Up {since}")
            }
        }
        "exited" => format!(
            "Exited ({}) {}",
            st.exit_code.unwrap_or(0),
            st.finished_at.map(human::ago).unwrap_or_default()
        ),
        "created" => "Created".into(),
        "restarting" => format!(
            "Restarting ({}) {}",
            st.exit_code.unwrap_or(0),
            st.finished_at.map(human::ago).unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

fn row(c: &ContainerConfig, st: &ContainerState, trunc: bool, size: Option<u64>) -> Value {
    let mut command = c.args.join(" ");
    if trunc && command.chars().count() > 20 {
        command = format!("{}...", command.chars().take(17).collect::<String>());
    }
    json!({
        "ID": if trunc { c.id[..12].to_string() } else { c.id.clone() },
        "Id": c.id,
        "Image": c.image_name,
        "ImageID": c.image_id,
        "Command": command,
        "Created": c.created.timestamp(),
        "CreatedAt": c.created.to_rfc3339(),
        "CreatedHuman": human::ago(c.created),
        "RunningFor": human::ago(c.created),
        "Status": status_text(st),
        "State": st.status,
        "ExitCode": st.exit_code.unwrap_or(0),
        "Exited": st.status == "exited",
        "Pid": st.init.pid,
        "Ports": c.net.ports.iter().flat_map(|p| p.display()).collect::<Vec<_>>().join(", "),
        "Names": c.name,
        "Labels": c.labels,
        "Size": size.map(human::size).unwrap_or_default(),
        "Restarts": st.restart_count,
    })
}

fn matches(c: &ContainerConfig, st: &ContainerState, filter: &str) -> Result<bool> {
    let (key, value) = filter.split_once('=').unwrap_or((filter, ""));
    Ok(match key {
        "name" => c.name.contains(value),
        "id" => c.id.starts_with(value),
        "status" => {
            if !matches!(value, "created" | "running" | "paused" | "exited" | "stopped" | "restarting" | "removing" | "unknown") {
                bail!("invalid status filter {value:?} (use created, running, paused or exited)");
            }
            st.status == value || (value == "stopped" && st.status == "exited")
        }
        "label" => {
            let (k, v) = value.split_once('=').unwrap_or((value, ""));
            c.labels.get(k).is_some_and(|x| v.is_empty() && !value.contains('=') || x == v)
        }
        "ancestor" => {
            c.image_id.starts_with(value)
                || c.image_name == value
                || c.image_name.rsplit_once(':').is_some_and(|(repo, _)| repo == value || repo.ends_with(&format!("/{value}")))
                || c.image_name.ends_with(&format!("/{value}"))
        }
        "exited" => st.status == "exited" && st.exit_code.map(|x| x.to_string()).as_deref() == Some(value),
        other => bail!("unknown filter {other:?} (den filters by name, id, status, label, ancestor and exited)"),
    })
}

pub fn ps(paths: &Paths, a: PsArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    if a.size {
        inspect::prepare_sizes()?;
    }
    let mut list: Vec<(ContainerConfig, ContainerState)> = Vec::new();
    for c in containers.list()? {
        let st = containers.live_state(&c.id)?;
        list.push((c, st));
    }
    // Newest first, as podman sorts by creation.
    list.sort_by_key(|(c, _)| std::cmp::Reverse(c.created));
    let show_all = a.all
        || a.latest
        || a.last.is_some()
        || a.filter
            .iter()
            .any(|f| f.starts_with("status=") || f.starts_with("exited="));
    let mut kept = Vec::new();
    for (c, st) in list {
        if !show_all && !st.active() {
            continue;
        }
        let mut ok = true;
        for f in &a.filter {
            ok &= matches(&c, &st, f)?;
        }
        if ok {
            kept.push((c, st));
        }
    }
    if a.latest {
        kept.truncate(1);
    }
    if let Some(n) = a.last {
        kept.truncate(n);
    }
    if a.quiet {
        for (c, _) in &kept {
            println!("{}", if a.no_trunc { &c.id[..] } else { &c.id[..12] });
        }
        return Ok(0);
    }
    let rows: Vec<Value> = kept
        .iter()
        .map(|(c, st)| {
            row(
                c,
                st,
                !a.no_trunc,
                a.size.then(|| inspect::rw_size(&containers, &c.id)),
            )
        })
        .collect();
    let default = if a.size {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
    } else {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    };
    output::print_list(
        &rows,
        a.format.as_deref(),
        default,
        &[("ID", "CONTAINER ID"), ("CREATED HUMAN", "CREATED")],
        a.noheading,
    )?;
    Ok(0)
}
