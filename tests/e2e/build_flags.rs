//! `den build`'s flags beyond the common ones (issue 19): the run flags
//! its RUN steps get (as `run`'s), the changes to the image, and the
//! precise refusals of what den cannot do.

use crate::build::{build, build_ok, context};
use crate::common::*;

#[test]
fn run_flags_reach_run_steps_and_stay_out_of_the_image() {
    let (_reg, den) = ready();
    let data = den.home().join("build-data");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("file"), "from the host\n").expect("write");
    let dir = context(
        &den,
        "runflags",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN grep nameserver /etc/resolv.conf > /resolv; grep myhost /etc/hosts > /hosts; \
             ulimit -n > /nofile; cat /data/file > /vol; df -k /dev/shm | tail -1 > /shm; \
             readlink /proc/self/ns/pid > /pidns; (chown 1 /nofile && echo chowned || echo no-chown) > /chown; \
             echo $https_proxy > /proxy\n",
        )],
    );
    let vol = format!("{}:/data:ro", data.display());
    let out = den
        .cmd(&[
            "build",
            "-q",
            "-t",
            "localhost/runflags",
            "--dns",
            "9.9.9.9",
            "--add-host",
            "myhost:10.1.2.3",
            "--ulimit",
            "nofile=1000:1000",
            "-v",
            &vol,
            "--shm-size",
            "10m",
            "--pid",
            "host",
            "--cap-drop",
            "CHOWN",
            dir.to_str().expect("utf-8"),
        ])
        .env("https_proxy", "http://proxy.example:3128")
        .output()
        .expect("build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cat = |f: &str| den.ok(&["run", "--rm", "localhost/runflags", "cat", f]);
    assert_eq!(cat("/resolv"), "nameserver 9.9.9.9\n");
    assert!(cat("/hosts").starts_with("10.1.2.3"), "{}", cat("/hosts"));
    assert_eq!(cat("/nofile"), "1000\n");
    assert_eq!(cat("/vol"), "from the host\n");
    assert!(
        cat("/shm").split_whitespace().nth(1) == Some("10240"),
        "{}",
        cat("/shm")
    );
    let host_pid = std::fs::read_link("/proc/self/ns/pid").expect("pid ns");
    assert_eq!(cat("/pidns").trim(), host_pid.display().to_string());
    assert_eq!(cat("/chown"), "no-chown\n");
    assert_eq!(cat("/proxy"), "http://proxy.example:3128\n");
    // The volume is the RUN step's, never the image's; nor the proxy.
    den.fails(
        &[
            "run",
            "--rm",
            "localhost/runflags",
            "test",
            "-e",
            "/data/file",
        ],
        1,
    );
    let env = den.ok(&[
        "image",
        "inspect",
        "--format",
        "{{.Config.Env}}",
        "localhost/runflags",
    ]);
    assert!(!env.contains("proxy"), "{env}");
}

