#!/bin/sh
# The create form (c) against the sandbox: readline fields with completion,
# the request shown before it is sent, a 422 shown beside its field with
# every value kept, the fix, and the new invitation selected in the list;
# the sandbox and the journal saw both attempts. Marketplace with a group
# (and NO_COLOR), Esc keeping the form, discarding it, and a read-only
# profile refusing c.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

# below PATTERN TEXT: the screen line after the one matching PATTERN holds TEXT.
below() { screen | grep -A1 -E -- "$1" | tail -n 1 | grep -qF -- "$2"; }
not_below() { ! below "$@"; }
# no_colour: the screen has attributes but no colour (SGR 30-37, 38;5, 90-97).
no_colour() { ! screen_e | grep -qE '\[([0-9;]*;)?(3[0-8]|9[0-7])(;[0-9;]*)?m'; }

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
STATE="$TMPD/state"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 100 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/40 *$"

# ---- Hybridbox: 422, fix, success ----
keys c
check "c opens the form" wait_for "New invitation in Acme Hosting GmbH (profile hb)"
literal "new.user@example.com"
keys Enter
literal "d"
keys Tab
check "Tab completes the locale from the offered ones" wait_re "Locale +de *$"
keys Enter
literal "hello from the form"
keys Enter
literal "bogus_role"
keys Down Down
literal "Adm"
wait_re "Group +Adm"
check "the groups are loaded in the background" wait_gone "Loading the groups"
keys Tab
check "Tab completes a group by name from the groups endpoint" \
    wait_re "Group +[0-9a-f]{8}-[0-9a-f]{4}-"
keys C-u
keys Up Tab
check "Tab in the capability field lists the account's capabilities" wait_for "account.view"
keys NPage Enter
# Checked before anything is sent (defect 5 of #11): the documented roles.
check "an unknown role is refused beside its field" \
    wait_until 10 below "Role +bogus_role" "✗ Not a documented role"
check "the e-mail stays as typed" wait_re "E-mail +new.user@example.com"
check "the focus goes to it" wait_re "^▶ +Role +bogus_role"
keys C-u Down
literal "bogus.capability"
wait_re "Capability +bogus.capability"
keys NPage Enter
check "the review shows the method" wait_re "^ POST"
check "and the whole URL" \
    wait_re "http://127\.0\.0\.1:[0-9]+/v1/public/accounts/[0-9a-f-]{36}/auth/invitations *$"
check "and the body" wait_for '"capability_key": "bogus.capability"'
check "the confirmation names the e-mail" wait_re "E-mail: +new.user@example.com"
check "the account" wait_re "Account: +Acme Hosting GmbH"
check "the profile" wait_re "Profile: +hb \(hybridbox\)"
check "the locale" wait_re "Locale: +de *$"
keys y
check "the server's field error comes back" wait_for "Value error, unknown capability_key"
check "beside its field" \
    below "Capability +bogus.capability" "✗ Value error, unknown capability_key"
check "the e-mail is kept as typed" wait_re "E-mail +new.user@example.com"
check "the locale is kept" wait_re "Locale +de *$"
check "the note is kept" wait_re "Note +hello from the form"
check "the status line says it was not created" wait_for "Not created: HTTP 422"
keys C-u Up
literal "vie"
keys Tab
check "Tab completes the role" wait_re "Role +viewer *$"
check "changing the field answers its error" wait_until 10 not_below "Capability" "✗"
# row_drawn N: the screen's row N (from 1) has something on it.
row_drawn() { [ -n "$(screen | sed -n "${1}p" | tr -d ' ')" ]; }
tm resize-window -t t -x 80 -y 24
check "the form follows a resize" wait_re "Role +viewer *$"
check "with its values" wait_re "E-mail +new.user@example.com"
tm resize-window -t t -x 100 -y 30
# tmux tells the program of a resize only after a delay (its resize timer, about 250 ms):
# wait until the form is drawn at the full size again (its key line on the last row), or
# the keys below land while it still draws at 80x24 and a later redraw races tmux's own.
wait_until 10 row_drawn 30
keys NPage Enter
check "the review again" wait_for "Send this invitation?"
keys y
check "the create succeeds" wait_for "Invitation created for new.user@example.com"
check "the list has one more row, without a reload" wait_re "/41 *$"
check "the new invitation is the selected one" wait_re "E-mail: new.user@example.com"
check "its note shows in the detail" wait_for "note: hello from the form"

sandbox_get /_sandbox/actions >"$TMPD/actions.json"
check "the sandbox saw two creates" \
    test "$(jq '[.[] | select(.action == "create")] | length' "$TMPD/actions.json")" = 2
check "the first was refused with 422" \
    test "$(jq -r '[.[] | select(.action == "create")][0].status' "$TMPD/actions.json")" = 422
check "the second was created with its e-mail and locale" \
    test "$(jq -r '[.[] | select(.action == "create")][1] | "\(.status) \(.email) \(.locale)"' \
        "$TMPD/actions.json")" = "201 new.user@example.com de"
J="$STATE/invitui/journal.jsonl"
check "the journal has both attempts" \
    test "$(jq -s -r 'map(select(.action == "create") | .result) | join(" ")' "$J")" = "failed ok"

