//! Known container-escape classes, each closed and proven here.

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};

/// CVE-2019-5736: a container process overwrites the runtime binary through
/// /proc/PID/exe. Den code inside a container's namespaces (the init
/// before exec, `den-init`, an exec before its execve) is non-dumpable, so
/// even container root (= the user who may own den's binary) cannot open it.
#[test]
fn cve_2019_5736_den_code_in_a_container_is_out_of_reach_through_proc_exe() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "-d", "--init", "--name", "c", "busybox", "sleep", "1000",
    ]);
    assert_eq!(den.ok(&["exec", "c", "cat", "/proc/1/comm"]), "den-init\n");
    for probe in [
        "cat /proc/1/exe > /dev/null",
        "readlink /proc/1/exe",
        "cat /proc/1/environ",
        "ls /proc/1/fd",
    ] {
        let out = den.output(&["exec", "c", "sh", "-c", probe]);
        assert!(
            !out.status.success(),
            "{probe:?} must be refused: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The container's own processes stay inspectable as usual.
    den.ok(&["exec", "c", "sh", "-c", "readlink /proc/self/exe"]);
    den.ok(&["rm", "-f", "c"]);
}

/// CVE-2024-21626: a descriptor of the runtime leaks into the container and
/// a working directory under /proc/self/fd reaches the host.
#[test]
fn cve_2024_21626_no_descriptor_leaks_and_the_workdir_stays_inside() {
    let (_reg, den) = ready();
    // Only stdio (and ls's own directory fd) in a container and in an exec.
    let fds = |out: String| out.split_whitespace().map(String::from).collect::<Vec<_>>();
    let run = fds(den.ok(&["run", "--rm", "busybox", "ls", "/proc/self/fd"]));
    assert!(
        run.iter()
            .all(|f| ["0", "1", "2", "3"].contains(&f.as_str())),
        "{run:?}"
    );
    den.ok(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let exec = fds(den.ok(&["exec", "c", "ls", "/proc/self/fd"]));
    assert!(
        exec.iter()
            .all(|f| ["0", "1", "2", "3"].contains(&f.as_str())),
        "{exec:?}"
    );
    // A working directory through /proc/self/fd never lands on the host.
    for fd in 3..10 {
        let out = den.output(&[
            "run",
            "--rm",
            "-w",
            &format!("/proc/self/fd/{fd}"),
            "busybox",
            "sh",
            "-c",
            "pwd; ls /",
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stdout.contains(&den.home().display().to_string())
                && !stdout.lines().any(|l| l == "work"),
            "fd {fd}: {stdout}"
        );
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(125), "fd {fd}: {stderr}");
            assert!(stderr.starts_with("den: error: "), "{stderr}");
        }
    }
    den.ok(&["rm", "-f", "c"]);
}

/// CVE-2022-27649: processes started with non-empty inheritable capabilities.
#[test]
fn cve_2022_27649_inheritable_and_ambient_capabilities_are_empty() {
    let (_reg, den) = ready();
    for args in [
        vec![],
        vec!["--cap-add", "ALL"],
        vec!["--privileged"],
        vec!["-u", "tester"],
    ] {
        let mut full = vec!["run", "--rm"];
        full.extend_from_slice(&args);
        full.extend_from_slice(&[
            "busybox",
            "grep",
            "-E",
            "^Cap(Inh|Amb)",
            "/proc/self/status",
        ]);
        let out = den.ok(&full);
        assert_eq!(
            out, "CapInh:\t0000000000000000\nCapAmb:\t0000000000000000\n",
            "{args:?}"
        );
    }
}

/// The runc 2025 /dev/null and /dev/console races, and CVE-2021-30465 /
/// CVE-2023-27561: mount targets in an image that point out of the rootfs.
/// den's /dev is a fresh tmpfs and every target is resolved inside the
/// rootfs, with no container process running during set-up.
#[test]
fn image_dev_symlinks_cannot_redirect_device_mounts() {
    let reg = crate::support::registry::Registry::start();
    let den = Den::new(&reg.addr);
    let canary = den.home().join("canary");
    std::fs::write(&canary, b"original\n").expect("canary");
    let target = canary.display().to_string();
    let layer = layer_of(
        |t: &mut TarWriter| {
            t.dir("dev", 0o755, 0, 0)
                .symlink("dev/null", &target)
                .symlink("dev/console", &target)
                .symlink("dev/pts", "/");
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "devlinks",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), layer],
        false,
    );
    den.ok(&["pull", "-q", "devlinks"]);
    den.ok(&[
        "run",
        "--rm",
        "devlinks",
        "sh",
        "-c",
        "echo owned > /dev/null; echo owned > /dev/console || true; ls /dev/pts",
    ]);
    assert_eq!(std::fs::read(&canary).expect("canary"), b"original\n");
}
