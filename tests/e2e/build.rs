//! `den build`: Dockerfiles built rootless, multi-stage into `scratch`,
//! apt in the Debian image, the cache (hits, and a rebuild from the step a
//! change reaches), ignore files, reproducible digests, every instruction,
//! parallel stages, squashing. Errors, attacks and the comparison with
//! podman are in build_checks.rs.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// A context directory with `files` (path, content) in the den's home.
pub(crate) fn context(den: &Den, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = den.home().join(name);
    for (p, content) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write");
    }
    std::fs::create_dir_all(&dir).expect("context");
    dir
}

pub(crate) fn build(den: &Den, dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let d = dir.display().to_string();
    all.push(&d);
    den.output(&all)
}

pub(crate) fn build_ok(den: &Den, dir: &Path, args: &[&str]) -> String {
    let out = build(den, dir, args);
    assert!(
        out.status.success(),
        "build failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `den build -t TAG -` with `dockerfile` on stdin (no context).
pub(crate) fn build_stdin(den: &Den, tag: &str, dockerfile: &str) -> Output {
    den_with_stdin(den, &["build", "-t", tag, "-"], dockerfile.as_bytes())
}

/// `den ARGS` with `input` on its stdin, its output.
pub(crate) fn den_with_stdin(den: &Den, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = den
        .cmd(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("wait")
}

/// `den build ARGS CONTEXT` started, once a line of its output says
/// `until` (a test then stops it); its stdout and stderr stay piped.
pub(crate) fn build_until(
    den: &Den,
    dir: &Path,
    args: &[&str],
    until: impl Fn(&str) -> bool,
) -> std::process::Child {
    let d = dir.display().to_string();
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.push(&d);
    let mut child = den
        .cmd(&all)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no stdout");
    };
    let mut out = std::io::BufReader::new(stdout);
    let mut seen = String::new();
    let found = loop {
        let mut line = String::new();
        match std::io::BufRead::read_line(&mut out, &mut line) {
            Ok(0) | Err(_) => break false,
            Ok(_) => {}
        }
        seen.push_str(&line);
        if until(line.trim()) {
            break true;
        }
    };
    if !found {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the build ended before it got there: {seen}");
    }
    // Kept open: a build writing on must not meet a closed pipe.
    child.stdout = Some(out.into_inner());
    child
}

/// The last line of a build's output: the image id.
pub(crate) fn id_of(out: &str) -> String {
    out.lines().last().unwrap_or_default().trim().to_string()
}

pub(crate) fn run(den: &Den, image: &str, cmd: &[&str]) -> String {
    let mut args = vec!["run", "--rm", "--network", "none", image];
    args.extend_from_slice(cmd);
    den.ok(&args)
}

#[test]
fn a_multi_stage_build_makes_a_program_and_keeps_only_the_scratch_stage() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "ms",
        &[(
            "Containerfile",
            "FROM busybox AS build\n\
             WORKDIR /src\n\
             RUN printf '#!/bin/busybox sh\\necho built by stage one\\n' > hello && chmod 755 hello\n\
             FROM busybox AS unused\n\
             RUN echo never > /never\n\
             FROM scratch\n\
             COPY --from=build /bin/busybox /bin/busybox\n\
             COPY --from=build /src/hello /hello\n\
             ENTRYPOINT [\"/hello\"]\n",
        )],
    );
    let out = build_ok(&den, &dir, &["-t", "prog"]);
    assert!(
        out.contains("[1/3] STEP 1/3: FROM busybox AS build"),
        "{out}"
    );
    assert!(
        out.contains("Successfully tagged localhost/prog:latest"),
        "{out}"
    );
    // The unused stage is not built.
    assert!(!out.contains("RUN echo never"), "{out}");
    assert_eq!(run(&den, "prog", &[]), "built by stage one\n");
    // Only the final stage's two layers, none of busybox's own.
    let layers = inspect(&den, "prog", "{{len .RootFS.Layers}}");
    assert_eq!(layers, "2");
    assert_eq!(inspect(&den, "prog", "{{.Config.Entrypoint}}"), "[/hello]");
    // Intermediate images are listed only with -a; prune removes them.
    let listed = den.ok(&["images", "--format", "{{.Repository}}"]);
    assert!(!listed.contains("<none>"), "{listed}");
    let all = den.ok(&["images", "-a", "--format", "{{.Repository}}"]);
    assert!(all.contains("<none>"), "{all}");
    den.ok(&["image", "prune", "-f"]);
    let all = den.ok(&["images", "-a", "--format", "{{.Repository}}"]);
    assert!(!all.contains("<none>"), "{all}");
    assert_eq!(run(&den, "prog", &[]), "built by stage one\n");
}

