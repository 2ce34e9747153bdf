//! Known container-escape classes, each closed and proven here.

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};

/// CVE-2019-5736: a container process overwrites the runtime binary through
/// /proc/PID/exe. Den code inside a container's namespaces (the init
/// before exec, `den-init`, an exec before its execve) is non-dumpable, so
/// even container root (= the user who may own den's binary) cannot open it.
#[test]
fn cve_2019_5736_den_code_in_a_container_is_out_of_reach_through_proc_exe() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "-d", "--init", "--name", "c", "busybox", "sleep", "1000",
    ]);
    assert_eq!(den.ok(&["exec", "c", "cat", "/proc/1/comm"]), "den-init\n");
    for probe in [
        "cat /proc/1/exe > /dev/null",
        "readlink /proc/1/exe",
        "cat /proc/1/environ",
        "ls /proc/1/fd",
    ] {
        let out = den.output(&["exec", "c", "sh", "-c", probe]);
        assert!(
            !out.status.success(),
            "{probe:?} must be refused: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The container's own processes stay inspectable as usual.
    den.ok(&["exec", "c", "sh", "-c", "readlink /proc/self/exe"]);
    den.ok(&["rm", "-f", "c"]);
}

/// CVE-2019-5736 through den's own binary: `den exec C /proc/self/exe` (or
/// `--entrypoint /proc/self/exe`) makes the kernel run den in the
/// container. With the binary the user's own (as `cargo install` leaves
/// it), container root keeps a descriptor of it, kills it, and writes to
/// it once it is no longer busy: refused, because den runs from a
/// read-only bind of its binary whenever it enters a container; and even
/// with every capability, the read-only flag cannot be lifted from that
/// mount, nor from a clone of it (the kernel answered EINVAL to both).
#[test]
fn cve_2019_5736_den_run_in_a_container_cannot_be_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    // Debian has the libraries den needs (busybox could not run it at all).
    let reg = crate::support::registry::Registry::start();
    push_debian(
        &reg,
        "debcheck",
        &[crate::support::checker::checker_layer()],
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "debcheck:bookworm"]);
    let own = den.home().join("bin/den");
    std::fs::create_dir_all(own.parent().expect("dir")).expect("bin dir");
    std::fs::copy(den_bin(), &own).expect("copy den");
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let original = std::fs::read(&own).expect("read den");
    let run = |args: &[&str]| {
        let out = den.command(&own).args(args).output().expect("den");
        assert!(
            out.status.success(),
            "den {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // The container and the attacker use the suite's den: only the victim
    // runs the user's copy, which is free once the victim is gone. The
    // strongest attacker: every capability, no seccomp filter.
    den.ok(&[
        "run",
        "-d",
        "--privileged",
        "--name",
        "c",
        "debcheck:bookworm",
        "sleep",
        "1000",
    ]);
    // den in the container, blocked reading its stdin (we hold it open),
    // by the user's copy (its log on stderr).
    let den_in = |container: &str, log: &[&str]| {
        den.command(&own)
            .args(log)
            .args(["exec", "-i", container, "/proc/self/exe", "login"])
            .args(["--password-stdin", "-u", "u", "r.test"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("exec den in the container")
    };
    let mut victim = den_in("c", &[]);
    let out = den.ok(&[
        "exec",
        "c",
        "den-checker",
        "overwrite-exe",
        "/proc/self/exe",
    ]);
    let _ = victim.wait();
    let r: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(r["write_while_running"], "ETXTBSY", "{r}");
    assert_eq!(r["write_after_exit"], "EROFS", "{r}");
    assert_ne!(r["unwrap"]["mount_setattr"], "ok", "{r}");
    assert_ne!(r["unwrap"]["clone"], "ok", "{r}");
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
    // --entrypoint /proc/self/exe: den as the container's PID 1, from a
    // read-only mount too (sealed after a pull, which ran threads in den's
    // user namespace).
    run(&[
        "run",
        "-d",
        "--pull",
        "always",
        "--name",
        "e",
        "--entrypoint",
        "/proc/self/exe",
        "debcheck:bookworm",
        "events",
    ]);
    let out = run(&["exec", "e", "den-checker", "exe-mount", "1"]);
    assert_eq!(out.trim(), r#"{"exe":"readonly"}"#);
    run(&["rm", "-f", "c", "e"]);
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
    // Once the pause process holds a bind of the user's copy (made by a
    // start of it), `exec` moves onto it in place instead of executing it
    // (`runtime/reseal.rs`): den run in the container through
    // /proc/self/exe runs from the read-only bind all the same.
    run(&["system", "migrate"]);
    run(&[
        "run",
        "-d",
        "--privileged",
        "--name",
        "r",
        "debcheck:bookworm",
        "sleep",
        "1000",
    ]);
    let mut victim = den_in("r", &["--log-level", "debug"]);
    let find = "for p in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $p/cmdline)\" in \
                '/proc/self/exe login'*) echo ${p#/proc/};; esac; done";
    let mut pid = String::new();
    wait_for("den run in the container", || {
        pid = run(&["exec", "r", "sh", "-c", find]).trim().to_string();
        !pid.is_empty()
    });
    let out = run(&["exec", "r", "den-checker", "exe-mount", &pid]);
    assert_eq!(out.trim(), r#"{"exe":"readonly"}"#);
    let _ = victim.kill();
    let victim = victim.wait_with_output().expect("den exec");
    let log = String::from_utf8_lossy(&victim.stderr);
    assert!(log.contains("moved onto den's sealed binary"), "{log}");
    run(&["rm", "-f", "-t", "0", "r"]);
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
}

/// CVE-2024-21626: a descriptor of the runtime leaks into the container and
/// a working directory under /proc/self/fd reaches the host.
#[test]
fn cve_2024_21626_no_descriptor_leaks_and_the_workdir_stays_inside() {
    let (_reg, den) = ready();
    // Only stdio (and ls's own directory fd) in a container and in an exec.
    let fds = |out: String| out.split_whitespace().map(String::from).collect::<Vec<_>>();
    let run = fds(den.ok(&["run", "--rm", "busybox", "ls", "/proc/self/fd"]));
    assert!(
        run.iter()
            .all(|f| ["0", "1", "2", "3"].contains(&f.as_str())),
        "{run:?}"
    );
    den.ok(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let exec = fds(den.ok(&["exec", "c", "ls", "/proc/self/fd"]));
    assert!(
        exec.iter()
            .all(|f| ["0", "1", "2", "3"].contains(&f.as_str())),
        "{exec:?}"
    );
    // A working directory through /proc/self/fd never lands on the host.
    for fd in 3..10 {
        let out = den.output(&[
            "run",
            "--rm",
            "-w",
            &format!("/proc/self/fd/{fd}"),
            "busybox",
            "sh",
            "-c",
            "pwd; ls /",
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stdout.contains(&den.home().display().to_string())
                && !stdout.lines().any(|l| l == "work"),
            "fd {fd}: {stdout}"
        );
        if !out.status.success() {
            // Refused: outside the container (125), or, a descriptor the
            // init does not have, not there (126, podman's for a missing
            // --workdir).
            assert!(
                matches!(out.status.code(), Some(125 | 126)),
                "fd {fd}: {stderr}"
            );
            assert!(stderr.starts_with("den: error: "), "{stderr}");
        }
    }
    den.ok(&["rm", "-f", "c"]);
}

/// CVE-2022-27649: processes started with non-empty inheritable capabilities.
#[test]
fn cve_2022_27649_inheritable_and_ambient_capabilities_are_empty() {
    let (_reg, den) = ready();
    for args in [
        vec![],
        vec!["--cap-add", "ALL"],
        vec!["--privileged"],
        vec!["-u", "tester"],
    ] {
        let mut full = vec!["run", "--rm"];
        full.extend_from_slice(&args);
        full.extend_from_slice(&[
            "busybox",
            "grep",
            "-E",
            "^Cap(Inh|Amb)",
            "/proc/self/status",
        ]);
        let out = den.ok(&full);
        assert_eq!(
            out, "CapInh:\t0000000000000000\nCapAmb:\t0000000000000000\n",
            "{args:?}"
        );
    }
}

/// The runc 2025 /dev/null and /dev/console races, and CVE-2021-30465 /
/// CVE-2023-27561: mount targets in an image that point out of the rootfs.
/// den's /dev is a fresh tmpfs and every target is resolved inside the
/// rootfs, with no container process running during set-up.
#[test]
fn image_dev_symlinks_cannot_redirect_device_mounts() {
    let reg = crate::support::registry::Registry::start();
    let den = Den::new(&reg.addr);
    let canary = den.home().join("canary");
    std::fs::write(&canary, b"original\n").expect("canary");
    let target = canary.display().to_string();
    let layer = layer_of(
        |t: &mut TarWriter| {
            t.dir("dev", 0o755, 0, 0)
                .symlink("dev/null", &target)
                .symlink("dev/console", &target)
                .symlink("dev/pts", "/");
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "devlinks",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), layer],
        false,
    );
    den.ok(&["pull", "-q", "devlinks"]);
    den.ok(&[
        "run",
        "--rm",
        "devlinks",
        "sh",
        "-c",
        "echo owned > /dev/null; echo owned > /dev/console || true; ls /dev/pts",
    ]);
    assert_eq!(std::fs::read(&canary).expect("canary"), b"original\n");
}

/// Run `script` (a shell in a real pty, as a user's terminal) with `cmd`;
/// its output, once it exits. Stdin stays open until then.
fn in_a_terminal(den: &Den, cmd: &str) -> String {
    let mut child = den
        .command("script")
        .env("TERM", "xterm")
        .args(["-qefc", cmd, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script");
    let stdin = child.stdin.take();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut out);
        out
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "script did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(stdin);
    String::from_utf8_lossy(&reader.join().expect("reader")).into_owned()
}

/// `den exec` without `-t` gives the command pipes and a session of its
/// own: it can neither push keystrokes into the caller's terminal
/// (TIOCSTI) nor signal the caller's process group.
#[test]
fn exec_without_a_tty_cannot_reach_the_callers_terminal_or_session() {
    let (_reg, den) = ready_checker();
    den.ok(&["run", "-d", "--name", "c", "checker", "sleep", "1000"]);
    let bin = den_bin().display().to_string();
    let cmd = format!(
        "{bin} exec c den-checker tiocsti 'echo XINJECTEDX'; \
         {bin} exec -i c den-checker tiocsti 'echo XINJECTEDX'; \
         {bin} exec c sh -c 'kill -TERM 0; kill -KILL 0'; echo SURVIVED; \
         timeout 2 sh -c 'read line; echo \"READ:[$line]\"'; echo END"
    );
    let out = in_a_terminal(&den, &cmd);
    assert!(!out.contains("XINJECTEDX"), "input was injected: {out}");
    assert!(out.contains("SURVIVED"), "kill 0 reached the caller: {out}");
    assert!(!out.contains("READ:") && out.contains("END"), "{out}");
    let reports: Vec<serde_json::Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str(l.trim()).ok())
        .collect();
    assert_eq!(reports.len(), 2, "{out}");
    for r in &reports {
        for fd in ["fd0", "fd1", "fd2"] {
            assert_eq!(r[fd]["isatty"], false, "{fd} is a terminal: {r}");
            assert_ne!(r[fd]["tiocsti"], "ok", "{r}");
        }
        assert!(
            r["dev_tty"].is_string(),
            "the command has a controlling terminal: {r}"
        );
        assert_eq!(r["own_session"], true, "{r}");
    }
    den.ok(&["rm", "-f", "c"]);
}

/// The state letter of a process (`T` when stopped).
fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

/// The container's init has a session and process group of its own:
/// `kill -KILL 0` or `kill -STOP 0` inside reaches neither the supervisor
/// (so --rm and --restart still work) nor the caller.
#[test]
fn the_containers_init_cannot_signal_its_supervisor() {
    let (_reg, den) = ready();
    let out = den.ok(&[
        "run",
        "--rm",
        "--name",
        "k",
        "busybox",
        "sh",
        "-c",
        "kill -KILL 0; echo after",
    ]);
    assert_eq!(out, "after\n");
    den.fails(&["inspect", "k"], 125);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "s",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "kill -STOP 0; kill -KILL 0; touch /tmp/ok; sleep 1000",
    ]);
    wait_for("the container to signal its group", || {
        den.output(&["exec", "s", "test", "-e", "/tmp/ok"])
            .status
            .success()
    });
    let supervisor: u32 = inspect(&den, "s", "{{.State.ConmonPid}}")
        .parse()
        .expect("the supervisor's pid");
    assert!(
        user_processes().iter().any(|(pid, _)| *pid == supervisor),
        "{:?}",
        user_processes()
    );
    assert_ne!(
        proc_state(supervisor),
        Some('T'),
        "the supervisor was stopped"
    );
    assert_eq!(inspect(&den, "s", "{{.State.Status}}"), "running");
    assert_eq!(inspect(&den, "s", "{{.RestartCount}}"), "0");
    den.ok(&["rm", "-f", "s"]);
}

/// `rm` kills den's own helpers of a container whose supervisor was killed
/// (pasta, fuse-overlayfs), known by recorded pid and start time, and no
/// other process: a user's `tail -f` of the log, or a script that names
/// the container, live on.
#[test]
fn rm_kills_only_dens_own_helpers() {
    let (_reg, den) = ready();
    for driver in ["overlay", "fuse-overlayfs"] {
        let name = format!("victim-{driver}");
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "-d",
            "--name",
            &name,
            "busybox",
            "sleep",
            "1000",
        ]);
        let id = inspect(&den, &name, "{{.Id}}");
        let log = den.data().join("containers").join(&id).join("ctr.log");
        let mut bystanders = vec![
            std::process::Command::new("tail")
                .arg("-f")
                .arg(&log)
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("tail"),
            std::process::Command::new("sh")
                .args(["-c", &format!("read line # {id}")])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("sh"),
        ];
        let sup = inspect(&den, &name, "{{.State.ConmonPid}}");
        assert!(std::process::Command::new("kill")
            .args(["-KILL", &sup])
            .status()
            .expect("kill")
            .success());
        wait_for("the container to die with its supervisor", || {
            inspect(&den, &name, "{{.State.Status}}") == "exited"
        });
        den.ok(&["rm", "-f", &name]);
        for b in bystanders.iter_mut() {
            assert!(
                b.try_wait().expect("try_wait").is_none(),
                "{driver}: rm killed a process of the user's that names the container"
            );
        }
        let left: Vec<(u32, String)> = user_processes()
            .into_iter()
            .filter(|(pid, args)| args.contains(&id) && bystanders.iter().all(|b| b.id() != *pid))
            .collect();
        assert!(
            left.is_empty(),
            "{driver}: den's helpers are left: {left:?}"
        );
        for mut b in bystanders {
            let _ = b.kill();
            let _ = b.wait();
        }
    }
}

/// A container's supervisor outlives the command that started it: its
/// command line (world-readable in /proc) names the container and nothing
/// of the caller's, whose arguments may carry secrets (`-e TOKEN=...`),
/// whether it was forked from the command (a packaged den) or exec'd; in
/// ps it is `den-supervise`, and it holds none of the command's files
/// (its lock files above all: a held lock would stall every later den).
#[test]
fn a_supervisor_shows_nothing_of_its_callers_arguments() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "quiet",
        "-e",
        "DEN_TEST_TOKEN=hunter2-secret-token",
        "busybox",
        "sleep",
        "600",
    ]);
    let id = inspect(&den, "quiet", "{{.Id}}");
    let sup = inspect(&den, "quiet", "{{.State.ConmonPid}}");
    let cmdline = std::fs::read(format!("/proc/{sup}/cmdline")).expect("cmdline");
    let shown = String::from_utf8_lossy(&cmdline);
    assert!(!shown.contains("hunter2"), "{shown:?}");
    assert!(!shown.contains("sleep"), "{shown:?}");
    let words: Vec<&str> = shown.split('\0').filter(|w| !w.is_empty()).collect();
    assert!(
        words.ends_with(&["__supervise", id.as_str()])
            || words.starts_with(&["den", "__supervise"]),
        "{words:?}"
    );
    let comm = std::fs::read_to_string(format!("/proc/{sup}/comm")).expect("comm");
    assert_eq!(comm.trim_end(), "den-supervise");
    // None of den's own lock files or records is held open by it, but
    // its own container's supervisor lock (one supervisor a container).
    let own = format!("{id}/supervisor.lock");
    for fd in std::fs::read_dir(format!("/proc/{sup}/fd")).expect("fds") {
        let target = std::fs::read_link(fd.expect("fd").path()).unwrap_or_default();
        let t = target.display().to_string();
        assert!(
            (!t.ends_with(".lock") || t.ends_with(&own)) && !t.ends_with(".json"),
            "the supervisor holds {t}"
        );
    }
    // Another den can take the containers' lock at once: rm works.
    den.ok(&["rm", "-f", "-t", "0", "quiet"]);
}

