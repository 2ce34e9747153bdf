//! `den build`: flags into [`BuildOptions`], podman's lines out.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{ArgAction, Args};

use super::image::AccessArgs;
use crate::config::paths::Paths;
use crate::engine::build::{self, BuildOptions, Report, Secret};
use crate::engine::images::PullOptions;
use crate::engine::spec::PullPolicy;
use crate::engine::start::Globals;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Name (and tag) the image; may be given more than once
    #[arg(short, long = "tag", value_name = "NAME")]
    pub tags: Vec<String>,
    /// The Containerfile or Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile; - for stdin)
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// A build argument: KEY=VALUE (KEY alone: from the environment)
    #[arg(long = "build-arg", value_name = "KEY=VALUE")]
    pub build_args: Vec<String>,
    /// A file of build arguments: KEY=VALUE lines, # comments (read
    /// before --build-arg, which wins)
    #[arg(long = "build-arg-file", value_name = "FILE")]
    pub build_arg_files: Vec<PathBuf>,
    /// Build up to this stage
    #[arg(long)]
    pub target: Option<String>,
    /// Do not use the cache (steps are still cached for later builds)
    #[arg(long)]
    pub no_cache: bool,
    /// Pull base images: always (the flag alone), missing, never
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always")]
    pub pull: Option<String>,
    /// Add a label to the image: KEY=VALUE
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// The platform (os/arch): only this host's can be built
    #[arg(long)]
    pub platform: Option<String>,
    /// Keep each step as an intermediate image, the cache (false: one layer per stage)
    #[arg(long, value_name = "BOOL", action = ArgAction::Set, num_args = 0..=1, require_equals = true, default_value_t = true, default_missing_value = "true")]
    pub layers: bool,
    /// Make one layer of each stage's new layers
    #[arg(long)]
    pub squash: bool,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// The network of RUN steps (pasta, slirp4netns, host, none, or a network)
    #[arg(long)]
    pub network: Option<String>,
    /// A secret for RUN --mount=type=secret: id=ID,src=PATH
    #[arg(long = "secret", value_name = "id=ID,src=PATH")]
    pub secrets: Vec<String>,
    /// Stages built at the same time (default: the number of cores)
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Seconds since the epoch for every date in the image (default: $SOURCE_DATE_EPOCH)
    #[arg(long)]
    pub timestamp: Option<i64>,
    /// The ignore file (default: .containerignore, else .dockerignore, in the context)
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    #[command(flatten)]
    pub access: AccessArgs,
    #[command(flatten)]
    pub run: super::buildflags::BuildRunArgs,
    #[command(flatten)]
    pub image: super::buildflags::BuildImageArgs,
    /// The build context: a directory; - for stdin (a Dockerfile with no
    /// context, or an archive that is the context); a URL (an archive or
    /// a Dockerfile); a Git repository (git://, git@, github.com/, a URL
    /// ending .git; #REF:DIR for a branch or tag and a directory)
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
}

/// podman's lines on stdout (none with -q).
pub(super) struct Lines {
    pub quiet: bool,
}

impl Report for Lines {
    fn line(&self, text: &str) {
        if !self.quiet {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
            let _ = out.flush();
        }
    }

    /// RUN output on stdout; with -q on stderr (stdout holds the id alone).
    fn run_output(&self) -> (std::process::Stdio, std::process::Stdio) {
        let out = if self.quiet {
            std::process::Stdio::from(std::io::stderr())
        } else {
            std::process::Stdio::inherit()
        };
        (out, std::process::Stdio::inherit())
    }
}

fn read_stdin() -> Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("reading the Dockerfile from stdin")?;
    Ok(s)
}

