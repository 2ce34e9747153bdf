//! Moving a running den onto its sealed binary without an exec.
//!
//! A process that will enter a container must not run from a binary a
//! container process could write to (`sealed.rs`). Re-executing den from
//! the sealed binary costs a whole process start (about 1.5 ms: loading,
//! relocating, glibc's start). The same safety is had in place: the
//! sealed binary the pause process holds is den's very file through a
//! read-only mount. [`Moves`] replace each of this process's mappings
//! of den's binary by the same bytes mapped from that mount (pages
//! written since the exec, the relocated data above all, copied over
//! first); they need no privilege, so they are found and checked first,
//! where a failure still leaves the exec to fall back on. [`ExeChange`]
//! then points `/proc/self/exe` at it (`PR_SET_MM_MAP`, allowed to whoever holds
//! `CAP_CHECKPOINT_RESTORE` or `CAP_SYS_ADMIN` in its user namespace:
//! den's own, once joined). The kernel refuses that while any mapping of
//! the old file is left (`EBUSY`), so a process whose exe was changed
//! maps nothing of the writable file.
#![allow(unsafe_code)]

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use anyhow::{bail, Context, Result};
use rustix::fs::{Mode, OFlags};

/// Linux's `struct prctl_mm_map` (include/uapi/linux/prctl.h).
#[repr(C)]
struct MmMap {
    start_code: u64,
    end_code: u64,
    start_data: u64,
    end_data: u64,
    start_brk: u64,
    brk: u64,
    start_stack: u64,
    arg_start: u64,
    arg_end: u64,
    env_start: u64,
    env_end: u64,
    auxv: u64,
    auxv_size: u32,
    exe_fd: u32,
}

/// Whether this kernel has `PR_SET_MM_MAP` (`CONFIG_CHECKPOINT_RESTORE`)
/// with the layout above: asking its size needs no privilege.
pub fn supported() -> bool {
    let mut size: libc::c_uint = 0;
    // SAFETY: PR_SET_MM_MAP_SIZE writes one unsigned int to the address given.
    let r = unsafe {
        libc::prctl(
            libc::PR_SET_MM,
            libc::PR_SET_MM_MAP_SIZE,
            &mut size as *mut libc::c_uint,
            0,
            0,
        )
    };
    r == 0 && size as usize == std::mem::size_of::<MmMap>() && denies_writes_to_exe()
}

/// Whether the kernel keeps the exe file from writes (5.15 on): before,
/// only mappings made by an exec did (`MAP_DENYWRITE`), and the moved
/// ones are not.
fn denies_writes_to_exe() -> bool {
    let uname = rustix::system::uname();
    super::version_numbers(&uname.release().to_string_lossy()).as_slice() >= [5, 15].as_slice()
}

/// One mapping of den's binary, from /proc/self/maps.
struct Vma {
    start: usize,
    end: usize,
    prot: libc::c_int,
    offset: i64,
}

/// Every mapping of den's binary, to be moved onto the same file through
/// another mount ([`plan_moves`], then [`Moves::apply`]). Needs no
/// privilege; an [`ExeChange`] then finishes. On an error the process
/// runs on, partly moved (the same bytes either way).
pub struct Moves {
    file: OwnedFd,
    vmas: Vec<Vma>,
    written: Option<Vec<(usize, usize)>>,
}

/// The moves onto `exe`: den's binary's mappings found, and `exe` checked
/// to be the very file they map (what may fail on an odd host).
pub fn plan_moves(exe: &OwnedFd) -> Result<Moves> {
    let file = reopen(exe)?;
    let maps = std::fs::read_to_string("/proc/self/maps").context("reading /proc/self/maps")?;
    // The binary is the file mapped where this function's code is: the
    // device maps prints is the superblock's, which is not always the one
    // stat gives (btrfs subvolumes, overlayfs).
    let here = plan_moves as *const () as usize;
    let (vmas, inode) =
        mappings_at(&maps, here).context("finding den's binary in /proc/self/maps")?;
    let st = rustix::fs::fstat(&file).context("stat of den's sealed binary")?;
    let ours = rustix::fs::stat("/proc/self/exe").context("stat of den's binary")?;
    if st.st_ino != inode || (st.st_dev, st.st_ino) != (ours.st_dev, ours.st_ino) {
        bail!("den's sealed binary is another file than the one running");
    }
    let written = written_ranges(&file);
    Ok(Moves {
        file,
        vmas,
        written,
    })
}

