//! Healthchecks run by the supervisor (issue 15): no systemd, no daemon.
//! Status in inspect and ps, events, `healthcheck run`, the on-failure
//! actions, the image's HEALTHCHECK, and hostile checks (a flood of
//! output, one that never ends, one that leaves a process behind).

use std::time::Duration;

use crate::common::*;

fn status(den: &Den, name: &str) -> String {
    inspect(den, name, "{{.State.Health.Status}}")
}

fn health(den: &Den, name: &str) -> serde_json::Value {
    serde_json::from_str(&inspect(den, name, "{{json .State.Health}}")).expect("health json")
}

/// Poll until `name`'s health is `want` (at most 10 s).
fn until(den: &Den, name: &str, want: &str) {
    wait_for(&format!("{name} to be {want}"), || {
        status(den, name) == want
    });
}

#[test]
fn a_check_turns_healthy_then_unhealthy_when_its_file_goes() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--health-cmd",
        "test -f /tmp/ok && echo fine",
        "--health-interval",
        "1s",
        "--health-retries",
        "2",
        "busybox",
        "sh",
        "-c",
        "touch /tmp/ok; sleep 300",
    ]);
    until(&den, "web", "healthy");
    let h = health(&den, "web");
    assert_eq!(h["FailingStreak"], 0);
    assert_eq!(h["Log"][0]["ExitCode"], 0);
    assert_eq!(h["Log"][0]["Output"], "fine\n");
    let ps = den.ok(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(
        ps.starts_with("web Up ") && ps.trim_end().ends_with("(healthy)"),
        "{ps}"
    );
    assert_eq!(
        den.ok(&["ps", "-q", "--filter", "health=healthy"])
            .lines()
            .count(),
        1
    );
    assert_eq!(den.ok(&["healthcheck", "run", "web"]), "");
    den.ok(&["exec", "web", "rm", "/tmp/ok"]);
    until(&den, "web", "unhealthy");
    let h = health(&den, "web");
    assert!(h["FailingStreak"].as_u64().expect("streak") >= 2, "{h}");
    assert!(h["Log"].as_array().expect("log").len() <= 5);
    assert_eq!(
        den.ok(&["ps", "-q", "--filter", "health=unhealthy"])
            .lines()
            .count(),
        1
    );
    assert_eq!(den.ok(&["ps", "-q", "--filter", "health=healthy"]), "");
    let out = den.output(&["healthcheck", "run", "web"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "unhealthy\n");
    // Back again, and every change was an event.
    den.ok(&["exec", "web", "touch", "/tmp/ok"]);
    assert_eq!(den.ok(&["healthcheck", "run", "web"]), "");
    assert_eq!(status(&den, "web"), "healthy");
    let events = den.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=health_status",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    let seen: Vec<&str> = events.lines().collect();
    assert!(seen.len() >= 3, "{events}");
    den.ok(&["rm", "-f", "web"]);
}

/// `healthcheck run` answers with the check it ran, as podman's: a failed
/// check is exit 1 and `unhealthy` while the container stays `healthy`
/// for its retries (it answered with the container's status: exit 0).
#[test]
fn healthcheck_run_answers_with_its_own_check() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "own",
        "--health-cmd",
        "test -f /tmp/ok",
        "--health-interval",
        "disable",
        "--health-retries",
        "3",
        "busybox",
        "sh",
        "-c",
        "touch /tmp/ok; sleep 300",
    ]);
    assert_eq!(den.ok(&["healthcheck", "run", "own"]), "");
    assert_eq!(status(&den, "own"), "healthy");
    den.ok(&["exec", "own", "rm", "/tmp/ok"]);
    let out = den.output(&["healthcheck", "run", "own"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "unhealthy\n");
    assert_eq!(status(&den, "own"), "healthy");
    assert_eq!(health(&den, "own")["FailingStreak"], 1);
    den.ok(&["rm", "-f", "-t", "0", "own"]);
}

/// The first check runs as the container starts, as podman's: with the
/// default 30 s interval, a container is healthy at once (it waited the
/// interval first, as Docker's does).
#[test]
fn the_first_check_runs_at_the_start() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "soon",
        "--health-cmd",
        "true",
        "busybox",
        "sleep",
        "300",
    ]);
    // wait_for gives up after 10 s, a third of the interval.
    until(&den, "soon", "healthy");
    den.ok(&["rm", "-f", "-t", "0", "soon"]);
}

