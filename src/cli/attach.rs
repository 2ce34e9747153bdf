//! `den attach`, and the attached session `run -it` and `start -a` use:
//! the terminal in raw mode, its size sent on start and on SIGWINCH,
//! input to the container until the detach keys, output back.

use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;

use anyhow::{Context, Result};
use clap::Args;
use nix::sys::signal::Signal;
use nix::sys::signalfd::{SfdFlags, SignalFd};
use rustix::event::{PollFd, PollFlags};

use crate::config::paths::Paths;
use crate::engine::attach::{self, Decoder};
use crate::engine::signals as spawn;
use crate::error::Exit;

/// The default detach sequence, as podman's.
pub const DEFAULT_DETACH_KEYS: &str = "ctrl-p,ctrl-q";

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// Keys that detach (ctrl-<x> or characters, comma-separated; empty: none)
    #[arg(long, value_name = "KEYS", default_value = DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    /// Do not attach stdin
    #[arg(long)]
    pub no_stdin: bool,
    /// Pass signals den receives to the container
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// The container
    #[arg(required_unless_present = "latest")]
    pub container: Option<String>,
}

/// How an attached session ended.
pub enum Outcome {
    /// The container exited with this status.
    Exited(i32),
    /// The user pressed the detach keys.
    Detached,
    /// The supervisor went away without a status.
    Closed,
    /// With `--sig-proxy=false`, a signal ended the session (this
    /// status); the container runs on.
    Left(i32),
}

/// Puts the terminal back as it was.
struct RawMode(Option<rustix::termios::Termios>);

impl RawMode {
    fn enter(on: bool) -> RawMode {
        let stdin = std::io::stdin();
        if !on || !stdin.is_terminal() {
            return RawMode(None);
        }
        let Ok(saved) = rustix::termios::tcgetattr(stdin.as_fd()) else {
            return RawMode(None);
        };
        let mut raw = saved.clone();
        raw.make_raw();
        let _ =
            rustix::termios::tcsetattr(stdin.as_fd(), rustix::termios::OptionalActions::Now, &raw);
        RawMode(Some(saved))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin().as_fd(),
                rustix::termios::OptionalActions::Now,
                t,
            );
        }
    }
}

/// Our terminal's size (0x0 when stdin is not a terminal).
pub fn terminal_size() -> (u16, u16) {
    rustix::termios::tcgetwinsize(std::io::stdin().as_fd())
        .map(|ws| (ws.ws_row, ws.ws_col))
        .unwrap_or((0, 0))
}

/// Send our terminal's size (the supervisor of `run -it` waits for this
/// first frame).
pub fn send_size(sock: &mut UnixStream) {
    let (rows, cols) = terminal_size();
    let mut p = rows.to_be_bytes().to_vec();
    p.extend_from_slice(&cols.to_be_bytes());
    let _ = attach::send(sock, attach::RESIZE, &p);
}

/// Relay between our stdio and an attach socket until the container exits
/// or the user detaches.
pub fn session(
    mut sock: UnixStream,
    stdin: bool,
    tty: bool,
    detach_keys: &[u8],
    sig_proxy: bool,
) -> Result<Outcome> {
    spawn::block_signals()?;
    let sfd = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    let _raw = RawMode::enter(tty && stdin);
    if tty {
        send_size(&mut sock);
    }
    let mut decoder = Decoder::default();
    let mut stdin_open = stdin;
    let mut matched = 0usize;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let sock_fd = sock.try_clone()?;
        let in_fd = std::io::stdin();
        let mut fds = vec![
            PollFd::new(&sfd, PollFlags::IN),
            PollFd::new(&sock_fd, PollFlags::IN),
        ];
        if stdin_open {
            fds.push(PollFd::new(&in_fd, PollFlags::IN));
        }
        let ready = wait_ready(fds, None)?;
        if ready[0] {
            while let Ok(Some(info)) = sfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) if tty => send_size(&mut sock),
                    Ok(Signal::SIGCHLD) | Ok(Signal::SIGWINCH) => {}
                    Ok(sig) if sig_proxy => {
                        let _ =
                            attach::send(&mut sock, attach::SIGNAL, &(sig as i32).to_be_bytes());
                    }
                    Ok(sig) => {
                        if let Some(code) = crate::engine::start::leaving(sig) {
                            return Ok(Outcome::Left(code));
                        }
                    }
                    _ => {}
                }
            }
        }
        if ready[1] {
            let n = std::io::Read::read(&mut sock, &mut buf)?;
            if n == 0 {
                return Ok(Outcome::Closed);
            }
            for (kind, payload) in decoder.push(&buf[..n])? {
                match kind {
                    attach::STDOUT => {
                        let mut out = std::io::stdout().lock();
                        out.write_all(&payload)?;
                        out.flush()?;
                    }
                    attach::STDERR => std::io::stderr().write_all(&payload)?,
                    attach::EXIT if payload.len() == 4 => {
                        return Ok(Outcome::Exited(i32::from_be_bytes([
                            payload[0], payload[1], payload[2], payload[3],
                        ])));
                    }
                    _ => {}
                }
            }
        }
        if stdin_open && ready.get(2).copied().unwrap_or(false) {
            let n = match rustix::io::read(std::io::stdin().as_fd(), &mut buf) {
                Ok(n) => n,
                Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
                Err(_) => 0,
            };
            // Input may race the container's end (the supervisor then has
            // closed the socket, with the exit frame still to be read): a
            // failed send only ends our input.
            if n == 0 {
                stdin_open = false;
                let _ = attach::send(&mut sock, attach::STDIN_EOF, &[]);
                continue;
            }
            let mut out = Vec::with_capacity(n);
            for &b in &buf[..n] {
                if !detach_keys.is_empty() && b == detach_keys[matched] {
                    matched += 1;
                    if matched == detach_keys.len() {
                        let _ = attach::send(&mut sock, attach::STDIN, &out);
                        return Ok(Outcome::Detached);
                    }
                    continue;
                }
                out.extend_from_slice(&detach_keys[..matched]);
                matched = 0;
                if !detach_keys.is_empty() && b == detach_keys[0] {
                    matched = 1;
                } else {
                    out.push(b);
                }
            }
            if !out.is_empty() && attach::send(&mut sock, attach::STDIN, &out).is_err() {
                stdin_open = false;
            }
        }
    }
}

