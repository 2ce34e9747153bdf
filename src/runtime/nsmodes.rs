//! `--ipc`, `--pid`, `--uts` and `--cgroupns`: which of a container's
//! namespaces are its own (the default), the host's (den's, as the user
//! has them), another container's, or (IPC) none at all.

use serde::{Deserialize, Serialize};

/// One namespace's mode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NsMode {
    /// A new one (podman's `private`; for IPC also `shareable`).
    #[default]
    Private,
    /// The host's: not unshared.
    Host,
    /// IPC only: a new one without /dev/shm.
    None,
    /// The one of another container (its id).
    Container(String),
}

impl NsMode {
    /// podman's values: `private`, `host`, `container:ID` (and for IPC
    /// `shareable` and `none`), with the container's id resolved by `find`.
    pub fn parse(
        flag: &str,
        value: &str,
        ipc: bool,
        find: &dyn Fn(&str) -> anyhow::Result<String>,
    ) -> anyhow::Result<NsMode> {
        match value {
            "" | "private" => Ok(NsMode::Private),
            "shareable" if ipc => Ok(NsMode::Private),
            "host" => Ok(NsMode::Host),
            "none" if ipc => Ok(NsMode::None),
            v if v.starts_with("container:") => Ok(NsMode::Container(find(&v[10..])?)),
            v if v.starts_with("ns:") => anyhow::bail!(
                "--{flag} {v}: den joins the host's namespaces (host) or another container's (container:NAME), not one by path"
            ),
            v => anyhow::bail!(
                "invalid --{flag} {v:?} (use private, host{}, or container:NAME)",
                if ipc { ", shareable, none" } else { "" }
            ),
        }
    }

    /// The container gets a namespace of its own.
    pub fn own(&self) -> bool {
        matches!(self, NsMode::Private | NsMode::None)
    }

    fn flag(&self, f: libc::c_int) -> libc::c_int {
        if self.own() {
            f
        } else {
            0
        }
    }
}

/// The modes of a container's IPC, PID and UTS namespaces, and its cgroup
/// namespace (none: one of its own where it has a cgroup).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NsModes {
    #[serde(skip_serializing_if = "is_private")]
    pub ipc: NsMode,
    #[serde(skip_serializing_if = "is_private")]
    pub pid: NsMode,
    #[serde(skip_serializing_if = "is_private")]
    pub uts: NsMode,
    /// `--cgroupns`: private (true), host (false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cgroup: Option<bool>,
}

fn is_private(m: &NsMode) -> bool {
    *m == NsMode::Private
}

impl NsModes {
    /// The clone flags of the namespaces the container makes.
    pub fn new_flags(&self) -> libc::c_int {
        self.ipc.flag(libc::CLONE_NEWIPC)
            | self.pid.flag(libc::CLONE_NEWPID)
            | self.uts.flag(libc::CLONE_NEWUTS)
    }

    /// The host's namespaces it keeps: `den exec` does not join those
    /// (it is in them already, and may not set them again).
    pub fn host_flags(&self) -> libc::c_int {
        let host = |m: &NsMode, f| if *m == NsMode::Host { f } else { 0 };
        host(&self.ipc, libc::CLONE_NEWIPC)
            | host(&self.pid, libc::CLONE_NEWPID)
            | host(&self.uts, libc::CLONE_NEWUTS)
    }

    /// Other containers' namespaces to join before the clone: (id, flag).
    pub fn joined(&self) -> Vec<(&str, libc::c_int)> {
        [
            (&self.ipc, libc::CLONE_NEWIPC),
            (&self.pid, libc::CLONE_NEWPID),
            (&self.uts, libc::CLONE_NEWUTS),
        ]
        .into_iter()
        .filter_map(|(m, f)| match m {
            NsMode::Container(id) => Some((id.as_str(), f)),
            _ => None,
        })
        .collect()
    }

    /// The containers this one needs running.
    pub fn depends_on(&self) -> Vec<&str> {
        self.joined().into_iter().map(|(id, _)| id).collect()
    }

    /// podman's inspect words for a mode (`private`, `host`, `container:ID`).
    pub fn word(m: &NsMode) -> String {
        match m {
            NsMode::Private => "private".into(),
            NsMode::Host => "host".into(),
            NsMode::None => "none".into(),
            NsMode::Container(id) => format!("container:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_flags() {
        let find = |n: &str| -> anyhow::Result<String> {
            if n == "db" {
                Ok("abc".into())
            } else {
                anyhow::bail!("no container {n}")
            }
        };
        let p = |v: &str, ipc: bool| NsMode::parse("ipc", v, ipc, &find);
        assert_eq!(p("shareable", true).ok(), Some(NsMode::Private));
        assert!(p("shareable", false).is_err());
        assert_eq!(p("none", true).ok(), Some(NsMode::None));
        assert_eq!(
            p("container:db", false).ok(),
            Some(NsMode::Container("abc".into()))
        );
        assert!(p("container:nope", false).is_err());
        assert!(p("ns:/proc/1/ns/ipc", true).is_err());
        assert!(p("bogus", true).is_err());
        let m = NsModes {
            ipc: NsMode::Host,
            pid: NsMode::Container("abc".into()),
            uts: NsMode::Private,
            cgroup: None,
        };
        assert_eq!(m.new_flags(), libc::CLONE_NEWUTS);
        assert_eq!(m.host_flags(), libc::CLONE_NEWIPC);
        assert_eq!(m.joined(), vec![("abc", libc::CLONE_NEWPID)]);
    }
}
