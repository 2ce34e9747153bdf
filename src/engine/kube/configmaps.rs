//! ConfigMaps in a kube play: `kind: ConfigMap` documents of the YAML and
//! of `--configmap` files, read by a container's `env` (`valueFrom:
//! configMapKeyRef`), `envFrom` (`configMapRef`) and `configMap` volumes
//! (a volume of the pod's, filled with the map's keys as files), as
//! podman reads them. `fieldRef` gives the pod's name, labels and
//! annotations. Secrets are refused by name: den's secrets are given with
//! `den run --secret`, not read from a YAML.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use anyhow::{anyhow, bail, Result};
use base64::Engine;
use serde_json::Value;

/// The most a ConfigMap may hold, as Kubernetes' limit (1 MiB).
const MAX_MAP: usize = 1 << 20;
/// The most a configMap volume may hold (its items can name a key more
/// than once).
const MAX_VOLUME: usize = 4 * MAX_MAP;

/// A ConfigMap's keys: `data` (text, also read by the environment) and
/// `binaryData` (files only, as Kubernetes has it).
#[derive(Debug, Default)]
struct Map {
    data: BTreeMap<String, Vec<u8>>,
    binary: BTreeMap<String, Vec<u8>>,
}

impl Map {
    /// A key's bytes, for a file.
    fn file(&self, key: &str) -> Option<&Vec<u8>> {
        self.data.get(key).or_else(|| self.binary.get(key))
    }
}

/// A file of a `configMap` volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative to the volume's top, clean (no `..`, not absolute).
    pub path: String,
    pub data: Vec<u8>,
    pub mode: u32,
}

/// The ConfigMaps a play can read, by name.
#[derive(Debug, Default)]
pub struct ConfigMaps {
    maps: BTreeMap<String, Map>,
    /// A map or key that is not there counts as optional (`kube down`
    /// reads only the names).
    lenient: bool,
}

impl ConfigMaps {
    /// Maps whose absence is no error.
    pub fn lenient() -> ConfigMaps {
        ConfigMaps {
            lenient: true,
            ..ConfigMaps::default()
        }
    }

