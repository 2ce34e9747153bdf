//! `den container clone` and `den pod clone`: the command line that made
//! the original, parsed again with the clone's flags after it (the last
//! value wins), through the same front-end and engine as any `create`.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser};

use super::Globals;
use crate::config::paths::Paths;
use crate::engine::containers::Containers;

#[derive(Debug, Args)]
pub struct CloneArgs {
    #[command(flatten)]
    pub resources: super::resources::ResourceArgs,
    /// The clone's name (default: the original's with -clone)
    #[arg(long)]
    pub name: Option<String>,
    /// Put the clone in this pod
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Remove the original container
    #[arg(long)]
    pub destroy: bool,
    /// With --destroy: stop the original first if it runs
    #[arg(short, long)]
    pub force: bool,
    /// Start the clone
    #[arg(long)]
    pub run: bool,
    /// The container to clone
    pub container: String,
    /// The clone's name
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
    /// The clone's image (default: the original's)
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

impl super::resources::ResourceArgs {
    /// These flags as command-line words (the ones given).
    pub fn to_words(&self) -> Vec<String> {
        let mut w = Vec::new();
        let mut one = |flag: &str, v: Option<String>| {
            if let Some(v) = v {
                w.push(format!("--{flag}={v}"));
            }
        };
        one("memory", self.memory.clone());
        one("memory-reservation", self.memory_reservation.clone());
        one("memory-swap", self.memory_swap.clone());
        one("cpus", self.cpus.clone());
        one("cpu-shares", self.cpu_shares.map(|v| v.to_string()));
        one("cpu-quota", self.cpu_quota.map(|v| v.to_string()));
        one("cpu-period", self.cpu_period.map(|v| v.to_string()));
        one("cpuset-cpus", self.cpuset_cpus.clone());
        one("cpuset-mems", self.cpuset_mems.clone());
        one("pids-limit", self.pids_limit.map(|v| v.to_string()));
        one("blkio-weight", self.blkio_weight.map(|v| v.to_string()));
        one(
            "memory-swappiness",
            self.memory_swappiness.map(|v| v.to_string()),
        );
        one("cpu-rt-period", self.cpu_rt_period.map(|v| v.to_string()));
        one("cpu-rt-runtime", self.cpu_rt_runtime.map(|v| v.to_string()));
        for (flag, list) in [
            ("blkio-weight-device", &self.blkio_weight_device),
            ("device-read-bps", &self.device_read_bps),
            ("device-write-bps", &self.device_write_bps),
            ("device-read-iops", &self.device_read_iops),
            ("device-write-iops", &self.device_write_iops),
        ] {
            for v in list {
                w.push(format!("--{flag}={v}"));
            }
        }
        w
    }
}

/// The words after `run`/`create` (or `pod create`) in the command line
/// that made something, and whether it was `run`.
fn original_words<'a>(made_by: &'a [String], verbs: &[&str]) -> Result<(&'a [String], bool)> {
    let verb = made_by
        .iter()
        .position(|w| verbs.contains(&w.as_str()))
        .filter(|_| made_by.len() > 1)
        .context("it was not made by a den command line (den clones what den run, den create or den pod create made)")?;
    Ok((&made_by[verb + 1..], made_by[verb] == "run"))
}

#[derive(Parser)]
#[command(no_binary_name = true, args_override_self = true)]
struct RunLine {
    #[command(flatten)]
    run: super::run::RunArgs,
}

/// `den container clone`.
pub fn clone(paths: &Paths, g: &Globals, a: CloneArgs) -> Result<i32> {
    let containers = Containers::new(paths);
    let orig = containers.find(&a.container)?;
    let (words, _) = original_words(&orig.create_command, &["run", "create"])
        .with_context(|| format!("cannot clone {}", orig.name))?;
    // The original's flags, then the clone's (the last value wins); the
    // image and command stay at the end.
    let line = RunLine::try_parse_from(words.iter().cloned())
        .with_context(|| format!("the command line that made {} no longer parses", orig.name))?;
    let mut create = line.run.create;
    let extra = RunLine::try_parse_from(
        a.resources
            .to_words()
            .into_iter()
            .chain(["__image".to_string()]),
    )
    .context("the clone's flags")?;
    create.resources = merge(create.resources, extra.run.create.resources);
    create.name = Some(
        a.new_name
            .clone()
            .or(a.name.clone())
            .unwrap_or_else(|| format!("{}-clone", orig.name)),
    );
    create.replace = false;
    create.cidfile = None;
    if let Some(i) = &a.image {
        create.image = Some(i.clone());
    }
    if let Some(p) = &a.pod {
        create.pod = Some(p.clone());
    }
    if a.destroy && !a.force && containers.live_state(&orig.id)?.active() {
        bail!(
            "{} is running: stop it, or give --force with --destroy",
            orig.name
        );
    }
    let cfg = super::create::create_container(paths, g, &create)?;
    if a.destroy {
        // In a child: removing enters den's user namespace, from where the
        // clone could not be started.
        crate::engine::containers::stop(&containers, &orig, Some(10))?;
        let ids = [orig.id.clone()];
        crate::engine::containers::in_den_userns(|| {
            let mut failed = None;
            crate::engine::containers::remove_selected(
                paths,
                crate::engine::containers::Selection::Named(&ids),
                true,
                10,
                false,
                false,
                |_, r| {
                    if let Err(e) = r {
                        failed = Some(e);
                    }
                },
            )?;
            failed.map_or(Ok(()), Err)
        })
        .with_context(|| format!("removing {} (the clone {} is made)", orig.name, cfg.name))?;
    }
    if a.run {
        crate::engine::start::requirements(paths, g, &cfg)?;
        crate::engine::start::detached(g, &cfg)?;
    }
    println!("{}", cfg.id);
    Ok(0)
}

