//! `den kube play` and `kube down`: Kubernetes YAML (Pod, Deployment,
//! PersistentVolumeClaim) read as podman reads it, into den's own pod and
//! container specs, made through the same engine as `den pod create` and
//! `den create --pod`. A Pod's containers are named POD-CONTAINER; a
//! Deployment makes one pod, DEPLOYMENT-pod; a claim is a named volume.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::images::PullOptions;
use super::pods::{self, PodSpec};
use super::spec::{self, ContainerSpec};
use crate::config::paths::Paths;
use crate::container::ContainerConfig;
use crate::pod::Pod;

/// What the YAML asks for.
#[derive(Debug, Default)]
pub struct Plan {
    pub pods: Vec<PlannedPod>,
    /// PersistentVolumeClaims: volumes to make.
    pub volumes: Vec<String>,
}

#[derive(Debug)]
pub struct PlannedPod {
    pub spec: PodSpec,
    /// The pod's emptyDir volumes (on disk): named volumes POD-NAME that
    /// its containers share, made afresh by play and removed by down.
    pub scratch: Vec<String>,
    /// Init containers first (run to their end at each pod start), then
    /// the containers.
    pub containers: Vec<ContainerSpec>,
}

/// Read the documents of a Kubernetes YAML file.
pub fn plan(text: &str) -> Result<Plan> {
    let mut plan = Plan::default();
    for (i, doc) in documents(text).iter().enumerate() {
        let node =
            crate::compose::yaml::parse(doc).with_context(|| format!("document {}", i + 1))?;
        let v = json(&node);
        if v.is_null() || v.as_object().is_some_and(|m| m.is_empty()) {
            continue;
        }
        let kind = v["kind"].as_str().unwrap_or_default();
        let name = v["metadata"]["name"]
            .as_str()
            .filter(|n| !n.is_empty())
            .ok_or_else(|| anyhow!("document {}: a {kind} needs metadata.name", i + 1))?;
        match kind {
            "Pod" => plan.pods.push(pod(name, &v["metadata"], &v["spec"])?),
            "Deployment" => plan.pods.push(pod(
                &format!("{name}-pod"),
                &v["spec"]["template"]["metadata"],
                &v["spec"]["template"]["spec"],
            )?),
            "PersistentVolumeClaim" => plan.volumes.push(name.to_string()),
            // A Service routes in a cluster: the ports are the pods'
            // hostPorts here, as podman reads it.
            "Service" => {}
            other => bail!(
                "document {}: kind {other:?}: den plays Pod, Deployment and PersistentVolumeClaim",
                i + 1
            ),
        }
    }
    if plan.pods.is_empty() && plan.volumes.is_empty() {
        bail!("the YAML has no Pod, Deployment or PersistentVolumeClaim");
    }
    Ok(plan)
}

/// `kube down`: remove the pods a YAML file makes (those of its names:
/// one taken down already is no error), then their emptyDir volumes. The
/// ids of the pods removed.
pub fn down(paths: &Paths, text: &str) -> Result<Vec<String>> {
    let plan = plan(text)?;
    let mut gone = Vec::new();
    for p in &plan.pods {
        let Some(name) = &p.spec.name else {
            continue;
        };
        let Some(pod) = pods::find(paths, name).ok().filter(|f| f.name == *name) else {
            continue;
        };
        pods::remove(paths, &pod, true, None)?;
        gone.push(pod.id);
    }
    for v in plan.pods.iter().flat_map(|p| &p.scratch) {
        remove_unused(paths, v);
    }
    Ok(gone)
}

/// `---`-separated documents.
fn documents(text: &str) -> Vec<String> {
    let mut docs = vec![String::new()];
    for line in text.lines() {
        if line.trim_end() == "---" {
            docs.push(String::new());
        } else if let Some(d) = docs.last_mut() {
            d.push_str(line);
            d.push('\n');
        }
    }
    docs
}

