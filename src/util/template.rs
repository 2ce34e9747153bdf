//! A subset of Go's text/template for `--format`, applied to JSON values:
//! `{{.Field.Sub}}`, `{{json .Field}}`, `{{upper .F}}`, `{{lower .F}}`, `{{len .F}}`,
//! `{{.F | json}}`, `{{index .Map "key"}}`, and the `table` prefix that
//! adds a header row.

use std::io::Write;

use anyhow::{bail, Result};
use serde_json::Value;

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Action {
        func: Option<String>,
        path: Vec<String>,
        /// `index`'s key.
        key: Option<String>,
    },
}

/// A parsed `--format` template.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
    /// The template started with `table`: print a header row and align columns.
    pub table: bool,
}

impl Template {
    /// Parse a template; errors say which part is wrong.
    pub fn parse(src: &str) -> Result<Template> {
        let (table, body) = match src.strip_prefix("table") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, src),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        let mut pieces = Vec::new();
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                pieces.push(Piece::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                bail!("template {src:?}: unclosed action (add the closing }}}})");
            };
            pieces.push(parse_action(after[..end].trim(), src)?);
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Template { pieces, table })
    }

    /// Render for one value.
    pub fn render(&self, v: &Value) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Action { func, path, key } => {
                    let mut field = lookup(v, path);
                    if let Some(k) = key {
                        field = field.and_then(|f| match f {
                            Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get(i)),
                            other => other.get(k.as_str()),
                        });
                    }
                    let s = match func.as_deref() {
                        Some("json") => {
                            serde_json::to_string(field.unwrap_or(&Value::Null)).unwrap_or_default()
                        }
                        Some("upper") => display(field).to_uppercase(),
                        Some("len") => match field {
                            Some(Value::Array(a)) => a.len().to_string(),
                            Some(Value::Object(m)) => m.len().to_string(),
                            Some(Value::String(t)) => t.chars().count().to_string(),
                            _ => "0".into(),
                        },
                        Some("lower") => display(field).to_lowercase(),
                        Some("index") => match field {
                            None => String::new(),
                            f => display(f),
                        },
                        _ => display(field),
                    };
                    out.push_str(&s);
                }
            }
        }
        out
    }

    /// The header row for `table`: each field's last name, upper-cased.
    pub fn header(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Action { path, .. } => {
                    out.push_str(&path.last().map(|s| header_name(s)).unwrap_or_default())
                }
            }
        }
        out
    }

    /// Print all values, one line each (with the header and aligned columns for `table`).
    pub fn print_all(&self, values: &[Value]) -> Result<()> {
        // One write for the lot, not one per line (stdout is line-buffered).
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        if self.table {
            let mut tw = tabwriter::TabWriter::new(stdout).padding(2);
            writeln!(tw, "{}", self.header())?;
            for v in values {
                writeln!(tw, "{}", self.render(v))?;
            }
            tw.flush()?;
        } else {
            let mut out = stdout;
            for v in values {
                writeln!(out, "{}", self.render(v))?;
            }
            out.flush()?;
        }
        Ok(())
    }
}

fn header_name(field: &str) -> String {
    // podman's headers: ID stays ID, CreatedAt becomes CREATED AT, etc.
    let mut out = String::new();
    let chars: Vec<char> = field.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                    && chars[i - 1].is_uppercase())
        {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

fn parse_action(action: &str, src: &str) -> Result<Piece> {
    let (func, expr) = if let Some((lhs, rhs)) = action.split_once('|') {
        (Some(rhs.trim().to_string()), lhs.trim())
    } else if let Some((f, rest)) = action.split_once(char::is_whitespace) {
        (Some(f.to_string()), rest.trim())
    } else {
        (None, action)
    };
    if let Some(f) = &func {
        if !matches!(f.as_str(), "json" | "upper" | "lower" | "len" | "index") {
            bail!(
                "template {src:?}: function {f:?} is not supported (use json, upper, lower, len or index)"
            );
        }
    }
    let mut expr = expr;
    let mut key = None;
    if func.as_deref() == Some("index") {
        let Some((field, k)) = expr.split_once(char::is_whitespace) else {
            bail!(
                "template {src:?}: index takes a field and a key ({{{{index .Labels \"name\"}}}})"
            );
        };
        let k = k.trim();
        key = Some(k.trim_matches('"').to_string());
        expr = field;
    }
    if !expr.starts_with('.') {
        bail!("template {src:?}: {expr:?} is not a field (fields start with a dot, like .ID)");
    }
    let path = expr[1..]
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Piece::Action { func, path, key })
}

fn lookup<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = v;
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

/// Go's fmt of a value: strings bare, lists as `[a b]`, maps as `map[k:v]`.
fn display(v: Option<&Value>) -> String {
    match v {
        None => "<no value>".into(),
        Some(Value::Null) => "<nil>".into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_fields_and_functions() {
        let v = json!({"ID": "abc", "State": {"Pid": 42}, "Names": ["a", "b"]});
        let t = Template::parse(
            "{{.ID}} {{ .State.Pid }} {{json .Names}} {{.Names}} {{upper .ID}} {{len .Names}}",
        )
        .expect("parse");
        assert_eq!(t.render(&v), "abc 42 [\"a\",\"b\"] [a b] ABC 2");
        let i =
            Template::parse("{{index .State \"Pid\"}}/{{index .Names 1}}/{{index .State \"no\"}}")
                .expect("index");
        assert_eq!(i.render(&v), "42/b/");
        assert_eq!(Template::parse("{{.id}}").expect("p").render(&v), "abc");
        assert_eq!(
            Template::parse("{{.Nope}}").expect("p").render(&v),
            "<no value>"
        );
    }

    #[test]
    fn table_header() {
        let t = Template::parse("table {{.Repository}}\\t{{.ID}}\\t{{.CreatedAt}}").expect("p");
        assert!(t.table);
        assert_eq!(t.header(), "REPOSITORY\tID\tCREATED AT");
    }

    #[test]
    fn errors_are_clear() {
        assert!(Template::parse("{{.ID").is_err());
        assert!(Template::parse("{{ID}}").is_err());
        assert!(Template::parse("{{printf .ID}}").is_err());
    }
}
