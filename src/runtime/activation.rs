//! Socket activation: the listening sockets systemd hands a unit's
//! process (`LISTEN_FDS` descriptors from 3, for `LISTEN_PID`, named by
//! `LISTEN_FDNAMES`) go on to the container's command as its fds 3.., with
//! the variables rewritten for it, so a `.socket` unit can start a
//! containerised server on its first connection.
//!
//! `den run`/`den start` check that the descriptors are theirs
//! ([`listen_fds`]) and tell the supervisor how many ([`PASS_FDS`]); the
//! supervisor moves them out of the way at once ([`adopt`]) and keeps
//! them for the container's life (a restart gets them again); the
//! container's init puts them back at 3.. just before exec ([`place`]).
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// The variable the supervisor reads: how many descriptors from 3 are
/// the container's.
pub const PASS_FDS: &str = "_DEN_PASS_FDS";
/// Set with [`PASS_FDS`] when the descriptors are `--preserve-fds`'s:
/// passed on as they are, without the `LISTEN_*` variables.
pub const PLAIN_FDS: &str = "_DEN_PLAIN_FDS";
/// At most this many (systemd's own limit is far lower in practice).
pub const MAX: u32 = 256;

/// The descriptors systemd passed to this process: `LISTEN_FDS` when
/// `LISTEN_PID` is our pid (else they were meant for another).
pub fn listen_fds() -> u32 {
    let ours = std::env::var("LISTEN_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        == Some(std::process::id());
    if !ours {
        return 0;
    }
    std::env::var("LISTEN_FDS")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0)
        .min(MAX)
}

/// The supervisor's copy of the passed descriptors, and their names.
#[derive(Default)]
pub struct Passed {
    pub fds: Vec<OwnedFd>,
    pub names: Option<String>,
    /// Socket activation (the command gets `LISTEN_*`), not `--preserve-fds`.
    pub listen: bool,
}

/// In the supervisor, first thing: take the `PASS_FDS` descriptors from 3
/// and move them above the range they will take in the container (and
/// close-on-exec: only the container's command gets them). The variables
/// go from the environment.
pub fn adopt() -> Passed {
    let n: u32 = std::env::var(PASS_FDS)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .min(MAX);
    let names = std::env::var("LISTEN_FDNAMES").ok();
    let listen = std::env::var_os(PLAIN_FDS).is_none();
    for v in [
        PASS_FDS,
        PLAIN_FDS,
        "LISTEN_FDS",
        "LISTEN_PID",
        "LISTEN_FDNAMES",
    ] {
        std::env::remove_var(v);
    }
    let mut fds = Vec::new();
    for fd in 3..3 + n as RawFd {
        // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor of `fd` at or
        // above 3 + n; `fd` is then closed, and was handed to this process
        // alone (den run checked LISTEN_PID), so nothing else refers to it.
        let moved = unsafe {
            let new = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3 + n as RawFd);
            if new < 0 {
                continue;
            }
            libc::close(fd);
            OwnedFd::from_raw_fd(new)
        };
        fds.push(moved);
    }
    Passed {
        fds,
        names: names.filter(|_| n > 0 && listen),
        listen,
    }
}

/// The variables the command gets with `n` descriptors: its own pid (in
/// its pid namespace) as `LISTEN_PID`.
pub fn env(n: usize, names: Option<&str>) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let mut out = vec![
        format!("LISTEN_FDS={n}"),
        format!("LISTEN_PID={}", std::process::id()),
    ];
    if let Some(names) = names {
        out.push(format!("LISTEN_FDNAMES={names}"));
    }
    out
}

/// In the container's init, after every other descriptor is marked
/// close-on-exec: the passed ones at 3, 4, ... (kept across exec).
pub fn place(fds: &[RawFd]) -> std::io::Result<()> {
    for (i, fd) in fds.iter().enumerate() {
        let target = 3 + i as RawFd;
        if *fd == target {
            // Already in place (exec --preserve-fds): only kept across exec.
            // SAFETY: F_SETFD on a descriptor of ours, no memory passed.
            if unsafe { libc::fcntl(target, libc::F_SETFD, 0) } < 0 {
                return Err(std::io::Error::last_os_error());
            }
            continue;
        }
        // SAFETY: dup2 onto 3 + i: the sources all lie above the targets
        // (see `adopt`), so no source is overwritten before it is placed;
        // dup2 leaves the new descriptor without close-on-exec.
        if unsafe { libc::dup2(*fd, target) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// `--preserve-fds N`: check that descriptors 3 to 3+N-1 are open here
/// (they go to the supervisor, and on to the container).
pub fn check_open(n: u32) -> Result<(), String> {
    for fd in 3..3 + n.min(MAX) as RawFd {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
            return Err(format!(
                "--preserve-fds {n}: descriptor {fd} is not open (open descriptors 3 to {} before running den)",
                2 + n
            ));
        }
    }
    Ok(())
}

/// Raw numbers of the supervisor's copies (for the init's `place`).
pub fn raw(p: &Passed) -> Vec<RawFd> {
    p.fds.iter().map(|f| f.as_raw_fd()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn variables_for_the_command() {
        assert!(super::env(0, Some("x")).is_empty());
        let e = super::env(2, Some("http:https"));
        assert_eq!(e[0], "LISTEN_FDS=2");
        assert_eq!(e[1], format!("LISTEN_PID={}", std::process::id()));
        assert_eq!(e[2], "LISTEN_FDNAMES=http:https");
    }
}
