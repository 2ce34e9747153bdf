//! The per-container supervisor: `den` re-executed (hidden `__supervise`),
//! or forked from the command where den's binary is root's (see
//! `engine/start.rs`), one per container, detached from the caller's session. It enters the
//! user namespace, mounts the rootfs in its own mount namespace, creates the
//! container, writes its output to the log, relays signals, records each
//! exit, applies the restart policy, and cleans up (removing the container
//! with `--rm`). Its exit status is the container's last.
//!
//! What it tells the command that started it (the start's notification,
//! `--rm`'s end of run) is in `caller.rs`; one run of the command (the
//! init's clone, its exec, its I/O until it exits) in `once.rs`.

mod caller;
pub use caller::{notify_failure, ATTACH_WAIT, DONE_FD, NOTIFY_FD};
use caller::{Done, Notifier};
mod etc;
mod health;
mod io;
pub use io::ATTACH_ENV;
mod network;
mod once;
mod remove;
mod rootfs;
mod sdnotify;
pub mod usermounts;

use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

use crate::cgroups;
use crate::config::paths::Paths;
use crate::container::attach;
use crate::container::logfile::{LogSink, LogWriter};
use crate::container::process::ProcRef;
use crate::container::{ContainerConfig, ContainerState, Containers};
use crate::error::{Exit, EXIT_DEN};
use crate::image::store::Store;
use crate::runtime::{devbeside, spawn, userns};
use crate::storage::extract::Owners;

