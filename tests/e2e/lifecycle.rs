//! Containers that outlive the command: run -d, the supervisor, stop, kill,
//! restart policies, logs, ps, inspect, wait, rm, rename, prune.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn a_detached_container_outlives_the_command_and_its_shell() {
    let (_reg, den) = ready();
    let cmd = format!(
        "{} run -d --name bg busybox sleep 1000",
        den_bin().display()
    );
    let out = den.command("sh").args(["-c", &cmd]).output().expect("sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert_eq!(id.len(), 64, "run -d prints the full id: {id:?}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(inspect(&den, "bg", "{{.State.Status}}"), "running");
    let pid: i32 = inspect(&den, "bg", "{{.State.Pid}}").parse().expect("pid");
    assert!(
        std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "the container's init runs on the host as pid {pid}"
    );
    assert!(den.ok(&["ps"]).contains("bg"));
    assert_eq!(den.ok(&["ps", "-q", "--no-trunc"]).trim(), id);
    den.ok(&["rm", "-f", "bg"]);
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .unwrap_or_default()
                .contains(") Z")
    );
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn twenty_concurrent_detached_runs_all_run_and_are_listed() {
    let (_reg, den) = ready();
    let children: Vec<_> = (0..20)
        .map(|i| {
            den.cmd(&[
                "run",
                "-d",
                "--name",
                &format!("c{i}"),
                "busybox",
                "sleep",
                "1000",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
        })
        .collect();
    all_succeed(children);
    let names = den.ok(&["ps", "--format", "{{.Names}}"]);
    for i in 0..20 {
        assert!(
            names.lines().any(|l| l == format!("c{i}")),
            "c{i} missing from ps: {names}"
        );
    }
    assert_eq!(den.ok(&["ps", "-q"]).lines().count(), 20);
    den.ok(&["rm", "-f", "--all"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn stop_waits_the_timeout_for_a_container_that_ignores_sigterm_then_kills_it() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "-d", "--name", "stubborn", "busybox", "sleep", "1000",
    ]);
    let start = Instant::now();
    assert_eq!(den.ok(&["stop", "-t", "2", "stubborn"]).trim(), "stubborn");
    let took = start.elapsed();
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(8),
        "stop took {took:?}"
    );
    assert_eq!(inspect(&den, "stubborn", "{{.State.Status}}"), "exited");
    assert_eq!(inspect(&den, "stubborn", "{{.State.ExitCode}}"), "137");
    // A container that handles SIGTERM stops at once, with its own status.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "polite",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 3' TERM; touch /tmp/trapped; while :; do sleep 0.1; done",
    ]);
    // As PID 1 the shell ignores SIGTERM until its trap is set.
    wait_for("the trap", || {
        den.output(&["exec", "polite", "test", "-f", "/tmp/trapped"])
            .status
            .success()
    });
    let start = Instant::now();
    den.ok(&["stop", "polite"]);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(inspect(&den, "polite", "{{.State.ExitCode}}"), "3");
    assert!(den
        .ok(&[
            "ps",
            "-a",
            "--format",
            "{{.Status}}",
            "--filter",
            "name=polite"
        ])
        .starts_with("Exited (3)"));
    // --stop-signal is honoured.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "usr1",
        "--stop-signal",
        "USR1",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 10' USR1; touch /tmp/trapped; while :; do sleep 0.1; done",
    ]);
    wait_for("the trap", || {
        den.output(&["exec", "usr1", "test", "-f", "/tmp/trapped"])
            .status
            .success()
    });
    den.ok(&["stop", "usr1"]);
    assert_eq!(inspect(&den, "usr1", "{{.State.ExitCode}}"), "10");
}

