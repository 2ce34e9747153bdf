//! Mounting the kernel's overlayfs for a container, with any number of
//! layers up to the kernel's stacking limit.
//!
//! mount(2) takes its options in one page: past about 215 layers the
//! lowerdir list, and the upperdir and workdir after it, are silently cut,
//! and the container gets a wrong, read-only root. So den uses mount(2)
//! only where the options fit, and beyond that the new mount API, one
//! `lowerdir+` per layer (Linux 6.8); where that fails too, it refuses.
//! (Before 6.5 overlayfs takes fsconfig options through the kernel's
//! generic one-page buffer, so the new API is no way around the limit
//! there.)

use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

use anyhow::{bail, Context, Result};
use rustix::io::Errno;
use rustix::mount::{FsMountFlags, FsOpenFlags, MountAttrFlags, MountFlags, MoveMountFlags};

/// The most lower layers overlayfs stacks (the kernel's OVL_MAX_STACK).
pub const MAX_LAYERS: usize = 500;
/// mount(2) copies at most one page of options (a 4 KiB page, less the NUL).
const MOUNT_DATA_MAX: usize = 4095;

/// Mount overlayfs on `merged` with `lower` (top first), `upper` and
/// `work`, in the user namespace (`userxattr`); `volatile` (a `--rm`
/// container's, as podman's) skips every sync of the upper layer, the
/// one at unmount included: with mount(2) where its
/// options fit in a page (every kernel since 5.11), else through the new
/// mount API (overlayfs takes `lowerdir+` since Linux 6.8); a kernel that
/// has neither way for this many layers is told plainly.
pub fn mount(
    lower: &[String],
    upper: &Path,
    work: &Path,
    merged: &Path,
    volatile: bool,
) -> Result<()> {
    if let Some(opts) = prepare(lower, upper, work, volatile)? {
        return mount2(opts, MountFlags::empty(), merged);
    }
    with_fsconfig(lower, Some((upper, work)), merged, volatile).with_context(|| {
        format!(
            "the image has {} layers, more than mount(2) can pass to overlayfs, and this kernel's new mount API did not take them (Linux 6.8 and later mount up to {MAX_LAYERS}; or run it with --storage-driver fuse-overlayfs or vfs)",
            lower.len()
        )
    })
}

/// Ready the overlay [`mount`] mounts (its arguments but `merged`):
/// within overlayfs's stack, its work directory's volatile mark dropped;
/// and mount(2)'s options for it, `None` where they do not fit its page
/// (then [`mount`] takes the new mount API).
pub fn prepare(
    lower: &[String],
    upper: &Path,
    work: &Path,
    volatile: bool,
) -> Result<Option<String>> {
    if lower.len() > MAX_LAYERS {
        bail!(
            "the image has {} layers, and overlayfs stacks at most {MAX_LAYERS} (run it with --storage-driver fuse-overlayfs or vfs)",
            lower.len()
        );
    }
    drop_volatile_mark(work)?;
    let opts = options(lower, upper, work, volatile);
    Ok(fits(&opts).then_some(opts))
}

/// A volatile mount leaves a mark in the work directory `work` that
/// makes every later mount of the upper layer fail; whoever mounts it
/// again (`den mount` of a running --rm container, or one whose removal
/// failed started again) drops the mark. Only a power cut can have left
/// that layer unsynced, and a volatile container is one that is removed
/// anyway.
fn drop_volatile_mark(work: &Path) -> Result<()> {
    match std::fs::remove_dir_all(work.join("work/incompat")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).context("removing the mark of a volatile overlay mount")
        }
        _ => Ok(()),
    }
}

/// Whether mount(2) takes `opts` whole (else [`mount`] uses the new API).
fn fits(opts: &str) -> bool {
    opts.len() <= MOUNT_DATA_MAX
}

/// mount(2)'s options for an overlay of `lower` (top first), `upper` and
/// `work`, in the user namespace.
fn options(lower: &[String], upper: &Path, work: &Path, volatile: bool) -> String {
    format!(
        "lowerdir={},upperdir={},workdir={},userxattr{}",
        lower.join(":"),
        upper.display(),
        work.display(),
        if volatile { ",volatile" } else { "" }
    )
}

/// Whether `lower` (top first) takes one more layer on top, `extra`, and
/// mounts as it would without it: within overlayfs's stack, and the
/// same way (mount(2) where the options fit in a page, else the new mount
/// API), volatile (`--rm`'s starts) or not (`den mount`, other starts),
/// so that every mount of a container decides alike.
pub fn room_for(lower: &[String], upper: &Path, work: &Path, extra: &str) -> bool {
    let with: Vec<String> = std::iter::once(extra.to_string())
        .chain(lower.iter().cloned())
        .collect();
    let fit = |l: &[String], volatile| fits(&options(l, upper, work, volatile));
    with.len() <= MAX_LAYERS && (fit(&with, true) || !fit(lower, false))
}

/// Mount `lower` (top first, two at least) on `merged` as a read-only
/// overlay with no upper layer: nothing can be written to it, and no
/// remount makes it writable (`image mount`).
pub fn mount_read_only(lower: &[String], merged: &Path) -> Result<()> {
    if lower.len() > MAX_LAYERS {
        bail!(
            "the image has {} layers, and overlayfs stacks at most {MAX_LAYERS}",
            lower.len()
        );
    }
    let opts = format!("lowerdir={},userxattr", lower.join(":"));
    if fits(&opts) {
        return mount2(opts, MountFlags::RDONLY, merged);
    }
    with_fsconfig(lower, None, merged, false)
}

