//! Build contexts that are not a local directory, as Docker takes them:
//! an archive or a Containerfile on stdin (`build -`), a URL (an archive
//! or a Containerfile, downloaded) and a Git repository (`REPO#REF:DIR`).

use super::build::{context, run};
use super::build_edges::walk_names;
use crate::common::*;

/// No unpacked or cloned context is left in the store.
fn nothing_left(den: &Den) {
    let left: Vec<String> = walk_names(&den.data().join("tmp"))
        .into_iter()
        .filter(|n| n.starts_with("build-context") || n.starts_with("add-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `build -` of an archive on stdin (tar or gzip), as Docker takes it:
/// the archive is the context, its Dockerfile (or `-f` inside it) the
/// file; a Containerfile on stdin still builds without a context.
#[test]
fn an_archive_on_stdin_is_the_context() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "tarctx",
        &[
            ("Dockerfile", "FROM busybox\nCOPY hello.txt /\n"),
            ("sub/Alt", "FROM busybox\nCOPY sub/other.txt /hello.txt\n"),
            ("hello.txt", "from the tar\n"),
            ("sub/other.txt", "from -f\n"),
        ],
    );
    let tar = den.home().join("ctx.tar");
    let tgz = den.home().join("ctx.tgz");
    tar_of(&dir, &tar, false);
    tar_of(&dir, &tgz, true);
    let build = |input: &std::path::Path, args: &[&str]| {
        let mut all = vec!["build", "-q"];
        all.extend_from_slice(args);
        all.push("-");
        let out = den
            .cmd(&all)
            .stdin(std::fs::File::open(input).expect("open"))
            .output()
            .expect("build");
        assert!(out.status.success(), "{:?}", text(&out));
    };
    build(&tar, &["-t", "from-tar"]);
    assert_eq!(
        run(&den, "from-tar", &["cat", "/hello.txt"]),
        "from the tar\n"
    );
    build(&tgz, &["-t", "from-tgz", "-f", "sub/Alt"]);
    assert_eq!(run(&den, "from-tgz", &["cat", "/hello.txt"]), "from -f\n");
    let plain = den.home().join("Containerfile.plain");
    std::fs::write(&plain, "FROM busybox\nRUN echo plain > /p\n").expect("write");
    build(&plain, &["-t", "from-text"]);
    assert_eq!(run(&den, "from-text", &["cat", "/p"]), "plain\n");
    nothing_left(&den);
}

/// A URL: an archive is the context, a Containerfile builds without one.
#[test]
fn a_url_gives_an_archive_or_a_containerfile() {
    let (_reg, den) = ready();
    let dir = context(
        &den,
        "urlctx",
        &[
            ("Dockerfile", "FROM busybox\nCOPY hello.txt /\n"),
            ("hello.txt", "from the url\n"),
        ],
    );
    let tgz = den.home().join("ctx.tgz");
    tar_of(&dir, &tgz, true);
    let port = server_on("127.0.0.1", std::fs::read(&tgz).expect("read"));
    let url = format!("http://127.0.0.1:{port}/ctx.tar.gz");
    den.ok(&["build", "-q", "-t", "from-url", &url]);
    assert_eq!(
        run(&den, "from-url", &["cat", "/hello.txt"]),
        "from the url\n"
    );
    let port = server_on("127.0.0.1", "FROM busybox\nRUN echo remote > /r\n");
    let url = format!("http://127.0.0.1:{port}/Dockerfile");
    den.ok(&["build", "-q", "-t", "from-text-url", &url]);
    assert_eq!(run(&den, "from-text-url", &["cat", "/r"]), "remote\n");
    nothing_left(&den);
}

/// A Git repository (`git://`, served by `git daemon` on loopback): a
/// branch and a directory in it (`#REF:DIR`); a directory that leaves
/// the repository is refused.
#[test]
fn a_git_repository_is_cloned_at_its_branch_and_directory() {
    let (_reg, den) = ready();
    let repo = den.home().join("repos/app.git");
    std::fs::create_dir_all(repo.join("sub")).expect("repo");
    let git = |args: &[&str]| {
        let out = den
            .command("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {:?}", text(&out));
    };
    git(&["init", "-q", "-b", "main"]);
    std::fs::write(repo.join("Dockerfile"), "FROM busybox\nCOPY . /ctx\n").expect("w");
    std::fs::write(repo.join("sub/Dockerfile"), "FROM busybox\nCOPY f /f\n").expect("w");
    std::fs::write(repo.join("sub/f"), "on main\n").expect("w");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "main"]);
    let head = den
        .command("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(&repo)
        .output()
        .expect("git");
    let main_commit = String::from_utf8_lossy(&head.stdout).trim().to_string();
    git(&["config", "uploadpack.allowReachableSHA1InWant", "true"]);
    git(&["checkout", "-q", "-b", "other"]);
    std::fs::write(repo.join("sub/f"), "on other\n").expect("w");
    git(&["commit", "-q", "-am", "other"]);
    let port = free_port();
    // git-daemon itself (`git daemon` runs it as a child, which a kill
    // of `git` would leave running).
    let exec_path = den.command("git").arg("--exec-path").output().expect("git");
    let exec_path = String::from_utf8_lossy(&exec_path.stdout)
        .trim()
        .to_string();
    let daemon = den
        .command(std::path::Path::new(&exec_path).join("git-daemon"))
        .args([
            "--export-all",
            "--reuseaddr",
            "--listen=127.0.0.1",
            &format!("--port={port}"),
            &format!("--base-path={}", den.home().join("repos").display()),
        ])
        .arg(den.home().join("repos"))
        .spawn()
        .expect("git daemon");
    // Ended however the test ends.
    struct Daemon(std::process::Child);
    impl Drop for Daemon {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let daemon = Daemon(daemon);
    wait_for("git daemon", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let url = |frag: &str| format!("git://127.0.0.1:{port}/app.git#{frag}");
    let built = den.output(&["build", "-q", "-t", "from-git", &url("main:sub")]);
    let other = den.output(&["build", "-q", "-t", "from-branch", &url("other:sub")]);
    // A full ref name and a commit, as moby fetches them.
    let by_ref = den.output(&["build", "-q", "-t", "from-ref", &url("refs/heads/main:sub")]);
    let by_commit = den.output(&[
        "build",
        "-q",
        "-t",
        "from-commit",
        &url(&format!("{main_commit}:sub")),
    ]);
    let out = den.output(&["build", "-q", &url("main:../..")]);
    let whole = den.output(&["build", "-q", "-t", "whole-repo", &url("main")]);
    drop(daemon);
    assert!(built.status.success(), "{:?}", text(&built));
    assert!(other.status.success(), "{:?}", text(&other));
    assert_eq!(run(&den, "from-git", &["cat", "/f"]), "on main\n");
    assert_eq!(run(&den, "from-branch", &["cat", "/f"]), "on other\n");
    assert!(by_ref.status.success(), "{:?}", text(&by_ref));
    assert!(by_commit.status.success(), "{:?}", text(&by_commit));
    assert_eq!(run(&den, "from-ref", &["cat", "/f"]), "on main\n");
    assert_eq!(run(&den, "from-commit", &["cat", "/f"]), "on main\n");
    // The repository's .git is no part of the context (as BuildKit's).
    assert!(whole.status.success(), "{:?}", text(&whole));
    assert_eq!(
        run(
            &den,
            "whole-repo",
            &["sh", "-c", "ls -a /ctx | tr '\\n' ' '"]
        ),
        ". .. Dockerfile sub "
    );
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("must be a relative path inside"),
        "{:?}",
        text(&out)
    );
    nothing_left(&den);
}

/// A context from an archive whose Containerfile (or ignore file) is a
/// link out of it is refused: den would read a file of the user's, and
/// show it in its parse error. stdin is not both context and file.
#[test]
fn a_given_context_cannot_lead_den_to_the_users_files() {
    let (_reg, den) = ready();
    let secret = den.home().join("token.txt");
    std::fs::write(&secret, "https://user:TOKEN@example.com\n").expect("secret");
    for name in ["Dockerfile", ".dockerignore"] {
        let dir = den.home().join(format!("hostile-{name}"));
        std::fs::create_dir_all(&dir).expect("dir");
        if name != "Dockerfile" {
            std::fs::write(dir.join("Dockerfile"), "FROM busybox\n").expect("w");
        }
        std::os::unix::fs::symlink(&secret, dir.join(name)).expect("link");
        let tar = den.home().join(format!("hostile-{name}.tar"));
        tar_of(&dir, &tar, false);
        let out = den
            .cmd(&["build", "-q", "-"])
            .stdin(std::fs::File::open(&tar).expect("open"))
            .output()
            .expect("build");
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(125), "{stderr}");
        assert!(
            stderr.contains("leads out of the build context"),
            "{stderr}"
        );
        assert!(!stderr.contains("TOKEN"), "{stderr}");
    }
    let out = den
        .cmd(&["build", "-q", "-f", "-", "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("build");
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out).1.contains("stdin cannot be both"),
        "{:?}",
        text(&out)
    );
    nothing_left(&den);
}

