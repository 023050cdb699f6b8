#!/bin/sh
# Fixing a wrong Marketplace invite from the TUI: e changes the groups of
# a user who is still invited (by name, Tab completes), D removes a user
# with a question that names every group lost, both asked before anything
# is sent and journaled; on Hybridbox both keys say there is no such call.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --seed 11 --accounts 1 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
sandbox_get "/public/v1/accounts/user-groups?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/ugr.json"
sandbox_get "/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&limit=200" >"$TMPD/users.json"
groups_of() {
    sandbox_get "/public/v1/accounts/account-users/$1" | jq -c '[.groups[].id] | sort'
}
# An invited user and a group they are not in; a user with three or more groups.
INVITED=$(jq -c '[.data[] | select(.invitation.status == "Invited" or .status == "Invited")][0]' "$TMPD/users.json")
INV_ID=$(echo "$INVITED" | jq -r .id)
INV_EMAIL=$(echo "$INVITED" | jq -r .user.email)
NEWG=$(jq -c --argjson have "$(echo "$INVITED" | jq '[.groups[].id]')" \
    '[.data[] | select(.id as $g | $have | index($g) | not)][0]' "$TMPD/ugr.json")
NEWG_ID=$(echo "$NEWG" | jq -r .id)
NEWG_NAME=$(echo "$NEWG" | jq -r .name)
BEFORE=$(groups_of "$INV_ID")
check "the data has an invited user and a group they are not in" test -n "$NEWG_NAME"

STATE="$TMPD/state"
J="$STATE/invitui/journal.jsonl"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 120 40 --config "$TMPD/config" --profile mp
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"
keys /
literal "$INV_EMAIL"
keys Enter
check "the invited user is the one row" wait_re " 1/1 *$"

# ---- e: a group change ----
keys e
check "e asks for the change on the command line" wait_re "^:groups *$"
literal "+$(echo "$NEWG_NAME" | cut -c1-3)"
keys Tab
check "Tab completes a group name after +" wait_for ":groups +$NEWG_NAME"
keys Enter
check "the question names the group added" wait_for "$NEWG_NAME"
check "and the account" wait_re "Account: "
check "nothing is changed before y" test "$(groups_of "$INV_ID")" = "$BEFORE"
keys n
check "n cancels" wait_for "Nothing was sent."
check "and nothing changed" test "$(groups_of "$INV_ID")" = "$BEFORE"
keys :
literal "groups +nosuchgroup"
keys Enter
check "an unknown group name is refused on the status line" \
    wait_for 'No group of the account is called "nosuchgroup"'
keys :
literal "groups +$NEWG_ID"
keys Enter
wait_for "$NEWG_NAME"
keys t
literal "HD-77"
keys Enter
check "the group change takes a ticket too" wait_for "Ticket: HD-77"
check "and still asks about the change, with its own keys" \
    sh -c "tmux -L \"\$0\" capture-pane -p -t t | grep -qF 'y changes them, n or Esc cancels.'" \
    "$TMUX_SOCK"
keys y
check "the change succeeds" wait_for "Groups changed for $INV_EMAIL."
AFTER=$(groups_of "$INV_ID")
check "the user is in the new group" sh -c "echo '$AFTER' | jq -e 'index(\"$NEWG_ID\")' >/dev/null"
check "the journal has the change, with the ticket" \
    test "$(tail -n 1 "$J" | jq -r '[.action, .result, .change, .ticket] | join(" ")')" = \
    "groups ok +$NEWG_ID HD-77"

# ---- D: a removal names every group lost ----
USER=$(jq -c '[.data[] | select((.groups | length) >= 3)][0]' "$TMPD/users.json")
USER_ID=$(echo "$USER" | jq -r .id)
USER_EMAIL=$(echo "$USER" | jq -r .user.email)
keys /
keys C-u
literal "$USER_EMAIL"
keys Enter
check "the user with three groups is the one row" wait_re " 1/1 *$"
keys D
check "D asks first" wait_for "Remove $USER_EMAIL from the account?"
for g in $(echo "$USER" | jq -r '.groups[].name | @base64'); do
    NAME=$(echo "$g" | base64 -d)
    check "the question names group $NAME" wait_for "$NAME"
done
check "and not a count" screen_lacks_re "\+[0-9]+\."
check "the session's ticket is offered again" wait_for "Ticket: HD-77"
keys y
check "the removal succeeds" wait_for "Removed $USER_EMAIL from the account."
check "the server no longer has the user" \
    sh -c "! curl -sf -H @'$TMPD/auth' '$SANDBOX_URL/public/v1/accounts/account-users/$USER_ID' >/dev/null"
check "the list no longer shows the user" wait_re " 0/0 *$|No invitation"
check "the journal has the removal, with the ticket" \
    test "$(tail -n 1 "$J" | jq -r '[.action, .result, .ticket] | join(" ")')" = "remove ok HD-77"

# ---- Hybridbox: no such calls ----
keys Escape
keys :
literal "profile hb"
keys Enter
check "the Hybridbox profile is open" wait_re "profile: hb"
keys / C-u Enter
check "with the filter cleared, a row is selected" wait_re " 1/[0-9]+ *$"
keys e
check "e says Hybridbox has no group change" wait_for "Hybridbox publishes no way to change"
keys D
check "D says Hybridbox publishes no revoke" wait_for "Hybridbox publishes no way to revoke"
keys q
check "invitui exits cleanly" wait_for "invitui exited with 0"
done_testing
