//! `den run`: what the container sees, exit codes, signals, cleanup.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::common::*;
use crate::support::oci::{self, ImageSpec};

/// Processes of ours whose environment names this den's HOME (supervisors, helpers).
pub(crate) fn leftover_processes(den: &Den) -> Vec<String> {
    let marker = format!("HOME={}", den.home().display());
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let pid = e.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Ok(env) = std::fs::read(e.path().join("environ")) {
            if env.split(|b| *b == 0).any(|v| v == marker.as_bytes()) {
                let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
                found.push(format!(
                    "{pid}: {}",
                    String::from_utf8_lossy(&cmd).replace('\0', " ")
                ));
            }
        }
    }
    found
}

#[test]
fn exit_codes_follow_podman() {
    let (_reg, den) = ready();
    let e = den.fails(&["run", "--rm", "busybox", "no-such-command"], 127);
    assert!(
        e.starts_with("den: error: ") && e.contains("no-such-command"),
        "{e}"
    );
    let e = den.fails(&["run", "--rm", "busybox", "/etc/passwd"], 126);
    assert!(e.contains("/etc/passwd"), "{e}");
    let e = den.fails(&["run", "--rm", "busybox", "/no/such/path"], 127);
    assert!(e.contains("/no/such/path"), "{e}");
    let e = den.fails(&["run", "--no-such-flag", "busybox", "true"], 125);
    assert_eq!(e.lines().count(), 1, "one line: {e}");
    assert!(e.starts_with("den: error: "), "{e}");
    let e = den.fails(&["run", "--rm", "UPPER/case", "true"], 125);
    assert!(e.contains("invalid image reference"), "{e}");
    let e = den.fails(&["run", "--rm", "--pull=never", "nosuchimage", "true"], 125);
    assert!(e.contains("image not known"), "{e}");
    // Nothing was left behind by any of these.
    let left: Vec<_> = std::fs::read_dir(den.data().join("containers"))
        .expect("containers dir")
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "--rm left containers: {left:?}");
    // (Their files' remover may finish just after `run` returns.)
    wait_for_no_processes(&den);
}

/// Send `sig` (as `kill` takes it: `-STOP`) to the process `pid`.
fn signal_pid(pid: &str, sig: &str) {
    let _ = std::process::Command::new("kill").args([sig, pid]).status();
}

/// The pid of this den's remover (`den __remove`) at work, if any.
fn remover(den: &Den) -> Option<String> {
    leftover_processes(den)
        .into_iter()
        .find(|p| p.contains("den __remove"))
        .and_then(|p| p.split(':').next().map(str::to_string))
}

