//! `den pull` and `den run` of busybox: the basics.

use crate::common::*;

#[test]
fn pull_then_run_prints_and_exits_with_the_container_status() {
    let (_reg, den) = setup();
    let out = den.ok(&["pull", "-q", &den.image("busybox:latest")]);
    let id = out.trim();
    assert_eq!(id.len(), 64, "pull -q prints the image id: {out:?}");
    assert_eq!(
        den.ok(&["run", "--rm", "busybox", "echo", "hello"]),
        "hello\n"
    );
    den.fails(&["run", "--rm", "busybox", "sh", "-c", "exit 7"], 7);
    let images = den.ok(&["images", "-q"]);
    assert_eq!(images.trim(), &id[..12]);
    // Pulled by digest alone: named so, as podman names it (nameless, it
    // was listed as <none>, counted dangling and pruned).
    let digest = inspect(&den, "busybox", "{{.Digest}}");
    let other = Den::new(&den.registry);
    let by_digest = format!("{}@{digest}", den.image("busybox"));
    other.ok(&["pull", "-q", &by_digest]);
    assert_eq!(
        other.ok(&["images", "--format", "{{.Repository}} {{.Tag}}"]),
        format!("{} <none>\n", den.image("busybox"))
    );
    assert_eq!(other.ok(&["images", "-q", "--filter", "dangling=true"]), "");
    assert_eq!(other.ok(&["image", "prune", "-f"]), "");
    assert_eq!(other.ok(&["run", "--rm", &by_digest, "echo", "ok"]), "ok\n");
}

