//! `den-checker`: run inside a container, report as one JSON object what
//! the container's process holds and sees: ids, capabilities, no-new-privs,
//! seccomp mode, how refused syscalls fail, the state of sensitive paths,
//! mounts, devices, rlimits and open descriptors. The end-to-end tests
//! compare its report with den's defaults and with each security flag.
//!
//! Built statically (`-C target-feature=+crt-static`, as den is: see
//! .cargo/config.toml) so that it runs in an image with no libc.

use std::collections::BTreeMap;
use std::ffi::CString;
use std::os::unix::fs::{FileTypeExt, MetadataExt};

use serde_json::{json, Map, Value};

mod attack;

/// Paths podman masks or makes read-only, plus a few that stay open.
const PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
    "/",
    "/tmp",
    "/proc/self",
];

fn main() {
    // `den-checker udp-echo PORT`: answer every UDP datagram with
    // `echo:` and its content (the network tests' UDP server).
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match arg(1) {
        "udp-echo" => return udp_echo(arg(2).parse().unwrap_or(5353)),
        // The escape tests' attacks (see attack.rs).
        "tiocsti" => return attack::tiocsti(arg(2)),
        "overwrite-exe" => return attack::overwrite_exe(arg(2)),
        "exe-mount" => return attack::exe_mount(arg(2)),
        "deep-tree" => return attack::deep_tree(arg(2)),
        "nest-userns" => return attack::nest_userns(),
        // systemd's protocols from inside (the systemd tests).
        "notify" => return notify(&args[2..]),
        "serve-fd3" => return serve_fd3(),
        _ => {}
    }
    // Extra paths to report on may follow on the command line.
    let extra: Vec<String> = std::env::args().skip(1).collect();
    let mut paths = Map::new();
    for p in PATHS
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
    {
        paths.insert(p.to_string(), json!(path_state(p)));
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |k: &str| -> String {
        status
            .lines()
            .find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix(':')))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let report = json!({
        "uid": field("Uid"),
        "gid": field("Gid"),
        "groups": field("Groups"),
        "caps": {
            "inheritable": field("CapInh"),
            "permitted": field("CapPrm"),
            "effective": field("CapEff"),
            "bounding": field("CapBnd"),
            "ambient": field("CapAmb"),
        },
        "no_new_privs": field("NoNewPrivs"),
        "seccomp": field("Seccomp"),
        "syscalls": syscalls(),
        "paths": paths,
        "mounts": mounts(),
        "devices": devices(),
        "rlimits": rlimits(),
        "fds": fds(),
        "cwd": std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_else(|e| format!("error: {e}")),
    });
    println!("{report:#}");
}

/// The name of an errno value, as the tests compare them.
fn errno_name(e: i32) -> String {
    match e {
        0 => "ok".into(),
        libc::EPERM => "EPERM".into(),
        libc::ENOENT => "ENOENT".into(),
        libc::EACCES => "EACCES".into(),
        libc::EFAULT => "EFAULT".into(),
        libc::EINVAL => "EINVAL".into(),
        libc::ENOSYS => "ENOSYS".into(),
        libc::EROFS => "EROFS".into(),
        libc::EBADF => "EBADF".into(),
        libc::ENOTDIR => "ENOTDIR".into(),
        libc::EISDIR => "EISDIR".into(),
        libc::EOPNOTSUPP => "EOPNOTSUPP".into(),
        libc::ETXTBSY => "ETXTBSY".into(),
        libc::EIO => "EIO".into(),
        n => format!("errno {n}"),
    }
}

