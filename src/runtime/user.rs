//! Resolving `--user` / the image's User against the container's own
//! /etc/passwd and /etc/group, as runc does.

/// The ids a container process runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    /// Supplementary groups from /etc/group.
    pub groups: Vec<u32>,
    pub home: String,
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 6).then_some(())?;
        Some(PasswdEntry {
            name: f[0],
            uid: f[2].parse().ok()?,
            gid: f[3].parse().ok()?,
            home: f[5],
        })
    })
}

fn group_entries(text: &str) -> impl Iterator<Item = (&str, u32, Vec<&str>)> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 3).then_some(())?;
        let members = f
            .get(3)
            .map(|m| m.split(',').filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        Some((f[0], f[2].parse().ok()?, members))
    })
}

/// Resolve `spec` (`user`, `uid`, `user:group`, `uid:gid`; empty is root).
pub fn resolve(spec: &str, passwd: &str, group: &str) -> Result<ExecUser, String> {
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let entry = match user_part.parse::<u32>() {
        Ok(uid) => passwd_entries(passwd).find(|e| e.uid == uid),
        Err(_) => Some(
            passwd_entries(passwd)
                .find(|e| e.name == user_part)
                .ok_or_else(|| format!("unable to find user {user_part}: no matching entries in the container's /etc/passwd"))?,
        ),
    };
    let uid = match user_part.parse::<u32>() {
        Ok(u) => u,
        Err(_) => entry.as_ref().map_or(0, |e| e.uid),
    };
    let mut gid = entry.as_ref().map_or(0, |e| e.gid);
    let home = entry
        .as_ref()
        .map_or("/".to_string(), |e| e.home.to_string());
    if let Some(g) = group_part.filter(|g| !g.is_empty()) {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => group_entries(group)
                .find(|(name, _, _)| *name == g)
                .map(|(_, id, _)| id)
                .ok_or_else(|| format!("unable to find group {g}: no matching entries in the container's /etc/group"))?,
        };
    }
    let mut groups = Vec::new();
    if group_part.is_none() {
        if let Some(e) = &entry {
            for (_, id, members) in group_entries(group) {
                if members.contains(&e.name) && id != gid && !groups.contains(&id) {
                    groups.push(id);
                }
            }
        }
    }
    Ok(ExecUser {
        uid,
        gid,
        groups,
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str =
        "root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000::/home/tester:/bin/sh\n";
    const GROUP: &str = "root:x:0:\nwheel:x:10:tester\ntester:x:1000:\n";

    #[test]
    fn names_numbers_and_groups() {
        let u = resolve("", PASSWD, GROUP).expect("root");
        assert_eq!((u.uid, u.gid, u.home.as_str()), (0, 0, "/root"));
        let u = resolve("tester", PASSWD, GROUP).expect("tester");
        assert_eq!((u.uid, u.gid, u.groups.clone()), (1000, 1000, vec![10]));
        let u = resolve("1000:wheel", PASSWD, GROUP).expect("1000:wheel");
        assert_eq!((u.uid, u.gid), (1000, 10));
        let u = resolve("4242", PASSWD, GROUP).expect("unknown uid");
        assert_eq!((u.uid, u.gid, u.home.as_str()), (4242, 0, "/"));
        assert!(resolve("nobody", PASSWD, GROUP).is_err());
        assert!(resolve("0:nogroup", PASSWD, GROUP).is_err());
    }
}
