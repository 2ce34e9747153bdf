//! `save` and `load`: images to and from archives.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::Result;

use crate::config::paths::Paths;
use crate::config::registries::Registries;
use crate::config::settings::Settings;
use crate::error::{Error, Kind};
use crate::image::load::{self as loader, Source};
use crate::image::lookup;
use crate::image::save::{self as saver, Saved};
use crate::image::store::Store;
use crate::runtime::userns;
use crate::storage::meter::Limits;

pub use crate::image::save::SaveFormat;

/// Where a save goes.
pub enum SaveTarget<'a> {
    Stream(&'a mut dyn Write),
    Dir(&'a Path),
}

/// Save `images` (names or ids) in `format`. An image named by one of its
/// names is saved with that name; named by id, with all of its names.
pub fn save(
    paths: &Paths,
    images: &[String],
    format: SaveFormat,
    target: SaveTarget<'_>,
) -> Result<()> {
    let regs = Registries::load(paths)?;
    let search = regs.search_registries();
    let store = Store::new(paths);
    let all = store.images()?;
    let mut chosen = Vec::new();
    for name in images {
        let img = lookup::find(&all, &regs.expand(name), &search)?.ok_or_else(|| {
            Error::not_found(Kind::Image, name, format!("{name}: image not known"))
        })?;
        let wanted = lookup::candidate_names(name, &search);
        let names: Vec<String> = match img.names.iter().find(|n| wanted.contains(n)) {
            Some(n) => vec![n.clone()],
            None => img.names.clone(),
        };
        chosen.push(Saved { image: img, names });
    }
    let owner = (
        rustix::process::getuid().as_raw(),
        rustix::process::getgid().as_raw(),
    );
    userns::enter()?;
    match target {
        SaveTarget::Stream(w) => saver::save(&store, owner, &chosen, format, Some(w), None),
        SaveTarget::Dir(d) => saver::save(&store, owner, &chosen, format, None, Some(d)),
    }
}

/// Where a load comes from.
pub enum LoadSource<'a> {
    Stream(&'a mut dyn Read),
    /// An archive on disk (`load -i FILE`).
    File(std::fs::File),
    Dir(&'a Path),
}

/// Load every image of an archive; returns each image's id and names.
pub fn load(paths: &Paths, source: LoadSource<'_>) -> Result<Vec<(String, Vec<String>)>> {
    let settings = Settings::load(paths)?;
    let owners = userns::enter()?;
    let store = Store::new(paths);
    let source = match source {
        LoadSource::Stream(r) => Source::Stream(r),
        LoadSource::File(f) => Source::File(f),
        LoadSource::Dir(d) => Source::Dir(d),
    };
    let loaded = loader::load(
        &store,
        source,
        owners,
        Limits::plain(settings.layer_max_size),
        settings.layer_max_ratio,
    )?;
    Ok(loaded)
}
