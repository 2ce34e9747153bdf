//! `diff` and `commit`: what a container changed, and a new image made of
//! its image and one more layer holding exactly those changes (deletions
//! as whiteouts), with the container's settings and `--change`s.

use std::io::{BufReader, Seek, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rustix::fs::{AtFlags, Mode, OFlags};
use serde_json::{json, Value};

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::image::reference::Reference;
use crate::image::store::{ImageRecord, LayerMeta, Store};
use crate::runtime::userns;
use crate::storage::archive::{TarOptions, TarWriter};
use crate::storage::changes::{self, Change, Kind, Lower};
use crate::util::digest::{sha256_of, HashingWriter};

pub use crate::storage::changes::{Change as FileChange, Kind as ChangeKind};

/// Where a container's changes are: its upper directory (overlay) or its
/// whole rootfs (vfs).
enum Layout {
    Upper(PathBuf),
    Rootfs(PathBuf),
}

fn layout(containers: &Containers, c: &ContainerConfig) -> Result<Layout> {
    let dir = containers.dir(&c.id);
    if dir.join("rootfs").is_dir() {
        Ok(Layout::Rootfs(dir.join("rootfs")))
    } else if dir.join("upper").is_dir() {
        Ok(Layout::Upper(dir.join("upper")))
    } else {
        bail!("container {} has never run: it has no changes yet", c.name)
    }
}

fn open_dir(p: &Path) -> Result<OwnedFd> {
    rustix::fs::open(
        p,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening {}", p.display()))
}

fn lower(store: &Store, c: &ContainerConfig) -> Result<Lower> {
    let mut dirs = Vec::new();
    for l in &c.layers {
        dirs.push(store.layer_dir(l)?.join("diff"));
    }
    Ok(Lower::new(dirs))
}

fn changes_of(paths: &Paths, c: &ContainerConfig) -> Result<(Vec<Change>, Layout)> {
    let containers = Containers::new(paths);
    let layout = layout(&containers, c)?;
    userns::enter()?;
    let lower = lower(&Store::new(paths), c)?;
    let list = match &layout {
        Layout::Upper(p) => changes::overlay(open_dir(p)?.as_fd(), &lower)?,
        Layout::Rootfs(p) => changes::vfs(open_dir(p)?.as_fd(), &lower, c.userns.as_ref())?,
    };
    Ok((list, layout))
}

/// What `container` changed, parents before children.
pub fn diff(paths: &Paths, container: &str) -> Result<Vec<Change>> {
    let c = Containers::new(paths).find(container)?;
    let (list, layout) = changes_of(paths, &c)?;
    let store = Store::new(paths);
    // The image's mount points, made once (`storage/mountpoints.rs`),
    // stand for those an init made in the upper layer: the directories
    // they go into show changed, as podman shows `C /etc` (its runtime
    // makes them in the upper layer). `commit` leaves them out: they
    // change nothing the image shows.
    let Some(tree) = c
        .premade_mount_points(&store)
        .filter(|_| matches!(layout, Layout::Upper(_)))
    else {
        return Ok(list);
    };
    let points = changes::overlay(
        open_dir(&store.root.join(tree))?.as_fd(),
        &lower(&store, &c)?,
    )?;
    let mut out = list;
    for p in points {
        if !out.iter().any(|l| l.path == p.path) {
            // Where a walk of both would have met it: before the first
            // path after it.
            let at = out
                .iter()
                .position(|l| l.path > p.path)
                .unwrap_or(out.len());
            out.insert(at, p);
        }
    }
    Ok(out)
}

/// What `commit` asks for.
#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// The new image's name (none: untagged).
    pub name: Option<String>,
    /// Dockerfile instructions applied to the config: CMD, ENTRYPOINT,
    /// ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR.
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    /// Pause the container while its changes are read.
    pub pause: bool,
}

/// Make an image of `container`; its id.
pub fn commit(paths: &Paths, container: &str, opts: &CommitOptions) -> Result<String> {
    let containers = Containers::new(paths);
    let c = containers.find(container)?;
    let target = opts.name.as_deref().map(image_name).transpose()?;
    let store = Store::new(paths);
    let base_config: Value =
        serde_json::from_slice(&store.read_blob(&format!("sha256:{}", c.image_id))?)
            .context("reading the container's image config")?;
    let mut config = base_config.clone();
    apply_container(&mut config, &c);
    for ch in &opts.changes {
        apply_change(&mut config, ch)?;
    }
    let paused = opts.pause && containers.live_state(&c.id)?.status == "running";
    if paused {
        crate::container::ops::pause(&containers, &c)?;
    }
    let layer = write_layer(paths, &store, &c, TarOptions::default(), &[]);
    if paused {
        let _ = crate::container::ops::unpause(&containers, &c);
    }
    let (diff_id, size) = layer?;
    // The config: the new layer on top, one more history entry.
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    config["created"] = json!(now);
    if let Some(a) = &opts.author {
        config["author"] = json!(a);
    }
    match config["rootfs"]["diff_ids"].as_array_mut() {
        Some(ids) => ids.push(json!(diff_id)),
        None => config["rootfs"] = json!({"type": "layers", "diff_ids": [diff_id]}),
    }
    let mut entry = json!({
        "created": now,
        "created_by": "/bin/sh",
        "comment": opts.message.clone().unwrap_or_else(|| format!("FROM {}", c.image_name)),
    });
    if let Some(a) = &opts.author {
        entry["author"] = json!(a);
    }
    match config["history"].as_array_mut() {
        Some(h) => h.push(entry),
        None => config["history"] = json!([entry]),
    }
    let config_bytes = serde_json::to_vec(&config)?;
    let config_digest = sha256_of(&config_bytes);
    // The manifest: the base image's layers and the new one (uncompressed).
    let base_manifest: Value = store
        .images()?
        .into_iter()
        .find(|i| i.id == c.image_id)
        .and_then(|i| store.read_blob(&i.digest).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let mut layers: Vec<Value> = base_manifest["layers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    layers.push(json!({
        "mediaType": "application/vnd.oci.image.layer.v1.tar",
        "digest": diff_id,
        "size": size,
    }));
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": config_digest,
            "size": config_bytes.len(),
        },
        "layers": layers,
    });
    let manifest_bytes = serde_json::to_vec(&manifest)?;
    let manifest_digest = sha256_of(&manifest_bytes);
    let id = config_digest.trim_start_matches("sha256:").to_string();
    let diff_ids: Vec<String> = config["rootfs"]["diff_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let _lock = store.lock()?;
    store.write_blob(&config_digest, &config_bytes)?;
    store.write_blob(&manifest_digest, &manifest_bytes)?;
    let mut total = 0;
    for d in &diff_ids {
        total += store.layer_meta(d)?.map(|m| m.size).unwrap_or(0);
    }
    store.add_image(ImageRecord {
        id: id.clone(),
        names: target.clone().into_iter().collect(),
        digest: manifest_digest,
        manifest_type: "application/vnd.oci.image.manifest.v1+json".into(),
        layers: diff_ids,
        size: total,
        created: Some(now),
        pulled: chrono::Utc::now(),
        repo_digests: Vec::new(),
        intermediate: false,
    })?;
    crate::events::image(&store.root, "commit", &id, target.as_deref().unwrap_or(""));
    Ok(id)
}

