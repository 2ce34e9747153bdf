//! Subordinate id ranges (/etc/subuid, /etc/subgid) and the id maps built
//! from them.

use std::path::{Path, PathBuf};

use crate::config::env;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// One line of an id map: `inside outside count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRange {
    #[serde(rename = "container_id")]
    pub inside: u32,
    #[serde(rename = "host_id")]
    pub outside: u32,
    #[serde(rename = "size")]
    pub count: u32,
}

/// The uid and gid maps for den's user namespace.
#[derive(Debug, Clone, Serialize)]
pub struct IdMaps {
    pub uid: Vec<IdRange>,
    pub gid: Vec<IdRange>,
    /// No subordinate ranges: only the user's own id is mapped.
    pub single: bool,
}

/// The current user's name, from /etc/passwd (`None` if absent).
pub fn user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() > 2 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
    })
}

/// The ranges of `file` (/etc/subuid format) that belong to `name` or `id`.
pub fn subordinate_ranges(text: &str, name: Option<&str>, id: u32) -> Vec<(u32, u32)> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.trim().split(':');
            let (owner, start, count) = (f.next()?, f.next()?, f.next()?);
            if Some(owner) != name && owner.parse() != Ok(id) {
                return None;
            }
            Some((start.parse().ok()?, count.parse().ok()?))
        })
        .filter(|&(_, count)| count > 0)
        .collect()
}

