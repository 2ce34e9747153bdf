//! What podman scripts rely on (issue 19): habits a script written for
//! podman has, each behaving as podman's does.

use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn a_repeated_flag_takes_its_last_value_as_podmans_do() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "-d", "--name", "first", "--name", "last", "busybox", "sleep", "600",
    ]);
    assert_eq!(den.ok(&["ps", "--format", "{{.Names}}"]), "last\n");
    // A flag given twice, bool or valued, anywhere in the groups.
    den.ok(&["container", "rm", "-f", "-f", "-t", "5", "-t", "0", "last"]);
    // Lists still gather every value.
    let out = den.ok(&[
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "B=2",
        "busybox",
        "sh",
        "-c",
        "echo $A$B",
    ]);
    assert_eq!(out, "12\n");
}

#[test]
fn real_time_signals_by_number_and_by_name() {
    let (_reg, den) = ready();
    // A shell that reports the real-time signals it gets (PID 1: only
    // the signals it has a handler for reach it).
    den.ok(&[
        "run", "-d", "--name", "sig", "busybox", "sh", "-c",
        "trap 'echo got64' 64; trap 'echo got37' 37; trap 'echo got63' 63; echo ready; while :; do sleep 0.1; done",
    ]);
    wait_for("the shell to set its traps", || {
        den.ok(&["logs", "sig"]).contains("ready")
    });
    den.ok(&["kill", "-s", "64", "sig"]);
    den.ok(&["kill", "-s", "RTMIN+3", "sig"]);
    den.ok(&["kill", "--signal", "SIGRTMAX-1", "sig"]);
    wait_for("the three signals to arrive", || {
        let logs = den.ok(&["logs", "sig"]);
        ["got64", "got37", "got63"].iter().all(|w| logs.contains(w))
    });
    // Out of range: refused, the container untouched.
    for bad in ["65", "RTMIN+31", "RTMAX-31", "RTMIN+x"] {
        den.fails(&["kill", "-s", bad, "sig"], 125);
    }
    assert_eq!(inspect(&den, "sig", "{{.State.Status}}"), "running");
    den.ok(&["rm", "-f", "-t", "0", "sig"]);
}

#[test]
fn wait_exec_d_security_opt_and_term_as_podmans() {
    let (_reg, den) = ready();
    // wait on a container that never ran returns at once, with 0.
    den.ok(&["create", "--name", "never", "busybox", "true"]);
    let started = Instant::now();
    assert_eq!(den.ok(&["wait", "never"]), "0\n");
    assert!(started.elapsed() < Duration::from_secs(5));

    // exec -d returns at once, holding none of the caller's output:
    // `$(den exec -d C sleep 30)` does not block a script.
    den.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "600"]);
    let started = Instant::now();
    assert_eq!(den.ok(&["exec", "-d", "up", "sleep", "30"]), "");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "exec -d took {:?}",
        started.elapsed()
    );

    // Docker's older KEY:VALUE spelling of --security-opt.
    let status = den.ok(&[
        "run",
        "--rm",
        "--security-opt",
        "no-new-privileges:true",
        "busybox",
        "grep",
        "NoNewPrivs",
        "/proc/self/status",
    ]);
    assert_eq!(status.split_whitespace().nth(1), Some("1"), "{status}");
    let out = run_refused(&den, &["--security-opt", "no-new-privileges:maybe"]);
    assert!(out.contains("no-new-privileges"), "{out}");

    // TERM=xterm by default, as podman sets it; the image's or the user's wins.
    let term = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend(["busybox", "sh", "-c", "echo $TERM"]);
        den.ok(&args)
    };
    assert_eq!(term(&[]), "xterm\n");
    assert_eq!(term(&["-e", "TERM=dumb"]), "dumb\n");
    assert!(inspect(&den, "up", "{{json .Config.Env}}").contains("TERM=xterm"));
    den.ok(&["rm", "-f", "-t", "0", "up", "never"]);
}