/// Run container `id` until it is done; returns its last exit status.
/// `known`: its config, when the caller has it (it forked us); else read.
pub fn run(
    paths: &Paths,
    id: &str,
    known: Option<&ContainerConfig>,
    driver_flag: Option<&str>,
) -> Result<i32> {
    crate::util::log::phase("supervisor started");
    // The same name in ps whether it was exec'd or forked (engine/start.rs).
    let _ = rustix::thread::set_name(c"den-supervise");
    // Socket activation's descriptors first, out of the way of our own.
    let sockets = crate::runtime::activation::adopt();
    io::attached_from_env();
    let mut notify = Notifier::from_env();
    let mut done = Done::from_env();
    // Before anything that could pass it on.
    let sd_socket = std::env::var_os(sdnotify::NOTIFY_SOCKET);
    std::env::remove_var(sdnotify::NOTIFY_SOCKET);
    let result = supervise(
        paths,
        id,
        known,
        driver_flag,
        &mut notify,
        &mut done,
        sd_socket,
        sockets,
    );
    if let Err(e) = &result {
        let (code, msg) = match e.downcast_ref::<Exit>() {
            Some(x) => (x.code, x.message.clone()),
            None => (EXIT_DEN, format!("{e:#}").replace('\n', " ")),
        };
        notify.send(&format!("{code} {msg}"));
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn supervise(
    paths: &Paths,
    id: &str,
    known: Option<&ContainerConfig>,
    driver_flag: Option<&str>,
    notify: &mut Notifier,
    done: &mut Done,
    sd_socket: Option<std::ffi::OsString>,
    sockets: crate::runtime::activation::Passed,
) -> Result<i32> {
    // Asked first here, in the host's user namespace, where whether den's
    // binary is root's shows (`sealed::is_sealed` keeps the answer).
    let _ = crate::runtime::sealed::is_sealed();
    let containers = Containers::new(paths);
    // The record our caller made or read a moment ago, when it forked us
    // (a parse of config.json less on every start's path).
    let read;
    let cfg = match known {
        Some(cfg) => cfg,
        None => {
            read = containers.config(id)?;
            &read
        }
    };
    crate::util::log::phase("config read");
    // One supervisor a container: of two started at once (`restart` twice,
    // two `start`s, two containers that both require this one), the
    // second finds the first's lock and goes, telling its caller the
    // container runs (as a start of a running one does). Two ran it on
    // the same upper layer, and the record named only the last.
    let Some(_sole) = sole_supervisor(&containers, id)? else {
        notify.send("ok");
        return Ok(0);
    };
    // Not forked ahead of its record (`start`, a restart's new
    // supervisor): the same work ahead, now that the container is ours.
    if !AHEAD_STARTED.load(Ordering::SeqCst) && ahead_fits(cfg) {
        userns::enter_ahead();
        ahead(paths, cfg, driver_flag, false);
    }
    let unit = sdnotify::Unit {
        sd: sdnotify::SdNotify::new(sd_socket, &cfg.sdnotify),
        sockets,
    };
    let result = supervise_config(paths, &containers, cfg, driver_flag, notify, done, &unit);
    // A rootfs mounted ahead that the start never came to (it failed
    // before, its cgroup say): unmounted before a --rm remover could
    // delete through it.
    rootfs::end_ahead_unused();
    unit.sd.stopping();
    crate::util::log::phase("container ended, cleaned up");
    // --rm whatever happened, even when the container could not start.
    if cfg.remove {
        remove::container(paths, &containers, cfg, &result, done);
    }
    result
}

/// Take the supervisor's lock of container `id` for this process's life:
/// a POSIX record lock, which no forked child (the init before its exec,
/// a port proxy, the remover) inherits, so it goes with this process
/// alone. `None` when another supervisor has the container running. Held
/// while the container is not running, it is a supervisor on its way out
/// (`stop` returns once the exit is recorded, before its supervisor has
/// ended: a `start` right after) or one starting beside us: waited for,
/// until it is free or the container runs.
fn sole_supervisor(containers: &Containers, id: &str) -> Result<Option<std::fs::File>> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = containers.dir(id).join("supervisor.lock");
    // Made ahead where it can be (`util/pool.rs`).
    crate::util::pool::take_file(&path);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let lock = crate::container::ops::supervisor_lock();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match nix::fcntl::fcntl(&file, nix::fcntl::FcntlArg::F_SETLK(&lock)) {
            Ok(_) => return Ok(Some(file)),
            Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EACCES) => {}
            Err(e) => return Err(e).with_context(|| format!("locking {}", path.display())),
        }
        if containers.live_state(id).is_ok_and(|s| s.active()) {
            return Ok(None);
        }
        if std::time::Instant::now() > deadline {
            anyhow::bail!(
                "another supervisor of the container has held it for 10 s without running it ({} is locked): try again once it has ended",
                path.display()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Whether the first run's network namespace is made beside the
/// supervisor (`runtime/netns.rs`): a namespace of the container's own,
/// in den's user namespace (in one of the container's own, the clone
/// makes it, owned by that one).
fn netns_beside(cfg: &ContainerConfig, mode: &crate::network::Mode) -> bool {
    mode.own_netns() && cfg.userns.is_none()
}

/// Whether this process has started the work [`ahead`] does (once).
static AHEAD_STARTED: AtomicBool = AtomicBool::new(false);

/// Whether the work [`ahead`] does may come before `supervise_config`'s
/// network join for `cfg`: not where it joins a namespace from the host's
/// user namespace (a user network, another container's, a pod's), as
/// `engine::start::Early::fits` says for a supervisor forked ahead.
pub fn ahead_fits(cfg: &ContainerConfig) -> bool {
    use crate::network::Mode;
    let joined = matches!(
        Mode::parse(&cfg.network),
        Ok(Mode::Bridge | Mode::Container(_)) | Err(_)
    );
    !joined && cfg.extras.pod.is_none()
}

/// In den's user namespace, before `supervise_config`: start making the
/// first run's network namespace (`runtime/netns.rs`) now, on the CPU
/// the caller leaves free, rather than beside the rootfs's mount, where
/// the CPUs are busy; and start the rootfs's mount too
/// (`rootfs::start_ahead`). In a supervisor forked ahead of its
/// container's record (`engine/start.rs`, `before_record`) while its
/// caller records the container; in any other (`start`'s, a restart's),
/// once it holds the container's lock (`supervise`). Nothing where den's
/// user namespace could not be entered ahead. Then, the helpers on their
/// way, the host's cgroups asked about (`cgroups::probe_ahead`).
pub fn ahead(paths: &Paths, cfg: &ContainerConfig, driver_flag: Option<&str>, before_record: bool) {
    AHEAD_STARTED.store(true, Ordering::SeqCst);
    helpers_ahead(paths, cfg, driver_flag, before_record);
    cgroups::probe_ahead();
}

/// The network namespace's maker and the rootfs's mount of [`ahead`].
fn helpers_ahead(
    paths: &Paths,
    cfg: &ContainerConfig,
    driver_flag: Option<&str>,
    before_record: bool,
) {
    if userns::ahead_failed() {
        return;
    }
    let Ok(mask) = spawn::block_signals_saving() else {
        return;
    };
    let mode = crate::network::Mode::parse(&cfg.network).ok();
    if let Some(mode) = mode.filter(|m| netns_beside(cfg, m)) {
        if let Err(e) = crate::runtime::netns::make_ahead(network::hears_routes(cfg, &mode)) {
            crate::debug!("network namespace: not made ahead: {e}");
        }
    }
    rootfs::start_ahead(paths, cfg, driver_flag, before_record);
    spawn::restore_signals(&mask);
}

/// In a supervisor forked ahead of its container's record, before it is
/// sent the config: its own mount namespace, in den's user namespace
/// (`rootfs::own_mount_ns`, which `supervise_config` makes for every
/// container, and then finds made). Failed, it is tried again there,
/// which says why.
pub fn mount_ns_ahead() {
    if userns::ahead_failed() {
        return;
    }
    if let Err(e) = rootfs::own_mount_ns() {
        crate::debug!("mount namespace: not made ahead: {e:#}");
    }
}

/// In a supervisor forked ahead of its container's record, whose
/// container was never recorded: what it started ahead undone
/// (`rootfs::end_ahead`).
pub fn not_recorded() {
    rootfs::end_ahead();
}

fn supervise_config(
    paths: &Paths,
    containers: &Containers,
    cfg: &ContainerConfig,
    driver_flag: Option<&str>,
    notify: &mut Notifier,
    done: &mut Done,
    unit: &sdnotify::Unit,
) -> Result<i32> {
    let id = cfg.id.as_str();
    let containers = containers.clone();
    let mode = crate::network::Mode::parse(&cfg.network)?;
    let bridged = matches!(mode, crate::network::Mode::Bridge);
    let held = network::join(paths, &containers, cfg, &mode)?;
    crate::util::log::phase("network joined");
    let owners = userns::enter()?;
    crate::util::log::phase("user namespace entered (the pause process's, or a new one)");
    // The container's init is a clone of this process: den's binary must
    // be out of its reach (see runtime/sealed.rs) before the container's
    // namespaces are made. (Helpers started above may run from the
    // writable file: the network namespace's holder, a new pause process;
    // they are in no container's pid namespace.) A forked supervisor's
    // mappings moved right after its fork (`engine/start.rs`); its exe
    // is pointed at the sealed binary here, where it has the capability
    // to.
    crate::runtime::sealed::ensure()?;
    let _ = rustix::process::setsid();
    let store = Store::new(paths);
    let cdir = containers.dir(id);
    spawn::block_signals()?;
    // The first run's network namespace, made on the other CPU while we
    // mount the rootfs (runtime/netns.rs), with a route socket where
    // pasta may start before the init (`once.rs`). In a user namespace
    // of the container's own, the clone makes it, owned by that one.
    let early_net = match crate::runtime::netns::take_ahead() {
        // Started before the record (`ahead`).
        Some(pending) => Some(pending),
        None if netns_beside(cfg, &mode) => {
            crate::runtime::netns::make(network::hears_routes(cfg, &mode))
                .map_err(|e| crate::debug!("network namespace: made at the clone: {e}"))
                .ok()
        }
        None => None,
    };
    // Made once the namespace's maker runs (it and the rootfs's mount
    // start that much earlier on the other CPU), in den's user namespace,
    // where the delegated tree, the user's on the host, is root's; gone
    // when we are (its processes died with the container).
    let cgroup = Cgroup::make(&containers, cfg)?;
    crate::util::log::phase("cgroup made (where delegated)");

    // Made ahead, where the rootfs started ahead of the record.
    rootfs::own_mount_ns()?;
    let wanted = rootfs::wanted(cfg, driver_flag)?;
    let result = (|| {
        crate::util::log::phase("mount namespace made");
        let rootfs = rootfs::ContainerRootfs::mount(&store, &containers, cfg, &cdir, wanted)?;
        let dev = dev_beside(cfg, owners);
        // The container's init starts in the container's directory and
        // finds its rootfs and /etc files there by relative names: in a
        // user namespace of its own (--uidmap, keep-id) its root is a
        // subordinate id, which may enter that directory (0711) but not
        // the private ones above it.
        if cfg.userns.is_some() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&cdir, std::fs::Permissions::from_mode(0o711))
                .with_context(|| format!("setting the mode of {}", cdir.display()))?;
        }
        std::env::set_current_dir(&cdir).with_context(|| format!("entering {}", cdir.display()))?;
        // Addresses on user networks are held for the supervisor's life:
        // restarts keep them.
        let r = network::lease(paths, &containers, cfg).and_then(|_| {
            let r = run_with_restarts(
                paths,
                &containers,
                cfg,
                &cdir,
                &rootfs,
                owners,
                mode,
                early_net,
                dev,
                &held,
                cgroup.0.as_ref(),
                notify,
                done,
                unit,
            );
            // Only a user network's container holds addresses.
            if bridged {
                network::release(paths, &containers, &cfg.id);
            }
            usermounts::discard_overlays();
            r
        });
        rootfs.unmount(done);
        r
    })();
    result
}

/// The first run's /dev, made beside us while we go on
/// (`runtime/devbeside.rs`); none in a user namespace of the
/// container's own, whose init makes its own.
fn dev_beside(cfg: &ContainerConfig, owners: Owners) -> Option<devbeside::Pending> {
    if cfg.userns.is_some() {
        return None;
    }
    let no_shm = cfg.namespaces.ipc == crate::runtime::nsmodes::NsMode::None;
    let job = devbeside::Job {
        single_id: owners == Owners::Single,
        shm_size: (!no_shm).then(|| crate::runtime::mounts::shm_size(cfg.extras.shm_size)),
    };
    devbeside::start(job)
        .map_err(|e| crate::debug!("/dev: made by the init: {e}"))
        .ok()
}

/// The container's cgroup, recorded in its state while it exists and
/// removed when dropped.
struct Cgroup(Option<cgroups::Cgroup>, Containers, String);

impl Cgroup {
    fn make(containers: &Containers, cfg: &ContainerConfig) -> Result<Cgroup> {
        // Removed again (when dropped) if it cannot be recorded.
        let made = Cgroup(
            cgroups::create(&cfg.id, &cfg.resources)?,
            containers.clone(),
            cfg.id.clone(),
        );
        if let Some(c) = &made.0 {
            let mut st = containers.state(&cfg.id)?;
            st.cgroup = Some(c.dir.clone());
            containers.write_state(&cfg.id, &st)?;
        }
        Ok(made)
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        // Normally gone already, before the last exit was recorded: then
        // it is not touched again (a new supervisor may have made it anew)
        // nor the state written (`rm` may be removing it now).
        if let Some(c) = self.0.take().filter(|c| !c.removed.get()) {
            cgroups::remove(&c.dir);
            if let Ok(mut st) = self.1.state(&self.2) {
                st.cgroup = None;
                let _ = self.1.write_state(&self.2, &st);
            }
        }
    }
}

/// Whether the policy restarts a container that exited with `code`.
fn should_restart(cfg: &ContainerConfig, code: i32, restarts: u32) -> bool {
    match cfg.restart.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => code != 0 && (cfg.restart_max == 0 || restarts < cfg.restart_max),
        _ => false,
    }
}

