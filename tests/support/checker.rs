//! The checker program (tests/checker), built statically, in an image:
//! `checker:latest` is busybox plus `/usr/local/bin/den-checker`, whose JSON
//! report the security tests compare with what den promises.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::den::{busybox_gz, busybox_spec, layer_of};
use super::oci::{self, Compression, Layer};
use super::registry::Registry;

/// The static den-checker: `$DEN_CHECKER`, or the one ci/test.sh builds in
/// this checkout. A missing checker fails the test, loudly, with the command
/// that builds it.
pub fn checker_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("DEN_CHECKER") {
        return PathBuf::from(p);
    }
    let triple = format!("{}-unknown-linux-gnu", std::env::consts::ARCH);
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(&triple)
        .join("debug/den-checker");
    assert!(
        p.exists(),
        "the checker program is not built: run\n  cargo build -p den-checker\n(ci/test.sh does; .cargo/config.toml makes it static), or set DEN_CHECKER"
    );
    p
}

/// The checker's layer, built once.
pub fn checker_layer() -> Layer {
    static L: OnceLock<Layer> = OnceLock::new();
    L.get_or_init(|| {
        let path = checker_binary();
        let bin =
            std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        layer_of(
            |t| {
                t.dir("usr/", 0o755, 0, 0)
                    .dir("usr/local/", 0o755, 0, 0)
                    .dir("usr/local/bin/", 0o755, 0, 0)
                    .file("usr/local/bin/den-checker", &bin, 0o755, 0, 0);
            },
            Compression::Gzip,
        )
    })
    .clone()
}

/// Push `checker:latest` (busybox + den-checker) to `reg`.
pub fn push_checker(reg: &Registry) {
    oci::push_image(
        &reg.addr,
        "checker",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), checker_layer()],
        false,
    );
}
