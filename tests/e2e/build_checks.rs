//! `den build`, checked: clear errors that leave nothing behind; the
//! attacks on it (a context symlink or a source path that leads out, an
//! image whose paths lead out, a hostile archive); and, where podman is
//! installed, the same image as `podman build` makes.

use std::path::Path;

use super::build::{build, build_ok, build_stdin, build_until, context, run};
use crate::common::*;

#[test]
fn bad_dockerfiles_and_failing_steps_say_where_and_leave_nothing() {
    let (_reg, den) = ready();
    let cases: &[(&str, i32, &[&str])] = &[
        (
            "FROM busybox\nFROBNICATE x\n",
            125,
            &["line 2", "unknown instruction"],
        ),
        ("RUN true\n", 125, &["line 1", "before the first FROM"]),
        (
            "FROM busybox\nRUN echo to-out; echo to-err >&2; exit 3\n",
            3,
            &["line 2", "exited with 3"],
        ),
        (
            "FROM busybox\nCOPY missing /x\n",
            125,
            &["line 2", "missing: no such file"],
        ),
        (
            "FROM busybox\nCOPY ../../etc/passwd /x\n",
            125,
            &["outside the build context"],
        ),
        (
            "FROM busybox\nCOPY --from=later / /\nFROM busybox AS later\n",
            125,
            &["later"],
        ),
        (
            "FROM busybox\nRUN --mount=type=bind,source=..,target=/m true\n",
            125,
            &["outside the build context"],
        ),
        (
            "FROM busybox\nRUN --mount=type=secret,id=s,required true\n",
            125,
            &["--secret id=s"],
        ),
        (
            "FROM busybox\nEXPOSE http\n",
            125,
            &["line 2", "port number"],
        ),
        ("FROM busybox --platform=linux/s390x\n", 125, &["FROM"]),
    ];
    for (i, (file, code, words)) in cases.iter().enumerate() {
        let dir = context(&den, &format!("bad{i}"), &[("Containerfile", file)]);
        let out = build(&den, &dir, &["-t", "not-built"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{file}: {err}");
        let last = err.lines().last().unwrap_or_default();
        assert!(last.starts_with("den: error: "), "{file}: {err}");
        for w in *words {
            assert!(err.contains(w), "{file}: want {w:?} in {err}");
        }
        if *code == 3 {
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains("to-out") && err.contains("to-err"),
                "{stdout} {err}"
            );
        }
    }
    let dir = context(&den, "never", &[("Containerfile", "FROM nosuchimage\n")]);
    let out = build(&den, &dir, &["--pull=never"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--pull=never"));
    den.fails(&["image", "exists", "not-built"], 1);
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "", "no step container is left");
    // No context at all (`build -`): a Dockerfile on stdin builds; COPY cannot.
    let piped = |text: &str| build_stdin(&den, "piped", text);
    assert!(piped("FROM busybox\nRUN echo ok > /ok\n").status.success());
    let out = piped("FROM busybox\nCOPY x /x\n");
    assert_eq!(out.status.code(), Some(125));
    assert!(String::from_utf8_lossy(&out.stderr).contains("build context"));
    // Nothing given to build at all.
    let empty = context(&den, "empty", &[("README", "x")]);
    let err = String::from_utf8_lossy(&build(&den, &empty, &[]).stderr).into_owned();
    assert!(err.contains("no Containerfile or Dockerfile"), "{err}");
}

#[test]
fn sources_and_images_cannot_lead_a_copy_out_of_its_root() {
    let (_reg, den) = ready();
    // The user's own file the build must not read or write.
    let secret = den.home().join("host-secret");
    std::fs::write(&secret, "host secret\n").expect("write");
    let dir = context(
        &den,
        "attack",
        &[
            (
                "Containerfile",
                "FROM busybox\n\
             RUN ln -s / /escape && ln -s /etc /etclink\n\
             COPY link /from-link\n\
             COPY inner/ /inner/\n\
             COPY f /escape/tmp/landed\n\
             COPY f /etclink/landed\n\
             ADD evil.tar /evil/\n",
            ),
            ("f", "payload\n"),
            ("inner/x", "x\n"),
        ],
    );
    // A context symlink to the host's file: resolved inside the context.
    std::os::unix::fs::symlink(&secret, dir.join("link")).expect("symlink");
    let out = build(&den, &dir, &["-t", "atk"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{err}");
    assert!(err.contains("link"), "{err}");
    // A symlink inside a copied directory stays a symlink.
    std::fs::remove_file(dir.join("link")).expect("rm");
    std::fs::write(dir.join("link"), "plain\n").expect("write");
    std::os::unix::fs::symlink(&secret, dir.join("inner/sneaky")).expect("symlink");
    // An archive whose names climb out.
    let evil = dir.join("evil.tar");
    {
        let f = std::fs::File::create(&evil).expect("tar");
        let mut t = tar::Builder::new(f);
        let mut h = tar::Header::new_gnu();
        h.set_size(4);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        let name = b"../../../../../../../../tmp/den-build-escape";
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_cksum();
        t.append(&h, &b"evil"[..]).expect("append");
        t.finish().expect("finish");
    }
    build_ok(&den, &dir, &["-t", "atk"]);
    // The image's symlinks were followed inside the image.
    assert_eq!(
        run(&den, "atk", &["cat", "/tmp/landed", "/etc/landed"]),
        "payload\npayload\n"
    );
    let link = run(&den, "atk", &["readlink", "/inner/sneaky"]);
    assert_eq!(link.trim(), secret.display().to_string());
    // The archive's climbing name stayed below the destination.
    assert_eq!(
        run(&den, "atk", &["find", "/evil", "-type", "f"]),
        "/evil/tmp/den-build-escape\n"
    );
    assert!(
        !Path::new("/tmp/den-build-escape").exists(),
        "the archive wrote on the host"
    );
    assert_eq!(
        std::fs::read_to_string(&secret).expect("secret"),
        "host secret\n"
    );
    assert!(!den.home().join("landed").exists());
}

/// (path, kind, mode, uid, gid, content) of every entry under `prefixes`
/// in an exported filesystem (a tar), dates aside.
fn tree_of(tar_file: &Path, prefixes: &[&str]) -> Vec<(String, String, u32, u64, u64, Vec<u8>)> {
    let mut out = Vec::new();
    let mut ar = tar::Archive::new(std::fs::File::open(tar_file).expect("open export"));
    for e in ar.entries().expect("entries") {
        let mut e = e.expect("entry");
        let path = e.path().expect("path").display().to_string();
        let path = format!("/{}", path.trim_start_matches("./").trim_end_matches('/'));
        if !prefixes
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
        {
            continue;
        }
        let h = e.header().clone();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).expect("read");
        if let Ok(Some(l)) = h.link_name() {
            data = l.display().to_string().into_bytes();
        }
        out.push((
            path,
            format!("{:?}", h.entry_type()),
            h.mode().expect("mode") & 0o7777,
            h.uid().expect("uid"),
            h.gid().expect("gid"),
            data,
        ));
    }
    out.sort();
    out
}

/// podman with private storage for one test; its storage and rootless
/// pause process go with it, even when the test fails.
pub(crate) struct PrivatePodman {
    pub root: std::path::PathBuf,
    pub run_root: std::path::PathBuf,
    pub xdg: std::path::PathBuf,
    pub conf: std::path::PathBuf,
    pub home: std::path::PathBuf,
}

impl PrivatePodman {
    pub(crate) fn new(den: &Den, registry: &str) -> PrivatePodman {
        let pdir = den.home().join("podman");
        let xdg = pdir.join("xdg");
        std::fs::create_dir_all(&xdg).expect("mkdir");
        let conf = pdir.join("registries.conf");
        std::fs::write(
            &conf,
            format!("[[registry]]\nlocation = \"{registry}\"\ninsecure = true\n"),
        )
        .expect("conf");
        PrivatePodman {
            root: pdir.join("root"),
            run_root: pdir.join("run"),
            xdg,
            conf,
            home: den.home().to_path_buf(),
        }
    }

    fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new("podman");
        c.arg("--root")
            .arg(&self.root)
            .arg("--runroot")
            .arg(&self.run_root)
            .args(["--storage-driver", "vfs"])
            .args(args)
            .env("HOME", &self.home)
            .env("XDG_RUNTIME_DIR", &self.xdg)
            .env("CONTAINERS_REGISTRIES_CONF", &self.conf);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("podman");
        assert!(
            out.status.success(),
            "podman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for PrivatePodman {
    fn drop(&mut self) {
        let _ = self.cmd(&["system", "reset", "-f"]).output();
        let _ = std::process::Command::new("podman")
            .args(["unshare", "rm", "-rf"])
            .arg(&self.root)
            .arg(&self.run_root)
            .env("HOME", &self.home)
            .env("XDG_RUNTIME_DIR", &self.xdg)
            .output();
        // podman's rootless pause process would outlive the test.
        if let Ok(pid) = std::fs::read_to_string(self.xdg.join("libpod/tmp/pause.pid")) {
            let _ = std::process::Command::new("kill").arg(pid.trim()).output();
        }
    }
}

/// The config fields both builders set (buildah's own label aside).
fn config_fields(json: &str) -> Vec<(String, serde_json::Value)> {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("inspect json");
    if let Some(l) = v[0]["Config"]["Labels"].as_object_mut() {
        l.remove("io.buildah.version");
    }
    let c = &v[0]["Config"];
    [
        "Env",
        "Entrypoint",
        "Cmd",
        "WorkingDir",
        "User",
        "Labels",
        "ExposedPorts",
        "Volumes",
        "StopSignal",
    ]
    .iter()
    .map(|k| {
        // No labels at all and an empty set are the same.
        let v = match &c[*k] {
            serde_json::Value::Object(m) if m.is_empty() => serde_json::Value::Null,
            v => v.clone(),
        };
        (k.to_string(), v)
    })
    .collect()
}

/// Where podman is installed: a set of Dockerfiles built by den and by
/// podman (buildah) give the same files and the same config. (No RUN
/// steps: podman's runtime cannot run on this kind of host unprivileged.)
#[test]
fn den_and_podman_build_the_same_images() {
    let podman_here = std::process::Command::new("podman")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !podman_here {
        println!("podman is not installed: den's build is not compared with it");
        return;
    }
    let (reg, den) = ready();
    let dir = context(
        &den,
        "same",
        &[
            ("file1", "one\n"),
            ("file2", "two\n"),
            ("a.txt", "a\n"),
            ("b.txt", "b\n"),
            ("dir/x", "x\n"),
            ("dir/sub/y", "y\n"),
        ],
    );
    {
        let f = std::fs::File::create(dir.join("bundle.tar")).expect("tar");
        let mut t = tar::Builder::new(f);
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o751);
        h.set_uid(7);
        h.set_gid(8);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        t.append_data(&mut h, "pkg/tool", &b"hi\n"[..])
            .expect("append");
        t.finish().expect("finish");
    }
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        (
            "copies",
            "ARG BASE\nFROM $BASE\n\
             ENV A=1 B=\"two words\"\n\
             LABEL x=y\n\
             WORKDIR /app\n\
             COPY file1 .\n\
             COPY dir /copied\n\
             COPY dir/ /copied2/\n\
             COPY file1 file2 /multi/\n\
             COPY *.txt /globbed/\n\
             COPY --chmod=600 file1 /modes/f\n\
             COPY --chown=1000:1000 dir /owned/\n\
             COPY file1 /newdir/renamed\n\
             ADD bundle.tar /unpacked/\n\
             USER 1000\n\
             EXPOSE 80/tcp 53/udp\n\
             VOLUME /v\n\
             STOPSIGNAL SIGUSR1\n\
             ENTRYPOINT [\"/bin/sh\"]\n\
             CMD [\"-c\", \"true\"]\n",
            &[],
            &[
                "/app",
                "/copied",
                "/copied2",
                "/multi",
                "/globbed",
                "/modes",
                "/owned",
                "/newdir",
                "/unpacked",
            ],
        ),
        (
            "stages",
            "ARG BASE\nFROM $BASE AS parts\n\
             COPY dir /stuff/\n\
             COPY file2 /stuff/more/\n\
             FROM $BASE\n\
             COPY --from=parts /stuff /from-stage\n\
             COPY --from=parts /stuff/more/file2 /single\n\
             COPY --from=parts /bin/busybox /tools/\n\
             ENTRYPOINT [\"/tools/busybox\"]\n",
            &[],
            &["/from-stage", "/single", "/tools"],
        ),
        (
            "args",
            "ARG BASE\nARG WHERE=/opt\nFROM $BASE\n\
             ARG WHERE\n\
             ARG V=default\n\
             ENV P=$WHERE/$V X=${V:-no} Y=${UNSET:-fallback} Z=${V:+alt} Q='$V'\n\
             LABEL v=$V w=\"${WHERE}\"\n\
             COPY file1 $P/\n\
             COPY [\"file2\", \"/json form/\"]\n\
             USER nobody\n\
             CMD echo hi\n",
            &["--build-arg", "V=given"],
            &["/opt", "/json form"],
        ),
    ];
    let podman = PrivatePodman::new(&den, &reg.addr);
    let base = format!("BASE={}/busybox:latest", reg.addr);
    for (name, file, args, prefixes) in cases {
        std::fs::write(dir.join("Containerfile"), file).expect("write");
        let mut flags = vec!["-t", name, "--build-arg", &base];
        flags.extend_from_slice(args);
        build_ok(&den, &dir, &flags);
        let den_tar = den.home().join(format!("den-{name}.tar"));
        den.ok(&["create", "--name", name, name]);
        den.ok(&["export", "-o", &den_tar.display().to_string(), name]);
        let mut pflags = vec!["build", "-q"];
        pflags.extend_from_slice(&flags);
        let ctx = dir.display().to_string();
        pflags.push(&ctx);
        podman.ok(&pflags);
        let podman_tar = den.home().join(format!("podman-{name}.tar"));
        let image = format!("localhost/{name}");
        podman.ok(&["create", "--name", name, &image]);
        podman.ok(&["export", "-o", &podman_tar.display().to_string(), name]);
        assert_eq!(
            config_fields(&den.ok(&["image", "inspect", name])),
            config_fields(&podman.ok(&["image", "inspect", &image])),
            "{name}: config"
        );
        let (d, p) = (tree_of(&den_tar, prefixes), tree_of(&podman_tar, prefixes));
        assert!(d.len() >= prefixes.len(), "{name}: {d:?}");
        assert_eq!(d, p, "{name}: files");
    }
}

/// SIGINT to a build (`build_until`'s): it ends interrupted, exit 130.
fn interrupt_build(mut child: std::process::Child) {
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).expect("pid"),
        rustix::process::Signal::INT,
    )
    .expect("SIGINT");
    let status = child.wait().expect("wait");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
}

