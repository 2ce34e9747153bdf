//! What is mounted into a container besides its rootfs: host directories
//! (bind), volumes (named or anonymous) and tmpfs. The same record is the
//! spec's (what the user asked for) and the container's (resolved at
//! create: a bind's source absolute, an anonymous volume named).

use serde::{Deserialize, Serialize};

/// What a mount is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    /// A host file or directory.
    #[default]
    Bind,
    /// A volume of den's: its data outlives the container.
    Volume,
    /// A fresh tmpfs.
    Tmpfs,
}

impl MountKind {
    pub fn name(self) -> &'static str {
        match self {
            MountKind::Bind => "bind",
            MountKind::Volume => "volume",
            MountKind::Tmpfs => "tmpfs",
        }
    }
}

/// One mount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mount {
    #[serde(rename = "type")]
    pub kind: MountKind,
    /// bind: the host path (relative to where den runs until created);
    /// volume: its name (empty: a new anonymous volume); tmpfs: unused.
    pub source: String,
    /// Where it appears in the container (absolute).
    pub destination: String,
    pub read_only: bool,
    /// bind: mounts below the source come along (`rbind`, the default).
    pub recursive: bool,
    /// `rprivate` (the default), `private`, `rshared`, `shared`,
    /// `rslave`, `slave`, `runbindable`, `unbindable`.
    pub propagation: String,
    /// `U`: chown the source to the container's user before it starts.
    pub chown: bool,
    /// `O`: a throwaway overlay over the source; writes are discarded.
    pub overlay: bool,
    /// volume: fill an empty volume with what the image has at the
    /// destination (`nocopy`: do not).
    pub copy_up: bool,
    /// Explicit `suid`/`nosuid`, `dev`/`nodev`, `exec`/`noexec` (none: the
    /// kind's default).
    pub suid: Option<bool>,
    pub dev: Option<bool>,
    pub exec: Option<bool>,
    /// tmpfs: its size as the kernel takes it (`65536k`, `64m`, `1g`,
    /// `50%`; none: half of memory, the kernel's default).
    pub size: Option<String>,
    /// tmpfs: the mode of its root (none: 1777).
    pub mode: Option<u32>,
    /// bind: mount this relative path inside the source instead (a kube
    /// hostPath's `subPath`), resolved beneath the source when the
    /// container's mounts are made, so no link in it leads out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_path: Option<String>,
    /// bind: make the source directory when it is missing (a Compose
    /// file's short syntax, or `bind.create_host_path`), as Compose does;
    /// else a missing source is an error, as podman has it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub create_host_path: bool,
}

impl Default for Mount {
    fn default() -> Self {
        Mount {
            kind: MountKind::Bind,
            source: String::new(),
            destination: String::new(),
            read_only: false,
            recursive: true,
            propagation: "rprivate".into(),
            chown: false,
            overlay: false,
            copy_up: true,
            suid: None,
            dev: None,
            exec: None,
            size: None,
            mode: None,
            sub_path: None,
            create_host_path: false,
        }
    }
}

/// The propagation values a mount takes.
pub const PROPAGATIONS: &[&str] = &[
    "rprivate",
    "private",
    "rshared",
    "shared",
    "rslave",
    "slave",
    "runbindable",
    "unbindable",
];