#[test]
fn run_pulls_a_missing_image_itself() {
    let (reg, den) = setup();
    push_busybox(&reg, "busybox", "auto");
    let out = den.output(&["run", "--rm", "busybox:auto", "echo", "pulled-and-ran"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "pulled-and-ran\n");
    assert!(stderr.contains("Trying to pull"), "{stderr}");
    // -q silences the pull, and --pull=always pulls again.
    let out = den.output(&["run", "--rm", "-q", "--pull=always", "busybox:auto", "true"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn short_names_try_each_search_registry_in_order() {
    let (reg, den) = setup();
    // A first registry that does not have the image, then the real one.
    let empty = crate::support::registry::Registry::start();
    std::fs::write(
        den.home().join("config/containers/registries.conf"),
        format!(
            "unqualified-search-registries = [\"{a}\", \"{b}\"]\n[[registry]]\nlocation = \"{a}\"\ninsecure = true\n[[registry]]\nlocation = \"{b}\"\ninsecure = true\n",
            a = empty.addr,
            b = reg.addr
        ),
    )
    .expect("registries.conf");
    let out = den.output(&["pull", "busybox"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("Trying to pull {}/busybox:latest", empty.addr)),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("Trying to pull {}/busybox:latest", reg.addr)),
        "{stderr}"
    );
    assert!(den
        .ok(&["images", "--format", "{{.Repository}}"])
        .contains(&format!("{}/busybox", reg.addr)));
    // A registries.conf that is not TOML is a clear error.
    std::fs::write(
        den.home().join("config/containers/registries.conf"),
        "unqualified-search-registries = [",
    )
    .expect("write");
    let e = den.fails(&["pull", "busybox"], 125);
    assert!(e.contains("is not a valid registries.conf"), "{e}");
}

#[test]
fn a_terminal_gets_progress_and_a_pipe_gets_plain_lines() {
    let (_reg, den) = setup();
    // Plain lines when stderr is not a terminal.
    let out = den.output(&["pull", "busybox"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Copying blob")
            && stderr.contains("done")
            && stderr.contains("Writing manifest"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "no terminal control codes in a pipe: {stderr:?}"
    );
    den.ok(&["rmi", "busybox"]);
    // Through a real pty (util-linux script): a drawn display where the
    // terminal can draw, plain lines on a dumb one; the id either way.
    let den_cmd = format!("{} pull busybox", den_bin().display());
    for term in ["xterm", "dumb"] {
        let out = den
            .command("script")
            .env("TERM", term)
            .args(["-qec", &den_cmd, "/dev/null"])
            .output()
            .expect("script");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(
            text.contains("Copying blob") && text.contains("Writing manifest"),
            "TERM={term}: {text}"
        );
        if term == "xterm" {
            assert!(
                text.contains("\x1b["),
                "a capable terminal gets a drawn display: {text:?}"
            );
        }
        let id = den.ok(&["images", "-q", "--no-trunc"]);
        assert!(
            text.contains(id.trim().trim_start_matches("sha256:")),
            "the id is printed: {text}"
        );
        den.ok(&["rmi", "busybox"]);
    }
}

/// registries.conf as users have it: short-name aliases, mirrors tried
/// first, and a prefix rewritten to another location.
#[test]
fn aliases_mirrors_and_rewritten_locations() {
    let reg = crate::support::registry::Registry::start();
    let mirror = crate::support::registry::Registry::start();
    push_busybox(&reg, "busybox", "latest");
    push_busybox(&mirror, "busybox", "latest");
    let den = Den::new(&reg.addr);
    let conf = den.home().join("config/containers/registries.conf");
    std::fs::write(
        &conf,
        format!(
            r#"unqualified-search-registries = ["{r}"]

[aliases]
"mybox" = "{r}/busybox"

[[registry]]
location = "{r}"
insecure = true

[[registry.mirror]]
location = "{m}"
insecure = true

[[registry]]
prefix = "example.invalid/team"
location = "{m}"
insecure = true
"#,
            r = reg.addr,
            m = mirror.addr
        ),
    )
    .expect("registries.conf");
    let manifest_gets = |r: &crate::support::registry::Registry| {
        r.log().matches("/v2/busybox/manifests/latest").count()
    };
    // The alias, pulled through the mirror; named as asked.
    let before = (manifest_gets(&reg), manifest_gets(&mirror));
    den.ok(&["pull", "-q", "mybox"]);
    assert!(
        manifest_gets(&mirror) > before.1,
        "the mirror was not asked"
    );
    assert_eq!(
        manifest_gets(&reg),
        before.0,
        "the registry was asked despite its mirror"
    );
    assert_eq!(
        den.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .trim(),
        format!("{}/busybox:latest", reg.addr)
    );
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "mybox",
            "echo",
            "aliased"
        ]),
        "aliased\n"
    );
    // The mirror gone: the registry itself.
    drop(mirror);
    den.ok(&["rmi", "mybox"]);
    den.ok(&["pull", "-q", "mybox"]);
    // A rewritten prefix: fetched from its location, named as asked.
    let mirror2 = crate::support::registry::Registry::start();
    push_busybox(&mirror2, "busybox", "latest");
    std::fs::write(
        &conf,
        format!(
            "[[registry]]\nprefix = \"example.invalid/team\"\nlocation = \"{}\"\ninsecure = true\n",
            mirror2.addr
        ),
    )
    .expect("registries.conf");
    den.ok(&["pull", "-q", "example.invalid/team/busybox"]);
    assert!(den
        .ok(&["images", "--format", "{{.Repository}}"])
        .contains("example.invalid/team/busybox"));
    // A bad file: one line naming it.
    std::fs::write(&conf, "[aliases]\n\"x\" = \"justaname\"\n").expect("registries.conf");
    let e = den.fails(&["pull", "x"], 125);
    assert!(
        e.contains("registries.conf") || e.contains("must name a registry"),
        "{e}"
    );
}

#[test]
fn search_lists_repositories_and_tags_and_pull_takes_them_all() {
    let (reg, den) = setup();
    push_busybox(&reg, "tools/busybox", "v1");
    push_busybox(&reg, "tools/busybox", "v2");
    push_busybox(&reg, "other/thing", "latest");
    let names = den.ok(&[
        "search",
        "--format",
        "{{.Name}}",
        &format!("{}/busy", reg.addr),
    ]);
    assert!(
        names
            .lines()
            .all(|n| n.starts_with(&reg.addr) && n.contains("busy")),
        "{names}"
    );
    assert!(
        names
            .lines()
            .any(|n| n == format!("{}/tools/busybox", reg.addr)),
        "{names}"
    );
    // The search registries when none is named (this den's is the test's).
    let all = den.ok(&["search", "--format", "{{.Name}}", "o"]);
    assert!(
        all.contains("tools/busybox") && all.contains("other/thing"),
        "{all}"
    );
    let tags = den.ok(&[
        "search",
        "--list-tags",
        "--format",
        "{{.Tag}}",
        &format!("{}/tools/busybox", reg.addr),
    ]);
    let mut tags: Vec<&str> = tags.lines().collect();
    tags.sort();
    assert_eq!(tags, ["v1", "v2"]);
    assert_eq!(
        den.ok(&["search", "--filter", "is-official=true", "busy"]),
        ""
    );
    den.fails(&["search", "--filter", "stars=many", "busy"], 125);
    // pull --all-tags: each tag of the repository.
    den.ok(&[
        "pull",
        "-q",
        "--all-tags",
        &format!("{}/tools/busybox", reg.addr),
    ]);
    let pulled = den.ok(&["images", "--format", "{{.Tag}}", "tools/busybox"]);
    let mut pulled: Vec<&str> = pulled.lines().collect();
    pulled.sort();
    assert_eq!(pulled, ["v1", "v2"]);
    den.fails(
        &[
            "pull",
            "--all-tags",
            &format!("{}/tools/busybox:v1", reg.addr),
        ],
        125,
    );
}
