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
use super::run::{container, tar_options};
use super::stage::{base_image, commit_step, created, State};
use super::{config, Ctx};
use crate::build::dockerfile::{Args, Instruction};
use crate::build::{ignore, words};
use crate::storage::path::in_root;

/// One source of a COPY.
#[derive(Debug, Clone)]
enum Src {
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
    let mut list = match &ins.args {
        Args::Json(v) => v.clone(),
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
    let from = match ins.flag("from") {
        None => {
            let dir = ctx.opts.context.clone().with_context(|| {
                format!("{} needs a build context (den build - has none): use --from, or give a context directory", ins.keyword)
            })?;
            From::Context(dir)
        }
        Some(f) => {
            let f = words::expand(f, &vars, esc)?;
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
                None => {
                    From::Image(base_image(ctx, &f, crate::engine::spec::PullPolicy::Missing)?.id)
                }
            }
        }
    };
    // The sources, and what their content hashes to.
    let mut hasher = Sha256::new();
    hasher.update(ins.display().as_bytes());
    let mut sources = Vec::new();
    let mut fetched_guard = Fetched(Vec::new());
    for s in srcs {
        if let Some(doc) = ins.heredocs.iter().find(|d| {
            s.trim_start_matches("<<")
                .trim_start_matches('-')
                .trim_matches(['"', '\''])
                == d.name
        }) {
            let body = if doc.expand {
                words::expand(&doc.body.replace('"', "\\\""), &vars, esc)
                    .unwrap_or_else(|_| doc.body.clone())
            } else {
                doc.body.clone()
            };
            hasher.update(body.as_bytes());
            sources.push(Src::Inline(doc.name.clone(), body));
        } else if add && (s.starts_with("http://") || s.starts_with("https://")) {
            let (path, name, digest) = fetch(ctx, s)?;
            fetched_guard.0.push(path.clone());
            if let Some(want) = ins.flag("checksum") {
                if want != digest {
                    bail!("ADD {s}: the download's digest is {digest}, not {want} (--checksum)");
                }
            }
            hasher.update(s.as_bytes());
            hasher.update(digest.as_bytes());
            sources.push(Src::Fetched(path, name));
        } else {
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
    if !dest_is_dir && count_sources(resolved.as_deref().unwrap_or(&sources)) > 1 {
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
                let target = container(
                    ctx,
                    &image,
                    state,
                    vec!["true".into()],
                    Some("none".into()),
                    Vec::new(),
                )?;
                let source = match &from {
                    From::Image(id) => Some(container(
                        ctx,
                        id,
                        state,
                        vec!["true".into()],
                        Some("none".into()),
                        Vec::new(),
                    )?),
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
                std::thread::scope(|s| {
                    s.spawn(|| {
                        if let From::Image(_) = from {
                            // A stage's files into scratch: its rootfs mounted.
                            let src_cfg = match &from {
                                From::Image(id) => container(
                                    ctx,
                                    id,
                                    state,
                                    vec!["true".into()],
                                    Some("none".into()),
                                    Vec::new(),
                                )?,
                                From::Context(_) => unreachable!(),
                            };
                            crate::engine::rootfs::in_thread(ctx.paths, &[&src_cfg.cfg], |roots| {
                                job.write(ctx, root.as_fd(), roots.first(), &from, None, &sources)
                            })
                        } else {
                            job.write(
                                ctx,
                                root.as_fd(),
                                None,
                                &from,
                                resolved.as_deref(),
                                &sources,
                            )
                        }
                    })
                    .join()
                    .unwrap_or_else(|_| bail!("copying panicked"))
                })?;
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

fn count_sources(list: &[Src]) -> usize {
    list.len()
}

/// Removes fetched files.
struct Fetched(Vec<PathBuf>);

impl Drop for Fetched {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
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
                        let src = rustix::fs::openat2(
                            root,
                            dot(rel),
                            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                            Mode::empty(),
                            in_root(),
                        )?;
                        files::copy_contents(src.as_fd(), rel, d.as_fd(), attrs, filter)?;
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
                        // The source's parent, so a final symlink is followed
                        // beneath the root too.
                        let parent = rel.parent().unwrap_or(Path::new(""));
                        let pfd = rustix::fs::openat2(
                            root,
                            dot(parent),
                            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                            Mode::empty(),
                            in_root(),
                        )?;
                        let real = resolve_last(root, rel)?;
                        let real_parent = real.parent().unwrap_or(Path::new(""));
                        let rpfd = rustix::fs::openat2(
                            root,
                            dot(real_parent),
                            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                            Mode::empty(),
                            in_root(),
                        )?;
                        let _ = pfd;
                        let real_name = real.file_name().unwrap_or(name);
                        files::copy_entry(
                            rpfd.as_fd(),
                            real_name,
                            &st,
                            d.as_fd(),
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
        let input = crate::storage::archive::decompressed(Box::new(std::fs::File::from(f)))?;
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
        crate::storage::extract::unpack(input, &to, meter)
            .with_context(|| format!("unpacking {}", rel.display()))?;
        Ok(())
    }
}

fn dot(p: &Path) -> &Path {
    if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    }
}

/// Copy `path` (a file or a tree, resolved beneath `root`) into the
/// host directory `dest` (its content, for a directory), owners kept.
/// What to mount: `dest`, or the file in it.
pub(crate) fn export_path(root: BorrowedFd<'_>, path: &str, dest: &Path) -> Result<PathBuf> {
    let rel = PathBuf::from(path.trim_start_matches('/'));
    let real = resolve_last(root, &rel)?;
    let fd = files::open_in(root, &real)
        .with_context(|| format!("{path}: no such file or directory"))?;
    let st = rustix::fs::fstat(&fd)?;
    let out = rustix::fs::open(
        dest,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let attrs = Attrs {
        owner: None,
        mode: None,
    };
    let none = Filter { ignore: None };
    if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
        let src = rustix::fs::openat2(
            root,
            dot(&real),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )?;
        files::copy_contents(src.as_fd(), Path::new(""), out.as_fd(), attrs, none)?;
        Ok(dest.to_path_buf())
    } else {
        let parent = real.parent().unwrap_or(Path::new(""));
        let pfd = rustix::fs::openat2(
            root,
            dot(parent),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )?;
        let name = real.file_name().unwrap_or(OsStr::new("file"));
        files::copy_entry(pfd.as_fd(), name, &st, out.as_fd(), name, attrs, None)?;
        Ok(dest.join(name))
    }
}

/// `rel` with its last component's symlinks followed (beneath the root).
fn resolve_last(root: BorrowedFd<'_>, rel: &Path) -> Result<PathBuf> {
    let mut cur = rel.to_path_buf();
    for _ in 0..40 {
        let parent = cur.parent().unwrap_or(Path::new("")).to_path_buf();
        let Some(name) = cur.file_name().map(|n| n.to_os_string()) else {
            return Ok(cur);
        };
        let pfd = rustix::fs::openat2(
            root,
            dot(&parent),
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            in_root(),
        )?;
        let st = rustix::fs::statat(&pfd, &name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW)?;
        if FileType::from_raw_mode(st.st_mode) != FileType::Symlink {
            return Ok(cur);
        }
        let target = rustix::fs::readlinkat(&pfd, &name, Vec::new())?;
        let t = Path::new(OsStr::from_bytes(target.as_bytes()));
        let joined = if t.is_absolute() {
            t.to_path_buf()
        } else {
            parent.join(t)
        };
        let clean: Vec<&OsStr> =
            crate::storage::path::clean_components(joined.as_os_str().as_encoded_bytes());
        cur = crate::storage::path::join(&clean);
    }
    bail!("{}: too many levels of symbolic links", rel.display())
}

/// Whether the file looks like an archive ADD unpacks.
fn is_archive(root: BorrowedFd<'_>, rel: &Path) -> Result<bool> {
    let f = rustix::fs::openat2(
        root,
        rel,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
        in_root(),
    )?;
    let mut head = [0u8; 512];
    let mut file = std::fs::File::from(f);
    let n = std::io::Read::read(&mut file, &mut head)?;
    let head = &head[..n];
    Ok(head.starts_with(&[0x1f, 0x8b])
        || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
        || (n >= 262 && &head[257..262] == b"ustar"))
}

/// Sources as paths beneath `root`: cleaned (none may leave the root),
/// globs expanded, ignored ones left out; a missing source is an error.
fn resolve(
    root: BorrowedFd<'_>,
    sources: &[Src],
    ignore: Option<&ignore::Ignore>,
) -> Result<Vec<Src>> {
    let mut out = Vec::new();
    for s in sources {
        let Src::Path(p) = s else {
            out.push(s.clone());
            continue;
        };
        let raw = p.to_string_lossy().to_string();
        let mut depth: i32 = 0;
        let mut comps: Vec<String> = Vec::new();
        for c in raw.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    depth -= 1;
                    comps.pop();
                }
                c => {
                    depth += 1;
                    comps.push(c.to_string());
                }
            }
            if depth < 0 && ignore.is_some() {
                bail!("{raw}: the source leads outside the build context");
            }
        }
        // Expand globs component by component.
        let mut paths: Vec<PathBuf> = vec![PathBuf::new()];
        for c in &comps {
            let mut next = Vec::new();
            for base in &paths {
                if ignore::has_glob(c) {
                    for n in files::glob_in(root, base, c)? {
                        next.push(base.join(n));
                    }
                } else {
                    next.push(base.join(c));
                }
            }
            paths = next;
        }
        let globbed = ignore::has_glob(&raw);
        let before = paths.len();
        if let Some(ig) = ignore {
            paths.retain(|p| p.as_os_str().is_empty() || !ig.excluded(&p.to_string_lossy()));
        }
        let whence = if ignore.is_some() {
            "the build context"
        } else {
            "the --from image or stage"
        };
        if paths.is_empty() || !globbed && before != paths.len() {
            bail!(
                "{raw}: no such file or directory in {whence}{}",
                if before > 0 && ignore.is_some() {
                    " (the ignore file excludes it)"
                } else {
                    ""
                }
            );
        }
        for path in paths {
            if !globbed && files::open_in(root, &path).is_err() {
                bail!("{raw}: no such file or directory in {whence}");
            }
            out.push(Src::Path(path));
        }
    }
    Ok(out)
}

/// `user[:group]` (names or numbers) as ids, from the container's
/// /etc/passwd and /etc/group; a user alone gives its number as group.
fn chown_ids(root: BorrowedFd<'_>, spec: &str) -> Result<(u32, u32)> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let lookup = |file: &str, name: &str| -> Result<u32> {
        if let Ok(n) = name.parse::<u32>() {
            return Ok(n);
        }
        let text =
            crate::storage::path::read_small_in_root(root, file, 4 << 20).unwrap_or_default();
        text.lines()
            .find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.first() == Some(&name))
                    .then(|| f.get(2).and_then(|n| n.parse().ok()))
                    .flatten()
            })
            .with_context(|| format!("--chown={spec}: {name} is not in the image's {file}"))
    };
    let uid = lookup("/etc/passwd", user)?;
    let gid = match group {
        Some(g) => lookup("/etc/group", g)?,
        None => uid,
    };
    Ok((uid, gid))
}

