//! `cargo bench --bench run-latency` (as an unprivileged user with
//! subordinate ids; `benches/run-latency` does the set-up as root):
//! times `den run --rm busybox true` (no network, the default network and
//! others), `exec C true`, `ps -a` with 100 containers, a script loop of
//! `create` + `start` + `rm` for 100 containers, and the pull of a large
//! image from a local registry; the same with podman when it is
//! installed; the kernel's floor for the same namespaces (`unshare
//! -Urmpfin --uts true`), and crun alone (the OCI runtime podman uses)
//! on a busybox rootfs directory. Prints medians, ratios, and issue 18's
//! targets.

#[path = "../tests/support/mod.rs"]
mod support;

mod common;

use std::process::Command;
use std::time::Duration;

use common::{baseline_bin, compare_builds, median, ms, repeat, time, Podman};

use support::den::{den_bin, push_busybox, push_large, Den};
use support::registry::Registry;

const RUNS: usize = 40;
/// Files the disk probe makes and frees (see `file_cost`'s caller).
const DISK_PROBES: usize = 20;
const PULLS: usize = 3;
const EXECS: usize = 40;
const CONTAINERS: usize = 100;
const PS_RUNS: usize = 20;

fn bench_run(name: &str, what: &str, mut make: impl FnMut() -> Command) -> Option<Duration> {
    let _ = time(make()); // warm the page cache
    let mut times = Vec::new();
    for _ in 0..RUNS {
        match time(make()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{name}: run failed: {e}");
                return None;
            }
        }
    }
    let m = median(times.clone());
    times.sort();
    println!(
        "{name:8} run --rm {what} busybox true: median {:.1} ms (min {:.1}, max {:.1}, n={RUNS})",
        ms(m),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    Some(m)
}

/// The OCI runtime podman uses, alone, when it is installed: `crun run`
/// of a busybox rootfs directory with the spec `crun spec --rootless`
/// writes (the user's own id the only one mapped, no seccomp filter, no
/// cgroup, no image store, nothing recorded), so that den's whole command
/// can be read against what a runtime in C takes for less.
fn crun_alone(den: &Den) {
    let Some(crun) = ["/usr/bin/crun", "/usr/local/bin/crun"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        println!("crun is not installed: no figure for the OCI runtime alone");
        return;
    };
    // Its bundle and state on a tmpfs where there is one: crun's files,
    // made and freed at each run, are not ones den's runs measured next
    // have to look past (see the disk probe in `main`).
    let shm = tempfile::tempdir_in("/dev/shm").ok();
    let place = shm.as_ref().map_or(den.home(), |d| d.path());
    let bundle = place.join("crun-bundle");
    let rootfs = bundle.join("rootfs");
    let made = (|| -> Result<(), String> {
        std::fs::create_dir_all(&rootfs).map_err(|e| e.to_string())?;
        let mut tar = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(&rootfs)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(
            tar.stdin.as_mut().ok_or("no stdin")?,
            support::den::busybox_tar(),
        )
        .map_err(|e| e.to_string())?;
        drop(tar.stdin.take());
        if !tar.wait().map_err(|e| e.to_string())?.success() {
            return Err("tar could not unpack busybox".into());
        }
        let spec = Command::new(crun)
            .args(["spec", "--rootless"])
            .current_dir(&bundle)
            .output()
            .map_err(|e| e.to_string())?;
        if !spec.status.success() {
            return Err(String::from_utf8_lossy(&spec.stderr).into_owned());
        }
        let path = bundle.join("config.json");
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let mut config: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| e.to_string())?;
        config["process"]["args"] = serde_json::json!(["true"]);
        config["process"]["terminal"] = serde_json::json!(false);
        std::fs::write(&path, config.to_string()).map_err(|e| e.to_string())
    })();
    if let Err(e) = made {
        println!("crun: no bundle ({e})");
        return;
    }
    let state = place.join("crun-state");
    let runs = repeat(RUNS, || {
        let mut c = Command::new(crun);
        c.arg("--root")
            .arg(&state)
            .args(["--cgroup-manager=disabled", "run", "--bundle"])
            .arg(&bundle)
            .arg("bench-crun");
        c
    });
    match runs {
        Ok(t) => println!(
            "crun     run of busybox true, the OCI runtime alone (a rootfs directory, one mapped id, no seccomp filter, nothing recorded): median {:.1} ms (n={RUNS})",
            ms(median(t))
        ),
        Err(e) => println!("crun: run failed: {e}"),
    }
    let _ = std::fs::remove_dir_all(&bundle);
}

