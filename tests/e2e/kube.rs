//! `den kube play` and `kube down`: Kubernetes YAML into a running pod
//! (init container, claim, emptyDir, hostPort, env), replaced,
//! taken down; den's own `generate kube` played back; liveness probes,
//! hostPath types and the pod's sysctls; and YAML den cannot play refused
//! in one line with nothing left behind.

use crate::common::*;

fn pod_yaml(port: u16) -> String {
    format!(
        r#"apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: site
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  volumes:
  - name: content
    persistentVolumeClaim:
      claimName: site
  - name: scratch
    emptyDir: {{}}
  initContainers:
  - name: fill
    image: busybox
    command: ["sh", "-c", "echo made by init > /www/index.html; echo shared > /scratch/from-init"]
    volumeMounts:
    - name: content
      mountPath: /www
    - name: scratch
      mountPath: /scratch
  containers:
  - name: srv
    image: busybox
    command: ["httpd"]
    args: ["-f", "-p", "80", "-h", "/www"]
    env:
    - name: GREETING
      value: hello there
    ports:
    - containerPort: 80
      hostPort: {port}
    volumeMounts:
    - name: content
      mountPath: /www
      readOnly: True
    - name: scratch
      mountPath: /scratch
"#
    )
}

/// `text` written to `dir/name`; the file's path.
fn yaml_file(dir: &std::path::Path, name: &str, text: String) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).expect("yaml");
    file.display().to_string()
}

#[test]
fn kube_play_runs_a_pod_and_kube_down_removes_it() {
    let (_reg, den) = ready();
    let port = free_port();
    let dir = den.home().join("kube");
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("web.yaml");
    std::fs::write(&file, pod_yaml(port)).expect("yaml");
    let f = file.to_str().expect("utf-8");
    let out = den.ok(&["kube", "play", f]);
    assert!(
        out.starts_with("Volume:\nsite\nPod:\n") && out.contains("Container:\n"),
        "{out}"
    );
    wait_for("the pod's web server", || {
        http_get(port).is_some_and(|b| b.contains("made by init"))
    });
    assert_eq!(
        den.ok(&[
            "exec",
            "web-srv",
            "sh",
            "-c",
            "echo $GREETING; cat /scratch/from-init; touch /scratch/x && echo rw"
        ]),
        "hello there\nshared\nrw\n"
    );
    // The claim is read-only where the YAML says so.
    den.fails(&["exec", "web-srv", "touch", "/www/x"], 1);
    assert_eq!(
        den.ok(&["pod", "inspect", "--format", "{{.Labels.app}}", "web"]),
        "web\n"
    );
    // Again: the pod is there; --replace makes it afresh.
    let e = den.fails(&["kube", "play", f], 125);
    assert!(e.contains("--replace"), "{e}");
    den.ok(&["kube", "play", "--replace", "--start=false", f]);
    assert_eq!(inspect(&den, "web-srv", "{{.State.Status}}"), "created");
    // And replaced running: the new pod's emptyDir is made afresh, and its
    // containers join the new infra.
    den.ok(&["kube", "play", "--replace", f]);
    wait_for("the replaced pod's web server", || {
        http_get(port).is_some_and(|b| b.contains("made by init"))
    });
    let down = den.ok(&["kube", "down", f]);
    assert!(down.starts_with("Pods stopped:\n"), "{down}");
    den.fails(&["pod", "exists", "web"], 1);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    // The claim's volume stays, with what the init container wrote.
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "site\n");
    // Taken down already: nothing to do.
    assert_eq!(den.ok(&["kube", "down", f]), "");
    // A container name in use fails the play before anything is made.
    den.ok(&["create", "--name", "web-srv", "busybox", "true"]);
    let e = den.fails(&["kube", "play", f], 125);
    assert!(e.contains("web-srv") && e.contains("in use"), "{e}");
    den.fails(&["pod", "exists", "web"], 1);
    // --replace replaces the pod's own containers, never the user's.
    let e = den.fails(&["kube", "play", "--replace", f], 125);
    assert!(e.contains("not pod web's"), "{e}");
    den.ok(&["rm", "web-srv"]);
    // The attack: a volume of the user's named like the pod's emptyDir
    // (POD-VOLUME). Play refuses it and makes nothing; down leaves it.
    den.ok(&["volume", "create", "web-scratch"]);
    let in_volume = |cmd: &str| {
        den.ok(&[
            "run",
            "--rm",
            "-v",
            "web-scratch:/d",
            "busybox",
            "sh",
            "-c",
            cmd,
        ])
    };
    in_volume("echo mine > /d/f");
    let e = den.fails(&["kube", "play", f], 125);
    assert!(
        e.contains("web-scratch") && e.contains("not pod web's"),
        "{e}"
    );
    den.fails(&["pod", "exists", "web"], 1);
    assert_eq!(den.ok(&["kube", "down", f]), "");
    assert_eq!(in_volume("cat /d/f"), "mine\n");
}

