//! One run of the container's command, between its start and its exit:
//! the init's clone (its network namespace made beside, or a spare's),
//! the exec reported, the running state, then its I/O until it exits.
//! A restart (`run_with_restarts`) is another run.

use std::io::Read;
use std::os::fd::AsFd;
use std::path::Path;

use anyhow::{Context, Result};

use super::{etc, health, io, network, usermounts, Io};
use crate::container::attach;
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::error::{Exit, EXIT_DEN};
use crate::runtime::nsmodes::NsMode;
use crate::runtime::{init, mounts, spawn};
use crate::storage::extract::Owners;

/// The network namespace made beside the supervisor's start
/// (`runtime/netns.rs`), and its route socket if it has one; none where
/// its maker failed: the init's clone makes one then.
fn made_beside(pending: crate::runtime::netns::Pending) -> Option<crate::runtime::netns::Made> {
    pending
        .take()
        .map_err(|e| crate::debug!("network namespace: made at the clone: {e}"))
        .ok()
}

/// Whether this supervisor has cloned an init in its memory already
/// (`run_once`: once a supervisor).
static SHARED_ONCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(super) fn run_once(
    containers: &Containers,
    cfg: &ContainerConfig,
    cdir: &Path,
    owners: Owners,
    state: &mut ContainerState,
    io: &mut Io,
) -> Result<i32> {
    let own_netns = io.mode.own_netns();
    // The first run's /dev on its way: this run's, even one that fails
    // before it is waited for (then gone with it), never a restart's.
    let dev_beside = io.dev.take();
    // The default network's start may take a spare namespace, connected.
    let (spare_key, spare) = network::spare(io.paths, cfg, &io.mode, io.dns_forward);
    // Else the one made beside the supervisor's start, on the first run;
    // later ones (restarts) are cloned with one.
    // Waited for now where pasta starts into it at once (it asked for a
    // route socket); else only at the init's clone, the rest of this
    // prelude done while it is made (and the rootfs mounted: both beside).
    // Where den configures the default network's namespace itself
    // (`network/nsconf.rs`), it is needed only at the clone too. pasta
    // then starts after the clone, by when we are in the namespaces the
    // container joins: not where it joins another container's (pasta
    // would be in its PID namespace, for its processes to see and signal).
    let tapped = spare.is_none()
        && cfg.namespaces.joined().is_empty()
        && io.early_net.as_ref().is_some_and(|p| p.wants_routes())
        && crate::network::helper::tapped(&io.mode, &cfg.net, &io.paths.runtime);
    let (early, later) = match io.early_net.take() {
        Some(p) if spare.is_none() && (!p.wants_routes() || tapped) => (None, Some(p)),
        early => (early, None),
    };
    let (mut join_net, adopted, early_routes) = match spare {
        Some(s) => {
            // Not held for the container's life beside the spare.
            drop(early);
            (Some(s.netns), Some(s.helper), None)
        }
        None => match early.and_then(made_beside) {
            Some(m) => (Some(m.ns), None, m.routes),
            None => (None, None, None),
        },
    };
    // pasta, into that namespace now, before the init is cloned: its
    // start (most of a start with the default network) runs beside the
    // mounts' preparation, the clone and the init's work. With its route
    // socket, made before pasta, the init waits only until pasta has
    // routed the namespace, as below.
    let mut early_helper = match (&join_net, early_routes) {
        (Some(ns), Some(routes)) if adopted.is_none() => crate::network::helper::spawn_early(
            &io.mode,
            ns,
            None,
            &cfg.net,
            io.dns_forward,
            cdir,
            &io.paths.runtime,
        )?
        .map(|starting| (starting, routes)),
        _ => None,
    };
    // With a network helper the command waits until the namespace is
    // connected; the helper starts as soon as the namespace exists.
    let (net_ready_r, net_ready_w) = if io.mode.waits_for_network() && adopted.is_none() {
        let (r, w) = spawn::socketpair()?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    let watch_routes = net_ready_w.is_some()
        && early_helper.is_none()
        && !tapped
        && network::hears_routes(cfg, &io.mode);
    let (ns_r, ns_w) = spawn::socketpair()?;
    let seccomp = containers.seccomp_filter(cfg)?;
    // Relative to the container's directory, where the init starts.
    let (hosts, resolv, hostname): (&'static Path, &'static Path, &'static Path) = (
        Path::new("hosts"),
        Path::new("resolv.conf"),
        Path::new("hostname"),
    );
    let pipe = || rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe");
    // Output: the pty with --tty, pipes otherwise (none with passthrough).
    let (stdout, stderr, stdio) = if cfg.tty || cfg.log_driver == "passthrough" {
        (None, None, None)
    } else {
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        (Some(out_r), Some(err_r), Some((out_w, err_w)))
    };
    let (tty_ours, tty_theirs) = if cfg.tty {
        let (a, b) = spawn::socketpair()?;
        (Some(a), Some(b))
    } else {
        (None, None)
    };
    // Input with -i: from attached clients, and in the foreground from our
    // own stdin, always through a pipe: the caller's terminal never reaches
    // the container (but with --log-driver passthrough, which hands it our
    // stdout and stderr as they are, as podman's does).
    let (stdin_r, stdin_w) = if cfg.interactive && !cfg.tty {
        let (r, w) = pipe()?;
        crate::util::feed::set_nonblocking(&w).context("fcntl")?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    let me = rustix::process::pidfd_open(
        rustix::process::getpid(),
        rustix::process::PidfdFlags::empty(),
    )
    .context("pidfd_open")?;
    // The rootfs, waited for if it was mounted beside us; its
    // fuse-overlayfs process (mounted after all) in the state written below.
    let (root, helper) = io.rootfs.mounted()?;
    state.storage_helper = helper;
    let root = root.as_path();
    let user_mounts = usermounts::prepare(io.paths, cfg, root, owners)?;
    let sockets = crate::runtime::activation::raw(&io.unit.sockets);
    let env = crate::secret::env_with_secrets(io.paths, cfg)?;
    let etc_files = etc::files(
        io.paths,
        cfg,
        root,
        &user_mounts,
        [
            (hosts, "etc/hosts"),
            (resolv, "etc/resolv.conf"),
            (hostname, "etc/hostname"),
        ],
    )?;
    if let Some(made) = later.and_then(made_beside) {
        // Configured by den once the init is cloned (without a tun device,
        // by pasta, started now).
        if let (true, Some(routes)) = (tapped, made.routes) {
            early_helper = crate::network::helper::spawn_early(
                &io.mode,
                &made.ns,
                made.tap,
                &cfg.net,
                io.dns_forward,
                cdir,
                &io.paths.runtime,
            )?
            .map(|starting| (starting, routes));
        }
        join_net = Some(made.ns);
    }
    // The first run's /dev, made beside us: the init attaches it.
    let dev = dev_beside.and_then(|p| match p.wait() {
        Ok(tree) => {
            crate::util::log::phase("/dev made (beside)");
            Some(tree)
        }
        Err(f) => {
            crate::debug!(
                "/dev: made by the init (beside: step {}, {})",
                f.step,
                f.errno
            );
            None
        }
    });
    let new_net = own_netns && join_net.is_none();
    // The early one's `lo` is up already; a spare's is brought up again.
    let lo_up = new_net || adopted.is_some();
    // The init may run in our memory until it execs where it waits for
    // nothing of ours (no network helper's word, no terminal, no id maps)
    // and execs at once (no --init, no pod's infra), with nothing written
    // to /proc/self that its undumpable start forbids (--oom-score-adj).
    // What it allocated is then ours, never freed (its /etc/passwd read,
    // its argument lists): once a supervisor, its restarts fork.
    let shares = net_ready_r.is_none()
        && tty_theirs.is_none()
        && !cfg.init
        && !cfg.extras.pause
        && cfg.userns.is_none()
        && cfg.process.oom_score_adj.is_none()
        && crate::runtime::vfork::safe()
        && !SHARED_ONCE.swap(true, std::sync::atomic::Ordering::Relaxed);
    let spec = init::InitSpec {
        mounts: mounts::Plan {
            root,
            own_netns,
            single_id: owners == Owners::Single,
            etc_files,
            // The image's working directory is made when missing; one the
            // user chose must be there.
            workdir: if cfg.workdir_given { "" } else { &cfg.workdir },
            security: &cfg.security,
            user: user_mounts,
            // The cgroup is mounted in the container's own cgroup namespace only.
            cgroup: io.cgroup.is_some() && cfg.namespaces.cgroup != Some(false),
            shm_size: cfg.extras.shm_size,
            host_proc: cfg.namespaces.pid == NsMode::Host,
            host_mqueue: cfg.namespaces.ipc == NsMode::Host,
            no_shm: cfg.namespaces.ipc == NsMode::None,
            dev: dev.as_ref(),
        },
        own_uts: cfg.namespaces.uts.own(),
        cgroupns: cfg.namespaces.cgroup.unwrap_or(io.cgroup.is_some()),
        hostname: &cfg.hostname,
        user: &cfg.user,
        args: &cfg.args,
        env: &env,
        workdir: &cfg.workdir,
        interactive: cfg.interactive,
        lo_up,
        single_id: owners == Owners::Single,
        parent: &me,
        init: cfg.init,
        pause: cfg.extras.pause,
        tty: tty_theirs,
        size: io.size,
        stdin: stdin_r,
        security: &cfg.security,
        process: &cfg.process,
        seccomp: seccomp.as_deref(),
        net_ready: net_ready_r,
        hand_over_net: early_helper.is_none(),
        mount_ns_to: Some(ns_w),
        watch_routes,
        join_net,
        join_cgroup: io.cgroup.filter(|_| shares).map(|c| c.fd.as_fd()),
        sockets: &sockets,
        socket_names: io.unit.sockets.names.as_deref(),
        listen: io.unit.sockets.listen,
    };
    crate::util::log::phase("container's mounts prepared");
    let (report_r, report_w) = pipe()?;
    // Other containers' IPC, PID, UTS namespaces (--ipc container:NAME,
    // ...): joined here, the clone keeps them (PID: for the child).
    for (other, flag) in cfg.namespaces.joined() {
        join_namespace_of(containers, other, flag)?;
    }
    let stdio_fds = stdio.as_ref().map(|(out, err)| (out.as_fd(), err.as_fd()));
    let child = spawn::clone_container(
        &spawn::Namespaces {
            ipc_pid_uts: cfg.namespaces.new_flags(),
            net: new_net,
            user: cfg.userns.as_ref(),
            // Joined by the init itself where it shares our memory.
            cgroup: io.cgroup.filter(|_| !shares).map(|c| &c.fd),
        },
        shares,
        || init::run(&spec, report_w.as_fd(), stdio_fds),
    )?;
    // The child's ends, ours dropped now: reads see EOF once the child
    // execs (report) or exits (output).
    drop((spec, report_w, stdio));
    // The init has its own descriptor of the tree.
    drop(dev);
    let connected = |ready: &std::os::fd::OwnedFd| match early_helper {
        Some((starting, routes)) => starting.wait(&routes, ready).map(Some),
        None => network::receive(ready, watch_routes).and_then(|(ns, routes)| {
            let run_dir = io.run_dir.as_deref().unwrap_or(cdir);
            network::connect(
                io.paths,
                cfg,
                &io.mode,
                &ns,
                routes.as_ref(),
                io.dns_forward,
                cdir,
                run_dir,
            )
        }),
    };
    let helper = match net_ready_w {
        Some(ready) => match connected(&ready) {
            Ok(h) => {
                let _ = rustix::io::write(&ready, b"y");
                h
            }
            Err(e) => {
                // The child waits for us: end it before reporting.
                spawn::kill_and_reap(child);
                return Err(e);
            }
        },
        None => adopted,
    };
    crate::util::log::phase("container cloned");
    // The running state, written while the init prepares the container,
    // is put in place (a rename) once the command runs.
    let mut running = state.clone();
    running.status = "running".into();
    running.init = ProcRef::of(child.as_raw()).unwrap_or(ProcRef {
        pid: child.as_raw(),
        start: 0,
    });
    running.supervisor = ProcRef::current();
    running.helper = helper.as_ref().map(|h| h.proc).unwrap_or_default();
    running.started_at = Some(chrono::Utc::now());
    running.exit_code = None;
    running.error = None;
    let staged = containers.stage_state(&cfg.id, &running);
    // `helper` lives to the end of this run and stops the helper when dropped.
    let mut report = String::new();
    let _ = std::fs::File::from(report_r).read_to_string(&mut report);
    crate::util::log::phase("command executed (init done)");
    // Sent before the exec (or never): no wait.
    io.mount_ns = spawn::recv_fd(&ns_r).ok().flatten();
    let now = chrono::Utc::now();
    if !report.is_empty() {
        drop(staged);
        // The command never started: reap the child and report why.
        let _ = nix::sys::wait::waitpid(child, None);
        let (code, message) = report.split_once(' ').unwrap_or(("125", &report));
        let code: i32 = code.parse().unwrap_or(EXIT_DEN);
        state.status = "exited".into();
        state.exit_code = Some(code);
        state.finished_at = Some(now);
        state.error = Some(message.to_string());
        containers.write_state(&cfg.id, state)?;
        io.attach.broadcast(
            attach::STDERR,
            format!("den: error: {message}\n").as_bytes(),
        );
        io.attach.broadcast(attach::EXIT, &code.to_be_bytes());
        return Err(Exit::with(code, message).into());
    }
    let tty = match &tty_ours {
        Some(sock) => {
            Some(spawn::recv_fd(sock)?.context("the container did not hand over its pty")?)
        }
        None => None,
    };
    *state = running;
    if cfg.health.is_some() {
        // `starting` before the state says running: the last run's
        // health was to be read until the checker began.
        let _ = crate::container::health::write(
            &containers.dir(&cfg.id),
            &crate::container::health::Health::default(),
        );
    }
    match staged {
        Ok(staged) => staged.commit()?,
        Err(_) => containers.write_state(&cfg.id, state)?,
    }
    containers.event("start", cfg, &[]);
    crate::util::log::phase("running recorded");
    if let Some(k) = spare_key {
        // For the next start: this one's is running.
        crate::network::spare::replenish(&io.paths.runtime, k);
    }
    if let Some(p) = &cfg.extras.conmon_pidfile {
        std::fs::write(p, std::process::id().to_string())
            .with_context(|| format!("writing the conmon pidfile {}", p.display()))?;
    }
    if let Some(p) = &cfg.pidfile {
        std::fs::write(p, format!("{}\n", child.as_raw()))
            .with_context(|| format!("writing the pidfile {}", p.display()))?;
    }
    io.notify.send("ok");
    io.unit.sd.running();
    // What a supervisor killed between staging and commit left (after the
    // start is told: no caller waits for this).
    containers.sweep_staged(&cfg.id);
    // What setting up needed (configs, the seccomp compiler, mounts) is
    // freed: give it back before the long wait.
    spawn::trim_heap();
    let checker = cfg.health.as_ref().map(|hc| {
        let spec = crate::runtime::exec::ExecSpec {
            user: cfg.user.clone(),
            workdir: cfg.workdir.clone(),
            // With the container's env secrets, as its command and `exec`
            // have them (podman's healthcheck runs as an exec does).
            env: env.clone(),
            args: hc.argv(),
            interactive: false,
            detach: false,
            own_netns: cfg.network != "host",
            host_ns: cfg.namespaces.host_flags(),
            hostname: cfg.hostname.clone(),
            tty: None,
            security: cfg.security.clone(),
            process: cfg.process.clone(),
            preserve_fds: 0,
            seccomp: seccomp.clone(),
            cgroup: io.cgroup.map(|c| c.dir.clone()),
            join_userns: cfg.userns.is_some(),
            must_join_cgroup: true,
        };
        health::Checker::new(
            hc,
            cfg,
            containers,
            state.init,
            spec,
            &io.health_restart,
            &io.unit.sd,
        )
    });
    io::pump(
        io::Session {
            child,
            stdout,
            stderr,
            tty,
            stdin: stdin_w,
            log: io.log.as_mut(),
            echo: io.echo,
            health: checker,
            stop_signal: nix::sys::signal::Signal::try_from(cfg.stop_signal)
                .unwrap_or(nix::sys::signal::Signal::SIGTERM),
            deadline: cfg
                .extras
                .timeout
                .map(|t| std::time::Instant::now() + std::time::Duration::from_secs(t)),
            helper: (helper.as_ref().and_then(|h| h.watched()))
                .map(|(pid, log)| (nix::unistd::Pid::from_raw(pid), log)),
        },
        &mut io.attach,
    )
}

/// Join one namespace (`flag`) of the running container `id`.
fn join_namespace_of(containers: &Containers, id: &str, flag: libc::c_int) -> Result<()> {
    let other = containers.config(id)?;
    let st = containers.live_state(id)?;
    if st.status != "running" {
        anyhow::bail!(
            "the container {} whose namespaces this one shares is not running (start it first)",
            other.name
        );
    }
    let members = crate::container::process::member_pidfds(&st.init);
    crate::runtime::exec::join_members(&members, flag)
        .with_context(|| format!("joining a namespace of {}", other.name))
}
