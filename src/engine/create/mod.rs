//! Making a container from a [`ContainerSpec`]: the image (pulled if the
//! policy says so), its defaults under the spec, the network, user
//! namespace and security resolved against this host, the seccomp filter
//! compiled, and the record written.

mod image;
mod mounts;
mod network;

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::container::process::parse_signal;
use crate::container::{ContainerConfig, Containers};
use crate::engine::spec::ContainerSpec;
use crate::error::Error;
use crate::image::manifest::ImageConfig;
use crate::image::pull::PullOptions;
use crate::image::reference::Reference;
use crate::image::store::Store;
use crate::network::Mode;
use crate::runtime::nsmodes::{NsMode, NsModes};
use crate::runtime::security;
use crate::util::ids;

/// Create the container `spec` describes; `pull` is asked how to fetch
/// its image only if it must be pulled (so registry options are checked
/// only then).
pub fn create(
    paths: &Paths,
    spec: &ContainerSpec,
    pull: &dyn Fn() -> Result<PullOptions>,
) -> Result<ContainerConfig> {
    create_with(paths, spec, pull, &mut |_| Ok(()))
}

/// As [`create`], with `before_record` shown the container once it is
/// checked, before it is recorded (its name still empty if den is to
/// choose one): `run` forks its supervisor there (`start::Early`).
pub fn create_with(
    paths: &Paths,
    spec: &ContainerSpec,
    pull: &dyn Fn() -> Result<PullOptions>,
    before_record: &mut dyn FnMut(&ContainerConfig) -> Result<()>,
) -> Result<ContainerConfig> {
    spec.validate()?;
    // In a pod: the infra container's namespaces, and it first.
    let in_pod;
    let spec = match &spec.pod {
        Some(p) => {
            in_pod = super::pods::member_spec(paths, spec, p)?;
            &in_pod
        }
        None => spec,
    };
    // --preserve-fds: the descriptors must be there now (before anything
    // is made), as when the container starts.
    crate::runtime::activation::check_open(spec.process.preserve_fds)
        .map_err(|m| Error::invalid("process.preserve_fds", m))?;
    // An image id (hex) is fine too; anything else must be a valid reference.
    if !spec.image.bytes().all(|b| b.is_ascii_hexdigit()) {
        Reference::parse(&spec.image)?;
    }
    let log_max_size = match spec.log.max_size {
        Some(n) => n,
        None => crate::config::settings::Settings::load(paths)?.log_max_size,
    };
    let mut security = security_of(&spec.security)?;
    // As podman on cgroup v2 (den's only cgroups): dropped with its words.
    if spec.resources.cpu_rt_period.is_some() {
        crate::warn!("Realtime period not supported on cgroups V2 systems");
    }
    if spec.resources.cpu_rt_runtime.is_some() {
        crate::warn!("Realtime runtime not supported on cgroups V2 systems");
    }
    crate::cgroups::check(&spec.resources)?;
    let userns = userns_of(&spec.userns, &paths.home)?;
    crate::util::log::phase("spec checked (settings, limits probe)");

    let store = Store::new(paths);
    let image = image::find(paths, &store, spec, pull)?;
    let blob = store.read_blob(&format!("sha256:{}", image.id))?;
    let config = ImageConfig::parse(&blob)?;
    // HEALTHCHECK is Docker's, beside the OCI fields.
    let image_health = serde_json::from_slice::<serde_json::Value>(&blob)
        .ok()
        .and_then(|v| v.get("config").and_then(|c| c.get("Healthcheck")).cloned());
    let ic = config.config.clone().unwrap_or_default();
    let mut exposed: Vec<String> = ic
        .exposed_ports
        .as_ref()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for e in &spec.network.expose {
        exposed.extend(super::spec::expose_ports(e)?);
    }
    let (mut mode, net) = network::resolve(paths, &spec.network, &exposed)?;
    crate::network::check_tun(&mode)?;
    if let Mode::Container(name) = &mode {
        // Recorded by id: the name may change.
        let target = Containers::new(paths).find(name)?;
        mode = Mode::Container(target.id);
    }

    let entrypoint: Vec<String> = match &spec.entrypoint {
        Some(e) => e.clone(),
        None => ic.entrypoint.clone().unwrap_or_default(),
    };
    let cmd: Vec<String> = if !spec.command.is_empty() {
        spec.command.clone()
    } else if spec.entrypoint.is_some() {
        Vec::new()
    } else {
        ic.cmd.clone().unwrap_or_default()
    };
    let mut args: Vec<String> = entrypoint.iter().chain(cmd.iter()).cloned().collect();
    if args.is_empty() {
        bail!(
            "no command given and the image {} has none (give one after the image name)",
            spec.image
        );
    }
    let mut env = ic.env.clone().unwrap_or_default();
    // podman's default (containers.conf's env), under the image's and the
    // user's.
    if !env.iter().any(|e| e.starts_with("TERM=")) {
        env.insert(0, "TERM=xterm".to_string());
    }
    // --unsetenv KEY, --unsetenv-all: defaults out, the user's own kept.
    env.retain(|e| {
        let key = e.split('=').next().unwrap_or_default();
        !spec.unsetenv_all && !spec.unsetenv.iter().any(|u| u == key)
    });
    // --env-merge, as podman's: ${KEY} and $KEY from the defaults and the
    // image's; a variable neither has is set all the same (podman's
    // "need not be defined in the image": it was dropped); -e still wins.
    let mut defaults = env.clone();
    if !defaults.iter().any(|e| e.starts_with("PATH=")) {
        defaults.push(format!("PATH={}", crate::runtime::init::DEFAULT_PATH));
    }
    for kv in &spec.env_merge {
        set_env(&mut env, expand_vars(kv, &defaults));
    }
    for kv in &spec.env {
        set_env(&mut env, kv.clone());
    }
    let stop_signal = match spec.stop_signal.as_deref().or(ic.stop_signal.as_deref()) {
        Some(s) => parse_signal(s).with_context(|| format!("invalid stop signal {s:?}"))?,
        None => 15,
    };
    let workdir = spec
        .workdir
        .clone()
        .or(ic.working_dir.clone())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".into());
    if !workdir.starts_with('/') {
        bail!("the working directory {workdir:?} must be an absolute path");
    }

    let containers = Containers::new(paths);
    let image_volumes: Vec<String> = ic
        .volumes
        .as_ref()
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    let volumes = crate::volume::Volumes::new(paths);
    let mut planned = mounts::plan(&containers, &volumes, spec, &image_volumes)?;
    // --init-path: that program, bound in, is PID 1 instead of den's init
    // (as podman runs catatonit: `/run/podman-init -- COMMAND`).
    let mut init = spec.init;
    if let Some(path) = &spec.process.init_path {
        if !spec.init {
            return Err(Error::invalid(
                "process.init_path",
                "--init-path names the init --init runs: give --init too",
            ));
        }
        init = false;
        args.splice(0..0, [INIT_PATH.to_string(), "--".to_string()]);
        planned.mounts.push(crate::container::mounts::Mount {
            source: path.display().to_string(),
            destination: INIT_PATH.into(),
            read_only: true,
            recursive: false,
            ..Default::default()
        });
    }
    if spec.replace {
        if let Some(name) = &spec.name {
            if let Ok(old) = containers.find(name) {
                if old.name == *name {
                    // Stop from the host's user namespace, then remove from
                    // den's, in a child: this process stays in the host's,
                    // from where it can still join a user network's
                    // namespace to start the new one.
                    crate::container::ops::stop(&containers, &old, Some(0))?;
                    super::containers::in_den_userns(|| {
                        crate::container::ops::remove(&containers, &old, true)
                    })?;
                }
            }
        }
    }
    let namespaces = namespaces_of(&spec.namespaces, &containers)?;
    if let Some(h) = &spec.hostname {
        if namespaces.uts != NsMode::Private {
            return Err(Error::invalid("hostname", format!("--hostname {h}: the container shares its UTS namespace (--uts), so it has that one's host name")));
        }
    }
    if spec.process.shm_size.is_some()
        && matches!(
            namespaces.ipc,
            NsMode::Host | NsMode::None | NsMode::Container(_)
        )
    {
        return Err(Error::invalid("process.shm_size", "--shm-size cannot be set when the container does not have an IPC namespace of its own (--ipc)"));
    }
    let id = ids::new_id();
    // --seccomp-policy image: the image's own profile, if it has one (and
    // no other was asked for).
    if spec.process.seccomp_policy.as_deref() == Some("image")
        && spec.security.seccomp.is_none()
        && !spec.security.privileged
    {
        if let Some(profile) = ic.labels.as_ref().and_then(|l| l.get(SECCOMP_LABEL)) {
            let dir = paths.runtime.join("seccomp");
            std::fs::create_dir_all(&dir)?;
            let file = dir.join(format!("image-{}.json", &image.id[..12]));
            crate::util::fs::write_atomic(&file, profile.as_bytes())?;
            security.seccomp = Some(file.display().to_string());
        }
    }
    // --systemd: systemd's tmpfs mounts, stop signal and container_uuid.
    let systemd = match spec.process.systemd.as_deref() {
        Some("always") => true,
        Some("false") => false,
        _ => !spec.init && args.first().is_some_and(|a| is_init(a)),
    };
    let mut stop_signal = stop_signal;
    if systemd {
        for dst in ["/run", "/run/lock", "/tmp", "/var/log/journal"] {
            if !planned
                .mounts
                .iter()
                .any(|m| m.destination.trim_end_matches('/') == dst)
            {
                planned.mounts.push(crate::container::mounts::Mount {
                    kind: crate::container::mounts::MountKind::Tmpfs,
                    destination: dst.into(),
                    ..Default::default()
                });
            }
        }
        if spec.stop_signal.is_none() {
            stop_signal = libc::SIGRTMIN() + 3;
        }
        set_env(&mut env, format!("container_uuid={}", &id[..32]));
    }
    let cfg = ContainerConfig {
        id: id.clone(),
        name: spec.name.clone().unwrap_or_default(),
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
        workdir_given: !spec.make_workdir && spec.workdir.as_deref().is_some_and(|w| !w.is_empty()),
        user: spec
            .user
            .clone()
            .or_else(|| {
                let k = userns.as_ref()?.keep_id.as_ref()?;
                Some(format!("{}:{}", k.uid, k.gid))
            })
            .or(ic.user.clone())
            .unwrap_or_default(),
        hostname: match &namespaces.uts {
            NsMode::Host => rustix::system::uname()
                .nodename()
                .to_string_lossy()
                .into_owned(),
            NsMode::Container(other) => containers.config(other)?.hostname,
            _ => spec
                .hostname
                .clone()
                .unwrap_or_else(|| id[..12].to_string()),
        },
        network: mode.to_flag(),
        net,
        interactive: spec.interactive,
        remove: spec.remove,
        created: chrono::Utc::now(),
        driver: spec.storage_driver.clone().unwrap_or_default(),
        // The image's labels under the user's, as podman copies them
        // (`ps --filter label=`, and `io.containers.autoupdate` set in
        // the image, saw none of them).
        labels: {
            let mut l: std::collections::BTreeMap<String, String> =
                ic.labels.clone().unwrap_or_default().into_iter().collect();
            l.extend(spec.labels.clone());
            l
        },
        restart: spec.restart.policy.clone(),
        restart_max: spec.restart.max_retries,
        stop_signal,
        stop_timeout: spec.stop_timeout.unwrap_or(10),
        log_driver: if spec.log.driver == "json-file" {
            "k8s-file".into()
        } else {
            spec.log.driver.clone()
        },
        log_max_size,
        create_command: spec.create_command.clone(),
        init,
        sdnotify: spec.sdnotify.clone(),
        tty: spec.tty,
        security,
        userns,
        pidfile: spec
            .pidfile
            .as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
        mounts: planned.mounts.clone(),
        resources: spec.resources.clone(),
        health: spec.health.resolve(image_health.as_ref()),
        annotations: spec.annotations.clone(),
        process: procattrs_of(&spec.process)?,
        extras: extras_of(paths, spec, &containers)?,
        namespaces,
    };
    if cfg.sdnotify == "healthy" && cfg.health.is_none() {
        return Err(Error::invalid(
            "sdnotify",
            "--sdnotify=healthy needs a healthcheck (give --health-cmd, or use an image with a HEALTHCHECK)",
        ));
    }
    crate::util::log::phase("mounts planned");
    let filter =
        crate::runtime::seccomp::filter_for(&cfg.security, &paths.runtime.join("seccomp"))?;
    crate::util::log::phase("seccomp filter ready");
    before_record(&cfg)?;
    store.ensure()?;
    // The volumes last, and gone again if the container cannot be made.
    planned.commit(&volumes)?;
    let made = recorded_with_its_image(&store, &containers, cfg, filter.as_deref())
        .inspect_err(|_| planned.undo(&volumes, &containers));
    crate::util::log::phase("container recorded");
    made
}

