//! The `run`/`create` flags podman scripts use beyond the common ones
//! (issue 19): process attributes, /etc files, environment, time limit,
//! dependencies, each checked inside the container, and the hostile
//! values refused with nothing left behind.

use std::time::{Duration, Instant};

use crate::common::*;

fn nothing_left(den: &Den) {
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
}

#[test]
fn process_attributes_reach_the_command_and_exec() {
    let (_reg, den) = ready();
    let out = den.ok(&[
        "run",
        "--rm",
        "--umask",
        "0077",
        "--group-add",
        "10",
        "--group-add",
        "1234",
        "--personality",
        "LINUX32",
        "--oom-score-adj",
        "500",
        "--shm-size",
        "10m",
        "busybox",
        "sh",
        "-c",
        "umask; id -G; uname -m; cat /proc/self/oom_score_adj; df -k /dev/shm | tail -1",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0077", "{out}");
    let groups: Vec<&str> = lines[1].split_whitespace().collect();
    assert!(groups.contains(&"10") && groups.contains(&"1234"), "{out}");
    assert_eq!(lines[2], "i686", "{out}");
    assert_eq!(lines[3], "500", "{out}");
    assert!(lines[4].split_whitespace().nth(1) == Some("10240"), "{out}");
    // exec gets the same umask, groups and score.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "attrs",
        "--umask",
        "027",
        "--group-add",
        "wheel",
        "--oom-score-adj",
        "300",
        "busybox",
        "sleep",
        "600",
    ]);
    let out = den.ok(&[
        "exec",
        "attrs",
        "sh",
        "-c",
        "umask; id -G; cat /proc/self/oom_score_adj",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0027", "{out}");
    assert!(
        lines[1].split_whitespace().any(|g| g == "10"),
        "wheel is 10: {out}"
    );
    assert_eq!(lines[2], "300", "{out}");
    let v = den.ok(&[
        "inspect",
        "--format",
        "{{.Config.Umask}} {{.HostConfig.GroupAdd}} {{.HostConfig.OomScoreAdj}}",
        "attrs",
    ]);
    assert_eq!(v.trim(), "0027 [wheel] 300");
    den.ok(&["rm", "-f", "-t", "0", "attrs"]);
    // Lowering the score needs privileges den does not have: refused, and
    // the --rm container is gone.
    let e = den.fails(
        &["run", "--rm", "--oom-score-adj", "-500", "busybox", "true"],
        125,
    );
    assert!(e.contains("OOM score"), "{e}");
    for bad in [
        &["--umask", "0999"][..],
        &["--personality", "LINUX64"],
        &["--oom-score-adj", "5000"],
        &["--group-add", "keep-groups", "--group-add", "10"],
        &["--group-add", "no-such-group"],
        &["--shm-size", "lots"],
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(bad);
        args.extend(["busybox", "true"]);
        let e = den.fails(&args, 125);
        assert_eq!(e.lines().count(), 1, "{bad:?}: {e}");
    }
    nothing_left(&den);
}

#[test]
fn etc_files_time_zone_passwd_and_hosts_as_podmans() {
    let (_reg, den) = ready();
    // --tz: the host's zone file at /etc/localtime, no TZ variable.
    let zone = std::fs::read("/usr/share/zoneinfo/Europe/Berlin").expect("the host's zoneinfo");
    let out = den
        .cmd(&[
            "run",
            "--rm",
            "--tz",
            "Europe/Berlin",
            "busybox",
            "sh",
            "-c",
            "cat /etc/localtime; echo TZ=$TZ",
        ])
        .output()
        .expect("run");
    assert!(out.stdout.starts_with(&zone), "not Berlin's zone file");
    assert!(out.stdout.ends_with(b"TZ=\n"));
    let local =
        std::fs::read(std::fs::canonicalize("/etc/localtime").expect("localtime")).expect("read");
    let out = den
        .cmd(&[
            "run",
            "--rm",
            "--tz",
            "local",
            "busybox",
            "cat",
            "/etc/localtime",
        ])
        .output()
        .expect("run");
    assert_eq!(out.stdout, local);
    // A zone that climbs out of the zoneinfo directory is no zone.
    for bad in ["../../../etc/shadow", "/etc/passwd", "Nowhere/Atlantis"] {
        let e = den.fails(&["run", "--rm", "--tz", bad, "busybox", "true"], 125);
        assert!(e.contains("unknown time zone"), "{bad}: {e}");
    }
    // A numeric user the image lacks gets podman's entry, home the
    // working directory; a named group is looked up.
    let out = den.ok(&[
        "run",
        "--rm",
        "-u",
        "1234:10",
        "-w",
        "/tmp",
        "busybox",
        "sh",
        "-c",
        "grep ^1234: /etc/passwd; echo $HOME; id -un",
    ]);
    assert_eq!(
        out,
        "1234:*:1234:10:container user:/tmp:/bin/sh\n/tmp\n1234\n"
    );
    let out = den.ok(&[
        "run",
        "--rm",
        "-u",
        "77",
        "--passwd-entry",
        "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false",
        "busybox",
        "grep",
        "^77:",
        "/etc/passwd",
    ]);
    assert_eq!(out, "77:x:77:0:container user:/:/bin/false\n");
    den.fails(
        &[
            "run",
            "--rm",
            "-u",
            "1234",
            "--passwd=false",
            "busybox",
            "grep",
            "^1234:",
            "/etc/passwd",
        ],
        1,
    );
    // A user the image has is left alone.
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "-u",
            "0",
            "busybox",
            "grep",
            "-c",
            ":0:0:",
            "/etc/passwd"
        ]),
        "1\n"
    );
    // --hostuser: the host's account (here the test's own user).
    let me = std::env::var("USER").expect("USER");
    let out = den.ok(&[
        "run",
        "--rm",
        "--hostuser",
        &me,
        "busybox",
        "grep",
        &format!("^{me}:"),
        "/etc/passwd",
    ]);
    assert!(out.ends_with(":/:/bin/sh\n"), "{out}");
    den.fails(
        &[
            "run",
            "--rm",
            "--hostuser",
            "no-such-user-here",
            "busybox",
            "true",
        ],
        125,
    );
    // --no-hosts: the image's /etc/hosts (busybox's test image has none).
    assert!(den
        .ok(&["run", "--rm", "busybox", "cat", "/etc/hosts"])
        .contains("localhost"));
    let e = den.fails(
        &["run", "--rm", "--no-hosts", "busybox", "cat", "/etc/hosts"],
        1,
    );
    assert!(e.contains("No such file"), "{e}");
    nothing_left(&den);
}

