//! `den mount` and `den unmount`: a container's rootfs for scripts, inside
//! `den unshare` (a user's mounts live in a namespace of den's).

use anyhow::{bail, Result};
use clap::Args;
use serde_json::json;

use crate::config::paths::Paths;
use crate::engine::containers::{self, Selection};
use crate::engine::{rootfs, system};

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
