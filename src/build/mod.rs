//! The Dockerfile front-end's pure parts: the parser, word expansion and
//! the ignore rules. Running a build is the engine's (`engine/build/`).

pub mod dockerfile;
pub mod ignore;
pub mod words;
