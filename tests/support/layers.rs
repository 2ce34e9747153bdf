//! Low-level tar writing for test image layers.
//!
//! [`TarWriter`] writes ustar headers by hand so that tests can produce *any*
//! entry, including names that the `tar` crate's `Builder` refuses (`..`
//! components, absolute names, names longer than 100 bytes). Long names and
//! link targets are written with PAX `path`/`linkpath` records (or GNU `L`/`K`
//! records, see [`LongNames`]); extended attributes with PAX
//! `SCHILY.xattr.*` records.
//!
//! [`busybox_layer`] builds a small but complete rootfs from Debian's
//! `busybox-static` package.

use std::path::Path;
use std::process::Command;

/// Modification time written into every entry: 2024-01-01T00:00:00Z.
pub const FIXED_MTIME: u64 = 1_704_067_200;

/// Tar type flags.
pub mod kind {
    /// Regular file.
    pub const FILE: u8 = b'0';
    /// Hard link.
    pub const HARDLINK: u8 = b'1';
    /// Symbolic link.
    pub const SYMLINK: u8 = b'2';
    /// Character device.
    pub const CHARDEV: u8 = b'3';
    /// Block device.
    pub const BLOCKDEV: u8 = b'4';
    /// Directory.
    pub const DIR: u8 = b'5';
    /// FIFO.
    pub const FIFO: u8 = b'6';
    /// PAX extended header for the next entry.
    pub const PAX: u8 = b'x';
    /// GNU long name for the next entry.
    pub const GNU_LONGNAME: u8 = b'L';
    /// GNU long link target for the next entry.
    pub const GNU_LONGLINK: u8 = b'K';
}

/// How names / link targets longer than 100 bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LongNames {
    /// PAX extended header with `path=` / `linkpath=` records (default).
    #[default]
    Pax,
    /// GNU `././@LongLink` entries of type `L` / `K`.
    Gnu,
}

/// Everything needed to write one tar entry. Build with struct update syntax
/// from `Entry::default()`.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Entry name, written verbatim (no normalisation at all).
    pub name: &'a [u8],
    /// Type flag, see [`kind`].
    pub kind: u8,
    /// File content (only meaningful for regular files).
    pub content: &'a [u8],
    /// Permission bits including setuid/setgid/sticky (`0o4755`).
    pub mode: u32,
    /// Owner uid (values too large for the header go to a PAX record).
    pub uid: u64,
    /// Owner gid (values too large for the header go to a PAX record).
    pub gid: u64,
    /// Link target for symlinks and hard links.
    pub link: &'a [u8],
    /// Device major number.
    pub major: u32,
    /// Device minor number.
    pub minor: u32,
    /// Extended attributes, written as PAX `SCHILY.xattr.<name>` records.
    pub xattrs: &'a [(&'a str, &'a [u8])],
    /// Modification time in seconds since the epoch.
    pub mtime: u64,
}

impl Default for Entry<'_> {
    fn default() -> Self {
        Entry {
            name: b"",
            kind: kind::FILE,
            content: b"",
            mode: 0o644,
            uid: 0,
            gid: 0,
            link: b"",
            major: 0,
            minor: 0,
            xattrs: &[],
            mtime: FIXED_MTIME,
        }
    }
}

/// A tar stream writer that can write any entry. See the module docs.
#[derive(Debug, Default)]
pub struct TarWriter {
    buf: Vec<u8>,
    long_names: LongNames,
}

/// Largest value that fits in an octal header field of `len` bytes
/// (`len - 1` digits plus a NUL).
fn octal_max(len: usize) -> u64 {
    (1u64 << (3 * (len - 1))) - 1
}

fn put_octal(field: &mut [u8], value: u64) {
    let digits = field.len() - 1;
    let s = format!("{value:0digits$o}");
    assert!(s.len() <= digits, "value {value} does not fit in tar field");
    field[..digits].copy_from_slice(s.as_bytes());
    field[digits] = 0;
}

fn put_bytes(field: &mut [u8], value: &[u8]) {
    let n = value.len().min(field.len());
    field[..n].copy_from_slice(&value[..n]);
}

