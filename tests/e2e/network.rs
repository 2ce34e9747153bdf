//! Rootless networking: pasta (the default) and slirp4netns, published TCP
//! and UDP ports, host.containers.internal, resolv.conf and hosts, and
//! nothing left after the container is gone.

use std::net::{TcpListener, UdpSocket};
use std::time::Duration;

use crate::common::*;
use crate::support::checker::push_checker;

/// The host's address on its default route (found by connecting a UDP
/// socket, which sends nothing).
fn host_address() -> String {
    let s = UdpSocket::bind("0.0.0.0:0").expect("bind");
    s.connect("203.0.113.1:9")
        .expect("connect (is there a default route?)");
    s.local_addr().expect("addr").ip().to_string()
}

/// Live helper processes (pasta, slirp4netns) of the container `id`;
/// zombies waiting for init to reap them do not count.
fn helpers(id: &str) -> usize {
    helper_pids(id).len()
}

fn helper_pids(id: &str) -> Vec<u32> {
    user_processes()
        .into_iter()
        .filter(|(_, args)| {
            let helper =
                args.contains("pasta") || args.contains("passt") || args.contains("slirp4netns");
            helper && args.contains(&id[..12])
        })
        .map(|(pid, _)| pid)
        .collect()
}

/// `wget -O - URL` in a container on network `net`.
fn fetch(den: &Den, net: &str, url: &str) -> String {
    den.ok(&[
        "run",
        "--rm",
        "--network",
        net,
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        url,
    ])
}

const HTTPD: &str =
    "mkdir -p /www && echo hello-from-den > /www/index.html && exec httpd -f -p 80 -h /www";

