//! Debug and warning messages on stderr.

use std::sync::atomic::{AtomicBool, Ordering};

static DEBUG: AtomicBool = AtomicBool::new(false);

/// Turn debug messages on or off.
pub fn set_debug(on: bool) {
    DEBUG.store(on, Ordering::Relaxed);
}

/// Debug messages on where a `--log-level` of `level` or `DEN_LOG_LEVEL`
/// asks for `debug`, off otherwise.
pub fn set_level(level: &str) {
    set_debug(
        level == "debug"
            || crate::config::env::var(crate::config::env::DEN_LOG_LEVEL)
                .is_some_and(|v| v == "debug"),
    );
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

/// The variable that carries the command's start (CLOCK_MONOTONIC, in
/// nanoseconds) to the processes it starts (the supervisor), so that every
/// phase is timed from the moment the user's command began.
const T0: &str = "_DEN_T0";

fn monotonic_ns() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

static START: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Note when the command began (or, in a process den started, when the
/// command that started it began), and pass it on.
pub fn start_clock() {
    let t0 = std::env::var(T0)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(monotonic_ns);
    let _ = START.set(t0);
    std::env::set_var(T0, t0.to_string());
}

/// With `--log-level debug`: how long after the command began a phase
/// ended (`den: debug: phase 3.21 ms [pid] NAME`), so that where a start's
/// time goes can be read off one run.
pub fn phase(name: &str) {
    if !debug_enabled() {
        return;
    }
    let t0 = *START.get_or_init(monotonic_ns);
    let ms = monotonic_ns().saturating_sub(t0) as f64 / 1e6;
    // One write: the supervisor's lines and its caller's, made at the same
    // time (`engine::start::Early`), are never mixed within a line.
    let line = format!(
        "den: debug: phase {ms:7.2} ms [{}] {name}\n",
        std::process::id()
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}
