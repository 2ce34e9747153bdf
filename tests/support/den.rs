//! The test environment: a private den (its own HOME and XDG dirs), a
//! registry, and images to push.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use super::bounded::{output_or_none, output_within, COMMAND_LIMIT};
use super::layers::{busybox_layer, TarWriter};
use super::oci::{self, Compression, ImageSpec, Layer, Pushed};
use super::registry::Registry;

/// The den binary: `$DEN_BIN`, or the one cargo built.
pub fn den_bin() -> PathBuf {
    std::env::var_os("DEN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_den")))
}

/// Refuse loudly to run as root, or as a user without subordinate ids:
/// these tests are about rootless den.
pub fn require_rootless() {
    assert!(
        has_ranges(),
        "user {} has no range in /etc/subuid: add one (sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {})",
        std::env::var("USER").unwrap_or_default(),
        std::env::var("USER").unwrap_or_default()
    );
}

/// Refuse loudly to run as root; whether the user has subordinate uids.
fn has_ranges() -> bool {
    let uid = unsafe_free_getuid();
    assert!(
        uid != 0,
        "the end-to-end tests must run as an unprivileged user with subordinate id ranges; \
         as root, run ci/test.sh, which creates one and drops to it"
    );
    let name = std::env::var("USER").unwrap_or_default();
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap_or_default();
    subuid
        .lines()
        .any(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{uid}:")))
}

fn unsafe_free_getuid() -> u32 {
    // /proc/self/status avoids an unsafe libc call in tests.
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|u| u.parse().ok())
        .expect("uid in /proc/self/status")
}

/// The first subordinate uid of the current user.
pub fn subuid_start() -> u32 {
    let uid = unsafe_free_getuid();
    let name = std::env::var("USER").unwrap_or_default();
    let subuid = std::fs::read_to_string("/etc/subuid").expect("/etc/subuid");
    subuid
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() == 3 && (f[0] == name || f[0] == uid.to_string()))
                .then(|| f[1].parse().ok())?
        })
        .expect("a subuid range")
}

/// A private den with its own storage, configured for `registry`.
pub struct Den {
    pub dir: tempfile::TempDir,
    pub registry: String,
}

impl Den {
    /// A den whose registries.conf searches `registry` (plain HTTP).
    pub fn new(registry: &str) -> Den {
        require_rootless();
        Self::private(registry)
    }

    /// A den for a user who must have no subordinate ids (a cell of the
    /// host matrix that ci/test.sh runs as such a user).
    pub fn without_ranges(registry: &str) -> Den {
        assert!(
            !has_ranges(),
            "this test must run as a user without subordinate ids (ci/test.sh makes one)"
        );
        Self::private(registry)
    }

    fn private(registry: &str) -> Den {
        let dir = tempfile::Builder::new()
            .prefix("den-e2e-")
            .tempdir()
            .expect("tempdir");
        super::mark(dir.path());
        let conf = dir.path().join("config/containers");
        std::fs::create_dir_all(&conf).expect("config dir");
        std::fs::write(
            conf.join("registries.conf"),
            format!("unqualified-search-registries = [\"{registry}\"]\n\n[[registry]]\nlocation = \"{registry}\"\ninsecure = true\n"),
        )
        .expect("registries.conf");
        std::fs::create_dir_all(dir.path().join("run")).expect("run dir");
        Den {
            dir,
            registry: registry.to_string(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data/den")
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// A command for `program` with this den's environment (HOME, XDG dirs).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("USER", std::env::var_os("USER").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .stdin(std::process::Stdio::null());
        c
    }

    /// A `den` command with this den's environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = self.command(den_bin());
        c.args(args);
        c
    }

    /// Run den; return its output whatever the status.
    /// A den that hangs is killed after [`COMMAND_LIMIT`] and fails the test.
    pub fn output(&self, args: &[&str]) -> Output {
        output_within(&mut self.cmd(args), COMMAND_LIMIT, &format!("den {args:?}"))
    }

    /// Run den, insist on success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "den {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Run den, insist on exit status `code`, return stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.output(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "den {args:?}: expected exit {code}\nstdout: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        stderr
    }

