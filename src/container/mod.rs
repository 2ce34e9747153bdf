//! Container records: the config a container was created with and its
//! state, one directory per container, written atomically.
//!
//! ```text
//! $XDG_DATA_HOME/den/containers/<id>/
//!   config.json   what to run (written once, at create)
//!   state.json    status, pids, exit code, times (rewritten atomically;
//!                 none until the first start: `created`)
//!   upper/ work/ merged/   the overlay rootfs (or rootfs/ for vfs)
//!   hosts resolv.conf hostname   files bind-mounted into the container
//! ```

pub mod attach;
pub mod filters;
pub mod health;
pub mod journal;
pub mod justmade;
pub mod logfile;
pub mod logread;
pub mod mounts;
pub mod names;
pub mod ops;
pub mod process;
pub mod summary;

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;
use crate::error::{Error, Kind};
use crate::util::fs::{self as ufs, Durability::Unsynced};
use crate::util::{ids, lock::Lock};
use process::ProcRef;

/// What a container runs and how.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerConfig {
    pub id: String,
    pub name: String,
    pub image_id: String,
    pub image_name: String,
    /// Layer diff ids, bottom first.
    pub layers: Vec<String>,
    /// The full argv: entrypoint + command.
    pub args: Vec<String>,
    /// The entrypoint part of `args`, for inspect.
    #[serde(default)]
    pub entrypoint: Vec<String>,
    /// The command part of `args`, for inspect.
    #[serde(default)]
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    /// Working directory inside the container.
    pub workdir: String,
    /// The user chose the working directory (`--workdir`): it must exist,
    /// as podman's; the image's is made when missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub workdir_given: bool,
    /// `user[:group]` as given (name or number), empty for root.
    pub user: String,
    pub hostname: String,
    /// `none` or `host`.
    pub network: String,
    /// Published ports, DNS settings, extra hosts.
    #[serde(default)]
    pub net: crate::network::NetworkConfig,
    pub interactive: bool,
    pub remove: bool,
    pub created: DateTime<Utc>,
    /// The storage driver the rootfs uses (chosen at create).
    pub driver: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `no`, `on-failure`, `always`, `unless-stopped`.
    #[serde(default = "default_restart")]
    pub restart: String,
    /// For `on-failure:N`: how many restarts at most (0: no limit).
    #[serde(default)]
    pub restart_max: u32,
    /// Signal number that stops the container.
    #[serde(default = "default_stop_signal")]
    pub stop_signal: i32,
    /// Seconds `stop` waits before SIGKILL.
    #[serde(default = "default_stop_timeout")]
    pub stop_timeout: u64,
    /// `k8s-file` (also for `json-file`), `none` or `passthrough`.
    #[serde(default = "default_log_driver")]
    pub log_driver: String,
    /// Rotate the log when it grows past this many bytes (0: never).
    #[serde(default)]
    pub log_max_size: u64,
    /// `--pidfile`: where to write the container's pid when it starts.
    #[serde(default)]
    pub pidfile: Option<PathBuf>,
    /// Capabilities, masked paths, read-only root, ...
    #[serde(default)]
    pub security: crate::runtime::security::Security,
    /// The container's own user namespace (`--userns=keep-id`, `--uidmap`);
    /// none: den's.
    #[serde(default)]
    pub userns: Option<crate::runtime::usermaps::UserMaps>,
    /// `--tty`: the container's stdio is a pty.
    #[serde(default)]
    pub tty: bool,
    /// `--init`: den's init runs as PID 1.
    #[serde(default)]
    pub init: bool,
    /// `--sdnotify`: what the supervisor tells systemd (empty: `conmon`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sdnotify: String,
    /// The command line that created the container.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// Host directories, volumes and tmpfs mounted into it (resolved:
    /// absolute host paths, volume names).
    #[serde(default)]
    pub mounts: Vec<mounts::Mount>,
    /// Limits, and whether it gets a cgroup.
    #[serde(default)]
    pub resources: crate::cgroups::Resources,
    /// Its healthcheck (the image's, or the flags').
    #[serde(default)]
    pub health: Option<health::Healthcheck>,
    /// `--annotation`s (podman's inspect: Config.Annotations).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Umask, extra groups, personality, OOM score of its processes.
    #[serde(default)]
    pub process: crate::runtime::procattrs::ProcAttrs,
    /// What den writes or mounts for it besides the image's files.
    #[serde(default)]
    pub extras: Extras,
    /// Its IPC, PID, UTS and cgroup namespaces: its own, the host's, another's.
    #[serde(default)]
    pub namespaces: crate::runtime::nsmodes::NsModes,
}

