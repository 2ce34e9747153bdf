//! The container whose record this process made last (`create`), while
//! nothing of this process has rewritten a record since: a supervisor
//! forked for it takes the command's copy instead of reading
//! `config.json` again (`engine/start.rs`), 0.1 ms of every `run`. A
//! command that read a record to start it (`start`, `restart`, `compose
//! start`) never has it: a change another command made meanwhile
//! (`update`, `rename`, `network connect`), or the record gone with a
//! `--rm` container's stop, is read, as the supervisor always did.

use std::sync::Mutex;

static JUST_MADE: Mutex<Option<String>> = Mutex::new(None);

/// The record of `id` made now; `None`: a record rewritten.
pub fn set(id: Option<&str>) {
    if let Ok(mut j) = JUST_MADE.lock() {
        *j = id.map(str::to_string);
    }
}

/// Whether `id`'s record is the one this process made last, unchanged
/// by it since.
pub fn is(id: &str) -> bool {
    JUST_MADE.lock().is_ok_and(|j| j.as_deref() == Some(id))
}

#[cfg(test)]
mod tests {
    /// Made, it is the one; another made, or any record rewritten, and
    /// it is no longer.
    #[test]
    fn only_the_last_record_made_and_not_rewritten() {
        super::set(Some("a"));
        assert!(super::is("a"));
        assert!(!super::is("b"));
        super::set(Some("b"));
        assert!(!super::is("a") && super::is("b"));
        super::set(None);
        assert!(!super::is("b"));
    }
}
