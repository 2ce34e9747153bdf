//! Talking to a registry through oci-client: TLS and plain-HTTP settings,
//! credentials, certs.d, and errors turned into messages that say what to do.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use oci_client::client::{Certificate, CertificateEncoding, ClientConfig, ClientProtocol};
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};
use sha2::{Digest, Sha256};

use super::http::{self, Endpoint};
use super::manifest::{self, Document};
use super::reference::Qualified;
use crate::config::auth::{self, Credentials};
use crate::config::paths::Paths;
use crate::config::registries::Registries;

/// Settings for one pull or push.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified TLS.
    pub tls_verify: Option<bool>,
    /// `--creds user:pass`, taking precedence over credential files.
    pub creds: Option<Credentials>,
    /// `--cert-dir`.
    pub cert_dir: Option<PathBuf>,
}

/// A connected client for one repository.
pub struct Remote {
    pub client: Client,
    pub auth: RegistryAuth,
    pub reference: oci_client::Reference,
    pub qualified: Qualified,
    /// For den's own bounded manifest requests.
    endpoint: Endpoint,
    /// The bearer token from [`Remote::login_for_pull`], if the registry uses one.
    token: std::sync::Mutex<Option<String>>,
    /// The client's settings, for [`Remote::chunked_client`].
    settings: Settings,
}

/// What a client is made from.
struct Settings {
    protocol: ClientProtocol,
    accept_invalid: bool,
    certs: Vec<Certificate>,
}

impl Settings {
    /// The client's configuration; `whole` uploads each blob in one
    /// request (see [`Remote::chunked_client`]).
    fn config(&self, whole: bool) -> ClientConfig {
        ClientConfig {
            protocol: self.protocol.clone(),
            accept_invalid_certificates: self.accept_invalid,
            extra_root_certificates: self.certs.clone(),
            connect_timeout: Some(std::time::Duration::from_secs(30)),
            read_timeout: Some(std::time::Duration::from_secs(120)),
            user_agent: concat!("den/", env!("CARGO_PKG_VERSION")),
            use_monolithic_push: whole,
            ..Default::default()
        }
    }
}

impl Remote {
    /// Prepare a client for `q`, with its TLS settings and credentials.
    pub fn connect(
        paths: &Paths,
        regs: &Registries,
        q: &Qualified,
        access: &Access,
    ) -> Result<Remote> {
        if regs.is_blocked(&q.registry, &q.repository) {
            bail!(
                "registry {} is blocked in {} (remove blocked = true to use it)",
                q.registry,
                regs.source
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
        }
        // reqwest is built without a default TLS provider: use ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let insecure =
            access.tls_verify == Some(false) || regs.is_insecure(&q.registry, &q.repository);
        let protocol = if insecure {
            ClientProtocol::HttpsExcept(vec![q.registry.clone()])
        } else {
            ClientProtocol::Https
        };
        let settings = Settings {
            protocol,
            accept_invalid: access.tls_verify == Some(false),
            certs: certificates(paths, &q.registry, access.cert_dir.as_deref()),
        };
        let config = settings.config(true);
        let creds = match &access.creds {
            Some(c) => Some(c.clone()),
            None => auth::lookup(paths, &q.registry, &q.repository)?,
        };
        let endpoint = endpoint(&config, &q.to_oci(), insecure)?;
        let auth = match creds {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        Ok(Remote {
            client: Client::new(config),
            settings,
            auth,
            reference: q.to_oci(),
            qualified: q.clone(),
            endpoint,
            token: std::sync::Mutex::new(None),
        })
    }

    /// A client that uploads blobs in chunks, authenticated for pushing.
    pub async fn chunked_client(&self) -> Result<Client> {
        let client = Client::new(self.settings.config(false));
        client
            .auth(&self.reference, &self.auth, RegistryOperation::Push)
            .await
            .map_err(|e| explain(e, &self.qualified))?;
        Ok(client)
    }

    /// Authenticate for pulling (a bearer token where the registry asks for one).
    pub async fn login_for_pull(&self) -> Result<()> {
        let token = self
            .client
            .auth(&self.reference, &self.auth, RegistryOperation::Pull)
            .await
            .map_err(|e| explain(e, &self.qualified))?;
        if let Ok(mut t) = self.token.lock() {
            *t = token;
        }
        Ok(())
    }

    /// Fetch and verify a manifest or index by tag or digest.
    pub async fn fetch_document(
        &self,
        reference: &oci_client::Reference,
    ) -> Result<(Document, String, Vec<u8>)> {
        let token = self.token.lock().ok().and_then(|t| t.clone());
        let wanted = reference.digest().or(reference.tag()).unwrap_or("latest");
        let fetched = http::fetch_manifest(
            &self.endpoint,
            reference.repository(),
            wanted,
            token.as_deref(),
            &self.auth,
        )
        .await
        .map_err(|e| explain(e, &self.qualified))?;
        if fetched.too_big {
            bail!(
                "{}: the registry sent a manifest larger than 4 MiB",
                self.qualified
            );
        }
        let bytes = fetched.body;
        let header_digest = fetched.header_digest.unwrap_or_default();
        let digest = format!("sha256:{}", hex::encode(Sha256::digest(&bytes)));
        if let Some(wanted) = reference.digest() {
            if wanted != digest {
                bail!(
                    "{}: the registry sent a manifest with digest {digest}, not the {wanted} asked for",
                    self.qualified
                );
            }
        } else if header_digest.starts_with("sha256:") && header_digest != digest {
            bail!(
                "{}: the manifest's digest {digest} does not match the registry's header {header_digest}",
                self.qualified
            );
        }
        let doc = manifest::parse_document(&bytes, None)
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", self.qualified))?;
        Ok((doc, digest, bytes.to_vec()))
    }

    /// The reference for a digest in the same repository.
    pub fn by_digest(&self, digest: &str) -> oci_client::Reference {
        oci_client::Reference::with_digest(
            self.qualified.registry.clone(),
            self.qualified.repository.clone(),
            digest.to_string(),
        )
    }
}

/// The endpoint for den's own requests, with the TLS settings of `config`.
fn endpoint(
    config: &ClientConfig,
    reference: &oci_client::Reference,
    insecure: bool,
) -> Result<Endpoint> {
    let mut b = reqwest::Client::builder()
        .user_agent(config.user_agent)
        .danger_accept_invalid_certs(config.accept_invalid_certificates)
        .connect_timeout(std::time::Duration::from_secs(30))
        .read_timeout(std::time::Duration::from_secs(120));
    for c in &config.extra_root_certificates {
        if let Ok(cert) = reqwest::Certificate::from_pem(&c.data) {
            b = b.add_root_certificate(cert);
        }
    }
    let scheme = if insecure { "http" } else { "https" };
    Ok(Endpoint {
        http: b.build().context("setting up the HTTP client")?,
        base: format!("{scheme}://{}", reference.resolve_registry()),
    })
}

/// CA certificates for `registry` from certs.d directories (`*.crt`).
fn certificates(
    paths: &Paths,
    registry: &str,
    cert_dir: Option<&std::path::Path>,
) -> Vec<Certificate> {
    let dirs: Vec<PathBuf> = match cert_dir {
        Some(d) => vec![d.to_path_buf()],
        None => vec![
            paths.config_home.join("containers/certs.d").join(registry),
            PathBuf::from("/etc/containers/certs.d").join(registry),
            PathBuf::from("/etc/docker/certs.d").join(registry),
        ],
    };
    let mut certs = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "crt") {
                if let Ok(data) = std::fs::read(&p) {
                    certs.push(Certificate {
                        encoding: CertificateEncoding::Pem,
                        data,
                    });
                }
            }
        }
    }
    certs
}

