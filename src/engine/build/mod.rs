//! `build`: an image from a Dockerfile. Each stage starts from its base
//! (an image, `scratch` or an earlier stage); each step makes an
//! intermediate image, found again in the cache ([`cache`]) on the next
//! build. RUN steps are containers made through [`crate::engine::create`]
//! from a spec and committed as a layer; COPY and ADD write into a created
//! container's rootfs. Stages that do not depend on each other run at the
//! same time (`jobs`).

mod cache;
mod config;
mod copy;
mod files;
pub mod given;
mod run;
mod sources;
mod stage;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::build::dockerfile::{self, Dockerfile};
use crate::build::ignore::Ignore;
use crate::build::words;
use crate::config::paths::Paths;
use crate::engine::images::PullOptions;
use crate::engine::start::Globals;
use crate::image::store::Store;
use crate::runtime::userns;

/// A secret a RUN step may mount (`--secret id=ID,src=PATH`).
#[derive(Debug, Clone)]
pub struct Secret {
    pub id: String,
    pub src: PathBuf,
}

/// What `build` asks for.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The Dockerfile's text, and its name for messages.
    pub dockerfile: String,
    pub dockerfile_name: String,
    /// The context directory (none: `build -`, no context).
    pub context: Option<PathBuf>,
    /// The ignore file's text (`.containerignore`, `.dockerignore`).
    pub ignore: Option<String>,
    pub tags: Vec<String>,
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub no_cache: bool,
    /// When base images are pulled (`Never`: they must be here).
    pub pull: crate::engine::spec::PullPolicy,
    pub labels: Vec<(String, String)>,
    /// `os/arch[/variant]`: only the host's is built.
    pub platform: Option<String>,
    /// Keep each step as an intermediate image (the cache).
    pub layers: bool,
    /// One new layer per stage.
    pub squash: bool,
    /// RUN steps' network (none: the default).
    pub network: Option<String>,
    pub secrets: Vec<Secret>,
    /// Stages built at the same time.
    pub jobs: usize,
    /// Seconds since the epoch for every date in the image.
    pub timestamp: Option<i64>,
    /// `--from`: the first stage's base instead of its FROM's.
    pub from: Option<String>,
    /// What every RUN step's container spec starts from (`build`'s run
    /// flags: capabilities, limits, volumes, DNS, namespaces, ...).
    pub run_template: crate::engine::spec::ContainerSpec,
    /// `--skip-unused-stages=false`: every stage is built.
    pub all_stages: bool,
    /// Changes to the final image's config.
    pub edits: ImageEdits,
}

/// `build`'s changes to the final image's config, applied last.
#[derive(Debug, Clone, Default)]
pub struct ImageEdits {
    /// `--env KEY=VALUE`: set (`$VAR` expanded from the image's env).
    pub env: Vec<String>,
    /// `--unsetenv KEY`: removed.
    pub unsetenv: Vec<String>,
    /// `--identity-label` (default true): `io.buildah.version`, as buildah's.
    pub identity_label: bool,
    /// `--omit-history`: no history.
    pub omit_history: bool,
    /// `--os-version`, `--os-feature` (`NAME-` removes one).
    pub os_version: Option<String>,
    pub os_features: Vec<String>,
}

/// The buildah version podman 4.3's images carry in `io.buildah.version`.
pub const BUILDAH_VERSION: &str = "1.28.2";

