//! Compose projects: the files read into one model (`crate::compose`),
//! each service turned into container specs (`compose::service`) that go
//! through `engine::create` as the command line's flags do; networks and
//! volumes through `engine::networks` and `engine::volumes`. A project's
//! containers, networks and volumes are found again by the labels Docker
//! Compose v2 puts on them.

mod build;
mod down;
mod follow;
mod push;
mod run;
pub mod stack;
mod up;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

pub use crate::compose::service::{built_image, config_hash, CONFIG_FILES, PROJECT, SERVICE};
pub use crate::compose::{Options, Project};
pub use build::build;
pub use down::{down, kill, pause, pull, remove, start, stop, wait, DownOptions, PullHow};
pub use follow::{follow, hold_signals, Aside, Heard};
pub use push::push;
pub use run::{dependencies, prepare, run_spec, RunRequest};
pub use up::{up, UpOptions};

use crate::compose::service;
use crate::config::paths::Paths;
use crate::container::{ContainerConfig, ContainerState, Containers};

/// A loaded project, with where it lives.
pub struct Loaded {
    pub project: Project,
    /// Its name (normalized).
    pub name: String,
    /// Its files, comma-separated, as Compose labels them.
    pub config_files: String,
    /// Where relative paths start (the first file's directory).
    pub dir: PathBuf,
}

impl Loaded {
    /// What turning its services into specs needs: the project, and
    /// whether this host can give limits (probed once per command).
    pub fn context(&self) -> service::Context<'_> {
        let limits = crate::cgroups::check(&crate::cgroups::Resources {
            pids_limit: Some(1),
            nano_cpus: Some(1),
            memory: Some(64 << 20),
            ..Default::default()
        })
        .is_ok();
        service::Context {
            project: &self.name,
            dir: &self.dir,
            model: &self.project.model,
            limits,
            config_files: &self.config_files,
            env: &self.project.env,
        }
    }
}

/// Load the project `opts` names, from `cwd`, with den's environment.
pub fn load(opts: &Options, cwd: &Path) -> Result<Loaded> {
    // The user's environment, not den's own variables (`_DEN_T0`, the
    // start's time, was one a file could interpolate).
    let env: BTreeMap<String, String> = std::env::vars()
        .filter(|(k, _)| !k.starts_with("_DEN_"))
        .collect();
    let project = crate::compose::load(opts, cwd, &env)?;
    let name = project
        .model
        .get("name")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_string();
    let dir = project.dir.clone();
    let config_files = project
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(",");
    Ok(Loaded {
        project,
        name,
        config_files,
        dir,
    })
}

/// A container of a project.
pub struct Member {
    pub config: ContainerConfig,
    pub state: ContainerState,
    pub service: String,
    pub number: u32,
}

/// The containers of project `name` (all, running or not), by service and
/// number.
pub fn members(paths: &Paths, name: &str) -> Result<Vec<Member>> {
    let containers = Containers::new(paths);
    let mut out = Vec::new();
    for c in containers.list()? {
        if c.labels.get(service::PROJECT).map(String::as_str) != Some(name) {
            continue;
        }
        let Ok(state) = containers.live_state(&c.id) else {
            continue;
        };
        let svc = c.labels.get(service::SERVICE).cloned().unwrap_or_default();
        let number = c
            .labels
            .get(service::NUMBER)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        out.push(Member {
            config: c,
            state,
            service: svc,
            number,
        });
    }
    out.sort_by(|a, b| (&a.service, a.number).cmp(&(&b.service, b.number)));
    Ok(out)
}

/// Replica `index` (from 1) of `service` in project `name` (`exec`, `cp`,
/// `port`); `compose run`'s containers have no number, so are never it.
pub fn member(paths: &Paths, name: &str, service: &str, index: u32) -> Result<Member> {
    members(paths, name)?
        .into_iter()
        .find(|m| m.service == service && m.number == index)
        .ok_or_else(|| {
            anyhow::anyhow!("service {service} has no container number {index} (is it up?)")
        })
}

impl Member {
    /// A container of `compose run`, not of the service itself.
    pub fn one_off(&self) -> bool {
        self.config.labels.get(service::ONEOFF).map(String::as_str) == Some("True")
    }
}

/// The exit code of a project's container that has ended (its record read
/// again, or the code kept for a while after its removal); none while it
/// runs.
pub fn exit_code(paths: &Paths, m: &Member) -> Option<i32> {
    let containers = Containers::new(paths);
    match containers.live_state(&m.config.id) {
        Ok(s) if s.active() => None,
        Ok(s) => s.exit_code,
        Err(_) => containers.kept_exit(&m.config.id),
    }
}

/// The health status of a project's running container with a check.
pub fn health_status(paths: &Paths, m: &Member) -> Option<String> {
    m.config.health.as_ref()?;
    if !m.state.active() {
        return None;
    }
    Some(
        crate::container::health::read(&Containers::new(paths).dir(&m.config.id))
            .unwrap_or_default()
            .status,
    )
}
