//! Small helpers shared by every part of den.

pub mod digest;
pub mod feed;
pub mod filters;
pub mod fs;
pub mod human;
pub mod ids;
pub mod lock;
pub mod log;
pub mod pattern;
pub mod pool;
pub mod proc;
pub mod template;
