//! A container's own user namespace (`--userns=keep-id`, `--uidmap`,
//! `--gidmap`): a child of den's namespace whose ids map onto den's
//! (0 = you, 1.. = your subordinate ids), as podman's rootless maps do.
//!
//! Image files carry den's ids, so such a container gets a private copy of
//! its rootfs with every owner moved to where the container sees it
//! ([`shift_owners`]).

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::idmap::IdRange;

/// The maps of a container's user namespace, in den's ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserMaps {
    pub uid: Vec<IdRange>,
    pub gid: Vec<IdRange>,
    /// `keep-id`: your user inside, with a passwd entry.
    #[serde(default)]
    pub keep_id: Option<KeepId>,
}

/// The user `keep-id` adds to the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepId {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: String,
}

/// The flags that choose a container's user namespace.
pub struct Flags<'a> {
    pub userns: Option<&'a str>,
    pub uidmap: &'a [String],
    pub gidmap: &'a [String],
}

/// The container's maps from the flags; none means den's own namespace.
/// `den_uids`/`den_gids`: how many ids den's namespace has.
pub fn from_flags(f: &Flags, den_uids: u32, den_gids: u32, me: KeepId) -> Result<Option<UserMaps>> {
    let mode = f.userns.unwrap_or("");
    if !f.uidmap.is_empty() || !f.gidmap.is_empty() {
        if !mode.is_empty() {
            bail!("--userns cannot be combined with --uidmap/--gidmap (choose one)");
        }
        let parse = |v: &[String], size: u32, which: &str| -> Result<Vec<IdRange>> {
            let ranges = v
                .iter()
                .flat_map(|s| s.split(','))
                .map(parse_range)
                .collect::<Result<Vec<_>>>()?;
            check(&ranges, size, which)?;
            Ok(ranges)
        };
        // Only one given: the other is the same, as podman does.
        let uid_spec = if f.uidmap.is_empty() {
            f.gidmap
        } else {
            f.uidmap
        };
        let gid_spec = if f.gidmap.is_empty() {
            f.uidmap
        } else {
            f.gidmap
        };
        return Ok(Some(UserMaps {
            uid: parse(uid_spec, den_uids, "--uidmap")?,
            gid: parse(gid_spec, den_gids, "--gidmap")?,
            keep_id: None,
        }));
    }
    let (kind, opts) = mode.split_once(':').unwrap_or((mode, ""));
    match kind {
        "" | "host" => Ok(None),
        "keep-id" => {
            let mut me = me;
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                match o.split_once('=') {
                    Some(("uid", v)) => {
                        me.uid = v
                            .parse()
                            .with_context(|| format!("invalid keep-id uid {v:?}"))?
                    }
                    Some(("gid", v)) => {
                        me.gid = v
                            .parse()
                            .with_context(|| format!("invalid keep-id gid {v:?}"))?
                    }
                    _ => bail!("unknown keep-id option {o:?} (use keep-id, keep-id:uid=N,gid=N)"),
                }
            }
            Ok(Some(UserMaps {
                uid: keep_id_map(me.uid, den_uids),
                gid: keep_id_map(me.gid, den_gids),
                keep_id: Some(me),
            }))
        }
        _ => bail!(
            "unsupported --userns {mode:?} (use host, keep-id[:uid=N,gid=N], or --uidmap/--gidmap)"
        ),
    }
}

/// `C:H:N`: container ids C.. map to den's ids H.. (N of them).
fn parse_range(s: &str) -> Result<IdRange> {
    let f: Vec<&str> = s.split(':').collect();
    let n = |x: &str| x.trim().parse::<u32>().ok();
    match f.as_slice() {
        [c, h, count] => match (n(c), n(h), n(count)) {
            (Some(inside), Some(outside), Some(count)) if count > 0 => Ok(IdRange {
                inside,
                outside,
                count,
            }),
            _ => bail!("invalid id map {s:?} (use CONTAINER_ID:HOST_ID:COUNT with numbers)"),
        },
        _ => bail!("invalid id map {s:?} (use CONTAINER_ID:HOST_ID:COUNT)"),
    }
}

