//! A real OCI distribution registry (Debian's `docker-registry`) started in a
//! private temporary directory on a free loopback port.

use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The registry binary from Debian's `docker-registry` package.
pub const REGISTRY_BIN: &str = "/usr/bin/docker-registry";

/// How long to wait for the registry to answer `GET /v2/`.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// How many ports to try when the registry loses the race for one.
const START_ATTEMPTS: usize = 5;

/// A running registry; killed (and reaped) on drop.
pub struct Registry {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Basic credentials when started with [`Registry::start_with_htpasswd`].
    pub auth: Option<(String, String)>,
    child: Child,
    dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local_addr").port()
}

fn write_htpasswd(dir: &Path, user: &str, pass: &str) -> PathBuf {
    let out = Command::new("htpasswd")
        .args(["-Bbn", user, pass])
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run htpasswd ({e}): install it with `apt-get install apache2-utils`")
        });
    assert!(
        out.status.success(),
        "htpasswd -Bbn failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join("htpasswd");
    std::fs::write(&path, &out.stdout).expect("write htpasswd file");
    path
}

fn config_yaml(root: &Path, addr: &str, htpasswd: Option<&Path>, tls: Option<&Path>) -> String {
    let tls = tls
        .map(|d| {
            let mut t = format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                d.join("domain.crt").display(),
                d.join("domain.key").display()
            );
            let clients = d.join("client-ca.crt");
            if clients.exists() {
                t.push_str(&format!("    clientcas:\n      - {}\n", clients.display()));
            }
            t
        })
        .unwrap_or_default();
    let mut cfg = format!(
        "version: 0.1\n\
         log:\n  level: info\n  accesslog:\n    disabled: false\n\
         storage:\n  filesystem:\n    rootdirectory: {root}\n  delete:\n    enabled: true\n  \
         cache:\n    blobdescriptor: inmemory\n\
         http:\n  addr: {addr}\n  secret: den-test-secret\n{tls}  \
         headers:\n    X-Content-Type-Options: [nosniff]\n\
         validation:\n  manifests:\n    urls:\n      allow:\n        - ^http://127\\.0\\.0\\.1\n",
        root = root.display()
    );
    if let Some(h) = htpasswd {
        cfg.push_str(&format!(
            "auth:\n  htpasswd:\n    realm: den-test-registry\n    path: {}\n",
            h.display()
        ));
    }
    cfg
}

/// Outcome of waiting for one registry process.
enum Start {
    Up,
    Exited(String),
    TimedOut,
}

/// Wait until *our* child serves `addr`: it must have logged that it is
/// listening there (so a foreign server that grabbed the port in between is
/// never mistaken for it), still be alive, and answer `GET /v2/`.
fn wait_up(child: &mut Child, addr: &str, log_path: &Path, deadline: Instant, tls: bool) -> Start {
    let agent = super::oci::agent();
    let url = format!("http://{addr}/v2/");
    let listening = format!("listening on {addr}");
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Start::Exited(status.to_string());
        }
        let log = std::fs::read_to_string(log_path).unwrap_or_default();
        // Any HTTP answer (200, or 401 with auth) means it is serving.
        // (With TLS, the listening line and a connection: ureq would need the CA.)
        let answers = if tls {
            std::net::TcpStream::connect(addr).is_ok()
        } else {
            agent.get(&url).call().is_ok()
        };
        if log.contains(&listening) && answers {
            if let Ok(Some(status)) = child.try_wait() {
                return Start::Exited(status.to_string());
            }
            return Start::Up;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Start::TimedOut
}

impl Registry {
    /// Start a registry without authentication.
    pub fn start() -> Registry {
        Self::launch(None)
    }

    /// Start a registry requiring HTTP Basic auth (htpasswd, bcrypt) for
    /// `user` / `pass`.
    pub fn start_with_htpasswd(user: &str, pass: &str) -> Registry {
        Self::launch(Some((user, pass)))
    }

    fn launch(auth: Option<(&str, &str)>) -> Registry {
        Self::launch_with_ports(auth, &mut free_port)
    }

    /// Start a registry serving HTTPS with the self-signed certificate
    /// Docker's documentation tells registry owners to make (`openssl req
    /// -newkey rsa:4096 -nodes -sha256 -keyout domain.key -addext
    /// "subjectAltName = ..." -x509 -days 365 -out domain.crt`, a CA used
    /// as the server's own certificate), and htpasswd auth for `user` /
    /// `pass`. [`Registry::cert`] is the certificate.
    pub fn start_tls(user: &str, pass: &str) -> Registry {
        Self::launch_full(Some((user, pass)), true, false, &mut free_port)
    }

    /// Start an HTTPS registry (as [`Registry::start_tls`], without
    /// htpasswd) that takes only clients with a certificate signed by its
    /// own client CA; [`Registry::client_identity`] is one.
    pub fn start_mtls() -> Registry {
        Self::launch_full(None, true, true, &mut free_port)
    }

    /// The client certificate and key a [`Registry::start_mtls`] registry takes.
    pub fn client_identity(&self) -> (PathBuf, PathBuf) {
        (
            self.dir.path().join("client.cert"),
            self.dir.path().join("client.key"),
        )
    }

