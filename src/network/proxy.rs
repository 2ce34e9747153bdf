//! Published TCP ports of a container on user-defined networks: the
//! supervisor binds them on the host before it joins the shared network
//! namespace, and a forked child of it (in that namespace) copies each
//! connection to the container's address. The helper of the shared
//! namespace cannot do it: its ports are fixed when it starts. The
//! client's address is not preserved (as with podman's rootlessport).

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::PortMapping;

/// A host port bound for a container port.
pub struct Bound {
    pub listener: TcpListener,
    pub container_port: u16,
}

/// A listening socket on `addr`; `shared`: with SO_REUSEPORT, so that
/// the replicas of a service listen on one port and the kernel spreads
/// connections over them (only sockets of the same user may share).
fn listen(addr: SocketAddr, shared: bool) -> std::io::Result<TcpListener> {
    if !shared {
        return TcpListener::bind(addr);
    }
    use rustix::net::{AddressFamily, SocketFlags, SocketType};
    let family = if addr.is_ipv4() {
        AddressFamily::INET
    } else {
        AddressFamily::INET6
    };
    let fd = rustix::net::socket_with(family, SocketType::STREAM, SocketFlags::CLOEXEC, None)?;
    rustix::net::sockopt::set_socket_reuseaddr(&fd, true)?;
    rustix::net::sockopt::set_socket_reuseport(&fd, true)?;
    rustix::net::bind(&fd, &addr)?;
    rustix::net::listen(&fd, 128)?;
    Ok(TcpListener::from(fd))
}

/// Bind every published port (TCP only) on the host.
pub fn bind(ports: &[PortMapping], shared: bool) -> Result<Vec<Bound>> {
    let mut out = Vec::new();
    for p in ports {
        if p.protocol != "tcp" {
            bail!("publishing {} ports of a container on a user-defined network is not supported yet: publish them with the default network", p.protocol);
        }
        let ip: IpAddr = if p.host_ip.is_empty() {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            p.host_ip
                .parse()
                .with_context(|| format!("invalid host address {}", p.host_ip))?
        };
        for (host, container) in p.pairs() {
            let listener = listen(SocketAddr::new(ip, host), shared).map_err(|e| {
                if e.kind() == ErrorKind::PermissionDenied {
                    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
                        .ok()
                        .and_then(|s| s.trim().parse::<u16>().ok())
                        .unwrap_or(1024);
                    // podman's status for a port it cannot bind: 126.
                    anyhow::Error::new(crate::error::Exit::with(crate::error::EXIT_CANNOT_INVOKE, format!(
                        "publishing port {host}: ports below {start} need root on this host: publish a host port of {start} or more (-p {}:{container}), or let users bind it: sudo sysctl net.ipv4.ip_unprivileged_port_start={host}",
                        start.max(8000) + (host % 1000)
                    )))
                } else {
                    anyhow::Error::new(crate::error::Exit::with(
                        crate::error::EXIT_CANNOT_INVOKE,
                        format!("publishing port {host}: it is in use (choose another host port)"),
                    ))
                }
            })?;
            out.push(Bound {
                listener,
                container_port: container,
            });
        }
    }
    Ok(out)
}

/// Serve the ports until the process is killed: each connection is copied
/// to `target`'s port. Runs in the forked child, which may use threads.
pub fn serve(bound: Vec<Bound>, target: Ipv4Addr) -> ! {
    let mut threads = Vec::new();
    for b in bound {
        threads.push(std::thread::spawn(move || accept_loop(b, target)));
    }
    for t in threads {
        let _ = t.join();
    }
    std::process::exit(0)
}

fn accept_loop(b: Bound, target: Ipv4Addr) {
    let to = SocketAddr::from((target, b.container_port));
    loop {
        match b.listener.accept() {
            Ok((client, _)) => {
                std::thread::spawn(move || relay(client, to));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Copy both ways until each side has finished sending.
fn relay(client: TcpStream, to: SocketAddr) {
    let Ok(upstream) = TcpStream::connect_timeout(&to, Duration::from_secs(5)) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = upstream.set_nodelay(true);
    let (Ok(mut c2), Ok(mut u2)) = (client.try_clone(), upstream.try_clone()) else {
        return;
    };
    let back = std::thread::spawn(move || {
        let mut u = upstream;
        let mut c = client;
        let _ = std::io::copy(&mut u, &mut c);
        let _ = c.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut c2, &mut u2);
    let _ = u2.shutdown(Shutdown::Write);
    let _ = back.join();
}
