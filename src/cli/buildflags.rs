//! `build`'s flags for its RUN steps' containers, with the meaning of the
//! `run` flags of the same names: capabilities, security options,
//! devices, DNS and hosts, limits, namespaces, volumes. They make the
//! template every RUN container's spec starts from.

use anyhow::{bail, Result};
use clap::Args;

use crate::engine::spec::{self, ContainerSpec, SecuritySpec};

#[derive(Debug, Args, Clone, Default)]
pub struct BuildRunArgs {
    /// Add a line to RUN steps' /etc/hosts: HOST:IP
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Leave the base image's /etc/hosts in RUN steps
    #[arg(long)]
    pub no_hosts: bool,
    /// DNS server for RUN steps
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain for RUN steps
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// DNS resolver option for RUN steps
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add capabilities to RUN steps
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop capabilities from RUN steps
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Security options of RUN steps (as run's --security-opt)
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Host devices for RUN steps: HOST[:CONTAINER]
    #[arg(long, value_name = "HOST[:CONTAINER]")]
    pub device: Vec<String>,
    /// Resource limits of RUN steps: NAME=SOFT[:HARD]
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Size of RUN steps' /dev/shm (default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Mount a host directory or volume in RUN steps (not in the image)
    #[arg(short, long, value_name = "[SOURCE:]CONTAINER-DIR[:OPTIONS]")]
    pub volume: Vec<String>,
    /// Pass den's proxy variables into RUN steps (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub http_proxy: bool,
    /// Memory limit of RUN steps
    #[arg(short, long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap of RUN steps (-1: unlimited swap)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// CPU shares of RUN steps
    #[arg(short = 'c', long, value_name = "N")]
    pub cpu_shares: Option<u64>,
    /// CPU quota of RUN steps, microseconds per --cpu-period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// CPU period of RUN steps, microseconds
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_period: Option<u64>,
    /// CPUs RUN steps may use
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes RUN steps may use
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Make RUN steps' cgroups under this path of your delegated cgroup
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    #[command(flatten)]
    pub namespaces: super::nsflags::NamespaceArgs,
    /// User namespace of RUN steps: only host (den's own) is supported
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Map RUN steps' uids: not supported (den builds in its own user namespace)
    #[arg(long, value_name = "MAP")]
    pub userns_uid_map: Vec<String>,
    /// Map RUN steps' gids: not supported (den builds in its own user namespace)
    #[arg(long, value_name = "MAP")]
    pub userns_gid_map: Vec<String>,
    /// Map RUN steps' uids from a user's /etc/subuid ranges: not supported
    #[arg(long, value_name = "USER")]
    pub userns_uid_map_user: Option<String>,
    /// Map RUN steps' gids from a group's /etc/subgid ranges: not supported
    #[arg(long, value_name = "GROUP")]
    pub userns_gid_map_group: Option<String>,
    /// Isolation of RUN steps: oci or rootless (den's containers); chroot
    /// is not supported
    #[arg(long, value_name = "TYPE")]
    pub isolation: Option<String>,
    /// OCI hooks directory: not supported (den runs no OCI hooks)
    #[arg(long, value_name = "DIR")]
    pub hooks_dir: Vec<String>,
    /// Flags for the OCI runtime: not supported (den is its own runtime)
    #[arg(long, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
}

impl BuildRunArgs {
    /// The template of RUN steps' specs.
    pub fn template(&self) -> Result<ContainerSpec> {
        if self
            .userns
            .as_deref()
            .is_some_and(|u| !u.is_empty() && u != "host")
            || !self.userns_uid_map.is_empty()
            || !self.userns_gid_map.is_empty()
            || self.userns_uid_map_user.is_some()
            || self.userns_gid_map_group.is_some()
        {
            bail!("den builds in its own user namespace: --userns and the --userns-*-map flags are not supported by build (leave them out)");
        }
        match self.isolation.as_deref() {
            None | Some("oci") | Some("rootless") | Some("") => {}
            Some(i) => bail!("--isolation {i}: den runs RUN steps as its own rootless containers (oci or rootless); {i} is not supported"),
        }
        if !self.hooks_dir.is_empty() {
            bail!("--hooks-dir: den runs no OCI hooks (leave it out)");
        }
        if !self.runtime_flag.is_empty() {
            bail!(
                "--runtime-flag: den is its own runtime and takes no runtime flags (leave it out)"
            );
        }
        if self.no_hosts && !self.add_host.is_empty() {
            bail!("--no-hosts and --add-host conflict, can not be used together");
        }
        let network = super::netflags::NetworkArgs {
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_option: self.dns_option.clone(),
            add_host: self.add_host.clone(),
            ..Default::default()
        }
        .to_spec()?;
        let mut security = SecuritySpec {
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            ..SecuritySpec::default()
        };
        for opt in &self.security_opt {
            security.apply_opt(opt)?;
        }
        for u in &self.ulimit {
            security.ulimits.push(spec::parse_ulimit(u)?);
        }
        for d in &self.device {
            security.devices.push(spec::parse_device(d)?);
        }
        let mut mounts = Vec::new();
        for v in &self.volume {
            let mut m = spec::mounts::parse_volume(v)?;
            super::create::host_path_absolute(&mut m)?;
            mounts.push(m);
        }
        let resources = super::resources::ResourceArgs {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            cpu_shares: self.cpu_shares,
            cpu_quota: self.cpu_quota,
            cpu_period: self.cpu_period,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            ..Default::default()
        };
        let process = super::procflags::ProcessArgs {
            shm_size: self.shm_size.clone(),
            no_hosts: self.no_hosts,
            http_proxy: self.http_proxy,
            passwd: true,
            ..Default::default()
        };
        Ok(ContainerSpec {
            env: process.env_defaults(),
            network,
            security,
            mounts,
            resources: spec::Resources {
                cgroup_parent: self.cgroup_parent.clone(),
                ..resources.to_resources()?
            },
            namespaces: self.namespaces.to_spec(),
            process: process.to_spec()?,
            ..ContainerSpec::default()
        })
    }
}

// `build`'s flags about the image it makes, and how it runs.
#[derive(Debug, Args, Clone, Default)]
pub struct BuildImageArgs {
    /// Annotations on the image's manifest (refused: den's images carry
    /// labels, not annotations; use --label)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// More build contexts, NAME=PATH (refused: COPY --from names a stage
    /// or an image in den's builds)
    #[arg(long, value_name = "NAME=PATH")]
    pub build_context: Vec<String>,
    /// One layer for the whole image, the base's too (refused: --squash
    /// squashes the build's own layers)
    #[arg(long)]
    pub squash_all: bool,
    /// Pass stdin to RUN steps (refused: den's RUN steps read no stdin)
    #[arg(long)]
    pub stdin: bool,
    /// Set a variable in the image: KEY=VALUE ($VAR from the image's), or
    /// KEY for den's value
    #[arg(long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Remove a variable from the image (the base image's too)
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Label the image with io.buildah.version, as podman's builds are (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub identity_label: bool,
    /// Write the image without its history
    #[arg(long)]
    pub omit_history: bool,
    /// The image's os.version
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Add an os.features entry (NAME- removes one)
    #[arg(long, value_name = "FEATURE")]
    pub os_feature: Vec<String>,
    /// Use this image instead of the first stage's FROM
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// Skip the stages the target does not need (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub skip_unused_stages: bool,
    /// Image format: oci (default) or docker (den keeps HEALTHCHECK, SHELL
    /// and ONBUILD in both)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write the build's output to this file instead of the terminal
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<std::path::PathBuf>,
    /// One log file per platform with --logfile (den builds one platform)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub logsplit: Option<bool>,
    /// Remove intermediate containers (den always does; default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub rm: bool,
    /// Remove intermediate containers even after a failure (den always
    /// does; default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub force_rm: bool,
    /// A legacy option with no effect on the image (as in podman)
    #[arg(long)]
    pub compress: bool,
    /// Store layers uncompressed (den always does locally; default true)
    #[arg(short = 'D', long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub disable_compression: Option<bool>,
    /// Docker's signature checks: no effect (as in podman)
    #[arg(long)]
    pub disable_content_trust: bool,
    /// Pull retries (accepted and not used, as in podman 4.3)
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// Delay between pull retries (accepted and not used, as in podman 4.3)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// The architecture to build for: only this host's
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// The OS to build for: only linux
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// The architecture variant to build for: only this host's
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Build for every platform of the base images: not supported (den
    /// builds for this host)
    #[arg(long)]
    pub all_platforms: bool,
    /// Add the image to this manifest list: not supported (den has no
    /// manifest lists)
    #[arg(long, value_name = "LIST")]
    pub manifest: Option<String>,
    /// Sign the image with this GPG key: not supported
    #[arg(long, value_name = "FINGERPRINT")]
    pub sign_by: Option<String>,
    /// Key to decrypt encrypted base images: not supported
    #[arg(long, value_name = "KEY")]
    pub decryption_key: Vec<String>,
    /// SSH agent or keys for RUN --mount=type=ssh: not supported
    #[arg(long, value_name = "ID")]
    pub ssh: Vec<String>,
    /// Remote cache to pull layers from: not supported (den's cache is local)
    #[arg(long, value_name = "REPO")]
    pub cache_from: Vec<String>,
    /// Remote cache to push layers to: not supported (den's cache is local)
    #[arg(long, value_name = "REPO")]
    pub cache_to: Vec<String>,
    /// Use only cached steps newer than this (0: none, as --no-cache)
    #[arg(long, value_name = "DURATION")]
    pub cache_ttl: Option<String>,
    /// Flags for cpp, which preprocesses a Containerfile whose name ends in .in
    #[arg(long, value_name = "FLAG", allow_hyphen_values = true)]
    pub cpp_flag: Vec<String>,
    /// Also write the image's files out: DIR, - (a tar on stdout),
    /// type=local,dest=DIR or type=tar,dest=FILE|-
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<String>,
}

/// Where `build --output` writes the image's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Dir(std::path::PathBuf),
    Tar(std::path::PathBuf),
    Stdout,
}

/// `--output`'s value, as buildah reads it.
pub fn parse_output(v: &str) -> Result<Output> {
    if v == "-" {
        return Ok(Output::Stdout);
    }
    if !v.contains(',') {
        return Ok(Output::Dir(v.into()));
    }
    let (mut kind, mut dest) = (None, None);
    for kv in v.split(',') {
        let Some((k, val)) = kv.split_once('=') else {
            bail!("invalid --output {v:?} (use DIR, -, or type=local|tar,dest=PATH)");
        };
        let slot = match k {
            "type" => &mut kind,
            "dest" => &mut dest,
            _ => bail!("unrecognized key {k:?} in --output (type and dest)"),
        };
        if slot.replace(val.to_string()).is_some() {
            bail!("duplicate {k:?} not supported in --output");
        }
    }
    let (Some(kind), Some(dest)) = (kind, dest) else {
        bail!("--output {v:?}: give both type and dest");
    };
    match (kind.as_str(), dest.as_str()) {
        ("local", "-") => bail!("type=local and dest=- is not supported"),
        ("local", d) => Ok(Output::Dir(d.into())),
        ("tar", "-") => Ok(Output::Stdout),
        ("tar", d) => Ok(Output::Tar(d.into())),
        (t, _) => bail!("invalid type {t:?} in --output (local or tar)"),
    }
}

impl BuildImageArgs {
    /// The refusals, in one line each, for what den cannot do.
    pub fn check(&self) -> Result<()> {
        let host = crate::engine::images::Platform::host();
        if let Some(a) = &self.arch {
            if *a != host.arch {
                bail!("--arch {a}: den builds for this host only ({host})");
            }
        }
        if let Some(o) = &self.os {
            if *o != host.os {
                bail!("--os {o}: den builds for this host only ({host})");
            }
        }
        if self.all_platforms {
            bail!("--all-platforms: den builds for this host only ({host}); build on each platform instead");
        }
        if self.manifest.is_some() {
            bail!("--manifest: den has no manifest lists yet (tag the image with -t, push it, and make the list with another tool)");
        }
        if self.sign_by.is_some() {
            bail!(
                "--sign-by: den does not sign images (sign after pushing, with skopeo or cosign)"
            );
        }
        if !self.decryption_key.is_empty() {
            bail!("--decryption-key: den cannot use encrypted images");
        }
        if let Some(a) = self.annotation.first() {
            bail!("--annotation {a}: den's images carry no manifest annotations (use --label {a}, which inspect shows under Labels)");
        }
        if let Some(c) = self.build_context.first() {
            bail!("--build-context {c}: den's builds have one context: COPY --from takes a stage or an image (copy the files into the context, or build an image of them and COPY --from it)");
        }
        if self.squash_all {
            bail!("--squash-all: den squashes only the build's new layers, with --squash (for one layer in all: den create the image, then den export the container | den import - NAME)");
        }
        if self.stdin {
            bail!("--stdin: den's RUN steps read no stdin (give the input as a file in the context, COPY it, and redirect from it)");
        }
        if !self.ssh.is_empty() {
            bail!("--ssh: den does not pass SSH agents into builds (use RUN --mount=type=secret for a key)");
        }
        if !self.cache_from.is_empty() || !self.cache_to.is_empty() {
            bail!("--cache-from/--cache-to: den keeps its build cache locally (leave them out)");
        }
        match self
            .format
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("oci") | Some("docker") => {}
            Some(f) => bail!("unrecognized image type {f:?} (use oci or docker)"),
        }
        for kv in &self.env {
            if kv.is_empty() || kv.starts_with('=') {
                bail!("invalid --env {kv:?} (use KEY=VALUE or KEY)");
            }
        }
        Ok(())
    }

