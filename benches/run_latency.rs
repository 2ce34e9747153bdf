//! `cargo bench --bench run-latency` (as an unprivileged user with
//! subordinate ids; `benches/run-latency` does the set-up as root):
//! times `den run --rm --network none busybox true` and the pull of a large
//! image from a local registry, and the same with podman when it is
//! installed, then prints medians and ratios.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::process::Command;
use std::time::Duration;

use common::{baseline_bin, compare, median, ms, time, Podman};

use support::den::{push_busybox, push_large, Den};
use support::registry::Registry;

const RUNS: usize = 40;
const PULLS: usize = 3;

fn bench_run(name: &str, what: &str, mut make: impl FnMut() -> Command) -> Option<Duration> {
    let _ = time(make()); // warm the page cache
    let mut times = Vec::new();
    for _ in 0..RUNS {
        match time(make()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{name}: run failed: {e}");
                return None;
            }
        }
    }
    let m = median(times.clone());
    times.sort();
    println!(
        "{name:8} run --rm {what} busybox true: median {:.1} ms (min {:.1}, max {:.1}, n={RUNS})",
        ms(m),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    Some(m)
}

fn bench_pull(
    name: &str,
    mut pull: impl FnMut() -> Command,
    mut clean: impl FnMut(),
) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..PULLS {
        clean();
        match time(pull()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{name}: pull failed: {e}");
                return None;
            }
        }
    }
    let m = median(times);
    println!(
        "{name:8} pull of a 9-layer 128 MiB image: median {:.0} ms (n={PULLS})",
        ms(m)
    );
    Some(m)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a listing
    }
    support::den::require_rootless();
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    push_large(&reg, "large");
    let den = Den::new(&reg.addr);
    let busybox = format!("{}/busybox:latest", reg.addr);
    let large = format!("{}/large:latest", reg.addr);
    den.ok(&["pull", "-q", &busybox]);
    println!("den: {}", support::den::den_bin().display());

    let den_run = bench_run("den", "--network none", || {
        den.cmd(&["run", "--rm", "--network", "none", &busybox, "true"])
    });
    // Before and after a change: the same run with another den binary.
    if let Some(base) = baseline_bin() {
        let args = ["run", "--rm", "--network", "none", &busybox, "true"];
        compare(
            "den      run --rm --network none busybox true",
            RUNS * 2,
            || {
                let mut c = den.command(&base);
                c.args(args);
                c
            },
            || den.cmd(&args),
        );
    }
    // What the seccomp filter costs: the same run without it.
    bench_run(
        "den",
        "--network none --security-opt seccomp=unconfined",
        || {
            den.cmd(&[
                "run",
                "--rm",
                "--network",
                "none",
                "--security-opt",
                "seccomp=unconfined",
                &busybox,
                "true",
            ])
        },
    );
    // The default network (pasta here), and slirp4netns.
    let den_net = bench_run("den", "(default network)", || {
        den.cmd(&["run", "--rm", &busybox, "true"])
    });
    bench_run("den", "--network slirp4netns", || {
        den.cmd(&["run", "--rm", "--network", "slirp4netns", &busybox, "true"])
    });
    // A user-defined network, with another container on it holding the
    // shared namespace (as when a stack of containers runs).
    den.ok(&["network", "create", "benchnet"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "anchor",
        "--network",
        "benchnet",
        &busybox,
        "sleep",
        "600",
    ]);
    bench_run("den", "--network benchnet (user-defined)", || {
        den.cmd(&["run", "--rm", "--network", "benchnet", &busybox, "true"])
    });
    den.ok(&["rm", "-f", "anchor"]);
    let den_pull = bench_pull(
        "den",
        || den.cmd(&["pull", "-q", &large]),
        || {
            let _ = den.output(&["rmi", "-f", &large]);
        },
    );

    let podman = Podman::find(&reg.addr);
    let (pod_run, pod_net, pod_pull) = match &podman {
        None => {
            println!("podman is not installed: no side-by-side figures");
            (None, None, None)
        }
        Some(p) => {
            let _ = p.cmd(&["pull", "-q", &busybox]).output();
            let r = bench_run("podman", "--network none", || {
                p.cmd(&["run", "--rm", "--network", "none", &busybox, "true"])
            });
            let n = bench_run("podman", "(default network)", || {
                p.cmd(&["run", "--rm", &busybox, "true"])
            });
            let l = bench_pull(
                "podman",
                || p.cmd(&["pull", "-q", &large]),
                || {
                    let _ = p.cmd(&["rmi", "-f", &large]).output();
                },
            );
            (r, n, l)
        }
    };
    if let (Some(d), Some(p)) = (den_net, pod_net) {
        println!(
            "run with the default network: podman/den = {:.1}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
    if let (Some(d), Some(p)) = (den_run, pod_run) {
        println!(
            "run: podman/den = {:.1}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
    if let (Some(d), Some(p)) = (den_pull, pod_pull) {
        println!(
            "pull: podman/den = {:.2}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
}
