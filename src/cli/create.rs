//! `den create` and the container flags `run` shares with it.

use super::envflags::{expand_env, read_env_file};
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use super::image::AccessArgs;
use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::ContainerConfig;
use crate::engine::images::PullOptions;
use crate::engine::spec::{
    self, ContainerSpec, LogSpec, PullPolicy, RestartPolicy, SecuritySpec, UsernsSpec,
};

// How a container is made: the flags of `create` and `run`.
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Replace an existing container of the same name
    #[arg(long)]
    pub replace: bool,
    /// The image argument is a directory holding a root filesystem
    /// (refused: den runs images; import the directory as one first)
    #[arg(long)]
    pub rootfs: bool,
    /// Set environment variables (KEY=VALUE, or KEY to take it from den's environment)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Leave out a default variable (the image's, or den's TERM)
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Leave out every default variable: only those given with -e remain
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Override the image's entrypoint (a command, or a JSON array)
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or uid, optionally :group) to run as
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Container host name
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    #[command(flatten)]
    pub net: super::netflags::NetworkArgs,
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    #[command(flatten)]
    pub cgroup: super::resources::CgroupArgs,
    #[command(flatten)]
    pub health: super::health::HealthArgs,
    #[command(flatten)]
    pub process: super::procflags::ProcessArgs,
    #[command(flatten)]
    pub namespaces: super::nsflags::NamespaceArgs,
    /// Add an OCI annotation (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Containers (names or ids, comma-separated) started before this one
    #[arg(long, value_name = "CONTAINERS")]
    pub requires: Vec<String>,
    /// Write the supervisor's pid (podman's conmon) to this file
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<PathBuf>,
    /// Run in this pod (name or id): share its namespaces (new:NAME makes it)
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Run in the pod whose id this file holds
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// A pod's init container: always (run at each pod start) or once (then
    /// removed); it runs to its end before the pod's other containers start
    #[arg(long, value_name = "TYPE")]
    pub init_ctr: Option<String>,
    /// Streams to attach in the foreground: stdin, stdout, stderr (default:
    /// stdout and stderr; create keeps it for nothing, as podman's)
    #[arg(short = 'a', long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// A static IPv6 address (not supported: den's user networks are IPv4)
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// Map ids from a named range of /etc/subuid (not supported: den maps
    /// from your own ranges; use --uidmap)
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Map ids from a named range of /etc/subgid (not supported: den maps
    /// from your own ranges; use --gidmap)
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// cgroups: enabled (one per container where the host delegates them),
    /// disabled (none), no-conmon or split (as enabled: den's supervisor is
    /// never in the container's cgroup)
    #[arg(long, value_name = "MODE", default_value = "enabled",
          value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: String,
    /// Set metadata (KEY=VALUE)
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Read labels from a file (KEY=VALUE lines; # comments)
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Signal that stops the container (default: the image's STOPSIGNAL, else TERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Log driver: k8s-file, json-file, none, passthrough, or journald
    /// (where a systemd journal listens)
    #[arg(long, value_name = "DRIVER", default_value = "k8s-file",
          value_parser = ["k8s-file", "json-file", "none", "passthrough", "journald"])]
    pub log_driver: String,
    /// Log options: max-size=SIZE rotates the k8s-file log past SIZE, keeping one
    /// older file (-1: never). Default: max_size in the [logs] table of
    /// $XDG_CONFIG_HOME/den/den.conf, else 20m
    #[arg(long, value_name = "OPT=VALUE")]
    pub log_opt: Vec<String>,
    /// Add capabilities (names with or without CAP_, or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop capabilities (names with or without CAP_, or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Every capability, no masked or read-only paths
    #[arg(long)]
    pub privileged: bool,
    /// Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// User namespace: host (den's, the default) or keep-id[:uid=N,gid=N] (your own ids inside)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Map container uids to den's ids (0 is you, 1.. your subordinate ids): CONTAINER:DEN:COUNT
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// Map container gids like --uidmap
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    /// Make the root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Resource limits: NAME=SOFT[:HARD] (nofile, nproc, core, ...)
    #[arg(long, value_name = "NAME=SOFT[:HARD]", value_delimiter = ',')]
    pub ulimit: Vec<String>,
    /// Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE", value_delimiter = ',')]
    pub sysctl: Vec<String>,
    /// Host devices the user can open: HOST[:CONTAINER]
    #[arg(long, value_name = "HOST[:CONTAINER]")]
    pub device: Vec<String>,
    /// Mount a host directory (HOST-DIR:CONTAINER-DIR), a named volume
    /// (NAME:CONTAINER-DIR) or a new anonymous volume (CONTAINER-DIR); options
    /// after another colon: ro, U, O, nocopy, z, [no]exec, [no]suid, [no]dev,
    /// bind, rbind, rprivate, rshared, rslave, ...
    #[arg(
        short,
        long = "volume",
        value_name = "[SOURCE:]CONTAINER-DIR[:OPTIONS]"
    )]
    pub volume: Vec<String>,
    /// Mount by keys: type=bind|volume|tmpfs,src=...,dst=...[,ro][,...]
    #[arg(long, value_name = "type=TYPE,KEY=VALUE,...")]
    pub mount: Vec<String>,
    /// Mount a fresh tmpfs: PATH[:size=SIZE,mode=MODE,noexec,...]
    #[arg(long, value_name = "PATH[:OPTIONS]")]
    pub tmpfs: Vec<String>,
    /// Mount the volumes and host directories of another container too
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// With --read-only: tmpfs on /tmp, /run and /var/tmp
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only_tmpfs: bool,
    /// Run an init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub init: bool,
    /// What to tell systemd (NOTIFY_SOCKET): conmon (ready when the command
    /// runs), healthy (at the first passed healthcheck), container (the
    /// container says it, through a socket at /run/notify/notify.sock),
    /// ignore
    #[arg(long, value_name = "MODE", default_value = "conmon",
          value_parser = ["conmon", "container", "healthy", "ignore"])]
    pub sdnotify: String,
    /// Write the container's pid (as the host sees it) to this file when it starts
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, value_name = "POLICY", default_value = "missing",
          value_parser = pull_policy)]
    pub pull: String,
    /// Suppress pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    #[command(flatten)]
    pub platform: super::image::PlatformArgs,
    /// Make the container from a JSON container spec (the engine's input,
    /// described in ARCHITECTURE.md) instead of the image and container flags
    #[arg(long, value_name = "FILE", conflicts_with = "image")]
    pub spec: Option<PathBuf>,
    /// The image to run
    #[arg(required_unless_present = "spec")]
    pub image: Option<String>,
    /// The command and its arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// `den create`: print the new container's id.
