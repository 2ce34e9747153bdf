//! A container's resource limits, as the spec carries them, checked, and
//! written to its cgroup v2 files with the conversions runc and crun use
//! (shares to `cpu.weight`, blkio weight to `io.weight`).

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// `--cgroups`: `enabled` (default), `disabled` (no cgroup at all),
/// `no-conmon` and `split` (podman's: its monitor outside the container's
/// cgroup, which den's supervisor always is: both mean `enabled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CgroupsMode {
    #[default]
    Enabled,
    Disabled,
    NoConmon,
    Split,
}

impl CgroupsMode {
    pub fn parse(s: &str) -> Result<CgroupsMode> {
        Ok(match s {
            "enabled" => CgroupsMode::Enabled,
            "disabled" => CgroupsMode::Disabled,
            "no-conmon" => CgroupsMode::NoConmon,
            "split" => CgroupsMode::Split,
            _ => bail!("invalid --cgroups {s:?} (use enabled, disabled, no-conmon or split)"),
        })
    }
}

/// The default `pids.max`, as podman's.
pub const DEFAULT_PIDS_LIMIT: i64 = 2048;
/// The default `cpu.max` period, in microseconds.
pub const DEFAULT_CPU_PERIOD: u64 = 100_000;

/// What a container may use. None: no limit (the pids limit: 2048 where
/// the pids controller is delegated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Resources {
    /// Bytes of memory (`memory.max`).
    pub memory: Option<u64>,
    /// Bytes the container is given first under pressure (`memory.low`).
    pub memory_reservation: Option<u64>,
    /// Memory plus swap, in bytes (-1: unlimited swap; none: twice the
    /// memory limit, as podman's).
    pub memory_swap: Option<i64>,
    /// CPUs, in billionths (`--cpus 1.5` is 1_500_000_000).
    pub nano_cpus: Option<u64>,
    /// Microseconds of CPU per period (`--cpu-quota`).
    pub cpu_quota: Option<i64>,
    /// The period, microseconds (`--cpu-period`, default 100000).
    pub cpu_period: Option<u64>,
    /// Relative weight, 2..262144 (`--cpu-shares`, 1024 is the default).
    pub cpu_shares: Option<u64>,
    /// CPUs it may run on (`0-2,4`).
    pub cpuset_cpus: Option<String>,
    /// Memory nodes it may use.
    pub cpuset_mems: Option<String>,
    /// At most this many processes (0 or -1: no limit).
    pub pids_limit: Option<i64>,
    /// Block I/O weight, 10..1000.
    pub blkio_weight: Option<u16>,
    pub cgroups: CgroupsMode,
    /// Per-device I/O weights and throttles.
    pub io: super::io::IoLimits,
    /// `--memory-swappiness` (cgroup v1 only: refused).
    pub memory_swappiness: Option<i64>,
    /// `--oom-kill-disable` (cgroup v1 only: refused).
    pub oom_kill_disable: bool,
    /// `--cpu-rt-period`, `--cpu-rt-runtime`: cgroup v1 only; podman
    /// ignores them on v2 with a warning, as den does.
    pub cpu_rt_period: Option<u64>,
    pub cpu_rt_runtime: Option<i64>,
    /// `--cgroup-conf KEY=VALUE`: cgroup v2 files written as given.
    pub cgroup_conf: Vec<(String, String)>,
    /// `--cgroup-parent`: the path, below the delegated subtree, the
    /// container's cgroup is made in (none: `den`).
    pub cgroup_parent: Option<String>,
}

/// How an error names what needs `controller`.
pub fn what(controller: &str) -> &'static str {
    match controller {
        "memory" => "a memory limit (--memory, --memory-reservation, --memory-swap)",
        "cpu" => "a CPU limit (--cpus, --cpu-quota, --cpu-period, --cpu-shares)",
        "cpuset" => "a CPU set (--cpuset-cpus, --cpuset-mems)",
        "pids" => "a process limit (--pids-limit)",
        "io" => "a block I/O weight (--blkio-weight)",
        _ => "a resource limit",
    }
}

fn cpuset_ok(s: &str) -> bool {
    !s.is_empty()
        && s.split(',').all(|part| {
            let mut ends = part.splitn(2, '-');
            let a = ends.next().and_then(|a| a.parse::<u32>().ok());
            match (a, ends.next()) {
                (Some(_), None) => true,
                (Some(a), Some(b)) => b.parse::<u32>().is_ok_and(|b| b >= a),
                _ => false,
            }
        })
}