/// Where a run's I/O goes, shared by every restart.
struct Io<'a> {
    /// The container's cgroup, if it has one.
    cgroup: Option<&'a cgroups::Cgroup>,
    /// Its healthcheck's on-failure action asked for a restart.
    health_restart: std::cell::Cell<bool>,
    log: Option<LogSink>,
    attach: io::Attach,
    /// The attaching terminal's size, set on the pty before the command starts.
    size: Option<(u16, u16)>,
    /// Foreground: the supervisor shares the caller's terminal/stdio.
    echo: bool,
    notify: &'a mut Notifier,
    /// What systemd is told, and the sockets it passed.
    unit: &'a sdnotify::Unit,
    paths: &'a Paths,
    /// The network, and whether pasta forwards DNS for it.
    mode: crate::network::Mode,
    dns_forward: bool,
    /// The container's directory for sockets, under the runtime directory.
    run_dir: Option<std::path::PathBuf>,
    /// The last run's mount namespace, held (`init::InitSpec::mount_ns_to`).
    mount_ns: Option<std::os::fd::OwnedFd>,
    /// The first run's network namespace, on its way (`runtime/netns.rs`).
    early_net: Option<crate::runtime::netns::Pending>,
    /// The first run's /dev, on its way (`runtime/devbeside.rs`).
    dev: Option<devbeside::Pending>,
    /// The rootfs, mounted or on its way (waited for in the first run).
    rootfs: &'a rootfs::ContainerRootfs<'a>,
}

