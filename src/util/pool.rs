//! Inodes kept from removed containers and used again by new ones: a
//! start takes its record's files and directories from `pool/` (a rename)
//! where it would make them, and a remover gives them back instead of
//! deleting them.
//!
//! A container's start makes some fifteen files and directories in den's
//! data directory (its record, its lock, its log and /etc files, its
//! overlay's directories), and its removal frees as many. On ext4 without
//! a journal (the root file system of some cloud and CI machines) a new
//! inode is looked for past every one freed in the last minutes
//! (`recently_deleted`: up to six while its inode table block is dirty),
//! and containers' churn keeps a whole group of them: each new inode then
//! costs about 0.1 ms, where a rename costs a few microseconds. Inodes
//! made ahead by a remover instead (after its deletions) cost the same
//! and ran slower: only inodes never freed cost nothing.
//!
//! What is given back is only what den made and the container never had
//! a way to keep: a removed container's record files (also those bound
//! into it: hosts, resolv.conf...), once no process has them open (a
//! write lease is granted only then), emptied, stripped of extended
//! attributes and made 0600; and its directory, its overlay's work
//! directory and mount point (never its upper layer, the container's
//! own), emptied and made 0700. A taker gets an empty entry of the user's
//! or makes its own. Nothing depends on the pool: empty, full or on a
//! file system where it cannot be used, files are made and deleted as
//! before.

use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use rustix::fs::{FileType, Mode, OFlags, RenameFlags, CWD};
use rustix::io::Errno;

/// Files and directories kept: what two or three starts take.
const FILES: u32 = 32;
const DIRS: u32 = 16;
/// Slots tried before making the entry anew.
const PROBES: u32 = 4;

/// A container's files given back when it is removed (made by den; some
/// bound into the container). Its seccomp filter is a link, not its own.
const RECORD_FILES: [&str; 13] = [
    "config.json",
    "state.json",
    "supervisor.lock",
    "ctr.log",
    "pasta.pid",
    "pasta.log",
    "slirp4netns.log",
    "hosts",
    "resolv.conf",
    "hostname",
    "containerenv",
    "localtime",
    "passwd",
];

/// den's data directory, whose `pool/` this process uses.
static DATA: OnceLock<PathBuf> = OnceLock::new();
/// Set once the pool failed in a way a retry would not mend (another
/// file system, no permission): entries are made anew from then on.
static OFF: AtomicBool = AtomicBool::new(false);

/// Use the pool of den's data directory `data` (the first one named, for
/// the life of the process).
pub fn init(data: &Path) {
    let _ = DATA.set(data.to_path_buf());
}

