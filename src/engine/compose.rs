//! Compose projects: the files read into one model (`crate::compose`),
//! which the commands that make containers will turn into container specs
//! for `engine::create`, as the command line's flags are.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

pub use crate::compose::{Options, Project};

/// Load the project `opts` names, from `cwd`, with den's environment.
pub fn load(opts: &Options, cwd: &Path) -> Result<Project> {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    crate::compose::load(opts, cwd, &env)
}
