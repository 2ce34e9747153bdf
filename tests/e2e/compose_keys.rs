//! `den compose` (issue 16), the later keys and commands: `extends` from
//! another file, `links`, `volumes_from`, `logging`; errors about a
//! service's keys with the file and line, and nothing made; `push` of
//! built images to the registry; `events` of the project.

use std::io::Read;

use crate::common::*;
use crate::compose::{compose, ok, project};

const BASE: &str = "services:\n  tmpl:\n    image: busybox\n    env_file: ./common.env\n    environment:\n      B: from-base\n";

const APP: &str = r#"services:
  db:
    extends:
      file: common/base.yaml
      service: tmpl
    environment:
      C: from-db
    command: sh -c 'mkdir -p /shared && echo "$$A $$B $$C" > /shared/x && exec httpd -f -p 8000 -h /shared'
    volumes:
      - /shared
    logging:
      driver: json-file
      options:
        max-size: 1m
  web:
    image: busybox
    links:
      - db:database
    volumes_from:
      - db:ro
    command: sleep 300
"#;

/// A service made from a base in another file (its env file found beside
/// that file), a link's alias that reaches it, and its volumes shared
/// read-only with another service.
#[test]
fn extends_links_and_volumes_from_are_applied() {
    let (_reg, den) = ready();
    let dir = project(&den, "keys", &[("compose.yaml", APP)]);
    std::fs::create_dir_all(dir.join("common")).expect("common");
    std::fs::write(dir.join("common/base.yaml"), BASE).expect("base");
    std::fs::write(dir.join("common/common.env"), "A=from-env-file\n").expect("env");
    let config = ok(&den, &dir, &["config", "--format", "json"]);
    let model: serde_json::Value = serde_json::from_str(&config).expect("json");
    assert!(model["services"]["db"].get("extends").is_none(), "{config}");
    assert_eq!(model["services"]["db"]["image"], "busybox");
    let out = compose(&den, &dir, &["up", "-d"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("does not apply"),
        "every key of this file is applied: {stderr}"
    );
    // The link's alias reaches db; the file db wrote is in web's view of
    // db's volume, read-only.
    let fetched = den.ok(&[
        "exec",
        "keys-web-1",
        "sh",
        "-c",
        "for i in $(seq 50); do wget -q -O- http://database:8000/x && exit 0; sleep 0.2; done; exit 1",
    ]);
    assert_eq!(fetched, "from-env-file from-base from-db\n");
    assert_eq!(
        den.ok(&["exec", "keys-web-1", "cat", "/shared/x"]),
        "from-env-file from-base from-db\n"
    );
    let write = den.output(&["exec", "keys-web-1", "sh", "-c", "echo y > /shared/x"]);
    assert!(!write.status.success(), "volumes_from :ro is read-only");
    let log_type = den.ok(&[
        "inspect",
        "--format",
        "{{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}}",
        "keys-db-1",
    ]);
    // json-file is podman's k8s-file, as with --log-driver.
    assert_eq!(log_type.trim(), "k8s-file 1000000");
    ok(&den, &dir, &["down", "-v"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

/// Errors found while making a service's containers name the file and
/// line of the key, exit 125, and nothing is left made.
#[test]
fn errors_about_a_service_name_the_file_and_line() {
    let (_reg, den) = ready();
    let cases = [
        (
            "restart",
            "services:\n  ok:\n    image: busybox\n  web:\n    image: busybox\n    restart: sometimes\n",
            ":6: services.web.restart:",
        ),
        (
            "deps",
            "services:\n  web:\n    image: busybox\n    depends_on:\n      - nosuch\n",
            ":4: services.web.depends_on: \"nosuch\"",
        ),
        (
            "logging",
            "services:\n  web:\n    image: busybox\n    logging:\n      driver: syslog\n",
            ":4: services.web.logging: driver \"syslog\"",
        ),
        (
            "extends",
            "services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
            "cycle",
        ),
    ];
    for (name, file, want) in cases {
        let dir = project(&den, name, &[("compose.yaml", file)]);
        let out = compose(&den, &dir, &["up", "-d"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{name}: {stderr}");
        assert!(
            stderr.contains(want) && stderr.lines().count() == 1,
            "{name}: {stderr}"
        );
        if want.starts_with(':') {
            assert!(
                stderr.starts_with(&format!(
                    "den: error: {}:",
                    dir.join("compose.yaml").display()
                )),
                "{name}: {stderr}"
            );
        }
        assert_eq!(den.ok(&["ps", "-aq"]), "", "{name}: nothing made");
        assert_eq!(
            den.ok(&["network", "ls", "-q", "--filter", &format!("name={name}_")]),
            "",
            "{name}: no network made"
        );
    }
}

/// `push` sends the images of services that build and name one to the
/// registry (the others are skipped, named), and they come back intact;
/// `events --json` follows the project's containers, and only them.
#[test]
fn push_sends_built_images_and_events_follow_the_project() {
    let (_reg, den) = ready();
    let image = den.image("compose/pushed:1");
    let file = format!(
        "services:\n  app:\n    build: ./src\n    image: {image}\n    command: cat /made\n  plain:\n    image: busybox\n    command: sleep 300\n"
    );
    let dir = project(&den, "pushing", &[("compose.yaml", &file)]);
    std::fs::create_dir_all(dir.join("src")).expect("src");
    std::fs::write(
        dir.join("src/Dockerfile"),
        "FROM busybox\nRUN echo made by compose > /made\n",
    )
    .expect("Dockerfile");
    ok(&den, &dir, &["build", "-q"]);
    // Another project's container must not show in this one's events.
    den.ok(&["run", "-d", "--name", "stranger", "busybox", "sleep", "300"]);
    let mut events = den
        .cmd(&["compose", "events", "--json"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("events");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = compose(&den, &dir, &["push", "-q"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Service plain  Skipped") && stderr.contains("Service app  Pushed"),
        "{stderr}"
    );
    ok(&den, &dir, &["up", "-d"]);
    den.ok(&["wait", "pushing-app-1"]);
    den.ok(&["stop", "stranger"]);
    ok(&den, &dir, &["down"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let _ = events.kill();
    let mut seen = String::new();
    events
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut seen)
        .expect("read");
    let _ = events.wait();
    let lines: Vec<serde_json::Value> = seen
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON event"))
        .collect();
    let has = |service: &str, action: &str| {
        lines
            .iter()
            .any(|e| e["service"] == service && e["action"] == action && e["type"] == "container")
    };
    assert!(
        has("app", "create")
            && has("app", "start")
            && has("plain", "start")
            && has("plain", "remove"),
        "{seen}"
    );
    assert!(!seen.contains("stranger"), "{seen}");
    // The pushed image comes back from the registry as it was built.
    den.ok(&["rmi", &image]);
    den.ok(&["pull", "-q", &image]);
    assert_eq!(
        den.ok(&["run", "--rm", &image, "cat", "/made"]),
        "made by compose\n"
    );
    den.ok(&["rm", "-f", "stranger"]);
}

/// `environment` (and build `args`) entries without a value come from the
/// shell or `.env`, in the mapping form as in the list form (the mapping's
/// were dropped).
#[test]
fn environment_entries_without_a_value_come_from_the_shell() {
    let den = Den::new("localhost:1");
    let dir = project(
        &den,
        "envnull",
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: busybox\n    environment:\n      FROM_SHELL:\n      FROM_DOTENV:\n      NOWHERE:\n",
        ), (".env", "FROM_DOTENV=dot\n")],
    );
    let out = den
        .cmd(&["compose", "config", "--format", "json"])
        .current_dir(&dir)
        .env("FROM_SHELL", "s3cret")
        .output()
        .expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let model: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let env = &model["services"]["web"]["environment"];
    assert_eq!(env["FROM_SHELL"], "s3cret", "{env}");
    assert_eq!(env["FROM_DOTENV"], "dot", "{env}");
    assert!(env["NOWHERE"].is_null(), "{env}");
}

/// A volume's `driver_opts` are the local driver's options: `type: none,
/// o: bind, device: DIR` keeps the data in DIR (they were dropped: the
/// data went into den's storage, and `down -v` deleted it).
#[test]
fn volume_driver_opts_bind_a_host_directory() {
    let (_reg, den) = ready();
    let host = den.home().join("srv-data");
    std::fs::create_dir_all(&host).expect("dir");
    let file = format!(
        "services:\n  w:\n    image: busybox\n    command: sh -c 'echo kept > /data/f'\n    volumes: [\"data:/data\"]\nvolumes:\n  data:\n    driver_opts:\n      type: none\n      o: bind\n      device: {}\n",
        host.display()
    );
    let dir = project(&den, "drvopts", &[("compose.yaml", &file)]);
    ok(&den, &dir, &["up", "-d"]);
    wait_for("the service's write", || host.join("f").exists());
    ok(&den, &dir, &["down", "-v"]);
    assert_eq!(
        std::fs::read_to_string(host.join("f")).expect("kept"),
        "kept\n"
    );
    let bad = project(
        &den,
        "drvbad",
        &[(
            "compose.yaml",
            "services:\n  w:\n    image: busybox\nvolumes:\n  data:\n    driver: nfs\n",
        )],
    );
    let out = compose(&den, &bad, &["up", "-d"]);
    assert_eq!(out.status.code(), Some(125));
}

/// `COMPOSE_FILE` (here from `.env`) names the files; `.env` values are
/// read as Compose reads them (interpolated from the shell and earlier
/// lines, escapes in double quotes, single quotes as written, values
/// over several lines), and a service's `env_file` takes a bare key's
/// value from the project's variables; its long form skips a missing
/// file that is not required and reads `format: raw` as written.
#[test]
fn compose_file_and_dotenv_as_compose_reads_them() {
    let (_reg, den) = ready();
    let dotenv = "COMPOSE_FILE=base.yml:extra.yml\nBASE=/srv\nDATA=${BASE}/data # where\nQUOTED=\"a\\tb \\\"c\\\" $BASE\"\nLITERAL='$BASE\\n'\nCERT=\"-----BEGIN-----\nxyz\n-----END-----\"\nFROM_SHELL\nSECRET=dot\n";
    let dir = project(
        &den,
        "cf",
        &[
            (".env", dotenv),
            ("base.yml", "services:\n  app:\n    image: busybox\n    command: env\n    env_file:\n      - app.env\n      - path: missing.env\n        required: false\n      - path: raw.env\n        format: raw\n"),
            (
                "extra.yml",
                "services:\n  app:\n    environment:\n      DATA: ${DATA}\n      QUOTED: ${QUOTED}\n      LITERAL: ${LITERAL}\n      CERT: ${CERT}\n      FROM_SHELL: ${FROM_SHELL}\n",
            ),
            ("app.env", "SECRET\nNOT_SET_ANYWHERE\nJOINED=${BASE}-x\n"),
            ("raw.env", "RAW=\"as\" $BASE # written\n"),
        ],
    );
    let out = den
        .cmd(&["compose", "run", "--rm", "app"])
        .current_dir(&dir)
        .env("FROM_SHELL", "shell")
        .output()
        .expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    for want in [
        "DATA=/srv/data\n",
        "QUOTED=a\tb \"c\" /srv\n",
        "LITERAL=$BASE\\n\n",
        "CERT=-----BEGIN-----\nxyz\n-----END-----\n",
        "FROM_SHELL=shell\n",
        "SECRET=dot\n",
        "JOINED=/srv-x\n",
        "RAW=\"as\" $BASE # written\n",
    ] {
        assert!(stdout.contains(want), "{want:?} in {stdout}");
    }
    assert!(!stdout.contains("NOT_SET_ANYWHERE"), "{stdout}");
    // A broken .env names its file and line.
    std::fs::write(
        dir.join(".env"),
        "COMPOSE_FILE=base.yml\nOK=1\nBAD=\"open\n",
    )
    .expect("write");
    let out = den
        .cmd(&["compose", "config"])
        .current_dir(&dir)
        .output()
        .expect("den");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "den: error: {}: line 3: BAD: ",
            dir.join(".env").display()
        )),
        "{stderr}"
    );
}

/// With no `-f`, the Compose file is looked for in the directory and the
/// ones above it, as Compose does; one above in a directory other users
/// may write to is not read unasked.
#[test]
fn compose_files_are_found_in_the_directories_above() {
    let den = Den::new("localhost:1");
    let dir = project(
        &den,
        "above",
        &[("compose.yaml", "services:\n  a:\n    image: busybox\n")],
    );
    let deep = dir.join("src/deeper");
    std::fs::create_dir_all(&deep).expect("dir");
    let out = den
        .cmd(&["compose", "config", "--format", "json"])
        .current_dir(&deep)
        .output()
        .expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let model: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(model["name"], "above", "{model}");
    // --project-directory: looked for there, from anywhere.
    let out = den
        .cmd(&[
            "compose",
            "--project-directory",
            "above",
            "config",
            "--format",
            "json",
        ])
        .current_dir(den.home())
        .output()
        .expect("den");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let model: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(model["name"], "above", "{model}");
    // The same directory made writable by others: refused, said why.
    let shared = project(
        &den,
        "shared",
        &[("compose.yaml", "services:\n  a:\n    image: busybox\n")],
    );
    std::fs::set_permissions(
        &shared,
        <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o777),
    )
    .expect("chmod");
    let inner = shared.join("inner");
    std::fs::create_dir_all(&inner).expect("dir");
    let out = den
        .cmd(&["compose", "config"])
        .current_dir(&inner)
        .output()
        .expect("den");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("other users can write to"), "{stderr}");
    assert!(stderr.contains("give it with -f"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// A service behind a profile runs when named (`run --rm migrate`), as
/// Compose enables a targeted service's profiles; `up` leaves it out, and
/// a `required: false` dependency on a service left out is no error. The
/// containers of a service left out are no orphans, and `down` removes
/// them too.
#[test]
fn a_named_service_runs_whatever_its_profile() {
    let (_reg, den) = ready();
    let file = "services:\n  web:\n    image: busybox\n    command: sleep 1000\n    depends_on:\n      cache:\n        condition: service_started\n        required: false\n  cache:\n    image: busybox\n    profiles: [perf]\n    command: sleep 1000\n  migrate:\n    image: busybox\n    profiles: [tools]\n    command: echo migrated\n";
    let dir = project(&den, "prof", &[("compose.yaml", file)]);
    assert_eq!(ok(&den, &dir, &["run", "--rm", "migrate"]), "migrated\n");
    ok(&den, &dir, &["up", "-d"]);
    assert_eq!(
        ok(&den, &dir, &["ps", "-a", "--format", "{{.Service}}"]),
        "web\n"
    );
    ok(&den, &dir, &["--profile", "perf", "up", "-d"]);
    let out = compose(&den, &dir, &["up", "-d"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("orphans"), "{stderr}");
    assert_eq!(
        ok(&den, &dir, &["ps", "-a", "--format", "{{.Service}}"]),
        "cache\nweb\n"
    );
    ok(&den, &dir, &["down", "-t", "0"]);
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
}

/// A network's `ipam` (subnet, gateway, ip_range) and `labels`, and a
/// volume's `labels`, are applied (they were dropped); what den cannot
/// give is named in a warning; another driver is refused before anything
/// is made.
#[test]
fn network_ipam_and_labels_are_applied() {
    let (_reg, den) = ready();
    let file = "services:\n  a:\n    image: busybox\n    networks: [back]\n    volumes: [data:/data]\nnetworks:\n  back:\n    labels:\n      tier: back\n    driver_opts:\n      com.docker.network.driver.mtu: \"1400\"\n    ipam:\n      config:\n        - subnet: 10.89.77.0/24\n          gateway: 10.89.77.1\n          ip_range: 10.89.77.128/25\nvolumes:\n  data:\n    labels:\n      keep: \"yes\"\n";
    let dir = project(&den, "ipam", &[("compose.yaml", file)]);
    // `--no-start`: the networks, volumes and containers, none started.
    let out = compose(&den, &dir, &["up", "--no-start"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr
            .contains("network back: den does not apply driver_opts.com.docker.network.driver.mtu"),
        "{stderr}"
    );
    let net: serde_json::Value =
        serde_json::from_str(&den.ok(&["network", "inspect", "ipam_back"])).expect("json");
    let net = &net[0];
    assert_eq!(net["subnets"][0]["subnet"], "10.89.77.0/24", "{net}");
    assert_eq!(net["subnets"][0]["gateway"], "10.89.77.1", "{net}");
    assert_eq!(net["labels"]["tier"], "back", "{net}");
    assert_eq!(net["labels"]["com.docker.compose.project"], "ipam", "{net}");
    assert_eq!(
        den.ok(&["volume", "inspect", "-f", "{{.Labels.keep}}", "ipam_data"])
            .trim(),
        "yes"
    );
    assert_eq!(inspect(&den, "ipam-a-1", "{{.State.Status}}"), "created");
    ok(&den, &dir, &["down", "-v"]);
    // Another driver: refused, and nothing made (the first network either).
    let file = "services:\n  a:\n    image: busybox\n    networks: [one, two]\nnetworks:\n  one: {}\n  two:\n    driver: overlay\n";
    let dir = project(&den, "overlay", &[("compose.yaml", file)]);
    let out = compose(&den, &dir, &["up", "--no-start"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("driver \"overlay\""), "{stderr}");
    assert!(!den
        .ok(&["network", "ls", "--format", "{{.Name}}"])
        .contains("overlay_"));
}

/// Keys `den run` has flags for are applied (den warned of them and ran
/// without): shm_size, group_add, oom_score_adj, dns_opt, `pid:
/// service:X`; a short-syntax bind makes its missing host directory, and
/// a long-syntax tmpfs takes its size, as Compose's. The verbs as scripts
/// type them: `exec -T` passes stdin on (den closed it unless -i),
/// `stop -t`, `rm -f`; `start` leaves `compose run`'s containers alone.
#[test]
fn service_keys_and_verbs_as_compose_has_them() {
    let (_reg, den) = ready();
    let file = "services:\n  app:\n    image: busybox\n    command: sleep 1000\n    shm_size: 16m\n    group_add: [\"4242\"]\n    oom_score_adj: 500\n    dns_opt: [\"ndots:3\"]\n    volumes:\n      - ./made/here:/data\n      - type: tmpfs\n        target: /scratch\n        tmpfs:\n          size: 2m\n  side:\n    image: busybox\n    command: sleep 1000\n    pid: service:app\n";
    let dir = project(&den, "keys", &[("compose.yaml", file)]);
    let out = compose(&den, &dir, &["up", "-d"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("does not apply"), "{stderr}");
    assert!(dir.join("made/here").is_dir());
    let sh = |svc: &str, script: &str| ok(&den, &dir, &["exec", "-T", svc, "sh", "-c", script]);
    assert_eq!(
        sh("app", "df -k /dev/shm /scratch | awk 'NR>1 {print $2}'"),
        "16384\n2048\n"
    );
    assert!(sh("app", "id -G").split_whitespace().any(|g| g == "4242"));
    assert_eq!(sh("app", "cat /proc/1/oom_score_adj"), "500\n");
    assert!(sh("app", "cat /etc/resolv.conf").contains("ndots:3"));
    // side sees app's sleep: one pid namespace.
    assert!(
        sh("side", "ps -o args")
            .lines()
            .filter(|l| l.contains("sleep 1000"))
            .count()
            >= 2
    );
    // `-i` before the service is a flag, not `-i=SERVICE`.
    assert_eq!(ok(&den, &dir, &["exec", "-i", "app", "echo", "x"]), "x\n");
    // `exec -T` with stdin from a pipe: passed on.
    let mut child = den
        .cmd(&["compose", "exec", "-T", "app", "cat"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("exec");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), b"dump\n").expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(text(&out).0, "dump\n");
    // `run`'s container, ended: `start` leaves it be.
    ok(&den, &dir, &["run", "-d", "app", "true"]);
    ok(&den, &dir, &["stop", "-t", "0"]);
    ok(&den, &dir, &["start"]);
    wait_for("the one-off to be the only one not running", || {
        den.ok(&[
            "ps",
            "-a",
            "--filter",
            "status=running",
            "--format",
            "{{.Names}}",
        ])
        .lines()
        .all(|n| !n.contains("-run-"))
    });
    ok(&den, &dir, &["rm", "-f", "-s"]);
    assert_eq!(
        den.ok(&["ps", "-a", "--format", "{{.Names}}"])
            .lines()
            .filter(|n| !n.contains("-run-"))
            .count(),
        0
    );
    ok(&den, &dir, &["down", "-t", "0"]);
}

/// `compose run` as Compose runs a one-off: stdin passed on from a pipe,
/// `--entrypoint` split as a shell would (the service's command dropped),
/// no restart policy even for a `restart: always` service, and `-v` (a
/// relative host path from the project's directory), `-l`.
#[test]
fn compose_run_as_compose_runs_it() {
    let (_reg, den) = ready();
    let file =
        "services:\n  app:\n    image: busybox\n    restart: always\n    command: sleep 1000\n";
    let dir = project(&den, "oneoff", &[("compose.yaml", file)]);
    std::fs::create_dir_all(dir.join("sub")).expect("sub");
    std::fs::write(dir.join("sub/f"), "in-sub\n").expect("f");
    let mut child = den
        .cmd(&["compose", "run", "--rm", "-T", "app", "cat"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), b"piped\n").expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(text(&out).0, "piped\n", "{}", text(&out).1);
    assert_eq!(
        ok(
            &den,
            &dir,
            &["run", "--rm", "--entrypoint", "echo one two", "app"]
        ),
        "one two\n"
    );
    assert_eq!(
        ok(
            &den,
            &dir,
            &["run", "--rm", "-v", "./sub:/x:ro", "app", "cat", "/x/f"]
        ),
        "in-sub\n"
    );
    let id = ok(
        &den,
        &dir,
        &["run", "-d", "-l", "k=v", "--name", "once", "app", "true"],
    );
    assert_eq!(id.trim().len(), 64, "{id}");
    wait_for("the one-off to end", || {
        inspect(&den, "once", "{{.State.Status}}") == "exited"
    });
    assert_eq!(
        inspect(
            &den,
            "once",
            "{{.HostConfig.RestartPolicy.Name}}|{{index .Config.Labels \"k\"}}"
        ),
        "no|v"
    );
    ok(&den, &dir, &["down"]);
}

/// Secrets from the project's variables (`environment:`), configs with
/// their text in the file (`content:`), and `external: true` secrets of
/// den's store reach the container with the owner and mode asked for
/// (Compose's default 0444 otherwise); a changed variable is read at the
/// next start; `down` removes what den kept; an unset variable is refused.
#[test]
fn secrets_and_configs_from_variables_content_and_the_store() {
    let (_reg, den) = ready();
    let ext = den.home().join("ext.txt");
    std::fs::write(&ext, "from-store").expect("ext");
    den.ok(&["secret", "create", "ext_tok", &ext.display().to_string()]);
    let file = r#"services:
  app:
    image: busybox
    command: sh -c 'stat -c "%u:%g %a" /run/secrets/tok /etc/app.conf /run/secrets/ext_tok; cat /run/secrets/tok; echo; cat /etc/app.conf /run/secrets/ext_tok; echo'
    secrets:
      - source: tok
        uid: "1000"
        gid: "1000"
        mode: 0400
      - ext_tok
    configs:
      - source: app
        target: /etc/app.conf
secrets:
  tok:
    environment: TOKEN
  ext_tok:
    external: true
configs:
  app:
    content: |
      port=${PORT}
      literal=$$HOME
"#;
    let dir = project(
        &den,
        "inl",
        &[
            ("compose.yaml", file),
            (".env", "TOKEN=s3cret\nPORT=8080\n"),
        ],
    );
    let out = compose(&den, &dir, &["up"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    for line in [
        "1000:1000 400",
        "0:0 444",
        "s3cret",
        "port=8080",
        "literal=$HOME",
        "from-store",
    ] {
        assert!(
            stdout.contains(&format!("inl-app-1  | {line}")),
            "{line}: {stdout}"
        );
    }
    assert!(!stderr.contains("does not apply"), "{stderr}");
    let names = den.ok(&["secret", "ls", "--format", "{{.Name}}"]);
    assert!(
        names.contains("inl.secret.tok") && names.contains("inl.config.app"),
        "{names}"
    );
    // The variable changed: the container, started again, reads it.
    std::fs::write(dir.join(".env"), "TOKEN=changed\nPORT=8080\n").expect("env");
    let out = compose(&den, &dir, &["up"]);
    assert!(
        text(&out).0.contains("inl-app-1  | changed"),
        "{:?}",
        text(&out)
    );
    ok(&den, &dir, &["down"]);
    let names = den.ok(&["secret", "ls", "--format", "{{.Name}}"]);
    assert_eq!(
        names, "ext_tok\n",
        "down removed what den kept, not the user's"
    );
    // A secret of that name den did not make for the project is never
    // written over (nor removed by down).
    den.ok(&[
        "secret",
        "create",
        "inl.secret.tok",
        &ext.display().to_string(),
    ]);
    let out = compose(&den, &dir, &["up", "-d"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("inl.secret.tok already exists"),
        "{:?}",
        text(&out)
    );
    ok(&den, &dir, &["down"]);
    assert!(den.ok(&["secret", "ls"]).contains("inl.secret.tok"));
    den.ok(&["secret", "rm", "inl.secret.tok"]);
    // An unset variable is refused; only the services made need theirs.
    let two = file.replace(
        "services:\n",
        "services:\n  other:\n    image: busybox\n    command: \"true\"\n",
    );
    std::fs::write(dir.join("compose.yaml"), two).expect("file");
    std::fs::write(dir.join(".env"), "PORT=8080\n").expect("env");
    let out = compose(&den, &dir, &["up", "-d"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out)
            .1
            .contains("secrets.tok: the variable TOKEN is not set"),
        "{:?}",
        text(&out).1
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    ok(&den, &dir, &["up", "-d", "other"]);
    ok(&den, &dir, &["down"]);
}
