//! Push: an image from the store to a registry. Each layer goes as the
//! blob it was pulled as when the registry has that blob already (nothing
//! is sent), else its stored tar stream, compressed, is uploaded (one
//! request, or in chunks when the registry will not take one; transient
//! failures are retried). Then the config, then the manifest.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use oci_client::errors::OciDistributionError;
use serde_json::json;

use super::blobcache::{BlobCache, Known};
use super::blobs::{self, Blob};
use super::manifest::{self, Compression};
use super::progress::{Progress, PullEvent};
use super::reference::Qualified;
use super::registry::{self, Access, Remote};
use super::store::{ImageRecord, LayerMeta, Store};
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::util::digest::sha256_of;

/// The manifest format a push writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Oci,
    /// Docker's schema 2.
    V2s2,
}

/// How blobs are uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Upload {
    /// One request per blob, chunks if the registry refuses it.
    #[default]
    Whole,
    /// Always in chunks.
    Chunked,
}

/// Settings of one push.
pub struct PushOptions {
    pub access: Access,
    pub progress: Arc<dyn Progress>,
    /// `--format`; the image's own format if not given.
    pub format: Option<Format>,
    /// `--compression-format`; gzip if not given, and then blobs the
    /// registry already has are used as they are, whatever their
    /// compression.
    pub compression: Option<Compression>,
    pub upload: Upload,
}

/// A layer as the manifest lists it.
struct Sent {
    media_type: String,
    digest: String,
    size: u64,
}

const ATTEMPTS: u32 = 3;

/// A manifest a push wrote.
#[derive(Debug, Clone)]
pub struct Pushed {
    pub digest: String,
    pub media_type: String,
    pub size: u64,
}

/// Push `img` to `dest`; returns the manifest's digest. Call inside den's
/// user namespace (layers are read from the store).
pub fn push(
    paths: &Paths,
    img: &ImageRecord,
    dest: &Qualified,
    opts: &PushOptions,
) -> Result<String> {
    Ok(push_image(paths, img, dest, opts, false)?.digest)
}

/// Push `img` into `dest`'s repository under its manifest's digest, no
/// tag (an entry of a manifest list).
pub fn push_by_digest(
    paths: &Paths,
    img: &ImageRecord,
    dest: &Qualified,
    opts: &PushOptions,
) -> Result<Pushed> {
    push_image(paths, img, dest, opts, true)
}

fn push_image(
    paths: &Paths,
    img: &ImageRecord,
    dest: &Qualified,
    opts: &PushOptions,
    by_digest: bool,
) -> Result<Pushed> {
    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let remote = Remote::connect(paths, &regs, dest, &opts.access)?;
    let format = opts
        .format
        .unwrap_or(if img.manifest_type == manifest::DOCKER_MANIFEST {
            Format::V2s2
        } else {
            Format::Oci
        });
    let compression = opts.compression.unwrap_or(Compression::Gzip);
    if format == Format::V2s2 && compression != Compression::Gzip {
        bail!("Docker's v2s2 manifests hold only gzip layers: use --format oci for {compression:?} layers");
    }
    let config_digest = format!("sha256:{}", img.id);
    let config = store.read_blob(&config_digest)?;
    store.ensure()?;
    let work = store.work_dir("push")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let p = opts.progress.as_ref();
    runtime.block_on(async {
        let repo = remote.repository();
        remote
            .client
            .authorize(&repo, true)
            .await
            .map_err(|e| registry::explain(e, dest))?;
        p.report(PullEvent::Message("Getting image source signatures"));
        // Repositories of this registry the image was pulled from: their
        // blobs can be mounted into the destination instead of sent.
        let sources: Vec<String> = img
            .repo_digests
            .iter()
            .filter_map(|r| r.split_once('@').map(|(name, _)| name.to_string()))
            .collect();
        let target = Target {
            paths,
            remote: &remote,
            store: &store,
            format,
            opts,
            work: &work.path,
            sources: &sources,
        };
        let mut layers = Vec::new();
        for diff_id in &img.layers {
            let meta = store.layer_meta(diff_id)?;
            let sent = send_layer(&target, diff_id, meta).await?;
            layers.push(sent);
        }
        let msg = format!(
            "Copying config {}",
            super::progress::short_digest(&config_digest)
        );
        p.report(PullEvent::Message(&msg));
        if !exists(&remote, &config_digest).await? {
            let data = bytes::Bytes::from(config.clone());
            retry(dest, || {
                remote
                    .client
                    .upload_bytes(&repo, data.clone(), &config_digest)
            })
            .await?;
        }
        p.report(PullEvent::Message("Writing manifest to image destination"));
        let (media_type, body) =
            manifest_json(format, &config_digest, config.len() as u64, &layers)?;
        let digest = sha256_of(&body);
        let reference = if by_digest {
            digest.clone()
        } else {
            remote.wanted()
        };
        let body_bytes = bytes::Bytes::from(body.clone());
        retry(dest, || {
            remote
                .client
                .put_manifest(&repo, &reference, media_type, body_bytes.clone())
        })
        .await?;
        Ok(Pushed {
            digest,
            media_type: media_type.to_string(),
            size: body.len() as u64,
        })
    })
}