#[test]
fn den_plays_back_the_yaml_it_generates() {
    let (_reg, den) = ready();
    let port = free_port();
    let publish = format!("{port}:80");
    den.ok(&["pod", "create", "--name", "gen", "-p", &publish]);
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "gen",
        "--name",
        "gen-srv",
        "-e",
        "K=v",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /www && echo generated > /www/index.html && exec httpd -f -p 80 -h /www",
    ]);
    // One with its protection and a mount: they come back too (they were
    // left out, and the played container ran as root with every default
    // capability, a writable root and no mount).
    let srv = den.home().join("srv");
    std::fs::create_dir_all(&srv).expect("dir");
    std::fs::write(srv.join("f"), "host's\n").expect("file");
    let bind = format!("{}:/srv:ro", srv.display());
    den.ok(&[
        "run",
        "-d",
        "--pod",
        "gen",
        "--name",
        "gen-sec",
        "--user",
        "1000:1000",
        "--read-only",
        "--cap-drop=ALL",
        "--security-opt",
        "no-new-privileges",
        "-v",
        &bind,
        "busybox",
        "sleep",
        "1000",
    ]);
    let yaml = den.ok(&["kube", "generate", "gen"]);
    assert!(yaml.contains(&format!("hostPort: {port}")), "{yaml}");
    den.ok(&["rm", "-f", "-t", "0", "gen-sec"]);
    den.ok(&["pod", "rm", "-f", "-t", "0", "gen"]);
    let file = den.home().join("gen.yaml");
    std::fs::write(&file, &yaml).expect("yaml");
    den.ok(&["kube", "play", file.to_str().expect("utf-8")]);
    wait_for("the played pod's server", || {
        http_get(port).is_some_and(|b| b.contains("generated"))
    });
    assert_eq!(den.ok(&["exec", "gen-srv", "sh", "-c", "echo $K"]), "v\n");
    let seen = den.ok(&[
        "exec", "gen-sec", "sh", "-c",
        "id -u; id -g; cat /srv/f; touch /x /srv/y 2>&1; grep -E '^(CapBnd|NoNewPrivs)' /proc/self/status",
    ]);
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines[..3], ["1000", "1000", "host's"], "{seen}\n{yaml}");
    assert_eq!(
        seen.matches("Read-only file system").count(),
        2,
        "{seen}\n{yaml}"
    );
    assert!(seen.contains("CapBnd:\t0000000000000000"), "{seen}\n{yaml}");
    assert!(seen.contains("NoNewPrivs:\t1"), "{seen}\n{yaml}");
    // And generated again, the same pod.
    let again = den.ok(&["kube", "generate", "gen"]);
    assert!(
        again.contains("name: srv\n") && again.contains("name: gen\n"),
        "{again}"
    );
    den.ok(&["kube", "down", file.to_str().expect("utf-8")]);
    assert_eq!(den.ok(&["ps", "-aq"]), "");
}