#[test]
fn latest_cidfile_rmi_ignore_and_wait_conditions() {
    let (_reg, den) = ready();
    // -l, --latest: the container made last.
    den.ok(&["create", "--name", "older", "busybox", "sleep", "600"]);
    den.ok(&["create", "--name", "newest", "busybox", "sleep", "600"]);
    assert_eq!(
        den.ok(&["start", "-l"]).trim(),
        den.ok(&["inspect", "-f", "{{.Id}}", "newest"]).trim()
    );
    assert_eq!(inspect(&den, "newest", "{{.State.Status}}"), "running");
    assert_eq!(inspect(&den, "older", "{{.State.Status}}"), "created");
    // wait --condition: -1 for a state other than stopped/exited.
    assert_eq!(
        den.ok(&["wait", "--condition", "running", "-i", "50ms", "--latest"]),
        "-1\n"
    );
    den.fails(&["wait", "--condition", "sideways", "newest"], 125);
    den.fails(&["wait", "--interval", "soon", "newest"], 125);
    // --latest beside a name is refused.
    let e = den.fails(&["stop", "-l", "older"], 125);
    assert!(e.contains("--latest and container names"), "{e}");
    // kill takes --cidfile too (as stop, rm, restart, pause).
    let cidfile = den.home().join("newest.cid");
    std::fs::write(&cidfile, den.ok(&["inspect", "-f", "{{.Id}}", "newest"])).expect("cidfile");
    den.ok(&["kill", "--cidfile", cidfile.to_str().expect("utf-8")]);
    wait_for("newest to stop", || {
        inspect(&den, "newest", "{{.State.Status}}") == "exited"
    });
    den.ok(&["rm", "--latest"]);
    assert_eq!(den.ok(&["ps", "-a", "--format", "{{.Names}}"]), "older\n");
    den.ok(&["rm", "older"]);
    den.fails(&["wait", "-l"], 125);

    // rmi --ignore: a missing image is no error; without it, it is.
    den.ok(&["rmi", "--ignore", "--no-prune", "no-such-image:1"]);
    let out = den.output(&["rmi", "no-such-image:1"]);
    assert!(!out.status.success());
}

#[test]
fn rm_statuses_and_containerenv_as_podmans() {
    let (_reg, den) = ready();
    // rm: 1 for a container that does not exist, 2 for a running one
    // without --force, 0 with --ignore.
    den.fails(&["rm", "nosuch"], 1);
    den.ok(&["rm", "--ignore", "nosuch"]);
    den.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "600"]);
    den.fails(&["rm", "up"], 2);
    den.fails(&["rm", "up", "nosuch"], 2);
    // /run/.containerenv: there and empty; for --privileged, who made it.
    assert_eq!(den.ok(&["exec", "up", "cat", "/run/.containerenv"]), "");
    let env = den.ok(&[
        "run",
        "--rm",
        "--privileged",
        "--name",
        "priv",
        "busybox",
        "cat",
        "/run/.containerenv",
    ]);
    assert!(env.starts_with("engine=\"den-"), "{env}");
    assert!(
        env.contains("name=\"priv\"\n") && env.contains("rootless=1\n"),
        "{env}"
    );
    // Not a change of the container's: diff does not list it.
    assert!(!den.ok(&["diff", "up"]).contains(".containerenv"));
    den.ok(&["rm", "-f", "-t", "0", "up"]);
}

#[test]
fn container_exists_as_podmans() {
    let (_reg, den) = ready();
    den.ok(&["create", "--name", "here", "busybox", "true"]);
    den.ok(&["container", "exists", "here"]);
    den.ok(&["container", "exists", "--external", "here"]);
    den.fails(&["container", "exists", "gone"], 1);
    den.ok(&["rm", "here"]);
    den.fails(&["container", "exists", "here"], 1);
}

#[test]
fn images_and_info_fields_scripts_read() {
    let (_reg, den) = ready();
    let out = den.ok(&[
        "images",
        "--format",
        "{{.Repository}}|{{.CreatedSince}}|{{.Dangling}}|{{.ReadOnly}}",
    ]);
    let line = out.lines().next().expect("an image");
    let f: Vec<&str> = line.split('|').collect();
    assert!(f[0].ends_with("/busybox"), "{line}");
    assert!(f[1].ends_with(" ago") || f[1].contains("now"), "{line}");
    assert_eq!(&f[2..], ["false", "false"], "{line}");
    assert_eq!(
        den.ok(&["info", "--format", "{{json .Store.GraphOptions}}"]),
        "{}\n"
    );
    assert!(den
        .ok(&["info", "--format", "{{.Store.VolumePath}}"])
        .trim()
        .ends_with("/volumes"));
}

