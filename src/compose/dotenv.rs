//! `.env` and `env_file:` files as Compose reads them (compose-go's
//! dotenv): `KEY=VALUE` (or `KEY: VALUE`), `export KEY=VALUE`, comments,
//! and a bare `KEY`, whose value comes from the environment (else it is
//! not set). An unquoted value ends at the line's end or at ` #`, and its
//! variables are interpolated (`${VAR:-x}` and the rest, as in a Compose
//! file); a single-quoted one is taken as written; a double-quoted one
//! has its escapes (`\n`, `\t`, `\"`, `\\`, `\$`, ...) and then its
//! variables expanded. Quoted values may span lines. Variables are looked
//! up in the environment first, then in the values set earlier. Pure
//! logic.

use anyhow::{bail, Result};

use crate::build::words::{self, Lookup};

/// The variables `text` sets, in order; `env` is the environment they
/// are interpolated from (and bare keys read). Errors name the line.
pub fn parse(text: &str, env: Lookup<'_>) -> Result<Vec<(String, String)>> {
    // A byte-order mark (Windows editors write one) is no part of a key.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        chars: &chars,
        at: 0,
        line: 1,
    };
    let mut out: Vec<(String, String)> = Vec::new();
    while p.statement_start() {
        let line = p.line;
        let (key, bare) = p.key()?;
        let lookup = |k: &str| {
            env(k).or_else(|| {
                out.iter()
                    .rev()
                    .find(|(name, _)| name == k)
                    .map(|(_, v)| v.clone())
            })
        };
        let value = if bare {
            lookup(&key)
        } else {
            Some(
                p.value(&lookup)
                    .map_err(|e| anyhow::anyhow!("line {line}: {key}: {e:#}"))?,
            )
        };
        if let Some(v) = value {
            out.push((key, v));
        }
    }
    Ok(out)
}

/// An `env_file` of `format: raw`, read as `docker run --env-file` reads
/// one: `KEY=VALUE` lines taken as written (no quotes, no variables), a
/// bare `KEY` from the environment, `#` lines skipped.
pub fn parse_raw(text: &str, env: Lookup<'_>) -> Result<Vec<(String, String)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (line.trim_end(), None),
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            bail!("line {}: {line:?} is not KEY=VALUE", n + 1);
        }
        if let Some(v) = value.or_else(|| env(key)) {
            out.push((key.to_string(), v));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
    line: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// Spaces and tabs, not line ends.
    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\r' | '\x0b' | '\x0c')) {
            self.bump();
        }
    }

    /// Past blank lines and comments to the next statement; whether there
    /// is one.
    fn statement_start(&mut self) -> bool {
        loop {
            match self.peek() {
                None => return false,
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('#') => while !matches!(self.bump(), None | Some('\n')) {},
                Some(_) => return true,
            }
        }
    }

    /// The key, after `export`; whether it is bare (no `=` or `:`).
    fn key(&mut self) -> Result<(String, bool)> {
        let rest: String = self.chars[self.at..].iter().take(7).collect();
        if rest.starts_with("export") && rest[6..].starts_with([' ', '\t']) {
            self.at += 6;
            self.skip_blanks();
        }
        let line = self.line;
        let mut key = String::new();
        let bare = loop {
            match self.bump() {
                None | Some('\n') => break true,
                Some('=' | ':') => break false,
                Some(c)
                    if c.is_alphanumeric()
                        || matches!(c, '_' | '.' | '-' | '[' | ']' | ' ' | '\t' | '\r') =>
                {
                    key.push(c)
                }
                Some(c) => bail!(
                    "line {line}: unexpected character {c:?} in the variable name {:?}",
                    format!("{key}{c}")
                ),
            }
        };
        let key = key.trim_end().to_string();
        if key.contains([' ', '\t']) {
            bail!("line {line}: the variable name {key:?} has a space in it");
        }
        if key.is_empty() {
            bail!("line {line}: a value without a variable name");
        }
        Ok((key, bare))
    }

    /// The value after `=`, up to the line's end (or the closing quote).
    fn value(&mut self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String> {
        self.skip_blanks();
        let quote = match self.peek() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                let mut raw = String::new();
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    raw.push(c);
                    self.bump();
                }
                let raw = raw.split(" #").next().unwrap_or("").trim_end();
                return words::expand_vars(raw, lookup, '$');
            }
        };
        self.bump();
        let mut raw = String::new();
        let mut escaped = false;
        loop {
            let Some(c) = self.bump() else {
                bail!("the quoted value has no closing {quote}");
            };
            if c == quote && !escaped {
                break;
            }
            if c == '\\' && !escaped {
                escaped = true;
                continue;
            }
            // An escaped closing quote is the quote; any other escape is
            // kept whole for what follows.
            if escaped && c != quote {
                raw.push('\\');
            }
            escaped = false;
            raw.push(c);
        }
        // Only blanks and a comment may follow on the line.
        self.skip_blanks();
        match self.peek() {
            None | Some('\n') => {}
            Some('#') => while !matches!(self.bump(), None | Some('\n')) {},
            Some(c) => bail!("{c:?} after the closing {quote} (quote the whole value)"),
        }
        if quote == '\'' {
            return Ok(raw);
        }
        words::expand_vars(&unescape(&raw), lookup, '$')
    }
}

