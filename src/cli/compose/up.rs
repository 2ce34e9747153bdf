//! `den compose up` in the foreground: the containers' output until they
//! end, each one's end said (`NAME exited with code N`), and what ends
//! them early: Ctrl-C (a graceful stop, a second one kills), or one
//! container's end with `--abort-on-container-exit`,
//! `--abort-on-container-failure` or `--exit-code-from`, as Docker
//! Compose does.

use anyhow::{bail, Result};

use super::{coloured, prefix_of, UpArgs};
use crate::config::paths::Paths;
use crate::engine::compose::{self, Heard, Loaded, Member};

/// What must hold before anything is made: `--exit-code-from` names a
/// service of the project.
pub(super) fn check(loaded: &Loaded, u: &UpArgs) -> Result<()> {
    let Some(from) = &u.exit_code_from else {
        return Ok(());
    };
    let services = loaded.project.model.get("services");
    if services.and_then(|s| s.get(from)).is_none() {
        let names: Vec<&str> = services
            .and_then(|s| s.as_object())
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        bail!(
            "--exit-code-from {from}: no such service (the project's services: {})",
            names.join(", ")
        );
    }
    Ok(())
}

/// When a container's end stops the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cascade {
    Never,
    /// `--abort-on-container-exit` (and `--exit-code-from`).
    OnExit,
    /// `--abort-on-container-failure`: an exit code other than 0.
    OnFailure,
}

/// The exit code `up` gives, from the containers' ends in the order
/// they are heard (Docker Compose's rule): the first end that stops the
/// others gives its code, and then the first end of `--exit-code-from`'s
/// service gives its own.
#[derive(Debug)]
struct Outcome {
    cascade: Cascade,
    from: Option<String>,
    code: Option<i32>,
    from_heard: bool,
    aborting: bool,
}

impl Outcome {
    fn new(u: &UpArgs) -> Outcome {
        let cascade = if u.abort_on_container_failure {
            Cascade::OnFailure
        } else if u.abort_on_container_exit || u.exit_code_from.is_some() {
            Cascade::OnExit
        } else {
            Cascade::Never
        };
        Outcome {
            cascade,
            from: u.exit_code_from.clone(),
            code: None,
            from_heard: false,
            aborting: false,
        }
    }

    /// A container of `service` ended with `exit`: whether that starts
    /// the stop of the others.
    fn ended(&mut self, service: &str, exit: i32) -> bool {
        let mut abort = false;
        if !self.aborting
            && (self.cascade == Cascade::OnExit
                || (self.cascade == Cascade::OnFailure && exit != 0))
        {
            self.aborting = true;
            self.code = Some(exit);
            abort = true;
        }
        if !self.from_heard && self.from.as_deref() == Some(service) {
            self.from_heard = true;
            self.code = Some(exit);
        }
        abort
    }
}

/// Follow the project's containers (those of `u.services`, else all; not
/// `compose run`'s) until they end; the exit status.
pub(super) fn attached(
    paths: &Paths,
    loaded: &Loaded,
    u: &UpArgs,
    ansi: Option<&str>,
) -> Result<i32> {
    let ms: Vec<Member> = compose::members(paths, &loaded.name)?
        .into_iter()
        // Every one, running or already ended (a short command may be
        // done by now: its log is shown and its end heard all the same).
        .filter(|m| !m.one_off())
        // Not orphans, nor containers of services left out for their
        // profiles: their old ends would stop the others.
        .filter(|m| loaded.project.model["services"].get(&m.service).is_some())
        .filter(|m| {
            u.services.is_empty()
                || u.services.contains(&m.service)
                || u.exit_code_from.as_ref() == Some(&m.service)
        })
        .collect();
    let width = ms.iter().map(|m| m.config.name.len()).max().unwrap_or(0);
    let colours = super::colours(u.no_color, ansi);
    let opts = crate::engine::logs::LogOptions {
        follow: true,
        tail: None,
        window: Default::default(),
        timestamps: u.timestamps,
    };
    let followers = compose::follow(paths, &ms, &opts, |m| {
        super::super::logs::Prefixed::new(if u.no_log_prefix {
            String::new()
        } else {
            prefix_of(&m.config.name, width, colours)
        })
    })?;
    let mut outcome = Outcome::new(u);
    let mut interrupted = false;
    let services = u.services.clone();
    followers.wait(|heard, aside| {
        let stop = |aside: &mut compose::Aside| {
            let services = services.clone();
            aside.run(move || {
                compose::stop(paths, loaded, &services, u.timeout, &mut |l: &str| {
                    eprintln!(" {l}")
                })
            })
        };
        match heard {
            Heard::Interrupted { first: true } => {
                interrupted = true;
                if outcome.aborting {
                    return Ok(());
                }
                outcome.aborting = true;
                eprintln!("Gracefully stopping... press Ctrl+C again to force (den compose down removes the containers)");
                stop(aside)
            }
            Heard::Interrupted { first: false } => {
                eprintln!("Killing...");
                for m in &ms {
                    if let Err(e) = compose::kill(paths, m, libc::SIGKILL) {
                        crate::debug!("{}: {e:#}", m.config.name);
                    }
                }
                Ok(())
            }
            Heard::Ended(i) => {
                let m = &ms[i];
                let Some(exit) = compose::exit_code(paths, m) else {
                    return Ok(());
                };
                let name = &m.config.name;
                println!(
                    "{}",
                    coloured(name, &format!("{name} exited with code {exit}"), colours)
                );
                if outcome.ended(&m.service, exit) {
                    eprintln!("Aborting on container exit...");
                    return stop(aside);
                }
                Ok(())
            }
        }
    })?;
    Ok(match outcome.code {
        Some(code) => code,
        None if interrupted => 130,
        None => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(cascade: Cascade, from: Option<&str>) -> Outcome {
        Outcome {
            cascade,
            from: from.map(str::to_string),
            code: None,
            from_heard: false,
            aborting: false,
        }
    }

    #[test]
    fn the_first_end_stops_the_others_and_gives_its_code() {
        let mut o = outcome(Cascade::OnExit, None);
        assert!(o.ended("fail", 123));
        // The others, stopped by it: no second stop, the code kept.
        assert!(!o.ended("sleep", 143));
        assert_eq!(o.code, Some(123));
    }

    #[test]
    fn exit_code_from_takes_its_services_first_end() {
        let mut o = outcome(Cascade::OnExit, Some("app"));
        assert!(o.ended("db", 1));
        assert!(!o.ended("app", 143));
        assert!(!o.ended("app", 0));
        assert_eq!(o.code, Some(143));
        let mut o = outcome(Cascade::OnExit, Some("app"));
        assert!(o.ended("app", 7));
        assert!(!o.ended("db", 0));
        assert_eq!(o.code, Some(7));
    }

    #[test]
    fn on_failure_a_clean_exit_stops_nothing() {
        let mut o = outcome(Cascade::OnFailure, None);
        assert!(!o.ended("init", 0));
        assert_eq!(o.code, None);
        assert!(o.ended("app", 2));
        assert_eq!(o.code, Some(2));
        let mut o = outcome(Cascade::Never, None);
        assert!(!o.ended("app", 2));
        assert_eq!(o.code, None);
    }
}
