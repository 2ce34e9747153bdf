//! `den push`: an image to a registry.

use anyhow::{Context, Result};
use clap::Args;

use super::image::AccessArgs;
use super::progress::Terminal;
use crate::config::paths::Paths;
use crate::config::settings::Settings;
use crate::engine::push::{self, Compression, Format, PushOptions, Upload};

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Print no progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Manifest format: oci or v2s2 (Docker's); the image's own by default
    #[arg(short, long, value_parser = ["oci", "v2s2", "docker"])]
    pub format: Option<String>,
    /// Layer compression for layers the registry does not have yet: gzip or zstd
    #[arg(long, value_parser = ["gzip", "zstd"])]
    pub compression_format: Option<String>,
    /// Write the pushed manifest's digest to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    /// Accepted for compatibility: den copies no signatures
    #[arg(long)]
    pub remove_signatures: bool,
    /// Compress layers for the dir transport (den pushes to registries,
    /// where layers are always compressed: no effect, as in podman)
    #[arg(long)]
    pub compress: bool,
    /// Docker's signature checks: no effect (as in podman)
    #[arg(long)]
    pub disable_content_trust: bool,
    #[command(flatten)]
    pub signing: SigningArgs,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The image to push
    pub image: String,
    /// Where to (docker://HOST/NAME:TAG or HOST/NAME:TAG); the image's name by default
    pub destination: Option<String>,
}

// podman's signing flags, refused: den does not sign.
#[derive(Debug, Args, Default)]
pub struct SigningArgs {
    /// Sign the image with this GPG key (not supported: den does not sign)
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Sign with this sigstore private key (not supported: den does not sign)
    #[arg(long, value_name = "FILE")]
    pub sign_by_sigstore_private_key: Option<std::path::PathBuf>,
    /// The passphrase of the signing key (not supported: den does not sign)
    #[arg(long, value_name = "FILE")]
    pub sign_passphrase_file: Option<std::path::PathBuf>,
}

impl SigningArgs {
    /// Refuse any of them.
    pub fn refuse(&self) -> Result<()> {
        if self.sign_by.is_some()
            || self.sign_by_sigstore_private_key.is_some()
            || self.sign_passphrase_file.is_some()
        {
            anyhow::bail!(
                "den does not sign images: push without --sign-by, then sign with skopeo or cosign"
            );
        }
        Ok(())
    }
}

pub fn push(paths: &Paths, a: PushArgs) -> Result<i32> {
    a.signing.refuse()?;
    let opts = options(paths, &a)?;
    let digest = push::push(paths, &a.image, a.destination.as_deref(), &opts)?;
    if let Some(f) = &a.digestfile {
        std::fs::write(f, &digest).with_context(|| format!("writing {}", f.display()))?;
    }
    Ok(0)
}

/// How to push, from the flags and den.conf.
fn options(paths: &Paths, a: &PushArgs) -> Result<PushOptions> {
    push_options(
        paths,
        &a.access,
        a.quiet,
        a.format.as_deref(),
        a.compression_format.as_deref(),
    )
}

/// Push settings from the flags push and `manifest push` share
/// (`--format`, `--compression-format`, `-q`, access) and den.conf.
pub(super) fn push_options(
    paths: &Paths,
    access: &AccessArgs,
    quiet: bool,
    format: Option<&str>,
    compression: Option<&str>,
) -> Result<PushOptions> {
    let settings = Settings::load(paths)?;
    Ok(PushOptions {
        access: access.access()?,
        progress: Terminal::shared(quiet),
        format: format.map(|f| match f {
            "oci" => Format::Oci,
            _ => Format::V2s2,
        }),
        compression: compression.map(|c| match c {
            "zstd" => Compression::Zstd,
            _ => Compression::Gzip,
        }),
        upload: if settings.push_chunked {
            Upload::Chunked
        } else {
            Upload::Whole
        },
    })
}

/// How compose pushes: an image's own format and compression, progress
/// unless `quiet`.
pub(super) fn compose_options(paths: &Paths, quiet: bool) -> Result<PushOptions> {
    options(
        paths,
        &PushArgs {
            quiet,
            format: None,
            compression_format: None,
            digestfile: None,
            remove_signatures: false,
            compress: false,
            disable_content_trust: false,
            signing: SigningArgs::default(),
            access: AccessArgs::default(),
            image: String::new(),
            destination: None,
        },
    )
}