/// Record `cfg`, its image still there: under a shared hold of the
/// storage lock, which `rmi` and `image prune` hold whole while they look
/// for an image's containers and delete its layers. Either this record
/// comes first and they see the container, or they have removed the image
/// and this refuses: a container was recorded on an image `rmi` had just
/// taken, and its layers deleted under it.
fn recorded_with_its_image(
    store: &Store,
    containers: &Containers,
    cfg: ContainerConfig,
    filter: Option<&[u8]>,
) -> Result<ContainerConfig> {
    let _images = store.lock_shared()?;
    if !cfg.image_id.is_empty() && !store.images()?.iter().any(|i| i.id == cfg.image_id) {
        bail!(
            "the image {} was removed while the container was being made (pull it again)",
            &cfg.image_id[..12.min(cfg.image_id.len())]
        );
    }
    containers.create(cfg, filter)
}

/// `--ipc`, `--pid`, `--uts`, `--cgroupns`, another container's resolved
/// to its id (one with a user namespace of its own cannot be shared).
fn namespaces_of(
    n: &super::spec::namespaces::NamespacesSpec,
    containers: &Containers,
) -> Result<NsModes> {
    let find = |name: &str| -> Result<String> {
        let other = containers.find(name)?;
        if other.userns.is_some() {
            bail!("cannot share the namespaces of {}: it has a user namespace of its own (--userns/--uidmap)", other.name);
        }
        Ok(other.id)
    };
    let mode = |flag: &str, v: &Option<String>, ipc: bool| -> Result<NsMode> {
        let m = NsMode::parse(flag, v.as_deref().unwrap_or(""), ipc, &find);
        m.map_err(|e| Error::invalid(&format!("namespaces.{flag}"), format!("{e:#}")))
    };
    Ok(NsModes {
        ipc: mode("ipc", &n.ipc, true)?,
        pid: mode("pid", &n.pid, false)?,
        uts: mode("uts", &n.uts, false)?,
        cgroup: match n.cgroupns.as_deref() {
            None | Some("") => None,
            Some("private") => Some(true),
            Some("host") => Some(false),
            Some(v) => {
                return Err(Error::invalid(
                    "namespaces.cgroupns",
                    format!("invalid --cgroupns {v:?} (use private or host)"),
                ))
            }
        },
    })
}

