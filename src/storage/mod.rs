//! Storage: layer extraction, the rootfs drivers (overlay, fuse-overlayfs, vfs).

pub mod driver;
pub mod extract;
pub mod path;
pub mod vfs;
