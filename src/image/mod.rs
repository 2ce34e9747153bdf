//! Images: references, registry client, pull, the local image store.

pub mod arrival;
pub mod blobcache;
pub mod blobs;
pub mod client;
pub mod history;
pub mod inspect;
pub mod lists;
pub mod load;
pub mod lookup;
pub mod manifest;
pub mod progress;
pub mod pull;
pub mod push;
pub mod record;
pub mod reference;
pub mod registry;
pub mod save;
pub mod search;
pub mod store;
pub mod tls;
pub mod transfer;