#[test]
fn kill_sends_the_signal_and_logs_keep_the_streams_apart() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "k", "busybox", "sh", "-c",
        "trap 'echo got-usr1; echo err-line >&2' USR1; trap 'exit 7' HUP; echo started; while :; do sleep 0.1; done"]);
    wait_for("started", || den.ok(&["logs", "k"]).contains("started"));
    den.ok(&["kill", "-s", "USR1", "k"]);
    wait_for("got-usr1", || den.ok(&["logs", "k"]).contains("got-usr1"));
    let out = den.output(&["logs", "k"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "started\ngot-usr1\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err-line\n");
    den.ok(&["kill", "--signal", "SIGHUP", "k"]);
    assert_eq!(den.ok(&["wait", "k"]).trim(), "7");
    let e = den.fails(&["kill", "k"], 125);
    assert!(e.contains("can only kill running containers"), "{e}");
    let e = den.fails(&["kill", "-s", "NOPE", "k"], 125);
    assert!(e.contains("invalid signal"), "{e}");
}

#[test]
fn logs_tail_timestamps_since_until_and_follow() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "l",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3 4 5; do echo line$i; done",
    ]);
    assert_eq!(
        den.ok(&["logs", "l"]),
        "line1\nline2\nline3\nline4\nline5\n"
    );
    assert_eq!(den.ok(&["logs", "--tail", "2", "l"]), "line4\nline5\n");
    // Every line: podman's -1, Docker's all; and podman's date forms.
    for all in [
        &["--tail", "-1"][..],
        &["--tail", "all"],
        &["--since", "2000-01-01"],
    ] {
        let mut args = vec!["logs"];
        args.extend_from_slice(all);
        args.push("l");
        assert_eq!(den.ok(&args).lines().count(), 5, "{all:?}");
    }
    let ts = den.ok(&["logs", "-t", "--tail", "1", "l"]);
    let (stamp, rest) = ts.split_once(' ').expect("timestamp");
    assert!(chrono::DateTime::parse_from_rfc3339(stamp).is_ok(), "{ts}");
    assert_eq!(rest, "line5\n");
    assert_eq!(den.ok(&["logs", "--since", "10m", "l"]).lines().count(), 5);
    assert_eq!(den.ok(&["logs", "--until", "10m", "l"]), "");
    assert_eq!(
        den.ok(&["logs", "--since", "2999-01-01T00:00:00Z", "l"]),
        ""
    );
    den.fails(&["logs", "--since", "whenever", "l"], 125);
    // -f follows a running container until it exits.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "f",
        "busybox",
        "sh",
        "-c",
        "echo one; sleep 1; echo two",
    ]);
    let start = Instant::now();
    assert_eq!(den.ok(&["logs", "-f", "f"]), "one\ntwo\n");
    assert!(start.elapsed() >= Duration::from_millis(500));
    // The foreground run showed its output and logged it too.
    assert_eq!(
        den.ok(&["run", "--name", "fg", "busybox", "echo", "shown"]),
        "shown\n"
    );
    assert_eq!(den.ok(&["logs", "fg"]), "shown\n");
}

