//! A forked child's name in ps: its command line, written over the
//! parent's argument strings (`/proc/PID/cmdline` reads them), and its
//! `comm`.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the process's argument strings lie (`[start, end)`), as the
/// kernel laid them out, one after the other: from the first argument to
/// the end of the last.
static ARGS_START: AtomicUsize = AtomicUsize::new(0);
static ARGS_END: AtomicUsize = AtomicUsize::new(0);

/// glibc calls each `.init_array` function with argc, argv and envp
/// before `main` (Rust's standard library takes its arguments the same
/// way): the strings' place is known without reading /proc/self/stat.
/// (musl passes nothing: there, no place is known and a title is only
/// the `comm`.)
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[link_section = ".init_array"]
static TAKE_ARGS: extern "C" fn(
    libc::c_int,
    *const *const libc::c_char,
    *const *const libc::c_char,
) = take_args;

#[cfg_attr(not(all(target_os = "linux", target_env = "gnu")), allow(dead_code))]
extern "C" fn take_args(
    argc: libc::c_int,
    argv: *const *const libc::c_char,
    _envp: *const *const libc::c_char,
) {
    let Some(last) = usize::try_from(argc).ok().and_then(|n| n.checked_sub(1)) else {
        return;
    };
    if argv.is_null() {
        return;
    }
    // SAFETY: glibc passes the process's own argc and argv: argc pointers
    // to NUL-terminated strings, untouched before `main`.
    let (first, end) = unsafe {
        let first = *argv;
        let last = *argv.add(last);
        if first.is_null() || last.is_null() {
            return;
        }
        (first, last.add(libc::strlen(last) + 1))
    };
    ARGS_START.store(first as usize, Ordering::Relaxed);
    ARGS_END.store(end as usize, Ordering::Relaxed);
}

/// Name a forked child that will not exec as `words` in ps (its command
/// line, written over the parent's arguments as far as they reach, the
/// rest blanked: no argument of the parent stays readable there) and
/// `comm`.
pub fn retitle(words: &[&str], comm: &std::ffi::CStr) {
    let _ = rustix::thread::set_name(comm);
    let (start, end) = (
        ARGS_START.load(Ordering::Relaxed),
        ARGS_END.load(Ordering::Relaxed),
    );
    let Some(len) = end.checked_sub(start).filter(|&l| l > 0 && l < 1 << 20) else {
        return;
    };
    let mut title = vec![0u8; len];
    let text = words.join("\0");
    let n = text.len().min(len - 1);
    title[..n].copy_from_slice(&text.as_bytes()[..n]);
    // SAFETY: [start, end) is the process's own argument strings (above),
    // `len` bytes of writable memory on its initial stack, which no Rust
    // reference points into; only `std::env::args` reads them, and a
    // retitled child does not call it.
    unsafe { std::ptr::copy_nonoverlapping(title.as_ptr(), start as *mut u8, len) };
}
