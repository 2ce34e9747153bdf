//! `extends`: a service that starts from another one, of the same files
//! or of another file, with its own keys merged over the base's (the
//! Compose Specification's merge rules). A base may extend in turn; a
//! cycle is an error. Relative paths of a base read from another file
//! are made absolute from that file's directory, as the specification
//! says. A base that depends on other services (`depends_on`, `links`,
//! `volumes_from`, `network_mode: service:`) cannot be extended.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};
use serde_json::Value;

use super::{keys, merge, yaml};
use crate::build::words;

/// Where a service is defined: a file's services (its directory for
/// relative paths), and the name there.
struct Source {
    services: serde_json::Map<String, Value>,
    dir: PathBuf,
    file: String,
}

/// Resolve every `extends` of `model`'s services (read from `file` in
/// `dir`), with `vars` for the other files' interpolation.
pub fn resolve(
    model: &mut Value,
    dir: &Path,
    file: &str,
    vars: words::Lookup<'_>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let Some(Value::Object(services)) = model.get("services") else {
        return Ok(());
    };
    let top = Source {
        services: services.clone(),
        dir: dir.to_path_buf(),
        file: file.to_string(),
    };
    let mut resolved = serde_json::Map::new();
    for name in top.services.keys() {
        let mut seen = Vec::new();
        let svc = resolve_one(&top, name, vars, warnings, &mut seen, dir)?;
        resolved.insert(name.clone(), svc);
    }
    model["services"] = Value::Object(resolved);
    Ok(())
}

fn resolve_one(
    src: &Source,
    name: &str,
    vars: words::Lookup<'_>,
    warnings: &mut Vec<String>,
    seen: &mut Vec<String>,
    project_dir: &Path,
) -> Result<Value> {
    let at = format!("services.{name}.extends");
    let key = format!("{}#{name}", src.file);
    if seen.contains(&key) {
        bail!("{at}: services extend each other in a cycle through {name:?}");
    }
    if seen.len() >= 32 {
        bail!("{at}: more than 32 services extend one another");
    }
    seen.push(key);
    let Some(svc) = src.services.get(name) else {
        bail!("{at}: {name:?} is no service of {}", src.file);
    };
    let mut svc = svc.clone();
    let Some(ext) = svc.as_object_mut().and_then(|m| m.remove("extends")) else {
        return Ok(svc);
    };
    let (base_name, base_file) = match &ext {
        Value::String(s) => (s.clone(), None),
        Value::Object(o) => (
            o.get("service")
                .and_then(Value::as_str)
                .ok_or_else(|| anyhow!("{at}: give the base as service: NAME"))?
                .to_string(),
            o.get("file").and_then(Value::as_str).map(String::from),
        ),
        _ => bail!("{at}: give the base as a service name or service: and file:"),
    };
    let mut base = match base_file {
        None => resolve_one(src, &base_name, vars, warnings, seen, project_dir)?,
        Some(f) => {
            let path = src.dir.join(&f);
            let other = read(&path, vars, warnings).with_context(|| at.clone())?;
            let mut base = resolve_one(&other, &base_name, vars, warnings, seen, project_dir)
                .with_context(|| at.clone())?;
            if other.dir != project_dir {
                rebase(&mut base, &other.dir);
            }
            base
        }
    };
    for k in ["depends_on", "links", "volumes_from"] {
        if base.get(k).is_some() {
            bail!("{at}: the base {base_name:?} has {k}, and a service that depends on others cannot be extended");
        }
    }
    if base
        .get("network_mode")
        .and_then(Value::as_str)
        .is_some_and(|m| m.starts_with("service:") || m.starts_with("container:"))
    {
        bail!("{at}: the base {base_name:?} shares another's network, and cannot be extended");
    }
    merge(&mut base, svc, "");
    seen.pop();
    Ok(base)
}

