#!/usr/bin/env bash
# den's whole test suite.
#
# As root (a fresh Debian 12 machine, or CI): installs the packages den and
# its tests need, creates the unprivileged test user (useradd gives it
# subordinate id ranges), sets /dev/net/tun and /dev/fuse to mode 0666 as
# on a normal distribution, checks formatting and lints, runs the unit
# tests, then runs the end-to-end tests AS THE TEST USER.
#
# As an ordinary user (a developer's machine): checks that the same
# prerequisites are present, says loudly what is missing, and runs
# everything as you.
set -euo pipefail
cd "$(dirname "$0")/.."

# podman and podman-compose are optional for a developer (not in
# COMMANDS): where they are, the suite checks den's archives, builds and
# compose projects against them.
PACKAGES=(uidmap slirp4netns passt fuse-overlayfs docker-registry busybox-static
          apache2-utils procps iproute2 nftables util-linux ca-certificates libseccomp-dev libc6-dev pkg-config
          mmdebstrap skopeo openssl podman podman-compose xz-utils bzip2 systemd debhelper dpkg-dev git)
COMMANDS=(newuidmap newgidmap fuse-overlayfs docker-registry busybox htpasswd pasta slirp4netns nft ip
          mmdebstrap skopeo openssl xz bzip2 systemd-analyze systemd-socket-activate dh dpkg-buildpackage git)
TEST_USER=${DEN_TEST_USER:-dentest}
# A second test user, without subordinate ids (issue 10's matrix).
BARE_USER=${DEN_BARE_USER:-dentest-bare}
JOBS=${DEN_TEST_THREADS:-2}
# A hung test must fail the run with what was running, not outlast CI.
E2E_LIMIT=${DEN_E2E_LIMIT:-40m}

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nci/test.sh: FAILED: %s\n' "$*" >&2; exit 1; }

missing_commands() {
    local c m=()
    # nft and ip live in /usr/sbin, which a user's PATH may lack (den looks there).
    for c in "${COMMANDS[@]}"; do
        command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || [ -x "/sbin/$c" ] || m+=("$c")
    done
    echo "${m[@]:-}"
}

# Static checks and unit tests need no privileges and no user namespace.
static_checks() {
    say "cargo fmt --check"
    cargo fmt --check
    say "cargo clippy --workspace --all-targets -- -D warnings"
    cargo clippy --workspace --all-targets --quiet -- -D warnings
    say "unit tests and CLI/doc tests"
    cargo test --bins --test docs --test layering
}

# The Debian package (packaging/): built with dpkg-buildpackage from the
# tree, its file list checked against packaging/files.expected.
package_check() {
    say "the Debian package (packaging/build-deb.sh, packaging/check-deb.sh)"
    packaging/check-deb.sh "$(packaging/build-deb.sh)"
}

# Where cargo puts this host's binaries (.cargo/config.toml builds for the
# host's triple, named: target/<triple>/debug).
debug_dir() {
    echo "target/$(rustc -vV | sed -n 's/^host: //p')/debug"
}

# Build the checker program (tests/checker), static like den (see
# .cargo/config.toml), so that it runs in a busybox image with no libc;
# print its path.
build_checker() {
    # The flag again, in case RUSTFLAGS (which replaces the config's) is set.
    RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" cargo build --quiet -p den-checker >&2
    echo "$(debug_dir)/den-checker"
}

# A Debian rootfs (bookworm, apt variant) as a tar, made with mmdebstrap
# from the Debian archive and kept for a week under target/; print its path.
# The tests push it as the Debian test image.
debian_rootfs() {
    local out=target/e2e-cache/debian-bookworm.tar mode=()
    mkdir -p target/e2e-cache
    if [ -z "$(find "$out" -mtime -7 2>/dev/null)" ]; then
        [ "$(id -u)" = 0 ] || mode=(--mode=unshare)
        mmdebstrap --quiet "${mode[@]}" --variant=apt --skip=output/dev --format=tar \
            bookworm "$out.tmp" http://deb.debian.org/debian >&2 \
            || die "mmdebstrap could not make the Debian test image (is deb.debian.org reachable?)"
        mv "$out.tmp" "$out"
    fi
    echo "$out"
}

# The path of the e2e test binary cargo built.
e2e_binary() {
    cargo test --test e2e --no-run --message-format=json 2>/dev/null \
        | grep -o '"executable":"[^"]*"' | grep '/e2e-' | tail -1 | cut -d'"' -f4
}

# Packages not installed (dpkg's view: a command of the same name from
# another package, like a dynamic busybox, does not count).
missing_packages() {
    local p m=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || m+=("$p")
    done
    echo "${m[@]:-}"
}

