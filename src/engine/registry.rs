//! Registry accounts: credentials checked with the registry and kept in
//! podman's auth.json (`login`), looked up and removed (`logout`).

use std::path::PathBuf;

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::auth::{self, Credentials};
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::image::reference::Qualified;
use crate::image::registry::{self, Access, Remote};

/// Check the credentials with the registry: a bearer token where it asks
/// for one, else an authenticated request that it must not refuse.
fn check_login(
    paths: &Paths,
    registry: &str,
    creds: &Credentials,
    tls_verify: Option<bool>,
    cert_dir: Option<PathBuf>,
) -> Result<()> {
    let regs = Registries::load(paths)?;
    let q = Qualified {
        registry: registry.to_string(),
        repository: "den/login-check".into(),
        tag: Some("latest".into()),
        digest: None,
    };
    let access = Access {
        tls_verify,
        creds: Some(creds.clone()),
        cert_dir,
    };
    let remote = Remote::connect(paths, &regs, &q, &access)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the network runtime")?;
    runtime.block_on(async {
        let refused = || anyhow::anyhow!("{registry}: the registry refused the username or password (check them and try again)");
        let repo = remote.repository();
        match remote.client.authorize(&repo, false).await {
            Ok(()) => {}
            Err(e) if registry::refused(&e) => return Err(refused()),
            Err(e) => return Err(registry::explain(e, &q)),
        }
        // Found or not found: either way the credentials got through.
        match remote.client.check_access(&repo).await {
            Ok(()) => Ok(()),
            Err(e) if registry::refused(&e) => Err(refused()),
            Err(e) => Err(registry::explain(e, &q)),
        }
    })
}

/// `https://host:port/v2/` -> `host:port`; `docker.io` spelled as podman does.
pub fn registry_key(r: &str) -> Result<String> {
    let k = auth::normalize_key(r);
    if k.is_empty() || k.contains('/') || k.contains(char::is_whitespace) {
        bail!("invalid registry {r:?} (give a host name, like registry.example.com:5000)");
    }
    Ok(match k.as_str() {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".into(),
        _ => k,
    })
}

/// Where and how to log in.
#[derive(Debug, Clone, Default)]
pub struct LoginAccess {
    /// The credentials file (none: podman's auth.json).
    pub authfile: Option<PathBuf>,
    pub tls_verify: Option<bool>,
    pub cert_dir: Option<PathBuf>,
}

/// Check `creds` with `registry` (a key from [`registry_key`]) and keep them.
pub fn login(
    paths: &Paths,
    registry: &str,
    creds: &Credentials,
    access: &LoginAccess,
) -> Result<()> {
    check_login(
        paths,
        registry,
        creds,
        access.tls_verify,
        access.cert_dir.clone(),
    )?;
    auth::store(
        &auth::login_file(paths, access.authfile.as_deref()),
        registry,
        creds,
    )
}

/// The username kept for `registry`, if any.
pub fn stored_username(
    paths: &Paths,
    registry: &str,
    authfile: Option<&Path>,
) -> Result<Option<String>> {
    auth::stored_username(&auth::login_file(paths, authfile), registry)
}

/// Forget the credentials of `registry` (none: of every registry).
pub fn logout(paths: &Paths, registry: Option<&str>, authfile: Option<&Path>) -> Result<()> {
    let file = auth::login_file(paths, authfile);
    if !auth::remove(&file, registry)? {
        if let Some(r) = registry {
            bail!(
                "not logged into {r} (nothing to remove in {})",
                file.display()
            );
        }
    }
    Ok(())
}
