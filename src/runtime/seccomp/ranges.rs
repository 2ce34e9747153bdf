//! libseccomp's program re-encoded with the same verdicts in fewer
//! instructions.
//!
//! libseccomp tests every syscall number a rule names on its own: den's
//! default profile is 992 instructions, which the kernel checks, converts
//! and compiles at every container start and every `den exec` (0.19 ms),
//! and a syscall in the container runs 16 of them. Most neighbouring
//! numbers share a verdict (the profile allows 313 of x86-64's calls in 27
//! runs), so a binary search over those runs says the same in a fifth of
//! the instructions.
//!
//! The rewrite never reads the profile: it reads libseccomp's program.
//! That program compares the architecture and the syscall number only with
//! constants, so its verdict can change only where one of them crosses
//! one of those constants: between two such points it is the same. Each
//! stretch's verdict is found by running the program with that stretch's
//! first number: where the program goes on to test arguments, the tests it
//! would make for that number are kept, as libseccomp wrote them. The
//! result is then run beside libseccomp's at every point where a verdict
//! may change (and for argument-tested numbers, with the arguments it
//! compares against); any difference, any instruction this module does not
//! know, or a result no shorter, keeps libseccomp's program.

use std::collections::{BTreeSet, HashMap};

use super::bpf::{self, Insn, AND, ARCH, JA, JGE, LD_ABS, NR, RET};

/// The program as a graph: each node stands for the rest of a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Node {
    /// Return this verdict.
    Ret(u32),
    /// Load the `seccomp_data` word at this offset into A, then go on.
    Load(u32, usize),
    /// A &= k, then go on.
    And(u32, usize),
    /// Compare A (jump `code`) with k: on to the first node if taken.
    Jump(u16, u32, usize, usize),
}

/// Nodes, each kept once: the same rest of a program is one node.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    ids: HashMap<Node, usize>,
}

impl Graph {
    fn add(&mut self, node: Node) -> usize {
        if let Node::Jump(_, _, t, f) = node {
            if t == f {
                return t;
            }
        }
        if let Some(&id) = self.ids.get(&node) {
            return id;
        }
        self.nodes.push(node);
        self.ids.insert(node, self.nodes.len() - 1);
        self.nodes.len() - 1
    }
}

/// The kernel's limit on a program's length (BPF_MAXINSNS).
const MAX_INSNS: usize = 4096;
/// A bound on the work for a profile of the user's own, in instructions
/// followed or run (counting each walk or run as the whole program): the
/// default profile's rewrite needs 7 to 14 million (without and with
/// x32), its check 6 to 17; beyond it libseccomp's program is kept.
const MAX_WORK: usize = 50_000_000;

/// What A holds: a value known for the architecture and number being
/// followed, or an argument (or instruction pointer) word, unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Acc {
    Known(u32),
    Field(u32),
}

/// libseccomp's program `bpf` re-encoded, or none when it cannot be done
/// (or would gain nothing): then `bpf` is what to load.
pub fn shorten(bpf: &[u8]) -> Option<Vec<u8>> {
    let prog = bpf::decode(bpf)?;
    let short = rewrite(&prog)?;
    (short.len() < prog.len()).then(|| bpf::encode(&short))
}

/// `prog` as a binary search over stretches of architectures and numbers,
/// checked against it; none if it cannot be followed.
pub(super) fn rewrite(prog: &[Insn]) -> Option<Vec<Insn>> {
    if prog.len() > MAX_INSNS || !bpf::supported(prog) {
        return None;
    }
    let points = breakpoints(prog)?;
    if points.arches.len() * points.nrs.len() * prog.len() > MAX_WORK {
        return None;
    }
    let mut g = Graph::default();
    let mut arch_runs = Vec::new();
    for &arch in &points.arches {
        let mut nr_runs: Vec<(u32, usize)> = Vec::new();
        for &nr in &points.nrs {
            let leaf = follow(
                prog,
                &mut g,
                arch,
                nr,
                0,
                Acc::Known(0),
                &mut HashMap::new(),
            )?;
            if nr_runs.last().is_none_or(|&(_, l)| l != leaf) {
                nr_runs.push((nr, leaf));
            }
        }
        let node = match nr_runs.as_slice() {
            [(_, only)] => *only,
            _ => {
                let tree = search(&mut g, &nr_runs);
                g.add(Node::Load(NR, tree))
            }
        };
        if arch_runs.last().is_none_or(|&(_, n)| n != node) {
            arch_runs.push((arch, node));
        }
    }
    let tree = search(&mut g, &arch_runs);
    let root = g.add(Node::Load(ARCH, tree));
    let short = layout(&g, root)?;
    same_verdicts(prog, &short, &points).then_some(short)
}

