//! A Compose file as a tree of YAML nodes that remember their line, so
//! every error and warning can name the file, line and key. Built from
//! yaml-rust2's events: anchors and aliases (copied, with a limit on what
//! they may expand to: a file of nested aliases must not eat the
//! memory), and merge keys (`<<: *base`, or a list of them; the keys the
//! mapping sets itself win). Scalars stay text; what a key means decides
//! how its value is read.

use anyhow::{bail, Result};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One YAML node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub value: Value,
    /// Compose's merge tag on it (`!reset`, `!override`), if any.
    pub tag: Option<MergeTag>,
}

/// How a later file's value meets the earlier files' (the Compose
/// Specification's merge tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeTag {
    /// `!reset`: the key is taken out of what the earlier files set.
    Reset,
    /// `!override`: the value replaces the earlier one whole, unmerged.
    Override,
}

/// The merge tag a YAML tag is (other tags, `!!str` and the like, mean
/// nothing to den).
fn merge_tag(tag: Option<&yaml_rust2::parser::Tag>) -> Option<MergeTag> {
    let tag = tag?;
    match (tag.handle.as_str(), tag.suffix.as_str()) {
        ("!", "reset") => Some(MergeTag::Reset),
        ("!", "override") => Some(MergeTag::Override),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, and whether it was plain (unquoted: `null`, `~` and an empty
    /// value mean nothing).
    Scalar(String, bool),
    Seq(Vec<Node>),
    /// Keys in order, each with its line.
    Map(Vec<(Node, Node)>),
}

/// Nodes an alias may copy in all, and how deep a tree may go.
const MAX_NODES: usize = 1_000_000;
const MAX_DEPTH: usize = 128;

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, true) if s.is_empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }
}

/// A node under construction: its anchor, and the count of nodes built
/// before it began.
enum Open {
    Seq(Node, usize, usize),
    Map(Node, usize, usize, Option<Node>),
}

/// The tree built from the parser's events. `nodes` counts every node
/// built, an alias's copy counted whole: each is counted once, as it is
/// made, and an alias is refused before it is copied when its copy would
/// pass the limit (copying first made a file of many aliases cost minutes
/// of CPU before the limit was seen).
#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    /// Each anchor's node and how many nodes it holds.
    anchors: std::collections::HashMap<usize, (Node, usize)>,
    docs: Vec<Node>,
    nodes: usize,
    /// The copies kept for aliases, in nodes: what the file costs is
    /// `nodes` and these, held to the limit together.
    kept: usize,
    error: Option<String>,
}

impl Builder {
    /// Count `more` nodes about to be built at `line`; false (and the
    /// error set) past the limit.
    fn count(&mut self, more: usize, line: usize) -> bool {
        if self.error.is_some() {
            return false;
        }
        self.nodes += more;
        if self.nodes + self.kept > MAX_NODES {
            self.error = Some(format!(
                "line {line}: the file expands to more than {MAX_NODES} values (aliases of aliases?)"
            ));
            return false;
        }
        true
    }

    /// Put `node` (of `size` nodes, already counted) in its place.
    fn push(&mut self, node: Node, anchor: usize, size: usize) {
        if self.error.is_some() {
            return;
        }
        if anchor > 0 {
            // The copy kept for aliases counts too: anchors nested deep
            // in each other were copied whole at every level, uncounted.
            self.kept += size;
            if !self.count(0, node.line) {
                return;
            }
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Open::Seq(seq, ..)) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some(Open::Map(map, _, _, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Value::Map(entries) = &mut map.value {
                        if k.as_str() == Some("<<") && matches!(k.value, Value::Scalar(_, true)) {
                            merge(entries, node);
                        } else if let Some(slot) =
                            entries.iter_mut().find(|(old, _)| old.value == k.value)
                        {
                            // A key the mapping sets itself wins over a merged one;
                            // set twice, the last wins (as go-yaml does not: it
                            // refuses, and so does den).
                            if slot.0.line == usize::MAX {
                                *slot = (k, node);
                            } else {
                                self.error = Some(format!(
                                    "line {}: the key {:?} is given twice",
                                    k.line,
                                    k.as_str().unwrap_or("")
                                ));
                            }
                        } else {
                            entries.push((k, node));
                        }
                    }
                }
            },
        }
    }
}