/// A stop under way is no failure: checks of a container being stopped
/// neither count nor act (a failing one killed the graceful stop).
#[test]
fn a_stop_is_not_cut_short_by_the_checks() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "grace",
        "--stop-timeout",
        "30",
        "--health-cmd",
        "test -e /tmp/ok",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        "--health-on-failure",
        "kill",
        "busybox",
        "sh",
        "-c",
        "touch /tmp/ok; trap 'rm /tmp/ok; sleep 3; exit 0' TERM; while :; do sleep 0.2; done",
    ]);
    until(&den, "grace", "healthy");
    den.ok(&["stop", "grace"]);
    assert_eq!(inspect(&den, "grace", "{{.State.ExitCode}}"), "0");
    den.ok(&["rm", "grace"]);
}

/// A stop's marker that a stop left unfinished (Ctrl-C on `den stop`)
/// does not turn the checks off for good: past the stop's longest time it
/// is no stop under way.
#[test]
fn a_stale_stop_marker_does_not_end_the_checks() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "stale",
        "--stop-timeout",
        "1",
        "--health-cmd",
        "true",
        "--health-interval",
        "disable",
        "busybox",
        "sleep",
        "300",
    ]);
    let id = inspect(&den, "stale", "{{.Id}}");
    let marker = den
        .data()
        .join("containers")
        .join(&id)
        .join("stop-requested");
    std::fs::write(&marker, "").expect("marker");
    // Fresh: a stop is under way, no check runs.
    den.fails(&["healthcheck", "run", "stale"], 125);
    // An hour old: left by a stop that never finished.
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&marker)
        .expect("open")
        .set_modified(old)
        .expect("mtime");
    assert_eq!(den.ok(&["healthcheck", "run", "stale"]), "");
    den.ok(&["rm", "-f", "-t", "0", "stale"]);
}

#[test]
fn on_failure_restart_restarts_the_container() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "r",
        "--stop-timeout",
        "1",
        "--health-cmd",
        "test -f /tmp/ok",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        "--health-on-failure",
        "restart",
        "busybox",
        "sh",
        "-c",
        "sleep 2; touch /tmp/ok; sleep 300",
    ]);
    // It fails at once, before the file is there: restarted (whatever
    // its restart policy, which is no).
    wait_for("a restart", || {
        inspect(&den, "r", "{{.RestartCount}}") != "0"
    });
    assert_eq!(
        inspect(&den, "r", "{{.HostConfig.RestartPolicy.Name}}"),
        "no"
    );
    den.ok(&["rm", "-f", "r"]);
    // stop: stopped, and not restarted; kill: killed.
    for (action, code) in [("stop", "137"), ("kill", "137")] {
        let name = format!("a-{action}");
        den.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--stop-timeout",
            "1",
            "--restart",
            "always",
            "--health-cmd",
            "exit 1",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
            "--health-on-failure",
            action,
            "busybox",
            "sleep",
            "300",
        ]);
        if action == "stop" {
            wait_for("the stop", || {
                inspect(&den, &name, "{{.State.Status}}") == "exited"
            });
            assert_eq!(inspect(&den, &name, "{{.State.ExitCode}}"), code);
        } else {
            wait_for("the kill", || {
                inspect(&den, &name, "{{.RestartCount}}") != "0"
            });
        }
        den.ok(&["rm", "-f", &name]);
    }
}

#[test]
fn the_images_healthcheck_applies_and_flags_override_it() {
    let (_reg, den) = ready();
    let out = crate::build::build_stdin(
        &den,
        "checked",
        "FROM busybox\nHEALTHCHECK --interval=1s --retries=1 CMD [\"sh\", \"-c\", \"echo from-image\"]\n",
    );
    assert!(out.status.success(), "{out:?}");
    den.ok(&["run", "-d", "--name", "img", "checked", "sleep", "300"]);
    until(&den, "img", "healthy");
    assert_eq!(health(&den, "img")["Log"][0]["Output"], "from-image\n");
    assert_eq!(
        inspect(&den, "img", "{{json .Config.Healthcheck.Test}}"),
        r#"["CMD","sh","-c","echo from-image"]"#
    );
    // --no-healthcheck and --health-cmd NONE: none at all.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "off",
        "--no-healthcheck",
        "checked",
        "sleep",
        "300",
    ]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "none",
        "--health-cmd",
        "NONE",
        "checked",
        "sleep",
        "300",
    ]);
    for n in ["off", "none"] {
        let e = den.fails(&["healthcheck", "run", n], 125);
        assert!(e.contains("has no defined healthcheck"), "{e}");
        let ps = den.ok(&[
            "ps",
            "--filter",
            &format!("name={n}"),
            "--format",
            "{{.Status}}",
        ]);
        assert!(!ps.contains('('), "{ps}");
    }
    assert_eq!(
        den.ok(&["ps", "-q", "--filter", "health=none"])
            .lines()
            .count(),
        2
    );
    // A JSON array is exec form; a time limit from the flags.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "exec-form",
        "--health-cmd",
        r#"["echo","x"]"#,
        "--health-interval",
        "disable",
        "checked",
        "sleep",
        "300",
    ]);
    assert_eq!(den.ok(&["healthcheck", "run", "exec-form"]), "");
    assert_eq!(
        health(&den, "exec-form")["Log"]
            .as_array()
            .expect("log")
            .len(),
        1
    );
    den.ok(&["rm", "-f", "img", "off", "none", "exec-form"]);
}