/// Run `start`, which returns while a remover still deletes a container's
/// files, and stop that remover (SIGSTOP) while the files are there: its
/// pid. On a loaded machine the test may look only after the remover has
/// finished: then it tries again, five times in all; a command that
/// never returns before its files are gone fails here.
fn catch_remover(den: &Den, trash: &std::path::Path, start: impl Fn()) -> String {
    for _ in 0..5 {
        start();
        if let Some(pid) = remover(den) {
            signal_pid(&pid, "-STOP");
            // Stopped (T), or ended first.
            let state = || {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                stat.rsplit(')')
                    .next()
                    .and_then(|r| r.trim_start().chars().next())
            };
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while matches!(state(), Some(c) if c != 'T' && c != 'Z' && c != 'X')
                && std::time::Instant::now() < deadline
            {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            if state() == Some('T') && !entries(trash).is_empty() {
                return pid;
            }
            signal_pid(&pid, "-CONT");
        }
        wait_for("the trash to be emptied", || entries(trash).is_empty());
        wait_for_no_processes(den);
    }
    panic!("no remover was still at work when the command returned, in five runs");
}

/// Every process of `den`'s ends, soon (a `--rm` container's remover).
fn wait_for_no_processes(den: &Den) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !leftover_processes(den).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "left processes: {:?}",
            leftover_processes(den)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// `run --rm`: the container is out of the records when `run` returns
/// (its name free at once), and its files follow, deleted by a remover
/// that keeps none of the caller's descriptors and ends on its own. One
/// killed part-way leaves the rest in the trash, which `rm` empties.
#[test]
fn run_rm_is_gone_when_it_returns_and_its_files_follow() {
    let (_reg, den) = ready_checker();
    let trash = den.data().join("trash");
    // A tree whose deletion takes a while (some 0.1 ms a directory).
    let deep = [
        "run",
        "--rm",
        "--name",
        "gone",
        "-w",
        "/tmp",
        "checker",
        "den-checker",
        "deep-tree",
        "3000",
    ];
    for _ in 0..2 {
        den.ok(&deep);
        let names = den.ok(&["ps", "-a", "--format", "{{.Names}}"]);
        assert!(!names.contains("gone"), "{names}");
    }
    wait_for("the trash to be emptied", || entries(&trash).is_empty());
    wait_for_no_processes(&den);
    assert!(entries(&den.data().join("containers")).is_empty());

    // `run` returns while the remover works, and the remover holds none
    // of the caller's descriptors (its output pipes above all): only
    // /dev/null as 0, 1 and 2, and the directories it walks.
    // Held still while it is looked at, then killed part-way.
    let pid = catch_remover(&den, &trash, || {
        den.ok(&deep);
    });
    let signal = |sig: &str| signal_pid(&pid, sig);
    for e in std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("its fds")
        .flatten()
    {
        let fd: u32 = e.file_name().to_string_lossy().parse().expect("fd");
        // (One that went as it was listed.)
        let Ok(target) = std::fs::read_link(e.path()) else {
            continue;
        };
        let null = std::path::Path::new("/dev/null");
        if fd <= 2 {
            assert_eq!(target, null, "fd {fd}");
        } else {
            // Above 2, only its own: the trash, its exit record, or (stopped just after
            // it put it on 0, 1 and 2, before closing it) the /dev/null
            // it opened read-write (the caller's stdin here is read-only).
            let own_null = target == null
                && std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}"))
                    .ok()
                    .and_then(|i| {
                        let flags = i.lines().find_map(|l| l.strip_prefix("flags:"))?;
                        u32::from_str_radix(flags.trim(), 8).ok()
                    })
                    .is_some_and(|f| f & 3 == 2);
            // Or the exit code it keeps for `wait`, beside the records.
            let exits = den.data().join("exits");
            assert!(
                target.starts_with(&trash) || target.starts_with(&exits) || own_null,
                "fd {fd}: {}",
                target.display()
            );
        }
    }
    // A live remover's tree is its own: another rm leaves it alone (it
    // holds a lock on it), even while the remover is stopped.
    let held = entries(&trash);
    den.ok(&["create", "--name", "other0", "checker", "true"]);
    den.ok(&["rm", "other0"]);
    let now = entries(&trash);
    assert!(
        held.iter().all(|e| now.contains(e)),
        "rm took over a live remover's tree: {held:?} {now:?}"
    );
    // Killed part-way: what it left is deleted by the next rm.
    signal("-KILL");
    wait_for_no_processes(&den);
    assert!(
        !entries(&trash).is_empty(),
        "the remover was killed too late"
    );
    let left = entries(&trash);
    den.ok(&["create", "--name", "other", "checker", "true"]);
    den.ok(&["rm", "other"]);
    let now = entries(&trash);
    assert!(
        left.iter().all(|e| !now.contains(e)),
        "the killed remover's rest is still there: {now:?}"
    );
    // `rm`'s own remover finishes on its own.
    wait_for("rm's remover to empty the trash", || {
        entries(&trash).is_empty()
    });
    wait_for_no_processes(&den);
    // `rm` too returns once the container is out of the records, its
    // files deleted by a remover of its own.
    let kept: Vec<&str> = deep.iter().filter(|a| **a != "--rm").copied().collect();
    let pid = catch_remover(&den, &trash, || {
        den.ok(&kept);
        den.ok(&["rm", "gone"]);
    });
    let names = den.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert!(!names.contains("gone"), "{names}");
    signal_pid(&pid, "-CONT");
    wait_for("rm's remover to empty the trash", || {
        entries(&trash).is_empty()
    });
    wait_for_no_processes(&den);
    // `system reset` waits for the removers at work, but not for ever for
    // one that is stopped: it still deletes everything.
    let pid = catch_remover(&den, &trash, || {
        den.ok(&deep);
    });
    den.ok(&["system", "reset", "--force"]);
    signal_pid(&pid, "-KILL");
    assert!(entries(&trash).is_empty(), "{:?}", entries(&trash));
    wait_for_no_processes(&den);
}

