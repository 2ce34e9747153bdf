//! Exhaustion: trees deeper than the descriptor limit, log floods, layer
//! bombs and full disks. Each ends with a clear error or a correct result,
//! in bounded memory, and leaves nothing half-done behind.

use crate::common::*;
use crate::support::oci::{self, Compression};

/// An image with a 1,500-deep tree, and a container whose process builds a
/// 2,500-deep one: both removed, nothing left in tmp/.
#[test]
fn trees_of_any_depth_are_removed() {
    let (reg, den) = ready_checker();
    let layer = layer_of(
        |t| {
            let mut p = String::new();
            for _ in 0..1500 {
                p.push_str("d/");
                t.dir(&p, 0o755, 0, 0);
            }
            t.file(&format!("{p}bottom"), b"deep\n", 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "deep",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), layer],
        false,
    );
    den.ok(&["pull", "-q", "deep"]);
    let layers = den.data().join("layers");
    assert_eq!(entries(&layers).len(), 3);
    den.ok(&["rmi", "deep"]);
    assert_eq!(entries(&layers).len(), 2, "the deep layer is left");
    assert!(entries(&den.data().join("tmp")).is_empty());

    den.ok(&[
        "run",
        "--name",
        "builder",
        "-w",
        "/tmp",
        "checker",
        "den-checker",
        "deep-tree",
        "2500",
    ]);
    den.ok(&["rm", "builder"]);
    assert!(entries(&den.data().join("containers")).is_empty());
    assert!(entries(&den.data().join("tmp")).is_empty());
}

/// CPU time (user + system, in clock ticks) a process has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let fields: Vec<&str> = stat[stat.rfind(')').expect(")") + 2..].split(' ').collect();
    fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime")
}