/// One PAX record `"<len> <key>=<value>\n"`, where `<len>` counts itself.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let rest = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = rest + 1;
    while len.to_string().len() + rest != len {
        len = len.to_string().len() + rest;
    }
    let mut rec = format!("{len} {key}=").into_bytes();
    rec.extend_from_slice(value);
    rec.push(b'\n');
    rec
}

impl TarWriter {
    /// New empty writer using PAX records for long names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Choose how names longer than 100 bytes are encoded.
    pub fn set_long_names(&mut self, style: LongNames) -> &mut Self {
        self.long_names = style;
        self
    }

    fn header(&mut self, name: &[u8], e: &Entry, size: u64, kind: u8) {
        let mut h = [0u8; 512];
        put_bytes(&mut h[0..100], name);
        put_octal(&mut h[100..108], u64::from(e.mode & 0o7777));
        put_octal(&mut h[108..116], e.uid.min(octal_max(8)));
        put_octal(&mut h[116..124], e.gid.min(octal_max(8)));
        put_octal(&mut h[124..136], size);
        put_octal(&mut h[136..148], e.mtime.min(octal_max(12)));
        h[156] = kind;
        put_bytes(&mut h[157..257], e.link);
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        if matches!(kind, kind::CHARDEV | kind::BLOCKDEV) {
            put_octal(&mut h[329..337], u64::from(e.major));
            put_octal(&mut h[337..345], u64::from(e.minor));
        }
        // Checksum: sum of all bytes with the checksum field as spaces.
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        let s = format!("{sum:06o}\0 ");
        h[148..156].copy_from_slice(s.as_bytes());
        self.buf.extend_from_slice(&h);
    }

    fn data(&mut self, content: &[u8]) {
        self.buf.extend_from_slice(content);
        let pad = (512 - content.len() % 512) % 512;
        self.buf.resize(self.buf.len() + pad, 0);
    }

    fn meta_entry(&mut self, name: &[u8], kind: u8, payload: &[u8]) {
        let meta = Entry {
            name,
            mode: 0o644,
            ..Entry::default()
        };
        self.header(name, &meta, payload.len() as u64, kind);
        self.data(payload);
    }

    /// Write one arbitrary entry. This is the primitive all helpers use.
    pub fn entry(&mut self, e: &Entry) -> &mut Self {
        let mut pax = Vec::new();
        let gnu = self.long_names == LongNames::Gnu;
        if e.name.len() > 100 {
            if gnu {
                let mut n = e.name.to_vec();
                n.push(0);
                self.meta_entry(b"././@LongLink", kind::GNU_LONGNAME, &n);
            } else {
                pax.extend(pax_record("path", e.name));
            }
        }
        if e.link.len() > 100 {
            if gnu {
                let mut n = e.link.to_vec();
                n.push(0);
                self.meta_entry(b"././@LongLink", kind::GNU_LONGLINK, &n);
            } else {
                pax.extend(pax_record("linkpath", e.link));
            }
        }
        if e.uid > octal_max(8) {
            pax.extend(pax_record("uid", e.uid.to_string().as_bytes()));
        }
        if e.gid > octal_max(8) {
            pax.extend(pax_record("gid", e.gid.to_string().as_bytes()));
        }
        for (k, v) in e.xattrs {
            pax.extend(pax_record(&format!("SCHILY.xattr.{k}"), v));
        }
        if !pax.is_empty() {
            let mut pname = b"PaxHeaders/".to_vec();
            let tail = &e.name[e.name.len().saturating_sub(80)..];
            pname.extend_from_slice(tail);
            self.meta_entry(&pname, kind::PAX, &pax);
        }
        let size = if e.kind == kind::FILE {
            e.content.len() as u64
        } else {
            0
        };
        self.header(e.name, e, size, e.kind);
        if e.kind == kind::FILE {
            self.data(e.content);
        }
        self
    }

    /// A directory; a trailing `/` is added to the name if missing.
    pub fn dir(&mut self, path: &str, mode: u32, uid: u64, gid: u64) -> &mut Self {
        let mut name = path.as_bytes().to_vec();
        if !name.ends_with(b"/") {
            name.push(b'/');
        }
        self.entry(&Entry {
            name: &name,
            kind: kind::DIR,
            mode,
            uid,
            gid,
            ..Entry::default()
        })
    }

