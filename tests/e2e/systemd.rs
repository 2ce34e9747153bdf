//! systemd integration (issue 17), what can be shown without a user
//! manager (these machines do not boot with systemd): the supervisor
//! speaks sd_notify to a real `NOTIFY_SOCKET` listener (`--sdnotify`
//! conmon, healthy, container, ignore), and socket activation through
//! systemd's own `systemd-socket-activate`.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::common::*;

/// A notify socket in the test's home, as systemd's would be.
struct Listener {
    sock: UnixDatagram,
    path: std::path::PathBuf,
}

impl Listener {
    fn new(den: &Den, name: &str) -> Listener {
        let path = den.home().join(format!("{name}.notify"));
        let _ = std::fs::remove_file(&path);
        let sock = UnixDatagram::bind(&path).expect("bind the notify socket");
        sock.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        Listener { sock, path }
    }

    /// The next message (within 20 s).
    fn next(&self) -> String {
        let mut buf = [0u8; 4096];
        let n = self.sock.recv(&mut buf).expect("a notify message in time");
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    /// Nothing within `ms`.
    fn quiet(&self, ms: u64) -> Option<String> {
        self.sock
            .set_read_timeout(Some(Duration::from_millis(ms)))
            .expect("timeout");
        let mut buf = [0u8; 4096];
        let got = self
            .sock
            .recv(&mut buf)
            .ok()
            .map(|n| String::from_utf8_lossy(&buf[..n]).into_owned());
        self.sock
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        got
    }

    fn run(&self, den: &Den, args: &[&str]) -> String {
        let out = den
            .cmd(args)
            .env("NOTIFY_SOCKET", &self.path)
            .output()
            .expect("den");
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
    }
}

fn supervisor_pid(den: &Den, name: &str) -> String {
    den.ok(&["inspect", "--format", "{{.State.ConmonPid}}", name])
        .trim()
        .to_string()
}

/// conmon (the default): MAINPID is the supervisor, READY once the
/// command runs, STOPPING when it ends; nothing reaches the container.
#[test]
fn the_supervisor_tells_systemd_it_is_ready_and_stopping() {
    let (_reg, den) = ready_checker();
    let l = Listener::new(&den, "conmon");
    l.run(
        &den,
        &[
            "run",
            "-d",
            "--name",
            "ready",
            "checker",
            "sh",
            "-c",
            "echo \"[$NOTIFY_SOCKET]\"; sleep 300",
        ],
    );
    let pid = supervisor_pid(&den, "ready");
    assert_eq!(l.next(), format!("MAINPID={pid}\nREADY=1"));
    den.ok(&["stop", "-t", "2", "ready"]);
    assert_eq!(l.next(), "STOPPING=1");
    assert_eq!(
        den.ok(&["logs", "ready"]),
        "[]\n",
        "NOTIFY_SOCKET never reaches the container"
    );
    den.ok(&["rm", "ready"]);

    // ignore: nothing at all.
    l.run(
        &den,
        &[
            "run",
            "-d",
            "--sdnotify=ignore",
            "--name",
            "quiet",
            "checker",
            "sleep",
            "300",
        ],
    );
    den.ok(&["rm", "-f", "-t", "0", "quiet"]);
    assert_eq!(l.quiet(1000), None);

    // healthy: MAINPID at once, READY at the first passed check.
    l.run(
        &den,
        &[
            "run",
            "-d",
            "--sdnotify=healthy",
            "--health-cmd",
            "test -e /tmp/up",
            "--health-interval",
            "1s",
            "--name",
            "healthy",
            "checker",
            "sleep",
            "300",
        ],
    );
    let pid = supervisor_pid(&den, "healthy");
    assert_eq!(l.next(), format!("MAINPID={pid}"));
    assert_eq!(l.quiet(2500), None, "not ready while the check fails");
    den.ok(&["exec", "healthy", "touch", "/tmp/up"]);
    assert_eq!(l.next(), "READY=1");
    den.ok(&["rm", "-f", "-t", "0", "healthy"]);
    assert_eq!(l.next(), "STOPPING=1");

    // healthy without a healthcheck is refused before anything is made.
    let out = den
        .cmd(&["run", "-d", "--sdnotify=healthy", "checker", "true"])
        .output()
        .expect("den");
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("needs a healthcheck"),
        "{}",
        text(&out).1
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// container: the container says when it is ready, through a socket of
/// its own; what it sends reaches systemd, but never a MAINPID of its
/// choosing.
#[test]
fn a_container_can_say_it_is_ready_itself() {
    let (_reg, den) = ready_checker();
    let l = Listener::new(&den, "container");
    l.run(
        &den,
        &["run", "-d", "--sdnotify=container", "--user", "1000", "--name", "says", "checker", "sh", "-c",
          "sleep 1; den-checker notify MAINPID=1 'STATUS=warming up'; den-checker notify READY=1; sleep 300"],
    );
    let pid = supervisor_pid(&den, "says");
    assert_eq!(l.next(), format!("MAINPID={pid}"));
    assert_eq!(l.next(), "STATUS=warming up", "its MAINPID line is dropped");
    assert_eq!(l.next(), "READY=1");
    let logs = den.ok(&["logs", "says"]);
    assert!(logs.contains("sent to /run/notify/notify.sock"), "{logs}");
    den.ok(&["rm", "-f", "-t", "0", "says"]);
    assert_eq!(l.next(), "STOPPING=1");
}

/// Socket activation: systemd's listening socket (from its own
/// systemd-socket-activate) is the container's fd 3, with LISTEN_FDS and
/// a LISTEN_PID that is the command's own pid.
#[test]
fn socket_activation_reaches_the_container() {
    let (_reg, den) = ready_checker();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = activate(
        &den,
        &[&addr, "--fdname=web"],
        &[
            "run",
            "--rm",
            "--name",
            "activated",
            "checker",
            "den-checker",
            "serve-fd3",
        ],
    );
    // Nothing runs until the first connection.
    let Some(answer) = http_get_retrying(&addr) else {
        panic!(
            "no answer on {addr}: {}",
            activation_state(&den, &mut child, "activated")
        );
    };
    assert!(
        answer.contains("activated pid=1 fds=1 names=web"),
        "{answer}"
    );
    // The same socket serves the next connection too.
    let Some(again) = http_get_retrying(&addr) else {
        panic!(
            "no second answer: {}",
            activation_state(&den, &mut child, "activated")
        );
    };
    assert!(again.contains("activated"), "a second connection: {again}");
    // den run is the activator's process now (it execs); the server, PID
    // 1 without a handler, ignores TERM: den stop kills it after 1 s, and
    // --rm removes it before den run ends.
    den.ok(&["stop", "-t", "1", "activated"]);
    let Some(status) = wait_within(&mut child, Duration::from_secs(60)) else {
        panic!(
            "den run did not end after den stop: {}",
            activation_state(&den, &mut child, "activated")
        );
    };
    assert_eq!(status.code(), Some(137), "den run ends with the container");
    assert_eq!(den.ok(&["ps", "-aq"]), "", "--rm removed it");
}

/// Socket activation with a connection per activation (`Accept=yes`, as
/// systemd-socket-activate --accept does): busybox httpd in inetd mode
/// answers on the activating connection, the container's fd 3.
#[test]
fn a_socket_activated_busybox_httpd_answers() {
    let (_reg, den) = ready();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = activate(
        &den,
        &[&addr, "--accept"],
        &[
            "run", "--rm", "busybox", "sh", "-c",
            "mkdir -p /www && echo \"served on fd 3 ($LISTEN_FDS)\" > /www/index.html && exec httpd -i -h /www <&3 >&3",
        ],
    );
    let Some(answer) = http_get_retrying(&addr) else {
        panic!(
            "no answer on {addr}: {}",
            activation_state(&den, &mut child, "-l")
        );
    };
    assert!(
        answer.starts_with("HTTP/1.") && answer.contains("served on fd 3 (1)"),
        "{answer}"
    );
    let _ = child.kill();
    let _ = child.wait();
    // Each connection's den run ends with its httpd; --rm leaves nothing.
    for _ in 0..100 {
        if den.ok(&["ps", "-aq"]).is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// `systemd-socket-activate -l ADDRESS FLAGS... den ARGS...`, started: it
/// gives the command only the variables named with -E, so den's own are.
fn activate(den: &Den, listen: &[&str], den_args: &[&str]) -> std::process::Child {
    let mut activator = den.command("systemd-socket-activate");
    activator.arg("-l").args(listen);
    for v in [
        "PATH",
        "USER",
        "HOME",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_RUNTIME_DIR",
    ] {
        activator.args(["-E", v]);
    }
    activator
        .arg(crate::support::den::den_bin())
        .args(den_args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("systemd-socket-activate")
}

/// One HTTP GET on `addr`, retried while the server is not up yet (for
/// at most 60 s: the activator accepts connections into its backlog at
/// once, so a server that never comes shows only as silence).
fn http_get_retrying(addr: &str) -> Option<String> {
    use std::io::{Read, Write};
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            // Long enough for a loaded machine to start the server
            // (with --accept each new try starts another den run).
            let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            if !out.is_empty() {
                return Some(out);
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// What went wrong when an activated container did not answer or end:
/// the activator's (then den run's) state, den's containers, their logs.
fn activation_state(den: &Den, child: &mut std::process::Child, name: &str) -> String {
    let activator = match child.try_wait() {
        Ok(Some(s)) => format!("ended: {s}"),
        Ok(None) => "still running".to_string(),
        Err(e) => format!("unknown: {e}"),
    };
    let ps = den.output(&["ps", "-a", "--format", "{{.Names}} {{.Status}} {{.Pid}}"]);
    let logs = den.output(&["logs", name]);
    let procs = std::process::Command::new("ps")
        .args([
            "-u",
            &nix::unistd::getuid().to_string(),
            "-o",
            "pid,ppid,stat,args",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    format!(
        "the activator (den run after its exec): {activator}\nden ps -a: {}{}\nden logs {name}: {}{}\nprocesses:\n{procs}",
        String::from_utf8_lossy(&ps.stdout),
        String::from_utf8_lossy(&ps.stderr),
        String::from_utf8_lossy(&logs.stdout),
        String::from_utf8_lossy(&logs.stderr),
    )
}

/// The unit file's `Key=` lines' words (plain words only: den's own
/// units need no quoting here), with `/usr/bin/den` as the den under test.
fn unit_lines(unit: &str, key: &str) -> Vec<Vec<String>> {
    let den = crate::support::den::den_bin().display().to_string();
    unit.lines()
        .filter_map(|l| l.strip_prefix(&format!("{key}=")))
        .map(|l| {
            l.trim_start_matches('-')
                .replace("/usr/bin/den", &den)
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .collect()
}

fn verify(den: &Den, name: &str, text_: &str) {
    let path = den.home().join(name);
    let den_bin = crate::support::den::den_bin().display().to_string();
    std::fs::write(&path, text_.replace("/usr/bin/den", &den_bin)).expect("unit");
    std::fs::create_dir_all(den.home().join("run")).expect("run dir");
    let v = den
        .command("systemd-analyze")
        .args(["verify", "--user", "--man=no"])
        .arg(&path)
        .output()
        .expect("systemd-analyze");
    assert!(
        v.status.success() && v.stderr.is_empty(),
        "systemd-analyze verify {name}: {}",
        text(&v).1
    );
}

/// `den generate systemd`: with `--new` a unit that makes the container
/// afresh (its own --restart left to systemd), without it one that starts
/// and stops this one; systemd accepts both, and the --new one's lines
/// run as systemd would run them.
#[test]
fn generate_systemd_writes_units_that_run() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "gen",
        "--restart",
        "always",
        "-e",
        "A=1",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 0' TERM; echo '100%s $HOME'; while :; do sleep 0.2; done",
    ]);
    let unit = den.ok(&[
        "generate",
        "systemd",
        "--new",
        "--name",
        "--restart-sec",
        "5",
        "gen",
    ]);
    let start = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .map(systemd_words)
        .expect("ExecStart");
    assert_eq!(
        start[1..].join(" "),
        "run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon -d --replace --name gen -e A=1 busybox sh -c trap 'exit 0' TERM; echo '100%%s $$HOME'; while :; do sleep 0.2; done",
        "{unit}"
    );
    assert!(!start.iter().any(|w| w.starts_with("--restart")), "{unit}");
    for want in [
        "Restart=on-failure",
        "RestartSec=5",
        "Type=notify",
        "TimeoutStopSec=70",
        "WantedBy=default.target",
    ] {
        assert!(unit.contains(want), "{want}: {unit}");
    }
    verify(&den, "container-gen.service", &unit);
    // Without --new, to a file in the working directory.
    let out = den
        .cmd(&[
            "generate",
            "systemd",
            "--files",
            "--container-prefix",
            "c",
            "gen",
        ])
        .current_dir(den.home())
        .output()
        .expect("den");
    assert!(out.status.success(), "{}", text(&out).1);
    let path = den.home().join("c-gen.service");
    assert_eq!(text(&out).0.trim(), path.display().to_string());
    let plain = std::fs::read_to_string(&path).expect("unit");
    assert!(
        plain.contains(" start gen\n") && plain.contains(" stop -t 10 gen\n"),
        "{plain}"
    );
    verify(&den, "c-gen.service", &plain);

    // The --new unit, run as systemd runs it.
    den.ok(&["rm", "-f", "gen"]);
    let l = Listener::new(&den, "gen");
    let runtime = den.home().join("run").display().to_string();
    let line = |key: &str| -> Vec<String> {
        let l = unit
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .expect(key);
        let words = systemd_words(l.trim_start_matches('-'));
        words
            .into_iter()
            .map(|w| specifiers(&w, &runtime, "container-gen.service"))
            .collect()
    };
    let start = line("ExecStart");
    let o = den
        .command(&start[0])
        .args(&start[1..])
        .env("NOTIFY_SOCKET", &l.path)
        .output()
        .expect("start");
    assert!(o.status.success(), "{}", text(&o).1);
    let pid = supervisor_pid(&den, "gen");
    assert_eq!(l.next(), format!("MAINPID={pid}\nREADY=1"));
    // The command the user gave, % and $ as they wrote them.
    wait_for("the container's first line", || {
        den.ok(&["logs", "gen"]).starts_with("100%s $HOME\n")
    });
    let began = std::time::Instant::now();
    for key in ["ExecStop", "ExecStopPost"] {
        let w = line(key);
        let o = den.command(&w[0]).args(&w[1..]).output().expect(key);
        assert!(o.status.success(), "{key}: {}", text(&o).1);
    }
    assert!(began.elapsed() < Duration::from_secs(5), "stopped by TERM");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// A word of an `Exec...=` line as systemd resolves it: `%t` and `%n`
/// (the runtime directory and the unit's name), `%%` and `$$`. Any other
/// specifier or a lone `$` would be systemd's to replace (the shell,
/// a variable): the unit would not run what it says, and the test fails.
fn specifiers(w: &str, runtime: &str, unit: &str) -> String {
    let mut out = String::new();
    let mut chars = w.chars();
    while let Some(c) = chars.next() {
        match (c, c == '%' || c == '$') {
            (_, true) => match (c, chars.next()) {
                ('%', Some('t')) => out.push_str(runtime),
                ('%', Some('n')) => out.push_str(unit),
                (c, Some(d)) if d == c => out.push(c),
                (c, d) => panic!("systemd would replace {c}{d:?} in {w:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// `den-restart.service` (shipped in contrib/): systemd accepts it, and its
/// lines start the `always` containers and the `unless-stopped` ones the
/// user did not stop, after their supervisors were killed (as by a
/// reboot); a supervisor sent SIGTERM (systemd stopping a unit) stops its
/// container and does not restart it.
#[test]
fn the_restart_unit_starts_what_must_run_again() {
    let (_reg, den) = ready();
    let unit = include_str!("../../contrib/systemd/user/den-restart.service");
    verify(&den, "den-restart.service", unit);
    for (name, policy) in [
        ("always", "always"),
        ("unless", "unless-stopped"),
        ("stopped", "unless-stopped"),
        ("never", "no"),
    ] {
        den.ok(&[
            "run",
            "-d",
            "--name",
            name,
            "--restart",
            policy,
            "busybox",
            "sh",
            "-c",
            "trap 'exit 0' TERM; while :; do sleep 0.2; done",
        ]);
    }
    den.ok(&["stop", "-t", "0", "stopped"]);
    for name in ["always", "unless", "never"] {
        let pid: i32 = supervisor_pid(&den, name).parse().expect("pid");
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let status = |name: &str| {
        den.ok(&["inspect", "--format", "{{.State.Status}}", name])
            .trim()
            .to_string()
    };
    for _ in 0..50 {
        if ["always", "unless", "never"]
            .iter()
            .all(|n| status(n) == "exited")
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for line in unit_lines(unit, "ExecStart") {
        let o = den
            .command(&line[0])
            .args(&line[1..])
            .output()
            .expect("ExecStart");
        assert!(o.status.success(), "{line:?}: {}", text(&o).1);
    }
    assert_eq!(
        ["always", "unless", "stopped", "never"].map(status),
        ["running", "running", "exited", "exited"]
    );
    // systemd stopping the unit: TERM to the supervisor, no restart.
    let pid: i32 = supervisor_pid(&den, "always").parse().expect("pid");
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGTERM,
    );
    for _ in 0..100 {
        if status("always") == "exited" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(status("always"), "exited", "not restarted after TERM");
    den.ok(&["rm", "-f", "always", "unless", "stopped", "never"]);
}

/// `den auto-update`: a container labelled `io.containers.autoupdate=registry`
/// moves to the image newly pushed under its image's name (made again in
/// its place: no user manager runs here to restart a unit), `--dry-run`
/// only says so, and an image whose container does not run is rolled back.
#[test]
fn auto_update_moves_a_container_to_a_newly_pushed_image() {
    let (reg, den) = ready();
    // Another user's den builds and pushes the image's versions.
    let builder = Den::new(&reg.addr);
    builder.ok(&["pull", "-q", "busybox"]);
    let image = den.image("auto/app:latest");
    let push_version = |v: &str, cmd: &str| {
        let dir = builder.home().join(format!("v{v}"));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(
            dir.join("Dockerfile"),
            format!("FROM busybox\nRUN echo {v} > /v\nCMD {cmd}\n"),
        )
        .expect("Dockerfile");
        builder.ok(&["build", "-q", "-t", &image, &dir.display().to_string()]);
        builder.ok(&["push", "-q", &image]);
    };
    let serve = r#"["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.2; done"]"#;
    push_version("1", serve);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "auto",
        "--label",
        "io.containers.autoupdate=registry",
        "-e",
        "KEPT=yes",
        &image,
    ]);
    let version = || den.ok(&["exec", "auto", "sh", "-c", "cat /v; echo $KEPT"]);
    assert_eq!(version(), "1\nyes\n");
    let row = |args: &[&str]| -> String {
        let mut all = vec![
            "auto-update",
            "--format",
            "{{.ContainerName}} {{.Policy}} {{.Updated}}",
        ];
        all.extend_from_slice(args);
        den.ok(&all).trim().to_string()
    };
    assert_eq!(row(&["--dry-run"]), "auto registry false");
    push_version("2", serve);
    assert_eq!(row(&["--dry-run"]), "auto registry pending");
    assert_eq!(version(), "1\nyes\n", "a dry run changes nothing");
    assert_eq!(row(&[]), "auto registry true");
    assert_eq!(version(), "2\nyes\n", "the new image, the same flags");
    assert_eq!(row(&[]), "auto registry false");
    // An image whose container ends at once: back to version 2.
    push_version("3", r#"["false"]"#);
    let out = den.output(&["auto-update", "--format", "{{.Updated}}"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.trim(), "rolled back", "{stderr}");
    assert!(stderr.contains("rolling back"), "{stderr}");
    assert_eq!(version(), "2\nyes\n");
    den.ok(&["rm", "-f", "auto"]);
}

/// systemd stopping a unit sends SIGTERM to its main process, the
/// supervisor: the container gets its own stop signal, as `den stop`
/// would send it.
#[test]
fn a_term_to_the_supervisor_is_the_containers_stop_signal() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "usr1",
        "--stop-signal",
        "SIGUSR1",
        "busybox",
        "sh",
        "-c",
        "trap 'echo got usr1; exit 0' USR1; echo ready; while :; do sleep 0.2; done",
    ]);
    for _ in 0..50 {
        if den.ok(&["logs", "usr1"]).contains("ready") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid: i32 = supervisor_pid(&den, "usr1").parse().expect("pid");
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGTERM,
    );
    let _ = den.output(&["wait", "usr1"]);
    assert_eq!(den.ok(&["logs", "usr1"]), "ready\ngot usr1\n");
    assert_eq!(
        den.ok(&["inspect", "--format", "{{.State.ExitCode}}", "usr1"])
            .trim(),
        "0"
    );
    den.ok(&["rm", "usr1"]);
}

#[test]
fn generate_systemd_env_timeout_json_and_templates() {
    let (_reg, den) = ready();
    den.ok(&["create", "--name", "tpl", "busybox", "sleep", "600"]);
    let json = den.ok(&[
        "generate",
        "systemd",
        "--new",
        "--env",
        "GREETING=hello world",
        "--start-timeout",
        "30",
        "--format",
        "json",
        "tpl",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let unit = v["container-tpl.service"]
        .as_str()
        .expect("the unit by its name");
    assert!(
        unit.contains("Environment=\"GREETING=hello world\""),
        "{unit}"
    );
    assert!(unit.contains("TimeoutStartSec=30\n"), "{unit}");
    verify(&den, "container-tpl.service", unit);
    // --template: NAME@.service, the container named by the instance.
    let dir = den.home().join("units");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = den
        .cmd(&[
            "generate",
            "systemd",
            "--new",
            "--template",
            "--files",
            "tpl",
        ])
        .current_dir(&dir)
        .output()
        .expect("generate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(path.ends_with("container-tpl@.service"), "{path}");
    let text = std::fs::read_to_string(&path).expect("unit");
    assert!(
        text.contains("--name %i") || text.contains("--name=%i"),
        "{text}"
    );
    verify(&den, "container-tpl@.service", &text);
    den.fails(&["generate", "systemd", "--template", "tpl"], 125);
    den.ok(&["pod", "create", "--name", "apod"]);
    let e = den.fails(&["generate", "systemd", "apod"], 125);
    assert!(e.contains("is a pod"), "{e}");
    den.ok(&["pod", "rm", "apod"]);
    den.ok(&["rm", "tpl"]);
}
