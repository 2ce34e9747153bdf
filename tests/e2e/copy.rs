//! `cp` and `export`: files in and out of running and stopped containers,
//! as podman places them, and never outside the container's root whatever
//! its symlinks say.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;

use crate::common::*;
use crate::support::oci::{self, Compression};

fn tar_names(tar: &[u8]) -> Vec<String> {
    let mut a = tar::Archive::new(tar);
    a.entries()
        .expect("entries")
        .map(|e| {
            e.expect("entry")
                .path()
                .expect("path")
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn files_and_directories_in_and_out_as_podman_places_them() {
    let (_reg, den) = ready();
    let host = den.home().join("h");
    std::fs::create_dir_all(host.join("dir/inner")).expect("dirs");
    std::fs::write(host.join("file"), "hello\n").expect("file");
    std::fs::write(host.join("dir/inner/b"), "b\n").expect("b");
    std::fs::set_permissions(host.join("file"), std::fs::Permissions::from_mode(0o640))
        .expect("chmod");
    let h = |p: &str| host.join(p).display().to_string();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "--user",
        "1000:1000",
        "busybox",
        "sleep",
        "120",
    ]);
    den.ok(&[
        "create",
        "--name",
        "s",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    for c in ["c", "s"] {
        den.ok(&["cp", &h("file"), &format!("{c}:/tmp/")]);
        den.ok(&["cp", &h("file"), &format!("{c}:/tmp/renamed")]);
        den.ok(&["cp", &h("dir"), &format!("{c}:/tmp/")]);
        den.ok(&["cp", &h("dir"), &format!("{c}:/tmp/newdir")]);
        den.ok(&[
            "cp",
            &format!("{}/.", h("dir")),
            &format!("{c}:/tmp/contents"),
        ]);
        let e = den.fails(&["cp", &h("dir"), &format!("{c}:/tmp/file")], 125);
        assert!(e.contains("destination must be a directory"), "{e}");
        let e = den.fails(&["cp", &h("file"), &format!("{c}:/nonexist/x")], 125);
        assert!(
            e.contains("\"/nonexist/x\" could not be found on container"),
            "{e}"
        );
        let e = den.fails(&["cp", &h("nosuch"), &format!("{c}:/tmp/")], 125);
        assert!(e.contains("could not be found on the host"), "{e}");
    }
    let listing = "cd /tmp && find file renamed dir newdir contents | sort && stat -c '%u:%g %a' file dir/inner/b";
    let want = |ids: &str| {
        format!("contents\ncontents/inner\ncontents/inner/b\ndir\ndir/inner\ndir/inner/b\nfile\nnewdir\nnewdir/inner\nnewdir/inner/b\nrenamed\n{ids} 640\n{ids} 644\n")
    };
    // Owned by each container's user: 1000 for the running one, root for the other.
    assert_eq!(
        den.ok(&["exec", "c", "sh", "-c", listing]),
        want("1000:1000")
    );
    den.ok(&["commit", "-q", "s", "stopped-copy"]);
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "stopped-copy",
            "sh",
            "-c",
            listing
        ]),
        want("0:0")
    );
    // Out again, from the running and the stopped one.
    for c in ["c", "s"] {
        let out = den.home().join(format!("out-{c}"));
        std::fs::create_dir(&out).expect("out");
        let o = |p: &str| out.join(p).display().to_string();
        den.ok(&["cp", &format!("{c}:/tmp/file"), &o("")]);
        den.ok(&["cp", &format!("{c}:/tmp/dir"), &o("copied")]);
        den.ok(&["cp", &format!("{c}:/tmp/dir/."), &o("flat")]);
        assert_eq!(
            std::fs::read_to_string(out.join("file")).expect("file"),
            "hello\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("copied/inner/b")).expect("b"),
            "b\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("flat/inner/b")).expect("b"),
            "b\n"
        );
        let (uid, mode) = owner_mode(&out.join("file"));
        assert_eq!(
            (uid, mode & 0o777),
            (rustix::process::getuid().as_raw(), 0o640)
        );
        let e = den.fails(&["cp", &format!("{c}:/tmp/dir"), &o("file")], 125);
        assert!(e.contains("destination must be a directory"), "{e}");
        let e = den.fails(&["cp", &format!("{c}:/nonexist"), &o("")], 125);
        assert!(
            e.contains("\"/nonexist\" could not be found on container"),
            "{e}"
        );
    }
    // `.` is the working directory's contents, `..` the parent directory
    // itself, as podman has them (`.` went in as the whole absolute path).
    let from = |dir: &Path, args: &[&str]| {
        let out = den.cmd(args).current_dir(dir).output().expect("cp");
        assert!(out.status.success(), "{args:?}: {}", text(&out).1);
    };
    from(&host.join("dir"), &["cp", ".", "s:/dot"]);
    from(&host.join("dir/inner"), &["cp", "..", "s:/dotdot"]);
    let back = den.home().join("back");
    den.ok(&["cp", "s:/dot", &back.display().to_string()]);
    assert_eq!(
        std::fs::read_to_string(back.join("inner/b")).expect("b"),
        "b\n"
    );
    let back2 = den.home().join("back2");
    den.ok(&["cp", "s:/dotdot", &back2.display().to_string()]);
    assert_eq!(
        std::fs::read_to_string(back2.join("inner/b")).expect("b"),
        "b\n"
    );
    // A running container's `/`: without its dev, proc and sys, as
    // podman's (their files were walked, and the first unreadable one,
    // /proc/kmsg, ended the copy half-written).
    let whole = den.home().join("whole");
    den.ok(&["cp", "c:/", &whole.display().to_string()]);
    assert!(whole.join("tmp/file").is_file());
    for kernel in ["dev", "proc", "sys"] {
        assert!(!whole.join(kernel).exists(), "{kernel} was copied");
    }
    // --archive=false keeps the ids the files have (yours is root's).
    den.ok(&["cp", "--archive=false", &h("file"), "c:/tmp/kept"]);
    assert_eq!(
        den.ok(&["exec", "c", "stat", "-c", "%u", "/tmp/kept"]),
        "0\n"
    );
}

