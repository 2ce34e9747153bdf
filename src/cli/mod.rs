//! The command line: clap definitions and dispatch. Handlers parse and
//! print; the work is done by the engine modules.

mod archive;
mod attach;
mod autoupdate;
mod build;
mod buildflags;
mod clone;
mod commit;
mod compose;
mod container;
mod cp;
mod create;
mod df;
mod docs;
mod envflags;
mod events;
mod exec;
mod fastparse;
mod generate;
mod health;
mod history;
mod image;
mod kube;
mod login;
mod logs;
mod manifest;
mod mount;
mod netflags;
mod network;
mod nsflags;
mod output;
mod pod;
mod podcreate;
mod procflags;
mod progress;
mod prune;
mod ps;
mod push;
mod quadlet;
mod refused;
mod resources;
mod run;
mod runlabel;
mod secret;
mod stack;
mod stats;
mod system;
mod top;
mod volume;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::config::paths::Paths;
use crate::error::EXIT_DEN;

/// The heading of the flags every command takes, listed after its own.
const GLOBAL: &str = "Global Options";

/// den: run containers without a daemon and without root.
#[derive(Debug, Parser)]
#[command(
    name = "den",
    version,
    about = "Run containers without a daemon and without root",
    max_term_width = 100,
    // As podman: a repeated flag (`--name a --name b`) takes the last
    // value (lists such as `-e` still gather every one).
    args_override_self = true
)]
pub struct Cli {
    #[command(flatten)]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

// The flags before (or, the global ones, anywhere after) the command (a
// plain comment: a doc comment would be the top level's description).
#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// Storage root (default: $XDG_DATA_HOME/den)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// Storage driver: overlay, fuse-overlayfs or vfs (default: detected)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// Log messages at this level and above: debug, info, warn, error
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "LEVEL", default_value = "warn",
          value_parser = ["debug", "info", "warn", "error"])]
    pub log_level: String,
    /// Docker's client configuration directory, for scripts written for
    /// docker: its config.json gives registry credentials (as DOCKER_CONFIG)
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<build::BuildArgs>),
    /// Pull an image from a registry
    Pull(image::PullArgs),
    /// Push an image to a registry
    Push(push::PushArgs),
    /// Save images to an archive
    Save(archive::SaveArgs),
    /// Load images from an archive
    Load(archive::LoadArgs),
    /// Show the history of an image
    History(history::HistoryArgs),
    /// Make an image from a tarball
    Import(archive::ImportArgs),
    /// List images in local storage
    Images(image::ImagesArgs),
    /// Remove one or more images from local storage
    Rmi(image::RmiArgs),
    /// Add an additional name to a local image
    Tag(image::TagArgs),
    /// Remove names from a local image (all of them without NAMEs); the
    /// image stays
    Untag(image::UntagArgs),
    /// Search registries for images
    Search(image::SearchArgs),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Display the configuration of an object
    Inspect(image::InspectArgs),
    #[command(flatten)]
    Containers(ContainerVerb),
    /// List containers
    Ps(ps::PsArgs),
    /// Show what containers use: CPU, memory, network, block I/O, processes
    Stats(stats::StatsArgs),
    /// Show a container's output
    Logs(logs::LogsArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Run containers' healthchecks
    #[command(subcommand)]
    Healthcheck(health::HealthcheckCommand),
    /// Multi-container applications from Compose files
    Compose(Box<compose::ComposeArgs>),
    /// Swarm's stacks on this machine: compose projects
    #[command(subcommand)]
    Stack(stack::StackCommand),
    /// Swarm's services on this machine: a compose project's services
    #[command(subcommand)]
    Service(stack::ServiceCommand),
    /// Show container and image events
    Events(events::EventsArgs),
    /// systemd units from quadlet files (.container, .volume, .network,
    /// .image, .build); den-user-generator is this
    Quadlet(quadlet::QuadletArgs),
    /// Move containers labelled io.containers.autoupdate to their image's
    /// newest version
    AutoUpdate(autoupdate::AutoUpdateArgs),
    /// Generate systemd units for containers
    #[command(name = "generate", subcommand)]
    Units(generate::GenerateCommand),
    /// Kubernetes YAML: made from containers and pods, or played into them
    #[command(subcommand)]
    Kube(generate::KubeCommand),
    /// Log in to a registry
    Login(login::LoginArgs),
    /// Log out of a registry
    Logout(login::LogoutArgs),
    /// Display den related system information
    Info(system::InfoArgs),
    /// Display the den version information
    Version(system::VersionArgs),
    /// Run a command in den's user namespace
    Unshare(system::UnshareArgs),
    /// Check the host, or show system information
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Manage pods: containers that share namespaces
    #[command(subcommand)]
    Pod(pod::PodCommand),
    /// Manage secrets: data containers get as files or variables
    #[command(subcommand)]
    Secret(secret::SecretCommand),
    /// Virtual machines for podman on macOS and Windows (refused: den runs
    /// on this host)
    #[command(subcommand)]
    Machine(refused::MachineCommand),
    /// Manifest lists: one name for an image's builds for several platforms
    #[command(subcommand)]
    Manifest(manifest::ManifestCommand),
    /// The per-container supervisor (internal)
    #[command(name = "__supervise", hide = true)]
    Supervise { id: String },
    /// The holder of the shared network namespace (internal)
    #[command(name = "__netns", hide = true)]
    Netns,
    /// Write man pages and shell completions (internal)
    #[command(name = "__generate", hide = true)]
    Generate { dir: PathBuf },
}

