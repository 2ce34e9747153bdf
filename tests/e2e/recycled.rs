//! A removed container's record files and directories are used again by
//! later containers (`src/util/pool.rs`): whatever the first did to the
//! files bound into it (their content, mode, extended attributes), and
//! whatever it left in its own layer, never reaches the next; a file
//! another process still reads is not taken from it.

use std::collections::HashSet;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::common::*;

/// The inode numbers of the files right in a container's directory.
fn record_inodes(dir: &Path) -> HashSet<u64> {
    std::fs::read_dir(dir)
        .expect("container directory")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.metadata().ok().map(|m| m.ino()))
        .collect()
}

fn pool_inodes(den: &Den) -> HashSet<u64> {
    std::fs::read_dir(den.data().join("pool"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok().map(|m| m.ino()))
        .collect()
}

#[test]
fn what_a_container_did_to_its_files_never_reaches_the_next() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "first",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ]);
    let id = inspect(&den, "first", "{{.Id}}");
    let dir = den.data().join("containers").join(&id);
    let first = record_inodes(&dir);
    // Its root (the user on the host) marks what is bound into it.
    den.ok(&[
        "exec",
        "first",
        "sh",
        "-c",
        "echo '10.9.9.9 leaked-host' >> /etc/hosts; echo leaked > /etc/hostname; \
         echo 'nameserver 10.9.9.9' > /etc/resolv.conf; chmod 4777 /etc/hosts; \
         echo leaked > /run/.containerenv; echo leaked > /left-behind",
    ]);
    // A reader of its log holds that file open across the removal.
    let log = dir.join("ctr.log");
    let reader = std::fs::File::open(&log).expect("the log");
    let log_ino = reader.metadata().expect("log").ino();
    den.ok(&["rm", "-f", "-t", "0", "first"]);
    wait_for("the remover to give the files back", || {
        pool_inodes(&den).intersection(&first).count() >= 3
    });
    let pool = pool_inodes(&den);
    assert!(!pool.contains(&log_ino), "a file still open was given back");
    for e in std::fs::read_dir(den.data().join("pool"))
        .expect("pool")
        .flatten()
    {
        let m = e.metadata().expect("entry");
        let mode = m.permissions().mode() & 0o7777;
        if m.is_dir() {
            assert_eq!(mode, 0o700, "{:?}", e.file_name());
            assert_eq!(entries(&e.path()), Vec::<String>::new());
        } else {
            assert!(m.is_file() && m.len() == 0, "{:?}", e.file_name());
            assert_eq!(mode, 0o600, "{:?}", e.file_name());
        }
    }
    // Later containers take them: each sees fresh files.
    let mut reused = false;
    for i in 0..6 {
        let name = format!("next{i}");
        den.ok(&["create", "--name", &name, "busybox", "sleep", "600"]);
        den.ok(&["start", &name]);
        let out = den.ok(&[
            "exec",
            &name,
            "sh",
            "-c",
            "cat /etc/hosts /etc/hostname /etc/resolv.conf /run/.containerenv; \
             stat -c %a /etc/hosts; ls /",
        ]);
        assert!(!out.contains("leaked"), "{out}");
        assert!(!out.contains("10.9.9.9"), "{out}");
        assert!(!out.contains("4777"), "{out}");
        assert!(!out.contains("left-behind"), "{out}");
        let next = den
            .data()
            .join("containers")
            .join(inspect(&den, &name, "{{.Id}}"));
        reused |= !record_inodes(&next).is_disjoint(&first);
        den.ok(&["rm", "-f", "-t", "0", &name]);
    }
    assert!(
        reused,
        "no later container used the first one's files again"
    );
    drop(reader);
}
