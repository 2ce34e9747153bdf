//! `den mount` and `den unmount`: a container's rootfs for scripts, inside
//! `den unshare` (a user's mounts live in a namespace of den's); `den
//! image mount` and `image unmount`: an image's layers, read-only.

use anyhow::{bail, Result};
use clap::Args;
use serde_json::json;

use crate::config::paths::Paths;
use crate::engine::containers::{self, Selection};
use crate::engine::{imagefs, images, rootfs, system};

#[derive(Debug, Args)]
pub struct MountArgs {
    /// Mount every container
    #[arg(short, long)]
    pub all: bool,
    /// Show full container ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Output as json (when listing)
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// Containers to mount (none: list what is mounted)
    pub containers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct UnmountArgs {
    /// Unmount every container
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even when mounted more than once (den's mounts are never shared)
    #[arg(short, long)]
    pub force: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// Containers
    pub containers: Vec<String>,
}

pub fn mount(paths: &Paths, mut a: MountArgs) -> Result<i32> {
    a.containers = std::mem::take(&mut a.latest).names(paths, std::mem::take(&mut a.containers))?;
    if !system::in_unshare() {
        bail!(
            "cannot run command \"den mount\" in rootless mode, must execute `den unshare` first"
        );
    }
    let all = containers::Containers::new(paths);
    if a.containers.is_empty() && !a.all {
        let mounted: Vec<_> = all
            .list()?
            .into_iter()
            .filter_map(|c| rootfs::mounted_at(paths, &c).map(|p| (c, p)))
            .collect();
        if a.format.as_deref() == Some("json") {
            let list: Vec<_> = mounted
                .iter()
                .map(|(c, p)| json!({"id": c.id, "Names": [c.name], "mountpoint": p}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else if let Some(f) = &a.format {
            bail!("unknown --format argument: {f:?} (use json)");
        } else {
            for (c, p) in mounted {
                let id = if a.no_trunc { &c.id[..] } else { &c.id[..12] };
                println!("{id}  {}", p.display());
            }
        }
        return Ok(0);
    }
    let sel = if a.all {
        Selection::All
    } else {
        Selection::Named(&a.containers)
    };
    for (_, c) in containers::select(&all, sel)? {
        let c = c?;
        println!("{}", rootfs::mount(paths, &c)?.display());
    }
    Ok(0)
}

pub fn unmount(paths: &Paths, mut a: UnmountArgs) -> Result<i32> {
    a.containers = std::mem::take(&mut a.latest).names(paths, std::mem::take(&mut a.containers))?;
    if a.containers.is_empty() && !a.all {
        bail!("you must provide at least one name or id");
    }
    let all = containers::Containers::new(paths);
    let sel = if a.all {
        Selection::All
    } else {
        Selection::Named(&a.containers)
    };
    for (label, c) in containers::select(&all, sel)? {
        let c = c?;
        let was = system::in_unshare() && rootfs::unmount(paths, &c)?;
        // As podman: the names given; with --all, the ids unmounted.
        if !a.all || was {
            println!("{label}");
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ImageMountArgs {
    /// Mount every image
    #[arg(short, long)]
    pub all: bool,
    /// Output as json (when listing)
    #[arg(long)]
    pub format: Option<String>,
    /// Images to mount (none: list what is mounted)
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImageUnmountArgs {
    /// Unmount every mounted image
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even when mounted more than once (den's mounts are never shared)
    #[arg(short, long)]
    pub force: bool,
    /// Images
    pub images: Vec<String>,
}

/// `den image mount`: images' layers, read-only, inside `den unshare`.
pub fn image_mount(paths: &Paths, a: ImageMountArgs) -> Result<i32> {
    if !system::in_unshare() {
        bail!("cannot run command \"den image mount\" in rootless mode, must execute `den unshare` first");
    }
    let names: Vec<String> = if a.all {
        images::list(paths)?
            .into_iter()
            .filter(|i| !i.intermediate)
            .map(|i| i.id)
            .collect()
    } else {
        a.images
    };
    if names.is_empty() {
        let mounted = imagefs::mounted(paths)?;
        match a.format.as_deref() {
            Some("json") => {
                let list: Vec<_> = mounted
                    .iter()
                    .map(|(i, p)| json!({"id": i.id, "Names": [i.digest], "Repositories": i.names, "mountpoint": p}))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            }
            Some(f) => bail!("unknown --format argument: {f:?} (use json)"),
            None => {
                for (i, p) in mounted {
                    let name = i
                        .names
                        .first()
                        .cloned()
                        .unwrap_or_else(|| i.id[..12].to_string());
                    println!("{name}  {}", p.display());
                }
            }
        }
        return Ok(0);
    }
    for n in &names {
        println!("{}", imagefs::mount(paths, n)?.display());
    }
    Ok(0)
}

/// `den image unmount`: the names given (with --all, the ids unmounted).
pub fn image_unmount(paths: &Paths, a: ImageUnmountArgs) -> Result<i32> {
    if a.all {
        for id in imagefs::unmount_all(paths)? {
            println!("{id}");
        }
        return Ok(0);
    }
    if a.images.is_empty() {
        bail!("you must provide at least one image name or id (or --all)");
    }
    for n in &a.images {
        imagefs::unmount(paths, n)?;
        println!("{n}");
    }
    Ok(0)
}