/// A log flood is kept to the default size limit; `logs --tail` and
/// `logs -f` of a large log run in bounded memory (64 MiB of data, for a
/// 300 MB log), and `-f` sleeps while nothing comes.
#[test]
fn log_floods_stay_bounded() {
    let (_reg, den) = ready();
    // 120 MB of output: the log rotates at 20 MB, keeping one older file.
    den.ok(&[
        "run", "--name", "flood", "busybox", "sh", "-c",
        "yes 'a line of some length, to make the log grow as fast as a real flood does' | head -c 120000000",
    ]);
    let id = inspect(&den, "flood", "{{.Id}}");
    let log = den.data().join("containers").join(&id).join("ctr.log");
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total = size(&log) + size(&log.with_extension("log.1"));
    assert!(
        total > 20_000_000 && total <= 40_000_000,
        "the log takes {total} bytes"
    );
    den.ok(&["rm", "flood"]);

    // A 300 MB log, as den writes it, for a container that logs on demand.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "big",
        "--log-opt",
        "max-size=-1",
        "busybox",
        "sh",
        "-c",
        "while :; do if [ -e /tmp/go ]; then echo after-follow; rm /tmp/go; fi; sleep 0.1; done",
    ]);
    let id = inspect(&den, "big", "{{.Id}}");
    let log = den.data().join("containers").join(&id).join("ctr.log");
    {
        use std::io::Write;
        let f = std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .expect("log");
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        let mut n = 0u64;
        while n < 300_000_000 {
            let rec = format!("2026-11-29T10:00:00.000000000Z stdout F big line {n}\n");
            w.write_all(rec.as_bytes()).expect("write");
            n += rec.len() as u64;
        }
        w.write_all(b"2026-11-29T10:00:01.000000000Z stdout F big line END\n")
            .expect("write");
    }
    let bounded = |args: &[&str]| {
        let mut c = den.command("prlimit");
        c.arg("--data=67108864").arg(den_bin()).args(args);
        c
    };
    let out = bounded(&["logs", "--tail", "2", "big"])
        .output()
        .expect("logs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("big line ") && lines[1] == "big line END",
        "{text}"
    );

    let mut follow = bounded(&["logs", "-f", "--tail", "1", "big"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("logs -f");
    let mut stdout = follow.stdout.take().expect("stdout");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = std::io::Read::read(&mut stdout, &mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .expect("lock")
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let has = |s: &str| seen.lock().expect("lock").contains(s);
    wait_for("logs -f to print the end", || has("big line END"));
    let before = cpu_ticks(follow.id());
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let idle = cpu_ticks(follow.id()) - before;
    assert!(
        idle <= 10,
        "logs -f used {idle} ticks of CPU in 1.5 s of silence"
    );
    den.ok(&["exec", "big", "touch", "/tmp/go"]);
    wait_for("logs -f to print new output", || has("after-follow"));
    assert!(follow.try_wait().expect("wait").is_none(), "logs -f ended");
    den.ok(&["rm", "-f", "big"]);
    let status = follow.wait().expect("wait");
    assert!(status.success(), "logs -f: {status}");
    assert!(!has("big line 0\n"), "-f --tail 1 printed the whole log");
}

/// Bytes a file takes on disk (not its apparent size).
fn disk_usage(p: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).expect("stat").blocks() * 512
}

/// A pull that fails with one line and exit 125, leaving no layer or work
/// behind; its message.
fn refused(den: &Den, image: &str) -> String {
    let layers = entries(&den.data().join("layers")).len();
    let e = den.fails(&["pull", "-q", image], 125);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert_eq!(
        entries(&den.data().join("layers")).len(),
        layers,
        "a layer was kept"
    );
    assert!(
        entries(&den.data().join("tmp")).is_empty(),
        "work was left in tmp/"
    );
    den.fails(&["image", "inspect", image], 125);
    e
}

/// Holes stay holes; a gzip stream that expands a thousandfold, and a
/// layer larger than the configured limit, are refused before they fill
/// the disk.
#[test]
fn layer_bombs_are_refused_and_holes_stay_sparse() {
    let (reg, den) = ready();
    // A 300 MB sparse file holding 8 KiB of data.
    let sparse = layer_of(
        |t| {
            t.gnu_sparse(
                "sparse.img",
                300_000_000,
                &[
                    (0, &[b'a'; 4096]),
                    (200_000_000, &[b'b'; 4096]),
                    (300_000_000, &[]),
                ],
            );
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "sparse",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), sparse],
        false,
    );
    // 100 MB of zeros, about 100 KB compressed.
    let zeros = vec![0u8; 100_000_000];
    let bomb = layer_of(
        |t| {
            t.file("zeros", &zeros, 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    drop(zeros);
    oci::push_image(
        &reg.addr,
        "bomb",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), bomb],
        false,
    );
    den.ok(&["pull", "-q", "busybox"]);

    let e = refused(&den, "bomb");
    assert!(
        e.contains("decompression bomb") && e.contains("layer_max_ratio"),
        "{e}"
    );

    // A 400 MB long name (zeros, 400 KB compressed), which a tar reader
    // holds in memory whole: stopped at 16 MiB, in 256 MiB of data.
    let name = vec![0u8; 400 << 20];
    let long = layer_of(
        |t| {
            t.gnu_long_name(&name);
        },
        Compression::Gzip,
    );
    drop(name);
    oci::push_image(
        &reg.addr,
        "longname",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), long],
        false,
    );
    let out = den
        .command("prlimit")
        .arg("--data=268435456")
        .arg(den_bin())
        .args(["pull", "-q", "longname"])
        .output()
        .expect("pull");
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{e}");
    assert!(e.contains("header data") && e.lines().count() == 1, "{e}");
    assert!(entries(&den.data().join("tmp")).is_empty());

    // A limit from den's config file.
    let conf = den.home().join("config/den/den.conf");
    std::fs::create_dir_all(conf.parent().expect("dir")).expect("mkdir");
    std::fs::write(&conf, "[pull]\nlayer_max_size = \"200m\"\n").expect("den.conf");
    let e = refused(&den, "sparse");
    assert!(
        e.contains("files add up to more than 200000000 bytes"),
        "{e}"
    );
    std::fs::write(&conf, "[pull]\nlayer_max_size = \"1g\"\n").expect("den.conf");
    den.ok(&["pull", "-q", "sparse"]);
    let file = std::fs::read_dir(den.data().join("layers"))
        .expect("layers")
        .flatten()
        .map(|e| e.path().join("diff/sparse.img"))
        .find(|p| p.exists())
        .expect("the sparse file");
    assert_eq!(std::fs::metadata(&file).expect("stat").len(), 300_000_000);
    assert!(
        disk_usage(&file) < 1_000_000,
        "{} bytes on disk",
        disk_usage(&file)
    );
    let out = den.ok(&[
        "run", "--rm", "sparse", "sh", "-c",
        "head -c 1 /sparse.img; tail -c +200000001 /sparse.img | head -c 1; tail -c 1 /sparse.img | od -An -c",
    ]);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>(),
        ["ab", "\\0"],
        "{out}"
    );

    std::fs::write(&conf, "[pull]\nlayer_max_size = \"lots\"\n").expect("den.conf");
    let e = den.fails(&["pull", "-q", "sparse"], 125);
    assert!(
        e.starts_with("den: error: ") && e.contains("den.conf is not valid"),
        "{e}"
    );
}

