//! Listing, cloning and pruning flags scripts use (issue 19).

use std::time::Duration;

use crate::common::*;

#[test]
fn clone_makes_the_container_again_with_changes() {
    let (_reg, den) = ready();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "orig",
        "--stop-timeout",
        "1",
        "-e",
        "A=1",
        "-l",
        "k=v",
        "busybox",
        "sleep",
        "600",
    ]);
    // Same command line, a new name; --run starts it.
    den.ok(&["container", "clone", "orig"]);
    assert_eq!(
        den.ok(&["inspect", "--format", "{{.State.Status}}", "orig-clone"]),
        "created\n"
    );
    den.ok(&["container", "clone", "--run", "orig", "second"]);
    // A limit given to the clone is the clone's (where cgroups allow it).
    let limited = den.output(&["container", "clone", "--cpus", "1", "orig", "limited"]);
    if limited.status.success() {
        assert_eq!(
            den.ok(&["inspect", "--format", "{{.HostConfig.NanoCpus}}", "limited"]),
            "1000000000\n"
        );
        den.ok(&["rm", "limited"]);
    } else {
        assert!(String::from_utf8_lossy(&limited.stderr).contains("needs"));
    }
    assert_eq!(den.ok(&["exec", "second", "sh", "-c", "echo $A"]), "1\n");
    assert_eq!(
        den.ok(&[
            "inspect",
            "--format",
            "{{index .Config.Labels \"k\"}}",
            "second"
        ]),
        "v\n"
    );
    // --destroy: only a stopped original, unless --force.
    den.fails(&["container", "clone", "--destroy", "orig", "third"], 125);
    den.fails(&["container", "exists", "third"], 1);
    // Removed, then the clone started from the same command.
    den.ok(&[
        "container",
        "clone",
        "--destroy",
        "--force",
        "--run",
        "orig",
        "third",
    ]);
    den.fails(&["container", "exists", "orig"], 1);
    assert_eq!(den.ok(&["exec", "third", "sh", "-c", "echo $A"]), "1\n");
    den.fails(&["container", "clone", "nothere"], 125);
    den.ok(&["rm", "-f", "-t", "0", "orig-clone", "second", "third"]);
}

