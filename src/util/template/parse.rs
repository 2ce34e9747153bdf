//! Go's text/template syntax, the part `--format` strings use: text and
//! `{{ }}` actions (with `{{-`/`-}}` trimming and `/* */` comments),
//! pipelines of commands, fields, variables, literals, `if`/`else if`/
//! `else`, `range` (with `$i, $e :=`), `with`, and `end`.

use anyhow::{bail, Result};

/// A node of a parsed template.
#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    /// An action that prints its pipeline's value (none for a declaration).
    Action(Pipe),
    /// `if`/`else if` arms, then the `else` nodes.
    If(Vec<(Pipe, Vec<Node>)>, Vec<Node>),
    Range {
        pipe: Pipe,
        body: Vec<Node>,
        otherwise: Vec<Node>,
    },
    With {
        pipe: Pipe,
        body: Vec<Node>,
        otherwise: Vec<Node>,
    },
}

/// `$a, $b := cmd | cmd ...`.
#[derive(Debug, Clone)]
pub struct Pipe {
    /// Variables declared (or assigned) by the pipeline.
    pub vars: Vec<String>,
    /// `$x = ...`: the variable in scope takes the value (`:=` declares a
    /// new one, which hides an outer one of the same name until `end`).
    pub assign: bool,
    pub cmds: Vec<Vec<Arg>>,
}

/// An operand, or a function's name.
#[derive(Debug, Clone)]
pub enum Arg {
    /// `.`, `.A.B`: fields of dot.
    Field(Vec<String>),
    /// `$`, `$x`, `$x.A`.
    Var(String, Vec<String>),
    Str(String),
    Num(serde_json::Number),
    Bool(bool),
    Nil,
    Func(String),
    /// `(pipeline)`, then fields of its value.
    Sub(Pipe, Vec<String>),
}

/// The functions a template may call.
pub const FUNCS: &[&str] = &[
    "and", "eq", "ge", "gt", "index", "join", "json", "le", "len", "lower", "lt", "ne", "not",
    "or", "pad", "print", "printf", "println", "split", "title", "truncate", "upper",
];

/// How deep blocks (`if`, `range`, `with`) and parentheses may nest: a
/// deeper template is refused, not followed down the stack.
const MAX_DEPTH: usize = 100;

/// Parse a template body (without its `table` prefix).
pub fn parse(body: &str, src: &str) -> Result<Vec<Node>> {
    let items = items(body, src)?;
    let mut depth = 0usize;
    for i in &items {
        if let Item::Action(a) = i {
            let word = a.split_whitespace().next().unwrap_or("");
            if matches!(word, "if" | "range" | "with") {
                depth += 1;
                if depth > MAX_DEPTH {
                    bail!("template {src:?}: blocks nest deeper than {MAX_DEPTH}");
                }
            } else if word == "end" {
                depth = depth.saturating_sub(1);
            }
        }
    }
    let mut it = items.into_iter().peekable();
    let (nodes, end) = nodes(&mut it, src)?;
    match end {
        None => Ok(nodes),
        Some(word) => bail!("template {src:?}: unexpected {{{{{word}}}}}"),
    }
}

/// Flat pieces: text, or an action's words.
enum Item {
    Text(String),
    Action(String),
}

fn items(body: &str, src: &str) -> Result<Vec<Item>> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut trim_next = false;
    while let Some(start) = rest.find("{{") {
        let mut text = &rest[..start];
        if trim_next {
            text = text.trim_start();
        }
        let after = &rest[start + 2..];
        let Some(end) = action_end(after) else {
            bail!("template {src:?}: unclosed action (add the closing }}}})");
        };
        let mut inner = &after[..end];
        if let Some(i) = inner.strip_prefix("- ").or(inner.strip_prefix("-\t")) {
            text = text.trim_end();
            inner = i;
        }
        trim_next = false;
        if let Some(i) = inner.strip_suffix(" -").or(inner.strip_suffix("\t-")) {
            trim_next = true;
            inner = i;
        }
        if !text.is_empty() {
            out.push(Item::Text(text.to_string()));
        }
        let inner = inner.trim();
        if !(inner.starts_with("/*") && inner.ends_with("*/")) {
            out.push(Item::Action(inner.to_string()));
        }
        rest = &after[end + 2..];
    }
    let text = if trim_next { rest.trim_start() } else { rest };
    if !text.is_empty() {
        out.push(Item::Text(text.to_string()));
    }
    Ok(out)
}

