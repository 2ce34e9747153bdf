//! The container's rootfs, for all of the supervisor's runs: mounted once
//! at its start (beside it where it can, `storage/mounting.rs`, and then
//! waited for only where the first run needs it), the image's mount
//! points made from its first container's, the fuse-overlayfs process
//! recorded, and unmounted at the end (or left to the caller's teardown).

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

use super::caller::Done;
use crate::config::paths::Paths;
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, Containers};
use crate::image::store::Store;
use crate::runtime::userns;
use crate::storage::driver::{self, Driver};
use crate::storage::mounting::{Mounting, Request};

thread_local! {
    /// A rootfs started ahead ([`start_ahead`]), with its container's
    /// directory.
    static AHEAD: RefCell<Option<(PathBuf, Mounting)>> = const { RefCell::new(None) };
}

/// Whether this process made its own mount namespace ahead (and its
/// mounts private): [`start_ahead`].
static NS_AHEAD: AtomicBool = AtomicBool::new(false);

/// The supervisor's own mount namespace, its mounts private: where its
/// container's rootfs is mounted. Once per process.
pub(super) fn own_mount_ns() -> Result<()> {
    if NS_AHEAD.load(Ordering::SeqCst) {
        return Ok(());
    }
    userns::unshare(rustix::thread::UnshareFlags::NEWNS).context("creating a mount namespace")?;
    rustix::mount::mount_change(
        "/",
        rustix::mount::MountPropagationFlags::PRIVATE | rustix::mount::MountPropagationFlags::REC,
    )
    .context("making mounts private")?;
    NS_AHEAD.store(true, Ordering::SeqCst);
    Ok(())
}

/// The driver `cfg` asks for, or the one configured (`None`: den's choice).
pub(super) fn wanted(cfg: &ContainerConfig, driver_flag: Option<&str>) -> Result<Option<Driver>> {
    match cfg.driver.as_str() {
        "" => driver::configured(driver_flag),
        d => Ok(Some(Driver::parse(d)?)),
    }
}

/// In a supervisor forked ahead of its container's record, once sent the
/// config (`engine::start::Early`; or in another, `supervisor::ahead`
/// says when), in den's user namespace: its mount
/// namespace made and the rootfs's mount started beside it (the
/// container's directory made if its caller has yet to), while the caller
/// writes the record, rather than after. Only where the mount goes
/// beside (the kernel's overlay, no user namespace of the container's
/// own): nothing is mounted in our way, no helper process is started.
/// What fails here is done again, in its place, by the supervisor.
pub fn start_ahead(
    paths: &Paths,
    cfg: &ContainerConfig,
    driver_flag: Option<&str>,
    before_record: bool,
) {
    if cfg.userns.is_some() {
        return;
    }
    let started = (|| -> Result<Option<(PathBuf, Mounting)>> {
        let wanted = wanted(cfg, driver_flag)?;
        own_mount_ns()?;
        let containers = Containers::new(paths);
        let cdir = containers.dir(&cfg.id);
        if !crate::util::pool::take_dir(&cdir) {
            crate::util::fs::private_dir(&cdir)?;
        }
        let store = Store::new(paths);
        let from = request(&store, cfg, &cdir, wanted);
        Ok(Mounting::start_beside(from).map(|m| (cdir, m)))
    })();
    match started {
        Ok(Some(ahead)) => {
            crate::util::log::phase(match before_record {
                true => "rootfs mounting beside, ahead of the record",
                false => "rootfs mounting beside, ahead",
            });
            AHEAD.with(|a| *a.borrow_mut() = Some(ahead));
        }
        Ok(None) => crate::debug!("rootfs: not mounted ahead"),
        Err(e) => crate::debug!("rootfs: not mounted ahead: {e:#}"),
    }
}

/// The container was never recorded: the rootfs started ahead, if any,
/// waited for and let go, and the container's directory deleted unless a
/// record is in it (which, the caller gone, no one else would).
pub fn end_ahead() {
    let Some(cdir) = end_ahead_unused() else {
        return;
    };
    if !cdir.join("config.json").exists() {
        if let Err(e) = crate::storage::remove::remove_tree(&cdir) {
            crate::debug!("removing the unrecorded {}: {e:#}", cdir.display());
        }
    }
}

/// The rootfs started ahead, if no start took it: waited for and
/// unmounted. Its container's directory, if there was one.
pub fn end_ahead_unused() -> Option<PathBuf> {
    let (cdir, mounting) = AHEAD.with(|a| a.borrow_mut().take())?;
    if let Some(rootfs) = mounting.into_mounted() {
        let _ = rustix::mount::unmount(&rootfs.path, rustix::mount::UnmountFlags::DETACH);
    }
    Some(cdir)
}

/// What the rootfs of `cfg`, in `cdir`, is mounted from.
fn request(store: &Store, cfg: &ContainerConfig, cdir: &Path, wanted: Option<Driver>) -> Request {
    Request {
        store: store.clone(),
        cdir: cdir.to_path_buf(),
        layers: cfg.layers.clone(),
        wanted,
        // A --rm container's files are never synced (podman's
        // volatile storage): it does not outlive a crash anyway.
        volatile: cfg.remove,
        points: cfg.premade_mount_points(store),
    }
}

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
        // Started ahead of the record, for this very directory.
        let ahead = AHEAD
            .with(|a| a.borrow_mut().take())
            .filter(|(dir, _)| dir == cdir);
        let mounting = match ahead {
            Some((_, mounting)) => mounting,
            None => Mounting::start(request(store, cfg, cdir, wanted), cfg.userns.as_ref())?,
        };
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
            let premade = rootfs.mounting.points().is_some();
            if !premade && mounted.driver != Driver::Vfs && cfg.userns.is_none() {
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
