//! den where a user is (issue: "works wherever a user is, or says exactly
//! what to do"): each host condition set up for real, its outcome
//! asserted. Cells that need another user, or devices closed to users,
//! are `#[ignore]`d here and run by ci/test.sh as root sets them up
//! (`matrix_*`); every other cell runs as the suite's user.

use crate::common::*;

/// Without XDG_RUNTIME_DIR (`su -`, cron), den uses /run/user/UID when it
/// is the user's, so a container started from a login session is listed,
/// attached and stopped from the other; without /run/user/UID, a private
/// /tmp directory. A XDG_RUNTIME_DIR that names a missing directory is
/// said, and the same rule applies.
#[test]
fn without_xdg_runtime_dir_the_sessions_share_run_user() {
    let (_reg, den) = ready();
    let run_user = std::path::PathBuf::from(format!("/run/user/{}", my_uid()));
    let login = |args: &[&str]| {
        let mut c = den.cmd(args);
        c.env("XDG_RUNTIME_DIR", &run_user);
        c
    };
    let cron = |args: &[&str]| {
        let mut c = den.cmd(args);
        c.env_remove("XDG_RUNTIME_DIR");
        c
    };
    if run_user.is_dir() {
        // The pause process this session's den starts there is ended
        // afterwards, unless one was running before the test (a record
        // whose process is gone does not count).
        let pause_before = std::fs::read_to_string(run_user.join("den/pause.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["pid"].as_u64())
            .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).ok())
            .is_some_and(|c| c.trim_end() == "den-pause");
        let out = login(&[
            "run",
            "-d",
            "--name",
            "shared",
            "-i",
            "busybox",
            "sh",
            "-c",
            "read x; echo got $x; sleep 1000",
        ])
        .output()
        .expect("den");
        assert!(out.status.success(), "{:?}", text(&out));
        let ps = cron(&["ps", "--format", "{{.Names}}"])
            .output()
            .expect("den");
        assert_eq!(text(&ps).0.trim(), "shared");
        let info = cron(&["info", "--format", "{{.Store.RunRoot}}"])
            .output()
            .expect("den");
        assert_eq!(text(&info).0.trim(), format!("{}/den", run_user.display()));
        // The attach socket is where the other session looks for it.
        let mut attach = cron(&["attach", "shared"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("attach");
        std::io::Write::write_all(attach.stdin.as_mut().expect("stdin"), b"hello\n")
            .expect("write");
        wait_for("the attached input", || {
            text(&den.output(&["logs", "shared"]))
                .0
                .contains("got hello")
        });
        let _ = attach.kill();
        let _ = attach.wait();
        let stop = cron(&["stop", "-t", "0", "shared"]).output().expect("den");
        assert!(stop.status.success(), "{:?}", text(&stop));
        let missing = den.home().join("no-such-run");
        let out = den
            .cmd(&["ps", "-a", "--format", "{{.Names}}"])
            .env("XDG_RUNTIME_DIR", &missing)
            .output()
            .expect("den");
        let (stdout, stderr) = text(&out);
        assert_eq!(stdout.trim(), "shared");
        assert!(
            stderr.contains(&format!(
                "XDG_RUNTIME_DIR={} does not exist: using {}",
                missing.display(),
                run_user.display()
            )),
            "{stderr}"
        );
        den.ok(&["rm", "-f", "shared"]);
        if !pause_before {
            let out = login(&["system", "migrate"]).output().expect("den");
            assert!(out.status.success(), "{:?}", text(&out));
        }
    } else {
        let info = cron(&["info", "--format", "{{.Store.RunRoot}}"])
            .output()
            .expect("den");
        let run_root = format!("/tmp/den-run-{}/den", my_uid());
        assert_eq!(text(&info).0.trim(), run_root);
        let dir = std::path::Path::new(&run_root).parent().expect("parent");
        assert_eq!(owner_mode(dir).1 & 0o777, 0o700);
    }
}

/// XDG_RUNTIME_DIR of another user (`su USER` without `-`): one line with
/// the cause and the fix.
#[test]
fn another_users_runtime_directory_is_refused_with_the_fix() {
    let (_reg, den) = ready();
    let out = den
        .cmd(&["ps"])
        .env("XDG_RUNTIME_DIR", "/")
        .output()
        .expect("den");
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        text(&out).1,
        format!("den: error: XDG_RUNTIME_DIR=/ belongs to uid 0, not to you (uid {}), as after `su` without `-`: another user could change what den reads there (log in as yourself with su - USER or machinectl shell USER@, or unset XDG_RUNTIME_DIR)\n", my_uid())
    );
}

/// A PATH without newuidmap: `run --rm` fails with the fix and leaves no
/// record; `rm -f` still drops any record.
#[test]
fn without_newuidmap_nothing_is_left_and_rm_always_works() {
    let (_reg, den) = ready();
    den.ok(&["create", "--name", "made", "busybox", "true"]);
    // Every tool but the id-map helpers.
    let bin = den.home().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    for dir in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name();
            if name != "newuidmap" && name != "newgidmap" && !bin.join(&name).exists() {
                let _ = std::os::unix::fs::symlink(e.path(), bin.join(&name));
            }
        }
    }
    let without = |args: &[&str]| den.cmd(args).env("PATH", &bin).output().expect("den");
    let out = without(&["run", "--rm", "--name", "gone", "busybox", "true"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.ends_with("newuidmap was not found in PATH, and den needs it to map your subordinate ids (install the uidmap package, e.g. sudo apt-get install uidmap)\n"),
        "{stderr}"
    );
    assert_eq!(
        den.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(),
        "made"
    );
    let out = without(&["rm", "-f", "made"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// Neither pasta nor slirp4netns: the default network says so; --network
/// none runs.
#[test]
fn without_network_helpers_the_container_runs_without_network() {
    let (_reg, den) = ready();
    let bin = den.home().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    for dir in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let helper =
                name.starts_with("pasta") || name.starts_with("passt") || name == "slirp4netns";
            if !helper && !bin.join(&name).exists() {
                let _ = std::os::unix::fs::symlink(e.path(), bin.join(&name));
            }
        }
    }
    let out = den
        .cmd(&["run", "--rm", "busybox", "ip", "-o", "link"])
        .env("PATH", &bin)
        .output()
        .expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stdout.contains("eth0") && !stdout.contains("tap0"),
        "{stdout}"
    );
    assert!(
        stderr.contains("neither pasta nor slirp4netns is installed: the container has no network (install the passt or slirp4netns package)"),
        "{stderr}"
    );
    let check = den
        .cmd(&["system", "check"])
        .env("PATH", &bin)
        .output()
        .expect("den");
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check)
            .0
            .contains("PROBLEM  network: neither pasta nor slirp4netns is installed"),
        "{:?}",
        text(&check)
    );
}

