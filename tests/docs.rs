//! The man pages and shell completions in the repository are generated
//! from the clap definitions; this fails when they are stale. Refresh them
//! with: cargo run -- __generate .

use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.file_name() != "README.md")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn man_pages_and_completions_are_current() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // No directory of den's is made for it (packaging runs it as root):
    // with XDG_RUNTIME_DIR missing, den would say it falls back to /tmp.
    let out = Command::new(env!("CARGO_BIN_EXE_den"))
        .arg("__generate")
        .arg(tmp.path())
        .env("XDG_RUNTIME_DIR", tmp.path().join("no-runtime-dir"))
        .output()
        .expect("run den");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // Nor for `version`, which root may run too.
    let out = Command::new(env!("CARGO_BIN_EXE_den"))
        .arg("version")
        .env("XDG_RUNTIME_DIR", tmp.path().join("no-runtime-dir"))
        .output()
        .expect("run den version");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // Its reader gone before it writes (`den version | head -0`): a
    // quiet end with SIGPIPE's status, no panic.
    let out = Command::new("sh")
        .args([
            "-c",
            "(sleep 0.3; \"$0\" version; echo \"code $?\" >&2) | true",
            env!("CARGO_BIN_EXE_den"),
        ])
        .env("XDG_RUNTIME_DIR", tmp.path().join("no-runtime-dir"))
        .output()
        .expect("run den version into a closed pipe");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "code 141\n");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["man", "completions"] {
        let fresh = files(&tmp.path().join(sub));
        let kept = files(&root.join(sub));
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&kept),
            names(&fresh),
            "{sub}/ is stale: run `cargo run -- __generate .`"
        );
        for ((name, a), (_, b)) in kept.iter().zip(fresh.iter()) {
            assert!(
                a == b,
                "{sub}/{name} is stale: run `cargo run -- __generate .`"
            );
        }
    }
    assert!(root.join("man/den-run.1").exists() && root.join("completions/den.bash").exists());
}

#[test]
fn bad_flags_are_one_line_exit_125_and_help_exits_0() {
    let den = env!("CARGO_BIN_EXE_den");
    let out = Command::new(den)
        .args(["pull", "--bogus"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("den: error: ") && err.lines().count() == 1,
        "{err}"
    );
    let out = Command::new(den)
        .args(["run", "--help"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--entrypoint"));
    // `help --help`, as podman's: the help command's own.
    for args in [&["help", "--help"][..], &["help", "ps", "-h"]] {
        let out = Command::new(den).args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("Usage: den help [COMMAND]"),
            "{args:?}: {help}"
        );
    }
    let out = Command::new(den)
        .arg("nosuchcommand")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(125));
}
