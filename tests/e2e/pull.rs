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
