//! What `inspect` and `ps` show of a container, as podman shapes it (the
//! same JSON an API will answer with).

use crate::runtime::nsmodes::{NsMode, NsModes};
use anyhow::Result;
use chrono::Utc;
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::mounts::{Mount, MountKind};
use crate::container::{ContainerConfig, Containers};

/// What `inspect` shows of the object `name`: with `kind` `all`, the first
/// container, image, volume, network or pod of that name, in that order
/// (podman's); `size`: a container's SizeRw too. `template`: as a
/// `--format` template sees it (the fields podman's JSON leaves out when
/// unset, at their Go zero value, as its templates see them).
pub fn find(
    paths: &Paths,
    name: &str,
    kind: &str,
    size: bool,
    template: bool,
) -> Result<Option<Value>> {
    if !matches!(
        kind,
        "image" | "container" | "volume" | "network" | "pod" | "all"
    ) {
        anyhow::bail!(
            "invalid --type {kind:?} (use container, image, volume, network, pod or all)"
        );
    }
    let wants = |k: &str| kind == k || kind == "all";
    if wants("container") {
        let containers = Containers::new(paths);
        if let Ok(c) = containers.find(name) {
            if size {
                prepare_sizes()?;
            }
            return container_json(paths, &containers, &c, size).map(Some);
        }
    }
    if wants("image") {
        if let Some(img) = super::images::lookup(paths, name)? {
            let v = super::images::inspect_json(paths, &img)?;
            return Ok(Some(match template {
                true => crate::image::inspect::template_json(v),
                false => v,
            }));
        }
    }
    if wants("volume") {
        if let Ok(v) = super::volumes::find(paths, name) {
            return Ok(Some(match template {
                true => super::volumes::template_json(paths, &v),
                false => super::volumes::inspect_json(paths, &v),
            }));
        }
    }
    if wants("network") {
        if let Ok(net) = super::networks::find(paths, name) {
            return Ok(Some(super::networks::inspect_json(paths, &net)));
        }
    }
    if wants("pod") {
        if let Ok(pod) = super::pods::find(paths, name) {
            return super::pods::inspect_json(paths, &pod).map(Some);
        }
    }
    Ok(None)
}

/// Call before asking for sizes: a container's files belong to subordinate
/// ids, which only den's user namespace may read.
pub fn prepare_sizes() -> Result<()> {
    crate::runtime::userns::enter().map(|_| ())
}

/// The size of a container's writable layer (call inside den's user namespace).
pub fn rw_size(containers: &Containers, id: &str) -> u64 {
    fn walk(p: &std::path::Path) -> u64 {
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            return 0;
        };
        if meta.is_dir() {
            std::fs::read_dir(p)
                .map(|r| r.flatten().map(|e| walk(&e.path())).sum())
                .unwrap_or(0)
        } else {
            meta.len()
        }
    }
    let dir = containers.dir(id);
    walk(&dir.join("upper")) + walk(&dir.join("rootfs"))
}

