//! `den kube play` and `kube down`: Kubernetes YAML (Pod, Deployment,
//! PersistentVolumeClaim) read as podman reads it, into den's own pod and
//! container specs, made through the same engine as `den pod create` and
//! `den create --pod`. A Pod's containers are named POD-CONTAINER; a
//! Deployment makes one pod, DEPLOYMENT-pod; a claim is a named volume.

mod configmaps;
pub mod generate;
mod hostpath;
mod pod;
mod probe;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use self::configmaps::ConfigMaps;
use super::images::PullOptions;
use super::pods::{self, PodSpec};
use super::spec::ContainerSpec;
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
    /// The pod's configMap volumes (among `scratch`), with their files.
    pub config_volumes: Vec<(String, Vec<configmaps::File>)>,
    /// Its hostPath volumes, with the type each asks for.
    pub host_paths: Vec<hostpath::HostPath>,
    /// Init containers first (run to their end at each pod start), then
    /// the containers.
    pub containers: Vec<ContainerSpec>,
}

/// Read the documents of a Kubernetes YAML file; `configmaps`: the text
/// of `--configmap` files (ConfigMap documents only).
pub fn plan(text: &str, configmaps: &[String]) -> Result<Plan> {
    plan_with(text, configmaps, ConfigMaps::default())
}

fn plan_with(text: &str, configmaps: &[String], mut maps: ConfigMaps) -> Result<Plan> {
    for (f, extra) in configmaps.iter().enumerate() {
        for (i, v) in parsed(extra)?.into_iter().enumerate() {
            let what = || format!("--configmap {}: document {}", f + 1, i + 1);
            if v["kind"].as_str() != Some("ConfigMap") {
                bail!("{}: a --configmap file holds ConfigMaps only", what());
            }
            let name = name_of(&v)
                .ok_or_else(|| anyhow!("{}: a ConfigMap needs metadata.name", what()))?;
            maps.add(name, &v)?;
        }
    }
    let docs = parsed(text)?;
    for v in docs
        .iter()
        .filter(|v| v["kind"].as_str() == Some("ConfigMap"))
    {
        if let Some(name) = name_of(v) {
            maps.add(name, v)?;
        }
    }
    let mut plan = Plan::default();
    for (i, v) in docs.iter().enumerate() {
        let kind = v["kind"].as_str().unwrap_or_default();
        let name = name_of(v)
            .ok_or_else(|| anyhow!("document {}: a {kind} needs metadata.name", i + 1))?;
        match kind {
            "Pod" => plan.pods.push(pod::pod(name, &v["metadata"], &v["spec"], &maps)?),
            "Deployment" => plan.pods.push(pod::pod(
                &format!("{name}-pod"),
                &v["spec"]["template"]["metadata"],
                &v["spec"]["template"]["spec"],
                &maps,
            )?),
            "PersistentVolumeClaim" => plan.volumes.push(name.to_string()),
            // A Service routes in a cluster: the ports are the pods'
            // hostPorts here, as podman reads it. ConfigMaps are read above.
            "Service" | "ConfigMap" => {}
            other => bail!(
                "document {}: kind {other:?}: den plays Pod, Deployment, PersistentVolumeClaim and ConfigMap",
                i + 1
            ),
        }
    }
    if plan.pods.is_empty() && plan.volumes.is_empty() {
        bail!("the YAML has no Pod, Deployment or PersistentVolumeClaim");
    }
    Ok(plan)
}

/// The YAML's documents as JSON, empty ones left out.
fn parsed(text: &str) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for (i, doc) in documents(text).iter().enumerate() {
        let node =
            crate::compose::yaml::parse(doc).with_context(|| format!("document {}", i + 1))?;
        let v = json(&node);
        if v.is_null() || v.as_object().is_some_and(|m| m.is_empty()) {
            continue;
        }
        out.push(v);
    }
    Ok(out)
}

fn name_of(v: &Value) -> Option<&str> {
    v["metadata"]["name"].as_str().filter(|n| !n.is_empty())
}