/// The container verbs, both top-level (`den run`) and under `den container`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ContainerVerb {
    /// Run a command in a new container
    Run(Box<run::RunArgs>),
    /// Ready containers to start without starting them (refused: den
    /// readies a container as it starts it)
    Init(container::InitArgs),
    /// Create a container without starting it
    Create(Box<create::CreateArgs>),
    /// Start one or more containers
    Start(run::StartArgs),
    /// Stop one or more running containers
    Stop(container::StopArgs),
    /// Send a signal to one or more running containers
    Kill(container::KillArgs),
    /// Restart one or more containers
    Restart(container::RestartArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(container::WaitArgs),
    /// Remove one or more containers
    Rm(container::RmArgs),
    /// Rename a container
    Rename(container::RenameArgs),
    /// Change the resource limits of containers
    Update(Box<resources::UpdateArgs>),
    /// Pause all processes in one or more containers
    Pause(container::PauseArgs),
    /// Unpause one or more containers
    Unpause(container::PauseArgs),
    /// Run a command in a running container
    Exec(exec::ExecArgs),
    /// Attach to a running container's input and output
    Attach(attach::AttachArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// List a container's published ports
    Port(top::PortArgs),
    /// Copy files between a container and the host (or a tar stream)
    Cp(cp::CpArgs),
    /// Export a container's filesystem as a tar archive
    Export(cp::ExportArgs),
    /// Show what a container changed in its filesystem
    Diff(commit::DiffArgs),
    /// Make an image of a container's changes
    Commit(commit::CommitArgs),
    /// Mount a container's rootfs (inside den unshare) and print where
    Mount(mount::MountArgs),
    /// Unmount what den mount mounted
    #[command(alias = "umount")]
    Unmount(mount::UnmountArgs),
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ContainerCommand {
    #[command(flatten)]
    Verb(ContainerVerb),
    /// List containers
    #[command(alias = "ps", alias = "list")]
    Ls(ps::PsArgs),
    /// Show a container's output
    Logs(logs::LogsArgs),
    /// Show what containers use: CPU, memory, network, block I/O, processes
    Stats(stats::StatsArgs),
    /// Display the configuration of a container
    Inspect(image::InspectArgs),
    /// Remove all stopped containers
    Prune(container::PruneArgs),
    /// Exit 0 if the container exists, 1 if not
    Exists(container::ExistsArgs),
    /// Make a copy of a container (its command line again, with changes)
    Clone(Box<clone::CloneArgs>),
    /// Run the command an image keeps in a label
    Runlabel(runlabel::RunlabelArgs),
    /// Clean up after stopped containers (and remove them with --rm)
    Cleanup(container::CleanupArgs),
    /// Checkpoint a running container (needs CRIU: refused)
    Checkpoint(Box<refused::CheckpointArgs>),
    /// Restore a checkpointed container (needs CRIU: refused)
    Restore(Box<refused::RestoreArgs>),
}

/// Global options a re-executed den (the supervisor) must see too.
pub use crate::engine::start::Globals;

/// The clap command, for docs and completions.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parse, dispatch, and turn the outcome into an exit status.
/// The command line; called as `den-compose` or `docker-compose` (a link
/// to den), it is `den compose ...`; as `den-user-generator`, `den
/// quadlet --user ...`.
fn args() -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let called = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_name())
        .map(|n| n.to_string_lossy().into_owned());
    if matches!(called.as_deref(), Some("den-compose" | "docker-compose")) {
        args[0] = "den".into();
        args.insert(1, "compose".into());
    }
    if called.as_deref() == Some("den-user-generator") {
        quadlet::generator_args(&mut args);
    }
    // `help --help` is the help command's own help, as podman's (clap
    // reads every word after `help` as the path of a command).
    if args.get(1).is_some_and(|a| a == "help")
        && args.iter().skip(2).any(|a| a == "--help" || a == "-h")
    {
        args.truncate(2);
        args.push("help".into());
    }
    args
}

