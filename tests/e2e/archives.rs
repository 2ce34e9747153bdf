//! `save` and `load`: round trips through docker-archive, oci-archive and
//! oci-dir keep image ids; archives of skopeo (and podman, when it is
//! installed) load into den and den's into them; hostile archives are
//! refused whole.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;
use crate::support::layers::TarWriter;

#[test]
fn save_and_load_round_trip_in_every_format() {
    let (reg, den) = ready();
    let id = inspect(&den, "busybox", "{{.Id}}");
    let name = format!("{}/busybox:latest", reg.addr);
    den.ok(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo second > /second",
    ]);
    let second = den
        .ok(&["commit", "-q", "c", "second:v1"])
        .trim()
        .to_string();
    den.ok(&["rm", "c"]);

    for format in ["docker-archive", "oci-archive", "oci-dir"] {
        let out = den.home().join(format!("saved-{format}"));
        let o = out.display().to_string();
        den.ok(&["save", "--format", format, "-o", &o, "busybox", "second:v1"]);
        let other = Den::new(&reg.addr);
        let loaded = other.ok(&["load", "-i", &o]);
        assert!(
            loaded.contains(&format!("Loaded image: {name}")),
            "{format}: {loaded}"
        );
        assert!(
            loaded.contains("Loaded image: localhost/second:v1"),
            "{format}: {loaded}"
        );
        assert_eq!(inspect(&other, "busybox", "{{.Id}}"), id, "{format}");
        assert_eq!(inspect(&other, "second:v1", "{{.Id}}"), second, "{format}");
        assert_eq!(
            other.ok(&[
                "run",
                "--rm",
                "--network",
                "none",
                "second:v1",
                "cat",
                "/second"
            ]),
            "second\n",
            "{format}"
        );
        // Loading again changes nothing.
        assert!(other.ok(&["load", "-i", &o]).contains("Loaded image"));
        assert_eq!(other.ok(&["images", "-q"]).lines().count(), 2, "{format}");
    }

    // Through a pipe, gzip-compressed.
    let mut save = den.cmd(&["save", "busybox"]);
    save.stdout(Stdio::piped());
    let mut child = save.spawn().expect("save");
    let mut tar = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.take().expect("stdout"), &mut tar).expect("read");
    assert!(child.wait().expect("wait").success());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let other = Den::new(&reg.addr);
    let mut load = other.cmd(&["load"]);
    load.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = load.spawn().expect("load");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&gz)
        .expect("write");
    let out = child.wait_with_output().expect("load");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(inspect(&other, "busybox", "{{.Id}}"), id);

    // No archive on a terminal's behalf, no half-written file.
    let e = den.fails(
        &[
            "save",
            "-o",
            &den.home().join("x.tar").display().to_string(),
            "nosuch",
        ],
        125,
    );
    assert!(e.contains("nosuch: image not known"), "{e}");
    assert!(!den.home().join("x.tar").exists());
    assert!(std::fs::read_dir(den.home())
        .expect("home")
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".x.tar")));
}

/// Write a tar of (name, content) regular files and (name, target) links.
fn archive(files: &[(&str, &[u8])], links: &[(&str, &str)]) -> Vec<u8> {
    let mut t = TarWriter::new();
    for (n, c) in files {
        t.file(n, c, 0o644, 0, 0);
    }
    for (n, target) in links {
        t.symlink(n, target);
    }
    t.finish()
}

