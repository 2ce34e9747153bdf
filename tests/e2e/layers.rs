//! Layer contents: owners, modes, links, whiteouts, opaque directories,
//! compressions, manifests, indexes and long layer lists.

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression, ImageSpec};
use crate::support::registry::Registry;

fn rich_layers() -> Vec<oci::Layer> {
    let l1 = layer_of(
        |t: &mut TarWriter| {
            t.dir("data", 0o755, 0, 0)
                .file("data/keep.txt", b"keep\n", 0o644, 0, 0)
                .hardlink("data/hard", "data/keep.txt")
                .file("data/gone.txt", b"gone\n", 0o644, 0, 0)
                .dir("data/sub", 0o755, 0, 0)
                .file("data/sub/a", b"a", 0o644, 0, 0)
                .dir("opq", 0o755, 0, 0)
                .file("opq/old", b"old", 0o644, 0, 0)
                .file("owned", b"mine\n", 0o640, 1000, 1000)
                .dir("home/tester/deep", 0o700, 1000, 1000)
                .file("suid", b"#!/bin/sh\n", 0o4755, 0, 0)
                .dir("sgid", 0o2775, 0, 10)
                .symlink("link", "data/keep.txt")
                .symlink("abslink", "/data/keep.txt")
                .file_with_xattrs("xattr-file", b"x", 0o644, 0, 0, &[("user.den", b"yes")]);
        },
        Compression::Gzip,
    );
    let l2 = layer_of(
        |t: &mut TarWriter| {
            t.whiteout("data", "gone.txt")
                .whiteout("data", "sub")
                .opaque("opq")
                .file("opq/new", b"new", 0o644, 0, 0)
                .fifo("fifo")
                .chardev("devnode", 1, 3);
        },
        Compression::Zstd,
    );
    let l3 = layer_of(
        |t: &mut TarWriter| {
            t.file("data/plain", b"uncompressed\n", 0o600, 2000, 3000);
        },
        Compression::None,
    );
    vec![busybox_gz(), l1, l2, l3]
}

const CHECK: &str = "set -e; cat /data/keep.txt; test ! -e /data/gone.txt; test ! -e /data/sub; \
    ls /opq | tr '\\n' ' '; echo; stat -c '%u:%g %a' /owned /suid /sgid /home/tester/deep /data/plain; \
    cat /link /abslink; test $(stat -c %i /data/keep.txt) = $(stat -c %i /data/hard) && echo same-inode; \
    test -p /fifo && echo fifo; test ! -e /devnode && echo no-devnode";

const EXPECTED: &str = "keep\nnew \n1000:1000 640\n0:0 4755\n0:10 2775\n1000:1000 700\n2000:3000 600\nkeep\nkeep\nsame-inode\nfifo\nno-devnode\n";

#[test]
fn whiteouts_opaque_dirs_links_owners_and_modes_survive_every_driver() {
    let reg = Registry::start();
    oci::push_image(
        &reg.addr,
        "rich",
        "latest",
        &busybox_spec(),
        &rich_layers(),
        false,
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "rich"]);
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let out = den.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--rm",
            "rich",
            "sh",
            "-c",
            CHECK,
        ]);
        assert_eq!(out, EXPECTED, "driver {driver}");
    }
    // On the host the files own the mapped ids: container uid 1000 is subuid start + 999.
    let layers = den.data().join("layers");
    let owned = std::fs::read_dir(&layers)
        .expect("layers")
        .flatten()
        .map(|e| e.path().join("diff/owned"))
        .find(|p| p.exists())
        .expect("the layer with /owned");
    let (uid, mode) = owner_mode(&owned);
    assert_eq!(uid, subuid_start() + 999);
    assert_eq!(mode & 0o7777, 0o640);
}

#[test]
fn docker_schema2_and_oci_manifests_pull_alike() {
    let reg = Registry::start();
    let docker_layer = oci::layer(busybox_tar().to_vec(), Compression::Gzip, true);
    oci::push_image(
        &reg.addr,
        "dockerfmt",
        "v2",
        &busybox_spec(),
        &[docker_layer],
        true,
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "dockerfmt:v2"]);
    assert_eq!(
        den.ok(&["run", "--rm", "dockerfmt:v2", "echo", "ok"]),
        "ok\n"
    );
    let inspect = den.ok(&["image", "inspect", "dockerfmt:v2"]);
    assert!(
        inspect.contains("application/vnd.docker.distribution.manifest.v2+json"),
        "{inspect}"
    );
}