fn read_ranges(path: &Path, name: Option<&str>, id: u32) -> Result<Vec<(u32, u32)>> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(subordinate_ranges(&t, name, id)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Container root maps to the user; ids 1.. map to the subordinate ranges.
fn build(own: u32, ranges: &[(u32, u32)]) -> Vec<IdRange> {
    let mut map = vec![IdRange {
        inside: 0,
        outside: own,
        count: 1,
    }];
    let mut next = 1u32;
    for &(start, count) in ranges {
        map.push(IdRange {
            inside: next,
            outside: start,
            count,
        });
        next = next.saturating_add(count);
    }
    map
}

/// The maps for the current user from /etc/subuid and /etc/subgid.
pub fn host_maps() -> Result<IdMaps> {
    let uid = rustix::process::getuid().as_raw();
    let gid = rustix::process::getgid().as_raw();
    let name = user_name(uid);
    let file = |var: &str, default: &str| {
        env::var(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    let subuid = read_ranges(
        &file(env::DEN_SUBUID_FILE, "/etc/subuid"),
        name.as_deref(),
        uid,
    )?;
    let subgid = read_ranges(
        &file(env::DEN_SUBGID_FILE, "/etc/subgid"),
        name.as_deref(),
        uid,
    )?;
    let single = subuid.is_empty() || subgid.is_empty();
    Ok(IdMaps {
        uid: build(uid, if single { &[] } else { &subuid }),
        gid: build(gid, if single { &[] } else { &subgid }),
        single,
    })
}

/// This process's uid as the host knows it (inside den's user namespace,
/// where it is 0, from the namespace's map).
pub fn host_uid() -> u32 {
    let uid = rustix::process::getuid().as_raw();
    std::fs::read_to_string("/proc/self/uid_map")
        .ok()
        .and_then(|m| {
            m.lines().find_map(|l| {
                let f: Vec<u64> = l
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (f.len() == 3 && (f[0]..f[0] + f[2]).contains(&u64::from(uid)))
                    .then(|| (f[1] + u64::from(uid) - f[0]) as u32)
            })
        })
        .unwrap_or(uid)
}

/// The size of range den proposes (as useradd gives).
pub const RANGE_SIZE: u32 = 65536;

/// The first range of [`RANGE_SIZE`] ids, from 100000 on and aligned to
/// its size, that overlaps no range of any user in `subuid` or `subgid`
/// (their texts): one that is safe to give a user, as two users sharing
/// subordinate ids can reach each other's files.
pub fn free_range(subuid: &str, subgid: &str) -> (u32, u32) {
    let taken: Vec<(u64, u64)> = [subuid, subgid]
        .iter()
        .flat_map(|t| t.lines())
        .filter_map(|line| {
            let mut f = line.trim().split(':');
            let (_, start, count) = (f.next()?, f.next()?, f.next()?);
            let start: u64 = start.parse().ok()?;
            Some((start, start + count.parse::<u64>().ok()?))
        })
        .collect();
    let size = u64::from(RANGE_SIZE);
    let mut start = 100_000u64;
    while taken.iter().any(|&(a, b)| start < b && a < start + size) {
        start = start.div_ceil(size) * size + if start.is_multiple_of(size) { size } else { 0 };
    }
    (start as u32, (start + size - 1) as u32)
}

/// What the current user lacks in /etc/subuid and /etc/subgid (`None`:
/// nothing), and the command that gives it a free range.
pub fn missing_ranges() -> Option<(String, String)> {
    let uid = rustix::process::getuid().as_raw();
    let name = user_name(uid).unwrap_or_else(|| uid.to_string());
    let text = |var: &str, default: &str| {
        let p = env::var(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default));
        std::fs::read_to_string(p).unwrap_or_default()
    };
    let (su, sg) = (
        text(env::DEN_SUBUID_FILE, "/etc/subuid"),
        text(env::DEN_SUBGID_FILE, "/etc/subgid"),
    );
    let no_uid = subordinate_ranges(&su, Some(&name), uid).is_empty();
    let no_gid = subordinate_ranges(&sg, Some(&name), uid).is_empty();
    // Free in the system's files too (the variables only narrow what den uses).
    let system = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let (lo, hi) = free_range(
        &format!("{su}\n{}", system("/etc/subuid")),
        &format!("{sg}\n{}", system("/etc/subgid")),
    );
    let (what, flags) = match (no_uid, no_gid) {
        (false, false) => return None,
        (true, true) => (
            "in /etc/subuid and /etc/subgid".to_string(),
            format!("--add-subuids {lo}-{hi} --add-subgids {lo}-{hi}"),
        ),
        (true, false) => ("in /etc/subuid".into(), format!("--add-subuids {lo}-{hi}")),
        (false, true) => ("in /etc/subgid".into(), format!("--add-subgids {lo}-{hi}")),
    };
    Some((
        format!("no subordinate id range for {name} {what}"),
        format!("sudo usermod {flags} {name}"),
    ))
}

/// Whether `uid` is mapped in the current user namespace.
pub fn is_mapped_uid(uid: u32) -> bool {
    let Ok(text) = std::fs::read_to_string("/proc/self/uid_map") else {
        return false;
    };
    text.lines().any(|l| {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        f.len() == 3 && (f[0]..f[0] + f[2]).contains(&(uid as u64))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_range_overlaps_no_one() {
        assert_eq!(free_range("", ""), (100_000, 165_535));
        let su = "alice:100000:65536\nbob:165536:65536\n";
        assert_eq!(free_range(su, ""), (262_144, 327_679));
        // A range in subgid only counts too; an odd one shifts the search.
        let sg = "carol:262144:10\n";
        assert_eq!(free_range(su, sg), (327_680, 393_215));
        assert_eq!(free_range("dan:100000:1\n", ""), (131_072, 196_607));
    }

    #[test]
    fn ranges_by_name_or_id() {
        let text = "alice:100000:65536\n1001:200000:1000\nbob:300000:0\n";
        assert_eq!(
            subordinate_ranges(text, Some("alice"), 1000),
            vec![(100000, 65536)]
        );
        assert_eq!(
            subordinate_ranges(text, Some("carol"), 1001),
            vec![(200000, 1000)]
        );
        assert!(subordinate_ranges(text, Some("bob"), 5).is_empty());
    }

    #[test]
    fn map_puts_root_on_the_user() {
        let m = build(1000, &[(100000, 65536)]);
        assert_eq!(
            m[0],
            IdRange {
                inside: 0,
                outside: 1000,
                count: 1
            }
        );
        assert_eq!(
            m[1],
            IdRange {
                inside: 1,
                outside: 100000,
                count: 65536
            }
        );
    }
}
