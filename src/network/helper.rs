//! Starting and stopping the program that connects a container's network
//! namespace to the outside: pasta (ports published by pasta itself) or
//! slirp4netns (ports added through its API socket).

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use super::{etc, Mode, NetworkConfig, PortMapping};

/// The program's path, from $PATH.
pub fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|c| c.is_file())
}

/// A running helper, known by pid and start time.
pub struct Helper {
    pub proc: crate::container::process::ProcRef,
    /// slirp4netns exits when this (the write end of its exit pipe) closes.
    _exit: Option<OwnedFd>,
    /// It holds ports on the host: its stop waits for them to be free.
    binds: bool,
    /// A pasta in the foreground, our child, and its log: the
    /// supervisor's loop reaps it and reports its exit (`watched`).
    log: Option<PathBuf>,
}

/// A helper is stopped when it is dropped: its container's process is gone.
impl Drop for Helper {
    fn drop(&mut self) {
        // Neither helper keeps state worth a graceful exit (pasta in the
        // foreground even ignores SIGTERM). Through a pidfd checked against
        // the start time: a pid reused since is not ours to kill.
        let fd = self.proc.pidfd();
        let _ = self.proc.signal(9);
        // Until it has exited (its pidfd turns readable), so that the ports
        // it bound are free when the container is reported stopped: a start
        // right after (a pod's, a unit's restart) binds them again. Only
        // then: pasta takes about 30 ms to die (it frees some 30 MB of
        // buffers), longer than the rest of a `run --rm`.
        if let Some(fd) = fd.as_ref().filter(|_| self.binds) {
            let mut fds = [rustix::event::PollFd::new(fd, rustix::event::PollFlags::IN)];
            let ts = rustix::event::Timespec {
                tv_sec: 2,
                tv_nsec: 0,
            };
            let _ = rustix::event::poll(&mut fds, Some(&ts));
        }
        // Reap it if it is our child (slirp4netns); a daemonized pasta is
        // not, and a foreground one is reaped by the supervisor's loop
        // (which may have reaped it already: its pid may be another's).
        if self.log.is_none() {
            let pid = nix::unistd::Pid::from_raw(self.proc.pid);
            let _ = nix::sys::wait::waitpid(pid, Some(nix::sys::wait::WaitPidFlag::WNOHANG));
        }
    }
}

impl Helper {
    /// A helper started elsewhere (a spare namespace's pasta) that holds
    /// no host port, now this supervisor's to stop.
    pub fn adopted(proc: crate::container::process::ProcRef) -> Helper {
        Helper {
            proc,
            _exit: None,
            binds: false,
            log: None,
        }
    }

    /// A helper that is our child and whose exit while the container runs
    /// is to be reported: its pid and log.
    pub fn watched(&self) -> Option<(i32, &Path)> {
        self.log.as_deref().map(|l| (self.proc.pid, l))
    }

    fn new(pid: i32, exit: Option<OwnedFd>, binds: bool) -> Helper {
        let proc = crate::container::process::ProcRef::of(pid)
            .unwrap_or(crate::container::process::ProcRef { pid, start: 0 });
        Helper {
            proc,
            _exit: exit,
            binds,
            log: None,
        }
    }
}

/// pasta's `-t`/`-u` value for the ports of one protocol.
fn pasta_ports(ports: &[PortMapping], proto: &str) -> String {
    let specs: Vec<String> = ports
        .iter()
        .filter(|p| p.protocol == proto)
        .map(|p| {
            let ip = if p.host_ip.is_empty() {
                String::new()
            } else {
                format!("{}/", p.host_ip)
            };
            if p.range > 1 {
                let (h, c) = (p.host_port, p.container_port);
                format!("{ip}{h}-{}:{c}-{}", h + p.range - 1, c + p.range - 1)
            } else {
                format!("{ip}{}:{}", p.host_port, p.container_port)
            }
        })
        .collect();
    if specs.is_empty() {
        "none".into()
    } else {
        specs.join(",")
    }
}

