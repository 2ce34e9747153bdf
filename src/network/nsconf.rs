//! The default network's namespace configured by den itself, before pasta
//! starts (`helper::spawn_early`).
//!
//! pasta with `--config-net` makes its tap device in the namespace and
//! configures it (link up, addresses, default routes) about 6 ms into its
//! start here, after loading, reading the host's routes and filling its
//! first buffers; a start waited for that (`network/routes.rs`). Instead,
//! where den chose the container's addresses itself (an older pasta, as
//! Debian 12's: `network/pasta.rs`), the namespace's maker opens
//! /dev/net/tun in it (`runtime/netns.rs`), the supervisor makes the tap
//! device (named as pasta names it: after the host's interface with the
//! default route) and gives it, through the namespace's route socket,
//! what pasta would: MTU 65520, a MAC address, the link up, the IPv4
//! address and default route den chose, and the host's IPv6 address (/64,
//! without duplicate address detection) and default route, as pasta copies
//! them.
//! pasta is then handed the device (`--fd`) and configures nothing: what
//! the container sends before pasta reads it waits in the device's queue.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::os::fd::OwnedFd;

use anyhow::{bail, Context, Result};

/// pasta's MTU for the namespace's interface (65535 less an Ethernet
/// header, rounded down to 4 bytes), which it sets with `--config-net`.
pub const MTU: u32 = 65520;

/// What the namespace's tap device is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TapPlan {
    /// The device's name: the host's interface with the default route.
    pub name: String,
    pub mac: [u8; 6],
    pub v4: Option<(Ipv4Addr, u8, Ipv4Addr)>,
    /// The host's IPv6 address and gateway (given /64, as pasta does).
    pub v6: Option<(Ipv6Addr, Ipv6Addr)>,
}

impl TapPlan {
    /// The plan for den's own IPv4 address `own`/`prefix` through `gw`,
    /// with the host's interface and IPv6 address and default route as
    /// /proc shows them; `None` where the host has no IPv4 default route
    /// (pasta's own start then does what it does).
    pub fn for_host(own: Ipv4Addr, prefix: u8, gw: Ipv4Addr) -> Option<TapPlan> {
        let (name, _) = super::etc::default_route()?;
        let v6 = std::fs::read_to_string("/proc/net/ipv6_route")
            .ok()
            .and_then(|routes| v6_default_gateway(&routes))
            .and_then(|(gw, dev)| {
                let addrs = std::fs::read_to_string("/proc/net/if_inet6").ok()?;
                let addr = v6_global_address(&addrs, &dev)?;
                Some((addr, gw))
            });
        Some(TapPlan {
            name,
            mac: local_mac(rand::random()),
            v4: Some((own, prefix, gw)),
            v6,
        })
    }

