//! A `.container` file as a `.service` unit: `ExecStart=` runs `den run
//! -d` with the flags its keys name (podman's quadlet names), the
//! supervisor is the unit's main process (`Type=notify`, `--sdnotify`),
//! `ExecStop=` removes the container with its stop timeout, and units of
//! the `.network`, `.volume`, `.image` and `.build` files it uses become
//! its dependencies.

use anyhow::{anyhow, bail, Result};

use super::unitfile::{boolean, split_words, Entry, UnitFile};
use super::{entry_lines, header, install_section, links, service_name, Arg, Context, Generated};

/// Keys taken as they are, one flag per line: key, flag.
const REPEATED: &[(&str, &str)] = &[
    ("PublishPort", "--publish"),
    ("NetworkAlias", "--network-alias"),
    ("Ulimit", "--ulimit"),
    ("DNS", "--dns"),
    ("DNSSearch", "--dns-search"),
    ("DNSOption", "--dns-option"),
    ("AddHost", "--add-host"),
    ("Tmpfs", "--tmpfs"),
];
/// Keys whose words are each a flag's value: key, flag.
const WORDS: &[(&str, &str)] = &[
    ("AddCapability", "--cap-add"),
    ("DropCapability", "--cap-drop"),
    ("AddDevice", "--device"),
    ("Sysctl", "--sysctl"),
    ("UIDMap", "--uidmap"),
    ("GIDMap", "--gidmap"),
    ("LogOpt", "--log-opt"),
    ("Mount", "--mount"),
];
/// Keys of one value (the last wins): key, flag.
const SINGLE: &[(&str, &str)] = &[
    ("WorkingDir", "--workdir"),
    ("HostName", "--hostname"),
    ("StopSignal", "--stop-signal"),
    ("StopTimeout", "--stop-timeout"),
    ("Pull", "--pull"),
    ("Memory", "--memory"),
    ("PidsLimit", "--pids-limit"),
    ("IP", "--ip"),
    ("LogDriver", "--log-driver"),
    ("UserNS", "--userns"),
    ("Entrypoint", "--entrypoint"),
    ("CgroupsMode", "--cgroups"),
    ("HealthCmd", "--health-cmd"),
    ("HealthInterval", "--health-interval"),
    ("HealthTimeout", "--health-timeout"),
    ("HealthRetries", "--health-retries"),
    ("HealthStartPeriod", "--health-start-period"),
    ("HealthOnFailure", "--health-on-failure"),
];
/// Keys read elsewhere in this file.
const OTHER: &[&str] = &[
    "Image",
    "Exec",
    "ContainerName",
    "Environment",
    "EnvironmentFile",
    "Label",
    "Volume",
    "Network",
    "User",
    "Group",
    "Notify",
    "PodmanArgs",
    "DenArgs",
    "GlobalArgs",
    "AutoUpdate",
    "ReadOnly",
    "ReadOnlyTmpfs",
    "RunInit",
    "NoNewPrivileges",
    "SeccompProfile",
    "Mask",
    "Unmask",
    "ReloadCmd",
    "ReloadSignal",
    "ServiceName",
];
/// podman's keys den has no flag for yet: named in a clear error.
const NOT_YET: &[&str] = &[
    "Annotation",
    "AppArmor",
    "ContainersConfModule",
    "EnvironmentHost",
    "ExposeHostPort",
    "GroupAdd",
    "HealthLogDestination",
    "HealthMaxLogCount",
    "HealthMaxLogSize",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
    "HttpProxy",
    "IP6",
    "Pod",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "Retry",
    "RetryDelay",
    "Rootfs",
    "Secret",
    "SecurityLabelDisable",
    "SecurityLabelFileType",
    "SecurityLabelLevel",
    "SecurityLabelNested",
    "SecurityLabelType",
    "ShmSize",
    "StartWithPod",
    "SubGIDMap",
    "SubUIDMap",
    "Timezone",
    "VolatileTmp",
];

