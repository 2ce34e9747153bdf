//! Exit codes and the error that carries one.
//!
//! den's own failures exit 125, a command that cannot be invoked 126, one
//! that is not found 127; otherwise den exits with the container's status.

use std::fmt;

/// den's own error (bad input, storage, registry, ...).
pub const EXIT_DEN: i32 = 125;
/// The container command exists but cannot be invoked.
pub const EXIT_CANNOT_INVOKE: i32 = 126;
/// The container command was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

/// An error that ends den with a given exit status.
///
/// With an empty message nothing is printed: the status is the container's
/// own, or the message was already printed by another process (the
/// supervisor).
#[derive(Debug)]
pub struct Exit {
    pub code: i32,
    pub message: String,
}

impl Exit {
    /// Exit silently with `code`.
    pub fn status(code: i32) -> Self {
        Exit {
            code,
            message: String::new(),
        }
    }

    /// Exit with `code` after printing `den: error: message`.
    pub fn with(code: i32, message: impl Into<String>) -> Self {
        Exit {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}
