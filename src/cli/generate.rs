//! `den generate systemd CONTAINER`: a systemd unit for a container that
//! exists, as `podman generate systemd` writes one (`--new`: a fresh
//! container each start, made by the command that made this one).

use anyhow::{bail, Context, Result};
use clap::{Args, CommandFactory, Subcommand};

use crate::config::paths::Paths;
use crate::engine::containers::Containers;
use crate::engine::quadlet::generate::{self, Request};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum GenerateCommand {
    /// A systemd unit that starts and stops a container
    Systemd(Box<SystemdArgs>),
    /// The container spec (den create --spec's input) of a container
    Spec(super::clone::SpecArgs),
    /// Kubernetes YAML (a Pod, and a Service) for containers or a pod
    Kube(KubeArgs),
}

/// `den kube ...`.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum KubeCommand {
    /// Kubernetes YAML (a Pod, and a Service) for containers or a pod
    Generate(KubeArgs),
    /// Make pods, containers and volumes from Kubernetes YAML (Pod,
    /// Deployment, PersistentVolumeClaim), and start the pods
    Play(Box<super::kube::PlayArgs>),
    /// Remove the pods kube play made from a YAML file
    Down(super::kube::DownArgs),
}

#[derive(Debug, Args)]
pub struct SystemdArgs {
    /// Make a new container at each start (from the command that made
    /// this one) and remove it at stop
    #[arg(long)]
    pub new: bool,
    /// Name the container in the unit by its name (den always does)
    #[arg(short, long)]
    pub name: bool,
    /// Write the unit to ./UNIT.service and print its path
    #[arg(short, long)]
    pub files: bool,
    /// The unit's Restart=
    #[arg(long, value_name = "POLICY", default_value = "on-failure",
          value_parser = ["no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort", "always"])]
    pub restart_policy: String,
    /// The unit's RestartSec=
    #[arg(long, value_name = "SECONDS")]
    pub restart_sec: Option<u64>,
    /// Seconds the container has to stop (default: its own stop timeout)
    #[arg(short = 't', long, alias = "time", value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Before the container's name in the unit's name
    #[arg(long, default_value = "container")]
    pub container_prefix: String,
    /// Between the prefix and the name
    #[arg(long, default_value = "-")]
    pub separator: String,
    /// Wants= another unit
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// After= another unit
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Requires= another unit
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// No comment with den's version at the top
    #[arg(long)]
    pub no_header: bool,
    /// Set a variable in the unit's environment: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// The unit's TimeoutStartSec=
    #[arg(long, value_name = "SECONDS")]
    pub start_timeout: Option<u64>,
    /// Print json: the unit's name and text
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    /// A template unit (NAME@.service) whose instance (%i) names the
    /// container (with --new)
    #[arg(long)]
    pub template: bool,
    /// Before a pod's name in its unit's name (den makes units for
    /// containers: give the pod's containers)
    #[arg(long, default_value = "pod")]
    pub pod_prefix: String,
    /// The container (name or id)
    pub container: String,
}

