//! Compose's merge tags in the model while the files merge: `!reset`
//! (the key is taken out of what earlier files set) and `!override` (the
//! value replaces the earlier one whole). `keys.rs` marks a tagged value
//! with a one-key object no Compose file can hold (its key begins with a
//! NUL, which YAML's plain and single-quoted text cannot carry); `merge`
//! acts on it, and `settle` takes the marks out of a value that meets no
//! earlier one (a tag in the first file). Pure logic.

use serde_json::{json, Map, Value};

const MARK: &str = "\u{0}merge";
const VALUE: &str = "\u{0}value";

/// `!reset`.
pub fn reset() -> Value {
    json!({ MARK: "reset" })
}

/// `!override` on `v`.
pub fn overriding(v: Value) -> Value {
    json!({ MARK: "override", VALUE: v })
}

/// What a marked value says.
pub enum Marked {
    Reset,
    Override(Value),
    Plain(Value),
}

/// `v`'s mark, if any.
pub fn marked(v: Value) -> Marked {
    match v {
        Value::Object(mut m) if m.contains_key(MARK) => {
            if m.get(MARK).and_then(Value::as_str) == Some("override") {
                Marked::Override(m.remove(VALUE).unwrap_or(Value::Null))
            } else {
                Marked::Reset
            }
        }
        other => Marked::Plain(other),
    }
}

/// Whether `v` is `!reset`.
pub fn is_reset(v: &Value) -> bool {
    v.get(MARK).and_then(Value::as_str) == Some("reset")
}

/// `v` without marks: reset keys and items left out, overrides
/// unwrapped; none for a reset `v` itself.
pub fn settle(v: Value) -> Option<Value> {
    match marked(v) {
        Marked::Reset => None,
        Marked::Override(v) | Marked::Plain(v) => Some(match v {
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .filter_map(|(k, v)| settle(v).map(|v| (k, v)))
                    .collect::<Map<String, Value>>(),
            ),
            Value::Array(a) => Value::Array(a.into_iter().filter_map(settle).collect()),
            other => other,
        }),
    }
}
