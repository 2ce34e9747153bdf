//! `ranges::shorten` keeps libseccomp's verdicts: checked over every
//! syscall number of the architectures that matter, at random numbers,
//! architectures and arguments, for den's default profile and for profiles
//! full of argument rules; and it gives way where it cannot follow.

use proptest::prelude::*;

use super::bpf::{self, Insn, AND, ARCH, JA, JEQ, JGE, JSET, LD_ABS, NR, RET};
use super::profile::{libseccomp_program, Scope, DEFAULT_PROFILE};
use super::ranges::{rewrite, shorten};

const X86_64: u32 = 0xc000_003e;
const I386: u32 = 0x4000_0003;
const AARCH64: u32 = 0xc000_00b7;
const ALLOW: u32 = 0x7fff_0000;

fn caps(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Podman's default capabilities.
fn default_caps() -> Vec<String> {
    caps(crate::runtime::security::DEFAULT_CAPS)
}

/// libseccomp's program and its rewrite (shorter or not), both decoded.
fn both(json: &str, caps: &[String], x32: bool) -> (Vec<Insn>, Vec<Insn>) {
    let scope = Scope {
        caps,
        kernel: "6.1.0",
        x32,
    };
    let long = libseccomp_program(json, &scope).expect("libseccomp compiles it");
    let long = bpf::decode(&long).expect("whole instructions");
    let short = rewrite(&long).expect("rewritten");
    (long, short)
}

fn verdict(prog: &[Insn], arch: u32, nr: u32, args: [u32; 14]) -> u32 {
    let mut d = [0u32; 16];
    (d[0], d[1]) = (nr, arch);
    d[2..].copy_from_slice(&args);
    bpf::run(prog, &d).0
}

/// Every number below 2,048 and around the x32 bit, for each architecture
/// den may meet and one it does not.
fn sweep(long: &[Insn], short: &[Insn]) {
    let numbers = (0..2048).chain(0x4000_0000..0x4000_0800).chain([
        0x3fff_ffff,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_fffe,
        0xffff_ffff,
    ]);
    for nr in numbers {
        for arch in [X86_64, I386, AARCH64, 0, u32::MAX] {
            for args in [[0; 14], [u32::MAX; 14], [0x2_0008; 14], [8; 14]] {
                assert_eq!(
                    verdict(long, arch, nr, args),
                    verdict(short, arch, nr, args),
                    "arch {arch:#x} nr {nr} args {args:?}"
                );
            }
        }
    }
}

#[test]
fn the_default_profile_keeps_every_verdict_in_a_fifth_of_the_instructions() {
    let all = caps(&[
        "CAP_SYS_ADMIN",
        "CAP_SYS_BOOT",
        "CAP_SYS_MODULE",
        "CAP_SYS_PTRACE",
    ]);
    for (caps, x32) in [
        (default_caps(), false),
        (default_caps(), true),
        (all, false),
        (Vec::new(), false),
    ] {
        let (long, short) = both(DEFAULT_PROFILE, &caps, x32);
        assert_eq!(
            shorten(&bpf::encode(&long)),
            Some(bpf::encode(&short)),
            "what den loads"
        );
        assert!(
            short.len() * 4 < long.len(),
            "{} instructions against libseccomp's {}",
            short.len(),
            long.len()
        );
        sweep(&long, &short);
        // Allowed calls stay allowed, the rest refused as before.
        assert_eq!(verdict(&short, X86_64, 0, [0; 14]), ALLOW, "read");
        assert_ne!(verdict(&short, X86_64, 246, [0; 14]), ALLOW, "kexec_load");
    }
}

/// A profile whose rules test arguments in every way podman's format can.
const ARGUMENT_RULES: &str = r#"{
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 38,
  "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
  "syscalls": [
    {"names": ["read", "write", "close", "exit", "exit_group", "getpid", "gettid", "brk", "mmap"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]},
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 131080, "op": "SCMP_CMP_EQ"}]},
    {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
    {"names": ["prctl"], "action": "SCMP_ACT_ERRNO", "errnoRet": 97, "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_EQ"}]},
    {"names": ["prctl"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]},
    {"names": ["setns"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 1, "value": 4294967296, "op": "SCMP_CMP_LT"}, {"index": 0, "value": 3, "op": "SCMP_CMP_GE"}]},
    {"names": ["kill"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 1, "value": 9, "op": "SCMP_CMP_GT"}]},
    {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "args": [{"index": 1, "value": 2, "op": "SCMP_CMP_LE"}]},
    {"names": ["ioctl"], "action": "SCMP_ACT_KILL_PROCESS", "args": [{"index": 1, "value": 21522, "op": "SCMP_CMP_EQ"}]},
    {"names": ["openat", "open", "stat", "fstat", "lseek", "pread64", "pwrite64", "readv", "writev"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["ptrace"], "action": "SCMP_ACT_KILL_THREAD"},
    {"names": ["uname"], "action": "SCMP_ACT_TRACE"}
  ]
}"#;

