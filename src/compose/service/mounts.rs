//! A service's volumes, tmpfs, secrets and configs as the spec's mounts.

use anyhow::{anyhow, Context as _, Result};
use serde_json::Value;

use super::{strings, text, Context};
use crate::engine::spec::{self, ContainerSpec};

pub(super) fn mounts(ctx: &Context, name: &str, svc: &Value, s: &mut ContainerSpec) -> Result<()> {
    let at = |e: anyhow::Error| anyhow!("services.{name}.volumes: {e:#}");
    let volume_name = |key: &str| -> Result<String> {
        ctx.model
            .pointer(&format!("/volumes/{key}/name"))
            .map(text)
            .ok_or_else(|| {
                anyhow!("the volume {key:?} is not defined under the top-level volumes:")
            })
    };
    let Some(Value::Array(vols)) = svc.get("volumes") else {
        return tmpfs(svc, s, name);
    };
    for v in vols {
        let short = match v {
            Value::String(short) => {
                let parts: Vec<&str> = short.splitn(3, ':').collect();
                match parts.as_slice() {
                    [target] => (*target).to_string(),
                    [src, rest @ ..] => {
                        let src = if src.starts_with('.') || src.starts_with('~') {
                            let p = if let Some(home) = src.strip_prefix('~') {
                                std::path::PathBuf::from(std::env::var("HOME").unwrap_or_default())
                                    .join(home.trim_start_matches('/'))
                            } else {
                                ctx.dir.join(src)
                            };
                            std::path::absolute(&p)
                                .context("resolving a host path")
                                .map_err(at)?
                                .display()
                                .to_string()
                        } else if src.starts_with('/') {
                            src.to_string()
                        } else {
                            volume_name(src).map_err(at)?
                        };
                        std::iter::once(src)
                            .chain(rest.iter().map(|r| r.to_string()))
                            .collect::<Vec<_>>()
                            .join(":")
                    }
                    [] => continue,
                }
            }
            Value::Object(o) => {
                let kind = o.get("type").map(text).unwrap_or_else(|| "volume".into());
                let target = o
                    .get("target")
                    .map(text)
                    .ok_or_else(|| at(anyhow!("a mount needs a target")))?;
                let ro = o.get("read_only").and_then(Value::as_bool) == Some(true);
                // The type's own options (`bind:`, `volume:`, `tmpfs:`).
                let sub = |k: &str| o.get(&kind).and_then(|x| x.get(k)).map(text);
                let mut create = false;
                let mut m = match kind.as_str() {
                    "tmpfs" => {
                        let mut m = format!("type=tmpfs,dst={target}");
                        if let Some(size) = sub("size") {
                            m.push_str(&format!(",tmpfs-size={size}"));
                        }
                        if let Some(mode) = sub("mode") {
                            m.push_str(&format!(",tmpfs-mode={mode}"));
                        }
                        m
                    }
                    "bind" => {
                        let src = o.get("source").map(text).unwrap_or_default();
                        let abs = std::path::absolute(ctx.dir.join(&src))
                            .context("resolving a host path")
                            .map_err(at)?;
                        create = sub("create_host_path").as_deref() == Some("true");
                        let mut m = format!("type=bind,src={},dst={target}", abs.display());
                        if let Some(p) = sub("propagation") {
                            m.push_str(&format!(",bind-propagation={p}"));
                        }
                        m
                    }
                    "volume" => {
                        let mut m = match o.get("source").map(text) {
                            Some(src) if !src.is_empty() => format!(
                                "type=volume,src={},dst={target}",
                                volume_name(&src).map_err(at)?
                            ),
                            _ => format!("type=volume,dst={target}"),
                        };
                        if sub("nocopy").as_deref() == Some("true") {
                            m.push_str(",volume-nocopy");
                        }
                        if sub("subpath").is_some() {
                            return Err(at(anyhow!(
                                "{target}: volume.subpath is not supported by den yet (bind a directory of the volume's instead)"
                            )));
                        }
                        m
                    }
                    other => {
                        return Err(at(anyhow!("mount type {other:?} is bind, volume or tmpfs")))
                    }
                };
                if ro {
                    m.push_str(",ro");
                }
                let mut m = spec::mounts::parse_mount(&m).map_err(at)?;
                m.create_host_path = create;
                s.mounts.push(m);
                continue;
            }
            other => return Err(at(anyhow!("{other} is no mount"))),
        };
        let mut m = spec::mounts::parse_volume(&short).map_err(at)?;
        // The short syntax makes a missing host directory, as Compose's.
        m.create_host_path = m.kind == crate::container::mounts::MountKind::Bind;
        s.mounts.push(m);
    }
    tmpfs(svc, s, name)
}

pub(super) fn tmpfs(svc: &Value, s: &mut ContainerSpec, name: &str) -> Result<()> {
    for t in strings(svc.get("tmpfs")) {
        s.mounts.push(
            spec::mounts::parse_tmpfs(&t).map_err(|e| anyhow!("services.{name}.tmpfs: {e:#}"))?,
        );
    }
    Ok(())
}

/// `volumes_from`: `SERVICE[:ro|rw]` (its first container) or
/// `container:NAME[:ro|rw]`, as `--volumes-from` takes them.
pub(super) fn volumes_from(ctx: &Context, svc: &Value) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for v in strings(svc.get("volumes_from")) {
        let (from, mode) = match v.strip_prefix("container:") {
            Some(rest) => {
                let (n, m) = rest.split_once(':').unwrap_or((rest, ""));
                (n.to_string(), m)
            }
            None => {
                let (service, m) = v.split_once(':').unwrap_or((&v, ""));
                if ctx.model.pointer(&format!("/services/{service}")).is_none() {
                    anyhow::bail!(
                        "{service:?} is no service of the project (a container is container:NAME)"
                    );
                }
                (super::network::first_container(ctx, service), m)
            }
        };
        match mode {
            "" => out.push(from),
            "ro" | "rw" => out.push(format!("{from}:{mode}")),
            other => anyhow::bail!("{v:?}: the mode {other:?} is ro or rw"),
        }
    }
    Ok(out)
}
