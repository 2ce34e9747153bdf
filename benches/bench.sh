#!/usr/bin/env bash
# Run one of den's benchmarks (cargo bench targets) as an unprivileged user:
# as root, as the test user that ci/test.sh creates; otherwise as you.
# Usage: benches/bench.sh NAME   (run-latency, lifecycle)
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: benches/bench.sh NAME}
cargo bench --bench "$NAME" --no-run --quiet
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
    cp target/release/den "$BIN" "$STAGE/"; chmod 0755 "$STAGE" "$STAGE"/*
    runuser -u "$U" -- env -i HOME="$(getent passwd "$U" | cut -d: -f6)" USER="$U" \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin DEN_BIN="$STAGE/den" "$STAGE/$(basename "$BIN")"
    # podman leaves its rootless pause process behind; ci/test.sh counts
    # any process of the test user as a leak.
    pkill -u "$U" -x catatonit || true
else
    DEN_BIN="$PWD/target/release/den" "$BIN"
fi
