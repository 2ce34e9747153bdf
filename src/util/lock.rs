//! Advisory file locks (flock) between concurrent den processes.

use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use rustix::fs::FlockOperation;

/// A held lock; released when dropped (or when the process exits).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Take an exclusive lock on `path`, waiting for other holders.
    pub fn exclusive(path: &Path) -> Result<Lock> {
        Self::take(path, FlockOperation::LockExclusive)
    }

    /// Take an exclusive lock on `path` if no one holds it; `Err` if one
    /// does (or it cannot be opened).
    pub fn try_exclusive(path: &Path) -> Result<Lock> {
        Self::take(path, FlockOperation::NonBlockingLockExclusive)
    }

    /// Take a shared lock on `path`, waiting while an exclusive one is held.
    pub fn shared(path: &Path) -> Result<Lock> {
        Self::take(path, FlockOperation::LockShared)
    }

    fn take(path: &Path, op: FlockOperation) -> Result<Lock> {
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("opening lock file {}", path.display()))?;
        rustix::fs::flock(&file, op).with_context(|| format!("locking {}", path.display()))?;
        Ok(Lock { _file: file })
    }
}
