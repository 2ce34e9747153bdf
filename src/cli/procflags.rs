//! The `run`/`create` flags of how the container's processes start and
//! the files den gives them: `--umask`, `--group-add`, `--personality`,
//! `--oom-score-adj`, `--timeout`, `--shm-size`, `--no-hosts`, `--tz`,
//! `--passwd`, `--passwd-entry`, `--hostuser`, `--init-path`,
//! `--preserve-fds`, and the environment ones (`--env-host`,
//! `--env-merge`, `--http-proxy`).

use anyhow::{Context, Result};
use clap::Args;

use crate::engine::spec::process::ProcessSpec;

#[derive(Debug, Args, Clone, Default)]
pub struct ProcessArgs {
    /// Umask of the container's processes (octal; default 0022)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Extra groups for the container's processes (names in the container's
    /// /etc/group, or numbers); keep-groups keeps your own groups
    #[arg(long, value_name = "GROUP", value_delimiter = ',')]
    pub group_add: Vec<String>,
    /// Execution domain: LINUX, or LINUX32 (uname -m says i686)
    #[arg(long, value_name = "PERSONA")]
    pub personality: Option<String>,
    /// Adjust the container's OOM score (-1000..1000; without privileges
    /// only upwards)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Kill the container after this many seconds
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// Size of /dev/shm (64m, 1g; default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Leave the image's /etc/hosts as it is (den writes none)
    #[arg(long)]
    pub no_hosts: bool,
    /// Time zone: local (the host's), or a zone like Europe/Berlin
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Add an /etc/passwd entry for a --user the image lacks (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub passwd: bool,
    /// The /etc/passwd entry added for such a user ($USERNAME, $UID, $GID,
    /// $NAME and $HOME are replaced)
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Add a host user (name or uid) to the container's /etc/passwd
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// Run this host program as PID 1 (with --init; bound at /run/podman-init)
    #[arg(long, value_name = "PATH")]
    pub init_path: Option<std::path::PathBuf>,
    /// Pass den's descriptors 3 to 3+N-1 on to the command
    #[arg(long, value_name = "N", default_value = "0")]
    pub preserve_fds: u32,
    /// Give the container a secret (see den secret): NAME[,type=mount|env]
    /// [,target=PATH|VAR][,uid=N][,gid=N][,mode=M]; a file under
    /// /run/secrets by default
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// The image's VOLUMEs: bind (anonymous volumes, the default), tmpfs, ignore
    #[arg(long, value_name = "MODE")]
    pub image_volume: Option<String>,
    /// Seccomp profile: default (den's), or image (the image's
    /// io.containers.seccomp.profile label, where it has one)
    #[arg(long, value_name = "POLICY")]
    pub seccomp_policy: Option<String>,
    /// systemd mode: true (when the command is an init or systemd), false,
    /// always: tmpfs on /run, /run/lock, /tmp, /var/log/journal, stop
    /// signal RTMIN+3, container_uuid
    #[arg(long, value_name = "MODE")]
    pub systemd: Option<String>,
    /// A directory inside the container treated as a chroot: it gets
    /// /etc/hosts, resolv.conf and hostname too
    #[arg(long, value_name = "DIR")]
    pub chrootdirs: Vec<String>,
    /// Pass den's whole environment into the container
    #[arg(long)]
    pub env_host: bool,
    /// Merge a variable with the image's: PATH=/opt/bin:${PATH}
    #[arg(long, value_name = "KEY=VALUE")]
    pub env_merge: Vec<String>,
    /// Pass den's proxy variables (http_proxy, https_proxy, ftp_proxy,
    /// no_proxy, upper case too) into the container (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub http_proxy: bool,
}

/// The proxy variables `--http-proxy` passes on, as podman's.
const PROXY_VARS: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "ftp_proxy",
    "FTP_PROXY",
    "no_proxy",
    "NO_PROXY",
];

impl ProcessArgs {
    pub fn to_spec(&self) -> Result<ProcessSpec> {
        Ok(ProcessSpec {
            umask: self.umask.clone(),
            group_add: self.group_add.clone(),
            personality: self.personality.clone(),
            oom_score_adj: self.oom_score_adj,
            timeout: self.timeout,
            shm_size: self
                .shm_size
                .as_deref()
                .map(|s| {
                    crate::util::human::parse_ram(s)
                        .with_context(|| format!("invalid --shm-size {s:?} (give a size like 64m)"))
                })
                .transpose()?,
            no_hosts: self.no_hosts,
            tz: self.tz.clone(),
            no_passwd: !self.passwd,
            passwd_entry: self.passwd_entry.clone(),
            hostusers: self.hostuser.clone(),
            init_path: self.init_path.clone(),
            preserve_fds: self.preserve_fds,
            image_volume: self.image_volume.clone(),
            seccomp_policy: self.seccomp_policy.clone(),
            systemd: self.systemd.clone(),
            chrootdirs: self.chrootdirs.clone(),
            init_ctr: None,
            secrets: self
                .secret
                .iter()
                .map(|s| crate::engine::spec::process::parse_secret(s))
                .collect::<Result<_>>()?,
        })
    }

    /// The variables these flags add under the ones given with -e and
    /// --env-file (which come after, and win): den's proxy variables,
    /// then with --env-host all of den's environment.
    pub fn env_defaults(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.http_proxy {
            for k in PROXY_VARS {
                if let Ok(v) = std::env::var(k) {
                    out.push(format!("{k}={v}"));
                }
            }
        }
        if self.env_host {
            for (k, v) in std::env::vars() {
                out.push(format!("{k}={v}"));
            }
        }
        out
    }
}
