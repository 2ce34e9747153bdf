//! Storage: layer extraction, the rootfs drivers (overlay, fuse-overlayfs,
//! vfs), removing trees of any depth.

pub mod archive;
pub mod byprogram;
pub mod changes;
pub mod copy;
pub mod driver;
pub mod extract;
pub mod meter;
pub mod mounting;
pub mod mountpoints;
pub mod overlay;
pub mod path;
pub mod remove;
pub mod tarsplit;
pub mod vfs;