/// `name` as a stored name: `localhost/` when no registry is given.
pub(super) fn image_name(name: &str) -> Result<String> {
    if name.chars().any(|c| c.is_ascii_uppercase()) && !name.contains(':') {
        bail!("repository name must be lowercase ({name:?})");
    }
    let r = Reference::parse(name)?;
    if r.digest.is_some() {
        bail!("{name:?}: an image name cannot contain a digest");
    }
    Ok(r.qualify(r.registry.as_deref().unwrap_or("localhost"))
        .store_name())
}

/// Write the container's changes as a layer into the store; its diff id
/// and the size of its tar. `mount_points` (relative paths) were made
/// only to mount something on: they, and the directories changed only by
/// their making, are left out.
pub(super) fn write_layer(
    paths: &Paths,
    store: &Store,
    c: &ContainerConfig,
    opts: TarOptions,
    mount_points: &[String],
) -> Result<(String, u64)> {
    let (mut list, layout) = changes_of(paths, c)?;
    // Owners as the container saw them (its rootfs's are shifted).
    let opts = TarOptions {
        container_maps: c.userns.clone(),
        ..opts
    };
    if !mount_points.is_empty() {
        list = without_mount_points(list, mount_points);
    }
    let top = match &layout {
        Layout::Upper(p) | Layout::Rootfs(p) => open_dir(p)?,
    };
    store_layer(store, top.as_fd(), &list, opts)
}

