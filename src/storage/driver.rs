//! Rootfs drivers: the kernel's overlayfs mounted inside the user
//! namespace, fuse-overlayfs, and a copy-based vfs driver as last resort.
//! The first that works is remembered in `$XDG_DATA_HOME/den/storage-driver`
//! (for `den info`); a better one is tried again where it may work now;
//! `--storage-driver` chooses one explicitly.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use rustix::mount::UnmountFlags;

use crate::debug;
use crate::image::store::Store;
use crate::runtime::usermaps::{self, UserMaps};

/// A way to build a container's rootfs from layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Overlay,
    FuseOverlayfs,
    Vfs,
}

impl Driver {
    pub const ALL: [Driver; 3] = [Driver::Overlay, Driver::FuseOverlayfs, Driver::Vfs];

    pub fn name(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::FuseOverlayfs => "fuse-overlayfs",
            Driver::Vfs => "vfs",
        }
    }

    pub fn parse(s: &str) -> Result<Driver> {
        Driver::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .with_context(|| {
                format!("unknown storage driver {s:?} (use overlay, fuse-overlayfs or vfs)")
            })
    }
}

fn remembered_path(store: &Store) -> PathBuf {
    store.root.join("storage-driver")
}

/// The driver asked for with `--storage-driver` (`None`: choose).
pub fn configured(flag: Option<&str>) -> Result<Option<Driver>> {
    flag.map(Driver::parse).transpose()
}

/// The driver that worked last in this store, if any.
pub fn remembered(store: &Store) -> Option<Driver> {
    std::fs::read_to_string(remembered_path(store))
        .ok()
        .and_then(|s| Driver::parse(s.trim()).ok())
}

/// The drivers to try for a container without one asked for: the one its
/// directory was made with (vfs's `rootfs/`, or the overlay drivers'
/// `upper/`, which they share), else every one, best first. A better
/// driver than the remembered one is tried only where it may work now
/// (overlay: one cheap mount attempt; fuse-overlayfs: installed and
/// /dev/fuse open to the user), so a store that fell back to vfs moves up
/// by itself once fuse-overlayfs is installed, and its old containers keep
/// their layout. Without `all`, only the first (probing for the others
/// costs a start that the first serves).
pub fn candidates(store: &Store, cdir: &Path, all: bool) -> Vec<Driver> {
    if cdir.join("rootfs").exists() {
        return vec![Driver::Vfs];
    }
    if !all {
        return vec![Driver::Overlay];
    }
    let fuse_usable =
        || crate::network::helper::find("fuse-overlayfs").is_some() && fuse_problem().is_none();
    let family = cdir.join("upper").exists();
    let mut order = vec![Driver::Overlay];
    if fuse_usable() || remembered(store) == Some(Driver::FuseOverlayfs) {
        order.push(Driver::FuseOverlayfs);
    }
    if !family {
        order.push(Driver::Vfs);
    }
    order
}

/// A mounted rootfs.
#[derive(Debug)]
pub struct Rootfs {
    pub path: PathBuf,
    pub driver: Driver,
    /// The fuse-overlayfs process serving it (our child, dying with us).
    pub helper: Option<i32>,
}

