//! cgroups (issue 15): a cgroup per container under the user's delegated
//! subtree, made and removed by its supervisor; the limits where the
//! subtree has the controllers, and a clear refusal where it has not.
//!
//! ci/test.sh runs the suite in a subtree delegated as systemd's
//! `Delegate=yes` leaves one (`DEN_TEST_CGROUP`), so there these tests
//! must find it; on a developer's machine they expect what its own cgroup
//! offers. Which limits are enforced depends on the controllers the
//! subtree has: each test checks the enforcement where the controller is
//! there and the refusal where it is not.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The subtree delegated to this user (as den should find it), and the
/// controllers it has.
struct Delegated {
    dir: PathBuf,
    controllers: Vec<String>,
}

fn words(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn delegated() -> Option<Delegated> {
    if let Ok(c) = std::env::var("DEN_TEST_CGROUP") {
        // ci/test.sh put us in .../user@UID.service/init.scope.
        let dir = Path::new(&c).parent().expect("parent").to_path_buf();
        let controllers = words(&dir.join("cgroup.controllers"));
        return Some(Delegated { dir, controllers });
    }
    use std::os::unix::fs::MetadataExt;
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mount = info.lines().find_map(|l| {
        let (left, right) = l.split_once(" - ")?;
        let f: Vec<&str> = left.split_whitespace().collect();
        (right.starts_with("cgroup2 ") && f.get(3) == Some(&"/")).then(|| PathBuf::from(f[4]))
    })?;
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let own = own.lines().find_map(|l| l.strip_prefix("0::"))?.to_string();
    let uid = rustix::process::getuid().as_raw();
    let mut best = None;
    let mut path = PathBuf::from(own.trim_start_matches('/'));
    while path.components().count() > 0 {
        let dir = mount.join(&path);
        if std::fs::metadata(&dir).is_ok_and(|m| m.uid() == uid) {
            best = Some(dir);
        } else if best.is_some() {
            break;
        }
        path.pop();
    }
    let dir = best?;
    Some(Delegated {
        controllers: words(&dir.join("cgroup.controllers")),
        dir,
    })
}

fn must_be_delegated() -> Option<Delegated> {
    let d = delegated();
    if std::env::var_os("DEN_TEST_CGROUP").is_some() {
        assert!(
            d.is_some(),
            "ci/test.sh delegated a cgroup, and the test cannot find it"
        );
    }
    d
}

fn cgroup_of(den: &Den, name: &str) -> String {
    inspect(den, name, "{{.State.CgroupPath}}")
}

/// A limit refused for want of `controller`: one line, 125, nothing made.
fn refused(den: &Den, args: &[&str], controller: &str) {
    let before = den.ok(&["ps", "-aq"]);
    let e = den.fails(args, 125);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.contains(&format!("needs the {controller} controller"))
            || e.contains("needs a cgroup v2 subtree delegated to you")
            || e.contains("needs cgroup v2"),
        "{e}"
    );
    assert!(e.contains("or run without the limit"), "{e}");
    assert_eq!(
        den.ok(&["ps", "-aq"]),
        before,
        "a container was left: {args:?}"
    );
}

