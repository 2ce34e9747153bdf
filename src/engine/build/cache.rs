//! The build cache: each step's result is an intermediate image, found
//! again by a key made of its parent's key, the instruction, the ARGs in
//! scope and, for COPY and ADD, the content copied. A key names a file
//! under `build-cache/` holding the image id; an entry whose image is gone
//! (pruned) is a miss.

use std::path::PathBuf;

use anyhow::Result;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::image::record;
use crate::image::store::{ImageRecord, Store};
use crate::util::fs as ufs;

/// The cache of one user's store.
pub struct Cache {
    dir: PathBuf,
    store: Store,
    /// Off with --no-cache (entries are still written) or --layers=false.
    pub read: bool,
    pub write: bool,
}

impl Cache {
    pub fn new(store: &Store, read: bool, write: bool) -> Cache {
        Cache {
            dir: store.root.join("build-cache"),
            store: store.clone(),
            read,
            write,
        }
    }

    /// The image recorded for `key`, if it is still there.
    pub fn get(&self, key: &str) -> Result<Option<ImageRecord>> {
        if !self.read {
            return Ok(None);
        }
        let Ok(id) = std::fs::read_to_string(self.dir.join(key)) else {
            return Ok(None);
        };
        let id = id.trim();
        Ok(self.store.images()?.into_iter().find(|i| i.id == id))
    }

    /// Remember `id` as the result of `key`.
    pub fn put(&self, key: &str, id: &str) -> Result<()> {
        if !self.write {
            return Ok(());
        }
        ufs::private_dir(&self.dir)?;
        ufs::write_atomic(&self.dir.join(key), id.as_bytes())
    }
}

/// The key of a step: its parent's key and what describes the step.
pub fn key(parent: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(parent.as_bytes());
    for p in parts {
        h.update([0u8]);
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Record `config` as an image (intermediate, or named `names`); its id,
/// and whether it is new to the store.
pub fn record_image(
    store: &Store,
    config: &Value,
    names: &[String],
    intermediate: bool,
) -> Result<(String, bool)> {
    let bytes = serde_json::to_vec(config)?;
    let _lock = store.lock()?;
    record::record_as(store, bytes, None, names, "build", intermediate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_part_and_their_boundaries() {
        let a = key("p", &["RUN a", "b"]);
        assert_eq!(a, key("p", &["RUN a", "b"]));
        assert_ne!(a, key("p", &["RUN ab", ""]));
        assert_ne!(a, key("q", &["RUN a", "b"]));
        assert_eq!(a.len(), 64);
    }
}