pub fn generate(paths: &Paths, g: &super::Globals, c: GenerateCommand) -> Result<i32> {
    let a = match c {
        GenerateCommand::Systemd(a) => *a,
        GenerateCommand::Spec(a) => return super::clone::spec(paths, g, a),
        GenerateCommand::Kube(a) => return kube(paths, a),
    };
    if a.template && !a.new {
        bail!("--template works only with --new");
    }
    let cfg = match Containers::new(paths).find(&a.container) {
        Ok(c) => c,
        Err(e) => {
            if crate::engine::pods::find(paths, &a.container).is_ok() {
                bail!("{} is a pod: den makes units for containers (generate one for each of its containers)", a.container);
            }
            return Err(e);
        }
    };
    let den = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "/usr/bin/den".into());
    let new = if a.new {
        Some(
            new_command(&cfg.create_command, None)
                .with_context(|| format!("--new for {}", cfg.name))?,
        )
    } else {
        None
    };
    let r = Request {
        den: &den,
        name: &cfg.name,
        target: &cfg.name,
        new,
        stop_timeout: a.stop_timeout.unwrap_or(cfg.stop_timeout),
        restart_policy: &a.restart_policy,
        restart_sec: a.restart_sec,
        wants: &a.wants,
        after: &a.after,
        requires: &a.requires,
        header: !a.no_header,
        prefix: &a.container_prefix,
        separator: &a.separator,
    };
    let mut text = generate::unit(&r);
    let mut name = generate::service_name(&r);
    let mut extra = String::new();
    for kv in &a.env {
        if !kv.contains('=') {
            bail!("invalid --env {kv:?} (use KEY=VALUE)");
        }
        // (Specifiers are read in Environment= too; variables are not.)
        extra.push_str(&format!(
            "Environment={}\n",
            crate::engine::quadlet::join_words(&[kv.replace('%', "%%")])
        ));
    }
    if let Some(t) = a.start_timeout {
        extra.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    if !extra.is_empty() {
        text = text.replacen("[Service]\n", &format!("[Service]\n{extra}"), 1);
    }
    if a.template {
        // NAME@.service, the container named by the instance.
        name = name.replacen(".service", "@.service", 1);
        text = text.replace(&format!("--name {}", cfg.name), "--name %i");
        text = text.replace(&format!("--name={}", cfg.name), "--name=%i");
    }
    if a.format.is_some() {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ name: text }))?
        );
        return Ok(0);
    }
    if a.files {
        let path = std::env::current_dir()?.join(&name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    } else {
        print!("{text}");
    }
    Ok(0)
}

/// The command that made the container (`den [GLOBALS] [container] run|create
/// FLAGS IMAGE ARGS`) as the unit's `ExecStart=` for `--new`: `run` with
/// `--cidfile`, `--rm`, `--sdnotify=conmon`, `-d` (and `--replace` when it
/// is named), and without the flags the unit sets or that do not fit one
/// (`-d`, `--rm`, `--cidfile`, `--restart`, `--replace`, `--sdnotify`,
/// `-i`, `-t`). With `rerun` (the container's name) it is instead the
/// command that makes it again in its place (auto-update): `run -d
/// --replace`, its name kept, its own flags otherwise.
pub(super) fn new_command(made_by: &[String], rerun: Option<&str>) -> Result<Vec<String>> {
    let verb = made_by
        .iter()
        .position(|w| w == "run" || w == "create")
        .filter(|_| made_by.len() > 1)
        .context(
            "the container was not made by den run or den create (generate a unit without --new)",
        )?;
    let cmd = super::Cli::command();
    let Some(run) = cmd.find_subcommand("run") else {
        bail!("den has no run command");
    };
    // Its flags are built when used (`defer`): build them now.
    let mut run = run.clone();
    run.build();
    // The flags that take a value in the next word.
    let mut long_values = std::collections::BTreeSet::new();
    let mut short_values = std::collections::BTreeSet::new();
    for arg in run.get_arguments() {
        let takes = arg.get_action().takes_values()
            && arg.get_num_args().is_none_or(|n| n.min_values() > 0);
        if takes {
            long_values.extend(
                arg.get_long_and_visible_aliases()
                    .unwrap_or_default()
                    .into_iter()
                    .map(String::from),
            );
            if let Some(s) = arg.get_short() {
                short_values.insert(s);
            }
        }
    }
    let dropped: &[&str] = if rerun.is_some() {
        &["detach", "replace", "interactive", "tty"]
    } else {
        &[
            "detach",
            "rm",
            "cidfile",
            "restart",
            "replace",
            "sdnotify",
            "interactive",
            "tty",
        ]
    };
    const DROPPED_SHORT: &[char] = &['d', 'i', 't'];
    let mut globals: Vec<String> = made_by[1..verb]
        .iter()
        .filter(|w| *w != "container")
        .cloned()
        .collect();
    let mut kept: Vec<String> = Vec::new();
    let mut named = false;
    let rest = &made_by[verb + 1..];
    let mut i = 0;
    while i < rest.len() {
        let w = &rest[i];
        if w == "--" || !w.starts_with('-') || w == "-" {
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            let value = !inline && long_values.contains(name);
            let words = if value { 2 } else { 1 };
            if name == "name" {
                named = true;
            }
            if !dropped.contains(&name) {
                kept.extend(rest[i..(i + words).min(rest.len())].iter().cloned());
            }
            i += words;
            continue;
        }
        // A cluster of short flags: -dit, -p 80:80, -p80:80.
        let chars: Vec<char> = w[1..].chars().collect();
        let mut out = String::new();
        let mut takes_next = false;
        for (j, c) in chars.iter().enumerate() {
            if short_values.contains(c) {
                let inline: String = chars[j + 1..].iter().collect();
                out.push(*c);
                out.push_str(&inline);
                takes_next = inline.is_empty();
                break;
            }
            if !DROPPED_SHORT.contains(c) {
                out.push(*c);
            }
        }
        if !out.is_empty() {
            kept.push(format!("-{out}"));
        }
        if takes_next {
            if let Some(v) = rest.get(i + 1) {
                kept.push(v.clone());
            }
            i += 1;
        }
        i += 1;
    }
    // The user's words reach systemd as written: `%` and `$` doubled, or
    // systemd reads `%s` as a specifier and `$X` as a variable (as
    // podman's escapeSystemdArg). den's own words below keep theirs.
    let mut out: Vec<String> = globals.drain(..).map(|w| literal_for_systemd(&w)).collect();
    match rerun {
        Some(name) => {
            out.extend(["run", "-d", "--replace"].map(String::from));
            if !named {
                out.extend(["--name".to_string(), name.to_string()]);
            }
        }
        None => {
            out.extend(
                [
                    "run",
                    "--cidfile=%t/%n.ctr-id",
                    "--rm",
                    "--sdnotify=conmon",
                    "-d",
                ]
                .map(String::from),
            );
            if named {
                out.push("--replace".into());
            }
        }
    }
    out.extend(kept.iter().map(|w| literal_for_systemd(w)));
    out.extend(rest[i..].iter().map(|w| literal_for_systemd(w)));
    Ok(out)
}

