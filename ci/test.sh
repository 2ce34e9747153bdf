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

PACKAGES=(uidmap slirp4netns passt fuse-overlayfs docker-registry busybox-static
          apache2-utils procps iproute2 nftables util-linux ca-certificates libseccomp-dev pkg-config
          mmdebstrap)
COMMANDS=(newuidmap newgidmap fuse-overlayfs docker-registry busybox htpasswd pasta slirp4netns nft ip
          mmdebstrap)
TEST_USER=${DEN_TEST_USER:-dentest}
JOBS=${DEN_TEST_THREADS:-2}

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
    cargo test --bins --test docs
}

# Build the checker program (tests/checker) statically, so that it runs in
# a busybox image with no libc; print its path.
build_checker() {
    local triple
    triple=$(rustc -vV | sed -n 's/^host: //p')
    RUSTFLAGS="-C target-feature=+crt-static" cargo build --quiet -p den-checker --target "$triple" >&2
    echo "target/$triple/debug/den-checker"
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

    say "device nodes /dev/net/tun and /dev/fuse mode 0666 (as on a normal distribution)"
    mkdir -p /dev/net
    [ -e /dev/net/tun ] || mknod /dev/net/tun c 10 200
    [ -e /dev/fuse ] || mknod /dev/fuse c 10 229
    chmod 0666 /dev/net/tun /dev/fuse

    static_checks

    say "building the end-to-end tests"
    cargo build --quiet
    CHECKER=$(build_checker)
    E2E=$(e2e_binary)
    [ -x "$E2E" ] || die "could not find the e2e test binary"
    # Copies the test user can read and run, wherever this checkout lives.
    STAGE=$(mktemp -d /tmp/den-ci-XXXXXX)
    trap 'rm -rf "$STAGE"' EXIT
    say "the Debian test image (mmdebstrap)"
    DEBIAN=$(debian_rootfs)
    cp target/debug/den "$CHECKER" "$E2E" "$DEBIAN" "$STAGE/"
    chmod 0755 "$STAGE" "$STAGE"/*

    say "end-to-end tests as $TEST_USER (rootless, real registry)"
    runuser -u "$TEST_USER" -- env -i \
        HOME="$(getent passwd "$TEST_USER" | cut -d: -f6)" USER="$TEST_USER" LOGNAME="$TEST_USER" \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        DEN_BIN="$STAGE/den" DEN_CHECKER="$STAGE/den-checker" RUST_BACKTRACE=1 \
        DEN_DEBIAN_TAR="$STAGE/$(basename "$DEBIAN")" \
        sh -c "cd '$STAGE' && ./$(basename "$E2E") --test-threads=$JOBS"

    say "nothing left behind by the tests"
    sleep 1
    # Every process of the test user (zombies aside) is a leak: supervisors,
    # containers, helpers, registries.
    leaked=$(ps -u "$TEST_USER" -o pid=,stat=,args= | awk '$2 !~ /^Z/' || true)
    [ -z "$leaked" ] || die "processes left behind by the tests:
$leaked"
    left=$(find /tmp -maxdepth 1 -user "$TEST_USER" \( -name 'den-e2e-*' -o -name 'den-test-registry-*' \) 2>/dev/null)
    [ -z "$left" ] || die "directories left behind by the tests: $left"
else
    m=$(missing_commands)
    [ -z "$m" ] || die "missing commands: $m (install: sudo apt-get install ${PACKAGES[*]}), or run this script as root"
    grep -q "^$(id -un):" /etc/subuid || die "no /etc/subuid range for $(id -un) (sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $(id -un))"
    for d in /dev/net/tun /dev/fuse; do
        [ -r "$d" ] && [ -w "$d" ] || echo "ci/test.sh: warning: $d is not read-writable for you; fuse-overlayfs tests will fail (sudo chmod 0666 $d)" >&2
    done
    pkg-config --exists libseccomp || die "libseccomp is missing (install: sudo apt-get install libseccomp-dev pkg-config)"
    static_checks
    DEN_CHECKER="$PWD/$(build_checker)"
    say "the Debian test image (mmdebstrap)"
    DEN_DEBIAN_TAR="$PWD/$(debian_rootfs)"
    export DEN_CHECKER DEN_DEBIAN_TAR
    say "end-to-end tests as $(id -un) (rootless, real registry)"
    cargo test --test e2e -- --test-threads="$JOBS"
fi
say "all tests passed"
