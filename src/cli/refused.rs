//! podman commands den refuses, each in one line that says why: `machine`
//! (den runs containers on this host, in no virtual machine), checkpoint
//! and restore (they need CRIU, and CRIU root), image signing and trust policies,
//! `image scp` and `system service`/`connection` (den has no API service
//! and no remote connections). Their flags are podman's, so a script's command line parses
//! and gets the reason rather than an unknown-flag error.

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

/// `den machine ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum MachineCommand {
    /// Display machine host info
    Info(MachineInfoArgs),
    /// Initialize a virtual machine
    Init(MachineInitArgs),
    /// Inspect an existing machine
    Inspect(MachineInspectArgs),
    /// List machines
    #[command(alias = "ls")]
    List(MachineListArgs),
    /// Remove an existing machine
    Rm(MachineRmArgs),
    /// Sets a virtual machine setting
    Set(MachineSetArgs),
    /// SSH into an existing machine
    Ssh(MachineSshArgs),
    /// Start an existing machine
    Start(MachineStartArgs),
    /// Stop an existing machine
    Stop(MachineStopArgs),
}

/// `den machine ...`: refused.
pub fn machine(_: MachineCommand) -> Result<i32> {
    bail!("den runs containers directly on this Linux host: it has no virtual machines to manage (podman machine is for macOS and Windows)")
}

/// `den container checkpoint` and `restore`: CRIU is needed.
pub fn checkpoint(restore: bool) -> Result<i32> {
    let what = if restore { "restore" } else { "checkpoint" };
    let criu = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("criu").is_file()));
    if !criu {
        bail!("container {what} needs CRIU, which is not installed (install the criu package)");
    }
    // CRIU reads a process's memory maps through /proc/PID/map_files,
    // which the kernel opens only to CAP_CHECKPOINT_RESTORE in the host's
    // user namespace: a capability no rootless container has. podman 4.3
    // refuses rootless checkpoints for the same reason.
    bail!("container {what} needs root: CRIU needs CAP_CHECKPOINT_RESTORE in the host's user namespace, which a rootless container never has (podman refuses rootless checkpoints too; stop and start the container instead)")
}

/// `den image sign`, `trust`, `scp`, `system service`, `connection`,
/// `renumber`: refused with why.
pub fn unsupported(what: &str) -> Result<i32> {
    match what {
        "sign" => bail!("image sign: den does not sign images (sign after pushing, with skopeo standalone-sign or cosign)"),
        "trust" => bail!("image trust: den keeps no trust policy of its own; it verifies what the registry sends by digest (edit /etc/containers/policy.json for podman and skopeo)"),
        "scp" => bail!("image scp: den has no remote connections (den save IMAGE | ssh HOST den load)"),
        "service" => bail!("system service: den is daemonless and serves no API (run den commands directly)"),
        "connection" => bail!("system connection: den has no remote connections: it works on this host only"),
        _ => bail!("{what}: not a command den refuses"),
    }
}

