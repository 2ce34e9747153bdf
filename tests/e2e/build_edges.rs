//! `den build` at its edges, as attacks on it found them: triggers of a
//! hostile base image, cache keys that must change, squashing that must
//! keep every change, shared caches, downloads that never end.

use std::io::{Read, Write};

use super::build::{build, build_ok, build_stdin, build_until, context, run};
use crate::common::*;

/// A base image's ONBUILD triggers run in the user's build, but get none
/// of what only the user's own steps may have, however it is spelt.
#[test]
fn a_base_images_triggers_get_no_host_network_secret_cache_or_url() {
    let (_reg, den) = ready();
    let secret = den.home().join("tok");
    std::fs::write(&secret, "s3cr3t").expect("write");
    let sec = format!("id=tok,src={}", secret.display());
    let port = server_on("127.0.0.1", "HOSTONLYBODY\n");
    let triggers = [
        ("RUN --network=host true".to_string(), "network"),
        ("RUN --network=host:x true".to_string(), "network"),
        (
            "RUN --network=slirp4netns:allow_host_loopback=true true".to_string(),
            "network",
        ),
        (
            "RUN --mount=type=tmpfs,type=secret,id=tok,target=/s cat /s".to_string(),
            "twice",
        ),
        (
            "RUN --mount=type=secret,id=tok cat /run/secrets/tok".to_string(),
            "mount secret",
        ),
        (
            "RUN --mount=type=bind,target=/ctx ls /ctx".to_string(),
            "mount bind",
        ),
        (
            "RUN --mount=type=cache,target=/c touch /c/poison".to_string(),
            "mount cache",
        ),
        (format!("ADD http://127.0.0.1:{port}/x /x"), "URL"),
    ];
    let child = context(
        &den,
        "victim",
        &[("Containerfile", "FROM evilbase\nRUN true\n")],
    );
    for (i, (t, want)) in triggers.iter().enumerate() {
        let evil = context(
            &den,
            &format!("evil{i}"),
            &[("Containerfile", &format!("FROM busybox\nONBUILD {t}\n"))],
        );
        build_ok(&den, &evil, &["-t", "evilbase"]);
        let out = build(&den, &child, &["--secret", &sec, "--network", "host"]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(125), "{t}: {all}");
        assert!(
            all.contains("ONBUILD") && all.contains(want),
            "{t}: want {want:?}: {all}"
        );
        assert!(
            !all.contains("s3cr3t") && !all.contains("HOSTONLYBODY"),
            "{t}: {all}"
        );
    }
    // A trigger with the default network or tmpfs is fine.
    let ok = context(
        &den,
        "okbase",
        &[(
            "Containerfile",
            "FROM busybox\nONBUILD RUN --mount=type=tmpfs,target=/t touch /t/x\n",
        )],
    );
    build_ok(&den, &ok, &["-t", "okbase"]);
    let child = context(&den, "okchild", &[("Containerfile", "FROM okbase\n")]);
    build_ok(&den, &child, &[]);
}