#[test]
fn ps_sort_and_latest_on_logs_and_top() {
    let (_reg, den) = ready();
    for n in ["bravo", "alpha", "charlie"] {
        den.ok(&[
            "run",
            "-d",
            "--name",
            n,
            "busybox",
            "sh",
            "-c",
            &format!("echo {n}; sleep 600"),
        ]);
    }
    let names = |flags: &[&str]| {
        let mut args = vec!["ps", "--format", "{{.Names}}"];
        args.extend_from_slice(flags);
        den.ok(&args)
    };
    assert_eq!(names(&["--sort", "names"]), "alpha\nbravo\ncharlie\n");
    assert_eq!(names(&["--sort", "created"]), "bravo\nalpha\ncharlie\n");
    assert_eq!(
        names(&["--sort", "runningfor", "--external", "--sync"]),
        "charlie\nalpha\nbravo\n"
    );
    den.fails(&["ps", "--sort", "colour"], 125);
    // logs and top of the container made last.
    wait_for("charlie's output", || {
        den.ok(&["logs", "-l"]) == "charlie\n"
    });
    let top = den.ok(&["top", "-l", "pid", "args"]);
    assert!(top.lines().any(|l| l.contains("sleep 600")), "{top}");
    assert!(top.starts_with("PID"), "{top}");
    den.ok(&["rm", "-f", "-t", "0", "alpha", "bravo", "charlie"]);
}

#[test]
fn verbs_take_filters_and_start_its_attach_flags() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "--name", "done1", "--label", "job=a", "busybox", "true",
    ]);
    den.ok(&[
        "run", "--name", "done2", "--label", "job=b", "busybox", "true",
    ]);
    den.ok(&[
        "run", "-d", "--name", "busy", "--label", "job=a", "busybox", "sleep", "600",
    ]);
    // The habit: rm every exited container.
    let out = den.ok(&["rm", "--filter", "status=exited", "--filter", "label=job=a"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let left = den.ok(&["ps", "-a", "--sort", "names", "--format", "{{.Names}}"]);
    assert_eq!(left, "busy\ndone2\n");
    // A filter that matches nothing does nothing, successfully.
    assert_eq!(den.ok(&["stop", "--filter", "name=nothing-like-this"]), "");
    den.ok(&["pause", "--filter", "label=job=a"]);
    assert_eq!(inspect(&den, "busy", "{{.State.Status}}"), "paused");
    den.ok(&["unpause", "--filter", "label=job=a"]);
    den.fails(&["rm", "--filter", "status=exited", "busy"], 125);
    // start -a takes run's --sig-proxy and --detach-keys.
    assert_eq!(
        den.ok(&[
            "start",
            "-a",
            "--sig-proxy=false",
            "--detach-keys",
            "",
            "done2"
        ]),
        ""
    );
    den.ok(&["rm", "-f", "-t", "0", "busy", "done2"]);
}

#[test]
fn unsetenv_and_label_files() {
    let (_reg, den) = ready();
    let env = |flags: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend(["busybox", "sh", "-c", "echo ${TERM:-unset} ${A:-unset}"]);
        den.ok(&args)
    };
    assert_eq!(env(&[]), "xterm unset\n");
    assert_eq!(env(&["--unsetenv", "TERM", "-e", "A=1"]), "unset 1\n");
    assert_eq!(env(&["--unsetenv-all", "-e", "A=2"]), "unset 2\n");
    // A user's own variable is never unset by --unsetenv.
    assert_eq!(env(&["--unsetenv", "A", "-e", "A=3"]), "xterm 3\n");
    // Labels from a file, under those of --label.
    let file = den.home().join("labels");
    std::fs::write(&file, "# team labels\ntier=back\nowner=ops\n\n").expect("labels");
    let f = file.to_str().expect("utf-8");
    den.ok(&[
        "create",
        "--name",
        "lab",
        "--label-file",
        f,
        "--label",
        "tier=front",
        "busybox",
        "true",
    ]);
    assert_eq!(
        inspect(&den, "lab", "{{index .Config.Labels \"owner\"}}"),
        "ops"
    );
    assert_eq!(
        inspect(&den, "lab", "{{index .Config.Labels \"tier\"}}"),
        "front"
    );
    let e = run_refused(&den, &["--label-file", "/no/such/labels"]);
    assert!(e.contains("/no/such/labels"), "{e}");
    den.ok(&["rm", "lab"]);
}

