//! The container's rootfs, for all of the supervisor's runs: mounted once
//! at its start (beside it where it can, `storage/mounting.rs`, and then
//! waited for only where the first run needs it), the image's mount
//! points made from its first container's, the fuse-overlayfs process
//! recorded, and unmounted at the end (or left to the caller's teardown).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::caller::Done;
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, Containers};
use crate::image::store::Store;
use crate::storage::driver::{self, Driver};
use crate::storage::mounting::{Mounting, Request};

pub(super) struct ContainerRootfs<'a> {
    mounting: Mounting,
    containers: &'a Containers,
    cfg: &'a ContainerConfig,
    cdir: &'a Path,
    /// Once mounted: its path relative to the container's directory, and
    /// its fuse-overlayfs process (recorded in the state).
    mounted: OnceCell<(PathBuf, ProcRef)>,
}

impl<'a> ContainerRootfs<'a> {
    /// Mount (or start mounting) the rootfs of `cfg`, whose directory is
    /// `cdir`, with the driver `wanted` (`None`: den's choice).
    pub fn mount(
        store: &Store,
        containers: &'a Containers,
        cfg: &'a ContainerConfig,
        cdir: &'a Path,
        wanted: Option<Driver>,
    ) -> Result<ContainerRootfs<'a>> {
        let points = cfg.premade_mount_points(store);
        let from = Request {
            store: store.clone(),
            cdir: cdir.to_path_buf(),
            layers: cfg.layers.clone(),
            wanted,
            // A --rm container's files are never synced (podman's
            // volatile storage): it does not outlive a crash anyway.
            volatile: cfg.remove,
            points: points.clone(),
        };
        let mounting = Mounting::start(from, cfg.userns.as_ref())?;
        let rootfs = ContainerRootfs {
            mounting,
            containers,
            cfg,
            cdir,
            mounted: OnceCell::new(),
        };
        if rootfs.mounting.beside() {
            crate::util::log::phase("rootfs mounting beside");
            return Ok(rootfs);
        }
        crate::util::log::phase("rootfs mounted");
        // The image's first container makes its mount points for the next
        // ones (`storage/mountpoints.rs`); its own init makes its own.
        {
            let mounted = rootfs.mounting.rootfs()?;
            if points.is_none() && mounted.driver != Driver::Vfs && cfg.userns.is_none() {
                let (points, upper) = (cfg.mount_points(), driver::upper_dir(cdir));
                let made = crate::storage::mountpoints::make(
                    store,
                    &cfg.layers,
                    &points,
                    &upper,
                    &mounted.path,
                );
                if let Err(e) = made {
                    crate::debug!("the image's mount points were not made: {e:#}");
                }
            }
        }
        rootfs.mounted()?;
        Ok(rootfs)
    }

    /// The rootfs's path relative to the container's directory (where
    /// the init finds it) and its fuse-overlayfs process, once mounted:
    /// the first time, after waiting for a mount beside, with the process
    /// recorded in the container's state.
    pub fn mounted(&self) -> Result<(PathBuf, ProcRef)> {
        if let Some(m) = self.mounted.get() {
            return Ok(m.clone());
        }
        let beside = self.mounting.beside();
        let rootfs = self.mounting.rootfs()?;
        if beside {
            crate::util::log::phase("rootfs mounted (beside)");
        }
        // The fuse-overlayfs process, recorded (a state write costs a
        // rename: none when there is nothing new to record).
        let helper = rootfs.helper.and_then(ProcRef::of).unwrap_or_default();
        let id = &self.cfg.id;
        let mut st = self.containers.state(id)?;
        if st.storage_helper != helper {
            st.storage_helper = helper;
            self.containers.write_state(id, &st)?;
        }
        crate::debug!(
            "rootfs of {} on {} at {}",
            self.cfg.name,
            rootfs.driver.name(),
            rootfs.path.display()
        );
        let relative = rootfs
            .path
            .strip_prefix(self.cdir)
            .unwrap_or(&rootfs.path)
            .to_path_buf();
        Ok(self.mounted.get_or_init(|| (relative, helper)).clone())
    }

    /// At the supervisor's end: unmount the rootfs, or leave it to the
    /// teardown after the caller is told (`Done`).
    pub fn unmount(self, done: &mut Done) {
        if let Some(rootfs) = self.mounting.into_mounted() {
            if !done.defer_unmount(&rootfs.path) {
                driver::unmount(&rootfs);
                crate::util::log::phase("rootfs unmounted");
            }
        }
    }
}
