//! `benches/fs` (as an unprivileged user with subordinate ids): `cp` of a
//! 200 MB tree into and out of a running container, and `commit` of a
//! container with 200 MB of changes; side by side with podman when it is
//! installed.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{ratios, report, time, Podman};
use support::den::{push_busybox, Den};
use support::registry::Registry;

const RUNS: usize = 3;
/// 200 files of 1 MiB in 10 directories, plus 1000 small files.
const DIRS: usize = 10;
const BIG_PER_DIR: usize = 20;
const SMALL_PER_DIR: usize = 100;

/// The tree to copy: 200 MiB of poorly compressible data.
fn make_tree(root: &Path) {
    let mut seed: u32 = 0x9e37_79b9;
    let mut bytes = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .collect()
    };
    for d in 0..DIRS {
        let dir = root.join(format!("d{d}"));
        std::fs::create_dir_all(&dir).expect("tree dir");
        for f in 0..BIG_PER_DIR {
            std::fs::write(dir.join(format!("big{f}")), bytes(1 << 20)).expect("big file");
        }
        for f in 0..SMALL_PER_DIR {
            std::fs::write(dir.join(format!("small{f}")), bytes(512)).expect("small file");
        }
    }
}

/// The measurements with `tool`; `cmd` builds a command of that tool.
/// Returns the medians of cp in, cp out and commit.
fn measure(
    tool: &str,
    image: &str,
    tree: &Path,
    scratch: &Path,
    cmd: &dyn Fn(&[&str]) -> Command,
) -> [Option<Duration>; 3] {
    let src = tree.display().to_string();
    let (mut cp_in, mut cp_out, mut commit) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..RUNS {
        let name = format!("bench-fs-{i}");
        // No network: the copies need none, and /dev/net/tun may be closed.
        let run = [
            "run",
            "-d",
            "--network",
            "none",
            "--name",
            &name,
            image,
            "sleep",
            "1000",
        ];
        if let Err(e) = time(cmd(&run)) {
            println!("{tool}: could not start a container ({e}); skipping");
            return [None, None, None];
        }
        match time(cmd(&["cp", &src, &format!("{name}:/data")])) {
            Ok(t) => cp_in.push(t),
            Err(e) => println!("{tool}: cp into the container failed: {e}"),
        }
        let out = scratch.join(format!("{tool}-out-{i}"));
        match time(cmd(&[
            "cp",
            &format!("{name}:/data"),
            &out.display().to_string(),
        ])) {
            Ok(t) => cp_out.push(t),
            Err(e) => println!("{tool}: cp out of the container failed: {e}"),
        }
        if !same_size(tree, &out) {
            println!("{tool}: the tree copied out differs in size from the one copied in");
        }
        let _ = std::fs::remove_dir_all(&out);
        let _ = cmd(&["stop", "-t", "0", &name]).output();
        match time(cmd(&["commit", &name, &format!("bench-commit-{i}")])) {
            Ok(t) => commit.push(t),
            Err(e) => println!("{tool}: commit failed: {e}"),
        }
        let _ = cmd(&["rm", "-f", &name]).output();
        let _ = cmd(&["rmi", &format!("bench-commit-{i}")]).output();
    }
    let rep = |what: &str, v: Vec<Duration>| report(tool, what, v);
    [
        rep("cp 200 MiB tree into a running container", cp_in),
        rep("cp 200 MiB tree out of a running container", cp_out),
        rep("commit of a container with 200 MiB of changes", commit),
    ]
}

/// The total size of the regular files under `p`.
fn tree_size(p: &Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => total += tree_size(&e.path()),
                Ok(t) if t.is_file() => total += e.metadata().map(|m| m.len()).unwrap_or(0),
                _ => {}
            }
        }
    }
    total
}

fn same_size(a: &Path, b: &Path) -> bool {
    tree_size(a) == tree_size(b)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    support::den::require_rootless();
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    let image = format!("{}/busybox:latest", reg.addr);
    let work = tempfile::tempdir().expect("tempdir");
    let tree = work.path().join("tree");
    make_tree(&tree);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", &image]);
    let d = measure("den", &image, &tree, work.path(), &|args| den.cmd(args));
    let p = match Podman::find(&reg.addr) {
        None => {
            println!("podman is not installed: no side-by-side figures");
            [None, None, None]
        }
        Some(pm) => {
            let _ = pm.cmd(&["pull", "-q", &image]).output();
            measure("podman", &image, &tree, work.path(), &|args| pm.cmd(args))
        }
    };
    ratios(&["cp in", "cp out", "commit"], &d, &p);
}
