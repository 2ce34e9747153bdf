//! Quadlet (issue 17): `.container`, `.network` and `.volume` files
//! become units that systemd's own `systemd-analyze verify` accepts; the
//! generated `ExecStart=` and `ExecStop=` lines, run here as systemd
//! would run them (specifiers expanded, a real NOTIFY_SOCKET), start the
//! container with READY=1 from its supervisor and stop it within its
//! timeout; bad files are named with their line; den as
//! `den-user-generator` is the generator.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;

const WEB: &str = "[Unit]\nDescription=A web server\nAfter=other.container\n\n[Container]\nImage=busybox\nExec=sh -c 'trap \"exit 0\" TERM; mkdir -p /www; echo quadlet > /www/index.html; httpd -p 8080 -h /www; while true; do sleep 0.2; done'\nVolume=data.volume:/data\nNetwork=net.network\nEnvironment=GREETING=\"hello there\"\nLabel=app=web\nStopTimeout=5\n\n[Service]\nRestart=always\n\n[Install]\nWantedBy=default.target\n";

/// The user's quadlet directory, with these files.
fn quadlets(den: &Den, files: &[(&str, &str)]) -> PathBuf {
    let dir = den.home().join("config/containers/systemd");
    std::fs::create_dir_all(&dir).expect("quadlet dir");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    dir
}

/// The words of a unit's `Key=` line, unquoted as systemd reads them,
/// its specifiers given their values for `unit`.
fn exec_line(den: &Den, unit_text: &str, key: &str, unit: &str) -> Vec<String> {
    let line = unit_text
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key}= in {unit_text}"));
    let line = line.trim_start_matches('-');
    let stem = unit.trim_end_matches(".service");
    let runtime = den.home().join("run").display().to_string();
    let words = systemd_words(line);
    words
        .into_iter()
        .map(|w| {
            w.replace("%t", &runtime)
                .replace("%N", stem)
                .replace("%n", unit)
        })
        .collect()
}

/// Run a unit's command as systemd would: with its `Environment=` (only
/// `KEY=VALUE` words here) and, if given, a notify socket.
fn run_line(
    den: &Den,
    unit: (&str, &str),
    words: &[String],
    notify: Option<&Path>,
) -> std::process::Output {
    let mut cmd = den.command(&words[0]);
    cmd.args(&words[1..]);
    for kv in unit
        .1
        .lines()
        .filter_map(|l| l.strip_prefix("Environment="))
    {
        if let Some((k, v)) = kv.split_once('=') {
            cmd.env(k, v.replace("%n", unit.0));
        }
    }
    if let Some(n) = notify {
        cmd.env("NOTIFY_SOCKET", n);
    }
    cmd.output().expect("run the unit's command")
}

#[test]
fn quadlet_files_become_units_systemd_accepts_and_they_run() {
    let (_reg, den) = ready();
    quadlets(
        &den,
        &[
            ("web.container", WEB),
            (
                "net.network",
                "[Network]\nSubnet=10.89.41.0/24\nLabel=made=quadlet\n",
            ),
            ("data.volume", "[Volume]\nLabel=made=quadlet\n"),
        ],
    );
    let out_dir = den.home().join("generated");
    std::fs::create_dir_all(den.home().join("run")).expect("run dir");
    let out = den.output(&["quadlet", &out_dir.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out).1);
    let read = |n: &str| std::fs::read_to_string(out_dir.join(n)).expect(n);
    let web = read("web.service");
    for want in [
        "Requires=net-network.service",
        "After=data-volume.service",
        "After=other.service",
        "Type=notify",
        "NotifyAccess=all",
        "KillMode=mixed",
        "--sdnotify=conmon",
        "--cidfile=%t/%N.cid",
        "Restart=always",
    ] {
        assert!(web.contains(want), "{want}: {web}");
    }
    let link = std::fs::read_link(out_dir.join("default.target.wants/web.service")).expect("link");
    assert_eq!(link, Path::new("../web.service"));
    // systemd's own check of every unit.
    let units: Vec<String> = ["web.service", "net-network.service", "data-volume.service"]
        .iter()
        .map(|u| out_dir.join(u).display().to_string())
        .collect();
    let mut verify = den.command("systemd-analyze");
    verify.arg("verify").arg("--user").args(&units);
    let v = verify.output().expect("systemd-analyze");
    assert!(
        v.status.success() && v.stderr.is_empty(),
        "systemd-analyze verify: {}",
        text(&v).1
    );

    // What systemd would run: the network and volume units, then the
    // container's, with a notify socket.
    for (unit, text_) in [
        ("net-network.service", read("net-network.service")),
        ("data-volume.service", read("data-volume.service")),
    ] {
        let o = run_line(
            &den,
            (unit, &text_),
            &exec_line(&den, &text_, "ExecStart", unit),
            None,
        );
        assert!(o.status.success(), "{unit}: {}", text(&o).1);
        // Again: --ignore keeps what exists.
        let o = run_line(
            &den,
            (unit, &text_),
            &exec_line(&den, &text_, "ExecStart", unit),
            None,
        );
        assert!(o.status.success(), "{unit} twice: {}", text(&o).1);
    }
    assert!(den.ok(&["network", "ls"]).contains("systemd-net"));
    assert!(den.ok(&["volume", "ls"]).contains("systemd-data"));
    let sock_path = den.home().join("web.notify");
    let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).expect("notify socket");
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let start = exec_line(&den, &web, "ExecStart", "web.service");
    let o = run_line(&den, ("web.service", &web), &start, Some(&sock_path));
    assert!(o.status.success(), "ExecStart: {}", text(&o).1);
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).expect("READY in time");
    let pid = den
        .ok(&["inspect", "--format", "{{.State.ConmonPid}}", "systemd-web"])
        .trim()
        .to_string();
    assert_eq!(
        String::from_utf8_lossy(&buf[..n]),
        format!("MAINPID={pid}\nREADY=1")
    );
    // READY came with the command's exec: its shell sets its trap and
    // starts httpd just after.
    let serving = || {
        wait_for("httpd in systemd-web", || {
            den.output(&["exec", "systemd-web", "wget", "-q", "-O-", "localhost:8080"])
                .status
                .success()
        })
    };
    serving();
    assert_eq!(
        den.ok(&[
            "exec",
            "systemd-web",
            "sh",
            "-c",
            "echo $GREETING; wget -q -O- localhost:8080"
        ]),
        "hello there\nquadlet\n"
    );
    let labels = den.ok(&["inspect", "--format", "{{.Config.Labels}}", "systemd-web"]);
    assert!(
        labels.contains("PODMAN_SYSTEMD_UNIT:web.service")
            || labels.contains("PODMAN_SYSTEMD_UNIT=web.service"),
        "{labels}"
    );
    // A second start (systemd's Restart=) replaces it.
    let o = run_line(&den, ("web.service", &web), &start, Some(&sock_path));
    assert!(o.status.success(), "ExecStart again: {}", text(&o).1);
    // (A TERM before its trap is set would go unheard.)
    serving();
    // ExecStop stops it gracefully, well within its 5 s, and removes it.
    let began = Instant::now();
    let o = run_line(
        &den,
        ("web.service", &web),
        &exec_line(&den, &web, "ExecStop", "web.service"),
        None,
    );
    assert!(o.status.success(), "ExecStop: {}", text(&o).1);
    assert!(
        began.elapsed() < Duration::from_secs(4),
        "stopped by TERM, not killed: {:?}",
        began.elapsed()
    );
    let o = run_line(
        &den,
        ("web.service", &web),
        &exec_line(&den, &web, "ExecStopPost", "web.service"),
        None,
    );
    assert!(
        o.status.success(),
        "ExecStopPost with nothing left: {}",
        text(&o).1
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    den.ok(&["network", "rm", "systemd-net"]);
    den.ok(&["volume", "rm", "systemd-data"]);
}