#[test]
fn list_flags_scripts_use() {
    let (_reg, den) = ready();
    den.ok(&["pod", "create", "--name", "pp"]);
    den.ok(&[
        "run", "-d", "--pod", "pp", "--name", "inpod", "busybox", "sleep", "600",
    ]);
    den.ok(&[
        "run", "-d", "--name", "alone", "-l", "keep=yes", "busybox", "sleep", "600",
    ]);
    // ps --pod: the pod's id and name; --ns: the namespaces' inodes.
    let table = den.ok(&["ps", "--pod"]);
    let header = table.lines().next().unwrap_or_default();
    assert!(
        header.contains("POD ID") && header.ends_with("PODNAME"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("inpod") && l.trim_end().ends_with("pp")),
        "{table}"
    );
    let pid = den.ok(&["inspect", "--format", "{{.State.Pid}}", "alone"]);
    let net = std::fs::read_link(format!("/proc/{}/ns/net", pid.trim())).expect("ns");
    let inode = net
        .display()
        .to_string()
        .trim_start_matches("net:[")
        .trim_end_matches(']')
        .to_string();
    let ns = den.ok(&[
        "ps",
        "--ns",
        "--filter",
        "name=alone",
        "--format",
        "{{.NET}}",
    ]);
    assert_eq!(ns.trim(), inode);
    // ps --watch: the list again and again.
    let mut child = den
        .cmd(&["ps", "--watch", "1"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("ps --watch");
    std::thread::sleep(Duration::from_millis(2500));
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.matches("CONTAINER ID").count() >= 2, "{text}");
    // logs of several containers, with their names.
    den.ok(&["run", "--name", "l1", "busybox", "echo", "one"]);
    den.ok(&["run", "--name", "l2", "busybox", "echo", "two"]);
    assert_eq!(den.ok(&["logs", "--names", "l1", "l2"]), "l1 one\nl2 two\n");
    // One key's values are alternatives, as podman's (both names matched
    // nothing); keys are all required.
    den.ok(&[
        "create", "--name", "l3", "--label", "a=1", "busybox", "true",
    ]);
    let names = |filters: &[&str]| {
        let mut args = vec!["ps", "-a", "--format", "{{.Names}}"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let out = den.ok(&args);
        let mut v: Vec<String> = out.lines().map(String::from).collect();
        v.sort();
        v.join(" ")
    };
    assert_eq!(names(&["name=l1", "name=l2"]), "l1 l2");
    assert_eq!(names(&["status=exited", "status=created"]), "l1 l2 l3");
    assert_eq!(names(&["status=created", "name=l1"]), "");
    assert_eq!(names(&["label=a=1", "label=b"]), "");
    den.ok(&["rm", "l3"]);
    // The image's labels are the container's too, under its own, as
    // podman copies them.
    den.ok(&[
        "commit",
        "-q",
        "-c",
        "LABEL from=image",
        "-c",
        "LABEL mine=image",
        "l1",
        "labelled:1",
    ]);
    den.ok(&[
        "create",
        "--name",
        "l4",
        "--label",
        "mine=flag",
        "labelled:1",
        "true",
    ]);
    assert_eq!(names(&["label=from=image"]), "l4");
    assert_eq!(
        den.ok(&["inspect", "-f", "{{index .Config.Labels \"mine\"}}", "l4"])
            .trim(),
        "flag"
    );
    den.ok(&["rm", "l4"]);
    den.ok(&["rmi", "labelled:1"]);
    // ps's template fields as podman's psReporter gives them.
    den.ok(&["network", "create", "psnet"]);
    den.ok(&[
        "create",
        "--name",
        "l5",
        "--network",
        "psnet",
        "busybox",
        "echo",
        "123456789012345",
    ]);
    let f = |t: &str| {
        den.ok(&["ps", "-a", "--filter", "name=l5", "--format", t])
            .trim_end()
            .to_string()
    };
    assert_eq!(f("{{.Command}}"), "echo 123456789012...");
    assert_eq!(f("{{.ImageID}}").len(), 12);
    assert_eq!(f("{{.Networks}}"), "psnet");
    let created = f("{{.CreatedAt}}");
    assert!(
        created.ends_with(" +0000 UTC") && created.as_bytes()[10] == b' ',
        "{created}"
    );
    let json: serde_json::Value = serde_json::from_str(&den.ok(&[
        "ps", "-a", "--size", "--filter", "name=l5", "--format", "json",
    ]))
    .expect("json");
    assert!(json[0]["Size"]["rwSize"].is_u64(), "{json}");
    den.ok(&["rm", "l5"]);
    den.ok(&["network", "rm", "psnet"]);
    // images --sort, --history.
    den.ok(&["tag", "busybox", "localhost/aaa:first"]);
    let repos = den.ok(&[
        "images",
        "--sort",
        "repository",
        "--format",
        "{{.Repository}}",
    ]);
    let listed: Vec<&str> = repos.lines().collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    assert!(listed.contains(&"localhost/aaa"), "{repos}");
    assert!(den
        .ok(&["images", "--history"])
        .lines()
        .next()
        .unwrap_or_default()
        .ends_with("HISTORY"));
    // commit --include-volumes: the container's volumes as VOLUMEs.
    den.ok(&[
        "run", "--name", "withvol", "-v", "/state", "busybox", "true",
    ]);
    den.ok(&[
        "commit",
        "-q",
        "--include-volumes",
        "--squash",
        "withvol",
        "localhost/withvol",
    ]);
    let vols = den.ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Volumes}}",
        "localhost/withvol",
    ]);
    assert!(vols.contains("/state"), "{vols}");
    // import --arch: the platform the image says it is for.
    let tar = den.dir.path().join("empty.tar");
    std::fs::write(&tar, vec![0u8; 1024]).expect("tar");
    den.ok(&[
        "import",
        "--arch",
        "s390x",
        "--os",
        "linux",
        tar.to_str().expect("utf-8"),
        "localhost/imported",
    ]);
    assert_eq!(
        den.ok(&[
            "image",
            "inspect",
            "--format",
            "{{.Architecture}}",
            "localhost/imported"
        ]),
        "s390x\n"
    );
    // events with short ids.
    let short = den.ok(&[
        "events",
        "--stream=false",
        "--no-trunc=false",
        "--filter",
        "container=l1",
        "--filter",
        "event=start",
    ]);
    assert!(short.split_whitespace().any(|w| w.len() == 12), "{short}");
    // prune --filter: only what matches.
    den.ok(&["stop", "-t", "0", "alone"]);
    den.ok(&["container", "prune", "-f", "--filter", "label!=keep=yes"]);
    den.ok(&["container", "exists", "alone"]);
    den.fails(&["container", "exists", "l1"], 1);
    den.ok(&["container", "prune", "-f", "--filter", "label=keep=yes"]);
    den.fails(&["container", "exists", "alone"], 1);
    den.ok(&["network", "create", "--label", "keep=1", "kept-net"]);
    den.ok(&["network", "create", "gone-net"]);
    den.ok(&["network", "prune", "-f", "--filter", "label!=keep"]);
    den.ok(&["network", "exists", "kept-net"]);
    den.fails(&["network", "exists", "gone-net"], 1);
    den.fails(&["system", "prune", "-f", "--filter", "color=red"], 125);
    // What den does not do, refused.
    den.fails(&["push", "--sign-by", "key", "busybox"], 125);
    den.fails(
        &["auto-update", "--authfile", "/nonexistent/auth.json"],
        125,
    );
    den.ok(&["pod", "rm", "-f", "-t", "0", "pp"]);
}

