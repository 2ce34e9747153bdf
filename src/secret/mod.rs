//! Secrets: small pieces of data a container gets as a file under
//! /run/secrets or as a variable, kept out of images and out of its
//! recorded configuration (podman's `file` driver).
//!
//! ```text
//! $XDG_DATA_HOME/den/secrets/        0700
//!   .lock                            taken to create and remove
//!   <id>/secret.json                 the record: name, driver, times, labels
//!   <id>/data                        the data, 0600
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::error::{Error, Kind};
use crate::util::fs as ufs;
use crate::util::lock::Lock;

/// At most this much data (podman's limit is 512000 bytes).
pub const MAX_SIZE: usize = 512_000;

/// One secret's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secret {
    /// 25 hex digits, as podman's.
    pub id: String,
    pub name: String,
    /// Always `file`.
    pub driver: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// The secrets of a den.
pub struct Secrets {
    dir: PathBuf,
}

impl Secrets {
    pub fn new(paths: &Paths) -> Secrets {
        Secrets {
            dir: paths.data.join("secrets"),
        }
    }

    fn lock(&self) -> Result<Lock> {
        ufs::private_dir(&self.dir)?;
        Lock::exclusive(&self.dir.join(".lock"))
    }

    pub fn list(&self) -> Result<Vec<Secret>> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(out);
        };
        for e in entries.flatten() {
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            if let Some(s) = ufs::read_json::<Secret>(&e.path().join("secret.json"))? {
                out.push(s);
            }
        }
        out.sort_by(|a, b| a.created.cmp(&b.created).then(a.name.cmp(&b.name)));
        Ok(out)
    }

    /// By name, full id, or a unique id prefix.
    pub fn find(&self, key: &str) -> Result<Secret> {
        let all = self.list()?;
        if let Some(s) = all.iter().find(|s| s.name == key || s.id == key) {
            return Ok(s.clone());
        }
        let by_prefix: Vec<&Secret> = all
            .iter()
            .filter(|s| !key.is_empty() && s.id.starts_with(key))
            .collect();
        match by_prefix.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::not_found(
                Kind::Secret,
                key,
                format!("{key}: no such secret (see den secret ls)"),
            )),
            _ => Err(Error::ambiguous(
                Kind::Secret,
                key,
                format!("{key}: more than one secret starts with it (give more of the id)"),
            )),
        }
    }

    /// Store a new secret; its name must be free and valid.
    pub fn create(
        &self,
        name: &str,
        data: &[u8],
        labels: BTreeMap<String, String>,
    ) -> Result<Secret> {
        Self::check(name, data)?;
        let _lock = self.lock()?;
        if self.list()?.iter().any(|s| s.name == name) {
            return Err(Error::conflict(
                Kind::Secret,
                format!(
                "a secret named {name} already exists (remove it first, or choose another name)"
            ),
            ));
        }
        self.make(name, data, labels)
    }

    /// Store `data` as secret `name`: a new one, or the data and labels
    /// of the one of that name replaced in place when `may_replace` says
    /// so of it (its id kept: containers that use it read the new data
    /// at their next start, where podman's `--replace` makes a new
    /// secret and leaves them the old data).
    pub fn put(
        &self,
        name: &str,
        data: &[u8],
        labels: BTreeMap<String, String>,
        may_replace: &dyn Fn(&Secret) -> bool,
    ) -> Result<Secret> {
        Self::check(name, data)?;
        let _lock = self.lock()?;
        let Some(mut secret) = self.list()?.into_iter().find(|s| s.name == name) else {
            return self.make(name, data, labels);
        };
        if !may_replace(&secret) {
            return Err(Error::conflict(
                Kind::Secret,
                format!("a secret named {name} already exists, not one this may replace (remove it first, or use another name)"),
            ));
        }
        let dir = self.dir.join(&secret.id);
        ufs::write_secret(&dir.join("data"), data)?;
        secret.updated = Utc::now();
        secret.labels = labels;
        ufs::write_json(&dir.join("secret.json"), &secret)?;
        Ok(secret)
    }

    fn check(name: &str, data: &[u8]) -> Result<()> {
        if !crate::util::ids::is_valid_name(name) || name.len() > 253 {
            bail!("invalid secret name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
        }
        if data.is_empty() {
            bail!("secret {name}: the data is empty (give a file or - with something in it)");
        }
        if data.len() > MAX_SIZE {
            bail!(
                "secret {name}: {} bytes is more than a secret may hold ({MAX_SIZE})",
                data.len()
            );
        }
        Ok(())
    }

    /// A new secret (under the lock, its name checked free).
    fn make(&self, name: &str, data: &[u8], labels: BTreeMap<String, String>) -> Result<Secret> {
        let id: String = crate::util::ids::new_id()[..25].to_string();
        let now = Utc::now();
        let secret = Secret {
            id: id.clone(),
            name: name.to_string(),
            driver: "file".into(),
            created: now,
            updated: now,
            labels,
        };
        let dir = self.dir.join(&id);
        ufs::private_dir(&dir)?;
        let made = ufs::write_secret(&dir.join("data"), data)
            .and_then(|_| ufs::write_json(&dir.join("secret.json"), &secret));
        if let Err(e) = made {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(secret)
    }

    pub fn data(&self, s: &Secret) -> Result<Vec<u8>> {
        ufs::read_private(&self.dir.join(&s.id).join("data")).with_context(|| {
            format!(
                "the data of the secret {} is gone or not private (create it again)",
                s.name
            )
        })
    }

    pub fn remove(&self, s: &Secret) -> Result<()> {
        let _lock = self.lock()?;
        std::fs::remove_dir_all(self.dir.join(&s.id))
            .with_context(|| format!("removing the secret {}", s.name))
    }
}

/// The container's variables with its `type=env` secrets.
pub fn env_with_secrets(
    paths: &Paths,
    cfg: &crate::container::ContainerConfig,
) -> Result<Vec<String>> {
    let mut env = cfg.env.clone();
    let uses: Vec<_> = cfg.extras.secrets.iter().filter(|u| u.env).collect();
    if uses.is_empty() {
        return Ok(env);
    }
    let store = Secrets::new(paths);
    for u in uses {
        let secret = store.find(&u.id)?;
        let value = String::from_utf8(store.data(&secret)?).map_err(|_| {
            anyhow::anyhow!(
                "the secret {} is not text: give it as a file (type=mount)",
                u.name
            )
        })?;
        env.retain(|e| e.split('=').next() != Some(u.target.as_str()));
        env.push(format!("{}={value}", u.target));
    }
    Ok(env)
}
