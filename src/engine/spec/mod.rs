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

pub mod health;
pub mod mounts;
pub mod namespaces;
pub mod process;

pub use crate::cgroups::io::{self, IoLimits};
pub use crate::cgroups::{CgroupsMode, Resources};
pub use crate::container::mounts::{Mount, MountKind};
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
    /// Default variables (the image's, den's `TERM`) left out (`--unsetenv`).
    pub unsetenv: Vec<String>,
    /// Every default variable left out: only `env` (`--unsetenv-all`).
    pub unsetenv_all: bool,
    /// The working directory, absolute (none: the image's, else `/`).
    pub workdir: Option<String>,
    /// `workdir` is made when missing (a build step's, as the image's
    /// is); else a chosen one must exist (podman's `--workdir`).
    pub make_workdir: bool,
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
    /// What the supervisor tells systemd (`NOTIFY_SOCKET`): `conmon`
    /// (ready once the command runs), `healthy`, `container` (the
    /// container says it), `ignore`.
    pub sdnotify: String,
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
    /// Host directories, volumes and tmpfs, in the order given.
    pub mounts: Vec<Mount>,
    /// Containers whose mounts this one gets too (`NAME[:ro|rw]`).
    pub volumes_from: Vec<String>,
    /// Where to write the container's pid when it starts.
    pub pidfile: Option<PathBuf>,
    /// When to pull the image.
    pub pull: PullPolicy,
    /// The platform the image must be for (`OS/ARCH[/VARIANT]`, from
    /// `--platform` or compose's `platform:`): a local image of another
    /// is as missing, and a pull takes this one.
    pub platform: Option<String>,
    /// The storage driver (none: the best that works).
    pub storage_driver: Option<String>,
    /// The command line (or request) that made the container, for inspect.
    pub create_command: Vec<String>,
    /// Memory, CPU, process and I/O limits, and whether it gets a cgroup.
    pub resources: Resources,
    /// Its healthcheck, over the image's.
    pub health: health::HealthSpec,
    /// How its processes start, and the files den gives them.
    pub process: process::ProcessSpec,
    /// Variables merged with the image's: `PATH=/opt/bin:${PATH}`.
    pub env_merge: Vec<String>,
    /// OCI annotations (`--annotation KEY=VALUE`).
    pub annotations: BTreeMap<String, String>,
    /// Containers that must run before this one starts (`--requires`).
    pub requires: Vec<String>,
    /// Where the supervisor writes its pid (`--conmon-pidfile`).
    pub conmon_pidfile: Option<PathBuf>,
    /// Its IPC, PID, UTS and cgroup namespaces.
    pub namespaces: namespaces::NamespacesSpec,
    /// The pod it joins (name or id): it shares the namespaces of the
    /// pod's infra container, which starts first.
    pub pod: Option<String>,
    /// It runs no command: its init only holds its namespaces (a pod's
    /// infra container).
    pub pause: bool,
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
            unsetenv: Vec::new(),
            unsetenv_all: false,
            workdir: None,
            make_workdir: false,
            user: None,
            hostname: None,
            labels: BTreeMap::new(),
            interactive: false,
            tty: false,
            init: false,
            sdnotify: "conmon".into(),
            remove: false,
            restart: RestartPolicy::default(),
            stop_signal: None,
            stop_timeout: None,
            log: LogSpec::default(),
            network: NetworkSpec::default(),
            security: SecuritySpec::default(),
            userns: UsernsSpec::default(),
            mounts: Vec::new(),
            volumes_from: Vec::new(),
            pidfile: None,
            pull: PullPolicy::Missing,
            platform: None,
            storage_driver: None,
            create_command: Vec::new(),
            resources: Resources::default(),
            health: health::HealthSpec::default(),
            process: process::ProcessSpec::default(),
            env_merge: Vec::new(),
            annotations: BTreeMap::new(),
            requires: Vec::new(),
            conmon_pidfile: None,
            namespaces: namespaces::NamespacesSpec::default(),
            pod: None,
            pause: false,
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
        if !matches!(policy, "no" | "on-failure" | "always" | "unless-stopped") {
            bail!(
                "invalid restart policy {s:?} (use no, on-failure[:N], always or unless-stopped)"
            );
        }
        let max_retries = match max {
            Some(n) if policy == "on-failure" => n
                .parse()
                .with_context(|| format!("invalid restart count in {s:?}"))?,
            Some(_) => bail!("only on-failure takes a retry count ({s:?})"),
            None => 0,
        };
        Ok(RestartPolicy {
            policy: policy.to_string(),
            max_retries,
        })
    }

    /// As `--restart` spells it.
    pub fn flag(&self) -> String {
        if self.max_retries > 0 {
            format!("{}:{}", self.policy, self.max_retries)
        } else {
            self.policy.clone()
        }
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
    /// Ports exposed besides the image's (`PORT[-PORT][/PROTO]`).
    pub expose: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `(host, ip)` lines for /etc/hosts.
    pub add_hosts: Vec<(String, String)>,
    pub mac_address: Option<String>,
    /// Share the published ports with the service's other replicas (a
    /// compose service's routing mesh; user-defined networks only).
    pub shared_ports: bool,
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
    /// podman's words, in any case, with its aliases (`ifmissing`, ...).
    pub fn parse(s: &str) -> Result<PullPolicy> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "always" => PullPolicy::Always,
            "missing" | "ifmissing" | "ifnotpresent" => PullPolicy::Missing,
            "never" => PullPolicy::Never,
            "newer" | "ifnewer" => PullPolicy::Newer,
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
                    self.restart.flag()
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
        // Every string of a spec ends up a C string somewhere (arguments,
        // environment, files like /etc/hosts, mount paths, sysctls): a NUL
        // would cut it. Front-ends that read files (compose, kube) can
        // carry one; JSON shows it as \u0000, and the field is named.
        // One serialisation on every create; the fields are walked only to
        // name the one that holds it.
        let nul = serde_json::to_string(self).is_ok_and(|j| j.contains("\\u0000"));
        if let (true, Ok(serde_json::Value::Object(fields))) = (nul, serde_json::to_value(self)) {
            for (name, v) in &fields {
                if v.to_string().contains("\\u0000") {
                    return invalid(
                        name,
                        &format!("spec field {name}: a value holds a NUL byte, which den cannot pass on (remove it)"),
                    );
                }
            }
        }
        if self.labels.keys().any(|k| k.is_empty()) {
            return invalid("labels", "spec field labels: a label has an empty key");
        }
        if self.log.driver == "journald" && !crate::container::journal::available() {
            return invalid("log.driver", &format!(
                "log driver journald: this host has no systemd journal ({} takes nothing): use k8s-file (read with den logs), or passthrough under a systemd unit (its journal gets the output)",
                crate::container::journal::socket_path().display()
            ));
        }
        if !matches!(
            self.log.driver.as_str(),
            "k8s-file" | "json-file" | "none" | "passthrough" | "journald"
        ) {
            return invalid("log.driver", &format!(
                "spec field log.driver: {:?} is no log driver (use k8s-file, json-file, none or passthrough)",
                self.log.driver
            ));
        }
        if !["conmon", "container", "healthy", "ignore"].contains(&self.sdnotify.as_str()) {
            return invalid("sdnotify", &format!(
                "spec field sdnotify: {:?} is not a mode (use conmon, container, healthy or ignore)",
                self.sdnotify
            ));
        }
        if let Some(d) = &self.storage_driver {
            crate::storage::driver::Driver::parse(d)
                .map_err(|e| Error::invalid("storage_driver", format!("{e:#}")))?;
        }
        if let Some(sig) = &self.stop_signal {
            field(
                "stop_signal",
                crate::container::process::parse_signal(sig)
                    .map(|_| ())
                    .with_context(|| format!("invalid stop signal {sig:?}")),
            )?;
        }
        for p in &self.network.publish {
            field("network.publish", p.check())?;
        }
        for e in &self.network.expose {
            field("network.expose", expose_ports(e).map(|_| ()))?;
        }
        self.security.validate()?;
        self.resources
            .validate()
            .map_err(|(field, message)| Error::invalid(field, message))?;
        self.health
            .validate()
            .map_err(|(field, message)| Error::invalid(field, message))?;
        mounts::validate(&self.mounts).map_err(|e| Error::invalid("mounts", format!("{e:#}")))?;
        field("process", self.process.validate())?;
        for e in &self.env_merge {
            if !e.contains('=') || e.starts_with('=') {
                return invalid(
                    "env_merge",
                    &format!(
                        "invalid --env-merge {e:?} (use KEY=VALUE, like PATH=/opt/bin:${{PATH}})"
                    ),
                );
            }
        }
        if self.annotations.keys().any(|k| k.is_empty()) {
            return invalid(
                "annotations",
                "an annotation has an empty key (use KEY=VALUE)",
            );
        }
        for v in &self.volumes_from {
            let (name, mode) = v.split_once(':').unwrap_or((v, "rw"));
            if name.is_empty() || !matches!(mode, "ro" | "rw" | "z" | "Z") {
                return invalid(
                    "volumes_from",
                    &format!("invalid --volumes-from {v:?} (use CONTAINER[:ro|rw])"),
                );
            }
        }
        Ok(())
    }
}

