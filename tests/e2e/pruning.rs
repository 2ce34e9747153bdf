//! history, image exists and tree; image prune, system prune and system
//! reset free what they say and nothing in use.

use crate::common::*;

#[test]
fn history_exists_and_tree() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo x > /x",
    ]);
    den.ok(&["commit", "-q", "-m", "made x", "c", "withx:v1"]);
    let h = den.ok(&["history", "withx:v1"]);
    let mut lines = h.lines();
    let header = lines.next().expect("header");
    for col in ["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"] {
        assert!(header.contains(col), "{h}");
    }
    let top = lines.next().expect("top row");
    let id = den
        .ok(&["inspect", "-f", "{{.Id}}", "withx:v1"])
        .trim()
        .to_string();
    assert!(top.starts_with(&id[..12]) && top.contains("made x"), "{h}");
    assert_eq!(
        den.ok(&["history", "-q", "withx:v1"]).lines().next(),
        Some(&id[..12])
    );
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["image", "history", "--format", "json", "withx:v1"]))
            .expect("json");
    assert_eq!(json[0]["id"], id.as_str());
    assert_eq!(json[0]["comment"], "made x");
    assert_eq!(
        den.ok(&["history", "--format", "{{.Comment}}", "withx:v1"])
            .lines()
            .next(),
        Some("made x")
    );
    den.fails(&["history", "nosuch"], 125);

    assert!(den
        .output(&["image", "exists", "withx:v1"])
        .status
        .success());
    assert_eq!(
        den.output(&["image", "exists", "nosuch"]).status.code(),
        Some(1)
    );

    let tree = den.ok(&["image", "tree", "withx:v1"]);
    assert!(
        tree.starts_with(&format!("Image ID: {}", &id[..12])),
        "{tree}"
    );
    assert_eq!(
        tree.matches("ID: ").count(),
        3,
        "image and two layers: {tree}"
    );
    assert!(
        tree.contains("Top Layer of: [localhost/withx:v1]"),
        "{tree}"
    );
}

#[test]
fn prune_frees_what_it_says_and_nothing_in_use() {
    let (_reg, den) = ready();
    let busybox = den
        .ok(&["inspect", "-f", "{{.Id}}", "busybox"])
        .trim()
        .to_string();
    // A dangling image (its name taken by a later one), an unused named
    // one, and one a stopped container uses.
    den.ok(&[
        "run",
        "--name",
        "a",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo 1 > /v",
    ]);
    let first = den
        .ok(&["commit", "-q", "a", "thing:v1"])
        .trim()
        .to_string();
    den.ok(&[
        "run",
        "--name",
        "b",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo 2 > /v",
    ]);
    let second = den
        .ok(&["commit", "-q", "b", "thing:v1"])
        .trim()
        .to_string();
    den.ok(&[
        "create",
        "--name",
        "keeper",
        "--network",
        "none",
        "thing:v1",
        "true",
    ]);
    let layers_before = std::fs::read_dir(den.data().join("layers"))
        .expect("layers")
        .count();

    let out = den.ok(&["image", "prune", "-f"]);
    assert_eq!(out.trim(), first, "only the dangling image goes");
    assert!(
        std::fs::read_dir(den.data().join("layers"))
            .expect("layers")
            .count()
            < layers_before
    );
    assert!(den.output(&["image", "exists", &second]).status.success());
    assert!(
        den.output(&["image", "exists", &busybox]).status.success(),
        "busybox is used by a, b"
    );

    // -a: images no container uses; busybox still is.
    den.ok(&["rm", "a", "b"]);
    let out = den.ok(&["image", "prune", "-a", "-f"]);
    assert_eq!(out.trim(), busybox, "{out}");
    assert!(
        den.output(&["image", "exists", &second]).status.success(),
        "keeper uses it"
    );
    let e = den.fails(&["image", "prune", "--filter", "colour=red"], 125);
    assert!(e.contains("until=") && e.contains("label="), "{e}");

    // system prune: the stopped container, an unused network and volume,
    // then the image it freed.
    den.ok(&["network", "create", "spare"]);
    den.ok(&["volume", "create", "spare"]);
    let out = den.ok(&["system", "prune", "-f", "-a", "--volumes"]);
    for want in [
        "Deleted Containers",
        "Deleted Networks",
        "spare",
        "Deleted Volumes",
        "Deleted Images",
        &second,
        "Total reclaimed space:",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert_eq!(den.ok(&["images", "-q"]), "");
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "");

    // reset: everything, a running container included; refused unasked.
    den.ok(&["pull", "-q", "busybox"]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "up",
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ]);
    den.ok(&["volume", "create", "kept"]);
    let e = den.fails(&["system", "reset"], 125);
    assert!(e.contains("--force"), "{e}");
    assert_eq!(
        den.ok(&["ps", "-q"]).lines().count(),
        1,
        "nothing removed unasked"
    );
    den.ok(&["system", "reset", "-f"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert_eq!(den.ok(&["images", "-q"]), "");
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "");
    // And den works afterwards.
    den.ok(&["pull", "-q", "busybox"]);
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "echo",
            "again"
        ]),
        "again\n"
    );
}

