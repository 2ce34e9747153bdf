//! Seeing a container's filesystem from a den command (`cp`, `export`):
//! a forked child that joins the running container's namespaces, or
//! mounts a stopped container's rootfs in a mount namespace of its own,
//! and works there with the container's `/` as a directory descriptor;
//! the caller stays in the host's view, talking to it through pipes. The
//! child never executes anything: no program or library of the
//! container's is ever loaded (CVE-2019-14271).

use std::io::Read;
use std::os::fd::OwnedFd;

use anyhow::{bail, Context, Result};
use nix::unistd::Pid;
use rustix::fs::{Mode, OFlags};

use crate::config::paths::Paths;
use crate::container::mounts::MountKind;
use crate::container::{ContainerConfig, Containers};
use crate::error::EXIT_DEN;
use crate::image::store::Store;
use crate::runtime::{spawn, userns};
use crate::storage::driver::{self, Driver};

/// Which view of the container's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// As its processes see it: volumes and host directories mounted
    /// (and, while it runs, its tmpfs).
    Full,
    /// Its rootfs alone (`export`).
    Rootfs,
}

/// A forked child working in a container's filesystem.
pub struct Child {
    pid: Pid,
    errors: OwnedFd,
}

impl Child {
    /// Wait for the child; its error, if it failed.
    pub fn wait(self) -> Result<()> {
        let status = nix::sys::wait::waitpid(self.pid, None).context("waitpid")?;
        let mut msg = String::new();
        let _ = std::fs::File::from(self.errors).read_to_string(&mut msg);
        match spawn::exit_code(status) {
            Some(0) => Ok(()),
            // Its pipe found broken (the other side ended first): said as
            // such, so that the other side's reason can be given instead.
            Some(EXIT_BROKEN_PIPE) => Err(anyhow::Error::new(std::io::Error::from(
                std::io::ErrorKind::BrokenPipe,
            ))
            .context(msg.trim_end().to_string())),
            _ if !msg.is_empty() => bail!("{}", msg.trim_end()),
            Some(code) => bail!("the helper in the container's filesystem failed ({code})"),
            None => bail!("the helper in the container's filesystem failed"),
        }
    }
}

/// Where a child works: the container's `/`, and whether file owners
/// there are the container's own ids (in its user namespace) or den's (a
/// stopped container mounted in den's; a container with a user namespace
/// of its own maps them through its maps).
pub struct Seen {
    pub root: OwnedFd,
    pub container_ids: bool,
}

