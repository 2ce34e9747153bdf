//! Images: pull, list, look up, inspect, tag and remove.

use std::collections::BTreeSet;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::container::{ops, Containers};
use crate::error::{Error, Kind};
use crate::image::reference::Reference;
use crate::image::store::Store;
use crate::image::{inspect, lookup, pull as puller};
use crate::runtime::userns;

pub use crate::image::manifest::Wanted as Platform;
pub use crate::image::progress::{short_digest, Progress, PullEvent};
pub use crate::image::pull::PullOptions;
pub use crate::image::registry::Access;
pub use crate::image::store::ImageRecord;

/// Pull each of `images` (every reference is checked before the first
/// download); `pulled` is called with each image's id as it lands.
pub fn pull(
    paths: &Paths,
    images: &[String],
    opts: &PullOptions,
    mut pulled: impl FnMut(&str),
) -> Result<()> {
    for i in images {
        Reference::parse(i)?;
    }
    let owners = userns::enter()?;
    for image in images {
        pulled(&puller::pull(paths, image, opts, owners)?);
    }
    Ok(())
}

/// Every image, newest first.
pub fn list(paths: &Paths) -> Result<Vec<ImageRecord>> {
    let mut imgs = Store::new(paths).images()?;
    imgs.sort_by(|a, b| b.created.cmp(&a.created).then(b.pulled.cmp(&a.pulled)));
    Ok(imgs)
}

/// Every image and manifest list, newest first (`den images`, as podman
/// lists its lists: a list's size is its index's, its digest the index's).
pub fn list_with_lists(paths: &Paths) -> Result<Vec<ImageRecord>> {
    let mut all = list(paths)?;
    for l in Store::new(paths).lists()? {
        let index = serde_json::to_vec(&l.index(None))?;
        let digest = crate::util::digest::sha256_of(&index);
        let repo_digests = l
            .names
            .iter()
            .map(|n| {
                format!(
                    "{}@{digest}",
                    n.rsplit_once(':').map_or(n.as_str(), |(r, _)| r)
                )
            })
            .collect();
        all.push(ImageRecord {
            id: l.id,
            names: l.names,
            digest,
            manifest_type: l.media_type,
            layers: Vec::new(),
            size: index.len() as u64,
            created: Some(l.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            pulled: l.created,
            repo_digests,
            intermediate: false,
        });
    }
    all.sort_by(|a, b| {
        b.created_at()
            .cmp(&a.created_at())
            .then(b.pulled.cmp(&a.pulled))
    });
    Ok(all)
}

/// Whether a listed record is a manifest list.
pub fn is_list(img: &ImageRecord) -> bool {
    matches!(
        img.manifest_type.as_str(),
        crate::image::manifest::DOCKER_LIST | crate::image::manifest::OCI_INDEX
    )
}

/// `images --filter KEY=VALUE` (every filter must hold): `dangling=true|false`,
/// `manifest=true|false` (lists or images), `reference=PATTERN` (a glob over the name with or without registry and
/// tag), `id=PREFIX`, `before=IMAGE`, `since=IMAGE`, `label=KEY[=VALUE]`.
pub fn filter(
    paths: &Paths,
    mut imgs: Vec<ImageRecord>,
    filters: &[String],
) -> Result<Vec<ImageRecord>> {
    for f in filters {
        let Some((key, value)) = f.split_once('=') else {
            anyhow::bail!("invalid --filter {f:?} (use KEY=VALUE)");
        };
        match key {
            "dangling" => {
                let want = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => anyhow::bail!("invalid --filter {f:?} (dangling=true or false)"),
                };
                imgs.retain(|i| i.names.is_empty() == want);
            }
            "manifest" => {
                let want = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => anyhow::bail!("invalid --filter {f:?} (manifest=true or false)"),
                };
                imgs.retain(|i| is_list(i) == want);
            }
            "reference" => imgs.retain(|i| i.names.iter().any(|n| reference_matches(value, n))),
            "id" => imgs.retain(|i| i.id.starts_with(value.trim_start_matches("sha256:"))),
            "before" | "since" => {
                let Some(other) = lookup(paths, value)? else {
                    anyhow::bail!("--filter {key}={value}: no such image");
                };
                let at = other.created_at();
                imgs.retain(|i| match (i.created_at(), at) {
                    (Some(t), Some(o)) if key == "before" => t < o,
                    (Some(t), Some(o)) => t > o,
                    _ => false,
                });
            }
            "label" => {
                let (k, v) = value
                    .split_once('=')
                    .map_or((value, None), |(k, v)| (k, Some(v)));
                let mut kept = Vec::new();
                for i in imgs {
                    let labels = labels(paths, &i)?;
                    let label = labels.get(k).and_then(|l| l.as_str());
                    if label.is_some() && (v.is_none() || label == v) {
                        kept.push(i);
                    }
                }
                imgs = kept;
            }
            _ => anyhow::bail!(
                "unknown --filter key {key:?} (use dangling, manifest, reference, id, before, since or label)"
            ),
        }
    }
    Ok(imgs)
}

