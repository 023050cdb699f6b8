#!/bin/sh
# The create form is a view on the stack: its keys come from the key table
# (scopes create, create-review, create-discard), so the key line is
# generated and F1 lists them; other keys are typed into the field (q, ?).
# Its state survives Esc and c, and the steps (review, discard) have their
# own keys.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --accounts 1 || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 120 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/[0-9]+ *$"

keys c
check "c opens the form" wait_for "New invitation in"
check "its key line comes from the key table" \
    wait_re "^Enter next field +PgDn review +Esc close \(kept\)"
literal "q?x@example.com"
check "q and ? are typed into the field" wait_re "E-mail +q\?x@example.com"
keys F1
check "F1 lists the form's keys" wait_for "Next field; on an item below the fields, do what it says"
check "with PgDn" wait_re "PgDn +Go to the end of the form, to review and send it"
check "and no : commands (a global key is typed)" screen_lacks_re "Commands after"
keys Escape
check "Esc closes the help over the form" wait_gone "do what it says"
check "the form is still there, as typed" wait_re "E-mail +q\?x@example.com"
keys Escape
check "Esc keeps the form" wait_for "The form is kept"
keys c
check "c brings it back as typed" wait_re "E-mail +q\?x@example.com"
keys NPage Down
check "Discard is an item" wait_re "^▶ +× Discard this form"
check "on an item Enter chooses" wait_re "^Enter choose"
keys Enter
check "discarding asks" wait_for "Discard this form and everything typed in it?"
check "with its own keys" wait_re "^y discard the form +n/Esc keep it"
keys n
check "n keeps it" wait_gone "Discard this form and everything"
check "back in the form" wait_re "^Enter choose"
keys Escape
check "Esc keeps it again" wait_for "The form is kept"
keys q
check "q asks first (the view's state is kept)" \
    wait_for "The create form you kept has not been sent."
keys y
check "y quits" wait_for "invitui exited with 0"
done_testing
