//! One stage of a build: its base, then each instruction as a step whose
//! result is an intermediate image (or the cache's, when the same step
//! was made before).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::{cache, config, copy, run, Built, Ctx, PROXY_ARGS};
use crate::build::dockerfile::{self, Instruction};
use crate::build::words;
use crate::engine::spec::PullPolicy;
use crate::image::store::ImageRecord;
use crate::runtime::userns;

/// Where a stage is.
pub(crate) struct State {
    /// The current image (none: `scratch` with nothing yet).
    pub image: Option<String>,
    pub config: Value,
    /// The cache key of the current image.
    pub key: String,
    /// ARGs declared in the stage: their values (none: declared, unset).
    pub args: BTreeMap<String, Option<String>>,
    /// CMD given in this stage.
    pub cmd_set: bool,
    /// The base image's layers (what `--squash` keeps).
    pub base_layers: usize,
    /// An ONBUILD trigger of the base image is running.
    pub trigger: bool,
}

impl State {
    /// A variable as instructions see it: ENV first, then ARG.
    pub fn var(&self, ctx: &Ctx<'_>, name: &str) -> Option<String> {
        let env = self.config["config"]["Env"].as_array();
        let from_env = env.and_then(|e| {
            e.iter().filter_map(|v| v.as_str()).find_map(|kv| {
                kv.split_once('=')
                    .filter(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
        });
        from_env
            .or_else(|| self.args.get(name).cloned().flatten())
            .or_else(|| {
                PROXY_ARGS
                    .contains(&name)
                    .then(|| ctx.opts.build_args.get(name).cloned())
                    .flatten()
            })
    }

    /// The shell of shell-form commands.
    pub fn shell(&self) -> Vec<String> {
        match self.config["config"]["Shell"].as_array() {
            Some(a) if !a.is_empty() => a
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            _ => vec!["/bin/sh".into(), "-c".into()],
        }
    }

    /// ARGs with a value, as `K=V` (proxies given with --build-arg too).
    pub fn arg_env(&self, ctx: &Ctx<'_>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .args
            .iter()
            .filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v)))
            .collect();
        for p in PROXY_ARGS {
            if let (Some(v), false) = (ctx.opts.build_args.get(*p), self.args.contains_key(*p)) {
                out.push((p.to_string(), v.clone()));
            }
        }
        out
    }

    /// The ARG values in scope as part of a cache key.
    pub fn args_key(&self) -> String {
        serde_json::to_string(&self.args).unwrap_or_default()
    }

