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

# E1. Ctrl-C during 20,000 milestones on one role ends within a few seconds
contention 20000 1 >"$tmp/c20k.cfg"
"$PB" simulate "$tmp/c20k.cfg" -n 1000000 --no-detail >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
sleep 2
t0=$(date +%s%N)
kill -INT $pid
wait $pid
st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
[ $st = 1 ] && ok || bad "interrupted contention run: status $st, wanted 1"
[ $ms -lt 3000 ] && ok || bad "interrupted contention run took $ms ms to stop"
grep -q 'iterations (interrupted)' "$tmp/int.out" && ok || bad "interrupted contention run is not marked"
