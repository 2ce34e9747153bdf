//! The engine: what every front-end (the command line now; compose, build,
//! kube and an API later) calls to make and run containers, images and
//! networks. It takes plain Rust types ([`spec::ContainerSpec`], ...),
//! returns plain Rust types and errors, reports progress through a trait,
//! and never prints or parses flags. Below it: `container/`, `image/`,
//! `network/`, `runtime/`, `storage/`, `supervisor/`.

pub mod attach;
pub mod containers;
pub mod create;
pub mod exec;
pub mod images;
pub mod inspect;
pub mod logs;
pub mod network;
pub mod networks;
pub mod registry;
pub mod signals;
pub mod spec;
pub mod start;
pub mod system;
pub mod top;

pub use create::create;
