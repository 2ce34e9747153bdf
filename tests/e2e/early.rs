//! `den run` in the foreground forks its supervisor before the container
//! is recorded (`engine/start.rs`, `Early`): it enters den's user
//! namespace while `run` writes the record, and starts the container only
//! once told its name.

use crate::common::*;
use crate::run::leftover_processes;

/// The supervisors of `den`'s containers still running.
fn supervisors(den: &Den) -> Vec<String> {
    leftover_processes(den)
        .into_iter()
        .filter(|p| p.contains("__supervise"))
        .collect()
}

/// `den`'s processes still running, but for its pause process.
fn processes_but_pause(den: &Den) -> Vec<String> {
    leftover_processes(den)
        .into_iter()
        .filter(|p| !p.contains("__pause"))
        .collect()
}

/// The `den: error:` lines of `stderr`.
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("den: error: "))
        .collect()
}

/// A run's supervisor starts the container `run` recorded, under the name
/// den chose for it: its events (the supervisor's) name the container the
/// record's `create` named. The attack: a run whose record is refused
/// (the name is another container's) or whose cidfile cannot be written
/// after the record had forked its supervisor all the same; it ends
/// without starting anything, the other container is untouched, and the
/// refusal is one line.
#[test]
fn a_run_forks_its_supervisor_before_the_record_and_it_starts_only_what_was_recorded() {
    let (_reg, den) = ready();
    // A user's own den forks its supervisor once the pause process holds
    // its sealed copy, from the second start on (`runtime/reseal.rs`).
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    let (code, stdout, stderr) = run_debug(
        &den,
        &[
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            "echo hi; exit 7",
        ],
    );
    assert_eq!(code, Some(7), "{stderr}");
    assert_eq!(stdout, "hi\n");
    // The supervisor is told to go only once the record is written.
    let at = |phase: &str| -> f64 {
        let line = stderr
            .lines()
            .find(|l| l.ends_with(&format!("] {phase}")))
            .unwrap_or_else(|| panic!("no phase {phase:?} in {stderr}"));
        let ms = line.split_whitespace().nth(3).expect("the phase's time");
        ms.parse().expect("a time in ms")
    };
    assert!(
        at("supervisor started") >= at("container recorded"),
        "{stderr}"
    );
    let named = |status: &str| {
        den.ok(&[
            "events",
            "--stream=false",
            "--filter",
            &format!("event={status}"),
            "--format",
            "{{.Name}}",
        ])
    };
    let created = named("create");
    assert_eq!(created.lines().count(), 2, "{created}");
    assert_eq!(named("died"), created, "the supervisor's names for them");

    // Refused at the record: the name is taken.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "taken",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ]);
    let id = inspect(&den, "taken", "{{.Id}}");
    let (code, _, stderr) = run_debug(
        &den,
        &[
            "--rm",
            "--name",
            "taken",
            "--network",
            "none",
            "busybox",
            "true",
        ],
    );
    assert_eq!(code, Some(125), "{stderr}");
    let errors = errors(&stderr);
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("already in use"), "{stderr}");
    assert!(
        stderr.contains("] supervisor forked, ahead of the record"),
        "{stderr}"
    );
    assert!(!stderr.contains("] supervisor started"), "{stderr}");
    assert_eq!(
        inspect(&den, "taken", "{{.Id}} {{.State.Status}}"),
        format!("{id} running")
    );
    assert_eq!(den.ok(&["ps", "-a", "-q"]).lines().count(), 1);
    let left = supervisors(&den);
    assert!(
        left.len() == 1 && left[0].contains(&id[..12]),
        "only the running container's supervisor: {left:?}"
    );

    // Refused after the record: the cidfile cannot be written. The
    // container stays as `create` leaves it, never started.
    let cidfile = den.home().join("no-such-dir").join("cid");
    let cidfile = cidfile.to_string_lossy();
    let (code, _, stderr) = run_debug(
        &den,
        &[
            "--name",
            "nocid",
            "--cidfile",
            &cidfile,
            "--network",
            "none",
            "busybox",
            "true",
        ],
    );
    assert_eq!(code, Some(125), "{stderr}");
    assert!(stderr.contains("writing the cidfile"), "{stderr}");
    assert!(!stderr.contains("] supervisor started"), "{stderr}");
    assert_eq!(inspect(&den, "nocid", "{{.State.Status}}"), "created");
    assert_eq!(supervisors(&den).len(), 1, "{:?}", supervisors(&den));
    den.ok(&["rm", "-f", "-t", "0", "taken", "nocid"]);
}

