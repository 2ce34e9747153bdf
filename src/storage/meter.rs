//! How far a layer may expand while it is extracted, watched where its
//! bytes come in: the uncompressed stream is hashed, counted and stopped
//! at its limits by the reader itself, so that nothing reading from it
//! (the tar parser reads long names and PAX records whole, into memory)
//! can run past them.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use sha2::{Digest, Sha256};

/// The tar parser's own reading between two entries (headers, long names,
/// PAX records, data of entries den does not extract) is held to this.
pub const METADATA_MAX: u64 = 16 << 20;

/// How far a layer may expand.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of the uncompressed stream, and of file content (holes of
    /// sparse files included).
    pub size: u64,
    /// Times the compressed bytes received (0: no limit)...
    pub ratio: u64,
    /// ...once past this many uncompressed bytes.
    pub ratio_free: u64,
}

impl Limits {
    /// A plain archive a user gives den (`cp`, `volume import`): only the
    /// size limit of `den.conf`'s `[pull] layer_max_size` (0: none).
    pub fn plain(max_size: u64) -> Limits {
        Limits {
            size: if max_size == 0 { u64::MAX } else { max_size },
            ..Limits::NONE
        }
    }

    /// No limit (for layers den makes itself, and tests).
    pub const NONE: Limits = Limits {
        size: u64::MAX,
        ratio: 0,
        ratio_free: 0,
    };
}

/// The limit a layer ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Size,
    Ratio,
    Content,
    Metadata,
}

/// What an extraction has read, against its limits; shared by the layer's
/// input (which counts and stops) and the extractor (which marks where it
/// took data).
#[derive(Debug)]
pub struct Meter {
    pub limits: Limits,
    /// Uncompressed bytes read.
    read: Cell<u64>,
    /// Compressed bytes received (counted by the download).
    received: Cell<u64>,
    /// Where the extractor last took data.
    mark: Cell<u64>,
    /// The limit that stopped the reading, if one did.
    hit: Cell<Option<Hit>>,
}

impl Meter {
    pub fn new(limits: Limits) -> Rc<Meter> {
        Rc::new(Meter {
            limits,
            read: Cell::new(0),
            received: Cell::new(0),
            mark: Cell::new(0),
            hit: Cell::new(None),
        })
    }

    /// `n` more compressed bytes arrived.
    pub fn received(&self, n: u64) {
        self.received.set(self.received.get().saturating_add(n));
    }

    /// The extractor takes data here (what follows is not the parser's own).
    pub fn mark(&self) {
        self.mark.set(self.read.get());
    }

    /// Record that `hit` was run into.
    pub fn stop(&self, hit: Hit) {
        self.hit.set(Some(hit));
    }

    /// The limit run into, if any.
    pub fn hit(&self) -> Option<Hit> {
        self.hit.get()
    }

    /// The first limit `read` bytes break.
    fn exceeded(&self) -> Option<Hit> {
        let (read, l) = (self.read.get(), &self.limits);
        if read > l.size {
            return Some(Hit::Size);
        }
        let allowed = self
            .received
            .get()
            .saturating_mul(l.ratio)
            .max(l.ratio_free);
        if l.ratio > 0 && read > allowed {
            return Some(Hit::Ratio);
        }
        if read - self.mark.get() > METADATA_MAX {
            return Some(Hit::Metadata);
        }
        None
    }

    /// Why a layer that ran into `hit` is refused (one line).
    pub fn reason(&self, hit: Hit) -> String {
        let l = &self.limits;
        let bomb = "refusing it as a decompression bomb (if you trust the image, raise layer_max_size or layer_max_ratio in the [pull] table of $XDG_CONFIG_HOME/den/den.conf)";
        match hit {
            Hit::Size => format!("the layer expands beyond {} bytes: {bomb}", l.size),
            Hit::Ratio => format!(
                "the layer expands beyond {} times its compressed size: {bomb}",
                l.ratio
            ),
            Hit::Content => format!("the layer's files add up to more than {} bytes: {bomb}", l.size),
            Hit::Metadata => format!(
                "a layer entry's header data (long name, PAX record or skipped content) is larger than {METADATA_MAX} bytes: refusing the layer"
            ),
        }
    }
}

/// The layer's uncompressed input: hashed (its diff id), counted, and
/// stopped with an error at the meter's limits.
pub struct HashingReader<R> {
    inner: R,
    /// None: metered only (a plain archive has no digest to check).
    hasher: Option<Sha256>,
    meter: Rc<Meter>,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R, meter: Rc<Meter>) -> Self {
        HashingReader {
            inner,
            hasher: Some(Sha256::new()),
            meter,
        }
    }

    /// Count and limit what is read, without hashing it.
    pub fn metered(inner: R, meter: Rc<Meter>) -> Self {
        HashingReader {
            inner,
            hasher: None,
            meter,
        }
    }

    /// Read to the end, then return `sha256:<hex>` and the byte count.
    pub fn finish(mut self) -> io::Result<(String, u64)> {
        io::copy(&mut self, &mut io::sink())?;
        Ok((
            format!(
                "sha256:{}",
                hex::encode(self.hasher.unwrap_or_default().finalize())
            ),
            self.meter.read.get(),
        ))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            h.update(&buf[..n]);
        }
        let m = &self.meter;
        m.read.set(m.read.get() + n as u64);
        if let Some(hit) = m.exceeded() {
            m.stop(hit);
            return Err(io::Error::other(m.reason(hit)));
        }
        Ok(n)
    }
}

/// Counts what is read through it as received (compressed) bytes: the
/// stream a user gives (`build -`), as a download counts a layer's.
pub struct Received<R> {
    inner: R,
    meter: Rc<Meter>,
}

impl<R> Received<R> {
    pub fn new(inner: R, meter: Rc<Meter>) -> Self {
        Received { inner, meter }
    }
}

impl<R: Read> Read for Received<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.received(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(meter: &Rc<Meter>, len: usize) -> io::Result<u64> {
        let data = vec![0u8; len];
        let mut r = HashingReader::new(&data[..], meter.clone());
        let mut buf = vec![0u8; 4096];
        let mut total = 0;
        loop {
            match r.read(&mut buf)? {
                0 => return Ok(total),
                n => {
                    total += n as u64;
                    meter.mark(); // an extractor taking file data
                }
            }
        }
    }

    #[test]
    fn the_reader_stops_at_each_limit() {
        let m = Meter::new(Limits {
            size: 10_000,
            ratio: 0,
            ratio_free: 0,
        });
        assert!(read_all(&m, 20_000).is_err());
        assert_eq!(m.hit(), Some(Hit::Size));

        // 10 compressed bytes may become 1000, or 4096 (the free part).
        let m = Meter::new(Limits {
            size: u64::MAX,
            ratio: 100,
            ratio_free: 4096,
        });
        m.received(10);
        assert!(read_all(&m, 4096).is_ok());
        let m2 = Meter::new(m.limits);
        m2.received(10);
        assert!(read_all(&m2, 8192).is_err());
        assert_eq!(m2.hit(), Some(Hit::Ratio));

        // Bytes nobody marks (the tar parser reading a long name).
        let m = Meter::new(Limits::NONE);
        let data = vec![0u8; (METADATA_MAX + 8192) as usize];
        let mut r = HashingReader::new(&data[..], m.clone());
        assert!(io::copy(&mut r, &mut io::sink()).is_err());
        assert_eq!(m.hit(), Some(Hit::Metadata));
    }
}
