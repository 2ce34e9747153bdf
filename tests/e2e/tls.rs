//! A registry as made in the wild: HTTPS with the self-signed certificate
//! Docker's documentation tells its owners to make, and htpasswd auth.
//! Refused until its certificate is in certs.d; then login, push, pull
//! back, logout, and a refused pull without credentials. skopeo takes the
//! same set-up.

use std::process::Command;

use crate::common::*;
use crate::support::registry::Registry;

#[test]
fn a_tls_registry_with_a_self_signed_certificate_and_htpasswd() {
    let (_plain, den) = ready();
    let reg = Registry::start_tls("alice", "s3cret");
    let image = format!("{}/team/busybox:v1", reg.addr);

    // Its certificate is nobody's CA yet: refused, and the fix named.
    let e = den.fails(&["login", "-u", "alice", "-p", "s3cret", &reg.addr], 125);
    assert!(e.contains("certs.d") && e.lines().count() == 1, "{e}");

    let certs = den.home().join("config/containers/certs.d").join(&reg.addr);
    std::fs::create_dir_all(&certs).expect("mkdir");
    std::fs::copy(reg.cert(), certs.join("ca.crt")).expect("copy cert");

    // Without credentials: refused, with the way in named.
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("den login"), "{e}");
    let e = den.fails(&["login", "-u", "alice", "-p", "wrong", &reg.addr], 125);
    assert!(e.contains("refused the username or password"), "{e}");
    assert!(den
        .ok(&["login", "-u", "alice", "-p", "s3cret", &reg.addr])
        .contains("Login Succeeded"));
    let id = den
        .ok(&["inspect", "-f", "{{.Id}}", "busybox"])
        .trim()
        .to_string();
    den.ok(&["push", "-q", "busybox", &image]);
    den.ok(&["rmi", "busybox"]);
    assert_eq!(den.ok(&["pull", "-q", &image]).trim(), id);
    assert_eq!(
        den.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            &image,
            "echo",
            "over tls"
        ]),
        "over tls\n"
    );

    // skopeo, with the same certs.d directory and credentials, sees it.
    let out = Command::new("skopeo")
        .args([
            "inspect",
            "--cert-dir",
            &certs.display().to_string(),
            "--creds",
            "alice:s3cret",
        ])
        .arg(format!("docker://{image}"))
        .env("HOME", den.home())
        .output()
        .expect("skopeo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    den.ok(&["logout", &reg.addr]);
    den.ok(&["rmi", &image]);
    let e = den.fails(&["pull", &image], 125);
    assert!(e.contains("den login"), "{e}");

    // --cert-dir instead of certs.d; --tls-verify=false without either.
    std::fs::remove_dir_all(&certs).expect("rm certs.d");
    let elsewhere = den.home().join("my-certs");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::copy(reg.cert(), elsewhere.join("registry.crt")).expect("copy cert");
    den.ok(&[
        "pull",
        "-q",
        "--creds",
        "alice:s3cret",
        "--cert-dir",
        &elsewhere.display().to_string(),
        &image,
    ]);
    den.ok(&["rmi", &image]);
    den.fails(&["pull", "-q", "--creds", "alice:s3cret", &image], 125);
}

/// certs.d's `*.cert` and `*.key`: the client's identity, for a registry
/// that takes only clients with a certificate.
#[test]
fn a_registry_that_wants_a_client_certificate_gets_certs_d_s() {
    let (_plain, den) = ready();
    let reg = Registry::start_mtls();
    let image = format!("{}/busybox:v1", reg.addr);
    let certs = den.home().join("config/containers/certs.d").join(&reg.addr);
    std::fs::create_dir_all(&certs).expect("mkdir");
    std::fs::copy(reg.cert(), certs.join("ca.crt")).expect("copy cert");
    // No identity: the handshake fails, one line.
    let e = den.fails(&["push", "-q", "busybox", &image], 125);
    assert!(
        e.starts_with("den: error: ") && e.lines().count() == 1,
        "{e}"
    );
    let (cert, key) = reg.client_identity();
    std::fs::copy(&cert, certs.join("client.cert")).expect("copy");
    std::fs::copy(&key, certs.join("client.key")).expect("copy");
    den.ok(&["push", "-q", "busybox", &image]);
    let other = Den::new(&_plain.addr);
    let other_certs = other
        .home()
        .join("config/containers/certs.d")
        .join(&reg.addr);
    std::fs::create_dir_all(&other_certs).expect("mkdir");
    for f in ["ca.crt", "client.cert", "client.key"] {
        std::fs::copy(certs.join(f), other_certs.join(f)).expect("copy");
    }
    other.ok(&["pull", "-q", &image]);
    // A key that is not the certificate's: named.
    std::fs::write(
        certs.join("client.key"),
        std::fs::read(reg.dir().join("domain.key")).expect("key"),
    )
    .expect("write");
    let e = den.fails(&["push", "-q", "busybox", &image], 125);
    assert!(
        e.contains("do not go together") || e.contains("client"),
        "{e}"
    );
}
