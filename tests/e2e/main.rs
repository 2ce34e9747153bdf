//! End-to-end tests: the real `den` binary, run as an unprivileged user
//! with subordinate id ranges, against a real registry (Debian's
//! docker-registry) on loopback, with images this suite builds itself.
//!
//! Run through `ci/test.sh` (which sets everything up), or as an ordinary
//! user that has /etc/subuid ranges and the packages it names.

#[path = "../support/mod.rs"]
mod support;

mod build;
mod build_checks;
mod build_contexts;
mod build_edges;
mod build_flags;
mod cgroups;
mod checker;
mod commit;
mod common;
mod compose;
mod compose_keys;
mod compose_up;
mod compose_verbs;
mod copy;
mod debian;
mod dropin;
mod early;
mod escapes;
mod exec;
mod exhaustion;
mod formats;
mod fsinfo;
mod health;

mod archives;
mod auth;
mod hostile;
mod hosts;
mod images;
mod journal;
mod kube;
mod layers;
mod lifecycle;
mod listing;
mod manifests;
mod mountpoints;
mod namespaces;
mod network;
mod networks;
mod pause;
mod pods;
mod privacy;
mod pruning;
mod pull;
mod push;
mod quadlet;
mod recycled;
mod run;
mod runflags;
mod secrets;
mod security;
mod seeds;
mod spare;
mod spec;
mod stats;
mod systemd;
mod tap;
mod tls;
mod tty;
mod userns;
mod volumes;
