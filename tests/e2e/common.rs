//! Shared helpers of the end-to-end tests: the harness of support/den.rs
//! (which the benchmarks use too), and a few for container lifecycles.

pub use crate::support::bounded::wait_within;
pub use crate::support::den::*;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::oci::{self, Compression, ImageSpec, Layer};
use crate::support::registry::Registry;

/// A registry with busybox, and a den that has pulled it. Keep both alive
/// for the test (dropping the registry stops it).
pub fn ready() -> (Registry, Den) {
    let (reg, den) = setup();
    den.ok(&["pull", "-q", "busybox"]);
    (reg, den)
}

/// A registry with the checker image (busybox plus den-checker), and a
/// den that has pulled it.
pub fn ready_checker() -> (Registry, Den) {
    let (reg, den) = setup();
    crate::support::checker::push_checker(&reg);
    den.ok(&["pull", "-q", "checker"]);
    (reg, den)
}

/// The Debian rootfs (`DEN_DEBIAN_TAR`, made by ci/test.sh with
/// mmdebstrap) as an uncompressed layer, read once.
pub fn debian_layer() -> Layer {
    static L: std::sync::OnceLock<Layer> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let path = std::env::var("DEN_DEBIAN_TAR").unwrap_or_else(|_| {
            panic!("DEN_DEBIAN_TAR is not set: run the suite through ci/test.sh, which makes the Debian test image with mmdebstrap")
        });
        let tar = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        oci::layer(tar, Compression::None, false)
    })
    .clone()
}

/// Push `REPO:bookworm`: Debian, then `extra` layers.
pub fn push_debian(reg: &Registry, repo: &str, extra: &[Layer]) {
    let spec = ImageSpec {
        cmd: Some(vec!["bash".into()]),
        ..Default::default()
    };
    let mut layers = vec![debian_layer()];
    layers.extend_from_slice(extra);
    oci::push_image(&reg.addr, repo, "bookworm", &spec, &layers, false);
}

/// den's work directories are all gone (none left half-made).
pub fn tmp_is_clean(den: &Den) {
    let left: Vec<_> = std::fs::read_dir(den.data().join("tmp"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "work directories left behind: {left:?}");
}

/// This user's uid, from /proc.
pub fn my_uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .expect("status")
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|u| u.parse().ok())
        .expect("uid")
}

/// `den inspect -f FIELD NAME`, trimmed.
pub fn inspect(den: &Den, name: &str, field: &str) -> String {
    den.ok(&["inspect", "-f", field, name]).trim().to_string()
}

/// Poll `cond` until it holds (at most 10 s).
pub fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Wait for every child (den commands run at once) and require success.
pub fn all_succeed(children: Vec<std::process::Child>) {
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Read one HTTP request's head from `conn` (a fake server's): its first
/// line (`GET /v2/... HTTP/1.1`).
pub fn read_request_head(conn: &std::net::TcpStream) -> String {
    use std::io::BufRead;
    let mut first = String::new();
    let mut r = std::io::BufReader::new(conn);
    let _ = r.read_line(&mut first);
    let mut l = String::new();
    while r.read_line(&mut l).map(|n| n > 2).unwrap_or(false) {
        l.clear();
    }
    first
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// GET / from 127.0.0.1:port, or None while nothing answers.
pub fn http_get(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    s.write_all(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    (!out.is_empty()).then_some(out)
}

/// A server on the host answering "fromhost" to any request; its port.
pub fn host_server() -> u16 {
    server_on("0.0.0.0", "fromhost")
}

/// A server on `ip` answering `body` to any request; its port.
pub fn server_on(ip: &str, body: impl AsRef<[u8]> + Send + 'static) -> u16 {
    let listener = TcpListener::bind((ip, 0)).expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut c in listener.incoming().flatten() {
            let mut buf = [0u8; 512];
            let _ = c.read(&mut buf);
            let body = body.as_ref();
            let head = format!("HTTP/1.0 200 OK\r\ncontent-length: {}\r\n\r\n", body.len());
            let _ = c.write_all(head.as_bytes());
            let _ = c.write_all(body);
        }
    });
    port
}