impl ContainerConfig {
    /// The mount points its init makes at the top of its rootfs where the
    /// image lacks them (`storage/mountpoints.rs`), but those the user
    /// mounts something on (of a kind of their own: a directory, a file).
    pub fn mount_points(&self) -> Vec<(&'static str, crate::storage::path::Missing)> {
        let mut points = crate::storage::mountpoints::wanted(!self.extras.no_hosts);
        points.retain(|(p, _)| {
            !self
                .mounts
                .iter()
                .any(|m| crate::storage::path::lands_on(&m.destination, p))
        });
        points
    }

    /// The image's mount points its init binds over, made once for all
    /// its containers (`storage/mountpoints.rs`), if they were: the layer
    /// laid over the image's. None with a user namespace of its own (a
    /// vfs copy).
    pub fn premade_mount_points(&self, store: &crate::image::store::Store) -> Option<String> {
        if self.userns.is_some() {
            return None;
        }
        crate::storage::mountpoints::find(store, &self.layers, &self.mount_points())
    }
}

/// The smaller things a container asks of its supervisor.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Extras {
    /// /dev/shm's size in bytes (none: 64 MiB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shm_size: Option<u64>,
    /// `--no-hosts`: the image's /etc/hosts stays.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
    /// `--tz`: `local` or an Area/City zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    /// `--passwd=false`: no /etc/passwd entry for a user the image lacks.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_passwd: bool,
    /// `--passwd-entry`: the template of that entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passwd_entry: Option<String>,
    /// `--hostuser`: the host's /etc/passwd lines of those users.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hostuser_lines: Vec<String>,
    /// `--timeout`: seconds the command may run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// `--init-path`: the host program run as PID 1 (bound at
    /// /run/podman-init).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init_path: Option<PathBuf>,
    /// `--requires`: containers (ids) started before this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// `--preserve-fds`: descriptors 3.. of the starting den passed on.
    #[serde(skip_serializing_if = "is_zero")]
    pub preserve_fds: u32,
    /// `--chrootdirs`: directories that get /etc/hosts, resolv.conf and
    /// hostname too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chrootdirs: Vec<String>,
    /// `--init-ctr`: a pod's init container (`always`, `once`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init_ctr: Option<String>,
    /// The pod it is in (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// A pod's infra container: its init runs no command and only holds
    /// the namespaces the pod's members share.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pause: bool,
    /// `--secret`: the secrets it gets at each start.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretUse>,
    /// `--conmon-pidfile`: where the supervisor writes its pid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conmon_pidfile: Option<PathBuf>,
}

/// How a container gets a secret (`--secret NAME[,type=mount|env,...]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretUse {
    pub id: String,
    pub name: String,
    /// As a variable (`type=env`), else a file.
    #[serde(default)]
    pub env: bool,
    /// The variable's name, or the file's absolute path.
    pub target: String,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn default_restart() -> String {
    "no".into()
}
fn default_stop_signal() -> i32 {
    15
}
fn default_stop_timeout() -> u64 {
    10
}
fn default_log_driver() -> String {
    "k8s-file".into()
}

/// Where a container is in its life.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ContainerState {
    /// `created`, `running`, `paused`, `exited`.
    pub status: String,
    /// The container's init, as seen from the host.
    #[serde(default)]
    pub init: ProcRef,
    /// The supervisor holding the container.
    #[serde(default)]
    pub supervisor: ProcRef,
    #[serde(default)]
    pub restart_count: u32,
    #[serde(default)]
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub error: Option<String>,
    /// The network helper (pasta, slirp4netns) of the running container.
    #[serde(default)]
    pub helper: ProcRef,
    /// The storage helper (fuse-overlayfs) serving its rootfs.
    #[serde(default)]
    pub storage_helper: ProcRef,
    /// The container's cgroup, while its supervisor holds one.
    #[serde(default)]
    pub cgroup: Option<PathBuf>,
    /// The kernel killed a process of its last run for memory.
    #[serde(default)]
    pub oom_killed: bool,
}

impl ContainerState {
    /// den's helper processes recorded for the container: the only
    /// processes besides the container's own that den may kill for it.
    pub fn helpers(&self) -> [ProcRef; 2] {
        [self.helper, self.storage_helper]
    }
}