#[test]
fn images_filters_scripts_use() {
    let (reg, den) = ready();
    // Another image (another config, so another id).
    let spec = crate::support::oci::ImageSpec {
        cmd: Some(vec!["true".into()]),
        ..busybox_spec()
    };
    crate::support::oci::push_image(&reg.addr, "other", "v1", &spec, &[busybox_gz()], false);
    den.ok(&["pull", "-q", &den.image("other:v1")]);
    let refs = |filters: &[&str]| {
        let mut args = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let mut out: Vec<String> = den
            .ok(&args)
            .lines()
            .map(|l| l.rsplit('/').next().unwrap_or(l).to_string())
            .collect();
        out.sort();
        out
    };
    assert_eq!(refs(&["reference=other"]), ["other:v1"]);
    assert_eq!(refs(&["reference=bus*"]), ["busybox:latest"]);
    assert_eq!(refs(&["dangling=false", "reference=*:v1"]), ["other:v1"]);
    // The habit: `images -f dangling=true -q` lists none here.
    assert_eq!(den.ok(&["images", "-f", "dangling=true", "-q"]), "");
    den.fails(&["images", "--filter", "colour=blue"], 125);
    den.fails(&["images", "--filter", "dangling=maybe"], 125);
}

#[test]
fn network_and_volume_rm_take_a_stop_time() {
    let (_reg, den) = ready();
    den.ok(&["network", "create", "tnet"]);
    den.ok(&["volume", "create", "tvol"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "user",
        "--network",
        "tnet",
        "-v",
        "tvol:/data",
        "busybox",
        "sleep",
        "600",
    ]);
    // In use: refused without -f.
    den.fails(&["volume", "rm", "tvol"], 2);
    assert_eq!(den.ok(&["volume", "rm", "-f", "-t", "0", "tvol"]), "tvol\n");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "user2",
        "--network",
        "tnet",
        "busybox",
        "sleep",
        "600",
    ]);
    assert_eq!(
        den.ok(&["network", "rm", "-f", "--time", "0", "tnet"]),
        "tnet\n"
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn workdir_ports_and_log_driver_fail_as_podmans() {
    let (_reg, den) = ready();
    // A --workdir that is not there: 126, nothing left behind.
    let e = den.fails(
        &["run", "--rm", "--workdir", "/nope", "busybox", "pwd"],
        126,
    );
    assert!(e.contains("workdir \"/nope\" does not exist"), "{e}");
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
    // The image's, or one a volume makes, are there.
    assert_eq!(
        den.ok(&["run", "--rm", "-w", "/tmp", "busybox", "pwd"]),
        "/tmp\n"
    );
    assert_eq!(
        den.ok(&["run", "--rm", "-v", "/data", "-w", "/data", "busybox", "pwd"]),
        "/data\n"
    );
    // A host port in use: 126, with the default network and a user one.
    let port = free_port();
    // Dual-stack where the host has IPv6 (pasta fails only when it can
    // bind the port on neither).
    let held = std::net::TcpListener::bind(("::", port))
        .or_else(|_| std::net::TcpListener::bind(("0.0.0.0", port)))
        .expect("binding a port");
    let p = format!("{port}:80");
    let e = den.fails(&["run", "--rm", "-p", &p, "busybox", "true"], 126);
    assert!(e.contains("bind"), "{e}");
    den.ok(&["network", "create", "dropin-ports"]);
    let e = den.fails(
        &[
            "run",
            "--rm",
            "--network",
            "dropin-ports",
            "-p",
            &p,
            "busybox",
            "true",
        ],
        126,
    );
    assert!(e.contains("in use"), "{e}");
    den.ok(&["network", "rm", "dropin-ports"]);
    drop(held);
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
    // journald: refused in one line, saying what to use.
    let e = den.fails(
        &["run", "--rm", "--log-driver", "journald", "busybox", "true"],
        125,
    );
    assert!(e.contains("journald") && e.contains("k8s-file"), "{e}");
}

#[test]
fn rm_keeps_a_container_others_depend_on_unless_they_go_too() {
    let (_reg, den) = ready();
    // `user` shares the network namespace of `base`.
    let pair = || {
        den.ok(&["run", "-d", "--name", "base", "busybox", "sleep", "600"]);
        let shared = ["--network", "container:base"];
        den.ok(&[
            &["run", "-d", "--name", "user"],
            &shared[..],
            &["busybox", "sleep", "600"],
        ]
        .concat());
    };
    pair();
    let e = den.fails(&["rm", "-f", "base"], 125);
    assert!(
        e.contains("dependent containers") && e.contains("user"),
        "{e}"
    );
    // Refused before anything was done: it still runs.
    assert_eq!(inspect(&den, "base", "{{.State.Status}}"), "running");
    // Both named: the dependent goes first, whatever the order given.
    den.ok(&["rm", "-f", "base", "user"]);
    pair();
    // --depend: its dependents with it.
    den.ok(&["rm", "-f", "--depend", "base"]);
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
}

#[test]
fn image_fields_and_rmi_by_digest_as_scripts_expect() {
    let (reg, den) = ready();
    den.ok(&["create", "--name", "c1", "busybox", "true"]);
    let out = den.ok(&[
        "images",
        "--format",
        "{{.Repository}}|{{.Containers}}|{{.Labels}}",
    ]);
    assert!(
        out.lines()
            .any(|l| l.ends_with("/busybox|1|<no value>") || l.ends_with("/busybox|1|map[]")),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["images", "--format", "json"])).expect("images json");
    assert_eq!(json[0]["Containers"], 1, "{json}");
    let digest = den.ok(&["images", "--format", "{{.Digest}}"]);
    let digest = digest.lines().next().expect("a digest").to_string();
    assert!(digest.starts_with("sha256:"), "{digest}");
    assert_eq!(inspect(&den, "c1", "{{.ImageDigest}}"), digest);
    den.ok(&["rm", "c1"]);
    // By digest: that reference goes, the tagged image stays.
    let by_digest = format!("{}/busybox@{digest}", reg.addr);
    den.ok(&["pull", "-q", &by_digest]);
    let out = den.ok(&["rmi", &by_digest]);
    assert!(out.contains(&format!("Untagged: {by_digest}")), "{out}");
    assert!(!out.contains("Deleted"), "{out}");
    den.ok(&["image", "exists", "busybox"]);
    assert!(!den
        .ok(&["images", "--format", "{{.RepoDigests}}"])
        .contains(&digest));
}

