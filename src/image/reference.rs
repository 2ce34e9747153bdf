//! Image references in Docker's grammar: `[registry/]path[:tag][@digest]`.

use std::fmt;

use anyhow::{bail, Result};

/// A parsed image reference. `registry` is `None` for a short name like
/// `busybox`, which is resolved through the unqualified-search registries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// A reference with its registry known, ready to pull or name an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualified {
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Reference {
    /// Parse and validate; errors say what is wrong with the reference.
    pub fn parse(input: &str) -> Result<Reference> {
        let bad = |why: &str| -> anyhow::Error {
            anyhow::anyhow!("invalid image reference {input:?}: {why}")
        };
        if input.is_empty() {
            return Err(bad("it is empty"));
        }
        if input.len() > 4096 {
            return Err(bad("it is too long"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) => {
                validate_digest(d).map_err(|e| bad(&e))?;
                (r, Some(d.to_string()))
            }
            None => (input, None),
        };
        // A tag is after the last ':' that follows the last '/'.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let tag = &rest[last_slash + i + 1..];
                validate_tag(tag).map_err(|e| bad(&e))?;
                (&rest[..last_slash + i], Some(tag.to_string()))
            }
            None => (rest, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                validate_registry(first).map_err(|e| bad(&e))?;
                (Some(first.to_string()), path)
            }
            _ => (None, name),
        };
        validate_repository(repository).map_err(|e| bad(&e))?;
        Ok(Reference {
            registry,
            repository: repository.to_string(),
            tag,
            digest,
        })
    }

    /// Qualify with `registry` (applying docker.io's `library/` rule).
    pub fn qualify(&self, registry: &str) -> Qualified {
        let repository = if registry == "docker.io" && !self.repository.contains('/') {
            format!("library/{}", self.repository)
        } else {
            self.repository.clone()
        };
        Qualified {
            registry: registry.to_string(),
            repository,
            tag: self.tag.clone(),
            digest: self.digest.clone(),
        }
    }
}

impl Qualified {
    /// The tag, `latest` when neither tag nor digest was given.
    pub fn tag_or_latest(&self) -> Option<&str> {
        match (&self.tag, &self.digest) {
            (Some(t), _) => Some(t),
            (None, Some(_)) => None,
            (None, None) => Some("latest"),
        }
    }

    /// `registry/repository` without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// The name an image is stored under: `registry/repo:tag`, or
    /// `registry/repo@digest` for a digest-only reference.
    pub fn store_name(&self) -> String {
        match self.tag_or_latest() {
            Some(t) => format!("{}:{t}", self.name()),
            None => format!("{}@{}", self.name(), self.digest.as_deref().unwrap_or("")),
        }
    }

    /// The reference for the registry client.
    pub fn to_oci(&self) -> oci_client::Reference {
        match &self.digest {
            Some(d) => oci_client::Reference::with_digest(
                self.registry.clone(),
                self.repository.clone(),
                d.clone(),
            ),
            None => oci_client::Reference::with_tag(
                self.registry.clone(),
                self.repository.clone(),
                self.tag_or_latest().unwrap_or("latest").to_string(),
            ),
        }
    }
}

impl fmt::Display for Qualified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        } else if self.digest.is_none() {
            write!(f, ":latest")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `sha256:` followed by 64 lower-case hex digits (the only algorithm den accepts).
pub fn validate_digest(d: &str) -> std::result::Result<(), String> {
    let Some(hex) = d.strip_prefix("sha256:") else {
        return Err(format!("digest {d:?} is not sha256:<64 hex digits>"));
    };
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!("digest {d:?} is not sha256:<64 hex digits>"));
    }
    Ok(())
}

/// A digest's hex part, after validating it (safe to use in a path).
pub fn digest_hex(d: &str) -> Result<&str> {
    if let Err(e) = validate_digest(d) {
        bail!("{e}");
    }
    Ok(&d[7..])
}

fn validate_tag(tag: &str) -> std::result::Result<(), String> {
    let ok = !tag.is_empty()
        && tag.len() <= 128
        && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "tag {tag:?} must match [A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}"
        ))
    }
}

fn validate_registry(reg: &str) -> std::result::Result<(), String> {
    let (host, port) = match reg.rsplit_once(':') {
        Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, Some(p)),
        _ => (reg, None),
    };
    if let Some(p) = port {
        if p.parse::<u16>().is_err() {
            return Err(format!("registry port {p:?} is not a number"));
        }
    }
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if ok {
        Ok(())
    } else {
        Err(format!("registry {reg:?} is not a valid host[:port]"))
    }
}

fn validate_repository(repo: &str) -> std::result::Result<(), String> {
    if repo.is_empty() {
        return Err("the repository name is empty".into());
    }
    for comp in repo.split('/') {
        if !valid_component(comp) {
            return Err(format!(
                "repository component {comp:?} must be lower-case letters and digits, \
                 separated by '.', '_', '__' or '-'"
            ));
        }
    }
    Ok(())
}

fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        // a separator: '.', '_', '__' or one or more '-'
        let start = i;
        if b[i] == b'-' {
            while i < b.len() && b[i] == b'-' {
                i += 1;
            }
        } else if b[i] == b'_' && b.get(i + 1) == Some(&b'_') {
            i += 2;
        } else if b[i] == b'.' || b[i] == b'_' {
            i += 1;
        } else {
            return false;
        }
        if i == start || !b.get(i).copied().is_some_and(alnum) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_qualified() {
        let r = Reference::parse("busybox").expect("parse");
        assert_eq!(r.registry, None);
        assert_eq!(
            r.qualify("docker.io").to_string(),
            "docker.io/library/busybox:latest"
        );
        let r = Reference::parse("127.0.0.1:5000/a/b:v1").expect("parse");
        assert_eq!(r.registry.as_deref(), Some("127.0.0.1:5000"));
        assert_eq!(r.repository, "a/b");
        assert_eq!(r.tag.as_deref(), Some("v1"));
        let r = Reference::parse("localhost/x").expect("parse");
        assert_eq!(r.registry.as_deref(), Some("localhost"));
        let r = Reference::parse("user/app:1.0").expect("parse");
        assert_eq!(r.registry, None);
        assert_eq!(r.qualify("docker.io").name(), "docker.io/user/app");
    }

    #[test]
    fn digests() {
        let d = format!("sha256:{}", "a".repeat(64));
        let r = Reference::parse(&format!("reg:1/x@{d}")).expect("parse");
        assert_eq!(r.digest.as_deref(), Some(d.as_str()));
        assert_eq!(r.qualify("reg:1").store_name(), format!("reg:1/x@{d}"));
        assert!(Reference::parse("x@sha256:abc").is_err());
        assert!(Reference::parse("x@md5:abc").is_err());
    }

    #[test]
    fn invalid() {
        for bad in [
            "", "UPPER", "a//b", "a:", "a:-x", "-a", "a..b", "reg:x/a", "a b",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad:?} must be refused");
        }
        let e = Reference::parse("Busybox").expect_err("upper");
        assert!(e
            .to_string()
            .starts_with("invalid image reference \"Busybox\""));
    }

    #[test]
    fn digest_hex_is_path_safe() {
        assert!(digest_hex("sha256:../../etc").is_err());
        assert!(digest_hex(&format!("sha256:{}", "A".repeat(64))).is_err());
    }
}
