//! Running a parsed template over a JSON value, as Go's text/template runs
//! over podman's structs: a missing field prints `<no value>`, a value is
//! printed as Go's `%v` prints it, and podman's functions (json, upper,
//! lower, title, join, split, truncate, pad) join Go's own (len, index,
//! printf, print, println, eq, ne, lt, le, gt, ge, and, or, not).

use serde_json::{Number, Value};

use super::is_nil_map;
use super::parse::{Arg, Node, Pipe};

/// A value, or `None` for a field that is not there.
type Val = Option<Value>;

/// The most a width, a padding or a counted range may ask for (Go's
/// printf refuses widths over a million too).
const MAX_COUNT: usize = 1_000_000;

pub struct Run<'a> {
    /// `$`, the value the template runs over (borrowed: a row's object
    /// is not copied for each row's run).
    root: &'a Value,
    /// What the template assigned to `$` (`{{$ = x}}`), which outlives
    /// the block it was assigned in, as Go's does.
    dollar: Option<Value>,
    /// Variables the template declared; one named `$` hides the root.
    vars: Vec<(String, Value)>,
    /// Rendering a table's header: a field gives its header name.
    header: bool,
}

impl<'a> Run<'a> {
    pub fn new(root: &'a Value, header: bool) -> Run<'a> {
        Run {
            root,
            dollar: None,
            vars: Vec::new(),
            header,
        }
    }

    pub fn nodes(&mut self, nodes: &[Node], dot: &Value, out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Action(p) => {
                    let v = self.pipe(p, dot);
                    if p.vars.is_empty() {
                        out.push_str(&display(v.as_ref()));
                    }
                }
                Node::If(arms, otherwise) => {
                    let depth = self.vars.len();
                    let arm = arms.iter().find(|(p, _)| truth(self.pipe(p, dot).as_ref()));
                    match arm {
                        Some((_, body)) => self.nodes(body, dot, out),
                        None => self.nodes(otherwise, dot, out),
                    }
                    self.vars.truncate(depth);
                }
                Node::With {
                    pipe,
                    body,
                    otherwise,
                } => {
                    let depth = self.vars.len();
                    match self.pipe(pipe, dot) {
                        Some(v) if truth(Some(&v)) => self.nodes(body, &v, out),
                        _ => self.nodes(otherwise, dot, out),
                    }
                    self.vars.truncate(depth);
                }
                Node::Range {
                    pipe,
                    body,
                    otherwise,
                } => self.range(pipe, body, otherwise, dot, out),
            }
        }
    }

    fn range(
        &mut self,
        pipe: &Pipe,
        body: &[Node],
        otherwise: &[Node],
        dot: &Value,
        out: &mut String,
    ) {
        let depth = self.vars.len();
        let list = Pipe {
            vars: Vec::new(),
            assign: false,
            cmds: pipe.cmds.clone(),
        };
        let entries: Vec<(Value, Value)> = match self.pipe(&list, dot) {
            Some(Value::Array(a)) => a
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::from(i), v))
                .collect(),
            Some(v) if is_nil_map(&v) => Vec::new(),
            // Go ranges over a map in key order; JSON objects here are.
            Some(Value::Object(m)) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
            // Go counts up to the number; den to a million at most.
            Some(Value::Number(n)) => (0..n.as_u64().unwrap_or(0).min(MAX_COUNT as u64))
                .map(|i| (Value::from(i), Value::from(i)))
                .collect(),
            _ => Vec::new(),
        };
        if entries.is_empty() {
            self.nodes(otherwise, dot, out);
        }
        for (k, v) in entries {
            match pipe.vars.as_slice() {
                [e] => self.vars.push((e.clone(), v.clone())),
                [i, e] => {
                    self.vars.push((i.clone(), k));
                    self.vars.push((e.clone(), v.clone()));
                }
                _ => {}
            }
            self.nodes(body, &v, out);
            self.vars.truncate(depth);
        }
    }

    fn pipe(&mut self, p: &Pipe, dot: &Value) -> Val {
        let mut last: Option<Val> = None;
        for cmd in &p.cmds {
            last = Some(self.cmd(cmd, dot, last));
        }
        let v = last.flatten();
        for name in &p.vars {
            let value = v.clone().unwrap_or(Value::Null);
            match self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                Some(slot) if p.assign => slot.1 = value,
                None if p.assign && name == "$" => self.dollar = Some(value),
                _ => self.vars.push((name.clone(), value)),
            }
        }
        v
    }

    fn cmd(&mut self, cmd: &[Arg], dot: &Value, piped: Option<Val>) -> Val {
        let Some(Arg::Func(f)) = cmd.first() else {
            // A value: a piped value after one is Go's error; den keeps the value.
            return cmd.first().and_then(|a| self.arg(a, dot));
        };
        let mut args: Vec<Val> = cmd[1..].iter().map(|a| self.arg(a, dot)).collect();
        if let Some(p) = piped {
            args.push(p);
        }
        call(f, &args)
    }

    fn arg(&mut self, a: &Arg, dot: &Value) -> Val {
        match a {
            Arg::Field(path) if self.header && !path.is_empty() => {
                path.last().map(|f| Value::String(super::header_name(f)))
            }
            Arg::Field(path) => field_of(dot, path).cloned(),
            Arg::Var(name, path) => self
                .vars
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v)
                .or_else(|| (name == "$").then(|| self.dollar.as_ref().unwrap_or(self.root)))
                .and_then(|v| field_of(v, path))
                .cloned(),
            Arg::Str(s) => Some(Value::String(s.clone())),
            Arg::Num(n) => Some(Value::Number(n.clone())),
            Arg::Bool(b) => Some(Value::Bool(*b)),
            Arg::Nil => Some(Value::Null),
            Arg::Func(f) => call(f, &[]),
            Arg::Sub(p, path) => {
                let v = self.pipe(p, dot);
                fields(v, path)
            }
        }
    }
}

