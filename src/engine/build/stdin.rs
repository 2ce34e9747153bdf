//! `build -`: stdin is a Containerfile (no context), or, as Docker takes
//! it, an archive (tar, gzip, zstd) that is the whole context, unpacked
//! into a work directory of the store that goes when the build ends.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result};

use crate::config::paths::Paths;
use crate::image::store::{Store, WorkDir};
use crate::storage::extract::{self, Owners, Unpack};
use crate::storage::meter::{Limits, Meter};

/// What stdin held.
pub enum Stdin {
    /// A Containerfile's text.
    Containerfile(String),
    /// A context, unpacked (removed when dropped).
    Context(WorkDir),
}

impl Stdin {
    /// The unpacked context's directory.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Stdin::Context(w) => Some(&w.path),
            Stdin::Containerfile(_) => None,
        }
    }
}

/// Whether `head` (the stream's first bytes) starts an archive: gzip,
/// zstd, or a tar header (`ustar` at 257).
fn is_archive(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
        || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
        || head.get(257..262) == Some(b"ustar")
}

/// Read stdin (`input`) as a Containerfile or an archive.
pub fn read(paths: &Paths, input: impl Read) -> Result<Stdin> {
    let mut r = BufReader::with_capacity(1 << 16, input);
    let head = r.fill_buf().context("reading stdin")?;
    // A short read may hold less than a tar header: read on to 512.
    let mut first = head.to_vec();
    r.consume(first.len());
    while first.len() < 512 {
        let more = r.fill_buf().context("reading stdin")?;
        if more.is_empty() {
            break;
        }
        let take = more.len().min(512 - first.len());
        first.extend_from_slice(&more[..take]);
        r.consume(take);
    }
    let whole = std::io::Cursor::new(first.clone()).chain(r);
    if !is_archive(&first) {
        let mut text = String::new();
        BufReader::new(whole)
            .read_to_string(&mut text)
            .context("reading the Containerfile from stdin (is it text?)")?;
        return Ok(Stdin::Containerfile(text));
    }
    let work = Store::new(paths).work_dir("build-context")?;
    let root = rustix::fs::open(
        &work.path,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("opening {}", work.path.display()))?;
    let to = Unpack {
        root: std::os::fd::AsFd::as_fd(&root),
        base: &[],
        owner: None,
        owners: Owners::Single,
        rename_top: None,
        overwrite: true,
        host: true,
    };
    let input = crate::storage::archive::decompressed(Box::new(whole))?;
    extract::unpack(input, &to, Meter::new(Limits::NONE))
        .map_err(anyhow::Error::from)
        .context("unpacking the build context from stdin")?;
    Ok(Stdin::Context(work))
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
}
