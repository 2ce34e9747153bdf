//! The keeper of a network namespace den made (the shared one of user
//! networks, a spare): a child that makes the namespace, then only sleeps
//! in it, so that it lives; killed when dropped and when its parent dies.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;

use anyhow::{bail, Context, Result};

use crate::container::process::ProcRef;
use crate::runtime::spawn;

/// The child that keeps a network namespace; killed when dropped (and
/// when its parent dies).
pub struct Keeper {
    pub proc: ProcRef,
}

impl Keeper {
    /// Fork the keeper, which runs `prepare` (making the namespace and
    /// setting it up) and reports; returns once it has.
    pub fn start(prepare: fn() -> Result<()>) -> Result<Keeper> {
        let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
        let me = rustix::process::pidfd_open(
            rustix::process::getpid(),
            rustix::process::PidfdFlags::empty(),
        )
        .context("pidfd_open")?;
        let Some(pid) = spawn::fork().context("fork")? else {
            drop(r);
            // Nothing of the parent's kept open for the keeper's life (a
            // lock held now would be held as long).
            spawn::close_all_except(&[w.as_raw_fd(), me.as_raw_fd()]);
            let mut w = std::fs::File::from(w);
            let res = spawn::die_with_parent(&me)
                .context("watching its parent")
                .and_then(|_| prepare());
            let _ = match &res {
                Ok(()) => w.write_all(b"ok\n"),
                Err(e) => writeln!(w, "{}", format!("{e:#}").replace('\n', " ")),
            };
            drop(w);
            if res.is_ok() {
                loop {
                    nix::unistd::pause();
                }
            }
            std::process::exit(1);
        };
        drop(w);
        let mut line = String::new();
        let _ = BufReader::new(std::fs::File::from(r)).read_line(&mut line);
        let keeper = Keeper {
            proc: ProcRef::of(pid.as_raw()).unwrap_or(ProcRef {
                pid: pid.as_raw(),
                start: 0,
            }),
        };
        match line.trim_end() {
            "ok" => Ok(keeper),
            "" => bail!("the network namespace could not be made"),
            msg => bail!("{msg}"),
        }
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        let pid = nix::unistd::Pid::from_raw(self.proc.pid);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(pid, None);
    }
}