/// A storage path with a comma mounts with overlay (no silent fall-back
/// to vfs); a store that fell back to vfs moves up by itself once a better
/// driver works, and its vfs containers keep their layout.
#[test]
fn storage_paths_with_commas_and_a_better_driver_later() {
    let (_reg, den) = ready();
    let odd = den.home().join("odd,store:dir");
    let root = odd.display().to_string();
    den.ok(&["--root", &root, "pull", "-q", "busybox"]);
    den.ok(&["--root", &root, "run", "--rm", "busybox", "true"]);
    assert_eq!(
        std::fs::read_to_string(odd.join("storage-driver")).expect("remembered"),
        "overlay"
    );
    // As if it had fallen back to vfs: an old container made with it, and
    // the store's memory.
    den.ok(&[
        "--storage-driver",
        "vfs",
        "create",
        "--name",
        "old",
        "busybox",
        "true",
    ]);
    den.ok(&["start", "-a", "old"]);
    std::fs::write(den.data().join("storage-driver"), "vfs").expect("write");
    den.ok(&["run", "--rm", "busybox", "true"]);
    assert_eq!(
        std::fs::read_to_string(den.data().join("storage-driver")).expect("remembered"),
        "overlay"
    );
    // The old container is still vfs, and still starts.
    den.ok(&["start", "-a", "old"]);
    let id = inspect(&den, "old", "{{.Id}}");
    assert!(den
        .data()
        .join("containers")
        .join(&id)
        .join("rootfs")
        .is_dir());
    den.ok(&["rm", "old"]);
    assert!(den
        .ok(&["info", "--format", "json"])
        .contains("\"storage driver\""));
}

/// ci/test.sh runs this as a user without subordinate ids (made for it):
/// containers run with only the user's id, and the fix printed names the
/// file that lacks the user and a range nobody else has.
#[test]
#[ignore = "run by ci/test.sh as a user without subordinate ranges"]
fn matrix_a_user_without_ranges() {
    let reg = crate::support::registry::Registry::start();
    push_busybox(&reg, "busybox", "latest");
    let den = Den::without_ranges(&reg.addr);
    let name = std::env::var("USER").expect("USER");
    let out = den.output(&["run", "--rm", "busybox", "id", "-u"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, "0\n");
    let want = format!("no subordinate id range for {name} in /etc/subuid and /etc/subgid: only your own id is mapped");
    assert!(stderr.contains(&want), "{stderr}");
    let range = stderr
        .split("--add-subuids ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("a range");
    let (lo, _) = range.split_once('-').expect("lo-hi");
    let lo: u64 = lo.parse().expect("lo");
    for line in std::fs::read_to_string("/etc/subuid")
        .unwrap_or_default()
        .lines()
    {
        let f: Vec<&str> = line.split(':').collect();
        let (s, c): (u64, u64) = (f[1].parse().expect("s"), f[2].parse().expect("c"));
        assert!(lo + 65535 < s || lo >= s + c, "{range} overlaps {line}");
    }
    let check = den.output(&["system", "check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check)
            .0
            .contains(&format!("PROBLEM  subordinate ids: {want}"))
            || text(&check).0.contains(&format!(
                "PROBLEM  subordinate ids: no subordinate id range for {name}"
            )),
        "{:?}",
        text(&check)
    );
    let e = den.fails(&["run", "--rm", "-u", "1000", "busybox", "true"], 125);
    assert!(e.contains("1000"), "{e}");
}

/// ci/test.sh runs this with /dev/net/tun and /dev/fuse closed to users
/// (mode 0600, as on its machines before it opens them): each is named
/// with its fix, and the ways around it work.
#[test]
#[ignore = "run by ci/test.sh with /dev/net/tun and /dev/fuse at mode 0600"]
fn matrix_devices_closed_to_users() {
    let (_reg, den) = ready();
    let out = den.output(&["run", "--rm", "busybox", "true"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.starts_with("den: error: the container's network needs /dev/net/tun: /dev/net/tun is not accessible to you (mode 0600: ")
            && stderr.trim_end().ends_with("ask root to run chmod 0666 /dev/net/tun, as distributions ship it); or run it with --network none"),
        "{stderr}"
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "", "a record was left");
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    let e = den.fails(
        &[
            "--storage-driver",
            "fuse-overlayfs",
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "true",
        ],
        125,
    );
    assert!(
        e.contains("/dev/fuse is not accessible to you (mode 0600: ")
            && e.contains("or use --storage-driver overlay or vfs"),
        "{e}"
    );
    let check = den.output(&["system", "check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check)
            .0
            .contains("PROBLEM  /dev/net/tun: /dev/net/tun is not accessible to you"),
        "{:?}",
        text(&check)
    );
}
