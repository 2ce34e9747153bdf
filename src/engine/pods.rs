//! Pods: a record and an infra container whose namespaces (network, IPC,
//! UTS by default; PID with `--share pid`) the members share, as
//! podman's. The infra container is an ordinary den container made from
//! the same spec as any other (the pod's flags), from a local image with
//! nothing in it, whose init runs no command and only holds the
//! namespaces (`pause`); members join them through `container:` modes
//! and require it, so starting any member starts it first.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::engine::images::PullOptions;
use crate::engine::spec::ContainerSpec;
use crate::error::Error;
pub use crate::pod::Pod;
use crate::pod::{Pods, DEFAULT_SHARE};

/// What a pod is made from: its record's settings and the infra
/// container's spec (network, ports, host name, limits, ... from the
/// pod's flags).
#[derive(Debug, Clone, Default)]
pub struct PodSpec {
    pub name: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// `--infra` (default true).
    pub infra: bool,
    /// `--share` (none: ipc, net, uts).
    pub share: Option<Vec<String>>,
    pub exit_policy: Option<String>,
    pub replace: bool,
    pub infra_name: Option<String>,
    /// `--infra-image`, `--infra-command`: an image and command of the
    /// user's instead of den's pause.
    pub infra_image: Option<String>,
    pub infra_command: Option<Vec<String>>,
    pub infra_spec: ContainerSpec,
    pub create_command: Vec<String>,
}

/// The name of the local image infra containers are made from.
pub fn pause_image() -> String {
    format!("localhost/den-pause:{}", env!("CARGO_PKG_VERSION"))
}

/// Make the pause image if it is not there: no files, a command that is
/// never run (the infra's init only holds its namespaces).
fn ensure_pause_image(paths: &Paths) -> Result<String> {
    let name = pause_image();
    if super::images::lookup(paths, &name)?.is_some() {
        return Ok(name);
    }
    // An empty tar: two zero blocks.
    let empty = vec![0u8; 1024];
    super::import::import(
        paths,
        super::import::ImportSource::Stream(&mut empty.as_slice()),
        &super::import::ImportOptions {
            changes: vec!["CMD [\"/pause\"]".into()],
            message: Some("den's pod infra image".into()),
            name: Some(name.clone()),
            arch: None,
            os: None,
            variant: None,
        },
    )?;
    Ok(name)
}

/// Create a pod (and its infra container).
pub fn create(
    paths: &Paths,
    spec: &PodSpec,
    pull: &dyn Fn() -> Result<PullOptions>,
) -> Result<Pod> {
    let pods = Pods::new(paths);
    let share = spec
        .share
        .clone()
        .unwrap_or_else(|| DEFAULT_SHARE.iter().map(|s| s.to_string()).collect());
    for s in &share {
        if !matches!(
            s.as_str(),
            "ipc" | "net" | "pid" | "uts" | "cgroup" | "none" | ""
        ) {
            return Err(Error::invalid(
                "share",
                format!("--share {s}: den's pods share ipc, net, pid and uts"),
            ));
        }
    }
    let share: Vec<String> = share
        .into_iter()
        .filter(|s| !s.is_empty() && s != "none")
        .collect();
    let exit_policy = spec
        .exit_policy
        .clone()
        .unwrap_or_else(|| "continue".into());
    if !matches!(exit_policy.as_str(), "continue" | "stop") {
        return Err(Error::invalid(
            "exit_policy",
            format!("--exit-policy {exit_policy}: use continue or stop"),
        ));
    }
    if !spec.infra
        && (spec.infra_image.is_some() || spec.infra_command.is_some() || spec.infra_name.is_some())
    {
        return Err(Error::invalid("infra", "--infra-image, --infra-command and --infra-name need an infra container (leave out --infra=false)"));
    }
    let name = spec
        .name
        .clone()
        .unwrap_or_else(crate::util::ids::random_name);
    if let Ok(old) = pods.find(&name) {
        if old.name == name {
            if !spec.replace {
                return Err(Error::conflict(
                    crate::error::Kind::Pod,
                    format!(
                        "the pod name {name} is in use by {} (remove it first, or use --replace)",
                        &old.id[..12]
                    ),
                ));
            }
            remove(paths, &old, true, Some(0))?;
        }
    }
    let id = crate::util::ids::new_id();
    let infra = if spec.infra {
        let image = match &spec.infra_image {
            Some(i) => i.clone(),
            None => ensure_pause_image(paths)?,
        };
        let mut c = spec.infra_spec.clone();
        c.image = image;
        // podman's: the pod's name is its host name.
        if c.hostname.is_none() && c.namespaces.uts.is_none() {
            c.hostname = Some(name.clone());
        }
        c.name = Some(
            spec.infra_name
                .clone()
                .unwrap_or_else(|| format!("{}-infra", &id[..12])),
        );
        c.pause = spec.infra_image.is_none() && spec.infra_command.is_none();
        if let Some(cmd) = &spec.infra_command {
            c.entrypoint = Some(Vec::new());
            c.command = cmd.clone();
        }
        c.create_command = spec.create_command.clone();
        // Recorded before the pod is, so a member made meanwhile cannot
        // find a pod without its infra.
        let made = super::create(paths, &c, pull)?;
        Some(made.id)
    } else {
        None
    };
    let pod = Pod {
        id: id.clone(),
        name,
        created: chrono::Utc::now(),
        labels: spec.labels.clone(),
        infra: infra.clone(),
        share,
        exit_policy,
        create_command: spec.create_command.clone(),
    };
    let written = pods.lock().and_then(|_l| pods.write(&pod));
    if let Err(e) = written {
        if let Some(i) = &infra {
            let containers = Containers::new(paths);
            if let Ok(c) = containers.config(i) {
                let _ = crate::container::ops::remove(&containers, &c, true);
            }
        }
        return Err(e);
    }
    // The infra container knows its pod.
    if let Some(i) = &infra {
        Containers::new(paths).modify(i, |c| c.extras.pod = Some(pod.id.clone()))?;
    }
    Ok(pod)
}