    /// Add a `kind: ConfigMap` document.
    pub fn add(&mut self, name: &str, doc: &Value) -> Result<()> {
        let mut data = BTreeMap::new();
        let mut binary = BTreeMap::new();
        let mut total = 0;
        for (k, v) in doc["data"].as_object().into_iter().flatten() {
            key_ok(name, k)?;
            let v = v.as_str().unwrap_or_default().as_bytes().to_vec();
            total += v.len();
            data.insert(k.clone(), v);
        }
        for (k, v) in doc["binaryData"].as_object().into_iter().flatten() {
            key_ok(name, k)?;
            let text: String = v.as_str().unwrap_or_default().split_whitespace().collect();
            let v = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| anyhow!("configmap {name}: binaryData {k}: not base64 ({e})"))?;
            total += v.len();
            if data.contains_key(k) {
                bail!("configmap {name}: key {k} is in both data and binaryData");
            }
            binary.insert(k.clone(), v);
        }
        if total > MAX_MAP {
            bail!("configmap {name} holds more than 1 MiB (Kubernetes' limit too)");
        }
        if self
            .maps
            .insert(name.to_string(), Map { data, binary })
            .is_some()
        {
            bail!("configmap {name} is given twice");
        }
        Ok(())
    }

    fn map(&self, name: &str, optional: bool, what: &str) -> Result<Option<&Map>> {
        match self.maps.get(name) {
            Some(m) => Ok(Some(m)),
            None if optional || self.lenient => Ok(None),
            None => bail!("{what}: configmap {name:?} is not in the YAML (add its document, or give it with --configmap FILE)"),
        }
    }

    /// A container's environment: `envFrom` first, then `env` (a later
    /// name wins, as Kubernetes has it). `pod` is the pod's name, `meta`
    /// its metadata.
    pub fn env(&self, what: &str, pod: &str, meta: &Value, c: &Value) -> Result<Vec<String>> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut set = |k: String, v: String| {
            out.retain(|(x, _)| *x != k);
            out.push((k, v));
        };
        for from in c["envFrom"].as_array().into_iter().flatten() {
            if from.get("secretRef").is_some() {
                bail!("{what}: envFrom secretRef: den does not read Kubernetes secrets (den run --secret NAME,type=env gives one)");
            }
            let r = &from["configMapRef"];
            let name = r["name"]
                .as_str()
                .ok_or_else(|| anyhow!("{what}: envFrom needs configMapRef.name"))?;
            let prefix = from["prefix"].as_str().unwrap_or_default();
            if let Some(m) = self.map(name, optional(r), what)? {
                for (k, v) in &m.data {
                    set(format!("{prefix}{k}"), text(v));
                }
            }
        }
        for e in c["env"].as_array().into_iter().flatten() {
            let name = e["name"]
                .as_str()
                .ok_or_else(|| anyhow!("{what}: an env entry needs a name"))?;
            let from = &e["valueFrom"];
            if from.is_null() {
                set(name.into(), e["value"].as_str().unwrap_or_default().into());
                continue;
            }
            let what = format!("{what}: env {name}");
            if let Some(v) = self.value_from(&what, pod, meta, from)? {
                set(name.into(), v);
            }
        }
        if let Some((k, _)) = out
            .iter()
            .find(|(k, v)| k.is_empty() || k.contains(['=', '\0']) || v.contains('\0'))
        {
            bail!("{what}: env {k:?}: a name must be non-empty without = or NUL, and a value without NUL (the environment cannot hold them)");
        }
        Ok(out.into_iter().map(|(k, v)| format!("{k}={v}")).collect())
    }

    /// One `valueFrom`; `None` for an optional key that is not there.
    fn value_from(
        &self,
        what: &str,
        pod: &str,
        meta: &Value,
        from: &Value,
    ) -> Result<Option<String>> {
        let r = &from["configMapKeyRef"];
        if !r.is_null() {
            let (name, key) = (r["name"].as_str(), r["key"].as_str());
            let (Some(name), Some(key)) = (name, key) else {
                bail!("{what}: configMapKeyRef needs name and key");
            };
            let Some(m) = self.map(name, optional(r), what)? else {
                return Ok(None);
            };
            // `data` only: binaryData is for files (as Kubernetes).
            return match m.data.get(key) {
                Some(v) => Ok(Some(text(v))),
                None if optional(r) => Ok(None),
                None => bail!("{what}: configmap {name:?} has no key {key:?}"),
            };
        }
        if let Some(path) = from["fieldRef"]["fieldPath"].as_str() {
            return field(what, pod, meta, path).map(Some);
        }
        if from.get("secretKeyRef").is_some() {
            bail!("{what}: secretKeyRef: den does not read Kubernetes secrets (den run --secret NAME,type=env gives one)");
        }
        bail!("{what}: valueFrom: den reads configMapKeyRef and fieldRef (metadata.name, metadata.labels['K'], metadata.annotations['K'])")
    }

    /// The files of a `configMap` volume (`items` picks keys and their
    /// paths; all keys, as files of their names, without).
    pub fn volume(&self, what: &str, v: &Value) -> Result<Vec<File>> {
        let name = v["name"]
            .as_str()
            .ok_or_else(|| anyhow!("{what}: configMap needs a name"))?;
        let Some(m) = self.map(name, optional(v), what)? else {
            return Ok(Vec::new());
        };
        let mode = match v["defaultMode"].as_str() {
            None => 0o644,
            Some(s) => mode_of(what, s)?,
        };
        let mut files = Vec::new();
        match v["items"].as_array() {
            None => {
                for (k, data) in m.data.iter().chain(&m.binary) {
                    files.push(File {
                        path: k.clone(),
                        data: data.clone(),
                        mode,
                    });
                }
            }
            Some(items) => {
                for i in items {
                    let (Some(key), Some(path)) = (i["key"].as_str(), i["path"].as_str()) else {
                        bail!("{what}: configMap items need key and path");
                    };
                    let Some(data) = m.file(key) else {
                        if optional(v) {
                            continue;
                        }
                        bail!("{what}: configmap {name:?} has no key {key:?}");
                    };
                    let mode = match i["mode"].as_str() {
                        None => mode,
                        Some(s) => mode_of(what, s)?,
                    };
                    files.push(File {
                        path: clean(what, path)?,
                        data: data.clone(),
                        mode,
                    });
                }
            }
        }
        if files.iter().map(|f| f.data.len()).sum::<usize>() > MAX_VOLUME {
            bail!("{what}: configMap volume would hold more than 4 MiB (name fewer items)");
        }
        for (i, f) in files.iter().enumerate() {
            for g in &files[i + 1..] {
                let (a, b) = (f.path.as_str(), g.path.as_str());
                let under =
                    |x: &str, y: &str| y.strip_prefix(x).is_some_and(|r| r.starts_with('/'));
                if a == b || under(a, b) || under(b, a) {
                    bail!("{what}: configMap item paths {a:?} and {b:?} collide (one file per path, and no file where a directory is)");
                }
            }
        }
        Ok(files)
    }
}