/// The live processes of the test user (zombies waiting for a reaper
/// aside): pid and command line.
pub fn user_processes() -> Vec<(u32, String)> {
    let user = std::env::var("USER").unwrap_or_default();
    let out = std::process::Command::new("ps")
        .args(["-u", &user, "-o", "pid=,stat=,args="])
        .output()
        .expect("ps");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let pid: u32 = f.next()?.parse().ok()?;
            let stat = f.next()?;
            let args = f.collect::<Vec<_>>().join(" ");
            (!stat.starts_with('Z')).then_some((pid, args))
        })
        .collect()
}

/// `den --log-level debug run ARGS`: its exit status, stdout and stderr.
pub fn run_debug(den: &Den, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["--log-level", "debug", "run"];
    all.extend_from_slice(args);
    let out = den.output(&all);
    let (stdout, stderr) = text(&out);
    (out.status.code(), stdout, stderr)
}

/// A command's stdout and stderr, as text.
pub fn text(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `den run --rm FLAGS busybox true` is refused as bad input: exit 125 and
/// one `den: error:` line, which is returned.
pub fn run_refused(den: &Den, flags: &[&str]) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "true"]);
    let e = den.fails(&args, 125);
    assert!(
        e.starts_with("den: error: ") && e.lines().count() == 1,
        "{flags:?}: {e}"
    );
    e
}

/// A unit's command line split into words as systemd splits it (`"..."`
/// quoting and backslash escapes, as den's generated units write them).
pub fn systemd_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => word.push('\n'),
                Some('t') => word.push('\t'),
                Some(o) => word.push(o),
                None => {}
            },
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if !word.is_empty() || any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() || any {
        words.push(word);
    }
    words
}

/// podman with storage of its own under the test's directory, when it is
/// installed.
pub struct Podman {
    root: String,
    run: String,
    xdg: std::path::PathBuf,
    home: std::path::PathBuf,
}

impl Podman {
    pub fn new(den: &Den) -> Option<Podman> {
        let there = Command::new("podman")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !there {
            return None;
        }
        let dir = den.home().join("podman");
        let xdg = dir.join("xdg");
        std::fs::create_dir_all(&xdg).expect("mkdir");
        Some(Podman {
            root: dir.join("root").display().to_string(),
            run: dir.join("run").display().to_string(),
            xdg,
            home: den.home().to_path_buf(),
        })
    }

    fn command(&self) -> Command {
        let mut c = Command::new("podman");
        c.args(["--root", &self.root, "--runroot", &self.run])
            .args(["--storage-driver", "vfs"])
            .env("HOME", &self.home)
            // den's registries.conf: the test registry is podman's too,
            // insecure where a command has no --tls-verify.
            .env(
                "CONTAINERS_REGISTRIES_CONF",
                self.home.join("config/containers/registries.conf"),
            )
            .env("XDG_RUNTIME_DIR", &self.xdg);
        c
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("podman");
        assert!(
            out.status.success(),
            "podman {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let _ = self.command().args(["system", "reset", "-f"]).output();
        let _ = Command::new("podman")
            .args(["unshare", "rm", "-rf", &self.root, &self.run])
            .env("HOME", &self.home)
            .env("XDG_RUNTIME_DIR", &self.xdg)
            .output();
        // podman's rootless pause process would outlive the test.
        if let Ok(pid) = std::fs::read_to_string(self.xdg.join("libpod/tmp/pause.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).output();
        }
    }
}

/// Entries of `dir` other than lock files and dot files.
pub fn entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

/// `TOOL -c FILE` (gzip, xz, bzip2): the file compressed.
pub fn compressed(tool: &str, file: &std::path::Path) -> Vec<u8> {
    let out = std::process::Command::new(tool)
        .arg("-c")
        .arg(file)
        .output()
        .expect(tool);
    assert!(out.status.success(), "{tool} -c {}", file.display());
    out.stdout
}

/// `tar` of `dir`'s contents into `file` (`z`: gzip too).
pub fn tar_of(dir: &std::path::Path, file: &std::path::Path, z: bool) {
    let made = std::process::Command::new("tar")
        .arg(if z { "-czf" } else { "-cf" })
        .arg(file)
        .arg("-C")
        .arg(dir)
        .arg(".")
        .status()
        .expect("tar");
    assert!(made.success());
}
