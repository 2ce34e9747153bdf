//! The per-user event log (`$XDG_DATA_HOME/den/events.log`): one JSON
//! object per line, appended by whichever den process does the thing
//! (create, start, died, stop, kill, pause, unpause, remove, rename; pull,
//! tag, remove for images). Each record is one small O_APPEND write, so
//! concurrent writers never interleave within a line.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::paths::Paths;

/// One event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub time: DateTime<Utc>,
    /// `container` or `image`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What happened: `create`, `start`, `died`, ...
    pub status: String,
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub image: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// The event log's path.
pub fn path(paths: &Paths) -> PathBuf {
    paths.data.join("events.log")
}

/// Record a container event (best effort: an event log that cannot be
/// written never fails the operation itself).
pub fn container(
    data: &Path,
    status: &str,
    id: &str,
    name: &str,
    image: &str,
    attrs: &[(&str, String)],
) {
    record(data, "container", status, id, name, image, attrs);
}

/// Record an image event.
pub fn image(data: &Path, status: &str, id: &str, name: &str) {
    record(data, "image", status, id, name, name, &[]);
}

fn record(
    data: &Path,
    kind: &str,
    status: &str,
    id: &str,
    name: &str,
    image: &str,
    attrs: &[(&str, String)],
) {
    let e = Event {
        time: Utc::now(),
        kind: kind.into(),
        status: status.into(),
        id: id.into(),
        name: name.into(),
        image: image.into(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    };
    let Ok(mut line) = serde_json::to_vec(&e) else {
        return;
    };
    line.push(b'\n');
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(data.join("events.log"));
    if let Ok(mut f) = file {
        let _ = f.write_all(&line);
    }
}

/// Parse the events in `data` (lines that do not parse are skipped).
pub fn parse(data: &[u8]) -> Vec<Event> {
    data.split(|b| *b == b'\n')
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect()
}