/// The label of an image's own seccomp profile (`--seccomp-policy image`).
const SECCOMP_LABEL: &str = "io.containers.seccomp.profile";

/// A command `--systemd=true` takes for systemd, as podman's.
fn is_init(cmd: &str) -> bool {
    matches!(
        cmd,
        "/sbin/init" | "/usr/sbin/init" | "/usr/local/sbin/init"
    ) || std::path::Path::new(cmd)
        .file_name()
        .is_some_and(|n| n == "systemd")
}

/// Where `--init-path`'s program is bound, as podman's.
const INIT_PATH: &str = "/run/podman-init";

/// `$KEY` and `${KEY}` in `text` replaced by their values in `env` (none:
/// empty), as podman's --env-merge does.
pub fn expand_vars(text: &str, env: &[String]) -> String {
    let value = |k: &str| {
        env.iter()
            .find_map(|e| e.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
            .unwrap_or("")
            .to_string()
    };
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, skip) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => (&inner[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], end)
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
        } else {
            out.push_str(&value(name));
            rest = &after[skip..];
        }
    }
    out.push_str(rest);
    out
}

/// The process attributes the spec asks for, resolved.
fn procattrs_of(
    p: &super::spec::process::ProcessSpec,
) -> Result<crate::runtime::procattrs::ProcAttrs> {
    use super::spec::process::{parse_personality, parse_umask};
    let keep_groups = p.group_add.iter().any(|g| g == "keep-groups");
    Ok(crate::runtime::procattrs::ProcAttrs {
        umask: p.umask.as_deref().map(parse_umask).transpose()?,
        group_add: if keep_groups {
            Vec::new()
        } else {
            p.group_add.clone()
        },
        keep_groups,
        personality: p
            .personality
            .as_deref()
            .map(parse_personality)
            .transpose()?,
        oom_score_adj: p.oom_score_adj,
    })
}

