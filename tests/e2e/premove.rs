//! A user's own den moves onto the pause process's read-only bind of its
//! binary beside `run` and `start` (issue 18, `runtime/reseal.rs`,
//! `Moving`): the command copies its relocated data onto the bind while
//! it checks and records, and the supervisor it forks inherits that, with
//! only the code left to move. Every supervisor still runs from the bind
//! and maps nothing of the writable file, and den run as a container's
//! PID 1 from such a start runs from the read-only mount.

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::common::*;

/// den's binary as `cargo install` leaves it: the user's own file.
fn own_den(den: &Den) -> std::path::PathBuf {
    let own = den.home().join("bin/den");
    std::fs::create_dir_all(own.parent().expect("dir")).expect("bin dir");
    std::fs::copy(den_bin(), &own).expect("copy den");
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    own
}

/// `den ARGS` by the user's own den, which must succeed: its stdout and
/// stderr.
fn run_own(den: &Den, own: &std::path::Path, args: &[&str]) -> (String, String) {
    let out = den.command(own).args(args).output().expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "den {args:?}: {stderr}");
    (stdout, stderr)
}

/// Whether process `pid` runs from a read-only mount of `own` and maps
/// nothing of `own` through its own path (the bind is the same inode:
/// its mappings show another path).
fn runs_from_the_bind(pid: &str, own: &std::path::Path) -> Result<(), String> {
    let exe = format!("/proc/{pid}/exe");
    let vfs = rustix::fs::statvfs(exe.as_str()).map_err(|e| format!("statvfs {exe}: {e}"))?;
    let ino = std::fs::metadata(&exe)
        .map_err(|e| format!("{exe}: {e}"))?
        .ino();
    let own_ino = std::fs::metadata(own).expect("stat").ino();
    if !vfs.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY) || ino != own_ino {
        return Err(format!("{pid} runs from a writable binary or another file"));
    }
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).expect("maps");
    if !maps.lines().any(|l| l.contains(&format!(" {own_ino} "))) {
        return Err(format!("{pid} maps nothing of den's binary:\n{maps}"));
    }
    if maps.contains(own.to_str().expect("utf-8")) {
        return Err(format!("{pid} maps the writable file:\n{maps}"));
    }
    Ok(())
}

#[test]
fn supervisors_that_run_and_start_fork_run_from_the_read_only_bind() {
    let (_reg, den) = ready();
    let own = own_den(&den);
    let original = std::fs::read(&own).expect("read den");
    let run = |args: &[&str]| run_own(&den, &own, args);
    // The suite's pause process (a bind of another file) ends; the next
    // start makes one of the user's own den, whose bind the later ones
    // move onto.
    run(&["system", "migrate"]);
    run(&["run", "--rm", "busybox", "true"]);
    let (_, log) = run(&["--log-level", "debug", "run", "--rm", "busybox", "true"]);
    assert!(log.contains("begun beside"), "{log}");
    assert!(log.contains("moved onto den's sealed binary"), "{log}");
    assert!(!log.contains("den's binary sealed"), "no exec: {log}");
    assert!(!log.contains("failed"), "{log}");
    // Detached, and two starts in one command (the second supervisor is
    // forked from a command already moved).
    let (_, log) = run(&[
        "--log-level",
        "debug",
        "run",
        "-d",
        "--name",
        "r",
        "busybox",
        "sleep",
        "600",
    ]);
    assert!(log.contains("begun beside"), "{log}");
    run(&["create", "--name", "s1", "busybox", "sleep", "600"]);
    run(&["create", "--name", "s2", "busybox", "sleep", "600"]);
    let (out, log) = run(&["--log-level", "debug", "start", "s1", "s2"]);
    assert_eq!(out, "s1\ns2\n");
    assert!(log.contains("begun beside"), "{log}");
    for c in ["r", "s1", "s2"] {
        let sup = inspect(&den, c, "{{.State.ConmonPid}}");
        if let Err(e) = runs_from_the_bind(&sup, &own) {
            panic!("the supervisor of {c}: {e}");
        }
        let (out, _) = run(&["exec", c, "echo", "in"]);
        assert_eq!(out, "in\n");
    }
    run(&["rm", "-f", "-t", "0", "r", "s1", "s2"]);
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
}

/// The attack the move guards against (CVE-2019-5736): den made a
/// container's PID 1 (`--entrypoint /proc/self/exe`, the init's own
/// binary once it execs) by a start that moved beside its command runs
/// from the read-only bind, as container root sees it (with the writable
/// file, `exe-mount` says `writable`; `escapes.rs` shows that container
/// root with every capability can neither write such a mount nor make it
/// writable again).
#[test]
fn den_as_pid_1_of_a_start_moved_beside_runs_from_the_read_only_bind() {
    let reg = crate::support::registry::Registry::start();
    push_debian(
        &reg,
        "debcheck",
        &[crate::support::checker::checker_layer()],
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "debcheck:bookworm"]);
    let own = own_den(&den);
    let original = std::fs::read(&own).expect("read den");
    let run = |args: &[&str]| run_own(&den, &own, args);
    run(&["system", "migrate"]);
    run(&["run", "--rm", "debcheck:bookworm", "true"]);
    let (_, log) = run(&[
        "--log-level",
        "debug",
        "run",
        "-d",
        "--privileged",
        "--name",
        "e",
        "--entrypoint",
        "/proc/self/exe",
        "debcheck:bookworm",
        "events",
    ]);
    assert!(log.contains("begun beside"), "{log}");
    let (out, _) = run(&["exec", "e", "den-checker", "exe-mount", "1"]);
    assert_eq!(out.trim(), r#"{"exe":"readonly"}"#);
    run(&["rm", "-f", "-t", "0", "e"]);
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
}
