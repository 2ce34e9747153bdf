//! `load`: images from a docker-archive (Docker's and podman's `save`,
//! old and new), an oci-archive or an OCI layout directory, plain or
//! gzip/zstd compressed. The archive is spooled into a private work
//! directory first (its entries may come in any order); only regular
//! files and symlinks between them are taken, by cleaned names. Every
//! blob is checked against its digest, every layer against its diff id,
//! and layers are extracted as a pull extracts them.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::os::unix::fs::OpenOptionsExt;

use anyhow::{bail, Context, Result};

use super::manifest::{self, Compression, Document, ImageConfig, MAX_DOCUMENT};
use super::record::record;
use super::reference::Reference;
use super::store::{LayerMeta, Store};
use crate::storage::extract::{extract_layer, Owners};
use crate::storage::meter::{Limits, Meter};
use crate::storage::path::clean_components;
use crate::storage::tarsplit;
use crate::util::digest::sha256_of;

/// An archive's files by cleaned name.
struct Spool {
    files: BTreeMap<String, PathBuf>,
}

impl Spool {
    fn path(&self, name: &str) -> Result<&Path> {
        let key = clean(name.as_bytes());
        self.files
            .get(&key)
            .map(PathBuf::as_path)
            .with_context(|| format!("the archive has no {name}"))
    }

    /// A small document (manifest, config, index): at most 4 MiB.
    fn document(&self, name: &str) -> Result<Vec<u8>> {
        let p = self.path(name)?;
        let mut buf = Vec::new();
        File::open(p)?
            .take(MAX_DOCUMENT as u64 + 1)
            .read_to_end(&mut buf)?;
        if buf.len() > MAX_DOCUMENT {
            bail!("{name} in the archive is larger than 4 MiB");
        }
        Ok(buf)
    }

    /// A blob of an OCI layout, checked against its digest.
    fn blob(&self, digest: &str) -> Result<Vec<u8>> {
        let hex = super::reference::digest_hex(digest)?;
        let bytes = self.document(&format!("blobs/sha256/{hex}"))?;
        if sha256_of(&bytes) != digest {
            bail!("blob {digest} in the archive does not match its digest");
        }
        Ok(bytes)
    }
}

fn clean(raw: &[u8]) -> String {
    clean_components(raw)
        .iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Counts the bytes read through it (unless the count is known).
struct Counted<'a> {
    inner: &'a mut dyn Read,
    count: std::rc::Rc<std::cell::Cell<u64>>,
    known: bool,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.known {
            self.count.set(self.count.get() + n as u64);
        }
        Ok(n)
    }
}

/// A stream to load: an archive compressed with xz or bzip2 is kept in a
/// file and read through the system's program (its compressed size, the
/// file's, is what the expansion limit counts); others are read as they
/// come.
fn spool_stream(input: &mut dyn Read, dir: &Path, max_ratio: u64) -> Result<Spool> {
    use crate::storage::byprogram::{head, keep_in_file, program_for};
    let first = head(input).context("reading the archive")?;
    let tool = program_for(&first);
    let mut r = std::io::Cursor::new(first).chain(input);
    match tool {
        None => spool(&mut r, dir, max_ratio, None),
        Some(tool) => spool_by(tool, keep_in_file(&mut r, dir, 0)?, dir, max_ratio),
    }
}

/// An archive on disk: an xz or bzip2 one is given to the program as it
/// is, not copied first.
fn spool_file(mut file: File, dir: &Path, max_ratio: u64) -> Result<Spool> {
    use crate::storage::byprogram::{head, program_for};
    let first = head(&mut file).context("reading the archive")?;
    std::io::Seek::rewind(&mut file)?;
    match program_for(&first) {
        None => spool(&mut file, dir, max_ratio, None),
        Some(tool) => spool_by(tool, file, dir, max_ratio),
    }
}

/// Spool compressed archive `file` through `tool`; its size is what the
/// expansion limit counts.
fn spool_by(tool: &'static str, file: File, dir: &Path, max_ratio: u64) -> Result<Spool> {
    let size = file.metadata()?.len();
    let mut program = crate::storage::byprogram::ByProgram::start(tool, file)?;
    let spooled = spool(&mut program, dir, max_ratio, Some(size))?;
    program.finish().context("the archive")?;
    Ok(spooled)
}

