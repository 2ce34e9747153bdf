//! The healthcheck flags of `run` and `create`, and `den healthcheck run`.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::config::paths::Paths;
use crate::engine::spec::health::{parse_test, HealthSpec, OnFailure};
use crate::util::human::duration_ns;

#[derive(Debug, Args, Clone, Default)]
pub struct HealthArgs {
    /// The healthcheck: a shell command, a JSON array (["CMD","curl","-f","..."]),
    /// or NONE for none (default: the image's HEALTHCHECK)
    #[arg(long, value_name = "COMMAND")]
    pub health_cmd: Option<String>,
    /// Time between checks (30s; disable: only `den healthcheck run`)
    #[arg(long, value_name = "DURATION")]
    pub health_interval: Option<String>,
    /// Time a check may take before it counts as failed (30s)
    #[arg(long, value_name = "DURATION")]
    pub health_timeout: Option<String>,
    /// Failures in a row that make the container unhealthy (3)
    #[arg(long, value_name = "N")]
    pub health_retries: Option<u32>,
    /// Time after the start in which failures do not count (0s)
    #[arg(long, value_name = "DURATION")]
    pub health_start_period: Option<String>,
    /// Time between checks during the start period (5s)
    #[arg(long, value_name = "DURATION")]
    pub health_start_interval: Option<String>,
    /// What to do when the container turns unhealthy: none, kill, restart, stop
    #[arg(long, value_name = "ACTION", default_value = "none",
          value_parser = ["none", "kill", "restart", "stop"])]
    pub health_on_failure: String,
    /// No healthcheck, whatever the image says
    #[arg(long)]
    pub no_healthcheck: bool,
}

fn duration(flag: &str, v: &Option<String>) -> Result<Option<u64>> {
    v.as_deref()
        .map(|s| {
            if flag == "health-interval" && s == "disable" {
                return Ok(0);
            }
            duration_ns(s).with_context(|| {
                format!("invalid --{flag} {s:?} (give a duration like 30s, 1m30s or 500ms)")
            })
        })
        .transpose()
}

impl HealthArgs {
    pub fn to_spec(&self) -> Result<HealthSpec> {
        Ok(HealthSpec {
            test: self.health_cmd.as_deref().map(parse_test).transpose()?,
            interval: duration("health-interval", &self.health_interval)?,
            timeout: duration("health-timeout", &self.health_timeout)?,
            start_period: duration("health-start-period", &self.health_start_period)?,
            start_interval: duration("health-start-interval", &self.health_start_interval)?,
            retries: self.health_retries,
            on_failure: OnFailure::parse(&self.health_on_failure)?,
            disabled: self.no_healthcheck,
        })
    }
}

/// `den healthcheck`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum HealthcheckCommand {
    /// Run a container's healthcheck now: prints nothing and exits 0 when
    /// the check passes, prints unhealthy and exits 1 when it fails
    Run(RunArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The container
    pub container: String,
}

pub fn healthcheck(paths: &Paths, c: HealthcheckCommand) -> Result<i32> {
    match c {
        HealthcheckCommand::Run(a) => {
            let status = crate::engine::health::run(paths, &a.container)?;
            if status == "healthy" {
                Ok(0)
            } else {
                println!("{status}");
                Ok(1)
            }
        }
    }
}