/// Ranges must fit in den's namespace and not overlap on either side.
fn check(ranges: &[IdRange], size: u32, flag: &str) -> Result<()> {
    for (i, r) in ranges.iter().enumerate() {
        let end = r.outside as u64 + r.count as u64;
        if end > size as u64 {
            bail!("{flag} {}:{}:{} goes past the {size} ids you have (ids are den's: 0 is you, 1.. your /etc/subuid range)", r.inside, r.outside, r.count);
        }
        for o in &ranges[..i] {
            let overlap = |a: u32, b: u32| {
                (a as u64) < b as u64 + o.count as u64 && (b as u64) < a as u64 + r.count as u64
            };
            if overlap(r.inside, o.inside) || overlap(r.outside, o.outside) {
                bail!("{flag}: the ranges overlap");
            }
        }
    }
    Ok(())
}

/// podman's keep-id: `id` inside is you (den's 0); 0..id are den's 1..;
/// the rest stay where they are.
fn keep_id_map(id: u32, size: u32) -> Vec<IdRange> {
    let rest = size.saturating_sub(1);
    let mut m = Vec::new();
    let low = id.min(rest);
    if low > 0 {
        m.push(IdRange {
            inside: 0,
            outside: 1,
            count: low,
        });
    }
    m.push(IdRange {
        inside: id,
        outside: 0,
        count: 1,
    });
    if rest > id {
        m.push(IdRange {
            inside: id + 1,
            outside: id + 1,
            count: rest - id,
        });
    }
    m
}

/// Where container id `id` is in den's namespace.
pub fn to_den(map: &[IdRange], id: u32) -> Option<u32> {
    map.iter()
        .find(|r| id >= r.inside && (id - r.inside) < r.count)
        .map(|r| r.outside + (id - r.inside))
}

/// What the container sees of den's id `id`: the inverse of [`to_den`].
/// An id the maps do not reach stays as it is (as [`shift_owners`] leaves
/// the image's ids the container does not map).
pub fn to_container(map: &[IdRange], id: u32) -> u32 {
    map.iter()
        .find(|r| id >= r.outside && (id - r.outside) < r.count)
        .map_or(id, |r| r.inside + (id - r.outside))
}

impl UserMaps {
    /// The container's owner `(uid, gid)` as den's ids; `None` where the
    /// maps do not reach one of them.
    pub fn owner_to_den(&self, uid: u32, gid: u32) -> Option<(u32, u32)> {
        Some((to_den(&self.uid, uid)?, to_den(&self.gid, gid)?))
    }

    /// Where [`shift_owners`] moves an image's owner `(uid, gid)`: den's
    /// ids of it, each id the maps do not reach left as it is.
    pub fn shifted(&self, uid: u32, gid: u32) -> (u32, u32) {
        (
            to_den(&self.uid, uid).unwrap_or(uid),
            to_den(&self.gid, gid).unwrap_or(gid),
        )
    }

    /// Den's owner `(uid, gid)` as the container sees it ([`to_container`]).
    pub fn owner_in_container(&self, uid: u32, gid: u32) -> (u32, u32) {
        (to_container(&self.uid, uid), to_container(&self.gid, gid))
    }
}

/// Move every owner in the (private) rootfs `root` from the image's id X
/// to where the container sees X; ids the container does not map stay.
/// chown clears setuid/setgid bits, so modes are restored after it.
pub fn shift_owners(root: &Path, maps: &UserMaps) -> Result<()> {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            let meta = std::fs::symlink_metadata(&path)?;
            shift_one(&path, &meta, maps)?;
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
    let meta = std::fs::symlink_metadata(root)?;
    shift_one(root, &meta, maps)
}

fn shift_one(path: &Path, meta: &std::fs::Metadata, maps: &UserMaps) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let (uid, gid) = maps.shifted(meta.uid(), meta.gid());
    if (uid, gid) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    rustix::fs::chownat(
        rustix::fs::CWD,
        path,
        Some(rustix::process::Uid::from_raw(uid)),
        Some(rustix::process::Gid::from_raw(gid)),
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
    )
    .with_context(|| format!("changing the owner of {}", path.display()))?;
    if !meta.is_symlink() && meta.mode() & 0o6000 != 0 {
        rustix::fs::chmod(path, rustix::fs::Mode::from_raw_mode(meta.mode() & 0o7777))
            .with_context(|| format!("restoring the mode of {}", path.display()))?;
    }
    Ok(())
}

