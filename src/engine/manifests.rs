//! `manifest create`, `add`, `annotate`, `remove`, `rm`, `exists`,
//! `inspect`, `push`: manifest lists made of images of the store and
//! manifests in registries (`image::lists` keeps them). An image argument
//! is `docker://NAME` (a registry's), `containers-storage:NAME` (the
//! store's), or a bare name: the store's image of that name if there is
//! one, else the registry's.

use anyhow::{bail, Context, Result};

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::error::{Error, Kind};
use crate::image::lists::{self, Instance, ListRecord, Platform};
use crate::image::manifest::{self, Document, ImageConfig, DOCKER_LIST, OCI_INDEX};
use crate::image::push::{self as pusher, Format, PushOptions, Pushed};
use crate::image::reference::{validate_digest, Qualified, Reference};
use crate::image::registry::{Access, Remote};
use crate::image::store::Store;
use crate::image::{pull, transfer};
use crate::runtime::userns;
use crate::util::digest::sha256_of;

/// What `--arch`, `--os`, ... and `--annotation` change in an entry.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub arch: Option<String>,
    pub os: Option<String>,
    pub os_version: Option<String>,
    pub variant: Option<String>,
    pub features: Vec<String>,
    pub os_features: Vec<String>,
    pub annotations: Vec<(String, String)>,
}

impl Overrides {
    fn apply(&self, i: &mut Instance) {
        let p = &mut i.platform;
        if let Some(a) = &self.arch {
            p.architecture = a.clone();
        }
        if let Some(o) = &self.os {
            p.os = o.clone();
        }
        if let Some(v) = &self.os_version {
            p.os_version = Some(v.clone());
        }
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone());
        }
        if !self.features.is_empty() {
            p.features = self.features.clone();
        }
        if !self.os_features.is_empty() {
            p.os_features = self.os_features.clone();
        }
        // podman replaces an entry's annotations with those given.
        if !self.annotations.is_empty() {
            i.annotations = self.annotations.iter().cloned().collect();
        }
    }
}

/// How images are added: every entry of a registry's list (`all`) or
/// the host's, with what access, and what to change in the entries.
#[derive(Debug, Default, Clone)]
pub struct AddOptions {
    pub all: bool,
    pub access: Access,
    pub overrides: Overrides,
}

/// `manifest create NAME [IMAGE...]`: a new list (or, with `amend`, the
/// list of that name); returns its id.
pub fn create(
    paths: &Paths,
    name: &str,
    images: &[String],
    amend: bool,
    opts: &AddOptions,
) -> Result<String> {
    let store = Store::new(paths);
    let name = local_name(name)?;
    let mut added = Vec::new();
    for i in images {
        added.extend(resolve(paths, i, opts)?);
    }
    store.ensure()?;
    let _lock = store.lock()?;
    if let Some(img) = store.images()?.iter().find(|i| i.names.contains(&name)) {
        return Err(Error::conflict(
            Kind::Image,
            format!("image name {name:?} is already associated with image {}: that name is already in use (den manifest create a list of another name)", img.id),
        ));
    }
    let mut all = store.lists()?;
    let id = match all.iter().position(|l| l.names.contains(&name)) {
        Some(at) if amend => {
            merge(&mut all[at], added)?;
            all[at].id.clone()
        }
        Some(_) => {
            return Err(Error::conflict(
                Kind::Image,
                format!("manifest list {name:?} exists already (--amend adds to it; den manifest rm removes it)"),
            ))
        }
        None => {
            let mut list = ListRecord {
                id: crate::util::ids::new_id(),
                names: vec![name],
                created: chrono::Utc::now(),
                media_type: DOCKER_LIST.to_string(),
                instances: Vec::new(),
            };
            merge(&mut list, added)?;
            let id = list.id.clone();
            all.push(list);
            id
        }
    };
    store.save_lists(all)?;
    Ok(id)
}

/// `manifest add LIST IMAGE...`; returns the list's id.
pub fn add(paths: &Paths, list: &str, images: &[String], opts: &AddOptions) -> Result<String> {
    let mut added = Vec::new();
    for i in images {
        added.extend(resolve(paths, i, opts)?);
    }
    change(paths, list, |l| merge(l, added))
}