#[test]
fn hostile_archives_are_refused_whole() {
    let (_reg, den) = ready();
    let id = inspect(&den, "busybox", "{{.Id}}");
    let saved = den.home().join("b.tar");
    den.ok(&["save", "-o", &saved.display().to_string(), "busybox"]);
    let good = std::fs::read(&saved).expect("read");
    let mut entries = Vec::new();
    let mut a = tar::Archive::new(&good[..]);
    for e in a.entries().expect("entries") {
        let mut e = e.expect("entry");
        let name = e.path().expect("path").display().to_string();
        let mut c = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut c).expect("read");
        entries.push((name, c));
    }
    let get = |n: &str| {
        entries
            .iter()
            .find(|(x, _)| x.ends_with(n))
            .map(|(_, c)| c.clone())
    };
    let manifest = get("manifest.json").expect("manifest.json");
    let config_name = format!("{id}.json");
    let config = get(&config_name).expect("config");
    let layer_name = entries
        .iter()
        .find(|(n, _)| n.ends_with(".tar"))
        .map(|(n, _)| n.clone())
        .expect("a layer");
    let layer = get(&layer_name).expect("layer");

    let fresh = Den::new(&_reg.addr);
    let load = |bytes: Vec<u8>| -> String {
        let f = fresh.home().join("in.tar");
        std::fs::write(&f, bytes).expect("write");
        fresh.fails(&["load", "-i", &f.display().to_string()], 125)
    };
    // A layer whose content is not what the config says.
    let mut bad_layer = layer.clone();
    bad_layer.extend_from_slice(&[0u8; 1024]);
    let e = load(archive(
        &[
            (&layer_name, &bad_layer),
            (&config_name, &config),
            ("manifest.json", &manifest),
        ],
        &[],
    ));
    assert!(
        e.contains("does not match its diff id") && e.lines().count() == 1,
        "{e}"
    );
    // A manifest that names files outside the archive.
    let escaping = String::from_utf8_lossy(&manifest).replace(&config_name, "../../../etc/passwd");
    let e = load(archive(
        &[
            (&layer_name, &layer),
            (&config_name, &config),
            ("manifest.json", escaping.as_bytes()),
        ],
        &[],
    ));
    assert!(e.contains("the archive has no ../../../etc/passwd"), "{e}");
    // A symlink in the archive that leads out of it.
    let linked = String::from_utf8_lossy(&manifest).replace(&config_name, "cfg.json");
    let e = load(archive(
        &[(&layer_name, &layer), ("manifest.json", linked.as_bytes())],
        &[("cfg.json", "../../../../etc/passwd")],
    ));
    assert!(e.contains("the archive has no cfg.json"), "{e}");
    // Not an archive at all.
    let e = load(b"this is not a tar archive, it is a sentence that goes on".repeat(20));
    assert!(
        e.starts_with("den: error: ") && e.lines().count() == 1,
        "{e}"
    );
    assert_eq!(fresh.ok(&["images", "-q"]), "", "nothing was loaded");
    let tmp = fresh.data().join("tmp");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|r| r.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| n.to_string_lossy().ends_with(".lock")) || left.is_empty(),
        "{left:?}"
    );
}