/// Whether the registry refused the credentials (as opposed to not
/// finding something, or not answering).
pub fn refused(e: &OciDistributionError) -> bool {
    use oci_client::errors::OciErrorCode as C;
    use OciDistributionError as E;
    match e {
        E::UnauthorizedError { .. } | E::AuthenticationFailure(_) => true,
        E::ServerError { code, .. } => matches!(code, 401 | 403),
        E::RegistryError { envelope, .. } => envelope
            .errors
            .iter()
            .any(|x| matches!(x.code, C::Unauthorized | C::Denied)),
        _ => false,
    }
}

/// Turn a client error into a message that says what happened and what to do.
pub fn explain(e: OciDistributionError, q: &Qualified) -> anyhow::Error {
    use OciDistributionError as E;
    let reg = &q.registry;
    match e {
        E::UnauthorizedError { .. } | E::AuthenticationFailure(_) => anyhow::anyhow!(
            "{q}: the registry refused access (log in with: den login {reg}, or check the credentials in auth.json)"
        ),
        E::ImageManifestNotFoundError(_) => anyhow::anyhow!("{q}: manifest not found in registry {reg}"),
        E::RegistryError { envelope, .. } => {
            let codes: Vec<String> = envelope.errors.iter().map(|x| format!("{:?}", x.code)).collect();
            let msgs: Vec<String> = envelope.errors.iter().map(|x| x.message.clone()).collect();
            let joined = codes.join(",");
            if joined.contains("ManifestUnknown") || joined.contains("NameUnknown") || joined.contains("BlobUnknown") {
                anyhow::anyhow!("{q}: manifest not found in registry {reg}")
            } else if joined.contains("Unauthorized") || joined.contains("Denied") {
                anyhow::anyhow!("{q}: the registry refused access: {} (log in with: den login {reg})", msgs.join("; "))
            } else {
                anyhow::anyhow!("{q}: the registry answered with an error: {}", msgs.join("; "))
            }
        }
        E::ServerError { code: 404, .. } => anyhow::anyhow!("{q}: manifest not found in registry {reg}"),
        E::ServerError { code, message, .. } => {
            let m: String = message.chars().take(200).collect();
            anyhow::anyhow!("{q}: the registry answered HTTP {code}: {}", m.trim())
        }
        E::RequestError(re) if matches!(re.status().map(|s| s.as_u16()), Some(401 | 403)) => anyhow::anyhow!(
            "{q}: the registry refused access (log in with: den login {reg}, or check the credentials in auth.json)"
        ),
        E::RequestError(re) => {
            let mut detail = re.to_string();
            let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&re);
            while let Some(s) = src {
                detail = format!("{detail}: {s}");
                src = s.source();
            }
            let hint = if detail.contains("InvalidContentType") || detail.contains("corrupt message") || detail.contains("wrong version number") {
                format!(" (if {reg} serves plain HTTP, mark it insecure in registries.conf or pass --tls-verify=false)")
            } else if detail.contains("certificate") || detail.contains("UnknownIssuer") {
                format!(" (put its CA certificate in ~/.config/containers/certs.d/{reg}/ca.crt, or pass --tls-verify=false)")
            } else {
                " (check the registry address and that it is reachable)".to_string()
            };
            anyhow::anyhow!("{q}: cannot reach registry {reg}: {detail}{hint}")
        }
        other => anyhow::anyhow!("{q}: {other}"),
    }
}