/// Whether the glob `pattern` matches the image name `name`
/// (`registry/path/repo:tag`), with or without its registry and tag.
pub fn reference_matches(pattern: &str, name: &str) -> bool {
    // A name by digest (`repo@sha256:...`, a pull by digest) is its repo's.
    let name = name.split_once('@').map_or(name, |(repo, _)| repo);
    let untagged = name
        .rsplit_once(':')
        .filter(|(_, t)| !t.contains('/'))
        .map_or(name, |(r, _)| r);
    let mut forms = vec![name.to_string(), untagged.to_string()];
    for n in [name, untagged] {
        if let Some((first, rest)) = n.split_once('/') {
            if first.contains(['.', ':']) || first == "localhost" {
                forms.push(rest.to_string());
                forms.push(rest.rsplit('/').next().unwrap_or(rest).to_string());
            }
        }
    }
    forms
        .iter()
        .any(|f| crate::build::ignore::glob_component(pattern, f))
}

/// The image `name` (a name, short name or id prefix), if there is one.
pub fn lookup(paths: &Paths, name: &str) -> Result<Option<ImageRecord>> {
    let regs = Registries::load(paths)?;
    let images = Store::new(paths).images()?;
    Ok(lookup::find(&images, &regs.expand(name), &regs.search_registries())?.cloned())
}

/// Whether the local image `img` is for platform `want` (its config's os
/// and architecture, and variant when one is asked for); an image whose
/// config says none is taken to be.
pub fn is_for(store: &Store, img: &ImageRecord, want: &crate::image::manifest::Wanted) -> bool {
    let Ok(config) = store
        .read_blob(&format!("sha256:{}", img.id))
        .and_then(|b| crate::image::manifest::ImageConfig::parse(&b))
    else {
        return true;
    };
    let unset = |s: &str| s.is_empty();
    (unset(&config.os) || config.os == want.os)
        && (unset(&config.architecture) || config.architecture == want.arch)
        && want
            .variant
            .as_ref()
            .is_none_or(|v| config.variant.as_ref().is_none_or(|c| c == v))
}

/// An image as `inspect` shows it (podman's field names).
pub fn inspect_json(paths: &Paths, img: &ImageRecord) -> Result<Value> {
    inspect::image_json(&Store::new(paths), img)
}

/// Give the image `image` the names `targets` (taken from any image that
/// has them).
pub fn tag(paths: &Paths, image: &str, targets: &[String]) -> Result<()> {
    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let _lock = store.lock()?;
    let mut images = store.images()?;
    let id = lookup::find(&images, &regs.expand(image), &regs.search_registries())?
        .ok_or_else(|| {
            Error::not_found(
                Kind::Image,
                image,
                format!("{image}: image not known (pull it first)"),
            )
        })?
        .id
        .clone();
    for t in targets {
        let r = Reference::parse(t)?;
        if r.digest.is_some() {
            bail!("{t:?}: a tag cannot contain a digest");
        }
        let name = r
            .qualify(r.registry.as_deref().unwrap_or("localhost"))
            .store_name();
        for img in images.iter_mut() {
            img.names.retain(|n| n != &name);
        }
        store.take_list_names(std::slice::from_ref(&name))?;
        if let Some(img) = images.iter_mut().find(|i| i.id == id) {
            crate::events::image(&store.root, "tag", &id, &name);
            img.names.push(name);
        }
    }
    store.save_images(images)
}

