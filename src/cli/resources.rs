//! The resource flags of `run` and `create`, and `update`, which changes them.

use anyhow::{Context, Result};
use clap::Args;

use crate::engine::spec::{io, CgroupsMode, IoLimits, Resources};
use crate::util::human::parse_ram;

#[derive(Debug, Args, Clone, Default)]
pub struct ResourceArgs {
    /// Memory limit (64m, 1g; binary units)
    #[arg(short, long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory the container keeps first when the host runs short (soft limit)
    #[arg(long, value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Memory plus swap (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Number of CPUs the container may use (0.5: half of one)
    #[arg(long, value_name = "N")]
    pub cpus: Option<String>,
    /// CPU shares, a relative weight (default 1024)
    #[arg(short = 'c', long, value_name = "N")]
    pub cpu_shares: Option<u64>,
    /// Microseconds of CPU per --cpu-period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// The CPU period, microseconds (default 100000)
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_period: Option<u64>,
    /// CPUs the container may run on (0-3, 0,1)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use (0-3, 0,1)
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// At most this many processes (-1: no limit; default 2048 where the pids
    /// controller is delegated)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Block I/O weight, 10 to 1000
    #[arg(long, value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)
    #[arg(long, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Read operations per second of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_read_iops: Vec<String>,
    /// Write operations per second of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_write_iops: Vec<String>,
    /// Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub memory_swappiness: Option<i64>,
    /// Real-time CPU period, microseconds (cgroup v1 only: ignored with a
    /// warning, as podman does on cgroup v2)
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_rt_period: Option<u64>,
    /// Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a
    /// warning, as podman does on cgroup v2)
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_runtime: Option<i64>,
}

// The cgroup flags of `run`/`create` only.
#[derive(Debug, Args, Clone, Default)]
pub struct CgroupArgs {
    /// Write a cgroup v2 file of the container's cgroup: KEY=VALUE (memory.high=1g)
    #[arg(long, value_name = "KEY=VALUE")]
    pub cgroup_conf: Vec<String>,
    /// Make the container's cgroup under this path of your delegated
    /// cgroup (default: den)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// A device cgroup rule ("c 1:3 mr"): ignored with a warning, as a
    /// rootless container has no device cgroup (give devices with --device)
    #[arg(long, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// Disable the OOM killer (cgroup v1 only: refused)
    #[arg(long)]
    pub oom_kill_disable: bool,
}

impl CgroupArgs {
    /// Add these to `r`.
    pub fn apply(&self, r: &mut Resources) -> Result<()> {
        for kv in &self.cgroup_conf {
            let (k, v) = kv
                .split_once('=')
                .with_context(|| format!("invalid --cgroup-conf {kv:?} (use KEY=VALUE)"))?;
            r.cgroup_conf.push((k.to_string(), v.to_string()));
        }
        r.cgroup_parent = self.cgroup_parent.clone();
        r.oom_kill_disable = self.oom_kill_disable;
        if !self.device_cgroup_rule.is_empty() {
            crate::warn!("--device-cgroup-rule is ignored: a rootless container has no device cgroup (give the device with --device)");
        }
        Ok(())
    }
}

fn rates(flag: &str, list: &[String], bytes: bool) -> Result<Vec<(String, u64)>> {
    list.iter()
        .map(|s| io::parse_rate(flag, s, bytes))
        .collect()
}

/// `-1` or a binary size.
fn swap(s: &str) -> Result<i64> {
    if s.trim() == "-1" {
        return Ok(-1);
    }
    let n = parse_ram(s).with_context(|| format!("invalid --memory-swap {s:?}"))?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `--cpus 1.5` in billionths of a CPU.
pub fn nano_cpus(s: &str) -> Result<u64> {
    let n: f64 = s
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n > 0.0)
        .with_context(|| {
            format!("invalid --cpus {s:?} (give a number of CPUs above 0, like 0.5)")
        })?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if n > cores as f64 {
        anyhow::bail!("--cpus {s}: this host has only {cores} CPUs (give at most {cores})");
    }
    Ok((n * 1e9).round() as u64)
}

impl ResourceArgs {
    /// The limits the flags set (the rest left as they are).
    pub fn to_resources(&self) -> Result<Resources> {
        let ram = |flag: &str, v: &Option<String>| -> Result<Option<u64>> {
            v.as_deref()
                .map(|s| parse_ram(s).with_context(|| format!("invalid --{flag} {s:?}")))
                .transpose()
        };
        Ok(Resources {
            memory: ram("memory", &self.memory)?,
            memory_reservation: ram("memory-reservation", &self.memory_reservation)?,
            memory_swap: self.memory_swap.as_deref().map(swap).transpose()?,
            nano_cpus: self.cpus.as_deref().map(nano_cpus).transpose()?,
            cpu_quota: self.cpu_quota,
            cpu_period: self.cpu_period,
            cpu_shares: self.cpu_shares,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            cgroups: CgroupsMode::Enabled,
            io: IoLimits {
                weight_device: self
                    .blkio_weight_device
                    .iter()
                    .map(|s| io::parse_weight(s))
                    .collect::<Result<_>>()?,
                read_bps: rates("device-read-bps", &self.device_read_bps, true)?,
                write_bps: rates("device-write-bps", &self.device_write_bps, true)?,
                read_iops: rates("device-read-iops", &self.device_read_iops, false)?,
                write_iops: rates("device-write-iops", &self.device_write_iops, false)?,
            },
            memory_swappiness: self.memory_swappiness,
            oom_kill_disable: false,
            cpu_rt_period: self.cpu_rt_period,
            cpu_rt_runtime: self.cpu_rt_runtime,
            cgroup_conf: Vec::new(),
            cgroup_parent: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_cpus() {
        let r = ResourceArgs {
            memory: Some("64m".into()),
            memory_swap: Some("-1".into()),
            cpus: Some("0.2".into()),
            ..Default::default()
        }
        .to_resources()
        .expect("limits");
        assert_eq!(r.memory, Some(64 << 20));
        assert_eq!(r.memory_swap, Some(-1));
        assert_eq!(r.nano_cpus, Some(200_000_000));
        assert!(nano_cpus("0").is_err());
        assert!(nano_cpus("lots").is_err());
        assert!(ResourceArgs {
            memory: Some("big".into()),
            ..Default::default()
        }
        .to_resources()
        .is_err());
    }
}

// `den update`: change the limits of containers.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub resources: ResourceArgs,
    /// The containers
    #[arg(required = true)]
    pub containers: Vec<String>,
}

pub fn update(paths: &crate::config::paths::Paths, a: UpdateArgs) -> Result<i32> {
    let res = a.resources.to_resources()?;
    if res == Resources::default() {
        anyhow::bail!("give at least one limit to change (see den update --help)");
    }
    for name in &a.containers {
        let id = crate::engine::update::update(paths, name, &res)?;
        println!("{id}");
    }
    Ok(0)
}
