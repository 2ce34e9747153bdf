//! A stack of its own for a child that shares our memory (`vfork.rs`,
//! `netns.rs`): a private anonymous mapping with a guard page at its foot,
//! so that an overflow faults instead of writing below it. Only the pages
//! the child touches are ever made.
#![allow(unsafe_code)]

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
