//! The quadlet generator's work with files: find the user's quadlet files
//! (`crate::quadlet::search_dirs`, the first of a name wins, drop-ins
//! `NAME.container.d/*.conf` merged in name order), convert each
//! (`crate::quadlet`), and write the units and their `[Install]` links
//! into systemd's generator directory. One bad file is reported and the
//! others still generated, as systemd's generators do.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::quadlet::unitfile::UnitFile;
pub use crate::quadlet::unitfile::{join_words, split_words};
use crate::quadlet::{self, Context};
pub use crate::quadlet::{generate, search_dirs, Generated};

/// Quadlet files are small; a bigger one is refused.
const MAX_FILE: u64 = 1 << 20;

/// The quadlet files under `dirs`: (file, kind), the first of each name.
fn find(dirs: &[PathBuf], errors: &mut Vec<anyhow::Error>) -> Vec<(UnitFile, &'static str)> {
    let mut seen: BTreeMap<String, (PathBuf, &'static str)> = BTreeMap::new();
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if p.is_dir() {
                // Drop-in directories are read with their unit; numeric
                // ones under users/ belong to that uid.
                if depth < 8 && !name.ends_with(".d") && !name.chars().all(|c| c.is_ascii_digit()) {
                    walk(&p, depth + 1, out);
                }
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for d in dirs {
        let mut here = Vec::new();
        walk(d, 0, &mut here);
        files.extend(here);
    }
    for p in files {
        let Some(kind) = quadlet::kind_of(&p) else {
            continue;
        };
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        seen.entry(name).or_insert((p, kind));
    }
    let mut out = Vec::new();
    for (name, (path, kind)) in seen {
        match load(&path, &name, dirs) {
            Ok(f) => out.push((f, kind)),
            Err(e) => errors.push(e),
        }
    }
    out
}

/// A quadlet file and its drop-ins (`NAME.d/*.conf` in every search
/// directory, by file name, the first of a name winning).
fn load(path: &Path, name: &str, dirs: &[PathBuf]) -> Result<UnitFile> {
    let read = |p: &Path| -> Result<UnitFile> {
        let meta = std::fs::metadata(p).with_context(|| format!("reading {}", p.display()))?;
        if meta.len() > MAX_FILE {
            anyhow::bail!("{}: over 1 MiB: no quadlet file is", p.display());
        }
        let text =
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        UnitFile::parse(p, &text)
    };
    let mut f = read(path)?;
    let mut dropins: BTreeMap<String, PathBuf> = BTreeMap::new();
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(d.join(format!("{name}.d"))) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.ends_with(".conf") {
                    dropins.entry(n).or_insert(e.path());
                }
            }
        }
    }
    for p in dropins.values() {
        f.extend(read(p)?);
    }
    Ok(f)
}

/// Generate the units of the quadlet files in `dirs`, `den` being the
/// binary their `ExecStart=` runs. The units made, and an error for each
/// file that could not be.
pub fn generate(dirs: &[PathBuf], den: &str) -> (Vec<Generated>, Vec<anyhow::Error>) {
    let mut errors = Vec::new();
    let files = find(dirs, &mut errors);
    let mut ctx = Context {
        den: den.to_string(),
        resources: BTreeMap::new(),
    };
    for (f, kind) in &files {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let r = match *kind {
            "container" => {
                let service = quadlet::service_name(f, kind);
                // As its unit names it: `%N` is the service's name (which
                // ServiceName= sets); a name with another specifier cannot
                // be known here ("", refused where another names it), as
                // podman's GetContainerResourceName.
                let cname = f
                    .last("Container", "ContainerName")
                    .map_or("systemd-%N", |e| e.value.as_str())
                    .replace("%N", service.trim_end_matches(".service"));
                let cname = if cname.contains('%') {
                    String::new()
                } else {
                    cname
                };
                Ok(quadlet::Resource {
                    service,
                    name: cname,
                })
            }
            "unsupported" => continue,
            k => quadlet::resources::resource(f, k),
        };
        match r {
            Ok(r) => {
                ctx.resources.insert(name, r);
            }
            Err(e) => errors.push(e),
        }
    }
    let mut out = Vec::new();
    for kind in quadlet::KINDS.iter().chain(["unsupported"].iter()) {
        for (f, k) in files.iter().filter(|(_, k)| k == kind) {
            match quadlet::convert(&ctx, f, k) {
                Ok(g) => out.push(g),
                Err(e) => errors.push(e),
            }
        }
    }
    (out, errors)
}

/// Write the units into `dir` (systemd's normal generator directory) with
/// their `[Install]` links.
pub fn write(dir: &Path, units: &[Generated]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for g in units {
        let path = dir.join(&g.service);
        std::fs::write(&path, &g.text).with_context(|| format!("writing {}", path.display()))?;
        for (sub, link) in &g.links {
            let d = dir.join(sub);
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
            let at = d.join(link);
            let target = if sub.is_empty() {
                PathBuf::from(&g.service)
            } else {
                Path::new("..").join(&g.service)
            };
            let _ = std::fs::remove_file(&at);
            std::os::unix::fs::symlink(&target, &at)
                .with_context(|| format!("linking {}", at.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Network=X.container` names X's container as its unit names it:
    /// `%N` is X's service (ServiceName= included); another specifier
    /// leaves the name unknown, which is said, not guessed.
    #[test]
    fn a_container_network_names_the_container_its_unit_makes() {
        let t = tempfile::tempdir().expect("tmp");
        for (name, text) in [
            (
                "db.container",
                "[Container]\nImage=busybox\nServiceName=database\n",
            ),
            (
                "app.container",
                "[Container]\nImage=busybox\nNetwork=db.container\n",
            ),
            (
                "named.container",
                "[Container]\nImage=busybox\nContainerName=%N-x\n",
            ),
            (
                "via.container",
                "[Container]\nImage=busybox\nNetwork=named.container\n",
            ),
            (
                "odd.container",
                "[Container]\nImage=busybox\nContainerName=%u-x\n",
            ),
            (
                "use.container",
                "[Container]\nImage=busybox\nNetwork=odd.container\n",
            ),
        ] {
            std::fs::write(t.path().join(name), text).expect("write");
        }
        let (units, errors) = generate(&[t.path().to_path_buf()], "/usr/bin/den");
        let start = |service: &str| {
            units
                .iter()
                .find(|u| u.service == service)
                .and_then(|u| u.text.lines().find(|l| l.starts_with("ExecStart=")))
                .map(String::from)
                .unwrap_or_default()
        };
        assert!(
            start("app.service").contains(" --network container:systemd-database "),
            "{}",
            start("app.service")
        );
        assert!(
            start("via.service").contains(" --network container:named-x "),
            "{}",
            start("via.service")
        );
        let said: Vec<String> = errors.iter().map(|e| format!("{e:#}")).collect();
        assert!(
            said.len() == 1 && said[0].contains("odd.container") && said[0].contains("%N"),
            "{said:?}"
        );
    }
}
