//! An image's filesystem: `image diff` (what an image's top layer
//! changes, or what differs from one image to another) and `image mount`
//! / `image unmount` (its layers as a read-only overlay, inside `den
//! unshare`, as podman's).

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::error::{Error, Kind};
use crate::image::lookup;
use crate::image::store::{ImageRecord, Store};
use crate::runtime::userns;
use crate::storage::changes::{self, Change, Lower};
use crate::storage::driver::{self, Driver};

/// The image `name`, or podman's "not known" error.
fn find(paths: &Paths, name: &str) -> Result<ImageRecord> {
    let regs = Registries::load(paths)?;
    let images = Store::new(paths).images()?;
    lookup::find(&images, &regs.expand(name), &regs.search_registries())?
        .cloned()
        .ok_or_else(|| Error::not_found(Kind::Image, name, format!("{name}: image not known")))
}

/// The tree of `layers` (bottom first).
fn tree(store: &Store, layers: &[String]) -> Result<Lower> {
    let mut dirs = Vec::new();
    for l in layers {
        dirs.push(store.layer_dir(l)?.join("diff"));
    }
    Ok(Lower::new(dirs))
}

/// `image diff A`: what A's top layer changes in the layers below it;
/// `image diff A B`: what differs from A to B. Parents before children.
pub fn diff(paths: &Paths, a: &str, b: Option<&str>) -> Result<Vec<Change>> {
    let store = Store::new(paths);
    let first = find(paths, a)?;
    let (old, new) = match b {
        Some(b) => (first.layers.clone(), find(paths, b)?.layers),
        None => {
            let below = first.layers.len().saturating_sub(1);
            (first.layers[..below].to_vec(), first.layers.clone())
        }
    };
    // Layer files belong to the user's subordinate ids.
    userns::enter()?;
    Ok(changes::trees(&tree(&store, &old)?, &tree(&store, &new)?))
}

/// Where the image `id` is mounted.
fn mount_dir(store: &Store, id: &str) -> PathBuf {
    store.root.join("image-mounts").join(id)
}

/// Where the image is mounted in this mount namespace, if it is.
fn mounted_at(store: &Store, id: &str) -> Option<PathBuf> {
    let merged = mount_dir(store, id).join("merged");
    let want = merged.display().to_string();
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    info.lines()
        .any(|l| {
            l.split(' ')
                .nth(4)
                .is_some_and(|m| super::rootfs::unescape(m) == want)
        })
        .then_some(merged)
}

/// `image mount IMAGE` (call inside `den unshare`): its layers as a
/// read-only overlay; where.
pub fn mount(paths: &Paths, name: &str) -> Result<PathBuf> {
    let store = Store::new(paths);
    let img = find(paths, name)?;
    if let Some(p) = mounted_at(&store, &img.id) {
        return Ok(p);
    }
    let dir = mount_dir(&store, &img.id);
    crate::util::fs::private_dir(&dir)?;
    let rootfs = driver::mount(
        &store,
        &dir,
        &img.layers,
        Some(Driver::Overlay),
        None,
        false,
    )
    .context("mounting the image (den image mount needs the kernel's overlayfs)")?;
    let ro = rustix::mount::MountFlags::BIND | rustix::mount::MountFlags::RDONLY;
    if let Err(e) = rustix::mount::mount_remount(&rootfs.path, ro, c"") {
        driver::unmount(&rootfs);
        return Err(e).context("making the image's mount read-only");
    }
    Ok(rootfs.path)
}

/// `image unmount IMAGE`: whether it was mounted here.
pub fn unmount(paths: &Paths, name: &str) -> Result<bool> {
    let store = Store::new(paths);
    let img = find(paths, name)?;
    unmount_id(&store, &img.id)
}

fn unmount_id(store: &Store, id: &str) -> Result<bool> {
    let Some(p) = mounted_at(store, id) else {
        return Ok(false);
    };
    rustix::mount::unmount(&p, rustix::mount::UnmountFlags::DETACH)
        .with_context(|| format!("unmounting {}", p.display()))?;
    // Nothing was written: the directories go with the mount.
    let _ = crate::storage::remove::remove_tree(&mount_dir(store, id));
    Ok(true)
}

/// The images mounted in this mount namespace, with where.
pub fn mounted(paths: &Paths) -> Result<Vec<(ImageRecord, PathBuf)>> {
    let store = Store::new(paths);
    Ok(store
        .images()?
        .into_iter()
        .filter_map(|i| mounted_at(&store, &i.id).map(|p| (i, p)))
        .collect())
}

/// `image unmount --all`: the ids unmounted.
pub fn unmount_all(paths: &Paths) -> Result<Vec<String>> {
    let store = Store::new(paths);
    let mut out = Vec::new();
    for (img, _) in mounted(paths)? {
        if unmount_id(&store, &img.id)? {
            out.push(img.id);
        }
    }
    Ok(out)
}
