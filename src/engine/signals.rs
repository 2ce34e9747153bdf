//! The caller's signals, for a front-end that relays a process's stdio and
//! passes its own signals on (the command line; an API has none): block
//! them, read them from a signalfd, reap the process.

pub use crate::runtime::spawn::{block_signals, reap, relayed_set, wait_relaying};