/// Connect the network namespace `netns` as `mode` says, with `net`'s
/// ports and MAC address; returns once the namespace is configured.
/// `cdir` keeps pasta's pid file and log; `run_dir` (short: unix socket
/// paths are limited to 108 bytes) holds slirp4netns's API socket.
/// `runtime` is den's runtime directory. `routes`: a route socket opened
/// in the namespace (`routes::listen`), with which a pasta that binds no
/// host port is waited for only until the namespace has its routes.
#[allow(clippy::too_many_arguments)]
pub fn start(
    mode: &Mode,
    netns: &OwnedFd,
    net: &NetworkConfig,
    dns_forward: bool,
    cdir: &Path,
    run_dir: &Path,
    runtime: &Path,
    routes: Option<&OwnedFd>,
) -> Result<Option<Helper>> {
    let (_inherited, path) = inherit(netns)?;
    match mode {
        Mode::Pasta(opts) => {
            let args = pasta_args(opts, net, dns_forward, runtime);
            let binds = pasta_binds(opts, net);
            let (pidfile, log) = pasta_files(cdir);
            match routes.filter(|_| !binds) {
                Some(routes) => run_pasta_until_routed(&args, &path, &pidfile, &log, routes),
                None => run_pasta(&args, &path, &pidfile, &log, binds),
            }
            .map(Some)
        }
        Mode::Slirp(opts) => start_slirp(opts, &path, net, cdir, run_dir).map(Some),
        Mode::None | Mode::Host | Mode::Container(_) | Mode::Bridge => Ok(None),
    }
}

/// The namespace `netns` for a helper to inherit, as a descriptor (kept
/// open until the helper is spawned) and the /proc/self/fd path it opens.
fn inherit(netns: &OwnedFd) -> Result<(OwnedFd, String)> {
    let inherited = rustix::io::dup(netns).context("dup")?;
    let path = format!("/proc/self/fd/{}", inherited.as_raw_fd());
    Ok((inherited, path))
}

/// A container's pasta's pid file and log, in its directory `cdir`.
fn pasta_files(cdir: &Path) -> (PathBuf, PathBuf) {
    (cdir.join("pasta.pid"), cdir.join("pasta.log"))
}

/// Whether pasta, with the user's options `opts` and `net`'s ports, may
/// bind ports on the host (the user's own options may forward ports too).
pub fn pasta_binds(opts: &[String], net: &NetworkConfig) -> bool {
    !net.ports.is_empty() || !opts.is_empty()
}

/// pasta's arguments for a container's namespace (the user's `opts`,
/// `net`'s ports and MAC address), all but where its pid file goes and
/// which namespace it joins. `runtime` is den's runtime directory.
pub fn pasta_args(
    opts: &[String],
    net: &NetworkConfig,
    dns_forward: bool,
    runtime: &Path,
) -> Vec<String> {
    let plan = super::pasta::plan(opts, etc::host_net(), etc::pasta_maps_guest_addr(runtime));
    pasta_args_for(plan, net, dns_forward)
}

/// [`pasta_args`] for the addresses `plan` chose.
fn pasta_args_for(plan: super::pasta::Plan, net: &NetworkConfig, dns_forward: bool) -> Vec<String> {
    let ports = &net.ports;
    let mut args: Vec<String> = vec![
        "--config-net".into(),
        "--quiet".into(),
        "-t".into(),
        pasta_ports(ports, "tcp"),
        "-u".into(),
        pasta_ports(ports, "udp"),
        "-T".into(),
        "none".into(),
        "-U".into(),
        "none".into(),
    ];
    if dns_forward {
        args.extend(["--dns-forward".into(), etc::PASTA_DNS.into()]);
    }
    if let Some(mac) = &net.mac {
        args.extend(["--ns-mac-addr".into(), mac.clone()]);
    }
    args.extend(plan.args);
    args
}

