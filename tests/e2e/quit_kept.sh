#!/bin/sh
# q or Ctrl-C with a kept, unsent create form asks before quitting (the
# form is kept after Esc or a failed create so that nothing typed is lost);
# before the fix both quit without a word. n keeps the form, y quits, a
# second Ctrl-C quits, and without a kept form q quits at once.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --accounts 1 || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 100 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/[0-9]+ *$"

keys c
check "c opens the form" wait_for "New invitation in"
literal "kept@example.com"
keys Escape
check "Esc keeps the form" wait_for "The form is kept"

keys q
check "q asks first" wait_for "The create form you kept has not been sent."
check "the key line says y quits" wait_re "^y quit +n/Esc cancel"
keys n
check "n keeps it" wait_gone "has not been sent"
check "and says so" wait_for "The form is kept"
check "invitui still runs" screen_lacks_re "invitui exited"

keys C-c
check "Ctrl-C asks too" wait_for "The create form you kept has not been sent."
keys Escape
check "Esc keeps it" wait_gone "has not been sent"
keys c
check "c brings the form back as typed" wait_re "E-mail +kept@example.com"

keys C-c
check "Ctrl-C while the form is open asks" wait_for "The create form you kept has not been sent."
check "over the panes (the form is closed, and kept)" wait_gone "New invitation in"
keys C-c
check "a second Ctrl-C quits" wait_for "invitui exited with 130"

restart_tui 100 30 --config "$TMPD/config"
check "the table is loaded again" wait_re " 1/[0-9]+ *$"
keys q
check "without a kept form q quits at once" wait_for "invitui exited with 0"

restart_tui 100 30 --config "$TMPD/config"
check "and again" wait_re " 1/[0-9]+ *$"
keys c
check "a new form" wait_for "New invitation in"
literal "x@example.com"
keys Escape
wait_for "The form is kept"
keys q
check "q asks" wait_for "Quit and lose what you typed?"
keys y
check "y quits" wait_for "invitui exited with 0"
done_testing
