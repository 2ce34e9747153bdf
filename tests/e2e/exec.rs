//! Inside a running container: exec, --init as PID 1, top, port, events.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn exec_joins_the_running_container() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "host1",
        "--hostname",
        "inside",
        "-e",
        "FROM_RUN=1",
        "busybox",
        "sh",
        "-c",
        "echo marker > /tmp/m; sleep 1000",
    ]);
    wait_for("the marker", || {
        den.output(&["exec", "host1", "cat", "/tmp/m"])
            .status
            .success()
    });
    // Same filesystem, hostname, pid namespace (init is pid 1), environment.
    let out = den.ok(&["exec", "host1", "sh", "-c", "cat /tmp/m; hostname; cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $FROM_RUN; id -u; pwd"]);
    // (sh -c execs its last command: pid 1 is the sleep.)
    assert_eq!(out, "marker\ninside\nsleep 1000 \n1\n0\n/\n");
    assert_eq!(
        den.ok(&[
            "exec",
            "-u",
            "tester",
            "-w",
            "/tmp",
            "-e",
            "X=y",
            "host1",
            "sh",
            "-c",
            "id -u; pwd; echo $X"
        ]),
        "1000\n/tmp\ny\n"
    );
    den.fails(&["exec", "host1", "sh", "-c", "exit 9"], 9);
    den.fails(&["exec", "host1", "no-such-command"], 127);
    den.fails(&["exec", "host1", "/etc/passwd"], 126);
    // A working directory that is not there: 127, as podman's exec.
    den.fails(&["exec", "-w", "/missing", "host1", "pwd"], 127);
    // -t without -i leaves stdin alone (a `while read` loop's input was
    // eaten).
    let sh = format!(
        "printf 'a\\nb\\n' | {{ {} exec -t host1 true >/dev/null; cat; }}",
        crate::support::den::den_bin().display()
    );
    let out = den.command("sh").args(["-c", &sh]).output().expect("sh");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a\nb\n");
    // -d with -t: the command outlives exec (the pty's hangup killed it).
    den.ok(&["exec", "-dt", "host1", "sleep", "301"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        den.ok(&["exec", "host1", "ps", "-o", "args"])
            .contains("sleep 301"),
        "the detached command is gone"
    );
    // stdin with -i.
    let mut child = den
        .cmd(&["exec", "-i", "host1", "tr", "a-z", "A-Z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), b"shout\n").expect("write");
    assert_eq!(child.wait_with_output().expect("wait").stdout, b"SHOUT\n");
    // -d returns at once; the command runs on.
    den.ok(&[
        "exec",
        "-d",
        "host1",
        "sh",
        "-c",
        "sleep 0.3; echo later > /tmp/d",
    ]);
    wait_for("the detached exec", || {
        den.output(&["exec", "host1", "cat", "/tmp/d"])
            .status
            .success()
    });
    den.ok(&["stop", "-t", "0", "host1"]);
    let e = den.fails(&["exec", "host1", "true"], 125);
    assert!(e.contains("can only exec in running containers"), "{e}");
}

#[test]
fn init_reaps_orphans_and_forwards_signals() {
    let (_reg, den) = ready();
    // An orphan (the subshell's sleep) is reparented to PID 1. With PID 1 a
    // plain `sleep`, nothing reaps it: a zombie stays. With --init, none does.
    let script = "(sleep 0.1 &); exec sleep 1000";
    let zombies = |name: &str| {
        den.ok(&[
            "exec",
            name,
            "sh",
            "-c",
            "ps -o stat | grep -c '^Z' || true",
        ])
        .trim()
        .to_string()
    };
    den.ok(&[
        "run", "-d", "--name", "plain", "busybox", "sh", "-c", script,
    ]);
    den.ok(&[
        "run", "-d", "--init", "--name", "inited", "busybox", "sh", "-c", script,
    ]);
    // The control: a non-reaping PID 1 leaves a zombie.
    wait_for("the orphan's zombie under a plain PID 1", || {
        zombies("plain") == "1"
    });
    assert_eq!(zombies("inited"), "0", "--init reaps the orphan");
    // den-init holds the container's capabilities, no more (podman's default set).
    assert_eq!(
        den.ok(&["exec", "inited", "grep", "CapEff", "/proc/1/status"]),
        "CapEff:\t00000000800405fb\n"
    );
    assert_eq!(
        den.ok(&["exec", "inited", "cat", "/proc/1/comm"]),
        "den-init\n"
    );
    den.ok(&["rm", "-f", "plain", "inited"]);
    // A command with no TERM handler stops at once under --init.
    den.ok(&[
        "run",
        "-d",
        "--init",
        "--name",
        "i",
        "--network",
        "none",
        "busybox",
        "sleep",
        "1000",
    ]);
    let start = Instant::now();
    den.ok(&["stop", "-t", "5", "i"]);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(inspect(&den, "i", "{{.State.ExitCode}}"), "143");
    // Exit codes and 127 pass through the init.
    den.fails(
        &["run", "--rm", "--init", "busybox", "sh", "-c", "exit 3"],
        3,
    );
    den.fails(
        &["run", "--rm", "--init", "busybox", "no-such-command"],
        127,
    );
    // With -i too: the init closed its copy of the stdin pipe twice at
    // its end, and (in a debug build) aborted: 139 whatever the status.
    let mut child = den
        .cmd(&[
            "run",
            "--rm",
            "-i",
            "--init",
            "busybox",
            "sh",
            "-c",
            "cat; exit 7",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run -i --init");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), b"through\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let (stdout, stderr) = text(&out);
    assert_eq!(
        (out.status.code(), stdout.as_str()),
        (Some(7), "through\n"),
        "{stderr}"
    );
}

#[test]
fn top_port_events_and_pidfile() {
    let (_reg, den) = ready();
    let pidfile = den.home().join("pid");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "t",
        "-u",
        "tester",
        "--pidfile",
        &pidfile.display().to_string(),
        "busybox",
        "sh",
        "-c",
        "sleep 1000 & sleep 1001",
    ]);
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .expect("pidfile")
        .trim()
        .parse()
        .expect("pid");
    assert_eq!(inspect(&den, "t", "{{.State.Pid}}"), pid.to_string());
    wait_for("both sleeps", || den.ok(&["top", "t"]).lines().count() == 3);
    let top = den.ok(&["top", "t"]);
    let lines: Vec<&str> = top.lines().collect();
    for col in [
        "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND",
    ] {
        assert!(lines[0].contains(col), "{top}");
    }
    // (sh execs its last command: PID 1 is `sleep 1001`, its child `sleep 1000`.)
    assert!(
        lines[1].starts_with("tester") && lines[1].ends_with("sleep 1001"),
        "{top}"
    );
    assert!(lines.iter().any(|l| l.ends_with("sleep 1000")), "{top}");
    assert_eq!(
        den.ok(&["top", "t", "pid", "comm"])
            .lines()
            .nth(1)
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["1", "sleep"])
    );
    den.fails(&["top", "t", "bogus"], 125);
    assert_eq!(den.ok(&["port", "t"]), "");
    den.fails(&["port", "nosuch"], 125);
    den.ok(&["stop", "-t", "1", "t"]);
    den.fails(&["top", "t"], 125);
    den.ok(&["rm", "t"]);
    let ev = den.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "container=t",
        "--format",
        "{{.Status}}",
    ]);
    assert_eq!(
        ev.lines().collect::<Vec<_>>(),
        ["create", "start", "stop", "died", "remove"],
        "{ev}"
    );
    let plain = den.ok(&["events", "--stream=false", "--filter", "event=died"]);
    assert!(
        plain.contains("container died")
            && plain.contains("name=t")
            && plain.contains("containerExitCode=137"),
        "{plain}"
    );
    assert!(den
        .ok(&["events", "--stream=false", "--filter", "type=image"])
        .contains("image pull"));
    assert_eq!(
        den.ok(&[
            "events",
            "--stream=false",
            "--since",
            "2999-01-01T00:00:00Z"
        ]),
        ""
    );
    // Streaming: a new event arrives while `events` runs, and only new
    // ones come (as podman's, without --since: the past creates above were
    // all printed first).
    let mut follower = den
        .cmd(&[
            "events",
            "--filter",
            "event=create",
            "--format",
            "{{.Name}}",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(300));
    den.ok(&["create", "--name", "late", "busybox", "true"]);
    std::thread::sleep(Duration::from_millis(500));
    let _ = follower.kill();
    let out = follower.wait_with_output().expect("wait");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "late\n");
    // A --until in the past ends the stream at once.
    let start = Instant::now();
    den.ok(&["events", "--until", "1s"]);
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// Wait at most 10 s for `child`; its exit code.
fn exits_within(mut child: std::process::Child, what: &str) -> Option<i32> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(st) = child.try_wait().expect("wait") {
            return st.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: den exec did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A command that never stops writing neither keeps exec from its signals
/// nor makes it wait for a background process that holds its output.
#[test]
fn exec_of_an_endless_writer_ends() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "w", "busybox", "sleep", "1000"]);
    // Output read slowly, as a terminal does: the pipes never run dry.
    let slowly = |args: &[&str]| {
        let mut child = den
            .cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("exec");
        for out in [
            Box::new(child.stdout.take().expect("out")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("err")),
        ] {
            let mut out = out;
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while matches!(out.read(&mut buf), Ok(n) if n > 0) {
                    std::thread::sleep(Duration::from_millis(2));
                }
            });
        }
        child
    };
    let bg = slowly(&["exec", "w", "sh", "-c", "yes >&2 & exit 3"]);
    assert_eq!(exits_within(bg, "a background writer"), Some(3));
    let endless = slowly(&["exec", "w", "yes"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(std::process::Command::new("kill")
        .args(["-INT", &endless.id().to_string()])
        .status()
        .expect("kill")
        .success());
    assert_eq!(exits_within(endless, "an endless writer"), Some(130));
    den.ok(&["rm", "-f", "w"]);
}

/// A failure whose message is longer than a pipe holds (a 70,000-byte
/// command name; a user a root process in the container put in 70,000
/// groups) is reported, cut, and ends `den exec`: the command is started
/// in a child that shares den's memory, with den suspended until it
/// execs, so a report that waited for den to read it would hang both.
#[test]
fn a_failure_longer_than_a_pipe_holds_is_reported() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "long", "busybox", "sleep", "1000"]);
    // execve says ENAMETOOLONG: 126, the name in the message, cut.
    let name = format!("/{}", "a".repeat(70_000));
    let stderr = den.fails(&["exec", "long", &name], 126);
    assert!(
        stderr.contains("aaaa") && stderr.len() < 8192,
        "{stderr:.300}"
    );
    // Root in the container puts `tester` in 70,000 groups: setgroups
    // refuses, and the message lists them all.
    den.ok(&[
        "exec",
        "long",
        "sh",
        "-c",
        "i=0; while [ $i -lt 70000 ]; do echo \"g$i:x:$((i + 20000)):tester\"; i=$((i + 1)); done >> /etc/group",
    ]);
    let stderr = den.fails(&["exec", "-u", "tester", "long", "true"], 125);
    assert!(
        stderr.contains("supplementary groups") && stderr.len() < 8192,
        "{stderr:.300}"
    );
    den.ok(&["rm", "-f", "-t", "0", "long"]);
}

