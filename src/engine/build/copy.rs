//! COPY and ADD: sources from the context (ignore rules applied), an
//! earlier stage or an image (`--from`), here-documents, and for ADD
//! local archives (unpacked) and URLs (fetched); written into a created
//! container's rootfs (or an empty directory, on `scratch`) with Docker's
//! directory rules, then committed as a layer.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{FileType, Mode, OFlags};
use sha2::{Digest, Sha256};

use super::files::{self, Attrs, Filter};
use super::run::{idle_container, tar_options};
use super::sources::{chown_ids, fetch, is_archive, resolve, resolve_last};
use super::stage::{base_image, commit_step, created, State};
use super::{config, Ctx};
use crate::build::dockerfile::{Args, Instruction};
use crate::build::words;
use crate::storage::path::in_root;

/// One source of a COPY.
#[derive(Debug, Clone)]
pub(crate) enum Src {
    /// A path beneath the source root.
    Path(PathBuf),
    /// A here-document: its name and content.
    Inline(String, String),
    /// A fetched URL (ADD): the file on the host, and its name.
    Fetched(PathBuf, String),
}

/// Where sources come from.
enum From {
    Context(PathBuf),
    /// An image id (a stage's or a named image's).
    Image(String),
}

/// COPY or ADD.
pub fn copy(ctx: &Ctx<'_>, state: &mut State, ins: &Instruction) -> Result<()> {
    let add = ins.keyword == "ADD";
    let esc = ctx.df.escape;
    let vars = |n: &str| state.var(ctx, n);
    // The JSON form's items are expanded too (their quotes are JSON's),
    // as Docker and buildah expand them: `COPY ["${APP}/x", "/d"]`.
    let mut list = match &ins.args {
        Args::Json(v) => v
            .iter()
            .map(|w| words::expand_vars(w, &vars, esc))
            .collect::<Result<_>>()?,
        Args::Shell(s) => words::split(s, esc),
    };
    if matches!(ins.args, Args::Shell(_)) {
        list = list
            .iter()
            .map(|w| {
                if w.starts_with("<<") {
                    Ok(w.clone())
                } else {
                    words::expand(w, &vars, esc)
                }
            })
            .collect::<Result<_>>()?;
    }
    let Some((dest, srcs)) = list.split_last() else {
        bail!("{} needs a source and a destination", ins.keyword);
    };
    if srcs.is_empty() {
        bail!(
            "{} needs a source and a destination ({} SRC... DEST)",
            ins.keyword,
            ins.keyword
        );
    }
    let workdir = state.config["config"]["WorkingDir"]
        .as_str()
        .unwrap_or("/")
        .to_string();
    let dest_is_dir = dest.ends_with('/') || dest.ends_with("/.") || dest == ".";
    let dest_abs = if dest.starts_with('/') {
        config::clean_path(dest)
    } else {
        config::clean_path(&format!("{workdir}/{dest}"))
    };
    let chown = ins
        .flag("chown")
        .map(|c| words::expand(c, &vars, esc))
        .transpose()?;
    let chmod = match ins.flag("chmod") {
        Some(m) => Some(
            u32::from_str_radix(&words::expand(m, &vars, esc)?, 8)
                .ok()
                .filter(|m| *m <= 0o7777)
                .with_context(|| format!("--chmod={m}: give an octal mode like 755"))?,
        ),
        None => None,
    };
    let mut _empty_context = None;
    let from = match ins.flag("from") {
        None => {
            match ctx.opts.context.clone() {
                Some(dir) => From::Context(dir),
                // `build -`: here-documents and URLs need no context; an
                // empty one stands in.
                None => {
                    let paths = match &ins.args {
                        Args::Json(v) => v.clone(),
                        Args::Shell(s) => words::split(s, esc),
                    };
                    let needs = paths[..paths.len().saturating_sub(1)].iter().any(|p| {
                        !p.starts_with("<<")
                            && !p.starts_with("http://")
                            && !p.starts_with("https://")
                    });
                    if needs {
                        bail!("{} needs a build context (den build - has none): use --from, or give a context directory", ins.keyword);
                    }
                    let work = ctx.store.work_dir("build-context")?;
                    let dir = work.path.clone();
                    _empty_context = Some(work);
                    From::Context(dir)
                }
            }
        }
        Some(f) => {
            // As the stage order was worked out: with the global ARGs.
            let globals = |n: &str| ctx.global_args.get(n).cloned();
            let f = words::expand(f, &globals, esc)?;
            match ctx.stage_named(&f, ctx.df.stages.len()) {
                Some(j) => {
                    let b = ctx.built[j].get().with_context(|| {
                        format!("--from={f}: that stage is not built yet (it must come earlier)")
                    })?;
                    From::Image(
                        b.image
                            .clone()
                            .with_context(|| format!("--from={f}: that stage is empty"))?,
                    )
                }
                None => From::Image(base_image(ctx, &f, super::stage::side_policy(ctx))?.id),
            }
        }
    };
    // The sources, and what their content hashes to.
    let mut hasher = Sha256::new();
    hasher.update(ins.display().as_bytes());
    let mut sources = Vec::new();
    // Downloads live in work directories until the step is made.
    let mut fetched_guard = Vec::new();
    for s in srcs {
        if let Some(doc) = ins.heredocs.iter().find(|d| {
            s.trim_start_matches("<<")
                .trim_start_matches('-')
                .trim_matches(['"', '\''])
                == d.name
        }) {
            let body = if doc.expand {
                words::expand_vars(&doc.body, &vars, esc)
                    .with_context(|| format!("the here-document {}", doc.name))?
            } else {
                doc.body.clone()
            };
            hasher.update(body.as_bytes());
            sources.push(Src::Inline(doc.name.clone(), body));
        } else if add && (s.starts_with("http://") || s.starts_with("https://")) {
            if state.trigger {
                bail!("it asks to fetch {s}; a trigger from an image may not fetch URLs");
            }
            let (work, path, name, digest) = fetch(ctx, s)?;
            fetched_guard.push(work);
            if let Some(want) = ins.flag("checksum") {
                if want != digest {
                    bail!("ADD {s}: the download's digest is {digest}, not {want} (--checksum)");
                }
            }
            hasher.update(s.as_bytes());
            hasher.update(digest.as_bytes());
            sources.push(Src::Fetched(path, name));
        } else {
            if ins.flag("checksum").is_some() {
                bail!("{s}: --checksum is for URL sources only");
            }
            if s.starts_with("git@") || s.ends_with(".git") && s.contains("://") {
                bail!("{s}: git sources are not supported: clone it into the context first");
            }
            sources.push(Src::Path(PathBuf::from(s)));
        }
    }
    // Context sources are resolved (and hashed) now, for the cache key.
    let resolved: Option<Vec<Src>> = match &from {
        From::Context(dir) => {
            let root = rustix::fs::open(
                dir,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .with_context(|| format!("opening the build context {}", dir.display()))?;
            let list = resolve(root.as_fd(), &sources, Some(&ctx.ignore))?;
            for s in &list {
                if let Src::Path(p) = s {
                    hasher.update(p.as_os_str().as_bytes());
                    let p = &resolve_last(root.as_fd(), p)?;
                    files::hash_source(
                        root.as_fd(),
                        p,
                        Filter {
                            ignore: Some(&ctx.ignore),
                        },
                        &mut hasher,
                    )?;
                }
            }
            Some(list)
        }
        From::Image(id) => {
            hasher.update(id.as_bytes());
            None
        }
    };
    if !dest_is_dir && resolved.as_deref().unwrap_or(&sources).len() > 1 {
        bail!("{} with more than one source needs a directory as destination, ending with / ({dest}/)", ins.keyword);
    }
    let content = hex::encode(hasher.finalize());
    let parts = [ins.display(), state.args_key(), content.clone()];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let mtime = ctx
        .opts
        .timestamp
        .unwrap_or_else(|| chrono::Utc::now().timestamp());
    let job = Job {
        add,
        dest: dest_abs.clone(),
        dest_is_dir,
        chown,
        chmod,
        mtime,
        ins,
    };
    let r = commit_step(ctx, state, &parts, |state| {
        let diff_id = match state.image.clone() {
            Some(image) => {
                let target = idle_container(ctx, &image, state)?;
                let source = match &from {
                    From::Image(id) => Some(idle_container(ctx, id, state)?),
                    From::Context(_) => None,
                };
                let mut cfgs = vec![&target.cfg];
                cfgs.extend(source.as_ref().map(|s| &s.cfg));
                crate::engine::rootfs::in_thread(ctx.paths, &cfgs, |roots| {
                    let dest_root = roots.first().context("no rootfs")?;
                    job.write(
                        ctx,
                        dest_root.as_fd(),
                        roots.get(1),
                        &from,
                        resolved.as_deref(),
                        &sources,
                    )
                })?;
                drop(source);
                crate::engine::commit::write_layer(
                    ctx.paths,
                    &ctx.store,
                    &target.cfg,
                    tar_options(ctx),
                    &[],
                )?
                .0
            }
            None => {
                // `scratch`: an empty directory is the root.
                let (_work, root_dir, root) = scratch_root(ctx)?;
                match &from {
                    From::Image(id) => {
                        // A stage's files into scratch: its rootfs mounted.
                        let src_cfg = idle_container(ctx, id, state)?;
                        crate::engine::rootfs::in_thread(ctx.paths, &[&src_cfg.cfg], |roots| {
                            job.write(ctx, root.as_fd(), roots.first(), &from, None, &sources)
                        })?;
                    }
                    From::Context(_) => job.write(
                        ctx,
                        root.as_fd(),
                        None,
                        &from,
                        resolved.as_deref(),
                        &sources,
                    )?,
                }
                crate::engine::commit::write_layer_of_dir(&ctx.store, &root_dir, tar_options(ctx))?
                    .0
            }
        };
        let mut next = state.config.clone();
        config::add_layer(&mut next, &diff_id);
        let what = if sources.len() == 1 && matches!(resolved.as_deref(), Some([Src::Path(_)])) {
            "file"
        } else {
            "multi"
        };
        let created_by = format!(
            "/bin/sh -c #(nop) {} {what}:{content} in {dest_abs} ",
            ins.keyword
        );
        config::add_history(&mut next, &created(ctx), &created_by, false);
        Ok(next)
    });
    drop(fetched_guard);
    r
}

/// An empty directory standing for `scratch`'s root (it goes with the
/// work directory): the directory, and a descriptor of it.
fn scratch_root(ctx: &Ctx<'_>) -> Result<(crate::image::store::WorkDir, PathBuf, OwnedFd)> {
    let work = ctx.store.work_dir("build")?;
    let root_dir = work.path.join("root");
    crate::util::fs::private_dir(&root_dir)?;
    std::fs::set_permissions(
        &root_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )?;
    let root = rustix::fs::open(
        &root_dir,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    Ok((work, root_dir, root))
}

/// What is written where.
struct Job<'a> {
    add: bool,
    dest: String,
    dest_is_dir: bool,
    chown: Option<String>,
    chmod: Option<u32>,
    mtime: i64,
    ins: &'a Instruction,
}

impl Job<'_> {
    fn write(
        &self,
        ctx: &Ctx<'_>,
        dest_root: BorrowedFd<'_>,
        src_root: Option<&OwnedFd>,
        from: &From,
        resolved: Option<&[Src]>,
        sources: &[Src],
    ) -> Result<()> {
        let owner = match &self.chown {
            Some(c) => Some(chown_ids(dest_root, c)?),
            None => None,
        };
        let context = matches!(from, From::Context(_));
        // Context files are root's unless --chown; an image's keep theirs.
        let attrs = Attrs {
            owner: owner.or(context.then_some((0, 0))),
            mode: self.chmod,
            root: Some(dest_root),
        };
        let ctx_root = match from {
            From::Context(dir) => Some(rustix::fs::open(
                dir,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?),
            From::Image(_) => None,
        };
        let root = match (&ctx_root, src_root) {
            (Some(r), _) => r.as_fd(),
            (None, Some(r)) => r.as_fd(),
            (None, None) => bail!("no source for {}", self.ins.keyword),
        };
        let list = match resolved {
            Some(l) => l.to_vec(),
            None => resolve(root, sources, None)?,
        };
        if !self.dest_is_dir && list.len() > 1 {
            bail!(
                "{} with more than one source needs a directory as destination, ending with /",
                self.ins.keyword
            );
        }
        let filter = Filter {
            ignore: context.then_some(&ctx.ignore),
        };
        let dir_owner = owner.unwrap_or((0, 0));
        let into_dir = self.dest_is_dir || files::is_dir_in(dest_root, &self.dest);
        // (directory, name) for a single file.
        let place = |name: &OsStr| -> (String, std::ffi::OsString) {
            if into_dir {
                (self.dest.clone(), name.to_os_string())
            } else {
                let p = Path::new(&self.dest);
                (
                    p.parent().map_or("/".into(), |p| p.display().to_string()),
                    p.file_name()
                        .map_or_else(|| name.to_os_string(), |n| n.to_os_string()),
                )
            }
        };
        for s in &list {
            match s {
                Src::Inline(name, body) => {
                    let (dir, n) = place(OsStr::new(name));
                    let d = files::dest_dir(dest_root, &dir, dir_owner)?;
                    files::write_file(
                        d.as_fd(),
                        &n,
                        body.as_bytes(),
                        self.chmod.unwrap_or(0o644),
                        owner.unwrap_or((0, 0)),
                        self.mtime,
                    )?;
                }
                Src::Fetched(path, name) => {
                    let data = std::fs::File::open(path)?;
                    let (dir, n) = place(OsStr::new(name));
                    let d = files::dest_dir(dest_root, &dir, dir_owner)?;
                    files::write_file(
                        d.as_fd(),
                        &n,
                        &data,
                        self.chmod.unwrap_or(0o600),
                        owner.unwrap_or((0, 0)),
                        self.mtime,
                    )?;
                }
                Src::Path(rel) => {
                    let fd = files::open_in(root, rel)
                        .with_context(|| format!("{}: no such file or directory", rel.display()))?;
                    let st = rustix::fs::fstat(&fd)?;
                    let kind = FileType::from_raw_mode(st.st_mode);
                    if kind == FileType::Directory {
                        let d = files::dest_dir(dest_root, &self.dest, dir_owner)?;
                        // Walked (and filtered) by the path it really has.
                        let rel = &resolve_last(root, rel)?;
                        let src = files::open_dir_in(root, rel)?;
                        let dest_rel = Path::new(self.dest.trim_start_matches('/'));
                        files::copy_contents(src.as_fd(), rel, d.as_fd(), dest_rel, attrs, filter)?;
                    } else if self.add
                        && context
                        && kind == FileType::RegularFile
                        && is_archive(root, rel)?
                    {
                        self.unpack(root, rel, dest_root, owner)?;
                    } else {
                        let name = rel.file_name().unwrap_or(OsStr::new("file"));
                        let (dir, n) = place(name);
                        let d = files::dest_dir(dest_root, &dir, dir_owner)?;
                        let real = resolve_last(root, rel)?;
                        let real_parent = real.parent().unwrap_or(Path::new(""));
                        let rpfd = files::open_dir_in(root, real_parent)?;
                        let real_name = real.file_name().unwrap_or(name);
                        files::copy_entry(
                            rpfd.as_fd(),
                            real_name,
                            &st,
                            d.as_fd(),
                            Path::new(dir.trim_start_matches('/')),
                            &n,
                            attrs,
                            None,
                        )?;
                    }
                }
            }
        }
        Ok(())
    }

    /// ADD of a local archive: unpacked into the destination directory.
    fn unpack(
        &self,
        root: BorrowedFd<'_>,
        rel: &Path,
        dest_root: BorrowedFd<'_>,
        owner: Option<(u32, u32)>,
    ) -> Result<()> {
        files::dest_dir(dest_root, &self.dest, owner.unwrap_or((0, 0)))?;
        let f = rustix::fs::openat2(
            root,
            rel,
            OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )?;
        let file = std::fs::File::from(f);
        let base: Vec<&OsStr> = crate::storage::path::clean_components(self.dest.as_bytes());
        let to = crate::storage::extract::Unpack {
            root: dest_root,
            base: &base,
            owner,
            owners: crate::storage::extract::Owners::Keep,
            rename_top: None,
            overwrite: true,
            host: false,
        };
        let meter = crate::storage::meter::Meter::new(crate::storage::meter::Limits::NONE);
        // xz and bzip2 through the system's programs, reading the file.
        let unpacked = crate::storage::byprogram::Decoded::file(file)
            .and_then(|mut input| {
                crate::storage::extract::unpack(&mut input, &to, meter)
                    .map(drop)
                    .map_err(anyhow::Error::from)
                    .and_then(|_| input.finish())
            })
            .with_context(|| format!("unpacking {}", rel.display()));
        unpacked?;
        Ok(())
    }
}

/// WORKDIR: the config's working directory, and the directory itself
/// where the image lacks it (made as the stage's USER, as BuildKit does).
pub fn workdir(ctx: &Ctx<'_>, state: &mut State, ins: &Instruction) -> Result<()> {
    let esc = ctx.df.escape;
    let mut next = state.config.clone();
    {
        let vars = |n: &str| state.var(ctx, n);
        config::apply(&mut next, ins, &vars, esc, &state.shell(), state.cmd_set)?;
    }
    let path = next["config"]["WorkingDir"]
        .as_str()
        .unwrap_or("/")
        .to_string();
    let user = next["config"]["User"].as_str().unwrap_or("").to_string();
    let parts = [ins.display(), state.args_key(), user.clone()];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let created_by = format!("/bin/sh -c #(nop) {}", ins.display());
    commit_step(ctx, state, &parts, |state| {
        let rel = Path::new(path.trim_start_matches('/'));
        // Most often the image has it: its layers tell without a mount.
        let mut dirs = Vec::new();
        for d in state.diff_ids() {
            dirs.push(ctx.store.layer_dir(&d)?.join("diff"));
        }
        let there = rel.as_os_str().is_empty()
            || crate::storage::changes::Lower::new(dirs)
                .lookup(rel)
                .is_some_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Directory);
        let make = |root: BorrowedFd<'_>| -> Result<bool> {
            if files::is_dir_in(root, &path) {
                return Ok(false);
            }
            let owner = match user.as_str() {
                "" => (0, 0),
                u => super::sources::user_ids(root, u)?,
            };
            files::dest_dir(root, &path, owner)?;
            Ok(true)
        };
        let layer = match (there, state.image.clone()) {
            (true, _) => None,
            (false, Some(image)) => {
                let target = idle_container(ctx, &image, state)?;
                let made = crate::engine::rootfs::in_thread(ctx.paths, &[&target.cfg], |roots| {
                    make(roots.first().context("no rootfs")?.as_fd())
                })?;
                match made {
                    true => Some(
                        crate::engine::commit::write_layer(
                            ctx.paths,
                            &ctx.store,
                            &target.cfg,
                            tar_options(ctx),
                            &[],
                        )?
                        .0,
                    ),
                    false => None,
                }
            }
            (false, None) => {
                let (_work, root_dir, root) = scratch_root(ctx)?;
                make(root.as_fd())?;
                Some(
                    crate::engine::commit::write_layer_of_dir(
                        &ctx.store,
                        &root_dir,
                        tar_options(ctx),
                    )?
                    .0,
                )
            }
        };
        match layer {
            Some(diff_id) => {
                config::add_layer(&mut next, &diff_id);
                config::add_history(&mut next, &created(ctx), &created_by, false);
            }
            None => config::add_history(&mut next, &created(ctx), &created_by, true),
        }
        Ok(next)
    })
}
