//! The container's first process, between clone and exec: mounts, root
//! switch, hostname, user, working directory, then exec of the command.
//! Any failure is reported to the supervisor through a pipe with the exit
//! status it means (125 den, 126 cannot invoke, 127 not found).

use std::ffi::CString;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{mounts, network, spawn, user};
use crate::error::{EXIT_CANNOT_INVOKE, EXIT_DEN, EXIT_NOT_FOUND};

/// The default PATH when the image sets none.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What the init needs to know.
pub struct InitSpec<'a> {
    pub mounts: mounts::Plan<'a>,
    /// A UTS namespace of its own: the host name is set.
    pub own_uts: bool,
    /// A cgroup namespace of its own (made in the init, after the clone
    /// put it in its cgroup).
    pub cgroupns: bool,
    pub hostname: &'a str,
    pub user: &'a str,
    pub args: &'a [String],
    pub env: &'a [String],
    pub workdir: &'a str,
    pub interactive: bool,
    /// Bring `lo` up: the network namespace is new (or a spare's).
    pub lo_up: bool,
    pub single_id: bool,
    /// A pidfd of the supervisor: the container dies with it.
    pub parent: &'a OwnedFd,
    /// `--init`: stay as PID 1, forward signals to the command, reap orphans.
    pub init: bool,
    /// A pod's infra container: run no command, only hold the namespaces
    /// until a stop signal.
    pub pause: bool,
    /// `--tty`: make a pty in the container's devpts and send its master
    /// to the supervisor over this socket.
    pub tty: Option<OwnedFd>,
    /// The pty's initial size (rows, cols), set before the command starts.
    pub size: Option<(u16, u16)>,
    /// The read end of a stdin pipe the supervisor feeds (detached `-i`).
    pub stdin: Option<OwnedFd>,
    pub security: &'a super::security::Security,
    pub process: &'a super::procattrs::ProcAttrs,
    /// The compiled seccomp filter, if any.
    pub seccomp: Option<&'a [u8]>,
    /// A socket to the supervisor: we send our network namespace over it
    /// (the helper joins it), then wait for a byte saying it is connected.
    /// Only borrowed, as every descriptor here (the init may share the
    /// supervisor's memory: `vfork::clone_container`): the exec closes
    /// it, and `--init` closes stray descriptors.
    pub net_ready: Option<OwnedFd>,
    /// Where to send our mount namespace, which the supervisor then holds
    /// (see `run`).
    pub mount_ns_to: Option<OwnedFd>,
    /// Send a route socket of the new namespace after it
    /// (`network/routes.rs`): the supervisor hears the helper configure it.
    pub watch_routes: bool,
    /// Hand our network namespace over on `net_ready` first: not when
    /// the supervisor made it, and started its helper, before the clone
    /// (then we only wait for the byte).
    pub hand_over_net: bool,
    /// A network namespace to join first, ready and connected (a spare:
    /// `network/spare.rs`), in place of a new one.
    pub join_net: Option<OwnedFd>,
    /// The container's cgroup (its directory), to join before anything
    /// else: where the clone could not put it (one in the supervisor's
    /// memory, `vfork::clone_container`).
    pub join_cgroup: Option<BorrowedFd<'a>>,
    /// Socket activation: descriptors the command gets as 3.. (with
    /// `LISTEN_FDS`, `LISTEN_PID` and these `LISTEN_FDNAMES`).
    pub sockets: &'a [std::os::fd::RawFd],
    pub socket_names: Option<&'a str>,
    /// The sockets are systemd's (the command gets `LISTEN_*`), not
    /// `--preserve-fds`'s.
    pub listen: bool,
}

/// A failure with its exit status.
pub struct Failure {
    pub code: i32,
    pub message: String,
}

