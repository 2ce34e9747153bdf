//! `benches/lifecycle` (as an unprivileged user with subordinate ids):
//! `exec` latency, `ps -a` with 100 containers, `stats --no-stream` of 20
//! running ones, `stop` of a container that
//! exits on SIGTERM, and the supervisor's private memory; side by side
//! with podman when it is installed.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::process::Command;
use std::time::Duration;

use common::{baseline_bin, compare_builds, median, ms, ratios, repeat, time, Podman};

const EXECS: usize = 40;
const PS_RUNS: usize = 20;
const STOPS: usize = 8;
const CONTAINERS: usize = 100;
const STATS_CONTAINERS: usize = 20;

fn report(what: &str, tool: &str, times: Vec<Duration>) -> Duration {
    let m = median(times.clone());
    let min = times.iter().min().copied().unwrap_or_default();
    println!(
        "{tool:7} {what}: median {:.1} ms (min {:.1}, n={})",
        ms(m),
        ms(min),
        times.len()
    );
    m
}

/// Private memory (kB) of a process: its anonymous pages (heap, stack,
/// relocated data), from smaps_rollup. (Private_Dirty would also count
/// page-cache pages of a freshly copied binary that are not yet written
/// back, which are not the process's memory.)
fn private_kb(pid: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    Some(field("Anonymous:"))
}

/// Run the lifecycle measurements with `tool` (den or podman); `cmd` builds
/// a command of that tool.
fn measure(tool: &str, image: &str, cmd: &dyn Fn(&[&str]) -> Command) -> [Option<Duration>; 4] {
    let ok = |args: &[&str]| {
        cmd(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !ok(&["run", "-d", "--name", "bench-exec", image, "sleep", "1000"]) {
        println!("{tool}: could not start a container; skipping");
        return [None, None, None, None];
    }
    let exec = repeat(EXECS, || cmd(&["exec", "bench-exec", "true"]))
        .map(|t| report("exec C true", tool, t))
        .map_err(|e| println!("{tool}: exec failed: {e}"))
        .ok();
    if tool == "den" {
        let sup = cmd(&["inspect", "-f", "{{.State.ConmonPid}}", "bench-exec"])
            .output()
            .ok();
        if let Some(pid) = sup.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()) {
            match private_kb(&pid) {
                Some(kb) => println!("den     supervisor private (anonymous) memory: {kb} kB"),
                None => println!("den     supervisor private memory: unreadable"),
            }
        }
        // The same with a healthcheck every second, after five checks.
        if ok(&[
            "run",
            "-d",
            "--name",
            "bench-health",
            "--health-cmd",
            "true",
            "--health-interval",
            "1s",
            image,
            "sleep",
            "1000",
        ]) {
            std::thread::sleep(Duration::from_millis(5500));
            let sup = cmd(&[
                "inspect",
                "-f",
                "{{.State.ConmonPid}} {{len .State.Health.Log}}",
                "bench-health",
            ])
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
            let (pid, checks) = sup.split_once(' ').unwrap_or(("", ""));
            match private_kb(pid) {
                Some(kb) => println!(
                    "den     supervisor private (anonymous) memory with a healthcheck every second ({checks} checks logged): {kb} kB"
                ),
                None => println!("den     supervisor private memory with a healthcheck: unreadable"),
            }
            let _ = cmd(&["rm", "-f", "bench-health"]).output();
        }
    }
    let _ = cmd(&["rm", "-f", "bench-exec"]).output();
    for i in 0..CONTAINERS {
        let _ = cmd(&["create", "--name", &format!("bench-{i}"), image, "true"]).output();
    }
    let ps = repeat(PS_RUNS, || cmd(&["ps", "-a"]))
        .map(|t| report(&format!("ps -a with {CONTAINERS} containers"), tool, t))
        .map_err(|e| println!("{tool}: ps failed: {e}"))
        .ok();
    let _ = cmd(&["rm", "-f", "--all"]).output();
    // stats of 20 running containers.
    let mut started = 0;
    for i in 0..STATS_CONTAINERS {
        if ok(&[
            "run",
            "-d",
            "--name",
            &format!("bench-stats-{i}"),
            image,
            "sleep",
            "1000",
        ]) {
            started += 1;
        }
    }
    let stats = (started == STATS_CONTAINERS)
        .then(|| {
            repeat(PS_RUNS, || cmd(&["stats", "--no-stream"]))
                .map(|t| {
                    report(
                        &format!("stats --no-stream of {STATS_CONTAINERS} running containers"),
                        tool,
                        t,
                    )
                })
                .map_err(|e| println!("{tool}: stats failed: {e}"))
                .ok()
        })
        .flatten();
    let _ = cmd(&["rm", "-f", "--all"]).output();
    let mut stops = Vec::new();
    for i in 0..STOPS {
        let name = format!("bench-stop-{i}");
        if !ok(&[
            "run",
            "-d",
            "--name",
            &name,
            image,
            "sh",
            "-c",
            "trap 'exit 0' TERM; sleep 1000 & wait",
        ]) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if let Ok(t) = time(cmd(&["stop", &name])) {
            stops.push(t);
        }
        let _ = cmd(&["rm", "-f", &name]).output();
    }
    let stop = (!stops.is_empty()).then(|| report("stop (exits on SIGTERM)", tool, stops));
    [exec, ps, stop, stats]
}

fn main() {
    let Some((reg, den, image)) = support::den::busybox_den() else {
        return;
    };
    // Before and after a change: exec with another den binary, alternating.
    if let Some(base) = baseline_bin() {
        den.ok(&["run", "-d", "--name", "bench-base", &image, "sleep", "1000"]);
        let args = ["exec", "bench-base", "true"];
        compare_builds(
            "den     exec C true",
            EXECS * 2,
            &base,
            &support::den::den_bin(),
            &args,
            |bin| den.command(bin),
        );
        den.ok(&["rm", "-f", "bench-base"]);
    }
    let d = measure("den", &image, &|args| den.cmd(args));
    let p = match Podman::find(&reg.addr) {
        None => {
            println!("podman is not installed: no side-by-side figures");
            [None, None, None, None]
        }
        Some(pm) => {
            let _ = pm.cmd(&["pull", "-q", &image]).output();
            measure("podman", &image, &|args| pm.cmd(args))
        }
    };
    ratios(&["exec", "ps -a", "stop", "stats --no-stream"], &d, &p);
}