#[test]
fn tar_streams_in_and_out() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /d/sub; echo a > /d/a; echo b > /d/sub/b; sleep 120",
    ]);
    wait_for("the files", || {
        den.output(&["exec", "c", "test", "-f", "/d/sub/b"])
            .status
            .success()
    });
    let out = den.cmd(&["cp", "c:/d", "-"]).output().expect("cp");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names = tar_names(&out.stdout);
    names.sort();
    assert_eq!(names, ["d/", "d/a", "d/sub/", "d/sub/b"]);
    let out = den.cmd(&["cp", "c:/d/.", "-"]).output().expect("cp");
    let mut names = tar_names(&out.stdout);
    names.sort();
    assert_eq!(names, ["a", "sub/", "sub/b"]);
    // In, plain and compressed with gzip, xz and bzip2 (as Docker's API
    // takes them; the last two by the system's programs).
    let tar = crate::support::layers::TarWriter::new()
        .dir("x", 0o755, 0, 0)
        .file("x/y", b"in\n", 0o644, 0, 0)
        .finish();
    let gz = oci::compress(&tar, Compression::Gzip);
    let tar_file = den.home().join("in.tar");
    std::fs::write(&tar_file, &tar).expect("tar");
    let (xz, bz) = (compressed("xz", &tar_file), compressed("bzip2", &tar_file));
    den.ok(&["exec", "c", "mkdir", "-p", "/d/xz", "/d/bz"]);
    for (bytes, dest) in [
        (tar.clone(), "/d"),
        (gz, "/d/sub"),
        (xz, "/d/xz"),
        (bz, "/d/bz"),
    ] {
        let mut child = den
            .cmd(&["cp", "-", &format!("c:{dest}")])
            .stdin(Stdio::piped())
            .spawn()
            .expect("cp");
        std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), &bytes).expect("write");
        drop(child.stdin.take());
        assert!(child.wait().expect("wait").success());
        assert_eq!(
            den.ok(&["exec", "c", "cat", &format!("{dest}/x/y")]),
            "in\n"
        );
    }
    // Refused, whatever the archive: one far larger than a pipe holds
    // makes den's side find the pipe broken before it reads the refusal
    // (the reason is still the refusal's).
    let big = crate::support::layers::TarWriter::new()
        .file("big", &vec![7u8; 8 << 20], 0o644, 0, 0)
        .finish();
    let mut child = den
        .cmd(&["cp", "-", "c:/d/a"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cp");
    // den stops reading once refused: the rest is not taken.
    let _ = std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), &big);
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{e}");
    assert!(
        e.contains("destination must be a directory when copying from stdin"),
        "{e}"
    );
    // The other way: a directory larger than a pipe holds, onto a host
    // file, refused on the host's side while the container's sender still
    // writes: the refusal is said, not the sender's broken pipe.
    den.ok(&[
        "exec",
        "c",
        "sh",
        "-c",
        "mkdir /bigdir && dd if=/dev/zero of=/bigdir/f bs=1M count=8 2>/dev/null",
    ]);
    let plain = den.home().join("plain");
    std::fs::write(&plain, "mine\n").expect("write");
    let out = den.output(&["cp", "c:/bigdir", &plain.display().to_string()]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{e}");
    assert!(
        e.contains("destination must be a directory when copying a directory"),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&plain).expect("read"), "mine\n");
}

