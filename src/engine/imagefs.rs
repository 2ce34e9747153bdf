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
use crate::storage::driver;

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
/// `image diff A B`: what A changes compared with B (podman's order: B
/// is the base). Parents before children.
pub fn diff(paths: &Paths, a: &str, b: Option<&str>) -> Result<Vec<Change>> {
    let store = Store::new(paths);
    let first = find(paths, a)?;
    let (old, new) = match b {
        Some(b) => (find(paths, b)?.layers, first.layers.clone()),
        None => {
            let below = first.layers.len().saturating_sub(1);
            (first.layers[..below].to_vec(), first.layers.clone())
        }
    };
    // Layer files belong to the user's subordinate ids.
    userns::enter()?;
    Ok(changes::trees(&tree(&store, &old)?, &tree(&store, &new)?))
}

/// Where the image `id` is mounted (the directory stays while it is,
/// and after the `den unshare` that mounted it has ended).
pub(super) fn mount_dir(store: &Store, id: &str) -> PathBuf {
    store.root.join("image-mounts").join(id)
}

/// Where the image is mounted in this mount namespace, if it is.
fn mounted_at(store: &Store, id: &str) -> Option<PathBuf> {
    let merged = mount_dir(store, id).join("merged");
    has_mounted("self", &merged.display().to_string()).then_some(merged)
}

/// Whether process `pid`'s mount namespace has a mount on `path`.
fn has_mounted(pid: &str, path: &str) -> bool {
    let info = std::fs::read_to_string(format!("/proc/{pid}/mountinfo")).unwrap_or_default();
    info.lines().any(|l| {
        l.split(' ')
            .nth(4)
            .is_some_and(|m| super::rootfs::unescape(m) == path)
    })
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
    // One session at a time reads and rewrites the record.
    let _lock = owners_lock(&store)?;
    let merged = driver::mount_image(&store, &dir, &img.layers)
        .context("mounting the image (den image mount needs the kernel's overlayfs)")?;
    // Who has it mounted: this mount namespace (a `den unshare`'s),
    // beside any other session's still running.
    let me = my_mount_ns();
    let mut owners = live_owners(&dir);
    owners.retain(|o| *o != me);
    owners.push(me);
    crate::util::fs::write_atomic(&dir.join(OWNERS), owners.join("\n").as_bytes())?;
    Ok(merged)
}

/// The file of an image's mount directory that names the mount
/// namespaces (`mnt:[INODE]`) that have it mounted.
const OWNERS: &str = "owners";

/// The lock over every image's mount record.
fn owners_lock(store: &Store) -> Result<crate::util::lock::Lock> {
    let dir = store.root.join("image-mounts");
    crate::util::fs::private_dir(&dir)?;
    crate::util::lock::Lock::exclusive(&dir.join(".lock"))
}

fn my_mount_ns() -> String {
    ns_of("self")
}

fn ns_of(pid: &str) -> String {
    std::fs::read_link(format!("/proc/{pid}/ns/mnt"))
        .map(|l| l.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The mount namespaces recorded in `dir` that some process still has
/// with the image mounted there (a namespace's number is reused at once:
/// the number alone does not say it is the same session).
fn live_owners(dir: &std::path::Path) -> Vec<String> {
    let recorded = std::fs::read_to_string(dir.join(OWNERS)).unwrap_or_default();
    let recorded: Vec<&str> = recorded
        .lines()
        .filter(|l| l.starts_with("mnt:["))
        .collect();
    if recorded.is_empty() {
        return Vec::new();
    }
    let merged = dir.join("merged").display().to_string();
    let mut live = std::collections::BTreeSet::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let ns = ns_of(pid);
        if recorded.contains(&ns.as_str()) && !live.contains(&ns) && has_mounted(pid, &merged) {
            live.insert(ns);
        }
    }
    live.into_iter().collect()
}

/// Whether a `den unshare` session still running (this one included)
/// has the image `id` mounted.
pub(super) fn mounted_live(store: &Store, id: &str) -> bool {
    !live_owners(&mount_dir(store, id)).is_empty()
}

/// `image unmount IMAGE`: whether it was mounted (here, or left by a
/// `den unshare` that has ended). One that a session still running has
/// mounted is refused: unmount it there.
pub fn unmount(paths: &Paths, name: &str) -> Result<bool> {
    let store = Store::new(paths);
    let img = find(paths, name)?;
    match unmount_id(&store, &img.id)? {
        Unmounted::Elsewhere => anyhow::bail!(
            "image {name} is mounted by a den unshare session that is still running: run den image unmount there, or end that session"
        ),
        u => Ok(u == Unmounted::Yes),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Unmounted {
    /// Neither mounted here nor recorded.
    No,
    /// Unmounted here, or its record dropped.
    Yes,
    /// Mounted by another session still running (and not here).
    Elsewhere,
}

/// Unmount the image `id` here, and drop its mount directory once no
/// session still running has it mounted (one that ended leaves it).
fn unmount_id(store: &Store, id: &str) -> Result<Unmounted> {
    let _lock = owners_lock(store)?;
    let dir = mount_dir(store, id);
    let here = mounted_at(store, id);
    let me = my_mount_ns();
    let mut others = live_owners(&dir);
    others.retain(|o| *o != me);
    if here.is_none() && !others.is_empty() {
        return Ok(Unmounted::Elsewhere);
    }
    if let Some(p) = &here {
        rustix::mount::unmount(p, rustix::mount::UnmountFlags::DETACH)
            .with_context(|| format!("unmounting {}", p.display()))?;
    } else if !dir.exists() {
        return Ok(Unmounted::No);
    }
    if !others.is_empty() {
        // Another session's mount stays, with its directories.
        crate::util::fs::write_atomic(&dir.join(OWNERS), others.join("\n").as_bytes())?;
        return Ok(Unmounted::Yes);
    }
    // Nothing was written: the directories are empty ones den made.
    crate::storage::remove::remove_tree(&dir)
        .with_context(|| format!("removing {}", dir.display()))?;
    Ok(Unmounted::Yes)
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

/// `image unmount --all`: the ids unmounted (here, or left mounted by a
/// `den unshare` that has ended; another session's still running stay).
pub fn unmount_all(paths: &Paths) -> Result<Vec<String>> {
    let store = Store::new(paths);
    let mut out = Vec::new();
    for img in store.images()? {
        // A session still running keeps its mounts.
        if unmount_id(&store, &img.id)? == Unmounted::Yes {
            out.push(img.id);
        }
    }
    Ok(out)
}
