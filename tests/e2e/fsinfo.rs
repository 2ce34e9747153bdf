//! `unshare`, `mount`/`unmount` for scripts, and `system df`.

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};

#[test]
fn mount_works_inside_unshare_only() {
    let (_reg, den) = ready();
    den.ok(&[
        "create",
        "--name",
        "s",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    let e = den.fails(&["mount", "s"], 125);
    assert!(e.contains("den unshare"), "{e}");
    let bin = den_bin().display().to_string();
    let script = format!(
        "set -e; p=$({bin} mount s); cat $p/etc/group | head -1; {bin} mount | grep -c \"$p\"; \
         {bin} unmount s; {bin} mount | wc -l; test ! -e $p/etc/group && echo gone"
    );
    assert_eq!(
        den.ok(&["unshare", "sh", "-c", &script]),
        "root:x:0:\n1\ns\n0\ngone\n"
    );
    // A running container's rootfs, live.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "r",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo live > /live; sleep 120",
    ]);
    wait_for("the file", || {
        den.output(&["exec", "r", "test", "-f", "/live"])
            .status
            .success()
    });
    let script = format!("cat $({bin} mount r)/live");
    assert_eq!(den.ok(&["unshare", "sh", "-c", &script]), "live\n");
    // unmount outside unshare: nothing is mounted there; the name, as podman.
    assert_eq!(den.ok(&["unmount", "s"]), "s\n");
}

/// busybox and a layer that adds /etc/added and deletes /etc/group,
/// pulled as `changed`.
fn changed_image(reg: &crate::support::registry::Registry, den: &Den) -> String {
    let change = layer_of(
        |t: &mut TarWriter| {
            t.file("etc/added", b"new\n", 0o644, 0, 0)
                .whiteout("etc", "group");
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "changed",
        "v1",
        &busybox_spec(),
        &[busybox_gz(), change],
        false,
    );
    let name = den.image("changed:v1");
    den.ok(&["pull", "-q", &name]);
    name
}

#[test]
fn image_diff_shows_a_top_layers_changes_or_two_images_differences() {
    let (reg, den) = ready();
    let img = changed_image(&reg, &den);
    let lines = |out: String| -> Vec<String> {
        let mut v: Vec<String> = out.lines().map(String::from).collect();
        v.sort();
        v
    };
    let one = lines(den.ok(&["image", "diff", &img]));
    assert!(one.contains(&"A /etc/added".to_string()), "{one:?}");
    assert!(one.contains(&"D /etc/group".to_string()), "{one:?}");
    // Their directory has changes inside: changed too, as podman says.
    assert!(one.contains(&"C /etc".to_string()), "{one:?}");
    assert!(
        !one.iter().any(|l| l.contains("/bin/busybox")),
        "only the top layer's changes: {one:?}"
    );
    // Compared with busybox (podman's order: the second is the base): the
    // same; `den diff` takes images too.
    let two = lines(den.ok(&["image", "diff", &img, "busybox"]));
    assert!(two.contains(&"A /etc/added".to_string()), "{two:?}");
    assert!(two.contains(&"D /etc/group".to_string()), "{two:?}");
    assert_eq!(lines(den.ok(&["diff", &img, "busybox"])), two);
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["image", "diff", "--format", "json", &img])).expect("json");
    assert_eq!(json["deleted"], serde_json::json!(["/etc/group"]));
    assert!(json["added"]
        .as_array()
        .is_some_and(|a| a.contains(&serde_json::json!("/etc/added"))));
    // The other way round, what was added is deleted; nothing else (no
    // stray lines from under a path one side has as a file).
    let back = lines(den.ok(&["image", "diff", "busybox", &img]));
    assert!(back.contains(&"D /etc/added".to_string()), "{back:?}");
    assert!(back.contains(&"A /etc/group".to_string()), "{back:?}");
    assert!(
        back.iter()
            .all(|l| l.starts_with("C ") || l == "D /etc/added" || l == "A /etc/group"),
        "{back:?}"
    );
    let e = den.fails(&["image", "diff", "nosuchimage"], 125);
    assert!(e.contains("image not known"), "{e}");
    // podman finds the same changes in the same image.
    if let Some(podman) = Podman::new(&den) {
        podman.run(&["pull", "-q", "--tls-verify=false", &img]);
        let theirs = lines(podman.run(&["image", "diff", &img]));
        // Every line, C ones (a directory with a change inside) too.
        assert_eq!(one, theirs, "den {one:?}, podman {theirs:?}");
        // And two images, in podman's order.
        let base = den.image("busybox");
        podman.run(&["pull", "-q", "--tls-verify=false", &base]);
        let theirs = lines(podman.run(&["image", "diff", &img, &base]));
        assert_eq!(two, theirs, "den {two:?}, podman {theirs:?}");
    }
}

