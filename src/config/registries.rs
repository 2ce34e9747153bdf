//! registries.conf (v2 TOML format): unqualified search registries and
//! per-registry settings (insecure, blocked), read from the same files podman reads.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::{env, paths::Paths};

/// The registry used when no unqualified-search-registries are configured.
pub const DEFAULT_REGISTRY: &str = "docker.io";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    unqualified_search_registries: Vec<String>,
    #[serde(default)]
    registry: Vec<Entry>,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct Entry {
    #[serde(default)]
    location: String,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
}

/// The merged registries configuration.
#[derive(Debug, Default)]
pub struct Registries {
    /// Registries tried, in order, for a short name like `busybox`.
    pub search: Vec<String>,
    entries: Vec<Entry>,
    /// The file this came from, for messages.
    pub source: Option<PathBuf>,
}

impl Registries {
    /// Load `$CONTAINERS_REGISTRIES_CONF`, else the user's
    /// `$XDG_CONFIG_HOME/containers/registries.conf`, else `/etc/containers/registries.conf`.
    pub fn load(paths: &Paths) -> Result<Registries> {
        let candidates: Vec<PathBuf> = match env::var(env::CONTAINERS_REGISTRIES_CONF) {
            Some(p) => vec![PathBuf::from(p)],
            None => vec![
                paths.config_home.join("containers/registries.conf"),
                PathBuf::from("/etc/containers/registries.conf"),
            ],
        };
        for path in candidates {
            match std::fs::read_to_string(&path) {
                Ok(text) => return Self::parse(&text, &path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
            }
        }
        Ok(Registries::default())
    }

    /// Parse one registries.conf text.
    pub fn parse(text: &str, path: &Path) -> Result<Registries> {
        let file: File = toml::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{} is not a valid registries.conf: {} (fix the file or remove it)",
                path.display(),
                e.message()
            )
        })?;
        for r in &file.registry {
            if r.location.is_empty() && r.prefix.is_none() {
                bail!(
                    "{}: a [[registry]] entry has neither location nor prefix (add one)",
                    path.display()
                );
            }
        }
        Ok(Registries {
            search: file.unqualified_search_registries,
            entries: file.registry,
            source: Some(path.to_path_buf()),
        })
    }

    /// Registries to try for an unqualified name, in order.
    pub fn search_registries(&self) -> Vec<String> {
        if self.search.is_empty() {
            vec![DEFAULT_REGISTRY.to_string()]
        } else {
            self.search.clone()
        }
    }

    /// The most specific entry whose prefix matches `registry/repository`.
    fn entry_for(&self, registry: &str, repository: &str) -> Option<&Entry> {
        let full = format!("{registry}/{repository}");
        self.entries
            .iter()
            .filter(|e| {
                let prefix = e.prefix.as_deref().unwrap_or(&e.location);
                prefix_matches(prefix, &full)
            })
            .max_by_key(|e| e.prefix.as_deref().unwrap_or(&e.location).len())
    }

    /// Whether the registry is marked `insecure = true`.
    pub fn is_insecure(&self, registry: &str, repository: &str) -> bool {
        self.entry_for(registry, repository)
            .is_some_and(|e| e.insecure)
    }

    /// Whether the registry is marked `blocked = true`.
    pub fn is_blocked(&self, registry: &str, repository: &str) -> bool {
        self.entry_for(registry, repository)
            .is_some_and(|e| e.blocked)
    }
}

/// `prefix` matches `full` at a path-component boundary; `*.example.com`
/// matches any subdomain.
fn prefix_matches(prefix: &str, full: &str) -> bool {
    if let Some(domain) = prefix.strip_prefix("*.") {
        let host = full.split('/').next().unwrap_or("");
        return host.ends_with(&format!(".{domain}"));
    }
    full == prefix
        || (full.starts_with(prefix)
            && matches!(
                full.as_bytes().get(prefix.len()),
                Some(b'/') | Some(b':') | None
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_search_and_insecure() {
        let r = Registries::parse(
            r#"unqualified-search-registries = ["127.0.0.1:5000", "docker.io"]
[[registry]]
location = "127.0.0.1:5000"
insecure = true
"#,
            Path::new("x"),
        )
        .expect("parse");
        assert_eq!(r.search_registries(), vec!["127.0.0.1:5000", "docker.io"]);
        assert!(r.is_insecure("127.0.0.1:5000", "library/busybox"));
        assert!(!r.is_insecure("127.0.0.1:50001", "library/busybox"));
        assert!(!r.is_insecure("docker.io", "library/busybox"));
    }

    #[test]
    fn bad_file_is_a_clear_error() {
        let err = Registries::parse("unqualified-search-registries = 3", Path::new("/r.conf"))
            .expect_err("must fail");
        assert!(err
            .to_string()
            .contains("/r.conf is not a valid registries.conf"));
    }

    #[test]
    fn wildcard_prefix() {
        assert!(prefix_matches("*.example.com", "a.example.com/x"));
        assert!(!prefix_matches("*.example.com", "example.com/x"));
    }
}
