//! `compose build`, and `up`'s builds: a service with `build:` is built
//! by `engine::build` (the same as `den build`) into `PROJECT-SERVICE`
//! (or its `image:`), from its context relative to the project.

use std::collections::BTreeMap;

use anyhow::{bail, Context as _, Result};
use serde_json::Value;

use super::Loaded;
use crate::compose::service::{self, text};
use crate::config::paths::Paths;
use crate::engine::build::{BuildOptions, Report};
use crate::engine::images::PullOptions;
use crate::engine::start::Globals;

/// What building service `name` takes.
fn options(l: &Loaded, name: &str, svc: &Value, no_cache: bool) -> Result<BuildOptions> {
    let b = &svc["build"];
    let at = |e: anyhow::Error| e.context(format!("services.{name}.build"));
    let given = b.get("context").map(text).unwrap_or_else(|| ".".into());
    if crate::engine::build::given::is_git(&given) || crate::engine::build::given::is_url(&given) {
        bail!("services.{name}.build.context: {given}: den compose builds from a local directory (clone or download it, or use den build {given})");
    }
    let context = l.dir.join(&given);
    let context = std::path::absolute(&context)
        .with_context(|| format!("the build context {}", context.display()))
        .map_err(at)?;
    if !context.is_dir() {
        bail!(
            "services.{name}.build.context: {} is not a directory",
            context.display()
        );
    }
    let (dockerfile, dockerfile_name) = match (b.get("dockerfile_inline"), b.get("dockerfile")) {
        (Some(inline), _) => (
            text(inline),
            format!("services.{name}.build.dockerfile_inline"),
        ),
        (None, Some(f)) => {
            let p = context.join(text(f));
            (
                std::fs::read_to_string(&p)
                    .with_context(|| format!("reading {}", p.display()))
                    .map_err(at)?,
                p.display().to_string(),
            )
        }
        (None, None) => {
            let Some(p) = ["Containerfile", "Dockerfile"]
                .iter()
                .map(|f| context.join(f))
                .find(|p| p.is_file())
            else {
                bail!(
                    "services.{name}.build: no Containerfile or Dockerfile in {} (give one with build.dockerfile)",
                    context.display()
                );
            };
            (
                std::fs::read_to_string(&p)
                    .with_context(|| format!("reading {}", p.display()))
                    .map_err(at)?,
                p.display().to_string(),
            )
        }
    };
    let own = b
        .get("dockerfile_inline")
        .is_none()
        .then(|| std::path::Path::new(&dockerfile_name));
    let ignore = crate::engine::build::read_ignore(&context, own, false).map_err(at)?;
    let mut build_args = BTreeMap::new();
    for (k, v) in b
        .get("args")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if !v.is_null() {
            build_args.insert(k.clone(), text(v));
        }
    }
    let labels = b
        .get("labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), text(v)))
        .collect();
    // `tags`: more names for the image; `no_cache`, `pull`; `secrets`:
    // the top-level file-based ones, by name.
    let mut tags = vec![service::built_image(&l.name, name, svc)];
    tags.extend(service::strings(b.get("tags")));
    let yes = |k: &str| b.get(k).is_some_and(|v| v == true || text(v) == "true");
    let mut secrets = Vec::new();
    for r in b
        .get("secrets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let source = match r {
            Value::Object(o) => o.get("source").map(text).unwrap_or_default(),
            other => text(other),
        };
        let file = l
            .project
            .model
            .pointer(&format!("/secrets/{source}/file"))
            .map(text)
            .with_context(|| {
                format!("secret {source:?}: den passes file-based secrets (define it under the top-level secrets: with a file:)")
            })
            .map_err(at)?;
        secrets.push(crate::engine::build::Secret {
            id: source,
            src: l.dir.join(file),
        });
    }
    let unapplied: Vec<&str> = [
        "cache_from",
        "cache_to",
        "ssh",
        "platforms",
        "shm_size",
        "extra_hosts",
        "additional_contexts",
    ]
    .into_iter()
    .filter(|k| b.get(*k).is_some())
    .collect();
    if !unapplied.is_empty() {
        crate::warn!(
            "service {name}: den does not apply build.{} yet: the image is built without",
            unapplied.join(", build.")
        );
    }
    Ok(BuildOptions {
        dockerfile,
        dockerfile_name,
        context: Some(context),
        ignore,
        tags,
        build_args,
        target: b.get("target").map(text),
        no_cache: no_cache || yes("no_cache"),
        pull: match yes("pull") {
            true => crate::engine::spec::PullPolicy::Always,
            false => crate::engine::spec::PullPolicy::Missing,
        },
        labels,
        platform: None,
        layers: true,
        squash: false,
        from: None,
        run_template: crate::engine::spec::ContainerSpec::default(),
        all_stages: false,
        edits: crate::engine::build::ImageEdits {
            identity_label: true,
            ..Default::default()
        },
        network: b.get("network").map(text),
        secrets,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        timestamp: None,
    })
}

/// Build `services` (none: every service with `build:`); `missing_only`:
/// only those whose image is not here yet (`up` without `--build`).
#[allow(clippy::too_many_arguments)]
pub fn build(
    paths: &Paths,
    g: &Globals,
    l: &Loaded,
    services: &[String],
    missing_only: bool,
    no_cache: bool,
    pull: &(dyn Fn() -> Result<PullOptions> + Sync),
    report: &dyn Report,
) -> Result<()> {
    let all = l
        .project
        .model
        .get("services")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for s in services {
        if !all.contains_key(s) {
            bail!("no such service: {s}");
        }
    }
    for (name, svc) in &all {
        if svc.get("build").is_none() || (!services.is_empty() && !services.contains(name)) {
            continue;
        }
        let image = service::built_image(&l.name, name, svc);
        if missing_only && crate::engine::images::lookup(paths, &image)?.is_some() {
            continue;
        }
        let opts = options(l, name, svc, no_cache)?;
        report.line(&format!("Building {name} ({image})"));
        crate::engine::build::build(paths, g, &opts, pull, report)?;
    }
    Ok(())
}
