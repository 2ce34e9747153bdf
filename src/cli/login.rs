//! `den login` and `den logout`: credentials checked against the registry
//! and kept in podman's auth.json (mode 0600, in a 0700 directory).

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::config::auth::Credentials;
use crate::config::paths::Paths;
use crate::engine::registry;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The registry (host[:port]); without one, the first of
    /// registries.conf's unqualified-search-registries, as podman
    pub registry: Option<String>,
    /// Username (asked for on a terminal when missing)
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (asked for on a terminal when missing; prefer --password-stdin)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// Print the username stored for the registry and exit
    #[arg(long)]
    pub get_login: bool,
    /// Credentials file to write (default: $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Directory of certificates (*.crt) for the registry
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Say which credentials file is written
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The registry (host[:port])
    #[arg(required_unless_present = "all")]
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub all: bool,
    /// Credentials file (default: $XDG_RUNTIME_DIR/containers/auth.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
}

pub fn login(paths: &Paths, a: LoginArgs) -> Result<i32> {
    let registry = match &a.registry {
        Some(r) => registry::registry_key(r)?,
        None => crate::config::registries::Registries::load(paths)?
            .search_registries()
            .into_iter()
            .next()
            .unwrap_or_default(),
    };
    if a.get_login {
        return match registry::stored_username(paths, &registry, a.authfile.as_deref())? {
            Some(u) => {
                println!("{u}");
                Ok(0)
            }
            None => bail!("not logged into {registry} (log in with: den login {registry})"),
        };
    }
    if a.password.is_some() && a.password_stdin {
        bail!("--password and --password-stdin cannot be used together");
    }
    let username = match a.username {
        Some(u) => u,
        None => prompt("Username: ", true)?,
    };
    let password = match (a.password, a.password_stdin) {
        (Some(p), _) => p,
        (None, true) => {
            let mut p = String::new();
            std::io::stdin()
                .read_to_string(&mut p)
                .context("reading the password from stdin")?;
            p.trim_end_matches(['\n', '\r']).to_string()
        }
        (None, false) => prompt("Password: ", false)?,
    };
    if username.is_empty() || password.is_empty() {
        bail!("the username and password must not be empty");
    }
    let creds = Credentials { username, password };
    if a.verbose {
        let file = crate::config::auth::login_file(paths, a.authfile.as_deref());
        println!("Used: {}", file.display());
    }
    let access = registry::LoginAccess {
        authfile: a.authfile,
        tls_verify: a.tls_verify,
        cert_dir: a.cert_dir,
    };
    registry::login(paths, &registry, &creds, &access)?;
    println!("Login Succeeded!");
    Ok(0)
}

pub fn logout(paths: &Paths, a: LogoutArgs) -> Result<i32> {
    let file = a.authfile.as_deref();
    if a.all {
        registry::logout(paths, None, file)?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let name = registry::registry_key(a.registry.as_deref().unwrap_or_default())?;
    registry::logout(paths, Some(&name), file)?;
    println!("Removed login credentials for {name}");
    Ok(0)
}

/// Ask on the terminal (without echo for a password).
fn prompt(what: &str, echo: bool) -> Result<String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!(
            "no terminal to ask for the {} (give --username, and --password-stdin)",
            what.trim_end_matches(": ").to_lowercase()
        );
    }
    eprint!("{what}");
    let _ = std::io::stderr().flush();
    let saved = rustix::termios::tcgetattr(&stdin).ok();
    if let (false, Some(t)) = (echo, &saved) {
        let mut quiet = t.clone();
        quiet.local_modes.remove(rustix::termios::LocalModes::ECHO);
        let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &quiet);
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if let (false, Some(t)) = (echo, &saved) {
        let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, t);
        eprintln!();
    }
    read.context("reading from the terminal")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
