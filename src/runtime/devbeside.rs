//! A container's /dev, made beside the supervisor's own work.
//!
//! The init made its /dev before pivoting: a tmpfs, the six host devices
//! bound onto files in it, devpts, /dev/shm and the links, some 70 system
//! calls and about 0.2 ms on the path of every start. Instead, as the
//! rootfs (`mountbeside.rs`) and the network namespace (`netns.rs`), a
//! child that shares our memory and descriptor table builds the same tree
//! as a detached mount (`fsmount`), on the other CPU, and leaves its
//! descriptor in our table; the init attaches it with one `move_mount`
//! (`mounts::setup`), then mounts /dev/mqueue, which belongs to its own
//! IPC namespace. Mounting onto a detached tree needs Linux 6.15: on an
//! older kernel the child fails and the init makes /dev itself, as on a
//! restart.
//!
//! The child runs only this module's raw system calls (rustix's, on C
//! strings made before it started: no allocation, no lock, no `errno`;
//! its descriptors closed by rustix, never by an `OwnedFd`'s drop, which
//! is glibc's `close`), with our signals blocked as they were when it was
//! made.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use rustix::fs::{Mode, OFlags, CWD};
use rustix::io::Errno;
use rustix::mount::{FsMountFlags, FsOpenFlags, MountAttrFlags, MoveMountFlags, OpenTreeFlags};

use super::childstack::{take_fd, Beside, ChildFd, BESIDE_STACK, UNSET};
use super::mounts::dev as spec;

/// What /dev is to hold, as the init's own would.
pub struct Job {
    /// Only one id is mapped: devpts without gid=5.
    pub single_id: bool,
    /// /dev/shm's size in bytes; `None`: no tmpfs there (`--ipc none`).
    pub shm_size: Option<CString>,
}

/// Where the child failed: its step (each system call counts one) and
/// the error.
#[derive(Debug, PartialEq, Eq)]
pub struct Failed {
    pub step: i32,
    pub errno: Errno,
}

/// A /dev on its way; [`Pending::wait`] waits for it.
pub struct Pending(Beside<Slot>);

struct Slot {
    job: Job,
    /// The failed step, written before `answer`.
    step: AtomicI32,
    /// The tree's descriptor in our table, or minus an errno; `UNSET`
    /// before.
    answer: AtomicI32,
}

/// Start building `job`'s /dev beside us (in our user and mount
/// namespaces, which the tree belongs to until it is attached).
pub fn start(job: Job) -> io::Result<Pending> {
    let slot = Slot {
        job,
        step: AtomicI32::new(0),
        answer: AtomicI32::new(UNSET),
    };
    // SAFETY: `child` makes only raw system calls on the job's strings
    // (see the module's comment), and the supervisor's signals are
    // blocked (the tests': only the test's own thread runs it).
    unsafe { Beside::start(BESIDE_STACK, slot, child) }.map(Pending)
}

impl Pending {
    /// Wait for the child: the detached tree, once built.
    pub fn wait(mut self) -> Result<OwnedFd, Failed> {
        self.0.reap();
        let slot = self.0.slot();
        match slot.answer.swap(UNSET, Ordering::SeqCst) {
            // SAFETY: the child made it in our (shared) table and handed
            // it to us alone; nothing else names it.
            fd if fd >= 0 => Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
            // Ended before it answered (killed).
            UNSET => Err(Failed {
                step: slot.step.load(Ordering::SeqCst),
                errno: Errno::INTR,
            }),
            errno => Err(Failed {
                step: slot.step.load(Ordering::SeqCst),
                errno: Errno::from_raw_os_error(-errno),
            }),
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.reap();
        // The tree, never taken.
        drop(take_fd(&self.0.slot().answer));
    }
}

/// The child: build the tree, answer in the slot at `arg`, end.
extern "C" fn child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the slot `start` passed, alive until we have gone.
    let slot = unsafe { &*(arg as *const Slot) };
    let mut step = 0;
    match build(&slot.job, &mut step) {
        Ok(tree) => slot.answer.store(tree.keep(), Ordering::SeqCst),
        Err(e) => {
            slot.step.store(step, Ordering::SeqCst);
            slot.answer.store(-e.raw_os_error(), Ordering::SeqCst);
        }
    }
    0
}

/// Count a step, then take it.
fn counted<T>(step: &mut i32, r: rustix::io::Result<T>) -> rustix::io::Result<T> {
    *step += 1;
    r
}