#[test]
fn a_debian_build_installs_a_package_with_apt() {
    let reg = crate::support::registry::Registry::start();
    push_debian(&reg, "debian", &[]);
    let den = Den::new(&reg.addr);
    let dir = context(
        &den,
        "apt",
        &[(
            "Dockerfile",
            "FROM debian:bookworm\n\
             RUN apt-get update && apt-get install -y --no-install-recommends hello \
                 && rm -rf /var/lib/apt/lists/*\n\
             CMD [\"hello\"]\n",
        )],
    );
    let out = build_ok(&den, &dir, &["-t", "greeter"]);
    assert!(out.contains("Setting up hello"), "{out}");
    let said = den.ok(&["run", "--rm", "greeter"]);
    assert_eq!(said, "Hello, world!\n");
}

#[test]
fn a_second_build_is_all_cache_and_a_change_rebuilds_from_its_step() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "cache",
        &[
            (
                "Containerfile",
                "FROM busybox\n\
                 RUN cat /proc/sys/kernel/random/uuid > /first\n\
                 COPY a.txt /a.txt\n\
                 RUN cat /proc/sys/kernel/random/uuid > /after\n\
                 ENV DONE=1\n",
            ),
            ("a.txt", "one\n"),
        ],
    );
    let first = build_ok(&den, &dir, &["-t", "c"]);
    assert!(!first.contains("Using cache"), "{first}");
    let stamp = |f: &str| run(&den, "c", &["cat", f]);
    let (first_a, after_a) = (stamp("/first"), stamp("/after"));
    let again = build_ok(&den, &dir, &["-t", "c"]);
    assert_eq!(again.matches("--> Using cache").count(), 4, "{again}");
    assert_eq!(id_of(&first), id_of(&again));
    // A changed file: the step before it stays, it and what follows run.
    std::fs::write(dir.join("a.txt"), "two\n").expect("write");
    let changed = build_ok(&den, &dir, &["-t", "c"]);
    assert_eq!(changed.matches("--> Using cache").count(), 1, "{changed}");
    assert_eq!(stamp("/first"), first_a);
    assert_ne!(stamp("/after"), after_a);
    assert_eq!(run(&den, "c", &["cat", "/a.txt"]), "two\n");
    // A build argument that changes reaches only the steps after its ARG.
    // --no-cache runs every step again.
    let fresh = build_ok(&den, &dir, &["--no-cache", "-t", "c"]);
    assert!(!fresh.contains("Using cache"), "{fresh}");
    assert_ne!(stamp("/first"), first_a);
    // -q: the id alone on stdout; --iidfile gets it too.
    let iid = den.home().join("iid");
    let quiet = build_ok(&den, &dir, &["-q", "--iidfile", &iid.display().to_string()]);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert_eq!(
        std::fs::read_to_string(&iid).expect("iidfile"),
        format!("sha256:{}", quiet.trim())
    );
}