/// A member's spec: the pod's shared namespaces through its infra
/// container, which it requires.
pub fn member_spec(paths: &Paths, spec: &ContainerSpec, pod: &str) -> Result<ContainerSpec> {
    let pod = Pods::new(paths).find(pod)?;
    let mut s = spec.clone();
    s.pod = Some(pod.id.clone());
    let Some(infra) = &pod.infra else {
        return Ok(s);
    };
    let infra_mode = format!("container:{infra}");
    if pod.shares("net") {
        if !spec.network.modes.is_empty() {
            return Err(Error::invalid("network", format!("the container shares the network of the pod {} (leave out --network, or give it when the pod is created)", pod.name)));
        }
        if !spec.network.publish.is_empty() || spec.network.publish_all {
            return Err(Error::invalid(
                "network.publish",
                format!(
                    "published ports are the pod's: give them to den pod create {} (-p)",
                    pod.name
                ),
            ));
        }
        s.network.modes = vec![infra_mode.clone()];
    }
    for (ns, slot) in [
        ("ipc", &mut s.namespaces.ipc),
        ("uts", &mut s.namespaces.uts),
        ("pid", &mut s.namespaces.pid),
    ] {
        if pod.shares(ns) {
            if slot.is_some() {
                return Err(Error::invalid(
                    &format!("namespaces.{ns}"),
                    format!("--{ns}: the container shares the pod {}'s", pod.name),
                ));
            }
            *slot = Some(infra_mode.clone());
        }
    }
    if pod.shares("uts") && s.hostname.is_some() {
        return Err(Error::invalid(
            "hostname",
            format!(
                "--hostname: the container has the pod {}'s host name",
                pod.name
            ),
        ));
    }
    s.requires.insert(0, infra.clone());
    Ok(s)
}

/// The pod's containers, the infra container first.
pub fn members(paths: &Paths, pod: &Pod) -> Result<Vec<ContainerConfig>> {
    let mut list: Vec<ContainerConfig> = Containers::new(paths)
        .list()?
        .into_iter()
        .filter(|c| c.extras.pod.as_deref() == Some(pod.id.as_str()))
        .collect();
    list.sort_by_key(|c| (Some(&c.id) != pod.infra.as_ref(), c.created));
    Ok(list)
}

