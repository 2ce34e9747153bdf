//! A build context that is not a local directory, as Docker takes one:
//! `build -` (stdin: a Containerfile, with no context, or an archive that
//! is the whole context), a URL (an archive or a Containerfile,
//! downloaded) and a Git repository (`git://`, `git@`, `github.com/`, a
//! URL ending in `.git`; `#REF:DIR` picks a branch or tag and a
//! directory in it), cloned by `git`. An archive is unpacked, and a
//! repository cloned, into a work directory of the store that goes when
//! the build ends.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::image::store::{Store, WorkDir};
use crate::storage::extract::{self, Owners, Unpack};
use crate::storage::meter::{Limits, Meter};

/// What was given.
pub enum Given {
    /// A Containerfile's text, and no context.
    Containerfile(String),
    /// A context in `dir`, below the work directory (removed when
    /// dropped).
    Context { _work: WorkDir, dir: PathBuf },
}

impl Given {
    /// The context's directory, if there is one.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Given::Context { dir, .. } => Some(dir),
            Given::Containerfile(_) => None,
        }
    }
}

/// Whether `s` names a Git repository as Docker reads a context.
pub fn is_git(s: &str) -> bool {
    let repo = s.split('#').next().unwrap_or(s);
    ["git://", "git@", "github.com/"]
        .iter()
        .any(|p| s.starts_with(p))
        || (is_url(s) && repo.ends_with(".git"))
}

