//! A stack of its own for a child that shares our memory (`vfork.rs`,
//! `netns.rs`, `mountbeside.rs`, `devbeside.rs`): a private anonymous
//! mapping with a guard page at its foot, so that an overflow faults
//! instead of writing below it. Only the pages the child touches are ever made. And such a child
//! working beside us ([`Beside`]), the stack and what it is given freed
//! only once it has gone, with what the children beside us share: their
//! stack's size, their slots' value before an answer, their descriptors.
#![allow(unsafe_code)]

use std::io;
use std::os::fd::{BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

const PAGE: usize = 4096;

pub struct ChildStack {
    base: *mut libc::c_void,
    size: usize,
}

impl ChildStack {
    /// A stack of `size` bytes (a multiple of the page size), the lowest
    /// page of them the guard.
    pub fn new(size: usize) -> std::io::Result<ChildStack> {
        // SAFETY: a new private anonymous mapping of our own, unmapped when
        // the returned value is dropped.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let stack = ChildStack { base, size };
        // SAFETY: the lowest page of the mapping just made.
        if unsafe { libc::mprotect(base, PAGE, libc::PROT_NONE) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(stack)
    }

    /// Where the child's stack pointer starts: the mapping's end, 16-byte
    /// aligned (the mapping is page-aligned and its size a multiple of 16).
    pub fn top(&self) -> *mut libc::c_void {
        // SAFETY: one past the end of the mapping, the stack's start.
        unsafe { (self.base as *mut u8).add(self.size) as *mut libc::c_void }
    }
}

impl Drop for ChildStack {
    /// The owner drops it only once no child runs on it.
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`, no longer in use.
        unsafe { libc::munmap(self.base, self.size) };
    }
}

/// A child working beside us: it shares our memory and descriptor table
/// (`CLONE_VM | CLONE_FILES`, but not our working directory) and runs on
/// a stack of its own with the address of its slot (what it is asked,
/// and where it answers). No exit signal: only a wait with `__WCLONE`
/// sees it, and no other wait of ours reaps it. The stack and the slot
/// are freed only once it has gone ([`Beside::reap`], or the drop).
pub struct Beside<T> {
    pid: libc::pid_t,
    /// Unmapped (dropped) once the child has gone.
    stack: Option<ChildStack>,
    /// Boxed: its address is the child's until it has gone.
    slot: Box<T>,
}

impl<T: Sync> Beside<T> {
    /// Start `child` on a stack of `stack` bytes with the address of
    /// `slot` (a `*const T`).
    ///
    /// # Safety
    ///
    /// `child` runs in our memory beside our own code: it may make raw
    /// system calls only (rustix's, which keep no state and set no
    /// `errno`), allocate nothing, take no lock, and drop nothing of ours
    /// (an `OwnedFd`'s drop is glibc's `close`); start it with our signals
    /// blocked, so that no handler of ours runs in it.
    pub unsafe fn start(
        stack: usize,
        slot: T,
        child: extern "C" fn(*mut libc::c_void) -> libc::c_int,
    ) -> io::Result<Beside<T>> {
        let stack = ChildStack::new(stack)?;
        let slot = Box::new(slot);
        // SAFETY: `child` runs on the top of the new stack with the
        // address of `slot`; the returned value owns both and frees them
        // only after waiting for the child (`reap`).
        let pid = unsafe {
            libc::clone(
                child,
                stack.top(),
                libc::CLONE_VM | libc::CLONE_FILES,
                &*slot as *const T as *mut libc::c_void,
            )
        };
        if pid < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Beside {
            pid,
            stack: Some(stack),
            slot,
        })
    }
}

impl<T> Beside<T> {
    /// What the child was given, and its answers.
    pub fn slot(&self) -> &T {
        &self.slot
    }

    /// Wait until the child has gone (at once after the first time).
    pub fn reap(&mut self) {
        if self.stack.is_none() {
            return;
        }
        let mut status = 0;
        loop {
            // SAFETY: waits for our own child, writing its status to a
            // local of ours.
            let r = unsafe { libc::waitpid(self.pid, &mut status, libc::__WCLONE) };
            if r >= 0 || io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                break;
            }
        }
        // The child has gone from its stack and from the slot.
        self.stack = None;
    }
}

impl<T> Drop for Beside<T> {
    fn drop(&mut self) {
        self.reap();
    }
}

/// A child beside us's stack: a few hundred bytes of it are used.
pub const BESIDE_STACK: usize = 64 << 10;
/// A slot's value before the child has answered.
pub const UNSET: i32 = i32::MIN;

/// The descriptor a child beside us left in `slot` (in our shared table,
/// for us alone), taken out of it; `None` for an answer that is none.
pub fn take_fd(slot: &AtomicI32) -> Option<OwnedFd> {
    let fd = slot.swap(UNSET, Ordering::SeqCst);
    // SAFETY: a descriptor the child made for us alone, taken once.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) })
}

/// A descriptor in a child beside us, closed by rustix's raw `close`
/// (never by an `OwnedFd`'s drop, which is glibc's and writes `errno`).
pub struct ChildFd(RawFd);

impl ChildFd {
    pub fn of(fd: OwnedFd) -> ChildFd {
        ChildFd(fd.into_raw_fd())
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        // SAFETY: open until this is dropped.
        unsafe { BorrowedFd::borrow_raw(self.0) }
    }

    /// Handed on (into a slot): no longer closed here.
    pub fn keep(self) -> RawFd {
        let fd = self.0;
        std::mem::forget(self);
        fd
    }
}

impl Drop for ChildFd {
    fn drop(&mut self) {
        // SAFETY: ours alone, closed once.
        unsafe { rustix::io::close(self.0) };
    }
}
