//! `den container runlabel LABEL IMAGE [ARG...]`: run the command an
//! image keeps in a label (INSTALL, RUN, UNINSTALL, ...), as podman does:
//! IMAGE and NAME (also as $IMAGE, $NAME) replaced, a leading `podman`
//! or `docker` meaning den itself.

use anyhow::{bail, Context, Result};
use clap::Args;

use super::image::AccessArgs;
use crate::config::paths::Paths;

#[derive(Debug, Args)]
pub struct RunlabelArgs {
    /// Print the command, do not run it
    #[arg(long)]
    pub display: bool,
    /// The name NAME stands for (default: the image's name without registry and tag)
    #[arg(short, long)]
    pub name: Option<String>,
    /// Pull without progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove a container called NAME first
    #[arg(long)]
    pub replace: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    /// The label
    pub label: String,
    /// The image
    pub image: String,
    /// More arguments for the command
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// The command in `template` for image `image` and container `name`.
fn substitute(template: &str, image: &str, name: &str, den: &str) -> Result<Vec<String>> {
    let mut words = crate::engine::quadlet::split_words(template)
        .with_context(|| format!("the label's command {template:?} does not parse"))?;
    for w in words.iter_mut() {
        *w = w
            .replace("${IMAGE}", image)
            .replace("$IMAGE", image)
            .replace("${NAME}", name)
            .replace("$NAME", name);
        if w == "IMAGE" {
            *w = image.to_string();
        } else if w == "NAME" {
            *w = name.to_string();
        }
    }
    if let Some(first) = words.first_mut() {
        if matches!(
            std::path::Path::new(first.as_str())
                .file_name()
                .and_then(|n| n.to_str()),
            Some("podman" | "docker")
        ) {
            *first = den.to_string();
        }
    }
    Ok(words)
}

pub fn runlabel(paths: &Paths, a: RunlabelArgs) -> Result<i32> {
    use crate::engine::images;
    let img = match images::lookup(paths, &a.image)? {
        Some(i) => i,
        None => {
            let opts = images::PullOptions {
                access: a.access.access()?,
                progress: super::progress::Terminal::shared(a.quiet),
                platform: None,
                stop: None,
            };
            images::pull(paths, std::slice::from_ref(&a.image), &opts, |_| {})?;
            images::lookup(paths, &a.image)?.context("the image was pulled but is not found")?
        }
    };
    let labels = images::labels(paths, &img)?;
    let Some(template) = labels
        .get(&a.label)
        .or_else(|| labels.get(a.label.to_ascii_lowercase()))
        .and_then(|v| v.as_str())
    else {
        bail!(
            "cannot find the value of label: {} in image: {}",
            a.label,
            a.image
        );
    };
    let image_name = img
        .names
        .first()
        .cloned()
        .unwrap_or_else(|| a.image.clone());
    let name = a.name.clone().unwrap_or_else(|| {
        let base = image_name.rsplit('/').next().unwrap_or(&image_name);
        base.split(':').next().unwrap_or(base).to_string()
    });
    let den = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "den".into());
    let mut words = substitute(template, &image_name, &name, &den)?;
    words.extend(a.args.iter().cloned());
    if words.is_empty() {
        bail!("the label {} of {} holds no command", a.label, a.image);
    }
    if a.display {
        println!("command: {}", words.join(" "));
        return Ok(0);
    }
    if a.replace {
        let ids = [name.clone()];
        let _ = crate::engine::containers::remove_selected(
            paths,
            crate::engine::containers::Selection::Named(&ids),
            true,
            10,
            false,
            false,
            |_, _| {},
        );
    }
    if !a.quiet {
        println!("command: {}", words.join(" "));
    }
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .status()
        .with_context(|| format!("running {}", words[0]))?;
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    if code != 0 {
        return Err(crate::error::Exit::status(code).into());
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_and_den_in_the_command() {
        let w = super::substitute(
            "podman run --name NAME -v /x:/y $IMAGE echo \"a b\"",
            "reg/app:1",
            "app",
            "/bin/den",
        )
        .expect("words");
        assert_eq!(
            w,
            [
                "/bin/den",
                "run",
                "--name",
                "app",
                "-v",
                "/x:/y",
                "reg/app:1",
                "echo",
                "a b"
            ]
        );
    }
}
