//! The processes of a running container, ps-like (`top`): read from
//! /proc, with ids and names as the container sees them.

use anyhow::{bail, Result};
use std::os::fd::AsFd;

use crate::config::paths::Paths;
use crate::container::{process, Containers};

/// The descriptors shown when none are given.
pub const DEFAULT: &[&str] = &[
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

fn header(d: &str) -> &'static str {
    match d {
        "user" => "USER",
        "pid" => "PID",
        "ppid" => "PPID",
        "pcpu" => "%CPU",
        "etime" => "ELAPSED",
        "tty" => "TTY",
        "time" => "TIME",
        "args" => "COMMAND",
        "comm" => "COMMAND",
        "group" => "GROUP",
        "nice" => "NI",
        "vsz" => "VSZ",
        "rss" => "RSS",
        _ => "?",
    }
}

/// Host id -> container id through a /proc/PID/{uid,gid}_map.
fn to_container_id(map: &str, host: u32) -> u32 {
    for l in map.lines() {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if f.len() == 3 && (f[1]..f[1] + f[2]).contains(&(host as u64)) {
            return (f[0] + host as u64 - f[1]) as u32;
        }
    }
    host
}

fn name_of(file: &str, id: u32) -> String {
    file.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2].parse() == Ok(id)).then(|| f[0].to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

fn duration(secs: f64) -> String {
    let s = secs as u64;
    if s >= 3600 {
        format!("{}h{}m{}s", s / 3600, s % 3600 / 60, s % 60)
    } else if s >= 60 {
        format!("{}m{}s", s / 60, s % 60)
    } else {
        format!("{secs:.3}s")
    }
}

/// The container's processes as rows of the given descriptors (`user`,
/// `pid`, ... ; none: [`DEFAULT`]), the header row first.
pub fn top(paths: &Paths, container: &str, descriptors: &[String]) -> Result<Vec<Vec<String>>> {
    let containers = Containers::new(paths);
    let c = containers.find(container)?;
    let st = containers.live_state(&c.id)?;
    if !st.active() || st.init.pid <= 0 {
        bail!(
            "top can only be used on running containers: {} is {}",
            c.name,
            st.status
        );
    }
    let descriptors: Vec<String> = if descriptors.is_empty() {
        DEFAULT.iter().map(|s| s.to_string()).collect()
    } else {
        descriptors
            .iter()
            .flat_map(|d| d.split(','))
            .map(|d| d.trim_start_matches('-').to_string())
            .collect()
    };
    for d in &descriptors {
        if header(d) == "?" {
            bail!(
                "unsupported top descriptor {d:?} (use {})",
                DEFAULT.join(", ")
            );
        }
    }
    let init = st.init.pid;
    let uid_map = std::fs::read_to_string(format!("/proc/{init}/uid_map")).unwrap_or_default();
    let gid_map = std::fs::read_to_string(format!("/proc/{init}/gid_map")).unwrap_or_default();
    // The container's files, resolved inside its root (an absolute link
    // there must not lead to the host's), small regular files only.
    let root = rustix::fs::open(
        format!("/proc/{init}/root"),
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .ok();
    let read = |p: &str| {
        root.as_ref()
            .and_then(|r| crate::storage::path::read_small_in_root(r.as_fd(), p, 4 << 20))
            .unwrap_or_default()
    };
    let (passwd, group) = (read("etc/passwd"), read("etc/group"));
    let ticks = rustix::param::clock_ticks_per_second() as f64;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0.0);
    let page_kb = rustix::param::page_size() as u64 / 1024;
    let mut rows = vec![descriptors
        .iter()
        .map(|d| header(d).to_string())
        .collect::<Vec<_>>()];
    // Its cgroup knows every process of it (exec's too); without one, the
    // init's descendants.
    let pids = st
        .cgroup
        .as_deref()
        .map(crate::cgroups::pids)
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| process::tree(init));
    for pid in pids {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
        };
        let ns_pids = field("NSpid:");
        let ns_ppid = |host_ppid: &str| -> String {
            std::fs::read_to_string(format!("/proc/{host_ppid}/status"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("NSpid:"))
                        .map(|v| v.split_whitespace().last().unwrap_or("0").to_string())
                })
                .filter(|_| pid != init)
                .unwrap_or_else(|| "0".into())
        };
        let rest: Vec<&str> = stat[stat.rfind(')').map_or(0, |i| i + 2)..]
            .split_whitespace()
            .collect();
        let num = |i: usize| {
            rest.get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let cpu = (num(11) + num(12)) / ticks;
        let elapsed = (uptime - num(19) / ticks).max(0.0);
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args = String::from_utf8_lossy(&cmdline)
            .trim_end_matches('\0')
            .replace('\0', " ");
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .unwrap_or_default()
            .trim()
            .to_string();
        let uid = field("Uid:")
            .get(1)
            .and_then(|u| u.parse().ok())
            .unwrap_or(0);
        let gid = field("Gid:")
            .get(1)
            .and_then(|u| u.parse().ok())
            .unwrap_or(0);
        let row = descriptors
            .iter()
            .map(|d| match d.as_str() {
                "user" => name_of(&passwd, to_container_id(&uid_map, uid)),
                "group" => name_of(&group, to_container_id(&gid_map, gid)),
                "pid" => ns_pids.last().map_or(pid.to_string(), |p| p.to_string()),
                "ppid" => ns_ppid(rest.get(1).copied().unwrap_or("0")),
                "pcpu" => format!(
                    "{:.3}",
                    if elapsed > 0.0 {
                        100.0 * cpu / elapsed
                    } else {
                        0.0
                    }
                ),
                "etime" => duration(elapsed),
                "tty" => "?".into(),
                "time" => duration(cpu).replace(".000s", "s"),
                "args" => {
                    if args.is_empty() {
                        format!("[{comm}]")
                    } else {
                        args.clone()
                    }
                }
                "comm" => comm.clone(),
                "nice" => rest.get(16).unwrap_or(&"0").to_string(),
                "vsz" => (num(20) as u64 / 1024).to_string(),
                "rss" => (num(21) as u64 * page_kb).to_string(),
                _ => String::new(),
            })
            .collect();
        rows.push(row);
    }
    Ok(rows)
}
