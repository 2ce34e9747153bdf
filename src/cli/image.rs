//! Image commands: pull, images, rmi, tag, image ..., inspect.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::output;
use super::progress::Terminal;
use crate::config::auth::Credentials;
use crate::config::paths::Paths;
use crate::engine::images::{self, Access, PullOptions, Removal, RemoveRequest};
use crate::engine::inspect as engine_inspect;
use crate::engine::manifests;
use crate::error::{Error, Exit};
use crate::util::human;

// Registry access flags shared by pull and run.
#[derive(Debug, Clone, Default, Args)]
pub struct AccessArgs {
    /// Require HTTPS and verify certificates (false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USER:PASS")]
    pub creds: Option<String>,
    /// Path of the credentials file (default: auth.json, ~/.docker/config.json)
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Directory of certificates (*.crt) for the registry
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
}

impl AccessArgs {
    /// The same flags, for a `den` run as a child.
    pub fn args(&self) -> Vec<std::ffi::OsString> {
        let mut out: Vec<std::ffi::OsString> = Vec::new();
        if let Some(t) = self.tls_verify {
            out.push(format!("--tls-verify={t}").into());
        }
        if let Some(c) = &self.creds {
            out.push("--creds".into());
            out.push(c.into());
        }
        if let Some(f) = &self.authfile {
            out.push("--authfile".into());
            out.push(f.into());
        }
        if let Some(d) = &self.cert_dir {
            out.push("--cert-dir".into());
            out.push(d.into());
        }
        out
    }

    pub fn access(&self) -> Result<Access> {
        if let Some(f) = &self.authfile {
            if !f.exists() {
                bail!(
                    "the credentials file {} does not exist (check --authfile)",
                    f.display()
                );
            }
            // Read through the same variable podman honours.
            std::env::set_var(crate::config::env::REGISTRY_AUTH_FILE, f);
        }
        let creds = match &self.creds {
            Some(c) => {
                let (u, p) = c
                    .split_once(':')
                    .context("--creds must be USERNAME:PASSWORD")?;
                Some(Credentials {
                    username: u.to_string(),
                    password: p.to_string(),
                })
            }
            None => None,
        };
        Ok(Access {
            tls_verify: self.tls_verify,
            creds,
            cert_dir: self.cert_dir.clone(),
        })
    }
}

// Which platform's image to pull, when not the host's.
#[derive(Debug, Args, Clone, Default)]
pub struct PlatformArgs {
    /// Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Pull the image for this architecture (arm64, s390x, ...)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Pull the image for this operating system
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Pull the image for this architecture variant (v7, v8)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Docker's signature checks: no effect (as in podman)
    #[arg(long)]
    pub disable_content_trust: bool,
}

