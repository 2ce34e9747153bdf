//! A container's `livenessProbe` as its healthcheck, as podman plays it:
//! `exec` runs its command, `httpGet` runs `curl -f URL`, `tcpSocket`
//! runs `nc -z HOST PORT` (both of which the image must have); with the
//! pod's restart policy Always or OnFailure a failing container is
//! restarted. A `startupProbe` beside it lengthens the start period to
//! the longest a start may take under it (its delay plus its period times
//! its threshold), in which the liveness probe's failures do not count;
//! den has no separate startup check. `readinessProbe` is not played
//! (podman neither: nothing routes to a pod here).

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

use crate::engine::spec::health::{HealthSpec, OnFailure};

const SECOND: u64 = 1_000_000_000;

/// The healthcheck a container's probes make; `None` without a
/// `livenessProbe`. `restarts`: the pod's policy restarts containers.
pub(super) fn health(what: &str, c: &Value, restarts: bool) -> Result<Option<HealthSpec>> {
    let live = &c["livenessProbe"];
    if live.is_null() {
        return Ok(None);
    }
    let what = format!("{what}: livenessProbe");
    let command = test(&what, live, &c["ports"])?;
    let mut start_period = seconds(&what, live, "initialDelaySeconds", 0)?;
    let startup = &c["startupProbe"];
    if !startup.is_null() {
        let what = format!("{what}: startupProbe");
        test(&what, startup, &c["ports"])?;
        let longest = seconds(&what, startup, "initialDelaySeconds", 0)?.saturating_add(
            seconds(&what, startup, "periodSeconds", 10)?.saturating_mul(number(
                &what,
                startup,
                "failureThreshold",
                3,
            )?),
        );
        start_period = start_period.max(longest);
    }
    Ok(Some(HealthSpec {
        test: Some(command),
        interval: Some(seconds(&what, live, "periodSeconds", 10)?),
        timeout: Some(seconds(&what, live, "timeoutSeconds", 1)?),
        start_period: Some(start_period),
        retries: Some(
            u32::try_from(number(&what, live, "failureThreshold", 3)?)
                .map_err(|_| anyhow!("{what}: failureThreshold is too large"))?,
        ),
        on_failure: if restarts {
            OnFailure::Restart
        } else {
            OnFailure::None
        },
        ..Default::default()
    }))
}

/// The probe's command, as `--health-cmd` would give it.
fn test(what: &str, probe: &Value, ports: &Value) -> Result<Vec<String>> {
    if !probe["exec"].is_null() {
        let cmd = super::pod::strings(&probe["exec"]["command"]);
        if cmd.is_empty() || cmd[0].is_empty() {
            bail!("{what}: exec needs a command");
        }
        return Ok(std::iter::once("CMD".to_string()).chain(cmd).collect());
    }
    let (handler, tool) = if !probe["httpGet"].is_null() {
        (&probe["httpGet"], "curl")
    } else if !probe["tcpSocket"].is_null() {
        (&probe["tcpSocket"], "nc")
    } else {
        bail!("{what}: den plays exec, httpGet and tcpSocket probes");
    };
    let host = handler["host"].as_str().unwrap_or("localhost");
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    {
        bail!("{what}: host {host:?} is no host name or address");
    }
    let port = port(what, &handler["port"], ports)?;
    let cmd = if tool == "curl" {
        let scheme = match handler["scheme"].as_str().unwrap_or("HTTP") {
            "HTTP" | "http" => "http",
            "HTTPS" | "https" => "https",
            other => bail!("{what}: scheme {other:?} (use HTTP or HTTPS)"),
        };
        let path = handler["path"].as_str().unwrap_or("/");
        if !path.starts_with('/') || path.chars().any(|c| c.is_control() || c == ' ') {
            bail!("{what}: path {path:?} must start with / and hold no spaces");
        }
        // Quoted for the shell: the path is the YAML's text.
        let url = format!("{scheme}://{host}:{port}{path}").replace('\'', "'\\''");
        format!("curl -f '{url}' || exit 1")
    } else {
        format!("nc -z -v {host} {port} || exit 1")
    };
    Ok(vec!["CMD-SHELL".into(), cmd])
}