#[test]
fn commands_den_refuses_say_why_in_one_line() {
    let (_reg, den) = ready();
    for (args, word) in [
        (
            &["machine", "init", "--cpus", "2", "--now", "vm"][..],
            "virtual machines",
        ),
        (&["machine", "ls", "--format", "json"], "virtual machines"),
        (&["container", "checkpoint", "--leave-running", "c"], "CRIU"),
        (&["container", "restore", "-i", "x.tar.gz"], "CRIU"),
        (&["image", "sign", "--sign-by", "k", "img"], "sign"),
        (&["image", "trust", "show"], "trust"),
        (&["image", "scp", "img", "host::"], "remote"),
        (&["system", "service", "-t", "0"], "daemonless"),
        (&["system", "connection", "list"], "remote"),
        (&["system", "migrate", "--new-runtime", "crun"], "runtime"),
        (&["kube", "play", "--build", "pod.yaml"], "den build"),
        (&["image", "mount", "--all"], "den unshare"),
        (&["run", "--rootfs", "/tmp", "true"], "den import"),
        (&["build", "--squash-all", "."], "--squash"),
        (&["build", "--stdin", "."], "stdin"),
        (&["build", "--build-context", "x=/tmp", "."], "COPY --from"),
        (&["build", "--annotation", "a=b", "."], "--label a=b"),
        (&["exec", "--detach-keys", "ctrl-a", "c", "true"], "exec -d"),
    ] {
        let e = den.fails(args, 125);
        assert!(
            e.starts_with("den: error: ") && e.lines().count() == 1,
            "{args:?}: {e}"
        );
        assert!(e.contains(word), "{args:?}: {e}");
    }
    // Nothing to renumber: done, silently, as podman's.
    assert_eq!(den.ok(&["system", "renumber"]), "");
    // A local volume is where it always is: mount prints where, unmount
    // and reload have nothing to do.
    den.ok(&["volume", "create", "v"]);
    let at = den.ok(&["volume", "mount", "v"]);
    assert_eq!(at.trim(), inspect(&den, "v", "{{.Mountpoint}}"));
    den.ok(&["volume", "unmount", "v"]);
    assert_eq!(den.ok(&["volume", "reload"]), "");
    den.ok(&[
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "t",
    ]);
    let e = den.fails(&["volume", "mount", "t"], 125);
    assert!(e.contains("afresh in each container"), "{e}");
    // untag: the names go, the image stays.
    den.ok(&["tag", "busybox", "a/b:1", "c/d:2"]);
    den.ok(&["untag", "busybox", "a/b:1"]);
    let names = den.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(!names.contains("a/b") && names.contains("c/d:2"), "{names}");
    let e = den.fails(&["untag", "busybox", "nope:1"], 125);
    assert!(e.contains("not a name of image"), "{e}");
    den.ok(&["image", "untag", "c/d:2"]);
    assert!(den.ok(&["images", "-a", "-q"]).lines().count() >= 1);
    assert!(!den.ok(&["images"]).contains("c/d"));
    // help, as podman's.
    assert!(den.ok(&["help", "ps"]).contains("Usage: den ps"));
}

