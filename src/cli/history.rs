//! `den history`, `den image tree` and `den image exists`.

use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

use super::output;
use crate::config::paths::Paths;
use crate::engine::images;
use crate::error::{Error, Kind};
use crate::util::human;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Print times as timestamps (false) or relative to now (true)
    #[arg(short = 'H', long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub human: bool,
    /// Do not truncate ids and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Print only ids
    #[arg(short, long)]
    pub quiet: bool,
    /// json, or a Go template like '{{.ID}} {{.CreatedBy}}'
    #[arg(long)]
    pub format: Option<String>,
    /// The image
    pub image: String,
}

pub fn history(paths: &Paths, a: HistoryArgs) -> Result<i32> {
    let entries = images::history(paths, &a.image)?;
    let id = |i: &str| {
        if a.no_trunc || i == "<missing>" {
            i.to_string()
        } else {
            i.chars().take(12).collect()
        }
    };
    if a.quiet {
        for e in &entries {
            println!("{}", id(&e.id));
        }
        return Ok(0);
    }
    let rows: Vec<Value> = entries
        .iter()
        .map(|e| {
            let at = e
                .created
                .as_deref()
                .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
                .map(|t| t.with_timezone(&chrono::Utc));
            let since = at.map(human::ago).unwrap_or_default();
            let by = if a.no_trunc || e.created_by.chars().count() <= 45 {
                e.created_by.clone()
            } else {
                format!("{}...", e.created_by.chars().take(42).collect::<String>())
            };
            json!({
                "ID": id(&e.id),
                "id": e.id,
                "Created": if a.human { since.clone() } else { e.created.clone().unwrap_or_default() },
                "CreatedSince": since,
                "CreatedAt": e.created.clone().unwrap_or_default(),
                "CreatedBy": by,
                "Size": human::size(e.size),
                "size": e.size,
                "Comment": e.comment,
                "Tags": e.tags,
                "tags": e.tags,
                "comment": e.comment,
                "created": e.created,
                "createdBy": e.created_by,
            })
        })
        .collect();
    if a.format.as_deref() == Some("json") {
        let list: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({"id": r["id"], "created": r["created"], "createdBy": r["createdBy"],
                       "size": r["size"], "comment": r["comment"], "tags": r["tags"]})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    output::print_list(
        &rows,
        a.format.as_deref(),
        "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        &[("CreatedBy", "CREATED BY")],
        false,
    )?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The image
    pub image: String,
}

/// Exit 0 if the image is known, 1 if not (podman's `image exists`).
pub fn exists(paths: &Paths, a: ExistsArgs) -> Result<i32> {
    Ok(if images::lookup(paths, &a.image)?.is_some() {
        0
    } else {
        1
    })
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Accepted for compatibility: den shows the image's own layers
    #[arg(long)]
    pub whatrequires: bool,
    /// The image
    pub image: String,
}

/// The image's layers, bottom first, with their sizes (podman's `image tree`).
pub fn tree(paths: &Paths, a: TreeArgs) -> Result<i32> {
    let img = images::lookup(paths, &a.image)?.ok_or_else(|| {
        Error::not_found(
            Kind::Image,
            &a.image,
            format!("{}: image not known", a.image),
        )
    })?;
    let layers = images::layers(paths, &img)?;
    println!("Image ID: {}", &img.id[..12]);
    println!("Tags:     [{}]", img.names.join(" "));
    println!("Size:     {}", human::size4(img.size));
    println!("Image Layers");
    let n = layers.len();
    for (i, (diff_id, size)) in layers.iter().enumerate() {
        let branch = if i + 1 == n { "└──" } else { "├──" };
        let short: String = diff_id
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect();
        let top = if i + 1 == n {
            format!(" Top Layer of: [{}]", img.names.join(" "))
        } else {
            String::new()
        };
        println!("{branch} ID: {short} Size: {}{top}", human::size4(*size));
    }
    Ok(0)
}