# Run the e2e binary $E2E (staged in $STAGE) as user $1 with the rest as
# its arguments; in the cgroup $CGROUP when it is set (DEN_TEST_CGROUP
# tells the tests they must find it delegated).
e2e_as() {
    local user=$1 rc=0; shift
    [ -z "${CGROUP:-}" ] || echo $$ > "$CGROUP/cgroup.procs"
    runuser -u "$user" -- env -i \
        ${CGROUP:+DEN_TEST_CGROUP="$CGROUP"} \
        HOME="$(getent passwd "$user" | cut -d: -f6)" USER="$user" LOGNAME="$user" \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        DEN_BIN="$STAGE/den" DEN_CHECKER="$STAGE/den-checker" RUST_BACKTRACE=1 \
        DEN_DEBIAN_TAR="$STAGE/$(basename "$DEBIAN")" \
        timeout --kill-after=20s "$E2E_LIMIT" \
        sh -c "cd '$STAGE' && ./$(basename "$E2E") --test-threads=$JOBS $*" || rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        # The test binary is gone; what it started and left running shows
        # where it hung (then it goes, so that the clean-up can run).
        ps -u "$user" -o pid=,ppid=,stat=,etime=,args= >&2 || true
        pkill -KILL -u "$user" || true
        die "the end-to-end tests as $user did not end within $E2E_LIMIT (DEN_E2E_LIMIT): a test hangs; its processes still running are above"
    fi
    return "$rc"
}

# Every process of a test user (zombies aside) is a leak.
# Each one's runtime directory names the test's directory it came from.
no_leaks() {
    local leaked where pid
    leaked=$(ps -u "$1" -o pid=,stat=,args= | awk '$2 !~ /^Z/' || true)
    [ -z "$leaked" ] && return 0
    where=$(for pid in $(echo "$leaked" | awk '{print $1}'); do
        # A pause process clears its environment: its stdin is the
        # runtime directory it watches.
        echo "$pid: $(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep '^XDG_RUNTIME_DIR=' || echo 'no XDG_RUNTIME_DIR'), stdin $(readlink "/proc/$pid/fd/0" 2>/dev/null || echo '?'), $(ps -o ppid=,etime= -p "$pid" 2>/dev/null || true)"
    done)
    die "processes left behind by the tests as $1:
$leaked
$where"
}

# What the script changes on the host, it puts back on exit.
RESTORE=()
restore() {
    local cmd
    for cmd in "${RESTORE[@]}"; do eval "$cmd" || true; done
}

