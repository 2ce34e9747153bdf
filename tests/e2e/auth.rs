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

#[test]
fn basic_auth_from_auth_json_docker_config_and_creds() {
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