#[test]
fn latest_is_the_container_made_last_for_every_command() {
    let (_reg, den) = ready();
    den.ok(&["run", "-d", "--name", "older", "busybox", "sleep", "600"]);
    let port = free_port();
    let publish = format!("{port}:80");
    den.ok(&[
        "run", "-d", "--name", "newest", "-p", &publish, "busybox", "sleep", "600",
    ]);
    assert_eq!(
        den.ok(&["inspect", "-l", "--format", "{{.Name}}"]),
        "newest\n"
    );
    assert_eq!(
        den.ok(&["container", "inspect", "--latest", "--format", "{{.Name}}"]),
        "newest\n"
    );
    // exec -l: every word is the command's.
    den.ok(&["exec", "-l", "sh", "-c", "echo x > /made-by-exec"]);
    assert!(den.ok(&["diff", "-l"]).contains("/made-by-exec"));
    assert!(den
        .ok(&["port", "-l"])
        .contains(&format!("80/tcp -> 0.0.0.0:{port}")));
    assert_eq!(den.ok(&["port", "-l", "80"]), format!("0.0.0.0:{port}\n"));
    // A name and --latest together is a mistake.
    den.fails(&["inspect", "-l", "older"], 125);
    // exec --preserve-fds: the caller's descriptor 3, as 3.
    let file = den.dir.path().join("fd3");
    std::fs::write(&file, "via fd 3\n").expect("write");
    let script = format!(
        "exec 3<'{}'; exec \"$0\" exec --preserve-fds 1 newest cat /proc/self/fd/3",
        file.display()
    );
    let out = den
        .command("sh")
        .args(["-c", &script, den_bin().to_str().expect("utf-8")])
        .output()
        .expect("sh");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "via fd 3\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e = den.fails(&["exec", "--preserve-fds", "40", "newest", "true"], 125);
    assert!(e.contains("not open"), "{e}");
    den.ok(&["rm", "-f", "-t", "0", "older", "newest"]);
}

#[test]
fn unshare_joins_the_user_networks_namespace() {
    let (_reg, den) = ready();
    den.ok(&["network", "create", "un-net"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "onnet",
        "--network",
        "un-net",
        "busybox",
        "sleep",
        "600",
    ]);
    let own = den.ok(&["unshare", "readlink", "/proc/self/ns/net"]);
    let shared = den.ok(&[
        "unshare",
        "--rootless-netns",
        "readlink",
        "/proc/self/ns/net",
    ]);
    assert_ne!(own, shared);
    // The command's status is den's.
    den.fails(&["unshare", "--rootless-netns", "sh", "-c", "exit 3"], 3);
    den.ok(&["rm", "-f", "-t", "0", "onnet"]);
}

