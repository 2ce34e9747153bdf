//! den's client of the distribution API (reqwest, with den's TLS from
//! `tls.rs`): the registry's challenge, bearer tokens per repository and
//! action or basic credentials, and the requests pull and push make.
//! Credentials go only to the registry itself, never to a host a
//! `Location` header names. Errors are oci-client's error type, so they
//! read like every other registry error (`registry::explain`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use bytes::Bytes;
use futures_util::Stream;
use oci_client::errors::{OciDistributionError as E, OciEnvelope};
use reqwest::header::{HeaderValue, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use reqwest::{RequestBuilder, Response, StatusCode};

/// The most of an error body den reads.
const MAX_ERROR_BODY: usize = 64 << 10;
/// Bytes per request of a chunked upload.
pub const CHUNK: usize = 8 << 20;

type Res<T> = Result<T, E>;

/// What a manifest request brought back.
#[derive(Debug, Default)]
pub struct Fetched {
    pub body: Vec<u8>,
    /// The registry's Docker-Content-Digest header, if any.
    pub header_digest: Option<String>,
    /// The body went past 4 MiB and was cut off.
    pub too_big: bool,
}

/// How the registry wants to be authenticated.
#[derive(Debug, Clone)]
enum Challenge {
    None,
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
    },
}

/// A registry, reached with one HTTP client.
pub struct Client {
    pub http: reqwest::Client,
    /// `https://host[:port]`, or `http://` once an insecure registry
    /// turned out not to speak TLS.
    base: std::sync::RwLock<String>,
    /// For an insecure registry: the `http://` base to fall back to.
    fallback: Option<String>,
    creds: Option<(String, String)>,
    challenge: Mutex<Option<Challenge>>,
    /// Bearer tokens by scope, with when they stop being good.
    tokens: Mutex<HashMap<String, (String, std::time::Instant)>>,
}