/// Mount with mount(2), `opts` fitting in its page.
fn mount2(opts: String, flags: MountFlags, merged: &Path) -> Result<()> {
    let data = std::ffi::CString::new(opts)?;
    rustix::mount::mount("overlay", merged, "overlay", flags, data.as_c_str())
        .context("mounting overlayfs in the user namespace")
}

/// Mount with fsopen/fsconfig/fsmount, one `lowerdir+` per layer (and
/// the upper and work directories, if any), with the kernel's own words
/// on failure.
fn with_fsconfig(
    lower: &[String],
    upper_work: Option<(&Path, &Path)>,
    merged: &Path,
    volatile: bool,
) -> Result<()> {
    let fs =
        rustix::mount::fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC).context("fsopen(overlay)")?;
    let fail = |what: String, e: Errno| explain(&fs, what, e);
    for dir in lower {
        rustix::mount::fsconfig_set_string(&fs, "lowerdir+", dir.as_str())
            .map_err(|e| fail(format!("adding layer {dir}"), e))?;
    }
    if let Some((upper, work)) = upper_work {
        for (key, dir) in [("upperdir", upper), ("workdir", work)] {
            rustix::mount::fsconfig_set_string(&fs, key, dir)
                .map_err(|e| fail(format!("setting {key}"), e))?;
        }
    }
    rustix::mount::fsconfig_set_flag(&fs, "userxattr")
        .map_err(|e| fail("setting userxattr".into(), e))?;
    if volatile {
        rustix::mount::fsconfig_set_flag(&fs, "volatile")
            .map_err(|e| fail("setting volatile".into(), e))?;
    }
    rustix::mount::fsconfig_create(&fs).map_err(|e| fail("creating the overlay".into(), e))?;
    let attrs = if upper_work.is_none() {
        MountAttrFlags::MOUNT_ATTR_RDONLY
    } else {
        MountAttrFlags::empty()
    };
    let mnt = rustix::mount::fsmount(&fs, FsMountFlags::FSMOUNT_CLOEXEC, attrs)
        .map_err(|e| fail("mounting the overlay".into(), e))?;
    rustix::mount::move_mount(
        mnt.as_fd(),
        "",
        rustix::fs::CWD,
        merged,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )
    .map_err(|e| fail(format!("attaching the overlay at {}", merged.display()), e))
}

/// `what` failed with `e`; the kernel's messages about it, if it left any
/// in the filesystem context.
fn explain(fs: &OwnedFd, what: String, e: Errno) -> anyhow::Error {
    let mut log = Vec::new();
    let mut buf = [0u8; 512];
    while let Ok(n) = rustix::io::read(fs, &mut buf) {
        if n == 0 {
            break;
        }
        // Each read returns one message: "e overlayfs: ...".
        let msg = String::from_utf8_lossy(&buf[..n]);
        log.push(
            msg.trim_start_matches(['e', 'w', 'i', ' '])
                .trim()
                .to_string(),
        );
    }
    if log.is_empty() {
        anyhow::anyhow!("mounting overlayfs in the user namespace: {what}: {e}")
    } else {
        anyhow::anyhow!(
            "mounting overlayfs in the user namespace: {what}: {e} ({})",
            log.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_more_layer_only_where_it_changes_nothing() {
        let w = Path::new("containers/c/work");
        let layers = |n: usize| -> Vec<String> { (0..n).map(|i| format!("l/{i:016x}")).collect() };
        let extra = "layers/0123.mounts-4567/diff";
        let u = Path::new("containers/c/upper");
        assert!(room_for(&layers(3), u, w, extra));
        // The stack's limit.
        assert!(room_for(&layers(MAX_LAYERS - 1), u, w, extra));
        assert!(!room_for(&layers(MAX_LAYERS), u, w, extra));
        // Long stacks that mount through the new API anyway take it.
        assert!(room_for(&layers(300), u, w, extra));
        // mount(2)'s page: for every stack, volatile or not, a mount with
        // the extra layer goes the way it went without it. Upper paths of
        // 19 lengths (a layer's share of the options) put the page's edge
        // everywhere, `,volatile`'s nine bytes included.
        let mut volatile_edge = 0;
        for pad in 0..19 {
            let upper = format!("containers/{}/upper", "c".repeat(pad + 1));
            let u = Path::new(&upper);
            for n in 1..MAX_LAYERS {
                let lower = layers(n);
                let fits = |l: &[String], v: bool| options(l, u, w, v).len() <= MOUNT_DATA_MAX;
                if fits(&lower, false) && !fits(&lower, true) {
                    volatile_edge += 1;
                }
                if !room_for(&lower, u, w, extra) {
                    continue;
                }
                let with: Vec<String> = std::iter::once(extra.to_string())
                    .chain(lower.clone())
                    .collect();
                for v in [false, true] {
                    assert_eq!(
                        fits(&with, v),
                        fits(&lower, v),
                        "{n} layers, {upper}, volatile {v}"
                    );
                }
            }
        }
        assert!(
            volatile_edge > 0,
            "the case where only ,volatile crosses the page was met"
        );
    }
}
