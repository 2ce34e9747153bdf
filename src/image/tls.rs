//! TLS for registries, as podman and skopeo do it: the system's CAs plus
//! the `*.crt` files of the registry's certs.d directory, client
//! certificates from `*.cert`/`*.key` pairs there, and a certificate of
//! certs.d that the server presents as its own accepted as it is, even
//! when it is also a CA (the self-signed certificate Docker's
//! documentation tells registry owners to make, which webpki alone
//! refuses as `CaUsedAsEndEntity`); its names must still match.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error as TlsError, RootCertStore, SignatureScheme};

use crate::config::paths::Paths;

/// The certs.d directories of `registry` (`--cert-dir` replaces them).
pub fn cert_dirs(paths: &Paths, registry: &str, cert_dir: Option<&Path>) -> Vec<PathBuf> {
    match cert_dir {
        Some(d) => vec![d.to_path_buf()],
        None => vec![
            paths.config_home.join("containers/certs.d").join(registry),
            PathBuf::from("/etc/containers/certs.d").join(registry),
            PathBuf::from("/etc/docker/certs.d").join(registry),
        ],
    }
}

/// What certs.d holds for a registry.
#[derive(Debug, Default, Clone)]
pub struct CertsD {
    /// `*.crt`: CAs, or the server's own certificate.
    pub trusted: Vec<CertificateDer<'static>>,
    /// `*.cert` and its `*.key`: the client's identity.
    pub client: Option<(Vec<CertificateDer<'static>>, Arc<PrivateKeyDer<'static>>)>,
}

impl CertsD {
    /// Read the directories' certificates; files that are not PEM are
    /// named in the error.
    pub fn read(dirs: &[PathBuf]) -> Result<CertsD> {
        let mut out = CertsD::default();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut names: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            names.sort();
            for p in names {
                match p.extension().and_then(|x| x.to_str()) {
                    Some("crt") => {
                        for c in CertificateDer::pem_file_iter(&p)
                            .with_context(|| format!("reading {}", p.display()))?
                        {
                            out.trusted.push(c.with_context(|| {
                                format!("{} is not a PEM certificate", p.display())
                            })?);
                        }
                    }
                    Some("cert") if out.client.is_none() => {
                        let key = p.with_extension("key");
                        let chain = CertificateDer::pem_file_iter(&p)
                            .with_context(|| format!("reading {}", p.display()))?
                            .collect::<Result<Vec<_>, _>>()
                            .with_context(|| format!("{} is not a PEM certificate", p.display()))?;
                        let key = PrivateKeyDer::from_pem_file(&key).with_context(|| {
                            format!("{} needs its key in {} (PEM)", p.display(), key.display())
                        })?;
                        out.client = Some((chain, Arc::new(key)));
                    }
                    _ => {}
                }
            }
        }
        Ok(out)
    }
}

/// The rustls configuration for a registry: verified against the system's
/// CAs and `certs`, or not at all with `verify` false.
pub fn config(certs: &CertsD, verify: bool) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    for c in native.certs {
        let _ = roots.add(c);
    }
    for c in &certs.trusted {
        let _ = roots.add(c.clone());
    }
    let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .context("setting up certificate verification (no CA certificates?)")?;
    let verifier = Arc::new(Verifier {
        inner,
        pinned: certs.trusted.clone(),
        verify,
        provider: provider.clone(),
    });
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match &certs.client {
        Some((chain, key)) => builder
            .with_client_auth_cert(chain.clone(), key.clone_key())
            .context("the client certificate and key in certs.d do not go together")?,
        None => builder.with_no_client_auth(),
    };
    // reqwest is built for HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[derive(Debug)]
struct Verifier {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
    /// certs.d's certificates: one the server presents as its own is
    /// trusted as it is (its names still checked).
    pinned: Vec<CertificateDer<'static>>,
    /// `--tls-verify=false`: anything goes.
    verify: bool,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, TlsError> {
        if !self.verify {
            return Ok(ServerCertVerified::assertion());
        }
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Ok(v) => Ok(v),
            Err(e) => {
                if self
                    .pinned
                    .iter()
                    .any(|p| p.as_ref() == end_entity.as_ref())
                {
                    let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                    rustls::client::verify_server_name(&parsed, server_name)?;
                    return Ok(ServerCertVerified::assertion());
                }
                Err(e)
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
