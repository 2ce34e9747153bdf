//! RUN steps: a container made through the engine from a spec, run to
//! its end, its changes committed as a layer; and `--squash`, which makes
//! one layer of a stage's new ones.

use anyhow::{bail, Context, Result};
use serde_json::json;

use super::stage::{commit_step, created, State};
use super::{config, Ctx};
use crate::build::dockerfile::{Args, Instruction};
use crate::container::mounts::{Mount, MountKind};
use crate::container::{ContainerConfig, Containers};
use crate::engine::spec::{ContainerSpec, PullPolicy};
use crate::error::Exit;
use crate::storage::archive::TarOptions;

/// Paths den may make in a container's rootfs to mount things on.
const RUNTIME_POINTS: &[&str] = &[
    "etc/hosts",
    "etc/hostname",
    "etc/resolv.conf",
    "etc/mtab",
    "run/.containerenv",
    "dev",
    "proc",
    "sys",
];

/// Where a here-document with its own interpreter (`#!`) is mounted for
/// its RUN step (a mount point: left out of the layer).
const SCRIPT: &str = "/.den-build-script";

/// Removes a step's container when dropped.
pub(crate) struct Scratch<'a> {
    pub ctx: &'a Ctx<'a>,
    pub cfg: ContainerConfig,
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        let containers = Containers::new(self.ctx.paths);
        if let Err(e) = crate::container::ops::remove(&containers, &self.cfg, true) {
            crate::warn!("removing the build container {}: {e:#}", self.cfg.name);
        }
    }
}

/// A container of the step's image that runs `command` (or nothing).
pub(crate) fn container<'a>(
    ctx: &'a Ctx<'a>,
    image: &str,
    state: &State,
    command: Vec<String>,
    network: Option<String>,
    mounts: Vec<Mount>,
) -> Result<Scratch<'a>> {
    container_with_env(ctx, image, state, command, network, mounts, Vec::new())
}

/// A container of `image` that runs nothing: a rootfs to mount (COPY,
/// WORKDIR, binds from images, squash).
pub(crate) fn idle_container<'a>(
    ctx: &'a Ctx<'a>,
    image: &str,
    state: &State,
) -> Result<Scratch<'a>> {
    container(
        ctx,
        image,
        state,
        vec!["true".into()],
        Some("none".into()),
        Vec::new(),
    )
}

/// [`container`], with more environment (secrets as variables).
fn container_with_env<'a>(
    ctx: &'a Ctx<'a>,
    image: &str,
    state: &State,
    command: Vec<String>,
    network: Option<String>,
    mounts: Vec<Mount>,
    extra_env: Vec<String>,
) -> Result<Scratch<'a>> {
    let mut env: Vec<String> = state.config["config"]["Env"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for (k, v) in state.arg_env(ctx) {
        if !env
            .iter()
            .any(|e| e.split_once('=').is_some_and(|(ek, _)| ek == k))
        {
            env.push(format!("{k}={v}"));
        }
    }
    env.extend(extra_env);
    // build's run flags (--cap-add, --volume, --dns, ...): the template's
    // settings, the step's own over them.
    let base = &ctx.opts.run_template;
    for kv in &base.env {
        let key = kv.split('=').next().unwrap_or_default();
        if !env.iter().any(|e| e.split('=').next() == Some(key)) {
            env.push(kv.clone());
        }
    }
    let cfg = &state.config["config"];
    let spec = ContainerSpec {
        image: image.to_string(),
        entrypoint: Some(Vec::new()),
        command,
        env,
        user: cfg["User"]
            .as_str()
            .filter(|u| !u.is_empty())
            .map(String::from),
        workdir: Some(
            cfg["WorkingDir"]
                .as_str()
                .filter(|w| !w.is_empty())
                .unwrap_or("/")
                .to_string(),
        ),
        make_workdir: true,
        network: crate::engine::spec::NetworkSpec {
            modes: network.into_iter().collect(),
            ..base.network.clone()
        },
        mounts,
        security: base.security.clone(),
        resources: base.resources.clone(),
        namespaces: base.namespaces.clone(),
        process: base.process.clone(),
        log: crate::engine::spec::LogSpec {
            driver: "none".into(),
            max_size: None,
        },
        pull: PullPolicy::Never,
        create_command: vec!["den".into(), "build".into()],
        ..Default::default()
    };
    let cfg = crate::engine::create(ctx.paths, &spec, &|| (ctx.pull)())?;
    Ok(Scratch { ctx, cfg })
}