/// Run pasta with `args` into the namespace at `netns` (a path), writing
/// its pid to `pidfile` and its messages to `log_path`; returns once the
/// namespace is configured.
/// `binds`: it holds ports on the host.
pub fn run_pasta(
    args: &[String],
    netns: &str,
    pidfile: &Path,
    log_path: &Path,
    binds: bool,
) -> Result<Helper> {
    let mut cmd = pasta_command(args, netns, pidfile, log_path)?;
    // pasta configures the namespace, then daemonizes: its first process
    // exits 0 once the network is up, and the daemon's pid is in the file.
    let status = cmd.status().context("starting pasta")?;
    if !status.success() {
        return Err(pasta_failed(status, log_path));
    }
    let pid: i32 = std::fs::read_to_string(pidfile)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .context("pasta did not write its pid file")?;
    Ok(Helper::new(pid, None, binds))
}

/// pasta with `args`, into the namespace at `netns`, its pid written to
/// `pidfile` (removed first) and its messages to `log_path`.
fn pasta_command(args: &[String], netns: &str, pidfile: &Path, log_path: &Path) -> Result<Command> {
    let _ = std::fs::remove_file(pidfile);
    // Its stderr goes to a file: the daemon keeps it open.
    let log = crate::util::fs::create_private(log_path)?;
    let mut cmd = Command::new(pasta_exe()?);
    crate::runtime::spawn::unblocked_signals(&mut cmd);
    cmd.args(args)
        .arg("--pid")
        .arg(pidfile)
        .args(["--netns", netns])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    Ok(cmd)
}

/// The pasta to run: its AVX2 build where it may.
fn pasta_exe() -> Result<PathBuf> {
    let pasta = find("pasta").context(
        "pasta is not installed (install the passt package, or use --network slirp4netns)",
    )?;
    Ok(avx2_build(&pasta).unwrap_or(pasta))
}

/// pasta's AVX2 build, installed beside it as `pasta.avx2`, where the CPU
/// has AVX2: pasta itself execs that first thing, and running it at once
/// saves that second exec (about 1 ms of every default-network start).
fn avx2_build(pasta: &Path) -> Option<PathBuf> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        let avx2 = pasta.with_file_name("pasta.avx2");
        return avx2.is_file().then_some(avx2);
    }
    let _ = pasta;
    None
}

/// Why pasta exited with `status`, from its log.
fn pasta_failed(status: std::process::ExitStatus, log_path: &Path) -> anyhow::Error {
    let err = std::fs::read_to_string(log_path).unwrap_or_default();
    let err: Vec<&str> = err.lines().filter(|l| !l.contains("syslog")).collect();
    let msg = format!(
        "pasta failed ({status}): {} (check the --publish ports are free and the pasta options)",
        err.join("; ")
    );
    // A port it could not bind: podman's status for that, 126.
    if err.iter().any(|l| l.contains("bind")) {
        return crate::error::Exit::with(crate::error::EXIT_CANNOT_INVOKE, msg).into();
    }
    anyhow::anyhow!("{msg}")
}

/// Run pasta, which binds no host port, in the foreground (a child of
/// ours, its pid known from the start) into the namespace at `netns`, and
/// return once the namespace has a default route for each IP version the
/// host routes (heard on `routes`, see `routes.rs`), or pasta has written
/// its pid file (its whole start done: so a host route pasta did not copy
/// costs only the time saved), whichever is first. pasta goes on filling
/// its buffers while the container starts.
fn run_pasta_until_routed(
    args: &[String],
    netns: &str,
    pidfile: &Path,
    log_path: &Path,
    routes: &OwnedFd,
) -> Result<Helper> {
    let want = super::routes::host_defaults();
    if want == super::routes::Seen::default() {
        // No default route to hear of (pasta may well fail for want of
        // one): wait for its whole start.
        return run_pasta(args, netns, pidfile, log_path, false);
    }
    spawn_pasta_routed(args, netns, pidfile, log_path, want)?.wait(routes, None)
}

/// pasta on its way into a container's namespace, before its init is
/// cloned; [`Starting::wait`] once it is.
pub enum Starting {
    /// Started, configuring the namespace itself.
    Routing(Routing),
    /// For den to configure the namespace and start pasta into it once the
    /// init is cloned (`network/nsconf.rs`).
    Tap(Box<TapStart>),
}

