//! `den compose` (issue 16), the first part: reading Compose files. Two
//! files merged, `.env` interpolation, anchors and merge keys, profiles,
//! the default network and the names Compose gives networks and volumes,
//! compared with a hand-written expected model; unknown keys warned with
//! file and line; bad and hostile files refused with file and line.

use std::path::Path;

use crate::common::*;

/// A project directory in the test's home with these files.
fn project(den: &Den, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = den.home().join(name);
    std::fs::create_dir_all(&dir).expect("project dir");
    for (f, text) in files {
        std::fs::write(dir.join(f), text).expect("write");
    }
    dir
}

fn compose(den: &Den, dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["compose"];
    all.extend_from_slice(args);
    den.cmd(&all)
        .current_dir(dir)
        .output()
        .expect("den compose")
}

#[test]
fn config_merges_two_files_as_compose_does() {
    let den = Den::new("localhost:1");
    let dir = project(
        &den,
        "stack",
        &[
            ("base.yaml", include_str!("compose/base.yaml")),
            ("override.yaml", include_str!("compose/override.yaml")),
            (".env", include_str!("compose/dotenv")),
        ],
    );
    let out = compose(
        &den,
        &dir,
        &["-f", "base.yaml", "-f", "override.yaml", "config"],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, include_str!("compose/merged.expected.yaml"));
    // The unknown key is named with its file and line, once.
    let want = format!(
        "den: warning: {}:13: unknown key services.web.colour: den ignores it\n",
        dir.join("override.yaml").display()
    );
    assert_eq!(stderr, want);
    // Profiles, the environment over .env, -p over the directory's name.
    let out = den
        .cmd(&[
            "compose",
            "-f",
            "base.yaml",
            "-f",
            "override.yaml",
            "--profile",
            "debug",
            "config",
            "--services",
        ])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert_eq!(text(&out).0, "client\ndebug\nweb\n");
    let out = den
        .cmd(&[
            "compose",
            "-f",
            "base.yaml",
            "-p",
            "Other.Name",
            "config",
            "--format",
            "json",
        ])
        .env("TAG", "from-env")
        .current_dir(&dir)
        .output()
        .expect("run");
    let model: serde_json::Value = serde_json::from_str(&text(&out).0).expect("json");
    assert_eq!(model["name"], "othername");
    assert_eq!(model["services"]["web"]["image"], "localhost/web:from-env");
    assert_eq!(model["volumes"]["data"]["name"], "othername_data");
    assert_eq!(
        text(&compose(
            &den,
            &dir,
            &["-f", "base.yaml", "config", "--volumes"]
        ))
        .0,
        "data\n"
    );
}

#[test]
fn bad_compose_files_are_refused_with_file_line_and_key() {
    let den = Den::new("localhost:1");
    let mut laughs = String::from("x-a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        let refs = vec![format!("*{prev}"); 10].join(", ");
        laughs.push_str(&format!("x-l{i}: &l{i} [{refs}]\n"));
    }
    let cases: Vec<(&str, String, &str)> = vec![
        ("syntax", "services:\n  web: [1\n".into(), "line 3"),
        (
            "twice",
            "services:\n  web:\n    image: a\n    image: b\n".into(),
            "line 4: the key \"image\" is given twice",
        ),
        (
            "unset",
            "services:\n  web:\n    image: ${NEEDED:?set NEEDED first}\n".into(),
            ":3: services.web.image: NEEDED: set NEEDED first",
        ),
        (
            "type",
            "services:\n  web:\n    ports: 80\n".into(),
            ":3: services.web.ports must be a list",
        ),
        ("top", "- a\n- b\n".into(), "a Compose file is a mapping"),
        ("laughs", laughs, "expands to more than"),
    ];
    for (name, text_, want) in cases {
        let dir = project(&den, name, &[("compose.yaml", &text_)]);
        let out = compose(&den, &dir, &["config"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "den: error: {}",
                dir.join("compose.yaml").display()
            )) && stderr.contains(want)
                && stderr.lines().count() == 1,
            "{name}: {stderr}"
        );
    }
    // No file at all: the names looked for, and the fix.
    let empty = project(&den, "empty", &[]);
    let out = compose(&den, &empty, &["config"]);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("give one with -f"),
        "{:?}",
        text(&out).1
    );
}
