//! A `hostPath` volume's `type`, as Kubernetes and podman read it: what
//! must be at the path before the pod is made (checked before anything
//! is made), and what play makes there when nothing is (a directory, mode
//! 0755 with its parents, or an empty file, mode 0644, in a directory
//! that is there). What play made stays after `kube down`, as podman
//! leaves it: it is the user's own path.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostPathType {
    /// No type: the path is checked as any bind's source is, at start.
    Unset,
    DirectoryOrCreate,
    Directory,
    FileOrCreate,
    File,
    Socket,
    CharDevice,
    BlockDevice,
}

impl HostPathType {
    pub fn parse(s: &str) -> Option<HostPathType> {
        Some(match s {
            "" => HostPathType::Unset,
            "DirectoryOrCreate" => HostPathType::DirectoryOrCreate,
            "Directory" => HostPathType::Directory,
            "FileOrCreate" => HostPathType::FileOrCreate,
            "File" => HostPathType::File,
            "Socket" => HostPathType::Socket,
            "CharDevice" => HostPathType::CharDevice,
            "BlockDevice" => HostPathType::BlockDevice,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            HostPathType::Unset => "",
            HostPathType::DirectoryOrCreate | HostPathType::Directory => "a directory",
            HostPathType::FileOrCreate | HostPathType::File => "a regular file",
            HostPathType::Socket => "a socket",
            HostPathType::CharDevice => "a character device",
            HostPathType::BlockDevice => "a block device",
        }
    }

    fn matches(self, t: fs::FileType) -> bool {
        match self {
            HostPathType::Unset => true,
            HostPathType::DirectoryOrCreate | HostPathType::Directory => t.is_dir(),
            HostPathType::FileOrCreate | HostPathType::File => t.is_file(),
            HostPathType::Socket => t.is_socket(),
            HostPathType::CharDevice => t.is_char_device(),
            HostPathType::BlockDevice => t.is_block_device(),
        }
    }

    fn creates(self) -> bool {
        matches!(
            self,
            HostPathType::DirectoryOrCreate | HostPathType::FileOrCreate
        )
    }
}

/// One `hostPath` volume of a pod.
#[derive(Debug, Clone)]
pub struct HostPath {
    pub volume: String,
    pub path: PathBuf,
    pub kind: HostPathType,
}

impl HostPath {
    fn what(&self, pod: &str) -> String {
        format!(
            "pod {pod}: volume {}: hostPath {}",
            self.volume,
            self.path.display()
        )
    }
}

/// Whether what is at each path (links followed, as the bind follows
/// them) is what its type asks for; a type that creates may find nothing.
pub fn check(pod: &str, paths: &[HostPath]) -> Result<()> {
    verify(pod, paths, true)
}

fn verify(pod: &str, paths: &[HostPath], before_make: bool) -> Result<()> {
    for h in paths.iter().filter(|h| h.kind != HostPathType::Unset) {
        match fs::metadata(&h.path) {
            Ok(m) if h.kind.matches(m.file_type()) => {}
            Ok(_) => bail!(
                "{}: is not {} (type {:?}): change the type or the path",
                h.what(pod),
                h.kind.name(),
                h.kind
            ),
            Err(e) if e.kind() == ErrorKind::NotFound && before_make && h.kind.creates() => {}
            Err(e) => bail!(
                "{}: {e} (type {:?} needs {} there)",
                h.what(pod),
                h.kind,
                h.kind.name()
            ),
        }
    }
    Ok(())
}

/// Make what the `...OrCreate` types make where nothing is.
pub fn make(pod: &str, paths: &[HostPath]) -> Result<()> {
    for h in paths {
        match h.kind {
            HostPathType::DirectoryOrCreate => fs::DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(&h.path)
                .with_context(|| format!("{}: making the directory", h.what(pod)))?,
            HostPathType::FileOrCreate => {
                match fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o644)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(&h.path)
                {
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                    Err(e) => {
                        return Err(e).with_context(|| format!("{}: making the file", h.what(pod)))
                    }
                }
            }
            _ => {}
        }
    }
    // A dangling link there is followed by the bind, so it is no file.
    verify(pod, paths, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: PathBuf, kind: HostPathType) -> Vec<HostPath> {
        vec![HostPath {
            volume: "v".into(),
            path,
            kind,
        }]
    }

    #[test]
    fn types_are_checked_and_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().join("a/b");
        let f = dir.path().join("f");
        check("p", &at(d.clone(), HostPathType::DirectoryOrCreate)).expect("may be made");
        let e = check("p", &at(d.clone(), HostPathType::Directory)).expect_err("missing");
        assert!(e.to_string().contains("needs a directory"), "{e}");
        make("p", &at(d.clone(), HostPathType::DirectoryOrCreate)).expect("made");
        assert!(d.is_dir());
        make("p", &at(f.clone(), HostPathType::FileOrCreate)).expect("made");
        assert!(f.is_file());
        check("p", &at(f.clone(), HostPathType::File)).expect("a file");
        let e = check("p", &at(f.clone(), HostPathType::Directory)).expect_err("not a dir");
        assert!(e.to_string().contains("is not a directory"), "{e}");
        let e = check("p", &at(d.clone(), HostPathType::FileOrCreate)).expect_err("a dir");
        assert!(e.to_string().contains("is not a regular file"), "{e}");
        let e = check("p", &at(f, HostPathType::Socket)).expect_err("not a socket");
        assert!(e.to_string().contains("is not a socket"), "{e}");
        check("p", &at(dir.path().join("none"), HostPathType::Unset)).expect("unchecked");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("gone"), &link).expect("link");
        let e = make("p", &at(link, HostPathType::FileOrCreate)).expect_err("dangling");
        assert!(e.to_string().contains("needs a regular file"), "{e}");
        assert!(HostPathType::parse("Dir").is_none());
    }
}
