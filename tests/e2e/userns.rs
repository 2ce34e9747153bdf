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