    /// A regular file.
    pub fn file(&mut self, path: &str, content: &[u8], mode: u32, uid: u64, gid: u64) -> &mut Self {
        self.file_with_xattrs(path, content, mode, uid, gid, &[])
    }

    /// A regular file with extended attributes (PAX `SCHILY.xattr.*`).
    pub fn file_with_xattrs(
        &mut self,
        path: &str,
        content: &[u8],
        mode: u32,
        uid: u64,
        gid: u64,
        xattrs: &[(&str, &[u8])],
    ) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            content,
            mode,
            uid,
            gid,
            xattrs,
            ..Entry::default()
        })
    }

    /// A GNU long-name record (`././@LongLink`, type `L`) whose payload is
    /// `name` as given (any size), then a small file that takes that name.
    pub fn gnu_long_name(&mut self, name: &[u8]) -> &mut Self {
        self.meta_entry(b"././@LongLink", kind::GNU_LONGNAME, name);
        self.entry(&Entry {
            name: b"short",
            content: b"x",
            mode: 0o644,
            ..Entry::default()
        })
    }

    /// A GNU sparse file (type `S`, old GNU format): `real_size` bytes of
    /// which only `chunks` (offset, data; each a multiple of 512 bytes but
    /// the last) are stored, the rest holes; a trailing hole ends with an
    /// empty chunk at `real_size`. At most four chunks.
    pub fn gnu_sparse(&mut self, path: &str, real_size: u64, chunks: &[(u64, &[u8])]) -> &mut Self {
        assert!(chunks.len() <= 4 && path.len() <= 100);
        let e = Entry {
            name: path.as_bytes(),
            mode: 0o644,
            ..Entry::default()
        };
        let stored: u64 = chunks.iter().map(|(_, d)| d.len() as u64).sum();
        self.header(e.name, &e, stored, b'S');
        let start = self.buf.len() - 512;
        let h = &mut self.buf[start..];
        // GNU magic and version instead of ustar's.
        h[257..265].copy_from_slice(b"ustar  \0");
        for (i, (off, data)) in chunks.iter().enumerate() {
            let at = 386 + i * 24;
            put_octal(&mut h[at..at + 12], *off);
            put_octal(&mut h[at + 12..at + 24], data.len() as u64);
        }
        h[482] = 0; // no extension headers
        put_octal(&mut h[483..495], real_size);
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        let sum = format!("{sum:06o}\0 ");
        h[148..156].copy_from_slice(sum.as_bytes());
        let mut data = Vec::new();
        for (_, d) in chunks {
            data.extend_from_slice(d);
        }
        self.data(&data);
        self
    }

    /// A symbolic link `path -> target` (mode 0777, owned by root).
    pub fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            kind: kind::SYMLINK,
            link: target.as_bytes(),
            mode: 0o777,
            ..Entry::default()
        })
    }

    /// A hard link `path` to the earlier entry `target`.
    pub fn hardlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            kind: kind::HARDLINK,
            link: target.as_bytes(),
            ..Entry::default()
        })
    }

    /// A character device node (mode 0666, owned by root).
    pub fn chardev(&mut self, path: &str, major: u32, minor: u32) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            kind: kind::CHARDEV,
            mode: 0o666,
            major,
            minor,
            ..Entry::default()
        })
    }

    /// A block device node (mode 0660, owned by root).
    pub fn blockdev(&mut self, path: &str, major: u32, minor: u32) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            kind: kind::BLOCKDEV,
            mode: 0o660,
            major,
            minor,
            ..Entry::default()
        })
    }

    /// A FIFO (mode 0644, owned by root).
    pub fn fifo(&mut self, path: &str) -> &mut Self {
        self.entry(&Entry {
            name: path.as_bytes(),
            kind: kind::FIFO,
            ..Entry::default()
        })
    }

    /// An overlay/OCI whiteout: empty file `dir/.wh.name` (`.wh.name` when
    /// `dir` is empty or `.`).
    pub fn whiteout(&mut self, dir: &str, name: &str) -> &mut Self {
        let path = join(dir, &format!(".wh.{name}"));
        self.file(&path, b"", 0o644, 0, 0)
    }

    /// An opaque-directory marker: empty file `dir/.wh..wh..opq`.
    pub fn opaque(&mut self, dir: &str) -> &mut Self {
        let path = join(dir, ".wh..wh..opq");
        self.file(&path, b"", 0o644, 0, 0)
    }

    /// A regular file (0644, root) whose name is written verbatim, e.g.
    /// `b"../escape"` or `b"/abs/x"`.
    pub fn raw_file(&mut self, name_bytes: &[u8], content: &[u8]) -> &mut Self {
        self.entry(&Entry {
            name: name_bytes,
            content,
            ..Entry::default()
        })
    }

    /// Terminate the archive (two zero blocks) and return its bytes.
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = std::mem::take(&mut self.buf);
        out.resize(out.len() + 1024, 0);
        out
    }
}

