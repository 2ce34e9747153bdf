//! The image a container is made from: found among the local ones (as
//! the platform asked for), or pulled as `--pull` says.

use anyhow::Result;

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::engine::spec::{ContainerSpec, PullPolicy};
use crate::error::{Error, Kind};
use crate::image::lookup;
use crate::image::pull::{self, PullOptions};
use crate::image::store::{ImageRecord, Store};
use crate::runtime::userns;

/// `spec`'s image: the local one, or pulled (`--pull`: always, newer, or
/// missing, where a local image of another platform than the one asked
/// for is as missing).
pub(super) fn find(
    paths: &Paths,
    store: &Store,
    spec: &ContainerSpec,
    pull: &dyn Fn() -> Result<PullOptions>,
) -> Result<ImageRecord> {
    let regs = Registries::load(paths)?;
    let mut image = lookup::find(
        &store.images()?,
        &regs.expand(&spec.image),
        &regs.search_registries(),
    )?
    .cloned();
    let wanted = spec
        .platform
        .as_deref()
        .map(|p| crate::image::manifest::Wanted::from_flags(Some(p), None, None, None))
        .transpose()?
        .flatten();
    // A local image of another platform than the one asked for is as
    // missing, as podman has it (the local one ran instead).
    if let (Some(w), Some(img)) = (&wanted, &image) {
        if !crate::engine::images::is_for(store, img, w) {
            if spec.pull == PullPolicy::Never {
                return Err(Error::not_found(
                    Kind::Image,
                    &spec.image,
                    format!(
                        "{}: the local image is not for {w} (pull it for {w}, or run without --pull=never)",
                        spec.image
                    ),
                ));
            }
            image = None;
        }
    }
    let options = || -> Result<PullOptions> {
        let mut o = pull()?;
        if o.platform.is_none() {
            o.platform = wanted.clone();
        }
        Ok(o)
    };
    if spec.pull == PullPolicy::Always || (image.is_none() && spec.pull != PullPolicy::Never) {
        let owners = userns::enter()?;
        let id = pull::pull(paths, &spec.image, &options()?, owners)?;
        image = store.images()?.into_iter().find(|i| i.id == id);
    } else if spec.pull == PullPolicy::Newer {
        // Pulled again (only what changed is fetched); with a local image
        // a failure is a warning, as podman's `newer` has it.
        let owners = userns::enter()?;
        match pull::pull(paths, &spec.image, &options()?, owners) {
            Ok(id) => image = store.images()?.into_iter().find(|i| i.id == id),
            Err(e) => crate::warn!(
                "{}: could not look for a newer image ({e:#}): the local one is used",
                spec.image
            ),
        }
    }
    crate::util::log::phase("image found");
    image.ok_or_else(|| {
        Error::not_found(
            Kind::Image,
            &spec.image,
            format!(
                "{}: image not known (pull it, or run with --pull=missing)",
                spec.image
            ),
        )
    })
}
