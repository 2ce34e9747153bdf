//! The spare network namespace (src/network/spare.rs), asked for in den's
//! config file: a start with the default network leaves one, pasta
//! attached, and the next such start takes it instead of waiting for a
//! pasta of its own. A spare that is
//! broken, or made for other settings, is not taken; nothing of it
//! outlives its record.

use std::path::PathBuf;

use crate::common::*;

fn record_path(den: &Den) -> PathBuf {
    den.home().join("run/den/spare-net/spare.json")
}

/// The spare's record, once its holder has written it and let go of the
/// lock (which it holds a moment longer: a start that finds it held
/// does not wait, and makes its own network).
fn spare(den: &Den) -> serde_json::Value {
    let path = record_path(den);
    let mut record = serde_json::Value::Null;
    wait_for("a spare network namespace", || {
        record = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null);
        !record.is_null()
    });
    wait_for_lock(&path.with_file_name("spare.lock"));
    record
}

/// Wait until no process holds the lock file `path`.
fn wait_for_lock(path: &std::path::Path) {
    use rustix::fs::{flock, FlockOperation};
    let file = std::fs::File::open(path).expect("the spares' lock");
    wait_for("the spares' lock to be free", || {
        flock(&file, FlockOperation::NonBlockingLockExclusive).is_ok()
    });
    let _ = flock(&file, FlockOperation::Unlock);
}

/// The spare made after the one whose holder was `after`.
fn next_spare(den: &Den, after: u32) -> serde_json::Value {
    let mut record = serde_json::Value::Null;
    wait_for("a new spare network namespace", || {
        record = std::fs::read_to_string(record_path(den))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null);
        !record.is_null() && pid(&record, "holder") != after
    });
    wait_for_lock(&record_path(den).with_file_name("spare.lock"));
    record
}

fn pid(record: &serde_json::Value, who: &str) -> u32 {
    record[who]["pid"].as_u64().expect("a pid") as u32
}

/// Whether `pid` runs (a zombie waiting for init does not count).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        let state = s.rsplit_once(") ").map(|(_, r)| r.chars().next());
        !matches!(state, Some(Some('Z' | 'X')) | None)
    })
}

fn kill(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status();
}

/// `den --log-level debug run --rm ARGS`: stdout, and whether the start
/// took the spare.
fn run(den: &Den, args: &[&str]) -> (String, bool) {
    let mut all = vec!["--log-level", "debug", "run", "--rm"];
    all.extend(args);
    let out = den.output(&all);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{args:?}: {stderr}");
    (stdout, stderr.contains("took the spare network namespace"))
}

const NET: &str = "readlink /proc/self/ns/net; ip -4 addr show eth0; ip route";

