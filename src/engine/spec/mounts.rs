//! Docker's and podman's spellings of mounts, as spec entries:
//! `-v`/`--volume` (`HOST:CTR[:OPTS]`, `NAME:CTR[:OPTS]`, `CTR`),
//! `--mount type=...,...` and `--tmpfs PATH[:OPTS]`. Compose's short and
//! long volume syntax are the same two forms.

use anyhow::{bail, Context, Result};

pub use crate::container::mounts::MountKind;
use crate::container::mounts::{Mount, PROPAGATIONS};

/// Check mounts as a spec holds them: absolute destinations, each used
/// once, sources where the kind needs one.
pub fn validate(mounts: &[Mount]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for m in mounts {
        if !m.destination.starts_with('/') {
            bail!(
                "the mount destination {:?} must be an absolute path",
                m.destination
            );
        }
        // Where it lands: /etc//hosts and /etc/hosts/ are /etc/hosts.
        let dst = crate::storage::path::clean_absolute(&m.destination);
        if dst == "/" {
            bail!("a mount cannot replace the container's root /");
        }
        if !seen.insert(dst.clone()) {
            bail!("{dst} is a mount destination twice (keep one)");
        }
        if !PROPAGATIONS.contains(&m.propagation.as_str()) {
            bail!(
                "unknown propagation {:?} (use {})",
                m.propagation,
                PROPAGATIONS.join(", ")
            );
        }
        match m.kind {
            MountKind::Bind if !m.source.starts_with('/') => {
                bail!(
                    "the bind mount on {dst} needs an absolute source, not {:?}",
                    m.source
                )
            }
            MountKind::Volume if !m.source.is_empty() => check_volume_name(&m.source)?,
            MountKind::Tmpfs if !m.source.is_empty() => bail!("the tmpfs on {dst} takes no source"),
            _ => {}
        }
        if m.overlay && m.kind != MountKind::Bind {
            bail!("O (overlay) on {dst} is for host directories");
        }
    }
    Ok(())
}

/// A `-v` value. A source starting with `/` or `.` is a host path (a
/// relative one stays relative here: the front-end knows what it is
/// relative to); any other source names a volume; none makes an anonymous
/// volume.
pub fn parse_volume(v: &str) -> Result<Mount> {
    let bad = |why: &str| {
        anyhow::anyhow!("invalid volume {v:?}: {why} (use HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)")
    };
    let parts: Vec<&str> = v.split(':').collect();
    let (source, destination, options) = match parts.as_slice() {
        [dst] => ("", *dst, ""),
        [src, dst] if dst.starts_with('/') => (*src, *dst, ""),
        // `CTR:OPTS`: an anonymous volume with options.
        [dst, opts] => ("", *dst, *opts),
        [src, dst, opts] => (*src, *dst, *opts),
        _ => return Err(bad("too many colons")),
    };
    if destination.is_empty() {
        return Err(bad("no container directory"));
    }
    if !destination.starts_with('/') {
        return Err(bad("the container directory must be absolute"));
    }
    let kind = if source.is_empty() {
        MountKind::Volume
    } else if source.starts_with('/') || source.starts_with('.') {
        MountKind::Bind
    } else {
        check_volume_name(source)?;
        MountKind::Volume
    };
    let mut m = Mount {
        kind,
        source: source.to_string(),
        destination: destination.to_string(),
        ..Mount::default()
    };
    for o in options.split(',').filter(|o| !o.is_empty()) {
        apply_option(&mut m, o).map_err(|e| bad(&format!("{e:#}")))?;
    }
    Ok(m)
}

