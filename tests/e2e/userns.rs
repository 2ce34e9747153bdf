//! A container's own user namespace: `--userns=keep-id` (your ids inside,
//! with a passwd entry) and `--uidmap`/`--gidmap` (maps onto den's ids: 0
//! is you, 1.. your subordinate range), with image files still owned as
//! the image says.

use crate::common::*;

fn my_ids() -> (u32, u32) {
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let field = |k: &str| -> u32 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(k))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("id")
    };
    (field("Uid:"), field("Gid:"))
}

#[test]
fn keep_id_runs_as_you_with_a_passwd_entry_and_image_owners_intact() {
    let (_reg, den) = ready();
    let (uid, gid) = my_ids();
    let out = den.ok(&[
        "run", "--rm", "--userns=keep-id", "busybox", "sh", "-c",
        "id -u; id -g; id -un; stat -c %u:%g /bin /etc/passwd; touch /tmp/f && stat -c %u /tmp/f; echo $HOME",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], uid.to_string(), "{out}");
    assert_eq!(lines[1], gid.to_string(), "{out}");
    let name = std::env::var("USER").unwrap_or_default();
    if !name.is_empty() {
        assert_eq!(lines[2], name, "a passwd entry names you: {out}");
    }
    assert_eq!(lines[3], "0:0", "the image's root files stay root's: {out}");
    assert_eq!(lines[4], "0:0", "{out}");
    assert_eq!(lines[5], uid.to_string(), "{out}");
    // keep-id with chosen ids, and exec runs as the container's user.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "k",
        "--userns=keep-id:uid=1234,gid=4321",
        "busybox",
        "sleep",
        "1000",
    ]);
    assert_eq!(den.ok(&["exec", "k", "id", "-u"]).trim(), "1234");
    assert_eq!(den.ok(&["exec", "k", "id", "-g"]).trim(), "4321");
    assert_eq!(den.ok(&["exec", "-u", "0", "k", "id", "-u"]).trim(), "0");
    den.ok(&["rm", "-f", "k"]);
}

#[test]
fn uidmap_and_gidmap_map_onto_dens_ids() {
    let (_reg, den) = ready();
    let out = den.ok(&[
        "run", "--rm", "--uidmap", "0:1:2000", "--gidmap", "0:1:3000", "busybox", "sh", "-c",
        "cat /proc/self/uid_map /proc/self/gid_map; id -u; stat -c %u:%g /bin; touch /f && stat -c %u /f",
    ]);
    let maps: Vec<Vec<&str>> = out
        .lines()
        .take(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(maps[0], ["0", "1", "2000"], "{out}");
    assert_eq!(maps[1], ["0", "1", "3000"], "{out}");
    let rest: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rest, ["0", "0:0", "0"], "{out}");
    // Only --uidmap: the gid map follows it.
    let out = den.ok(&[
        "run",
        "--rm",
        "--uidmap",
        "0:100:10",
        "busybox",
        "cat",
        "/proc/self/gid_map",
    ]);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>(),
        ["0", "100", "10"]
    );
    // --userns=host is den's own namespace, as without the flag.
    let out = den.ok(&[
        "run",
        "--rm",
        "--userns=host",
        "busybox",
        "cat",
        "/proc/self/uid_map",
    ]);
    assert!(
        out.lines().count() >= 2 && out.starts_with(&format!("{:>10}", 0)),
        "{out}"
    );
}

#[test]
fn bad_user_namespace_flags_are_refused_cleanly() {
    let (_reg, den) = ready();
    for args in [
        &["--userns=auto"][..],
        &["--userns=keep-id:size=3"],
        &["--uidmap", "0:1:99999999"],
        &["--uidmap", "0:1:10,5:100:10"],
        &["--uidmap", "zero:1:10"],
        &["--userns=keep-id", "--uidmap", "0:1:10"],
    ] {
        let mut full = vec!["run", "--rm"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["busybox", "true"]);
        let e = den.fails(&full, 125);
        assert!(
            e.starts_with("den: error: ") && e.trim().lines().count() == 1,
            "{args:?}: {e}"
        );
    }
    assert_eq!(den.ok(&["ps", "-aq"]).trim(), "");
}