#[test]
fn published_tcp_ports_serve_the_host_through_each_helper_and_are_released() {
    let (_reg, den) = ready();
    for net in ["pasta", "slirp4netns"] {
        let port = free_port();
        let publish = format!("{port}:80");
        let id = den.ok(&[
            "run",
            "-d",
            "--name",
            "web",
            "--network",
            net,
            "-p",
            &publish,
            "busybox",
            "sh",
            "-c",
            HTTPD,
        ]);
        let id = id.trim();
        wait_for(&format!("httpd through {net}"), || {
            http_get(port).is_some_and(|r| r.contains("hello-from-den"))
        });
        assert_eq!(
            den.ok(&["port", "web"]).trim(),
            format!("80/tcp -> 0.0.0.0:{port}")
        );
        assert_eq!(
            den.ok(&["port", "web", "80"]).trim(),
            format!("0.0.0.0:{port}")
        );
        let ps = den.ok(&["ps", "--format", "{{.Ports}}"]);
        assert_eq!(ps.trim(), format!("0.0.0.0:{port}->80/tcp"));
        assert_eq!(inspect(&den, "web", "{{.HostConfig.NetworkMode}}"), net);
        assert_eq!(helpers(id), 1, "{net} runs while the container does");
        // A helper that dies is reported, and a restart brings the network back.
        for pid in helper_pids(id) {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
        wait_for("inspect to report the lost helper", || {
            inspect(&den, "web", "{{.State.Error}}").contains("network helper")
        });
        den.ok(&["restart", "-t", "0", "web"]);
        wait_for(&format!("httpd through {net} after a restart"), || {
            http_get(port).is_some_and(|r| r.contains("hello-from-den"))
        });
        assert_eq!(inspect(&den, "web", "{{.State.Error}}"), "");
        den.ok(&["stop", "-t", "0", "web"]);
        wait_for("the port to be released", || {
            TcpListener::bind(("0.0.0.0", port)).is_ok()
        });
        den.ok(&["rm", "web"]);
        wait_for("the helper to end", || helpers(id) == 0);
    }
}

#[test]
fn random_ports_publish_all_and_udp() {
    let (reg, den) = ready();
    // -p with no host port, and -P for the image's EXPOSE ports.
    let spec = crate::support::oci::ImageSpec {
        exposed_ports: vec!["80/tcp".into()],
        ..busybox_spec()
    };
    crate::support::oci::push_image(
        &reg.addr,
        "exposing",
        "latest",
        &spec,
        &[busybox_gz()],
        false,
    );
    den.ok(&["pull", "-q", "exposing"]);
    den.ok(&[
        "run", "-d", "--name", "all", "-P", "exposing", "sh", "-c", HTTPD,
    ]);
    let line = den.ok(&["port", "all"]);
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    wait_for("httpd on the random port", || {
        http_get(port).is_some_and(|r| r.contains("hello-from-den"))
    });
    den.ok(&["rm", "-f", "all"]);
    // UDP: the checker echoes datagrams. pasta (as Debian 12 ships it)
    // forwards UDP to the same port only; slirp4netns remaps.
    push_checker(&reg);
    den.ok(&["pull", "-q", "checker"]);
    for net in ["pasta", "slirp4netns"] {
        let uport = UdpSocket::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let inside = if net == "pasta" {
            uport.to_string()
        } else {
            "5353".to_string()
        };
        let publish = format!("{uport}:{inside}/udp");
        den.ok(&[
            "run",
            "-d",
            "--name",
            "udp",
            "--network",
            net,
            "-p",
            &publish,
            "checker",
            "den-checker",
            "udp-echo",
            &inside,
        ]);
        // libslirp answers UDP forwarded from loopback to nobody: reach
        // slirp4netns on the host's own address.
        let target = if net == "pasta" {
            "127.0.0.1".to_string()
        } else {
            host_address()
        };
        let sock = UdpSocket::bind("0.0.0.0:0").expect("bind");
        sock.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut buf = [0u8; 64];
        wait_for(&format!("a UDP echo through {net}"), || {
            let _ = sock.send_to(b"ping", (target.as_str(), uport));
            matches!(sock.recv_from(&mut buf), Ok((n, _)) if &buf[..n] == b"echo:ping")
        });
        den.ok(&["rm", "-f", "udp"]);
    }
    // Bad publish specs are refused.
    for bad in ["0:80", "80/sctp", "1-3:1-2"] {
        den.fails(&["run", "--rm", "-p", bad, "busybox", "true"], 125);
    }
    // Where the container has no network of its own: discarded with a
    // warning, as podman's (a compose service with `network_mode: host`
    // and `ports:` runs).
    let out = den.output(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-p",
        "80",
        "busybox",
        "true",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("port mappings are discarded"));
}

#[test]
fn the_host_is_reachable_and_dns_and_hosts_follow_the_flags() {
    let (_reg, den) = ready();
    // A server on the host: host.containers.internal reaches it.
    let port = host_server();
    for net in ["pasta", "slirp4netns"] {
        let out = fetch(
            &den,
            net,
            &format!("http://host.containers.internal:{port}/"),
        );
        assert_eq!(out, "fromhost", "{net}");
    }
    let out = den.ok(&[
        "run",
        "--rm",
        "--hostname",
        "box",
        "--name",
        "named",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "example.com",
        "--dns-option",
        "ndots:2",
        "--add-host",
        "db.local:10.9.8.7",
        "busybox",
        "cat",
        "/etc/resolv.conf",
        "/etc/hosts",
    ]);
    assert!(
        out.contains("nameserver 192.0.2.53\n") && !out.contains("127.0.0.53"),
        "{out}"
    );
    assert!(
        out.contains("search example.com\n") && out.contains("ndots:2"),
        "{out}"
    );
    assert!(out.contains("10.9.8.7\tdb.local\n"), "{out}");
    assert!(out.lines().any(|l| l.ends_with("\tbox named")), "{out}");
    assert!(out.contains("host.containers.internal"), "{out}");
    // podman's comma-separated lists, several names of one address, and
    // host-gateway: the host as host.containers.internal names it.
    let out = den.ok(&[
        "run",
        "--rm",
        "--dns-search",
        "a.example,b.example",
        "--dns-option",
        "ndots:2,timeout:1",
        "--add-host",
        "a;b:10.0.0.5,gw:host-gateway",
        "busybox",
        "cat",
        "/etc/resolv.conf",
        "/etc/hosts",
    ]);
    assert!(out.contains("search a.example b.example\n"), "{out}");
    assert!(
        out.contains("options ndots:2 timeout:1\n")
            || (out.contains("ndots:2") && out.contains(" timeout:1")),
        "{out}"
    );
    assert!(out.contains("10.0.0.5\ta b\n"), "{out}");
    let gateway = out
        .lines()
        .find(|l| l.ends_with("host.containers.internal host.docker.internal"))
        .and_then(|l| l.split('\t').next())
        .expect("the host's address");
    assert!(out.contains(&format!("{gateway}\tgw\n")), "{out}");
    // Outbound TCP and DNS: the Debian archive (which CI machines reach)
    // through each helper.
    for net in ["pasta", "slirp4netns"] {
        let out = fetch(
            &den,
            net,
            "http://deb.debian.org/debian/dists/bookworm/Release",
        );
        assert!(
            out.starts_with("Origin: Debian"),
            "{net}: {}",
            &out[..out.len().min(200)]
        );
    }
    // --mac-address on either helper's interface.
    for net in ["pasta", "slirp4netns"] {
        let out = den.ok(&[
            "run",
            "--rm",
            "--network",
            net,
            "--mac-address",
            "92:d0:c6:0a:29:33",
            "busybox",
            "ip",
            "-o",
            "link",
        ]);
        assert!(out.contains("92:d0:c6:0a:29:33"), "{net}: {out}");
    }
    // The default network is pasta where installed, and has a route out.
    let routes = den.ok(&["run", "--rm", "busybox", "ip", "route"]);
    assert!(routes.contains("default via"), "{routes}");
    let info: serde_json::Value =
        serde_json::from_str(&den.ok(&["info", "--format", "json"])).expect("json");
    assert_eq!(info["host"]["defaultNetwork"], "pasta");
    for bad in [
        &["--dns", "not-an-ip"][..],
        &["--add-host", "nocolon"],
        &["--network", "nosuchnet"],
        &["--network", "slirp4netns:bogus=1"],
        &["--mac-address", "zz:00:00:00:00:00"],
        &["--network", "none", "--mac-address", "92:d0:c6:0a:29:33"],
    ] {
        run_refused(&den, bad);
    }
}

#[test]
fn network_container_shares_another_containers_namespace() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "web", "busybox", "sh", "-c", HTTPD]);
    // The second container reaches the first's server on its loopback.
    wait_for("httpd seen from a container sharing its network", || {
        den.output(&[
            "run",
            "--rm",
            "--network",
            "container:web",
            "busybox",
            "wget",
            "-q",
            "-O",
            "-",
            "http://127.0.0.1:80/",
        ])
        .stdout
        .starts_with(b"hello-from-den")
    });
    let links = |net: &str| {
        den.ok(&[
            "run",
            "--rm",
            "--network",
            net,
            "busybox",
            "ip",
            "-o",
            "link",
        ])
    };
    let mine = den.ok(&["exec", "web", "ip", "-o", "link"]);
    assert_eq!(links("container:web"), mine, "the same interfaces");
    let web_id = inspect(&den, "web", "{{.Id}}");
    den.ok(&[
        "create",
        "--name",
        "side",
        "--network",
        "container:web",
        "busybox",
        "true",
    ]);
    assert_eq!(
        inspect(&den, "side", "{{.HostConfig.NetworkMode}}"),
        format!("container:{web_id}")
    );
    // Its name must exist, it must run, and it publishes no ports of its own.
    den.fails(
        &[
            "run",
            "--rm",
            "--network",
            "container:nosuch",
            "busybox",
            "true",
        ],
        125,
    );
    let out = den.output(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "-p",
        "80",
        "busybox",
        "true",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("port mappings are discarded"));
    den.ok(&["stop", "-t", "0", "web"]);
    let e = den.fails(&["start", "side"], 125);
    assert!(e.contains("not running"), "{e}");
    den.ok(&["rm", "-f", "side", "web"]);
}