/// `kube down`: remove the pods a YAML file makes (those of its names:
/// one taken down already is no error), then their emptyDir volumes. The
/// ids of the pods removed.
pub fn down(paths: &Paths, text: &str) -> Result<Vec<String>> {
    // Only the names count: a ConfigMap given to play with --configmap
    // is not needed here.
    let plan = plan_with(text, &[], ConfigMaps::lenient())?;
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
    for p in &plan.pods {
        let Some(name) = &p.spec.name else {
            continue;
        };
        for v in &p.scratch {
            // A volume of that name that is not this pod's stays.
            let _ = remove_scratch(paths, v, name);
        }
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
        // Only what this play made: the pods in `out` (in the plan's
        // order) and the claims it created.
        for ((pod, _), p) in out.iter().zip(&plan.pods) {
            for v in &p.scratch {
                let _ = remove_scratch(paths, v, &pod.name);
            }
        }
        for v in &new_claims {
            if super::volumes::find(paths, v).is_ok() {
                let _ = remove_apart(paths, v);
            }
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
    preflight(paths, plan)?;
    for p in &plan.pods {
        hostpath::make(p.spec.name.as_deref().unwrap_or_default(), &p.host_paths)?;
    }
    for p in &plan.pods {
        let pod = pods::create(paths, &p.spec, pull)?;
        // Recorded at once: a failure below removes it with the rest.
        out.push((pod.clone(), Vec::new()));
        for v in &p.scratch {
            remove_scratch(paths, v, &pod.name)?;
            super::volumes::create(
                paths,
                super::volumes::NewVolume {
                    name: Some(v.clone()),
                    driver: "local".into(),
                    labels: [(SCRATCH_LABEL.to_string(), pod.name.clone())].into(),
                    ..Default::default()
                },
            )?;
        }
        for (v, files) in &p.config_volumes {
            let tar = tar_of(files)?;
            super::rootfs::apart(|| super::volumes::import(paths, v, &tar[..]))
                .with_context(|| format!("filling configMap volume {v}"))?;
        }
        for c in &p.containers {
            let mut c = c.clone();
            // The preflight found no container of that name but the old
            // pod's, which --replace removed with its pod.
            c.replace = false;
            c.pod = Some(pod.id.clone());
            let cfg = super::create(paths, &c, pull)?;
            if let Some(last) = out.last_mut() {
                last.1.push(cfg);
            }
        }
    }
    Ok(())
}

/// What would make the play fail half-way, found before anything is
/// made or replaced: a container spec that is not valid, a pod or
/// container name in use (without `--replace`), a volume of the user's
/// named like a pod's.
fn preflight(paths: &Paths, plan: &Plan) -> Result<()> {
    let containers = crate::container::Containers::new(paths).list()?;
    let mut names = std::collections::BTreeSet::new();
    for c in plan.pods.iter().flat_map(|p| &p.containers) {
        c.validate()?;
        if let Some(n) = &c.name {
            if !names.insert(n.as_str()) {
                bail!("two containers of the YAML would both be named {n:?} (POD-CONTAINER): rename a pod or a container");
            }
        }
    }
    let mut pod_names = std::collections::BTreeSet::new();
    for p in &plan.pods {
        let Some(name) = &p.spec.name else {
            continue;
        };
        if !pod_names.insert(name.as_str()) {
            bail!("two pods of the YAML are named {name}: rename one");
        }
        hostpath::check(name, &p.host_paths)?;
        for v in &p.scratch {
            check_scratch(paths, v, name)?;
        }
        let old = pods::find(paths, name).ok().filter(|o| o.name == *name);
        if old.is_some() && !p.spec.replace {
            bail!("the pod name {name} is in use (kube play --replace replaces it; kube down FILE removes it)");
        }
        // What --replace removes: the old pod's own containers, no other.
        let old_id = old.map(|o| o.id);
        let outside = |x: &&ContainerConfig| old_id.is_none() || x.extras.pod != old_id;
        for c in p.containers.iter().filter_map(|c| c.name.as_deref()) {
            if containers.iter().filter(outside).any(|x| x.name == c) {
                bail!("the container name {c:?} is in use by a container that is not pod {name}'s (remove or rename it)");
            }
        }
        for v in &p.scratch {
            let users: Vec<&str> = containers
                .iter()
                .filter(outside)
                .filter(|x| {
                    x.mounts.iter().any(|m| {
                        m.kind == crate::container::mounts::MountKind::Volume && m.source == *v
                    })
                })
                .map(|x| x.name.as_str())
                .collect();
            if !users.is_empty() {
                bail!(
                    "volume {v}, pod {name}'s, is used by container {} (remove it first: play makes the volume afresh)",
                    users.join(", ")
                );
            }
        }
    }
    Ok(())
}

/// A tar stream of a configMap volume's files (owned by the container's
/// root), with their directories.
fn tar_of(files: &[configmaps::File]) -> Result<Vec<u8>> {
    let mut b = tar::Builder::new(Vec::new());
    let mut dirs = std::collections::BTreeSet::new();
    for f in files {
        let mut parent = std::path::Path::new(&f.path).parent();
        let mut missing = Vec::new();
        while let Some(d) = parent.filter(|d| !d.as_os_str().is_empty()) {
            if dirs.insert(d.to_path_buf()) {
                missing.push(d.to_path_buf());
            }
            parent = d.parent();
        }
        for d in missing.into_iter().rev() {
            let mut h = header(tar::EntryType::Directory, 0o755, 0);
            b.append_data(&mut h, &d, std::io::empty())?;
        }
        let mut h = header(tar::EntryType::Regular, f.mode, f.data.len() as u64);
        b.append_data(&mut h, &f.path, &f.data[..])?;
    }
    Ok(b.into_inner()?)
}

/// A tar header owned by root, of now.
fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    );
    h
}

