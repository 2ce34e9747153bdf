//! The supervisor's event loop: container output (pipes, or a pty master)
//! into the log, to the terminal in the foreground and to attached
//! clients; client input to the container's stdin; signals relayed to the
//! container; the container's exit reaped.

use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};

use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::Pid;
use rustix::event::{PollFd, PollFlags};

use crate::container::attach::{self, Decoder};
use crate::container::logfile::{LogSink, Stream};
use crate::runtime::spawn;
use crate::util::feed::Feed;

/// An attached client.
pub struct Client {
    /// Its number among the connections taken (a client's place in the
    /// list moves when one before it goes).
    id: u64,
    stream: UnixStream,
    decoder: Decoder,
    /// `healthcheck run`: the number of the check whose result answers it.
    health: Option<u64>,
}

/// Attach clients and the socket they connect to; lives across restarts.
#[derive(Default)]
pub struct Attach {
    pub listener: Option<UnixListener>,
    pub clients: Vec<Client>,
    /// Connections taken so far.
    pub accepted: u64,
}

impl Attach {
    /// Take a connection (blocking on the listener).
    pub fn accept(&mut self) {
        if let Some(l) = &self.listener {
            if let Ok((s, _)) = l.accept() {
                let _ = s.set_write_timeout(Some(std::time::Duration::from_secs(2)));
                self.accepted += 1;
                self.clients.push(Client {
                    id: self.accepted,
                    stream: s,
                    decoder: Decoder::default(),
                    health: None,
                });
            }
        }
    }

    /// The window size the newest client sends first (`run -it` sends it
    /// right after connecting), read within a short time.
    pub fn first_size(&mut self) -> Option<(u16, u16)> {
        let c = self.clients.last_mut()?;
        let _ = c
            .stream
            .set_read_timeout(Some(std::time::Duration::from_secs(2)));
        let mut frame = [0u8; 9];
        let got = c.stream.read_exact(&mut frame);
        let _ = c.stream.set_read_timeout(None);
        got.ok()?;
        (frame[0] == attach::RESIZE && frame[1..5] == 4u32.to_be_bytes()).then(|| {
            (
                u16::from_be_bytes([frame[5], frame[6]]),
                u16::from_be_bytes([frame[7], frame[8]]),
            )
        })
    }

    /// Send a frame to every client, dropping those that fail.
    pub fn broadcast(&mut self, kind: u8, payload: &[u8]) {
        let frame = attach::frame(kind, payload);
        self.clients
            .retain_mut(|c| c.stream.write_all(&frame).is_ok());
    }

    /// Answer the clients waiting for a check numbered `upto` or lower
    /// with `status` (only them: another's question, or a check that
    /// began before a client asked, answers no one else).
    pub fn answer_health(&mut self, upto: u64, status: &str) {
        let frame = attach::frame(attach::HEALTH, status.as_bytes());
        self.clients.retain_mut(|c| match c.health {
            Some(t) if t <= upto => {
                c.health = None;
                c.stream.write_all(&frame).is_ok()
            }
            _ => true,
        });
    }
}

/// One run of the container: where its I/O goes.
pub struct Session<'a> {
    pub child: Pid,
    pub stdout: Option<OwnedFd>,
    pub stderr: Option<OwnedFd>,
    /// The pty master (output and input) with `--tty`.
    pub tty: Option<OwnedFd>,
    /// The write end of the container's stdin pipe (`-i`): fed by attached
    /// clients, and in the foreground from our own stdin.
    pub stdin: Option<OwnedFd>,
    pub log: Option<&'a mut LogSink>,
    /// Foreground: also write output to our own stdout/stderr.
    pub echo: bool,
    /// The container's healthchecks.
    pub health: Option<super::health::Checker<'a>>,
    /// What a SIGTERM to the supervisor becomes: the container's stop
    /// signal (`--stop-signal`, the image's STOPSIGNAL, else TERM).
    pub stop_signal: Signal,
    /// `--timeout`: when the command is killed (SIGKILL) if still running.
    pub deadline: Option<std::time::Instant>,
    /// The network helper, our child (pasta in the foreground), and its
    /// log: its exit while the container runs is reported.
    pub helper: Option<(Pid, &'a std::path::Path)>,
}

/// Set when the supervisor itself is sent SIGTERM (systemd stopping the
/// unit it is the main process of, or the session's end): the container
/// is not restarted after it ends. Unlike `den stop` this is not
/// remembered: an `unless-stopped` container starts again with the next
/// session.
pub static TERMINATED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