#[test]
fn cache_keys_follow_what_the_steps_see() {
    let (_reg, den) = ready();
    // A file moved out of its directory is a different context.
    let dir = context(
        &den,
        "moved",
        &[
            ("Containerfile", "FROM busybox\nCOPY . /app\n"),
            ("b/z", "hi\n"),
        ],
    );
    build_ok(&den, &dir, &["-t", "moved"]);
    std::fs::rename(dir.join("b/z"), dir.join("z")).expect("mv");
    let out = build_ok(&den, &dir, &["-t", "moved"]);
    assert!(!out.contains("Using cache"), "{out}");
    assert_eq!(
        run(&den, "moved", &["find", "/app", "-name", "z"]),
        "/app/z\n"
    );
    // ENTRYPOINT drops an inherited CMD, keeps the stage's own: the same
    // instruction, two results, two cache entries.
    let a = context(
        &den,
        "epa",
        &[(
            "Containerfile",
            "FROM busybox AS base\nCMD [\"kept\"]\nFROM base\nENTRYPOINT [\"/bin/echo\", \"ep\"]\n",
        )],
    );
    let b = context(
        &den,
        "epb",
        &[(
            "Containerfile",
            "FROM busybox\nCMD [\"kept\"]\nENTRYPOINT [\"/bin/echo\", \"ep\"]\n",
        )],
    );
    build_ok(&den, &b, &["-t", "epb"]);
    build_ok(&den, &a, &["-t", "epa"]);
    build_ok(&den, &b, &["-t", "epb"]);
    assert_eq!(run(&den, "epa", &[]), "ep\n");
    assert_eq!(run(&den, "epb", &[]), "ep kept\n");
    // Squashing keeps a rewritten file's new bytes even when its size and
    // date (clamped) are the old ones; a squashed stage is keyed apart.
    let base = context(
        &den,
        "sqbase",
        &[("Containerfile", "FROM busybox\nRUN echo aaaa > /f\n")],
    );
    build_ok(&den, &base, &["--timestamp", "0", "-t", "sqbase"]);
    let child = context(
        &den,
        "sqchild",
        &[(
            "Containerfile",
            "FROM sqbase\nRUN echo bbbb > /f\nRUN echo other > /g\n",
        )],
    );
    for flags in [&["--squash"][..], &["--layers=false"][..], &[][..]] {
        let mut args = vec!["--timestamp", "0", "-t", "sqc"];
        args.extend_from_slice(flags);
        build_ok(&den, &child, &args);
        assert_eq!(
            run(&den, "sqc", &["cat", "/f", "/g"]),
            "bbbb\nother\n",
            "{flags:?}"
        );
    }
    let layers = |tag: &str| inspect(&den, tag, "{{len .RootFS.Layers}}");
    let plain = layers("sqc");
    build_ok(
        &den,
        &child,
        &["--timestamp", "0", "--squash", "-t", "sqc2"],
    );
    build_ok(&den, &child, &["--timestamp", "0", "-t", "sqc3"]);
    assert_eq!(layers("sqc3"), plain);
    assert_ne!(layers("sqc2"), plain);
}

#[test]
fn a_locked_cache_is_used_by_one_step_at_a_time() {
    let (_reg, den) = ready();
    let step = "RUN --mount=type=cache,id=apt,target=/c,sharing=locked \
                sh -c 'test ! -e /c/busy && touch /c/busy && sleep 1 && rm /c/busy'";
    let file = format!("FROM busybox AS a\n{step}\nFROM busybox AS b\n{step}\nFROM busybox\nCOPY --from=a /bin/sh /a\nCOPY --from=b /bin/sh /b\n");
    let dir = context(&den, "locked", &[("Containerfile", &file)]);
    build_ok(&den, &dir, &["--jobs", "2"]);
    // A private cache starts empty each time.
    let private = "FROM busybox\nRUN --mount=type=cache,target=/p,sharing=private sh -c 'test -z \"$(ls /p)\" && touch /p/x'\n";
    let dir = context(&den, "private", &[("Containerfile", private)]);
    build_ok(&den, &dir, &[]);
    build_ok(&den, &dir, &["--no-cache"]);
}

#[test]
fn a_download_that_never_ends_is_stopped() {
    let (_reg, den) = ready();
    // A server that sends a byte a second, forever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut c in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 512];
                let _ = c.read(&mut buf);
                let _ = c.write_all(b"HTTP/1.0 200 OK\r\n\r\n");
                while c.write_all(b"x").is_ok() {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            });
        }
    });
    let dir = context(
        &den,
        "slow",
        &[(
            "Containerfile",
            &format!("FROM busybox\nADD http://127.0.0.1:{port}/slow /slow\n"),
        )],
    );
    let mut child = build_until(&den, &dir, &[], |l| l.contains("ADD"));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let st = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
    let started = std::time::Instant::now();
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    tmp_is_clean(&den);
}

