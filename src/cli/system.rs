//! `den info`, `den version`, `den unshare`.

use std::os::unix::process::CommandExt;

use anyhow::{Context, Result};
use clap::Args;
use serde_json::json;

use super::output;
use crate::config::paths::Paths;
use crate::container::Containers;
use crate::image::store::Store;
use crate::runtime::{idmap, userns};
use crate::storage::driver;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Format output: json, or a Go template like '{{.Store.GraphDriverName}}'
    #[arg(short, long)]
    pub format: Option<String>,
}

fn helper(name: &str) -> serde_json::Value {
    let path = crate::network::helper::find(name);
    match path {
        Some(p) => {
            let version = std::process::Command::new(&p)
                .arg("--version")
                .output()
                .ok()
                .map(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_default();
            json!({"executable": p.display().to_string(), "version": version, "available": true})
        }
        None => json!({"executable": "", "version": "", "available": false}),
    }
}

fn cgroup_version() -> &'static str {
    match rustix::fs::statfs("/sys/fs/cgroup") {
        Ok(s) if s.f_type as u64 == 0x6367_7270 => "v2",
        _ => "v1",
    }
}

pub fn info(paths: &Paths, a: InfoArgs, driver_flag: Option<&str>) -> Result<i32> {
    let store = Store::new(paths);
    let maps = idmap::host_maps()?;
    let images = store.images()?.len();
    let containers = Containers::new(paths).list()?.len();
    let driver_name = driver::configured(driver_flag)?
        .or_else(|| driver::remembered(&store))
        .map(|d| d.name())
        .unwrap_or("overlay (detected at first run)");
    let uts = rustix::system::uname();
    let pasta = helper("pasta");
    let slirp = helper("slirp4netns");
    let network = if pasta["available"] == true {
        "pasta"
    } else if slirp["available"] == true {
        "slirp4netns"
    } else {
        "none"
    };
    let v = json!({
        "host": {
            "arch": crate::image::manifest::host_arch(),
            "os": "linux",
            "kernel": uts.release().to_string_lossy(),
            "hostname": uts.nodename().to_string_lossy(),
            "cgroupVersion": cgroup_version(),
            "cgroupManager": "cgroupfs",
            "rootless": true,
            "idMappings": { "uidmap": maps.uid, "gidmap": maps.gid },
            "idMappingsSingle": maps.single,
            "networkHelpers": { "pasta": pasta, "slirp4netns": slirp },
            "defaultNetwork": crate::network::default_name(),
            "availableNetwork": network,
            "newuidmap": helper("newuidmap"),
            "newgidmap": helper("newgidmap"),
            "fuseOverlayfs": helper("fuse-overlayfs"),
            "security": {
                "rootless": true,
                "seccompEnabled": seccomp_enabled(),
                "seccompProfilePath": "built-in (den's default profile)",
                "libseccompVersion": crate::runtime::seccomp::library_version(),
                "noNewPrivileges": false,
                "capabilities": crate::runtime::security::DEFAULT_CAPS.join(","),
                "maskedPaths": crate::runtime::security::DEFAULT_MASKED,
                "readOnlyPaths": crate::runtime::security::DEFAULT_READONLY,
            },
        },
        "checks": crate::config::host::findings(paths, true),
        "store": {
            "graphDriverName": driver_name,
            "graphRoot": paths.data.display().to_string(),
            "runRoot": paths.runtime.display().to_string(),
            "imageStore": { "number": images },
            "containerStore": { "number": containers },
        },
        "version": version_json(),
    });
    output::print_object(&v, a.format.as_deref())?;
    Ok(0)
}

#[derive(Debug, clap::Subcommand)]
pub enum SystemCommand {
    /// Check this host for what den needs; print each problem with its fix
    /// (exit 0 only when nothing is wrong)
    Check,
    /// Display den related system information
    Info(InfoArgs),
}

pub fn system(paths: &Paths, c: SystemCommand, driver_flag: Option<&str>) -> Result<i32> {
    match c {
        SystemCommand::Info(a) => info(paths, a, driver_flag),
        SystemCommand::Check => check(paths),
    }
}

/// `den system check`: one line per thing checked; problems with their fix.
fn check(paths: &Paths) -> Result<i32> {
    let findings = crate::config::host::findings(paths, true);
    let mut problems = 0;
    for f in &findings {
        match &f.problem {
            None => println!("ok       {}: {}", f.topic, f.found),
            Some(p) => {
                problems += 1;
                println!("PROBLEM  {}: {p}", f.topic);
            }
        }
    }
    if problems > 0 {
        eprintln!("den: {problems} problem(s) found: fix them as each line says");
        return Ok(1);
    }
    Ok(0)
}

fn version_json() -> serde_json::Value {
    json!({
        "Version": env!("CARGO_PKG_VERSION"),
        "APIVersion": env!("CARGO_PKG_VERSION"),
        "OsArch": format!("linux/{}", crate::image::manifest::host_arch()),
        "Os": "linux",
    })
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Format output: json, or a Go template like '{{.Client.Version}}'
    #[arg(short, long)]
    pub format: Option<String>,
}

pub fn version(a: VersionArgs) -> Result<i32> {
    let v = version_json();
    match a.format.as_deref() {
        Some("json") => println!("{}", serde_json::to_string_pretty(&json!({"Client": v}))?),
        Some(f) => println!(
            "{}",
            crate::util::template::Template::parse(f)?.render(&json!({"Client": v}))
        ),
        None => {
            println!("Client:       den");
            println!("Version:      {}", v["Version"].as_str().unwrap_or(""));
            println!("API Version:  {}", v["APIVersion"].as_str().unwrap_or(""));
            println!("OS/Arch:      {}", v["OsArch"].as_str().unwrap_or(""));
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// The command to run (default: $SHELL)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

pub fn unshare(a: UnshareArgs) -> Result<i32> {
    userns::enter()?;
    let mut args = a.command;
    if args.is_empty() {
        args.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    let err = std::process::Command::new(&args[0]).args(&args[1..]).exec();
    Err(err).with_context(|| format!("running {}", args[0]))
}

/// Whether the kernel filters syscalls with seccomp (it shows a mode for us).
fn seccomp_enabled() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Seccomp:")))
        .unwrap_or(false)
}
