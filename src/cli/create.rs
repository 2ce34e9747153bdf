//! `den create` and the container flags `run` shares with it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use super::image::AccessArgs;
use super::Globals;
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::container::process::parse_signal;
use crate::container::{ContainerConfig, Containers};
use crate::image::manifest::ImageConfig;
use crate::image::progress::Progress;
use crate::image::pull::{self, PullOptions};
use crate::image::reference::Reference;
use crate::image::{lookup, store::Store};
use crate::runtime::userns;
use crate::util::ids;

/// How a container is made: the flags of `create` and `run`.
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
    /// Set environment variables (KEY=VALUE, or KEY to take it from den's environment)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
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
    /// Set metadata (KEY=VALUE)
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Signal that stops the container (default: the image's STOPSIGNAL, else TERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Log driver: k8s-file, json-file, none, passthrough
    #[arg(long, value_name = "DRIVER", default_value = "k8s-file",
          value_parser = ["k8s-file", "json-file", "none", "passthrough"])]
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
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Host devices the user can open: HOST[:CONTAINER]
    #[arg(long, value_name = "HOST[:CONTAINER]")]
    pub device: Vec<String>,
    /// With --read-only: tmpfs on /tmp, /run and /var/tmp
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true")]
    pub read_only_tmpfs: bool,
    /// Run an init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub init: bool,
    /// Write the container's pid (as the host sees it) to this file when it starts
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, value_name = "POLICY", default_value = "missing",
          value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// Suppress pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The image to run
    pub image: String,
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

fn parse_restart(s: &str) -> Result<(String, u32)> {
    let (policy, max) = match s.split_once(':') {
        Some((p, n)) => (p, Some(n)),
        None => (s, None),
    };
    if !matches!(policy, "no" | "on-failure" | "always" | "unless-stopped") {
        bail!("invalid restart policy {s:?} (use no, on-failure[:N], always or unless-stopped)");
    }
    let max = match max {
        Some(n) if policy == "on-failure" => n
            .parse()
            .with_context(|| format!("invalid restart count in {s:?}"))?,
        Some(_) => bail!("only on-failure takes a retry count ({s:?})"),
        None => 0,
    };
    Ok((policy.to_string(), max))
}