impl ImageEdits {
    fn apply(&self, config: &mut Value) {
        let c = &mut config["config"];
        let mut env: Vec<String> = c["Env"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        for kv in &self.env {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let v = crate::engine::create::expand_vars(v, &env);
            env.retain(|e| e.split('=').next() != Some(k));
            env.push(format!("{k}={v}"));
        }
        env.retain(|e| !self.unsetenv.iter().any(|u| e.split('=').next() == Some(u)));
        if !self.env.is_empty() || !self.unsetenv.is_empty() {
            c["Env"] = serde_json::json!(env);
        }
        if self.identity_label {
            if !c["Labels"].is_object() {
                c["Labels"] = serde_json::json!({});
            }
            c["Labels"]["io.buildah.version"] = serde_json::json!(BUILDAH_VERSION);
        }
        if self.omit_history {
            if let Some(o) = config.as_object_mut() {
                o.remove("history");
            }
        }
        if let Some(v) = &self.os_version {
            config["os.version"] = serde_json::json!(v);
        }
        if !self.os_features.is_empty() {
            let mut have: Vec<String> = config["os.features"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            for f in &self.os_features {
                match f.strip_suffix('-') {
                    Some(gone) => have.retain(|h| h != gone),
                    None if !have.contains(f) => have.push(f.clone()),
                    None => {}
                }
            }
            config["os.features"] = serde_json::json!(have);
        }
    }
}

/// What a build reports as it goes (podman's lines), and where RUN
/// steps' output goes.
pub trait Report: Sync {
    fn line(&self, text: &str);
    /// Where a RUN step's stdout and stderr go.
    fn run_output(&self) -> (std::process::Stdio, std::process::Stdio);
}

/// The result of a stage: its last image and config.
#[derive(Debug, Clone)]
pub(crate) struct Built {
    /// The image (none: `scratch` with nothing added).
    pub image: Option<String>,
    pub config: Value,
    pub key: String,
}

/// Everything a stage needs to see of the build.
pub(crate) struct Ctx<'a> {
    pub paths: &'a Paths,
    pub globals: &'a Globals,
    pub opts: &'a BuildOptions,
    pub df: &'a Dockerfile,
    pub store: Store,
    pub cache: cache::Cache,
    pub ignore: Ignore,
    pub report: &'a dyn Report,
    pub pull: &'a (dyn Fn() -> Result<PullOptions> + Sync),
    /// Values of the ARGs before the first FROM.
    pub global_args: BTreeMap<String, String>,
    /// Each stage's result once built.
    pub built: Vec<OnceLock<Built>>,
    /// Stages in the build (others are skipped).
    pub needed: BTreeSet<usize>,
    /// Serializes pulls and image lookups of base images.
    pub pulling: Mutex<()>,
    /// The intermediate images this build made.
    pub made: Mutex<Vec<String>>,
    pub stop: std::sync::Arc<Stop>,
}

/// Whether the build must stop (a stop signal, or a failed stage beside
/// this one): long copies and hashes look too, not only steps.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(crate) fn stopping() -> bool {
    STOPPING.load(std::sync::atomic::Ordering::SeqCst)
}

/// The RUN steps' supervisors a stop must end.
#[derive(Default)]
pub(crate) struct Stop {
    pub running: Mutex<Vec<u32>>,
}

impl Stop {
    /// Stop the build: every stage ends at its next step or check.
    pub fn ask(&self) {
        STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
        self.kill_running();
    }

    /// The error that ends an interrupted build.
    pub fn error() -> anyhow::Error {
        crate::error::Exit::with(130, "the build was interrupted").into()
    }

    /// Kill the running steps' supervisors (their containers die with them).
    pub fn kill_running(&self) {
        for pid in self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(*pid as i32),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

impl Ctx<'_> {
    /// The index of the stage `name` (a name or a number) before `before`.
    pub fn stage_named(&self, name: &str, before: usize) -> Option<usize> {
        let lower = name.to_ascii_lowercase();
        if let Some(i) = self.df.stages[..before]
            .iter()
            .position(|s| s.name.as_deref() == Some(lower.as_str()))
        {
            return Some(i);
        }
        name.parse::<usize>().ok().filter(|i| *i < before)
    }
}

/// The ignore file, as buildah finds it: the Containerfile's own
/// (`Containerfile.dockerignore`, else `Containerfile.containerignore`,
/// beside it), else the context's `.containerignore`, else its
/// `.dockerignore`; `None` when none is there (the Containerfile's own
/// was not read, and what it left out went into the image). One that is
/// there but cannot be read is an error, never no rules at all: its rules
/// keep secrets out of the image. Bytes that are not UTF-8 (a Latin-1
/// comment) are read as U+FFFD, as the context's names are. With
/// `inside` (a context from an archive or a repository), every one of
/// these names that is there must lie inside the context (`given.rs`).
pub fn read_ignore(
    context: &std::path::Path,
    containerfile: Option<&std::path::Path>,
    inside: bool,
) -> Result<Option<String>> {
    let own = |suffix: &str| {
        containerfile.map(|f| {
            let mut p = f.as_os_str().to_os_string();
            p.push(suffix);
            std::path::PathBuf::from(p)
        })
    };
    let candidates = [
        own(".dockerignore"),
        own(".containerignore"),
        Some(context.join(".containerignore")),
        Some(context.join(".dockerignore")),
    ];
    if inside {
        for path in candidates.iter().flatten() {
            given::check_inside(context, path)?;
        }
    }
    for path in candidates.into_iter().flatten() {
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
            Ok(m) if !m.is_file() => bail!(
                "{} is not a regular file (make it one, or remove it)",
                path.display()
            ),
            Ok(_) => return read_ignore_file(&path).map(Some),
        }
    }
    Ok(None)
}

