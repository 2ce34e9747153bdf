//! The `process` group of a container spec: how the container's processes
//! start (umask, extra groups, personality, OOM score, a time limit, kept
//! descriptors) and the files den writes for them (/dev/shm's size,
//! /etc/hosts, /etc/localtime, /etc/passwd entries), beside what the image
//! says.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
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
    /// `--secret`: secrets it gets as files or variables.
    pub secrets: Vec<SecretSpec>,
    /// `--image-volume`: the image's VOLUMEs as `bind` (anonymous volumes,
    /// the default), `tmpfs`, or `ignore`d.
    pub image_volume: Option<String>,
    /// `--seccomp-policy`: `default`, or `image` (the profile in the
    /// image's `io.containers.seccomp.profile` label, where it has one).
    pub seccomp_policy: Option<String>,
    /// `--systemd`: `true` (the default: systemd's mounts and stop signal
    /// when the command is an init), `false`, `always`.
    pub systemd: Option<String>,
    /// `--chrootdirs`: directories that get /etc/hosts, resolv.conf and
    /// hostname too.
    pub chrootdirs: Vec<String>,
    /// `--init-ctr`: a pod's init container, `always` or `once`.
    pub init_ctr: Option<String>,
}

/// `--secret NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=M]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretSpec {
    pub name: String,
    /// As a variable, else a file.
    #[serde(default)]
    pub env: bool,
    /// The variable's name, or the file's path (relative: under
    /// /run/secrets); none: the secret's name.
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub uid: u32,
    #[serde(default)]
    pub gid: u32,
    /// The file's mode (none: 0444).
    #[serde(default)]
    pub mode: Option<u32>,
}

/// `--secret`'s value, as podman's.
pub fn parse_secret(s: &str) -> Result<SecretSpec> {
    let mut parts = s.split(',');
    let name = parts.next().unwrap_or_default();
    if name.is_empty() || name.contains('=') {
        bail!("invalid --secret {s:?} (give NAME[,type=mount|env][,target=...][,uid=N][,gid=N][,mode=M])");
    }
    let mut out = SecretSpec {
        name: name.to_string(),
        env: false,
        target: None,
        uid: 0,
        gid: 0,
        mode: None,
    };
    let mut mount_opts = false;
    for kv in parts {
        let (k, v) = kv
            .split_once('=')
            .with_context(|| format!("--secret {s}: {kv:?} is not KEY=VALUE"))?;
        let number = |radix: u32| {
            u32::from_str_radix(v, radix)
                .with_context(|| format!("--secret {s}: {k}={v} is no number"))
        };
        match k {
            "type" => match v {
                "mount" => out.env = false,
                "env" => out.env = true,
                _ => bail!("--secret {s}: type is mount or env"),
            },
            "target" => out.target = Some(v.to_string()),
            "uid" => (out.uid, mount_opts) = (number(10)?, true),
            "gid" => (out.gid, mount_opts) = (number(10)?, true),
            "mode" => (out.mode, mount_opts) = (Some(number(8)?), true),
            _ => bail!("--secret {s}: unknown option {k} (type, target, uid, gid, mode)"),
        }
    }
    if out.env && mount_opts {
        bail!("--secret {s}: uid, gid and mode are for type=mount only");
    }
    if out.mode.is_some_and(|m| m > 0o777) {
        bail!("--secret {s}: mode is up to 0777");
    }
    Ok(out)
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
        if let Some(v) = &self.image_volume {
            if !matches!(v.as_str(), "bind" | "tmpfs" | "ignore") {
                bail!("invalid image volume mode {v:?} required value: bind, tmpfs, ignore");
            }
        }
        if let Some(v) = &self.seccomp_policy {
            if !matches!(v.as_str(), "default" | "image") {
                bail!("invalid seccomp policy {v:?}: valid policies are [\"default\" \"image\"]");
            }
        }
        if let Some(v) = &self.systemd {
            if !matches!(v.as_str(), "true" | "false" | "always") {
                bail!("invalid --systemd {v:?} (use true, false or always)");
            }
        }
        if let Some(v) = &self.init_ctr {
            if !matches!(v.as_str(), "always" | "once") {
                bail!("invalid --init-ctr {v:?} (use always or once)");
            }
        }
        for d in &self.chrootdirs {
            if !d.starts_with('/') || d.split('/').any(|c| c == "..") {
                bail!("--chrootdirs {d}: give an absolute path inside the container");
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
    fn secret_values() {
        let s = parse_secret("db,type=env,target=DB_PASS").expect("env");
        assert!(s.env && s.target.as_deref() == Some("DB_PASS"));
        let s = parse_secret("key,uid=1000,mode=0400").expect("mount");
        assert_eq!((s.uid, s.mode), (1000, Some(0o400)));
        for bad in [
            "",
            "a,type=file",
            "a,type=env,uid=1",
            "a,mode=999",
            "a,what=1",
            "a,uid",
        ] {
            assert!(parse_secret(bad).is_err(), "{bad}");
        }
    }

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
