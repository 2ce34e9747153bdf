//! `update`: change a container's limits, in its record and, while it
//! runs, in its cgroup.

use anyhow::{bail, Result};

use crate::config::paths::Paths;
use crate::container::Containers;
use crate::error::Error;

/// Take the limits `res` sets for container `name`; its id.
pub fn update(paths: &Paths, name: &str, res: &crate::cgroups::Resources) -> Result<String> {
    let containers = Containers::new(paths);
    let _lock = containers.lock()?;
    let mut c = containers.find(name)?;
    let mut merged = c.resources.clone();
    merged.update(res);
    merged
        .validate()
        .map_err(|(field, message)| Error::invalid(field, message))?;
    crate::cgroups::check(&merged)?;
    let st = containers.live_state(&c.id)?;
    if st.active() {
        match &st.cgroup {
            Some(dir) => crate::cgroups::limits::apply(dir, &merged)?,
            None => bail!(
                "container {} runs without a cgroup (it was started where none was delegated): restart it to apply limits",
                c.name
            ),
        }
    }
    c.resources = merged;
    containers.write_config(&c)?;
    containers.event("update", &c, &[]);
    Ok(c.id)
}
