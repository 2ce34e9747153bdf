//! Per-device block I/O limits (`--blkio-weight-device`,
//! `--device-read-bps`, `--device-write-bps`, `--device-read-iops`,
//! `--device-write-iops`): the device's numbers looked up, written as
//! cgroup v2's `io.weight` and `io.max` lines.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// The per-device limits, by device path as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IoLimits {
    /// (device, weight 10..1000).
    pub weight_device: Vec<(String, u16)>,
    pub read_bps: Vec<(String, u64)>,
    pub write_bps: Vec<(String, u64)>,
    pub read_iops: Vec<(String, u64)>,
    pub write_iops: Vec<(String, u64)>,
}

impl IoLimits {
    pub fn is_empty(&self) -> bool {
        *self == IoLimits::default()
    }

    /// Take `other`'s limits, device by device (`den update`).
    pub fn merge(&mut self, other: &IoLimits) {
        fn each<T: Clone>(mine: &mut Vec<(String, T)>, theirs: &[(String, T)]) {
            for (dev, v) in theirs {
                match mine.iter_mut().find(|(d, _)| d == dev) {
                    Some(e) => e.1 = v.clone(),
                    None => mine.push((dev.clone(), v.clone())),
                }
            }
        }
        each(&mut self.weight_device, &other.weight_device);
        each(&mut self.read_bps, &other.read_bps);
        each(&mut self.write_bps, &other.write_bps);
        each(&mut self.read_iops, &other.read_iops);
        each(&mut self.write_iops, &other.write_iops);
    }

    /// The io.weight and io.max lines, one write each.
    pub fn lines(&self) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        for (dev, w) in &self.weight_device {
            let w = u64::from((*w).clamp(10, 1000));
            out.push((
                "io.weight",
                format!("{} {}", numbers(dev)?, 1 + (w - 10) * 9999 / 990),
            ));
        }
        for (key, list) in [
            ("rbps", &self.read_bps),
            ("wbps", &self.write_bps),
            ("riops", &self.read_iops),
            ("wiops", &self.write_iops),
        ] {
            for (dev, n) in list {
                out.push(("io.max", format!("{} {key}={n}", numbers(dev)?)));
            }
        }
        Ok(out)
    }

    pub fn validate(&self) -> Result<()> {
        for (dev, w) in &self.weight_device {
            if !(10..=1000).contains(w) {
                bail!("the weight of {dev} (--blkio-weight-device) is 10 to 1000");
            }
        }
        let all = self
            .weight_device
            .iter()
            .map(|(d, _)| d)
            .chain(self.read_bps.iter().map(|(d, _)| d))
            .chain(self.write_bps.iter().map(|(d, _)| d))
            .chain(self.read_iops.iter().map(|(d, _)| d))
            .chain(self.write_iops.iter().map(|(d, _)| d));
        for d in all {
            numbers(d)?;
        }
        Ok(())
    }
}

/// `MAJOR:MINOR` of the block device at `path`.
fn numbers(path: &str) -> Result<String> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let meta = std::fs::metadata(path).with_context(|| format!("the device {path}"))?;
    if !meta.file_type().is_block_device() {
        bail!("{path} is not a block device (give one like /dev/sda)");
    }
    let rdev = meta.rdev();
    Ok(format!("{}:{}", libc::major(rdev), libc::minor(rdev)))
}

/// `DEVICE:WEIGHT` (`--blkio-weight-device`).
pub fn parse_weight(s: &str) -> Result<(String, u16)> {
    let (dev, w) = s.rsplit_once(':').with_context(|| {
        format!("invalid --blkio-weight-device {s:?} (use DEVICE:WEIGHT, like /dev/sda:200)")
    })?;
    let w: u16 = w
        .parse()
        .with_context(|| format!("invalid weight in --blkio-weight-device {s:?} (10 to 1000)"))?;
    Ok((dev.to_string(), w))
}

/// `DEVICE:RATE`: bytes (`10mb`, `1g`) with `bytes`, else a number of operations.
pub fn parse_rate(flag: &str, s: &str, bytes: bool) -> Result<(String, u64)> {
    let (dev, rate) = s
        .rsplit_once(':')
        .with_context(|| format!("invalid --{flag} {s:?} (use DEVICE:RATE, like /dev/sda:10mb)"))?;
    let n = if bytes {
        crate::util::human::parse_ram(rate)
            .with_context(|| format!("invalid rate in --{flag} {s:?}"))?
    } else {
        rate.parse().with_context(|| {
            format!("invalid rate in --{flag} {s:?} (a number of operations per second)")
        })?
    };
    if n == 0 {
        bail!("--{flag} {s}: a rate of 0 would stop all I/O (give a rate above 0)");
    }
    Ok((dev.to_string(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_devices_and_rates() {
        assert_eq!(
            parse_weight("/dev/sda:200").ok(),
            Some(("/dev/sda".into(), 200))
        );
        assert!(parse_weight("/dev/sda").is_err());
        assert_eq!(
            parse_rate("device-read-bps", "/dev/sda:10mb", true).ok(),
            Some(("/dev/sda".into(), 10 << 20))
        );
        assert_eq!(
            parse_rate("device-read-iops", "/dev/sda:1000", false).ok(),
            Some(("/dev/sda".into(), 1000))
        );
        assert!(parse_rate("device-read-iops", "/dev/sda:0", false).is_err());
        // Not a block device.
        let l = IoLimits {
            read_bps: vec![("/dev/null".into(), 1)],
            ..Default::default()
        };
        assert!(l.validate().is_err());
    }
}
