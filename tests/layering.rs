//! The layering ARCHITECTURE.md promises: the command line reaches the
//! parts below only through the engine, and the engine neither prints nor
//! sees clap. A file that breaks the rule fails here, by name and line.

use std::path::Path;

/// `(file, line number, line)` for every line of the `.rs` files under
/// `dir` that contains one of `needles`, comments aside.
fn offending(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("read source");
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
