//! The container's own network namespace: bring up loopback; run a
//! program inside it.
#![allow(unsafe_code)]

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, IntoRawFd, OwnedFd};
use std::os::unix::process::CommandExt;

use rustix::ioctl::{Opcode, Setter, Updater};

/// Make `cmd` run in the network namespace `ns` (the caller must be
/// privileged over it, as a supervisor in the shared namespace's user
/// namespace is).
pub fn in_netns(cmd: &mut std::process::Command, ns: &OwnedFd) {
    let fd = ns.as_raw_fd();
    // SAFETY: the closure runs in the forked child before exec and only
    // calls setns, which is async-signal-safe; `fd` stays open in the
    // child (it is inherited by the fork whatever its close-on-exec flag),
    // since the caller keeps `ns` alive until spawn returns.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setns(fd, libc::CLONE_NEWNET) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Bring `lo` up in the current network namespace.
pub fn loopback_up() -> io::Result<()> {
    Ok(loopback_up_raw()?)
}

/// [`loopback_up`] by rustix's raw calls alone, for a child that shares
/// our memory (`netns.rs`): the socket is closed by one too, since
/// dropping an `OwnedFd` would call glibc's `close`, which reads the
/// thread state of the process whose memory it is and may write its
/// `errno`.
pub(super) fn loopback_up_raw() -> rustix::io::Result<()> {
    let sock = rustix::net::socket_with(
        rustix::net::AddressFamily::INET,
        rustix::net::SocketType::DGRAM,
        rustix::net::SocketFlags::CLOEXEC,
        None,
    )?
    .into_raw_fd();
    // SAFETY: the socket just made, ours alone until closed below.
    let borrowed = unsafe { BorrowedFd::borrow_raw(sock) };
    // SAFETY: ifreq is plain data; zeroed is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (i, b) in b"lo\0".iter().enumerate() {
        req.ifr_name[i] = *b as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS fills the ifreq we own; SIOCSIFFLAGS reads it.
    // Both use its flags member.
    let up = unsafe {
        rustix::ioctl::ioctl(
            borrowed,
            Updater::<{ libc::SIOCGIFFLAGS as Opcode }, libc::ifreq>::new(&mut req),
        )
        .and_then(|()| {
            req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            rustix::ioctl::ioctl(
                borrowed,
                Setter::<{ libc::SIOCSIFFLAGS as Opcode }, libc::ifreq>::new(req),
            )
        })
    };
    // SAFETY: closes the socket made above, once; nothing uses it after.
    unsafe { rustix::io::close(sock) };
    up
}
