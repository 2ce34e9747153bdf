//! Go's text/template for `--format`, applied to JSON values: fields
//! (`{{.State.Pid}}`), variables, pipelines (`{{.F | json}}`), `if`/`else`,
//! `range` over lists and maps, `with`, podman's functions (json, upper,
//! lower, title, join, split, truncate, pad) and Go's (len, index, printf,
//! print, println, eq, ne, lt, le, gt, ge, and, or, not), and the `table`
//! prefix that adds a header row. `parse.rs` reads a template, `exec.rs`
//! runs it.

mod exec;
mod parse;

use std::io::Write;

use anyhow::Result;
use serde_json::Value;

/// The one key of the object that stands for Go's typed nil map.
const NIL_MAP_KEY: &str = "\u{0}nil-map";

/// Go's typed nil map (podman's volume `Status`, which the local driver
/// leaves unset): `map[]` printed, `null` as JSON, empty and false. The
/// data templates run over are JSON values, which have no such thing: an
/// object holding only this private key stands for it. Only for
/// templates' data: `--format json` prints rows without it, and `json`
/// prints it as `null`.
pub fn nil_map() -> Value {
    let mut m = serde_json::Map::new();
    m.insert(NIL_MAP_KEY.into(), Value::Bool(true));
    Value::Object(m)
}

/// Whether `v` is [`nil_map`]'s.
fn is_nil_map(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(NIL_MAP_KEY))
}

/// A parsed `--format` template.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Vec<parse::Node>,
    /// The template started with `table`: print a header row and align columns.
    pub table: bool,
    /// The template has `{{range .}}...{{end}}`: it runs once, over the
    /// list of rows (podman's rule), not once per row.
    pub whole_list: bool,
    /// The template's text ends with a newline (`\n` given or typed).
    ends_with_newline: bool,
}

/// podman's test, on the template's text (its regular expression
/// `(?s)\{\{\s*range\s*\.\s*\}\}.*\{\{\s*end\s*-?\s*\}\}`): a
/// `{{range .}}`, then somewhere after it an `{{end}}`. Read without a
/// regular expression, whose building every `ps` would pay for.
fn ranges_over_the_list(src: &str) -> bool {
    fn space(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
    }
    // Each `{{...}}` in the text, at every `{{` (`{{{` holds two), with
    // where it ends.
    let starts = (0..src.len()).filter(|&i| src.get(i..).is_some_and(|s| s.starts_with("{{")));
    let actions = starts.filter_map(|at| {
        let inside = &src[at + 2..];
        let len = inside.find("}}")?;
        Some((at, at + 2 + len + 2, inside[..len].trim_matches(space)))
    });
    let is_range = |a: &str| {
        a.strip_prefix("range")
            .map(|r| r.trim_start_matches(space) == ".")
            .unwrap_or(false)
    };
    let is_end = |a: &str| {
        a.strip_prefix("end").is_some_and(|r| {
            let r = r.trim_start_matches(space);
            r.is_empty()
                || r.strip_prefix('-')
                    .is_some_and(|r| r.trim_start_matches(space).is_empty())
        })
    };
    let Some(range_end) = actions
        .clone()
        .find(|(_, _, a)| is_range(a))
        .map(|(_, e, _)| e)
    else {
        return false;
    };
    actions
        .into_iter()
        .any(|(at, _, a)| at >= range_end && is_end(a))
}

