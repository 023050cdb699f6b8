#!/bin/sh
# A slow server (2 s per response): a spinner shows progress, the UI keeps
# answering keys, Esc cancels, and a refresh keeps the selection.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --latency 2000 || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 120 40 --config "$TMPD/config"
check "a spinner shows while the accounts load" wait_for "Loading accounts"
keys '?'
check "the help overlay opens while a request is in flight" wait_for "Keys (q closes)"
keys q
check "and closes again" wait_gone "Keys (q closes)"
keys Escape
check "Esc cancels the request" wait_for "Request cancelled"
keys R
check "R loads again" wait_for "Loading"
check "the invitations arrive" wait_re " 1/40 *$" 30

keys j j j j
check "the selection moves" wait_re " 5/40 *$"
keys R
check "a refresh is in flight" wait_for "Loading"
keys j
check "keys work during the refresh" wait_re " 6/40 *$"
keys /
literal "@"
check "filtering works during the refresh" wait_for "/@  sort"
keys Escape
check "Esc in the filter line clears it" wait_gone "/@  sort"
check "the refresh ends" wait_gone "Loading" 30
check "the selection survived the refresh" wait_re " 6/40 *$"
keys C-c
check "Ctrl-C (SIGINT) quits" wait_for "invitui exited with 130"
check "the terminal is restored after SIGINT" tty_sane
done_testing
