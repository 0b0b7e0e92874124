#!/bin/bash
# Prove the README's promise on a fresh Debian 12, the way a new user meets
# it: a minbase bookworm root (debootstrap; its tarball is cached under
# /var/tmp between runs), only 'make' and 'git' installed by hand, the
# repository cloned into it, then `make run` and `make test`, in that order,
# each timed. Then `make install PREFIX=/opt/pb` and the installed binary run
# from another folder with its built-in rulebook and installed examples.
# Needs root (debootstrap, chroot, mounts). usage: .ci/fresh-debian.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${FRESH_CACHE:-/var/tmp/pushback-bookworm-minbase.tar.gz}
root=$(mktemp -d /var/tmp/pushback-fresh.XXXXXX)

cleanup() {
    for m in dev/pts dev proc sys; do
        mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m" || true
    done
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT

if ! command -v debootstrap >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >&2
fi
t0=$(date +%s)
if [ ! -s "$cache" ]; then
    echo "fresh-debian: debootstrap --variant=minbase bookworm (cached afterwards in $cache)"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
        { tail -20 "$root.log"; exit 1; }
    tar -C "$root" -czf "$cache.tmp" . && mv "$cache.tmp" "$cache"
else
    echo "fresh-debian: a minbase bookworm root from $cache"
    tar -C "$root" -xzf "$cache"
fi
rm -f "$root.log"
echo "fresh-debian: root ready in $(($(date +%s) - t0)) s"

cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
git clone -q "$repo" "$root/root/pushback"

# in_root SCRIPT: run a bash script in the root, as a login shell would
in_root() { chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -euo pipefail -c "$1"; }

# What a user with a bare machine types first (the README says so)
in_root 'apt-get update -qq && apt-get install -y -qq --no-install-recommends make >/dev/null'

step() {
    local name=$1 cmd=$2 t
    t=$(date +%s)
    echo "fresh-debian: $name"
    if ! in_root "cd /root/pushback && $cmd" >"$root/step.log" 2>&1; then
        tail -40 "$root/step.log"
        echo "fresh-debian: $name FAILED after $(($(date +%s) - t)) s"
        exit 1
    fi
    tail -4 "$root/step.log" | sed 's/^/    /'
    echo "fresh-debian: $name passed in $(($(date +%s) - t)) s"
}
step "make run" "make run"
step "make test" "make test"
step "make install PREFIX=/opt/pb, run from /" \
    "make install PREFIX=/opt/pb >/dev/null && cd / &&
     /opt/pb/bin/pushback brief /opt/pb/share/pushback/examples/fcw.cfg -n 2000 -q >/tmp/brief.txt &&
     grep -q 'manager.cfg (built in)' /tmp/brief.txt &&
     /opt/pb/bin/pushback check -f json /opt/pb/share/pushback/examples/triage-assistant.cfg |
       grep -q '\"valid\": true' && echo 'installed pushback: brief and check from / with the built-in rulebook'"
echo "fresh-debian: all passed in $(($(date +%s) - t0)) s"