#[test]
fn a_stopped_build_ends_its_step_and_leaves_nothing() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "stop",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo started && sleep 3217\nRUN echo never\n",
        )],
    );
    // Wait for the RUN step's own output, then stop den (and only den).
    let child = build_until(&den, &dir, &["-t", "stopped"], |l| l == "started");
    let started = std::time::Instant::now();
    interrupt_build(child);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    den.fails(&["image", "exists", "stopped"], 1);
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
    // This den's processes (others' tests run beside it): the step's
    // command, or a supervisor with this den's environment.
    let home = den.home().display().to_string();
    let ours = |pid: u32| {
        std::fs::read(format!("/proc/{pid}/environ"))
            .is_ok_and(|e| String::from_utf8_lossy(&e).contains(&home))
    };
    let left: Vec<_> = user_processes()
        .into_iter()
        .filter(|(pid, args)| {
            args.contains("sleep 3217") || (args.contains("__supervise") && ours(*pid))
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A fake registry on loopback that takes requests and never answers
/// the manifest's (the connection held open for two minutes).
fn silent_registry() -> String {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let first = read_request_head(&conn);
                if first.contains("/manifests/") {
                    std::thread::sleep(std::time::Duration::from_secs(120));
                } else {
                    let mut w = &conn;
                    let _ = w.write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    );
                }
            });
        }
    });
    addr
}