/// A YAML node as JSON (scalars as text).
fn json(n: &crate::compose::yaml::Node) -> Value {
    use crate::compose::yaml::Value as Y;
    if n.is_null() {
        return Value::Null;
    }
    match &n.value {
        Y::Scalar(s, _) => Value::String(s.clone()),
        Y::Seq(items) => Value::Array(items.iter().map(json).collect()),
        Y::Map(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), json(v)))
                .collect(),
        ),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn truthy(v: &Value) -> bool {
    v.as_str() == Some("true")
}

fn pod(name: &str, meta: &Value, spec: &Value) -> Result<PlannedPod> {
    let labels: BTreeMap<String, String> = meta["labels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut infra = ContainerSpec::default();
    if truthy(&spec["hostNetwork"]) {
        infra.network.modes = vec!["host".into()];
    }
    infra.hostname = spec["hostname"].as_str().map(String::from);
    let restart = match spec["restartPolicy"].as_str().unwrap_or("Always") {
        "Always" => "always",
        "OnFailure" => "on-failure",
        "Never" => "no",
        other => bail!("pod {name}: restartPolicy {other:?} (use Always, OnFailure or Never)"),
    };
    let volumes = pod_volumes(name, &spec["volumes"])?;
    let scratch: Vec<String> = volumes
        .iter()
        .filter(|(_, s)| matches!(s, Source::Empty { memory: false }))
        .map(|(v, _)| format!("{name}-{v}"))
        .collect();
    // The pod's user and group are its containers' unless they say.
    let pod_sc = &spec["securityContext"];
    let mut containers = Vec::new();
    for (list, init) in [
        (&spec["initContainers"], true),
        (&spec["containers"], false),
    ] {
        for c in list.as_array().map(Vec::as_slice).unwrap_or_default() {
            let (s, ports) = container(name, c, &volumes, pod_sc, init)?;
            infra.network.publish.extend(ports);
            let mut s = s;
            if !init {
                s.restart.policy = restart.into();
            }
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
        containers,
    })
}

/// The pod's volumes, by name: what `-v` would say for each.
enum Source {
    /// `HOST_PATH` or a volume's name.
    Named(String),
    /// emptyDir: a volume of the container's own (tmpfs for Memory).
    Empty { memory: bool },
}

fn pod_volumes(pod: &str, list: &Value) -> Result<BTreeMap<String, Source>> {
    let mut out = BTreeMap::new();
    for v in list.as_array().map(Vec::as_slice).unwrap_or_default() {
        let name = v["name"]
            .as_str()
            .ok_or_else(|| anyhow!("pod {pod}: a volume needs a name"))?;
        let source = if let Some(p) = v["hostPath"]["path"].as_str() {
            Source::Named(p.to_string())
        } else if let Some(c) = v["persistentVolumeClaim"]["claimName"].as_str() {
            if !c
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
            {
                bail!("pod {pod}: volume {name}: claimName {c:?} is no volume name (letters, digits, -, _ and .)");
            }
            Source::Named(c.to_string())
        } else if v.get("emptyDir").is_some() {
            Source::Empty {
                memory: v["emptyDir"]["medium"].as_str() == Some("Memory"),
            }
        } else {
            bail!("pod {pod}: volume {name}: den plays hostPath, persistentVolumeClaim and emptyDir volumes");
        };
        out.insert(name.to_string(), source);
    }
    Ok(out)
}

fn container(
    pod: &str,
    c: &Value,
    volumes: &BTreeMap<String, Source>,
    pod_sc: &Value,
    init: bool,
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
        interactive: truthy(&c["stdin"]),
        tty: truthy(&c["tty"]),
        pod: Some(pod.to_string()),
        ..Default::default()
    };
    if c.get("command").is_some_and(|v| !v.is_null()) {
        s.entrypoint = Some(strings(&c["command"]));
    }
    if init {
        s.process.init_ctr = Some("always".into());
    }
    for e in c["env"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let name = e["name"]
            .as_str()
            .ok_or_else(|| anyhow!("{what}: an env entry needs a name"))?;
        if e.get("valueFrom").is_some_and(|v| !v.is_null()) {
            bail!("{what}: env {name}: valueFrom is not read by den yet (give value:)");
        }
        s.env.push(format!(
            "{name}={}",
            e["value"].as_str().unwrap_or_default()
        ));
    }
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
        if m.get("subPath").is_some_and(|s| !s.is_null()) {
            bail!("{what}: volumeMount {name}: subPath is not read by den yet (mount the volume whole, or a hostPath of the subdirectory)");
        }
        let ro = if truthy(&m["readOnly"]) { ":ro" } else { "" };
        let mount = match volumes.get(name) {
            Some(Source::Named(src)) => spec::mounts::parse_volume(&format!("{src}:{path}{ro}"))?,
            Some(Source::Empty { memory: true }) => {
                spec::mounts::parse_mount(&format!("type=tmpfs,destination={path}"))?
            }
            Some(Source::Empty { memory: false }) => {
                spec::mounts::parse_volume(&format!("{pod}-{name}:{path}{ro}"))?
            }
            None => bail!("{what}: volumeMount {name:?} names no volume of the pod"),
        };
        s.mounts.push(mount);
    }
    let sc = &c["securityContext"];
    s.security.privileged = truthy(&sc["privileged"]);
    s.security.read_only = truthy(&sc["readOnlyRootFilesystem"]);
    s.security.no_new_privileges = sc["allowPrivilegeEscalation"].as_str() == Some("false");
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
fn memory(q: &str) -> Result<u64> {
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
fn cpus(q: &str) -> Result<u64> {
    let milli = match q.strip_suffix('m') {
        Some(m) => m.parse::<f64>().ok(),
        None => q.parse::<f64>().ok().map(|c| c * 1000.0),
    }
    .filter(|m| *m > 0.0)
    .ok_or_else(|| anyhow!("cpu {q:?}: use a quantity like 500m or 0.5"))?;
    Ok((milli * 1_000_000.0) as u64)
}

/// What a play made: the claims' volumes, and each pod with its
/// containers.
pub struct Played {
    pub volumes: Vec<String>,
    pub pods: Vec<(Pod, Vec<ContainerConfig>)>,
}

/// Make what a plan asks for: volumes, then each pod and its containers.
/// All or nothing: a failure removes the pods made so far, with their
/// emptyDir volumes, and the claims' volumes this play made.
pub fn play(paths: &Paths, plan: &Plan, pull: &dyn Fn() -> Result<PullOptions>) -> Result<Played> {
    let mut new_claims = Vec::new();
    let mut out: Vec<(Pod, Vec<ContainerConfig>)> = Vec::new();
    let made = make(paths, plan, pull, &mut new_claims, &mut out);
    if let Err(e) = made {
        for (pod, _) in &out {
            let _ = pods::remove(paths, pod, true, Some(0));
        }
        for p in &plan.pods {
            for v in &p.scratch {
                remove_unused(paths, v);
            }
        }
        for v in &new_claims {
            remove_unused(paths, v);
        }
        return Err(e);
    }
    Ok(Played {
        volumes: plan.volumes.clone(),
        pods: out,
    })
}

fn make(
    paths: &Paths,
    plan: &Plan,
    pull: &dyn Fn() -> Result<PullOptions>,
    new_claims: &mut Vec<String>,
    out: &mut Vec<(Pod, Vec<ContainerConfig>)>,
) -> Result<()> {
    for v in &plan.volumes {
        if super::volumes::find(paths, v).is_err() {
            super::volumes::create(
                paths,
                super::volumes::NewVolume {
                    name: Some(v.clone()),
                    driver: "local".into(),
                    ..Default::default()
                },
            )?;
            new_claims.push(v.clone());
        }
    }
    for p in &plan.pods {
        let pod = pods::create(paths, &p.spec, pull)?;
        // Recorded at once: a failure below removes it with the rest.
        out.push((pod.clone(), Vec::new()));
        for v in &p.scratch {
            remove_unused(paths, v);
            super::volumes::create(
                paths,
                super::volumes::NewVolume {
                    name: Some(v.clone()),
                    driver: "local".into(),
                    labels: [("io.den.kube.emptydir".to_string(), pod.name.clone())].into(),
                    ..Default::default()
                },
            )?;
        }
        for c in &p.containers {
            let mut c = c.clone();
            c.replace = p.spec.replace;
            c.pod = Some(pod.id.clone());
            let cfg = super::create(paths, &c, pull)?;
            if let Some(last) = out.last_mut() {
                last.1.push(cfg);
            }
        }
    }
    Ok(())
}

/// Remove a volume of a play (a pod's emptyDir, a claim it made) if it is
/// there and no container uses it (a pod's are gone with the pod).
pub fn remove_unused(paths: &Paths, name: &str) {
    if super::volumes::find(paths, name).is_ok() {
        let _ = super::volumes::remove(paths, &[name.to_string()], false, None, |_| {});
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  restartPolicy: OnFailure
  volumes:
  - name: store
    persistentVolumeClaim:
      claimName: data
  - name: scratch
    emptyDir:
      medium: Memory
  initContainers:
  - name: prep
    image: busybox
    command: ["sh", "-c", "true"]
  containers:
  - name: srv
    image: busybox
    command: ["httpd"]
    args: ["-f", "-p", "80"]
    env:
    - name: A
      value: "1"
    ports:
    - containerPort: 80
      hostPort: 8080
    volumeMounts:
    - name: store
      mountPath: /data
      readOnly: true
    - name: scratch
      mountPath: /scratch
    securityContext:
      runAsUser: 1000
      capabilities:
        drop: [ALL]
    resources:
      limits:
        memory: 64Mi
        cpu: 500m
"#;

    #[test]
    fn a_pod_becomes_den_specs() {
        let p = plan(YAML).expect("plan");
        assert_eq!(p.volumes, ["data"]);
        assert_eq!(p.pods.len(), 1);
        let pod = &p.pods[0];
        assert_eq!(pod.spec.name.as_deref(), Some("web"));
        assert_eq!(pod.spec.labels["app"], "web");
        assert_eq!(pod.spec.infra_spec.network.publish.len(), 1);
        let [prep, srv] = &pod.containers[..] else {
            panic!("two containers: {:?}", pod.containers);
        };
        assert_eq!(prep.name.as_deref(), Some("web-prep"));
        assert_eq!(prep.process.init_ctr.as_deref(), Some("always"));
        assert_eq!(srv.name.as_deref(), Some("web-srv"));
        assert_eq!(srv.entrypoint, Some(vec!["httpd".to_string()]));
        assert_eq!(srv.command, ["-f", "-p", "80"]);
        assert_eq!(srv.env, ["A=1"]);
        assert_eq!(srv.restart.policy, "on-failure");
        assert_eq!(srv.user.as_deref(), Some("1000"));
        assert_eq!(srv.security.cap_drop, ["ALL"]);
        assert_eq!(srv.resources.memory, Some(64 << 20));
        assert_eq!(srv.resources.nano_cpus, Some(500_000_000));
        assert_eq!(srv.mounts.len(), 2);
    }

    #[test]
    fn what_den_cannot_play_is_named() {
        let e = plan("kind: Secret\nmetadata:\n  name: s\n").unwrap_err();
        assert!(format!("{e:#}").contains("kind \"Secret\""), "{e:#}");
        let e = plan("kind: Service\nmetadata:\n  name: s\n").unwrap_err();
        assert!(format!("{e:#}").contains("no Pod"), "{e:#}");
        let e = plan("kind: Pod\nspec: {}\n").unwrap_err();
        assert!(format!("{e:#}").contains("metadata.name"), "{e:#}");
        let e = plan("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: A\n      valueFrom:\n        secretKeyRef: {name: s, key: k}\n").unwrap_err();
        assert!(format!("{e:#}").contains("valueFrom"), "{e:#}");
        assert!(memory("12x").is_err() && cpus("0").is_err());
        assert_eq!(memory("1G").unwrap_or(0), 1_000_000_000);
        assert_eq!(cpus("2").unwrap_or(0), 2_000_000_000);
    }

    #[test]
    fn a_deployment_makes_one_pod() {
        let y = "kind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n";
        let p = plan(y).expect("plan");
        assert_eq!(p.pods[0].spec.name.as_deref(), Some("d-pod"));
        assert_eq!(p.pods[0].containers[0].name.as_deref(), Some("d-pod-c"));
    }
}