/// A new detached mount of `fs` with the options `opts`.
fn new_fs(
    step: &mut i32,
    fs: &CStr,
    source: &CStr,
    opts: &[(&CStr, &CStr)],
    attrs: MountAttrFlags,
) -> rustix::io::Result<ChildFd> {
    let ctx = ChildFd::of(counted(
        step,
        rustix::mount::fsopen(fs, FsOpenFlags::FSOPEN_CLOEXEC),
    )?);
    counted(
        step,
        rustix::mount::fsconfig_set_string(ctx.fd(), c"source", source),
    )?;
    for (k, v) in opts {
        counted(step, rustix::mount::fsconfig_set_string(ctx.fd(), *k, *v))?;
    }
    counted(step, rustix::mount::fsconfig_create(ctx.fd()))?;
    let m = rustix::mount::fsmount(ctx.fd(), FsMountFlags::FSMOUNT_CLOEXEC, attrs);
    Ok(ChildFd::of(counted(step, m)?))
}

/// Attach the detached `what` on `name` in the tree.
fn put(step: &mut i32, what: &ChildFd, tree: &ChildFd, name: &CStr) -> rustix::io::Result<()> {
    counted(
        step,
        rustix::mount::move_mount(
            what.fd(),
            c"",
            tree.fd(),
            name,
            MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
        ),
    )
}

fn build(job: &Job, step: &mut i32) -> rustix::io::Result<ChildFd> {
    let tree = new_fs(
        step,
        c"tmpfs",
        c"tmpfs",
        spec::TMPFS,
        MountAttrFlags::MOUNT_ATTR_NOSUID | MountAttrFlags::MOUNT_ATTR_STRICTATIME,
    )?;
    let file = OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    for (name, host) in spec::DEVICES {
        let f = counted(
            step,
            rustix::fs::openat(tree.fd(), *name, file, Mode::from_raw_mode(0o644)),
        )?;
        drop(ChildFd::of(f));
        let flags = OpenTreeFlags::OPEN_TREE_CLONE | OpenTreeFlags::OPEN_TREE_CLOEXEC;
        let bind = ChildFd::of(counted(step, rustix::mount::open_tree(CWD, *host, flags))?);
        put(step, &bind, &tree, name)?;
    }
    let dir = Mode::from_raw_mode(0o755);
    counted(step, rustix::fs::mkdirat(tree.fd(), c"pts", dir))?;
    let pts_opts = match job.single_id {
        true => &spec::PTS[..spec::PTS.len() - 1],
        false => spec::PTS,
    };
    let noexec = MountAttrFlags::MOUNT_ATTR_NOSUID | MountAttrFlags::MOUNT_ATTR_NOEXEC;
    let pts = new_fs(step, c"devpts", c"devpts", pts_opts, noexec)?;
    put(step, &pts, &tree, c"pts")?;
    counted(step, rustix::fs::mkdirat(tree.fd(), c"shm", dir))?;
    if let Some(size) = &job.shm_size {
        let opts = [(c"mode", spec::SHM_MODE), (c"size", size.as_c_str())];
        let attrs = noexec | MountAttrFlags::MOUNT_ATTR_NODEV;
        let shm = new_fs(step, c"tmpfs", c"shm", &opts, attrs)?;
        put(step, &shm, &tree, c"shm")?;
    }
    counted(step, rustix::fs::mkdirat(tree.fd(), c"mqueue", dir))?;
    for (name, target) in spec::LINKS {
        counted(step, rustix::fs::symlinkat(*target, tree.fd(), *name))?;
    }
    Ok(tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unprivileged, the tmpfs cannot be made: the answer names that
    /// first step; as root, the tree comes back. (In den's user
    /// namespace, every e2e start attaches a tree made here.)
    #[test]
    fn the_child_answers_with_the_tree_or_where_it_failed() {
        let job = Job {
            single_id: true,
            shm_size: Some(CString::new("65536k").expect("no NUL")),
        };
        match start(job).expect("clone").wait() {
            Ok(tree) => {
                assert!(rustix::process::geteuid().is_root(), "a tree unprivileged");
                let st = rustix::fs::fstat(&tree).expect("fstat");
                assert_eq!(st.st_mode & 0o7777, 0o755);
            }
            // Root on a kernel older than 6.15: no mount onto the tree.
            Err(failed) if rustix::process::geteuid().is_root() => {
                assert_eq!(failed.errno, Errno::INVAL, "{failed:?}");
            }
            Err(failed) => {
                assert_eq!(failed.errno, Errno::PERM, "{failed:?}");
                assert_eq!(failed.step, 1, "fsopen: {failed:?}");
            }
        }
    }
}
