//! Human-readable sizes and times, as podman prints them.

use chrono::{DateTime, Utc};

/// `4.27 MB`: decimal units with three significant digits, as podman
/// prints sizes (go-units' `%.3g`).
pub fn size(bytes: u64) -> String {
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
    let decimals = (3 - int_digits).max(0) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    format!("{s} {}", UNITS[unit])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(999), "999 B");
        assert_eq!(size(4_270_000), "4.27 MB");
        assert_eq!(size(1_000_000), "1 MB");
        assert_eq!(size(123_456_789), "123 MB");
    }
}
