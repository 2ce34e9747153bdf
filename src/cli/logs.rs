//! `den logs`: the container's recorded output, stdout and stderr kept
//! apart, with `--follow`, `--tail`, `--since`, `--until`, `--timestamps`.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::logs::{self, LogOptions, Sink, Stream, Window};

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Keep printing output as it arrives, until the container stops
    #[arg(short, long)]
    pub follow: bool,
    /// Print only the last N lines (-1 or all: every line)
    #[arg(short = 'n', long, value_name = "N", value_parser = tail_count, allow_hyphen_values = true)]
    pub tail: Option<Tail>,
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

/// `--tail N`: a number of lines, or every line (`-1`, podman's
/// default, or `all`, Docker's).
#[derive(Debug, Clone, Copy)]
pub struct Tail(pub Option<usize>);

pub(super) fn tail_count(s: &str) -> std::result::Result<Tail, String> {
    match s {
        "-1" | "all" => Ok(Tail(None)),
        n => n.parse().map(|n| Tail(Some(n))).map_err(|_| {
            format!("{s:?} is no number of lines (use N, or -1 or all for every line)")
        }),
    }
}

/// A point in time, as podman reads `--since`, `--until` and filters:
/// RFC 3339; a date and time without a zone (`2006-01-02T15:04:05`, with
/// a fraction or not) or a date (`2006-01-02`), both local time; unix
/// seconds with a fraction or not; or a duration before now (`90s`,
/// `10m`, `1h30m`).
pub(super) fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    let invalid = || {
        anyhow::anyhow!(
            "invalid time {s:?} (use RFC 3339, 2006-01-02, unix seconds, or a duration like 10m)"
        )
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = |t: chrono::NaiveDateTime| {
        t.and_local_timezone(chrono::Local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| anyhow::anyhow!("time {s:?} does not exist in the local time zone"))
    };
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return local(t);
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return local(d.and_time(chrono::NaiveTime::MIN));
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(whole) && (frac.is_empty() && !s.ends_with('.') || digits(frac)) {
        let secs: i64 = whole
            .parse()
            .map_err(|_| anyhow::anyhow!("time {s:?} is out of range"))?;
        // Nanoseconds: the fraction's first nine digits.
        let nanos = format!("{:0<9}", &frac[..frac.len().min(9)]);
        let nanos: u32 = nanos.parse().map_err(|_| invalid())?;
        return DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| anyhow::anyhow!("time {s:?} is out of range"));
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
        let n: f64 = num.parse().map_err(|_| invalid())?;
        num.clear();
        total += n * match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return Err(invalid()),
        };
    }
    if !num.is_empty() || total == 0.0 && !s.starts_with('0') {
        return Err(invalid());
    }
    // A duration past the start of chrono's calendar is an error, not
    // a panic.
    let ms = total * 1000.0;
    (ms.is_finite() && ms < i64::MAX as f64)
        .then(|| chrono::TimeDelta::try_milliseconds(ms as i64))
        .flatten()
        .and_then(|d| Utc::now().checked_sub_signed(d))
        .ok_or_else(|| anyhow::anyhow!("time {s:?} is out of range: give a shorter duration"))
}

/// A write's end: a reader that went away (`logs -f C | grep -m1 ready`)
/// ends the command, as SIGPIPE ends podman's (128 + SIGPIPE, quietly;
/// `-f` wrote into the closed pipe until the container ended). Other
/// errors are ignored.
fn closed_output(r: std::io::Result<()>) {
    if matches!(&r, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
        std::process::exit(128 + libc::SIGPIPE);
    }
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
            closed_output(w.write_all(p));
        }
    }

    fn flush(&mut self) {
        closed_output(std::io::stdout().flush());
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
        closed_output(match stream {
            Stream::Stdout => std::io::stdout().lock().write_all(&out),
            Stream::Stderr => std::io::stderr().lock().write_all(&out),
        });
    }

    fn flush(&mut self) {
        closed_output(std::io::stdout().flush());
    }
}

pub fn logs(paths: &Paths, a: LogsArgs) -> Result<i32> {
    let opts = LogOptions {
        follow: a.follow,
        tail: a.tail.and_then(|t| t.0),
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
        if let Some(status) =
            crate::engine::compose::follow(paths, &ms, &opts, prefix)?.wait_or_end()?
        {
            return Ok(status);
        }
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
        // podman's other forms: local dates and times, fractions exact.
        let local = |y, m, d, h| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
                .expect("a local time")
                .with_timezone(&Utc)
        };
        assert_eq!(
            parse_time("2024-01-01").expect("date"),
            local(2024, 1, 1, 0)
        );
        assert_eq!(
            parse_time("2024-01-01T05:00:00").expect("no zone"),
            local(2024, 1, 1, 5)
        );
        let t = parse_time("1704067200.000000001").expect("fraction");
        assert_eq!(
            (t.timestamp(), t.timestamp_subsec_nanos()),
            (1_704_067_200, 1)
        );
        assert!(parse_time("-0.5").is_err());
        assert!(parse_time("1.").is_err());
        // Out of range is an error, never a panic.
        for far in ["3000000000h", "99999999999999999999", "1e400s"] {
            let e = parse_time(far).expect_err(far).to_string();
            assert!(e.contains(far), "{e}");
        }
    }
}
