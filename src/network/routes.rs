//! Hearing pasta configure a container's network namespace.
//!
//! pasta sets the namespace up (its interface up, addresses, and the
//! default routes last) early in its start, then spends most of its start
//! (about two thirds of 20 to 30 ms here) filling its buffers and socket
//! pools before it reports ready. A container whose namespace has its
//! routes may start then: what it sends meanwhile waits in the tap
//! device's queue until pasta reads it. A route socket of the namespace
//! is opened before pasta starts, so no route added is missed: by the
//! container's init in its new namespace ([`listen`]), or where the
//! namespace was made beside the supervisor's start, by its maker
//! (`runtime/netns.rs`); the supervisor reads it ([`Seen::add`]).

use std::os::fd::OwnedFd;

/// rtnetlink's multicast groups for IPv4 and IPv6 routes.
const RTMGRP_IPV4_ROUTE: u32 = 0x40;
const RTMGRP_IPV6_ROUTE: u32 = 0x400;
const RTM_NEWROUTE: u16 = 24;
const RT_TABLE_MAIN: u8 = 254;
const RTN_UNICAST: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// A socket that hears the routes added in the caller's network namespace
/// (close-on-exec).
pub fn listen() -> std::io::Result<OwnedFd> {
    use rustix::net::{netlink, AddressFamily, SocketFlags, SocketType};
    // `None`: NETLINK_ROUTE.
    let fd = rustix::net::socket_with(
        AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )?;
    let groups = RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
    rustix::net::bind(&fd, &netlink::SocketAddrNetlink::new(0, groups))?;
    Ok(fd)
}

/// Which IP versions have a default route (main table, unicast).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub v4: bool,
    pub v6: bool,
}

impl Seen {
    /// Whether every version `want` has is here too.
    pub fn covers(&self, want: Seen) -> bool {
        (self.v4 || !want.v4) && (self.v6 || !want.v6)
    }

    /// Note the default routes that `buf`, netlink messages, adds.
    /// Malformed or truncated messages end the walk.
    pub fn add(&mut self, buf: &[u8]) {
        let mut rest = buf;
        while rest.len() >= 16 {
            let len = u32::from_ne_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
            let kind = u16::from_ne_bytes([rest[4], rest[5]]);
            if len < 16 || len > rest.len() {
                return;
            }
            // struct rtmsg: family, dst_len, src_len, tos, table,
            // protocol, scope, type.
            let msg = &rest[16..len];
            if kind == RTM_NEWROUTE
                && msg.len() >= 8
                && msg[1] == 0
                && msg[4] == RT_TABLE_MAIN
                && msg[7] == RTN_UNICAST
            {
                match msg[0] {
                    AF_INET => self.v4 = true,
                    AF_INET6 => self.v6 = true,
                    _ => {}
                }
            }
            // Messages are aligned to 4 bytes.
            let next = (len + 3) & !3;
            rest = rest.get(next..).unwrap_or_default();
        }
    }
}

/// The IP versions with a default route on the host, as pasta copies
/// them: IPv4 as `etc::default_route` finds it, IPv6 from
/// /proc/net/ipv6_route (a route that is up, through an interface other
/// than loopback, and not a reject route).
pub fn host_defaults() -> Seen {
    let v4 = super::etc::default_route().is_some();
    let v6 =
        std::fs::read_to_string("/proc/net/ipv6_route").is_ok_and(|t| t.lines().any(v6_default));
    Seen { v4, v6 }
}

pub(super) fn v6_default(line: &str) -> bool {
    const RTF_UP: u32 = 0x1;
    const RTF_REJECT: u32 = 0x200;
    let f: Vec<&str> = line.split_whitespace().collect();
    let Some(flags) = f.get(8).and_then(|x| u32::from_str_radix(x, 16).ok()) else {
        return false;
    };
    f.len() == 10
        && f[0].bytes().all(|b| b == b'0')
        && f[1] == "00"
        && f[9] != "lo"
        && flags & RTF_UP != 0
        && flags & RTF_REJECT == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A netlink message: header, then `body`, padded to 4 bytes.
    fn msg(kind: u16, body: &[u8]) -> Vec<u8> {
        let len = 16 + body.len();
        let mut m = Vec::new();
        m.extend_from_slice(&(len as u32).to_ne_bytes());
        m.extend_from_slice(&kind.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        m.extend_from_slice(body);
        m.resize((len + 3) & !3, 0);
        m
    }

    fn route(family: u8, dst_len: u8, table: u8, kind: u8) -> Vec<u8> {
        // rtmsg, then an attribute's worth of bytes (3: odd, so padded).
        msg(
            RTM_NEWROUTE,
            &[
                family, dst_len, 0, 0, table, 4, 0, kind, 0, 0, 0, 0, 7, 7, 7,
            ],
        )
    }

    #[test]
    fn default_routes_of_the_main_table_count() {
        let mut s = Seen::default();
        s.add(&route(AF_INET, 24, RT_TABLE_MAIN, RTN_UNICAST));
        s.add(&route(AF_INET6, 0, 255, RTN_UNICAST));
        s.add(&route(AF_INET6, 0, RT_TABLE_MAIN, 7));
        s.add(&msg(
            25,
            &[AF_INET, 0, 0, 0, RT_TABLE_MAIN, 4, 0, RTN_UNICAST],
        ));
        assert_eq!(
            s,
            Seen::default(),
            "prefix, local table, unreachable, a deletion"
        );
        let mut both = route(AF_INET6, 24, RT_TABLE_MAIN, RTN_UNICAST);
        both.extend(route(AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST));
        s.add(&both);
        assert_eq!(
            s,
            Seen {
                v4: true,
                v6: false
            },
            "the second message is read too"
        );
        s.add(&route(AF_INET6, 0, RT_TABLE_MAIN, RTN_UNICAST));
        assert!(s.covers(Seen { v4: true, v6: true }));
    }

    #[test]
    fn malformed_messages_end_the_walk() {
        let mut s = Seen::default();
        let mut bad = route(AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST);
        bad[0..4].copy_from_slice(&4000u32.to_ne_bytes());
        s.add(&bad);
        s.add(&bad[..10]);
        let mut zero = route(AF_INET, 0, RT_TABLE_MAIN, RTN_UNICAST);
        zero[0..4].copy_from_slice(&0u32.to_ne_bytes());
        s.add(&zero);
        assert_eq!(s, Seen::default());
    }

    #[test]
    fn covers_asks_only_for_what_is_wanted() {
        let v4 = Seen {
            v4: true,
            v6: false,
        };
        assert!(v4.covers(v4));
        assert!(v4.covers(Seen::default()));
        assert!(!v4.covers(Seen { v4: true, v6: true }));
        assert!(!Seen::default().covers(v4));
    }

    #[test]
    fn ipv6_defaults_through_a_real_interface_only() {
        let gw = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0";
        let reject = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo";
        let prefix = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0";
        assert!(v6_default(gw));
        assert!(!v6_default(reject));
        assert!(!v6_default(prefix));
        assert!(!v6_default(""));
    }
}
