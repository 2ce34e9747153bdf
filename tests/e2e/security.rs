//! Security defaults (podman's) and the flags that adjust them, proven from
//! inside the container: capabilities and NoNewPrivs from
//! /proc/self/status, masked and read-only paths from mountinfo.

use crate::common::*;

/// Podman's default capability set as /proc/self/status shows it.
const DEFAULT_CAPS: &str = "00000000800405fb";

/// Cap*, NoNewPrivs lines of the container's /proc/self/status, as `Key value`.
fn status(den: &Den, args: &[&str]) -> std::collections::BTreeMap<String, String> {
    let mut full = vec!["run", "--rm"];
    full.extend_from_slice(args);
    full.extend_from_slice(&[
        "busybox",
        "grep",
        "-E",
        "^(Cap|NoNewPrivs)",
        "/proc/self/status",
    ]);
    den.ok(&full)
        .lines()
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        })
        .collect()
}

#[test]
fn default_capabilities_are_podmans_and_flags_adjust_them() {
    let (_reg, den) = ready();
    let root = status(&den, &[]);
    for set in ["CapPrm", "CapEff", "CapBnd"] {
        assert_eq!(root[set], DEFAULT_CAPS, "{set}: {root:?}");
    }
    assert_eq!(root["CapInh"], "0000000000000000");
    assert_eq!(root["CapAmb"], "0000000000000000");
    assert_eq!(root["NoNewPrivs"], "0");
    // A non-root user has no effective capabilities; the bounding set stays.
    let user = status(&den, &["-u", "tester"]);
    assert_eq!(user["CapEff"], "0000000000000000");
    assert_eq!(user["CapPrm"], "0000000000000000");
    assert_eq!(user["CapBnd"], DEFAULT_CAPS);
    // --cap-add / --cap-drop, with or without CAP_, comma lists, ALL.
    let added = status(
        &den,
        &["--cap-add", "net_admin", "--cap-drop", "CAP_CHOWN,kill"],
    );
    let expected = (0x8004_05fbu64 | 1 << 12) & !(1 << 0 | 1 << 5); // +NET_ADMIN -CHOWN -KILL
    assert_eq!(added["CapEff"], format!("{expected:016x}"));
    let none = status(&den, &["--cap-drop", "ALL"]);
    assert_eq!(none["CapEff"], "0000000000000000");
    assert_eq!(none["CapBnd"], "0000000000000000");
    // --privileged: every capability the user namespace allows.
    let all = status(&den, &["--privileged"]);
    let eff = u64::from_str_radix(&all["CapEff"], 16).expect("hex");
    assert!(eff & (1 << 21) != 0 && eff.count_ones() >= 38, "{all:?}");
    // no-new-privileges.
    assert_eq!(
        status(&den, &["--security-opt", "no-new-privileges"])["NoNewPrivs"],
        "1"
    );
    let e = den.fails(
        &["run", "--rm", "--cap-add", "NOT_A_CAP", "busybox", "true"],
        125,
    );
    assert!(e.contains("unknown capability"), "{e}");
    den.fails(
        &["run", "--rm", "--security-opt", "bogus", "busybox", "true"],
        125,
    );
    // exec gets the container's capabilities; exec --privileged gets all.
    den.ok(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let cap_eff = |args: &[&str]| {
        let mut full = vec!["exec"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["c", "grep", "CapEff", "/proc/self/status"]);
        den.ok(&full)
            .split_whitespace()
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(cap_eff(&[]), DEFAULT_CAPS);
    assert_eq!(cap_eff(&["--privileged"]), all["CapEff"]);
    den.ok(&["rm", "-f", "c"]);
}

#[test]
fn masked_and_read_only_paths_and_a_read_only_root() {
    let (_reg, den) = ready();
    // What is mounted where, read from inside: "mountpoint options".
    let mounts = |args: &[&str]| -> String {
        let mut full = vec!["run", "--rm"];
        full.extend_from_slice(args);
        full.extend_from_slice(&[
            "busybox",
            "sh",
            "-c",
            "cut -d' ' -f5,6 /proc/self/mountinfo",
        ]);
        den.ok(&full)
    };
    let default = mounts(&[]);
    let has = |m: &str, path: &str| m.lines().any(|l| l.split(' ').next() == Some(path));
    let ro = |m: &str, path: &str| m.lines().any(|l| l.starts_with(&format!("{path} ro")));
    // Every default masked / read-only path this kernel has is covered.
    for p in [
        "/proc/kcore",
        "/proc/keys",
        "/proc/timer_list",
        "/proc/acpi",
        "/proc/interrupts",
        "/sys/firmware",
    ]
    .iter()
    .filter(|p| std::path::Path::new(p).exists())
    {
        assert!(has(&default, p), "{p} is not masked: {default}");
    }
    for p in [
        "/proc/sys",
        "/proc/sysrq-trigger",
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
    ]
    .iter()
    .filter(|p| std::path::Path::new(p).exists())
    {
        assert!(ro(&default, p), "{p} is not read-only: {default}");
    }
    let interrupts = |args: &[&str]| {
        let mut full = vec!["run", "--rm"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["busybox", "sh", "-c", "wc -c < /proc/interrupts"]);
        den.ok(&full).trim().parse::<u64>().unwrap_or(0)
    };
    assert_eq!(interrupts(&[]), 0, "masked: /dev/null");
    assert!(
        interrupts(&["--privileged"]) > 0,
        "not masked with --privileged"
    );
    let e = den.output(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo x > /proc/sys/kernel/hostname",
    ]);
    assert!(!e.status.success(), "/proc/sys must be read-only");
    // --privileged: nothing masked or read-only.
    let privileged = mounts(&["--privileged"]);
    assert!(
        !has(&privileged, "/proc/kcore") && !ro(&privileged, "/proc/sys"),
        "{privileged}"
    );
    // unmask=ALL, and an extra mask.
    let custom = mounts(&[
        "--security-opt",
        "unmask=ALL",
        "--security-opt",
        "mask=/etc/hostname:/home",
    ]);
    assert!(
        !has(&custom, "/proc/kcore") && has(&custom, "/home"),
        "{custom}"
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--security-opt",
            "mask=/home",
            "busybox",
            "ls",
            "/home"
        ]),
        ""
    );
    // --read-only: the root is read-only, /tmp /run /var/tmp are writable tmpfs.
    assert!(!den
        .output(&["run", "--rm", "--read-only", "busybox", "touch", "/etc/x"])
        .status
        .success());
    den.ok(&[
        "run",
        "--rm",
        "--read-only",
        "busybox",
        "sh",
        "-c",
        "touch /tmp/x /run/x /var/tmp/x",
    ]);
    // What goes below them stays in sight (den's tmpfs went over it): the
    // user's own /tmp, a bind under /run, /run/.containerenv.
    let dir = den.home().join("ro-bind");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("f"), "bound\n").expect("f");
    let bind = format!("{}:/run/app", dir.display());
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--read-only",
            "--tmpfs",
            "/tmp:size=1m",
            "-v",
            &bind,
            "busybox",
            "sh",
            "-c",
            "df -k /tmp | tail -1 | awk '{print $2}'; cat /run/app/f; test -f /run/.containerenv && echo env",
        ]),
        "1024\nbound\nenv\n"
    );
    assert!(!den
        .output(&[
            "run",
            "--rm",
            "--read-only",
            "--read-only-tmpfs=false",
            "busybox",
            "touch",
            "/tmp/x"
        ])
        .status
        .success());
}

