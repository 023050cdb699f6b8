#!/bin/sh
# An action whose outcome is unknown: the server carries out a resend but
# its 2xx answer is malformed. The TUI must not call that a failure: the
# row says "? unknown" (a word, not a colour), the status line says
# the e-mail may have gone and that R reloads, R shows the server's truth,
# and the journal says unknown.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
start_sandbox --record "$REC" --fault malformed:1 --fault-path resend-invite ||
    { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state"
JOURNAL="$TMPD/state/invitui/journal.jsonl"

start_tui 120 40 --config "$TMPD/config" --profile mp
check "the table is loaded" wait_re " 1/40 *$" 30
keys o o
check "sorted by e-mail" wait_for "sort: email"
keys /
literal invited.fixture@example.com
keys Enter
check "the invited fixture is the only row" wait_re "\[1 all 1\]"
keys g
check "and selected" wait_re "^. .*invited.fixture@example.com"
check "its status before" wait_re "invited.fixture@example.com .*Invited|invited.fixture@example.com .*pending"
keys r
check "resend asks" wait_for "(resend-invite, deprecated)"
keys y
check "the status line says the outcome is unknown, not failed" \
    wait_for "Outcome unknown, the e-mail may have been sent"
check "and offers the reload" wait_for "R reloads"
check "nothing says it failed" screen_lacks_re "Resend failed"
check "the row is marked with a word" wait_re "invited.fixture@example.com .* \? unknown "
check "the server did carry it out" \
    sh -c "grep '\"action\":\"resend\"' '$REC' | grep -q '\"status\":200'"
check "the journal says unknown" \
    sh -c "tail -n 1 '$JOURNAL' | grep -q '\"action\":\"resend\".*\"result\":\"unknown\"'"
keys R
check "R reloads: the mark goes" wait_gone "? unknown" 30
check "the row is still there, selected" wait_re "^. .*invited.fixture@example.com"
check "exactly one resend reached the server" test "$(grep -c '"action":"resend"' "$REC")" = 1
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
