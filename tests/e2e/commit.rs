//! `diff` and `commit`: a container's changes, listed and made into an
//! image whose new layer is exactly those changes, with either kind of
//! storage (the overlay upper directory, or a vfs rootfs compared with
//! its layers).

use std::collections::BTreeSet;

use crate::common::*;

const CHANGES: &str = "mkdir -p /new/deep && echo f > /new/deep/f && echo x >> /etc/passwd \
    && rm /bin/vi && rm -r /home/tester && ln -s /x /newlink \
    && rm -r /var && mkdir /var && echo only > /var/only";

fn lines(s: &str) -> BTreeSet<String> {
    s.lines().map(String::from).collect()
}

#[test]
fn diff_lists_what_changed_with_either_storage() {
    let (_reg, den) = ready();
    for driver in ["overlay", "vfs"] {
        let name = format!("d-{driver}");
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            CHANGES,
        ]);
        let got = lines(&den.ok(&["diff", &name]));
        let want = lines(
            "C /bin\nD /bin/vi\nC /etc\nC /etc/passwd\nC /home\nD /home/tester\n\
             A /new\nA /new/deep\nA /new/deep/f\nA /newlink\nC /var\nD /var/tmp\nA /var/only",
        );
        assert_eq!(got, want, "{driver}");
        let json: serde_json::Value =
            serde_json::from_str(&den.ok(&["diff", "--format", "json", &name])).expect("json");
        assert!(json["added"]
            .as_array()
            .expect("added")
            .contains(&serde_json::json!("/new/deep/f")));
        assert!(json["deleted"]
            .as_array()
            .expect("deleted")
            .contains(&serde_json::json!("/bin/vi")));
    }
    // A container that did nothing shows only the directory den's mount
    // points went into, as podman shows `C /etc`.
    den.ok(&[
        "run",
        "--name",
        "idle",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    assert_eq!(den.ok(&["diff", "idle"]), "C /etc\n");
    den.fails(&["diff", "--format", "yaml", "idle"], 125);
}

#[test]
fn commit_makes_an_image_of_exactly_the_changes() {
    let (_reg, den) = ready();
    for driver in ["overlay", "vfs"] {
        let name = format!("c-{driver}");
        let image = format!("committed-{driver}");
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--network",
            "none",
            "-e",
            "FROM_RUN=1",
            "busybox",
            "sh",
            "-c",
            CHANGES,
        ]);
        let id = den.ok(&[
            "commit",
            "-c",
            "CMD [\"cat\", \"/new/deep/f\"]",
            "-c",
            "ENV ADDED=yes",
            "-a",
            "tester",
            "-m",
            "my change",
            &name,
            &image,
        ]);
        assert_eq!(id.trim().len(), 64, "{id}");
        // The default command from --change, the files as left.
        assert_eq!(den.ok(&["run", "--rm", "--network", "none", &image]), "f\n");
        let check = "test ! -e /bin/vi && test ! -e /home/tester && cat /var/only && ls /var && \
                     readlink /newlink && tail -1 /etc/passwd && echo $ADDED $FROM_RUN";
        assert_eq!(
            den.ok(&[
                "run",
                "--rm",
                "--network",
                "none",
                &image,
                "sh",
                "-c",
                check
            ]),
            "only\nonly\n/x\nx\nyes 1\n",
            "{driver}"
        );
        // One more layer, one more history entry, the author kept.
        let base_layers = inspect(&den, "busybox", "{{len .RootFS.Layers}}");
        let layers = inspect(&den, &image, "{{len .RootFS.Layers}}");
        assert_eq!(
            layers.parse::<u32>().expect("n"),
            base_layers.parse::<u32>().expect("n") + 1
        );
        assert_eq!(inspect(&den, &image, "{{.Author}}"), "tester");
        let names = den.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
        assert!(
            names.contains(&format!("localhost/{image}:latest")),
            "{names}"
        );
        // A container of the new image starts with no changes of its own
        // (but den's mount points, as any container).
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &format!("again-{driver}"),
            "--network",
            "none",
            &image,
            "true",
        ]);
        assert_eq!(
            den.ok(&["diff", &format!("again-{driver}")]),
            "C /etc\n",
            "{driver}"
        );
    }
    // Bad changes and names: one line, no image.
    let before = den.ok(&["images", "-q"]);
    let e = den.fails(&["commit", "-c", "RUN echo", "c-overlay", "x"], 125);
    assert!(
        e.contains("invalid change") && e.lines().count() == 1,
        "{e}"
    );
    let e = den.fails(&["commit", "c-overlay", "Bad:Name"], 125);
    assert_eq!(e.lines().count(), 1, "{e}");
    den.fails(&["commit", "nosuch", "x"], 125);
    assert_eq!(den.ok(&["images", "-q"]), before);
    // --iidfile, and an untagged image.
    let f = den.home().join("iid");
    let id = den.ok(&["commit", "--iidfile", &f.display().to_string(), "c-overlay"]);
    assert_eq!(
        std::fs::read_to_string(&f).expect("iid"),
        format!("sha256:{}", id.trim())
    );
}

/// An image's link where another of its layers has a directory: diff and
/// commit compare with the image beneath its layers, so the host
/// directory the link names is never listed (nor whited out into a
/// committed image).
#[test]
fn an_image_symlink_never_lists_a_host_directory() {
    use crate::support::oci::{self, Compression};
    let (reg, den) = ready();
    let secret = den.home().join("secret-dir");
    std::fs::create_dir_all(&secret).expect("mkdir");
    std::fs::write(secret.join("host-secret-name"), "x").expect("write");
    let lower = layer_of(
        |t| {
            t.dir("x", 0o755, 0, 0).file("x/a", b"a", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let upper = layer_of(
        |t| {
            t.symlink("x", &secret.display().to_string());
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "linky",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), lower, upper],
        false,
    );
    for driver in ["vfs", "overlay"] {
        let name = format!("l-{driver}");
        den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--network",
            "none",
            "linky",
            "sh",
            "-c",
            "rm /x && mkdir /x && echo b > /x/b",
        ]);
        let diff = den.ok(&["diff", &name]);
        assert!(!diff.contains("host-secret-name"), "{driver}: {diff}");
        den.ok(&["commit", "-q", &name, &format!("linky-{driver}:v1")]);
        let tar = den
            .cmd(&["save", &format!("linky-{driver}:v1")])
            .output()
            .expect("save");
        assert!(
            !String::from_utf8_lossy(&tar.stdout).contains("host-secret-name"),
            "{driver}: the committed image names a host file"
        );
    }
}
