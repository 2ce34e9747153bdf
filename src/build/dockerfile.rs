//! Reading a Dockerfile (Containerfile) into stages of instructions, as
//! Docker's parser does: parser directives (`# escape=`, `# syntax=`),
//! line continuations, comments, here-documents, JSON (exec) and shell
//! forms, and `--flag=value` options. Variables are substituted later,
//! when each instruction runs ([`super::words`]). Pure logic.

use anyhow::{bail, Result};

/// What follows an instruction's keyword and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Args {
    /// `["a", "b"]`
    Json(Vec<String>),
    /// Anything else, as written (continuations joined).
    Shell(String),
}

/// A here-document (`<<EOF` ... `EOF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    pub name: String,
    pub body: String,
    /// Unquoted word: variables in the body are substituted.
    pub expand: bool,
}

/// One instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Its first line in the file.
    pub line: usize,
    /// Upper case: `RUN`, `COPY`, ...
    pub keyword: String,
    /// `--name=value` options, in order (`--link` alone: value "true").
    pub flags: Vec<(String, String)>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
}

impl Instruction {
    /// The value of flag `name` (the last one given).
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of flag `name`.
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The arguments as written (JSON re-joined with spaces).
    pub fn text(&self) -> String {
        match &self.args {
            Args::Shell(s) => s.clone(),
            Args::Json(v) => v.join(" "),
        }
    }

    /// As it was written (for history and cache keys): keyword, flags, args.
    pub fn display(&self) -> String {
        let mut s = self.keyword.clone();
        for (n, v) in &self.flags {
            s.push_str(&format!(" --{n}={v}"));
        }
        match &self.args {
            Args::Shell(t) => {
                s.push(' ');
                s.push_str(t);
            }
            Args::Json(v) => {
                s.push(' ');
                s.push_str(&serde_json::to_string(v).unwrap_or_default());
            }
        }
        s
    }
}

/// A stage: `FROM base [AS name]` and what follows.
#[derive(Debug, Clone)]
pub struct Stage {
    pub from: Instruction,
    /// The name given with `AS` (lower case).
    pub name: Option<String>,
    pub steps: Vec<Instruction>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone)]
pub struct Dockerfile {
    /// ARGs before the first FROM.
    pub global_args: Vec<Instruction>,
    pub stages: Vec<Stage>,
    pub escape: char,
    /// Things den notes but does not use (`# syntax=`).
    pub notes: Vec<String>,
}

