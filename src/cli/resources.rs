//! The resource flags of `run` and `create`, and `update`, which changes them.

use anyhow::{Context, Result};
use clap::Args;

use crate::engine::spec::{CgroupsMode, Resources};
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

/// `den update`: change the limits of containers.
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
