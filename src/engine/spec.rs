//! What a container is made from: plain data, the one input of container
//! creation. Flags (`den run`/`create`), and later compose services, kube
//! pods and API requests, are translations into a [`ContainerSpec`]; the
//! engine resolves it against the image and the host
//! ([`super::create`]).
//!
//! Fields are what the user asked for, before the image's defaults fill
//! the gaps (`None`, empty: the image's, or den's). A spec checks itself
//! ([`ContainerSpec::validate`]); each error names its field.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::error::Error;

pub use crate::network::PortMapping;

/// Everything a container is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContainerSpec {
    /// The image: a reference (`busybox`, `host:5000/a/b:tag`, `@sha256:`)
    /// or an image id.
    pub image: String,
    /// The container's name (none: a random one).
    pub name: Option<String>,
    /// Replace an existing container of the same name.
    pub replace: bool,
    /// The entrypoint (none: the image's; empty: none at all).
    pub entrypoint: Option<Vec<String>>,
    /// The command (empty: the image's, unless an entrypoint is given).
    pub command: Vec<String>,
    /// `KEY=VALUE` entries, over the image's.
    pub env: Vec<String>,
    /// The working directory, absolute (none: the image's, else `/`).
    pub workdir: Option<String>,
    /// `user[:group]`, by name or number (none: the image's, else root).
    pub user: Option<String>,
    /// The host name (none: the short id).
    pub hostname: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// Keep stdin open.
    pub interactive: bool,
    /// A pseudo-terminal.
    pub tty: bool,
    /// den's init as PID 1 (forwards signals, reaps orphans).
    pub init: bool,
    /// Remove the container when it exits.
    pub remove: bool,
    pub restart: RestartPolicy,
    /// The signal that stops the container (none: the image's, else TERM).
    pub stop_signal: Option<String>,
    /// Seconds between the stop signal and SIGKILL (none: 10).
    pub stop_timeout: Option<u64>,
    pub log: LogSpec,
    pub network: NetworkSpec,
    pub security: SecuritySpec,
    pub userns: UsernsSpec,
    /// Where to write the container's pid when it starts.
    pub pidfile: Option<PathBuf>,
    /// When to pull the image.
    pub pull: PullPolicy,
    /// The storage driver (none: the best that works).
    pub storage_driver: Option<String>,
    /// The command line (or request) that made the container, for inspect.
    pub create_command: Vec<String>,
}

impl Default for ContainerSpec {
    fn default() -> Self {
        ContainerSpec {
            image: String::new(),
            name: None,
            replace: false,
            entrypoint: None,
            command: Vec::new(),
            env: Vec::new(),
            workdir: None,
            user: None,
            hostname: None,
            labels: BTreeMap::new(),
            interactive: false,
            tty: false,
            init: false,
            remove: false,
            restart: RestartPolicy::default(),
            stop_signal: None,
            stop_timeout: None,
            log: LogSpec::default(),
            network: NetworkSpec::default(),
            security: SecuritySpec::default(),
            userns: UsernsSpec::default(),
            pidfile: None,
            pull: PullPolicy::Missing,
            storage_driver: None,
            create_command: Vec::new(),
        }
    }
}

/// `no`, `on-failure` (with at most `max_retries` restarts, 0: no limit),
/// `always`, `unless-stopped`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RestartPolicy {
    pub policy: String,
    pub max_retries: u32,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            policy: "no".into(),
            max_retries: 0,
        }
    }
}

impl RestartPolicy {
    /// Docker's spelling: `no`, `on-failure[:N]`, `always`, `unless-stopped`.
    pub fn parse(s: &str) -> Result<RestartPolicy> {
        let (policy, max) = match s.split_once(':') {
            Some((p, n)) => (p, Some(n)),
            None => (s, None),
        };
        let max_retries = match max {
            Some(n) => n
                .parse()
                .with_context(|| format!("invalid restart count in {s:?}"))?,
            None => 0,
        };
        let r = RestartPolicy {
            policy: policy.to_string(),
            max_retries,
        };
        r.check()
            .with_context(|| format!("invalid restart policy {s:?}"))?;
        if max.is_some() && policy != "on-failure" {
            bail!("only on-failure takes a retry count ({s:?})");
        }
        Ok(r)
    }