enum Source {
    Signals,
    OwnStdin,
    StdinWritable,
    /// The container's input (the pty, or the stdin pipe) takes what
    /// attached clients sent.
    ClientInputWritable,
    Out(Stream),
    Tty,
    Listener,
    /// A client, by its id: output sent to clients while the sources are
    /// gone through may drop one that failed, moving the others.
    Client(u64),
    Health,
}

/// Run until the container exits and its output is drained; its exit status.
pub fn pump(mut s: Session, att: &mut Attach) -> Result<i32> {
    let sfd = SignalFd::with_flags(
        &spawn::relayed_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")?;
    let mut code: Option<i32> = None;
    let mut buf = vec![0u8; 64 * 1024];
    // In the foreground, our stdin goes to the container's through a pipe,
    // without blocking: a container that does not read must not stop its
    // output from being drained.
    let mut feed = Feed::default();
    // What attached clients send, passed on as the container takes it: a
    // container that does not read its input must not stop the loop (a
    // blocking write here stopped its output, log, other clients and
    // checks until it read). Their EOF comes after it.
    let mut client_input = Feed::default();
    let mut client_eof = false;
    // Who sent input last: the one held back when too much waits.
    let mut last_input: Option<u64> = None;
    if let Some(fd) = &s.tty {
        let _ = crate::util::feed::set_nonblocking(fd);
    }
    loop {
        for (pid, status) in spawn::reap_all()? {
            if pid == s.child {
                code = Some(status);
            } else if let Some((_, log)) = s.helper.filter(|h| h.0 == pid) {
                s.helper = None;
                let msg = format!("den: warning: the network helper (pasta) exited with status {status}: the container has no network until it is restarted (pasta's log: {})\n", log.display());
                output(&mut s.log, att, s.echo, Stream::Stderr, msg.as_bytes());
            } else if let Some(h) = s.health.as_mut() {
                h.exited(pid, status);
            }
        }
        if code.is_some() {
            // No more checks once the container has ended (a check under
            // way is killed): its pid may be another process's soon. A
            // client still waiting is told.
            if s.health.is_some() {
                att.answer_health(u64::MAX, crate::container::health::ANSWER_STOPPED);
            }
            s.health = None;
        }
        if code.is_none() && s.deadline.is_some_and(|d| d <= std::time::Instant::now()) {
            s.deadline = None;
            let _ = kill(s.child, Signal::SIGKILL);
        }
        if code.is_none() {
            if let Some(h) = s.health.as_mut() {
                for act in h.tick() {
                    match act {
                        super::health::Act::Signal(sig) => {
                            let _ = kill(s.child, sig);
                        }
                        super::health::Act::Answer { upto, status } => {
                            att.answer_health(upto, &status)
                        }
                    }
                }
            }
        }
        if code.is_some() && s.stdout.is_none() && s.stderr.is_none() && s.tty.is_none() {
            return Ok(code.unwrap_or(0));
        }
        if s.echo && feed.is_empty() && !feed.open() {
            s.stdin = None; // all of our input passed on: EOF for the container
        }
        if client_eof && client_input.is_empty() {
            client_eof = false;
            s.stdin = None;
        }
        let own_stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(&sfd, PollFlags::IN)];
        let mut sources = vec![Source::Signals];
        let input_to = s.tty.as_ref().or(s.stdin.as_ref());
        match input_to {
            Some(fd) if !client_input.is_empty() => {
                fds.push(PollFd::new(fd, PollFlags::OUT));
                sources.push(Source::ClientInputWritable);
            }
            Some(_) => {}
            None => client_input = Feed::default(),
        }
        // The client that sends input waits while a megabyte of it is
        // held; the others (their checks, signals, sizes) are still read.
        let held_back = (client_input.len() >= 1 << 20)
            .then_some(last_input)
            .flatten();
        if let (true, Some(pipe)) = (s.echo, &s.stdin) {
            if !feed.is_empty() {
                fds.push(PollFd::new(pipe, PollFlags::OUT));
                sources.push(Source::StdinWritable);
            } else {
                fds.push(PollFd::new(&own_stdin, PollFlags::IN));
                sources.push(Source::OwnStdin);
            }
        }
        for (stream, fd) in [(Stream::Stdout, &s.stdout), (Stream::Stderr, &s.stderr)] {
            if let Some(fd) = fd {
                fds.push(PollFd::new(fd, PollFlags::IN));
                sources.push(Source::Out(stream));
            }
        }
        if let Some(fd) = &s.tty {
            fds.push(PollFd::new(fd, PollFlags::IN));
            sources.push(Source::Tty);
        }
        if let Some(l) = &att.listener {
            fds.push(PollFd::new(l, PollFlags::IN));
            sources.push(Source::Listener);
        }
        for c in att.clients.iter().filter(|c| Some(c.id) != held_back) {
            fds.push(PollFd::new(&c.stream, PollFlags::IN));
            sources.push(Source::Client(c.id));
        }
        // Asleep until something happens or the next check is due.
        let health = s.health.as_ref().filter(|_| code.is_none());
        if let Some(fd) = health.and_then(|h| h.fd()) {
            fds.push(PollFd::new(fd, PollFlags::IN));
            sources.push(Source::Health);
        }
        let until_deadline = s
            .deadline
            .filter(|_| code.is_none())
            .map(|d| d.saturating_duration_since(std::time::Instant::now()));
        let timeout = [health.and_then(|h| h.timeout()), until_deadline]
            .into_iter()
            .flatten()
            .min()
            .map(|d| rustix::event::Timespec {
                tv_sec: d.as_secs() as i64,
                tv_nsec: d.subsec_nanos() as i64,
            });
        match rustix::event::poll(&mut fds, timeout.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e).context("poll"),
        }
        let ready: Vec<bool> = fds.iter().map(|f| !f.revents().is_empty()).collect();
        drop(fds);
        let mut gone_clients = Vec::new();
        for (src, ready) in sources.into_iter().zip(ready) {
            if !ready {
                continue;
            }
            match src {
                Source::Signals => {
                    while let Ok(Some(info)) = sfd.read_signal() {
                        if let Ok(sig) = Signal::try_from(info.ssi_signo as i32) {
                            if sig == Signal::SIGTERM {
                                TERMINATED.store(true, std::sync::atomic::Ordering::Relaxed);
                                let _ = kill(s.child, s.stop_signal);
                            } else if sig != Signal::SIGCHLD {
                                let _ = kill(s.child, sig);
                            }
                        }
                    }
                }
                Source::OwnStdin => {
                    feed.fill(std::io::stdin().as_fd());
                }
                Source::ClientInputWritable => {
                    let ended = match s.tty.as_ref().or(s.stdin.as_ref()) {
                        Some(fd) => !client_input.flush(fd),
                        None => false,
                    };
                    if ended && s.tty.is_none() {
                        s.stdin = None;
                    }
                }
                Source::StdinWritable => {
                    if let Some(fd) = &s.stdin {
                        if !feed.flush(fd) {
                            s.stdin = None;
                        }
                    }
                }
                Source::Out(stream) => {
                    let slot = if stream == Stream::Stdout {
                        &mut s.stdout
                    } else {
                        &mut s.stderr
                    };
                    let n = slot
                        .as_ref()
                        .map(|fd| rustix::io::read(fd.as_fd(), &mut buf));
                    match n {
                        Some(Ok(0)) => *slot = None,
                        Some(Ok(n)) => {
                            if output(&mut s.log, att, s.echo, stream, &buf[..n]) {
                                // As in a shell's pipeline: the command's
                                // next write meets the closed pipe (SIGPIPE)
                                // rather than writing into nothing for
                                // ever (`den run --rm busybox yes | head -1`
                                // never ended).
                                // (Its stderr is still shown, its stdin
                                // still fed.)
                                *slot = None;
                            }
                        }
                        Some(Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN)) | None => {}
                        Some(Err(_)) => *slot = None,
                    }
                }
                Source::Tty => {
                    let n = s
                        .tty
                        .as_ref()
                        .map(|fd| rustix::io::read(fd.as_fd(), &mut buf));
                    match n {
                        // EIO: every slave is closed (the container is gone).
                        Some(Ok(0)) | Some(Err(rustix::io::Errno::IO)) => s.tty = None,
                        Some(Ok(n)) => {
                            output(&mut s.log, att, s.echo, Stream::Stdout, &buf[..n]);
                        }
                        _ => {}
                    }
                }
                Source::Listener => att.accept(),
                Source::Health => {
                    if let Some(h) = s.health.as_mut() {
                        h.read();
                    }
                }
                Source::Client(id) => {
                    let Some(i) = att.clients.iter().position(|c| c.id == id) else {
                        continue;
                    };
                    let c = &mut att.clients[i];
                    let frames = match c.stream.read(&mut buf) {
                        Ok(0) | Err(_) => {
                            gone_clients.push(id);
                            continue;
                        }
                        Ok(n) => c.decoder.push(&buf[..n]),
                    };
                    let Ok(frames) = frames else {
                        gone_clients.push(id);
                        continue;
                    };
                    for (kind, payload) in frames {
                        if kind == attach::HEALTHCHECK {
                            health_asked(&mut s, att, id, code);
                        } else {
                            if kind == attach::STDIN {
                                last_input = Some(id);
                            }
                            input(&mut s, &mut client_input, &mut client_eof, kind, &payload);
                        }
                    }
                }
            }
        }
        if !gone_clients.is_empty() {
            att.clients.retain(|c| !gone_clients.contains(&c.id));
        }
    }
}