/// podman's word for a pod from its members' states: Created, Running,
/// Paused, Exited, Degraded (some running, some not).
pub fn status(paths: &Paths, pod: &Pod) -> Result<String> {
    let containers = Containers::new(paths);
    let mut states = Vec::new();
    for c in members(paths, pod)? {
        states.push(containers.live_state(&c.id)?.status);
    }
    let count = |s: &str| states.iter().filter(|x| x.as_str() == s).count();
    let running = count("running") + count("restarting");
    Ok(if states.is_empty()
        || count("created") == states.len()
        || count("configured") == states.len()
    {
        "Created"
    } else if count("paused") == states.len() {
        "Paused"
    } else if running == states.len() {
        "Running"
    } else if running > 0 || count("paused") > 0 {
        "Degraded"
    } else {
        "Exited"
    }
    .to_string())
}

/// Remove the pods with nothing running (`Exited` or `Created`) that
/// `filter` allows, with their containers (`pod prune`, and `system
/// prune` first); `removed` hears each id.
pub fn prune(
    paths: &Paths,
    filter: &super::prune::PruneFilter,
    mut removed: impl FnMut(&str),
) -> Result<()> {
    for p in list(paths)? {
        if matches!(status(paths, &p)?.as_str(), "Exited" | "Created")
            && filter.allows(p.created, &p.labels)
        {
            remove(paths, &p, false, None)?;
            removed(&p.id);
        }
    }
    Ok(())
}

/// Remove a pod: its containers (running ones only with `force`, stopped
/// first with `time`), then its record.
pub fn remove(paths: &Paths, pod: &Pod, force: bool, time: Option<u64>) -> Result<()> {
    let containers = Containers::new(paths);
    let mut list = members(paths, pod)?;
    // Members before the infra container they require.
    list.reverse();
    for c in &list {
        let st = containers.live_state(&c.id)?;
        if st.active() && !force {
            bail!(
                "the pod {} has running containers ({}): stop it first, or use --force",
                pod.name,
                c.name
            );
        }
    }
    for c in &list {
        crate::container::ops::stop(&containers, c, Some(time.unwrap_or(10)))
            .with_context(|| format!("stopping {}", c.name))?;
    }
    // A member's anonymous volumes (a kube emptyDir) live as long as the
    // pod: they go with it.
    let volumes = crate::volume::Volumes::new(paths);
    super::containers::in_den_userns(|| {
        for c in &list {
            crate::container::ops::remove(&containers, c, true)?;
            volumes.remove_anonymous(c, &containers.list()?);
        }
        Ok(())
    })?;
    // Every one gone, or the pod stays to say which is left.
    let left: Vec<String> = members(paths, pod)?.into_iter().map(|c| c.name).collect();
    if !left.is_empty() {
        bail!(
            "the pod {} keeps containers that could not be removed: {}",
            pod.name,
            left.join(", ")
        );
    }
    Pods::new(paths).remove(pod)
}

pub fn list(paths: &Paths) -> Result<Vec<Pod>> {
    Pods::new(paths).list()
}

pub fn find(paths: &Paths, key: &str) -> Result<Pod> {
    Pods::new(paths).find(key)
}

/// podman's `pod inspect` of a pod.
pub fn inspect_json(paths: &Paths, pod: &Pod) -> Result<Value> {
    let containers = Containers::new(paths);
    let mut list = Vec::new();
    for c in members(paths, pod)? {
        let st = containers.live_state(&c.id)?;
        list.push(json!({ "Id": c.id, "Name": c.name, "State": st.status }));
    }
    let infra = match &pod.infra {
        Some(i) => containers.config(i).ok(),
        None => None,
    };
    Ok(json!({
        "Id": pod.id,
        "Name": pod.name,
        "Created": pod.created.to_rfc3339(),
        "CreateCommand": pod.create_command,
        "ExitPolicy": pod.exit_policy,
        "State": status(paths, pod)?,
        "Hostname": infra.as_ref().map(|c| c.hostname.clone()).unwrap_or_default(),
        "Labels": pod.labels,
        "CreateInfra": pod.infra.is_some(),
        "InfraContainerID": pod.infra.clone().unwrap_or_default(),
        "SharedNamespaces": pod.share,
        "NumContainers": list.len(),
        "Containers": list,
    }))
}
