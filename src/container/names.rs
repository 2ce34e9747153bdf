//! An index of container names, so that a command naming a container
//! reads one record rather than every container's (`start web` with a
//! thousand containers read a thousand records): `container-names/NAME`
//! beside the records, a symbolic link whose target is the container's
//! id (never followed: only read), in base64 (43 characters): a target
//! under 60 bytes lives in ext4's inode, while the id's 64 hex digits took
//! a block of their own, whose freeing made each removal's unlink 0.2 ms
//! on a disk mounted with `discard`.
//!
//! It is a hint, never the authority. Links are written and removed under
//! the containers lock by whoever creates, renames or removes a
//! container; `find` uses a link only when the record it leads to bears
//! that very name, and reads every record as before otherwise (a name
//! that is not there, a container made by an older den, a link left by a
//! removal that was killed half-way). So a stale or forged link can cost
//! a scan, never give a wrong container.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as LINK;
use base64::Engine;

use crate::util::ids;

pub struct Names {
    dir: PathBuf,
}

impl Names {
    /// The index beside the records directory `records`.
    pub fn beside(records: &Path) -> Names {
        Names {
            dir: records.with_file_name("container-names"),
        }
    }

    /// The link for `name`, when `name` is one a container may have (no
    /// other path is ever made from the user's input).
    fn link(&self, name: &str) -> Option<PathBuf> {
        ids::is_valid_name(name).then(|| self.dir.join(name))
    }

    /// The id `name`'s link gives, if it is an id: the caller checks the
    /// record it leads to bears the name.
    pub fn get(&self, name: &str) -> Option<String> {
        let target = std::fs::read_link(self.link(name)?).ok()?;
        let id = hex::encode(LINK.decode(target.to_str()?).ok()?);
        ids::is_full_id(&id).then_some(id)
    }

    /// Link `name` to container `id` (under the containers lock). Best
    /// effort: without the link, `find` reads the records. One system
    /// call when the name has no link yet.
    pub fn set(&self, name: &str, id: &str) {
        let Some(link) = self.link(name) else { return };
        let Ok(bytes) = hex::decode(id) else { return };
        let target = LINK.encode(bytes);
        for _ in 0..2 {
            match std::os::unix::fs::symlink(&target, &link) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let _ = std::fs::remove_file(&link);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if crate::util::fs::private_dir(&self.dir).is_err() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// Remove `name`'s link if it is container `id`'s (under the
    /// containers lock).
    pub fn unset(&self, name: &str, id: &str) {
        if self.get(name).as_deref() == Some(id) {
            if let Some(link) = self.link(name) {
                let _ = std::fs::remove_file(link);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn names() -> (tempfile::TempDir, Names) {
        let t = tempfile::tempdir().expect("tempdir");
        let n = Names::beside(&t.path().join("containers"));
        (t, n)
    }

    #[test]
    fn a_name_leads_to_its_id_until_it_is_unset_by_that_container() {
        let (_t, n) = names();
        assert_eq!(n.get("web"), None);
        n.set("web", A);
        assert_eq!(n.get("web").as_deref(), Some(A));
        n.set("web", B);
        assert_eq!(n.get("web").as_deref(), Some(B));
        n.unset("web", A);
        assert_eq!(n.get("web").as_deref(), Some(B), "another's link stays");
        n.unset("web", B);
        assert_eq!(n.get("web"), None);
    }

    #[test]
    fn no_path_is_made_from_what_is_not_a_name_and_no_target_but_an_id_is_given() {
        let (t, n) = names();
        n.set("../escape", A);
        n.set("a/b", A);
        assert!(!t.path().join("escape").exists());
        assert!(!t.path().join("container-names/a").exists());
        assert_eq!(n.get("../escape"), None);
        std::fs::create_dir_all(t.path().join("container-names")).expect("dir");
        for (name, target) in [("odd", "../containers/x"), ("short", "qqqq"), ("hex", A)] {
            std::os::unix::fs::symlink(target, t.path().join("container-names").join(name))
                .expect("link");
            assert_eq!(n.get(name), None, "{target} is not an id's link");
        }
        n.set("web", A);
        let target = std::fs::read_link(t.path().join("container-names/web")).expect("link");
        assert!(target.as_os_str().len() < 60, "{target:?} fits in an inode");
    }
}
