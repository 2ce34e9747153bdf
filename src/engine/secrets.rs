//! `den secret ...`: secrets made, listed, inspected (never their data)
//! and removed; one a container uses stays until the container goes.

use anyhow::{bail, Result};
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::Containers;
pub use crate::secret::Secret;
use crate::secret::Secrets;

pub fn create(
    paths: &Paths,
    name: &str,
    data: &[u8],
    labels: std::collections::BTreeMap<String, String>,
) -> Result<Secret> {
    Secrets::new(paths).create(name, data, labels)
}

/// A new secret, or the data of the one named `name` replaced when
/// `may_replace` says so of it.
pub fn put(
    paths: &Paths,
    name: &str,
    data: &[u8],
    labels: std::collections::BTreeMap<String, String>,
    may_replace: &dyn Fn(&Secret) -> bool,
) -> Result<Secret> {
    Secrets::new(paths).put(name, data, labels, may_replace)
}

pub fn list(paths: &Paths) -> Result<Vec<Secret>> {
    Secrets::new(paths).list()
}

pub fn find(paths: &Paths, key: &str) -> Result<Secret> {
    Secrets::new(paths).find(key)
}

/// podman's inspect of a secret: its record, never its data.
pub fn inspect_json(s: &Secret) -> Value {
    json!({
        "ID": s.id,
        "CreatedAt": s.created.to_rfc3339(),
        "UpdatedAt": s.updated.to_rfc3339(),
        "Spec": {
            "Name": s.name,
            "Driver": { "Name": s.driver, "Options": { "path": "" } },
            "Labels": s.labels,
        },
    })
}

/// Remove a secret no container uses.
pub fn remove(paths: &Paths, s: &Secret) -> Result<()> {
    let users: Vec<String> = Containers::new(paths)
        .list()?
        .into_iter()
        .filter(|c| c.extras.secrets.iter().any(|u| u.id == s.id))
        .map(|c| c.name)
        .collect();
    if !users.is_empty() {
        bail!(
            "secret {} is in use by container {} (remove the container first)",
            s.name,
            users.join(", ")
        );
    }
    Secrets::new(paths).remove(s)
}
