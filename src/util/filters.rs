//! `--filter KEY=VALUE` as podman combines several: the values of one key
//! are alternatives (`status=exited` and `status=created`), `label`'s all
//! required; every key required. `ps`, `pod ps` and `network ls` read
//! their filters so (until 2026-12-05 every filter was required, so two
//! values of one key matched nothing).

/// Whether something passes `filters`, `key` naming each filter's key
/// and `one` saying whether it passes that filter. Every filter is
/// asked, so a bad value is an error whatever the others say.
pub fn passes<T, E>(
    filters: &[T],
    key: impl Fn(&T) -> &str,
    mut one: impl FnMut(&T) -> Result<bool, E>,
) -> Result<bool, E> {
    let mut keys: Vec<(&str, bool, bool)> = Vec::new(); // (key, any, all)
    for f in filters {
        let m = one(f)?;
        match keys.iter_mut().find(|(k, _, _)| *k == key(f)) {
            Some((_, any, all)) => {
                *any |= m;
                *all &= m;
            }
            None => keys.push((key(f), m, m)),
        }
    }
    Ok(keys
        .iter()
        .all(|(k, any, all)| if *k == "label" { *all } else { *any }))
}

/// The key of a `KEY=VALUE` filter.
pub fn key_of(f: &str) -> &str {
    f.split_once('=').map_or(f, |(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_keys_values_are_alternatives_but_labels() {
        let has = |set: &[&str]| {
            let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
            move |f: &str| Ok::<bool, ()>(set.iter().any(|s| s == f))
        };
        let on = has(&["status=exited", "label=a", "name=x"]);
        let list = |fs: &[&str]| fs.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        let check = |fs: &[&str]| passes(&list(fs), |f| key_of(f), |f| on(f));
        assert_eq!(check(&["status=exited", "status=created"]), Ok(true));
        assert_eq!(check(&["status=exited", "name=y"]), Ok(false));
        assert_eq!(check(&["label=a", "label=b"]), Ok(false));
        assert_eq!(check(&[]), Ok(true));
        let bad = |f: &String| if f == "x=bad" { Err("bad") } else { Ok(true) };
        assert_eq!(
            passes(&list(&["x=ok", "x=bad"]), |f| key_of(f), bad),
            Err("bad")
        );
    }
}
