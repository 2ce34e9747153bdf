//! Where the compressed blobs of a layer are known to live (podman's blob
//! info cache): for each layer, the blobs it was pulled as or pushed as,
//! and the repositories that hold them. A push names such a blob instead
//! of sending the layer again when the registry has it, or mounts it from
//! a repository of the same registry. It outlives images (`rmi`, `load`
//! again) and holds at most [`MAX`] blobs, the oldest dropped first.
//!
//! `$XDG_DATA_HOME/den/blob-cache.json`, changed under its own lock.

use std::path::PathBuf;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::util::{fs as ufs, lock::Lock};

/// Blobs kept at most.
const MAX: usize = 4096;
/// Repositories kept per blob at most.
const MAX_REPOS: usize = 16;

/// A compressed blob of a layer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Known {
    pub diff_id: String,
    pub digest: String,
    pub media_type: String,
    pub size: u64,
    /// `registry/repository` names that hold it, most recent last.
    pub repos: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    blobs: Vec<Known>,
}

/// The cache of one user.
pub struct BlobCache {
    path: PathBuf,
}

impl BlobCache {
    pub fn new(paths: &Paths) -> BlobCache {
        BlobCache {
            path: paths.data.join("blob-cache.json"),
        }
    }

    fn read(&self) -> File {
        ufs::read_json::<File>(&self.path)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The blobs known for the layer `diff_id`.
    pub fn candidates(&self, diff_id: &str) -> Vec<Known> {
        self.read()
            .blobs
            .into_iter()
            .filter(|k| k.diff_id == diff_id)
            .collect()
    }

    /// Remember that `repo` (`registry/repository`) holds `blob` of the
    /// layer `blob.diff_id`. A cache that cannot be written is only a
    /// slower next push: errors are the caller's to ignore.
    pub fn record(&self, blob: &Known, repo: &str) -> Result<()> {
        let _lock = Lock::exclusive(&self.path.with_extension("lock"))?;
        let mut f = self.read();
        let mut entry = match f.blobs.iter().position(|k| k.digest == blob.digest) {
            Some(i) => f.blobs.remove(i),
            None => Known {
                repos: Vec::new(),
                ..blob.clone()
            },
        };
        entry.repos.retain(|r| r != repo);
        entry.repos.push(repo.to_string());
        if entry.repos.len() > MAX_REPOS {
            entry.repos.remove(0);
        }
        f.blobs.push(entry);
        if f.blobs.len() > MAX {
            let extra = f.blobs.len() - MAX;
            f.blobs.drain(..extra);
        }
        ufs::write_json(&self.path, &f)
    }
}
