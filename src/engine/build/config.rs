//! The instructions that change only the image's config (ENV, LABEL,
//! CMD, ...), and the config's history, as buildah writes them.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::build::dockerfile::{Args, Instruction};
use crate::build::words;

/// A stage's config before its first step: `scratch`'s.
pub fn scratch() -> Value {
    json!({
        "architecture": crate::image::manifest::host_arch(),
        "os": "linux",
        "config": {},
        "rootfs": {"type": "layers", "diff_ids": []},
        "history": [],
    })
}

/// One more history entry (and the config's date).
pub fn add_history(config: &mut Value, created: &str, created_by: &str, empty_layer: bool) {
    let mut entry = json!({"created": created, "created_by": created_by});
    if empty_layer {
        entry["empty_layer"] = json!(true);
    }
    match config["history"].as_array_mut() {
        Some(h) => h.push(entry),
        None => config["history"] = json!([entry]),
    }
    config["created"] = json!(created);
}

/// Put a new layer on top.
pub fn add_layer(config: &mut Value, diff_id: &str) {
    match config["rootfs"]["diff_ids"].as_array_mut() {
        Some(ids) => ids.push(json!(diff_id)),
        None => config["rootfs"] = json!({"type": "layers", "diff_ids": [diff_id]}),
    }
}

/// A command in exec form, or the shell form run by `shell`.
pub fn command(args: &Args, shell: &[String]) -> Vec<String> {
    match args {
        Args::Json(v) => v.clone(),
        Args::Shell(s) => {
            let mut c = shell.to_vec();
            c.push(s.clone());
            c
        }
    }
}

fn object<'a>(v: &'a mut Value, key: &str) -> &'a mut Value {
    if !v[key].is_object() {
        v[key] = json!({});
    }
    &mut v[key]
}

