//! The command line: clap definitions and dispatch. Handlers parse and
//! print; the work is done by the engine modules.

mod docs;
mod image;
mod output;
mod run;
mod system;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::config::paths::Paths;
use crate::error::{Exit, EXIT_DEN};

/// den: run containers without a daemon and without root.
#[derive(Debug, Parser)]
#[command(
    name = "den",
    version,
    about = "Run containers without a daemon and without root",
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Storage root (default: $XDG_DATA_HOME/den)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)
    #[arg(long, global = true, value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// Storage driver: overlay, fuse-overlayfs or vfs (default: detected)
    #[arg(long, global = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// Log messages at this level and above: debug, info, warn, error
    #[arg(long, global = true, value_name = "LEVEL", default_value = "warn",
          value_parser = ["debug", "info", "warn", "error"])]
    pub log_level: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pull an image from a registry
    Pull(image::PullArgs),
    /// List images in local storage
    Images(image::ImagesArgs),
    /// Remove one or more images from local storage
    Rmi(image::RmiArgs),
    /// Add an additional name to a local image
    Tag(image::TagArgs),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Display the configuration of an object
    Inspect(image::InspectArgs),
    /// Run a command in a new container
    Run(Box<run::RunArgs>),
    /// Remove one or more containers
    Rm(run::RmArgs),
    /// Display den related system information
    Info(system::InfoArgs),
    /// Display the den version information
    Version(system::VersionArgs),
    /// Run a command in den's user namespace
    Unshare(system::UnshareArgs),
    /// The per-container supervisor (internal)
    #[command(name = "__supervise", hide = true)]
    Supervise { id: String },
    /// Write man pages and shell completions (internal)
    #[command(name = "__generate", hide = true)]
    Generate { dir: PathBuf },
}

/// The clap command, for docs and completions.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parse, dispatch, and turn the outcome into an exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    crate::util::log::set_debug(
        cli.log_level == "debug"
            || crate::config::env::var(crate::config::env::DEN_LOG_LEVEL)
                .is_some_and(|v| v == "debug"),
    );
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => report(e),
    }
}

/// Print an error as one `den: error:` line and pick the exit status.
pub fn report(e: anyhow::Error) -> i32 {
    if let Some(exit) = e.downcast_ref::<Exit>() {
        if !exit.message.is_empty() {
            eprintln!("den: error: {}", exit.message);
        }
        return exit.code;
    }
    let msg = format!("{e:#}").replace('\n', " ");
    eprintln!("den: error: {msg}");
    EXIT_DEN
}

fn clap_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                EXIT_DEN
            } else {
                0
            }
        }
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string();
            eprintln!("den: error: {first} (see 'den --help')");
            EXIT_DEN
        }
    }
}

fn paths(cli: &Cli) -> anyhow::Result<Paths> {
    Paths::resolve(cli.root.as_deref(), cli.runroot.as_deref())
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    let p = paths(&cli)?;
    let driver = cli.storage_driver.clone();
    if let Some(d) = &driver {
        crate::storage::driver::Driver::parse(d)?;
    }
    match cli.command {
        Command::Pull(a) => image::pull(&p, a),
        Command::Images(a) => image::images(&p, a),
        Command::Rmi(a) => image::rmi(&p, a),
        Command::Tag(a) => image::tag(&p, a),
        Command::Image(c) => image::image_command(&p, c),
        Command::Inspect(a) => image::inspect(&p, a),
        Command::Run(a) => run::run(
            &p,
            *a,
            &cli.root,
            &cli.runroot,
            driver.as_deref(),
            &cli.log_level,
        ),
        Command::Rm(a) => run::rm(&p, a),
        Command::Info(a) => system::info(&p, a, driver.as_deref()),
        Command::Version(a) => system::version(a),
        Command::Unshare(a) => system::unshare(a),
        Command::Supervise { id } => crate::supervisor::run(&p, &id, driver.as_deref()),
        Command::Generate { dir } => docs::generate(&dir).map(|_| 0),
    }
}