#[test]
fn argument_rules_keep_their_verdicts() {
    // (Its program is short already: den keeps libseccomp's.)
    let (long, short) = both(ARGUMENT_RULES, &default_caps(), false);
    sweep(&long, &short);
    // clone: allowed without namespace flags, refused with CLONE_NEWUSER.
    // (The words after nr and arch: the instruction pointer's two, then
    // each argument's low and high.)
    let clone = |flags: u32| {
        verdict(
            &short,
            X86_64,
            56,
            [0, 0, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        )
    };
    assert_eq!(clone(0x0001_1200), ALLOW);
    assert_ne!(clone(0x1000_0000), ALLOW);
}

/// Both profiles' programs, made once.
fn programs() -> &'static [(Vec<Insn>, Vec<Insn>); 2] {
    static PROGRAMS: std::sync::OnceLock<[(Vec<Insn>, Vec<Insn>); 2]> = std::sync::OnceLock::new();
    PROGRAMS.get_or_init(|| {
        [DEFAULT_PROFILE, ARGUMENT_RULES].map(|json| both(json, &default_caps(), false))
    })
}

/// The constants the argument rules compare with, and their neighbours.
fn argument_value() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        Just(u32::MAX),
        (0u32..16),
        Just(40u32),
        Just(131_080u32),
        Just(21_522u32),
        Just(2_114_060_288u32),
        Just(0x1000_0000u32),
        any::<u32>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_calls_get_libseccomp_s_verdict(
        arch in prop_oneof![Just(X86_64), Just(I386), Just(AARCH64), any::<u32>()],
        nr in prop_oneof![0u32..600, 0x4000_0000u32..0x4000_0300, any::<u32>()],
        args in proptest::array::uniform14(argument_value()),
    ) {
        for (long, short) in programs() {
            prop_assert_eq!(verdict(long, arch, nr, args), verdict(short, arch, nr, args));
        }
    }
}

fn insn(code: u16, jt: u8, jf: u8, k: u32) -> Insn {
    Insn { code, jt, jf, k }
}

/// A program shaped as libseccomp's, testing 1,200 numbers one by one,
/// every four in a row with a verdict of their own: its binary search
/// over 300 stretches needs jumps longer than a conditional jump's 255,
/// made through `ja`.
#[test]
fn far_jumps_go_through_ja() {
    let mut prog = vec![
        insn(LD_ABS, 0, 0, ARCH),
        insn(JEQ, 1, 0, X86_64),
        insn(RET, 0, 0, 0),
    ];
    for n in 0..1200u32 {
        prog.push(insn(LD_ABS, 0, 0, NR));
        prog.push(insn(JEQ, 0, 1, n));
        prog.push(insn(RET, 0, 0, 0x0005_0000 + n / 4));
    }
    prog.push(insn(RET, 0, 0, ALLOW));
    let short = rewrite(&prog).expect("rewritten");
    assert!(short.len() < prog.len());
    assert!(short.iter().any(|i| i.code == JA), "no ja: {short:?}");
    assert!(bpf::supported(&short));
    for nr in 0..1300 {
        for arch in [X86_64, I386] {
            assert_eq!(
                verdict(&prog, arch, nr, [0; 14]),
                verdict(&short, arch, nr, [0; 14]),
                "{nr}"
            );
        }
    }
}

#[test]
fn what_it_cannot_follow_is_left_as_it_is() {
    let ret = insn(RET, 0, 0, ALLOW);
    for prog in [
        // A bit test on the number.
        vec![
            insn(LD_ABS, 0, 0, NR),
            insn(JSET, 0, 1, 1),
            ret,
            insn(RET, 0, 0, 0),
        ],
        // An instruction it does not run (A += 1).
        vec![insn(LD_ABS, 0, 0, NR), insn(0x04, 0, 0, 1), ret],
        // A mask on the number.
        vec![
            insn(LD_ABS, 0, 0, NR),
            insn(AND, 0, 0, 1),
            insn(JEQ, 0, 1, 1),
            ret,
            insn(RET, 0, 0, 0),
        ],
        // A jump out of the program.
        vec![insn(LD_ABS, 0, 0, NR), insn(JGE, 5, 0, 1), ret],
        // A load outside seccomp_data.
        vec![insn(LD_ABS, 0, 0, 64), ret],
    ] {
        assert_eq!(rewrite(&prog), None, "{prog:?}");
    }
    // Nothing to gain: libseccomp's program stays.
    assert_eq!(shorten(&bpf::encode(&[ret])), None);
    assert_eq!(shorten(&[0u8; 12]), None, "not whole instructions");
}