/// `manifest annotate LIST DIGEST`: change one entry; returns the list's id.
pub fn annotate(paths: &Paths, list: &str, entry: &str, o: &Overrides) -> Result<String> {
    change(paths, list, |l| {
        let at = entry_of(l, entry)?;
        o.apply(&mut l.instances[at]);
        Ok(())
    })
}

/// `manifest remove LIST DIGEST`: drop one entry; returns the list's id.
pub fn remove(paths: &Paths, list: &str, entry: &str) -> Result<String> {
    change(paths, list, |l| {
        let at = entry_of(l, entry)?;
        l.instances.remove(at);
        Ok(())
    })
}

/// `manifest rm LIST`: the list removed, as it was.
pub fn rm(paths: &Paths, list: &str) -> Result<ListRecord> {
    let store = Store::new(paths);
    let gone = with_list(paths, list, |all, at| Ok(all.remove(at)))?;
    crate::events::image(
        &store.root,
        "remove",
        &gone.id,
        gone.names.first().map_or("", |n| n),
    );
    Ok(gone)
}

/// The local list `name`, if there is one.
pub fn lookup(paths: &Paths, name: &str) -> Result<Option<ListRecord>> {
    let regs = Registries::load(paths)?;
    let all = Store::new(paths).lists()?;
    Ok(lists::find(&all, &regs.expand(name), &regs.search_registries())?.cloned())
}

/// `manifest inspect NAME`: a local list's index, else the document a
/// registry has under that name (`docker://` forces the registry).
pub fn inspect(paths: &Paths, name: &str, access: &Access) -> Result<String> {
    if !name.starts_with("docker://") {
        if let Some(l) = lookup(paths, name)? {
            return lists::pretty(&l.index(None));
        }
    }
    let name = name.strip_prefix("docker://").unwrap_or(name);
    let (remote, _) = connect(paths, name, access)?;
    runtime()?.block_on(async {
        remote.login_for_pull().await?;
        let (doc, _, bytes) = remote.fetch_document(&remote.wanted()).await?;
        let (shown, warning) = lists::remote_view(&doc, &bytes)?;
        if let Some(w) = warning {
            crate::warn!("{w}");
        }
        Ok(shown)
    })
}

/// How `manifest push` pushes: `push.format` (`--format`) is the
/// index's format and the store's entries'; without it the index is
/// Docker's list when every entry is a Docker manifest, else OCI's (as
/// podman pushes).
pub struct ListPushOptions {
    pub push: PushOptions,
    /// Push the entries too (`--all`, podman's default).
    pub all: bool,
    /// Remove the list once pushed (`--rm`).
    pub remove: bool,
}

/// `manifest push LIST DEST`: the entries (with `all`) into DEST's
/// repository by digest, then the index under DEST's tag; returns the
/// index's digest. The local list is left as it is (as podman's).
pub fn push(paths: &Paths, list: &str, dest: &str, o: &ListPushOptions) -> Result<String> {
    let regs = Registries::load(paths)?;
    let store = Store::new(paths);
    let l = find_in(paths, &store.lists()?, list, &regs)?.clone();
    let dest = registry_reference(dest)?;
    let r = Reference::parse(&regs.expand(dest))?;
    let q = r.qualify(r.registry.as_deref().unwrap_or("docker.io"));
    if l.instances.is_empty() {
        bail!("manifest list {list} has no entries: den manifest add some images to it first");
    }
    if o.push.format == Some(Format::V2s2) {
        if let Some(i) = l
            .instances
            .iter()
            .find(|i| i.image.is_none() && i.media_type != manifest::DOCKER_MANIFEST)
        {
            bail!("entry {} is an OCI manifest in a registry, which den does not rewrite as Docker's v2s2: push with --format oci", i.digest);
        }
    }
    userns::enter()?;
    // The entries as the registry will have them.
    let mut entries = l.instances.clone();
    if o.all {
        let images = store.images()?;
        let repo = Qualified {
            tag: None,
            digest: None,
            ..q.clone()
        };
        for i in entries.iter_mut().filter(|i| i.image.is_some()) {
            let id = i.image.as_deref().unwrap_or_default();
            let img = images.iter().find(|m| m.id == id).with_context(|| {
                format!("the image {} of entry {} is no longer in the store: add it again, or den manifest remove {list} {}", id.get(..12).unwrap_or(id), i.digest, i.digest)
            })?;
            set(i, pusher::push_by_digest(paths, img, &repo, &o.push)?);
        }
    }
    let remote = Remote::connect(paths, &regs, &q, &o.push.access)?;
    let work = if o.all {
        Some(store.work_dir("manifest-push")?)
    } else {
        None
    };
    let digest = runtime()?.block_on(async {
        let repo = remote.repository();
        remote
            .client
            .authorize(&repo, true)
            .await
            .map_err(|e| crate::image::registry::explain(e, &q))?;
        if let Some(work) = &work {
            for i in entries.iter_mut().filter(|i| i.image.is_none()) {
                let source = source_remote(paths, &regs, i, &o.push.access)?;
                let copied =
                    transfer::copy_manifest(&source, &i.digest, &remote, &work.path, &o.push)
                        .await?;
                set(i, copied);
            }
        }
        let media_type = match o.push.format {
            Some(Format::Oci) => OCI_INDEX,
            Some(Format::V2s2) => DOCKER_LIST,
            None if entries
                .iter()
                .all(|i| i.media_type == manifest::DOCKER_MANIFEST) =>
            {
                DOCKER_LIST
            }
            None => OCI_INDEX,
        };
        let pushed = ListRecord {
            instances: entries,
            ..l.clone()
        };
        let body = serde_json::to_vec(&pushed.index(Some(media_type)))?;
        let digest = sha256_of(&body);
        let body = bytes::Bytes::from(body);
        let tag = remote.wanted();
        pusher::retry(&q, || {
            remote
                .client
                .put_manifest(&repo, &tag, media_type, body.clone())
        })
        .await?;
        anyhow::Ok(digest)
    })?;
    if o.remove {
        rm(paths, &l.id)?;
    }
    Ok(digest)
}