/// Remove names from an image, never the image (podman's `untag`): the
/// `names` given (each must be one of its names), or every one. The names
/// removed.
pub fn untag(paths: &Paths, image: &str, names: &[String]) -> Result<Vec<String>> {
    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let search = regs.search_registries();
    let _lock = store.lock()?;
    let mut images = store.images()?;
    let id = lookup::find(&images, &regs.expand(image), &search)?
        .ok_or_else(|| Error::not_found(Kind::Image, image, format!("{image}: image not known")))?
        .id
        .clone();
    let Some(rec) = images.iter_mut().find(|i| i.id == id) else {
        bail!("{image}: image not known");
    };
    let mut removed = Vec::new();
    if names.is_empty() {
        removed = std::mem::take(&mut rec.names);
    }
    for n in names {
        let forms = lookup::candidate_names(&regs.expand(n), &search);
        let Some(found) = rec.names.iter().find(|x| forms.contains(x)).cloned() else {
            bail!(
                "{n}: not a name of image {} (den images shows its names)",
                &id[..12]
            );
        };
        rec.names.retain(|x| x != &found);
        removed.push(found);
    }
    for n in &removed {
        crate::events::image(&store.root, "untag", &id, n);
    }
    store.save_images(images)?;
    Ok(removed)
}

/// What to remove.
#[derive(Debug, Clone, Default)]
pub struct RemoveRequest {
    /// Names or ids.
    pub images: Vec<String>,
    /// Every image.
    pub all: bool,
    /// Remove the containers that use an image too.
    pub force: bool,
}

/// What removing did, in order.
#[derive(Debug)]
pub enum Removal {
    /// A name was taken off an image that keeps others.
    Untagged(String),
    /// The image is gone.
    Deleted(String),
    /// This target failed (not known, in use); the others went on.
    Failed(anyhow::Error),
}

/// `run --rmi`: remove the image by the name the container was made
/// from, as `rmi` without `--force` would (only that tag while it has
/// others; refused while a container uses it).
pub fn remove_unused(paths: &Paths, name: &str) -> Result<()> {
    let req = RemoveRequest {
        images: vec![name.to_string()],
        all: false,
        force: false,
    };
    let mut failed = None;
    remove(paths, &req, |r| {
        if let Removal::Failed(e) = r {
            failed = Some(e);
        }
    })?;
    failed.map_or(Ok(()), Err)
}