impl Template {
    /// Parse a template; errors say which part is wrong.
    pub fn parse(src: &str) -> Result<Template> {
        let (table, body) = match src.strip_prefix("table") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, src),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        let whole_list = ranges_over_the_list(src);
        Ok(Template {
            nodes: parse::parse(&body, src)?,
            table,
            whole_list,
            ends_with_newline: body.ends_with('\n'),
        })
    }

    /// Render for one value.
    pub fn render(&self, v: &Value) -> String {
        let mut out = String::new();
        exec::Run::new(v, false).nodes(&self.nodes, v, &mut out);
        out
    }

    /// The header row for `table`: the template run with each field giving
    /// its name, upper-cased and split into words (`CreatedAt`: `CREATED
    /// AT`), as podman's headers are.
    pub fn header(&self) -> String {
        let mut out = String::new();
        exec::Run::new(&Value::Null, true).nodes(&self.nodes, &Value::Null, &mut out);
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
        } else if self.whole_list {
            let mut out = stdout;
            // As podman: a newline after the lot unless the template
            // itself ends with one.
            write!(out, "{}", self.render(&Value::Array(values.to_vec())))?;
            if !self.ends_with_newline {
                writeln!(out)?;
            }
            out.flush()?;
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

impl Template {
    /// Refuse, as podman's Go templates do, a field that the rows do not
    /// have (`{{.Foo}}`, a typo, prints nothing useful): the first name of
    /// every field of the row itself (outside `range` and `with`, and
    /// `$.X` anywhere) must be a key of some row. No rows, no check (podman
    /// runs nothing then either).
    pub fn check_fields(&self, rows: &[Value]) -> Result<()> {
        let Some(first) = rows.iter().find_map(Value::as_object) else {
            return Ok(());
        };
        let mut used = Fields::new();
        // podman's rows are Go structs: a range over one is an error.
        let over_row = || {
            anyhow::anyhow!("template: range can't iterate over a row (range over a field of it, such as .Labels)")
        };
        if self.whole_list {
            // Dot is the list: a row is dot inside `{{range .}}`.
            let mut outside = Fields::new();
            for n in &self.nodes {
                match n {
                    parse::Node::Range { pipe, body, .. } if over_dot(pipe) => {
                        if ranges_over_dot(body, true) {
                            return Err(over_row());
                        }
                        root_fields(body, true, &mut used);
                    }
                    other => root_fields(std::slice::from_ref(other), true, &mut outside),
                }
            }
            if let Some(f) = outside.first().map(|p| p.join(".")) {
                anyhow::bail!("template: can't evaluate field {f} in the list of rows (a row is dot inside {{{{range .}}}})");
            }
        } else {
            if ranges_over_dot(&self.nodes, true) {
                return Err(over_row());
            }
            root_fields(&self.nodes, true, &mut used);
        }
        for path in used {
            let f = &path[0];
            let value = |o: &'_ serde_json::Map<String, Value>| -> Option<Value> {
                o.get(f)
                    .or_else(|| {
                        o.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(f))
                            .map(|(_, v)| v)
                    })
                    .cloned()
            };
            let known = rows
                .iter()
                .filter_map(Value::as_object)
                .any(|o| value(o).is_some());
            // A field of a string, a number or a bool: Go's error too.
            if let Some(sub) = path.get(1) {
                let scalar = rows
                    .iter()
                    .filter_map(Value::as_object)
                    .filter_map(value)
                    .any(|v| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)));
                if scalar {
                    anyhow::bail!(
                        "template: can't evaluate field {sub} of .{f}: it is not a map or a struct"
                    );
                }
            }
            if !known {
                let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
                keys.sort_unstable();
                anyhow::bail!(
                    "template: can't evaluate field {f}: the rows have no such field (they have: {})",
                    keys.join(", ")
                );
            }
        }
        Ok(())
    }
}

/// Field paths of the row (`.A.B` is `["A", "B"]`).
type Fields = std::collections::BTreeSet<Vec<String>>;

/// A pipeline that is dot itself (`.`, `$i, $r := .`).
fn over_dot(p: &parse::Pipe) -> bool {
    matches!(&p.cmds[..], [cmd] if matches!(&cmd[..], [parse::Arg::Field(path)] if path.is_empty()))
}

/// Whether `nodes` range over dot where dot is still the row (`at_root`).
fn ranges_over_dot(nodes: &[parse::Node], at_root: bool) -> bool {
    use parse::Node;
    nodes.iter().any(|n| match n {
        Node::Text(_) | Node::Action(_) => false,
        Node::If(arms, otherwise) => {
            arms.iter().any(|(_, body)| ranges_over_dot(body, at_root))
                || ranges_over_dot(otherwise, at_root)
        }
        Node::Range {
            pipe, otherwise, ..
        } => (at_root && over_dot(pipe)) || ranges_over_dot(otherwise, at_root),
        Node::With {
            pipe,
            body,
            otherwise,
        } => {
            ranges_over_dot(body, at_root && over_dot(pipe)) || ranges_over_dot(otherwise, at_root)
        }
    })
}