/// `wget -O - URL` in a container on `net` (at most 5 s); its output, or
/// `None` if it could not fetch.
fn try_fetch(den: &Den, net: &str, url: &str) -> Option<String> {
    let out = den.output(&[
        "run",
        "--rm",
        "--init",
        "--network",
        net,
        "busybox",
        "timeout",
        "5",
        "wget",
        "-q",
        "-O",
        "-",
        url,
    ]);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The default network (pasta) leads neither through the gateway nor
/// through host.containers.internal to a service that listens only on the
/// host's loopback; host.containers.internal is the host's own address.
/// `pasta:--map-gw` and slirp4netns's `allow_host_loopback=true` ask for
/// the loopback, as with podman.
#[test]
fn the_hosts_loopback_is_out_of_reach_unless_asked() {
    let (_reg, den) = ready();
    let lo = server_on("127.0.0.1", "loopback-only");
    let host = server_on(&host_address(), "host-address");
    let routes = den.ok(&["run", "--rm", "busybox", "ip", "route"]);
    let gw = routes
        .lines()
        .find_map(|l| l.strip_prefix("default via "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("no default route: {routes}"))
        .to_string();
    for url in [
        format!("http://{gw}:{lo}/"),
        format!("http://host.containers.internal:{lo}/"),
    ] {
        assert_eq!(
            try_fetch(&den, "pasta", &url),
            None,
            "{url} reached the host's loopback"
        );
    }
    assert_eq!(
        try_fetch(
            &den,
            "pasta",
            &format!("http://host.containers.internal:{host}/")
        )
        .as_deref(),
        Some("host-address")
    );
    assert_eq!(
        try_fetch(&den, "slirp4netns", &format!("http://10.0.2.2:{lo}/")),
        None
    );
    // Asked for.
    let routes = den.ok(&[
        "run",
        "--rm",
        "--network",
        "pasta:--map-gw",
        "busybox",
        "ip",
        "route",
    ]);
    let mapped = routes
        .lines()
        .find_map(|l| l.strip_prefix("default via "))
        .and_then(|l| l.split_whitespace().next())
        .expect("route")
        .to_string();
    assert_eq!(
        try_fetch(&den, "pasta:--map-gw", &format!("http://{mapped}:{lo}/")).as_deref(),
        Some("loopback-only")
    );
    assert_eq!(
        try_fetch(
            &den,
            "slirp4netns:allow_host_loopback=true",
            &format!("http://10.0.2.2:{lo}/")
        )
        .as_deref(),
        Some("loopback-only")
    );
}

/// The IP versions with a default route on this host (what pasta copies):
/// IPv4 from /proc/net/route, IPv6 through an interface other than lo.
fn host_default_routes() -> (bool, bool) {
    let v4 = std::fs::read_to_string("/proc/net/route")
        .expect("route")
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some("00000000"));
    let v6 = std::fs::read_to_string("/proc/net/ipv6_route")
        .unwrap_or_default()
        .lines()
        .any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() == 10 && f[0].bytes().all(|b| b == b'0') && f[1] == "00" && f[9] != "lo"
        });
    (v4, v6)
}