/// `run -d` forks its supervisor before the record too: it prints the id
/// once the command runs, and a command that cannot run is its error. The
/// attack: a detached run refused at the record (the name is taken)
/// starts nothing and leaves no supervisor.
#[test]
fn a_detached_run_forks_its_supervisor_before_the_record_too() {
    let (_reg, den) = ready();
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    let id = den.ok(&[
        "run",
        "-d",
        "--name",
        "d",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ]);
    let id = id.trim();
    assert_eq!(id.len(), 64, "{id}");
    assert_eq!(
        inspect(&den, "d", "{{.Id}} {{.State.Status}}"),
        format!("{id} running")
    );
    let (code, _, stderr) = run_debug(
        &den,
        &["-d", "--name", "d", "--network", "none", "busybox", "true"],
    );
    assert_eq!(code, Some(125), "{stderr}");
    let errors = errors(&stderr);
    assert!(
        errors.len() == 1 && errors[0].contains("already in use"),
        "{stderr}"
    );
    assert!(
        stderr.contains("] supervisor forked, ahead of the record"),
        "{stderr}"
    );
    let e = den.fails(
        &[
            "run",
            "-d",
            "--network",
            "none",
            "busybox",
            "/no/such/command",
        ],
        127,
    );
    assert!(e.contains("/no/such/command"), "{e}");
    // That one's supervisor ends once it has recorded the exit.
    wait_for("one supervisor left", || supervisors(&den).len() == 1);
    let left = supervisors(&den);
    assert!(
        left.len() == 1 && left[0].contains(&id[..12]),
        "only d's supervisor: {left:?}"
    );
    den.ok(&["rm", "-f", "-t", "0", "d"]);
}

/// `run` forks its supervisor as soon as its command line is read, before
/// the config is made (settings, image, mounts), and sends it the config
/// once made. The attacks: a config that cannot be made (an image that
/// is not there, a value only the config's checks refuse) is one line,
/// and no process of the run is left; a config unlike the command line
/// (a spec file that asks for `--rm`, which the command line did not
/// say) drops the supervisor forked for it, and the container starts as
/// it would have without one, and is removed once it ends.
#[test]
fn a_run_forks_its_supervisor_before_the_config_and_drops_it_for_a_config_unlike_its_flags() {
    let (_reg, den) = ready();
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    // That run returns before its remover has ended: not a process of
    // the runs below.
    wait_for("the first run's remover to end", || {
        processes_but_pause(&den).is_empty()
    });
    for (args, why) in [
        (
            &[
                "--rm",
                "--network",
                "none",
                "--pull",
                "never",
                "no-such-image",
                "true",
            ][..],
            "no-such-image",
        ),
        (
            &[
                "--rm",
                "--network",
                "none",
                "--attach",
                "bogus",
                "busybox",
                "true",
            ][..],
            "invalid stream",
        ),
    ] {
        let (code, stdout, stderr) = run_debug(&den, args);
        assert_eq!(code, Some(125), "{stderr}");
        assert_eq!(stdout, "");
        let errors = errors(&stderr);
        assert!(
            errors.len() == 1 && errors[0].contains(why),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("] supervisor forked, ahead of the record"),
            "{stderr}"
        );
        assert!(!stderr.contains("] supervisor started"), "{stderr}");
        assert_eq!(processes_but_pause(&den), Vec::<String>::new(), "{args:?}");
    }
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");

    let spec = den.home().join("rm.json");
    std::fs::write(
        &spec,
        r#"{
            "image": "busybox",
            "name": "specrm",
            "command": ["sh", "-c", "echo from the spec"],
            "remove": true,
            "network": {"modes": ["none"]}
        }"#,
    )
    .expect("spec");
    let (code, stdout, stderr) = run_debug(&den, &["--spec", &spec.to_string_lossy()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "from the spec\n");
    assert!(
        stderr.contains("] supervisor forked, ahead of the record"),
        "{stderr}"
    );
    // The one forked ahead ended unsent; another started the container.
    assert!(
        stderr.contains("supervisor forked ahead does not fit the config"),
        "{stderr}"
    );
    let started: Vec<&str> = stderr
        .lines()
        .filter(|l| l.ends_with("] supervisor started"))
        .collect();
    assert_eq!(started.len(), 1, "{stderr}");
    assert_eq!(den.ok(&["ps", "-a", "-q"]), "");
    wait_for("no process of the runs left", || {
        processes_but_pause(&den).is_empty()
    });
}

