#!/bin/sh
# Reissue (C) on an expired Hybridbox invitation: the create form filled in
# from it (e-mail, note, every assignment), the usual review and
# confirmation, and a new pending row; a read-only profile refuses C, and a
# kept draft is not replaced.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_hb_accounts)
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/all.json"
OLD=$(jq -c '[.[] | select(.status == "expired" and (.assignments | length) > 1
              and (.note // "") != ""
              and all(.assignments[]; .grant_kind != "account_owner"))][0]' "$TMPD/all.json")
OLD_ID=$(echo "$OLD" | jq -r .id)
EMAIL=$(echo "$OLD" | jq -r .email)
NOTE=$(echo "$OLD" | jq -r .note)
ROLE1=$(echo "$OLD" | jq -r '[.assignments[] | select(.role_key)][0].role_key')
NASG=$(echo "$OLD" | jq '.assignments | length')
check "the data has an expired invitation with a note and several assignments" test -n "$EMAIL"

STATE="$TMPD/state"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 120 40 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/80 *$"
keys /
literal "$OLD_ID"
keys Enter
check "the expired invitation is the one row" wait_re " 1/1 *$"
keys C
check "C opens the create form" wait_for "New invitation in"
check "the status line says where it comes from" wait_for "filled in from the invitation"
check "with the invitation's e-mail" wait_re "E-mail +$EMAIL *$"
check "its note" wait_re "Note +$NOTE"
check "its role" wait_re "Role +$ROLE1 *$"
check "a heading for each of its $NASG assignments" wait_for "Assignment $NASG"
keys NPage Enter
check "the review follows" wait_for "Send this invitation?"
check "naming the e-mail" wait_re "E-mail: +$EMAIL"
keys y
check "the create succeeds" wait_for "Invitation created for $EMAIL"
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/after.json"
NEW=$(jq -c "[.[] | select(.email == \"$EMAIL\" and .id != \"$OLD_ID\")][0]" "$TMPD/after.json")
check "the server has a new invitation to the same address" test "$NEW" != null
check "it is pending" test "$(echo "$NEW" | jq -r .status)" = pending
asg='[.assignments[] | {role_key, capability_key, group_id, resource_id}] | sort_by(tostring)'
check "with the same assignments" \
    test "$(echo "$NEW" | jq -c "$asg")" = "$(echo "$OLD" | jq -c "$asg")"
check "and the same note" test "$(echo "$NEW" | jq -r .note)" = "$NOTE"
check "the new row is selected in the list" wait_re "E-mail: $EMAIL"
check "and shown pending" wait_re "Status: .*pending"
J="$STATE/invitui/journal.jsonl"
check "the journal has the create" \
    test "$(jq -s -r 'map(select(.action == "create") | .result) | join(" ")' "$J")" = ok

# A kept draft is not replaced by a reissue.
keys c
wait_for "New invitation in"
literal "kept@example.com"
keys Escape
wait_for "The form is kept"
keys Escape
keys C
check "C with a kept draft says so" wait_for "A create form is kept"
keys c
check "and the draft is as typed" wait_re "E-mail +kept@example.com"
keys Escape
wait_for "The form is kept"

# A read-only profile refuses C.
keys :
literal "profile prod"
keys Enter
check "the read-only profile is open" wait_re "profile: prod"
wait_re " 1/[0-9]+ *$"
keys C
check "C is refused on a read-only profile" wait_for "is read-only"
keys q
wait_for "Quit?"
keys y
check "invitui exits cleanly" wait_for "invitui exited with 0"
done_testing