fn dir() -> Option<PathBuf> {
    DATA.get().map(|d| d.join("pool"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
}

impl Kind {
    fn slot(self, i: u32) -> String {
        match self {
            Kind::File => format!("f{i:02}"),
            Kind::Dir => format!("d{i:02}"),
        }
    }

    fn count(self) -> u32 {
        match self {
            Kind::File => FILES,
            Kind::Dir => DIRS,
        }
    }
}

/// Put an empty file of the pool (the user's, 0600) at `target`, which
/// must not exist yet: a container's record file. False when there is
/// none to take: then the caller makes it.
pub fn take_file(target: &Path) -> bool {
    take(Kind::File, target)
}

/// Put an empty directory of the pool (the user's, 0700) at `target`, as
/// [`take_file`] does a file: a container's directory, or one of its
/// overlay's.
pub fn take_dir(target: &Path) -> bool {
    take(Kind::Dir, target)
}

fn take(kind: Kind, target: &Path) -> bool {
    if OFF.load(Ordering::Relaxed) {
        return false;
    }
    let (Some(pool), Some(data)) = (dir(), DATA.get()) else {
        return false;
    };
    if !in_a_record(target, data) {
        return false;
    }
    take_in(&pool, kind, target)
}

fn take_in(pool: &Path, kind: Kind, target: &Path) -> bool {
    let n = kind.count();
    let start = spread() % n;
    for i in 0..PROBES {
        let from = pool.join(kind.slot((start + i) % n));
        // Checked where it lies, never once taken: the taker may not be
        // alone in `target` (a run's command and its supervisor forked
        // ahead both make the container's directory, and go on in it as
        // soon as either has), so nothing of it is removed afterwards.
        match fits(kind, &from) {
            Some(true) => {}
            Some(false) => {
                let _ = crate::storage::remove::remove_tree(&from);
                continue;
            }
            // That slot is empty: another.
            None => continue,
        }
        match rustix::fs::renameat_with(CWD, &from, CWD, target, RenameFlags::NOREPLACE) {
            Ok(()) => return true,
            // Taken meanwhile by another: another slot.
            Err(Errno::NOENT) => continue,
            // The target is there already: nothing to take.
            Err(Errno::EXIST) => return false,
            Err(_) => {
                OFF.store(true, Ordering::Relaxed);
                return false;
            }
        }
    }
    false
}

/// Whether the pool's entry at `slot` is what the pool holds (an empty
/// file or a directory without subdirectories, the user's); `None` when
/// the slot is empty. Only a remover of den's puts entries there
/// ([`give_back`]), emptied: anything else is removed.
fn fits(kind: Kind, slot: &Path) -> Option<bool> {
    let st = rustix::fs::lstat(slot).ok()?;
    let ft = FileType::from_raw_mode(st.st_mode);
    Some(
        ours(&st)
            && match kind {
                Kind::File => ft == FileType::RegularFile && st.st_size == 0 && st.st_nlink == 1,
                // btrfs counts one link for any directory.
                Kind::Dir => ft == FileType::Directory && st.st_nlink <= 2,
            },
    )
}

/// Whether the user (as this process sees owners) owns what `st` is of.
fn ours(st: &rustix::fs::Stat) -> bool {
    st.st_uid == rustix::process::geteuid().as_raw()
}

/// Whether `target` is a container's directory or a file or directory
/// right in it (`containers/ID[/NAME]`, a relative one from where we
/// are): never what is below (a container's own files in its upper
/// layer), nor anything else of den's or the user's.
fn in_a_record(target: &Path, data: &Path) -> bool {
    let whole;
    let target = if target.is_absolute() {
        target
    } else {
        match std::env::current_dir() {
            Ok(cwd) => {
                whole = cwd.join(target);
                &whole
            }
            Err(_) => return false,
        }
    };
    target
        .strip_prefix(data.join("containers"))
        .is_ok_and(|rest| {
            let n = rest.components().count();
            (1..=2).contains(&n)
                && rest
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
        })
}

/// Where a taker or giver starts among the slots: spread over
/// concurrent ones.
fn spread() -> u32 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    (t.tv_nsec as u32) ^ std::process::id().rotate_left(7)
}

/// Move `path` into a free slot of the pool; false when there is none
/// (then the caller deletes it).
fn give(kind: Kind, pool: &Path, path: &Path) -> bool {
    let n = kind.count();
    let start = spread() % n;
    for i in 0..n {
        let to = pool.join(kind.slot((start + i) % n));
        match rustix::fs::renameat_with(CWD, path, CWD, &to, RenameFlags::NOREPLACE) {
            Ok(()) => return true,
            Err(Errno::EXIST) => continue,
            Err(_) => return false,
        }
    }
    false
}

/// A removed container's directory `cdir` (in the trash, held by its
/// remover with `held`, after its rootfs's unmount): give what may be used
/// again to the pool. What is left is the caller's to delete; `cdir`
/// itself is gone when it was given back.
pub fn give_back(cdir: &Path, held: Option<&OwnedFd>) {
    if OFF.load(Ordering::Relaxed) {
        return;
    }
    if let Some(pool) = dir() {
        give_back_to(&pool, cdir, held);
    }
}

fn give_back_to(pool: &Path, cdir: &Path, held: Option<&OwnedFd>) {
    match rustix::fs::mkdir(pool, Mode::from_raw_mode(0o700)) {
        Ok(()) | Err(Errno::EXIST) => {}
        Err(_) => return,
    }
    for name in RECORD_FILES {
        let path = cdir.join(name);
        if emptied_file(&path).is_some() && !give(Kind::File, pool, &path) {
            // The pool is full.
            return;
        }
    }
    // Its supervisor's lock still there: one still ending holds it open
    // (the rootfs may be mounted yet in its mount namespace, the work
    // directory in use). The directories are then deleted, never given
    // to another container.
    if std::fs::symlink_metadata(cdir.join("supervisor.lock")).is_ok() {
        return;
    }
    // The container's own files (its upper layer and the rest) go, and
    // what the kernel made in the overlay's work directory.
    let work = cdir.join("work");
    for e in std::fs::read_dir(cdir).into_iter().flatten().flatten() {
        let name = e.file_name();
        if name != "work" && name != "merged" {
            let _ = crate::storage::remove::remove_tree(&e.path());
        }
    }
    for e in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let _ = crate::storage::remove::remove_tree(&e.path());
    }
    for name in ["merged", "work"] {
        let path = cdir.join(name);
        if emptied_dir(&path) && !give(Kind::Dir, pool, &path) {
            return;
        }
    }
    // Its remover's lock goes first (a lock stays with the directory):
    // nothing is left in it for another remover to delete.
    if let Some(fd) = held {
        let _ = rustix::fs::flock(fd, rustix::fs::FlockOperation::Unlock);
    }
    if emptied_dir(cdir) {
        give(Kind::Dir, pool, cdir);
    }
}