/// Merge the mapping (or list of mappings) `from` into `entries`: keys
/// already there are kept. Merged keys are marked (line usize::MAX on the
/// key) so that the mapping's own later keys replace them.
fn merge(entries: &mut Vec<(Node, Node)>, from: Node) {
    let maps: Vec<Node> = match from.value {
        Value::Seq(items) => items,
        _ => vec![from],
    };
    for m in maps {
        if let Value::Map(pairs) = m.value {
            for (k, v) in pairs {
                if !entries.iter().any(|(old, _)| old.value == k.value) {
                    entries.push((
                        Node {
                            line: usize::MAX,
                            value: k.value,
                            tag: k.tag,
                        },
                        v,
                    ));
                }
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::Scalar(text, style, anchor, tag) if self.count(1, line) => self.push(
                Node {
                    line,
                    value: Value::Scalar(text, style == TScalarStyle::Plain),
                    tag: merge_tag(tag.as_ref()),
                },
                anchor,
                1,
            ),
            Event::Alias(id) => match self.anchors.get(&id).map(|(_, size)| *size) {
                Some(size) => {
                    if self.count(size, line) {
                        if let Some((n, _)) = self.anchors.get(&id).cloned() {
                            self.push(n, 0, size);
                        }
                    }
                }
                None => {
                    self.error
                        .get_or_insert(format!("line {line}: an alias to an unknown anchor"));
                }
            },
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let tag = merge_tag(tag.as_ref());
                if self.stack.len() >= MAX_DEPTH {
                    self.error.get_or_insert(format!(
                        "line {line}: nested deeper than {MAX_DEPTH} levels"
                    ));
                }
                let before = self.nodes;
                if !self.count(1, line) {
                    return;
                }
                let open = if matches!(ev, Event::SequenceStart(..)) {
                    Open::Seq(
                        Node {
                            line,
                            value: Value::Seq(Vec::new()),
                            tag,
                        },
                        anchor,
                        before,
                    )
                } else {
                    Open::Map(
                        Node {
                            line,
                            value: Value::Map(Vec::new()),
                            tag,
                        },
                        anchor,
                        before,
                        None,
                    )
                };
                self.stack.push(open);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if self.error.is_some() {
                    return;
                }
                let (mut node, anchor, before) = match self.stack.pop() {
                    Some(Open::Seq(n, a, b)) => (n, a, b),
                    Some(Open::Map(n, a, b, _)) => (n, a, b),
                    None => return,
                };
                // Merged keys get their value's line back.
                if let Value::Map(entries) = &mut node.value {
                    for (k, v) in entries.iter_mut() {
                        if k.line == usize::MAX {
                            k.line = v.line;
                        }
                    }
                }
                let size = self.nodes - before;
                self.push(node, anchor, size);
            }
            _ => {}
        }
    }
}

/// Parse one YAML document (an empty file is an empty mapping).
pub fn parse(text: &str) -> Result<Node> {
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut b, false) {
        bail!("line {}: {}", e.marker().line(), e.info());
    }
    if let Some(e) = b.error {
        bail!("{e}");
    }
    Ok(b.docs.into_iter().next().unwrap_or(Node {
        line: 1,
        value: Value::Map(Vec::new()),
        tag: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_anchors_and_merge_keys() {
        let text = "x-base: &base\n  image: busybox\n  restart: always\nservices:\n  web:\n    <<: *base\n    restart: \"no\"\n  db:\n    image: ~\n";
        let doc = parse(text).expect("yaml");
        let web = doc.get("services").and_then(|s| s.get("web")).expect("web");
        assert_eq!(web.get("image").and_then(Node::as_str), Some("busybox"));
        assert_eq!(web.get("restart").and_then(Node::as_str), Some("no"));
        assert_eq!(web.get("restart").map(|n| n.line), Some(7));
        let db = doc.get("services").and_then(|s| s.get("db")).expect("db");
        assert!(db.get("image").is_some_and(Node::is_null));
        assert_eq!(doc.get("services").map(|n| n.line), Some(5));
    }

    #[test]
    fn hostile_files_are_refused() {
        // A billion laughs.
        let mut t = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            t.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let e = parse(&t).unwrap_err().to_string();
        assert!(e.contains("expands to more than"), "{e}");
        let deep = "[".repeat(500) + &"]".repeat(500);
        assert!(parse(&deep).is_err());
        assert!(parse("a: 1\na: 2\n")
            .unwrap_err()
            .to_string()
            .contains("twice"));
        assert!(parse("a: [1\n").is_err());
        assert!(parse("a: *nowhere\n").is_err());
    }

    /// Many aliases of one large anchor: refused at the alias that would
    /// pass the limit, before it is copied (each was copied first, and
    /// such a file cost minutes of CPU before the limit was seen).
    #[test]
    fn many_aliases_of_a_large_anchor_are_refused_at_the_limit() {
        let mut t = format!("a: &a [{}]\n", vec!["x"; 99_999].join(", "));
        t.push_str("b:\n");
        for _ in 0..5_000 {
            t.push_str("  - *a\n");
        }
        let e = parse(&t).unwrap_err().to_string();
        // The anchor is 100,000 nodes (and counted again for its copy
        // kept): the eighth alias passes 1,000,000.
        assert!(
            e.starts_with("line 10: the file expands to more than"),
            "{e}"
        );
        // Each anchor's kept copy counts: three nested anchors around
        // 150,000 values and an alias are 750,000; around 250,000, 1.25
        // million (each level was copied whole, uncounted).
        let nested = |n: usize| format!("a: &a [&b [&c [{}]]]\nx: *a\n", vec!["x"; n].join(", "));
        assert!(parse(&nested(150_000)).is_ok());
        assert!(parse(&nested(250_000)).is_err());
    }
}
