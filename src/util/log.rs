//! Debug and warning messages on stderr.

use std::sync::atomic::{AtomicBool, Ordering};

static DEBUG: AtomicBool = AtomicBool::new(false);

/// Turn debug messages on or off.
pub fn set_debug(on: bool) {
    DEBUG.store(on, Ordering::Relaxed);
}

/// Whether debug messages are on.
pub fn debug_enabled() -> bool {
    DEBUG.load(Ordering::Relaxed)
}

/// Print a debug message when debugging is on.
#[macro_export]
macro_rules! debug {
    ($($arg:tt)*) => {
        if $crate::util::log::debug_enabled() {
            eprintln!("den: debug: {}", format_args!($($arg)*));
        }
    };
}

/// Print a warning.
#[macro_export]
macro_rules! warn {
    ($($arg:tt)*) => {
        eprintln!("den: warning: {}", format_args!($($arg)*))
    };
}