/// Remove images (or only the given name, when an image has others);
/// layers no image uses any more go with them.
pub fn remove(paths: &Paths, req: &RemoveRequest, mut report: impl FnMut(Removal)) -> Result<()> {
    if req.images.is_empty() && !req.all {
        bail!("give at least one image name or id, or --all");
    }
    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let search = regs.search_registries();
    let containers = Containers::new(paths);
    let targets = |images: &[ImageRecord]| -> Vec<String> {
        if req.all {
            images.iter().map(|i| i.id.clone()).collect()
        } else {
            req.images.clone()
        }
    };
    if req.force {
        // Stop users first, from the host's user namespace (see `den rm`).
        let images = store.images()?;
        for n in targets(&images) {
            if let Some(img) = lookup::find(&images, &regs.expand(&n), &search)? {
                for c in containers
                    .list()?
                    .into_iter()
                    .filter(|c| c.image_id == img.id)
                {
                    ops::stop(&containers, &c, Some(0))?;
                }
            }
        }
    }
    userns::enter()?;
    let _lock = store.lock()?;
    let mut images = store.images()?;
    for t in targets(&images) {
        let Some(img) = lookup::find(&images, &regs.expand(&t), &search)?.cloned() else {
            report(Removal::Failed(Error::not_found(
                Kind::Image,
                &t,
                format!("{t}: image not known"),
            )));
            continue;
        };
        // `NAME@DIGEST`: that digest reference goes (as Docker's rmi);
        // the image stays while it has a tag.
        if !req.all && t.contains('@') {
            let names = lookup::candidate_names(&regs.expand(&t), &search);
            let rec = images.iter_mut().find(|i| i.id == img.id);
            if let (Some(n), Some(rec)) = (names.first(), rec) {
                let n = names
                    .iter()
                    .find(|n| rec.repo_digests.contains(n))
                    .unwrap_or(n)
                    .clone();
                rec.repo_digests.retain(|r| r != &n);
                report(Removal::Untagged(n));
                if !rec.names.is_empty() {
                    continue;
                }
            }
        }
        let by_name = !req.all
            && img.id != t.trim_start_matches("sha256:")
            && !img.id.starts_with(t.as_str())
            && img.names.len() > 1;
        if by_name {
            let names = lookup::candidate_names(&t, &search);
            if let Some(n) = img.names.iter().find(|n| names.contains(n)).cloned() {
                if let Some(rec) = images.iter_mut().find(|i| i.id == img.id) {
                    rec.names.retain(|x| x != &n);
                }
                report(Removal::Untagged(n));
                continue;
            }
        }
        let users: Vec<_> = containers
            .list()?
            .into_iter()
            .filter(|c| c.image_id == img.id)
            .collect();
        if !users.is_empty() {
            if !req.force {
                report(Removal::Failed(Error::conflict(
                    Kind::Image,
                    format!(
                        "image {} is in use by container {} (remove the container first, or use rmi --force)",
                        &img.id[..12],
                        users.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )));
                continue;
            }
            for c in &users {
                ops::remove(&containers, c, true)?;
            }
        }
        let mount = super::imagefs::mount_dir(&store, &img.id);
        if mount.exists() {
            // A record left by a `den unshare` that has ended goes.
            if !req.force && super::imagefs::mounted_live(&store, &img.id) {
                report(Removal::Failed(Error::conflict(
                    Kind::Image,
                    format!(
                        "image {} is mounted by a den unshare session that is still running (run den image unmount {} in it, or use rmi --force)",
                        &img.id[..12],
                        &img.id[..12]
                    ),
                )));
                continue;
            }
            let merged = mount.join("merged");
            let _ = rustix::mount::unmount(&merged, rustix::mount::UnmountFlags::DETACH);
            crate::storage::remove::remove_tree(&mount)
                .with_context(|| format!("removing {}", mount.display()))?;
        }
        for n in &img.names {
            report(Removal::Untagged(n.clone()));
        }
        images.retain(|i| i.id != img.id);
        report(Removal::Deleted(img.id.clone()));
        crate::events::image(
            &store.root,
            "remove",
            &img.id,
            img.names.first().map_or("", |n| n.as_str()),
        );
    }
    store.save_images(images.clone())?;
    // Layers no image uses any more.
    let used: BTreeSet<&String> = images.iter().flat_map(|i| i.layers.iter()).collect();
    if let Ok(entries) = std::fs::read_dir(store.root.join("layers")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // Mount points made over a layer go with it (left over only if
            // it went while they were being made).
            if let Some(top) = crate::storage::mountpoints::top_of(&name) {
                if !used.contains(&format!("sha256:{top}")) {
                    let _ = crate::storage::remove::remove_tree(&e.path());
                }
                continue;
            }
            let diff_id = format!("sha256:{name}");
            if !used.contains(&diff_id) {
                store.remove_layer(&diff_id)?;
            }
        }
    }
    Ok(())
}

pub use crate::image::history::Entry as HistoryEntry;

/// The history of an image, newest first.
pub fn history(paths: &Paths, name: &str) -> Result<Vec<HistoryEntry>> {
    let img = lookup(paths, name)?
        .ok_or_else(|| Error::not_found(Kind::Image, name, format!("{name}: image not known")))?;
    crate::image::history::history(&Store::new(paths), &img)
}

/// How many containers use each image (by id): `images`' `Containers`.
pub fn containers_per_image(paths: &Paths) -> Result<std::collections::BTreeMap<String, usize>> {
    let mut n = std::collections::BTreeMap::new();
    for c in Containers::new(paths).list()? {
        *n.entry(c.image_id).or_insert(0) += 1;
    }
    Ok(n)
}

/// An image's labels from its config (`null` when it has none), as
/// `images` shows them.
pub fn labels(paths: &Paths, img: &ImageRecord) -> Result<Value> {
    if is_list(img) {
        return Ok(Value::Null);
    }
    let labels = inspect::image_json(&Store::new(paths), img)?["Labels"].take();
    Ok(match labels {
        Value::Object(m) if !m.is_empty() => Value::Object(m),
        _ => Value::Null,
    })
}

