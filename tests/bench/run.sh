#!/bin/sh
# Benchmarks (make bench): pushback against the numpy baseline on the
# reference network, side by side in one run; peak memory at 10^7
# iterations; time per iteration as the network grows. Inputs in tests/bench.
# usage: tests/bench/run.sh build/pushback
PB=${1:-build/pushback}
BENCH=${BENCH:-tests/bench}
PY=/usr/bin/python3
if [ ! -f "$BENCH/reference-30.cfg" ]; then
    echo "bench: $BENCH/reference-30.cfg not found (run from the repository root)" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=${RUNS:-5}

# a scenario of COUNT milestones m0, m1, ... after the settings HEAD, each with the fields BODY
many() {
    awk -v m="$1" -v head="$2" -v body="$3" 'BEGIN {
        print "version = 1; " head " milestones = ("
        for (i = 0; i < m; i++)
            printf "{ id = \"m%d\"; %s }%s\n", i, body, i + 1 < m ? "," : ""
        print ");"
    }'
}
# median of the numbers on stdin
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# wall seconds and peak RSS (KiB) of a command, as "SECONDS KIB"
measure() { /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" && cat "$tmp/time"; }

echo "== reference network (30 milestones, 5 risks), 10^6 iterations, sensitivity and criticality on"
echo "   runs alternate pushback / numpy, $runs each; medians"
: >"$tmp/pb"
: >"$tmp/np"
for i in $(seq "$runs"); do
    measure "$PB" simulate "$BENCH/reference-30.cfg" -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/pb"
    measure "$PY" "$BENCH/numpy_baseline.py" -n 1000000 | cut -d' ' -f1 >>"$tmp/np"
done
pb=$(median <"$tmp/pb")
np=$(median <"$tmp/np")
echo "   pushback (2 threads): $pb s   runs: $(tr '\n' ' ' <"$tmp/pb")"
echo "   numpy baseline:       $np s   runs: $(tr '\n' ' ' <"$tmp/np")"
awk -v a="$np" -v b="$pb" 'BEGIN {printf "   speed-up: %.1fx (target: at least 25x)\n", a / b}'

echo "== the same numbers? (P50, P80, P(deadline 46) at 10^6)"
"$PB" simulate "$BENCH/reference-30.cfg" -n 1000000 -f json >"$tmp/pb.json"
"$PY" "$BENCH/numpy_baseline.py" -n 1000000 --json >"$tmp/np.json"
"$PY" - "$tmp/pb.json" "$tmp/np.json" <<'PYEOF'
import json, sys
pb, np = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
p = pb["duration"]["percentiles"]
print("   pushback: P50 %.3f  P80 %.3f  P(<=46) %.4f" % (p["p50"]["value"], p["p80"]["value"], pb["deadline"]["probability"]))
print("   numpy:    P50 %.3f  P80 %.3f  P(<=46) %.4f" % (np["finish_weeks"]["P50"], np["finish_weeks"]["P80"], np["p_finish_le_deadline"]))
PYEOF

echo "== peak memory at 10^7 iterations (target: at most 400 MiB)"
set -- $(measure "$PB" simulate "$BENCH/reference-30.cfg" -n 10000000 -t 2 -f json)
awk -v s="$1" -v k="$2" 'BEGIN {printf "   %.2f s, peak RSS %.0f MiB\n", s, k / 1024}'

echo "== compare: base and 4 options of scenarios/fcw.cfg at 10^6 iterations each, against one simulate"
echo "   (the options take the base's draws of every milestone they leave as it is); medians of 3"
: >"$tmp/c"
: >"$tmp/s"
for i in 1 2 3; do
    measure "$PB" simulate scenarios/fcw.cfg -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/s"
    measure "$PB" compare scenarios/fcw.cfg -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/c"
done
s1=$(median <"$tmp/s")
c1=$(median <"$tmp/c")
awk -v s="$s1" -v c="$c1" 'BEGIN {printf "   simulate %.2f s, compare %.2f s: %.2fx one simulate (limit: 2x)\n", s, c, c / s}'

echo "== experiment rounds: scenarios/fcw.cfg (trains in rounds) against fcw before rounds, 10^6 iterations"
: >"$tmp/r0"
: >"$tmp/r1"
for i in 1 2 3; do
    measure "$PB" simulate "$BENCH/fcw-before-rounds.cfg" -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/r0"
    measure "$PB" simulate scenarios/fcw.cfg -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/r1"
done
r0=$(median <"$tmp/r0")
r1=$(median <"$tmp/r1")
awk -v a="$r0" -v b="$r1" 'BEGIN {printf "   before %.2f s, with rounds %.2f s: %.2fx per iteration (target: at most 1.5x)\n", a, b, b / a}'

echo "== people (docs/ml.md): triage without its hire and attrition, with the hire, with both; 10^6 iterations"
: >"$tmp/q0"
: >"$tmp/q1"
: >"$tmp/q2"
for i in $(seq "$runs"); do
    measure "$PB" simulate scenarios/triage-assistant.cfg -n 1000000 -t 2 -f json \
        --set 'team.ml.joins=()' --set 'attrition=()' | cut -d' ' -f1 >>"$tmp/q0"
    measure "$PB" simulate scenarios/triage-assistant.cfg -n 1000000 -t 2 -f json \
        --set 'attrition=()' | cut -d' ' -f1 >>"$tmp/q1"
    measure "$PB" simulate scenarios/triage-assistant.cfg -n 1000000 -t 2 -f json | cut -d' ' -f1 >>"$tmp/q2"
done
q0=$(median <"$tmp/q0")
q1=$(median <"$tmp/q1")
q2=$(median <"$tmp/q2")
awk -v a="$q0" -v b="$q1" -v c="$q2" 'BEGIN {printf "   without %.2f s, the join %.2f s (%.2fx), the join and attrition %.2f s (%.2fx)\n", a, b, b / a, c, c / a}'

echo "== seek: every seek on each bundled scenario at the default precision (target: under 2 s)"
for f in scenarios/*.cfg; do
    : >"$tmp/k"
    for i in 1 2 3; do
        measure "$PB" seek "$f" -t 2 -f json | cut -d' ' -f1 >>"$tmp/k"
    done
    "$PB" seek "$f" -t 2 -f json >"$tmp/seek.json"
    trials=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["trials"])' "$tmp/seek.json")
    echo "   $f: $(median <"$tmp/k") s ($trials trial runs)"
done
for f in scenarios/*.cfg; do
    # a deadline at the plan's median: cuts, people and break-evens all search
    "$PB" simulate "$f" -n 20000 -f json >"$tmp/sim.json"
    d=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["duration"]["percentiles"]["p50"]["value"])' "$tmp/sim.json")
    : >"$tmp/k"
    for i in 1 2 3; do
        measure "$PB" seek "$f" -t 2 -f json --deadline "$d" | cut -d' ' -f1 >>"$tmp/k"
    done
    "$PB" seek "$f" -t 2 -f json --deadline "$d" >"$tmp/seek.json"
    trials=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["trials"])' "$tmp/seek.json")
    printf '   %s at its P50 (%.1f): %s s (%s trial runs)\n' "$f" "$d" "$(median <"$tmp/k")" "$trials"
done

echo "== brief: every default rule on each bundled scenario, 100,000 iterations (target: under 3 s)"
for f in scenarios/*.cfg; do
    : >"$tmp/b"
    for i in 1 2 3; do
        measure "$PB" brief "$f" -t 2 -f json | cut -d' ' -f1 >>"$tmp/b"
    done
    echo "   $f: $(median <"$tmp/b") s"
done

echo "== time per iteration as the network grows (generated networks, one thread)"
echo "   (T(2N) - T(N)) / N, so that loading, table building and output do not count;"
echo "   one thread, because 1,000 iterations are a single block that one thread runs)"
for m in 100 1000 10000; do
    "$PY" "$BENCH/gen_network.py" "$m" 1 >"$tmp/net.json"
    "$PY" "$BENCH/network_to_cfg.py" "$tmp/net.json" >"$tmp/net.cfg"
    n=$((20000000 / m))
    : >"$tmp/t1"
    : >"$tmp/t2"
    for i in 1 2 3; do
        measure "$PB" simulate "$tmp/net.cfg" -n "$n" -t 1 -f json | cut -d' ' -f1 >>"$tmp/t1"
        measure "$PB" simulate "$tmp/net.cfg" -n $((2 * n)) -t 1 -f json | cut -d' ' -f1 >>"$tmp/t2"
    done
    t1=$(median <"$tmp/t1")
    t2=$(median <"$tmp/t2")
    awk -v m="$m" -v n="$n" -v a="$t1" -v b="$t2" 'BEGIN {d = b - a; printf "   %5d milestones: %6d iterations %.2f s, %6d iterations %.2f s: %8.2f us/iteration, %5.1f ns per milestone-iteration\n", m, n, a, 2 * n, b, 1e6 * d / n, 1e9 * d / n / m}'
done

echo "== deals: one 'deal' at the default precision per bundled scenario (target: under 100 ms),"
echo "   'frontier' on the largest bundled scenario with 2 threads (target: under 2 s); medians of 5"
for f in scenarios/*.cfg; do
    : >"$tmp/d"
    for i in 1 2 3 4 5; do
        measure "$PB" deal "$f" -t 2 -f json | cut -d' ' -f1 >>"$tmp/d"
    done
    awk -v f="$f" -v s="$(median <"$tmp/d")" 'BEGIN {printf "   deal %-36s %4.0f ms\n", f, 1000 * s}'
done
largest=$(wc -l scenarios/*.cfg | sort -n | grep -v total | tail -n 1 | awk '{print $2}')
: >"$tmp/fr"
for i in 1 2 3 4 5; do
    measure "$PB" frontier "$largest" -t 2 -f json | cut -d' ' -f1 >>"$tmp/fr"
done
awk -v f="$largest" -v s="$(median <"$tmp/fr")" 'BEGIN {printf "   frontier %-32s %5.2f s\n", f, s}'

echo "== check: 100,000 resources and 100,000 milestones, each needing one (target: under 1 s)"
echo "   every duplicate and reference check through an id map; before it, 34 s (quadratic)"
"$PY" "$BENCH/gen_resources.py" 100000 >"$tmp/r100k.cfg"
: >"$tmp/ck"
for i in 1 2 3; do
    measure "$PB" check "$tmp/r100k.cfg" | cut -d' ' -f1 >>"$tmp/ck"
done
echo "   check: $(median <"$tmp/ck") s (median of 3)"

echo "== contention: 20,000 effort milestones on one role of one person (one thread, no detail)"
echo "   (T(2N) - T(N)) / N; before the heap scheduler about 550 ms an iteration on the dev machine"
many 20000 'team = ( { role = "dev"; people = 1; rate = 10.0; } );' \
    'role = "dev"; effort = [1.0, 2.0, 4.0]; people = 1;' >"$tmp/c20k.cfg"
: >"$tmp/t1"
: >"$tmp/t2"
for i in 1 2 3; do
    measure "$PB" simulate "$tmp/c20k.cfg" -n 256 -t 1 --no-detail -f json | cut -d' ' -f1 >>"$tmp/t1"
    measure "$PB" simulate "$tmp/c20k.cfg" -n 512 -t 1 --no-detail -f json | cut -d' ' -f1 >>"$tmp/t2"
done
awk -v a="$(median <"$tmp/t1")" -v b="$(median <"$tmp/t2")" 'BEGIN {printf "   256 iterations %.2f s, 512 iterations %.2f s: %.2f ms an iteration\n", a, b, 1e3 * (b - a) / 256}'

echo "== plan build at scale: 100,000 parallel milestones (target: under 0.5 s)"
echo "   'simulate -n 1 --no-detail' less 'check' on the same file (loading is common to both); medians of 3"
many 100000 '' 'duration = [1.0, 2.0, 4.0];' >"$tmp/p100k.cfg"
: >"$tmp/ps"
: >"$tmp/pc"
for i in 1 2 3; do
    measure "$PB" simulate "$tmp/p100k.cfg" -n 1 -t 1 --no-detail -f json | cut -d' ' -f1 >>"$tmp/ps"
    measure "$PB" check "$tmp/p100k.cfg" | cut -d' ' -f1 >>"$tmp/pc"
done
awk -v s="$(median <"$tmp/ps")" -v c="$(median <"$tmp/pc")" 'BEGIN {printf "   simulate %.2f s, check %.2f s: plan build and one iteration %.2f s (target: under 0.5 s)\n", s, c, s - c}'
