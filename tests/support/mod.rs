//! Test support for den's end-to-end tests: a real registry
//! ([`registry::Registry`]), image building and pushing ([`oci`]), hand-made
//! tar layers ([`layers`]) and a bearer-token auth proxy ([`authproxy`]).
//!
//! Use from an integration test with `mod support;`.
#![allow(dead_code)]

pub mod authproxy;
pub mod bounded;
pub mod checker;
pub mod den;
pub mod layers;
pub mod oci;
pub mod registry;

/// Leave the name of the test that made `dir` in it (`.den-test`, mode
/// 0600), so that ci/test.sh can name the test when a directory is left
/// behind.
pub fn mark(dir: &std::path::Path) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let name = std::thread::current()
        .name()
        .unwrap_or("(unnamed thread)")
        .to_string();
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dir.join(".den-test"))
    {
        let _ = writeln!(f, "{name}");
    }
}
