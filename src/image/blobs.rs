//! Layers out of the store as blobs: the layer's tar stream exactly as it
//! was stored (see `storage::tarsplit`), compressed as asked, written to a
//! file with its digest and size (push, save).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use std::os::unix::fs::OpenOptionsExt;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

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

/// The error for a layer stored without a record of its stream.
pub fn no_record(diff_id: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "layer {} was stored by an older den, which kept no record of its tar stream: \
         remove the image and pull it again",
        super::progress::short_digest(diff_id)
    )
}

/// A layer's tar stream as it was stored, read back; [`Checked::verify`]
/// says whether it still matches its diff id.
pub struct Checked {
    reader: tarsplit::Reader,
    hasher: Sha256,
    diff_id: String,
}

impl Checked {
    /// Call inside den's user namespace (the layer's files belong to its ids).
    pub fn open(store: &Store, diff_id: &str) -> Result<Checked> {
        let dir = store.layer_dir(diff_id)?;
        let record = dir.join(tarsplit::FILE_NAME);
        if !record.exists() {
            return Err(no_record(diff_id));
        }
        Ok(Checked {
            reader: tarsplit::Reader::open(&dir.join("diff"), &record)?,
            hasher: Sha256::new(),
            diff_id: diff_id.to_string(),
        })
    }

    /// After the whole stream was read: whether it was the layer stored.
    pub fn verify(self) -> Result<()> {
        let got = format!("sha256:{}", hex::encode(self.hasher.finalize()));
        if got != self.diff_id {
            bail!(
                "layer {} no longer matches its diff id (the image store is damaged): \
                 remove the image and pull it again",
                super::progress::short_digest(&self.diff_id)
            );
        }
        Ok(())
    }
}

impl Read for Checked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.reader.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Write the layer `diff_id`'s tar stream to `out` as it was stored,
/// checking it against its diff id.
pub fn write_layer(store: &Store, diff_id: &str, out: &mut dyn Write) -> Result<()> {
    let mut layer = Checked::open(store, diff_id)?;
    std::io::copy(&mut layer, out).with_context(|| {
        format!(
            "writing out layer {}",
            super::progress::short_digest(diff_id)
        )
    })?;
    layer.verify()
}

/// The layer `diff_id` as a blob compressed with `c`, in a new file in `dir`.
pub fn layer_blob(store: &Store, diff_id: &str, c: Compression, dir: &Path) -> Result<Blob> {
    let path = dir.join(format!("layer-{}", super::reference::digest_hex(diff_id)?));
    let file = File::options()
        .write(true)
        .create_new(true)
        .mode(0o600)
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
