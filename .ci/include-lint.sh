#!/bin/sh
# The include direction between the layers of src/:
#
#   base <- model <- engine <- manager <- report <- cli
#
# A file includes headers of its own layer, of lower layers, public headers
# (<pushback/...> or "pushback/..."), and system or third-party headers.
# The command line (src/cli) includes only its own headers and
# <pushback/...>: it is compiled with -Iinclude alone. A quoted header is
# found as the compiler finds it: beside the file, then under src/ (e.g.
# "base/cfg.h"), then in each layer folder (the Makefile passes -I for each).
# Each offending line is printed as FILE:LINE: and the script exits 1.
# usage: sh .ci/include-lint.sh   (from the repository's root)
LAYERS="base model engine manager report cli"

rank() {
    i=0
    for l in $LAYERS; do
        [ "$l" = "$1" ] && echo $i && return
        i=$((i + 1))
    done
    echo 99
}

# The layer that holds the quoted header $2 included from layer $1, or "".
where() {
    if [ -f "src/$1/$2" ]; then echo "$1"; return; fi
    case "$2" in */*) [ -f "src/$2" ] && echo "${2%%/*}" && return ;; esac
    for l in $LAYERS; do
        [ "$l" = cli ] && continue
        [ -f "src/$l/$2" ] && echo "$l" && return
    done
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for layer in $LAYERS; do
    r=$(rank "$layer")
    for f in src/$layer/*.c src/$layer/*.h; do
        [ -f "$f" ] || continue
        grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r l; do
            n=${l%%:*}
            inc=$(printf '%s\n' "$l" | sed -n 's/.*#[[:space:]]*include[[:space:]]*\(["<][^">]*[">]\).*/\1/p')
            h=${inc#?}
            h=${h%?}
            case "$inc" in
            \<pushback/* | \"pushback/*)
                [ -f "include/$h" ] || echo "$f:$n: $inc: no such public header"
                continue ;;
            \<*) continue ;;
            esac
            if [ "$layer" = cli ]; then
                case "$h" in */*) echo "$f:$n: $inc: src/cli includes only its own headers and <pushback/...>"; continue ;; esac
                [ -f "src/cli/$h" ] || echo "$f:$n: $inc: no such header in src/cli"
                continue
            fi
            at=$(where "$layer" "$h")
            if [ -z "$at" ]; then
                echo "$f:$n: $inc: no such header in src/"
            elif [ "$(rank "$at")" -gt "$r" ]; then
                echo "$f:$n: $inc: $layer includes $at, a higher layer ($LAYERS, left to right)"
            fi
        done
    done
done >"$out"
# One name per header across the layers, so that the -I order cannot matter.
find src -name '*.h' -exec basename {} \; | sort | uniq -d | sed 's/^/src: header name used twice: /' >>"$out"
# No source left outside the layer folders.
for f in src/*.c src/*.h; do [ -f "$f" ] && echo "$f: outside the layer folders ($LAYERS)"; done >>"$out"
if [ -s "$out" ]; then
    cat "$out"
    exit 1
fi
echo "include-lint: every include goes down the layers ($LAYERS)"
