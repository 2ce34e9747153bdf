//! Operations on containers that exist: find and list them, stop, kill,
//! pause, wait, restart, rename, remove, prune. (Making one is
//! [`super::create`], starting one [`super::start`], running a command in
//! one [`super::exec`].)

use anyhow::{bail, Result};

use super::start::{self, Globals};
use crate::config::paths::Paths;
pub use crate::container::ops::{kill, pause, remove, stop, unpause, wait};
pub use crate::container::process::parse_signal;
pub use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::error::{Error, Kind};

/// Call after stopping containers and before removing them: their files
/// belong to subordinate ids, which only den's user namespace may delete.
/// Whatever the host lacks (newuidmap), a record can still be dropped.
pub fn prepare_removal() {
    crate::runtime::userns::enter_for_cleanup();
}

/// Stop `c` (waiting `timeout` seconds before SIGKILL) and start it again.
pub fn restart(
    containers: &Containers,
    g: &Globals,
    c: &ContainerConfig,
    timeout: Option<u64>,
) -> Result<()> {
    stop(containers, c, timeout)?;
    if let Some(p) = containers.live_state(&c.id).ok().map(|s| s.supervisor) {
        p.wait_gone(Some(std::time::Duration::from_secs(10)));
    }
    start::detached(g, c)
}

/// Give container `container` the name `name`.
pub fn rename(paths: &Paths, container: &str, name: &str) -> Result<()> {
    if !crate::util::ids::is_valid_name(name) {
        bail!("invalid container name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    let containers = Containers::new(paths);
    let _lock = containers.lock()?;
    let mut c = containers.find(container)?;
    if let Some(other) = containers
        .list()?
        .into_iter()
        .find(|o| o.name == name && o.id != c.id)
    {
        return Err(Error::conflict(
            Kind::Container,
            format!(
                "the container name {name:?} is already in use by {}",
                &other.id[..12]
            ),
        ));
    }
    c.name = name.to_string();
    containers.write_config(&c)?;
    containers.event("rename", &c, &[]);
    Ok(())
}

/// Remove every container that is not running; calls `removed` with each id.
pub fn prune(paths: &Paths, mut removed: impl FnMut(&str)) -> Result<()> {
    prepare_removal();
    let containers = Containers::new(paths);
    for c in containers.list()? {
        let st = containers.live_state(&c.id)?;
        if !st.active() {
            remove(&containers, &c, false)?;
            removed(&c.id);
        }
    }
    Ok(())
}
