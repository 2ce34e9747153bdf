//! Registry accounts: checking credentials before they are kept
//! (`login`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use oci_client::RegistryOperation;

use crate::config::auth::Credentials;
use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::image::reference::Qualified;
use crate::image::registry::{self, Access, Remote};

/// Check the credentials with the registry: a bearer token where it asks
/// for one, else an authenticated request that it must not refuse.
pub fn check_login(
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
        use oci_client::errors::OciDistributionError as E;
        let refused = || anyhow::anyhow!("{registry}: the registry refused the username or password (check them and try again)");
        match remote.client.auth(&remote.reference, &remote.auth, RegistryOperation::Pull).await {
            Ok(_) => {}
            Err(e) if registry::refused(&e) => return Err(refused()),
            Err(e) => return Err(registry::explain(e, &q)),
        }
        match remote.client.fetch_manifest_digest(&remote.reference, &remote.auth).await {
            Err(e) if registry::refused(&e) => Err(refused()),
            // Found, or not found: either way the credentials got through.
            Ok(_) | Err(E::RegistryError { .. }) | Err(E::ServerError { code: 404, .. }) => Ok(()),
            Err(e) => Err(registry::explain(e, &q)),
        }
    })
}
