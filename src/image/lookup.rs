//! Finding a local image by the name or id a user typed.

use anyhow::{bail, Result};

use super::reference::Reference;
use super::store::ImageRecord;

/// The names a user's input may stand for, most likely first.
pub fn candidate_names(input: &str, search: &[String]) -> Vec<String> {
    let Ok(r) = Reference::parse(input) else {
        return Vec::new();
    };
    match &r.registry {
        Some(reg) => vec![r.qualify(reg).store_name()],
        None => {
            let mut regs: Vec<&str> = vec!["localhost"];
            regs.extend(search.iter().map(String::as_str));
            regs.iter().map(|reg| r.qualify(reg).store_name()).collect()
        }
    }
}

/// Find an image by name, `name@digest`, full id or unique id prefix.
pub fn find<'a>(
    images: &'a [ImageRecord],
    input: &str,
    search: &[String],
) -> Result<Option<&'a ImageRecord>> {
    let input_trim = input.strip_prefix("sha256:").unwrap_or(input);
    if let Some(img) = images.iter().find(|i| i.id == input_trim) {
        return Ok(Some(img));
    }
    for name in candidate_names(input, search) {
        if let Some((repo, digest)) = name.split_once('@') {
            if let Some(img) = images.iter().find(|i| {
                i.digest == digest
                    && (i.repo_digests.iter().any(|r| r == &name)
                        || i.names
                            .iter()
                            .any(|n| n.rsplit_once(':').is_some_and(|(r, _)| r == repo)))
            }) {
                return Ok(Some(img));
            }
        } else if let Some(img) = images.iter().find(|i| i.names.contains(&name)) {
            return Ok(Some(img));
        }
    }
    if input_trim.len() >= 3 && input_trim.bytes().all(|b| b.is_ascii_hexdigit()) {
        let matches: Vec<&ImageRecord> = images
            .iter()
            .filter(|i| i.id.starts_with(input_trim))
            .collect();
        match matches.len() {
            0 => {}
            1 => return Ok(Some(matches[0])),
            _ => bail!("{input:?} matches more than one image (give more of the id)"),
        }
    }
    Ok(None)
}
