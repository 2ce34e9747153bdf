//! Pods: groups of containers that share namespaces (network, IPC and
//! UTS by default) with an infra container which holds them, as
//! podman's. A pod is a record; its members name it in their config.
//!
//! ```text
//! $XDG_DATA_HOME/den/pods/
//!   .lock                   taken to create and remove pods
//!   <id>/pod.json           the record
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::error::{Error, Kind};
use crate::util::fs as ufs;
use crate::util::lock::Lock;

/// The namespaces a pod's members share by default, as podman's.
pub const DEFAULT_SHARE: &[&str] = &["ipc", "net", "uts"];

/// One pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pod {
    pub id: String,
    pub name: String,
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The infra container's id (none: `--infra=false`).
    #[serde(default)]
    pub infra: Option<String>,
    /// What members share with the infra container: ipc, net, pid, uts.
    #[serde(default)]
    pub share: Vec<String>,
    /// `--exit-policy`: `continue` (default) or `stop` (the pod stops when
    /// its last member exits).
    #[serde(default)]
    pub exit_policy: String,
    /// The command line that made it.
    #[serde(default)]
    pub create_command: Vec<String>,
}

impl Pod {
    pub fn shares(&self, ns: &str) -> bool {
        self.infra.is_some() && self.share.iter().any(|s| s == ns)
    }
}

/// The pods of a den.
pub struct Pods {
    dir: PathBuf,
}

impl Pods {
    pub fn new(paths: &Paths) -> Pods {
        Pods {
            dir: paths.data.join("pods"),
        }
    }

    pub fn lock(&self) -> Result<Lock> {
        std::fs::create_dir_all(&self.dir)?;
        Lock::exclusive(&self.dir.join(".lock"))
    }

    pub fn list(&self) -> Result<Vec<Pod>> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(out);
        };
        for e in entries.flatten() {
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            if let Some(p) = ufs::read_json::<Pod>(&e.path().join("pod.json"))? {
                out.push(p);
            }
        }
        out.sort_by_key(|a| a.created);
        Ok(out)
    }

    /// By name, id, or a unique id prefix.
    pub fn find(&self, key: &str) -> Result<Pod> {
        let all = self.list()?;
        if let Some(p) = all.iter().find(|p| p.name == key || p.id == key) {
            return Ok(p.clone());
        }
        let by_prefix: Vec<&Pod> = all
            .iter()
            .filter(|p| !key.is_empty() && p.id.starts_with(key))
            .collect();
        match by_prefix.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::not_found(
                Kind::Pod,
                key,
                format!("no pod with name or id {key:?} found"),
            )),
            _ => Err(Error::ambiguous(
                Kind::Pod,
                key,
                format!("{key}: more than one pod starts with it (give more of the id)"),
            )),
        }
    }

    /// Record a pod (its name must be free; the caller holds the lock).
    pub fn write(&self, pod: &Pod) -> Result<()> {
        if !crate::util::ids::is_valid_name(&pod.name) {
            bail!(
                "invalid pod name {:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*",
                pod.name
            );
        }
        // Checked here, under the lock, as container names are: two
        // `pod create --name p` at once both passed the caller's check.
        if let Ok(other) = self.find(&pod.name) {
            if other.name == pod.name && other.id != pod.id {
                return Err(Error::conflict(
                    Kind::Pod,
                    format!(
                        "the pod name {} is in use by {} (remove it first, or use --replace)",
                        pod.name,
                        &other.id[..12.min(other.id.len())]
                    ),
                ));
            }
        }
        let dir = self.dir.join(&pod.id);
        std::fs::create_dir_all(&dir)?;
        ufs::write_json(&dir.join("pod.json"), pod)
    }

    pub fn remove(&self, pod: &Pod) -> Result<()> {
        let dir = self.dir.join(&pod.id);
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// After a member of a pod with `--exit-policy stop` exited: stop the
/// infra container when no other member runs (called by the member's
/// supervisor).
pub fn member_exited(paths: &Paths, cfg: &crate::container::ContainerConfig) {
    let Some(pod_id) = &cfg.extras.pod else {
        return;
    };
    let Ok(pod) = Pods::new(paths).find(pod_id) else {
        return;
    };
    let Some(infra) = &pod.infra else {
        return;
    };
    if pod.exit_policy != "stop" || *infra == cfg.id {
        return;
    }
    let containers = crate::container::Containers::new(paths);
    let Ok(all) = containers.list() else {
        return;
    };
    let others_run = all.iter().any(|c| {
        c.extras.pod.as_deref() == Some(pod.id.as_str())
            && c.id != *infra
            && c.id != cfg.id
            && containers.live_state(&c.id).is_ok_and(|st| st.active())
    });
    if !others_run {
        if let Ok(c) = containers.config(infra) {
            let _ = crate::container::ops::stop(&containers, &c, Some(10));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name is checked where the pod is recorded, under the lock: two
    /// `pod create --name p` at once both passed their earlier look.
    #[test]
    fn a_second_pod_of_a_name_is_refused_where_it_is_recorded() {
        let t = tempfile::tempdir().expect("tmp");
        let pods = Pods {
            dir: t.path().join("pods"),
        };
        let pod = |id: &str| Pod {
            id: id.repeat(64),
            name: "p".into(),
            created: Utc::now(),
            labels: BTreeMap::new(),
            infra: None,
            share: Vec::new(),
            exit_policy: String::new(),
            create_command: Vec::new(),
        };
        pods.write(&pod("a")).expect("first");
        // Rewritten as itself: fine.
        pods.write(&pod("a")).expect("the same pod again");
        let e = pods.write(&pod("b")).expect_err("a second p");
        assert!(e.to_string().contains("in use"), "{e}");
    }
}