/// Build and mount the rootfs of the container in `cdir` from `layers`
/// (bottom first). Runs in the supervisor's own mount namespace, as root
/// of the user namespace. A container with its own user namespace
/// (`userns`) gets a private copy with its owners shifted (vfs). A
/// `volatile` overlay is never synced (see `overlay::mount`). `points`:
/// the image's mount points, made once (`mountpoints.rs`), laid over its
/// layers (not on vfs).
pub fn mount(
    store: &Store,
    cdir: &Path,
    layers: &[String],
    wanted: Option<Driver>,
    userns: Option<&UserMaps>,
    volatile: bool,
    points: Option<&str>,
) -> Result<Rootfs> {
    // With none asked for, the kernel's overlay first, and the others
    // looked for (fuse-overlayfs installed, /dev/fuse open) only when it
    // fails: nothing probed on a start that needs none of them.
    let mut order: Vec<Driver> = match (userns, wanted) {
        (Some(_), _) => vec![Driver::Vfs],
        (None, Some(d)) => vec![d],
        (None, None) => vec![candidates(store, cdir, false)[0]],
    };
    let wanted = wanted.or(userns.map(|_| Driver::Vfs));
    let mut errors = Vec::new();
    let mut next = 0;
    while let Some(d) = order.get(next).copied() {
        next += 1;
        let result = mount_with(d, store, cdir, layers, userns, volatile, points);
        if result.is_err() && userns.is_none() && wanted.is_none() && next == 1 {
            order = candidates(store, cdir, true);
        }
        match result {
            Ok((path, helper)) => {
                if wanted.is_none() && remembered(store) != Some(d) {
                    // Atomic: concurrent `den` processes read this file.
                    let _ =
                        crate::util::fs::write_atomic(&remembered_path(store), d.name().as_bytes());
                }
                return Ok(Rootfs {
                    path,
                    driver: d,
                    helper,
                });
            }
            Err(e) => {
                debug!("storage driver {} failed: {e:#}", d.name());
                errors.push(format!("{}: {e:#}", d.name()));
            }
        }
    }
    bail!(
        "cannot mount the container's rootfs ({})",
        errors.join("; ")
    )
}

/// The lower directories for `layers` (bottom first), top first, as
/// short names relative to the store root.
fn lowerdirs(store: &Store, cdir: &Path, layers: &[String]) -> Result<Vec<String>> {
    if layers.is_empty() {
        let empty = cdir.join("empty");
        crate::util::fs::private_dir(&empty)?;
        return Ok(vec![relative(store, &empty)]);
    }
    let mut names = Vec::new();
    for l in layers.iter().rev() {
        if !store.has_layer(l) {
            bail!("layer {l} is missing from the store (pull the image again)");
        }
        names.push(format!("l/{}", Store::short_name(l)?));
    }
    Ok(names)
}

/// Mount an image's `layers` read-only, with no upper layer, on
/// `cdir/merged` (`image mount`; the kernel's overlayfs, in den's user
/// namespace); the path.
pub fn mount_image(store: &Store, cdir: &Path, layers: &[String]) -> Result<PathBuf> {
    let merged = cdir.join("merged");
    crate::util::fs::private_dir(&merged)?;
    let mut lower = lowerdirs(store, cdir, layers)?;
    if lower.len() < 2 {
        // Overlayfs with no upper layer wants two lower ones.
        let bottom = cdir.join("bottom");
        crate::util::fs::private_dir(&bottom)?;
        lower.push(relative(store, &bottom));
    }
    // Short names relative to the store root, as for a container.
    std::env::set_current_dir(&store.root)
        .with_context(|| format!("entering {}", store.root.display()))?;
    super::overlay::mount_read_only(&lower, &merged)?;
    Ok(merged)
}