    fn check(&self) -> Result<()> {
        if !matches!(
            self.policy.as_str(),
            "no" | "on-failure" | "always" | "unless-stopped"
        ) {
            bail!(
                "{:?} is no restart policy (use no, on-failure[:N], always or unless-stopped)",
                self.policy
            );
        }
        if self.max_retries > 0 && self.policy != "on-failure" {
            bail!("only on-failure takes a retry count");
        }
        Ok(())
    }
}

/// Where the container's output goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSpec {
    /// `k8s-file` (`json-file` means it too), `none`, `passthrough`.
    pub driver: String,
    /// Rotate past this many bytes (0: never; none: den.conf's `[logs]
    /// max_size`, else 20 MB).
    pub max_size: Option<u64>,
}

impl Default for LogSpec {
    fn default() -> Self {
        LogSpec {
            driver: "k8s-file".into(),
            max_size: None,
        }
    }
}

/// The container's network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkSpec {
    /// `pasta[:OPTS]`, `slirp4netns[:OPTS]`, `host`, `none`, `private`,
    /// `container:NAME`, `bridge`, or names of user-defined networks
    /// (several); empty: the default (pasta, else slirp4netns).
    pub modes: Vec<String>,
    /// Other names on user-defined networks.
    pub aliases: Vec<String>,
    /// The address on a (single) user-defined network.
    pub ip: Option<String>,
    /// Published ports (host port 0: a free one).
    pub publish: Vec<PortMapping>,
    /// Publish every port the image exposes, on free host ports.
    pub publish_all: bool,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `(host, ip)` lines for /etc/hosts.
    pub add_hosts: Vec<(String, String)>,
    pub mac_address: Option<String>,
}

/// Security settings, over podman's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecuritySpec {
    /// Every capability, no masked or read-only paths, no seccomp, the
    /// host's devices the user can open.
    pub privileged: bool,
    /// Capabilities (with or without `CAP_`, or `ALL`).
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub no_new_privileges: bool,
    /// `unconfined`, or a profile's path (none: den's default profile).
    pub seccomp: Option<String>,
    /// Paths to mask besides the defaults.
    pub mask: Vec<String>,
    /// Default masked paths to leave open (`ALL`: every one).
    pub unmask: Vec<String>,
    pub read_only: bool,
    /// With `read_only`: tmpfs on /tmp, /run and /var/tmp.
    pub read_only_tmpfs: bool,
    /// `(resource, soft, hard)`; u64::MAX is unlimited.
    pub ulimits: Vec<(String, u64, u64)>,
    /// Namespaced sysctls.
    pub sysctls: Vec<(String, String)>,
    /// `(host, container)` device paths.
    pub devices: Vec<(String, String)>,
}

impl Default for SecuritySpec {
    fn default() -> Self {
        SecuritySpec {
            privileged: false,
            cap_add: Vec::new(),
            cap_drop: Vec::new(),
            no_new_privileges: false,
            seccomp: None,
            mask: Vec::new(),
            unmask: Vec::new(),
            read_only: false,
            read_only_tmpfs: true,
            ulimits: Vec::new(),
            sysctls: Vec::new(),
            devices: Vec::new(),
        }
    }
}

/// The container's own user namespace (none of these: den's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsernsSpec {
    /// `host` or `keep-id[:uid=N,gid=N]`.
    pub mode: Option<String>,
    /// `CONTAINER:DEN:COUNT` maps.
    pub uidmap: Vec<String>,
    pub gidmap: Vec<String>,
}

/// When the image is pulled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PullPolicy {
    Always,
    #[default]
    Missing,
    Never,
    Newer,
}

impl PullPolicy {
    pub fn parse(s: &str) -> Result<PullPolicy> {
        Ok(match s {
            "always" => PullPolicy::Always,
            "missing" => PullPolicy::Missing,
            "never" => PullPolicy::Never,
            "newer" => PullPolicy::Newer,
            _ => bail!("invalid pull policy {s:?} (use always, missing, never or newer)"),
        })
    }
}

