#!/bin/sh
# 'pushback init' at a real terminal: start it in a tmux pane, type the
# project's name with a line edit (Ctrl-A to the start, then the missing
# first word), accept every other default with Enter, and check that the
# scenario it writes loads. Run by tests/cli/run.sh when tmux is installed.
# usage: tests/cli/tty.sh build/pushback
PB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
LABEL=tty
T=init
TAIL=15
STEPS=200
CAPTURE=
. "$(dirname "$0")/tmux.sh"

start "'$PB' init -o t.cfg; echo \$? >status; sleep 60" || fail "tmux did not start"
wait_for 'Project name [Invoice field extraction]:' || fail "no first prompt"
typed 'world detector'
press C-a
typed 'Hello '
press Enter
wait_for 'The idea, in one sentence [' || fail "no second prompt"
# A refused answer is asked again with the reason.
wait_for '1. The idea and its value' || fail "no section header"
press Enter Enter
wait_for 'Its value, as a number [90000]:' || fail "no value prompt"
typed 'lots'
press Enter
wait_for "'lots' is not a number" || fail "an invalid answer was not refused"
i=0
while [ ! -f "$dir/status" ]; do
    i=$((i + 1))
    [ $i -gt 400 ] && fail "the questionnaire did not end"
    press Enter
    sleep 0.03
done
exited "$dir/status" 0 "the questionnaire"
grep -q '^name = "Hello world detector";' "$dir/t.cfg" || fail "the edited name is not in the scenario: $(grep '^name' "$dir/t.cfg")"
"$PB" check "$dir/t.cfg" >/dev/null 2>&1 || fail "pushback check refuses the scenario"
grep -q 'Project name' "$dir/t.cfg" && fail "a prompt went into the scenario"
# Ctrl-D at a prompt cancels: status 1, nothing written.
T=cancel
start "'$PB' init -o t2.cfg; echo \$? >status2; sleep 60" || fail "tmux did not start again"
wait_for 'Project name [Invoice field extraction]:' || fail "no first prompt the second time"
press C-d
exited "$dir/status2" 1 "Ctrl-D"
[ ! -e "$dir/t2.cfg" ] || fail "Ctrl-D wrote a file"
echo "tty: pushback init at a terminal: ok"