/// The points where the architecture's or the number's comparisons may
/// change their outcome (each stretch's first value, 0 first), or none if
/// the program compares them in a way this module does not follow.
fn breakpoints(prog: &[Insn]) -> Option<Points> {
    // What A may hold at each instruction: None before any load.
    let mut holds: Vec<BTreeSet<Option<u32>>> = vec![BTreeSet::new(); prog.len()];
    holds[0].insert(None);
    let mut p = Points {
        arches: BTreeSet::from([0]),
        nrs: BTreeSet::from([0]),
        args: BTreeSet::new(),
    };
    for pc in 0..prog.len() {
        let i = prog[pc];
        let here = std::mem::take(&mut holds[pc]);
        if here.is_empty() {
            continue;
        }
        let out = match i.code {
            LD_ABS => BTreeSet::from([Some(i.k)]),
            _ => here.clone(),
        };
        let next: Vec<usize> = match i.code {
            LD_ABS => vec![pc + 1],
            // A masked number would not keep its verdict between points.
            AND if here.contains(&Some(NR)) || here.contains(&Some(ARCH)) => return None,
            AND => {
                p.args.insert(i.k);
                vec![pc + 1]
            }
            JA => vec![pc + 1 + i.k as usize],
            RET => vec![],
            _ => {
                let field = match here.iter().collect::<Vec<_>>().as_slice() {
                    [one] => **one,
                    _ => return None,
                };
                match field {
                    Some(NR | ARCH) if i.code == bpf::JSET => return None,
                    Some(NR) => p
                        .nrs
                        .extend([Some(i.k), i.k.checked_add(1)].into_iter().flatten()),
                    Some(ARCH) => p
                        .arches
                        .extend([Some(i.k), i.k.checked_add(1)].into_iter().flatten()),
                    Some(_) => {
                        p.args.insert(i.k);
                    }
                    None => {}
                }
                vec![pc + 1 + i.jt as usize, pc + 1 + i.jf as usize]
            }
        };
        for n in next {
            holds[n].extend(out.iter().copied());
        }
    }
    Some(p)
}

/// Where a program's verdict may change: the first value of each stretch
/// of architectures and of syscall numbers it cannot tell apart; and the
/// constants it compares argument words with.
struct Points {
    arches: BTreeSet<u32>,
    nrs: BTreeSet<u32>,
    args: BTreeSet<u32>,
}

/// The node for the program from `pc` on, A holding `acc`, for a syscall
/// of architecture `arch` and number `nr`: comparisons of those are
/// decided here, comparisons of arguments kept.
fn follow(
    prog: &[Insn],
    g: &mut Graph,
    arch: u32,
    nr: u32,
    mut pc: usize,
    mut acc: Acc,
    seen: &mut HashMap<(usize, Acc), usize>,
) -> Option<usize> {
    let start = (pc, acc);
    if let Some(&id) = seen.get(&start) {
        return Some(id);
    }
    let id = loop {
        let i = *prog.get(pc)?;
        match (i.code, acc) {
            (LD_ABS, _) => match i.k {
                NR => (acc, pc) = (Acc::Known(nr), pc + 1),
                ARCH => (acc, pc) = (Acc::Known(arch), pc + 1),
                off => {
                    let next = follow(prog, g, arch, nr, pc + 1, Acc::Field(off), seen)?;
                    break g.add(Node::Load(off, next));
                }
            },
            (JA, _) => pc += 1 + i.k as usize,
            (RET, _) => break g.add(Node::Ret(i.k)),
            (AND, Acc::Known(a)) => (acc, pc) = (Acc::Known(a & i.k), pc + 1),
            (AND, Acc::Field(_)) => {
                let next = follow(prog, g, arch, nr, pc + 1, acc, seen)?;
                break g.add(Node::And(i.k, next));
            }
            (code, Acc::Known(a)) => {
                pc += 1 + if bpf::taken(code, a, i.k) { i.jt } else { i.jf } as usize
            }
            (code, Acc::Field(_)) => {
                let t = follow(prog, g, arch, nr, pc + 1 + i.jt as usize, acc, seen)?;
                let f = follow(prog, g, arch, nr, pc + 1 + i.jf as usize, acc, seen)?;
                break g.add(Node::Jump(code, i.k, t, f));
            }
        }
    };
    seen.insert(start, id);
    Some(id)
}

/// A binary search over `runs` (each run's first value and its node, in
/// order) for the value in A.
fn search(g: &mut Graph, runs: &[(u32, usize)]) -> usize {
    match runs {
        [] | [(_, _)] => runs.first().map_or(0, |r| r.1),
        _ => {
            let mid = runs.len() / 2;
            let high = search(g, &runs[mid..]);
            let low = search(g, &runs[..mid]);
            g.add(Node::Jump(JGE, runs[mid].0, high, low))
        }
    }
}

