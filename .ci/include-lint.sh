#!/bin/sh
# The include direction: a file includes its own layer, lower layers, or
# <pushback/...>. For now: src/cli includes only <pushback/...>, system and
# third-party headers, and its own src/cli headers (never a src/ internal
# header); the library in src/ never includes a src/cli header. Each
# offending line is printed as FILE:LINE: and the script exits 1.
# usage: sh .ci/include-lint.sh   (from the repository's root)
bad=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for f in src/cli/*.c src/cli/*.h; do
    grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r l; do
        n=${l%%:*}
        inc=$(printf '%s\n' "$l" | sed -n 's/.*#[[:space:]]*include[[:space:]]*\(["<][^">]*[">]\).*/\1/p')
        case "$inc" in
        \"*/*\") echo "$f:$n: $inc: src/cli includes only its own headers and <pushback/...>" ;;
        \"*\") h=${inc#\"}; h=${h%\"}; [ -f "src/cli/$h" ] ||
            echo "$f:$n: $inc: no such header in src/cli" ;;
        \<pushback/*) h=${inc#<}; h=${h%>}; [ -f "include/$h" ] ||
            echo "$f:$n: $inc: no such public header" ;;
        esac
    done
done >"$out"
for f in src/*.c src/*.h; do
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"\(\.\./\)*cli/' "$f" | sed "s|^|$f:|;s|\$|: the library includes no src/cli header|"
done >>"$out"
if [ -s "$out" ]; then
    cat "$out"
    bad=1
fi
[ $bad = 0 ] && echo "include-lint: src/cli includes only <pushback/...> and its own headers"
exit $bad
