//! The supervisor's side of networking: which namespaces to join before
//! the container is made, the container's hosts and resolv.conf, and
//! connecting its network namespace once it exists (a helper, or veth
//! pairs to the bridges of user-defined networks).

use std::os::fd::OwnedFd;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, Containers};
use crate::network::{self, bridge, holder, Mode};
use crate::util::fs as ufs;

/// What the supervisor holds for the container's network over its life.
#[derive(Default)]
pub struct Held {
    /// The hold on the shared namespace (user-defined networks).
    pub shared: Option<holder::Membership>,
    /// Published ports bound on the host (user-defined networks).
    pub ports: Vec<network::proxy::Bound>,
}

/// Join what the container's network needs before den's user namespace
/// would be entered: another container's namespaces (`container:ID`), or
/// the shared namespace of user-defined networks.
pub fn join(
    paths: &Paths,
    containers: &Containers,
    cfg: &ContainerConfig,
    mode: &Mode,
) -> Result<Held> {
    match mode {
        Mode::Container(target) => {
            join_network_of(containers, target)?;
            Ok(Held::default())
        }
        Mode::Bridge => {
            // Bound while still in the host's network namespace.
            let ports = network::proxy::bind(&cfg.net.ports, cfg.net.shared_ports)?;
            Ok(Held {
                shared: Some(holder::join(paths)?),
                ports,
            })
        }
        _ => Ok(Held::default()),
    }
}

/// The forked child that serves published ports on user networks;
/// stopped when dropped.
pub struct Proxy(nix::unistd::Pid);

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(self.0, nix::sys::signal::Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(self.0, None);
    }
}

/// Start serving the published ports of a container on user networks,
/// towards its address on its first network.
pub fn start_proxy(paths: &Paths, cfg: &ContainerConfig, held: &Held) -> Result<Option<Proxy>> {
    if held.ports.is_empty() {
        return Ok(None);
    }
    let Some(lease) = bridge::of_container(paths, &cfg.id).into_iter().next() else {
        return Ok(None);
    };
    let me = rustix::process::pidfd_open(
        rustix::process::getpid(),
        rustix::process::PidfdFlags::empty(),
    )
    .context("pidfd_open")?;
    let bound = held
        .ports
        .iter()
        .map(|b| {
            Ok(network::proxy::Bound {
                listener: b.listener.try_clone()?,
                container_port: b.container_port,
            })
        })
        .collect::<std::io::Result<Vec<_>>>()
        .context("published ports")?;
    match crate::runtime::spawn::fork().context("fork")? {
        None => {
            if crate::runtime::spawn::die_with_parent(&me).is_err() {
                std::process::exit(1);
            }
            // Its listeners alone: the supervisor's other descriptors (its
            // log, its lock, the container's network namespace on its way)
            // are not the proxy's to hold. None is dropped after (`serve`
            // never returns).
            let keep: Vec<i32> = bound
                .iter()
                .map(|b| std::os::fd::AsRawFd::as_raw_fd(&b.listener))
                .collect();
            crate::runtime::spawn::close_all_except(&keep);
            network::proxy::serve(bound, lease.ip)
        }
        Some(pid) => Ok(Some(Proxy(pid))),
    }
}

/// `--network container:ID`: join that container's network namespace
/// from the user namespace of its supervisor: den's, the one it was
/// started in (a pause process since replaced had another; its root may
/// enter any network namespace below it). Never the user namespace of
/// the other container's process: one that made a user namespace of its
/// own (unshare, which the seccomp filter allows, as podman's) had this
/// supervisor, and the container it starts, in a namespace that
/// container rules.
fn join_network_of(containers: &Containers, target: &str) -> Result<()> {
    let other = containers.config(target)?;
    if other.userns.is_some() {
        bail!("cannot share the network of {}: it has a user namespace of its own (--userns/--uidmap)", other.name);
    }
    let st = containers.live_state(target)?;
    if st.status != "running" {
        bail!(
            "the container {} whose network this one shares is not running (start it first)",
            other.name
        );
    }
    let members = crate::container::process::member_pidfds(&st.init);
    let sup = st
        .supervisor
        .pidfd()
        .with_context(|| format!("the supervisor of {} is gone", other.name))?;
    crate::runtime::exec::join(&[sup], libc::CLONE_NEWUSER)
        .with_context(|| format!("joining the user namespace of {}", other.name))?;
    crate::runtime::exec::join_members(&members, libc::CLONE_NEWNET)
        .with_context(|| format!("joining the network namespace of {}", other.name))?;
    let single = crate::runtime::exec::single_id(st.supervisor.pid);
    // Single-threaded here: nothing reads the environment concurrently.
    std::env::set_var(
        crate::config::env::DEN_IN_USERNS,
        if single { "single" } else { "full" },
    );
    Ok(())
}

/// Lease the container's addresses on its user-defined networks (for the
/// supervisor's life: restarts keep them).
pub fn lease(paths: &Paths, containers: &Containers, cfg: &ContainerConfig) -> Result<()> {
    if cfg.net.networks.is_empty() {
        return Ok(());
    }
    let _lock = bridge::lock(paths)?;
    bridge::lease(
        paths,
        containers,
        cfg,
        &cfg.net.networks,
        ProcRef::current(),
        0,
    )?;
    Ok(())
}

/// Give back every lease of the container (`network connect` may have
/// added some), and its name in the other containers' hosts.
pub fn release(paths: &Paths, containers: &Containers, id: &str) {
    let leases = bridge::of_container(paths, id);
    if leases.is_empty() {
        return;
    }
    match bridge::lock(paths) {
        Ok(_lock) => bridge::release_leases(paths, containers, &leases),
        Err(e) => crate::warn!("releasing the container's addresses: {e:#}"),
    }
}