fn bench_pull(
    name: &str,
    mut pull: impl FnMut() -> Command,
    mut clean: impl FnMut(),
) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..PULLS {
        clean();
        match time(pull()) {
            Ok(t) => times.push(t),
            Err(e) => {
                println!("{name}: pull failed: {e}");
                return None;
            }
        }
    }
    let m = median(times);
    println!(
        "{name:8} pull of a 9-layer 128 MiB image: median {:.0} ms (n={PULLS})",
        ms(m)
    );
    Some(m)
}

/// The figures issue 18 sets targets for, beyond `run`: `exec C true`,
/// `ps -a` with 100 containers, and 100 rounds of `create` + `start` +
/// `rm -f` in all. `None` where a command failed (said on stdout).
fn lifecycle(name: &str, image: &str, cmd: &dyn Fn(&[&str]) -> Command) -> [Option<Duration>; 3] {
    let say = |what: &str, r: Result<Duration, String>| match r {
        Ok(t) => {
            println!("{name:8} {what}: {:.1} ms", ms(t));
            Some(t)
        }
        Err(e) => {
            println!("{name:8} {what}: failed: {e}");
            None
        }
    };
    let exec = time(cmd(&[
        "run",
        "-d",
        "--name",
        "bench-exec",
        image,
        "sleep",
        "600",
    ]))
    .and_then(|_| repeat(EXECS, || cmd(&["exec", "bench-exec", "true"])).map(median));
    let exec = say(&format!("exec C true, median of {EXECS}"), exec);
    let _ = cmd(&["rm", "-f", "-t", "0", "bench-exec"]).output();
    let rounds = (|| {
        let start = std::time::Instant::now();
        for i in 0..CONTAINERS {
            let n = format!("bench-loop-{i}");
            time(cmd(&["create", "--name", &n, image, "true"]))?;
            time(cmd(&["start", &n]))?;
            time(cmd(&["rm", "-f", &n]))?;
        }
        Ok(start.elapsed())
    })();
    let rounds = say(
        &format!("create + start + rm -f, {CONTAINERS} rounds in all"),
        rounds,
    );
    // The same without a network helper (pasta's start is most of a
    // round above): what is the tool's own.
    let none = (|| {
        let start = std::time::Instant::now();
        for i in 0..CONTAINERS {
            let n = format!("bench-none-{i}");
            time(cmd(&[
                "create",
                "--network",
                "none",
                "--name",
                &n,
                image,
                "true",
            ]))?;
            time(cmd(&["start", &n]))?;
            time(cmd(&["rm", "-f", &n]))?;
        }
        Ok(start.elapsed())
    })();
    say(
        &format!("create --network none + start + rm -f, {CONTAINERS} rounds in all"),
        none,
    );
    let ps = (|| {
        for i in 0..CONTAINERS {
            time(cmd(&[
                "create",
                "--name",
                &format!("bench-ps-{i}"),
                image,
                "true",
            ]))?;
        }
        repeat(PS_RUNS, || cmd(&["ps", "-a"])).map(median)
    })();
    let ps = say(
        &format!("ps -a with {CONTAINERS} containers, median of {PS_RUNS}"),
        ps,
    );
    let _ = cmd(&["rm", "-f", "--all"]).output();
    [exec, ps, rounds]
}

