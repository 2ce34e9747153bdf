//! Registry credentials: auth.json, ~/.docker/config.json, --creds, basic
//! and bearer-token authentication.

use base64::Engine;

use crate::common::*;
use crate::support::authproxy::AuthProxy;
use crate::support::oci;
use crate::support::registry::Registry;

fn auth_entry(user: &str, pass: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
}

/// A registry that wants alice's password, holding `private/busybox`; a
/// den using it; the image's name.
fn private_busybox() -> (Registry, Den, String) {
    let reg = Registry::start_with_htpasswd("alice", "s3cret");
    oci::push_image_auth(
        &reg.addr,
        "private/busybox",
        "latest",
        &busybox_spec(),
        &[busybox_gz()],
        false,
        Some(("alice", "s3cret")),
    );
    let den = Den::new(&reg.addr);
    let image = den.image("private/busybox:latest");
    (reg, den, image)
}

#[test]
fn basic_auth_from_auth_json_docker_config_and_creds() {
    let (reg, den, image) = private_busybox();
    // No credentials: refused, with a hint.
    let e = den.fails(&["pull", &image], 125);
    assert!(
        e.contains("refused access") && e.contains("den login"),
        "{e}"
    );
    // Wrong credentials from --creds: refused.
    den.fails(&["pull", "--creds", "alice:wrong", &image], 125);
    den.ok(&["pull", "-q", "--creds", "alice:s3cret", &image]);
    den.ok(&["rmi", &image]);
    // ~/.docker/config.json
    let docker = den.home().join(".docker");
    std::fs::create_dir_all(&docker).expect("docker dir");
    std::fs::write(
        docker.join("config.json"),
        format!(
            r#"{{"auths":{{"{}":{{"auth":"{}"}}}}}}"#,
            reg.addr,
            auth_entry("alice", "s3cret")
        ),
    )
    .expect("config.json");
    den.ok(&["pull", "-q", &image]);
    den.ok(&["rmi", &image]);
    std::fs::remove_file(docker.join("config.json")).expect("rm");
    // $XDG_CONFIG_HOME/containers/auth.json, with a namespaced key.
    let auth = den.home().join("config/containers/auth.json");
    std::fs::write(
        &auth,
        format!(
            r#"{{"auths":{{"{}/private":{{"auth":"{}"}}}}}}"#,
            reg.addr,
            auth_entry("alice", "s3cret")
        ),
    )
    .expect("auth.json");
    den.ok(&["pull", "-q", &image]);
    assert_eq!(
        den.ok(&["run", "--rm", &image, "echo", "authed"]),
        "authed\n"
    );
    // A file named with --authfile is the only one read, as podman's: a
    // script that names another account's file never sends yours.
    den.ok(&["rmi", &image]);
    let other = den.home().join("robot.json");
    std::fs::write(&other, r#"{"auths":{}}"#).expect("robot.json");
    let e = den.fails(
        &["pull", "--authfile", &other.display().to_string(), &image],
        125,
    );
    assert!(e.contains("refused access"), "{e}");
    // A broken credentials file is a clear error.
    std::fs::write(&auth, "{not json").expect("auth.json");
    let e = den.fails(&["pull", &image], 125);
    assert!(
        e.contains("auth.json") && e.contains("not a valid credentials file"),
        "{e}"
    );
}

#[test]
fn bearer_token_auth_through_a_token_server() {
    let reg = Registry::start();
    push_busybox(&reg, "tok/busybox", "latest");
    let proxy = AuthProxy::start(&reg.addr, "bob", "hunter2");
    let den = Den::new(&proxy.addr);
    let image = den.image("tok/busybox:latest");
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("refused access"), "{e}");
    let authfile = den.home().join("bob-auth.json");
    std::fs::write(
        &authfile,
        format!(
            r#"{{"auths":{{"{}":{{"auth":"{}"}}}}}}"#,
            proxy.addr,
            auth_entry("bob", "hunter2")
        ),
    )
    .expect("authfile");
    den.ok(&[
        "pull",
        "-q",
        "--authfile",
        &authfile.display().to_string(),
        &image,
    ]);
    assert!(
        proxy.tokens_issued() >= 1,
        "a bearer token was fetched from the token server"
    );
    assert_eq!(
        den.ok(&["run", "--rm", &image, "echo", "bearer"]),
        "bearer\n"
    );
}

#[test]
fn tls_verify_false_reaches_a_plain_http_registry_not_marked_insecure() {
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    let den = Den::new("example.invalid");
    let image = format!("{}/busybox:latest", reg.addr);
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("cannot reach registry"), "{e}");
    den.ok(&["pull", "-q", "--tls-verify=false", &image]);
}

