//! The flags and arguments of `den compose`'s commands.

use clap::{Args, Subcommand};

// The project flags every compose command takes.
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Compose file (several merge in order; default: those COMPOSE_FILE
    /// lists, else compose.yaml, docker-compose.yml, ... and its override
    /// file, here or in the nearest directory above)
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
    /// Where relative paths start and .env is read (default: the first
    /// Compose file's directory)
    #[arg(long, value_name = "DIR")]
    pub project_directory: Option<std::path::PathBuf>,
    /// Colours in the containers' output: never, always or auto (on a
    /// terminal)
    #[arg(long, value_name = "WHEN", value_parser = ["never", "always", "auto"])]
    pub ansi: Option<String>,
    /// Progress lines: auto, tty, plain, json or quiet (none)
    #[arg(long, value_name = "TYPE", value_parser = ["auto", "tty", "plain", "json", "quiet"])]
    pub progress: Option<String>,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ComposeCommand {
    /// Print the resolved model: the files merged, interpolated, normalized
    Config(ConfigArgs),
    /// Make and start the project's networks, volumes and containers
    Up(UpArgs),
    /// Make the project's networks, volumes and containers; start none
    Create(CreateArgs),
    /// Copy files between a service's container and the host
    Cp(CpArgs),
    /// Wait until the services' running containers stop; their exit code
    Wait(WaitArgs),
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
    Stop(StopArgs),
    /// Restart the project's containers
    Restart(StopArgs),
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
    Pull(PullArgs),
    /// Push the images of services that build and name an image:
    Push(PushArgs),
    /// The project's container events as they happen
    Events(EventsArgs),
    /// den's version
    Version(VersionArgs),
    /// List the projects (from their containers; no file needed)
    Ls(LsArgs),
    /// Attach to a service's container: its output, and its stdin
    Attach(AttachArgs),
    /// The resource use of the project's containers
    Stats(StatsArgs),
    /// Set services' numbers of containers (SERVICE=N), made or removed as
    /// up --scale does
    Scale(ScaleArgs),
}

impl ComposeCommand {
    /// The services the command names: Compose enables them whatever
    /// their profiles.
    pub fn targets(&self) -> Vec<String> {
        use ComposeCommand as C;
        match self {
            C::Up(a) => a.services.clone(),
            C::Create(a) => a.services.clone(),
            C::Wait(a) => a.services.clone(),
            C::Cp(a) => [&a.src, &a.dest]
                .iter()
                .filter_map(|p| p.split_once(':').map(|(s, _)| s.to_string()))
                .collect(),
            C::Build(a) => a.services.clone(),
            C::Ps(a) => a.services.clone(),
            C::Logs(a) => a.services.clone(),
            C::Push(a) => a.services.clone(),
            C::Events(a) => a.services.clone(),
            C::Rm(a) => a.services.clone(),
            C::Kill(a) => a.services.clone(),
            C::Stop(a) | C::Restart(a) => a.services.clone(),
            C::Start(a) | C::Pause(a) | C::Unpause(a) | C::Top(a) | C::Images(a) => {
                a.services.clone()
            }
            C::Pull(a) => a.services.clone(),
            C::Exec(a) => vec![a.service.clone()],
            C::Run(a) => vec![a.service.clone()],
            C::Port(a) => vec![a.service.clone()],
            C::Attach(a) => vec![a.service.clone()],
            C::Stats(a) => a.service.iter().cloned().collect(),
            C::Scale(a) => a
                .replicas
                .iter()
                .filter_map(|r| r.split_once('=').map(|(s, _)| s.to_string()))
                .collect(),
            C::Config(_) | C::Down(_) | C::Version(_) | C::Ls(_) => Vec::new(),
        }
    }
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
    /// No pseudo-terminal (default: one when den's output is a terminal)
    #[arg(short = 'T', long = "no-tty", alias = "no-TTY")]
    pub no_tty: bool,
    /// Allocate a pseudo-terminal (the default on a terminal)
    #[arg(short, long)]
    pub tty: bool,
    /// Keep stdin open (the default; --interactive=false closes it)
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
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
    #[arg(short = 'P', long)]
    pub service_ports: bool,
    /// Mount a volume or bind (as den run -v; a relative host path is
    /// from the project's directory)
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Publish a port (as den run -p)
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Add a label
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Add a capability
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Build the service's image first
    #[arg(long)]
    pub build: bool,
    /// Keep stdin open (the default)
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub interactive: bool,
    /// A pseudo-terminal (the default on a terminal)
    #[arg(short, long, conflicts_with = "no_tty")]
    pub tty: bool,
    /// Pull without progress
    #[arg(long)]
    pub quiet_pull: bool,
    /// Pull the image: always, missing or never (default: the service's
    /// pull_policy, else missing)
    #[arg(long, value_name = "POLICY", value_parser = ["always", "missing", "never"])]
    pub pull: Option<String>,
    /// Do not start the services it depends on
    #[arg(long)]
    pub no_deps: bool,
    /// No pseudo-terminal (default: one when den runs on a terminal)
    #[arg(short = 'T', long = "no-tty", alias = "no-TTY")]
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
    /// Do not ask (den never asks)
    #[arg(short, long)]
    pub force: bool,
    /// Their anonymous volumes too
    #[arg(short, long)]
    pub volumes: bool,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// No progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Go on past an image that cannot be pulled (a warning)
    #[arg(long)]
    pub ignore_pull_failures: bool,
    /// Leave out services with build:
    #[arg(long)]
    pub ignore_buildable: bool,
    /// missing (only images not here) or always (the default)
    #[arg(long, value_name = "POLICY", value_parser = ["missing", "always"])]
    pub policy: Option<String>,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// The version number alone
    #[arg(long)]
    pub short: bool,
    /// pretty (default) or json
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Seconds to wait for each container to stop before killing it
    /// (default: the service's stop_grace_period, else 10)
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
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
pub struct AttachArgs {
    /// Which replica (from 1)
    #[arg(long, default_value = "1")]
    pub index: u32,
    /// Keys that detach (ctrl-<x> or characters, comma-separated; empty: none)
    #[arg(long, value_name = "KEYS", default_value = crate::cli::attach::DEFAULT_DETACH_KEYS)]
    pub detach_keys: String,
    /// Do not attach stdin
    #[arg(long)]
    pub no_stdin: bool,
    /// Pass signals den receives to the container
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: bool,
    pub service: String,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Stopped containers too
    #[arg(short, long)]
    pub all: bool,
    /// Format output: json, or a Go template like '{{.Name}} {{.CPUPerc}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Print one sample and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Only this service's containers
    pub service: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// Only the services named, not what they depend on
    #[arg(long)]
    pub no_deps: bool,
    /// SERVICE=N, one or more
    #[arg(required = true, value_name = "SERVICE=N")]
    pub replicas: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CpArgs {
    /// Which replica (from 1)
    #[arg(long, default_value = "1")]
    pub index: u32,
    /// Files copied into the container are owned by its user (false: keep
    /// the owners they have)
    #[arg(short, long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub archive: bool,
    /// SERVICE:SRC_PATH, a host path, or - for a tar stream on stdin
    #[arg(value_name = "SRC")]
    pub src: String,
    /// SERVICE:DEST_PATH, a host path, or - for a tar stream on stdout
    #[arg(value_name = "DEST")]
    pub dest: String,
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Then take the project down
    #[arg(long)]
    pub down_project: bool,
    /// The services (at least one)
    #[arg(required = true)]
    pub services: Vec<String>,
}

// How `up` and `create` make the containers: the flags they share.
#[derive(Debug, Default, Args)]
pub struct MakeArgs {
    /// Build the images of services with build: first, even those already built
    #[arg(long)]
    pub build: bool,
    /// Recreate every container, even unchanged ones
    #[arg(long, conflicts_with = "no_recreate")]
    pub force_recreate: bool,
    /// Keep existing containers, even of changed services
    #[arg(long)]
    pub no_recreate: bool,
    /// Remove containers of services no longer in the files
    #[arg(long)]
    pub remove_orphans: bool,
    /// Suppress pull output
    #[arg(long)]
    pub quiet_pull: bool,
    /// Replicas of a service: SERVICE=N (over deploy.replicas)
    #[arg(long, value_name = "SERVICE=N")]
    pub scale: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub make: MakeArgs,
    /// Only these services (and what they depend on)
    pub services: Vec<String>,
}

#[derive(Debug, Default, Args)]
pub struct UpArgs {
    /// Start the containers and return (without: show their output until
    /// they end; Ctrl-C stops them, a second Ctrl-C kills them)
    #[arg(short, long, conflicts_with_all = ["abort_on_container_exit", "abort_on_container_failure", "exit_code_from"])]
    pub detach: bool,
    /// Stop every container when one ends; exit with its exit code
    #[arg(long, conflicts_with_all = ["abort_on_container_failure", "wait"])]
    pub abort_on_container_exit: bool,
    /// Stop every container when one ends with a failure; exit with its
    /// exit code
    #[arg(long, conflicts_with = "wait")]
    pub abort_on_container_failure: bool,
    /// Exit with the exit code of SERVICE's container (implies
    /// --abort-on-container-exit, unless --abort-on-container-failure)
    #[arg(long, value_name = "SERVICE", conflicts_with = "wait")]
    pub exit_code_from: Option<String>,
    /// Output without colours
    #[arg(long)]
    pub no_color: bool,
    /// Output without the containers' names before their lines
    #[arg(long)]
    pub no_log_prefix: bool,
    /// The time before each line of output
    #[arg(long)]
    pub timestamps: bool,
    #[command(flatten)]
    pub make: MakeArgs,
    /// Wait until the containers run (and are healthy, where they have a
    /// check), then return (as -d)
    #[arg(long)]
    pub wait: bool,
    /// Make the networks, volumes and containers; start none
    #[arg(long, conflicts_with_all = ["wait", "abort_on_container_exit", "abort_on_container_failure", "exit_code_from"])]
    pub no_start: bool,
    /// Only the services named, not what they depend on
    #[arg(long)]
    pub no_deps: bool,
    /// Seconds each container has to stop (one replaced, or at Ctrl-C)
    /// before it is killed (default: its stop_grace_period, else 10)
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// Build no image, not even a missing one
    #[arg(long, conflicts_with = "build")]
    pub no_build: bool,
    /// With --wait: seconds to wait at most (default 300)
    #[arg(long, value_name = "SECONDS")]
    pub wait_timeout: Option<u64>,
    /// Pull images: always, missing or never (default: each service's
    /// pull_policy, else missing)
    #[arg(long, value_name = "POLICY", value_parser = ["always", "missing", "never"])]
    pub pull: Option<String>,
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
    /// Stopped containers too (and compose run's)
    #[arg(short, long)]
    pub all: bool,
    /// Only the containers' ids
    #[arg(short, long)]
    pub quiet: bool,
    /// table (default), json (one object a line), or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only the services' names
    #[arg(long = "services")]
    pub services_only: bool,
    /// Only containers in this state: paused, restarting, removing,
    /// running, dead, created, exited (repeat for several)
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
    /// status=STATUS, as --status
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Whole ids (den's are never cut here)
    #[arg(long)]
    pub no_trunc: bool,
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
    /// Number of lines from the end of each log (-1 or all: every line)
    #[arg(short = 'n', long, value_name = "N", value_parser = crate::cli::logs::tail_count, allow_hyphen_values = true)]
    pub tail: Option<crate::cli::logs::Tail>,
    /// The time before each line
    #[arg(short, long)]
    pub timestamps: bool,
    /// No NAME | before each line
    #[arg(long)]
    pub no_log_prefix: bool,
    /// Only lines since this time (RFC 3339, a Unix time, or a duration
    /// like 10m before now)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only lines until this time (as --since)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// The replica of the service (from 1)
    #[arg(long, value_name = "N")]
    pub index: Option<u32>,
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
    /// Print the networks' names, one per line
    #[arg(long)]
    pub networks: bool,
    /// Print the services' images, one per line
    #[arg(long)]
    pub images: bool,
    /// Print the variables the files were interpolated from
    #[arg(long)]
    pub environment: bool,
    /// Print each service's configuration hash (SERVICE,... or *)
    #[arg(long, value_name = "SERVICES")]
    pub hash: Option<String>,
    /// Check the files only: print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format: yaml (default) or json
    #[arg(long, value_name = "FORMAT", default_value = "yaml", value_parser = ["yaml", "json"])]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Go on with the other services when one image cannot be pushed
    #[arg(long)]
    pub ignore_push_failures: bool,
    /// Push the images of the services they depend on too
    #[arg(long)]
    pub include_deps: bool,
    /// Print no progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Only these services
    pub services: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// One JSON object per line (time, type, action, id, service, attributes)
    #[arg(long)]
    pub json: bool,
    /// Only these services
    pub services: Vec<String>,
}
