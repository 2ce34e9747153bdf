//! A container's recorded output (`logs`): all of it or its tail, within
//! a time window, then followed while the container runs.

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::container::logread::{self, Printer};
use crate::container::Containers;

pub use crate::container::logread::{Sink, Stream, Window};

/// What to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogOptions {
    /// Keep going while the container runs.
    pub follow: bool,
    /// Only the last N lines.
    pub tail: Option<usize>,
    /// Only lines whose time is in the window.
    pub window: Window,
    /// The time before each line.
    pub timestamps: bool,
}

/// Write the log of `container` to `sink`.
pub fn logs(paths: &Paths, container: &str, opts: &LogOptions, sink: impl Sink) -> Result<()> {
    let containers = Containers::new(paths);
    let c = containers.find(container)?;
    if c.log_driver == "none" || c.log_driver == "passthrough" {
        bail!(
            "container {} uses the {} log driver: it keeps no log",
            c.name,
            c.log_driver
        );
    }
    if c.log_driver == "journald" {
        return journal(&c, opts);
    }
    let window = opts.window;
    let path = containers.log_path(&c.id);
    let mut printer = Printer::new(sink, opts.timestamps, window);
    let reading = || format!("reading the log of {}", c.name);
    // Where the current file's records printed so far end, for --follow.
    let followed = match opts.tail {
        Some(n) => {
            // Opened first: what --follow then prints comes after the tail.
            let current = std::fs::File::open(&path).ok();
            let end = current
                .as_ref()
                .and_then(|f| f.metadata().ok())
                .map(|m| m.len());
            let given = current.as_ref().zip(end);
            for line in logread::tail(&path, n, window, given).with_context(reading)? {
                printer.record(&line);
            }
            printer.flush();
            current.zip(end).map(|(f, end)| {
                let at = complete_end(&f, end);
                (f, at)
            })
        }
        None => logread::print_all(&path, &mut printer).with_context(reading)?,
    };
    if !opts.follow {
        return Ok(());
    }
    let running = || {
        matches!(
            containers.live_state(&c.id).map(|s| s.status).as_deref(),
            Ok("running") | Ok("paused") | Ok("restarting")
        )
    };
    let (file, offset) = match followed {
        Some(f) => f,
        None => match std::fs::File::open(&path) {
            Ok(f) => (f, 0),
            Err(_) => return Ok(()), // no output yet, and none coming
        },
    };
    logread::follow(&path, file, offset, &mut printer, running, window.until)
        .with_context(reading)?;
    Ok(())
}

/// The end of the last complete record in `f`, whose size was `len` (a
/// record being written is printed by --follow once whole).
fn complete_end(f: &std::fs::File, len: u64) -> u64 {
    use std::os::unix::fs::FileExt;
    let start = len.saturating_sub(256 * 1024);
    let mut tail = vec![0u8; (len - start) as usize];
    match (
        f.read_exact_at(&mut tail, start),
        tail.iter().rposition(|b| *b == b'\n'),
    ) {
        (Ok(()), Some(i)) => start + i as u64 + 1,
        _ => start,
    }
}

/// A journald container's log: journalctl's, of its entries.
fn journal(c: &crate::container::ContainerConfig, opts: &LogOptions) -> Result<()> {
    let mut cmd = std::process::Command::new("journalctl");
    cmd.args(["--no-pager", "-o"]).arg(if opts.timestamps {
        "short-iso-precise"
    } else {
        "cat"
    });
    if opts.follow {
        cmd.arg("--follow");
    }
    if let Some(n) = opts.tail {
        cmd.arg(format!("--lines={n}"));
    }
    if let Some(t) = opts.window.since {
        cmd.arg(format!("--since=@{}", t.timestamp()));
    }
    if let Some(t) = opts.window.until {
        cmd.arg(format!("--until=@{}", t.timestamp()));
    }
    cmd.arg(format!("CONTAINER_ID_FULL={}", c.id));
    let status = match cmd.status() {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "container {} logs to the journal, and journalctl is not installed to read it (install systemd's journalctl, or read the journal another way: CONTAINER_NAME={})",
            c.name,
            c.name
        ),
        Err(e) => return Err(e).context("running journalctl"),
    };
    if !status.success() {
        bail!(
            "journalctl could not read the journal for {} ({status})",
            c.name
        );
    }
    Ok(())
}
