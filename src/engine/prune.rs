//! `system prune` and `system reset`: what nothing uses, or everything.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::config::env;
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
/// and runtime state of this user: images, volumes, networks. A
/// container that cannot be stopped or removed is said and the rest goes
/// on, as podman's. A storage directory that is a symbolic link (storage
/// moved to a larger disk) is emptied where it leads, and the link kept.
pub fn reset(paths: &Paths) -> Result<()> {
    // Before anything is removed: where the directories are must be den's.
    let mine = users_dirs(paths);
    let data = reset_target(&paths.data, &mine)?;
    let runtime = reset_target(&paths.runtime, &mine)?;
    containers::remove_selected(paths, Selection::All, true, 0, true, false, |label, r| {
        if let Err(e) = r {
            crate::warn!("container {label}: {e:#}");
        }
    })?;
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
    data.remove()?;
    crate::network::spare::discard(&paths.runtime);
    // Joined above: its namespace lives on in this process until it ends.
    crate::runtime::pause::stop(&paths.runtime)?;
    runtime.remove()?;
    Ok(())
}

/// A directory `reset` removes: the directory, or where its link leads.
enum ResetTarget {
    Tree(PathBuf),
    /// A link's target: emptied, the link and it kept.
    Contents(PathBuf),
}

impl ResetTarget {
    fn remove(&self) -> Result<()> {
        match self {
            ResetTarget::Tree(dir) => remove_tree(dir),
            ResetTarget::Contents(dir) => {
                let entries = match std::fs::read_dir(dir) {
                    Ok(e) => e,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
                    Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
                };
                for e in entries {
                    let e = e.with_context(|| format!("reading {}", dir.display()))?;
                    remove_tree(&e.path())?;
                }
                Ok(())
            }
        }
    }
}

/// The user's own directories, as given and where their links lead:
/// the home (`paths.home`, from HOME or the password file), the XDG
/// data, config and runtime directories and their defaults.
fn users_dirs(paths: &Paths) -> Vec<PathBuf> {
    let mut mine: Vec<PathBuf> = [
        env::XDG_DATA_HOME,
        env::XDG_CONFIG_HOME,
        env::XDG_RUNTIME_DIR,
    ]
    .iter()
    .filter_map(|v| env::var(v))
    .map(PathBuf::from)
    .filter(|p| p.is_absolute())
    .collect();
    mine.extend([
        paths.home.clone(),
        paths.home.join(".local/share"),
        paths.home.join(".config"),
        paths.config_home.clone(),
        PathBuf::from(format!("/run/user/{}", rustix::process::getuid().as_raw())),
    ]);
    let resolved: Vec<PathBuf> = mine
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    mine.extend(resolved);
    mine
}

/// What resetting `dir` removes; refused when it is, or holds, the
/// user's own directories (`--root ~/.local/share`, `--root /home`,
/// `--runroot $XDG_RUNTIME_DIR` would have emptied them), checked for the
/// path as given and where its links lead.
fn reset_target(dir: &Path, mine: &[PathBuf]) -> Result<ResetTarget> {
    let linked = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for d in [dir, real.as_path()] {
        if let Some(p) = mine.iter().find(|p| p.starts_with(d)) {
            bail!(
                "refusing to reset: den's storage {} would take {} with it (give --root and --runroot directories of den's own)",
                dir.display(),
                p.display()
            );
        }
    }
    Ok(if linked {
        ResetTarget::Contents(real)
    } else {
        ResetTarget::Tree(dir.to_path_buf())
    })
}
