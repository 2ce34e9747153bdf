//! den: a rootless, daemonless container tool.
#![deny(unsafe_code)]

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
mod quadlet;
mod runtime;
mod storage;
mod supervisor;
mod util;
mod volume;

fn main() {
    std::process::exit(cli::main());
}
