//! Archives compressed with xz or bzip2, read through the system's own
//! program (`xz -dc`, `bzip2 -dc`): den has decoders for gzip and zstd
//! only (`archive::decompressed`), and spawns what it does not have.
//! The program reads a file: a stream is kept in one first.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use anyhow::{bail, Context, Result};

/// The program for the compressed format `head` (a stream's first
/// bytes) starts, where den has no decoder of its own.
pub fn program_for(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Some("xz")
    } else if head.starts_with(b"BZh") {
        Some("bzip2")
    } else {
        None
    }
}

/// Keep the stream `input` in a file of no name in directory `dir` (the
/// program reads a file; it goes when closed, whatever happens), at
/// most `cap` bytes (0: no limit): more is refused.
pub fn keep_in_file(input: &mut dyn Read, dir: &Path, cap: u64) -> Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let anonymous = File::options()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(dir);
    let mut f = match anonymous {
        Ok(f) => f,
        // A file system without O_TMPFILE: a name, removed at once.
        Err(_) => {
            let path = dir.join(format!(".kept-{}", crate::util::ids::random_hex(8)));
            let f = File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            std::fs::remove_file(&path)?;
            f
        }
    };
    let cap = if cap == 0 { u64::MAX } else { cap };
    let kept =
        io::copy(&mut input.take(cap.saturating_add(1)), &mut f).context("reading the archive")?;
    if kept > cap {
        bail!("an archive of more than {cap} bytes, den.conf's [pull] layer_max_size");
    }
    std::io::Seek::rewind(&mut f)?;
    Ok(f)
}

/// A stream decompressed as its first bytes say: gzip and zstd by den's
/// decoders, xz and bzip2 by the system's program.
pub enum Decoded<'a> {
    Den(Box<dyn Read + 'a>),
    Program(ByProgram),
}

impl<'a> Decoded<'a> {
    /// `input` decompressed; for a program, the stream is kept first in
    /// a file of no name in `dir`, at most `cap` bytes (0: no limit).
    pub fn new(input: impl Read + 'a, dir: &Path, cap: u64) -> Result<Decoded<'a>> {
        let mut r = io::BufReader::with_capacity(1 << 20, input);
        let head = io::BufRead::fill_buf(&mut r).context("reading the archive")?;
        Ok(match program_for(head) {
            Some(tool) => {
                Decoded::Program(ByProgram::start(tool, keep_in_file(&mut r, dir, cap)?)?)
            }
            None => Decoded::Den(super::archive::decompressed(Box::new(r))?),
        })
    }

    /// See [`ByProgram::finish`].
    pub fn finish(self) -> Result<()> {
        match self {
            Decoded::Den(_) => Ok(()),
            Decoded::Program(p) => p.finish(),
        }
    }
}

impl Read for Decoded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Den(r) => r.read(buf),
            Decoded::Program(p) => p.read(buf),
        }
    }
}

/// `file` decompressed by `tool`, read from its output. [`finish`]
/// reads what is left and says how the program ended; dropped before
/// that (an error, a limit reached), the program is killed.
///
/// [`finish`]: ByProgram::finish
pub struct ByProgram {
    child: Child,
    out: Option<ChildStdout>,
    tool: &'static str,
}

impl ByProgram {
    pub fn start(tool: &'static str, file: File) -> Result<ByProgram> {
        let mut child = Command::new(tool)
            .arg("-dc")
            .stdin(file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| {
                format!("reading an archive compressed with {tool} needs the {tool} program (install it)")
            })?;
        let out = child.stdout.take();
        Ok(ByProgram { child, out, tool })
    }

    /// Read the rest (what follows an archive's end), then check the
    /// program's exit: a corrupt or cut input is an error.
    pub fn finish(mut self) -> Result<()> {
        if let Some(mut out) = self.out.take() {
            io::copy(&mut out, &mut io::sink())
                .with_context(|| format!("reading {}'s output", self.tool))?;
        }
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let status = self.child.wait()?;
        if !status.success() {
            bail!(
                "{} -dc: {} (is the archive whole, and compressed with {}?)",
                self.tool,
                err.trim(),
                self.tool
            );
        }
        Ok(())
    }
}

impl Read for ByProgram {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.out.as_mut() {
            Some(out) => out.read(buf),
            None => Ok(0),
        }
    }
}

impl Drop for ByProgram {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_magic() {
        assert_eq!(program_for(b"\xfd7zXZ\0rest"), Some("xz"));
        assert_eq!(program_for(b"BZh91AY&SY"), Some("bzip2"));
        assert_eq!(program_for(&[0x1f, 0x8b, 8]), None, "gzip is den's own");
        assert_eq!(program_for(b"ustar"), None);
    }
}
