#!/bin/sh
# A new question clears the status line: an error about an earlier key
# ("Only pending invitations can be resent") stayed under the locale picker
# and the confirmation of the next resend, where it read as that resend's
# outcome. E still shows it afterwards.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 120 40 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/40 *$"

keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
keys r
check "r on an expired row says why not" wait_for "Only pending invitations can be resent"
keys 2
check "the pending tab" wait_re "\[2 pending [0-9]+\]"
check "the error is still on the status line" wait_for "Only pending invitations can be resent"
keys r
check "r opens the locale picker" wait_for "Locale of the invitation e-mail"
check "the old error is gone from under it" wait_gone "Only pending invitations"
keys Enter
check "the confirmation" wait_for "Resend the invitation e-mail to"
check "and no old error under it either" screen_lacks_re "Only pending invitations"
keys n
check "n cancels" wait_for "Nothing was sent."
keys E
check "E still shows the last error" wait_for "Only pending invitations can be resent"
keys Escape
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