impl Resources {
    /// The controllers these limits need (the default pids limit needs
    /// none: it applies where pids is delegated).
    pub fn controllers(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.cpu_quota.is_some()
            || self.nano_cpus.is_some()
            || self.cpu_shares.is_some()
            || self.cpu_period.is_some()
        {
            out.push("cpu");
        }
        if self.cpuset_cpus.is_some() || self.cpuset_mems.is_some() {
            out.push("cpuset");
        }
        if self.blkio_weight.is_some() || !self.io.is_empty() {
            out.push("io");
        }
        for (key, _) in &self.cgroup_conf {
            let controller = key.split('.').next().unwrap_or_default();
            if let Some(c) = super::CONTROLLERS.iter().find(|c| **c == controller) {
                if !out.contains(c) {
                    out.push(c);
                }
            }
        }
        if self.memory.is_some() || self.memory_reservation.is_some() || self.memory_swap.is_some()
        {
            out.push("memory");
        }
        if self.pids_limit.is_some_and(|n| n > 0) {
            out.push("pids");
        }
        out
    }

    /// The rules podman's flags keep; an error is the spec field and the
    /// message.
    pub fn validate(&self) -> std::result::Result<(), (&'static str, String)> {
        macro_rules! bail {
            ($field:literal, $($m:tt)*) => { return Err((concat!("resources.", $field), format!($($m)*))) };
        }
        if let Some(m) = self.memory {
            if m < 6 * 1024 * 1024 {
                bail!("memory", "the minimum memory limit (--memory) is 6 MB");
            }
        }
        if let (Some(r), Some(m)) = (self.memory_reservation, self.memory) {
            if r > m {
                bail!("memory_reservation", "the memory reservation (--memory-reservation) must not be above the memory limit (--memory)");
            }
        }
        match (self.memory_swap, self.memory) {
            (Some(s), _) if s < -1 || s == 0 => {
                bail!(
                    "memory_swap",
                    "--memory-swap is -1 (no limit) or a size of at least --memory"
                )
            }
            (Some(s), Some(m)) if s > 0 && (s as u64) < m => bail!(
                "memory_swap",
                "memory plus swap must be at least the memory limit (--memory-swap is the total)"
            ),
            (Some(s), None) if s > 0 => {
                bail!(
                    "memory_swap",
                    "--memory-swap needs a memory limit (--memory) too"
                )
            }
            _ => {}
        }
        if self.nano_cpus == Some(0) {
            bail!("nano_cpus", "--cpus must be above 0");
        }
        if self.nano_cpus.is_some() && (self.cpu_quota.is_some() || self.cpu_period.is_some()) {
            bail!(
                "nano_cpus",
                "--cpus conflicts with --cpu-quota and --cpu-period: give one or the other"
            );
        }
        if let Some(q) = self.cpu_quota {
            if q != -1 && q < 1000 {
                bail!(
                    "cpu_quota",
                    "the CPU quota (--cpu-quota) is at least 1000 microseconds, or -1"
                );
            }
        }
        if let Some(p) = self.cpu_period {
            if !(1000..=1_000_000).contains(&p) {
                bail!(
                    "cpu_period",
                    "the CPU period (--cpu-period) is 1000 to 1000000 microseconds"
                );
            }
        }
        if let Some(s) = self.cpu_shares {
            if !(2..=262_144).contains(&s) {
                bail!("cpu_shares", "CPU shares (--cpu-shares) are 2 to 262144");
            }
        }
        for (field, v) in [
            ("resources.cpuset_cpus", &self.cpuset_cpus),
            ("resources.cpuset_mems", &self.cpuset_mems),
        ] {
            if let Some(v) = v {
                if !cpuset_ok(v) {
                    return Err((field, format!("{v:?} is no list of CPU or memory node numbers and ranges (like 0-2,4)")));
                }
            }
        }
        if let Some(w) = self.blkio_weight {
            if !(10..=1000).contains(&w) {
                bail!(
                    "blkio_weight",
                    "the block I/O weight (--blkio-weight) is 10 to 1000"
                );
            }
        }
        if self.memory_swappiness.is_some_and(|n| n != -1) {
            bail!("memory_swappiness", "cannot set memory swappiness with cgroup v2, the only cgroups den uses (leave --memory-swappiness out)");
        }
        if self.oom_kill_disable {
            bail!("oom_kill_disable", "cannot disable the OOM killer with cgroup v2, the only cgroups den uses (leave --oom-kill-disable out)");
        }
        if let Err(e) = self.io.validate() {
            bail!("io", "{e:#}");
        }
        for (k, _) in &self.cgroup_conf {
            let ok = k.contains('.')
                && !k.starts_with("cgroup.")
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
            if !ok {
                bail!("cgroup_conf", "invalid --cgroup-conf key {k:?} (give a cgroup v2 file of a controller, like memory.high)");
            }
        }
        if let Some(p) = &self.cgroup_parent {
            let ok = !p.is_empty()
                && p.trim_matches('/')
                    .split('/')
                    .all(|c| !c.is_empty() && c != "." && c != ".." && !c.starts_with("cgroup."));
            if !ok {
                bail!("cgroup_parent", "invalid --cgroup-parent {p:?} (give a path inside your delegated cgroup, like den/web)");
            }
        }
        if self.pids_limit.is_some_and(|n| n < -1) {
            bail!(
                "pids_limit",
                "--pids-limit is a number of processes, or -1 for no limit"
            );
        }
        Ok(())
    }

