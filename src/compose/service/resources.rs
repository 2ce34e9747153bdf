//! A service's resource limits and healthcheck as the spec's.

use anyhow::{anyhow, Result};
use serde_json::Value;

use super::text;
use crate::engine::spec::health::{parse_test, HealthSpec};
use crate::engine::spec::ContainerSpec;
use crate::util::human::{duration_ns, parse_ram};

/// The flat limit keys of a service (beside `deploy.resources`).
const FLAT: &[&str] = &[
    "cpus",
    "cpu_shares",
    "cpu_quota",
    "cpu_period",
    "cpuset",
    "mem_limit",
    "mem_reservation",
    "memswap_limit",
    "pids_limit",
    "blkio_config",
];

/// Whether the service asks for limits (to warn once where the host has none).
pub fn has_limits(svc: &Value) -> bool {
    svc.pointer("/deploy/resources").is_some() || FLAT.iter().any(|k| svc.get(k).is_some())
}

/// The service's limits: `deploy.resources` (limits and the memory
/// reservation), else the flat keys, as `docker compose` reads them. An
/// error names the key (under the service).
pub(super) fn resources(svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    // The value at the first of `paths` the service has, with its path.
    let get = |paths: &[&'static str]| -> Option<(&'static str, &Value)> {
        paths.iter().find_map(|p| {
            svc.pointer(&format!("/{}", p.replace('.', "/")))
                .filter(|v| !v.is_null())
                .map(|v| (*p, v))
        })
    };
    fn number<T: std::str::FromStr>(key: &str, v: &Value) -> Result<T> {
        text(v)
            .parse()
            .map_err(|_| anyhow!("{key}: {} is not a number", text(v)))
    }
    let ram = |key: &str, v: &Value| parse_ram(&text(v)).map_err(|e| anyhow!("{key}: {e:#}"));
    let r = &mut s.resources;
    if let Some((k, c)) = get(&["deploy.resources.limits.cpus", "cpus"]) {
        let n: f64 = number(k, c)?;
        if !(n.is_finite() && n > 0.0) {
            anyhow::bail!("{k}: {} is not a positive number of CPUs", text(c));
        }
        r.nano_cpus = Some((n * 1e9).round() as u64);
    }
    if let Some((k, m)) = get(&["deploy.resources.limits.memory", "mem_limit"]) {
        r.memory = Some(ram(k, m)?);
    }
    if let Some((k, p)) = get(&["deploy.resources.limits.pids", "pids_limit"]) {
        r.pids_limit = Some(number(k, p)?);
    }
    if let Some((k, m)) = get(&["deploy.resources.reservations.memory", "mem_reservation"]) {
        r.memory_reservation = Some(ram(k, m)?);
    }
    if let Some((k, m)) = get(&["memswap_limit"]) {
        r.memory_swap = Some(match text(m).as_str() {
            "-1" => -1,
            t => parse_ram(t).map_err(|e| anyhow!("{k}: {e:#}"))? as i64,
        });
    }
    if let Some((k, v)) = get(&["cpu_shares"]) {
        r.cpu_shares = Some(number(k, v)?);
    }
    if let Some((k, v)) = get(&["cpu_quota"]) {
        r.cpu_quota = Some(number(k, v)?);
    }
    if let Some((k, v)) = get(&["cpu_period"]) {
        r.cpu_period = Some(number(k, v)?);
    }
    if let Some((_, v)) = get(&["cpuset"]) {
        r.cpuset_cpus = Some(text(v));
    }
    if let Some((k, v)) = get(&["blkio_config.weight"]) {
        r.blkio_weight = Some(number(k, v)?);
    }
    Ok(())
}

pub(super) fn health(svc: &Value) -> Result<HealthSpec> {
    let Some(h) = svc.get("healthcheck") else {
        return Ok(HealthSpec::default());
    };
    if h.get("disable").and_then(Value::as_bool) == Some(true) {
        return Ok(HealthSpec {
            disabled: true,
            ..Default::default()
        });
    }
    let dur =
        |k: &str| -> Result<Option<u64>> { h.get(k).map(|v| duration_ns(&text(v))).transpose() };
    Ok(HealthSpec {
        test: match h.get("test") {
            Some(Value::Array(a)) => Some(a.iter().map(text).collect()),
            Some(Value::String(t)) => Some(parse_test(t)?),
            _ => None,
        },
        interval: dur("interval")?,
        timeout: dur("timeout")?,
        start_period: dur("start_period")?,
        start_interval: dur("start_interval")?,
        retries: h
            .get("retries")
            .map(|r| text(r).parse())
            .transpose()
            .map_err(|_| anyhow!("retries must be a number"))?,
        ..Default::default()
    })
}