    /// `REGISTRY/repo:tag`.
    pub fn image(&self, repo_tag: &str) -> String {
        format!("{}/{repo_tag}", self.registry)
    }
}

impl Drop for Den {
    fn drop(&mut self) {
        // Stop whatever containers the test left running (a failed assertion
        // skips the test's own clean-up), then remove everything. Bounded:
        // a den stuck on a lock must not keep the test from ending.
        let limit = std::time::Duration::from_secs(120);
        let _ = output_or_none(&mut self.cmd(&["rm", "-f", "--all"]), limit);
        // Files owned by subordinate ids can only be removed inside den's
        // user namespace. A supervisor still winding down may write a last
        // file meanwhile: try again for a while.
        let dir = self.dir.path().display().to_string();
        for _ in 0..10 {
            // The test's runtime directory again, should a round before
            // have removed it: den would fall back to /run/user/UID and
            // leave a pause process there that this `rm` never ends.
            use std::os::unix::fs::DirBuilderExt;
            let _ = std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(self.dir.path().join("run"));
            let _ = output_or_none(&mut self.cmd(&["unshare", "rm", "-rf", &dir]), limit);
            if !self.dir.path().exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

/// The busybox rootfs tar, built once.
pub fn busybox_tar() -> &'static [u8] {
    static TAR: OnceLock<Vec<u8>> = OnceLock::new();
    TAR.get_or_init(busybox_layer)
}

/// The busybox layer, gzip-compressed, built once.
pub fn busybox_gz() -> Layer {
    static L: OnceLock<Layer> = OnceLock::new();
    L.get_or_init(|| oci::layer(busybox_tar().to_vec(), Compression::Gzip, false))
        .clone()
}

/// An image spec for busybox images.
pub fn busybox_spec() -> ImageSpec {
    ImageSpec {
        cmd: Some(vec!["sh".into()]),
        ..Default::default()
    }
}

/// Push busybox as `repo:tag`.
pub fn push_busybox(reg: &Registry, repo: &str, tag: &str) -> Pushed {
    oci::push_image(
        &reg.addr,
        repo,
        tag,
        &busybox_spec(),
        &[busybox_gz()],
        false,
    )
}

/// A registry with `busybox:latest` in it, and a den using it.
pub fn setup() -> (Registry, Den) {
    let reg = Registry::start();
    push_busybox(&reg, "busybox", "latest");
    let den = Den::new(&reg.addr);
    (reg, den)
}

/// The set-up most benchmarks share: `None` when cargo only asks for the
/// list of benchmarks; otherwise (as an unprivileged user with subordinate
/// ids) a registry with busybox, a den that has pulled it, and the image's
/// full name.
pub fn busybox_den() -> Option<(Registry, Den, String)> {
    if std::env::args().any(|a| a == "--list") {
        return None;
    }
    require_rootless();
    let (reg, den) = setup();
    let image = format!("{}/busybox:latest", reg.addr);
    den.ok(&["pull", "-q", &image]);
    Some((reg, den, image))
}

/// A layer from a tar builder.
pub fn layer_of(build: impl FnOnce(&mut TarWriter), c: Compression) -> Layer {
    let mut t = TarWriter::new();
    build(&mut t);
    oci::layer(t.finish(), c, false)
}

/// Owner uid and mode of a host path (without following symlinks).
pub fn owner_mode(p: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(p).unwrap_or_else(|e| panic!("stat {}: {e}", p.display()));
    (m.uid(), m.mode())
}

/// A large image: busybox plus 8 layers of 16 MiB of poorly compressible data.
pub fn push_large(reg: &Registry, repo: &str) {
    let mut layers = vec![busybox_gz()];
    for i in 0..8u32 {
        let data: Vec<u8> = (0..16u32 << 20)
            .map(|j| (j.wrapping_add(i).wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect();
        let mut t = crate::support::layers::TarWriter::new();
        t.file(&format!("blob{i}"), &data, 0o644, 0, 0);
        layers.push(crate::support::oci::layer(
            t.finish(),
            crate::support::oci::Compression::Gzip,
            false,
        ));
    }
    crate::support::oci::push_image(&reg.addr, repo, "latest", &busybox_spec(), &layers, false);
}