impl PlatformArgs {
    pub fn wanted(&self) -> Result<Option<crate::engine::images::Platform>> {
        crate::engine::images::Platform::from_flags(
            self.platform.as_deref(),
            self.os.as_deref(),
            self.arch.as_deref(),
            self.variant.as_deref(),
        )
    }
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    #[command(flatten)]
    pub platform: PlatformArgs,
    /// Pull every tag of the repository
    #[arg(short, long)]
    pub all_tags: bool,
    /// Image references to pull
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn pull(paths: &Paths, a: PullArgs) -> Result<i32> {
    let opts = PullOptions {
        access: a.access.access()?,
        progress: Terminal::shared(a.quiet),
        platform: a.platform.wanted()?,
        stop: None,
    };
    let mut wanted = a.images.clone();
    if a.all_tags {
        wanted = Vec::new();
        for name in &a.images {
            wanted.extend(images::all_tags(paths, name, &opts.access)?);
        }
    }
    images::pull(paths, &wanted, &opts, |id| println!("{id}"))?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Print only image ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Show all images, the intermediate images of builds too
    #[arg(short, long)]
    pub all: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Do not print the header row
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Format output: json, or a Go template like '{{.Repository}}:{{.Tag}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Only the images that match: dangling=true|false, manifest=true|false
    /// (manifest lists, which images shows too), reference=PATTERN,
    /// id=PREFIX, before=IMAGE, since=IMAGE, label=KEY[=VALUE]
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Show the names each image has had
    #[arg(long)]
    pub history: bool,
    /// Sort by created (newest first, the default), id, repository, size or tag
    #[arg(long, value_name = "FIELD", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub sort: Option<String>,
    /// Only images with this name (repository)
    pub repository: Option<String>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ImageCommand {
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<super::build::BuildArgs>),
    /// List images in local storage
    #[command(alias = "list")]
    Ls(ImagesArgs),
    /// Pull an image from a registry
    Pull(PullArgs),
    /// Push an image to a registry
    Push(super::push::PushArgs),
    /// Save images to an archive
    Save(super::archive::SaveArgs),
    /// Load images from an archive
    Load(super::archive::LoadArgs),
    /// Show the history of an image
    History(super::history::HistoryArgs),
    /// Make an image from a tarball
    Import(super::archive::ImportArgs),
    /// Remove images without a name (with -a: every image no container uses)
    Prune(super::prune::ImagePruneArgs),
    /// Exit 0 if the image exists, 1 if not
    Exists(super::history::ExistsArgs),
    /// Show an image's layers as a tree
    Tree(super::history::TreeArgs),
    /// Sign an image (refused: den does not sign)
    Sign(super::refused::SignArgs),
    /// Manage trust policies (refused: den keeps none of its own)
    Trust(super::refused::TrustArgs),
    /// Copy an image to another host (refused: den has no remote connections)
    Scp(super::refused::ScpArgs),
    /// Search registries for images
    Search(SearchArgs),
    /// Remove one or more images
    Rm(RmiArgs),
    /// Add an additional name to a local image
    Tag(TagArgs),
    /// Remove names from a local image (all of them without NAMEs); the
    /// image stays
    Untag(UntagArgs),
    /// Show what an image's top layer changes, or what differs from one
    /// image to another
    Diff(super::commit::ImageDiffArgs),
    /// Mount images' layers read-only (inside den unshare); list those
    /// mounted
    Mount(super::mount::ImageMountArgs),
    /// Unmount images
    Unmount(super::mount::ImageUnmountArgs),
    /// Display the configuration of an image
    Inspect(InspectArgs),
}

pub fn image_command(paths: &Paths, c: ImageCommand) -> Result<i32> {
    match c {
        ImageCommand::Build(_) => {
            anyhow::bail!("den image build is run with the global options (an internal error)")
        }
        ImageCommand::Ls(a) => images(paths, a),
        ImageCommand::Pull(a) => pull(paths, a),
        ImageCommand::Push(a) => super::push::push(paths, a),
        ImageCommand::Save(a) => super::archive::save(paths, a),
        ImageCommand::Load(a) => super::archive::load(paths, a),
        ImageCommand::History(a) => super::history::history(paths, a),
        ImageCommand::Import(a) => super::archive::import(paths, a),
        ImageCommand::Prune(a) => super::prune::image_prune(paths, a),
        ImageCommand::Exists(a) => super::history::exists(paths, a),
        ImageCommand::Tree(a) => super::history::tree(paths, a),
        ImageCommand::Sign(_) => super::refused::unsupported("sign"),
        ImageCommand::Trust(_) => super::refused::unsupported("trust"),
        ImageCommand::Scp(_) => super::refused::unsupported("scp"),
        ImageCommand::Search(a) => search(paths, a),
        ImageCommand::Rm(a) => rmi(paths, a),
        ImageCommand::Tag(a) => tag(paths, a),
        ImageCommand::Untag(a) => untag(paths, a),
        ImageCommand::Diff(a) => super::commit::image_diff(paths, a),
        ImageCommand::Mount(a) => super::mount::image_mount(paths, a),
        ImageCommand::Unmount(a) => super::mount::image_unmount(paths, a),
        ImageCommand::Inspect(mut a) => {
            a.kind = Some("image".into());
            inspect(paths, a)
        }
    }
}

fn split_name(name: &str) -> (String, String) {
    if let Some((repo, _digest)) = name.split_once('@') {
        return (repo.to_string(), "<none>".to_string());
    }
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo.to_string(), tag.to_string()),
        _ => (name.to_string(), "<none>".to_string()),
    }
}

