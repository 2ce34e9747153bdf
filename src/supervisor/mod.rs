//! The per-container supervisor: `den` re-executed (hidden `__supervise`),
//! one per container. It enters the user namespace, mounts the rootfs in
//! its own mount namespace, creates the container process, relays
//! signals, records the exit, and cleans up (removing the container with
//! `--rm`). Its exit status is the container's.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use nix::sys::signal::kill;

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::error::{Exit, EXIT_DEN};
use crate::image::store::{remove_tree, Store};
use crate::runtime::{init, mounts, spawn, userns};
use crate::storage::driver::{self, Driver};
use crate::storage::extract::Owners;

/// Run container `id` to completion; returns its exit status.
pub fn run(paths: &Paths, id: &str, driver_flag: Option<&str>) -> Result<i32> {
    let owners = userns::enter()?;
    let _ = rustix::process::setsid();
    let containers = Containers::new(paths);
    let store = Store::new(paths);
    let cfg = containers.config(id)?;
    let cdir = containers.dir(id);
    spawn::block_signals()?;

    userns::unshare(rustix::thread::UnshareFlags::NEWNS).context("creating a mount namespace")?;
    rustix::mount::mount_change(
        "/",
        rustix::mount::MountPropagationFlags::PRIVATE | rustix::mount::MountPropagationFlags::REC,
    )
    .context("making mounts private")?;
    let wanted = match cfg.driver.as_str() {
        "" => driver::configured(&store, driver_flag)?,
        d => Some(Driver::parse(d)?),
    };
    let result = run_mounted(&containers, &store, &cfg, &cdir, wanted, owners);
    if cfg.remove {
        let _lock = containers.lock();
        if let Err(e) = remove_tree(&cdir) {
            crate::warn!("removing container {}: {e:#}", cfg.name);
        }
    }
    result
}

fn run_mounted(
    containers: &Containers,
    store: &Store,
    cfg: &ContainerConfig,
    cdir: &Path,
    wanted: Option<Driver>,
    owners: Owners,
) -> Result<i32> {
    let rootfs = driver::mount(store, cdir, &cfg.layers, wanted)?;
    crate::debug!(
        "rootfs of {} on {} at {}",
        cfg.name,
        rootfs.driver.name(),
        rootfs.path.display()
    );
    let result = run_container(containers, cfg, cdir, &rootfs.path, owners);
    driver::unmount(&rootfs);
    result
}

fn write_etc_files(cfg: &ContainerConfig, cdir: &Path) -> Result<()> {
    let host_mode = cfg.network == "host";
    let mut hosts = if host_mode {
        std::fs::read_to_string("/etc/hosts").unwrap_or_default()
    } else {
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n".to_string()
    };
    if !hosts.ends_with('\n') && !hosts.is_empty() {
        hosts.push('\n');
    }
    hosts.push_str(&format!("127.0.1.1\t{} {}\n", cfg.hostname, cfg.name));
    std::fs::write(cdir.join("hosts"), hosts)?;
    let resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    std::fs::write(cdir.join("resolv.conf"), resolv)?;
    std::fs::write(cdir.join("hostname"), format!("{}\n", cfg.hostname))?;
    Ok(())
}

fn run_container(
    containers: &Containers,
    cfg: &ContainerConfig,
    cdir: &Path,
    root: &Path,
    owners: Owners,
) -> Result<i32> {
    write_etc_files(cfg, cdir)?;
    let own_netns = cfg.network != "host";
    let (hosts, resolv, hostname) = (
        cdir.join("hosts"),
        cdir.join("resolv.conf"),
        cdir.join("hostname"),
    );
    let spec = init::InitSpec {
        mounts: mounts::Plan {
            root,
            own_netns,
            single_id: owners == Owners::Single,
            etc_files: vec![
                (&hosts, "etc/hosts"),
                (&resolv, "etc/resolv.conf"),
                (&hostname, "etc/hostname"),
            ],
            workdir: &cfg.workdir,
        },
        hostname: &cfg.hostname,
        user: &cfg.user,
        args: &cfg.args,
        env: &cfg.env,
        workdir: &cfg.workdir,
        interactive: cfg.interactive,
        own_netns,
        single_id: owners == Owners::Single,
    };
    let (report_r, report_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    // The closure owns the write end: in the parent it is dropped unused
    // when clone_container returns, so reading sees EOF once the child execs.
    let child = spawn::clone_container(&spawn::Namespaces { net: own_netns }, move || {
        init::run(&spec, report_w)
    })?;
    let mut report = String::new();
    let _ = std::fs::File::from(report_r).read_to_string(&mut report);
    let now = chrono::Utc::now();
    if !report.is_empty() {
        // The container never started: reap it and report why.
        let _ = nix::sys::wait::waitpid(child, None);
        let (code, message) = report.split_once(' ').unwrap_or(("125", &report));
        let code: i32 = code.parse().unwrap_or(EXIT_DEN);
        containers.write_state(
            &cfg.id,
            &ContainerState {
                status: "exited".into(),
                exit_code: Some(code),
                finished_at: Some(now),
                error: Some(message.to_string()),
                ..Default::default()
            },
        )?;
        return Err(Exit::with(code, message).into());
    }
    let mut state = ContainerState {
        status: "running".into(),
        pid: child.as_raw(),
        supervisor_pid: std::process::id() as i32,
        started_at: Some(now),
        ..Default::default()
    };
    containers.write_state(&cfg.id, &state)?;
    let code = spawn::wait_relaying(child, |sig| {
        let _ = kill(child, sig);
    })?;
    state.status = "exited".into();
    state.exit_code = Some(code);
    state.finished_at = Some(chrono::Utc::now());
    state.pid = 0;
    containers.write_state(&cfg.id, &state)?;
    Ok(code)
}