/// The first names of the fields of the row in `nodes` (`at_root`: dot is
/// the row there), and of `$`'s fields anywhere.
fn root_fields(nodes: &[parse::Node], at_root: bool, out: &mut Fields) {
    use parse::Node;
    for n in nodes {
        match n {
            Node::Text(_) => {}
            Node::Action(p) => pipe_fields(p, at_root, out),
            Node::If(arms, otherwise) => {
                for (p, body) in arms {
                    pipe_fields(p, at_root, out);
                    root_fields(body, at_root, out);
                }
                root_fields(otherwise, at_root, out);
            }
            Node::Range {
                pipe,
                body,
                otherwise,
            } => {
                pipe_fields(pipe, at_root, out);
                root_fields(body, false, out);
                root_fields(otherwise, at_root, out);
            }
            // `{{with .}}` keeps dot.
            Node::With {
                pipe,
                body,
                otherwise,
            } => {
                pipe_fields(pipe, at_root, out);
                root_fields(body, at_root && over_dot(pipe), out);
                root_fields(otherwise, at_root, out);
            }
        }
    }
}

fn pipe_fields(p: &parse::Pipe, at_root: bool, out: &mut Fields) {
    use parse::Arg;
    for arg in p.cmds.iter().flatten() {
        match arg {
            Arg::Field(path) if at_root && !path.is_empty() => {
                out.insert(path.clone());
            }
            Arg::Var(v, path) if v == "$" && !path.is_empty() => {
                out.insert(path.clone());
            }
            Arg::Sub(inner, _) => pipe_fields(inner, at_root, out),
            _ => {}
        }
    }
}

