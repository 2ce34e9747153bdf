//! `den compose up` in the foreground: each container's output after its
//! name and its end, Ctrl-C (a graceful stop, a second one kills), and
//! the flags that end `up` with one container (`--abort-on-container-exit`,
//! `--abort-on-container-failure`, `--exit-code-from`), as Docker Compose.

use std::path::Path;

use crate::common::*;
use crate::compose::{compose, ok, project, APP};

/// `up` without `-d` shows each container's output after its name until
/// they end; Ctrl-C stops them (exit 130), and `logs -f` follows.
#[test]
fn attached_up_shows_output_and_ctrl_c_stops() {
    let (_reg, den) = ready();
    let short = "services:\n  a:\n    image: busybox\n    command: sh -c 'echo one; sleep 0.3; echo two'\n  b:\n    image: busybox\n    command: sh -c 'echo bee; exit 3'\n";
    let dir = project(&den, "att", &[("compose.yaml", short)]);
    let out = compose(&den, &dir, &["up"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "att-a-1  | one",
            "att-a-1  | two",
            "att-a-1 exited with code 0",
            "att-b-1  | bee",
            "att-b-1 exited with code 3",
        ]
    );
    ok(&den, &dir, &["down"]);
    // Long-running: interrupted.
    let dir = project(&den, "long", &[("compose.yaml", APP)]);
    let child = spawn_up(&den, &dir, &[]);
    // Running, and past its wget (which a stop would cut short).
    wait_for("the client to fetch the page", || {
        den.output(&["logs", "long-client-1"])
            .stdout
            .starts_with(b"hello from web")
    });
    // `logs -f` ends when the containers do; here, after the stop below.
    let logs = den
        .cmd(&["compose", "logs", "-f", "client"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("logs -f");
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).expect("pid"),
        rustix::process::Signal::INT,
    )
    .expect("SIGINT");
    let out = child.wait_with_output().expect("wait");
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stdout.contains("long-client-1  | hello from web"),
        "{stdout}"
    );
    assert!(stderr.contains("Gracefully stopping"), "{stderr}");
    assert_eq!(inspect(&den, "long-web-1", "{{.State.Status}}"), "exited");
    let logs = logs.wait_with_output().expect("logs");
    assert_eq!(text(&logs).0, "long-client-1  | hello from web\n");
    ok(&den, &dir, &["down", "-v"]);
}

/// `up --build` attached: the build's watch for stop signals ends with the
/// build, so Ctrl-C reaches `up`, which stops the containers (exit 130).
/// The build's watcher stayed and took the signal for itself (a build
/// long over), and `up` went on following for good, most times.
#[test]
fn ctrl_c_stops_an_up_that_built_first() {
    let (_reg, den) = ready();
    let file = "services:\n  a:\n    build: .\n    command: sh -c 'trap \"exit 0\" TERM; echo up; sleep 1000 & wait'\n";
    let dir = project(
        &den,
        "built",
        &[
            ("compose.yaml", file),
            ("Containerfile", "FROM busybox\nRUN true\n"),
        ],
    );
    let child = spawn_up(&den, &dir, &["--build"]);
    wait_for("the built service to run", || {
        den.output(&["logs", "built-a-1"]).stdout.starts_with(b"up")
    });
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).expect("pid"),
        rustix::process::Signal::INT,
    )
    .expect("SIGINT");
    // Bounded: an `up` that never heard it is killed and fails the test.
    let out = ended_within(
        &den,
        &dir,
        child,
        60,
        "compose up --build did not stop on SIGINT",
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert_eq!(inspect(&den, "built-a-1", "{{.State.Status}}"), "exited");
    ok(&den, &dir, &["down"]);
}

/// `compose up ARGS` in `dir`, its output piped.
fn spawn_up(den: &Den, dir: &Path, args: &[&str]) -> std::process::Child {
    let mut all = vec!["compose", "up"];
    all.extend_from_slice(args);
    den.cmd(&all)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("up")
}

/// `child`'s output once it ends; one still running after `secs` is
/// killed and fails the test (after `down` in `dir`).
fn ended_within(
    den: &Den,
    dir: &Path,
    child: std::process::Child,
    secs: u64,
    what: &str,
) -> std::process::Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            let _ = rustix::process::kill_process(
                rustix::process::Pid::from_raw(pid as i32).expect("pid"),
                rustix::process::Signal::KILL,
            );
            ok(den, dir, &["down", "-t", "0"]);
            panic!("{what}");
        }
    }
}

/// A service that fails at once and one that runs until stopped (its
/// shell ends with 5 on SIGTERM), and a service that ends cleanly.
const CASCADE: &str = "services:\n  fail:\n    image: busybox\n    command: sh -c 'sleep 0.5; echo failing; exit 123'\n  serve:\n    image: busybox\n    command: sh -c 'trap \"exit 5\" TERM; echo serving; sleep 1000 & wait'\n  done:\n    image: busybox\n    command: echo done\n";

