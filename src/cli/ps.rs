//! `den ps` and container `inspect`.

use anyhow::Result;

use clap::Args;
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::engine::containers::{self, ContainerState};
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
    /// Sort by command, created, id, image, names, runningfor, size or
    /// status (default: newest first)
    #[arg(long, value_name = "FIELD", value_parser = ["command", "created", "id", "image", "names", "runningfor", "size", "status"])]
    pub sort: Option<String>,
    /// Containers of other tools too (den knows only its own)
    #[arg(long)]
    pub external: bool,
    /// Sync the state with the runtime first (den reads it from the
    /// processes every time: nothing to do)
    #[arg(long)]
    pub sync: bool,
    /// Show the pod of each container
    #[arg(long)]
    pub pod: bool,
    /// Show the namespaces of each container (their inode numbers)
    #[arg(long)]
    pub ns: bool,
    /// Print the list again every N seconds, until interrupted
    #[arg(short, long, value_name = "SECONDS")]
    pub watch: Option<u64>,
}

/// The inode of a process's namespace `kind`, where it may be read.
fn ns_inode(pid: i32, kind: &str) -> String {
    if pid <= 0 {
        return String::new();
    }
    std::fs::read_link(format!("/proc/{pid}/ns/{kind}"))
        .ok()
        .and_then(|l| {
            let t = l.to_string_lossy().into_owned();
            t.split_once(":[")
                .map(|(_, n)| n.trim_end_matches(']').to_string())
        })
        .unwrap_or_default()
}

/// Order `kept` by podman's `--sort` field.
fn sort(kept: &mut [containers::Listed], field: &str) {
    match field {
        "command" => kept.sort_by(|a, b| a.config.args.cmp(&b.config.args)),
        // Oldest first, as podman's `--sort created`.
        "created" => kept.sort_by_key(|l| l.config.created),
        // The newest has run for the least time.
        "runningfor" => kept.sort_by_key(|l| std::cmp::Reverse(l.config.created)),
        "id" => kept.sort_by(|a, b| a.config.id.cmp(&b.config.id)),
        "image" => kept.sort_by(|a, b| a.config.image_name.cmp(&b.config.image_name)),
        "names" => kept.sort_by(|a, b| a.config.name.cmp(&b.config.name)),
        "size" => kept.sort_by_key(|l| l.size.unwrap_or(0)),
        "status" => kept.sort_by(|a, b| a.state.status.cmp(&b.state.status)),
        _ => {}
    }
}

