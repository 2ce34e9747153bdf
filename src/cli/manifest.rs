//! `den manifest ...`: manifest lists (image indexes), podman's commands
//! and flags; the work is `engine::manifests`.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};

use super::image::AccessArgs;
use super::push::SigningArgs;
use crate::config::paths::Paths;
use crate::engine::manifests::{self, AddOptions, ListPushOptions, Overrides};
use crate::error::Error;

/// `den manifest ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ManifestCommand {
    /// Create a manifest list, with images in it
    Create(CreateArgs),
    /// Add images to a manifest list
    Add(AddArgs),
    /// Change the platform or annotations of an entry of a manifest list
    Annotate(AnnotateArgs),
    /// Show a manifest list, or an image's manifest or index in a registry
    Inspect(InspectArgs),
    /// Push a manifest list and its images to a registry
    Push(PushArgs),
    /// Remove an entry from a manifest list
    Remove(RemoveArgs),
    /// Remove manifest lists
    Rm(RmArgs),
    /// Exit 0 if a manifest list exists, 1 if not
    Exists(ExistsArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Add every entry of an image that is a registry's list (not only this host's)
    #[arg(long)]
    pub all: bool,
    /// Add to the list of that name if there is one
    #[arg(short, long)]
    pub amend: bool,
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// The list's name
    pub list: String,
    /// Images to put in it (den's own, or docker://NAME for a registry's)
    pub images: Vec<String>,
}

// `--arch`, `--os`, ... for `add` and `annotate`.
#[derive(Debug, Args, Default)]
pub struct PlatformArgs {
    /// Set an annotation (KEY=VALUE) on the entry
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// The entry's architecture, instead of the image's own
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// The entry's features
    #[arg(long, value_name = "FEATURES")]
    pub features: Vec<String>,
    /// The entry's OS, instead of the image's own
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// The entry's OS version
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// The entry's variant, instead of the image's own
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

impl PlatformArgs {
    fn overrides(&self, os_features: &[String]) -> Result<Overrides> {
        let mut annotations = Vec::new();
        for a in &self.annotation {
            let (k, v) = a
                .split_once('=')
                .with_context(|| format!("--annotation {a:?}: use KEY=VALUE"))?;
            if k.is_empty() {
                bail!("--annotation {a:?}: the key is empty (use KEY=VALUE)");
            }
            annotations.push((k.to_string(), v.to_string()));
        }
        let split = |v: &[String]| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.split(','))
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        Ok(Overrides {
            arch: self.arch.clone(),
            os: self.os.clone(),
            os_version: self.os_version.clone(),
            variant: self.variant.clone(),
            features: split(&self.features),
            os_features: split(os_features),
            annotations,
        })
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Add every entry of an image that is a registry's list (not only this host's)
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub platform: PlatformArgs,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The list
    pub list: String,
    /// Images to add (den's own, or docker://NAME for a registry's)
    #[arg(required = true)]
    pub images: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub platform: PlatformArgs,
    /// The entry's OS features
    #[arg(long, value_name = "FEATURES")]
    pub os_features: Vec<String>,
    /// The list
    pub list: String,
    /// The entry: its manifest digest
    pub entry: String,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// A local list, or an image in a registry
    pub list: String,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Push the list's images too (default true; --all=false pushes the list alone)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub all: Option<bool>,
    /// Layer compression for layers the registry does not have yet: gzip or zstd
    #[arg(long, value_parser = ["gzip", "zstd"])]
    pub compression_format: Option<String>,
    /// Write the pushed list's digest to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    /// The list's format: oci or v2s2 (Docker's); the list's own by default
    #[arg(short, long, value_parser = ["oci", "v2s2"])]
    pub format: Option<String>,
    /// Print no progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Accepted for compatibility: den copies no signatures
    #[arg(long)]
    pub remove_signatures: bool,
    /// Remove the list once it is pushed
    #[arg(long)]
    pub rm: bool,
    #[command(flatten)]
    pub signing: SigningArgs,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The list
    pub list: String,
    /// Where to (docker://HOST/NAME:TAG or HOST/NAME:TAG)
    pub destination: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The list
    pub list: String,
    /// The entry: its manifest digest
    pub entry: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The lists
    #[arg(required = true)]
    pub lists: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The list
    pub list: String,
}

fn access(tls_verify: Option<bool>) -> AccessArgs {
    AccessArgs {
        tls_verify,
        ..AccessArgs::default()
    }
}

pub fn manifest(paths: &Paths, c: ManifestCommand) -> Result<i32> {
    match c {
        ManifestCommand::Create(a) => {
            let opts = AddOptions {
                all: a.all,
                access: access(a.tls_verify).access()?,
                overrides: Overrides::default(),
            };
            println!(
                "{}",
                manifests::create(paths, &a.list, &a.images, a.amend, &opts)?
            );
        }
        ManifestCommand::Add(a) => {
            let opts = AddOptions {
                all: a.all,
                access: a.access.access()?,
                overrides: a.platform.overrides(&[])?,
            };
            println!("{}", manifests::add(paths, &a.list, &a.images, &opts)?);
        }
        ManifestCommand::Annotate(a) => {
            let o = a.platform.overrides(&a.os_features)?;
            println!("{}", manifests::annotate(paths, &a.list, &a.entry, &o)?);
        }
        ManifestCommand::Inspect(a) => {
            let access = access(a.tls_verify).access()?;
            println!("{}", manifests::inspect(paths, &a.list, &access)?);
        }
        ManifestCommand::Push(a) => return push(paths, a),
        ManifestCommand::Remove(a) => {
            println!("{}", manifests::remove(paths, &a.list, &a.entry)?);
        }
        ManifestCommand::Rm(a) => {
            // Every list is tried; 1 when all that failed were not
            // there, 125 when something else went wrong.
            let mut code = 0;
            for l in &a.lists {
                match manifests::rm(paths, l) {
                    Ok(gone) => {
                        for n in &gone.names {
                            println!("Untagged: {n}");
                        }
                        println!("Deleted: {}", gone.id);
                    }
                    Err(e) => {
                        eprintln!("den: error: {e:#}");
                        let missing =
                            matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. }));
                        code = code.max(if missing { 1 } else { 125 });
                    }
                }
            }
            if code != 0 {
                return Err(crate::error::Exit::status(code).into());
            }
            return Ok(0);
        }
        ManifestCommand::Exists(a) => {
            return Ok(if manifests::exists(paths, &a.list)? {
                0
            } else {
                1
            });
        }
    }
    Ok(0)
}

fn push(paths: &Paths, a: PushArgs) -> Result<i32> {
    a.signing.refuse()?;
    let o = ListPushOptions {
        push: super::push::push_options(
            paths,
            &a.access,
            a.quiet,
            a.format.as_deref(),
            a.compression_format.as_deref(),
        )?,
        all: a.all.unwrap_or(true),
        remove: a.rm,
    };
    let digest = manifests::push(paths, &a.list, &a.destination, &o)?;
    if let Some(f) = &a.digestfile {
        std::fs::write(f, &digest).with_context(|| format!("writing {}", f.display()))?;
    }
    Ok(0)
}