/// Turn a session's end into den's exit status.
pub fn finish(paths: &Paths, id: &str, outcome: Outcome) -> Result<i32> {
    let code = match outcome {
        Outcome::Exited(c) => c,
        Outcome::Detached => return Ok(0),
        Outcome::Left(c) => c,
        Outcome::Closed => attach::recorded_exit(paths, id)?,
    };
    if code != 0 {
        return Err(Exit::status(code).into());
    }
    Ok(0)
}

/// `den attach`.
pub fn attach(paths: &Paths, a: AttachArgs) -> Result<i32> {
    let name = a.latest.one(paths, a.container.clone())?;
    attach_to(paths, &name, &a.detach_keys, a.no_stdin, a.sig_proxy)
}

/// Attach to container `name` (`attach`, `compose attach`).
pub fn attach_to(
    paths: &Paths,
    name: &str,
    detach_keys: &str,
    no_stdin: bool,
    sig_proxy: bool,
) -> Result<i32> {
    let keys = attach::parse_detach_keys(detach_keys).map_err(anyhow::Error::msg)?;
    let (c, sock) = attach::open(paths, name)?;
    let outcome = session(
        sock,
        !no_stdin && (c.interactive || c.tty),
        c.tty,
        &keys,
        sig_proxy,
    )?;
    finish(paths, &c.id, outcome)
}

/// `exec -t`: relay between our terminal (raw) and the pty master of the
/// exec'd process until it exits; its exit status.
pub fn relay_pty(
    child: nix::unistd::Pid,
    master: std::os::fd::OwnedFd,
    interactive: bool,
) -> Result<i32> {
    let sfd = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    // Input only with -i, as podman's: `exec -t` in a `while read` loop
    // ate the rest of the loop's input.
    let _raw = RawMode::enter(interactive);
    let mut stdin_open = interactive;
    let mut pty_open = true;
    let mut code: Option<i32> = None;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        if code.is_none() {
            code = spawn::reap(child)?;
        }
        if let (Some(c), false) = (code, pty_open) {
            return Ok(c);
        }
        let stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(&sfd, PollFlags::IN)];
        if pty_open {
            fds.push(PollFd::new(&master, PollFlags::IN));
        }
        if stdin_open {
            fds.push(PollFd::new(&stdin, PollFlags::IN));
        }
        // Once the command has exited, drain what the pty still holds, briefly.
        let drain = rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: 100_000_000,
        };
        let ready = wait_ready(fds, code.is_some().then_some(&drain))?;
        if let (Some(c), false) = (code, ready.iter().any(|r| *r)) {
            return Ok(c);
        }
        if ready[0] {
            while let Ok(Some(info)) = sfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) => {
                        if let Ok(ws) = rustix::termios::tcgetwinsize(std::io::stdin().as_fd()) {
                            let _ = rustix::termios::tcsetwinsize(&master, ws);
                        }
                    }
                    Ok(Signal::SIGCHLD) | Err(_) => {}
                    Ok(sig) => {
                        let _ = nix::sys::signal::kill(child, sig);
                    }
                }
            }
        }
        let mut next = 1;
        if pty_open {
            if ready[next] {
                match rustix::io::read(&master, &mut buf) {
                    Ok(0) | Err(rustix::io::Errno::IO) => pty_open = false,
                    Ok(n) => {
                        let mut out = std::io::stdout().lock();
                        out.write_all(&buf[..n])?;
                        out.flush()?;
                    }
                    Err(_) => {}
                }
            }
            next += 1;
        }
        if stdin_open && ready.get(next).copied().unwrap_or(false) {
            match rustix::io::read(std::io::stdin().as_fd(), &mut buf) {
                Ok(0) => stdin_open = false,
                Ok(n) => {
                    let _ = crate::util::fs::write_all_fd(&master, &buf[..n]);
                }
                Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
                Err(_) => stdin_open = false,
            }
        }
    }
}