/// A container that made a user namespace of its own (unshare) and moved
/// into a network namespace it owns: another container that joins its
/// network (`--network container:X`) stays in den's user namespace, as
/// its supervisor does, never in one the first container rules.
#[test]
fn joining_a_nested_containers_network_stays_in_dens_user_namespace() {
    let (_reg, den) = ready_checker();
    den.ok(&["pull", "-q", "busybox"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "nest",
        "checker",
        "den-checker",
        "nest-userns",
    ]);
    wait_for("the container's own namespaces", || {
        den.ok(&["logs", "nest"]).contains(r#"{"nested":"ok"}"#)
    });
    let ours = den.ok(&["run", "--rm", "busybox", "cat", "/proc/self/uid_map"]);
    let joined = den.ok(&[
        "run",
        "--rm",
        "--network",
        "container:nest",
        "busybox",
        "cat",
        "/proc/self/uid_map",
    ]);
    assert_eq!(joined, ours, "joined a user namespace the container made");
    // And the network is the one it made: its loopback alone.
    let links = den.ok(&[
        "run",
        "--rm",
        "--network",
        "container:nest",
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    assert_eq!(links.lines().count(), 1, "{links}");
    den.ok(&["rm", "-f", "-t", "0", "nest"]);
}

/// A container's init that waits for nothing of its supervisor's runs in
/// the supervisor's memory until its exec (`runtime/vfork.rs`,
/// `clone_container`): the supervisor is undumpable meanwhile, so no
/// process may ptrace the init (or open its memory) and write into the
/// supervisor's, and afterwards as reachable by its user as before. The
/// container is the one a usual clone makes: its command PID 1 of a pid
/// namespace of its own, its status the run's.
#[test]
fn an_init_in_its_supervisors_memory_leaves_it_as_it_was() {
    let (_reg, den) = ready();
    let (code, stdout, log) = run_debug(
        &den,
        &[
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            "echo $$ $(readlink /proc/1/exe); exit 3",
        ],
    );
    assert_eq!(code, Some(3), "{log}");
    // PID 1 of its own namespace, the command itself (den's code gone).
    assert_eq!(stdout, "1 /bin/busybox\n", "{log}");
    assert!(
        log.contains("the init runs in the supervisor's memory until its exec"),
        "{log}"
    );
    den.ok(&[
        "run",
        "-d",
        "--name",
        "shared",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ]);
    let sup = inspect(&den, "shared", "{{.State.ConmonPid}}");
    let fds = std::fs::read_dir(format!("/proc/{sup}/fd"));
    assert!(
        fds.is_ok(),
        "the supervisor's /proc is no longer its user's: {fds:?}"
    );
    let status = std::fs::read_to_string(format!("/proc/{sup}/status")).expect("status");
    assert!(status.contains("den-supervise"), "{status}");
    den.ok(&["rm", "-f", "-t", "0", "shared"]);
    // What an undumpable start forbids (writing /proc/self) is cloned as
    // before: a lower OOM score is set all the same.
    let adj = den.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--oom-score-adj",
        "500",
        "busybox",
        "cat",
        "/proc/self/oom_score_adj",
    ]);
    assert_eq!(adj, "500\n");
}
