#!/bin/bash
# The cgroup test rig (issue 15), as root: give the test user a cgroup v2
# subtree delegated exactly as systemd's Delegate=yes leaves one, on hosts
# that have none (a cgroup v1 hybrid: the v1 controllers without child
# cgroups are moved to the unified hierarchy), and put everything back
# afterwards.
#
#   ci/cgroups.sh up USER     prints the directory to start the user's tests in
#   ci/cgroups.sh down        puts the host back as it was
#
# What `up` changed is written to $STATE, so `down` undoes exactly that.
set -euo pipefail

STATE=/run/den-ci-cgroups
SLICE=den-ci.slice

# FSTYPE ROOT MOUNTPOINT SUPER-OPTIONS, a line per mount.
mounts() {
    awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { print $(i+1), $4, $5, $(i+3); break } }' /proc/self/mountinfo
}

v2_mount() {
    mounts | awk '$1 == "cgroup2" && $2 == "/" && !found++ { print $3 }'
}

up() {
    local user=$1 mount moved="" c deleg
    # A rig left by a run that was killed is taken down first.
    down
    mount=$(v2_mount)
    [ -n "$mount" ] || { echo "ci/cgroups.sh: no cgroup2 file system is mounted" >&2; exit 1; }
    : > "$STATE"
    echo "mount=$mount" >> "$STATE"
    # v1 hierarchies with no child cgroups can be given to the unified one.
    for c in pids cpu cpuset io memory; do
        grep -qw "$c" "$mount/cgroup.controllers" && continue
        local v1
        v1=$(mounts | awk -v c="$c" '$1 == "cgroup" && $2 == "/" && ("," $4 ",") ~ ("," c ",") && !found++ { print $3 }')
        [ -n "$v1" ] || continue
        # Only a hierarchy of this one controller, with nothing below its root.
        [ "$(awk -v c="$c" '$1 == c { print $3 }' /proc/cgroups)" = 1 ] || continue
        local opts
        opts=$(mounts | awk -v p="$v1" '$3 == p && !found++ { print $4 }')
        [ "$(echo "$opts" | tr ',' '\n' | grep -cxE 'cpu|cpuacct|cpuset|memory|pids|blkio|freezer|devices|hugetlb|net_cls|net_prio|perf_event')" = 1 ] || continue
        # Busy where a host agent holds the hierarchy open: it stays v1.
        umount "$v1" 2>/dev/null || { echo "ci/cgroups.sh: the $c hierarchy at $v1 is busy: $c stays on cgroup v1" >&2; continue; }
        echo "v1=$c:$v1" >> "$STATE"
        for _ in $(seq 30); do grep -qw "$c" "$mount/cgroup.controllers" && break; sleep 0.1; done
        if grep -qw "$c" "$mount/cgroup.controllers"; then
            moved="$moved $c"
        else
            # Still held elsewhere (another mount of it): put it back now.
            echo "ci/cgroups.sh: the $c hierarchy stays alive elsewhere: $c stays on cgroup v1" >&2
            mount -t cgroup -o "$c" cgroup "$v1"
            sed -i "/^v1=$c:/d" "$STATE"
        fi
    done
    local enable=""
    for c in $(cat "$mount/cgroup.controllers"); do
        case " cpu cpuset io memory pids " in *" $c "*) enable="$enable +$c" ;; esac
    done
    echo "root_subtree=$(cat "$mount/cgroup.subtree_control")" >> "$STATE"
    for c in $enable; do echo "$c" > "$mount/cgroup.subtree_control" || true; done
    mkdir -p "$mount/$SLICE"
    echo "slice=$mount/$SLICE" >> "$STATE"
    for c in $enable; do echo "$c" > "$mount/$SLICE/cgroup.subtree_control" || true; done
    # user@UID.service as systemd makes it: the user owns the directory and
    # the files that delegate, and its processes live in a child of it.
    deleg="$mount/$SLICE/user@$(id -u "$user").service"
    mkdir -p "$deleg/init.scope"
    chown "$user:" "$deleg" "$deleg/cgroup.procs" "$deleg/cgroup.subtree_control" "$deleg/cgroup.threads" \
        "$deleg/init.scope" "$deleg/init.scope/cgroup.procs" "$deleg/init.scope/cgroup.subtree_control" "$deleg/init.scope/cgroup.threads"
    echo "ci/cgroups.sh: moved to cgroup v2:${moved:- nothing}" >&2
    echo "$deleg/init.scope"
}

# Remove a cgroup tree, deepest first, once its processes are gone.
remove_tree() {
    local d
    [ -d "$1" ] || return 0
    find "$1" -depth -type d | while read -r d; do
        for _ in $(seq 50); do rmdir "$d" 2>/dev/null && break; sleep 0.1; done
    done
}

down() {
    [ -f "$STATE" ] || return 0
    local mount slice root line c path
    mount=$(sed -n 's/^mount=//p' "$STATE")
    slice=$(sed -n 's/^slice=//p' "$STATE")
    root=$(sed -n 's/^root_subtree=//p' "$STATE")
    if [ -n "$slice" ] && [ -d "$slice" ]; then
        # Processes still there (a failed run's) go back to the root.
        find "$slice" -name cgroup.procs | while read -r f; do
            while read -r pid; do echo "$pid" > "$mount/cgroup.procs" 2>/dev/null || true; done < "$f"
        done
        remove_tree "$slice"
    fi
    for c in cpu cpuset io memory pids; do
        case " $root " in *" $c "*) continue ;; esac
        grep -qw "$c" "$mount/cgroup.subtree_control" && echo "-$c" > "$mount/cgroup.subtree_control" || true
    done
    { grep '^v1=' "$STATE" || true; } | while read -r line; do
        line=${line#v1=}; c=${line%%:*}; path=${line#*:}
        for _ in $(seq 100); do
            mount -t cgroup -o "$c" cgroup "$path" 2>/dev/null && break
            sleep 0.1
        done
        mountpoint -q "$path" || echo "ci/cgroups.sh: could not mount the $c hierarchy on $path again" >&2
    done
    rm -f "$STATE"
}

case "${1:-}" in
    up) up "$2" ;;
    down) down ;;
    *) echo "usage: ci/cgroups.sh up USER | down" >&2; exit 2 ;;
esac
