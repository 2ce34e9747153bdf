//! Lexical clean-up of paths taken from layers and user input.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// Split `raw` into normal components as if it were resolved inside a root:
/// empty and `.` parts vanish, `..` removes the previous part and never
/// climbs above the root, a leading `/` means the root.
pub fn clean_components(raw: &[u8]) -> Vec<&OsStr> {
    let mut out: Vec<&OsStr> = Vec::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                out.pop();
            }
            p => out.push(OsStr::from_bytes(p)),
        }
    }
    out
}

/// Join components into a relative path.
pub fn join(comps: &[&OsStr]) -> PathBuf {
    comps.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_leaves_the_root() {
        let c = |s: &str| -> Vec<String> {
            clean_components(s.as_bytes())
                .iter()
                .map(|x| x.to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(c("../../etc/passwd"), ["etc", "passwd"]);
        assert_eq!(c("/abs/./x//y/"), ["abs", "x", "y"]);
        assert_eq!(c("a/../../b"), ["b"]);
        assert!(c("..").is_empty());
    }
}