/// Prunes keep what they must: a pod's containers (its infra above all,
/// whose loss left the pod unstartable) are the pod's, pruned with it; an
/// image `label!=` keeps stays; a volume newer than `until` stays, and a
/// filter the volumes take fails nothing half-way.
#[test]
fn prunes_keep_pods_members_and_what_the_filters_keep() {
    let (_reg, den) = ready();
    den.ok(&["pod", "create", "--name", "p"]);
    den.ok(&["create", "--pod", "p", "--name", "m", "busybox", "true"]);
    assert_eq!(den.ok(&["container", "prune", "-f"]), "");
    assert_eq!(den.ok(&["ps", "-aq"]).lines().count(), 2);
    den.ok(&["create", "--pod", "p", "--name", "m2", "busybox", "true"]);
    den.ok(&["run", "--name", "x", "--network", "none", "busybox", "true"]);
    den.ok(&["commit", "-q", "-c", "LABEL keep=1", "x", "kept:1"]);
    den.ok(&["commit", "-q", "x", "plain:1"]);
    den.ok(&["rm", "x"]);
    den.ok(&["volume", "create", "fresh"]);
    let out = den.ok(&[
        "system",
        "prune",
        "-a",
        "-f",
        "--volumes",
        "--filter",
        "label!=keep",
    ]);
    assert!(out.contains("Deleted Pods"), "{out}");
    den.fails(&["pod", "exists", "p"], 1);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(
        den.output(&["image", "exists", "kept:1"]).status.success(),
        "{out}"
    );
    den.fails(&["image", "exists", "plain:1"], 1);
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "");
    den.ok(&["volume", "create", "fresh"]);
    den.ok(&[
        "system",
        "prune",
        "-f",
        "--volumes",
        "--filter",
        "until=24h",
    ]);
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "fresh\n");
    // Out of range: one line, no panic.
    for f in ["until=3000000000h", "until=99999999999999999999"] {
        let e = den.fails(&["image", "prune", "-f", "--filter", f], 125);
        assert_eq!(e.lines().count(), 1, "{e}");
    }
}

/// `system reset` removes den's storage and nothing of the user's: a
/// `--root` or `--runroot` that is, or holds, the user's own directories
/// is refused before anything goes; storage that is a link to another
/// disk is emptied there, the link kept (it removed the link alone and
/// left every layer where it led).
#[test]
fn reset_takes_dens_storage_and_nothing_else() {
    let (_reg, den) = ready();
    den.ok(&["create", "--name", "kept", "busybox", "true"]);
    let data_home = den.home().join("data");
    let run = den.home().join("run");
    for flags in [
        vec!["--root", data_home.to_str().expect("utf-8")],
        vec!["--root", den.home().to_str().expect("utf-8")],
        vec!["--runroot", run.to_str().expect("utf-8")],
    ] {
        let mut args = flags.clone();
        args.extend(["system", "reset", "-f"]);
        let e = den.fails(&args, 125);
        assert!(
            e.contains("refusing to reset") && e.lines().count() == 1,
            "{flags:?}: {e}"
        );
    }
    assert_eq!(den.ok(&["ps", "-aq"]).lines().count(), 1, "nothing removed");
    assert!(den.home().join("config").is_dir());
    // Storage moved to a larger disk through a link.
    let big = den.home().join("big");
    std::fs::create_dir(&big).expect("big");
    let link = den.home().join("linked");
    std::os::unix::fs::symlink(&big, &link).expect("link");
    let root = link.to_str().expect("utf-8");
    den.ok(&["--root", root, "pull", "-q", "busybox"]);
    assert!(std::fs::read_dir(&big).expect("big").count() > 0);
    den.ok(&["--root", root, "system", "reset", "-f"]);
    assert!(link.is_symlink(), "the link is kept");
    assert_eq!(std::fs::read_dir(&big).expect("big").count(), 0, "emptied");
    // The default storage was not touched.
    assert_eq!(den.ok(&["ps", "-aq"]).lines().count(), 1);
    den.ok(&["rm", "kept"]);
}
