//! den: a rootless, daemonless container tool.
#![deny(unsafe_code)]
// serde_json's `json!` recurses once per token: the unit test that spells
// out a whole container spec needs more than the default 128.
#![recursion_limit = "256"]

mod build;
mod cgroups;
mod cli;
mod compose;
mod config;
mod container;
mod engine;
mod error;
mod events;
mod image;
mod network;
mod pod;
mod quadlet;
mod runtime;
mod secret;
mod storage;
mod supervisor;
mod util;
mod volume;

fn main() {
    std::process::exit(cli::main());
}