impl Starting {
    /// Connected: routed by pasta ([`Routing::wait`]), or by den, which
    /// starts pasta then ([`TapStart::start`]). `init`: a socket to the
    /// container's init, whose end ends a wait for pasta.
    pub fn wait(self, routes: &OwnedFd, init: &OwnedFd) -> Result<Helper> {
        match self {
            Starting::Routing(r) => r.wait(routes, Some(init)),
            Starting::Tap(t) => t.start(routes, init),
        }
    }
}

/// pasta started in the foreground, to be waited for until the
/// namespace has the host's default routes ([`Routing::wait`]).
pub struct Routing {
    pid: nix::unistd::Pid,
    pidfd: OwnedFd,
    /// Given out once routed; dropped before (an error on the way), it
    /// stops pasta, which `Drop` then reaps.
    helper: Option<Helper>,
    /// The host's default routes, read once, before pasta started: the
    /// namespace is routed when it has these (none: never, only pasta's
    /// whole start counts).
    want: super::routes::Seen,
    pidfile: PathBuf,
    log_path: PathBuf,
}

impl Drop for Routing {
    fn drop(&mut self) {
        if let Some(helper) = self.helper.take() {
            drop(helper);
            let _ = nix::sys::wait::waitpid(self.pid, None);
        }
    }
}

fn spawn_pasta_routed(
    args: &[String],
    netns: &str,
    pidfile: &Path,
    log_path: &Path,
    want: super::routes::Seen,
) -> Result<Routing> {
    let _ = std::fs::remove_file(pidfile);
    let log = crate::util::fs::create_private(log_path)?;
    let exe = pasta_exe()?;
    let cstr = |s: &std::ffi::OsStr| {
        std::ffi::CString::new(s.as_encoded_bytes()).context("a NUL byte in pasta's arguments")
    };
    let mut argv = vec![c"pasta".to_owned()];
    for a in args {
        argv.push(cstr(a.as_ref())?);
    }
    argv.push(c"--pid".to_owned());
    argv.push(cstr(pidfile.as_os_str())?);
    argv.extend([
        c"--netns".to_owned(),
        cstr(netns.as_ref())?,
        c"--foreground".to_owned(),
    ]);
    let null = std::fs::File::open("/dev/null").context("/dev/null")?;
    // A process group of its own (a terminal's ^C for the container's
    // foreground never reaches it), and gone with us should we be killed
    // before the command runs (it is recorded only then): our child for
    // the container's life, its pid not reused before we reap it.
    let pid = crate::runtime::vfork::program(&crate::runtime::vfork::Program {
        path: &cstr(exe.as_os_str())?,
        argv: &argv,
        null: null.as_fd(),
        stderr: log.as_fd(),
    })
    .context("starting pasta")?;
    let mut helper = Helper::new(pid.as_raw(), None, false);
    helper.log = Some(log_path.to_path_buf());
    let pidfd = rustix::process::Pid::from_raw(pid.as_raw())
        .context("pasta's pid")
        .and_then(|p| {
            Ok(rustix::process::pidfd_open(
                p,
                rustix::process::PidfdFlags::empty(),
            )?)
        })
        .context("pasta's pidfd")?;
    Ok(Routing {
        pid,
        pidfd,
        helper: Some(helper),
        want,
        pidfile: pidfile.to_path_buf(),
        log_path: log_path.to_path_buf(),
    })
}

impl Routing {
    /// pasta's exit status, once it has ended.
    fn reap(&self) -> Result<std::process::ExitStatus> {
        use nix::sys::wait::WaitStatus;
        use std::os::unix::process::ExitStatusExt;
        // As wait(2) puts it: the code in the second byte, or the signal.
        let raw = match nix::sys::wait::waitpid(self.pid, None).context("waiting for pasta")? {
            WaitStatus::Exited(_, code) => (code & 0xff) << 8,
            WaitStatus::Signaled(_, sig, _) => sig as i32,
            _ => 0,
        };
        Ok(std::process::ExitStatus::from_raw(raw))
    }

