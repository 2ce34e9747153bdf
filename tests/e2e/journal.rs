//! `--log-driver journald`: a container's lines reach the journal's socket
//! in its native protocol, with podman's fields. The host has no journald
//! (PID 1 is not systemd), so the test listens where den is told the
//! journal is (`DEN_JOURNAL_SOCKET`); without a listener, the driver is
//! refused in one line, with nothing made.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::common::*;

#[test]
fn journald_gets_each_line_with_podmans_fields() {
    let (_reg, den) = ready();
    let sock = den.home().join("journal.sock");
    let listener = UnixDatagram::bind(&sock).expect("bind");
    listener
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let run = |name: &str| {
        den.cmd(&[
            "run",
            "--name",
            name,
            "--log-driver",
            "journald",
            "busybox",
            "sh",
            "-c",
            "echo one; echo two >&2",
        ])
        .env("DEN_JOURNAL_SOCKET", &sock)
        .output()
        .expect("den")
    };
    let out = run("jl");
    assert!(out.status.success(), "{:?}", text(&out));
    let id = inspect(&den, "jl", "{{.Id}}");
    assert_eq!(
        inspect(&den, "jl", "{{.HostConfig.LogConfig.Type}}"),
        "journald"
    );
    let mut entries = Vec::new();
    let mut buf = vec![0u8; 65536];
    for _ in 0..2 {
        let n = listener.recv(&mut buf).expect("an entry");
        entries.push(String::from_utf8_lossy(&buf[..n]).into_owned());
    }
    entries.sort();
    let (one, two) = (&entries[0], &entries[1]);
    for e in [one, two] {
        assert!(e.contains("CONTAINER_NAME=jl\n"), "{e}");
        assert!(e.contains(&format!("CONTAINER_ID_FULL={id}\n")), "{e}");
        assert!(e.contains(&format!("CONTAINER_ID={}\n", &id[..12])), "{e}");
        assert!(e.contains("SYSLOG_IDENTIFIER=jl\n"), "{e}");
    }
    let (out_line, err_line) = if one.contains("MESSAGE=one") {
        (one, two)
    } else {
        (two, one)
    };
    assert!(
        out_line.contains("MESSAGE=one\n") && out_line.contains("PRIORITY=6\n"),
        "{out_line}"
    );
    assert!(
        err_line.contains("MESSAGE=two\n") && err_line.contains("PRIORITY=3\n"),
        "{err_line}"
    );
    // No journal listening: refused before anything is made.
    drop(listener);
    let _ = std::fs::remove_file(&sock);
    let out = run("nojournal");
    assert_eq!(out.status.code(), Some(125), "{:?}", text(&out));
    let e = text(&out).1;
    assert!(
        e.contains("no systemd journal") && e.contains("k8s-file"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
    den.fails(&["container", "exists", "nojournal"], 1);
}