fn fail(code: i32, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

/// Run in the cloned child; returns only on failure, after reporting it on
/// `report`. `stdio` are the write ends of the output pipes (none: inherit).
pub fn run(spec: &InitSpec, report: BorrowedFd, stdio: Option<(BorrowedFd, BorrowedFd)>) -> i32 {
    if let Some(cgroup) = spec.join_cgroup {
        if let Err(e) = join_cgroup(cgroup) {
            return self::report_to(
                Err(fail(
                    EXIT_DEN,
                    format!("joining the container's cgroup: {e}"),
                )),
                report,
            );
        }
    }
    if let Some(ns) = &spec.join_net {
        if let Err(e) = super::exec::join(std::slice::from_ref(ns), libc::CLONE_NEWNET) {
            return self::report_to(
                Err(fail(
                    EXIT_DEN,
                    format!("joining the network namespace: {e}"),
                )),
                report,
            );
        }
    }
    // Our mount namespace, held by the supervisor too: at our exit its
    // teardown (each mount undone, an RCU grace period) is not done
    // before our end is reported, but when the supervisor lets it go.
    if let Some(sock) = &spec.mount_ns_to {
        let flags = rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC;
        if let Ok(ns) = rustix::fs::open("/proc/self/ns/mnt", flags, rustix::fs::Mode::empty()) {
            let _ = spawn::send_fd(sock, &ns);
        }
    }
    let net_sock = spec.net_ready.as_ref();
    if let Some(sock) = net_sock.as_ref().filter(|_| spec.hand_over_net) {
        // The supervisor may not open our /proc files (we are not dumpable).
        let sent = rustix::fs::open(
            "/proc/self/ns/net",
            rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .map_err(std::io::Error::from)
        .and_then(|ns| spawn::send_fd(sock, &ns))
        .and_then(|_| match spec.watch_routes {
            // Without one the supervisor waits for the helper's whole start.
            true => match crate::network::routes::listen() {
                Ok(routes) => spawn::send_fd(sock, &routes),
                Err(_) => rustix::net::send(sock, b"n", rustix::net::SendFlags::empty())
                    .map(drop)
                    .map_err(Into::into),
            },
            false => Ok(()),
        });
        if let Err(e) = sent {
            return self::report_to(
                Err(fail(
                    EXIT_DEN,
                    format!("handing over the network namespace: {e}"),
                )),
                report,
            );
        }
    }
    if let Err(f) = prepare(spec, stdio).and_then(|_| terminal(spec)) {
        return self::report_to(Err(f), report);
    }
    if let Some(ready) = net_sock {
        let mut b = [0u8; 1];
        if !matches!(rustix::io::read(ready, &mut b), Ok(1)) {
            return self::report_to(
                Err(fail(EXIT_DEN, "the network helper did not start")),
                report,
            );
        }
    }
    let target = Target {
        user: spec.user,
        workdir: spec.workdir,
        env: spec.env,
        args: spec.args,
        interactive: spec.interactive || spec.tty.is_some() || spec.stdin.is_some(),
        single_id: spec.single_id,
        hostname: spec.hostname,
        security: spec.security,
        process: spec.process,
        seccomp: spec.seccomp,
        sockets: spec.sockets,
        socket_names: spec.socket_names,
        listen: spec.listen,
        joined: false,
    };
    if spec.pause {
        return pause(report, spec.security);
    }
    if !spec.init {
        return self::report_to(exec_as(&target), report);
    }
    // --init: we stay PID 1. Signals are blocked before the fork (the
    // command resets them before exec) and read from a signalfd, so even
    // signals without a handler reach us and go on to the command.
    if let Err(e) = spawn::block_for_init() {
        return self::report_to(Err(fail(EXIT_DEN, format!("{e:#}"))), report);
    }
    match spawn::fork() {
        Err(e) => self::report_to(Err(fail(EXIT_DEN, format!("fork: {e}"))), report),
        Ok(None) => {
            if spec.tty.is_some() {
                // The terminal's foreground group is the command's alone,
                // as catatonit makes it: Ctrl-C went to den-init too,
                // which passed it on, so the command had it twice. (Its
                // SIGTTOU is blocked until its exec.)
                let _ = rustix::process::setpgid(None, None);
                let _ = rustix::termios::tcsetpgrp(std::io::stdin(), rustix::process::getpid());
            }
            self::report_to(exec_as(&target), report)
        }
        Ok(Some(child)) => {
            // Keep none of the supervisor's descriptors (a caller waiting for
            // EOF on one of them would wait forever): only stdio stays.
            spawn::close_from(3);
            // PID 1 is container root too: the container's capabilities, no more.
            let limited = super::security::limit_bounding(spec.security)
                .and_then(|_| super::security::apply_caps(spec.security, 0));
            if let Err(m) = limited {
                eprintln!("den: warning: den-init keeps its capabilities: {m}");
            }
            let _ = rustix::thread::set_name(c"den-init");
            let code = spawn::init_wait(child).unwrap_or(EXIT_DEN);
            // Out at once: the descriptors still owned here (the stdin
            // pipe of `-i`, the network's socket) were closed above, and
            // dropping them closed them twice (a debug build aborted,
            // and its container ended with 139 whatever its status).
            spawn::exit_child(code)
        }
    }
}

/// The longest report: one write of at most PIPE_BUF never blocks on an
/// empty pipe, and so never waits for its reader (`den exec`'s is
/// suspended until its command has exec'd or exited: see `vfork`). A
/// message longer (a 70,000-byte command name, a user in more than
/// 65,536 groups)
/// is cut, on a character boundary.
const REPORT_MAX: usize = 4096;

/// Move this process into the cgroup whose directory is `dir`.
fn join_cgroup(dir: BorrowedFd) -> std::io::Result<()> {
    let procs = rustix::fs::openat(
        dir,
        "cgroup.procs",
        rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    rustix::io::write(&procs, b"0")?;
    Ok(())
}

/// Send a failure to whoever waits on `pipe` (as `CODE message`); its code.
pub fn report_to(result: Result<std::convert::Infallible, Failure>, pipe: BorrowedFd) -> i32 {
    let err = match result {
        Ok(never) => match never {},
        Err(f) => f,
    };
    let mut line = format!("{} {}", err.code, err.message);
    if line.len() > REPORT_MAX {
        let mut end = REPORT_MAX - "...".len();
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line.truncate(end);
        line.push_str("...");
    }
    let _ = rustix::io::write(pipe, line.as_bytes());
    err.code
}

/// The container's session and stdio from the supervisor: a pty made in
/// the container's own devpts (its master sent back over `spec.tty`, the
/// slave our controlling terminal and stdio), or a session without a
/// terminal and maybe a stdin pipe. Either way the container has a session
/// and process group of its own: `kill 0` or `kill -STOP 0` inside must
/// never reach the supervisor.
fn terminal(spec: &InitSpec) -> Result<(), Failure> {
    if let Some(sock) = &spec.tty {
        return become_pty_session(sock, spec.size);
    }
    rustix::process::setsid().map_err(|e| fail(EXIT_DEN, format!("setsid: {e}")))?;
    let null;
    let stdin = match &spec.stdin {
        Some(pipe) => pipe,
        None => {
            null = rustix::fs::open(
                "/dev/null",
                rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .map_err(|e| fail(EXIT_DEN, format!("opening /dev/null: {e}")))?;
            &null
        }
    };
    spawn::dup_onto(stdin, 0).map_err(|e| fail(EXIT_DEN, format!("redirecting stdin: {e}")))
}

/// Make a pty in the devpts of our (container's) /dev, send its master over
/// `sock`, and make the slave our controlling terminal and stdio.
pub fn become_pty_session(sock: &OwnedFd, size: Option<(u16, u16)>) -> Result<(), Failure> {
    use rustix::pty::OpenptFlags;
    let err = |what: &str, e: rustix::io::Errno| fail(EXIT_DEN, format!("{what}: {e}"));
    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .map_err(|e| err("opening /dev/ptmx", e))?;
    rustix::pty::unlockpt(&master).map_err(|e| err("unlocking the pty", e))?;
    let slave = rustix::pty::ioctl_tiocgptpeer(&master, OpenptFlags::RDWR | OpenptFlags::NOCTTY)
        .map_err(|e| err("opening the pty's peer", e))?;
    if let Some((rows, cols)) = size {
        let ws = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&master, ws)
            .map_err(|e| err("setting the terminal size", e))?;
    }
    spawn::send_fd(sock, &master)
        .map_err(|e| fail(EXIT_DEN, format!("handing over the pty: {e}")))?;
    drop(master);
    rustix::process::setsid().map_err(|e| err("setsid", e))?;
    rustix::process::ioctl_tiocsctty(&slave)
        .map_err(|e| err("making the pty the controlling terminal", e))?;
    for target in 0..3 {
        spawn::dup_onto(&slave, target)
            .map_err(|e| fail(EXIT_DEN, format!("redirecting stdio to the pty: {e}")))?;
    }
    Ok(())
}

/// A pod's infra container: report the start (the pipe closed, as an
/// exec would), then wait for INT, TERM or HUP and exit 0; reap what
/// ends in the meantime (processes members started and left).
///
/// Members join its namespaces through a pidfd of it, which the kernel
/// allows only for a dumpable process: it gives up every capability
/// first (and may gain none), so a member that could then ptrace it
/// gains nothing it does not have.
fn pause(report: BorrowedFd, security: &super::security::Security) -> i32 {
    use nix::sys::signal::Signal;
    let none = super::security::Security {
        caps: Vec::new(),
        privileged: false,
        ..security.clone()
    };
    let dropped = spawn::block_signals()
        .map_err(|e| format!("{e:#}"))
        .and_then(|_| super::security::limit_bounding(&none))
        .and_then(|_| super::security::apply_caps(&none, 0))
        .and_then(|_| {
            rustix::thread::set_no_new_privs(true).map_err(|e| format!("no_new_privs: {e}"))
        })
        .and_then(|_| spawn::dumpable().map_err(|e| format!("prctl: {e}")));
    if let Err(m) = dropped {
        return self::report_to(Err(fail(EXIT_DEN, m)), report);
    }
    let _ = rustix::thread::set_name(c"den-infra");
    spawn::close_from(3);
    let Ok(sfd) = nix::sys::signalfd::SignalFd::with_flags(
        &spawn::relayed_set(),
        nix::sys::signalfd::SfdFlags::SFD_CLOEXEC,
    ) else {
        return EXIT_DEN;
    };
    loop {
        let _ = spawn::reap_all();
        if let Ok(Some(info)) = sfd.read_signal() {
            if matches!(
                Signal::try_from(info.ssi_signo as i32),
                Ok(Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP)
            ) {
                return 0;
            }
        }
    }
}

/// Everything before the exec: die with the supervisor, output pipes,
/// mounts and root switch, hostname, loopback.
fn prepare(spec: &InitSpec, stdio: Option<(BorrowedFd, BorrowedFd)>) -> Result<(), Failure> {
    let den = |e: anyhow::Error| fail(EXIT_DEN, format!("{e:#}"));
    spawn::die_with_parent(spec.parent).map_err(|e| fail(EXIT_DEN, format!("{e}")))?;
    // While /proc/self is still ours to write (not after not_dumpable).
    super::procattrs::apply_oom_score(spec.process).map_err(|m| fail(EXIT_DEN, m))?;
    // Until exec this is den's code (and with --init it stays so): no
    // container process may open our /proc/PID/exe (CVE-2019-5736).
    spawn::not_dumpable().map_err(|e| fail(EXIT_DEN, format!("prctl: {e}")))?;
    if let Some((out, err)) = stdio {
        spawn::dup_onto(out, 1).map_err(|e| fail(EXIT_DEN, format!("redirecting stdout: {e}")))?;
        spawn::dup_onto(err, 2).map_err(|e| fail(EXIT_DEN, format!("redirecting stderr: {e}")))?;
    }
    if spec.cgroupns {
        // Born in its cgroup: that is now the root of what it sees.
        super::userns::unshare(rustix::thread::UnshareFlags::NEWCGROUP)
            .map_err(|e| fail(EXIT_DEN, format!("creating a cgroup namespace: {e}")))?;
    }
    mounts::setup(&spec.mounts).map_err(den)?;
    if spec.own_uts {
        rustix::system::sethostname(spec.hostname.as_bytes())
            .map_err(|e| fail(EXIT_DEN, format!("setting the hostname: {e}")))?;
    }
    if spec.lo_up {
        network::loopback_up().map_err(|e| fail(EXIT_DEN, format!("bringing up lo: {e}")))?;
    }
    Ok(())
}

/// Who and what to run, inside a container's namespaces.
pub struct Target<'a> {
    pub user: &'a str,
    pub workdir: &'a str,
    pub env: &'a [String],
    pub args: &'a [String],
    pub interactive: bool,
    pub single_id: bool,
    pub hostname: &'a str,
    pub security: &'a super::security::Security,
    pub process: &'a super::procattrs::ProcAttrs,
    pub seccomp: Option<&'a [u8]>,
    /// Descriptors for the command's 3.. (socket activation), their names.
    pub sockets: &'a [std::os::fd::RawFd],
    pub socket_names: Option<&'a str>,
    /// The sockets are systemd's (the command gets `LISTEN_*`), not
    /// `--preserve-fds`'s.
    pub listen: bool,
    /// `den exec` into a running container, not its init: a missing
    /// working directory is 127 there, as podman's (126 for `run`).
    pub joined: bool,
}

/// Become the container user, enter the working directory and exec the
/// command (used by the container's init and by `den exec`); returns only
/// on failure.
pub fn exec_as(spec: &Target) -> Result<std::convert::Infallible, Failure> {
    // The container's files: never more than a small regular file (a FIFO
    // or a link to /dev/zero there must not hang or flood den exec).
    let read = |p: &str| crate::storage::path::read_small_file(p, 4 << 20).unwrap_or_default();
    let (passwd, group) = (read("/etc/passwd"), read("/etc/group"));
    let u = user::resolve(spec.user, &passwd, &group).map_err(|m| fail(EXIT_DEN, m))?;
    let extra =
        super::procattrs::extra_gids(spec.process, &group).map_err(|m| fail(EXIT_DEN, m))?;
    super::procattrs::apply_before_exec(spec.process).map_err(|m| fail(EXIT_DEN, m))?;

    if !spec.interactive {
        let null = rustix::fs::open(
            "/dev/null",
            rustix::fs::OFlags::RDONLY,
            rustix::fs::Mode::empty(),
        )
        .map_err(|e| fail(EXIT_DEN, format!("opening /dev/null: {e}")))?;
        spawn::dup_onto(&null, 0).map_err(|e| fail(EXIT_DEN, format!("redirecting stdin: {e}")))?;
    }

    // The seccomp filter goes in while we still hold CAP_SYS_ADMIN in the
    // user namespace, unless no-new-privileges lets us wait until just
    // before exec (as runc does): the filter then also covers what follows.
    let load_seccomp = || match spec.seccomp {
        Some(bpf) => super::seccomp::load(bpf).map_err(|m| fail(EXIT_DEN, m)),
        None => Ok(()),
    };
    if !spec.security.no_new_privileges {
        load_seccomp()?;
    }

    // Drop to the container user.
    // keep-groups: the caller's groups stay (no setgroups at all).
    if !spec.single_id && !spec.process.keep_groups {
        let groups: Vec<rustix::process::Gid> = u
            .groups
            .iter()
            .chain(&extra)
            .map(|g| rustix::process::Gid::from_raw(*g))
            .collect();
        rustix::thread::set_thread_groups(&groups).map_err(|e| {
            fail(
                EXIT_DEN,
                format!("setting supplementary groups {:?}: {e}", u.groups),
            )
        })?;
    }
    let gid = rustix::process::Gid::from_raw(u.gid);
    rustix::thread::set_thread_res_gid(gid, gid, gid).map_err(|e| {
        fail(
            EXIT_DEN,
            format!(
                "setting gid {}: {e} (is it mapped? check /etc/subgid)",
                u.gid
            ),
        )
    })?;
    super::security::apply_ulimits(spec.security).map_err(|m| fail(EXIT_DEN, m))?;
    super::security::limit_bounding(spec.security).map_err(|m| fail(EXIT_DEN, m))?;
    let uid = rustix::process::Uid::from_raw(u.uid);
    rustix::thread::set_thread_res_uid(uid, uid, uid).map_err(|e| {
        fail(
            EXIT_DEN,
            format!(
                "setting uid {}: {e} (is it mapped? check /etc/subuid)",
                u.uid
            ),
        )
    })?;
    super::security::apply_caps(spec.security, u.uid).map_err(|m| fail(EXIT_DEN, m))?;

    let workdir = if spec.workdir.is_empty() {
        "/"
    } else {
        spec.workdir
    };
    std::env::set_current_dir(workdir).map_err(|e| match e.kind() {
        // podman's status and words for a --workdir that is not there.
        std::io::ErrorKind::NotFound => fail(
            if spec.joined {
                crate::error::EXIT_NOT_FOUND
            } else {
                crate::error::EXIT_CANNOT_INVOKE
            },
            format!("workdir {workdir:?} does not exist in the container (create it in the image, or choose another --workdir)"),
        ),
        _ => fail(
            EXIT_DEN,
            format!("cannot enter the working directory {workdir}: {e}"),
        ),
    })?;
    // The working directory must lie inside the container's root: a path
    // through /proc/self/fd/N of a descriptor still open here could lead
    // to the host (CVE-2024-21626). The kernel says so with an unreachable cwd.
    match rustix::process::getcwd(Vec::new()) {
        Ok(cwd) if !cwd.to_bytes().starts_with(b"(unreachable)") && cwd.to_bytes().starts_with(b"/") => {}
        _ => {
            return Err(fail(
                EXIT_DEN,
                format!("the working directory {workdir} is outside the container (choose a directory inside it)"),
            ))
        }
    }

    let mut env: Vec<String> = spec.env.to_vec();
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={}", u.home));
    }
    if !env.iter().any(|e| e.starts_with("PATH=")) {
        env.push(format!("PATH={DEFAULT_PATH}"));
    }
    if !env.iter().any(|e| e.starts_with("HOSTNAME=")) {
        env.push(format!("HOSTNAME={}", spec.hostname));
    }
    let listen = if spec.listen { spec.sockets.len() } else { 0 };
    for kv in super::activation::env(listen, spec.socket_names) {
        let key = kv.split('=').next().unwrap_or_default().to_string();
        env.retain(|e| e.split('=').next() != Some(key.as_str()));
        env.push(kv);
    }
    let path_var = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(DEFAULT_PATH)
        .to_string();

    let Some(cmd) = spec.args.first() else {
        return Err(fail(
            EXIT_DEN,
            "no command given and the image has none (give one after the image name)",
        ));
    };
    let program = find_program(cmd, &path_var)?;
    let to_c = |s: &str| {
        CString::new(s).map_err(|_| fail(EXIT_DEN, format!("argument {s:?} contains a NUL byte")))
    };
    let argv: Vec<CString> = spec
        .args
        .iter()
        .map(|a| to_c(a))
        .collect::<Result<_, _>>()?;
    let envp: Vec<CString> = env.iter().map(|a| to_c(a)).collect::<Result<_, _>>()?;
    let cprog = CString::new(program.as_os_str().as_bytes())
        .map_err(|_| fail(EXIT_DEN, "bad program path"))?;

    if spec.security.no_new_privileges {
        load_seccomp()?;
    }
    spawn::reset_signals();
    spawn::cloexec_from(3);
    super::activation::place(spec.sockets)
        .map_err(|e| fail(EXIT_DEN, format!("passing the activation sockets: {e}")))?;
    let e = spawn::execve(&cprog, &argv, &envp);
    Err(exec_failure(cmd, e))
}

fn exec_failure(cmd: &str, e: std::io::Error) -> Failure {
    match e.raw_os_error() {
        Some(libc::ENOENT) | Some(libc::ENOTDIR) => fail(
            EXIT_NOT_FOUND,
            format!("{cmd}: no such file or directory: the command was not found in the container"),
        ),
        _ => fail(EXIT_CANNOT_INVOKE, format!("{cmd}: cannot be invoked: {e}")),
    }
}

/// Find `cmd` like execvp would, using the container's PATH.
fn find_program(cmd: &str, path_var: &str) -> Result<PathBuf, Failure> {
    if cmd.contains('/') {
        return Ok(PathBuf::from(cmd));
    }
    let mut denied = None;
    for dir in path_var.split(':').filter(|d| !d.is_empty()) {
        let candidate = Path::new(dir).join(cmd);
        match std::fs::metadata(&candidate) {
            Ok(m) if m.is_file() => {
                if rustix::fs::access(&candidate, rustix::fs::Access::EXEC_OK).is_ok() {
                    return Ok(candidate);
                }
                denied = Some(candidate);
            }
            _ => {}
        }
    }
    match denied {
        Some(p) => Err(fail(EXIT_CANNOT_INVOKE, format!("{}: permission denied: the command cannot be invoked", p.display()))),
        None => Err(fail(EXIT_NOT_FOUND, format!("executable file {cmd:?} not found in $PATH: the command was not found in the container"))),
    }
}
