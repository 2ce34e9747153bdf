//! `system prune` and `system reset`: what nothing uses, or everything.

use anyhow::Result;

use crate::config::paths::Paths;
use crate::engine::containers::{self, Selection};
use crate::engine::{images, networks, usage, volumes};
use crate::runtime::userns;
use crate::storage::remove::remove_tree;

/// What `system prune` removed.
#[derive(Debug, Default)]
pub struct Pruned {
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
pub fn system_prune(paths: &Paths, all: bool, with_volumes: bool) -> Result<Pruned> {
    let before = total(paths);
    let mut p = Pruned::default();
    containers::prune(paths, |id| p.containers.push(id.to_string()))?;
    networks::prune(paths, |n| p.networks.push(n.to_string()))?;
    if with_volumes {
        volumes::prune(paths, &[], |n| p.volumes.push(n.to_string()))?;
    }
    p.images = images::prune(paths, all, None, &[])?
        .into_iter()
        .map(|i| i.id)
        .collect();
    p.reclaimed = before.saturating_sub(total(paths));
    Ok(p)
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
    remove_tree(&paths.data)?;
    // Joined above: its namespace lives on in this process until it ends.
    crate::runtime::pause::stop(&paths.runtime)?;
    remove_tree(&paths.runtime)?;
    Ok(())
}
