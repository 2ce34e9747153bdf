//! Manifests, indexes and image configs (OCI and Docker schema 2), parsed
//! strictly: a document must be exactly one kind.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// Manifest media types den accepts, for the Accept header.
pub const ACCEPTED: &[&str] = &[OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST];

/// Largest manifest, index or config den reads.
pub const MAX_DOCUMENT: usize = 4 << 20;

/// A content descriptor.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// A platform in an index, its fields in the order of Go's structs
/// (image-spec's and Docker's list's), as podman prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

impl Platform {
    /// The platform an image config names.
    pub fn of(config: &ImageConfig) -> Platform {
        Platform {
            architecture: config.architecture.clone(),
            os: config.os.clone(),
            variant: config.variant.clone(),
            ..Platform::default()
        }
    }
}

/// An image manifest: one config, layers bottom first.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
}

/// An index / manifest list.
#[derive(Debug, Clone, Deserialize)]
pub struct Index {
    /// Docker's list says so; an OCI index may leave it out.
    #[serde(default, rename = "mediaType")]
    pub media_type: String,
    pub manifests: Vec<Descriptor>,
}

/// What a fetched document turned out to be.
#[derive(Debug)]
pub enum Document {
    Index(Index),
    Manifest(Box<Manifest>, String),
}

/// Parse a manifest or an index; refuse anything ambiguous or unknown.
pub fn parse_document(bytes: &[u8], content_type: Option<&str>) -> Result<Document> {
    if bytes.len() > MAX_DOCUMENT {
        bail!("the registry sent a manifest larger than 4 MiB");
    }
    let v: serde_json::Value =
        serde_json::from_slice(bytes).context("the registry sent a manifest that is not JSON")?;
    let obj = v
        .as_object()
        .context("the registry sent a manifest that is not a JSON object")?;
    let has_manifests = obj.contains_key("manifests");
    let has_layers = obj.contains_key("layers") || obj.contains_key("config");
    if has_manifests && has_layers {
        bail!("the registry sent a document that claims to be both an index and a manifest");
    }
    if obj.get("schemaVersion").and_then(|s| s.as_i64()) == Some(1) {
        bail!("the image uses Docker schema 1 manifests, which den does not support (push it again with a current tool)");
    }
    let media = obj
        .get("mediaType")
        .and_then(|m| m.as_str())
        .or(content_type)
        .unwrap_or("");
    if has_manifests {
        if !media.is_empty() && media != OCI_INDEX && media != DOCKER_LIST {
            bail!("the registry sent an index with media type {media:?}");
        }
        let index: Index =
            serde_json::from_slice(bytes).context("the registry sent a malformed index")?;
        return Ok(Document::Index(index));
    }
    if !has_layers {
        bail!("the registry sent a document that is neither a manifest nor an index");
    }
    let media = if media.is_empty() {
        OCI_MANIFEST
    } else {
        media
    };
    if media != OCI_MANIFEST && media != DOCKER_MANIFEST {
        bail!("unsupported manifest media type {media:?}");
    }
    let manifest: Manifest =
        serde_json::from_slice(bytes).context("the registry sent a malformed manifest")?;
    Ok(Document::Manifest(Box::new(manifest), media.to_string()))
}

/// The host platform in Go's names (amd64, arm64, ...).
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "arm" => "arm",
        "powerpc64" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

/// The platform to pull for: the host's, or `--platform`/`--os`/`--arch`/`--variant`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

impl Wanted {
    pub fn host() -> Wanted {
        Wanted {
            os: "linux".into(),
            arch: host_arch().into(),
            variant: None,
        }
    }

    /// `OS/ARCH[/VARIANT]`, or the flags one by one over the host's.
    pub fn from_flags(
        platform: Option<&str>,
        os: Option<&str>,
        arch: Option<&str>,
        variant: Option<&str>,
    ) -> Result<Option<Wanted>> {
        if let Some(p) = platform {
            if os.is_some() || arch.is_some() || variant.is_some() {
                bail!("--platform cannot be given with --os, --arch or --variant (give one or the others)");
            }
            let parts: Vec<&str> = p.split('/').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|s| s.is_empty()) {
                bail!("invalid --platform {p:?} (use OS/ARCH[/VARIANT], like linux/arm64)");
            }
            return Ok(Some(Wanted {
                os: parts[0].into(),
                arch: parts[1].into(),
                variant: parts.get(2).map(|v| v.to_string()),
            }));
        }
        if os.is_none() && arch.is_none() && variant.is_none() {
            return Ok(None);
        }
        let host = Wanted::host();
        Ok(Some(Wanted {
            os: os.map_or(host.os, String::from),
            arch: arch.map_or(host.arch, String::from),
            variant: variant.map(String::from),
        }))
    }
}