fn optional(r: &Value) -> bool {
    r["optional"].as_str() == Some("true")
}

fn text(v: &[u8]) -> String {
    String::from_utf8_lossy(v).into_owned()
}

/// A key is a file name in a volume: Kubernetes' rule (letters, digits,
/// `-`, `_`, `.`; not `.` or `..`).
fn key_ok(map: &str, k: &str) -> Result<()> {
    let ok = !k.is_empty()
        && k != "."
        && k != ".."
        && k.len() <= 253
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !ok {
        bail!("configmap {map}: key {k:?} is not a valid key (letters, digits, -, _ and .)");
    }
    Ok(())
}

/// An item's path: relative, no `..`.
fn clean(what: &str, p: &str) -> Result<String> {
    let path = Path::new(p);
    let ok = !p.is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !ok {
        bail!("{what}: configMap item path {p:?} must be relative, without ..");
    }
    let clean = path
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    if clean.is_empty() {
        bail!("{what}: configMap item path {p:?} names no file (give a file name)");
    }
    Ok(clean)
}

/// A file mode (`0644` in YAML is octal 644; `420` is decimal, as JSON gives it).
fn mode_of(what: &str, s: &str) -> Result<u32> {
    let m = if let Some(o) = s
        .strip_prefix("0o")
        .or(s.strip_prefix('0'))
        .filter(|o| !o.is_empty())
    {
        u32::from_str_radix(o, 8).ok()
    } else {
        s.parse().ok()
    };
    m.filter(|m| *m <= 0o777)
        .ok_or_else(|| anyhow!("{what}: mode {s:?} is not a file mode (0 to 0777)"))
}

