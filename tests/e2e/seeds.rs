//! `alias docker=den` for the Docker command lines of the seeds' notes
//! (tests/e2e/seeds, a copy of ../shared/seeds). The lines are extracted
//! from the files, not copied here: a step names its seed line, and the
//! test insists that every extracted line has a step. Each is run by `sh`
//! with `docker` a function that executes den, in a story that gives the
//! lines something to act on (a container called `box` where the notes
//! write `<container_name>`).
//!
//! What is changed in a line, and only that: placeholders (`[Image_name]`,
//! `<container name>`, ...) get a value; fixed host ports (8080, 4000,
//! 10003) become free ones; an image pushed to Docker Hub goes to the test
//! registry. The images the lines name (nginx, mysql, ubuntu, ...) are the
//! suite's own stand-ins, pushed under those names: busybox with the
//! programs the lines call (`bash`, `mysql`, an HTTP server on port 80).
//!
//! The lines that fail in Docker fail in den, with podman's exit code:
//! typos (`docker built`, `docker рs` with a Cyrillic р, `pytohn3`), a
//! container name in the wrong case, Windows paths, a `--link` (which
//! podman lacks too: den says what to use instead).

mod extract;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::*;
use crate::support::oci::{self, Compression, ImageSpec};

/// What a step must do.
#[derive(Clone, Copy)]
enum Want {
    /// Exit 0, stdout containing this.
    Ok(&'static str),
    /// Exit 0 with this on stdin, asked first; stdout containing the
    /// second.
    Answer(&'static str, &'static str),
    /// Exit 0 with this typed (a `-it` line: the user types in the shell).
    Typed(&'static str),
    /// This exit status, stderr containing this.
    Fails(i32, &'static str),
    /// Exit 0; stdout kept as `{id}` for later steps.
    Capture,
    /// Exit 0, and then the named port answers HTTP.
    Serves(&'static str),
    /// Still running after a while (a stream, a foreground server); then
    /// stopped with this signal. With a port, the port answers meanwhile.
    Streams(i32, Option<&'static str>),
    /// `sudo nsenter -t $(docker inspect ...)`: no sudo here, so the
    /// `$(...)` is run: it must print a live process id.
    LivePid,
    /// Run, as written, by another test.
    Elsewhere(&'static str),
}

/// A step: a seed line (exactly as extracted), its own substitutions, and
/// what it must do; or (no seed line) den arguments the story needs.
struct Step {
    line: &'static str,
    with: &'static [(&'static str, &'static str)],
    want: Want,
}

const fn seed(line: &'static str, want: Want) -> Step {
    Step {
        line,
        with: &[],
        want,
    }
}

const fn seed_with(
    line: &'static str,
    with: &'static [(&'static str, &'static str)],
    want: Want,
) -> Step {
    Step { line, with, want }
}

/// Not a seed line: `den ARGS` that must succeed.
const fn story(args: &'static str) -> Step {
    Step {
        line: args,
        with: &[],
        want: Want::Elsewhere(""),
    }
}

const TERM: i32 = libc::SIGTERM;
const KILL: i32 = libc::SIGKILL;

/// The placeholders the notes write, and what a reader puts there.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("<container_name>", "box"),
    ("[Cont_name/ID]", "box"),
    ("<container/image>", "box"),
    ("<container id or name>", "box"),
    ("<container name or id>", "box"),
    ("<container name>", "box"),
    ("<id or name>", "box"),
    ("<container name of hash", "box"),
    ("<id or old name>", "box"),
    ("<new name>", "box2"),
    ("[параметры]", "-u 0"),
    ("[комманда]", "id -u"),
    ("<command>", "ps"),
    ("[Image_name]", "ubuntu"),
    ("<image_name or hash>", "ubuntu:20.04"),
    ("<image>", "ubuntu"),
    ("[name:tag]", "seeds/app:1"),
    ("[file_name]", "Containerfile"),
    ("[options]", "--rm"),
    ("[command]", "echo hello"),
    ("<build context>", "."),
    ("<path_to_configfile_directory>", "docker-config"),
];

/// The story, in order.
const STEPS: &[Step] = &[
    // The tool itself.
    seed("docker version", Want::Ok("Version")),
    seed("docker info", Want::Ok("")),
    seed(
        "docker --config <path_to_configfile_directory> <command>",
        Want::Ok("CONTAINER ID"),
    ),
    seed(
        "DOCKER_HOST=unix:///var/run/docker.debug docker images",
        Want::Ok("REPOSITORY"),
    ),
    seed("docker login", Want::Fails(125, "no terminal")),
    seed("docker рs", Want::Fails(125, "unrecognized subcommand")),
    // Images in.
    seed("docker pull", Want::Fails(125, "required")),
    seed("docker pull ubuntu", Want::Ok("")),
    seed("docker pull [Image_name]", Want::Ok("")),
    seed("docker pull <image>", Want::Ok("")),
    seed("docker images", Want::Ok("ubuntu")),
    seed("docker image ls", Want::Ok("ubuntu")),
    seed("docker image inspect [Image_name]", Want::Ok("\"Id\"")),
    // Runs.
    seed("docker run", Want::Fails(125, "required")),
    seed("docker run [Image_name]", Want::Ok("")),
    seed("docker run -i -t ubuntu bin/bash", Want::Typed("exit\n")),
    seed(
        "docker run --rm --name My_cont ubuntu:20.04 echo \"Hello_docker\"",
        Want::Ok("Hello_docker"),
    ),
    seed("docker run [options] <image> [command]", Want::Ok("hello")),
    seed(
        "docker run -v `pwd`/script.py:/script.py python:3-alpine pytohn3 /script.py",
        Want::Fails(127, "pytohn3"),
    ),
    seed(
        "docker run --rm -v /C:/tmp:/usr/src/app",
        Want::Fails(125, ""),
    ),
    seed("docker run --rm -v myvol:/C:/tmp", Want::Fails(125, "")),
    // A web server.
    seed(
        "docker run -d -p 8080:80 --name webserver nginx",
        Want::Serves("8080"),
    ),
    seed(
        "docker container exec -it webserver bash",
        Want::Typed("exit\n"),
    ),
    seed("docker ps", Want::Ok("webserver")),
    seed("docker ps -a", Want::Ok("webserver")),
    seed(
        "docker kill $(docker ps -q --filter name=web*)",
        Want::Ok(""),
    ),
    seed("docker stop webserver", Want::Ok("webserver")),
    seed("docker rm websever", Want::Fails(1, "websever")),
    seed(
        "docker run -d --publish [local_port]:[container_port] nginx",
        Want::Serves("[local_port]"),
    ),
    // One container, every verb on it.
    story("run -d --name box nginx"),
    seed("docker logs <container_name>", Want::Ok("")),
    seed("docker logs [Cont_name/ID]", Want::Ok("")),
    seed("docker logs <container id or name>", Want::Ok("")),
    seed("docker logs -f [Cont_name/ID]", Want::Streams(TERM, None)),
    seed(
        "docker exec [параметры] <container_name> [комманда]",
        Want::Ok("0\n"),
    ),
    seed("docker exec <id or name> <command>", Want::Ok("httpd")),
    seed(
        "docker exec -it [Cont_name/ID] /bin/bash",
        Want::Typed("exit\n"),
    ),
    seed("docker inspect [Cont_name/ID]", Want::Ok("\"Id\"")),
    seed("docker inspect <container/image>", Want::Ok("\"Id\"")),
    seed("docker inspect <container id or name>", Want::Ok("\"Id\"")),
    seed(
        "docker inspect --format '{{.HostConfig.LogConfig.Type}}' <container name>",
        Want::Ok("k8s-file\n"),
    ),
    seed(
        "docker inspect --format='{{.LogPath}}' <container name>",
        Want::Ok("ctr.log"),
    ),
    seed(
        "sudo nsenter -t $(docker inspect -f '{{ .State.Pid }}' <container_name>) -m ps aux",
        Want::LivePid,
    ),
    seed("docker top <container name or id>", Want::Ok("httpd")),
    seed("docker diff <container name>", Want::Ok("")),
    seed("docker stats", Want::Streams(TERM, None)),
    seed("docker events", Want::Streams(TERM, None)),
    seed("docker attach <container name>", Want::Streams(KILL, None)),
    seed("docker stop [Cont_name/ID]", Want::Ok("box")),
    seed("docker start [Cont_name/ID]", Want::Ok("box")),
    seed("docker kill [Cont_name/ID]", Want::Ok("box")),
    seed("docker rename <id or old name> <new name>", Want::Ok("")),
    story("rename box2 box"),
    seed("docker rm <container name of hash", Want::Ok("box")),
    // The verbs need a container.
    seed("docker start", Want::Fails(125, "container")),
    seed("docker container start", Want::Fails(125, "container")),
    seed("docker stop", Want::Fails(125, "container")),
    seed("docker container stop", Want::Fails(125, "container")),
    seed("docker kill", Want::Fails(125, "container")),
    seed("docker restart", Want::Fails(125, "container")),
    seed("docker pause", Want::Fails(125, "container")),
    seed("docker rm", Want::Fails(125, "container")),
    seed("docker rm -f", Want::Fails(125, "container")),
    seed("docker commit", Want::Fails(125, "CONTAINER")),
    seed("docker tag", Want::Fails(125, "required")),
    // A database, and a site linked to it.
    seed(
        "docker run --name mysql -e MYSQL_ROOT_PASSWORD=p@ssw0rd -d mysql",
        Want::Ok(""),
    ),
    seed(
        "docker exec -it MySQL mysql -uroot -p",
        Want::Fails(125, "\"MySQL\""),
    ),
    seed(
        "docker run --name wp-mysql  -e MYSQL_ROOT_PASSWORD=yoursecretpassword -d mysql",
        Want::Ok(""),
    ),
    seed(
        "docker run --name wordpress  --link wp-mysql:mysql -p 10003:80 -d wordpress",
        Want::Fails(125, "--network-alias mysql"),
    ),
    // Volumes.
    seed("docker volume create myvol", Want::Ok("myvol")),
    seed(
        "docker run -d --name devtest -v myvol:/app nginx:latest",
        Want::Ok(""),
    ),
    seed("docker volume ls", Want::Ok("myvol")),
    story("volume create my_volume"),
    seed("docker volume inspect my_volume", Want::Ok("my_volume")),
    seed("docker volume rm my_volume", Want::Ok("my_volume")),
    story("volume create unused"),
    seed("docker volume prune", Want::Answer("y\n", "unused")),
    // Networks.
    seed("docker network create my_network", Want::Ok("my_network")),
    seed(
        "docker run -it --network my_network ubuntu:16.04 bash",
        Want::Typed("exit\n"),
    ),
    seed("docker network ls", Want::Ok("my_network")),
    seed("docker network rm", Want::Fails(125, "required")),
    story("network rm -f my_network"),
    seed(
        "docker network create --gateway 10.5.0.1 --subnet 10.5.0.0/16 my_network",
        Want::Ok("my_network"),
    ),
    // Builds (the directory has a Dockerfile: FROM nginx).
    seed("docker build", Want::Ok("")),
    seed("docker build <build context>", Want::Ok("")),
    seed("docker build - < Dockerfile", Want::Ok("")),
    seed("docker built -t [name:tag] .", Want::Fails(125, "built")),
    seed(
        "docker built -t [name:tag] -f [file_name]",
        Want::Fails(125, "built"),
    ),
    seed("docker build -t friendlyhello .", Want::Ok("")),
    seed(
        "docker run -p 4000:80 friendlyhello",
        Want::Streams(TERM, Some("4000")),
    ),
    seed("docker run -d -p 4000:80 friendlyhello", Want::Capture),
    seed_with(
        "docker container stop 1fa4ab2cf395",
        &[("1fa4ab2cf395", "{id}")],
        Want::Ok(""),
    ),
    seed("docker tag [Image_name] [name:tag]", Want::Ok("")),
    seed_with(
        "docker tag image username/repository:tag",
        &[
            ("tag image ", "tag friendlyhello "),
            ("username/", "{reg}/username/"),
        ],
        Want::Ok(""),
    ),
    seed_with(
        "docker push username/repository:tag",
        &[("username/", "{reg}/username/")],
        Want::Ok(""),
    ),
    // Clearing up.
    story("stop --all"),
    seed("docker rm $(docker ps -qa)", Want::Ok("")),
    seed("docker rmi nginx", Want::Ok("")),
    seed("docker rmi [Image_name]", Want::Ok("ubuntu")),
    seed("docker rmi <image_name or hash>", Want::Ok("ubuntu")),
    seed("docker system df", Want::Ok("Images")),
    seed_with(
        "docker <images / containers / volumes / networks > prune",
        &[("<images / containers / volumes / networks >", "image")],
        Want::Answer("y\n", ""),
    ),
    seed_with(
        "docker <images / containers / volumes / networks > prune",
        &[("<images / containers / volumes / networks >", "container")],
        Want::Answer("y\n", ""),
    ),
    seed_with(
        "docker <images / containers / volumes / networks > prune",
        &[("<images / containers / volumes / networks >", "volume")],
        Want::Answer("y\n", "myvol"),
    ),
    seed_with(
        "docker <images / containers / volumes / networks > prune",
        &[("<images / containers / volumes / networks >", "network")],
        Want::Answer("y\n", "my_network"),
    ),
    seed(
        "docker system prune",
        Want::Answer("y\n", "Total reclaimed space"),
    ),
    seed(
        "docker system prune -a",
        Want::Answer("y\n", "Total reclaimed space"),
    ),
    seed(
        "docker prune -a --volumes",
        Want::Fails(125, "unrecognized subcommand"),
    ),
    // Swarm's words: compose.rs runs them.
    seed(
        "docker stack deploy -c docker-compose.yml getstartedlab",
        Want::Elsewhere("compose.rs: the_seeds_stack_commands_work_as_written"),
    ),
    seed(
        "docker service ls",
        Want::Elsewhere("compose.rs: the_seeds_stack_commands_work_as_written"),
    ),
    seed(
        "docker service ps getstartedlab_web",
        Want::Elsewhere("compose.rs: the_seeds_stack_commands_work_as_written"),
    ),
];

/// The copy of the seeds is the shared one (where that is here), and every
/// line extracted from them has a step, every step's line is in them.
#[test]
fn every_seed_line_has_a_step() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if shared.is_dir() {
        for (name, text) in extract::SEEDS {
            let there = std::fs::read_to_string(shared.join(name))
                .unwrap_or_else(|e| panic!("reading the shared seed {name}: {e}"));
            assert_eq!(
                there, text,
                "tests/e2e/seeds/{name} differs from ../shared/seeds: copy it again"
            );
        }
    }
    let lines = extract::command_lines();
    assert!(lines.len() > 90, "only {} lines extracted", lines.len());
    let stepped: Vec<&str> = STEPS
        .iter()
        .filter(|s| !is_setup(s))
        .map(|s| s.line)
        .collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !stepped.contains(&l.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "seed lines without a step: {missing:#?}"
    );
    let stale: Vec<&&str> = stepped
        .iter()
        .filter(|s| !lines.iter().any(|l| l == *s))
        .collect();
    assert!(
        stale.is_empty(),
        "steps whose line is in no seed: {stale:#?}"
    );
}

fn is_setup(s: &Step) -> bool {
    matches!(s.want, Want::Elsewhere("")) && !s.line.starts_with("docker")
}

/// The stand-in images, pushed under the names the lines use.
fn push_stand_ins(reg: &crate::support::registry::Registry) {
    let extras = layer_of(
        |t| {
            t.dir("www", 0o755, 0, 0);
            t.file("www/index.html", b"seeds web\n", 0o644, 0, 0);
            t.file("bin/bash", b"#!/bin/sh\nexec /bin/sh \"$@\"\n", 0o755, 0, 0);
            t.dir("usr/bin", 0o755, 0, 0);
            t.file(
                "usr/bin/mysql",
                b"#!/bin/sh\necho mysql \"$@\"\n",
                0o755,
                0,
                0,
            );
        },
        Compression::Gzip,
    );
    let layers = [busybox_gz(), extras];
    // PID 1 gets only the signals it handles: the shell ends on TERM.
    let serve = ImageSpec {
        cmd: Some(vec![
            "sh".into(),
            "-c".into(),
            "trap 'exit 0' TERM; httpd -f -p 80 -h /www & wait".into(),
        ]),
        ..Default::default()
    };
    let daemon = ImageSpec {
        cmd: Some(vec![
            "sh".into(),
            "-c".into(),
            "trap 'exit 0' TERM; sleep 3600 & wait".into(),
        ]),
        ..Default::default()
    };
    let shell = ImageSpec {
        cmd: Some(vec!["bash".into()]),
        ..Default::default()
    };
    for (repo, tag, spec) in [
        ("nginx", "latest", &serve),
        ("wordpress", "latest", &serve),
        ("mysql", "latest", &daemon),
        ("ubuntu", "latest", &shell),
        ("ubuntu", "16.04", &shell),
        ("ubuntu", "20.04", &shell),
        ("python", "3-alpine", &shell),
    ] {
        oci::push_image(&reg.addr, repo, tag, spec, &layers, false);
    }
}

/// The line as typed: the step's own substitutions, then placeholders,
/// then free ports.
fn typed(step: &Step, ports: &[(&str, u16)], id: &str, reg: &str) -> String {
    let mut s = step.line.to_string();
    for (from, to) in step.with {
        s = s.replace(from, to);
    }
    for (from, to) in PLACEHOLDERS {
        s = s.replace(from, to);
    }
    for (key, port) in ports {
        let from = if key.starts_with('[') {
            format!("{key}:")
        } else {
            format!("{key}:80")
        };
        let to = if key.starts_with('[') {
            format!("{port}:")
        } else {
            format!("{port}:80")
        };
        s = s.replace(&from, &to);
    }
    s.replace("[container_port]", "80")
        .replace("{id}", id)
        .replace("{reg}", reg)
}

#[test]
fn the_seeds_docker_lines_work_with_docker_meaning_den() {
    // A registry and a den without busybox pulled: the lines pull.
    let (reg, den) = crate::support::den::setup();
    push_stand_ins(&reg);
    let dir = den.home().join("work");
    std::fs::create_dir_all(dir.join("docker-config")).expect("work dir");
    std::fs::write(dir.join("docker-config/config.json"), "{}").expect("config.json");
    std::fs::write(dir.join("Dockerfile"), "FROM nginx\n").expect("Dockerfile");
    std::fs::write(dir.join("script.py"), "print('hi')\n").expect("script.py");
    let ports: Vec<(&str, u16)> = ["8080", "4000", "10003", "[local_port]"]
        .into_iter()
        .map(|k| (k, free_port()))
        .collect();
    let port = |key: &str| {
        ports
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| *p)
            .expect("a port of the story")
    };
    let mut id = String::new();
    for step in STEPS {
        if is_setup(step) {
            let args: Vec<&str> = step.line.split_whitespace().collect();
            den.ok(&args);
            continue;
        }
        let line = typed(step, &ports, &id, &reg.addr);
        let sh = |stdin: Stdio| -> Command {
            let mut c = den.command("sh");
            c.arg("-c")
                .arg(format!("docker() {{ exec \"$DEN\" \"$@\"; }}\n{line}"))
                .env("DEN", den_bin())
                .current_dir(&dir)
                .stdin(stdin);
            c
        };
        let finished = |out: std::process::Output| {
            let (stdout, stderr) = text(&out);
            (out.status.code(), stdout, stderr)
        };
        match step.want {
            Want::Elsewhere(_) => continue,
            Want::Ok(want) => {
                let (code, stdout, stderr) = finished(sh(Stdio::null()).output().expect("sh"));
                assert_eq!(code, Some(0), "{line}\nstdout: {stdout}\nstderr: {stderr}");
                assert!(stdout.contains(want), "{line}: {want:?} not in\n{stdout}");
            }
            Want::Serves(key) => {
                let (code, stdout, stderr) = finished(sh(Stdio::null()).output().expect("sh"));
                assert_eq!(code, Some(0), "{line}\nstdout: {stdout}\nstderr: {stderr}");
                let p = port(key);
                wait_for(&format!("{line}: HTTP on port {p}"), || {
                    http_get(p).is_some_and(|b| b.contains("seeds web"))
                });
            }
            Want::Capture => {
                let (code, stdout, stderr) = finished(sh(Stdio::null()).output().expect("sh"));
                assert_eq!(code, Some(0), "{line}: {stderr}");
                id = stdout.trim().to_string();
                assert_eq!(id.len(), 64, "{line}: not an id: {stdout}");
            }
            Want::Answer(input, _) | Want::Typed(input) => {
                let mut child = sh(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("sh");
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(input.as_bytes())
                    .expect("answer");
                let (code, stdout, stderr) = finished(child.wait_with_output().expect("sh"));
                assert_eq!(code, Some(0), "{line}\nstdout: {stdout}\nstderr: {stderr}");
                if let Want::Answer(_, want) = step.want {
                    assert!(
                        stderr.contains("Are you sure"),
                        "{line}: no question: {stderr}"
                    );
                    assert!(stdout.contains(want), "{line}: {want:?} not in\n{stdout}");
                }
            }
            Want::Fails(want_code, want) => {
                let (code, stdout, stderr) = finished(sh(Stdio::null()).output().expect("sh"));
                assert_eq!(
                    code,
                    Some(want_code),
                    "{line}\nstdout: {stdout}\nstderr: {stderr}"
                );
                assert!(
                    stderr.to_lowercase().contains(&want.to_lowercase()),
                    "{line}: {want:?} not in\n{stderr}"
                );
                // Pull progress may come first; the error is one line.
                let errors: Vec<&str> = stderr
                    .lines()
                    .skip_while(|l| !l.starts_with("den: error: "))
                    .collect();
                assert_eq!(errors.len(), 1, "{line}: one error line: {stderr}");
            }
            Want::Streams(signal, serves) => {
                let mut child = sh(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("sh");
                match serves {
                    Some(key) => {
                        let p = port(key);
                        wait_for(&format!("{line}: HTTP on port {p}"), || {
                            http_get(p).is_some_and(|b| b.contains("seeds web"))
                        });
                    }
                    None => std::thread::sleep(Duration::from_millis(1500)),
                }
                assert!(
                    child.try_wait().expect("wait").is_none(),
                    "{line} ended: {:?}",
                    child.wait_with_output().map(|o| text(&o))
                );
                stop(&mut child, signal);
            }
            Want::LivePid => {
                let inner = line
                    .split_once("$(")
                    .and_then(|(_, rest)| rest.split_once(')'))
                    .map(|(inner, _)| inner)
                    .expect("a $(...) in the line");
                let line = inner.to_string();
                let (code, stdout, stderr) = {
                    let mut c = den.command("sh");
                    c.arg("-c")
                        .arg(format!("docker() {{ exec \"$DEN\" \"$@\"; }}\n{line}"))
                        .env("DEN", den_bin())
                        .current_dir(&dir);
                    finished(c.output().expect("sh"))
                };
                assert_eq!(code, Some(0), "{line}: {stderr}");
                let pid = stdout.trim();
                assert!(
                    pid.parse::<u32>().is_ok_and(|p| p > 1)
                        && std::path::Path::new(&format!("/proc/{pid}")).exists(),
                    "{line}: no live pid: {stdout}"
                );
            }
        }
        if step.line == "docker attach <container name>" {
            // Killing the client leaves the container running.
            assert_eq!(inspect(&den, "box", "{{.State.Status}}"), "running");
        }
        if step.line == "docker kill $(docker ps -q --filter name=web*)" {
            wait_for("webserver killed", || {
                inspect(&den, "webserver", "{{.State.Status}}") == "exited"
            });
        }
    }
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert!(!den.ok(&["images"]).contains("ubuntu"));
}

fn stop(child: &mut Child, signal: i32) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status();
    let _ = child.wait();
}