/// An entry as a push wrote it.
fn set(i: &mut Instance, p: Pushed) {
    i.digest = p.digest;
    i.media_type = p.media_type;
    i.size = p.size;
}

/// Change the list `list` under the storage lock; returns its id.
fn change(
    paths: &Paths,
    list: &str,
    f: impl FnOnce(&mut ListRecord) -> Result<()>,
) -> Result<String> {
    with_list(paths, list, |all, at| {
        f(&mut all[at])?;
        Ok(all[at].id.clone())
    })
}

/// Run `f` on all lists and the position of `list` among them, under the
/// storage lock; what it leaves is saved.
fn with_list<T>(
    paths: &Paths,
    list: &str,
    f: impl FnOnce(&mut Vec<ListRecord>, usize) -> Result<T>,
) -> Result<T> {
    let store = Store::new(paths);
    let regs = Registries::load(paths)?;
    let _lock = store.lock()?;
    let mut all = store.lists()?;
    let id = find_in(paths, &all, list, &regs)?.id.clone();
    let at = all
        .iter()
        .position(|l| l.id == id)
        .context("the list vanished")?;
    let out = f(&mut all, at)?;
    store.save_lists(all)?;
    Ok(out)
}

/// The list `list`, or podman's "not known" error (exit 1 where scripts
/// test for it).
fn find_in<'a>(
    paths: &Paths,
    all: &'a [ListRecord],
    list: &str,
    regs: &Registries,
) -> Result<&'a ListRecord> {
    if let Some(l) = lists::find(all, &regs.expand(list), &regs.search_registries())? {
        return Ok(l);
    }
    not_a_list(paths, list)?;
    Err(Error::not_found(
        Kind::Image,
        list,
        format!("{list}: manifest list not known (den manifest create {list} makes one)"),
    ))
}

/// podman's error (125) for an image's name where a list's is wanted.
fn not_a_list(paths: &Paths, name: &str) -> Result<()> {
    if super::images::lookup(paths, name)?.is_some() {
        bail!("{name} is an image, not a manifest list (den manifest create LIST {name} makes a list of it)");
    }
    Ok(())
}

/// Add `added` to `l`; an entry of the same digest is replaced.
fn merge(l: &mut ListRecord, added: Vec<Instance>) -> Result<()> {
    for i in added {
        l.instances.retain(|x| x.digest != i.digest);
        l.instances.push(i);
    }
    if l.instances.len() > lists::MAX_ENTRIES {
        bail!(
            "a manifest list holds at most {} entries",
            lists::MAX_ENTRIES
        );
    }
    Ok(())
}

