//! `--filter name=...` as podman reads it: a regular expression that may
//! match anywhere in the name (`web` and `web*` both match `webserver`;
//! `^web$` only `web`).

use std::cell::RefCell;
use std::collections::HashMap;

use anyhow::{anyhow, Result};
use regex::Regex;

thread_local! {
    // A listing tests every entry against the same few patterns.
    static COMPILED: RefCell<HashMap<String, Regex>> = RefCell::new(HashMap::new());
}

/// Whether `name` matches the filter value `pattern`.
pub fn name_matches(pattern: &str, name: &str) -> Result<bool> {
    COMPILED.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(re) = c.get(pattern) {
            return Ok(re.is_match(name));
        }
        let re = Regex::new(pattern).map_err(|e| {
            anyhow!("--filter name={pattern}: not a regular expression ({e}); a plain name or part of one matches too")
        })?;
        let m = re.is_match(name);
        c.insert(pattern.to_string(), re);
        Ok(m)
    })
}

/// A filter value that is no regular expression, as the error podman gives.
pub fn check(pattern: &str) -> Result<()> {
    name_matches(pattern, "").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::name_matches;

    #[test]
    fn a_filter_is_an_unanchored_regular_expression() {
        assert!(name_matches("web", "webserver").unwrap());
        assert!(name_matches("web*", "webserver").unwrap());
        assert!(name_matches("server", "webserver").unwrap());
        assert!(!name_matches("^server", "webserver").unwrap());
        assert!(name_matches("^web$", "web").unwrap());
        assert!(!name_matches("^web$", "webserver").unwrap());
        assert!(name_matches("a.c", "abc").unwrap());
        assert!(name_matches("(", "x").is_err());
    }
}