/// A double-quoted value's escapes as compose-go expands them: `\a \b \f
/// \n \r \t \v \" \\`, `\0` and up to three octal digits; `\$` becomes
/// `$$` (a literal `$` to the interpolation that follows); any other
/// backslash stays.
fn unescape(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c != '\\' || next.is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        let simple = match next {
            Some('a') => Some("\x07"),
            Some('b') => Some("\x08"),
            Some('f') => Some("\x0c"),
            Some('n') => Some("\n"),
            Some('r') => Some("\r"),
            Some('t') => Some("\t"),
            Some('v') => Some("\x0b"),
            Some('"') => Some("\""),
            Some('\\') => Some("\\"),
            Some('$') => Some("$$"),
            _ => None,
        };
        if let Some(s) = simple {
            out.push_str(s);
            i += 2;
            continue;
        }
        if next == Some('0') {
            // As compose-go: `\0` and up to three digits; exactly three
            // octal ones (at most 0377) are that byte's character, else
            // the `0` is dropped and the rest stays as written.
            let digits: String = chars[i + 2..]
                .iter()
                .take(3)
                .take_while(|d| d.is_ascii_digit())
                .collect();
            i += 2 + digits.len();
            match u32::from_str_radix(&digits, 8) {
                Ok(n) if digits.len() == 3 && n <= 0o377 => {
                    out.push(char::from_u32(n).unwrap_or('\u{fffd}'))
                }
                _ => {
                    out.push('\\');
                    out.push_str(&digits);
                }
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(k: &str) -> Option<String> {
        match k {
            "HOME" => Some("/home/u".into()),
            "SHELL_ONLY" => Some("from-shell".into()),
            _ => None,
        }
    }

    fn parsed(text: &str) -> Vec<(String, String)> {
        parse(text, &env).expect("parse")
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_forms_compose_reads() {
        assert_eq!(
            parsed("# c\nA=1\nexport B=\"two words\"\nC=x # comment\n\nD='$E'\nE: yaml\n  F = spaced \n"),
            pairs(&[
                ("A", "1"),
                ("B", "two words"),
                ("C", "x"),
                ("D", "$E"),
                ("E", "yaml"),
                ("F", "spaced")
            ])
        );
        // `#` without a space before it is part of the value.
        assert_eq!(parsed("A=a#b\n"), pairs(&[("A", "a#b")]));
        // Empty values; the last line without a line end.
        assert_eq!(
            parsed("A=\nB=\"\"\nC=last"),
            pairs(&[("A", ""), ("B", ""), ("C", "last")])
        );
    }

    #[test]
    fn variables_from_the_environment_then_earlier_lines() {
        assert_eq!(
            parsed("BASE=/srv\nDATA=${BASE}/data\nH=$HOME\nD=${UNSET:-dflt}\nQ=\"${BASE}/q\"\nS='${BASE}'\nL=$$literal\n"),
            pairs(&[
                ("BASE", "/srv"),
                ("DATA", "/srv/data"),
                ("H", "/home/u"),
                ("D", "dflt"),
                ("Q", "/srv/q"),
                ("S", "${BASE}"),
                ("L", "$literal")
            ])
        );
        // The environment wins over the file's own earlier value.
        assert_eq!(
            parsed("HOME=/elsewhere\nX=$HOME\n"),
            pairs(&[("HOME", "/elsewhere"), ("X", "/home/u")])
        );
        assert!(parse("A=${NEEDED:?set NEEDED}\n", &env)
            .unwrap_err()
            .to_string()
            .contains("set NEEDED"));
    }

    #[test]
    fn octal_escapes_and_a_byte_order_mark_as_compose_go() {
        assert_eq!(
            parsed("\u{feff}A=\"x\\0101y \\012 \\0 \\09\"\n"),
            pairs(&[("A", "xAy \\12 \\ \\9")])
        );
    }

    #[test]
    fn raw_files_are_taken_as_written() {
        assert_eq!(
            parse_raw("# c\nA=\"q\" $HOME # x\nSHELL_ONLY\nNOWHERE\n", &env).expect("raw"),
            pairs(&[("A", "\"q\" $HOME # x"), ("SHELL_ONLY", "from-shell")])
        );
        assert!(parse_raw("A B=1\n", &env).is_err());
    }

    #[test]
    fn bare_keys_come_from_the_environment() {
        assert_eq!(
            parsed("SHELL_ONLY\nNOWHERE\nA=1\n"),
            pairs(&[("SHELL_ONLY", "from-shell"), ("A", "1")])
        );
    }

    #[test]
    fn quotes_escapes_and_lines() {
        assert_eq!(
            parsed("A=\"line1\\nline2\\t\\\"q\\\" \\\\ \\$HOME\"\n"),
            pairs(&[("A", "line1\nline2\t\"q\" \\ $HOME")])
        );
        assert_eq!(parsed("B='a\\'b \\n'\n"), pairs(&[("B", "a'b \\n")]));
    }

    #[test]
    fn multiline_values_and_errors_with_lines() {
        assert_eq!(
            parsed("K=\"-----BEGIN-----\nabc\n-----END-----\"\nN=1\n"),
            pairs(&[("K", "-----BEGIN-----\nabc\n-----END-----"), ("N", "1")])
        );
        assert_eq!(parsed("P='one\ntwo' # c\n"), pairs(&[("P", "one\ntwo")]));
        let e = |t: &str| parse(t, &env).unwrap_err().to_string();
        assert!(
            e("A=1\nB=\"open\n\n").starts_with("line 2: B: "),
            "{}",
            e("A=1\nB=\"open\n\n")
        );
        assert!(
            e("A=1\nno way=2\n").contains("line 2"),
            "{}",
            e("A=1\nno way=2\n")
        );
        assert!(e("A=1\n\nB$=2\n").starts_with("line 3: unexpected character '$'"));
        assert!(e("A=\"x\" y\n").contains("after the closing"));
        assert!(e("=1\n").contains("without a variable name"));
    }
}