/// From inside den's user namespace (`den unshare`, as a script that
/// mounts a container's rootfs does), the container's user namespace is
/// the one den is in already: exec joins the rest (setns refuses to join
/// the namespace one is in). With --init too, whose den-init lets no one
/// read its namespaces, and with a container's own user namespace; pause
/// and unpause, which join the user namespace alone, too.
#[test]
fn exec_works_from_inside_unshare() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "plain", "busybox", "sleep", "1000"]);
    den.ok(&[
        "run", "-d", "--init", "--name", "tini", "busybox", "sleep", "1000",
    ]);
    den.ok(&[
        "run", "-d", "--uidmap", "0:1:1000", "--name", "mapped", "busybox", "sleep", "1000",
    ]);
    let bin = den_bin().display().to_string();
    let script = format!(
        "set -e; for c in plain tini mapped; do {bin} exec $c sh -c 'echo $(hostname) $(id -u)'; done; \
         {bin} exec mapped cat /proc/self/uid_map | tr -s ' ' | sed 's/^ //'; \
         {bin} pause plain; {bin} unpause plain"
    );
    let out = den.ok(&["unshare", "sh", "-c", &script]);
    let ids: Vec<String> = ["plain", "tini", "mapped"]
        .iter()
        .map(|c| den.ok(&["inspect", "-f", "{{.Config.Hostname}}", c]))
        .collect();
    assert_eq!(
        out,
        format!(
            "{} 0\n{} 0\n{} 0\n0 1 1000\nplain\nplain\n",
            ids[0].trim(),
            ids[1].trim(),
            ids[2].trim()
        )
    );
    den.ok(&["rm", "-f", "-t", "0", "plain", "tini", "mapped"]);
}