/// Relay our stdio to a command's pipes (`den exec` without `-t`) until it
/// exits: our stdin into `stdin` without blocking, its stdout and stderr
/// to ours, our signals to it. Output still in the pipes when it exits is
/// passed on (up to what a pipe holds); a background process it left
/// holding them is not waited for.
pub fn relay_pipes(
    child: nix::unistd::Pid,
    stdin: Option<std::os::fd::OwnedFd>,
    stdout: std::os::fd::OwnedFd,
    stderr: std::os::fd::OwnedFd,
) -> Result<i32> {
    use crate::util::feed::{set_nonblocking, Feed};
    let sfd = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    for fd in stdin.iter().chain([&stdout, &stderr]) {
        set_nonblocking(fd).context("fcntl")?;
    }
    let mut input = stdin;
    let mut outputs = [Some(stdout), Some(stderr)];
    let mut feed = Feed::default();
    let mut buf = vec![0u8; 64 * 1024];
    // Copy what an output pipe holds now to our stdout (0) or stderr (1);
    // `false` once it is closed.
    // Copy up to `reads` buffers: a command that never stops writing must
    // not keep us from its signals, or from returning once it has exited.
    let mut pass_on = |fd: &std::os::fd::OwnedFd, which: usize, reads: usize| -> bool {
        for _ in 0..reads {
            match rustix::io::read(fd, &mut buf) {
                Ok(0) => return false,
                Ok(n) => {
                    let written = if which == 0 {
                        let mut out = std::io::stdout().lock();
                        out.write_all(&buf[..n]).and_then(|_| out.flush())
                    } else {
                        std::io::stderr().write_all(&buf[..n])
                    };
                    if written.is_err() {
                        return false; // our reader is gone: drop the stream
                    }
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(rustix::io::Errno::AGAIN) => return true,
                Err(_) => return false,
            }
        }
        true
    };
    loop {
        if let Some(code) = spawn::reap(child)? {
            for (which, slot) in outputs.iter().enumerate() {
                if let Some(fd) = slot {
                    // What it wrote before exiting (a pipe holds at most 1 MiB).
                    pass_on(fd, which, 16);
                }
            }
            return Ok(code);
        }
        if feed.is_empty() && !feed.open() {
            input = None; // all our input passed on: EOF for the command
        }
        let own_stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(&sfd, PollFlags::IN)];
        for fd in outputs.iter().flatten() {
            fds.push(PollFd::new(fd, PollFlags::IN));
        }
        if let Some(pipe) = &input {
            if feed.is_empty() {
                fds.push(PollFd::new(&own_stdin, PollFlags::IN));
            } else {
                fds.push(PollFd::new(pipe, PollFlags::OUT));
            }
        }
        let ready = wait_ready(fds, None)?;
        if ready[0] {
            while let Ok(Some(info)) = sfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGCHLD) | Err(_) => {}
                    Ok(sig) => {
                        let _ = nix::sys::signal::kill(child, sig);
                    }
                }
            }
        }
        let mut next = 1;
        for (which, slot) in outputs.iter_mut().enumerate() {
            if let Some(fd) = slot {
                if ready[next] && !pass_on(fd, which, 4) {
                    *slot = None;
                }
                next += 1;
            }
        }
        if let (Some(pipe), true) = (&input, ready.get(next).copied().unwrap_or(false)) {
            if feed.is_empty() {
                feed.fill(std::io::stdin().as_fd());
            } else if !feed.flush(pipe) {
                input = None;
            }
        }
    }
}

/// Wait until one of `fds` is ready (or `timeout` passes; a signal ends the
/// wait too); which ones are.
fn wait_ready(
    mut fds: Vec<PollFd<'_>>,
    timeout: Option<&rustix::event::Timespec>,
) -> Result<Vec<bool>> {
    match rustix::event::poll(&mut fds, timeout) {
        Ok(_) | Err(rustix::io::Errno::INTR) => {}
        Err(e) => return Err(e).context("poll"),
    }
    Ok(fds.iter().map(|f| !f.revents().is_empty()).collect())
}