pub fn images(paths: &Paths, mut a: ImagesArgs) -> Result<i32> {
    // `images REPO` is a reference filter, as podman's: for -q and JSON
    // too (it narrowed the table alone, so `rmi $(images -q alpine)`
    // removed every image), and with its tag.
    if let Some(r) = &a.repository {
        if !a.filter.is_empty() {
            bail!("give an image or --filter, not both (--filter reference={r} with the others)");
        }
        a.filter.push(format!("reference={r}"));
    }
    let mut imgs = images::list_with_lists(paths)?;
    if !a.all {
        imgs.retain(|i| !i.intermediate);
    }
    let imgs = images::filter(paths, imgs, &a.filter)?;
    let short = |id: &str| {
        if a.no_trunc {
            format!("sha256:{id}")
        } else {
            id[..12].to_string()
        }
    };
    if a.quiet {
        let mut seen = std::collections::BTreeSet::new();
        for i in &imgs {
            if seen.insert(i.id.clone()) {
                println!("{}", short(&i.id));
            }
        }
        return Ok(0);
    }
    let used = images::containers_per_image(paths)?;
    let labels: Vec<Value> = imgs
        .iter()
        .map(|i| images::labels(paths, i))
        .collect::<Result<_>>()?;
    let mut rows: Vec<Value> = Vec::new();
    for (img, labels) in imgs.iter().zip(&labels) {
        let names: Vec<String> = if img.names.is_empty() {
            vec!["<none>:<none>".into()]
        } else {
            img.names.clone()
        };
        for n in names {
            let (repo, tag) = split_name(&n);
            // Of an image with several names, the rows of those asked for.
            if a.repository
                .as_ref()
                .is_some_and(|r| !img.names.is_empty() && !images::reference_matches(r, &n))
            {
                continue;
            }
            let created = img.created_at();
            let go_time = created
                .map(|t| t.format("%Y-%m-%d %H:%M:%S +0000 UTC").to_string())
                .unwrap_or_default();
            rows.push(json!({
                "Repository": repo,
                "Tag": tag,
                "ID": short(&img.id),
                "Id": img.id,
                "Digest": img.digest,
                "Created": created.map(human::ago).unwrap_or_default(),
                "CreatedSince": created.map(human::ago).unwrap_or_default(),
                // Go's time.String() of the second it was made, as podman.
                "CreatedAt": go_time,
                "CreatedTime": go_time,
                "Dangling": img.names.is_empty(),
                "ReadOnly": false,
                "Size": human::size(img.size),
                "VirtualSize": img.size,
                "Names": img.names,
                "RepoDigests": img.repo_digests,
                "History": img.names.join(", "),
                "CreatedUnix": created.map(|t| t.timestamp()).unwrap_or(0),
                "SizeBytes": img.size,
                // A Go template prints podman's empty map as map[].
                "Labels": if labels.is_null() { json!({}) } else { labels.clone() },
                "Containers": used.get(&img.id).copied().unwrap_or(0),
                "RepoTags": img.names,
                "SharedSize": 0,
                "ParentId": "",
            }));
        }
    }
    if a.format.as_deref() == Some("json") {
        let list: Vec<Value> = imgs
            .iter()
            .zip(&labels)
            .map(|(i, labels)| {
                json!({
                    "Id": i.id, "ParentId": "", "RepoTags": i.names, "RepoDigests": i.repo_digests,
                    "Size": i.size, "SharedSize": 0, "VirtualSize": i.size, "Labels": labels,
                    "Containers": used.get(&i.id).copied().unwrap_or(0),
                    "Names": i.names, "Digest": i.digest, "History": i.names,
                    "Created": i.created_at().map(|t| t.timestamp()).unwrap_or(0),
                    "CreatedAt": i.created,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    match a.sort.as_deref() {
        Some("id") => rows.sort_by(|x, y| x["Id"].as_str().cmp(&y["Id"].as_str())),
        Some("repository") => rows.sort_by(|x, y| {
            (x["Repository"].as_str(), x["Tag"].as_str())
                .cmp(&(y["Repository"].as_str(), y["Tag"].as_str()))
        }),
        Some("tag") => rows.sort_by(|x, y| x["Tag"].as_str().cmp(&y["Tag"].as_str())),
        Some("size") => rows.sort_by_key(|r| r["SizeBytes"].as_u64()),
        Some("created") => rows.sort_by_key(|r| std::cmp::Reverse(r["CreatedUnix"].as_i64())),
        _ => {}
    }
    let mut default = if a.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}".to_string()
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}".to_string()
    };
    if a.history {
        default.push_str("\t{{.History}}");
    }
    output::print_list(
        &rows,
        a.format.as_deref(),
        &default,
        &[("ID", "IMAGE ID")],
        a.noheading,
    )?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct RmiArgs {
    /// Remove the image even if containers use it (removing them too)
    #[arg(short, long)]
    pub force: bool,
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// An image that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// Keep dangling parent images (den keeps none: builds leave no
    /// intermediate images, so there is nothing to prune either way)
    #[arg(long)]
    pub no_prune: bool,
    /// Images to remove (names or ids)
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn rmi(paths: &Paths, a: RmiArgs) -> Result<i32> {
    // Manifest lists go as podman's rmi removes them: by a name no image
    // has, or all of them with --all.
    if a.all && !a.images.is_empty() {
        bail!("when using the --all switch, you may not pass any images names or IDs");
    }
    let mut named = Vec::new();
    let mut lists = Vec::new();
    for i in a.images {
        if images::lookup(paths, &i)?.is_none() && manifests::lookup(paths, &i)?.is_some() {
            lists.push(i);
        } else {
            named.push(i);
        }
    }
    if a.all {
        lists.extend(manifests::all_ids(paths)?);
    }
    for l in &lists {
        let gone = manifests::rm(paths, l)?;
        for n in &gone.names {
            println!("Untagged: {n}");
        }
        println!("Deleted: {}", gone.id);
    }
    if named.is_empty() && !a.all && !lists.is_empty() {
        return Ok(0);
    }
    let req = RemoveRequest {
        images: named,
        all: a.all,
        force: a.force,
    };
    let mut status = 0;
    images::remove(paths, &req, |r| match r {
        Removal::Untagged(n) => println!("Untagged: {n}"),
        Removal::Deleted(id) => println!("Deleted: {id}"),
        Removal::Failed(e)
            if a.ignore && matches!(e.downcast_ref::<Error>(), Some(Error::NotFound { .. })) => {}
        Removal::Failed(e) => {
            eprintln!("den: error: {e:#}");
            status = match e.downcast_ref::<Error>() {
                Some(Error::Conflict { .. }) => 2,
                _ => status.max(1),
            };
        }
    })?;
    if status != 0 {
        return Err(Exit::status(status).into());
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image to name
    pub image: String,
    /// New names
    #[arg(required = true)]
    pub targets: Vec<String>,
}

pub fn tag(paths: &Paths, a: TagArgs) -> Result<i32> {
    images::tag(paths, &a.image, &a.targets)?;
    Ok(0)
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format output with a Go template (like '{{.Id}}'), or json
    #[arg(short, long)]
    pub format: Option<String>,
    /// What to inspect: container, image, volume, network, pod or all
    #[arg(short = 't', long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Show the size of a container's writable layer (SizeRw)
    #[arg(short, long)]
    pub size: bool,
    /// Objects to inspect
    #[command(flatten)]
    pub latest: super::container::Latest,
    #[arg(required_unless_present = "latest")]
    pub names: Vec<String>,
}

pub fn inspect(paths: &Paths, mut a: InspectArgs) -> Result<i32> {
    let kind = a.kind.as_deref().unwrap_or("all");
    if a.latest.latest {
        a.names =
            super::container::Latest { latest: true }.names(paths, std::mem::take(&mut a.names))?;
    }
    let mut out: Vec<Value> = Vec::new();
    let mut missing = Vec::new();
    for n in &a.names {
        let template = !matches!(a.format.as_deref(), None | Some("json"));
        match engine_inspect::find(paths, n, kind, a.size, template)? {
            Some(v) => out.push(v),
            None => missing.push(n.clone()),
        }
    }
    match a.format.as_deref() {
        None | Some("json") => println!("{}", serde_json::to_string_pretty(&out)?),
        Some(f) => {
            let t = crate::util::template::Template::parse(f)?;
            for v in &out {
                println!("{}", t.render(v));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Exit::with(
            125,
            format!(
                "no such object: {}",
                missing
                    .iter()
                    .map(|m| format!("{m:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .into());
    }
    Ok(0)
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Docker Hub's columns too (INDEX, STARS, OFFICIAL, AUTOMATED)
    #[arg(long)]
    pub compatible: bool,
    /// Filter: stars=N, is-official=BOOL, is-automated=BOOL (the
    /// distribution API gives neither stars nor flags: all are 0 and false)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// A Go template, or json
    #[arg(long)]
    pub format: Option<String>,
    /// At most this many results per registry
    #[arg(long, default_value = "25")]
    pub limit: usize,
    /// List the tags of the image named
    #[arg(long)]
    pub list_tags: bool,
    /// Do not truncate descriptions
    #[arg(long)]
    pub no_trunc: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    /// What to look for: a name, or REGISTRY/NAME
    pub term: String,
}

pub fn search(paths: &Paths, a: SearchArgs) -> Result<i32> {
    let mut keep_none = false;
    for f in &a.filter {
        match f.split_once('=') {
            Some(("stars", n)) => {
                let n: u64 = n
                    .parse()
                    .with_context(|| format!("invalid --filter {f:?}"))?;
                keep_none |= n > 0;
            }
            Some(("is-official" | "is-automated", v)) => match v {
                "true" => keep_none = true,
                "false" => {}
                _ => bail!("invalid --filter {f:?} (true or false)"),
            },
            _ => bail!("invalid --filter {f:?} (stars=N, is-official=BOOL, is-automated=BOOL)"),
        }
    }
    let found = if keep_none {
        Vec::new()
    } else {
        images::search(paths, &a.term, a.limit, a.list_tags, &a.access.access()?)?
    };
    let rows: Vec<Value> = found
        .iter()
        .map(|f| {
            json!({
                "Index": f.index,
                "Name": f.name,
                "Description": "",
                "Stars": 0,
                "Official": "",
                "Automated": "",
                "Tag": f.tag.clone().unwrap_or_default(),
            })
        })
        .collect();
    // As podman's: nothing at all when nothing is found.
    if rows.is_empty() {
        return Ok(0);
    }
    let table = if a.list_tags {
        "table {{.Name}}\t{{.Tag}}"
    } else if a.compatible {
        "table {{.Index}}\t{{.Name}}\t{{.Description}}\t{{.Stars}}\t{{.Official}}\t{{.Automated}}"
    } else {
        "table {{.Name}}\t{{.Description}}"
    };
    output::print_list(&rows, a.format.as_deref(), table, &[], false)?;
    Ok(0)
}

/// `den pull IMAGE` in a process of its own. Pulling takes a process into
/// den's user namespace, from where a container it then starts could not
/// join another's namespaces (a pod's infra, `--network container:`): a
/// command that does both pulls through this.
pub fn pull_apart(
    g: &super::Globals,
    access: &AccessArgs,
    platform: &PlatformArgs,
    quiet: bool,
    image: &str,
) -> Result<()> {
    let den = std::env::current_exe().context("finding den's binary")?;
    let mut cmd = std::process::Command::new(den);
    cmd.args(g.args()).arg("pull").args(access.args());
    if quiet {
        cmd.arg("-q");
    }
    for (flag, v) in [
        ("--platform", &platform.platform),
        ("--arch", &platform.arch),
        ("--os", &platform.os),
        ("--variant", &platform.variant),
    ] {
        if let Some(v) = v {
            cmd.args([flag, v]);
        }
    }
    let status = cmd
        .arg("--")
        .arg(image)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .context("running den pull")?;
    if !status.success() {
        // den pull said why, on stderr.
        return Err(crate::error::Exit::status(125).into());
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct UntagArgs {
    /// The image (a name or id)
    pub image: String,
    /// The names to remove (none: every name)
    pub names: Vec<String>,
}

pub fn untag(paths: &Paths, a: UntagArgs) -> Result<i32> {
    crate::engine::images::untag(paths, &a.image, &a.names)?;
    Ok(0)
}