#[test]
fn ignore_files_follow_dockers_rules() {
    let (_reg, den) = ready();
    let files = [
        ("Containerfile", "FROM busybox\nCOPY . /ctx/\n"),
        ("app.log", "x"),
        ("keep.log", "x"),
        ("src/main.c", "x"),
        ("src/deep/x.tmp", "x"),
        ("secret/key", "x"),
        ("docs/a/draft/x", "x"),
        ("docs/a/draft/ok", "x"),
        (
            ".dockerignore",
            "# comments are fine\n*.log\n!keep.log\nsecret\n**/*.tmp\ndocs/*/draft\n!docs/a/draft/ok\n",
        ),
    ];
    let dir = context(&den, "ign", &files);
    build_ok(&den, &dir, &["-t", "ign"]);
    let found = run(&den, "ign", &["find", "/ctx", "-type", "f"]);
    let mut got: Vec<&str> = found.lines().collect();
    got.sort();
    assert_eq!(
        got,
        [
            "/ctx/.dockerignore",
            "/ctx/Containerfile",
            "/ctx/docs/a/draft/ok",
            "/ctx/keep.log",
            "/ctx/src/main.c"
        ]
    );
    // An excluded file named as a source is an error that says why.
    std::fs::write(dir.join("Containerfile"), "FROM busybox\nCOPY app.log /\n").expect("write");
    let out = build(&den, &dir, &[]);
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2") && err.contains("ignore file"),
        "{err}"
    );
    // .containerignore wins over .dockerignore.
    std::fs::write(dir.join(".containerignore"), "src\n").expect("write");
    std::fs::write(dir.join("Containerfile"), "FROM busybox\nCOPY . /ctx/\n").expect("write");
    build_ok(&den, &dir, &["-t", "ign2"]);
    let found = run(&den, "ign2", &["find", "/ctx", "-name", "*.log"]);
    assert_eq!(found.lines().count(), 2, "{found}");
    assert!(run(&den, "ign2", &["ls", "/ctx"])
        .lines()
        .all(|l| l != "src"));
    // A comment in Latin-1 (not UTF-8) leaves the rules in force, and a
    // pattern of many stars is answered against a long name (trying every
    // split at each star never ended). Both once let secrets in or hung.
    std::fs::remove_file(dir.join(".containerignore")).expect("rm");
    let mut text = b"# caf\xe9\n.env\n".to_vec();
    text.extend_from_slice(format!("{}b\n", "*a".repeat(16)).as_bytes());
    std::fs::write(dir.join(".dockerignore"), text).expect("write");
    std::fs::write(dir.join(".env"), "TOKEN=x\n").expect("write");
    std::fs::write(dir.join("a".repeat(64)), "x").expect("write");
    build_ok(&den, &dir, &["-t", "ign3"]);
    let top = run(&den, "ign3", &["ls", "-a", "/ctx"]);
    assert!(top.lines().all(|l| l != ".env"), "{top}");
    assert!(top.lines().any(|l| l == "a".repeat(64)), "{top}");
    // One that is there but cannot be read is an error, never no rules.
    std::fs::create_dir(dir.join(".containerignore")).expect("mkdir");
    let out = build(&den, &dir, &[]);
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".containerignore") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_same_dockerfile_and_context_give_the_same_digest() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "repro",
        &[
            (
                "Containerfile",
                "FROM busybox\nCOPY f /f\nRUN echo made > /made && mkdir -p /d/e\nLABEL a=b\n",
            ),
            ("f", "content\n"),
        ],
    );
    let a = id_of(&build_ok(
        &den,
        &dir,
        &["--no-cache", "--timestamp", "1700000000"],
    ));
    let b = id_of(&build_ok(
        &den,
        &dir,
        &["--no-cache", "--timestamp", "1700000000"],
    ));
    assert_eq!(a, b);
    // SOURCE_DATE_EPOCH does the same.
    let with_env = |den: &Den| {
        let out = den
            .cmd(&["build", "--no-cache", &dir.display().to_string()])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("build");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        id_of(&String::from_utf8_lossy(&out.stdout))
    };
    assert_eq!(with_env(&den), a);
    assert_eq!(
        inspect(&den, &a, "{{.Created}}").split('T').next(),
        Some("2023-11-14")
    );
    // Without a timestamp the dates differ, and so does the digest.
    let c = id_of(&build_ok(&den, &dir, &["--no-cache"]));
    assert_ne!(c, a);
}