/// `run --rm` in the foreground returns as soon as the container is out of
/// the records, with its status, its whole output and any error said
/// once; the rootfs's unmount and the files go on in the remover. In a
/// systemd unit (which stops what outlives its main process) it returns
/// only when all is done.
#[test]
fn run_rm_returns_before_its_teardown_except_in_a_unit() {
    let (_reg, den) = ready_checker();
    let trash = den.data().join("trash");
    let out = den.output(&[
        "run",
        "--rm",
        "--name",
        "told",
        "checker",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 7",
    ]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "out\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err\n");
    // Its name is free at once.
    let e = den.fails(&["run", "--rm", "--name", "told", "checker", "nosuch"], 127);
    assert_eq!(e.matches("den: error:").count(), 1, "{e}");
    assert!(e.contains("nosuch"), "{e}");
    wait_for("the trash to be emptied", || entries(&trash).is_empty());
    wait_for_no_processes(&den);

    // A tree whose deletion takes a while: in a unit, `run` waits for it.
    let deep = [
        "run",
        "--rm",
        "-w",
        "/tmp",
        "checker",
        "den-checker",
        "deep-tree",
        "3000",
    ];
    let out = den
        .cmd(&deep)
        .env("INVOCATION_ID", "e2e")
        .output()
        .expect("den");
    assert!(out.status.success(), "{out:?}");
    assert!(entries(&trash).is_empty(), "{:?}", entries(&trash));
    assert!(
        leftover_processes(&den).is_empty(),
        "{:?}",
        leftover_processes(&den)
    );
    // Elsewhere it does not.
    let pid = catch_remover(&den, &trash, || {
        den.ok(&deep);
    });
    signal_pid(&pid, "-CONT");
    wait_for("the trash to be emptied", || entries(&trash).is_empty());
    wait_for_no_processes(&den);
}

/// `run --rm -t` (the command attached through the supervisor's socket)
/// is out of the records when it returns too, as `run --rm` is: it used
/// to return on the exit's broadcast, before the removal (caught in about
/// half of the runs).
#[test]
fn run_rm_t_is_gone_when_it_returns() {
    let (_reg, den) = ready();
    let records = || entries(&den.data().join("containers"));
    for _ in 0..10 {
        den.ok(&["run", "--rm", "-t", "--name", "tty-gone", "busybox", "true"]);
        assert!(records().is_empty(), "{:?}", records());
    }
    let e = den.fails(&["run", "--rm", "-t", "busybox", "nosuch"], 127);
    assert!(e.contains("nosuch"), "{e}");
    assert!(records().is_empty(), "{:?}", records());
    wait_for_no_processes(&den);
}

#[test]
fn the_container_sees_its_own_namespaces_and_files() {
    let (_reg, den) = setup();
    let script = "echo pid=$$; id -u; hostname; cat /etc/hostname; grep -c localhost /etc/hosts; \
                  ls /dev | sort | tr '\\n' ' '; echo; mount | grep -c ' /proc '; \
                  ls /sys/kernel >/dev/null && echo sys-ok; ip link 2>/dev/null | grep -c '^[0-9]' ; \
                  cat /proc/self/uid_map | tr -s ' '";
    let out = den.ok(&[
        "run",
        "--rm",
        "--hostname",
        "box1",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "pid=1", "{out}");
    assert_eq!(lines[1], "0", "{out}");
    assert_eq!(lines[2], "box1", "{out}");
    assert_eq!(lines[3], "box1", "{out}");
    assert!(lines[4].parse::<u32>().unwrap_or(0) >= 1, "{out}");
    for dev in [
        "null", "zero", "full", "tty", "random", "urandom", "pts", "shm", "ptmx", "fd", "stdin",
    ] {
        assert!(
            lines[5].split(' ').any(|d| d == dev),
            "/dev lacks {dev}: {out}"
        );
    }
    assert_eq!(lines[6], "1", "{out}");
    assert_eq!(lines[7], "sys-ok", "{out}");
    assert_eq!(lines[8], "1", "only lo in --network none: {out}");
    let uid_map = lines[9].trim();
    assert!(uid_map.starts_with("0 "), "{out}");
    // The image's files are root-owned inside; writes land in the container only.
    den.ok(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo x > /etc/written && rm /bin/ls",
    ]);
    den.ok(&[
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "test ! -e /etc/written && test -e /bin/ls",
    ]);
}