/// A stop signal ends a build at once while it pulls its base image
/// (from a registry that never answers): it waited for the pull, two
/// minutes here, and longer for a large image.
#[test]
fn a_build_stopped_while_it_pulls_ends_at_once() {
    let addr = silent_registry();
    let den = Den::new(&addr);
    let dir = context(
        &den,
        "pulling",
        &[(
            "Containerfile",
            &format!("FROM {addr}/slow:latest\nRUN true\n"),
        )],
    );
    let child = build_until(&den, &dir, &["-t", "never"], |l| l.starts_with("STEP 1/"));
    // Well into the pull.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let started = std::time::Instant::now();
    interrupt_build(child);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the stop waited for the pull: {:?}",
        started.elapsed()
    );
    den.fails(&["image", "exists", "never"], 1);
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
    assert_eq!(den.ok(&["images", "-a", "-q"]), "");
}

/// Symlinks in the context cannot bring in what the ignore file excludes:
/// not by COPY of a link, of a linked directory, or by a RUN bind.
#[test]
fn ignored_files_stay_out_whatever_leads_to_them() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "ignlinks",
        &[
            ("secret.txt", "TOPSECRET\n"),
            ("secrets/key.pem", "KEY\n"),
            ("ok/plain.txt", "plain\n"),
            (".dockerignore", "secret.txt\nsecrets\n"),
        ],
    );
    std::os::unix::fs::symlink("secret.txt", dir.join("link")).expect("symlink");
    std::os::unix::fs::symlink("secrets", dir.join("alias")).expect("symlink");
    std::os::unix::fs::symlink("../secret.txt", dir.join("ok/inner")).expect("symlink");
    for (i, step) in [
        "COPY link /leak",
        "COPY alias /leak/",
        "COPY alias/key.pem /leak",
        "RUN --mount=type=bind,source=link,target=/x cat /x",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(dir.join("Containerfile"), format!("FROM busybox\n{step}\n"))
            .expect("write");
        let out = build(&den, &dir, &["-t", &format!("leak{i}")]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(125), "{step}: {all}");
        assert!(
            all.contains("ignore file") && !all.contains("TOPSECRET"),
            "{step}: {all}"
        );
    }
    // A bind of the whole context sees only what the rules let in; a link
    // inside it stays a link (to nothing the step can read).
    std::fs::write(
        dir.join("Containerfile"),
        "FROM busybox\nRUN --mount=type=bind,target=/ctx ls -a /ctx /ctx/ok && cat /ctx/ok/plain.txt\n",
    )
    .expect("write");
    let out = build_ok(&den, &dir, &["-t", "bound"]);
    assert!(
        !out.contains("secret.txt") && !out.contains("secrets"),
        "{out}"
    );
    assert!(out.contains("plain"), "{out}");
}

