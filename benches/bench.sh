#!/usr/bin/env bash
# Run one of den's benchmarks (cargo bench targets) as an unprivileged user:
# as root, as the test user that ci/test.sh creates; otherwise as you.
# Usage: benches/bench.sh NAME   (run-latency, lifecycle, logs, throughput, fs, images,
# build, compose, systemd)
# With DEN_BASELINE_BIN=PATH (another den build, e.g. the previous
# commit's), run-latency and lifecycle also time it against this build,
# alternating runs.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: benches/bench.sh NAME}
EXTRA=()
if [ "$NAME" = throughput ]; then
    # iperf3 on the host, and a Debian image with it (made once a week).
    if ! command -v iperf3 >/dev/null || ! command -v mmdebstrap >/dev/null; then
        [ "$(id -u)" = 0 ] || { echo "install iperf3 and mmdebstrap first" >&2; exit 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 mmdebstrap >/dev/null
    fi
    IPERF_TAR=target/e2e-cache/debian-iperf3.tar
    mkdir -p target/e2e-cache
    if [ -z "$(find "$IPERF_TAR" -mtime -7 2>/dev/null)" ]; then
        MODE=(); [ "$(id -u)" = 0 ] || MODE=(--mode=unshare)
        mmdebstrap --quiet "${MODE[@]}" --variant=apt --include=iperf3 --skip=output/dev \
            --format=tar bookworm "$IPERF_TAR.tmp" http://deb.debian.org/debian
        mv "$IPERF_TAR.tmp" "$IPERF_TAR"
    fi
fi
cargo bench --bench "$NAME" --no-run --quiet
cargo build --release --quiet --bin den
# This host's release binaries (.cargo/config.toml names the target).
DEN="target/$(rustc -vV | sed -n 's/^host: //p')/release/den"
BIN=$(cargo bench --bench "$NAME" --no-run --message-format=json 2>/dev/null \
      | grep -o '"executable":"[^"]*"' | grep "/${NAME//-/_}-" | tail -1 | cut -d'"' -f4)
[ -x "$BIN" ] || { echo "benches/bench.sh: no benchmark binary for $NAME" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then
    # podman 4.3's crun refuses a hybrid cgroup v1 layout unless the hugetlb
    # controller is mounted as v1 too (seen on the CI machines): mount it,
    # for the podman side of the benchmark only.
    if command -v podman >/dev/null && [ -d /sys/fs/cgroup/memory ] && ! mountpoint -q /sys/fs/cgroup/hugetlb; then
        mkdir -p /sys/fs/cgroup/hugetlb 2>/dev/null && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb || true
    fi
    U=${DEN_TEST_USER:-dentest}
    id "$U" >/dev/null 2>&1 || { echo "run ci/test.sh first: it creates the test user $U" >&2; exit 1; }
    STAGE=$(mktemp -d /tmp/den-bench-XXXXXX); trap 'rm -rf "$STAGE"' EXIT
    cp "$DEN" "$BIN" "$STAGE/"
    if [ -n "${DEN_BASELINE_BIN:-}" ]; then
        cp "$DEN_BASELINE_BIN" "$STAGE/den-baseline"
        EXTRA+=(DEN_BASELINE_BIN="$STAGE/den-baseline")
    fi
    # den as the Debian package installs it: root's, 0755 (run-latency
    # times it beside the user's own copy).
    cp "$DEN" "$STAGE/den-packaged"
    EXTRA+=(DEN_PACKAGED_BIN="$STAGE/den-packaged")
    chmod 0755 "$STAGE" "$STAGE"/*
    # den as `cargo install` leaves it: the user's own binary, which den
    # must run from a read-only bind (a root-owned one needs none). The
    # baseline stays root's, compared with the packaged copy: two of the
    # user's own would share one pause process, bound to one of them.
    chown "$U" "$STAGE"/den
    if [ -n "${IPERF_TAR:-}" ]; then
        cp "$IPERF_TAR" "$STAGE/"; chmod 0644 "$STAGE/$(basename "$IPERF_TAR")"
        EXTRA+=(DEN_IPERF_TAR="$STAGE/$(basename "$IPERF_TAR")")
    fi
    runuser -u "$U" -- env -i HOME="$(getent passwd "$U" | cut -d: -f6)" USER="$U" \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin DEN_BIN="$STAGE/den" "${EXTRA[@]}" \
        "$STAGE/$(basename "$BIN")"
    # podman leaves its rootless pause process behind; ci/test.sh counts
    # any process of the test user as a leak.
    pkill -u "$U" -x catatonit || true
    # podman 4.3's own pause process is named podman.
    pkill -u "$U" -x podman || true
else
    [ -z "${IPERF_TAR:-}" ] || export DEN_IPERF_TAR="$PWD/$IPERF_TAR"
    DEN_BIN="$PWD/$DEN" "$BIN"
fi
