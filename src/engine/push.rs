//! `push`: an image of the store to a registry.

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::error::{Error, Kind};
use crate::image::reference::Reference;
use crate::image::store::Store;
use crate::image::{lookup, push as pusher};
use crate::runtime::userns;

pub use crate::image::manifest::Compression;
pub use crate::image::push::{Format, PushOptions, Upload};

/// Push the image `image` to `dest` (a `docker://` reference; the image's
/// own name if not given); returns the manifest's digest.
pub fn push(paths: &Paths, image: &str, dest: Option<&str>, opts: &PushOptions) -> Result<String> {
    let regs = Registries::load(paths)?;
    let search = regs.search_registries();
    let images = Store::new(paths).images()?;
    let img = lookup::find(&images, &regs.expand(image), &search)?
        .ok_or_else(|| {
            Error::not_found(
                Kind::Image,
                image,
                format!("{image}: image not known (pull, build or load it first)"),
            )
        })?
        .clone();
    let target = match dest {
        Some(d) => match d.split_once(':') {
            Some((t, rest)) if t == "docker" && rest.starts_with("//") => rest[2..].to_string(),
            Some((t, _))
                if [
                    "oci-archive",
                    "docker-archive",
                    "oci",
                    "dir",
                    "containers-storage",
                ]
                .contains(&t) =>
            {
                bail!("pushing to {t}: is not supported: use den save for archives, or push to a registry (docker://HOST/NAME:TAG)")
            }
            _ => d.to_string(),
        },
        None => {
            // The name the user gave, as the image has it.
            let wanted = lookup::candidate_names(image, &search);
            img.names
                .iter()
                .find(|n| wanted.contains(n))
                .or(img.names.first())
                .cloned()
                .with_context(|| format!("{image} has no name to push it to: give a destination (den push {image} HOST/NAME:TAG)"))?
        }
    };
    let r = Reference::parse(&target)?;
    let q = r.qualify(r.registry.as_deref().unwrap_or("docker.io"));
    userns::enter()?;
    pusher::push(paths, &img, &q, opts)
}