/// Run a step's container to its end; its exit status. A stop signal
/// kills it (see [`super::Stop`]).
fn run_to_end(
    ctx: &Ctx<'_>,
    cfg: &ContainerConfig,
    out: std::process::Stdio,
    err: std::process::Stdio,
) -> Result<i32> {
    let mut child = crate::engine::start::spawn_to_end(ctx.globals, cfg, out, err)?;
    let pid = child.id();
    ctx.stop
        .running
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(pid);
    if super::stopping() {
        ctx.stop.kill_running();
    }
    // Wait without reaping, so the pid cannot be reused while a stop may
    // still signal it; forget it; then reap.
    let _ = nix::sys::wait::waitid(
        nix::sys::wait::Id::Pid(nix::unistd::Pid::from_raw(pid as i32)),
        nix::sys::wait::WaitPidFlag::WEXITED | nix::sys::wait::WaitPidFlag::WNOWAIT,
    );
    ctx.stop
        .running
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| *p != pid);
    let status = child.wait().context("waiting for the container")?;
    if super::stopping() {
        return Err(super::Stop::error());
    }
    use std::os::unix::process::ExitStatusExt;
    Ok(status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)))
}

/// The tar options of a step's layer.
pub(crate) fn tar_options(ctx: &Ctx<'_>) -> TarOptions {
    TarOptions {
        clamp_mtime: ctx.opts.timestamp.map(|t| t.max(0) as u64),
        ..Default::default()
    }
}

