//! Every environment variable den reads, declared in one place.

use std::ffi::OsString;

/// Base directory for den's storage (`$XDG_DATA_HOME/den`).
pub const XDG_DATA_HOME: &str = "XDG_DATA_HOME";
/// Base directory for den's runtime files: locks, sockets (`$XDG_RUNTIME_DIR/den`).
pub const XDG_RUNTIME_DIR: &str = "XDG_RUNTIME_DIR";
/// Base directory for configuration (`containers/registries.conf`, `containers/auth.json`).
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
/// The user's home directory (`~/.docker/config.json`, XDG defaults).
pub const HOME: &str = "HOME";
/// Docker's client configuration directory: its `config.json` is read for
/// credentials instead of `~/.docker/config.json`, as podman reads it
/// (den's `--config DIR` sets it).
pub const DOCKER_CONFIG: &str = "DOCKER_CONFIG";
/// An explicit credentials file, as podman and skopeo read it.
pub const REGISTRY_AUTH_FILE: &str = "REGISTRY_AUTH_FILE";
/// An explicit registries.conf, as podman reads it.
pub const CONTAINERS_REGISTRIES_CONF: &str = "CONTAINERS_REGISTRIES_CONF";
/// `debug` turns on debug messages on stderr (same as `--log-level debug`).
pub const DEN_LOG_LEVEL: &str = "DEN_LOG_LEVEL";
/// Read subordinate uid ranges from this file instead of /etc/subuid
/// (newuidmap still checks /etc/subuid, so this can only narrow the map).
pub const DEN_SUBUID_FILE: &str = "DEN_SUBUID_FILE";
/// Read subordinate gid ranges from this file instead of /etc/subgid.
pub const DEN_SUBGID_FILE: &str = "DEN_SUBGID_FILE";
/// The journal's socket for `--log-driver journald` (default
/// /run/systemd/journal/socket; the tests' listener on a host without one).
pub const DEN_JOURNAL_SOCKET: &str = "DEN_JOURNAL_SOCKET";
/// Set by den in the processes it re-executes inside its user namespace.
pub const DEN_IN_USERNS: &str = "_DEN_IN_USERNS";
/// Set by `den unshare` for its command: the user and mount namespace
/// `den mount` mounts in.
pub const DEN_UNSHARE: &str = "_DEN_UNSHARE";

/// The value of `name`, if set and not empty.
pub fn var(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}