/// The podman-shaped JSON of a container.
pub fn container_json(
    paths: &Paths,
    containers: &Containers,
    c: &ContainerConfig,
    size: bool,
) -> Result<Value> {
    let st = containers.live_state(&c.id)?;
    let dir = containers.dir(&c.id);
    let time = |t: Option<chrono::DateTime<Utc>>| {
        t.map(|t| t.to_rfc3339())
            .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
    };
    let restart = if c.restart_max > 0 {
        format!("{}:{}", c.restart, c.restart_max)
    } else {
        c.restart.clone()
    };
    let mut v = json!({
        "Id": c.id,
        "Created": c.created.to_rfc3339(),
        "Path": c.args.first().cloned().unwrap_or_default(),
        "Args": c.args.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "Status": st.status,
            "Running": st.status == "running",
            "Paused": st.status == "paused",
            "Restarting": st.status == "restarting",
            "OOMKilled": st.oom_killed,
            "Dead": false,
            "Pid": st.init.pid,
            "ConmonPid": st.supervisor.pid,
            "CgroupPath": st.cgroup.as_ref().map(|d| d.display().to_string()).unwrap_or_default(),
            "ExitCode": st.exit_code.unwrap_or(0),
            "Error": st.error.clone().unwrap_or_default(),
            "StartedAt": time(st.started_at),
            "FinishedAt": time(st.finished_at),
        },
        "Image": c.image_id,
        "ImageName": c.image_name,
        // The image's manifest digest, while the image is still there.
        "ImageDigest": crate::image::store::Store::new(paths)
            .images()
            .ok()
            .and_then(|imgs| imgs.into_iter().find(|i| i.id == c.image_id))
            .map(|i| i.digest)
            .unwrap_or_default(),
        "Rootfs": "",
        "ResolvConfPath": dir.join("resolv.conf").display().to_string(),
        "HostnamePath": dir.join("hostname").display().to_string(),
        "HostsPath": dir.join("hosts").display().to_string(),
        "StaticDir": dir.display().to_string(),
        "LogPath": containers.log_path(&c.id).display().to_string(),
        "OCIRuntime": "den",
        "Name": c.name,
        "RestartCount": st.restart_count,
        "Driver": if c.driver.is_empty() { "overlay" } else { &c.driver },
        "Mounts": mounts_json(paths, c),
        "NetworkSettings": network_settings(paths, c),
        "Config": {
            "Hostname": c.hostname,
            "User": c.user,
            "Env": c.env,
            "Cmd": c.cmd,
            "Entrypoint": c.entrypoint,
            "Image": c.image_name,
            "WorkingDir": c.workdir,
            "Labels": c.labels,
            "StopSignal": c.stop_signal,
            "StopTimeout": c.stop_timeout,
            "OpenStdin": c.interactive,
            "Tty": c.tty,
            "CreateCommand": c.create_command,
            "Annotations": c.annotations,
            "Umask": format!("{:04o}", c.process.umask.unwrap_or(crate::runtime::procattrs::DEFAULT_UMASK)),
            "Timeout": c.extras.timeout.unwrap_or(0),
            "Timezone": c.extras.tz.clone().unwrap_or_default(),
            "Passwd": !c.extras.no_passwd,
        },
        "HostConfig": {
            "AutoRemove": c.remove,
            "IpcMode": if c.namespaces.ipc == NsMode::Private { "shareable".to_string() } else { NsModes::word(&c.namespaces.ipc) },
            "PidMode": NsModes::word(&c.namespaces.pid),
            "UTSMode": NsModes::word(&c.namespaces.uts),
            "CgroupnsMode": match c.namespaces.cgroup { Some(false) => "host", _ => "private" },
            "GroupAdd": if c.process.keep_groups { vec!["keep-groups".to_string()] } else { c.process.group_add.clone() },
            "OomScoreAdj": c.process.oom_score_adj.unwrap_or(0),
            "ShmSize": c.extras.shm_size.unwrap_or(64 << 20),
            "NetworkMode": c.network,
            "RestartPolicy": { "Name": restart, "MaximumRetryCount": c.restart_max },
            "LogConfig": { "Type": c.log_driver, "Path": containers.log_path(&c.id).display().to_string(), "Size": c.log_max_size.to_string() },
            "Binds": c.mounts.iter().filter(|m| m.kind != MountKind::Tmpfs).map(|m| format!("{}:{}:{}", m.source, m.destination, options(m).join(","))).collect::<Vec<_>>(),
            "Tmpfs": c.mounts.iter().filter(|m| m.kind == MountKind::Tmpfs).map(|m| (m.destination.clone(), json!(options(m).join(",")))).collect::<serde_json::Map<_, _>>(),
        },
    });
    resources_json(&mut v["HostConfig"], &c.resources, st.cgroup.as_deref());
    if let Some(hc) = &c.health {
        // As Docker's: durations in nanoseconds.
        v["Config"]["Healthcheck"] = json!({
            "Test": hc.test,
            "Interval": hc.interval,
            "Timeout": hc.timeout,
            "StartPeriod": hc.start_period,
            "StartInterval": hc.start_interval,
            "Retries": hc.retries,
        });
        v["Config"]["HealthcheckOnFailureAction"] = json!(hc.on_failure);
        let health = crate::container::health::read(&dir).unwrap_or_default();
        v["State"]["Health"] = json!(health);
    }
    if size {
        v["SizeRw"] = json!(rw_size(containers, &c.id));
    }
    super::inspect_more::add(&mut v, c);
    Ok(v)
}

/// The limits as podman's inspect names them (0: none), and the cgroup.
fn resources_json(
    host: &mut Value,
    r: &crate::cgroups::Resources,
    cgroup: Option<&std::path::Path>,
) {
    let (quota, period) = match (r.nano_cpus, r.cpu_quota) {
        (Some(n), _) => {
            let period = crate::cgroups::limits::DEFAULT_CPU_PERIOD;
            ((n as u128 * period as u128 / 1_000_000_000) as i64, period)
        }
        (None, q) => (q.unwrap_or(0), r.cpu_period.unwrap_or(0)),
    };
    let fields = json!({
        "Memory": r.memory.unwrap_or(0),
        "MemoryReservation": r.memory_reservation.unwrap_or(0),
        "MemorySwap": r.memory_swap.unwrap_or(match r.memory { Some(m) => 2 * m as i64, None => 0 }),
        "NanoCpus": r.nano_cpus.unwrap_or(0),
        "CpuShares": r.cpu_shares.unwrap_or(0),
        "CpuQuota": quota,
        "CpuPeriod": period,
        "CpusetCpus": r.cpuset_cpus.clone().unwrap_or_default(),
        "CpusetMems": r.cpuset_mems.clone().unwrap_or_default(),
        "PidsLimit": r.pids_limit.unwrap_or(if cgroup.is_some_and(|d| d.join("pids.max").exists()) { crate::cgroups::limits::DEFAULT_PIDS_LIMIT } else { 0 }),
        "BlkioWeight": r.blkio_weight.unwrap_or(0),
        "Cgroups": match r.cgroups { crate::cgroups::CgroupsMode::Disabled => "disabled", _ => "enabled" },
        "CgroupParent": cgroup.and_then(|d| d.parent()).map(|p| p.display().to_string()).unwrap_or_default(),
    });
    if let (Value::Object(h), Value::Object(f)) = (host, fields) {
        h.extend(f);
    }
}

