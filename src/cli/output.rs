//! Printing lists and objects: `--format` templates, `json`, tables, YAML.

use anyhow::Result;
use serde_json::Value;

use crate::util::template::Template;

/// Print `values` with `format` (`json`, a template, `table ...`), or with
/// `default_table` when no format is given. `headers` renames columns.
pub fn print_list(
    values: &[Value],
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
    noheading: bool,
) -> Result<()> {
    if format == Some("json") {
        println!("{}", serde_json::to_string_pretty(values)?);
        return Ok(());
    }
    let mut t = Template::parse(format.unwrap_or(default_table))?;
    t.check_fields(values)?;
    if noheading {
        t.table = false;
        let mut t2 = t.clone();
        t2.table = true;
        return print_aligned(&t2, values, None);
    }
    if t.table {
        let mut header = t.header();
        for (field, name) in headers {
            let field = field.to_uppercase();
            // A whole column's name, else (a column with text around its
            // field) the name inside it.
            let cells: Vec<&str> = header.split('\t').collect();
            if cells.contains(&field.as_str()) {
                header = cells
                    .iter()
                    .map(|c| if *c == field { *name } else { *c })
                    .collect::<Vec<_>>()
                    .join("\t");
            } else {
                header = header.replace(&field, name);
            }
        }
        print_aligned(&t, values, Some(header))
    } else {
        t.print_all(values)
    }
}

/// With `quiet_key` (`-q`), each row's value of that key, one per line;
/// else as [`print_list`].
pub fn print_rows(
    values: &[Value],
    quiet_key: Option<&str>,
    format: Option<&str>,
    default_table: &str,
    headers: &[(&str, &str)],
) -> Result<()> {
    match quiet_key {
        Some(key) => {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for v in values {
                writeln!(out, "{}", v[key].as_str().unwrap_or_default())?;
            }
            Ok(out.flush()?)
        }
        None => print_list(values, format, default_table, headers, false),
    }
}

fn print_aligned(t: &Template, values: &[Value], header: Option<String>) -> Result<()> {
    use std::io::Write;
    // One write for the table, not one per line (stdout is line-buffered).
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut tw = tabwriter::TabWriter::new(out).padding(2);
    if let Some(h) = header {
        writeln!(tw, "{h}")?;
    }
    for v in values {
        writeln!(tw, "{}", t.render(v))?;
    }
    tw.flush()?;
    Ok(())
}

/// Print one object: JSON for `json`, a template, or YAML by default.
pub fn print_object(v: &Value, format: Option<&str>) -> Result<()> {
    match format {
        Some("json") => println!("{}", serde_json::to_string_pretty(v)?),
        Some(f) => println!("{}", Template::parse(f)?.render(v)),
        None => print!("{}", yaml(v, 0)),
    }
    Ok(())
}

/// A small YAML rendering of a JSON value (maps and lists, block style).
pub fn yaml(v: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n{}", yaml(x, indent + 2)))
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n{}", yaml(x, indent)))
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(x))),
                }
            }
        }
        Value::Array(items) => {
            for x in items {
                match x {
                    Value::Object(m) if !m.is_empty() => {
                        let inner = yaml(x, indent + 2);
                        let inner = inner.trim_start();
                        out.push_str(&format!("{pad}- {inner}"));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(x))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        // Quoted where YAML would read it as something else: a number, a
        // boolean, null, a time-like `80:80`, or text that starts or holds
        // YAML's own signs.
        Value::String(s)
            if s.contains(": ")
                || s.contains(" #")
                || s.contains('\n')
                || s.starts_with([
                    '-', '[', '{', '*', '&', '!', '#', '|', '>', '%', '@', '`', '"', '\'', '?',
                    ':', ' ',
                ])
                || s.ends_with([' ', ':'])
                || s.parse::<f64>().is_ok()
                || s.contains(':')
                    && s.chars()
                        .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
                || matches!(
                    s.to_ascii_lowercase().as_str(),
                    "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
                ) =>
        {
            format!("{s:?}")
        }
        Value::String(s) => s.clone(),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}
