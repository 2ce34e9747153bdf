//! Seccomp profiles in podman's JSON format (the format of
//! containers/common's `seccomp.json`, which Docker shares), compiled to a
//! BPF program with libseccomp for the container's capabilities.
//!
//! What the format means, as podman reads it:
//! - `defaultAction` (+ `defaultErrnoRet`) for any syscall no rule names;
//! - `archMap` adds the native architecture's sub-architectures (x86 and
//!   x32 beside x86_64), `architectures` lists them directly;
//! - each `syscalls` entry applies only when its `includes` hold (all of
//!   `caps` held, the native arch among `arches`, the kernel at least
//!   `minKernel`) and its `excludes` do not (any of them);
//! - `args` on different arguments must all match; several on the same
//!   argument are alternatives (one rule each);
//! - names this libseccomp does not know are skipped, and a rule whose action
//!   is the default action is redundant and skipped.

use std::str::FromStr;

use anyhow::{bail, Context, Result};
use libseccomp::{
    ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext, ScmpSyscall,
};
use serde::Deserialize;

/// den's default profile.
pub const DEFAULT_PROFILE: &str = include_str!("default.json");

/// EPERM: the errno of an ERRNO action that names none.
const EPERM: i32 = 1;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<i32>,
    #[serde(default)]
    architectures: Vec<String>,
    #[serde(default)]
    arch_map: Vec<ArchMap>,
    #[serde(default)]
    syscalls: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchMap {
    architecture: String,
    #[serde(default)]
    sub_architectures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    #[serde(default)]
    names: Vec<String>,
    /// The old single-name form.
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<i32>,
    #[serde(default)]
    args: Option<Vec<Arg>>,
    #[serde(default)]
    includes: Filter,
    #[serde(default)]
    excludes: Filter,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Arg {
    index: u32,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Filter {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

/// What the rules are judged against.
pub struct Scope<'a> {
    /// The container's capabilities (`CAP_X`).
    pub caps: &'a [String],
    /// The running kernel's release, like `6.1.0-18-amd64`.
    pub kernel: &'a str,
    /// Whether the kernel runs x32 system calls (`x32_enabled`): when it
    /// refuses them, the filter needs no x32 part.
    pub x32: bool,
}

/// Compile `json` (a profile) to BPF for the native architecture and its
/// sub-architectures.
pub fn compile(json: &str, ctx: &Scope) -> Result<Vec<u8>> {
    let bpf = libseccomp_program(json, ctx)?;
    // The same verdicts in a fifth of the instructions (see `ranges`).
    Ok(super::ranges::shorten(&bpf).unwrap_or(bpf))
}

/// The program libseccomp makes of `json`.
pub(super) fn libseccomp_program(json: &str, ctx: &Scope) -> Result<Vec<u8>> {
    let p: Profile =
        serde_json::from_str(json).context("not a seccomp profile in podman's JSON format")?;
    let default = action(&p.default_action, p.default_errno_ret)?;
    let mut filter = ScmpFilterContext::new(default).context("creating the seccomp filter")?;
    // A binary tree of syscall numbers instead of a list: fewer
    // instructions run for every syscall the container makes.
    filter
        .set_ctl_optimize(2)
        .context("optimising the seccomp filter")?;
    for arch in arches(&p)? {
        // Not on a kernel that answers every x32 call with ENOSYS, as most
        // do (Debian's without `syscall.x32=y`; Fedora's have none): a
        // third of the program, a fifth of its load time on every start
        // and exec. Such calls then end as the kernel ends them.
        if arch == ScmpArch::X32 && !ctx.x32 {
            filter
                .set_act_badarch(ScmpAction::Errno(libc::ENOSYS))
                .context("setting the action for other architectures")?;
            continue;
        }
        filter
            .add_arch(arch)
            .with_context(|| format!("adding the architecture {arch:?}"))?;
    }
    let native = native_arch_names();
    for rule in &p.syscalls {
        if !applies(&rule.includes, ctx, native)? || excluded(&rule.excludes, ctx, native)? {
            continue;
        }
        let act = action(&rule.action, rule.errno_ret)?;
        if act == default {
            continue;
        }
        let conditions = conditions(rule.args.as_deref().unwrap_or(&[]))?;
        for name in rule.names.iter().chain(rule.name.iter()) {
            let Ok(sys) = ScmpSyscall::from_name(name) else {
                crate::debug!("seccomp: skipping {name}, unknown to this libseccomp");
                continue;
            };
            for cond in &conditions {
                filter
                    .add_rule_conditional(act, sys, cond)
                    .with_context(|| format!("adding the seccomp rule for {name}"))?;
            }
        }
    }
    export(&filter).context("generating the seccomp program")
}

/// The filter's BPF program, through a memory file (libseccomp 2.5 exports
/// only to a descriptor).
fn export(filter: &ScmpFilterContext) -> Result<Vec<u8>> {
    use std::io::{Read, Seek};
    let fd = rustix::fs::memfd_create("den-seccomp", rustix::fs::MemfdFlags::CLOEXEC)?;
    filter.export_bpf(&fd)?;
    let mut file = std::fs::File::from(fd);
    file.rewind()?;
    let mut bpf = Vec::new();
    file.read_to_end(&mut bpf)?;
    Ok(bpf)
}

fn action(name: &str, errno: Option<i32>) -> Result<ScmpAction> {
    let errno = match name {
        "SCMP_ACT_ERRNO" => Some(errno.unwrap_or(EPERM)),
        "SCMP_ACT_TRACE" => Some(errno.unwrap_or(EPERM)),
        _ => None,
    };
    if name == "SCMP_ACT_NOTIFY" {
        bail!("seccomp action SCMP_ACT_NOTIFY is not supported (den has no notification agent)");
    }
    ScmpAction::from_str(name, errno)
        .map_err(|_| anyhow::anyhow!("unknown seccomp action {name:?}"))
}

/// The architectures to add besides the native one.
fn arches(p: &Profile) -> Result<Vec<ScmpArch>> {
    let parse = |s: &String| {
        ScmpArch::from_str(s).map_err(|_| anyhow::anyhow!("unknown architecture {s:?}"))
    };
    let native = ScmpArch::native();
    let mut out = Vec::new();
    if !p.arch_map.is_empty() {
        for m in &p.arch_map {
            if parse(&m.architecture)? == native {
                for s in &m.sub_architectures {
                    out.push(parse(s)?);
                }
            }
        }
    } else {
        for a in &p.architectures {
            let a = parse(a)?;
            if a != native {
                out.push(a);
            }
        }
    }
    Ok(out)
}

/// The names a profile may use for the native architecture in `arches`.
fn native_arch_names() -> &'static [&'static str] {
    match std::env::consts::ARCH {
        "x86_64" => &["amd64", "x86_64"],
        "x86" => &["x86", "386"],
        "aarch64" => &["arm64", "aarch64"],
        "arm" => &["arm"],
        "s390x" => &["s390x"],
        "powerpc64" => &["ppc64le", "ppc64"],
        "riscv64" => &["riscv64"],
        _ => &[],
    }
}

/// Whether every condition of `f` holds (an empty filter holds).
fn applies(f: &Filter, ctx: &Scope, native: &[&str]) -> Result<bool> {
    if !f.caps.iter().all(|c| ctx.caps.iter().any(|h| h == c)) {
        return Ok(false);
    }
    if !f.arches.is_empty() && !f.arches.iter().any(|a| native.contains(&a.as_str())) {
        return Ok(false);
    }
    if let Some(min) = &f.min_kernel {
        if !kernel_at_least(ctx.kernel, min)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether any condition of `f` holds (an empty filter excludes nothing).
fn excluded(f: &Filter, ctx: &Scope, native: &[&str]) -> Result<bool> {
    if f.caps.iter().any(|c| ctx.caps.iter().any(|h| h == c)) {
        return Ok(true);
    }
    if f.arches.iter().any(|a| native.contains(&a.as_str())) {
        return Ok(true);
    }
    if let Some(min) = &f.min_kernel {
        if kernel_at_least(ctx.kernel, min)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `6.1.0-18-amd64` >= `4.8`?
fn kernel_at_least(release: &str, min: &str) -> Result<bool> {
    use crate::runtime::version_numbers;
    let want = version_numbers(min);
    if want.is_empty() {
        bail!("invalid minKernel {min:?} in the seccomp profile (use a version like 4.8)");
    }
    Ok(version_numbers(release) >= want)
}

/// The argument conditions of a rule: one list for a rule that ANDs them,
/// one list each when several compare the same argument (alternatives).
fn conditions(args: &[Arg]) -> Result<Vec<Vec<ScmpArgCompare>>> {
    let cmp = |a: &Arg| -> Result<ScmpArgCompare> {
        if a.index > 5 {
            bail!("seccomp argument index {} is out of range (0-5)", a.index);
        }
        let op = ScmpCompareOp::from_str(&a.op)
            .map_err(|_| anyhow::anyhow!("unknown seccomp operator {:?}", a.op))?;
        Ok(match op {
            ScmpCompareOp::MaskedEqual(_) => {
                ScmpArgCompare::new(a.index, ScmpCompareOp::MaskedEqual(a.value), a.value_two)
            }
            op => ScmpArgCompare::new(a.index, op, a.value),
        })
    };
    let mut seen = std::collections::HashSet::new();
    let same_arg = args.iter().any(|a| !seen.insert(a.index));
    if args.is_empty() {
        Ok(vec![Vec::new()])
    } else if same_arg {
        args.iter().map(|a| cmp(a).map(|c| vec![c])).collect()
    } else {
        Ok(vec![args.iter().map(cmp).collect::<Result<_>>()?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn a_kernel_without_x32_gets_no_x32_part() {
        let scope = |x32| Scope {
            caps: &[],
            kernel: "6.1.0",
            x32,
        };
        let with = libseccomp_program(DEFAULT_PROFILE, &scope(true)).expect("compiles");
        let without = libseccomp_program(DEFAULT_PROFILE, &scope(false)).expect("compiles");
        // About a third of the program (1,428 instructions against 992).
        assert!(
            without.len() * 4 < with.len() * 3,
            "{} {}",
            without.len(),
            with.len()
        );
    }

    #[test]
    fn the_default_profile_compiles_with_and_without_capabilities() {
        let none = caps(&[]);
        let all = caps(&["CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_MODULE"]);
        let a = compile(
            DEFAULT_PROFILE,
            &Scope {
                caps: &none,
                kernel: "6.1.0",
                x32: true,
            },
        )
        .expect("compiles");
        let b = compile(
            DEFAULT_PROFILE,
            &Scope {
                caps: &all,
                kernel: "6.1.0",
                x32: true,
            },
        )
        .expect("compiles");
        assert!(
            !a.is_empty() && a.len().is_multiple_of(8),
            "BPF is a list of 8-byte instructions"
        );
        assert_ne!(a, b, "capabilities change the program");
    }

    #[test]
    fn bad_profiles_are_refused_with_a_reason() {
        let ctx = Scope {
            caps: &[],
            kernel: "6.1",
            x32: true,
        };
        for (json, want) in [
            ("{", "not a seccomp profile"),
            (
                r#"{"defaultAction":"SCMP_ACT_BOGUS"}"#,
                "unknown seccomp action",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_NOPE"]}"#,
                "unknown architecture",
            ),
            (
                r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":9,"value":1,"op":"SCMP_CMP_EQ"}]}]}"#,
                "out of range",
            ),
        ] {
            let e = format!("{:#}", compile(json, &ctx).expect_err(json));
            assert!(e.contains(want), "{json}: {e}");
        }
    }

    #[test]
    fn kernel_versions_compare_numerically() {
        assert!(kernel_at_least("6.1.0-18-amd64", "4.8").expect("ok"));
        assert!(kernel_at_least("4.10.0", "4.8").expect("ok"));
        assert!(!kernel_at_least("4.4.0", "4.8").expect("ok"));
        assert!(kernel_at_least("x", "").is_err());
    }
}
