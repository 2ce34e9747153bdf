//! `den compose`: multi-container applications from Compose files, built
//! in: `config`, `up`, `down`, `ps`, `logs`, `start`, `stop`, `restart`.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::config::paths::Paths;
use crate::engine::compose::{self, Options};
use crate::engine::images::PullOptions;
use crate::engine::start::Globals;

/// The project flags every compose command takes.
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Compose file (several merge in order; default: compose.yaml,
    /// docker-compose.yml, ... and its override file)
    #[arg(short, long = "file", value_name = "FILE")]
    pub file: Vec<std::path::PathBuf>,
    /// Project name (default: COMPOSE_PROJECT_NAME, the file's name:, the
    /// directory's name)
    #[arg(short, long = "project-name", value_name = "NAME")]
    pub project_name: Option<String>,
    /// Variables for interpolation (default: .env beside the first file)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Profiles to enable (services with profiles run only when one is)
    #[arg(long, value_name = "PROFILE")]
    pub profile: Vec<String>,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

#[derive(Debug, Subcommand)]
pub enum ComposeCommand {
    /// Print the resolved model: the files merged, interpolated, normalized
    Config(ConfigArgs),
    /// Make and start the project's networks, volumes and containers
    Up(UpArgs),
    /// Stop and remove the project's containers and networks (and volumes, -v)
    Down(DownArgs),
    /// List the project's containers
    Ps(PsArgs),
    /// Show the output of the project's containers, each line after its name
    Logs(LogsArgs),
    /// Build the images of services with build:
    Build(BuildArgs),
    /// Start the project's stopped containers
    Start(ServicesArgs),
    /// Stop the project's containers
    Stop(ServicesArgs),
    /// Restart the project's containers
    Restart(ServicesArgs),
    /// Run a command in a running service container
    Exec(ExecArgs),
    /// Run a one-off command in a new container of a service
    Run(RunArgs),
    /// Remove the project's stopped containers
    Rm(RmArgs),
    /// Send a signal to the project's running containers
    Kill(KillArgs),
    /// Pause the project's running containers
    Pause(ServicesArgs),
    /// Unpause the project's paused containers
    Unpause(ServicesArgs),
    /// The processes of the project's running containers
    Top(ServicesArgs),
    /// The host port a service's container port is published on
    Port(PortArgs),
    /// The images the project's containers use
    Images(ServicesArgs),
    /// Pull the images of services that do not build
    Pull(ServicesArgs),
    /// den's version
    Version,
    /// List the projects (from their containers; no file needed)
    Ls(LsArgs),
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Projects with no running container too
    #[arg(short, long)]
    pub all: bool,
    /// Only the names
    #[arg(short, long)]
    pub quiet: bool,
    /// table (default), json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Do not allocate a pseudo-terminal (den allocates none unless -t)
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Run in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// The user to run as
    #[arg(short, long)]
    pub user: Option<String>,
    /// The working directory
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// Every capability
    #[arg(long)]
    pub privileged: bool,
    /// Which replica (from 1)
    #[arg(long, default_value = "1")]
    pub index: u32,
    /// The service
    pub service: String,
    /// The command and its arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Start it and return its id
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// The container's name (default: PROJECT-SERVICE-run-ID)
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// The user to run as
    #[arg(short, long)]
    pub user: Option<String>,
    /// The working directory
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// Override the service's entrypoint
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Publish the service's ports too
    #[arg(long)]
    pub service_ports: bool,
    /// Do not start the services it depends on
    #[arg(long)]
    pub no_deps: bool,
    /// No pseudo-terminal (default: one when den runs on a terminal)
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    /// The service
    pub service: String,
    /// The command and its arguments (default: the service's)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Stop running ones first
    #[arg(short, long)]
    pub stop: bool,
    /// Do not ask (den never asks; -f is the compose file)
    #[arg(long)]
    pub force: bool,
    /// Their anonymous volumes too
    #[arg(short, long)]
    pub volumes: bool,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct KillArgs {
    /// The signal (default KILL)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// tcp or udp
    #[arg(long, default_value = "tcp")]
    pub protocol: String,
    /// Which replica (from 1)
    #[arg(long, default_value = "1")]
    pub index: u32,
    pub service: String,
    pub private_port: u16,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    /// Start the containers and return (without: show their output until
    /// they end; Ctrl-C stops them)
    #[arg(short, long)]
    pub detach: bool,
    /// Recreate every container, even unchanged ones
    #[arg(long, conflicts_with = "no_recreate")]
    pub force_recreate: bool,
    /// Keep existing containers, even of changed services
    #[arg(long)]
    pub no_recreate: bool,
    /// Remove containers of services no longer in the files
    #[arg(long)]
    pub remove_orphans: bool,
    /// Wait until the containers run (and are healthy, where they have a check)
    #[arg(long)]
    pub wait: bool,
    /// Replicas of a service: SERVICE=N (over deploy.replicas)
    #[arg(long, value_name = "SERVICE=N")]
    pub scale: Vec<String>,
    /// Suppress pull output
    #[arg(long)]
    pub quiet_pull: bool,
    /// Build the images of services with build: first, even those already built
    #[arg(long)]
    pub build: bool,
    /// Only these services (and what they depend on)
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Build every step again
    #[arg(long)]
    pub no_cache: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// Remove the project's named volumes and its containers' anonymous ones
    #[arg(short, long)]
    pub volumes: bool,
    /// Remove containers of services no longer in the files too
    #[arg(long)]
    pub remove_orphans: bool,
    /// Seconds to wait for each container to stop
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// Remove images: all the services use, or only the local ones (built,
    /// without an image: of their own)
    #[arg(long, value_name = "TYPE", value_parser = ["all", "local"])]
    pub rmi: Option<String>,
}

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Stopped containers too
    #[arg(short, long)]
    pub all: bool,
    /// Only the containers' ids
    #[arg(short, long)]
    pub quiet: bool,
    /// table (default), json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Keep following the output
    #[arg(short, long)]
    pub follow: bool,
    /// No colours (by default each container's name has one on a terminal)
    #[arg(long)]
    pub no_color: bool,
    /// Number of lines from the end of each log
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<usize>,
    /// The time before each line
    #[arg(short, long)]
    pub timestamps: bool,
    /// No NAME | before each line
    #[arg(long)]
    pub no_log_prefix: bool,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Only these services
    pub services: Vec<String>,
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

pub fn compose(paths: &Paths, g: &Globals, a: ComposeArgs) -> Result<i32> {
    let opts = Options {
        files: a.file.clone(),
        project: a.project_name.clone(),
        env_files: a.env_file.clone(),
        profiles: a.profile.clone(),
    };
    // What needs no Compose file.
    match &a.command {
        ComposeCommand::Version => {
            println!("den compose version {}", env!("CARGO_PKG_VERSION"));
            return Ok(0);
        }
        ComposeCommand::Ls(l) => return ls(paths, l),
        _ => {}
    }
    let cwd = std::env::current_dir()?;
    let loaded = compose::load(&opts, &cwd)?;
    for w in &loaded.project.warnings {
        crate::warn!("{w}");
    }
    let project = &loaded.project;
    let report = &mut |line: &str| eprintln!(" {line}");
    match a.command {
        ComposeCommand::Up(u) => {
            let mut scale = std::collections::BTreeMap::new();
            for s in &u.scale {
                let Some((svc, n)) = s.split_once('=') else {
                    anyhow::bail!("invalid --scale {s:?} (use SERVICE=N)");
                };
                let n: u32 = n
                    .parse()
                    .map_err(|_| anyhow::anyhow!("invalid --scale {s:?} (use SERVICE=N)"))?;
                scale.insert(svc.to_string(), n);
            }
            let opts = compose::UpOptions {
                services: u.services.clone(),
                force_recreate: u.force_recreate,
                no_recreate: u.no_recreate,
                scale,
                remove_orphans: u.remove_orphans,
                wait: u.wait,
            };
            let pull = pull_options(u.quiet_pull);
            // Images of services with build: that are not here yet (all
            // of them with --build).
            let lines = super::build::Lines { quiet: true };
            compose::build(paths, g, &loaded, &[], !u.build, false, &pull, &lines)?;
            compose::up(paths, g, &loaded, &opts, &pull, report)?;
            if u.detach {
                return Ok(0);
            }
            // Attached: the containers' output until they end; Ctrl-C
            // stops them.
            let ms: Vec<compose::Member> = compose::members(paths, &loaded.name)?
                .into_iter()
                // Every one, running or already ended (a short command may
                // be done by now: its log is shown all the same).
                .filter(|m| u.services.is_empty() || u.services.contains(&m.service))
                .collect();
            let width = ms.iter().map(|m| m.config.name.len()).max().unwrap_or(0);
            let colours = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let opts = crate::engine::logs::LogOptions {
                follow: true,
                tail: None,
                window: Default::default(),
                timestamps: false,
            };
            let followers = compose::follow(paths, &ms, &opts, |m| {
                super::logs::Prefixed::new(prefix_of(&m.config.name, width, colours))
            })?;
            let stopped = followers.wait(|| {
                eprintln!("Gracefully stopping... (den compose down removes the containers)");
                compose::stop(paths, &loaded, &u.services, &mut |l: &str| {
                    eprintln!(" {l}")
                })
            })?;
            Ok(if stopped { 130 } else { 0 })
        }
        ComposeCommand::Down(d) => {
            let opts = compose::DownOptions {
                volumes: d.volumes,
                remove_orphans: d.remove_orphans,
                timeout: d.timeout,
                rmi: d.rmi.clone(),
            };
            compose::down(paths, &loaded, &opts, report)?;
            Ok(0)
        }
        ComposeCommand::Ps(p) => {
            let ms = compose::members(paths, &loaded.name)?;
            let rows: Vec<Value> = ms
                .iter()
                .filter(|m| p.all || m.state.active())
                .filter(|m| p.services.is_empty() || p.services.contains(&m.service))
                .map(|m| {
                    serde_json::json!({
                        "ID": m.config.id[..12],
                        "Name": m.config.name,
                        "Image": m.config.image_name,
                        "Command": m.config.args.join(" "),
                        "Service": m.service,
                        "State": m.state.status,
                        "Status": m.state.status,
                        "Health": compose::health_status(paths, m).unwrap_or_default(),
                        "Ports": crate::engine::containers::published(&m.config).iter().map(|(h, c)| format!("{h}->{c}")).collect::<Vec<_>>().join(", "),
                    })
                })
                .collect();
            super::output::print_rows(
                &rows,
                p.quiet.then_some("ID"),
                p.format.as_deref(),
                "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.Status}}\t{{.Ports}}",
                &[],
            )?;
            Ok(0)
        }
        ComposeCommand::Logs(lg) => {
            let ms: Vec<compose::Member> = compose::members(paths, &loaded.name)?
                .into_iter()
                .filter(|m| lg.services.is_empty() || lg.services.contains(&m.service))
                .collect();
            let width = ms.iter().map(|m| m.config.name.len()).max().unwrap_or(0);
            let colours = !lg.no_color && std::io::IsTerminal::is_terminal(&std::io::stdout());
            let opts = crate::engine::logs::LogOptions {
                follow: lg.follow,
                tail: lg.tail,
                window: Default::default(),
                timestamps: lg.timestamps,
            };
            let prefix = |m: &compose::Member| {
                super::logs::Prefixed::new(if lg.no_log_prefix {
                    String::new()
                } else {
                    prefix_of(&m.config.name, width, colours)
                })
            };
            if lg.follow {
                compose::follow(paths, &ms, &opts, prefix)?.wait(|| Ok(()))?;
            } else {
                for m in &ms {
                    crate::engine::logs::logs(paths, &m.config.id, &opts, prefix(m))?;
                }
            }
            Ok(0)
        }
        ComposeCommand::Build(b) => {
            let pull = pull_options(b.quiet);
            let lines = super::build::Lines { quiet: b.quiet };
            compose::build(
                paths,
                g,
                &loaded,
                &b.services,
                false,
                b.no_cache,
                &pull,
                &lines,
            )?;
            Ok(0)
        }
        ComposeCommand::Exec(e) => {
            let member = compose::members(paths, &loaded.name)?
                .into_iter()
                .find(|m| m.service == e.service && m.number == e.index)
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "service {} has no container number {} (is it up?)",
                        e.service,
                        e.index
                    )
                })?;
            super::exec::exec(
                paths,
                super::exec::ExecArgs {
                    interactive: e.interactive,
                    tty: e.tty && !e.no_tty,
                    detach: e.detach,
                    env: e.env,
                    env_file: Vec::new(),
                    user: e.user,
                    workdir: e.workdir,
                    privileged: e.privileged,
                    container: member.config.id.clone(),
                    command: e.command,
                },
            )
        }
        ComposeCommand::Run(r) => {
            use std::io::IsTerminal;
            let pull = pull_options(true);
            let deps = compose::dependencies(&loaded, &r.service);
            if !r.no_deps && !deps.is_empty() {
                let up = compose::UpOptions {
                    services: deps,
                    ..Default::default()
                };
                compose::up(paths, g, &loaded, &up, &pull, report)?;
            }
            let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
            let req = compose::RunRequest {
                command: r.command.clone(),
                entrypoint: r.entrypoint.as_ref().map(|e| vec![e.clone()]),
                env: r.env.clone(),
                name: r.name.clone(),
                remove: r.rm,
                user: r.user.clone(),
                workdir: r.workdir.clone(),
                service_ports: r.service_ports,
                tty: terminal && !r.no_tty && !r.detach,
                interactive: terminal && !r.detach,
            };
            let spec = compose::run_spec(paths, &loaded, &r.service, &req)?;
            let cfg = crate::engine::create(paths, &spec, &pull)?;
            if r.detach {
                super::run::start_detached(g, &cfg)?;
                println!("{}", cfg.id);
                Ok(0)
            } else if cfg.tty {
                let keys =
                    crate::engine::attach::parse_detach_keys(super::attach::DEFAULT_DETACH_KEYS)
                        .map_err(anyhow::Error::msg)?;
                super::run::start_attached(paths, g, &cfg, &keys, true)
            } else {
                super::run::start_foreground(g, &cfg, true)
            }
        }
        ComposeCommand::Rm(r) => {
            compose::remove(paths, &loaded, &r.services, r.stop, r.volumes, report)?;
            Ok(0)
        }
        ComposeCommand::Kill(k) => {
            let sig = crate::engine::containers::parse_signal(&k.signal)
                .ok_or_else(|| anyhow::anyhow!("invalid signal {:?}", k.signal))?;
            for m in compose::members(paths, &loaded.name)?.iter().filter(|m| {
                m.state.active() && (k.services.is_empty() || k.services.contains(&m.service))
            }) {
                compose::kill(paths, m, sig)?;
                report(&format!("Container {}  Killed", m.config.name));
            }
            Ok(0)
        }
        ComposeCommand::Pause(s) => {
            compose::pause(paths, &loaded, &s.services, true, report)?;
            Ok(0)
        }
        ComposeCommand::Unpause(s) => {
            compose::pause(paths, &loaded, &s.services, false, report)?;
            Ok(0)
        }
        ComposeCommand::Top(s) => {
            for m in compose::members(paths, &loaded.name)?.iter().filter(|m| {
                m.state.active() && (s.services.is_empty() || s.services.contains(&m.service))
            }) {
                println!("{}", m.config.name);
                let rows = crate::engine::top::top(paths, &m.config.id, &[])?;
                let mut tw = tabwriter::TabWriter::new(std::io::stdout().lock()).padding(2);
                for r in rows {
                    use std::io::Write;
                    writeln!(tw, "{}", r.join("\t"))?;
                }
                use std::io::Write;
                tw.flush()?;
                println!();
            }
            Ok(0)
        }
        ComposeCommand::Port(pa) => {
            let m = compose::members(paths, &loaded.name)?
                .into_iter()
                .find(|m| m.service == pa.service && m.number == pa.index)
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "service {} has no container number {}",
                        pa.service,
                        pa.index
                    )
                })?;
            let found = m.config.net.ports.iter().find_map(|p| {
                (p.protocol == pa.protocol)
                    .then(|| p.pairs().find(|(_, c)| *c == pa.private_port))
                    .flatten()
                    .map(|(h, _)| {
                        let ip = if p.host_ip.is_empty() {
                            "0.0.0.0"
                        } else {
                            p.host_ip.as_str()
                        };
                        format!("{ip}:{h}")
                    })
            });
            match found {
                Some(b) => {
                    println!("{b}");
                    Ok(0)
                }
                None => anyhow::bail!(
                    "no port {}/{} of service {} is published",
                    pa.private_port,
                    pa.protocol,
                    pa.service
                ),
            }
        }
        ComposeCommand::Images(s) => {
            let rows: Vec<Value> = compose::members(paths, &loaded.name)?
                .iter()
                .filter(|m| s.services.is_empty() || s.services.contains(&m.service))
                .map(|m| {
                    let (repo, tag) = m
                        .config
                        .image_name
                        .rsplit_once(':')
                        .unwrap_or((&m.config.image_name, "latest"));
                    serde_json::json!({
                        "Container": m.config.name,
                        "Repository": repo,
                        "Tag": tag,
                        "ID": m.config.image_id[..12.min(m.config.image_id.len())],
                    })
                })
                .collect();
            super::output::print_list(
                &rows,
                None,
                "table {{.Container}}\t{{.Repository}}\t{{.Tag}}\t{{.ID}}",
                &[("id", "IMAGE ID")],
                false,
            )?;
            Ok(0)
        }
        ComposeCommand::Pull(s) => {
            compose::pull(paths, &loaded, &s.services, &pull_options(false)()?)?;
            Ok(0)
        }
        ComposeCommand::Version | ComposeCommand::Ls(_) => Ok(0),
        ComposeCommand::Start(s) => {
            compose::start(paths, g, &loaded, &s.services, report)?;
            Ok(0)
        }
        ComposeCommand::Stop(s) => {
            compose::stop(paths, &loaded, &s.services, report)?;
            Ok(0)
        }
        ComposeCommand::Restart(s) => {
            compose::stop(paths, &loaded, &s.services, report)?;
            compose::start(paths, g, &loaded, &s.services, report)?;
            Ok(0)
        }
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