/// One line per target: den's figure, podman's, the target, and whether
/// den meets it.
fn targets(den: &[Option<Duration>], podman: &[Option<Duration>], floor: Option<Duration>) {
    let names = [
        ("run --rm --network none busybox true", 5.0),
        ("run --rm busybox true (default network)", 20.0),
        ("exec C true", 3.0),
        ("ps -a with 100 containers", 4.0),
        ("create + start + rm, 100 rounds in all", 1000.0),
    ];
    println!("\nissue 18's targets (ms):");
    for (i, (what, target)) in names.iter().enumerate() {
        let show = |d: Option<&Option<Duration>>| match d {
            Some(Some(t)) => format!("{:.1}", ms(*t)),
            _ => "-".into(),
        };
        let met = match den.get(i) {
            Some(Some(t)) if ms(*t) <= *target => "met",
            Some(Some(_)) => "NOT met",
            _ => "not measured",
        };
        println!(
            "  {what:42} den {:>7}  podman {:>7}  target {target:>6}  {met}",
            show(den.get(i)),
            show(podman.get(i))
        );
    }
    if let Some(f) = floor {
        println!(
            "  the kernel's floor (unshare -Urmpfin --uts true): {:.1} ms",
            ms(f)
        );
    }
}

/// The median cost of making and removing an empty file in `dir`, in µs.
fn file_cost(dir: &std::path::Path, n: usize) -> Option<f64> {
    let path = dir.join(".bench-file");
    // One an interrupted run left.
    let _ = std::fs::remove_file(&path);
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let start = std::time::Instant::now();
        std::fs::File::create_new(&path).ok()?;
        std::fs::remove_file(&path).ok()?;
        took.push(start.elapsed());
    }
    Some(median(took).as_secs_f64() * 1e6)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a listing
    }
    support::den::require_rootless();
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    push_large(&reg, "large");
    let den = Den::new(&reg.addr);
    let busybox = format!("{}/busybox:latest", reg.addr);
    let large = format!("{}/large:latest", reg.addr);
    den.ok(&["pull", "-q", &busybox]);
    println!("den: {}", support::den::den_bin().display());
    // The same namespaces with nothing else: what no runtime can beat.
    let floor = repeat(RUNS, || {
        let mut c = Command::new("unshare");
        c.args(["-Urmpfin", "--uts", "true"]);
        c
    })
    .map(median)
    .map_err(|e| println!("unshare -Urmpfin --uts true failed: {e}"))
    .ok();
    if let Some(f) = floor {
        println!(
            "floor    unshare -Urmpfin --uts true: median {:.1} ms (n={RUNS})",
            ms(f)
        );
    }

    // The disk den's records are on, as it is now: on a journal-less
    // ext4 (these machines') a new inode is found past every one freed
    // in the last minutes, and a run makes about twenty; a minute of
    // churn (a test suite, podman's runs) made the same den 40% slower.
    // A few files only: each one this makes and frees is one more that
    // every run measured next looks past (200 of them made the run after
    // 1 ms slower).
    if let Some(us) = file_cost(&den.data(), DISK_PROBES) {
        println!(
            "disk     a file made and removed in den's data directory: median {us:.1} us (n={DISK_PROBES})"
        );
    }

    crun_alone(&den);

    let den_run = bench_run("den", "--network none", || {
        den.cmd(&["run", "--rm", "--network", "none", &busybox, "true"])
    });
    // Before and after a change: the same run with another den binary.
    if let Some(base) = baseline_bin() {
        let args = ["run", "--rm", "--network", "none", &busybox, "true"];
        compare_builds(
            "den      run --rm --network none busybox true",
            RUNS * 2,
            &base,
            &den_bin(),
            &args,
            |bin| den.command(bin),
        );
    }
    // den as the Debian package installs it (root's file, which needs no
    // sealed copy: the supervisor is a fork of the command, no exec).
    if let Some(packaged) = std::env::var_os("DEN_PACKAGED_BIN") {
        bench_run("den", "--network none (packaged den)", || {
            let mut c = den.command(std::path::Path::new(&packaged));
            c.args(["run", "--rm", "--network", "none", &busybox, "true"]);
            c
        });
    }
    // What the seccomp filter costs: the same run without it.
    bench_run(
        "den",
        "--network none --security-opt seccomp=unconfined",
        || {
            den.cmd(&[
                "run",
                "--rm",
                "--network",
                "none",
                "--security-opt",
                "seccomp=unconfined",
                &busybox,
                "true",
            ])
        },
    );
    // The default network (pasta here), and slirp4netns.
    let den_net = bench_run("den", "(default network)", || {
        den.cmd(&["run", "--rm", &busybox, "true"])
    });
    // With spares asked for in den's config (`[network] spare = true`),
    // runs apart, as typed in a shell: each finds ready the network
    // namespace the one before left (src/network/spare.rs). Back to back,
    // the next spare is still being made when the next run starts.
    let conf = den.home().join("config/den/den.conf");
    let _ = std::fs::create_dir_all(conf.parent().unwrap_or(den.home()));
    let _ = std::fs::write(&conf, "[network]\nspare = true\n");
    bench_run("den", "(default network, spares, back to back)", || {
        den.cmd(&["run", "--rm", &busybox, "true"])
    });
    bench_run("den", "(default network, spares, runs 0.2 s apart)", || {
        std::thread::sleep(Duration::from_millis(200));
        den.cmd(&["run", "--rm", &busybox, "true"])
    });
    let _ = std::fs::remove_file(&conf);
    den.ok(&["system", "migrate"]);
    bench_run("den", "--network slirp4netns", || {
        den.cmd(&["run", "--rm", "--network", "slirp4netns", &busybox, "true"])
    });
    // A user-defined network, with another container on it holding the
    // shared namespace (as when a stack of containers runs).
    den.ok(&["network", "create", "benchnet"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "anchor",
        "--network",
        "benchnet",
        &busybox,
        "sleep",
        "600",
    ]);
    bench_run("den", "--network benchnet (user-defined)", || {
        den.cmd(&["run", "--rm", "--network", "benchnet", &busybox, "true"])
    });
    den.ok(&["rm", "-f", "anchor"]);
    let den_life = lifecycle("den", &busybox, &|a| den.cmd(a));
    let den_pull = bench_pull(
        "den",
        || den.cmd(&["pull", "-q", &large]),
        || {
            let _ = den.output(&["rmi", "-f", &large]);
        },
    );

    let podman = Podman::find(&reg.addr);
    let (pod_run, pod_net, pod_pull, pod_life) = match &podman {
        None => {
            println!("podman is not installed: no side-by-side figures");
            (None, None, None, [None; 3])
        }
        Some(p) => {
            let _ = p.cmd(&["pull", "-q", &busybox]).output();
            let r = bench_run("podman", "--network none", || {
                p.cmd(&["run", "--rm", "--network", "none", &busybox, "true"])
            });
            let n = bench_run("podman", "(default network)", || {
                p.cmd(&["run", "--rm", &busybox, "true"])
            });
            let l = bench_pull(
                "podman",
                || p.cmd(&["pull", "-q", &large]),
                || {
                    let _ = p.cmd(&["rmi", "-f", &large]).output();
                },
            );
            let life = lifecycle("podman", &busybox, &|a| p.cmd(a));
            (r, n, l, life)
        }
    };
    if let (Some(d), Some(p)) = (den_net, pod_net) {
        println!(
            "run with the default network: podman/den = {:.1}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
    if let (Some(d), Some(p)) = (den_run, pod_run) {
        println!(
            "run: podman/den = {:.1}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
    if let (Some(d), Some(p)) = (den_pull, pod_pull) {
        println!(
            "pull: podman/den = {:.2}x",
            p.as_secs_f64() / d.as_secs_f64()
        );
    }
    let [exec, ps, rounds] = den_life;
    let [p_exec, p_ps, p_rounds] = pod_life;
    targets(
        &[den_run, den_net, exec, ps, rounds],
        &[pod_run, pod_net, p_exec, p_ps, p_rounds],
        floor,
    );
}