/// `over`'s limits where it sets them, else `base`'s.
fn merge(
    base: super::resources::ResourceArgs,
    over: super::resources::ResourceArgs,
) -> super::resources::ResourceArgs {
    macro_rules! pick {
        ($($f:ident),*) => {{
            let rest = extend(base.clone(), &over);
            super::resources::ResourceArgs { $( $f: over.$f.clone().or(base.$f.clone()), )* ..rest }
        }};
    }
    fn extend(
        mut base: super::resources::ResourceArgs,
        over: &super::resources::ResourceArgs,
    ) -> super::resources::ResourceArgs {
        base.blkio_weight_device
            .extend(over.blkio_weight_device.iter().cloned());
        base.device_read_bps
            .extend(over.device_read_bps.iter().cloned());
        base.device_write_bps
            .extend(over.device_write_bps.iter().cloned());
        base.device_read_iops
            .extend(over.device_read_iops.iter().cloned());
        base.device_write_iops
            .extend(over.device_write_iops.iter().cloned());
        base
    }
    pick!(
        memory,
        memory_reservation,
        memory_swap,
        cpus,
        cpu_shares,
        cpu_quota,
        cpu_period,
        cpuset_cpus,
        cpuset_mems,
        pids_limit,
        blkio_weight,
        memory_swappiness,
        cpu_rt_period,
        cpu_rt_runtime
    )
}

/// The flags given on this den's own command line to the subcommand at
/// `path` (`["pod", "clone"]`), as words, but for `skip` and the
/// positional arguments: what a clone adds to the original's line.
fn given_words(path: &[&str], skip: &[&str]) -> Result<Vec<String>> {
    use clap::CommandFactory;
    let mut cmd = super::Cli::command();
    cmd.build();
    let matches = cmd.try_get_matches_from_mut(std::env::args_os())?;
    let mut sub = &cmd;
    let mut m = &matches;
    for name in path {
        let Some((n, inner)) = m.subcommand() else {
            bail!("not a {name} command line");
        };
        if n != *name {
            bail!("not a {name} command line");
        }
        sub = sub
            .find_subcommand(name)
            .with_context(|| format!("no {name} subcommand"))?;
        m = inner;
    }
    let mut sub = sub.clone();
    sub.build();
    let mut words = Vec::new();
    for arg in sub.get_arguments() {
        let id = arg.get_id().as_str();
        let Some(long) = arg.get_long() else { continue };
        if skip.contains(&id) || m.value_source(id) != Some(clap::parser::ValueSource::CommandLine)
        {
            continue;
        }
        let takes = arg.get_action().takes_values();
        match m.get_raw(id) {
            Some(values) if takes => {
                for v in values {
                    words.push(format!("--{long}={}", v.to_string_lossy()));
                }
            }
            _ => words.push(format!("--{long}")),
        }
    }
    Ok(words)
}

#[derive(Debug, Args)]
pub struct PodCloneArgs {
    #[command(flatten)]
    pub over: super::podcreate::CreateArgs,
    /// Remove the original pod (and its containers)
    #[arg(long)]
    pub destroy: bool,
    /// Start the clone
    #[arg(long)]
    pub start: bool,
    /// The pod to clone
    pub pod: String,
    /// The clone's name (default: the original's with -clone)
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
}

#[derive(Parser)]
#[command(no_binary_name = true, args_override_self = true)]
struct PodLine {
    #[command(flatten)]
    create: super::podcreate::CreateArgs,
}

