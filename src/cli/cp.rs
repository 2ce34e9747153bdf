//! `den cp`: copy files between the host and containers, or to and from a
//! tar stream (`-`); `den export`: a container's filesystem as a tar.

use anyhow::Result;
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::copy::{self, CopyOptions, End};

#[derive(Debug, Args)]
pub struct CpArgs {
    /// Files copied into a container are owned by its user (false: keep
    /// the owners they have)
    #[arg(short, long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub archive: bool,
    /// Replace a directory with a file, or a file with a directory
    #[arg(long)]
    pub overwrite: bool,
    /// [CONTAINER:]SRC_PATH, or - for a tar stream on stdin
    #[arg(value_name = "SRC")]
    pub src: String,
    /// [CONTAINER:]DEST_PATH, or - for a tar stream on stdout
    #[arg(value_name = "DEST")]
    pub dest: String,
}

pub fn cp(paths: &Paths, a: CpArgs) -> Result<i32> {
    let src = End::parse(&a.src)?;
    let dst = End::parse(&a.dest)?;
    if dst == End::Stream && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!("refusing to write a tar archive to a terminal (redirect the output)");
    }
    let opts = CopyOptions {
        archive: a.archive,
        overwrite: a.overwrite,
    };
    copy::copy(
        paths,
        &src,
        &dst,
        opts,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
    )?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The container
    pub container: String,
}

/// `den export`.
pub fn export(paths: &Paths, a: ExportArgs) -> Result<i32> {
    match &a.output {
        Some(f) => {
            let mut file = std::fs::File::create(f)
                .map_err(|e| anyhow::anyhow!("creating {}: {e}", f.display()))?;
            if let Err(e) = crate::engine::export::export(paths, &a.container, &mut file) {
                let _ = std::fs::remove_file(f);
                return Err(e);
            }
        }
        None => {
            let out = std::io::stdout();
            if std::io::IsTerminal::is_terminal(&out) {
                anyhow::bail!("refusing to export to terminal. Use -o flag or redirect");
            }
            crate::engine::export::export(paths, &a.container, &mut out.lock())?;
        }
    }
    Ok(0)
}