/// Spool a tar archive's regular files (and symlinks to them) into `dir`;
/// a compressed archive may not expand past `max_ratio` times its size
/// (once past 64 MB; 0: no limit): the bytes read of `input`, or
/// `raw_size` when it is known.
fn spool(input: &mut dyn Read, dir: &Path, max_ratio: u64, raw_size: Option<u64>) -> Result<Spool> {
    let mut files = BTreeMap::new();
    let mut links = Vec::new();
    let raw = std::rc::Rc::new(std::cell::Cell::new(raw_size.unwrap_or(0)));
    let counted = Counted {
        inner: input,
        count: raw.clone(),
        known: raw_size.is_some(),
    };
    let mut spooled = 0u64;
    let mut archive = tar::Archive::new(crate::storage::archive::decompressed(Box::new(counted))?);
    for (n, entry) in archive
        .entries()
        .context("reading the archive (is it a tar archive?)")?
        .enumerate()
    {
        let mut entry = entry.context("reading the archive")?;
        let name = clean(&entry.path_bytes());
        let kind = entry.header().entry_type();
        if kind.is_file() {
            let p = dir.join(format!("f{n}"));
            let mut f = File::options()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&p)
                .with_context(|| format!("creating {}", p.display()))?;
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = entry
                    .read(&mut buf)
                    .with_context(|| format!("reading {name} from the archive"))?;
                if n == 0 {
                    break;
                }
                std::io::Write::write_all(&mut f, &buf[..n])?;
                spooled += n as u64;
                if max_ratio > 0
                    && spooled > crate::config::settings::RATIO_FREE_SIZE
                    && spooled > max_ratio.saturating_mul(raw.get())
                {
                    bail!(
                        "the archive expands to more than {max_ratio} times its size: refusing it (den.conf's [pull] layer_max_ratio)"
                    );
                }
            }
            // A later entry of the same name replaces the earlier one.
            if let Some(old) = files.insert(name, p) {
                let _ = std::fs::remove_file(old);
            }
        } else if kind.is_symlink() {
            if let Some(target) = entry.link_name_bytes() {
                // Relative to the link's directory, inside the archive.
                let parent = name.rsplit_once('/').map_or("", |(d, _)| d);
                let mut joined = parent.as_bytes().to_vec();
                joined.push(b'/');
                joined.extend_from_slice(&target);
                links.push((name, clean(&joined)));
            }
        }
    }
    for (name, target) in links {
        if let Some(p) = files.get(&target).cloned() {
            files.entry(name).or_insert(p);
        }
    }
    Ok(Spool { files })
}

/// A directory holding an OCI layout, as a spool.
fn spool_dir(dir: &Path) -> Result<Spool> {
    let mut files = BTreeMap::new();
    for name in ["oci-layout", "index.json", "manifest.json"] {
        let p = dir.join(name);
        if p.is_file() {
            files.insert(name.to_string(), p);
        }
    }
    let blobs = dir.join("blobs/sha256");
    if let Ok(rd) = std::fs::read_dir(&blobs) {
        for e in rd.flatten() {
            if e.file_type().map(|t| t.is_file()).unwrap_or(false) {
                files.insert(
                    format!("blobs/sha256/{}", e.file_name().to_string_lossy()),
                    e.path(),
                );
            }
        }
    }
    Ok(Spool { files })
}