#[test]
fn bad_quadlet_files_are_named_with_their_line_and_the_rest_generated() {
    let den = Den::new("localhost:1");
    quadlets(
        &den,
        &[
            ("good.container", "[Container]\nImage=busybox\nExec=true\n"),
            ("unknown.container", "[Container]\nImage=busybox\nBogus=1\n"),
            (
                "notyet.container",
                "[Container]\nImage=busybox\n\nShmSize=1g\n",
            ),
            (
                "badport.container",
                "[Container]\nImage=busybox\nPublishPort=notaport\n",
            ),
            ("noimage.container", "[Container]\nExec=true\n"),
            (
                "missing.container",
                "[Container]\nImage=busybox\nNetwork=nosuch.network\n",
            ),
            ("syntax.volume", "[Volume]\njunk line\n"),
            ("a.pod", "[Pod]\n"),
        ],
    );
    let out = den.output(&["quadlet", "--dryrun"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stdout.contains("---good.service---"), "{stdout}");
    let dir = den.home().join("config/containers/systemd");
    for want in [
        format!(
            "{}:3: Bogus: unsupported key",
            dir.join("unknown.container").display()
        ),
        format!(
            "{}:4: ShmSize: den has no flag",
            dir.join("notyet.container").display()
        ),
        format!(
            "{}:3: den would refuse this",
            dir.join("badport.container").display()
        ),
        format!(
            "{}: [Container] needs Image=",
            dir.join("noimage.container").display()
        ),
        format!(
            "{}:3: Network: nosuch.network is not a quadlet file",
            dir.join("missing.container").display()
        ),
        format!(
            "{}:2: \"junk line\" is not a Key=Value",
            dir.join("syntax.volume").display()
        ),
        "den makes no pods".to_string(),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("den: error: ") && l.contains(&want)),
            "{want}\n{stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), 7, "one line per bad file: {stderr}");
}

/// Called as `den-user-generator NORMAL EARLY LATE` (a link, as systemd
/// runs generators), den is `den quadlet --user NORMAL`.
#[test]
fn den_as_the_user_generator() {
    let den = Den::new("localhost:1");
    quadlets(
        &den,
        &[(
            "app.container",
            "[Container]\nImage=busybox\nExec=sleep 1\n[Install]\nWantedBy=default.target\n",
        )],
    );
    let link = den.home().join("den-user-generator");
    std::os::unix::fs::symlink(crate::support::den::den_bin(), &link).expect("link");
    let dirs: Vec<PathBuf> = ["normal", "early", "late"]
        .iter()
        .map(|d| den.home().join(d))
        .collect();
    let out = den.command(&link).args(&dirs).output().expect("generator");
    assert!(out.status.success(), "{}", text(&out).1);
    let unit = std::fs::read_to_string(dirs[0].join("app.service")).expect("unit");
    assert!(
        unit.contains("ExecStart=") && unit.contains("run --name systemd-%N"),
        "{unit}"
    );
    assert!(dirs[0].join("default.target.wants/app.service").exists());
    assert!(
        !dirs[1].exists() && !dirs[2].exists(),
        "nothing in the early and late directories"
    );
}
