//! The pause process that holds den's user namespace (issue 18): one per
//! runtime directory, joined by every start, recorded in a private file,
//! replaced when killed (running containers unaffected), never trusted on
//! a forged record, and ended by `system migrate`, `system reset` and the
//! removal of its record.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::common::*;

fn record(den: &Den) -> PathBuf {
    den.home().join("run/den/pause.json")
}

/// The recorded pid (and the record's text).
fn recorded_pid(den: &Den) -> u32 {
    let text = std::fs::read_to_string(record(den)).expect("pause.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("pause.json is JSON");
    v["pid"].as_u64().expect("a pid") as u32
}

fn comm(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|c| c.trim_end().to_string())
}

/// Alive, and not a zombie (PID 1 may be slow to reap an orphan).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let close = s.rfind(')')?;
            s.get(close + 2..close + 3).map(|st| st != "Z" && st != "X")
        })
        .unwrap_or(false)
}

fn user_ns(pid: &str) -> String {
    std::fs::read_link(format!("/proc/{pid}/ns/user"))
        .expect("ns/user")
        .display()
        .to_string()
}

fn kill(signal: &str, pid: u32) {
    let ok = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill")
        .success();
    assert!(ok, "kill {signal} {pid}");
    wait_for("the killed process to end", || !alive(pid));
}

#[test]
fn containers_share_the_pause_processs_namespace_which_is_replaced_when_killed() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "a", "busybox", "sleep", "600"]);
    let first = recorded_pid(&den);
    assert_eq!(comm(first).as_deref(), Some("den-pause"));
    // Private to the user: the record in a directory only they can enter.
    let mode = |p: PathBuf| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(den.home().join("run/den")), 0o700);
    assert_eq!(mode(record(&den)), 0o600);
    // The container is in the pause process's user namespace, and so is
    // every later one.
    let init = inspect(&den, "a", "{{.State.Pid}}");
    assert_eq!(user_ns(&init), user_ns(&first.to_string()));
    let out = den.ok(&["run", "--rm", "busybox", "cat", "/proc/self/uid_map"]);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>()[..3],
        ["0", &my_uid().to_string(), "1"]
    );
    assert_eq!(
        recorded_pid(&den),
        first,
        "a start reuses the pause process"
    );

    // Killed: the running container goes on; the next command makes a new one.
    kill("-KILL", first);
    assert_eq!(den.ok(&["exec", "a", "echo", "still here"]), "still here\n");
    assert_eq!(inspect(&den, "a", "{{.State.Status}}"), "running");
    assert_eq!(den.ok(&["run", "--rm", "busybox", "echo", "ok"]), "ok\n");
    let second = recorded_pid(&den);
    assert_ne!(second, first);
    assert!(alive(second) && comm(second).as_deref() == Some("den-pause"));
    // The old namespace lives on in the container, which stops and goes.
    assert_ne!(user_ns(&init), user_ns(&second.to_string()));
    den.ok(&["stop", "-t", "1", "a"]);
    den.ok(&["rm", "a"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");

    // Its record removed (a logout that clears the runtime directory, an
    // rm -rf): it ends by itself.
    std::fs::remove_file(record(&den)).expect("rm pause.json");
    wait_for("the pause process to end with its record", || {
        !alive(second)
    });
}

/// A forged record (a process of someone else's, or one of the user's
/// own that is no pause process) is neither joined nor signalled.
#[test]
fn a_forged_record_is_never_joined_nor_signalled() {
    let (_reg, den) = ready();
    den.ok(&["run", "--rm", "busybox", "true"]);
    let pause = recorded_pid(&den);
    // The real one ends once its record names something else.
    let start_of = |pid: u32| -> String {
        let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
        let close = s.rfind(')').expect(")");
        s[close + 2..]
            .split_whitespace()
            .nth(19)
            .expect("start")
            .to_string()
    };
    let mut bystander = std::process::Command::new("sleep")
        .arg("600")
        .spawn()
        .expect("sleep");
    for victim in [1, bystander.id()] {
        std::fs::write(
            record(&den),
            format!("{{\"pid\": {victim}, \"start\": {}}}\n", start_of(victim)),
        )
        .expect("forge the record");
        assert_eq!(den.ok(&["run", "--rm", "busybox", "echo", "ok"]), "ok\n");
        let made = recorded_pid(&den);
        assert_ne!(
            made, victim,
            "a new pause process replaced the forged record"
        );
        assert_eq!(comm(made).as_deref(), Some("den-pause"));
        // system migrate ends only a real pause process.
        den.ok(&["system", "migrate"]);
        assert!(!alive(made));
        std::fs::write(
            record(&den),
            format!("{{\"pid\": {victim}, \"start\": {}}}\n", start_of(victim)),
        )
        .expect("forge the record");
        den.ok(&["system", "migrate"]);
        assert!(
            alive(victim),
            "den signalled {victim}, named by a forged record"
        );
    }
    wait_for("the first pause process to end", || !alive(pause));
    let _ = bystander.kill();
    let _ = bystander.wait();
}

#[test]
fn system_migrate_stops_containers_and_the_pause_process_and_reset_ends_it() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "a", "busybox", "sleep", "600"]);
    // A paused one, and one on a user network (whose shared namespace
    // lives in den's user namespace too): each held the old namespace.
    den.ok(&["run", "-d", "--name", "p", "busybox", "sleep", "600"]);
    den.ok(&["pause", "p"]);
    den.ok(&["network", "create", "mig"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "b",
        "--network",
        "mig",
        "busybox",
        "sleep",
        "600",
    ]);
    let holder = den.home().join("run/den/netns/holder.json");
    assert!(holder.exists());
    let pause = recorded_pid(&den);
    // As podman's: silent, the running containers stopped.
    assert_eq!(den.ok(&["system", "migrate"]), "");
    assert!(!alive(pause));
    assert!(!record(&den).exists());
    assert!(
        !holder.exists(),
        "the shared network namespace outlived migrate"
    );
    for c in ["a", "p", "b"] {
        assert_eq!(inspect(&den, c, "{{.State.Status}}"), "exited", "{c}");
    }
    den.ok(&["rm", "p", "b"]);
    // They start again, in a new namespace.
    den.ok(&["start", "a"]);
    let next = recorded_pid(&den);
    assert_ne!(next, pause);
    assert_eq!(inspect(&den, "a", "{{.State.Status}}"), "running");
    den.ok(&["system", "reset", "--force"]);
    assert!(!alive(next), "system reset ends the pause process");
    assert!(!record(&den).exists());
}

