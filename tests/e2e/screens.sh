#!/bin/sh
# Dump-and-compare: screens that do not depend on the data are compared
# with the dumps in tests/e2e/expected/ (after waiting for idle, never for
# time). A change in the help text or in the layout shows up as a diff.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
EXPECTED="$top_srcdir/tests/e2e/expected"

# compare NAME: the dump on stdin against $EXPECTED/NAME (in this shell,
# not in a pipeline, so that the test count is kept).
compare() {
    cat >"$TMPD/$1"
    if diff -u "$EXPECTED/$1" "$TMPD/$1" >"$TMPD/$1.diff"; then
        ok "screen $1 matches"
    else
        not_ok "screen $1 matches"
        sed 's/^/# /' "$TMPD/$1.diff"
    fi
}

idle() { wait_re " 1/40 *$" 15 && wait_gone "Loading" 15; }

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 80 24 --config "$TMPD/config"
check "the table is loaded at 80x24" idle
# Header, tab line (counts masked: they belong to the sandbox's data),
# column titles and the key line.
screen | sed -n '1,3p;23p' | sed 's/ *$//' |
    sed -E '2s/(all|pending|expired|accepted|other) [0-9]+/\1 N/g' >"$TMPD/dump"
compare skeleton-80x24.txt <"$TMPD/dump"

tm resize-window -t t -x 120 -y 40
check "the table is drawn at 120x40" wait_for "Accounts (2)"
check "at 120 columns the key line has c, Space and J, most useful first" \
    wait_re "^\\[r resend\\]  \\[n send new\\]  c create  Space mark  \\? help  q quit  .*J journal"
check "but not E before there was an error" screen_lacks_re "E error"
keys '?'
check "the help overlay is open" wait_for "Keys (q closes)"
# The overlay's inside, between its frame lines.
screen | sed -n '/┌/,/└/p' | sed -n 's/^[^│]*│\(.*\)│[^│]*$/\1/p' | sed 's/ *$//' \
    >"$TMPD/dump"
compare help-invitations-120x40.txt <"$TMPD/dump"
keys q
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