/// An ignore file's text (`--ignorefile`, or the context's).
pub fn read_ignore_file(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("reading the ignore file {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Build; the new image's id.
pub fn build(
    paths: &Paths,
    globals: &Globals,
    opts: &BuildOptions,
    pull: &(dyn Fn() -> Result<PullOptions> + Sync),
    report: &dyn Report,
) -> Result<String> {
    let df = dockerfile::parse(&opts.dockerfile).with_context(|| opts.dockerfile_name.clone())?;
    for n in &df.notes {
        crate::warn!("{n}");
    }
    if let Some(p) = &opts.platform {
        let host = format!("linux/{}", crate::image::manifest::host_arch());
        if !p.starts_with(&host) {
            bail!("--platform {p}: den builds for this host only ({host})");
        }
    }
    let ignore = match &opts.ignore {
        Some(text) => Ignore::parse(text)?,
        None => Ignore::default(),
    };
    // Global ARGs: their defaults, or --build-arg.
    let mut global_args = BTreeMap::new();
    for a in predefined_platform_args() {
        global_args.insert(a.0.to_string(), a.1);
    }
    for ins in &df.global_args {
        let lookup = |n: &str| global_args.get(n).cloned();
        let pairs = words::pairs(&ins.text(), &lookup, df.escape, false)
            .with_context(|| format!("line {}: ARG", ins.line))?;
        for (k, v) in pairs {
            let value = opts.build_args.get(&k).cloned().or(v).unwrap_or_default();
            global_args.insert(k, value);
        }
    }
    // Names are checked before anything is built.
    let names: Vec<String> = opts
        .tags
        .iter()
        .map(|t| crate::engine::commit::image_name(t).with_context(|| format!("-t {t}")))
        .collect::<Result<_>>()?;
    let target = match &opts.target {
        Some(t) => df
            .stages
            .iter()
            .position(|s| s.name.as_deref() == Some(t.to_ascii_lowercase().as_str()))
            .with_context(|| format!("--target {t}: no stage has that name"))?,
        None => df.stages.len() - 1,
    };
    // In den's user namespace from here on: every step works in it, and
    // threads may not enter it later.
    userns::enter()?;
    // A stop signal ends the build between steps, and its RUN containers
    // at once; what the steps made is then removed as usual.
    // (Not stopping yet, whatever a build before this one in the same
    // process ended with: `compose up --build` builds one after another.)
    STOPPING.store(false, std::sync::atomic::Ordering::SeqCst);
    let stop = std::sync::Arc::new(Stop::default());
    let watched = stop.clone();
    let _signals = crate::runtime::spawn::watch_stop_signals(move |_| watched.ask())?;
    let store = Store::new(paths);
    store.ensure()?;
    let ctx = Ctx {
        paths,
        globals,
        opts,
        df: &df,
        cache: cache::Cache::new(&store, opts.layers && !opts.no_cache, opts.layers),
        store,
        ignore,
        report,
        pull,
        built: (0..df.stages.len()).map(|_| OnceLock::new()).collect(),
        needed: BTreeSet::new(),
        global_args,
        pulling: Mutex::new(()),
        made: Mutex::new(Vec::new()),
        stop,
    };
    let deps = dependencies(&ctx)?;
    let mut needed = BTreeSet::new();
    // --skip-unused-stages=false: the stages before the target too.
    let mut todo = if opts.all_stages {
        (0..=target).collect()
    } else {
        vec![target]
    };
    while let Some(s) = todo.pop() {
        if needed.insert(s) {
            todo.extend(deps[s].iter().copied());
        }
    }
    let ctx = Ctx { needed, ..ctx };
    if let Err(e) = schedule(&ctx, &deps) {
        if !opts.layers {
            // No cache is kept: what the failed build made goes too.
            stage::forget_intermediates(&ctx, &BTreeSet::new());
        }
        return Err(e);
    }
    let built = ctx.built[target]
        .get()
        .context("the target stage was not built")?
        .clone();
    finish(&ctx, built, &names)
}

/// Run the needed stages, each once what it depends on is built, at most
/// `jobs` at a time.
fn schedule(ctx: &Ctx<'_>, deps: &[BTreeSet<usize>]) -> Result<()> {
    let jobs = ctx.opts.jobs.max(1);
    let mut done: BTreeSet<usize> = BTreeSet::new();
    while done.len() < ctx.needed.len() {
        let ready: Vec<usize> = ctx
            .needed
            .iter()
            .copied()
            .filter(|s| !done.contains(s) && deps[*s].iter().all(|d| done.contains(d)))
            .take(jobs)
            .collect();
        if ready.is_empty() {
            bail!("the stages depend on each other in a circle");
        }
        if ready.len() == 1 {
            stage::run(ctx, ready[0])?;
        } else {
            let results: Vec<Result<()>> = std::thread::scope(|s| {
                let handles: Vec<_> = ready
                    .iter()
                    .map(|&i| {
                        s.spawn(move || {
                            let r = stage::run(ctx, i);
                            if r.is_err() {
                                // One stage failed: the others stop too.
                                ctx.stop.ask();
                            }
                            r
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| bail!("a build stage panicked")))
                    .collect()
            });
            // The first failure that is not another stage's stopping.
            let mut stopped = None;
            for r in results {
                match r {
                    Ok(()) => {}
                    Err(e) if is_stop(&e) => stopped = Some(e),
                    Err(e) => return Err(e),
                }
            }
            if let Some(e) = stopped {
                return Err(e);
            }
        }
        done.extend(ready);
    }
    Ok(())
}

fn is_stop(e: &anyhow::Error) -> bool {
    e.downcast_ref::<crate::error::Exit>()
        .is_some_and(|x| x.code == 130 && x.message.contains("interrupted"))
}

/// Which earlier stages each stage uses: its base, `--from`, and
/// `RUN --mount=from=`.
fn dependencies(ctx: &Ctx<'_>) -> Result<Vec<BTreeSet<usize>>> {
    let lookup = |n: &str| ctx.global_args.get(n).cloned();
    let esc = ctx.df.escape;
    let mut out = Vec::new();
    for (i, s) in ctx.df.stages.iter().enumerate() {
        let mut d = BTreeSet::new();
        let base = words::expand_words(&s.from.text(), &lookup, esc)?;
        if let Some(b) = base.first().and_then(|b| ctx.stage_named(b, i)) {
            d.insert(b);
        }
        for ins in &s.steps {
            let mut froms: Vec<String> = ins.flags_named("from").map(String::from).collect();
            for m in ins.flags_named("mount") {
                // A bad spec is the step's own error, with its line.
                if let Ok((_, opts)) = run::parse_mount(m) {
                    froms.extend(opts.get("from").cloned());
                }
            }
            for f in froms {
                let f = words::expand(&f, &lookup, esc).unwrap_or(f);
                if let Some(b) = ctx.stage_named(&f, i) {
                    d.insert(b);
                } else if ctx.stage_named(&f, ctx.df.stages.len()).is_some() {
                    bail!(
                        "line {}: stage {f:?} is defined later in the Dockerfile (a stage can only use earlier ones)",
                        ins.line
                    );
                }
            }
        }
        out.push(d);
    }
    Ok(out)
}

/// Label, squash and name the target stage's image.
fn finish(ctx: &Ctx<'_>, mut built: Built, names: &[String]) -> Result<String> {
    ctx.opts.edits.apply(&mut built.config);
    if !ctx.opts.labels.is_empty() {
        let labels = &mut built.config["config"]["Labels"];
        if !labels.is_object() {
            *labels = serde_json::json!({});
        }
        for (k, v) in &ctx.opts.labels {
            labels[k] = serde_json::json!(v);
        }
    }
    let (id, _) = cache::record_image(&ctx.store, &built.config, names, false)?;
    for n in names {
        ctx.report.line(&format!("Successfully tagged {n}"));
    }
    if !ctx.opts.layers {
        // No cache kept: the steps' images go (the final one stays).
        let keep = BTreeSet::from([id.clone()]);
        stage::forget_intermediates(ctx, &keep);
    }
    crate::events::image(
        &ctx.store.root,
        "build",
        &id,
        names.first().map_or("", |n| n.as_str()),
    );
    Ok(id)
}

/// The platform ARGs BuildKit and buildah define for every build.
fn predefined_platform_args() -> Vec<(&'static str, String)> {
    let arch = crate::image::manifest::host_arch().to_string();
    let platform = format!("linux/{arch}");
    vec![
        ("TARGETPLATFORM", platform.clone()),
        ("TARGETOS", "linux".into()),
        ("TARGETARCH", arch.clone()),
        ("TARGETVARIANT", String::new()),
        ("BUILDPLATFORM", platform),
        ("BUILDOS", "linux".into()),
        ("BUILDARCH", arch),
        ("BUILDVARIANT", String::new()),
    ]
}

/// Proxy ARGs usable without being declared (and kept out of history).
pub(crate) const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];