/// skopeo (in ci/test.sh's packages) reads den's archives and den reads
/// skopeo's; so does podman when it is installed.
#[test]
fn archives_of_skopeo_and_podman_load_both_ways() {
    let (reg, den) = ready();
    let id = inspect(&den, "busybox", "{{.Id}}");
    let dir = den.home();
    for format in ["docker-archive", "oci-archive"] {
        // den's archive, read by skopeo: the same config.
        let f = dir.join(format!("den-{format}.tar")).display().to_string();
        den.ok(&["save", "--format", format, "-o", &f, "busybox"]);
        let out = Command::new("skopeo")
            .args(["inspect", "--config", &format!("{format}:{f}")])
            .output()
            .expect("skopeo");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let config: serde_json::Value = serde_json::from_slice(&out.stdout).expect("config json");
        assert_eq!(config["rootfs"]["type"], "layers", "{format}");
        let out = Command::new("skopeo")
            .args(["inspect", &format!("{format}:{f}")])
            .output()
            .expect("skopeo");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        // skopeo's archive of the registry's image, read by den.
        let sk = dir
            .join(format!("skopeo-{format}.tar"))
            .display()
            .to_string();
        let dest = if format == "oci-archive" {
            format!("{format}:{sk}:busybox:latest")
        } else {
            format!("{format}:{sk}:{}/busybox:latest", reg.addr)
        };
        let out = Command::new("skopeo")
            .args([
                "copy",
                "--src-tls-verify=false",
                &format!("docker://{}/busybox:latest", reg.addr),
                &dest,
            ])
            .env("HOME", den.home())
            // Its own runtime directory, not /run/containers/UID (which
            // another tool run as root may have left closed).
            .env("XDG_RUNTIME_DIR", den.dir.path().join("run"))
            .output()
            .expect("skopeo");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let other = Den::new(&reg.addr);
        other.ok(&["load", "-i", &sk]);
        let loaded = other.ok(&["images", "-q", "--no-trunc"]);
        assert_eq!(loaded.trim().trim_start_matches("sha256:"), id, "{format}");
        // Named as podman names it: an OCI archive's short name under
        // localhost/ (it was docker.io's), a Docker archive's as tagged.
        let name = other.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
        let want = if format == "oci-archive" {
            "localhost/busybox:latest".to_string()
        } else {
            format!("{}/busybox:latest", reg.addr)
        };
        assert_eq!(name.trim(), want, "{format}");
        if let Some(podman) = Podman::new(&den) {
            podman.run(&["load", "-i", &sk]);
            let theirs = podman.run(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
            assert!(
                theirs.lines().any(|l| l == want),
                "{format}: podman has {theirs}"
            );
        }
    }
    // podman, when it is installed: den's archive in, podman's archive out.
    if let Some(podman) = Podman::new(&den) {
        let f = dir.join("den-docker-archive.tar").display().to_string();
        podman.run(&["load", "-i", &f]);
        let pid = podman.run(&["images", "-q", "--no-trunc"]);
        assert_eq!(pid.trim().trim_start_matches("sha256:"), id);
        let pf = dir.join("podman.tar").display().to_string();
        podman.run(&["save", "-o", &pf, &format!("{}/busybox:latest", reg.addr)]);
        let other = Den::new(&reg.addr);
        other.ok(&["load", "-i", &pf]);
        assert_eq!(inspect(&other, "busybox", "{{.Id}}"), id);
    }
}

/// Serve `body` once over HTTP on a free port; returns the URL.
fn serve_once(body: Vec<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut s, &mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/rootfs.tar")
}

#[test]
fn import_makes_an_image_from_a_tarball_file_stdin_or_url() {
    let (reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo inside > /made",
    ]);
    let tar = den.home().join("fs.tar");
    den.ok(&["export", "-o", &tar.display().to_string(), "c"]);
    let id = den
        .ok(&[
            "import",
            "-c",
            "CMD [\"cat\", \"/made\"]",
            "-c",
            "ENV WHO=imported",
            "-m",
            "from a tarball",
            &tar.display().to_string(),
            "mine:v1",
        ])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    assert_eq!(
        den.ok(&["run", "--rm", "--network", "none", "mine:v1"]),
        "inside\n"
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "mine:v1",
            "sh",
            "-c",
            "echo $WHO"
        ]),
        "imported\n"
    );
    assert_eq!(
        den.ok(&["history", "--format", "{{.Comment}}", "mine:v1"])
            .trim(),
        "from a tarball"
    );

    // From stdin, gzip-compressed; and from a URL: the same layer.
    let raw = std::fs::read(&tar).expect("tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).expect("gzip");
    let other = Den::new(&reg.addr);
    let mut cmd = other.cmd(&["import", "-", "piped:v1"]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&gz.finish().expect("gz"))
        .expect("write");
    let out = child.wait_with_output().expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = serve_once(raw);
    other.ok(&["import", &url, "fetched:v1"]);
    let layers = |name: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&other.ok(&["image", "inspect", name])).expect("json");
        v[0]["RootFS"]["Layers"].clone()
    };
    assert_eq!(layers("piped:v1"), layers("fetched:v1"));
    assert_eq!(
        other.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "fetched:v1",
            "cat",
            "/made"
        ]),
        "inside\n"
    );

    let e = den.fails(&["import", "/no/such/file.tar"], 125);
    assert!(e.contains("give a tarball"), "{e}");
    let e = den.fails(&["import", "-c", "FROB x", &tar.display().to_string()], 125);
    assert!(e.contains("FROB"), "{e}");
}

