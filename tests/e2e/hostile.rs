//! Hostile layers and images: nothing outside den's storage may be
//! created or changed, whatever a layer's names, symlinks or hardlinks say.
//! Each pull either succeeds with the content contained, or fails with a
//! clear error and leaves nothing a later pull or run would trust.

use std::path::{Path, PathBuf};

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};
use crate::support::registry::Registry;

/// A canary directory outside den's storage, and a snapshot of it.
struct Canary {
    dir: PathBuf,
}

impl Canary {
    fn new(den: &Den) -> Canary {
        let dir = den.home().join("outside");
        std::fs::create_dir_all(&dir).expect("canary dir");
        std::fs::write(dir.join("victim"), b"original\n").expect("victim");
        Canary { dir }
    }

    fn abs(&self) -> String {
        self.dir.display().to_string()
    }

    fn assert_untouched(&self, case: &str) {
        let names: Vec<String> = std::fs::read_dir(&self.dir)
            .expect("canary")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            vec!["victim".to_string()],
            "{case}: something was created outside den's storage"
        );
        assert_eq!(
            std::fs::read(self.dir.join("victim")).expect("victim"),
            b"original\n",
            "{case}: the victim file was changed"
        );
        // Nothing may appear at the absolute paths the layers name either.
        assert!(
            !Path::new("/escaped-abs").exists() && !Path::new("/tmp/escaped-abs").exists(),
            "{case}"
        );
    }
}

/// Push busybox + `hostile` as `repo`, pull and run it; return (pull ok, stderr).
fn try_pull(reg: &Registry, den: &Den, repo: &str, hostile: Vec<oci::Layer>) -> (bool, String) {
    let mut layers = vec![busybox_gz()];
    layers.extend(hostile);
    oci::push_image(&reg.addr, repo, "latest", &busybox_spec(), &layers, false);
    let out = den.output(&["pull", "-q", repo]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(125), "{repo}: {stderr}");
        assert!(
            stderr.starts_with("den: error: ") && stderr.lines().count() == 1,
            "{repo}: one clear line: {stderr}"
        );
        assert!(
            !den.ok(&["images", "--format", "{{.Repository}}"])
                .contains(repo),
            "{repo}: a failed pull recorded an image"
        );
    }
    (out.status.success(), stderr)
}

#[test]
fn dotdot_and_absolute_names_stay_inside_the_layer() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let canary = Canary::new(&den);
    let dotdot = format!("../../../../../../../..{}/escaped-dotdot", canary.abs());
    let abs = format!("{}/escaped-abs", canary.abs());
    let l = layer_of(
        |t: &mut TarWriter| {
            t.raw_file(dotdot.as_bytes(), b"dotdot\n")
                .raw_file(abs.as_bytes(), b"abs\n")
                .raw_file(b"/escaped-abs", b"x");
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "dotdot", vec![l]);
    assert!(ok, "{e}");
    canary.assert_untouched("dotdot and absolute names");
    // The content landed inside the image, under the cleaned names.
    let inside = format!(
        "cat {0}/escaped-dotdot {0}/escaped-abs /escaped-abs",
        canary.abs()
    );
    assert_eq!(
        den.ok(&["run", "--rm", "dotdot", "sh", "-c", &inside]),
        "dotdot\nabs\nx"
    );
    canary.assert_untouched("after run");
    tmp_is_clean(&den);
}

#[test]
fn a_symlink_then_a_file_through_it_cannot_escape() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let canary = Canary::new(&den);
    let out = canary.abs();
    // Same layer: a symlink to the canary, then a file through it.
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("evil", &out)
                .file("evil/through-symlink", b"x", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "samelayer", vec![l]);
    if !ok {
        assert!(
            e.contains("evil/through-symlink"),
            "the error names the entry: {e}"
        );
    }
    canary.assert_untouched("symlink then file, same layer");
    // A relative symlink climbing out, then a file through it.
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("up", "../../../../../../../../..").file(
                &format!("up{out}/climbed"),
                b"x",
                0o644,
                0,
                0,
            );
        },
        Compression::Gzip,
    );
    let (_ok, _e) = try_pull(&reg, &den, "climb", vec![l]);
    canary.assert_untouched("relative symlink climbing out");
    // A symlink, then a regular file entry of the same name: the link is replaced, not followed.
    let victim = format!("{out}/victim");
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("victim-link", &victim)
                .file("victim-link", b"overwritten\n", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "replace", vec![l]);
    assert!(ok, "{e}");
    assert_eq!(
        den.ok(&["run", "--rm", "replace", "cat", "/victim-link"]),
        "overwritten\n"
    );
    canary.assert_untouched("symlink replaced by a file");
    tmp_is_clean(&den);
}

#[test]
fn a_symlink_in_one_layer_and_a_file_through_it_in_the_next_cannot_escape() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let canary = Canary::new(&den);
    let out = canary.abs();
    let l1 = layer_of(
        |t: &mut TarWriter| {
            t.symlink("evil", &out);
        },
        Compression::Gzip,
    );
    let l2 = layer_of(
        |t: &mut TarWriter| {
            t.file("evil/next-layer", b"x", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "twolayers", vec![l1, l2]);
    assert!(ok, "{e}");
    canary.assert_untouched("pull");
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--rm",
            "twolayers",
            "sh",
            "-c",
            "cat /evil/next-layer; echo y > /evil/at-runtime || true",
        ]);
        canary.assert_untouched(driver);
    }
    tmp_is_clean(&den);
}