    /// The MAC address as pasta's `--ns-mac-addr` takes it.
    pub fn mac_text(&self) -> String {
        let m = self.mac;
        format!(
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

/// A unicast, locally administered MAC address from random bytes.
fn local_mac(mut bytes: [u8; 6]) -> [u8; 6] {
    bytes[0] = (bytes[0] & 0xfe) | 0x02;
    bytes
}

/// The gateway and interface of the host's IPv6 default route, from
/// /proc/net/ipv6_route (up, not a reject route, not through loopback,
/// with a gateway), as pasta copies it.
fn v6_default_gateway(routes: &str) -> Option<(Ipv6Addr, String)> {
    routes.lines().find_map(|line| {
        if !super::routes::v6_default(line) {
            return None;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let gw = hex_v6(f.get(4)?)?;
        (!gw.is_unspecified()).then(|| (gw, f[9].to_string()))
    })
}

/// The first global address of interface `dev`, from /proc/net/if_inet6
/// (address, index, prefix length, scope, flags, name).
fn v6_global_address(table: &str, dev: &str) -> Option<Ipv6Addr> {
    table.lines().find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 6 || f[5] != dev || f[3] != "00" {
            return None;
        }
        hex_v6(f[0])
    })
}

fn hex_v6(text: &str) -> Option<Ipv6Addr> {
    if text.len() != 32 {
        return None;
    }
    u128::from_str_radix(text, 16).ok().map(Ipv6Addr::from)
}

// rtnetlink's numbers (linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h).
const RTM_NEWLINK: u16 = 16;
const RTM_NEWADDR: u16 = 20;
const RTM_NEWROUTE: u16 = 24;
const NLMSG_ERROR: u16 = 2;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_ACK: u16 = 0x4;
const NLM_F_EXCL: u16 = 0x200;
const NLM_F_CREATE: u16 = 0x400;
const IFLA_ADDRESS: u16 = 1;
const IFLA_MTU: u16 = 4;
const IFLA_IFNAME: u16 = 3;
const RTM_DELLINK: u16 = 17;
const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;
const IFA_F_NODAD: u8 = 0x02;
const RTA_GATEWAY: u16 = 5;
const RTA_OIF: u16 = 4;
const RT_TABLE_MAIN: u8 = 254;
const RTPROT_BOOT: u8 = 3;
const RTN_UNICAST: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const IFF_UP: u32 = 0x1;
/// The prefix length pasta's `--config-net` gives the IPv6 address it
/// copies (Debian 12's: whatever the host's).
const V6_PREFIX: u8 = 64;

/// One netlink message: its header (sequence number `seq`), `body`, and
/// the attributes `attrs`, each padded to 4 bytes.
fn message(kind: u16, flags: u16, seq: u32, body: &[u8], attrs: &[(u16, &[u8])]) -> Vec<u8> {
    let mut m = vec![0u8; 16];
    m.extend_from_slice(body);
    for (kind, data) in attrs {
        let len = 4 + data.len();
        m.extend_from_slice(&(len as u16).to_ne_bytes());
        m.extend_from_slice(&kind.to_ne_bytes());
        m.extend_from_slice(data);
        m.resize(m.len().next_multiple_of(4), 0);
    }
    let len = m.len() as u32;
    m[0..4].copy_from_slice(&len.to_ne_bytes());
    m[4..6].copy_from_slice(&kind.to_ne_bytes());
    m[6..8].copy_from_slice(&(flags | NLM_F_REQUEST | NLM_F_ACK).to_ne_bytes());
    m[8..12].copy_from_slice(&seq.to_ne_bytes());
    m
}

/// One request: its message, what it asks for (for an error message),
/// and whether the start needs it done (IPv6's are done where they can
/// be: pasta's own `--config-net` goes on without them too).
struct Request {
    message: Vec<u8>,
    what: &'static str,
    needed: bool,
}

/// The requests that configure the device `index` as `plan` says, in
/// order (link, addresses, routes), numbered from 1.
fn requests(plan: &TapPlan, index: u32) -> Vec<Request> {
    let create = NLM_F_CREATE | NLM_F_EXCL;
    // struct ifinfomsg: family, pad, type, index, flags, change.
    let mut link = vec![0u8; 4];
    link.extend_from_slice(&index.to_ne_bytes());
    link.extend_from_slice(&IFF_UP.to_ne_bytes());
    link.extend_from_slice(&IFF_UP.to_ne_bytes());
    let mut out = vec![Request {
        message: message(
            RTM_NEWLINK,
            0,
            0,
            &link,
            &[(IFLA_MTU, &MTU.to_ne_bytes()), (IFLA_ADDRESS, &plan.mac)],
        ),
        what: "its interface",
        needed: true,
    }];
    // struct ifaddrmsg: family, prefix length, flags, scope, index.
    let addr = |family: u8, prefix: u8, flags: u8| {
        let mut body = vec![family, prefix, flags, 0];
        body.extend_from_slice(&index.to_ne_bytes());
        body
    };
    // struct rtmsg: family, dst and src lengths, tos, table, protocol,
    // scope, type, flags.
    let route = |family: u8| {
        let mut body = vec![family, 0, 0, 0, RT_TABLE_MAIN, RTPROT_BOOT, 0, RTN_UNICAST];
        body.extend_from_slice(&0u32.to_ne_bytes());
        body
    };
    let oif = index.to_ne_bytes();
    let mut routes = Vec::new();
    if let Some((own, prefix, gw)) = plan.v4 {
        let a = own.octets();
        out.push(Request {
            message: message(
                RTM_NEWADDR,
                create,
                0,
                &addr(AF_INET, prefix, 0),
                &[(IFA_LOCAL, &a), (IFA_ADDRESS, &a)],
            ),
            what: "its IPv4 address",
            needed: true,
        });
        routes.push(Request {
            message: message(
                RTM_NEWROUTE,
                create,
                0,
                &route(AF_INET),
                &[(RTA_OIF, &oif), (RTA_GATEWAY, &gw.octets())],
            ),
            what: "its IPv4 default route",
            needed: true,
        });
    }
    if let Some((own, gw)) = plan.v6 {
        out.push(Request {
            message: message(
                RTM_NEWADDR,
                create,
                0,
                &addr(AF_INET6, V6_PREFIX, IFA_F_NODAD),
                &[(IFA_ADDRESS, &own.octets())],
            ),
            what: "its IPv6 address",
            needed: false,
        });
        routes.push(Request {
            message: message(
                RTM_NEWROUTE,
                create,
                0,
                &route(AF_INET6),
                &[(RTA_OIF, &oif), (RTA_GATEWAY, &gw.octets())],
            ),
            what: "its IPv6 default route",
            needed: false,
        });
    }
    out.extend(routes);
    for (n, r) in out.iter_mut().enumerate() {
        r.message[8..12].copy_from_slice(&(n as u32 + 1).to_ne_bytes());
    }
    out
}

/// The request that deletes the interface `name`.
fn deletion(name: &str) -> Vec<u8> {
    // struct ifinfomsg, all zero: no index, the name says which.
    let mut ifname = name.as_bytes().to_vec();
    ifname.push(0);
    message(RTM_DELLINK, 0, 1, &[0u8; 16], &[(IFLA_IFNAME, &ifname)])
}

/// Configure the tap device `index` as `plan` says, through `sock`, a
/// route socket of its namespace (non-blocking; it may hear the routes it
/// adds too). The link and IPv4 must be done; what of IPv6 could not be
/// comes back (the container then has no IPv6, as with pasta's own
/// configuration, which goes on without it).
pub fn configure(sock: &OwnedFd, plan: &TapPlan, index: u32) -> Result<Vec<String>> {
    let requests = requests(plan, index);
    let all: Vec<u8> = requests
        .iter()
        .flat_map(|r| r.message.iter().copied())
        .collect();
    let mut left = Vec::new();
    for (seq, errno) in transact(sock, &all, requests.len())? {
        let Some(r) = (seq as usize).checked_sub(1).and_then(|i| requests.get(i)) else {
            continue;
        };
        if errno == 0 {
            continue;
        }
        let e = std::io::Error::from_raw_os_error(errno);
        if r.needed {
            return Err(e)
                .with_context(|| format!("configuring the container's network ({})", r.what));
        }
        left.push(format!("{}: {e}", r.what));
    }
    Ok(left)
}

/// Delete the interface `name` (a tap device den made, which another
/// process may hold a descriptor of: the container's init until it
/// execs), through `sock`, a route socket of its namespace.
pub fn remove(sock: &OwnedFd, name: &str) -> Result<()> {
    match transact(sock, &deletion(name), 1)?.first() {
        Some((1, 0)) => Ok(()),
        Some((_, errno)) => Err(std::io::Error::from_raw_os_error(*errno))
            .with_context(|| format!("deleting the container's interface {name}")),
        None => bail!("the kernel did not answer the deletion of {name}"),
    }
}

/// Send `messages` (numbered 1 to `count`) on `sock` and wait, at most 5
/// s, for each one's acknowledgement: their sequence numbers and errors.
fn transact(sock: &OwnedFd, messages: &[u8], count: usize) -> Result<Vec<(u32, i32)>> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    rustix::net::send(sock, messages, rustix::net::SendFlags::empty())
        .context("sending the namespace's configuration")?;
    let mut answers: Vec<(u32, i32)> = Vec::new();
    let mut buf = vec![0u8; 16384];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while answers.len() < count {
        if std::time::Instant::now() > deadline {
            bail!("the kernel did not answer the namespace's configuration");
        }
        let mut fds = [PollFd::new(sock, PollFlags::IN)];
        let tick = Timespec {
            tv_sec: 0,
            tv_nsec: 100_000_000,
        };
        match poll(&mut fds, Some(&tick)) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e).context("poll"),
        }
        while let Ok((n, _)) =
            rustix::net::recv(sock, &mut buf[..], rustix::net::RecvFlags::DONTWAIT)
        {
            for (seq, errno) in acks(buf.get(..n).unwrap_or_default()) {
                let ours = (1..=count as u32).contains(&seq);
                if ours && !answers.iter().any(|(s, _)| *s == seq) {
                    answers.push((seq, errno));
                }
            }
        }
    }
    Ok(answers)
}