pub fn main() -> i32 {
    crate::util::log::start_clock();
    quiet_on_closed_output();
    let args = args();
    if args.len() == 2 && args[1] == crate::engine::system::PAUSE_ARG {
        return crate::engine::system::pause();
    }
    if let Some(code) = supervise_fast(&args) {
        return code;
    }
    // `run`'s supervisor, forked now to make ready while we parse.
    crate::engine::prefork::start(&args);
    let code = parse_and_dispatch(args);
    // Unused (a parse error, a container it does not fit): ended.
    crate::engine::prefork::end();
    code
}

/// The command line parsed (the container verbs' shortly, see
/// `fastparse.rs`), its command run, and its outcome as an exit status.
fn parse_and_dispatch(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = match fastparse::container_verb(&args) {
        Some(cli) => cli,
        None => match Cli::try_parse_from(args) {
            Ok(c) => c,
            Err(e) => return clap_error(e),
        },
    };
    crate::util::log::set_level(&cli.globals.log_level);
    crate::util::log::phase("arguments parsed");
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => report(e),
    }
}

/// A reader that closed its end early (`den ps | head -1`) ends the
/// command quietly, with the status a shell reports for a command killed
/// by SIGPIPE (141), as a C or Go program's would be: Rust ignores
/// SIGPIPE, and `println!` to a closed pipe panics (an abort here).
fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if msg.starts_with("failed printing to std") && msg.contains("Broken pipe") {
            std::process::exit(128 + libc::SIGPIPE);
        }
        default(info);
    }));
}

/// The supervisor (`den [--root D] [--runroot D] [--storage-driver S]
/// [--log-level L] __supervise ID`, as `engine::start` spawns it for every
/// container start) read without clap: building the whole command line's
/// parser costs about 1.5 ms, on the path of every start. Anything else
/// (or any other shape) goes to clap.
fn supervise_fast(args: &[std::ffi::OsString]) -> Option<i32> {
    let (id, root, runroot, driver, level) = supervise_args(args)?;
    crate::util::log::set_debug(level == "debug");
    crate::util::log::phase("supervisor's arguments read");
    let result = Paths::resolve(root.as_deref(), runroot.as_deref())
        .and_then(|p| crate::engine::system::supervise(&p, &id, driver.as_deref()));
    Some(match result {
        Ok(code) => code,
        Err(e) => report(e),
    })
}

/// The supervisor's id and globals (root, runroot, storage driver, log
/// level), if `args` have exactly the shape `engine::start` gives them.
type SuperviseArgs = (
    String,
    Option<PathBuf>,
    Option<PathBuf>,
    Option<String>,
    String,
);

fn supervise_args(args: &[std::ffi::OsString]) -> Option<SuperviseArgs> {
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str())
        .collect::<Option<_>>()?;
    let (id, globals) = match words.as_slice() {
        [globals @ .., "__supervise", id] if globals.len() % 2 == 0 => (*id, globals),
        _ => return None,
    };
    let (mut root, mut runroot, mut driver, mut level) = (None, None, None, "warn");
    for pair in globals.chunks(2) {
        match pair {
            ["--root", v] => root = Some(PathBuf::from(v)),
            ["--runroot", v] => runroot = Some(PathBuf::from(v)),
            ["--storage-driver", v] => driver = Some(v.to_string()),
            ["--log-level", v] if ["debug", "info", "warn", "error"].contains(v) => level = v,
            _ => return None,
        }
    }
    Some((id.to_string(), root, runroot, driver, level.to_string()))
}

pub use crate::error::report;

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
            let mut lines = rendered.lines();
            let mut first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string();
            // clap lists what is missing on the indented lines after the
            // first: name them on the one line.
            let missing: Vec<&str> = lines
                .take_while(|l| l.starts_with("  "))
                .map(str::trim)
                .collect();
            if !missing.is_empty() {
                first = format!("{} {}", first, missing.join(" "));
            }
            eprintln!("den: error: {first} (see 'den --help')");
            EXIT_DEN
        }
    }
}