/// Each entry of a tar stream: its name and owner (uid, gid).
fn tar_owners(tar: &[u8]) -> Vec<(String, u64, u64)> {
    let mut a = tar::Archive::new(tar);
    a.entries()
        .expect("entries")
        .map(|e| {
            let e = e.expect("entry");
            let h = e.header();
            let name = e.path().expect("path").display().to_string();
            (name, h.uid().expect("uid"), h.gid().expect("gid"))
        })
        .collect()
}

/// A container of its own user namespace has a rootfs whose owners den
/// shifted into its ids: `diff`, `commit`, `export` and `cp` give them as
/// the container sees them, not as den's namespace does (a committed
/// image had its root's files owned by uid 1, so every file showed
/// changed), and den's mark of a complete rootfs is not in it.
#[test]
fn a_keep_id_containers_files_leave_it_owned_as_it_sees_them() {
    let (_reg, den) = ready();
    let (uid, gid) = my_ids();
    den.ok(&[
        "run",
        "--name",
        "ku",
        "--userns=keep-id",
        "busybox",
        "sh",
        "-c",
        "touch /tmp/mine && ! ls -a / | grep -q den",
    ]);
    let diff = den.ok(&["diff", "ku"]);
    assert!(diff.lines().any(|l| l == "A /tmp/mine"), "{diff}");
    assert!(
        !diff.lines().any(|l| l.contains("/bin")),
        "the image's files are no change: {diff}"
    );
    den.ok(&["commit", "-q", "ku", "kuimg"]);
    let out = den.ok(&[
        "run",
        "--rm",
        "kuimg",
        "stat",
        "-c",
        "%u:%g",
        "/bin/busybox",
        "/tmp/mine",
    ]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["0:0".to_string(), format!("{uid}:{gid}")],
        "{out}"
    );
    let out = den.cmd(&["export", "ku"]).output().expect("export");
    assert!(out.status.success());
    let entries = tar_owners(&out.stdout);
    let find = |n: &str| entries.iter().find(|e| e.0.trim_end_matches('/') == n);
    assert_eq!(find("bin/busybox").map(|e| (e.1, e.2)), Some((0, 0)));
    assert_eq!(
        find("tmp/mine").map(|e| (e.1, e.2)),
        Some((u64::from(uid), u64::from(gid)))
    );
    assert!(
        !entries.iter().any(|e| e.0.contains("den-complete")),
        "{entries:?}"
    );
    // cp out of it, stopped, gives the container user's ids, as out of a
    // running one (which the container's own namespace sees).
    let out = den.cmd(&["cp", "ku:/tmp/mine", "-"]).output().expect("cp");
    assert!(out.status.success());
    let owners: Vec<(u64, u64)> = tar_owners(&out.stdout)
        .into_iter()
        .map(|e| (e.1, e.2))
        .collect();
    assert_eq!(owners, [(u64::from(uid), u64::from(gid))]);
    // A rootfs marked complete inside it (den before 2026-12-05) is kept
    // as it is at its next start, the mark moved out of the container's
    // sight (the command checks), not copied again from the image.
    let kept = den.home().join("kept");
    std::fs::write(&kept, "kept\n").expect("write");
    den.ok(&["cp", &kept.display().to_string(), "ku:/kept"]);
    let cdir = den
        .data()
        .join("containers")
        .join(inspect(&den, "ku", "{{.Id}}"));
    // (In den's namespace: the container's root owns its `/`.)
    den.ok(&[
        "unshare",
        "mv",
        &cdir.join("rootfs.complete").display().to_string(),
        &cdir.join("rootfs/.den-complete").display().to_string(),
    ]);
    den.ok(&["start", "-a", "ku"]);
    assert!(cdir.join("rootfs.complete").is_file());
    let out = den.cmd(&["cp", "ku:/kept", "-"]).output().expect("cp");
    assert!(out.status.success(), "the rootfs was made anew");
    den.ok(&["rm", "ku"]);
}
