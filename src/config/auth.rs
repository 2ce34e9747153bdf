//! Registry credentials from the files users already have: auth.json
//! (podman, skopeo) and ~/.docker/config.json, including the credential
//! helpers they name (`credHelpers`, `credsStore`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use base64::Engine;
use serde::Deserialize;

use super::{env, paths::Paths};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthFile {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    /// `docker-credential-NAME` helpers by registry.
    #[serde(default)]
    cred_helpers: BTreeMap<String, String>,
    /// The helper for every registry of this file.
    #[serde(default)]
    creds_store: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct AuthEntry {
    #[serde(default)]
    auth: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
}

/// A username and password for one registry.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.username)
    }
}

/// The credential files, most specific first. One the user names
/// (`--authfile`, `$REGISTRY_AUTH_FILE`) is the only one, as podman's
/// containers/image reads it: a script that gives a robot account's file
/// must not send the user's own credentials where that file has none.
pub fn auth_files(paths: &Paths) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(f) = env::var(env::REGISTRY_AUTH_FILE) {
        files.push(PathBuf::from(f));
        return files;
    }
    if let Some(dir) = env::var(env::XDG_RUNTIME_DIR) {
        files.push(PathBuf::from(dir).join("containers/auth.json"));
    }
    files.push(paths.config_home.join("containers/auth.json"));
    match env::var(env::DOCKER_CONFIG) {
        Some(dir) => files.push(PathBuf::from(dir).join("config.json")),
        None => files.push(paths.home.join(".docker/config.json")),
    }
    files
}

/// The file `den login` writes: `--authfile`/$REGISTRY_AUTH_FILE, else
/// podman's `$XDG_RUNTIME_DIR/containers/auth.json`, else the one under
/// `$XDG_CONFIG_HOME`.
pub fn login_file(paths: &Paths, authfile: Option<&std::path::Path>) -> PathBuf {
    if let Some(f) = authfile {
        return f.to_path_buf();
    }
    if let Some(f) = env::var(env::REGISTRY_AUTH_FILE) {
        return PathBuf::from(f);
    }
    match env::var(env::XDG_RUNTIME_DIR) {
        Some(dir) => PathBuf::from(dir).join("containers/auth.json"),
        None => paths.config_home.join("containers/auth.json"),
    }
}

/// The JSON of a credentials file (empty if there is none), keeping every
/// field den does not know.
fn read_raw(file: &std::path::Path) -> Result<serde_json::Value> {
    match std::fs::read(file) {
        Ok(b) => serde_json::from_slice(&b)
            .with_context(|| format!("{} is not valid JSON (fix or remove it)", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(serde_json::json!({})),
        Err(e) => Err(e).with_context(|| format!("reading {}", file.display())),
    }
}

/// Record `creds` for `registry` in `file` (mode 0600, directory 0700).
pub fn store(file: &std::path::Path, registry: &str, creds: &Credentials) -> Result<()> {
    let mut doc = read_raw(file)?;
    let encoded = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", creds.username, creds.password));
    let Some(obj) = doc.as_object_mut() else {
        anyhow::bail!("{} is not a JSON object (fix or remove it)", file.display());
    };
    let auths = obj.entry("auths").or_insert_with(|| serde_json::json!({}));
    let Some(auths) = auths.as_object_mut() else {
        anyhow::bail!(
            "\"auths\" in {} is not an object (fix or remove it)",
            file.display()
        );
    };
    auths.insert(registry.to_string(), serde_json::json!({ "auth": encoded }));
    let mut data = serde_json::to_vec_pretty(&doc)?;
    data.push(b'\n');
    crate::util::fs::write_secret(file, &data)
}

/// Remove the credentials of `registry` (every registry with `None`) from
/// `file`; whether there were any.
pub fn remove(file: &std::path::Path, registry: Option<&str>) -> Result<bool> {
    let mut doc = read_raw(file)?;
    let Some(auths) = doc.get_mut("auths").and_then(|a| a.as_object_mut()) else {
        return Ok(false);
    };
    let removed = match registry {
        Some(r) => auths.remove(r).is_some(),
        None => {
            let any = !auths.is_empty();
            auths.clear();
            any
        }
    };
    if removed {
        let mut data = serde_json::to_vec_pretty(&doc)?;
        data.push(b'\n');
        crate::util::fs::write_secret(file, &data)?;
    }
    Ok(removed)
}

/// The username stored for exactly `registry` in `file`.
pub fn stored_username(file: &std::path::Path, registry: &str) -> Result<Option<String>> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(_) => return Ok(None),
    };
    let parsed: AuthFile = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON (fix or remove it)", file.display()))?;
    match parsed.auths.get(registry) {
        Some(e) => Ok(Some(decode(e)?.username)),
        None => Ok(None),
    }
}