/// The event log keeps its newer half once past 1 MB, as podman's does
/// past `events_logfile_max_size`: a loop of containers does not grow it
/// without end, and `events` reads the rest as before.
#[test]
fn the_event_log_keeps_its_newer_half_past_a_megabyte() {
    let (_reg, den) = ready();
    let log = den.data().join("events.log");
    let mut old = String::new();
    let mut n = 0;
    while old.len() < 999_900 {
        old.push_str(&format!(
            "{{\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"container\",\"status\":\"create\",\"id\":\"{n:064}\",\"name\":\"old{n}\"}}\n"
        ));
        n += 1;
    }
    std::fs::write(&log, &old).expect("a full log");
    den.ok(&["create", "--name", "fresh", "busybox", "true"]);
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.len() < 600_000, "{} bytes", text.len());
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("\"log-rotation\""), "{}", lines[0]);
    // The newer half of the old events, whole and in order.
    let kept: Vec<usize> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| {
            let name = l.split("\"name\":\"old").nth(1).expect("an old event");
            name.trim_end_matches("\"}").parse().expect("its number")
        })
        .collect();
    let first = kept[0];
    assert!(first > n / 3 && first < 2 * n / 3, "{first} of {n}");
    assert_eq!(kept, (first..n).collect::<Vec<_>>());
    assert!(lines[lines.len() - 1].contains("\"fresh\""));
    let names = den.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=container",
        "--format",
        "{{.Name}}",
    ]);
    let names: Vec<&str> = names.lines().collect();
    assert_eq!(names.last(), Some(&"fresh"));
    assert_eq!(names.len(), lines.len() - 1);
    den.ok(&["rm", "fresh"]);
}

/// A name finds its container through the name index (`container/
/// names.rs`) and through renames and removals; the index is only a
/// hint: a link forged to another container, or one missing, gives
/// the right answer still.
#[test]
fn names_find_their_container_through_renames_removals_and_forged_links() {
    let (_reg, den) = ready();
    let web = den.ok(&["create", "--name", "web", "busybox", "true"]);
    let web = web.trim();
    let index = den.data().join("container-names");
    assert!(index.join("web").is_symlink(), "web's link");
    den.ok(&["rename", "web", "api"]);
    assert!(!index.join("web").is_symlink() && index.join("api").is_symlink());
    den.fails(&["inspect", "web"], 125);
    assert_eq!(inspect(&den, "api", "{{.Id}}"), web);
    // The name again, for another container.
    let other = den.ok(&["create", "--name", "web", "busybox", "true"]);
    assert_eq!(inspect(&den, "web", "{{.Id}}"), other.trim());
    // Forged: "web" leads to api's record, which bears another name.
    let api_link = std::fs::read_link(index.join("api")).expect("api's link");
    std::fs::remove_file(index.join("web")).expect("unlink");
    std::os::unix::fs::symlink(api_link, index.join("web")).expect("forge");
    assert_eq!(inspect(&den, "web", "{{.Id}}"), other.trim());
    // None at all (a container an older den made): the records are read.
    std::fs::remove_file(index.join("api")).expect("unlink");
    assert_eq!(inspect(&den, "api", "{{.Id}}"), web);
    den.ok(&["start", "-a", "api"]);
    // Removal takes the name's link with it; an id prefix finds as before.
    den.ok(&["rm", &other.trim()[..12]]);
    den.ok(&["rm", "api"]);
    den.ok(&["create", "--name", "temp", "busybox", "true"]);
    assert!(index.join("temp").is_symlink());
    den.ok(&["rm", "temp"]);
    assert!(!index.join("temp").is_symlink(), "rm left its link");
    // The forged link, no container's, leads to no record: no container.
    den.fails(&["inspect", "web"], 125);
    den.ok(&["run", "--rm", "--name", "gone", "busybox", "true"]);
    assert!(
        !index.join("gone").is_symlink(),
        "run --rm's removal left its link"
    );
}
