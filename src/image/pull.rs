//! `den pull`: resolve a reference, fetch the manifest, download layers in
//! parallel while verifying digest and size as they stream, extract them
//! inside the user namespace, and record the image.
//!
//! Nothing is trusted until it is complete: a layer becomes visible by an
//! atomic rename after its compressed digest, size and diff id all match,
//! and the image record is written last.

use std::collections::BTreeSet;
use std::io::{self, Read};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use futures_util::StreamExt;

use super::arrival::Arrival;
use super::blobcache::{BlobCache, Known};
use super::manifest::{self, Compression, Descriptor, Document, ImageConfig, MAX_DOCUMENT};
use super::progress::{short_digest, Progress, PullEvent};
use super::reference::{digest_hex, validate_digest, Qualified, Reference};
use super::registry::{self, Access, Remote};
use super::store::{ImageRecord, LayerMeta, Store};
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::config::settings::{Settings, RATIO_FREE_SIZE};
use crate::storage::extract::{extract_layer, Owners};
use crate::storage::meter::{Limits, Meter};

/// How many layers download at once.
const PARALLEL_LAYERS: usize = 4;

/// Options for a pull.
#[derive(Clone)]
pub struct PullOptions {
    pub access: Access,
    pub progress: Arc<dyn Progress>,
    /// Another platform than the host's (`--platform`, `--arch`, ...).
    pub platform: Option<manifest::Wanted>,
    /// Asked now and then: true ends the pull part-way (a build's stop
    /// signal), with nothing recorded.
    pub stop: Option<fn() -> bool>,
}

