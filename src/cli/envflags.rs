//! The container's environment from the command line: `-e` and
//! `--env-file` entries as podman reads them (`run`, `create`, `exec`).

use anyhow::{bail, Context, Result};

/// `-e` and `--env-file` entries: `KEY=VALUE`; a bare `KEY` takes den's
/// value; `PREFIX*` takes each of den's variables that begin so, as
/// podman's (it was looked up as a variable named `PREFIX*`: none).
pub(super) fn expand_env(e: &str) -> Vec<String> {
    if e.contains('=') {
        return vec![e.to_string()];
    }
    if let Some(prefix) = e.strip_suffix('*') {
        let mut all: Vec<String> = std::env::vars()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        all.sort();
        return all;
    }
    std::env::var(e)
        .ok()
        .map(|v| format!("{e}={v}"))
        .into_iter()
        .collect()
}

/// KEY=VALUE lines; `#` comments and blank lines skipped; a bare KEY
/// takes den's value. `flag` is the one that named the file
/// (`--env-file`, `--build-arg-file`).
pub(super) fn read_env_file(path: &std::path::Path, flag: &str) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {} (check {flag})", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = line.split('=').next().unwrap_or("");
        if key.is_empty() || key.contains(char::is_whitespace) {
            bail!(
                "{} line {}: {line:?} is not KEY=VALUE",
                path.display(),
                n + 1
            );
        }
        out.extend(expand_env(line));
    }
    Ok(out)
}
