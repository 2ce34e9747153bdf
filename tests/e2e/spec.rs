//! The engine's own input: a container made from a JSON container spec,
//! as the front-ends to come (compose, build, kube, an API) will make them.

use crate::common::*;

#[test]
fn a_container_is_made_from_a_json_spec() {
    let (_reg, den) = ready();
    let spec = den.home().join("spec.json");
    std::fs::write(
        &spec,
        r#"{
            "image": "busybox",
            "name": "fromspec",
            "command": ["sh", "-c", "echo $GREETING from $(hostname) in $(pwd)"],
            "env": ["GREETING=hello"],
            "hostname": "specbox",
            "workdir": "/tmp",
            "labels": {"made-by": "spec"},
            "network": {"modes": ["none"]}
        }"#,
    )
    .expect("spec");
    let id = den.ok(&["create", "--spec", &spec.display().to_string()]);
    assert_eq!(id.trim().len(), 64);
    assert_eq!(
        den.ok(&["start", "-a", "fromspec"]),
        "hello from specbox in /tmp\n"
    );
    assert!(inspect(&den, "fromspec", "{{json .Config.Labels}}").contains(r#""made-by":"spec""#));
    // The command line that made it is kept, as for flags.
    assert!(
        inspect(&den, "fromspec", "{{json .Config.CreateCommand}}").contains("--spec"),
        "no create command"
    );
    // Other container flags beside --spec are refused, not dropped.
    let e = den.fails(
        &[
            "create",
            "--name",
            "other",
            "--spec",
            &spec.display().to_string(),
        ],
        125,
    );
    assert!(e.contains("leave out the other container flags"), "{e}");
    den.ok(&["rm", "fromspec"]);
    // A bad spec: one line naming the field, nothing made.
    std::fs::write(
        &spec,
        r#"{"image": "busybox", "restart": {"policy": "sometimes"}}"#,
    )
    .expect("spec");
    let e = den.fails(&["run", "--spec", &spec.display().to_string()], 125);
    assert!(
        e.contains("spec field restart") && e.lines().count() == 1,
        "{e}"
    );
    std::fs::write(&spec, r#"{"image": "busybox", "imgae": "x"}"#).expect("spec");
    let e = den.fails(&["create", "--spec", &spec.display().to_string()], 125);
    assert!(
        e.contains("is not a container spec") && e.contains("imgae"),
        "{e}"
    );
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}