#[test]
fn env_entrypoint_workdir_user_from_image_and_flags() {
    let reg = crate::support::registry::Registry::start();
    let spec = ImageSpec {
        env: vec![
            "PATH=/bin".into(),
            "FROM_IMAGE=1".into(),
            "OVERRIDE=image".into(),
        ],
        entrypoint: Some(vec!["/bin/sh".into(), "-c".into()]),
        cmd: Some(vec!["echo default-cmd $FROM_IMAGE".into()]),
        workdir: Some("/home/tester/work".into()),
        user: Some("tester".into()),
        ..Default::default()
    };
    oci::push_image(&reg.addr, "custom", "v1", &spec, &[busybox_gz()], false);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "custom:v1"]);
    assert_eq!(den.ok(&["run", "--rm", "custom:v1"]), "default-cmd 1\n");
    let out = den.ok(&[
        "run",
        "--rm",
        "custom:v1",
        "pwd; id -u; id -g; id -G; echo $HOME $OVERRIDE",
    ]);
    assert_eq!(
        out,
        "/home/tester/work\n1000\n1000\n1000 10\n/home/tester image\n"
    );
    let envfile = den.home().join("envfile");
    std::fs::write(&envfile, "# comment\nFROM_FILE=yes\nOVERRIDE=file\n").expect("env file");
    let out = den.ok(&[
        "run",
        "--rm",
        "-e",
        "OVERRIDE=flag",
        "--env-file",
        &envfile.display().to_string(),
        "-w",
        "/tmp",
        "-u",
        "0:10",
        "custom:v1",
        "pwd; id -u; id -g; echo $FROM_FILE $OVERRIDE",
    ]);
    assert_eq!(out, "/tmp\n0\n10\nyes flag\n");
    let out = den.ok(&[
        "run",
        "--rm",
        "--entrypoint",
        "/bin/echo",
        "custom:v1",
        "a",
        "b",
    ]);
    assert_eq!(out, "a b\n");
    let out = den.ok(&[
        "run",
        "--rm",
        "--entrypoint",
        "[\"/bin/sh\",\"-c\",\"echo json\"]",
        "custom:v1",
    ]);
    assert_eq!(out, "json\n");
    let e = den.fails(
        &["run", "--rm", "-u", "nosuchuser", "custom:v1", "true"],
        125,
    );
    assert!(e.contains("nosuchuser"), "{e}");
    let e = den.fails(
        &[
            "run",
            "--rm",
            "--env-file",
            "/nonexistent/env",
            "custom:v1",
            "true",
        ],
        125,
    );
    assert!(e.contains("/nonexistent/env"), "{e}");
}

#[test]
fn stdin_passes_through_with_i_and_stderr_stays_separate() {
    let (_reg, den) = ready();
    let mut child = den
        .cmd(&[
            "run",
            "--rm",
            "-i",
            "busybox",
            "sh",
            "-c",
            "tr a-z A-Z; echo err >&2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"hello\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "HELLO\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err\n");
    // Without -i the container's stdin is empty.
    assert_eq!(
        den.ok(&["run", "--rm", "busybox", "sh", "-c", "cat; echo done"]),
        "done\n"
    );
}

fn signal_reaches_container(sig: &str) {
    let (_reg, den) = ready();
    let script =
        format!("trap 'echo got-{sig}; exit 42' {sig}; echo ready; while true; do sleep 0.1; done");
    let mut child = den
        .cmd(&["run", "--rm", "busybox", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    assert_eq!(lines.next().expect("a line").expect("read"), "ready");
    let st = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
    assert_eq!(
        lines.next().expect("a line").expect("read"),
        format!("got-{sig}")
    );
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(42));
}

#[test]
fn sigterm_to_den_run_reaches_the_container() {
    signal_reaches_container("TERM");
}

#[test]
fn sigint_to_den_run_reaches_the_container() {
    signal_reaches_container("INT");
}

#[test]
fn network_host_shares_the_host_network_and_none_has_only_lo() {
    let (_reg, den) = ready();
    let host_ifaces = std::fs::read_dir("/sys/class/net")
        .expect("/sys/class/net")
        .count();
    let out = den.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net | wc -l",
    ]);
    assert_eq!(out.trim().parse::<usize>().expect("count"), host_ifaces);
    let out = den.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(out.trim(), "lo");
    let e = den.fails(
        &["run", "--rm", "--network", "bogus", "busybox", "true"],
        125,
    );
    assert!(e.contains("bogus"), "{e}");
}

#[test]
fn names_are_unique() {
    let (_reg, den) = ready();
    den.ok(&["run", "--name", "one", "busybox", "true"]);
    let e = den.fails(&["run", "--name", "one", "busybox", "true"], 125);
    assert!(e.contains("already in use"), "{e}");
    den.ok(&["rm", "one"]);
    den.ok(&["run", "--rm", "--name", "one", "busybox", "true"]);
    let e = den.fails(&["run", "--name", "bad/name", "busybox", "true"], 125);
    assert!(e.contains("invalid container name"), "{e}");
}

#[test]
fn every_storage_driver_runs_the_same_image() {
    let (_reg, den) = ready();
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let out = den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "echo hi > /tmp/f; cat /tmp/f; ls /bin/busybox",
        ]);
        assert_eq!(out, "hi\n/bin/busybox\n", "driver {driver}");
    }
    let e = den.fails(
        &["--storage-driver", "zfs", "run", "--rm", "busybox", "true"],
        125,
    );
    assert!(e.contains("unknown storage driver"), "{e}");
    wait_for_no_processes(&den);
}

