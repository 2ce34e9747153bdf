//! The layering ARCHITECTURE.md promises: the command line reaches the
//! parts below only through the engine, and the engine neither prints nor
//! sees clap. A file that breaks the rule fails here, by name and line.

use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read source");
                files.push((p, text));
            }
        }
    }
    files
}

/// `(file, line number, line)` for every line of the `.rs` files under
/// `dir` that contains one of `needles`, comments aside.
fn offending(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (p, text) in sources(dir) {
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if needles.iter().any(|n| code.contains(n)) {
                found.push(format!("{}:{}: {}", p.display(), i + 1, code));
            }
        }
    }
    found.sort();
    found
}

fn src(sub: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

#[test]
fn the_command_line_goes_through_the_engine() {
    let below = [
        "crate::runtime",
        "crate::storage",
        "crate::supervisor",
        "crate::network",
        "crate::container",
        "crate::image",
        "crate::compose",
        "crate::quadlet",
        "crate::cgroups",
    ];
    let bad = offending(&src("cli"), &below);
    assert!(
        bad.is_empty(),
        "cli/ reaches below the engine:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_engine_neither_prints_nor_parses_flags() {
    let bad = offending(
        &src("engine"),
        &[
            "println!",
            "print!(",
            "eprint",
            "std::io::stdout",
            "std::io::stderr",
            "clap",
            "crate::cli",
        ],
    );
    assert!(
        bad.is_empty(),
        "engine/ prints or sees clap:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // A rule that can never fail proves nothing: the same scan finds the
    // engine's own imports of the parts below it.
    assert!(!offending(&src("engine"), &["crate::runtime"]).is_empty());
    assert!(!offending(&src("cli"), &["crate::engine"]).is_empty());
}

/// `(file, line)` of every `#[derive(...)]` line under `dir` naming one of
/// `derives` that has a `///` doc comment right above it.
fn documented_derives(dir: &Path, derives: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (p, text) in sources(dir) {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate().skip(1) {
            let code = line.trim_start();
            let derive = code.starts_with("#[derive(")
                && derives.iter().any(|d| {
                    code.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == *d)
                });
            if derive && lines[i - 1].trim_start().starts_with("///") {
                found.push(format!("{}:{}", p.display(), i + 1));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn argument_structs_leave_their_commands_description_alone() {
    // The command line's subcommands are built when given (clap's `defer`),
    // which adds an arguments struct after the subcommand's description:
    // a `///` on the struct would replace what `den X --help` says. Such
    // structs carry a plain `//` comment.
    let found = documented_derives(&src("cli"), &["Args"]);
    assert!(found.is_empty(), "{found:#?}");
    // The scan sees doc comments where they are.
    assert!(!documented_derives(&src("cli"), &["Subcommand"]).is_empty());
}