const KEYWORDS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parse a whole Dockerfile.
pub fn parse(text: &str) -> Result<Dockerfile> {
    // A byte order mark is not part of the first instruction.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut escape = '\\';
    let mut notes = Vec::new();
    let mut i = 0;
    // Parser directives: `# key=value` lines at the very top.
    while let Some(l) = lines.get(i) {
        let Some(rest) = l.trim().strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = rest.split_once('=') else {
            break;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
        if k.contains(char::is_whitespace) {
            break;
        }
        match k.as_str() {
            "escape" => {
                escape = match v {
                    "\\" => '\\',
                    "`" => '`',
                    _ => bail!(
                        "line {}: invalid escape character {v:?} (use \\ or `)",
                        i + 1
                    ),
                }
            }
            "syntax" => notes.push(format!(
                "the syntax directive ({v}) is ignored: den reads Dockerfiles itself"
            )),
            "check" => {}
            _ => break,
        }
        i += 1;
    }
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    while i < lines.len() {
        let Some((ins, next)) = instruction(&lines, i, escape)? else {
            break;
        };
        i = next;
        match ins.keyword.as_str() {
            "FROM" => {
                let words = super::words::split(&ins.text(), escape);
                let name = match words.as_slice() {
                    [_] => None,
                    [_, as_, n] if as_.eq_ignore_ascii_case("as") => {
                        let n = n.to_ascii_lowercase();
                        if !n.starts_with(|c: char| c.is_ascii_alphabetic())
                            || !n.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
                        {
                            bail!("line {}: invalid stage name {n:?}", ins.line);
                        }
                        if stages.iter().any(|s| s.name.as_deref() == Some(n.as_str())) {
                            bail!("line {}: a stage named {n:?} exists already", ins.line);
                        }
                        Some(n)
                    }
                    _ => bail!("line {}: FROM takes an image and an optional AS name (FROM image [AS name])", ins.line),
                };
                stages.push(Stage {
                    from: ins,
                    name,
                    steps: Vec::new(),
                });
            }
            _ => match stages.last_mut() {
                Some(s) => s.steps.push(ins),
                None if ins.keyword == "ARG" => global_args.push(ins),
                None => bail!(
                    "line {}: {} before the first FROM (only ARG may come before FROM)",
                    ins.line,
                    ins.keyword
                ),
            },
        }
    }
    if stages.is_empty() {
        bail!("the Dockerfile has no FROM instruction");
    }
    Ok(Dockerfile {
        global_args,
        stages,
        escape,
        notes,
    })
}

/// Parse one instruction given as text (ONBUILD triggers).
pub fn parse_one(text: &str, line: usize, escape: char) -> Result<Instruction> {
    let lines: Vec<&str> = text.lines().collect();
    match instruction(&lines, 0, escape)? {
        Some((mut ins, _)) => {
            ins.line = line;
            Ok(ins)
        }
        None => bail!("line {line}: an empty instruction"),
    }
}

fn is_comment(l: &str) -> bool {
    l.trim_start().starts_with('#')
}

/// The instruction starting at or after `lines[i]`, and the index after it.
fn instruction(lines: &[&str], mut i: usize, escape: char) -> Result<Option<(Instruction, usize)>> {
    while i < lines.len() && (lines[i].trim().is_empty() || is_comment(lines[i])) {
        i += 1;
    }
    if i >= lines.len() {
        return Ok(None);
    }
    let first = i + 1;
    // Join continuation lines; comment and empty lines inside are dropped.
    let mut logical = String::new();
    while let Some(l) = lines.get(i) {
        i += 1;
        let trimmed = l.trim_end();
        match trimmed.strip_suffix(escape) {
            Some(head) if !head.ends_with(escape) || escape == '`' => {
                logical.push_str(head);
                while i < lines.len() && (is_comment(lines[i]) || lines[i].trim().is_empty()) {
                    i += 1;
                }
                if i >= lines.len() {
                    break;
                }
            }
            _ => {
                logical.push_str(trimmed);
                break;
            }
        }
    }
    let logical = logical.trim_start();
    let (kw, rest) = logical
        .split_once(char::is_whitespace)
        .unwrap_or((logical, ""));
    let keyword = kw.to_ascii_uppercase();
    if !KEYWORDS.contains(&keyword.as_str()) {
        bail!("line {first}: unknown instruction {kw:?}");
    }
    let mut rest = rest.trim_start();
    let mut flags = Vec::new();
    if !matches!(keyword.as_str(), "HEALTHCHECK" | "ONBUILD") {
        while let Some(f) = rest.strip_prefix("--") {
            let end = f.find(char::is_whitespace).unwrap_or(f.len());
            let flag = &f[..end];
            let (n, v) = flag.split_once('=').unwrap_or((flag, "true"));
            flags.push((n.to_ascii_lowercase(), v.to_string()));
            rest = f[end..].trim_start();
        }
    }
    let allowed: &[&str] = match keyword.as_str() {
        "FROM" => &["platform"],
        "RUN" => &["mount", "network"],
        "COPY" => &["from", "chown", "chmod", "link"],
        "ADD" => &["chown", "chmod", "link", "checksum"],
        _ => &[],
    };
    for (n, _) in &flags {
        if !allowed.contains(&n.as_str()) {
            let known = if allowed.is_empty() {
                format!("{keyword} takes no flags")
            } else {
                let list: Vec<String> = allowed.iter().map(|a| format!("--{a}")).collect();
                format!("{keyword} takes {}", list.join(", "))
            };
            bail!("line {first}: unknown flag --{n} ({known})");
        }
    }
    let rest = rest.trim_end();
    let args = match rest.starts_with('[') {
        true => match serde_json::from_str::<Vec<String>>(rest) {
            Ok(v) => Args::Json(v),
            Err(_) => Args::Shell(rest.to_string()),
        },
        false => Args::Shell(rest.to_string()),
    };
    // Here-documents follow the instruction's line.
    let mut heredocs = Vec::new();
    if let (Args::Shell(text), true) = (&args, matches!(keyword.as_str(), "RUN" | "COPY" | "ADD")) {
        for (name, strip, expand) in heredoc_words(text, escape) {
            let mut body = String::new();
            loop {
                let Some(l) = lines.get(i) else {
                    bail!(
                        "line {first}: the here-document {name} is not closed (no line {name:?})"
                    );
                };
                i += 1;
                let l = if strip { l.trim_start_matches('\t') } else { l };
                if l == name {
                    break;
                }
                body.push_str(l);
                body.push('\n');
            }
            heredocs.push(Heredoc { name, body, expand });
        }
    }
    if args == Args::Shell(String::new()) && !matches!(keyword.as_str(), "HEALTHCHECK") {
        bail!("line {first}: {keyword} needs arguments");
    }
    Ok(Some((
        Instruction {
            line: first,
            keyword,
            flags,
            args,
            heredocs,
        },
        i,
    )))
}

/// The here-document words in `text`, as BuildKit finds them: whole
/// words (quotes respected) of the form `[N]<<[-]WORD`, where WORD may be
/// quoted; (name, strip tabs, expand).
fn heredoc_words(text: &str, escape: char) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for w in super::words::split(text, escape) {
        let digits = w.chars().take_while(|c| c.is_ascii_digit()).count();
        let Some(rest) = w[digits..].strip_prefix("<<") else {
            continue;
        };
        let (strip, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let quoted = rest.len() >= 2
            && (rest.starts_with('"') && rest.ends_with('"')
                || rest.starts_with('\'') && rest.ends_with('\''));
        let name = if quoted {
            &rest[1..rest.len() - 1]
        } else {
            rest
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        out.push((name.to_string(), strip, !quoted));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_flags_continuations_and_heredocs() {
        let df = parse(
            "# syntax=docker/dockerfile:1\n\
             ARG BASE=busybox\n\
             FROM $BASE AS Build\n\
             # a comment\n\
             RUN --mount=type=cache,target=/c echo a \\\n\
             # comment inside\n\
             \x20   && echo b\n\
             COPY --from=build --chown=1:2 [\"a b\", \"/x/\"]\n\
             RUN <<EOF\n\
             echo one\n\
             EOF\n\
             from scratch\n\
             cmd [\"/app\"]\n",
        )
        .expect("parse");
        assert_eq!(df.notes.len(), 1);
        assert_eq!(df.global_args.len(), 1);
        assert_eq!(df.stages.len(), 2);
        let s = &df.stages[0];
        assert_eq!(s.name.as_deref(), Some("build"));
        assert_eq!(s.steps[0].line, 5);
        assert_eq!(s.steps[0].flag("mount"), Some("type=cache,target=/c"));
        assert_eq!(s.steps[0].args, Args::Shell("echo a     && echo b".into()));
        assert_eq!(s.steps[1].flag("chown"), Some("1:2"));
        assert_eq!(
            s.steps[1].args,
            Args::Json(vec!["a b".into(), "/x/".into()])
        );
        assert_eq!(s.steps[2].heredocs[0].body, "echo one\n");
        assert_eq!(df.stages[1].steps[0].keyword, "CMD");
    }

    #[test]
    fn escape_directive_and_errors() {
        let df = parse("# escape=`\nFROM x\nRUN dir c:\\ `\n  && echo\n").expect("parse");
        assert_eq!(df.escape, '`');
        assert_eq!(df.stages[0].steps[0].text(), "dir c:\\   && echo");
        let e = |t: &str| format!("{:#}", parse(t).expect_err(t));
        assert!(e("RUN x\nFROM y\n").contains("line 1"));
        assert!(e("FROM y\nFOO bar\n").contains("line 2: unknown instruction"));
        assert!(e("FROM y\nRUN <<EOF\nx\n").contains("not closed"));
        assert!(e("# nothing\n").contains("no FROM"));
        assert!(e("FROM a AS x\nFROM b AS x\n").contains("exists already"));
        assert!(e("FROM a\nCOPY --parents a b\n").contains("line 2: unknown flag --parents"));
        assert!(e("FROM a\nENV --x=1 A=b\n").contains("ENV takes no flags"));
        // `<<` inside quotes or arithmetic is no here-document.
        let df = parse("\u{feff}FROM a\nRUN echo \"a<<EOF b\" && echo $((1<<x))\nRUN next\n")
            .expect("parse");
        assert_eq!(df.stages[0].steps.len(), 2);
        assert!(df.stages[0].steps[0].heredocs.is_empty());
        let df = parse("FROM a\nRUN cat <<-\"END\" > /f\n\tliteral $X\nEND\n").expect("parse");
        let d = &df.stages[0].steps[0].heredocs[0];
        assert_eq!(
            (d.name.as_str(), d.body.as_str(), d.expand),
            ("END", "literal $X\n", false)
        );
    }
}
