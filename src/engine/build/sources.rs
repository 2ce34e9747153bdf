//! Where COPY, ADD and RUN --mount sources come from: paths resolved
//! beneath the context or an image's rootfs (globs, the ignore rules
//! applied to what a path really names), archives ADD unpacks, URLs it
//! fetches, `--chown` names, and copies of a source out to the host.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{FileType, Mode, OFlags};
use sha2::{Digest, Sha256};

use super::copy::Src;
use super::files::{self, Attrs, Filter};
use super::Ctx;
use crate::build::ignore;
use crate::storage::path::in_root;

/// Copy `path` (a file or a tree, resolved beneath `root`) into the
/// host directory `dest` (its content, for a directory), owners kept.
/// What to mount: `dest`, or the file in it.
pub(crate) fn export_path(
    root: BorrowedFd<'_>,
    path: &str,
    dest: &Path,
    ignore: Option<&ignore::Ignore>,
) -> Result<PathBuf> {
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
        root: None,
    };
    let filter = Filter { ignore };
    if FileType::from_raw_mode(st.st_mode) == FileType::Directory {
        let src = files::open_dir_in(root, &real)?;
        files::copy_contents(
            src.as_fd(),
            &real,
            out.as_fd(),
            Path::new(""),
            attrs,
            filter,
        )?;
        Ok(dest.to_path_buf())
    } else {
        let parent = real.parent().unwrap_or(Path::new(""));
        let pfd = files::open_dir_in(root, parent)?;
        let name = real.file_name().unwrap_or(OsStr::new("file"));
        files::copy_entry(
            pfd.as_fd(),
            name,
            &st,
            out.as_fd(),
            Path::new(""),
            name,
            attrs,
            None,
        )?;
        Ok(dest.join(name))
    }
}

/// `rel` with every symlink on the way followed beneath the root: the
/// path it really names there.
pub(crate) fn resolve_last(root: BorrowedFd<'_>, rel: &Path) -> Result<PathBuf> {
    let mut done = PathBuf::new();
    let mut todo: Vec<std::ffi::OsString> = rel
        .components()
        .rev()
        .map(|c| c.as_os_str().to_os_string())
        .collect();
    let mut links = 0;
    while let Some(c) = todo.pop() {
        match c.to_str() {
            Some("" | "." | "/") => continue,
            Some("..") => {
                done.pop();
                continue;
            }
            _ => {}
        }
        let dir = files::open_in(root, &done)?;
        let st = match rustix::fs::statat(&dir, &c, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(rustix::io::Errno::NOENT) => {
                // What does not exist stays as named (the caller says so).
                done.push(&c);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if FileType::from_raw_mode(st.st_mode) != FileType::Symlink {
            done.push(&c);
            continue;
        }
        links += 1;
        if links > 40 {
            bail!("{}: too many levels of symbolic links", rel.display());
        }
        let target = rustix::fs::readlinkat(&dir, &c, Vec::new())?;
        let t = PathBuf::from(OsStr::from_bytes(target.as_bytes()));
        if t.is_absolute() {
            done = PathBuf::new();
        }
        todo.extend(t.components().rev().map(|c| c.as_os_str().to_os_string()));
    }
    Ok(done)
}

/// Whether the file looks like an archive ADD unpacks.
pub(crate) fn is_archive(root: BorrowedFd<'_>, rel: &Path) -> Result<bool> {
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
    Ok(compression(&head[..n]).is_some() || (n == 512 && tar_header(&head)))
}

/// A compressed stream's decompressor: gzip and zstd are den's own, xz
/// and bzip2 are the system's programs.
pub(crate) fn compression(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some("gzip")
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some("zstd")
    } else {
        crate::storage::byprogram::program_for(head)
    }
}

/// Whether a block is a tar header (its checksum adds up: old v7 tars
/// have no "ustar" magic).
pub(crate) fn tar_header(block: &[u8]) -> bool {
    let Some(field) = block.get(148..156) else {
        return false;
    };
    let digits: String = field
        .iter()
        .map(|b| *b as char)
        .filter(|c| c.is_digit(8))
        .collect();
    let Ok(want) = u32::from_str_radix(&digits, 8) else {
        return false;
    };
    let sum: u32 = block
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if (148..156).contains(&i) {
                32
            } else {
                *b as u32
            }
        })
        .sum();
    sum == want && block[0] != 0
}

