//! Archives compressed with xz or bzip2, read through the system's own
//! program (`xz -dc`, `bzip2 -dc`): den has decoders for gzip and zstd
//! only (`archive::decompressed`), and spawns what it does not have.
//! The program reads a file: a stream is kept in one first.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use anyhow::{bail, Context, Result};

/// The most memory `xz` may take to decompress (a hostile header can ask
/// for gigabytes; `xz -9` needs 65 MiB).
const XZ_MEMORY: &str = "--memlimit-decompress=512MiB";

/// What is read of a program's output after the archive's end (padding)
/// before it is stopped: a small file whose archive is followed by a
/// long run of zeros would otherwise keep it busy for hours.
const AFTER_END: u64 = 1 << 20;

/// How many first bytes tell the format ([`program_for`], [`head`]).
pub const HEAD: usize = 10;

/// The program for the compressed format `head` (a stream's first
/// bytes, [`HEAD`] of them where there are) starts, where den has no
/// decoder of its own. bzip2 by its whole magic (`BZh`, the block size,
/// then a block's or the empty stream's): a plain tar whose first name
/// begins with `BZh` is not one.
pub fn program_for(head: &[u8]) -> Option<&'static str> {
    const BLOCK: [u8; 6] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
    const EMPTY: [u8; 6] = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];
    if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Some("xz")
    } else if head.starts_with(b"BZh")
        && head.get(3).is_some_and(|d| (b'1'..=b'9').contains(d))
        && matches!(head.get(4..10), Some(m) if m == BLOCK || m == EMPTY)
    {
        Some("bzip2")
    } else {
        None
    }
}

/// The first [`HEAD`] bytes of `input` (fewer at its end), however the
/// reads come: a pipe may give fewer than that at first.
pub fn head(input: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD);
    input.take(HEAD as u64).read_to_end(&mut head)?;
    Ok(head)
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
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
            ) =>
        {
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
        Err(e) => return Err(e).with_context(|| format!("making a file in {}", dir.display())),
    };
    let cap = if cap == 0 { u64::MAX } else { cap };
    let kept =
        io::copy(&mut input.take(cap.saturating_add(1)), &mut f).context("reading the archive")?;
    if kept > cap {
        bail!("an archive of more than {cap} bytes: if you trust it, raise layer_max_size in the [pull] table of $XDG_CONFIG_HOME/den/den.conf");
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
    pub fn new(mut input: impl Read + 'a, dir: &Path, cap: u64) -> Result<Decoded<'a>> {
        let first = head(&mut input).context("reading the archive")?;
        let tool = program_for(&first);
        let mut whole = io::Cursor::new(first).chain(input);
        Ok(match tool {
            Some(tool) => {
                Decoded::Program(ByProgram::start(tool, keep_in_file(&mut whole, dir, cap)?)?)
            }
            None => Decoded::Den(super::archive::decompressed(Box::new(whole))?),
        })
    }

    /// File `f` decompressed: a program reads the file itself.
    pub fn file(mut f: File) -> Result<Decoded<'static>> {
        let first = head(&mut f).context("reading the archive")?;
        io::Seek::rewind(&mut f)?;
        Ok(match program_for(&first) {
            Some(tool) => Decoded::Program(ByProgram::start(tool, f)?),
            None => Decoded::Den(super::archive::decompressed(Box::new(f))?),
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
        let mut cmd = Command::new(tool);
        crate::runtime::spawn::dies_with_us(&mut cmd);
        if tool == "xz" {
            cmd.arg(XZ_MEMORY);
        }
        let mut child = cmd
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

    /// Read the rest (what follows an archive's end, at most a MiB: more
    /// is not the archive's, and the program is stopped), then check the
    /// program's exit: a corrupt or cut input is an error.
    pub fn finish(mut self) -> Result<()> {
        if let Some(mut out) = self.out.take() {
            let more =
                drain(&mut out).with_context(|| format!("reading {}'s output", self.tool))?;
            if more {
                // The archive itself was read whole; `Drop` ends the rest.
                self.out = Some(out);
                return Ok(());
            }
        }
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let status = self.child.wait()?;
        if !status.success() {
            // Its first line: one line for den's error.
            let said = err
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("failed");
            bail!(
                "{} -dc: {said} (is the archive whole, and compressed with {}?)",
                self.tool,
                self.tool
            );
        }
        Ok(())
    }
}

/// Read what is left of `out`, at most [`AFTER_END`] bytes: whether
/// there was more.
fn drain(out: &mut dyn Read) -> io::Result<bool> {
    Ok(io::copy(&mut out.take(AFTER_END + 1), &mut io::sink())? > AFTER_END)
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
        assert_eq!(
            program_for(b"BZh9\x17\x72\x45\x38\x50\x90"),
            Some("bzip2"),
            "empty"
        );
        assert_eq!(program_for(b"BZhfoo\0\0\0\0"), None, "a tar's first name");
        assert_eq!(program_for(b"BZh0AY&SY"), None);
    }

    /// `xz -c` of `data`, kept in a file.
    fn xz_file(data: &[u8]) -> File {
        use std::io::{Seek, Write};
        let mut c = Command::new("xz")
            .arg("-c")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("xz (ci/test.sh installs it)");
        let mut input = c.stdin.take().expect("stdin");
        let data = data.to_vec();
        let feeder = std::thread::spawn(move || input.write_all(&data));
        let out = c.wait_with_output().expect("xz");
        feeder.join().expect("feeder").expect("write");
        let mut f = tempfile::tempfile().expect("file");
        f.write_all(&out.stdout).expect("write");
        f.rewind().expect("rewind");
        f
    }

    #[test]
    fn what_follows_an_archive_is_read_a_mib_at_most_and_a_cut_one_fails() {
        assert!(!drain(&mut &[0u8; 1 << 20][..]).expect("drain"));
        assert!(drain(&mut &vec![0u8; 2 << 20][..]).expect("drain"));
        // An "archive" of 16 bytes, then 8 MiB of zeros: finish stops.
        let mut data = b"0123456789abcdef".to_vec();
        data.resize(16 + (8 << 20), 0);
        let mut p = ByProgram::start("xz", xz_file(&data)).expect("start");
        let mut head = [0u8; 16];
        p.read_exact(&mut head).expect("read");
        assert_eq!(&head, b"0123456789abcdef");
        let started = std::time::Instant::now();
        p.finish().expect("finish");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // Cut in half: an error of one line naming the program.
        let mut cut = xz_file(&vec![7u8; 1 << 16]);
        let mut bytes = Vec::new();
        cut.read_to_end(&mut bytes).expect("read");
        bytes.truncate(bytes.len() / 2);
        let mut f = tempfile::tempfile().expect("file");
        std::io::Write::write_all(&mut f, &bytes).expect("write");
        std::io::Seek::rewind(&mut f).expect("rewind");
        let mut p = ByProgram::start("xz", f).expect("start");
        let _ = io::copy(&mut p, &mut io::sink());
        let e = format!("{:#}", p.finish().expect_err("a cut stream"));
        assert!(e.starts_with("xz -dc: ") && e.lines().count() == 1, "{e}");
        assert_eq!(program_for(&[0x1f, 0x8b, 8]), None, "gzip is den's own");
        assert_eq!(program_for(b"ustar"), None);
    }
}
