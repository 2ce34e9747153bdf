#!/bin/bash
# Build den's Debian package with dpkg-buildpackage: a copy of the
# committed tree (git archive) with packaging/debian as its debian/, built
# into OUTDIR (default: target/deb). Prints the .deb's path.
# Needs: dpkg-dev, debhelper, libseccomp-dev, pkg-config, and a Rust
# toolchain on PATH (rustup's or Debian's: the build dependencies are not
# checked, -d, since rustup's cargo is no Debian package).
set -euo pipefail
command -v cargo >/dev/null || { echo "build-deb.sh: no cargo on PATH" >&2; exit 1; }
command -v dh >/dev/null || { echo "build-deb.sh: no debhelper (apt-get install debhelper)" >&2; exit 1; }
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/target/deb}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/den"
# The working tree as it is (committed or not), without target/.
tar -C "$here" --exclude=./target --exclude=./.git -cf - . | tar -C "$work/den" -xf -
cp -r "$here/packaging/debian" "$work/den/debian"
# Reuse the tree's own target directory: a release build done once.
export CARGO_TARGET_DIR="$here/target"
(cd "$work/den" && dpkg-buildpackage -d -us -uc -b >"$work/build.log" 2>&1) || {
    tail -40 "$work/build.log" >&2
    echo "build-deb.sh: dpkg-buildpackage failed" >&2
    exit 1
}
mv "$work"/den_*.deb "$out"/
ls "$out"/den_*.deb | tail -1