#[test]
fn login_checks_the_credentials_and_keeps_them_private() {
    use std::os::unix::fs::PermissionsExt;
    let (reg, den, image) = private_busybox();
    let file = den.home().join("run/containers/auth.json");
    // Wrong password: refused, and nothing written.
    let e = den.fails(&["login", "-u", "alice", "-p", "wrong", &reg.addr], 125);
    assert!(e.contains("refused the username or password"), "{e}");
    assert!(!file.exists(), "a failed login writes nothing");
    // No terminal and no username: a clear error, not a hang.
    let e = den.fails(&["login", &reg.addr], 125);
    assert!(e.contains("--username"), "{e}");
    // --password-stdin.
    let mut c = den.cmd(&["login", "-u", "alice", "--password-stdin", &reg.addr]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().expect("spawn den login");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), b"s3cret\n").expect("write");
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Login Succeeded!\n");
    // 0600 in a 0700 directory.
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().expect("dir")), 0o700);
    assert_eq!(den.ok(&["login", "--get-login", &reg.addr]).trim(), "alice");
    den.ok(&["pull", "-q", &image]);
    den.ok(&["rmi", &image]);
    // Other content of the file survives a logout.
    den.ok(&["logout", &reg.addr]);
    assert_eq!(mode(&file), 0o600);
    den.fails(&["login", "--get-login", &reg.addr], 125);
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("refused access"), "{e}");
    den.fails(&["logout", &reg.addr], 125);
    den.fails(&["login", "-u", "a", "-p", "b", "not a registry"], 125);
}

#[test]
fn credentials_never_go_to_a_foreign_layer_url() {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::{Arc, Mutex};
    let reg = Registry::start_with_htpasswd("alice", "s3cret");
    // A spy server: where a manifest's layer "urls" point. den fetches every
    // layer from the registry itself; whatever reaches the spy must carry
    // no credentials.
    let spy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let spy_addr = spy.local_addr().expect("addr");
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for conn in spy.incoming().flatten() {
            let mut lines = Vec::new();
            let mut r = BufReader::new(&conn);
            let mut l = String::new();
            while r.read_line(&mut l).map(|n| n > 2).unwrap_or(false) {
                lines.push(l.trim().to_string());
                l.clear();
            }
            log.lock().expect("lock").push(lines.join("\n"));
            let _ = (&conn).write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let creds = Some(("alice", "s3cret"));
    let layer = busybox_gz();
    oci::push_blob_auth(&reg.addr, "private/foreign", &layer.blob.bytes, creds);
    let config = oci::blob(
        oci::config_json(&busybox_spec(), std::slice::from_ref(&layer)),
        oci::OCI_CONFIG,
    );
    oci::push_blob_auth(&reg.addr, "private/foreign", &config.bytes, creds);
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": oci::OCI_MANIFEST,
        "config": {"mediaType": oci::OCI_CONFIG, "digest": config.digest, "size": config.bytes.len()},
        "layers": [{
            "mediaType": "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "digest": layer.blob.digest,
            "size": layer.blob.bytes.len(),
            "urls": [format!("http://{spy_addr}/layer.tar.gz")],
        }],
    });
    oci::push_manifest_auth(
        &reg.addr,
        "private/foreign",
        "latest",
        oci::OCI_MANIFEST,
        &serde_json::to_vec(&manifest).expect("json"),
        creds,
    );
    let den = Den::new(&reg.addr);
    den.ok(&["login", "-u", "alice", "-p", "s3cret", &reg.addr]);
    den.ok(&["pull", "-q", &den.image("private/foreign:latest")]);
    let seen = seen.lock().expect("lock");
    assert!(
        seen.iter()
            .all(|req| !req.to_ascii_lowercase().contains("authorization")),
        "credentials went to a foreign URL: {seen:?}"
    );
}

/// `credHelpers` and `credsStore` in ~/.docker/config.json: den asks
/// `docker-credential-NAME get`, as Docker and podman do.
#[test]
fn credential_helpers_are_asked() {
    use std::os::unix::fs::PermissionsExt;
    let (reg, den, image) = private_busybox();
    let bin = den.home().join("helpers");
    std::fs::create_dir_all(&bin).expect("mkdir");
    // A helper that knows alice for this registry only, and logs what it was asked.
    let helper = bin.join("docker-credential-dentest");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\nread server\necho \"$1 $server\" >> \"{log}\"\n\
             [ \"$server\" = \"{addr}\" ] || {{ echo 'credentials not found in native keychain'; exit 1; }}\n\
             printf '{{\"ServerURL\":\"%s\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}}' \"$server\"\n",
            log = den.home().join("helper.log").display(),
            addr = reg.addr
        ),
    )
    .expect("helper");
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let docker = den.home().join(".docker");
    std::fs::create_dir_all(&docker).expect("docker dir");
    for config in [
        format!(r#"{{"credHelpers":{{"{}":"dentest"}}}}"#, reg.addr),
        r#"{"credsStore":"dentest"}"#.to_string(),
    ] {
        std::fs::write(docker.join("config.json"), &config).expect("config.json");
        let out = den
            .cmd(&["pull", "-q", &image])
            .env("PATH", &path)
            .output()
            .expect("pull");
        assert!(
            out.status.success(),
            "{config}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        den.ok(&["rmi", &image]);
    }
    let log = std::fs::read_to_string(den.home().join("helper.log")).expect("helper log");
    assert!(
        log.lines().all(|l| l == format!("get {}", reg.addr)),
        "{log}"
    );
    // A helper that is not installed, or not a name: one line each.
    std::fs::write(docker.join("config.json"), r#"{"credsStore":"nosuch"}"#).expect("config.json");
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("docker-credential-nosuch is not on PATH"), "{e}");
    std::fs::write(
        docker.join("config.json"),
        r#"{"credsStore":"../../bin/sh"}"#,
    )
    .expect("config.json");
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("is not a helper name"), "{e}");
}