#[test]
fn containers_get_a_cgroup_of_their_own_and_lose_it_with_them() {
    let (_reg, den) = ready();
    let d = must_be_delegated();
    den.ok(&["run", "-d", "--name", "c1", "busybox", "sleep", "300"]);
    let path = cgroup_of(&den, "c1");
    let Some(d) = d else {
        assert_eq!(path, "", "a cgroup where none is delegated");
        den.ok(&["rm", "-f", "c1"]);
        return;
    };
    let path = PathBuf::from(path);
    assert!(
        path.starts_with(d.dir.join("den")),
        "{path:?} is not under {:?}",
        d.dir
    );
    let pid = inspect(&den, "c1", "{{.State.Pid}}");
    let procs = std::fs::read_to_string(path.join("container/cgroup.procs")).expect("procs");
    assert_eq!(procs.trim(), pid, "the init is in the container's leaf");
    // Its own cgroup namespace: it is at the root of what it sees, and
    // so is what exec runs, which joins the cgroup (not den's relay).
    assert_eq!(
        den.ok(&["exec", "c1", "grep", "^0::", "/proc/self/cgroup"]),
        "0::/\n"
    );
    let inside = den.ok(&["exec", "c1", "cat", "/sys/fs/cgroup/cgroup.procs"]);
    assert_eq!(inside.lines().count(), 2, "init and cat: {inside}");
    let procs = std::fs::read_to_string(path.join("container/cgroup.procs")).expect("procs");
    assert_eq!(procs.trim(), pid, "the exec left nothing behind: {procs}");
    // /sys/fs/cgroup is read-only inside.
    let e = den.fails(
        &[
            "exec",
            "c1",
            "sh",
            "-c",
            "echo 1 > /sys/fs/cgroup/cgroup.freeze",
        ],
        1,
    );
    assert!(e.contains("Read-only file system"), "{e}");
    // pause freezes the cgroup; the processes cannot tell.
    den.ok(&["pause", "c1"]);
    assert!(words(&path.join("cgroup.events"))
        .windows(2)
        .any(|w| w == ["frozen", "1"]));
    assert_eq!(inspect(&den, "c1", "{{.State.Status}}"), "paused");
    den.ok(&["unpause", "c1"]);
    assert!(words(&path.join("cgroup.events"))
        .windows(2)
        .any(|w| w == ["frozen", "0"]));
    den.ok(&["exec", "c1", "true"]);
    // stats read the cgroup's CPU time.
    let s = den.ok(&["stats", "--no-stream", "--format", "{{.CPUPerc}}", "c1"]);
    assert!(s.trim().ends_with('%'), "{s}");
    den.ok(&["stop", "-t", "0", "c1"]);
    assert!(
        !path.exists(),
        "the cgroup outlived its container: {path:?}"
    );
    assert_eq!(cgroup_of(&den, "c1"), "");
    // Restarted: a cgroup again.
    den.ok(&["start", "c1"]);
    let again = PathBuf::from(cgroup_of(&den, "c1"));
    assert!(again.exists(), "{again:?}");
    // A killed supervisor's cgroup goes with rm.
    let supervisor: i32 = inspect(&den, "c1", "{{.State.ConmonPid}}")
        .parse()
        .expect("pid");
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(supervisor).expect("pid"),
        rustix::process::Signal::KILL,
    )
    .expect("kill");
    wait_for("the supervisor to die", || {
        !Path::new(&format!("/proc/{supervisor}")).exists()
    });
    den.ok(&["rm", "-f", "c1"]);
    assert!(!again.exists(), "rm left the cgroup {again:?}");
    // --rm, and --cgroups=disabled.
    den.ok(&["run", "--rm", "busybox", "true"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "none",
        "--cgroups=disabled",
        "busybox",
        "sleep",
        "300",
    ]);
    assert_eq!(cgroup_of(&den, "none"), "");
    assert_eq!(den.ok(&["exec", "none", "true"]), "");
    den.ok(&["rm", "-f", "none"]);
    let left: Vec<_> = std::fs::read_dir(d.dir.join("den"))
        .expect("den's cgroups")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| std::fs::read_to_string(e.path().join("container/cgroup.procs")).is_err())
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "cgroups left: {left:?}");
}

/// The attack without a network namespace of its own (`--network host`),
/// where the container gets the host's /sys: the host's cgroup tree (with
/// the user's delegated cgroups, whose files belong to the user, as the
/// container's root does) is covered, and all of /sys is read-only.
#[test]
fn a_host_network_container_does_not_see_the_hosts_cgroups() {
    let (_reg, den) = ready();
    let d = must_be_delegated();
    let script = "ls /sys/fs/cgroup; grep ' /sys/fs/cgroup ' /proc/self/mountinfo; \
        touch /sys/fs/cgroup/x 2>&1; touch /sys/kernel/x 2>&1; true";
    let out = den.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    for leak in [
        "den-ci.slice",
        "user.slice",
        "system.slice",
        "unified",
        "memory",
        "pids",
    ] {
        assert!(!out.lines().any(|l| l == leak), "{leak} is visible: {out}");
    }
    // The last mount there is the one on top.
    let mount = out
        .lines()
        .rfind(|l| l.contains(" /sys/fs/cgroup "))
        .unwrap_or_else(|| panic!("no mount on /sys/fs/cgroup: {out}"));
    let fs = if d.is_some() { "cgroup2" } else { "tmpfs" };
    assert!(
        mount.contains(&format!(" - {fs} ")) && mount.contains(" ro,"),
        "{mount}"
    );
    assert_eq!(out.matches("Read-only file system").count(), 2, "{out}");
}