/// `child`'s exit status, within ten seconds.
fn exit_within(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            return st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `logs -f` ends when its reader goes, as SIGPIPE ends podman's (it
/// wrote into the closed pipe until the container ended), and `logs -f`
/// of several containers ends on Ctrl-C (its followers ignored it).
#[test]
fn logs_follow_ends_with_its_reader_and_on_ctrl_c() {
    use std::io::BufRead;
    let (_reg, den) = ready();
    for (name, word) in [("tick", "tick"), ("tock", "tock")] {
        den.ok(&[
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &format!("echo ready; while sleep 0.1; do echo {word}; done"),
        ]);
    }
    let mut child = den
        .cmd(&["logs", "-f", "tick"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn den");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    assert_eq!(first, "ready\n");
    // The reader is gone (its end dropped above).
    let st = exit_within(&mut child, "logs -f after its reader went");
    assert_eq!(st.code(), Some(141), "{st:?}");

    let mut child = den
        .cmd(&["logs", "-f", "--names", "tick", "tock"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn den");
    let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("a line");
    assert!(
        line.starts_with("tick ") || line.starts_with("tock "),
        "{line}"
    );
    assert!(std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill")
        .success());
    let st = exit_within(&mut child, "logs -f of two after Ctrl-C");
    assert_eq!(st.code(), Some(130), "{st:?}");
    // Its followers went with it: the output closed.
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("to the end");
    den.ok(&["rm", "-f", "-t", "0", "tick", "tock"]);
}

/// A `died` event comes once the state says the container exited: a
/// script that removes each container as it hears it die found it still
/// running.
#[test]
fn died_is_heard_once_the_container_is_exited() {
    use std::io::BufRead;
    let (_reg, den) = ready();
    let mut events = den
        .cmd(&[
            "events",
            "--since",
            "5m",
            "--filter",
            "event=died",
            "--format",
            "{{.Name}}",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn den events");
    let mut lines = std::io::BufReader::new(events.stdout.take().expect("stdout")).lines();
    for i in 0..5 {
        let name = format!("d{i}");
        den.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--network",
            "none",
            "busybox",
            "true",
        ]);
        let heard = lines.next().expect("an event").expect("a line");
        assert_eq!(heard, name);
        assert_eq!(inspect(&den, &name, "{{.State.Status}}"), "exited");
        den.ok(&["rm", &name]);
    }
    let _ = events.kill();
    let _ = events.wait();
}

/// `wait` gives a `--rm` container's own exit code, removed or not by
/// the time it looks (it read the missing record as code 0); and a
/// health condition of a container with no check, or one stopped, is an
/// error, not a wait for ever.
#[test]
fn wait_gives_a_removed_containers_code_and_refuses_what_never_comes() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--rm",
        "--name",
        "t",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 3",
    ]);
    assert_eq!(den.ok(&["wait", "t"]).trim(), "3");
    // Asked after it is gone: by id, as scripts keep it.
    let id = den.ok(&[
        "run",
        "-d",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "exit 4",
    ]);
    let id = id.trim();
    wait_for("the --rm container to go", || {
        den.output(&["container", "exists", id]).status.code() == Some(1)
    });
    let out = den.output(&["wait", id]);
    // podman: no such container; den must not say 0.
    assert_ne!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    den.ok(&["run", "-d", "--name", "plain", "busybox", "sleep", "300"]);
    let e = den.fails(&["wait", "--condition", "healthy", "plain"], 125);
    assert!(e.contains("no healthcheck"), "{e}");
    den.ok(&[
        "run",
        "--name",
        "gone",
        "--health-cmd",
        "true",
        "busybox",
        "true",
    ]);
    let e = den.fails(&["wait", "--condition", "healthy", "gone"], 125);
    assert!(e.contains("not running"), "{e}");
    den.ok(&["rm", "-f", "-t", "0", "plain", "gone"]);
}

/// Run `name` detached and kill its supervisor (SIGKILL): the container
/// dies with it. Its id.
fn kill_supervisor_of(den: &Den, name: &str) -> String {
    let id = den.ok(&["run", "-d", "--name", name, "busybox", "sleep", "1000"]);
    let pid: i32 = inspect(den, name, "{{.State.Pid}}").parse().expect("pid");
    let sup: i32 = inspect(den, name, "{{.State.ConmonPid}}")
        .parse()
        .expect("supervisor pid");
    assert!(std::process::Command::new("kill")
        .args(["-KILL", &sup.to_string()])
        .status()
        .expect("kill")
        .success());
    wait_for("the container to die with its supervisor", || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.contains(") Z"))
            .unwrap_or(true)
    });
    id.trim().to_string()
}

/// Container `id`'s attach socket.
fn socket(den: &Den, id: &str) -> std::path::PathBuf {
    den.home().join(format!("run/den/{}.attach", &id[..12]))
}

/// Where an earlier den put it: in a directory of the container's own.
fn earlier_socket_dir(den: &Den, id: &str) -> std::path::PathBuf {
    den.home().join("run/den").join(&id[..12])
}

