//! Recording an image that arrived whole (load, import): its config and
//! manifest stored, its record added.

use anyhow::Result;

use super::blobs;
use super::manifest::{self, ImageConfig};
use super::store::{ImageRecord, Store};
use crate::storage::tarsplit;
use crate::util::digest::sha256_of;

/// Record an image whose layers are in the store (call with the lock
/// held): its config, a manifest (the one given, or one made of its
/// uncompressed layers), its names taken from any image that had them;
/// `event` names how it came (`load`, `import`). Returns its id.
pub fn record(
    store: &Store,
    config: Vec<u8>,
    manifest: Option<(Vec<u8>, String)>,
    names: &[String],
    event: &str,
) -> Result<String> {
    Ok(record_as(store, config, manifest, names, event, false)?.0)
}

/// [`record`], as a build's intermediate image (`intermediate`) or not;
/// its id, and whether it is new to the store.
pub fn record_as(
    store: &Store,
    config: Vec<u8>,
    manifest: Option<(Vec<u8>, String)>,
    names: &[String],
    event: &str,
    intermediate: bool,
) -> Result<(String, bool)> {
    let parsed = ImageConfig::parse(&config)?;
    let config_digest = sha256_of(&config);
    let (manifest, media_type) = match manifest {
        Some(m) => m,
        None => {
            let mut layers = Vec::new();
            for d in &parsed.rootfs.diff_ids {
                let record = store.layer_dir(d)?.join(tarsplit::FILE_NAME);
                let size = tarsplit::size(&record).unwrap_or(0);
                layers.push(
                    serde_json::json!({"mediaType": blobs::OCI_LAYER, "digest": d, "size": size}),
                );
            }
            let m = serde_json::json!({
                "schemaVersion": 2,
                "mediaType": manifest::OCI_MANIFEST,
                "config": {"mediaType": blobs::OCI_CONFIG, "digest": config_digest, "size": config.len()},
                "layers": layers,
            });
            (serde_json::to_vec(&m)?, manifest::OCI_MANIFEST.to_string())
        }
    };
    let manifest_digest = sha256_of(&manifest);
    store.write_blob(&config_digest, &config)?;
    store.write_blob(&manifest_digest, &manifest)?;
    let mut size = 0;
    for d in &parsed.rootfs.diff_ids {
        size += store.layer_meta(d)?.map(|m| m.size).unwrap_or(0);
    }
    let id = config_digest.trim_start_matches("sha256:").to_string();
    let new = store.add_image(ImageRecord {
        id: id.clone(),
        names: names.to_vec(),
        digest: manifest_digest,
        manifest_type: media_type,
        layers: parsed.rootfs.diff_ids.clone(),
        size,
        created: parsed.created.clone(),
        pulled: chrono::Utc::now(),
        repo_digests: Vec::new(),
        intermediate,
    })?;
    if intermediate {
        return Ok((id, new));
    }
    crate::events::image(
        &store.root,
        event,
        &id,
        names.first().map_or("", |n| n.as_str()),
    );
    Ok((id, new))
}
