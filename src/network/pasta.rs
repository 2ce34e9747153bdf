//! How den runs pasta, as podman does: the gateway is not mapped to the
//! host's loopback (`--no-map-gw`), so a container cannot reach services
//! that listen only there; `host.containers.internal` reaches the host's
//! own address instead. `--network pasta:--map-gw` (podman's word, not
//! pasta's) asks for the loopback mapping.
//!
//! Where pasta has `--map-guest-addr` (2024-08 and later), that address,
//! 169.254.1.2, is mapped to the host (podman 5.3's way). Older pastas
//! (Debian 12's) cannot: there the container gets an address of its own
//! (10.0.2.100/24, as with slirp4netns) instead of a copy of the host's,
//! so that the host's address is the host, not the container itself.

use std::net::Ipv4Addr;
use std::path::Path;

/// The address `--map-guest-addr` maps to the host (podman's).
pub const GUEST_ADDR: &str = "169.254.1.2";

/// pasta's arguments and what the container sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Arguments for pasta (the user's options included).
    pub args: Vec<String>,
    /// The container's own address.
    pub own: Option<String>,
    /// Where host.containers.internal points.
    pub host: Option<String>,
    /// The container's IPv4 address, prefix length and gateway where den
    /// chose them (`-a`, `-n`, `-g`): what den can configure itself
    /// (`network/nsconf.rs`).
    pub chosen: Option<(Ipv4Addr, u8, Ipv4Addr)>,
}

/// What pasta copies from the host: the address and gateway of the
/// interface with the default route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostNet {
    pub address: Option<Ipv4Addr>,
    pub gateway: Option<Ipv4Addr>,
}

/// The plan for the user's `opts` (from `--network pasta:OPTS`), on a host
/// like `host`, with a pasta that does (or not) have `--map-guest-addr`.
pub fn plan(opts: &[String], host: HostNet, maps_guest_addr: bool) -> Plan {
    let map_gw = opts.iter().any(|o| o == "--map-gw");
    let mut args: Vec<String> = opts.iter().filter(|o| *o != "--map-gw").cloned().collect();
    let own_address = address_option(&args);
    let copied = host.address.map(|a| a.to_string());
    if map_gw {
        // The gateway is the host's loopback: asked for.
        return Plan {
            args,
            own: own_address.or(copied),
            host: host.gateway.map(|g| g.to_string()),
            chosen: None,
        };
    }
    args.push("--no-map-gw".into());
    if let Some(own) = own_address {
        // The user chose the container's address: the host's is the host.
        return Plan {
            args,
            own: Some(own),
            host: copied,
            chosen: None,
        };
    }
    if maps_guest_addr {
        args.extend(["--map-guest-addr".into(), GUEST_ADDR.into()]);
        return Plan {
            args,
            own: copied,
            host: Some(GUEST_ADDR.into()),
            chosen: None,
        };
    }
    // An address of the container's own, in a subnet apart from the host's.
    let (own, gw) = match host.address.map(|a| a.octets()) {
        Some([10, 0, 2, _]) => (Ipv4Addr::new(10, 0, 3, 100), Ipv4Addr::new(10, 0, 3, 2)),
        _ => (Ipv4Addr::new(10, 0, 2, 100), Ipv4Addr::new(10, 0, 2, 2)),
    };
    let (own_text, gw_text) = (own.to_string(), gw.to_string());
    args.extend(["-a", &own_text, "-n", "24", "-g", &gw_text].map(String::from));
    Plan {
        args,
        own: Some(own_text),
        host: copied,
        chosen: Some((own, 24, gw)),
    }
}

/// The address the user's options give the container (`-a`, `--address`).
fn address_option(args: &[String]) -> Option<String> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-a" || a == "--address" {
            return it.next().cloned();
        }
        if let Some(v) = a.strip_prefix("--address=") {
            return Some(v.to_string());
        }
    }
    None
}

/// What an installed pasta can do, from its `--help`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// `--map-guest-addr` (2024-08 and later).
    pub map_guest_addr: bool,
    /// `--fd`: a tap device opened for it (`network/nsconf.rs`).
    pub fd: bool,
}

impl Features {
    fn words(self) -> String {
        let mut w: Vec<&str> = Vec::new();
        if self.map_guest_addr {
            w.push("map-guest-addr");
        }
        if self.fd {
            w.push("fd");
        }
        match w.is_empty() {
            true => "none".into(),
            false => w.join(" "),
        }
    }

    fn from_words(text: &str) -> Features {
        let has = |w: &str| text.split_whitespace().any(|x| x == w);
        Features {
            map_guest_addr: has("map-guest-addr"),
            fd: has("fd"),
        }
    }