/// Sent the config, the supervisor makes the container's directory and
/// starts its rootfs's mount while `run` writes the record. The attack: a
/// record refused after that (the name is another container's, in the
/// foreground and with `-d`) leaves no directory of the refused container
/// and no process; the container that has the name runs on, untouched,
/// and the next run of the same image starts as usual.
#[test]
fn a_refused_record_leaves_nothing_of_the_rootfs_started_ahead() {
    let (_reg, den) = ready();
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    // That run returns before its remover has ended.
    wait_for("the first run's remover to end", || {
        processes_but_pause(&den).is_empty()
    });
    let id = den.ok(&[
        "run",
        "-d",
        "--name",
        "held",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ]);
    let id = id.trim().to_string();
    let dirs = || entries(&den.data().join("containers"));
    assert_eq!(dirs(), vec![id.clone()]);
    for detach in [false, true] {
        let mut args = vec!["--name", "held", "--network", "none", "busybox", "true"];
        if detach {
            args.insert(0, "-d");
        }
        let (code, _, stderr) = run_debug(&den, &args);
        assert_eq!(code, Some(125), "{stderr}");
        // A detached supervisor's stderr is /dev/null.
        assert!(
            detach || stderr.contains("] rootfs mounting beside, ahead of the record"),
            "{stderr}"
        );
        assert!(
            errors(&stderr).len() == 1 && errors(&stderr)[0].contains("already in use"),
            "{stderr}"
        );
        assert_eq!(dirs(), vec![id.clone()], "detached: {detach}");
        let left: Vec<String> = processes_but_pause(&den)
            .into_iter()
            .filter(|p| !p.contains(&id[..12]))
            .collect();
        assert_eq!(left, Vec::<String>::new());
    }
    assert_eq!(
        inspect(&den, "held", "{{.Id}} {{.State.Status}}"),
        format!("{id} running")
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "echo",
            "again"
        ]),
        "again\n"
    );
    den.ok(&["rm", "-f", "-t", "0", "held"]);
    assert_eq!(dirs(), Vec::<String>::new());
}

/// `run`'s supervisor is forked before the command line is read
/// (`engine/prefork.rs`), and goes on as one forked ahead of the record.
/// The attack: command lines that never use it (an option den does not
/// know, a user network, which the supervisor joins from the host's user
/// namespace) leave no process of theirs behind: it is killed and reaped
/// before the command returns, having made nothing.
#[test]
fn a_run_forks_its_supervisor_before_the_parse_and_ends_it_unused() {
    let (_reg, den) = ready();
    den.ok(&["run", "--rm", "--network", "none", "busybox", "true"]);
    wait_for("the first run's remover to end", || {
        processes_but_pause(&den).is_empty()
    });
    let (code, stdout, stderr) = run_debug(
        &den,
        &["--rm", "--network", "none", "busybox", "echo", "hi"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "hi\n");
    assert!(
        stderr.contains("forked before the parse goes on as one forked ahead of the record"),
        "{stderr}"
    );
    wait_for("the run's remover to end", || {
        processes_but_pause(&den).is_empty()
    });

    let out = den.output(&["run", "--rm", "--no-such-option", "busybox", "true"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--no-such-option"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not a moment later: before the command returned.
    assert_eq!(processes_but_pause(&den), Vec::<String>::new());

    den.ok(&["network", "create", "prefork-net"]);
    let (code, stdout, stderr) = run_debug(
        &den,
        &[
            "--rm",
            "--network",
            "prefork-net",
            "busybox",
            "echo",
            "joined",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "joined\n");
    assert!(
        !stderr.contains("forked before the parse goes on"),
        "{stderr}"
    );
    wait_for("no process of the runs left", || {
        processes_but_pause(&den).is_empty()
    });
    den.ok(&["network", "rm", "prefork-net"]);
}