#[test]
fn the_reviewed_corner_cases_behave() {
    let (_reg, den) = ready();
    let ctx = |name: &str, file: &str| context(&den, name, &[("Containerfile", file)]);
    // A tagged image that a --layers=false build's step happens to equal
    // (same dates) is not removed with the build's intermediates.
    let base = ctx("same1", "FROM busybox\nENV A=1\n");
    build_ok(&den, &base, &["--timestamp", "0", "-t", "mybase"]);
    let more = ctx("same2", "FROM busybox\nENV A=1\nRUN true\n");
    build_ok(
        &den,
        &more,
        &["--layers=false", "--timestamp", "0", "-t", "other"],
    );
    den.ok(&["image", "exists", "mybase"]);
    // --timestamp never takes a step built with another date.
    let plain = ctx("ts", "FROM busybox\nLABEL a=b\n");
    build_ok(&den, &plain, &["-t", "ts"]);
    build_ok(&den, &plain, &["--timestamp", "0", "-t", "ts0"]);
    assert!(inspect(&den, "ts0", "{{.Created}}").starts_with("1970-01-01"));
    // A failed build without layers leaves no intermediate image.
    let before = den.ok(&["images", "-a", "-q"]).lines().count();
    let failing = ctx(
        "fail",
        "FROM busybox\nENV B=2\nRUN echo x > /x\nRUN false\n",
    );
    assert_eq!(
        build(&den, &failing, &["--layers=false"]).status.code(),
        Some(1)
    );
    assert_eq!(den.ok(&["images", "-a", "-q"]).lines().count(), before);
    // `<<` in quotes or arithmetic is no here-document; bodies of COPY
    // here-documents keep their quotes and backslashes.
    let docs = ctx(
        "docs",
        "FROM busybox\nENV NAME=world\nRUN echo \"a<<EOF b\" > /q && echo $((1<<3)) > /n\n\
         COPY <<EOF /s.sh\necho 'single $NAME' \"double\" C:\\\\dir \\$NAME\nEOF\n",
    );
    build_ok(&den, &docs, &["-t", "docs"]);
    assert_eq!(
        run(&den, "docs", &["cat", "/q", "/n", "/s.sh"]),
        "a<<EOF b\n8\necho 'single world' \"double\" C:\\\\dir $NAME\n"
    );
    // A bad substitution is an error, not a crash; a bad name fails first.
    let bad = ctx("nonascii", "FROM busybox\nENV X=${Aé}\n");
    let out = build(&den, &bad, &[]);
    assert_eq!(
        out.status.code(),
        Some(125),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = build(&den, &bad, &["-t", "Bad/Name"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("-t Bad/Name") && !String::from_utf8_lossy(&out.stdout).contains("STEP"),
        "{err}"
    );
    // WORKDIR makes its directory, as the stage's user.
    let wd = ctx(
        "wd",
        "FROM busybox\nUSER 1000:1000\nWORKDIR /app/sub\nRUN touch made\nUSER root\n",
    );
    build_ok(&den, &wd, &["-t", "wd"]);
    assert_eq!(
        run(
            &den,
            "wd",
            &["stat", "-c", "%u %n", "/app/sub", "/app/sub/made"]
        ),
        "1000 /app/sub\n1000 /app/sub/made\n"
    );
    // COPY into a directory that the image has as a symlink (/lib ->
    // usr/lib) goes where the link leads and keeps the link.
    let linked = context(
        &den,
        "linked",
        &[
            ("Containerfile", "FROM busybox\nRUN mkdir -p /usr/lib2 && ln -s usr/lib2 /lib2 && ln -s /nowhere /dangling\nCOPY root/ /\nRUN test -L /lib2 && cat /usr/lib2/x.txt\n"),
            ("root/lib2/x.txt", "through the link\n"),
        ],
    );
    let out = build_ok(&den, &linked, &["-t", "linked"]);
    assert!(out.contains("through the link"), "{out}");
    std::fs::write(
        linked.join("Containerfile"),
        "FROM linked\nCOPY root/lib2/x.txt /dangling/\n",
    )
    .expect("write");
    let out = build(&den, &linked, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{err}");
    assert!(
        err.contains("/dangling") && err.contains("leads nowhere"),
        "{err}"
    );
    // Unknown mount options and --checksum on a local file are refused.
    for (name, file, want) in [
        (
            "mnt",
            "FROM busybox\nRUN --mount=type=cache,target=/c,bogus=1 true\n",
            "bogus is not an option",
        ),
        (
            "sum",
            "FROM busybox\nADD --checksum=sha256:00 Containerfile /x\n",
            "URL sources only",
        ),
    ] {
        let out = build(&den, &ctx(name, file), &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(125), "{err}");
        assert!(err.contains(want), "{err}");
    }
}

#[test]
fn hostile_inputs_end_cleanly() {
    let (_reg, den) = ready();
    // A context tree deeper than den walks: an error, and nothing left.
    let deep = context(
        &den,
        "deep",
        &[("Containerfile", "FROM busybox\nCOPY d /d\n")],
    );
    let mut p = deep.join("d");
    for _ in 0..300 {
        p.push("d");
    }
    std::fs::create_dir_all(&p).expect("deep");
    let out = build(&den, &deep, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{err}");
    assert!(err.contains("deeper than"), "{err}");
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
    // Archives: xz, bzip2, and an old tar without the ustar magic unpack.
    let arch = context(
        &den,
        "arch",
        &[(
            "Containerfile",
            "FROM busybox\nADD a.tar.xz /xz/\nADD a.tar.bz2 /bz/\nADD v7.tar /v7/\n",
        )],
    );
    let src = den.home().join("archsrc");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("f"), "in the archive\n").expect("write");
    let tar = |args: &[&str]| {
        let st = std::process::Command::new("tar")
            .args(args)
            .status()
            .expect("tar");
        assert!(st.success(), "{args:?}");
    };
    let (s, a) = (src.display().to_string(), arch.display().to_string());
    tar(&["-cJf", &format!("{a}/a.tar.xz"), "-C", &s, "f"]);
    tar(&["-cjf", &format!("{a}/a.tar.bz2"), "-C", &s, "f"]);
    tar(&["--format=v7", "-cf", &format!("{a}/v7.tar"), "-C", &s, "f"]);
    build_ok(&den, &arch, &["-t", "arch"]);
    assert_eq!(
        run(&den, "arch", &["cat", "/xz/f", "/bz/f", "/v7/f"]),
        "in the archive\n".repeat(3)
    );
    // A secret given as an environment variable reaches the step only.
    let secret = den.home().join("tok");
    std::fs::write(&secret, "s3cr3t").expect("write");
    let env = context(&den, "env", &[("Containerfile", "FROM busybox\nRUN --mount=type=secret,id=tok,env=TOKEN printf %s \"$TOKEN\" | wc -c > /len\n")]);
    let sec = format!("id=tok,src={}", secret.display());
    build_ok(&den, &env, &["-t", "env", "--secret", &sec]);
    assert_eq!(run(&den, "env", &["cat", "/len"]).trim(), "6");
    let seen = den.ok(&["image", "inspect", "env"]);
    assert!(!seen.contains("s3cr3t"), "{seen}");
}