/// One `-v` option (also the options `--mount` takes by these names).
fn apply_option(m: &mut Mount, o: &str) -> Result<()> {
    match o {
        "ro" | "readonly" => m.read_only = true,
        "rw" => m.read_only = false,
        // SELinux labels: den's hosts have no SELinux policy to relabel for.
        // Docker Desktop's consistency hints mean nothing on Linux: podman
        // drops them too (compose files carry them).
        "z" | "Z" | "cached" | "delegated" | "consistent" => {}
        "U" => m.chown = true,
        "O" => {
            if m.kind != MountKind::Bind {
                bail!("O (overlay) is for host directories");
            }
            m.overlay = true
        }
        "copy" => m.copy_up = true,
        "nocopy" => m.copy_up = false,
        "suid" | "nosuid" => m.suid = Some(o == "suid"),
        "dev" | "nodev" => m.dev = Some(o == "dev"),
        "exec" | "noexec" => m.exec = Some(o == "exec"),
        "bind" => m.recursive = false,
        "rbind" => m.recursive = true,
        p if PROPAGATIONS.contains(&p) => m.propagation = p.to_string(),
        other => bail!(
            "unknown option {other:?} (den knows ro, rw, z, Z, U, O, copy, nocopy, [no]suid, [no]dev, [no]exec, bind, rbind, cached, delegated and {})",
            PROPAGATIONS.join(", ")
        ),
    }
    Ok(())
}