# ---- Esc keeps the form, discard drops it ----
keys c
check "after a success c starts an empty form" wait_re "^▶ E-mail *$"
literal "kept@example.com"
keys Escape
check "Esc closes the form" wait_for "The form is kept"
keys :
literal "create"
keys Enter
check ":create brings it back as typed" wait_re "E-mail +kept@example.com"
keys NPage Up
check "Add an assignment is an item" wait_re "^▶ +\+ Add an assignment"
keys Enter
check "Enter on it adds a row" wait_for "Assignment 2"
check "and goes to its first field" wait_re "^▶ +Role *$"
literal "editor"
keys Down Down Down Down
check "each row of several can be removed" wait_re "^▶ +− Remove this assignment"
keys Enter
check "Enter on it removes the row" wait_gone "Assignment 2"
check "and its values with it" wait_gone "editor"
check "the other fields stay" wait_re "E-mail +kept@example.com"
keys NPage Down
check "Discard is an item" wait_re "^▶ +× Discard this form"
keys Enter
check "discarding asks first" wait_for "Discard this form and everything typed in it?"
keys y
check "y discards it" wait_for "The form was discarded."
keys c
check "the next form is empty" wait_re "^▶ E-mail *$"
keys Escape
wait_for "The form is kept"

# ---- read-only ----
keys :
literal "profile prod"
keys Enter
check "the read-only profile loads" wait_re " 1/[0-9]+ *$"
keys c
check "c is refused on a read-only profile" \
    wait_for "Profile prod is read-only: it cannot create or send invitations."
no_form() { ! screen | grep -q "New invitation"; }
check "and no form opens" no_form

# ---- Marketplace, without colour ----
# A journal that cannot be written (its directory is a file) must not stop
# the create, and must be said.
: >"$TMPD/not-a-dir"
E2E_ENV="XDG_STATE_HOME=$TMPD/not-a-dir NO_COLOR=1" \
    restart_tui 100 30 --config "$TMPD/config" --profile mp
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"
keys c
check "c opens the Marketplace form" wait_for "New invitation in SoftwareOne Demo Client"
literal "mp.user@example.com"
keys Enter
literal "Mia"
keys Enter
literal "Muster"
keys NPage Enter
check "a missing group is caught before sending" wait_for "Choose at least one group."
check "beside the group field, marked without colour" wait_until 10 below "Group" "✗ Choose at least one group."
check "NO_COLOR: no colour on screen" no_colour
literal "UGR-0000-0000"
keys NPage Enter
wait_for "Send this invitation?"
keys y
check "the Marketplace's 400 comes back beside the group" \
    wait_until 10 below "Group +UGR-0000-0000" "✗ The user group does not exist in the account."
check "the names are kept" wait_re "Last name +Muster"
keys C-u
literal "Adm"
wait_re "Group +Adm"
wait_gone "Loading the groups"
keys Tab
check "Tab completes a user group by name" wait_re "Group +UGR-[0-9]{4}-[0-9]{4}"
keys NPage Enter
check "the review shows the group in the body" wait_re '"id": "UGR-[0-9]{4}-[0-9]{4}"'
check "Marketplace sends no locale" wait_for "Locale: not used"
keys y
check "the Marketplace create succeeds" wait_for "Invitation created for mp.user@example.com"
check "and says the journal could not be written" wait_for "but the journal could not be written"
check "the new user is selected" wait_re "mp.user@example.com"
sandbox_get /_sandbox/actions >"$TMPD/actions.json"
check "the sandbox saw the refused and the accepted Marketplace create" \
    test "$(jq -r '[.[] | select(.provider == "marketplace" and .action == "create") | .status] |
        join(" ")' "$TMPD/actions.json")" = "400 201"

keys q
check "q quits" wait_for "invitui exited with 0"

# ---- a server error: the form comes back, nothing is resent by itself ----
stop_sandbox
# Every second request to the invitations path fails: the list loads, the
# first POST gets a 5xx, the second one goes through.
start_sandbox --fault 5xx:0.5 --fault-path /auth/invitations ||
    { not_ok "the faulty sandbox starts"; done_testing; }
write_config
rm -f "$J"
E2E_ENV="XDG_STATE_HOME=$STATE" restart_tui 100 30 --config "$TMPD/config"
check "the table is loaded from the faulty sandbox" wait_re " 1/40 *$"
keys c
wait_for "New invitation in Acme Hosting GmbH"
literal "retry.me@example.com"
keys Enter Enter Enter
literal "viewer"
keys NPage Enter
wait_for "Send this invitation?"
keys y
check "a 5xx brings the form back" wait_re "Not created: HTTP 50[03]"
check "saying it may have been created" wait_for "may have been created anyway"
check "with the e-mail as typed" wait_re "E-mail +retry.me@example.com"
check "nothing was sent again by itself" \
    test "$(jq -s -r 'map(.result) | join(" ")' "$J")" = "unknown"
keys NPage Enter
wait_for "Send this invitation?"
keys y
check "sending again on request works" wait_for "Invitation created for retry.me@example.com"
check "the journal has the unknown attempt, then the success" \
    test "$(jq -s -r 'map(.result) | join(" ")' "$J")" = "unknown ok"
keys q
check "q quits again" wait_for "invitui exited with 0"
check "the terminal is restored" tty_sane
done_testing
