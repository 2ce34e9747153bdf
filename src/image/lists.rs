//! Manifest lists (image indexes) the user makes: `den manifest create`,
//! `add`, `annotate`, `remove`, `push`. A list is a record in
//! `manifests.json` beside `images.json`, under the same storage lock: its
//! names (which no image may hold too), and its entries. An entry is an
//! image of the store (its id) or a manifest in a registry (the
//! repository it is in); the index itself is rendered from the entries
//! when it is shown or pushed.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lookup;
use super::manifest::{Descriptor, Document, DOCKER_LIST, DOCKER_MANIFEST};
use super::store::Store;
use crate::util::fs as ufs;

/// Most entries a list may hold: an index is one registry document of at
/// most 4 MiB.
pub const MAX_ENTRIES: usize = 4096;

pub use super::manifest::Platform;

/// One entry of a list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Instance {
    /// The manifest's digest, media type and size.
    pub digest: String,
    pub media_type: String,
    pub size: u64,
    pub platform: Platform,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// The image of the store it is (its id), if it is local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `registry/repository` it is in, if it is a registry's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One manifest list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListRecord {
    /// 64 hex characters, as an image id.
    pub id: String,
    /// Names like `localhost/mylist:latest`.
    pub names: Vec<String>,
    pub created: DateTime<Utc>,
    /// The index's media type: Docker's list (podman's default) or OCI's.
    pub media_type: String,
    pub instances: Vec<Instance>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ListsFile {
    lists: Vec<ListRecord>,
}

/// An index document, its fields in podman's order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexDoc<'a> {
    pub schema_version: u32,
    pub media_type: &'a str,
    pub manifests: Vec<EntryDoc<'a>>,
}

/// One entry of an [`IndexDoc`].
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryDoc<'a> {
    #[serde(flatten)]
    pub descriptor: Schema2Descriptor<'a>,
    pub platform: &'a Platform,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: &'a BTreeMap<String, String>,
}

impl ListRecord {
    /// The index document in `media_type` (the list's own if `None`).
    pub fn index<'a>(&'a self, media_type: Option<&'a str>) -> IndexDoc<'a> {
        IndexDoc {
            schema_version: 2,
            media_type: media_type.unwrap_or(&self.media_type),
            manifests: self
                .instances
                .iter()
                .map(|i| EntryDoc {
                    descriptor: Schema2Descriptor {
                        media_type: &i.media_type,
                        size: i.size,
                        digest: &i.digest,
                        urls: &[],
                    },
                    platform: &i.platform,
                    annotations: &i.annotations,
                })
                .collect(),
        }
    }

    /// The entry whose manifest digest is `digest`, or whose image's id
    /// is (or starts with) it.
    pub fn position(&self, digest: &str) -> Option<usize> {
        let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
        self.instances.iter().position(|i| {
            i.digest == digest
                || i.digest.strip_prefix("sha256:") == Some(hex)
                || (hex.len() >= 12 && i.image.as_deref().is_some_and(|id| id.starts_with(hex)))
        })
    }
}

/// A document as podman prints it: four-space indents.
pub fn pretty(v: &impl Serialize) -> Result<String> {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    serde::Serialize::serialize(v, &mut ser)?;
    Ok(String::from_utf8(out)?)
}

