//! `system prune` and `system reset`: what nothing uses, or everything.

use anyhow::Result;

use crate::config::paths::Paths;
use crate::engine::containers::{self, Selection};
use crate::engine::{images, networks, pods, usage, volumes};
use crate::runtime::userns;
use crate::storage::remove::remove_tree;

/// What `system prune` removed.
#[derive(Debug, Default)]
pub struct Pruned {
    pub pods: Vec<String>,
    pub containers: Vec<String>,
    pub networks: Vec<String>,
    pub volumes: Vec<String>,
    pub images: Vec<String>,
    /// Bytes freed, as `system df` counts them before and after.
    pub reclaimed: u64,
}

/// Total bytes of images, containers and volumes.
fn total(paths: &Paths) -> u64 {
    usage::usage(paths)
        .map(|u| {
            u.images.iter().map(|i| i.image.size).sum::<u64>()
                + u.containers.iter().map(|c| c.size).sum::<u64>()
                + u.volumes.iter().map(|v| v.size).sum::<u64>()
        })
        .unwrap_or(0)
}

/// Remove stopped containers, unused networks, dangling images (every
/// unused one with `all`) and, with `with_volumes`, unused volumes.
pub fn system_prune(
    paths: &Paths,
    all: bool,
    with_volumes: bool,
    filter: &PruneFilter,
) -> Result<Pruned> {
    let before = total(paths);
    let mut p = Pruned::default();
    // As podman: stopped pods with their containers first; then the
    // containers of no pod (a pod's are its own: an infra container
    // pruned alone left its pod unstartable).
    pods::prune(paths, filter, |id| p.pods.push(id.to_string()))?;
    containers::prune(paths, filter, |id| p.containers.push(id.to_string()))?;
    networks::prune(paths, filter, |n| p.networks.push(n.to_string()))?;
    if with_volumes {
        volumes::prune(paths, filter, |n| p.volumes.push(n.to_string()))?;
    }
    p.images = images::prune(paths, all, filter)?
        .into_iter()
        .map(|i| i.id)
        .collect();
    p.reclaimed = before.saturating_sub(total(paths));
    Ok(p)
}

/// `prune --filter`: `until=TIME` (made before it), `label=KEY[=VALUE]`,
/// `label!=KEY[=VALUE]`, as podman's.
#[derive(Debug, Clone, Default)]
pub struct PruneFilter {
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// (key, value, must match): `label=` and `label!=`.
    pub labels: Vec<(String, Option<String>, bool)>,
}

impl PruneFilter {
    /// Whether something made at `created` with `labels` may go.
    pub fn allows(
        &self,
        created: chrono::DateTime<chrono::Utc>,
        labels: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        self.until.is_none_or(|u| created < u) && self.labels_allow(labels)
    }

    /// Whether `labels` pass the `label=` and `label!=` filters.
    pub fn labels_allow(&self, labels: &std::collections::BTreeMap<String, String>) -> bool {
        self.labels.iter().all(|(k, v, want)| {
            let has = labels
                .get(k)
                .is_some_and(|x| v.as_ref().is_none_or(|v| x == v));
            has == *want
        })
    }
}

/// Remove every container (stopped first), and then all of den's storage
/// and runtime state of this user: images, volumes, networks.
pub fn reset(paths: &Paths) -> Result<()> {
    containers::remove_selected(paths, Selection::All, true, 0, true, false, |_, _| {})?;
    for dir in [&paths.data, &paths.runtime] {
        if dir.parent().is_none() || *dir == paths.home {
            anyhow::bail!(
                "refusing to reset: den's storage is {} (give --root a directory of den's own)",
                dir.display()
            );
        }
    }
    let names: Vec<String> = networks::list(paths, &[])?
        .into_iter()
        .map(|n| n.name)
        .filter(|n| n != crate::network::networks::DEFAULT_NETWORK)
        .collect();
    networks::remove(paths, &names, Some(0), |_| {})?;
    userns::enter_for_cleanup();
    // The removers started above finish first: two walks of one tree
    // in step restart each other.
    crate::container::Containers::new(paths).empty_trash(true);
    remove_tree(&paths.data)?;
    crate::network::spare::discard(&paths.runtime);
    // Joined above: its namespace lives on in this process until it ends.
    crate::runtime::pause::stop(&paths.runtime)?;
    remove_tree(&paths.runtime)?;
    Ok(())
}