#[test]
fn small_differences_from_docker_are_gone() {
    let (_reg, den) = ready();
    // `build -`: here-documents need no context.
    let out = build_stdin(
        &den,
        "nocontext",
        "FROM busybox\nCOPY <<EOF /hello\nhi\nEOF\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(run(&den, "nocontext", &["cat", "/hello"]), "hi\n");
    // WORKDIR as a numeric USER that /etc/passwd lacks: group 0.
    let wd = context(
        &den,
        "wdnum",
        &[("Containerfile", "FROM busybox\nUSER 1234\nWORKDIR /w\n")],
    );
    build_ok(&den, &wd, &["-t", "wdnum"]);
    assert_eq!(
        run(&den, "wdnum", &["stat", "-c", "%u:%g", "/w"]),
        "1234:0\n"
    );
    // A reversed port range is refused.
    let bad = context(
        &den,
        "range",
        &[("Containerfile", "FROM busybox\nEXPOSE 9000-8000\n")],
    );
    assert_eq!(build(&den, &bad, &[]).status.code(), Some(125));
}

/// Where the context, the Containerfile and its ignore file are, as
/// buildah finds them: a Containerfile's own `NAME.dockerignore` is its
/// ignore file (it was not read, and what it left out, secret.txt, went
/// into the image); without a context `-f sub/Containerfile` builds from
/// sub/; a relative -f not found here is looked for in the context; the
/// JSON forms of COPY and VOLUME expand variables (`VOLUME ["$DATA"]`
/// made a volume named `$DATA`).
#[test]
fn the_containerfiles_own_ignore_file_and_context() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "own-ignore",
        &[
            ("Dockerfile", "FROM busybox\nCOPY . /ctx\n"),
            ("Dockerfile.dockerignore", "secret.txt\n"),
            ("secret.txt", "s3cret\n"),
            ("kept.txt", "kept\n"),
        ],
    );
    build_ok(&den, &dir, &["-q", "-t", "own-ignore"]);
    assert_eq!(
        run(&den, "own-ignore", &["ls", "/ctx"]),
        "Dockerfile\nDockerfile.dockerignore\nkept.txt\n"
    );
    // -f sub/Containerfile, no context: sub/ is the context.
    let sub = context(
        &den,
        "ctxparent",
        &[
            ("sub/Containerfile", "FROM busybox\nCOPY here.txt /\n"),
            ("sub/here.txt", "from sub\n"),
        ],
    );
    let out = den
        .cmd(&["build", "-q", "-t", "from-sub", "-f", "sub/Containerfile"])
        .current_dir(&sub)
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(run(&den, "from-sub", &["cat", "/here.txt"]), "from sub\n");
    // JSON-form COPY and VOLUME expand their variables, as Docker's.
    let json = context(
        &den,
        "jsonform",
        &[
            ("Containerfile", "FROM busybox\nARG APP=app\nENV DATA=/data\nCOPY [\"${APP}/f\", \"/f\"]\nVOLUME [\"$DATA\"]\n"),
            ("app/f", "json form\n"),
        ],
    );
    build_ok(&den, &json, &["-q", "-t", "jsonform"]);
    assert_eq!(run(&den, "jsonform", &["cat", "/f"]), "json form\n");
    assert_eq!(
        den.ok(&[
            "image",
            "inspect",
            "-f",
            "{{json .Config.Volumes}}",
            "jsonform"
        ])
        .trim(),
        "{\"/data\":{}}"
    );
    // -f NAME relative to the context when it is not here.
    let out = den
        .cmd(&["build", "-q", "-t", "in-ctx", "-f", "Containerfile", "sub"])
        .current_dir(&sub)
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", text(&out).1);
}

/// A secret from a variable (`--secret id=ID,env=VAR`, and `id=VAR`
/// alone when VAR is set), as buildah takes it; the file it is passed in
/// is gone after the build. A secret mount names its secret by its target
/// when it gives no id.
#[test]
fn secrets_from_variables() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "envsecret",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN --mount=type=secret,id=tok test \"$(cat /run/secrets/tok)\" = from-env\n\
             RUN --mount=type=secret,target=/run/secrets/TOKVAR test \"$(cat /run/secrets/TOKVAR)\" = from-env\n",
        )],
    );
    let out = den
        .cmd(&[
            "build",
            "-q",
            "-t",
            "envsecret",
            "--secret",
            "id=tok,env=TOKVAR",
            "--secret",
            "id=TOKVAR",
            &dir.display().to_string(),
        ])
        .env("TOKVAR", "from-env")
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", text(&out).1);
    let left: Vec<String> = walk_names(&den.home().join("run"));
    assert!(!left.iter().any(|n| n.starts_with(".passing-")), "{left:?}");
    let e = den.fails(
        &[
            "build",
            "--secret",
            "id=x,env=NOT_SET_HERE",
            &dir.display().to_string(),
        ],
        125,
    );
    assert!(e.contains("NOT_SET_HERE is not set"), "{e}");
}

