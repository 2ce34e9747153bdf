//! The mount points a container's init binds over (/etc/hosts,
//! /etc/hostname, /etc/resolv.conf, /run/.containerenv, /proc, /sys,
//! /dev) where the image lacks them: made once per image, in a layer of
//! their own laid over the image's (`storage/mountpoints.rs`). What a
//! container sees is what it saw when its init made them in its upper
//! layer; an image's links cannot steer them out of it.

use std::path::{Path, PathBuf};

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};
use crate::support::registry::Registry;

/// The trees of the mount-point layers in den's store.
fn made(den: &Den) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(den.data().join("layers"))
        .expect("layers")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".mounts-"))
        .map(|e| e.path().join("diff"))
        .collect();
    found.sort();
    found
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `den run --rm --network none ARGS`'s output.
fn run(den: &Den, args: &[&str]) -> String {
    let mut all = vec!["run", "--rm", "--network", "none"];
    all.extend_from_slice(args);
    den.ok(&all)
}

#[test]
fn made_once_per_image_and_the_container_sees_the_same() {
    let reg = Registry::start();
    // The image's /etc is 0750 and group 10's: a layer of mount points
    // must not hide that.
    let etc = layer_of(
        |t: &mut TarWriter| {
            t.dir("etc", 0o750, 0, 10);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "mp",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), etc],
        false,
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "mp"]);
    // (/etc/hosts's size is not the same: it names each container.)
    let look = "stat -c '%n %u:%g %a %F' /etc /run /etc/hosts /etc/hostname /etc/resolv.conf \
                /run/.containerenv; ls -a /etc /run | tr '\\n' ' '; grep -c localhost /etc/hosts";
    let first = run(&den, &["mp", "sh", "-c", look]);
    assert!(first.contains("/etc 0:10 750"), "{first}");
    assert_eq!(made(&den).len(), 1, "the first start makes them");
    let layer = &made(&den)[0];
    assert_eq!(
        entries(layer),
        ["etc", "run"],
        "the image has /proc, /sys, /dev"
    );
    assert_eq!(
        entries(&layer.join("etc")),
        ["hostname", "hosts", "resolv.conf"]
    );

    // A later container uses them: nothing made in its upper layer, and
    // it sees what the first one saw.
    den.ok(&["run", "--name", "second", "--network", "none", "mp", "true"]);
    let id = den.ok(&["inspect", "--format", "{{.Id}}", "second"]);
    let upper = den.data().join("containers").join(id.trim()).join("upper");
    assert_eq!(
        entries(&upper),
        Vec::<String>::new(),
        "an untouched upper layer"
    );
    let again = run(&den, &["mp", "sh", "-c", look]);
    assert_eq!(first, again);
    assert_eq!(made(&den).len(), 1, "made once");

    // A directory the user mounts where a mount point would be: the
    // user's, as before (not the layer's file), in a set of its own.
    let dir = den.home().join("hostname-dir");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("inside"), "mine\n").expect("file");
    let mount = format!("{}:/etc/hostname", dir.display());
    for _ in 0..2 {
        let out = run(&den, &["-v", &mount, "mp", "cat", "/etc/hostname/inside"]);
        assert_eq!(out, "mine\n");
    }
    assert_eq!(made(&den).len(), 2);
    // However its destination is spelled (cleaned, as podman cleans it).
    let spelled = format!("{}:/etc//hostname/", dir.display());
    let out = run(&den, &["-v", &spelled, "mp", "cat", "/etc/hostname/inside"]);
    assert_eq!(out, "mine\n");
    assert_eq!(made(&den).len(), 2);

    // --no-hosts: the image's /etc/hosts (none), in a set of its own.
    for _ in 0..2 {
        run(&den, &["--no-hosts", "mp", "test", "!", "-e", "/etc/hosts"]);
    }
    assert_eq!(made(&den).len(), 3);

    // They go with the image's layers.
    den.ok(&["rm", "second"]);
    den.ok(&["rmi", "mp"]);
    assert_eq!(made(&den), Vec::<PathBuf>::new());
}

/// The attack: an image whose /etc and /run are links out of it (to a
/// directory of the user's on the host) gets no mount points through
/// them, in the layer or anywhere else; its init resolves them inside
/// the container's root, as it always did.
#[test]
fn an_image_links_cannot_lead_them_out() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let outside = den.home().join("outside");
    std::fs::create_dir_all(&outside).expect("outside");
    let target = outside.display().to_string();
    let links = layer_of(
        |t: &mut TarWriter| {
            t.symlink("etc", &target).symlink("run", "../../../../..");
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "links",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), links],
        false,
    );
    den.ok(&["pull", "-q", "links"]);
    for _ in 0..2 {
        let out = run(
            &den,
            &[
                "links",
                "sh",
                "-c",
                "cat /etc/hostname; test -e /run/.containerenv && echo containerenv",
            ],
        );
        assert!(out.ends_with("containerenv\n"), "{out}");
    }
    assert_eq!(
        entries(&outside),
        Vec::<String>::new(),
        "nothing made outside"
    );
    let layers = made(&den);
    assert_eq!(layers.len(), 1);
    assert_eq!(
        entries(&layers[0]),
        Vec::<String>::new(),
        "nothing made through a link"
    );
}

