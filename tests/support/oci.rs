//! Building OCI / Docker schema2 images and pushing them to a registry with
//! the distribution HTTP API.
//!
//! Every push helper has an `_auth` variant taking optional HTTP Basic
//! credentials (for [`super::registry::Registry::start_with_htpasswd`]).

use std::io::Write;

use base64::Engine as _;
use serde_json::{json, Map, Value};
use sha2::{Digest as _, Sha256};

/// OCI image manifest media type.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index media type.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI image config media type.
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// Docker schema2 manifest media type.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker manifest list media type.
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
/// Docker image config media type.
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// Docker gzip layer media type.
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// Fixed creation timestamp used in configs.
pub const CREATED: &str = "2024-01-01T00:00:00Z";

/// Layer compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain tar.
    None,
    /// gzip.
    Gzip,
    /// zstd.
    Zstd,
}

/// Content-addressed bytes plus their media type.
#[derive(Debug, Clone)]
pub struct Blob {
    /// The exact bytes pushed.
    pub bytes: Vec<u8>,
    /// `sha256:<hex>` of `bytes`.
    pub digest: String,
    /// Media type used in descriptors.
    pub media_type: String,
}

/// A (possibly compressed) layer blob and the digest of its uncompressed tar.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The layer blob as pushed.
    pub blob: Blob,
    /// `sha256:<hex>` of the uncompressed tar.
    pub diff_id: String,
}

/// Image config fields. `Default` gives host arch, os `linux`, a standard
/// `PATH` in `env` and nothing else.
#[derive(Debug, Clone)]
pub struct ImageSpec {
    /// GOARCH-style architecture (`amd64`, `arm64`, ...).
    pub arch: String,
    /// Operating system (`linux`).
    pub os: String,
    /// `KEY=value` entries.
    pub env: Vec<String>,
    /// Entrypoint.
    pub entrypoint: Option<Vec<String>>,
    /// Cmd.
    pub cmd: Option<Vec<String>>,
    /// WorkingDir.
    pub workdir: Option<String>,
    /// User (`name`, `uid`, `uid:gid`, ...).
    pub user: Option<String>,
    /// Labels, in order.
    pub labels: Vec<(String, String)>,
    /// StopSignal (`SIGTERM`, `15`, ...).
    pub stop_signal: Option<String>,
    /// Exposed ports like `80/tcp`.
    pub exposed_ports: Vec<String>,
    /// VOLUME paths.
    pub volumes: Vec<String>,
}

/// GOARCH name of the host architecture.
pub fn host_arch() -> String {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "loongarch64" => "loong64",
        other => other,
    }
    .to_string()
}

impl Default for ImageSpec {
    fn default() -> Self {
        ImageSpec {
            arch: host_arch(),
            os: "linux".into(),
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            entrypoint: None,
            cmd: None,
            workdir: None,
            user: None,
            labels: Vec::new(),
            stop_signal: None,
            exposed_ports: Vec::new(),
            volumes: Vec::new(),
        }
    }
}

/// Result of [`push_image`].
#[derive(Debug, Clone)]
pub struct Pushed {
    /// Digest of the manifest.
    pub manifest_digest: String,
    /// Size in bytes of the manifest.
    pub manifest_size: usize,
    /// Digest of the config blob.
    pub config_digest: String,
    /// Media type of the manifest (OCI or Docker schema2).
    pub manifest_media_type: String,
}

/// `sha256:<hex>` of `bytes`.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// A [`Blob`] for `bytes` with `media_type`.
pub fn blob(bytes: Vec<u8>, media_type: &str) -> Blob {
    Blob {
        digest: sha256_digest(&bytes),
        bytes,
        media_type: media_type.to_string(),
    }
}

/// Compress `data` with `c`.
pub fn compress(data: &[u8], c: Compression) -> Vec<u8> {
    match c {
        Compression::None => data.to_vec(),
        Compression::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(data).expect("gzip write");
            e.finish().expect("gzip finish")
        }
        Compression::Zstd => zstd::encode_all(data, 3).expect("zstd encode"),
    }
}

/// Compress a layer tar. OCI media types
/// (`application/vnd.oci.image.layer.v1.tar[+gzip|+zstd]`), or with
/// `docker_media` the Docker ones (`application/vnd.docker.image.rootfs.diff.tar.gzip`,
/// and `...diff.tar` / `...diff.tar.zstd` for the other compressions).
pub fn layer(tar_bytes: Vec<u8>, c: Compression, docker_media: bool) -> Layer {
    let media = match (c, docker_media) {
        (Compression::None, true) => "application/vnd.docker.image.rootfs.diff.tar",
        (Compression::Gzip, true) => DOCKER_LAYER_GZIP,
        (Compression::Zstd, true) => "application/vnd.docker.image.rootfs.diff.tar.zstd",
        (Compression::None, false) => "application/vnd.oci.image.layer.v1.tar",
        (Compression::Gzip, false) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (Compression::Zstd, false) => "application/vnd.oci.image.layer.v1.tar+zstd",
    };
    Layer {
        diff_id: sha256_digest(&tar_bytes),
        blob: blob(compress(&tar_bytes, c), media),
    }
}