pub(crate) fn header_name(field: &str) -> String {
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
    fn fields_the_rows_lack_are_refused() {
        let rows = vec![json!({"ID": "a", "Labels": {"x": "1"}}), json!({"ID": "b"})];
        let ok = |f: &str| Template::parse(f).expect("parse").check_fields(&rows);
        assert!(ok("{{.ID}} {{.id}} {{.Labels.nope}}").is_ok());
        assert!(ok("{{range .Labels}}{{.Whatever}}{{end}}").is_ok());
        assert!(ok("{{with .Labels}}{{.x}}{{else}}{{.ID}}{{end}}").is_ok());
        let e = ok("{{.ID}} {{.Foo}}").expect_err("Foo");
        assert!(e.to_string().contains("field Foo"), "{e}");
        assert!(e.to_string().contains("ID, Labels"), "{e}");
        assert!(ok("{{if .Nope}}x{{end}}").is_err());
        assert!(ok("{{range .Labels}}{{$.Nope}}{{end}}").is_err());
        assert!(ok("{{(.Nope)}}").is_err());
        assert!(Template::parse("{{.Foo}}")
            .expect("parse")
            .check_fields(&[])
            .is_ok());
    }

    #[test]
    fn range_over_dot_runs_once_over_the_rows() {
        let rows = json!([{"ID": "a"}, {"ID": "b"}]);
        let t = Template::parse("{{range .}}{{.ID}} {{end}}").expect("parse");
        assert!(t.whole_list);
        assert!(t.check_fields(&[json!({"ID": "a"})]).is_ok());
        let typo = Template::parse("{{range .}}\n{{.Nope}}{{end}}").expect("parse");
        assert!(typo.whole_list);
        let row = [json!({"ID": "a", "Labels": {"x": "1"}})];
        assert!(typo.check_fields(&row).is_err());
        // As podman's: a range over a row, a field of the list, a typo
        // under `with .`, are errors; a range over a row's field is not.
        for bad in [
            "{{range .}}{{range .}}{{.ID}}{{end}}{{end}}",
            "{{range $i, $r := .}}{{$r}}{{end}}",
            "{{- range .}}{{.ID}}{{end -}}",
            "{{.ID}} {{range .}}{{.ID}}{{end}}",
            "{{range .}}{{with .}}{{.Nope}}{{end}}{{end}}",
        ] {
            let t = Template::parse(bad).expect("parse");
            assert!(t.check_fields(&row).is_err(), "{bad}");
        }
        let of_string = Template::parse("{{.ID.X}}").expect("parse");
        assert!(of_string.check_fields(&row).is_err());
        for good in [
            "{{.Labels.x}} {{.Labels.nope}}",
            "{{range .}}{{range .Labels}}{{.}}{{end}}{{end}}",
            "{{range .Labels}}{{.}}{{end}}",
            "{{with .}}{{.ID}}{{end}}",
        ] {
            let t = Template::parse(good).expect("parse");
            assert!(t.check_fields(&row).is_ok(), "{good}");
        }
        assert_eq!(t.render(&rows), "a b ");
        assert!(
            !Template::parse("{{.ID}} {{range .Mounts}}{{.}}{{end}}")
                .expect("parse")
                .whole_list
        );
    }

    #[test]
    fn the_range_test_reads_as_podmans_regular_expression() {
        for yes in [
            "{{range .}}{{.ID}}{{end}}",
            "{{ range  . }}\n{{.ID}}\n{{ end -}}",
            "{{range.}}{{end}}",
            "x{{{{range .}}{{.ID}}{{end}}",
            "{{{range .}}{{end}}",
            "{{range .}}{{range .Labels}}{{end}}",
        ] {
            assert!(ranges_over_the_list(yes), "{yes}");
        }
        for no in [
            "{{.ID}}",
            "{{range .Labels}}{{.}}{{end}}",
            "{{end}}{{range .}}",
            "{{range .}}",
            "{{- range .}}{{end}}",
            "{{range $r := .}}{{end}}",
            "{{range .}}{{endx}}",
            "{{range .}}{{end --}}",
            "{{ra nge .}}{{end}}",
        ] {
            assert!(!ranges_over_the_list(no), "{no}");
        }
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
        assert!(Template::parse("{{nosuch .ID}}").is_err());
        assert!(Template::parse("{{if .A}}x").is_err());
        assert!(Template::parse("{{end}}").is_err());
        assert!(Template::parse("{{\"open}}").is_err());
        assert!(Template::parse("{{template \"x\"}}").is_err());
    }

    fn r(t: &str, v: &Value) -> String {
        Template::parse(t).expect("parse").render(v)
    }

    #[test]
    fn a_nil_map_prints_as_gos() {
        let v = json!({"S": nil_map(), "L": {"a": "1"}});
        assert_eq!(
            r(
                "{{.S}}|{{json .S}}|{{len .S}}|{{if .S}}y{{else}}n{{end}}|{{range .S}}x{{else}}none{{end}}|{{.S.a}}",
                &v
            ),
            "map[]|null|0|n|none|<no value>"
        );
        assert_eq!(r("{{json .}}", &v), r#"{"L":{"a":"1"},"S":null}"#);
        // An empty map is not nil.
        assert_eq!(r("{{json .E}}|{{.E}}", &json!({"E": {}})), "{}|map[]");
    }

    #[test]
    fn control_structures_and_variables() {
        let v = json!({"L": {"b": "2", "a": "1"}, "N": ["x", "y"], "E": [], "S": "on", "Z": 0});
        assert_eq!(
            r("{{range $k, $v := .L}}{{$k}}={{$v}};{{end}}", &v),
            "a=1;b=2;"
        );
        assert_eq!(r("{{range .N}}<{{.}}>{{end}}", &v), "<x><y>");
        assert_eq!(
            r("{{range $i, $e := .N}}{{$i}}{{$e}} {{end}}", &v),
            "0x 1y "
        );
        assert_eq!(r("{{range .E}}x{{else}}none{{end}}", &v), "none");
        assert_eq!(r("{{if eq .S \"on\"}}yes{{else}}no{{end}}", &v), "yes");
        assert_eq!(r("{{if .Z}}a{{else if .S}}b{{else}}c{{end}}", &v), "b");
        assert_eq!(
            r("{{with .L}}{{.a}}{{end}}{{with .E}}x{{else}}-{{end}}", &v),
            "1-"
        );
        assert_eq!(
            r("{{$x := .S}}{{range .N}}{{$x}}{{.}}{{end}}", &v),
            "onxony"
        );
        assert_eq!(r("{{range .N}}{{$.S}}{{end}}", &v), "onon");
        // `$` assigned in a block stays assigned after it, as Go's does.
        assert_eq!(r("{{if true}}{{$ = \"x\"}}{{end}}{{$}}", &v), "x");
        assert_eq!(r("{{range .N}}{{$ = .}}{{end}}{{$}}", &v), "y");
        // := hides an outer variable until the block ends; = changes it.
        assert_eq!(
            r("{{$x := \"a\"}}{{range .N}}{{$x := .}}{{end}}{{$x}}", &v),
            "a"
        );
        assert_eq!(
            r("{{$x := \"a\"}}{{range .N}}{{$x = .}}{{end}}{{$x}}", &v),
            "y"
        );
        assert_eq!(r("a {{- \" b \" -}} c", &v), "a b c");
        assert_eq!(r("{{/* a comment */}}x", &v), "x");
        assert_eq!(r("{{(index .N 1) | upper}}", &v), "Y");
        assert_eq!(r("{{printf \"}}%s\\\"\" .S}}|{{`}}`}}", &v), "}}on\"|}}");
    }

    #[test]
    fn functions_as_podmans() {
        let v = json!({"S": "hello world", "N": ["a", "b"], "I": 42, "F": 1.5, "ID": "0123456789abcdef"});
        assert_eq!(r("{{join .N \",\"}}", &v), "a,b");
        assert_eq!(r("{{title .S}}", &v), "Hello World");
        assert_eq!(r("{{truncate .ID 5}}", &v), "01234");
        assert_eq!(r("{{pad .N 2 1}}|", &v), "  [a b] |");
        assert_eq!(r("{{split .S \" \"}}", &v), "[hello world]");
        assert_eq!(
            r(
                "{{printf \"%s=%d %5s|%-4s| %.2f %q %%\" .S .I \"ab\" \"c\" .F .S}}",
                &v
            ),
            "hello world=42    ab|c   | 1.50 \"hello world\" %"
        );
        assert_eq!(r("{{println .I .S}}", &v), "42 hello world\n");
        assert_eq!(r("{{print .I .F \"x\"}}", &v), "42 1.5x");
        assert_eq!(r("{{len .S}} {{len .N}}", &v), "11 2");
        assert_eq!(
            r(
                "{{if and (gt .I 40) (lt .F 2)}}y{{end}}{{if or .Nope .I}}z{{end}}{{not .I}}",
                &v
            ),
            "yzfalse"
        );
        assert_eq!(
            r("{{if ne .I 42}}x{{else}}same{{end}} {{eq .I 1 42}}", &v),
            "same true"
        );
        assert_eq!(
            r("{{json .N}} {{.N | json}}", &v),
            "[\"a\",\"b\"] [\"a\",\"b\"]"
        );
    }

    #[test]
    fn functions_without_arguments_do_not_fail() {
        let v = json!({"A": 1});
        for f in parse::FUNCS {
            let t = Template::parse(&format!("{{{{{f}}}}}")).expect("parse");
            let _ = t.render(&v);
        }
        assert_eq!(r("{{index}}", &v), "<no value>");
        // What would take the memory or the stack is refused or bounded.
        let deep = format!("{{{{{}.A{}}}}}", "(".repeat(1000), ")".repeat(1000));
        assert!(Template::parse(&deep).is_err());
        let blocks = format!("{}x{}", "{{if .A}}".repeat(1000), "{{end}}".repeat(1000));
        assert!(Template::parse(&blocks).is_err());
        assert_eq!(r("{{range 18446744073709551615}}{{end}}", &v), "");
        assert_eq!(r("{{printf \"%99999999999s\" .A}}", &v), "%!(BADWIDTH)");
        assert_eq!(r("{{pad .A 99999999999 0}}", &v).len(), 1_000_001);
        assert_eq!(r("{{printf}}", &v), "<no value>");
    }

    #[test]
    fn headers_go_through_functions() {
        let t = Template::parse("table {{upper .Tag}}\\t{{.CreatedAt}}").expect("p");
        assert_eq!(t.header(), "TAG\tCREATED AT");
    }
}
