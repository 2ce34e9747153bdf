//! `den run` and `den start`: starting a container's supervisor, in the
//! foreground (output relayed, signals forwarded, its exit status ours) or
//! detached (wait until the command runs, then return).

use anyhow::{bail, Result};
use clap::Args;

use super::attach;
use super::create::{create_container_with, CreateArgs};
use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::ContainerConfig;
use crate::engine::start;

#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run in the background and print the container id
    #[arg(short, long)]
    pub detach: bool,
    /// Keys that detach from a -t container (ctrl-<x> or characters; empty: none)
    #[arg(long, value_name = "KEYS", default_value = attach::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    /// Pass signals den receives to the container (with -t)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: bool,
    /// Remove the image when the container exits, unless another
    /// container uses it (implies --rm)
    #[arg(long)]
    pub rmi: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

/// `den run`: create the container and start it.
pub fn run(paths: &Paths, g: &Globals, a: RunArgs) -> Result<i32> {
    let keys =
        crate::engine::attach::parse_detach_keys(&a.detach_keys).map_err(anyhow::Error::msg)?;
    if a.rmi && a.detach {
        bail!(
            "--rmi removes the image when the container exits: it does not work with -d/--detach"
        );
    }
    let mut create = a.create;
    // --rmi implies --rm, as podman's.
    create.rm |= a.rmi;
    // -a: stdin attached is -i; the foreground shows only the streams named.
    if !create.attach.is_empty() {
        create.interactive |= create.attach.iter().any(|s| s == "stdin");
        let shown: Vec<&str> = create
            .attach
            .iter()
            .map(String::as_str)
            .filter(|s| *s != "stdin")
            .collect();
        // Single-threaded here; the supervisor inherits it and takes it out.
        std::env::set_var(crate::engine::start::ATTACH_ENV, shown.join(","));
    }
    // Without a terminal, the supervisor is forked before the config is
    // made, and makes ready meanwhile (`start::Early`); sent the config
    // once made, if it fits (else it ends, and the container starts as
    // usual).
    let mut early = match forks_early(&create) {
        true => start::Early::fork(g, create.rm, create.process.preserve_fds, a.detach)?,
        false => {
            // One forked before the parse (`engine/prefork.rs`) does not fit.
            crate::engine::prefork::end();
            None
        }
    };
    let cfg = create_container_with(paths, g, &create, &mut |cfg| {
        match early.as_mut().map(|e| (e.fits(cfg), e)) {
            Some((true, e)) => e.prepare(cfg)?,
            Some((false, _)) => {
                crate::debug!("the supervisor forked ahead does not fit the config: it ends");
                early = None;
            }
            None => {}
        }
        Ok(())
    })?;
    start::requirements(paths, g, &cfg)?;
    let code = if let Some(early) = early {
        if a.detach {
            early.start_detached(&cfg)?;
            println!("{}", cfg.id);
            Ok(0)
        } else {
            early.start(&cfg, a.sig_proxy)
        }
    } else if cfg.tty && !a.detach {
        start_attached(paths, g, &cfg, &keys, a.sig_proxy)
    } else if a.detach {
        start_detached(g, &cfg)?;
        println!("{}", cfg.id);
        Ok(0)
    } else {
        start_foreground(g, &cfg, a.sig_proxy)
    };
    if a.rmi {
        // Not while another container still uses it; a failure is a
        // warning, the container's status stays the result.
        let name = create.image.as_deref().unwrap_or(&cfg.image_id);
        if let Err(e) = crate::engine::images::remove_unused(paths, name) {
            crate::warn!("the image {name} is kept: {e:#}");
        }
    }
    code
}

/// Whether the command line alone lets the supervisor be forked before
/// the config is made (`start::Early`; the config made decides, with
/// `Early::fits`): no terminal, pod or `--requires`, and no network
/// joined from the host's user namespace (a user network, another
/// container's).
fn forks_early(c: &CreateArgs) -> bool {
    let own = |n: &String| {
        let kind = n.split_once(':').map_or(n.as_str(), |(k, _)| k);
        matches!(
            kind,
            "" | "private" | "none" | "host" | "pasta" | "slirp4netns"
        )
    };
    !c.tty
        && c.pod.is_none()
        && c.pod_id_file.is_none()
        && c.requires.is_empty()
        && c.net.network.iter().all(own)
}

/// Start in the foreground (see `engine::start::foreground`).
pub fn start_foreground(g: &Globals, cfg: &ContainerConfig, sig_proxy: bool) -> Result<i32> {
    start::foreground(g, cfg, sig_proxy)
}

