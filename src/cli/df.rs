//! `den system df`: space used by images, containers and volumes.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::output;
use crate::config::paths::Paths;
use crate::engine::usage;
use crate::util::human;

#[derive(Debug, Args)]
pub struct DfArgs {
    /// Show each image, container and volume
    #[arg(short, long)]
    pub verbose: bool,
    /// Format the summary with a Go template (.Type .Total .Active .Size
    /// .Reclaimable), or json
    #[arg(long)]
    pub format: Option<String>,
}

/// `12.5MB (93%)`.
fn reclaimable(part: u64, whole: u64) -> String {
    let pct = if whole == 0 {
        0
    } else {
        (part as f64 * 100.0 / whole as f64).round() as u64
    };
    format!("{} ({pct}%)", human::size4(part))
}

pub fn df(paths: &Paths, a: DfArgs) -> Result<i32> {
    let u = usage::usage(paths)?;
    if a.verbose {
        verbose(&u)?;
        return Ok(0);
    }
    // Layers that images share counted once, and only what removing the
    // unused images frees as reclaimable (their size was summed, so a
    // shared base counted once per image, and an unused image's layers
    // that a used one shares counted as reclaimable).
    let img_size = u.layers_size;
    let img_free = u.layers_reclaimable;
    let ctr_size: u64 = u.containers.iter().map(|c| c.size).sum();
    let ctr_free: u64 = u
        .containers
        .iter()
        .filter(|c| c.state.status != "running")
        .map(|c| c.size)
        .sum();
    let vol_size: u64 = u.volumes.iter().map(|v| v.size).sum();
    let vol_free: u64 = u
        .volumes
        .iter()
        .filter(|v| v.links == 0)
        .map(|v| v.size)
        .sum();
    let rows = vec![
        json!({"Type": "Images", "Total": u.images.len(), "Active": u.images.iter().filter(|i| i.containers > 0).count(),
               "Size": human::size4(img_size), "Reclaimable": reclaimable(img_free, img_size),
               "RawSize": img_size, "RawReclaimable": img_free}),
        json!({"Type": "Containers", "Total": u.containers.len(), "Active": u.containers.iter().filter(|c| c.state.status == "running").count(),
               "Size": human::size4(ctr_size), "Reclaimable": reclaimable(ctr_free, ctr_size),
               "RawSize": ctr_size, "RawReclaimable": ctr_free}),
        json!({"Type": "Local Volumes", "Total": u.volumes.len(), "Active": u.volumes.iter().map(|v| v.links).sum::<usize>(),
               "Size": human::size4(vol_size), "Reclaimable": reclaimable(vol_free, vol_size),
               "RawSize": vol_size, "RawReclaimable": vol_free}),
    ];
    output::print_list(
        &rows,
        a.format.as_deref(),
        "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
        &[],
        false,
    )?;
    Ok(0)
}

fn table(header: &str, rows: &[Vec<String>]) -> Result<()> {
    let mut tw = tabwriter::TabWriter::new(std::io::stdout().lock())
        .minwidth(12)
        .padding(2);
    writeln!(tw, "{header}")?;
    for r in rows {
        writeln!(tw, "{}", r.join("\t"))?;
    }
    tw.flush()?;
    Ok(())
}

fn verbose(u: &usage::Usage) -> Result<()> {
    let ago = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| human::ago(t).trim_end_matches(" ago").to_string())
            .unwrap_or_default()
    };
    println!("Images space usage:\n");
    let images: Vec<Vec<String>> = u
        .images
        .iter()
        .flat_map(|i| {
            let names = if i.image.names.is_empty() {
                vec!["<none>:<none>".to_string()]
            } else {
                i.image.names.clone()
            };
            names.into_iter().map(move |n| {
                let (repo, tag) = match n.rsplit_once(':') {
                    Some((r, t)) if !t.contains('/') => (r.to_string(), t.to_string()),
                    _ => (n.clone(), "<none>".into()),
                };
                let created = i.image.created_at();
                vec![
                    repo,
                    tag,
                    i.image.id[..12].to_string(),
                    ago(created),
                    human::size4(i.image.size),
                    human::size4(i.shared),
                    human::size4(i.image.size.saturating_sub(i.shared)),
                    i.containers.to_string(),
                ]
            })
        })
        .collect();
    table(
        "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS",
        &images,
    )?;
    println!("\nContainers space usage:\n");
    let containers: Vec<Vec<String>> = u
        .containers
        .iter()
        .map(|c| {
            vec![
                c.config.id[..12].to_string(),
                c.config.image_id[..12.min(c.config.image_id.len())].to_string(),
                c.config.args.join(" "),
                c.config.mounts.len().to_string(),
                human::size4(c.size),
                ago(Some(c.config.created)),
                c.state.status.clone(),
                c.config.name.clone(),
            ]
        })
        .collect();
    table(
        "CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES",
        &containers,
    )?;
    println!("\nLocal Volumes space usage:\n");
    let volumes: Vec<Vec<String>> = u
        .volumes
        .iter()
        .map(|v| vec![v.name.clone(), v.links.to_string(), human::size4(v.size)])
        .collect();
    table("VOLUME NAME\tLINKS\tSIZE", &volumes)?;
    Ok(())
}
