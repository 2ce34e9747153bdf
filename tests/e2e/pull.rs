//! `den pull` and `den run` of busybox: the basics.

use crate::common::*;

#[test]
fn pull_then_run_prints_and_exits_with_the_container_status() {
    let (_reg, den) = setup();
    let out = den.ok(&["pull", "-q", &den.image("busybox:latest")]);
    let id = out.trim();
    assert_eq!(id.len(), 64, "pull -q prints the image id: {out:?}");
    assert_eq!(
        den.ok(&["run", "--rm", "busybox", "echo", "hello"]),
        "hello\n"
    );
    den.fails(&["run", "--rm", "busybox", "sh", "-c", "exit 7"], 7);
    let images = den.ok(&["images", "-q"]);
    assert_eq!(images.trim(), &id[..12]);
}
