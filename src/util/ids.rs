//! Random ids and human-readable container names.

use rand::Rng;

/// `n` random bytes, from the kernel (getrandom(2)): rand's thread-local
/// generator would first probe the CPU's features, some 40 µs of every
/// `create` on a VM where each `cpuid` traps (issue 18).
fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    let mut filled = 0;
    while filled < n {
        match rustix::rand::getrandom(&mut bytes[filled..], rustix::rand::GetRandomFlags::empty()) {
            Ok(k) => filled += k,
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => {
                rand::rng().fill(&mut bytes[filled..]);
                break;
            }
        }
    }
    bytes
}

/// `n` random bytes as lower-case hex (2n characters).
pub fn random_hex(n: usize) -> String {
    hex::encode(random_bytes(n))
}

/// A new 64-character container id.
pub fn new_id() -> String {
    random_hex(32)
}

/// Whether `s` is a full id as [`new_id`] makes them (64 lower-case hex
/// characters).
pub fn is_full_id(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

const ADJECTIVES: &[&str] = &[
    "admiring",
    "agitated",
    "amazing",
    "angry",
    "awesome",
    "blissful",
    "bold",
    "brave",
    "busy",
    "charming",
    "clever",
    "cool",
    "dazzling",
    "determined",
    "dreamy",
    "eager",
    "ecstatic",
    "elastic",
    "elegant",
    "epic",
    "exciting",
    "fervent",
    "focused",
    "friendly",
    "gallant",
    "gifted",
    "goofy",
    "gracious",
    "happy",
    "hopeful",
    "jolly",
    "keen",
    "kind",
    "laughing",
    "loving",
    "lucid",
    "magical",
    "modest",
    "musing",
    "nice",
    "nifty",
    "nostalgic",
    "objective",
    "optimistic",
    "peaceful",
    "pedantic",
    "pensive",
    "practical",
    "quirky",
    "relaxed",
    "romantic",
    "serene",
    "sharp",
    "silly",
    "sleepy",
    "stoic",
    "strange",
    "sweet",
    "tender",
    "trusting",
    "upbeat",
    "vibrant",
    "vigilant",
    "wizardly",
    "wonderful",
    "youthful",
    "zealous",
    "zen",
];

const NAMES: &[&str] = &[
    "albattani",
    "allen",
    "archimedes",
    "babbage",
    "banach",
    "bardeen",
    "bell",
    "bhabha",
    "bohr",
    "brahmagupta",
    "cannon",
    "carson",
    "cerf",
    "chandrasekhar",
    "curie",
    "darwin",
    "dijkstra",
    "einstein",
    "elion",
    "euclid",
    "euler",
    "faraday",
    "fermat",
    "feynman",
    "franklin",
    "galileo",
    "gauss",
    "goldberg",
    "goodall",
    "hamilton",
    "hawking",
    "heisenberg",
    "hopper",
    "hypatia",
    "johnson",
    "kepler",
    "knuth",
    "lamarr",
    "lovelace",
    "mayer",
    "mccarthy",
    "meitner",
    "mendel",
    "morse",
    "newton",
    "noether",
    "pascal",
    "pasteur",
    "payne",
    "poincare",
    "ritchie",
    "sammet",
    "shannon",
    "tesla",
    "thompson",
    "torvalds",
    "turing",
    "volhard",
    "wiles",
    "wozniak",
    "wright",
    "yalow",
];

/// A name like podman's `amazing_turing`.
pub fn random_name() -> String {
    let r = random_bytes(8);
    // Two 32-bit draws: the modulo's bias is below one in ten million.
    let pick = |b: &[u8], len: usize| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize % len;
    let a = ADJECTIVES[pick(&r[..4], ADJECTIVES.len())];
    let n = NAMES[pick(&r[4..], NAMES.len())];
    format!("{a}_{n}")
}

/// A valid container name: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hex_of_the_length_asked_and_differ() {
        let a = new_id();
        assert!(is_full_id(&a), "{a}");
        assert!(!is_full_id(&a[1..]) && !is_full_id(&a.to_uppercase()));
        assert_ne!(a, new_id());
        assert_eq!(random_hex(300).len(), 600, "past getrandom's short reads");
    }

    #[test]
    fn names_are_valid_and_spread_over_both_lists() {
        let names: std::collections::BTreeSet<String> = (0..400).map(|_| random_name()).collect();
        assert!(names.len() > 300, "{} distinct of 400", names.len());
        let firsts: std::collections::BTreeSet<&str> =
            names.iter().filter_map(|n| n.split('_').next()).collect();
        assert!(firsts.len() > ADJECTIVES.len() / 2);
        for n in &names {
            assert!(is_valid_name(n), "{n}");
            let (a, b) = n.split_once('_').expect("adjective_name");
            assert!(ADJECTIVES.contains(&a) && NAMES.contains(&b), "{n}");
        }
    }
}