#[test]
fn configmaps_give_env_and_files_and_fields_the_pods_metadata() {
    let (_reg, den) = ready();
    let dir = den.home().join("cm");
    let host = dir.join("host/sub");
    std::fs::create_dir_all(&host).expect("dir");
    std::fs::write(host.join("only"), "from the subPath\n").expect("file");
    let extra = dir.join("extra.yaml");
    std::fs::write(
        &extra,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  MODE: fast\n",
    )
    .expect("configmap");
    let yaml = format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
  app.conf: |
    port=80
    name=den
---
apiVersion: v1
kind: Pod
metadata:
  name: cfg
  labels:
    tier: front
spec:
  restartPolicy: Never
  volumes:
  - name: conf
    configMap:
      name: settings
      items:
      - key: app.conf
        path: etc/app.conf
        mode: 0600
  - name: host
    hostPath:
      path: {host}
  containers:
  - name: c
    image: busybox
    command: ["sleep", "600"]
    envFrom:
    - configMapRef:
        name: extra
      prefix: X_
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef: {{name: settings, key: color}}
    - name: MISSING
      valueFrom:
        configMapKeyRef: {{name: settings, key: nope, optional: true}}
    - name: POD
      valueFrom:
        fieldRef: {{fieldPath: metadata.name}}
    - name: TIER
      valueFrom:
        fieldRef: {{fieldPath: "metadata.labels['tier']"}}
    volumeMounts:
    - name: conf
      mountPath: /conf
    - name: host
      mountPath: /only
      subPath: sub
"#,
        host = dir.join("host").display()
    );
    let file = dir.join("pod.yaml");
    std::fs::write(&file, yaml).expect("yaml");
    let f = file.to_str().expect("utf-8");
    let e = den.fails(&["kube", "play", "-q", f], 125);
    assert!(
        e.contains("configmap \"extra\"") && e.contains("--configmap"),
        "{e}"
    );
    den.ok(&[
        "kube",
        "play",
        "-q",
        "--configmap",
        extra.to_str().expect("utf-8"),
        f,
    ]);
    assert_eq!(
        den.ok(&[
            "exec",
            "cfg-c",
            "sh",
            "-c",
            "echo $X_MODE $COLOR $POD $TIER ${MISSING-unset}; cat /conf/etc/app.conf; stat -c %a /conf/etc/app.conf; cat /only/only; touch /conf/x 2>/dev/null || echo read-only"
        ]),
        "fast blue cfg front unset\nport=80\nname=den\n600\nfrom the subPath\nread-only\n"
    );
    // The configMap's volume goes with the pod.
    den.ok(&["kube", "down", f]);
    assert_eq!(den.ok(&["volume", "ls", "-q"]), "");
    // The attack: a subPath that an init container turns into a link out
    // of the hostPath just before the main container's mounts are made.
    std::fs::create_dir_all(host.join("link")).expect("dir");
    let a = yaml_file(
        &dir,
        "attack.yaml",
        format!(
            r#"kind: Pod
metadata:
  name: esc
spec:
  restartPolicy: Never
  volumes:
  - name: h
    hostPath:
      path: {host}
  initContainers:
  - name: swap
    image: busybox
    command: ["sh", "-c", "rmdir /h/link; ln -sfn /etc /h/link"]
    volumeMounts:
    - name: h
      mountPath: /h
  containers:
  - name: c
    image: busybox
    command: ["cat", "/m/hostname"]
    volumeMounts:
    - name: h
      mountPath: /m
      subPath: link
"#,
            host = host.display()
        ),
    );
    let a = a.as_str();
    let out = den.output(&["kube", "play", "-q", a]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{e}");
    assert!(e.contains("may lead out"), "{e}");
    assert!(std::fs::symlink_metadata(host.join("link")).is_ok_and(|m| m.is_symlink()));
    // Whatever is left, kube down takes away (it reads only names).
    den.ok(&["kube", "down", a]);
    assert_eq!(den.ok(&["pod", "ps", "-q"]), "");
    assert_eq!(den.ok(&["ps", "-aq"]), "");
    // The same from the container itself, before a restart: the restart
    // is refused, and the state says why.
    std::fs::remove_file(host.join("link")).expect("rm link");
    std::fs::create_dir_all(host.join("link")).expect("dir");
    let r = yaml_file(
        &dir,
        "restart.yaml",
        format!(
            r#"kind: Pod
metadata:
  name: esc2
spec:
  restartPolicy: Always
  volumes:
  - name: h
    hostPath:
      path: {host}
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "rmdir /h/link && ln -sfn /etc /h/link; exit 1"]
    volumeMounts:
    - name: h
      mountPath: /h
    - name: h
      mountPath: /m
      subPath: link
"#,
            host = host.display()
        ),
    );
    let r = r.as_str();
    den.ok(&["kube", "play", "-q", r]);
    assert_eq!(
        inspect(&den, "esc2-c", "{{(index .Mounts 1).SubPath}}"),
        "link"
    );
    wait_for("the refused restart", || {
        inspect(&den, "esc2-c", "{{.State.Error}}").contains("may lead out")
    });
    assert_eq!(inspect(&den, "esc2-c", "{{.State.Status}}"), "exited");
    den.ok(&["kube", "down", r]);
}

