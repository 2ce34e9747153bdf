//! `den compose` (issue 16), the first part: reading Compose files. Two
//! files merged, `.env` interpolation, anchors and merge keys, profiles,
//! the default network and the names Compose gives networks and volumes,
//! compared with a hand-written expected model; unknown keys warned with
//! file and line; bad and hostile files refused with file and line.

use std::path::Path;

use crate::common::*;

/// A project directory in the test's home with these files.
pub fn project(den: &Den, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = den.home().join(name);
    std::fs::create_dir_all(&dir).expect("project dir");
    for (f, text) in files {
        std::fs::write(dir.join(f), text).expect("write");
    }
    dir
}

pub fn compose(den: &Den, dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["compose"];
    all.extend_from_slice(args);
    den.cmd(&all)
        .current_dir(dir)
        .output()
        .expect("den compose")
}

#[test]
fn config_merges_two_files_as_compose_does() {
    let den = Den::new("localhost:1");
    let dir = project(
        &den,
        "stack",
        &[
            ("base.yaml", include_str!("compose/base.yaml")),
            ("override.yaml", include_str!("compose/override.yaml")),
            (".env", include_str!("compose/dotenv")),
        ],
    );
    let out = compose(
        &den,
        &dir,
        &["-f", "base.yaml", "-f", "override.yaml", "config"],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, include_str!("compose/merged.expected.yaml"));
    // The unknown key is named with its file and line, once.
    let want = format!(
        "den: warning: {}:13: unknown key services.web.colour: den ignores it\n",
        dir.join("override.yaml").display()
    );
    assert_eq!(stderr, want);
    // Profiles, the environment over .env, -p over the directory's name.
    let out = den
        .cmd(&[
            "compose",
            "-f",
            "base.yaml",
            "-f",
            "override.yaml",
            "--profile",
            "debug",
            "config",
            "--services",
        ])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert_eq!(text(&out).0, "client\ndebug\nweb\n");
    let out = den
        .cmd(&[
            "compose",
            "-f",
            "base.yaml",
            "-p",
            "Other.Name",
            "config",
            "--format",
            "json",
        ])
        .env("TAG", "from-env")
        .current_dir(&dir)
        .output()
        .expect("run");
    let model: serde_json::Value = serde_json::from_str(&text(&out).0).expect("json");
    assert_eq!(model["name"], "othername");
    assert_eq!(model["services"]["web"]["image"], "localhost/web:from-env");
    assert_eq!(model["volumes"]["data"]["name"], "othername_data");
    assert_eq!(
        text(&compose(
            &den,
            &dir,
            &["-f", "base.yaml", "config", "--volumes"]
        ))
        .0,
        "data\n"
    );
}

#[test]
fn bad_compose_files_are_refused_with_file_line_and_key() {
    let den = Den::new("localhost:1");
    let mut laughs = String::from("x-a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        let refs = vec![format!("*{prev}"); 10].join(", ");
        laughs.push_str(&format!("x-l{i}: &l{i} [{refs}]\n"));
    }
    let cases: Vec<(&str, String, &str)> = vec![
        ("syntax", "services:\n  web: [1\n".into(), "line 3"),
        (
            "twice",
            "services:\n  web:\n    image: a\n    image: b\n".into(),
            "line 4: the key \"image\" is given twice",
        ),
        (
            "unset",
            "services:\n  web:\n    image: ${NEEDED:?set NEEDED first}\n".into(),
            ":3: services.web.image: NEEDED: set NEEDED first",
        ),
        (
            "type",
            "services:\n  web:\n    ports: 80\n".into(),
            ":3: services.web.ports must be a list",
        ),
        ("top", "- a\n- b\n".into(), "a Compose file is a mapping"),
        ("laughs", laughs, "expands to more than"),
    ];
    for (name, text_, want) in cases {
        let dir = project(&den, name, &[("compose.yaml", &text_)]);
        let out = compose(&den, &dir, &["config"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "den: error: {}",
                dir.join("compose.yaml").display()
            )) && stderr.contains(want)
                && stderr.lines().count() == 1,
            "{name}: {stderr}"
        );
    }
    // No file at all: the names looked for, and the fix.
    let empty = project(&den, "empty", &[]);
    let out = compose(&den, &empty, &["config"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("give one with -f"),
        "{:?}",
        text(&out).1
    );
}