#[test]
fn a_killed_supervisor_is_reported_truthfully_and_rm_cleans_up() {
    let (_reg, den) = ready();
    let id = kill_supervisor_of(&den, "victim");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(socket(&den, &id))
        .expect("the attach socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the user's alone, whatever the umask");
    assert!(
        !earlier_socket_dir(&den, &id).join("attach").exists(),
        "the socket in a directory of its own"
    );
    assert_eq!(inspect(&den, "victim", "{{.State.Status}}"), "exited");
    assert_eq!(inspect(&den, "victim", "{{.State.Running}}"), "false");
    assert!(
        !den.ok(&["ps"]).contains("victim"),
        "ps must not show it running"
    );
    assert!(den.ok(&["ps", "-a"]).contains("victim"));
    den.ok(&["rm", "-f", "victim"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(!den
        .data()
        .join("containers")
        .read_dir()
        .expect("dir")
        .flatten()
        .any(|e| !e.file_name().to_string_lossy().starts_with('.')));
    // Its attach socket too, which the killed supervisor left.
    assert!(
        !socket(&den, &id).exists(),
        "rm left the killed supervisor's attach socket"
    );
    // A remover killed before it got to the socket (a `--rm` container's:
    // its supervisor passes the socket on to it) leaves it with the
    // container's directory in the trash, where it put that first: the
    // next rm's emptying of the trash takes both. (Made here as such a
    // remover leaves them: a container's directory in the trash, its
    // supervisor's socket directory in place.)
    let id = den
        .ok(&["create", "--name", "victim2", "busybox", "true"])
        .trim()
        .to_string();
    std::fs::write(socket(&den, &id), "").expect("socket");
    // And an earlier den's, in its own directory.
    std::fs::create_dir_all(earlier_socket_dir(&den, &id)).expect("socket dir");
    std::fs::write(earlier_socket_dir(&den, &id).join("attach"), "").expect("socket");
    let trash = den.data().join("trash");
    std::fs::rename(den.data().join("containers").join(&id), trash.join(&id))
        .expect("into the trash");
    den.ok(&["create", "--name", "other", "busybox", "true"]);
    den.ok(&["rm", "other"]);
    wait_for("the trash to be emptied", || {
        trash
            .read_dir()
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    });
    assert!(
        !socket(&den, &id).exists() && !earlier_socket_dir(&den, &id).exists(),
        "emptying the trash left its container's attach socket"
    );
}

#[test]
fn restart_policies_restart_and_stop_ends_them() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo try; exit 4",
    ]);
    wait_for("two restarts", || {
        inspect(&den, "flaky", "{{.State.Status}}") == "exited"
            && inspect(&den, "flaky", "{{.RestartCount}}") == "2"
    });
    assert_eq!(den.ok(&["logs", "flaky"]), "try\ntry\ntry\n");
    assert_eq!(inspect(&den, "flaky", "{{.State.ExitCode}}"), "4");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "forever",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    wait_for("a restart", || {
        inspect(&den, "forever", "{{.RestartCount}}")
            .parse::<u32>()
            .unwrap_or(0)
            >= 1
    });
    den.ok(&["stop", "forever"]);
    let n = inspect(&den, "forever", "{{.RestartCount}}");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(inspect(&den, "forever", "{{.State.Status}}"), "exited");
    assert_eq!(
        inspect(&den, "forever", "{{.RestartCount}}"),
        n,
        "stop ends the restarts"
    );
    let e = den.fails(
        &["run", "--rm", "--restart", "always", "busybox", "true"],
        125,
    );
    assert!(e.contains("conflicts"), "{e}");
    den.fails(&["run", "--restart", "sometimes", "busybox", "true"], 125);
}

