//! `den events`: the user's container and image events, past and (with
//! the default `--stream`) as they happen.

use std::time::Duration;

use anyhow::{bail, Result};
use clap::Args;
use serde_json::{json, Value};

use super::logs::parse_time;
use crate::config::paths::Paths;
use crate::events::{self, Event};
use crate::util::template::Template;

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Events since this time (RFC 3339, unix seconds, or a duration like 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Events until this time; with --stream, stop when it passes
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Filter: container=NAME|ID, event=STATUS, image=NAME, label=KEY[=VALUE],
    /// type=container|image
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Format output: json, or a Go template like '{{.Status}} {{.Name}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Keep printing new events (false: print past events and exit)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub stream: bool,
    /// Full ids (the default; false: their first 12 digits)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub no_trunc: bool,
}

fn keep(e: &Event, filters: &[(String, String)]) -> bool {
    // Filters of one key are alternatives; different keys must all hold.
    let keys: std::collections::BTreeSet<&str> = filters.iter().map(|(k, _)| k.as_str()).collect();
    keys.into_iter().all(|key| {
        filters
            .iter()
            .filter(|(k, _)| k == key)
            .any(|(_, v)| match key {
                "container" => {
                    e.kind == "container" && (e.name == *v || e.id.starts_with(v.as_str()))
                }
                // Docker's `die` is podman's `died` (podman maps it so).
                "event" | "status" => e.status == *v || (v == "die" && e.status == "died"),
                "image" => {
                    e.image == *v
                        || e.image.ends_with(&format!("/{v}"))
                        || e.image.starts_with(&format!("{v}:"))
                }
                "type" => e.kind == *v,
                // label=KEY or label=KEY=VALUE (labels are attributes).
                "label" => match v.split_once('=') {
                    Some((k, want)) => e.attributes.get(k).is_some_and(|x| x == want),
                    None => e.attributes.contains_key(v.as_str()),
                },
                _ => false,
            })
    })
}

fn as_json(e: &Event) -> Value {
    json!({
        "Time": e.time.to_rfc3339(),
        "Type": e.kind,
        "Status": e.status,
        "ID": e.id,
        "Name": e.name,
        "Image": e.image,
        "Attributes": e.attributes,
    })
}

fn print(e: &Event, format: Option<&Template>, json_lines: bool, trunc: bool) {
    if json_lines {
        println!("{}", as_json(e));
    } else if let Some(t) = format {
        println!("{}", t.render(&as_json(e)));
    } else {
        let mut attrs: Vec<String> = Vec::new();
        if !e.image.is_empty() && e.kind == "container" {
            attrs.push(format!("image={}", e.image));
        }
        if !e.name.is_empty() {
            attrs.push(format!("name={}", e.name));
        }
        attrs.extend(e.attributes.iter().map(|(k, v)| format!("{k}={v}")));
        let id = match e.id.get(..12) {
            Some(short) if trunc => short,
            _ => &e.id[..],
        };
        println!(
            "{} {} {} {} ({})",
            e.time.format("%Y-%m-%d %H:%M:%S%.9f %z UTC"),
            e.kind,
            e.status,
            id,
            attrs.join(", ")
        );
    }
}

pub fn events(paths: &Paths, a: EventsArgs) -> Result<i32> {
    let mut filters = Vec::new();
    for f in &a.filter {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?} (use KEY=VALUE)")
        };
        if !matches!(
            k,
            "container" | "event" | "status" | "image" | "type" | "label"
        ) {
            bail!("unknown filter {k:?} (den filters events by container, event, image, label and type)");
        }
        filters.push((k.to_string(), v.to_string()));
    }
    let since = a.since.as_deref().map(parse_time).transpose()?;
    let until = a.until.as_deref().map(parse_time).transpose()?;
    let json_lines = a.format.as_deref() == Some("json");
    let template = match a.format.as_deref() {
        Some(f) if f != "json" => Some(Template::parse(f)?),
        _ => None,
    };
    // As podman's: a stream without --since or --until begins now.
    let from_now = a.stream && since.is_none() && until.is_none();
    watch(paths, a.stream, from_now, until, |e| {
        if since.is_none_or(|s| e.time >= s)
            && until.is_none_or(|u| e.time <= u)
            && keep(e, &filters)
        {
            print(e, template.as_ref(), json_lines, !a.no_trunc);
        }
    })
}

/// Each event of the log to `each` (none of the past with `from_now`),
/// then (with `stream`) each new one as it is written, until `until`
/// passes.
pub(super) fn watch(
    paths: &Paths,
    stream: bool,
    from_now: bool,
    until: Option<chrono::DateTime<chrono::Utc>>,
    mut each: impl FnMut(&Event),
) -> Result<i32> {
    let path = events::path(paths);
    let mut log = events::Follower::default();
    if from_now {
        log.read_new(&path);
    }
    loop {
        for e in events::parse(&log.read_new(&path)) {
            each(&e);
        }
        if !stream || until.is_some_and(|u| chrono::Utc::now() > u) {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
