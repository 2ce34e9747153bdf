//! Volumes and mounts: named and anonymous volumes, host directories,
//! tmpfs, `--volumes-from`, image VOLUMEs seeded with the image's files,
//! the `volume` commands, and mount targets that try to lead out.

use crate::common::*;
use crate::support::oci::{self, Compression, ImageSpec};

fn run(den: &Den, args: &[&str]) -> String {
    let mut all = vec!["run", "--rm", "--network", "none"];
    all.extend_from_slice(args);
    den.ok(&all)
}

#[test]
fn a_named_volume_outlives_its_containers_and_is_shared_while_they_run() {
    let (_reg, den) = ready();
    // Made on first use; what one container writes, a later one reads.
    run(
        &den,
        &[
            "-v",
            "data:/data",
            "busybox",
            "sh",
            "-c",
            "echo kept > /data/f",
        ],
    );
    assert_eq!(
        run(&den, &["-v", "data:/data:ro", "busybox", "cat", "/data/f"]),
        "kept\n"
    );
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "data\n");
    let mp = den.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "data"]);
    assert_eq!(
        mp.trim(),
        den.data().join("volumes/data/_data").display().to_string()
    );
    // Read-only is enforced.
    let e = den.fails(
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            "data:/data:ro",
            "busybox",
            "sh",
            "-c",
            "echo x > /data/g",
        ],
        1,
    );
    assert!(e.contains("Read-only file system"), "{e}");
    // Two running containers see each other's writes.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "none",
        "-v",
        "data:/v",
        "busybox",
        "sleep",
        "60",
    ]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "b",
        "--network",
        "none",
        "-v",
        "data:/w",
        "busybox",
        "sleep",
        "60",
    ]);
    den.ok(&["exec", "a", "sh", "-c", "echo from-a > /v/shared"]);
    assert_eq!(den.ok(&["exec", "b", "cat", "/w/shared"]), "from-a\n");
    // In use: refused (exit 2), the data kept; -f removes the users too.
    let e = den.fails(&["volume", "rm", "data"], 2);
    assert!(e.contains("is being used"), "{e}");
    assert_eq!(den.ok(&["exec", "a", "cat", "/v/f"]), "kept\n");
    assert_eq!(den.ok(&["volume", "rm", "-f", "data"]), "data\n");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(!den.data().join("volumes/data").exists());
    den.fails(&["volume", "rm", "data"], 1);
    den.fails(&["volume", "exists", "data"], 1);
}

