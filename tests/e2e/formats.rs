//! den's Go-template renderer (`--format`) against podman's, on the same
//! image: the fields scripts read, Go's printing of maps and lists,
//! variables, if/else, range over maps and lists, with, pipes, table, and
//! the functions podman offers (json, upper, lower, title, join,
//! index, len, printf, println, eq, ne, and, not).
//! Where podman is not installed (a developer's machine), den's output is
//! checked against the values the test knows.

use std::process::Command;

use crate::common::*;
use crate::support::oci::{self, ImageSpec};

/// The templates, and what each gives for the test's image (`{id}`: the
/// image's full id, `{repo}`: its repository).
const IMAGE_TEMPLATES: &[(&str, &str)] = &[
    ("{{.Id}}", "{id}"),
    (
        "{{json .Config.Labels}}",
        r#"{"org.test.a":"one","org.test.b":"two words"}"#,
    ),
    (
        "{{.Config.Labels | json}}",
        r#"{"org.test.a":"one","org.test.b":"two words"}"#,
    ),
    ("{{index .Config.Labels \"org.test.b\"}}", "two words"),
    (
        "{{.Config.Labels}}",
        "map[org.test.a:one org.test.b:two words]",
    ),
    ("{{.Config.Cmd}}", "[sh -c echo hi]"),
    ("{{json .Config.Cmd}}", r#"["sh","-c","echo hi"]"#),
    ("{{upper .Os}} {{lower .Architecture}}", "LINUX {arch}"),
    (
        "{{len .RootFS.Layers}} {{len .Config.Labels}} {{len .Os}}",
        "1 2 5",
    ),
    ("{{.Config.User}}|{{.Config.WorkingDir}}", "1000|/srv"),
    ("{{index .RepoTags 0}}", "{repo}:v1"),
    (
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
        "org.test.a=one;org.test.b=two words;",
    ),
    ("{{range .Config.Cmd}}<{{.}}>{{end}}", "<sh><-c><echo hi>"),
    (
        "{{range $i, $c := .Config.Cmd}}{{$i}}:{{$c}} {{end}}",
        "0:sh 1:-c 2:echo hi ",
    ),
    ("{{join .Config.Cmd \"|\"}}", "sh|-c|echo hi"),
    (
        "{{title .Config.WorkingDir}} {{title (index .Config.Labels \"org.test.b\")}}",
        "/Srv Two Words",
    ),
    ("{{if eq .Os \"linux\"}}L{{else}}X{{end}}", "L"),
    (
        "{{if ne .Config.User \"0\"}}user {{.Config.User}}{{end}}",
        "user 1000",
    ),
    ("{{with .Config}}{{.WorkingDir}}{{end}}", "/srv"),
    (
        "{{printf \"%s-%d|%6s|%-3s|\" .Os 7 .Config.User \"a\"}}",
        "linux-7|  1000|a  |",
    ),
    ("{{println .Os .Config.User}}", "linux 1000\n"),
    (
        "{{$u := .Config.User}}{{range .Config.Cmd}}{{$u}}{{end}}",
        "100010001000",
    ),
    ("{{if and .Os (not .Config.Entrypoint)}}ok{{end}}", "ok"),
    ("{{len .Config.Cmd | printf \"%d args\"}}", "3 args"),
    ("{{- .Os -}} {{ .Architecture }}", "linux{arch}"),
];

const LIST_TEMPLATES: &[(&str, &str)] = &[
    ("{{.Repository}}:{{.Tag}}", "{repo}:v1"),
    ("{{.ID}}", "{id12}"),
    ("{{upper .Tag}} {{len .Repository}}", "V1 {repolen}"),
    ("{{.ID | upper}}", "{ID12}"),
    (
        "table {{.Repository}}\t{{.Tag}}",
        "REPOSITORY\tTAG\n{repo}\tv1",
    ),
];

#[test]
fn templates_render_as_podmans_on_the_same_image() {
    let (reg, den) = setup();
    let spec = ImageSpec {
        cmd: Some(vec!["sh".into(), "-c".into(), "echo hi".into()]),
        workdir: Some("/srv".into()),
        user: Some("1000".into()),
        labels: vec![
            ("org.test.b".into(), "two words".into()),
            ("org.test.a".into(), "one".into()),
        ],
        ..Default::default()
    };
    oci::push_image(&reg.addr, "fmt", "v1", &spec, &[busybox_gz()], false);
    let repo = format!("{}/fmt", reg.addr);
    let image = format!("{repo}:v1");
    den.ok(&["pull", "-q", &image]);
    let id = inspect(&den, &image, "{{.Id}}");
    let fill = |s: &str| {
        s.replace("{id}", &id)
            .replace("{id12}", &id[..12])
            .replace("{ID12}", &id[..12].to_uppercase())
            .replace("{repolen}", &repo.len().to_string())
            .replace("{repo}", &repo)
            .replace("{arch}", &oci::host_arch())
    };
    let podman = Podman::new(&den);
    if let Some(p) = &podman {
        p.run(&["pull", "-q", "--tls-verify=false", &image]);
    }
    for (template, want) in IMAGE_TEMPLATES {
        let got = den.ok(&["image", "inspect", "--format", template, &image]);
        assert_eq!(got, format!("{}\n", fill(want)), "den: {template}");
        if let Some(p) = &podman {
            let theirs = p.run(&["image", "inspect", "--format", template, &image]);
            assert_eq!(got, theirs, "den and podman differ on {template}");
        }
    }
    for (template, want) in LIST_TEMPLATES {
        let got = den.ok(&[
            "images",
            "--filter",
            "reference=*/fmt",
            "--format",
            template,
        ]);
        let got_cells = cells(&got);
        assert_eq!(
            got_cells,
            cells(&format!("{}\n", fill(want))),
            "den: {template}"
        );
        if let Some(p) = &podman {
            let theirs = p.run(&[
                "images",
                "--filter",
                "reference=*/fmt",
                "--format",
                template,
            ]);
            assert_eq!(
                got_cells,
                cells(&theirs),
                "den and podman differ on {template}"
            );
        }
    }
}

/// A table's cells (the padding between them is tabwriter's business).
fn cells(s: &str) -> Vec<Vec<String>> {
    s.lines()
        .map(|l| {
            l.split(['\t', ' '])
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

/// podman with storage of its own under the test's directory, when it is
/// installed.
struct Podman {
    root: String,
    run: String,
    xdg: std::path::PathBuf,
    home: std::path::PathBuf,
}

impl Podman {
    fn new(den: &Den) -> Option<Podman> {
        let there = Command::new("podman")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !there {
            return None;
        }
        let dir = den.home().join("podman");
        let xdg = dir.join("xdg");
        std::fs::create_dir_all(&xdg).expect("mkdir");
        Some(Podman {
            root: dir.join("root").display().to_string(),
            run: dir.join("run").display().to_string(),
            xdg,
            home: den.home().to_path_buf(),
        })
    }

    fn command(&self) -> Command {
        let mut c = Command::new("podman");
        c.args(["--root", &self.root, "--runroot", &self.run])
            .args(["--storage-driver", "vfs"])
            .env("HOME", &self.home)
            .env("XDG_RUNTIME_DIR", &self.xdg);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("podman");
        assert!(
            out.status.success(),
            "podman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let _ = self.command().args(["system", "reset", "-f"]).output();
        let _ = Command::new("podman")
            .args(["unshare", "rm", "-rf", &self.root, &self.run])
            .env("HOME", &self.home)
            .env("XDG_RUNTIME_DIR", &self.xdg)
            .output();
        // podman's rootless pause process would outlive the test.
        if let Ok(pid) = std::fs::read_to_string(self.xdg.join("libpod/tmp/pause.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).output();
        }
    }
}
