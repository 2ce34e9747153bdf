//! den's Go-template renderer (`--format`) against podman's, on the same
//! image: the fields scripts read, Go's printing of maps and lists,
//! variables, if/else, range over maps and lists, with, pipes, table, and
//! the functions podman offers (json, upper, lower, title, join,
//! index, len, printf, println, eq, ne, and, not).
//! Where podman is not installed (a developer's machine), den's output is
//! checked against the values the test knows.

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
    let list = |template| {
        [
            "images",
            "--filter",
            "reference=*/fmt",
            "--format",
            template,
        ]
    };
    for (template, want) in LIST_TEMPLATES {
        let got = den.ok(&list(template));
        let got_cells = cells(&got);
        assert_eq!(
            got_cells,
            cells(&format!("{}\n", fill(want))),
            "den: {template}"
        );
        if let Some(p) = &podman {
            let theirs = p.run(&list(template));
            assert_eq!(
                got_cells,
                cells(&theirs),
                "den and podman differ on {template}"
            );
        }
    }
    // Times as Go prints them, and a range over the rows, byte for byte.
    if let Some(p) = &podman {
        for template in [
            "{{.CreatedAt}}|{{.CreatedTime}}",
            "{{range .}}{{.Tag}},{{end}}",
            "{{range .}}{{.Tag}}\n{{end}}",
        ] {
            let args = list(template);
            assert_eq!(
                den.ok(&args),
                p.run(&args),
                "den and podman differ on {template}"
            );
        }
    }
}

/// What podman's container inspect has that den's lacks, and why.
const INSPECT_LACKS: &[(&str, &str)] = &[
    (
        "Config.Annotations.io.kubernetes.cri-o.TTY",
        "podman's own annotations",
    ),
    (
        "Config.Annotations.io.podman.annotations.autoremove",
        "podman's own annotations",
    ),
    (
        "Config.Annotations.io.podman.annotations.init",
        "podman's own annotations",
    ),
    (
        "Config.Annotations.io.podman.annotations.privileged",
        "podman's own annotations",
    ),
    (
        "Config.Annotations.io.podman.annotations.publish-all",
        "podman's own annotations",
    ),
    (
        "Config.AttachStdout",
        "den does not record how the streams were attached",
    ),
    (
        "Config.AttachStderr",
        "den does not record how the streams were attached",
    ),
    (
        "HostConfig.CgroupConf",
        "den does not keep --cgroup-conf apart from its limits",
    ),
    (
        "HostConfig.ContainerIDFile",
        "den does not record the --cidfile",
    ),
    (
        "HostConfig.PublishAllPorts",
        "den records the ports -P published, not the flag",
    ),
    (
        "HostConfig.UsernsMode",
        "den records the id maps, not the flag",
    ),
    (
        "State.OciVersion",
        "den runs no OCI runtime: it sets the container up itself",
    ),
];

/// The dotted paths of every key of a JSON object (into objects only).
fn paths(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    if let Some(m) = v.as_object() {
        for (k, x) in m {
            let p = format!("{prefix}{k}");
            paths(x, &format!("{p}."), out);
            out.push(p);
        }
    }
}