/// Validate the flags, find (or pull) the image and record the container.
pub fn create_container(paths: &Paths, g: &Globals, a: &CreateArgs) -> Result<ContainerConfig> {
    if let Some(n) = &a.name {
        if !ids::is_valid_name(n) {
            bail!("invalid container name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
        }
    }
    if let Some(h) = &a.hostname {
        if h.is_empty() || h.len() > 64 || h.contains(char::is_whitespace) {
            bail!("invalid hostname {h:?} (use up to 64 characters, no spaces)");
        }
    }
    let (restart, restart_max) = parse_restart(&a.restart)?;
    if a.rm && restart != "no" {
        bail!(
            "the --rm option conflicts with --restart {} (choose one)",
            a.restart
        );
    }
    let mut labels = BTreeMap::new();
    for l in &a.labels {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        if k.is_empty() {
            bail!("invalid label {l:?} (use KEY=VALUE)");
        }
        labels.insert(k.to_string(), v.to_string());
    }
    let mut log_max_size = crate::config::settings::Settings::load(paths)?.log_max_size;
    for o in &a.log_opt {
        match o.split_once('=') {
            Some(("max-size", v)) => log_max_size = crate::util::human::parse_size(v)?,
            Some(("tag", _)) | Some(("path", _)) => {}
            _ => bail!("unsupported --log-opt {o:?} (den knows max-size=SIZE)"),
        }
    }
    if let Some(f) = &a.cidfile {
        if f.exists() {
            bail!(
                "the cidfile {} already exists (remove it, or choose another path)",
                f.display()
            );
        }
    }
    // An image id (hex) is fine too; anything else must be a valid reference.
    if !a.image.bytes().all(|b| b.is_ascii_hexdigit()) {
        Reference::parse(&a.image)?;
    }
    let security = security_of(a)?;
    let userns = userns_of(a, &paths.home)?;
    let mut env_from_files = Vec::new();
    for f in &a.env_file {
        env_from_files.extend(read_env_file(f)?);
    }

    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let mut image = lookup::find(&store.images()?, &a.image, &regs.search_registries())?.cloned();
    if a.pull == "always" || (image.is_none() && a.pull != "never") {
        let owners = userns::enter()?;
        let opts = PullOptions {
            access: a.access.access()?,
            progress: Progress::new(a.quiet),
        };
        let id = pull::pull(paths, &a.image, &opts, owners)?;
        image = store.images()?.into_iter().find(|i| i.id == id);
    }
    let Some(image) = image else {
        bail!(
            "{}: image not known (pull it, or run with --pull=missing)",
            a.image
        );
    };
    let config = ImageConfig::parse(&store.read_blob(&format!("sha256:{}", image.id))?)?;
    let ic = config.config.clone().unwrap_or_default();
    let exposed: Vec<String> = ic
        .exposed_ports
        .as_ref()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let (mut mode, net) = a.net.resolve(paths, &exposed)?;
    crate::network::check_tun(&mode)?;
    if let crate::network::Mode::Container(name) = &mode {
        // Recorded by id: the name may change.
        let target = Containers::new(paths).find(name)?;
        mode = crate::network::Mode::Container(target.id);
    }

    let entrypoint: Vec<String> = match &a.entrypoint {
        Some(e) if e.trim_start().starts_with('[') => {
            serde_json::from_str(e).context("--entrypoint is not a valid JSON array of strings")?
        }
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) => vec![e.clone()],
        None => ic.entrypoint.clone().unwrap_or_default(),
    };
    let cmd: Vec<String> = if !a.command.is_empty() {
        a.command.clone()
    } else if a.entrypoint.is_some() {
        Vec::new()
    } else {
        ic.cmd.clone().unwrap_or_default()
    };
    let args: Vec<String> = entrypoint.iter().chain(cmd.iter()).cloned().collect();
    if args.is_empty() {
        bail!(
            "no command given and the image {} has none (give one after the image name)",
            a.image
        );
    }
    let mut env = ic.env.clone().unwrap_or_default();
    for kv in env_from_files
        .into_iter()
        .chain(a.env.iter().filter_map(|e| expand_env(e)))
    {
        set_env(&mut env, kv);
    }
    let stop_signal = match a.stop_signal.as_deref().or(ic.stop_signal.as_deref()) {
        Some(s) => parse_signal(s).with_context(|| format!("invalid stop signal {s:?}"))?,
        None => 15,
    };
    let workdir = a
        .workdir
        .clone()
        .or(ic.working_dir.clone())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".into());
    if !workdir.starts_with('/') {
        bail!("the working directory {workdir:?} must be an absolute path");
    }

    let containers = Containers::new(paths);
    if a.replace {
        if let Some(name) = &a.name {
            if let Ok(old) = containers.find(name) {
                if old.name == *name {
                    // Stop from the host's user namespace, then enter den's to remove.
                    crate::container::ops::stop(&containers, &old, Some(0))?;
                    userns::enter()?;
                    crate::container::ops::remove(&containers, &old, true)?;
                }
            }
        }
    }
    let id = ids::new_id();
    let cfg = ContainerConfig {
        id: id.clone(),
        name: a.name.clone().unwrap_or_default(),
        image_id: image.id.clone(),
        image_name: image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id.clone()),
        layers: image.layers.clone(),
        args,
        entrypoint,
        cmd,
        env,
        workdir,
        user: a
            .user
            .clone()
            .or_else(|| {
                let k = userns.as_ref()?.keep_id.as_ref()?;
                Some(format!("{}:{}", k.uid, k.gid))
            })
            .or(ic.user.clone())
            .unwrap_or_default(),
        hostname: a.hostname.clone().unwrap_or_else(|| id[..12].to_string()),
        network: mode.to_flag(),
        net,
        interactive: a.interactive,
        remove: a.rm,
        created: chrono::Utc::now(),
        driver: g.storage_driver.clone().unwrap_or_default(),
        labels,
        restart,
        restart_max,
        stop_signal,
        stop_timeout: a.stop_timeout.unwrap_or(10),
        log_driver: if a.log_driver == "json-file" {
            "k8s-file".into()
        } else {
            a.log_driver.clone()
        },
        log_max_size,
        create_command: std::env::args().collect(),
        init: a.init,
        tty: a.tty,
        security,
        userns,
        pidfile: a
            .pidfile
            .as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
    };
    let filter =
        crate::runtime::seccomp::filter_for(&cfg.security, &paths.runtime.join("seccomp"))?;
    store.ensure()?;
    let cfg = containers.create(cfg, filter.as_deref())?;
    if let Some(f) = &a.cidfile {
        std::fs::write(f, &cfg.id)
            .with_context(|| format!("writing the cidfile {}", f.display()))?;
    }
    Ok(cfg)
}

