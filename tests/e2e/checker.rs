//! The proof from inside: den-checker (tests/checker) runs in a container
//! and reports capabilities, no-new-privs, seccomp, how refused syscalls
//! fail, masked and read-only paths, mounts, devices, rlimits and open
//! descriptors; these tests compare its report with den's defaults (podman's)
//! and with each flag that changes them.

use serde_json::Value;

use crate::common::*;

/// Podman's default capability set as /proc/self/status shows it.
const DEFAULT_CAPS: &str = "00000000800405fb";

/// Families the default profile refuses with EPERM.
const REFUSED: &[&str] = &[
    "kexec_load",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "swapon",
    "swapoff",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "userfaultfd",
];

/// The checker's report from `den run --rm FLAGS checker`.
fn report(den: &Den, flags: &[&str]) -> Value {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["checker", "den-checker"]);
    let out = den.ok(&args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("checker output is not JSON ({e}): {out}"))
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    v.pointer(path)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {path} in {v:#}"))
}

#[test]
fn the_checker_sees_podmans_defaults() {
    let (_reg, den) = ready_checker();
    let r = report(&den, &[]);
    for set in ["permitted", "effective", "bounding"] {
        assert_eq!(s(&r, &format!("/caps/{set}")), DEFAULT_CAPS, "{set}");
    }
    assert_eq!(s(&r, "/caps/inheritable"), "0000000000000000");
    assert_eq!(s(&r, "/caps/ambient"), "0000000000000000");
    assert_eq!(s(&r, "/no_new_privs"), "0");
    // Seccomp: filter mode; the dangerous families EPERM, unknown calls ENOSYS.
    assert_eq!(s(&r, "/seccomp"), "2");
    for call in REFUSED {
        assert_eq!(s(&r, &format!("/syscalls/{call}")), "EPERM", "{call}");
    }
    assert_eq!(s(&r, "/syscalls/io_uring_setup"), "ENOSYS");
    assert_eq!(s(&r, "/syscalls/getpid"), "ok");
    assert_eq!(s(&r, "/syscalls/personality_query"), "ok");
    // x32's entry: the filter leaves out x32 where the kernel has none
    // (then ENOSYS, as the kernel says outside), and where it has it,
    // an x32 call is filtered as any other.
    if cfg!(target_arch = "x86_64") {
        let host = std::process::Command::new(crate::support::checker::checker_binary())
            .output()
            .expect("the checker on the host");
        let host: Value = serde_json::from_slice(&host.stdout).expect("the host's report");
        if s(&host, "/syscalls/x32_getpid") == "ENOSYS" {
            assert_eq!(s(&r, "/syscalls/x32_getpid"), "ENOSYS");
            assert_eq!(s(&r, "/syscalls/x32_keyctl"), "ENOSYS");
        } else {
            assert_eq!(s(&r, "/syscalls/x32_getpid"), "ok");
            assert_eq!(s(&r, "/syscalls/x32_keyctl"), "EPERM");
        }
    }
    // Masked and read-only paths (those this kernel has).
    for p in [
        "/proc/acpi",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/proc/sched_debug",
        "/proc/scsi",
        "/proc/interrupts",
        "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ] {
        let state = s(&r, &format!("/paths/{}", p.replace('/', "~1")));
        assert!(matches!(state, "masked" | "missing"), "{p} is {state}");
        if std::path::Path::new(p).exists() {
            assert_eq!(
                state, "masked",
                "{p} exists on the host, so it must be masked"
            );
        }
    }
    for p in [
        "/proc/asound",
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
        "/proc/sys",
        "/proc/sysrq-trigger",
    ] {
        let state = s(&r, &format!("/paths/{}", p.replace('/', "~1")));
        assert!(matches!(state, "readonly" | "missing"), "{p} is {state}");
    }
    assert_eq!(s(&r, "/paths/~1"), "writable");
    assert_eq!(s(&r, "/paths/~1tmp"), "writable");
    // Only stdin, stdout and stderr are open.
    let fds: Vec<&String> = r["fds"].as_object().expect("fds").keys().collect();
    assert_eq!(fds, ["0", "1", "2"], "{:#}", r["fds"]);
    // The minimal device set.
    let devs: Vec<&String> = r["devices"].as_object().expect("devices").keys().collect();
    for d in [
        "/dev/full",
        "/dev/null",
        "/dev/random",
        "/dev/tty",
        "/dev/urandom",
        "/dev/zero",
    ] {
        assert!(devs.iter().any(|x| *x == d), "{d} missing: {devs:?}");
    }
    for d in &devs {
        assert!(
            [
                "/dev/console",
                "/dev/full",
                "/dev/null",
                "/dev/ptmx",
                "/dev/random",
                "/dev/tty",
                "/dev/urandom",
                "/dev/zero"
            ]
            .contains(&d.as_str()),
            "unexpected device {d}"
        );
    }
    // Mounts: proc, a read-only sysfs, devpts, shm and mqueue.
    let mounts = r["mounts"].as_array().expect("mounts");
    let mount = |target: &str| {
        mounts
            .iter()
            .find(|m| m["target"] == target)
            .unwrap_or_else(|| panic!("no mount on {target}: {mounts:#?}"))
    };
    assert_eq!(mount("/proc")["fstype"], "proc");
    assert_eq!(mount("/sys")["fstype"], "sysfs");
    assert!(
        s(mount("/sys"), "/options").starts_with("ro"),
        "/sys must be read-only"
    );
    assert_eq!(mount("/dev/pts")["fstype"], "devpts");
    assert_eq!(mount("/dev/shm")["fstype"], "tmpfs");
    assert_eq!(mount("/dev/mqueue")["fstype"], "mqueue");
    assert_eq!(s(&r, "/cwd"), "/");
}