/// The pause process keeps a read-only bind of den's binary that starts
/// run from (a user's own binary needs one). A container's supervisor runs
/// from it, unwritable; after an upgrade (another file) the new binary
/// runs, never the copy the pause process kept of the old one.
#[test]
fn starts_run_from_the_pause_processs_read_only_binary_and_an_upgrade_is_seen() {
    use std::os::unix::fs::MetadataExt;
    let (_reg, den) = ready();
    // den as `cargo install` leaves it: the user's own file.
    let install = |name: &str| {
        let path = den.home().join(name);
        std::fs::copy(den_bin(), &path).expect("copy den");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path
    };
    let old = install("den-old");
    let run_with = |bin: &PathBuf, name: &str| {
        // Just copied: another test thread's fork may still hold the
        // copy's write descriptor for a moment (ETXTBSY until it execs).
        let mut tries = 0;
        let out = loop {
            let mut c = den.command(bin);
            c.args(["run", "-d", "--name", name, "busybox", "sleep", "600"]);
            match c.output() {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                r => break r.expect("den"),
            }
        };
        assert!(out.status.success(), "{:?}", text(&out));
        let sup = inspect(&den, name, "{{.State.ConmonPid}}");
        let exe = format!("/proc/{sup}/exe");
        let meta = std::fs::metadata(&exe).expect("the supervisor's binary");
        // Unwritable, even by its owner once it is no longer busy: a
        // read-only mount.
        let vfs = rustix::fs::statvfs(exe.as_str()).expect("statvfs");
        assert!(vfs.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY));
        meta.ino()
    };
    let old_ino = std::fs::metadata(&old).expect("stat").ino();
    assert_eq!(run_with(&old, "a"), old_ino);
    let pause = recorded_pid(&den);
    assert_eq!(run_with(&old, "b"), old_ino);
    // The upgrade: a new file where the old was.
    std::fs::remove_file(&old).expect("rm old");
    let new = install("den-old");
    let new_ino = std::fs::metadata(&new).expect("stat").ino();
    assert_ne!(new_ino, old_ino);
    assert_eq!(run_with(&new, "c"), new_ino, "the new binary runs");
    assert_eq!(
        recorded_pid(&den),
        pause,
        "the pause process is still the old one"
    );
    den.ok(&["rm", "-f", "-t", "0", "a", "b", "c"]);
}

/// A pause process started by hand (`den __pause`) on the directory
/// `stdin`, with a stand-in starter (`sleep`) that never writes its
/// record: the starter, and the pause process's pid.
fn unrecorded_pause(den: &Den, stdin: std::fs::File) -> (std::process::Child, u32) {
    use std::io::BufRead;
    let starter = std::process::Command::new("sleep")
        .arg("600")
        .spawn()
        .expect("sleep");
    let mut pause = den.command(den_bin());
    pause
        .arg("__pause")
        .env("_DEN_PAUSE_STARTER", starter.id().to_string())
        .stdin(stdin)
        .stdout(std::process::Stdio::piped());
    let mut child = pause.spawn().expect("den __pause");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("its pid");
    let _ = child.wait();
    (starter, line.trim().parse().expect("a pid"))
}

/// A pause process whose starter dies before writing its record (killed
/// mid-start) ends with it: nothing is left behind.
#[test]
fn a_pause_process_whose_starter_dies_first_ends_with_it() {
    let (_reg, den) = ready();
    let dir = den.home().join("lonely");
    std::fs::create_dir(&dir).expect("dir");
    let (mut starter, pid) = unrecorded_pause(&den, std::fs::File::open(&dir).expect("open dir"));
    assert!(alive(pid) && comm(pid).as_deref() == Some("den-pause"));
    // Its starter dies.
    let _ = starter.kill();
    let _ = starter.wait();
    wait_for(
        "the unrecorded pause process to end with its starter",
        || !alive(pid),
    );
}

