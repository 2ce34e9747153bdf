//! `manifest create`, `add`, `annotate`, `inspect`, `push`, `remove`,
//! `rm`, `exists`: a list made of an image of the store and one of a
//! registry goes to the registry, where den, skopeo and the registry's own
//! API find each platform; and the attacks on it: a list that would take
//! an image's name, a registry blob that is not what its digest says.

use std::process::Command;

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression, ImageSpec};
use crate::support::registry::Registry;

const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

/// busybox plus `/arch` saying `arch`, pushed as `repo:tag` for `arch`.
fn push_arch(reg: &Registry, repo: &str, tag: &str, arch: &str) -> oci::Pushed {
    let text = format!("{arch}\n");
    let marker = layer_of(
        move |t: &mut TarWriter| {
            t.file("arch", text.as_bytes(), 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    let spec = ImageSpec {
        arch: arch.to_string(),
        ..busybox_spec()
    };
    oci::push_image(&reg.addr, repo, tag, &spec, &[busybox_gz(), marker], false)
}

/// The registry's document `repo:reference`: its digest and JSON.
fn document(reg: &Registry, repo: &str, reference: &str) -> (u16, String, serde_json::Value) {
    let mut resp = oci::agent()
        .get(&format!("http://{}/v2/{repo}/manifests/{reference}", reg.addr))
        .header(
            "Accept",
            format!("{OCI_INDEX}, {DOCKER_LIST}, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"),
        )
        .call()
        .expect("manifest request");
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_vec().expect("body");
    let json = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    (status, oci::sha256_digest(&body), json)
}

fn inspect_list(den: &Den, list: &str) -> serde_json::Value {
    serde_json::from_str(&den.ok(&["manifest", "inspect", list])).expect("inspect json")
}

#[test]
fn a_list_of_a_local_and_a_registry_image_is_pushed_and_pulled_per_platform() {
    let (reg, den) = setup();
    let host = oci::host_arch();
    push_arch(&reg, "src/host", "v1", &host);
    push_arch(&reg, "src/s390x", "v1", "s390x");
    let local = den.image("src/host:v1");
    den.ok(&["pull", "-q", &local]);

    let id = den.ok(&["manifest", "create", "mylist"]).trim().to_string();
    assert!(
        id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    den.ok(&["manifest", "exists", "mylist"]);
    den.fails(&["manifest", "exists", "nolist"], 1);
    // `images` lists it, as podman's does; the manifest filter picks it.
    assert_eq!(
        den.ok(&[
            "images",
            "--filter",
            "manifest=true",
            "--format",
            "{{.Repository}}:{{.Tag}} {{.ID}}"
        ]),
        format!("localhost/mylist:latest {}\n", &id[..12])
    );
    assert!(!den
        .ok(&["images", "--filter", "manifest=false", "-q"])
        .contains(&id[..12]));
    let e = den.fails(&["manifest", "create", "mylist"], 125);
    assert!(e.contains("--amend"), "{e}");
    assert_eq!(
        den.ok(&["manifest", "create", "--amend", "mylist"]).trim(),
        id
    );
    // A bare name is the store's image; docker:// is the registry's.
    den.ok(&["manifest", "add", "mylist", &local]);
    let remote = format!("docker://{}", den.image("src/s390x:v1"));
    let out = den.ok(&[
        "manifest",
        "add",
        "--annotation",
        "org.test=yes",
        "mylist",
        &remote,
    ]);
    assert_eq!(out.trim(), id, "add prints the list's id");
    let v = inspect_list(&den, "mylist");
    assert_eq!(v["schemaVersion"], 2);
    assert_eq!(v["mediaType"], DOCKER_LIST, "podman's default list type");
    let entries = v["manifests"].as_array().expect("manifests");
    assert_eq!(entries.len(), 2, "{v}");
    assert_eq!(entries[0]["platform"]["architecture"], host.as_str());
    assert_eq!(entries[1]["platform"]["architecture"], "s390x");
    assert_eq!(entries[1]["platform"]["os"], "linux");
    assert_eq!(entries[1]["annotations"]["org.test"], "yes");
    let remote_digest = entries[1]["digest"].as_str().expect("digest").to_string();
    let (_, registry_digest, _) = document(&reg, "src/s390x", "v1");
    assert_eq!(remote_digest, registry_digest);

    // annotate changes one entry, found by its digest.
    den.ok(&[
        "manifest",
        "annotate",
        "--variant",
        "v1",
        "--os-version",
        "9",
        "mylist",
        &remote_digest,
    ]);
    let v = inspect_list(&den, "mylist");
    assert_eq!(v["manifests"][1]["platform"]["variant"], "v1");
    assert_eq!(v["manifests"][1]["platform"]["os.version"], "9");
    assert!(v["manifests"][0]["platform"].get("variant").is_none());
    let e = den.fails(
        &[
            "manifest",
            "annotate",
            "--arch",
            "arm",
            "mylist",
            "sha256:00",
        ],
        125,
    );
    assert!(e.contains("no entry"), "{e}");

    // Pushed as an OCI index: the entries go into the destination's
    // repository by digest, the index under the tag.
    let digestfile = den.home().join("list.digest");
    let dest = den.image("pub/multi:v1");
    den.ok(&[
        "manifest",
        "push",
        "-q",
        "--format",
        "oci",
        "--digestfile",
        &digestfile.display().to_string(),
        "mylist",
        &format!("docker://{dest}"),
    ]);
    let (status, digest, index) = document(&reg, "pub/multi", "v1");
    assert_eq!(status, 200);
    assert_eq!(
        std::fs::read_to_string(&digestfile).expect("digestfile"),
        digest
    );
    assert_eq!(index["mediaType"], OCI_INDEX);
    let pushed = index["manifests"].as_array().expect("entries");
    assert_eq!(pushed.len(), 2);
    for e in pushed {
        let d = e["digest"].as_str().expect("digest");
        let (status, got, _) = document(&reg, "pub/multi", d);
        assert_eq!(status, 200, "entry {d} is in the destination repository");
        assert_eq!(got, d);
    }
    assert_eq!(pushed[1]["digest"].as_str(), Some(remote_digest.as_str()));
    assert_eq!(pushed[1]["platform"]["os.version"], "9");
    // The local list is left as it was (as podman leaves it).
    let after = inspect_list(&den, "mylist");
    assert_eq!(after, v);
    // Docker's format cannot hold a registry's OCI entry unchanged.
    let e = den.fails(
        &["manifest", "push", "--format", "v2s2", "mylist", &dest],
        125,
    );
    assert!(e.contains("--format oci"), "{e}");

    // Another client reads the same index.
    if Command::new("skopeo").arg("--version").output().is_ok() {
        let out = den
            .command("skopeo")
            .args([
                "inspect",
                "--raw",
                "--tls-verify=false",
                &format!("docker://{dest}"),
            ])
            .output()
            .expect("skopeo");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(oci::sha256_digest(&out.stdout), digest);
    }

    // podman pulls the entry it wants from den's list.
    if let Some(podman) = Podman::new(&den) {
        podman.run(&[
            "pull",
            "-q",
            "--tls-verify=false",
            "--arch",
            "s390x",
            "--variant",
            "v1",
            &dest,
        ]);
        assert_eq!(
            podman.run(&["image", "inspect", "--format", "{{.Architecture}}", &dest]),
            "s390x\n"
        );
    }

    // A den that never saw the images pulls each platform from the list.
    let other = Den::new(&reg.addr);
    other.ok(&["pull", "-q", &dest]);
    assert_eq!(
        other.ok(&["run", "--rm", &dest, "cat", "/arch"]),
        format!("{host}\n")
    );
    other.ok(&["pull", "-q", "--arch", "s390x", &dest]);
    assert_eq!(
        other.ok(&["image", "inspect", "--format", "{{.Architecture}}", &dest]),
        "s390x\n"
    );
    // manifest inspect of a registry's image shows its index as podman
    // 4.3 does: as Docker's list, in Go's field order, the entries without
    // their annotations.
    let shown = other.ok(&["manifest", "inspect", &dest]);
    let remote_index: serde_json::Value = serde_json::from_str(&shown).expect("json");
    assert_eq!(remote_index["mediaType"], DOCKER_LIST, "{shown}");
    let entries = remote_index["manifests"].as_array().expect("entries");
    assert_eq!(entries.len(), pushed.len());
    for (e, p) in entries.iter().zip(pushed) {
        assert_eq!(
            (&e["digest"], &e["platform"]),
            (&p["digest"], &p["platform"])
        );
        assert!(e.get("annotations").is_none(), "{shown}");
    }
    // A Docker image manifest is shown too, with a warning that it is no list.
    let single = den.image("d2/single:v1");
    let docker_layer = oci::layer(busybox_tar().to_vec(), Compression::Gzip, true);
    oci::push_image(
        &reg.addr,
        "d2/single",
        "v1",
        &ImageSpec::default(),
        &[docker_layer],
        true,
    );
    let out = other.output(&["manifest", "inspect", &single]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let single_shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a manifest list but a single image"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Byte for byte what podman prints for the same two documents.
    if let Some(podman) = Podman::new(&other) {
        for (name, ours) in [(&dest, &shown), (&single, &single_shown)] {
            // podman 4.3's manifest inspect has no --tls-verify: the
            // registries.conf Podman shares with den says the registry is insecure.
            let theirs = podman.run(&["manifest", "inspect", name]);
            assert_eq!(ours, &theirs, "manifest inspect {name}");
        }
    }

    // remove drops an entry; rm the list, as podman prints it.
    den.ok(&["manifest", "remove", "mylist", &remote_digest]);
    assert_eq!(
        inspect_list(&den, "mylist")["manifests"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        den.ok(&["manifest", "rm", "mylist"]),
        format!("Untagged: localhost/mylist:latest\nDeleted: {id}\n")
    );
    den.fails(&["manifest", "exists", "mylist"], 1);
    let e = den.fails(&["manifest", "rm", "mylist"], 1);
    assert!(e.contains("not known"), "{e}");
    // The image the list held is still there.
    den.ok(&["image", "exists", &local]);
}

#[test]
fn add_all_takes_every_entry_of_a_registry_list_and_push_all_false_only_the_index() {
    let (reg, den) = setup();
    let host = oci::host_arch();
    let entries: Vec<(String, String, oci::Pushed)> = [host.as_str(), "s390x", "ppc64le"]
        .iter()
        .map(|a| {
            let p = push_arch(&reg, "multi", &format!("only-{a}"), a);
            (a.to_string(), "linux".to_string(), p)
        })
        .collect();
    oci::push_index(&reg.addr, "multi", "latest", &entries);
    let src = format!("docker://{}", den.image("multi:latest"));
    // Without --all: this host's entry.
    den.ok(&["manifest", "create", "one", &src]);
    let v = inspect_list(&den, "one");
    assert_eq!(v["manifests"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["manifests"][0]["platform"]["architecture"], host.as_str());
    // With --all: every entry, with the index's platforms.
    den.ok(&["manifest", "create", "--all", "every", &src]);
    let v = inspect_list(&den, "every");
    let archs: Vec<&str> = v["manifests"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["platform"]["architecture"].as_str())
        .collect();
    assert_eq!(archs, vec![host.as_str(), "s390x", "ppc64le"]);
    // Into the same repository, the index alone: its entries are there.
    den.ok(&[
        "manifest",
        "push",
        "-q",
        "--all=false",
        "--rm",
        "every",
        &den.image("multi:copy"),
    ]);
    let (status, _, index) = document(&reg, "multi", "copy");
    assert_eq!(status, 200);
    assert_eq!(index["mediaType"], OCI_INDEX, "OCI entries, an OCI index");
    assert_eq!(index["manifests"].as_array().map(Vec::len), Some(3));
    den.fails(&["manifest", "exists", "every"], 1);
    // rmi removes a list as podman's does.
    let one = inspect_list(&den, "one");
    assert!(one["manifests"].is_array());
    let out = den.ok(&["rmi", "one"]);
    assert!(
        out.starts_with("Untagged: localhost/one:latest\nDeleted: "),
        "{out}"
    );
    den.fails(&["manifest", "exists", "one"], 1);
    // An empty list is not pushed.
    den.ok(&["manifest", "create", "empty"]);
    let e = den.fails(
        &["manifest", "push", "empty", &den.image("multi:empty")],
        125,
    );
    assert!(e.contains("no entries"), "{e}");
    let e = den.fails(
        &["manifest", "push", "empty", "oci-archive:/tmp/x.tar"],
        125,
    );
    assert!(e.contains("registries only"), "{e}");
}

#[test]
fn a_list_cannot_take_an_images_name_nor_copy_a_blob_that_lies() {
    let (reg, den) = setup();
    push_arch(&reg, "src/s390x", "v1", "s390x");
    den.ok(&["pull", "-q", "busybox"]);
    // An image's name is not taken over by a list, nor is a digest a name.
    let e = den.fails(&["manifest", "create", &den.image("busybox:latest")], 125);
    assert!(e.contains("already associated with image"), "{e}");
    den.fails(
        &[
            "manifest",
            "create",
            &format!("l@sha256:{}", "a".repeat(64)),
        ],
        125,
    );
    // Archives are refused as entries: load them first.
    let e = den.fails(&["manifest", "create", "l", "oci-archive:/tmp/x.tar"], 125);
    assert!(e.contains("den load"), "{e}");
    den.fails(&["manifest", "exists", "l"], 1);

    // An image tagged with a list's name takes it (as podman's tag does):
    // the list stays, by its id.
    let id = den.ok(&["manifest", "create", "taken"]).trim().to_string();
    den.ok(&["tag", "busybox", "taken"]);
    let e = den.fails(&["manifest", "exists", "taken"], 125);
    assert!(e.contains("not a manifest list"), "{e}");
    den.ok(&["manifest", "exists", &id]);
    let e = den.fails(&["rmi", "--all", "taken"], 125);
    assert!(e.contains("--all"), "{e}");
    den.ok(&["image", "exists", "taken"]);

    // The source registry serves a layer whose bytes are not its digest's
    // (same length): the copy into another registry stops, and nothing
    // names the list there.
    den.ok(&[
        "manifest",
        "create",
        "l",
        &format!("docker://{}", den.image("src/s390x:v1")),
    ]);
    let (_, _, m) = document(&reg, "src/s390x", "v1");
    let layer = m["layers"][1]["digest"]
        .as_str()
        .expect("layer")
        .to_string();
    let hex = layer.trim_start_matches("sha256:");
    let data = reg
        .dir()
        .join("storage/docker/registry/v2/blobs/sha256")
        .join(&hex[..2])
        .join(hex)
        .join("data");
    let mut bytes = std::fs::read(&data).expect("blob");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&data, &bytes).expect("tamper");
    let dest = Registry::start();
    let e = den.fails(
        &[
            "manifest",
            "push",
            "-q",
            "--tls-verify=false",
            "l",
            &format!("{}/copy:v1", dest.addr),
        ],
        125,
    );
    assert!(e.contains("does not match"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
    let (status, _, _) = document(&dest, "copy", "v1");
    assert_eq!(status, 404, "no list was written");
    let blob = oci::agent()
        .head(&format!("http://{}/v2/copy/blobs/{layer}", dest.addr))
        .call()
        .expect("head");
    assert_eq!(
        blob.status().as_u16(),
        404,
        "the lying blob was not sent on"
    );
    tmp_is_clean(&den);
    den.ok(&["manifest", "exists", "l"]);
}