/// `--expose PORT[-PORT][/PROTO]` as the image's `PORT/PROTO` entries.
pub fn expose_ports(e: &str) -> Result<Vec<String>> {
    let bad = || {
        anyhow::anyhow!(
            "invalid --expose {e:?} (use PORT, PORT-PORT, or either with /tcp, /udp or /sctp)"
        )
    };
    let (ports, proto) = e.split_once('/').unwrap_or((e, "tcp"));
    if !matches!(proto, "tcp" | "udp" | "sctp") {
        return Err(bad());
    }
    let (first, last) = ports.split_once('-').unwrap_or((ports, ports));
    let (first, last): (u16, u16) = match (first.parse(), last.parse()) {
        (Ok(a), Ok(b)) if a > 0 && a <= b => (a, b),
        _ => return Err(bad()),
    };
    Ok((first..=last).map(|p| format!("{p}/{proto}")).collect())
}

impl SecuritySpec {
    /// Errors name the field (`security.mask`, ...).
    fn validate(&self) -> Result<()> {
        use crate::runtime::security;
        let at = |name: &str, r: Result<()>| r.map_err(|e| Error::invalid(name, format!("{e:#}")));
        if self.seccomp.as_deref() == Some("") {
            at(
                "security.seccomp",
                Err(anyhow::anyhow!(
                    "--security-opt seccomp needs a value (seccomp=unconfined or seccomp=PROFILE.json)"
                )),
            )?;
        }
        for p in self.mask.iter() {
            if !p.starts_with('/') {
                at(
                    "security.mask",
                    Err(anyhow::anyhow!("masked path {p:?} must be absolute")),
                )?;
            }
        }
        at(
            "security.cap_add",
            security::resolve_caps(&self.cap_add, &self.cap_drop, self.privileged).map(|_| ()),
        )?;
        for (k, _) in &self.sysctls {
            at("security.sysctls", security::check_sysctl(k))?;
        }
        for (name, soft, hard) in &self.ulimits {
            at(
                "security.ulimits",
                security::check_ulimit(name, *soft, *hard),
            )?;
        }
        for (host, inside) in &self.devices {
            if !host.starts_with("/dev/") || !inside.starts_with("/dev/") || inside.contains("..") {
                at(
                    "security.devices",
                    Err(anyhow::anyhow!(
                        "invalid --device {host}:{inside} (use /dev/HOST[:/dev/CONTAINER])"
                    )),
                )?;
            }
        }
        Ok(())
    }