/// A secret mount is root's and 0400 inside unless `uid=`, `gid=`,
/// `mode=` say otherwise, as Docker's and buildah's (it was the host
/// file's own mode, and no non-root USER could be given it); the copy
/// is gone after the build, and the user's file is left as it was.
#[test]
fn secret_mounts_have_the_owner_and_mode_asked_for() {
    let (_reg, den) = ready();
    let secret = den.home().join("token");
    std::fs::write(&secret, "s3cr3t").expect("write");
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let dir = context(
        &den,
        "owned",
        &[(
            "Containerfile",
            "FROM busybox\n\
             RUN --mount=type=secret,id=tok stat -c '%u:%g %a' /run/secrets/tok > /default\n\
             USER 1000:1000\n\
             RUN --mount=type=secret,id=tok,uid=1000,gid=1000,mode=0440 \
                 stat -c '%u:%g %a' /run/secrets/tok > /tmp/given && cat /run/secrets/tok >> /tmp/given\n\
             RUN --mount=type=secret,id=tok,target=/s ! cat /s 2>/dev/null\n",
        )],
    );
    let sec = format!("id=tok,src={}", secret.display());
    build_ok(&den, &dir, &["-t", "owned", "--secret", &sec]);
    let out = den.ok(&["run", "--rm", "owned", "cat", "/default", "/tmp/given"]);
    assert_eq!(out, "0:0 400\n1000:1000 440\ns3cr3t");
    let mode = std::fs::metadata(&secret).expect("stat").permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o644
    );
    let left: Vec<String> = walk_names(&den.home().join("run"));
    assert!(!left.iter().any(|n| n.starts_with(".passing-")), "{left:?}");
    let bad = context(
        &den,
        "badmode",
        &[(
            "Containerfile",
            "FROM busybox\nRUN --mount=type=secret,id=tok,mode=u+r true\n",
        )],
    );
    let e = den.fails(
        &["build", "--secret", &sec, &bad.display().to_string()],
        125,
    );
    assert!(e.contains("mode=u+r is not a number"), "{e}");
}

/// `--build-arg-file`: lines as `--env-file`'s, read before
/// `--build-arg`, which wins (podman's order).
#[test]
fn build_arg_files_are_read_before_build_args() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "argfile",
        &[
            (
                "Containerfile",
                "FROM busybox\nARG A\nARG B\nARG C\nRUN echo \"$A $B $C\" > /args\n",
            ),
            ("args.conf", "# comment\nA=from-file\nB=file\n\nC\n"),
        ],
    );
    let out = den
        .cmd(&[
            "build",
            "-q",
            "-t",
            "argfile",
            "--build-arg-file",
            &dir.join("args.conf").display().to_string(),
            "--build-arg",
            "B=flag",
            &dir.display().to_string(),
        ])
        .env("C", "from-env")
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(
        run(&den, "argfile", &["cat", "/args"]),
        "from-file flag from-env\n"
    );
    // A bare --build-arg KEY not in den's environment unsets the file's.
    let out = den
        .cmd(&[
            "build",
            "-q",
            "-t",
            "argfile2",
            "--build-arg-file",
            &dir.join("args.conf").display().to_string(),
            "--build-arg",
            "A",
            &dir.display().to_string(),
        ])
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(run(&den, "argfile2", &["cat", "/args"]), " file \n");
    let e = den.fails(
        &[
            "build",
            "--build-arg-file",
            "/nonexistent/args.conf",
            &dir.display().to_string(),
        ],
        125,
    );
    assert!(e.contains("check --build-arg-file"), "{e}");
}

/// Every name below `dir` (not following links).
pub(crate) fn walk_names(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.file_name().to_string_lossy().into_owned());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk_names(&e.path()));
        }
    }
    out
}
