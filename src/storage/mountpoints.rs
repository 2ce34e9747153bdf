//! Mount points made once per image. A container's init mounts on
//! `/proc`, `/sys`, `/dev`, `/etc/hosts`, `/etc/hostname`,
//! `/etc/resolv.conf` and `/run/.containerenv`; where the image lacks
//! them it has to make them, in the container's upper layer, at every
//! start (copying `/etc` up first): 0.7 to 0.9 ms of a `run --rm` of an
//! image without them (issue 18). Made once instead, in a layer of their
//! own laid over the image's (Docker's "init layer", but one per image
//! and set of mount points rather than per container):
//!
//! ```text
//! layers/<top layer>.mounts-<key>/diff/   key: the image's layers and
//!                                         the mount points, hashed
//! ```
//!
//! It holds only what the image lacks, each directory on the way with
//! the image's owner, mode and times (a directory's attributes are the
//! topmost layer's), new ones as the init makes them (root's, 0755; files
//! empty, 0644), so that the container sees what it saw before. Beside
//! its top layer, as a layer's tree is (`diff`, whose modes are the
//! image's: `config/private.rs` leaves them be), and removed with it by
//! `rmi`'s sweep of unused layers ([`top_of`]). Made from a fresh
//! container's rootfs (nothing in its upper layer yet: the image as it
//! is), in a work directory of the store's moved into place whole, so
//! that no start ever uses half of one; never from anything a container
//! wrote.

use std::os::fd::OwnedFd;
use std::path::Path;

use anyhow::{Context, Result};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;
use sha2::{Digest, Sha256};

use super::path::Missing;
use crate::image::store::Store;

/// The mount points every init makes at the rootfs's top (`hosts`: the
/// container has /etc/hosts, which `--no-hosts` leaves the image's).
pub fn wanted(hosts: bool) -> Vec<(&'static str, Missing)> {
    let mut w = vec![
        ("proc", Missing::Dir),
        ("sys", Missing::Dir),
        ("dev", Missing::Dir),
        ("etc/hostname", Missing::File),
        ("etc/resolv.conf", Missing::File),
        ("run/.containerenv", Missing::File),
    ];
    if hosts {
        w.push(("etc/hosts", Missing::File));
    }
    w
}

/// What marks a layer directory's mount points (`<top>.mounts-<key>`).
const MARK: &str = ".mounts-";

/// The layer's directory (relative to the store root), by the image's
/// `layers` (bottom first) and `wanted`.
fn name(store: &Store, layers: &[String], wanted: &[(&str, Missing)]) -> Option<String> {
    let top = store.layer_dir(layers.last()?).ok()?;
    let top = top.strip_prefix(&store.root).ok()?;
    let mut h = Sha256::new();
    for l in layers {
        h.update(l.as_bytes());
        h.update([0]);
    }
    for (p, kind) in wanted {
        h.update(p.as_bytes());
        h.update(if *kind == Missing::Dir {
            b"/\0"
        } else {
            b"\0\0"
        });
    }
    let key = hex::encode(h.finalize());
    Some(format!("{}{MARK}{}", top.display(), &key[..16]))
}

/// The layer for `layers` and `wanted`, if one was made: its tree's path
/// relative to the store root (as overlay's lowerdir takes it).
pub fn find(store: &Store, layers: &[String], wanted: &[(&str, Missing)]) -> Option<String> {
    let tree = format!("{}/diff", name(store, layers, wanted)?);
    store.root.join(&tree).is_dir().then_some(tree)
}

/// The top layer (its directory's name) whose mount points the entry
/// `name` of the layers' directory holds, if it holds any.
pub fn top_of(name: &str) -> Option<&str> {
    name.split_once(MARK).map(|(top, _)| top)
}

/// A directory on the way to a mount point: the image's (its attributes
/// kept) or a new one.
struct Dir {
    rel: String,
    image: Option<Stat>,
}

/// What the layer holds: directories (parents first) and the mount
/// points themselves.
#[derive(Default)]
struct Plan {
    dirs: Vec<Dir>,
    points: Vec<(String, Missing)>,
}

impl Plan {
    fn add_dir(&mut self, rel: &str, image: Option<Stat>) {
        if !self.dirs.iter().any(|d| d.rel == rel) {
            self.dirs.push(Dir {
                rel: rel.to_string(),
                image,
            });
        }
    }
}