/// Volume names as podman takes them.
pub fn check_volume_name(name: &str) -> Result<()> {
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if !ok {
        bail!("invalid volume name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    Ok(())
}

/// A `--mount` value: `type=bind|volume|tmpfs` and comma-separated keys.
pub fn parse_mount(v: &str) -> Result<Mount> {
    let bad = |why: String| anyhow::anyhow!("invalid --mount {v:?}: {why}");
    let mut kind = None;
    let mut m = Mount::default();
    let mut destination = None;
    let mut rest = Vec::new();
    for field in v.split(',').filter(|f| !f.is_empty()) {
        let (k, val) = match field.split_once('=') {
            Some((k, val)) => (k, Some(val)),
            None => (field, None),
        };
        match (k, val) {
            ("type", Some(t)) => {
                kind = Some(match t {
                    "bind" => MountKind::Bind,
                    "volume" => MountKind::Volume,
                    "tmpfs" => MountKind::Tmpfs,
                    other => {
                        return Err(bad(format!(
                            "unsupported type {other:?} (use bind, volume or tmpfs)"
                        )))
                    }
                })
            }
            ("src" | "source", Some(s)) => m.source = s.to_string(),
            ("dst" | "destination" | "target", Some(d)) => destination = Some(d.to_string()),
            _ => rest.push((k, val)),
        }
    }
    let Some(kind) = kind else {
        return Err(bad(
            "no type= (use type=bind, type=volume or type=tmpfs)".into()
        ));
    };
    m.kind = kind;
    let Some(dst) = destination.filter(|d| !d.is_empty()) else {
        return Err(bad("no destination (add dst=/PATH)".into()));
    };
    if !dst.starts_with('/') {
        return Err(bad(format!("the destination {dst:?} must be absolute")));
    }
    m.destination = dst;
    let flag = |val: Option<&str>| -> Result<bool> {
        match val {
            None | Some("true") | Some("1") => Ok(true),
            Some("false") | Some("0") => Ok(false),
            Some(x) => bail!("{x:?} is not true or false"),
        }
    };
    for (k, val) in rest {
        let r: Result<()> = (|| {
            match (kind, k) {
                (_, "ro" | "readonly") => m.read_only = flag(val)?,
                (_, "rw") => m.read_only = !flag(val)?,
                (MountKind::Bind | MountKind::Volume, "U" | "chown") => m.chown = flag(val)?,
                (MountKind::Bind, "relabel") => {}
                (MountKind::Bind, "bind-propagation") => {
                    let p = val.unwrap_or_default();
                    if !PROPAGATIONS.contains(&p) {
                        bail!(
                            "unknown propagation {p:?} (use {})",
                            PROPAGATIONS.join(", ")
                        );
                    }
                    m.propagation = p.to_string();
                }
                (MountKind::Bind, "bind-nonrecursive") => m.recursive = !flag(val)?,
                (MountKind::Volume, "volume-nocopy" | "nocopy") => m.copy_up = !flag(val)?,
                // Docker Desktop's hint, meaningless on Linux: docker and
                // podman ignore it (compose files and scripts carry it).
                (_, "consistency") => {}
                (MountKind::Tmpfs, "tmpcopyup") => m.copy_up = flag(val)?,
                (MountKind::Tmpfs, "notmpcopyup") => m.copy_up = !flag(val)?,
                (MountKind::Tmpfs, "tmpfs-size" | "size") => {
                    m.size = Some(parse_tmpfs_size(val.unwrap_or_default())?)
                }
                (MountKind::Tmpfs, "tmpfs-mode" | "mode") => {
                    m.mode = Some(parse_mode(val.unwrap_or_default())?)
                }
                (_, o) if val.is_none() => apply_option(&mut m, o)?,
                (k, other) => bail!("unknown option {other:?} for type={}", k.name()),
            }
            Ok(())
        })();
        r.map_err(|e| bad(format!("{e:#}")))?;
    }
    match kind {
        MountKind::Bind if m.source.is_empty() => Err(bad("a bind needs src=HOST-PATH".into())),
        MountKind::Tmpfs if !m.source.is_empty() => Err(bad("a tmpfs takes no source".into())),
        MountKind::Volume if !m.source.is_empty() => {
            check_volume_name(&m.source)?;
            Ok(m)
        }
        _ => Ok(m),
    }
}

/// A `--tmpfs` value: `PATH[:OPTIONS]`, the options as mount(8) writes
/// them (`size=64m,mode=1777,noexec,...`).
pub fn parse_tmpfs(v: &str) -> Result<Mount> {
    let (dst, opts) = v.split_once(':').unwrap_or((v, ""));
    if !dst.starts_with('/') {
        bail!("invalid --tmpfs {v:?}: the path must be absolute");
    }
    let mut m = Mount {
        kind: MountKind::Tmpfs,
        destination: dst.to_string(),
        ..Mount::default()
    };
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        let r: Result<()> = match o.split_once('=') {
            Some(("size", s)) => parse_tmpfs_size(s).map(|n| m.size = Some(n)),
            Some(("mode", s)) => parse_mode(s).map(|n| m.mode = Some(n)),
            Some((k, _)) => Err(anyhow::anyhow!("unknown option {k:?}")),
            None => apply_option(&mut m, o),
        };
        r.with_context(|| {
            format!("invalid --tmpfs {v:?} (use PATH[:size=SIZE,mode=MODE,ro,noexec,...])")
        })?;
    }
    Ok(m)
}

/// A tmpfs size as the kernel takes it: a number of bytes, with `k`, `m`
/// or `g` (binary units), or a percentage of memory.
fn parse_tmpfs_size(s: &str) -> Result<String> {
    let t = s.to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let digits = t.trim_end_matches(['k', 'm', 'g', '%']);
    let suffix = &t[digits.len()..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || suffix.len() > 1 {
        bail!("invalid tmpfs size {s:?} (use bytes, or a number with k, m, g or %)");
    }
    Ok(t.to_string())
}

fn parse_mode(s: &str) -> Result<u32> {
    u32::from_str_radix(s, 8)
        .ok()
        .filter(|m| *m <= 0o7777)
        .with_context(|| format!("invalid mode {s:?} (use octal, like 1777)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_forms() {
        let m = parse_volume("/srv/data:/data:ro,U").expect("bind");
        assert_eq!(
            (
                m.kind,
                m.source.as_str(),
                m.destination.as_str(),
                m.read_only,
                m.chown
            ),
            (MountKind::Bind, "/srv/data", "/data", true, true)
        );
        let m = parse_volume("./rel:/x").expect("relative bind");
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Bind, "./rel"));
        let m = parse_volume("cache:/var/cache:nocopy").expect("named");
        assert_eq!(
            (m.kind, m.source.as_str(), m.copy_up),
            (MountKind::Volume, "cache", false)
        );
        let m = parse_volume("/anon").expect("anonymous");
        assert_eq!((m.kind, m.source.as_str()), (MountKind::Volume, ""));
        let m = parse_volume("/anon:ro").expect("anonymous with options");
        assert!(m.read_only && m.source.is_empty());
        let m = parse_volume("/h:/c:z,rshared,bind,noexec").expect("options");
        assert_eq!(
            (m.propagation.as_str(), m.recursive, m.exec),
            ("rshared", false, Some(false))
        );
        for bad in [
            "",
            "/a:rel",
            "x:/a:bogus",
            "a:b:c:d",
            "-bad:/x",
            "/h:/c:O,U:x",
        ] {
            assert!(parse_volume(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(
            parse_volume("vol:/x:O").is_err(),
            "O is for host directories"
        );
    }

    #[test]
    fn mount_forms() {
        let m =
            parse_mount("type=bind,src=/h,dst=/c,ro=true,bind-propagation=rslave").expect("bind");
        assert_eq!(
            (
                m.kind,
                m.source.as_str(),
                m.destination.as_str(),
                m.read_only,
                m.propagation.as_str()
            ),
            (MountKind::Bind, "/h", "/c", true, "rslave")
        );
        let m = parse_mount("type=volume,target=/v,volume-nocopy").expect("anonymous volume");
        assert_eq!(
            (m.kind, m.source.as_str(), m.copy_up),
            (MountKind::Volume, "", false)
        );
        let m =
            parse_mount("type=tmpfs,destination=/t,tmpfs-size=1m,tmpfs-mode=700").expect("tmpfs");
        assert_eq!((m.size.as_deref(), m.mode), (Some("1m"), Some(0o700)));
        // Docker Desktop's consistency hint is ignored, as docker's and
        // podman's ignore it; tmpcopyup is a tmpfs's.
        let m = parse_mount("type=bind,src=/h,dst=/c,consistency=cached").expect("consistency");
        assert_eq!(m.kind, MountKind::Bind);
        assert!(
            parse_mount("type=tmpfs,dst=/t,tmpcopyup")
                .expect("tmpcopyup")
                .copy_up
        );
        assert!(
            !parse_mount("type=tmpfs,dst=/t,notmpcopyup")
                .expect("no")
                .copy_up
        );
        for bad in [
            "type=bind,src=/h,dst=/c,tmpcopyup",
            "type=bind,dst=/c",
            "src=/h,dst=/c",
            "type=nfs,dst=/c",
            "type=bind,src=/h",
            "type=bind,src=/h,dst=rel",
            "type=tmpfs,dst=/t,src=/x",
            "type=tmpfs,dst=/t,tmpfs-mode=99",
            "type=volume,dst=/v,bind-propagation=shared",
            "type=bind,src=/h,dst=/c,ro=maybe",
        ] {
            assert!(parse_mount(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn tmpfs_forms() {
        let m = parse_tmpfs("/run:size=64m,mode=1777,noexec").expect("tmpfs");
        assert_eq!(
            (
                m.kind,
                m.destination.as_str(),
                m.size.as_deref(),
                m.mode,
                m.exec
            ),
            (
                MountKind::Tmpfs,
                "/run",
                Some("64m"),
                Some(0o1777),
                Some(false)
            )
        );
        assert!(parse_tmpfs("rel").is_err());
        assert!(parse_tmpfs("/t:uid=5").is_err());
        assert!(parse_tmpfs("/t:size=lots").is_err());
        assert!(parse_tmpfs("/t:size=5,rw").is_ok());
    }

    #[test]
    fn destinations_are_compared_where_they_land() {
        let tmpfs = |d: &str| parse_tmpfs(d).expect("tmpfs");
        let twice = validate(&[tmpfs("/etc//hosts"), tmpfs("/etc/hosts/")]);
        let e = twice.expect_err("the same destination twice").to_string();
        assert!(e.contains("/etc/hosts is a mount destination twice"), "{e}");
        let e = validate(&[tmpfs("/etc/..")])
            .expect_err("the root")
            .to_string();
        assert!(e.contains("cannot replace the container's root"), "{e}");
        assert!(validate(&[tmpfs("/a/./b"), tmpfs("/a/c")]).is_ok());
    }
}
