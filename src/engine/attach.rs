//! Attaching to a running container: its supervisor's attach socket, and
//! the framed protocol on it (stdin, resize and signals in; stdout,
//! stderr and the exit status out). A front-end relays the frames to its
//! terminal or its stream.

use std::os::unix::net::UnixStream;

use anyhow::{Context, Result};

use crate::config::paths::Paths;
use crate::container::{ContainerConfig, Containers};
use crate::error::{Error, Kind};

pub use crate::container::attach::{
    parse_detach_keys, send, Decoder, EXIT, RESIZE, SIGNAL, STDERR, STDIN, STDIN_EOF, STDOUT,
};

/// Connect to the attach socket of the container with id `id`.
pub fn connect(paths: &Paths, id: &str) -> Result<UnixStream> {
    use crate::container::attach::{earlier_socket_path, socket_path};
    let path = socket_path(&paths.runtime, id);
    match UnixStream::connect(&path) {
        // A container an earlier den started.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            UnixStream::connect(earlier_socket_path(&paths.runtime, id)).map_err(|_| e)
        }
        other => other,
    }
    .with_context(|| format!("connecting to the attach socket {}", path.display()))
}

/// Attach to the running container `container` (a name or id).
pub fn open(paths: &Paths, container: &str) -> Result<(ContainerConfig, UnixStream)> {
    let containers = Containers::new(paths);
    let c = containers.find(container)?;
    if !containers.live_state(&c.id)?.active() {
        return Err(Error::conflict(
            Kind::Container,
            format!(
                "you can only attach to running containers: {} is not running",
                c.name
            ),
        ));
    }
    let sock = connect(paths, &c.id)?;
    Ok((c, sock))
}

/// The exit status of the container with id `id`, once an attached
/// session closed without one: as recorded, or kept after its removal;
/// waited for when it still runs (its supervisor dropped a client that
/// read too slowly: den exited 0 there, the container running on).
pub fn recorded_exit(paths: &Paths, id: &str) -> Result<i32> {
    let containers = Containers::new(paths);
    let Ok(cfg) = containers.config(id) else {
        return Ok(containers.kept_exit(id).unwrap_or(0));
    };
    if containers.live_state(id)?.active() {
        crate::warn!(
            "the container's supervisor ended this session (its output was read too slowly): the rest is in `den logs {}`; waiting for it to exit",
            cfg.name
        );
    }
    crate::container::ops::wait(&containers, &cfg)
}