impl Moves {
    /// Make the moves. No thread but the caller may write to den's
    /// binary's writable mappings meanwhile (`.data`, `.bss`): children
    /// that share our memory and only write their own (`childstack.rs`)
    /// may run.
    pub fn apply(self) -> Result<()> {
        let Moves {
            file,
            vmas,
            written,
        } = self;
        // Nothing may write to a range between its copy and its move.
        let all = nix::sys::signal::SigSet::all();
        let mut old = nix::sys::signal::SigSet::empty();
        nix::sys::signal::sigprocmask(
            nix::sys::signal::SigmaskHow::SIG_SETMASK,
            Some(&all),
            Some(&mut old),
        )
        .context("blocking signals")?;
        let moved = vmas.iter().try_for_each(|vma| {
            let copy = vma.prot & libc::PROT_READ != 0
                && written
                    .as_deref()
                    .is_none_or(|w| w.iter().any(|&(s, e)| s < vma.end && vma.start < e));
            move_vma(vma, &file, copy)
        });
        let _ = nix::sys::signal::sigprocmask(
            nix::sys::signal::SigmaskHow::SIG_SETMASK,
            Some(&old),
            None,
        );
        moved
    }
}

/// An `O_RDONLY` descriptor of what the `O_PATH` descriptor `exe` names.
fn reopen(exe: &OwnedFd) -> Result<OwnedFd> {
    rustix::fs::open(
        format!("/proc/self/fd/{}", exe.as_raw_fd()),
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .context("opening den's sealed binary")
}

/// The mappings, in a /proc/PID/maps text, of the file mapped at
/// address `at`, and its inode number.
fn mappings_at(maps: &str, at: usize) -> Option<(Vec<Vma>, u64)> {
    let lines: Vec<Line> = maps.lines().filter_map(Line::parse).collect();
    let file = lines
        .iter()
        .find(|l| l.vma.start <= at && at < l.vma.end && l.inode != "0")?;
    let (device, inode) = (file.device, file.inode);
    let vmas = lines
        .into_iter()
        .filter(|l| l.device == device && l.inode == inode)
        .map(|l| l.vma)
        .collect();
    Some((vmas, inode.parse().ok()?))
}

/// A line of /proc/PID/maps.
struct Line<'a> {
    vma: Vma,
    device: &'a str,
    inode: &'a str,
}