    fn from_help(help: &str) -> Features {
        Features {
            map_guest_addr: help.contains("--map-guest-addr"),
            fd: help.contains("--fd"),
        }
    }
}

/// Whether the pasta at `exe` has `--map-guest-addr`.
pub fn maps_guest_addr(exe: &Path, runtime: &Path) -> bool {
    features(exe, runtime).map_guest_addr
}

/// What the pasta at `exe` can do: asked once per pasta binary (`pasta
/// --help`), remembered in den's runtime directory.
pub fn features(exe: &Path, runtime: &Path) -> Features {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(exe) else {
        return Features::default();
    };
    // "2": what an earlier den remembered said nothing of `--fd`.
    let key = format!(
        "2 {} {} {}",
        exe.display(),
        meta.len(),
        meta.mtime_nsec() + meta.mtime() * 1_000_000_000
    );
    let cache = runtime.join("pasta-features");
    if let Some(text) = crate::util::fs::read_private(&cache) {
        let text = String::from_utf8_lossy(&text);
        if let Some(answer) = text.strip_prefix(&format!("{key} ")) {
            return Features::from_words(answer);
        }
    }
    let help = std::process::Command::new(exe)
        .arg("--help")
        .stdin(std::process::Stdio::null())
        .output()
        .map(|o| {
            let mut t = String::from_utf8_lossy(&o.stdout).into_owned();
            t.push_str(&String::from_utf8_lossy(&o.stderr));
            t
        })
        .unwrap_or_default();
    let has = Features::from_help(&help);
    let _ = crate::util::fs::private_dir(runtime).and_then(|_| {
        crate::util::fs::write_atomic_with(
            &cache,
            format!("{key} {}\n", has.words()).as_bytes(),
            crate::util::fs::Durability::Unsynced,
        )
    });
    has
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> HostNet {
        HostNet {
            address: Some(Ipv4Addr::new(192, 0, 2, 2)),
            gateway: Some(Ipv4Addr::new(192, 0, 2, 1)),
        }
    }

    #[test]
    fn no_gateway_mapping_unless_asked() {
        let p = plan(&[], host(), false);
        assert!(p.args.contains(&"--no-map-gw".to_string()));
        assert_eq!(p.own.as_deref(), Some("10.0.2.100"));
        assert_eq!(p.host.as_deref(), Some("192.0.2.2"));
        let p = plan(&[], host(), true);
        assert_eq!(p.args, ["--no-map-gw", "--map-guest-addr", GUEST_ADDR]);
        assert_eq!(
            (p.own.as_deref(), p.host.as_deref()),
            (Some("192.0.2.2"), Some(GUEST_ADDR))
        );
        let p = plan(&["--map-gw".into()], host(), true);
        assert!(
            p.args.is_empty(),
            "--map-gw is podman's, not pasta's: {:?}",
            p.args
        );
        assert_eq!(p.host.as_deref(), Some("192.0.2.1"));
        let p = plan(&["-a".into(), "10.9.9.9".into()], host(), false);
        assert_eq!(p.args, ["-a", "10.9.9.9", "--no-map-gw"]);
        assert_eq!(
            (p.own.as_deref(), p.host.as_deref()),
            (Some("10.9.9.9"), Some("192.0.2.2"))
        );
        assert_eq!(
            plan(&[], host(), false).chosen,
            Some((Ipv4Addr::new(10, 0, 2, 100), 24, Ipv4Addr::new(10, 0, 2, 2)))
        );
        assert_eq!(plan(&[], host(), true).chosen, None, "pasta's own copy");
        let on_qemu = HostNet {
            address: Some(Ipv4Addr::new(10, 0, 2, 15)),
            gateway: Some(Ipv4Addr::new(10, 0, 2, 2)),
        };
        assert_eq!(plan(&[], on_qemu, false).own.as_deref(), Some("10.0.3.100"));
    }

    #[test]
    fn features_are_remembered_as_words() {
        for f in [
            Features::default(),
            Features {
                map_guest_addr: true,
                fd: false,
            },
            Features {
                map_guest_addr: true,
                fd: true,
            },
            Features {
                map_guest_addr: false,
                fd: true,
            },
        ] {
            assert_eq!(Features::from_words(&f.words()), f);
        }
        let help = "  -F, --fd FD\t\tUse FD as pre-opened connected socket\n";
        assert_eq!(
            Features::from_help(help),
            Features {
                map_guest_addr: false,
                fd: true
            }
        );
        assert_eq!(Features::from_help(""), Features::default());
    }
}