/// A probe's port: a number, or the name of one of the container's ports.
fn port(what: &str, p: &Value, ports: &Value) -> Result<u16> {
    let text = p
        .as_str()
        .ok_or_else(|| anyhow!("{what}: the probe needs a port"))?;
    if let Ok(n) = text.parse::<u16>() {
        if n == 0 {
            bail!("{what}: port 0 is no port");
        }
        return Ok(n);
    }
    ports
        .as_array()
        .into_iter()
        .flatten()
        .find(|cp| cp["name"].as_str() == Some(text))
        .and_then(|cp| cp["containerPort"].as_str())
        .and_then(|n| n.parse::<u16>().ok())
        .filter(|n| *n != 0)
        .ok_or_else(|| {
            anyhow!(
                "{what}: port {text:?} is no number nor the name of one of the container's ports"
            )
        })
}

/// A whole number field of the probe (`default` where it is not there or
/// below 1, as Kubernetes' defaults are applied).
fn number(what: &str, probe: &Value, field: &str, default: u64) -> Result<u64> {
    match &probe[field] {
        Value::Null => Ok(default),
        v => {
            let text = v.as_str().unwrap_or_default();
            let n: i64 = text
                .parse()
                .map_err(|_| anyhow!("{what}: {field} {text:?} is not a whole number"))?;
            Ok(if n < 1 { default } else { n as u64 })
        }
    }
}

/// A number of seconds of the probe, in nanoseconds (`default` seconds
/// where it is not there; `initialDelaySeconds` may be 0).
fn seconds(what: &str, probe: &Value, field: &str, default: u64) -> Result<u64> {
    let n = match (&probe[field], default) {
        (Value::Null, _) => default,
        (v, 0) => {
            let text = v.as_str().unwrap_or_default();
            let n: i64 = text
                .parse()
                .map_err(|_| anyhow!("{what}: {field} {text:?} is not a whole number"))?;
            n.max(0) as u64
        }
        _ => number(what, probe, field, default)?,
    };
    Ok(n.saturating_mul(SECOND))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn probes_become_podman_s_healthchecks() {
        let c = json!({
            "ports": [{"name": "web", "containerPort": "8080"}],
            "livenessProbe": {"httpGet": {"path": "/healthz", "port": "web"},
                              "periodSeconds": "5", "failureThreshold": "2"},
        });
        let h = health("p", &c, true).expect("plays").expect("a check");
        assert_eq!(
            h.test,
            Some(vec![
                "CMD-SHELL".into(),
                "curl -f 'http://localhost:8080/healthz' || exit 1".into()
            ])
        );
        assert_eq!(h.interval, Some(5 * SECOND));
        assert_eq!(h.timeout, Some(SECOND));
        assert_eq!(h.retries, Some(2));
        assert_eq!(h.start_period, Some(0));
        assert_eq!(h.on_failure, OnFailure::Restart);

        let c = json!({"livenessProbe": {"exec": {"command": ["cat", "/ok"]},
                                         "initialDelaySeconds": "7"},
                       "startupProbe": {"tcpSocket": {"port": "53"},
                                        "periodSeconds": "2", "failureThreshold": "30"}});
        let h = health("p", &c, false).expect("plays").expect("a check");
        assert_eq!(h.test, Some(vec!["CMD".into(), "cat".into(), "/ok".into()]));
        assert_eq!(h.start_period, Some(60 * SECOND));
        assert_eq!(h.interval, Some(10 * SECOND));
        assert_eq!(h.on_failure, OnFailure::None);
        assert!(health("p", &json!({}), true).expect("none").is_none());
    }

    #[test]
    fn a_probe_den_cannot_play_is_an_error() {
        for (probe, says) in [
            (json!({"grpc": {"port": "9"}}), "den plays exec, httpGet"),
            (
                json!({"httpGet": {"port": "http"}}),
                "no number nor the name",
            ),
            (
                json!({"tcpSocket": {"port": "1", "host": "a;b"}}),
                "no host",
            ),
            (
                json!({"httpGet": {"port": "1", "path": "/a b"}}),
                "no spaces",
            ),
            (json!({"exec": {"command": []}}), "needs a command"),
            (
                json!({"exec": {"command": ["x"]}, "periodSeconds": "ten"}),
                "whole number",
            ),
        ] {
            let e = health("p", &json!({"livenessProbe": probe}), true).expect_err("refused");
            assert!(e.to_string().contains(says), "{e}");
        }
        // A quote in the path stays inside the shell's quoted word.
        let c = json!({"livenessProbe": {"httpGet": {"port": "80", "path": "/'$(x)"}}});
        let h = health("p", &c, true).expect("plays").expect("a check");
        assert_eq!(
            h.test.expect("test")[1],
            "curl -f 'http://localhost:80/'\\''$(x)' || exit 1"
        );
    }
}
