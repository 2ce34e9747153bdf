//! Shared helpers of the end-to-end tests (they live in support/ so the
//! benchmarks use the same ones).

pub use crate::support::den::*;
