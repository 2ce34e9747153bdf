//! `search` and `pull --all-tags`: what a registry lists through the
//! distribution API (`/v2/_catalog`, `/v2/NAME/tags/list`).

use anyhow::{Context, Result};

use super::reference::Qualified;
use super::registry::{Access, Remote};
use crate::config::paths::Paths;
use crate::config::registries::Registries;

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the network runtime")
}

/// The repositories of `registry` whose names contain `term`, at most `limit`.
pub fn catalog(
    paths: &Paths,
    registry: &str,
    term: &str,
    limit: usize,
    access: &Access,
) -> Result<Vec<String>> {
    let regs = Registries::load(paths)?;
    let q = Qualified {
        registry: registry.to_string(),
        repository: "library/x".into(),
        tag: Some("latest".into()),
        digest: None,
    };
    let remote = Remote::connect(paths, &regs, &q, access)?;
    let body = runtime()?
        .block_on(
            remote
                .client
                .get_listing(&format!("/v2/_catalog?n={}", limit.max(1) * 10), None),
        )
        .map_err(|e| super::registry::explain(e, &q))?;
    #[derive(serde::Deserialize)]
    struct Catalog {
        #[serde(default)]
        repositories: Vec<String>,
    }
    let c: Catalog = serde_json::from_slice(&body)
        .with_context(|| format!("{registry} sent a malformed catalog"))?;
    Ok(c.repositories
        .into_iter()
        .filter(|r| r.contains(term))
        .take(limit)
        .collect())
}

/// The tags of `q`'s repository.
pub fn tags(paths: &Paths, q: &Qualified, access: &Access) -> Result<Vec<String>> {
    let regs = Registries::load(paths)?;
    let remote = Remote::connect(paths, &regs, q, access)?;
    let repo = remote.repository();
    let body = runtime()?
        .block_on(
            remote
                .client
                .get_listing(&format!("/v2/{repo}/tags/list"), Some(&repo)),
        )
        .map_err(|e| super::registry::explain(e, q))?;
    #[derive(serde::Deserialize)]
    struct Tags {
        #[serde(default)]
        tags: Option<Vec<String>>,
    }
    let t: Tags =
        serde_json::from_slice(&body).with_context(|| format!("{q} sent a malformed tags list"))?;
    Ok(t.tags.unwrap_or_default())
}
