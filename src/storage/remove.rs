//! Removing a directory tree of any depth and width: a layer or a
//! container may hold thousands of nested directories, or hundreds of
//! thousands side by side (a container process can make either in a
//! loop). Removal walks down and back up holding one directory open at a
//! time, with the names on the way down (and a bounded batch of
//! subdirectories still to remove at each level) kept in memory, so
//! neither the descriptor limit, nor PATH_MAX, nor rereading a wide
//! directory once per subdirectory stops it. Directories a layer or a
//! process made unreadable or unwritable are opened up on the way.

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

/// Remove `path` and everything below it; a missing path is not an error.
/// Another den may be removing the same tree meanwhile (a `--rm`
/// container's remover, and `rm` emptying the trash or `system reset`):
/// what vanishes under the walk is skipped, and a walk whose own
/// directory went starts again from the top until the tree is gone.
pub fn remove_tree(path: &Path) -> Result<()> {
    let mut restarts = 0;
    loop {
        match remove(path) {
            Err(e) if e.downcast_ref::<Errno>() == Some(&Errno::NOENT) && restarts < 1000 => {
                restarts += 1;
            }
            r => return r.with_context(|| format!("removing {}", path.display())),
        }
    }
}

fn remove(path: &Path) -> Result<()> {
    let st = match rustix::fs::lstat(path) {
        Ok(st) => st,
        Err(Errno::NOENT) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
        return Ok(rustix::fs::unlink(path)?);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path.file_name().context("a path without a name")?;
    let top = open_dir(rustix::fs::CWD, path)?;
    empty_tree(top)?;
    let parent_fd = open_dir(rustix::fs::CWD, parent.unwrap_or(Path::new(".")))?;
    Ok(rustix::fs::unlinkat(&parent_fd, name, AtFlags::REMOVEDIR)?)
}

/// Delete the discarded directory `dir` (a removed container's, out of
/// the records in the trash): in a child of ours that finishes on its
/// own, where that may be (this process runs one thread, and is no
/// systemd unit's, whose end would kill the child); here otherwise. The
/// caller does not wait the millisecond or more it takes (`run --rm`,
/// `rm`); a remover killed part-way leaves the rest in the trash, which
/// the next `rm` or `container prune` empties.
/// `first` is done where the removal is done, before it (the
/// supervisor's unmount of the rootfs inside `dir`; the exit code kept).
pub fn remove_tree_apart_after(dir: &Path, first: impl FnOnce()) -> Result<()> {
    let here = in_place() || !crate::runtime::spawn::single_threaded();
    if here {
        first();
        return remove_tree(dir);
    }
    // Held before the fork, and by the remover for its life: no moment
    // when another `rm` could take the tree over. Held by another: that
    // remover deletes it.
    let Some(held) = hold(dir, false) else {
        first();
        return Ok(());
    };
    match crate::runtime::spawn::fork() {
        Ok(Some(_)) => Ok(()),
        Err(_) => {
            first();
            remove_tree(dir)
        }
        Ok(None) => {
            // Named first: whoever sees the caller's output end finds it
            // as what it is.
            crate::runtime::title::retitle(&["den", "__remove"], c"den-remove");
            // The caller's output ends without waiting for us; stoppable
            // as any process (a supervisor blocks signals).
            crate::runtime::spawn::leave_caller_keeping(Some(held.as_fd()));
            // Not in the directory it deletes (a supervisor's working
            // directory), nor holding up the unmount of a separate --root
            // (only where `dir` does not depend on where we are).
            if dir.is_absolute() {
                let _ = std::env::set_current_dir("/");
            }
            first();
            // The rest is nobody's wait.
            lower_priority();
            // What a start can use again goes to the pool, not away.
            crate::util::pool::give_back(dir, Some(&held));
            let removed = remove_tree(dir);
            crate::runtime::spawn::exit_child(i32::from(removed.is_err()))
        }
    }
}

/// A remover's priority, once nothing waits for it: nice 10 (never
/// raised, should it be lower already). It then takes little CPU from a
/// start that follows (a script's next `run`, on a machine with few
/// cores), yet keeps about a tenth of a CPU beside a busy process (at
/// 19, some 1.5%: a removal of 0.3 s could take 20). Its autogroup's
/// too, where the kernel groups a session's processes
/// (`kernel.sched_autogroup_enabled`, on by default): a remover has a
/// session of its own, and its nice alone would rank it only there.
fn lower_priority() {
    const NICE: i32 = 10;
    if rustix::process::getpriority_process(None).is_ok_and(|n| n < NICE) {
        let _ = rustix::process::setpriority_process(None, NICE);
    }
    let group = std::fs::read_to_string("/proc/self/autogroup").unwrap_or_default();
    if autogroup_nice(&group).is_some_and(|n| n < NICE) {
        let _ = std::fs::write("/proc/self/autogroup", NICE.to_string());
    }
}

/// The nice value in `/proc/self/autogroup` (`/autogroup-12 nice 0`).
fn autogroup_nice(text: &str) -> Option<i32> {
    text.split_once(" nice ")?.1.trim().parse().ok()
}

/// Set when den's user namespace could be entered only with the user's
/// own id: a removal may then fail (files of subordinate ids), and is done
/// in place, where its failure is reported, not left in the trash.
static IN_PLACE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether removals are done where the caller waits: in place (see
/// `IN_PLACE`), or in a systemd unit, which stops what outlives its main
/// process.
pub fn in_place() -> bool {
    IN_PLACE.load(std::sync::atomic::Ordering::Relaxed)
        || std::env::var_os("INVOCATION_ID").is_some()
}

/// Remove in place from now on (see `IN_PLACE`).
pub fn remove_in_place() {
    IN_PLACE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Hold the trash entry `dir` as its remover: an exclusive lock on it,
/// held until the descriptor returned closes (the remover ends or dies,
/// so a killed remover's rest is free to take). `None` when another
/// remover holds it (or it is gone); with `wait`, waits up to 10 s for
/// that remover to end first (one stopped, or stuck, is not waited out).
pub fn hold(dir: &Path, wait: bool) -> Option<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match rustix::fs::flock(&fd, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Some(fd),
            Err(Errno::WOULDBLOCK) if wait && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}

/// Subdirectory names read ahead per directory, and in all: a wide
/// directory is read once per batch, not once per subdirectory.
const BATCH: usize = 4096;
const PENDING_MAX: usize = 65536;

/// A directory on the way down: its name in its parent (none for the
/// top), the parent's identity (checked on the way back up), and the
/// subdirectories still to remove in it.
struct Level {
    name: Option<OsString>,
    parent: (u64, u64),
    pending: Vec<OsString>,
}

/// Remove everything below the directory `top` (which stays).
fn empty_tree(top: OwnedFd) -> Result<()> {
    let mut levels = vec![Level {
        name: None,
        parent: (0, 0),
        pending: Vec::new(),
    }];
    let mut pending_total = 0usize;
    let mut cur = top;
    loop {
        let level = levels.len() - 1;
        if levels[level].pending.is_empty() {
            let room = BATCH.min(PENDING_MAX.saturating_sub(pending_total)).max(1);
            levels[level].pending = empty_files(&cur, room)?;
            pending_total += levels[level].pending.len();
        }
        match levels[level].pending.pop() {
            Some(sub) => {
                pending_total -= 1;
                let here = id(&cur)?;
                // Gone already: another remover's.
                let Some(child) = open_subdir(&cur, &sub)? else {
                    continue;
                };
                levels.push(Level {
                    name: Some(sub),
                    parent: here,
                    pending: Vec::new(),
                });
                cur = child;
            }
            None => {
                // Empty: remove it from its parent, and go on there.
                let done = levels.pop().context("the walk lost its way")?;
                let Some(name) = done.name else {
                    return Ok(());
                };
                let parent = rustix::fs::openat(
                    &cur,
                    "..",
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                if id(&parent)? != done.parent {
                    bail!("the tree changed while it was removed");
                }
                drop(cur);
                unlink_at(&parent, &name, AtFlags::REMOVEDIR)?;
                cur = parent;
            }
        }
    }
}

/// Remove the non-directories in `dir`; up to `max` of its subdirectories
/// (none: it is empty).
fn empty_files(dir: &OwnedFd, max: usize) -> Result<Vec<OsString>> {
    loop {
        let mut removed = false;
        let mut subdirs = Vec::new();
        let mut reader = rustix::fs::Dir::read_from(dir)?;
        while let Some(entry) = reader.read() {
            let entry = entry?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Unknown => match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
                {
                    Ok(st) => FileType::from_raw_mode(st.st_mode),
                    // Gone already: another remover's.
                    Err(Errno::NOENT) => continue,
                    Err(e) => return Err(e.into()),
                },
                k => k,
            };
            if kind == FileType::Directory {
                subdirs.push(name.to_os_string());
                if subdirs.len() >= max {
                    break;
                }
                continue;
            }
            unlink_at(dir, name, AtFlags::empty())?;
            removed = true;
        }
        // Unlinking while reading may hide entries from the reader: read
        // again until a pass finds a subdirectory or removes nothing.
        if !subdirs.is_empty() || !removed {
            return Ok(subdirs);
        }
    }
}

/// unlinkat, first letting us write to `dir` if its mode does not. An
/// entry already gone (another remover's) is fine.
fn unlink_at(dir: &OwnedFd, name: &OsStr, flags: AtFlags) -> Result<()> {
    let r = match rustix::fs::unlinkat(dir, name, flags) {
        Err(Errno::ACCESS) | Err(Errno::PERM) => {
            open_up(dir)?;
            rustix::fs::unlinkat(dir, name, flags)
        }
        r => r,
    };
    match r {
        Err(Errno::NOENT) => Ok(()),
        r => Ok(r?),
    }
}

/// Open the subdirectory `name` of `dir`, never through a symlink, letting
/// us read and enter it if its mode does not; `None` when it is gone
/// (another remover's).
fn open_subdir(dir: &OwnedFd, name: &OsStr) -> Result<Option<OwnedFd>> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let opened = match rustix::fs::openat(dir, name, flags, Mode::empty()) {
        Err(Errno::ACCESS) => {
            // The entry itself, never a symlink put there meanwhile: its
            // mode changed through the descriptor (/proc/self/fd), which
            // names that directory and nothing else.
            let entry = match rustix::fs::openat(
                dir,
                name,
                OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            ) {
                Err(Errno::NOENT) => return Ok(None),
                r => r?,
            };
            let st = rustix::fs::fstat(&entry)?;
            if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
                bail!("the tree changed while it was removed");
            }
            let mode = Mode::from_raw_mode(st.st_mode & 0o7777) | Mode::RWXU;
            let path = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&entry));
            rustix::fs::chmod(path.as_str(), mode)?;
            rustix::fs::openat(dir, name, flags, Mode::empty())
        }
        r => r,
    };
    match opened {
        Err(Errno::NOENT) => Ok(None),
        r => Ok(Some(r?)),
    }
}