#[test]
fn every_instruction_does_what_docker_does() {
    let (_reg, den) = ready();
    // An archive for ADD to unpack.
    let tar_dir = den.home().join("tarsrc");
    std::fs::create_dir_all(tar_dir.join("pkg")).expect("mkdir");
    std::fs::write(tar_dir.join("pkg/inside"), "unpacked\n").expect("write");
    let tgz = den.home().join("bundle.tar.gz");
    let st = std::process::Command::new("tar")
        .args([
            "-czf",
            &tgz.display().to_string(),
            "-C",
            &tar_dir.display().to_string(),
            "pkg",
        ])
        .status()
        .expect("tar");
    assert!(st.success());
    let dir = context(
        &den,
        "all",
        &[
            (
                "Containerfile",
                "# syntax=docker/dockerfile:1\n\
                 ARG BASE=busybox\n\
                 ARG UNUSED=x\n\
                 FROM ${BASE}\n\
                 ARG BASE\n\
                 ARG WHO=world\n\
                 ENV GREETING=\"hello ${WHO}\" \\\n\
                     EMPTY=\n\
                 LABEL org.example.who=$WHO version=\"1 0\"\n\
                 WORKDIR /app\n\
                 WORKDIR sub\n\
                 COPY --chown=1000:1000 --chmod=640 conf.txt ./\n\
                 COPY dir/ /copied/\n\
                 COPY *.md /docs/\n\
                 ADD bundle.tar.gz /opt/\n\
                 COPY <<EOF /heredoc.txt\n\
                 from a here-document\n\
                 EOF\n\
                 RUN <<EOF\n\
                 echo \"base=$BASE who=$WHO ${UNUSED:-unset}\" > /run.txt\n\
                 pwd >> /run.txt\n\
                 EOF\n\
                 SHELL [\"/bin/sh\", \"-ec\"]\n\
                 RUN [\"/bin/sh\", \"-c\", \"echo exec form > /exec.txt\"]\n\
                 USER 1000:1000\n\
                 RUN id -u > /tmp/uid\n\
                 USER root\n\
                 EXPOSE 8080 53/udp\n\
                 VOLUME /data\n\
                 STOPSIGNAL SIGINT\n\
                 HEALTHCHECK --interval=30s --retries=3 CMD true\n\
                 ONBUILD RUN echo triggered > /onbuild.txt\n\
                 ENTRYPOINT [\"/bin/sh\", \"-c\"]\n\
                 CMD [\"cat /run.txt\"]\n",
            ),
            ("conf.txt", "conf\n"),
            ("dir/a", "a\n"),
            ("dir/sub/b", "b\n"),
            ("one.md", "1"),
            ("two.md", "2"),
        ],
    );
    std::fs::copy(&tgz, dir.join("bundle.tar.gz")).expect("copy tgz");
    let out = build_ok(
        &den,
        &dir,
        &[
            "-t",
            "all",
            "--build-arg",
            "WHO=den",
            "--label",
            "extra=yes",
        ],
    );
    assert!(out.contains("STEP 2/"), "{out}");
    let sh = |c: &str| run(&den, "all", &[c]);
    assert_eq!(sh("cat /run.txt"), "base=busybox who=den unset\n/app/sub\n");
    assert_eq!(
        sh("stat -c '%u:%g %a' /app/sub/conf.txt"),
        "1000:1000 640\n"
    );
    assert_eq!(sh("cat /copied/a /copied/sub/b"), "a\nb\n");
    assert_eq!(sh("ls /docs"), "one.md\ntwo.md\n");
    assert_eq!(sh("cat /opt/pkg/inside"), "unpacked\n");
    assert_eq!(sh("cat /heredoc.txt"), "from a here-document\n");
    assert_eq!(sh("cat /exec.txt /tmp/uid"), "exec form\n1000\n");
    assert_eq!(sh("echo \"$GREETING|$EMPTY|\""), "hello den||\n");
    assert_eq!(
        run(&den, "all", &[]),
        "base=busybox who=den unset\n/app/sub\n"
    );
    let field = |f: &str| inspect(&den, "all", f);
    assert_eq!(field("{{.Config.WorkingDir}}"), "/app/sub");
    assert_eq!(field("{{index .Config.Labels \"org.example.who\"}}"), "den");
    assert_eq!(field("{{index .Config.Labels \"version\"}}"), "1 0");
    assert_eq!(field("{{index .Config.Labels \"extra\"}}"), "yes");
    assert_eq!(field("{{.Config.User}}"), "root");
    assert_eq!(field("{{.Config.StopSignal}}"), "SIGINT");
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["image", "inspect", "all"])).expect("json");
    let cfg = &json[0]["Config"];
    assert!(
        cfg["ExposedPorts"]["8080/tcp"].is_object() && cfg["ExposedPorts"]["53/udp"].is_object()
    );
    assert!(cfg["Volumes"]["/data"].is_object());
    assert_eq!(
        cfg["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "true"])
    );
    assert_eq!(
        cfg["OnBuild"],
        serde_json::json!(["RUN echo triggered > /onbuild.txt"])
    );
    assert_eq!(cfg["Shell"], serde_json::json!(["/bin/sh", "-ec"]));
    // History as buildah writes it: RUN steps with their build arguments.
    let history = den.ok(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", "all"]);
    assert!(
        history.contains("|2 BASE=busybox WHO=den /bin/sh -c"),
        "{history}"
    );
    assert!(history.contains("#(nop) EXPOSE"), "{history}");
    // A child build runs the ONBUILD trigger, and has none itself.
    let child = context(
        &den,
        "child",
        &[("Containerfile", "FROM all\nRUN cat /onbuild.txt\n")],
    );
    let out = build_ok(&den, &child, &["-t", "child"]);
    assert!(out.contains("triggered"), "{out}");
    let onbuild = inspect(&den, "child", "{{json .Config.OnBuild}}");
    assert!(!onbuild.contains("triggered"), "{onbuild}");
}

#[test]
fn independent_stages_build_at_the_same_time() {
    let (_reg, den) = ready();
    let stage = |n: &str| {
        format!(
            "FROM busybox AS {n}\nRUN cut -d' ' -f1 /proc/uptime > /start && sleep 1 \
             && cut -d' ' -f1 /proc/uptime > /end\n"
        )
    };
    let file = format!(
        "{}{}FROM busybox\nCOPY --from=a /start /a.start\nCOPY --from=a /end /a.end\n\
         COPY --from=b /start /b.start\nCOPY --from=b /end /b.end\n",
        stage("a"),
        stage("b")
    );
    let dir = context(&den, "par", &[("Containerfile", &file)]);
    // /proc/uptime: seconds since boot, the same clock in every container.
    let times = |tag: &str| -> Vec<f64> {
        ["/a.start", "/a.end", "/b.start", "/b.end"]
            .iter()
            .map(|f| {
                let t = run(&den, tag, &["cat", f]);
                t.trim().parse().unwrap_or_else(|_| panic!("{f}: {t:?}"))
            })
            .collect()
    };
    build_ok(&den, &dir, &["--jobs", "2", "-t", "par2"]);
    let t = times("par2");
    // Each started before the other ended: they overlapped.
    assert!(t[0] < t[3] && t[2] < t[1], "{t:?}");
    build_ok(&den, &dir, &["--no-cache", "--jobs", "1", "-t", "par1"]);
    let t = times("par1");
    assert!(
        t[1] <= t[2] || t[3] <= t[0],
        "with one job they run one after the other: {t:?}"
    );
}

#[test]
fn squash_and_layers_false_make_one_new_layer() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "sq",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo 1 > /one\nRUN echo 2 > /two && rm /bin/vi\nRUN rm /one\n",
        )],
    );
    let base = inspect(&den, "busybox", "{{len .RootFS.Layers}}");
    let base: usize = base.parse().expect("count");
    for flags in [&["--layers=false"][..], &["--squash"][..]] {
        let mut args = flags.to_vec();
        args.extend(["-t", "sq"]);
        build_ok(&den, &dir, &args);
        let n: usize = inspect(&den, "sq", "{{len .RootFS.Layers}}")
            .parse()
            .expect("count");
        assert_eq!(n, base + 1, "{flags:?}");
        assert_eq!(run(&den, "sq", &["cat", "/two"]), "2\n");
        let gone = run(&den, "sq", &["sh", "-c", "ls /one /bin/vi 2>&1 || true"]);
        assert!(gone.contains("No such file"), "{gone}");
        if flags == ["--layers=false"] {
            // Without a cache, no intermediate images stay.
            let all = den.ok(&["images", "-a", "--format", "{{.Repository}}"]);
            assert!(!all.contains("<none>"), "{all}");
        }
    }
}

