//! A service's secrets and configs. A file's (`file:`) is bound
//! read-only, as the host has it; one whose data the Compose file gives
//! (`environment:`, a config's `content:`) is kept in den's secret store
//! under the project's name (the engine puts it there before the
//! containers are made, `engine/compose/up.rs`) and copied into the
//! container at each start with its `uid`, `gid` and `mode`, as a
//! `--secret` is; an `external: true` one is a secret of den's store.
//! A secret lands at `/run/secrets/NAME`, a config at `/NAME`, unless
//! `target` says otherwise.

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

use super::{text, Context};
use crate::engine::spec::{self, ContainerSpec};

/// What a top-level secret or config definition gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Data {
    /// A host file (relative to the project's directory).
    File(String),
    /// The project's variable of that name.
    Env(String),
    /// The text itself (configs only).
    Content(String),
    /// A secret of den's store of that name.
    External(String),
}

/// `kind` is `secrets` or `configs`; `key` the definition's.
pub fn data_of(kind: &str, key: &str, def: &Value) -> Result<Data> {
    if def.get("external").is_some_and(|e| e == &Value::Bool(true)) {
        return Ok(Data::External(
            def.get("name").map(text).unwrap_or_else(|| key.to_string()),
        ));
    }
    if let Some(f) = def.get("file") {
        return Ok(Data::File(text(f)));
    }
    if let Some(v) = def.get("environment") {
        return Ok(Data::Env(text(v)));
    }
    match def.get("content") {
        Some(c) if kind == "configs" => Ok(Data::Content(text(c))),
        _ => bail!(
            "{kind}.{key}: give file:, environment:{} or external: true",
            match kind {
                "configs" => ", content:",
                _ => "",
            }
        ),
    }
}

/// The name in den's secret store of a project's secret or config whose
/// data the Compose file gives: `PROJECT.secret.KEY`, `PROJECT.config.KEY`.
/// A project's name has no `.` (`normalize_name`), so no two projects'
/// names meet, nor a secret's and a config's.
pub fn stored_name(project: &str, kind: &str, key: &str) -> String {
    format!("{project}.{}.{key}", kind.trim_end_matches('s'))
}

/// The data den keeps for a definition: `None` for a file's or an
/// external one's, and for an empty value (Compose gives no file then);
/// an unset variable is an error.
pub fn data_bytes(
    kind: &str,
    key: &str,
    data: &Data,
    env: &std::collections::BTreeMap<String, String>,
) -> Result<Option<Vec<u8>>> {
    let bytes = match data {
        Data::Env(var) => match env.get(var) {
            Some(v) => v.as_bytes().to_vec(),
            None => bail!(
                "{kind}.{key}: the variable {var} is not set (set it, or put it in the project's .env)"
            ),
        },
        Data::Content(text) => text.as_bytes().to_vec(),
        Data::File(_) | Data::External(_) => return Ok(None),
    };
    Ok(Some(bytes).filter(|b| !b.is_empty()))
}

