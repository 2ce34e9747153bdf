//! The `process` group of a container spec: how the container's processes
//! start (umask, extra groups, personality, OOM score, a time limit, kept
//! descriptors) and the files den writes for them (/dev/shm's size,
//! /etc/hosts, /etc/localtime, /etc/passwd entries), beside what the image
//! says.

use std::path::PathBuf;

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// How the container's processes start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProcessSpec {
    /// `--umask`: octal, at most 0777 (none: 0022).
    pub umask: Option<String>,
    /// `--group-add`: groups (names in the container's /etc/group, or
    /// numbers) the processes get besides the user's; `keep-groups`: the
    /// caller's own supplementary groups instead.
    pub group_add: Vec<String>,
    /// `--personality`: LINUX or LINUX32 (the execution domain).
    pub personality: Option<String>,
    /// `--oom-score-adj`: -1000 to 1000 (unprivileged, only raising it works).
    pub oom_score_adj: Option<i32>,
    /// `--timeout`: seconds the command may run; then it is killed.
    pub timeout: Option<u64>,
    /// `--shm-size`: the size of /dev/shm in bytes (none: 64 MiB).
    pub shm_size: Option<u64>,
    /// `--no-hosts`: leave the image's /etc/hosts as it is.
    pub no_hosts: bool,
    /// `--tz`: `local` (the host's zone) or an Area/City name; none: the image's.
    pub tz: Option<String>,
    /// `--passwd=false`: add no /etc/passwd entry for a user the image lacks.
    pub no_passwd: bool,
    /// `--passwd-entry`: the line added for such a user, with $USERNAME,
    /// $UID, $GID, $NAME and $HOME replaced.
    pub passwd_entry: Option<String>,
    /// `--hostuser`: host users (names or uids) added to /etc/passwd.
    pub hostusers: Vec<String>,
    /// `--init-path`: a host program bound in and run as PID 1 before the
    /// command (with `--init`).
    pub init_path: Option<PathBuf>,
    /// `--preserve-fds N`: the caller's descriptors 3 to 3+N-1 passed on.
    pub preserve_fds: u32,
}

/// `--umask` as a number.
/// podman's: one to four octal digits (the kernel keeps the last three).
pub fn parse_umask(s: &str) -> Result<u32> {
    match u32::from_str_radix(s, 8) {
        Ok(n) if (1..=4).contains(&s.len()) && s.bytes().all(|b| (b'0'..=b'7').contains(&b)) => {
            Ok(n & 0o777)
        }
        _ => bail!("invalid umask {s:?} (give up to four octal digits, like 0022)"),
    }
}

/// `--personality` as the value personality(2) takes.
pub fn parse_personality(s: &str) -> Result<u64> {
    match s {
        "LINUX" => Ok(0),
        "LINUX32" => Ok(8),
        _ => bail!("invalid personality {s:?} (den knows LINUX and LINUX32)"),
    }
}

impl ProcessSpec {
    pub(super) fn validate(&self) -> Result<()> {
        if let Some(u) = &self.umask {
            parse_umask(u)?;
        }
        if let Some(p) = &self.personality {
            parse_personality(p)?;
        }
        if let Some(o) = self.oom_score_adj {
            if !(-1000..=1000).contains(&o) {
                bail!("invalid --oom-score-adj {o} (give -1000 to 1000)");
            }
        }
        if self.timeout == Some(0) {
            bail!("--timeout 0 would kill the container at once (give seconds above 0, or leave it out)");
        }
        if self.shm_size == Some(0) {
            bail!("--shm-size 0 leaves no /dev/shm (give a size like 64m)");
        }
        for g in &self.group_add {
            if g.is_empty() || g.contains([':', '\n']) {
                bail!("invalid --group-add {g:?} (give a group name or number)");
            }
        }
        if self.group_add.len() > 1 && self.group_add.iter().any(|g| g == "keep-groups") {
            bail!("the 'keep-groups' option is not allowed with any other --group-add options");
        }
        if let Some(tz) = &self.tz {
            crate::runtime::etcfiles::zone_file(tz)?;
        }
        if let Some(e) = &self.passwd_entry {
            if e.contains('\n') || e.split(':').count() != 7 {
                bail!("invalid --passwd-entry {e:?} (give one passwd line of 7 fields, like $USERNAME:*:$UID:$GID:$NAME:$HOME:/bin/sh)");
            }
        }
        if let Some(p) = &self.init_path {
            if !p.is_absolute() {
                bail!("--init-path {} must be an absolute path", p.display());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umask_and_personality_values() {
        assert_eq!(parse_umask("0022").ok(), Some(0o22));
        assert_eq!(parse_umask("777").ok(), Some(0o777));
        assert_eq!(parse_umask("1777").ok(), Some(0o777));
        for bad in ["", "0999", "01777", "-1", "abc", "+1"] {
            assert!(parse_umask(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_personality("LINUX32").ok(), Some(8));
        assert!(parse_personality("linux64").is_err());
        let bad = ProcessSpec {
            group_add: vec!["keep-groups".into(), "wheel".into()],
            ..Default::default()
        };
        assert!(bad.validate().is_err());
        let entry = ProcessSpec {
            passwd_entry: Some("$USERNAME:x:$UID".into()),
            ..Default::default()
        };
        assert!(entry.validate().is_err());
    }
}