/// The acknowledgements in `buf` (netlink messages): each one's sequence
/// number and error (0: done). Other messages are skipped; a malformed
/// one ends the walk.
fn acks(buf: &[u8]) -> Vec<(u32, i32)> {
    let mut out = Vec::new();
    let mut rest = buf;
    while rest.len() >= 16 {
        let len = u32::from_ne_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        if len < 16 || len > rest.len() {
            break;
        }
        let kind = u16::from_ne_bytes([rest[4], rest[5]]);
        let seq = u32::from_ne_bytes([rest[8], rest[9], rest[10], rest[11]]);
        if kind == NLMSG_ERROR && len >= 20 {
            let error = i32::from_ne_bytes([rest[16], rest[17], rest[18], rest[19]]);
            out.push((seq, -error));
        }
        rest = rest.get(len.next_multiple_of(4)..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> TapPlan {
        TapPlan {
            name: "eth0".into(),
            mac: [0x02, 1, 2, 3, 4, 5],
            v4: Some((Ipv4Addr::new(10, 0, 2, 100), 24, Ipv4Addr::new(10, 0, 2, 2))),
            v6: Some((
                "fd00::2".parse().expect("v6"),
                "fd00::1".parse().expect("v6"),
            )),
        }
    }

    /// A message's header fields: length, type, flags, sequence number.
    fn header(m: &[u8]) -> (u32, u16, u16, u32) {
        (
            u32::from_ne_bytes(m[0..4].try_into().expect("4")),
            u16::from_ne_bytes(m[4..6].try_into().expect("2")),
            u16::from_ne_bytes(m[6..8].try_into().expect("2")),
            u32::from_ne_bytes(m[8..12].try_into().expect("4")),
        )
    }

    #[test]
    fn the_link_then_the_addresses_then_the_routes_numbered_in_order() {
        let requests = requests(&plan(), 7);
        let needed: Vec<bool> = requests.iter().map(|r| r.needed).collect();
        assert_eq!(needed, [true, true, false, true, false], "IPv6's are not");
        let r: Vec<Vec<u8>> = requests.into_iter().map(|r| r.message).collect();
        let kinds: Vec<u16> = r.iter().map(|m| header(m).1).collect();
        assert_eq!(
            kinds,
            [
                RTM_NEWLINK,
                RTM_NEWADDR,
                RTM_NEWADDR,
                RTM_NEWROUTE,
                RTM_NEWROUTE
            ]
        );
        for (i, m) in r.iter().enumerate() {
            let (len, _, flags, seq) = header(m);
            assert_eq!(len as usize, m.len(), "the length is the message's");
            assert_eq!(m.len() % 4, 0, "aligned");
            assert_eq!(seq, i as u32 + 1);
            assert_ne!(flags & NLM_F_ACK, 0, "every request is acknowledged");
        }
        // The link: index 7, up, its MTU and MAC address.
        let link = &r[0];
        assert_eq!(&link[20..24], &7u32.to_ne_bytes());
        assert_eq!(&link[24..28], &IFF_UP.to_ne_bytes());
        assert_eq!(&link[32..34], &8u16.to_ne_bytes(), "an MTU attribute");
        assert_eq!(&link[36..40], &MTU.to_ne_bytes());
        assert_eq!(&link[44..50], &[0x02, 1, 2, 3, 4, 5]);
        // The IPv6 address: no duplicate address detection, /64.
        let v6 = &r[2];
        assert_eq!(&v6[16..20], &[AF_INET6, 64, IFA_F_NODAD, 0]);
        assert_eq!(&v6[20..24], &7u32.to_ne_bytes());
        // The IPv4 route: main table, unicast, via 10.0.2.2 out of 7.
        let v4 = &r[3];
        assert_eq!(v4[16], AF_INET);
        assert_eq!(v4[16 + 4], RT_TABLE_MAIN);
        assert_eq!(v4[16 + 7], RTN_UNICAST);
        assert_eq!(&v4[28..40], &[8, 0, 4, 0, 7, 0, 0, 0, 8, 0, 5, 0]);
        assert_eq!(&v4[40..44], &[10, 0, 2, 2]);
    }

    #[test]
    fn without_ipv6_only_ipv4_is_asked_for() {
        let mut p = plan();
        p.v6 = None;
        let kinds: Vec<u16> = requests(&p, 3)
            .iter()
            .map(|r| header(&r.message).1)
            .collect();
        assert_eq!(kinds, [RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE]);
    }

    #[test]
    fn a_deletion_names_the_interface() {
        let m = deletion("eth0");
        let (len, kind, flags, seq) = header(&m);
        assert_eq!((len as usize, kind, seq), (m.len(), RTM_DELLINK, 1));
        assert_ne!(flags & NLM_F_ACK, 0);
        assert_eq!(&m[16..32], &[0u8; 16], "no index: by name");
        assert_eq!(&m[32..36], &[9, 0, IFLA_IFNAME as u8, 0]);
        assert_eq!(&m[36..41], b"eth0\0");
        assert_eq!(m.len(), 44);
    }

    #[test]
    fn acknowledgements_and_errors_are_read_and_the_rest_skipped() {
        let ack = |seq: u32, error: i32| message(NLMSG_ERROR, 0, seq, &error.to_ne_bytes(), &[]);
        let mut buf = message(RTM_NEWROUTE, 0, 0, &[0; 12], &[]);
        buf.extend(ack(1, 0));
        buf.extend(ack(4, -libc::EEXIST));
        assert_eq!(acks(&buf), [(1, 0), (4, libc::EEXIST)]);
        let mut bad = ack(2, 0);
        bad[0..4].copy_from_slice(&999u32.to_ne_bytes());
        assert!(acks(&bad).is_empty());
        assert!(acks(&bad[..10]).is_empty());
    }

    #[test]
    fn the_hosts_ipv6_gateway_and_global_address_are_found() {
        let routes = "\
fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo";
        assert_eq!(
            v6_default_gateway(routes),
            Some(("fd00::1".parse().expect("v6"), "eth0".into()))
        );
        assert_eq!(v6_default_gateway(""), None);
        let addrs = "\
fe8000000000000000fc00fffe000001 04 40 20 80     eth0
00000000000000000000000000000001 01 80 10 80       lo
fd000000000000000000000000000002 04 40 00 80     eth0";
        assert_eq!(
            v6_global_address(addrs, "eth0"),
            Some("fd00::2".parse().expect("v6"))
        );
        assert_eq!(v6_global_address(addrs, "eth1"), None);
    }

    #[test]
    fn macs_are_unicast_and_locally_administered() {
        let m = local_mac([0xff; 6]);
        assert_eq!(m[0] & 0x01, 0, "unicast");
        assert_eq!(m[0] & 0x02, 0x02, "locally administered");
        let p = TapPlan {
            mac: [0x02, 0xab, 0, 1, 2, 0xff],
            ..plan()
        };
        assert_eq!(p.mac_text(), "02:ab:00:01:02:ff");
    }
}
