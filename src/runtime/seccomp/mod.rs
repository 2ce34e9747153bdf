//! Seccomp: profiles are compiled when a container is created (see
//! [`profile`]) and the resulting BPF program is stored beside its config;
//! [`load`] installs it in the container's init and in every `den exec`
//! just before the command runs.
#![allow(unsafe_code)]

mod bpf;
pub mod profile;
mod ranges;
#[cfg(test)]
mod ranges_tests;

pub use profile::{compile, Scope, DEFAULT_PROFILE};

use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::util::fs::{write_atomic_with, Durability};

/// Changed whenever [`compile`]'s output for the same profile changes
/// (options, ordering), so that no program an older den cached is used.
const COMPILER_REVISION: &str = "optimize-2, x32 when run, ranges";

/// The file in a container's directory that holds its compiled filter.
pub const FILTER_FILE: &str = "seccomp.bpf";

/// The compiled filter for a container with security settings `sec`, or
/// none when it runs unconfined. Compiling the default profile takes
/// libseccomp several milliseconds, so programs are kept in `cache`, by the
/// hash of everything they depend on. A cached program is used only if
/// den could have written it: a file of the user's in a directory of the
/// user's, neither writable by others; anything else is compiled anew.
pub fn filter_for(sec: &super::security::Security, cache: &Path) -> Result<Option<Vec<u8>>> {
    let Some(profile) = &sec.seccomp else {
        return Ok(None);
    };
    let json: std::borrow::Cow<str> = if profile == "default" {
        DEFAULT_PROFILE.into()
    } else {
        std::fs::read_to_string(profile)
            .with_context(|| format!("cannot read the seccomp profile {profile}"))?
            .into()
    };
    let uname = rustix::system::uname();
    let kernel = uname.release().to_string_lossy();
    let version = library_version();
    let x32_on = x32_enabled();
    let x32 = if x32_on { "x32" } else { "no x32" };
    let mut h = Sha256::new();
    for part in [
        // Another den may compile the same profile otherwise.
        env!("CARGO_PKG_VERSION"),
        COMPILER_REVISION,
        json.as_ref(),
        &sec.caps.join(","),
        &kernel,
        &version,
        std::env::consts::ARCH,
        x32,
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let cached = cache.join(format!("{}.bpf", hex::encode(h.finalize())));
    if let Some(bpf) = crate::util::fs::read_private(&cached) {
        return Ok(Some(bpf));
    }
    let scope = Scope {
        caps: &sec.caps,
        kernel: &kernel,
        x32: x32_on,
    };
    let bpf = compile(&json, &scope).with_context(|| {
        format!("invalid seccomp profile {profile} (give a profile in podman's JSON format)")
    })?;
    // A cache that cannot be written only costs time.
    let _ = crate::util::fs::private_dir(cache)
        .and_then(|_| write_atomic_with(&cached, &bpf, Durability::Unsynced));
    Ok(Some(bpf))
}

/// Whether this kernel runs x32 system calls (x86-64 only; elsewhere the
/// question does not arise). Asked with one: an x32 `getpid`, which a
/// kernel without x32 answers with ENOSYS. Under a seccomp filter of
/// someone else's (den in a container) the call could kill us: then
/// assumed, and the x32 part kept.
fn x32_enabled() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        const X32_SYSCALL_BIT: libc::c_long = 0x4000_0000;
        // SAFETY: PR_GET_SECCOMP reads this thread's mode: 0 for none.
        if unsafe { libc::prctl(libc::PR_GET_SECCOMP) } != 0 {
            return true;
        }
        // SAFETY: getpid takes no arguments and changes nothing; the x32
        // bit only selects the x32 entry (or ENOSYS without one).
        let r = unsafe { libc::syscall(X32_SYSCALL_BIT | libc::SYS_getpid) };
        r > 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ENOSYS)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        true
    }
}

/// The libseccomp version in use, like `2.5.4` (empty if it cannot say).
pub fn library_version() -> String {
    libseccomp::ScmpVersion::current()
        .map(|v| format!("{}.{}.{}", v.major, v.minor, v.micro))
        .unwrap_or_default()
}

/// Install the BPF program `bpf` (as libseccomp exports it: 8-byte
/// `sock_filter` instructions in native byte order) as this thread's
/// seccomp filter. Needs no-new-privileges or CAP_SYS_ADMIN in the
/// current user namespace.
pub fn load(bpf: &[u8]) -> Result<(), String> {
    let insns: Vec<libc::sock_filter> = bpf::decode(bpf)
        .filter(|p| p.len() <= u16::MAX as usize)
        .ok_or_else(|| format!("the seccomp program has a bad size ({} bytes)", bpf.len()))?
        .into_iter()
        .map(|i| libc::sock_filter {
            code: i.code,
            jt: i.jt,
            jf: i.jf,
            k: i.k,
        })
        .collect();
    let prog = libc::sock_fprog {
        len: insns.len() as u16,
        filter: insns.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: PR_SET_SECCOMP with SECCOMP_MODE_FILTER reads the sock_fprog
    // we pass, whose `filter` points at `insns`, alive for this call; the
    // kernel copies the program and keeps no pointer to our memory.
    let rc = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &prog as *const libc::sock_fprog,
        )
    };
    if rc != 0 {
        return Err(format!(
            "loading the seccomp filter: {}",
            std::io::Error::last_os_error()
        ));
    }
    Ok(())
}