    /// Wait until `routes` (a route socket of the namespace, opened
    /// before pasta started) hears the host's default routes added, or
    /// pasta has written its pid file (its whole start). `init`: a socket
    /// to the container's init, which sends nothing: its end (the init
    /// failed, and its report says why) ends the wait too.
    pub fn wait(mut self, routes: &OwnedFd, init: Option<&OwnedFd>) -> Result<Helper> {
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        let mut seen = super::routes::Seen::default();
        let mut buf = vec![0u8; 16384];
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut fds = vec![
                PollFd::new(routes, PollFlags::IN),
                PollFd::new(&self.pidfd, PollFlags::IN),
            ];
            if let Some(init) = init {
                fds.push(PollFd::new(init, PollFlags::IN));
            }
            let tick = Timespec {
                tv_sec: 0,
                tv_nsec: 2_000_000,
            };
            match poll(&mut fds, Some(&tick)) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e).context("poll"),
            }
            let exited = !fds[1].revents().is_empty();
            while let Ok(n) =
                rustix::net::recv(routes, &mut buf[..], rustix::net::RecvFlags::DONTWAIT)
            {
                seen.add(buf.get(..n.0).unwrap_or_default());
            }
            if fds.get(2).is_some_and(|f| !f.revents().is_empty()) {
                // It failed (its report, read next, says why) or was
                // killed: waiting on for pasta serves no one.
                crate::debug!("network: the container's init ended before pasta routed it");
                return self.helper.take().context("pasta's helper");
            }
            if exited {
                let status = self.reap()?;
                self.helper = None;
                return Err(pasta_failed(status, &self.log_path));
            }
            let routed = self.want != super::routes::Seen::default() && seen.covers(self.want);
            if routed {
                crate::debug!("network: routed ({seen:?}), pasta still starting");
            }
            if routed || std::fs::metadata(&self.pidfile).is_ok_and(|m| m.len() > 0) {
                return self.helper.take().context("pasta's helper");
            }
            if std::time::Instant::now() > deadline {
                // Dropping the helper stops it.
                bail!(
                    "pasta did not configure the network in 30 s (see {})",
                    self.log_path.display()
                );
            }
        }
    }
}

/// pasta for the namespace `netns` of a container, started before the
/// container's init (`supervisor/once.rs`), where it may be: with
/// `mode`'s options and `net` it binds no host port, and the host has a
/// default route for the route socket to hear of. `None`: start it as
/// [`start`] does, once the init runs. `tap`: /dev/net/tun opened in the
/// namespace, where [`tapped`] says den configures it itself
/// ([`TapStart`]).
#[allow(clippy::too_many_arguments)]
pub fn spawn_early(
    mode: &Mode,
    netns: &OwnedFd,
    tap: Option<OwnedFd>,
    net: &NetworkConfig,
    dns_forward: bool,
    cdir: &Path,
    runtime: &Path,
) -> Result<Option<Starting>> {
    let Mode::Pasta(opts) = mode else {
        return Ok(None);
    };
    let want = super::routes::host_defaults();
    if pasta_binds(opts, net) || want == super::routes::Seen::default() {
        return Ok(None);
    }
    let (inherited, path) = inherit(netns)?;
    let (pidfile, log) = pasta_files(cdir);
    let plan = super::pasta::plan(opts, etc::host_net(), etc::pasta_maps_guest_addr(runtime));
    let chosen = plan.chosen;
    let args = pasta_args_for(plan, net, dns_forward);
    if let Some(tun) = tap {
        return Ok(Some(Starting::Tap(Box::new(TapStart {
            tun,
            chosen,
            args,
            netns: (inherited, path),
            pidfile,
            log,
            want,
        }))));
    }
    spawn_pasta_routed(&args, &path, &pidfile, &log, want)
        .map(Starting::Routing)
        .map(Some)
}

/// Whether den configures the namespace of a container with `mode` and
/// `net` itself and hands pasta its tap device ([`TapStart`]): pasta with
/// no options or ports of the user's and no MAC address, a pasta that
/// takes a device (`--fd`) and lacks `--map-guest-addr` (so den chooses
/// the container's addresses), and a host with a default route.
pub fn tapped(mode: &Mode, net: &NetworkConfig, runtime: &Path) -> bool {
    let Mode::Pasta(opts) = mode else {
        return false;
    };
    if pasta_binds(opts, net) || net.mac.is_some() {
        return false;
    }
    let features = find("pasta")
        .map(|exe| super::pasta::features(&exe, runtime))
        .unwrap_or_default();
    features.fd
        && !features.map_guest_addr
        && super::routes::host_defaults() != super::routes::Seen::default()
}