#[test]
fn environment_flags_merge_pass_and_proxy() {
    let (_reg, den) = ready();
    // --env-merge: from the defaults and the image; a variable neither
    // has is set all the same, as podman's; -e still wins.
    let out = den.ok(&[
        "run",
        "--rm",
        "--env-merge",
        "PATH=/opt/bin:${PATH}",
        "--env-merge",
        "NEW=${PATH}",
        "busybox",
        "sh",
        "-c",
        "echo $PATH; echo new=$NEW",
    ]);
    assert_eq!(
        out,
        "/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nnew=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
    );
    let out = den.ok(&[
        "run",
        "--rm",
        "--env-merge",
        "TERM=${TERM}-256color",
        "-e",
        "TERM=dumb",
        "busybox",
        "sh",
        "-c",
        "echo $TERM",
    ]);
    assert_eq!(out, "dumb\n");
    let out = den.ok(&[
        "run",
        "--rm",
        "--env-merge",
        "TERM=${TERM}-256color",
        "busybox",
        "sh",
        "-c",
        "echo $TERM",
    ]);
    assert_eq!(out, "xterm-256color\n");
    // podman's other spellings: --pull aliases in any case, Docker
    // Desktop's :cached, event=die.
    let dir = den.home().join("cached");
    std::fs::create_dir_all(&dir).expect("dir");
    den.ok(&[
        "run",
        "--rm",
        "--pull",
        "IfNotPresent",
        "-v",
        &format!("{}:/c:cached", dir.display()),
        "busybox",
        "true",
    ]);
    assert!(!den
        .ok(&["events", "--stream=false", "--filter", "event=die"])
        .is_empty());
    // -e PREFIX*: each of den's variables that begin so, as podman's.
    let out = den
        .cmd(&[
            "run",
            "--rm",
            "-e",
            "DEN_T_*",
            "busybox",
            "sh",
            "-c",
            "echo $DEN_T_A $DEN_T_B",
        ])
        .env("DEN_T_A", "a")
        .env("DEN_T_B", "b")
        .output()
        .expect("den");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a b\n");
    // --http-proxy (on by default): den's proxy variables, and no others.
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend(["busybox", "env"]);
        let out = den
            .cmd(&args)
            .env("https_proxy", "http://proxy.example:3128")
            .env("DEN_TEST_SECRET", "s3cret")
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let env = run(&[]);
    assert!(
        env.contains("https_proxy=http://proxy.example:3128"),
        "{env}"
    );
    assert!(!env.contains("s3cret"), "{env}");
    assert!(!run(&["--http-proxy=false"]).contains("proxy.example"));
    // --env-host: all of den's environment.
    assert!(run(&["--env-host"]).contains("DEN_TEST_SECRET=s3cret"));
    let e = den.fails(
        &["run", "--rm", "--env-merge", "NOEQUALS", "busybox", "true"],
        125,
    );
    assert!(e.contains("--env-merge"), "{e}");
}

