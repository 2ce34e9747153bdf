//! A container's healthcheck in the spec: what the user asked for, over
//! the image's HEALTHCHECK, checked (podman's rules) and resolved with
//! Docker's defaults.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

pub use crate::container::health::{Healthcheck, OnFailure};
use crate::container::health::{
    DEFAULT_INTERVAL, DEFAULT_RETRIES, DEFAULT_START_INTERVAL, DEFAULT_TIMEOUT,
};

/// What the user asked for (none: the image's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthSpec {
    /// `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`.
    pub test: Option<Vec<String>>,
    /// Nanoseconds between checks (0: none scheduled).
    pub interval: Option<u64>,
    pub timeout: Option<u64>,
    pub start_period: Option<u64>,
    pub start_interval: Option<u64>,
    pub retries: Option<u32>,
    pub on_failure: OnFailure,
    /// `--no-healthcheck`: none, whatever the image says.
    pub disabled: bool,
}

const SECOND: u64 = 1_000_000_000;

/// `--health-cmd`: a JSON array, `NONE`, or a shell command.
pub fn parse_test(s: &str) -> Result<Vec<String>> {
    let t = s.trim();
    if t.is_empty() {
        bail!("--health-cmd needs a command (or NONE)");
    }
    if t == "NONE" {
        return Ok(vec!["NONE".into()]);
    }
    if t.starts_with('[') {
        let v: Vec<String> = serde_json::from_str(t).map_err(|e| {
            anyhow::anyhow!("invalid --health-cmd {t:?}: not a JSON array of strings ({e})")
        })?;
        return Ok(match v.first().map(String::as_str) {
            Some("CMD" | "CMD-SHELL" | "NONE") => v,
            _ => std::iter::once("CMD".to_string()).chain(v).collect(),
        });
    }
    Ok(vec!["CMD-SHELL".into(), t.to_string()])
}

impl HealthSpec {
    /// Whether any setting is given.
    fn any(&self) -> bool {
        self.test.is_some()
            || self.interval.is_some()
            || self.timeout.is_some()
            || self.start_period.is_some()
            || self.start_interval.is_some()
            || self.retries.is_some()
            || self.on_failure != OnFailure::None
    }

    /// podman's rules; an error is the field and the message.
    pub fn validate(&self) -> std::result::Result<(), (&'static str, String)> {
        if self.disabled && self.any() {
            return Err((
                "health.disabled",
                "--no-healthcheck conflicts with the other --health flags: give one or the other"
                    .into(),
            ));
        }
        if let Some(t) = &self.test {
            let ok = match t.first().map(String::as_str) {
                Some("NONE") => t.len() == 1,
                Some("CMD") | Some("CMD-SHELL") => t.len() > 1 && !t[1].is_empty(),
                _ => false,
            };
            if !ok {
                return Err((
                    "health.test",
                    format!("{t:?} is no healthcheck (use [\"CMD\", ...], [\"CMD-SHELL\", \"...\"] or [\"NONE\"])"),
                ));
            }
        }
        if self.interval.is_some_and(|i| i != 0 && i < SECOND) {
            return Err((
                "health.interval",
                "--health-interval must be at least 1 second (or disable)".into(),
            ));
        }
        if self.timeout.is_some_and(|t| t < SECOND) {
            return Err((
                "health.timeout",
                "--health-timeout must be at least 1 second".into(),
            ));
        }
        if self.start_interval.is_some_and(|t| t < SECOND) {
            return Err((
                "health.start_interval",
                "--health-start-interval must be at least 1 second".into(),
            ));
        }
        if self.retries == Some(0) {
            return Err((
                "health.retries",
                "--health-retries must be at least 1".into(),
            ));
        }
        Ok(())
    }

