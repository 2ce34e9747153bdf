//! `.volume`, `.network`, `.image` and `.build` files as oneshot units
//! that make the volume or network (`--ignore`: one that exists is
//! kept), pull the image or build it. A `.container` that uses one
//! requires its unit (`container.rs`).

use anyhow::{anyhow, bail, Result};

use super::unitfile::{boolean, join_words, split_words, Entry, UnitFile};
use super::{
    entry_lines, group_of, header, install_section, links, service_name, stem, Arg, Context,
    Generated, Resource,
};

/// Each kind's keys den reads, and podman's it has no flag for yet.
fn keys(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "volume" => (
            &["VolumeName", "Driver", "Device", "Type", "Options", "Label"],
            &[
                "Copy",
                "User",
                "Group",
                "Image",
                "UID",
                "GID",
                "ContainersConfModule",
            ],
        ),
        "network" => (
            &[
                "NetworkName",
                "Driver",
                "Subnet",
                "Gateway",
                "Internal",
                "DisableDNS",
                "Label",
                "NetworkDeleteOnStop",
            ],
            &[
                "IPRange",
                "IPv6",
                "Options",
                "DNS",
                "IPAMDriver",
                "InterfaceName",
                "ContainersConfModule",
            ],
        ),
        "image" => (
            &[
                "Image",
                "ImageTag",
                "AuthFile",
                "CertDir",
                "Creds",
                "TLSVerify",
            ],
            &[
                "AllTags",
                "Arch",
                "OS",
                "Variant",
                "DecryptionKey",
                "Policy",
                "Retry",
                "RetryDelay",
                "ContainersConfModule",
            ],
        ),
        _ => (
            &[
                "ImageTag",
                "File",
                "SetWorkingDirectory",
                "Target",
                "Pull",
                "BuildArg",
                "Label",
                "Network",
                "Secret",
                "TLSVerify",
                "AuthFile",
                "IgnoreFile",
            ],
            &[
                "Annotation",
                "Arch",
                "DNS",
                "DNSOption",
                "DNSSearch",
                "Environment",
                "ForceRM",
                "GroupAdd",
                "Variant",
                "Volume",
                "Retry",
                "RetryDelay",
                "ContainersConfModule",
            ],
        ),
    }
}

/// What the file makes: its unit, and the volume's, network's or image's
/// name (`systemd-STEM` unless named).
pub fn resource(f: &UnitFile, kind: &str) -> Result<Resource> {
    let group = group_of(kind);
    let named = |k: &str| f.last(group, k).map(|e| e.value.clone());
    let name = match kind {
        "volume" => named("VolumeName"),
        "network" => named("NetworkName"),
        "image" => named("ImageTag").or_else(|| named("Image")),
        _ => named("ImageTag"),
    };
    let name = match (name, kind) {
        (Some(n), _) => n,
        (None, "image") => bail!("{}: [Image] needs Image=", f.path.display()),
        (None, "build") => bail!(
            "{}: [Build] needs ImageTag= (the image's name)",
            f.path.display()
        ),
        (None, _) => {
            let s = stem(&f.path);
            match s.split_once('@') {
                Some((base, _)) => format!("systemd-{base}-%i"),
                None => format!("systemd-{s}"),
            }
        }
    };
    Ok(Resource {
        service: service_name(f, kind),
        name,
    })
}

