//! A real distribution in a container: the Debian rootfs ci/test.sh makes
//! with mmdebstrap, pushed as an image; apt-get update reaches the Debian
//! archive through the default network and through a user-defined one.

use crate::common::*;
use crate::support::registry::Registry;

/// A registry with `debian:bookworm`, and a den that has pulled it.
fn debian() -> (Registry, Den) {
    let reg = Registry::start();
    push_debian(&reg, "debian", &[]);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "debian:bookworm"]);
    (reg, den)
}

#[test]
fn apt_get_update_reaches_the_debian_archive() {
    let (_reg, den) = debian();
    let release = den.ok(&[
        "run",
        "--rm",
        "debian:bookworm",
        "cat",
        "/etc/debian_version",
    ]);
    assert!(release.starts_with("12."), "{release}");
    let out = den.ok(&["run", "--rm", "debian:bookworm", "apt-get", "update"]);
    assert!(
        out.contains("bookworm InRelease") && out.contains("Reading package lists"),
        "{out}"
    );
    den.ok(&["network", "create", "aptnet"]);
    let out = den.ok(&[
        "run",
        "--rm",
        "--network",
        "aptnet",
        "debian:bookworm",
        "apt-get",
        "update",
    ]);
    assert!(out.contains("Reading package lists"), "{out}");
}
