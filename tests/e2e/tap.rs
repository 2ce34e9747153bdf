//! The default network's namespace configured by den, which hands pasta
//! its tap device (`network/nsconf.rs`), checked against pasta's own
//! configuration of the same namespace.

use std::time::Duration;

use crate::common::*;

/// Whether the installed pasta lets den configure the namespace: it takes
/// a device (`--fd`) and has no `--map-guest-addr` (so den chooses the
/// container's addresses), as Debian 12's.
fn den_configures() -> bool {
    let help = std::process::Command::new("pasta")
        .arg("--help")
        .output()
        .map(|o| {
            let mut t = String::from_utf8_lossy(&o.stdout).into_owned();
            t.push_str(&String::from_utf8_lossy(&o.stderr));
            t
        })
        .unwrap_or_default();
    help.contains("--fd") && !help.contains("--map-guest-addr")
}

/// The interface's MTU, its addresses (without the kernel's link-local
/// one) and the routes, as `ip` prints them in a container: what pasta's
/// `--config-net` would have made.
const SHOW: &str = "ip -o link show eth0 | grep -o 'mtu [0-9]*'; ip -o addr show eth0 | grep -v 'scope link' | awk '{print $3, $4}'; ip route; ip -6 route | grep -v '^fe80::/64' | grep -v '^multicast'";

#[test]
fn den_configures_the_default_network_as_pasta_would_and_hands_pasta_its_device() {
    let (_reg, den) = ready();
    let ours = den.output(&[
        "--log-level",
        "debug",
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        SHOW,
    ]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&ours.stdout).into_owned(),
        String::from_utf8_lossy(&ours.stderr).into_owned(),
    );
    assert!(ours.status.success(), "{stdout}\n{stderr}");
    if !den_configures() {
        // A newer pasta: it configures the namespace, as before.
        assert!(!stderr.contains("routed by den"), "{stderr}");
        return;
    }
    assert!(stderr.contains("network: routed by den"), "{stderr}");
    // A MAC address of the user's is pasta's to set: pasta then
    // configures the namespace itself, with the same addresses.
    let theirs = den.ok(&[
        "--log-level",
        "debug",
        "run",
        "--rm",
        "--mac-address",
        "02:00:00:0a:0b:0c",
        "busybox",
        "sh",
        "-c",
        SHOW,
    ]);
    assert_eq!(
        stdout.trim(),
        theirs.trim(),
        "den's configuration against pasta's"
    );
    assert!(stdout.contains("mtu 65520"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("inet ")), "{stdout}");
    assert!(stdout.contains("default via"), "{stdout}");
    // pasta was handed the device and configures nothing; the host is
    // reached through it.
    let port = host_server();
    let id = den.ok(&["run", "-d", "busybox", "sleep", "60"]);
    let id = id.trim();
    // One pasta for the container. A clone of its own (its NS_CALL: the
    // same memory, so the same command line) may run in the namespace
    // for a moment, while it starts and later: waited out, and the look
    // that saw one alone is the one checked.
    let pastas = || -> Vec<String> {
        user_processes()
            .into_iter()
            .filter(|(_, a)| a.contains("pasta") && a.contains(&id[..12]))
            .map(|(_, a)| a)
            .collect()
    };
    let mut pasta = Vec::new();
    wait_for("one pasta for the container", || {
        pasta = pastas();
        pasta.len() == 1
    });
    assert_eq!(pasta.len(), 1, "{pasta:?}");
    assert!(
        pasta[0].contains(" --fd ") && !pasta[0].contains("--config-net"),
        "{}",
        pasta[0]
    );
    let got = den.ok(&[
        "exec",
        id,
        "wget",
        "-q",
        "-O",
        "-",
        &format!("http://host.containers.internal:{port}/"),
    ]);
    assert_eq!(got, "fromhost");
    den.ok(&["rm", "-f", "-t", "0", id]);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let left = || {
        user_processes()
            .into_iter()
            .filter(|(_, a)| a.contains("pasta") && a.contains(&id[..12]))
            .count()
    };
    while left() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(left(), 0, "pasta outlived its container");
}

/// A pasta (a stand-in on PATH) that takes a device but fails at once:
/// the command may have started by then (den configured its namespace),
/// so the failure is reported on the container's stderr (the device,
/// whose last holder pasta was, is gone with it), and nothing is left
/// behind.
#[test]
fn a_pasta_handed_the_device_that_fails_is_reported_and_leaves_nothing() {
    let (_reg, den) = ready();
    let bin = den.home().join("tapbin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let fake = bin.join("pasta");
    std::fs::write(
        &fake,
        "#!/bin/sh\nif [ \"$1\" = --help ]; then echo '  -F, --fd FD  Use FD as pre-opened connected socket'; exit 0; fi\necho 'no device for you' >&2\nexit 3\n",
    )
    .expect("write");
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = den.cmd(&["run", "--rm", "busybox", "sh", "-c", "echo ran; sleep 1"]);
    cmd.env("PATH", &path);
    let out = crate::support::bounded::output_within(
        &mut cmd,
        crate::support::bounded::COMMAND_LIMIT,
        "den run with a stand-in pasta that fails",
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout, "ran\n", "{stderr}");
    assert!(
        stderr.contains("den: warning: the network helper (pasta) exited with status 3"),
        "{stderr}"
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "", "the --rm container stayed");
    assert!(
        user_processes()
            .iter()
            .all(|(_, a)| !a.contains("sleep 1") && !a.contains("den-supervise")),
        "{:?}",
        user_processes()
    );
}