/// Call each probed syscall with arguments that cannot change anything
/// (null pointers, bad magic numbers) and report how it fails: a seccomp
/// filter answers before the kernel looks at the arguments.
fn syscalls() -> Value {
    let null = std::ptr::null::<libc::c_void>();
    let call = |nr: libc::c_long, a: [libc::c_long; 4]| -> String {
        // SAFETY: every probe passes null pointers or invalid values that
        // the kernel rejects (EFAULT/EINVAL) before acting; none writes to
        // our memory.
        let rc = unsafe { libc::syscall(nr, a[0], a[1], a[2], a[3]) };
        if rc < 0 {
            errno_name(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
        } else {
            "ok".into()
        }
    };
    let n = null as libc::c_long;
    let mut m = BTreeMap::new();
    // kexec_load with no segments and a bad entry.
    m.insert("kexec_load", call(libc::SYS_kexec_load, [0, 0, n, 0]));
    m.insert("keyctl", call(libc::SYS_keyctl, [0, -3, 0, 0]));
    m.insert("add_key", call(libc::SYS_add_key, [n, n, n, 0]));
    m.insert("request_key", call(libc::SYS_request_key, [n, n, n, 0]));
    m.insert("bpf", call(libc::SYS_bpf, [5, n, 0, 0]));
    m.insert("swapon", call(libc::SYS_swapon, [n, 0, 0, 0]));
    m.insert("swapoff", call(libc::SYS_swapoff, [n, 0, 0, 0]));
    m.insert("init_module", call(libc::SYS_init_module, [n, 0, n, 0]));
    m.insert("finit_module", call(libc::SYS_finit_module, [-1, n, 0, 0]));
    m.insert("delete_module", call(libc::SYS_delete_module, [n, 0, 0, 0]));
    // reboot with bad magic numbers.
    m.insert("reboot", call(libc::SYS_reboot, [0, 0, 0, 0]));
    m.insert("userfaultfd", call(libc::SYS_userfaultfd, [-1, 0, 0, 0]));
    // Not in the default profile: the filter's ENOSYS, not the kernel's EINVAL/EFAULT.
    m.insert(
        "io_uring_setup",
        call(libc::SYS_io_uring_setup, [0, n, 0, 0]),
    );
    // The same through x32's entry (the x32 bit on an x86-64 number): a
    // kernel without x32 answers ENOSYS; one with it must filter them as
    // the rest (keyctl EPERM), never let them past.
    #[cfg(target_arch = "x86_64")]
    {
        const X32: libc::c_long = 0x4000_0000;
        m.insert("x32_getpid", call(X32 | libc::SYS_getpid, [0, 0, 0, 0]));
        m.insert("x32_keyctl", call(X32 | libc::SYS_keyctl, [0, -3, 0, 0]));
    }
    // Allowed: must still work.
    m.insert("getpid", call(libc::SYS_getpid, [0, 0, 0, 0]));
    m.insert(
        "personality_query",
        call(libc::SYS_personality, [0xffff_ffff, 0, 0, 0]),
    );
    json!(m)
}

/// How a path looks from here: `missing`, `masked` (an empty read-only
/// tmpfs or /dev/null over it), `readonly` (writes fail with EROFS), or
/// `writable`.
fn path_state(p: &str) -> String {
    let Ok(meta) = std::fs::metadata(p) else {
        return "missing".into();
    };
    if meta.file_type().is_char_device() && meta.rdev() == libc::makedev(1, 3) {
        return "masked".into();
    }
    let Ok(c) = CString::new(p) else {
        return "bad path".into();
    };
    // SAFETY: statvfs fills the struct we pass; it is plain data.
    let mut vfs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `vfs` a valid out pointer.
    if unsafe { libc::statvfs(c.as_ptr(), &mut vfs) } != 0 {
        return format!("statvfs: {}", std::io::Error::last_os_error());
    }
    let readonly = vfs.f_flag & libc::ST_RDONLY != 0;
    if meta.is_dir() && readonly {
        let empty = std::fs::read_dir(p)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        // SAFETY: statfs fills the struct we pass; it is plain data.
        let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid C string and `fs` a valid out pointer.
        let tmpfs =
            unsafe { libc::statfs(c.as_ptr(), &mut fs) } == 0 && fs.f_type == libc::TMPFS_MAGIC;
        if empty && tmpfs {
            return "masked".into();
        }
    }
    if readonly { "readonly" } else { "writable" }.into()
}

/// The mount table: mount point, filesystem type, mount options.
fn mounts() -> Value {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let list: Vec<Value> = info
        .lines()
        .filter_map(|l| {
            let (left, right) = l.split_once(" - ")?;
            let left: Vec<&str> = left.split(' ').collect();
            let right: Vec<&str> = right.split(' ').collect();
            Some(json!({
                "target": left.get(4)?,
                "options": left.get(5)?,
                "fstype": right.first()?,
                "super": right.get(2).unwrap_or(&""),
            }))
        })
        .collect();
    json!(list)
}

/// Device nodes directly under /dev: `c MAJOR:MINOR` or `b MAJOR:MINOR`.
fn devices() -> Value {
    let mut m = BTreeMap::new();
    if let Ok(dir) = std::fs::read_dir("/dev") {
        for e in dir.flatten() {
            let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
                continue;
            };
            let ft = meta.file_type();
            let kind = if ft.is_char_device() {
                "c"
            } else if ft.is_block_device() {
                "b"
            } else {
                continue;
            };
            let (maj, min) = (libc::major(meta.rdev()), libc::minor(meta.rdev()));
            m.insert(
                e.path().display().to_string(),
                format!("{kind} {maj}:{min}"),
            );
        }
    }
    json!(m)
}

