//! `export`: a container's filesystem (its rootfs, no volumes) as a tar
//! stream, names relative, as podman writes it.

use std::io::Write;
use std::os::fd::AsFd;
use std::path::Path;

use anyhow::{Context, Result};

use super::rootfs::{self, View};
use crate::config::paths::Paths;
use crate::container::Containers;
use crate::storage::archive::{TarOptions, TarWriter};

/// Write the filesystem of `container` to `out`.
pub fn export(paths: &Paths, container: &str, out: &mut dyn Write) -> Result<()> {
    let cfg = Containers::new(paths).find(container)?;
    let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let cfg_maps = cfg.userns.clone();
    let child = rootfs::fork_in(paths, &cfg, View::Rootfs, &[&r], move |seen| {
        let out = std::io::BufWriter::with_capacity(256 * 1024, std::fs::File::from(w));
        let opts = TarOptions {
            one_filesystem: true,
            // Owners as the container sees them (a rootfs of its own user
            // namespace has them shifted).
            container_maps: cfg_maps.filter(|_| !seen.container_ids),
            ..Default::default()
        };
        let mut tar = TarWriter::new(out, opts);
        tar.add_contents(seen.root.as_fd(), Path::new(""))?;
        tar.finish()?.flush()?;
        Ok(())
    })?;
    let copied = std::io::copy(&mut std::fs::File::from(r), out)
        .context("writing the archive")
        .and_then(|_| out.flush().context("writing the archive"));
    child.wait()?;
    copied
}

/// Write the filesystem of image `image` to `out` (`build --output`): a
/// container of it is made for the while, through the engine as any
/// other, and removed again.
pub fn export_image(paths: &Paths, image: &str, out: &mut dyn Write) -> Result<()> {
    let spec = crate::engine::spec::ContainerSpec {
        image: image.to_string(),
        entrypoint: Some(Vec::new()),
        command: vec!["true".into()],
        network: crate::engine::spec::NetworkSpec {
            modes: vec!["none".into()],
            ..Default::default()
        },
        pull: crate::engine::spec::PullPolicy::Never,
        create_command: vec!["den".into(), "build".into(), "--output".into()],
        ..Default::default()
    };
    let cfg = super::create(paths, &spec, &|| {
        anyhow::bail!("the built image is not here")
    })?;
    let written = export(paths, &cfg.id, out);
    let containers = Containers::new(paths);
    let removed =
        super::containers::in_den_userns(|| crate::container::ops::remove(&containers, &cfg, true));
    written.and(removed)
}