#[test]
fn a_default_network_start_takes_the_spare_the_last_one_left() {
    let (_reg, den) = ready();
    // Off by default: a start leaves nothing behind.
    run(&den, &["busybox", "true"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!record_path(&den).exists(), "a spare made without asking");
    with_spares(&den);
    let (first, took) = run(&den, &["busybox", "readlink", "/proc/self/ns/net"]);
    assert!(!took, "no spare before the first start");
    let r1 = spare(&den);
    let (holder, pasta) = (pid(&r1, "holder"), pid(&r1, "pasta"));
    assert!(alive(holder) && alive(pasta), "{r1}");

    // The next start joins it, connected: an address and a route out, and
    // a namespace of its own (not the first container's). It is still
    // connected once its start has left the next spare: the making of a
    // spare stops the pastas of holders that died, never a claimed one.
    let dir = record_path(&den);
    let dir = dir.parent().expect("the spares' directory");
    let volume = format!("{}:/spare:ro", dir.display());
    let script = format!(
        "{NET}; i=0; while [ ! -e /spare/spare.json ] && [ $i -lt 400 ]; \
         do sleep 0.05; i=$((i+1)); done; echo next spare; sleep 0.2; {NET}"
    );
    let (out, took) = run(&den, &["-v", &volume, "busybox", "sh", "-c", &script]);
    assert!(took, "{out}");
    let (at_start, later) = out.split_once("next spare").expect("the marker");
    for net in [at_start, later] {
        assert!(
            net.contains("inet ") && net.contains("default via"),
            "{out}"
        );
    }
    assert_ne!(out.lines().next(), first.lines().next(), "{out}");
    // Its pasta went with the container, its holder with the claim; the
    // start left the next spare.
    wait_for("the claimed pasta to stop with its container", || {
        !alive(pasta)
    });
    wait_for("the claimed spare's holder to go", || !alive(holder));
    let r2 = next_spare(&den, holder);

    // A published port: pasta of its own; the spare waits on.
    let port = free_port().to_string();
    let (_, took) = run(&den, &["-p", &format!("{port}:80"), "busybox", "true"]);
    assert!(!took);
    assert_eq!(spare(&den)["holder"], r2["holder"]);

    // A spare whose pasta was killed is not taken: the start connects its
    // own, and the broken spare's holder is stopped.
    kill(pid(&r2, "pasta"));
    // (Dying takes pasta some 30 ms: one that dies after the claim is a
    // helper lost while its container runs, which inspect reports.)
    wait_for("the spare's pasta to die", || !alive(pid(&r2, "pasta")));
    let (out, took) = run(&den, &["busybox", "sh", "-c", NET]);
    assert!(!took, "a spare without its pasta was taken");
    assert!(
        out.contains("inet ") && out.contains("default via"),
        "{out}"
    );
    wait_for("the broken spare's holder to go", || {
        !alive(pid(&r2, "holder"))
    });

    // A holder that was killed (its keeper dies with it) leaves its pasta:
    // the next start stops that pasta and makes its own network.
    let r3 = next_spare(&den, pid(&r2, "holder"));
    kill(pid(&r3, "holder"));
    wait_for("the keeper to die with its holder", || {
        !alive(pid(&r3, "keeper"))
    });
    let (out, took) = run(&den, &["busybox", "sh", "-c", NET]);
    assert!(!took);
    assert!(out.contains("inet "), "{out}");
    wait_for("the dead holder's pasta to be stopped", || {
        !alive(pid(&r3, "pasta"))
    });

    // `system migrate` ends den's user namespace, and the spare made in it.
    let r4 = next_spare(&den, pid(&r3, "holder"));
    den.ok(&["system", "migrate"]);
    for who in ["holder", "keeper", "pasta"] {
        wait_for(&format!("migrate to stop the spare's {who}"), || {
            !alive(pid(&r4, who))
        });
    }
    assert!(!record_path(&den).exists());
}

/// A den whose config asks for spares.
fn with_spares(den: &Den) {
    let conf = den.home().join("config/den/den.conf");
    std::fs::create_dir_all(conf.parent().expect("dir")).expect("mkdir");
    std::fs::write(&conf, "[network]\nspare = true\n").expect("den.conf");
}

#[test]
fn a_spare_dies_with_dens_state_even_while_it_is_being_made() {
    // Removed at once after a start (as `rm -rf` of den's directories
    // does), and removed after the spare is ready: no holder and no pasta
    // of it outlive the runtime directory.
    for settle in [0, 500] {
        let (_reg, den) = ready();
        with_spares(&den);
        let home = den.home().display().to_string();
        // This den's: pasta names its pid file under the home, the holder
        // and keeper have the home in their environment.
        let ours = |pid: u32, args: &str| {
            args.contains(&home)
                || std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|e| {
                    e.split(|b| *b == 0)
                        .any(|v| v == format!("HOME={home}").as_bytes())
                })
        };
        run(&den, &["busybox", "true"]);
        std::thread::sleep(std::time::Duration::from_millis(settle));
        drop(den);
        wait_for("the spare's processes to end with den's state", || {
            !user_processes().iter().any(|(pid, args)| ours(*pid, args))
        });
    }
}
