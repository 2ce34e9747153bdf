//! den's files are the user's alone: other local users may neither read
//! them (`-e` secrets in config.json, logs, events) nor plant files den
//! would trust (a seccomp filter in the runtime directory).
//!
//! den creates its directories 0700 and its files 0600 (`util/fs.rs`);
//! only the files bound into containers (hosts, resolv.conf, hostname)
//! and the container's own root are readable by others, below private
//! directories. A storage made by an older den (0755 directories, 0644
//! files) is fixed the first time den runs on it: its root is found open,
//! made private, and den's own files below it too.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use anyhow::{bail, Result};

/// Refuse a runtime directory (`XDG_RUNTIME_DIR`, or `--runroot`) that
/// belongs to another user or that others may write to: whoever can
/// write there can replace what den reads back (as podman refuses).
/// A directory that does not exist yet is made by den, private.
pub fn check_runtime_base(dir: &Path, what: &str) -> Result<()> {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    let uid = rustix::process::getuid().as_raw();
    let name = format!("{what}={}", dir.display());
    if !meta.is_dir() {
        bail!("{name} is not a directory (unset it, or point it at a directory of yours)");
    }
    if meta.uid() != uid {
        bail!(
            "{name} belongs to uid {}, not to you (uid {uid}), as after `su` without `-`: another user could change what den reads there (log in as yourself with su - USER or machinectl shell USER@, or unset XDG_RUNTIME_DIR)",
            meta.uid()
        );
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        bail!(
            "{name} can be written by other users (mode {mode:04o}), who could change what den reads there (chmod 0700 {}, or point it at a directory of yours)",
            dir.display()
        );
    }
    Ok(())
}

/// Make den's directory `root` (its storage or runtime directory) private
/// if it is not: 0700, and den's own files below it 0600, directories 0700.
/// Returns whether it had to. Costs one stat when nothing needs fixing.
pub fn secure(root: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(root) else {
        return false;
    };
    let uid = rustix::process::getuid().as_raw();
    if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 == 0 {
        return false;
    }
    crate::debug!("making {} private (made by an older den)", root.display());
    walk(root, root);
    set_mode(root, 0o700);
    true
}

/// What belongs to containers and images, whose modes are theirs (layer
/// contents, a container's root and overlay directories, the files bound
/// into it), and work in progress under tmp/: `rel` is a path below the
/// storage root.
fn foreign(rel: &Path) -> bool {
    let c: Vec<&str> = rel.iter().filter_map(|x| x.to_str()).collect();
    matches!(
        c.as_slice(),
        ["layers", _, "diff"]
            | [
                "containers",
                _,
                "upper" | "work" | "merged" | "rootfs" | "empty"
            ]
            | [
                "containers",
                _,
                "hosts" | "resolv.conf" | "hostname" | "containerenv"
            ]
            | ["tmp", _]
    )
}

fn walk(root: &Path, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        let rel = path.strip_prefix(root).unwrap_or(&path);
        if foreign(rel) || ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(root, &path);
            set_mode(&path, 0o700);
        } else if ft.is_file() {
            set_mode(&path, 0o600);
        }
    }
}

/// Take group and other bits away (never add any).
fn set_mode(path: &Path, private: u32) {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        let mode = meta.mode() & 0o7777;
        if mode & 0o077 != 0 {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & private));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).expect("stat").mode() & 0o7777
    }

    #[test]
    fn an_old_storage_is_made_private_but_container_trees_keep_their_modes() {
        let t = tempfile::tempdir().expect("tmp");
        let root = t.path().join("den");
        let c = root.join("containers/abc");
        let diff = root.join("layers/123/diff/usr");
        for d in [&c.join("upper/etc"), &diff] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        for f in ["config.json", "ctr.log", "hosts"] {
            std::fs::write(c.join(f), b"x").expect("write");
        }
        std::fs::write(root.join("images.json"), b"{}").expect("write");
        std::fs::write(root.join("layers/123/layer.json"), b"{}").expect("write");
        let open = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
        };
        for d in [&root, &c, &c.join("upper"), &diff, &root.join("layers/123")] {
            open(d, 0o755);
        }
        for f in [
            c.join("config.json"),
            c.join("ctr.log"),
            c.join("hosts"),
            root.join("images.json"),
        ] {
            open(&f, 0o644);
        }
        assert!(secure(&root));
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&c), 0o700);
        assert_eq!(mode(&root.join("layers/123")), 0o700);
        assert_eq!(mode(&c.join("config.json")), 0o600);
        assert_eq!(mode(&c.join("ctr.log")), 0o600);
        assert_eq!(mode(&root.join("images.json")), 0o600);
        assert_eq!(mode(&root.join("layers/123/layer.json")) & 0o077, 0);
        // What containers see keeps its modes.
        assert_eq!(mode(&c.join("hosts")), 0o644);
        assert_eq!(mode(&c.join("upper")), 0o755);
        assert_eq!(mode(&diff), 0o755);
        assert!(!secure(&root), "a second run has nothing to do");
    }

    #[test]
    fn a_runtime_directory_others_can_write_is_refused() {
        let t = tempfile::tempdir().expect("tmp");
        let d = t.path().join("run");
        std::fs::create_dir(&d).expect("mkdir");
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        check_runtime_base(&d, "XDG_RUNTIME_DIR").expect("private is fine");
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        let e = check_runtime_base(&d, "XDG_RUNTIME_DIR").expect_err("open is refused");
        assert!(
            e.to_string().contains("can be written by other users"),
            "{e}"
        );
        check_runtime_base(&t.path().join("missing"), "XDG_RUNTIME_DIR").expect("den makes it");
    }
}
