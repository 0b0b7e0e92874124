#!/bin/sh
# valgrind memcheck over every command of the CLI (small runs): no invalid
# access, no use of uninitialised values, no definite leak. Slow: not part of
# 'make test'; run by 'make valgrind' and by CI.
# usage: tests/valgrind.sh build/pushback
PB=${1:-build/pushback}
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
    want=$1
    shift
    $VG "$PB" "$@" >"$tmp/out" 2>"$tmp/err" <"$tmp/answers"
    got=$?
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: valgrind $* -> status $got, wanted $want"
        grep -m 10 '==' "$tmp/err"
    fi
}
printf '20 30 45\nwhy\nNo.\nwhat-if team.ml=4\nskip\nquit\n' >"$tmp/answers"
run 0 simulate scenarios/fcw.cfg -n 3000 -t 2
run 0 simulate tests/data/small.cfg -n 3000 -f json
run 0 compare scenarios/fcw.cfg -n 2000 --pair lean,full
run 0 seek scenarios/triage-assistant.cfg -n 500
run 0 brief scenarios/fcw.cfg -n 2000 -f json
run 0 brief scenarios/defect-segmentation.cfg -n 2000 -f md
run 0 rehearse scenarios/fcw.cfg -n 2000 -o "$tmp/t.md"
run 0 init --answers tests/data/init-answers.txt -o "$tmp/init.cfg"
run 3 init -o "$tmp/init2.cfg"
run 0 check scenarios/fcw.cfg
run 3 check tests/bad/14-cycle-4.cfg
run 3 check tests/bad/47-syntax-unterminated-string.cfg
run 3 check tests/data/small.cfg --rulebook tests/data/rulebooks/unknown-name.cfg
run 2 simulate scenarios/fcw.cfg --set nosuch=1
run 3 simulate scenarios/fcw.cfg --set team.ml=0
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
