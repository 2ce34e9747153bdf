#!/bin/bash
# Check a built den .deb: its files are packaging/files.expected plus one
# man page for each of man/*.1, and nothing else; the generator link
# works (den called as den-user-generator is den quadlet).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:?usage: check-deb.sh DEN.deb}
got=$(mktemp); want=$(mktemp); root=$(mktemp -d)
trap 'rm -rf "$got" "$want" "$root"' EXIT
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { $1=$2=$3=$4=$5=""; sub(/^ +/, ""); print }' | sort >"$got"
{
    cat "$here/packaging/files.expected"
    for m in "$here"/man/*.1; do echo "./usr/share/man/man1/$(basename "$m").gz"; done
} | sort >"$want"
if ! diff -u "$want" "$got"; then
    echo "check-deb.sh: the package's files differ from packaging/files.expected and man/ (- wanted, + found)" >&2
    exit 1
fi
dpkg-deb -x "$deb" "$root"
[ "$(readlink -f "$root/usr/lib/systemd/user-generators/den-user-generator")" = "$root/usr/bin/den" ] ||
    { echo "check-deb.sh: the generator link does not reach den" >&2; exit 1; }
"$root/usr/bin/den" --version >/dev/null
echo "check-deb.sh: $(wc -l <"$got") files as expected in $(basename "$deb")"