#[test]
fn a_multi_arch_index_resolves_to_the_host_platform() {
    let reg = Registry::start();
    let marker = |arch: &str| {
        let arch = arch.to_string();
        layer_of(
            move |t: &mut TarWriter| {
                t.file("arch", format!("{arch}\n").as_bytes(), 0o644, 0, 0);
            },
            Compression::Gzip,
        )
    };
    let host = oci::host_arch();
    let mut entries = Vec::new();
    for arch in ["s390x", host.as_str(), "ppc64le"] {
        let spec = ImageSpec {
            arch: arch.to_string(),
            ..busybox_spec()
        };
        let pushed = oci::push_image(
            &reg.addr,
            "multi",
            &format!("only-{arch}"),
            &spec,
            &[busybox_gz(), marker(arch)],
            false,
        );
        entries.push((arch.to_string(), "linux".to_string(), pushed));
    }
    oci::push_index(&reg.addr, "multi", "latest", &entries);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "multi"]);
    assert_eq!(
        den.ok(&["run", "--rm", "multi", "cat", "/arch"]),
        format!("{host}\n")
    );
    // An index with no entry for this host is refused clearly.
    let other: Vec<_> = entries.iter().filter(|e| e.0 != host).cloned().collect();
    oci::push_index(&reg.addr, "multi", "foreign", &other);
    let e = den.fails(&["pull", "multi:foreign"], 125);
    assert!(
        e.contains(&format!("no image found for linux/{host}")),
        "{e}"
    );
    // Another platform, asked for: --arch, or --platform OS/ARCH.
    let arch_of =
        |image: &str| den.ok(&["image", "inspect", "--format", "{{.Architecture}}", image]);
    den.ok(&["pull", "-q", "--arch", "s390x", "multi:foreign"]);
    assert_eq!(arch_of("multi:foreign"), "s390x\n");
    den.ok(&[
        "pull",
        "-q",
        "--platform",
        "linux/ppc64le",
        "--disable-content-trust",
        "multi:foreign",
    ]);
    assert_eq!(arch_of("multi:foreign"), "ppc64le\n");
    let e = den.fails(
        &["pull", "--platform", "linux/riscv64", "multi:foreign"],
        125,
    );
    assert!(e.contains("no image found for linux/riscv64"), "{e}");
    den.fails(
        &[
            "pull",
            "--platform",
            "linux/s390x",
            "--arch",
            "s390x",
            "multi",
        ],
        125,
    );
    den.fails(&["pull", "--platform", "s390x", "multi"], 125);
    // A local image of another platform than the one asked for is as
    // missing: `create --platform` pulls the one asked for (den used the
    // local one), and `--pull=never` refuses.
    assert_eq!(arch_of("multi"), format!("{host}\n"));
    den.ok(&["create", "-q", "--platform", "linux/s390x", "multi"]);
    assert_eq!(arch_of("multi"), "s390x\n");
    let e = den.fails(
        &[
            "create",
            "--pull=never",
            "--platform",
            &format!("linux/{host}"),
            "multi",
        ],
        125,
    );
    assert!(e.contains(&format!("is not for linux/{host}")), "{e}");
    // `--pull=newer` looks at the registry even with a local image (it was
    // `missing`): the host's is pulled over the s390x one.
    assert_eq!(
        den.ok(&["run", "--rm", "--pull=newer", "multi", "cat", "/arch"]),
        format!("{host}\n")
    );
}

#[test]
fn pulls_by_digest_and_refuses_a_wrong_one() {
    let (reg, den) = setup();
    let pushed = push_busybox(&reg, "busybox", "v1");
    let by_digest = format!("{}/busybox@{}", reg.addr, pushed.manifest_digest);
    let id = den.ok(&["pull", "-q", &by_digest]);
    assert_eq!(
        den.ok(&["run", "--rm", &by_digest, "echo", "digest"]),
        "digest\n"
    );
    assert_eq!(format!("sha256:{}", id.trim()), pushed.config_digest);
    let wrong = format!("{}/busybox@sha256:{}", reg.addr, "0".repeat(64));
    let e = den.fails(&["pull", &wrong], 125);
    assert!(e.contains("not found") || e.contains("digest"), "{e}");
}

#[test]
fn an_image_with_more_than_100_layers_runs() {
    let reg = Registry::start();
    let mut layers = vec![busybox_gz()];
    for i in 0..105 {
        layers.push(layer_of(
            |t: &mut TarWriter| {
                t.file(&format!("l/{i:03}"), b"x", 0o644, 0, 0);
            },
            Compression::Gzip,
        ));
    }
    oci::push_image(&reg.addr, "tall", "latest", &busybox_spec(), &layers, false);
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "tall"]);
    for driver in ["overlay", "fuse-overlayfs"] {
        assert_eq!(
            den.ok(&[
                "--storage-driver",
                driver,
                "run",
                "--rm",
                "tall",
                "sh",
                "-c",
                "ls /l | wc -l"
            ])
            .trim(),
            "105",
            "{driver}"
        );
    }
}

/// An image of 300 layers runs with every layer and a writable root
/// (mount(2)'s one-page options would cut the list, upperdir and workdir
/// with it); past overlayfs's stacking limit, 500, den refuses clearly.
#[test]
fn images_of_hundreds_of_layers_run_whole() {
    let reg = Registry::start();
    let layer = |i: usize| {
        layer_of(
            |t: &mut TarWriter| {
                t.file(&format!("layers/{i}"), b"x", 0o644, 0, 0).file(
                    "top",
                    format!("{i}\n").as_bytes(),
                    0o644,
                    0,
                    0,
                );
            },
            Compression::Gzip,
        )
    };
    let mut layers = vec![busybox_gz()];
    layers.extend((0..299).map(layer));
    oci::push_image(&reg.addr, "tall", "latest", &busybox_spec(), &layers, false);
    layers.extend((299..500).map(layer));
    oci::push_image(
        &reg.addr,
        "taller",
        "latest",
        &busybox_spec(),
        &layers,
        false,
    );
    let den = Den::new(&reg.addr);
    den.ok(&["pull", "-q", "tall"]);
    let out = den.ok(&[
        "--storage-driver",
        "overlay",
        "run",
        "--rm",
        "tall",
        "sh",
        "-c",
        "ls /layers | wc -l; cat /top; touch /written && echo writable",
    ]);
    assert_eq!(out, "299\n298\nwritable\n");
    den.ok(&["pull", "-q", "taller"]);
    let e = den.fails(
        &[
            "--storage-driver",
            "overlay",
            "run",
            "--rm",
            "taller",
            "true",
        ],
        125,
    );
    assert!(
        e.contains("the image has 501 layers, and overlayfs stacks at most 500"),
        "{e}"
    );
}
