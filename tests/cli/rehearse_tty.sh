#!/bin/sh
# 'pushback rehearse' at a real terminal: start it in a tmux pane, complete a
# what-if command and its path with Tab, type a concession with a line edit
# (Ctrl-A to the start, then the missing first letter), quit, and check the
# screen: the what-if result, the answer read back, the deal line and the
# debrief. Run by tests/cli/run.sh when tmux is installed.
# usage: tests/cli/rehearse_tty.sh build/pushback
PB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
dir=$(mktemp -d)
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
    echo "FAIL: rehearse tty: $*"
    tmux -S "$sock" capture-pane -p -t reh 2>/dev/null | tail -n 20
    exit 1
}
# wait_for TEXT: until the pane shows TEXT (at most 60 s: the brief runs first)
wait_for() {
    i=0
    until tmux -S "$sock" capture-pane -p -J -S -200 -t reh | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -gt 1200 ] && return 1
        sleep 0.05
    done
}
tmux -S "$sock" -f /dev/null new-session -d -s reh -x 200 -y 60 -c "$dir" \
    "'$PB' rehearse '$root/scenarios/fcw.cfg' -n 3000 --no-anchor -o t.md; echo \$? >status; sleep 60" ||
    fail "tmux did not start"
wait_for "Manager: Why 35 weeks? Aren't 24 weeks enough?" || fail "no first move"
wait_for 'You: ' || fail "no prompt"
tmux -S "$sock" send-keys -t reh -l 'what-i'
tmux -S "$sock" send-keys -t reh Tab
tmux -S "$sock" send-keys -t reh -l 'team.m'
tmux -S "$sock" send-keys -t reh Tab
tmux -S "$sock" send-keys -t reh -l '5'
tmux -S "$sock" send-keys -t reh Enter
wait_for 'With team.ml=5: P80' || fail "Tab did not complete 'what-if team.ml='"
tmux -S "$sock" send-keys -t reh -l 'k, 24 weeks'
tmux -S "$sock" send-keys -t reh C-a
tmux -S "$sock" send-keys -t reh -l 'o'
tmux -S "$sock" send-keys -t reh Enter
wait_for '(you agreed to: 24 weeks)' || fail "the edited answer was not read as 'ok, 24 weeks'"
wait_for '  Deal: 24 weeks, 7 people' || fail "no deal line after the turn"
wait_for 'Good, 24 weeks then. Now, ' || fail "the concession was not pocketed"
tmux -S "$sock" send-keys -t reh -l 'quit'
tmux -S "$sock" send-keys -t reh Enter
wait_for 'Debrief: You agreed to 24 weeks' || fail "no debrief on quit"
i=0
while [ ! -f "$dir/status" ]; do
    i=$((i + 1))
    [ $i -gt 400 ] && fail "the rehearsal did not end"
    sleep 0.05
done
sleep 0.2
[ "$(cat "$dir/status")" = 0 ] || fail "exit status $(cat "$dir/status")"
grep -q '^\*\*You:\*\* ok, 24 weeks$' "$dir/t.md" || fail "the transcript lacks the edited answer"
echo "tty: pushback rehearse at a terminal: ok"