impl<'a> Line<'a> {
    fn parse(line: &'a str) -> Option<Line<'a>> {
        let mut f = line.split_ascii_whitespace();
        let (range, perms, offset, device, inode) =
            (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        let (a, b) = range.split_once('-')?;
        let p = perms.as_bytes();
        let mut prot = 0;
        for (i, (c, bit)) in [
            (b'r', libc::PROT_READ),
            (b'w', libc::PROT_WRITE),
            (b'x', libc::PROT_EXEC),
        ]
        .into_iter()
        .enumerate()
        {
            if p.get(i) == Some(&c) {
                prot |= bit;
            }
        }
        Some(Line {
            vma: Vma {
                start: usize::from_str_radix(a, 16).ok()?,
                end: usize::from_str_radix(b, 16).ok()?,
                prot,
                offset: i64::from_str_radix(offset, 16).ok()?,
            },
            device,
            inode,
        })
    }
}

/// Where this process may have written into its binary's mappings: its
/// writable segments (`.data`, and the relocated `.data.rel.ro`, read-only
/// since). `None` when the program headers cannot tell: then every
/// readable mapping is copied. `file` is den's binary, whose ELF header is
/// read when no `PT_PHDR` says where the headers are.
fn written_ranges(file: &OwnedFd) -> Option<Vec<(usize, usize)>> {
    // SAFETY: getauxval only reads the auxiliary vector.
    let (phdr, phnum) = unsafe {
        (
            libc::getauxval(libc::AT_PHDR) as usize,
            libc::getauxval(libc::AT_PHNUM) as usize,
        )
    };
    if phdr == 0 || phnum == 0 {
        return None;
    }
    // SAFETY: AT_PHDR and AT_PHNUM describe this program's headers, which
    // the kernel mapped and which stay mapped for the process's life.
    let headers = unsafe { std::slice::from_raw_parts(phdr as *const libc::Elf64_Phdr, phnum) };
    let bias = match headers.iter().find(|h| h.p_type == libc::PT_PHDR) {
        Some(own) => phdr.checked_sub(own.p_vaddr as usize)?,
        // GNU ld writes no PT_PHDR into a static-pie: the file says where
        // the headers are (the ELF header's e_phoff), hence which segment
        // maps them, and at which address.
        None => {
            let mut ehdr = [0u8; 64];
            if rustix::io::pread(file, &mut ehdr, 0).ok()? != ehdr.len() {
                return None;
            }
            bias_from_header(&ehdr, headers, phdr)?
        }
    };
    Some(
        headers
            .iter()
            .filter(|h| {
                (h.p_type == libc::PT_LOAD && h.p_flags & libc::PF_W != 0)
                    || h.p_type == libc::PT_GNU_RELRO
            })
            .map(|h| {
                let start = bias + h.p_vaddr as usize;
                (start, start + h.p_memsz as usize)
            })
            .collect(),
    )
}

/// The load bias of a program whose ELF header is `ehdr` and whose
/// program headers, `headers`, are mapped at `phdr`.
fn bias_from_header(ehdr: &[u8; 64], headers: &[libc::Elf64_Phdr], phdr: usize) -> Option<usize> {
    if ehdr[..4] != *b"\x7fELF" {
        return None;
    }
    let phoff = u64::from_ne_bytes(ehdr[32..40].try_into().ok()?);
    let load = headers.iter().find(|h| {
        h.p_type == libc::PT_LOAD && h.p_offset <= phoff && phoff - h.p_offset < h.p_filesz
    })?;
    phdr.checked_sub((load.p_vaddr + (phoff - load.p_offset)) as usize)
}

/// Replace one mapping by the same range of `file`: mapped elsewhere
/// first (with the old mapping's contents copied in when they may differ
/// from the file's), then moved over the old one in one `mremap`.
fn move_vma(vma: &Vma, file: &OwnedFd, copy: bool) -> Result<()> {
    let len = vma.end - vma.start;
    let prot = if copy {
        libc::PROT_READ | libc::PROT_WRITE
    } else {
        vma.prot
    };
    // SAFETY: a new private mapping at an address the kernel picks: it
    // overlaps nothing of ours.
    let fresh = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            prot,
            // Pages to be written are made at once, not one fault each.
            if copy {
                libc::MAP_PRIVATE | libc::MAP_POPULATE
            } else {
                libc::MAP_PRIVATE
            },
            file.as_fd().as_raw_fd(),
            vma.offset,
        )
    };
    if fresh == libc::MAP_FAILED {
        return Err(std::io::Error::last_os_error()).context("mapping den's sealed binary");
    }
    let undo = |what: &str| {
        let e = std::io::Error::last_os_error();
        // SAFETY: the mapping made above, used by nothing else.
        unsafe { libc::munmap(fresh, len) };
        Err(e).context(format!("{what} a mapping of den's sealed binary"))
    };
    if copy {
        // SAFETY: both ranges are `len` bytes, mapped and readable (the
        // old one, from /proc/self/maps, since this process is
        // single-threaded) or writable (the new one), and apart.
        unsafe { std::ptr::copy_nonoverlapping(vma.start as *const u8, fresh as *mut u8, len) };
        // SAFETY: the mapping made above.
        if unsafe { libc::mprotect(fresh, len, vma.prot) } != 0 {
            return undo("protecting");
        }
    }
    // SAFETY: moves the new mapping over the old one, whose bytes (code
    // included, which may be running this very function) it holds too:
    // the process runs on as before, from the other file.
    let moved = unsafe {
        libc::mremap(
            fresh,
            len,
            len,
            libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
            vma.start as *mut libc::c_void,
        )
    };
    if moved as usize != vma.start {
        return undo("moving");
    }
    Ok(())
}

/// A change of `/proc/self/exe`, read from /proc while it is this
/// process's own (`den exec` applies it after joining a container's
/// namespaces, where /proc/self is not there).
pub struct ExeChange {
    file: OwnedFd,
    map: MmMap,
}

/// Prepare pointing `/proc/self/exe` at `exe` (after [`Moves::apply`]
/// onto it), every other field of the process's memory map as it is now.
pub fn prepare_exe(exe: &OwnedFd) -> Result<ExeChange> {
    let file = reopen(exe)?;
    let stat = std::fs::read_to_string("/proc/self/stat").context("reading /proc/self/stat")?;
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .split_ascii_whitespace()
        .map(|s| s.parse().unwrap_or(0))
        .collect();
    // proc(5) numbers the fields from 1; `fields` starts at the third.
    let field = |n: usize| fields.get(n - 3).copied().unwrap_or(0);
    let map = MmMap {
        start_code: field(26),
        end_code: field(27),
        start_stack: field(28),
        start_data: field(45),
        end_data: field(46),
        start_brk: field(47),
        // The break as it is when the change is made.
        brk: 0,
        arg_start: field(48),
        arg_end: field(49),
        env_start: field(50),
        env_end: field(51),
        auxv: 0,
        auxv_size: 0,
        exe_fd: file.as_raw_fd() as u32,
    };
    if map.start_code == 0 || map.env_end == 0 {
        bail!("/proc/self/stat did not show this process's memory map");
    }
    Ok(ExeChange { file, map })
}

