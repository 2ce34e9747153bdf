//! File helpers: atomic writes.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// How hard a write tries to survive a power loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync before the rename: the image store, which outlives a reboot.
    Synced,
    /// Rename only: container records, which a reboot ends anyway.
    Unsynced,
}

/// Write `data` to `path` atomically: a temporary file beside it, then rename.
/// Readers see the old content or the new, never half of it.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    write_atomic_with(path, data, Durability::Synced)
}

/// [`write_atomic`] with a chosen durability. Like everything den keeps,
/// the file is the user's alone (0600).
pub fn write_atomic_with(path: &Path, data: &[u8], durability: Durability) -> Result<()> {
    write_atomic_mode(path, data, durability, 0o600)
}

/// Write a file a container reads (its /etc/hosts, resolv.conf, hostname,
/// bound into it, where users other than root read them), mode 0644, in
/// place (a bind mount of it keeps its inode). Others on the host cannot
/// reach it: den's directories are private.
pub fn write_for_container(path: &Path, data: &[u8]) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    // One made ahead where there is (`pool.rs`): the mode is set below.
    super::pool::take_file(path);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o644)
        .open(path)
        .and_then(|mut f| {
            f.set_permissions(std::fs::Permissions::from_mode(0o644))?;
            f.write_all(data)
        });
    written.with_context(|| format!("writing {}", path.display()))
}

/// Create (or truncate) a file of den's own, mode 0600 from the moment it
/// exists.
pub fn create_private(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // One made ahead where there is (`pool.rs`), 0600 as this makes it.
    super::pool::take_file(path);
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// A file of den's own for a while (a secret a build mounts), mode 0600
/// from the moment it exists, under a fresh name in `dir` that carries
/// the process's pid; deleted when this is dropped (a build stopped by
/// Ctrl-C or SIGTERM ends through its error path), and what a killed
/// process left is deleted by the next one that makes such a file.
pub struct Passing(std::path::PathBuf);

impl Passing {
    pub fn new(dir: &Path, data: &[u8]) -> Result<Passing> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        private_dir(dir)?;
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name();
            let Some(pid) = name
                .to_str()
                .and_then(|n| n.strip_prefix(".passing-"))
                .and_then(|n| n.split('-').next())
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let path = dir.join(format!(
            ".passing-{}-{}",
            std::process::id(),
            crate::util::ids::random_hex(16)
        ));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("creating {}", path.display()))?;
        let made = Passing(path);
        f.write_all(data)
            .with_context(|| format!("writing {}", made.0.display()))?;
        Ok(made)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Passing {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Create a directory of den's own (and any missing parents), mode 0700.
pub fn private_dir(path: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// Write a secret (credentials): atomically, synced, mode 0600 from the
/// moment the file exists, in a directory made 0700 if den creates it.
pub fn write_secret(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().context("path has no parent directory")?;
    if !dir.exists() {
        private_dir(dir)?;
    }
    write_atomic_mode(path, data, Durability::Synced, 0o600)
}

fn write_atomic_mode(path: &Path, data: &[u8], durability: Durability, mode: u32) -> Result<()> {
    stage_mode(path, data, durability, mode, "tmp")?.commit()
}

/// New content for a file, written beside it and not yet in its place:
/// [`Staged::commit`] replaces the file with it atomically, as
/// [`write_atomic_with`] does, and dropped uncommitted it is deleted. The
/// writing can so be done before a hot path, which then only renames.
#[must_use]
pub struct Staged {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    durability: Durability,
    done: bool,
}

/// The kind of name [`stage_json`] gives its files.
const STAGED: &str = "staged";

/// What a staged file beside `name` is called: `.NAME.staged-...`
/// ([`stage_json`]), `.NAME.tmp-...` (an atomic write's).
pub fn staged_prefix(name: &str) -> String {
    sibling_prefix(name, STAGED)
}

fn sibling_prefix(name: &str, kind: &str) -> String {
    format!(".{name}.{kind}-")
}

fn stage_mode(
    path: &Path,
    data: &[u8],
    durability: Durability,
    mode: u32,
    kind: &str,
) -> Result<Staged> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().context("path has no parent directory")?;
    let name = path.file_name().context("path has no file name")?;
    let mut staged = Staged {
        tmp: dir.join(sibling_prefix(&name.to_string_lossy(), kind) + &super::ids::random_hex(8)),
        path: path.to_path_buf(),
        durability,
        done: false,
    };
    let written = (|| -> std::io::Result<()> {
        // One made ahead where there is (`pool.rs`), given our mode.
        let mut f = if super::pool::take_file(&staged.tmp) {
            use std::os::unix::fs::PermissionsExt;
            let f = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&staged.tmp)?;
            f.set_permissions(std::fs::Permissions::from_mode(mode))?;
            f
        } else {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&staged.tmp)?
        };
        f.write_all(data)?;
        if durability == Durability::Synced {
            f.sync_data()?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        // Not made (create_new): nothing of someone else's to delete.
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            staged.done = true;
        }
        return Err(e).with_context(|| format!("writing {}", path.display()));
    }
    Ok(staged)
}

impl Staged {
    /// Put the new content in place.
    pub fn commit(mut self) -> Result<()> {
        let (tmp, path) = (&self.tmp, &self.path);
        let result = match self.durability {
            Durability::Synced => std::fs::rename(tmp, path),
            // Unsynced over an existing file: the two exchanged, then the
            // old one unlinked. A plain rename over it makes ext4 write the
            // new file's data out first (its auto_da_alloc, ~0.2 ms here,
            // twice per container start); a power cut may leave such a
            // record empty, which its reader takes as no record.
            Durability::Unsynced => match rustix::fs::renameat_with(
                rustix::fs::CWD,
                tmp,
                rustix::fs::CWD,
                path,
                rustix::fs::RenameFlags::EXCHANGE,
            ) {
                Ok(()) => {
                    let _ = std::fs::remove_file(tmp);
                    Ok(())
                }
                // Nothing there yet, or a filesystem without exchange.
                Err(_) => std::fs::rename(tmp, path),
            },
        };
        // Renamed or exchanged (and the old one removed): nothing is left
        // to delete; failed: the drop deletes ours.
        self.done = result.is_ok();
        result.with_context(|| format!("writing {}", self.path.display()))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Write `value` as pretty JSON, atomically and synced.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    write_json_with(path, value, Durability::Synced)
}

/// Write `value` as pretty JSON, atomically, with a chosen durability.
pub fn write_json_with<T: serde::Serialize>(
    path: &Path,
    value: &T,
    durability: Durability,
) -> Result<()> {
    write_atomic_with(path, &pretty_json(value)?, durability)
}

/// `value` as pretty JSON, with a final newline.
fn pretty_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut data = serde_json::to_vec_pretty(value)?;
    data.push(b'\n');
    Ok(data)
}

/// `value` as pretty JSON, staged to replace `path` (unsynced, the user's
/// alone): see [`Staged`].
pub fn stage_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<Staged> {
    stage_mode(
        path,
        &pretty_json(value)?,
        Durability::Unsynced,
        0o600,
        STAGED,
    )
}

/// Write all of `data` to `fd` (a pipe or pty end), retrying on EINTR and
/// waiting when a non-blocking `fd` is full.
pub fn write_all_fd(fd: impl std::os::fd::AsFd, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        match rustix::io::write(&fd, data) {
            Ok(n) => data = &data[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(rustix::io::Errno::AGAIN) => {
                let mut fds = [rustix::event::PollFd::new(
                    &fd,
                    rustix::event::PollFlags::OUT,
                )];
                let _ = rustix::event::poll(&mut fds, None);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Read a file only if no one but the user could have written it: a
/// regular file (not a symlink) owned by the user, in a directory owned by
/// the user, neither writable by group or others. `None` otherwise (or if
/// it is missing).
pub fn read_private(path: &Path) -> Option<Vec<u8>> {
    use rustix::fs::{Mode, OFlags};
    let uid = rustix::process::getuid().as_raw();
    let safe = |st: &rustix::fs::Stat| st.st_uid == uid && st.st_mode & 0o022 == 0;
    let dir = rustix::fs::stat(path.parent()?).ok()?;
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()?;
    let st = rustix::fs::fstat(&fd).ok()?;
    let regular =
        rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::RegularFile;
    if !(safe(&dir) && safe(&st) && regular) {
        crate::debug!(
            "not trusting {}: someone else could have written it",
            path.display()
        );
        return None;
    }
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::from(fd), &mut data).ok()?;
    Some(data)
}

/// What keeps this user from opening the device `path` (of the kernel
/// module `module`) for reading and writing; `None`: nothing.
pub fn device_problem(path: &str, module: &str) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "there is no {path} (load the {module} module: sudo modprobe {module})"
        )),
        Err(e) => {
            let mode = std::fs::metadata(path)
                .map(|m| m.mode() & 0o777)
                .unwrap_or(0);
            Some(format!(
                "{path} is not accessible to you (mode {mode:04o}: {e}; ask root to run chmod 0666 {path}, as distributions ship it)"
            ))
        }
    }
}