/// What every layer of one push shares.
struct Target<'a> {
    paths: &'a Paths,
    remote: &'a Remote,
    store: &'a Store,
    format: Format,
    opts: &'a PushOptions,
    work: &'a Path,
    /// `registry/repository` names the image was pulled from.
    sources: &'a [String],
}

/// Send one layer, or find that the registry has it.
async fn send_layer(t: &Target<'_>, diff_id: &str, meta: Option<LayerMeta>) -> Result<Sent> {
    let Target {
        paths,
        remote,
        store,
        format,
        opts,
        work,
        sources,
    } = *t;
    let p = opts.progress.as_ref();
    let cache = BlobCache::new(paths);
    let dest = remote.qualified.name();
    // Blobs of this layer den knows of: those the blob cache names, and
    // the one it was pulled as (in the repositories the image came from).
    let mut known = cache.candidates(diff_id);
    if let Some(m) = meta.as_ref() {
        if let (Some(d), Some(mt), Some(size)) = (
            &m.compressed_digest,
            &m.compressed_media_type,
            m.compressed_size,
        ) {
            if !known.iter().any(|k| &k.digest == d) {
                known.push(Known {
                    diff_id: diff_id.to_string(),
                    digest: d.clone(),
                    media_type: mt.clone(),
                    size,
                    repos: sources.to_vec(),
                });
            }
        }
    }
    // One the registry has, or can mount from a repository of its own,
    // in a compression asked for and a media type the format can name.
    for k in &known {
        // The cache is den's own file, but what it holds came from registries.
        if super::reference::validate_digest(&k.digest).is_err() {
            continue;
        }
        let c = manifest::layer_compression(&k.media_type).ok();
        let wanted = opts.compression.is_none_or(|w| Some(w) == c);
        let Some(media_type) = c.and_then(|c| layer_type(format, c)).filter(|_| wanted) else {
            continue;
        };
        let prefix = format!("{}/", remote.qualified.registry);
        let repos: Vec<String> = k
            .repos
            .iter()
            .filter_map(|r| r.strip_prefix(&prefix))
            .filter(|r| *r != remote.qualified.repository)
            .map(String::from)
            .collect();
        if exists(remote, &k.digest).await? || mounted(remote, &repos, &k.digest).await {
            p.report(PullEvent::BlobStart {
                digest: &k.digest,
                size: k.size,
            });
            p.report(PullEvent::BlobDone {
                digest: &k.digest,
                skipped: true,
            });
            let _ = cache.record(k, &dest);
            return Ok(Sent {
                media_type,
                digest: k.digest.clone(),
                size: k.size,
            });
        }
    }
    let compression = opts.compression.unwrap_or(Compression::Gzip);
    let media_type =
        layer_type(format, compression).context("no media type for this compression")?;
    let (store2, diff2, work2) = (store.clone(), diff_id.to_string(), work.to_path_buf());
    let blob = tokio::task::spawn_blocking(move || {
        blobs::layer_blob(&store2, &diff2, compression, &work2)
    })
    .await
    .context("compressing a layer")??;
    p.report(PullEvent::BlobStart {
        digest: &blob.digest,
        size: blob.size,
    });
    if exists(remote, &blob.digest).await? {
        p.report(PullEvent::BlobDone {
            digest: &blob.digest,
            skipped: true,
        });
    } else {
        upload(remote, &blob, opts).await?;
        p.report(PullEvent::BlobDone {
            digest: &blob.digest,
            skipped: false,
        });
    }
    let _ = std::fs::remove_file(&blob.path);
    let _ = cache.record(
        &Known {
            diff_id: diff_id.to_string(),
            digest: blob.digest.clone(),
            media_type: media_type.clone(),
            size: blob.size,
            repos: Vec::new(),
        },
        &dest,
    );
    Ok(Sent {
        media_type,
        digest: blob.digest,
        size: blob.size,
    })
}