    /// `--cache-ttl 0` means no cache, as podman's; another duration is
    /// refused (den's cache entries carry no age yet).
    pub fn no_cache(&self) -> Result<bool> {
        match self.cache_ttl.as_deref() {
            None => Ok(false),
            Some(t)
                if t.trim_start_matches('0')
                    .trim_end_matches(['s', 'm', 'h'])
                    .is_empty() =>
            {
                Ok(true)
            }
            Some(t) => bail!(
                "--cache-ttl {t}: den can only drop the whole cache (--cache-ttl 0, or --no-cache)"
            ),
        }
    }

    pub fn edits(&self) -> crate::engine::build::ImageEdits {
        crate::engine::build::ImageEdits {
            env: self
                .env
                .iter()
                .map(|kv| match kv.split_once('=') {
                    Some(_) => kv.clone(),
                    // KEY alone: den's value, or empty, as buildah's.
                    None => format!("{kv}={}", std::env::var(kv).unwrap_or_default()),
                })
                .collect(),
            unsetenv: self.unsetenv.clone(),
            identity_label: self.identity_label,
            omit_history: self.omit_history,
            os_version: self.os_version.clone(),
            os_features: self.os_feature.clone(),
        }
    }
}

/// A `Containerfile.in` through cpp, as buildah: `cpp -E -iquote CONTEXT
/// -traditional -undef -`, then `$BUILDAH_CPPFLAGS`, then `--cpp-flag`s.
pub fn preprocess(
    text: &str,
    context: Option<&std::path::Path>,
    flags: &[String],
) -> Result<String> {
    use std::io::Write;
    let mut cmd = std::process::Command::new("cpp");
    cmd.arg("-E");
    if let Some(c) = context {
        cmd.arg("-iquote").arg(c);
    }
    cmd.args(["-traditional", "-undef", "-"]);
    if let Ok(extra) = std::env::var("BUILDAH_CPPFLAGS") {
        cmd.args(extra.split_whitespace());
    }
    cmd.args(flags);
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|_| anyhow::anyhow!(".in support requires cpp to be installed"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "cpp failed on the Containerfile: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or_default()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n"))
}
