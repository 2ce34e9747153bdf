//! `.dockerignore` / `.containerignore` rules, as Docker reads them
//! (moby's patternmatcher): one pattern a line, `#` comments, `!` for an
//! exception, paths cleaned and relative to the context, `*` and `?` and
//! `[...]` within one path component, `**` across any number of them; a
//! pattern that matches a directory matches everything below it; the last
//! matching pattern decides. Pure logic.

use anyhow::{bail, Result};

#[derive(Debug, Clone)]
struct Pattern {
    /// Components of the cleaned pattern.
    parts: Vec<String>,
    exception: bool,
}

/// A set of ignore rules.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    patterns: Vec<Pattern>,
}

impl Ignore {
    /// Parse the file's text.
    pub fn parse(text: &str) -> Result<Ignore> {
        let mut patterns = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let mut p = line.trim();
            if p.is_empty() || p.starts_with('#') {
                continue;
            }
            let exception = p.starts_with('!');
            if exception {
                p = p[1..].trim();
            }
            let parts = clean(p);
            if parts.is_empty() {
                continue; // "/" or "." only: Docker ignores it
            }
            for part in &parts {
                if !valid(part) {
                    bail!("line {} of the ignore file: bad pattern {line:?}", n + 1);
                }
            }
            patterns.push(Pattern { parts, exception });
        }
        Ok(Ignore { patterns })
    }

    /// No rules at all.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (relative to the context, `/`-separated) is left out.
    pub fn excluded(&self, path: &str) -> bool {
        let comps: Vec<&str> = path
            .split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .collect();
        let mut out = false;
        for p in &self.patterns {
            if p.exception == out && matches_or_parent(&p.parts, &comps) {
                out = !p.exception;
            }
        }
        out
    }

    /// Whether an excluded directory must still be walked: some exception
    /// may apply to what is below it.
    pub fn may_include_below(&self, dir: &str) -> bool {
        let comps: Vec<&str> = dir.split('/').filter(|c| !c.is_empty()).collect();
        self.patterns.iter().any(|p| {
            p.exception && {
                // The exception's leading components must be able to match
                // the directory's (or it has `**`).
                p.parts.iter().any(|x| x == "**")
                    || p.parts.len() > comps.len()
                        && p.parts.iter().zip(&comps).all(|(a, b)| glob(a, b))
            }
        })
    }
}

/// A pattern cleaned as Go's filepath.Clean, without a leading `/`.
fn clean(p: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c.to_string()),
        }
    }
    out
}

fn valid(part: &str) -> bool {
    // An unclosed class is an error in Go's filepath.Match.
    let mut in_class = false;
    let mut chars = part.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ => {}
        }
    }
    !in_class
}

/// The pattern matches the path or one of its parents.
fn matches_or_parent(pat: &[String], path: &[&str]) -> bool {
    (1..=path.len()).any(|n| matches(pat, &path[..n]))
}

fn matches(pat: &[String], path: &[&str]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((p, rest)) if p == "**" => (0..=path.len()).any(|skip| matches(rest, &path[skip..])),
        Some((p, rest)) => match path.split_first() {
            Some((c, more)) => glob(p, c) && matches(rest, more),
            None => false,
        },
    }
}

/// Go's filepath.Match for one component (`**` inside a component is `*`).
fn glob(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|k| glob_at(&p[1..], &n[k..])),
        Some('?') => !n.is_empty() && glob_at(&p[1..], &n[1..]),
        Some('[') => {
            let Some(&c) = n.first() else {
                return false;
            };
            let mut i = 1;
            let negate = matches!(p.get(1), Some('^' | '!'));
            if negate {
                i += 1;
            }
            let mut hit = false;
            let mut first = true;
            while i < p.len() && (p[i] != ']' || first) {
                first = false;
                let lo = if p[i] == '\\' {
                    i += 1;
                    p.get(i).copied().unwrap_or('\\')
                } else {
                    p[i]
                };
                if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|x| *x != ']') {
                    let hi = p[i + 2];
                    hit |= lo <= c && c <= hi;
                    i += 3;
                } else {
                    hit |= lo == c;
                    i += 1;
                }
            }
            hit != negate && glob_at(&p[(i + 1).min(p.len())..], &n[1..])
        }
        Some('\\') if p.len() > 1 => n.first() == Some(&p[1]) && glob_at(&p[2..], &n[1..]),
        Some(&c) => n.first() == Some(&c) && glob_at(&p[1..], &n[1..]),
    }
}

/// Whether `name` matches the glob `pat` (COPY sources: one component).
pub fn glob_component(pat: &str, name: &str) -> bool {
    glob(pat, name)
}

/// Whether a COPY source has glob characters.
pub fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_rules() {
        let ig = Ignore::parse(
            "# comment\n*.log\n!keep.log\n/build\nsecret/**\n**/*.tmp\ndocs/*/draft\n!docs/a/draft/ok\n",
        )
        .expect("parse");
        assert!(ig.excluded("x.log"));
        assert!(!ig.excluded("keep.log"));
        assert!(!ig.excluded("sub/x.log")); // `*` stays in one component
        assert!(ig.excluded("build"));
        assert!(ig.excluded("build/out/bin"));
        assert!(ig.excluded("secret/a/b"));
        assert!(ig.excluded("a/b/c.tmp"));
        assert!(ig.excluded("c.tmp"));
        assert!(ig.excluded("docs/a/draft/x"));
        assert!(!ig.excluded("docs/a/draft/ok"));
        assert!(ig.may_include_below("docs/a/draft"));
        assert!(!ig.may_include_below("build"));
        assert!(!ig.excluded("src/main.rs"));
        let all = Ignore::parse("*\n!src\n").expect("parse");
        assert!(all.excluded("README"));
        assert!(!all.excluded("src/lib.rs"));
        assert!(Ignore::parse("[a-\n").is_err());
    }

    #[test]
    fn globs() {
        assert!(glob("*.rs", "main.rs"));
        assert!(!glob("*.rs", "main.c"));
        assert!(glob("fil?", "file"));
        assert!(glob("[a-c]x", "bx"));
        assert!(!glob("[!a-c]x", "bx"));
        assert!(glob("\\*", "*"));
    }
}