    /// The TLS registry's certificate (`domain.crt`).
    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("domain.crt")
    }

    /// Start a registry taking candidate ports from `next_port` (one per
    /// attempt). Only meant to test the port-retry logic itself.
    pub fn launch_with_ports(
        auth: Option<(&str, &str)>,
        next_port: &mut dyn FnMut() -> u16,
    ) -> Registry {
        Self::launch_full(auth, false, false, next_port)
    }

    fn launch_full(
        auth: Option<(&str, &str)>,
        tls: bool,
        mtls: bool,
        next_port: &mut dyn FnMut() -> u16,
    ) -> Registry {
        assert!(
            Path::new(REGISTRY_BIN).exists(),
            "{REGISTRY_BIN} not found: install it with `apt-get install docker-registry`"
        );
        let dir = tempfile::Builder::new()
            .prefix("den-test-registry-")
            .tempdir()
            .expect("create registry tempdir");
        super::mark(dir.path());
        let storage = dir.path().join("storage");
        std::fs::create_dir(&storage).expect("create storage dir");
        let htpasswd = auth.map(|(u, p)| write_htpasswd(dir.path(), u, p));
        if tls {
            let out = Command::new("openssl")
                .args([
                    "req",
                    "-newkey",
                    "rsa:4096",
                    "-nodes",
                    "-sha256",
                    "-keyout",
                    "domain.key",
                    "-addext",
                    "subjectAltName = IP:127.0.0.1",
                    "-x509",
                    "-days",
                    "365",
                    "-out",
                    "domain.crt",
                    "-subj",
                    "/CN=127.0.0.1",
                ])
                .current_dir(dir.path())
                .output()
                .unwrap_or_else(|e| {
                    panic!("cannot run openssl ({e}): install it with `apt-get install openssl`")
                });
            assert!(
                out.status.success(),
                "openssl: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if mtls {
            // A client certificate as Docker's documentation makes one
            // (`openssl genrsa -out client.key 4096`, `openssl req -new
            // -x509 -text -key client.key -out client.cert`): self-signed,
            // so the registry takes it as its own client CA too.
            let openssl = |args: &[&str]| {
                let out = Command::new("openssl")
                    .args(args)
                    .current_dir(dir.path())
                    .output()
                    .expect("openssl");
                assert!(
                    out.status.success(),
                    "openssl {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            };
            openssl(&["genrsa", "-out", "client.key", "4096"]);
            openssl(&[
                "req",
                "-new",
                "-x509",
                "-text",
                "-key",
                "client.key",
                "-out",
                "client.cert",
                "-subj",
                "/CN=den-test-client",
                "-days",
                "1",
            ]);
            std::fs::copy(
                dir.path().join("client.cert"),
                dir.path().join("client-ca.crt"),
            )
            .expect("client CA");
        }
        let tls_dir = tls.then(|| dir.path().to_path_buf());
        let log_path = dir.path().join("registry.log");
        let mut last_log = String::new();
        for attempt in 1..=START_ATTEMPTS {
            let addr = format!("127.0.0.1:{}", next_port());
            let cfg_path = dir.path().join("config.yml");
            std::fs::write(
                &cfg_path,
                config_yaml(&storage, &addr, htpasswd.as_deref(), tls_dir.as_deref()),
            )
            .expect("write registry config");
            // Append, so the log keeps every attempt; remember where this
            // attempt's output starts.
            let log = File::options()
                .create(true)
                .append(true)
                .open(&log_path)
                .expect("open registry log");
            let start = log.metadata().map(|m| m.len() as usize).unwrap_or(0);
            let log2 = log.try_clone().expect("clone log handle");
            let mut cmd = Command::new(REGISTRY_BIN);
            // SAFETY: prctl(PR_SET_PDEATHSIG) is async-signal-safe and only
            // sets an attribute of the child: a registry never outlives the
            // test (thread) that started it, even if that test is killed.
            unsafe {
                cmd.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    Ok(())
                });
            }
            let mut child = cmd
                .arg("serve")
                .arg(&cfg_path)
                .current_dir(dir.path())
                .env_remove("REGISTRY_HTTP_ADDR")
                .stdin(Stdio::null())
                .stdout(log)
                .stderr(log2)
                .spawn()
                .unwrap_or_else(|e| panic!("spawning {REGISTRY_BIN}: {e}"));
            let deadline = Instant::now() + START_TIMEOUT;
            match wait_up(&mut child, &addr, &log_path, deadline, tls) {
                Start::Up => {
                    return Registry {
                        addr,
                        auth: auth.map(|(u, p)| (u.to_string(), p.to_string())),
                        child,
                        dir,
                    };
                }
                Start::Exited(status) => {
                    last_log = std::fs::read_to_string(&log_path).unwrap_or_default();
                    let mine = last_log.get(start..).unwrap_or(&last_log);
                    let lost_port = mine.contains("address already in use");
                    if !lost_port || attempt == START_ATTEMPTS {
                        panic!("docker-registry exited ({status}) on {addr}; log:\n{last_log}");
                    }
                }
                Start::TimedOut => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_log = std::fs::read_to_string(&log_path).unwrap_or_default();
                    panic!(
                        "docker-registry did not answer on http://{addr}/v2/ within \
                         {START_TIMEOUT:?}; log:\n{last_log}"
                    );
                }
            }
        }
        panic!("could not start docker-registry; last log:\n{last_log}");
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Credentials as the `auth` argument of the `oci::*_auth` helpers.
    pub fn creds(&self) -> Option<(&str, &str)> {
        self.auth.as_ref().map(|(u, p)| (u.as_str(), p.as_str()))
    }

    /// The registry's private directory (config, log, htpasswd, storage).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Contents of the registry log so far (useful in assertion messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for _ in 0..10 {
            if std::fs::remove_dir_all(self.dir.path()).is_ok() || !self.dir.path().exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}
