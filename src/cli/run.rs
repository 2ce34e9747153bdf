//! `den run` (foreground) and `den rm`.

use std::path::PathBuf;
use std::process::Command as Process;

use anyhow::{bail, Context, Result};
use clap::Args;
use nix::sys::signal::kill;
use nix::unistd::Pid;

use super::image::AccessArgs;
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::container::{ContainerConfig, Containers};
use crate::error::Exit;
use crate::image::manifest::ImageConfig;
use crate::image::progress::Progress;
use crate::image::pull::{self, PullOptions};
use crate::image::store::{remove_tree, Store};
use crate::image::{lookup, reference::Reference};
use crate::runtime::{spawn, userns};
use crate::util::ids;

#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (KEY=VALUE, or KEY to take it from den's environment)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Override the image's entrypoint (a command, or a JSON array)
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or uid, optionally :group) to run as
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Container host name
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background and print the container id
    #[arg(short, long)]
    pub detach: bool,
    /// Network mode: none or host
    #[arg(long, alias = "net", value_name = "MODE", default_value = "none")]
    pub network: String,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// Suppress pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The image to run
    pub image: String,
    /// The command and its arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// `den run`: create the container, start its supervisor, relay signals,
/// and exit with the container's status.
pub fn run(
    paths: &Paths,
    a: RunArgs,
    root: &Option<PathBuf>,
    runroot: &Option<PathBuf>,
    driver: Option<&str>,
    log_level: &str,
) -> Result<i32> {
    if a.tty {
        bail!("--tty is not supported yet (run without -t)");
    }
    if a.detach {
        bail!("--detach is not supported yet (run in the foreground)");
    }
    if a.network != "none" && a.network != "host" {
        bail!(
            "--network {} is not supported yet (use none or host)",
            a.network
        );
    }
    if let Some(n) = &a.name {
        if !ids::is_valid_name(n) {
            bail!("invalid container name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
        }
    }
    if let Some(h) = &a.hostname {
        if h.is_empty() || h.len() > 64 || h.contains(char::is_whitespace) {
            bail!("invalid hostname {h:?} (use up to 64 characters, no spaces)");
        }
    }
    Reference::parse(&a.image).or_else(|e| {
        if a.image.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Reference {
                registry: None,
                repository: a.image.clone(),
                tag: None,
                digest: None,
            })
        } else {
            Err(e)
        }
    })?;
    let mut env_from_files = Vec::new();
    for f in &a.env_file {
        env_from_files.extend(read_env_file(f)?);
    }

    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let search = regs.search_registries();
    let mut image = lookup::find(&store.images()?, &a.image, &search)?.cloned();
    if a.pull == "always" || (image.is_none() && a.pull != "never") {
        let owners = userns::enter()?;
        let opts = PullOptions {
            access: a.access.access()?,
            progress: Progress::new(a.quiet),
        };
        let id = pull::pull(paths, &a.image, &opts, owners)?;
        image = store.images()?.into_iter().find(|i| i.id == id);
    }
    let Some(image) = image else {
        bail!(
            "{}: image not known (pull it, or run with --pull=missing)",
            a.image
        );
    };
    let config = ImageConfig::parse(&store.read_blob(&format!("sha256:{}", image.id))?)?;
    let ic = config.config.clone().unwrap_or_default();

    let entrypoint: Vec<String> = match &a.entrypoint {
        Some(e) if e.trim_start().starts_with('[') => {
            serde_json::from_str(e).context("--entrypoint is not a valid JSON array of strings")?
        }
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) => vec![e.clone()],
        None => ic.entrypoint.clone().unwrap_or_default(),
    };
    let cmd: Vec<String> = if !a.command.is_empty() {
        a.command.clone()
    } else if a.entrypoint.is_some() {
        Vec::new()
    } else {
        ic.cmd.clone().unwrap_or_default()
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        bail!(
            "no command given and the image {} has none (give one after the image name)",
            a.image
        );
    }
    let mut env = ic.env.clone().unwrap_or_default();
    for kv in env_from_files
        .into_iter()
        .chain(a.env.iter().filter_map(|e| expand_env(e)))
    {
        set_env(&mut env, kv);
    }

    let id = ids::new_id();
    let cfg = ContainerConfig {
        id: id.clone(),
        name: a.name.clone().unwrap_or_default(),
        image_id: image.id.clone(),
        image_name: image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id.clone()),
        layers: image.layers.clone(),
        args,
        env,
        workdir: a
            .workdir
            .clone()
            .or(ic.working_dir.clone())
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| "/".into()),
        user: a.user.clone().or(ic.user.clone()).unwrap_or_default(),
        hostname: a.hostname.clone().unwrap_or_else(|| id[..12].to_string()),
        network: a.network.clone(),
        interactive: a.interactive,
        remove: a.rm,
        created: chrono::Utc::now(),
        driver: driver.unwrap_or("").to_string(),
    };
    if !cfg.workdir.starts_with('/') {
        bail!(
            "the working directory {:?} must be an absolute path",
            cfg.workdir
        );
    }
    let containers = Containers::new(paths);
    store.ensure()?;
    let cfg = containers.create(cfg)?;

    // The supervisor holds the container; we relay signals to it and exit with its status.
    spawn::block_signals()?;
    let mut cmd = Process::new("/proc/self/exe");
    if let Some(r) = root {
        cmd.arg("--root").arg(r);
    }
    if let Some(r) = runroot {
        cmd.arg("--runroot").arg(r);
    }
    if let Some(d) = driver {
        cmd.arg("--storage-driver").arg(d);
    }
    cmd.arg("--log-level")
        .arg(log_level)
        .arg("__supervise")
        .arg(&cfg.id);
    let child = cmd.spawn().context("starting the container's supervisor")?;
    let pid = Pid::from_raw(child.id() as i32);
    let code = spawn::wait_relaying(pid, |sig| {
        let _ = kill(pid, sig);
    })?;
    Err(Exit::status(code).into())
}