/// `--abort-on-container-exit`: the first container to end (`done`, at
/// once) stops the others and gives its code; `--exit-code-from serve`
/// gives serve's code, from the stop the other's end caused; a
/// `compose run` container that ended before is not one of `up`'s.
#[test]
fn abort_on_container_exit_stops_the_others_and_gives_the_exit_code() {
    let (_reg, den) = ready();
    let dir = project(&den, "abort", &[("compose.yaml", CASCADE)]);
    let child = spawn_up(&den, &dir, &["--abort-on-container-exit"]);
    let out = ended_within(
        &den,
        &dir,
        child,
        60,
        "up --abort-on-container-exit did not end",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("abort-done-1 exited with code 0\n"),
        "{stdout}"
    );
    assert!(stderr.contains("Aborting on container exit..."), "{stderr}");
    assert_eq!(
        inspect(&den, "abort-serve-1", "{{.State.Status}}"),
        "exited"
    );
    ok(&den, &dir, &["down"]);

    // Without `done`: fail's 123.
    let file = CASCADE.replace("  done:\n    image: busybox\n    command: echo done\n", "");
    let dir = project(&den, "abort2", &[("compose.yaml", &file)]);
    // A one-off container of serve's, ended before `up`: not followed,
    // or its 0 would be serve's code below.
    ok(&den, &dir, &["run", "-d", "serve", "true"]);
    wait_for("the one-off to end", || {
        den.ok(&[
            "ps",
            "-a",
            "--filter",
            "status=exited",
            "--format",
            "{{.Names}}",
        ])
        .contains("abort2-serve-run-")
    });
    let out = ended_within(
        &den,
        &dir,
        spawn_up(&den, &dir, &["--exit-code-from", "serve"]),
        60,
        "up --exit-code-from did not end",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(5), "{stdout}{stderr}");
    assert!(stdout.contains("abort2-fail-1   | failing"), "{stdout}");
    assert!(
        stdout.contains("abort2-fail-1 exited with code 123\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("abort2-serve-1 exited with code 5\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("-run-"), "{stdout}");
    let out = ended_within(
        &den,
        &dir,
        spawn_up(&den, &dir, &["--abort-on-container-exit"]),
        60,
        "a second up did not end",
    );
    assert_eq!(out.status.code(), Some(123), "{}", text(&out).1);
    ok(&den, &dir, &["down"]);
}

/// `--abort-on-container-failure`: a clean end stops nothing; the first
/// failure stops the rest and gives its code.
#[test]
fn abort_on_container_failure_waits_for_a_failure() {
    let (_reg, den) = ready();
    let dir = project(&den, "failure", &[("compose.yaml", CASCADE)]);
    let out = ended_within(
        &den,
        &dir,
        spawn_up(&den, &dir, &["--abort-on-container-failure"]),
        60,
        "up --abort-on-container-failure did not end",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(123), "{stdout}{stderr}");
    // done ended first (0) and was not the one: fail was, half a second on.
    assert!(
        stdout.contains("failure-done-1 exited with code 0\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("failure-fail-1 exited with code 123\n"),
        "{stdout}"
    );
    assert!(stderr.contains("Aborting on container exit..."), "{stderr}");
    assert_eq!(inspect(&den, "failure-serve-1", "{{.State.ExitCode}}"), "5");
    ok(&den, &dir, &["down"]);
}

/// Flags that cannot go together, and a service that is not there, are
/// refused before anything is made; `--wait` returns once the services
/// run, as `-d`.
#[test]
fn up_refuses_what_cannot_be_and_wait_returns() {
    let (_reg, den) = ready();
    let dir = project(&den, "refuse", &[("compose.yaml", CASCADE)]);
    for args in [
        &["-d", "--abort-on-container-exit"][..],
        &["-d", "--exit-code-from", "serve"],
        &["--abort-on-container-exit", "--abort-on-container-failure"],
        &["--wait", "--abort-on-container-exit"],
        &["--exit-code-from", "nosuch"],
    ] {
        let mut all = vec!["up"];
        all.extend_from_slice(args);
        let out = compose(&den, &dir, &all);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {stderr}");
        assert!(stderr.starts_with("den: error: "), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
    assert!(
        text(&compose(&den, &dir, &["up", "--exit-code-from", "nosuch"]))
            .1
            .contains("done, fail, serve"),
    );
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
    let file = "services:\n  a:\n    image: busybox\n    command: sleep 1000\n";
    let dir = project(&den, "waits", &[("compose.yaml", file)]);
    let out = ended_within(
        &den,
        &dir,
        spawn_up(&den, &dir, &["--wait"]),
        60,
        "up --wait followed the output",
    );
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(inspect(&den, "waits-a-1", "{{.State.Status}}"), "running");
    ok(&den, &dir, &["down", "-t", "0"]);
}

/// A second Ctrl-C kills what the first only asked to stop: a container
/// that ignores SIGTERM with a two-minute grace period ends at once.
#[test]
fn a_second_ctrl_c_kills() {
    let (_reg, den) = ready();
    let file = "services:\n  stubborn:\n    image: busybox\n    stop_grace_period: 120s\n    command: sh -c 'trap \"\" TERM; echo up; while true; do sleep 1; done'\n";
    let dir = project(&den, "stubborn", &[("compose.yaml", file)]);
    let child = spawn_up(&den, &dir, &[]);
    wait_for("the service to run", || {
        den.output(&["logs", "stubborn-stubborn-1"])
            .stdout
            .starts_with(b"up")
    });
    let pid = rustix::process::Pid::from_raw(child.id() as i32).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
    // The graceful stop under way (its SIGTERM sent and ignored).
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(
        inspect(&den, "stubborn-stubborn-1", "{{.State.Status}}"),
        "running"
    );
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
    let out = ended_within(&den, &dir, child, 60, "a second Ctrl-C did not end up");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("press Ctrl+C again to force"), "{stderr}");
    assert!(stderr.contains("Killing..."), "{stderr}");
    assert_eq!(
        inspect(&den, "stubborn-stubborn-1", "{{.State.ExitCode}}"),
        "137"
    );
    ok(&den, &dir, &["down"]);
}
