//! `den secret create|ls|inspect|rm`: podman's secret commands.

use std::collections::BTreeMap;
use std::io::Read;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::engine::secrets::{self, Secret};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SecretCommand {
    /// Create a secret from a file, - (stdin), or with --env a variable
    Create(CreateArgs),
    /// List secrets
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Show secrets' records (never their data)
    Inspect(InspectArgs),
    /// Remove secrets no container uses
    #[command(alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The secret driver: only file
    #[arg(short, long, value_name = "DRIVER", default_value = "file")]
    pub driver: String,
    /// Driver options (the file driver takes none)
    #[arg(long, value_name = "KEY=VALUE")]
    pub driver_opts: Vec<String>,
    /// Read the data from the variable named SOURCE in den's environment
    #[arg(long)]
    pub env: bool,
    /// Add a label: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Replace the data of a secret of that name, if there is one
    /// (containers using it read the new data when they next start)
    #[arg(long)]
    pub replace: bool,
    /// The secret's name
    pub name: String,
    /// A file, - for stdin, or with --env a variable's name
    pub source: String,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Filter: name=NAME, id=ID
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// A Go template, or json
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Print the ids only
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A Go template, or json (the default)
    #[arg(short, long)]
    pub format: Option<String>,
    /// Print the records as lines of text
    #[arg(long)]
    pub pretty: bool,
    /// Secrets (names or ids)
    #[arg(required = true)]
    pub secrets: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Remove every secret no container uses
    #[arg(short, long)]
    pub all: bool,
    /// Secrets (names or ids)
    pub secrets: Vec<String>,
}

pub fn secret(paths: &Paths, c: SecretCommand) -> Result<i32> {
    match c {
        SecretCommand::Create(a) => create(paths, a),
        SecretCommand::Ls(a) => ls(paths, a),
        SecretCommand::Inspect(a) => inspect(paths, a),
        SecretCommand::Rm(a) => rm(paths, a),
    }
}

fn create(paths: &Paths, a: CreateArgs) -> Result<i32> {
    if a.driver != "file" {
        bail!(
            "secret driver {:?}: den keeps secrets in files only (use --driver file)",
            a.driver
        );
    }
    if let Some(o) = a.driver_opts.first() {
        bail!("--driver-opts {o}: the file driver takes no options");
    }
    let data = if a.env {
        std::env::var(&a.source)
            .with_context(|| format!("--env: den's environment has no variable {}", a.source))?
            .into_bytes()
    } else if a.source == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(crate::secret::MAX_SIZE as u64 + 1)
            .read_to_end(&mut buf)
            .context("reading the secret from stdin")?;
        buf
    } else {
        let meta = std::fs::metadata(&a.source)
            .with_context(|| format!("reading the secret file {}", a.source))?;
        if !meta.is_file() || meta.len() > crate::secret::MAX_SIZE as u64 {
            bail!(
                "{}: a secret is a regular file of at most {} bytes",
                a.source,
                crate::secret::MAX_SIZE
            );
        }
        std::fs::read(&a.source).with_context(|| format!("reading the secret file {}", a.source))?
    };
    let mut labels = BTreeMap::new();
    for l in &a.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        if k.is_empty() {
            bail!("invalid --label {l:?} (use KEY=VALUE)");
        }
        labels.insert(k.to_string(), v.to_string());
    }
    let s = match a.replace {
        true => secrets::put(paths, &a.name, &data, labels, &|_| true)?,
        false => secrets::create(paths, &a.name, &data, labels)?,
    };
    println!("{}", s.id);
    Ok(0)
}

fn row(s: &Secret) -> Value {
    json!({
        "ID": s.id,
        "Name": s.name,
        "Driver": s.driver,
        "CreatedAt": crate::util::human::ago(s.created),
        "UpdatedAt": crate::util::human::ago(s.updated),
    })
}

fn ls(paths: &Paths, a: LsArgs) -> Result<i32> {
    let mut list = secrets::list(paths)?;
    for f in &a.filter {
        let (k, v) = f
            .split_once('=')
            .with_context(|| format!("invalid --filter {f:?} (use name=NAME or id=ID)"))?;
        match k {
            "name" => list.retain(|s| s.name.contains(v)),
            "id" => list.retain(|s| s.id.starts_with(v)),
            _ => bail!("invalid --filter {f:?}: den filters secrets by name or id"),
        }
    }
    let rows: Vec<Value> = list.iter().map(row).collect();
    output::print_rows(
        &rows,
        a.quiet.then_some("ID"),
        a.format.as_deref(),
        if a.noheading {
            "{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
        } else {
            "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"
        },
        &[("CREATED AT", "CREATED"), ("UPDATED AT", "UPDATED")],
    )?;
    Ok(0)
}

fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let mut found = Vec::new();
    let mut missing = None;
    for n in &a.secrets {
        match secrets::find(paths, n) {
            Ok(s) => found.push(s),
            Err(e) => {
                eprintln!("den: error: {e:#}");
                missing = Some(n);
            }
        }
    }
    if a.pretty {
        for s in &found {
            println!("ID:              {}\nName:            {}\nDriver:          {}\nCreated at:      {}\nUpdated at:      {}\n", s.id, s.name, s.driver, s.created.to_rfc3339(), s.updated.to_rfc3339());
        }
    } else {
        let values: Vec<Value> = found.iter().map(secrets::inspect_json).collect();
        match a.format.as_deref() {
            None | Some("json") => println!("{}", serde_json::to_string_pretty(&values)?),
            Some(f) => {
                for v in &values {
                    output::print_object(v, Some(f))?;
                }
            }
        }
    }
    Ok(if missing.is_some() { 125 } else { 0 })
}

fn rm(paths: &Paths, a: RmArgs) -> Result<i32> {
    if a.all != a.secrets.is_empty() {
        bail!("give secrets to remove, or --all");
    }
    let targets = if a.all {
        secrets::list(paths)?
    } else {
        a.secrets
            .iter()
            .map(|n| secrets::find(paths, n))
            .collect::<Result<_>>()?
    };
    let mut failed = false;
    for s in targets {
        match secrets::remove(paths, &s) {
            Ok(()) => println!("{}", s.id),
            Err(e) => {
                eprintln!("den: error: {e:#}");
                failed = true;
            }
        }
    }
    Ok(if failed { 125 } else { 0 })
}