fn expand_env(e: &str) -> Option<String> {
    if e.contains('=') {
        Some(e.to_string())
    } else {
        std::env::var(e).ok().map(|v| format!("{e}={v}"))
    }
}

fn set_env(env: &mut Vec<String>, kv: String) {
    let key = kv.split('=').next().unwrap_or("").to_string();
    env.retain(|e| e.split('=').next() != Some(key.as_str()));
    env.push(kv);
}

/// KEY=VALUE lines; `#` comments and blank lines skipped; a bare KEY takes den's value.
fn read_env_file(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the env file {} (check --env-file)", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line.split('=').next().unwrap_or("");
        if key.is_empty() || key.contains(char::is_whitespace) {
            bail!(
                "{} line {}: {line:?} is not KEY=VALUE",
                path.display(),
                n + 1
            );
        }
        if let Some(kv) = expand_env(line) {
            out.push(kv);
        }
    }
    Ok(out)
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Containers to remove (names or ids)
    pub containers: Vec<String>,
}

/// Whether the supervisor of a container is alive.
fn supervisor_alive(pid: i32) -> bool {
    pid > 0 && kill(Pid::from_raw(pid), None).is_ok()
}

/// Remove one container (force: kill it first).
pub fn remove_container(containers: &Containers, c: &ContainerConfig, force: bool) -> Result<()> {
    let state = containers.state(&c.id)?;
    if state.status == "running" && supervisor_alive(state.supervisor_pid) {
        if !force {
            bail!(
                "container {} is running (stop it first, or use rm --force)",
                c.name
            );
        }
        let _ = kill(
            Pid::from_raw(state.supervisor_pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        if state.pid > 0 {
            let _ = kill(Pid::from_raw(state.pid), nix::sys::signal::Signal::SIGKILL);
        }
    }
    remove_tree(&containers.dir(&c.id))
}

pub fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    if a.containers.is_empty() && !a.all {
        bail!("give at least one container name or id, or --all");
    }
    userns::enter()?;
    let containers = Containers::new(paths);
    let all = containers.list()?;
    let targets: Vec<String> = if a.all {
        all.iter().map(|c| c.id.clone()).collect()
    } else {
        a.containers.clone()
    };
    let mut failed = false;
    for t in &targets {
        let found = all
            .iter()
            .find(|c| &c.name == t || &c.id == t)
            .cloned()
            .or_else(|| {
                let m: Vec<_> = all
                    .iter()
                    .filter(|c| c.id.starts_with(t.as_str()))
                    .collect();
                (m.len() == 1).then(|| m[0].clone())
            });
        match found {
            Some(c) => match remove_container(&containers, &c, a.force) {
                Ok(()) => println!("{}", if a.all { &c.id } else { t }),
                Err(e) => {
                    eprintln!("den: error: {e:#}");
                    failed = true;
                }
            },
            None => {
                eprintln!("den: error: no container with name or id {t:?} found");
                failed = true;
            }
        }
    }
    if failed {
        return Err(Exit::status(1).into());
    }
    Ok(0)
}