/// What the supervisor gives the container besides the image's files.
fn extras_of(
    paths: &Paths,
    spec: &ContainerSpec,
    containers: &Containers,
) -> Result<crate::container::Extras> {
    let p = &spec.process;
    let host_passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let mut hostuser_lines = Vec::new();
    for u in &p.hostusers {
        let line = host_passwd.lines().find(|l| {
            let f: Vec<&str> = l.split(':').collect();
            f.len() == 7 && (f[0] == u || f[2] == u)
        });
        match line {
            Some(l) => hostuser_lines.push(l.to_string()),
            None => {
                return Err(Error::invalid(
                    "process.hostusers",
                    format!("--hostuser {u}: no such user in the host's /etc/passwd"),
                ))
            }
        }
    }
    if let Some(path) = &p.init_path {
        if !path.is_file() {
            return Err(Error::invalid(
                "process.init_path",
                format!(
                    "--init-path {}: no such program on the host",
                    path.display()
                ),
            ));
        }
    }
    let mut requires = Vec::new();
    for r in &spec.requires {
        let id = containers.find(r)?.id;
        if !requires.contains(&id) {
            requires.push(id);
        }
    }
    let store = crate::secret::Secrets::new(paths);
    let mut secrets = Vec::new();
    for want in &p.secrets {
        let found = store.find(&want.name)?;
        let target = want.target.clone().unwrap_or_else(|| want.name.clone());
        let target = if want.env {
            if target.is_empty() || target.contains(['=', '\0']) {
                return Err(Error::invalid(
                    "process.secrets",
                    format!("--secret {}: {target:?} is no variable name", want.name),
                ));
            }
            target
        } else if target.starts_with('/') {
            target
        } else {
            format!("/run/secrets/{target}")
        };
        if !want.env && target.split('/').any(|c| c == "..") {
            return Err(Error::invalid(
                "process.secrets",
                format!(
                    "--secret {}: the target {target} leaves its directory",
                    want.name
                ),
            ));
        }
        secrets.push(crate::container::SecretUse {
            id: found.id,
            name: found.name,
            env: want.env,
            target,
            uid: want.uid,
            gid: want.gid,
            mode: want.mode.unwrap_or(0o444),
        });
    }
    Ok(crate::container::Extras {
        pod: match &spec.pod {
            Some(p) => Some(crate::pod::Pods::new(paths).find(p)?.id),
            None => None,
        },
        pause: spec.pause,
        chrootdirs: p.chrootdirs.clone(),
        init_ctr: match (&p.init_ctr, &spec.pod) {
            (Some(_), None) => {
                return Err(Error::invalid(
                    "process.init_ctr",
                    "--init-ctr is for a pod's containers: give --pod too",
                ))
            }
            (i, _) => i.clone(),
        },
        secrets,
        shm_size: p.shm_size,
        no_hosts: p.no_hosts,
        tz: p.tz.clone(),
        no_passwd: p.no_passwd,
        passwd_entry: p.passwd_entry.clone(),
        hostuser_lines,
        timeout: p.timeout,
        init_path: p.init_path.clone(),
        preserve_fds: p.preserve_fds,
        requires,
        conmon_pidfile: spec
            .conmon_pidfile
            .as_ref()
            .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone())),
    })
}