/// A default-network start goes on once pasta has configured the
/// namespace, while pasta still fills its buffers (`network/routes.rs`):
/// the command's first instruction must find the routes of each IP
/// version the host has, and its first packets must get through.
#[test]
fn the_default_network_is_configured_before_the_command_starts() {
    let (_reg, den) = ready();
    let (v4, v6) = host_default_routes();
    let port = host_server();
    let script = format!(
        "cat /proc/net/route /proc/net/ipv6_route; wget -q -O - http://host.containers.internal:{port}/"
    );
    for round in 0..5 {
        let out = den.output(&[
            "--log-level",
            "debug",
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            &script,
        ]);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "round {round}: {stdout}\n{stderr}");
        // The start did not wait for pasta's whole start.
        assert!(
            stderr.contains("network: routed"),
            "round {round}: {stderr}"
        );
        if v4 {
            assert!(
                stdout
                    .lines()
                    .any(|l| l.split_whitespace().nth(1) == Some("00000000")),
                "round {round}: no IPv4 default route at the start:\n{stdout}"
            );
        }
        if v6 {
            let zeros = "00000000000000000000000000000000 00 ";
            assert!(
                stdout
                    .lines()
                    .any(|l| l.starts_with(zeros) && l.ends_with("eth0")),
                "round {round}: no IPv6 default route at the start:\n{stdout}"
            );
        }
        assert!(stdout.ends_with("fromhost"), "round {round}: {stdout}");
    }
    // pasta, the supervisor's child now, hears its own children end (the
    // supervisor blocks SIGCHLD, and pasta once inherited that): none is
    // left a zombie once its start is done.
    let id = den.ok(&["run", "-d", "busybox", "sleep", "60"]);
    std::thread::sleep(Duration::from_secs(1));
    let pasta = helper_pids(id.trim());
    assert_eq!(pasta.len(), 1, "{pasta:?}");
    let ps = std::process::Command::new("ps")
        .args(["-e", "-o", "ppid=,stat="])
        .output()
        .expect("ps");
    let zombies = String::from_utf8_lossy(&ps.stdout)
        .lines()
        .filter(|l| l.split_whitespace().next() == Some(&pasta[0].to_string()))
        .filter(|l| l.contains('Z'))
        .count();
    assert_eq!(zombies, 0, "pasta keeps {zombies} zombies");
    den.ok(&["rm", "-f", "-t", "0", id.trim()]);
}

