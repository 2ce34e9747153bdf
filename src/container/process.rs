//! Processes den recorded (a supervisor, a container's init), identified by
//! pid *and* start time, so a recycled pid is never mistaken for them, and
//! signalled through pidfds.

use std::os::fd::OwnedFd;

pub use crate::util::proc::{stat_fields, ProcRef};

/// Parse a signal name or number: `TERM`, `SIGTERM`, `sigterm`, `15`.
pub fn parse_signal(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..=64).contains(&n).then_some(n);
    }
    let name = s.to_ascii_uppercase();
    let name = name.strip_prefix("SIG").unwrap_or(&name);
    let n = match name {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "ILL" => 4,
        "TRAP" => 5,
        "ABRT" | "IOT" => 6,
        "BUS" => 7,
        "FPE" => 8,
        "KILL" => 9,
        "USR1" => 10,
        "SEGV" => 11,
        "USR2" => 12,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        "STKFLT" => 16,
        "CHLD" | "CLD" => 17,
        "CONT" => 18,
        "STOP" => 19,
        "TSTP" => 20,
        "TTIN" => 21,
        "TTOU" => 22,
        "URG" => 23,
        "XCPU" => 24,
        "XFSZ" => 25,
        "VTALRM" => 26,
        "PROF" => 27,
        "WINCH" => 28,
        "IO" | "POLL" => 29,
        "PWR" => 30,
        "SYS" => 31,
        // Real-time signals as podman names them: RTMIN (34), RTMIN+N,
        // RTMAX (64), RTMAX-N.
        _ => {
            let offset = |rest: &str, sign: char| -> Option<i32> {
                match rest {
                    "" => Some(0),
                    r => r.strip_prefix(sign)?.parse::<i32>().ok(),
                }
            };
            let n = match name.strip_prefix("RTMIN") {
                Some(rest) => 34 + offset(rest, '+')?,
                None => 64 - offset(name.strip_prefix("RTMAX")?, '-')?,
            };
            return (34..=64).contains(&n).then_some(n);
        }
    };
    Some(n)
}

/// Pidfds of a container's processes, its init first, the others looked
/// for only if the init cannot be joined (for joining its namespaces: see
/// `runtime::exec::join`).
pub fn member_pidfds(init: &ProcRef) -> crate::runtime::exec::Members {
    crate::runtime::exec::Members::new(init.pidfd(), init.pid, descendant_pidfds)
}

/// Pidfds of the descendants of `init` (not its own).
fn descendant_pidfds(init: i32) -> Vec<OwnedFd> {
    tree(init)
        .into_iter()
        .skip(1)
        .filter_map(|pid| ProcRef::of(pid).and_then(|p| p.pidfd()))
        .collect()
}

/// The processes of a container: its init and all descendants (found by
/// following PPid in /proc/*/status, which anyone may read).
pub fn tree(init: i32) -> Vec<i32> {
    let mut parent_of: Vec<(i32, i32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(status) = std::fs::read_to_string(e.path().join("status")) else {
                continue;
            };
            if let Some(ppid) = status
                .lines()
                .find_map(|l| l.strip_prefix("PPid:"))
                .and_then(|v| v.trim().parse().ok())
            {
                parent_of.push((pid, ppid));
            }
        }
    }
    descendants(&parent_of, init)
}

/// `init` and its descendants, from `(pid, parent)` pairs; each pid once,
/// so a loop (pids reused while /proc was read) ends.
pub fn descendants(parent_of: &[(i32, i32)], init: i32) -> Vec<i32> {
    let mut children: std::collections::BTreeMap<i32, Vec<i32>> = Default::default();
    for (pid, ppid) in parent_of {
        children.entry(*ppid).or_default().push(*pid);
    }
    let mut seen = std::collections::BTreeSet::from([init]);
    let mut out = vec![init];
    let mut i = 0;
    while i < out.len() {
        for c in children.get(&out[i]).into_iter().flatten() {
            if seen.insert(*c) {
                out.push(*c);
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_by_name_and_number() {
        assert_eq!(parse_signal("TERM"), Some(15));
        assert_eq!(parse_signal("sigkill"), Some(9));
        assert_eq!(parse_signal("SIGRTMIN+2"), Some(36));
        assert_eq!(parse_signal("9"), Some(9));
        assert_eq!(parse_signal("0"), None);
        assert_eq!(parse_signal("BOGUS"), None);
    }

    #[test]
    fn this_process_is_alive_and_a_wrong_start_time_is_not() {
        let me = ProcRef::current();
        assert!(me.alive());
        assert!(!ProcRef {
            start: me.start + 1,
            ..me
        }
        .alive());
    }
}