    /// The check the container gets: these settings over `image`'s
    /// HEALTHCHECK (its config's `Healthcheck`), with Docker's defaults.
    pub fn resolve(&self, image: Option<&serde_json::Value>) -> Option<Healthcheck> {
        if self.disabled {
            return None;
        }
        let num = |key: &str| {
            image
                .and_then(|h| h.get(key))
                .and_then(|v| v.as_u64())
                .filter(|n| *n > 0)
        };
        let test = match &self.test {
            Some(t) => t.clone(),
            None => image
                .and_then(|h| h.get("Test"))
                .and_then(|t| serde_json::from_value::<Vec<String>>(t.clone()).ok())?,
        };
        if test.first().map(String::as_str) != Some("CMD")
            && test.first().map(String::as_str) != Some("CMD-SHELL")
        {
            return None;
        }
        // An image's times get the flags' floor of a second (Docker
        // allows a millisecond): an image must not make the supervisor
        // fork checks in a tight loop.
        let floor = |n: u64| n.max(SECOND);
        Some(Healthcheck {
            test,
            interval: self
                .interval
                .or(num("Interval").map(floor))
                .unwrap_or(DEFAULT_INTERVAL),
            timeout: self
                .timeout
                .or(num("Timeout").map(floor))
                .unwrap_or(DEFAULT_TIMEOUT),
            start_period: self.start_period.or(num("StartPeriod")).unwrap_or(0),
            start_interval: self
                .start_interval
                .or(num("StartInterval").map(floor))
                .unwrap_or(DEFAULT_START_INTERVAL),
            retries: self
                .retries
                .or(num("Retries").map(|n| n.min(u32::MAX as u64) as u32))
                .unwrap_or(DEFAULT_RETRIES),
            on_failure: self.on_failure,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_forms() {
        assert_eq!(
            parse_test("curl -f x").expect("t"),
            ["CMD-SHELL", "curl -f x"]
        );
        assert_eq!(
            parse_test(r#"["curl","x"]"#).expect("t"),
            ["CMD", "curl", "x"]
        );
        assert_eq!(
            parse_test(r#"["CMD-SHELL","a"]"#).expect("t"),
            ["CMD-SHELL", "a"]
        );
        assert_eq!(parse_test("NONE").expect("t"), ["NONE"]);
        assert!(parse_test("[oops").is_err());
        assert!(parse_test(" ").is_err());
    }

    #[test]
    fn flags_over_the_image_with_defaults() {
        let image = serde_json::json!({"Test": ["CMD-SHELL", "true"], "Interval": 5_000_000_000u64, "Retries": 2});
        let spec = HealthSpec {
            timeout: Some(3 * SECOND),
            ..Default::default()
        };
        let hc = spec.resolve(Some(&image)).expect("a check");
        assert_eq!(
            (hc.interval, hc.timeout, hc.retries),
            (5 * SECOND, 3 * SECOND, 2)
        );
        assert_eq!(hc.start_interval, DEFAULT_START_INTERVAL);
        let none = HealthSpec {
            test: Some(vec!["NONE".into()]),
            ..Default::default()
        };
        assert!(none.resolve(Some(&image)).is_none());
        // A hostile image's nanosecond times get a second.
        let fast = serde_json::json!({"Test": ["CMD", "true"], "Interval": 1, "Timeout": 1, "StartInterval": 1});
        let hc = HealthSpec::default().resolve(Some(&fast)).expect("a check");
        assert_eq!(
            (hc.interval, hc.timeout, hc.start_interval),
            (SECOND, SECOND, SECOND)
        );
        let off = HealthSpec {
            disabled: true,
            ..Default::default()
        };
        assert!(off.resolve(Some(&image)).is_none());
        assert!(HealthSpec::default().resolve(None).is_none());
        let bad = HealthSpec {
            disabled: true,
            retries: Some(2),
            ..Default::default()
        };
        assert!(bad.validate().is_err());
        let short = HealthSpec {
            interval: Some(SECOND / 2),
            ..Default::default()
        };
        assert!(short.validate().is_err());
    }
}