fn join(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Path of Debian's busybox-static binary.
pub const BUSYBOX: &str = "/bin/busybox";

/// True when the ELF file has a `PT_INTERP` program header (dynamic binary).
fn elf_has_interp(elf: &[u8]) -> bool {
    if elf.len() < 64 || &elf[..4] != b"\x7fELF" || elf[4] != 2 || elf[5] != 1 {
        return false; // only 64-bit little endian is inspected
    }
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]) as usize;
    let mut a = [0u8; 8];
    a.copy_from_slice(&elf[32..40]);
    let phoff = u64::from_le_bytes(a) as usize;
    let (phentsize, phnum) = (u16_at(54), u16_at(56));
    (0..phnum).any(|i| {
        let o = phoff + i * phentsize;
        o + 4 <= elf.len() && u32::from_le_bytes([elf[o], elf[o + 1], elf[o + 2], elf[o + 3]]) == 3
    })
}

/// A complete busybox rootfs as an uncompressed tar (see the module docs and
/// the source for the exact contents: applet symlinks in `bin/`, users root,
/// daemon, nobody and `tester` (1000:1000), sticky `tmp` and `var/tmp`).
pub fn busybox_layer() -> Vec<u8> {
    let bin = std::fs::read(BUSYBOX).unwrap_or_else(|e| {
        panic!("cannot read {BUSYBOX} ({e}): install it with `apt-get install busybox-static`")
    });
    assert!(
        !elf_has_interp(&bin),
        "{BUSYBOX} is dynamically linked: install `busybox-static` instead of `busybox`"
    );
    let out = Command::new(BUSYBOX)
        .arg("--list")
        .output()
        .expect("running busybox --list");
    assert!(out.status.success(), "busybox --list failed");
    let list = String::from_utf8(out.stdout).expect("busybox --list output is UTF-8");
    let mut applets: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != "busybox" && !a.contains('/'))
        .collect();
    applets.sort_unstable();
    applets.dedup();
    for need in ["sh", "ls", "cat", "echo", "id", "sleep", "true", "false"] {
        assert!(applets.contains(&need), "busybox lacks the {need} applet");
    }

    let mut t = TarWriter::new();
    for (d, mode) in [
        ("bin", 0o755),
        ("dev", 0o755),
        ("etc", 0o755),
        ("home", 0o755),
        ("proc", 0o555),
        ("root", 0o700),
        ("sys", 0o555),
        ("tmp", 0o1777),
        ("usr", 0o755),
        ("usr/bin", 0o755),
        ("var", 0o755),
        ("var/tmp", 0o1777),
    ] {
        t.dir(d, mode, 0, 0);
    }
    t.dir("home/tester", 0o755, 1000, 1000);
    t.file("bin/busybox", &bin, 0o755, 0, 0);
    for a in &applets {
        t.symlink(&format!("bin/{a}"), "busybox");
    }
    let passwd = "root:x:0:0:root:/root:/bin/sh\n\
                  daemon:x:1:1:daemon:/usr/sbin:/bin/false\n\
                  nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n\
                  tester:x:1000:1000::/home/tester:/bin/sh\n";
    let group = "root:x:0:\ndaemon:x:1:\ntty:x:5:\nwheel:x:10:tester\n\
                 tester:x:1000:\nnogroup:x:65534:\n";
    t.file("etc/passwd", passwd.as_bytes(), 0o644, 0, 0);
    t.file("etc/group", group.as_bytes(), 0o644, 0, 0);
    t.finish()
}

/// True when [`BUSYBOX`] exists (lets tests skip with a message instead of
/// panicking, if they prefer).
pub fn have_busybox() -> bool {
    Path::new(BUSYBOX).exists()
}