/// The attack: a container allowed to mount cgroupfs (CAP_SYS_ADMIN)
/// sees only its leaf, never the files that limit it, and the cgroups it
/// makes there do not outlive it.
#[test]
fn a_container_cannot_reach_the_files_that_limit_it() {
    let (_reg, den) = ready();
    let d = must_be_delegated();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "admin",
        "--cap-add",
        "SYS_ADMIN",
        "busybox",
        "sleep",
        "300",
    ]);
    let path = cgroup_of(&den, "admin");
    if d.is_none() {
        assert_eq!(path, "", "a cgroup where none is delegated");
        den.ok(&["rm", "-f", "admin"]);
        return;
    }
    let path = PathBuf::from(path);
    let script = "mkdir /tmp/m && mount -t cgroup2 none /tmp/m && ls /tmp/m > /tmp/seen \
        && mkdir -p /tmp/m/a/b/c && echo $$ > /tmp/m/a/b/c/cgroup.procs && grep ^0:: /proc/self/cgroup \
        && ! ls /tmp/m/.. | grep -q container && echo done";
    let out = den.ok(&["exec", "admin", "sh", "-c", script]);
    assert!(
        out.contains("0::/a/b/c") && out.trim_end().ends_with("done"),
        "{out}"
    );
    let seen = den.ok(&["exec", "admin", "cat", "/tmp/seen"]);
    for f in ["pids.max", "memory.max", "cpu.max", "container"] {
        assert!(
            !seen.lines().any(|l| l == f),
            "{f} is visible inside: {seen}"
        );
    }
    assert!(path.join("container/a/b/c").exists());
    den.ok(&["rm", "-f", "admin"]);
    assert!(!path.exists(), "the container's own cgroups kept {path:?}");
}

#[test]
fn a_fork_loop_stops_at_the_pids_limit() {
    let (_reg, den) = ready();
    let has = must_be_delegated().is_some_and(|d| d.controllers.iter().any(|c| c == "pids"));
    let args = [
        "run",
        "--rm",
        "--pids-limit",
        "50",
        "busybox",
        "sh",
        "-c",
        "n=0; while [ $n -lt 200 ]; do sleep 60 & n=$((n+1)); done 2>/dev/null; sleep 1; \
         ls /proc | grep -c '^[0-9]'; kill $(jobs -p) 2>/dev/null; true",
    ];
    if !has {
        return refused(&den, &args, "pids");
    }
    let out = den.ok(&args);
    let n: u32 = out.trim().parse().expect("a count");
    assert!(
        (40..=50).contains(&n),
        "{n} processes under --pids-limit 50"
    );
    // The default is podman's 2048, and -1 is none.
    den.ok(&["run", "-d", "--name", "p", "busybox", "sleep", "300"]);
    let path = PathBuf::from(cgroup_of(&den, "p"));
    assert_eq!(
        std::fs::read_to_string(path.join("pids.max"))
            .expect("pids.max")
            .trim(),
        "2048"
    );
    assert_eq!(inspect(&den, "p", "{{.HostConfig.PidsLimit}}"), "2048");
    // den update changes it while the container runs.
    den.ok(&["update", "--pids-limit", "20", "p"]);
    assert_eq!(
        std::fs::read_to_string(path.join("pids.max"))
            .expect("pids.max")
            .trim(),
        "20"
    );
    assert_eq!(inspect(&den, "p", "{{.HostConfig.PidsLimit}}"), "20");
    den.ok(&["rm", "-f", "p"]);
}

#[test]
fn cpus_keep_a_busy_loop_near_its_share() {
    let (_reg, den) = ready();
    let has = must_be_delegated().is_some_and(|d| d.controllers.iter().any(|c| c == "cpu"));
    let args = [
        "run",
        "-d",
        "--name",
        "spin",
        "--cpus",
        "0.2",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ];
    if !has {
        return refused(&den, &args, "cpu");
    }
    den.ok(&args);
    let path = PathBuf::from(cgroup_of(&den, "spin"));
    assert_eq!(
        std::fs::read_to_string(path.join("cpu.max"))
            .expect("cpu.max")
            .trim(),
        "20000 100000"
    );
    let usage = |p: &Path| -> u64 {
        let t = std::fs::read_to_string(p.join("cpu.stat")).expect("cpu.stat");
        t.lines()
            .find_map(|l| l.strip_prefix("usage_usec "))
            .expect("usage")
            .parse()
            .expect("n")
    };
    let (a, t0) = (usage(&path), std::time::Instant::now());
    std::thread::sleep(std::time::Duration::from_secs(3));
    let share = (usage(&path) - a) as f64 / t0.elapsed().as_micros() as f64;
    assert!(
        (0.1..=0.3).contains(&share),
        "a busy loop used {share:.2} of a core under --cpus 0.2"
    );
    den.ok(&["update", "--cpus", "0.5", "spin"]);
    assert_eq!(
        std::fs::read_to_string(path.join("cpu.max"))
            .expect("cpu.max")
            .trim(),
        "50000 100000"
    );
    den.ok(&["rm", "-f", "spin"]);
}