#[test]
fn host_directories_are_mounted_with_the_owners_asked_for() {
    let (_reg, den) = ready();
    let host = den.home().join("shared");
    std::fs::create_dir(&host).expect("dir");
    std::fs::write(host.join("in"), "from host\n").expect("file");
    let h = host.display().to_string();
    // Read and written as the container's root, which is the user.
    assert_eq!(
        run(
            &den,
            &[
                "-v",
                &format!("{h}:/h"),
                "busybox",
                "sh",
                "-c",
                "cat /h/in; echo out > /h/out"
            ]
        ),
        "from host\n"
    );
    let me = rustix::process::getuid().as_raw();
    assert_eq!(owner_mode(&host.join("out")).0, me);
    // A relative host path is relative to where den runs.
    let out = den
        .cmd(&[
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            "./shared:/h:ro",
            "busybox",
            "cat",
            "/h/out",
        ])
        .current_dir(den.home())
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "out\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // U: chowned to the container's user (uid 1000 is subordinate id 999).
    run(
        &den,
        &[
            "--user",
            "1000:1000",
            "-v",
            &format!("{h}:/h:U"),
            "busybox",
            "sh",
            "-c",
            "echo u > /h/u",
        ],
    );
    let sub = subuid_start();
    for f in ["in", "out", "u"] {
        assert_eq!(owner_mode(&host.join(f)).0, sub + 999, "{f}");
    }
    den.ok(&["unshare", "chown", "-R", "0:0", &h]);
    // keep-id: the user's own files, written as the user.
    let keep = den.home().join("keep");
    std::fs::create_dir(&keep).expect("dir");
    assert_eq!(
        run(
            &den,
            &[
                "--userns=keep-id",
                "-v",
                &format!("{}:/k", keep.display()),
                "busybox",
                "sh",
                "-c",
                "id -u; echo k > /k/made"
            ]
        ),
        format!("{me}\n")
    );
    assert_eq!(owner_mode(&keep.join("made")).0, me);
    // A missing host path is refused when the container is made.
    let e = den.fails(&["create", "-v", "/no/such/dir:/x", "busybox"], 125);
    assert!(e.contains("/no/such/dir") && e.lines().count() == 1, "{e}");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    // O: the container writes over the directory, the host never sees it.
    run(
        &den,
        &[
            "-v",
            &format!("{h}:/o:O"),
            "busybox",
            "sh",
            "-c",
            "echo gone > /o/in; rm /o/out",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(host.join("in")).expect("in"),
        "from host\n"
    );
    assert!(host.join("out").exists());
}

#[test]
fn anonymous_volumes_image_volumes_and_volumes_from() {
    let (reg, den) = ready();
    // An image whose VOLUME /seed holds files of different owners.
    let extra = layer_of(
        |t| {
            t.dir("seed", 0o750, 1000, 1000)
                .file("seed/a", b"from the image\n", 0o640, 1000, 1000)
                .dir("seed/sub", 0o755, 0, 0)
                .file("seed/sub/b", b"b\n", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let spec = ImageSpec {
        volumes: vec!["/seed".into()],
        cmd: Some(vec!["sh".into()]),
        ..busybox_spec()
    };
    oci::push_image(
        &reg.addr,
        "withvol",
        "latest",
        &spec,
        &[busybox_gz(), extra],
        false,
    );
    den.ok(&[
        "create",
        "--name",
        "src",
        "--network",
        "none",
        "withvol",
        "sh",
        "-c",
        "cat /seed/a; stat -c '%u:%g %a' /seed /seed/a; echo mine > /seed/new",
    ]);
    assert_eq!(
        den.ok(&["start", "-a", "src"]),
        "from the image\n1000:1000 750\n1000:1000 640\n"
    );
    let mounts = |c: &str| -> Vec<serde_json::Value> {
        serde_json::from_str(&inspect(&den, c, "{{json .Mounts}}")).expect("mounts json")
    };
    let vol = mounts("src")[0]["Name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(vol.len(), 64, "{vol}");
    assert_eq!(
        den.ok(&["volume", "inspect", "-f", "{{.Anonymous}}", &vol])
            .trim(),
        "true"
    );
    // --volumes-from: the same volume, here read-only.
    assert_eq!(
        run(
            &den,
            &[
                "--volumes-from",
                "src:ro",
                "busybox",
                "sh",
                "-c",
                "cat /seed/new; touch /seed/x 2>&1 | grep -c Read-only"
            ]
        ),
        "mine\n1\n"
    );
    // rm -v takes the anonymous volume; a named one stays.
    den.ok(&[
        "create",
        "--name",
        "two",
        "-v",
        "/anon",
        "-v",
        "named:/named",
        "busybox",
    ]);
    let anon = mounts("two")
        .iter()
        .find(|m| m["Destination"] == "/anon")
        .and_then(|m| m["Name"].as_str())
        .unwrap_or_default()
        .to_string();
    den.ok(&["rm", "-v", "src", "two"]);
    den.fails(&["volume", "exists", &vol], 1);
    den.fails(&["volume", "exists", &anon], 1);
    den.ok(&["volume", "exists", "named"]);
    // --rm takes them too.
    run(&den, &["-v", "/gone", "busybox", "true"]);
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "named\n");
    // A named volume is filled once, from the first image path it is used on.
    run(&den, &["-v", "named:/seed", "withvol", "true"]);
    assert_eq!(
        run(&den, &["-v", "named:/x", "busybox", "cat", "/x/sub/b"]),
        "b\n"
    );
    run(&den, &["-v", "named:/x", "busybox", "rm", "-r", "/x/sub"]);
    run(&den, &["-v", "named:/seed", "withvol", "true"]);
    assert_eq!(run(&den, &["-v", "named:/x", "busybox", "ls", "/x"]), "a\n");

    // An image's VOLUME that lands on / (cleaned as podman cleans it) is
    // refused, as a flag's would be, with nothing made.
    let spec = ImageSpec {
        volumes: vec!["/seed/..".into()],
        ..busybox_spec()
    };
    oci::push_image(
        &reg.addr,
        "rootvol",
        "latest",
        &spec,
        &[busybox_gz()],
        false,
    );
    let before = den.ok(&["volume", "ls", "-q"]);
    let e = den.fails(&["create", "--name", "rootvol", "rootvol", "true"], 125);
    assert!(e.contains("cannot replace the container's root"), "{e}");
    assert_eq!(den.ok(&["ps", "-a", "-q", "--filter", "name=rootvol"]), "");
    assert_eq!(den.ok(&["volume", "ls", "-q"]), before);
}

#[test]
fn tmpfs_and_mount_flags() {
    let (_reg, den) = ready();
    let out = run(
        &den,
        &[
            "--tmpfs",
            "/t:size=2m,mode=700",
            "--mount",
            "type=tmpfs,dst=/u,tmpfs-size=1m",
            "--mount",
            "type=volume,src=mv,dst=/m,ro",
            "busybox",
            "sh",
            "-c",
            "grep -E ' /(t|u|m) ' /proc/mounts | cut -d' ' -f2-4; stat -c %a /t",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("/t tmpfs rw,nosuid,nodev")
                && l.contains("size=2048k")
                && l.contains("mode=700")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("/u tmpfs") && l.contains("size=1024k")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("/m ") && l.contains("ro,nosuid,nodev")),
        "{out}"
    );
    assert_eq!(lines.last().copied(), Some("700"));
    // A tmpfs over an image directory starts with its files (tmpcopyup).
    assert!(run(&den, &["--tmpfs", "/etc", "busybox", "cat", "/etc/passwd"]).contains("root:"));
    // Bad mounts: one line each, nothing made.
    for (args, what) in [
        (vec!["-v", "/a:/b:bogus"], "unknown option"),
        (vec!["-v", "x:rel"], "absolute"),
        (vec!["--mount", "type=nfs,dst=/x"], "unsupported type"),
        (vec!["--tmpfs", "/t:size=lots"], "tmpfs size"),
        (vec!["-v", "/tmp:/d", "-v", "v:/d"], "twice"),
        (vec!["--volumes-from", "nosuch"], "nosuch"),
    ] {
        let mut all = vec!["create"];
        all.extend(args);
        all.push("busybox");
        let e = den.fails(&all, 125);
        assert!(e.contains(what) && e.lines().count() == 1, "{what}: {e}");
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "mv\n");
}

#[test]
fn a_mount_target_through_a_symlink_stays_inside_the_container() {
    let (reg, den) = ready();
    let outside = den.home().join("outside");
    std::fs::create_dir(&outside).expect("dir");
    // Symlinks in the image that lead to the host's paths.
    let evil = layer_of(
        |t| {
            t.symlink("escape", &outside.display().to_string())
                .symlink("up", "../../../../../../..")
                .dir("tmp", 0o1777, 0, 0);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "evil",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), evil],
        false,
    );
    let out = run(
        &den,
        &[
            "-v",
            "v1:/escape/planted",
            "--tmpfs",
            &format!("/up{}/t2", outside.display()),
            "evil",
            "sh",
            "-c",
            "touch /escape/planted/x && echo ok",
        ],
    );
    assert_eq!(out, "ok\n");
    // Nothing was made on the host.
    assert_eq!(std::fs::read_dir(&outside).expect("read").count(), 0);
}

#[test]
fn volume_commands() {
    let (_reg, den) = ready();
    assert_eq!(
        den.ok(&["volume", "ls"]),
        "",
        "no volumes: not even a header"
    );
    assert_eq!(
        den.ok(&["volume", "create", "--label", "a=b", "one"]),
        "one\n"
    );
    let e = den.fails(&["volume", "create", "one"], 125);
    assert!(e.contains("already exists"), "{e}");
    let anon = den.ok(&["volume", "create"]);
    assert_eq!(anon.trim().len(), 64);
    let e = den.fails(&["volume", "create", "--driver", "nfs", "x"], 125);
    assert!(e.contains("local"), "{e}");
    let e = den.fails(
        &[
            "volume",
            "create",
            "--opt",
            "type=ext4",
            "--opt",
            "device=/dev/sda",
            "x",
        ],
        125,
    );
    assert!(e.contains("without root"), "{e}");
    let e = den.fails(&["volume", "create", "bad name"], 125);
    assert!(e.contains("names must match"), "{e}");
    let ls = den.ok(&["volume", "ls"]);
    assert!(
        ls.starts_with("DRIVER") && ls.contains("VOLUME NAME") && ls.contains("local"),
        "{ls}"
    );
    assert_eq!(
        den.ok(&["volume", "ls", "-q", "--filter", "label=a=b"]),
        "one\n"
    );
    assert_eq!(
        den.ok(&[
            "volume",
            "ls",
            "--format",
            "{{.Name}} {{.Labels}}",
            "--filter",
            "name=on"
        ])
        .trim(),
        "one map[a:b]"
    );
    let e = den.fails(&["volume", "ls", "--filter", "color=red"], 125);
    assert!(e.contains("invalid volume filter"), "{e}");
    let json = den.ok(&["volume", "inspect", "one"]);
    for key in [
        "\"Name\": \"one\"",
        "\"Driver\": \"local\"",
        "\"Scope\": \"local\"",
        "\"Mountpoint\"",
        "\"CreatedAt\"",
    ] {
        assert!(json.contains(key), "{key}: {json}");
    }
    let e = den.fails(&["volume", "inspect", "one", "nosuch"], 125);
    assert!(e.contains("no such volume nosuch"), "{e}");
    // export / import round trip, owners and modes kept.
    run(
        &den,
        &[
            "-v",
            "one:/d",
            "busybox",
            "sh",
            "-c",
            "mkdir /d/sub; echo hi > /d/sub/f; chown 1000:1000 /d/sub/f; chmod 640 /d/sub/f",
        ],
    );
    let tar = den.home().join("one.tar");
    den.ok(&["volume", "export", "-o", &tar.display().to_string(), "one"]);
    den.ok(&["volume", "create", "two"]);
    den.ok(&["volume", "import", "two", &tar.display().to_string()]);
    assert_eq!(
        run(
            &den,
            &[
                "-v",
                "two:/d",
                "busybox",
                "sh",
                "-c",
                "cat /d/sub/f; stat -c '%u:%g %a' /d/sub/f"
            ]
        ),
        "hi\n1000:1000 640\n"
    );
    // Compressed, as podman's takes them: gzip, xz and bzip2.
    for (tool, vol) in [("gzip", "gz"), ("xz", "xz"), ("bzip2", "bz")] {
        let file = den.home().join(format!("one.tar.{vol}"));
        std::fs::write(&file, compressed(tool, &tar)).expect("write");
        den.ok(&["volume", "create", vol]);
        den.ok(&["volume", "import", vol, &file.display().to_string()]);
        assert_eq!(
            run(
                &den,
                &["-v", &format!("{vol}:/d"), "busybox", "cat", "/d/sub/f"]
            ),
            "hi\n",
            "{tool}"
        );
    }
    den.fails(
        &["volume", "import", "nosuch", &tar.display().to_string()],
        125,
    );
    // A tmpfs volume: fresh for each container.
    den.ok(&[
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "o=size=1m",
        "tv",
    ]);
    let out = run(
        &den,
        &[
            "-v",
            "tv:/t",
            "busybox",
            "sh",
            "-c",
            "grep ' /t ' /proc/mounts | cut -d' ' -f3",
        ],
    );
    assert_eq!(out, "tmpfs\n");
    // A bind volume: the host directory itself.
    let dev = den.home().join("dev");
    std::fs::create_dir(&dev).expect("dir");
    den.ok(&[
        "volume",
        "create",
        "--opt",
        &format!("device={}", dev.display()),
        "--opt",
        "o=bind",
        "bv",
    ]);
    assert_eq!(
        den.ok(&["volume", "inspect", "-f", "{{.Mountpoint}}", "bv"])
            .trim(),
        dev.display().to_string()
    );
    run(&den, &["-v", "bv:/b", "busybox", "touch", "/b/made"]);
    assert!(dev.join("made").exists());
    den.ok(&["volume", "rm", "bv"]);
    assert!(
        dev.join("made").exists(),
        "removing a bind volume keeps the host's files"
    );
    // Its o=ro (and the other flags) hold in every container: it was
    // dropped, and the host directory written.
    let device = format!("device={}", dev.display());
    den.ok(&[
        "volume",
        "create",
        "--opt",
        &device,
        "--opt",
        "o=bind,ro,noexec",
        "rov",
    ]);
    let e = den.fails(
        &["run", "--rm", "-v", "rov:/b", "busybox", "touch", "/b/nope"],
        1,
    );
    assert!(e.contains("Read-only"), "{e}");
    assert!(!dev.join("nope").exists());
    let flags = run(
        &den,
        &[
            "-v",
            "rov:/b",
            "busybox",
            "sh",
            "-c",
            "grep ' /b ' /proc/mounts | cut -d' ' -f4",
        ],
    );
    assert!(flags.contains("noexec"), "{flags}");
    den.ok(&["volume", "rm", "rov"]);
    let e = den.fails(
        &[
            "volume",
            "create",
            "--opt",
            &device,
            "--opt",
            "o=bind,bogus",
            "bad",
        ],
        125,
    );
    assert!(e.contains("o=bogus"), "{e}");
    // A removal an earlier den cut short left a volume's data without its
    // record: a new volume of that name starts empty, not with that data,
    // and the next removal deletes what was left.
    run(&den, &["-v", "old:/d", "busybox", "touch", "/d/secret"]);
    let vdir = den.data().join("volumes/old");
    std::fs::remove_file(vdir.join("volume.json")).expect("the record, as such a removal left it");
    assert!(!den.ok(&["volume", "ls", "-q"]).contains("old"));
    den.ok(&["volume", "create", "old"]);
    assert_eq!(
        run(&den, &["-v", "old:/d", "busybox", "ls", "-A", "/d"]),
        ""
    );
    den.ok(&["volume", "rm", "old"]);
    let left: Vec<String> = std::fs::read_dir(den.data().join("volumes"))
        .expect("volumes")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".removing-") || n == "old")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // prune: what no container uses.
    den.ok(&["create", "--name", "keeper", "-v", "one:/d", "busybox"]);
    let pruned = den.ok(&["volume", "prune", "-f"]);
    assert!(
        pruned.contains("two") && pruned.contains(anon.trim()) && !pruned.contains("one"),
        "{pruned}"
    );
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "one\n");
}