/// Whether `s` is an HTTP URL.
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Whether `head` (the stream's first 512 bytes) starts an archive: gzip,
/// zstd, xz, bzip2, or a tar header (`ustar` at 257, or an old v7 one
/// whose checksum adds up).
fn is_archive(head: &[u8]) -> bool {
    super::sources::compression(head).is_some()
        || head.get(257..262) == Some(b"ustar")
        || (head.len() >= 512 && super::sources::tar_header(head))
}

/// The most of a Containerfile read from a stream.
const MAX_CONTAINERFILE: u64 = 4 << 20;

/// A stream (stdin, a download): a Containerfile or an archive.
pub fn from_stream(paths: &Paths, input: impl Read, what: &str) -> Result<Given> {
    let mut r = BufReader::with_capacity(1 << 16, input);
    // The first 512 bytes (a tar header), however the reads come.
    let mut first = Vec::with_capacity(512);
    while first.len() < 512 {
        let more = r.fill_buf().with_context(|| format!("reading {what}"))?;
        if more.is_empty() {
            break;
        }
        let take = more.len().min(512 - first.len());
        first.extend_from_slice(&more[..take]);
        r.consume(take);
    }
    let archive = is_archive(&first);
    let whole = std::io::Cursor::new(first).chain(r);
    if !archive {
        let mut text = String::new();
        BufReader::new(whole)
            .take(MAX_CONTAINERFILE + 1)
            .read_to_string(&mut text)
            .with_context(|| format!("reading the Containerfile from {what} (is it text? an archive is a tar, gzip, zstd, xz or bzip2 one)"))?;
        if text.len() as u64 > MAX_CONTAINERFILE {
            bail!("{what}: a Containerfile of more than {MAX_CONTAINERFILE} bytes (is it one?)");
        }
        return Ok(Given::Containerfile(text));
    }
    let store = Store::new(paths);
    // What interrupted builds left (a Ctrl-C before the build's own
    // signal watch, a kill) goes first.
    store.clean_tmp();
    let work = store.work_dir("build-context")?;
    let root = rustix::fs::open(
        &work.path,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening {}", work.path.display()))?;
    // As `cp` onto the host: nothing leaves the directory, no setuid bits.
    let to = Unpack {
        root: std::os::fd::AsFd::as_fd(&root),
        base: &[],
        owner: None,
        owners: Owners::Single,
        rename_top: None,
        overwrite: true,
        host: true,
    };
    // As a pulled layer may be: no bigger, no more compressed.
    let settings = crate::config::settings::Settings::load(paths)?;
    let limits: Limits = crate::image::pull::layer_limits(&settings);
    // xz and bzip2 are the system's programs, which read a file: the
    // stream is kept in one first (of no name: nothing in the context).
    // What the stream brings is counted as received, as a pull counts a
    // layer: without it, the expansion limit allowed no context over its
    // free 64 MB (refused as a bomb, whatever the ratio).
    let meter = Meter::new(limits);
    let received = crate::storage::meter::Received::new(whole, meter.clone());
    let mut input = crate::storage::byprogram::Decoded::new(received, &work.path, limits.size)
        .with_context(|| format!("reading {what}"))?;
    let unpacked = extract::unpack(&mut input, &to, meter)
        .map(drop)
        .map_err(anyhow::Error::from)
        .and_then(|_| input.finish());
    unpacked.with_context(|| format!("unpacking the build context from {what}"))?;
    let dir = work.path.clone();
    Ok(Given::Context { _work: work, dir })
}

/// Whether `path` (one of the files den reads from a context: the
/// Containerfile, an ignore file), if it is there, lies inside `dir`: in
/// a context from an archive or a repository a link there could lead
/// den to read, and show in an error, a file of the user's.
pub fn check_inside(dir: &Path, path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let inside = std::fs::canonicalize(path)
        .ok()
        .zip(std::fs::canonicalize(dir).ok())
        .is_some_and(|(p, d)| p.starts_with(d));
    if !inside {
        bail!(
            "{} leads out of the build context: den reads it only inside",
            path.display()
        );
    }
    Ok(())
}

/// A URL: a repository cloned, or a download read as a stream.
pub fn from_url(paths: &Paths, url: &str) -> Result<Given> {
    if is_git(url) {
        return clone(paths, url);
    }
    let store = Store::new(paths);
    let (_download, path, _) =
        super::sources::download(&store, url, &format!("the build context {url}"))?;
    let file = std::fs::File::open(&path).with_context(|| format!("reading {url}"))?;
    from_stream(paths, file, url)
}

/// One commit of `url` (`REPO[#REF[:DIR]]`), fetched by git.
fn clone(paths: &Paths, url: &str) -> Result<Given> {
    let (repo, fragment) = url.split_once('#').unwrap_or((url, ""));
    let (reference, subdir) = fragment.split_once(':').unwrap_or((fragment, ""));
    let repo = match repo.strip_prefix("github.com/") {
        Some(rest) => format!("https://github.com/{rest}"),
        None => repo.to_string(),
    };
    if std::path::Path::new(subdir)
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        bail!("{url}: the directory {subdir:?} must be a relative path inside the repository");
    }
    let store = Store::new(paths);
    store.clean_tmp();
    let work = store.work_dir("build-context")?;
    let dest = work.path.join("repo");
    std::fs::create_dir(&dest).with_context(|| format!("making {}", dest.display()))?;
    if reference.starts_with('-') {
        bail!("{url}: {reference:?} is no branch, tag or commit");
    }
    // As moby fetches: one commit of the ref (a branch, a tag, a commit,
    // `refs/pull/42/head`; the default branch without one), then its
    // submodules. No submodule from a local path (an old git cloned the
    // user's own repositories into the context for a hostile
    // .gitmodules), and a stalled server ends it after a minute.
    let git = |args: &[&str]| -> Result<()> {
        let mut cmd = std::process::Command::new("git");
        crate::runtime::spawn::dies_with_us(&mut cmd);
        let out = cmd
            .args([
                "-c",
                "protocol.file.allow=never",
                "-c",
                "http.lowSpeedLimit=1000",
                "-c",
                "http.lowSpeedTime=60",
            ])
            .args(args)
            .current_dir(&dest)
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(std::process::Stdio::null())
            .output();
        let out = match out {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{url}: building from a repository needs git (install git)")
            }
            other => other.context("running git")?,
        };
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr);
            bail!(
                "{url}: git could not fetch it: {}",
                said.trim().lines().last().unwrap_or("no reason given")
            );
        }
        Ok(())
    };
    let wanted = if reference.is_empty() {
        "HEAD"
    } else {
        reference
    };
    git(&["init", "--quiet"])?;
    git(&["remote", "add", "--", "origin", &repo])?;
    git(&["fetch", "--quiet", "--depth", "1", "origin", wanted])?;
    git(&["checkout", "--quiet", "FETCH_HEAD"])?;
    git(&[
        "submodule",
        "update",
        "--quiet",
        "--init",
        "--recursive",
        "--depth",
        "1",
    ])?;
    // Not in the context, as BuildKit leaves it out: `COPY . /app` put
    // .git/config, and a token in the remote's URL, into the image.
    crate::storage::remove::remove_tree(&dest.join(".git"))?;
    let dir = dest.join(subdir);
    let inside = std::fs::canonicalize(&dir)
        .ok()
        .filter(|d| d.is_dir())
        .filter(|d| std::fs::canonicalize(&dest).is_ok_and(|r| d.starts_with(r)))
        .with_context(|| format!("{url}: the repository has no directory {subdir:?}"))?;
    Ok(Given::Context {
        _work: work,
        dir: inside,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_told_from_containerfiles() {
        assert!(is_archive(&[0x1f, 0x8b, 8, 0]));
        assert!(is_archive(&[0x28, 0xb5, 0x2f, 0xfd, 0]));
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert!(is_archive(&tar));
        assert!(!is_archive(b"FROM busybox\nRUN true\n"));
        assert!(!is_archive(&[]));
    }

    #[test]
    fn git_urls_as_docker_reads_them() {
        for git in [
            "git://host/repo",
            "git@github.com:a/b",
            "github.com/a/b",
            "https://host/a/b.git",
            "https://host/a/b.git#main:sub",
        ] {
            assert!(is_git(git), "{git}");
        }
        for not in ["https://host/ctx.tar.gz", "http://host/Dockerfile", "./dir"] {
            assert!(!is_git(not), "{not}");
        }
    }
}