/// `den build`.
pub fn build(paths: &Paths, g: &Globals, mut a: BuildArgs) -> Result<i32> {
    a.image.check()?;
    let output = a
        .image
        .output
        .as_deref()
        .map(super::buildflags::parse_output)
        .transpose()?;
    // A tar on stdout: the build's words must not go there.
    if output == Some(super::buildflags::Output::Stdout) {
        a.quiet = true;
    }
    let run_template = a.run.template()?;
    if let Some(f) = &a.image.logfile {
        // Everything the build says, to the file (podman's: truncated, 0600).
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(f)
            .with_context(|| format!("opening the log file {}", f.display()))?;
        crate::util::fs::redirect_stdout_stderr(&file)?;
    }
    // No context given: the Containerfile's directory with -f (podman's
    // rule: `build -f sub/Containerfile` builds from sub/), else here.
    let ctx_arg = match (&a.context, &a.file) {
        (Some(c), _) => c.clone(),
        (None, Some(f)) if f.as_os_str() != "-" => f
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".into(), |p| p.display().to_string()),
        (None, _) => ".".into(),
    };
    // Not a local directory: stdin (`-`), a URL or a repository, as
    // Docker takes them (kept until the build ends).
    use crate::engine::build::given::{self, Given};
    let local = std::path::Path::new(&ctx_arg).is_dir();
    let file_on_stdin = a.file.as_ref().is_some_and(|f| f.as_os_str() == "-");
    if ctx_arg == "-" && file_on_stdin {
        bail!("build - -f -: stdin cannot be both the context and the Containerfile");
    }
    let given = if ctx_arg == "-" {
        Some(given::from_stream(paths, std::io::stdin().lock(), "stdin")?)
    } else if !local && (given::is_git(&ctx_arg) || given::is_url(&ctx_arg)) {
        Some(given::from_url(paths, &ctx_arg)?)
    } else {
        None
    };
    let (context, dockerfile, name) = match &given {
        Some(Given::Containerfile(text)) => {
            if a.file.is_some() {
                bail!("build {ctx_arg} gives a Containerfile and no context: leave out -f");
            }
            (None, text.clone(), "stdin".to_string())
        }
        given => {
            let dir = match given.as_ref().and_then(|s| s.dir()) {
                Some(d) => d.to_path_buf(),
                None => std::fs::canonicalize(&ctx_arg)
                    .ok()
                    .filter(|d| d.is_dir())
                    .with_context(|| format!("the build context {ctx_arg} is not a directory"))?,
            };
            let (text, name) = match &a.file {
                Some(f) if f.as_os_str() == "-" => (read_stdin()?, "stdin".to_string()),
                Some(f) => {
                    // -f is relative to where den runs, else (not there) to
                    // the context, as buildah looks for it; in a context
                    // from stdin or a URL, to the context.
                    let inside = given.is_some() || (!f.exists() && dir.join(f).is_file());
                    let f = match f.is_relative() && inside {
                        true => dir.join(f),
                        false => f.clone(),
                    };
                    if given.is_some() {
                        given::check_inside(&dir, &f)?;
                    }
                    let text = std::fs::read_to_string(&f)
                        .with_context(|| format!("reading {} (check -f)", f.display()))?;
                    (text, f.display().to_string())
                }
                None => {
                    let found = ["Containerfile", "Dockerfile"]
                        .iter()
                        .map(|n| dir.join(n))
                        .find(|p| p.is_file())
                        .with_context(|| {
                            let shown = match given {
                                Some(_) if ctx_arg == "-" => "the archive on stdin",
                                _ => ctx_arg.as_str(),
                            };
                            format!("no Containerfile or Dockerfile in {shown} (give one with -f)")
                        })?;
                    if given.is_some() {
                        given::check_inside(&dir, &found)?;
                    }
                    let text = std::fs::read_to_string(&found)
                        .with_context(|| format!("reading {}", found.display()))?;
                    (text, found.display().to_string())
                }
            };
            (Some(dir), text, name)
        }
    };
    // A Containerfile.in goes through cpp first, as buildah's.
    let dockerfile = if name.ends_with(".in") {
        super::buildflags::preprocess(&dockerfile, context.as_deref(), &a.image.cpp_flag)?
    } else {
        dockerfile
    };
    let ignore = match (&a.ignorefile, &context) {
        (Some(f), _) => Some(build::read_ignore_file(f)?),
        (None, Some(dir)) => {
            let file = (name != "stdin").then(|| std::path::Path::new(&name));
            build::read_ignore(dir, file, given.is_some())?
        }
        (None, None) => None,
    };
    // podman's order: the files' lines, then --build-arg (a bare KEY
    // not in den's environment unsets what a file gave).
    let mut build_args = BTreeMap::new();
    for f in &a.build_arg_files {
        for kv in super::envflags::read_env_file(f, "--build-arg-file")? {
            if let Some((k, v)) = kv.split_once('=') {
                build_args.insert(k.to_string(), v.to_string());
            }
        }
    }
    for b in &a.build_args {
        match b.split_once('=') {
            Some((k, v)) => {
                build_args.insert(k.to_string(), v.to_string());
            }
            None => match std::env::var(b) {
                Ok(v) => {
                    build_args.insert(b.clone(), v);
                }
                Err(_) => {
                    build_args.remove(b);
                }
            },
        }
    }
    let mut labels = Vec::new();
    for l in &a.labels {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.push((k.to_string(), v.to_string()));
    }
    let mut secrets = Vec::new();
    // Secrets from variables, in files of this build's alone (0600, in
    // the runtime directory), deleted when it ends, however it ends.
    let mut from_env: Vec<crate::util::fs::Passing> = Vec::new();
    for s in &a.secrets {
        let mut id = None;
        let mut src = None;
        let mut var = None;
        let mut kind = None;
        for kv in s.split(',') {
            match kv.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(v.to_string()),
                Some(("env", v)) => var = Some(v.to_string()),
                Some(("type", t @ ("file" | "env"))) => kind = Some(t),
                _ => bail!("--secret {s:?}: give id=ID,src=PATH or id=ID,env=VARIABLE"),
            }
        }
        let Some(id) = id else {
            bail!("--secret {s:?}: give id=ID,src=PATH or id=ID,env=VARIABLE");
        };
        // buildah's rules: env=VAR, or type=env with src=VAR, is the
        // variable; id alone is the variable ID if set, else the file ID.
        let variable = match (kind, &src, var) {
            (_, _, Some(v)) => Some(v),
            (Some("env"), Some(v), None) => Some(v.clone()),
            (Some("env"), None, None) => Some(id.clone()),
            (None, None, None) => std::env::var_os(&id).is_some().then(|| id.clone()),
            _ => None,
        };
        let src = match variable {
            Some(v) => {
                let value = std::env::var_os(&v)
                    .with_context(|| format!("--secret {id}: the variable {v} is not set"))?;
                let f = crate::util::fs::Passing::new(
                    &paths.runtime,
                    std::os::unix::ffi::OsStrExt::as_bytes(value.as_os_str()),
                )?;
                let path = f.path().to_path_buf();
                from_env.push(f);
                path
            }
            None => PathBuf::from(src.unwrap_or_else(|| id.clone())),
        };
        if !src.is_file() {
            bail!("--secret {id}: {} is not a file", src.display());
        }
        secrets.push(Secret { id, src });
    }
    // podman's spellings: true is always, false is missing.
    let pull = match a.pull.as_deref() {
        None | Some("missing") | Some("false") => PullPolicy::Missing,
        Some("never") => PullPolicy::Never,
        Some("always") | Some("true") | Some("newer") => PullPolicy::Always,
        Some(p) => bail!("--pull={p}: use always, missing, never or newer"),
    };
    let timestamp =
        match a.timestamp {
            Some(t) => Some(t),
            None => match std::env::var("SOURCE_DATE_EPOCH") {
                Ok(v) if !v.is_empty() => Some(v.parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH={v}: give seconds since the epoch")
                })?),
                _ => None,
            },
        };
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = BuildOptions {
        dockerfile,
        dockerfile_name: name,
        context,
        ignore,
        tags: a.tags.clone(),
        build_args,
        target: a.target.clone(),
        no_cache: a.no_cache || a.image.no_cache()?,
        pull,
        labels,
        platform: a.platform.clone(),
        layers: a.layers,
        squash: a.squash,
        network: a.network.clone(),
        secrets,
        jobs,
        timestamp,
        from: a.image.from.clone(),
        run_template,
        all_stages: !a.image.skip_unused_stages,
        edits: a.image.edits(),
    };
    // Parsed once, before any stage thread runs.
    let access = a.access.access()?;
    let quiet = a.quiet;
    let pull = move || -> Result<PullOptions> {
        Ok(PullOptions {
            access: access.clone(),
            progress: super::progress::Terminal::shared(quiet),
            platform: None,
            stop: None,
        })
    };
    let report = Lines { quiet: a.quiet };
    let id = build::build(paths, g, &opts, &pull, &report)?;
    if let Some(f) = &a.iidfile {
        std::fs::write(f, format!("sha256:{id}"))
            .with_context(|| format!("writing the iidfile {}", f.display()))?;
    }
    match &output {
        None => {}
        Some(super::buildflags::Output::Stdout) => {
            let mut out = std::io::stdout().lock();
            crate::engine::export::export_image(paths, &id, &mut out)?;
            return Ok(0);
        }
        Some(super::buildflags::Output::Tar(f)) => {
            let mut file = std::fs::File::create(f)
                .with_context(|| format!("writing the output {}", f.display()))?;
            crate::engine::export::export_image(paths, &id, &mut file)?;
        }
        Some(super::buildflags::Output::Dir(d)) => write_dir(paths, &id, d)?,
    }
    println!("{id}");
    Ok(0)
}

/// `--output DIR`: the image's files unpacked into DIR (made 0700), by
/// tar as the user (no owners kept, nothing written outside DIR).
fn write_dir(paths: &Paths, id: &str, dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("making the output directory {}", dir.display()))?;
    let mut tar = std::process::Command::new("tar")
        .args(["-x", "--no-same-owner", "-f", "-", "-C"])
        .arg(dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .context("running tar to unpack the output (is tar installed?)")?;
    let mut stdin = tar.stdin.take().context("tar's stdin")?;
    let written = crate::engine::export::export_image(paths, id, &mut stdin);
    drop(stdin);
    let status = tar.wait().context("waiting for tar")?;
    written?;
    if !status.success() {
        bail!(
            "tar could not unpack the image into {} ({status})",
            dir.display()
        );
    }
    Ok(())
}
