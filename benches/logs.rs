//! `benches/logs` (as an unprivileged user with subordinate ids): `logs
//! --tail 10` of a container with a 1 GB log, which must read from the
//! end (target: under 50 ms), and the same with podman's k8s-file log
//! when podman is installed.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::io::Write;
use std::path::Path;

use common::{median, ms, time, Podman};

const RUNS: usize = 20;
const LOG_BYTES: u64 = 1_000_000_000;

/// Append a k8s-file log of `LOG_BYTES` (lines of output) to `log`.
fn fill(log: &Path) {
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(log)
        .unwrap_or_else(|e| panic!("opening {}: {e}", log.display()));
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    let mut n = 0u64;
    let mut i = 0u64;
    while n < LOG_BYTES {
        let rec = format!("2026-11-29T10:00:00.000000000Z stdout F line {i} of a large log\n");
        w.write_all(rec.as_bytes()).expect("write");
        n += rec.len() as u64;
        i += 1;
    }
    w.flush().expect("flush");
}

fn bench(tool: &str, mut logs: impl FnMut() -> std::process::Command) {
    let _ = time(logs());
    let mut times = Vec::new();
    for _ in 0..RUNS {
        match time(logs()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{tool}: logs failed: {e}");
                return;
            }
        }
    }
    let min = times.iter().min().copied().unwrap_or_default();
    println!(
        "{tool:7} logs --tail 10 of a 1 GB log: median {:.1} ms (min {:.1}, n={RUNS})",
        ms(median(times)),
        ms(min)
    );
}

fn main() {
    let Some((reg, den, image)) = support::den::busybox_den() else {
        return;
    };
    den.ok(&[
        "run",
        "-d",
        "--name",
        "biglog",
        "--log-opt",
        "max-size=-1",
        &image,
        "sleep",
        "1000",
    ]);
    let id = den.ok(&["inspect", "-f", "{{.Id}}", "biglog"]);
    fill(
        &den.data()
            .join("containers")
            .join(id.trim())
            .join("ctr.log"),
    );
    bench("den", || den.cmd(&["logs", "--tail", "10", "biglog"]));
    den.ok(&["rm", "-f", "biglog"]);

    match Podman::find(&reg.addr) {
        None => println!("podman is not installed: no side-by-side figures"),
        Some(p) => {
            let started = p
                .cmd(&[
                    "run",
                    "-d",
                    "--name",
                    "biglog",
                    "--log-driver",
                    "k8s-file",
                    &image,
                    "sleep",
                    "1000",
                ])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            let path = p
                .cmd(&["inspect", "-f", "{{.HostConfig.LogConfig.Path}}", "biglog"])
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .filter(|s| !s.is_empty());
            match (started, path) {
                (true, Some(path)) => {
                    fill(Path::new(&path));
                    bench("podman", || p.cmd(&["logs", "--tail", "10", "biglog"]));
                }
                _ => println!("podman: could not start a container with a k8s-file log"),
            }
            let _ = p.cmd(&["rm", "-f", "-t", "0", "biglog"]).output();
        }
    }
}