/// OCI image config JSON for `spec` with `layers` as rootfs (one history
/// entry per layer, fixed timestamps).
pub fn config_json(spec: &ImageSpec, layers: &[Layer]) -> Vec<u8> {
    let mut cfg = Map::new();
    if !spec.env.is_empty() {
        cfg.insert("Env".into(), json!(spec.env));
    }
    if let Some(e) = &spec.entrypoint {
        cfg.insert("Entrypoint".into(), json!(e));
    }
    if let Some(c) = &spec.cmd {
        cfg.insert("Cmd".into(), json!(c));
    }
    if let Some(w) = &spec.workdir {
        cfg.insert("WorkingDir".into(), json!(w));
    }
    if let Some(u) = &spec.user {
        cfg.insert("User".into(), json!(u));
    }
    if !spec.labels.is_empty() {
        let labels: Map<String, Value> = spec
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        cfg.insert("Labels".into(), Value::Object(labels));
    }
    if let Some(s) = &spec.stop_signal {
        cfg.insert("StopSignal".into(), json!(s));
    }
    if !spec.exposed_ports.is_empty() {
        let ports: Map<String, Value> = spec
            .exposed_ports
            .iter()
            .map(|p| (p.clone(), json!({})))
            .collect();
        cfg.insert("ExposedPorts".into(), Value::Object(ports));
    }
    if !spec.volumes.is_empty() {
        let vols: Map<String, Value> = spec
            .volumes
            .iter()
            .map(|p| (p.clone(), json!({})))
            .collect();
        cfg.insert("Volumes".into(), Value::Object(vols));
    }
    let history: Vec<Value> = (0..layers.len())
        .map(|i| json!({"created": CREATED, "created_by": format!("imgkit layer {i}")}))
        .collect();
    let diff_ids: Vec<&str> = layers.iter().map(|l| l.diff_id.as_str()).collect();
    let doc = json!({
        "created": CREATED,
        "architecture": spec.arch,
        "os": spec.os,
        "config": cfg,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    });
    serde_json::to_vec(&doc).expect("serialize config")
}

fn descriptor(b: &Blob) -> Value {
    json!({"mediaType": b.media_type, "digest": b.digest, "size": b.bytes.len()})
}

/// Image manifest JSON referencing `config` and `layers`.
pub fn image_manifest(config: &Blob, layers: &[Layer], docker_schema2: bool) -> Vec<u8> {
    let media = if docker_schema2 {
        DOCKER_MANIFEST
    } else {
        OCI_MANIFEST
    };
    let layers: Vec<Value> = layers.iter().map(|l| descriptor(&l.blob)).collect();
    let doc = json!({
        "schemaVersion": 2,
        "mediaType": media,
        "config": descriptor(config),
        "layers": layers,
    });
    serde_json::to_vec(&doc).expect("serialize manifest")
}

/// Index (or Docker manifest list) JSON; `arch` may be `arm64/v8` to set a
/// platform variant.
pub fn index_json(entries: &[(String, String, Pushed)], media_type: &str) -> Vec<u8> {
    let manifests: Vec<Value> = entries
        .iter()
        .map(|(arch, os, p)| {
            let mut platform = json!({"architecture": arch, "os": os});
            if let Some((a, v)) = arch.split_once('/') {
                platform = json!({"architecture": a, "os": os, "variant": v});
            }
            json!({
                "mediaType": p.manifest_media_type,
                "digest": p.manifest_digest,
                "size": p.manifest_size,
                "platform": platform,
            })
        })
        .collect();
    let doc = json!({"schemaVersion": 2, "mediaType": media_type, "manifests": manifests});
    serde_json::to_vec(&doc).expect("serialize index")
}

/// A ureq agent that reports HTTP error statuses as responses.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .new_agent()
}