pub fn create(paths: &Paths, g: &Globals, a: CreateArgs) -> Result<i32> {
    let cfg = create_container(paths, g, &a)?;
    println!("{}", cfg.id);
    Ok(0)
}

/// Make the container the flags (or `--spec`) describe, through the engine.
pub fn create_container(paths: &Paths, g: &Globals, a: &CreateArgs) -> Result<ContainerConfig> {
    create_container_with(paths, g, a, &mut |_| Ok(()))
}

/// As [`create_container`], with `before_record` shown the container
/// before it is recorded (see `engine::create::create_with`).
pub fn create_container_with(
    paths: &Paths,
    g: &Globals,
    a: &CreateArgs,
    before_record: &mut dyn FnMut(&ContainerConfig) -> Result<()>,
) -> Result<ContainerConfig> {
    let spec = match &a.spec {
        Some(file) => spec_from_file(file, a, g)?,
        None => spec_of(a, g)?,
    };
    if let Some(f) = &a.cidfile {
        // --replace: the file of the container it replaces is rewritten
        // (a unit's restart), else an existing one is refused.
        if f.exists() && !a.replace {
            bail!(
                "the cidfile {} already exists (remove it, or choose another path)",
                f.display()
            );
        }
    }
    let platform = a.platform.wanted()?;
    // A container that joins others' namespaces gets its image from a den
    // of its own (see image::pull_apart), when it is to be pulled.
    let joins = spec.pod.is_some()
        || [
            &spec.namespaces.ipc,
            &spec.namespaces.pid,
            &spec.namespaces.uts,
        ]
        .iter()
        .any(|m| m.as_deref().is_some_and(|m| m.starts_with("container:")))
        || spec
            .network
            .modes
            .iter()
            .any(|m| m.starts_with("container:"));
    let mut spec = spec;
    // Asked only of a container that joins another's namespaces.
    let will_pull = || -> Result<bool> {
        Ok(match spec.pull {
            PullPolicy::Missing => crate::engine::images::lookup(paths, &spec.image)?.is_none(),
            PullPolicy::Always | PullPolicy::Newer => true,
            PullPolicy::Never => false,
        })
    };
    if joins && will_pull()? {
        super::image::pull_apart(g, &a.access, &a.platform, a.quiet, &spec.image)?;
        spec.pull = PullPolicy::Never;
    }
    let pull = || {
        Ok(PullOptions {
            access: a.access.access()?,
            progress: super::progress::Terminal::shared(a.quiet),
            platform: platform.clone(),
            stop: None,
        })
    };
    // --pod new:NAME: the pod made first, with the container's ports, and
    // removed again if the container cannot be made (as podman does): a
    // retry found the name in use.
    let mut new_pod = None;
    if let Some(name) = spec.pod.as_deref().and_then(|p| p.strip_prefix("new:")) {
        let pod_spec = crate::engine::pods::PodSpec {
            name: Some(name.to_string()),
            infra: true,
            infra_spec: ContainerSpec {
                network: spec::NetworkSpec {
                    publish: std::mem::take(&mut spec.network.publish),
                    modes: std::mem::take(&mut spec.network.modes),
                    ..Default::default()
                },
                ..ContainerSpec::default()
            },
            create_command: spec.create_command.clone(),
            ..Default::default()
        };
        let pod = crate::engine::pods::create(paths, &pod_spec, &pull)?;
        spec.pod = Some(pod.id.clone());
        new_pod = Some(pod);
    }
    let cfg = crate::engine::create::create_with(paths, &spec, &pull, before_record).inspect_err(
        |_| {
            if let Some(pod) = &new_pod {
                let _ = crate::engine::pods::remove(paths, pod, true, Some(0));
            }
        },
    )?;
    if let Some(f) = &a.cidfile {
        std::fs::write(f, &cfg.id)
            .with_context(|| format!("writing the cidfile {}", f.display()))?;
    }
    Ok(cfg)
}

