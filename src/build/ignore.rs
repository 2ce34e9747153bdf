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

/// The pattern matches the path or one of its parents. In one pass over
/// (pattern part, path component) pairs, so that a pattern of many `**`
/// costs their product, not the number of ways they can split the path.
fn matches_or_parent(pat: &[String], path: &[&str]) -> bool {
    let cols = path.len() + 1;
    // reach[i * cols + j]: the first i parts can match the first j
    // components exactly.
    let mut reach = vec![false; (pat.len() + 1) * cols];
    reach[0] = true;
    for (i, part) in pat.iter().enumerate() {
        for j in 0..cols {
            if !reach[i * cols + j] {
                continue;
            }
            if part == "**" {
                // Nothing more, or one component more (the rest follows
                // from (i, j + 1)).
                reach[(i + 1) * cols + j] = true;
                if j < path.len() {
                    reach[i * cols + j + 1] = true;
                }
            } else if j < path.len() && glob(part, path[j]) {
                reach[(i + 1) * cols + j + 1] = true;
            }
        }
    }
    reach[pat.len() * cols + 1..].iter().any(|r| *r)
}

/// One element of a component's glob.
#[derive(Debug)]
enum Token {
    /// `*`: any run of characters.
    Star,
    /// `?`: any one character.
    Any,
    /// A literal character (`\x` is `x`).
    Char(char),
    /// `[...]`: one character in (or, negated, not in) the ranges.
    Class {
        ranges: Vec<(char, char)>,
        negate: bool,
    },
}

impl Token {
    fn matches(&self, c: char) -> bool {
        match self {
            Token::Star | Token::Any => true,
            Token::Char(x) => *x == c,
            Token::Class { ranges, negate } => {
                ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi) != *negate
            }
        }
    }
}

fn tokens(p: &[char]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => {
                out.push(Token::Star);
                i += 1;
            }
            '?' => {
                out.push(Token::Any);
                i += 1;
            }
            '\\' if i + 1 < p.len() => {
                out.push(Token::Char(p[i + 1]));
                i += 2;
            }
            '[' => {
                i += 1;
                let negate = matches!(p.get(i), Some('^' | '!'));
                if negate {
                    i += 1;
                }
                let mut ranges = Vec::new();
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
                        ranges.push((lo, p[i + 2]));
                        i += 3;
                    } else {
                        ranges.push((lo, lo));
                        i += 1;
                    }
                }
                // Past the `]` (an unclosed class takes the rest).
                i += 1;
                out.push(Token::Class { ranges, negate });
            }
            c => {
                out.push(Token::Char(c));
                i += 1;
            }
        }
    }
    out
}

/// Go's filepath.Match for one component (`**` inside a component is `*`).
/// Each `*` is tried at the shortest run first and widened only when what
/// follows fails, going back to the last `*` alone: time in proportion to
/// the pattern's length times the name's, whatever the pattern (trying
/// every split at every `*` made `*a*a*...*b` against a long name take
/// for ever).
fn glob(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let t = tokens(&p);
    let (mut ti, mut ni) = (0, 0);
    // The last `*` seen, and where in the name its run ends now.
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match t.get(ti) {
            Some(Token::Star) => {
                star = Some((ti, ni));
                ti += 1;
            }
            Some(tok) if tok.matches(n[ni]) => {
                ti += 1;
                ni += 1;
            }
            _ => match star {
                Some((st, sn)) => {
                    star = Some((st, sn + 1));
                    ti = st + 1;
                    ni = sn + 1;
                }
                None => return false,
            },
        }
    }
    t[ti..].iter().all(|x| matches!(x, Token::Star))
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
        assert!(glob("[]a]", "]") && glob("[!]]", "x") && !glob("[!]]", "]"));
        assert!(glob("[a\\]]", "]") && !glob("[a\\]]", "b"));
    }

    /// The matcher as it was, trying every split at each `*` and `**`:
    /// right, but exponential in their number.
    fn glob_ref(t: &[Token], n: &[char]) -> bool {
        match t.first() {
            None => n.is_empty(),
            Some(Token::Star) => (0..=n.len()).any(|k| glob_ref(&t[1..], &n[k..])),
            Some(tok) => n.first().is_some_and(|c| tok.matches(*c)) && glob_ref(&t[1..], &n[1..]),
        }
    }

    fn matches_ref(pat: &[String], path: &[&str]) -> bool {
        match pat.split_first() {
            None => path.is_empty(),
            Some((p, rest)) if p == "**" => {
                (0..=path.len()).any(|skip| matches_ref(rest, &path[skip..]))
            }
            Some((p, rest)) => match path.split_first() {
                Some((c, more)) => glob(p, c) && matches_ref(rest, more),
                None => false,
            },
        }
    }

    /// Every string of `alphabet`'s items up to `max` of them.
    fn words(alphabet: &[&str], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_linear_matchers_agree_with_trying_every_split() {
        let pats = words(&["a", "b", "*", "?", "[ab]", "[!a]", "\\*"], 4);
        let names = words(&["a", "b", "*"], 5);
        for p in &pats {
            let t = tokens(&p.chars().collect::<Vec<char>>());
            for n in &names {
                let nc: Vec<char> = n.chars().collect();
                assert_eq!(glob(p, n), glob_ref(&t, &nc), "{p:?} against {n:?}");
            }
        }
        let pats = words(&["a/", "*/", "**/", "b/"], 4);
        let paths = words(&["a/", "b/"], 5);
        for p in &pats {
            let pat: Vec<String> = p
                .split('/')
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            for path in &paths {
                let comps: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
                let want = (1..=comps.len()).any(|n| matches_ref(&pat, &comps[..n]));
                assert_eq!(
                    matches_or_parent(&pat, &comps),
                    want,
                    "{p:?} against {path:?}"
                );
            }
        }
    }

    /// Patterns that made the old matchers try every split of a long name
    /// or a deep path (a hostile context's .dockerignore, or a COPY
    /// source): answered, not hung.
    #[test]
    fn many_stars_against_a_long_name_are_answered() {
        let name = "a".repeat(64);
        let stars = format!("{}b", "*a".repeat(16));
        assert!(!glob(&stars, &name));
        assert!(glob(&format!("{}*", "*a".repeat(16)), &name));
        let ig = Ignore::parse(&format!("{stars}\n{}x\n", "**/".repeat(30))).expect("parse");
        let deep = vec!["d"; 200].join("/");
        assert!(!ig.excluded(&format!("{deep}/{name}")));
        assert!(ig.excluded(&format!("{deep}/x/y")));
    }
}
