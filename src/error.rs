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

/// What kind of object an [`Error`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Container,
    Image,
    Network,
    Volume,
    Secret,
    Pod,
}

/// The failures a front-end tells apart (an API maps them to 404, 409 and
/// 400); they travel inside `anyhow::Error`, found with `downcast_ref`.
/// Everything else (storage, registry, kernel) stays an untyped error with
/// its message. The message is what den prints.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No object of that name or id.
    #[error("{message}")]
    NotFound {
        kind: Kind,
        name: String,
        message: String,
    },
    /// An id prefix that matches more than one object.
    #[error("{message}")]
    Ambiguous {
        kind: Kind,
        name: String,
        message: String,
    },
    /// The object is in use, or its name is taken.
    #[error("{message}")]
    Conflict { kind: Kind, message: String },
    /// A container spec that cannot be made; `field` names the spec field.
    #[error("{message}")]
    Invalid { field: String, message: String },
}

impl Error {
    pub fn not_found(kind: Kind, name: &str, message: impl Into<String>) -> anyhow::Error {
        Error::NotFound {
            kind,
            name: name.to_string(),
            message: message.into(),
        }
        .into()
    }

    pub fn ambiguous(kind: Kind, name: &str, message: impl Into<String>) -> anyhow::Error {
        Error::Ambiguous {
            kind,
            name: name.to_string(),
            message: message.into(),
        }
        .into()
    }

    pub fn conflict(kind: Kind, message: impl Into<String>) -> anyhow::Error {
        Error::Conflict {
            kind,
            message: message.into(),
        }
        .into()
    }

    pub fn invalid(field: &str, message: impl fmt::Display) -> anyhow::Error {
        Error::Invalid {
            field: field.to_string(),
            message: message.to_string(),
        }
        .into()
    }
}

/// Print an error as one `den: error:` line and pick the exit status.
pub fn report(e: anyhow::Error) -> i32 {
    report_ref(&e)
}

/// [`report`], for an error the caller keeps.
pub fn report_ref(e: &anyhow::Error) -> i32 {
    if let Some(exit) = e.downcast_ref::<Exit>() {
        if !exit.message.is_empty() {
            eprintln!("den: error: {}", exit.message);
        }
        return exit.code;
    }
    let msg = format!("{e:#}").replace('\n', " ");
    eprintln!("den: error: {msg}");
    EXIT_DEN
}
