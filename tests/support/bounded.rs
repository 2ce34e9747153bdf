//! Waits with a limit: a command or process of the tests that hangs fails
//! its test, naming what hung, instead of stalling the whole suite (and
//! CI with it).

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// How long any one den command of the tests may take. The slowest (a
/// build of the Debian image, a pull of hundreds of layers) take seconds.
pub const COMMAND_LIMIT: Duration = Duration::from_secs(300);

/// `cmd`'s status and output, as `Command::output` gives them; past
/// `limit` the command is killed and the test fails, naming `what`. A
/// process the command left holding its output (a supervisor that kept
/// stdout) fails the test too, once the same limit is reached.
pub fn output_within(cmd: &mut Command, limit: Duration, what: &str) -> Output {
    match bounded_output(cmd, limit, what) {
        Ok(out) => out,
        Err(why) => panic!("{why}"),
    }
}

/// [`output_within`] that says what went wrong instead of failing the
/// test: for clean-ups, which run while a test may already be failing.
pub fn output_or_none(cmd: &mut Command, limit: Duration) -> Option<Output> {
    bounded_output(cmd, limit, "a clean-up command").ok()
}

fn bounded_output(cmd: &mut Command, limit: Duration, what: &str) -> Result<Output, String> {
    let deadline = Instant::now() + limit;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            let _ = tx.send(buf);
        });
        rx
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let text = |got: &[u8]| String::from_utf8_lossy(got).into_owned();
    let Some(status) = wait_within(&mut child, limit) else {
        let early = |rx: mpsc::Receiver<Vec<u8>>| {
            text(&rx.recv_timeout(Duration::from_secs(1)).unwrap_or_default())
        };
        return Err(format!(
            "{what} did not end within {limit:?} and was killed\nstdout: {}\nstderr: {}",
            early(stdout),
            early(stderr)
        ));
    };
    let rest = || deadline.saturating_duration_since(Instant::now());
    let (Ok(out), Ok(err)) = (stdout.recv_timeout(rest()), stderr.recv_timeout(rest())) else {
        return Err(format!(
            "{what} ended ({status}), but a process it left still holds its output after {limit:?}"
        ));
    };
    Ok(Output {
        status,
        stdout: out,
        stderr: err,
    })
}

/// `child`'s exit status, or None when it did not end within `limit`:
/// then it is killed (and reaped).
pub fn wait_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let pid = Pid::from_raw(child.id() as i32);
    let (done, watch) = mpsc::channel::<()>();
    // A watchdog rather than polling: most commands end in milliseconds,
    // and a poll's sleep would be added to each.
    let watchdog = std::thread::spawn(move || {
        let fired = matches!(
            watch.recv_timeout(limit),
            Err(mpsc::RecvTimeoutError::Timeout)
        );
        if fired {
            let _ = kill(pid, Signal::SIGKILL);
        }
        fired
    });
    let started = Instant::now();
    let status = child.wait();
    let _ = done.send(());
    let fired = watchdog.join().unwrap_or(true);
    match status {
        Ok(s) if !fired => Some(s),
        Ok(_) => None,
        Err(e) => panic!("waiting for a process ({:?} in): {e}", started.elapsed()),
    }
}
