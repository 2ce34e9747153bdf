//! `den run` and `den start`: starting a container's supervisor, in the
//! foreground (output relayed, signals forwarded, its exit status ours) or
//! detached (wait until the command runs, then return).

use std::io::{BufRead, BufReader};
use std::os::fd::AsRawFd;
use std::process::{Command as Process, Stdio};

use anyhow::{bail, Context, Result};
use clap::Args;
use nix::sys::signal::kill;
use nix::unistd::Pid;

use super::attach;
use super::create::{create_container, CreateArgs};
use super::Globals;
use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::error::{Exit, EXIT_DEN};
use crate::runtime::{sealed, spawn};
use crate::supervisor::{ATTACH_WAIT, NOTIFY_FD};

#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run in the background and print the container id
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from a -t container (ctrl-<x> or characters; empty: none)
    #[arg(long, value_name = "KEYS", default_value = attach::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    /// Pass signals den receives to the container (with -t)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

/// `den run`: create the container and start it.
pub fn run(paths: &Paths, g: &Globals, a: RunArgs) -> Result<i32> {
    let keys =
        crate::container::attach::parse_detach_keys(&a.detach_keys).map_err(anyhow::Error::msg)?;
    let cfg = create_container(paths, g, &a.create)?;
    if cfg.tty && !a.detach {
        return start_attached(paths, g, &cfg, &keys, a.sig_proxy);
    }
    if a.detach {
        start_detached(g, &cfg)?;
        println!("{}", cfg.id);
        Ok(0)
    } else {
        start_foreground(g, &cfg, a.sig_proxy)
    }
}

/// The supervisor command for container `id`, run from a sealed copy of
/// den's binary (`exe`, which must live until it is spawned): the
/// container's init is a clone of it.
fn supervisor(g: &Globals, id: &str, exe: &std::os::fd::OwnedFd) -> Process {
    let mut cmd = Process::new(sealed::exec_path(exe));
    cmd.args(g.args()).arg("__supervise").arg(id);
    cmd
}

/// Start in the foreground: the supervisor shares our stdio; we relay
/// signals to it (unless `sig_proxy` is off) and return its (the
/// container's) exit status.
pub fn start_foreground(g: &Globals, cfg: &ContainerConfig, sig_proxy: bool) -> Result<i32> {
    spawn::block_signals()?;
    let exe = sealed::sealed_exe()?;
    let child = supervisor(g, &cfg.id, &exe)
        .spawn()
        .context("starting the container's supervisor")?;
    // Closed at once: see `sealed::sealed_exe`.
    drop(exe);
    let pid = Pid::from_raw(child.id() as i32);
    let code = spawn::wait_relaying(pid, |sig| {
        if sig_proxy {
            let _ = kill(pid, sig);
        }
    })?;
    Err(Exit::status(code).into())
}

/// Spawn a detached supervisor that reports on a pipe; returns the reader.
fn spawn_reporting(
    g: &Globals,
    cfg: &ContainerConfig,
    wait_attach: bool,
) -> Result<BufReader<std::fs::File>> {
    let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::empty()).context("pipe")?;
    rustix::io::fcntl_setfd(&r, rustix::io::FdFlags::CLOEXEC).context("fcntl")?;
    let exe = sealed::sealed_exe()?;
    let mut cmd = supervisor(g, &cfg.id, &exe);
    cmd.env(NOTIFY_FD, w.as_raw_fd().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if wait_attach {
        cmd.env(ATTACH_WAIT, "1");
    }
    let _child = cmd.spawn().context("starting the container's supervisor")?;
    drop(exe);
    drop(w);
    Ok(BufReader::new(std::fs::File::from(r)))
}

/// The supervisor's next line: `ok` (or a progress word), or its error.
fn read_word(reader: &mut BufReader<std::fs::File>, cfg: &ContainerConfig) -> Result<String> {
    let mut word = String::new();
    let _ = reader.read_line(&mut word);
    match word.trim_end_matches('\n') {
        "" => bail!(
            "the supervisor of {} exited before the container started",
            cfg.name
        ),
        w if w.starts_with(|c: char| c.is_ascii_digit()) => {
            let (code, message) = w.split_once(' ').unwrap_or(("125", w));
            Err(Exit::with(code.parse().unwrap_or(EXIT_DEN), message).into())
        }
        w => Ok(w.to_string()),
    }
}

/// Start detached: the supervisor gets no terminal; we wait for its word
/// that the command runs (or why it does not).
pub fn start_detached(g: &Globals, cfg: &ContainerConfig) -> Result<()> {
    let mut reader = spawn_reporting(g, cfg, false)?;
    read_word(&mut reader, cfg).map(|_| ())
}

/// Start and attach (`run -it`, `start -a` of a tty container): the
/// supervisor waits for our connection before it starts the command.
pub fn start_attached(
    paths: &Paths,
    g: &Globals,
    cfg: &ContainerConfig,
    keys: &[u8],
    sig_proxy: bool,
) -> Result<i32> {
    let mut reader = spawn_reporting(g, cfg, true)?;
    let word = read_word(&mut reader, cfg)?;
    if word != "attach" {
        bail!(
            "unexpected word {word:?} from the supervisor of {}",
            cfg.name
        );
    }
    let mut sock = attach::connect(paths, &cfg.id)?;
    if cfg.tty {
        // First, so the pty has our size before the command starts.
        attach::send_size(&mut sock);
    }
    read_word(&mut reader, cfg)?;
    let outcome = attach::session(sock, cfg.interactive, cfg.tty, keys, sig_proxy)?;
    attach::finish(&Containers::new(paths), &cfg.id, outcome)
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
        if a.attach && cfg.tty {
            let keys = crate::container::attach::parse_detach_keys(attach::DEFAULT_DETACH_KEYS)
                .map_err(anyhow::Error::msg)?;
            return start_attached(paths, g, &cfg, &keys, true);
        }
        if a.attach {
            return start_foreground(g, &cfg, true);
        }
        start_detached(g, &cfg)?;
        println!("{name}");
    }
    Ok(0)
}