/// A mount's options as podman lists them (`rw,rprivate,nosuid,nodev,rbind`).
fn options(m: &Mount) -> Vec<String> {
    let mut o = vec![
        if m.read_only { "ro" } else { "rw" }.to_string(),
        m.propagation.clone(),
    ];
    let volume_default = m.kind != MountKind::Bind;
    for (explicit, on, off) in [(m.suid, "suid", "nosuid"), (m.dev, "dev", "nodev")] {
        match explicit {
            Some(true) => o.push(on.into()),
            Some(false) => o.push(off.into()),
            None if volume_default => o.push(off.into()),
            None => {}
        }
    }
    match m.exec {
        Some(true) => o.push("exec".into()),
        Some(false) => o.push("noexec".into()),
        None => {}
    }
    if m.chown {
        o.push("U".into());
    }
    if m.overlay {
        o.push("O".into());
    }
    if m.kind != MountKind::Tmpfs {
        o.push(if m.recursive { "rbind" } else { "bind" }.into());
    } else if m.copy_up {
        o.push("tmpcopyup".into());
    }
    o
}

/// `Mounts` as podman inspect shows them.
fn mounts_json(paths: &Paths, c: &ContainerConfig) -> Value {
    let volumes = crate::volume::Volumes::new(paths);
    let list: Vec<Value> = c
        .mounts
        .iter()
        .map(|m| {
            let (name, source) = match m.kind {
                MountKind::Volume => (
                    m.source.clone(),
                    volumes
                        .find(&m.source)
                        .map(|v| volumes.mountpoint(&v).display().to_string())
                        .unwrap_or_default(),
                ),
                MountKind::Bind => (String::new(), m.source.clone()),
                MountKind::Tmpfs => (String::new(), "tmpfs".into()),
            };
            let mut j = json!({
                "Type": m.kind.name(),
                "Name": name,
                "Source": source,
                "Destination": m.destination,
                "Driver": if m.kind == MountKind::Volume { "local" } else { "" },
                "Mode": "",
                "Options": options(m).into_iter().filter(|o| !matches!(o.as_str(), "rw" | "ro") && !o.ends_with("private") && !o.ends_with("shared") && !o.ends_with("slave")).collect::<Vec<_>>(),
                "RW": !m.read_only,
                "Propagation": m.propagation,
            });
            // A kube hostPath's subPath, as podman 5 shows it.
            if let (Some(sub), Value::Object(o)) = (&m.sub_path, &mut j) {
                o.insert("SubPath".into(), json!(sub));
            }
            j
        })
        .collect();
    Value::Array(list)
}

/// Ports and, on user-defined networks, the addresses of a running container.
fn network_settings(paths: &Paths, c: &ContainerConfig) -> serde_json::Value {
    let leases = crate::network::bridge::of_container(paths, &c.id);
    let mut networks = serde_json::Map::new();
    for a in &c.net.networks {
        let l = leases.iter().find(|l| l.network == a.network);
        networks.insert(
            a.network.clone(),
            json!({
                "IPAddress": l.map(|l| l.ip.to_string()).unwrap_or_default(),
                "IPPrefixLen": l.map(|l| l.prefix).unwrap_or(0),
                "Gateway": l.map(|l| l.gateway.to_string()).unwrap_or_default(),
                "MacAddress": l.and_then(|l| l.mac.clone()).unwrap_or_default(),
                "NetworkID": l.map(|l| l.network_id.clone()).unwrap_or_default(),
                "Aliases": a.aliases,
                "InterfaceName": l.map(|l| l.iface.clone()).unwrap_or_default(),
            }),
        );
    }
    let first = leases.first();
    json!({
        "Ports": inspect_ports(&c.net.ports),
        "SandboxKey": "",
        "IPAddress": first.map(|l| l.ip.to_string()).unwrap_or_default(),
        "IPPrefixLen": first.map(|l| l.prefix).unwrap_or(0),
        "Gateway": first.map(|l| l.gateway.to_string()).unwrap_or_default(),
        "MacAddress": first.and_then(|l| l.mac.clone()).unwrap_or_default(),
        "Networks": networks,
    })
}

/// `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`, as podman inspect shows ports.
fn inspect_ports(ports: &[crate::network::PortMapping]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for p in ports {
        for (host, port) in p.pairs() {
            let key = format!("{port}/{}", p.protocol);
            let entry = json!({"HostIp": p.host_ip, "HostPort": host.to_string()});
            if let Some(list) = m.entry(key).or_insert_with(|| json!([])).as_array_mut() {
                list.push(entry);
            }
        }
    }
    serde_json::Value::Object(m)
}
