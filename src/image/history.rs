//! An image's history as `history` shows it: the config's entries, newest
//! first, each entry that made a layer matched with that layer's size.

use anyhow::Result;
use serde_json::Value;

use super::manifest::ImageConfig;
use super::store::{ImageRecord, Store};

/// One history entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The image's id on the top entry, `<missing>` below (as podman).
    pub id: String,
    pub created: Option<String>,
    pub created_by: String,
    pub comment: String,
    /// Bytes of the layer the entry made (0 for an empty layer).
    pub size: u64,
    /// The image's names, on the top entry.
    pub tags: Vec<String>,
}

/// The history of `img`, newest first. An image without history entries
/// gets one per layer.
pub fn history(store: &Store, img: &ImageRecord) -> Result<Vec<Entry>> {
    let config = ImageConfig::parse(&store.read_blob(&format!("sha256:{}", img.id))?)?;
    let size_of = |diff_id: &String| {
        store
            .layer_meta(diff_id)
            .ok()
            .flatten()
            .map(|m| m.size)
            .unwrap_or(0)
    };
    let mut layers = config.rootfs.diff_ids.iter();
    let mut out = Vec::new();
    if config.history.is_empty() {
        for l in layers {
            out.push(Entry {
                id: "<missing>".into(),
                created: config.created.clone(),
                created_by: String::new(),
                comment: String::new(),
                size: size_of(l),
                tags: Vec::new(),
            });
        }
    } else {
        for h in &config.history {
            let text = |k: &str| h.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let empty = h
                .get("empty_layer")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let size = if empty {
                0
            } else {
                layers.next().map(size_of).unwrap_or(0)
            };
            out.push(Entry {
                id: "<missing>".into(),
                created: h.get("created").and_then(Value::as_str).map(String::from),
                created_by: text("created_by"),
                comment: text("comment"),
                size,
                tags: Vec::new(),
            });
        }
    }
    out.reverse();
    if let Some(top) = out.first_mut() {
        top.id = img.id.clone();
        top.tags = img.names.clone();
    }
    Ok(out)
}