#[test]
fn runlabel_cleanup_generate_spec_and_network_options() {
    let (_reg, den) = ready();
    // runlabel: the image's command, IMAGE and NAME filled in, podman as den.
    let dir = crate::build::context(
        &den,
        "labelled",
        &[(
            "Containerfile",
            "FROM busybox\nLABEL RUN=\"podman run --name NAME IMAGE echo from-label\"\n",
        )],
    );
    crate::build::build_ok(&den, &dir, &["-q", "-t", "localhost/withrun"]);
    let shown = den.ok(&[
        "container",
        "runlabel",
        "--display",
        "RUN",
        "localhost/withrun",
    ]);
    assert!(
        shown.contains("run --name withrun localhost/withrun:latest echo from-label"),
        "{shown}"
    );
    let out = den.ok(&[
        "container",
        "runlabel",
        "-q",
        "--name",
        "labelled-run",
        "RUN",
        "localhost/withrun",
    ]);
    assert_eq!(out, "from-label\n");
    den.ok(&["container", "exists", "labelled-run"]);
    den.fails(
        &["container", "runlabel", "INSTALL", "localhost/withrun"],
        125,
    );
    // cleanup --rm: a stopped container goes; a running one stays.
    den.ok(&["run", "-d", "--name", "up", "busybox", "sleep", "600"]);
    den.ok(&["container", "cleanup", "--rm", "labelled-run"]);
    den.fails(&["container", "exists", "labelled-run"], 1);
    den.ok(&["container", "cleanup", "--all"]);
    den.ok(&["container", "exists", "up"]);
    // generate spec: the spec that makes the container again (create --spec).
    den.ok(&[
        "create", "--name", "specced", "-e", "X=42", "busybox", "sh", "-c", "echo $X",
    ]);
    let file = den.dir.path().join("spec.json");
    den.ok(&[
        "generate",
        "spec",
        "-f",
        file.to_str().expect("utf-8"),
        "specced",
    ]);
    let again = den.ok(&["create", "--spec", file.to_str().expect("utf-8")]);
    den.ok(&["start", "-a", again.trim()]);
    assert_eq!(den.ok(&["logs", again.trim()]), "42\n");
    let compact = den.ok(&["generate", "spec", "--compact", "--name=false", "specced"]);
    assert_eq!(compact.lines().count(), 1);
    assert!(compact.contains("\"name\":\"specced\""), "{compact}");
    // network create --ip-range: addresses from that part of the subnet.
    den.ok(&[
        "network",
        "create",
        "--subnet",
        "10.89.77.0/24",
        "--ip-range",
        "10.89.77.128/25",
        "ranged",
    ]);
    let ip = den.ok(&[
        "run",
        "--rm",
        "--network",
        "ranged",
        "busybox",
        "sh",
        "-c",
        "ip -4 -o addr show eth0 | awk '{print $4}'",
    ]);
    assert!(ip.starts_with("10.89.77.129/"), "{ip}");
    for bad in [
        &["network", "create", "--ipv6", "v6"][..],
        &["network", "create", "--opt", "mtu=1400", "o"],
        &["network", "create", "--ipam-driver", "dhcp", "d"],
        &[
            "network",
            "create",
            "--subnet",
            "10.89.78.0/24",
            "--ip-range",
            "10.90.0.0/24",
            "r",
        ],
        &["network", "connect", "--ip6", "fd00::2", "ranged", "up"],
    ] {
        den.fails(bad, 125);
    }
    // network reload: nothing of den's to restore in a firewall; the
    // running containers are named.
    let reloaded = den.ok(&["network", "reload", "--all"]);
    let id = den.ok(&["inspect", "--format", "{{.Id}}", "up"]);
    assert_eq!(reloaded, id);
    den.ok(&["rm", "-f", "-t", "0", "up", "specced", again.trim()]);
}
