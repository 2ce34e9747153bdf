//! A container's security settings, podman's defaults as the floor:
//! capabilities, no-new-privileges, masked and read-only paths, a read-only
//! root. Capabilities are applied by [`apply_caps`] just before exec.

use std::collections::HashSet;
use std::str::FromStr;

use anyhow::{bail, Result};
use caps::{CapSet, Capability};
use serde::{Deserialize, Serialize};

/// Podman's default capabilities.
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// Podman's masked paths: hidden behind /dev/null (files) or an empty
/// read-only tmpfs (directories).
pub const DEFAULT_MASKED: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
];

/// Podman's read-only paths.
pub const DEFAULT_READONLY: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// What a container (and every exec in it) runs with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Security {
    /// Capability names (`CAP_X`) of the bounding, effective and permitted sets for root.
    pub caps: Vec<String>,
    /// `--privileged`: every capability, no masked or read-only paths.
    pub privileged: bool,
    pub no_new_privileges: bool,
    pub masked: Vec<String>,
    pub readonly: Vec<String>,
    /// `--read-only`: the root filesystem is read-only.
    pub read_only_root: bool,
    /// With a read-only root: tmpfs on /tmp, /run, /var/tmp.
    pub read_only_tmpfs: bool,
    /// `--ulimit NAME=SOFT[:HARD]`: (resource name, soft, hard).
    #[serde(default)]
    pub ulimits: Vec<(String, u64, u64)>,
    /// `--sysctl KEY=VALUE` (namespaced sysctls only).
    #[serde(default)]
    pub sysctls: Vec<(String, String)>,
    /// `--device HOST[:CONTAINER]`: host devices bound into /dev.
    #[serde(default)]
    pub devices: Vec<(String, String)>,
    /// The seccomp profile: `default` (den's), a profile file's path, or
    /// none (`seccomp=unconfined`, `--privileged`). Its compiled filter is
    /// stored in the container's directory.
    #[serde(default)]
    pub seccomp: Option<String>,
}

impl Default for Security {
    fn default() -> Self {
        Security {
            caps: DEFAULT_CAPS.iter().map(|s| s.to_string()).collect(),
            privileged: false,
            no_new_privileges: false,
            masked: DEFAULT_MASKED.iter().map(|s| s.to_string()).collect(),
            readonly: DEFAULT_READONLY.iter().map(|s| s.to_string()).collect(),
            read_only_root: false,
            read_only_tmpfs: true,
            ulimits: Vec::new(),
            sysctls: Vec::new(),
            devices: Vec::new(),
            seccomp: Some("default".into()),
        }
    }
}

/// `chown`, `CAP_CHOWN`, `cap_chown` -> `CAP_CHOWN`, checked against the known names.
fn canonical(name: &str) -> Result<String> {
    let upper = name.trim().to_ascii_uppercase();
    let full = if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    };
    if Capability::from_str(&full).is_err() {
        bail!("unknown capability {name:?} (use names like NET_ADMIN or CAP_NET_ADMIN, or ALL)");
    }
    Ok(full)
}

