//! `den stats`: podman's columns, fields and JSON, from the engine's
//! samples.

use std::time::Duration;

use anyhow::{bail, Result};
use clap::Args;
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::engine::stats::{self, Sample};
use crate::util::human;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Show stopped containers too
    #[arg(short, long)]
    pub all: bool,
    /// Print one sample and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Format output: json, or a Go template like '{{.Name}} {{.CPUPerc}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Seconds between samples when streaming
    #[arg(short, long, default_value_t = 5)]
    pub interval: u64,
    /// Do not clear the terminal between samples
    #[arg(long)]
    pub no_reset: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    #[command(flatten)]
    pub latest: super::container::Latest,
    /// Containers (names or ids; none: every running one)
    pub containers: Vec<String>,
}

const TABLE: &str = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}";

/// podman's column names for its placeholders (as the template's header
/// spells them first).
const HEADERS: &[(&str, &str)] = &[
    ("CPU PERC", "CPU %"),
    ("MEM USAGE", "MEM USAGE / LIMIT"),
    ("MEM PERC", "MEM %"),
    ("UP TIME", "CPU TIME"),
    ("AVGCPU", "AVG CPU %"),
    ("PI DS", "PIDS"),
];

fn percent(p: f64) -> String {
    format!("{p:.2}%")
}

fn pair(v: Option<(u64, u64)>) -> String {
    match v {
        Some((a, b)) => format!("{} / {}", human::size4(a), human::size4(b)),
        None => "-- / --".into(),
    }
}

/// One row: podman's template fields, and its JSON keys.
fn row(s: &Sample, cpu_percent: Option<f64>, no_trunc: bool) -> (Value, Value) {
    let id = if no_trunc {
        s.id.clone()
    } else {
        s.id.chars().take(12).collect()
    };
    if !s.running {
        let fields = json!({
            "ID": id, "ContainerID": s.id, "Name": s.name, "CPUPerc": "--", "MemUsage": "-- / --",
            "MemPerc": "--", "NetIO": "-- / --", "BlockIO": "-- / --", "BlockInput": "--",
            "BlockOutput": "--", "PIDs": "--", "PIDS": "--", "CPU": "--", "AvgCPU": "--",
            "AVGCPU": "--", "Up": "--", "UpTime": "--",
        });
        let out = json!({
            "id": id, "name": s.name, "cpu_time": "--", "cpu_percent": "--", "avg_cpu": "--",
            "mem_usage": "-- / --", "mem_percent": "--", "net_io": "-- / --",
            "block_io": "-- / --", "pids": "--",
        });
        return (fields, out);
    }
    let up = s.uptime.as_nanos().max(1) as f64;
    let avg = s.cpu_ns as f64 / up * 100.0;
    let cpu = cpu_percent.unwrap_or(avg);
    let mem_perc = if s.mem_limit > 0 {
        s.mem as f64 / s.mem_limit as f64 * 100.0
    } else {
        0.0
    };
    let mem_usage = format!("{} / {}", human::size4(s.mem), human::size4(s.mem_limit));
    let system_nano = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // podman's placeholders, with podman's meanings.
    let fields = json!({
        "ID": id,
        "ContainerID": s.id,
        "Name": s.name,
        "CPUPerc": percent(cpu),
        "CPU": cpu,
        "CPUNano": s.cpu_ns,
        "Duration": s.cpu_ns,
        "CPUSystemNano": s.cpu_sys_ns,
        "SystemNano": system_nano,
        "AvgCPU": avg,
        "AVGCPU": percent(avg),
        "MemUsage": mem_usage,
        "MemUsageBytes": human::size4(s.mem),
        "MemLimit": s.mem_limit,
        "MemPerc": percent(mem_perc),
        "NetIO": pair(s.net),
        "BlockIO": pair(s.block),
        "NetInput": s.net.map_or("--".to_string(), |b| human::size4(b.0)),
        "NetOutput": s.net.map_or("--".to_string(), |b| human::size4(b.1)),
        "PerCPU": {},
        "BlockInput": s.block.map_or("--".to_string(), |b| human::size4(b.0)),
        "BlockOutput": s.block.map_or("--".to_string(), |b| human::size4(b.1)),
        "PIDs": s.pids,
        "PIDS": s.pids,
        "Up": crate::util::human::go_duration(s.cpu_ns),
        "UpTime": crate::util::human::go_duration(s.cpu_ns),
    });
    let out = json!({
        "id": id,
        "name": s.name,
        "cpu_time": crate::util::human::go_duration(s.cpu_ns),
        "cpu_percent": percent(cpu),
        "avg_cpu": percent(avg),
        "mem_usage": mem_usage,
        "mem_percent": percent(mem_perc),
        "net_io": pair(s.net),
        "block_io": pair(s.block),
        "pids": s.pids.to_string(),
    });
    (fields, out)
}

fn print(rows: &[(Value, Value)], format: Option<&str>) -> Result<()> {
    if format == Some("json") {
        let out: Vec<&Value> = rows.iter().map(|r| &r.1).collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let fields: Vec<Value> = rows.iter().map(|r| r.0.clone()).collect();
    if format.is_none() {
        // podman's own column names.
        use std::io::Write;
        let t = crate::util::template::Template::parse(TABLE.trim_start_matches("table "))?;
        let mut tw = tabwriter::TabWriter::new(std::io::stdout().lock()).padding(2);
        writeln!(
            tw,
            "ID\tNAME\tCPU %\tMEM USAGE / LIMIT\tMEM %\tNET IO\tBLOCK IO\tPIDS\tCPU TIME\tAVG CPU %"
        )?;
        for f in &fields {
            writeln!(tw, "{}", t.render(f))?;
        }
        tw.flush()?;
        return Ok(());
    }
    super::output::print_list(&fields, format, TABLE, HEADERS, false)
}

/// `den stats`.
pub fn stats(paths: &Paths, a: StatsArgs) -> Result<i32> {
    if a.interval == 0 {
        bail!("--interval must be at least 1 second");
    }
    if let Some(f) = &a.format {
        if f != "json" {
            crate::util::template::Template::parse(f)?;
        }
    }
    let names = a.latest.names(paths, a.containers.clone())?;
    if a.no_stream {
        // One sample: CPU use averaged since the container started.
        let samples = stats::sample(paths, &names, a.all)?;
        let rows: Vec<_> = samples.iter().map(|s| row(s, None, a.no_trunc)).collect();
        print(&rows, a.format.as_deref())?;
        return Ok(0);
    }
    // The first sample at once (CPU averaged since the start), then one
    // each interval (CPU over it).
    let mut before: Option<Vec<Sample>> = None;
    loop {
        let now = stats::sample(paths, &names, a.all)?;
        let rows: Vec<_> = now
            .iter()
            .map(|s| {
                let cpu = before
                    .as_ref()
                    .and_then(|b| b.iter().find(|b| b.id == s.id))
                    .map(|b| {
                        let wall = s.taken.duration_since(b.taken).as_nanos().max(1) as f64;
                        s.cpu_ns.saturating_sub(b.cpu_ns) as f64 / wall * 100.0
                    });
                row(s, cpu, a.no_trunc)
            })
            .collect();
        if !a.no_reset && a.format.is_none() {
            print!("\x1b[2J\x1b[H");
        }
        print(&rows, a.format.as_deref())?;
        before = Some(now);
        std::thread::sleep(Duration::from_secs(a.interval));
    }
}