/// Hostile checks: a flood of output is cut at 4 KiB, a check that never
/// ends is killed at its timeout, a process a check leaves behind does
/// not hold the check open, and a check runs with the container's own
/// restrictions (its user, no capability it lacks).
#[test]
fn hostile_checks_are_contained() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "h",
        "--user",
        "1000",
        "--cap-drop",
        "ALL",
        "--health-cmd",
        "yes | head -c 1000000; id -u; sleep 1000 & exit 3",
        "--health-interval",
        "disable",
        "--health-timeout",
        "2s",
        "busybox",
        "sleep",
        "300",
    ]);
    let started = std::time::Instant::now();
    let out = den.output(&["healthcheck", "run", "h"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the left-behind sleep held the check"
    );
    let log = &health(&den, "h")["Log"][0];
    assert_eq!(log["ExitCode"], 3);
    assert_eq!(log["Output"].as_str().expect("output").len(), 4096);
    // The check's processes were the container's user's.
    let top = den.ok(&["top", "h", "user", "args"]);
    let user_of = |cmd: &str| {
        top.lines()
            .find(|l| l.ends_with(cmd))
            .and_then(|l| l.split_whitespace().next())
            .map(String::from)
    };
    let (init, left) = (user_of("sleep 300"), user_of("sleep 1000"));
    assert!(
        left.is_some() && left == init && left.as_deref() != Some("root"),
        "{top}"
    );
    den.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--health-cmd",
        "sleep 30",
        "--health-interval",
        "disable",
        "--health-timeout",
        "1s",
        "busybox",
        "sleep",
        "300",
    ]);
    let started = std::time::Instant::now();
    den.fails(&["healthcheck", "run", "slow"], 1);
    assert!(started.elapsed() < Duration::from_secs(5));
    let log = &health(&den, "slow")["Log"][0];
    assert_eq!(log["ExitCode"], -1);
    assert_eq!(log["Output"], "Health check exceeded timeout (1s)");
    // The timed-out command is gone from the container.
    let top = den.ok(&["top", "slow", "args"]);
    assert!(!top.lines().any(|l| l.trim() == "sleep 30"), "{top}");
    // A capability the container lacks, the check lacks too.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "nocap",
        "--cap-drop",
        "CHOWN",
        "--health-cmd",
        "chown 1 /tmp",
        "--health-interval",
        "disable",
        "busybox",
        "sleep",
        "300",
    ]);
    den.fails(&["healthcheck", "run", "nocap"], 1);
    assert_eq!(health(&den, "nocap")["Log"][0]["ExitCode"], 1);
    den.ok(&["rm", "-f", "h", "slow", "nocap"]);
}

