//! registries.conf (v2 TOML format): unqualified search registries,
//! short-name aliases, per-registry settings (insecure, blocked), location
//! rewriting by prefix and mirrors; read from the same files podman reads.

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
    /// Short names and the fully qualified names they stand for.
    #[serde(default)]
    aliases: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Entry {
    #[serde(default)]
    location: String,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    /// Tried in order before `location` when pulling.
    #[serde(default)]
    mirror: Vec<Mirror>,
    /// Mirrors only for pulls by digest.
    #[serde(default)]
    mirror_by_digest_only: bool,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Mirror {
    location: String,
    #[serde(default)]
    insecure: bool,
}

/// One place to pull `registry/repository` from: a mirror or the
/// (maybe rewritten) location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub registry: String,
    pub repository: String,
    pub insecure: bool,
}

/// The merged registries configuration.
#[derive(Debug, Default)]
pub struct Registries {
    /// Registries tried, in order, for a short name like `busybox`.
    pub search: Vec<String>,
    entries: Vec<Entry>,
    aliases: std::collections::BTreeMap<String, String>,
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
            if r.mirror.iter().any(|m| m.location.is_empty()) {
                bail!(
                    "{}: a [[registry.mirror]] entry has no location (add one)",
                    path.display()
                );
            }
        }
        for (short, full) in &file.aliases {
            if !full.contains('/') || full.contains('@') {
                bail!(
                    "{}: alias {short:?} = {full:?} must name a registry and repository, without tag or digest",
                    path.display()
                );
            }
        }
        Ok(Registries {
            search: file.unqualified_search_registries,
            entries: file.registry,
            aliases: file.aliases,
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

    /// Whether the registry is marked `insecure = true` (as a registry,
    /// or as a mirror of one).
    pub fn is_insecure(&self, registry: &str, repository: &str) -> bool {
        let full = format!("{registry}/{repository}");
        self.entry_for(registry, repository)
            .is_some_and(|e| e.insecure)
            || self
                .entries
                .iter()
                .flat_map(|e| e.mirror.iter())
                .any(|m| m.insecure && prefix_matches(&m.location, &full))
    }

    /// The fully qualified name `input` stands for when it is a short name
    /// with an alias (its tag or digest kept); otherwise `input` itself.
    pub fn expand(&self, input: &str) -> String {
        let (name, rest) = match input.find(['@', ':']) {
            Some(i) if !input[..i].contains('/') || input[i..].starts_with('@') => {
                input.split_at(i)
            }
            _ => (input, ""),
        };
        match self.aliases.get(name) {
            Some(full) if !name.contains('.') && !name.contains(':') => format!("{full}{rest}"),
            _ => input.to_string(),
        }
    }

    /// Where to pull `registry/repository` from, in order: its mirrors
    /// (only for a pull by digest with `mirror-by-digest-only`), then its
    /// location, each with the entry's prefix rewritten to theirs.
    pub fn sources(&self, registry: &str, repository: &str, by_digest: bool) -> Vec<Source> {
        let full = format!("{registry}/{repository}");
        let Some(e) = self.entry_for(registry, repository) else {
            return vec![Source {
                registry: registry.to_string(),
                repository: repository.to_string(),
                insecure: false,
            }];
        };
        let prefix = e.prefix.as_deref().unwrap_or(&e.location);
        let rewrite = |location: &str, insecure: bool| -> Option<Source> {
            let rest = if prefix.starts_with("*.") {
                full.clone()
            } else {
                format!("{location}{}", &full[prefix.len().min(full.len())..])
            };
            let (reg, repo) = rest.split_once('/')?;
            // A rewrite that makes no sense (an empty part, `..`) is no source.
            let parts_ok = !reg.is_empty()
                && !repo.is_empty()
                && repo
                    .split('/')
                    .all(|p| !p.is_empty() && p != "." && p != "..");
            if !parts_ok {
                return None;
            }
            Some(Source {
                registry: reg.to_string(),
                repository: repo.to_string(),
                insecure,
            })
        };
        let mut out = Vec::new();
        if by_digest || !e.mirror_by_digest_only {
            out.extend(
                e.mirror
                    .iter()
                    .filter_map(|m| rewrite(&m.location, m.insecure)),
            );
        }
        let location = if e.location.is_empty() {
            prefix
        } else {
            &e.location
        };
        out.extend(rewrite(location, e.insecure));
        out
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
    fn aliases_mirrors_and_rewrites() {
        let r = Registries::parse(
            r#"
[aliases]
"box" = "example.com/tools/busybox"

[[registry]]
prefix = "example.com/tools"
location = "internal.example.com:5000/mirrored/tools"

[[registry.mirror]]
location = "mirror.local:5000/tools"
insecure = true

[[registry]]
location = "quay.io"
mirror-by-digest-only = true
[[registry.mirror]]
location = "cache.local"
"#,
            Path::new("x"),
        )
        .expect("parse");
        assert_eq!(r.expand("box"), "example.com/tools/busybox");
        assert_eq!(r.expand("box:1.36"), "example.com/tools/busybox:1.36");
        assert_eq!(r.expand("other"), "other");
        assert_eq!(r.expand("example.com/box"), "example.com/box");
        let s = r.sources("example.com", "tools/busybox", false);
        assert_eq!(
            s.iter()
                .map(|x| format!("{}/{} {}", x.registry, x.repository, x.insecure))
                .collect::<Vec<_>>(),
            vec![
                "mirror.local:5000/tools/busybox true",
                "internal.example.com:5000/mirrored/tools/busybox false"
            ]
        );
        assert!(r.is_insecure("mirror.local:5000", "tools/busybox"));
        assert_eq!(r.sources("quay.io", "a/b", false).len(), 1);
        assert_eq!(r.sources("quay.io", "a/b", true)[0].registry, "cache.local");
        assert_eq!(
            r.sources("docker.io", "library/x", false)[0].registry,
            "docker.io"
        );
    }

    #[test]
    fn wildcard_prefix() {
        assert!(prefix_matches("*.example.com", "a.example.com/x"));
        assert!(!prefix_matches("*.example.com", "example.com/x"));
    }
}