impl std::fmt::Display for Wanted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Pick the entry of an index for `want` (none: the host; arm64 prefers v8).
pub fn choose_platform<'a>(index: &'a Index, want: Option<&Wanted>) -> Result<&'a Descriptor> {
    let host = Wanted::host();
    let want = want.unwrap_or(&host);
    let candidates: Vec<&Descriptor> = index
        .manifests
        .iter()
        .filter(|d| {
            d.platform.as_ref().is_some_and(|p| {
                p.os == want.os
                    && p.architecture == want.arch
                    && want
                        .variant
                        .as_ref()
                        .is_none_or(|v| p.variant.as_ref() == Some(v))
            })
        })
        .collect();
    let chosen = candidates
        .iter()
        .find(|d| {
            want.arch != "arm64"
                || want.variant.is_some()
                || d.platform
                    .as_ref()
                    .and_then(|p| p.variant.as_deref())
                    .is_none_or(|v| v == "v8")
        })
        .or(candidates.first());
    match chosen {
        Some(d) => Ok(d),
        None => {
            let available: Vec<String> = index
                .manifests
                .iter()
                .filter_map(|d| d.platform.as_ref())
                .map(|p| format!("{}/{}", p.os, p.architecture))
                .collect();
            bail!(
                "no image found for {want} in the index (it has: {})",
                available.join(", ")
            )
        }
    }
}

/// How a layer blob is compressed, from its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression of a layer media type; unknown types are refused.
pub fn layer_compression(media_type: &str) -> Result<Compression> {
    Ok(match media_type {
        "application/vnd.oci.image.layer.v1.tar"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar" => Compression::None,
        "application/vnd.oci.image.layer.v1.tar+gzip"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
        | "application/vnd.docker.image.rootfs.diff.tar.gzip"
        | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" => Compression::Gzip,
        "application/vnd.oci.image.layer.v1.tar+zstd"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => Compression::Zstd,
        other => bail!("unsupported layer media type {other:?}"),
    })
}

/// The runtime part of an image config.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_build: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shell: Option<Vec<String>>,
}

/// An image config (OCI / Docker).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImageConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<RunConfig>,
    pub rootfs: RootFs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<serde_json::Value>,
}

/// The layer list of a config.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type", default)]
    pub kind: String,
    pub diff_ids: Vec<String>,
}

impl ImageConfig {
    /// Parse and check an image config.
    pub fn parse(bytes: &[u8]) -> Result<ImageConfig> {
        if bytes.len() > MAX_DOCUMENT {
            bail!("the image config is larger than 4 MiB");
        }
        let c: ImageConfig =
            serde_json::from_slice(bytes).context("the image config is malformed")?;
        for d in &c.rootfs.diff_ids {
            super::reference::validate_digest(d)
                .map_err(|e| anyhow::anyhow!("the image config lists a bad layer: {e}"))?;
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_ambiguous_documents() {
        let both =
            br#"{"schemaVersion":2,"manifests":[],"layers":[],"config":{"digest":"x","size":1}}"#;
        let e = parse_document(both, None).expect_err("ambiguous");
        assert!(e.to_string().contains("both an index and a manifest"));
    }

    #[test]
    fn parses_index_and_picks_host() {
        let doc = format!(
            r#"{{"schemaVersion":2,"mediaType":"{OCI_INDEX}","manifests":[
            {{"digest":"sha256:{a}","size":1,"platform":{{"architecture":"s390x","os":"linux"}}}},
            {{"digest":"sha256:{b}","size":2,"platform":{{"architecture":"{arch}","os":"linux"}}}}]}}"#,
            a = "a".repeat(64),
            b = "b".repeat(64),
            arch = host_arch()
        );
        let Document::Index(index) = parse_document(doc.as_bytes(), None).expect("parse") else {
            panic!("not an index")
        };
        assert_eq!(choose_platform(&index, None).expect("host").size, 2);
        let s390x = Wanted::from_flags(None, None, Some("s390x"), None).expect("flags");
        assert_eq!(
            choose_platform(&index, s390x.as_ref()).expect("s390x").size,
            1
        );
        let p = Wanted::from_flags(Some("linux/riscv64"), None, None, None).expect("flags");
        assert!(choose_platform(&index, p.as_ref()).is_err());
        assert!(Wanted::from_flags(Some("linux"), None, None, None).is_err());
        assert!(Wanted::from_flags(Some("linux/arm64"), None, Some("amd64"), None).is_err());
    }

    #[test]
    fn layer_types() {
        assert_eq!(
            layer_compression("application/vnd.oci.image.layer.v1.tar+zstd").expect("zstd"),
            Compression::Zstd
        );
        assert!(layer_compression("text/html").is_err());
    }
}