/// `list` without the mount points (and what is below them), and without
/// changed directories above them that hold no other change.
fn without_mount_points(list: Vec<Change>, points: &[String]) -> Vec<Change> {
    let points: Vec<PathBuf> = points
        .iter()
        .map(|p| PathBuf::from(p.trim_start_matches('/')))
        .collect();
    let kept: Vec<Change> = list
        .into_iter()
        .filter(|c| !(c.kind == Kind::Added && points.iter().any(|p| c.path.starts_with(p))))
        .collect();
    let has_below = |d: &Path| kept.iter().any(|c| c.path != d && c.path.starts_with(d));
    kept.iter()
        .filter(|c| {
            !(c.kind == Kind::Changed
                && c.is_dir
                && points.iter().any(|p| p.starts_with(&c.path))
                && !has_below(&c.path))
        })
        .cloned()
        .collect()
}

/// The container's whole filesystem compared with the layers `base` (the
/// image's own, or a base image's): one layer holding every difference
/// (`build --squash`).
pub(super) fn squashed_layer(
    paths: &Paths,
    store: &Store,
    c: &ContainerConfig,
    base: &[String],
    opts: TarOptions,
) -> Result<(String, u64)> {
    userns::enter()?;
    let mut dirs = Vec::new();
    for l in base {
        dirs.push(store.layer_dir(l)?.join("diff"));
    }
    let lower = Lower::new(dirs);
    let mut new_dirs = Vec::new();
    for l in &c.layers[base.len().min(c.layers.len())..] {
        new_dirs.push(store.layer_dir(l)?.join("diff"));
    }
    let newer = Lower::new(new_dirs);
    super::rootfs::in_thread(paths, &[c], |roots| {
        let root = roots.first().context("no rootfs")?;
        let dir = rustix::fs::openat(
            root,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let list = changes::vfs_over(dir.as_fd(), &lower, &newer)?;
        store_layer(store, dir.as_fd(), &list, opts)
    })
}

/// Store everything in the directory `dir` as a layer (a build step on
/// `scratch`); its diff id and the size of its tar.
pub(super) fn write_layer_of_dir(
    store: &Store,
    dir: &Path,
    opts: TarOptions,
) -> Result<(String, u64)> {
    userns::enter()?;
    let top = open_dir(dir)?;
    let list = changes::vfs(top.as_fd(), &Lower::new(Vec::new()), None)?;
    store_layer(store, top.as_fd(), &list, opts)
}

/// Write `list` (changes in `top`) as a layer tar and store it.
fn store_layer(
    store: &Store,
    top: std::os::fd::BorrowedFd<'_>,
    list: &[Change],
    opts: TarOptions,
) -> Result<(String, u64)> {
    store.ensure()?;
    let work = store.work_dir("commit")?;
    let tar_path = work.path.join("layer.tar");
    let file = std::fs::File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tar_path)
        .with_context(|| format!("creating {}", tar_path.display()))?;
    let mut hashed = HashingWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
    {
        let mut tar = TarWriter::new(&mut hashed, opts);
        for ch in list {
            add_change(&mut tar, top, ch)?;
        }
        tar.finish()?;
    }
    hashed.inner.flush()?;
    let diff_id = hashed.digest();
    let size = hashed.size;
    let mut file = hashed.inner.into_inner().map_err(|e| e.into_error())?;
    if !store.has_layer(&diff_id) {
        file.rewind()?;
        let dest = work.path.join("layer");
        crate::util::fs::private_dir(&dest.join("diff"))?;
        let owners = userns::enter()?;
        let meter = crate::storage::meter::Meter::new(crate::storage::meter::Limits::NONE);
        let extracted = crate::storage::extract::extract_layer(
            BufReader::with_capacity(1 << 20, file),
            &dest.join("diff"),
            owners,
            &diff_id,
            meter,
            &dest.join(crate::storage::tarsplit::FILE_NAME),
        )?;
        store.commit_layer(&dest, &LayerMeta::local(&diff_id, extracted.size))?;
    }
    Ok((diff_id, size))
}