impl ContainerState {
    /// Running, paused, or between restarts: a supervisor holds it.
    pub fn active(&self) -> bool {
        matches!(self.status.as_str(), "running" | "paused" | "restarting")
    }
}

/// The containers of one user.
#[derive(Debug, Clone)]
pub struct Containers {
    pub root: PathBuf,
    /// den's runtime directory, where supervisors' attach sockets are.
    pub runtime: PathBuf,
}

/// How long a removed container's exit code is kept for `wait`.
const EXIT_KEPT: std::time::Duration = std::time::Duration::from_secs(300);
/// How often the kept exit codes are swept for old ones.
const EXIT_SWEEP: std::time::Duration = std::time::Duration::from_secs(60);

impl Containers {
    pub fn new(paths: &Paths) -> Containers {
        crate::util::pool::init(&paths.data);
        Containers {
            root: paths.data.join("containers"),
            runtime: paths.runtime.clone(),
        }
    }

    /// The directory of container `id`.
    pub fn dir(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    /// The index of container names (`names.rs`).
    fn names(&self) -> names::Names {
        names::Names::beside(&self.root)
    }

    /// The name container `id`'s record bears (only the name and id
    /// parsed), to keep the index in step with it.
    fn recorded_name(&self, id: &str) -> Option<String> {
        ufs::read_json::<summary::Ident>(&self.dir(id).join("config.json"))
            .ok()
            .flatten()
            .map(|c| c.name)
    }

    /// Where removed containers' directories wait to be deleted
    /// (`$XDG_DATA_HOME/den/trash`, beside the records).
    pub fn trash(&self) -> PathBuf {
        self.root.with_file_name("trash")
    }

    /// Take container `id` out of the records at once (call under the
    /// lock): its directory moves to the trash, where the caller deletes
    /// it. Its path there; `None` when another den removed it first (a
    /// `--rm` supervisor and `rm -f` may race).
    pub fn discard(&self, id: &str) -> Result<Option<PathBuf>> {
        let trash = self.trash();
        ufs::private_dir(&trash)?;
        let to = trash.join(id);
        let name = self.recorded_name(id);
        match std::fs::rename(self.dir(id), &to) {
            Ok(()) => {
                if let Some(name) = name {
                    self.names().unset(&name, id);
                }
                Ok(Some(to))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| {
                format!("moving {} to {}", self.dir(id).display(), trash.display())
            }),
        }
    }

    /// Keep the exit code of removed container `id`, whose directory went
    /// to `trashed`, for a `wait` that looked too late (podman keeps
    /// removed containers' exit codes, five minutes): `exits/ID` beside
    /// the records. Records older than that go as one is written. Best
    /// effort: run by the remover, off the caller's path.
    pub fn keep_exit(&self, id: &str, trashed: &std::path::Path) {
        let Ok(Some(st)) = ufs::read_json::<ContainerState>(&trashed.join("state.json")) else {
            return;
        };
        let Some(code) = st.exit_code else {
            return;
        };
        let dir = self.root.with_file_name("exits");
        if ufs::private_dir(&dir).is_err() {
            return;
        }
        // Swept at most once a minute (`.swept`'s time says when): a
        // sweep reads every record's time, and a loop of short `--rm`
        // containers left hundreds, each removal stat'ing them all.
        let stamp = dir.join(".swept");
        let due = std::fs::metadata(&stamp)
            .and_then(|m| m.modified())
            .map_or(true, |t| t.elapsed().map_or(true, |e| e >= EXIT_SWEEP));
        if due {
            let _ = ufs::write_atomic_with(&stamp, b"", ufs::Durability::Unsynced);
            let old = std::time::SystemTime::now() - EXIT_KEPT;
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if e.file_name() == ".swept" {
                    continue;
                }
                if e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < old)
                {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        // Unsynced: a reboot ends the waits it is for anyway.
        let _ = ufs::write_atomic_with(
            &dir.join(id),
            code.to_string().as_bytes(),
            ufs::Durability::Unsynced,
        );
    }

    /// The exit code [`Containers::keep_exit`] kept for `id`.
    pub fn kept_exit(&self, id: &str) -> Option<i32> {
        let path = self.root.with_file_name("exits").join(id);
        let fresh = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|e| e < EXIT_KEPT));
        fresh
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Delete what the trash still holds: directories whose remover was
    /// killed part-way. One a live remover holds is left to it, or, with
    /// `wait`, waited for (`system reset`, which deletes all next). Best
    /// effort: what cannot be deleted is warned about and stays.
    pub fn empty_trash(&self, wait: bool) {
        for e in std::fs::read_dir(self.trash())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = e.path();
            let Some(_held) = crate::storage::remove::hold(&path, wait) else {
                continue;
            };
            // A remover killed before it got to the container's attach
            // socket left that too (the directory's name is the id).
            if let Some(id) = e.file_name().to_str().filter(|n| ids::is_full_id(n)) {
                self.remove_socket(id);
            }
            if let Err(err) = crate::storage::remove::remove_tree(&path) {
                crate::warn!("emptying den's trash: {err:#}");
            }
        }
    }