/// The secrets and configs `services` use whose data den keeps:
/// `(kind, key, data)` once each.
pub fn stored(
    model: &Value,
    env: &std::collections::BTreeMap<String, String>,
    services: &[String],
) -> Result<Vec<(&'static str, String, Vec<u8>)>> {
    let mut out: Vec<(&'static str, String, Vec<u8>)> = Vec::new();
    let chosen = services
        .iter()
        .filter_map(|s| model.pointer(&format!("/services/{s}")));
    for (kind, r) in chosen.flat_map(references) {
        let key = source_of(r);
        if out.iter().any(|(k, s, _)| *k == kind && *s == key) {
            continue;
        }
        let Some(def) = model.pointer(&format!("/{kind}/{key}")) else {
            continue;
        };
        if let Some(bytes) = data_bytes(kind, &key, &data_of(kind, &key, def)?, env)? {
            out.push((kind, key, bytes));
        }
    }
    Ok(out)
}

/// A service's references to secrets and configs: `(kind, reference)`.
pub fn references(svc: &Value) -> impl Iterator<Item = (&'static str, &Value)> {
    ["secrets", "configs"].into_iter().flat_map(move |kind| {
        svc.get(kind)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(move |r| (kind, r))
    })
}

/// The key of the definition a reference names.
pub fn source_of(r: &Value) -> String {
    match r {
        Value::Object(o) => o.get("source").map(text).unwrap_or_default(),
        other => text(other),
    }
}

/// The service's secrets and configs as the spec's mounts and secrets.
pub(super) fn files(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    for (kind, r) in references(svc) {
        let default_dir = match kind {
            "secrets" => "/run/secrets/",
            _ => "/",
        };
        let source = source_of(r);
        let target = r.get("target").map(text);
        let at = |e: String| anyhow!("services.{name}.{kind}: {source}: {e}");
        let def = ctx
            .model
            .pointer(&format!("/{kind}/{source}"))
            .ok_or_else(|| at(format!("not defined under the top-level {kind}:")))?;
        let target = match target {
            Some(t) if t.starts_with('/') => t,
            Some(t) => format!("{default_dir}{t}"),
            None => format!("{default_dir}{source}"),
        };
        let data = data_of(kind, &source, def).map_err(|e| at(format!("{e:#}")))?;
        let given = data_bytes(kind, &source, &data, ctx.env).map_err(|e| at(format!("{e:#}")))?;
        let stored = match data {
            Data::File(file) => {
                let host =
                    std::path::absolute(ctx.dir.join(&file)).map_err(|e| at(e.to_string()))?;
                if !host.is_file() {
                    return Err(at(format!("{} is not a file", host.display())));
                }
                s.mounts.push(
                    spec::mounts::parse_volume(&format!("{}:{target}:ro", host.display()))
                        .map_err(|e| at(format!("{e:#}")))?,
                );
                continue;
            }
            Data::External(n) => n,
            // Empty: no file, as Compose gives none.
            Data::Env(_) | Data::Content(_) if given.is_none() => continue,
            Data::Env(_) | Data::Content(_) => stored_name(ctx.project, kind, &source),
        };
        let id = |key: &str| -> Result<u32> {
            match r.get(key) {
                None => Ok(0),
                Some(v) => text(v)
                    .parse()
                    .map_err(|_| at(format!("{key} {} is not a number", text(v)))),
            }
        };
        // A string is octal ("0440"); a number is the mode's value
        // (YAML's 0440 is 288), as compose-go reads it.
        let mode = match r.get("mode") {
            None => None,
            Some(Value::Number(n)) => n.as_u64().and_then(|m| u32::try_from(m).ok()),
            Some(v) => {
                let t = text(v);
                u32::from_str_radix(t.strip_prefix("0o").unwrap_or(&t), 8).ok()
            }
        };
        if r.get("mode").is_some() && mode.is_none_or(|m| m > 0o777) {
            return Err(at("mode is an octal file mode such as \"0440\"".into()));
        }
        s.process.secrets.push(spec::process::SecretSpec {
            name: stored,
            env: false,
            target: Some(target),
            uid: id("uid")?,
            gid: id("gid")?,
            mode,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn what_a_definition_gives() {
        let d = |kind: &str, v: Value| data_of(kind, "k", &v);
        assert_eq!(
            d("secrets", json!({"file": "./s"})).ok(),
            Some(Data::File("./s".into()))
        );
        assert_eq!(
            d("secrets", json!({"environment": "T"})).ok(),
            Some(Data::Env("T".into()))
        );
        assert_eq!(
            d("configs", json!({"content": "x"})).ok(),
            Some(Data::Content("x".into()))
        );
        assert_eq!(
            d("secrets", json!({"external": true})).ok(),
            Some(Data::External("k".into()))
        );
        assert_eq!(
            d("secrets", json!({"external": true, "name": "n"})).ok(),
            Some(Data::External("n".into()))
        );
        assert!(
            d("secrets", json!({"content": "x"})).is_err(),
            "a secret's content"
        );
        assert_eq!(stored_name("p", "configs", "k"), "p.config.k");
    }

    #[test]
    fn only_what_services_use_and_the_file_gives_is_stored() {
        let model = json!({
            "services": {
                "a": {"secrets": ["s", {"source": "f"}], "configs": [{"source": "c"}]},
                "b": {"secrets": ["s"], "configs": ["ext"]},
            },
            "secrets": {"s": {"environment": "T"}, "f": {"file": "x"}, "unused": {"environment": "U"}},
            "configs": {"c": {"content": "hi"}, "ext": {"external": true}},
        });
        let env = std::collections::BTreeMap::from([("T".to_string(), "t".to_string())]);
        let all = ["a".to_string(), "b".to_string()];
        let got: Vec<(&str, String)> = stored(&model, &env, &all)
            .expect("stored")
            .into_iter()
            .map(|(k, s, _)| (k, s))
            .collect();
        assert_eq!(
            got,
            [("secrets", "s".to_string()), ("configs", "c".to_string())]
        );
        // Only the services chosen: b's alone ask for nothing stored, and
        // T need not be set for them... but s is b's too.
        let e = stored(&model, &Default::default(), &["b".to_string()]).unwrap_err();
        assert!(e.to_string().contains("the variable T is not set"), "{e}");
        assert!(stored(&model, &Default::default(), &[])
            .expect("none")
            .is_empty());
        // An empty value: no file.
        let empty = std::collections::BTreeMap::from([("T".to_string(), String::new())]);
        let got = stored(&model, &empty, &["b".to_string()]).expect("stored");
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(stored_name("p", "secrets", "k"), "p.secret.k");
    }
}
