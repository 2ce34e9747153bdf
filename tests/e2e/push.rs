//! `push`: images go to a registry as they came, whole or in chunks, and
//! come back with the same id.

use crate::common::*;
use crate::support::layers::{LongNames, TarWriter};
use crate::support::oci::{self, Compression};

/// busybox plus a layer of every kind of entry a tar stream can hold in a
/// way den has to reproduce byte for byte.
fn push_varied(reg: &crate::support::registry::Registry) {
    let mut t = TarWriter::new();
    let long = format!("deep/{}/file", "d".repeat(120));
    t.dir("deep", 0o755, 0, 0)
        .file(&long, b"a long name\n", 0o644, 1000, 1000)
        .file("data/big", &vec![7u8; 300_000], 0o600, 0, 0)
        .file("data/empty", b"", 0o644, 0, 0)
        .hardlink("data/again", "data/big")
        .symlink("data/link", "big")
        .file_with_xattrs("data/attr", b"x", 0o644, 0, 0, &[("user.note", b"kept")])
        .whiteout("etc", "motd")
        .fifo("data/pipe");
    let varied = oci::layer(t.finish(), Compression::Gzip, false);
    let mut g = TarWriter::new();
    g.set_long_names(LongNames::Gnu).file(
        &format!("gnu/{}", "g".repeat(150)),
        b"gnu\n",
        0o644,
        0,
        0,
    );
    let gnu = oci::layer(g.finish(), Compression::Zstd, false);
    oci::push_image(
        &reg.addr,
        "varied",
        "v1",
        &busybox_spec(),
        &[busybox_gz(), varied, gnu],
        false,
    );
}

fn manifest(reg: &str, repo: &str, tag: &str) -> (String, serde_json::Value) {
    let mut resp = oci::agent()
        .get(&format!("http://{reg}/v2/{repo}/manifests/{tag}"))
        .header(
            "Accept",
            "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json",
        )
        .call()
        .expect("manifest");
    let body = resp.body_mut().read_to_vec().expect("body");
    (
        oci::sha256_digest(&body),
        serde_json::from_slice(&body).expect("manifest json"),
    )
}

#[test]
fn push_round_trips_with_the_same_id_and_skips_what_the_registry_has() {
    let (reg, den) = setup();
    push_varied(&reg);
    let src = den.image("varied:v1");
    let id = den.ok(&["pull", "-q", &src]).trim().to_string();

    // To another repository: every layer is written out as it came in.
    let dest = den.image("copy/varied:v2");
    let digestfile = den.home().join("digest");
    let out = den.output(&[
        "push",
        "--digestfile",
        &digestfile.display().to_string(),
        &src,
        &dest,
    ]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty(), "push prints nothing on stdout");
    assert!(
        stderr.contains("Getting image source signatures"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Writing manifest to image destination"),
        "{stderr}"
    );
    // The layers pulled from this registry are mounted, not sent again.
    assert!(reg.log().contains("mount=sha256"), "no blob was mounted");
    let (digest, m) = manifest(&reg.addr, "copy/varied", "v2");
    assert_eq!(
        std::fs::read_to_string(&digestfile).expect("digestfile"),
        digest
    );
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(m["config"]["digest"], format!("sha256:{id}"));
    assert_eq!(m["layers"].as_array().map(Vec::len), Some(3));

    // A den with empty storage pulls it back: the same image, whole.
    let other = Den::new(&reg.addr);
    assert_eq!(other.ok(&["pull", "-q", &dest]).trim(), id);
    assert_eq!(
        other.ok(&["run", "--rm", "--network", "none", &dest, "sh", "-c",
            "cat deep/d*/file gnu/g*; wc -c < data/big; stat -c %h data/again; readlink data/link; test -p data/pipe && echo fifo; test -e etc/motd || echo gone"]),
        "a long name\ngnu\n300000\n2\nbig\nfifo\ngone\n"
    );

    // Again: the registry has every blob.
    let again = den.output(&["push", &src, &dest]);
    let (_, stderr) = text(&again);
    assert!(again.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("skipped: already exists").count(),
        3,
        "{stderr}"
    );

    // Back to where it came from: the pulled blobs are there already,
    // zstd one included.
    let home = den.output(&["push", &src]);
    let (_, stderr) = text(&home);
    assert!(home.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("skipped: already exists").count(),
        3,
        "{stderr}"
    );

    // Docker's format, and zstd.
    den.ok(&[
        "push",
        "-q",
        "--format",
        "v2s2",
        &src,
        &den.image("v2/varied:v1"),
    ]);
    let (_, m) = manifest(&reg.addr, "v2/varied", "v1");
    assert_eq!(
        m["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    den.ok(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        &src,
        &den.image("z/varied:v1"),
    ]);
    let (_, m) = manifest(&reg.addr, "z/varied", "v1");
    for l in m["layers"].as_array().expect("layers") {
        assert_eq!(
            l["mediaType"], "application/vnd.oci.image.layer.v1.tar+zstd",
            "{m}"
        );
    }
    assert_eq!(
        other.ok(&["pull", "-q", &den.image("z/varied:v1")]).trim(),
        id
    );
    let e = den.fails(
        &[
            "push",
            "--format",
            "v2s2",
            "--compression-format",
            "zstd",
            &src,
            &dest,
        ],
        125,
    );
    assert!(
        e.starts_with("den: error: ") && e.contains("--format oci") && e.lines().count() == 1,
        "{e}"
    );

    // After rmi and load (which knows nothing of blobs), den still knows
    // where the layers' blobs live: nothing is sent again.
    let f = den.home().join("varied.tar").display().to_string();
    den.ok(&["save", "-o", &f, &src]);
    den.ok(&["rmi", "-f", &src]);
    den.ok(&["load", "-i", &f]);
    let again = den.output(&["push", &src, &den.image("again/varied:v1")]);
    let (_, stderr) = text(&again);
    assert!(again.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("skipped: already exists").count(),
        3,
        "{stderr}"
    );

    // A committed image goes too, and comes back the same.
    den.ok(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        &src,
        "sh",
        "-c",
        "echo made > /made; rm /data/big",
    ]);
    let committed = den
        .ok(&["commit", "-q", "c", "localhost/made:v1"])
        .trim()
        .to_string();
    den.ok(&["push", "-q", "made:v1", &den.image("made:v1")]);
    assert_eq!(
        other.ok(&["pull", "-q", &den.image("made:v1")]).trim(),
        committed
    );
    assert_eq!(
        other.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            &den.image("made:v1"),
            "sh",
            "-c",
            "cat /made; test -e /data/big || echo gone"
        ]),
        "made\ngone\n"
    );
}