#[allow(clippy::too_many_arguments)]
fn run_with_restarts(
    paths: &Paths,
    containers: &Containers,
    cfg: &ContainerConfig,
    cdir: &Path,
    rootfs: &rootfs::ContainerRootfs,
    owners: Owners,
    mode: crate::network::Mode,
    early_net: Option<crate::runtime::netns::Pending>,
    dev: Option<devbeside::Pending>,
    held: &network::Held,
    cgroup: Option<&cgroups::Cgroup>,
    notify: &mut Notifier,
    done: &mut Done,
    unit: &sdnotify::Unit,
) -> Result<i32> {
    // --sdnotify=container: the container's own socket, bound in.
    let sock = attach::socket_path(&paths.runtime, &cfg.id);
    let with_socket;
    let own = attach::container_dir(&paths.runtime, &cfg.id);
    let cfg = match unit.sd.proxy(&own.join("notify")) {
        Ok(Some(dir)) => {
            let mut c = cfg.clone();
            c.mounts.push(crate::container::mounts::Mount {
                source: dir.display().to_string(),
                destination: sdnotify::CONTAINER_DIR.into(),
                recursive: false,
                ..Default::default()
            });
            crate::engine::create::set_env(
                &mut c.env,
                format!(
                    "{}={}/notify.sock",
                    sdnotify::NOTIFY_SOCKET,
                    sdnotify::CONTAINER_DIR
                ),
            );
            with_socket = c;
            &with_socket
        }
        Err(e) => return Err(e),
        Ok(None) => cfg,
    };
    let dns_forward = network::write_etc_files(paths, cfg, cdir, &mode, held)?;
    let _proxy = network::start_proxy(paths, cfg, held)?;
    let _ = std::fs::remove_file(containers.stop_marker(&cfg.id));
    let log = match cfg.log_driver.as_str() {
        "none" | "passthrough" => None,
        "journald" => {
            let path = crate::container::journal::socket_path();
            Some(LogSink::Journal(
                crate::container::journal::JournalWriter::open(&path, &cfg.id, &cfg.name)
                    .with_context(|| format!("reaching the journal at {}", path.display()))?,
            ))
        }
        _ => Some(LogSink::File(
            LogWriter::open(&containers.log_path(&cfg.id), cfg.log_max_size)
                .context("opening the container log")?,
        )),
    };
    let echo = !notify.waiting();
    // The attach socket: where `den attach` (and `run -it`) connect.
    let listener = (|| -> Result<UnixListener> {
        let dir = sock.parent().context("socket path")?;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let _ = std::fs::remove_file(&sock);
        let listener = UnixListener::bind(&sock)?;
        // The user's alone, whatever the umask and the directory's mode
        // (it lies in den's runtime directory itself, not a 0700 one of
        // the container's own).
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o600))?;
        Ok(listener)
    })();
    let listener = match listener {
        Ok(l) => Some(l),
        Err(e) => {
            crate::warn!("no attach socket for {}: {e:#}", cfg.name);
            None
        }
    };
    let mut io = Io {
        cgroup,
        health_restart: std::cell::Cell::new(false),
        log,
        attach: io::Attach {
            listener,
            clients: Vec::new(),
            accepted: 0,
        },
        size: None,
        echo,
        notify,
        unit,
        paths,
        mode,
        dns_forward,
        run_dir: Some(own),
        mount_ns: None,
        early_net,
        dev,
        rootfs,
    };
    if std::env::var_os(ATTACH_WAIT).is_some() {
        std::env::remove_var(ATTACH_WAIT);
        // `run -it`: wait for the caller to attach before the command starts,
        // so it sees all of the output.
        io.notify.progress("attach");
        io.attach.accept();
        if cfg.tty {
            io.size = io.attach.first_size();
        }
    }
    let mut state = containers.state(&cfg.id)?;
    state.restart_count = 0;
    let result = loop {
        let ooms = io.cgroup.and_then(|c| cgroups::usage::oom_kills(&c.dir));
        let code = match once::run_once(containers, cfg, cdir, owners, &mut state, &mut io) {
            Ok(c) => c,
            Err(e) => {
                // A first start's error goes back to `den start`; a
                // restart's has no one to tell: the state keeps it.
                if state.restart_count > 0 {
                    state.status = "exited".into();
                    state.exit_code = Some(crate::error::EXIT_DEN);
                    state.finished_at = Some(chrono::Utc::now());
                    state.init = ProcRef::default();
                    state.helper = ProcRef::default();
                    state.error = Some(format!("restarting the container: {e:#}"));
                    let _ = containers.write_state(&cfg.id, &state);
                }
                break Err(e);
            }
        };
        crate::util::log::phase("command exited, its output drained");
        done.hold_mount_ns(io.mount_ns.take());
        // Its network helper was stopped as the run ended (killed; one
        // holding host ports waited for): nothing for `rm` or `stop` to
        // end or wait for (pasta takes some 30 ms to die).
        state.helper = ProcRef::default();
        // The kernel's OOM killer counts its kills in the cgroup.
        state.oom_killed = io
            .cgroup
            .and_then(|c| cgroups::usage::oom_kills(&c.dir))
            .is_some_and(|after| after > ooms.unwrap_or(0));
        // A restart the healthcheck asked for happens whatever the policy.
        let again = !containers.stop_marker(&cfg.id).exists()
            && !io::TERMINATED.load(std::sync::atomic::Ordering::Relaxed)
            && (io.health_restart.replace(false) || should_restart(cfg, code, state.restart_count));
        state.status = if again { "restarting" } else { "exited" }.into();
        state.exit_code = Some(code);
        state.finished_at = Some(chrono::Utc::now());
        state.init = ProcRef::default();
        let _ = std::fs::remove_file(containers.pause_marker(&cfg.id));
        if again {
            state.restart_count += 1;
        } else {
            let_cgroup_go(io.cgroup, &mut state);
        }
        containers.write_state(&cfg.id, &state)?;
        // Told once the state says so: a script that hears `died` and
        // runs `rm` found the container still running.
        if state.oom_killed {
            containers.event("oom", cfg, &[]);
        }
        containers.event("died", cfg, &[("containerExitCode", code.to_string())]);
        crate::util::log::phase("exit recorded");
        if again {
            std::thread::sleep(std::time::Duration::from_millis(100));
            // A stop while restarting (which has no process to signal)
            // ends it here, rather than the container coming back up.
            if !containers.stop_marker(&cfg.id).exists()
                && !io::TERMINATED.load(std::sync::atomic::Ordering::Relaxed)
            {
                continue;
            }
            state.status = "exited".into();
            let_cgroup_go(io.cgroup, &mut state);
            containers.write_state(&cfg.id, &state)?;
        }
        // --exit-policy stop: the pod stops with its last member.
        crate::pod::member_exited(io.paths, cfg);
        io.attach.broadcast(attach::EXIT, &code.to_be_bytes());
        break Ok(code);
    };
    if !done.defer_socket(&sock) {
        crate::container::attach::remove_socket(&sock);
    }
    result
}

/// The container's cgroup, at its last exit: gone before the state says
/// the container is, so whoever waits for that (stop, rm -f, wait) finds
/// no cgroup left, and a `start` right after makes it anew, ours no more.
fn let_cgroup_go(cgroup: Option<&cgroups::Cgroup>, state: &mut ContainerState) {
    if let Some(c) = cgroup {
        cgroups::remove(&c.dir);
        c.removed.set(true);
        state.cgroup = None;
    }
}
