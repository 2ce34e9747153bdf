//! A container's rootfs on its way: the kernel's overlay mounted beside
//! the supervisor's own work (`runtime/mountbeside.rs`), waited for where
//! the rootfs is first used; or mounted at once, as `driver::mount` does.
//!
//! Beside is taken only where the kernel's overlay is the driver a start
//! would try first and has worked in this store before (the remembered
//! driver, or the one asked for), the image's mount points are made (no
//! `mountpoints::make` waits for the mount), and the options fit mount(2)'s
//! page. Should the mount beside fail all the same, the rootfs is
//! mounted as `driver::mount` mounts it, every driver tried, where it is
//! waited for: the same rootfs, and the same error, as a start without
//! the child has.

use std::cell::{Ref, RefCell};
use std::ffi::CString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::driver::{self, Driver, OverlayDirs, Rootfs};
use crate::image::store::Store;
use crate::runtime::mountbeside::{self, Dir, Job};
use crate::runtime::usermaps::UserMaps;

/// The rootfs of one container, mounted or on its way.
pub struct Mounting {
    state: RefCell<State>,
    /// What it is mounted from (again, where the child's mount failed).
    from: Request,
}

enum State {
    Beside(mountbeside::Pending),
    Mounted(Rootfs),
    /// The mount beside failed, and so did the one made again: the
    /// error was given to whoever waited first.
    Failed,
}

/// What a container's rootfs is mounted from, as `driver::mount` takes
/// it (see there): the store, the container's directory, its layers
/// (bottom first), the driver asked for (`None`: den's choice), whether
/// it is volatile, and the image's mount points made.
pub struct Request {
    pub store: Store,
    pub cdir: PathBuf,
    pub layers: Vec<String>,
    pub wanted: Option<Driver>,
    pub volatile: bool,
    pub points: Option<String>,
}

impl Request {
    fn mount(&self, userns: Option<&UserMaps>) -> Result<Rootfs> {
        driver::mount(
            &self.store,
            &self.cdir,
            &self.layers,
            self.wanted,
            userns,
            self.volatile,
            self.points.as_deref(),
        )
    }

    fn merged(&self) -> Rootfs {
        Rootfs {
            path: OverlayDirs::of(&self.cdir).merged,
            driver: Driver::Overlay,
            helper: None,
        }
    }

    /// The rootfs once `pending` has ended: its overlay, or, where it
    /// failed, one mounted now as a start without it would have.
    fn after(&self, pending: mountbeside::Pending) -> Result<Rootfs> {
        match pending.wait() {
            Ok(()) => Ok(self.merged()),
            Err(failed) => {
                crate::debug!(
                    "rootfs: the mount beside failed at step {} ({}): mounting it again",
                    failed.step,
                    failed.errno
                );
                let here = std::env::current_dir().context("our working directory")?;
                let mounted = self.mount(None)?;
                if let Err(e) = std::env::set_current_dir(&here) {
                    // Not left mounted (nor its fuse-overlayfs running)
                    // behind an error that drops it.
                    driver::unmount(&mounted);
                    return Err(e).with_context(|| format!("entering {}", here.display()));
                }
                Ok(mounted)
            }
        }
    }
}

impl Mounting {
    /// Mount the rootfs `from` asks for as `driver::mount` does (in the
    /// container's user namespace `userns`, if it has one of its own),
    /// beside us where this module's conditions hold.
    pub fn start(from: Request, userns: Option<&UserMaps>) -> Result<Mounting> {
        // Whatever keeps the mount from going beside (its preparation's
        // error too), it is made now, by `driver::mount`, which says in
        // its own words what is wrong.
        let job = beside_job(&from, userns)
            .map_err(|e| crate::debug!("rootfs: not mounted beside: {e:#}"))
            .ok()
            .flatten();
        let state = match job.map(mountbeside::start) {
            Some(Ok(pending)) => State::Beside(pending),
            started => {
                if let Some(Err(e)) = started {
                    crate::debug!("rootfs: not mounted beside ({e}): mounting it now");
                }
                State::Mounted(from.mount(userns)?)
            }
        };
        Ok(Mounting {
            state: RefCell::new(state),
            from,
        })
    }

