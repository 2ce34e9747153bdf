//! The engine: what every front-end (the command line now; compose, build,
//! kube and an API later) calls to make and run containers, images and
//! networks. It takes plain Rust types ([`spec::ContainerSpec`], option
//! structs), returns plain Rust types and errors (the typed ones in
//! [`crate::error::Error`]), reports progress through a trait
//! ([`images::Progress`]) or a sink ([`logs::Sink`]), and never prints or
//! parses flags; warnings go through `warn!` (`util/log.rs`). Below it:
//! `container/`, `image/`, `network/`, `runtime/`, `storage/`,
//! `supervisor/`.
//!
//! - [`create`] a container from a spec; [`start`] it (foreground or
//!   detached); [`exec`] in it; [`attach`] to it; its [`logs`]; [`top`];
//!   [`copy`] files in and out; [`export`] its filesystem; [`commit`]
//!   its changes (and `diff` them)
//! - [`containers`]: list, stop, kill, pause, wait, restart, rename,
//!   remove, prune; [`inspect`] (podman-shaped JSON)
//! - [`images`]: pull, list, look up, inspect, tag, remove; [`registry`]
//!   login checks
//! - [`networks`]: create, list, inspect, remove, prune, connect
//! - [`volumes`]: create, list, inspect, remove, prune, export, import
//! - [`system`]: info, check, unshare, the supervisor's entry point;
//!   [`usage`] (`system df`)

pub mod archives;
pub mod attach;
pub mod autoupdate;
pub mod build;
pub mod commit;
pub mod compose;
pub mod containers;
pub mod copy;
pub mod create;
pub mod exec;
pub mod export;
pub mod health;
pub mod imagefs;
pub mod images;
pub mod import;
pub mod inspect;
mod inspect_more;
pub mod kube;
pub mod logs;
pub mod manifests;
pub mod networks;
pub mod pods;
pub mod prefork;
pub mod prune;
pub mod push;
pub mod quadlet;
pub mod registry;
pub mod rootfs;
pub mod secrets;
pub mod signals;
pub mod spec;
pub mod start;
pub mod stats;
pub mod system;
pub mod top;
pub mod update;
pub mod usage;
pub mod volumes;

pub use create::create;
