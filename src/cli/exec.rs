//! `den exec`: run a command in a running container.

use anyhow::Result;
use clap::Args;

use super::envflags::{expand_env, read_env_file};
use crate::config::paths::Paths;
use crate::engine::{self, exec::ExecRequest, exec::Started};
use crate::error::Exit;

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Run the command in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables (KEY=VALUE, or KEY to take it from den's environment)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// User (name or uid, optionally :group) to run as
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Give the command every capability
    #[arg(long)]
    pub privileged: bool,
    /// Pass den's descriptors 3 to 3+N-1 on to the command
    #[arg(long, value_name = "N", default_value = "0")]
    pub preserve_fds: u32,
    /// Keys that detach from the session: den's exec sessions cannot be
    /// detached from, so only "" (none, as den does anyway) is taken
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// The container (with --latest: the command's first word)
    pub container: String,
    /// The command and its arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

pub fn exec(paths: &Paths, a: ExecArgs) -> Result<i32> {
    // This process will enter the container: first of all, see engine::exec.
    engine::exec::prepare()?;
    if let Some(k) = a.detach_keys.as_deref().filter(|k| !k.is_empty()) {
        crate::engine::attach::parse_detach_keys(k).map_err(anyhow::Error::msg)?;
        anyhow::bail!("exec --detach-keys {k}: a den exec session cannot be detached from (it ends with its command): run the command with exec -d to leave it running, or give --detach-keys \"\"");
    }
    let mut env = Vec::new();
    for f in &a.env_file {
        env.extend(read_env_file(f, "--env-file")?);
    }
    env.extend(a.env.iter().flat_map(|e| expand_env(e)));
    // --latest: every word is the command's.
    let (container, command) = if a.latest.latest {
        let mut cmd = vec![a.container.clone()];
        cmd.extend(a.command.iter().cloned());
        (engine::containers::latest(paths)?, cmd)
    } else {
        (a.container.clone(), a.command.clone())
    };
    if command.is_empty() {
        anyhow::bail!("give the command to run after the container");
    }
    let req = ExecRequest {
        args: command,
        preserve_fds: a.preserve_fds,
        env,
        user: a.user.clone(),
        workdir: a.workdir.clone(),
        interactive: a.interactive,
        detach: a.detach,
        // Detached, no pty: nothing would hold its other end, and its
        // hangup killed the command as `exec` returned (`exec -dit`).
        tty: (a.tty && !a.detach).then(super::attach::terminal_size),
        privileged: a.privileged,
    };
    let started = engine::exec::exec(paths, &container, &req)?;
    let code = match started {
        _ if a.detach => 0,
        Started {
            pid,
            tty: Some(master),
            ..
        } => super::attach::relay_pty(pid, master, a.interactive)?,
        Started {
            pid,
            stdin,
            stdout: Some(out),
            stderr: Some(err),
            ..
        } => super::attach::relay_pipes(pid, stdin, out, err)?,
        Started { pid, .. } => engine::signals::wait_relaying(pid, |sig| {
            let _ = nix::sys::signal::kill(pid, sig);
            None
        })?,
    };
    crate::util::log::phase("command ended, its output relayed");
    if code != 0 {
        return Err(Exit::status(code).into());
    }
    Ok(0)
}