/// A registry's document as podman 4.3's `manifest inspect` shows it:
/// an index (OCI's too) as Docker's manifest list, whose entries carry no
/// annotations; a Docker image manifest in its own fields' order, with a
/// warning (the second value) that it is no list. An OCI image manifest,
/// which podman 4.3 refuses, is shown as the registry sent it.
pub fn remote_view(doc: &Document, raw: &[u8]) -> Result<(String, Option<String>)> {
    match doc {
        Document::Index(index) => {
            let none = BTreeMap::new();
            // containers/image's conversion of an OCI index: an entry
            // without a platform gets the host's, and features go (Docker's
            // list has them, image-spec's platform has none to give).
            let oci = index.media_type != DOCKER_LIST;
            let platforms: Vec<Platform> = index
                .manifests
                .iter()
                .map(|d| match (&d.platform, oci) {
                    (Some(p), false) => p.clone(),
                    (Some(p), true) => Platform {
                        features: Vec::new(),
                        ..p.clone()
                    },
                    (None, true) => Platform {
                        architecture: super::manifest::host_arch().to_string(),
                        os: "linux".to_string(),
                        ..Platform::default()
                    },
                    (None, false) => Platform::default(),
                })
                .collect();
            let list = IndexDoc {
                schema_version: 2,
                media_type: DOCKER_LIST,
                manifests: index
                    .manifests
                    .iter()
                    .zip(&platforms)
                    .map(|(d, platform)| EntryDoc {
                        descriptor: Schema2Descriptor::of(d),
                        platform,
                        annotations: &none,
                    })
                    .collect(),
            };
            Ok((pretty(&list)?, None))
        }
        Document::Manifest(m, media) if media == DOCKER_MANIFEST => {
            let doc = Schema2Doc {
                schema_version: 2,
                media_type: DOCKER_MANIFEST,
                config: Schema2Descriptor::of(&m.config),
                layers: m.layers.iter().map(Schema2Descriptor::of).collect(),
            };
            let warning = format!(
                "the manifest type {DOCKER_MANIFEST} is not a manifest list but a single image"
            );
            Ok((pretty(&doc)?, Some(warning)))
        }
        Document::Manifest(..) => {
            let v: serde_json::Value = serde_json::from_slice(raw)?;
            Ok((pretty(&v)?, None))
        }
    }
}

/// A Docker image manifest, its fields in podman's order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema2Doc<'a> {
    schema_version: u32,
    media_type: &'a str,
    config: Schema2Descriptor<'a>,
    layers: Vec<Schema2Descriptor<'a>>,
}

/// A descriptor in Docker's field order (a list's entries begin with one).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema2Descriptor<'a> {
    pub media_type: &'a str,
    pub size: u64,
    pub digest: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub urls: &'a [String],
}

impl<'a> Schema2Descriptor<'a> {
    fn of(d: &'a Descriptor) -> Schema2Descriptor<'a> {
        Schema2Descriptor {
            media_type: &d.media_type,
            size: d.size,
            digest: &d.digest,
            urls: d.urls.as_deref().unwrap_or_default(),
        }
    }
}

impl Store {
    /// All manifest lists.
    pub fn lists(&self) -> Result<Vec<ListRecord>> {
        Ok(
            ufs::read_json::<ListsFile>(&self.root.join("manifests.json"))?
                .unwrap_or_default()
                .lists,
        )
    }

    /// Names an image takes: no list keeps them (as podman moves a name
    /// to the image it tags). Call with the storage lock held.
    pub fn take_list_names(&self, names: &[String]) -> Result<()> {
        let mut lists = self.lists()?;
        let before: usize = lists.iter().map(|l| l.names.len()).sum();
        for l in &mut lists {
            l.names.retain(|n| !names.contains(n));
        }
        if lists.iter().map(|l| l.names.len()).sum::<usize>() != before {
            self.save_lists(lists)?;
        }
        Ok(())
    }

