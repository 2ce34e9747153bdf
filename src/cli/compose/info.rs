//! The compose commands that show things: `ps`, `top`, `port`,
//! `images`, `config`, `ls` and `events`.

use anyhow::Result;
use serde_json::{json, Value};

use super::args::{ConfigArgs, EventsArgs, LsArgs, PortArgs, PsArgs};
use crate::config::paths::Paths;
use crate::engine::compose::{self, Loaded, Project};

/// `compose ps`: the project's containers.
pub fn ps(paths: &Paths, loaded: &Loaded, p: &PsArgs) -> Result<i32> {
    let ms = compose::members(paths, &loaded.name)?;
    let rows: Vec<Value> = ms
        .iter()
        .filter(|m| p.all || m.state.active())
        .filter(|m| p.services.is_empty() || p.services.contains(&m.service))
        .map(|m| {
            json!({
                "ID": m.config.id[..12],
                "Name": m.config.name,
                "Image": m.config.image_name,
                "Command": m.config.args.join(" "),
                "Service": m.service,
                "State": m.state.status,
                "Status": m.state.status,
                "Health": compose::health_status(paths, m).unwrap_or_default(),
                "Ports": crate::engine::containers::published(&m.config).iter().map(|(h, c)| format!("{h}->{c}")).collect::<Vec<_>>().join(", "),
            })
        })
        .collect();
    crate::cli::output::print_rows(
        &rows,
        p.quiet.then_some("ID"),
        p.format.as_deref(),
        "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.Status}}\t{{.Ports}}",
        &[],
    )?;
    Ok(0)
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
    let m = compose::members(paths, &loaded.name)?
        .into_iter()
        .find(|m| m.service == pa.service && m.number == pa.index)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "service {} has no container number {}",
                pa.service,
                pa.index
            )
        })?;
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
pub fn config(project: &Project, c: &ConfigArgs) -> Result<i32> {
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
