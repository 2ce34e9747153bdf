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
    // It gives the command only the variables named with -E.
    let mut activator = den.command("systemd-socket-activate");
    activator.args(["-l", &addr, "--fdname=web"]);
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
        .args([
            "run",
            "--rm",
            "--name",
            "activated",
            "checker",
            "den-checker",
            "serve-fd3",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = activator.spawn().expect("systemd-socket-activate");
    // Nothing runs until the first connection.
    let answer = http_get_retrying(&addr);
    assert!(
        answer.contains("activated pid=1 fds=1 names=web"),
        "{answer}"
    );
    // The same socket serves the next connection too.
    assert!(
        http_get_retrying(&addr).contains("activated"),
        "a second connection"
    );
    // den run is the activator's process now (it execs); the server, PID
    // 1 without a handler, ignores TERM: den stop kills it after 1 s, and
    // --rm removes it before den run ends.
    den.ok(&["stop", "-t", "1", "activated"]);
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(137), "den run ends with the container");
    assert_eq!(den.ok(&["ps", "-aq"]), "", "--rm removed it");
}

/// One HTTP GET on `addr`, retried while the server is not up yet.
fn http_get_retrying(addr: &str) -> String {
    use std::io::{Read, Write};
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            if !out.is_empty() {
                return out;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no answer on {addr}");
}
