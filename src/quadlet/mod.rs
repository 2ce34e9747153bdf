//! Quadlet: systemd units from `.container`, `.volume`, `.network`,
//! `.image` and `.build` files, with podman's quadlet key names, so the
//! files podman users have work with den. A systemd user generator (den
//! as `den-user-generator`, or `den quadlet`) finds them, turns each into
//! a `.service` unit that runs den (`container.rs`, `resources.rs`), and
//! writes the units and their `[Install]` links into systemd's generator
//! directory. Pure: reading and writing files is the caller's.

pub mod container;
pub mod generate;
pub mod resources;
pub mod unitfile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use unitfile::{Entry, UnitFile};

/// The kinds of quadlet file den reads, in the order they are made (what
/// a container uses first).
pub const KINDS: &[&str] = &["image", "volume", "network", "build", "container"];

/// A word of a den command line, with the line of the key it came from
/// (to name it if den refuses the word).
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub word: String,
    pub line: usize,
}

/// A generated unit.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `web.service`, `data-volume.service`, ...
    pub service: String,
    pub source: PathBuf,
    pub text: String,
    /// `[Install]`'s links: (directory in the output, e.g.
    /// `default.target.wants`, the link's name).
    pub links: Vec<(String, String)>,
    /// The den command `ExecStart=` runs (after the den binary), with the
    /// key lines: checked by the caller as den would parse it.
    pub command: Vec<Arg>,
}

/// What another quadlet file makes: its unit, and the name of what it
/// makes (the volume, network or image).
#[derive(Debug, Clone)]
pub struct Resource {
    pub service: String,
    pub name: String,
}

/// What converting needs: den's binary (for `ExecStart=`) and what each
/// quadlet file makes (`data.volume` → its unit and volume name).
pub struct Context {
    pub den: String,
    pub resources: BTreeMap<String, Resource>,
}

/// The directories a user's quadlet files are read from, in order (the
/// first file of a name wins): `QUADLET_UNIT_DIRS` if set, else
/// `$XDG_RUNTIME_DIR/containers/systemd`, `$XDG_CONFIG_HOME/containers/systemd`,
/// `/etc/containers/systemd/users`, `/etc/containers/systemd/users/$UID`.
pub fn search_dirs(env: &dyn Fn(&str) -> Option<String>, home: &Path, uid: u32) -> Vec<PathBuf> {
    if let Some(dirs) = env("QUADLET_UNIT_DIRS").filter(|d| !d.is_empty()) {
        return dirs
            .split(':')
            .filter(|d| d.starts_with('/'))
            .map(PathBuf::from)
            .collect();
    }
    let mut out = Vec::new();
    if let Some(run) = env("XDG_RUNTIME_DIR").filter(|d| d.starts_with('/')) {
        out.push(Path::new(&run).join("containers/systemd"));
    }
    let config = env("XDG_CONFIG_HOME")
        .filter(|d| d.starts_with('/'))
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    out.push(config.join("containers/systemd"));
    out.push(PathBuf::from("/etc/containers/systemd/users"));
    out.push(PathBuf::from(format!(
        "/etc/containers/systemd/users/{uid}"
    )));
    out
}

/// The kind of a quadlet file by its name (`web.container` → container).
pub fn kind_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?;
    KINDS.iter().copied().find(|k| *k == ext).or(match ext {
        "pod" | "kube" | "artifact" => Some("unsupported"),
        _ => None,
    })
}

/// The unit's name without the suffix (`web.container` → `web`).
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The name of the unit a quadlet file becomes (`web.container` →
/// `web.service`, `data.volume` → `data-volume.service`), or its
/// `ServiceName=`.
pub fn service_name(f: &UnitFile, kind: &str) -> String {
    let group = group_of(kind);
    if let Some(e) = f.last(group, "ServiceName") {
        return format!("{}.service", e.value);
    }
    let stem = stem(&f.path);
    if kind == "container" {
        format!("{stem}.service")
    } else {
        format!("{stem}-{kind}.service")
    }
}

/// The group a kind's keys are in (`[Container]`, `[Volume]`, ...).
pub fn group_of(kind: &str) -> &'static str {
    match kind {
        "container" => "Container",
        "volume" => "Volume",
        "network" => "Network",
        "image" => "Image",
        "build" => "Build",
        _ => "",
    }
}

/// Convert one file (of `kind`).
pub fn convert(ctx: &Context, f: &UnitFile, kind: &str) -> Result<Generated> {
    match kind {
        "container" => container::convert(ctx, f),
        "volume" | "network" | "image" | "build" => resources::convert(ctx, f, kind),
        _ => bail!(
            "{}: den makes no pods or kube units (only .container, .volume, .network, .image and .build files)",
            f.path.display()
        ),
    }
}

/// The `[Install]` links of a unit, as `systemctl enable` would make them
/// (`WantedBy=` → `T.wants/`, `RequiredBy=` → `T.requires/`,
/// `UpheldBy=` → `T.upholds/`; `Alias=` its own name).
pub fn links(f: &UnitFile, service: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, dir) in [
        ("WantedBy", "wants"),
        ("RequiredBy", "requires"),
        ("UpheldBy", "upholds"),
    ] {
        for e in f.all("Install", key) {
            for target in e.value.split_whitespace().filter(|t| !t.contains('/')) {
                out.push((format!("{target}.{dir}"), service.to_string()));
            }
        }
    }
    for e in f.all("Install", "Alias") {
        for alias in e.value.split_whitespace().filter(|t| !t.contains('/')) {
            out.push((String::new(), alias.to_string()));
        }
    }
    out
}

/// `entries` as `Key=Value` lines.
pub fn entry_lines<'a>(out: &mut String, entries: impl Iterator<Item = &'a Entry>) {
    for e in entries {
        out.push_str(&format!("{}={}\n", e.key, e.value));
    }
}

/// The quadlet file's `[Install]` entries, passed through (if it has any).
pub fn install_section(out: &mut String, f: &UnitFile) {
    if f.entries("Install").next().is_some() {
        out.push_str("\n[Install]\n");
        entry_lines(out, f.entries("Install"));
    }
}

/// The header every generated unit starts with.
pub fn header(source: &Path) -> String {
    format!(
        "# Automatically generated by den quadlet from {}\n#\n",
        source.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dirs_and_links() {
        let f = UnitFile::parse(
            Path::new("/q/data.volume"),
            "[Volume]\n[Install]\nWantedBy=default.target multi-user.target\nAlias=d.service\n",
        )
        .expect("parse");
        assert_eq!(service_name(&f, "volume"), "data-volume.service");
        assert_eq!(
            links(&f, "data-volume.service"),
            [
                (
                    "default.target.wants".to_string(),
                    "data-volume.service".to_string()
                ),
                (
                    "multi-user.target.wants".into(),
                    "data-volume.service".into()
                ),
                (String::new(), "d.service".into()),
            ]
        );
        assert_eq!(kind_of(Path::new("a.pod")), Some("unsupported"));
        assert_eq!(kind_of(Path::new("a.txt")), None);
        let env = |k: &str| match k {
            "XDG_RUNTIME_DIR" => Some("/run/user/7".to_string()),
            _ => None,
        };
        assert_eq!(
            search_dirs(&env, Path::new("/home/u"), 7),
            [
                PathBuf::from("/run/user/7/containers/systemd"),
                "/home/u/.config/containers/systemd".into(),
                "/etc/containers/systemd/users".into(),
                "/etc/containers/systemd/users/7".into(),
            ]
        );
    }
}