if [ "$(id -u)" = 0 ]; then
    missing=$(missing_packages)
    if [ -n "$missing" ]; then
        say "installing packages: $missing"
        apt-get update -q
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    fi
    m=$(missing_commands); [ -z "$m" ] || die "still missing after install: $m"

    if ! id "$TEST_USER" >/dev/null 2>&1; then
        say "creating the test user $TEST_USER"
        useradd --create-home --shell /bin/bash "$TEST_USER"
    fi
    # useradd normally allocates subordinate ranges; add them only if it did not.
    if ! grep -q "^$TEST_USER:" /etc/subuid || ! grep -q "^$TEST_USER:" /etc/subgid; then
        start=$(( ( $(id -u "$TEST_USER") - 1000 ) * 65536 + 300000 ))
        usermod --add-subuids "$start-$((start + 65535))" --add-subgids "$start-$((start + 65535))" "$TEST_USER"
    fi
    grep "^$TEST_USER:" /etc/subuid /etc/subgid
    if ! id "$BARE_USER" >/dev/null 2>&1; then
        say "creating the test user $BARE_USER (no subordinate ids)"
        useradd --create-home --shell /bin/bash "$BARE_USER"
    fi
    # useradd gave it ranges: take them away (this user exists for that).
    sed -i "/^$BARE_USER:/d" /etc/subuid /etc/subgid

    trap restore EXIT
    mkdir -p /dev/net
    [ -e /dev/net/tun ] || { mknod /dev/net/tun c 10 200; RESTORE+=("rm -f /dev/net/tun"); }
    [ -e /dev/fuse ] || { mknod /dev/fuse c 10 229; RESTORE+=("rm -f /dev/fuse"); }
    for d in /dev/net/tun /dev/fuse; do
        RESTORE+=("chmod $(stat -c %a "$d") $d")
    done
    # /run/user/UID, as a login session has it (no systemd here to make it).
    RUN_USER=/run/user/$(id -u "$TEST_USER")
    if [ ! -d "$RUN_USER" ]; then
        mkdir -p "$RUN_USER"; chown "$TEST_USER:" "$RUN_USER"; chmod 0700 "$RUN_USER"
        RESTORE+=("rm -rf $RUN_USER")
    fi

    static_checks
    package_check

    say "building the end-to-end tests"
    cargo build --quiet
    CHECKER=$(build_checker)
    E2E=$(e2e_binary)
    [ -x "$E2E" ] || die "could not find the e2e test binary"
    # Copies the test user can read and run, wherever this checkout lives.
    STAGE=$(mktemp -d /tmp/den-ci-XXXXXX)
    RESTORE+=("rm -rf $STAGE")
    say "the Debian test image (mmdebstrap)"
    DEBIAN=$(debian_rootfs)
    cp "$(debug_dir)/den" "$CHECKER" "$E2E" "$DEBIAN" "$STAGE/"
    chmod 0755 "$STAGE" "$STAGE"/*

    say "matrix: /dev/net/tun and /dev/fuse closed to users (mode 0600), as $TEST_USER"
    chmod 0600 /dev/net/tun /dev/fuse
    e2e_as "$TEST_USER" --ignored --exact hosts::matrix_devices_closed_to_users

    say "device nodes /dev/net/tun and /dev/fuse mode 0666 (as on a normal distribution)"
    chmod 0666 /dev/net/tun /dev/fuse

    say "cgroups: a subtree delegated to $TEST_USER, as systemd's Delegate=yes leaves one"
    RESTORE+=("'$PWD/ci/cgroups.sh' down")
    CGROUP=$(ci/cgroups.sh up "$TEST_USER")
    echo "controllers in it: $(cat "$(dirname "$CGROUP")/cgroup.controllers")"

    say "end-to-end tests as $TEST_USER (rootless, real registry, in the delegated cgroup)"
    e2e_as "$TEST_USER"
    # The script itself leaves the delegated cgroup for the next cells.
    echo $$ > "$(sed -n 's/^mount=//p' /run/den-ci-cgroups)/cgroup.procs"
    CGROUP=

    say "matrix: no cgroup delegated to $TEST_USER"
    e2e_as "$TEST_USER" --ignored --exact cgroups::matrix_no_delegation

    say "matrix: a user without subordinate ids ($BARE_USER)"
    e2e_as "$BARE_USER" --ignored --exact hosts::matrix_a_user_without_ranges

    # Issue 19's figure, informative and never a gate: how many of podman
    # 4.3's long flags den accepts (podman's own --help as the reference),
    # where the shared tool and podman are here.
    FC=../shared/tools/flag-coverage
    if [ -x "$FC" ] && command -v podman >/dev/null; then
        say "podman's flags den accepts ($FC; informative)"
        "$FC" "$(debug_dir)/den" | tail -1 || true
    fi

    say "matrix: root is refused"
    out=$(HOME=/tmp "$STAGE/den" run --rm busybox true 2>&1) && die "den ran as root: $out"
    [ "$out" = "den: error: den runs containers as the user who owns them, never as root: run it without sudo, as that user (their containers' root is that user, mapped onto the user's subordinate ids)" ] \
        || die "den as root said: $out"

    say "nothing left behind by the tests"
    sleep 1
    # Supervisors, containers, helpers, registries.
    no_leaks "$TEST_USER"
    no_leaks "$BARE_USER"
    # Every container's cgroup went with its container.
    left=$(find "$(sed -n 's/^slice=//p' /run/den-ci-cgroups)" -mindepth 3 -type d 2>/dev/null || true)
    [ -z "$left" ] || die "cgroups left behind by the tests: $left"
    left=$(find /tmp -maxdepth 1 \( -user "$TEST_USER" -o -user "$BARE_USER" \) \( -name 'den-e2e-*' -o -name 'den-test-registry-*' \) 2>/dev/null)
    if [ -n "$left" ]; then
        for d in $left; do
            printf '\n%s, made by test: %s\n' "$d" "$(cat "$d/.den-test" 2>/dev/null || echo '(unknown)')"
            find "$d" -maxdepth 3 -printf '%M %u %p\n' 2>&1 | head -20
        done
        die "directories left behind by the tests: $left"
    fi
else
    m=$(missing_commands)
    [ -z "$m" ] || die "missing commands: $m (install: sudo apt-get install ${PACKAGES[*]}), or run this script as root"
    grep -q "^$(id -un):" /etc/subuid || die "no /etc/subuid range for $(id -un) (sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $(id -un))"
    for d in /dev/net/tun /dev/fuse; do
        [ -r "$d" ] && [ -w "$d" ] || echo "ci/test.sh: warning: $d is not read-writable for you; fuse-overlayfs tests will fail (sudo chmod 0666 $d)" >&2
    done
    pkg-config --exists libseccomp || die "libseccomp is missing (install: sudo apt-get install libseccomp-dev pkg-config)"
    static_checks
    package_check
    DEN_CHECKER="$PWD/$(build_checker)"
    say "the Debian test image (mmdebstrap)"
    DEN_DEBIAN_TAR="$PWD/$(debian_rootfs)"
    export DEN_CHECKER DEN_DEBIAN_TAR
    say "end-to-end tests as $(id -un) (rootless, real registry)"
    cargo test --test e2e -- --test-threads="$JOBS"
fi
say "all tests passed"
