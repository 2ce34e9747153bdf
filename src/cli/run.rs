//! `den run` and `den start`: starting a container's supervisor, in the
//! foreground (output relayed, signals forwarded, its exit status ours) or
//! detached (wait until the command runs, then return).

use std::io::BufRead;
use std::os::fd::AsRawFd;
use std::process::{Command as Process, Stdio};

use anyhow::{bail, Context, Result};
use clap::Args;
use nix::sys::signal::kill;
use nix::unistd::Pid;

use super::create::{create_container, CreateArgs};
use super::Globals;
use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::error::{Exit, EXIT_DEN};
use crate::runtime::spawn;
use crate::supervisor::NOTIFY_FD;

#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run in the background and print the container id
    #[arg(short, long)]
    pub detach: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

/// `den run`: create the container and start it.
pub fn run(paths: &Paths, g: &Globals, a: RunArgs) -> Result<i32> {
    let cfg = create_container(paths, g, &a.create)?;
    if a.detach {
        start_detached(g, &cfg)?;
        println!("{}", cfg.id);
        Ok(0)
    } else {
        start_foreground(g, &cfg)
    }
}

/// The supervisor command for container `id`.
fn supervisor(g: &Globals, id: &str) -> Process {
    let mut cmd = Process::new("/proc/self/exe");
    cmd.args(g.args()).arg("__supervise").arg(id);
    cmd
}

/// Start in the foreground: the supervisor shares our stdio; we relay
/// signals to it and return its (the container's) exit status.
pub fn start_foreground(g: &Globals, cfg: &ContainerConfig) -> Result<i32> {
    spawn::block_signals()?;
    let child = supervisor(g, &cfg.id)
        .spawn()
        .context("starting the container's supervisor")?;
    let pid = Pid::from_raw(child.id() as i32);
    let code = spawn::wait_relaying(pid, |sig| {
        let _ = kill(pid, sig);
    })?;
    Err(Exit::status(code).into())
}

/// Start detached: the supervisor gets no terminal; we wait for its word
/// that the command runs (or why it does not).
pub fn start_detached(g: &Globals, cfg: &ContainerConfig) -> Result<()> {
    let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::empty()).context("pipe")?;
    rustix::io::fcntl_setfd(&r, rustix::io::FdFlags::CLOEXEC).context("fcntl")?;
    let mut cmd = supervisor(g, &cfg.id);
    cmd.env(NOTIFY_FD, w.as_raw_fd().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _child = cmd.spawn().context("starting the container's supervisor")?;
    drop(w);
    // One line: `ok`, or `CODE message`; EOF without one means the
    // supervisor died before it could tell.
    let mut word = String::new();
    let _ = std::io::BufReader::new(std::fs::File::from(r)).read_line(&mut word);
    match word.trim_end_matches('\n') {
        "ok" => Ok(()),
        "" => bail!(
            "the supervisor of {} exited before the container started",
            cfg.name
        ),
        msg => {
            let (code, message) = msg.split_once(' ').unwrap_or(("125", msg));
            Err(Exit::with(code.parse().unwrap_or(EXIT_DEN), message).into())
        }
    }
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Attach to the container's output and wait for it (one container)
    #[arg(short, long)]
    pub attach: bool,
    /// Keep stdin open (with --attach)
    #[arg(short, long)]
    pub interactive: bool,
    /// Containers to start (names or ids)
    #[arg(required = true)]
    pub containers: Vec<String>,
}

/// `den start`.
pub fn start(paths: &Paths, g: &Globals, a: StartArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    if a.attach && a.containers.len() > 1 {
        bail!("--attach takes one container");
    }
    for name in &a.containers {
        let mut cfg = containers.find(name)?;
        let st = containers.live_state(&cfg.id)?;
        if st.active() {
            println!("{name}");
            continue;
        }
        if a.interactive && !cfg.interactive {
            cfg.interactive = true;
            containers.write_config(&cfg)?;
        }
        if a.attach {
            return start_foreground(g, &cfg);
        }
        start_detached(g, &cfg)?;
        println!("{name}");
    }
    Ok(0)
}
