//! Process attributes a container's processes get just before exec, in
//! the container's init and in `den exec` alike: umask, extra groups,
//! personality, OOM score.
#![allow(unsafe_code)]

use serde::{Deserialize, Serialize};

/// What `--umask`, `--group-add`, `--personality` and `--oom-score-adj`
/// asked for, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcAttrs {
    /// None: 0022.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub umask: Option<u32>,
    /// Group names or numbers besides the user's own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_add: Vec<String>,
    /// `keep-groups`: no setgroups, the caller's groups stay.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keep_groups: bool,
    /// personality(2)'s value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personality: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oom_score_adj: Option<i32>,
}

/// The container's default umask, as podman's.
pub const DEFAULT_UMASK: u32 = 0o022;

/// The extra groups as ids: numbers as they are, names looked up in the
/// container's /etc/group.
pub fn extra_gids(attrs: &ProcAttrs, group_file: &str) -> Result<Vec<u32>, String> {
    attrs
        .group_add
        .iter()
        .map(|g| match g.parse::<u32>() {
            Ok(n) => Ok(n),
            Err(_) => group_file
                .lines()
                .find_map(|l| {
                    let f: Vec<&str> = l.split(':').collect();
                    (f.len() >= 3 && f[0] == g).then(|| f[2].parse::<u32>().ok())?
                })
                .ok_or_else(|| {
                    format!("unable to find group {g}: no matching entries in the container's /etc/group (give its number instead)")
                }),
        })
        .collect()
}

/// The OOM score, while the process may still change it.
pub fn apply_oom_score(attrs: &ProcAttrs) -> Result<(), String> {
    let Some(adj) = attrs.oom_score_adj else {
        return Ok(());
    };
    let current = std::fs::read_to_string("/proc/self/oom_score_adj").unwrap_or_default();
    std::fs::write("/proc/self/oom_score_adj", adj.to_string()).map_err(|e| {
        format!(
            "setting the OOM score adjustment {adj}: {e} (without privileges it can only be raised above the current {})",
            current.trim()
        )
    })
}

/// The umask and personality, last thing before exec.
pub fn apply_before_exec(attrs: &ProcAttrs) -> Result<(), String> {
    let mask = attrs.umask.unwrap_or(DEFAULT_UMASK);
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(mask));
    if let Some(p) = attrs.personality {
        // SAFETY: personality(2) takes a plain integer and changes only
        // this process's execution domain; no memory is passed.
        let r = unsafe { libc::personality(p as libc::c_ulong) };
        if r == -1 {
            return Err(format!(
                "setting the personality: {}",
                std::io::Error::last_os_error()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_groups_by_name_and_number() {
        let attrs = ProcAttrs {
            group_add: vec!["wheel".into(), "1234".into()],
            ..Default::default()
        };
        let groups = "root:x:0:\nwheel:x:10:alice\n";
        assert_eq!(extra_gids(&attrs, groups), Ok(vec![10, 1234]));
        let missing = ProcAttrs {
            group_add: vec!["video".into()],
            ..Default::default()
        };
        assert!(extra_gids(&missing, groups).is_err());
    }
}
