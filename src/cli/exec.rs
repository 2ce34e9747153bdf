//! `den exec`: run a command in a running container.

use anyhow::{bail, Result};
use clap::Args;

use super::create::{expand_env, read_env_file};
use crate::config::paths::Paths;
use crate::container::Containers;
use crate::engine::create::set_env;
use crate::error::Exit;
use crate::runtime::exec::{self, ExecSpec};

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
    /// The container
    pub container: String,
    /// The command and its arguments
    #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

pub fn exec(paths: &Paths, a: ExecArgs) -> Result<i32> {
    // This process will enter the container: it must run from a binary no
    // container process can write to.
    crate::runtime::sealed::reexec_sealed()?;
    let containers = Containers::new(paths);
    let c = containers.find(&a.container)?;
    let st = containers.live_state(&c.id)?;
    let members = if st.status == "running" {
        crate::container::process::member_pidfds(&st.init)
    } else {
        Vec::new()
    };
    if members.is_empty() {
        bail!(
            "can only exec in running containers: {} is {}",
            c.name,
            st.status
        );
    }
    let mut env = c.env.clone();
    for f in &a.env_file {
        for kv in read_env_file(f)? {
            set_env(&mut env, kv);
        }
    }
    for kv in a.env.iter().filter_map(|e| expand_env(e)) {
        set_env(&mut env, kv);
    }
    if let Some(w) = &a.workdir {
        if !w.starts_with('/') {
            bail!("the working directory {w:?} must be an absolute path");
        }
    }
    let spec = ExecSpec {
        user: a.user.clone().unwrap_or_else(|| c.user.clone()),
        workdir: a.workdir.clone().unwrap_or_else(|| c.workdir.clone()),
        env,
        args: a.command.clone(),
        interactive: a.interactive,
        detach: a.detach,
        own_netns: c.network != "host",
        hostname: c.hostname.clone(),
        tty: a.tty.then(super::attach::terminal_size),
        security: if a.privileged {
            crate::runtime::security::Security {
                caps: crate::runtime::security::resolve_caps(&[], &[], true)?,
                privileged: true,
                ..c.security.clone()
            }
        } else {
            c.security.clone()
        },
        seccomp: containers.seccomp_filter(&c)?,
    };
    let started = exec::start(&members, st.init.pid, &spec)?;
    let code = match started {
        _ if a.detach => 0,
        exec::Started {
            pid,
            tty: Some(master),
            ..
        } => super::attach::relay_pty(pid, master)?,
        exec::Started {
            pid,
            stdin,
            stdout: Some(out),
            stderr: Some(err),
            ..
        } => super::attach::relay_pipes(pid, stdin, out, err)?,
        exec::Started { pid, .. } => crate::runtime::spawn::wait_relaying(pid, |sig| {
            let _ = nix::sys::signal::kill(pid, sig);
        })?,
    };
    if code != 0 {
        return Err(Exit::status(code).into());
    }
    Ok(0)
}