    pub fn diff_ids(&self) -> Vec<String> {
        self.config["rootfs"]["diff_ids"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The date every new entry gets.
pub fn created(ctx: &Ctx<'_>) -> String {
    let t = match ctx.opts.timestamp {
        Some(s) => chrono::DateTime::from_timestamp(s, 0).unwrap_or_default(),
        None => chrono::Utc::now(),
    };
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// Build stage `idx`.
pub fn run(ctx: &Ctx<'_>, idx: usize) -> Result<()> {
    let df = ctx.df;
    let s = &df.stages[idx];
    let prefix = if df.stages.len() > 1 {
        format!("[{}/{}] ", idx + 1, df.stages.len())
    } else {
        String::new()
    };
    let total = s.steps.len() + 1;
    ctx.report
        .line(&format!("{prefix}STEP 1/{total}: {}", s.from.display()));
    let mut state = from(ctx, idx).with_context(|| format!("line {}: FROM", s.from.line))?;
    // The base's ONBUILD triggers run first; the new image has none.
    let triggers: Vec<String> = state.config["config"]["OnBuild"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if !triggers.is_empty() {
        state.config["config"]["OnBuild"] = Value::Null;
        for t in &triggers {
            let ins = dockerfile::parse_one(t, s.from.line, df.escape)?;
            ctx.report
                .line(&format!("{prefix}ONBUILD: {}", ins.display()));
            // A trigger from an image is not the user's own step: it gets
            // no host network, secret, cache or context bind, no URL.
            state.trigger = true;
            let r = step(ctx, &mut state, &ins);
            state.trigger = false;
            r.with_context(|| {
                format!(
                    "line {}: ONBUILD trigger {t:?} of the base image",
                    s.from.line
                )
            })?;
        }
    }
    for (n, ins) in s.steps.iter().enumerate() {
        if super::stopping() {
            return Err(super::Stop::error());
        }
        ctx.report.line(&format!(
            "{prefix}STEP {}/{total}: {}",
            n + 2,
            ins.display()
        ));
        step(ctx, &mut state, ins).map_err(|e| {
            if e.downcast_ref::<crate::error::Exit>().is_some() {
                e
            } else {
                e.context(format!("line {}: {}", ins.line, ins.keyword))
            }
        })?;
    }
    if ctx.opts.squash || !ctx.opts.layers {
        super::run::squash(ctx, &mut state)?;
    }
    let built = Built {
        image: state.image.clone(),
        config: state.config,
        key: state.key,
    };
    if ctx.built[idx].set(built).is_err() {
        bail!("stage {idx} was built twice");
    }
    Ok(())
}

/// The state at a stage's FROM.
fn from(ctx: &Ctx<'_>, idx: usize) -> Result<State> {
    let s = &ctx.df.stages[idx];
    let lookup = |n: &str| ctx.global_args.get(n).cloned();
    let esc = ctx.df.escape;
    if let Some(p) = s.from.flag("platform") {
        let p = words::expand(p, &lookup, esc)?;
        let host = format!("linux/{}", crate::image::manifest::host_arch());
        if !p.starts_with(&host) {
            bail!("--platform={p}: den builds for this host only ({host})");
        }
    }
    let words = words::expand_words(&s.from.text(), &lookup, esc)?;
    let base = match (&ctx.opts.from, idx) {
        // --from: the first stage's base.
        (Some(f), 0) => f,
        _ => words.first().context("FROM needs an image")?,
    };
    if base.is_empty() {
        bail!("FROM names no image (is an ARG empty?)");
    }
    let fresh = |image: Option<String>, config: Value, key: String| {
        let base_layers = config["rootfs"]["diff_ids"]
            .as_array()
            .map_or(0, |a| a.len());
        State {
            image,
            config,
            key,
            args: BTreeMap::new(),
            cmd_set: false,
            base_layers,
            trigger: false,
        }
    };
    if base.eq_ignore_ascii_case("scratch") {
        return Ok(fresh(None, config::scratch(), root_key(ctx, &["scratch"])));
    }
    if let Some(j) = ctx.stage_named(base, idx) {
        let b = ctx.built[j].get().context("the base stage was not built")?;
        // A new stage starts afresh (its ARGs, its CMD) on that image.
        return Ok(fresh(
            b.image.clone(),
            b.config.clone(),
            cache::key(&b.key, &["stage"]),
        ));
    }
    let img = base_image(ctx, base, ctx.opts.pull)?;
    let config: Value =
        serde_json::from_slice(&ctx.store.read_blob(&format!("sha256:{}", img.id))?)
            .context("reading the base image's config")?;
    ctx.report.line(&format!("--> {}", &img.id[..12]));
    Ok(fresh(
        Some(img.id.clone()),
        config,
        root_key(ctx, &["image", &img.id]),
    ))
}

/// A stage's first key: its base, and the dates the build writes (a
/// `--timestamp` build never takes a step made with another date).
fn root_key(ctx: &Ctx<'_>, parts: &[&str]) -> String {
    let date = ctx
        .opts
        .timestamp
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut all = parts.to_vec();
    all.push(&date);
    cache::key("", &all)
}

/// How images named by `--from` are pulled: when missing, unless the
/// build may not pull at all.
pub fn side_policy(ctx: &Ctx<'_>) -> PullPolicy {
    match ctx.opts.pull {
        PullPolicy::Never => PullPolicy::Never,
        _ => PullPolicy::Missing,
    }
}

/// The image `name`, pulled as `policy` says.
pub fn base_image(ctx: &Ctx<'_>, name: &str, policy: PullPolicy) -> Result<ImageRecord> {
    let _one = ctx.pulling.lock().unwrap_or_else(|e| e.into_inner());
    let found = crate::engine::images::lookup(ctx.paths, name)?;
    match (found, policy) {
        (Some(img), PullPolicy::Missing | PullPolicy::Never) => return Ok(img),
        (None, PullPolicy::Never) => {
            bail!("{name}: image not known, and --pull=never forbids pulling it")
        }
        _ => {}
    }
    let owners = userns::enter()?;
    let opts = crate::image::pull::PullOptions {
        stop: Some(super::stopping),
        ..(ctx.pull)()?
    };
    let id = match crate::image::pull::pull(ctx.paths, name, &opts, owners) {
        Err(_) if super::stopping() => return Err(super::Stop::error()),
        r => r.with_context(|| format!("pulling {name}"))?,
    };
    ctx.store
        .images()?
        .into_iter()
        .find(|i| i.id == id)
        .context("the pulled image is gone")
}

/// One instruction.
fn step(ctx: &Ctx<'_>, state: &mut State, ins: &Instruction) -> Result<()> {
    let esc = ctx.df.escape;
    match ins.keyword.as_str() {
        "ARG" => {
            let vars = |n: &str| state.var(ctx, n);
            let pairs = words::pairs(&ins.text(), &vars, esc, false)?;
            for (k, default) in pairs {
                let v = ctx
                    .opts
                    .build_args
                    .get(&k)
                    .cloned()
                    .or(default)
                    .or_else(|| ctx.global_args.get(&k).cloned());
                state.args.insert(k, v);
            }
            Ok(())
        }
        "RUN" => run::run(ctx, state, ins),
        "COPY" | "ADD" => copy::copy(ctx, state, ins),
        "WORKDIR" => copy::workdir(ctx, state, ins),
        _ => {
            let shell = state.shell();
            // ENTRYPOINT keeps or drops the CMD as the stage has given one.
            let parts = [ins.display(), state.args_key(), state.cmd_set.to_string()];
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let mut next = state.config.clone();
            {
                let vars = |n: &str| state.var(ctx, n);
                config::apply(&mut next, ins, &vars, esc, &shell, state.cmd_set)?;
            }
            if ins.keyword == "CMD" {
                state.cmd_set = true;
            }
            let created_by = format!("/bin/sh -c #(nop) {}", ins.display());
            commit_step(ctx, state, &parts, |_| {
                config::add_history(&mut next, &created(ctx), &created_by, true);
                Ok(next)
            })
        }
    }
}

/// Make a step's image, or take it from the cache: `parts` describe the
/// step (with its parent's key), `make` gives the new config.
pub fn commit_step(
    ctx: &Ctx<'_>,
    state: &mut State,
    parts: &[&str],
    make: impl FnOnce(&mut State) -> Result<Value>,
) -> Result<()> {
    let key = cache::key(&state.key, parts);
    if let Some(img) = ctx.cache.get(&key)? {
        ctx.report.line(&format!("--> Using cache {}", img.id));
        let config: Value =
            serde_json::from_slice(&ctx.store.read_blob(&format!("sha256:{}", img.id))?)?;
        ctx.report.line(&format!("--> {}", &img.id[..12]));
        state.config = config;
        state.image = Some(img.id);
        state.key = key;
        return Ok(());
    }
    let config = make(state)?;
    let id = record_step(ctx, &config)?;
    ctx.cache.put(&key, &id)?;
    ctx.report.line(&format!("--> {}", &id[..12]));
    state.config = config;
    state.image = Some(id);
    state.key = key;
    Ok(())
}

/// Record a step's image; remember it as this build's if it is new.
pub fn record_step(ctx: &Ctx<'_>, config: &Value) -> Result<String> {
    let (id, new) = cache::record_image(&ctx.store, config, &[], true)?;
    if new {
        ctx.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(id.clone());
    }
    Ok(id)
}

/// Remove the intermediate images this build made, but `keep` (a build
/// without a cache), and any that has meanwhile got a name.
pub fn forget_intermediates(ctx: &Ctx<'_>, keep: &BTreeSet<String>) {
    let still: BTreeSet<String> = ctx
        .store
        .images()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.intermediate && i.names.is_empty())
        .map(|i| i.id)
        .collect();
    let made: Vec<String> = ctx
        .made
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|id| !keep.contains(*id) && still.contains(*id))
        .cloned()
        .collect();
    if made.is_empty() {
        return;
    }
    let req = crate::engine::images::RemoveRequest {
        images: made,
        all: false,
        force: false,
    };
    if let Err(e) = crate::engine::images::remove(ctx.paths, &req, |_| {}) {
        crate::warn!("removing the build's intermediate images: {e:#}");
    }
}