/// The entry `entry` (a manifest digest, or an image id of 12 or more
/// characters) of `l`.
fn entry_of(l: &ListRecord, entry: &str) -> Result<usize> {
    l.position(entry).with_context(|| {
        format!(
            "no entry of manifest list {} has digest {entry:?} (den manifest inspect {} lists them)",
            l.names.first().map_or(l.id.as_str(), |n| n),
            l.names.first().map_or(l.id.as_str(), |n| n),
        )
    })
}

/// A list's name as it is stored: `localhost/NAME:latest` for a bare name.
fn local_name(name: &str) -> Result<String> {
    let r = Reference::parse(name)?;
    if r.digest.is_some() {
        bail!("{name:?}: a manifest list's name cannot contain a digest");
    }
    Ok(r.qualify(r.registry.as_deref().unwrap_or("localhost"))
        .store_name())
}

/// A `docker://` reference without its transport; other transports refused.
fn registry_reference(dest: &str) -> Result<&str> {
    if let Some(rest) = dest.strip_prefix("docker://") {
        return Ok(rest);
    }
    match dest.split_once(':') {
        Some((t, _)) if is_transport(t) => {
            bail!("{dest}: den pushes manifest lists to registries only (docker://HOST/NAME:TAG)")
        }
        _ => Ok(dest),
    }
}

fn is_transport(t: &str) -> bool {
    [
        "oci",
        "oci-archive",
        "docker-archive",
        "dir",
        "containers-storage",
        "docker-daemon",
    ]
    .contains(&t)
}

/// The entries `image` stands for.
fn resolve(paths: &Paths, image: &str, opts: &AddOptions) -> Result<Vec<Instance>> {
    let mut out = if let Some(rest) = image.strip_prefix("docker://") {
        remote_entries(paths, rest, opts)?
    } else if let Some(rest) = image.strip_prefix("containers-storage:") {
        vec![local_entry(paths, rest)?.with_context(|| {
            format!("{rest}: image not known in den's store (pull, build or load it first)")
        })?]
    } else {
        match image.split_once(':') {
            Some((t, _)) if is_transport(t) => bail!(
                "{image}: den adds images of its store or of a registry (den load an archive first)"
            ),
            _ => match local_entry(paths, image)? {
                Some(i) => vec![i],
                None => remote_entries(paths, image, opts)?,
            },
        }
    };
    for i in &mut out {
        opts.overrides.apply(i);
    }
    Ok(out)
}

/// The store's image `name` as an entry, if there is one.
fn local_entry(paths: &Paths, name: &str) -> Result<Option<Instance>> {
    let Some(img) = super::images::lookup(paths, name)? else {
        return Ok(None);
    };
    let store = Store::new(paths);
    let manifest = store.read_blob(&img.digest)?;
    let config = ImageConfig::parse(&store.read_blob(&format!("sha256:{}", img.id))?)?;
    Ok(Some(Instance {
        digest: img.digest.clone(),
        media_type: img.manifest_type.clone(),
        size: manifest.len() as u64,
        platform: Platform::of(&config),
        annotations: Default::default(),
        image: Some(img.id.clone()),
        source: None,
    }))
}

/// The registry's image `name`: its manifest, or its list's entry for
/// this host (every entry with `all`).
fn remote_entries(paths: &Paths, name: &str, opts: &AddOptions) -> Result<Vec<Instance>> {
    let (remote, q) = connect(paths, name, &opts.access)?;
    let source = q.name();
    runtime()?.block_on(async {
        remote.login_for_pull().await?;
        let (doc, digest, bytes) = remote.fetch_document(&remote.wanted()).await?;
        match doc {
            Document::Manifest(m, media_type) => {
                validate_digest(&m.config.digest).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
                let config = pull::fetch_small_blob(&remote, &m.config).await?;
                let config = ImageConfig::parse(&config).map_err(|e| anyhow::anyhow!("{q}: {e:#}"))?;
                Ok(vec![Instance {
                    digest,
                    media_type,
                    size: bytes.len() as u64,
                    platform: Platform::of(&config),
                    annotations: Default::default(),
                    image: None,
                    source: Some(source),
                }])
            }
            Document::Index(index) => {
                let chosen: Vec<&manifest::Descriptor> = if opts.all {
                    index.manifests.iter().collect()
                } else {
                    vec![manifest::choose_platform(&index, None)
                        .map_err(|e| anyhow::anyhow!("{q}: {e} (--all adds every entry)"))?]
                };
                chosen
                    .into_iter()
                    .map(|d| {
                        validate_digest(&d.digest).map_err(|e| anyhow::anyhow!("{q}: {e}"))?;
                        if d.media_type != manifest::OCI_MANIFEST
                            && d.media_type != manifest::DOCKER_MANIFEST
                        {
                            bail!("{q}: entry {} is a {:?}, not an image manifest: den does not nest lists", d.digest, d.media_type);
                        }
                        let p = d.platform.clone().unwrap_or_default();
                        Ok(Instance {
                            digest: d.digest.clone(),
                            media_type: d.media_type.clone(),
                            size: d.size,
                            platform: Platform {
                                architecture: p.architecture,
                                os: p.os,
                                variant: p.variant,
                                os_version: p.os_version,
                                os_features: p.os_features,
                                features: p.features,
                            },
                            annotations: d.annotations.clone().unwrap_or_default(),
                            image: None,
                            source: Some(source.clone()),
                        })
                    })
                    .collect()
            }
        }
    })
}