/// One change into the layer's tar: the entry itself (a directory without
/// what is below it, which has changes of its own), or a whiteout.
fn add_change<W: Write>(
    tar: &mut TarWriter<W>,
    top: std::os::fd::BorrowedFd<'_>,
    ch: &Change,
) -> Result<()> {
    let name = ch.path.file_name().context("a change without a name")?;
    let parent = ch.path.parent().unwrap_or(Path::new(""));
    if ch.implied {
        return Ok(()); // its opaque directory hides it already
    }
    if ch.kind == Kind::Deleted {
        let mut wh = std::ffi::OsString::from(".wh.");
        wh.push(name);
        return tar.add_marker(&parent.join(wh));
    }
    let dir = rustix::fs::openat2(
        top,
        if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        },
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        rustix::fs::ResolveFlags::BENEATH | rustix::fs::ResolveFlags::NO_SYMLINKS,
    )?;
    let st = match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => st,
        Err(rustix::io::Errno::NOENT) => return Ok(()), // gone meanwhile
        Err(e) => return Err(e.into()),
    };
    tar.add_entry(dir.as_fd(), name, &ch.path, &st)?;
    if ch.opaque {
        tar.add_marker(&ch.path.join(".wh..wh..opq"))?;
    }
    Ok(())
}

/// A writer that hashes and counts what passes.
/// The container's own settings over its image's (podman's commit keeps
/// the container's command, environment, working directory, user, labels
/// and ports).
fn apply_container(config: &mut Value, c: &ContainerConfig) {
    let cfg = &mut config["config"];
    if !cfg.is_object() {
        *cfg = json!({});
    }
    cfg["Env"] = json!(c.env);
    cfg["Entrypoint"] = if c.entrypoint.is_empty() {
        Value::Null
    } else {
        json!(c.entrypoint)
    };
    cfg["Cmd"] = if c.cmd.is_empty() {
        Value::Null
    } else {
        json!(c.cmd)
    };
    if !c.workdir.is_empty() {
        cfg["WorkingDir"] = json!(c.workdir);
    }
    if !c.user.is_empty() {
        cfg["User"] = json!(c.user);
    }
    if !c.labels.is_empty() {
        if !cfg["Labels"].is_object() {
            cfg["Labels"] = json!({});
        }
        for (k, v) in &c.labels {
            cfg["Labels"][k] = json!(v);
        }
    }
    for p in &c.net.ports {
        if !cfg["ExposedPorts"].is_object() {
            cfg["ExposedPorts"] = json!({});
        }
        for (_, port) in p.pairs() {
            cfg["ExposedPorts"][format!("{port}/{}", p.protocol)] = json!({});
        }
    }
    // Volumes the user added for this container alone.
    for m in &c.mounts {
        let anonymous =
            m.kind == crate::container::mounts::MountKind::Volume && m.source.len() == 64;
        if anonymous {
            if !cfg["Volumes"].is_object() {
                cfg["Volumes"] = json!({});
            }
            cfg["Volumes"][&m.destination] = json!({});
        }
    }
}