/// What to load from.
pub enum Source<'a> {
    Stream(&'a mut dyn Read),
    /// An archive on disk (`load -i FILE`).
    File(File),
    Dir(&'a Path),
}

/// An image to register, with its layers in place.
struct Found {
    config: Vec<u8>,
    manifest: Option<(Vec<u8>, String)>,
    names: Vec<String>,
}

/// Load every image of `source` into the store; returns the images' ids
/// and names. Call inside den's user namespace.
pub fn load(
    store: &Store,
    source: Source<'_>,
    owners: Owners,
    limits: Limits,
    max_ratio: u64,
) -> Result<Vec<(String, Vec<String>)>> {
    store.ensure()?;
    store.clean_tmp();
    let work = store.work_dir("load")?;
    let spool = match source {
        Source::Stream(r) => spool_stream(r, &work.path, max_ratio)?,
        Source::File(f) => spool_file(f, &work.path, max_ratio)?,
        Source::Dir(d) => spool_dir(d)?,
    };
    let found = if spool.files.contains_key("manifest.json") {
        docker(store, &spool, owners, limits, &work.path)?
    } else if spool.files.contains_key("index.json") {
        oci(store, &spool, owners, limits, &work.path)?
    } else {
        bail!("the archive is neither a docker-archive (manifest.json) nor an OCI layout (index.json)");
    };
    if found.is_empty() {
        bail!("the archive holds no image");
    }
    let _lock = store.lock()?;
    let mut loaded = Vec::new();
    for f in found {
        let id = record(store, f.config, f.manifest, &f.names, "load")?;
        loaded.push((id, f.names));
    }
    Ok(loaded)
}

/// `name` as a stored name, a short one under `registry`: a Docker
/// archive's tags are Docker's (`docker.io/library/`), an OCI archive's
/// names podman's (`localhost/`), as podman loads them.
fn stored_name(name: &str, registry: &str) -> Option<String> {
    let r = Reference::parse(name).ok()?;
    if r.digest.is_some() {
        return None;
    }
    Some(
        r.qualify(r.registry.as_deref().unwrap_or(registry))
            .store_name(),
    )
}

/// An OCI index entry's image name, as podman reads it: BuildKit's and
/// containerd's `io.containerd.image.name` (whose `ref.name` is the tag
/// alone), else `org.opencontainers.image.ref.name`.
fn oci_name(annotations: Option<&std::collections::BTreeMap<String, String>>) -> Option<String> {
    let a = annotations?;
    let name = a
        .get("io.containerd.image.name")
        .filter(|n| !n.is_empty())
        .or_else(|| a.get("org.opencontainers.image.ref.name"))?;
    stored_name(name, "localhost")
}

fn docker(
    store: &Store,
    spool: &Spool,
    owners: Owners,
    limits: Limits,
    work: &Path,
) -> Result<Vec<Found>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Entry {
        config: String,
        #[serde(default)]
        repo_tags: Option<Vec<String>>,
        layers: Vec<String>,
    }
    let entries: Vec<Entry> = serde_json::from_slice(&spool.document("manifest.json")?)
        .context("manifest.json in the archive is not a docker-archive manifest")?;
    let mut found = Vec::new();
    for e in entries {
        let config = spool.document(&e.config)?;
        let parsed =
            ImageConfig::parse(&config).with_context(|| format!("{} in the archive", e.config))?;
        if parsed.rootfs.diff_ids.len() != e.layers.len() {
            bail!(
                "{} lists {} layers but manifest.json {}: the archive is damaged",
                e.config,
                parsed.rootfs.diff_ids.len(),
                e.layers.len()
            );
        }
        for (path, diff_id) in e.layers.iter().zip(&parsed.rootfs.diff_ids) {
            let file = spool.path(path)?;
            add_layer(store, file, None, diff_id, owners, limits, work)?;
        }
        let names = e
            .repo_tags
            .unwrap_or_default()
            .iter()
            .filter_map(|n| stored_name(n, "docker.io"))
            .collect();
        found.push(Found {
            config,
            manifest: None,
            names,
        });
    }
    Ok(found)
}

fn oci(
    store: &Store,
    spool: &Spool,
    owners: Owners,
    limits: Limits,
    work: &Path,
) -> Result<Vec<Found>> {
    let index = match manifest::parse_document(&spool.document("index.json")?, None)
        .context("index.json in the archive")?
    {
        Document::Index(i) => i,
        Document::Manifest(..) => bail!("index.json in the archive is not an index"),
    };
    let mut found = Vec::new();
    for desc in &index.manifests {
        let name = oci_name(desc.annotations.as_ref());
        let bytes = spool.blob(&desc.digest)?;
        let (m, media) = match manifest::parse_document(&bytes, Some(&desc.media_type))? {
            Document::Manifest(m, media) => (m, media),
            Document::Index(inner) => {
                let chosen = manifest::choose_platform(&inner, None)?;
                let b = spool.blob(&chosen.digest)?;
                match manifest::parse_document(&b, Some(&chosen.media_type))? {
                    Document::Manifest(m, media) => {
                        found.push(oci_image(
                            store,
                            spool,
                            &m,
                            (b.clone(), media),
                            name,
                            owners,
                            limits,
                            work,
                        )?);
                        continue;
                    }
                    Document::Index(_) => bail!("the archive nests indexes deeper than den reads"),
                }
            }
        };
        found.push(oci_image(
            store,
            spool,
            &m,
            (bytes, media),
            name,
            owners,
            limits,
            work,
        )?);
    }
    Ok(found)
}