#[test]
fn create_start_attach_wait_rename_prune_and_filters() {
    let (_reg, den) = ready();
    let cidfile = den.home().join("cid");
    let id = den.ok(&[
        "create",
        "--name",
        "made",
        "--label",
        "team=blue",
        "--cidfile",
        &cidfile.display().to_string(),
        "busybox",
        "sh",
        "-c",
        "echo hi; exit 5",
    ]);
    assert_eq!(
        std::fs::read_to_string(&cidfile).expect("cidfile"),
        id.trim()
    );
    assert_eq!(inspect(&den, "made", "{{.State.Status}}"), "created");
    assert!(den
        .ok(&["ps", "-a", "--format", "{{.Status}}"])
        .contains("Created"));
    let out = den.output(&["start", "-a", "made"]);
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
    assert_eq!(den.ok(&["start", "made"]).trim(), "made");
    assert_eq!(den.ok(&["wait", "made"]).trim(), "5");
    den.ok(&["rename", "made", "renamed"]);
    assert_eq!(
        den.ok(&[
            "ps",
            "-a",
            "--filter",
            "label=team=blue",
            "--format",
            "{{.Names}}"
        ])
        .trim(),
        "renamed"
    );
    assert_eq!(
        den.ok(&["ps", "-a", "--filter", "label=team=red", "-q"]),
        ""
    );
    assert_eq!(
        den.ok(&["ps", "-a", "--filter", "exited=5", "--format", "{{.Names}}"])
            .trim(),
        "renamed"
    );
    assert_eq!(
        den.ok(&["ps", "-a", "--filter", "ancestor=busybox", "-q"])
            .lines()
            .count(),
        1
    );
    den.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "1000"]);
    assert_eq!(
        den.ok(&["ps", "--filter", "status=running", "--format", "{{.Names}}"])
            .trim(),
        "up"
    );
    assert_eq!(den.ok(&["ps", "-l", "--format", "{{.Names}}"]).trim(), "up");
    assert_eq!(den.ok(&["ps", "-n", "2", "-q"]).lines().count(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["ps", "-a", "--format", "json"])).expect("json");
    assert_eq!(json.as_array().map(|a| a.len()), Some(2));
    let table = den.ok(&["ps", "-a"]);
    for col in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "NAMES",
    ] {
        assert!(table.lines().next().unwrap_or("").contains(col), "{table}");
    }
    let e = den.fails(&["rename", "up", "renamed"], 125);
    assert!(e.contains("already in use"), "{e}");
    // podman's status for a running container without --force: 2.
    let e = den.fails(&["rm", "up"], 2);
    assert!(e.contains("is running"), "{e}");
    // --replace takes over the name.
    den.ok(&[
        "run",
        "-d",
        "--replace",
        "--name",
        "up",
        "busybox",
        "sleep",
        "1000",
    ]);
    assert_eq!(den.ok(&["ps", "-q"]).lines().count(), 1);
    assert_eq!(den.ok(&["container", "prune", "-f"]).lines().count(), 1);
    assert_eq!(den.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(), "up");
    let inspect_json: serde_json::Value =
        serde_json::from_str(&den.ok(&["container", "inspect", "up"])).expect("inspect");
    let c = &inspect_json[0];
    assert_eq!(c["State"]["Running"], true);
    assert!(c["State"]["Pid"].as_i64().unwrap_or(0) > 0);
    assert!(c["LogPath"].as_str().unwrap_or("").ends_with("ctr.log"));
    assert_eq!(c["Config"]["Cmd"][0], "sleep");
    den.ok(&["restart", "-t", "0", "up"]);
    assert_eq!(inspect(&den, "up", "{{.State.Status}}"), "running");
    den.ok(&["rm", "-f", "up"]);
}

#[test]
fn the_log_rotates_at_its_size_limit() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "chatty",
        "--log-opt",
        "max-size=2kb",
        "busybox",
        "sh",
        "-c",
        "i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done",
    ]);
    let log = den
        .data()
        .join("containers")
        .join(inspect(&den, "chatty", "{{.Id}}"))
        .join("ctr.log");
    assert!(std::fs::metadata(&log).expect("log").len() <= 2000);
    assert!(log.with_extension("log.1").exists());
    assert!(den
        .ok(&["logs", "--tail", "1", "chatty"])
        .contains("line-199"));
    den.fails(&["run", "--log-opt", "colour=blue", "busybox", "true"], 125);
}