/// A namespace for den to configure and hand to pasta, its tap device
/// made of `tun` (`network/nsconf.rs`), once the container's init is
/// cloned: its preparation runs beside, and pasta's own start (about 20
/// ms of CPU) comes after the container's on this CPU.
pub struct TapStart {
    /// /dev/net/tun, opened in the namespace.
    tun: OwnedFd,
    /// The container's IPv4 address, prefix length and gateway, as den
    /// chose them for pasta's arguments (`pasta::Plan::chosen`).
    chosen: Option<(std::net::Ipv4Addr, u8, std::net::Ipv4Addr)>,
    /// pasta's arguments as it would configure the namespace itself.
    args: Vec<String>,
    /// The namespace (a descriptor pasta inherits) and its path.
    netns: (OwnedFd, String),
    pidfile: PathBuf,
    log: PathBuf,
    /// The host's default routes, for a pasta that configures it after all.
    want: super::routes::Seen,
}

impl TapStart {
    /// Configure the namespace through `routes`, its route socket, and
    /// start pasta with its tap device; where den cannot, pasta with its
    /// own configuration, waited for as [`Routing::wait`] does.
    fn start(self, routes: &OwnedFd, init: &OwnedFd) -> Result<Helper> {
        let path = &self.netns.1;
        let planned = self
            .chosen
            .and_then(|(own, prefix, gw)| super::nsconf::TapPlan::for_host(own, prefix, gw))
            .context("no IPv4 default route on the host");
        let configured = planned.and_then(|tap| {
            let made = crate::runtime::netns::name_tap(&self.tun, routes, &tap.name)
                .context("making the tap device")
                .and_then(|index| super::nsconf::configure(routes, &tap, index));
            match made {
                Ok(left) => {
                    for l in left {
                        crate::debug!("network: the container has no IPv6 ({l})");
                    }
                    Ok(tap)
                }
                Err(e) => {
                    // The init holds a copy of the device's descriptor
                    // until it execs: the device is deleted, not only
                    // closed, for pasta to make one of that name.
                    if let Err(d) = super::nsconf::remove(routes, &tap.name) {
                        crate::debug!("network: {d:#}");
                    }
                    Err(e)
                }
            }
        });
        let tap = match configured {
            Ok(tap) => tap,
            Err(e) => {
                crate::debug!("network: left to pasta to configure: {e:#}");
                // What the route socket heard of den's routes is not
                // routes pasta added.
                drop(self.tun);
                let mut buf = vec![0u8; 16384];
                while rustix::net::recv(routes, &mut buf[..], rustix::net::RecvFlags::DONTWAIT)
                    .is_ok()
                {}
                return spawn_pasta_routed(&self.args, path, &self.pidfile, &self.log, self.want)?
                    .wait(routes, Some(init));
            }
        };
        crate::util::log::phase("network namespace configured (den)");
        // Not close-on-exec: pasta's.
        let theirs = rustix::io::dup(&self.tun).context("dup")?;
        // What `--config-net` implied (no router advertisements: the
        // addresses are den's), and the device's MAC address, which pasta
        // otherwise reads from it.
        let mut args: Vec<String> = self
            .args
            .into_iter()
            .filter(|a| a != "--config-net")
            .collect();
        args.extend([
            "--no-ra".into(),
            "--ns-mac-addr".into(),
            tap.mac_text(),
            "--fd".into(),
            theirs.as_raw_fd().to_string(),
        ]);
        let mut started = spawn_pasta_routed(&args, path, &self.pidfile, &self.log, self.want)?;
        crate::debug!("network: routed by den (its tap device handed to pasta), pasta starting");
        // The command may start now: what it sends waits in the device's
        // queue until pasta reads it. (pasta is started before the init is
        // told, not after: the command would run, for a `stop` to find the
        // container not yet recorded running, for as long as that takes.)
        // A pasta that fails now is reported as one that dies while the
        // container runs (`watched`).
        started.helper.take().context("pasta's helper")
    }
}

