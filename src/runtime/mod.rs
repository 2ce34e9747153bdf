//! The container runtime: user namespaces, the container process, mounts.

pub mod activation;
mod childstack;
pub mod devbeside;
pub mod etcfiles;
pub mod exec;
pub mod idmap;
pub mod init;
pub mod lease;
pub mod mountbeside;
pub mod mountfd;
pub mod mounts;
pub mod netns;
pub mod network;
pub mod nsmodes;
pub mod pause;
pub mod procattrs;
pub mod reseal;
pub mod sealed;
pub mod seccomp;
pub mod security;
pub mod spawn;
pub mod title;
pub mod user;
pub mod usermaps;
pub mod userns;
pub mod vfork;

/// The first two numbers of a kernel release or version (`6.1.0-18-amd64`:
/// `[6, 1]`), to compare as lists (`>= [5, 15]`).
pub fn version_numbers(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit())
        .take_while(|p| !p.is_empty())
        .take(2)
        .filter_map(|p| p.parse().ok())
        .collect()
}
