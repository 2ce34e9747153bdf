//! Files den lays over the image's /etc for a container, besides the
//! network's: /etc/localtime (`--tz`) and /etc/passwd with the entries
//! podman adds (a numeric `--user` the image lacks, `--hostuser`,
//! `--passwd-entry`).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

/// Where the host keeps its time zones.
const ZONEINFO: &str = "/usr/share/zoneinfo";

/// The host's file for `--tz`: `local` is the host's own zone.
pub fn zone_file(tz: &str) -> Result<PathBuf> {
    if tz == "local" {
        return std::fs::canonicalize("/etc/localtime").context(
            "--tz local: this host has no /etc/localtime (give a zone like Europe/Berlin)",
        );
    }
    let valid = !tz.is_empty()
        && !tz.starts_with('/')
        && tz
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    let path = PathBuf::from(ZONEINFO).join(tz);
    if !valid || !path.is_file() {
        bail!("unknown time zone {tz:?}: there is no {} on this host (give local, or a zone like Europe/Berlin)", path.display());
    }
    Ok(path)
}

/// What the container's /etc/passwd gets besides the image's lines.
pub struct PasswdInput<'a> {
    /// The image's /etc/passwd and /etc/group.
    pub passwd: &'a str,
    pub group: &'a str,
    /// The container's user (`--user`, or the image's).
    pub user: &'a str,
    /// The working directory: the home of an added user.
    pub workdir: &'a str,
    /// `--passwd=false`.
    pub disabled: bool,
    /// `--passwd-entry`'s template.
    pub template: Option<&'a str>,
    /// `--hostuser`: the host's passwd lines of those users.
    pub hostusers: &'a [String],
}

/// The lines to append (empty: none), as podman makes them: a host user
/// the image knows neither by name nor uid, then a numeric user the
/// image lacks ("container user", home the working directory).
pub fn passwd_additions(input: &PasswdInput) -> Result<String, String> {
    let known = |field: usize, value: &str| {
        input
            .passwd
            .lines()
            .any(|l| l.split(':').nth(field) == Some(value))
    };
    let entry = |user: &str, uid: &str, gid: &str, name: &str, home: &str| match input.template {
        Some(t) => format!(
            "{}\n",
            t.replace("$USERNAME", user)
                .replace("$UID", uid)
                .replace("$GID", gid)
                .replace("$NAME", name)
                .replace("$HOME", home)
        ),
        None => format!("{user}:*:{uid}:{gid}:{name}:{home}:/bin/sh\n"),
    };
    let mut out = String::new();
    for line in input.hostusers {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() != 7 || known(0, f[0]) || known(2, f[2]) {
            continue;
        }
        out.push_str(&entry(f[0], f[2], f[3], f[4], input.workdir));
    }
    if input.disabled {
        return Ok(out);
    }
    let (user, group) = match input.user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (input.user, None),
    };
    let Ok(uid) = user.parse::<u32>() else {
        return Ok(out);
    };
    if known(2, user) || out.lines().any(|l| l.split(':').nth(2) == Some(user)) {
        return Ok(out);
    }
    let gid = match group.filter(|g| !g.is_empty()) {
        None => 0,
        Some(g) => match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => input
                .group
                .lines()
                .find_map(|l| {
                    let f: Vec<&str> = l.split(':').collect();
                    (f.len() >= 3 && f[0] == g).then(|| f[2].parse().ok())?
                })
                .ok_or_else(|| format!("unable to get gid {g} from the container's /etc/group"))?,
        },
    };
    let id = uid.to_string();
    out.push_str(&entry(
        &id,
        &id,
        &gid.to_string(),
        "container user",
        input.workdir,
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        user: &'a str,
        template: Option<&'a str>,
        hostusers: &'a [String],
    ) -> PasswdInput<'a> {
        PasswdInput {
            passwd: "root:x:0:0:root:/root:/bin/sh\nwww:x:33:33::/var/www:/bin/false\n",
            group: "root:x:0:\nstaff:x:50:\n",
            user,
            workdir: "/srv",
            disabled: false,
            template,
            hostusers,
        }
    }

    #[test]
    fn entries_as_podman_adds_them() {
        assert_eq!(
            passwd_additions(&input("1234", None, &[])).as_deref(),
            Ok("1234:*:1234:0:container user:/srv:/bin/sh\n")
        );
        assert_eq!(
            passwd_additions(&input("1234:staff", None, &[])).as_deref(),
            Ok("1234:*:1234:50:container user:/srv:/bin/sh\n")
        );
        // Known users, and names, get nothing.
        assert_eq!(passwd_additions(&input("33", None, &[])).as_deref(), Ok(""));
        assert_eq!(
            passwd_additions(&input("nobody", None, &[])).as_deref(),
            Ok("")
        );
        // A group the image lacks by name: refused.
        assert!(passwd_additions(&input("7:nogroup", None, &[])).is_err());
        assert_eq!(
            passwd_additions(&input(
                "7",
                Some("$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/bash"),
                &[]
            ))
            .as_deref(),
            Ok("7:x:7:0:container user:/srv:/bin/bash\n")
        );
        let host = [
            "alice:x:1000:1000:Alice:/home/alice:/bin/bash".to_string(),
            "www:x:33:33::/:/bin/sh".to_string(),
        ];
        assert_eq!(
            passwd_additions(&input("", None, &host)).as_deref(),
            Ok("alice:*:1000:1000:Alice:/srv:/bin/sh\n")
        );
    }

    #[test]
    fn zones_stay_under_zoneinfo() {
        for bad in [
            "../../etc/shadow",
            "/etc/passwd",
            "",
            "Europe/../../x",
            "a b",
        ] {
            assert!(zone_file(bad).is_err(), "{bad}");
        }
    }
}
