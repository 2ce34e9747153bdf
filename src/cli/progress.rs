//! Pull progress on a terminal: bars when stderr can draw them, plain
//! lines otherwise, nothing with -q.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use crate::engine::images::{short_digest, Progress, PullEvent};

/// How progress is shown.
enum Style {
    Quiet,
    Lines,
    Bars(MultiProgress),
}

/// Renders a pull's events on stderr.
pub struct Terminal {
    style: Style,
    bars: Mutex<HashMap<String, ProgressBar>>,
}

impl Terminal {
    /// Bars when stderr is a terminal that can draw them (TERM set and not
    /// `dumb`), lines otherwise, nothing when `quiet`.
    pub fn shared(quiet: bool) -> Arc<dyn Progress> {
        let capable = std::env::var("TERM").is_ok_and(|t| !t.is_empty() && t != "dumb");
        let style = if quiet {
            Style::Quiet
        } else if capable && std::io::stderr().is_terminal() {
            Style::Bars(MultiProgress::new())
        } else {
            Style::Lines
        };
        Arc::new(Terminal {
            style,
            bars: Mutex::new(HashMap::new()),
        })
    }

    fn bars(&self) -> std::sync::MutexGuard<'_, HashMap<String, ProgressBar>> {
        self.bars.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Progress for Terminal {
    fn report(&self, event: PullEvent<'_>) {
        match (&self.style, event) {
            (Style::Quiet, _) => {}
            (Style::Lines, PullEvent::Message(m)) => eprintln!("{m}"),
            (Style::Bars(m), PullEvent::Message(msg)) => {
                let _ = m.println(msg);
            }
            (Style::Bars(m), PullEvent::BlobStart { digest, size }) => {
                let bar = m.add(ProgressBar::new(size));
                bar.set_style(
                    ProgressStyle::with_template(
                        "Copying blob {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_message(short_digest(digest));
                self.bars().insert(digest.to_string(), bar);
            }
            (Style::Bars(_), PullEvent::BlobBytes { digest, bytes }) => {
                if let Some(b) = self.bars().get(digest) {
                    b.inc(bytes);
                }
            }
            (style, PullEvent::BlobDone { digest, skipped }) => {
                let word = if skipped {
                    "skipped: already exists"
                } else {
                    "done"
                };
                let short = short_digest(digest);
                match style {
                    Style::Bars(_) => {
                        if let Some(b) = self.bars().remove(digest) {
                            b.finish_with_message(format!("{short} {word}"));
                        }
                    }
                    _ => eprintln!("Copying blob {short} {word}"),
                }
            }
            (Style::Lines, _) => {}
        }
    }
}