/// A context from an archive is unpacked as `cp` unpacks onto the host:
/// entries that climb out of it (`../x`, an absolute name, a name through
/// a link to `..` or to `/`) write nothing outside the context.
#[test]
fn a_context_archive_cannot_write_outside_its_directory() {
    let (_reg, den) = ready();
    let home = den.home().display().to_string();
    let tar = crate::support::layers::TarWriter::new()
        .file(
            "Dockerfile",
            b"FROM busybox\nCOPY . /ctx\nRUN ls -aR /ctx\n",
            0o644,
            0,
            0,
        )
        .raw_file(b"../escaped-dotdot", b"x")
        .raw_file(format!("{home}/escaped-absolute").as_bytes(), b"x")
        .symlink("up", "..")
        .file("up/escaped-up", b"x", 0o644, 0, 0)
        .symlink("top", "/")
        .file(&format!("top{home}/escaped-top"), b"x", 0o644, 0, 0)
        .finish();
    let out = super::build::den_with_stdin(&den, &["build", "-q", "-"], &tar);
    let (stdout, stderr) = text(&out);
    // Where each would land: the home (absolute names, through `top`),
    // the store's temporary directory (the context's `..`, through `up`).
    // Inside the image, what stayed in the context may be anywhere.
    let top_level = |d: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(d)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let escaped: Vec<String> = top_level(den.home())
        .into_iter()
        .chain(walk_names(&den.data().join("tmp")))
        .filter(|n| n.contains("escaped-"))
        .collect();
    assert!(escaped.is_empty(), "{escaped:?}\n{stdout}\n{stderr}");
    assert!(
        matches!(out.status.code(), Some(0) | Some(125)),
        "{stdout}\n{stderr}"
    );
    if out.status.code() == Some(125) {
        assert!(stderr.starts_with("den: error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    }
    nothing_left(&den);
}

/// `build -` of a context archive compressed with xz or bzip2, as Docker
/// takes them (the system's program decompresses it), and of an old v7
/// tar (no `ustar` magic: it was read as a Containerfile).
#[test]
fn xz_bzip2_and_v7_context_archives_on_stdin_build() {
    let (_reg, den) = ready();
    let dir = den.home().join("ctx");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM busybox\nCOPY hello /hello\nCMD [\"cat\", \"/hello\"]\n",
    )
    .expect("Dockerfile");
    std::fs::write(dir.join("hello"), "from a compressed context\n").expect("hello");
    let tar = den.home().join("ctx.tar");
    tar_of(&dir, &tar, false);
    let v7 = den.home().join("ctx-v7.tar");
    let made = std::process::Command::new("tar")
        .args(["--format=v7", "-cf"])
        .arg(&v7)
        .arg("-C")
        .arg(&dir)
        .args(["Dockerfile", "hello"])
        .status()
        .expect("tar");
    assert!(made.success());
    for tool in ["xz", "bzip2", "v7"] {
        let packed = match tool {
            "v7" => std::fs::read(&v7).expect("v7"),
            _ => compressed(tool, &tar),
        };
        let tag = format!("from-{tool}");
        let out = super::build::den_with_stdin(&den, &["build", "-q", "-t", &tag, "-"], &packed);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{tool}: {stdout}\n{stderr}");
        assert_eq!(
            den.ok(&["run", "--rm", "--network", "none", &tag]),
            "from a compressed context\n"
        );
    }
    nothing_left(&den);
}

/// A plain context archive larger than the expansion limit's free 64 MB
/// builds: its bytes are counted as received, ratio 1 (it was refused as
/// a decompression bomb).
#[test]
fn a_context_archive_over_64_mb_builds() {
    let (_reg, den) = ready();
    let tar = crate::support::layers::TarWriter::new()
        .file("Dockerfile", b"FROM busybox\nRUN true\n", 0o644, 0, 0)
        .file("big", &vec![0u8; 66 << 20], 0o644, 0, 0)
        .finish();
    let out = super::build::den_with_stdin(&den, &["build", "-q", "-t", "big-context", "-"], &tar);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    nothing_left(&den);
}

/// `git` fetching a context dies with den: a den killed while a server
/// stalls (git:// has no timeout) leaves no git behind.
#[test]
fn git_dies_with_a_killed_den() {
    let (_reg, den) = ready();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Accepts, reads, never answers.
    let _stall = std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming().flatten() {
            held.push(c);
        }
    });
    let url = format!("git://127.0.0.1:{port}/stalled.git");
    let mut child = den
        .cmd(&["build", "-q", &url])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("build");
    // This den's: working in its store (the repository being fetched).
    let store = den.data();
    let gits = || -> Vec<(u32, String)> {
        user_processes()
            .into_iter()
            .filter(|(pid, args)| {
                args.starts_with("git")
                    && std::fs::read_link(format!("/proc/{pid}/cwd"))
                        .is_ok_and(|cwd| cwd.starts_with(&store))
            })
            .collect()
    };
    wait_for("git to be fetching", || !gits().is_empty());
    child.kill().expect("kill den");
    let _ = child.wait();
    wait_for("git to end with den", || gits().is_empty());
}