/// Where an action's `}}` is: the first outside a string ("..." with
/// escapes, or `...`).
fn action_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'}') if b.get(i + 1) == Some(&b'}') => return Some(i),
            (None, q @ (b'"' | b'`')) => quote = Some(q),
            (Some(b'"'), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    None
}

type Items = std::iter::Peekable<std::vec::IntoIter<Item>>;

/// Nodes up to an `else`/`end` (returned as the second value, with what
/// follows `else`).
fn nodes(it: &mut Items, src: &str) -> Result<(Vec<Node>, Option<String>)> {
    let mut out = Vec::new();
    while let Some(item) = it.next() {
        let action = match item {
            Item::Text(t) => {
                out.push(Node::Text(t));
                continue;
            }
            Item::Action(a) => a,
        };
        let (word, rest) = match action.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (action.as_str(), ""),
        };
        match word {
            "end" => return Ok((out, Some("end".into()))),
            "else" => return Ok((out, Some(format!("else {rest}").trim().to_string()))),
            "if" => {
                let mut arms = vec![(pipe(rest, src)?, Vec::new())];
                let mut otherwise = Vec::new();
                loop {
                    let (body, end) = nodes(it, src)?;
                    match end.as_deref() {
                        Some("end") => {
                            if let Some(last) = arms.last_mut() {
                                last.1 = body;
                            }
                            break;
                        }
                        Some(e) if e.starts_with("else if ") => {
                            if let Some(last) = arms.last_mut() {
                                last.1 = body;
                            }
                            arms.push((pipe(&e["else if ".len()..], src)?, Vec::new()));
                        }
                        Some("else") => {
                            if let Some(last) = arms.last_mut() {
                                last.1 = body;
                            }
                            otherwise = until_end(it, src)?;
                            break;
                        }
                        _ => bail!("template {src:?}: if without {{{{end}}}}"),
                    }
                }
                out.push(Node::If(arms, otherwise));
            }
            "range" | "with" => {
                let p = pipe(rest, src)?;
                let (body, end) = nodes(it, src)?;
                let otherwise = match end.as_deref() {
                    Some("end") => Vec::new(),
                    Some("else") => until_end(it, src)?,
                    _ => bail!("template {src:?}: {word} without {{{{end}}}}"),
                };
                out.push(if word == "range" {
                    Node::Range {
                        pipe: p,
                        body,
                        otherwise,
                    }
                } else {
                    Node::With {
                        pipe: p,
                        body,
                        otherwise,
                    }
                });
            }
            "define" | "template" | "block" | "break" | "continue" => {
                bail!("template {src:?}: {{{{{word}}}}} is not supported in den's templates")
            }
            _ => out.push(Node::Action(pipe(&action, src)?)),
        }
    }
    Ok((out, None))
}

fn until_end(it: &mut Items, src: &str) -> Result<Vec<Node>> {
    match nodes(it, src)? {
        (body, Some(e)) if e == "end" => Ok(body),
        _ => bail!("template {src:?}: else without {{{{end}}}}"),
    }
}

/// Tokens of an action.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Open,
    Close,
    Bar,
    Declare,
    Assign,
    Comma,
}

fn tokens(s: &str, src: &str) -> Result<Vec<Tok>> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '|' => {
                out.push(Tok::Bar);
                i += 1;
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            ':' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::Declare);
                i += 2;
            }
            '=' => {
                out.push(Tok::Assign);
                i += 1;
            }
            '"' => {
                let mut v = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => bail!("template {src:?}: unterminated string"),
                        Some('"') => break,
                        Some('\\') => {
                            i += 1;
                            v.push(match chars.get(i) {
                                Some('n') => '\n',
                                Some('t') => '\t',
                                Some(c) => *c,
                                None => bail!("template {src:?}: unterminated string"),
                            });
                        }
                        Some(c) => v.push(*c),
                    }
                    i += 1;
                }
                out.push(Tok::Str(v));
                i += 1;
            }
            '`' => {
                let start = i + 1;
                let Some(len) = chars[start..].iter().position(|&c| c == '`') else {
                    bail!("template {src:?}: unterminated raw string");
                };
                out.push(Tok::Str(chars[start..start + len].iter().collect()));
                i = start + len + 1;
            }
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()|,=\"`".contains(chars[i])
                {
                    if chars[i] == ':' && chars.get(i + 1) == Some(&'=') {
                        break;
                    }
                    i += 1;
                }
                out.push(Tok::Word(chars[start..i].iter().collect()));
            }
        }
    }
    Ok(out)
}

