//! `stats`: what a container uses, from its cgroup's files where it has
//! a cgroup with the controller (`cpu.stat`, `memory.current`,
//! `pids.current`, `memory.max`), and otherwise from the processes
//! themselves, so it works on every host (podman's rootless stats need
//! cgroup v2). One pass over /proc finds every container's
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
    /// The part of it spent in the kernel.
    pub cpu_sys_ns: u64,
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
    /// Its own CPU ticks and those of its children it has waited for.
    cpu_ticks: u64,
    /// The part of them spent in the kernel.
    sys_ticks: u64,
    threads: u64,
    /// Its pid namespace (none where den may not look).
    pidns: Option<std::path::PathBuf>,
}

fn read_proc(pid: i32) -> Option<Proc> {
    let f = crate::container::process::stat_fields(pid)?;
    let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok());
    // state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14) ... num_threads(17)
    Some(Proc {
        ppid: f.get(1)?.parse().ok()?,
        cpu_ticks: num(11)? + num(12)? + num(13).unwrap_or(0) + num(14).unwrap_or(0),
        sys_ticks: num(12)? + num(14).unwrap_or(0),
        threads: num(17)?,
        pidns: std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok(),
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

/// A container's processes: those in its init's pid namespace (`exec`'s
/// too, whose parent is outside), else `init` and its descendants.
fn members(procs: &BTreeMap<i32, Proc>, init: i32) -> Vec<i32> {
    if let Some(ns) = procs.get(&init).and_then(|p| p.pidns.as_ref()) {
        return procs
            .iter()
            .filter(|(_, p)| p.pidns.as_ref() == Some(ns))
            .map(|(pid, _)| *pid)
            .collect();
    }
    let pairs: Vec<(i32, i32)> = procs.iter().map(|(pid, p)| (*pid, p.ppid)).collect();
    crate::container::process::descendants(&pairs, init)
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

/// Storage bytes of the processes den may read (none: of no process).
fn io_of(pids: &[i32]) -> Option<(u64, u64)> {
    let mut read = 0;
    let mut written = 0;
    let mut any = false;
    for pid in pids {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/io")) else {
            continue;
        };
        any = true;
        let field = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(k))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        read += field("read_bytes:");
        written += field("write_bytes:");
    }
    any.then_some((read, written))
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
    let taken = Instant::now();
    let ticks = rustix::param::clock_ticks_per_second().max(1);
    let limit = host_memory();
    let now = chrono::Utc::now();
    let mut out = Vec::new();
    for c in chosen {
        // One removed meanwhile is left out.
        let Ok(st) = containers.live_state(&c.id) else {
            continue;
        };
        let running = st.active() && st.init.pid > 0 && st.init.alive();
        if !running && names.is_empty() && !all {
            continue;
        }
        let mut s = Sample {
            id: c.id.clone(),
            name: c.name.clone(),
            running,
            cpu_ns: 0,
            cpu_sys_ns: 0,
            mem: 0,
            mem_limit: limit,
            net: None,
            block: None,
            pids: 0,
            uptime: Duration::ZERO,
            taken,
        };
        if running {
            let members = members(&procs, st.init.pid);
            for pid in &members {
                if let Some(p) = procs.get(pid) {
                    s.cpu_ns += p.cpu_ticks * 1_000_000_000 / ticks;
                    s.cpu_sys_ns += p.sys_ticks * 1_000_000_000 / ticks;
                    s.pids += p.threads;
                }
                s.mem += memory_of(*pid);
            }
            s.net = net_of(st.init.pid);
            s.block = io_of(&members);
            // The cgroup counts what the sums miss (processes that ended
            // unwaited-for, the kernel's memory for it).
            if let Some(u) = st.cgroup.as_deref().map(crate::cgroups::usage::read) {
                if let (Some(cpu), Some(sys)) = (u.cpu_ns, u.cpu_sys_ns) {
                    s.cpu_ns = cpu;
                    s.cpu_sys_ns = sys;
                }
                s.mem = u.memory.unwrap_or(s.mem);
                if let Some(m) = u.memory_limit.filter(|m| limit == 0 || *m < limit) {
                    s.mem_limit = m;
                }
                s.pids = u.pids.unwrap_or(s.pids);
            }
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
        let proc = |ppid| Proc {
            ppid,
            cpu_ticks: 0,
            sys_ticks: 0,
            threads: 1,
            pidns: None,
        };
        let mut procs = BTreeMap::new();
        procs.insert(10, proc(1));
        procs.insert(11, proc(10));
        procs.insert(12, proc(11));
        procs.insert(13, proc(1));
        // A loop (pids reused mid-scan) ends.
        procs.insert(14, proc(15));
        procs.insert(15, proc(14));
        assert_eq!(members(&procs, 10), [10, 11, 12]);
        assert_eq!(members(&procs, 14), [14, 15]);
        assert_eq!(kb_field("Pss:   12 kB\n", "Pss:"), Some(12 * 1024));
    }
}
