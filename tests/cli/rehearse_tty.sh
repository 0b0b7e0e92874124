#!/bin/sh
# 'pushback rehearse' at a real terminal: start it in a tmux pane, complete a
# what-if command and its path with Tab, type a concession with a line edit
# (Ctrl-A to the start, then the missing first letter), quit, and check the
# screen: the what-if result, the answer read back, the deal line and the
# debrief. Run by tests/cli/run.sh when tmux is installed.
# usage: tests/cli/rehearse_tty.sh build/pushback
PB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
LABEL="rehearse tty"
T=reh
TAIL=20
STEPS=1200 # 60 s: the brief runs first
CAPTURE="-J -S -200"
WIDTH=200
HEIGHT=60
. "$(dirname "$0")/tmux.sh"

start "'$PB' rehearse '$root/scenarios/fcw.cfg' -n 3000 --no-anchor -o t.md; echo \$? >status; sleep 60" ||
    fail "tmux did not start"
wait_for "Manager: Why 35 weeks? Aren't 24 weeks enough?" || fail "no first move"
wait_for 'You: ' || fail "no prompt"
typed 'what-i'
press Tab
typed 'team.m'
press Tab
typed '5'
press Enter
wait_for 'With team.ml=5: P80' || fail "Tab did not complete 'what-if team.ml='"
typed 'k, 24 weeks'
press C-a
typed 'o'
press Enter
wait_for '(you agreed to: 24 weeks)' || fail "the edited answer was not read as 'ok, 24 weeks'"
wait_for '  Deal: 24 weeks, 7 people' || fail "no deal line after the turn"
wait_for 'Good, 24 weeks then. Now, ' || fail "the concession was not pocketed"
typed 'quit'
press Enter
wait_for 'Debrief: You agreed to 24 weeks' || fail "no debrief on quit"
exited "$dir/status" 0 "the rehearsal"
grep -q '^\*\*You:\*\* ok, 24 weeks$' "$dir/t.md" || fail "the transcript lacks the edited answer"
echo "tty: pushback rehearse at a terminal: ok"
