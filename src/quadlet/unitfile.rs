//! systemd unit files as systemd reads them: `[Group]` headers, `Key=Value`
//! lines, `#` and `;` comments, a trailing `\` continuing a line; each
//! entry keeps its line for errors. Values split into words as `ExecStart=`
//! does (quotes, C escapes), and words are written back escaped.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// One `Key=Value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// One `[Group]` and its entries, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub line: usize,
    pub entries: Vec<Entry>,
}

/// A parsed unit file.
#[derive(Debug, Clone)]
pub struct UnitFile {
    pub path: PathBuf,
    pub groups: Vec<Group>,
}

impl UnitFile {
    /// Parse `text` read from `path`; an error names the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<UnitFile> {
        let shown = path.display();
        let mut groups: Vec<Group> = Vec::new();
        let mut lines = text.lines().enumerate().peekable();
        while let Some((i, raw)) = lines.next() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if line.starts_with('[') {
                let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) else {
                    bail!("{shown}:{n}: {line:?} is not a [Group] header");
                };
                if name.is_empty() || name.contains(['[', ']']) {
                    bail!("{shown}:{n}: {line:?} is not a [Group] header");
                }
                groups.push(Group {
                    name: name.to_string(),
                    line: n,
                    entries: Vec::new(),
                });
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                bail!("{shown}:{n}: {line:?} is not a Key=Value line, a [Group] or a comment");
            };
            let key = key.trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            {
                bail!("{shown}:{n}: {key:?} is not a key name");
            }
            let Some(group) = groups.last_mut() else {
                bail!("{shown}:{n}: {key}= comes before any [Group] header");
            };
            // A trailing backslash continues the value on the next line
            // (comment lines in between are skipped).
            let mut value = value.trim().to_string();
            while value.ends_with('\\') {
                value.pop();
                let mut next = None;
                while let Some((_, more)) = lines.peek() {
                    let more = more.trim();
                    if more.starts_with('#') || more.starts_with(';') {
                        lines.next();
                        continue;
                    }
                    next = lines.next().map(|(_, l)| l.trim().to_string());
                    break;
                }
                match next {
                    Some(more) => {
                        value.push(' ');
                        value.push_str(&more);
                    }
                    None => break,
                }
            }
            group.entries.push(Entry {
                key: key.to_string(),
                value: value.trim().to_string(),
                line: n,
            });
        }
        Ok(UnitFile {
            path: path.to_path_buf(),
            groups,
        })
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// Every entry of every `[group]` of the file, in order.
    pub fn entries<'a>(
        &'a self,
        group: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a Entry> + 'a {
        self.groups
            .iter()
            .filter(move |g| g.name == group)
            .flat_map(|g| g.entries.iter())
    }

    /// The last value of `key` in `group`.
    pub fn last<'a>(&'a self, group: &'a str, key: &str) -> Option<&'a Entry> {
        self.entries(group).rfind(|e| e.key == key)
    }

    /// Every value of `key` in `group`, in order; an empty one clears
    /// those before it, as in systemd.
    pub fn all<'a>(&'a self, group: &'a str, key: &str) -> Vec<&'a Entry> {
        let mut out = Vec::new();
        for e in self.entries(group).filter(|e| e.key == key) {
            if e.value.is_empty() {
                out.clear();
            } else {
                out.push(e);
            }
        }
        out
    }

    /// Merge a drop-in's groups: its entries come after ours.
    pub fn extend(&mut self, other: UnitFile) {
        for g in other.groups {
            match self.groups.iter_mut().find(|x| x.name == g.name) {
                Some(mine) => mine.entries.extend(g.entries),
                None => self.groups.push(g),
            }
        }
    }
}

/// A boolean as systemd reads one.
pub fn boolean(e: &Entry) -> Result<bool> {
    match e.value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Ok(true),
        "0" | "no" | "false" | "off" => Ok(false),
        _ => bail!("{}={}: not a boolean (use yes or no)", e.key, e.value),
    }
}