/// Read JSON from `path`; `None` if the file does not exist.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match std::fs::read(path) {
        // What a power cut can leave of an unsynced record: none.
        Ok(data) if data.is_empty() => Ok(None),
        Ok(data) => serde_json::from_slice(&data)
            .map(Some)
            .with_context(|| format!("{} is corrupt", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Point this process's stdout and stderr at `file` (`build --logfile`).
pub fn redirect_stdout_stderr(file: &std::fs::File) -> Result<()> {
    rustix::stdio::dup2_stdout(file).context("redirecting stdout to the log file")?;
    rustix::stdio::dup2_stderr(file).context("redirecting stderr to the log file")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsynced_writes_replace_the_record_and_leave_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomic_with(&path, b"{\"a\":1}", Durability::Unsynced).unwrap();
        write_atomic_with(&path, b"{\"a\":2}", Durability::Unsynced).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"a\":2}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn a_staged_record_is_in_place_only_once_committed_and_gone_if_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let names = || {
            let mut n: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            n.sort();
            n
        };
        write_atomic_with(&path, b"{\"a\":1}", Durability::Unsynced).unwrap();
        let staged = stage_json(&path, &serde_json::json!({"a": 2})).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"a\":1}", "not yet");
        assert_eq!(names().len(), 2, "the staged file beside it");
        staged.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\n  \"a\": 2\n}\n"
        );
        assert_eq!(names(), vec!["state.json"]);
        drop(stage_json(&path, &serde_json::json!({"a": 3})).unwrap());
        assert_eq!(names(), vec!["state.json"], "dropped: deleted");
        assert!(std::fs::read_to_string(&path).unwrap().contains('2'));
        // A directory that has gone: the commit fails, nothing is left.
        let gone = dir.path().join("gone");
        std::fs::create_dir(&gone).unwrap();
        let staged = stage_json(&gone.join("state.json"), &1).unwrap();
        std::fs::remove_dir_all(&gone).unwrap();
        assert!(staged.commit().is_err());
        assert!(!gone.exists());
    }

    #[test]
    fn an_empty_record_reads_as_none_and_garbage_as_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, b"").unwrap();
        assert!(read_json::<serde_json::Value>(&path).unwrap().is_none());
        std::fs::write(&path, b"{").unwrap();
        assert!(read_json::<serde_json::Value>(&path).is_err());
    }
}
