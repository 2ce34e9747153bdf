//! Secrets (issue 19): made, listed, given to containers as files or
//! variables, never in a record, kept while in use.

use crate::common::*;

fn nothing_left(den: &Den) {
    assert!(den.ok(&["ps", "-aq"]).trim().is_empty());
}

#[test]
fn secrets_as_files_and_variables_never_in_the_record() {
    let (_reg, den) = ready();
    let file = den.dir.path().join("pw");
    std::fs::write(&file, "s3cret").expect("write");
    let id = den.ok(&[
        "secret",
        "create",
        "--label",
        "app=web",
        "pw",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(id.trim().len(), 25);
    let out = den.ok(&[
        "run",
        "--rm",
        "--secret",
        "pw",
        "--secret",
        "pw,type=env,target=PW",
        "--secret",
        "pw,target=/etc/app/pw,uid=1000,gid=10,mode=0400",
        "-u",
        "0",
        "busybox",
        "sh",
        "-c",
        "cat /run/secrets/pw; echo; echo $PW; stat -c '%u %g %a' /etc/app/pw /run/secrets/pw",
    ]);
    assert_eq!(out, "s3cret\ns3cret\n1000 10 400\n0 0 444\n");
    // --replace: the same secret (its id), new data, read at the next start.
    std::fs::write(&file, "n3w").expect("write");
    den.fails(
        &["secret", "create", "pw", file.to_str().expect("utf-8")],
        125,
    );
    let again = den.ok(&[
        "secret",
        "create",
        "--replace",
        "--label",
        "app=web",
        "pw",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(again, id);
    let out = den.ok(&[
        "run",
        "--rm",
        "--secret",
        "pw",
        "busybox",
        "cat",
        "/run/secrets/pw",
    ]);
    assert_eq!(out, "n3w");
    std::fs::write(&file, "s3cret").expect("write");
    den.ok(&[
        "secret",
        "create",
        "--replace",
        "--label",
        "app=web",
        "pw",
        file.to_str().expect("utf-8"),
    ]);
    // Listed and inspected, never with the data.
    let ls = den.ok(&["secret", "ls", "--format", "{{.Name}} {{.Driver}}"]);
    assert_eq!(ls, "pw file\n");
    let inspected = den.ok(&["secret", "inspect", "pw"]);
    assert!(
        inspected.contains("\"app\": \"web\"") && !inspected.contains("s3cret"),
        "{inspected}"
    );
    // A container that uses it keeps it; the variable is not in its record.
    den.ok(&[
        "run",
        "-d",
        "--name",
        "user",
        "--secret",
        "pw,type=env",
        "busybox",
        "sleep",
        "600",
    ]);
    assert_eq!(
        den.ok(&["exec", "user", "sh", "-c", "echo $pw"]),
        "s3cret\n"
    );
    let record = den.ok(&["inspect", "user"]);
    assert!(!record.contains("s3cret"), "{record}");
    let e = den.fails(&["secret", "rm", "pw"], 125);
    assert!(e.contains("in use by container user"), "{e}");
    den.ok(&["rm", "-f", "-t", "0", "user"]);
    // stdin and --env sources; bad input refused in one line.
    let out = den
        .cmd(&[
            "secret",
            "create",
            "fromenv",
            "--env",
            "DEN_TEST_SECRET_VALUE",
        ])
        .env("DEN_TEST_SECRET_VALUE", "v")
        .output()
        .expect("create");
    assert!(out.status.success());
    den.fails(
        &["secret", "create", "pw", file.to_str().expect("utf-8")],
        125,
    );
    den.fails(
        &["secret", "create", "../x", file.to_str().expect("utf-8")],
        125,
    );
    den.fails(&["secret", "create", "big", "/dev/zero"], 125);
    den.fails(
        &["run", "--rm", "--secret", "nothere", "busybox", "true"],
        125,
    );
    den.fails(
        &[
            "run",
            "--rm",
            "--secret",
            "pw,target=../../etc/passwd",
            "busybox",
            "true",
        ],
        125,
    );
    den.ok(&["secret", "rm", "--all"]);
    assert_eq!(den.ok(&["secret", "ls", "-q"]), "");
    // The store is private to the user.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(den.data().join("secrets"))
        .expect("dir")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    nothing_left(&den);
}

/// In a container of its own user namespace (keep-id), `uid=`/`gid=` are
/// the container's ids, as podman maps them: the file went to den's id of
/// that number, another user in the container. And a healthcheck has the
/// container's env secrets, as its command does.
#[test]
fn secrets_in_a_user_namespace_and_in_healthchecks() {
    let (_reg, den) = ready();
    let file = den.dir.path().join("pw");
    std::fs::write(&file, "s3cret").expect("write");
    den.ok(&["secret", "create", "pw", file.to_str().expect("utf-8")]);
    let uid = my_uid().to_string();
    let owner = format!("pw,target=/s,uid={uid},gid={uid},mode=0400");
    let out = den.ok(&[
        "run",
        "--rm",
        "--userns=keep-id",
        "--secret",
        &owner,
        "busybox",
        "sh",
        "-c",
        "id -u; stat -c '%u %g %a' /s; cat /s",
    ]);
    assert_eq!(out, format!("{uid}\n{uid} {uid} 400\ns3cret"));
    den.ok(&[
        "run",
        "-d",
        "--name",
        "hc",
        "--secret",
        "pw,type=env,target=PW",
        "--health-cmd",
        "test \"$PW\" = s3cret",
        "busybox",
        "sleep",
        "1000",
    ]);
    let out = den.output(&["healthcheck", "run", "hc"]);
    assert!(out.status.success(), "{}", text(&out).1);
    den.ok(&["rm", "-f", "-t", "0", "hc"]);
    nothing_left(&den);
}
