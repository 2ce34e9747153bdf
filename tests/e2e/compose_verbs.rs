//! `den compose`'s listing verbs as scripts read them, Docker Compose's
//! shapes: `ps` (whole ids, `--services`, `--status`, JSON one object a
//! line with Compose's keys, ports as `0.0.0.0:8080->80/tcp`), `logs`
//! (`--since`, `--until`, `--index`) and `version --short`.

use crate::common::*;
use crate::compose::{ok, project};

#[test]
fn ps_lists_as_docker_compose_does() {
    let (_reg, den) = ready();
    let port = free_port();
    let file = format!("services:\n  web:\n    image: busybox\n    command: sleep 1000\n    ports: [\"{port}:80\"]\n  job:\n    image: busybox\n    command: echo job-done\n");
    let dir = project(&den, "lister", &[("compose.yaml", &file)]);
    // --progress quiet: no progress lines.
    let out = crate::compose::compose(&den, &dir, &["--progress", "quiet", "up", "-d"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(text(&out).1, "");
    wait_for("job to end", || {
        ok(
            &den,
            &dir,
            // A status asked for is looked for among all, without -a.
            &["ps", "--status", "exited", "--services"],
        ) == "job\n"
    });
    assert_eq!(ok(&den, &dir, &["ps", "--services"]), "web\n");
    assert_eq!(
        ok(
            &den,
            &dir,
            &["ps", "-a", "--filter", "status=running", "--services"]
        ),
        "web\n"
    );
    let ids = ok(&den, &dir, &["ps", "-q"]);
    assert_eq!(ids.trim().len(), 64, "{ids}");
    let json = ok(&den, &dir, &["ps", "-a", "--format", "json"]);
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object a line"))
        .collect();
    assert_eq!(rows.len(), 2, "{json}");
    let web = rows.iter().find(|r| r["Service"] == "web").expect("web");
    assert_eq!(web["Project"], "lister");
    assert_eq!(web["State"], "running");
    assert!(
        web["Status"].as_str().is_some_and(|s| s.starts_with("Up ")),
        "{web}"
    );
    assert_eq!(web["Ports"], format!("0.0.0.0:{port}->80/tcp"));
    assert_eq!(web["Publishers"][0]["PublishedPort"], port);
    let job = rows.iter().find(|r| r["Service"] == "job").expect("job");
    assert_eq!(job["ExitCode"], 0);
    assert!(
        job["Status"]
            .as_str()
            .is_some_and(|s| s.starts_with("Exited (0)")),
        "{job}"
    );
    assert!(
        den.cmd(&["compose", "ps", "--status", "sleeping"])
            .current_dir(&dir)
            .output()
            .expect("ps")
            .status
            .code()
            == Some(125)
    );
    // --ansi always: the names coloured even into a pipe.
    assert!(ok(&den, &dir, &["--ansi", "always", "logs", "job"]).contains("\x1b["));
    // logs --since/--until/--index.
    assert_eq!(
        ok(
            &den,
            &dir,
            &["logs", "--no-log-prefix", "--since", "1h", "job"]
        ),
        "job-done\n"
    );
    assert_eq!(
        ok(
            &den,
            &dir,
            &["logs", "--until", "2000-01-01T00:00:00Z", "job"]
        ),
        ""
    );
    assert_eq!(
        ok(
            &den,
            &dir,
            &["logs", "--no-log-prefix", "--index", "1", "job"]
        ),
        "job-done\n"
    );
    assert!(ok(&den, &dir, &["version", "--short"])
        .trim()
        .split('.')
        .all(|n| n.parse::<u32>().is_ok()));
    ok(&den, &dir, &["down", "-t", "0"]);
}

/// `compose pull` as Compose's: an image that cannot be pulled fails it,
/// but not with --ignore-pull-failures, nor for a service that builds
/// (it is built instead); --policy missing leaves what is here alone.
#[test]
fn pull_takes_composes_flags() {
    let (_reg, den) = ready();
    let file = "services:\n  ok:\n    image: busybox\n  gone:\n    image: no-such-image-here\n  built:\n    image: also-not-there\n    build: .\n";
    let dir = project(
        &den,
        "puller",
        &[("compose.yaml", file), ("Containerfile", "FROM busybox\n")],
    );
    let out = crate::compose::compose(&den, &dir, &["pull", "-q"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("service gone"), "{stderr}");
    let out = crate::compose::compose(&den, &dir, &["pull", "-q", "--ignore-pull-failures"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("gone: no-such-image-here could not be pulled"),
        "{stderr}"
    );
    assert!(
        stderr.contains("built: also-not-there could not be pulled"),
        "{stderr}"
    );
    assert!(stderr.contains("up builds it"), "{stderr}");
    ok(&den, &dir, &["pull", "-q", "--policy", "missing", "ok"]);
    // `--pull never`: an image not here is an error, not a pull (up and
    // run alike); `--pull always` pulls one that is here.
    for args in [
        &["up", "-d", "--pull", "never", "gone"][..],
        &["run", "--rm", "--pull", "never", "gone", "true"],
    ] {
        let out = crate::compose::compose(&den, &dir, args);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {stderr}");
        assert!(stderr.contains("image not known"), "{args:?}: {stderr}");
    }
    ok(
        &den,
        &dir,
        &["run", "--rm", "--pull", "always", "ok", "true"],
    );
    // `create`: `up --no-start`.
    ok(&den, &dir, &["create", "ok"]);
    assert_eq!(
        ok(&den, &dir, &["ps", "-a", "--format", "{{.State}}"]),
        "created\n"
    );
    ok(&den, &dir, &["down"]);
}

/// `compose config --images`, `--networks`, `--environment` (without
/// den's own variables), `--hash`.
#[test]
fn config_lists_what_compose_config_lists() {
    let den = Den::new("localhost:1");
    let file = "services:\n  a:\n    image: busybox:${TAG:-1}\n  b:\n    build: .\nnetworks:\n  back: {}\n";
    let dir = project(
        &den,
        "lists",
        &[("compose.yaml", file), (".env", "TAG=2\n")],
    );
    assert_eq!(
        ok(&den, &dir, &["config", "--images"]),
        "busybox:2\nlists-b\n"
    );
    assert_eq!(ok(&den, &dir, &["config", "--networks"]), "back\ndefault\n");
    let env = ok(&den, &dir, &["config", "--environment"]);
    assert!(env.lines().any(|l| l == "TAG=2"), "{env}");
    assert!(!env.contains("_DEN_"), "{env}");
    let hashes = ok(&den, &dir, &["config", "--hash", "*"]);
    assert_eq!(hashes.lines().count(), 2, "{hashes}");
    assert!(hashes.starts_with("a "), "{hashes}");
}

/// `up --no-deps SERVICE` makes that service alone; `-t` is the stop
/// time of what up replaces.
#[test]
fn up_no_deps_and_timeout() {
    let (_reg, den) = ready();
    let file = "services:\n  web:\n    image: busybox\n    command: sleep 1000\n    depends_on: [db]\n  db:\n    image: busybox\n    command: sleep 1000\n";
    let dir = project(&den, "nodeps", &[("compose.yaml", file)]);
    ok(&den, &dir, &["up", "-d", "--no-deps", "web"]);
    assert_eq!(ok(&den, &dir, &["ps", "--services"]), "web\n");
    // Replaced within -t 0 (sleep as PID 1 ignores SIGTERM: without it,
    // ten seconds).
    let start = std::time::Instant::now();
    ok(
        &den,
        &dir,
        &[
            "up",
            "-d",
            "--no-deps",
            "--force-recreate",
            "-t",
            "0",
            "web",
        ],
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(8),
        "{:?}",
        start.elapsed()
    );
    ok(&den, &dir, &["down", "-t", "0"]);
}

/// A service's `build.tags`, `build.secrets` (file-based) and
/// `build.no_cache` are applied (they were dropped); keys den cannot
/// apply are named in a warning.
#[test]
fn build_keys_are_applied() {
    let (_reg, den) = ready();
    let file = "services:\n  app:\n    build:\n      context: .\n      tags: [\"extra-name:v1\"]\n      secrets: [tok]\n      cache_from: [\"somewhere/cache\"]\nsecrets:\n  tok:\n    file: ./tok.txt\n";
    let dir = project(
        &den,
        "bkeys",
        &[
            ("compose.yaml", file),
            ("tok.txt", "s3cret"),
            (
                "Containerfile",
                "FROM busybox\nRUN --mount=type=secret,id=tok test \"$(cat /run/secrets/tok)\" = s3cret\n",
            ),
        ],
    );
    let out = crate::compose::compose(&den, &dir, &["build"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("den does not apply build.cache_from"),
        "{stderr}"
    );
    let id = |i: &str| den.ok(&["image", "inspect", "-f", "{{.Id}}", i]);
    assert_eq!(id("bkeys-app"), id("extra-name:v1"));
}

/// `compose cp` to and from a service's container; `compose wait` until
/// a service's container ends, with its exit code.
#[test]
fn cp_and_wait() {
    let (_reg, den) = ready();
    let file = "services:\n  app:\n    image: busybox\n    command: sleep 1000\n  job:\n    image: busybox\n    command: sh -c 'sleep 2; exit 3'\n";
    let dir = project(
        &den,
        "cpwait",
        &[("compose.yaml", file), ("in.txt", "into\n")],
    );
    ok(&den, &dir, &["up", "-d"]);
    ok(&den, &dir, &["cp", "in.txt", "app:/tmp/in.txt"]);
    ok(&den, &dir, &["cp", "app:/tmp/in.txt", "out.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("out.txt")).expect("out"),
        "into\n"
    );
    let out = crate::compose::compose(&den, &dir, &["wait", "job"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stdout.contains("exited with status code 3"), "{stdout}");
    ok(&den, &dir, &["down", "-t", "0"]);
}

/// `scale SERVICE=N` makes or removes replicas as `up --scale` does (the
/// first kept as it was); `stats` samples the project's containers only;
/// `attach` follows a service's container to its end.
#[test]
fn scale_stats_and_attach() {
    let (_reg, den) = ready();
    den.ok(&[
        "run", "-d", "--name", "outsider", "busybox", "sleep", "1000",
    ]);
    let file = "services:\n  web:\n    image: busybox\n    command: sleep 1000\n    stop_signal: SIGKILL\n  talk:\n    image: busybox\n    command: sh -c 'sleep 2; echo hello-attach'\n";
    let dir = project(&den, "scaled", &[("compose.yaml", file)]);
    ok(&den, &dir, &["up", "-d", "web"]);
    let first = ok(&den, &dir, &["ps", "-q", "web"]);
    ok(&den, &dir, &["scale", "web=3"]);
    assert_eq!(ok(&den, &dir, &["ps", "-q", "web"]).lines().count(), 3);
    let stats = ok(
        &den,
        &dir,
        &["stats", "--no-stream", "--format", "{{.Name}}"],
    );
    let mut names: Vec<&str> = stats.lines().collect();
    names.sort();
    assert_eq!(names, ["scaled-web-1", "scaled-web-2", "scaled-web-3"]);
    ok(&den, &dir, &["scale", "web=1"]);
    assert_eq!(ok(&den, &dir, &["ps", "-q", "web"]), first, "web-1 kept");
    let e = crate::compose::compose(&den, &dir, &["scale", "web"]);
    assert_eq!(e.status.code(), Some(125));
    assert!(text(&e).1.contains("use SERVICE=N"), "{:?}", text(&e));
    ok(&den, &dir, &["up", "-d", "talk"]);
    assert_eq!(
        ok(&den, &dir, &["attach", "--no-stdin", "talk"]),
        "hello-attach\n"
    );
    ok(&den, &dir, &["down", "-t", "0"]);
    den.ok(&["rm", "-f", "-t", "0", "outsider"]);
}