/// RUN.
pub fn run(ctx: &Ctx<'_>, state: &mut State, ins: &Instruction) -> Result<()> {
    let shell = state.shell();
    let mut script = None;
    let command = match (&ins.args, ins.heredocs.as_slice()) {
        (Args::Json(v), _) => v.clone(),
        (Args::Shell(text), [only])
            if text
                .trim()
                .trim_start_matches("<<")
                .trim_start_matches('-')
                .trim_matches(['"', '\''])
                == only.name =>
        {
            // `RUN <<EOF`: the document is the script; with `#!`, a file
            // run by its own interpreter.
            if only.body.starts_with("#!") {
                script = Some(only.body.clone());
                vec![SCRIPT.to_string()]
            } else {
                config::command(&Args::Shell(only.body.clone()), &shell)
            }
        }
        (Args::Shell(text), docs) => {
            let mut script = text.clone();
            for d in docs {
                script.push('\n');
                script.push_str(&d.body);
                script.push_str(&d.name);
            }
            config::command(&Args::Shell(script), &shell)
        }
    };
    let network = if state.trigger {
        // A trigger from an image: the default network, or none.
        match ins.flag("network") {
            None | Some("default") => None,
            Some("none") => Some("none".to_string()),
            Some(n) => bail!("it asks for the network {n:?}; a trigger from an image gets the default network or none"),
        }
    } else {
        ins.flag("network")
            .map(String::from)
            .or_else(|| ctx.opts.network.clone())
            .map(|n| if n == "default" { String::new() } else { n })
            .filter(|n| !n.is_empty())
    };
    let (mounts, from_binds, bind_keys, secret_env, _guards) = mounts(ctx, state, ins)?;
    let args: Vec<String> = state
        .arg_env(ctx)
        .into_iter()
        .filter(|(k, _)| !super::PROXY_ARGS.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let shown = match &ins.args {
        Args::Json(v) => serde_json::to_string(v)?,
        Args::Shell(_) => command.join(" "),
    };
    let created_by = if args.is_empty() {
        shown
    } else {
        format!("|{} {} {shown}", args.len(), args.join(" "))
    };
    let parts = [
        "RUN".to_string(),
        serde_json::to_string(&command)?,
        state.args_key(),
        format!("{:?}", ins.flags),
        network.clone().unwrap_or_default(),
        // What binds see: other stages' and images' ids, the context's
        // content.
        bind_keys.join(","),
        script.clone().unwrap_or_default(),
    ];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let line = ins.line;
    commit_step(ctx, state, &parts, |state| {
        let Some(image) = state.image.clone() else {
            bail!("RUN needs a shell and programs, and the stage is empty (FROM scratch): COPY them in first");
        };
        let mut mounts = mounts;
        // Binds from a stage or an image: a copy of what they name.
        let mut copies = Vec::new();
        if let Some(body) = &script {
            let work = ctx.store.work_dir("build-script")?;
            let file = work.path.join("script");
            std::fs::write(&file, body)?;
            std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
            mounts.push(Mount {
                kind: MountKind::Bind,
                source: file.display().to_string(),
                destination: SCRIPT.to_string(),
                read_only: true,
                ..Default::default()
            });
            copies.push(work);
        }
        for b in &from_binds {
            let (work, m) = b.materialize(ctx, state)?;
            copies.push(work);
            mounts.push(m);
        }
        // build's --volume: for RUN steps only, never in the image.
        mounts.extend(ctx.opts.run_template.mounts.iter().cloned());
        let mut points: Vec<String> = mounts.iter().map(|m| m.destination.clone()).collect();
        points.extend(RUNTIME_POINTS.iter().map(|p| p.to_string()));
        let scratch = container_with_env(ctx, &image, state, command, network, mounts, secret_env)?;
        let (out, err) = ctx.report.run_output();
        let code = run_to_end(ctx, &scratch.cfg, out, err)?;
        if code != 0 {
            return Err(Exit::with(
                code,
                format!(
                    "building at line {line} ({}): the command exited with {code}",
                    ins.display()
                ),
            )
            .into());
        }
        let (diff_id, _) = crate::engine::commit::write_layer(
            ctx.paths,
            &ctx.store,
            &scratch.cfg,
            tar_options(ctx),
            &points,
        )?;
        let mut next = state.config.clone();
        config::add_layer(&mut next, &diff_id);
        config::add_history(&mut next, &created(ctx), &created_by, false);
        Ok(next)
    })
}

/// A bind whose content is copied when the step runs: from a stage or an
/// image, or from a context with ignore rules (the files they exclude
/// never reach a RUN step).
pub(crate) struct FromBind {
    /// The image (none: the context).
    pub image: Option<String>,
    pub source: String,
    pub target: String,
    pub rw: bool,
}

impl FromBind {
    /// Copy the source into a private directory; that directory (removed
    /// when dropped) and the mount of it.
    fn materialize(
        &self,
        ctx: &Ctx<'_>,
        state: &State,
    ) -> Result<(crate::image::store::WorkDir, Mount)> {
        use std::os::fd::AsFd;
        let work = ctx.store.work_dir("build-bind")?;
        let dest = work.path.join("data");
        crate::util::fs::private_dir(&dest)?;
        let source = self.source.clone();
        let mounted = match &self.image {
            Some(image) => {
                let src = idle_container(ctx, image, state)?;
                let m = crate::engine::rootfs::in_thread(ctx.paths, &[&src.cfg], |roots| {
                    let root = roots.first().context("no rootfs")?;
                    super::sources::export_path(root.as_fd(), &source, &dest, None)
                });
                drop(src);
                m
            }
            None => {
                let dir = ctx.opts.context.as_ref().context("no build context")?;
                let root = context_root(dir)?;
                super::sources::export_path(root.as_fd(), &source, &dest, Some(&ctx.ignore))
            }
        }
        .with_context(|| format!("--mount source {}", self.source))?;
        let m = Mount {
            kind: MountKind::Bind,
            source: mounted.display().to_string(),
            destination: self.target.clone(),
            read_only: !self.rw,
            overlay: self.rw,
            ..Default::default()
        };
        Ok((work, m))
    }
}

/// The build context as a directory descriptor.
fn context_root(dir: &std::path::Path) -> Result<std::os::fd::OwnedFd> {
    rustix::fs::open(
        dir,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening the build context {}", dir.display()))
}

/// `--mount=type=T,k=v,...`: its type (`bind` by default) and options;
/// an option given twice is refused (the step and any check of it must
/// read the same one).
pub(crate) fn parse_mount(
    spec: &str,
) -> Result<(String, std::collections::BTreeMap<String, String>)> {
    let mut kind = "bind".to_string();
    let mut opts = std::collections::BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for kv in spec.split(',') {
        let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
        if !seen.insert(k.to_string()) {
            bail!("--mount={spec}: {k} is given twice");
        }
        if k == "type" {
            kind = v.to_string();
        } else {
            opts.insert(k.to_string(), v.to_string());
        }
    }
    Ok((kind, opts))
}

/// A RUN step's mounts, binds made when it runs, what they hold (for the
/// cache key), and secrets as environment variables.
type Mounts = (
    Vec<Mount>,
    Vec<FromBind>,
    Vec<String>,
    Vec<String>,
    Vec<Guard>,
);

/// What a RUN step's mounts hold while it runs: a locked cache's lock, a
/// private cache's directory.
pub(crate) enum Guard {
    Lock {
        _held: crate::util::lock::Lock,
    },
    Work {
        _held: crate::image::store::WorkDir,
    },
    /// A secret's copy, with the owner and mode the step asked for.
    Secret {
        _held: crate::util::fs::Passing,
    },
}

/// `RUN --mount=...` as the container's mounts (and binds from other
/// stages or images, made when the step runs).
/// Also what the binds see, for the step's cache key.
fn mounts(ctx: &Ctx<'_>, state: &State, ins: &Instruction) -> Result<Mounts> {
    use sha2::Digest;
    let mut out = Vec::new();
    let mut from_binds = Vec::new();
    let mut keys = Vec::new();
    let mut env = Vec::new();
    let mut guards = Vec::new();
    for spec in ins.flags_named("mount") {
        let (kind, opts) = parse_mount(spec)?;
        if state.trigger && (kind != "tmpfs" && !(kind == "bind" && opts.contains_key("from"))) {
            bail!("it asks to mount {kind} ({spec}); a trigger from an image may mount only tmpfs or another image's files");
        }
        // Each type's options; anything else is refused, not ignored.
        let known: &[&str] = match kind.as_str() {
            "cache" => &[
                "target",
                "dst",
                "destination",
                "id",
                "ro",
                "readonly",
                "sharing",
                "uid",
                "gid",
                "mode",
            ],
            "bind" => &[
                "target",
                "dst",
                "destination",
                "source",
                "src",
                "from",
                "ro",
                "readonly",
                "rw",
                "readwrite",
            ],
            "secret" => &[
                "target",
                "dst",
                "destination",
                "id",
                "required",
                "env",
                "uid",
                "gid",
                "mode",
            ],
            "tmpfs" => &["target", "dst", "destination", "size", "tmpfs-size"],
            _ => &[],
        };
        if let Some(k) = opts.keys().find(|k| !known.contains(&k.as_str())) {
            if !known.is_empty() {
                bail!(
                    "--mount={spec}: {k} is not an option of type={kind} (use {})",
                    known.join(", ")
                );
            }
        }
        let get = |names: &[&str]| names.iter().find_map(|n| opts.get(*n).cloned());
        let workdir = state.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let target = get(&["target", "dst", "destination"]).map(|t| {
            if t.starts_with('/') {
                config::clean_path(&t)
            } else {
                config::clean_path(&format!("{workdir}/{t}"))
            }
        });
        let read_only = get(&["ro", "readonly"]).is_some_and(|v| v != "false");
        let mut m = Mount::default();
        match kind.as_str() {
            "cache" => {
                let target = target.context("--mount=type=cache needs a target")?;
                let id = get(&["id"]).unwrap_or_else(|| target.clone());
                let mut dir = ctx
                    .store
                    .root
                    .join("build-mounts")
                    .join(super::cache::key("cache", &[&id]));
                let sharing = get(&["sharing"]).unwrap_or_else(|| "shared".into());
                if !matches!(sharing.as_str(), "shared" | "private" | "locked") {
                    bail!("--mount sharing={sharing}: use shared, private or locked");
                }
                let made = !dir.exists();
                crate::util::fs::private_dir(&dir)?;
                match sharing.as_str() {
                    // One step at a time uses it (apt's caches want that).
                    "locked" => guards.push(Guard::Lock {
                        _held: crate::util::lock::Lock::exclusive(&dir.with_extension("lock"))?,
                    }),
                    // A directory of this step's own.
                    "private" => {
                        let work = ctx.store.work_dir("build-cache")?;
                        dir = work.path.join("data");
                        crate::util::fs::private_dir(&dir)?;
                        guards.push(Guard::Work { _held: work });
                    }
                    _ => {}
                }
                let number = |k: &str, radix: u32| -> Result<Option<u32>> {
                    get(&[k])
                        .map(|v| {
                            u32::from_str_radix(&v, radix)
                                .with_context(|| format!("--mount {k}={v}: give a number"))
                        })
                        .transpose()
                };
                let mode = number("mode", 8)?;
                let (uid, gid) = (number("uid", 10)?, number("gid", 10)?);
                // Owner and mode are set when the cache is made; later
                // builds find it as the steps left it.
                if made || sharing == "private" {
                    std::fs::set_permissions(
                        &dir,
                        std::os::unix::fs::PermissionsExt::from_mode(mode.unwrap_or(0o755)),
                    )?;
                    // Ids as the container sees them (den's user namespace).
                    if uid.is_some() || gid.is_some() {
                        std::os::unix::fs::chown(&dir, uid, gid).with_context(|| {
                            format!("--mount {spec}: giving the cache to {uid:?}:{gid:?}")
                        })?;
                    }
                }
                m.kind = MountKind::Bind;
                m.source = dir.display().to_string();
                m.destination = target;
                m.read_only = read_only;
            }
            "bind" => {
                let target = target.context("--mount=type=bind needs a target")?;
                if let Some(from) = get(&["from"]) {
                    let globals = |n: &str| ctx.global_args.get(n).cloned();
                    let from = crate::build::words::expand(&from, &globals, ctx.df.escape)?;
                    let image = match ctx.stage_named(&from, ctx.df.stages.len()) {
                        Some(j) => ctx.built[j]
                            .get()
                            .and_then(|b| b.image.clone())
                            .with_context(|| format!("--mount from={from}: that stage is empty or not built (it must come earlier)"))?,
                        None => super::stage::base_image(ctx, &from, super::stage::side_policy(ctx))?.id,
                    };
                    keys.push(image.clone());
                    from_binds.push(FromBind {
                        image: Some(image),
                        source: get(&["source", "src"]).unwrap_or_else(|| "/".into()),
                        target,
                        rw: get(&["rw", "readwrite"]).is_some_and(|v| v != "false"),
                    });
                    continue;
                }
                let context = ctx.opts.context.as_ref().context(
                    "--mount=type=bind needs a build context (den build was given none)",
                )?;
                let source = get(&["source", "src"]).unwrap_or_else(|| ".".into());
                let mut depth = 0i32;
                for c in source.split('/') {
                    match c {
                        "" | "." => {}
                        ".." => depth -= 1,
                        _ => depth += 1,
                    }
                    if depth < 0 {
                        bail!("--mount source {source:?} leads outside the build context");
                    }
                }
                // What the source really names, beneath the context.
                let root = context_root(context)?;
                let real = super::sources::resolve_last(
                    std::os::fd::AsFd::as_fd(&root),
                    std::path::Path::new(source.trim_start_matches('/')),
                )?;
                if super::files::open_in(std::os::fd::AsFd::as_fd(&root), &real).is_err() {
                    bail!("--mount source {source:?} is not in the build context");
                }
                let shown = real.to_string_lossy().to_string();
                if !shown.is_empty() && ctx.ignore.excluded(&shown) {
                    bail!("--mount source {source:?}: the ignore file excludes it");
                }
                // What it holds is part of the step's cache key.
                let mut h = sha2::Sha256::new();
                super::files::hash_source(
                    std::os::fd::AsFd::as_fd(&root),
                    &real,
                    super::files::Filter {
                        ignore: Some(&ctx.ignore),
                    },
                    &mut h,
                )?;
                keys.push(hex::encode(sha2::Digest::finalize(h)));
                let rw = get(&["rw", "readwrite"]).is_some_and(|v| v != "false");
                if !ctx.ignore.is_empty() {
                    from_binds.push(FromBind {
                        image: None,
                        source: shown,
                        target,
                        rw,
                    });
                    continue;
                }
                m.kind = MountKind::Bind;
                m.source = context.join(&real).display().to_string();
                m.destination = target;
                // Writes to a bind are thrown away, as Docker does.
                m.read_only = !rw;
                m.overlay = rw;
            }
            "secret" => {
                // No id: the target's last name, as buildah takes it.
                let id = get(&["id"])
                    .or_else(|| {
                        target.as_deref().and_then(|t| {
                            std::path::Path::new(t)
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                        })
                    })
                    .context("--mount=type=secret needs an id (or a target)")?;
                let required = get(&["required"]).is_some_and(|v| v != "false");
                let Some(secret) = ctx.opts.secrets.iter().find(|s| s.id == id) else {
                    if required {
                        bail!("secret {id:?} is required: give it with --secret id={id},src=FILE");
                    }
                    continue;
                };
                if let Some(var) = get(&["env"]) {
                    // As an environment variable of this step only.
                    let value = std::fs::read(&secret.src)
                        .with_context(|| format!("secret {id}: {}", secret.src.display()))?;
                    if value.len() > 1 << 20 {
                        bail!(
                            "secret {id}: larger than 1 MiB, too large for an environment variable"
                        );
                    }
                    env.push(format!("{var}={}", String::from_utf8_lossy(&value)));
                    if target.is_none() {
                        continue;
                    }
                }
                // A copy of its own, as Docker's and buildah's: root's,
                // 0400, unless uid=, gid= or mode= say otherwise (a step
                // of a non-root USER reads it only when given uid=).
                let number = |key: &str, radix: u32, default: u32| {
                    get(&[key]).map_or(Ok(default), |v| {
                        u32::from_str_radix(&v, radix).map_err(|_| {
                            anyhow::anyhow!("--mount={spec}: {key}={v} is not a number")
                        })
                    })
                };
                let (uid, gid) = (number("uid", 10, 0)?, number("gid", 10, 0)?);
                let mode = number("mode", 8, 0o400)?;
                if mode > 0o7777 {
                    bail!("--mount={spec}: mode={mode:o} is not a file mode (such as 0400)");
                }
                let data = std::fs::read(&secret.src)
                    .with_context(|| format!("secret {id}: {}", secret.src.display()))?;
                let copy = crate::util::fs::Passing::new(&ctx.paths.runtime, &data)?;
                std::os::unix::fs::chown(copy.path(), Some(uid), Some(gid)).map_err(|e| {
                    anyhow::anyhow!("--mount={spec}: cannot give the secret to {uid}:{gid}: {e} (is that id mapped? check /etc/subuid and /etc/subgid)")
                })?;
                std::fs::set_permissions(
                    copy.path(),
                    std::os::unix::fs::PermissionsExt::from_mode(mode),
                )
                .with_context(|| format!("secret {id}: setting its mode"))?;
                m.kind = MountKind::Bind;
                m.source = copy.path().display().to_string();
                guards.push(Guard::Secret { _held: copy });
                m.destination = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
                m.read_only = true;
            }
            "tmpfs" => {
                m.kind = MountKind::Tmpfs;
                m.destination = target.context("--mount=type=tmpfs needs a target")?;
                m.size = get(&["size", "tmpfs-size"]);
            }
            other => {
                bail!("--mount type {other:?} is not known (use bind, cache, secret or tmpfs)")
            }
        }
        out.push(m);
    }
    Ok((out, from_binds, keys, env, guards))
}

/// One layer in place of the stage's new ones (`--squash`,
/// `--layers=false`): the stage's image mounted and compared with its
/// base's layers.
pub fn squash(ctx: &Ctx<'_>, state: &mut State) -> Result<()> {
    let ids = state.diff_ids();
    let Some(image) = state.image.clone() else {
        return Ok(());
    };
    if ids.len() <= state.base_layers + 1 {
        return Ok(());
    }
    let base: Vec<String> = ids[..state.base_layers].to_vec();
    // A step of its own: cached, and what follows is keyed after it.
    super::stage::commit_step(ctx, state, &["squash"], |state| {
        let scratch = idle_container(ctx, &image, state)?;
        let (diff_id, _) = crate::engine::commit::squashed_layer(
            ctx.paths,
            &ctx.store,
            &scratch.cfg,
            &base,
            tar_options(ctx),
        )?;
        drop(scratch);
        let mut next = state.config.clone();
        next["rootfs"]["diff_ids"] = json!(base.iter().chain([&diff_id]).collect::<Vec<_>>());
        // History: one entry with a layer, the last.
        if let Some(h) = next["history"].as_array_mut() {
            let new = h.len().saturating_sub(ids.len() - state.base_layers);
            let start = h
                .iter()
                .enumerate()
                .filter(|(_, e)| !e["empty_layer"].as_bool().unwrap_or(false))
                .nth(state.base_layers)
                .map_or(new, |(i, _)| i);
            let last = h.len().saturating_sub(1);
            for (i, e) in h.iter_mut().enumerate().skip(start) {
                if i != last {
                    e["empty_layer"] = json!(true);
                } else if let Some(o) = e.as_object_mut() {
                    o.remove("empty_layer");
                }
            }
        }
        Ok(next)
    })
}