/// A `den unshare sh -c SCRIPT` left running once it has printed `up`.
fn unshare_session(den: &Den, script: &str) -> std::process::Child {
    let mut session = den
        .cmd(&["unshare", "sh", "-c", script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("unshare");
    let mut up = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(session.stdout.take().expect("stdout")),
        &mut up,
    )
    .expect("read");
    assert_eq!(up, "up\n");
    session
}

#[test]
fn image_mount_is_read_only_and_inside_unshare_only() {
    let (reg, den) = ready();
    let img = changed_image(&reg, &den);
    let e = den.fails(&["image", "mount", &img], 125);
    assert!(e.contains("den unshare"), "{e}");
    let bin = den_bin().display().to_string();
    let script = format!(
        "set -e; p=$({bin} image mount {img}); cat $p/etc/added; test ! -e $p/etc/group; \
         if touch $p/new 2>/dev/null; then echo writable; fi; {bin} image mount | grep -c \"$p\"; \
         {bin} image mount --format json | grep -c mountpoint; \
         {bin} image unmount {img}; {bin} image mount | wc -l; test ! -e $p/etc/added && echo gone"
    );
    assert_eq!(
        den.ok(&["unshare", "sh", "-c", &script]),
        format!("new\n1\n1\n{img}\n0\ngone\n")
    );
    // The image is untouched, and nothing stays mounted or written.
    den.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &img,
        "test",
        "!",
        "-e",
        "/new",
    ]);
    let e = den.fails(&["image", "unmount"], 125);
    assert!(e.contains("--all"), "{e}");
    // The attack: remount it writable. It has no upper layer, so nothing
    // can be written, remounted or not.
    let script = format!(
        "p=$({bin} image mount {img}); mount -o remount,rw $p 2>/dev/null; \
         mount -o remount,bind,rw $p 2>/dev/null; \
         if touch $p/new 2>/dev/null; then echo writable; else echo read-only; fi"
    );
    assert_eq!(den.ok(&["unshare", "sh", "-c", &script]), "read-only\n");
    // A session still running with the image mounted: rmi and an unmount
    // from outside refuse (they would pull it from under that session).
    let script = format!("{bin} image mount {img} >/dev/null && echo up && exec sleep 60");
    let mut session = unshare_session(&den, &script);
    let e = den.fails(&["rmi", &img], 2);
    assert!(e.contains("still running"), "{e}");
    let e = den.fails(&["image", "unmount", &img], 125);
    assert!(e.contains("still running"), "{e}");
    assert_eq!(den.ok(&["image", "unmount", "--all"]), "");
    let _ = session.kill();
    let _ = session.wait();
    // Ended (its namespace gone): the record it left is dropped by rmi,
    // and nothing is stranded; another session running meanwhile (which
    // may get the same namespace number) does not hold the image.
    let mut other = unshare_session(&den, "echo up && exec sleep 60");
    den.ok(&["rmi", &img]);
    let _ = other.kill();
    let _ = other.wait();
    let left: Vec<_> = std::fs::read_dir(den.data().join("image-mounts"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name())
                .filter(|n| n != ".lock")
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn unshare_runs_a_command_as_root_of_dens_namespace() {
    let (_reg, den) = ready();
    let out = den.ok(&["unshare", "sh", "-c", "id -u; echo $CONTAINERS_GRAPHROOT"]);
    assert_eq!(out, format!("0\n{}\n", den.data().display()));
    let out = den.output(&["unshare", "sh", "-c", "exit 3"]);
    assert_eq!(out.status.code(), Some(3));
    let e = den.fails(&["unshare", "no-such-command-here"], 127);
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn system_df_counts_images_containers_and_volumes() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "writer",
        "--network",
        "none",
        "-v",
        "v1:/v",
        "busybox",
        "sh",
        "-c",
        "head -c 3000 /dev/zero > /v/f; head -c 5000 /dev/zero > /w",
    ]);
    den.ok(&["volume", "create", "unused"]);
    let summary = den.ok(&[
        "system",
        "df",
        "--format",
        "{{.Type}}|{{.Total}}|{{.Active}}",
    ]);
    assert_eq!(summary, "Images|1|1\nContainers|1|0\nLocal Volumes|2|1\n");
    let table = den.ok(&["system", "df"]);
    assert!(
        table.starts_with("TYPE") && table.contains("RECLAIMABLE"),
        "{table}"
    );
    let verbose = den.ok(&["system", "df", "-v"]);
    for part in [
        "Images space usage:",
        "Containers space usage:",
        "Local Volumes space usage:",
        "v1",
        "unused",
        "writer",
    ] {
        assert!(verbose.contains(part), "{part}: {verbose}");
    }
    let v1 = verbose
        .lines()
        .find(|l| l.starts_with("v1 "))
        .expect("v1 row");
    assert!(v1.contains("3kB"), "{v1}");
    let writer = verbose
        .lines()
        .find(|l| l.ends_with("writer"))
        .expect("writer row");
    assert!(writer.contains("5kB"), "{writer}");
    // An unused image on the used one's layers: the shared layers count
    // once, and only its own layer is reclaimable (both images' whole
    // sizes were summed, and all of the unused one's was reclaimable).
    den.ok(&["commit", "-q", "writer", "snap"]);
    let size = |i: &str| -> u64 {
        den.ok(&["image", "inspect", "-f", "{{.Size}}", i])
            .trim()
            .parse()
            .expect("size")
    };
    let (base, snap) = (size("busybox"), size("snap"));
    assert!(snap > base, "{snap} {base}");
    let images = den.ok(&[
        "system",
        "df",
        "--format",
        "{{if eq .Type \"Images\"}}{{.RawSize}}|{{.RawReclaimable}}{{end}}",
    ]);
    assert_eq!(images.trim(), format!("{snap}|{}", snap - base));
}
