//! Pull progress: bars on a terminal, plain lines otherwise, nothing with -q.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// How progress is shown.
#[derive(Clone)]
pub enum Progress {
    Quiet,
    Lines,
    Bars(MultiProgress),
}

impl Progress {
    /// Bars when stderr is a terminal that can draw them (TERM set and not
    /// `dumb`), lines otherwise, nothing when `quiet`.
    pub fn new(quiet: bool) -> Progress {
        let capable = std::env::var("TERM").is_ok_and(|t| !t.is_empty() && t != "dumb");
        if quiet {
            Progress::Quiet
        } else if capable && std::io::stderr().is_terminal() {
            Progress::Bars(MultiProgress::new())
        } else {
            Progress::Lines
        }
    }

    /// A status line (`Trying to pull ...`).
    pub fn message(&self, msg: &str) {
        match self {
            Progress::Quiet => {}
            Progress::Lines => eprintln!("{msg}"),
            Progress::Bars(m) => {
                let _ = m.println(msg);
            }
        }
    }

    /// Start showing one blob.
    pub fn blob(&self, digest: &str, size: u64) -> BlobProgress {
        let short: String = digest
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect();
        let bar = match self {
            Progress::Bars(m) => {
                let bar = m.add(ProgressBar::new(size));
                bar.set_style(
                    ProgressStyle::with_template(
                        "Copying blob {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_message(short.clone());
                Some(bar)
            }
            _ => None,
        };
        BlobProgress {
            short,
            bar,
            lines: matches!(self, Progress::Lines),
        }
    }
}

/// Progress of one blob.
pub struct BlobProgress {
    short: String,
    bar: Option<ProgressBar>,
    lines: bool,
}

impl BlobProgress {
    /// `n` more bytes arrived.
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    /// The blob is complete (`skipped` when it was already present).
    pub fn done(&self, skipped: bool) {
        let word = if skipped {
            "skipped: already exists"
        } else {
            "done"
        };
        if let Some(b) = &self.bar {
            b.finish_with_message(format!("{} {word}", self.short));
        } else if self.lines {
            eprintln!("Copying blob {} {word}", self.short);
        }
    }
}