/// The record file `path`, ready to be used again: the user's, one link,
/// open nowhere else (a write lease is granted only then), emptied,
/// without extended attributes, 0600. `None` when it is not fit.
fn emptied_file(path: &Path) -> Option<()> {
    let flags = OFlags::RDWR | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::empty()).ok()?;
    let st = rustix::fs::fstat(&fd).ok()?;
    if !ours(&st)
        || FileType::from_raw_mode(st.st_mode) != FileType::RegularFile
        || st.st_nlink != 1
    {
        return None;
    }
    alone(&fd)?;
    rustix::fs::ftruncate(&fd, 0).ok()?;
    rustix::fs::fchmod(&fd, Mode::from_raw_mode(0o600)).ok()?;
    let mut names = vec![0u8; 4096];
    let n = rustix::fs::flistxattr(&fd, &mut names).ok()?;
    for name in names[..n].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::ffi::CString::new(name).ok()?;
        rustix::fs::fremovexattr(&fd, name.as_c_str()).ok()?;
    }
    Some(())
}

/// Whether no other descriptor has the file open (`runtime/lease.rs`).
fn alone(fd: &OwnedFd) -> Option<()> {
    crate::runtime::lease::sole_open(fd.as_fd()).then_some(())
}

/// Whether the directory `path` is the user's, without extended
/// attributes and empty (then made 0700).
fn emptied_dir(path: &Path) -> bool {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let Ok(fd) = rustix::fs::open(path, flags, Mode::empty()) else {
        return false;
    };
    let Ok(st) = rustix::fs::fstat(&fd) else {
        return false;
    };
    if !ours(&st) {
        return false;
    }
    let mut names = [0u8; 256];
    if rustix::fs::flistxattr(&fd, &mut names) != Ok(0) {
        return false;
    }
    let empty = std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none());
    empty && rustix::fs::fchmod(&fd, Mode::from_raw_mode(0o700)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn slots_are_named_by_kind_and_number() {
        assert_eq!(Kind::File.slot(3), "f03");
        assert_eq!(Kind::Dir.slot(15), "d15");
    }

    #[test]
    fn only_a_records_own_entries_come_from_the_pool() {
        let data = Path::new("/home/u/.local/share/den");
        let c = data.join("containers");
        assert!(in_a_record(&c.join("abc"), data));
        assert!(in_a_record(&c.join("abc/hosts"), data));
        assert!(in_a_record(&c.join("abc/.config.json.tmp-1234"), data));
        // A container's own files, den's other files, the user's.
        assert!(!in_a_record(&c.join("abc/upper/etc/passwd"), data));
        assert!(!in_a_record(&c, data));
        assert!(!in_a_record(&c.join("abc/../../images.json"), data));
        assert!(!in_a_record(&data.join("volumes/v/_data/f"), data));
        assert!(!in_a_record(Path::new("/home/u/out.tar"), data));
        assert!(!in_a_record(
            Path::new("/home/u/.local/share/denx/containers/a"),
            data
        ));
    }

    #[test]
    fn a_wrong_entry_in_the_pool_is_removed_and_never_taken() {
        let t = tempfile::tempdir().unwrap();
        let slot = t.path().join("f00");
        std::fs::write(&slot, b"left over").unwrap();
        assert_eq!(fits(Kind::File, &slot), Some(false));
        std::fs::write(&slot, b"").unwrap();
        assert_eq!(fits(Kind::File, &slot), Some(true));
        assert_eq!(fits(Kind::Dir, &slot), Some(false));
        std::fs::remove_file(&slot).unwrap();
        assert_eq!(fits(Kind::File, &slot), None);
        // Every slot a taker tries holds a directory with one inside.
        let pool = t.path().join("pool");
        for i in 0..DIRS {
            std::fs::create_dir_all(pool.join(Kind::Dir.slot(i)).join("sub")).unwrap();
        }
        let target = t.path().join("c1");
        assert!(!take_in(&pool, Kind::Dir, &target));
        assert!(!target.exists());
        let left = std::fs::read_dir(&pool).unwrap().count() as u32;
        assert_eq!(left, DIRS - PROBES, "the slots tried are emptied");
    }

    #[test]
    fn a_record_file_is_given_back_empty_private_and_plain() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("hosts");
        std::fs::write(&p, b"10.0.0.1 secret-host\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o4755)).unwrap();
        let _ = xattr_set(&p, "user.mark", b"x");
        assert_eq!(emptied_file(&p), Some(()));
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!(m.len(), 0);
        assert_eq!(m.permissions().mode() & 0o7777, 0o600);
        let mut names = [0u8; 64];
        assert_eq!(rustix::fs::listxattr(&p, &mut names), Ok(0));
    }

    #[test]
    fn a_file_open_elsewhere_or_linked_is_not_given_back() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("ctr.log");
        std::fs::write(&p, b"output").unwrap();
        // A `logs -f` still reading it.
        let reader = std::fs::File::open(&p).unwrap();
        assert_eq!(emptied_file(&p), None);
        assert_eq!(std::fs::read(&p).unwrap(), b"output");
        drop(reader);
        let q = t.path().join("link");
        std::fs::hard_link(&p, &q).unwrap();
        assert_eq!(emptied_file(&p), None);
        std::fs::remove_file(&q).unwrap();
        assert_eq!(emptied_file(&p), Some(()));
    }

    #[test]
    fn a_record_whose_supervisor_still_ends_keeps_its_directories() {
        let t = tempfile::tempdir().unwrap();
        let pool = t.path().join("pool");
        let cdir = t.path().join("trash/c2");
        for d in ["work/work", "merged"] {
            std::fs::create_dir_all(cdir.join(d)).unwrap();
        }
        let lock = cdir.join("supervisor.lock");
        std::fs::write(&lock, b"").unwrap();
        // The supervisor, still ending, has its lock open.
        let supervisor = std::fs::File::open(&lock).unwrap();
        give_back_to(&pool, &cdir, None);
        assert!(cdir.join("work").is_dir() && cdir.join("merged").is_dir());
        assert!(lock.exists());
        drop(supervisor);
        give_back_to(&pool, &cdir, None);
        assert!(!cdir.exists(), "given back once its supervisor ended");
    }

    #[test]
    fn a_directory_is_given_back_only_empty() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("work");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("f"), b"").unwrap();
        assert!(!emptied_dir(&d));
        std::fs::remove_file(d.join("f")).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o711)).unwrap();
        assert!(emptied_dir(&d));
        let m = std::fs::metadata(&d).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o700);
    }

    #[test]
    fn a_removed_record_is_given_back_but_its_upper_layer_is_deleted() {
        let t = tempfile::tempdir().unwrap();
        let cdir = t.path().join("trash/c1");
        for d in ["upper/etc", "work/work", "merged"] {
            std::fs::create_dir_all(cdir.join(d)).unwrap();
        }
        std::fs::write(cdir.join("upper/etc/secret"), b"s").unwrap();
        std::fs::write(cdir.join("config.json"), b"{}").unwrap();
        std::fs::write(cdir.join("hosts"), b"h").unwrap();
        let pool = t.path().join("pool");
        std::fs::create_dir(&pool).unwrap();
        let mut given = 0;
        for name in RECORD_FILES {
            let p = cdir.join(name);
            if emptied_file(&p).is_some() && give(Kind::File, &pool, &p) {
                given += 1;
            }
        }
        assert_eq!(given, 2);
        // work/ holds the kernel's work/work until emptied: not given.
        assert!(!emptied_dir(&cdir.join("work")));
        assert!(emptied_dir(&cdir.join("merged")));
        assert!(give(Kind::Dir, &pool, &cdir.join("merged")));
        let mut names: Vec<String> = std::fs::read_dir(&pool)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3);
        for n in &names {
            let m = std::fs::symlink_metadata(pool.join(n)).unwrap();
            assert!(m.len() == 0 || m.is_dir(), "{n}");
        }
    }

    #[test]
    fn what_another_process_puts_in_a_taken_directory_stays() {
        // A run's supervisor forked ahead and its command both make the
        // container's directory (`supervisor/rootfs.rs`): whichever takes
        // it from the pool, the other goes on in it at once. The window
        // was the microsecond between the rename and a check of what was
        // taken: 5,000 rounds caught it in about one run of three.
        let t = tempfile::tempdir().unwrap();
        let pool = t.path().join("pool");
        std::fs::create_dir(&pool).unwrap();
        for round in 0..1000 {
            let target = t.path().join(format!("c{round}"));
            for i in 0..DIRS {
                let _ = std::fs::create_dir(pool.join(Kind::Dir.slot(i)));
            }
            let spinning = std::sync::Arc::new(std::sync::Barrier::new(2));
            let other = {
                let (target, spinning) = (target.clone(), spinning.clone());
                std::thread::spawn(move || {
                    spinning.wait();
                    loop {
                        match std::fs::create_dir(target.join("merged")) {
                            Ok(()) => return,
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                            Err(e) => panic!("{e}"),
                        }
                    }
                })
            };
            spinning.wait();
            assert!(take_in(&pool, Kind::Dir, &target));
            other.join().unwrap();
            assert!(target.join("merged").is_dir(), "round {round}");
        }
    }

    fn xattr_set(p: &Path, name: &str, value: &[u8]) -> rustix::io::Result<()> {
        let name = std::ffi::CString::new(name).unwrap();
        rustix::fs::setxattr(p, name.as_c_str(), value, rustix::fs::XattrFlags::empty())
    }
}