    /// Apply one `--security-opt` (Docker's and podman's spelling).
    pub fn apply_opt(&mut self, opt: &str) -> Result<()> {
        // KEY=VALUE, or Docker's older KEY:VALUE (`no-new-privileges:true`,
        // `seccomp:unconfined`): whichever separator comes first.
        let (k, v) = match opt.find(['=', ':']) {
            Some(i) => (&opt[..i], &opt[i + 1..]),
            None => (opt, ""),
        };
        let paths = || {
            v.split(':')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        match (k, v) {
            ("no-new-privileges", "" | "true") => self.no_new_privileges = true,
            ("no-new-privileges", "false") => self.no_new_privileges = false,
            // In order, as the flags come: a later unmask opens what an
            // earlier mask hid, and the other way round.
            ("mask", _) => {
                for p in paths() {
                    self.unmask.retain(|u| *u != p);
                    self.mask.push(p);
                }
            }
            // Docker's spelling of unmask=ALL.
            ("unmask", "ALL") | ("systempaths", "unconfined") => {
                self.mask.clear();
                self.unmask = vec!["ALL".into()];
            }
            ("unmask", _) => {
                // ALL means every path only as the whole value.
                for p in paths().into_iter().filter(|p| p != "ALL") {
                    self.mask.retain(|m| *m != p);
                    self.unmask.push(p);
                }
            }
            ("seccomp", "") => bail!("--security-opt seccomp needs a value (seccomp=unconfined or seccomp=PROFILE.json)"),
            ("seccomp", s) => self.seccomp = Some(s.to_string()),
            ("label", _) | ("apparmor", _) => {}
            _ => bail!("unsupported --security-opt {opt:?} (use no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL or systempaths=unconfined)"),
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
/// Whether `--add-host NAME:IP` is one: names (`;` between several) and
/// an IP address or `host-gateway`.
pub fn add_host_ok(name: &str, ip: &str) -> bool {
    let names_ok = name
        .split(';')
        .all(|n| !n.is_empty() && !n.contains(char::is_whitespace));
    names_ok && (ip == crate::network::etc::HOST_GATEWAY || ip.parse::<std::net::IpAddr>().is_ok())
}

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
        assert_eq!(field(|s| s.command = vec!["a\0b".into()]), "command");
        assert_eq!(field(|s| s.workdir = Some("/a\0".into())), "workdir");
        assert_eq!(
            field(|s| s.entrypoint = Some(vec!["x\0".into()])),
            "entrypoint"
        );
        // Any field: what compose or kube carry into files and mounts too.
        assert_eq!(
            field(|s| {
                s.labels.insert("k".into(), "v\0".into());
            }),
            "labels"
        );
        assert_eq!(
            field(|s| s.security.mask = vec!["rel".into()]),
            "security.mask"
        );
        assert_eq!(
            field(|s| s.security.ulimits = vec![("nofile".into(), 10, 5)]),
            "security.ulimits"
        );
        assert_eq!(
            field(|s| s.security.ulimits = vec![("bogus".into(), 1, 1)]),
            "security.ulimits"
        );
        assert_eq!(
            field(|s| s.security.cap_add = vec!["CAP_BOGUS".into()]),
            "security.cap_add"
        );
        assert_eq!(
            field(|s| s.stop_signal = Some("SIGNOPE".into())),
            "stop_signal"
        );
        let port = |f: fn(&mut PortMapping)| {
            let mut p = PortMapping {
                container_port: 80,
                ..PortMapping::default()
            };
            f(&mut p);
            p
        };
        let with_port = |p: PortMapping| {
            let mut s = ok.clone();
            s.network.publish = vec![p];
            s.validate()
        };
        with_port(port(|_| {})).expect("a plain port");
        for bad in [
            port(|p| p.protocol = "sctp".into()),
            port(|p| p.range = 0),
            port(|p| {
                p.host_port = 65535;
                p.range = 2
            }),
            port(|p| p.host_ip = "localhost".into()),
        ] {
            let e = with_port(bad.clone()).expect_err("a bad port");
            assert!(
                matches!(e.downcast_ref::<Error>(), Some(Error::Invalid { field, .. }) if field == "network.publish"),
                "{bad:?}: {e:#}"
            );
        }
        // A misspelt port field is an error, not a port bound everywhere.
        assert!(serde_json::from_str::<PortMapping>(
            r#"{"container_port": 80, "hostip": "127.0.0.1"}"#
        )
        .is_err());
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