    /// Replace the lists (call with the storage lock held).
    pub fn save_lists(&self, lists: Vec<ListRecord>) -> Result<()> {
        ufs::write_json(&self.root.join("manifests.json"), &ListsFile { lists })
    }
}

/// Find a list by name, full id or unique id prefix (as [`lookup::find`]
/// finds images).
pub fn find<'a>(
    lists: &'a [ListRecord],
    input: &str,
    search: &[String],
) -> Result<Option<&'a ListRecord>> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if let Some(l) = lists.iter().find(|l| l.id == hex) {
        return Ok(Some(l));
    }
    for name in lookup::candidate_names(input, search) {
        if let Some(l) = lists.iter().find(|l| l.names.contains(&name)) {
            return Ok(Some(l));
        }
    }
    if hex.len() >= 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let matches: Vec<&ListRecord> = lists.iter().filter(|l| l.id.starts_with(hex)).collect();
        match matches.len() {
            0 => {}
            1 => return Ok(Some(matches[0])),
            _ => bail!("{input:?} matches more than one manifest list (give more of the id)"),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::manifest::{DOCKER_LIST, OCI_INDEX};

    fn list() -> ListRecord {
        ListRecord {
            id: "ab".repeat(32),
            names: vec!["localhost/l:latest".into()],
            created: Utc::now(),
            media_type: DOCKER_LIST.into(),
            instances: vec![Instance {
                digest: format!("sha256:{}", "c".repeat(64)),
                media_type: super::super::manifest::OCI_MANIFEST.into(),
                size: 343,
                platform: Platform {
                    architecture: "arm64".into(),
                    os: "linux".into(),
                    os_version: Some("1".into()),
                    variant: Some("v8".into()),
                    ..Platform::default()
                },
                annotations: BTreeMap::from([("a".into(), "b".into())]),
                image: Some("d".repeat(64)),
                source: None,
            }],
        }
    }

    #[test]
    fn renders_the_index_with_the_specs_field_names() {
        let l = list();
        let v = serde_json::to_value(l.index(None)).expect("json");
        assert_eq!(v["mediaType"], DOCKER_LIST);
        let m = &v["manifests"][0];
        assert_eq!(m["platform"]["os.version"], "1");
        assert_eq!(m["platform"]["variant"], "v8");
        assert!(m["platform"].get("features").is_none());
        assert_eq!(m["annotations"]["a"], "b");
        assert_eq!(m["size"], 343);
        assert!(m.get("image").is_none(), "den's own fields stay out");
        assert_eq!(l.index(Some(OCI_INDEX)).media_type, OCI_INDEX);
        let text = pretty(&l.index(None)).expect("pretty");
        assert!(
            text.starts_with("{\n    \"schemaVersion\": 2,\n    \"mediaType\""),
            "{text}"
        );
    }

    #[test]
    fn finds_entries_and_lists() {
        let l = list();
        assert_eq!(l.position(&format!("sha256:{}", "c".repeat(64))), Some(0));
        assert_eq!(l.position(&"c".repeat(64)), Some(0));
        assert_eq!(l.position(&"d".repeat(12)), Some(0));
        assert_eq!(l.position(&"d".repeat(4)), None, "too short an id prefix");
        let lists = vec![l];
        assert!(find(&lists, "l", &[]).expect("find").is_some());
        assert!(find(&lists, "abab", &[]).expect("find").is_some());
        assert!(find(&lists, "other", &[]).expect("find").is_none());
    }

    /// An OCI index as podman 4.3 shows a registry's: Docker's list, an
    /// entry without a platform given the host's, features and
    /// annotations dropped, URLs kept.
    #[test]
    fn a_registry_index_is_shown_as_podmans_docker_list() {
        let d = |c: char| format!("sha256:{}", c.to_string().repeat(64));
        let doc = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": OCI_INDEX,
            "manifests": [
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d('a'), "size": 10,
                 "urls": ["https://example.com/a"], "annotations": {"k": "v"},
                 "platform": {"architecture": "s390x", "os": "linux", "features": ["f"], "variant": "v1"}},
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d('b'), "size": 20}
            ]
        });
        let raw = serde_json::to_vec(&doc).expect("json");
        let parsed = super::super::manifest::parse_document(&raw, None).expect("an index");
        let (shown, warning) = remote_view(&parsed, &raw).expect("shown");
        assert!(warning.is_none());
        let v: serde_json::Value = serde_json::from_str(&shown).expect("json");
        assert_eq!(v["mediaType"], DOCKER_LIST);
        let first = &v["manifests"][0];
        assert_eq!(first["urls"][0], "https://example.com/a");
        assert_eq!(first["platform"]["variant"], "v1");
        assert!(first.get("annotations").is_none() && first["platform"].get("features").is_none());
        let second = &v["manifests"][1];
        assert_eq!(
            second["platform"]["architecture"],
            super::super::manifest::host_arch()
        );
        assert_eq!(second["platform"]["os"], "linux");
        assert!(second.get("urls").is_none());
        // Go's field order, four-space indents.
        assert!(
            shown.starts_with("{\n    \"schemaVersion\": 2,\n    \"mediaType\""),
            "{shown}"
        );
        let keys: Vec<usize> = [
            "\"mediaType\"",
            "\"size\"",
            "\"digest\"",
            "\"urls\"",
            "\"platform\"",
        ]
        .iter()
        .map(|k| {
            shown[shown.find("\"manifests\"").unwrap_or(0)..]
                .find(k)
                .unwrap_or(usize::MAX)
        })
        .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{shown}");
    }
}