/// The output of `script` run by `sh` in a mount namespace of den's
/// user namespace (where it may mount a small tmpfs), with `dir` as $1.
fn in_mount_namespace(den: &Den, script: &str, dir: &std::path::Path) -> String {
    den.ok(&[
        "unshare",
        "unshare",
        "-m",
        "sh",
        "-c",
        script,
        "sh",
        &dir.display().to_string(),
    ])
}

/// The value of a `KEY=value` line of `out`.
fn field_of(out: &str, k: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{k}=")))
        .unwrap_or_else(|| panic!("no {k} in {out}"))
        .to_string()
}

/// A filesystem that fills during a pull: one line naming the storage, no
/// image, no layer half kept, nothing in tmp/; with space again, the next
/// pull works. (A small tmpfs, in a mount namespace of den's user namespace.)
#[test]
fn a_full_disk_stops_a_pull_cleanly() {
    let (reg, den) = setup();
    let data: Vec<u8> = (0..40u32 << 20)
        .map(|j| (j.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let big = layer_of(
        |t| {
            t.file("blob", &data, 0o644, 0, 0);
        },
        Compression::Gzip,
    );
    oci::push_image(
        &reg.addr,
        "big",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), big],
        false,
    );
    // Far larger than the disk, uncompressed: the extraction stops long
    // before the download would end, and that is still a full disk, not a
    // short layer.
    let data: Vec<u8> = (0..160u32 << 20)
        .map(|j| (j.wrapping_mul(2_246_822_519) >> 11) as u8)
        .collect();
    let huge = layer_of(
        |t| {
            t.file("blob", &data, 0o644, 0, 0);
        },
        Compression::None,
    );
    drop(data);
    oci::push_image(
        &reg.addr,
        "huge",
        "latest",
        &busybox_spec(),
        &[busybox_gz(), huge],
        false,
    );
    let mnt = den.home().join("small");
    std::fs::create_dir(&mnt).expect("mkdir");
    let den_bin = den_bin().display().to_string();
    let script = format!(
        r#"mount -t tmpfs -o size=24m tmpfs "$1" || exit 1
         "{den_bin}" --root "$1/den" pull -q big > /dev/null 2> "$1/err"; echo "first=$?"
         echo "stderr=$(cat "$1/err")"
         echo "tmp=$(ls "$1/den/tmp" | grep -v '\.lock$' | wc -l)"
         echo "images=$("{den_bin}" --root "$1/den" images -q | wc -l)"
         echo "layers=$(ls "$1/den/layers" | wc -l)"
         "{den_bin}" --root "$1/den" pull -q huge > /dev/null 2> "$1/err"; echo "huge=$?"
         echo "hugeerr=$(cat "$1/err")"
         mount -o remount,size=200m "$1"
         "{den_bin}" --root "$1/den" pull -q big > /dev/null && echo second=ok
         "{den_bin}" --root "$1/den" run --rm big sh -c 'wc -c < /blob'
         "{den_bin}" --root "$1/den" rm -fa > /dev/null
         # (run --rm's remover may still be deleting the files: it returns
         # before them.)
         for i in $(seq 200); do umount "$1" 2>/dev/null && break; sleep 0.05; done
         ! mountpoint -q "$1""#
    );
    let out = in_mount_namespace(&den, &script, &mnt);
    let field = |k: &str| field_of(&out, k);
    assert_eq!(field("first"), "125", "{out}");
    let e = field("stderr");
    assert!(
        e.starts_with("den: error: no space left on the filesystem of ")
            && e.contains(&mnt.display().to_string())
            && !e.contains('\n'),
        "{out}"
    );
    assert_eq!(field("huge"), "125", "{out}");
    assert!(
        field("hugeerr").starts_with("den: error: no space left on the filesystem of "),
        "{out}"
    );
    assert_eq!(field("tmp"), "0", "{out}");
    assert_eq!(field("images"), "0", "{out}");
    assert!(
        field("layers").parse::<u32>().expect("n") <= 1,
        "the big layer was kept: {out}"
    );
    assert_eq!(field("second"), "ok", "{out}");
    assert!(
        out.lines().any(|l| l.trim() == (40u32 << 20).to_string()),
        "{out}"
    );
}