#[test]
fn ulimits_sysctls_and_devices() {
    let (_reg, den) = ready();
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--ulimit",
            "nofile=512:1024",
            "busybox",
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn"
        ]),
        "512\n1024\n"
    );
    den.fails(
        &["run", "--rm", "--ulimit", "nofile=9:1", "busybox", "true"],
        125,
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--sysctl",
            "net.ipv4.ip_forward=1",
            "busybox",
            "cat",
            "/proc/sys/net/ipv4/ip_forward"
        ]),
        "1\n"
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--sysctl",
            "kernel.shmmni=1234",
            "busybox",
            "cat",
            "/proc/sys/kernel/shmmni"
        ]),
        "1234\n"
    );
    let e = den.fails(
        &[
            "run",
            "--rm",
            "--sysctl",
            "kernel.panic=1",
            "busybox",
            "true",
        ],
        125,
    );
    assert!(e.contains("not namespaced"), "{e}");
    // /dev/fuse is 0666 on a normal distribution (ci/test.sh makes it so).
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--device",
            "/dev/fuse",
            "busybox",
            "sh",
            "-c",
            "test -c /dev/fuse && echo char"
        ]),
        "char\n"
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--device",
            "/dev/fuse:/dev/myfuse",
            "busybox",
            "sh",
            "-c",
            "test -c /dev/myfuse && echo char"
        ]),
        "char\n"
    );
    // A directory: each device below it (podman's `--device /dev/dri`).
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--device",
            "/dev/net:/dev/nets",
            "busybox",
            "sh",
            "-c",
            "test -c /dev/nets/tun && echo char"
        ]),
        "char\n"
    );
    let e = den.fails(
        &["run", "--rm", "--device", "/dev/mem", "busybox", "true"],
        125,
    );
    assert!(e.contains("/dev/mem"), "{e}");
    den.fails(
        &["run", "--rm", "--device", "/etc/passwd", "busybox", "true"],
        125,
    );
}
