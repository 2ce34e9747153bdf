//! `compose push`: the images of services that build and name an image
//! (`build:` and `image:`), as `docker compose push` does; the others
//! are skipped, each named.

use anyhow::{bail, Result};

use super::Loaded;
use crate::compose::service;
use crate::config::paths::Paths;
use crate::engine::push::PushOptions;

/// Push the images of `services` (all: none given; with `deps`, what they
/// depend on too). With `ignore_failures` a failed push is reported and
/// the others go on.
pub fn push(
    paths: &Paths,
    l: &Loaded,
    services: &[String],
    deps: bool,
    ignore_failures: bool,
    opts: &PushOptions,
    report: &mut dyn FnMut(&str),
) -> Result<()> {
    let model = &l.project.model;
    let mut chosen: Vec<String> = services.to_vec();
    for s in &chosen {
        if model.pointer(&format!("/services/{s}")).is_none() {
            bail!("no such service: {s}");
        }
    }
    if deps {
        let mut i = 0;
        while i < chosen.len() {
            let more = model
                .pointer(&format!("/services/{}", chosen[i]))
                .map(service::dependencies)
                .unwrap_or_default();
            for d in more {
                if !chosen.contains(&d) {
                    chosen.push(d);
                }
            }
            i += 1;
        }
    }
    let order = service::start_order(model).map_err(|e| l.project.locate(e))?;
    for name in order
        .iter()
        .filter(|s| services.is_empty() || chosen.contains(s))
    {
        let svc = &model["services"][name];
        let image = svc.get("image").map(service::text).unwrap_or_default();
        if svc.get("build").is_none() || image.is_empty() {
            report(&format!(
                "Service {name}  Skipped (no build: and image: to push)"
            ));
            continue;
        }
        report(&format!("Service {name}  Pushing {image}"));
        match crate::engine::push::push(paths, &image, None, opts) {
            Ok(_) => report(&format!("Service {name}  Pushed")),
            Err(e) if ignore_failures => report(&format!("Service {name}  Failed: {e:#}")),
            Err(e) => return Err(e.context(format!("pushing {image} (service {name})"))),
        }
    }
    Ok(())
}