/// A client for the registry image `name` (short names go to the first
/// search registry).
fn connect(paths: &Paths, name: &str, access: &Access) -> Result<(Remote, Qualified)> {
    let regs = Registries::load(paths)?;
    let r = Reference::parse(&regs.expand(name))?;
    let registry = match &r.registry {
        Some(reg) => reg.clone(),
        None => regs
            .search_registries()
            .first()
            .cloned()
            .unwrap_or_else(|| "docker.io".to_string()),
    };
    let q = r.qualify(&registry);
    Ok((Remote::connect(paths, &regs, &q, access)?, q))
}

/// A client for the repository a registry's entry is in (the
/// destination's credentials are not sent to it).
fn source_remote(
    paths: &Paths,
    regs: &Registries,
    i: &Instance,
    access: &Access,
) -> Result<Remote> {
    let source = i.source.as_deref().unwrap_or_default();
    validate_digest(&i.digest).map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    let r = Reference::parse(&format!("{source}@{}", i.digest))?;
    let q = r.qualify(r.registry.as_deref().unwrap_or("docker.io"));
    let access = Access {
        creds: None,
        ..access.clone()
    };
    Remote::connect(paths, regs, &q, &access)
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the network runtime")
}

/// The ids of all lists.
pub fn all_ids(paths: &Paths) -> Result<Vec<String>> {
    Ok(Store::new(paths)
        .lists()?
        .into_iter()
        .map(|l| l.id)
        .collect())
}

/// Whether a local list of that name exists.
pub fn exists(paths: &Paths, name: &str) -> Result<bool> {
    if lookup(paths, name)?.is_some() {
        return Ok(true);
    }
    not_a_list(paths, name)?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_transports() {
        assert_eq!(
            local_name("mylist").expect("name"),
            "localhost/mylist:latest"
        );
        assert_eq!(
            local_name("quay.io/me/l:v1").expect("name"),
            "quay.io/me/l:v1"
        );
        assert!(local_name(&format!("l@sha256:{}", "a".repeat(64))).is_err());
        assert_eq!(
            registry_reference("docker://h:5000/l:1").expect("ref"),
            "h:5000/l:1"
        );
        assert_eq!(registry_reference("h:5000/l:1").expect("ref"), "h:5000/l:1");
        assert!(registry_reference("oci-archive:/tmp/x.tar").is_err());
    }

    #[test]
    fn overrides_change_the_entry() {
        let mut i = Instance {
            digest: format!("sha256:{}", "a".repeat(64)),
            media_type: manifest::OCI_MANIFEST.into(),
            size: 1,
            platform: Platform {
                architecture: "amd64".into(),
                os: "linux".into(),
                ..Platform::default()
            },
            annotations: Default::default(),
            image: None,
            source: None,
        };
        Overrides {
            arch: Some("arm64".into()),
            variant: Some("v8".into()),
            annotations: vec![("k".into(), "v".into())],
            ..Overrides::default()
        }
        .apply(&mut i);
        assert_eq!(i.platform.architecture, "arm64");
        assert_eq!(i.platform.os, "linux");
        assert_eq!(i.platform.variant.as_deref(), Some("v8"));
        assert_eq!(i.annotations["k"], "v");
    }
}
