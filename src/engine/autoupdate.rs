//! `den auto-update`'s engine side: the containers that ask for it (the
//! label `io.containers.autoupdate=registry|local`), the image their
//! image's name has now (`registry`: after pulling it again; `local`: in
//! the store), and giving a name back to an older image (a rollback).

use anyhow::{bail, Result};

use super::containers::Containers;
use super::images::PullOptions;
use crate::config::paths::Paths;
use crate::container::ContainerConfig;

/// The label that asks for updates, as podman names it.
pub const LABEL: &str = "io.containers.autoupdate";
/// The label a systemd unit's container carries (its unit).
pub const UNIT: &str = "PODMAN_SYSTEMD_UNIT";

/// A container to update.
pub struct Candidate {
    pub config: ContainerConfig,
    /// `registry` or `local`.
    pub policy: String,
    /// Its systemd unit, if it runs in one.
    pub unit: Option<String>,
}

/// The running containers with the label, by name; a label with another
/// value is an error naming the container.
pub fn candidates(paths: &Paths) -> Result<Vec<Candidate>> {
    let containers = Containers::new(paths);
    let mut out = Vec::new();
    for c in containers.list()? {
        let Some(policy) = c.labels.get(LABEL).cloned() else {
            continue;
        };
        if !containers.live_state(&c.id)?.active() {
            continue;
        }
        let policy = match policy.as_str() {
            "registry" | "image" => "registry".to_string(),
            "local" => policy,
            other => bail!(
                "container {}: {LABEL}={other:?} is not a policy (use registry or local)",
                c.name
            ),
        };
        out.push(Candidate {
            unit: c.labels.get(UNIT).cloned(),
            policy,
            config: c,
        });
    }
    out.sort_by(|a, b| a.config.name.cmp(&b.config.name));
    Ok(out)
}

/// The id the container's image name has now: with `registry`, after
/// pulling it again (in a child inside den's user namespace: this process
/// stays in the host's, to start containers on user networks after).
pub fn latest(paths: &Paths, c: &Candidate, pull: &PullOptions) -> Result<String> {
    let name = c.config.image_name.clone();
    if c.policy == "registry" {
        super::containers::in_den_userns(|| {
            super::images::pull(paths, std::slice::from_ref(&name), pull, |_| {})
        })?;
    }
    match super::images::lookup(paths, &name)? {
        Some(img) => Ok(img.id),
        None => bail!("the image {name} is not in the store"),
    }
}

/// Give `name` back to the image `id` (the one before an update that
/// failed).
pub fn give_back(paths: &Paths, id: &str, name: &str) -> Result<()> {
    super::images::tag(paths, id, &[name.to_string()])
}