/// Mount the rootfs with `d`; its path, and the fuse-overlayfs process.
fn mount_with(
    d: Driver,
    store: &Store,
    cdir: &Path,
    layers: &[String],
    userns: Option<&UserMaps>,
    volatile: bool,
    points: Option<&str>,
) -> Result<(PathBuf, Option<i32>)> {
    match d {
        Driver::Overlay | Driver::FuseOverlayfs => {
            let dirs = OverlayDirs::of(cdir);
            // The upper directory's mode is the container's `/`: every
            // user in the container must enter it.
            container_root_dir(&dirs.upper)?;
            for dir in [&dirs.work, &dirs.merged] {
                crate::util::fs::private_dir(dir)?;
            }
            let plan = dirs.with_layers(store, cdir, layers, points)?;
            let (upper_rel, work_rel) = (Path::new(&plan.upper_rel), Path::new(&plan.work_rel));
            let merged = &plan.dirs.merged;
            if d == Driver::Overlay {
                super::overlay::mount(&plan.lower, upper_rel, work_rel, merged, volatile)?;
                Ok((plan.dirs.merged, None))
            } else {
                let opts = format!(
                    "lowerdir={},upperdir={},workdir={}",
                    plan.lower.join(":"),
                    plan.upper_rel,
                    plan.work_rel,
                );
                let pid = fuse_overlayfs(&opts, merged, &cdir.join("fuse-overlayfs.log"))?;
                Ok((plan.dirs.merged, Some(pid)))
            }
        }
        Driver::Vfs => {
            let rootfs = cdir.join("rootfs");
            // Beside the rootfs, where the container neither sees it nor
            // can remove it (which made the next start copy the image
            // again over its changes); inside it until 2026-12-05, moved
            // out at the next mount.
            let complete = cdir.join("rootfs.complete");
            let inside = rootfs.join(".den-complete");
            // (Only a file: a link the container put there is no mark.)
            let marked = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
            if !marked(&complete) && marked(&inside) {
                std::fs::rename(&inside, &complete)
                    .with_context(|| format!("moving {}", inside.display()))?;
            }
            if !marked(&complete) {
                if rootfs.exists() {
                    super::remove::remove_tree(&rootfs)?;
                }
                container_root_dir(&rootfs)?;
                for l in layers {
                    super::vfs::apply_layer(&store.layer_dir(l)?.join("diff"), &rootfs)
                        .with_context(|| format!("copying layer {l}"))?;
                }
                if let Some(maps) = userns {
                    usermaps::shift_owners(&rootfs, maps)?;
                    if let Some(me) = &maps.keep_id {
                        usermaps::add_user(&rootfs, me)?;
                    }
                }
                crate::util::fs::create_private(&complete)?;
            }
            rustix::mount::mount_bind(&rootfs, &rootfs).context("binding the vfs rootfs")?;
            Ok((rootfs, None))
        }
    }
}

/// An overlay rootfs's directories (the kernel's or fuse-overlayfs's).
pub struct OverlayDirs {
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
}

/// An overlay rootfs ready to mount: its directories, and its lower
/// layers (top first), upper and work directories by short names
/// relative to the store root.
pub struct OverlayPlan {
    pub dirs: OverlayDirs,
    pub lower: Vec<String>,
    pub upper_rel: String,
    pub work_rel: String,
}

impl OverlayDirs {
    /// The directories of the container in `cdir`.
    pub fn of(cdir: &Path) -> OverlayDirs {
        OverlayDirs {
            upper: upper_dir(cdir),
            work: cdir.join("work"),
            merged: cdir.join("merged"),
        }
    }

    /// Their plan with the lower layers, `points` on top (see `mount`),
    /// every directory by a short name relative to the store root, which
    /// becomes our working directory: many layers fit in the mount
    /// options, and the options never hold the store's own path, which
    /// may contain the commas and colons that separate them.
    pub fn with_layers(
        self,
        store: &Store,
        cdir: &Path,
        layers: &[String],
        points: Option<&str>,
    ) -> Result<OverlayPlan> {
        let mut lower = lowerdirs(store, cdir, layers)?;
        std::env::set_current_dir(&store.root)
            .with_context(|| format!("entering {}", store.root.display()))?;
        let (upper_rel, work_rel) = (relative(store, &self.upper), relative(store, &self.work));
        // The image's mount points, made once (`mountpoints.rs`), on top:
        // where they take no layer an image needs, nor move its mount past
        // mount(2)'s page (else its init makes its own).
        let (u, w) = (Path::new(&upper_rel), Path::new(&work_rel));
        if let Some(p) =
            points.filter(|p| !layers.is_empty() && super::overlay::room_for(&lower, u, w, p))
        {
            lower.insert(0, p.to_string());
        }
        Ok(OverlayPlan {
            dirs: self,
            lower,
            upper_rel,
            work_rel,
        })
    }
}

/// The upper layer of the container in `cdir` (overlay, fuse-overlayfs):
/// what it wrote.
pub fn upper_dir(cdir: &Path) -> PathBuf {
    cdir.join("upper")
}