#[test]
fn a_memory_limit_kills_for_memory_and_says_so() {
    let (_reg, den) = ready();
    let has = must_be_delegated().is_some_and(|d| d.controllers.iter().any(|c| c == "memory"));
    let args = [
        "run",
        "--name",
        "hog",
        "--memory",
        "16m",
        "--memory-swap",
        "16m",
        "busybox",
        "sh",
        "-c",
        "x=a; while :; do x=$x$x; done",
    ];
    if !has {
        return refused(&den, &args, "memory");
    }
    let out = den.output(&args);
    assert_eq!(out.status.code(), Some(137), "{out:?}");
    assert_eq!(inspect(&den, "hog", "{{.State.OOMKilled}}"), "true");
    let events = den.ok(&["events", "--stream=false", "--filter", "event=oom"]);
    assert!(events.contains("hog"), "{events}");
}

#[test]
fn bad_limits_are_refused_before_anything_is_made() {
    let (_reg, den) = ready();
    for bad in [
        &["--memory", "1k"][..],
        &["--memory", "lots"],
        &["--cpus", "0"],
        &["--cpus", "many"],
        &["--cpus", "100000"],
        &["--cpu-shares", "1"],
        &["--cpu-period", "10"],
        &["--cpus", "1", "--cpu-quota", "50000"],
        &["--blkio-weight", "5"],
        &["--pids-limit", "-5"],
        &["--memory", "64m", "--memory-swap", "1m"],
        &["--memory-reservation", "128m", "--memory", "64m"],
        &["--cpuset-cpus", "0-"],
        &["--cgroups", "bogus"],
        &["--cgroups=disabled", "--pids-limit", "5"],
    ] {
        run_refused(&den, bad);
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.ok(&["create", "--name", "later", "busybox", "true"]);
    let e = den.fails(&["update", "later"], 125);
    assert!(e.contains("give at least one limit"), "{e}");
    den.fails(&["update", "--cpus", "0", "later"], 125);
    den.fails(&["update", "--pids-limit", "5", "nosuch"], 125);
}

/// A start whose cgroup the kernel refuses to make (its parent, given
/// with --cgroup-parent, allows no more descendants) after its rootfs was
/// mounted ahead of it, by `run` and by `start`: the mount is let go
/// before `--rm`'s remover deletes the container's directory. Left
/// mounted, the remover stopped at it, and the trash kept the rest.
#[test]
fn a_start_its_cgroup_refuses_leaves_nothing_behind() {
    let (_reg, den) = ready();
    let Some(d) = must_be_delegated() else {
        return;
    };
    let name = format!("full-{}", std::process::id());
    let full = d.dir.join(&name);
    std::fs::create_dir(&full).expect("a cgroup of the test's");
    let limited = std::fs::write(full.join("cgroup.max.descendants"), "0");
    let trash = den.data().join("trash");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        limited.expect("no more descendants");
        // The image's first container makes its mount points: the next
        // ones' rootfs is mounted ahead.
        den.ok(&["run", "--rm", "busybox", "true"]);
        for args in [
            &[
                "--log-level",
                "debug",
                "run",
                "--rm",
                "--cgroup-parent",
                &name,
                "busybox",
                "true",
            ][..],
            &["start", "far"],
        ] {
            if args[0] == "start" {
                den.ok(&[
                    "create",
                    "--rm",
                    "--name",
                    "far",
                    "--cgroup-parent",
                    &name,
                    "busybox",
                    "true",
                ]);
            }
            let out = den.output(args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{args:?} ran");
            assert!(err.contains("making the cgroup"), "{args:?}: {err}");
            if args[0] == "--log-level" {
                assert!(err.contains("] rootfs mounting beside, ahead"), "{err}");
            }
            wait_for("the trash to be emptied", || entries(&trash).is_empty());
            assert!(
                entries(&den.data().join("containers")).is_empty(),
                "{args:?} left a container"
            );
        }
        wait_for("no process left", || {
            crate::run::leftover_processes(&den).is_empty()
        });
        den.ok(&["run", "--rm", "busybox", "test", "-x", "/bin/busybox"]);
    }));
    let _ = std::fs::remove_dir(&full);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

