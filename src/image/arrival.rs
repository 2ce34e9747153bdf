//! A blob as it arrives from a registry, held to its descriptor: never
//! more bytes than its size, and at the end exactly its size and digest.
//! Pull (configs, layers) and `manifest push` (blobs copied between
//! repositories) take every blob through one of these.

use anyhow::{bail, Result};
use sha2::{Digest, Sha256};

use super::manifest::Descriptor;
use super::reference::Qualified;

pub struct Arrival<'a> {
    q: &'a Qualified,
    desc: &'a Descriptor,
    /// What the blob is, for messages: "layer", "blob", "the image config".
    what: &'a str,
    hasher: Sha256,
    count: u64,
}

impl<'a> Arrival<'a> {
    pub fn new(q: &'a Qualified, desc: &'a Descriptor, what: &'a str) -> Arrival<'a> {
        Arrival {
            q,
            desc,
            what,
            hasher: Sha256::new(),
            count: 0,
        }
    }

    /// The next bytes; refused once they pass the descriptor's size.
    pub fn take(&mut self, chunk: &[u8]) -> Result<()> {
        self.count += chunk.len() as u64;
        if self.count > self.desc.size {
            bail!(
                "{}: {} {} is larger than its manifest says ({} bytes): refusing it",
                self.q,
                self.what,
                self.desc.digest,
                self.desc.size
            );
        }
        self.hasher.update(chunk);
        Ok(())
    }

    /// After the last bytes: the blob was its size and its digest.
    pub fn finish(self) -> Result<()> {
        let (q, what, want) = (self.q, self.what, &self.desc.digest);
        if self.count != self.desc.size {
            bail!(
                "{q}: {what} {want} is {} bytes, not the {} its manifest says: refusing it",
                self.count,
                self.desc.size
            );
        }
        let got = format!("sha256:{}", hex::encode(self.hasher.finalize()));
        if &got != want {
            bail!("{q}: {what} {want} does not match its digest (got {got}): refusing it");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desc(data: &[u8]) -> Descriptor {
        Descriptor {
            media_type: String::new(),
            digest: format!("sha256:{}", hex::encode(Sha256::digest(data))),
            size: data.len() as u64,
            platform: None,
            urls: None,
            annotations: None,
        }
    }

    #[test]
    fn a_blob_must_be_its_size_and_digest() {
        let q = Qualified {
            registry: "reg.example".into(),
            repository: "a/b".into(),
            tag: Some("1".into()),
            digest: None,
        };
        let d = desc(b"hello world");
        let mut a = Arrival::new(&q, &d, "blob");
        a.take(b"hello ")
            .and_then(|_| a.take(b"world"))
            .expect("fits");
        a.finish().expect("matches");

        let mut a = Arrival::new(&q, &d, "blob");
        let e = a.take(b"hello world!").expect_err("one byte too many");
        assert!(
            e.to_string().contains("larger than its manifest says"),
            "{e}"
        );

        let mut a = Arrival::new(&q, &d, "blob");
        a.take(b"hello").expect("fits");
        let e = a.finish().expect_err("short");
        assert!(e.to_string().contains("is 5 bytes, not the 11"), "{e}");

        let mut a = Arrival::new(&q, &d, "layer");
        a.take(b"HELLO WORLD").expect("fits");
        let e = a.finish().expect_err("another digest");
        assert!(e.to_string().contains("layer sha256:"), "{e}");
        assert!(e.to_string().contains("does not match its digest"), "{e}");
    }
}
