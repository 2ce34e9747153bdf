//! User-defined networks: bridges in one shared network namespace per
//! user; containers on a network reach each other by name and alias, not
//! across networks; internal networks stay inside; connect, disconnect,
//! rm and prune; and nothing is left once the last container is gone.

use std::net::TcpListener;

use crate::common::*;

const HTTPD: &str =
    "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 80 -h /www";

/// `wget -q -O - URL` in a new container with `net_args`, given 3 s (busybox
/// wget's own -T crashes; as PID 1 it would ignore timeout's SIGTERM, so
/// den's init is PID 1); its output on success, None on failure.
fn get(den: &Den, net_args: &[&str], url: &str) -> Option<String> {
    let mut args = vec!["run", "--rm", "--init"];
    args.extend_from_slice(net_args);
    args.extend_from_slice(&["busybox", "timeout", "3", "wget", "-q", "-O", "-", url]);
    let out = den.output(&args);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Processes of this user whose command line names `marker`.
fn processes_naming(marker: &str) -> Vec<String> {
    user_processes()
        .into_iter()
        .map(|(_, args)| args)
        .filter(|args| args.contains(marker))
        .collect()
}

#[test]
fn containers_on_a_network_reach_each_other_by_name_and_no_further() {
    let (_reg, den) = ready();
    let run_dir = den.home().join("run").display().to_string();
    assert_eq!(den.ok(&["network", "create", "front"]).trim(), "front");
    den.ok(&[
        "network",
        "create",
        "--subnet",
        "10.90.7.0/24",
        "--gateway",
        "10.90.7.254",
        "back",
    ]);
    den.ok(&["network", "create", "--internal", "priv"]);
    let names = den.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert_eq!(names, "den\nback\nfront\npriv\n");
    let table = den.ok(&["network", "ls"]);
    assert!(table.starts_with("NETWORK ID"), "{table}");
    let inspected: serde_json::Value =
        serde_json::from_str(&den.ok(&["network", "inspect", "back"])).expect("json");
    assert_eq!(inspected[0]["subnets"][0]["subnet"], "10.90.7.0/24");
    assert_eq!(inspected[0]["subnets"][0]["gateway"], "10.90.7.254");
    assert_eq!(inspected[0]["driver"], "bridge");
    let front_subnet = den.ok(&["network", "inspect", "-f", "{{json .Subnets}}", "front"]);
    assert!(front_subnet.contains("10.89."), "{front_subnet}");

    // A web server on front, with an alias.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "front",
        "--network-alias",
        "www",
        "busybox",
        "sh",
        "-c",
        HTTPD,
    ]);
    let web_ip = inspect(&den, "web", "{{.NetworkSettings.Networks.front.IPAddress}}");
    assert!(web_ip.starts_with("10.89."), "{web_ip}");
    let on_front = ["--network", "front"];
    wait_for("web to answer by name", || {
        get(&den, &on_front, "http://web/").is_some_and(|o| o.contains("hello-from-web"))
    });
    assert_eq!(
        get(&den, &on_front, "http://www/").as_deref(),
        Some("hello-from-web\n")
    );
    // The others' names are in /etc/hosts, with the container's own.
    let hosts = den.ok(&[
        "run",
        "--rm",
        "--network",
        "front",
        "--name",
        "peer",
        "busybox",
        "cat",
        "/etc/hosts",
    ]);
    assert!(hosts.contains(&format!("{web_ip}\tweb www\n")), "{hosts}");
    assert!(
        hosts
            .lines()
            .any(|l| l.ends_with("\tpeer") || l.ends_with(" peer")),
        "{hosts}"
    );
    // ... and leave them when they stop: web's hosts has no peer any more.
    let web_hosts = den.ok(&["exec", "web", "cat", "/etc/hosts"]);
    assert!(!web_hosts.contains("peer"), "{web_hosts}");

    // Another network cannot reach web, by name or address.
    let on_back = ["--network", "back"];
    assert_eq!(get(&den, &on_back, &format!("http://{web_ip}/")), None);
    assert_eq!(get(&den, &on_back, "http://web/"), None);
    // --ip on a user network, and the gateway given at create.
    let addr = den.ok(&[
        "run",
        "--rm",
        "--network",
        "back",
        "--ip",
        "10.90.7.9",
        "busybox",
        "ip",
        "-4",
        "-o",
        "addr",
        "show",
        "eth0",
    ]);
    assert!(addr.contains("10.90.7.9/24"), "{addr}");
    let route = den.ok(&["run", "--rm", "--network", "back", "busybox", "ip", "route"]);
    assert!(route.contains("default via 10.90.7.254"), "{route}");

    // The outside is reachable from a network, not from an internal one.
    let port = host_server();
    let url = format!("http://host.containers.internal:{port}/");
    assert_eq!(get(&den, &on_front, &url).as_deref(), Some("fromhost"));
    assert_eq!(get(&den, &["--network", "priv"], &url), None);

    // A published port serves the host, and is released on stop.
    let port = free_port();
    let publish = format!("127.0.0.1:{port}:80");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "pub",
        "--network",
        "front",
        "-p",
        &publish,
        "busybox",
        "sh",
        "-c",
        HTTPD,
    ]);
    wait_for("the published port to answer", || {
        http_get(port).is_some_and(|r| r.contains("hello-from-web"))
    });
    // Its port proxy (a fork of its supervisor) holds its listeners, not
    // the container's network namespace: a restart's old one, its
    // address still on its eth0, lived on in it.
    let proxies = forks_of_supervisors();
    assert_eq!(proxies.len(), 1, "one port proxy: {proxies:?}");
    for pid in proxies {
        let held: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .expect("the proxy's descriptors")
            .flatten()
            .filter_map(|e| std::fs::read_link(e.path()).ok())
            .map(|l| l.display().to_string())
            .filter(|l| l.starts_with("net:["))
            .collect();
        assert!(held.is_empty(), "the proxy {pid} holds {held:?}");
    }
    assert_eq!(
        den.ok(&["port", "pub"]).trim(),
        format!("80/tcp -> 127.0.0.1:{port}")
    );
    den.ok(&["rm", "-f", "pub"]);
    wait_for("the port to be released", || {
        TcpListener::bind(("127.0.0.1", port)).is_ok()
    });

    // connect and disconnect a running container.
    den.ok(&["network", "connect", "--alias", "site", "back", "web"]);
    let web_back = inspect(&den, "web", "{{.NetworkSettings.Networks.back.IPAddress}}");
    assert!(web_back.starts_with("10.90.7."), "{web_back}");
    assert_eq!(
        get(&den, &on_back, "http://site/").as_deref(),
        Some("hello-from-web\n")
    );
    den.ok(&["network", "disconnect", "back", "web"]);
    assert_eq!(get(&den, &on_back, "http://site/"), None);
    assert_eq!(get(&den, &on_back, &format!("http://{web_back}/")), None);
    den.fails(&["network", "disconnect", "back", "web"], 125);

    // Bad input: one line, status 125, nothing created.
    for bad in [
        &["network", "create", "front"][..],
        &["network", "create", "--subnet", "10.90.7.0/25", "clash"],
        &["network", "create", "--subnet", "10.91.0.1/24", "hostbits"],
        &["network", "create", "--gateway", "10.92.0.1", "nosubnet"],
        &["network", "create", "host"],
        &["network", "inspect", "nosuch"],
        &[
            "run",
            "--rm",
            "--network",
            "back",
            "--ip",
            "10.90.8.1",
            "busybox",
            "true",
        ],
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "--network-alias",
            "x",
            "busybox",
            "true",
        ],
        &[
            "run",
            "--rm",
            "--network",
            "front",
            "-p",
            "8080:80/udp",
            "busybox",
            "true",
        ],
    ] {
        let err = den.fails(bad, 125);
        assert_eq!(err.lines().count(), 1, "{bad:?}: {err}");
    }
    assert_eq!(den.ok(&["network", "ls", "-q"]), "den\nback\nfront\npriv\n");
    den.fails(&["network", "rm", "den"], 125);

    // rm refuses a network in use; -f removes its containers too.
    den.fails(&["network", "rm", "front"], 125);
    assert_eq!(den.ok(&["network", "rm", "-f", "front"]).trim(), "front");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert_eq!(
        den.ok(&["network", "prune", "-f"]).lines().count(),
        2,
        "back and priv are unused"
    );
    assert_eq!(den.ok(&["network", "ls", "-q"]), "den\n");
    // The shared namespace, its helper and every address went with the
    // last container.
    wait_for("the shared namespace to end", || {
        processes_naming(&run_dir).is_empty()
    });
    let leases = den.home().join("run/den/netns/leases");
    let left: Vec<_> = walk(&leases);
    assert!(left.is_empty(), "leases left: {left:?}");
}