#[test]
fn container_symlinks_never_lead_cp_to_the_host() {
    let (reg, den) = ready();
    let victim = den.home().join("victim");
    std::fs::create_dir(&victim).expect("dir");
    std::fs::write(victim.join("secret"), "host secret\n").expect("secret");
    let v = victim.display().to_string();
    // Links to the host's paths, to the root, and up and out.
    let evil = layer_of(
        |t| {
            t.symlink("to-victim", &v)
                .symlink("root", "/")
                .symlink("up", "../../../../../../../../")
                .dir(&v[1..], 0o755, 0, 0)
                .file(
                    &format!("{}/secret", &v[1..]),
                    b"container's own\n",
                    0o644,
                    0,
                    0,
                );
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "links",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), evil],
        false,
    );
    den.ok(&[
        "run",
        "-d",
        "--name",
        "r",
        "--network",
        "none",
        "links",
        "sleep",
        "120",
    ]);
    den.ok(&[
        "create",
        "--name",
        "s",
        "--network",
        "none",
        "links",
        "true",
    ]);
    let out = den.home().join("out");
    std::fs::create_dir(&out).expect("out");
    for c in ["r", "s"] {
        for path in [
            "/to-victim/secret",
            "/root/to-victim/secret",
            "/up/to-victim/secret",
            &format!("/up{v}/secret"),
        ] {
            let dest = out.join("got");
            den.ok(&["cp", &format!("{c}:{path}"), &dest.display().to_string()]);
            assert_eq!(
                std::fs::read_to_string(&dest).expect("got"),
                "container's own\n",
                "{c}:{path}"
            );
            std::fs::remove_file(&dest).expect("rm");
        }
        // Copies in land inside the container, the host's file untouched.
        std::fs::write(out.join("payload"), "payload\n").expect("payload");
        for dest in ["/to-victim/", "/up/to-victim/", "/to-victim/secret"] {
            den.ok(&[
                "cp",
                &out.join("payload").display().to_string(),
                &format!("{c}:{dest}"),
            ]);
        }
        assert_eq!(
            std::fs::read_to_string(victim.join("secret")).expect("secret"),
            "host secret\n"
        );
        assert_eq!(
            std::fs::read_dir(&victim).expect("read").count(),
            1,
            "nothing added on the host"
        );
    }
    assert_eq!(
        den.ok(&[
            "exec",
            "r",
            "cat",
            &format!("{v}/secret"),
            &format!("{v}/payload")
        ]),
        "payload\npayload\n"
    );
    // Into the container, a file that is a link there is written where
    // the link leads, inside the container (as podman's cp), the link kept.
    den.ok(&[
        "exec",
        "r",
        "sh",
        "-c",
        "echo old > /zone && ln -s /zone /lt && ln -s ../../../../zone /lt-up",
    ]);
    let payload = out.join("payload").display().to_string();
    den.ok(&["cp", &payload, "r:/lt"]);
    assert_eq!(
        den.ok(&["exec", "r", "sh", "-c", "readlink /lt; cat /zone"]),
        "/zone\npayload\n"
    );
    std::fs::write(out.join("payload"), "again\n").expect("payload");
    den.ok(&["cp", &payload, "r:/lt-up"]);
    assert_eq!(den.ok(&["exec", "r", "cat", "/zone"]), "again\n");
    // A link's name is the one copied out: the container's link to a file
    // named like one of the user's cannot make cp replace it.
    den.ok(&[
        "exec",
        "r",
        "sh",
        "-c",
        "mkdir -p /app /x/.ssh && echo evil > /x/.bashrc && echo key > /x/.ssh/authorized_keys \
         && ln -s /x/.bashrc /app/report.txt && ln -s /x/.ssh /app/out",
    ]);
    let home = den.home().join("userhome");
    std::fs::create_dir_all(home.join(".ssh")).expect("mkdir");
    std::fs::write(home.join(".bashrc"), "mine\n").expect("bashrc");
    let h = home.display().to_string();
    den.ok(&["cp", "r:/app/report.txt", &h]);
    den.ok(&["cp", "r:/app/out", &h]);
    assert_eq!(
        std::fs::read_to_string(home.join(".bashrc")).expect("bashrc"),
        "mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("report.txt")).expect("copy"),
        "evil\n"
    );
    assert!(
        !home.join(".ssh/authorized_keys").exists(),
        "merged into the user's .ssh"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("out/authorized_keys")).expect("copy"),
        "key\n"
    );
    // Modes onto the host: no setuid, the umask applied, a read-only
    // directory filled before it is made read-only, the user's own
    // directory left as it was.
    den.ok(&[
        "exec",
        "r",
        "sh",
        "-c",
        "mkdir -p /m/ro && echo f > /m/ro/f && echo s > /m/suid && chmod 4755 /m/suid \
         && chmod 0777 /m/ro/f && chmod 0500 /m/ro && chmod 0777 /m",
    ]);
    std::fs::create_dir(home.join("m")).expect("mkdir");
    std::fs::set_permissions(home.join("m"), std::fs::Permissions::from_mode(0o750))
        .expect("chmod");
    den.ok(&["cp", "r:/m/.", &home.join("m").display().to_string()]);
    let mode = |p: &str| owner_mode(&home.join(p)).1 & 0o7777;
    assert_eq!(mode("m"), 0o750, "the user's directory kept its mode");
    assert_eq!(mode("m/suid"), 0o755);
    assert_eq!(mode("m/ro/f"), 0o755);
    assert_eq!(mode("m/ro"), 0o500);
    std::fs::set_permissions(home.join("m/ro"), std::fs::Permissions::from_mode(0o700))
        .expect("chmod");
}