/// Fetch `url` (ADD) into a private file; the file and its name.
fn fetch(ctx: &Ctx<'_>, url: &str) -> Result<(PathBuf, String, String)> {
    let name = url
        .split(['?', '#'])
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("download")
        .to_string();
    let dir = ctx.store.root.join("tmp");
    crate::util::fs::private_dir(&dir)?;
    let path = dir.join(format!("add-{}", crate::util::ids::random_hex(16)));
    let tls = crate::image::tls::config(&crate::image::tls::CertsD::default(), true)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut file = crate::util::fs::create_private(&path)?;
    let fetched = rt.block_on(async {
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .connect_timeout(std::time::Duration::from_secs(30))
            .build()?;
        let mut resp = client.get(url).send().await?;
        if !resp.status().is_success() {
            bail!("ADD {url}: the server answered {}", resp.status());
        }
        // Streamed to the file: a large download never sits in memory.
        let mut h = Sha256::new();
        while let Some(chunk) = resp.chunk().await? {
            h.update(&chunk);
            std::io::Write::write_all(&mut file, &chunk)
                .with_context(|| format!("ADD {url}: writing the download"))?;
        }
        Ok(format!("sha256:{}", hex::encode(h.finalize())))
    });
    let digest = match fetched {
        Ok(d) => d,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    };
    Ok((path, name, digest))
}
