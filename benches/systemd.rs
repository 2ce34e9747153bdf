//! systemd integration's hot paths, den beside podman when installed:
//! from a unit's `ExecStart=` (`run -d --sdnotify=conmon` with a real
//! NOTIFY_SOCKET) to `READY=1`, which is how long systemd waits before a
//! unit counts as started; `generate systemd --new`; and den's quadlet
//! generator on three files (podman 4.3 has no quadlet).

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::os::unix::net::UnixDatagram;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{median, ms, ratios, time, Podman};

const RUNS: usize = 10;

/// Median time from starting `cmd(name)` to READY=1 on a notify socket;
/// `rm(name)` after each.
fn to_ready(
    tool: &str,
    dir: &std::path::Path,
    cmd: &dyn Fn(&str) -> Command,
    rm: &dyn Fn(&str) -> Command,
) -> Option<Duration> {
    let path = dir.join(format!("{tool}.notify"));
    let sock = UnixDatagram::bind(&path).expect("notify socket");
    sock.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut times = Vec::new();
    for i in 0..RUNS {
        let name = format!("ready{i}");
        let began = Instant::now();
        let out = cmd(&name)
            .env("NOTIFY_SOCKET", &path)
            .output()
            .expect("run");
        if !out.status.success() {
            println!(
                "{tool}: run failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return None;
        }
        let mut got = String::new();
        let mut buf = [0u8; 4096];
        while !got.contains("READY=1") {
            let n = sock.recv(&mut buf).expect("READY in time");
            got.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        times.push(began.elapsed());
        let _ = rm(&name).output();
        // Drain STOPPING=1.
        let _ = sock.set_read_timeout(Some(Duration::from_millis(200)));
        while sock.recv(&mut buf).is_ok() {}
        let _ = sock.set_read_timeout(Some(Duration::from_secs(30)));
    }
    let m = median(times);
    println!(
        "{tool:6} ExecStart to READY=1 (run -d --sdnotify=conmon): median {:.1} ms (n={RUNS})",
        ms(m)
    );
    Some(m)
}

fn timed(tool: &str, what: &str, cmd: &dyn Fn() -> Command) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        match time(cmd()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{tool}: {what} failed: {e}");
                return None;
            }
        }
    }
    let m = median(times);
    println!("{tool:6} {what}: median {:.1} ms (n={RUNS})", ms(m));
    Some(m)
}

fn main() {
    let Some((reg, den, image)) = support::den::busybox_den() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = to_ready(
        "den",
        dir.path(),
        &|name| {
            den.cmd(&[
                "run",
                "-d",
                "--rm",
                "--network",
                "none",
                "--name",
                name,
                &image,
                "sleep",
                "100",
            ])
        },
        &|name| den.cmd(&["rm", "-f", name]),
    );
    den.ok(&["create", "--name", "gen", &image, "sleep", "100"]);
    let our_gen = timed("den", "generate systemd --new", &|| {
        den.cmd(&["generate", "systemd", "--new", "gen"])
    });
    let q = den.home().join("config/containers/systemd");
    std::fs::create_dir_all(&q).expect("quadlet dir");
    std::fs::write(
        q.join("web.container"),
        format!("[Container]\nImage={image}\nExec=sleep 100\nNetwork=net.network\nVolume=data.volume:/d\nPublishPort=8080:80\n[Install]\nWantedBy=default.target\n"),
    )
    .expect("container");
    std::fs::write(q.join("net.network"), "[Network]\nSubnet=10.89.9.0/24\n").expect("network");
    std::fs::write(q.join("data.volume"), "[Volume]\n").expect("volume");
    timed("den", "quadlet --dryrun (3 files)", &|| {
        den.cmd(&["quadlet", "--dryrun"])
    });
    den.ok(&["rm", "-f", "gen"]);
    let Some(p) = Podman::find(&reg.addr) else {
        println!("podman is not installed: den only");
        return;
    };
    let _ = p.cmd(&["pull", "-q", &image]).output();
    let theirs = to_ready(
        "podman",
        dir.path(),
        &|name| {
            p.cmd(&[
                "run",
                "-d",
                "--rm",
                "--sdnotify=conmon",
                "--network",
                "none",
                "--name",
                name,
                &image,
                "sleep",
                "100",
            ])
        },
        &|name| p.cmd(&["rm", "-f", "-t", "0", name]),
    );
    let _ = p
        .cmd(&["create", "--name", "pgen", &image, "sleep", "100"])
        .output();
    let their_gen = timed("podman", "generate systemd --new", &|| {
        p.cmd(&["generate", "systemd", "--new", "pgen"])
    });
    let _ = p.cmd(&["rm", "-f", "pgen"]).output();
    ratios(
        &["to READY", "generate"],
        &[ours, our_gen],
        &[theirs, their_gen],
    );
}
