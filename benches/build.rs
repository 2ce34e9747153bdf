//! `benches/build` (as an unprivileged user with subordinate ids): a
//! reference multi-stage Dockerfile (two independent build stages that
//! copy sources and run commands, and a final stage that takes their
//! results), built cold (`--no-cache`) and fully cached; side by side
//! with `podman build` (buildah) when podman is installed.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{ratios, report, time, Podman};
use support::den::{push_busybox, Den};
use support::registry::Registry;

const RUNS: usize = 5;

const DOCKERFILE: &str = "\
ARG BASE=busybox
FROM $BASE AS compile
WORKDIR /src
COPY src/ ./
RUN cat *.c | sha256sum > /out.sum && mkdir -p /out && cp -r . /out/
FROM $BASE AS assets
COPY assets/ /assets/
RUN tar -cf /assets.tar -C /assets . && ls -l /assets.tar
FROM $BASE
ENV APP=/app
WORKDIR /app
COPY --from=compile /out.sum /out /app/
COPY --from=assets /assets.tar /app/
LABEL org.example.bench=build
EXPOSE 8080
CMD [\"cat\", \"/app/out.sum\"]
";

/// The context: the Dockerfile, 200 source files, 50 assets of 64 KiB.
fn context(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::create_dir_all(dir.join("assets")).expect("mkdir");
    std::fs::write(dir.join("Containerfile"), DOCKERFILE).expect("write");
    for i in 0..200 {
        std::fs::write(
            dir.join(format!("src/f{i}.c")),
            format!("int f{i}(void) {{ return {i}; }}\n").repeat(40),
        )
        .expect("write");
    }
    for i in 0..50 {
        std::fs::write(
            dir.join(format!("assets/a{i}.bin")),
            vec![i as u8; 64 << 10],
        )
        .expect("write");
    }
}

/// Cold and cached builds with `cmd`.
fn measure(
    tool: &str,
    dir: &Path,
    base: &str,
    cmd: &dyn Fn(&[&str]) -> Command,
) -> [Option<Duration>; 2] {
    let ctx = dir.display().to_string();
    let arg = format!("BASE={base}");
    let cmd = |args: &[&str]| {
        let mut c = cmd(&["build", "--build-arg", &arg]);
        c.args(args);
        c
    };
    let (mut cold, mut cached) = (Vec::new(), Vec::new());
    // Once first: the base image is pulled, the cache filled.
    if let Err(e) = time(cmd(&["-q", "-t", "bench", &ctx])) {
        println!("{tool}: build failed: {e}");
        return [None, None];
    }
    for _ in 0..RUNS {
        match time(cmd(&["-q", "--no-cache", "-t", "bench", &ctx])) {
            Ok(t) => cold.push(t),
            Err(e) => println!("{tool}: cold build failed: {e}"),
        }
        match time(cmd(&["-q", "-t", "bench", &ctx])) {
            Ok(t) => cached.push(t),
            Err(e) => println!("{tool}: cached build failed: {e}"),
        }
    }
    [
        report(
            tool,
            "cold build (--no-cache) of the reference multi-stage Dockerfile",
            cold,
        ),
        report(tool, "fully cached rebuild of it", cached),
    ]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    support::den::require_rootless();
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    let work = tempfile::tempdir().expect("tempdir");
    context(work.path());
    let den = Den::new(&reg.addr);
    let base = format!("{}/busybox:latest", reg.addr);
    let d = measure("den", work.path(), &base, &|a| den.cmd(a));
    let p = match Podman::find(&reg.addr) {
        None => {
            println!("podman is not installed: no side-by-side figures");
            [None, None]
        }
        Some(pm) => measure("podman", work.path(), &base, &|a| pm.cmd(a)),
    };
    ratios(&["cold build", "cached build"], &d, &p);
}
