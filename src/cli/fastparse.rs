//! The container verbs' command line, parsed without building all of den's.
//!
//! clap builds every subcommand's shell (name, help, deferred arguments)
//! before it reads a word; for den's some 80 commands that is the larger
//! part of a short command's parse (0.25 ms of `den run`'s start, most of
//! it page faults on a cold process). `run`, `create`, `start`, `rm`,
//! `exec`, the other container verbs and `ps` are what scripts call in
//! loops, so they are parsed by a top level that holds only them: the same
//! argument definitions (`GlobalArgs`, `ContainerVerb`, `PsArgs`), hence
//! the same result. Any error, `--help` or `--version` gives up here, and
//! the full parse says it in its own words.

use clap::{Parser, Subcommand};

use super::{ps::PsArgs, Cli, Command, ContainerVerb, GlobalArgs};

/// den's top level with the container verbs and `ps` only. Its settings
/// are the ones that change how words are read (`args_override_self`);
/// those that change only how help is shown stay with `Cli`, which shows
/// it.
#[derive(Debug, Parser)]
#[command(name = "den", args_override_self = true)]
struct VerbCli {
    #[command(flatten)]
    globals: GlobalArgs,
    #[command(subcommand)]
    verb: Verb,
}

/// The commands taken here, as `Command` has them.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
enum Verb {
    #[command(flatten)]
    Containers(ContainerVerb),
    Ps(PsArgs),
}

/// The global options that take a value (as the next word, or after `=`).
const VALUED: [&str; 5] = [
    "--root",
    "--runroot",
    "--storage-driver",
    "--log-level",
    "--config",
];

/// The command line as `Cli` parses it, when its command is a container
/// verb and it parses without error; `None` otherwise (then the caller
/// parses it in full).
pub fn container_verb(args: &[std::ffi::OsString]) -> Option<Cli> {
    let mut words = args.iter().skip(1);
    let verb = loop {
        let w = words.next()?.to_str()?;
        if !w.starts_with('-') {
            break w;
        }
        // Only the long global options come before a command; anything
        // else (`-h`, `--version`, a mistake) is for the full parse.
        let name = w.split_once('=').map_or(w, |(n, _)| n);
        if !VALUED.contains(&name) {
            return None;
        }
        if !w.contains('=') {
            words.next()?;
        }
    };
    if !Verb::has_subcommand(verb) {
        return None;
    }
    let parsed = VerbCli::try_parse_from(args).ok()?;
    Some(Cli {
        globals: parsed.globals,
        command: match parsed.verb {
            Verb::Containers(v) => Command::Containers(v),
            Verb::Ps(a) => Command::Ps(a),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<std::ffi::OsString> {
        std::iter::once("den")
            .chain(words.iter().copied())
            .map(Into::into)
            .collect()
    }

    /// The fast parse gives what the full one gives, or leaves it to it.
    fn same(words: &[&str]) -> bool {
        let args = os(words);
        let full = Cli::try_parse_from(&args).map(|c| format!("{c:?}"));
        match container_verb(&args) {
            Some(fast) => {
                assert_eq!(
                    Ok(format!("{fast:?}")),
                    full.map_err(|e| e.to_string()),
                    "{words:?}"
                );
                true
            }
            None => false,
        }
    }

    #[test]
    fn container_verbs_parse_as_in_full() {
        for words in [
            &["run", "--rm", "--network", "none", "busybox", "true"][..],
            &[
                "run", "--rm", "-it", "-e", "A=1", "-e", "B=2", "busybox", "sh", "-c", "echo $A",
            ],
            &[
                "--root", "/tmp/r", "run", "-d", "--name", "a", "--name", "b", "busybox",
            ],
            &["--log-level=debug", "run", "busybox", "--root", "x"],
            &["run", "busybox", "--log-level", "debug"],
            &["--config", "/tmp/c", "create", "-p", "8080:80", "busybox"],
            &[
                "create", "--memory", "64m", "--cpus", "1.5", "busybox", "true",
            ],
            &["start", "-a", "c1"],
            &["rm", "-f", "c1", "c2"],
            &["exec", "-it", "c1", "sh", "-c", "ls -l"],
            &["stop", "-t", "0", "c1"],
            &[
                "--storage-driver",
                "vfs",
                "--runroot",
                "/tmp/rr",
                "kill",
                "-s",
                "TERM",
                "c1",
            ],
            &["ps", "-a"],
            &["ps", "-aq", "--no-trunc"],
            &[
                "ps",
                "-a",
                "--format",
                "{{.Names}} {{.Status}}",
                "-f",
                "name=a",
            ],
            &["--root", "/tmp/r", "ps", "--format", "json", "--last", "3"],
        ] {
            assert!(same(words), "not taken fast: {words:?}");
        }
    }

    #[test]
    fn everything_else_is_left_to_the_full_parse() {
        for words in [
            &["--version"][..],
            &["ps", "--no-such-flag"],
            &["ps", "-h"],
            &["-h"],
            &["help", "run"],
            &["run", "--help"],
            &["run", "--no-such-flag", "busybox"],
            &["run"],
            &["--log-level", "loud", "run", "busybox"],
            &["--root"],
            &["container", "run", "busybox"],
            &["runn", "busybox"],
        ] {
            assert!(!same(words), "taken fast: {words:?}");
        }
    }
}
