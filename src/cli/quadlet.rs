//! `den quadlet` (also den called as `den-user-generator`, the systemd
//! user generator): units from the user's quadlet files. Each
//! container's `den run` line is parsed here as den would parse it when
//! systemd runs it, so a bad value is an error now, naming the file and
//! line, not a unit that fails at start.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser};

use crate::engine::quadlet;
use crate::engine::start::Globals;

#[derive(Debug, Args)]
pub struct QuadletArgs {
    /// Print the units instead of writing them
    #[arg(long, alias = "dry-run")]
    pub dryrun: bool,
    /// The user's quadlet files (den reads only those: it is rootless)
    #[arg(long)]
    pub user: bool,
    /// Say more
    #[arg(short, long)]
    pub verbose: bool,
    /// Accepted for podman's generator's flags (den logs to stderr)
    #[arg(long)]
    pub no_kmsg_log: bool,
    /// Where the units go (systemd's normal generator directory), then its
    /// early and late directories (unused)
    pub dirs: Vec<PathBuf>,
}

/// The command line, as the generator (`den-user-generator NORMAL EARLY
/// LATE`) is called, as `den quadlet --user ...`.
pub fn generator_args(args: &mut Vec<std::ffi::OsString>) {
    args[0] = "den".into();
    args.insert(1, "quadlet".into());
    args.insert(2, "--user".into());
}

pub fn quadlet(g: &Globals, a: QuadletArgs) -> Result<i32> {
    let env = |k: &str| std::env::var(k).ok();
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let uid = rustix::process::getuid().as_raw();
    let dirs = quadlet::search_dirs(&env, &home, uid);
    if a.verbose {
        for d in &dirs {
            eprintln!("den quadlet: reading {}", d.display());
        }
    }
    let den = std::env::var("DEN")
        .ok()
        .filter(|d| d.starts_with('/'))
        .or_else(|| {
            std::env::current_exe()
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| "/usr/bin/den".into());
    let (units, mut errors) = quadlet::generate(&dirs, &den);
    let mut good = Vec::new();
    for u in units {
        match check(g, &u, &home, uid) {
            Ok(()) => good.push(u),
            Err(e) => errors.push(e),
        }
    }
    if a.dryrun {
        for u in &good {
            println!("---{}---\n{}", u.service, u.text);
        }
    } else {
        let Some(out) = a.dirs.first() else {
            anyhow::bail!(
                "give the directory the units go to (systemd passes it to generators), or --dryrun"
            );
        };
        quadlet::write(out, &good)?;
    }
    for e in &errors {
        eprintln!("den: error: {e:#}");
    }
    Ok(if errors.is_empty() {
        0
    } else {
        crate::error::EXIT_DEN
    })
}

/// Parse a generated unit's den command line as den will when systemd
/// runs it (its specifiers given example values), and for `run` make the
/// container spec and check it.
fn check(g: &Globals, u: &quadlet::Generated, home: &std::path::Path, uid: u32) -> Result<()> {
    let stem = u.service.trim_end_matches(".service");
    let expand = |w: &str| {
        let (prefix, instance) = stem.split_once('@').unwrap_or((stem, ""));
        w.replace("%%", "\u{0}")
            .replace("%N", stem)
            .replace("%n", &u.service)
            .replace("%p", prefix)
            .replace("%i", instance)
            .replace("%t", &format!("/run/user/{uid}"))
            .replace("%h", &home.display().to_string())
            .replace('\u{0}', "%")
    };
    let mut argv = vec!["den".to_string()];
    argv.extend(u.command.iter().map(|a| expand(&a.word)));
    let at = |msg: String| {
        // The line of the key whose word the message names.
        let line = u
            .command
            .iter()
            .filter(|a| a.line > 0 && a.word.len() > 1 && msg.contains(&a.word))
            .map(|a| a.line)
            .next();
        match line {
            Some(l) => anyhow::anyhow!("{}:{l}: den would refuse this: {msg}", u.source.display()),
            None => anyhow::anyhow!("{}: den would refuse this: {msg}", u.source.display()),
        }
    };
    let cli = match super::Cli::try_parse_from(&argv) {
        Ok(c) => c,
        Err(e) => {
            let first = e
                .render()
                .to_string()
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string();
            return Err(at(first));
        }
    };
    if let super::Command::Containers(super::ContainerVerb::Run(run)) = cli.command {
        let spec = super::create::spec_of(&run.create, g).map_err(|e| at(format!("{e:#}")))?;
        spec.validate().map_err(|e| at(format!("{e:#}")))?;
    }
    Ok(())
}