fn open_dir(at: impl std::os::fd::AsFd, path: &Path) -> Result<OwnedFd> {
    Ok(rustix::fs::openat(
        at,
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

fn open_up(dir: &OwnedFd) -> Result<()> {
    let st = rustix::fs::fstat(dir)?;
    let mode = Mode::from_raw_mode(st.st_mode & 0o7777) | Mode::RWXU;
    Ok(rustix::fs::fchmod(dir, mode)?)
}

fn id(dir: &OwnedFd) -> Result<(u64, u64)> {
    let st = rustix::fs::fstat(dir)?;
    Ok((st.st_dev, st.st_ino))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn an_autogroups_nice_value_is_read_from_its_line() {
        assert_eq!(autogroup_nice("/autogroup-290960 nice 0\n"), Some(0));
        assert_eq!(autogroup_nice("/autogroup-7 nice -5\n"), Some(-5));
        assert_eq!(autogroup_nice("/autogroup-7 nice 19"), Some(19));
        assert_eq!(autogroup_nice(""), None);
        assert_eq!(autogroup_nice("/autogroup-7 nice x"), None);
    }

    #[test]
    fn removes_a_tree_deeper_than_the_descriptor_limit_and_path_max() {
        let t = tempfile::tempdir().expect("tmp");
        let top = t.path().join("top");
        std::fs::create_dir(&top).expect("mkdir");
        // 3000 levels: more than 1024 descriptors, and 9000 bytes of path.
        let mut fd = open_dir(rustix::fs::CWD, &top).expect("open");
        for i in 0..3000 {
            rustix::fs::mkdirat(&fd, "dd", Mode::RWXU).expect("mkdir");
            if i % 500 == 0 {
                let f =
                    rustix::fs::openat(&fd, "file", OFlags::CREATE | OFlags::WRONLY, Mode::RUSR)
                        .expect("file");
                drop(f);
                rustix::fs::symlinkat("/etc", &fd, "link").expect("symlink");
            }
            fd = rustix::fs::openat(&fd, "dd", OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
                .expect("open");
        }
        // A directory nobody may read or write, at the bottom.
        rustix::fs::mkdirat(&fd, "locked", Mode::empty()).expect("mkdir");
        drop(fd);
        remove_tree(&top).expect("remove");
        assert!(!top.exists());
        assert!(
            std::path::Path::new("/etc").exists(),
            "a symlink was followed"
        );
        remove_tree(&top).expect("a missing tree is fine");
    }

    #[test]
    fn removes_a_wide_tree_reading_it_once_per_batch() {
        let t = tempfile::tempdir().expect("tmp");
        let top = t.path().join("wide");
        std::fs::create_dir(&top).expect("mkdir");
        let fd = open_dir(rustix::fs::CWD, &top).expect("open");
        for i in 0..20_000 {
            rustix::fs::mkdirat(&fd, format!("d{i}"), Mode::RWXU).expect("mkdir");
        }
        for i in 0..1000 {
            let f = rustix::fs::openat(
                &fd,
                format!("f{i}"),
                OFlags::CREATE | OFlags::WRONLY,
                Mode::RUSR,
            )
            .expect("file");
            drop(f);
        }
        drop(fd);
        remove_tree(&top).expect("remove");
        assert!(!top.exists());
    }

    #[test]
    fn two_removers_of_one_tree_both_finish() {
        let t = tempfile::tempdir().expect("tmp");
        let top = t.path().join("shared");
        for i in 0..200 {
            let d = top.join(format!("d{i}/e/f"));
            std::fs::create_dir_all(&d).expect("mkdir");
            std::fs::write(d.join("x"), b"x").expect("write");
        }
        let other = {
            let top = top.clone();
            std::thread::spawn(move || remove_tree(&top))
        };
        let here = remove_tree(&top);
        let there = other.join().expect("thread");
        here.expect("this remover");
        there.expect("the other remover");
        assert!(!top.exists());
    }

    #[test]
    fn removes_a_plain_file_and_a_directory_without_permissions() {
        let t = tempfile::tempdir().expect("tmp");
        let f = t.path().join("f");
        std::fs::write(&f, b"x").expect("write");
        remove_tree(&f).expect("file");
        assert!(!f.exists());
        let d = t.path().join("d");
        std::fs::create_dir_all(d.join("sub")).expect("mkdir");
        std::fs::write(d.join("sub/x"), b"x").expect("write");
        std::fs::set_permissions(d.join("sub"), std::fs::Permissions::from_mode(0o000))
            .expect("chmod");
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        remove_tree(&d).expect("remove");
        assert!(!d.exists());
    }
}