/// Look `wanted` up in `root` (the image's tree): what is missing, and
/// the directories on its way. Only real directories are walked through
/// (a symlink on the way leaves the mount point to the init, which
/// resolves it inside the root); anything already there is the image's.
fn plan(root: &OwnedFd, wanted: &[(&str, Missing)]) -> Plan {
    let mut plan = Plan::default();
    'points: for (path, kind) in wanted {
        let comps: Vec<&str> = path.split('/').collect();
        let Some((last, parents)) = comps.split_last() else {
            continue;
        };
        let mut dir = match root.try_clone() {
            Ok(d) => Some(d),
            Err(_) => continue,
        };
        let mut found: Vec<(String, Option<Stat>)> = Vec::new();
        for (i, c) in parents.iter().enumerate() {
            let rel = comps[..=i].join("/");
            let Some(at) = &dir else {
                found.push((rel, None));
                continue;
            };
            // A directory only (a link or anything else: ELOOP, ENOTDIR).
            match rustix::fs::openat(
                at,
                *c,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            ) {
                Ok(fd) => match rustix::fs::fstat(&fd) {
                    Ok(st)
                        if FileType::from_raw_mode(st.st_mode) == FileType::Directory
                            && !has_xattrs(&fd) =>
                    {
                        found.push((rel, Some(st)));
                        dir = Some(fd);
                    }
                    _ => continue 'points,
                },
                Err(Errno::NOENT) => {
                    found.push((rel, None));
                    dir = None;
                }
                Err(_) => continue 'points,
            }
        }
        if let Some(at) = &dir {
            match rustix::fs::statat(at, *last, AtFlags::SYMLINK_NOFOLLOW) {
                Err(Errno::NOENT) => {}
                _ => continue,
            }
        }
        for (rel, st) in found {
            plan.add_dir(&rel, st);
        }
        plan.points.push((path.to_string(), *kind));
    }
    plan
}

/// Whether the directory `fd` has extended attributes (ACLs, `user.`
/// ones): a copy of it would lack them, so what goes into it is left to
/// the init (which copies them up with it). An SELinux label is not one:
/// every directory has it on such hosts, and the layer's, made by den in
/// the same store, is the image's layers' own. One that cannot be listed
/// counts.
fn has_xattrs(fd: &OwnedFd) -> bool {
    let mut buf = [0u8; 1024];
    match rustix::fs::flistxattr(fd, &mut buf) {
        Ok(n) => buf[..n]
            .split(|b| *b == 0)
            .any(|name| !name.is_empty() && name != b"security.selinux"),
        Err(_) => true,
    }
}