    /// Lock for creating, renaming and removing containers.
    pub fn lock(&self) -> Result<Lock> {
        ufs::private_dir(&self.root)?;
        Lock::exclusive(&self.root.join(".lock"))
    }

    /// All container configs.
    pub fn list(&self) -> Result<Vec<ContainerConfig>> {
        self.records()
    }

    /// Every container's id and name.
    pub fn idents(&self) -> Result<Vec<summary::Ident>> {
        self.records()
    }

    /// What listing needs of every container ([`summary::Summary`]).
    pub fn summaries(&self) -> Result<Vec<summary::Summary>> {
        self.records()
    }

    /// Every container's `config.json`, as `T`.
    fn records<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>> {
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e).with_context(|| format!("reading {}", self.root.display())),
        };
        for e in entries.flatten() {
            if let Ok(Some(c)) = ufs::read_json::<T>(&e.path().join("config.json")) {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Create a container directory and record its config; the name must be free.
    /// Record a new container; `seccomp` is its compiled filter. The config
    /// is written last: a container exists once it has one.
    pub fn create(
        &self,
        mut config: ContainerConfig,
        seccomp: Option<&[u8]>,
    ) -> Result<ContainerConfig> {
        let _lock = self.lock()?;
        let existing = self.idents()?;
        if config.name.is_empty() {
            loop {
                let n = ids::random_name();
                if !existing.iter().any(|c| c.name == n) {
                    config.name = n;
                    break;
                }
            }
        } else if let Some(c) = existing.iter().find(|c| c.name == config.name) {
            return Err(Error::conflict(
                Kind::Container,
                format!(
                    "the container name {:?} is already in use by {} (remove that container, or choose another name)",
                    config.name,
                    &c.id[..12]
                ),
            ));
        }
        let dir = self.dir(&config.id);
        // Made ahead where it can be (`util/pool.rs`).
        if !crate::util::pool::take_dir(&dir) {
            ufs::private_dir(&dir)?;
        }
        if let Some(bpf) = seccomp {
            filters::keep(&self.root, &dir, bpf)?;
        }
        ufs::write_json_with(&dir.join("config.json"), &config, Unsynced)?;
        justmade::set(Some(&config.id));
        self.names().set(&config.name, &config.id);
        self.event("create", &config, &[]);
        Ok(config)
    }

    /// A container's compiled seccomp filter (none when it runs unconfined).
    pub fn seccomp_filter(&self, config: &ContainerConfig) -> Result<Option<Vec<u8>>> {
        if config.security.seccomp.is_none() {
            return Ok(None);
        }
        let path = self
            .dir(&config.id)
            .join(crate::runtime::seccomp::FILTER_FILE);
        let bpf = ufs::read_private(&path).with_context(|| {
            format!(
                "cannot read the seccomp filter {}, or others could have changed it (recreate the container)",
                path.display()
            )
        })?;
        Ok(Some(bpf))
    }

    /// A container's config by id.
    pub fn config(&self, id: &str) -> Result<ContainerConfig> {
        ufs::read_json(&self.dir(id).join("config.json"))?
            .ok_or_else(|| Error::not_found(Kind::Container, id, format!("no such container {id}")))
    }

    /// A container's state as recorded.
    pub fn state(&self, id: &str) -> Result<ContainerState> {
        // A record without one (`create` writes none: a file less to make
        // and free on every container's path) is a container never
        // started.
        Ok(
            ufs::read_json(&self.dir(id).join("state.json"))?.unwrap_or_else(|| ContainerState {
                status: "created".into(),
                ..Default::default()
            }),
        )
    }

    /// A container's state as it really is: a container whose supervisor is
    /// gone is not running, whatever the file says (the container's init
    /// dies with its supervisor).
    pub fn live_state(&self, id: &str) -> Result<ContainerState> {
        let mut s = self.state(id)?;
        if s.status == "running" && self.pause_marker(id).exists() {
            s.status = "paused".into();
        }
        if s.active() && !s.supervisor.alive() {
            s.status = "exited".into();
            s.exit_code = s.exit_code.or(Some(137));
            s.init = ProcRef::default();
            s.error =
                Some("the container's supervisor died; the container was killed with it".into());
        }
        if s.active() && s.helper.pid != 0 && !s.helper.alive() {
            s.error = Some(format!(
                "the network helper (pid {}) has exited: the container has lost its network (restart it)",
                s.helper.pid
            ));
        }
        Ok(s)
    }

    /// The container's log file.
    pub fn log_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("ctr.log")
    }

    /// Record a container event in the user's event log, with the
    /// container's labels among its attributes (as Docker's are).
    pub fn event(&self, status: &str, c: &ContainerConfig, attrs: &[(&str, String)]) {
        if let Some(data) = self.root.parent() {
            let mut all: Vec<(&str, String)> = c
                .labels
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            all.extend(attrs.iter().map(|(k, v)| (*k, v.clone())));
            crate::events::container(data, status, &c.id, &c.name, &c.image_name, &all);
        }
    }

    /// The attach socket of container `id` (its supervisor's).
    pub fn socket(&self, id: &str) -> PathBuf {
        attach::socket_path(&self.runtime, id)
    }

    /// Remove container `id`'s attach socket and its runtime directory
    /// (if it has one): what its supervisor does at its end, left undone
    /// by one that was killed.
    pub fn remove_socket(&self, id: &str) {
        attach::remove_socket(&self.socket(id));
    }

    /// Marker that the container's processes are stopped by `pause`.
    pub fn pause_marker(&self, id: &str) -> PathBuf {
        self.dir(id).join("paused")
    }

    /// Marker that `stop` asked the container to stop (no restart).
    pub fn stop_marker(&self, id: &str) -> PathBuf {
        self.dir(id).join("stop-requested")
    }

    /// Rewrite a container's config (rename), under the containers lock.
    pub fn write_config(&self, config: &ContainerConfig) -> Result<()> {
        justmade::set(None);
        let before = self.recorded_name(&config.id);
        ufs::write_json_with(&self.dir(&config.id).join("config.json"), config, Unsynced)?;
        if let Some(before) = before.filter(|n| *n != config.name) {
            self.names().unset(&before, &config.id);
            self.names().set(&config.name, &config.id);
        }
        Ok(())
    }

    /// Change container `id`'s record as `change` says, under the
    /// containers lock and from the record as it is then: a change
    /// another command made since the caller read it (`update`,
    /// `rename`) is kept, where writing back the caller's copy lost it.
    /// The record as written.
    pub fn modify(
        &self,
        id: &str,
        change: impl FnOnce(&mut ContainerConfig),
    ) -> Result<ContainerConfig> {
        let _lock = self.lock()?;
        let mut c = self.config(id)?;
        change(&mut c);
        self.write_config(&c)?;
        Ok(c)
    }

    /// Find a container by name, full id or unique id prefix. Only the
    /// one found has its whole record read.
    pub fn find(&self, input: &str) -> Result<ContainerConfig> {
        let not_found = || {
            Error::not_found(
                Kind::Container,
                input,
                format!("no container with name or id {input:?} found"),
            )
        };
        // The whole record of `id`; none when it was removed since it was
        // listed, or is a record this den cannot read (which listing whole
        // records never showed): as if it had never been there, so
        // `exists` says 1 and `rm --ignore` stays quiet.
        let whole = |id: &str| match ufs::read_json(&self.dir(id).join("config.json")) {
            Ok(Some(c)) => Some(c),
            _ => None,
        };
        // A full id (what `run -d` and `create` print, and scripts keep)
        // names its directory: no other record need be read. podman too
        // looks a full id up before names.
        if ids::is_full_id(input) {
            if let Some(c) = whole(input) {
                return Ok(c);
            }
        }
        // A name: its link in the index, when the record it leads to
        // bears that name (`names.rs`); else every record is read.
        if let Some(c) = self
            .names()
            .get(input)
            .and_then(|id| whole(&id))
            .filter(|c: &ContainerConfig| c.name == input)
        {
            return Ok(c);
        }
        let all = self.idents()?;
        let id = match all.iter().find(|c| c.name == input || c.id == input) {
            Some(c) => &c.id,
            None => {
                let matches: Vec<&summary::Ident> = all
                    .iter()
                    .filter(|c| !input.is_empty() && c.id.starts_with(input))
                    .collect();
                match matches.as_slice() {
                    [one] => &one.id,
                    [] => return Err(not_found()),
                    _ => {
                        return Err(Error::ambiguous(
                            Kind::Container,
                            input,
                            format!(
                                "{input:?} matches more than one container (give more of the id)"
                            ),
                        ))
                    }
                }
            }
        };
        whole(id).ok_or_else(not_found)
    }

    /// Replace a container's state atomically.
    pub fn write_state(&self, id: &str, state: &ContainerState) -> Result<()> {
        ufs::write_json_with(&self.dir(id).join("state.json"), state, Unsynced)
    }

    /// A state written beside the container's, put in its place by
    /// `commit` ([`ufs::Staged`]): the running state, written while the
    /// init prepares the container and in place once the command runs.
    pub fn stage_state(&self, id: &str, state: &ContainerState) -> Result<ufs::Staged> {
        ufs::stage_json(&self.dir(id).join("state.json"), state)
    }

    /// Delete the states staged for container `id` and never put in
    /// place (a supervisor killed meanwhile). Only its supervisor stages
    /// them, one at a time: call it with the state committed.
    pub fn sweep_staged(&self, id: &str) {
        let prefix = ufs::staged_prefix("state.json");
        let dir = self.dir(id);
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_dir(dir: &std::path::Path) -> Containers {
        Containers {
            root: dir.join("containers"),
            runtime: dir.join("run"),
        }
    }

    fn age(path: &std::path::Path, by: std::time::Duration) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(std::time::SystemTime::now() - by).unwrap();
    }

    #[test]
    fn states_staged_and_never_committed_are_swept_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let containers = in_dir(tmp.path());
        let id = "a".repeat(64);
        std::fs::create_dir_all(containers.dir(&id)).unwrap();
        let st = ContainerState::default();
        containers.write_state(&id, &st).unwrap();
        // A supervisor killed between staging and commit.
        std::mem::forget(containers.stage_state(&id, &st).unwrap());
        let other = containers.dir(&id).join(".state.json.tmp-0123abcd");
        std::fs::write(&other, b"{}").unwrap();
        containers.sweep_staged(&id);
        let mut names: Vec<String> = std::fs::read_dir(containers.dir(&id))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec![".state.json.tmp-0123abcd", "state.json"]);
    }

    #[test]
    fn kept_exit_codes_are_swept_at_most_once_a_minute() {
        let tmp = tempfile::tempdir().unwrap();
        let containers = in_dir(tmp.path());
        let trashed = tmp.path().join("trashed");
        std::fs::create_dir(&trashed).unwrap();
        let st = ContainerState {
            exit_code: Some(3),
            ..Default::default()
        };
        ufs::write_json(&trashed.join("state.json"), &st).unwrap();
        let exits = tmp.path().join("exits");
        std::fs::create_dir(&exits).unwrap();
        let stale = exits.join("a".repeat(64));
        std::fs::write(&stale, "1").unwrap();
        age(&stale, EXIT_KEPT * 2);
        // What an interrupted write left, as old.
        let left = exits.join(format!(".{}.tmp-1", "e".repeat(64)));
        std::fs::write(&left, "1").unwrap();
        age(&left, EXIT_KEPT * 2);
        // No sweep recorded: the stale code goes, the new one is kept.
        containers.keep_exit(&"b".repeat(64), &trashed);
        assert!(!stale.exists(), "a code older than five minutes is swept");
        assert!(!left.exists(), "and an old temporary file");
        assert_eq!(containers.kept_exit(&"b".repeat(64)), Some(3));
        // Swept a moment ago: the next removal reads no other record.
        std::fs::write(&stale, "1").unwrap();
        age(&stale, EXIT_KEPT * 2);
        containers.keep_exit(&"c".repeat(64), &trashed);
        assert!(stale.exists(), "swept again within the minute");
        assert_eq!(
            containers.kept_exit(&"a".repeat(64)),
            None,
            "too old to give"
        );
        // A minute later it goes.
        age(&exits.join(".swept"), EXIT_SWEEP);
        containers.keep_exit(&"d".repeat(64), &trashed);
        assert!(!stale.exists());
        assert_eq!(containers.kept_exit(&"c".repeat(64)), Some(3));
    }
}