/// A pasta (here a stand-in on PATH) that fails before it configures the
/// namespace fails the start with its message, leaving nothing; one that
/// reports its whole start done (its pid file) without the routes den
/// listens for lets the start go on, and is stopped with the container;
/// one that exits while the container runs is reported.
#[test]
fn a_pasta_that_fails_or_never_routes_is_handled() {
    let (_reg, den) = ready();
    let bin = den.home().join("fakebin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let fake = bin.join("pasta");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |script: &str, args: &[&str]| {
        std::fs::write(&fake, script).expect("write");
        std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
        let mut cmd = den.cmd(args);
        cmd.env("PATH", &path);
        crate::support::bounded::output_within(
            &mut cmd,
            crate::support::bounded::COMMAND_LIMIT,
            "den run with a stand-in pasta",
        )
    };
    let failing = "#!/bin/sh\n[ \"$1\" = --help ] && exit 0\necho 'no tap for you' >&2\nexit 3\n";
    let out = run(failing, &["run", "--rm", "busybox", "true"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{err}");
    assert!(
        err.starts_with("den: error: ") && err.contains("no tap for you"),
        "{err}"
    );
    assert_eq!(
        den.ok(&["ps", "-aq"]),
        "",
        "the failed --rm start left a container"
    );
    // Its pid file says started; the routes never come.
    let silent = "#!/bin/sh\n[ \"$1\" = --help ] && exit 0\nwhile [ $# -gt 0 ]; do [ \"$1\" = --pid ] && echo $$ > \"$2\"; shift; done\nexec sleep 3131\n";
    let out = run(silent, &["run", "--rm", "busybox", "echo", "went"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "went\n");
    let left = || {
        user_processes()
            .into_iter()
            .filter(|(_, a)| a.contains("sleep 3131"))
            .count()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while left() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(left(), 0, "the stand-in pasta outlived its container");
    // One that dies after the start went on: the container runs on
    // without a network, and the exit is reported.
    let dying = "#!/bin/sh\n[ \"$1\" = --help ] && exit 0\nwhile [ $# -gt 0 ]; do [ \"$1\" = --pid ] && echo $$ > \"$2\"; shift; done\nsleep 0.2\nexit 4\n";
    let out = run(dying, &["run", "--rm", "busybox", "sleep", "2"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("den: warning: the network helper (pasta) exited with status 4"),
        "{err}"
    );
}
