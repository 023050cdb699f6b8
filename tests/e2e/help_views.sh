#!/bin/sh
# `?` over every kind of view lists that view's keys, from the one key
# table: the locale picker, the confirmation, the journal, and the table
# (whose help the dump in screens.sh compares). q closes the help and
# goes back to the view under it, which still has its keys.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --accounts 1 || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 120 40 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/[0-9]+ *$"
keys /
literal "pending.fixture@example.com"
keys Enter
check "the pending fixture is selected" wait_re "^r resend"

keys r
check "r opens the locale picker" wait_for "Locale of the invitation e-mail"
check "whose key line comes from the table" wait_re "^Enter pick  q/Esc cancel  \? help"
keys '?'
check "? over the picker opens its help" wait_for "Keys (q closes)"
check "with Enter to pick" wait_re "│Enter +Take the selected entry"
check "q or Esc to cancel" wait_re "│q Esc +Cancel: nothing is sent"
check "and the movement keys" wait_re "│Down j +Move the selection down"
check "but not the table's keys" screen_lacks_re "Filter invitations|Resend the invitation"
check "nor the : commands" screen_lacks_re "Commands after"
keys q
check "q closes the help" wait_gone "Keys (q closes)"
check "the picker is still there" wait_for "Locale of the invitation e-mail"
keys Enter
check "Enter picks: the confirmation" wait_for "Resend the invitation e-mail to"
check "its key line" wait_re "^y confirm  l locale  n/Esc cancel  t ticket  \? help"
keys '?'
check "? over the confirmation lists y" wait_re "│y Y +Send as the question says"
check "l" wait_re "│l +Choose the locale of the invitation e-mail"
check "and n, N, q and Esc" wait_re "│n N q Esc +Cancel: nothing is sent"
keys Escape
check "Esc closes the help" wait_gone "Keys (q closes)"
keys n
check "n still answers the confirmation" wait_for "Nothing was sent."

keys J
check "J opens the journal" wait_for "Journal, newest first"
keys '?'
check "? over the journal lists / to filter" wait_re "│/ +Filter the list as you type"
check "and q, Esc and Enter to close" wait_re "│q Esc Enter +Close this view"
keys q q
check "q twice closes help and journal" wait_gone "Journal, newest first"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
