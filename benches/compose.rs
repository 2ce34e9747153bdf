//! `compose up -d` and `down` of a three-service project (a network, a
//! named volume, a dependency), den beside podman-compose driving podman
//! when both are installed. Target: `up` five times faster.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::process::Command;
use std::time::Duration;

use common::{median, ms, time, Podman};

const RUNS: usize = 10;

fn project(image: &str) -> String {
    format!(
        "services:\n  db:\n    image: {image}\n    init: true\n    command: sleep 1000\n    volumes:\n      - data:/data\n  api:\n    image: {image}\n    init: true\n    command: sleep 1000\n    depends_on: [db]\n  web:\n    image: {image}\n    init: true\n    command: sleep 1000\n    depends_on: [api]\nvolumes:\n  data:\n"
    )
}

/// Time `up` and `down` RUNS times each with `cmd` (a compose command).
fn measure(tool: &str, cmd: &dyn Fn(&[&str]) -> Command) -> Option<(Duration, Duration)> {
    let (mut ups, mut downs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        match time(cmd(&["up", "-d"])) {
            Ok(t) => ups.push(t),
            Err(e) => {
                println!("{tool}: up failed: {e}");
                let _ = cmd(&["down", "-v"]).output();
                return None;
            }
        }
        match time(cmd(&["down", "-v"])) {
            Ok(t) => downs.push(t),
            Err(e) => {
                println!("{tool}: down failed: {e}");
                return None;
            }
        }
    }
    let (up, down) = (median(ups), median(downs));
    println!(
        "{tool:7} compose up -d (3 services): median {:.1} ms (n={RUNS})",
        ms(up)
    );
    println!(
        "{tool:7} compose down -v:            median {:.1} ms (n={RUNS})",
        ms(down)
    );
    Some((up, down))
}

fn main() {
    let Some((reg, den, image)) = support::den::busybox_den() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("compose.yaml");
    std::fs::write(&file, project(&image)).expect("compose file");
    let file_arg = file.display().to_string();
    let den_cmd = |args: &[&str]| {
        let mut all = vec!["compose", "-f", &file_arg, "-p", "bench"];
        all.extend_from_slice(args);
        den.cmd(&all)
    };
    let ours = measure("den", &den_cmd);
    let has_compose = Command::new("podman-compose")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let theirs = match (Podman::find(&reg.addr), has_compose) {
        (Some(p), true) => {
            let _ = p.cmd(&["pull", "-q", &image]).output();
            let global = p.global_args().join(" ");
            let pc = |args: &[&str]| {
                let mut c = Command::new("podman-compose");
                c.env("CONTAINERS_REGISTRIES_CONF", p.registries_conf())
                    .arg(format!("--podman-args={global}"))
                    .args(["-f", &file_arg, "-p", "bench"])
                    .args(args);
                c
            };
            measure("podman-compose", &pc)
        }
        _ => {
            println!("podman-compose or podman is not installed: den only");
            None
        }
    };
    if let (Some((du, dd)), Some((pu, pd))) = (ours, theirs) {
        println!("up: podman-compose/den = {:.1}x", ms(pu) / ms(du));
        println!("down: podman-compose/den = {:.1}x", ms(pd) / ms(dd));
    }
}
