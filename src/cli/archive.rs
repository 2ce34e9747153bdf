//! `den save` and `den load`: images to and from archives.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::archives::{self, LoadSource, SaveFormat, SaveTarget};

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Write to this file (or directory, for oci-dir) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// docker-archive, oci-archive or oci-dir
    #[arg(long, default_value = "docker-archive", value_parser = ["docker-archive", "oci-archive", "oci-dir", "docker-dir"])]
    pub format: String,
    /// Allow several images in one docker-archive (den always does)
    #[arg(short, long)]
    pub multi_image_archive: bool,
    /// Print no progress (den prints none)
    #[arg(short, long)]
    pub quiet: bool,
    /// Accepted for compatibility: den writes layers uncompressed
    #[arg(long)]
    pub compress: bool,
    /// Accepted for compatibility: den writes layers uncompressed
    #[arg(long)]
    pub uncompressed: bool,
    /// Images to save (names or ids)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn save(paths: &Paths, a: SaveArgs) -> Result<i32> {
    let format = match a.format.as_str() {
        "docker-archive" => SaveFormat::DockerArchive,
        "oci-archive" => SaveFormat::OciArchive,
        "oci-dir" => SaveFormat::OciDir,
        _ => bail!("--format docker-dir is not supported by den: use oci-dir, oci-archive or docker-archive"),
    };
    if format == SaveFormat::OciDir {
        let dir = a
            .output
            .as_deref()
            .context("--format oci-dir needs -o DIRECTORY")?;
        if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
            bail!(
                "{} is not empty: give a new or empty directory",
                dir.display()
            );
        }
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let r = archives::save(paths, &a.images, format, SaveTarget::Dir(dir));
        if r.is_err() {
            let _ = std::fs::remove_dir_all(dir);
        }
        return r.map(|()| 0);
    }
    match &a.output {
        None => {
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                bail!("refusing to write an archive to a terminal: use -o FILE or redirect stdout");
            }
            let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
            archives::save(paths, &a.images, format, SaveTarget::Stream(&mut out))?;
            out.flush()?;
        }
        Some(path) => {
            // Written beside it, then renamed: never half an archive under its name.
            let name = path.file_name().context("-o needs a file name")?;
            let mut tmp_name = std::ffi::OsString::from(".");
            tmp_name.push(name);
            tmp_name.push(format!(".den-{}", crate::util::ids::random_hex(8)));
            let tmp = path.with_file_name(tmp_name);
            // A new file of the user's only: never one someone else made there.
            let file = {
                use std::os::unix::fs::OpenOptionsExt;
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?
            };
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            let r = archives::save(paths, &a.images, format, SaveTarget::Stream(&mut out))
                .and_then(|()| Ok(out.flush()?))
                .and_then(|()| {
                    // Whole: readable as a file the user saved would be.
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644))?;
                    std::fs::rename(&tmp, path)
                        .with_context(|| format!("writing {}", path.display()))
                });
            if r.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            r?;
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read from this archive (or OCI layout directory) instead of stdin
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Print no progress (den prints none)
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn load(paths: &Paths, a: LoadArgs) -> Result<i32> {
    let loaded = match &a.input {
        Some(p) if p.is_dir() => archives::load(paths, LoadSource::Dir(p))?,
        Some(p) => {
            let f = std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
            archives::load(paths, LoadSource::File(f))?
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!("den load reads an archive from stdin: use -i FILE or redirect stdin");
            }
            archives::load(paths, LoadSource::Stream(&mut stdin.lock()))?
        }
    };
    for (id, names) in loaded {
        if names.is_empty() {
            println!("Loaded image: sha256:{id}");
        }
        for n in names {
            println!("Loaded image: {n}");
        }
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
    /// ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// A message for the image's history
    #[arg(short, long)]
    pub message: Option<String>,
    /// Print only the image id (den prints nothing else anyway)
    #[arg(short, long)]
    pub quiet: bool,
    /// The architecture the image says it is for (default: this host's)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// The OS the image says it is for (default: linux)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// The architecture variant the image says it is for
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// A tarball: a file, an http(s) URL, or - for stdin
    pub source: String,
    /// The name to give the image
    pub reference: Option<String>,
}

pub fn import(paths: &Paths, a: ImportArgs) -> Result<i32> {
    use crate::engine::import::{self, ImportOptions, ImportSource};
    let opts = ImportOptions {
        changes: a.change,
        message: a.message,
        name: a.reference,
        arch: a.arch,
        os: a.os,
        variant: a.variant,
    };
    let id = if a.source == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            bail!("den import - reads a tarball from stdin: redirect it, or give a file or URL");
        }
        import::import(paths, ImportSource::Stream(&mut stdin.lock()), &opts)?
    } else if a.source.starts_with("http://") || a.source.starts_with("https://") {
        import::import(paths, ImportSource::Url(&a.source), &opts)?
    } else {
        let f = std::fs::File::open(&a.source).with_context(|| {
            format!("opening {} (give a tarball, an http(s) URL or -)", a.source)
        })?;
        import::import(paths, ImportSource::File(f), &opts)?
    };
    println!("{id}");
    Ok(0)
}
