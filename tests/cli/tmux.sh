# Shared by the terminal tests (tty.sh, rehearse_tty.sh): a private tmux
# server in a scratch directory, and the few moves that drive a pane. Sourced,
# not run, after the test sets LABEL (the name in its failure line), T (the
# tmux session it drives), TAIL (how many pane lines a failure shows), STEPS
# (how many 0.05 s steps wait_for waits) and CAPTURE (extra capture-pane
# flags, e.g. '-J -S -200' to search the scroll-back too; empty for the
# visible screen). The scratch directory and the server go when the test ends.

dir=$(mktemp -d)
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT

# fail WORDS: print the failure and the end of the pane, exit 1
fail() {
    echo "FAIL: $LABEL: $*"
    tmux -S "$sock" capture-pane -p -t "$T" 2>/dev/null | tail -n "$TAIL"
    exit 1
}
# start COMMAND: a new detached session $T in $dir running COMMAND
start() {
    tmux -S "$sock" -f /dev/null new-session -d -s "$T" -x "${WIDTH:-160}" -y "${HEIGHT:-50}" \
        -c "$dir" "$1"
}
# typed TEXT: type TEXT literally; press KEY...: press keys (Enter, Tab, C-a)
typed() {
    tmux -S "$sock" send-keys -t "$T" -l "$1"
}
press() {
    tmux -S "$sock" send-keys -t "$T" "$@"
}
# wait_for TEXT: until the pane shows TEXT (at most STEPS times 0.05 s)
wait_for() {
    i=0
    # shellcheck disable=SC2086 # CAPTURE is a list of flags
    until tmux -S "$sock" capture-pane -p $CAPTURE -t "$T" | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -gt "$STEPS" ] && return 1
        sleep 0.05
    done
}
# exited FILE STATUS WHAT: wait (at most 20 s) for the command to write its
# exit status to FILE, then fail unless it is STATUS
exited() {
    i=0
    until [ -f "$1" ]; do
        i=$((i + 1))
        [ $i -gt 400 ] && fail "$3 did not end"
        sleep 0.05
    done
    sleep 0.2
    [ "$(cat "$1")" = "$2" ] || fail "$3: exit status $(cat "$1"), wanted $2"
}