/// `--annotation KEY=VALUE`s as a map (an empty key is refused).
pub fn annotations(list: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for kv in list {
        match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                out.insert(k.to_string(), v.to_string());
            }
            _ => bail!("invalid --annotation {kv:?} (use KEY=VALUE)"),
        }
    }
    Ok(out)
}

/// `--log-opt`s: the rotation size they give (tag and path are taken, and
/// change nothing).
pub fn log_max_size(opts: &[String]) -> Result<Option<u64>> {
    let mut max = None;
    for o in opts {
        match o.split_once('=') {
            Some(("max-size", v)) => max = Some(crate::util::human::parse_size(v)?),
            Some(("tag", _)) | Some(("path", _)) => {}
            _ => bail!("unsupported --log-opt {o:?} (den knows max-size=SIZE)"),
        }
    }
    Ok(max)
}

/// The container the flags describe: a translation, checked only as far
/// as the flags' own syntax goes (the engine checks the rest).
/// `--spec FILE`: the whole container comes from the file, so any
/// container flag beside it is refused rather than silently dropped.
/// The global `--storage-driver` and the command line fill what the file
/// leaves out.
fn spec_from_file(file: &std::path::Path, a: &CreateArgs, g: &Globals) -> Result<ContainerSpec> {
    let from_flags = spec_of(a, g)?;
    let untouched = ContainerSpec {
        storage_driver: g.storage_driver.clone(),
        create_command: from_flags.create_command.clone(),
        ..ContainerSpec::default()
    };
    if from_flags != untouched {
        bail!(
            "--spec {} takes the whole container from the file: leave out the other container flags (or put them in the file)",
            file.display()
        );
    }
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading the spec {}", file.display()))?;
    let mut spec: ContainerSpec = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a container spec", file.display()))?;
    if spec.storage_driver.is_none() {
        spec.storage_driver = g.storage_driver.clone();
    }
    if spec.create_command.is_empty() {
        spec.create_command = from_flags.create_command;
    }
    Ok(spec)
}