#[test]
fn stop_kill_and_pause_reach_a_container_running_as_a_non_root_user() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "unpriv", "-u", "tester", "busybox", "sh", "-c", "trap 'exit 5' TERM; trap 'exit 6' HUP; i=0; while :; do i=$((i+1)); echo $i > /tmp/count; sleep 0.05; done"]);
    wait_for("the counter", || {
        den.output(&["exec", "unpriv", "cat", "/tmp/count"])
            .status
            .success()
    });
    // pause freezes every process of the container; unpause resumes them.
    den.ok(&["pause", "unpriv"]);
    assert_eq!(inspect(&den, "unpriv", "{{.State.Status}}"), "paused");
    assert!(den
        .ok(&["ps", "--format", "{{.Status}}"])
        .contains("(Paused)"));
    // Read the counter from the host: the container's writable layer.
    let id = inspect(&den, "unpriv", "{{.Id}}");
    let count = den
        .data()
        .join("containers")
        .join(&id)
        .join("upper/tmp/count");
    let read = || std::fs::read_to_string(&count).unwrap_or_default();
    let a = read();
    std::thread::sleep(Duration::from_millis(300));
    let b = read();
    assert_eq!(a, b, "a paused container makes no progress");
    let e = den.fails(&["pause", "unpriv"], 125);
    assert!(e.contains("already paused"), "{e}");
    let e = den.fails(&["exec", "unpriv", "true"], 125);
    assert!(e.contains("paused"), "{e}");
    den.ok(&["unpause", "unpriv"]);
    wait_for("progress after unpause", || read() != b);
    den.ok(&["kill", "-s", "HUP", "unpriv"]);
    assert_eq!(
        den.ok(&["wait", "unpriv"]).trim(),
        "6",
        "HUP reached the non-root init"
    );
    den.ok(&["start", "unpriv"]);
    wait_for("running again", || {
        inspect(&den, "unpriv", "{{.State.Status}}") == "running"
    });
    den.ok(&["stop", "unpriv"]);
    assert_eq!(
        inspect(&den, "unpriv", "{{.State.ExitCode}}"),
        "5",
        "TERM reached the non-root init"
    );
}

#[test]
fn sizes_and_log_drivers() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "writer",
        "busybox",
        "sh",
        "-c",
        "head -c 300000 /dev/zero > /tmp/blob",
    ]);
    let size: u64 = inspect(&den, "writer", "{{.SizeRw}}").parse().unwrap_or(0);
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["inspect", "-s", "writer"])).expect("json");
    let size_rw = json[0]["SizeRw"].as_u64().unwrap_or(0);
    assert_eq!(size, 0, "without -s there is no SizeRw");
    assert!(size_rw >= 300_000, "{json}");
    let ps = den.ok(&["ps", "-a", "-s", "--format", "{{.Names}} {{.Size}}"]);
    assert!(ps.starts_with("writer 3") && ps.contains("kB"), "{ps}");
    // none: shown in the foreground, kept nowhere; passthrough: the container writes to our stdio directly.
    assert_eq!(
        den.ok(&[
            "run",
            "--name",
            "quiet",
            "--log-driver",
            "none",
            "busybox",
            "echo",
            "seen"
        ]),
        "seen\n"
    );
    let e = den.fails(&["logs", "quiet"], 125);
    assert!(e.contains("keeps no log"), "{e}");
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--log-driver",
            "passthrough",
            "busybox",
            "echo",
            "direct"
        ]),
        "direct\n"
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--name",
            "jf",
            "--log-driver",
            "json-file",
            "busybox",
            "echo",
            "json"
        ]),
        "json\n"
    );
    assert_eq!(den.ok(&["logs", "jf"]), "json\n");
}

#[test]
fn run_d_reports_start_failures_and_names_itself() {
    let (_reg, den) = ready();
    let e = den.fails(&["run", "-d", "busybox", "no-such-command"], 127);
    assert!(
        e.starts_with("den: error: ") && e.contains("no-such-command"),
        "{e}"
    );
    den.fails(&["run", "-d", "busybox", "/etc/passwd"], 126);
    den.fails(&["run", "-d", "-u", "nobody-here", "busybox", "true"], 125);
    // Names: generated, unique, adjective_surname like podman's.
    for _ in 0..5 {
        den.ok(&["create", "busybox", "true"]);
    }
    let names = den.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    let mut seen = std::collections::BTreeSet::new();
    for n in names.lines() {
        let (a, b) = n.split_once('_').unwrap_or(("", ""));
        assert!(
            !a.is_empty() && !b.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{n}"
        );
        assert!(seen.insert(n.to_string()), "duplicate name {n}");
    }
    assert_eq!(seen.len(), 8, "{names}");
}

