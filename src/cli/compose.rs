//! `den compose`: multi-container applications from Compose files, built
//! in. This far: `config` (the resolved model).

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::config::paths::Paths;
use crate::engine::compose::{self, Options};

/// The project flags every compose command takes.
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Compose file (several merge in order; default: compose.yaml,
    /// docker-compose.yml, ... and its override file)
    #[arg(short, long = "file", value_name = "FILE", global = true)]
    pub file: Vec<std::path::PathBuf>,
    /// Project name (default: COMPOSE_PROJECT_NAME, the file's name:, the
    /// directory's name)
    #[arg(short, long = "project-name", value_name = "NAME", global = true)]
    pub project_name: Option<String>,
    /// Variables for interpolation (default: .env beside the first file)
    #[arg(long, value_name = "FILE", global = true)]
    pub env_file: Vec<std::path::PathBuf>,
    /// Profiles to enable (services with profiles run only when one is)
    #[arg(long, value_name = "PROFILE", global = true)]
    pub profile: Vec<String>,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

#[derive(Debug, Subcommand)]
pub enum ComposeCommand {
    /// Print the resolved model: the files merged, interpolated, normalized
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the services' names, one per line
    #[arg(long)]
    pub services: bool,
    /// Print the volumes' names, one per line
    #[arg(long)]
    pub volumes: bool,
    /// Check the files only: print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format: yaml (default) or json
    #[arg(long, value_name = "FORMAT", default_value = "yaml", value_parser = ["yaml", "json"])]
    pub format: String,
}

pub fn compose(_paths: &Paths, a: ComposeArgs) -> Result<i32> {
    let opts = Options {
        files: a.file.clone(),
        project: a.project_name.clone(),
        env_files: a.env_file.clone(),
        profiles: a.profile.clone(),
    };
    let cwd = std::env::current_dir()?;
    let project = compose::load(&opts, &cwd)?;
    for w in &project.warnings {
        crate::warn!("{w}");
    }
    match a.command {
        ComposeCommand::Config(c) => {
            let keys = |kind: &str| -> Vec<String> {
                project
                    .model
                    .get(kind)
                    .and_then(Value::as_object)
                    .map(|m| m.keys().filter(|k| !k.starts_with("x-")).cloned().collect())
                    .unwrap_or_default()
            };
            if c.quiet {
            } else if c.services {
                for s in keys("services") {
                    println!("{s}");
                }
            } else if c.volumes {
                for v in keys("volumes") {
                    println!("{v}");
                }
            } else if c.format == "json" {
                println!("{}", serde_json::to_string_pretty(&project.model)?);
            } else {
                print!("{}", super::output::yaml(&project.model, 0));
            }
            Ok(0)
        }
    }
}
