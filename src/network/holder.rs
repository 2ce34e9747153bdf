//! The user's shared network namespace, which holds the bridges of
//! user-defined networks: a small den process (`den __netns`, re-executed)
//! makes a user namespace and a network namespace, connects it to the
//! outside with one pasta or slirp4netns, installs the forwarding rules
//! (nft), and then waits until no container needs it.
//!
//! ```text
//! $XDG_RUNTIME_DIR/den/netns/
//!   holder.json   the holder's pid and start time, and its helper
//!   users.lock    every supervisor on a user network holds it shared;
//!                 the holder waits for it exclusively, then exits
//!   start.lock    serializes starting a holder
//!   holder.log, pasta.pid, pasta.log or slirp4netns.log
//! ```
//!
//! Containers on user networks join the holder's user namespace (so the
//! supervisor may wire their network namespace to its bridges) instead of
//! making one of their own.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::keeper::Keeper;
use super::{helper, Mode, NetworkConfig};
use crate::config::{env, paths::Paths};
use crate::container::process::ProcRef;
use crate::runtime::{exec, network as rtnet, spawn, userns};
use crate::util::{fs as ufs, lock::Lock};

/// The environment variable naming the holder's start-notification fd.
const NOTIFY_FD: &str = "_DEN_NETNS_NOTIFY_FD";

/// The forwarding rules of the shared namespace. Each network's bridge is
/// `den<N>` (`deni<N>` when internal): traffic between bridges is dropped,
/// nothing is forwarded to or from an internal bridge, and what leaves for
/// the helper is masqueraded to the namespace's own address. Traffic
/// within one bridge is switched, not routed, so these rules never see it.
const RULES: &str = r#"table ip den {
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "den*" oifname "den*" drop
    iifname "deni*" drop
    oifname "deni*" drop
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname != "den*" oifname != "lo" masquerade
  }
}
"#;

/// What holder.json records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub holder: ProcRef,
    /// The holder's child that sits in the shared network namespace (the
    /// holder itself stays in the host's, where the helper must start).
    pub netns: ProcRef,
    /// The `--network` flag of the helper connecting the namespace.
    pub helper: String,
    /// Only the user's own id is mapped (no subordinate ranges).
    pub single: bool,
    /// Where host.containers.internal points, seen from the host (the
    /// members' /proc/net is the shared namespace's).
    #[serde(default)]
    pub host_address: Option<String>,
    /// The helper's DNS forwarder.
    #[serde(default)]
    pub dns: Option<String>,
}

/// A container's hold on the shared namespace: the holder stays while
/// one exists.
pub struct Membership {
    _users: Lock,
    pub record: Record,
}

impl Membership {
    /// What containers on the networks see of the outside.
    pub fn addresses(&self) -> super::etc::Addresses {
        super::etc::Addresses {
            own: None,
            host: self.record.host_address.clone(),
            dns: self.record.dns.clone(),
        }
    }
}

fn dir(paths: &Paths) -> PathBuf {
    paths.runtime.join("netns")
}

/// A program from $PATH, else from the system directories (where nft and
/// ip live, and which a user's $PATH often lacks).
pub fn system_program(name: &str) -> Option<PathBuf> {
    helper::find(name).or_else(|| {
        ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(name))
            .find(|p| p.is_file())
    })
}

/// The running holder, if any (read only: nothing is started).
pub fn current(paths: &Paths) -> Option<Record> {
    ufs::read_json::<Record>(&dir(paths).join("holder.json"))
        .ok()
        .flatten()
        .filter(|r| r.holder.alive() && r.netns.alive())
}

/// Make sure the holder runs, and take a hold on it.
pub fn hold(paths: &Paths) -> Result<Membership> {
    let d = dir(paths);
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&d)
        .with_context(|| format!("creating {}", d.display()))?;
    let users = Lock::shared(&d.join("users.lock"))?;
    let _start = Lock::exclusive(&d.join("start.lock"))?;
    let record = match current(paths) {
        Some(r) => r,
        None => start(paths, &d)?,
    };
    Ok(Membership {
        _users: users,
        record,
    })
}

