//! `den image prune`, `den system prune` and `den system reset`.

use anyhow::{bail, Result};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::{images, prune};
use crate::util::human;

/// Ask before removing, as podman does: the answer is read from stdin
/// whatever it is (a script may pipe `y` in), and no answer at all (stdin
/// closed) is an error that names --force, never a yes.
pub fn confirm(warning: &str) -> Result<bool> {
    eprint!("{warning}\nAre you sure you want to continue? [y/N] ");
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer)? == 0 {
        eprintln!();
        bail!("nothing was removed: this asks before it removes, and stdin gave no answer (give --force, -f, to remove without asking)");
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        // The answer came from a pipe, unechoed: end the prompt's line.
        eprintln!();
    }
    Ok(answer.trim_start().starts_with(['y', 'Y']))
}

#[derive(Debug, Args)]
pub struct ImagePruneArgs {
    /// Remove every image no container uses, not only those without a name
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Images that other tools' containers (buildah's) use too: den knows
    /// no such containers, so its prune is the same
    #[arg(long)]
    pub external: bool,
}

pub fn image_prune(paths: &Paths, a: ImagePruneArgs) -> Result<i32> {
    let filter = prune_filter(&a.filter)?;
    let what = if a.all {
        "WARNING! This command removes all images without at least one container associated with them."
    } else {
        "WARNING! This command removes all dangling images."
    };
    if !a.force && !confirm(what)? {
        return Ok(0);
    }
    for img in images::prune(paths, a.all, &filter)? {
        println!("{}", img.id);
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct SystemPruneArgs {
    /// Remove every unused image, not only those without a name
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove unused volumes too
    #[arg(long)]
    pub volumes: bool,
    /// Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn system_prune(paths: &Paths, a: SystemPruneArgs) -> Result<i32> {
    let mut warning = String::from(
        "WARNING! This command removes:\n\t- all pods not running\n\t- all stopped containers\n\t- all networks not used by at least one container\n",
    );
    if a.volumes {
        warning.push_str("\t- all volumes not used by at least one container\n");
    }
    warning.push_str(if a.all {
        "\t- all images without at least one container associated with them"
    } else {
        "\t- all dangling images"
    });
    let filter = prune_filter(&a.filter)?;
    if !a.force && !confirm(&warning)? {
        return Ok(0);
    }
    let p = prune::system_prune(paths, a.all, a.volumes, &filter)?;
    for (title, list) in [
        ("Deleted Pods", &p.pods),
        ("Deleted Containers", &p.containers),
        ("Deleted Networks", &p.networks),
        ("Deleted Volumes", &p.volumes),
        ("Deleted Images", &p.images),
    ] {
        if !list.is_empty() {
            println!("{title}");
            for x in list {
                println!("{x}");
            }
        }
    }
    println!("Total reclaimed space: {}", human::size(p.reclaimed));
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn reset(paths: &Paths, a: ResetArgs) -> Result<i32> {
    if !a.force && !confirm("WARNING! This will remove all of den's containers, images, volumes, networks and storage of this user.")? {
        return Ok(0);
    }
    prune::reset(paths)?;
    Ok(0)
}

/// `--filter` values of the prune commands: until=, label=, label!=.
pub(super) fn prune_filter(list: &[String]) -> Result<crate::engine::prune::PruneFilter> {
    let mut f = crate::engine::prune::PruneFilter::default();
    for item in list {
        let Some((k, v)) = item.split_once('=') else {
            anyhow::bail!("invalid --filter {item:?} (use until=TIME, label=KEY[=VALUE] or label!=KEY[=VALUE])");
        };
        let (key, value) = match v.split_once('=') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (v.to_string(), None),
        };
        match k {
            "until" => f.until = Some(super::logs::parse_time(v)?),
            "label" => f.labels.push((key, value, true)),
            "label!" => f.labels.push((key, value, false)),
            _ => anyhow::bail!("invalid --filter {item:?} (use until=TIME, label=KEY[=VALUE] or label!=KEY[=VALUE])"),
        }
    }
    Ok(f)
}
