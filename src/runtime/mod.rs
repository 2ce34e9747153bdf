//! The container runtime: user namespaces, the container process, mounts.

pub mod activation;
pub mod etcfiles;
pub mod exec;
pub mod idmap;
pub mod init;
pub mod mountfd;
pub mod mounts;
pub mod network;
pub mod nsmodes;
pub mod pause;
pub mod procattrs;
pub mod reseal;
pub mod sealed;
pub mod seccomp;
pub mod security;
pub mod spawn;
pub mod user;
pub mod usermaps;
pub mod userns;
