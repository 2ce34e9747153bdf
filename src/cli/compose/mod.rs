//! `den compose`: multi-container applications from Compose files, built
//! in: `config`, `up`, `down`, `ps`, `logs`, `start`, `stop`, `restart`.

use anyhow::Result;

use crate::config::paths::Paths;
use crate::engine::compose::{self, Options};
use crate::engine::images::PullOptions;
use crate::engine::start::Globals;

mod args;
mod info;
mod up;

pub use args::*;

pub fn compose(paths: &Paths, g: &Globals, a: ComposeArgs) -> Result<i32> {
    let opts = Options {
        files: a.file.clone(),
        project: a.project_name.clone(),
        env_files: a.env_file.clone(),
        profiles: a.profile.clone(),
        targets: a.command.targets(),
        project_dir: a.project_directory.clone(),
    };
    // What needs no Compose file.
    match &a.command {
        ComposeCommand::Version(v) => {
            let version = env!("CARGO_PKG_VERSION");
            match (v.short, v.format.as_deref()) {
                (true, _) => println!("{version}"),
                (false, Some("json")) => println!("{}", serde_json::json!({ "version": version })),
                (false, None | Some("pretty")) => println!("den compose version {version}"),
                (false, Some(f)) => anyhow::bail!("invalid --format {f:?} (use pretty or json)"),
            }
            return Ok(0);
        }
        ComposeCommand::Ls(l) => return info::ls(paths, l),
        _ => {}
    }
    let cwd = std::env::current_dir()?;
    let loaded = compose::load(&opts, &cwd)?;
    for w in &loaded.project.warnings {
        crate::warn!("{w}");
    }
    let quiet = a.progress.as_deref() == Some("quiet");
    let report = &mut |line: &str| {
        if !quiet {
            eprintln!(" {line}")
        }
    };
    let ansi = a.ansi.clone();
    match a.command {
        ComposeCommand::Up(u) => up_command(paths, g, &loaded, u, report, ansi.as_deref()),
        ComposeCommand::Cp(c) => {
            // SERVICE:PATH becomes the service's container's name.
            let side = |p: &str| -> Result<String> {
                match p.split_once(':') {
                    Some((svc, path)) if !svc.contains('/') => {
                        let member = compose::member(paths, &loaded.name, svc, c.index)?;
                        Ok(format!("{}:{path}", member.config.name))
                    }
                    _ => Ok(p.to_string()),
                }
            };
            super::cp::cp(
                paths,
                super::cp::CpArgs {
                    archive: c.archive,
                    overwrite: false,
                    src: side(&c.src)?,
                    dest: side(&c.dest)?,
                },
            )
        }
        ComposeCommand::Wait(w) => {
            let code = compose::wait(paths, &loaded, &w.services, &mut |line: &str| {
                println!("{line}")
            })?;
            if w.down_project {
                let opts = compose::DownOptions {
                    remove_orphans: true,
                    ..Default::default()
                };
                compose::down(paths, &loaded, &opts, report)?;
            }
            Ok(code)
        }
        ComposeCommand::Create(c) => {
            let u = UpArgs {
                no_start: true,
                make: c.make,
                services: c.services,
                ..UpArgs::default()
            };
            up_command(paths, g, &loaded, u, report, ansi.as_deref())
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
        ComposeCommand::Logs(lg) => {
            // Not compose run's, as Compose's logs leave them out.
            let ms: Vec<compose::Member> = compose::members(paths, &loaded.name)?
                .into_iter()
                .filter(|m| !m.one_off())
                .filter(|m| lg.services.is_empty() || lg.services.contains(&m.service))
                .filter(|m| lg.index.is_none_or(|i| m.number == i))
                .collect();
            let width = ms.iter().map(|m| m.config.name.len()).max().unwrap_or(0);
            let colours = colours(lg.no_color, ansi.as_deref());
            let opts = crate::engine::logs::LogOptions {
                follow: lg.follow,
                tail: lg.tail.and_then(|t| t.0),
                window: crate::engine::logs::Window {
                    since: lg
                        .since
                        .as_deref()
                        .map(super::logs::parse_time)
                        .transpose()?,
                    until: lg
                        .until
                        .as_deref()
                        .map(super::logs::parse_time)
                        .transpose()?,
                },
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
                if let Some(status) = compose::follow(paths, &ms, &opts, prefix)?.wait_or_end()? {
                    return Ok(status);
                }
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
            let member = compose::member(paths, &loaded.name, &e.service, e.index)?;
            super::exec::exec(
                paths,
                // As Compose: stdin kept open, a terminal when den's
                // output is one (`-T` for none: `exec -T db psql < dump`);
                // den gave neither unless asked, and the dump was lost.
                super::exec::ExecArgs {
                    interactive: e.interactive && !e.detach,
                    tty: !e.no_tty
                        && !e.detach
                        && (e.tty || std::io::IsTerminal::is_terminal(&std::io::stdout())),
                    detach: e.detach,
                    env: e.env,
                    env_file: Vec::new(),
                    user: e.user,
                    workdir: e.workdir,
                    privileged: e.privileged,
                    preserve_fds: 0,
                    detach_keys: None,
                    latest: Default::default(),
                    container: member.config.id.clone(),
                    command: e.command,
                },
            )
        }
        ComposeCommand::Run(r) => {
            use std::io::IsTerminal;
            let pull = pull_options(r.quiet_pull || !std::io::stderr().is_terminal());
            // The images of services with build: that are missing (the
            // service's again with --build), as Compose builds them first.
            let lines = super::build::Lines { quiet: true };
            let mut to_build = vec![r.service.clone()];
            if !r.no_deps {
                to_build.extend(compose::dependencies(&loaded, &r.service));
            }
            compose::build(paths, g, &loaded, &to_build, true, false, &pull, &lines)?;
            if r.build {
                let one = [r.service.clone()];
                compose::build(paths, g, &loaded, &one, false, false, &pull, &lines)?;
            }
            compose::prepare(paths, g, &loaded, &r.service, r.no_deps, &pull, report)?;
            let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
            let req = compose::RunRequest {
                command: r.command.clone(),
                entrypoint: r.entrypoint.clone(),
                env: r.env.clone(),
                name: r.name.clone(),
                remove: r.rm,
                user: r.user.clone(),
                workdir: r.workdir.clone(),
                service_ports: r.service_ports,
                // A terminal when den runs on one (or -t), stdin kept open
                // (piped input reaches the command), as Compose's.
                tty: !r.no_tty && !r.detach && (r.tty || terminal),
                interactive: r.interactive && !r.detach,
                volumes: r.volume.clone(),
                publish: r.publish.clone(),
                labels: r.label.clone(),
                cap_add: r.cap_add.clone(),
                cap_drop: r.cap_drop.clone(),
                pull: r
                    .pull
                    .as_deref()
                    .map(crate::engine::spec::PullPolicy::parse)
                    .transpose()?,
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
        ComposeCommand::Pull(p) => {
            let how = compose::PullHow {
                ignore_failures: p.ignore_pull_failures,
                ignore_buildable: p.ignore_buildable,
                missing_only: p.policy.as_deref() == Some("missing"),
            };
            compose::pull(paths, &loaded, &p.services, &pull_options(p.quiet)()?, &how)?;
            Ok(0)
        }
        ComposeCommand::Version(_) | ComposeCommand::Ls(_) => Ok(0),
        ComposeCommand::Ps(p) => info::ps(paths, &loaded, &p),
        ComposeCommand::Top(s) => info::top(paths, &loaded, &s.services),
        ComposeCommand::Attach(a) => {
            let m = compose::member(paths, &loaded.name, &a.service, a.index)?;
            super::attach::attach_to(paths, &m.config.id, &a.detach_keys, a.no_stdin, a.sig_proxy)
        }
        ComposeCommand::Stats(s) => {
            let names: Vec<String> = compose::members(paths, &loaded.name)?
                .into_iter()
                .filter(|m| s.all || m.state.active())
                .filter(|m| s.service.as_ref().is_none_or(|x| *x == m.service))
                .map(|m| m.config.name)
                .collect();
            if names.is_empty() {
                return Ok(0);
            }
            super::stats::stats(
                paths,
                super::stats::StatsArgs {
                    all: s.all,
                    no_stream: s.no_stream,
                    format: s.format,
                    interval: 5,
                    no_reset: false,
                    no_trunc: s.no_trunc,
                    latest: Default::default(),
                    containers: names,
                },
            )
        }
        ComposeCommand::Scale(s) => {
            let scale = parse_scale(&s.replicas, "")?;
            let opts = compose::UpOptions {
                services: scale.keys().cloned().collect(),
                scale,
                no_deps: s.no_deps,
                ..Default::default()
            };
            compose::up(paths, g, &loaded, &opts, &pull_options(true), report)?;
            Ok(0)
        }
        ComposeCommand::Port(p) => info::port(paths, &loaded, &p),
        ComposeCommand::Images(s) => info::images(paths, &loaded, &s.services),
        ComposeCommand::Config(c) => info::config(&loaded, &c),
        ComposeCommand::Events(e) => info::events(paths, &loaded, &e),
        ComposeCommand::Push(p) => {
            let opts = super::push::compose_options(paths, p.quiet)?;
            compose::push(
                paths,
                &loaded,
                &p.services,
                p.include_deps,
                p.ignore_push_failures,
                &opts,
                report,
            )?;
            Ok(0)
        }
        ComposeCommand::Start(s) => {
            compose::start(paths, g, &loaded, &s.services, report)?;
            Ok(0)
        }
        ComposeCommand::Stop(s) => {
            compose::stop(paths, &loaded, &s.services, s.timeout, report)?;
            Ok(0)
        }
        ComposeCommand::Restart(s) => {
            compose::stop(paths, &loaded, &s.services, s.timeout, report)?;
            compose::start(paths, g, &loaded, &s.services, report)?;
            Ok(0)
        }
    }
}

/// `compose up` (and `create`, which is `up --no-start`).
fn up_command(
    paths: &Paths,
    g: &Globals,
    loaded: &compose::Loaded,
    u: UpArgs,
    report: &mut dyn FnMut(&str),
    ansi: Option<&str>,
) -> Result<i32> {
    up::check(loaded, &u)?;
    let scale = parse_scale(&u.make.scale, "--scale ")?;
    let opts = compose::UpOptions {
        services: u.services.clone(),
        force_recreate: u.make.force_recreate,
        no_recreate: u.make.no_recreate,
        scale,
        remove_orphans: u.make.remove_orphans,
        wait: u.wait,
        no_start: u.no_start,
        no_deps: u.no_deps,
        timeout: u.timeout,
        wait_timeout: u.wait_timeout.map(std::time::Duration::from_secs),
        pull: u
            .pull
            .as_deref()
            .map(crate::engine::spec::PullPolicy::parse)
            .transpose()?,
    };
    let pull = pull_options(u.make.quiet_pull);
    // Images of services with build: that are not here yet (all
    // of them with --build).
    let lines = super::build::Lines { quiet: true };
    if !u.no_build {
        compose::build(paths, g, loaded, &[], !u.make.build, false, &pull, &lines)?;
    }
    compose::up(paths, g, loaded, &opts, &pull, report)?;
    if u.detach || u.wait || u.no_start {
        return Ok(0);
    }
    // Its containers run: a Ctrl-C from now on stops them gracefully.
    compose::hold_signals()?;
    up::attached(paths, loaded, &u, ansi)
}

/// `SERVICE=N` pairs (`up --scale`'s, `scale`'s); `flag` names them in
/// an error.
fn parse_scale(pairs: &[String], flag: &str) -> Result<std::collections::BTreeMap<String, u32>> {
    let mut scale = std::collections::BTreeMap::new();
    for s in pairs {
        let n = s
            .split_once('=')
            .and_then(|(svc, n)| Some((svc, n.parse::<u32>().ok()?)));
        let Some((svc, n)) = n.filter(|(svc, _)| !svc.is_empty()) else {
            anyhow::bail!("invalid {flag}{s:?} (use SERVICE=N)");
        };
        scale.insert(svc.to_string(), n);
    }
    Ok(scale)
}

/// Whether the containers' names are coloured: `--ansi never|always`,
/// else on a terminal unless `--no-color`.
pub(super) fn colours(no_color: bool, ansi: Option<&str>) -> bool {
    match ansi {
        Some("never") => false,
        Some("always") => true,
        _ => !no_color && std::io::IsTerminal::is_terminal(&std::io::stdout()),
    }
}

/// `NAME  | ` before each line of a container's output, the name in a
/// colour of its own (from its name, so it keeps it) on a terminal.
pub(super) fn prefix_of(name: &str, width: usize, colours: bool) -> String {
    coloured(name, &format!("{name:width$}  |"), colours) + " "
}

/// `text` in the colour of container `name` (each container keeps one).
pub(super) fn coloured(name: &str, text: &str, colours: bool) -> String {
    if !colours {
        return text.to_string();
    }
    let hue = 31
        + name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
            % 6;
    format!("\x1b[{hue}m{text}\x1b[0m")
}

/// How compose commands pull: the registries' default access, progress
/// unless `quiet`.
pub(super) fn pull_options(quiet: bool) -> impl Fn() -> Result<PullOptions> + Sync {
    move || {
        Ok(PullOptions {
            access: crate::engine::images::Access::default(),
            progress: super::progress::Terminal::shared(quiet),
            platform: None,
            stop: None,
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
