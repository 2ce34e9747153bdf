//! den's binary is static on glibc systems (`.cargo/config.toml`), and a
//! static binary must take libseccomp's static library too: libseccomp-sys
//! asks the linker for `-lseccomp` among the shared libraries, and the
//! linker takes a directory's `libseccomp.so` before its `libseccomp.a`.
//! So `libseccomp.a` (where the C compiler finds it) is linked into a
//! directory of its own that the linker searches first.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    if !features.split(',').any(|f| f == "crt-static") {
        return;
    }
    // The C compiler for the target, as the cc crate would pick it (the
    // variable may hold a program and its arguments: "ccache gcc").
    let target = std::env::var("TARGET").unwrap_or_default();
    let vars = [
        format!("CC_{}", target.replace('-', "_")),
        "TARGET_CC".into(),
        "CC".into(),
    ];
    for v in &vars {
        println!("cargo:rerun-if-env-changed={v}");
    }
    let cc = vars
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|c| !c.trim().is_empty()))
        .unwrap_or_else(|| "cc".into());
    let mut words = cc.split_whitespace();
    let found = Command::new(words.next().unwrap_or("cc"))
        .args(words)
        .arg("-print-file-name=libseccomp.a")
        .output()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .ok()
        .filter(|p| p.is_absolute() && p.exists());
    let Some(lib) = found else {
        panic!(
            "den is linked statically and needs libseccomp's static library, libseccomp.a, \
             which {cc} does not find: install it (Debian: libseccomp-dev; Fedora: \
             libseccomp-static), or build a dynamic den with `RUSTFLAGS= cargo build`"
        );
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("static-libs");
    std::fs::create_dir_all(&dir).expect("creating OUT_DIR/static-libs");
    let link = dir.join("libseccomp.a");
    let _ = std::fs::remove_file(&link);
    symlink(&lib, &link);
    println!("cargo:rustc-link-search=native={}", dir.display());
    // rustc names libseccomp after libc; GNU ld (unlike LLD) resolves a
    // library's needs only from libraries named after it: libc's static
    // library once more, at the end.
    println!("cargo:rustc-link-arg-bins=-Wl,-Bstatic");
    println!("cargo:rustc-link-arg-bins=-lc");
    println!("cargo:rerun-if-changed={}", lib.display());
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link)
        .unwrap_or_else(|e| panic!("linking {} to {}: {e}", link.display(), target.display()));
}