impl ContainerSpec {
    /// Check the spec on its own (the image and the host are checked when
    /// it is created); errors name the field.
    pub fn validate(&self) -> Result<()> {
        let invalid = |field: &str, message: &str| Err(Error::invalid(field, message));
        let field = |name: &str, r: Result<()>| {
            r.map_err(|e| Error::invalid(name, format!("spec field {name}: {e:#}")))
        };
        if self.image.is_empty() {
            return invalid("image", "spec field image: no image given");
        }
        if let Some(n) = &self.name {
            if !crate::util::ids::is_valid_name(n) {
                return invalid(
                    "name",
                    &format!(
                        "invalid container name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*"
                    ),
                );
            }
        }
        if let Some(h) = &self.hostname {
            if h.is_empty() || h.len() > 64 || h.contains(char::is_whitespace) {
                return invalid(
                    "hostname",
                    &format!("invalid hostname {h:?} (use up to 64 characters, no spaces)"),
                );
            }
        }
        field("restart", self.restart.check())?;
        if self.remove && self.restart.policy != "no" {
            return invalid(
                "remove",
                &format!(
                    "the --rm option conflicts with --restart {} (choose one)",
                    self.restart.policy
                ),
            );
        }
        if let Some(w) = &self.workdir {
            if !w.is_empty() && !w.starts_with('/') {
                return invalid(
                    "workdir",
                    &format!("the working directory {w:?} must be an absolute path"),
                );
            }
        }
        for e in &self.env {
            if !e.contains('=') || e.starts_with('=') {
                return invalid("env", &format!("spec field env: {e:?} is not KEY=VALUE"));
            }
        }
        if self.labels.keys().any(|k| k.is_empty()) {
            return invalid("labels", "spec field labels: a label has an empty key");
        }
        if !matches!(
            self.log.driver.as_str(),
            "k8s-file" | "json-file" | "none" | "passthrough"
        ) {
            return invalid("log.driver", &format!(
                "spec field log.driver: {:?} is no log driver (use k8s-file, json-file, none or passthrough)",
                self.log.driver
            ));
        }
        if let Some(d) = &self.storage_driver {
            crate::storage::driver::Driver::parse(d)
                .map_err(|e| Error::invalid("storage_driver", format!("{e:#}")))?;
        }
        self.security
            .validate()
            .map_err(|e| Error::invalid("security", format!("{e:#}")))?;
        Ok(())
    }
}

impl SecuritySpec {
    fn validate(&self) -> Result<()> {
        if self.seccomp.as_deref() == Some("") {
            bail!(
                "--security-opt seccomp needs a value (seccomp=unconfined or seccomp=PROFILE.json)"
            );
        }
        for p in self.mask.iter() {
            if !p.starts_with('/') {
                bail!("masked path {p:?} must be absolute");
            }
        }
        for (k, _) in &self.sysctls {
            crate::runtime::security::check_sysctl(k)?;
        }
        for (host, inside) in &self.devices {
            if !host.starts_with("/dev/") || !inside.starts_with("/dev/") || inside.contains("..") {
                bail!("invalid --device {host}:{inside} (use /dev/HOST[:/dev/CONTAINER])");
            }
        }
        Ok(())
    }