#[test]
fn push_in_chunks_and_refusals() {
    let (reg, den) = ready();
    let conf = den.home().join("config/den/den.conf");
    std::fs::create_dir_all(conf.parent().expect("dir")).expect("mkdir");
    let before = reg.log().matches("http.request.method=PATCH").count();
    std::fs::write(&conf, "[push]\nupload = \"chunked\"\n").expect("den.conf");
    den.ok(&[
        "push",
        "--compression-format",
        "zstd",
        "-q",
        "busybox",
        &den.image("chunked/busybox:v1"),
    ]);
    assert!(
        reg.log().matches("http.request.method=PATCH").count() > before,
        "no chunk was sent: {}",
        reg.log()
    );
    let other = Den::new(&reg.addr);
    let id = den.ok(&["images", "-q", "--no-trunc"]);
    assert_eq!(
        format!(
            "sha256:{}",
            other
                .ok(&["pull", "-q", &den.image("chunked/busybox:v1")])
                .trim()
        ),
        id.trim()
    );
    std::fs::write(&conf, "[push]\nupload = \"sideways\"\n").expect("den.conf");
    let e = den.fails(&["push", "busybox", &den.image("x:v1")], 125);
    assert!(e.contains("use \"whole\" or \"chunked\""), "{e}");
    std::fs::remove_file(&conf).expect("rm den.conf");

    // Each wrong thing is one line, exit 125.
    let e = den.fails(&["push", "nosuchimage", &den.image("x:v1")], 125);
    assert!(e.contains("nosuchimage: image not known"), "{e}");
    let e = den.fails(&["push", "busybox", "oci-archive:/tmp/x.tar"], 125);
    assert!(e.contains("den save"), "{e}");
    let locked = crate::support::registry::Registry::start_with_htpasswd("alice", "secret");
    let e = den.fails(
        &[
            "push",
            "--tls-verify=false",
            "busybox",
            &format!("{}/busybox:v1", locked.addr),
        ],
        125,
    );
    let errors: Vec<&str> = e
        .lines()
        .filter(|l| l.starts_with("den: error: "))
        .collect();
    assert!(errors.len() == 1 && errors[0].contains("den login"), "{e}");
    den.ok(&[
        "push",
        "-q",
        "--tls-verify=false",
        "--creds",
        "alice:secret",
        "busybox",
        &format!("{}/busybox:v1", locked.addr),
    ]);

    // A layer kept by an older den (no record of its stream) is named.
    let id = den.ok(&["images", "-q", "--no-trunc"]).trim().to_string();
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["image", "inspect", &id])).expect("json");
    let first = json[0]["RootFS"]["Layers"][0].as_str().expect("a layer");
    let record = den
        .data()
        .join("layers")
        .join(first.trim_start_matches("sha256:"))
        .join("tar-split.zst");
    assert!(record.exists(), "no record at {}", record.display());
    std::fs::remove_file(&record).expect("rm record");
    // (and nothing known of where its blobs live)
    std::fs::remove_file(den.data().join("blob-cache.json")).expect("rm blob cache");
    let e = den.fails(
        &[
            "push",
            "--compression-format",
            "zstd",
            "busybox",
            &den.image("old/busybox:v1"),
        ],
        125,
    );
    assert!(
        e.contains("older den") && e.contains("pull it again"),
        "{e}"
    );
}