impl Client {
    /// A client for the registry at `host` (`host[:port]`): HTTPS, or with
    /// `insecure` HTTPS (unverified, by the caller's TLS settings) and plain
    /// HTTP when the registry does not speak TLS, as podman does.
    pub fn new(
        http: reqwest::Client,
        host: &str,
        insecure: bool,
        creds: Option<(String, String)>,
    ) -> Client {
        Client {
            http,
            base: std::sync::RwLock::new(format!("https://{host}")),
            fallback: insecure.then(|| format!("http://{host}")),
            creds,
            challenge: Mutex::new(None),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    fn base(&self) -> String {
        self.base.read().map(|b| b.clone()).unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// Send an idempotent request (GET, HEAD), once more if the first try
    /// failed before an answer (a kept-alive connection the registry had
    /// closed meanwhile).
    async fn idempotent(&self, build: impl Fn() -> RequestBuilder) -> reqwest::Result<Response> {
        match build().send().await {
            Err(e) if e.is_request() || e.is_connect() => {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                build().send().await
            }
            r => r,
        }
    }

    /// The registry's challenge (asked once).
    async fn challenge(&self) -> Res<Challenge> {
        if let Some(c) = self.challenge.lock().ok().and_then(|c| c.clone()) {
            return Ok(c);
        }
        let url = self.url("/v2/");
        let first = if self.fallback.is_some() {
            // One try, briefly: a registry without TLS fails at once, or
            // never answers the handshake.
            match tokio::time::timeout(
                std::time::Duration::from_secs(5),
                self.http.get(&url).send(),
            )
            .await
            {
                Ok(r) => r,
                Err(_) => {
                    if let (Ok(mut b), Some(f)) = (self.base.write(), &self.fallback) {
                        *b = f.clone();
                    }
                    let url = self.url("/v2/");
                    self.idempotent(|| self.http.get(&url)).await
                }
            }
        } else {
            self.idempotent(|| self.http.get(&url)).await
        };
        let res = match first {
            Ok(r) => r,
            // An insecure registry that does not speak TLS: plain HTTP.
            Err(e) if self.fallback.is_some() && (e.is_connect() || e.is_request()) => {
                if let (Ok(mut b), Some(f)) = (self.base.write(), &self.fallback) {
                    *b = f.clone();
                }
                let url = self.url("/v2/");
                self.idempotent(|| self.http.get(&url)).await?
            }
            Err(e) => return Err(e.into()),
        };
        let c = match res
            .headers()
            .get(WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
        {
            Some(h) if res.status() == StatusCode::UNAUTHORIZED => parse_challenge(h),
            _ => Challenge::None,
        };
        if let Ok(mut slot) = self.challenge.lock() {
            *slot = Some(c.clone());
        }
        Ok(c)
    }

    /// Get a token for `repository` (pull, or pull and push) if the
    /// registry uses tokens; with basic credentials nothing is needed.
    pub async fn authorize(&self, repository: &str, push: bool) -> Res<()> {
        let Challenge::Bearer { realm, service } = self.challenge().await? else {
            return Ok(());
        };
        let scope = scope(repository, push);
        if self.token(&scope).is_some() {
            return Ok(());
        }
        // Credentials never go in clear text to a token server of an
        // HTTPS registry.
        // (The scheme as a URL parser reads it: `HTTP://` and a leading
        // space are plain HTTP too.)
        let plain = reqwest::Url::parse(realm.trim()).map_or(true, |u| u.scheme() != "https");
        if plain && self.base().starts_with("https://") {
            return Err(E::AuthenticationFailure(format!(
                "the registry sends den for a token to {realm}, over plain HTTP: refusing to send credentials there"
            )));
        }
        let mut query = vec![("scope", scope.clone())];
        if let Some(s) = service {
            query.push(("service", s));
        }
        let mut req = self.http.get(&realm).query(&query);
        if let Some((u, p)) = &self.creds {
            req = req.basic_auth(u, Some(p));
        }
        let res = req.send().await?;
        if !res.status().is_success() {
            let status = res.status();
            let body = bounded(res).await.unwrap_or_default();
            if matches!(status.as_u16(), 401 | 403) {
                return Err(E::AuthenticationFailure(
                    String::from_utf8_lossy(&body).into_owned(),
                ));
            }
            return Err(E::ServerError {
                code: status.as_u16(),
                url: realm,
                message: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        #[derive(serde::Deserialize)]
        struct Token {
            token: Option<String>,
            access_token: Option<String>,
            expires_in: Option<u64>,
        }
        let body = bounded(res).await?;
        let t: Token = serde_json::from_slice(&body)
            .map_err(|e| E::RegistryTokenDecodeError(e.to_string()))?;
        let token = t.token.or(t.access_token).unwrap_or_default();
        // The distribution spec's default lifetime is 60 s; a token is
        // asked for again 10 s before it ends, and after a day at most (a
        // token server's huge `expires_in` overflowed the clock: a panic).
        let life = t.expires_in.unwrap_or(60).clamp(20, 86_400) - 10;
        let until = std::time::Instant::now() + std::time::Duration::from_secs(life);
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.insert(scope, (token, until));
        }
        Ok(())
    }

    fn token(&self, scope: &str) -> Option<String> {
        self.tokens
            .lock()
            .ok()
            .and_then(|t| t.get(scope).cloned())
            .filter(|(_, until)| std::time::Instant::now() < *until)
            .map(|(t, _)| t)
    }

    /// `req` with the credentials for `repository`, if `url` is the
    /// registry's own.
    fn with_auth(
        &self,
        req: RequestBuilder,
        url: &str,
        repository: &str,
        push: bool,
    ) -> RequestBuilder {
        if !url.starts_with(&format!("{}/", self.base())) {
            return req;
        }
        let challenge = self.challenge.lock().ok().and_then(|c| c.clone());
        match challenge {
            Some(Challenge::Bearer { .. }) => {
                match self
                    .token(&scope(repository, push))
                    .or_else(|| self.token(&scope(repository, true)))
                {
                    Some(t) => req.bearer_auth(t),
                    None => req,
                }
            }
            // Basic credentials only to a registry that asked for them.
            Some(Challenge::Basic) => match &self.creds {
                Some((u, p)) => req.basic_auth(u, Some(p)),
                None => req,
            },
            Some(Challenge::None) | None => req,
        }
    }

    /// Send a request to the registry and check its status.
    async fn send(
        &self,
        url: &str,
        repository: &str,
        push: bool,
        build: impl Fn(&reqwest::Client, &str) -> RequestBuilder,
        ok: &[StatusCode],
    ) -> Res<Response> {
        self.authorize(repository, push).await?;
        let req = self.with_auth(build(&self.http, url), url, repository, push);
        let res = req.send().await?;
        // Asked for credentials here though /v2/ did not (or a token that
        // no longer does): take the challenge and try once more.
        if res.status() == StatusCode::UNAUTHORIZED && url.starts_with(&format!("{}/", self.base()))
        {
            if let Some(c) = res
                .headers()
                .get(WWW_AUTHENTICATE)
                .and_then(|v| v.to_str().ok())
                .map(parse_challenge)
            {
                if let Ok(mut slot) = self.challenge.lock() {
                    *slot = Some(c);
                }
                if let Ok(mut tokens) = self.tokens.lock() {
                    tokens.remove(&scope(repository, push));
                }
                self.authorize(repository, push).await?;
                let req = self.with_auth(build(&self.http, url), url, repository, push);
                let res = req.send().await?;
                return check(res, url, ok).await;
            }
        }
        check(res, url, ok).await
    }

    /// A blob's bytes as they come.
    pub async fn blob_stream(
        &self,
        repository: &str,
        digest: &str,
    ) -> Res<impl Stream<Item = reqwest::Result<Bytes>>> {
        let url = self.url(&format!("/v2/{repository}/blobs/{digest}"));
        let res = self
            .send(&url, repository, false, |c, u| c.get(u), &[StatusCode::OK])
            .await?;
        Ok(res.bytes_stream())
    }

    /// Whether the repository has the blob.
    pub async fn blob_exists(&self, repository: &str, digest: &str) -> Res<bool> {
        let url = self.url(&format!("/v2/{repository}/blobs/{digest}"));
        self.authorize(repository, false).await?;
        let res = self
            .idempotent(|| self.with_auth(self.http.head(&url), &url, repository, false))
            .await?;
        match res.status() {
            s if s.is_success() => Ok(true),
            StatusCode::NOT_FOUND => Ok(false),
            _ => check(res, &url, &[]).await.map(|_| false),
        }
    }

    /// Mount the blob from `from` (a repository of the same registry);
    /// false if the registry would not.
    pub async fn mount_blob(&self, repository: &str, from: &str, digest: &str) -> Res<bool> {
        let url = self.url(&format!(
            "/v2/{repository}/blobs/uploads/?mount={digest}&from={from}"
        ));
        self.authorize(repository, true).await?;
        let res = self
            .with_auth(self.http.post(&url), &url, repository, true)
            .send()
            .await?;
        match res.status() {
            StatusCode::CREATED => Ok(true),
            StatusCode::ACCEPTED => {
                // An upload was started instead: cancel it.
                if let Some(loc) = self.location(&res, &url) {
                    let _ = self
                        .with_auth(self.http.delete(&loc), &loc, repository, true)
                        .send()
                        .await;
                }
                Ok(false)
            }
            _ => Ok(false),
        }
    }

    /// The `Location` of a response, made absolute.
    fn location(&self, res: &Response, url: &str) -> Option<String> {
        let loc = res.headers().get(LOCATION)?.to_str().ok()?;
        reqwest::Url::parse(url)
            .ok()?
            .join(loc)
            .ok()
            .map(String::from)
    }

    /// Start an upload; its location.
    async fn start_upload(&self, repository: &str) -> Res<String> {
        let url = self.url(&format!("/v2/{repository}/blobs/uploads/"));
        let res = self
            .send(
                &url,
                repository,
                true,
                |c, u| c.post(u),
                &[StatusCode::ACCEPTED],
            )
            .await?;
        self.location(&res, &url).ok_or(E::RegistryNoLocationError)
    }

    /// Upload the blob in `file` (`size` bytes, `digest`): in one request,
    /// or in chunks. `sent` hears each piece's size.
    pub async fn upload(
        &self,
        repository: &str,
        file: &Path,
        size: u64,
        digest: &str,
        chunked: bool,
        sent: std::sync::Arc<dyn Fn(u64) + Send + Sync>,
    ) -> Res<()> {
        let mut location = self.start_upload(repository).await?;
        let mut f = tokio::fs::File::open(file).await.map_err(E::IoError)?;
        let octets = HeaderValue::from_static("application/octet-stream");
        if chunked {
            use tokio::io::AsyncReadExt;
            let mut start = 0u64;
            loop {
                let mut buf = vec![0u8; CHUNK];
                let mut n = 0;
                while n < CHUNK {
                    let k = f.read(&mut buf[n..]).await.map_err(E::IoError)?;
                    if k == 0 {
                        break;
                    }
                    n += k;
                }
                if n == 0 {
                    break;
                }
                buf.truncate(n);
                let end = start + n as u64 - 1;
                let range = format!("{start}-{end}");
                let octets = octets.clone();
                let res = self
                    .send(
                        &location,
                        repository,
                        true,
                        move |c, u| {
                            c.patch(u)
                                .header(CONTENT_TYPE, octets.clone())
                                .header("Content-Range", range.clone())
                                .body(buf.clone())
                        },
                        &[StatusCode::ACCEPTED, StatusCode::NO_CONTENT],
                    )
                    .await?;
                location = self
                    .location(&res, &location)
                    .ok_or(E::RegistryNoLocationError)?;
                sent(n as u64);
                start = end + 1;
            }
            let url = with_digest(&location, digest)?;
            self.send(
                &url,
                repository,
                true,
                |c, u| c.put(u),
                &[StatusCode::CREATED],
            )
            .await?;
            return Ok(());
        }
        let url = with_digest(&location, digest)?;
        let stream = futures_util::stream::unfold(f, |mut f| async move {
            use tokio::io::AsyncReadExt;
            let mut buf = vec![0u8; 1 << 20];
            match f.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    Some((Ok::<Bytes, std::io::Error>(Bytes::from(buf)), f))
                }
                Err(e) => Some((Err(e), f)),
            }
        });
        let counted = futures_util::StreamExt::inspect(stream, move |r| {
            if let Ok(b) = r {
                sent(b.len() as u64);
            }
        });
        // The body can be sent once: no retry on a 401 here (the token was
        // fetched for push before the upload started).
        self.authorize(repository, true).await?;
        let req = self
            .with_auth(self.http.put(&url), &url, repository, true)
            .header(CONTENT_TYPE, octets)
            .header(reqwest::header::CONTENT_LENGTH, size)
            .body(reqwest::Body::wrap_stream(counted));
        let res = req.send().await?;
        check(res, &url, &[StatusCode::CREATED]).await?;
        Ok(())
    }

    /// Upload a small blob from memory.
    pub async fn upload_bytes(&self, repository: &str, data: Bytes, digest: &str) -> Res<()> {
        let location = self.start_upload(repository).await?;
        let url = with_digest(&location, digest)?;
        self.send(
            &url,
            repository,
            true,
            |c, u| {
                c.put(u)
                    .header(CONTENT_TYPE, "application/octet-stream")
                    .body(data.clone())
            },
            &[StatusCode::CREATED],
        )
        .await?;
        Ok(())
    }

    /// Put a manifest under `reference` (a tag or digest).
    pub async fn put_manifest(
        &self,
        repository: &str,
        reference: &str,
        media_type: &str,
        body: Bytes,
    ) -> Res<()> {
        let url = self.url(&format!("/v2/{repository}/manifests/{reference}"));
        let mt = media_type.to_string();
        self.send(
            &url,
            repository,
            true,
            move |c, u| c.put(u).header(CONTENT_TYPE, mt.clone()).body(body.clone()),
            &[StatusCode::CREATED, StatusCode::OK],
        )
        .await?;
        Ok(())
    }

    /// GET a manifest or index by tag or digest, reading at most 4 MiB of
    /// it (64 KiB of an error body): a registry that sends more, or an
    /// endless page, is cut off as the bytes arrive.
    pub async fn get_manifest(&self, repository: &str, reference: &str) -> Res<Fetched> {
        let url = self.url(&format!("/v2/{repository}/manifests/{reference}"));
        self.authorize(repository, false).await?;
        let mut res = self
            .idempotent(|| {
                self.with_auth(self.http.get(&url), &url, repository, false)
                    .header(
                        reqwest::header::ACCEPT,
                        super::manifest::ACCEPTED.join(", "),
                    )
            })
            .await?;
        let status = res.status();
        if !status.is_success() {
            return check(res, &url, &[]).await.map(|_| Fetched::default());
        }
        let header_digest = res
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let mut body = Vec::new();
        let mut too_big = false;
        while let Some(chunk) = res.chunk().await? {
            if body.len() + chunk.len() > super::manifest::MAX_DOCUMENT {
                too_big = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            body,
            header_digest,
            too_big,
        })
    }

    /// GET a small JSON document of the registry's API (`/v2/_catalog`, a
    /// repository's tags list), read up to 4 MiB.
    pub async fn get_listing(&self, path: &str, repository: Option<&str>) -> Res<Vec<u8>> {
        // The ping first: it finds whether an insecure registry speaks
        // plain HTTP, and how it wants credentials.
        match repository {
            Some(r) => self.authorize(r, false).await?,
            None => {
                self.challenge().await?;
            }
        }
        let url = self.url(path);
        let res = self
            .idempotent(|| {
                self.with_auth(self.http.get(&url), &url, repository.unwrap_or(""), false)
            })
            .await?;
        let mut res = check(res, &url, &[StatusCode::OK]).await?;
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await? {
            if body.len() + chunk.len() > super::manifest::MAX_DOCUMENT {
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Whether the credentials get through: a HEAD of a manifest that may
    /// or may not exist (a 404 says yes).
    pub async fn check_access(&self, repository: &str) -> Res<()> {
        let url = self.url(&format!("/v2/{repository}/manifests/latest"));
        self.authorize(repository, false).await?;
        let res = self
            .with_auth(self.http.head(&url), &url, repository, false)
            .header(
                reqwest::header::ACCEPT,
                super::manifest::ACCEPTED.join(", "),
            )
            .send()
            .await?;
        match res.status() {
            s if s.is_success() || s == StatusCode::NOT_FOUND => Ok(()),
            _ => check(res, &url, &[]).await.map(drop),
        }
    }
}

fn scope(repository: &str, push: bool) -> String {
    if push {
        format!("repository:{repository}:pull,push")
    } else {
        format!("repository:{repository}:pull")
    }
}

/// `location` with `digest=` added to its query.
fn with_digest(location: &str, digest: &str) -> Res<String> {
    let mut u = reqwest::Url::parse(location).map_err(|e| E::UrlParseError(e.to_string()))?;
    u.query_pairs_mut().append_pair("digest", digest);
    Ok(u.into())
}

/// Read at most [`MAX_ERROR_BODY`] of a body.
async fn bounded(mut res: Response) -> Res<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await? {
        if body.len() + chunk.len() > MAX_ERROR_BODY {
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The response if its status is one of `ok`; otherwise the error it
/// means (an empty `ok`: the response is an error to explain).
async fn check(res: Response, url: &str, ok: &[StatusCode]) -> Res<Response> {
    let status = res.status();
    if ok.contains(&status) {
        return Ok(res);
    }
    if status.is_success() && !ok.is_empty() {
        return Err(E::SpecViolationError(format!(
            "{url} answered {status}, not {}",
            ok.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    let url = url.to_string();
    let body = bounded(res).await.unwrap_or_default();
    if status == StatusCode::UNAUTHORIZED {
        return Err(E::UnauthorizedError { url });
    }
    Err(match serde_json::from_slice::<OciEnvelope>(&body) {
        Ok(envelope) if status.is_client_error() => E::RegistryError { envelope, url },
        _ => E::ServerError {
            code: status.as_u16(),
            url,
            message: String::from_utf8_lossy(&body).into_owned(),
        },
    })
}

/// `Bearer realm="...",service="..."` or `Basic realm="..."`.
fn parse_challenge(h: &str) -> Challenge {
    let (kind, rest) = h.trim().split_once(' ').unwrap_or((h.trim(), ""));
    if kind.eq_ignore_ascii_case("basic") {
        return Challenge::Basic;
    }
    if !kind.eq_ignore_ascii_case("bearer") {
        return Challenge::None;
    }
    let mut params = HashMap::new();
    let mut rest = rest.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let key = key
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = after.trim_start();
        let (value, tail) = if let Some(q) = after.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (&q[..end], &q[end + 1..]),
                None => (q, ""),
            }
        } else {
            match after.find(',') {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            }
        };
        params.insert(key, value.to_string());
        rest = tail.trim_start().trim_start_matches(',').trim_start();
    }
    match params.remove("realm") {
        Some(realm) => Challenge::Bearer {
            realm,
            service: params.remove("service"),
        },
        None => Challenge::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_as_registries_send_them() {
        match parse_challenge(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io""#,
        ) {
            Challenge::Bearer { realm, service } => {
                assert_eq!(realm, "https://auth.docker.io/token");
                assert_eq!(service.as_deref(), Some("registry.docker.io"));
            }
            c => panic!("{c:?}"),
        }
        match parse_challenge(
            r#"Bearer realm="https://x/token", service="x", scope="repository:a:pull""#,
        ) {
            Challenge::Bearer { realm, service } => {
                assert_eq!(realm, "https://x/token");
                assert_eq!(service.as_deref(), Some("x"));
            }
            c => panic!("{c:?}"),
        }
        assert!(matches!(
            parse_challenge(r#"Basic realm="den-test-registry""#),
            Challenge::Basic
        ));
        assert!(matches!(parse_challenge("Negotiate"), Challenge::None));
        assert!(matches!(
            parse_challenge("Bearer service=\"x\""),
            Challenge::None
        ));
    }
}