/// The capability set from podman's defaults and `--cap-add`/`--cap-drop`
/// (names with or without `CAP_`, comma-separated, and `ALL`).
pub fn resolve_caps(add: &[String], drop: &[String], privileged: bool) -> Result<Vec<String>> {
    let split = |v: &[String]| -> Vec<String> {
        v.iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let (add, drop) = (split(add), split(drop));
    let all: Vec<String> = caps::all().into_iter().map(|c| c.to_string()).collect();
    let mut set: Vec<String> = if privileged {
        all.clone()
    } else {
        DEFAULT_CAPS.iter().map(|s| s.to_string()).collect()
    };
    if drop.iter().any(|d| d.eq_ignore_ascii_case("all")) {
        set.clear();
    } else {
        for d in &drop {
            let c = canonical(d)?;
            set.retain(|x| *x != c);
        }
    }
    if add.iter().any(|a| a.eq_ignore_ascii_case("all")) {
        set = all;
    } else {
        for a in &add {
            let c = canonical(a)?;
            if !set.contains(&c) {
                set.push(c);
            }
        }
    }
    set.sort();
    Ok(set)
}

/// Limit the bounding set (call as root in the container's user
/// namespace, before switching to the container user).
pub fn limit_bounding(sec: &Security) -> Result<(), String> {
    if sec.privileged {
        return Ok(());
    }
    let keep: HashSet<Capability> = sec
        .caps
        .iter()
        .filter_map(|c| Capability::from_str(c).ok())
        .collect();
    for cap in caps::all() {
        if !keep.contains(&cap) {
            // Capabilities this kernel does not know cannot be dropped: skip them.
            let _ = caps::drop(None, CapSet::Bounding, cap);
        }
    }
    Ok(())
}

/// The final sets after the switch to the container user: for root the
/// container's capabilities as effective and permitted, inheritable and
/// ambient empty (a non-root user already lost them in setresuid).
pub fn apply_caps(sec: &Security, uid: u32) -> Result<(), String> {
    let keep: caps::CapsHashSet = sec
        .caps
        .iter()
        .filter_map(|c| Capability::from_str(c).ok())
        .collect();
    let e = |what: &str, err: caps::errors::CapsError| {
        format!("setting the {what} capabilities: {err}")
    };
    caps::clear(None, CapSet::Ambient).map_err(|x| e("ambient", x))?;
    caps::clear(None, CapSet::Inheritable).map_err(|x| e("inheritable", x))?;
    if uid == 0 && !sec.privileged {
        let now = caps::read(None, CapSet::Permitted).map_err(|x| e("permitted", x))?;
        let target: caps::CapsHashSet = now.intersection(&keep).copied().collect();
        caps::set(None, CapSet::Effective, &target).map_err(|x| e("effective", x))?;
        caps::set(None, CapSet::Permitted, &target).map_err(|x| e("permitted", x))?;
    }
    if sec.no_new_privileges {
        rustix::thread::set_no_new_privs(true)
            .map_err(|x| format!("setting no-new-privileges: {x}"))?;
    }
    Ok(())
}

/// The rlimit resources `--ulimit` knows, by their podman/docker names.
fn resource(name: &str) -> Option<rustix::process::Resource> {
    use rustix::process::Resource as R;
    Some(match name {
        "core" => R::Core,
        "cpu" => R::Cpu,
        "data" => R::Data,
        "fsize" => R::Fsize,
        "locks" => R::Locks,
        "memlock" => R::Memlock,
        "msgqueue" => R::Msgqueue,
        "nice" => R::Nice,
        "nofile" => R::Nofile,
        "nproc" => R::Nproc,
        "rss" => R::Rss,
        "rtprio" => R::Rtprio,
        "rttime" => R::Rttime,
        "sigpending" => R::Sigpending,
        "stack" => R::Stack,
        "as" => R::As,
        _ => return None,
    })
}

/// Parse `--ulimit NAME=SOFT[:HARD]` (`-1` or `unlimited` for no limit).
pub fn parse_ulimit(spec: &str) -> Result<(String, u64, u64)> {
    let Some((name, limits)) = spec.split_once('=') else {
        bail!("invalid --ulimit {spec:?} (use NAME=SOFT[:HARD], like nofile=1024:2048)");
    };
    if resource(name).is_none() {
        bail!("unknown --ulimit resource {name:?} (use nofile, nproc, core, stack, memlock, ...)");
    }
    let value = |v: &str| -> Result<u64> {
        match v {
            "-1" | "unlimited" => Ok(u64::MAX),
            v => v
                .parse()
                .map_err(|_| anyhow::anyhow!("invalid --ulimit value {v:?} in {spec:?}")),
        }
    };
    let (soft, hard) = match limits.split_once(':') {
        Some((s, h)) => (value(s)?, value(h)?),
        None => (value(limits)?, value(limits)?),
    };
    if soft > hard {
        bail!("--ulimit {spec:?}: the soft limit is above the hard limit");
    }
    Ok((name.to_string(), soft, hard))
}

/// Check a ulimit as a spec holds it.
pub fn check_ulimit(name: &str, soft: u64, hard: u64) -> Result<()> {
    if resource(name).is_none() {
        bail!("unknown ulimit resource {name:?} (use nofile, nproc, core, stack, memlock, ...)");
    }
    if soft > hard {
        bail!("ulimit {name}: the soft limit {soft} is above the hard limit {hard}");
    }
    Ok(())
}

/// Namespaced sysctls a container may set (podman's list).
pub fn check_sysctl(key: &str) -> Result<()> {
    let ok = key.starts_with("net.")
        || key.starts_with("fs.mqueue.")
        || matches!(
            key,
            "kernel.msgmax"
                | "kernel.msgmnb"
                | "kernel.msgmni"
                | "kernel.sem"
                | "kernel.shmall"
                | "kernel.shmmax"
                | "kernel.shmmni"
                | "kernel.shm_rmid_forced"
                | "kernel.domainname"
                | "kernel.hostname"
        );
    if !ok || key.contains("..") || key.contains('/') {
        bail!("sysctl {key:?} is not namespaced and cannot be set for a container");
    }
    Ok(())
}

/// Apply the rlimits (before exec, in the container).
pub fn apply_ulimits(sec: &Security) -> Result<(), String> {
    for (name, soft, hard) in &sec.ulimits {
        let Some(res) = resource(name) else { continue };
        let lim = |v: u64| (v != u64::MAX).then_some(v);
        rustix::process::setrlimit(res, rustix::process::Rlimit { current: lim(*soft), maximum: lim(*hard) })
            .map_err(|e| format!("setting --ulimit {name}: {e} (a rootless container cannot raise a hard limit above yours)"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulimits_and_sysctls() {
        assert_eq!(
            parse_ulimit("nofile=1024:2048").expect("ok"),
            ("nofile".into(), 1024, 2048)
        );
        assert_eq!(
            parse_ulimit("core=-1").expect("ok"),
            ("core".into(), u64::MAX, u64::MAX)
        );
        assert!(parse_ulimit("nofile=9:1").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert!(check_sysctl("net.ipv4.ip_forward").is_ok());
        assert!(check_sysctl("kernel.shmmax").is_ok());
        assert!(check_sysctl("kernel.panic").is_err());
        assert!(check_sysctl("net/../kernel").is_err());
    }

    #[test]
    fn cap_flags() {
        let c =
            resolve_caps(&["net_admin".into()], &["CAP_CHOWN,kill".into()], false).expect("caps");
        assert!(c.contains(&"CAP_NET_ADMIN".to_string()));
        assert!(!c.contains(&"CAP_CHOWN".to_string()) && !c.contains(&"CAP_KILL".to_string()));
        assert!(resolve_caps(&[], &["ALL".into()], false)
            .expect("none")
            .is_empty());
        assert_eq!(
            resolve_caps(&["all".into()], &[], false)
                .expect("all")
                .len(),
            caps::all().len()
        );
        assert!(resolve_caps(&["NOT_A_CAP".into()], &[], false).is_err());
    }
}
