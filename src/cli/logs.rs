//! `den logs`: the container's recorded output, stdout and stderr kept
//! apart, with `--follow`, `--tail`, `--since`, `--until`, `--timestamps`.

use std::io::Write;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::logs::{self, LogOptions, Sink, Stream, Window};

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
    /// Each line after its container's name
    #[arg(long)]
    pub names: bool,
    /// Docker's: the extra attributes a log driver's labels and env
    /// options add to each line; den's log drivers add none, so the lines
    /// are the same
    #[arg(long)]
    pub details: bool,
    /// Colour the names (with --names)
    #[arg(long)]
    pub color: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// The containers
    #[arg(required_unless_present = "latest")]
    pub container: Vec<String>,
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

/// The log's streams on our own stdout and stderr.
struct Stdio;

impl Sink for Stdio {
    fn write(&mut self, stream: Stream, parts: &[&[u8]]) {
        let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
        let w: &mut dyn Write = match stream {
            Stream::Stdout => &mut out,
            Stream::Stderr => &mut err,
        };
        for p in parts {
            let _ = w.write_all(p); // a reader that went away
        }
    }

    fn flush(&mut self) {
        let _ = std::io::stdout().flush();
    }
}

/// The log's streams on our stdout and stderr, each line after a prefix
/// (`NAME  | `, as compose shows a project's logs).
pub(super) struct Prefixed {
    prefix: String,
    /// Whether each stream is at the start of a line.
    fresh: [bool; 2],
}

impl Prefixed {
    pub fn new(prefix: String) -> Prefixed {
        Prefixed {
            prefix,
            fresh: [true, true],
        }
    }
}

impl Sink for Prefixed {
    fn write(&mut self, stream: Stream, parts: &[&[u8]]) {
        let i = usize::from(stream == Stream::Stderr);
        let mut out = Vec::new();
        for p in parts {
            for chunk in p.split_inclusive(|b| *b == b'\n') {
                if self.fresh[i] {
                    out.extend_from_slice(self.prefix.as_bytes());
                }
                out.extend_from_slice(chunk);
                self.fresh[i] = chunk.ends_with(b"\n");
            }
        }
        let _ = match stream {
            Stream::Stdout => std::io::stdout().lock().write_all(&out),
            Stream::Stderr => std::io::stderr().lock().write_all(&out),
        };
    }

    fn flush(&mut self) {
        let _ = std::io::stdout().flush();
    }
}

pub fn logs(paths: &Paths, a: LogsArgs) -> Result<i32> {
    let opts = LogOptions {
        follow: a.follow,
        tail: a.tail,
        window: Window {
            since: a.since.as_deref().map(parse_time).transpose()?,
            until: a.until.as_deref().map(parse_time).transpose()?,
        },
        timestamps: a.timestamps,
    };
    let names = a.latest.names(paths, a.container.clone())?;
    if !a.names && names.len() == 1 {
        logs::logs(paths, &names[0], &opts, Stdio)?;
        return Ok(0);
    }
    // Several, or --names: each line after its container's name (in one
    // of six colours with --color), followed together with -f.
    let containers = crate::engine::containers::Containers::new(paths);
    let mut ms = Vec::new();
    for n in &names {
        let config = containers.find(n)?;
        let state = containers.live_state(&config.id)?;
        ms.push(crate::engine::compose::Member {
            service: config.name.clone(),
            config,
            state,
            number: 1,
        });
    }
    let prefix = |m: &crate::engine::compose::Member| {
        let name = &m.config.name;
        Prefixed::new(match (a.names, a.color) {
            (false, _) => String::new(),
            (true, false) => format!("{name} "),
            (true, true) => {
                let hue = 31 + name.bytes().map(u32::from).sum::<u32>() % 6;
                format!("\x1b[{hue}m{name}\x1b[0m ")
            }
        })
    };
    if a.follow {
        crate::engine::compose::follow(paths, &ms, &opts, prefix)?.wait(|| Ok(()))?;
    } else {
        for m in &ms {
            logs::logs(paths, &m.config.id, &opts, prefix(m))?;
        }
    }
    Ok(0)
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
