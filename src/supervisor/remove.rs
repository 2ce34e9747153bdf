//! `--rm`: the container goes when it has ended, whatever happened.
//!
//! Out of the records at once, under the lock (its directory renamed into
//! the trash), so that once the supervisor has exited, and with it
//! `den run --rm`, no command sees the container and its name is free;
//! its anonymous volumes go too, as podman's `--rm` removes them. The
//! directory's files (the rootfs's upper layer, logs, the /etc files)
//! are deleted after: by a child left to finish that on its own, so that
//! the caller does not wait the millisecond or more it takes. A remover
//! that is killed part-way leaves the rest in the trash, which the next
//! `rm` or `container prune` empties.

use crate::config::paths::Paths;
use crate::container::mounts::MountKind;
use crate::container::{ContainerConfig, Containers};
use crate::storage::remove::remove_tree_apart;

/// Remove the ended container `cfg`.
pub fn container(paths: &Paths, containers: &Containers, cfg: &ContainerConfig) {
    let trash = containers
        .lock()
        .and_then(|_lock| containers.discard(&cfg.id));
    crate::util::log::phase("container out of the records (--rm)");
    // Its anonymous volumes go with it, as podman's --rm does (the other
    // containers read only when it has a volume).
    if cfg.mounts.iter().any(|m| m.kind == MountKind::Volume) {
        let others = containers.list().unwrap_or_default();
        crate::volume::Volumes::new(paths).remove_anonymous(cfg, &others);
    }
    let removed = match trash {
        Ok(Some(dir)) => remove_tree_apart(&dir),
        // Removed by another den meanwhile (`rm -f`).
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    };
    if let Err(e) = removed {
        crate::warn!("removing container {}: {e:#}", cfg.name);
    }
    crate::util::log::phase("removed (--rm)");
}
