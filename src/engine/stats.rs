//! `stats` without cgroups: what a container's processes use, read from
//! the processes themselves, so it works on every host (podman's rootless
//! stats need cgroup v2). One pass over /proc finds every container's
//! processes (its init and their descendants); CPU time is their
//! `utime + stime`, memory the sum of their proportional set sizes
//! (`smaps_rollup`: den's user owns their user namespace, so it may read
//! them), network bytes come from the init's network namespace, block
//! I/O from `/proc/PID/io` where it may be read.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::config::paths::Paths;
use crate::container::Containers;

/// What one container uses at one moment.
#[derive(Debug, Clone)]
pub struct Sample {
    pub id: String,
    pub name: String,
    pub running: bool,
    /// CPU time of all its processes, in nanoseconds.
    pub cpu_ns: u64,
    /// Proportional set size of its processes, in bytes.
    pub mem: u64,
    /// What memory it may use (the host's, without a cgroup limit).
    pub mem_limit: u64,
    /// Bytes received and sent on its network interfaces (loopback aside).
    pub net: Option<(u64, u64)>,
    /// Bytes read and written to storage, where the kernel tells den.
    pub block: Option<(u64, u64)>,
    /// Tasks (threads) of its processes.
    pub pids: u64,
    /// Time since it started.
    pub uptime: Duration,
    pub taken: Instant,
}

/// One process as /proc/PID/stat has it.
struct Proc {
    ppid: i32,
    cpu_ticks: u64,
    threads: u64,
}

fn read_proc(pid: i32) -> Option<Proc> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command may hold spaces and parentheses: fields follow the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // state(0) ppid(1) ... utime(11) stime(12) ... num_threads(17)
    Some(Proc {
        ppid: f.get(1)?.parse().ok()?,
        cpu_ticks: f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?,
        threads: f.get(17)?.parse().ok()?,
    })
}

/// Every process of the host, by pid.
fn all_procs() -> BTreeMap<i32, Proc> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            if let Some(p) = read_proc(pid) {
                out.insert(pid, p);
            }
        }
    }
    out
}

/// `init` and its descendants.
fn tree(procs: &BTreeMap<i32, Proc>, init: i32) -> Vec<i32> {
    let mut children: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (pid, p) in procs {
        children.entry(p.ppid).or_default().push(*pid);
    }
    let mut out = vec![init];
    let mut i = 0;
    while i < out.len() {
        if let Some(c) = children.get(&out[i]) {
            out.extend(c);
        }
        i += 1;
    }
    out
}

/// A `Key:   N kB` line of a /proc file, in bytes.
fn kb_field(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map(|kb| kb * 1024)
}

fn memory_of(pid: i32) -> u64 {
    match std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
        Ok(t) => kb_field(&t, "Pss:").unwrap_or(0),
        // Where it may not be read: the resident set instead.
        Err(_) => std::fs::read_to_string(format!("/proc/{pid}/statm"))
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |pages| pages * rustix::param::page_size() as u64),
    }
}

/// Received and sent bytes of the network namespace `pid` is in.
fn net_of(pid: i32) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/net/dev")).ok()?;
    let mut rx = 0;
    let mut tx = 0;
    for line in text.lines().skip(2) {
        let Some((iface, nums)) = line.split_once(':') else {
            continue;
        };
        if iface.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = nums
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        rx += f.first().copied().unwrap_or(0);
        tx += f.get(8).copied().unwrap_or(0);
    }
    Some((rx, tx))
}

fn io_of(pids: &[i32]) -> Option<(u64, u64)> {
    let mut read = 0;
    let mut written = 0;
    for pid in pids {
        let text = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
        let field = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(k))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        read += field("read_bytes:");
        written += field("write_bytes:");
    }
    Some((read, written))
}

fn host_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| kb_field(&t, "MemTotal:"))
        .unwrap_or(0)
}

/// Samples of the containers `names` (none: every running one; with
/// `all`, the stopped ones too), in that order.
pub fn sample(paths: &Paths, names: &[String], all: bool) -> Result<Vec<Sample>> {
    let containers = Containers::new(paths);
    let chosen = if names.is_empty() {
        containers.list()?
    } else {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for n in names {
            let c = containers.find(n)?;
            if seen.insert(c.id.clone()) {
                out.push(c);
            }
        }
        out
    };
    let procs = all_procs();
    let ticks = rustix::param::clock_ticks_per_second().max(1);
    let limit = host_memory();
    let now = chrono::Utc::now();
    let mut out = Vec::new();
    for c in chosen {
        let st = containers.live_state(&c.id)?;
        let running = st.active() && st.init.pid > 0 && st.init.alive();
        if !running && names.is_empty() && !all {
            continue;
        }
        let mut s = Sample {
            id: c.id.clone(),
            name: c.name.clone(),
            running,
            cpu_ns: 0,
            mem: 0,
            mem_limit: limit,
            net: None,
            block: None,
            pids: 0,
            uptime: Duration::ZERO,
            taken: Instant::now(),
        };
        if running {
            let members = tree(&procs, st.init.pid);
            for pid in &members {
                if let Some(p) = procs.get(pid) {
                    s.cpu_ns += p.cpu_ticks * 1_000_000_000 / ticks;
                    s.pids += p.threads;
                }
                s.mem += memory_of(*pid);
            }
            s.net = net_of(st.init.pid);
            s.block = io_of(&members);
            s.uptime = st
                .started_at
                .and_then(|t| (now - t).to_std().ok())
                .unwrap_or_default();
        }
        out.push(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_reads_and_a_tree_includes_children() {
        let me = std::process::id() as i32;
        let p = read_proc(me).expect("own stat");
        assert!(p.threads >= 1);
        let mut procs = BTreeMap::new();
        procs.insert(
            10,
            Proc {
                ppid: 1,
                cpu_ticks: 0,
                threads: 1,
            },
        );
        procs.insert(
            11,
            Proc {
                ppid: 10,
                cpu_ticks: 0,
                threads: 1,
            },
        );
        procs.insert(
            12,
            Proc {
                ppid: 11,
                cpu_ticks: 0,
                threads: 1,
            },
        );
        procs.insert(
            13,
            Proc {
                ppid: 1,
                cpu_ticks: 0,
                threads: 1,
            },
        );
        assert_eq!(tree(&procs, 10), [10, 11, 12]);
        assert_eq!(kb_field("Pss:   12 kB\n", "Pss:"), Some(12 * 1024));
    }
}
