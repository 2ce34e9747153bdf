//! The namespace flags of `run`/`create` (and of `build`'s RUN steps):
//! `--ipc`, `--pid`, `--uts`, `--cgroupns`.

use clap::Args;

use crate::engine::spec::namespaces::NamespacesSpec;

#[derive(Debug, Args, Clone, Default)]
pub struct NamespaceArgs {
    /// IPC namespace: private or shareable (the default), host, none (no
    /// /dev/shm), container:NAME
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace: private (the default), host, container:NAME
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace (host name): private (the default), host, container:NAME
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// Cgroup namespace: private, host (default: private where the
    /// container has a cgroup)
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
}

impl NamespaceArgs {
    pub fn to_spec(&self) -> NamespacesSpec {
        NamespacesSpec {
            ipc: self.ipc.clone(),
            pid: self.pid.clone(),
            uts: self.uts.clone(),
            cgroupns: self.cgroupns.clone(),
        }
    }
}
