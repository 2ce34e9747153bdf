//! Moving a running den onto its sealed binary without an exec.
//!
//! A process that will enter a container must not run from a binary a
//! container process could write to (`sealed.rs`). Re-executing den from
//! the sealed binary costs a whole process start (about 1.5 ms: loading,
//! relocating, glibc's start). The same safety is had in place: the
//! sealed binary the pause process holds is den's very file through a
//! read-only mount. [`move_mappings`] replaces each of this process's
//! mappings of den's binary by the same bytes mapped from that mount
//! (pages written since the exec, the relocated data above all, copied
//! over first); it needs no privilege, so it runs first, where a failure
//! still leaves the exec to fall back on. [`ExeChange`] then points
//! `/proc/self/exe` at it (`PR_SET_MM_MAP`, allowed to whoever holds
//! `CAP_CHECKPOINT_RESTORE` or `CAP_SYS_ADMIN` in its user namespace:
//! den's own, once joined). The kernel refuses that while any mapping of
//! the old file is left (`EBUSY`), so a process whose exe was changed
//! maps nothing of the writable file.
#![allow(unsafe_code)]

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use anyhow::{bail, Context, Result};
use rustix::fs::{Mode, OFlags};

use super::childstack::{Beside, BESIDE_STACK, UNSET};

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

/// Move every mapping of den's binary onto `exe`: the same file through
/// another mount. Needs no privilege; an [`ExeChange`] then finishes. Call
/// while single-threaded. On an error the process runs on, partly moved
/// (the same bytes either way).
pub fn move_mappings(exe: &OwnedFd) -> Result<()> {
    let (file, moves) = planned_moves(exe)?;
    move_all(&file, &moves)
}

/// The sealed binary `exe` reopened to map from, and the moves
/// [`move_mappings`] makes: each mapping of den's binary, with whether its
/// bytes are copied (they may differ from the file's).
fn planned_moves(exe: &OwnedFd) -> Result<(OwnedFd, Vec<Move>)> {
    let file = reopen(exe)?;
    let maps = std::fs::read_to_string("/proc/self/maps").context("reading /proc/self/maps")?;
    // The binary is the file mapped where this function's code is: the
    // device maps prints is the superblock's, which is not always the one
    // stat gives (btrfs subvolumes, overlayfs).
    let here = move_mappings as *const () as usize;
    let (vmas, inode) =
        mappings_at(&maps, here).context("finding den's binary in /proc/self/maps")?;
    let st = rustix::fs::fstat(&file).context("stat of den's sealed binary")?;
    let ours = rustix::fs::stat("/proc/self/exe").context("stat of den's binary")?;
    if st.st_ino != inode || (st.st_dev, st.st_ino) != (ours.st_dev, ours.st_ino) {
        bail!("den's sealed binary is another file than the one running");
    }
    let written = written_ranges(&file);
    let moves = vmas
        .into_iter()
        .map(|vma| {
            let copy = vma.prot & libc::PROT_READ != 0
                && written
                    .as_deref()
                    .is_none_or(|w| w.iter().any(|&(s, e)| s < vma.end && vma.start < e));
            Move { vma, copy }
        })
        .collect();
    Ok((file, moves))
}

/// Make `moves` from `file`, nothing else running our code meanwhile.
fn move_all(file: &OwnedFd, moves: &[Move]) -> Result<()> {
    // Nothing may write to a range between its copy and its move.
    with_signals_blocked(|| {
        moves
            .iter()
            .try_for_each(|m| move_vma(m, file.as_fd()))
            .map_err(|e| std::io::Error::from_raw_os_error(e.raw_os_error()))
            .context("moving a mapping of den's binary onto its sealed copy")
    })
}

/// `f` with every signal blocked, the mask put back after.
fn with_signals_blocked<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    use nix::sys::signal::{sigprocmask, SigSet, SigmaskHow};
    let mut old = SigSet::empty();
    sigprocmask(
        SigmaskHow::SIG_SETMASK,
        Some(&SigSet::all()),
        Some(&mut old),
    )
    .context("blocking signals")?;
    let done = f();
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
    done
}

/// A move of this process onto den's sealed binary begun beside it
/// ([`begin`]), for a command about to fork a supervisor. Copying the
/// relocated data (read-only since the relocation: 430 kB here) is most
/// of a move's 0.45 ms; a child sharing our memory does it while the
/// command checks and records its container, and [`Moving::finish`]
/// moves the writable data, which our own code writes, itself. The code
/// is left where it is for the forked supervisor to move ([`Remaining`]):
/// moving it here would have this command fault its pages in again.
pub struct Moving {
    /// Dropped first: the child is reaped before `file` closes.
    beside: Beside<MoveJob>,
    /// What the child maps from, open until it has gone.
    file: OwnedFd,
    /// The writable mappings, for [`Moving::finish`].
    rest: Vec<Move>,
    /// The mappings copied from nothing (the code, the read-only data).
    later: Vec<Move>,
}

/// What is left to move once a [`Moving`] is finished, in the supervisor
/// forked after it (which inherits this).
pub struct Remaining(Vec<Move>);

impl Remaining {
    /// Move what is left onto `exe` (the one the [`Moving`] moved onto).
    pub fn move_onto(&self, exe: &OwnedFd) -> Result<()> {
        move_all(&reopen(exe)?, &self.0)
    }
}

/// The child's work and answer (0, or minus an errno; `UNSET` before).
struct MoveJob {
    moves: Vec<Move>,
    fd: std::os::fd::RawFd,
    answer: AtomicI32,
}