/// Add `me` to the rootfs's /etc/passwd and /etc/group unless its ids are
/// there, writing inside `root` only (a symlinked /etc/passwd resolves in it).
pub fn add_user(root: &Path, me: &KeepId) -> Result<()> {
    use crate::storage::path::in_root;
    use rustix::fs::{Mode, OFlags};
    let dir = rustix::fs::open(
        root,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let append = |name: &str, id: u32, line: String| -> Result<()> {
        let fd = rustix::fs::openat2(
            &dir,
            name,
            OFlags::RDWR | OFlags::CREATE | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
            in_root(),
        )
        .with_context(|| format!("opening /{name} in the container"))?;
        let mut file = std::fs::File::from(fd);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text)?;
        let taken = text
            .lines()
            .any(|l| l.split(':').nth(2).and_then(|x| x.parse::<u32>().ok()) == Some(id));
        if !taken {
            let sep = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            std::io::Write::write_all(&mut file, format!("{sep}{line}\n").as_bytes())?;
        }
        Ok(())
    };
    let _ = std::fs::create_dir_all(root.join("etc"));
    append(
        "etc/passwd",
        me.uid,
        format!(
            "{}:*:{}:{}:{}:{}:/bin/sh",
            me.name, me.uid, me.gid, me.name, me.home
        ),
    )?;
    append("etc/group", me.gid, format!("{}:x:{}:", me.name, me.gid))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(inside: u32, outside: u32, count: u32) -> IdRange {
        IdRange {
            inside,
            outside,
            count,
        }
    }

    fn me() -> KeepId {
        KeepId {
            name: "me".into(),
            uid: 1000,
            gid: 1000,
            home: "/home/me".into(),
        }
    }

    #[test]
    fn keep_id_puts_you_on_your_own_id() {
        let m = keep_id_map(1000, 65537);
        assert_eq!(m, vec![r(0, 1, 1000), r(1000, 0, 1), r(1001, 1001, 64536)]);
        assert_eq!(to_den(&m, 0), Some(1));
        assert_eq!(to_den(&m, 1000), Some(0));
        assert_eq!(to_den(&m, 2000), Some(2000));
        // A uid beyond the range still gets mapped, the rest below it.
        assert_eq!(
            keep_id_map(200000, 65537),
            vec![r(0, 1, 65536), r(200000, 0, 1)]
        );
    }

    #[test]
    fn flags_parse_and_refuse_what_does_not_fit() {
        let f = |u: &str, uid: &[&str], gid: &[&str]| {
            let uid: Vec<String> = uid.iter().map(|s| s.to_string()).collect();
            let gid: Vec<String> = gid.iter().map(|s| s.to_string()).collect();
            from_flags(
                &Flags {
                    userns: (!u.is_empty()).then_some(u),
                    uidmap: &uid,
                    gidmap: &gid,
                },
                65537,
                65537,
                me(),
            )
        };
        assert_eq!(f("", &[], &[]).expect("ok"), None);
        assert_eq!(f("host", &[], &[]).expect("ok"), None);
        let k = f("keep-id:uid=5,gid=6", &[], &[])
            .expect("ok")
            .expect("maps");
        assert_eq!(k.keep_id.as_ref().map(|k| (k.uid, k.gid)), Some((5, 6)));
        let m = f("", &["0:1:100"], &[]).expect("ok").expect("maps");
        assert_eq!(m.uid, vec![r(0, 1, 100)]);
        assert_eq!(m.gid, m.uid);
        assert!(f("", &["0:1:70000"], &[]).is_err());
        assert!(f("", &["0:1:10,5:20:10"], &[]).is_err());
        assert!(f("", &["a:b:c"], &[]).is_err());
        assert!(f("auto", &[], &[]).is_err());
        assert!(f("keep-id", &["0:1:1"], &[]).is_err());
    }
}