/// `w` as a literal word of an `ExecStart=` line: systemd reads `%%` as
/// `%` and `$$` as `$`.
fn literal_for_systemd(w: &str) -> String {
    w.replace('%', "%%").replace('$', "$$")
}

#[cfg(test)]
mod tests {
    use super::new_command;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_command_for_new_drops_what_the_unit_sets() {
        let got = new_command(
            &words("/usr/bin/den --root /r run -dit --rm --name web -p 8080:80 --restart=always -e A=1 busybox sh -c x -d"),
            None,
        )
        .expect("command");
        assert_eq!(
            got.join(" "),
            "--root /r run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon -d --replace --name web -p 8080:80 -e A=1 busybox sh -c x -d"
        );
        let got = new_command(
            &words("den container create -p80:80 --cidfile /x alpine"),
            None,
        )
        .expect("create");
        assert_eq!(
            got.join(" "),
            "run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon -d -p80:80 alpine"
        );
        assert!(new_command(&[], None).is_err());
        let again = new_command(
            &words("den run -it --restart=always -p 80:80 img"),
            Some("c1"),
        )
        .expect("rerun");
        assert_eq!(
            again.join(" "),
            "run -d --replace --name c1 --restart=always -p 80:80 img"
        );
        // The user's % and $ stay theirs; den's own %t and %n are specifiers.
        let got = new_command(&words("den run -e A=$HOME img date +%s"), None).expect("escaped");
        assert_eq!(
            got.join(" "),
            "run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon -d -e A=$$HOME img date +%%s"
        );
    }
}