pub const APP: &str = r#"
services:
  web:
    image: busybox
    init: true
    command: sh -c 'mkdir -p /www && echo hello from web > /www/index.html && hostname >> /data/seen && httpd -f -p 8000 -h /www'
    volumes:
      - data:/data
    healthcheck:
      test: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:8000/"]
      interval: 1s
      retries: 3
  client:
    image: busybox
    init: true
    command: sh -c 'wget -q -O- http://web:8000/ && sleep 300'
    depends_on:
      web:
        condition: service_healthy
volumes:
  data:
"#;

pub fn ok(den: &Den, dir: &Path, args: &[&str]) -> String {
    let out = compose(den, dir, args);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "compose {args:?}: {stderr}");
    stdout
}

/// A server and a client that waits for it to be healthy, on the
/// project's network with a named volume: names and labels as Compose v2
/// makes them, a second `up` that changes nothing, an edited service
/// recreated, replicas, and `down -v` that leaves nothing.
#[test]
fn up_waits_for_health_and_down_leaves_nothing() {
    let (_reg, den) = ready();
    let dir = project(&den, "app", &[("compose.yaml", APP)]);
    ok(&den, &dir, &["up", "-d"]);
    // The client got the page through the service's name (it runs on
    // after up returns: its line may come a moment later on a busy host).
    wait_for("the client's line", || {
        !ok(&den, &dir, &["logs", "client"]).is_empty()
    });
    let logs = ok(&den, &dir, &["logs", "client"]);
    assert_eq!(logs, "app-client-1  | hello from web\n");
    assert_eq!(
        inspect(&den, "app-web-1", "{{.State.Health.Status}}"),
        "healthy"
    );
    let labels = inspect(&den, "app-web-1", "{{json .Config.Labels}}");
    let labels: serde_json::Value = serde_json::from_str(&labels).expect("labels");
    assert_eq!(labels["com.docker.compose.project"], "app");
    assert_eq!(labels["com.docker.compose.service"], "web");
    assert_eq!(labels["com.docker.compose.container-number"], "1");
    assert!(den
        .ok(&["network", "ls", "--format", "{{.Name}}"])
        .lines()
        .any(|l| l == "app_default"));
    assert!(den
        .ok(&["volume", "ls", "-q"])
        .lines()
        .any(|l| l == "app_data"));
    let ps = ok(
        &den,
        &dir,
        &["ps", "--format", "{{.Name}} {{.Service}} {{.State}}"],
    );
    assert_eq!(ps, "app-client-1 client running\napp-web-1 web running\n");
    // Unchanged: nothing is recreated.
    let id = inspect(&den, "app-web-1", "{{.Id}}");
    let out = compose(&den, &dir, &["up", "-d"]);
    assert!(out.status.success());
    assert_eq!(text(&out).1, "", "a second up did something");
    assert_eq!(inspect(&den, "app-web-1", "{{.Id}}"), id);
    // Edited: recreated, and the volume kept its data.
    std::fs::write(
        dir.join("compose.yaml"),
        APP.replace("hello from web", "hello again"),
    )
    .expect("edit");
    ok(&den, &dir, &["up", "-d", "web"]);
    assert_ne!(inspect(&den, "app-web-1", "{{.Id}}"), id);
    // (Written by its command, which may not have got that far yet.)
    wait_for("the recreated web to write to its volume", || {
        den.ok(&["exec", "app-web-1", "cat", "/data/seen"])
            .lines()
            .count()
            == 2
    });
    // Replicas, and fewer again.
    ok(&den, &dir, &["up", "-d", "--scale", "client=3", "client"]);
    let names = den.ok(&[
        "ps",
        "--format",
        "{{.Names}}",
        "--filter",
        "label=com.docker.compose.service=client",
    ]);
    assert_eq!(names.lines().count(), 3, "{names}");
    ok(&den, &dir, &["up", "-d", "--scale", "client=1", "client"]);
    assert_eq!(ok(&den, &dir, &["ps", "-q", "client"]).lines().count(), 1);
    ok(&den, &dir, &["stop"]);
    assert_eq!(ok(&den, &dir, &["ps", "-q"]), "");
    ok(&den, &dir, &["start"]);
    assert_eq!(ok(&den, &dir, &["ps", "-q"]).lines().count(), 2);
    ok(&den, &dir, &["down", "-v"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(!den
        .ok(&["network", "ls", "--format", "{{.Name}}"])
        .contains("app_"));
    assert!(!den.ok(&["volume", "ls", "-q"]).contains("app_"));
}

/// A dependency that never becomes healthy stops `up` with the reason; a
/// build without a context is named.
#[test]
fn up_reports_an_unhealthy_dependency_and_what_it_cannot_do() {
    let (_reg, den) = ready();
    let bad = APP.replace("wget -q -O /dev/null http://localhost:8000/", "exit 1");
    let dir = project(&den, "sick", &[("compose.yaml", &bad)]);
    let out = compose(&den, &dir, &["up", "-d"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr
            .contains("den: error: dependency failed to start: container sick-web-1 is unhealthy"),
        "{stderr}"
    );
    ok(&den, &dir, &["down", "-v"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    let built = project(
        &den,
        "built",
        &[("compose.yaml", "services:\n  app:\n    build: ./src\n")],
    );
    let out = compose(&den, &built, &["up", "-d"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("services.app.build"),
        "{:?}",
        text(&out).1
    );
    // Attached or not, nothing was made.
    let out = compose(&den, &built, &["up"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// The seeds' stack file (a local image, a free port for 80): five
/// replicas behind one published port that reaches every one of them,
/// the limits warned away on a host without them; a port below 1024 is
/// refused with both fixes, and a port another container publishes is
/// refused before anything is made.
#[test]
fn the_seeds_stack_file_runs_five_replicas_behind_one_port() {
    let (_reg, den) = ready();
    let port = free_port();
    let stack = include_str!("compose/seeds-stack.yaml").replace("8080:80", &format!("{port}:80"));
    let dir = project(&den, "getstartedlab", &[("docker-compose.yml", &stack)]);
    ok(&den, &dir, &["up", "-d"]);
    let ps = ok(&den, &dir, &["ps", "--format", "{{.Name}}"]);
    assert_eq!(ps.lines().count(), 5, "{ps}");
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..100 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        use std::io::{Read, Write};
        s.write_all(b"GET / HTTP/1.0\r\n\r\n").expect("request");
        let mut body = String::new();
        let _ = s.read_to_string(&mut body);
        if let Some(host) = body.lines().last() {
            seen.insert(host.trim().to_string());
        }
        if seen.len() == 5 {
            break;
        }
    }
    assert_eq!(seen.len(), 5, "the port reached only {seen:?}");
    // Another container of the user cannot take the same port.
    let out = den.output(&[
        "run",
        "-d",
        "--name",
        "squat",
        "--network",
        "getstartedlab_webnet",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sleep",
        "30",
    ]);
    // podman's status for a port it cannot bind.
    assert_eq!(out.status.code(), Some(126), "{:?}", text(&out));
    den.ok(&["rm", "-f", "squat"]);
    ok(&den, &dir, &["down"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    // Below 1024 (this host's unprivileged start), the error names both fixes.
    let low = include_str!("compose/seeds-stack.yaml").replace("8080:80", "80:80");
    let dir = project(&den, "low", &[("docker-compose.yml", &low)]);
    let out = compose(&den, &dir, &["up", "-d"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(126), "{stderr}");
    assert!(
        stderr.contains("publish a host port of 1024 or more")
            && stderr.contains("sudo sysctl net.ipv4.ip_unprivileged_port_start=80"),
        "{stderr}"
    );
    ok(&den, &dir, &["down"]);
}

/// `build:` in compose: the image is built by den's own builder from the
/// context beside the file, named PROJECT-SERVICE, with the build args;
/// `compose build` builds it again.
#[test]
fn up_builds_services_with_build() {
    let (_reg, den) = ready();
    let dir = project(
        &den,
        "made",
        &[(
            "compose.yaml",
            "services:\n  app:\n    build:\n      context: ./src\n      args:\n        GREETING: built by compose\n    command: cat /greeting\n    restart: \"no\"\n",
        )],
    );
    std::fs::create_dir_all(dir.join("src")).expect("src");
    std::fs::write(
        dir.join("src/Dockerfile"),
        "FROM busybox\nARG GREETING=none\nRUN echo \"$GREETING\" > /greeting\n",
    )
    .expect("Dockerfile");
    ok(&den, &dir, &["up", "-d"]);
    den.ok(&["wait", "made-app-1"]);
    assert_eq!(den.ok(&["logs", "made-app-1"]), "built by compose\n");
    assert!(den
        .ok(&["images", "--format", "{{.Repository}}"])
        .lines()
        .any(|l| l.ends_with("made-app")));
    ok(&den, &dir, &["build", "-q"]);
    // down --rmi local: the built image goes, busybox (named) stays.
    ok(&den, &dir, &["down", "--rmi", "local"]);
    let images = den.ok(&["images", "--format", "{{.Repository}}"]);
    assert!(!images.contains("made-app"), "{images}");
    assert!(images.contains("busybox"), "{images}");
}

/// The seeds' Swarm commands, as written, on one machine.
#[test]
fn the_seeds_stack_commands_work_as_written() {
    let (_reg, den) = ready();
    let port = free_port();
    let stack = include_str!("compose/seeds-stack.yaml").replace("8080:80", &format!("{port}:80"));
    let dir = project(&den, "seeds", &[("docker-compose.yml", &stack)]);
    let run = |args: &[&str]| {
        let out = den.cmd(args).current_dir(&dir).output().expect("run den");
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
    };
    run(&[
        "stack",
        "deploy",
        "-c",
        "docker-compose.yml",
        "getstartedlab",
    ]);
    let ls = run(&[
        "service",
        "ls",
        "--format",
        "{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}",
    ]);
    assert_eq!(
        ls,
        format!("getstartedlab_web replicated 5/5 *:{port}->80/tcp\n")
    );
    let ps = run(&[
        "service",
        "ps",
        "getstartedlab_web",
        "--format",
        "{{.Name}} {{.DesiredState}}",
    ]);
    let want: String = (1..=5)
        .map(|n| format!("getstartedlab_web.{n} Running\n"))
        .collect();
    assert_eq!(ps, want);
    assert_eq!(
        run(&["stack", "ls", "--format", "{{.Name}} {{.Services}}"]),
        "getstartedlab 1\n"
    );
    assert_eq!(
        run(&["stack", "ps", "-q", "getstartedlab"]).lines().count(),
        5
    );
    run(&["stack", "rm", "getstartedlab"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(!den
        .ok(&["network", "ls", "--format", "{{.Name}}"])
        .contains("getstartedlab"));
    let e = den.fails(&["service", "ps", "getstartedlab_web"], 125);
    assert!(e.contains("no such service"), "{e}");
}

/// The verbs over a project's containers: exec, port, pause/unpause,
/// top, images, kill, stop and rm, version.
#[test]
fn compose_verbs_reach_the_projects_containers() {
    let (_reg, den) = ready();
    let port = free_port();
    let file = APP.replace(
        "    volumes:\n      - data:/data\n",
        &format!("    volumes:\n      - data:/data\n    ports:\n      - \"{port}:8000\"\n"),
    );
    let dir = project(&den, "verbs", &[("compose.yaml", &file)]);
    ok(&den, &dir, &["up", "-d", "--wait"]);
    // ls needs no file: from anywhere, every project and its files.
    let ls = den
        .cmd(&[
            "compose",
            "ls",
            "--format",
            "{{.Name}} {{.Status}} {{.ConfigFiles}}",
        ])
        .current_dir(den.home())
        .output()
        .expect("ls");
    assert_eq!(
        text(&ls).0,
        format!("verbs running(2) {}\n", dir.join("compose.yaml").display())
    );
    assert_eq!(
        ok(&den, &dir, &["exec", "web", "cat", "/www/index.html"]),
        "hello from web\n"
    );
    let out = compose(&den, &dir, &["exec", "--index", "2", "web", "true"]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        ok(&den, &dir, &["port", "web", "8000"]),
        format!("0.0.0.0:{port}\n")
    );
    ok(&den, &dir, &["pause"]);
    assert_eq!(
        ok(&den, &dir, &["ps", "--format", "{{.State}}"]),
        "paused\npaused\n"
    );
    ok(&den, &dir, &["unpause"]);
    assert!(ok(&den, &dir, &["top", "web"]).contains("httpd -f -p 8000"));
    assert!(ok(&den, &dir, &["images"]).contains("verbs-web-1"));
    ok(&den, &dir, &["kill", "client"]);
    wait_for("the kill", || {
        inspect(&den, "verbs-client-1", "{{.State.Status}}") == "exited"
    });
    ok(&den, &dir, &["rm"]);
    assert_eq!(
        ok(&den, &dir, &["ps", "-a", "--format", "{{.Name}}"]),
        "verbs-web-1\n"
    );
    ok(&den, &dir, &["rm", "--stop", "-v"]);
    assert_eq!(ok(&den, &dir, &["ps", "-a", "-q"]), "");
    assert!(ok(&den, &dir, &["version"]).starts_with("den compose version "));
    ok(&den, &dir, &["down", "-v"]);
    assert!(!den.ok(&["volume", "ls", "-q"]).contains("verbs_"));
}

/// File-based secrets and configs are mounted read-only where Compose
/// puts them; a key den does not apply yet is named, not dropped in
/// silence.
#[test]
fn secrets_and_configs_are_mounted_and_unapplied_keys_are_named() {
    let (_reg, den) = ready();
    let file = "services:\n  app:\n    image: busybox\n    command: sh -c 'cat /run/secrets/db_password /app.conf /etc/other.conf; echo x > /run/secrets/db_password || echo read-only'\n    domainname: example.org\n    secrets: [db_password]\n    configs:\n      - app.conf\n      - source: other\n        target: /etc/other.conf\n        mode: 0400\nsecrets:\n  db_password:\n    file: ./pw.txt\nconfigs:\n  app.conf:\n    file: ./app.conf\n  other:\n    file: ./other.conf\n";
    let dir = project(
        &den,
        "files",
        &[
            ("compose.yaml", file),
            ("pw.txt", "hunter2\n"),
            ("app.conf", "setting=1\n"),
            ("other.conf", "other=2\n"),
        ],
    );
    let out = compose(&den, &dir, &["up"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("files-app-1  | hunter2")
            && stdout.contains("files-app-1  | setting=1")
            && stdout.contains("files-app-1  | other=2")
            && stdout.contains("files-app-1  | read-only"),
        "{stdout}"
    );
    assert!(
        stderr
            .contains("den: warning: service app: den does not apply domainname, configs.mode yet"),
        "{stderr}"
    );
    ok(&den, &dir, &["down"]);
    // A secret that is not a file is refused, naming it.
    std::fs::remove_file(dir.join("pw.txt")).expect("rm");
    let out = compose(&den, &dir, &["up", "-d"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("services.app.secrets: db_password:"),
        "{:?}",
        text(&out).1
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// What a project is made of, as (kind, name) pairs: volumes, networks,
/// and each container's service, number and network aliases.
type Made = std::collections::BTreeSet<(String, String)>;

/// What podman-compose would make for the project in `dir`: its dry run
/// prints the podman commands (it runs none that make anything).
fn podman_compose_plan(den: &Den, reg: &str, dir: &Path, project: &str) -> Made {
    let podman = crate::build_checks::PrivatePodman::new(den, reg);
    let out = std::process::Command::new("podman-compose")
        .arg(format!(
            "--podman-args=--root={} --runroot={} --storage-driver=vfs",
            podman.root.display(),
            podman.run_root.display()
        ))
        .args(["--dry-run", "-p", project, "up", "-d"])
        .current_dir(dir)
        .env("HOME", &podman.home)
        .env("XDG_RUNTIME_DIR", &podman.xdg)
        .env("CONTAINERS_REGISTRIES_CONF", &podman.conf)
        .output()
        .expect("podman-compose");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut made = Made::new();
    for line in stdout.lines() {
        let words: Vec<&str> = line
            .trim_matches(|c| c == '[' || c == ']')
            .split(", ")
            .map(|w| w.trim_matches('\''))
            .collect();
        // `podman volume|network [global args] create [--label ..] NAME`.
        match words.as_slice() {
            ["podman", kind @ ("volume" | "network"), rest @ .., name]
                if rest.contains(&"create") =>
            {
                made.insert((kind.to_string(), name.to_string()));
            }
            _ if line.starts_with("podman run ") => {
                let value = |flag: &str| {
                    line.split(flag)
                        .nth(1)
                        .and_then(|r| r.split_whitespace().next())
                        .map(String::from)
                };
                let service = value("com.docker.compose.service=").unwrap_or_default();
                let number = value("com.docker.compose.container-number=").unwrap_or_default();
                made.insert(("container".into(), format!("{service}.{number}")));
                if let Some(a) = value("--network-alias ") {
                    made.insert(("alias".into(), format!("{service}:{a}")));
                }
            }
            _ => {}
        }
    }
    made
}

/// Where podman-compose is installed: den makes the volumes, networks and
/// containers (services, numbers, aliases) that podman-compose plans for
/// the same file.
#[test]
fn den_makes_what_podman_compose_makes() {
    let here = std::process::Command::new("podman-compose")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !here {
        println!("podman-compose is not installed: den's compose is not compared with it");
        return;
    }
    let (reg, den) = ready();
    let dir = project(&den, "cmp", &[("compose.yaml", APP)]);
    let theirs = podman_compose_plan(&den, &reg.addr, &dir, "cmp");
    ok(&den, &dir, &["up", "-d"]);
    let mut ours = Made::new();
    for v in den
        .ok(&[
            "volume",
            "ls",
            "-q",
            "--filter",
            "label=com.docker.compose.project=cmp",
        ])
        .lines()
    {
        ours.insert(("volume".into(), v.to_string()));
    }
    for n in den
        .ok(&[
            "network",
            "ls",
            "--format",
            "{{.Name}}",
            "--filter",
            "label=com.docker.compose.project=cmp",
        ])
        .lines()
    {
        ours.insert(("network".into(), n.to_string()));
    }
    for name in ["cmp-web-1", "cmp-client-1"] {
        let labels: serde_json::Value =
            serde_json::from_str(&inspect(&den, name, "{{json .Config.Labels}}")).expect("labels");
        let service = labels["com.docker.compose.service"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let number = labels["com.docker.compose.container-number"]
            .as_str()
            .unwrap_or("");
        ours.insert(("container".into(), format!("{service}.{number}")));
        let nets: serde_json::Value =
            serde_json::from_str(&inspect(&den, name, "{{json .NetworkSettings.Networks}}"))
                .expect("networks");
        for alias in nets["cmp_default"]["Aliases"]
            .as_array()
            .into_iter()
            .flatten()
        {
            ours.insert((
                "alias".into(),
                format!("{service}:{}", alias.as_str().unwrap_or("")),
            ));
        }
    }
    ok(&den, &dir, &["down", "-v"]);
    assert_eq!(
        ours, theirs,
        "den made {ours:?}, podman-compose plans {theirs:?}"
    );
}

/// A link named docker-compose (or den-compose) to den is `den compose`,
/// so scripts that call docker-compose work unchanged.
#[test]
fn a_docker_compose_link_is_den_compose() {
    let den = Den::new("localhost:1");
    let dir = project(
        &den,
        "linked",
        &[("compose.yaml", "services:\n  a:\n    image: busybox\n")],
    );
    for name in ["docker-compose", "den-compose"] {
        let link = den.home().join(name);
        std::os::unix::fs::symlink(den_bin(), &link).expect("link");
        let out = den
            .command(&link)
            .args(["config", "--services"])
            .current_dir(&dir)
            .output()
            .expect("run");
        assert_eq!(text(&out).0, "a\n", "{name}: {:?}", text(&out).1);
    }
}

/// `compose run`: a one-off container of a service, after what it depends
/// on is up, with the command given, its ports unpublished, removed with
/// --rm, its exit status den's.
#[test]
fn run_makes_a_one_off_container_after_its_dependencies() {
    let (_reg, den) = ready();
    let dir = project(&den, "once", &[("compose.yaml", APP)]);
    let out = compose(
        &den,
        &dir,
        &[
            "run",
            "--rm",
            "client",
            "sh",
            "-c",
            "wget -q -O- http://web:8000/; exit 7",
        ],
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(7), "{stderr}");
    assert_eq!(stdout, "hello from web\n");
    // The dependency is up; the one-off container is gone.
    assert_eq!(
        ok(&den, &dir, &["ps", "--format", "{{.Name}}"]),
        "once-web-1\n"
    );
    assert_eq!(
        den.ok(&[
            "ps",
            "-aq",
            "--filter",
            "label=com.docker.compose.oneoff=True"
        ]),
        ""
    );
    ok(&den, &dir, &["down", "-v"]);
}