/// Make the layer for `layers` and `wanted` from `merged`, a container's
/// rootfs mounted without it, if the container is fresh (nothing in its
/// `upper` layer: `merged` is the image's tree as it is); for the next
/// containers of the image. Call in den's user namespace, where the
/// image's owners are the container's ids.
pub fn make(
    store: &Store,
    layers: &[String],
    wanted: &[(&str, Missing)],
    upper: &Path,
    merged: &Path,
) -> Result<()> {
    let fresh = std::fs::read_dir(upper).is_ok_and(|mut d| d.next().is_none());
    let Some(rel) = name(store, layers, wanted).filter(|_| fresh) else {
        return Ok(());
    };
    let dest = store.root.join(&rel);
    let root = rustix::fs::open(
        merged,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening {}", merged.display()))?;
    let plan = plan(&root, wanted);
    // Made in the store's tmp/ (cleaned up if we die: `Store::clean_tmp`)
    // and moved into place whole; another start's, if first, is kept.
    let work = store.work_dir("mounts")?;
    build(&work.path.join("diff"), &plan)?;
    std::fs::rename(&work.path, &dest)
        .with_context(|| format!("moving {} into place", dest.display()))
}

/// Make the directory `rel` in `top` with `mode` exactly (not the umask's).
fn mkdir_mode(top: &OwnedFd, rel: &str, mode: u32) -> rustix::io::Result<()> {
    rustix::fs::mkdirat(top, rel, Mode::from_raw_mode(mode))?;
    rustix::fs::chmodat(top, rel, Mode::from_raw_mode(mode), AtFlags::empty())
}

fn build(tmp: &Path, plan: &Plan) -> Result<()> {
    std::fs::create_dir(tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let top = rustix::fs::open(
        tmp,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    for d in &plan.dirs {
        let rel = d.rel.as_str();
        match &d.image {
            Some(st) => {
                rustix::fs::mkdirat(&top, rel, Mode::from_raw_mode(0o755))?;
                rustix::fs::chownat(
                    &top,
                    rel,
                    Some(rustix::process::Uid::from_raw(st.st_uid)),
                    Some(rustix::process::Gid::from_raw(st.st_gid)),
                    AtFlags::SYMLINK_NOFOLLOW,
                )
                .with_context(|| format!("giving /{rel} the image's owner"))?;
                // After the chown, which clears set-id bits.
                rustix::fs::chmodat(
                    &top,
                    rel,
                    Mode::from_raw_mode(st.st_mode & 0o7777),
                    AtFlags::empty(),
                )?;
            }
            None => mkdir_mode(&top, rel, 0o755)?,
        }
    }
    for (rel, kind) in &plan.points {
        match kind {
            Missing::Dir => mkdir_mode(&top, rel, 0o755)?,
            Missing::File => {
                let f = rustix::fs::openat(
                    &top,
                    rel.as_str(),
                    OFlags::CREATE
                        | OFlags::EXCL
                        | OFlags::WRONLY
                        | OFlags::NOFOLLOW
                        | OFlags::CLOEXEC,
                    Mode::from_raw_mode(0o644),
                )?;
                rustix::fs::fchmod(&f, Mode::from_raw_mode(0o644))?;
            }
        }
    }
    // Last: making entries in them changed their times.
    for d in &plan.dirs {
        if let Some(st) = &d.image {
            let times = super::copy::times(st);
            rustix::fs::utimensat(&top, d.rel.as_str(), &times, AtFlags::SYMLINK_NOFOLLOW)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::fs::Timestamps;
    use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};

    fn open(p: &Path) -> OwnedFd {
        rustix::fs::open(p, OFlags::PATH | OFlags::DIRECTORY, Mode::empty()).expect("open")
    }

    #[test]
    fn only_what_the_image_lacks_through_real_directories() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let image = tmp.path().join("image");
        std::fs::create_dir_all(image.join("etc")).expect("etc");
        std::fs::create_dir_all(image.join("proc")).expect("proc");
        std::fs::write(image.join("etc/hosts"), "the image's").expect("hosts");
        // A link where a mount point would go: the image's, left alone.
        symlink("/nowhere", image.join("dev")).expect("dev");
        // A link on the way: nothing made through it, nothing outside.
        std::fs::create_dir_all(tmp.path().join("outside")).expect("outside");
        symlink(tmp.path().join("outside"), image.join("run")).expect("run");
        std::fs::set_permissions(image.join("etc"), std::fs::Permissions::from_mode(0o750))
            .expect("chmod");
        // An old time, to the nanosecond: the layer's /etc must keep it.
        let old = rustix::fs::Timespec {
            tv_sec: 978_307_200,
            tv_nsec: 123_456_789,
        };
        rustix::fs::utimensat(
            rustix::fs::CWD,
            image.join("etc"),
            &Timestamps {
                last_access: old,
                last_modification: old,
            },
            AtFlags::empty(),
        )
        .expect("utimensat");
        let plan = plan(&open(&image), &wanted(true));
        let points: Vec<&str> = plan.points.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(points, ["sys", "etc/hostname", "etc/resolv.conf"]);
        let dirs: Vec<(&str, bool)> = plan
            .dirs
            .iter()
            .map(|d| (d.rel.as_str(), d.image.is_some()))
            .collect();
        assert_eq!(dirs, [("etc", true)]);

        let layer = tmp.path().join("layer");
        build(&layer, &plan).expect("build");
        let etc = std::fs::metadata(layer.join("etc")).expect("etc");
        let image_etc = std::fs::metadata(image.join("etc")).expect("image etc");
        assert_eq!(etc.mode() & 0o7777, 0o750, "the image's mode");
        assert_eq!(
            (etc.mtime(), etc.mtime_nsec()),
            (978_307_200, 123_456_789),
            "the image's times"
        );
        assert_eq!(etc.mtime_nsec(), image_etc.mtime_nsec());
        assert_eq!(
            std::fs::read(layer.join("etc/hostname")).expect("hostname"),
            b""
        );
        assert_eq!(
            std::fs::metadata(layer.join("etc/resolv.conf"))
                .expect("resolv")
                .mode()
                & 0o7777,
            0o644
        );
        assert!(layer.join("sys").is_dir());
        assert!(!layer.join("etc/hosts").exists(), "the image has it");
        assert!(!layer.join("run").exists() && !layer.join("dev").exists());
        assert_eq!(
            std::fs::read_dir(tmp.path().join("outside"))
                .expect("outside")
                .count(),
            0,
            "nothing made through the image's link"
        );
    }

    #[test]
    fn a_directory_with_extended_attributes_is_left_to_the_init() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let image = tmp.path().join("image");
        std::fs::create_dir_all(image.join("etc")).expect("etc");
        rustix::fs::setxattr(
            image.join("etc"),
            "user.den-test",
            b"acl-like",
            rustix::fs::XattrFlags::empty(),
        )
        .expect("setxattr (user xattrs on the temporary directory's filesystem)");
        let plan = plan(&open(&image), &wanted(true));
        assert!(
            plan.points.iter().all(|(p, _)| !p.starts_with("etc/")),
            "nothing under /etc"
        );
        assert!(plan.dirs.iter().all(|d| d.rel != "etc"));
        assert!(plan.points.iter().any(|(p, _)| p == "run/.containerenv"));
    }

    #[test]
    fn missing_parents_are_new_directories() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let image = tmp.path().join("image");
        std::fs::create_dir_all(&image).expect("image");
        let plan = plan(&open(&image), &wanted(false));
        let points: Vec<&str> = plan.points.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            points,
            [
                "proc",
                "sys",
                "dev",
                "etc/hostname",
                "etc/resolv.conf",
                "run/.containerenv"
            ]
        );
        let layer = tmp.path().join("layer");
        build(&layer, &plan).expect("build");
        for d in ["etc", "run", "proc"] {
            let m = std::fs::metadata(layer.join(d)).expect("dir");
            assert!(m.is_dir() && m.mode() & 0o7777 == 0o755, "{d}");
        }
        assert!(layer.join("run/.containerenv").is_file());
        assert!(!layer.join("etc/hosts").exists(), "--no-hosts has none");
    }
}