/// `run -a STREAM`: the streams the foreground shows (bit 0 stdout, bit
/// 1 stderr); the others go only to the log.
static SHOWN: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(3);

/// The variable `run -a` passes: which streams to show.
pub const ATTACH_ENV: &str = "_DEN_ATTACH";

/// Take `run -a`'s streams from the environment (first thing).
pub fn attached_from_env() {
    if let Ok(list) = std::env::var(ATTACH_ENV) {
        let mut bits = 0;
        for s in list.split(',') {
            match s {
                "stdout" => bits |= 1,
                "stderr" => bits |= 2,
                _ => {}
            }
        }
        SHOWN.store(bits, std::sync::atomic::Ordering::Relaxed);
        std::env::remove_var(ATTACH_ENV);
    }
}

/// Pass output on; whether the foreground's reader of our stdout has gone
/// (`den run ... | head -1`).
fn output(
    log: &mut Option<&mut LogSink>,
    att: &mut Attach,
    echo: bool,
    stream: Stream,
    data: &[u8],
) -> bool {
    if let Some(l) = log.as_deref_mut() {
        let _ = l.write(stream, data);
    }
    let bit = if stream == Stream::Stdout { 1 } else { 2 };
    let mut reader_gone = false;
    if echo && SHOWN.load(std::sync::atomic::Ordering::Relaxed) & bit != 0 {
        let r = match stream {
            Stream::Stdout => std::io::stdout()
                .write_all(data)
                .and_then(|_| std::io::stdout().flush()),
            Stream::Stderr => std::io::stderr().write_all(data),
        };
        reader_gone = stream == Stream::Stdout
            && matches!(&r, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
    }
    let kind = if stream == Stream::Stdout {
        attach::STDOUT
    } else {
        attach::STDERR
    };
    att.broadcast(kind, data);
    reader_gone
}

/// `healthcheck run` from the client `id`: answered by the next check to
/// begin, or at once where none can. Once the container's command has
/// ended (its output may still be draining) no check comes: the client
/// is told so at once.
fn health_asked(s: &mut Session, att: &mut Attach, id: u64, code: Option<i32>) {
    let Some(c) = att.clients.iter_mut().find(|c| c.id == id) else {
        return;
    };
    let Some(h) = s.health.as_mut() else {
        let frame = attach::frame(attach::EXIT, &code.unwrap_or(0).to_be_bytes());
        let _ = c.stream.write_all(&frame);
        return;
    };
    let (ticket, now) = h.ask();
    c.health = Some(ticket);
    if let Some(status) = now {
        att.answer_health(ticket, &status);
    }
}

fn input(s: &mut Session, pending: &mut Feed, eof: &mut bool, kind: u8, payload: &[u8]) {
    match kind {
        attach::STDIN if s.tty.is_some() || s.stdin.is_some() => pending.push(payload),
        attach::STDIN_EOF => *eof = true,
        attach::RESIZE if payload.len() == 4 => {
            if let Some(fd) = &s.tty {
                let ws = rustix::termios::Winsize {
                    ws_row: u16::from_be_bytes([payload[0], payload[1]]),
                    ws_col: u16::from_be_bytes([payload[2], payload[3]]),
                    ws_xpixel: 0,
                    ws_ypixel: 0,
                };
                let _ = rustix::termios::tcsetwinsize(fd, ws);
            }
        }
        attach::SIGNAL if payload.len() == 4 => {
            let sig = i32::from_be_bytes([payload[0], payload[1], payload[2], payload[3]]);
            if let Ok(sig) = Signal::try_from(sig) {
                let _ = kill(s.child, sig);
            }
        }
        _ => {}
    }
}
