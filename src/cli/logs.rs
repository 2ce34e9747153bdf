//! `den logs`: the container's recorded output, stdout and stderr kept
//! apart, with `--follow`, `--tail`, `--since`, `--until`, `--timestamps`.

use std::io::Write;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::Args;

use crate::config::paths::Paths;
use crate::container::logfile::{self, Line, Stream};
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

fn print(lines: &[Line], timestamps: bool) {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    for l in lines {
        let w: &mut dyn Write = match l.stream {
            Stream::Stdout => &mut out,
            Stream::Stderr => &mut err,
        };
        if timestamps {
            let _ = write!(w, "{} ", l.time.to_rfc3339_opts(SecondsFormat::Nanos, true));
        }
        let _ = w.write_all(&l.content);
    }
    let _ = out.flush();
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
    let since = a.since.as_deref().map(parse_time).transpose()?;
    let until = a.until.as_deref().map(parse_time).transpose()?;
    let path = containers.log_path(&c.id);
    let current = std::fs::read(&path).unwrap_or_default();
    let mut data = std::fs::read(path.with_extension("log.1")).unwrap_or_default();
    data.extend_from_slice(&current);
    // Only whole records now; a partly written last record waits for --follow,
    // which goes on from the end of the last whole record in the current file.
    let complete = data.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let mut offset = current.len() - (data.len() - complete).min(current.len());
    let keep = |l: &Line| since.is_none_or(|s| l.time >= s) && until.is_none_or(|u| l.time <= u);
    let mut lines: Vec<Line> = logfile::parse(&data[..complete])
        .into_iter()
        .filter(keep)
        .collect();
    if let Some(n) = a.tail {
        let skip = lines.len().saturating_sub(n);
        lines.drain(..skip);
    }
    print(&lines, a.timestamps);
    if !a.follow {
        return Ok(0);
    }
    loop {
        let running = matches!(
            containers.live_state(&c.id).map(|s| s.status).as_deref(),
            Ok("running") | Ok("paused")
        );
        let data = std::fs::read(&path).unwrap_or_default();
        if data.len() < offset {
            offset = 0; // rotated
        }
        let complete = data[offset..]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(offset, |i| offset + i + 1);
        if complete > offset {
            let new: Vec<Line> = logfile::parse(&data[offset..complete])
                .into_iter()
                .filter(keep)
                .collect();
            print(&new, a.timestamps);
            offset = complete;
        } else if !running {
            return Ok(0);
        }
        if until.is_some_and(|u| Utc::now() > u) {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_millis(50));
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
