//! The compose commands that show things: `ps`, `top`, `port`,
//! `images`, `config`, `ls` and `events`.

use anyhow::Result;
use serde_json::{json, Value};

use super::args::{ConfigArgs, EventsArgs, LsArgs, PortArgs, PsArgs};
use crate::config::paths::Paths;
use crate::engine::compose::{self, Loaded};

/// `compose ps`: the project's containers, as Docker Compose lists them:
/// running ones (`-a`: all, `compose run`'s too), whole ids, the status
/// as `Up 5 minutes (healthy)`, ports as `0.0.0.0:8080->80/tcp`, JSON one
/// object a line with Compose's keys.
pub fn ps(paths: &Paths, loaded: &Loaded, p: &PsArgs) -> Result<i32> {
    const STATES: &[&str] = &[
        "paused",
        "restarting",
        "removing",
        "running",
        "dead",
        "created",
        "exited",
    ];
    let mut states = p.status.clone();
    for f in &p.filter {
        match f.split_once('=') {
            Some(("status", s)) => states.push(s.to_string()),
            _ => anyhow::bail!("invalid --filter {f:?} (use status=STATUS)"),
        }
    }
    if let Some(bad) = states.iter().find(|s| !STATES.contains(&s.as_str())) {
        anyhow::bail!("invalid status {bad:?} (use {})", STATES.join(", "));
    }
    let ms = compose::members(paths, &loaded.name)?;
    let chosen: Vec<&compose::Member> = ms
        .iter()
        // A status asked for is looked for among all, as Compose's.
        .filter(|m| p.all || !states.is_empty() || (m.state.active() && !m.one_off()))
        .filter(|m| states.is_empty() || states.contains(&m.state.status))
        .filter(|m| p.services.is_empty() || p.services.contains(&m.service))
        .collect();
    if p.services_only {
        let mut names: Vec<&str> = chosen.iter().map(|m| m.service.as_str()).collect();
        names.dedup();
        for n in names {
            println!("{n}");
        }
        return Ok(0);
    }
    let rows: Vec<Value> = chosen.iter().map(|m| ps_row(paths, loaded, m)).collect();
    if p.format.as_deref() == Some("json") {
        for r in &rows {
            println!("{}", serde_json::to_string(r)?);
        }
        return Ok(0);
    }
    crate::cli::output::print_rows(
        &rows,
        p.quiet.then_some("ID"),
        p.format.as_deref(),
        "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}",
        &[("RunningFor", "CREATED")],
    )?;
    Ok(0)
}

/// One container as `compose ps` shows it (Docker Compose's keys).
fn ps_row(paths: &Paths, loaded: &Loaded, m: &compose::Member) -> Value {
    let health = compose::health_status(paths, m).unwrap_or_default();
    let mut status = super::super::ps::status_text(&m.state);
    if !health.is_empty() {
        status = format!("{status} ({health})");
    }
    let c = &m.config;
    let ports: Vec<(String, String)> = crate::engine::containers::published(c);
    let publishers: Vec<Value> = c
        .net
        .ports
        .iter()
        .flat_map(|p| {
            p.pairs().map(move |(host, port)| {
                json!({"URL": p.host_addr(), "TargetPort": port, "PublishedPort": host, "Protocol": p.protocol})
            })
        })
        .collect();
    let labels: Vec<String> = c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    json!({
        "ID": c.id,
        "Name": c.name,
        "Names": c.name,
        "Image": c.image_name,
        "Command": c.args.join(" "),
        "Project": loaded.name,
        "Service": m.service,
        "CreatedAt": c.created.format("%Y-%m-%d %H:%M:%S %z %Z").to_string(),
        "RunningFor": crate::util::human::ago(c.created),
        "State": m.state.status,
        "Status": status,
        "Health": health,
        "ExitCode": m.state.exit_code.unwrap_or(0),
        "Ports": ports.iter().map(|(ctr, host)| format!("{host}->{ctr}")).collect::<Vec<_>>().join(", "),
        "Publishers": publishers,
        "Labels": labels.join(","),
        "Networks": c.net.networks.iter().map(|n| n.network.clone()).collect::<Vec<_>>().join(","),
        "Mounts": c.mounts.iter().map(|m| if m.source.is_empty() { m.destination.clone() } else { m.source.clone() }).collect::<Vec<_>>().join(","),
        "LocalVolumes": c.mounts.iter().filter(|m| m.kind == crate::engine::spec::mounts::MountKind::Volume).count(),
        "Size": 0,
    })
}

/// `compose top`: the processes of each running container.
pub fn top(paths: &Paths, loaded: &Loaded, services: &[String]) -> Result<i32> {
    for m in compose::members(paths, &loaded.name)?
        .iter()
        .filter(|m| m.state.active() && (services.is_empty() || services.contains(&m.service)))
    {
        println!("{}", m.config.name);
        let rows = crate::engine::top::top(paths, &m.config.id, &[])?;
        let mut tw = tabwriter::TabWriter::new(std::io::stdout().lock()).padding(2);
        for r in rows {
            use std::io::Write;
            writeln!(tw, "{}", r.join("\t"))?;
        }
        use std::io::Write;
        tw.flush()?;
        println!();
    }
    Ok(0)
}

