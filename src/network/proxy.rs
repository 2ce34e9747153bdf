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

/// Bind every published port (TCP only) on the host.
pub fn bind(ports: &[PortMapping]) -> Result<Vec<Bound>> {
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
            let listener = TcpListener::bind((ip, host)).with_context(|| {
                format!("publishing port {host}: it is in use (choose another host port)")
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
