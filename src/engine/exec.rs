//! Running a command in a running container (`exec`): the process that
//! does it must run from den's sealed binary (see `runtime/sealed.rs`) by
//! the time it joins the container, so [`prepare`] comes before anything
//! else; [`exec`] joins the container
//! and starts the command with pipes, a pty, or nothing (detached).

use anyhow::{bail, Result};

use crate::config::paths::Paths;
use crate::container::Containers;
use crate::runtime::exec::{self, ExecSpec};

pub use crate::runtime::exec::Started;

/// What to run, and how.
#[derive(Debug, Clone, Default)]
pub struct ExecRequest {
    /// The command and its arguments.
    pub args: Vec<String>,
    /// `KEY=VALUE` over the container's environment.
    pub env: Vec<String>,
    /// `user[:group]` (none: the container's).
    pub user: Option<String>,
    /// Absolute (none: the container's).
    pub workdir: Option<String>,
    pub interactive: bool,
    pub detach: bool,
    /// A pty of this size (rows, cols).
    pub tty: Option<(u16, u16)>,
    /// Every capability.
    pub privileged: bool,
    /// `--preserve-fds N`: our descriptors 3 to 3+N-1 passed on.
    pub preserve_fds: u32,
}

/// Call first of all in a process that will exec into a container: it is
/// re-executed from den's sealed binary if it does not run from one and
/// cannot move onto one in place once in the container's user namespace
/// (`runtime/reseal.rs`, done by `runtime::exec::start`).
pub fn prepare() -> Result<()> {
    use crate::runtime::sealed;
    match sealed::plan() {
        sealed::Plan::Sealed => Ok(()),
        sealed::Plan::Reseal(fd) => match sealed::move_onto(fd) {
            Ok(()) => Ok(()),
            Err((fd, _)) => sealed::reexec_through(&fd),
        },
        sealed::Plan::Exec => sealed::reexec_sealed(),
    }
}

/// Start `req` in the running container `name`. Call while single-threaded.
pub fn exec(paths: &Paths, name: &str, req: &ExecRequest) -> Result<Started> {
    let containers = Containers::new(paths);
    let c = containers.find(name)?;
    let st = containers.live_state(&c.id)?;
    let members = crate::container::process::member_pidfds(&st.init);
    crate::util::log::phase("container found");
    if st.status != "running" || members.is_empty() {
        bail!(
            "can only exec in running containers: {} is {}",
            c.name,
            st.status
        );
    }
    // The container's, with its type=env secrets (as its command has them).
    crate::runtime::activation::check_open(req.preserve_fds)
        .map_err(|m| crate::error::Error::invalid("preserve_fds", m))?;
    let mut env = crate::secret::env_with_secrets(paths, &c)?;
    for kv in &req.env {
        super::create::set_env(&mut env, kv.clone());
    }
    if let Some(w) = &req.workdir {
        if !w.starts_with('/') {
            bail!("the working directory {w:?} must be an absolute path");
        }
    }
    let spec = ExecSpec {
        user: req.user.clone().unwrap_or_else(|| c.user.clone()),
        workdir: req.workdir.clone().unwrap_or_else(|| c.workdir.clone()),
        env,
        args: req.args.clone(),
        interactive: req.interactive,
        detach: req.detach,
        own_netns: c.network != "host",
        host_ns: c.namespaces.host_flags(),
        hostname: c.hostname.clone(),
        tty: req.tty,
        security: if req.privileged {
            crate::runtime::security::Security {
                caps: crate::runtime::security::resolve_caps(&[], &[], true)?,
                privileged: true,
                ..c.security.clone()
            }
        } else {
            c.security.clone()
        },
        process: c.process.clone(),
        preserve_fds: req.preserve_fds,
        seccomp: containers.seccomp_filter(&c)?,
        cgroup: st.cgroup.clone(),
        join_userns: true,
        must_join_cgroup: false,
    };
    exec::start(&members, st.init.pid, &spec)
}