/// Set `KEY=VALUE` in `env`, replacing an earlier value of KEY.
pub fn set_env(env: &mut Vec<String>, kv: String) {
    let key = kv.split('=').next().unwrap_or("").to_string();
    env.retain(|e| e.split('=').next() != Some(key.as_str()));
    env.push(kv);
}

/// The container's own user namespace, if the spec asks for one.
fn userns_of(
    u: &super::spec::UsernsSpec,
    home: &std::path::Path,
) -> Result<Option<crate::runtime::usermaps::UserMaps>> {
    use crate::runtime::{idmap, usermaps};
    let flags = usermaps::Flags {
        userns: u.mode.as_deref(),
        uidmap: &u.uidmap,
        gidmap: &u.gidmap,
    };
    if flags.userns.is_none_or(|m| m.is_empty() || m == "host")
        && u.uidmap.is_empty()
        && u.gidmap.is_empty()
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

/// Privileged containers get every host device the user can open (as
/// podman does rootless), besides the ones every container has.
fn host_devices() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    for dir in ["/dev", "/dev/net"] {
        devices_below(std::path::Path::new(dir), 0, 0, &mut paths);
    }
    let mut found = Vec::new();
    for path in paths {
        let common = path.parent() == Some(std::path::Path::new("/dev"))
            && crate::runtime::mounts::dev::DEVICES
                .iter()
                .any(|(d, _)| path.file_name().map(|n| n.as_encoded_bytes()) == Some(d.to_bytes()));
        let name = path.display().to_string();
        if !common
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
    found.sort();
    found
}

/// Whether `path` matches `pattern` as Go's `filepath.Match` has it: `*`
/// and `?` within one name, never across a `/`.
fn path_glob(pattern: &str, path: &str) -> bool {
    let (p, n): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == n.len()
        && p.iter()
            .zip(&n)
            .all(|(p, n)| crate::build::ignore::glob_component(p, n))
}

/// The security settings the spec asks for, over podman's defaults.
fn security_of(s: &super::spec::SecuritySpec) -> Result<security::Security> {
    let mut out = security::Security {
        caps: security::resolve_caps(&s.cap_add, &s.cap_drop, s.privileged)?,
        privileged: s.privileged,
        read_only_root: s.read_only,
        read_only_tmpfs: s.read_only_tmpfs,
        no_new_privileges: s.no_new_privileges,
        ..security::Security::default()
    };
    // The defaults less what is unmasked (masked and read-only paths, by
    // podman's glob match: `unmask=/proc/*`; read-only ones stayed, and
    // a pattern matched nothing), then what is masked besides.
    if s.unmask.iter().any(|u| u == "ALL") {
        out.masked.clear();
        out.readonly.clear();
    } else {
        let open = |p: &String| s.unmask.iter().any(|u| path_glob(u, p));
        out.masked.retain(|m| !open(m));
        out.readonly.retain(|m| !open(m));
    }
    out.masked.extend(s.mask.iter().cloned());
    match s.seccomp.as_deref() {
        Some("unconfined") => out.seccomp = None,
        Some(path) => out.seccomp = Some(path.to_string()),
        None => {}
    }
    if s.privileged {
        out.seccomp = None;
        out.devices.extend(host_devices());
    }
    out.ulimits.extend(s.ulimits.iter().cloned());
    out.sysctls.extend(s.sysctls.iter().cloned());
    for (host, inside) in &s.devices {
        // A directory (`--device /dev/dri`): each device below it, as
        // podman adds them (bound as a file it failed the start).
        let found = match std::fs::metadata(host) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                devices_below(std::path::Path::new(host), 0, 8, &mut found);
                if found.is_empty() {
                    bail!("--device {host}: the directory holds no device");
                }
                found
                    .into_iter()
                    .map(|p| {
                        let rel = p.strip_prefix(host).unwrap_or(&p).display().to_string();
                        let inside = inside.trim_end_matches('/');
                        (p.display().to_string(), format!("{inside}/{rel}"))
                    })
                    .collect()
            }
            _ => vec![(host.clone(), inside.clone())],
        };
        for (host, inside) in found {
            // Asked, not opened: a terminal or a serial line below a
            // directory could block an open, or become den's terminal.
            if let Err(e) = rustix::fs::access(&host, rustix::fs::Access::READ_OK) {
                bail!("cannot use the device {host}: {e} (you must be able to open it yourself)");
            }
            out.devices.push((host, inside));
        }
    }
    Ok(out)
}

