//! Local images: images, tag, rmi, inspect, info, version; concurrent
//! den processes; interrupted pulls.

use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use crate::support::layers::TarWriter;
use crate::support::oci::{self, Compression};
use crate::support::registry::Registry;

#[test]
fn images_tag_rmi_and_inspect() {
    let (reg, den) = setup();
    let id = den.ok(&["pull", "-q", "busybox"]).trim().to_string();
    let table = den.ok(&["images"]);
    let mut lines = table.lines();
    let header = lines.next().expect("header");
    for col in ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"] {
        assert!(header.contains(col), "{header}");
    }
    let row = lines.next().expect("a row");
    assert!(
        row.contains(&format!("{}/busybox", reg.addr))
            && row.contains("latest")
            && row.contains(&id[..12]),
        "{table}"
    );
    assert_eq!(
        den.ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]),
        format!("{}/busybox:latest {}\n", reg.addr, &id[..12])
    );
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["images", "--format", "json"])).expect("json");
    assert_eq!(json[0]["Id"], id.as_str());

    den.ok(&["tag", "busybox", "mybox:v1"]);
    assert!(den
        .ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .contains("localhost/mybox:v1"));
    // `images REPO` narrows -q and JSON too (`rmi $(images -q other)`
    // removed every image), and takes a tag; as podman, not with --filter.
    den.ok(&[
        "run",
        "--name",
        "c1",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    let other = den
        .ok(&["commit", "-q", "c1", "other:1"])
        .trim()
        .to_string();
    den.ok(&["rm", "c1"]);
    assert_eq!(
        den.ok(&["images", "-q", "--no-trunc", "other"]).trim(),
        format!("sha256:{other}")
    );
    let json: serde_json::Value =
        serde_json::from_str(&den.ok(&["images", "--format", "json", "other"])).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(
        den.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}", "mybox:v1"]),
        "localhost/mybox:v1\n"
    );
    den.fails(&["images", "other", "--filter", "dangling=true"], 125);
    den.ok(&["rmi", "other:1"]);
    assert_eq!(
        den.ok(&["run", "--rm", "mybox:v1", "echo", "tagged"]),
        "tagged\n"
    );
    let inspect: serde_json::Value =
        serde_json::from_str(&den.ok(&["image", "inspect", "mybox:v1"])).expect("inspect json");
    assert_eq!(inspect[0]["Id"], id.as_str());
    assert_eq!(inspect[0]["Os"], "linux");
    assert_eq!(inspect[0]["RootFS"]["Type"], "layers");
    assert_eq!(inspect[0]["Config"]["Cmd"][0], "sh");
    assert_eq!(den.ok(&["inspect", "-f", "{{.Id}}", "busybox"]).trim(), id);
    den.fails(&["inspect", "nosuchimage"], 125);

    // rmi of one name untags; a container using it blocks removal (exit 2).
    assert!(den
        .ok(&["rmi", "mybox:v1"])
        .contains("Untagged: localhost/mybox:v1"));
    den.ok(&["run", "--name", "user", "busybox", "true"]);
    let e = den.fails(&["rmi", "busybox"], 2);
    assert!(e.contains("in use by container user"), "{e}");
    den.ok(&["rmi", "-f", "busybox"]);
    assert_eq!(den.ok(&["images", "-q"]), "");
    let layers: Vec<_> = std::fs::read_dir(den.data().join("layers"))
        .expect("layers")
        .flatten()
        .collect();
    assert!(layers.is_empty(), "rmi removes unused layers: {layers:?}");
    den.fails(&["rmi", "busybox"], 1);
}

#[test]
fn info_and_version_describe_the_setup() {
    let (_reg, den) = setup();
    let info: serde_json::Value =
        serde_json::from_str(&den.ok(&["info", "--format", "json"])).expect("info json");
    assert_eq!(info["host"]["rootless"], true);
    assert_eq!(info["host"]["security"]["seccompEnabled"], true, "{info}");
    assert!(
        info["host"]["security"]["capabilities"]
            .as_str()
            .unwrap_or("")
            .contains("CAP_SYS_CHROOT"),
        "{info}"
    );
    assert!(
        info["host"]["idMappings"]["uidmap"][1]["size"]
            .as_u64()
            .unwrap_or(0)
            >= 65536,
        "{info}"
    );
    assert!(["v1", "v2"].contains(&info["host"]["cgroupVersion"].as_str().unwrap_or("")));
    assert!(info["store"]["graphRoot"]
        .as_str()
        .unwrap_or("")
        .starts_with(&den.home().display().to_string()));
    assert_eq!(
        info["host"]["networkHelpers"]["pasta"]["available"], true,
        "pasta is installed by ci/test.sh"
    );
    let yaml = den.ok(&["info"]);
    assert!(
        yaml.contains("graphDriverName:") && yaml.contains("idMappings:"),
        "{yaml}"
    );
    assert_eq!(
        den.ok(&["info", "--format", "{{.Store.ImageStore.Number}}"])
            .trim(),
        "0"
    );
    assert!(den.ok(&["version"]).contains(env!("CARGO_PKG_VERSION")));
    assert_eq!(
        den.ok(&["version", "--format", "{{.Client.Version}}"])
            .trim(),
        env!("CARGO_PKG_VERSION")
    );
}

