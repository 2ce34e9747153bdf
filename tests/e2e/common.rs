//! Shared helpers of the end-to-end tests: the harness of support/den.rs
//! (which the benchmarks use too), and a few for container lifecycles.

pub use crate::support::den::*;

use std::time::{Duration, Instant};

use crate::support::registry::Registry;

/// A registry with busybox, and a den that has pulled it. Keep both alive
/// for the test (dropping the registry stops it).
pub fn ready() -> (Registry, Den) {
    let (reg, den) = setup();
    den.ok(&["pull", "-q", "busybox"]);
    (reg, den)
}

/// `den inspect -f FIELD NAME`, trimmed.
pub fn inspect(den: &Den, name: &str, field: &str) -> String {
    den.ok(&["inspect", "-f", field, name]).trim().to_string()
}

/// Poll `cond` until it holds (at most 10 s).
pub fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Wait for every child (den commands run at once) and require success.
pub fn all_succeed(children: Vec<std::process::Child>) {
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