/// The character and block devices below `dir` (links not followed),
/// in directories down to `max_depth` below it (0: `dir`'s own).
fn devices_below(
    dir: &std::path::Path,
    depth: u32,
    max_depth: u32,
    found: &mut Vec<std::path::PathBuf>,
) {
    use std::os::unix::fs::FileTypeExt;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_char_device() || ft.is_block_device() {
            found.push(e.path());
        } else if ft.is_dir() && depth < max_depth {
            devices_below(&e.path(), depth + 1, max_depth, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::spec::SecuritySpec;

    /// The masked paths after `--security-opt` values, applied in order.
    fn masked(opts: &[&str]) -> Vec<String> {
        let mut s = SecuritySpec::default();
        for o in opts {
            s.apply_opt(o).expect("option");
        }
        security_of(&s).expect("security").masked
    }

    #[test]
    fn env_merge_expands_the_values_so_far() {
        let env = vec!["PATH=/usr/bin:/bin".to_string(), "A=1".to_string()];
        assert_eq!(
            expand_vars("PATH=/opt/bin:${PATH}", &env),
            "PATH=/opt/bin:/usr/bin:/bin"
        );
        assert_eq!(expand_vars("B=$A-x$MISSING", &env), "B=1-x");
        assert_eq!(expand_vars("C=cost $ 5", &env), "C=cost $ 5");
    }

    #[test]
    fn mask_and_unmask_apply_in_order() {
        let defaults = security::Security::default().masked;
        assert!(defaults.contains(&"/proc/kcore".to_string()));
        assert!(!masked(&["mask=/x", "unmask=/x"]).contains(&"/x".to_string()));
        assert!(masked(&["unmask=/x", "mask=/x"]).contains(&"/x".to_string()));
        assert!(masked(&["mask=/x", "unmask=ALL"]).is_empty());
        assert_eq!(masked(&["unmask=ALL", "mask=/x"]), ["/x"]);
        // ALL clears everything only as the whole value.
        let some = masked(&["unmask=/proc/kcore:ALL"]);
        assert!(!some.contains(&"/proc/kcore".to_string()));
        assert_eq!(some.len(), defaults.len() - 1);
        // Globs, and the read-only paths too (podman's shouldMask).
        assert!(masked(&["unmask=/proc/*"])
            .iter()
            .all(|m| !m.starts_with("/proc/")));
        let ro = |opts: &[&str]| {
            let mut spec = SecuritySpec::default();
            for o in opts {
                spec.apply_opt(o).expect("opt");
            }
            security_of(&spec).expect("security").readonly
        };
        assert!(ro(&[]).contains(&"/proc/sys".to_string()));
        assert!(!ro(&["unmask=/proc/sys"]).contains(&"/proc/sys".to_string()));
        assert!(ro(&["systempaths=unconfined"]).is_empty());
        assert!(path_glob("/proc/*", "/proc/kcore") && !path_glob("/proc/*", "/proc/sys/kernel"));
    }
}
