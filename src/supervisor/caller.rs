//! What the supervisor tells the command that started it.
//!
//! A caller that waits for the start (`run -d`, `start`) passes a pipe in
//! `_DEN_NOTIFY_FD`: the supervisor writes `ok` once the container's
//! command has been executed, or `CODE message` if it could not start.
//!
//! `run --rm` passes one in `_DEN_DONE_FD` (in the foreground, and with
//! `-t`, attached through the socket): the container's last status goes
//! there as soon as the container is out of the records, and the
//! supervisor leaves the caller's terminal and pipes; the rest of the
//! teardown (the rootfs's unmount, the attach socket, the deletion of the
//! files) goes on without the caller, which returns then.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::runtime::spawn;

/// The environment variable naming the start-notification fd.
pub const NOTIFY_FD: &str = "_DEN_NOTIFY_FD";
/// Set by a caller that will attach: wait for it before starting.
pub const ATTACH_WAIT: &str = "_DEN_ATTACH_WAIT";

/// Tell the caller waiting on the notification pipe named in the
/// environment (if any) that the start failed: a process that was to
/// become a supervisor and cannot.
pub fn notify_failure(code: i32, msg: &str) {
    Notifier::from_env().send(&format!("{code} {msg}"));
}

/// The pipe our caller passed in the environment variable `var` (taken
/// out of the environment: nothing of ours passes it on).
fn inherited_pipe(var: &str) -> Option<std::fs::File> {
    let fd = std::env::var(var).ok().and_then(|v| v.parse::<i32>().ok());
    std::env::remove_var(var);
    fd.and_then(spawn::adopt_inherited_fd)
        .map(std::fs::File::from)
}

/// Tells a waiting caller how the start went (once).
pub struct Notifier(Option<std::fs::File>);

impl Notifier {
    pub fn from_env() -> Notifier {
        Notifier(inherited_pipe(NOTIFY_FD))
    }

    /// Whether a caller waits for the start (else the supervisor echoes
    /// the container's output: it is in the foreground).
    pub fn waiting(&self) -> bool {
        self.0.is_some()
    }

    /// A line before the final one (the caller keeps reading).
    pub fn progress(&mut self, msg: &str) {
        if let Some(f) = self.0.as_mut() {
            let _ = f.write_all(format!("{msg}\n").as_bytes());
        }
    }

    pub fn send(&mut self, msg: &str) {
        if let Some(mut f) = self.0.take() {
            let _ = f.write_all(format!("{}\n", msg.replace('\n', " ")).as_bytes());
        }
    }
}

/// The environment variable naming the end-of-run fd.
pub const DONE_FD: &str = "_DEN_DONE_FD";

/// The caller's end-of-run pipe (`_DEN_DONE_FD`), if it gave one, and the
/// teardown that waits until it is told.
pub struct Done {
    pipe: Option<std::fs::File>,
    /// The rootfs, still mounted.
    mounted: Option<PathBuf>,
    /// The attach socket, still there.
    socket: Option<PathBuf>,
    /// The container's mount namespace, let go with us (after telling).
    mount_ns: Option<std::os::fd::OwnedFd>,
}

impl Done {
    pub fn from_env() -> Done {
        Done {
            pipe: inherited_pipe(DONE_FD),
            mounted: None,
            socket: None,
            mount_ns: None,
        }
    }

    /// Whether the caller will be told before the teardown ends: not when
    /// the removal is done where it waits (`storage::remove::in_place`).
    pub fn early(&self) -> bool {
        self.pipe.is_some() && !crate::storage::remove::in_place()
    }

    /// Tell the caller the run's outcome (an error as the supervisor's exit
    /// would report it, on stderr first) and leave its stdio. False when
    /// there is no caller to tell: then it learns by our exit.
    pub fn tell(&mut self, result: &Result<i32>) -> bool {
        if !self.early() {
            return false;
        }
        let Some(mut pipe) = self.pipe.take() else {
            return false;
        };
        let code = match result {
            Ok(code) => *code,
            Err(e) => crate::error::report_ref(e),
        };
        let _ = std::io::stdout().flush();
        if pipe.write_all(&code.to_be_bytes()).is_err() {
            return false;
        }
        drop(pipe);
        // The caller's output ends with it (`$(den run --rm ...)`).
        let _ = spawn::null_onto(&[0, 1, 2]);
        true
    }
}

impl Done {
    /// Leave the rootfs mounted at `path` until the caller is told (its
    /// unmount waits on the kernel's RCU grace periods); false when there
    /// is no caller to tell first: then unmount it now.
    pub fn defer_unmount(&mut self, path: &Path) -> bool {
        self.early() && self.mounted.replace(path.to_path_buf()).is_none()
    }

    /// Keep the ended container's mount namespace `ns` (its mounts'
    /// teardown) until the caller is told: then it goes with us. Without
    /// a caller to tell first, it goes now.
    pub fn hold_mount_ns(&mut self, ns: Option<std::os::fd::OwnedFd>) {
        if self.early() {
            self.mount_ns = ns;
        }
    }

    /// Leave the attach socket (and the container's runtime directory)
    /// until the caller is told; false when it goes now.
    pub fn defer_socket(&mut self, path: &Path) -> bool {
        self.early() && self.socket.replace(path.to_path_buf()).is_none()
    }

    /// After telling: what was deferred. The container's directory `cdir`
    /// has moved to `moved` (the trash), the rootfs with it.
    pub fn finish(&mut self, cdir: &Path, moved: Option<&Path>) {
        if let Some(path) = self.mounted.take() {
            let now = match (moved, path.strip_prefix(cdir)) {
                (Some(to), Ok(rel)) => to.join(rel),
                _ => path,
            };
            crate::storage::driver::unmount_path(&now);
        }
        if let Some(sock) = self.socket.take() {
            crate::container::attach::remove_socket(&sock);
        }
    }
}