    /// Apply one `--security-opt` (Docker's and podman's spelling).
    pub fn apply_opt(&mut self, opt: &str) -> Result<()> {
        let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
        let paths = || {
            v.split(':')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        match (k, v) {
            ("no-new-privileges", "" | "true") => self.no_new_privileges = true,
            ("no-new-privileges", "false") => self.no_new_privileges = false,
            ("mask", _) => self.mask.extend(paths()),
            ("unmask", _) => self.unmask.extend(paths()),
            ("seccomp", "") => bail!("--security-opt seccomp needs a value (seccomp=unconfined or seccomp=PROFILE.json)"),
            ("seccomp", s) => self.seccomp = Some(s.to_string()),
            ("label", _) | ("apparmor", _) => {}
            _ => bail!("unsupported --security-opt {opt:?} (use no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS or unmask=PATHS|ALL)"),
        }
        Ok(())
    }
}

/// `/dev/HOST[:/dev/CONTAINER[:PERMISSIONS]]` as `(host, container)`.
pub fn parse_device(d: &str) -> Result<(String, String)> {
    let mut parts = d.splitn(3, ':');
    let host = parts.next().unwrap_or("");
    let inside = parts.next().filter(|p| p.starts_with('/')).unwrap_or(host);
    if !host.starts_with("/dev/") || !inside.starts_with("/dev/") || inside.contains("..") {
        bail!("invalid --device {d:?} (use /dev/HOST[:/dev/CONTAINER])");
    }
    Ok((host.to_string(), inside.to_string()))
}

/// `NAME=SOFT[:HARD]` as `(name, soft, hard)`.
pub fn parse_ulimit(u: &str) -> Result<(String, u64, u64)> {
    crate::runtime::security::parse_ulimit(u)
}

/// `[[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]` (host port 0: a free one).
pub fn parse_publish(p: &str) -> Result<PortMapping> {
    crate::network::ports::parse_publish(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_round_trips_and_defaults_fill_the_gaps() {
        let spec: ContainerSpec =
            serde_json::from_str(r#"{"image": "busybox", "restart": {"policy": "always"}}"#)
                .expect("parse");
        assert_eq!(spec.image, "busybox");
        assert_eq!(spec.restart.policy, "always");
        assert_eq!(spec.log.driver, "k8s-file");
        assert!(spec.security.read_only_tmpfs);
        assert_eq!(spec.pull, PullPolicy::Missing);
        let back: ContainerSpec =
            serde_json::from_str(&serde_json::to_string(&spec).expect("json")).expect("parse");
        assert_eq!(back, spec);
        assert!(serde_json::from_str::<ContainerSpec>(r#"{"image": "a", "imgae": "b"}"#).is_err());
    }

    #[test]
    fn validation_names_the_field() {
        let ok = ContainerSpec {
            image: "busybox".into(),
            ..ContainerSpec::default()
        };
        ok.validate().expect("valid");
        let bad = |f: fn(&mut ContainerSpec)| {
            let mut s = ok.clone();
            f(&mut s);
            format!("{:#}", s.validate().expect_err("invalid"))
        };
        let field = |f: fn(&mut ContainerSpec)| {
            let mut s = ok.clone();
            f(&mut s);
            match s.validate().expect_err("invalid").downcast_ref::<Error>() {
                Some(Error::Invalid { field, .. }) => field.clone(),
                other => panic!("not a typed spec error: {other:?}"),
            }
        };
        assert_eq!(field(|s| s.image.clear()), "image");
        assert_eq!(field(|s| s.name = Some("-x".into())), "name");
        assert_eq!(field(|s| s.env = vec!["=v".into()]), "env");
        assert_eq!(field(|s| s.security.mask = vec!["rel".into()]), "security");
        assert!(bad(|s| s.image.clear()).contains("image"));
        assert!(bad(|s| s.restart.policy = "sometimes".into()).contains("spec field restart"));
        assert!(bad(|s| s.env = vec!["NOVALUE".into()]).contains("spec field env"));
        assert!(bad(|s| s.log.driver = "syslog".into()).contains("spec field log.driver"));
        assert!(bad(|s| s.workdir = Some("rel".into())).contains("absolute"));
        assert!(bad(|s| {
            s.remove = true;
            s.restart.policy = "always".into();
        })
        .contains("conflicts"));
    }

    #[test]
    fn docker_spellings() {
        assert_eq!(
            RestartPolicy::parse("on-failure:3").expect("p"),
            RestartPolicy {
                policy: "on-failure".into(),
                max_retries: 3
            }
        );
        assert!(RestartPolicy::parse("always:3").is_err());
        assert!(RestartPolicy::parse("sometimes").is_err());
        assert_eq!(
            parse_device("/dev/fuse").expect("d"),
            ("/dev/fuse".into(), "/dev/fuse".into())
        );
        assert!(parse_device("/etc/passwd").is_err());
    }
}
