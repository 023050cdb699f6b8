#!/bin/sh
# The explainer (w) on a Marketplace user, for modules: Tab completes the
# module names the account's groups give; a module the user lacks names the
# group that would give it, and its key opens the group change (e) with
# that group added, which asks before anything is sent; once added, the
# answer names the group that gives it, for certain.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --seed 13 --accounts 1 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
sandbox_get "/public/v1/accounts/user-groups?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/ugr.json"
sandbox_get "/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&limit=200" >"$TMPD/users.json"
G_DEFAULT=$(jq -r '[.data[] | select(.isDefault)][0].id' "$TMPD/ugr.json")
# The smallest group giving a module the default group does not give.
GIVER=$(jq -c "[.data[] | select(.id == \"$G_DEFAULT\") | .modules[].id] as \$d
    | [.data[] | select(.id != \"$G_DEFAULT\")
       | select(any(.modules[]; .id as \$m | \$d | index(\$m) | not))]
    | sort_by(.modules | length) | .[0]" "$TMPD/ugr.json")
G_ID=$(echo "$GIVER" | jq -r .id)
G_NAME=$(echo "$GIVER" | jq -r .name)
MOD_ID=$(jq -r "[.data[] | select(.id == \"$G_DEFAULT\") | .modules[].id] as \$d
    | [.data[] | select(.id == \"$G_ID\") | .modules[] | select(.id as \$m | \$d | index(\$m) | not)][0].id" "$TMPD/ugr.json")
MOD_NAME=$(jq -r "[.data[].modules[] | select(.id == \"$MOD_ID\")][0].name" "$TMPD/ugr.json")
INVITED=$(jq -c '[.data[] | select(.invitation.status == "Invited" or .status == "Invited")][0]' "$TMPD/users.json")
INV_ID=$(echo "$INVITED" | jq -r .id)
INV_EMAIL=$(echo "$INVITED" | jq -r .user.email)
groups_of() {
    sandbox_get "/public/v1/accounts/account-users/$1" | jq -c '[.groups[].id] | sort'
}
# The invited user in the default group alone (the CLI, on the TUI's config).
mp_groups() {
    E2E_TOKEN="$SANDBOX_TOKEN" "$INVITUI" --config "$TMPD/config" --profile mp groups "$INV_ID" \
        "$@" --yes >"$TMPD/out" 2>"$TMPD/err" </dev/null
}
mp_groups --add "$G_DEFAULT"
for g in $(groups_of "$INV_ID" | jq -r '.[]'); do
    [ "$g" = "$G_DEFAULT" ] || mp_groups --remove "$g"
done
check "the invited user is in the default group alone, without $MOD_NAME" \
    test "$(groups_of "$INV_ID")" = "[\"$G_DEFAULT\"]" -a -n "$MOD_NAME" -a "$MOD_NAME" != null

STATE="$TMPD/state"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 120 40 --config "$TMPD/config" --profile mp
check "the Marketplace table is loaded" wait_re " 1/[0-9]+ *$"
keys /
literal "$INV_EMAIL"
keys Enter
check "the invited user is the one row" wait_re " 1/1 *$"

keys w
check "w asks on the command line" wait_re "^:explain *$"
literal "$(echo "$MOD_NAME" | cut -c1-3 | tr '[:upper:]' '[:lower:]')"
keys Tab
check "Tab completes a module name of the account, whatever the case" wait_re "^:explain $MOD_NAME *$"
keys Enter
check "the answer says they will not have it, by name and id" \
    wait_for "will not have $MOD_NAME ($MOD_ID)."
check "it lists the groups that would give it" wait_for "Groups of the account that give it"
check "the smallest one first" wait_re "^ *│? *$G_NAME \($G_ID; gives [0-9]+\)"
check "the group change is offered" wait_for "e adds them to group $G_NAME"
keys e
check "e opens the group change with the group added" wait_re "^:groups \+$G_NAME *$"
check "nothing is changed yet" test "$(groups_of "$INV_ID")" = "[\"$G_DEFAULT\"]"
keys Enter
check "the usual question follows" wait_for "y changes them, n or Esc cancels."
check "nothing is changed before y" test "$(groups_of "$INV_ID")" = "[\"$G_DEFAULT\"]"
keys y
check "the change succeeds" wait_for "Groups changed for $INV_EMAIL."
AFTER=$(groups_of "$INV_ID")
check "the user is in $G_NAME now" sh -c "echo '$AFTER' | jq -e 'index(\"$G_ID\")' >/dev/null"

keys w
wait_re "^:explain *$"
literal "$MOD_ID"
keys Enter
check "now they will have it" wait_for "will have $MOD_NAME ($MOD_ID) once they accept."
check "through the group, for certain" \
    wait_for "through group $G_NAME ($G_ID): the account's groups say it gives it (certain)"
check "no group change is offered for a module they have" screen_lacks_re "adds them to group"
keys Escape
check "Esc closes the answer" wait_gone "will have $MOD_NAME"

keys q
check "invitui exits cleanly" wait_for "invitui exited with 0"
done_testing