#[test]
fn timeout_requires_pidfiles_annotations_and_expose() {
    let (_reg, den) = ready();
    // --timeout: killed (SIGKILL) when the time is up.
    let t = Instant::now();
    den.fails(
        &["run", "--rm", "--timeout", "1", "busybox", "sleep", "30"],
        137,
    );
    assert!(t.elapsed() < Duration::from_secs(20));
    den.fails(&["run", "--rm", "--timeout", "0", "busybox", "true"], 125);
    // --requires: the dependency is started first (and theirs).
    den.ok(&["create", "--name", "db", "busybox", "sleep", "600"]);
    den.ok(&[
        "create",
        "--name",
        "cache",
        "--requires",
        "db",
        "busybox",
        "sleep",
        "600",
    ]);
    let pidfile = den.dir.path().join("conmon.pid");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "app",
        "--requires",
        "cache",
        "--conmon-pidfile",
        pidfile.to_str().expect("utf-8"),
        "--annotation",
        "org.example/team=web",
        "--expose",
        "7000/udp",
        "--expose",
        "7100-7101",
        "busybox",
        "sleep",
        "600",
    ]);
    for c in ["db", "cache", "app"] {
        assert_eq!(
            den.ok(&["inspect", "--format", "{{.State.Status}}", c]),
            "running\n",
            "{c}"
        );
    }
    let pid = std::fs::read_to_string(&pidfile).expect("conmon pidfile");
    assert_eq!(
        den.ok(&["inspect", "--format", "{{.State.ConmonPid}}", "app"])
            .trim(),
        pid.trim()
    );
    assert_eq!(
        den.ok(&[
            "inspect",
            "--format",
            "{{index .Config.Annotations \"org.example/team\"}}",
            "app"
        ]),
        "web\n"
    );
    let e = den.fails(&["create", "--requires", "nothere", "busybox"], 125);
    assert!(e.contains("nothere"), "{e}");
    den.ok(&["rm", "-f", "-t", "0", "app", "cache", "db"]);
    // --expose with -P: published on free host ports.
    den.ok(&[
        "run", "-d", "--name", "exp", "-P", "--expose", "7000", "busybox", "sleep", "600",
    ]);
    let ports = den.ok(&["port", "exp"]);
    assert!(ports.contains("7000/tcp ->"), "{ports}");
    den.ok(&["rm", "-f", "-t", "0", "exp"]);
    // -P publishes each exposed port once, none the user published: as
    // podman (a second, random host port was added); `-p A,B` is two.
    let host = free_port();
    let spare = free_port();
    den.ok(&[
        "create",
        "--name",
        "once",
        "-P",
        "--expose",
        "7000,7001",
        "--expose",
        "7000",
        "-p",
        &format!("{host}:7000,{spare}:7002"),
        "busybox",
        "true",
    ]);
    let ports = den.ok(&["inspect", "-f", "{{json .HostConfig.PortBindings}}", "once"]);
    let ports: serde_json::Value = serde_json::from_str(&ports).expect("json");
    assert_eq!(
        ports["7000/tcp"].as_array().map(Vec::len),
        Some(1),
        "{ports}"
    );
    assert_eq!(
        ports["7000/tcp"][0]["HostPort"],
        host.to_string(),
        "{ports}"
    );
    assert!(
        ports["7001/tcp"].is_array() && ports["7002/tcp"].is_array(),
        "{ports}"
    );
    den.ok(&["rm", "once"]);
    den.fails(
        &["run", "--rm", "--expose", "80:80", "busybox", "true"],
        125,
    );
    nothing_left(&den);
}

