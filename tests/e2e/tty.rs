//! `-t`: a pty in the container, driven through a real pty (util-linux
//! `script`): echo, window size, detach keys, attach.

use std::io::{Read, Write};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// `den ARGS` inside `script`'s pty (sized ROWSxCOLS), output collected in the background.
struct Pty {
    child: Child,
    out: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    fn spawn(den: &Den, rows: u16, cols: u16, args: &str) -> Pty {
        let cmd = format!(
            "stty rows {rows} cols {cols}; exec {} {args}",
            den_bin().display()
        );
        let mut child = den
            .command("script")
            .env("TERM", "xterm")
            .args(["-qefc", &cmd, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("script");
        let out = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().expect("stdout");
        let sink = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty { child, out }
    }

    fn send(&mut self, data: &[u8]) {
        let stdin = self.child.stdin.as_mut().expect("stdin");
        stdin.write_all(data).expect("write");
        stdin.flush().expect("flush");
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().expect("lock")).into_owned()
    }

    fn wait_for(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.text().contains(what) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; output so far: {:?}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(st) = self.child.try_wait().expect("wait") {
                return st.code();
            }
            assert!(
                Instant::now() < deadline,
                "den did not exit; output: {:?}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn run_it_gives_the_container_a_terminal_of_the_right_size() {
    let (_reg, den) = ready();
    let pty = Pty::spawn(
        &den,
        33,
        77,
        "run --rm -it busybox sh -c 'stty size; tty; exit 3'",
    );
    pty.wait_for("33 77");
    pty.wait_for("/dev/pts/0");
    assert_eq!(pty.exit_code(), Some(3));
    // -t with no terminal on our side still gets a pty, without delay.
    let start = Instant::now();
    assert_eq!(
        den.ok(&["run", "--rm", "-t", "busybox", "tty"]),
        "/dev/pts/0\r\n"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn an_interactive_session_echoes_detaches_and_reattaches() {
    let (_reg, den) = ready();
    let mut pty = Pty::spawn(&den, 24, 80, "run -it --name tt busybox sh");
    pty.send(b"echo hi-$((40+2))\r");
    pty.wait_for("hi-42");
    // ctrl-p ctrl-q detaches: den exits 0, the container keeps running.
    pty.send(b"\x10\x11");
    assert_eq!(pty.exit_code(), Some(0));
    assert_eq!(
        den.ok(&["inspect", "-f", "{{.State.Status}}", "tt"]).trim(),
        "running"
    );
    // The log has the session's output.
    assert!(den.ok(&["logs", "tt"]).contains("hi-42"));
    // attach reattaches; the container's exit status becomes ours.
    let mut again = Pty::spawn(&den, 40, 100, "attach tt");
    std::thread::sleep(Duration::from_millis(300));
    again.send(b"stty size; echo back-$((1+1)); exit 5\r");
    again.wait_for("back-2");
    again.wait_for("40 100");
    assert_eq!(again.exit_code(), Some(5));
    assert_eq!(
        den.ok(&["inspect", "-f", "{{.State.ExitCode}}", "tt"])
            .trim(),
        "5"
    );
    // Custom detach keys, and attach to a stopped container is refused.
    let e = den.fails(&["attach", "tt"], 125);
    assert!(e.contains("only attach to running containers"), "{e}");
    den.fails(&["run", "--detach-keys", "ctrl-1", "busybox", "true"], 125);
}

#[test]
fn a_detached_interactive_container_takes_input_through_attach() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "-i",
        "--name",
        "reader",
        "busybox",
        "sh",
        "-c",
        "read line; echo got-$line",
    ]);
    let mut child = den
        .cmd(&["attach", "reader"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("attach");
    std::thread::sleep(Duration::from_millis(200));
    child
        .stdin
        .as_mut()
        .expect("stdin")
        .write_all(b"hello\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "got-hello\n",
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn exec_it_gets_its_own_terminal_in_the_container() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "host", "busybox", "sleep", "1000"]);
    let mut pty = Pty::spawn(&den, 20, 60, "exec -it host sh");
    pty.send(b"stty size; tty; echo in-$((2*3)); exit 4\r");
    pty.wait_for("20 60");
    pty.wait_for("/dev/pts/");
    pty.wait_for("in-6");
    assert_eq!(pty.exit_code(), Some(4));
    den.ok(&["rm", "-f", "host"]);
}

/// `--sig-proxy=false`: a SIGTERM to `den run` is not passed on; it ends
/// `den run` alone (143), as a signal ends docker's and podman's, and the
/// container runs on to its end (its output still reaching the stdout it
/// shares) and is removed. `den run` ignored the signal until 2026-12-06,
/// and only the container's end or SIGKILL ended it.
#[test]
fn sig_proxy_false_keeps_signals_from_the_container() {
    let (_reg, den) = ready();
    let mut child = den
        .cmd(&[
            "run",
            "--rm",
            "--sig-proxy=false",
            "--name",
            "noproxy",
            "busybox",
            "sh",
            "-c",
            "trap 'echo got-term' TERM; echo ready; sleep 1; echo done",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 6];
    out.read_exact(&mut first).expect("ready");
    assert_eq!(&first, b"ready\n");
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    // den run ends first; the container's "done" comes a second later.
    assert_eq!(child.wait().expect("wait").code(), Some(143));
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("rest");
    assert_eq!(rest, "done\n", "the container never saw the TERM");
    wait_for("the container's removal", || {
        !den.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .contains("noproxy")
    });
}

#[test]
fn the_window_size_follows_sigwinch() {
    use std::os::unix::process::CommandExt;
    let (_reg, den) = ready();
    // Our own pty: den gets the slave as its controlling terminal.
    use rustix::pty::OpenptFlags;
    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("openpt");
    rustix::pty::unlockpt(&master).expect("unlockpt");
    let slave = rustix::pty::ioctl_tiocgptpeer(&master, OpenptFlags::RDWR | OpenptFlags::NOCTTY)
        .expect("peer");
    let size = |rows, cols| rustix::termios::Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, size(10, 40)).expect("size");
    let mut cmd = den.cmd(&["run", "--rm", "-it", "busybox", "sh"]);
    cmd.stdin(std::fs::File::from(slave.try_clone().expect("dup")))
        .stdout(std::fs::File::from(slave.try_clone().expect("dup")))
        .stderr(std::fs::File::from(slave));
    // SAFETY: setsid and TIOCSCTTY are async-signal-safe; they make the
    // slave (fd 0 by now) den's controlling terminal, as a shell would.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("den");
    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = out.clone();
    let mut reader = std::fs::File::from(master.try_clone().expect("dup"));
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("lock").extend_from_slice(&buf[..n]);
        }
    });
    let text = || String::from_utf8_lossy(&out.lock().expect("lock")).into_owned();
    let wait_for = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !text().contains(what) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}: {:?}",
                text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let mut writer = std::fs::File::from(master.try_clone().expect("dup"));
    writer.write_all(b"stty size\r").expect("write");
    wait_for("10 40");
    // Resizing our terminal sends den SIGWINCH; the container's pty follows.
    rustix::termios::tcsetwinsize(&master, size(50, 120)).expect("resize");
    std::thread::sleep(Duration::from_millis(300));
    writer.write_all(b"stty size\r").expect("write");
    wait_for("50 120");
    writer.write_all(b"exit 0\r").expect("write");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(st) = child.try_wait().expect("wait") {
            assert_eq!(st.code(), Some(0));
            break;
        }
        assert!(Instant::now() < deadline, "den did not exit: {:?}", text());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `--init` with a terminal: Ctrl-C reaches the command once (the
/// terminal's foreground group was den-init's too, and den-init passed
/// its copy on: twice); and den-init passes on any signal, not only
/// den's relayed few (`kill -s TTIN` was dropped).
#[test]
fn init_gives_the_terminal_to_its_command() {
    let (_reg, den) = ready();
    let mut pty = Pty::spawn(
        &den,
        24,
        80,
        "run -it --init --name ic busybox sh -c 'trap \"echo GOT-INT\" INT; trap \"echo GOT-TTIN\" TTIN; echo ready; while :; do sleep 1; done'",
    );
    pty.wait_for("ready");
    pty.send(b"\x03");
    pty.wait_for("GOT-INT");
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(pty.text().matches("GOT-INT").count(), 1, "{:?}", pty.text());
    den.ok(&["kill", "-s", "TTIN", "ic"]);
    pty.wait_for("GOT-TTIN");
    den.ok(&["rm", "-f", "-t", "0", "ic"]);
    let _ = pty.exit_code();
}

/// A `run -t` whose output is read too slowly is dropped by the
/// supervisor (a stuck client must not stop the container's output
/// for the rest): den says so and still exits with the container's
/// status (it exited 0 while the container ran on).
#[test]
fn a_slow_reader_still_gets_the_containers_status() {
    let (_reg, den) = ready();
    let mut child = den
        .cmd(&[
            "run",
            "-t",
            "--name",
            "slow",
            "busybox",
            "sh",
            "-c",
            "seq 1 400000; sleep 5; exit 3",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_secs(4));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_end(&mut out)
        .expect("read");
    let done = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(3), "{err}");
    assert!(err.contains("read too slowly"), "{err}");
    den.ok(&["rm", "slow"]);
}

/// Input a container does not read does not stop it: what an attached
/// client sends waits for the container to take it (a blocking write
/// stopped the supervisor's loop, its output and log with it).
#[test]
fn unread_input_does_not_stop_the_container() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "-i",
        "--name",
        "deaf",
        "busybox",
        "sh",
        "-c",
        "while :; do echo tick; sleep 0.1; done",
    ]);
    let mut client = den
        .cmd(&["attach", "deaf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("attach");
    let mut stdin = client.stdin.take().expect("stdin");
    // Far more than the pipe to the container holds.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'y'; 64 * 1024];
        for _ in 0..64 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(1500));
    let before = den.ok(&["logs", "deaf"]).lines().count();
    std::thread::sleep(Duration::from_millis(1000));
    let after = den.ok(&["logs", "deaf"]).lines().count();
    assert!(after > before + 3, "the log stopped: {before} then {after}");
    den.ok(&["rm", "-f", "-t", "0", "deaf"]);
    let _ = client.kill();
    let _ = client.wait();
    let _ = writer.join();
}