/// Start detached (see `engine::start::detached`).
pub fn start_detached(g: &Globals, cfg: &ContainerConfig) -> Result<()> {
    start::detached(g, cfg)
}

/// Start and attach (`run -it`, `start -a` of a tty container): the
/// supervisor waits for our connection before it starts the command.
pub fn start_attached(
    paths: &Paths,
    g: &Globals,
    cfg: &ContainerConfig,
    keys: &[u8],
    sig_proxy: bool,
) -> Result<i32> {
    let mut reports = start::spawn_detached(g, cfg, true)?;
    let outcome = (|| {
        let word = reports.next_word()?;
        if word != "attach" {
            bail!(
                "unexpected word {word:?} from the supervisor of {}",
                cfg.name
            );
        }
        let mut sock = crate::engine::attach::connect(paths, &cfg.id)?;
        if cfg.tty {
            // First, so the pty has our size before the command starts.
            attach::send_size(&mut sock);
        }
        reports.next_word()?;
        attach::session(sock, cfg.interactive, cfg.tty, keys, sig_proxy)
    })();
    // --rm: not before the container is out of the records, whatever
    // happened (a detach leaves it running: no wait then).
    if !matches!(
        outcome,
        Ok(attach::Outcome::Detached | attach::Outcome::Left(_))
    ) {
        reports.wait_removed();
    }
    attach::finish(paths, &cfg.id, outcome?)
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Attach to the container's output and wait for it (one container)
    #[arg(short, long)]
    pub attach: bool,
    /// Keep stdin open (with --attach)
    #[arg(short, long)]
    pub interactive: bool,
    /// Every stopped container (that the filters match)
    #[arg(long, conflicts_with = "attach")]
    pub all: bool,
    /// With --all: KEY=VALUE, as ps --filter (restart-policy=always, label=...)
    #[arg(long, value_name = "KEY=VALUE", requires = "all")]
    pub filter: Vec<String>,
    /// With --attach: keys that detach from a -t container (empty: none)
    #[arg(long, value_name = "KEYS", default_value = attach::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    /// With --attach: pass signals den receives to the container
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// Containers to start (names or ids)
    #[arg(required_unless_present_any = ["all", "latest"], conflicts_with = "all")]
    pub containers: Vec<String>,
}

/// `den start`.
pub fn start(paths: &Paths, g: &Globals, a: StartArgs) -> Result<i32> {
    if a.attach && a.containers.len() > 1 {
        bail!("--attach takes one container");
    }
    if a.all {
        return start_all(paths, g, &a.filter);
    }
    for name in &a.latest.names(paths, a.containers.clone())? {
        let Some(cfg) = start::prepare(paths, name, a.interactive)? else {
            println!("{name}"); // already running
            continue;
        };
        start::requirements(paths, g, &cfg)?;
        if a.attach && cfg.tty {
            let keys = crate::engine::attach::parse_detach_keys(&a.detach_keys)
                .map_err(anyhow::Error::msg)?;
            return start_attached(paths, g, &cfg, &keys, a.sig_proxy);
        }
        if a.attach {
            return start_foreground(g, &cfg, a.sig_proxy);
        }
        start_detached(g, &cfg)?;
        println!("{name}");
    }
    Ok(0)
}

/// `start --all [--filter ...]`: each stopped container that matches, as
/// `den-restart.service` starts the `always` ones when the user's session
/// begins. Filtering by `restart-policy=unless-stopped` leaves those the
/// user stopped stopped, as the policy says. One that cannot start is
/// reported and the others still are.
fn start_all(paths: &Paths, g: &Globals, filters: &[String]) -> Result<i32> {
    use crate::engine::containers;
    let listed = containers::list(
        paths,
        &containers::ListOptions {
            all: true,
            filters: filters.to_vec(),
            last: None,
            size: false,
        },
    )?;
    let by_policy = filters.iter().any(|f| f.starts_with("restart-policy="));
    let mut failed = false;
    for l in listed.iter().rev() {
        if l.state.active()
            || (by_policy
                && l.config.restart == "unless-stopped"
                && containers::stopped_by_user(paths, &l.config.id))
        {
            continue;
        }
        let started = start::prepare(paths, &l.config.id, false)
            .and_then(|cfg| cfg.map_or(Ok(()), |cfg| start_detached(g, &cfg)));
        match started {
            Ok(()) => println!("{}", l.config.name),
            Err(e) => {
                eprintln!("den: error: starting {}: {e:#}", l.config.name);
                failed = true;
            }
        }
    }
    Ok(if failed { crate::error::EXIT_DEN } else { 0 })
}
