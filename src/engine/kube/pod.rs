//! A Pod's spec (or a Deployment's template) as den's pod spec and its
//! containers' specs: what `den pod create` and `den create --pod` would
//! be given.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::configmaps::ConfigMaps;
use super::hostpath::{HostPath, HostPathType};
use super::PlannedPod;
use crate::engine::pods::PodSpec;
use crate::engine::spec::{self, ContainerSpec};

pub(super) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A boolean field as Kubernetes' YAML reader (YAML 1.1) takes it: the
/// spellings of true (`true`, `yes`, `on`, `y`, capitalised or not) or of
/// false; `None` when it is not there. Anything else is an error naming
/// the field: read as false, `readOnly: True` mounted a host path
/// writable without a word.
pub(super) fn flag(v: &Value, what: &str) -> Result<Option<bool>> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) => match s.as_str() {
            "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
                Ok(Some(true))
            }
            "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n"
            | "N" => Ok(Some(false)),
            _ => bail!("{what}: {s:?} is not true or false"),
        },
        _ => bail!("{what}: expected true or false"),
    }
}

/// [`flag`], false when not there.
pub(super) fn truthy(v: &Value, what: &str) -> Result<bool> {
    Ok(flag(v, what)?.unwrap_or(false))
}

pub(super) fn pod(name: &str, meta: &Value, spec: &Value, maps: &ConfigMaps) -> Result<PlannedPod> {
    let labels: BTreeMap<String, String> = meta["labels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut infra = ContainerSpec::default();
    if truthy(&spec["hostNetwork"], &format!("pod {name}: hostNetwork"))? {
        infra.network.modes = vec!["host".into()];
    }
    infra.hostname = spec["hostname"].as_str().map(String::from);
    let restart = match spec["restartPolicy"].as_str().unwrap_or("Always") {
        "Always" => "always",
        "OnFailure" => "on-failure",
        "Never" => "no",
        other => bail!("pod {name}: restartPolicy {other:?} (use Always, OnFailure or Never)"),
    };
    let (volumes, host_paths) = pod_volumes(name, &spec["volumes"], maps)?;
    for s in spec["securityContext"]["sysctls"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        // The pod's: set in the infra container's namespaces, which its
        // containers share.
        let (Some(k), Some(v)) = (s["name"].as_str(), s["value"].as_str()) else {
            bail!("pod {name}: securityContext.sysctls: each needs a name and a value");
        };
        infra.security.sysctls.push((k.to_string(), v.to_string()));
    }
    let scratch: Vec<String> = volumes
        .iter()
        .filter(|(_, s)| matches!(s, Source::Empty { memory: false } | Source::ConfigMap(_)))
        .map(|(v, _)| format!("{name}-{v}"))
        .collect();
    let config_volumes = volumes
        .iter()
        .filter_map(|(v, s)| match s {
            Source::ConfigMap(files) => Some((format!("{name}-{v}"), files.clone())),
            _ => None,
        })
        .collect();
    // How long a stop waits before it kills, as podman plays it.
    let grace = match &spec["terminationGracePeriodSeconds"] {
        Value::Null => None,
        v => Some(
            v.as_str()
                .and_then(|t| t.parse::<u64>().ok())
                .ok_or_else(|| anyhow!("pod {name}: terminationGracePeriodSeconds must be a whole number of seconds"))?,
        ),
    };
    // The pod's user and group are its containers' unless they say.
    let pod_sc = &spec["securityContext"];
    let mut containers = Vec::new();
    for (list, init) in [
        (&spec["initContainers"], true),
        (&spec["containers"], false),
    ] {
        for c in list.as_array().map(Vec::as_slice).unwrap_or_default() {
            let restarts = !init && restart != "no";
            let (s, ports) = container(name, meta, c, &volumes, pod_sc, (init, restarts), maps)?;
            infra.network.publish.extend(ports);
            let mut s = s;
            if !init {
                s.restart.policy = restart.into();
            }
            s.stop_timeout = grace;
            containers.push(s);
        }
    }
    if !containers.iter().any(|c| c.process.init_ctr.is_none()) {
        bail!("pod {name}: no containers");
    }
    Ok(PlannedPod {
        spec: PodSpec {
            name: Some(name.to_string()),
            labels,
            infra: true,
            infra_spec: infra,
            ..Default::default()
        },
        scratch,
        config_volumes,
        host_paths,
        containers,
    })
}

/// The pod's volumes, by name: what `-v` would say for each.
enum Source {
    /// `HOST_PATH` or a volume's name.
    Named(String),
    /// emptyDir: a volume of the container's own (tmpfs for Memory).
    Empty { memory: bool },
    /// configMap: a volume of the pod's with these files, mounted read-only.
    ConfigMap(Vec<super::configmaps::File>),
}

type Volumes = (BTreeMap<String, Source>, Vec<HostPath>);

fn pod_volumes(pod: &str, list: &Value, maps: &ConfigMaps) -> Result<Volumes> {
    let mut out = BTreeMap::new();
    let mut host_paths = Vec::new();
    for v in list.as_array().map(Vec::as_slice).unwrap_or_default() {
        let name = v["name"]
            .as_str()
            .ok_or_else(|| anyhow!("pod {pod}: a volume needs a name"))?;
        let source = if let Some(p) = v["hostPath"]["path"].as_str() {
            if !p.starts_with('/') || p.contains(':') || p.contains(',') {
                bail!("pod {pod}: volume {name}: hostPath {p:?} must be an absolute path without : or ,");
            }
            let kind = v["hostPath"]["type"].as_str().unwrap_or_default();
            let kind = HostPathType::parse(kind).ok_or_else(|| {
                anyhow!("pod {pod}: volume {name}: hostPath type {kind:?} (use DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice)")
            })?;
            host_paths.push(HostPath {
                volume: name.to_string(),
                path: p.into(),
                kind,
            });
            Source::Named(p.to_string())
        } else if let Some(c) = v["persistentVolumeClaim"]["claimName"].as_str() {
            if !c
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
            {
                bail!("pod {pod}: volume {name}: claimName {c:?} is no volume name (letters, digits, -, _ and .)");
            }
            Source::Named(c.to_string())
        } else if v.get("configMap").is_some() {
            Source::ConfigMap(maps.volume(&format!("pod {pod}: volume {name}"), &v["configMap"])?)
        } else if v.get("emptyDir").is_some() {
            Source::Empty {
                memory: v["emptyDir"]["medium"].as_str() == Some("Memory"),
            }
        } else {
            bail!("pod {pod}: volume {name}: den plays hostPath, persistentVolumeClaim, emptyDir and configMap volumes");
        };
        out.insert(name.to_string(), source);
    }
    Ok((out, host_paths))
}

fn container(
    pod: &str,
    meta: &Value,
    c: &Value,
    volumes: &BTreeMap<String, Source>,
    pod_sc: &Value,
    (init, restarts): (bool, bool),
    maps: &ConfigMaps,
) -> Result<(ContainerSpec, Vec<spec::PortMapping>)> {
    let cname = c["name"]
        .as_str()
        .ok_or_else(|| anyhow!("pod {pod}: a container needs a name"))?;
    let what = format!("pod {pod}, container {cname}");
    let image = c["image"]
        .as_str()
        .ok_or_else(|| anyhow!("{what}: no image"))?;
    let mut s = ContainerSpec {
        image: image.to_string(),
        name: Some(format!("{pod}-{cname}")),
        command: strings(&c["args"]),
        workdir: c["workingDir"].as_str().map(String::from),
        interactive: truthy(&c["stdin"], &format!("{what}: stdin"))?,
        tty: truthy(&c["tty"], &format!("{what}: tty"))?,
        pod: Some(pod.to_string()),
        ..Default::default()
    };
    if c.get("command").is_some_and(|v| !v.is_null()) {
        s.entrypoint = Some(strings(&c["command"]));
    }
    if init {
        s.process.init_ctr = Some("always".into());
    }
    s.env = maps.env(&what, pod, meta, c)?;
    let mut ports = Vec::new();
    for p in c["ports"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let Some(host) = p["hostPort"].as_str() else {
            continue; // podman publishes only ports with a hostPort
        };
        let inner = p["containerPort"]
            .as_str()
            .ok_or_else(|| anyhow!("{what}: a port needs containerPort"))?;
        let proto = p["protocol"].as_str().unwrap_or("TCP").to_ascii_lowercase();
        let ip = p["hostIP"]
            .as_str()
            .map(|i| format!("{i}:"))
            .unwrap_or_default();
        ports.push(spec::parse_publish(&format!("{ip}{host}:{inner}/{proto}"))?);
    }
    for m in c["volumeMounts"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let name = m["name"].as_str().unwrap_or_default();
        let path = m["mountPath"]
            .as_str()
            .filter(|p| p.starts_with('/') && !p.contains(':') && !p.contains(','))
            .ok_or_else(|| {
                anyhow!(
                    "{what}: volumeMount {name} needs a mountPath: an absolute path without : or ,"
                )
            })?;
        let sub = m["subPath"].as_str().filter(|s| !s.is_empty());
        if let Some(sub) = sub {
            let ok = std::path::Path::new(sub)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !ok || sub.contains(':') || sub.contains(',') {
                bail!("{what}: volumeMount {name}: subPath {sub:?} must be relative, without .., : or ,");
            }
            if !matches!(volumes.get(name), Some(Source::Named(src)) if src.starts_with('/')) {
                bail!("{what}: volumeMount {name}: den reads subPath of hostPath volumes only (mount the volume whole)");
            }
        }
        let ro = if truthy(
            &m["readOnly"],
            &format!("{what}: volumeMount {name}: readOnly"),
        )? {
            ":ro"
        } else {
            ""
        };
        let mount = match volumes.get(name) {
            Some(Source::Named(src)) => {
                let mut m = spec::mounts::parse_volume(&format!("{src}:{path}{ro}"))?;
                // Resolved beneath the hostPath at each start, when it is
                // mounted: a link made meanwhile cannot lead out.
                m.sub_path = sub.map(String::from);
                m
            }
            Some(Source::Empty { memory: true }) => {
                spec::mounts::parse_mount(&format!("type=tmpfs,destination={path}"))?
            }
            Some(Source::Empty { memory: false }) => {
                spec::mounts::parse_volume(&format!("{pod}-{name}:{path}{ro}"))?
            }
            Some(Source::ConfigMap(_)) => {
                spec::mounts::parse_volume(&format!("{pod}-{name}:{path}:ro"))?
            }
            None => bail!("{what}: volumeMount {name:?} names no volume of the pod"),
        };
        s.mounts.push(mount);
    }
    let sc = &c["securityContext"];
    let field = |f: &str| format!("{what}: securityContext.{f}");
    s.security.privileged = truthy(&sc["privileged"], &field("privileged"))?;
    s.security.read_only = truthy(
        &sc["readOnlyRootFilesystem"],
        &field("readOnlyRootFilesystem"),
    )?;
    s.security.no_new_privileges = flag(
        &sc["allowPrivilegeEscalation"],
        &field("allowPrivilegeEscalation"),
    )? == Some(false);
    s.security.cap_add = strings(&sc["capabilities"]["add"]);
    s.security.cap_drop = strings(&sc["capabilities"]["drop"]);
    let user = sc["runAsUser"].as_str().or(pod_sc["runAsUser"].as_str());
    let group = sc["runAsGroup"].as_str().or(pod_sc["runAsGroup"].as_str());
    match (user, group) {
        (Some(u), Some(g)) => s.user = Some(format!("{u}:{g}")),
        (Some(u), None) => s.user = Some(u.to_string()),
        (None, Some(g)) => s.user = Some(format!("0:{g}")),
        (None, None) => {}
    }
    if let Some(h) = super::probe::health(&what, c, restarts)? {
        s.health = h;
    }
    let limits = &c["resources"]["limits"];
    if let Some(m) = limits["memory"].as_str() {
        s.resources.memory = Some(memory(m).with_context(|| what.clone())?);
    }
    if let Some(cpu) = limits["cpu"].as_str() {
        s.resources.nano_cpus = Some(cpus(cpu).with_context(|| what.clone())?);
    }
    Ok((s, ports))
}

/// A Kubernetes memory quantity (`64Mi`, `1G`, `1000000`) in bytes.
pub(super) fn memory(q: &str) -> Result<u64> {
    let units: [(&str, u64); 8] = [
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
    ];
    let (n, mult) = units
        .iter()
        .find_map(|(u, m)| q.strip_suffix(u).map(|n| (n, *m)))
        .unwrap_or((q, 1));
    let n: f64 = n
        .parse()
        .map_err(|_| anyhow!("memory {q:?}: use a quantity like 64Mi or 1G"))?;
    Ok((n * mult as f64) as u64)
}

/// A Kubernetes CPU quantity (`500m`, `0.5`, `2`) in nano-CPUs.
pub(super) fn cpus(q: &str) -> Result<u64> {
    let milli = match q.strip_suffix('m') {
        Some(m) => m.parse::<f64>().ok(),
        None => q.parse::<f64>().ok().map(|c| c * 1000.0),
    }
    .filter(|m| *m > 0.0)
    .ok_or_else(|| anyhow!("cpu {q:?}: use a quantity like 500m or 0.5"))?;
    Ok((milli * 1_000_000.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn booleans_are_read_as_kubernetes_yaml_reads_them() {
        for t in ["true", "True", "yes", "On", "y"] {
            assert_eq!(flag(&json!(t), "f").expect(t), Some(true), "{t}");
        }
        for f in ["false", "FALSE", "no", "off", "N"] {
            assert_eq!(flag(&json!(f), "f").expect(f), Some(false), "{f}");
        }
        assert_eq!(flag(&Value::Null, "f").expect("null"), None);
        assert_eq!(flag(&json!(true), "f").expect("bool"), Some(true));
        let e = flag(&json!("ture"), "c: readOnly").expect_err("typo");
        assert_eq!(e.to_string(), "c: readOnly: \"ture\" is not true or false");
        assert!(flag(&json!(["x"]), "f").is_err());
    }
}