/// Pull `input` and return the image id. The caller has entered the user
/// namespace (`owners` says how file owners are written).
pub fn pull(paths: &Paths, input: &str, opts: &PullOptions, owners: Owners) -> Result<String> {
    let regs = Registries::load(paths)?;
    let expanded = regs.expand(input);
    let reference = Reference::parse(&expanded)?;
    let candidates: Vec<Qualified> = match &reference.registry {
        Some(reg) => vec![reference.qualify(reg)],
        None => regs
            .search_registries()
            .iter()
            .map(|r| reference.qualify(r))
            .collect(),
    };
    let store = Store::new(paths);
    store.ensure()?;
    store.clean_tmp();
    // A full filesystem ends the pull with one line naming where; what was
    // half-written is removed (work directories) or never trusted (the
    // image record is written last).
    let full = |e: anyhow::Error| {
        if out_of_space(&e) {
            anyhow::anyhow!(
                "no space left on the filesystem of {} while pulling {input}: the image was not recorded and no partial layer was kept (free some space, or use --root on a larger filesystem, and pull again)",
                store.root.display()
            )
        } else {
            e
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the network runtime")?;
    let pulled = async {
        let mut errors = Vec::new();
        for q in &candidates {
            opts.progress
                .report(PullEvent::Message(&format!("Trying to pull {q}...")));
            // Its mirrors first, then its (maybe rewritten) location.
            let sources = regs.sources(&q.registry, &q.repository, q.digest.is_some());
            if sources.is_empty() {
                errors.push(format!(
                    "{q}: registries.conf rewrites it to no valid location (check its [[registry]] entry)"
                ));
                continue;
            }
            let last = sources.len() - 1;
            for (i, src) in sources.into_iter().enumerate() {
                let from = Qualified {
                    registry: src.registry,
                    repository: src.repository,
                    ..q.clone()
                };
                let mut access = opts.access.clone();
                if src.insecure && access.tls_verify.is_none() {
                    access.tls_verify = Some(false);
                }
                // --creds are for the registry named, not its mirrors.
                if from.registry != q.registry {
                    access.creds = None;
                }
                match pull_qualified(paths, &regs, &store, q, &from, &access, opts, owners).await {
                    Ok(id) => return Ok(id),
                    Err(e) if out_of_space(&e) => return Err(full(e)),
                    Err(e) if i < last || candidates.len() > 1 => errors.push(format!("{e:#}")),
                    Err(e) => return Err(e),
                }
            }
        }
        bail!(
            "{input:?} could not be pulled from any of its registries or mirrors: {}",
            errors.join("; ")
        )
    };
    let Some(stop) = opts.stop else {
        return runtime.block_on(pulled);
    };
    // Dropped part-way, the pull leaves its work directories to go as
    // they would after a crash (`clean_tmp`); the image is recorded last.
    runtime.block_on(async {
        tokio::select! {
            r = pulled => r,
            _ = async {
                while !stop() {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            } => bail!("the pull of {input} was stopped"),
        }
    })
}

/// Pull `q` (the name the image gets) from `from` (where it is fetched:
/// the same, a mirror, or a rewritten location).
#[allow(clippy::too_many_arguments)]
async fn pull_qualified(
    paths: &Paths,
    regs: &Registries,
    store: &Store,
    q: &Qualified,
    from: &Qualified,
    access: &Access,
    opts: &PullOptions,
    owners: Owners,
) -> Result<String> {
    let settings = Settings::load(paths)?;
    let remote = Remote::connect(paths, regs, from, access)?;
    remote.login_for_pull().await?;
    let (doc, top_digest, top_bytes) = remote.fetch_document(&remote.wanted()).await?;
    let (man, media_type, manifest_digest, manifest_bytes, index_digest) = match doc {
        Document::Manifest(m, mt) => (m, mt, top_digest, top_bytes, None),
        Document::Index(index) => {
            let chosen = manifest::choose_platform(&index, opts.platform.as_ref())
                .map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
            validate_digest(&chosen.digest).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
            let (doc, d, b) = remote.fetch_document(&chosen.digest).await?;
            match doc {
                Document::Manifest(m, mt) => (m, mt, d, b, Some(top_digest)),
                Document::Index(_) => bail!("{q}: the index points to another index"),
            }
        }
    };
    opts.progress
        .report(PullEvent::Message("Getting image source signatures"));
    validate_digest(&man.config.digest).map_err(|e| anyhow::anyhow!("{q}: config {e}"))?;
    let config_bytes = fetch_small_blob(&remote, &man.config).await?;
    let config = ImageConfig::parse(&config_bytes).map_err(|e| anyhow::anyhow!("{q}: {e:#}"))?;
    if config.rootfs.diff_ids.len() != man.layers.len() {
        bail!(
            "{q}: the manifest lists {} layers but the config {}: the image is corrupt",
            man.layers.len(),
            config.rootfs.diff_ids.len()
        );
    }
    // Download what is missing, each layer once.
    let mut seen = BTreeSet::new();
    let jobs: Vec<(Descriptor, String)> = man
        .layers
        .iter()
        .cloned()
        .zip(config.rootfs.diff_ids.iter().cloned())
        .filter(|(_, diff)| seen.insert(diff.clone()))
        .collect();
    for (desc, _) in &jobs {
        validate_digest(&desc.digest).map_err(|e| anyhow::anyhow!("{q}: layer {e}"))?;
    }
    // Layers den has already, as blobs of another digest than this
    // registry names: nothing here vouches for that digest, so the blob
    // cache does not learn it (a registry cannot make a later push name
    // a blob that is not this layer).
    let vouched: BTreeSet<String> = jobs
        .iter()
        .filter(|(desc, diff_id)| {
            !store.has_layer(diff_id)
                || store
                    .layer_meta(diff_id)
                    .ok()
                    .flatten()
                    .and_then(|m| m.compressed_digest)
                    .is_some_and(|d| d == desc.digest)
        })
        .map(|(desc, _)| desc.digest.clone())
        .collect();
    // Every layer task runs to its end, even when another fails: a task
    // dropped mid-way would drop its work directory while its extractor
    // thread still writes into it.
    let pulled: Vec<Known> = jobs
        .iter()
        .map(|(desc, diff_id)| Known {
            diff_id: diff_id.clone(),
            digest: desc.digest.clone(),
            media_type: desc.media_type.clone(),
            size: desc.size,
            repos: Vec::new(),
        })
        .collect();
    let results: Vec<Result<()>> =
        futures_util::stream::iter(
            jobs.into_iter().map(|(desc, diff_id)| {
                let remote = &remote;
                let store = store.clone();
                let progress = opts.progress.clone();
                let settings = &settings;
                async move {
                    fetch_layer(remote, &store, desc, diff_id, owners, &*progress, settings).await
                }
            }),
        )
        .buffer_unordered(PARALLEL_LAYERS)
        .collect()
        .await;
    results.into_iter().collect::<Result<Vec<()>>>()?;
    // Where these blobs live, for a later push (a cache: failures only slow that).
    let cache = BlobCache::new(paths);
    for k in pulled.iter().filter(|k| vouched.contains(&k.digest)) {
        let _ = cache.record(k, &remote.qualified.name());
    }
    let short = short_digest(&man.config.digest);
    opts.progress
        .report(PullEvent::Message(&format!("Copying config {short} done")));
    opts.progress
        .report(PullEvent::Message("Writing manifest to image destination"));

    // Record the image: blobs first, the record last.
    let id = digest_hex(&man.config.digest)?.to_string();
    let _lock = store.lock()?;
    store.write_blob(&man.config.digest, &config_bytes)?;
    store.write_blob(&manifest_digest, &manifest_bytes)?;
    let mut size = 0;
    for d in &config.rootfs.diff_ids {
        size += store.layer_meta(d)?.map(|m| m.size).unwrap_or(0);
    }
    let name = q.store_name();
    let mut repo_digests = vec![format!("{}@{manifest_digest}", q.name())];
    if let Some(i) = &index_digest {
        repo_digests.push(format!("{}@{i}", q.name()));
    }
    store.add_image(ImageRecord {
        id: id.clone(),
        // By digest too (`repo@sha256:...`), as podman names it: nameless,
        // it was listed as <none>, counted dangling and pruned.
        names: vec![name],
        digest: manifest_digest,
        manifest_type: media_type,
        layers: config.rootfs.diff_ids.clone(),
        size,
        created: config.created.clone(),
        pulled: chrono::Utc::now(),
        repo_digests,
        intermediate: false,
    })?;
    crate::events::image(&store.root, "pull", &id, &q.to_string());
    Ok(id)
}

/// Fetch a config-sized blob into memory, refusing more than 4 MiB and
/// checking digest and size.
pub(crate) async fn fetch_small_blob(remote: &Remote, desc: &Descriptor) -> Result<Vec<u8>> {
    let q = &remote.qualified;
    if desc.size as usize > MAX_DOCUMENT {
        bail!("{q}: the image config is larger than 4 MiB");
    }
    let mut stream = remote
        .client
        .blob_stream(&remote.repository(), &desc.digest)
        .await
        .map_err(|e| registry::explain(e, q))?;
    let mut data = Vec::new();
    let mut arrival = Arrival::new(q, desc, "the image config");
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.with_context(|| format!("{q}: reading the image config"))?;
        arrival.take(&chunk)?;
        data.extend_from_slice(&chunk);
    }
    arrival.finish()?;
    Ok(data)
}

/// Download one layer and extract it as it streams.
async fn fetch_layer(
    remote: &Remote,
    store: &Store,
    desc: Descriptor,
    diff_id: String,
    owners: Owners,
    progress: &dyn Progress,
    settings: &Settings,
) -> Result<()> {
    let q = &remote.qualified;
    let digest = desc.digest.as_str();
    progress.report(PullEvent::BlobStart {
        digest,
        size: desc.size,
    });
    if store.has_layer(&diff_id) {
        progress.report(PullEvent::BlobDone {
            digest,
            skipped: true,
        });
        return Ok(());
    }
    validate_digest(&desc.digest).map_err(|e| anyhow::anyhow!("{q}: layer {e}"))?;
    let compression =
        manifest::layer_compression(&desc.media_type).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
    let work = store.work_dir("layer")?;
    let diff_dir = work.path.join("diff");
    crate::util::fs::private_dir(&diff_dir)?;

    let limits = layer_limits(settings);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, String>>(32);
    let expected = diff_id.clone();
    let record = work.path.join(crate::storage::tarsplit::FILE_NAME);
    let extractor = tokio::task::spawn_blocking(move || {
        // The ratio is measured against the compressed bytes that arrive,
        // not the size the registry claims.
        let meter = Meter::new(limits);
        let reader = ChannelReader {
            rx,
            buf: Bytes::new(),
            meter: meter.clone(),
        };
        let input: Box<dyn Read> = match compression {
            Compression::None => Box::new(reader),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(reader)),
            Compression::Zstd => Box::new(zstd::Decoder::new(reader)?),
        };
        extract_layer(input, &diff_dir, owners, &expected, meter, &record)
            .map_err(anyhow::Error::from)
    });

    let download = async {
        let mut stream = remote
            .client
            .blob_stream(&remote.repository(), &desc.digest)
            .await
            .map_err(|e| registry::explain(e, q))?;
        let mut arrival = Arrival::new(q, &desc, "layer");
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.with_context(|| format!("{q}: downloading layer {}", desc.digest))?;
            arrival.take(&chunk)?;
            progress.report(PullEvent::BlobBytes {
                digest,
                bytes: chunk.len() as u64,
            });
            if tx.send(Ok(chunk)).await.is_err() {
                // The extractor stopped (a full disk, a bomb, a bad tar): its
                // error is the one to report, not a short download.
                return Ok(false);
            }
        }
        arrival.finish()?;
        Ok(true)
    };
    // Whether the whole layer arrived and matched.
    let downloaded: Result<bool> = download.await;
    if let Err(e) = &downloaded {
        let _ = tx.send(Err(format!("{e:#}"))).await;
    }
    drop(tx);
    let extracted = extractor.await.context("the extraction task failed")?;
    let whole = downloaded?;
    let extracted = extracted.with_context(|| format!("{q}: layer {}", desc.digest))?;
    if !whole {
        bail!("{q}: layer {}: the extraction stopped early", desc.digest);
    }
    store.commit_layer(
        &work.path,
        &LayerMeta {
            diff_id,
            size: extracted.size,
            compressed_digest: Some(desc.digest.clone()),
            compressed_media_type: Some(desc.media_type.clone()),
            compressed_size: Some(desc.size),
        },
    )?;
    progress.report(PullEvent::BlobDone {
        digest,
        skipped: false,
    });
    Ok(())
}

