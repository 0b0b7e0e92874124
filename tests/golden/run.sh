#!/bin/sh
# Golden outputs: every command and format on every bundled scenario, at a
# fixed seed and iteration count, written to one file each in OUTDIR. Run it
# with two builds and `diff -r` the folders: a refactoring must leave every
# byte unchanged (and so must two runs of one build).
# usage: tests/golden/run.sh OUTDIR [build/pushback]
out=${1:?usage: tests/golden/run.sh OUTDIR [pushback]}
PB=${2:-build/pushback}
mkdir -p "$out"
run() { # NAME ARGS...: stdout, stderr and the exit status into OUTDIR/NAME
    name=$1
    shift
    "$PB" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo "exit $?" >>"$out/$name.err"
}
for f in scenarios/*.cfg tests/bench/reference-30.cfg; do
    b=$(basename "$f" .cfg)
    for fmt in text json csv; do
        run "$b.simulate.$fmt" simulate "$f" -n 20000 -t 2 -f "$fmt" --no-color
        run "$b.compare.$fmt" compare "$f" -n 20000 -t 2 -f "$fmt" --no-color
    done
    for fmt in text json; do
        run "$b.seek.$fmt" seek "$f" -n 4000 -t 2 -f "$fmt" --no-color
        run "$b.check.$fmt" check "$f" -f "$fmt"
        run "$b.deal.$fmt" deal "$f" -n 8192 -t 2 -f "$fmt"
    done
    for fmt in text json csv; do
        run "$b.frontier.$fmt" frontier "$f" -n 2048 -t 2 -f "$fmt"
    done
    for fmt in text md html json; do
        run "$b.brief.$fmt" brief "$f" -n 20000 -t 2 -f "$fmt"
    done
    run "$b.seek-p50" seek "$f" -n 4000 -t 2 --deadline 20 --no-color
    run "$b.deal-people" deal "$f" -n 8192 -t 2 --people 3 -f json
    run "$b.simulate-set" simulate "$f" -n 20000 -t 1 --set ask.confidence=0.9 -f json
done
for fmt in text json html; do
    run "fcw-week12.track.$fmt" track scenarios/fcw-week12.cfg -n 20000 -t 2 -f "$fmt"
done
run "fcw-week12.track-calibrated" track scenarios/fcw-week12.cfg -n 20000 -t 2 --calibrated -f json
for f in tests/bad/*.cfg; do
    run "bad.$(basename "$f" .cfg)" check "$f"
done
