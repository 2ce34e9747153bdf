//! `den diff` and `den commit`.

use anyhow::{bail, Result};
use clap::Args;
use serde_json::json;

use crate::config::paths::Paths;
use crate::engine::commit::{self, ChangeKind, CommitOptions, FileChange};
use crate::engine::{containers, imagefs};
use crate::error::Error;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Output as json
    #[arg(long)]
    pub format: Option<String>,
    /// The container
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// A container, or an image (its top layer's changes)
    #[arg(required_unless_present = "latest")]
    pub container: Option<String>,
    /// An image to compare the first one with
    pub other: Option<String>,
}

/// `den diff`: a container's changes; an image's (as `image diff`) when
/// no container has the name, or when two are given.
pub fn diff(paths: &Paths, a: DiffArgs) -> Result<i32> {
    let json = json_format(a.format.as_deref())?;
    let name = a.latest.one(paths, a.container.clone())?;
    let container = match (&a.other, containers::Containers::new(paths).find(&name)) {
        (None, Ok(_)) => true,
        (_, Err(e)) if !matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. })) => {
            return Err(e)
        }
        _ => false,
    };
    let changes = if container {
        commit::diff(paths, &name)?
    } else {
        imagefs::diff(paths, &name, a.other.as_deref())?
    };
    print_changes(&changes, json)
}

#[derive(Debug, Args)]
pub struct ImageDiffArgs {
    /// Output as json
    #[arg(long)]
    pub format: Option<String>,
    /// The image
    pub image: String,
    /// An image to compare it with (none: its top layer's changes)
    pub other: Option<String>,
}

/// `den image diff`.
pub fn image_diff(paths: &Paths, a: ImageDiffArgs) -> Result<i32> {
    let json = json_format(a.format.as_deref())?;
    print_changes(&imagefs::diff(paths, &a.image, a.other.as_deref())?, json)
}

fn json_format(format: Option<&str>) -> Result<bool> {
    match format {
        None => Ok(false),
        Some("json") => Ok(true),
        Some(_) => bail!("only supported value for '--format' is 'json'"),
    }
}

/// Changes as podman prints them: `A /path` lines, or JSON lists.
fn print_changes(changes: &[FileChange], json: bool) -> Result<i32> {
    let shown = |c: &commit::FileChange| format!("/{}", c.path.display());
    if json {
        let pick = |k: ChangeKind| -> Vec<String> {
            changes.iter().filter(|c| c.kind == k).map(&shown).collect()
        };
        let mut out = serde_json::Map::new();
        for (key, k) in [
            ("changed", ChangeKind::Changed),
            ("added", ChangeKind::Added),
            ("deleted", ChangeKind::Deleted),
        ] {
            let list = pick(k);
            if !list.is_empty() {
                out.insert(key.into(), json!(list));
            }
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for c in changes {
            // A container's names reach a terminal: no control characters.
            println!("{} {}", c.kind.letter(), shown(c).escape_debug());
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The author of the image
    #[arg(short, long)]
    pub author: Option<String>,
    /// Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
    /// ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// A message for the image's history
    #[arg(short, long)]
    pub message: Option<String>,
    /// Pause the container while it is committed
    #[arg(short, long, value_name = "BOOL", default_value = "false", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub pause: bool,
    /// Print only the image id (den prints nothing else anyway)
    #[arg(short, long)]
    pub quiet: bool,
    /// Image format: oci or docker (den writes OCI manifests)
    #[arg(short, long, default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<std::path::PathBuf>,
    /// Make the container's volumes the image's VOLUMEs
    #[arg(long)]
    pub include_volumes: bool,
    /// Make the changes one layer (a commit always makes one: no effect)
    #[arg(short, long)]
    pub squash: bool,
    /// The container
    pub container: String,
    /// The new image's name (default: none)
    pub image: Option<String>,
}

pub fn commit(paths: &Paths, a: CommitArgs) -> Result<i32> {
    let mut changes = a.change;
    if a.include_volumes {
        let c = crate::engine::containers::Containers::new(paths).find(&a.container)?;
        for m in &c.mounts {
            if m.kind == crate::engine::spec::MountKind::Volume {
                changes.push(format!("VOLUME {}", m.destination));
            }
        }
    }
    let opts = CommitOptions {
        name: a.image,
        changes,
        message: a.message,
        author: a.author,
        pause: a.pause,
    };
    let id = commit::commit(paths, &a.container, &opts)?;
    if let Some(f) = &a.iidfile {
        std::fs::write(f, format!("sha256:{id}"))
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", f.display()))?;
    }
    println!("{id}");
    Ok(0)
}
