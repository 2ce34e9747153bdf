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
    let context = l
        .dir
        .join(b.get("context").map(text).unwrap_or_else(|| ".".into()));
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
    let ignore = crate::engine::build::read_ignore(&context, own).map_err(at)?;
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
    Ok(BuildOptions {
        dockerfile,
        dockerfile_name,
        context: Some(context),
        ignore,
        tags: vec![service::built_image(&l.name, name, svc)],
        build_args,
        target: b.get("target").map(text),
        no_cache,
        pull: crate::engine::spec::PullPolicy::Missing,
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
        secrets: Vec::new(),
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