impl ExeChange {
    /// Make the change. Call in a user namespace where this process has
    /// every capability.
    pub fn apply(mut self) -> Result<()> {
        // SAFETY: brk(0) changes nothing and returns the current break.
        self.map.brk = unsafe { libc::syscall(libc::SYS_brk, 0usize) } as u64;
        // SAFETY: PR_SET_MM_MAP reads a `struct prctl_mm_map` of the size given.
        let r = unsafe {
            libc::prctl(
                libc::PR_SET_MM,
                libc::PR_SET_MM_MAP,
                &self.map as *const MmMap,
                std::mem::size_of::<MmMap>(),
                0,
            )
        };
        if r != 0 {
            return Err(std::io::Error::last_os_error())
                .context("pointing /proc/self/exe at den's sealed binary");
        }
        drop(self.file);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_mappings_of_the_file_at_an_address() {
        let maps = "\
55cc2c7af000-55cc2c7c6000 r--p 00000000 00:2d 10012263   /x/den
55cc2c7c6000-55cc2c811000 r-xp 00016000 00:2d 10012263   /x/den
55cc2c811000-55cc2c815000 r--p 00060000 fe:01 10012263   /other/fs
55cc2c815000-55cc2c816000 rw-p 00063000 00:2d 10012263   /x/den
55cc2c816000-55cc2c817000 rw-p 00000000 00:00 0 
7ffd1000-7ffd2000 r-xp 00000000 00:2d 10012264   /x/lib.so
";
        let (vmas, inode) = mappings_at(maps, 0x55cc2c7c6010).expect("found");
        assert_eq!(inode, 10012263);
        let got: Vec<_> = vmas
            .iter()
            .map(|v| (v.start, v.end, v.prot, v.offset))
            .collect();
        assert_eq!(
            got,
            vec![
                (0x55cc2c7af000, 0x55cc2c7c6000, libc::PROT_READ, 0),
                (
                    0x55cc2c7c6000,
                    0x55cc2c811000,
                    libc::PROT_READ | libc::PROT_EXEC,
                    0x16000
                ),
                (
                    0x55cc2c815000,
                    0x55cc2c816000,
                    libc::PROT_READ | libc::PROT_WRITE,
                    0x63000
                ),
            ]
        );
        // Anonymous memory, or nothing, at the address: no file.
        assert!(mappings_at(maps, 0x55cc2c816010).is_none());
        assert!(mappings_at(maps, 0x10).is_none());
    }

    #[test]
    fn finds_this_binary_in_its_own_maps() {
        let maps = std::fs::read_to_string("/proc/self/maps").expect("maps");
        let here = finds_this_binary_in_its_own_maps as *const () as usize;
        let (vmas, inode) = mappings_at(&maps, here).expect("found");
        let exe = rustix::fs::stat("/proc/self/exe").expect("stat");
        assert_eq!(inode, exe.st_ino);
        assert!(vmas.iter().any(|v| v.prot & libc::PROT_EXEC != 0));
    }

    #[test]
    fn finds_the_writable_segments_of_this_test_binary() {
        let exe = rustix::fs::open("/proc/self/exe", OFlags::RDONLY, Mode::empty()).expect("exe");
        let w = written_ranges(&exe).expect("the program headers");
        assert!(!w.is_empty());
        // A static that is written lies in one of them.
        static mut PROBE: u64 = 0;
        let at = std::ptr::addr_of!(PROBE) as usize;
        assert!(w.iter().any(|&(s, e)| s <= at && at < e));
    }

    #[test]
    fn the_bias_from_the_file_is_the_one_from_pt_phdr() {
        // SAFETY: getauxval only reads the auxiliary vector; AT_PHDR and
        // AT_PHNUM describe this program's headers, mapped for its life.
        let headers = unsafe {
            let phdr = libc::getauxval(libc::AT_PHDR) as usize;
            let n = libc::getauxval(libc::AT_PHNUM) as usize;
            std::slice::from_raw_parts(phdr as *const libc::Elf64_Phdr, n)
        };
        let phdr = headers.as_ptr() as usize;
        let mut ehdr = [0u8; 64];
        let exe = std::fs::read("/proc/self/exe").expect("exe");
        ehdr.copy_from_slice(&exe[..64]);
        let bias = bias_from_header(&ehdr, headers, phdr).expect("a bias");
        // With LLD's PT_PHDR (GNU ld's static-pie has none), both agree.
        if let Some(own) = headers.iter().find(|h| h.p_type == libc::PT_PHDR) {
            assert_eq!(bias, phdr - own.p_vaddr as usize);
        }
        // This very function lies in a PT_LOAD at that bias.
        let here = the_bias_from_the_file_is_the_one_from_pt_phdr as *const () as usize;
        assert!(headers.iter().any(|h| h.p_type == libc::PT_LOAD
            && bias + h.p_vaddr as usize <= here
            && here < bias + (h.p_vaddr + h.p_memsz) as usize));
        ehdr[0] = 0;
        assert_eq!(bias_from_header(&ehdr, headers, phdr), None);
    }
}