/// The root mount's super options, as the container sees them.
fn root_super_options(mountinfo: &str) -> String {
    mountinfo
        .lines()
        .find(|l| l.split(' ').nth(4) == Some("/"))
        .and_then(|l| l.rsplit(' ').next())
        .unwrap_or_else(|| panic!("no root mount in {mountinfo}"))
        .to_string()
}

#[test]
fn a_removed_containers_overlay_is_volatile_and_a_kept_ones_is_not() {
    let (_reg, den) = ready();
    let args = |rm: bool| {
        let mut a = vec!["--storage-driver", "overlay", "run"];
        if rm {
            a.push("--rm");
        }
        a.extend(["busybox", "cat", "/proc/self/mountinfo"]);
        a
    };
    // --rm: never synced (podman's volatile storage), as it is removed.
    let opts = root_super_options(&den.ok(&args(true)));
    assert!(opts.contains("volatile"), "{opts}");
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
    // Kept: an ordinary overlay, which starts again.
    let out = den.ok(&args(false));
    let opts = root_super_options(&out);
    assert!(
        !opts.contains("volatile") && opts.contains("upperdir"),
        "{opts}"
    );
    let id = den.ok(&["ps", "-alq"]);
    den.ok(&["start", "-a", id.trim()]);
    den.ok(&["rm", id.trim()]);
}

#[test]
fn without_subordinate_ranges_only_the_user_is_mapped_with_a_warning() {
    let reg = crate::support::registry::Registry::start();
    let owned = layer_of(
        |t: &mut crate::support::layers::TarWriter| {
            t.file("owned", b"x", 0o640, 1000, 1000);
        },
        crate::support::oci::Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "solo",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), owned],
        false,
    );
    let den = Den::new(&reg.addr);
    let empty = den.home().join("empty-subid");
    std::fs::write(&empty, "").expect("empty file");
    let single = |args: &[&str]| {
        den.cmd(args)
            .env("DEN_SUBUID_FILE", &empty)
            .env("DEN_SUBGID_FILE", &empty)
            .output()
            .expect("den")
    };
    let out = single(&["pull", "-q", "solo"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("no subordinate id range for ")
            && stderr.contains("in /etc/subuid and /etc/subgid"),
        "{stderr}"
    );
    // The range proposed is nobody's: two users sharing ids can reach
    // each other's files.
    let flag = stderr
        .split("--add-subuids ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no range proposed: {stderr}"));
    let (lo, hi) = flag.split_once('-').expect("a range");
    let (lo, hi): (u64, u64) = (lo.parse().expect("lo"), hi.parse().expect("hi"));
    assert_eq!(hi - lo + 1, 65536, "{stderr}");
    assert!(
        stderr.contains(&format!("--add-subgids {flag} ")),
        "{stderr}"
    );
    for file in ["/etc/subuid", "/etc/subgid"] {
        for line in std::fs::read_to_string(file).unwrap_or_default().lines() {
            let f: Vec<&str> = line.split(':').collect();
            let (start, count): (u64, u64) =
                (f[1].parse().expect("start"), f[2].parse().expect("count"));
            assert!(
                hi < start || lo >= start + count,
                "{flag} overlaps {line} in {file}"
            );
        }
    }
    let out = single(&[
        "run",
        "--rm",
        "solo",
        "sh",
        "-c",
        "id -u; stat -c %u /owned; cat /proc/self/uid_map | wc -l",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n0\n1\n");
    // Only the gid ranges missing: the message blames that file alone, and
    // the fix adds only gids.
    let out = den
        .cmd(&["run", "--rm", "solo", "true"])
        .env("DEN_SUBGID_FILE", &empty)
        .output()
        .expect("den");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(" in /etc/subgid: only your own id is mapped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--add-subgids ") && !stderr.contains("--add-subuids"),
        "{stderr}"
    );
}

/// `den run ... | head -1` ends, as the same pipeline of local commands
/// does: once the reader has gone, the command's next write meets the
/// closed pipe (it wrote on into nothing for ever).
#[test]
fn a_foreground_run_ends_when_its_reader_goes() {
    let (_reg, den) = ready();
    let sh = format!(
        "{} run --rm --network none busybox yes | head -1",
        crate::support::den::den_bin().display()
    );
    let out = crate::support::bounded::output_within(
        den.command("sh").args(["-c", &sh]),
        std::time::Duration::from_secs(30),
        "run | head -1",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "y\n");
    wait_for("the --rm container to go", || {
        den.ok(&["ps", "-aq"]).is_empty()
    });
}