#[test]
fn probes_host_path_types_and_sysctls_are_played_as_podman_plays_them() {
    let (_reg, den) = ready();
    let dir = den.home().join("probes");
    std::fs::create_dir_all(&dir).expect("dir");
    let made = dir.join("made/deep");
    let file = dir.join("made.conf");
    let yaml = format!(
        r#"kind: Pod
metadata:
  name: lp
spec:
  terminationGracePeriodSeconds: 1
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
  volumes:
  - name: d
    hostPath: {{path: {made}, type: DirectoryOrCreate}}
  - name: f
    hostPath: {{path: {file}, type: FileOrCreate}}
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo from the pod > /d/out; sleep 600"]
    volumeMounts:
    - {{name: d, mountPath: /d}}
    - {{name: f, mountPath: /etc/made.conf}}
    livenessProbe:
      exec:
        command: ["test", "-f", "/tmp/alive"]
      periodSeconds: 1
      failureThreshold: 1
"#,
        made = made.display(),
        file = file.display()
    );
    let f = yaml_file(&dir, "lp.yaml", yaml);
    den.ok(&["kube", "play", "-q", &f]);
    // The directory and the file were made, mode 0755 and 0644, and are
    // the container's mounts.
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("made").permissions().mode() & 0o777;
    assert_eq!(mode(&made), 0o755);
    assert_eq!(mode(&file), 0o644);
    wait_for("the container's write", || made.join("out").exists());
    assert_eq!(
        den.ok(&[
            "exec",
            "lp-c",
            "sh",
            "-c",
            "cat /proc/sys/net/ipv4/tcp_keepalive_time; test -f /etc/made.conf && echo file"
        ]),
        "600\nfile\n"
    );
    // The probe is its healthcheck, restarting it (the pod's restart
    // policy is Always) once it fails.
    assert_eq!(
        inspect(&den, "lp-c", "{{json .Config.Healthcheck.Test}}"),
        r#"["CMD","test","-f","/tmp/alive"]"#
    );
    wait_for("a restart by the liveness probe", || {
        inspect(&den, "lp-c", "{{.RestartCount}}") != "0"
    });
    den.ok(&["kube", "down", &f]);
    // What play made stays, as podman leaves it.
    assert!(made.is_dir() && file.is_file());
}

#[test]
fn yaml_den_cannot_play_is_refused_with_nothing_left() {
    let (_reg, den) = ready();
    let dir = den.home().join("bad");
    std::fs::create_dir_all(&dir).expect("dir");
    for (name, text, word) in [
        ("broken.yaml", "kind: Pod\nmetadata: [\n", "line"),
        ("secret.yaml", "kind: Secret\nmetadata:\n  name: s\n", "Secret"),
        (
            "from.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - name: A\n      valueFrom:\n        configMapKeyRef: {name: m, key: k}\n",
            "--configmap",
        ),
        (
            "novolume.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: nope\n      mountPath: /x\n",
            "names no volume",
        ),
        (
            "subpath.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    emptyDir: {}\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /x\n      subPath: a\n",
            "subPath",
        ),
        (
            "escape.yaml",
            "kind: ConfigMap\nmetadata:\n  name: m\ndata:\n  k: v\n---\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    configMap:\n      name: m\n      items: [{key: k, path: ../../etc/x}]\n  containers:\n  - name: c\n    image: busybox\n",
            "without ..",
        ),
        (
            "claim.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    persistentVolumeClaim: {claimName: /etc}\n  containers:\n  - name: c\n    image: busybox\n",
            "claimName",
        ),
        (
            "second.yaml",
            "kind: PersistentVolumeClaim\nmetadata:\n  name: c1\n---\nkind: Pod\nmetadata:\n  name: a\nspec:\n  volumes:\n  - name: s\n    emptyDir: {}\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: s\n      mountPath: /s\n---\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: c\n    image: busybox\n    securityContext:\n      capabilities:\n        add: [NO_SUCH_CAP]\n",
            "NO_SUCH_CAP",
        ),
        (
            "typo.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    securityContext:\n      readOnlyRootFilesystem: ture\n",
            "readOnlyRootFilesystem: \"ture\" is not true or false",
        ),
        (
            "nul.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [\"echo\", \"a\\0b\"]\n",
            "NUL",
        ),
        (
            "hosttype.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    hostPath: {path: /etc, type: File}\n  containers:\n  - name: c\n    image: busybox\n",
            "is not a regular file",
        ),
        (
            "relative.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    hostPath: {path: data}\n  containers:\n  - name: c\n    image: busybox\n",
            "absolute path",
        ),
        (
            "grpc.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    livenessProbe:\n      grpc: {port: 9}\n",
            "den plays exec, httpGet and tcpSocket probes",
        ),
        (
            "noimage.yaml",
            "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: busybox\n    command: [sleep, '60']\n  - name: b\n    image: no/such/image\n",
            "no/such/image",
        ),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("yaml");
        let e = den.fails(&["kube", "play", "-q", file.to_str().expect("utf-8")], 125);
        let errors: Vec<&str> = e.lines().filter(|l| l.starts_with("den: error: ")).collect();
        assert_eq!(errors.len(), 1, "{name}: {e}");
        assert!(e.contains(word), "{name}: {word:?} not in {e}");
        // Nothing half made: no pod (not the first of two when the second
        // fails), no container, no volume.
        assert_eq!(den.ok(&["pod", "ps", "-q"]), "", "{name}");
        assert_eq!(den.ok(&["ps", "-aq"]), "", "{name}");
        assert_eq!(den.ok(&["volume", "ls", "-q"]), "", "{name}");
    }
}
