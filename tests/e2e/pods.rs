//! Pods (issue 19): containers that share an infra container's network,
//! IPC and UTS namespaces (PID with --share), its ports, and its life:
//! podman's pod commands, and what a member cannot take from the infra.

use std::time::{Duration, Instant};

use crate::common::*;

fn ns(den: &Den, container: &str, kind: &str) -> String {
    den.ok(&[
        "exec",
        container,
        "readlink",
        &format!("/proc/self/ns/{kind}"),
    ])
}

fn pod_status(den: &Den, pod: &str) -> String {
    den.ok(&["pod", "inspect", "--format", "{{.State}}", pod])
        .trim()
        .to_string()
}

fn wait_for_pod(den: &Den, pod: &str, status: &str) {
    let t = Instant::now();
    while pod_status(den, pod) != status {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "{pod} never became {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn members_share_the_infra_namespaces_and_its_ports() {
    let (_reg, den) = ready();
    let port = free_port();
    let publish = format!("{port}:8080");
    let id = den.ok(&[
        "pod",
        "create",
        "--name",
        "web",
        "-p",
        &publish,
        "--label",
        "tier=front",
    ]);
    assert_eq!(id.trim().len(), 64);
    den.ok(&["pod", "exists", "web"]);
    den.fails(&["pod", "exists", "nothere"], 1);
    assert_eq!(pod_status(&den, "web"), "Created");
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "web",
        "--name",
        "srv",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /www && echo hello-from-pod > /www/index.html && exec httpd -f -p 8080 -h /www",
    ]);
    // The pod's port reaches the member; another member reaches it on
    // its loopback; the host name is the pod's.
    let t = Instant::now();
    while !http_get(port).is_some_and(|r| r.contains("hello-from-pod")) {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "the pod's port never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = den.ok(&[
        "run",
        "--rm",
        "--pod",
        "web",
        "busybox",
        "sh",
        "-c",
        "wget -qO- http://127.0.0.1:8080; hostname",
    ]);
    assert_eq!(out, "hello-from-pod\nweb\n");
    den.ok(&[
        "run", "-d", "--pod", "web", "--name", "side", "busybox", "sleep", "600",
    ]);
    for kind in ["net", "ipc", "uts"] {
        assert_eq!(ns(&den, "srv", kind), ns(&den, "side", kind), "{kind}");
    }
    assert_ne!(
        ns(&den, "srv", "pid"),
        ns(&den, "side", "pid"),
        "pid is not shared by default"
    );
    assert_eq!(
        den.ok(&[
            "pod",
            "ps",
            "--format",
            "{{.Name}} {{.Status}} {{.NumberOfContainers}}"
        ]),
        "web Running 3\n"
    );
    assert_eq!(
        den.ok(&[
            "pod",
            "inspect",
            "--format",
            "{{.NumContainers}} {{index .Labels \"tier\"}} {{.CreateInfra}}",
            "web"
        ]),
        "3 front true\n"
    );
    let table = den.ok(&["pod", "ps"]);
    assert!(table.starts_with("POD ID"), "{table}");
    // Stopped and started as one.
    den.ok(&["pod", "stop", "-t", "0", "web"]);
    assert_eq!(pod_status(&den, "web"), "Exited");
    den.ok(&["pod", "start", "web"]);
    wait_for_pod(&den, "web", "Running");
    // A member's ports and network are the pod's.
    den.fails(
        &[
            "run", "--rm", "--pod", "web", "-p", "9999:80", "busybox", "true",
        ],
        125,
    );
    den.fails(
        &[
            "run",
            "--rm",
            "--pod",
            "web",
            "--network",
            "host",
            "busybox",
            "true",
        ],
        125,
    );
    den.fails(&["run", "--rm", "--pod", "nothere", "busybox", "true"], 125);
    // The infra container holds no capability (a member that could
    // trace it gains nothing).
    let infra_pid = den.ok(&["pod", "inspect", "--format", "{{.InfraContainerID}}", "web"]);
    let pid = den.ok(&["inspect", "--format", "{{.State.Pid}}", infra_pid.trim()]);
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).expect("status");
    assert!(status.contains("CapEff:\t0000000000000000"), "{status}");
    assert!(status.contains("CapBnd:\t0000000000000000"), "{status}");
    // Running: kept unless forced; then all of it goes.
    den.fails(&["pod", "rm", "web"], 125);
    den.ok(&["pod", "rm", "-f", "-t", "0", "web"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    assert_eq!(den.ok(&["pod", "ps", "-q"]), "");
    assert!(http_get(port).is_none(), "the port was released");
}

#[test]
fn shared_pids_exit_policy_logs_prune_and_new_pods() {
    let (_reg, den) = ready();
    den.ok(&[
        "pod",
        "create",
        "--name",
        "job",
        "--share",
        "ipc,net,uts,pid",
        "--exit-policy",
        "stop",
    ]);
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "job",
        "--name",
        "worker",
        "busybox",
        "sh",
        "-c",
        "echo working; sleep 3",
    ]);
    // With the PID namespace shared, another member sees the worker.
    let seen = den.ok(&[
        "run",
        "--rm",
        "--pod",
        "job",
        "busybox",
        "sh",
        "-c",
        "cat /proc/[0-9]*/cmdline | tr '\\0' ' '",
    ]);
    assert!(seen.contains("sleep 3"), "{seen}");
    // --exit-policy stop: the infra container stops with the last member.
    wait_for_pod(&den, "job", "Exited");
    let logs = den.ok(&["pod", "logs", "--names", "job"]);
    assert!(
        logs.lines()
            .any(|l| l.starts_with("worker") && l.ends_with("working")),
        "{logs}"
    );
    let only = den.ok(&["pod", "logs", "--container", "worker", "job"]);
    assert_eq!(only, "working\n");
    // prune: every pod whose containers all stopped.
    den.ok(&["pod", "create", "--name", "idle"]);
    let pruned = den.ok(&["pod", "prune", "-f"]);
    assert_eq!(pruned.lines().count(), 2, "{pruned}");
    den.fails(&["pod", "exists", "job"], 1);
    // --infra=false: a group that shares nothing.
    den.ok(&["pod", "create", "--name", "loose", "--infra=false"]);
    den.ok(&[
        "run", "-d", "--pod", "loose", "--name", "l1", "busybox", "sleep", "600",
    ]);
    den.ok(&[
        "run", "-d", "--pod", "loose", "--name", "l2", "busybox", "sleep", "600",
    ]);
    assert_ne!(ns(&den, "l1", "net"), ns(&den, "l2", "net"));
    assert_eq!(
        den.ok(&[
            "pod",
            "inspect",
            "--format",
            "{{.InfraContainerID}}",
            "loose"
        ]),
        "\n"
    );
    // --pod new:NAME makes the pod on the way.
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "new:fresh",
        "--name",
        "first",
        "busybox",
        "sleep",
        "600",
    ]);
    assert_eq!(pod_status(&den, "fresh"), "Running");
    // Names are unique; --replace takes the old one's place.
    den.fails(&["pod", "create", "--name", "fresh"], 125);
    den.ok(&["pod", "create", "--name", "fresh", "--replace"]);
    // (A name that no id can begin with: `exists` takes an id prefix too,
    // as podman's does, and with the name `f1` the test failed whenever
    // the new infra container's id began with f1.)
    den.fails(&["container", "exists", "first"], 1);
    for bad in [
        &["--share", "everything"][..],
        &["--exit-policy", "sometimes"],
        &["--infra=false", "--infra-name", "x"],
        &["--ip6", "fd00::1"],
        &["--subuidname", "someone"],
    ] {
        let mut args = vec!["pod", "create"];
        args.extend_from_slice(bad);
        let e = den.fails(&args, 125);
        assert_eq!(e.lines().count(), 1, "{bad:?}: {e}");
    }
    den.ok(&["pod", "rm", "-f", "-t", "0", "--all"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn a_pod_is_cloned_with_its_containers() {
    let (_reg, den) = ready();
    den.ok(&["pod", "create", "--name", "pa", "--label", "x=1"]);
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "pa",
        "--name",
        "m1",
        "--stop-timeout",
        "1",
        "-e",
        "V=7",
        "busybox",
        "sleep",
        "600",
    ]);
    // The clone's flags after the original's: labels added, host name changed.
    den.ok(&[
        "pod",
        "clone",
        "--start",
        "--label",
        "y=2",
        "--hostname",
        "other",
        "pa",
        "pb",
    ]);
    assert_eq!(
        den.ok(&["pod", "inspect", "--format", "{{.Name}} {{index .Labels \"x\"}}{{index .Labels \"y\"}} {{.NumContainers}} {{.State}}", "pb"]),
        "pb 12 2 Running\n"
    );
    // `inspect` finds pods too, by name or with --type pod, as podman's.
    assert_eq!(den.ok(&["inspect", "--format", "{{.Name}}", "pb"]), "pb\n");
    assert_eq!(
        den.ok(&[
            "inspect",
            "--type",
            "pod",
            "--format",
            "{{.NumContainers}}",
            "pb"
        ]),
        "2\n"
    );
    let e = den.fails(&["inspect", "--type", "pod", "nosuchpod"], 125);
    assert!(e.contains("no such object: \"nosuchpod\""), "{e}");
    assert_eq!(
        den.ok(&["exec", "m1-clone", "sh", "-c", "hostname; echo $V"]),
        "other\n7\n"
    );
    // --destroy: the original goes, once stopped.
    den.fails(&["pod", "clone", "--destroy", "pa", "pc"], 125);
    den.fails(&["pod", "exists", "pc"], 1);
    den.ok(&["pod", "stop", "-t", "0", "pa"]);
    den.ok(&["pod", "clone", "--destroy", "pa", "pc"]);
    den.fails(&["pod", "exists", "pa"], 1);
    assert_eq!(
        den.ok(&["pod", "inspect", "--format", "{{.NumContainers}}", "pc"]),
        "2\n"
    );
    den.ok(&["pod", "rm", "-f", "-t", "0", "--all"]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn kubernetes_yaml_for_containers_and_pods() {
    let (_reg, den) = ready();
    let port = free_port();
    let publish = format!("{port}:8080");
    den.ok(&[
        "create",
        "--name",
        "web",
        "-p",
        &publish,
        "-e",
        "MODE=prod",
        "-w",
        "/srv",
        "busybox",
        "httpd",
        "-f",
    ]);
    let yaml = den.ok(&["generate", "kube", "--service", "web"]);
    for want in [
        "apiVersion: v1",
        "kind: Pod",
        "name: web-pod",
        "image: ",
        "containerPort: 8080",
        &format!("hostPort: {port}"),
        "name: MODE",
        "value: prod",
        "workingDir: /srv",
        "---",
        "kind: Service",
        "type: NodePort",
    ] {
        assert!(yaml.contains(want), "{want} missing in\n{yaml}");
    }
    // A pod: its containers (named without the pod's prefix, as kube play
    // names them POD-NAME), not its infra; kube generate is the same.
    den.ok(&["pod", "create", "--name", "kp"]);
    den.ok(&[
        "create", "--pod", "kp", "--name", "kp-app", "busybox", "sleep", "600",
    ]);
    let file = den.dir.path().join("kp.yaml");
    den.ok(&[
        "kube",
        "generate",
        "-f",
        file.to_str().expect("utf-8"),
        "kp",
    ]);
    let text = std::fs::read_to_string(&file).expect("yaml");
    assert!(
        text.contains("name: kp\n") && text.contains("name: app\n"),
        "{text}"
    );
    assert!(!text.contains("infra"), "{text}");
    den.fails(&["generate", "kube", "nothere"], 125);
    den.ok(&["pod", "rm", "-f", "kp"]);
    den.ok(&["rm", "web"]);
}

/// A member whose image is still to be pulled, in a pod whose pause image
/// is still to be made, starts: neither leaves den in its user namespace,
/// from where the member could not join its infra.
#[test]
fn members_start_with_their_images_pulled_on_the_way() {
    let (_reg, den) = setup();
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "new:fresh",
        "--name",
        "m1",
        "busybox",
        "sleep",
        "60",
    ]);
    assert_eq!(inspect(&den, "m1", "{{.State.Status}}"), "running");
    den.ok(&["pod", "rm", "-f", "-t", "0", "fresh"]);
    den.ok(&["rmi", "busybox"]);
    den.ok(&["pod", "create", "--name", "p2"]);
    den.ok(&[
        "run", "-d", "--pod", "p2", "--name", "m2", "busybox", "sleep", "60",
    ]);
    assert_eq!(den.ok(&["exec", "m2", "hostname"]), "p2\n");
    // And one that joins another container's network.
    den.ok(&["pod", "rm", "-f", "-t", "0", "p2"]);
    den.ok(&["rmi", "busybox"]);
    let busybox = den.image("busybox:latest");
    den.ok(&["pull", "-q", &busybox]);
    den.ok(&["tag", &busybox, "localhost/first:1"]);
    den.ok(&["rmi", &busybox]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "first",
        "localhost/first:1",
        "sleep",
        "60",
    ]);
    den.ok(&[
        "run",
        "--rm",
        "--network",
        "container:first",
        &busybox,
        "true",
    ]);
    den.ok(&["rm", "-f", "-t", "0", "first"]);
}