/// `compose ls`: each project, its containers' states, its files.
fn ls(paths: &Paths, a: &LsArgs) -> Result<i32> {
    let mut rows = Vec::new();
    for (name, ms) in compose::stack::projects(paths)? {
        let running = ms.iter().filter(|m| m.state.active()).count();
        if running == 0 && !a.all {
            continue;
        }
        let mut states: std::collections::BTreeMap<&str, usize> = Default::default();
        for m in &ms {
            *states.entry(m.state.status.as_str()).or_default() += 1;
        }
        let status: Vec<String> = states.iter().map(|(s, n)| format!("{s}({n})")).collect();
        let files = ms
            .iter()
            .find_map(|m| m.config.labels.get(compose::CONFIG_FILES).cloned())
            .unwrap_or_default();
        rows.push(
            serde_json::json!({"Name": name, "Status": status.join(", "), "ConfigFiles": files}),
        );
    }
    super::output::print_rows(
        &rows,
        a.quiet.then_some("Name"),
        a.format.as_deref(),
        "table {{.Name}}\t{{.Status}}\t{{.ConfigFiles}}",
        &[("configfiles", "CONFIG FILES")],
    )?;
    Ok(0)
}

/// `NAME  | ` before each line of a container's output, the name in a
/// colour of its own (from its name, so it keeps it) on a terminal.
fn prefix_of(name: &str, width: usize, colours: bool) -> String {
    if !colours {
        return format!("{name:width$}  | ");
    }
    let hue = 31
        + name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
            % 6;
    format!("\x1b[{hue}m{name:width$}  |\x1b[0m ")
}

/// How compose commands pull: the registries' default access, progress
/// unless `quiet`.
pub(super) fn pull_options(quiet: bool) -> impl Fn() -> Result<PullOptions> + Sync {
    move || {
        Ok(PullOptions {
            access: crate::engine::images::Access::default(),
            progress: super::progress::Terminal::shared(quiet),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefixes_plain_and_coloured() {
        assert_eq!(super::prefix_of("app-web-1", 12, false), "app-web-1     | ");
        let c = super::prefix_of("app-web-1", 12, true);
        assert!(
            c.starts_with("\x1b[3") && c.contains("app-web-1     |") && c.ends_with("\x1b[0m "),
            "{c:?}"
        );
        assert_eq!(
            c,
            super::prefix_of("app-web-1", 12, true),
            "a name keeps its colour"
        );
    }
}