/// `path` (below the store root) relative to the store root.
fn relative(store: &Store, path: &Path) -> String {
    path.strip_prefix(&store.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Whether the kernel's overlayfs mounts in a user namespace here, on the
/// filesystem of `scratch` (a throwaway mount, made by a forked child in a
/// namespace of its own); why not. Call while single-threaded.
pub fn overlay_works(scratch: &Path) -> Result<(), String> {
    let dir = scratch.join(format!("probe-{}", crate::util::ids::random_hex(8)));
    let made = ["lower", "upper", "work", "merged"]
        .iter()
        .try_for_each(|d| crate::util::fs::private_dir(&dir.join(d)));
    if let Err(e) = made {
        return Err(format!("{e:#}"));
    }
    let opts = format!(
        "lowerdir={},upperdir={},workdir={},userxattr",
        dir.join("lower").display(),
        dir.join("upper").display(),
        dir.join("work").display()
    );
    let (r, w) = match rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC) {
        Ok(p) => p,
        Err(e) => return Err(e.to_string()),
    };
    let result = match crate::runtime::spawn::fork() {
        Err(e) => Err(format!("fork: {e}")),
        Ok(None) => {
            drop(r);
            let tried = crate::runtime::userns::enter_private_single()
                .map_err(|e| format!("{e:#}"))
                .and_then(|_| {
                    let data = std::ffi::CString::new(opts).map_err(|e| e.to_string())?;
                    rustix::mount::mount(
                        "overlay",
                        dir.join("merged"),
                        "overlay",
                        rustix::mount::MountFlags::empty(),
                        data.as_c_str(),
                    )
                    .map_err(|e| e.to_string())
                });
            let code = match tried {
                Ok(()) => 0,
                Err(msg) => {
                    let _ = rustix::io::write(&w, msg.as_bytes());
                    1
                }
            };
            crate::runtime::spawn::exit_child(code)
        }
        Ok(Some(pid)) => {
            drop(w);
            let mut msg = String::new();
            let _ = std::io::Read::read_to_string(&mut std::fs::File::from(r), &mut msg);
            let status = nix::sys::wait::waitpid(pid, None);
            match status {
                Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(()),
                _ if !msg.is_empty() => Err(msg),
                other => Err(format!("the probe ended: {other:?}")),
            }
        }
    };
    let _ = super::remove::remove_tree(&dir);
    result
}

/// What keeps this user from opening /dev/fuse, which fuse-overlayfs
/// needs (`None`: nothing).
pub fn fuse_problem() -> Option<String> {
    crate::util::fs::device_problem("/dev/fuse", "fuse")
}

/// Make the directory that becomes a container's `/`: mode 0755, whatever
/// the user's umask.
fn container_root_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("setting the mode of {}", dir.display()))
}

/// Start fuse-overlayfs in the foreground as our child, dying with us (a
/// daemon would outlive a killed supervisor), and wait until `merged` is
/// mounted; its pid.
fn fuse_overlayfs(opts: &str, merged: &Path, log: &Path) -> Result<i32> {
    const FUSE_SUPER_MAGIC: u64 = 0x6573_5546;
    if let Some(p) = fuse_problem() {
        bail!("{p}; or use --storage-driver overlay or vfs");
    }
    let log_file = crate::util::fs::create_private(log)?;
    let mut cmd = Command::new("fuse-overlayfs");
    cmd.args(["-f", "-o", opts])
        .arg(merged)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(log_file);
    crate::runtime::spawn::dies_with_us(&mut cmd);
    let mut child = cmd
        .spawn()
        .context("running fuse-overlayfs (install the fuse-overlayfs package)")?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if rustix::fs::statfs(merged).is_ok_and(|s| s.f_type as u64 == FUSE_SUPER_MAGIC) {
            return Ok(child.id() as i32);
        }
        let exited = child.try_wait().ok().flatten();
        if exited.is_some() || std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let err = std::fs::read_to_string(log).unwrap_or_default();
            bail!("fuse-overlayfs failed: {}", err.trim());
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Unmount a rootfs (the fuse-overlayfs process exits with it).
pub fn unmount(rootfs: &Rootfs) {
    unmount_path(&rootfs.path);
}

/// Unmount the rootfs mounted at `path` (lazily: what still uses it keeps it).
pub fn unmount_path(path: &Path) {
    if let Err(e) = rustix::mount::unmount(path, UnmountFlags::DETACH) {
        debug!("unmounting {}: {e}", path.display());
    }
}