/// The container's own user namespace from --userns, --uidmap, --gidmap.
fn userns_of(
    a: &CreateArgs,
    home: &std::path::Path,
) -> Result<Option<crate::runtime::usermaps::UserMaps>> {
    use crate::runtime::{idmap, usermaps};
    let flags = usermaps::Flags {
        userns: a.userns.as_deref(),
        uidmap: &a.uidmap,
        gidmap: &a.gidmap,
    };
    if flags.userns.is_none_or(|m| m.is_empty() || m == "host")
        && a.uidmap.is_empty()
        && a.gidmap.is_empty()
    {
        return Ok(None);
    }
    let maps = idmap::host_maps()?;
    if maps.single {
        let (what, fix) = idmap::missing_ranges().unwrap_or_default();
        bail!("--userns and --uidmap/--gidmap need subordinate id ranges: {what} (add a free range with: {fix})");
    }
    let size = |m: &[idmap::IdRange]| m.iter().map(|r| r.count).sum::<u32>();
    let uid = rustix::process::getuid().as_raw();
    let me = usermaps::KeepId {
        name: idmap::user_name(uid).unwrap_or_else(|| format!("user{uid}")),
        uid,
        gid: rustix::process::getgid().as_raw(),
        home: home.display().to_string(),
    };
    usermaps::from_flags(&flags, size(&maps.uid), size(&maps.gid), me)
}

/// `--privileged`: every host device you can open (as podman does rootless),
/// besides the ones every container has.
fn host_devices() -> Vec<(String, String)> {
    use std::os::unix::fs::FileTypeExt;
    let mut found = Vec::new();
    for dir in ["/dev", "/dev/net"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(ft) = e.file_type() else { continue };
            let name = path.display().to_string();
            let common = dir == "/dev"
                && crate::runtime::mounts::DEVICES
                    .iter()
                    .any(|d| e.file_name() == *d);
            if (ft.is_char_device() || ft.is_block_device())
                && !common
                && !matches!(name.as_str(), "/dev/console" | "/dev/ptmx")
                && rustix::fs::access(
                    &path,
                    rustix::fs::Access::READ_OK | rustix::fs::Access::WRITE_OK,
                )
                .is_ok()
            {
                found.push((name.clone(), name));
            }
        }
    }
    found.sort();
    found
}