#[test]
fn concurrent_pulls_and_runs_share_the_store_safely() {
    let reg = Registry::start();
    for i in 0..4 {
        let extra = layer_of(
            move |t: &mut TarWriter| {
                t.file(&format!("img{i}"), b"x", 0o644, 0, 0);
            },
            Compression::Gzip,
        );
        oci::push_image(
            &reg.addr,
            &format!("img{i}"),
            "latest",
            &busybox_spec(),
            &[busybox_gz(), extra],
            false,
        );
    }
    let den = Den::new(&reg.addr);
    // Eight pulls at once: four images sharing the busybox layer, each twice.
    let children: Vec<_> = (0..8)
        .map(|i| {
            den.cmd(&["pull", "-q", &format!("img{}", i % 4)])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    all_succeed(children);
    assert_eq!(den.ok(&["images", "-q"]).lines().count(), 4);
    let runs: Vec<_> = (0..6)
        .map(|i| {
            den.cmd(&[
                "run",
                "--rm",
                &format!("img{}", i % 4),
                "cat",
                &format!("/img{}", i % 4),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
        })
        .collect();
    for c in runs {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, b"x");
    }
}

#[test]
fn an_interrupted_pull_leaves_nothing_trusted() {
    let reg = Registry::start();
    // A layer large enough that the pull is still running when it is killed.
    let big: Vec<u8> = (0..48u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let heavy = layer_of(
        move |t: &mut TarWriter| {
            t.file("big", &big, 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "heavy",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), heavy],
        false,
    );
    let den = Den::new(&reg.addr);
    for delay in [50, 150, 300] {
        let mut child = den
            .cmd(&["pull", "-q", "heavy"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever was complete is intact; nothing half-done is visible as a layer.
        for e in std::fs::read_dir(den.data().join("layers"))
            .map(|r| r.flatten().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            assert!(
                e.path().join("layer.json").exists(),
                "incomplete layer visible: {}",
                e.path().display()
            );
        }
    }
    den.ok(&["pull", "-q", "heavy"]);
    assert_eq!(
        den.ok(&["run", "--rm", "heavy", "sh", "-c", "wc -c < /big"])
            .trim(),
        (48u32 << 20).to_string()
    );
    let left: Vec<_> = std::fs::read_dir(den.data().join("tmp"))
        .expect("tmp")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        left.is_empty(),
        "a later pull cleans what interrupted ones left: {left:?}"
    );
}

/// `create` records its container under a shared hold of the storage
/// lock, with its image still there: `rmi` (which holds that lock while it
/// looks for the image's containers and deletes its layers) either sees
/// the container, or has removed the image and `create` refuses. Here the
/// test holds the lock as `rmi` does and drops the image's record meanwhile.
#[test]
fn create_refuses_an_image_removed_while_it_was_being_made() {
    let (_reg, den) = ready();
    let lock = std::fs::File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(den.data().join("storage.lock"))
        .expect("storage.lock");
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).expect("flock");
    let create = den
        .cmd(&["create", "--name", "late", "busybox", "true"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("create");
    // Well past its look at the image (a create takes milliseconds).
    std::thread::sleep(std::time::Duration::from_secs(1));
    let images = den.data().join("images.json");
    let mut all: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&images).expect("images.json")).expect("json");
    all["images"] = serde_json::json!([]);
    std::fs::write(&images, serde_json::to_vec(&all).expect("json")).expect("write");
    drop(lock);
    let out = create.wait_with_output().expect("wait");
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{e}");
    assert!(
        e.contains("was removed while the container was being made"),
        "{e}"
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}