    /// `cpu.max`: "QUOTA PERIOD" (or "max PERIOD").
    pub fn cpu_max(&self) -> Option<String> {
        let period = self.cpu_period.unwrap_or(DEFAULT_CPU_PERIOD);
        let quota = match (self.nano_cpus, self.cpu_quota) {
            (Some(n), _) => Some((n as u128 * period as u128 / 1_000_000_000) as i64),
            (None, Some(q)) => Some(q),
            (None, None) if self.cpu_period.is_some() => Some(-1),
            (None, None) => None,
        }?;
        Some(if quota <= 0 {
            format!("max {period}")
        } else {
            format!("{} {period}", quota.max(1000))
        })
    }

    /// The cgroup files and values these limits set, in order; `pids` is
    /// whether the pids controller is there for the default limit.
    pub fn files(&self, pids: bool, has: &dyn Fn(&str) -> bool) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(m) = self.memory {
            out.push(("memory.max", m.to_string()));
            if has("memory.swap.max") {
                let swap = match self.memory_swap {
                    Some(-1) => "max".to_string(),
                    Some(s) => (s as u64).saturating_sub(m).to_string(),
                    None => m.to_string(),
                };
                out.push(("memory.swap.max", swap));
            }
        }
        if let Some(r) = self.memory_reservation {
            out.push(("memory.low", r.to_string()));
        }
        if let Some(max) = self.cpu_max() {
            out.push(("cpu.max", max));
        }
        if let Some(s) = self.cpu_shares {
            // runc's conversion of [2, 262144] onto [1, 10000].
            out.push((
                "cpu.weight",
                (1 + (s.clamp(2, 262_144) - 2) * 9999 / 262_142).to_string(),
            ));
        }
        if let Some(c) = &self.cpuset_cpus {
            out.push(("cpuset.cpus", c.clone()));
        }
        if let Some(m) = &self.cpuset_mems {
            out.push(("cpuset.mems", m.clone()));
        }
        if let Some(w) = self.blkio_weight {
            if has("io.bfq.weight") {
                out.push(("io.bfq.weight", w.to_string()));
            } else {
                let w = u64::from(w.clamp(10, 1000));
                out.push((
                    "io.weight",
                    format!("default {}", 1 + (w - 10) * 9999 / 990),
                ));
            }
        }
        match self.pids_limit {
            Some(n) if n > 0 => out.push(("pids.max", n.to_string())),
            Some(_) if pids => out.push(("pids.max", "max".into())),
            None if pids => out.push(("pids.max", DEFAULT_PIDS_LIMIT.to_string())),
            _ => {}
        }
        out
    }

    /// Take the limits `other` sets (`den update`).
    pub fn update(&mut self, other: &Resources) {
        // `--cpus` is a quota of its period: with only `--cpu-quota` or
        // `--cpu-period` given it stays one, as podman stores `--cpus`
        // (the period alone left `max PERIOD`, no limit at all).
        if other.nano_cpus.is_none() && (other.cpu_quota.is_some() || other.cpu_period.is_some()) {
            if let Some(n) = self.nano_cpus.take() {
                let period = self.cpu_period.unwrap_or(DEFAULT_CPU_PERIOD);
                self.cpu_quota = Some((n as u128 * period as u128 / 1_000_000_000) as i64);
            }
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            memory,
            memory_reservation,
            memory_swap,
            cpu_quota,
            cpu_period,
            cpu_shares,
            cpuset_cpus,
            cpuset_mems,
            pids_limit,
            blkio_weight,
            memory_swappiness,
            cpu_rt_period,
            cpu_rt_runtime
        );
        // Device by device: a read limit given leaves the write limits
        // (the cgroup kept them while the record lost them).
        self.io.merge(&other.io);
        if other.nano_cpus.is_some() {
            self.nano_cpus = other.nano_cpus;
            self.cpu_quota = None;
            self.cpu_period = None;
        }
    }
}