/// A `fieldRef` of the pod's own.
fn field(what: &str, pod: &str, meta: &Value, path: &str) -> Result<String> {
    if path == "metadata.name" {
        return Ok(pod.to_string());
    }
    if path == "metadata.namespace" {
        return Ok(meta["namespace"].as_str().unwrap_or("default").to_string());
    }
    for map in ["labels", "annotations"] {
        let Some(rest) = path.strip_prefix(&format!("metadata.{map}['")) else {
            continue;
        };
        let key = rest
            .strip_suffix("']")
            .ok_or_else(|| anyhow!("{what}: fieldPath {path:?}: use metadata.{map}['KEY']"))?;
        return Ok(meta[map][key].as_str().unwrap_or_default().to_string());
    }
    bail!("{what}: fieldPath {path:?}: den gives metadata.name, metadata.namespace, metadata.labels['K'] and metadata.annotations['K']")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn maps() -> ConfigMaps {
        let mut m = ConfigMaps::default();
        m.add(
            "cfg",
            &json!({"data": {"color": "blue", "app.conf": "a=1\n"}, "binaryData": {"bin": "AAEC"}}),
        )
        .expect("add");
        m
    }

    #[test]
    fn env_comes_from_maps_fields_and_values() {
        let c = json!({
            "envFrom": [{"configMapRef": {"name": "cfg"}, "prefix": "CFG_"}],
            "env": [
                {"name": "A", "value": "1"},
                {"name": "COLOR", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "color"}}},
                {"name": "GONE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "no", "optional": "true"}}},
                {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "APP", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                {"name": "CFG_color", "value": "red"},
            ]
        });
        let meta = json!({"labels": {"app": "web"}});
        let env = maps().env("c", "p", &meta, &c).expect("env");
        assert_eq!(
            env,
            [
                "CFG_app.conf=a=1\n",
                "A=1",
                "COLOR=blue",
                "POD=p",
                "APP=web",
                "CFG_color=red",
            ]
        );
        let bad = |e: Value| {
            maps()
                .env("c", "p", &meta, &json!({"env": [e]}))
                .unwrap_err()
                .to_string()
        };
        assert!(bad(
            json!({"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "no"}}})
        )
        .contains("no key"));
        assert!(bad(
            json!({"name": "X", "valueFrom": {"configMapKeyRef": {"name": "nope", "key": "k"}}})
        )
        .contains("--configmap"));
        assert!(bad(
            json!({"name": "X", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}})
        )
        .contains("--secret"));
        assert!(bad(
            json!({"name": "X", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}})
        )
        .contains("metadata.name"));
        // binaryData is for files: the environment does not read it.
        assert!(bad(
            json!({"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "bin"}}})
        )
        .contains("no key"));
        assert!(bad(json!({"name": "X", "value": "a\u{0}b"})).contains("NUL"));
    }

    #[test]
    fn volumes_are_the_maps_keys_as_files() {
        let all = maps().volume("v", &json!({"name": "cfg"})).expect("files");
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0],
            File {
                path: "app.conf".into(),
                data: b"a=1\n".to_vec(),
                mode: 0o644
            }
        );
        let some = maps()
            .volume("v", &json!({"name": "cfg", "defaultMode": "0600", "items": [{"key": "color", "path": "sub/./color.txt", "mode": "0444"}]}))
            .expect("items");
        assert_eq!(
            some,
            [File {
                path: "sub/color.txt".into(),
                data: b"blue".to_vec(),
                mode: 0o444
            }]
        );
        for path in ["../x", "/etc/passwd", "a/../../b", "", ".", "./"] {
            let e = maps().volume(
                "v",
                &json!({"name": "cfg", "items": [{"key": "color", "path": path}]}),
            );
            assert!(e.is_err(), "{path}");
        }
        // binaryData is in the volume.
        let bin = maps()
            .volume(
                "v",
                &json!({"name": "cfg", "items": [{"key": "bin", "path": "b"}]}),
            )
            .expect("binary");
        assert_eq!(bin[0].data, [0, 1, 2]);
        for (a, b) in [("x", "x"), ("x", "x/y"), ("d/y/z", "d/y")] {
            let e = maps().volume(
                "v",
                &json!({"name": "cfg", "items": [{"key": "color", "path": a}, {"key": "bin", "path": b}]}),
            );
            assert!(
                e.is_err_and(|e| e.to_string().contains("collide")),
                "{a} {b}"
            );
        }
        let mut big = ConfigMaps::default();
        big.add("big", &json!({"data": {"k": "x".repeat(MAX_MAP / 2)}}))
            .expect("add");
        let items: Vec<Value> = (0..9)
            .map(|i| json!({"key": "k", "path": format!("f{i}")}))
            .collect();
        assert!(big
            .volume("v", &json!({"name": "big", "items": items}))
            .is_err_and(|e| e.to_string().contains("4 MiB")));
        assert!(maps()
            .volume("v", &json!({"name": "none", "optional": "true"}))
            .expect("optional")
            .is_empty());
        let mut m = ConfigMaps::default();
        assert!(m.add("x", &json!({"data": {"../k": "v"}})).is_err());
        assert!(m
            .add("y", &json!({"data": {"k": "x".repeat(MAX_MAP + 1)}}))
            .is_err());
        assert_eq!(mode_of("m", "420").expect("decimal"), 0o644);
        assert!(mode_of("m", "0999").is_err());
    }
}
