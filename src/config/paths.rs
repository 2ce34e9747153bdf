//! Where den keeps its files: XDG directories, per user.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::env;

/// den's directories for the current user.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Persistent storage: images, layers, containers (`$XDG_DATA_HOME/den`).
    pub data: PathBuf,
    /// Runtime files on tmpfs: locks, sockets (`$XDG_RUNTIME_DIR/den`).
    pub runtime: PathBuf,
    /// `$XDG_CONFIG_HOME` (not den's own subdirectory: containers/ lives there too).
    pub config_home: PathBuf,
    /// The user's home directory.
    pub home: PathBuf,
    /// Why the runtime directory is where it is (for `den info`).
    pub runtime_from: String,
}

impl Paths {
    /// Resolve the paths from the environment, with `--root`/`--runroot` overrides.
    pub fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Result<Paths> {
        let home = match env::var(env::HOME) {
            Some(h) => PathBuf::from(h),
            None => home_from_passwd().context(
                "HOME is not set and the user has no home directory (set HOME to a writable directory)",
            )?,
        };
        let data_home = env::var(env::XDG_DATA_HOME)
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".local/share"));
        let config_home = env::var(env::XDG_CONFIG_HOME)
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".config"));
        // Absolute: the supervisor changes its working directory.
        let data = match root {
            Some(r) => std::path::absolute(r).with_context(|| format!("--root {}", r.display()))?,
            None => data_home.join("den"),
        };
        let mut runtime_from = "--runroot".to_string();
        let runtime = match runroot {
            Some(r) => {
                super::private::check_runtime_base(r, "--runroot")?;
                std::path::absolute(r).with_context(|| format!("--runroot {}", r.display()))?
            }
            None => {
                let (base, why) = runtime_base()?;
                runtime_from = why;
                base.join("den")
            }
        };
        Ok(Paths {
            data,
            runtime,
            config_home,
            home,
            runtime_from,
        })
    }
}

/// The directory den's runtime directory goes in: `XDG_RUNTIME_DIR` when it
/// names an existing directory of the user's (one of another user's, or
/// one others may write to, is refused). Without it (`su -`, cron, ssh
/// without a session), `/run/user/UID` when it exists and is the user's,
/// as podman does, so that every session of the user finds the same
/// containers; else a private `/tmp/den-run-UID`. The choice is put in the
/// environment, so den's own children (the supervisor) make the same.
fn runtime_base() -> Result<(PathBuf, String)> {
    let given = env::var(env::XDG_RUNTIME_DIR).map(PathBuf::from);
    if let Some(dir) = &given {
        if dir.exists() {
            super::private::check_runtime_base(dir, "XDG_RUNTIME_DIR")?;
            return Ok((dir.clone(), "XDG_RUNTIME_DIR".into()));
        }
    }
    let uid = rustix::process::getuid().as_raw();
    let run_user = PathBuf::from(format!("/run/user/{uid}"));
    let unset = match &given {
        Some(d) => format!("XDG_RUNTIME_DIR={} does not exist", d.display()),
        None => "XDG_RUNTIME_DIR is unset".to_string(),
    };
    let (chosen, why) =
        if run_user.is_dir() && super::private::check_runtime_base(&run_user, "").is_ok() {
            (run_user, format!("{unset}; /run/user/{uid} is yours"))
        } else {
            (
                private_tmp_dir(uid)?,
                format!("{unset}, and there is no /run/user/{uid} of yours"),
            )
        };
    if let Some(dir) = given {
        crate::warn!(
            "XDG_RUNTIME_DIR={} does not exist: using {} (unset XDG_RUNTIME_DIR, or point it at a directory of yours)",
            dir.display(),
            chosen.display()
        );
    }
    // Single-threaded here (den resolves its paths first of all).
    std::env::set_var(env::XDG_RUNTIME_DIR, &chosen);
    Ok((chosen, why))
}

/// `/tmp/den-run-UID`, owned by us and 0700 (as podman's /tmp/podman-run-UID).
fn private_tmp_dir(uid: u32) -> Result<PathBuf> {
    let dir = PathBuf::from(format!("/tmp/den-run-{uid}"));
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("creating {}", dir.display())),
    }
    let meta = std::fs::symlink_metadata(&dir)?;
    if !meta.is_dir() || meta.uid() != uid {
        bail!(
            "{} is not a directory owned by uid {uid} (remove it, or set XDG_RUNTIME_DIR)",
            dir.display()
        );
    }
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

fn home_from_passwd() -> Option<PathBuf> {
    let uid = rustix::process::getuid().as_raw();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 6 && f[2].parse() == Ok(uid)).then(|| PathBuf::from(f[5]))
    })
}