    /// [`Mounting::start`] only where the mount goes beside us, and
    /// starts; `None` (nothing mounted) otherwise.
    pub fn start_beside(from: Request) -> Option<Mounting> {
        let job = beside_job(&from, None)
            .map_err(|e| crate::debug!("rootfs: not mounted beside: {e:#}"))
            .ok()
            .flatten()?;
        let pending = mountbeside::start(job)
            .map_err(|e| crate::debug!("rootfs: not mounted beside ({e})"))
            .ok()?;
        Some(Mounting {
            state: RefCell::new(State::Beside(pending)),
            from,
        })
    }

    /// The image's mount points made, as the request gave them.
    pub fn points(&self) -> Option<&str> {
        self.from.points.as_deref()
    }

    /// Whether the rootfs is still on its way.
    pub fn beside(&self) -> bool {
        matches!(*self.state.borrow(), State::Beside(_))
    }

    /// The mounted rootfs, once the mount beside is done; where it
    /// failed, mounted again as `driver::mount` does (our working
    /// directory kept).
    pub fn rootfs(&self) -> Result<Ref<'_, Rootfs>> {
        {
            // Failed until mounted again, should that fail too.
            let mut state = self.state.borrow_mut();
            *state = match std::mem::replace(&mut *state, State::Failed) {
                State::Beside(pending) => State::Mounted(self.from.after(pending)?),
                other => other,
            };
        }
        Ref::filter_map(self.state.borrow(), |s| match s {
            State::Mounted(r) => Some(r),
            _ => None,
        })
        .map_err(|_| anyhow::anyhow!("the container's rootfs could not be mounted"))
    }

    /// What is mounted, for its unmount: the rootfs, once the mount
    /// beside has ended (`None` where it failed).
    pub fn into_mounted(self) -> Option<Rootfs> {
        match self.state.into_inner() {
            State::Beside(pending) => pending.wait().ok().map(|()| self.from.merged()),
            State::Mounted(r) => Some(r),
            State::Failed => None,
        }
    }
}

/// The child's job, where the mount may be made beside (see the module's
/// comment); our working directory is then the store root, which the
/// options' paths are relative to.
fn beside_job(from: &Request, userns: Option<&UserMaps>) -> Result<Option<Job>> {
    let (store, cdir, layers) = (&from.store, from.cdir.as_path(), from.layers.as_slice());
    let overlay_first = match from.wanted {
        Some(d) => d == Driver::Overlay,
        None => {
            driver::candidates(store, cdir, false).first() == Some(&Driver::Overlay)
                && driver::remembered(store) == Some(Driver::Overlay)
        }
    };
    let points = from.points.as_deref();
    if userns.is_some() || points.is_none() || layers.is_empty() || !overlay_first {
        return Ok(None);
    }
    let plan = OverlayDirs::of(cdir).with_layers(store, cdir, layers, points)?;
    let (upper_rel, work_rel) = (Path::new(&plan.upper_rel), Path::new(&plan.work_rel));
    // Where mount(2) takes them: the new mount API is `driver::mount`'s.
    let Some(opts) = super::overlay::prepare(&plan.lower, upper_rel, work_rel, from.volatile)?
    else {
        return Ok(None);
    };
    // Made ahead where they can be (`util/pool.rs`); the child's mkdir
    // then finds them, and gives the upper layer its mode.
    for d in [&plan.dirs.upper, &plan.dirs.work, &plan.dirs.merged] {
        crate::util::pool::take_dir(d);
    }
    let c = |p: &Path| CString::new(p.as_os_str().as_encoded_bytes()).ok();
    let (Some(upper), Some(work), Some(target), Ok(data)) = (
        c(&plan.dirs.upper),
        c(&plan.dirs.work),
        c(&plan.dirs.merged),
        CString::new(opts),
    ) else {
        return Ok(None);
    };
    Ok(Some(Job {
        dirs: vec![
            // The container's `/`: every user in it must enter it.
            Dir {
                path: upper,
                mode: 0o755,
                exact: true,
            },
            Dir {
                path: work,
                mode: 0o700,
                exact: false,
            },
            Dir {
                path: target.clone(),
                mode: 0o700,
                exact: false,
            },
        ],
        target,
        data,
    }))
}
