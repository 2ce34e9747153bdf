//! Other local users: den's storage, runtime and config files are the
//! user's alone, an older storage is fixed, and a runtime directory others
//! can write to is refused rather than trusted.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::common::*;

/// Files a container reads through bind mounts (0644 below private
/// directories) and trees whose modes are the image's or the container's.
fn containers_own(rel: &Path) -> bool {
    let c: Vec<String> = rel
        .iter()
        .map(|x| x.to_string_lossy().into_owned())
        .collect();
    let c: Vec<&str> = c.iter().map(String::as_str).collect();
    matches!(
        c.as_slice(),
        ["layers", _, "diff", ..]
            | [
                "containers",
                _,
                "upper" | "work" | "merged" | "rootfs" | "empty",
                ..
            ]
            | [
                "containers",
                _,
                "hosts" | "resolv.conf" | "hostname" | "containerenv"
            ]
    )
}

/// Paths under `root` (den's own files) that group or others can read,
/// write or enter.
fn open_to_others(root: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let meta = std::fs::symlink_metadata(&dir).expect("stat");
        if meta.mode() & 0o077 != 0 {
            out.push((dir.clone(), meta.mode() & 0o7777));
        }
        for e in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = e.path();
            let rel = path.strip_prefix(root).expect("below root");
            let ft = e.file_type().expect("type");
            if containers_own(rel) || ft.is_symlink() || ft.is_socket_like() {
                continue;
            }
            if ft.is_dir() {
                stack.push(path);
            } else {
                let m = e.metadata().expect("stat").mode();
                if m & 0o077 != 0 {
                    out.push((path, m & 0o7777));
                }
            }
        }
    }
    out
}

trait SocketLike {
    fn is_socket_like(&self) -> bool;
}
impl SocketLike for std::fs::FileType {
    fn is_socket_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_socket() || self.is_fifo()
    }
}

/// Put a den's files to work: an image, a running container with a secret
/// in its environment and output in its log, an exec, a network.
fn use_den(den: &Den) {
    den.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "-e",
        "SECRET=hunter2",
        "busybox",
        "sh",
        "-c",
        "echo logged; sleep 1000",
    ]);
    wait_for("the log", || den.ok(&["logs", "c"]).contains("logged"));
    den.ok(&["exec", "c", "true"]);
    den.ok(&["network", "create", "privnet"]);
}

fn assert_private(den: &Den) {
    let run = den.home().join("run/den");
    for root in [den.data(), run] {
        let open = open_to_others(&root);
        assert!(
            open.is_empty(),
            "open to other users under {}: {open:?}",
            root.display()
        );
    }
    // Containers still work for users other than root inside them.
    den.ok(&[
        "run",
        "--rm",
        "-u",
        "1000",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts /etc/resolv.conf /etc/hostname > /dev/null && ls / > /dev/null",
    ]);
}

#[test]
fn dens_files_are_private_from_the_start() {
    let (_reg, den) = ready();
    use_den(&den);
    assert_private(&den);
    let (_, mode) = owner_mode(&den.data().join("containers"));
    assert_eq!(mode & 0o777, 0o700);
    den.ok(&["rm", "-f", "c"]);
}

#[test]
fn a_storage_made_by_an_older_den_is_made_private() {
    let (_reg, den) = ready();
    use_den(&den);
    den.ok(&["stop", "c"]);
    // As an older den left them: directories 0755, files 0644.
    let uid = std::fs::metadata(den.home()).expect("home").uid();
    for root in [den.data(), den.home().join("run/den")] {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
            for e in std::fs::read_dir(&dir).expect("read_dir").flatten() {
                let (path, ft) = (e.path(), e.file_type().expect("type"));
                let rel = path.strip_prefix(&root).expect("below");
                let mine = e.metadata().map(|m| m.uid() == uid).unwrap_or(false);
                if containers_own(rel) || ft.is_symlink() || !mine {
                    continue;
                }
                if ft.is_dir() {
                    stack.push(path);
                } else if ft.is_file() {
                    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
                }
            }
        }
    }
    assert!(!open_to_others(&den.data()).is_empty());
    den.ok(&["ps", "-a"]);
    den.ok(&["start", "c"]);
    assert_private(&den);
    den.ok(&["rm", "-f", "c"]);
}

#[test]
fn a_runtime_directory_of_another_user_or_open_to_others_is_refused() {
    let (_reg, den) = ready();
    // /tmp: owned by root and writable by everyone.
    let e = String::from_utf8_lossy(
        &den.cmd(&["ps"])
            .env("XDG_RUNTIME_DIR", "/tmp")
            .output()
            .expect("den")
            .stderr,
    )
    .into_owned();
    assert!(
        e.starts_with("den: error: XDG_RUNTIME_DIR=/tmp belongs to uid 0"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
    let shared = den.home().join("shared-run");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    for args in [
        vec!["ps"],
        vec!["--runroot", &shared.display().to_string(), "ps"],
    ] {
        let out = den
            .cmd(&args)
            .env("XDG_RUNTIME_DIR", &shared)
            .output()
            .expect("den");
        assert_eq!(out.status.code(), Some(125));
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.contains("can be written by other users (mode 0777)"),
            "{e}"
        );
    }
    assert_eq!(
        std::fs::read_dir(&shared).expect("dir").count(),
        0,
        "den wrote there"
    );
}

/// A seccomp filter den did not write is never loaded: one planted in a
/// cache directory others could write to is ignored, and the container is
/// filtered as usual.
#[test]
fn a_planted_seccomp_filter_is_not_loaded() {
    let (_reg, den) = ready_checker();
    let report = |den: &Den| -> serde_json::Value {
        let out = den.ok(&["run", "--rm", "checker", "den-checker"]);
        serde_json::from_str(&out).expect("json")
    };
    assert_eq!(report(&den)["syscalls"]["keyctl"], "EPERM");
    let cache = den.home().join("run/den/seccomp");
    let cached: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("the filter cache")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    // A program that allows every call: BPF_RET|BPF_K SECCOMP_RET_ALLOW.
    let allow_all = [0x06u8, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f];
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    std::fs::remove_file(&cached[0]).expect("rm");
    std::fs::write(&cached[0], allow_all).expect("plant");
    assert_eq!(
        report(&den)["syscalls"]["keyctl"],
        "EPERM",
        "the planted filter was loaded"
    );
    // The same file, writable by others, in a private directory.
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    std::fs::remove_file(&cached[0]).expect("rm");
    std::fs::write(&cached[0], allow_all).expect("plant");
    std::fs::set_permissions(&cached[0], std::fs::Permissions::from_mode(0o666)).expect("chmod");
    assert_eq!(
        report(&den)["syscalls"]["keyctl"],
        "EPERM",
        "the planted filter was loaded"
    );
}
