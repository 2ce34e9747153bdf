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
use crate::storage::remove::remove_tree_apart_after;

/// Remove the ended container `cfg`. A foreground caller is told the
/// run's `result` (`done`) once it is out of the records and its remover
/// started, and returns before the rest of the teardown.
pub fn container(
    paths: &Paths,
    containers: &Containers,
    cfg: &ContainerConfig,
    result: &anyhow::Result<i32>,
    done: &mut super::Done,
) {
    let trash = containers
        .lock()
        .and_then(|_lock| containers.discard(&cfg.id));
    crate::util::log::phase("container out of the records (--rm)");
    // Its anonymous volumes go with it, as podman's --rm does (the other
    // containers read only when it has a volume); not while it is still
    // recorded (it could not be moved out), which would leave it pointing
    // at volumes that are gone.
    if trash.is_ok() && cfg.mounts.iter().any(|m| m.kind == MountKind::Volume) {
        let others = containers.list().unwrap_or_default();
        crate::volume::Volumes::new(paths).remove_anonymous(cfg, &others);
    }
    // What the caller need not wait for (the rootfs's unmount, the attach
    // socket) is the remover's, before the files.
    let cdir = containers.dir(&cfg.id);
    let removed = match trash {
        Ok(Some(dir)) => remove_tree_apart_after(&dir, || {
            containers.keep_exit(&cfg.id, &dir);
            done.finish(&cdir, Some(&dir))
        }),
        // Removed by another den meanwhile (`rm -f`).
        Ok(None) => {
            done.finish(&cdir, None);
            Ok(())
        }
        Err(e) => {
            done.finish(&cdir, None);
            Err(e)
        }
    };
    if let Err(e) = removed {
        crate::warn!("removing container {}: {e:#}", cfg.name);
    }
    crate::util::log::phase("removed (--rm)");
    done.tell(result);
}
