//! `-p/--publish` in Docker's forms and `-P` for the image's EXPOSE ports.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// One published port (or range of `range` consecutive ports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortMapping {
    /// The host address to bind; empty for all.
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    /// `tcp` or `udp`.
    pub protocol: String,
    /// How many consecutive ports (1 for a single port).
    pub range: u16,
}

impl Default for PortMapping {
    fn default() -> Self {
        PortMapping {
            host_ip: String::new(),
            host_port: 0,
            container_port: 0,
            protocol: "tcp".into(),
            range: 1,
        }
    }
}

impl PortMapping {
    /// Check a mapping that did not come from `parse_publish` (a spec).
    pub fn check(&self) -> Result<()> {
        let shown = format!(
            "{}:{}->{}/{}",
            self.host_addr(),
            self.host_port,
            self.container_port,
            self.protocol
        );
        if !matches!(self.protocol.as_str(), "tcp" | "udp") {
            bail!("port {shown}: the protocol must be tcp or udp");
        }
        if self.container_port == 0 || self.range == 0 {
            bail!("port {shown}: the container port and the range must be at least 1");
        }
        let last = |p: u16| u32::from(p) + u32::from(self.range) - 1;
        if last(self.container_port) > 65535
            || (self.host_port != 0 && last(self.host_port) > 65535)
        {
            bail!("port {shown}: the range of {} goes past 65535", self.range);
        }
        if !self.host_ip.is_empty() && self.host_ip.parse::<std::net::IpAddr>().is_err() {
            bail!("port {shown}: {:?} is not an IP address", self.host_ip);
        }
        Ok(())
    }

    /// The host address to bind (`0.0.0.0` for all).
    pub fn host_addr(&self) -> &str {
        if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        }
    }

    /// Each (host port, container port) pair of the range.
    pub fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        (0..self.range).map(|i| {
            (
                self.host_port.saturating_add(i),
                self.container_port.saturating_add(i),
            )
        })
    }

    /// `0.0.0.0:8080->80/tcp`, as `ps` and `port` print it.
    pub fn display(&self) -> Vec<String> {
        self.pairs()
            .map(|(h, c)| format!("{}:{h}->{c}/{}", self.host_addr(), self.protocol))
            .collect()
    }
}

fn port_range(s: &str, what: &str, spec: &str) -> Result<(u16, u16)> {
    let parse = |p: &str| -> Result<u16> {
        p.parse::<u16>().ok().filter(|n| *n > 0).with_context(|| {
            format!("invalid {what} port {p:?} in --publish {spec:?} (use 1-65535)")
        })
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (parse(a)?, parse(b)?);
            if b < a {
                bail!("invalid {what} port range {s:?} in --publish {spec:?}");
            }
            Ok((a, b - a + 1))
        }
        None => Ok((parse(s)?, 1)),
    }
}

/// Parse `[[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]`; a missing host port is 0
/// (chosen at random by [`assign_free`]).
pub fn parse_publish(spec: &str) -> Result<PortMapping> {
    let (body, protocol) = match spec.rsplit_once('/') {
        Some((b, p)) => (b, p.to_ascii_lowercase()),
        None => (spec, "tcp".to_string()),
    };
    if protocol != "tcp" && protocol != "udp" {
        bail!("invalid protocol {protocol:?} in --publish {spec:?} (use tcp or udp)");
    }
    // An IPv6 host address comes in brackets: [::1]:8080:80.
    let (host_ip, rest) = if let Some(r) = body.strip_prefix('[') {
        let (ip, rest) = r
            .split_once("]:")
            .with_context(|| format!("invalid --publish {spec:?}"))?;
        (ip.to_string(), rest)
    } else {
        let parts: Vec<&str> = body.split(':').collect();
        match parts.len() {
            1 | 2 => (String::new(), body),
            3 => (parts[0].to_string(), &body[parts[0].len() + 1..]),
            _ => bail!("invalid --publish {spec:?} (use [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO])"),
        }
    };
    if !host_ip.is_empty() && host_ip.parse::<std::net::IpAddr>().is_err() {
        bail!("invalid host address {host_ip:?} in --publish {spec:?}");
    }
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (h, c),
        None => ("", rest),
    };
    let (container_port, range) = port_range(container, "container", spec)?;
    let host_port = if host.is_empty() {
        0
    } else {
        let (h, hr) = port_range(host, "host", spec)?;
        if hr != range {
            bail!("--publish {spec:?}: the host and container ranges differ in size");
        }
        h
    };
    if host_port == 0 && range > 1 {
        bail!("--publish {spec:?}: give host ports for a range");
    }
    Ok(PortMapping {
        host_ip,
        host_port,
        container_port,
        protocol,
        range,
    })
}

/// `-P`: every EXPOSE port of the image (`80/tcp`, `53/udp`), on random host ports.
pub fn exposed(ports: &[String]) -> Result<Vec<PortMapping>> {
    ports.iter().map(|p| parse_publish(p)).collect()
}

/// Give every mapping without a host port a free one.
pub fn assign_free(ports: &mut [PortMapping]) -> Result<()> {
    for p in ports.iter_mut().filter(|p| p.host_port == 0) {
        let ip = p.host_addr().to_string();
        let port = if p.protocol == "udp" {
            std::net::UdpSocket::bind((ip.as_str(), 0)).and_then(|s| s.local_addr())
        } else {
            std::net::TcpListener::bind((ip.as_str(), 0)).and_then(|s| s.local_addr())
        }
        .with_context(|| format!("finding a free {} port on {ip}", p.protocol))?
        .port();
        p.host_port = port;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ip: &str, h: u16, c: u16, proto: &str, range: u16) -> PortMapping {
        PortMapping {
            host_ip: ip.into(),
            host_port: h,
            container_port: c,
            protocol: proto.into(),
            range,
        }
    }

    #[test]
    fn dockers_forms() {
        assert_eq!(
            parse_publish("8080:80").expect("ok"),
            p("", 8080, 80, "tcp", 1)
        );
        assert_eq!(
            parse_publish("127.0.0.1:8080:80").expect("ok"),
            p("127.0.0.1", 8080, 80, "tcp", 1)
        );
        assert_eq!(
            parse_publish("8080:80/udp").expect("ok"),
            p("", 8080, 80, "udp", 1)
        );
        assert_eq!(
            parse_publish("8000-8005:9000-9005").expect("ok"),
            p("", 8000, 9000, "tcp", 6)
        );
        assert_eq!(parse_publish("80").expect("ok"), p("", 0, 80, "tcp", 1));
        assert_eq!(
            parse_publish("127.0.0.1::80").expect("ok"),
            p("127.0.0.1", 0, 80, "tcp", 1)
        );
        assert_eq!(
            parse_publish("[::1]:8080:80").expect("ok"),
            p("::1", 8080, 80, "tcp", 1)
        );
        for bad in [
            "",
            "0:80",
            "8080:80/sctp",
            "1-3:1-2",
            "x:80",
            "a.b.c:1:2",
            "1:2:3:4",
            "70000:80",
        ] {
            assert!(parse_publish(bad).is_err(), "{bad}");
        }
        assert_eq!(
            p("", 8000, 9000, "tcp", 2).display(),
            ["0.0.0.0:8000->9000/tcp", "0.0.0.0:8001->9001/tcp"]
        );
    }
}
