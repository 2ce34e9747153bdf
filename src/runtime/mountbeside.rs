//! A container's rootfs, mounted beside the supervisor's own work.
//!
//! The kernel's overlayfs takes some 0.3 ms to mount here, and the upper
//! layer's directories another 0.1; in turn, the supervisor's own work
//! before the rootfs is first needed (the log, the attach socket, the
//! network's files, the init's plan) takes 0.4 to 0.7 ms. So a child that
//! shares our memory makes the directories and mounts the overlay on the
//! other CPU while we go on (`storage/mounting.rs` decides when, and
//! waits where the rootfs is first used).
//!
//! As in `netns.rs`, the child runs only this module's raw system calls
//! (rustix's, on C strings made before it started: no allocation, no
//! lock, no `errno`), with our signals blocked as they were when it was
//! made. It has a copy of our working directory as it was then (no
//! `CLONE_FS`), which the mount's relative paths are relative to, and
//! shares our mount namespace, where the mount lands.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::io;
use std::sync::atomic::{AtomicI32, Ordering};

use rustix::fs::Mode;
use rustix::io::Errno;
use rustix::mount::MountFlags;

use super::childstack::{Beside, BESIDE_STACK, UNSET};

/// A directory the mount needs: made if missing (with `mode`, less the
/// umask); `exact`: given `mode` whatever the umask and whatever it had.
pub struct Dir {
    pub path: CString,
    pub mode: u32,
    pub exact: bool,
}

/// What the child does: `dirs`, in order, then an overlay on `target`
/// with the options `data`.
pub struct Job {
    pub dirs: Vec<Dir>,
    pub target: CString,
    pub data: CString,
}

/// Where the child failed: the directory at this index of the job's, or
/// (at the index past them) the mount.
#[derive(Debug, PartialEq, Eq)]
pub struct Failed {
    pub step: usize,
    pub errno: Errno,
}

/// A mount on its way; [`Pending::wait`] waits for it.
pub struct Pending(Beside<Slot>);

struct Slot {
    job: Job,
    /// The failed step, written before `errno`.
    step: AtomicI32,
    /// 0 once done, an errno once failed, `UNSET` before.
    errno: AtomicI32,
}

/// Start `job` in a child beside us.
pub fn start(job: Job) -> io::Result<Pending> {
    let slot = Slot {
        job,
        step: AtomicI32::new(0),
        errno: AtomicI32::new(UNSET),
    };
    // SAFETY: `child` makes only raw system calls on the job's strings
    // (see the module's comment), and the supervisor's signals are
    // blocked (the tests': only the test's own thread runs it).
    unsafe { Beside::start(BESIDE_STACK, slot, child) }.map(Pending)
}

impl Pending {
    /// Wait for the child: `Ok` once the overlay is mounted.
    pub fn wait(mut self) -> Result<(), Failed> {
        self.0.reap();
        let slot = self.0.slot();
        match slot.errno.load(Ordering::SeqCst) {
            0 => Ok(()),
            // Ended before it answered (killed): as a failed mount.
            UNSET => Err(Failed {
                step: slot.job.dirs.len(),
                errno: Errno::INTR,
            }),
            errno => Err(Failed {
                step: slot.step.load(Ordering::SeqCst) as usize,
                errno: Errno::from_raw_os_error(errno),
            }),
        }
    }
}

/// The child: do the job at `arg`, answer in its slot, end.
extern "C" fn child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the slot `start` passed, alive until we have gone.
    let slot = unsafe { &*(arg as *const Slot) };
    match run(&slot.job) {
        Ok(()) => slot.errno.store(0, Ordering::SeqCst),
        Err((step, e)) => {
            slot.step.store(step as i32, Ordering::SeqCst);
            slot.errno.store(e.raw_os_error(), Ordering::SeqCst);
        }
    }
    0
}

fn run(job: &Job) -> Result<(), (usize, Errno)> {
    for (i, d) in job.dirs.iter().enumerate() {
        let mode = Mode::from_raw_mode(d.mode);
        match rustix::fs::mkdir(d.path.as_c_str(), mode) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => return Err((i, e)),
        }
        if d.exact {
            rustix::fs::chmod(d.path.as_c_str(), mode).map_err(|e| (i, e))?;
        }
    }
    rustix::mount::mount(
        c"overlay",
        job.target.as_c_str(),
        c"overlay",
        MountFlags::empty(),
        job.data.as_c_str(),
    )
    .map_err(|e| (job.dirs.len(), e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn c(p: &std::path::Path) -> CString {
        CString::new(p.as_os_str().as_encoded_bytes()).expect("no NUL")
    }

    /// The directories are made (the exact one with its mode whatever the
    /// umask), then the mount is tried: here, unprivileged and with no
    /// layers, it fails, and the answer names the mount's step. (The
    /// kernel path is the e2e suite's: every start of an image whose
    /// mount points are made mounts its rootfs here.)
    #[test]
    fn the_child_makes_the_directories_then_answers_for_the_mount() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (upper, work) = (dir.path().join("upper"), dir.path().join("work"));
        std::fs::create_dir(&work).expect("an existing one");
        let job = Job {
            dirs: vec![
                Dir {
                    path: c(&upper),
                    mode: 0o755,
                    exact: true,
                },
                Dir {
                    path: c(&work),
                    mode: 0o700,
                    exact: false,
                },
            ],
            target: c(&dir.path().join("missing")),
            data: CString::new("lowerdir=nowhere").expect("no NUL"),
        };
        let failed = start(job)
            .expect("clone")
            .wait()
            .expect_err("no such target");
        assert_eq!(failed.step, 2, "{failed:?}");
        let mode = std::fs::metadata(&upper)
            .expect("made")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o755);
        assert!(work.is_dir());
    }

    /// A directory that cannot be made stops the job at its step.
    #[test]
    fn a_directory_that_cannot_be_made_is_the_answer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let job = Job {
            dirs: vec![Dir {
                path: c(&dir.path().join("no/such/parent")),
                mode: 0o700,
                exact: false,
            }],
            target: c(dir.path()),
            data: CString::new("lowerdir=nowhere").expect("no NUL"),
        };
        let failed = start(job).expect("clone").wait().expect_err("no parent");
        assert_eq!(
            failed,
            Failed {
                step: 0,
                errno: Errno::NOENT
            }
        );
    }
}