fn start_slirp(
    opts: &[String],
    netns: &str,
    net: &NetworkConfig,
    cdir: &Path,
    run_dir: &Path,
) -> Result<Helper> {
    let ports = &net.ports;
    let exe = find("slirp4netns").context(
        "slirp4netns is not installed (install the slirp4netns package, or use --network pasta)",
    )?;
    // Pipes slirp4netns inherits (not close-on-exec): it writes '1' on the
    // ready pipe, and exits when the exit pipe closes.
    let (ready_r, ready_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::empty())?;
    let (exit_r, exit_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::empty())?;
    let sock = run_dir.join("slirp4netns");
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(run_dir)
            .with_context(|| format!("creating {}", run_dir.display()))?;
    }
    // Its stderr goes to a file: a pipe nobody reads would block it, or
    // kill it with SIGPIPE once closed.
    let log_path = cdir.join("slirp4netns.log");
    let log = crate::util::fs::create_private(&log_path)?;
    let _ = std::fs::remove_file(&sock);
    let mut cmd = Command::new(exe);
    cmd.args(["--configure", "--mtu=65520"])
        .arg(format!("--ready-fd={}", ready_w.as_raw_fd()))
        .arg(format!("--exit-fd={}", exit_r.as_raw_fd()))
        .arg(format!("--api-socket={}", sock.display()));
    let mut host_loopback = false;
    for o in opts {
        match o.split_once('=') {
            Some(("allow_host_loopback", v)) => host_loopback = v == "true",
            Some(("mtu", v)) => {
                cmd.arg(format!("--mtu={v}"));
            }
            Some(("cidr", v)) => {
                cmd.arg(format!("--cidr={v}"));
            }
            Some(("enable_ipv6", "true")) => {
                cmd.arg("--enable-ipv6");
            }
            _ => {}
        }
    }
    if !host_loopback {
        cmd.arg("--disable-host-loopback");
    }
    if let Some(mac) = &net.mac {
        cmd.arg(format!("--macaddress={mac}"));
    }
    cmd.arg("--netns-type=path")
        .arg(netns)
        .arg("tap0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = cmd.spawn().context("starting slirp4netns")?;
    drop(ready_w);
    drop(exit_r);
    let mut b = [0u8; 1];
    let ready = std::fs::File::from(ready_r)
        .read(&mut b)
        .map(|n| n == 1)
        .unwrap_or(false);
    if !ready {
        let _ = child.kill();
        let _ = child.wait();
        let err = std::fs::read_to_string(log_path).unwrap_or_default();
        bail!(
            "slirp4netns failed: {}",
            err.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    let helper = Helper::new(child.id() as i32, Some(exit_w), !ports.is_empty());
    for p in ports {
        for (host, port) in p.pairs() {
            let req = serde_json::json!({
                "execute": "add_hostfwd",
                "arguments": {
                    "proto": p.protocol,
                    "host_addr": p.host_addr(),
                    "host_port": host,
                    "guest_port": port,
                }
            });
            // On failure `helper` is dropped, which stops slirp4netns.
            slirp_api(&sock, &req)
                .with_context(|| format!("publishing port {host} through slirp4netns"))?;
        }
    }
    Ok(helper)
}

/// One request on slirp4netns's API socket.
fn slirp_api(sock: &Path, req: &serde_json::Value) -> Result<()> {
    let mut s =
        std::os::unix::net::UnixStream::connect(sock).context("connecting to slirp4netns")?;
    s.write_all(req.to_string().as_bytes())?;
    s.shutdown(std::net::Shutdown::Write)?;
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line)?;
    let answer: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
    if let Some(e) = answer.get("error") {
        bail!(
            "{}",
            e.get("desc").and_then(|d| d.as_str()).unwrap_or("refused")
        );
    }
    Ok(())
}
