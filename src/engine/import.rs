//! `import`: an image of one layer from a tarball (a file, a URL or
//! stdin; plain, gzip or zstd), with `--change`s and a message.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};

use std::os::unix::fs::OpenOptionsExt;

use anyhow::{bail, Context, Result};
use serde_json::json;

use super::commit::{apply_change, image_name};
use crate::config::paths::Paths;
use crate::config::settings::Settings;
use crate::image::manifest;
use crate::image::record::record;
use crate::image::store::{LayerMeta, Store};
use crate::runtime::userns;
use crate::storage::byprogram::Decoded;
use crate::storage::extract::extract_layer;
use crate::storage::meter::{Limits, Meter};
use crate::storage::tarsplit;
use crate::util::digest::HashingWriter;

/// What to import.
pub struct ImportOptions {
    pub changes: Vec<String>,
    pub message: Option<String>,
    /// The image's name (none: the image has only its id).
    pub name: Option<String>,
    /// `--arch`, `--os`, `--variant`: the platform the image says it is
    /// for (none: this host's).
    pub arch: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
}

/// Where the tarball comes from.
pub enum ImportSource<'a> {
    Stream(&'a mut dyn Read),
    /// A tarball on disk: an xz or bzip2 one is given to the program as
    /// it is, not copied first.
    File(File),
    /// An http(s) URL.
    Url(&'a str),
}

/// Import a tarball as an image; returns its id.
pub fn import(paths: &Paths, source: ImportSource<'_>, opts: &ImportOptions) -> Result<String> {
    let target = opts.name.as_deref().map(image_name).transpose()?;
    let mut config = json!({"config": {}});
    for ch in &opts.changes {
        apply_change(&mut config, ch)?;
    }
    let settings = Settings::load(paths)?;
    let store = Store::new(paths);
    store.ensure()?;
    let work = store.work_dir("import")?;
    // The tarball, uncompressed, to a file: its digest is the layer's diff id.
    let tar_path = work.path.join("layer.tar");
    let file = File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tar_path)
        .with_context(|| format!("creating {}", tar_path.display()))?;
    let mut hashed = HashingWriter::new(BufWriter::with_capacity(1 << 20, file));
    let limit = if settings.layer_max_size == 0 {
        u64::MAX
    } else {
        settings.layer_max_size
    };
    match source {
        ImportSource::Stream(r) => {
            // xz and bzip2 are the system's programs, which read a file:
            // the stream is kept in one first.
            let mut input =
                Decoded::new(r, &work.path, settings.layer_max_size).context("the tarball")?;
            copy_limited(Box::new(&mut input), &mut hashed, limit)?;
            input.finish().context("the tarball")?;
        }
        ImportSource::File(f) => unpack_file(f, &mut hashed, limit)?,
        ImportSource::Url(u) => {
            let raw = work.path.join("download");
            download(u, &raw, limit)?;
            unpack_file(File::open(&raw)?, &mut hashed, limit)?;
        }
    }
    hashed.flush()?;
    let diff_id = hashed.digest();
    let mut file = hashed.inner.into_inner().map_err(|e| e.into_error())?;
    if !store.has_layer(&diff_id) {
        // An empty tarball (den's pause image) has no owners to keep: the
        // process stays out of den's user namespace, so it may still make
        // and start containers that join others' namespaces (a pod's).
        let empty = file.metadata()?.len() <= 10240 && {
            file.rewind()?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            bytes.iter().all(|b| *b == 0)
        };
        let owners = if empty {
            crate::storage::extract::Owners::Single
        } else {
            userns::enter()?
        };
        file.rewind()?;
        let dest = work.path.join("layer");
        crate::util::fs::private_dir(&dest.join("diff"))?;
        let extracted = extract_layer(
            BufReader::with_capacity(1 << 20, file),
            &dest.join("diff"),
            owners,
            &diff_id,
            Meter::new(Limits::plain(settings.layer_max_size)),
            &dest.join(tarsplit::FILE_NAME),
        )
        .context("the tarball")?;
        store.commit_layer(&dest, &LayerMeta::local(&diff_id, extracted.size))?;
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    config["created"] = json!(now);
    config["architecture"] = json!(opts.arch.as_deref().unwrap_or(manifest::host_arch()));
    config["os"] = json!(opts.os.as_deref().unwrap_or("linux"));
    if let Some(v) = &opts.variant {
        config["variant"] = json!(v);
    }
    config["rootfs"] = json!({"type": "layers", "diff_ids": [diff_id]});
    let mut history = json!({"created": now, "created_by": "/bin/sh -c #(nop) ADD file in /"});
    if let Some(m) = &opts.message {
        history["comment"] = json!(m);
    }
    config["history"] = json!([history]);
    let _lock = store.lock()?;
    record(
        &store,
        serde_json::to_vec(&config)?,
        None,
        &target.into_iter().collect::<Vec<_>>(),
        "import",
    )
}

/// The tar stream of tarball `f` (plain, gzip, zstd, xz or bzip2) into
/// `out`, at most `limit` bytes.
fn unpack_file(f: File, out: &mut dyn Write, limit: u64) -> Result<()> {
    let mut input = Decoded::file(f).context("reading the tarball")?;
    copy_limited(Box::new(&mut input), out, limit)?;
    input.finish().context("the tarball")
}

/// Copy at most `limit` bytes; more is refused (den.conf's layer_max_size).
fn copy_limited(input: Box<dyn Read + '_>, out: &mut dyn Write, limit: u64) -> Result<()> {
    let copied = std::io::copy(&mut input.take(limit.saturating_add(1)), out)
        .context("reading the tarball")?;
    if copied > limit {
        bail!("the tarball expands past {limit} bytes, den.conf's [pull] layer_max_size");
    }
    Ok(())
}

/// Download `url` to `to`, at most `limit` bytes.
fn download(url: &str, to: &std::path::Path, limit: u64) -> Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let mut out = BufWriter::new(File::create(to)?);
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .user_agent(concat!("den/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(30))
            .read_timeout(std::time::Duration::from_secs(120))
            .redirect(reqwest::redirect::Policy::custom(|a| {
                // Never from https down to http.
                let down = a.previous().last().is_some_and(|p| p.scheme() == "https")
                    && a.url().scheme() != "https";
                if down || a.previous().len() > 10 {
                    a.stop()
                } else {
                    a.follow()
                }
            }))
            .build()?;
        let mut res = client
            .get(url)
            .send()
            .await
            .with_context(|| format!("fetching {url}"))?;
        if !res.status().is_success() {
            bail!(
                "fetching {url}: the server answered HTTP {}",
                res.status().as_u16()
            );
        }
        let mut total = 0u64;
        while let Some(chunk) = res
            .chunk()
            .await
            .with_context(|| format!("fetching {url}"))?
        {
            total += chunk.len() as u64;
            if total > limit {
                bail!("{url} is larger than den.conf's [pull] layer_max_size");
            }
            out.write_all(&chunk)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