// `den image trust ...` (podman's `set` and `show` below it).
#[derive(Debug, Args)]
#[allow(dead_code)] // Parsed for podman's command line; the command is refused.
pub struct TrustArgs {
    /// set or show, and their arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `den system connection ...` (podman's `add`, `list`, ... below it).
#[derive(Debug, Args)]
#[allow(dead_code)] // Parsed for podman's command line; the command is refused.
pub struct ConnectionArgs {
    /// add, default, list, remove or rename, and their arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine info`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineInfoArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short = 'f', long, value_name = "STRING")]
    pub format: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine init`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineInitArgs {
    /// Number of CPUs (default 1)
    #[arg(long, value_name = "UINT")]
    pub cpus: Option<String>,
    /// Disk size in GB (default 100)
    #[arg(long, value_name = "UINT")]
    pub disk_size: Option<String>,
    /// Path to ignition file
    #[arg(long, value_name = "STRING")]
    pub ignition_path: Option<String>,
    /// Path to qcow image (default "testing")
    #[arg(long, value_name = "STRING")]
    pub image_path: Option<String>,
    /// Memory in MB (default 2048)
    #[arg(short = 'm', long, value_name = "UINT")]
    pub memory: Option<String>,
    /// Start machine now
    #[arg(long)]
    pub now: bool,
    /// Whether this machine should prefer rootful container execution
    #[arg(long)]
    pub rootful: bool,
    /// Set timezone (default "local")
    #[arg(long, value_name = "STRING")]
    pub timezone: Option<String>,
    /// Username used in qcow image (default "core")
    #[arg(long, value_name = "STRING")]
    pub username: Option<String>,
    /// Volumes to mount, source:target (default [$HOME:$HOME])
    #[arg(short = 'v', long, value_name = "STRINGARRAY")]
    pub volume: Vec<String>,
    /// Optional volume driver
    #[arg(long, value_name = "STRING")]
    pub volume_driver: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine inspect`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineInspectArgs {
    /// Format volume output using JSON or a Go template
    #[arg(long, value_name = "STRING")]
    pub format: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine list`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineListArgs {
    /// Format volume output using JSON or a Go template (default "{{range .}}{{.Name}}\t{{.VMType}}\t{{.Created}}\t{{.LastUp}}\t{{.CPUs}}\t{{.Memory}}\t{{.DiskSize}}\n{{end -}}")
    #[arg(long, value_name = "STRING")]
    pub format: Option<String>,
    /// Do not print headers
    #[arg(long)]
    pub noheading: bool,
    /// Show only machine names
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine rm`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineRmArgs {
    /// Stop and do not prompt before rming
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Do not delete ignition file
    #[arg(long)]
    pub save_ignition: bool,
    /// Do not delete the image file
    #[arg(long)]
    pub save_image: bool,
    /// Do not delete SSH keys
    #[arg(long)]
    pub save_keys: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine set`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineSetArgs {
    /// Number of CPUs
    #[arg(long, value_name = "UINT")]
    pub cpus: Option<String>,
    /// Disk size in GB
    #[arg(long, value_name = "UINT")]
    pub disk_size: Option<String>,
    /// Memory in MB
    #[arg(short = 'm', long, value_name = "UINT")]
    pub memory: Option<String>,
    /// Whether this machine should prefer rootful container execution
    #[arg(long)]
    pub rootful: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine ssh`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineSshArgs {
    /// Username to use when ssh-ing into the VM
    #[arg(long, value_name = "STRING")]
    pub username: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine start`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineStartArgs {
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `machine stop`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct MachineStopArgs {
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `container checkpoint`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct CheckpointArgs {
    /// Checkpoint all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Select compression algorithm (gzip, none, zstd) for checkpoint archive. (default "zstd")
    #[arg(short = 'c', long, value_name = "STRING")]
    pub compress: Option<String>,
    /// Create checkpoint image with specified name
    #[arg(long, value_name = "STRING")]
    pub create_image: Option<String>,
    /// Export the checkpoint image to a tar.gz
    #[arg(short = 'e', long, value_name = "STRING")]
    pub export: Option<String>,
    /// Checkpoint a container with file locks
    #[arg(long)]
    pub file_locks: bool,
    /// Do not include root file-system changes when exporting
    #[arg(long)]
    pub ignore_rootfs: bool,
    /// Do not export volumes associated with container
    #[arg(long)]
    pub ignore_volumes: bool,
    /// Keep all temporary checkpoint files
    #[arg(short = 'k', long)]
    pub keep: bool,
    /// Act on the latest container podman is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Leave the container running after writing checkpoint to disk
    #[arg(short = 'R', long)]
    pub leave_running: bool,
    /// Dump container's memory information only, leave the container running
    #[arg(short = 'P', long)]
    pub pre_checkpoint: bool,
    /// Display checkpoint statistics
    #[arg(long)]
    pub print_stats: bool,
    /// Checkpoint a container with established TCP connections
    #[arg(long)]
    pub tcp_established: bool,
    /// Checkpoint container with pre-checkpoint images
    #[arg(long)]
    pub with_previous: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `container restore`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct RestoreArgs {
    /// Restore all checkpointed containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Restore a container with file locks
    #[arg(long)]
    pub file_locks: bool,
    /// Do not apply root file-system changes when importing from exported checkpoint
    #[arg(long)]
    pub ignore_rootfs: bool,
    /// Ignore IP address set via --static-ip
    #[arg(long)]
    pub ignore_static_ip: bool,
    /// Ignore MAC address set via --mac-address
    #[arg(long)]
    pub ignore_static_mac: bool,
    /// Do not export volumes associated with container
    #[arg(long)]
    pub ignore_volumes: bool,
    /// Restore from exported checkpoint archive (tar.gz)
    #[arg(short = 'i', long, value_name = "STRING")]
    pub import: Option<String>,
    /// Restore from exported pre-checkpoint archive (tar.gz)
    #[arg(long, value_name = "STRING")]
    pub import_previous: Option<String>,
    /// Keep all temporary checkpoint files
    #[arg(short = 'k', long)]
    pub keep: bool,
    /// Act on the latest container podman is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Specify new name for container restored from exported checkpoint (only works with image or --import)
    #[arg(short = 'n', long, value_name = "STRING")]
    pub name: Option<String>,
    /// Restore container into existing Pod (only works with image or --import)
    #[arg(long, value_name = "STRING")]
    pub pod: Option<String>,
    /// Display restore statistics
    #[arg(long)]
    pub print_stats: bool,
    /// Publish a container's port, or a range of ports, to the host (default [])
    #[arg(short = 'p', long, value_name = "STRINGS")]
    pub publish: Vec<String>,
    /// Restore a container with established TCP connections
    #[arg(long)]
    pub tcp_established: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `image sign`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct SignArgs {
    /// Sign all the manifests of the multi-architecture image
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "STRING")]
    pub authfile: Option<String>,
    /// Pathname of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATHNAME")]
    pub cert_dir: Option<String>,
    /// Define an alternate directory to store signatures
    #[arg(short = 'd', long, value_name = "STRING")]
    pub directory: Option<String>,
    /// Name of the signing key
    #[arg(long, value_name = "STRING")]
    pub sign_by: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `image scp`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct ScpArgs {
    /// Suppress the output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// `system service`'s flags, as podman 4.3's.
#[derive(Debug, Args)]
#[allow(dead_code)] // Declared for podman's --help and parsing; the command is refused before they are read.
pub struct ServiceArgs {
    /// Set CORS Headers
    #[arg(long, value_name = "STRING")]
    pub cors: Option<String>,
    /// Time until the service session expires in seconds.  Use 0 to disable the timeout (default 5)
    #[arg(short = 't', long, value_name = "UINT")]
    pub time: Option<String>,
    /// Arguments
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

// The arguments of a refused command, whatever they are: a script's
// command line parses, and gets the reason.
#[derive(Debug, Args)]
#[allow(dead_code)] // Parsed for podman's command line; the command is refused.
pub struct AnyArgs {
    /// podman's arguments and flags
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}