/// Write the container's hosts, resolv.conf and hostname; whether
/// pasta must forward DNS (the host's resolver is on loopback).
pub fn write_etc_files(
    paths: &Paths,
    cfg: &ContainerConfig,
    cdir: &Path,
    mode: &Mode,
    held: &Held,
) -> Result<bool> {
    if let Mode::Container(id) = mode {
        // Sharing another container's network: its hosts and resolv.conf too.
        let other = cdir.with_file_name(id);
        for f in ["hosts", "resolv.conf"] {
            std::fs::copy(other.join(f), cdir.join(f)).with_context(|| {
                format!("copying {f} of the container whose network this one shares")
            })?;
        }
        ufs::write_for_container(
            &cdir.join("hostname"),
            format!("{}\n", cfg.hostname).as_bytes(),
        )?;
        return Ok(false);
    }
    let mut addr = match &held.shared {
        // What the shared namespace's helper offers, seen from a bridge.
        Some(m) => m.addresses(),
        None => network::etc::addresses(mode, &paths.runtime),
    };
    // Held while hosts is written, so a peer starting meanwhile is not lost.
    let lock = match held.shared {
        Some(_) => Some(bridge::lock(paths)?),
        None => None,
    };
    let mut peers = Vec::new();
    if lock.is_some() {
        let leases = bridge::of_container(paths, &cfg.id);
        addr.own = leases.first().map(|l| l.ip.to_string());
        peers = bridge::peer_lines(paths, &leases);
    }
    let mut hosts = network::etc::hosts(mode, &cfg.hostname, &cfg.name, &cfg.net, &addr);
    for p in &peers {
        hosts.push_str(p);
        hosts.push('\n');
    }
    ufs::write_for_container(&cdir.join("hosts"), hosts.as_bytes())?;
    drop(lock);
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let (resolv, forwarded) = network::etc::resolv_conf(&host_resolv, mode, &cfg.net, &addr);
    ufs::write_for_container(&cdir.join("resolv.conf"), resolv.as_bytes())?;
    ufs::write_for_container(
        &cdir.join("hostname"),
        format!("{}\n", cfg.hostname).as_bytes(),
    )?;
    Ok(forwarded)
}

/// A spare network namespace for this start (`network/spare.rs`), when
/// den's config file asks for spares (`[network] spare = true`) and it may
/// take and leave one: the default network's pasta, with no options
/// of the user's, no published port, no MAC address, and no user namespace
/// of the container's own (its init could not join the spare). The pasta
/// arguments that key it (for the next spare), and the spare claimed.
pub fn spare(
    paths: &Paths,
    cfg: &ContainerConfig,
    mode: &Mode,
    dns_forward: bool,
) -> (Option<Vec<String>>, Option<network::spare::Claimed>) {
    let Mode::Pasta(opts) = mode else {
        return (None, None);
    };
    // Another container's namespaces joined (`--ipc container:X`, a pod's
    // pid): the spare's processes would be made in them.
    let plain = opts.is_empty()
        && cfg.net.ports.is_empty()
        && cfg.net.mac.is_none()
        && cfg.userns.is_none()
        && cfg.namespaces.joined().is_empty();
    let wanted = || crate::config::settings::Settings::load(paths).is_ok_and(|s| s.network_spare);
    if !plain || !wanted() {
        return (None, None);
    }
    let runtime = &paths.runtime;
    let key = network::helper::pasta_args(opts, &cfg.net, dns_forward, runtime);
    let claimed = network::spare::claim(runtime, &key);
    if claimed.is_some() {
        crate::debug!("network: took the spare network namespace, connected");
    }
    (Some(key), claimed)
}

/// Whether the container's init should open a route socket in its new
/// network namespace (`network/routes.rs`): for pasta with no options of
/// the user's and no published port, which then need not be waited for
/// to the end of its start.
pub fn hears_routes(cfg: &ContainerConfig, mode: &Mode) -> bool {
    matches!(mode, Mode::Pasta(opts) if !network::helper::pasta_binds(opts, &cfg.net))
}

/// What the container's init hands over on `sock`: its network namespace,
/// then (`routes`) its route socket, if it could open one.
pub fn receive(sock: &OwnedFd, routes: bool) -> Result<(OwnedFd, Option<OwnedFd>)> {
    let ns = crate::runtime::spawn::recv_fd(sock)
        .context("receiving the container's network namespace")?
        .context("the container did not hand over its network namespace")?;
    // None: the init could not open one.
    let routes = match routes {
        true => crate::runtime::spawn::recv_fd(sock).context("receiving the route socket")?,
        false => None,
    };
    Ok((ns, routes))
}

/// Connect the new network namespace `ns` of the container whose init is
/// `pid`: start its helper, or wire it to its networks' bridges.
/// `routes`: the init's route socket, if it opened one.
#[allow(clippy::too_many_arguments)]
pub fn connect(
    paths: &Paths,
    cfg: &ContainerConfig,
    mode: &Mode,
    ns: &OwnedFd,
    routes: Option<&OwnedFd>,
    dns_forward: bool,
    cdir: &Path,
    run_dir: &Path,
) -> Result<Option<network::helper::Helper>> {
    if *mode != Mode::Bridge {
        return network::helper::start(
            mode,
            ns,
            &cfg.net,
            dns_forward,
            cdir,
            run_dir,
            &paths.runtime,
            routes,
        );
    }
    let _lock = bridge::lock(paths)?;
    let mut routed = false;
    for mut l in bridge::of_container(paths, &cfg.id) {
        let route = !l.internal && !routed;
        routed |= route;
        bridge::wire(&mut l, ns, route)?;
        bridge::update(paths, &l)?;
    }
    Ok(None)
}
