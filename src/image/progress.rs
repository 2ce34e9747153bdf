//! Pull progress as events: the puller reports, a front-end renders (bars
//! or lines on a terminal, nothing with -q, JSON lines on an API stream).

/// One thing a pull reports (as JSON: `{"event": "blob_bytes", ...}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PullEvent<'a> {
    /// A status line (`Trying to pull ...`).
    Message(&'a str),
    /// A blob starts: its digest and its size as the manifest gives it.
    BlobStart { digest: &'a str, size: u64 },
    /// `bytes` more bytes of a blob arrived.
    BlobBytes { digest: &'a str, bytes: u64 },
    /// A blob is complete (`skipped` when it was already present).
    BlobDone { digest: &'a str, skipped: bool },
}

/// Where a pull reports. Called from the download tasks, so it must be
/// shareable; it should not block.
pub trait Progress: Send + Sync {
    fn report(&self, event: PullEvent<'_>);
}

/// The first 12 hex digits of a digest, as progress shows it.
pub fn short_digest(digest: &str) -> String {
    digest
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect()
}