/// A container that fills the disk can be removed, and the space comes
/// back: the trash its files move to was made before the disk filled (it
/// was made by the first removal, which a full disk refused: every `rm`
/// failed, and nothing could free the space). A small tmpfs, in a mount
/// namespace of den's user namespace, holds a fresh store; the container
/// uses up its inodes (a tmpfs out of bytes still makes directories).
#[test]
fn a_container_that_filled_the_disk_can_be_removed() {
    let (_reg, den) = setup();
    let mnt = den.home().join("small");
    std::fs::create_dir(&mnt).expect("mkdir");
    let den_bin = den_bin().display().to_string();
    let script = format!(
        r#"mount -t tmpfs -o size=32m,nr_inodes=3000 tmpfs "$1" || exit 1
         D="$1/den"
         "{den_bin}" --root "$D" pull -q busybox > /dev/null || exit 1
         "{den_bin}" --root "$D" run --name filler busybox sh -c 'i=0; while touch /f$i 2>/dev/null; do i=$((i+1)); done'
         echo "full=$(df -i "$1" | awk 'NR==2 {{print $4}}')"
         err=$("{den_bin}" --root "$D" rm filler 2>&1 > /dev/null); echo "rm=$?"
         echo "err=$err"
         echo "left=$("{den_bin}" --root "$D" ps -aq | wc -l)"
         n=0; while [ -n "$(ls -A "$D/trash" 2>/dev/null)" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
         echo "free=$(df -i "$1" | awk 'NR==2 {{print $4}}')"
         "{den_bin}" --root "$D" rmi -a > /dev/null
         umount "$1""#
    );
    let out = in_mount_namespace(&den, &script, &mnt);
    let field = |k: &str| field_of(&out, k);
    let inodes = |k: &str| field(k).trim().parse::<u64>().expect("inodes");
    assert_eq!(inodes("full"), 0, "the disk did not fill: {out}");
    assert_eq!(field("rm"), "0", "{out}");
    assert_eq!(field("err"), "", "{out}");
    assert_eq!(field("left"), "0", "{out}");
    assert!(inodes("free") > 1000, "the space did not come back: {out}");
}