/// Attached clients that come and go while a container floods its
/// output: one that vanished is dropped, and the others go on getting
/// the output. (One found gone while output was sent to all shifted the
/// supervisor's list under its loop: the next client's read blocked the
/// supervisor, or ran past the list's end and ended it, and the
/// container with it.)
#[test]
fn attach_clients_that_vanish_leave_the_others_served() {
    use std::io::Read;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "flood",
        "--log-driver",
        "none",
        "busybox",
        "sh",
        "-c",
        "while :; do echo x; done",
    ]);
    let attach = |out: Stdio| {
        den.cmd(&["attach", "--no-stdin", "flood"])
            .stdout(out)
            .stderr(Stdio::null())
            .spawn()
            .expect("attach")
    };
    for round in 0..10 {
        // (Its output not piped: a full pipe would hold the supervisor's
        // writes to it, and its end would be found by a failed write alone.)
        let mut gone = attach(Stdio::null());
        std::thread::sleep(Duration::from_millis(200));
        let mut stays = attach(Stdio::piped());
        // What the one that stays receives, counted as it comes.
        let got = Arc::new(AtomicUsize::new(0));
        let mut out = stays.stdout.take().expect("stdout");
        let counter = got.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n @ 1..) = out.read(&mut buf) {
                counter.fetch_add(n, Ordering::Relaxed);
            }
        });
        std::thread::sleep(Duration::from_millis(200));
        let _ = gone.kill();
        let _ = gone.wait();
        std::thread::sleep(Duration::from_millis(200));
        let before = got.load(Ordering::Relaxed);
        let deadline = Instant::now() + Duration::from_secs(10);
        while got.load(Ordering::Relaxed) == before {
            assert!(
                Instant::now() < deadline,
                "round {round}: the client that stayed gets no more output"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = stays.kill();
        let _ = stays.wait();
        let _ = reader.join();
        assert_eq!(
            inspect(&den, "flood", "{{.State.Status}}"),
            "running",
            "round {round}"
        );
    }
    den.ok(&["rm", "-f", "-t", "0", "flood"]);
}

/// Starts of one container at once (a script's `xargs -P`, two
/// containers that require it, `restart` twice) give it one supervisor:
/// the others see the first's lock and report it running. Two ran it on
/// the same upper layer, and the record named only the last one.
#[test]
fn starts_at_once_give_a_container_one_supervisor() {
    let (_reg, den) = ready();
    den.ok(&["create", "--name", "once", "busybox", "sleep", "1000"]);
    // (A start that lost goes just after telling its caller: looked at
    // until it has.)
    // This den's supervisors (other tests' run beside): named
    // den-supervise, with this den's environment.
    let home = den.home().display().to_string();
    let one_supervisor = |after: &str| {
        let count = || {
            user_processes()
                .into_iter()
                .filter(|(pid, _)| {
                    std::fs::read_to_string(format!("/proc/{pid}/comm"))
                        .is_ok_and(|c| c.trim() == "den-supervise")
                        && std::fs::read(format!("/proc/{pid}/environ"))
                            .is_ok_and(|e| String::from_utf8_lossy(&e).contains(&home))
                })
                .count()
        };
        wait_for(&format!("one supervisor {after}"), || count() == 1);
        assert_eq!(inspect(&den, "once", "{{.State.Status}}"), "running");
    };
    let at_once = |args: &[&str]| {
        all_succeed(
            (0..4)
                .map(|_| den.cmd(args).spawn().expect("spawn"))
                .collect(),
        )
    };
    at_once(&["start", "once"]);
    one_supervisor("after four starts at once");
    at_once(&["restart", "-t", "0", "once"]);
    one_supervisor("after four restarts at once");
    // A start right after a stop, whose supervisor may still be ending
    // (holding the lock), waits for it: it does not take it for a
    // supervisor that runs the container.
    for _ in 0..5 {
        den.ok(&["stop", "-t", "0", "once"]);
        den.ok(&["start", "once"]);
        assert_eq!(inspect(&den, "once", "{{.State.Status}}"), "running");
    }
    den.ok(&["rm", "-f", "-t", "0", "once"]);
}
