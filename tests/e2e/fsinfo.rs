//! `unshare`, `mount`/`unmount` for scripts, and `system df`.

use crate::common::*;

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
}
