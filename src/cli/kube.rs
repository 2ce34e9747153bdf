//! `den kube play` and `den kube down`: Kubernetes YAML into pods and
//! containers (the reading is the engine's, engine/kube.rs), made and
//! started as `den pod create`, `den create --pod` and `den pod start`
//! make and start them.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;

use super::Globals;
use crate::config::paths::Paths;
use crate::engine::kube;

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Annotations on the pods' containers: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    #[command(flatten)]
    pub access: super::image::AccessArgs,
    /// Build images from Containerfiles first (refused: den build them,
    /// then play)
    #[arg(long)]
    pub build: bool,
    /// YAML files of ConfigMaps the pods' env and configMap volumes read
    /// (a comma-separated list, or the flag again)
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub configmap: Vec<PathBuf>,
    /// Where --build finds Containerfiles (refused with --build)
    #[arg(long, value_name = "DIR")]
    pub context_dir: Option<PathBuf>,
    /// The pod's address on its user-defined network
    #[arg(long, value_name = "IP")]
    pub ip: Vec<String>,
    /// Log driver of the containers: k8s-file, json-file, none, passthrough
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Log driver options (max-size=SIZE)
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// The pod's MAC address
    #[arg(long, value_name = "MAC")]
    pub mac_address: Vec<String>,
    /// The pod's network (a mode or a network's name)
    #[arg(long, value_name = "MODE")]
    pub network: Vec<String>,
    /// Leave /etc/hosts as the image has it
    #[arg(long)]
    pub no_hosts: bool,
    /// No progress while pulling
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove the YAML's pods first if they exist
    #[arg(long)]
    pub replace: bool,
    /// Where kubelet keeps seccomp profiles: den reads profiles by path
    /// (--security-opt seccomp=FILE), so this changes nothing, as in podman
    /// where it is deprecated
    #[arg(long, value_name = "DIR")]
    pub seccomp_profile_root: Option<PathBuf>,
    /// Start the pods (default true)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", action = clap::ArgAction::Set)]
    pub start: bool,
    /// The containers' user namespace (host, keep-id, ...)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// The YAML file (- for stdin)
    pub file: String,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// The YAML file kube play was given (- for stdin)
    pub file: String,
}

fn read(file: &str) -> Result<String> {
    if file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading stdin")?;
        return Ok(s);
    }
    std::fs::read_to_string(file).with_context(|| format!("reading {file}"))
}

pub fn play(paths: &Paths, g: &Globals, a: PlayArgs) -> Result<i32> {
    if a.build || a.context_dir.is_some() {
        bail!("kube play --build: build the images first (den build -t NAME DIR for each), then play the YAML");
    }
    let mut configmaps = Vec::new();
    for c in &a.configmap {
        configmaps.push(
            std::fs::read_to_string(c)
                .with_context(|| format!("reading --configmap {}", c.display()))?,
        );
    }
    let text = read(&a.file)?;
    let mut plan = kube::plan(&text, &configmaps).with_context(|| a.file.clone())?;
    let annotations = super::create::annotations(&a.annotation)?;
    let max_size = super::create::log_max_size(&a.log_opt)?;
    for (i, p) in plan.pods.iter_mut().enumerate() {
        p.spec.replace = a.replace;
        let infra = &mut p.spec.infra_spec;
        if !a.network.is_empty() {
            infra.network.modes = a.network.clone();
        }
        // As podman's: the Nth --ip and --mac-address are the Nth pod's.
        infra.network.ip = a.ip.get(i).cloned();
        infra.network.mac_address = a.mac_address.get(i).cloned();
        for c in &mut p.containers {
            c.annotations.extend(annotations.clone());
            if let Some(d) = &a.log_driver {
                c.log.driver = d.clone();
            }
            if max_size.is_some() {
                c.log.max_size = max_size;
            }
            c.process.no_hosts = a.no_hosts;
            if a.userns.is_some() {
                c.userns.mode = a.userns.clone();
            }
        }
    }
    let pull = || {
        Ok(crate::engine::images::PullOptions {
            access: a.access.access()?,
            progress: super::progress::Terminal::shared(a.quiet),
            platform: None,
            stop: None,
        })
    };
    // Images first, each pulled by a den of its own: pulling takes a
    // process into den's user namespace, from where the pods' members could
    // not join their infra's namespaces when started below.
    let mut images: Vec<&str> = plan
        .pods
        .iter()
        .flat_map(|p| p.containers.iter().map(|c| c.image.as_str()))
        .collect();
    images.sort_unstable();
    images.dedup();
    for image in images {
        if crate::engine::images::lookup(paths, image)?.is_none() {
            super::image::pull_apart(g, &a.access, &Default::default(), a.quiet, image)?;
        }
    }
    let played = kube::play(paths, &plan, &pull)?;
    for v in &played.volumes {
        println!("Volume:\n{v}");
    }
    for (pod, members) in &played.pods {
        if a.start {
            super::pod::start(paths, g, pod)?;
        }
        println!("Pod:\n{}", pod.id);
        let ids: Vec<&str> = members
            .iter()
            // As podman's: the containers, not the infra or init ones.
            .filter(|c| Some(&c.id) != pod.infra.as_ref() && c.extras.init_ctr.is_none())
            .map(|c| c.id.as_str())
            .collect();
        match ids.len() {
            0 => {}
            1 => println!("Container:"),
            _ => println!("Containers:"),
        }
        for id in ids {
            println!("{id}");
        }
        println!();
    }
    Ok(0)
}

pub fn down(paths: &Paths, a: DownArgs) -> Result<i32> {
    let text = read(&a.file)?;
    let gone = kube::down(paths, &text).with_context(|| a.file.clone())?;
    if !gone.is_empty() {
        println!("Pods stopped:");
        for id in &gone {
            println!("{id}");
        }
        println!("Pods removed:");
        for id in &gone {
            println!("{id}");
        }
    }
    Ok(0)
}
