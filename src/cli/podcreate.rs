//! `den pod create`'s flags: the pod's record and its infra container's
//! spec, made through `engine::pods` as `create` makes any container.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::pods::{self, Pod, PodSpec};
use crate::engine::spec::{self, ContainerSpec, SecuritySpec};

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The pod's name (default: a random one)
    #[arg(short, long)]
    pub name: Option<String>,
    /// Replace a pod of the same name
    #[arg(long)]
    pub replace: bool,
    /// Set metadata (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Read labels from a file (KEY=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Make an infra container holding the shared namespaces (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub infra: bool,
    /// The infra container's image (default: den's own, empty, pause image)
    #[arg(long, value_name = "IMAGE")]
    pub infra_image: Option<String>,
    /// The infra container's command (with --infra-image)
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// The infra container's name (default: ID-infra)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// Where the infra container's supervisor writes its pid
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<PathBuf>,
    /// Namespaces the containers share: ipc, net, pid, uts (comma-separated; default ipc,net,uts)
    #[arg(long, value_name = "NAMESPACES")]
    pub share: Option<String>,
    /// Share a cgroup parent (den's containers each have their own cgroup: only true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub share_parent: Option<bool>,
    /// continue (default): the pod runs on when its containers exit; stop:
    /// the infra container stops with the last of them
    #[arg(long, value_name = "POLICY")]
    pub exit_policy: Option<String>,
    /// Write the pod's id to this file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// The pod's host name
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Leave the image's /etc/hosts as it is
    #[arg(long)]
    pub no_hosts: bool,
    #[command(flatten)]
    pub net: super::netflags::NetworkArgs,
    /// The pod's IPv6 address on its network (not supported: den's user networks are IPv4)
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    /// The pod's cgroup parent
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Security options of the infra container
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Namespaced sysctls: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE", value_delimiter = ',')]
    pub sysctl: Vec<String>,
    /// Host devices: HOST[:CONTAINER]
    #[arg(long, value_name = "HOST[:CONTAINER]")]
    pub device: Vec<String>,
    /// Size of /dev/shm
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Volumes of the infra container
    #[arg(short, long, value_name = "[SOURCE:]CONTAINER-DIR[:OPTIONS]")]
    pub volume: Vec<String>,
    /// Mounts of another container for the infra container
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// PID namespace of the infra container: private, host
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace of the infra container: private, host
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// User namespace of the pod (as run's --userns)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// uid map of the pod (as run's --uidmap)
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// gid map of the pod (as run's --gidmap)
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    /// Map from a named range of /etc/subuid (not supported: den maps from your own ranges)
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Map from a named range of /etc/subgid (not supported: den maps from your own ranges)
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
}

fn labels(list: &[String], files: &[PathBuf]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut lines = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading the label file {}", f.display()))?;
        lines.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    for l in lines.iter().chain(list) {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        if k.is_empty() {
            bail!("invalid label {l:?} (use KEY=VALUE)");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

impl CreateArgs {
    fn to_spec(&self) -> Result<PodSpec> {
        if self.subuidname.is_some() || self.subgidname.is_some() {
            bail!("--subuidname/--subgidname: den maps ids from your own subordinate ranges (use --uidmap/--gidmap)");
        }
        if self.ip6.is_some() {
            bail!("--ip6: den's user networks are IPv4 only (leave it out)");
        }
        if self.share_parent == Some(false) {
            bail!("--share-parent=false: den's containers each have a cgroup of their own already (leave it out)");
        }
        let mut security = SecuritySpec::default();
        for o in &self.security_opt {
            security.apply_opt(o)?;
        }
        for kv in &self.sysctl {
            let Some((k, v)) = kv.split_once('=') else {
                bail!("invalid --sysctl {kv:?} (use KEY=VALUE)")
            };
            security.sysctls.push((k.to_string(), v.to_string()));
        }
        for d in &self.device {
            security.devices.push(spec::parse_device(d)?);
        }
        let mut mounts = Vec::new();
        for v in &self.volume {
            let mut m = spec::mounts::parse_volume(v)?;
            super::create::host_path_absolute(&mut m)?;
            mounts.push(m);
        }
        let infra_spec = ContainerSpec {
            hostname: self.hostname.clone(),
            network: self.net.to_spec()?,
            resources: spec::Resources {
                cgroup_parent: self.cgroup_parent.clone(),
                ..self.resources.to_resources()?
            },
            security,
            mounts,
            volumes_from: self.volumes_from.clone(),
            userns: spec::UsernsSpec {
                mode: self.userns.clone(),
                uidmap: self.uidmap.clone(),
                gidmap: self.gidmap.clone(),
            },
            namespaces: spec::namespaces::NamespacesSpec {
                pid: self.pid.clone(),
                uts: self.uts.clone(),
                ..Default::default()
            },
            process: spec::process::ProcessSpec {
                no_hosts: self.no_hosts,
                shm_size: self
                    .shm_size
                    .as_deref()
                    .map(crate::util::human::parse_ram)
                    .transpose()?,
                ..Default::default()
            },
            conmon_pidfile: self.infra_conmon_pidfile.clone(),
            ..ContainerSpec::default()
        };
        Ok(PodSpec {
            name: self.name.clone(),
            labels: labels(&self.label, &self.label_file)?,
            infra: self.infra,
            share: self
                .share
                .as_ref()
                .map(|s| s.split(',').map(|x| x.trim().to_string()).collect()),
            exit_policy: self.exit_policy.clone(),
            replace: self.replace,
            infra_name: self.infra_name.clone(),
            infra_image: self.infra_image.clone(),
            infra_command: self
                .infra_command
                .as_ref()
                .map(|c| {
                    if c.trim_start().starts_with('[') {
                        serde_json::from_str(c)
                            .context("--infra-command is not a JSON array of strings")
                    } else {
                        Ok(c.split_whitespace().map(String::from).collect())
                    }
                })
                .transpose()?,
            infra_spec,
            create_command: std::env::args().collect(),
        })
    }
}

/// Make the pod `a` describes (and write its id file).
pub fn create_pod(paths: &Paths, a: &CreateArgs) -> Result<Pod> {
    let spec = a.to_spec()?;
    let pull = || {
        Ok(crate::engine::images::PullOptions {
            access: crate::engine::images::Access::default(),
            progress: super::progress::Terminal::shared(true),
            platform: None,
            stop: None,
        })
    };
    let pod = pods::create(paths, &spec, &pull)?;
    if let Some(f) = &a.pod_id_file {
        std::fs::write(f, &pod.id)
            .with_context(|| format!("writing the pod id file {}", f.display()))?;
    }
    Ok(pod)
}
