//! Classic BPF as seccomp runs it: the instructions, their byte form (as
//! libseccomp exports it and `load` reads it), and an interpreter for the subset libseccomp emits (loads of `seccomp_data`
//! words, masks, constant jumps, constant returns). The interpreter is how
//! [`super::ranges`] checks a program it rewrote against libseccomp's.

/// One `sock_filter` instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Insn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

/// `BPF_LD | BPF_W | BPF_ABS`: A = the `seccomp_data` word at offset k.
pub const LD_ABS: u16 = 0x20;
/// `BPF_ALU | BPF_AND | BPF_K`: A &= k (libseccomp's masked comparisons).
pub const AND: u16 = 0x54;
/// `BPF_JMP | BPF_JA`: skip k instructions.
pub const JA: u16 = 0x05;
/// `BPF_JMP | BPF_JEQ | BPF_K`.
pub const JEQ: u16 = 0x15;
/// `BPF_JMP | BPF_JGT | BPF_K`.
pub const JGT: u16 = 0x25;
/// `BPF_JMP | BPF_JGE | BPF_K`.
pub const JGE: u16 = 0x35;
/// `BPF_JMP | BPF_JSET | BPF_K`.
pub const JSET: u16 = 0x45;
/// `BPF_RET | BPF_K`: the filter's verdict is k.
pub const RET: u16 = 0x06;

/// Offsets in `struct seccomp_data`: the syscall number, the audit
/// architecture; the instruction pointer and arguments follow.
pub const NR: u32 = 0;
pub const ARCH: u32 = 4;
/// The size of `struct seccomp_data`.
const DATA_LEN: u32 = 64;

/// Whether a conditional jump on `a` against `k` is taken.
pub fn taken(code: u16, a: u32, k: u32) -> bool {
    match code {
        JEQ => a == k,
        JGT => a > k,
        JGE => a >= k,
        _ => a & k != 0,
    }
}

/// A program's instructions from its bytes (8 per instruction, native
/// byte order), or none if the length is not a whole number of them.
pub fn decode(bpf: &[u8]) -> Option<Vec<Insn>> {
    if bpf.is_empty() || !bpf.len().is_multiple_of(8) {
        return None;
    }
    Some(
        bpf.chunks_exact(8)
            .map(|c| Insn {
                code: u16::from_ne_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_ne_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect(),
    )
}

/// The bytes of `prog`.
pub fn encode(prog: &[Insn]) -> Vec<u8> {
    let mut out = Vec::with_capacity(prog.len() * 8);
    for i in prog {
        out.extend_from_slice(&i.code.to_ne_bytes());
        out.push(i.jt);
        out.push(i.jf);
        out.extend_from_slice(&i.k.to_ne_bytes());
    }
    out
}

/// Whether every instruction is one [`run`] knows, every load reads a
/// word inside `seccomp_data`, and every jump lands inside the program.
pub fn supported(prog: &[Insn]) -> bool {
    let len = prog.len();
    prog.iter().enumerate().all(|(pc, i)| match i.code {
        LD_ABS => i.k < DATA_LEN && i.k.is_multiple_of(4) && pc + 1 < len,
        AND => pc + 1 < len,
        JA => (pc + 1).checked_add(i.k as usize).is_some_and(|t| t < len),
        JEQ | JGT | JGE | JSET => pc + 1 + (i.jt.max(i.jf) as usize) < len,
        RET => true,
        _ => false,
    })
}

/// The verdict of a [`supported`] program for the `seccomp_data` words
/// `data` (16 of them: nr, arch, ip low/high, 6 arguments low/high), and
/// whether it read any word after nr and arch on the way.
pub fn run(prog: &[Insn], data: &[u32; 16]) -> (u32, bool) {
    let (mut a, mut pc, mut read) = (0u32, 0usize, false);
    loop {
        let i = prog[pc];
        pc += 1;
        match i.code {
            LD_ABS => {
                a = data[(i.k / 4) as usize];
                read |= i.k > ARCH;
            }
            AND => a &= i.k,
            JA => pc += i.k as usize,
            RET => return (i.k, read),
            code => pc += if taken(code, a, i.k) { i.jt } else { i.jf } as usize,
        }
    }
}
