//! `cargo bench --bench throughput` (as an unprivileged user with
//! subordinate ids; `benches/bench.sh throughput` does the set-up as root):
//! TCP throughput with iperf3 between the host and a container, through
//! den's default network helper and slirp4netns, and through podman's when
//! it is installed:
//!
//! - host to container: the container serves iperf3 on a published port,
//!   the host's iperf3 connects to 127.0.0.1;
//! - container to host: the host serves, the container's iperf3 connects to
//!   host.containers.internal.
//!
//! The image is a Debian rootfs with iperf3 (`DEN_IPERF_TAR`, made by
//! bench.sh with mmdebstrap); the host needs iperf3 too.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Podman;
use support::den::Den;
use support::oci::{self, Compression, ImageSpec};
use support::registry::Registry;

const SECONDS: &str = "4";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Gbit/s received, from iperf3's JSON report.
fn gbits(json: &[u8]) -> Option<f64> {
    let v: serde_json::Value = serde_json::from_slice(json).ok()?;
    v["end"]["sum_received"]["bits_per_second"]
        .as_f64()
        .map(|b| b / 1e9)
}

/// Run iperf3 on the host as a client of 127.0.0.1:port, retrying while
/// the server in the container comes up.
fn host_client(port: u16) -> Option<f64> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let out = Command::new("iperf3")
            .args([
                "-c",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-t",
                SECONDS,
                "-J",
            ])
            .output()
            .ok()?;
        if out.status.success() {
            return gbits(&out.stdout);
        }
        if Instant::now() > deadline {
            println!(
                "  iperf3 client failed: {}",
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .find(|l| l.contains("error"))
                    .unwrap_or("")
            );
            return None;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// One tool (den or podman) with one network: both directions.
fn measure(
    tool: &str,
    net: &str,
    cmd: &dyn Fn(&[&str]) -> Command,
    image: &str,
) -> [Option<f64>; 2] {
    let mut net_args: Vec<&str> = Vec::new();
    if !net.is_empty() {
        net_args.extend(["--network", net]);
    }
    // Host to container, through a published port.
    let port = free_port();
    let publish = format!("{port}:5201");
    let mut args = vec!["run", "-d", "--name", "iperf-srv", "-p", &publish];
    args.extend(&net_args);
    args.extend([image, "iperf3", "-s", "-p", "5201"]);
    let started = cmd(&args).output().map(|o| {
        if !o.status.success() {
            println!(
                "  {tool} run failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
        }
        o.status.success()
    });
    let inbound = if started.unwrap_or(false) {
        host_client(port)
    } else {
        None
    };
    let _ = cmd(&["rm", "-f", "iperf-srv"]).output();
    // Container to host.
    let port = free_port();
    let mut server = Command::new("iperf3")
        .args(["-s", "-1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .spawn()
        .expect("iperf3 on the host");
    std::thread::sleep(Duration::from_millis(300));
    let mut args = vec!["run", "--rm"];
    args.extend(&net_args);
    let p = port.to_string();
    args.extend([
        image,
        "iperf3",
        "-c",
        "host.containers.internal",
        "-p",
        &p,
        "-t",
        SECONDS,
        "-J",
    ]);
    let outbound = cmd(&args).output().ok().and_then(|o| gbits(&o.stdout));
    let _ = server.kill();
    let _ = server.wait();
    let show = |x: Option<f64>| {
        x.map(|g| format!("{g:6.2} Gbit/s"))
            .unwrap_or("  failed".into())
    };
    let label = if net.is_empty() { "(default)" } else { net };
    println!(
        "{tool:6} {label:12}  host->container {}   container->host {}",
        show(inbound),
        show(outbound)
    );
    [inbound, outbound]
}

fn main() {
    let Some(tar) = std::env::var_os("DEN_IPERF_TAR") else {
        println!("DEN_IPERF_TAR is not set: run this through benches/bench.sh throughput, which makes the image");
        std::process::exit(1);
    };
    if Command::new("iperf3").arg("-v").output().is_err() {
        println!("iperf3 is not installed on the host (apt-get install iperf3)");
        std::process::exit(1);
    }
    let reg = Registry::start();
    let spec = ImageSpec {
        cmd: Some(vec!["bash".into()]),
        ..Default::default()
    };
    let layer = oci::layer(
        std::fs::read(tar).expect("the iperf3 image tar"),
        Compression::None,
        false,
    );
    oci::push_image(&reg.addr, "iperf", "latest", &spec, &[layer], false);
    let image = format!("{}/iperf:latest", reg.addr);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", &image]);
    let den_cmd = |a: &[&str]| den.cmd(a);
    let den_default = measure("den", "", &den_cmd, &image);
    measure("den", "slirp4netns", &den_cmd, &image);
    match Podman::find(&reg.addr) {
        None => println!("podman is not installed: no side-by-side figures"),
        Some(p) => {
            let _ = p.cmd(&["pull", "-q", &image]).output();
            let pod_cmd = |a: &[&str]| p.cmd(a);
            // podman 4's default is slirp4netns (with its rootlessport
            // forwarder); it has no pasta before 4.4.
            let pod_default = measure("podman", "", &pod_cmd, &image);
            if let (Some(d), Some(p)) = (den_default[0], pod_default[0]) {
                println!(
                    "host->container, default networks: den/podman = {:.2}x",
                    d / p
                );
            }
        }
    }
}
