//! Test support for den's end-to-end tests: a real registry
//! ([`registry::Registry`]), image building and pushing ([`oci`]), hand-made
//! tar layers ([`layers`]) and a bearer-token auth proxy ([`authproxy`]).
//!
//! Use from an integration test with `mod support;`.
#![allow(dead_code)]

pub mod authproxy;
pub mod checker;
pub mod den;
pub mod layers;
pub mod oci;
pub mod registry;
