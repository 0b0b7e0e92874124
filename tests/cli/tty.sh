#!/bin/sh
# 'pushback init' at a real terminal: start it in a tmux pane, type the
# project's name with a line edit (Ctrl-A to the start, then the missing
# first word), accept every other default with Enter, and check that the
# scenario it writes loads. Run by tests/cli/run.sh when tmux is installed.
# usage: tests/cli/tty.sh build/pushback
PB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
    echo "FAIL: tty: $*"
    tmux -S "$sock" capture-pane -p -t init 2>/dev/null | tail -n 15
    exit 1
}
# wait_for TEXT: until the pane shows TEXT (at most 10 s)
wait_for() {
    i=0
    until tmux -S "$sock" capture-pane -p -t "${T:-init}" | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -gt 200 ] && return 1
        sleep 0.05
    done
}

tmux -S "$sock" -f /dev/null new-session -d -s init -x 160 -y 50 -c "$dir" \
    "'$PB' init -o t.cfg; echo \$? >status; sleep 60" || fail "tmux did not start"
wait_for 'Project name [Invoice field extraction]:' || fail "no first prompt"
tmux -S "$sock" send-keys -t init -l 'world detector'
tmux -S "$sock" send-keys -t init C-a
tmux -S "$sock" send-keys -t init -l 'Hello '
tmux -S "$sock" send-keys -t init Enter
wait_for 'The idea, in one sentence [' || fail "no second prompt"
# A refused answer is asked again with the reason.
wait_for '1. The idea and its value' || fail "no section header"
tmux -S "$sock" send-keys -t init Enter Enter
wait_for 'Its value, as a number [90000]:' || fail "no value prompt"
tmux -S "$sock" send-keys -t init -l 'lots'
tmux -S "$sock" send-keys -t init Enter
wait_for "'lots' is not a number" || fail "an invalid answer was not refused"
i=0
while [ ! -f "$dir/status" ]; do
    i=$((i + 1))
    [ $i -gt 400 ] && fail "the questionnaire did not end"
    tmux -S "$sock" send-keys -t init Enter
    sleep 0.03
done
sleep 0.2
[ "$(cat "$dir/status")" = 0 ] || fail "exit status $(cat "$dir/status")"
grep -q '^name = "Hello world detector";' "$dir/t.cfg" || fail "the edited name is not in the scenario: $(grep '^name' "$dir/t.cfg")"
"$PB" check "$dir/t.cfg" >/dev/null 2>&1 || fail "pushback check refuses the scenario"
grep -q 'Project name' "$dir/t.cfg" && fail "a prompt went into the scenario"
# Ctrl-D at a prompt cancels: status 1, nothing written.
T=cancel
tmux -S "$sock" new-session -d -s cancel -x 160 -y 50 -c "$dir" \
    "'$PB' init -o t2.cfg; echo \$? >status2; sleep 60" || fail "tmux did not start again"
wait_for 'Project name [Invoice field extraction]:' || fail "no first prompt the second time"
tmux -S "$sock" send-keys -t cancel C-d
i=0
until [ -f "$dir/status2" ]; do
    i=$((i + 1))
    [ $i -gt 200 ] && fail "Ctrl-D did not end the questionnaire"
    sleep 0.05
done
sleep 0.2
[ "$(cat "$dir/status2")" = 1 ] || fail "Ctrl-D: exit status $(cat "$dir/status2"), wanted 1"
[ ! -e "$dir/t2.cfg" ] || fail "Ctrl-D wrote a file"
echo "tty: pushback init at a terminal: ok"