/// Sources as paths beneath `root`: cleaned (none may leave the root),
/// globs expanded, ignored ones left out; a missing source is an error.
pub(crate) fn resolve(
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
            // The rules apply to what a path really names: a symlink in the
            // context cannot bring an excluded file in.
            let real = resolve_last(root, &path)?;
            if let Some(ig) = ignore {
                if !real.as_os_str().is_empty() && ig.excluded(&real.to_string_lossy()) {
                    if globbed {
                        continue;
                    }
                    bail!(
                        "{raw}: no such file or directory in {whence} (it leads to {}, which the ignore file excludes)",
                        real.display()
                    );
                }
            }
            out.push(Src::Path(path));
        }
    }
    Ok(out)
}
/// `spec` resolved against the image's /etc/passwd and /etc/group as a
/// container user is (`runtime::user`); `what` names it in errors.
fn image_user(
    root: BorrowedFd<'_>,
    spec: &str,
    what: &str,
) -> Result<crate::runtime::user::ExecUser> {
    let read =
        |p: &str| crate::storage::path::read_small_in_root(root, p, 4 << 20).unwrap_or_default();
    crate::runtime::user::resolve(spec, &read("/etc/passwd"), &read("/etc/group"))
        .map_err(|e| anyhow::anyhow!("{what}: {e}"))
}

/// `--chown=user[:group]` (names or numbers) as ids; a user alone gives
/// its number as group, as Docker documents.
pub(crate) fn chown_ids(root: BorrowedFd<'_>, spec: &str) -> Result<(u32, u32)> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    if user.is_empty() || group == Some("") {
        bail!("--chown={spec}: give a user, and a group after the colon if any");
    }
    let u = image_user(root, spec, &format!("--chown={spec}"))?;
    Ok((u.uid, if group.is_some() { u.gid } else { u.uid }))
}

/// A USER (`user[:group]`, names or numbers) as ids: as a RUN step runs
/// (without a group, the user's own from passwd, else 0).
pub(crate) fn user_ids(root: BorrowedFd<'_>, spec: &str) -> Result<(u32, u32)> {
    let u = image_user(root, spec, &format!("USER {spec}"))?;
    Ok((u.uid, u.gid))
}

/// Fetch `url` (ADD) into a private work directory (locked: no other den
/// cleans it away meanwhile); the directory, the file, its name and its
/// digest. A stop signal, or a minute without data, ends it.
pub(crate) fn fetch(
    ctx: &Ctx<'_>,
    url: &str,
) -> Result<(crate::image::store::WorkDir, PathBuf, String, String)> {
    let name = url
        .split(['?', '#'])
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("download")
        .to_string();
    let (work, path, digest) = download(&ctx.store, url, &format!("ADD {url}"))?;
    Ok((work, path, name, digest))
}

/// Download `url` into a file of a private work directory of the store
/// (`ADD`'s, a build context's); the directory, the file and the
/// digest. `what` names the download in errors.
pub(crate) fn download(
    store: &crate::image::store::Store,
    url: &str,
    what: &str,
) -> Result<(crate::image::store::WorkDir, PathBuf, String)> {
    let work = store.work_dir("add")?;
    let path = work.path.join("download");
    let tls = crate::image::tls::config(&crate::image::tls::CertsD::default(), true)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut file = crate::util::fs::create_private(&path)?;
    let digest = rt.block_on(async {
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .connect_timeout(std::time::Duration::from_secs(30))
            .build()?;
        let mut resp = client.get(url).send().await?;
        if !resp.status().is_success() {
            bail!("{what}: the server answered {}", resp.status());
        }
        // Streamed to the file: a large download never sits in memory.
        let mut h = Sha256::new();
        let mut idle = 0;
        loop {
            if super::stopping() {
                return Err(super::Stop::error());
            }
            let next = tokio::time::timeout(std::time::Duration::from_secs(1), resp.chunk()).await;
            let chunk = match next {
                Err(_) => {
                    idle += 1;
                    if idle >= 60 {
                        bail!("{what}: no data for a minute");
                    }
                    continue;
                }
                Ok(r) => r?,
            };
            let Some(chunk) = chunk else {
                break;
            };
            idle = 0;
            h.update(&chunk);
            std::io::Write::write_all(&mut file, &chunk)
                .with_context(|| format!("{what}: writing the download"))?;
        }
        Ok(format!("sha256:{}", hex::encode(h.finalize())))
    })?;
    Ok((work, path, digest))
}
