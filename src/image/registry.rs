//! A registry repository to pull from or push to: its client (den's own,
//! `client.rs`) with certs.d's TLS and the credentials, and registry errors
//! turned into messages that say what to do.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use oci_client::errors::OciDistributionError;

use super::client::Client;
use super::manifest::{self, Document};
use super::reference::Qualified;
use super::tls::{self, CertsD};
use crate::config::auth::{self, Credentials};
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::util::digest::sha256_of;

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
    pub qualified: Qualified,
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
        let certs = CertsD::read(&tls::cert_dirs(
            paths,
            &q.registry,
            access.cert_dir.as_deref(),
        ))
        .with_context(|| format!("{q}: the registry's certs.d"))?;
        // Insecure (registries.conf or --tls-verify=false): HTTPS unverified,
        // or plain HTTP.
        let tls = tls::config(&certs, !insecure).with_context(|| format!("{q}: setting up TLS"))?;
        let http = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .user_agent(concat!("den/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(30))
            .read_timeout(std::time::Duration::from_secs(120))
            .build()
            .context("setting up the HTTP client")?;
        let creds = match &access.creds {
            Some(c) => Some(c.clone()),
            None => auth::lookup(paths, &q.registry, &q.repository)?,
        };
        let host = q.to_oci().resolve_registry().to_string();
        Ok(Remote {
            client: Client::new(
                http,
                &host,
                insecure,
                creds.map(|c| (c.username, c.password)),
            ),
            qualified: q.clone(),
        })
    }

    /// The repository on the registry (`library/busybox` for docker.io's
    /// short names).
    pub fn repository(&self) -> String {
        self.qualified.to_oci().repository().to_string()
    }

    /// The tag or digest asked for.
    pub fn wanted(&self) -> String {
        let r = self.qualified.to_oci();
        r.digest().or(r.tag()).unwrap_or("latest").to_string()
    }

    /// Authenticate for pulling (a bearer token where the registry asks for one).
    pub async fn login_for_pull(&self) -> Result<()> {
        self.client
            .authorize(&self.repository(), false)
            .await
            .map_err(|e| explain(e, &self.qualified))
    }

    /// Fetch and verify a manifest or index by tag or digest.
    pub async fn fetch_document(&self, wanted: &str) -> Result<(Document, String, Vec<u8>)> {
        let fetched = self
            .client
            .get_manifest(&self.repository(), wanted)
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
        let digest = sha256_of(&bytes);
        if wanted.starts_with("sha256:") {
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
            } else if joined.contains("Toomanyrequests") {
                anyhow::anyhow!("{q}: the registry is limiting how often den may ask: {} (wait and try again, or log in with den login {reg} for a higher limit)", msgs.join("; "))
            } else if joined.contains("Unsupported") {
                anyhow::anyhow!("{q}: the registry does not support this: {} (a mirror or read-only registry cannot take pushes; push to the registry itself)", msgs.join("; "))
            } else {
                anyhow::anyhow!("{q}: the registry answered with an error: {}", msgs.join("; "))
            }
        }
        E::ServerError { code: 404, .. } => anyhow::anyhow!("{q}: manifest not found in registry {reg}"),
        E::ServerError { code: 429, .. } => anyhow::anyhow!(
            "{q}: the registry is limiting how often den may ask (HTTP 429): wait and try again, or log in with den login {reg} for a higher limit"
        ),
        E::ServerError { code: 405, .. } => anyhow::anyhow!(
            "{q}: the registry does not allow this (HTTP 405): a mirror or read-only registry cannot take pushes; push to the registry itself"
        ),
        E::ServerError { code, message, .. } => {
            let m: String = message.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
            anyhow::anyhow!("{q}: the registry answered HTTP {code}: {m}")
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

#[cfg(test)]
mod tests {
    use super::*;
    use oci_client::errors::{OciEnvelope, OciError, OciErrorCode};

    fn q() -> Qualified {
        Qualified {
            registry: "reg.example".into(),
            repository: "team/app".into(),
            tag: Some("v1".into()),
            digest: None,
        }
    }

    fn said(e: OciDistributionError) -> String {
        let m = format!("{:#}", explain(e, &q()));
        assert!(!m.contains('\n'), "one line: {m}");
        m
    }

    #[test]
    fn registry_errors_say_what_to_do() {
        let envelope = |code| OciDistributionError::RegistryError {
            envelope: OciEnvelope {
                errors: vec![OciError {
                    code,
                    message: "nope".into(),
                    detail: serde_json::Value::Null,
                }],
            },
            url: "u".into(),
        };
        assert!(said(envelope(OciErrorCode::Denied)).contains("den login reg.example"));
        assert!(said(envelope(OciErrorCode::ManifestUnknown)).contains("manifest not found"));
        assert!(said(envelope(OciErrorCode::Toomanyrequests)).contains("wait and try again"));
        assert!(said(envelope(OciErrorCode::Unsupported)).contains("push to the registry itself"));
        let server = |code: u16, message: &str| OciDistributionError::ServerError {
            code,
            url: "u".into(),
            message: message.into(),
        };
        assert!(said(server(429, "")).contains("wait and try again"));
        assert!(said(server(405, "")).contains("read-only"));
        assert!(
            said(server(502, "<html>\n<body>bad\ngateway</body>\n</html>")).contains("HTTP 502")
        );
        assert!(
            said(OciDistributionError::UnauthorizedError { url: "u".into() }).contains("den login")
        );
    }
}