#[test]
fn image_flags_change_the_image_as_buildahs() {
    let (_reg, den) = ready();
    den.ok(&["tag", "busybox", "localhost/other-base"]);
    let dir = context(
        &den,
        "imageflags",
        &[(
            "Containerfile",
            "FROM nothing-here AS base\nENV KEEP=1 DROP=2\nRUN echo built > /built\n\
             FROM scratch AS unused\nRUN false\n\
             FROM base\n",
        )],
    );
    let inspect = |f: &str| den.ok(&["image", "inspect", "--format", f, "localhost/flags"]);
    build_ok(
        &den,
        &dir,
        &[
            "-q",
            "-t",
            "localhost/flags",
            "--from",
            "localhost/other-base",
            "--env",
            "FOO=bar",
            "--env",
            "PATH=/opt/bin:$PATH",
            "--unsetenv",
            "DROP",
            "--os-version",
            "1.2",
        ],
    );
    let env = inspect("{{json .Config.Env}}");
    assert!(env.contains("\"FOO=bar\""), "{env}");
    assert!(env.contains("\"PATH=/opt/bin:/usr/local/sbin"), "{env}");
    assert!(env.contains("\"KEEP=1\"") && !env.contains("DROP"), "{env}");
    // buildah's identity label, by default.
    assert!(inspect("{{json .Labels}}").contains("io.buildah.version"));
    assert_eq!(
        den.ok(&["run", "--rm", "localhost/flags", "cat", "/built"]),
        "built\n"
    );
    build_ok(
        &den,
        &dir,
        &[
            "-q",
            "-t",
            "localhost/flags",
            "--from",
            "localhost/other-base",
            "--identity-label=false",
            "--omit-history",
        ],
    );
    assert!(!inspect("{{json .Labels}}").contains("io.buildah.version"));
    assert_eq!(inspect("{{json .History}}"), "null\n");
    // --skip-unused-stages=false builds the failing stage too.
    let out = build(
        &den,
        &dir,
        &[
            "--from",
            "localhost/other-base",
            "--skip-unused-stages=false",
        ],
    );
    assert!(!out.status.success());
    // --logfile: the build's words go there.
    let log = den.home().join("build.log");
    let out = build(
        &den,
        &dir,
        &[
            "-t",
            "localhost/flags",
            "--from",
            "localhost/other-base",
            "--logfile",
            log.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = std::fs::read_to_string(&log).expect("log file");
    assert!(text.contains("STEP 1/"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&log).expect("log").permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn what_den_cannot_do_is_refused_in_one_line() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "refused",
        &[("Containerfile", "FROM busybox\nRUN true\n")],
    );
    for bad in [
        &["--all-platforms"][..],
        &["--manifest", "list"],
        &["--sign-by", "ABCD"],
        &["--ssh", "default"],
        &["--cache-from", "registry.example/cache"],
        &["--cache-ttl", "1h"],
        &["--format", "bogus"],
        &["--arch", "s390x"],
        &["--userns", "keep-id"],
        &["--userns-uid-map", "0:1:1"],
        &["--isolation", "chroot"],
        &["--hooks-dir", "/tmp"],
        &["--runtime-flag", "debug"],
        &["--no-hosts", "--add-host", "a:1.2.3.4"],
        &["--decryption-key", "key.pem"],
    ] {
        let out = build(&den, &dir, bad);
        assert_eq!(out.status.code(), Some(125), "{bad:?}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.starts_with("den: error: ") && e.lines().count() == 1,
            "{bad:?}: {e}"
        );
    }
    // Accepted as podman accepts them, without effect.
    build_ok(
        &den,
        &dir,
        &[
            "-q",
            "--compress",
            "--disable-content-trust",
            "--retry",
            "5",
            "--retry-delay",
            "1s",
            "--force-rm",
            "--rm",
            "-D",
            "--format",
            "docker",
            "--cache-ttl",
            "0",
        ],
    );
}

#[test]
fn output_writes_the_image_files_out() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "outputs",
        &[("Containerfile", "FROM busybox\nRUN echo made > /made\n")],
    );
    let out_dir = den.home().join("out-dir");
    build_ok(&den, &dir, &["-q", "-o", out_dir.to_str().expect("utf-8")]);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("made")).expect("made"),
        "made\n"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out_dir)
            .expect("dir")
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    let tar = den.home().join("out.tar");
    build_ok(
        &den,
        &dir,
        &["-q", "-o", &format!("type=tar,dest={}", tar.display())],
    );
    let bytes = std::fs::read(&tar).expect("tar");
    assert_eq!(&bytes[257..262], b"ustar");
    // -o -: the tar alone on stdout.
    let out = build(&den, &dir, &["-o", "-"]);
    assert!(out.status.success());
    assert_eq!(&out.stdout[257..262], b"ustar");
    for bad in [
        "type=local,dest=-",
        "type=registry,dest=x",
        "type=tar",
        "dest=a,dest=b,type=tar",
        "type=tar,dest=x,color=red",
    ] {
        let out = build(&den, &dir, &["-o", bad]);
        assert_eq!(out.status.code(), Some(125), "{bad}");
    }
    // Nothing is left of the containers the outputs were made from.
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn a_containerfile_in_goes_through_cpp() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "cpp",
        &[(
            "Containerfile.in",
            "FROM busybox\n#ifdef WITHF\nRUN echo with-f > /f\n#endif\nRUN echo VAL > /v\n",
        )],
    );
    let file = dir.join("Containerfile.in");
    build_ok(
        &den,
        &dir,
        &[
            "-q",
            "-t",
            "localhost/cpp",
            "-f",
            file.to_str().expect("utf-8"),
            "--cpp-flag",
            "-DWITHF",
            "--cpp-flag",
            "-DVAL=42",
        ],
    );
    assert_eq!(
        den.ok(&["run", "--rm", "localhost/cpp", "cat", "/f", "/v"]),
        "with-f\n42\n"
    );
    build_ok(
        &den,
        &dir,
        &[
            "-q",
            "-t",
            "localhost/cpp",
            "-f",
            file.to_str().expect("utf-8"),
        ],
    );
    den.fails(&["run", "--rm", "localhost/cpp", "cat", "/f"], 1);
    assert_eq!(
        den.ok(&["run", "--rm", "localhost/cpp", "cat", "/v"]),
        "VAL\n"
    );
}
