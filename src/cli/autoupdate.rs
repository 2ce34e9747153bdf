//! `den auto-update [--dry-run] [--rollback]`: the containers labelled
//! `io.containers.autoupdate=registry|local` move to the image their image
//! name has now. In a systemd unit (`PODMAN_SYSTEMD_UNIT`) the unit is
//! restarted, as podman does; elsewhere (no user manager: a shell, a
//! cron job) den makes the container again from the command that made it,
//! in its place. When the new one does not run, the old image gets its
//! name back and the container is made again from it (rolled back).

use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::engine::autoupdate::{self, Candidate};
use crate::engine::containers::Containers;

#[derive(Debug, Args)]
pub struct AutoUpdateArgs {
    /// Say what would be updated (pending), change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Give the old image back when the new container does not run
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub rollback: bool,
    /// Print json, or a Go template per row ({{.Unit}}, {{.Container}},
    /// {{.Image}}, {{.Policy}}, {{.Updated}})
    #[arg(long)]
    pub format: Option<String>,
    /// Path of the credentials file for the registries (default: auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<std::path::PathBuf>,
}

pub fn auto_update(paths: &Paths, a: AutoUpdateArgs) -> Result<i32> {
    if let Some(f) = &a.authfile {
        if !f.exists() {
            anyhow::bail!(
                "the credentials file {} does not exist (check --authfile)",
                f.display()
            );
        }
        // Read through the same variable podman honours; single-threaded here.
        std::env::set_var(crate::config::env::REGISTRY_AUTH_FILE, f);
    }
    let pull = super::compose::pull_options(true)()?;
    let mut rows: Vec<Value> = Vec::new();
    let mut failed = false;
    for c in autoupdate::candidates(paths)? {
        let updated = match update(paths, &c, &pull, &a) {
            Ok(u) => u,
            Err(e) => {
                eprintln!("den: error: auto-update of {}: {e:#}", c.config.name);
                failed = true;
                "failed".to_string()
            }
        };
        rows.push(json!({
            "Unit": c.unit.clone().unwrap_or_default(),
            "Container": format!("{} ({})", &c.config.id[..12], c.config.name),
            "ContainerName": c.config.name,
            "ContainerID": c.config.id,
            "Image": c.config.image_name,
            "Policy": c.policy,
            "Updated": updated,
        }));
    }
    super::output::print_rows(
        &rows,
        None,
        a.format.as_deref(),
        "table {{.Unit}}\t{{.Container}}\t{{.Image}}\t{{.Policy}}\t{{.Updated}}",
        &[],
    )?;
    Ok(if failed { crate::error::EXIT_DEN } else { 0 })
}

/// One container: `false` (up to date), `pending` (dry run), `true`, or
/// `rolled back`.
fn update(
    paths: &Paths,
    c: &Candidate,
    pull: &crate::engine::images::PullOptions,
    a: &AutoUpdateArgs,
) -> Result<String> {
    let latest = autoupdate::latest(paths, c, pull)?;
    if latest == c.config.image_id {
        return Ok("false".into());
    }
    if a.dry_run {
        return Ok("pending".into());
    }
    let name = &c.config.name;
    match replace(paths, c).and_then(|_| running_on(paths, name, &latest)) {
        Ok(()) => Ok("true".into()),
        Err(e) if a.rollback => {
            eprintln!("den: warning: {name} does not run on the new image ({e:#}): rolling back");
            autoupdate::give_back(paths, &c.config.image_id, &c.config.image_name)?;
            replace(paths, c)?;
            running_on(paths, name, &c.config.image_id)
                .context("the rolled back container does not run either")?;
            Ok("rolled back".into())
        }
        Err(e) => Err(e),
    }
}

/// Make the container again from its image name: its unit restarted, or
/// (no user manager to ask) the command that made it run again in its
/// place.
fn replace(_paths: &Paths, c: &Candidate) -> Result<()> {
    if let Some(unit) = &c.unit {
        match std::process::Command::new("systemctl")
            .args(["--user", "restart", unit])
            .output()
        {
            Ok(o) if o.status.success() => return Ok(()),
            Ok(o) => {
                let why = String::from_utf8_lossy(&o.stderr);
                if !why.contains("Failed to connect") {
                    bail!("systemctl --user restart {unit}: {}", why.trim());
                }
            }
            Err(_) => {}
        }
    }
    let args = super::generate::new_command(&c.config.create_command, Some(&c.config.name))?;
    let den = std::env::current_exe().context("finding den's binary")?;
    let o = std::process::Command::new(den)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .output()
        .context("running den")?;
    if !o.status.success() {
        bail!("{}", String::from_utf8_lossy(&o.stderr).trim());
    }
    Ok(())
}

/// The container `name` runs on image `id` a moment after its start.
fn running_on(paths: &Paths, name: &str, id: &str) -> Result<()> {
    let containers = Containers::new(paths);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let c = containers.find(name)?;
    let st = containers.live_state(&c.id)?;
    if c.image_id != id {
        bail!(
            "{name} runs image {}, not {}",
            &c.image_id[..12],
            &id[..12.min(id.len())]
        );
    }
    if !st.active() {
        bail!("{name} exited (code {})", st.exit_code.unwrap_or(-1));
    }
    Ok(())
}
