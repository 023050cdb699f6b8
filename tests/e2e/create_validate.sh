#!/bin/sh
# The create form checks what the Hybridbox documents before sending
# (#11, defect 5): one assignment carries one of role, capability or group
# (two at once drew a 422), and a role is one of the documented keys. The
# message is beside the field, the form keeps what was typed, and nothing
# reaches the server.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

below() { screen | grep -A1 -E -- "$1" | tail -n 1 | grep -qF -- "$2"; }

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
E2E_ENV="XDG_STATE_HOME=$TMPD/state" start_tui 100 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/40 *$"

keys c
check "c opens the form" wait_for "New invitation in"
literal "two.things@example.com"
keys Enter Enter Enter
check "the focus is on the role" wait_re "^▶ +Role *$"
literal "editor"
keys Down
literal "account.view"
wait_re "Capability +account.view"
keys NPage Enter
check "a role and a capability in one assignment is refused beside the second" \
    wait_until 10 below "Capability +account.view" "✗ One assignment is a role, a capability or a group, not two"
check "the role is kept" wait_re "Role +editor *$"
check "the capability is kept" wait_re "Capability +account.view *$"
check "the e-mail is kept" wait_re "E-mail +two.things@example.com"
check "the form says what to do" wait_for "Some fields need attention."

# Take the capability out; make the role one that is not documented.
keys C-u Up C-u
literal "owner"
keys NPage Enter
check "an undocumented role is refused beside it" \
    wait_until 10 below "Role +owner" "✗ Not a documented role (press Tab for the list)."
keys C-u
literal "edi"
keys Tab
check "Tab offers the documented role" wait_re "Role +editor *$"
keys NPage Enter
check "now the request is shown for review" wait_for '"role_key": "editor"'
keys Escape Escape

sandbox_get /_sandbox/actions >"$TMPD/actions.json"
check "nothing was sent before the review" \
    test "$(jq '[.[] | select(.action == "create")] | length' "$TMPD/actions.json")" = 0
keys q
wait_re "^y " && keys y
check "q quits" wait_for "invitui exited with 0"
done_testing
