# CLI tests of the command table (sourced by tests/cli/run.sh, which defines
# PB, tmp, ok, bad and expect): 'pushback --help' lists every command,
# 'help NAME' is 'NAME --help' and starts with its usage, the man page names
# every command, and -f is checked against the writers table with a
# message that lists the formats the command writes.

commands="simulate compare seek deal frontier brief rehearse check import init track"
"$PB" --help >"$tmp/top" 2>&1
"$PB" nosuchcommand scenarios/first.cfg >/dev/null 2>"$tmp/unknown"
for c in $commands; do
    grep -q "^  $c  " "$tmp/top" && ok || bad "--help does not list $c"
    grep -q "[ (]$c[,)]" "$tmp/unknown" && ok || bad "the unknown-command message does not name $c"
    expect 0 "$PB" help "$c"
    cp "$tmp/out" "$tmp/help1"
    expect 0 "$PB" "$c" --help
    cmp -s "$tmp/help1" "$tmp/out" && ok || bad "help $c differs from $c --help"
    head -n 1 "$tmp/out" | grep -q "^usage: pushback $c \[-h" && ok || bad "$c --help does not start with its usage"
    grep -q "^\.B pushback $c" src/cli/pushback.1 && ok || bad "man page lacks the command $c"
done
expect 2 "$PB" nosuchcommand scenarios/first.cfg
expect 2 "$PB" help nosuchcommand

# -f: the formats each command writes (writers.c), and the message listing them
while read -r c list formats; do
    expect 2 "$PB" "$c" -f xml scenarios/first.cfg
    want="pushback: --format takes $(echo "$list" | tr _ ' '), got 'xml'"
    [ "$(head -n 1 "$tmp/err")" = "$want" ] && ok || bad "$c -f xml: wanted '$want', got '$(head -n 1 "$tmp/err")'"
    for f in $formats; do
        "$PB" "$c" -f "$f" "$tmp/no-such.cfg" >/dev/null 2>"$tmp/err"
        [ $? = 3 ] && ok || bad "$c refuses -f $f: $(head -n 1 "$tmp/err")"
    done
done <<'LIST'
simulate text,_json_or_csv text json csv
compare text,_json_or_csv text json csv
seek text_or_json text json
deal text_or_json text json
frontier text,_json_or_csv text json csv
brief text,_json,_md_or_html text json md html
check text_or_json text json
track text,_json_or_html text json html
LIST
expect 2 "$PB" seek scenarios/first.cfg -f csv
expect 2 "$PB" brief scenarios/first.cfg -f csv
expect 2 "$PB" track scenarios/fcw-week12.cfg -f md
