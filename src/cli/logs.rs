//! `den logs`: the container's recorded output, stdout and stderr kept
//! apart, with `--follow`, `--tail`, `--since`, `--until`, `--timestamps`.

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use clap::Args;

use crate::config::paths::Paths;
use crate::container::logread::{self, Printer, Window};
use crate::container::Containers;

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Keep printing output as it arrives, until the container stops
    #[arg(short, long)]
    pub follow: bool,
    /// Print only the last N lines
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<usize>,
    /// Only output since this time (RFC 3339, unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only output before this time (RFC 3339, unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Prefix each line with its time
    #[arg(short, long)]
    pub timestamps: bool,
    /// The container
    pub container: String,
}

/// A point in time: RFC 3339, unix seconds, or a duration before now (`90s`, `10m`, `1h30m`).
pub(super) fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        return DateTime::from_timestamp(secs.trunc() as i64, (secs.fract() * 1e9) as u32)
            .context("time out of range");
    }
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'm' && chars.peek() == Some(&'s') {
            unit.push(chars.next().unwrap_or('s'));
        }
        let n: f64 = num.parse().with_context(|| format!("invalid time {s:?}"))?;
        num.clear();
        total += n * match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => bail!("invalid time {s:?} (use RFC 3339, unix seconds, or a duration like 10m)"),
        };
    }
    if !num.is_empty() || total == 0.0 && !s.starts_with('0') {
        bail!("invalid time {s:?} (use RFC 3339, unix seconds, or a duration like 10m)");
    }
    Ok(Utc::now() - chrono::Duration::milliseconds((total * 1000.0) as i64))
}

pub fn logs(paths: &Paths, a: LogsArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    let c = containers.find(&a.container)?;
    if c.log_driver == "none" || c.log_driver == "passthrough" {
        bail!(
            "container {} uses the {} log driver: it keeps no log",
            c.name,
            c.log_driver
        );
    }
    let window = Window {
        since: a.since.as_deref().map(parse_time).transpose()?,
        until: a.until.as_deref().map(parse_time).transpose()?,
    };
    let path = containers.log_path(&c.id);
    let mut printer = Printer::new(a.timestamps, window);
    let reading = || format!("reading the log of {}", c.name);
    // Where the current file's records printed so far end, for --follow.
    let followed = match a.tail {
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
    if !a.follow {
        return Ok(0);
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
            Err(_) => return Ok(0), // no output yet, and none coming
        },
    };
    logread::follow(&path, file, offset, &mut printer, running, window.until)
        .with_context(reading)?;
    Ok(0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_three_forms() {
        let t = parse_time("2024-01-01T00:00:00Z").expect("rfc3339");
        assert_eq!(t.timestamp(), 1_704_067_200);
        assert_eq!(
            parse_time("1704067200").expect("unix").timestamp(),
            1_704_067_200
        );
        let ago = Utc::now() - parse_time("1h30m").expect("duration");
        assert!((ago.num_seconds() - 5400).abs() <= 1);
        assert!(parse_time("yesterday").is_err());
        assert!(parse_time("10x").is_err());
    }
}