/// Split a value into words as systemd splits `ExecStart=`: whitespace
/// between words, `'...'` and `"..."` quote, C escapes (`\n`, `\t`, `\\`,
/// `\"`, `\'`, `\s`, `\xHH`, ...) are decoded; any other escape is an
/// error.
pub fn split_words(value: &str) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(words);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (c, quote) {
                ('\\', _) => {
                    let Some(e) = chars.next() else {
                        bail!("{value:?} ends with a lone backslash");
                    };
                    word.push(match e {
                        'a' => '\x07',
                        'b' => '\x08',
                        'f' => '\x0c',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'v' => '\x0b',
                        's' => ' ',
                        '\\' | '"' | '\'' => e,
                        'x' => {
                            let hex: String = (0..2).filter_map(|_| chars.next()).collect();
                            u8::from_str_radix(&hex, 16)
                                .map(char::from)
                                .map_err(|_| anyhow::anyhow!("bad \\x escape in {value:?}"))?
                        }
                        other => bail!("unsupported escape \\{other} in {value:?}"),
                    });
                }
                (q @ ('"' | '\''), None) => quote = Some(q),
                (q, Some(open)) if q == open => quote = None,
                (c, None) if c.is_whitespace() => break,
                (c, _) => word.push(c),
            }
        }
        if quote.is_some() {
            bail!("{value:?} has an unclosed quote");
        }
        words.push(word);
    }
}

/// Words for an `ExecStart=` line: each that needs it quoted with `"`
/// and escaped, so systemd reads back the same words.
pub fn join_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let plain = !w.is_empty()
                && !w
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\'));
            if plain {
                return w.clone();
            }
            let mut q = String::from("\"");
            for c in w.chars() {
                match c {
                    '"' => q.push_str("\\\""),
                    '\\' => q.push_str("\\\\"),
                    '\n' => q.push_str("\\n"),
                    '\t' => q.push_str("\\t"),
                    ' ' => q.push(' '),
                    c if c.is_control() => q.push_str(&format!("\\x{:02x}", c as u32)),
                    c => q.push(c),
                }
            }
            q.push('"');
            q
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_entries_continuations_and_errors() {
        let text = "# c\n[Unit]\nDescription=web\n\n[Container]\nImage=busybox\nExec=sh -c \\\n# skipped\n  'echo hi'\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\n";
        let f = UnitFile::parse(Path::new("/q/web.container"), text).expect("parse");
        assert_eq!(f.groups.len(), 2);
        assert_eq!(f.last("Container", "Image").map(|e| e.line), Some(6));
        assert_eq!(
            f.last("Container", "Exec").map(|e| e.value.as_str()),
            Some("sh -c  'echo hi'")
        );
        let env: Vec<&str> = f
            .all("Container", "Environment")
            .iter()
            .map(|e| e.value.as_str())
            .collect();
        assert_eq!(env, ["B=2"]);
        for (bad, want) in [
            ("Image=x\n", "/q/b:1: Image= comes before any [Group]"),
            ("[Container]\njunk\n", "/q/b:2: \"junk\" is not a Key=Value"),
            ("[Container\n", "/q/b:1:"),
            (
                "[Container]\nIm age=x\n",
                "/q/b:2: \"Im age\" is not a key name",
            ),
        ] {
            let e = UnitFile::parse(Path::new("/q/b"), bad)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn words_split_and_join_as_systemd_reads_them() {
        let w = split_words(r#"sh -c "echo \"hi there\"" 'a b' x\x41 \s"#).expect("split");
        assert_eq!(w, ["sh", "-c", "echo \"hi there\"", "a b", "xA", " "]);
        assert_eq!(split_words(&join_words(&w)).expect("again"), w);
        assert!(split_words(r"bad\q").is_err());
        assert!(split_words("'open").is_err());
        assert_eq!(join_words(&["a".into(), String::new()]), "a \"\"");
    }
}
