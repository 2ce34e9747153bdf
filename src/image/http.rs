//! The one registry request den makes itself: fetching a manifest or
//! index with a bounded read. oci-client reads a whole body into memory
//! before den could check its size; here a registry that sends more than
//! 4 MiB (or an endless error page) is cut off as the bytes arrive.

use oci_client::errors::{OciDistributionError as E, OciEnvelope};
use oci_client::secrets::RegistryAuth;

use super::manifest::{self, MAX_DOCUMENT};

/// The most of an error body den reads.
const MAX_ERROR_BODY: usize = 64 << 10;

/// What a manifest request brought back.
pub struct Fetched {
    pub body: Vec<u8>,
    /// The registry's Docker-Content-Digest header, if any.
    pub header_digest: Option<String>,
    /// The body went past 4 MiB and was cut off.
    pub too_big: bool,
}

/// How to reach one registry.
pub struct Endpoint {
    pub http: reqwest::Client,
    /// `https://host[:port]` (or `http://` for insecure registries).
    pub base: String,
}

/// GET `/v2/<repository>/manifests/<reference>` with `token` (a bearer
/// token) or the basic credentials in `auth`. Errors are oci-client's,
/// so they read like every other registry error.
pub async fn fetch_manifest(
    ep: &Endpoint,
    repository: &str,
    reference: &str,
    token: Option<&str>,
    auth: &RegistryAuth,
) -> Result<Fetched, E> {
    let url = format!("{}/v2/{repository}/manifests/{reference}", ep.base);
    let mut req = ep
        .http
        .get(&url)
        .header(reqwest::header::ACCEPT, manifest::ACCEPTED.join(", "));
    req = match (token, auth) {
        (Some(t), _) => req.bearer_auth(t),
        (None, RegistryAuth::Basic(u, p)) => req.basic_auth(u, Some(p)),
        _ => req,
    };
    let mut res = req.send().await?;
    let status = res.status();
    let header_digest = res
        .headers()
        .get("docker-content-digest")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let limit = if status.is_success() {
        MAX_DOCUMENT
    } else {
        MAX_ERROR_BODY
    };
    let mut body = Vec::new();
    let mut too_big = false;
    while let Some(chunk) = res.chunk().await? {
        if body.len() + chunk.len() > limit {
            too_big = true;
            break;
        }
        body.extend_from_slice(&chunk);
    }
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(E::UnauthorizedError { url });
    }
    if !status.is_success() {
        return Err(match serde_json::from_slice::<OciEnvelope>(&body) {
            Ok(envelope) if status.is_client_error() => E::RegistryError { envelope, url },
            _ => E::ServerError {
                code: status.as_u16(),
                url,
                message: String::from_utf8_lossy(&body).into_owned(),
            },
        });
    }
    Ok(Fetched {
        body,
        header_digest,
        too_big,
    })
}
