//! What a container's cgroup says it uses: `stats` prefers these to the
//! sums over its processes where the controller is there.

use std::path::Path;

/// One reading of a cgroup; None where its controller is not enabled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// CPU time, nanoseconds (`cpu.stat` usage_usec, always there).
    pub cpu_ns: Option<u64>,
    /// The part of it in the kernel (system_usec).
    pub cpu_sys_ns: Option<u64>,
    /// Bytes in use (`memory.current`).
    pub memory: Option<u64>,
    /// The memory limit (`memory.max`; None for `max`).
    pub memory_limit: Option<u64>,
    /// Processes (`pids.current`).
    pub pids: Option<u64>,
}

fn number(dir: &Path, file: &str) -> Option<u64> {
    std::fs::read_to_string(dir.join(file))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A `key value` line of a flat-keyed cgroup file.
pub fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok())?
    })
}

/// Read the cgroup `dir`.
pub fn read(dir: &Path) -> Usage {
    let cpu = std::fs::read_to_string(dir.join("cpu.stat")).unwrap_or_default();
    Usage {
        cpu_ns: keyed(&cpu, "usage_usec").map(|us| us * 1000),
        cpu_sys_ns: keyed(&cpu, "system_usec").map(|us| us * 1000),
        memory: number(dir, "memory.current"),
        memory_limit: number(dir, "memory.max"),
        pids: number(dir, "pids.current"),
    }
}

/// How many times the kernel's OOM killer has killed in `dir` (None:
/// no memory controller there).
pub fn oom_kills(dir: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(dir.join("memory.events")).ok()?;
    keyed(&text, "oom_kill")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_files() {
        let t = "usage_usec 1234\nuser_usec 1000\nsystem_usec 234\n";
        assert_eq!(keyed(t, "usage_usec"), Some(1234));
        assert_eq!(keyed(t, "user"), None);
        let events = "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n";
        assert_eq!(keyed(events, "oom_kill"), Some(1));
    }
}
