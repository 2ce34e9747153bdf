//! Projects found by their containers' labels alone, without their files:
//! `compose ls`, and the seeds' Swarm commands as thin aliases over
//! compose projects (`stack ls/ps/rm`, `service ls/ps`).

use std::collections::BTreeMap;

use anyhow::{bail, Result};

use super::{members, Member};
use crate::compose::service;
use crate::config::paths::Paths;
use crate::container::Containers;

/// A service of a project, as its containers show it.
pub struct ServiceInfo {
    pub project: String,
    pub name: String,
    pub image: String,
    /// Containers running, and all of them (the replicas wanted).
    pub running: usize,
    pub replicas: usize,
    /// Published ports, `HOST->CONTAINER/PROTO`.
    pub ports: Vec<String>,
}

/// Every project of the user: its name, and its containers.
pub fn projects(paths: &Paths) -> Result<BTreeMap<String, Vec<Member>>> {
    let mut names: Vec<String> = Containers::new(paths)
        .list()?
        .into_iter()
        .filter_map(|c| c.labels.get(service::PROJECT).cloned())
        .collect();
    names.sort();
    names.dedup();
    let mut out = BTreeMap::new();
    for n in names {
        out.insert(n.clone(), members(paths, &n)?);
    }
    Ok(out)
}

/// The services of project `name` (all projects' with none).
pub fn services(paths: &Paths, project: Option<&str>) -> Result<Vec<ServiceInfo>> {
    let mut out: Vec<ServiceInfo> = Vec::new();
    for (p, ms) in projects(paths)? {
        if project.is_some_and(|want| want != p) {
            continue;
        }
        for m in ms {
            let ports: Vec<String> = m
                .config
                .net
                .ports
                .iter()
                .flat_map(|pm| {
                    pm.pairs()
                        .map(|(h, c)| format!("*:{h}->{c}/{}", pm.protocol))
                        .collect::<Vec<_>>()
                })
                .collect();
            match out
                .iter_mut()
                .find(|s| s.project == p && s.name == m.service)
            {
                Some(s) => {
                    s.replicas += 1;
                    s.running += usize::from(m.state.active());
                    for port in ports {
                        if !s.ports.contains(&port) {
                            s.ports.push(port);
                        }
                    }
                }
                None => out.push(ServiceInfo {
                    project: p.clone(),
                    name: m.service.clone(),
                    image: m.config.image_name.clone(),
                    running: usize::from(m.state.active()),
                    replicas: 1,
                    ports,
                }),
            }
        }
    }
    Ok(out)
}

/// `PROJECT_SERVICE` (Swarm's name for a stack's service) as its parts.
pub fn split_service(paths: &Paths, full: &str) -> Result<(String, String)> {
    for s in services(paths, None)? {
        if format!("{}_{}", s.project, s.name) == full {
            return Ok((s.project, s.name));
        }
    }
    bail!("no such service: {full} (den service ls lists them)")
}

/// Remove project `name` found by its labels: its containers and networks
/// (`stack rm`; its volumes stay, as Swarm's do).
pub fn remove(paths: &Paths, name: &str, report: &mut dyn FnMut(&str)) -> Result<()> {
    let ms = members(paths, name)?;
    let nets: Vec<String> = crate::engine::networks::list(
        paths,
        &[("label".to_string(), format!("{}={name}", service::PROJECT))],
    )?
    .into_iter()
    .map(|n| n.name)
    .collect();
    if ms.is_empty() && nets.is_empty() {
        bail!("no such stack: {name}");
    }
    let containers = Containers::new(paths);
    for m in ms.iter().rev() {
        crate::container::ops::stop(&containers, &m.config, None)?;
    }
    crate::engine::containers::in_den_userns(|| {
        for m in &ms {
            crate::container::ops::remove(&containers, &m.config, true)?;
            report(&format!("Removing container {}", m.config.name));
        }
        for n in &nets {
            crate::engine::networks::remove(paths, std::slice::from_ref(n), None, |_| {})?;
            report(&format!("Removing network {n}"));
        }
        Ok(())
    })
}