pub fn spec_of(a: &CreateArgs, g: &Globals) -> Result<ContainerSpec> {
    if a.rootfs {
        bail!("--rootfs: den runs containers from images, not from a directory: import it once (tar -C DIR -c . | den import - NAME) and run NAME");
    }
    if a.ip6.is_some() {
        bail!("--ip6: den's user networks are IPv4 only (leave it out)");
    }
    if a.subuidname.is_some() || a.subgidname.is_some() {
        bail!("--subuidname/--subgidname: den maps ids from your own subordinate ranges (use --uidmap/--gidmap)");
    }
    for s in &a.attach {
        if !matches!(s.as_str(), "stdin" | "stdout" | "stderr") {
            bail!("invalid stream {s:?} for --attach - must be one of stdin, stdout, or stderr");
        }
    }
    let mut labels = BTreeMap::new();
    let mut from_files = Vec::new();
    for f in &a.label_file {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading the label file {}", f.display()))?;
        from_files.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    // The files first: a --label of the same key wins.
    for l in from_files.iter().chain(&a.labels) {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        if k.is_empty() {
            bail!("invalid label {l:?} (use KEY=VALUE)");
        }
        labels.insert(k.to_string(), v.to_string());
    }
    // In a systemd unit (a generated one sets it): the unit, as podman
    // labels it, for auto-update to restart.
    if let Ok(unit) = std::env::var("PODMAN_SYSTEMD_UNIT") {
        if !unit.is_empty() {
            labels.entry("PODMAN_SYSTEMD_UNIT".into()).or_insert(unit);
        }
    }
    let annotations = annotations(&a.annotation)?;
    let log_max_size = log_max_size(&a.log_opt)?;
    let mut env = a.process.env_defaults();
    for f in &a.env_file {
        env.extend(read_env_file(f, "--env-file")?);
    }
    env.extend(a.env.iter().flat_map(|e| expand_env(e)));
    let entrypoint = match &a.entrypoint {
        Some(e) if e.trim_start().starts_with('[') => Some(
            serde_json::from_str(e).context("--entrypoint is not a valid JSON array of strings")?,
        ),
        Some(e) if e.is_empty() => Some(Vec::new()),
        Some(e) => Some(vec![e.clone()]),
        None => None,
    };
    let mut security = SecuritySpec {
        privileged: a.privileged,
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        read_only: a.read_only,
        read_only_tmpfs: a.read_only_tmpfs,
        ..SecuritySpec::default()
    };
    for opt in &a.security_opt {
        security.apply_opt(opt)?;
    }
    for u in &a.ulimit {
        security.ulimits.push(spec::parse_ulimit(u)?);
    }
    for kv in &a.sysctl {
        let Some((k, v)) = kv.split_once('=') else {
            bail!("invalid --sysctl {kv:?} (use KEY=VALUE)")
        };
        security.sysctls.push((k.to_string(), v.to_string()));
    }
    for d in &a.device {
        security.devices.push(spec::parse_device(d)?);
    }
    let mut mounts = Vec::new();
    for v in &a.volume {
        mounts.push(spec::mounts::parse_volume(v)?);
    }
    for m in &a.mount {
        mounts.push(spec::mounts::parse_mount(m)?);
    }
    for t in &a.tmpfs {
        mounts.push(spec::mounts::parse_tmpfs(t)?);
    }
    for m in mounts.iter_mut() {
        host_path_absolute(m)?;
    }
    Ok(ContainerSpec {
        image: a.image.clone().unwrap_or_default(),
        name: a.name.clone(),
        replace: a.replace,
        entrypoint,
        command: a.command.clone(),
        env,
        unsetenv: a.unsetenv.clone(),
        unsetenv_all: a.unsetenv_all,
        workdir: a.workdir.clone(),
        make_workdir: false,
        user: a.user.clone(),
        hostname: a.hostname.clone(),
        labels,
        interactive: a.interactive,
        tty: a.tty,
        init: a.init,
        sdnotify: a.sdnotify.clone(),
        remove: a.rm,
        restart: RestartPolicy::parse(&a.restart)?,
        stop_signal: a.stop_signal.clone(),
        stop_timeout: a.stop_timeout,
        log: LogSpec {
            driver: a.log_driver.clone(),
            max_size: log_max_size,
        },
        network: a.net.to_spec()?,
        resources: {
            let mut r = spec::Resources {
                cgroups: spec::CgroupsMode::parse(&a.cgroups)?,
                ..a.resources.to_resources()?
            };
            a.cgroup.apply(&mut r)?;
            r
        },
        health: a.health.to_spec()?,
        security,
        userns: UsernsSpec {
            mode: a.userns.clone(),
            uidmap: a.uidmap.clone(),
            gidmap: a.gidmap.clone(),
        },
        mounts,
        volumes_from: a.volumes_from.clone(),
        pidfile: a.pidfile.clone(),
        pull: PullPolicy::parse(&a.pull)?,
        platform: a.platform.wanted()?.map(|w| w.to_string()),
        storage_driver: g.storage_driver.clone(),
        create_command: std::env::args().collect(),
        process: spec::process::ProcessSpec {
            init_ctr: a.init_ctr.clone(),
            ..a.process.to_spec()?
        },
        env_merge: a.process.env_merge.clone(),
        annotations,
        requires: a
            .requires
            .iter()
            .flat_map(|r| r.split(','))
            .filter(|r| !r.is_empty())
            .map(String::from)
            .collect(),
        conmon_pidfile: a.conmon_pidfile.clone(),
        namespaces: a.namespaces.to_spec(),
        pod: match (&a.pod, &a.pod_id_file) {
            (Some(_), Some(_)) => bail!("--pod and --pod-id-file name the pod twice: give one"),
            (Some(p), None) => Some(p.clone()),
            (None, Some(f)) => Some(
                std::fs::read_to_string(f)
                    .with_context(|| format!("reading the pod id file {}", f.display()))?
                    .trim()
                    .to_string(),
            ),
            (None, None) => None,
        },
        pause: false,
    })
}

/// A bind's host path, relative to where den runs, made absolute (`run`,
/// `build` and `pod create` alike).
pub(super) fn host_path_absolute(m: &mut spec::Mount) -> Result<()> {
    if m.kind == spec::MountKind::Bind && !m.source.starts_with('/') {
        let abs = std::path::absolute(&m.source)
            .with_context(|| format!("resolving the host path {:?}", m.source))?;
        m.source = abs.display().to_string();
    }
    Ok(())
}

/// `--pull`: podman's words in any case, with its aliases; the canonical one.
fn pull_policy(s: &str) -> std::result::Result<String, String> {
    use crate::engine::spec::PullPolicy;
    Ok(match PullPolicy::parse(s).map_err(|e| e.to_string())? {
        PullPolicy::Always => "always",
        PullPolicy::Missing => "missing",
        PullPolicy::Never => "never",
        PullPolicy::Newer => "newer",
    }
    .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The spec `den create ARGS` makes (with `SOME=thing` in den's env).
    fn spec(args: &[&str]) -> serde_json::Value {
        #[derive(clap::Parser)]
        struct Cmd {
            #[command(flatten)]
            a: CreateArgs,
        }
        let cmd = Cmd::try_parse_from(std::iter::once("create").chain(args.iter().copied()))
            .expect("flags");
        let g = Globals {
            root: None,
            runroot: None,
            storage_driver: None,
            log_level: "warn".into(),
        };
        let mut v = serde_json::to_value(spec_of(&cmd.a, &g).expect("spec")).expect("json");
        v.as_object_mut().expect("object").remove("create_command");
        v
    }

    #[test]
    fn flags_translate_into_a_spec() {
        let v = spec(&[
            "--name",
            "web",
            "--rm",
            "-e",
            "A=1",
            "-e",
            "A=2",
            "-w",
            "/srv",
            "-u",
            "1000:1000",
            "-l",
            "tier=front",
            "--entrypoint",
            r#"["/bin/sh","-c"]"#,
            "-p",
            "127.0.0.1:8080:80",
            "--network",
            "pasta:--map-gw",
            "--dns",
            "9.9.9.9",
            "--add-host",
            "db:10.0.0.5",
            "--cap-add",
            "NET_ADMIN",
            "--security-opt",
            "no-new-privileges",
            "--security-opt",
            "unmask=ALL",
            "--ulimit",
            "nofile=1024:2048",
            "--sysctl",
            "net.ipv4.ip_forward=1",
            "--read-only",
            "--restart",
            "no",
            "--log-opt",
            "max-size=10m",
            "--pull",
            "never",
            "-v",
            "/srv/data:/data:ro,U",
            "-v",
            "cache:/cache:nocopy",
            "--mount",
            "type=tmpfs,dst=/scratch,tmpfs-size=64m",
            "--tmpfs",
            "/run:mode=700",
            "--volumes-from",
            "other:ro",
            "busybox",
            "echo",
            "hi",
        ]);
        let want = serde_json::json!({
            "image": "busybox", "name": "web", "replace": false,
            "entrypoint": ["/bin/sh", "-c"], "command": ["echo", "hi"],
            "env": ["A=1", "A=2"], "unsetenv": [], "unsetenv_all": false, "workdir": "/srv", "make_workdir": false, "user": "1000:1000", "hostname": null,
            "labels": {"tier": "front"}, "interactive": false, "tty": false, "init": false, "sdnotify": "conmon",
            "remove": true, "restart": {"policy": "no", "max_retries": 0},
            "stop_signal": null, "stop_timeout": null,
            "log": {"driver": "k8s-file", "max_size": 10_000_000},
            "network": {
                "modes": ["pasta:--map-gw"], "aliases": [], "ip": null,
                "publish": [{"host_ip": "127.0.0.1", "host_port": 8080, "container_port": 80, "protocol": "tcp", "range": 1}],
                "publish_all": false, "expose": [], "dns": ["9.9.9.9"], "dns_search": [], "dns_options": [],
                "add_hosts": [["db", "10.0.0.5"]], "mac_address": null, "shared_ports": false
            },
            "security": {
                "privileged": false, "cap_add": ["NET_ADMIN"], "cap_drop": [],
                "no_new_privileges": true, "seccomp": null, "mask": [], "unmask": ["ALL"],
                "read_only": true, "read_only_tmpfs": true,
                "ulimits": [["nofile", 1024, 2048]], "sysctls": [["net.ipv4.ip_forward", "1"]],
                "devices": []
            },
            "userns": {"mode": null, "uidmap": [], "gidmap": []},
            "mounts": [
                {"type": "bind", "source": "/srv/data", "destination": "/data", "read_only": true,
                 "recursive": true, "propagation": "rprivate", "chown": true, "overlay": false,
                 "copy_up": true, "suid": null, "dev": null, "exec": null, "size": null, "mode": null},
                {"type": "volume", "source": "cache", "destination": "/cache", "read_only": false,
                 "recursive": true, "propagation": "rprivate", "chown": false, "overlay": false,
                 "copy_up": false, "suid": null, "dev": null, "exec": null, "size": null, "mode": null},
                {"type": "tmpfs", "source": "", "destination": "/scratch", "read_only": false,
                 "recursive": true, "propagation": "rprivate", "chown": false, "overlay": false,
                 "copy_up": true, "suid": null, "dev": null, "exec": null, "size": "64m", "mode": null},
                {"type": "tmpfs", "source": "", "destination": "/run", "read_only": false,
                 "recursive": true, "propagation": "rprivate", "chown": false, "overlay": false,
                 "copy_up": true, "suid": null, "dev": null, "exec": null, "size": null, "mode": 0o700}
            ],
            "volumes_from": ["other:ro"],
            "pidfile": null, "pull": "never", "platform": null, "storage_driver": null,
            "resources": {
                "memory": null, "memory_reservation": null, "memory_swap": null,
                "nano_cpus": null, "cpu_quota": null, "cpu_period": null, "cpu_shares": null,
                "cpuset_cpus": null, "cpuset_mems": null, "pids_limit": null,
                "blkio_weight": null, "cgroups": "enabled",
                "io": {"weight_device": [], "read_bps": [], "write_bps": [], "read_iops": [], "write_iops": []},
                "memory_swappiness": null, "oom_kill_disable": false, "cpu_rt_period": null,
                "cpu_rt_runtime": null, "cgroup_conf": [], "cgroup_parent": null
            },
            "health": {
                "test": null, "interval": null, "timeout": null, "start_period": null,
                "start_interval": null, "retries": null, "on_failure": "none", "disabled": false
            },
            "process": {
                "umask": null, "group_add": [], "personality": null, "oom_score_adj": null,
                "timeout": null, "shm_size": null, "no_hosts": false, "tz": null,
                "no_passwd": false, "passwd_entry": null, "hostusers": [], "init_path": null,
                "preserve_fds": 0, "secrets": [], "image_volume": null, "seccomp_policy": null,
                "systemd": null, "chrootdirs": [], "init_ctr": null
            },
            "env_merge": [], "annotations": {}, "requires": [], "conmon_pidfile": null,
            "namespaces": {"ipc": null, "pid": null, "uts": null, "cgroupns": null},
            "pod": null, "pause": false
        });
        assert_eq!(v, want, "{v:#}");
        // A relative host path is made absolute against where den runs.
        let rel = spec(&["-v", "./here:/x", "busybox"]);
        let cwd = std::env::current_dir().expect("cwd");
        assert_eq!(
            rel["mounts"][0]["source"],
            serde_json::json!(cwd.join("./here").display().to_string().replace("/./", "/"))
        );
    }

    #[test]
    fn bad_flags_are_caught_in_translation() {
        #[derive(clap::Parser)]
        struct Cmd {
            #[command(flatten)]
            a: CreateArgs,
        }
        let g = Globals {
            root: None,
            runroot: None,
            storage_driver: None,
            log_level: "warn".into(),
        };
        for bad in [
            &["--restart", "sometimes", "busybox"][..],
            &["--log-opt", "color=red", "busybox"],
            &["--ulimit", "bogus=1", "busybox"],
            &["-p", "notaport", "busybox"],
            &["--security-opt", "selinux=on", "busybox"],
            &["--device", "/etc/passwd", "busybox"],
            &["--entrypoint", "[oops", "busybox"],
        ] {
            let cmd = Cmd::try_parse_from(std::iter::once("create").chain(bad.iter().copied()))
                .expect("flags");
            assert!(spec_of(&cmd.a, &g).is_err(), "{bad:?}");
        }
    }
}