/// Fork a child that sees `cfg`'s filesystem in `view` and calls `work`
/// with it (every path inside must be resolved beneath `root`); `close`:
/// our descriptors the child must not keep (the other end of its pipe).
/// Call while single-threaded.
pub fn fork_in(
    paths: &Paths,
    cfg: &ContainerConfig,
    view: View,
    close: &[&OwnedFd],
    work: impl FnOnce(Seen) -> Result<()>,
) -> Result<Child> {
    let containers = Containers::new(paths);
    let st = containers.live_state(&cfg.id)?;
    let running = st.active();
    let (err_r, err_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let Some(pid) = spawn::fork().context("fork")? else {
        drop(err_r);
        for fd in close {
            spawn::close_inherited(*fd);
        }
        let r = enter(paths, &containers, cfg, view, running, &st).and_then(work);
        end_child(r, &err_w);
    };
    drop(err_w);
    Ok(Child { pid, errors: err_r })
}

/// Run `work` in a forked child and wait for it: what enters den's user
/// namespace there (a volume filled) leaves this process outside it, free
/// to join a container's namespaces after. Call while single-threaded.
pub fn apart(work: impl FnOnce() -> Result<()>) -> Result<()> {
    if !spawn::single_threaded() {
        bail!("internal: a helper would be forked from a process with threads");
    }
    let (err_r, err_w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("pipe")?;
    let Some(pid) = spawn::fork().context("fork")? else {
        drop(err_r);
        end_child(work(), &err_w);
    };
    drop(err_w);
    Child { pid, errors: err_r }.wait()
}

/// A child's exit when it failed writing to a pipe nobody reads (as a
/// shell reports a command SIGPIPE ended).
const EXIT_BROKEN_PIPE: i32 = 141;

/// Whether `e` is, or was caused by, a write to a pipe nobody reads.
pub fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A forked child's end: its error, if any, down the pipe for the parent.
fn end_child(r: Result<()>, err_w: &OwnedFd) -> ! {
    let code = match r {
        Ok(()) => 0,
        Err(e) => {
            let _ = rustix::io::write(err_w, format!("{e:#}").as_bytes());
            if broken_pipe(&e) {
                EXIT_BROKEN_PIPE
            } else {
                EXIT_DEN
            }
        }
    };
    spawn::exit_child(code)
}

/// In the child: get to the view; the container's `/`.
fn enter(
    paths: &Paths,
    containers: &Containers,
    cfg: &ContainerConfig,
    view: View,
    running: bool,
    st: &crate::container::ContainerState,
) -> Result<Seen> {
    let open = |p: &std::path::Path| {
        rustix::fs::open(
            p,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .with_context(|| format!("opening {}", p.display()))
    };
    if running {
        match view {
            View::Full => {
                // The container's own namespaces: its `/` is ours then.
                let members = crate::container::process::member_pidfds(&st.init);
                crate::runtime::exec::join_members(
                    &members,
                    libc::CLONE_NEWUSER | libc::CLONE_NEWNS,
                )
                .context("joining the container's namespaces")?;
                return Ok(Seen {
                    root: open(std::path::Path::new("/"))?,
                    container_ids: true,
                });
            }
            View::Rootfs => {
                // The supervisor's: the rootfs mounted, nothing over it.
                let sup = st
                    .supervisor
                    .pidfd()
                    .context("the container's supervisor is gone")?;
                crate::runtime::exec::join(&[sup], libc::CLONE_NEWUSER | libc::CLONE_NEWNS)
                    .context("joining the supervisor's namespaces")?;
                let dir = containers.dir(&cfg.id);
                let rootfs = if dir.join("rootfs").exists() {
                    dir.join("rootfs")
                } else {
                    dir.join("merged")
                };
                return Ok(Seen {
                    root: open(&rootfs)?,
                    container_ids: cfg.userns.is_none(),
                });
            }
        }
    }
    // Stopped: mount it ourselves, in a mount namespace of our own.
    let owners = userns::enter()?;
    userns::unshare(rustix::thread::UnshareFlags::NEWNS).context("creating a mount namespace")?;
    rustix::mount::mount_change(
        "/",
        rustix::mount::MountPropagationFlags::PRIVATE | rustix::mount::MountPropagationFlags::REC,
    )
    .context("making mounts private")?;
    let store = Store::new(paths);
    let cdir = containers.dir(&cfg.id);
    let wanted = match cfg.driver.as_str() {
        "" => None,
        d => Some(Driver::parse(d)?),
    };
    let rootfs = driver::mount(
        &store,
        &cdir,
        &cfg.layers,
        wanted,
        cfg.userns.as_ref(),
        false,
        cfg.premade_mount_points(&store).as_deref(),
    )?;
    if view == View::Full {
        std::env::set_current_dir(&cdir).with_context(|| format!("entering {}", cdir.display()))?;
        let relative = rootfs.path.strip_prefix(&cdir).unwrap_or(&rootfs.path);
        // A tmpfs is not there while the container is stopped (as podman).
        let mut stopped = cfg.clone();
        stopped.mounts.retain(|m| m.kind != MountKind::Tmpfs);
        let mounts = crate::supervisor::usermounts::prepare(paths, &stopped, relative, owners)?;
        crate::runtime::mounts::attach_all(relative, &mounts)?;
    }
    Ok(Seen {
        root: open(&rootfs.path)?,
        container_ids: cfg.userns.is_none(),
    })
}

/// Where a container's rootfs is mounted in this process's mount
/// namespace, if it is (`den mount` inside `den unshare`).
pub fn mounted_at(paths: &Paths, cfg: &ContainerConfig) -> Option<std::path::PathBuf> {
    let dir = Containers::new(paths).dir(&cfg.id);
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    [dir.join("merged"), dir.join("rootfs")]
        .into_iter()
        .find(|p| {
            let want = p.display().to_string();
            info.lines()
                .any(|l| l.split(' ').nth(4).is_some_and(|m| unescape(m) == want))
        })
}

/// mountinfo escapes spaces, tabs, newlines and backslashes as `\\ooo`.
pub(crate) fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let octal = s
            .get(i + 1..i + 4)
            .and_then(|o| u8::from_str_radix(o, 8).ok());
        match (b[i], octal) {
            (b'\\', Some(n)) => {
                out.push(n);
                i += 4;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `den mount`: mount the rootfs of `cfg` in this mount namespace (call
/// inside `den unshare`) and say where.
pub fn mount(paths: &Paths, cfg: &ContainerConfig) -> Result<std::path::PathBuf> {
    let containers = Containers::new(paths);
    let dir = containers.dir(&cfg.id);
    if let Some(p) = mounted_at(paths, cfg) {
        return Ok(p);
    }
    if containers.live_state(&cfg.id)?.active() && !dir.join("rootfs").exists() {
        // Its own mount is in its supervisor's namespace, out of reach.
        crate::warn!(
            "{} is running: its overlay is mounted a second time here, and what the container changes from now on may not show through this mount",
            cfg.name
        );
    }
    let store = Store::new(paths);
    // fuse-overlayfs would end with this command: the kernel's overlay
    // mounts the same layout and stays.
    let wanted = match cfg.driver.as_str() {
        "vfs" => Some(Driver::Vfs),
        "" => None,
        _ if !dir.join("rootfs").exists() => Some(Driver::Overlay),
        d => Some(Driver::parse(d)?),
    };
    let rootfs = driver::mount(
        &store,
        &dir,
        &cfg.layers,
        wanted,
        cfg.userns.as_ref(),
        false,
        cfg.premade_mount_points(&store).as_deref(),
    )
    .context("mounting the rootfs (den mount needs the kernel's overlayfs, or a vfs container)")?;
    Ok(rootfs.path)
}

/// `den unmount`: unmount what `den mount` mounted here; whether it was.
pub fn unmount(paths: &Paths, cfg: &ContainerConfig) -> Result<bool> {
    match mounted_at(paths, cfg) {
        Some(p) => {
            rustix::mount::unmount(&p, rustix::mount::UnmountFlags::DETACH)
                .with_context(|| format!("unmounting {}", p.display()))?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Mount the rootfs of each of the stopped containers `cfgs` in a mount
/// namespace of a thread's own and call `work` with their `/`s; the
/// mounts end with the thread. Unlike [`fork_in`], safe while other
/// threads run (a build's parallel stages). The process must be in den's
/// user namespace already.
pub fn in_thread<T: Send>(
    paths: &Paths,
    cfgs: &[&ContainerConfig],
    work: impl FnOnce(Vec<OwnedFd>) -> Result<T> + Send,
) -> Result<T> {
    std::thread::scope(|s| {
        s.spawn(|| {
            // CLONE_NEWNS implies CLONE_FS: this thread alone moves.
            userns::unshare_thread_mounts().context("creating a mount namespace")?;
            rustix::mount::mount_change(
                "/",
                rustix::mount::MountPropagationFlags::PRIVATE
                    | rustix::mount::MountPropagationFlags::REC,
            )
            .context("making mounts private")?;
            let store = Store::new(paths);
            let containers = Containers::new(paths);
            let mut roots = Vec::new();
            for cfg in cfgs {
                let wanted = match cfg.driver.as_str() {
                    "" => None,
                    d => Some(Driver::parse(d)?),
                };
                let cdir = containers.dir(&cfg.id);
                let points = cfg.premade_mount_points(&store);
                let rootfs = driver::mount(
                    &store,
                    &cdir,
                    &cfg.layers,
                    wanted,
                    None,
                    false,
                    points.as_deref(),
                )?;
                roots.push(
                    rustix::fs::open(
                        &rootfs.path,
                        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                        Mode::empty(),
                    )
                    .with_context(|| format!("opening {}", rootfs.path.display()))?,
                );
            }
            work(roots)
        })
        .join()
        .unwrap_or_else(|_| bail!("the thread working in a container's filesystem panicked"))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn mountinfo_names() {
        assert_eq!(super::unescape("/a\\040b/c\\134d"), "/a b/c\\d");
        assert_eq!(super::unescape("/plain"), "/plain");
    }
}