#[test]
fn seccomp_flags_change_what_the_checker_sees() {
    let (_reg, den) = ready_checker();
    // Unconfined: no filter, so the kernel itself answers.
    let r = report(&den, &["--security-opt", "seccomp=unconfined"]);
    assert_eq!(s(&r, "/seccomp"), "0");
    assert_ne!(s(&r, "/syscalls/io_uring_setup"), "ENOSYS");
    // A capability opens its family: reboot passes the filter and the
    // kernel rejects the bad magic numbers instead.
    let r = report(&den, &["--cap-add", "SYS_BOOT"]);
    assert_eq!(s(&r, "/seccomp"), "2");
    assert_eq!(s(&r, "/syscalls/reboot"), "EINVAL");
    assert_eq!(s(&r, "/syscalls/kexec_load"), "EPERM");
    // no-new-privileges: the filter is loaded last, and still there.
    let r = report(&den, &["--security-opt", "no-new-privileges"]);
    assert_eq!(s(&r, "/no_new_privs"), "1");
    assert_eq!(s(&r, "/seccomp"), "2");
    assert_eq!(s(&r, "/syscalls/io_uring_setup"), "ENOSYS");
    // --privileged: no seccomp, no masked paths.
    let r = report(&den, &["--privileged"]);
    assert_eq!(s(&r, "/seccomp"), "0");
    assert_ne!(s(&r, "/paths/~1proc~1keys"), "masked");
    // ... and the host devices you can open.
    if std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .is_ok()
    {
        assert_eq!(
            s(&r, "/devices/~1dev~1fuse"),
            "c 10:229",
            "{:#}",
            r["devices"]
        );
    }
    // A profile of the user's own, in podman's format.
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("deny-mkdir.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}"#,
    )
    .expect("write profile");
    let opt = format!("seccomp={}", profile.display());
    let out = den.output(&[
        "run",
        "--rm",
        "--security-opt",
        &opt,
        "checker",
        "sh",
        "-c",
        "mkdir /x 2>&1; echo rc=$?",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Permission denied") && text.contains("rc=1"),
        "{text}"
    );
    // Bad profiles: one line, 125, and no container left behind.
    std::fs::write(&profile, r#"{"defaultAction":"SCMP_ACT_SOMETIMES"}"#).expect("write");
    for opt in [
        opt.as_str(),
        "seccomp=/nonexistent/profile.json",
        "seccomp=",
    ] {
        let e = den.fails(
            &["run", "--rm", "--security-opt", opt, "checker", "true"],
            125,
        );
        assert!(
            e.starts_with("den: error: ") && e.trim().lines().count() == 1,
            "{e}"
        );
    }
    assert_eq!(den.ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn exec_runs_under_the_containers_filter_with_no_leaked_descriptors() {
    let (_reg, den) = ready_checker();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--ulimit",
        "nofile=1024:2048",
        "checker",
        "sleep",
        "1000",
    ]);
    let out = den.ok(&["exec", "c", "den-checker"]);
    let r: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(s(&r, "/seccomp"), "2");
    assert_eq!(s(&r, "/syscalls/keyctl"), "EPERM");
    let fds: Vec<&String> = r["fds"].as_object().expect("fds").keys().collect();
    assert_eq!(fds, ["0", "1", "2"], "{:#}", r["fds"]);
    assert_eq!(r["rlimits"]["nofile"], serde_json::json!([1024, 2048]));
    den.ok(&["rm", "-f", "c"]);
}

#[test]
fn flags_for_users_limits_devices_and_a_read_only_root() {
    let (_reg, den) = ready_checker();
    let r = report(
        &den,
        &[
            "-u",
            "1000:1000",
            "--ulimit",
            "nproc=100:200",
            "--read-only",
        ],
    );
    assert_eq!(s(&r, "/caps/effective"), "0000000000000000");
    assert_eq!(s(&r, "/caps/bounding"), DEFAULT_CAPS);
    assert!(s(&r, "/uid").starts_with("1000\t"), "{}", s(&r, "/uid"));
    assert_eq!(r["rlimits"]["nproc"], serde_json::json!([100, 200]));
    assert_eq!(s(&r, "/paths/~1"), "readonly");
    assert_eq!(s(&r, "/paths/~1tmp"), "writable");
    let r = report(&den, &["--read-only", "--read-only-tmpfs=false"]);
    assert_eq!(s(&r, "/paths/~1tmp"), "readonly");
    if std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .is_ok()
    {
        let r = report(&den, &["--device", "/dev/fuse"]);
        assert_eq!(s(&r, "/devices/~1dev~1fuse"), "c 10:229");
    } else {
        eprintln!("NOTE: /dev/fuse is not usable here; --device not checked by the checker");
    }
}