/// Upload a blob from its file, retrying transient failures; in chunks
/// when asked, or when the registry refuses it in one request.
pub(super) async fn upload(remote: &Remote, blob: &Blob, opts: &PushOptions) -> Result<()> {
    let q = &remote.qualified;
    let repo = remote.repository();
    let mut chunked = opts.upload == Upload::Chunked;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let progress = opts.progress.clone();
        let digest = blob.digest.clone();
        let sent: Arc<dyn Fn(u64) + Send + Sync> = Arc::new(move |n| {
            progress.report(PullEvent::BlobBytes {
                digest: &digest,
                bytes: n,
            })
        });
        let r = remote
            .client
            .upload(&repo, &blob.path, blob.size, &blob.digest, chunked, sent)
            .await;
        match r {
            Ok(()) => return Ok(()),
            Err(e) if !chunked && refuses_whole(&e) => chunked = true,
            Err(e) if attempt < ATTEMPTS && transient(&e) => {
                tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
            }
            Err(e) => {
                return Err(registry::explain(e, q)).with_context(|| {
                    format!(
                        "uploading layer {}",
                        super::progress::short_digest(&blob.digest)
                    )
                })
            }
        }
    }
}

/// Whether the registry mounted the blob `digest` from one of `sources`
/// (repositories of the same registry) into the destination.
pub(super) async fn mounted(remote: &Remote, sources: &[String], digest: &str) -> bool {
    let repo = remote.repository();
    for from in sources {
        if let Ok(true) = remote.client.mount_blob(&repo, from, digest).await {
            return true;
        }
    }
    false
}

/// Whether the registry has the blob `digest` in the repository.
pub(super) async fn exists(remote: &Remote, digest: &str) -> Result<bool> {
    let repo = remote.repository();
    retry(&remote.qualified, || {
        remote.client.blob_exists(&repo, digest)
    })
    .await
}

/// Run `f` until it succeeds, fails for good, or fails `ATTEMPTS` times.
pub async fn retry<T, F, Fut>(q: &Qualified, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = oci_client::errors::Result<T>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match f().await {
            Ok(v) => return Ok(v),
            Err(e) if attempt < ATTEMPTS && transient(&e) => {
                tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
            }
            Err(e) => return Err(registry::explain(e, q)),
        }
    }
}

/// Failures worth another try: the connection, the server's own trouble,
/// rate limits.
fn transient(e: &OciDistributionError) -> bool {
    use OciDistributionError as E;
    match e {
        E::RequestError(_) | E::IoError(_) => true,
        E::ServerError { code, .. } => *code >= 500 || *code == 429 || *code == 408,
        _ => false,
    }
}

/// The registry will not take a blob in one request.
fn refuses_whole(e: &OciDistributionError) -> bool {
    use OciDistributionError as E;
    match e {
        E::SpecViolationError(_) => true,
        E::ServerError { code, .. } => matches!(code, 400 | 405 | 411 | 413 | 416),
        _ => false,
    }
}

/// A layer media type in `format` for compression `c`.
fn layer_type(format: Format, c: Compression) -> Option<String> {
    let t = match (format, c) {
        (Format::Oci, Compression::None) => blobs::OCI_LAYER,
        (Format::Oci, Compression::Gzip) => blobs::OCI_LAYER_GZIP,
        (Format::Oci, Compression::Zstd) => blobs::OCI_LAYER_ZSTD,
        (Format::V2s2, Compression::Gzip) => blobs::DOCKER_LAYER_GZIP,
        (Format::V2s2, Compression::None) => blobs::DOCKER_LAYER,
        (Format::V2s2, Compression::Zstd) => return None,
    };
    Some(t.to_string())
}

/// The manifest: its media type and bytes.
fn manifest_json(
    format: Format,
    config_digest: &str,
    config_size: u64,
    layers: &[Sent],
) -> Result<(&'static str, Vec<u8>)> {
    let (media_type, config_type) = match format {
        Format::Oci => (manifest::OCI_MANIFEST, blobs::OCI_CONFIG),
        Format::V2s2 => (manifest::DOCKER_MANIFEST, blobs::DOCKER_CONFIG),
    };
    let layers: Vec<_> = layers
        .iter()
        .map(|l| json!({"mediaType": l.media_type, "digest": l.digest, "size": l.size}))
        .collect();
    let m = json!({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": {"mediaType": config_type, "digest": config_digest, "size": config_size},
        "layers": layers,
    });
    Ok((media_type, serde_json::to_vec_pretty(&m)?))
}