#[allow(clippy::too_many_arguments)]
fn oci_image(
    store: &Store,
    spool: &Spool,
    m: &manifest::Manifest,
    manifest: (Vec<u8>, String),
    name: Option<String>,
    owners: Owners,
    limits: Limits,
    work: &Path,
) -> Result<Found> {
    let config = spool.blob(&m.config.digest)?;
    let parsed = ImageConfig::parse(&config).context("the image config in the archive")?;
    if parsed.rootfs.diff_ids.len() != m.layers.len() {
        bail!("an image in the archive lists a different number of layers in its config and its manifest");
    }
    for (desc, diff_id) in m.layers.iter().zip(&parsed.rootfs.diff_ids) {
        let hex = super::reference::digest_hex(&desc.digest)?;
        let file = spool.path(&format!("blobs/sha256/{hex}"))?;
        let c = manifest::layer_compression(&desc.media_type)?;
        add_layer(
            store,
            file,
            Some((&desc.digest, c, &desc.media_type, desc.size)),
            diff_id,
            owners,
            limits,
            work,
        )?;
    }
    Ok(Found {
        config,
        manifest: Some(manifest),
        names: name.into_iter().collect(),
    })
}

/// Extract one layer file into the store (unless it is there), checking
/// its blob digest when the archive gives one and always its diff id.
fn add_layer(
    store: &Store,
    file: &Path,
    blob: Option<(&str, Compression, &str, u64)>,
    diff_id: &str,
    owners: Owners,
    limits: Limits,
    work: &Path,
) -> Result<()> {
    let short = super::progress::short_digest(diff_id);
    if store.has_layer(diff_id) {
        return Ok(());
    }
    if let Some((digest, c, _, size)) = blob {
        let mut h = crate::util::digest::HashingWriter::new(std::io::sink());
        std::io::copy(&mut File::open(file)?, &mut h)?;
        if h.digest() != digest {
            bail!("layer {digest} in the archive does not match its digest");
        }
        // What a later push may name as this blob must be what it is.
        if h.size != size {
            bail!(
                "layer {digest} in the archive is {} bytes, not the {size} its manifest says",
                h.size
            );
        }
        let mut head = [0u8; 4];
        let n = std::io::Read::read(&mut File::open(file)?, &mut head)?;
        let found = if head[..n].starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head[..n].starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        };
        if found != c {
            bail!("layer {digest} in the archive is not compressed as its media type says");
        }
    }
    let dir = work.join(format!("layer-{}", super::reference::digest_hex(diff_id)?));
    crate::util::fs::private_dir(&dir.join("diff"))?;
    let input = crate::storage::archive::decompressed(Box::new(File::open(file)?))?;
    let meter = Meter::new(limits);
    let extracted = extract_layer(
        input,
        &dir.join("diff"),
        owners,
        diff_id,
        meter,
        &dir.join(tarsplit::FILE_NAME),
    )
    .with_context(|| format!("layer {short} of the archive"))?;
    store.commit_layer(
        &dir,
        &LayerMeta {
            diff_id: diff_id.to_string(),
            size: extracted.size,
            compressed_digest: blob.map(|b| b.0.to_string()),
            compressed_media_type: blob.map(|b| b.2.to_string()),
            compressed_size: blob.map(|b| b.3),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_podmans() {
        let of = |pairs: &[(&str, &str)]| {
            let a: std::collections::BTreeMap<String, String> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            oci_name(Some(&a))
        };
        // BuildKit: the name in containerd's annotation, the tag alone in
        // ref.name.
        assert_eq!(
            of(&[
                ("io.containerd.image.name", "example.com/team/app:1.0"),
                ("org.opencontainers.image.ref.name", "1.0"),
            ]),
            Some("example.com/team/app:1.0".into())
        );
        // skopeo's oci-archive:a.tar:mytag, and den's and podman's own.
        assert_eq!(
            of(&[("org.opencontainers.image.ref.name", "mytag")]),
            Some("localhost/mytag:latest".into())
        );
        assert_eq!(
            of(&[(
                "org.opencontainers.image.ref.name",
                "docker.io/library/busybox:1"
            )]),
            Some("docker.io/library/busybox:1".into())
        );
        assert_eq!(of(&[]), None);
        assert_eq!(oci_name(None), None);
        // A Docker archive's short tag is Docker's.
        assert_eq!(
            stored_name("busybox", "docker.io"),
            Some("docker.io/library/busybox:latest".into())
        );
    }
}