/// The services of another Compose file.
fn read(path: &Path, vars: words::Lookup<'_>, warnings: &mut Vec<String>) -> Result<Source> {
    let meta = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.len() > 16 << 20 {
        bail!("{} is over 16 MiB: no Compose file is", path.display());
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let shown = path.display().to_string();
    let node = yaml::parse(&text).with_context(|| shown.clone())?;
    let model = keys::top(&node, &shown, vars, warnings, &mut keys::Places::new())?;
    // Its merge tags mean nothing against another file: marks taken out.
    let model = super::merge_tags::settle(model).unwrap_or_default();
    Ok(Source {
        services: model
            .get("services")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        file: shown,
    })
}

/// Make a base's relative paths (build context, env files, bind mounts)
/// absolute from `dir`, its file's directory.
fn rebase(svc: &mut Value, dir: &Path) {
    let abs = |p: &str| -> String {
        if p.starts_with('/') || p.starts_with('~') || p.contains("://") {
            p.to_string()
        } else {
            std::path::absolute(dir.join(p))
                .unwrap_or_else(|_| dir.join(p))
                .display()
                .to_string()
        }
    };
    if let Some(Value::String(c)) = svc.pointer_mut("/build/context") {
        *c = abs(c);
    }
    match svc.get_mut("env_file") {
        Some(Value::String(f)) => *f = abs(f),
        Some(Value::Array(fs)) => {
            for f in fs.iter_mut() {
                match f {
                    Value::String(s) => *s = abs(s),
                    Value::Object(m) => {
                        if let Some(Value::String(p)) = m.get_mut("path") {
                            *p = abs(p);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    if let Some(Value::Array(vols)) = svc.get_mut("volumes") {
        for v in vols.iter_mut() {
            match v {
                Value::String(s) if s.starts_with('.') => {
                    let (src, rest) = s.split_once(':').unwrap_or((s.as_str(), ""));
                    *s = if rest.is_empty() {
                        abs(src)
                    } else {
                        format!("{}:{rest}", abs(src))
                    };
                }
                Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("bind") => {
                    if let Some(Value::String(src)) = o.get_mut("source") {
                        *src = abs(src);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_service_extends_another_and_cycles_are_refused() {
        let mut model = json!({"services": {
            "base": {"image": "busybox", "environment": {"A": "1"}, "command": ["x"]},
            "mid": {"extends": "base", "environment": {"B": "2"}},
            "web": {"extends": {"service": "mid"}, "command": ["y"]}
        }});
        let none = |_: &str| None;
        let mut w = Vec::new();
        resolve(&mut model, Path::new("/p"), "f.yaml", &none, &mut w).expect("resolve");
        let web = &model["services"]["web"];
        assert_eq!(web["image"], "busybox");
        assert_eq!(web["environment"], json!({"A": "1", "B": "2"}));
        assert_eq!(web["command"], json!(["y"]));
        assert!(web.get("extends").is_none());
        let mut cycle = json!({"services": {"a": {"extends": "b"}, "b": {"extends": "a"}}});
        let e = resolve(&mut cycle, Path::new("/p"), "f.yaml", &none, &mut w).unwrap_err();
        assert!(format!("{e:#}").contains("cycle"), "{e:#}");
        let mut deps =
            json!({"services": {"a": {"depends_on": {"c": {}}}, "b": {"extends": "a"}, "c": {}}});
        let e = resolve(&mut deps, Path::new("/p"), "f.yaml", &none, &mut w).unwrap_err();
        assert!(format!("{e:#}").contains("depends_on"), "{e:#}");
    }

    #[test]
    fn a_base_from_another_file_keeps_its_paths() {
        let mut svc = json!({"build": {"context": "."}, "env_file": ["a.env"],
            "volumes": ["./data:/data", "named:/n", {"type": "bind", "source": "src", "target": "/s"}]});
        rebase(&mut svc, Path::new("/other"));
        assert_eq!(svc["build"]["context"], "/other");
        assert_eq!(svc["env_file"], json!(["/other/a.env"]));
        assert_eq!(svc["volumes"][0], "/other/data:/data");
        assert_eq!(svc["volumes"][1], "named:/n");
        assert_eq!(svc["volumes"][2]["source"], "/other/src");
    }
}
