//! Copying a manifest and its blobs from one registry repository to
//! another, by digest, without storing the image: how `manifest push`
//! sends the entries of a list that are a registry's, not the store's.
//! Every blob is checked against its digest and its manifest's size as it
//! comes; a blob the destination has, or can mount from the same
//! registry, is not sent.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use futures_util::StreamExt;

use super::arrival::Arrival;
use super::blobs::Blob;
use super::manifest::{Descriptor, Document};
use super::progress::PullEvent;
use super::push::{self as pusher, PushOptions, Pushed};
use super::reference::{validate_digest, Qualified};
use super::registry::{self, Remote};

/// Copy the manifest `digest` of `source` (a `registry/repository`
/// reference, connected) into `dest`'s repository under the same digest.
pub async fn copy_manifest(
    source: &Remote,
    digest: &str,
    dest: &Remote,
    work: &Path,
    opts: &PushOptions,
) -> Result<Pushed> {
    let q = &source.qualified;
    source.login_for_pull().await?;
    let (doc, got, bytes) = source.fetch_document(digest).await?;
    if got != digest {
        bail!("{q}: the registry sent manifest {got}, not {digest}");
    }
    let (man, media_type) = match doc {
        Document::Manifest(m, mt) => (m, mt),
        Document::Index(_) => {
            bail!("{q} is itself a manifest list: den does not nest lists (add its entries with manifest add --all)")
        }
    };
    let mut blobs = vec![man.config.clone()];
    blobs.extend(man.layers.iter().cloned());
    for b in &blobs {
        validate_digest(&b.digest).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
        copy_blob(source, b, dest, work, opts).await?;
    }
    let repo = dest.repository();
    let body = bytes::Bytes::from(bytes.clone());
    pusher::retry(&dest.qualified, || {
        dest.client
            .put_manifest(&repo, digest, &media_type, body.clone())
    })
    .await?;
    Ok(Pushed {
        digest: digest.to_string(),
        media_type,
        size: bytes.len() as u64,
    })
}

/// One blob into `dest`: found there, mounted from the source's
/// repository when both are on one registry, or downloaded and sent.
async fn copy_blob(
    source: &Remote,
    desc: &Descriptor,
    dest: &Remote,
    work: &Path,
    opts: &PushOptions,
) -> Result<()> {
    let p = opts.progress.as_ref();
    p.report(PullEvent::BlobStart {
        digest: &desc.digest,
        size: desc.size,
    });
    let same_registry = source.qualified.registry == dest.qualified.registry;
    if pusher::exists(dest, &desc.digest).await?
        || (same_registry && pusher::mounted(dest, &[source.repository()], &desc.digest).await)
    {
        p.report(PullEvent::BlobDone {
            digest: &desc.digest,
            skipped: true,
        });
        return Ok(());
    }
    let path = work.join(desc.digest.replace(':', "-"));
    let result = async {
        download(source, desc, &path).await?;
        let blob = Blob {
            path: path.clone(),
            digest: desc.digest.clone(),
            size: desc.size,
        };
        pusher::upload(dest, &blob, opts).await
    }
    .await;
    let _ = std::fs::remove_file(&path);
    result?;
    p.report(PullEvent::BlobDone {
        digest: &desc.digest,
        skipped: false,
    });
    Ok(())
}

/// Download a blob to `path`, held to its descriptor.
async fn download(source: &Remote, desc: &Descriptor, path: &Path) -> Result<()> {
    let q: &Qualified = &source.qualified;
    let mut stream = source
        .client
        .blob_stream(&source.repository(), &desc.digest)
        .await
        .map_err(|e| registry::explain(e, q))?;
    let mut file = crate::util::fs::create_private(path)?;
    let mut arrival = Arrival::new(q, desc, "blob");
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.with_context(|| format!("{q}: reading blob {}", desc.digest))?;
        arrival.take(&chunk)?;
        file.write_all(&chunk)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    arrival.finish()?;
    file.sync_all().ok();
    Ok(())
}
