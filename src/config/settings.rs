//! den's own configuration file, `$XDG_CONFIG_HOME/den/den.conf` (TOML):
//! the limits that keep a container or an image from exhausting the disk.
//!
//! ```toml
//! [logs]
//! # Rotate a container's k8s-file log past this size, keeping one older
//! # file (ctr.log.1): at most twice this on disk. 0 or -1: never.
//! max_size = "20m"
//!
//! [pull]
//! # Refuse a layer whose content expands beyond this size...
//! layer_max_size = "100g"
//! # ...or beyond this many times its compressed size, once past 64 MB.
//! layer_max_ratio = 100
//!
//! [push]
//! # "whole": each blob in one request (in chunks if the registry refuses
//! # that); "chunked": always in chunks (for proxies that limit a request).
//! upload = "whole"
//!
//! [network]
//! # Keep a network namespace ready, pasta attached, for the next start
//! # with the default network (a process of yours, and pasta's 30 MB, for
//! # up to a minute after such a start): starts skip pasta's ~30 ms.
//! spare = false
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

use super::paths::Paths;
use crate::util::human::parse_size;

/// The default log rotation size: 20 MB (two files at most).
pub const DEFAULT_LOG_MAX_SIZE: u64 = 20_000_000;
/// The default largest layer content: 100 GB.
pub const DEFAULT_LAYER_MAX_SIZE: u64 = 100_000_000_000;
/// The default largest expansion of a layer over its compressed size.
pub const DEFAULT_LAYER_MAX_RATIO: u64 = 100;
/// Below this, a layer may expand by any ratio (tiny layers of zeros).
pub const RATIO_FREE_SIZE: u64 = 64_000_000;

/// The settings, with their defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Rotate logs past this many bytes (0: never).
    pub log_max_size: u64,
    /// Refuse layers whose content passes this many bytes (0: no limit).
    pub layer_max_size: u64,
    /// Refuse layers that expand more than this over their compressed
    /// size, once past [`RATIO_FREE_SIZE`] (0: no limit).
    pub layer_max_ratio: u64,
    /// Push blobs in chunks always, not in one request.
    pub push_chunked: bool,
    /// Keep a spare network namespace for the default network
    /// (`network/spare.rs`).
    pub network_spare: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            log_max_size: DEFAULT_LOG_MAX_SIZE,
            layer_max_size: DEFAULT_LAYER_MAX_SIZE,
            layer_max_ratio: DEFAULT_LAYER_MAX_RATIO,
            push_chunked: false,
            network_spare: false,
        }
    }
}

/// A size as a string with units (`"20m"`) or a number of bytes.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Size {
    Bytes(i64),
    Text(String),
}

impl Size {
    fn bytes(&self) -> Result<u64> {
        match self {
            Size::Bytes(n) => Ok((*n).max(0) as u64),
            Size::Text(t) => parse_size(t),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    logs: Logs,
    #[serde(default)]
    pull: Pull,
    #[serde(default)]
    push: Push,
    #[serde(default)]
    network: Network,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Network {
    spare: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Push {
    upload: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Logs {
    max_size: Option<Size>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pull {
    layer_max_size: Option<Size>,
    layer_max_ratio: Option<u64>,
}

impl Settings {
    /// The path of den's config file.
    pub fn path(paths: &Paths) -> PathBuf {
        paths.config_home.join("den/den.conf")
    }

    /// Read den's config file; the defaults where it is missing or silent.
    pub fn load(paths: &Paths) -> Result<Settings> {
        Self::load_from(&Self::path(paths))
    }

    fn load_from(path: &Path) -> Result<Settings> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let bad = |e: &dyn std::fmt::Display| {
            format!(
                "{} is not valid: {} (see den run --help for its keys)",
                path.display(),
                e.to_string().replace('\n', " ").trim()
            )
        };
        let file: File = toml::from_str(&text).map_err(|e| anyhow::anyhow!(bad(&e)))?;
        let mut s = Settings::default();
        if let Some(v) = &file.logs.max_size {
            s.log_max_size = v.bytes().map_err(|e| anyhow::anyhow!(bad(&e)))?;
        }
        if let Some(v) = &file.pull.layer_max_size {
            s.layer_max_size = v.bytes().map_err(|e| anyhow::anyhow!(bad(&e)))?;
        }
        if let Some(v) = file.pull.layer_max_ratio {
            s.layer_max_ratio = v;
        }
        s.network_spare = file.network.spare.unwrap_or(false);
        match file.push.upload.as_deref() {
            None | Some("whole") => {}
            Some("chunked") => s.push_chunked = true,
            Some(other) => {
                return Err(anyhow::anyhow!(bad(&format!(
                    "[push] upload = {other:?}: use \"whole\" or \"chunked\""
                ))))
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_values_and_clear_errors() {
        let t = tempfile::tempdir().expect("tmp");
        let p = t.path().join("den.conf");
        assert_eq!(
            Settings::load_from(&p).expect("missing"),
            Settings::default()
        );
        std::fs::write(
            &p,
            "[logs]\nmax_size = \"5m\"\n[pull]\nlayer_max_size = 1000\nlayer_max_ratio = 7\n",
        )
        .expect("write");
        let s = Settings::load_from(&p).expect("load");
        assert_eq!(
            (s.log_max_size, s.layer_max_size, s.layer_max_ratio),
            (5_000_000, 1000, 7)
        );
        assert!(!s.network_spare);
        std::fs::write(&p, "[network]\nspare = true\n").expect("write");
        assert!(Settings::load_from(&p).expect("load").network_spare);
        std::fs::write(&p, "[network]\nspare = \"yes\"\n").expect("write");
        assert!(Settings::load_from(&p).is_err());
        std::fs::write(&p, "[logs]\nmax_size = -1\n").expect("write");
        assert_eq!(Settings::load_from(&p).expect("load").log_max_size, 0);
        for bad in [
            "[logs]\nmaxsize = 1\n",
            "[logs]\nmax_size = \"lots\"\n",
            "nonsense",
        ] {
            std::fs::write(&p, bad).expect("write");
            let e = Settings::load_from(&p).expect_err(bad).to_string();
            assert!(e.contains("den.conf is not valid"), "{e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }
}
