//! Exhaustion: trees deeper than the descriptor limit, log floods, layer
//! bombs and full disks. Each ends with a clear error or a correct result,
//! in bounded memory, and leaves nothing half-done behind.

use crate::common::*;
use crate::support::oci::{self, Compression};

/// Entries of `dir` other than lock files and dot files.
fn entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

/// An image with a 1,500-deep tree, and a container whose process builds a
/// 2,500-deep one: both removed, nothing left in tmp/.
#[test]
fn trees_of_any_depth_are_removed() {
    let (reg, den) = ready_checker();
    let layer = layer_of(
        |t| {
            let mut p = String::new();
            for _ in 0..1500 {
                p.push_str("d/");
                t.dir(&p, 0o755, 0, 0);
            }
            t.file(&format!("{p}bottom"), b"deep\n", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "deep",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), layer],
        false,
    );
    den.ok(&["pull", "-q", "deep"]);
    let layers = den.data().join("layers");
    assert_eq!(entries(&layers).len(), 3);
    den.ok(&["rmi", "deep"]);
    assert_eq!(entries(&layers).len(), 2, "the deep layer is left");
    assert!(entries(&den.data().join("tmp")).is_empty());

    den.ok(&[
        "run",
        "--name",
        "builder",
        "-w",
        "/tmp",
        "checker",
        "den-checker",
        "deep-tree",
        "2500",
    ]);
    den.ok(&["rm", "builder"]);
    assert!(entries(&den.data().join("containers")).is_empty());
    assert!(entries(&den.data().join("tmp")).is_empty());
}