#[test]
fn a_hardlink_to_a_host_file_is_refused() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let canary = Canary::new(&den);
    let victim = format!("{}/victim", canary.abs());
    let l = layer_of(
        |t: &mut TarWriter| {
            t.hardlink("hard", &victim);
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "hardlink", vec![l]);
    assert!(!ok, "a hardlink to a file outside the layer must fail");
    assert!(
        e.contains("hardlink") && e.contains("not in the same layer"),
        "{e}"
    );
    // Through a symlink to the root: still resolved inside the layer.
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("root", "/")
                .hardlink("hard2", &format!("root{victim}"));
        },
        Compression::Gzip,
    );
    let (ok, _e) = try_pull(&reg, &den, "hardlink2", vec![l]);
    assert!(!ok);
    canary.assert_untouched("hardlinks");
    tmp_is_clean(&den);
}

#[test]
fn image_symlinks_cannot_redirect_the_runtime_mounts() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    let canary = Canary::new(&den);
    let victim = format!("{}/victim", canary.abs());
    // /etc/hosts and /etc/resolv.conf point at a host file: the bind mounts land inside the rootfs.
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("etc/hosts", &victim)
                .symlink("etc/resolv.conf", &victim);
        },
        Compression::Gzip,
    );
    let (ok, e) = try_pull(&reg, &den, "etclinks", vec![l]);
    assert!(ok, "{e}");
    let out = den.output(&["run", "--rm", "etclinks", "cat", "/etc/hosts"]);
    canary.assert_untouched("/etc/hosts symlink");
    if out.status.success() {
        // Both links name one path inside the rootfs: den's files are bound
        // there (resolv.conf last, so it shows), never on the host's.
        let seen = String::from_utf8_lossy(&out.stdout);
        assert!(
            seen.contains("nameserver") || seen.contains("localhost"),
            "{seen}"
        );
    }
    // /proc and /dev as symlinks out of the rootfs.
    let l = layer_of(
        |t: &mut TarWriter| {
            t.symlink("proc", &canary.abs())
                .symlink("dev", &canary.abs());
        },
        Compression::Gzip,
    );
    let mut layers = vec![layer_of(
        |t: &mut TarWriter| {
            t.whiteout("", "proc").whiteout("", "dev");
        },
        Compression::Gzip,
    )];
    layers.push(l);
    let (ok, e) = try_pull(&reg, &den, "proclinks", layers);
    assert!(ok, "{e}");
    let out = den.output(&["run", "--rm", "proclinks", "true"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() || stderr.starts_with("den: error: "),
        "{stderr}"
    );
    canary.assert_untouched("/proc and /dev symlinks");
}

#[test]
fn a_corrupt_blob_is_refused_and_nothing_is_kept() {
    let reg = Registry::start();
    let den = Den::new(&reg.addr);
    // A layer whose diff id in the config does not match its content.
    let mut bad = layer_of(
        |t: &mut TarWriter| {
            t.file("f", b"real", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    bad.diff_id = format!("sha256:{}", "1".repeat(64));
    let (ok, e) = try_pull(&reg, &den, "baddiff", vec![bad]);
    assert!(!ok);
    assert!(e.contains("does not match its diff id"), "{e}");
    assert!(!den.data().join("layers").join("1".repeat(64)).exists());
    tmp_is_clean(&den);
    // A good pull afterwards works, and reuses nothing from the failed one.
    push_busybox(&reg, "busybox", "latest");
    den.ok(&["pull", "-q", "busybox"]);
    den.ok(&["run", "--rm", "busybox", "true"]);
}

/// A fake registry on loopback that answers every manifest request with
/// `status` and a body that never ends (up to 256 MiB); how many bytes it
/// managed to send is counted in the returned total.
fn endless_registry(
    status: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::Write;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let sent = std::sync::Arc::new(AtomicUsize::new(0));
    let count = sent.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let count = count.clone();
            std::thread::spawn(move || {
                // A TLS handshake (den trying HTTPS first): not for us.
                let mut peek = [0u8; 1];
                if conn
                    .peek(&mut peek)
                    .map(|n| n == 0 || peek[0] == 0x16)
                    .unwrap_or(true)
                {
                    return;
                }
                let first = read_request_head(&conn);
                let mut w = &conn;
                if !first.contains("/manifests/") {
                    let _ = w.write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    );
                    return;
                }
                let head = format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n");
                let _ = w.write_all(head.as_bytes());
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..256 {
                    if w.write_all(&chunk).is_err() {
                        break;
                    }
                    count.fetch_add(chunk.len(), Ordering::Relaxed);
                }
            });
        }
    });
    (addr, sent)
}

#[test]
fn an_endless_manifest_or_error_body_is_cut_off() {
    for (status, want) in [
        ("200 OK", "larger than 4 MiB"),
        ("404 Not Found", "not found"),
        ("500 Oops", "HTTP 500"),
    ] {
        let (addr, sent) = endless_registry(status);
        let den = Den::new(&addr);
        let e = den.fails(&["pull", &format!("{addr}/huge:latest")], 125);
        assert!(e.contains(want), "{status}: {e}");
        let errors: Vec<&str> = e
            .lines()
            .filter(|l| l.starts_with("den: error: "))
            .collect();
        assert!(
            errors.len() == 1 && errors[0].len() < 1000,
            "{status}: one short error line: {e}"
        );
        let n = sent.load(std::sync::atomic::Ordering::Relaxed);
        assert!(n < 64 << 20, "{status}: den kept reading ({n} bytes sent)");
    }
}
