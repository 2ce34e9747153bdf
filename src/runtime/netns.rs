//! A container's network namespace, made beside the supervisor's own work.
//!
//! Making one costs about 0.45 ms here (the kernel sets up its loopback
//! device, sysctls and routing tables). Made by the clone that starts the
//! container's init, it lay on every start's path. Instead a child that
//! shares our memory and our descriptor table makes it, brings `lo` up in
//! it and leaves a descriptor of it in our table, while the supervisor
//! goes on to mount the rootfs on the other CPU. The init then joins it
//! (`init::InitSpec::join_net`) in place of a new one: the same
//! namespace, owned by the same user namespace, as a clone would make.
//!
//! The child runs no code of den's but this module's few raw system
//! calls (rustix's, which keep no state and touch no `errno`; it closes
//! and drops no `OwnedFd`, whose drop is glibc's `close`): it takes no
//! lock and allocates nothing, so whatever we do meanwhile (fork a helper,
//! spawn fuse-overlayfs) is as safe as in a single-threaded process. It
//! runs with our signals blocked as they were when it was made (call
//! after `spawn::block_signals`): no handler of ours runs in it.
#![allow(unsafe_code)]

use std::io;
use std::os::fd::{FromRawFd, IntoRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use super::childstack::{take_fd, Beside, ChildFd, BESIDE_STACK, UNSET};

/// A network namespace on its way; [`Pending::take`] waits for it.
pub struct Pending(Beside<Slots>);

/// What the child is asked, and its answers: descriptors in our table,
/// or minus an errno.
struct Slots {
    /// A route socket too (`network/routes.rs`), opened in the namespace,
    /// and /dev/net/tun opened there (`network/nsconf.rs`).
    want_routes: bool,
    ns: AtomicI32,
    routes: AtomicI32,
    tap: AtomicI32,
}

/// A namespace made, with what was asked for beside it.
pub struct Made {
    pub ns: OwnedFd,
    /// Its route socket (`network/routes.rs`).
    pub routes: Option<OwnedFd>,
    /// /dev/net/tun, opened in it: a tap device made through it is the
    /// namespace's ([`name_tap`]).
    pub tap: Option<OwnedFd>,
}

/// Start making a network namespace, in the caller's user namespace;
/// `routes`: with a socket that hears its routes change, for a helper
/// started before the container's init (`supervisor/once.rs`).
pub fn make(routes: bool) -> io::Result<Pending> {
    let slots = Slots {
        want_routes: routes,
        ns: AtomicI32::new(UNSET),
        routes: AtomicI32::new(UNSET),
        tap: AtomicI32::new(UNSET),
    };
    // SAFETY: `child` makes only raw system calls (see the module's
    // comment), and the supervisor's signals are blocked.
    unsafe { Beside::start(BESIDE_STACK, slots, child) }.map(Pending)
}

thread_local! {
    /// One started ahead ([`make_ahead`]), for the supervisor's first run.
    static AHEAD: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// [`make`], started before the supervisor's own start: by a supervisor
/// forked ahead of its container's record, which waits for the caller to
/// write it (the other CPU is free then). [`take_ahead`] gives it back.
/// Call with the signals blocked, as `make`.
pub fn make_ahead(routes: bool) -> io::Result<()> {
    let pending = make(routes)?;
    AHEAD.with(|a| *a.borrow_mut() = Some(pending));
    Ok(())
}

/// The namespace [`make_ahead`] started, if it did (once).
pub fn take_ahead() -> Option<Pending> {
    AHEAD.with(|a| a.borrow_mut().take())
}

impl Pending {
    /// Whether a route socket was asked for (a helper starts into the
    /// namespace as soon as it is made).
    pub fn wants_routes(&self) -> bool {
        self.0.slot().want_routes
    }

    /// The namespace, once made, and its route socket and tun device if
    /// asked for and opened.
    pub fn take(mut self) -> io::Result<Made> {
        self.0.reap();
        let slots = self.0.slot();
        let routes = take_fd(&slots.routes);
        let tap = take_fd(&slots.tap);
        match slots.ns.swap(UNSET, Ordering::SeqCst) {
            // SAFETY: the child opened it in our (shared) table and handed
            // it to us alone; nothing else names it.
            fd if fd >= 0 => Ok(Made {
                ns: unsafe { OwnedFd::from_raw_fd(fd) },
                routes,
                tap,
            }),
            UNSET => Err(io::Error::other("the namespace's maker ended early")),
            errno => Err(io::Error::from_raw_os_error(-errno)),
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.reap();
        drop(take_fd(&self.0.slot().ns));
        drop(take_fd(&self.0.slot().routes));
        drop(take_fd(&self.0.slot().tap));
    }
}

/// The child: make the namespace, answer in the slots at `arg`, end.
extern "C" fn child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the slots `make` passed, alive until we have gone.
    let slot = unsafe { &*(arg as *const Slots) };
    let answer = |r: rustix::io::Result<i32>| match r {
        Ok(fd) => fd,
        Err(e) => -e.raw_os_error(),
    };
    let ns = made();
    if ns.is_ok() && slot.want_routes {
        slot.routes.store(answer(route_socket()), Ordering::SeqCst);
        slot.tap.store(answer(tun()), Ordering::SeqCst);
    }
    slot.ns.store(answer(ns), Ordering::SeqCst);
    0
}

fn made() -> rustix::io::Result<i32> {
    // SAFETY: a new network namespace for this process alone (it shares
    // our memory and descriptors, neither of which this unshares).
    unsafe { rustix::thread::unshare_unsafe(rustix::thread::UnshareFlags::NEWNET) }?;
    super::network::loopback_up_raw()?;
    let flags = rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC;
    let ns = rustix::fs::open(c"/proc/self/ns/net", flags, rustix::fs::Mode::empty())?;
    Ok(ns.into_raw_fd())
}

/// `network::routes::listen`, by raw calls: a route socket of the
/// namespace, non-blocking, in the groups of IPv4's and IPv6's routes.
fn route_socket() -> rustix::io::Result<i32> {
    use rustix::net::{netlink, AddressFamily, SocketFlags, SocketType};
    let sock = ChildFd::of(rustix::net::socket_with(
        AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )?);
    let groups = (libc::RTMGRP_IPV4_ROUTE | libc::RTMGRP_IPV6_ROUTE) as u32;
    rustix::net::bind(sock.fd(), &netlink::SocketAddrNetlink::new(0, groups))?;
    Ok(sock.keep())
}

/// /dev/net/tun, opened in the namespace (non-blocking: pasta reads it
/// until it has nothing more).
fn tun() -> rustix::io::Result<i32> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDWR | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(rustix::fs::open(c"/dev/net/tun", flags, Mode::empty())?.into_raw_fd())
}

/// Make `tun` (/dev/net/tun, opened in a network namespace) a tap device
/// named `name` in that namespace (TUNSETIFF: no packet information, as
/// pasta makes its own); returns its interface index, asked through
/// `sock`, a socket of the same namespace. The device goes with the last
/// descriptor of `tun`.
pub fn name_tap(tun: &OwnedFd, sock: &impl std::os::fd::AsFd, name: &str) -> io::Result<u32> {
    use rustix::ioctl::{Opcode, Setter, Updater};
    if name.is_empty() || name.len() >= libc::IFNAMSIZ || name.contains(['/', '\0']) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    // SAFETY: ifreq is plain data; zeroed is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (i, b) in name.bytes().enumerate() {
        req.ifr_name[i] = b as libc::c_char;
    }
    req.ifr_ifru.ifru_flags = (libc::IFF_TAP | libc::IFF_NO_PI) as libc::c_short;
    // SAFETY: TUNSETIFF reads the ifreq we own (its name and flags).
    unsafe {
        rustix::ioctl::ioctl(
            tun,
            Setter::<{ libc::TUNSETIFF as Opcode }, libc::ifreq>::new(req),
        )
    }?;
    // SAFETY: SIOCGIFINDEX reads the name and fills the index of the
    // ifreq we own.
    unsafe {
        rustix::ioctl::ioctl(
            sock,
            Updater::<{ libc::SIOCGIFINDEX as Opcode }, libc::ifreq>::new(&mut req),
        )
    }?;
    // SAFETY: SIOCGIFINDEX answered in the union's index member.
    let index = unsafe { req.ifr_ifru.ifru_ifindex };
    u32::try_from(index).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    /// Privileged, a namespace other than ours comes back; unprivileged,
    /// the unshare's error. (The kernel path is the e2e suite's: every
    /// container with a network namespace of its own starts in one made
    /// here.)
    #[test]
    fn the_maker_answers_with_a_new_namespace_or_its_error() {
        let ours = std::fs::metadata("/proc/self/ns/net").expect("our namespace");
        match super::make(true).expect("clone").take() {
            Ok(super::Made { ns, routes, .. }) => {
                let made = std::fs::File::from(ns).metadata().expect("fstat");
                assert_eq!(made.dev(), ours.dev(), "an nsfs inode");
                assert_ne!(made.ino(), ours.ino(), "a namespace of its own");
                let routes = routes.expect("a route socket");
                let domain = rustix::net::sockopt::socket_domain(&routes).expect("its domain");
                assert_eq!(domain, rustix::net::AddressFamily::NETLINK);
            }
            Err(e) => {
                assert!(!rustix::process::geteuid().is_root(), "root: {e}");
                assert_eq!(e.raw_os_error(), Some(libc::EPERM), "{e}");
            }
        }
    }
}
