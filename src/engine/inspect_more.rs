//! The rest of podman's container inspect fields: capabilities, the
//! security settings, DNS and hosts, devices and ulimits, the pod, and the
//! fields podman shows with their zero value where den (as rootless podman
//! on cgroup v2) has nothing to say. Each value is den's own record.

use serde_json::{json, Value};

use crate::container::ContainerConfig;
use crate::runtime::security::DEFAULT_CAPS;

/// Add the fields to a container's inspect JSON.
pub fn add(v: &mut Value, c: &ContainerConfig) {
    // Recorded as resolve_caps makes them: CAP_ names, as podman shows.
    let caps = &c.security.caps;
    let cap_add: Vec<&String> = caps
        .iter()
        .filter(|x| !DEFAULT_CAPS.contains(&x.as_str()))
        .collect();
    let cap_drop: Vec<&&str> = DEFAULT_CAPS
        .iter()
        .filter(|x| !caps.iter().any(|c| c == *x))
        .collect();
    let mut security_opt = Vec::new();
    if c.security.no_new_privileges {
        security_opt.push("no-new-privileges".to_string());
    }
    if let Some(s) = &c.security.seccomp {
        security_opt.push(format!("seccomp={s}"));
    }
    let top = json!({
        "EffectiveCaps": caps,
        "BoundingCaps": caps,
        "AppArmorProfile": "",
        "MountLabel": "",
        "Namespace": "",
        "ExecIDs": [],
        "IsService": false,
        "IsInfra": c.extras.pause,
        "Pod": c.extras.pod.clone().unwrap_or_default(),
        "Dependencies": c.extras.requires,
        "PidFile": c.pidfile.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
        "ConmonPidFile": c.extras.conmon_pidfile.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
        "GraphDriver": {
            "Name": if c.driver.is_empty() { "overlay" } else { c.driver.as_str() },
            "Data": null,
        },
    });
    let config = json!({
        "AttachStdin": c.interactive,
        "Domainname": "",
        "OnBuild": null,
        "StdinOnce": false,
        "Volumes": null,
        "sdNotifyMode": c.sdnotify,
    });
    let ports = v["NetworkSettings"]["Ports"].clone();
    // Per-device I/O limits as podman lists them (null for none).
    let io = &c.resources.io;
    let rates = |list: &[(String, u64)]| -> Value {
        if list.is_empty() {
            return Value::Null;
        }
        json!(list
            .iter()
            .map(|(d, r)| json!({"Path": d, "Rate": r}))
            .collect::<Vec<_>>())
    };
    let weights: Value = if io.weight_device.is_empty() {
        Value::Null
    } else {
        json!(io
            .weight_device
            .iter()
            .map(|(d, w)| json!({"Path": d, "Weight": w}))
            .collect::<Vec<_>>())
    };
    let host = json!({
        "CapAdd": cap_add,
        "CapDrop": cap_drop,
        "Privileged": c.security.privileged,
        "ReadonlyRootfs": c.security.read_only_root,
        "SecurityOpt": security_opt,
        "Dns": c.net.dns,
        "DnsSearch": c.net.dns_search,
        "DnsOptions": c.net.dns_options,
        "ExtraHosts": c.net.add_hosts.iter().map(|(h, ip)| format!("{h}:{ip}")).collect::<Vec<_>>(),
        "PortBindings": if ports.is_object() { ports } else { json!({}) },
        "Devices": c.security.devices.iter().map(|(on_host, inside)| json!({
            "PathOnHost": on_host, "PathInContainer": inside, "CgroupPermissions": "rwm",
        })).collect::<Vec<_>>(),
        "Ulimits": c.security.ulimits.iter().map(|(name, soft, hard)| json!({
            "Name": format!("RLIMIT_{}", name.to_ascii_uppercase()), "Soft": soft, "Hard": hard,
        })).collect::<Vec<_>>(),
        "BlkioWeightDevice": weights,
        "BlkioDeviceReadBps": rates(&io.read_bps),
        "BlkioDeviceWriteBps": rates(&io.write_bps),
        "BlkioDeviceReadIOps": rates(&io.read_iops),
        "BlkioDeviceWriteIOps": rates(&io.write_iops),
        "Runtime": "oci",
        "CgroupManager": "cgroupfs",
        "CgroupMode": v["HostConfig"]["CgroupnsMode"].clone(),
        "Cgroup": "",
        "ConsoleSize": [0, 0],
        "Isolation": "",
        "Links": null,
        "VolumeDriver": "",
        "VolumesFrom": null,
        // cgroup v2 and Windows knobs podman shows as zero.
        "CpuCount": 0,
        "CpuPercent": 0,
        "CpuRealtimePeriod": 0,
        "CpuRealtimeRuntime": 0,
        "DiskQuota": 0,
        "IOMaximumBandwidth": 0,
        "IOMaximumIOps": 0,
        "KernelMemory": 0,
        "MemorySwappiness": 0,
        "OomKillDisable": false,
    });
    merge(v, top);
    v["ProcessLabel"] = v.get("ProcessLabel").cloned().unwrap_or(json!(""));
    merge(
        &mut v["State"],
        json!({
            // Go's zero time: never checkpointed or restored (den cannot).
            "CheckpointedAt": "0001-01-01T00:00:00Z",
            "RestoredAt": "0001-01-01T00:00:00Z",
            "Health": {"Status": "", "FailingStreak": 0, "Log": null},
        }),
    );
    merge(&mut v["Config"], config);
    merge(&mut v["HostConfig"], host);
    if v["Config"]["HealthcheckOnFailureAction"].is_null() {
        v["Config"]["HealthcheckOnFailureAction"] = json!("none");
    }
    if let Value::Object(log) = &mut v["HostConfig"]["LogConfig"] {
        log.entry("Tag").or_insert(json!(""));
        log.entry("Config").or_insert(Value::Null);
    }
    let ns = json!({
        "Bridge": "",
        "EndpointID": "",
        "SandboxID": "",
        "HairpinMode": false,
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "IPv6Gateway": "",
        "LinkLocalIPv6Address": "",
        "LinkLocalIPv6PrefixLen": 0,
    });
    merge(&mut v["NetworkSettings"], ns);
}

/// Add `extra`'s keys to `v`, keeping those `v` has.
fn merge(v: &mut Value, extra: Value) {
    if let (Value::Object(m), Value::Object(e)) = (v, extra) {
        for (k, x) in e {
            m.entry(k).or_insert(x);
        }
    }
}