/// The security settings from the flags.
fn security_of(a: &CreateArgs) -> Result<crate::runtime::security::Security> {
    use crate::runtime::security::{resolve_caps, Security};
    let mut s = Security {
        caps: resolve_caps(&a.cap_add, &a.cap_drop, a.privileged)?,
        privileged: a.privileged,
        read_only_root: a.read_only,
        read_only_tmpfs: a.read_only_tmpfs,
        ..Security::default()
    };
    for opt in &a.security_opt {
        let (k, v) = opt.split_once('=').unwrap_or((opt.as_str(), ""));
        let paths = || {
            v.split(':')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        match (k, v) {
            ("no-new-privileges", "" | "true") => s.no_new_privileges = true,
            ("no-new-privileges", "false") => s.no_new_privileges = false,
            ("mask", _) => s.masked.extend(paths()),
            ("unmask", "ALL") => s.masked.clear(),
            ("unmask", _) => {
                let drop = paths();
                s.masked.retain(|m| !drop.contains(m));
            }
            ("seccomp", "") => bail!("--security-opt seccomp needs a value (seccomp=unconfined or seccomp=PROFILE.json)"),
            ("seccomp", "unconfined") => s.seccomp = None,
            ("seccomp", path) => s.seccomp = Some(path.to_string()),
            ("label", _) | ("apparmor", _) => {}
            _ => bail!("unsupported --security-opt {opt:?} (use no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS or unmask=PATHS|ALL)"),
        }
    }
    if a.privileged {
        s.seccomp = None;
        s.devices.extend(host_devices());
    }
    for u in &a.ulimit {
        s.ulimits.push(crate::runtime::security::parse_ulimit(u)?);
    }
    for kv in &a.sysctl {
        let Some((k, v)) = kv.split_once('=') else {
            bail!("invalid --sysctl {kv:?} (use KEY=VALUE)")
        };
        crate::runtime::security::check_sysctl(k)?;
        s.sysctls.push((k.to_string(), v.to_string()));
    }
    for d in &a.device {
        let mut parts = d.splitn(3, ':');
        let host = parts.next().unwrap_or("");
        let inside = parts.next().filter(|p| p.starts_with('/')).unwrap_or(host);
        if !host.starts_with("/dev/") || !inside.starts_with("/dev/") || inside.contains("..") {
            bail!("invalid --device {d:?} (use /dev/HOST[:/dev/CONTAINER])");
        }
        if let Err(e) = std::fs::OpenOptions::new().read(true).open(host) {
            bail!("cannot use the device {host}: {e} (you must be able to open it yourself)");
        }
        s.devices.push((host.to_string(), inside.to_string()));
    }
    for p in s.masked.iter() {
        if !p.starts_with('/') {
            bail!("masked path {p:?} must be absolute");
        }
    }
    Ok(s)
}

pub(super) fn expand_env(e: &str) -> Option<String> {
    if e.contains('=') {
        Some(e.to_string())
    } else {
        std::env::var(e).ok().map(|v| format!("{e}={v}"))
    }
}

pub(super) fn set_env(env: &mut Vec<String>, kv: String) {
    let key = kv.split('=').next().unwrap_or("").to_string();
    env.retain(|e| e.split('=').next() != Some(key.as_str()));
    env.push(kv);
}

/// KEY=VALUE lines; `#` comments and blank lines skipped; a bare KEY takes den's value.
pub(super) fn read_env_file(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the env file {} (check --env-file)", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line.split('=').next().unwrap_or("");
        if key.is_empty() || key.contains(char::is_whitespace) {
            bail!(
                "{} line {}: {line:?} is not KEY=VALUE",
                path.display(),
                n + 1
            );
        }
        if let Some(kv) = expand_env(line) {
            out.push(kv);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_restart_policies() {
        use crate::util::human::parse_size;
        assert_eq!(parse_size("10m").expect("10m"), 10_000_000);
        assert_eq!(parse_size("1kb").expect("1kb"), 1000);
        assert_eq!(parse_size("512").expect("512"), 512);
        assert_eq!(parse_size("-1").expect("-1"), 0);
        assert!(parse_size("lots").is_err());
        assert_eq!(
            parse_restart("on-failure:3").expect("p"),
            ("on-failure".into(), 3)
        );
        assert_eq!(parse_restart("always").expect("p"), ("always".into(), 0));
        assert!(parse_restart("always:3").is_err());
        assert!(parse_restart("sometimes").is_err());
    }
}
