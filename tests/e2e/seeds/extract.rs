//! The Docker command lines of the seeds' notes, as a reader would type
//! them: from fenced blocks, code spans, bold and italic spans, and plain
//! lines that start with `docker `.

/// The seed files (a copy of ../shared/seeds), by name.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_aa1ed9dee336f382.txt",
        include_str!("000_aa1ed9dee336f382.txt"),
    ),
    (
        "001_d3ae9a1428ba25f3.txt",
        include_str!("001_d3ae9a1428ba25f3.txt"),
    ),
    (
        "002_b9c5a79215b0d70f.txt",
        include_str!("002_b9c5a79215b0d70f.txt"),
    ),
    (
        "003_f16e2db96b3e643f.txt",
        include_str!("003_f16e2db96b3e643f.txt"),
    ),
    (
        "004_10cac9aa1c206bf4.txt",
        include_str!("004_10cac9aa1c206bf4.txt"),
    ),
];

/// Every distinct command line, in the order the seeds give them.
pub fn command_lines() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, text) in SEEDS {
        for c in candidates(text) {
            if let Some(line) = normalize(&c) {
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}

/// The texts that may hold a command: fenced lines (a line ending in `\`
/// joined to the next), spans, and plain lines.
fn candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    let mut pending = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") && t.matches("```").count() == 1 {
            fenced = !fenced;
            continue;
        }
        if fenced {
            pending.push_str(t.trim_end_matches('\\'));
            if t.ends_with('\\') {
                pending.push(' ');
            } else {
                out.push(std::mem::take(&mut pending));
            }
            continue;
        }
        if t.starts_with("docker ") {
            out.push(t.to_string());
        }
        out.extend(code_spans(line));
        out.extend(emphasis_spans(line));
    }
    out
}

/// Text between backticks (one or three) on one line.
fn code_spans(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].chars().take_while(|&c| c == '`').count();
        let fence = &rest[start..start + ticks];
        let after = &rest[start + ticks..];
        match after.find(fence) {
            Some(end) => {
                out.push(after[..end].to_string());
                rest = &after[end + ticks..];
            }
            None => break,
        }
    }
    out
}

/// Text between `*` or `**` outside code spans, markdown's backslash
/// escapes undone (`web\\*` is the `web\*` a reader types).
fn emphasis_spans(line: &str) -> Vec<String> {
    // Code spans are not emphasis: blank them out.
    let mut plain = String::new();
    let mut in_code = false;
    for ch in line.chars() {
        if ch == '`' {
            in_code = !in_code;
            plain.push(' ');
        } else {
            plain.push(if in_code { ' ' } else { ch });
        }
    }
    // Escaped characters are text, never delimiters.
    let plain = plain.replace("\\\\*", "\u{1}\u{2}").replace("\\*", "\u{2}");
    let unescape = |s: &str| s.replace('\u{1}', "\\").replace('\u{2}', "*");
    // A list item's bullet is no delimiter; bold's `**` pairs are no
    // italic's `*`.
    let plain = match plain.trim_start().strip_prefix("* ") {
        Some(rest) => rest.to_string(),
        None => plain,
    };
    let mut out = Vec::new();
    for delim in ["**", "*"] {
        let text = if delim == "*" {
            plain.replace("**", "  ")
        } else {
            plain.clone()
        };
        let mut rest = text.as_str();
        while let Some(start) = rest.find(delim) {
            let after = &rest[start + delim.len()..];
            match after.find(delim) {
                Some(end) if !after[..end].is_empty() => {
                    let inner = &after[..end];
                    if !inner.starts_with('*') {
                        out.push(unescape(inner));
                    }
                    rest = &after[end + delim.len()..];
                }
                _ => break,
            }
        }
    }
    out
}

/// The command in a candidate, without a shell prompt, a trailing
/// comment or dot leader; `None` for prose that only names docker.
fn normalize(c: &str) -> Option<String> {
    let mut s = c.trim().trim_start_matches("$ ").trim().to_string();
    if let Some(i) = s.find("..") {
        if s[i..].trim_start_matches('.').trim_start().starts_with('#') {
            s.truncate(i);
        }
    }
    if let Some(i) = s.find(" # ") {
        s.truncate(i);
    }
    if let Some(s2) = s.strip_suffix(", где") {
        s = s2.to_string();
    }
    // "docker network ls > вывести список": an arrow to a note, not a
    // redirection.
    if let Some(i) = s.find(" > ") {
        if s[i + 3..].starts_with(|c: char| !c.is_ascii()) {
            s.truncate(i);
        }
    }
    let s = s.trim().to_string();
    // `DOCKER_HOST=... docker images`: assignments before the command.
    let command = s
        .split_whitespace()
        .skip_while(|w| w.contains('=') && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect::<Vec<_>>()
        .join(" ");
    let runs_docker = command.starts_with("docker ") || s.contains("$(docker ");
    let word = command.split_whitespace().nth(1).unwrap_or("");
    let first = word.chars().next().unwrap_or(' ');
    // "docker client", "docker will ...": prose; a command's second word
    // is a verb, an option, or a placeholder.
    let prose = [
        "client",
        "will",
        "daemon",
        "docs",
        "engine",
        "image.",
        "image/container",
        "group",
        "hub",
        "file",
        "cache.",
        "objects,",
        "that",
        "just",
        "images (old",
        "status**",
    ];
    let after = command.strip_prefix("docker ").unwrap_or("");
    if !runs_docker || prose.iter().any(|p| after.starts_with(p)) {
        return None;
    }
    if !(first.is_alphabetic() || first == '-' || first == '<' || first == '[') {
        return None;
    }
    Some(s)
}