/// `[Unit]` keys that name other units: a quadlet file's name there
/// becomes its unit's (`db.container` → `db.service`).
const UNIT_REFS: &[&str] = &[
    "After",
    "Before",
    "BindsTo",
    "Conflicts",
    "OnFailure",
    "OnSuccess",
    "PartOf",
    "PropagatesReloadTo",
    "ReloadPropagatedFrom",
    "Requires",
    "Requisite",
    "Upholds",
    "Wants",
];

/// The unit a quadlet file's name stands for, found or not
/// (`db.container` → `db.service`, `data.volume` → `data-volume.service`).
fn unit_of(name: &str) -> String {
    let path = std::path::Path::new(name);
    match super::kind_of(path) {
        Some("container") => format!("{}.service", super::stem(path)),
        Some(k) if k != "unsupported" => format!("{}-{k}.service", super::stem(path)),
        _ => name.to_string(),
    }
}

fn push(args: &mut Vec<Arg>, line: usize, words: &[&str]) {
    args.extend(words.iter().map(|w| Arg {
        word: w.to_string(),
        line,
    }));
}

pub fn convert(ctx: &Context, f: &UnitFile) -> Result<Generated> {
    let file = f.path.display().to_string();
    let at = |e: &Entry, msg: String| anyhow!("{file}:{}: {}: {msg}", e.line, e.key);
    for e in f.entries("Container") {
        let known = |list: &[(&str, &str)]| list.iter().any(|(k, _)| *k == e.key);
        if NOT_YET.contains(&e.key.as_str()) {
            return Err(at(e, "den has no flag for this podman key yet (remove it, or run the container with podman)".into()));
        }
        if !(known(REPEATED) || known(WORDS) || known(SINGLE) || OTHER.contains(&e.key.as_str())) {
            return Err(at(e, "unsupported key in [Container]".into()));
        }
    }
    if f.group("Container").is_none() {
        bail!("{file}: no [Container] group");
    }
    let last = |k: &str| f.last("Container", k);
    let service = service_name(f, "container");
    let name = match last("ContainerName") {
        Some(e) => e.value.clone(),
        None if super::stem(&f.path).contains('@') => "systemd-%p_%i".to_string(),
        None => "systemd-%N".to_string(),
    };
    let mut deps: Vec<String> = Vec::new();
    let mut mounts_for: Vec<String> = Vec::new();
    let resolve = |e: &Entry, value: &str, deps: &mut Vec<String>| -> Result<String> {
        match ctx.resources.get(value) {
            Some(r) => {
                deps.push(r.service.clone());
                Ok(r.name.clone())
            }
            None if super::kind_of(std::path::Path::new(value)).is_some() => Err(at(
                e,
                format!("{value} is not a quadlet file den found (looked in the same directories)"),
            )),
            None => Ok(value.to_string()),
        }
    };

    // The den command, after the binary.
    let mut args: Vec<Arg> = Vec::new();
    for e in f.all("Container", "GlobalArgs") {
        for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
            push(&mut args, e.line, &[&w]);
        }
    }
    push(
        &mut args,
        0,
        &[
            "run",
            "--name",
            &name,
            "--cidfile=%t/%N.cid",
            "--replace",
            "--rm",
        ],
    );
    for (key, flag) in SINGLE {
        if let Some(e) = last(key) {
            push(&mut args, e.line, &[flag, &e.value]);
        }
    }
    for (key, flag) in REPEATED {
        for e in f.all("Container", key) {
            push(&mut args, e.line, &[flag, &e.value]);
        }
    }
    for (key, flag) in WORDS {
        for e in f.all("Container", key) {
            for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
                push(&mut args, e.line, &[flag, &w]);
            }
        }
    }
    for e in f.all("Container", "Network") {
        let (net, opts) = match e.value.split_once(':') {
            Some((n, o)) => (n, Some(o)),
            None => (e.value.as_str(), None),
        };
        let net = if net.ends_with(".container") {
            let other = ctx
                .resources
                .get(net)
                .ok_or_else(|| at(e, format!("{net} is not a quadlet file den found")))?;
            if other.name.is_empty() {
                return Err(at(
                    e,
                    format!("{net}: its ContainerName= has a specifier other than %N, so its name is not known here (name it without one)"),
                ));
            }
            deps.push(other.service.clone());
            format!("container:{}", other.name)
        } else {
            resolve(e, net, &mut deps)?
        };
        let value = match opts {
            Some(o) => format!("{net}:{o}"),
            None => net,
        };
        push(&mut args, e.line, &["--network", &value]);
    }
    let mode = match last("Notify").map(|e| e.value.to_ascii_lowercase()) {
        Some(v) if v == "healthy" => "healthy",
        Some(v) if ["1", "yes", "true", "on"].contains(&v.as_str()) => "container",
        _ => "conmon",
    };
    push(&mut args, 0, &[&format!("--sdnotify={mode}"), "-d"]);
    for (key, flag) in [
        ("ReadOnly", "--read-only"),
        ("RunInit", "--init"),
        ("NoNewPrivileges", "--security-opt=no-new-privileges"),
    ] {
        if let Some(e) = last(key) {
            if boolean(e).map_err(|m| at(e, m.to_string()))? {
                push(&mut args, e.line, &[flag]);
            }
        }
    }
    if let Some(e) = last("ReadOnlyTmpfs") {
        let on = boolean(e).map_err(|m| at(e, m.to_string()))?;
        push(&mut args, e.line, &[&format!("--read-only-tmpfs={on}")]);
    }
    if let Some(e) = last("SeccompProfile") {
        push(
            &mut args,
            e.line,
            &["--security-opt", &format!("seccomp={}", e.value)],
        );
    }
    for (key, opt) in [("Mask", "mask"), ("Unmask", "unmask")] {
        for e in f.all("Container", key) {
            for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
                push(
                    &mut args,
                    e.line,
                    &["--security-opt", &format!("{opt}={w}")],
                );
            }
        }
    }
    match (last("User"), last("Group")) {
        (Some(u), Some(g)) => push(
            &mut args,
            u.line,
            &["--user", &format!("{}:{}", u.value, g.value)],
        ),
        (Some(u), None) => push(&mut args, u.line, &["--user", &u.value]),
        (None, Some(g)) => return Err(at(g, "Group= needs User= too".into())),
        (None, None) => {}
    }
    let dir = f.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    for e in f.all("Container", "Volume") {
        let parts: Vec<&str> = e.value.splitn(2, ':').collect();
        let (src, rest) = match parts.as_slice() {
            [src, rest] => (*src, Some(*rest)),
            [only] => (*only, None),
            _ => continue,
        };
        let src = if src.starts_with('.') {
            let abs = std::path::absolute(dir.join(src))
                .unwrap_or_else(|_| dir.join(src))
                .display()
                .to_string();
            mounts_for.push(abs.clone());
            abs
        } else if src.starts_with('/') {
            if rest.is_some() {
                mounts_for.push(src.to_string());
            }
            src.to_string()
        } else {
            resolve(e, src, &mut deps)?
        };
        let value = match rest {
            Some(r) => format!("{src}:{r}"),
            None => src,
        };
        push(&mut args, e.line, &["--volume", &value]);
    }
    if let Some(e) = last("AutoUpdate") {
        push(
            &mut args,
            e.line,
            &["--label", &format!("io.containers.autoupdate={}", e.value)],
        );
    }
    // KEY=VALUE words (a bare KEY: from den's environment); the last
    // value of a key wins, in key order, as quadlet writes them.
    for (key, flag) in [("Environment", "--env"), ("Label", "--label")] {
        let mut pairs: std::collections::BTreeMap<String, (String, usize)> = Default::default();
        for e in f.all("Container", key) {
            for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
                let k = w.split('=').next().unwrap_or_default().to_string();
                pairs.insert(k, (w, e.line));
            }
        }
        for (word, line) in pairs.into_values() {
            push(&mut args, line, &[flag, &word]);
        }
    }
    for e in f.all("Container", "EnvironmentFile") {
        for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
            let path = if w.starts_with('/') || w.starts_with('%') {
                w
            } else {
                std::path::absolute(dir.join(&w))
                    .unwrap_or_else(|_| dir.join(&w))
                    .display()
                    .to_string()
            };
            push(&mut args, e.line, &["--env-file", &path]);
        }
    }
    for key in ["PodmanArgs", "DenArgs"] {
        for e in f.all("Container", key) {
            for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
                push(&mut args, e.line, &[&w]);
            }
        }
    }
    let image = last("Image").ok_or_else(|| anyhow!("{file}: [Container] needs Image="))?;
    let image_name = resolve(image, &image.value, &mut deps)?;
    push(&mut args, image.line, &[&image_name]);
    if let Some(e) = last("Exec") {
        for w in split_words(&e.value).map_err(|m| at(e, m.to_string()))? {
            push(&mut args, e.line, &[&w]);
        }
    }

    // The unit.
    let den = &ctx.den;
    let stop_timeout = last("StopTimeout")
        .map(|e| e.value.clone())
        .unwrap_or_else(|| "10".into());
    let words: Vec<String> = args.iter().map(|a| a.word.clone()).collect();
    let mut out = header(&f.path);
    out.push_str("[X-Container]\n");
    entry_lines(&mut out, f.entries("Container"));
    out.push_str("\n[Unit]\n");
    for e in f.entries("Unit") {
        let value = if UNIT_REFS.contains(&e.key.as_str()) {
            e.value
                .split_whitespace()
                .map(|u| match ctx.resources.get(u) {
                    Some(r) => r.service.clone(),
                    None => unit_of(u),
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            e.value.clone()
        };
        out.push_str(&format!("{}={value}\n", e.key));
    }
    deps.sort();
    deps.dedup();
    for d in &deps {
        out.push_str(&format!("Requires={d}\nAfter={d}\n"));
    }
    out.push_str(&format!("SourcePath={file}\nRequiresMountsFor=%t/den\n"));
    for m in &mounts_for {
        out.push_str(&format!("RequiresMountsFor={m}\n"));
    }
    out.push_str("\n[Service]\n");
    let mut user_service = std::collections::BTreeSet::new();
    for e in f.entries("Service") {
        match e.key.as_str() {
            "KillMode" if !["mixed", "control-group"].contains(&e.value.as_str()) => {
                return Err(at(
                    e,
                    "den's units stop with KillMode=mixed or control-group".into(),
                ))
            }
            "Type" if !["notify", "oneshot"].contains(&e.value.as_str()) => {
                return Err(at(
                    e,
                    "a container's unit is Type=notify (or oneshot)".into(),
                ))
            }
            _ => {}
        }
        user_service.insert(e.key.clone());
        out.push_str(&format!("{}={}\n", e.key, e.value));
    }
    let name_word = super::unitfile::join_words(std::slice::from_ref(&name));
    out.push_str("Environment=PODMAN_SYSTEMD_UNIT=%n\n");
    if !user_service.contains("KillMode") {
        out.push_str("KillMode=mixed\n");
    }
    out.push_str(&format!(
        "ExecStop={den} rm -v -f -i -t {stop_timeout} --cidfile=%t/%N.cid\n"
    ));
    out.push_str(&format!(
        "ExecStopPost=-{den} rm -v -f -i --cidfile=%t/%N.cid\n"
    ));
    if let Some(e) = last("ReloadCmd") {
        out.push_str(&format!("ExecReload={den} exec {name_word} {}\n", e.value));
    } else if let Some(e) = last("ReloadSignal") {
        out.push_str(&format!(
            "ExecReload={den} kill --signal {} {name_word}\n",
            e.value
        ));
    }
    out.push_str("Delegate=yes\n");
    if !user_service.contains("Type") {
        out.push_str("Type=notify\n");
    }
    if !user_service.contains("NotifyAccess") {
        out.push_str("NotifyAccess=all\n");
    }
    if !user_service.contains("SyslogIdentifier") {
        out.push_str("SyslogIdentifier=%N\n");
    }
    out.push_str(&format!(
        "ExecStart={den} {}\n",
        super::unitfile::join_words(&words)
    ));
    install_section(&mut out, f);
    Ok(Generated {
        links: links(f, &service),
        service,
        source: f.path.clone(),
        text: out,
        command: args,
    })
}