/// Take a hold and join the holder's user and network namespaces. Call
/// while single-threaded and in the host's user namespace; afterwards
/// `userns::enter` has nothing left to do.
pub fn join(paths: &Paths) -> Result<Membership> {
    let m = hold(paths)?;
    enter(&m.record)?;
    Ok(m)
}

/// Join the namespaces of a running holder.
pub fn enter(record: &Record) -> Result<()> {
    let fd = record
        .netns
        .pidfd()
        .context("the shared network namespace's holder is gone")?;
    exec::join(&[fd], libc::CLONE_NEWUSER | libc::CLONE_NEWNET)
        .context("joining the shared network namespace")?;
    // Single-threaded here: nothing reads the environment concurrently.
    std::env::set_var(
        env::DEN_IN_USERNS,
        if record.single { "single" } else { "full" },
    );
    Ok(())
}

/// Spawn `den __netns` and wait until its namespace is ready.
fn start(paths: &Paths, d: &Path) -> Result<Record> {
    let (r, w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::empty()).context("pipe")?;
    rustix::io::fcntl_setfd(&r, rustix::io::FdFlags::CLOEXEC).context("fcntl")?;
    let log = crate::util::fs::create_private(&d.join("holder.log"))?;
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg("--root")
        .arg(&paths.data)
        .arg("--runroot")
        .arg(&paths.runtime)
        .arg("__netns")
        .env(NOTIFY_FD, w.as_raw_fd().to_string())
        .env_remove(env::DEN_IN_USERNS)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let _child = cmd
        .spawn()
        .context("starting the shared network namespace")?;
    drop(w);
    let mut line = String::new();
    let _ = BufReader::new(std::fs::File::from(r)).read_line(&mut line);
    match line.trim_end() {
        "ok" => current(paths).context("the shared network namespace did not record itself"),
        "" => bail!(
            "the shared network namespace exited while starting (see {})",
            d.join("holder.log").display()
        ),
        msg => bail!(
            "{}",
            msg.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')
        ),
    }
}

/// The holder's life (`den __netns`): set up, report, wait for the last
/// user, clean up.
pub fn serve(paths: &Paths) -> Result<i32> {
    let mut notify = std::env::var(NOTIFY_FD)
        .ok()
        .and_then(|v| v.parse::<i32>().ok())
        .and_then(spawn::adopt_inherited_fd)
        .map(std::fs::File::from);
    std::env::remove_var(NOTIFY_FD);
    let _ = rustix::process::setsid();
    let d = dir(paths);
    let (helper, keeper) = match set_up(&d) {
        Ok(x) => x,
        Err(e) => {
            if let Some(f) = notify.as_mut() {
                let _ = writeln!(f, "125 {}", format!("{e:#}").replace('\n', " "));
            }
            return Err(e);
        }
    };
    if let Some(mut f) = notify.take() {
        let _ = f.write_all(b"ok\n");
    }
    // Every user holds users.lock shared: getting it exclusively means
    // none is left. New users wait for the lock, then find no holder
    // record and start a new holder.
    let _last = Lock::exclusive(&d.join("users.lock"))?;
    let _ = std::fs::remove_file(d.join("holder.json"));
    drop(helper);
    drop(keeper);
    let _ = std::fs::remove_file(d.join("pasta.pid"));
    Ok(0)
}

