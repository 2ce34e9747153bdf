//! The engine: what every front-end (the command line now; compose, build,
//! kube and an API later) calls to make and run containers, images and
//! networks. It takes plain Rust types ([`spec::ContainerSpec`], ...),
//! returns plain Rust types and errors, reports progress through a trait,
//! and never prints or parses flags. Below it: `container/`, `image/`,
//! `network/`, `runtime/`, `storage/`, `supervisor/`.

pub mod create;
pub mod network;
pub mod spec;

pub use create::create;
