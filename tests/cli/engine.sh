# Engine limits (sourced by tests/cli/run.sh, which defines PB, tmp, ok, bad
# and expect): interrupts of slow plans and the memory bound.

# contention M PEOPLE: a scenario of M effort milestones competing for one role
contention() {
    awk -v m="$1" -v k="$2" 'BEGIN {
        print "version = 1;"
        printf "team = ( { role = \"dev\"; people = %d; rate = 10.0; } );\n", k
        print "milestones = ("
        for (i = 0; i < m; i++)
            printf "  { id = \"m%d\"; role = \"dev\"; effort = [1.0, 2.0, 4.0]; people = 1; }%s\n", i, i + 1 < m ? "," : ""
        print ");"
    }'
}

# E1. Ctrl-C during 20,000 milestones on one role ends within a few seconds. The limit is
#     the same build's own pace, measured first: a whole run of the plan at 64 iterations
#     (loading, planning, the iterations, the report: all a stop can still have to do, even
#     mid-load), three times over, and at least 3 s. So a sanitizer build on a loaded machine
#     is held to its own speed, and a stop honoured only between blocks still fails: it
#     would finish up to 4,096 iterations a worker, some 64 times the baseline's.
contention 20000 1 >"$tmp/c20k.cfg"
t0=$(date +%s%N)
"$PB" simulate "$tmp/c20k.cfg" -n 64 --no-detail >/dev/null 2>&1
base=$((($(date +%s%N) - t0) / 1000000))
limit=$((3 * base > 3000 ? 3 * base : 3000))
"$PB" simulate "$tmp/c20k.cfg" -n 1000000 --no-detail >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
sleep 2
t0=$(date +%s%N)
kill -INT $pid
wait $pid
st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
[ $st = 1 ] && ok || bad "interrupted contention run: status $st, wanted 1"
[ $ms -lt $limit ] && ok ||
    bad "interrupted contention run took $ms ms to stop, limit $limit ms (a run of 64 iterations: $base ms)"
grep -q 'iterations (interrupted)' "$tmp/int.out" && ok || bad "interrupted contention run is not marked"

# E2. small samples: an interval no pair of order statistics backs is null / n/a
expect 0 "$PB" simulate scenarios/fcw.cfg -n 10 -f json
python3 -c 'import json, sys; p = json.load(open(sys.argv[1]))["duration"]["percentiles"]; assert p["p5"]["lo"] is None and p["p95"]["hi"] is None and p["p50"]["lo"] < p["p50"]["value"] < p["p50"]["hi"]' "$tmp/out" && ok || bad "simulate -n 10: P5/P95 intervals are not null"
expect 0 "$PB" simulate scenarios/fcw.cfg -n 10
grep -q '^  P10 .* n/a' "$tmp/out" && ok || bad "simulate -n 10: text P10 interval is not n/a"
expect 0 "$PB" compare scenarios/fcw.cfg -n 30 -f json
python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))["options"][1]["vs_base"]; assert v["p80"]["lo"] is None and v["p80"]["hi"] is None and v["p80"]["value"] is not None' "$tmp/out" && ok || bad "compare -n 30: a P80 difference interval that is not null"
expect 0 "$PB" compare scenarios/fcw.cfg -n 30
grep -q 'finish, P80 .*(n/a)' "$tmp/out" && ok || bad "compare -n 30: text P80 difference is not n/a"

# E3. memory: 2^31 - 1 iterations of 100,000 milestones are refused at once (status 2)
#     with the count that fits; the milestone detail costs at most 256 MiB of codes (and
#     a few MiB of scratch) however many milestones (it cost 1.6 GB here before: at
#     least one block of 4,096 iterations)
awk -v m=100000 'BEGIN {
    print "version = 1; milestones = ("
    for (i = 0; i < m; i++)
        printf "{ id = \"m%d\"; duration = [1.0, 2.0, 4.0];%s }%s\n", i,
            (i >= 10 ? sprintf(" after = [\"m%d\"];", i - 1 - (i * 7919) % 10) : ""), (i + 1 < m ? "," : "")
    print ");"
}' >"$tmp/big.cfg"
# "at once": no longer than loading the file (timed by check) twice, plus 2 s
t0=$(date +%s%N)
"$PB" check -q "$tmp/big.cfg" >/dev/null 2>&1
load=$((($(date +%s%N) - t0) / 1000000))
t0=$(date +%s%N)
expect 2 "$PB" simulate "$tmp/big.cfg" -n 2147483647
ms=$((($(date +%s%N) - t0) / 1000000))
grep -q 'need [0-9.]* GiB of memory, more than the 4.0 GiB limit; at most [0-9]* iterations fit' "$tmp/err" &&
    ok || bad "-n 2147483647: no message naming what fits: $(cat "$tmp/err")"
[ $ms -lt $((2 * load + 2000)) ] && ok || bad "-n 2147483647 took $ms ms to be refused (loading: $load ms)"
fits=$(sed -n 's/.*at most \([0-9]*\) iterations fit.*/\1/p' "$tmp/err")
expect 2 "$PB" simulate scenarios/fcw.cfg -n 2147483647 -q
/usr/bin/time -f %M -o "$tmp/rss1" "$PB" simulate "$tmp/big.cfg" -n 700 -t 2 >/dev/null 2>&1
/usr/bin/time -f %M -o "$tmp/rss0" "$PB" simulate "$tmp/big.cfg" -n 700 -t 2 --no-detail >/dev/null 2>&1
d=$(($(tail -1 "$tmp/rss1") - $(tail -1 "$tmp/rss0")))
[ "$d" -le 278528 ] && ok || bad "milestone detail of 100,000 milestones took $d KiB, more than 256 MiB of codes and 16 MiB of scratch"
[ "${fits:-0}" -gt 100000000 ] && ok || bad "the count that fits is $fits"

# E4. known answers through the command line (issue 16, items 9 to 11)
expect 0 "$PB" simulate tests/data/edge-exact-limits.cfg -n 1000
grep -q 'by 3.3 weeks  *100.0%' "$tmp/out" && grep -q 'within 3,602 USD  *100.0%' "$tmp/out" &&
    ok || bad "a plan of exactly the deadline and budget does not meet them"
expect 0 "$PB" simulate tests/data/edge-simultaneous-release.cfg -n 100 -f json
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))["duration"]; assert abs(d["min"] - 5.3) < 1e-9 and abs(d["max"] - 5.3) < 1e-9' "$tmp/out" &&
    ok || bad "people freed at 1.1 + 2.2 and at 3.3 do not start the next milestone together"
expect 0 "$PB" compare tests/data/edge-group-drop.cfg -n 20000 -f json
python3 -c 'import json, sys; o = json.load(open(sys.argv[1]))["options"][1]; assert o["name"] == "no-a" and o["vs_base"]["p_after"]["probability"] == 0' "$tmp/out" &&
    ok || bad "dropping a group's first member makes iterations later"
