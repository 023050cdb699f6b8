#!/bin/sh
# The journal view (J) filters by `/` as you type, like the table: the
# title says how many entries match, an entry that does not match goes
# with the lines under it, Esc clears the filter, and a filter that
# matches nothing says so.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --accounts 1 --invitations 20 --expiry-lag 0 || { not_ok "sandbox starts"; done_testing; }
write_config
STATE="$TMPD/state"
J="$STATE/invitui/journal.jsonl"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 120 40 --config "$TMPD/config" --profile mp
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"
keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
keys '*' n
check "one question for all" wait_for "Send a new invitation (send-new-invite) to"
keys y
check "the run finishes" wait_for "Send new: finished" 30
keys q
wait_gone "Send new: finished"
N=$(wc -l <"$J")
check "more than one entry journaled ($N)" test "$N" -gt 1
FIRST=$(jq -r .email "$J" | head -n 1)
# An address no other entry contains (one may contain another: x@ and old-x@).
for e in $(jq -r .email "$J"); do
    if [ "$(jq -r .email "$J" | grep -ciF -- "$e")" = 1 ]; then FIRST=$e; fi
done
OTHER=$(jq -r .email "$J" | grep -vxF -- "$FIRST" | head -n 1)

keys J
check "J shows the journal" wait_for "Journal, newest first ($N entries)"
check "the key line offers / there" wait_re "q/Esc close  / filter"
keys /
literal "$FIRST"
check "the title says one entry matches" \
    wait_for "Journal, newest first, filtered by \"$FIRST\": 1 of $N"
check "that entry shows" wait_re "│.*send-new +ok +$FIRST"
check "the others go" screen_lacks_re "│.*send-new +ok +$OTHER"
keys Enter
check "Enter keeps the filter" wait_for ": 1 of $N"
keys /
keys Escape
check "Esc on the line clears it" wait_for "Journal, newest first ($N entries)"
check "all entries are back" wait_re "│.*send-new +ok +$OTHER"
keys /
literal "zzz-nothing"
keys Enter
check "no match says so" wait_for "No entry matches the filter"
keys q
check "q closes the journal" wait_gone "Journal, newest first"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