/// Find credentials for `registry/repository` in the credential files.
///
/// Keys may name the registry (`host:port`), a namespace within it
/// (`host/ns/repo`, the most specific wins) or a URL (`https://host/v1/`).
pub fn lookup(paths: &Paths, registry: &str, repository: &str) -> Result<Option<Credentials>> {
    for path in auth_files(paths) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let file: AuthFile = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{} is not a valid credentials file: {e} (fix it, or log in again)",
                path.display()
            )
        })?;
        let helper = file
            .cred_helpers
            .iter()
            .find(|(k, _)| normalize_key(k) == registry)
            .map(|(_, h)| h)
            .or(file.creds_store.as_ref());
        if let Some(h) = helper {
            if let Some(c) = from_helper(h, registry, &path)? {
                return Ok(Some(c));
            }
        }
        if let Some(c) = find(&file, registry, repository) {
            return c
                .with_context(|| format!("bad credentials in {} (log in again)", path.display()))
                .map(Some);
        }
    }
    Ok(None)
}

/// Ask `docker-credential-HELPER get` (on PATH) for `registry`'s
/// credentials, as Docker and podman do; none if it has none.
fn from_helper(
    helper: &str,
    registry: &str,
    file: &std::path::Path,
) -> Result<Option<Credentials>> {
    if helper.is_empty()
        || !helper
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        || helper.starts_with('.')
    {
        anyhow::bail!(
            "{}: credential helper {helper:?} is not a helper name (docker-credential-NAME)",
            file.display()
        );
    }
    let program = format!("docker-credential-{helper}");
    // Docker's name for Docker Hub's credentials.
    let server = if registry == "docker.io" {
        "https://index.docker.io/v1/"
    } else {
        registry
    };
    let child = std::process::Command::new(&program)
        .arg("get")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "{} names the credential helper {helper}, but {program} is not on PATH (install it, or remove it from the file)",
            file.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("running {program}")),
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child
        .wait_with_output()
        .with_context(|| format!("running {program}"))?;
    if !out.status.success() {
        // "credentials not found in native keychain": none for this registry.
        return Ok(None);
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Reply {
        username: String,
        secret: String,
    }
    let r: Reply = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("{program} get answered something that is not its JSON"))?;
    Ok(Some(Credentials {
        username: r.username,
        password: r.secret,
    }))
}

fn find(file: &AuthFile, registry: &str, repository: &str) -> Option<Result<Credentials>> {
    let full = format!("{registry}/{repository}");
    let mut best: Option<(usize, &AuthEntry)> = None;
    for (key, entry) in &file.auths {
        let k = normalize_key(key);
        let matches = k == registry
            || (registry == "docker.io" && k == "index.docker.io")
            || (full.starts_with(&k) && full.as_bytes().get(k.len()) == Some(&b'/'))
            || full == k;
        if matches && best.is_none_or(|(len, _)| k.len() > len) {
            best = Some((k.len(), entry));
        }
    }
    best.map(|(_, e)| decode(e))
}

pub fn normalize_key(key: &str) -> String {
    let k = key
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let k = k
        .strip_suffix("/v1/")
        .or(k.strip_suffix("/v2/"))
        .unwrap_or(k);
    k.trim_end_matches('/').to_string()
}

fn decode(entry: &AuthEntry) -> Result<Credentials> {
    if let (Some(u), Some(p)) = (&entry.username, &entry.password) {
        return Ok(Credentials {
            username: u.clone(),
            password: p.clone(),
        });
    }
    let auth = entry
        .auth
        .as_deref()
        .context("entry has no \"auth\" field")?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .context("\"auth\" is not base64")?;
    let text = String::from_utf8(raw).context("\"auth\" is not UTF-8")?;
    let (u, p) = text
        .split_once(':')
        .context("\"auth\" is not user:password")?;
    Ok(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(json: &str) -> AuthFile {
        serde_json::from_str(json).expect("json")
    }

    #[test]
    fn most_specific_key_wins() {
        let f = file(
            r#"{"auths":{"reg:5000":{"auth":"YTpi"},"reg:5000/team":{"auth":"Yzpk"},"https://index.docker.io/v1/":{"auth":"ZTpm"}}}"#,
        );
        let c = find(&f, "reg:5000", "team/app")
            .expect("found")
            .expect("ok");
        assert_eq!(c.username, "c");
        let c = find(&f, "reg:5000", "other/app")
            .expect("found")
            .expect("ok");
        assert_eq!((c.username.as_str(), c.password.as_str()), ("a", "b"));
        let c = find(&f, "docker.io", "library/x")
            .expect("found")
            .expect("ok");
        assert_eq!(c.username, "e");
        assert!(find(&f, "reg:50001", "x").is_none());
    }
}