/// Start moving onto `exe` (see [`Moving`]). Call while single-threaded.
pub fn begin(exe: &OwnedFd) -> Result<Moving> {
    let (file, moves) = planned_moves(exe)?;
    let (copied, later): (Vec<Move>, Vec<Move>) = moves.into_iter().partition(|m| m.copy);
    let (beside, rest): (Vec<Move>, Vec<Move>) = copied
        .into_iter()
        .partition(|m| m.vma.prot & libc::PROT_WRITE == 0);
    let job = MoveJob {
        moves: beside,
        fd: file.as_raw_fd(),
        answer: AtomicI32::new(UNSET),
    };
    // No handler of ours may run in the child (a Ctrl-C reaches the
    // whole process group): it starts with every signal blocked.
    let beside = with_signals_blocked(|| {
        // SAFETY: `move_child` makes raw system calls only (rustix's) and
        // copies bytes between mappings it made or reads; it allocates
        // and drops nothing. The mappings it replaces are ones no code of
        // ours writes to, each by the same bytes in one `mremap`.
        unsafe { Beside::start(BESIDE_STACK, job, move_child) }
            .context("starting the move onto den's sealed binary")
    })?;
    Ok(Moving {
        beside,
        file,
        rest,
        later,
    })
}

/// The child of [`begin`]: make the moves in the slot at `arg`, answer.
extern "C" fn move_child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the slot `begin` passed, alive until we have gone.
    let job = unsafe { &*(arg as *const MoveJob) };
    // SAFETY: the descriptor `begin` opened, open until we have gone.
    let fd = unsafe { BorrowedFd::borrow_raw(job.fd) };
    let answer = match job.moves.iter().try_for_each(|m| move_vma(m, fd)) {
        Ok(()) => 0,
        Err(e) => -e.raw_os_error(),
    };
    job.answer.store(answer, Ordering::SeqCst);
    0
}

impl Moving {
    /// Wait for the child, then move the writable mappings; what is left
    /// for a forked child to move. Call while single-threaded. On an
    /// error the process runs on, partly moved.
    pub fn finish(mut self) -> Result<Remaining> {
        self.beside.reap();
        match self.beside.slot().answer.load(Ordering::SeqCst) {
            0 => move_all(&self.file, &self.rest).map(|()| Remaining(self.later)),
            UNSET => bail!("the move onto den's sealed binary ended before it answered"),
            e => Err(std::io::Error::from_raw_os_error(-e))
                .context("moving a mapping of den's binary onto its sealed copy"),
        }
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

/// One mapping of den's binary to move, and whether its bytes are copied.
struct Move {
    vma: Vma,
    copy: bool,
}

/// Replace one mapping by the same range of `file`: mapped elsewhere
/// first (with the old mapping's contents copied in when they may differ
/// from the file's), then moved over the old one in one `mremap`. Raw
/// system calls only (rustix's, no `errno`): [`move_child`] runs it.
fn move_vma(m: &Move, file: BorrowedFd<'_>) -> rustix::io::Result<()> {
    use rustix::mm::{MapFlags, MprotectFlags, MremapFlags, ProtFlags};
    let (vma, copy) = (&m.vma, m.copy);
    let len = vma.end - vma.start;
    let prot = ProtFlags::from_bits_retain(vma.prot as u32);
    // SAFETY: a new private mapping at an address the kernel picks: it
    // overlaps nothing of ours. Pages to be written are made at once, not
    // one fault each.
    let fresh = unsafe {
        match copy {
            true => rustix::mm::mmap(
                std::ptr::null_mut(),
                len,
                ProtFlags::READ | ProtFlags::WRITE,
                MapFlags::PRIVATE | MapFlags::POPULATE,
                file,
                vma.offset as u64,
            ),
            false => rustix::mm::mmap(
                std::ptr::null_mut(),
                len,
                prot,
                MapFlags::PRIVATE,
                file,
                vma.offset as u64,
            ),
        }
    }?;
    let undo = |e: rustix::io::Errno| {
        // SAFETY: the mapping made above, used by nothing else.
        let _ = unsafe { rustix::mm::munmap(fresh, len) };
        Err(e)
    };
    if copy {
        // SAFETY: both ranges are `len` bytes, mapped and readable (the
        // old one, from /proc/self/maps, written by no one meanwhile) or
        // writable (the new one), and apart.
        unsafe { std::ptr::copy_nonoverlapping(vma.start as *const u8, fresh as *mut u8, len) };
        // SAFETY: the mapping made above.
        if let Err(e) = unsafe {
            rustix::mm::mprotect(fresh, len, MprotectFlags::from_bits_retain(vma.prot as u32))
        } {
            return undo(e);
        }
    }
    // SAFETY: moves the new mapping over the old one, whose bytes (code
    // included, which may be running this very function) it holds too:
    // the process runs on as before, from the other file.
    let moved = unsafe {
        rustix::mm::mremap_fixed(
            fresh,
            len,
            len,
            MremapFlags::MAYMOVE,
            vma.start as *mut libc::c_void,
        )
    };
    match moved {
        Ok(at) if at as usize == vma.start => Ok(()),
        Ok(_) => undo(rustix::io::Errno::FAULT),
        Err(e) => undo(e),
    }
}

/// A change of `/proc/self/exe`, read from /proc while it is this
/// process's own (`den exec` applies it after joining a container's
/// namespaces, where /proc/self is not there).
pub struct ExeChange {
    file: OwnedFd,
    map: MmMap,
}

/// Prepare pointing `/proc/self/exe` at `exe` (after [`move_mappings`]
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
