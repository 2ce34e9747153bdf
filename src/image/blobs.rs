//! Layers out of the store as blobs: the layer's tar stream exactly as it
//! was stored (see `storage::tarsplit`), compressed as asked, written to a
//! file with its digest and size (push, save).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::manifest::Compression;
use super::store::Store;
use crate::storage::tarsplit;
use crate::util::digest::HashingWriter;

pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// A blob written to a file.
#[derive(Debug, Clone)]
pub struct Blob {
    pub path: PathBuf,
    pub digest: String,
    pub size: u64,
}

/// Write the layer `diff_id`'s tar stream to `out` as it was stored,
/// checking it against its diff id; returns its size. Call inside den's
/// user namespace (the layer's files belong to its ids).
pub fn write_layer(store: &Store, diff_id: &str, out: &mut dyn Write) -> Result<u64> {
    let dir = store.layer_dir(diff_id)?;
    let record = dir.join(tarsplit::FILE_NAME);
    let short = super::progress::short_digest(diff_id);
    if !record.exists() {
        bail!(
            "layer {short} was stored by an older den, which kept no record of its tar stream: \
             remove the image and pull it again"
        );
    }
    let mut h = HashingWriter::new(out);
    tarsplit::write(&dir.join("diff"), &record, &mut h)
        .with_context(|| format!("writing out layer {short}"))?;
    if h.digest() != diff_id {
        bail!(
            "layer {short} no longer matches its diff id (the image store is damaged): \
             remove the image and pull it again"
        );
    }
    Ok(h.size)
}

/// The layer `diff_id` as a blob compressed with `c`, in a new file in `dir`.
pub fn layer_blob(store: &Store, diff_id: &str, c: Compression, dir: &Path) -> Result<Blob> {
    let path = dir.join(format!("layer-{}", super::reference::digest_hex(diff_id)?));
    let file = File::options()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    let mut hashed = HashingWriter::new(BufWriter::with_capacity(1 << 20, file));
    match c {
        Compression::None => {
            write_layer(store, diff_id, &mut hashed)?;
        }
        Compression::Gzip => {
            // Level 1, as a push is mostly waiting for this: the layers
            // worth compressing compress nearly as well.
            let mut enc = flate2::write::GzEncoder::new(&mut hashed, flate2::Compression::fast());
            write_layer(store, diff_id, &mut enc)?;
            enc.finish()?;
        }
        Compression::Zstd => {
            let mut enc = zstd::Encoder::new(&mut hashed, 3)?;
            write_layer(store, diff_id, &mut enc)?;
            enc.finish()?;
        }
    }
    hashed.flush()?;
    Ok(Blob {
        path,
        digest: hashed.digest(),
        size: hashed.size,
    })
}