fn paths(cli: &Cli) -> anyhow::Result<Paths> {
    Paths::resolve(cli.globals.root.as_deref(), cli.globals.runroot.as_deref())
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    if let Some(dir) = &cli.globals.config {
        // Read where credentials are looked up (config/auth.rs); den has
        // no threads yet.
        std::env::set_var(crate::config::env::DOCKER_CONFIG, dir);
    }
    // Man pages and completions (packaging, as root too) and `version`
    // (root may ask it too) need no directory of den's: none is made.
    match cli.command {
        Command::Generate { dir } => return docs::generate(&dir).map(|_| 0),
        Command::Version(a) => return system::version(a),
        _ => {}
    }
    // den is for users: see "Who runs den" in ARCHITECTURE.md.
    if crate::engine::system::host_root()
        && !matches!(cli.command, Command::Info(_) | Command::System(_))
    {
        anyhow::bail!("den runs containers as the user who owns them, never as root: run it without sudo, as that user (their containers' root is that user, mapped onto the user's subordinate ids)");
    }
    let p = paths(&cli)?;
    crate::engine::system::use_paths(&p);
    // A storage or runtime directory an older den left open to others.
    for dir in [&p.data, &p.runtime] {
        crate::config::private::secure(dir);
    }
    if let Some(d) = &cli.globals.storage_driver {
        crate::engine::system::check_storage_driver(d)?;
    }
    let g = Globals {
        root: cli.globals.root.clone(),
        runroot: cli.globals.runroot.clone(),
        storage_driver: cli.globals.storage_driver.clone(),
        log_level: cli.globals.log_level.clone(),
    };
    let driver = g.storage_driver.as_deref();
    match cli.command {
        Command::Build(a) => build::build(&p, &g, *a),
        Command::Stats(a) => stats::stats(&p, a),
        Command::Image(image::ImageCommand::Build(a)) => build::build(&p, &g, *a),
        Command::Pull(a) => image::pull(&p, a),
        Command::Push(a) => push::push(&p, a),
        Command::Save(a) => archive::save(&p, a),
        Command::Load(a) => archive::load(&p, a),
        Command::History(a) => history::history(&p, a),
        Command::Import(a) => archive::import(&p, a),
        Command::Login(a) => login::login(&p, a),
        Command::Logout(a) => login::logout(&p, a),
        Command::Images(a) => image::images(&p, a),
        Command::Rmi(a) => image::rmi(&p, a),
        Command::Tag(a) => image::tag(&p, a),
        Command::Untag(a) => image::untag(&p, a),
        Command::Image(c) => image::image_command(&p, c),
        Command::Inspect(a) => image::inspect(&p, a),
        Command::Search(a) => image::search(&p, a),
        Command::Containers(v) => verb(&p, &g, v),
        Command::Ps(a) => ps::ps(&p, a),
        Command::Logs(a) => logs::logs(&p, a),
        Command::Container(c) => match c {
            ContainerCommand::Verb(v) => verb(&p, &g, v),
            ContainerCommand::Ls(a) => ps::ps(&p, a),
            ContainerCommand::Logs(a) => logs::logs(&p, a),
            ContainerCommand::Stats(a) => stats::stats(&p, a),
            ContainerCommand::Inspect(mut a) => {
                a.kind = Some("container".into());
                image::inspect(&p, a)
            }
            ContainerCommand::Prune(a) => container::prune(&p, a),
            ContainerCommand::Exists(a) => container::exists(&p, a),
            ContainerCommand::Clone(a) => clone::clone(&p, &g, *a),
            ContainerCommand::Runlabel(a) => runlabel::runlabel(&p, a),
            ContainerCommand::Cleanup(a) => container::cleanup(&p, a),
            ContainerCommand::Checkpoint(_) => refused::checkpoint(false),
            ContainerCommand::Restore(_) => refused::checkpoint(true),
        },
        Command::Machine(c) => refused::machine(c),
        Command::Secret(c) => secret::secret(&p, c),
        Command::Pod(c) => pod::pod(&p, &g, c),
        Command::Network(c) => network::network(&p, c),
        Command::Volume(c) => volume::volume(&p, c),
        Command::Healthcheck(c) => health::healthcheck(&p, c),
        Command::Compose(a) => compose::compose(&p, &g, *a),
        Command::Stack(c) => stack::stack(&p, &g, c),
        Command::Service(c) => stack::service(&p, c),
        Command::Events(a) => events::events(&p, a),
        Command::Quadlet(a) => quadlet::quadlet(&g, a),
        Command::Units(c) => generate::generate(&p, &g, c),
        Command::Kube(generate::KubeCommand::Generate(a)) => generate::kube(&p, a),
        Command::Kube(generate::KubeCommand::Play(a)) => kube::play(&p, &g, *a),
        Command::Kube(generate::KubeCommand::Down(a)) => kube::down(&p, a),
        Command::Manifest(c) => manifest::manifest(&p, c),
        Command::AutoUpdate(a) => autoupdate::auto_update(&p, a),
        Command::Info(a) => system::info(&p, a, driver),
        Command::Unshare(a) => system::unshare(&p, a),
        Command::System(c) => system::system(&p, c, driver),
        Command::Supervise { id } => crate::engine::system::supervise(&p, &id, driver),
        Command::Netns => crate::engine::system::hold_network_namespace(&p),
        Command::Generate { .. } | Command::Version(_) => {
            unreachable!("answered before den's directories are resolved")
        }
    }
}

