//! `system df`: how much space images, containers and volumes take, and
//! how much of it removing what nothing uses would free (podman's rules).

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::Result;

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::image::store::{ImageRecord, Store};
use crate::volume::Volumes;

/// One image's share.
pub struct ImageUsage {
    pub image: ImageRecord,
    /// Containers made from it.
    pub containers: usize,
    /// Bytes of its layers other images use too.
    pub shared: u64,
}

/// One container's share.
pub struct ContainerUsage {
    pub config: ContainerConfig,
    pub state: ContainerState,
    /// Its writable layer.
    pub size: u64,
}

/// One volume's share.
pub struct VolumeUsage {
    pub name: String,
    /// Containers that mount it.
    pub links: usize,
    /// Its files' apparent sizes.
    pub size: u64,
}

pub struct Usage {
    pub images: Vec<ImageUsage>,
    /// The images' layers, each counted once (podman's images size).
    pub layers_size: u64,
    /// What removing the images no container uses would free: the layers
    /// only they hold.
    pub layers_reclaimable: u64,
    pub containers: Vec<ContainerUsage>,
    pub volumes: Vec<VolumeUsage>,
}

/// Everything's usage (inside den's user namespace: container files
/// belong to subordinate ids).
pub fn usage(paths: &Paths) -> Result<Usage> {
    super::inspect::prepare_sizes()?;
    let store = Store::new(paths);
    let containers = Containers::new(paths);
    let configs = containers.list()?;
    let images = store.images()?;
    let mut layer_users: HashMap<&String, usize> = HashMap::new();
    for img in &images {
        for l in &img.layers {
            *layer_users.entry(l).or_default() += 1;
        }
    }
    let mut sizes: HashMap<&String, u64> = HashMap::new();
    for l in layer_users.keys() {
        sizes.insert(l, store.layer_meta(l)?.map(|m| m.size).unwrap_or(0));
    }
    let size_of = |l: &String| sizes.get(l).copied().unwrap_or(0);
    let mut image_usage = Vec::new();
    let mut kept: std::collections::HashSet<&String> = std::collections::HashSet::new();
    for img in &images {
        let shared = img
            .layers
            .iter()
            .filter(|l| layer_users.get(l).copied().unwrap_or(0) > 1)
            .map(size_of)
            .sum();
        let used = configs.iter().filter(|c| c.image_id == img.id).count();
        if used > 0 {
            kept.extend(img.layers.iter());
        }
        image_usage.push(ImageUsage {
            containers: used,
            shared,
            image: img.clone(),
        });
    }
    let layers_size: u64 = sizes.values().sum();
    let layers_reclaimable = layers_size - kept.iter().map(|l| size_of(l)).sum::<u64>();
    let mut container_usage = Vec::new();
    for c in configs.iter().cloned() {
        let state = containers.live_state(&c.id)?;
        container_usage.push(ContainerUsage {
            size: super::inspect::rw_size(&containers, &c.id),
            state,
            config: c,
        });
    }
    let volumes = Volumes::new(paths);
    let mut volume_usage = Vec::new();
    for v in volumes.list()? {
        volume_usage.push(VolumeUsage {
            links: volumes.users(&configs, &v.name).len(),
            size: apparent_size(&volumes.mountpoint(&v)),
            name: v.name,
        });
    }
    Ok(Usage {
        images: image_usage,
        layers_size,
        layers_reclaimable,
        containers: container_usage,
        volumes: volume_usage,
    })
}

/// The sum of the sizes of the files below `dir`, never following a link:
/// every directory is opened beneath `dir` with no symlink followed (a
/// running container may swap a directory of a volume for a link).
fn apparent_size(dir: &Path) -> u64 {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};
    let Ok(root) = rustix::fs::open(
        dir,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return 0;
    };
    let mut total = 0;
    let mut stack = vec![std::path::PathBuf::from(".")];
    while let Some(rel) = stack.pop() {
        let Ok(d) = rustix::fs::openat2(
            &root,
            &rel,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
        ) else {
            continue;
        };
        let Ok(entries) = rustix::fs::Dir::read_from(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let name = std::ffi::OsStr::from_bytes(name);
            let Ok(st) = rustix::fs::statat(&d, name, AtFlags::SYMLINK_NOFOLLOW) else {
                continue;
            };
            match FileType::from_raw_mode(st.st_mode) {
                FileType::Directory => stack.push(rel.join(name)),
                FileType::RegularFile => total += st.st_size as u64,
                _ => {}
            }
        }
    }
    total
}