/// Once an image's mount points are made, a start mounts its rootfs
/// beside the supervisor's other work (`storage/mounting.rs`) and waits
/// for it where the first run needs it: what the container writes is
/// there for each of its restarts. A container whose directory was
/// tampered with (its overlay's work directory, or its mount point, a
/// file: the mount's preparation fails, or the mount beside) fails to
/// start with the error a start without the mount beside gives, leaving
/// no process behind, and starts once the directory is put right.
#[test]
fn a_rootfs_mounted_beside_serves_every_run_and_fails_plainly() {
    let (_reg, den) = crate::common::ready();
    // The first start of the image makes its mount points.
    run(&den, &["busybox", "true"]);
    let (code, stdout, stderr) = run_debug(
        &den,
        &[
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            "echo hi > /f; cat /f",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "hi\n");
    for phase in ["rootfs mounting beside", "rootfs mounted (beside)"] {
        assert!(stderr.contains(phase), "no {phase:?} in {stderr}");
    }

    // Every restart runs on the same rootfs.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "again",
        "--network",
        "none",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo x >> /runs; wc -l < /runs; exit 3",
    ]);
    wait_for("the restarts to end", || {
        inspect(&den, "again", "{{.State.Status}} {{.RestartCount}}") == "exited 2"
    });
    assert_eq!(den.ok(&["logs", "again"]), "1\n2\n3\n");
    den.ok(&["rm", "again"]);

    // The attack on it: a directory it needs that is a file.
    for dir in ["work", "merged"] {
        let id = den.ok(&["create", "--network", "none", "busybox", "true"]);
        let id = id.trim();
        let file = den.data().join("containers").join(id).join(dir);
        std::fs::write(&file, "not a directory").expect("a file");
        let e = den.fails(&["start", id], 125);
        assert!(e.starts_with("den: error: "), "{e}");
        assert!(
            e.contains("cannot mount the container's rootfs") && e.contains(dir),
            "{e}"
        );
        assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
        assert_ne!(inspect(&den, id, "{{.State.Status}}"), "running");
        wait_for("the failed start's processes to end", || {
            !user_processes().iter().any(|(_, args)| args.contains(id))
        });
        std::fs::remove_file(&file).expect("put right");
        den.ok(&["start", "-a", id]);
        den.ok(&["rm", id]);
    }
}

/// A first start's /dev is made beside the supervisor and attached by the
/// init (`runtime/devbeside.rs`); a restart's init makes its own. Both
/// are the same /dev: the same devices, owners and modes, the same mounts
/// with the same options, with --shm-size and --ipc none heeded.
#[test]
fn a_dev_made_beside_is_the_dev_an_init_makes() {
    let (_reg, den) = crate::common::ready();
    let show = "stat -c '%n %f %u %g %t %T %N' /dev/* /dev/pts/* /dev/shm | sort; \
                awk '$5 ~ /^\\/dev/ {$1=$2=$3=\"\"; print}' /proc/self/mountinfo | sort";
    let (code, beside, stderr) = run_debug(
        &den,
        &["--rm", "--network", "none", "busybox", "sh", "-c", show],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("/dev made (beside)"), "{stderr}");
    for want in [" /dev/null ", " /dev/pts ", " /dev/shm ", " /dev/mqueue "] {
        assert!(beside.contains(want), "no {want:?} in {beside}");
    }
    for (flags, shm) in [
        (vec![], "size=65536k"),
        (vec!["--shm-size", "8m"], "size=8192k"),
    ] {
        let mut args = vec![
            "run",
            "-d",
            "--network",
            "none",
            "--restart",
            "on-failure:1",
        ];
        args.extend(flags);
        let script = format!("{show}; echo ==; exit 3");
        args.extend(["busybox", "sh", "-c", &script]);
        let id = den.ok(&args);
        let id = id.trim();
        wait_for("the restart to end", || {
            inspect(&den, id, "{{.State.Status}} {{.RestartCount}}") == "exited 1"
        });
        let logs = den.ok(&["logs", id]);
        let runs: Vec<&str> = logs.split("==\n").collect();
        assert_eq!(runs.len(), 3, "{logs}");
        assert_eq!(runs[0], runs[1], "the first run's /dev and the restart's");
        if shm == "size=65536k" {
            // The restart's own /dev against one made beside for certain.
            assert_eq!(beside, runs[1], "a /dev made beside and an init's");
        }
        assert!(runs[0].contains(shm), "{shm}: {}", runs[0]);
        den.ok(&["rm", id]);
    }
    // --ipc none: no tmpfs on /dev/shm, beside or not.
    let none = run(&den, &["--ipc", "none", "busybox", "sh", "-c", show]);
    assert!(none.contains("/dev/shm "), "{none}");
    assert!(!none.contains(" /dev/shm rw"), "{none}");
}