/// Parse an action's pipeline.
pub fn pipe(s: &str, src: &str) -> Result<Pipe> {
    let toks = tokens(s, src)?;
    let mut depth = 0usize;
    for t in &toks {
        match t {
            Tok::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    bail!("template {src:?}: parentheses nest deeper than {MAX_DEPTH}");
                }
            }
            Tok::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut pos = 0;
    let p = pipe_of(&toks, &mut pos, src)?;
    if pos != toks.len() {
        bail!("template {src:?}: unexpected {:?} in {s:?}", toks[pos]);
    }
    Ok(p)
}

fn pipe_of(toks: &[Tok], pos: &mut usize, src: &str) -> Result<Pipe> {
    // `$a, $b :=` first.
    let mut vars = Vec::new();
    let decl_at = toks[*pos..]
        .iter()
        .position(|t| *t == Tok::Declare || *t == Tok::Assign)
        .map(|i| i + *pos);
    let assign = decl_at.is_some_and(|d| toks[d] == Tok::Assign);
    if let Some(d) = decl_at {
        let head = &toks[*pos..d];
        let names_ok = head.iter().enumerate().all(|(i, t)| match t {
            Tok::Word(w) => i % 2 == 0 && w.starts_with('$'),
            Tok::Comma => i % 2 == 1,
            _ => false,
        });
        if names_ok && !head.is_empty() {
            vars = head
                .iter()
                .filter_map(|t| match t {
                    Tok::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect();
            *pos = d + 1;
        }
    }
    let mut cmds = vec![Vec::new()];
    while *pos < toks.len() {
        match &toks[*pos] {
            Tok::Close => break,
            Tok::Bar => {
                cmds.push(Vec::new());
                *pos += 1;
            }
            Tok::Open => {
                *pos += 1;
                let inner = pipe_of(toks, pos, src)?;
                if toks.get(*pos) != Some(&Tok::Close) {
                    bail!("template {src:?}: unclosed (");
                }
                *pos += 1;
                // `(pipe).Field`
                let mut fields = Vec::new();
                if let Some(Tok::Word(w)) = toks.get(*pos) {
                    if w.starts_with('.') && w.len() > 1 {
                        fields = field_names(w);
                        *pos += 1;
                    }
                }
                push(&mut cmds, Arg::Sub(inner, fields));
            }
            Tok::Str(s) => {
                push(&mut cmds, Arg::Str(s.clone()));
                *pos += 1;
            }
            Tok::Word(w) => {
                push(&mut cmds, word(w, src)?);
                *pos += 1;
            }
            t => bail!("template {src:?}: unexpected {t:?}"),
        }
    }
    if cmds.iter().any(|c| c.is_empty()) {
        bail!("template {src:?}: an empty command (a value or a function is missing)");
    }
    if vars.is_empty() {
        return Ok(Pipe {
            vars,
            assign: false,
            cmds,
        });
    }
    Ok(Pipe { vars, assign, cmds })
}

fn push(cmds: &mut [Vec<Arg>], a: Arg) {
    if let Some(last) = cmds.last_mut() {
        last.push(a);
    }
}

fn field_names(w: &str) -> Vec<String> {
    w.split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn word(w: &str, src: &str) -> Result<Arg> {
    Ok(match w {
        "true" => Arg::Bool(true),
        "false" => Arg::Bool(false),
        "nil" => Arg::Nil,
        w if w.starts_with('.') => Arg::Field(field_names(w)),
        w if w.starts_with('$') => {
            let (name, fields) = match w.find('.') {
                Some(i) => (&w[..i], field_names(&w[i..])),
                None => (w, Vec::new()),
            };
            Arg::Var(name.to_string(), fields)
        }
        w if w.starts_with(|c: char| c.is_ascii_digit() || c == '-') => {
            match serde_json::from_str::<serde_json::Number>(w) {
                Ok(n) => Arg::Num(n),
                Err(_) => bail!("template {src:?}: {w:?} is not a number"),
            }
        }
        w if FUNCS.contains(&w) => Arg::Func(w.to_string()),
        w if w.chars().all(|c| c.is_alphanumeric() || c == '_') => bail!(
            "template {src:?}: function {w:?} is not supported (den has {}); a field starts with a dot, like .ID",
            FUNCS.join(", ")
        ),
        w => bail!("template {src:?}: {w:?} is not a field (fields start with a dot, like .ID)"),
    })
}
