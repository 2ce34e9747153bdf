//! `healthcheck run`: the container's supervisor runs the check now (as
//! it runs the scheduled ones, with the same record and actions), asked
//! over its attach socket; the answer is that check's own result, as
//! podman's: `healthy` when it passed, `unhealthy` when it failed (while
//! the container's status may stay `healthy` for its retries).

use std::io::Read;

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::container::attach::{self, Decoder};
use crate::container::health::{ANSWER_NOT_RUN, ANSWER_PAUSED, ANSWER_STOPPED};
use crate::container::Containers;
use crate::error::{Error, Kind};

/// Run the healthcheck of `name` now; the check's result.
pub fn run(paths: &Paths, name: &str) -> Result<String> {
    let containers = Containers::new(paths);
    let c = containers.find(name)?;
    if c.health.is_none() {
        bail!("container {} has no defined healthcheck", c.name);
    }
    let st = containers.live_state(&c.id)?;
    if st.status != "running" {
        return Err(Error::conflict(
            Kind::Container,
            format!(
                "can only run the healthcheck of a running container: {} is {}",
                c.name, st.status
            ),
        ));
    }
    let mut sock = super::attach::connect(paths, &c.id)?;
    attach::send(&mut sock, attach::HEALTHCHECK, &[])?;
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = sock.read(&mut buf).context("reading from the supervisor")?;
        if n == 0 {
            bail!("container {} stopped before its healthcheck ended", c.name);
        }
        for (kind, payload) in decoder.push(&buf[..n])? {
            match kind {
                attach::HEALTH => {
                    return match &String::from_utf8_lossy(&payload)[..] {
                        ANSWER_PAUSED => Err(Error::conflict(
                            Kind::Container,
                            format!("can only run the healthcheck of a running container: {} is paused", c.name),
                        )),
                        ANSWER_STOPPED => {
                            bail!("container {} stopped before its healthcheck ended", c.name)
                        }
                        ANSWER_NOT_RUN => bail!(
                            "the healthcheck of {} could not begin (no process could be made for it: see the container's log)",
                            c.name
                        ),
                        result => Ok(result.to_string()),
                    }
                }
                attach::EXIT => {
                    bail!("container {} stopped before its healthcheck ended", c.name)
                }
                _ => {}
            }
        }
    }
}