/// `Authorization` header value for HTTP Basic credentials.
pub fn basic_auth_header(user: &str, pass: &str) -> String {
    let raw = format!("{user}:{pass}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

fn with_auth<B>(
    req: ureq::RequestBuilder<B>,
    auth: Option<(&str, &str)>,
) -> ureq::RequestBuilder<B> {
    match auth {
        Some((u, p)) => req.header("Authorization", basic_auth_header(u, p)),
        None => req,
    }
}

fn body_text(resp: &mut ureq::http::Response<ureq::Body>) -> String {
    resp.body_mut().read_to_string().unwrap_or_default()
}

/// Push `blob` to `repo` on `reg` (`host:port`); returns its digest.
pub fn push_blob(reg: &str, repo: &str, blob: &[u8]) -> String {
    push_blob_auth(reg, repo, blob, None)
}

/// [`push_blob`] with optional Basic credentials. Skips the upload when the
/// registry already has the blob.
pub fn push_blob_auth(reg: &str, repo: &str, blob: &[u8], auth: Option<(&str, &str)>) -> String {
    let digest = sha256_digest(blob);
    let a = agent();
    let head = format!("http://{reg}/v2/{repo}/blobs/{digest}");
    let resp = with_auth(a.head(&head), auth).call().expect("HEAD blob");
    if resp.status() == 200 {
        return digest;
    }
    let url = format!("http://{reg}/v2/{repo}/blobs/uploads/");
    let mut resp = with_auth(a.post(&url), auth)
        .send_empty()
        .expect("POST blob upload");
    assert_eq!(
        resp.status(),
        202,
        "starting upload to {url}: {}",
        body_text(&mut resp)
    );
    let loc = resp
        .headers()
        .get("Location")
        .expect("upload Location header")
        .to_str()
        .expect("Location is ASCII")
        .to_string();
    let mut put = if loc.starts_with("http://") || loc.starts_with("https://") {
        loc
    } else {
        format!("http://{reg}{loc}")
    };
    put.push(if put.contains('?') { '&' } else { '?' });
    put.push_str(&format!("digest={}", digest.replace(':', "%3A")));
    let mut resp = with_auth(a.put(&put), auth)
        .header("Content-Type", "application/octet-stream")
        .send(blob)
        .expect("PUT blob");
    assert_eq!(
        resp.status(),
        201,
        "blob PUT {put}: {}",
        body_text(&mut resp)
    );
    digest
}

/// Push a manifest under `reference` (tag or digest); returns its digest.
pub fn push_manifest(
    reg: &str,
    repo: &str,
    reference: &str,
    media_type: &str,
    body: &[u8],
) -> String {
    push_manifest_auth(reg, repo, reference, media_type, body, None)
}

/// [`push_manifest`] with optional Basic credentials.
pub fn push_manifest_auth(
    reg: &str,
    repo: &str,
    reference: &str,
    media_type: &str,
    body: &[u8],
    auth: Option<(&str, &str)>,
) -> String {
    let digest = sha256_digest(body);
    let url = format!("http://{reg}/v2/{repo}/manifests/{reference}");
    let mut resp = with_auth(agent().put(&url), auth)
        .header("Content-Type", media_type)
        .send(body)
        .expect("PUT manifest");
    let got = resp
        .headers()
        .get("Docker-Content-Digest")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    assert_eq!(
        resp.status(),
        201,
        "manifest PUT {url}: {}",
        body_text(&mut resp)
    );
    if let Some(got) = got {
        assert_eq!(got, digest, "registry computed another manifest digest");
    }
    digest
}

/// Push layers, config and manifest of an image and tag it.
pub fn push_image(
    reg: &str,
    repo: &str,
    tag: &str,
    spec: &ImageSpec,
    layers: &[Layer],
    docker_schema2: bool,
) -> Pushed {
    push_image_auth(reg, repo, tag, spec, layers, docker_schema2, None)
}

/// [`push_image`] with optional Basic credentials.
pub fn push_image_auth(
    reg: &str,
    repo: &str,
    tag: &str,
    spec: &ImageSpec,
    layers: &[Layer],
    docker_schema2: bool,
    auth: Option<(&str, &str)>,
) -> Pushed {
    for l in layers {
        push_blob_auth(reg, repo, &l.blob.bytes, auth);
    }
    let config_media = if docker_schema2 {
        DOCKER_CONFIG
    } else {
        OCI_CONFIG
    };
    let config = blob(config_json(spec, layers), config_media);
    push_blob_auth(reg, repo, &config.bytes, auth);
    let manifest = image_manifest(&config, layers, docker_schema2);
    let media = if docker_schema2 {
        DOCKER_MANIFEST
    } else {
        OCI_MANIFEST
    };
    let manifest_digest = push_manifest_auth(reg, repo, tag, media, &manifest, auth);
    Pushed {
        manifest_digest,
        manifest_size: manifest.len(),
        config_digest: config.digest,
        manifest_media_type: media.to_string(),
    }
}

/// Push an OCI image index over already pushed images; returns its digest.
pub fn push_index(
    reg: &str,
    repo: &str,
    tag: &str,
    entries: &[(String, String, Pushed)],
) -> String {
    push_index_auth(reg, repo, tag, entries, None)
}

/// [`push_index`] with optional Basic credentials.
pub fn push_index_auth(
    reg: &str,
    repo: &str,
    tag: &str,
    entries: &[(String, String, Pushed)],
    auth: Option<(&str, &str)>,
) -> String {
    let body = index_json(entries, OCI_INDEX);
    push_manifest_auth(reg, repo, tag, OCI_INDEX, &body, auth)
}

/// Push a Docker manifest list (schema2 images expected); returns its digest.
pub fn push_docker_list_auth(
    reg: &str,
    repo: &str,
    tag: &str,
    entries: &[(String, String, Pushed)],
    auth: Option<(&str, &str)>,
) -> String {
    let body = index_json(entries, DOCKER_LIST);
    push_manifest_auth(reg, repo, tag, DOCKER_LIST, &body, auth)
}
