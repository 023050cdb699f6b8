#!/bin/sh
# E shows the last error in full, not the current status message: after a
# bulk run whose sends all failed (the result list shows them only by a
# word, the status line has no error) and after a later plain message.
# Before the fix E showed the status message, and nothing at all after a
# bulk run.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

# Every send-new answers 5xx: the outcome of each is unknown.
start_sandbox --accounts 1 --invitations 20 --expiry-lag 0 --fault 5xx:1 \
    --fault-path send-new-invite || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 140 30 --config "$TMPD/config" --profile mp
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"

keys E
check "E with no error so far says so" wait_for "There has been no error."

keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
keys '*'
check "* marks the rows" wait_re "[0-9]+ marked"
keys n
check "one question for all" wait_for "Send a new invitation (send-new-invite) to"
keys y
check "the run finishes" wait_for "Send new: finished" 30
check "every send is unknown" wait_re "ok 0, failed 0, unknown [1-9]"
keys q
check "q closes the result list" wait_gone "Send new: finished"
check "no error on the status line" screen_lacks_re "^✗"
check "the key line offers E now" wait_re "J journal  E error"

keys E
check "E opens the last failure in full" wait_re "│▶ Error +│"
check "saying what happened" wait_re "│Outcome unknown, the e-mail may have been sent"
check "to whom" wait_re "│[^ │]+@[^ │]+ *│"
check "and the HTTP status" wait_re "│HTTP status: 5[0-9][0-9] *│"
keys q
check "q closes it" wait_gone "▶ Error"

keys o
check "a later plain message" wait_for "Sorted by"
keys :
literal "error"
keys Enter
check ":error still shows the error, not the message" wait_re "│HTTP status: 5[0-9][0-9] *│"
check "not the message" screen_lacks_re "▶ Message"
keys q
wait_gone "▶ Error"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
