//! Configuration: environment, XDG paths, registries.conf, credentials.

pub mod auth;
pub mod env;
pub mod host;
pub mod paths;
pub mod private;
pub mod registries;
pub mod settings;