/// How far a layer may expand: the configured size, and the configured
/// ratio over its compressed bytes once past [`RATIO_FREE_SIZE`] (0 turns
/// either off).
pub(crate) fn layer_limits(s: &Settings) -> Limits {
    Limits {
        size: if s.layer_max_size == 0 {
            u64::MAX
        } else {
            s.layer_max_size
        },
        ratio: s.layer_max_ratio,
        ratio_free: RATIO_FREE_SIZE,
    }
}

/// Whether `e` comes from a full filesystem (or a full quota).
fn out_of_space(e: &anyhow::Error) -> bool {
    let full =
        |io: &io::Error| matches!(io.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT));
    e.chain().any(|c| {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            return full(io);
        }
        match c.downcast_ref::<crate::storage::extract::ExtractError>() {
            Some(crate::storage::extract::ExtractError::Read(io))
            | Some(crate::storage::extract::ExtractError::Entry { err: io, .. }) => full(io),
            _ => false,
        }
    })
}

/// A blocking reader over the chunks the download task sends; counts them
/// on the layer's meter.
struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<Result<Bytes, String>>,
    buf: Bytes,
    meter: std::rc::Rc<Meter>,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.buf.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => {
                    self.meter.received(b.len() as u64);
                    self.buf = b;
                }
                Some(Err(msg)) => return Err(io::Error::other(msg)),
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len());
        out[..n].copy_from_slice(&self.buf[..n]);
        self.buf = self.buf.slice(n..);
        Ok(n)
    }
}