#[test]
fn run_mounts_arg_scopes_and_downloads() {
    let (_reg, den) = ready();
    let port = server_on("127.0.0.1", "downloaded\n");
    let secret = den.home().join("token");
    std::fs::write(&secret, "s3cr3t").expect("write");
    let dir = context(
        &den,
        "mounts",
        &[
            (
                "Containerfile",
                "ARG V=global\n\
                 FROM busybox AS tools\n\
                 RUN mkdir -p /out && echo from-stage > /out/tool\n\
                 FROM busybox\n\
                 RUN echo \"[$V]\" > /unscoped\n\
                 ARG V\n\
                 RUN echo \"[$V] [$HTTP_PROXY]\" > /scoped\n\
                 RUN --mount=type=cache,target=/cache echo run >> /cache/log && wc -l < /cache/log > /count\n\
                 RUN --mount=type=secret,id=tok wc -c < /run/secrets/tok > /secret-size\n\
                 RUN --mount=type=bind,source=sub,target=/ctx cat /ctx/in.txt > /bound\n\
                 RUN --mount=type=bind,from=tools,source=/out,target=/t cat /t/tool > /from-stage\n\
                 RUN --mount=type=tmpfs,target=/scratch echo x > /scratch/x && test ! -e /keep\n\
                 ADD http://127.0.0.1:PORT/dl/file.txt /downloads/\n\
                 RUN --network=none grep -c : /proc/net/dev > /ifaces-none\n\
                 RUN grep -c : /proc/net/dev > /ifaces-default\n\
                 RUN <<EOT\n#!/bin/sh -e\necho \"its own interpreter: $0\" > /script-ran\nEOT\n",
            ),
            ("sub/in.txt", "bound in\n"),
        ],
    );
    let file = std::fs::read_to_string(dir.join("Containerfile")).expect("read");
    std::fs::write(
        dir.join("Containerfile"),
        file.replace("PORT", &port.to_string()),
    )
    .expect("write");
    let sec = format!("id=tok,src={}", secret.display());
    let args = [
        "-t",
        "m",
        "--secret",
        &sec,
        "--build-arg",
        "HTTP_PROXY=http://proxy.invalid:3128",
    ];
    build_ok(&den, &dir, &args);
    let sh = |c: &str| run(&den, "m", &["sh", "-c", c]);
    assert_eq!(
        sh("cat /unscoped /scoped"),
        "[]\n[global] [http://proxy.invalid:3128]\n"
    );
    assert_eq!(sh("cat /count"), "1\n");
    // A here-document with `#!` runs as a file, which the image does not keep.
    assert_eq!(
        sh("cat /script-ran; ls -a / | grep -c den-build || true"),
        "its own interpreter: /.den-build-script\n0\n"
    );
    // RUN --network=none has the loopback alone; the default network more.
    assert_eq!(sh("cat /ifaces-none"), "1\n");
    assert_ne!(sh("cat /ifaces-default"), "1\n");
    assert_eq!(sh("cat /secret-size"), "6\n");
    assert_eq!(sh("cat /bound /from-stage"), "bound in\nfrom-stage\n");
    assert_eq!(
        sh("stat -c %a /downloads/file.txt; cat /downloads/file.txt"),
        "600\ndownloaded\n"
    );
    // Mounts leave nothing in the image: not the secret, the cache, the
    // bind targets or the tmpfs.
    assert_eq!(
        sh("ls -d /run/secrets/tok /cache /ctx /t /scratch 2>/dev/null | wc -l"),
        "0\n"
    );
    // The proxy is not in the history; the build argument is.
    let history = den.ok(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", "m"]);
    assert!(!history.contains("proxy.invalid"), "{history}");
    assert!(history.contains("|1 V=global"), "{history}");
    // The cache mount keeps its content from one build to the next.
    build_ok(&den, &dir, &["--no-cache", "-t", "m", "--secret", &sec]);
    assert_eq!(sh("cat /count"), "2\n");
    // A download whose digest is not the one promised is refused.
    let wrong = format!(
        "FROM busybox\nADD --checksum=sha256:{} http://127.0.0.1:{port}/x /x\n",
        "0".repeat(64)
    );
    std::fs::write(dir.join("Containerfile"), wrong).expect("write");
    let out = build(&den, &dir, &[]);
    assert_eq!(out.status.code(), Some(125));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--checksum"));
    // No download, bind copy or work directory is left behind.
    tmp_is_clean(&den);
}
