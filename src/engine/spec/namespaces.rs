//! The `namespaces` group of a container spec: `--ipc`, `--pid`, `--uts`,
//! `--cgroupns` as given (`private`, `host`, `container:NAME`, ...); the
//! engine resolves them into [`crate::runtime::nsmodes::NsModes`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NamespacesSpec {
    /// `private`/`shareable` (the default), `host`, `none`, `container:NAME`.
    pub ipc: Option<String>,
    /// `private` (the default), `host`, `container:NAME`.
    pub pid: Option<String>,
    /// `private` (the default), `host`, `container:NAME`.
    pub uts: Option<String>,
    /// `private` or `host` (none: private where the container has a cgroup).
    pub cgroupns: Option<String>,
}
