//! The Compose front-end's pure parts: reading Compose files as `docker
//! compose` does (the Compose Specification) into one resolved model.
//! Files are parsed with their lines (`yaml.rs`), their values
//! interpolated from the environment and `.env` (`${VAR}`, `${VAR:-x}`,
//! `${VAR-x}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+x}`, `${VAR+x}`,
//! `$$`), checked against the keys the specification has (an unknown key
//! is a warning naming the file, line and key, never a silent drop),
//! normalized (lists or maps of environment and labels become maps,
//! short `depends_on` and `build` their long forms) and merged in order
//! (`-f a -f b`: mappings merge, later scalars and lists of commands win,
//! other lists add up). The model is JSON, as `config` prints it.

mod dotenv;
mod extends;
pub mod keys;
mod merge_tags;
mod profiles;
pub mod service;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{json, Map, Value};

use crate::build::words::Lookup;

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-f` files (none: the default names in the working directory).
    pub files: Vec<PathBuf>,
    /// `-p` (else COMPOSE_PROJECT_NAME, the files' `name`, the directory's).
    pub project: Option<String>,
    /// `--env-file` (else `.env` in the project directory, if any).
    pub env_files: Vec<PathBuf>,
    /// `--profile` (and COMPOSE_PROFILES).
    pub profiles: Vec<String>,
    /// `--project-directory`: where relative paths start, `.env` is read
    /// and the Compose file is looked for (default: the first file's
    /// directory).
    pub project_dir: Option<PathBuf>,
    /// The services the command names (enabled whatever their profiles).
    pub targets: Vec<String>,
}

/// A loaded project.
#[derive(Debug, Clone)]
pub struct Project {
    /// Where relative paths start: the first file's directory.
    pub dir: PathBuf,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// The resolved model (`name`, `services`, `networks`, `volumes`, ...).
    pub model: Value,
    /// Unknown keys and the like, each naming the file and line.
    pub warnings: Vec<String>,
    /// Where each key was written.
    pub places: keys::Places,
    /// The variables it was interpolated from (the environment over the
    /// env files), which services' `env_file`s are read with too.
    pub env: BTreeMap<String, String>,
    /// Services left out for their profiles (their containers are not
    /// orphans; `down` removes them too).
    pub disabled: Vec<String>,
}

impl Project {
    /// `e`, an error about `services.NAME.KEY...`, with the file and line
    /// of the nearest key written (`FILE:LINE: services.web.ports: ...`).
    pub fn locate(&self, e: anyhow::Error) -> anyhow::Error {
        let message = format!("{e:#}");
        let path = message.split(": ").next().unwrap_or_default();
        let mut key = path;
        loop {
            if let Some(place) = self.places.get(key) {
                return anyhow::anyhow!("{place}: {message}");
            }
            match key.rsplit_once('.') {
                Some((up, _)) => key = up,
                None => return e,
            }
        }
    }
}

const DEFAULT_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];
const OVERRIDE_FILES: &[&str] = &[
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
];

/// The files to read: the given ones (`-f`); else those `COMPOSE_FILE`
/// lists (`vars`: the environment over the working directory's `.env`),
/// split at `COMPOSE_PATH_SEPARATOR` (`:`) and found from `cwd`; else the
/// default (and its override) in `cwd` or the nearest directory above it
/// that has one, as Compose looks.
fn files_of(opts: &Options, cwd: &Path, vars: &BTreeMap<String, String>) -> Result<Vec<PathBuf>> {
    if !opts.files.is_empty() {
        return Ok(opts.files.iter().map(|f| cwd.join(f)).collect());
    }
    if let Some(list) = vars.get("COMPOSE_FILE").filter(|l| !l.is_empty()) {
        let sep = vars
            .get("COMPOSE_PATH_SEPARATOR")
            .filter(|s| !s.is_empty())
            .map_or(":", String::as_str);
        return Ok(list
            .split(sep)
            .filter(|f| !f.is_empty())
            .map(|f| cwd.join(f))
            .collect());
    }
    let start = opts.project_dir.as_ref().map(|d| cwd.join(d));
    let mut dir = start.as_deref().unwrap_or(cwd);
    loop {
        if let Some(main) = DEFAULT_FILES
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
        {
            if dir != start.as_deref().unwrap_or(cwd) {
                trusted_above(dir, &main)?;
            }
            let mut out = vec![main];
            out.extend(
                OVERRIDE_FILES
                    .iter()
                    .map(|f| dir.join(f))
                    .find(|p| p.is_file()),
            );
            return Ok(out);
        }
        match dir.parent() {
            Some(up) => dir = up,
            None => bail!(
                "no Compose file in {} or the directories above it (looked for {}): give one with -f",
                cwd.display(),
                DEFAULT_FILES.join(", ")
            ),
        }
    }
}

/// A Compose file found in a directory above the working one is read only
/// where no other user could have put it there (or its `.env` beside
/// it): the directory is writable by its owner alone, and the owner of
/// both is the user or root. A file another user left in `/tmp` must not
/// run containers as whoever types `den compose up` below it.
fn trusted_above(dir: &Path, file: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let ours = |uid: u32| uid == me || uid == 0;
    let d = std::fs::metadata(dir).with_context(|| format!("{}", dir.display()))?;
    let f = std::fs::metadata(file).with_context(|| format!("{}", file.display()))?;
    if d.mode() & 0o022 != 0 || !ours(d.uid()) || !ours(f.uid()) {
        bail!(
            "{} is in a directory above this one that other users can write to, or belongs to another user: den does not read it unasked (give it with -f if it is meant)",
            file.display()
        );
    }
    Ok(())
}

/// The variables an env file sets (`dotenv.rs`), interpolated from and
/// completed by `env`; `raw`, as `docker run --env-file` reads them.
pub fn read_env_file(path: &Path, env: Lookup<'_>, raw: bool) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the env file {}", path.display()))?;
    if raw {
        return dotenv::parse_raw(&text, env).with_context(|| path.display().to_string());
    }
    dotenv::parse(&text, env).with_context(|| path.display().to_string())
}

/// A project name as Compose makes it: lowercase letters, digits, `_` and
/// `-`, starting with a letter or digit.
pub fn normalize_name(s: &str) -> String {
    let n: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    n.trim_start_matches(['_', '-']).to_string()
}

/// The variables a project is interpolated from: `env` (den's
/// environment) over the env files (`--env-file`, found from the working
/// directory; else `.env` in `dir`, if there), each file's values
/// interpolated from the environment and the files' values before them.
fn variables(
    opts: &Options,
    cwd: &Path,
    dir: &Path,
    env: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let env_files: Vec<PathBuf> = if opts.env_files.is_empty() {
        Some(dir.join(".env"))
            .filter(|p| p.is_file())
            .into_iter()
            .collect()
    } else {
        opts.env_files.iter().map(|f| cwd.join(f)).collect()
    };
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for f in &env_files {
        let set = {
            let lookup = |k: &str| env.get(k).or_else(|| vars.get(k)).cloned();
            read_env_file(f, &lookup, false)?
        };
        vars.extend(set);
    }
    vars.extend(env.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(vars)
}

/// Load the project `opts` names, from `cwd`, with `env` (den's
/// environment).
pub fn load(opts: &Options, cwd: &Path, env: &BTreeMap<String, String>) -> Result<Project> {
    let project_dir = opts.project_dir.as_ref().map(|d| cwd.join(d));
    if let Some(d) = &project_dir {
        if !d.is_dir() {
            bail!("--project-directory {}: no such directory", d.display());
        }
    }
    // COMPOSE_FILE may come from the working (or project) directory's
    // .env; the variables read there serve again when the files are there
    // too (the usual case: the .env was read twice).
    let mut early = None;
    let files = if opts.files.is_empty() && !env.contains_key("COMPOSE_FILE") {
        let here = project_dir.as_deref().unwrap_or(cwd).to_path_buf();
        let vars = variables(opts, cwd, &here, env)?;
        let files = files_of(opts, cwd, &vars)?;
        early = Some((here, vars));
        files
    } else {
        files_of(opts, cwd, env)?
    };
    let dir = match project_dir {
        Some(d) => d,
        None => files[0]
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.to_path_buf()),
    };
    let vars = match early {
        Some((here, vars)) if here == dir => vars,
        _ => variables(opts, cwd, &dir, env)?,
    };
    let lookup = |k: &str| vars.get(k).cloned();
    let mut warnings = Vec::new();
    let mut places = keys::Places::new();
    let mut model = Value::Object(Map::new());
    for f in &files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading the Compose file {}", f.display()))?;
        let node = yaml::parse(&text).with_context(|| format!("{}", f.display()))?;
        let shown = f.display().to_string();
        let value = keys::top(&node, &shown, &lookup, &mut warnings, &mut places)?;
        merge(&mut model, value, "");
    }
    let first = files[0].display().to_string();
    extends::resolve(&mut model, &dir, &first, &lookup, &mut warnings)?;
    let name = opts
        .project
        .clone()
        .or_else(|| vars.get("COMPOSE_PROJECT_NAME").cloned())
        .or_else(|| model.get("name").and_then(Value::as_str).map(String::from))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let name = normalize_name(&name);
    if name.is_empty() {
        bail!("no project name (give one with -p NAME: letters, digits, _ and -)");
    }
    model["name"] = json!(name);
    // Profiles: a service with profiles runs only when one is active
    // (or it is named on the command line).
    let mut active: Vec<String> = opts.profiles.clone();
    if let Some(p) = vars.get("COMPOSE_PROFILES") {
        active.extend(
            p.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
    }
    let disabled = profiles::apply(&mut model, active, &opts.targets);
    // Every project has its default network.
    let services_use_default = model
        .get("services")
        .and_then(Value::as_object)
        .is_some_and(|s| {
            s.values()
                .any(|svc| svc.get("networks").is_none() && svc.get("network_mode").is_none())
        });
    if services_use_default {
        let nets = model
            .as_object_mut()
            .map(|m| m.entry("networks").or_insert_with(|| json!({})));
        if let Some(Value::Object(nets)) = nets {
            nets.entry("default").or_insert_with(|| json!({}));
        }
    }
    // Networks and volumes get their names (`PROJECT_KEY`, or `name`).
    for kind in ["networks", "volumes"] {
        if let Some(Value::Object(items)) = model.get_mut(kind) {
            for (key, item) in items.iter_mut() {
                if item.is_null() {
                    *item = json!({});
                }
                let external = item.get("external").and_then(Value::as_bool) == Some(true);
                if item.get("name").is_none() {
                    item["name"] = json!(if external {
                        key.clone()
                    } else {
                        format!("{name}_{key}")
                    });
                }
            }
        }
    }
    Ok(Project {
        dir,
        files,
        model,
        warnings,
        places,
        env: vars,
        disabled,
    })
}

/// Keys whose lists the later file replaces (a command is one thing).
const REPLACED: &[&str] = &["command", "entrypoint", "test", "dns_search", "profiles"];

/// Merge `over` into `base`, as the Compose Specification merges files.
///
/// A value tagged `!reset` takes its key out; one tagged `!override`
/// replaces the earlier value whole (`merge_tags.rs`).
pub fn merge(base: &mut Value, over: Value, key: &str) {
    use merge_tags::{marked, settle, Marked};
    let over = match marked(over) {
        Marked::Reset => return,
        Marked::Override(v) => {
            *base = settle(v).unwrap_or(Value::Null);
            return;
        }
        Marked::Plain(v) => v,
    };
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                if merge_tags::is_reset(&v) {
                    b.remove(&k);
                    continue;
                }
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v, &k),
                    None => {
                        if let Some(v) = settle(v) {
                            b.insert(k, v);
                        }
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(o)) if !REPLACED.contains(&key) => {
            if key == "volumes" {
                // A mount is replaced by one at the same target (where it
                // lands: /data//x is /data/x).
                let target = |v: &Value| -> String {
                    let t = match v {
                        Value::String(s) => {
                            let parts: Vec<&str> = s.split(':').collect();
                            match parts.len() {
                                1 => parts[0].to_string(),
                                _ => parts[1].to_string(),
                            }
                        }
                        other => other
                            .get("target")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                    };
                    if t.starts_with('/') {
                        crate::storage::path::clean_absolute(&t)
                    } else {
                        t
                    }
                };
                for v in o.into_iter().filter_map(settle) {
                    let t = target(&v);
                    match b.iter_mut().find(|x| target(x) == t) {
                        Some(slot) => *slot = v,
                        None => b.push(v),
                    }
                }
            } else {
                for v in o.into_iter().filter_map(settle) {
                    if !b.contains(&v) {
                        b.push(v);
                    }
                }
            }
        }
        (b, o) => *b = settle(o).unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_merge_as_the_specification_says() {
        let mut a = json!({"services": {"web": {"image": "a", "command": ["x", "y"], "ports": ["80:80"],
            "environment": {"A": "1"}, "volumes": ["data:/data", "/tmp:/t"]}}});
        let b = json!({"services": {"web": {"image": "b", "command": ["z"], "ports": ["81:81"],
            "environment": {"B": "2"}, "volumes": ["other:/data/", {"type": "bind", "source": "/s", "target": "/t"}]}}});
        merge(&mut a, b, "");
        let web = &a["services"]["web"];
        assert_eq!(web["image"], "b");
        assert_eq!(web["command"], json!(["z"]));
        assert_eq!(web["ports"], json!(["80:80", "81:81"]));
        assert_eq!(web["environment"], json!({"A": "1", "B": "2"}));
        assert_eq!(
            web["volumes"],
            json!(["other:/data/", {"type": "bind", "source": "/s", "target": "/t"}])
        );
    }

    /// `!reset` takes a key out of what the earlier files set, `!override`
    /// replaces a value whole; in the first file they leave no mark.
    #[test]
    fn reset_and_override_tags() {
        let dir = std::env::temp_dir().join(format!("den-tags-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(
            dir.join("compose.yaml"),
            "services:\n  web:\n    image: busybox\n    ports: [\"80:80\"]\n    environment:\n      A: \"1\"\n      B: \"2\"\n    volumes: [\"data:/data\", \"/tmp:/t\"]\n    labels: !reset {}\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 5s\n  db:\n    image: busybox\n    build: !override .\n",
        )
        .expect("write");
        std::fs::write(
            dir.join("compose.override.yaml"),
            "services:\n  web:\n    ports: !reset []\n    environment:\n      B: !reset null\n      C: \"3\"\n    volumes: !override [\"other:/o\"]\n    healthcheck: !override\n      test: [\"CMD\", \"false\"]\n  db: !reset\n",
        )
        .expect("write");
        let p = load(
            &Options {
                project: Some("p".into()),
                ..Default::default()
            },
            &dir,
            &BTreeMap::new(),
        )
        .expect("load");
        let web = &p.model["services"]["web"];
        assert!(web.get("ports").is_none(), "{web}");
        assert!(web.get("labels").is_none(), "{web}");
        assert_eq!(web["environment"], json!({"A": "1", "C": "3"}));
        assert_eq!(web["volumes"], json!(["other:/o"]));
        assert_eq!(web["healthcheck"], json!({"test": ["CMD", "false"]}));
        assert!(p.model["services"].get("db").is_none(), "{}", p.model);
        assert!(!p.model.to_string().contains('\u{0}'), "{}", p.model);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn errors_about_keys_get_their_file_and_line() {
        let dir = std::env::temp_dir().join(format!("den-places-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let f = dir.join("compose.yaml");
        std::fs::write(
            &f,
            "services:\n  web:\n    image: busybox\n    deploy:\n      replicas: x\n",
        )
        .expect("write");
        let opts = Options {
            project: Some("p".into()),
            ..Default::default()
        };
        let p = load(&opts, &dir, &BTreeMap::new()).expect("load");
        let shown = f.display();
        let e = p.locate(anyhow::anyhow!(
            "services.web.deploy.replicas: not a number"
        ));
        assert_eq!(
            e.to_string(),
            format!("{shown}:5: services.web.deploy.replicas: not a number")
        );
        // The nearest key written: the service itself.
        let e = p.locate(anyhow::anyhow!("services.web.ports: bad"));
        assert!(e.to_string().starts_with(&format!("{shown}:2: ")), "{e}");
        let e = p.locate(anyhow::anyhow!("no such thing"));
        assert_eq!(e.to_string(), "no such thing");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_and_env_files() {
        assert_eq!(normalize_name("My App.v2"), "myappv2");
        assert_eq!(normalize_name("_x"), "x");
        let dir = std::env::temp_dir().join(format!("den-envfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let f = dir.join(".env");
        std::fs::write(
            &f,
            "# c\nA=1\nexport B=\"two words\"\nC=x # comment\n\nD='$E'\n",
        )
        .expect("write");
        let v = read_env_file(&f, &|_| None, false).expect("env");
        assert_eq!(
            v,
            [("A", "1"), ("B", "two words"), ("C", "x"), ("D", "$E")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        std::fs::write(&f, "no equals\n").expect("write");
        let e = format!("{:#}", read_env_file(&f, &|_| None, false).unwrap_err());
        assert!(e.starts_with(&format!("{}: line 1: ", f.display())), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
