#!/bin/sh
# Install the Debian packages pushback needs to build, test or benchmark,
# when they are missing. Says what it installs; uses sudo when not root.
# usage: .ci/deps.sh [build|test|ci|fuzz|browser|bench]
set -e
need="gcc libc6-dev make pkg-config libgsl-dev libconfig-dev libjansson-dev libcsv-dev libyaml-dev libedit-dev libmd-dev"
case "${1:-build}" in
test) need="$need libcriterion-dev python3 tmux time" ;;
ci) need="$need libcriterion-dev python3 tmux time clang-format clang-14 libclang-rt-14-dev libfuzzer-14-dev valgrind chromium" ;;
browser) need="$need python3 chromium" ;;
fuzz) need="$need clang-14 libclang-rt-14-dev libfuzzer-14-dev" ;;
bench) need="$need libcriterion-dev python3 python3-numpy time" ;;
esac
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "pushback: installing missing Debian packages:$missing" >&2
by_hand() {
    echo "pushback: $1; install them by hand, then run make again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
}
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || by_hand "not root and no sudo"
    sudo="sudo"
fi
command -v apt-get >/dev/null 2>&1 || by_hand "no apt-get on this machine"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || by_hand "apt-get update failed"
$sudo apt-get install -y -qq --no-install-recommends $missing >&2 || by_hand "apt-get install failed"