pub fn convert(ctx: &Context, f: &UnitFile, kind: &str) -> Result<Generated> {
    let file = f.path.display().to_string();
    let group = group_of(kind);
    let at = |e: &Entry, msg: &str| anyhow!("{file}:{}: {}: {msg}", e.line, e.key);
    let (known, not_yet) = keys(kind);
    for e in f.entries(group) {
        if not_yet.contains(&e.key.as_str()) {
            return Err(at(e, "den has no flag for this podman key yet"));
        }
        if !known.contains(&e.key.as_str())
            && !["PodmanArgs", "DenArgs", "GlobalArgs", "ServiceName"].contains(&e.key.as_str())
        {
            return Err(at(e, &format!("unsupported key in [{group}]")));
        }
    }
    if f.group(group).is_none() {
        bail!("{file}: no [{group}] group");
    }
    let r = resource(f, kind)?;
    let last = |k: &str| f.last(group, k);
    let mut args: Vec<Arg> = Vec::new();
    let mut push = |line: usize, words: &[&str]| {
        args.extend(words.iter().map(|w| Arg {
            word: w.to_string(),
            line,
        }))
    };
    let words = |e: &Entry| split_words(&e.value).map_err(|m| at(e, &m.to_string()));
    for e in f.all(group, "GlobalArgs") {
        for w in words(e)? {
            push(e.line, &[&w]);
        }
    }
    let dir = f.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let mut extra_service = String::new();
    match kind {
        "volume" => {
            push(0, &["volume", "create", "--ignore"]);
            if let Some(e) = last("Driver") {
                push(e.line, &["--driver", &e.value]);
            }
            for (k, opt) in [("Device", "device"), ("Type", "type"), ("Options", "o")] {
                if let Some(e) = last(k) {
                    push(e.line, &["--opt", &format!("{opt}={}", e.value)]);
                }
            }
        }
        "network" => {
            push(0, &["network", "create", "--ignore"]);
            for (k, flag) in [("DisableDNS", "--disable-dns"), ("Internal", "--internal")] {
                if let Some(e) = last(k) {
                    if boolean(e).map_err(|m| at(e, &m.to_string()))? {
                        push(e.line, &[flag]);
                    }
                }
            }
            if let Some(e) = last("Driver") {
                push(e.line, &["--driver", &e.value]);
            }
            let gateways = f.all(group, "Gateway");
            let subnets = f.all(group, "Subnet");
            if gateways.len() > subnets.len() {
                return Err(at(gateways[subnets.len()], "more gateways than subnets"));
            }
            for (i, s) in subnets.iter().enumerate() {
                push(s.line, &["--subnet", &s.value]);
                if let Some(g) = gateways.get(i) {
                    push(g.line, &["--gateway", &g.value]);
                }
            }
            if let Some(e) = last("NetworkDeleteOnStop") {
                if boolean(e).map_err(|m| at(e, &m.to_string()))? {
                    extra_service.push_str(&format!(
                        "ExecStopPost={} network rm {}\n",
                        ctx.den,
                        join_words(std::slice::from_ref(&r.name))
                    ));
                }
            }
        }
        "image" => {
            push(0, &["pull"]);
            for (k, flag) in [
                ("AuthFile", "--authfile"),
                ("CertDir", "--cert-dir"),
                ("Creds", "--creds"),
            ] {
                if let Some(e) = last(k) {
                    push(e.line, &[flag, &e.value]);
                }
            }
            if let Some(e) = last("TLSVerify") {
                let on = boolean(e).map_err(|m| at(e, &m.to_string()))?;
                push(e.line, &[&format!("--tls-verify={on}")]);
            }
        }
        _ => {
            push(0, &["build"]);
            for e in f.all(group, "ImageTag") {
                push(e.line, &["--tag", &e.value]);
            }
            for (k, flag) in [
                ("File", "--file"),
                ("Target", "--target"),
                ("Pull", "--pull"),
                ("AuthFile", "--authfile"),
                ("IgnoreFile", "--ignorefile"),
            ] {
                if let Some(e) = last(k) {
                    push(e.line, &[&format!("{flag}={}", e.value)]);
                }
            }
            if let Some(e) = last("TLSVerify") {
                let on = boolean(e).map_err(|m| at(e, &m.to_string()))?;
                push(e.line, &[&format!("--tls-verify={on}")]);
            }
            for (k, flag) in [
                ("BuildArg", "--build-arg"),
                ("Network", "--network"),
                ("Secret", "--secret"),
            ] {
                for e in f.all(group, k) {
                    for w in words(e)? {
                        push(e.line, &[flag, &w]);
                    }
                }
            }
        }
    }
    for e in f.all(group, "Label") {
        for w in words(e)? {
            push(e.line, &["--label", &w]);
        }
    }
    for key in ["PodmanArgs", "DenArgs"] {
        for e in f.all(group, key) {
            for w in words(e)? {
                push(e.line, &[&w]);
            }
        }
    }
    match kind {
        "image" => {
            let image = last("Image")
                .map(|e| (e.line, e.value.clone()))
                .unwrap_or_default();
            push(image.0, &[&image.1]);
        }
        "build" => {
            // The context: SetWorkingDirectory (a path or URL), else the
            // quadlet file's directory.
            let context = match last("SetWorkingDirectory") {
                Some(e) if e.value.starts_with('/') || e.value.contains("://") => e.value.clone(),
                Some(e) if e.value != "file" => {
                    return Err(at(
                        e,
                        "give a directory, a URL, or file (the quadlet file's directory)",
                    ))
                }
                _ => dir.display().to_string(),
            };
            push(0, &[&context]);
        }
        _ => push(0, &[&r.name]),
    }
    let mut out = header(&f.path);
    out.push_str(&format!("[X-{group}]\n"));
    entry_lines(&mut out, f.entries(group));
    out.push_str("\n[Unit]\n");
    entry_lines(&mut out, f.entries("Unit"));
    out.push_str(&format!("SourcePath={file}\nRequiresMountsFor=%t/den\n"));
    out.push_str("\n[Service]\n");
    entry_lines(&mut out, f.entries("Service"));
    let user_keys: std::collections::BTreeSet<&str> =
        f.entries("Service").map(|e| e.key.as_str()).collect();
    let words: Vec<String> = args.iter().map(|a| a.word.clone()).collect();
    out.push_str(&format!("ExecStart={} {}\n", ctx.den, join_words(&words)));
    out.push_str(&extra_service);
    for (k, v) in [("SyslogIdentifier", "%N"), ("Type", "oneshot")] {
        if !user_keys.contains(k) {
            out.push_str(&format!("{k}={v}\n"));
        }
    }
    if kind != "build" && !user_keys.contains("RemainAfterExit") {
        out.push_str("RemainAfterExit=yes\n");
    }
    install_section(&mut out, f);
    Ok(Generated {
        links: links(f, &r.service),
        service: r.service,
        source: f.path.clone(),
        text: out,
        command: args,
    })
}
