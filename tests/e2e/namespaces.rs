//! --ipc, --pid, --uts and --cgroupns (issue 19): a container's own
//! namespaces, the host's, or another container's.

use std::time::{Duration, Instant};

use crate::common::*;

fn nothing_left(den: &Den) {
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
}

#[test]
fn namespaces_private_host_or_another_containers() {
    let (_reg, den) = ready();
    let host_ns = |kind: &str| {
        std::fs::read_link(format!("/proc/self/ns/{kind}"))
            .expect("own namespace")
            .display()
            .to_string()
    };
    let inside = |args: &[&str], kind: &str| {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        let link = format!("/proc/self/ns/{kind}");
        a.extend(["busybox", "readlink", &link]);
        den.ok(&a).trim().to_string()
    };
    for kind in ["ipc", "pid", "uts"] {
        assert_ne!(
            inside(&[], kind),
            host_ns(kind),
            "{kind} is the container's own by default"
        );
    }
    // The cgroup namespace by default as podman's: private where the
    // container has a cgroup (v2, delegated), else the host's.
    assert_ne!(
        inside(&["--cgroupns", "private"], "cgroup"),
        host_ns("cgroup")
    );
    assert_eq!(inside(&["--ipc", "host"], "ipc"), host_ns("ipc"));
    assert_eq!(inside(&["--pid", "host"], "pid"), host_ns("pid"));
    assert_eq!(inside(&["--uts", "host"], "uts"), host_ns("uts"));
    assert_eq!(inside(&["--cgroupns", "host"], "cgroup"), host_ns("cgroup"));
    // The host's processes and host name, as podman's --pid/--uts host.
    let me = std::process::id().to_string();
    den.ok(&[
        "run",
        "--rm",
        "--pid",
        "host",
        "busybox",
        "test",
        "-d",
        &format!("/proc/{me}"),
    ]);
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("hostname");
    assert_eq!(
        den.ok(&["run", "--rm", "--uts", "host", "busybox", "hostname"]),
        host_name
    );
    // --ipc none: no /dev/shm.
    let mounts = den.ok(&[
        "run",
        "--rm",
        "--ipc",
        "none",
        "busybox",
        "cat",
        "/proc/mounts",
    ]);
    assert!(!mounts.contains("/dev/shm"), "{mounts}");
    // Another container's: the same namespaces, its processes, its name.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "first",
        "--hostname",
        "first-host",
        "busybox",
        "sleep",
        "600",
    ]);
    let first = |kind: &str| {
        den.ok(&[
            "exec",
            "first",
            "readlink",
            &format!("/proc/self/ns/{kind}"),
        ])
    };
    let shared = [
        "--ipc",
        "container:first",
        "--pid",
        "container:first",
        "--uts",
        "container:first",
    ];
    for kind in ["ipc", "pid", "uts"] {
        assert_eq!(
            format!("{}\n", inside(&shared, kind)),
            first(kind),
            "{kind}"
        );
    }
    let mut args = vec!["run", "-d", "--name", "second"];
    args.extend_from_slice(&shared);
    args.extend([
        "busybox",
        "sh",
        "-c",
        "hostname; cat /proc/1/cmdline; echo; sleep 600",
    ]);
    den.ok(&args);
    // (Two writes: wait for both.)
    wait_for_log(&den, "second", "first-hostsleep\x00600\x00");
    assert!(den
        .ok(&["logs", "second"])
        .starts_with("first-host\nsleep\x00600\x00"));
    // exec into it, and into one that has the host's pid namespace.
    assert_eq!(
        den.ok(&["exec", "second", "cat", "/proc/1/cmdline"]),
        "sleep\x00600\x00"
    );
    den.ok(&[
        "run", "-d", "--name", "hostpid", "--pid", "host", "busybox", "sleep", "600",
    ]);
    den.ok(&["exec", "hostpid", "test", "-d", &format!("/proc/{me}")]);
    assert_eq!(
        den.ok(&[
            "inspect",
            "--format",
            "{{.HostConfig.PidMode}} {{.HostConfig.UTSMode}}",
            "hostpid"
        ]),
        "host private\n"
    );
    // The one shared is kept while another shares it; --depend takes both.
    let e = den.fails(&["rm", "-f", "first"], 125);
    assert!(e.contains("second"), "{e}");
    den.ok(&["rm", "-f", "-t", "0", "--depend", "first"]);
    den.ok(&["rm", "-f", "-t", "0", "hostpid"]);
    // What cannot be: refused in one line, nothing made.
    for bad in [
        &["--uts", "host", "--hostname", "x"][..],
        &["--ipc", "host", "--shm-size", "1m"],
        &["--pid", "ns:/proc/1/ns/pid"],
        &["--pid", "shareable"],
        &["--ipc", "container:nothere"],
        &["--cgroupns", "sometimes"],
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(bad);
        a.extend(["busybox", "true"]);
        let e = den.fails(&a, 125);
        assert_eq!(e.lines().count(), 1, "{bad:?}: {e}");
    }
    nothing_left(&den);
}

/// Wait until `name`'s log has `text`, with newlines removed.
fn wait_for_log(den: &Den, name: &str, text: &str) {
    let t = Instant::now();
    while !den.ok(&["logs", name]).replace('\n', "").contains(text) {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "{name} never logged {text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