#[test]
fn init_path_preserve_fds_and_rmi() {
    let (_reg, den) = ready();
    // --init-path: that program is PID 1, given `-- COMMAND`.
    let init = den.dir.path().join("my-init");
    std::fs::write(
        &init,
        "#!/bin/sh\n[ \"$1\" = -- ] && shift\necho \"my-init $$\"\nexec \"$@\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&init, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let out = den.ok(&[
        "run",
        "--rm",
        "--init",
        "--init-path",
        init.to_str().expect("utf-8"),
        "busybox",
        "echo",
        "hi",
    ]);
    assert_eq!(out, "my-init 1\nhi\n");
    den.fails(
        &[
            "run",
            "--rm",
            "--init-path",
            init.to_str().expect("utf-8"),
            "busybox",
            "true",
        ],
        125,
    );
    // --preserve-fds: the caller's descriptor 3 reaches the command as 3.
    let file = den.dir.path().join("fd3");
    std::fs::write(&file, "through fd 3\n").expect("write");
    let script = format!(
        "exec 3<'{}'; exec \"$0\" run --rm --preserve-fds 1 busybox cat /proc/self/fd/3",
        file.display()
    );
    let out = den
        .command("sh")
        .args(["-c", &script, den_bin().to_str().expect("utf-8")])
        .output()
        .expect("sh");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "through fd 3\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without it, nothing of the caller's passes.
    let script = format!(
        "exec 3<'{}'; exec \"$0\" run --rm busybox ls /proc/self/fd",
        file.display()
    );
    let out = den
        .command("sh")
        .args(["-c", &script, den_bin().to_str().expect("utf-8")])
        .output()
        .expect("sh");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .count(),
        4,
        "0 1 2 and ls's own"
    );
    let e = den.fails(
        &["run", "--rm", "--preserve-fds", "40", "busybox", "true"],
        125,
    );
    assert!(e.contains("not open"), "{e}");
    // Descriptors 3 and 4 closed: none of den's own pipes to its
    // supervisor is taken for them (the container would get den's end).
    for detach in [&[][..], &["-d"][..]] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(detach);
        args.extend(["--preserve-fds", "2", "busybox", "true"]);
        let e = den.fails(&args, 125);
        assert!(e.contains("descriptor 3 is not open"), "{e}");
    }
    // --rmi: the image goes with the container by the name it was run
    // by (another tag: only that one), kept while another container uses it.
    den.ok(&["tag", "busybox", "localhost/rmi-me"]);
    den.ok(&["run", "--rmi", "localhost/rmi-me", "true"]);
    den.fails(&["image", "exists", "localhost/rmi-me"], 1);
    den.ok(&["image", "exists", "busybox"]);
    den.ok(&["create", "--name", "user", "busybox"]);
    let out = den
        .cmd(&["run", "--rmi", "busybox", "true"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kept"));
    den.ok(&["image", "exists", "busybox"]);
    den.ok(&["rm", "user"]);
    let out = den
        .cmd(&["run", "--rmi", "busybox", "true"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    den.fails(&["image", "exists", "busybox"], 1);
    den.fails(&["run", "-d", "--rmi", "busybox", "true"], 125);
    nothing_left(&den);
}

#[test]
fn image_volumes_seccomp_policy_systemd_chroots_attach_and_init_containers() {
    let (_reg, den) = ready();
    let profile = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO"}]}"#;
    let dir = crate::build::context(
        &den,
        "labelled",
        &[(
            "Containerfile",
            &format!(
                "FROM busybox\nLABEL io.containers.seccomp.profile='{profile}'\nVOLUME /data\n"
            ),
        )],
    );
    crate::build::build_ok(&den, &dir, &["-q", "-t", "localhost/labelled"]);
    // --seccomp-policy image: the image's own profile.
    den.ok(&["run", "--rm", "localhost/labelled", "mkdir", "/made"]);
    den.fails(
        &[
            "run",
            "--rm",
            "--seccomp-policy",
            "image",
            "localhost/labelled",
            "mkdir",
            "/made",
        ],
        1,
    );
    // --image-volume: an anonymous volume, a tmpfs, or nothing.
    let mounts = |mode: &str| {
        den.ok(&[
            "run",
            "--rm",
            "--image-volume",
            mode,
            "localhost/labelled",
            "grep",
            "-c",
            " /data ",
            "/proc/mounts",
        ])
    };
    assert_eq!(mounts("bind"), "1\n");
    assert!(den
        .ok(&[
            "run",
            "--rm",
            "--image-volume",
            "tmpfs",
            "localhost/labelled",
            "grep",
            " /data ",
            "/proc/mounts"
        ])
        .starts_with("tmpfs"));
    den.fails(
        &[
            "run",
            "--rm",
            "--image-volume",
            "ignore",
            "localhost/labelled",
            "grep",
            " /data ",
            "/proc/mounts",
        ],
        1,
    );
    // --systemd always: systemd's tmpfs mounts, stop signal, container_uuid.
    let out = den.ok(&["run", "--rm", "--systemd", "always", "busybox", "sh", "-c", "for d in /run /run/lock /tmp /var/log/journal; do grep -c \" $d tmpfs\" /proc/mounts; done; echo ${#container_uuid}"]);
    assert_eq!(out, "1\n1\n1\n1\n32\n");
    den.ok(&[
        "create",
        "--name",
        "sd",
        "--systemd",
        "always",
        "busybox",
        "true",
    ]);
    assert_eq!(
        den.ok(&["inspect", "--format", "{{.Config.StopSignal}}", "sd"])
            .trim(),
        (libc::SIGRTMIN() + 3).to_string()
    );
    den.ok(&["rm", "sd"]);
    // --chrootdirs: the network's files inside the chroot too.
    assert!(den
        .ok(&[
            "run",
            "--rm",
            "--chrootdirs",
            "/jail",
            "busybox",
            "cat",
            "/jail/etc/hosts"
        ])
        .contains("localhost"));
    // -a stdout: stderr is not shown (it is still in the log).
    let out = den
        .cmd(&[
            "run",
            "--name",
            "att",
            "-a",
            "stdout",
            "busybox",
            "sh",
            "-c",
            "echo out; echo err >&2",
        ])
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "out\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(den.ok(&["logs", "att"]), "out\n");
    den.ok(&["rm", "att"]);
    // --init-ctr once: runs to its end before the pod's others, then goes.
    den.ok(&["pod", "create", "--name", "withinit"]);
    den.ok(&[
        "create",
        "--pod",
        "withinit",
        "--name",
        "setup",
        "--init-ctr",
        "once",
        "-v",
        "shared:/v",
        "busybox",
        "sh",
        "-c",
        "echo ready > /v/state",
    ]);
    den.ok(&[
        "create",
        "--pod",
        "withinit",
        "--name",
        "app",
        "-v",
        "shared:/v",
        "busybox",
        "sh",
        "-c",
        "cat /v/state; sleep 600",
    ]);
    den.ok(&["pod", "start", "withinit"]);
    den.fails(&["container", "exists", "setup"], 1);
    let t = Instant::now();
    while den.ok(&["logs", "app"]) != "ready\n" {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "app never saw the init container's work"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    den.ok(&["pod", "rm", "-f", "-t", "0", "withinit"]);
    for bad in [
        &["--image-volume", "copy"][..],
        &["--seccomp-policy", "strict"],
        &["--systemd", "maybe"],
        &["--chrootdirs", "relative"],
        &["-a", "stdsomething"],
        &["--init-ctr", "once"],
        &["--ip6", "fd00::5"],
        &["--subuidname", "someone"],
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(bad);
        args.extend(["busybox", "true"]);
        let e = den.fails(&args, 125);
        assert_eq!(e.lines().count(), 1, "{bad:?}: {e}");
    }
    nothing_left(&den);
}
