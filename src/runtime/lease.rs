//! Whether a file is open anywhere else: a write lease (`F_SETLEASE`),
//! which the kernel grants only to the sole holder of an inode's open
//! descriptors, taken and given back at once. Neither nix nor rustix
//! wraps it.
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, BorrowedFd};

/// True when `fd` (open for writing, on a file of the caller's) is the
/// only open descriptor of its file. False when another is, or the file
/// system or the kernel's settings grant no leases.
pub fn sole_open(fd: BorrowedFd<'_>) -> bool {
    let raw = fd.as_raw_fd();
    // SAFETY: fcntl on a descriptor we borrow, with integer arguments
    // only; nothing is read or written through pointers.
    let leased = unsafe { libc::fcntl(raw, libc::F_SETLEASE, libc::F_WRLCK) } == 0;
    if leased {
        // SAFETY: as above; gives the lease just taken back.
        unsafe { libc::fcntl(raw, libc::F_SETLEASE, libc::F_UNLCK) };
    }
    leased
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsFd;

    #[test]
    fn a_file_open_once_is_sole_and_one_open_twice_is_not() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("f");
        std::fs::write(&p, b"x").unwrap();
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&p)
            .unwrap();
        assert!(sole_open(f.as_fd()));
        let other = std::fs::File::open(&p).unwrap();
        assert!(!sole_open(f.as_fd()));
        drop(other);
        assert!(sole_open(f.as_fd()));
    }
}