/// `healthcheck run` is answered by a check that began after it asked:
/// never by the one another client's question began just before (podman
/// runs a check of its own each time).
#[test]
fn each_healthcheck_run_is_answered_by_a_check_begun_after_it() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "two",
        "--health-cmd",
        "test -f /tmp/ok; r=$?; touch /tmp/began; sleep 4; exit $r",
        "--health-interval",
        "disable",
        "--health-retries",
        "1",
        "busybox",
        "sleep",
        "300",
    ]);
    // The first client's check looks for /tmp/ok (not there yet), then
    // takes four seconds.
    let first = den
        .cmd(&["healthcheck", "run", "two"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn den");
    wait_for("the first check to begin", || {
        den.output(&["exec", "two", "test", "-f", "/tmp/began"])
            .status
            .success()
    });
    den.ok(&["exec", "two", "touch", "/tmp/ok"]);
    // Asked while that check runs: the next one answers, and finds it.
    let second = crate::support::bounded::output_within(
        &mut den.cmd(&["healthcheck", "run", "two"]),
        Duration::from_secs(30),
        "healthcheck run",
    );
    assert_eq!(second.status.code(), Some(0), "{:?}", text(&second));
    let first = first.wait_with_output().expect("first client");
    assert_eq!(first.status.code(), Some(1), "{:?}", text(&first));
    assert_eq!(String::from_utf8_lossy(&first.stdout), "unhealthy\n");
    den.ok(&["rm", "-f", "-t", "0", "two"]);
}

/// `healthcheck run` asked once the container's command has ended, while
/// a process it left holds its output open (the container is running
/// until that closes), is told at once that no check comes: it waited
/// for an answer that never came (forever, with a restart policy).
#[test]
fn healthcheck_run_after_the_command_ended_is_told_at_once() {
    let (_reg, den) = ready();
    // No PID namespace of its own: the command's end (after a second)
    // leaves `sleep 8` running, holding the container's output open.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "ending",
        "--pid",
        "host",
        "--health-cmd",
        "true",
        "--health-interval",
        "disable",
        "busybox",
        "sh",
        "-c",
        "sleep 8 & exec sleep 1",
    ]);
    // Its pid is the host's: gone once the command has ended.
    let pid = inspect(&den, "ending", "{{.State.Pid}}");
    wait_for("the command to end", || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    let out = crate::support::bounded::output_within(
        &mut den.cmd(&["healthcheck", "run", "ending"]),
        Duration::from_secs(30),
        "healthcheck run",
    );
    // Told at once, not when the output closed and the exit was recorded.
    assert_eq!(inspect(&den, "ending", "{{.State.Status}}"), "running");
    assert_eq!(out.status.code(), Some(125), "{:?}", text(&out));
    let (_, err) = text(&out);
    assert!(
        err.contains("stopped before its healthcheck ended"),
        "{err}"
    );
    wait_for("the container to be exited", || {
        inspect(&den, "ending", "{{.State.Status}}") == "exited"
    });
    den.ok(&["rm", "ending"]);
}

/// A check that stops itself (SIGSTOP, which container root may send to
/// any of its processes) times out and checks go on; a paused container
/// is not checked (its check would freeze), nor can one be asked for.
#[test]
fn stopped_checks_and_paused_containers_do_not_stall_the_checker() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "s",
        "--health-cmd",
        "if [ -f /tmp/stop ]; then rm /tmp/stop; kill -STOP $$; fi; true",
        "--health-interval",
        "1s",
        "--health-timeout",
        "1s",
        "busybox",
        "sleep",
        "300",
    ]);
    until(&den, "s", "healthy");
    den.ok(&["exec", "s", "touch", "/tmp/stop"]);
    wait_for("a timed-out check", || {
        health(&den, "s")["Log"]
            .as_array()
            .is_some_and(|l| l.iter().any(|r| r["ExitCode"] == -1))
    });
    // Checks go on after it.
    wait_for("a check after the stopped one", || {
        health(&den, "s")["Log"]
            .as_array()
            .and_then(|l| l.last().cloned())
            .is_some_and(|r| r["ExitCode"] == 0)
    });
    den.ok(&["pause", "s"]);
    let e = den.fails(&["healthcheck", "run", "s"], 125);
    assert!(e.contains("s is paused"), "{e}");
    // A check under way when it was paused froze with it, and times out
    // (1 s): logged by now.
    std::thread::sleep(Duration::from_millis(2500));
    let logged = health(&den, "s")["Log"].to_string();
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        health(&den, "s")["Log"].to_string(),
        logged,
        "a paused container was checked"
    );
    den.ok(&["unpause", "s"]);
    den.ok(&["rm", "-f", "s"]);
}

#[test]
fn bad_health_flags_are_refused() {
    let (_reg, den) = ready();
    for bad in [
        &["--health-cmd", "[oops"][..],
        &["--health-cmd", ""],
        &["--health-interval", "0.5s", "--health-cmd", "true"],
        &["--health-interval", "soon", "--health-cmd", "true"],
        &["--health-timeout", "0s", "--health-cmd", "true"],
        &["--health-retries", "0", "--health-cmd", "true"],
        &["--health-on-failure", "explode", "--health-cmd", "true"],
        &["--no-healthcheck", "--health-cmd", "true"],
    ] {
        run_refused(&den, bad);
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.ok(&[
        "create",
        "--name",
        "stopped",
        "--health-cmd",
        "true",
        "busybox",
        "true",
    ]);
    let e = den.fails(&["healthcheck", "run", "stopped"], 125);
    assert!(e.contains("running"), "{e}");
    den.fails(&["healthcheck", "run", "nosuch"], 125);
}
