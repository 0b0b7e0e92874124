#!/bin/sh
# Run each fuzz target for SECONDS, seeded from the repository's own inputs,
# and report how many executions each reached. Fails when a target fails.
# usage: tests/fuzz/run.sh SECONDS TARGET...
secs=$1
shift
status=0
passed=0
failed=0
mkdir -p build/fuzz/artifacts
for t in "$@"; do
    corpus=build/fuzz/corpus-$t
    mkdir -p "$corpus"
    case $t in
    scenario) cp scenarios/*.cfg tests/bad/*.cfg tests/data/*.cfg "$corpus"/ ;;
    rulebook | brief) cp scenarios/rulebooks/*.cfg tests/data/rulebooks/*.cfg "$corpus"/ ;;
    *) cp tests/fuzz/corpus/"$t"/* "$corpus"/ ;;
    esac
    build/fuzz/fuzz_"$t" -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/artifacts/"$t"- "$corpus" >build/fuzz/"$t".log 2>&1
    st=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 executions in \2 s/p' build/fuzz/"$t".log)
    if [ $st = 0 ]; then
        echo "fuzz: $t: ${runs:-?}, no failure"
        passed=$((passed + 1))
    else
        echo "fuzz: $t: FAILED (status $st), see build/fuzz/$t.log and build/fuzz/artifacts/"
        grep -m 5 -E 'ERROR|SUMMARY|Test unit written' build/fuzz/"$t".log
        status=1
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
