//! `den top`: the processes of a running container, ps-like; `den port`.

use anyhow::{bail, Result};
use clap::Args;

use crate::config::paths::Paths;
use crate::engine::containers::Containers;

#[derive(Debug, Args)]
pub struct TopArgs {
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// The container
    #[arg(required_unless_present = "latest")]
    pub container: Option<String>,
    /// Columns: user, pid, ppid, pcpu, etime, tty, time, args, comm, group, nice, vsz, rss
    pub descriptors: Vec<String>,
}

pub fn top(paths: &Paths, a: TopArgs) -> Result<i32> {
    // With --latest every word is a descriptor.
    let (container, descriptors) = match a.container {
        Some(c) if !a.latest.latest => (c, a.descriptors),
        first => {
            let words = first.into_iter().chain(a.descriptors).collect();
            (a.latest.names(paths, Vec::new())?.remove(0), words)
        }
    };
    let rows = crate::engine::top::top(paths, &container, &descriptors)?;
    let columns = rows.first().map_or(0, |r| r.len());
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| r[i].len()).max().unwrap_or(0))
        .collect();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i + 1 == r.len() {
                    v.clone()
                } else {
                    format!("{v:<w$}", w = widths[i] + 4)
                }
            })
            .collect();
        println!("{}", line.join(""));
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// List the ports of all containers
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// The container (and optionally PORT[/PROTO])
    pub args: Vec<String>,
}

/// `den port`: a container's published ports, as podman prints them.
pub fn port(paths: &Paths, mut a: PortArgs) -> Result<i32> {
    // --latest: every word is a PORT[/PROTO].
    if a.latest.latest {
        a.args.insert(0, crate::engine::containers::latest(paths)?);
    }
    let containers = Containers::new(paths);
    let list = if a.all {
        containers.list()?
    } else {
        let Some(name) = a.args.first() else {
            bail!("give a container name or id, or --all")
        };
        vec![containers.find(name)?]
    };
    let wanted = if a.all { None } else { a.args.get(1) };
    let wanted = wanted.map(|w| {
        if w.contains('/') {
            w.clone()
        } else {
            format!("{w}/tcp")
        }
    });
    for c in &list {
        for (inside, outside) in crate::engine::containers::published(c) {
            match &wanted {
                Some(w) if *w == inside => println!("{outside}"),
                Some(_) => {}
                None if a.all => println!("{} {inside} -> {outside}", &c.id[..12]),
                None => println!("{inside} -> {outside}"),
            }
        }
    }
    Ok(0)
}