/// `import` of a tarball compressed with xz or bzip2 (a file, stdin, a
/// URL), as Docker's: the system's program decompresses it. A corrupt
/// one is refused in one line, nothing kept.
#[test]
fn import_reads_xz_and_bzip2_tarballs() {
    let (_reg, den) = ready();
    let fs = den.home().join("fs");
    std::fs::create_dir_all(fs.join("etc")).expect("dir");
    std::fs::write(fs.join("etc/made"), "packed\n").expect("file");
    let tar = den.home().join("fs.tar");
    tar_of(&fs, &tar, false);
    let (xz, bz) = (compressed("xz", &tar), compressed("bzip2", &tar));
    let xz_file = den.home().join("fs.tar.xz");
    std::fs::write(&xz_file, &xz).expect("xz");
    den.ok(&["import", &xz_file.display().to_string(), "from-xz:v1"]);
    let out = crate::build::den_with_stdin(&den, &["import", "-", "from-bz:v1"], &bz);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    den.ok(&["import", &serve_once(xz.clone()), "from-url:v1"]);
    den.ok(&["import", &tar.display().to_string(), "plain:v1"]);
    let layers = |name: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&den.ok(&["image", "inspect", name])).expect("json");
        v[0]["RootFS"]["Layers"].clone()
    };
    for name in ["from-xz:v1", "from-bz:v1", "from-url:v1"] {
        assert_eq!(layers(name), layers("plain:v1"), "{name}: the same layer");
    }
    // Cut streams: one line, exit 125, no image, nothing in tmp.
    for (tool, bytes) in [("xz", &xz), ("bzip2", &bz)] {
        let cut = den.home().join(format!("cut.tar.{tool}"));
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("cut");
        let e = den.fails(&["import", &cut.display().to_string(), "cut:v1"], 125);
        assert!(
            e.starts_with("den: error: ") && e.trim().lines().count() == 1,
            "{e}"
        );
        assert!(e.contains(tool), "{e}");
        den.fails(&["image", "inspect", "cut:v1"], 125);
    }
    // A plain tar whose first name begins as bzip2's magic is a tar.
    let odd = den.home().join("odd");
    std::fs::create_dir_all(&odd).expect("dir");
    std::fs::write(odd.join("BZh9-notes"), "plain\n").expect("file");
    let odd_tar = den.home().join("odd.tar");
    let made = Command::new("tar")
        .arg("-cf")
        .arg(&odd_tar)
        .arg("-C")
        .arg(&odd)
        .arg("BZh9-notes")
        .status()
        .expect("tar");
    assert!(made.success());
    den.ok(&["import", &odd_tar.display().to_string(), "odd:v1"]);
    let left: Vec<_> = std::fs::read_dir(den.data().join("tmp"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `load` of an archive compressed with xz or bzip2 (`save | xz`), from
/// a file and from stdin, as Docker's: the same image id.
#[test]
fn load_reads_xz_and_bzip2_archives() {
    let (reg, den) = ready();
    let id = inspect(&den, "busybox", "{{.Id}}");
    let saved = den.home().join("saved.tar");
    den.ok(&["save", "-o", &saved.display().to_string(), "busybox"]);
    for tool in ["xz", "bzip2"] {
        let packed = compressed(tool, &saved);
        let file = den.home().join(format!("saved.tar.{tool}"));
        std::fs::write(&file, &packed).expect("write");
        let other = Den::new(&reg.addr);
        other.ok(&["load", "-i", &file.display().to_string()]);
        assert_eq!(inspect(&other, "busybox", "{{.Id}}"), id, "{tool}, a file");
        let again = Den::new(&reg.addr);
        let out = crate::build::den_with_stdin(&again, &["load"], &packed);
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(inspect(&again, "busybox", "{{.Id}}"), id, "{tool}, stdin");
    }
    // A cut one: one line, exit 125, no image.
    let cut = den.home().join("cut.tar.xz");
    let packed = compressed("xz", &saved);
    std::fs::write(&cut, &packed[..packed.len() / 2]).expect("cut");
    let other = Den::new(&reg.addr);
    let e = other.fails(&["load", "-i", &cut.display().to_string()], 125);
    assert!(
        e.starts_with("den: error: ") && e.trim().lines().count() == 1,
        "{e}"
    );
    assert_eq!(other.ok(&["images", "-q"]), "");
}