/// What `image prune` removes: images without a name (dangling), or with
/// `all` every image no container uses; `until` keeps images made after it.
pub fn prunable(
    paths: &Paths,
    all: bool,
    filter: &super::prune::PruneFilter,
) -> Result<Vec<ImageRecord>> {
    let used: BTreeSet<String> = Containers::new(paths)
        .list()?
        .into_iter()
        .map(|c| c.image_id)
        .collect();
    let store = Store::new(paths);
    let mut out = Vec::new();
    for img in store.images()? {
        if used.contains(&img.id) || (!all && !img.names.is_empty()) {
            continue;
        }
        let created = img.created_at();
        if let (Some(u), Some(c)) = (filter.until, created) {
            if c >= u {
                continue;
            }
        }
        if !filter.labels.is_empty() {
            let config = store.read_blob(&format!("sha256:{}", img.id))?;
            let config = crate::image::manifest::ImageConfig::parse(&config)?;
            let have = config.config.and_then(|c| c.labels).unwrap_or_default();
            if !filter.labels_allow(&have.into_iter().collect()) {
                continue;
            }
        }
        out.push(img);
    }
    Ok(out)
}

/// Remove the images [`prunable`] names (checked again as they go: an
/// image a container took meanwhile stays); returns the ids removed.
pub fn prune(
    paths: &Paths,
    all: bool,
    filter: &super::prune::PruneFilter,
) -> Result<Vec<ImageRecord>> {
    let targets = prunable(paths, all, filter)?;
    if targets.is_empty() {
        return Ok(targets);
    }
    let req = RemoveRequest {
        images: targets.iter().map(|i| i.id.clone()).collect(),
        all: false,
        force: false,
    };
    let mut gone = BTreeSet::new();
    remove(paths, &req, |r| {
        if let Removal::Deleted(id) = r {
            gone.insert(id);
        }
    })?;
    Ok(targets
        .into_iter()
        .filter(|i| gone.contains(&i.id))
        .collect())
}

/// An image's layers, bottom first, with their sizes.
pub fn layers(paths: &Paths, img: &ImageRecord) -> Result<Vec<(String, u64)>> {
    let store = Store::new(paths);
    img.layers
        .iter()
        .map(|l| Ok((l.clone(), store.layer_meta(l)?.map(|m| m.size).unwrap_or(0))))
        .collect()
}

/// One `search` result: `registry/repository`, and with `--list-tags` a tag.
#[derive(Debug, Clone)]
pub struct Found {
    pub index: String,
    pub name: String,
    pub tag: Option<String>,
}

/// `search TERM`: the repositories of the search registries (or the one
/// TERM names) whose names contain it; with `list_tags`, TERM's tags.
pub fn search(
    paths: &Paths,
    term: &str,
    limit: usize,
    list_tags: bool,
    access: &Access,
) -> Result<Vec<Found>> {
    let regs = Registries::load(paths)?;
    // A registry named in the term: HOST[:PORT]/rest, as in references.
    let (named, rest) = match term.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
            (Some(first), rest)
        }
        _ => (None, term),
    };
    if list_tags {
        let reference = Reference::parse(&regs.expand(term))?;
        let registry = match (&reference.registry, named) {
            (Some(r), _) => r.clone(),
            (None, Some(n)) => n.to_string(),
            (None, None) => regs
                .search_registries()
                .first()
                .cloned()
                .context("no search registries are set (give the registry in the name)")?,
        };
        let q = reference.qualify(&registry);
        let tags = crate::image::search::tags(paths, &q, access)?;
        return Ok(tags
            .into_iter()
            .take(limit)
            .map(|t| Found {
                index: registry.clone(),
                name: format!("{registry}/{}", q.repository),
                tag: Some(t),
            })
            .collect());
    }
    let registries: Vec<String> = match named {
        Some(n) => vec![n.to_string()],
        None => regs.search_registries(),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for r in &registries {
        match crate::image::search::catalog(paths, r, rest, limit, access) {
            Ok(list) => out.extend(list.into_iter().map(|n| Found {
                index: r.clone(),
                name: format!("{r}/{n}"),
                tag: None,
            })),
            Err(e) => errors.push(format!("{r}: {e:#}")),
        }
    }
    if out.is_empty() && !errors.is_empty() {
        bail!("searching failed: {}", errors.join("; "));
    }
    Ok(out)
}

/// `pull --all-tags NAME`: every tag of the repository, in the order the
/// registry lists them.
pub fn all_tags(paths: &Paths, name: &str, access: &Access) -> Result<Vec<String>> {
    if name.contains('@')
        || name
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains(':'))
    {
        bail!("--all-tags takes a repository without a tag or digest: {name}");
    }
    let found = search(paths, name, usize::MAX, true, access)?;
    Ok(found
        .into_iter()
        .filter_map(|f| f.tag.map(|t| format!("{}:{t}", f.name)))
        .collect())
}