/// The holder's set-up: its user namespace, a child that makes and keeps
/// the network namespace, and the helper (started from the host's network
/// namespace, which it needs to see).
fn set_up(d: &Path) -> Result<(Option<helper::Helper>, Keeper)> {
    stop_stale_pasta(&d.join("pasta.pid"));
    let owners = userns::enter()?;
    let keeper = Keeper::start(prepare_netns)?;
    let mode = shared_helper();
    let ns = std::fs::File::open(format!("/proc/{}/ns/net", keeper.proc.pid))
        .context("opening the shared network namespace")?;
    // pasta's forwarder only where the containers cannot reach the host's
    // resolver themselves (with it, pasta answers for that resolver from
    // the forwarder's address, which resolvers reject).
    let host = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let net = NetworkConfig::default();
    let runtime = d.parent().unwrap_or(d);
    let addr = super::etc::addresses(&mode, runtime);
    let (_, forward) = super::etc::resolv_conf(&host, &mode, &net, &addr);
    let helper = helper::start(
        &mode,
        &OwnedFd::from(ns),
        &net,
        forward,
        d,
        d,
        runtime,
        None,
    )?;
    let record = Record {
        holder: ProcRef::current(),
        netns: keeper.proc,
        helper: mode.to_flag(),
        single: owners == crate::storage::extract::Owners::Single,
        host_address: addr.host,
        dns: addr.dns,
    };
    ufs::write_json(&d.join("holder.json"), &record)?;
    Ok((helper, keeper))
}

/// The helper for the shared namespace: slirp4netns where installed, as
/// podman 4 has it, else pasta. Debian 12's pasta (2023-03) does not carry
/// the data of TCP connections routed (and masqueraded) from a bridge: the
/// handshake completes, then nothing comes back.
fn shared_helper() -> Mode {
    if helper::find("slirp4netns").is_some() {
        Mode::Slirp(Vec::new())
    } else if helper::find("pasta").is_some() {
        Mode::Pasta(Vec::new())
    } else {
        Mode::None
    }
}

/// In the keeper: make the network namespace and set it up for routing.
fn prepare_netns() -> Result<()> {
    userns::unshare(rustix::thread::UnshareFlags::NEWNET)
        .context("creating the shared network namespace")?;
    rtnet::loopback_up().context("bringing up lo")?;
    std::fs::write("/proc/sys/net/ipv4/ip_forward", "1").context("enabling forwarding")?;
    // With br_netfilter, switched traffic would pass the rules too.
    let brnf = Path::new("/proc/sys/net/bridge/bridge-nf-call-iptables");
    if brnf.exists() {
        std::fs::write(brnf, "0").context("turning off bridge-nf-call-iptables")?;
    }
    install_rules()
}

fn install_rules() -> Result<()> {
    let nft = system_program("nft").context(
        "nft is not installed: user-defined networks need it (install the nftables package)",
    )?;
    let mut child = Command::new(nft)
        .args(["-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("running nft")?;
    if let Some(mut i) = child.stdin.take() {
        i.write_all(RULES.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "nft refused the network rules: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// A pasta left behind by a holder that was killed keeps an empty
/// namespace alive: stop it (the one whose pid file is `pidfile`).
pub(super) fn stop_stale_pasta(pidfile: &Path) {
    let Some(pid) = std::fs::read_to_string(pidfile)
        .ok()
        .and_then(|s| s.trim().parse::<i32>().ok())
    else {
        return;
    };
    // Only the pasta that wrote this very file: the pid may be reused.
    kill_if_named(pid, pidfile);
    let _ = std::fs::remove_file(pidfile);
}

/// Stop every process of the user's given `pidfile` as an argument (a
/// pasta whose pid file could not be read: only den gives that path).
pub(super) fn stop_pasta_named(pidfile: &Path) {
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Some(pid) = e.file_name().to_str().and_then(|p| p.parse::<i32>().ok()) {
            kill_if_named(pid, pidfile);
        }
    }
}

/// SIGKILL process `pid` if `pidfile` is one of its arguments.
fn kill_if_named(pid: i32, pidfile: &Path) {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let want = pidfile.as_os_str().as_encoded_bytes();
    if cmdline.split(|b| *b == 0).any(|arg| arg == want) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}