/// `.A.B` of a value: names match exactly, else without regard to case
/// (den's keys are podman's field names, in JSON's spelling).
fn fields(cur: Val, path: &[String]) -> Val {
    match path {
        [] => cur,
        _ => field_of(cur.as_ref()?, path).cloned(),
    }
}

/// [`fields`] by reference: nothing on the way is copied.
fn field_of<'v>(mut cur: &'v Value, path: &[String]) -> Option<&'v Value> {
    for name in path {
        let obj = cur.as_object()?;
        cur = match obj.get(name) {
            Some(x) => x,
            None => obj
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, x)| x)?,
        };
    }
    Some(cur)
}

/// Go's truth: false, 0, nil, and empty strings, lists and maps are false.
fn truth(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty() && !is_nil_map(v.unwrap_or(&Value::Null)),
    }
}

/// `v` as JSON shows it: a nil map is `null`.
fn without_nil_maps(v: Value) -> Value {
    match v {
        v if is_nil_map(&v) => Value::Null,
        Value::Array(a) => Value::Array(a.into_iter().map(without_nil_maps).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, x)| (k, without_nil_maps(x)))
                .collect(),
        ),
        other => other,
    }
}

/// Go's `%v` of a value: strings bare, lists as `[a b]`, maps as
/// `map[k:v]`, a missing field as `<no value>`.
pub fn display(v: Option<&Value>) -> String {
    match v {
        None => "<no value>".into(),
        Some(Value::Null) => "<nil>".into(),
        Some(x) if is_nil_map(x) => "map[]".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => format!(
            "[{}]",
            a.iter()
                .map(|x| display(Some(x)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(Value::Object(o)) => format!(
            "map[{}]",
            o.iter()
                .map(|(k, x)| format!("{k}:{}", display(Some(x))))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(other) => other.to_string(),
    }
}

fn text(v: &Val) -> String {
    display(v.as_ref())
}

fn number(v: &Val) -> Option<f64> {
    match v {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
}

fn int(v: &Val) -> usize {
    number(v).map_or(0, |f| f.max(0.0) as usize)
}

fn bounded(v: &Val) -> usize {
    int(v).min(MAX_COUNT)
}

/// Two values as Go's `eq` sees them: numbers by value, the rest as equal
/// JSON.
fn same(a: &Val, b: &Val) -> bool {
    match (number(a), number(b), a, b) {
        (Some(x), Some(y), Some(Value::Number(_)), Some(Value::Number(_))) => x == y,
        _ => a == b,
    }
}

fn order(a: &Val, b: &Val) -> std::cmp::Ordering {
    match (a, b) {
        (Some(Value::Number(_)), Some(Value::Number(_))) => number(a)
            .partial_cmp(&number(b))
            .unwrap_or(std::cmp::Ordering::Equal),
        _ => text(a).cmp(&text(b)),
    }
}

fn call(f: &str, args: &[Val]) -> Val {
    let arg = |i: usize| args.get(i).cloned().flatten();
    let s = |i: usize| text(&args.get(i).cloned().flatten());
    let string = |x: String| Some(Value::String(x));
    match f {
        "json" => string(
            serde_json::to_string(&without_nil_maps(arg(0).unwrap_or(Value::Null)))
                .unwrap_or_default(),
        ),
        "upper" => string(s(0).to_uppercase()),
        "lower" => string(s(0).to_lowercase()),
        "title" => string(title(&s(0))),
        "len" => Some(Value::from(match arg(0) {
            Some(v) if is_nil_map(&v) => 0,
            Some(Value::Array(a)) => a.len(),
            Some(Value::Object(m)) => m.len(),
            Some(Value::String(t)) => t.len(),
            _ => 0,
        })),
        "index" => {
            let mut cur = arg(0);
            for k in args.get(1..).unwrap_or_default() {
                cur = match (cur, k) {
                    (Some(Value::Array(a)), k) => a.get(int(k)).cloned(),
                    // A map's missing key is its zero value, as Go's.
                    (Some(Value::Object(m)), k) => Some(
                        m.get(&text(k))
                            .cloned()
                            .unwrap_or(Value::String(String::new())),
                    ),
                    _ => None,
                };
            }
            cur
        }
        "join" => {
            let items: Vec<String> = match arg(0) {
                Some(Value::Array(a)) => a.iter().map(|x| display(Some(x))).collect(),
                other => vec![display(other.as_ref())],
            };
            string(items.join(&s(1)))
        }
        "split" => Some(Value::Array(
            s(0).split(&s(1)).map(|x| Value::String(x.into())).collect(),
        )),
        "truncate" => string(s(0).chars().take(int(&arg(1))).collect()),
        "pad" => string(format!(
            "{}{}{}",
            " ".repeat(bounded(&arg(1))),
            s(0),
            " ".repeat(bounded(&arg(2)))
        )),
        "printf" => string(printf(&s(0), &args[1.min(args.len())..])),
        "print" => string(sprint(args)),
        "println" => string(format!(
            "{}\n",
            args.iter().map(text).collect::<Vec<_>>().join(" ")
        )),
        "eq" => Some(Value::Bool(args.iter().skip(1).any(|b| same(&arg(0), b)))),
        "ne" => Some(Value::Bool(!same(&arg(0), &arg(1)))),
        "lt" | "le" | "gt" | "ge" => {
            use std::cmp::Ordering::*;
            let o = order(&arg(0), &arg(1));
            Some(Value::Bool(match f {
                "lt" => o == Less,
                "le" => o != Greater,
                "gt" => o == Greater,
                _ => o != Less,
            }))
        }
        "and" => args
            .iter()
            .find(|a| !truth(a.as_ref()))
            .or(args.last())
            .cloned()
            .flatten(),
        "or" => args
            .iter()
            .find(|a| truth(a.as_ref()))
            .or(args.last())
            .cloned()
            .flatten(),
        "not" => Some(Value::Bool(!truth(arg(0).as_ref()))),
        _ => None,
    }
}

/// Go's strings.Title: each letter after a non-letter upper-cased.
fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_letter = false;
    for c in s.chars() {
        let word = c.is_alphanumeric() || c == '_' || c == '\'';
        if word && !prev_letter {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_letter = word;
    }
    out
}

/// Go's Sprint: a space between two operands when neither is a string.
fn sprint(args: &[Val]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = |v: &Val| matches!(v, Some(Value::String(_)));
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            out.push(' ');
        }
        out.push_str(&text(a));
    }
    out
}

/// Go's Sprintf for the verbs templates use: %v %s %d %f %q %t %x %%, with
/// `-`, `0`, width and precision.
fn printf(format: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let mut next = args.iter();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = chars.peek() {
            if d == '-' || d == '0' || d == '.' || d == '+' || d.is_ascii_digit() {
                spec.push(d);
                chars.next();
            } else {
                break;
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = next.next() else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        let left = spec.starts_with('-');
        let zero = spec.trim_start_matches('-').starts_with('0');
        let spec = spec.trim_start_matches(['-', '+']);
        let (width, precision) = match spec.split_once('.') {
            _ if spec.len() > 7 => {
                out.push_str("%!(BADWIDTH)");
                continue;
            }
            Some((w, p)) => (w.parse::<usize>().unwrap_or(0), p.parse::<usize>().ok()),
            None => (spec.parse::<usize>().unwrap_or(0), None),
        };
        let body = match verb {
            'd' => number(arg).map_or_else(
                || format!("%!d({})", text(arg)),
                |n| format!("{}", n as i64),
            ),
            'f' | 'F' | 'e' | 'g' => match number(arg) {
                Some(n) => match (verb, precision) {
                    ('f' | 'F', p) => format!("{:.*}", p.unwrap_or(6), n),
                    ('e', p) => format!("{:.*e}", p.unwrap_or(6), n),
                    _ => Number::from_f64(n).map_or_else(|| n.to_string(), |x| x.to_string()),
                },
                None => format!("%!{verb}({})", text(arg)),
            },
            'q' => serde_json::to_string(&text(arg)).unwrap_or_default(),
            'x' => match number(arg) {
                Some(n) => format!("{:x}", n as i64),
                None => text(arg).bytes().map(|b| format!("{b:02x}")).collect(),
            },
            't' => text(arg),
            _ => {
                let t = text(arg);
                match precision {
                    Some(p) if verb == 's' => t.chars().take(p).collect(),
                    _ => t,
                }
            }
        };
        let pad = width.saturating_sub(body.chars().count());
        if left {
            out.push_str(&body);
            out.push_str(&" ".repeat(pad));
        } else {
            out.push_str(&(if zero { "0" } else { " " }).repeat(pad));
            out.push_str(&body);
        }
    }
    for extra in next {
        out.push_str(&format!("%!(EXTRA {})", text(extra)));
    }
    out
}