/// What a config instruction changes. `vars` are the variables in scope;
/// `cmd_set`: CMD was given in this stage (ENTRYPOINT resets an
/// inherited one, as Docker does).
pub fn apply(
    config: &mut Value,
    ins: &Instruction,
    vars: words::Lookup<'_>,
    escape: char,
    shell: &[String],
    cmd_set: bool,
) -> Result<()> {
    let text = ins.text();
    let cfg = object(config, "config");
    let expand_all = || words::expand_words(&text, vars, escape);
    match ins.keyword.as_str() {
        "ENV" => {
            let mut env: Vec<Value> = cfg["Env"].as_array().cloned().unwrap_or_default();
            for (k, v) in words::pairs(&text, vars, escape, true)? {
                let v = v.with_context(|| format!("ENV {k} needs a value (ENV {k}=VALUE)"))?;
                env.retain(|e| {
                    e.as_str().and_then(|s| s.split_once('=')).map(|p| p.0) != Some(k.as_str())
                });
                env.push(json!(format!("{k}={v}")));
            }
            cfg["Env"] = json!(env);
        }
        "LABEL" => {
            let labels = object(cfg, "Labels");
            for (k, v) in words::pairs(&text, vars, escape, true)? {
                let v = v.with_context(|| format!("LABEL {k} needs a value (LABEL {k}=VALUE)"))?;
                labels[k] = json!(v);
            }
        }
        "MAINTAINER" => config["author"] = json!(words::expand(&text, vars, escape)?),
        "EXPOSE" => {
            let ports = object(cfg, "ExposedPorts");
            for p in expand_all()? {
                let (port, proto) = p.split_once('/').unwrap_or((&p, "tcp"));
                let proto = proto.to_ascii_lowercase();
                let ok = |n: &str| n.parse::<u16>().is_ok_and(|n| n > 0);
                let range_ok = match port.split_once('-') {
                    Some((a, b)) => {
                        ok(a) && ok(b) && a.parse::<u16>().ok() <= b.parse::<u16>().ok()
                    }
                    None => ok(port),
                };
                if !range_ok || !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
                    bail!("EXPOSE {p}: give a port number (1-65535), with /tcp, /udp or /sctp");
                }
                ports[format!("{port}/{proto}")] = json!({});
            }
        }
        "CMD" => cfg["Cmd"] = json!(command(&ins.args, shell)),
        "ENTRYPOINT" => {
            cfg["Entrypoint"] = json!(command(&ins.args, shell));
            if !cmd_set {
                cfg["Cmd"] = Value::Null;
            }
        }
        "VOLUME" => {
            // The JSON form's paths expanded too, as Docker's (a volume
            // named `$DATA` was made).
            let list = match &ins.args {
                Args::Json(v) => v
                    .iter()
                    .map(|p| words::expand_vars(p, vars, escape))
                    .collect::<Result<Vec<_>>>()?,
                Args::Shell(_) => expand_all()?,
            };
            let vols = object(cfg, "Volumes");
            for v in list {
                if v.is_empty() {
                    bail!("VOLUME needs a path");
                }
                vols[v] = json!({});
            }
        }
        "STOPSIGNAL" => {
            let s = words::expand(&text, vars, escape)?;
            if crate::container::process::parse_signal(&s).is_none() {
                bail!("STOPSIGNAL {s}: not a signal name or number");
            }
            cfg["StopSignal"] = json!(s);
        }
        "USER" => cfg["User"] = json!(words::expand(&text, vars, escape)?),
        "WORKDIR" => {
            let w = words::expand(&text, vars, escape)?;
            let joined = if w.starts_with('/') {
                w
            } else {
                let base = cfg["WorkingDir"]
                    .as_str()
                    .unwrap_or("/")
                    .trim_end_matches('/')
                    .to_string();
                format!("{base}/{w}")
            };
            cfg["WorkingDir"] = json!(clean_path(&joined));
        }
        "SHELL" => match &ins.args {
            Args::Json(v) if !v.is_empty() => cfg["Shell"] = json!(v),
            _ => bail!("SHELL takes the JSON form: SHELL [\"executable\", \"parameters\"]"),
        },
        "ONBUILD" => {
            let inner = text.trim();
            let kw = inner
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if matches!(kw.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
                bail!("ONBUILD {kw} is not allowed");
            }
            let mut list: Vec<Value> = cfg["OnBuild"].as_array().cloned().unwrap_or_default();
            list.push(json!(inner));
            cfg["OnBuild"] = json!(list);
        }
        "HEALTHCHECK" => cfg["Healthcheck"] = healthcheck(&text, shell)?,
        other => bail!("{other} does not change the config"),
    }
    Ok(())
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [--interval=D ...] CMD ...`.
fn healthcheck(text: &str, shell: &[String]) -> Result<Value> {
    let mut rest = text.trim();
    if rest.eq_ignore_ascii_case("none") {
        return Ok(json!({"Test": ["NONE"]}));
    }
    let mut hc = json!({});
    while let Some(f) = rest.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let (name, value) = f[..end]
            .split_once('=')
            .with_context(|| format!("HEALTHCHECK --{}: give a value", &f[..end]))?;
        let key = match name {
            "interval" => "Interval",
            "timeout" => "Timeout",
            "start-period" => "StartPeriod",
            "start-interval" => "StartInterval",
            "retries" => "Retries",
            _ => bail!("HEALTHCHECK: unknown option --{name}"),
        };
        hc[key] = if key == "Retries" {
            json!(value
                .parse::<u64>()
                .with_context(|| format!("HEALTHCHECK --retries={value}: give a number"))?)
        } else {
            json!(
                crate::util::human::duration_ns(value).with_context(|| format!(
                    "HEALTHCHECK --{name}={value}: give a duration like 30s or 1m30s"
                ))?
            )
        };
        rest = f[end..].trim_start();
    }
    let (kw, cmd) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if !kw.eq_ignore_ascii_case("cmd") || cmd.trim().is_empty() {
        bail!("HEALTHCHECK takes NONE or CMD followed by a command");
    }
    let cmd = cmd.trim();
    hc["Test"] = match serde_json::from_str::<Vec<String>>(cmd) {
        Ok(v) => json!(std::iter::once("CMD".to_string())
            .chain(v)
            .collect::<Vec<_>>()),
        Err(_) => {
            let _ = shell;
            json!(["CMD-SHELL", cmd])
        }
    };
    Ok(hc)
}

/// A path without `.`, `..` and doubled slashes.
pub fn clean_path(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::dockerfile::parse_one;

    fn apply_all(lines: &[&str]) -> Value {
        let mut c = scratch();
        let vars = |n: &str| (n == "V").then(|| "8080".to_string());
        let sh = vec!["/bin/sh".to_string(), "-c".to_string()];
        for l in lines {
            let ins = parse_one(l, 1, '\\').expect(l);
            apply(&mut c, &ins, &vars, '\\', &sh, false).expect(l);
        }
        c
    }

    #[test]
    fn config_instructions() {
        let c = apply_all(&[
            "ENV A=1 B=\"two words\"",
            "ENV A 3",
            "LABEL x=y",
            "EXPOSE $V 53/udp",
            "CMD echo hi",
            "WORKDIR /app",
            "WORKDIR sub/../src",
            "USER nobody",
            "VOLUME [\"/data\"]",
            "STOPSIGNAL SIGINT",
            "HEALTHCHECK --interval=5s --retries=2 CMD curl -f localhost",
            "ONBUILD RUN echo child",
        ]);
        let cfg = &c["config"];
        assert_eq!(cfg["Env"], json!(["B=two words", "A=3"]));
        assert_eq!(cfg["Labels"]["x"], "y");
        assert!(
            cfg["ExposedPorts"]["8080/tcp"].is_object()
                && cfg["ExposedPorts"]["53/udp"].is_object()
        );
        assert_eq!(cfg["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
        assert_eq!(cfg["WorkingDir"], "/app/src");
        assert_eq!(cfg["User"], "nobody");
        assert!(cfg["Volumes"]["/data"].is_object());
        assert_eq!(cfg["StopSignal"], "SIGINT");
        assert_eq!(cfg["Healthcheck"]["Interval"], json!(5_000_000_000u64));
        assert_eq!(
            cfg["Healthcheck"]["Test"],
            json!(["CMD-SHELL", "curl -f localhost"])
        );
        assert_eq!(cfg["OnBuild"], json!(["RUN echo child"]));
        let e = apply_all(&["ENTRYPOINT [\"/e\"]"]);
        assert_eq!(e["config"]["Cmd"], Value::Null);
        assert_eq!(
            crate::util::human::duration_ns("1m30s").expect("d"),
            90_000_000_000
        );
    }
}