/// `compose port`: where a service's container port is published.
pub fn port(paths: &Paths, loaded: &Loaded, pa: &PortArgs) -> Result<i32> {
    let m = compose::member(paths, &loaded.name, &pa.service, pa.index)?;
    let found = m.config.net.ports.iter().find_map(|p| {
        (p.protocol == pa.protocol)
            .then(|| p.pairs().find(|(_, c)| *c == pa.private_port))
            .flatten()
            .map(|(h, _)| {
                let ip = if p.host_ip.is_empty() {
                    "0.0.0.0"
                } else {
                    p.host_ip.as_str()
                };
                format!("{ip}:{h}")
            })
    });
    match found {
        Some(b) => {
            println!("{b}");
            Ok(0)
        }
        None => anyhow::bail!(
            "no port {}/{} of service {} is published",
            pa.private_port,
            pa.protocol,
            pa.service
        ),
    }
}

/// `compose images`: the images of the project's containers.
pub fn images(paths: &Paths, loaded: &Loaded, services: &[String]) -> Result<i32> {
    let rows: Vec<Value> = compose::members(paths, &loaded.name)?
        .iter()
        .filter(|m| services.is_empty() || services.contains(&m.service))
        .map(|m| {
            let (repo, tag) = m
                .config
                .image_name
                .rsplit_once(':')
                .unwrap_or((&m.config.image_name, "latest"));
            json!({
                "Container": m.config.name,
                "Repository": repo,
                "Tag": tag,
                "ID": m.config.image_id[..12.min(m.config.image_id.len())],
            })
        })
        .collect();
    crate::cli::output::print_list(
        &rows,
        None,
        "table {{.Container}}\t{{.Repository}}\t{{.Tag}}\t{{.ID}}",
        &[("id", "IMAGE ID")],
        false,
    )?;
    Ok(0)
}

/// `compose config`: the resolved model, or its names.
pub fn config(loaded: &Loaded, c: &ConfigArgs) -> Result<i32> {
    let project = &loaded.project;
    let keys = |kind: &str| -> Vec<String> {
        project
            .model
            .get(kind)
            .and_then(Value::as_object)
            .map(|m| m.keys().filter(|k| !k.starts_with("x-")).cloned().collect())
            .unwrap_or_default()
    };
    if c.quiet {
    } else if c.services {
        for s in keys("services") {
            println!("{s}");
        }
    } else if c.volumes {
        for v in keys("volumes") {
            println!("{v}");
        }
    } else if c.networks {
        for n in keys("networks") {
            println!("{n}");
        }
    } else if c.images {
        for s in keys("services") {
            let svc = &project.model["services"][&s];
            println!("{}", compose::built_image(&loaded.name, &s, svc));
        }
    } else if c.environment {
        for (k, v) in &project.env {
            println!("{k}={v}");
        }
    } else if let Some(which) = &c.hash {
        let all = keys("services");
        let wanted: Vec<String> = match which.as_str() {
            "*" => all.clone(),
            list => list.split(',').map(str::to_string).collect(),
        };
        for s in &wanted {
            if !all.contains(s) {
                anyhow::bail!("no such service: {s}");
            }
            println!(
                "{s} {}",
                compose::config_hash(&project.model["services"][s])
            );
        }
    } else if c.format == "json" {
        println!("{}", serde_json::to_string_pretty(&project.model)?);
    } else {
        print!("{}", crate::cli::output::yaml(&project.model, 0));
    }
    Ok(0)
}

/// `compose ls`: each project, its containers' states, its files.
pub fn ls(paths: &Paths, a: &LsArgs) -> Result<i32> {
    let mut rows = Vec::new();
    for (name, ms) in compose::stack::projects(paths)? {
        let running = ms.iter().filter(|m| m.state.active()).count();
        if running == 0 && !a.all {
            continue;
        }
        let mut states: std::collections::BTreeMap<&str, usize> = Default::default();
        for m in &ms {
            *states.entry(m.state.status.as_str()).or_default() += 1;
        }
        let status: Vec<String> = states.iter().map(|(s, n)| format!("{s}({n})")).collect();
        let files = ms
            .iter()
            .find_map(|m| m.config.labels.get(compose::CONFIG_FILES).cloned())
            .unwrap_or_default();
        rows.push(json!({"Name": name, "Status": status.join(", "), "ConfigFiles": files}));
    }
    crate::cli::output::print_rows(
        &rows,
        a.quiet.then_some("Name"),
        a.format.as_deref(),
        "table {{.Name}}\t{{.Status}}\t{{.ConfigFiles}}",
        &[("configfiles", "CONFIG FILES")],
    )?;
    Ok(0)
}

/// `compose events`: the project's container events as they happen, as
/// `docker compose events` prints them (`--json`: one object per line).
pub fn events(paths: &Paths, loaded: &Loaded, a: &EventsArgs) -> Result<i32> {
    crate::cli::events::watch(paths, true, true, None, |e| {
        if e.kind != "container"
            || e.attributes.get(compose::PROJECT).map(String::as_str) != Some(&loaded.name)
        {
            return;
        }
        let service = e
            .attributes
            .get(compose::SERVICE)
            .cloned()
            .unwrap_or_default();
        if !a.services.is_empty() && !a.services.contains(&service) {
            return;
        }
        if a.json {
            println!(
                "{}",
                json!({
                    "time": e.time.to_rfc3339(),
                    "type": e.kind,
                    "action": e.status,
                    "id": e.id,
                    "service": service,
                    "attributes": e.attributes,
                })
            );
        } else {
            let attrs: Vec<String> = [("image", &e.image), ("name", &e.name)]
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            println!(
                "{} container {} {} ({})",
                e.time.format("%Y-%m-%d %H:%M:%S%.6f"),
                e.status,
                e.id,
                attrs.join(", ")
            );
        }
    })
}