/// `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`.
pub(super) fn status_text(st: &ContainerState) -> String {
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

/// Whether a `--format` (or `--ns`'s table) may print a namespace: its
/// fields, or dot itself (`{{json .}}`, `{{range .}}`). Reading them is a
/// readlink per namespace per running container, done only then.
fn wants_namespaces(format: Option<&str>, ns: bool) -> bool {
    let Some(f) = format else {
        return ns;
    };
    let f = f.to_ascii_lowercase();
    let bare_dot = f
        .match_indices('.')
        .any(|(i, _)| !f[i + 1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
    ns || bare_dot
        || [
            "namespaces",
            "cgroup",
            "ipc",
            "mnt",
            "net",
            "pid",
            "user",
            "uts",
        ]
        .iter()
        .any(|k| f.contains(k))
}

/// podman's `Up 5 seconds (healthy)`: the status, and the health if any.
fn status_with_health(l: &containers::Listed) -> String {
    match &l.health {
        Some(h) => format!("{} ({h})", status_text(&l.state)),
        None => status_text(&l.state),
    }
}

fn row(l: &containers::Listed, trunc: bool, pod_name: Option<String>, with_ns: bool) -> Value {
    let (c, st, size) = (&l.config, &l.state, l.size);
    let status = status_with_health(l);
    // podman's: over 17 characters, the first 17 and "...".
    let mut command = c.args.join(" ");
    if trunc && command.chars().count() > 17 {
        command = format!("{}...", command.chars().take(17).collect::<String>());
    }
    let ns = |kind: &str| {
        if with_ns {
            ns_inode(st.init.pid, kind)
        } else {
            String::new()
        }
    };
    let (cgroup, ipc, mnt, net, pidns, user, uts) = (
        ns("cgroup"),
        ns("ipc"),
        ns("mnt"),
        ns("net"),
        ns("pid"),
        ns("user"),
        ns("uts"),
    );
    // Go's zero time, as podman prints a time that never was.
    let unix = |t: Option<chrono::DateTime<chrono::Utc>>| t.map_or(-62135596800, |t| t.timestamp());
    json!({
        "ID": if trunc { c.id[..12].to_string() } else { c.id.clone() },
        "Id": c.id,
        "Image": c.image_name,
        "ImageID": if trunc { c.image_id.get(..12).unwrap_or(&c.image_id).to_string() } else { c.image_id.clone() },
        "Command": command,
        "Created": c.created.timestamp(),
        // Go's time.String(), as podman's template shows it.
        "CreatedAt": human::go_time(c.created),
        "CreatedHuman": human::ago(c.created),
        "RunningFor": human::ago(c.created),
        "Status": status,
        "Health": l.health.clone().unwrap_or_default(),
        "State": st.status,
        "ExitCode": st.exit_code.unwrap_or(0),
        "Exited": st.status == "exited",
        "Pid": st.init.pid,
        "Ports": c.net.ports.iter().flat_map(|p| p.display()).collect::<Vec<_>>().join(", "),
        "Names": c.name,
        "Labels": c.labels,
        "Size": size.map(human::size).unwrap_or_default(),
        "Restarts": st.restart_count,
        "Pod": c.extras.pod.as_deref().map(|p| if trunc { &p[..12] } else { p }).unwrap_or_default(),
        "PodName": pod_name.unwrap_or_default(),
        "AutoRemove": c.remove,
        "ExitedAt": unix(st.finished_at),
        "StartedAt": unix(st.started_at),
        "IsInfra": c.extras.pause,
        "Mounts": c.mounts.iter().map(|m| m.destination.clone()).collect::<Vec<_>>(),
        // podman's template joins them with commas.
        "Networks": c.net.networks.iter().map(|n| n.network.clone()).collect::<Vec<_>>().join(","),
        "Namespaces": {
            "Cgroup": cgroup, "IPC": ipc, "MNT": mnt, "NET": net,
            "PIDNS": pidns, "User": user, "UTS": uts,
        },
        "Cgroupns": cgroup,
        // podman's names for two of them too.
        "Cgroup": cgroup,
        "User": user,
        "IPC": ipc,
        "MNT": mnt,
        "NET": net,
        "PIDNS": pidns,
        "Userns": user,
        "UTS": uts,
    })
}

/// A container as podman's `ps --format json` gives it (its own shape:
/// lists where the table has text, times as Unix seconds, null for none).
fn json_row(l: &containers::Listed, pod_name: Option<String>) -> Value {
    let (c, st) = (&l.config, &l.state);
    // Go's zero time, as podman prints a time that never was.
    let unix = |t: Option<chrono::DateTime<chrono::Utc>>| t.map_or(-62135596800, |t| t.timestamp());
    let ports: Vec<Value> = c
        .net
        .ports
        .iter()
        .map(|p| {
            json!({
                "host_ip": p.host_ip,
                "container_port": p.container_port,
                "host_port": p.host_port,
                "range": p.range,
                "protocol": p.protocol,
            })
        })
        .collect();
    json!({
        "AutoRemove": c.remove,
        "Command": c.args,
        "CreatedAt": human::ago(c.created),
        "Exited": st.status == "exited",
        "ExitedAt": unix(st.finished_at),
        "ExitCode": st.exit_code.unwrap_or(0),
        "Id": c.id,
        "Image": c.image_name,
        "ImageID": c.image_id,
        "IsInfra": c.extras.pause,
        "Labels": if c.labels.is_empty() { Value::Null } else { json!(c.labels) },
        "Mounts": c.mounts.iter().map(|m| m.destination.clone()).collect::<Vec<_>>(),
        "Names": [c.name],
        "Namespaces": {},
        "Networks": c.net.networks.iter().map(|n| n.network.clone()).collect::<Vec<_>>(),
        "Pid": st.init.pid,
        "Pod": c.extras.pod.clone().unwrap_or_default(),
        "PodName": pod_name.unwrap_or_default(),
        "Ports": if ports.is_empty() { Value::Null } else { json!(ports) },
        "Restarts": st.restart_count,
        // podman's keys (pkg/ps/define ContainerSize).
        "Size": l.size.map(|s| json!({"rwSize": s, "rootFsSize": 0})).unwrap_or(Value::Null),
        "StartedAt": unix(st.started_at),
        "State": st.status,
        // As the table's, the health with it.
        "Status": status_with_health(l),
        "Created": c.created.timestamp(),
    })
}

pub fn ps(paths: &Paths, a: PsArgs) -> Result<i32> {
    let Some(every) = a.watch else {
        return ps_once(paths, &a);
    };
    if every == 0 {
        anyhow::bail!("--watch takes a number of seconds above 0");
    }
    loop {
        // Home and clear, as watch(1) does.
        print!("\x1b[H\x1b[2J");
        ps_once(paths, &a)?;
        std::thread::sleep(std::time::Duration::from_secs(every));
    }
}

fn ps_once(paths: &Paths, a: &PsArgs) -> Result<i32> {
    let opts = containers::ListOptions {
        all: a.all,
        filters: a.filter.clone(),
        last: if a.latest { Some(1) } else { a.last },
        size: a.size && !a.quiet,
    };
    let mut kept = containers::list(paths, &opts)?;
    if let Some(field) = &a.sort {
        sort(&mut kept, field);
    }
    if a.quiet {
        for l in &kept {
            let id = &l.config.id;
            println!("{}", if a.no_trunc { &id[..] } else { &id[..12] });
        }
        return Ok(0);
    }
    let pods = crate::engine::pods::list(paths)?;
    let pod_name = |l: &containers::Listed| {
        let id = l.config.extras.pod.as_deref()?;
        pods.iter().find(|p| p.id == id).map(|p| p.name.clone())
    };
    if a.format.as_deref() == Some("json") {
        let rows: Vec<Value> = kept.iter().map(|l| json_row(l, pod_name(l))).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    let with_ns = wants_namespaces(a.format.as_deref(), a.ns);
    let rows: Vec<Value> = kept
        .iter()
        .map(|l| row(l, !a.no_trunc, pod_name(l), with_ns))
        .collect();
    let mut default = if a.ns {
        "table {{.ID}}\t{{.Names}}\t{{.Pid}}\t{{.Cgroupns}}\t{{.IPC}}\t{{.MNT}}\t{{.NET}}\t{{.PIDNS}}\t{{.Userns}}\t{{.UTS}}".to_string()
    } else {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}".to_string()
    };
    if a.size && !a.ns {
        default.push_str("\t{{.Size}}");
    }
    if a.pod {
        default.push_str("\t{{.Pod}}\t{{.PodName}}");
    }
    output::print_list(
        &rows,
        a.format.as_deref(),
        &default,
        &[
            ("ID", "CONTAINER ID"),
            ("CREATED HUMAN", "CREATED"),
            ("POD", "POD ID"),
            ("POD NAME", "PODNAME"),
        ],
        a.noheading,
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::wants_namespaces;

    #[test]
    fn namespaces_are_read_only_for_a_format_that_may_print_them() {
        assert!(!wants_namespaces(None, false));
        assert!(wants_namespaces(None, true));
        assert!(!wants_namespaces(Some("{{.Names}} {{.Status}}"), false));
        for f in [
            "{{.NET}}",
            "{{.Namespaces.Cgroup}}",
            "{{.user}}",
            "{{json .}}",
            "{{range .}}{{.ID}}{{end}}",
            "{{ . }}",
        ] {
            assert!(wants_namespaces(Some(f), false), "{f}");
        }
    }
}