#[derive(Debug, Args)]
pub struct KubeArgs {
    /// Write the YAML to this file
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<std::path::PathBuf>,
    /// A Service of type NodePort for the published ports too
    #[arg(short, long)]
    pub service: bool,
    /// Containers or pods (names or ids)
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// `den generate kube`: a Kubernetes Pod (and with --service a Service)
/// for containers, or for a pod and its containers.
pub fn kube(paths: &Paths, a: KubeArgs) -> Result<i32> {
    use serde_json::{json, Value};
    let containers = Containers::new(paths);
    let mut members = Vec::new();
    let mut pod_name = None;
    // A pod's ports are its infra's: the YAML gives them to its first
    // container, where kube play takes them from.
    let mut pod_ports = Vec::new();
    for n in &a.names {
        match containers.find(n) {
            Ok(c) => members.push(c),
            Err(e) => {
                let Ok(pod) = crate::engine::pods::find(paths, n) else {
                    return Err(e);
                };
                pod_name.get_or_insert_with(|| pod.name.clone());
                let all = crate::engine::pods::members(paths, &pod)?;
                for c in &all {
                    if Some(&c.id) == pod.infra.as_ref() {
                        pod_ports.extend(c.net.ports.iter().cloned());
                    }
                }
                members.extend(
                    all.into_iter()
                        .filter(|c| Some(&c.id) != pod.infra.as_ref()),
                );
            }
        }
    }
    if let Some(first) = members.first_mut() {
        first.net.ports.extend(pod_ports);
    }
    let name = pod_name
        .clone()
        .unwrap_or_else(|| format!("{}-pod", members[0].name));
    let mut ports = Vec::new();
    let mut volumes = Vec::new();
    let specs: Vec<Value> = members
        .iter()
        .map(|c| {
            let cports: Vec<Value> = c
                .net
                .ports
                .iter()
                .map(|p| {
                    ports.push(p.clone());
                    json!({
                        "containerPort": p.container_port,
                        "hostPort": p.host_port,
                        "protocol": p.protocol.to_uppercase(),
                    })
                })
                .collect();
            let env: Vec<Value> = c
                .env
                .iter()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| json!({"name": k, "value": v}))
                .collect();
            // kube play names a pod's containers POD-NAME: NAME is theirs.
            let short = pod_name
                .as_deref()
                .and_then(|p| c.name.strip_prefix(&format!("{p}-")))
                .filter(|s| !s.is_empty())
                .unwrap_or(&c.name);
            let mut s = json!({
                "name": short,
                "image": c.image_name,
                "command": c.entrypoint,
                "args": c.cmd,
                "env": env,
                "ports": cports,
                "workingDir": c.workdir,
            });
            if let Value::Object(m) = &mut s {
                m.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
                crate::engine::kube::generate::add_settings(c, short, m, &mut volumes);
            }
            s
        })
        .collect();
    let mut pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": { "name": name, "labels": { "app": name } },
        "spec": { "containers": specs, "restartPolicy": "Never" },
    });
    if !volumes.is_empty() {
        pod["spec"]["volumes"] = Value::Array(volumes);
    }
    let mut text = format!(
        "# Save the output of this file and use kubectl create -f to import it into Kubernetes.\n#\n# Created with den-{}\n{}",
        env!("CARGO_PKG_VERSION"),
        super::output::yaml(&pod, 0)
    );
    if a.service {
        let sports: Vec<Value> = ports
            .iter()
            .map(|p| {
                json!({
                    "name": format!("{}-{}", p.container_port, p.protocol),
                    "port": p.container_port,
                    "targetPort": p.container_port,
                    "nodePort": p.host_port,
                    "protocol": p.protocol.to_uppercase(),
                })
            })
            .collect();
        let svc = json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": { "name": name, "labels": { "app": name } },
            "spec": { "ports": sports, "selector": { "app": name }, "type": "NodePort" },
        });
        text.push_str("---\n");
        text.push_str(&super::output::yaml(&svc, 0));
    }
    match &a.filename {
        Some(f) => std::fs::write(f, &text).with_context(|| format!("writing {}", f.display()))?,
        None => print!("{text}"),
    }
    Ok(0)
}
