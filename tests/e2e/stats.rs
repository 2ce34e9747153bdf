//! `den stats` without cgroups (this host has none delegated): CPU,
//! memory, processes and network bytes read from the containers'
//! processes, moving when the containers work.

use std::io::BufRead;

use crate::common::*;

fn sample(den: &Den, names: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["stats", "--no-stream", "--format", "json"];
    args.extend_from_slice(names);
    serde_json::from_str::<Vec<serde_json::Value>>(&den.ok(&args)).expect("stats json")
}

fn percent(v: &serde_json::Value) -> f64 {
    v.as_str()
        .and_then(|s| s.trim_end_matches('%').parse().ok())
        .unwrap_or_else(|| panic!("a percentage: {v}"))
}

#[test]
fn stats_report_what_containers_use_without_cgroups() {
    let (_reg, den) = ready();
    let port = host_server();
    den.ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ]);
    den.ok(&[
        "run",
        "-d",
        "--name",
        "idle",
        "--user",
        "1000",
        "busybox",
        "sh",
        "-c",
        "sleep 300 & sleep 300 & wait",
    ]);
    let fetch = format!("wget -q -O /dev/null http://host.containers.internal:{port}/; sleep 300");
    den.ok(&["run", "-d", "--name", "net", "busybox", "sh", "-c", &fetch]);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let s = sample(&den, &["busy", "idle", "net"]);
    assert_eq!(s.len(), 3, "{s:?}");
    let (busy, idle, net) = (&s[0], &s[1], &s[2]);
    assert_eq!(busy["name"], "busy");
    assert!(percent(&busy["cpu_percent"]) > 20.0, "{busy}");
    assert!(percent(&idle["cpu_percent"]) < 5.0, "{idle}");
    // Three processes, memory of a container running as another user too.
    assert_eq!(idle["pids"], "3");
    for c in [busy, idle] {
        let used = c["mem_usage"].as_str().expect("mem");
        assert!(!used.starts_with("0B"), "{c}");
    }
    // The download moved bytes in through the container's own network.
    let rx = net["net_io"]
        .as_str()
        .expect("net")
        .split(" / ")
        .next()
        .expect("rx")
        .to_string();
    assert_ne!(rx, "0B", "{net}");
    // CPU time grows while the container works.
    let cpu = |v: &serde_json::Value| v["cpu_time"].as_str().expect("cpu").to_string();
    let first = cpu(busy);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_ne!(cpu(&sample(&den, &["busy"])[0]), first);
    // The table, a template, and streaming samples.
    let table = den.ok(&["stats", "--no-stream"]);
    assert!(
        table.starts_with("ID") && table.contains("MEM USAGE / LIMIT") && table.contains("busy"),
        "{table}"
    );
    let names = den.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}}:{{.PIDs}}",
        "idle",
    ]);
    assert_eq!(names, "idle:3\n");
    let mut child = den
        .cmd(&[
            "stats",
            "--interval",
            "1",
            "--format",
            "{{.Name}} {{.CPUPerc}}",
            "busy",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("stats");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    for _ in 0..2 {
        let l = lines.next().expect("a sample").expect("read");
        let p: f64 = l
            .split_whitespace()
            .nth(1)
            .expect("cpu")
            .trim_end_matches('%')
            .parse()
            .expect("percent");
        assert!(l.starts_with("busy ") && p > 20.0, "{l}");
    }
    let _ = child.kill();
    let _ = child.wait();
    // Stopped containers: only with --all, and with nothing measured.
    den.ok(&["stop", "-t", "0", "idle"]);
    let running: Vec<String> = sample(&den, &[])
        .iter()
        .map(|v| v["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!running.contains(&"idle".to_string()), "{running:?}");
    let all = den.ok(&[
        "stats",
        "--no-stream",
        "--all",
        "--format",
        "{{.Name}} {{.CPUPerc}}",
    ]);
    assert!(all.lines().any(|l| l == "idle --"), "{all}");
    // A process may name itself with bytes that are not UTF-8: it is still
    // counted, and the container still stops and goes.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "odd",
        "busybox",
        "sh",
        "-c",
        "printf '\\377' > /proc/$$/comm; sleep 300 & wait",
    ]);
    wait_for("its two processes", || {
        sample(&den, &["odd"])[0]["pids"] == "2"
    });
    // Work started by `exec` counts too (its parent is outside).
    den.ok(&["exec", "-d", "odd", "sh", "-c", "while :; do :; done"]);
    // (An average over the container's life: it rises while the loop runs.)
    wait_for("the loop's CPU time", || {
        percent(&sample(&den, &["odd"])[0]["cpu_percent"]) > 20.0
    });
    den.ok(&["rm", "-f", "odd"]);
    assert_eq!(den.ok(&["ps", "-a", "-q", "--filter", "name=odd"]), "");
    let left: Vec<_> = user_processes()
        .into_iter()
        .filter(|(_, a)| a.contains("sleep 300") && a.contains("printf"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let err = den.fails(&["stats", "--no-stream", "nosuch"], 125);
    assert!(err.starts_with("den: error:"), "{err}");
    den.ok(&["rm", "-f", "busy", "idle", "net"]);
}