/// Write `res` into the cgroup `dir`.
pub fn apply(dir: &Path, res: &Resources) -> Result<()> {
    let pids = dir.join("pids.max").exists();
    let has = |f: &str| dir.join(f).exists();
    let mut files: Vec<(String, String)> = res
        .files(pids, &has)
        .into_iter()
        .map(|(f, v)| (f.to_string(), v))
        .collect();
    files.extend(res.io.lines()?.into_iter().map(|(f, v)| (f.to_string(), v)));
    files.extend(res.cgroup_conf.iter().cloned());
    for (file, value) in files {
        std::fs::write(dir.join(&file), &value).with_context(|| {
            format!(
                "setting {file} to {value:?} in the cgroup {}",
                dir.display()
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(r: &Resources) -> Vec<(&'static str, String)> {
        r.files(true, &|_| true)
    }

    #[test]
    fn podman_conversions() {
        let r = Resources {
            memory: Some(64 << 20),
            nano_cpus: Some(200_000_000),
            cpu_shares: Some(1024),
            pids_limit: Some(50),
            blkio_weight: Some(500),
            ..Default::default()
        };
        let f = files(&r);
        assert!(f.contains(&("memory.max", "67108864".into())));
        assert!(f.contains(&("memory.swap.max", "67108864".into())));
        assert!(f.contains(&("cpu.max", "20000 100000".into())));
        assert!(f.contains(&("cpu.weight", "39".into())));
        assert!(f.contains(&("pids.max", "50".into())));
        assert!(f.contains(&("io.bfq.weight", "500".into())));
        let io = Resources {
            blkio_weight: Some(1000),
            ..Default::default()
        }
        .files(false, &|f| f != "io.bfq.weight");
        assert_eq!(io, vec![("io.weight", "default 10000".into())]);
    }

    #[test]
    fn the_default_pids_limit_applies_only_where_pids_is() {
        let r = Resources::default();
        assert_eq!(files(&r), vec![("pids.max", "2048".into())]);
        assert!(r.files(false, &|_| true).is_empty());
        assert!(r.controllers().is_empty());
        let none = Resources {
            pids_limit: Some(-1),
            ..Default::default()
        };
        assert_eq!(files(&none), vec![("pids.max", "max".into())]);
        assert!(none.controllers().is_empty());
    }

    #[test]
    fn quota_period_and_swap() {
        let r = Resources {
            cpu_quota: Some(50_000),
            cpu_period: Some(200_000),
            memory: Some(10 << 20),
            memory_swap: Some(-1),
            ..Default::default()
        };
        let f = files(&r);
        assert!(f.contains(&("cpu.max", "50000 200000".into())));
        assert!(f.contains(&("memory.swap.max", "max".into())));
        assert_eq!(r.controllers(), vec!["cpu", "memory"]);
    }

    #[test]
    fn bad_limits_are_refused_naming_the_field() {
        let bad = [
            Resources {
                memory: Some(1024),
                ..Default::default()
            },
            Resources {
                memory: Some(64 << 20),
                memory_swap: Some(1 << 20),
                ..Default::default()
            },
            Resources {
                memory_swap: Some(1 << 30),
                ..Default::default()
            },
            Resources {
                nano_cpus: Some(1),
                cpu_quota: Some(5000),
                ..Default::default()
            },
            Resources {
                cpu_shares: Some(1),
                ..Default::default()
            },
            Resources {
                cpuset_cpus: Some("0-".into()),
                ..Default::default()
            },
            Resources {
                cpuset_mems: Some("a".into()),
                ..Default::default()
            },
            Resources {
                blkio_weight: Some(5),
                ..Default::default()
            },
            Resources {
                pids_limit: Some(-5),
                ..Default::default()
            },
        ];
        for r in bad {
            let (field, _) = r.validate().unwrap_err();
            assert!(field.starts_with("resources."), "{field}");
        }
        assert!(Resources {
            cpuset_cpus: Some("0-2,4".into()),
            ..Default::default()
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn update_takes_what_is_given() {
        let mut r = Resources {
            memory: Some(64 << 20),
            cpu_quota: Some(20_000),
            ..Default::default()
        };
        r.update(&Resources {
            nano_cpus: Some(500_000_000),
            ..Default::default()
        });
        assert_eq!(r.memory, Some(64 << 20));
        assert_eq!((r.nano_cpus, r.cpu_quota), (Some(500_000_000), None));
        // The period alone keeps --cpus a quota: its 50 ms, now of 200.
        r.update(&Resources {
            cpu_period: Some(200_000),
            ..Default::default()
        });
        assert_eq!(r.cpu_max(), Some("50000 200000".into()));
        // A device's read limit leaves its write limit.
        let mut r = Resources::default();
        r.io.write_bps.push(("/dev/sda".into(), 1 << 20));
        let mut other = Resources::default();
        other.io.read_bps.push(("/dev/sda".into(), 10 << 20));
        r.update(&other);
        assert_eq!(r.io.write_bps, vec![("/dev/sda".to_string(), 1 << 20)]);
        assert_eq!(r.io.read_bps, vec![("/dev/sda".to_string(), 10 << 20)]);
        other.io.read_bps[0].1 = 5 << 20;
        r.update(&other);
        assert_eq!(r.io.read_bps, vec![("/dev/sda".to_string(), 5 << 20)]);
    }
}
