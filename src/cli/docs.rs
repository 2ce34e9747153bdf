//! Man pages and shell completions, generated from the clap definitions.
//! `tests/docs.rs` fails when the checked-in copies are stale; refresh them
//! with `cargo run -- __generate .`.

use std::path::Path;

use anyhow::{Context, Result};
use clap_complete::Shell;

/// Write `man/*.1` and `completions/{den.bash,_den,den.fish}` under `dir`.
pub fn generate(dir: &Path) -> Result<()> {
    let man = dir.join("man");
    let comp = dir.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&comp)?;
    let mut cmd = super::command();
    cmd.build();
    write_man(&cmd, "den", &man)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut super::command(), "den", &comp)
            .with_context(|| format!("writing {shell} completions"))?;
    }
    Ok(())
}

fn write_man(cmd: &clap::Command, name: &str, dir: &Path) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone().name(name.to_string()))
        .render(&mut buf)
        .context("rendering a man page")?;
    std::fs::write(dir.join(format!("{name}.1")), buf)?;
    // `help` is clap's: `den help X` is `den X --help`, with no page of its
    // own.
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        write_man(sub, &format!("{name}-{}", sub.get_name()), dir)?;
    }
    Ok(())
}
