//! Words of a Dockerfile instruction as Docker reads them: quotes,
//! the escape character, and variable substitution (`$VAR`, `${VAR}`,
//! `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`,
//! `${VAR:?message}`). Pure logic.

use anyhow::{bail, Result};

/// Variables visible to a substitution: the name's value, if it is set.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Split `s` on whitespace outside quotes; quotes and escapes stay in the
/// words (each is expanded later with [`expand`]).
pub fn split(s: &str, escape: char) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    let mut in_word = false;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                cur.push(c);
                if c == escape && q == '"' {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            None => {
                in_word = true;
                cur.push(c);
                if c == escape {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                } else if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// One word with its quotes removed, escapes applied and variables
/// substituted.
pub fn expand(word: &str, vars: Lookup<'_>, escape: char) -> Result<String> {
    expand_in(word, vars, escape, 0)
}

/// Substitutions nest at most this deep (`${A:-${B:-...}}`).
const MAX_NESTING: usize = 32;

fn expand_in(word: &str, vars: Lookup<'_>, escape: char, depth: usize) -> Result<String> {
    if depth > MAX_NESTING {
        bail!("substitutions nest deeper than {MAX_NESTING} levels");
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let end = chars[i + 1..]
                .iter()
                .position(|&x| x == '\'')
                .map(|p| i + 1 + p);
            let Some(end) = end else {
                bail!("unmatched ' in {word:?}");
            };
            out.extend(&chars[i + 1..end]);
            i = end + 1;
        } else if c == '"' {
            i += 1;
            loop {
                let Some(&d) = chars.get(i) else {
                    bail!("unmatched \" in {word:?}");
                };
                if d == '"' {
                    i += 1;
                    break;
                }
                if d == escape && matches!(chars.get(i + 1), Some('"' | '$')) {
                    out.push(chars[i + 1]);
                    i += 2;
                } else if d == escape && chars.get(i + 1) == Some(&escape) {
                    out.push(escape);
                    i += 2;
                } else if d == '$' {
                    i = substitute(&chars, i, vars, escape, &mut out, depth)?;
                } else {
                    out.push(d);
                    i += 1;
                }
            }
        } else if c == escape {
            if let Some(&n) = chars.get(i + 1) {
                out.push(n);
            }
            i += 2;
        } else if c == '$' {
            i = substitute(&chars, i, vars, escape, &mut out, depth)?;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// Substitute the variable at `chars[i]` (a `$`) into `out`; the index
/// after it.
fn substitute(
    chars: &[char],
    i: usize,
    vars: Lookup<'_>,
    escape: char,
    out: &mut String,
    depth: usize,
) -> Result<usize> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    match chars.get(i + 1) {
        Some('{') => {
            // Find the matching brace (nested ${...} in a default).
            let mut braces = 0;
            let mut end = None;
            for (j, &c) in chars.iter().enumerate().skip(i + 1) {
                match c {
                    '{' => braces += 1,
                    '}' => {
                        braces -= 1;
                        if braces == 0 {
                            end = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                let text: String = chars[i..].iter().collect();
                bail!("missing '}}' in {text:?}");
            };
            let inner: String = chars[i + 2..end].iter().collect();
            let name_len = inner.chars().take_while(|&c| is_name(c)).count();
            let (name, rest) = inner.split_at(name_len);
            if name.is_empty() {
                bail!("bad substitution ${{{inner}}}");
            }
            let value = vars(name);
            let text = match rest {
                "" => value.unwrap_or_default(),
                r => {
                    // The operator: one or two characters (not bytes).
                    let op_len = if r.starts_with(':') { 2 } else { 1 };
                    let cut = r.char_indices().nth(op_len).map_or(r.len(), |(i, _)| i);
                    let (op, word) = r.split_at(cut);
                    let set = value.is_some();
                    let non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
                    // A default is a word of the Dockerfile (quotes and
                    // escapes), or, in Compose's interpolation (`$` as the
                    // escape), text with variables.
                    let word = || {
                        if escape == '$' {
                            expand_vars_in(word, vars, escape, depth + 1)
                        } else {
                            expand_in(word, vars, escape, depth + 1)
                        }
                    };
                    match op {
                        ":-" => {
                            if non_empty {
                                value.unwrap_or_default()
                            } else {
                                word()?
                            }
                        }
                        "-" => {
                            if set {
                                value.unwrap_or_default()
                            } else {
                                word()?
                            }
                        }
                        ":+" => {
                            if non_empty {
                                word()?
                            } else {
                                String::new()
                            }
                        }
                        "+" => {
                            if set {
                                word()?
                            } else {
                                String::new()
                            }
                        }
                        ":?" | "?" => {
                            let ok = if op == ":?" { non_empty } else { set };
                            if !ok {
                                let msg = word()?;
                                bail!(
                                    "{name}: {}",
                                    if msg.is_empty() {
                                        "is not allowed to be unset"
                                    } else {
                                        &msg
                                    }
                                );
                            }
                            value.unwrap_or_default()
                        }
                        _ => bail!("unsupported modifier {op:?} in ${{{inner}}}"),
                    }
                }
            };
            out.push_str(&text);
            Ok(end + 1)
        }
        Some(&c) if is_name(c) => {
            let len = chars[i + 1..].iter().take_while(|&&c| is_name(c)).count();
            let name: String = chars[i + 1..i + 1 + len].iter().collect();
            out.push_str(&vars(&name).unwrap_or_default());
            Ok(i + 1 + len)
        }
        _ => {
            out.push('$');
            Ok(i + 1)
        }
    }
}

/// Substitute variables in a here-document's body: `$VAR`, `${...}` and
/// the escaped `\$`; quotes and other backslashes stay as written.
/// With `$` as the escape it is Compose's interpolation: `$$` is a `$`.
pub fn expand_vars(s: &str, vars: Lookup<'_>, escape: char) -> Result<String> {
    expand_vars_in(s, vars, escape, 0)
}

fn expand_vars_in(s: &str, vars: Lookup<'_>, escape: char, depth: usize) -> Result<String> {
    if depth > MAX_NESTING {
        bail!("substitutions nest deeper than {MAX_NESTING} levels");
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            c if c == escape && chars.get(i + 1) == Some(&'$') => {
                out.push('$');
                i += 2;
            }
            '$' => i = substitute(&chars, i, vars, escape, &mut out, depth)?,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Expand each word of `s` (split on whitespace outside quotes).
pub fn expand_words(s: &str, vars: Lookup<'_>, escape: char) -> Result<Vec<String>> {
    split(s, escape)
        .iter()
        .map(|w| expand(w, vars, escape))
        .collect()
}

/// `KEY=VALUE ...` pairs (ENV, LABEL, ARG), or the old form `KEY VALUE
/// WITH SPACES` (one pair) when `legacy` allows it; keys and values
/// expanded. A word without `=` is a key without a value (ARG).
pub fn pairs(
    s: &str,
    vars: Lookup<'_>,
    escape: char,
    legacy: bool,
) -> Result<Vec<(String, Option<String>)>> {
    let words = split(s, escape);
    let Some(first) = words.first() else {
        bail!("needs at least one argument");
    };
    if legacy && !first.contains('=') {
        let key = expand(first, vars, escape)?;
        let rest = s.trim_start()[first.len()..].trim();
        if rest.is_empty() {
            bail!("{key} needs a value (KEY VALUE or KEY=VALUE)");
        }
        return Ok(vec![(key, Some(expand(rest, vars, escape)?))]);
    }
    let mut out = Vec::new();
    for w in &words {
        match w.split_once('=') {
            Some((k, v)) => {
                let key = expand(k, vars, escape)?;
                if key.is_empty() {
                    bail!("a key is missing in {w:?}");
                }
                out.push((key, Some(expand(v, vars, escape)?)));
            }
            None => out.push((expand(w, vars, escape)?, None)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(n: &str) -> Option<String> {
        match n {
            "A" => Some("one".into()),
            "E" => Some(String::new()),
            "P" => Some("/usr/local".into()),
            _ => None,
        }
    }

    fn x(s: &str) -> String {
        expand(s, &vars, '\\').expect(s)
    }

    #[test]
    fn substitution_as_docker_does_it() {
        assert_eq!(x("$A"), "one");
        assert_eq!(x("${A}x"), "onex");
        assert_eq!(x("$Ax"), "");
        assert_eq!(x("${P}/bin"), "/usr/local/bin");
        assert_eq!(x("${U:-def}"), "def");
        assert_eq!(x("${E:-def}"), "def");
        assert_eq!(x("${E-def}"), "");
        assert_eq!(x("${A:-def}"), "one");
        assert_eq!(x("${A:+alt}"), "alt");
        assert_eq!(x("${U:+alt}"), "");
        assert_eq!(x("${E+alt}"), "alt");
        assert_eq!(x("${U:-${A}2}"), "one2");
        assert_eq!(x("'$A'"), "$A");
        assert_eq!(x("\"$A b\""), "one b");
        assert_eq!(x("\\$A"), "$A");
        assert_eq!(x("a\\ b"), "a b");
        assert_eq!(x("cost$"), "cost$");
        assert_eq!(expand("`$A", &vars, '`').expect("tick"), "$A");
        assert!(expand("${U:?must be set}", &vars, '\\').is_err());
        assert!(expand("${Aé}", &vars, '\\').is_err());
        assert!(expand("${A:é}", &vars, '\\').is_err());
        assert_eq!(
            expand_vars("echo 'single $A' \"q\" C:\\\\d \\$A", &vars, '\\').expect("vars"),
            "echo 'single one' \"q\" C:\\\\d $A"
        );
        assert!(expand("${A", &vars, '\\').is_err());
        let deep = format!("{}x{}", "${U:-".repeat(1000), "}".repeat(1000));
        assert!(expand(&deep, &vars, '\\').is_err());
        let fine = format!("{}x{}", "${U:-".repeat(10), "}".repeat(10));
        assert_eq!(expand(&fine, &vars, '\\').expect("nested"), "x");
        assert!(expand("'open", &vars, '\\').is_err());
    }

    #[test]
    fn words_and_pairs() {
        assert_eq!(
            split(r#"a "b c" d\ e 'f g'"#, '\\'),
            [r"a", "\"b c\"", r"d\ e", "'f g'"]
        );
        let p = pairs(r#"K=v L="two words" M=${A}"#, &vars, '\\', true).expect("pairs");
        assert_eq!(
            p,
            [
                ("K".into(), Some("v".into())),
                ("L".into(), Some("two words".into())),
                ("M".into(), Some("one".into()))
            ]
        );
        let legacy = pairs("K some value $A", &vars, '\\', true).expect("legacy");
        assert_eq!(legacy, [("K".into(), Some("some value one".into()))]);
        let arg = pairs("NAME", &vars, '\\', false).expect("arg");
        assert_eq!(arg, [("NAME".into(), None)]);
    }
}
