//! Human-readable sizes and times, as podman prints them.

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};

/// A size like `10m`, `1g`, `512kb`, `4096` in bytes (decimal units, as
/// podman); `-1` (no limit) is 0.
pub fn parse_size(s: &str) -> Result<u64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1_000u64),
        Some('m') => (&t[..t.len() - 1], 1_000_000),
        Some('g') => (&t[..t.len() - 1], 1_000_000_000),
        Some('t') => (&t[..t.len() - 1], 1_000_000_000_000),
        _ => (t, 1),
    };
    let n: f64 = num
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
        .with_context(|| format!("{s:?} is not a size (use e.g. 10m or 1g)"))?;
    Ok(if n < 0.0 { 0 } else { (n * mult as f64) as u64 })
}

/// A memory size like `64m`, `1g`, `512k`, `4096` in bytes: binary
/// units, as Docker's and podman's `--memory` (go-units' RAMInBytes).
pub fn parse_ram(s: &str) -> Result<u64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t
        .strip_suffix("ib")
        .or_else(|| t.strip_suffix('b'))
        .unwrap_or(&t);
    let (num, shift) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 10),
        Some('m') => (&t[..t.len() - 1], 20),
        Some('g') => (&t[..t.len() - 1], 30),
        Some('t') => (&t[..t.len() - 1], 40),
        Some('p') => (&t[..t.len() - 1], 50),
        _ => (t, 0),
    };
    let n: f64 = num
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)
        .with_context(|| format!("{s:?} is not a size (use e.g. 64m or 1g)"))?;
    Ok((n * (1u64 << shift) as f64) as u64)
}

/// A Go duration (`1h2m3.5s`, `300ms`) in nanoseconds.
pub fn duration_ns(s: &str) -> Result<u64> {
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    if s.is_empty() {
        bail!("empty duration");
    }
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphabetic() {
                unit.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let n: f64 = num.parse().context("bad number")?;
        num.clear();
        total += n * match unit.as_str() {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => bail!("unknown unit {unit}"),
        };
    }
    if !num.is_empty() {
        bail!("a unit is missing");
    }
    Ok(total as u64)
}

/// `4.27 MB`: decimal units with three significant digits, as podman
/// prints sizes (go-units' `%.3g`).
pub fn size(bytes: u64) -> String {
    sized(bytes, 3, " ")
}

/// `28.21MB`: four significant digits, no space, as `system df` prints
/// sizes (go-units' HumanSize).
pub fn size4(bytes: u64) -> String {
    sized(bytes, 4, "")
}

fn sized(bytes: u64, digits: i32, gap: &str) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    let int_digits = if v < 1.0 {
        1
    } else {
        v.log10().floor() as i32 + 1
    };
    let decimals = (digits - int_digits).max(0) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    format!("{s}{gap}{}", UNITS[unit])
}

/// `2 months ago`, `About a minute ago`, `Less than a second ago`.
pub fn ago(t: DateTime<Utc>) -> String {
    let secs = (Utc::now() - t).num_seconds().max(0);
    let (n, unit) = match secs {
        0 => return "Less than a second ago".into(),
        1..=59 => (secs, "second"),
        60..=119 => return "About a minute ago".into(),
        120..=3599 => (secs / 60, "minute"),
        3600..=7199 => return "About an hour ago".into(),
        7200..=172_799 => (secs / 3600, "hour"),
        172_800..=1_209_599 => (secs / 86400, "day"),
        1_209_600..=5_183_999 => (secs / 604_800, "week"),
        5_184_000..=63_071_999 => (secs / 2_592_000, "month"),
        _ => (secs / 31_536_000, "year"),
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{plural} ago")
}

/// Go's duration as podman prints CPU time (`1.5s`, `8.013ms`, `2m3s`).
pub fn go_duration(ns: u64) -> String {
    // Whole units, then a fraction without trailing zeros.
    let frac = |whole: u64, part: u64, digits: usize| -> String {
        let f = format!("{part:0digits$}");
        let f = f.trim_end_matches('0');
        if f.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{f}")
        }
    };
    let secs = ns / 1_000_000_000;
    let sub = ns % 1_000_000_000;
    if secs >= 60 {
        let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
        let s = frac(s, sub, 9);
        if h > 0 {
            format!("{h}h{m}m{s}s")
        } else {
            format!("{m}m{s}s")
        }
    } else if secs >= 1 {
        format!("{}s", frac(secs, sub, 9))
    } else if ns >= 1_000_000 {
        format!("{}ms", frac(ns / 1_000_000, ns % 1_000_000, 6))
    } else if ns >= 1_000 {
        format!("{}µs", frac(ns / 1_000, ns % 1_000, 3))
    } else {
        format!("{ns}ns")
    }
}

/// A UTC time as Go's `time.Time.String()` prints it, which podman's
/// templates show (`2024-05-01 10:00:00.123456789 +0000 UTC`: the
/// fraction without its trailing zeros, none when whole).
pub fn go_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let nanos = t.timestamp_subsec_nanos();
    let frac = if nanos == 0 {
        String::new()
    } else {
        format!(".{nanos:09}").trim_end_matches('0').to_string()
    };
    format!("{}{frac} +0000 UTC", t.format("%Y-%m-%d %H:%M:%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(999), "999 B");
        assert_eq!(size(4_270_000), "4.27 MB");
        assert_eq!(size(1_000_000), "1 MB");
        assert_eq!(size(123_456_789), "123 MB");
        assert_eq!(size4(28_210_000), "28.21MB");
        assert_eq!(size4(2_008_000), "2.008MB");
        assert_eq!(size4(178), "178B");
        assert_eq!(size4(0), "0B");
    }

    // Moved from cli/create.rs with the flag translation (its restart
    // half is in engine/spec.rs).
    #[test]
    fn sizes_and_restart_policies() {
        assert_eq!(parse_size("10m").expect("10m"), 10_000_000);
        assert_eq!(parse_size("1kb").expect("1kb"), 1000);
        assert_eq!(parse_size("512").expect("512"), 512);
        assert_eq!(parse_size("-1").expect("-1"), 0);
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn durations_as_go_prints_them() {
        assert_eq!(go_duration(8_013_000), "8.013ms");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(123_000_000_000), "2m3s");
        assert_eq!(go_duration(999), "999ns");
        assert_eq!(go_duration(92_651_081_008), "1m32.651081008s");
        assert_eq!(go_duration(3_723_000_000_000), "1h2m3s");
    }
}