/// Soft and hard limits (-1: unlimited).
fn rlimits() -> Value {
    let list: &[(&str, libc::__rlimit_resource_t)] = &[
        ("core", libc::RLIMIT_CORE),
        ("cpu", libc::RLIMIT_CPU),
        ("data", libc::RLIMIT_DATA),
        ("fsize", libc::RLIMIT_FSIZE),
        ("memlock", libc::RLIMIT_MEMLOCK),
        ("nofile", libc::RLIMIT_NOFILE),
        ("nproc", libc::RLIMIT_NPROC),
        ("stack", libc::RLIMIT_STACK),
    ];
    let mut m = BTreeMap::new();
    for (name, res) in list {
        // SAFETY: getrlimit fills the plain struct we pass.
        let mut r: libc::rlimit = unsafe { std::mem::zeroed() };
        // SAFETY: `r` is a valid out pointer.
        if unsafe { libc::getrlimit(*res, &mut r) } == 0 {
            let v = |x: libc::rlim_t| {
                if x == libc::RLIM_INFINITY {
                    -1i128
                } else {
                    x as i128
                }
            };
            m.insert(*name, json!([v(r.rlim_cur), v(r.rlim_max)]));
        }
    }
    json!(m)
}

/// Open descriptors and what they point at (the one used to list them left out).
fn fds() -> Value {
    let mut m = BTreeMap::new();
    let own = format!("/proc/{}/fd", std::process::id());
    if let Ok(dir) = std::fs::read_dir("/proc/self/fd") {
        for e in dir.flatten() {
            let target = std::fs::read_link(e.path())
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            if target != own {
                m.insert(
                    e.file_name().to_string_lossy().parse::<i32>().unwrap_or(-1),
                    target,
                );
            }
        }
    }
    json!(m)
}

fn udp_echo(port: u16) {
    let sock = match std::net::UdpSocket::bind(("0.0.0.0", port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("den-checker: binding UDP port {port}: {e}");
            std::process::exit(1);
        }
    };
    println!("listening on udp {port}");
    let mut buf = [0u8; 2048];
    while let Ok((n, peer)) = sock.recv_from(&mut buf) {
        let mut reply = b"echo:".to_vec();
        reply.extend_from_slice(&buf[..n]);
        let _ = sock.send_to(&reply, peer);
    }
}

/// `den-checker notify MSG...`: send the lines to `$NOTIFY_SOCKET`, as
/// sd_notify does.
fn notify(lines: &[String]) {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else {
        eprintln!("den-checker: no NOTIFY_SOCKET");
        std::process::exit(1);
    };
    let sent = std::os::unix::net::UnixDatagram::unbound()
        .and_then(|s| s.send_to(lines.join("\n").as_bytes(), &path));
    match sent {
        Ok(_) => println!("sent to {}", path.to_string_lossy()),
        Err(e) => {
            eprintln!("den-checker: sending to {}: {e}", path.to_string_lossy());
            std::process::exit(1);
        }
    }
}

/// `den-checker serve-fd3`: the socket-activated server: fd 3 must be a
/// listening socket given with `LISTEN_FDS=1` for this very process
/// (`LISTEN_PID`); each connection gets one HTTP answer saying so.
fn serve_fd3() {
    use std::io::{Read, Write};
    use std::os::fd::FromRawFd;
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let (fds, pid, names) = (var("LISTEN_FDS"), var("LISTEN_PID"), var("LISTEN_FDNAMES"));
    if fds != "1" || pid != std::process::id().to_string() {
        eprintln!(
            "den-checker: LISTEN_FDS={fds} LISTEN_PID={pid}, but my pid is {}",
            std::process::id()
        );
        std::process::exit(1);
    }
    // SAFETY: LISTEN_FDS says fd 3 is ours, a listening socket.
    let listener = unsafe { std::net::TcpListener::from_raw_fd(3) };
    for conn in listener.incoming() {
        // A descriptor that cannot accept is a failure to show, not to
        // spin on.
        let mut c = conn.unwrap_or_else(|e| {
            eprintln!("den-checker: accept on fd 3: {e}");
            std::process::exit(1);
        });
        let mut buf = [0u8; 1024];
        let _ = c.read(&mut buf);
        let body = format!("activated pid={pid} fds={fds} names={names}\n");
        let _ = write!(
            c,
            "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
    }
}