/// A pause process whose runtime directory was removed before it watched
/// it (a test's clean-up, a logout) ends at once, its starter alive: no
/// record can be written there, nor removed to end it.
#[test]
fn a_pause_process_whose_directory_is_gone_ends_at_once() {
    let (_reg, den) = ready();
    let dir = den.home().join("removed");
    std::fs::create_dir(&dir).expect("dir");
    let held = std::fs::File::open(&dir).expect("open dir");
    std::fs::remove_dir(&dir).expect("rmdir");
    let (mut starter, pid) = unrecorded_pause(&den, held);
    // Well before the minute an unrecorded one waits at most.
    let gone = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        !alive(pid)
    });
    let _ = starter.kill();
    let _ = starter.wait();
    assert!(
        gone,
        "the pause process {pid} of a removed directory is still there"
    );
}

/// A user's own den (as `cargo install` leaves it) whose pause process
/// holds a read-only bind of that very file does not exec it again to
/// enter a container: the supervisor (forked) and `exec` move onto the
/// bind in place (`runtime/reseal.rs`). Every den process in a container's
/// namespaces still runs from the unwritable bind (`escapes.rs` has the
/// attacks on it): the supervisor, whose clone is the init, and `exec`.
#[test]
fn a_users_own_den_moves_onto_the_read_only_binary_without_an_exec() {
    use std::os::unix::fs::MetadataExt;
    let (_reg, den) = ready();
    let own = den.home().join("den-own");
    std::fs::copy(den_bin(), &own).expect("copy den");
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let own_ino = std::fs::metadata(&own).expect("stat").ino();
    let unwritable = |pid: &str| {
        let exe = format!("/proc/{pid}/exe");
        let vfs = rustix::fs::statvfs(exe.as_str()).expect("statvfs");
        let ino = std::fs::metadata(&exe).expect("the process's binary").ino();
        vfs.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY) && ino == own_ino
    };
    let run = |args: &[&str]| {
        let out = den.command(&own).args(args).output().expect("den");
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "den {args:?}: {stderr}");
        (stdout, stderr)
    };
    // The pause process the suite's den made (holding a bind of that
    // binary) ends; the next start makes one of the user's own den.
    run(&["system", "migrate"]);
    run(&["run", "--rm", "busybox", "true"]);
    let (_, log) = run(&["--log-level", "debug", "run", "--rm", "busybox", "true"]);
    assert!(log.contains("moved onto den's sealed binary"), "{log}");
    assert!(!log.contains("den's binary sealed"), "no exec: {log}");
    // Forked ahead of the record, it moves right after the fork, before
    // its helpers share its memory, and its exe changes once it is told
    // to start.
    let at = |phase: &str| log.find(phase).unwrap_or_else(|| panic!("{phase}: {log}"));
    assert!(at("den's binary's mappings moved") < at("supervisor started"));
    assert!(at("supervisor started") < at("moved onto den's sealed binary"));
    run(&["run", "-d", "--name", "c", "busybox", "sleep", "600"]);
    let sup = inspect(&den, "c", "{{.State.ConmonPid}}");
    assert!(unwritable(&sup), "the supervisor runs from the bind");
    // ... and maps nothing of the writable file (the bind is the same
    // inode: its mappings show another path).
    let maps = std::fs::read_to_string(format!("/proc/{sup}/maps")).expect("maps");
    let of_den = format!(" {own_ino} ");
    assert!(maps.lines().any(|l| l.contains(&of_den)), "{maps}");
    assert!(!maps.contains(own.to_str().expect("utf-8")), "{maps}");
    // exec too (it is not dumpable once in the container's namespaces:
    // its log tells, printed once /proc/self/exe is the bind).
    let (_, log) = run(&[
        "--log-level",
        "debug",
        "exec",
        "c",
        "sh",
        "-c",
        "readlink /proc/self/exe",
    ]);
    assert!(log.contains("moved onto den's sealed binary"), "{log}");
    // Into a container with a user namespace of its own that shares a
    // namespace of den's: the move's capabilities come from the
    // container's user namespace, joined with the rest in one setns.
    run(&[
        "run",
        "-d",
        "--name",
        "b",
        "--uidmap",
        "0:1:1000",
        "--ipc",
        "container:c",
        "busybox",
        "sleep",
        "600",
    ]);
    let (out, log) = run(&["--log-level", "debug", "exec", "b", "sh", "-c", "echo in-b"]);
    assert_eq!(out, "in-b\n");
    assert!(log.contains("moved onto den's sealed binary"), "{log}");
    run(&["rm", "-f", "-t", "0", "b", "c"]);
    let original = std::fs::read(den_bin()).expect("read den");
    assert!(
        std::fs::read(&own).expect("read den") == original,
        "den's binary changed"
    );
}
