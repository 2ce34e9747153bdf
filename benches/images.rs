//! `benches/images` (as an unprivileged user with subordinate ids): `push`
//! of a 9-layer 128 MiB image pulled from a loopback registry, to a new
//! repository of that registry (its blobs are there: mounted, not sent)
//! and to a second registry (every layer compressed and sent), and `save`
//! / `load` of it; side by side with podman when it is installed.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::process::Command;
use std::time::Duration;

use common::{ratios, report, time, Podman};
use support::den::{push_large, Den};
use support::registry::Registry;

const RUNS: usize = 3;

/// push, save, load with `tool`; `cmd` builds a command of that tool.
fn measure(
    tool: &str,
    reg: &str,
    others: &[String],
    image: &str,
    dir: &std::path::Path,
    push_flags: &[&str],
    cmd: &dyn Fn(&[&str]) -> Command,
) -> [Option<Duration>; 3] {
    let (mut push, mut save, mut load) = (Vec::new(), Vec::new(), Vec::new());
    let mut mount = Vec::new();
    for (i, other) in others.iter().enumerate().take(RUNS) {
        // A registry of its own each time: nothing there, nothing cached.
        for (registry, times) in [(reg, &mut mount), (other.as_str(), &mut push)] {
            let dest = format!("{registry}/{tool}-push-{i}/large:latest");
            let mut args = vec!["push"];
            args.extend_from_slice(push_flags);
            args.extend_from_slice(&[image, &dest]);
            match time(cmd(&args)) {
                Ok(t) => times.push(t),
                Err(e) => println!("{tool}: push failed: {e}"),
            }
        }
        let file = dir.join(format!("{tool}-{i}.tar")).display().to_string();
        match time(cmd(&["save", "-o", &file, image])) {
            Ok(t) => save.push(t),
            Err(e) => println!("{tool}: save failed: {e}"),
        }
        let _ = cmd(&["rmi", "-f", image]).output();
        match time(cmd(&["load", "-i", &file])) {
            Ok(t) => load.push(t),
            Err(e) => println!("{tool}: load failed: {e}"),
        }
        let _ = std::fs::remove_file(&file);
    }
    report(
        tool,
        "push of a 9-layer 128 MiB image to a new repository (mounts)",
        mount,
    );
    [
        report(
            tool,
            "push of a 9-layer 128 MiB image to an empty registry (all sent)",
            push,
        ),
        report(tool, "save of it (docker-archive)", save),
        report(tool, "load of it", load),
    ]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    support::den::require_rootless();
    let reg = Registry::start();
    // Fresh registries for the pushes that must send everything.
    let fresh: Vec<Registry> = (0..2 * RUNS).map(|_| Registry::start()).collect();
    let addrs: Vec<String> = fresh.iter().map(|r| r.addr.clone()).collect();
    push_large(&reg, "large");
    let image = format!("{}/large:latest", reg.addr);
    let work = tempfile::tempdir().expect("tempdir");
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", &image]);
    let d = measure(
        "den",
        &reg.addr,
        &addrs[..RUNS],
        &image,
        work.path(),
        &["--tls-verify=false"],
        &|a| den.cmd(a),
    );
    let p = match Podman::find(&reg.addr) {
        None => {
            println!("podman is not installed: no side-by-side figures");
            [None, None, None]
        }
        Some(pm) => {
            let _ = pm.cmd(&["pull", "-q", &image]).output();
            measure(
                "podman",
                &reg.addr,
                &addrs[RUNS..],
                &image,
                work.path(),
                &["--tls-verify=false"],
                &|a| pm.cmd(a),
            )
        }
    };
    ratios(&["push", "save", "load"], &d, &p);
}