/// One `--change` (Dockerfile syntax), as podman applies it.
pub(super) fn apply_change(config: &mut Value, change: &str) -> Result<()> {
    let bad = |why: &str| anyhow::anyhow!("invalid change {change:?} - {why}");
    let (instr, value) = match change.trim().split_once([' ', '=']) {
        Some((i, v)) if !v.trim().is_empty() => (i.to_ascii_uppercase(), v.trim()),
        _ => return Err(bad("must be formatted as KEY VALUE")),
    };
    let cfg = &mut config["config"];
    let command = |v: &str| -> Value {
        match serde_json::from_str::<Vec<String>>(v) {
            Ok(list) => json!(list),
            Err(_) => json!(["/bin/sh", "-c", v]),
        }
    };
    let unquote = |s: &str| s.trim().trim_matches('"').to_string();
    match instr.as_str() {
        "CMD" => cfg["Cmd"] = command(value),
        "ENTRYPOINT" => {
            cfg["Entrypoint"] = if value == "[]" || value == "\"\"" { Value::Null } else { command(value) }
        }
        "ENV" => {
            let (k, v) = value
                .split_once('=')
                .or_else(|| value.split_once(' '))
                .ok_or_else(|| bad("ENV needs KEY=VALUE"))?;
            let entry = format!("{}={}", k.trim(), unquote(v));
            let mut env: Vec<Value> = cfg["Env"].as_array().cloned().unwrap_or_default();
            env.retain(|e| e.as_str().and_then(|s| s.split_once('=')).map(|(ek, _)| ek) != Some(k.trim()));
            env.push(json!(entry));
            cfg["Env"] = json!(env);
        }
        "EXPOSE" => {
            let (port, proto) = value.split_once('/').unwrap_or((value, "tcp"));
            let proto = proto.to_ascii_lowercase();
            if proto != "tcp" && proto != "udp" {
                return Err(bad("EXPOSE protocol must be TCP or UDP"));
            }
            let n: u16 = port.parse().map_err(|_| bad("EXPOSE port must be an integer"))?;
            if n == 0 {
                return Err(bad("EXPOSE port must be a valid port number"));
            }
            if !cfg["ExposedPorts"].is_object() {
                cfg["ExposedPorts"] = json!({});
            }
            cfg["ExposedPorts"][format!("{n}/{proto}")] = json!({});
        }
        "LABEL" => {
            let (k, v) = value.split_once('=').ok_or_else(|| bad("LABEL needs KEY=VALUE"))?;
            if !cfg["Labels"].is_object() {
                cfg["Labels"] = json!({});
            }
            cfg["Labels"][k.trim()] = json!(unquote(v));
        }
        "ONBUILD" => {
            let mut list: Vec<Value> = cfg["OnBuild"].as_array().cloned().unwrap_or_default();
            list.push(json!(value));
            cfg["OnBuild"] = json!(list);
        }
        "STOPSIGNAL" => {
            let n = crate::container::process::parse_signal(value)
                .ok_or_else(|| bad("STOPSIGNAL needs a signal name or number"))?;
            cfg["StopSignal"] = json!(n.to_string());
        }
        "USER" => cfg["User"] = json!(value),
        "VOLUME" => {
            let paths: Vec<String> = serde_json::from_str(value)
                .unwrap_or_else(|_| value.split_whitespace().map(String::from).collect());
            if !cfg["Volumes"].is_object() {
                cfg["Volumes"] = json!({});
            }
            for p in paths {
                cfg["Volumes"][p] = json!({});
            }
        }
        "WORKDIR" => {
            let joined = if value.starts_with('/') {
                value.to_string()
            } else {
                let base = cfg["WorkingDir"].as_str().unwrap_or("/").trim_end_matches('/').to_string();
                format!("{base}/{value}")
            };
            cfg["WorkingDir"] = json!(joined);
        }
        other => return Err(bad(&format!("invalid instruction {other} (use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME or WORKDIR)"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_as_podman_applies_them() {
        let mut c = json!({"config": {"Env": ["A=1"], "WorkingDir": "/tmp"}});
        for ch in [
            "CMD [\"echo\",\"hi\"]",
            "ENTRYPOINT /bin/run",
            "ENV A=2",
            "env B \"two words\"",
            "EXPOSE 8080",
            "EXPOSE 53/udp",
            "LABEL k2=\"v 2\"",
            "STOPSIGNAL SIGINT",
            "USER 1000",
            "VOLUME /a /b",
            "WORKDIR sub",
        ] {
            apply_change(&mut c, ch).expect(ch);
        }
        let cfg = &c["config"];
        assert_eq!(cfg["Cmd"], json!(["echo", "hi"]));
        assert_eq!(cfg["Entrypoint"], json!(["/bin/sh", "-c", "/bin/run"]));
        assert_eq!(cfg["Env"], json!(["A=2", "B=two words"]));
        assert!(
            cfg["ExposedPorts"]["8080/tcp"].is_object()
                && cfg["ExposedPorts"]["53/udp"].is_object()
        );
        assert_eq!(cfg["Labels"]["k2"], json!("v 2"));
        assert_eq!(cfg["StopSignal"], json!("2"));
        assert_eq!(cfg["User"], json!("1000"));
        assert!(cfg["Volumes"]["/a"].is_object() && cfg["Volumes"]["/b"].is_object());
        assert_eq!(cfg["WorkingDir"], json!("/tmp/sub"));
        for bad in [
            "RUN echo",
            "CMD",
            "EXPOSE 80/sctp",
            "EXPOSE x",
            "LABEL novalue",
            "STOPSIGNAL NOPE",
        ] {
            assert!(apply_change(&mut c, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_get_localhost() {
        assert_eq!(image_name("mine").expect("name"), "localhost/mine:latest");
        assert_eq!(image_name("reg.io/a/b:v1").expect("name"), "reg.io/a/b:v1");
        assert!(image_name("Upper").is_err());
    }
}
