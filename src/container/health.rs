//! Healthchecks: what a container's check is (its config), and its
//! health as Docker and podman report it (`State.Health`: a status, the
//! failing streak, the last five results), kept in `health.json` in the
//! container's directory by its supervisor, which runs the checks.

use std::path::Path;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What `--health-on-failure` does when the container turns unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnFailure {
    #[default]
    None,
    Kill,
    Restart,
    Stop,
}

impl OnFailure {
    pub fn parse(s: &str) -> Result<OnFailure> {
        Ok(match s {
            "none" => OnFailure::None,
            "kill" => OnFailure::Kill,
            "restart" => OnFailure::Restart,
            "stop" => OnFailure::Stop,
            _ => bail!("invalid --health-on-failure {s:?} (use none, kill, restart or stop)"),
        })
    }
}

/// A container's check, resolved (durations in nanoseconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Healthcheck {
    /// `["CMD", program, args...]` or `["CMD-SHELL", command]`.
    pub test: Vec<String>,
    /// Between checks (0: none scheduled; `healthcheck run` only).
    pub interval: u64,
    pub timeout: u64,
    /// Failures in this time after the start do not count.
    pub start_period: u64,
    /// Between checks during the start period.
    pub start_interval: u64,
    /// Consecutive failures that make the container unhealthy.
    pub retries: u32,
    #[serde(default)]
    pub on_failure: OnFailure,
}

/// Docker's defaults, as podman's.
pub const DEFAULT_INTERVAL: u64 = 30_000_000_000;
pub const DEFAULT_TIMEOUT: u64 = 30_000_000_000;
pub const DEFAULT_START_INTERVAL: u64 = 5_000_000_000;
pub const DEFAULT_RETRIES: u32 = 3;
/// What a `healthcheck run` client is answered (over the attach socket)
/// besides the check's own result, `healthy` or `unhealthy`: no check
/// could begin as the container is paused, none could for want of a
/// process, or the container ended first.
pub const ANSWER_PAUSED: &str = "paused";
pub const ANSWER_NOT_RUN: &str = "not-run";
pub const ANSWER_STOPPED: &str = "stopped";

/// Results kept in the log, and bytes of output kept per result.
pub const LOG_ENTRIES: usize = 5;
pub const OUTPUT_MAX: usize = 4096;

impl Healthcheck {
    /// The command to run, as exec's argv.
    pub fn argv(&self) -> Vec<String> {
        match self.test.first().map(String::as_str) {
            Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), self.test[1..].join(" ")],
            Some("CMD") => self.test[1..].to_vec(),
            _ => self.test.clone(),
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckResult {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub exit_code: i32,
    pub output: String,
}

/// `State.Health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Health {
    /// `starting`, `healthy`, `unhealthy`.
    pub status: String,
    pub failing_streak: u32,
    pub log: Vec<CheckResult>,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            status: "starting".into(),
            failing_streak: 0,
            log: Vec::new(),
        }
    }
}

impl Health {
    /// Take a result; `in_start_period`: failures do not count yet.
    /// Returns whether the status changed.
    pub fn record(&mut self, r: CheckResult, retries: u32, in_start_period: bool) -> bool {
        let before = self.status.clone();
        if r.exit_code == 0 {
            self.status = "healthy".into();
            self.failing_streak = 0;
        } else if !(in_start_period && self.status == "starting") {
            self.failing_streak += 1;
            if self.failing_streak >= retries.max(1) {
                self.status = "unhealthy".into();
            }
        }
        self.log.push(r);
        if self.log.len() > LOG_ENTRIES {
            let extra = self.log.len() - LOG_ENTRIES;
            self.log.drain(..extra);
        }
        self.status != before
    }
}

/// The file a container's health is kept in.
pub fn path(dir: &Path) -> std::path::PathBuf {
    dir.join("health.json")
}

/// The container's health, if it has had any.
pub fn read(dir: &Path) -> Option<Health> {
    crate::util::fs::read_json(&path(dir)).ok().flatten()
}

/// Record it (atomically).
pub fn write(dir: &Path, h: &Health) -> Result<()> {
    crate::util::fs::write_json_with(&path(dir), h, crate::util::fs::Durability::Unsynced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(code: i32) -> CheckResult {
        CheckResult {
            start: Utc::now(),
            end: Utc::now(),
            exit_code: code,
            output: String::new(),
        }
    }

    #[test]
    fn status_follows_docker_rules() {
        let mut h = Health::default();
        // Failures in the start period do not count while it is starting.
        assert!(!h.record(result(1), 2, true));
        assert_eq!((h.status.as_str(), h.failing_streak), ("starting", 0));
        assert!(h.record(result(0), 2, true));
        assert_eq!(h.status, "healthy");
        // Once healthy, they do: `retries` in a row make it unhealthy.
        assert!(!h.record(result(1), 2, true));
        assert_eq!((h.status.as_str(), h.failing_streak), ("healthy", 1));
        assert!(h.record(result(1), 2, false));
        assert_eq!((h.status.as_str(), h.failing_streak), ("unhealthy", 2));
        assert!(h.record(result(0), 2, false));
        assert_eq!(h.failing_streak, 0);
        for _ in 0..10 {
            h.record(result(0), 2, false);
        }
        assert_eq!(h.log.len(), LOG_ENTRIES);
    }

    #[test]
    fn argv_of_each_form() {
        let hc = |test: &[&str]| Healthcheck {
            test: test.iter().map(|s| s.to_string()).collect(),
            interval: 0,
            timeout: 0,
            start_period: 0,
            start_interval: 0,
            retries: 3,
            on_failure: OnFailure::None,
        };
        assert_eq!(
            hc(&["CMD-SHELL", "test -f /x"]).argv(),
            ["/bin/sh", "-c", "test -f /x"]
        );
        assert_eq!(
            hc(&["CMD", "test", "-f", "/x"]).argv(),
            ["test", "-f", "/x"]
        );
    }
}