/// The label that marks a volume as a pod's emptyDir or configMap
/// volume; its value is the pod's name.
const SCRATCH_LABEL: &str = "io.den.kube.emptydir";

/// Refuse to play over a volume named like one of a pod's emptyDir or
/// configMap volumes (`POD-VOLUME`) that is not that pod's: it is the
/// user's, and play would empty it.
fn check_scratch(paths: &Paths, name: &str, pod: &str) -> Result<()> {
    match super::volumes::find(paths, name) {
        Ok(v) if v.labels.get(SCRATCH_LABEL).map(String::as_str) != Some(pod) => {
            anyhow::bail!(
                "volume {name} exists and is not pod {pod}'s: kube play names the pod's emptyDir and configMap volumes POD-VOLUME (remove or rename the volume, or rename the pod)"
            )
        }
        _ => Ok(()),
    }
}

/// Remove pod `pod`'s emptyDir or configMap volume `name` if it is there
/// and unused (a pod's containers are gone with the pod); a volume of that
/// name that is not the pod's is refused.
fn remove_scratch(paths: &Paths, name: &str, pod: &str) -> Result<()> {
    if super::volumes::find(paths, name).is_err() {
        return Ok(());
    }
    check_scratch(paths, name, pod)?;
    remove_apart(paths, name)
}

/// `volume rm NAME` from a forked child: removal enters den's user
/// namespace, and the play must stay outside it to join a pod's.
fn remove_apart(paths: &Paths, name: &str) -> Result<()> {
    super::rootfs::apart(|| {
        let mut failed = None;
        super::volumes::remove(paths, &[name.to_string()], false, None, |r| {
            if let super::volumes::Removal::Failed(e) = r {
                failed = Some(e);
            }
        })?;
        failed.map_or(Ok(()), Err)
    })
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

    fn plan_of(text: &str) -> Result<Plan> {
        plan(text, &[])
    }

    #[test]
    fn a_pod_becomes_den_specs() {
        let p = plan(YAML, &[]).expect("plan");
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
        let e = plan_of("kind: Secret\nmetadata:\n  name: s\n").unwrap_err();
        assert!(format!("{e:#}").contains("kind \"Secret\""), "{e:#}");
        let e = plan_of("kind: Service\nmetadata:\n  name: s\n").unwrap_err();
        assert!(format!("{e:#}").contains("no Pod"), "{e:#}");
        let e = plan_of("kind: Pod\nspec: {}\n").unwrap_err();
        assert!(format!("{e:#}").contains("metadata.name"), "{e:#}");
        let e = plan_of("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: A\n      valueFrom:\n        secretKeyRef: {name: s, key: k}\n").unwrap_err();
        assert!(format!("{e:#}").contains("secretKeyRef"), "{e:#}");
        assert!(pod::memory("12x").is_err() && pod::cpus("0").is_err());
        assert_eq!(pod::memory("1G").unwrap_or(0), 1_000_000_000);
        assert_eq!(pod::cpus("2").unwrap_or(0), 2_000_000_000);
    }

    #[test]
    fn a_deployment_makes_one_pod() {
        let y = "kind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n";
        let p = plan(y, &[]).expect("plan");
        assert_eq!(p.pods[0].spec.name.as_deref(), Some("d-pod"));
        assert_eq!(p.pods[0].containers[0].name.as_deref(), Some("d-pod-c"));
    }
}