/// This user's processes named `den-supervise` whose parent is one: a
/// supervisor's forks that run on (port proxies).
fn forks_of_supervisors() -> Vec<u32> {
    let status = |pid: u32| std::fs::read_to_string(format!("/proc/{pid}/status")).ok();
    let field = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
    };
    user_processes()
        .into_iter()
        .map(|(pid, _)| pid)
        .filter(|&pid| {
            let Some(me) = status(pid) else { return false };
            let parent = field(&me, "PPid:").and_then(|p| p.parse::<u32>().ok());
            field(&me, "Name:").as_deref() == Some("den-supervise")
                && parent
                    .and_then(status)
                    .is_some_and(|p| field(&p, "Name:").as_deref() == Some("den-supervise"))
        })
        .collect()
}

/// Files under `dir`, recursively.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

/// A removed network's bridge goes with it: a network made after, which
/// gets the same bridge name, has its own gateway, and its containers
/// reach the outside (the bridge stayed, with the removed network's
/// address, and the new one's containers reached nothing).
#[test]
fn a_network_made_after_one_was_removed_reaches_the_outside() {
    let (_reg, den) = ready();
    den.ok(&["network", "create", "na"]);
    den.ok(&["network", "create", "nb"]);
    // Keeps the shared namespace up throughout.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "keep",
        "--network",
        "nb",
        "busybox",
        "sleep",
        "1000",
    ]);
    den.ok(&["run", "--rm", "--network", "na", "busybox", "true"]);
    let bridge = den.ok(&["network", "inspect", "-f", "{{.NetworkInterface}}", "na"]);
    den.ok(&["network", "rm", "na"]);
    den.ok(&["network", "create", "--subnet", "10.50.7.0/24", "nc"]);
    assert_eq!(
        den.ok(&["network", "inspect", "-f", "{{.NetworkInterface}}", "nc"]),
        bridge,
        "the new network has the removed one's bridge name"
    );
    let port = host_server();
    let url = format!("http://host.containers.internal:{port}/");
    assert_eq!(
        get(&den, &["--network", "nc"], &url).as_deref(),
        Some("fromhost")
    );
    den.ok(&["rm", "-f", "-t", "0", "keep"]);
}

/// `network rm -f` of a network a pod is on removes the pod whole, as
/// podman's does: its infra container alone went, which left the pod
/// unstartable and its members running on an address given out again.
#[test]
fn network_rm_force_takes_a_pod_on_it_whole() {
    let (_reg, den) = ready();
    den.ok(&["network", "create", "pn"]);
    den.ok(&["pod", "create", "--network", "pn", "--name", "pp"]);
    den.ok(&[
        "run", "-d", "--pod", "pp", "--name", "member", "busybox", "sleep", "1000",
    ]);
    den.ok(&["network", "rm", "-f", "pn"]);
    den.fails(&["pod", "exists", "pp"], 1);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.fails(&["network", "exists", "pn"], 1);
}