/// ci/test.sh runs this outside the delegated subtree: limits are refused
/// with the fix, containers run without a cgroup.
#[test]
#[ignore = "run by ci/test.sh in a cgroup that is not delegated"]
fn matrix_no_delegation() {
    let (_reg, den) = ready();
    assert!(
        delegated().is_none(),
        "this cell must run outside any delegated cgroup"
    );
    let e = den.fails(&["run", "--rm", "--memory", "64m", "busybox", "true"], 125);
    assert!(
        e.contains("a memory limit (--memory, --memory-reservation, --memory-swap) needs")
            && e.contains("Delegate=")
            && e.contains("/etc/systemd/system/user@.service.d/delegate.conf"),
        "{e}"
    );
    for args in [&["--pids-limit", "10"][..], &["--cpus", "0.5"]] {
        let mut a = vec!["create"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["busybox", "true"]);
        den.fails(&a, 125);
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.ok(&["run", "-d", "--name", "plain", "busybox", "sleep", "300"]);
    assert_eq!(cgroup_of(&den, "plain"), "");
    den.ok(&["pause", "plain"]);
    den.ok(&["unpause", "plain"]);
    let e = den.fails(&["update", "--pids-limit", "10", "plain"], 125);
    assert!(e.contains("needs"), "{e}");
    den.ok(&["rm", "-f", "plain"]);
    den.ok(&["run", "--rm", "--cgroups=disabled", "busybox", "true"]);
    let info = den.ok(&["info"]);
    assert!(info.contains("not delegated"), "{info}");
}

/// The first block device of the host, as (path, "MAJ:MIN").
fn block_device() -> Option<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir("/sys/block")
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("loop") && !n.starts_with("ram"))
        .collect();
    names.sort();
    let name = names.into_iter().next()?;
    let numbers = std::fs::read_to_string(format!("/sys/block/{name}/dev")).ok()?;
    let path = format!("/dev/{name}");
    std::path::Path::new(&path)
        .exists()
        .then(|| (path, numbers.trim().to_string()))
}

#[test]
fn device_io_limits_cgroup_files_and_parent() {
    let (_reg, den) = ready();
    let d = must_be_delegated();
    // What cgroup v2 has no knob for, or a path out of the subtree.
    for bad in [
        &["--device-read-bps", "/dev/null:1mb"][..],
        &["--device-write-iops", "/dev/sda"],
        &["--blkio-weight-device", "/dev/sda:5000"],
        &["--memory-swappiness", "10"],
        &["--oom-kill-disable"],
        &["--cgroup-conf", "cgroup.procs=1"],
        &["--cgroup-conf", "../../x=1"],
        &["--cgroup-parent", "../escape"],
    ] {
        run_refused(&den, bad);
    }
    // podman's words on cgroup v2 for the real-time limits: ignored.
    let out = den
        .cmd(&[
            "run",
            "--rm",
            "--cpu-rt-runtime",
            "950000",
            "--device-cgroup-rule",
            "c 1:3 mr",
            "busybox",
            "true",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Realtime runtime not supported on cgroups V2 systems"),
        "{err}"
    );
    assert!(err.contains("--device-cgroup-rule is ignored"), "{err}");
    // Device throttles in io.max, where the io controller is delegated.
    if let Some((dev, numbers)) = block_device() {
        let bps = format!("{dev}:1mb");
        let iops = format!("{dev}:100");
        let args = [
            "run",
            "-d",
            "--name",
            "io",
            "--device-read-bps",
            &bps,
            "--device-write-iops",
            &iops,
            "busybox",
            "sleep",
            "300",
        ];
        match &d {
            Some(d) if d.controllers.iter().any(|c| c == "io") => {
                den.ok(&args);
                let max =
                    std::fs::read_to_string(PathBuf::from(cgroup_of(&den, "io")).join("io.max"))
                        .expect("io.max");
                assert!(
                    max.contains(&format!(
                        "{numbers} rbps=1048576 wbps=max riops=max wiops=100"
                    )),
                    "{max}"
                );
                den.ok(&["rm", "-f", "-t", "0", "io"]);
            }
            _ => refused(&den, &args, "io"),
        }
    }
    // --cgroup-conf and --cgroup-parent, where pids is delegated.
    let args = [
        "run",
        "-d",
        "--name",
        "conf",
        "--cgroup-conf",
        "pids.max=50",
        "--cgroup-parent",
        "den/web",
        "busybox",
        "sleep",
        "300",
    ];
    match &d {
        Some(d) if d.controllers.iter().any(|c| c == "pids") => {
            den.ok(&args);
            let path = PathBuf::from(cgroup_of(&den, "conf"));
            assert!(path.starts_with(d.dir.join("den/web")), "{path:?}");
            let max = std::fs::read_to_string(path.join("pids.max")).expect("pids.max");
            assert_eq!(max.trim(), "50");
            den.ok(&["rm", "-f", "-t", "0", "conf"]);
            assert!(!path.exists(), "the cgroup went with the container");
        }
        _ => refused(&den, &args, "pids"),
    }
}
