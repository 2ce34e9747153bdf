//! `den image inspect`: an image as podman shows it.

use anyhow::Result;
use serde_json::{json, Value};

use super::manifest::ImageConfig;
use super::store::{ImageRecord, Store};

/// An image as `--format` templates see it: [`image_json`] with the
/// fields podman's JSON leaves out when unset at their Go zero value (a
/// nil map prints `map[]`, a nil list `[]`, where den printed `<no
/// value>` and `<nil>`).
pub fn template_json(mut v: Value) -> Value {
    let nil_map = crate::util::template::nil_map;
    if let Some(Value::Object(c)) = v.get_mut("Config") {
        for (k, zero) in [
            ("User", json!("")),
            ("ExposedPorts", nil_map()),
            ("Env", json!([])),
            ("Entrypoint", json!([])),
            ("Cmd", json!([])),
            ("Volumes", nil_map()),
            ("WorkingDir", json!("")),
            ("Labels", nil_map()),
            ("StopSignal", json!("")),
        ] {
            match c.get(k) {
                Some(x) if !x.is_null() => {}
                _ => {
                    c.insert(k.into(), zero);
                }
            }
        }
    }
    if let Some(m) = v.as_object_mut() {
        for k in ["Labels", "Annotations"] {
            if m.get(k).is_none_or(Value::is_null) {
                m.insert(k.into(), nil_map());
            }
        }
    }
    v
}

/// The podman-shaped JSON of an image.
pub fn image_json(store: &Store, img: &ImageRecord) -> Result<Value> {
    let config = ImageConfig::parse(&store.read_blob(&format!("sha256:{}", img.id))?)?;
    let run = config.config.clone().unwrap_or_default();
    let lower: Vec<String> = img
        .layers
        .iter()
        .rev()
        .filter_map(|l| store.layer_dir(l).ok())
        .map(|d| d.join("diff").display().to_string())
        .collect();
    Ok(json!({
        "Id": img.id,
        "Digest": img.digest,
        "RepoTags": img.names,
        "RepoDigests": img.repo_digests,
        "Parent": "",
        "Comment": "",
        "Created": config.created,
        "Config": run,
        "Version": "",
        "Author": config.author.clone().unwrap_or_default(),
        "Architecture": config.architecture,
        "Os": config.os,
        "Size": img.size,
        "VirtualSize": img.size,
        "GraphDriver": {
            "Name": std::fs::read_to_string(store.root.join("storage-driver")).map(|s| s.trim().to_string()).unwrap_or_else(|_| "overlay".into()),
            "Data": { "LowerDir": lower.join(":") }
        },
        "RootFS": { "Type": "layers", "Layers": config.rootfs.diff_ids },
        "Labels": run.labels,
        "Annotations": {},
        "ManifestType": img.manifest_type,
        "User": run.user.clone().unwrap_or_default(),
        "Healthcheck": run.healthcheck,
        // podman's null for an image without history (build --omit-history).
        "History": if config.history.is_empty() { serde_json::Value::Null } else { serde_json::json!(config.history) },
        "NamesHistory": img.names,
    }))
}