/// The graph from `root` as instructions: every jump forward, a jump too
/// far for a conditional one's 8 bits made through a `ja` placed right
/// after it, a load whose next node is not the next instruction followed
/// by a `ja`.
fn layout(g: &Graph, root: usize) -> Option<Vec<Insn>> {
    // Depth first, each node after all that lead to it.
    let mut order = Vec::new();
    let mut visited = vec![false; g.nodes.len()];
    let mut stack = vec![(root, false)];
    while let Some((n, done)) = stack.pop() {
        if done {
            order.push(n);
            continue;
        }
        if visited[n] {
            continue;
        }
        visited[n] = true;
        stack.push((n, true));
        match g.nodes[n] {
            Node::Ret(_) => {}
            Node::Load(_, next) | Node::And(_, next) => stack.push((next, false)),
            Node::Jump(_, _, t, f) => {
                stack.push((t, false));
                stack.push((f, false));
            }
        }
    }
    order.reverse();
    // Which branches (node, taken?) go through a `ja`; grows until all fit.
    let mut far: BTreeSet<(usize, bool)> = BTreeSet::new();
    loop {
        let mut pos = vec![0usize; g.nodes.len()];
        let mut at = 0usize;
        for (i, &n) in order.iter().enumerate() {
            pos[n] = at;
            at += 1;
            match g.nodes[n] {
                Node::Load(_, next) | Node::And(_, next) if order.get(i + 1) != Some(&next) => {
                    at += 1
                }
                Node::Jump(..) => at += far.range((n, false)..=(n, true)).count(),
                _ => {}
            }
        }
        let mut grew = false;
        for &n in &order {
            if let Node::Jump(_, _, t, f) = g.nodes[n] {
                for (taken, to) in [(true, t), (false, f)] {
                    // Forward, as each node comes before those it leads to.
                    let distance = pos[to].checked_sub(pos[n] + 1)?;
                    if !far.contains(&(n, taken)) && distance > u8::MAX as usize {
                        far.insert((n, taken));
                        grew = true;
                    }
                }
            }
        }
        if grew {
            continue;
        }
        let mut out = Vec::with_capacity(at);
        for (i, &n) in order.iter().enumerate() {
            let here = pos[n];
            let ja = |from: usize, to: usize| Insn {
                code: JA,
                jt: 0,
                jf: 0,
                k: (to - from - 1) as u32,
            };
            match g.nodes[n] {
                Node::Ret(k) => out.push(Insn {
                    code: RET,
                    jt: 0,
                    jf: 0,
                    k,
                }),
                Node::Load(k, next) | Node::And(k, next) => {
                    let code = match g.nodes[n] {
                        Node::Load(..) => LD_ABS,
                        _ => AND,
                    };
                    out.push(Insn {
                        code,
                        jt: 0,
                        jf: 0,
                        k,
                    });
                    if order.get(i + 1) != Some(&next) {
                        out.push(ja(here + 1, pos[next]));
                    }
                }
                Node::Jump(code, k, t, f) => {
                    // The `ja`s follow the jump: taken's first.
                    let mut tail = Vec::new();
                    let mut offset = |taken: bool, to: usize| {
                        if far.contains(&(n, taken)) {
                            let slot = here + 1 + tail.len();
                            tail.push(ja(slot, pos[to]));
                            (slot - here - 1) as u8
                        } else {
                            (pos[to] - here - 1) as u8
                        }
                    };
                    let (jt, jf) = (offset(true, t), offset(false, f));
                    out.push(Insn { code, jt, jf, k });
                    out.extend(tail);
                }
            }
        }
        return (out.len() <= u16::MAX as usize).then_some(out);
    }
}

/// Whether `short` gives `long`'s verdict at every architecture and number
/// where a verdict may change and just before it; and where either reads
/// an argument there, also with argument words set, one at a time and
/// together, to the constants they are compared with (and their
/// neighbours).
fn same_verdicts(long: &[Insn], short: &[Insn], p: &Points) -> bool {
    let around = |points: &BTreeSet<u32>| -> BTreeSet<u32> {
        points
            .iter()
            .flat_map(|&v| [Some(v), v.checked_sub(1), v.checked_add(1)])
            .flatten()
            .chain([0, u32::MAX])
            .collect()
    };
    let values: Vec<u32> = around(&p.args).into_iter().collect();
    let budget = MAX_WORK / (long.len() + short.len());
    let runs = std::cell::Cell::new(0usize);
    let agree = |d: &[u32; 16]| {
        runs.set(runs.get() + 1);
        runs.get() <= budget && bpf::run(long, d).0 == bpf::run(short, d).0
    };
    for &arch in &around(&p.arches) {
        for &nr in &around(&p.nrs) {
            let mut data = [0u32; 16];
            (data[0], data[1]) = (nr, arch);
            let ((a, long_reads), (b, short_reads)) =
                (bpf::run(long, &data), bpf::run(short, &data));
            runs.set(runs.get() + 1);
            if a != b || runs.get() > budget {
                return false;
            }
            // Then no comparison on the way read an argument: none matters.
            if !long_reads && !short_reads {
                continue;
            }
            let mut seed = u64::from(nr) << 32 | u64::from(arch);
            for &v in &values {
                let mut all = data;
                all[2..].fill(v);
                let mut mixed = data;
                for w in &mut mixed[2..] {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    *w = values[(seed >> 33) as usize % values.len()];
                }
                if !agree(&all) || !agree(&mixed) {
                    return false;
                }
                for word in 2..16 {
                    let mut d = data;
                    d[word] = v;
                    if !agree(&d) {
                        return false;
                    }
                }
            }
        }
    }
    true
}