#[test]
fn export_writes_the_filesystem_without_what_was_deleted() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "--name",
        "e",
        "--network",
        "none",
        "-v",
        "vol:/vol",
        "busybox",
        "sh",
        "-c",
        "rm /bin/vi; echo new > /made; echo v > /vol/inside",
    ]);
    let out = den.cmd(&["export", "e"]).output().expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = tar_names(&out.stdout);
    assert!(
        names.contains(&"made".to_string()) && names.contains(&"bin/busybox".to_string()),
        "{names:?}"
    );
    assert!(
        !names.contains(&"bin/vi".to_string()),
        "a deleted file was exported"
    );
    assert!(
        !names.iter().any(|n| n.contains("inside")),
        "volumes are not exported"
    );
    assert!(names
        .iter()
        .all(|n| !n.starts_with('/') && !n.starts_with("./")));
    // -o, and a running container.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "live",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo live > /live; sleep 120",
    ]);
    wait_for("the file", || {
        den.output(&["exec", "live", "test", "-f", "/live"])
            .status
            .success()
    });
    let f = den.home().join("live.tar");
    den.ok(&["export", "-o", &f.display().to_string(), "live"]);
    let names = tar_names(&std::fs::read(&f).expect("tar"));
    assert!(names.contains(&"live".to_string()), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("proc/") && n.len() > 5),
        "no /proc content"
    );
}

/// Run `cmd`, failing the test if it takes longer than 30 s.
fn within_30s(mut cmd: std::process::Command) -> std::process::Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("den hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_container_cannot_hang_or_flood_cp_with_its_files() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "r",
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ]);
    // The files den reads to find the container's user: a FIFO, an endless device.
    den.ok(&["exec", "r", "sh", "-c", "rm -f /etc/passwd /etc/group && mkfifo /etc/passwd && ln -s /dev/zero /etc/group && echo data > /f"]);
    let host = den.home().join("in");
    std::fs::write(&host, "in\n").expect("write");
    let out = within_30s(den.cmd(&["cp", &host.display().to_string(), "r:/in"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = den.home().join("got");
    let out = within_30s(den.cmd(&["cp", "r:/f", &got.display().to_string()]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&got).expect("got"), "data\n");
    // A FIFO among the files copied out is a FIFO, not a read that never ends.
    den.ok(&[
        "exec",
        "r",
        "sh",
        "-c",
        "mkdir /d && mkfifo /d/pipe && echo x > /d/file",
    ]);
    let out = within_30s(den.cmd(&["cp", "r:/d", &den.home().join("d").display().to_string()]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(den.home().join("d/file")).expect("file"),
        "x\n"
    );
}

/// A relative container path starts at the container's working
/// directory, as podman's (it started at `/`).
#[test]
fn relative_container_paths_start_at_the_working_directory() {
    let (_reg, den) = ready();
    let host = den.home().join("rel");
    std::fs::create_dir_all(&host).expect("dir");
    std::fs::write(host.join("in.txt"), "in\n").expect("file");
    den.ok(&[
        "run",
        "-d",
        "--name",
        "w",
        "--network",
        "none",
        "-w",
        "/tmp",
        "busybox",
        "sleep",
        "120",
    ]);
    let h = |p: &str| host.join(p).display().to_string();
    den.ok(&["cp", &h("in.txt"), "w:copied.txt"]);
    assert_eq!(den.ok(&["exec", "w", "cat", "/tmp/copied.txt"]), "in\n");
    den.ok(&["exec", "w", "sh", "-c", "mkdir sub && echo deep > sub/f"]);
    den.ok(&["cp", "w:sub/f", &h("out.txt")]);
    assert_eq!(
        std::fs::read_to_string(host.join("out.txt")).expect("out"),
        "deep\n"
    );
    den.ok(&["cp", "w:.", &h("all")]);
    assert!(host.join("all/copied.txt").is_file() && host.join("all/sub/f").is_file());
    den.ok(&["rm", "-f", "-t", "0", "w"]);
}