fn verb(p: &Paths, g: &Globals, v: ContainerVerb) -> anyhow::Result<i32> {
    match v {
        ContainerVerb::Run(a) => run::run(p, g, *a),
        ContainerVerb::Create(a) => create::create(p, g, *a),
        ContainerVerb::Start(a) => run::start(p, g, a),
        ContainerVerb::Stop(a) => container::stop(p, a),
        ContainerVerb::Kill(a) => container::kill(p, a),
        ContainerVerb::Restart(a) => container::restart(p, g, a),
        ContainerVerb::Wait(a) => container::wait(p, a),
        ContainerVerb::Rm(a) => container::rm(p, a),
        ContainerVerb::Rename(a) => container::rename(p, a),
        ContainerVerb::Init(a) => container::init(p, a),
        ContainerVerb::Update(a) => resources::update(p, *a),
        ContainerVerb::Pause(a) => container::pause(p, a),
        ContainerVerb::Unpause(a) => container::unpause(p, a),
        ContainerVerb::Exec(a) => exec::exec(p, a),
        ContainerVerb::Attach(a) => attach::attach(p, a),
        ContainerVerb::Top(a) => top::top(p, a),
        ContainerVerb::Port(a) => top::port(p, a),
        ContainerVerb::Cp(a) => cp::cp(p, a),
        ContainerVerb::Export(a) => cp::export(p, a),
        ContainerVerb::Diff(a) => commit::diff(p, a),
        ContainerVerb::Commit(a) => commit::commit(p, a),
        ContainerVerb::Mount(a) => mount::mount(p, a),
        ContainerVerb::Unmount(a) => mount::unmount(p, a),
    }
}

#[cfg(test)]
mod tests {
    /// Every command's definition holds (clap checks flag clashes, such as
    /// a subcommand's -f against compose's global -f, only when a command
    /// is parsed; this checks them all at once).
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        // Each subcommand is built (and checked) with the global flags its
        // parents give it.
        fn walk(cmd: &mut clap::Command) {
            cmd.build();
            for sub in cmd.get_subcommands_mut() {
                walk(sub);
            }
        }
        walk(&mut super::Cli::command());
    }
}

#[cfg(test)]
mod supervise_tests {
    fn os(words: &[&str]) -> Vec<std::ffi::OsString> {
        words.iter().map(|w| w.into()).collect()
    }

    #[test]
    fn only_the_spawned_shape_skips_clap() {
        let (id, root, runroot, driver, level) = super::supervise_args(&os(&[
            "/proc/self/fd/4",
            "--root",
            "/r",
            "--runroot",
            "/rr",
            "--storage-driver",
            "vfs",
            "--log-level",
            "debug",
            "__supervise",
            "abc",
        ]))
        .expect("the spawned shape");
        assert_eq!(
            (
                id.as_str(),
                root,
                runroot,
                driver.as_deref(),
                level.as_str()
            ),
            (
                "abc",
                Some("/r".into()),
                Some("/rr".into()),
                Some("vfs"),
                "debug"
            )
        );
        for other in [
            &["den", "ps"][..],
            &["den", "--root", "__supervise", "x"],
            &["den", "--bogus", "1", "__supervise", "x"],
            &["den", "--log-level", "loud", "__supervise", "x"],
            &["den", "__supervise", "x", "extra"],
        ] {
            assert!(super::supervise_args(&os(other)).is_none(), "{other:?}");
        }
    }
}
