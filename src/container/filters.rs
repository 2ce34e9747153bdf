//! Containers' seccomp filters, one file per distinct filter, linked.
//!
//! Each container keeps the filter it was created with at
//! `containers/<id>/seccomp.bpf`. Most containers have the same one, so
//! the file is a hard link to `seccomp/<sha256 of the program>.bpf`
//! beside the records: a link makes no inode and removing it frees none.
//! On a journal-less ext4 every inode made is looked for past every one
//! freed in the last minutes (ARCHITECTURE.md, issue 18), and a copy per
//! container was one more of each for every `run`. A stored filter that
//! no record links to any more (one link left) goes at `container prune`.

use std::path::Path;

use anyhow::Result;
use sha2::{Digest, Sha256};

use crate::runtime::seccomp::FILTER_FILE;
use crate::util::fs::{self as ufs, Durability};

/// The shared filters' directory, beside the records in `root`'s parent.
fn store(root: &Path) -> std::path::PathBuf {
    root.with_file_name("seccomp")
}

/// Give container directory `dir` the filter `bpf`: a link to the stored
/// copy (made first if there is none), or a copy of its own where no link
/// can be made (another file system, the link limit) or the stored one
/// is not `bpf` (a power cut emptied it: it is made again).
pub fn keep(root: &Path, dir: &Path, bpf: &[u8]) -> Result<()> {
    let target = dir.join(FILTER_FILE);
    let shared = store(root).join(format!("{}.bpf", hex::encode(Sha256::digest(bpf))));
    let linked = |fresh: bool| -> bool {
        if fresh
            && !(ufs::private_dir(&store(root)).is_ok()
                && ufs::write_atomic_with(&shared, bpf, Durability::Synced).is_ok())
        {
            return false;
        }
        if std::fs::hard_link(&shared, &target).is_err() {
            return false;
        }
        // Through the link: what the container will read.
        if ufs::read_private(&target).as_deref() == Some(bpf) {
            return true;
        }
        let _ = std::fs::remove_file(&target);
        false
    };
    if linked(false) || linked(true) {
        return Ok(());
    }
    ufs::write_atomic_with(&target, bpf, Durability::Unsynced)
}

/// Remove the stored filters no container links to, and what an
/// interrupted write left (a temporary file a minute old).
pub fn sweep(root: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(entries) = std::fs::read_dir(store(root)) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(m) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let name = e.file_name();
        let name = name.as_encoded_bytes();
        let lone = m.is_file() && m.nlink() == 1 && name.ends_with(b".bpf");
        let left = name.starts_with(b".")
            && m.modified()
                .is_ok_and(|t| t.elapsed().is_ok_and(|a| a.as_secs() >= 60));
        if lone || left {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn containers_share_one_file_per_filter_and_prune_removes_unlinked_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("containers");
        let (a, b, c) = (root.join("a"), root.join("b"), root.join("c"));
        for d in [&a, &b, &c] {
            std::fs::create_dir_all(d).unwrap();
        }
        keep(&root, &a, b"filter one").unwrap();
        keep(&root, &b, b"filter one").unwrap();
        keep(&root, &c, b"filter two").unwrap();
        let ino = |d: &Path| std::fs::metadata(d.join(FILTER_FILE)).unwrap().ino();
        assert_eq!(ino(&a), ino(&b), "one inode for one filter");
        assert_ne!(ino(&a), ino(&c));
        assert_eq!(std::fs::read(b.join(FILTER_FILE)).unwrap(), b"filter one");
        assert_eq!(std::fs::read_dir(store(&root)).unwrap().count(), 2);
        // A stored copy a power cut emptied is made again, not linked.
        let one = store(&root).join(format!(
            "{}.bpf",
            hex::encode(Sha256::digest(b"filter one"))
        ));
        std::fs::remove_file(&one).unwrap();
        std::fs::write(&one, b"").unwrap();
        let d = root.join("d");
        std::fs::create_dir_all(&d).unwrap();
        keep(&root, &d, b"filter one").unwrap();
        assert_eq!(std::fs::read(d.join(FILTER_FILE)).unwrap(), b"filter one");
        // Records gone: their stored filters go at the next sweep, those
        // still linked stay.
        std::fs::remove_dir_all(&c).unwrap();
        // What an interrupted write left goes once a minute old.
        let left = store(&root).join(".x.bpf.tmp-1");
        std::fs::write(&left, b"part").unwrap();
        let fresh = store(&root).join(".y.bpf.tmp-2");
        std::fs::write(&fresh, b"part").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&left)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(120))
            .unwrap();
        sweep(&root);
        assert!(!left.exists() && fresh.exists());
        std::fs::remove_file(&fresh).unwrap();
        assert!(std::fs::read_dir(store(&root)).unwrap().flatten().all(|e| e
            .metadata()
            .unwrap()
            .nlink()
            > 1));
        assert_eq!(std::fs::read(a.join(FILTER_FILE)).unwrap(), b"filter one");
        assert_eq!(std::fs::read(d.join(FILTER_FILE)).unwrap(), b"filter one");
    }
}
