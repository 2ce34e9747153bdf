//! `generate kube`'s settings of a container beyond its command, env and
//! ports: what `kube play` (`pod.rs`) reads back, so that a container
//! played from the YAML has the protection and mounts the original had
//! (its user, capabilities, privileged or not, read-only root, no new
//! privileges, mounts, memory and CPU limits), as podman's generate kube
//! writes them.

use serde_json::{json, Map, Value};

use crate::container::mounts::MountKind;
use crate::container::ContainerConfig;
use crate::runtime::security::DEFAULT_CAPS;

/// Add `c`'s `securityContext`, `volumeMounts` and `resources` to its
/// container entry `entry` (named `short` in the pod), and the pod
/// volumes its mounts name to `volumes`.
pub fn add_settings(
    c: &ContainerConfig,
    short: &str,
    entry: &mut Map<String, Value>,
    volumes: &mut Vec<Value>,
) {
    let sc = security_context(c);
    if !sc.is_empty() {
        entry.insert("securityContext".into(), Value::Object(sc));
    }
    let mut mounts = Vec::new();
    for (i, m) in c.mounts.iter().enumerate() {
        let name = format!("{}-{i}", dns_label(short));
        let source = match m.kind {
            MountKind::Bind => {
                // What is there, as play checks it (a socket bound is
                // no directory).
                use std::os::unix::fs::FileTypeExt;
                let kind = match std::fs::metadata(&m.source).map(|m| m.file_type()) {
                    Ok(t) if t.is_dir() => "Directory",
                    Ok(t) if t.is_file() => "File",
                    Ok(t) if t.is_socket() => "Socket",
                    Ok(t) if t.is_char_device() => "CharDevice",
                    Ok(t) if t.is_block_device() => "BlockDevice",
                    _ => "",
                };
                json!({"hostPath": {"path": m.source, "type": kind}})
            }
            MountKind::Volume => json!({"persistentVolumeClaim": {"claimName": m.source}}),
            MountKind::Tmpfs => json!({"emptyDir": {"medium": "Memory"}}),
        };
        let mut volume = json!({"name": name});
        if let (Value::Object(v), Value::Object(s)) = (&mut volume, source) {
            v.extend(s);
        }
        volumes.push(volume);
        let mut mount = json!({"name": name, "mountPath": m.destination});
        if let Value::Object(o) = &mut mount {
            if m.read_only {
                o.insert("readOnly".into(), Value::Bool(true));
            }
            if let Some(sub) = &m.sub_path {
                o.insert("subPath".into(), json!(sub));
            }
        }
        mounts.push(mount);
    }
    if !mounts.is_empty() {
        entry.insert("volumeMounts".into(), Value::Array(mounts));
    }
    let mut limits = Map::new();
    if let Some(m) = c.resources.memory {
        limits.insert("memory".into(), json!(m.to_string()));
    }
    if let Some(n) = c.resources.nano_cpus {
        limits.insert("cpu".into(), json!(format!("{}m", n / 1_000_000)));
    }
    if !limits.is_empty() {
        entry.insert("resources".into(), json!({"limits": limits}));
    }
}

/// What of `c`'s security differs from the defaults, as Kubernetes says it.
fn security_context(c: &ContainerConfig) -> Map<String, Value> {
    let s = &c.security;
    let mut sc = Map::new();
    if s.privileged {
        sc.insert("privileged".into(), Value::Bool(true));
    } else {
        let add: Vec<&str> = s
            .caps
            .iter()
            .map(String::as_str)
            .filter(|c| !DEFAULT_CAPS.contains(c))
            .collect();
        let drop: Vec<&str> = DEFAULT_CAPS
            .iter()
            .copied()
            .filter(|d| !s.caps.iter().any(|c| c == d))
            .collect();
        let mut caps = Map::new();
        if !add.is_empty() {
            caps.insert("add".into(), json!(add));
        }
        if !drop.is_empty() {
            caps.insert("drop".into(), json!(drop));
        }
        if !caps.is_empty() {
            sc.insert("capabilities".into(), Value::Object(caps));
        }
    }
    if s.read_only_root {
        sc.insert("readOnlyRootFilesystem".into(), Value::Bool(true));
    }
    if s.no_new_privileges {
        sc.insert("allowPrivilegeEscalation".into(), Value::Bool(false));
    }
    // Numeric ids only (a name means the image's passwd, which kube play
    // could not say).
    let (user, group) = match c.user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (c.user.as_str(), None),
    };
    if let Ok(u) = user.parse::<u32>() {
        sc.insert("runAsUser".into(), json!(u));
    }
    if let Some(g) = group.and_then(|g| g.parse::<u32>().ok()) {
        sc.insert("runAsGroup".into(), json!(g));
    }
    sc
}

/// `s` as a Kubernetes name: lower case letters, digits and `-`.
fn dns_label(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
