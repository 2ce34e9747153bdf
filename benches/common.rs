//! Helpers shared by den's benchmarks: timing and a podman with private
//! storage, configured for the local test registry.
// Each benchmark uses a part of this.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn time(mut cmd: Command) -> Result<Duration, String> {
    let start = Instant::now();
    let out = cmd.output().map_err(|e| e.to_string())?;
    let took = start.elapsed();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(took)
}

/// `n` timed runs of a command, after one more to warm the page cache;
/// the first failure ends them.
pub fn repeat(n: usize, mut make: impl FnMut() -> Command) -> Result<Vec<Duration>, String> {
    let _ = time(make());
    (0..n).map(|_| time(make())).collect()
}

/// podman with its own storage and a registries.conf for `registry`.
pub struct Podman {
    dir: tempfile::TempDir,
}

impl Podman {
    pub fn find(registry: &str) -> Option<Podman> {
        let ok = Command::new("podman")
            .arg("--version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !ok {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        std::fs::write(
            dir.path().join("registries.conf"),
            format!("unqualified-search-registries = [\"{registry}\"]\n[[registry]]\nlocation = \"{registry}\"\ninsecure = true\n"),
        )
        .ok()?;
        Some(Podman { dir })
    }

    /// The registries.conf it uses.
    pub fn registries_conf(&self) -> std::path::PathBuf {
        self.dir.path().join("registries.conf")
    }

    /// Its global arguments (private storage).
    pub fn global_args(&self) -> Vec<String> {
        vec![
            format!("--root={}", self.dir.path().join("root").display()),
            format!("--runroot={}", self.dir.path().join("runroot").display()),
        ]
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("podman");
        c.env(
            "CONTAINERS_REGISTRIES_CONF",
            self.dir.path().join("registries.conf"),
        )
        .arg("--root")
        .arg(self.dir.path().join("root"))
        .arg("--runroot")
        .arg(self.dir.path().join("runroot"))
        .args(args);
        c
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let _ = self.cmd(&["system", "reset", "-f"]).output();
        let _ = Command::new("podman")
            .args(["unshare", "rm", "-rf"])
            .arg(self.dir.path())
            .output();
    }
}

/// A den binary to compare with (`DEN_BASELINE_BIN`, e.g. the release
/// build of the previous commit), if one is given.
pub fn baseline_bin() -> Option<std::path::PathBuf> {
    std::env::var_os("DEN_BASELINE_BIN").map(std::path::PathBuf::from)
}

/// Time `args` with the baseline build `base` against this build (`this`,
/// den's binary), alternating ([`compare`]); `command` makes a command
/// of a binary in the benchmark's environment. This build is its packaged
/// copy (root's, as the baseline's copy is) where `benches/bench.sh`
/// made one: two of the user's own binaries would share one pause
/// process, which holds a read-only bind of only one of them, so the
/// other's every start would exec and the comparison would measure that.
/// Without one (a developer's run as themself, where both are the user's
/// own) that caveat stands.
pub fn compare_builds(
    what: &str,
    runs: usize,
    base: &std::path::Path,
    this: &std::path::Path,
    args: &[&str],
    command: impl Fn(&std::path::Path) -> Command,
) {
    let packaged = std::env::var_os("DEN_PACKAGED_BIN").map(std::path::PathBuf::from);
    let current = packaged.as_deref().unwrap_or(this);
    let with = |bin: &std::path::Path| {
        let mut c = command(bin);
        c.args(args);
        c
    };
    compare(what, runs, || with(base), || with(current));
}

/// Time `runs` runs of each of two commands, alternating, so that both see
/// the same machine; print both medians and the difference.
pub fn compare(
    what: &str,
    runs: usize,
    mut baseline: impl FnMut() -> Command,
    mut current: impl FnMut() -> Command,
) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let _ = (time(baseline()), time(current())); // warm the page cache
    for _ in 0..runs {
        match (time(baseline()), time(current())) {
            (Ok(x), Ok(y)) => {
                a.push(x);
                b.push(y);
            }
            (Err(e), _) | (_, Err(e)) => {
                println!("{what}: a run failed: {e}");
                return;
            }
        }
    }
    let (ma, mb) = (median(a), median(b));
    println!(
        "{what}: baseline median {:.2} ms, this build {:.2} ms, difference {:+.2} ms (n={runs}, alternating)",
        ms(ma),
        ms(mb),
        ms(mb) - ms(ma)
    );
}

/// Print the median and minimum of `times` (whole milliseconds) for `tool`;
/// the median, if there were any.
pub fn report(tool: &str, what: &str, times: Vec<Duration>) -> Option<Duration> {
    if times.is_empty() {
        return None;
    }
    let m = median(times.clone());
    let min = times.iter().min().copied().unwrap_or_default();
    println!(
        "{tool:7} {what}: median {:.0} ms (min {:.0}, n={})",
        ms(m),
        ms(min),
        times.len()
    );
    Some(m)
}

/// Print `podman/den = N.Nx` for each measurement both tools made.
pub fn ratios(names: &[&str], den: &[Option<Duration>], podman: &[Option<Duration>]) {
    for (what, (d, p)) in names.iter().zip(den.iter().zip(podman.iter())) {
        if let (Some(d), Some(p)) = (d, p) {
            println!(
                "{what}: podman/den = {:.1}x",
                p.as_secs_f64() / d.as_secs_f64()
            );
        }
    }
}