/// The JSON that scripts parse has podman's shape: every key podman's
/// `ps --format json`, `images --format json`, `volume ls --format json`,
/// `network ls --format json`, `pod ps --format json` and container
/// `inspect` give is in den's
/// (for inspect, but for the few listed with their reason), and the
/// lists, numbers and text of `ps` are of podman's kinds.
#[test]
fn json_output_has_podmans_shape() {
    let (_reg, den) = setup();
    let image = den.image("busybox:latest");
    den.ok(&["pull", "-q", &image]);
    let publish = format!("{}:80", free_port());
    den.ok(&[
        "create", "--name", "c1", "-p", &publish, "-l", "a=b", &image, "true",
    ]);
    den.ok(&["volume", "create", "--label", "a=b", "v1"]);
    den.ok(&["network", "create", "n1"]);
    let Some(p) = Podman::new(&den) else {
        return; // podman is not installed here (CI installs it)
    };
    p.run(&["pull", "-q", "--tls-verify=false", &image]);
    p.run(&[
        "create", "--name", "c1", "-p", &publish, "-l", "a=b", &image, "true",
    ]);
    p.run(&["volume", "create", "--label", "a=b", "v1"]);
    p.run(&["network", "create", "n1"]);
    let pod = ["pod", "create", "--infra=false", "--name", "p1"];
    den.ok(&pod);
    p.run(&pod);
    den.ok(&["create", "--pod", "p1", "--name", "m1", &image, "true"]);
    p.run(&["create", "--pod", "p1", "--name", "m1", &image, "true"]);
    let json = |s: String| -> serde_json::Value { serde_json::from_str(&s).expect("json") };
    let first = |v: serde_json::Value, name: &str| -> serde_json::Value {
        v.as_array()
            .and_then(|a| {
                a.iter()
                    .find(|x| {
                        ["Name", "name"].iter().any(|k| x[k] == name)
                            || x["Names"]
                                .as_array()
                                .is_some_and(|n| n.iter().any(|n| n == name))
                            || x["Names"].as_str() == Some(name)
                    })
                    .cloned()
            })
            .unwrap_or_else(|| panic!("{name} not in {v}"))
    };
    for (what, args, name) in [
        ("ps", &["ps", "-a", "--format", "json"][..], "c1"),
        ("volume ls", &["volume", "ls", "--format", "json"], "v1"),
        ("network ls", &["network", "ls", "--format", "json"], "n1"),
        ("inspect", &["inspect", "c1"], "c1"),
        ("pod ps", &["pod", "ps", "--format", "json"], "p1"),
    ] {
        let ours = first(json(den.ok(args)), name);
        let theirs = first(json(p.run(args)), name);
        let (mut mine, mut podmans) = (Vec::new(), Vec::new());
        paths(&ours, "", &mut mine);
        paths(&theirs, "", &mut podmans);
        let lacking: Vec<&String> = podmans
            .iter()
            .filter(|k| !mine.contains(k))
            .filter(|k| !(what == "inspect" && INSPECT_LACKS.iter().any(|(l, _)| l == k)))
            .collect();
        assert!(
            lacking.is_empty(),
            "den's {what} JSON lacks podman's {lacking:?}\nden: {ours}\npodman: {theirs}"
        );
        if what == "pod ps" {
            // Whole ids, as podman's (they were cut to 12), and only
            // podman's fields (the table's columns were there too).
            assert_eq!(ours["Id"].as_str().map(str::len), Some(64), "{ours}");
            assert_eq!(
                ours["Containers"][0]["Id"].as_str().map(str::len),
                Some(64),
                "{ours}"
            );
            let extra: Vec<&String> = mine.iter().filter(|k| !podmans.contains(k)).collect();
            assert!(
                extra.is_empty(),
                "den's {what} JSON has {extra:?} more than podman's"
            );
        }
        if what == "volume ls" {
            // podman leaves unset fields out of its JSON: so does den.
            let extra: Vec<&String> = mine.iter().filter(|k| !podmans.contains(k)).collect();
            assert!(
                extra.is_empty(),
                "den's {what} JSON has {extra:?} more than podman's"
            );
        }
        if what == "ps" {
            for (k, theirs_v) in theirs.as_object().expect("object") {
                let kind = |v: &serde_json::Value| match v {
                    serde_json::Value::Null => "null",
                    serde_json::Value::Bool(_) => "bool",
                    serde_json::Value::Number(_) => "number",
                    serde_json::Value::String(_) => "text",
                    serde_json::Value::Array(_) => "list",
                    serde_json::Value::Object(_) => "map",
                };
                if !theirs_v.is_null() && !ours[k].is_null() {
                    assert_eq!(
                        kind(&ours[k]),
                        kind(theirs_v),
                        "ps JSON's {k}: den {} podman {}",
                        ours[k],
                        theirs_v
                    );
                }
            }
        }
    }
    // A volume's fields in templates, as podman's: unset ones at their
    // zero value, `Status` Go's nil map (`map[]`, and `null` as JSON).
    let fields = "{{.Status}}|{{json .Status}}|{{len .Status}}|{{if .Status}}y{{else}}n{{end}}|\
                  {{.UID}}|{{.GID}}|{{.Anonymous}}|{{.Timeout}}|{{.StorageID}}|{{.MountCount}}|\
                  {{.NeedsCopyUp}}|{{.Labels}}";
    for args in [
        &["volume", "ls", "--format", fields][..],
        &["volume", "inspect", "--format", fields, "v1"],
    ] {
        assert_eq!(den.ok(args), p.run(args), "{args:?}");
    }
    // An image's unset fields in templates: Go's zero values (`map[]`,
    // `[]`), as podman's, through `image inspect` and `inspect` alike
    // (den printed `<no value>` and `<nil>`).
    let fields = "{{.Config.Labels}}|{{.Labels}}|{{.Config.Volumes}}|{{.Config.ExposedPorts}}|\
                  {{.Config.Entrypoint}}|{{.Config.StopSignal}}|{{.Config.User}}|{{.Annotations}}|\
                  {{json .Config.Labels}}";
    for args in [
        &["image", "inspect", "--format", fields, &image][..],
        &["inspect", "--type", "image", "--format", fields, &image],
    ] {
        assert_eq!(den.ok(args), p.run(args), "{args:?}");
    }
    let ours = json(den.ok(&["images", "--format", "json"]));
    let theirs = json(p.run(&["images", "--format", "json"]));
    let (mut mine, mut podmans) = (Vec::new(), Vec::new());
    paths(&ours[0], "", &mut mine);
    paths(&theirs[0], "", &mut podmans);
    podmans.retain(|k| !mine.contains(k));
    assert!(
        podmans.is_empty(),
        "den's images JSON lacks podman's {podmans:?}"
    );
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

#[test]
fn a_field_the_rows_do_not_have_is_an_error_as_podmans() {
    let (_reg, den) = ready();
    den.ok(&[
        "create",
        "--name",
        "f",
        "--network",
        "none",
        "-v",
        "/data",
        "busybox",
        "true",
    ]);
    // podman's fields of a list row, all there.
    let out = den.ok(&[
        "ps",
        "-a",
        "--format",
        "{{.Names}} {{.Mounts}} {{.ExitedAt}} {{.AutoRemove}} {{.IsInfra}} {{.Namespaces.NET}}",
    ]);
    assert_eq!(out, "f [/data] -62135596800 false false \n");
    den.ok(&[
        "images",
        "--format",
        "{{.RepoTags}} {{.SharedSize}} {{.ParentId}} {{.CreatedTime}}",
    ]);
    den.ok(&["ps", "-a", "--format", "{{.Cgroup}} {{.User}}"]);
    den.ok(&[
        "volume",
        "ls",
        "--format",
        "{{.Status}} {{.Timeout}} {{.StorageID}}",
    ]);
    // `{{range .}}` runs once over the rows, as podman's.
    den.ok(&[
        "create",
        "--name",
        "g",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    assert_eq!(
        den.ok(&[
            "ps",
            "-a",
            "--sort",
            "names",
            "--format",
            "{{range .}}{{.Names}},{{end}}"
        ]),
        "f,g,\n"
    );
    den.ok(&["rm", "g"]);
    // A typo is refused, naming the field, with nothing printed.
    for (cmd, field) in [
        (&["ps", "-a", "--format"][..], "{{.Names}} {{.Nmaes}}"),
        (&["images", "--format"], "{{.Repo}}"),
        (&["volume", "ls", "--format"], "{{if .Nope}}x{{end}}"),
    ] {
        let mut args = cmd.to_vec();
        args.push(field);
        let out = den.output(&args);
        assert_eq!(out.status.code(), Some(125), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.starts_with("den: error: template: can't evaluate field") && e.lines().count() == 1,
            "{e}"
        );
    }
    // No rows, nothing to refuse (as podman).
    den.ok(&["rm", "f"]);
    assert_eq!(den.ok(&["ps", "-a", "--format", "{{.Nope}}"]), "");
    // A map's missing key is Go's <no value>, not an error.
    assert_eq!(
        den.ok(&["images", "--format", "{{.Labels.nope}}"]),
        "<no value>\n"
    );
    den.ok(&["pod", "create", "--name", "fp"]);
    assert_eq!(
        den.ok(&[
            "pod",
            "ps",
            "--format",
            "{{.Name}} {{len .Containers}} [{{.Namespace}}]"
        ]),
        "fp 1 []\n"
    );
    den.ok(&["pod", "rm", "fp"]);
}