/// `den pod clone`: the pod's command line with the clone's flags after
/// it, then each of its containers cloned into it.
pub fn pod_clone(paths: &Paths, g: &Globals, a: PodCloneArgs) -> Result<i32> {
    let orig = crate::engine::pods::find(paths, &a.pod)?;
    let (words, _) = original_words(&orig.create_command, &["create"])
        .with_context(|| format!("cannot clone the pod {}", orig.name))?;
    let extra = given_words(&["pod", "clone"], &["destroy", "start", "name", "replace"])?;
    let line = PodLine::try_parse_from(words.iter().cloned().chain(extra)).with_context(|| {
        format!(
            "the command line that made the pod {} no longer parses",
            orig.name
        )
    })?;
    let mut create = line.create;
    let name = a
        .new_name
        .clone()
        .or(a.over.name.clone())
        .unwrap_or_else(|| format!("{}-clone", orig.name));
    create.name = Some(name.clone());
    create.replace = false;
    create.pod_id_file = None;
    create.infra_name = None;
    let members: Vec<_> = crate::engine::pods::members(paths, &orig)?
        .into_iter()
        .filter(|c| Some(&c.id) != orig.infra.as_ref())
        .collect();
    let containers = Containers::new(paths);
    if a.destroy {
        for c in &members {
            if containers.live_state(&c.id)?.active() {
                bail!(
                    "the pod {} runs ({} is up): stop it before --destroy",
                    orig.name,
                    c.name
                );
            }
        }
    }
    let new_pod = super::podcreate::create_pod(paths, &create)?;
    let cloned = clone_members(paths, g, &members, &name);
    if let Err(e) = cloned {
        // Nothing half made: the new pod goes again.
        let _ = crate::engine::pods::remove(paths, &new_pod, true, Some(0));
        return Err(e);
    }
    let pod = crate::engine::pods::find(paths, &name)?;
    if a.destroy {
        crate::engine::pods::remove(paths, &orig, true, Some(10))?;
    }
    if a.start {
        for c in crate::engine::pods::members(paths, &pod)? {
            if let Some(cfg) = crate::engine::start::prepare(paths, &c.id, false)? {
                crate::engine::start::requirements(paths, g, &cfg)?;
                crate::engine::start::detached(g, &cfg)?;
            }
        }
    }
    println!("{}", pod.id);
    Ok(0)
}

/// Each of `members` again, in the pod `pod`: NAME-clone, or NAME-POD
/// when that is taken.
fn clone_members(
    paths: &Paths,
    g: &Globals,
    members: &[crate::engine::containers::ContainerConfig],
    pod: &str,
) -> Result<()> {
    let containers = Containers::new(paths);
    for c in members {
        let (words, _) = original_words(&c.create_command, &["run", "create"])
            .with_context(|| format!("cannot clone {}", c.name))?;
        let mut cc = RunLine::try_parse_from(words.iter().cloned())
            .with_context(|| format!("the command line that made {} no longer parses", c.name))?
            .run
            .create;
        let plain = format!("{}-clone", c.name);
        cc.name = Some(if containers.find(&plain).is_ok() {
            format!("{}-{pod}", c.name)
        } else {
            plain
        });
        cc.pod = Some(pod.to_string());
        cc.pod_id_file = None;
        cc.replace = false;
        cc.cidfile = None;
        super::create::create_container(paths, g, &cc)?;
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct SpecArgs {
    /// One line of JSON
    #[arg(short, long)]
    pub compact: bool,
    /// Write the spec to this file
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<std::path::PathBuf>,
    /// Leave the name out of the spec, so that it makes a new container
    /// beside the original (default true; false keeps the name)
    #[arg(short, long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub name: bool,
    /// The container
    pub container: String,
}

/// `den generate spec`: the container spec (`create --spec`'s input) of a
/// container, from the command line that made it.
pub fn spec(paths: &Paths, g: &Globals, a: SpecArgs) -> Result<i32> {
    let c = Containers::new(paths).find(&a.container)?;
    let (words, _) = original_words(&c.create_command, &["run", "create"])
        .with_context(|| format!("cannot make the spec of {}", c.name))?;
    let line = RunLine::try_parse_from(words.iter().cloned())
        .with_context(|| format!("the command line that made {} no longer parses", c.name))?;
    let mut spec = super::create::spec_of(&line.run.create, g)?;
    spec.create_command = c.create_command.clone();
    if a.name {
        spec.name = None;
    }
    let text = if a.compact {
        serde_json::to_string(&spec)?
    } else {
        serde_json::to_string_pretty(&spec)?
    };
    match &a.filename {
        Some(f) => std::fs::write(f, format!("{text}\n"))
            .with_context(|| format!("writing {}", f.display()))?,
        None => println!("{text}"),
    }
    Ok(0)
}
