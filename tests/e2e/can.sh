#!/bin/sh
# `:can CAPABILITY` (#13's "who can do X"): Tab completes the capability
# keys of the account, the list narrows to the invitations that will grant
# it -- the same ones `invitui list --can` lists, with the same path -- in a
# Path column that fits at 80 columns; it combines with a state tab and `/`,
# `:can` alone clears it, and on the Marketplace it answers for modules as
# `list --can` does.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
CAP=dns_record.manage
E2E_TOKEN=$SANDBOX_TOKEN "$INVITUI" --config "$TMPD/config" list --can "$CAP" --json \
    </dev/null >"$TMPD/can.json" 2>"$TMPD/err"
N=$(jq length "$TMPD/can.json")
NPEND=$(jq '[.[] | select(.status == "pending")] | length' "$TMPD/can.json")
DIRECT=$(jq -r '[.[] | select(.can.via == "direct")][0].email' "$TMPD/can.json")
ROLE=$(jq -r '[.[] | select(.can.via == "role")][0] | .email + " " + .can.key' "$TMPD/can.json")
OWNER=$(jq -r '[.[] | select(.can.via == "owner")][0].email' "$TMPD/can.json")
check "the CLI lists some, not all ($N of 80)" test "$N" -gt 2 -a "$N" -lt 80
check "with a direct, a role and an owner path to look for" \
    test "$DIRECT" != null -a "$ROLE" != "null null" -a "$OWNER" != null

STATE="$TMPD/state"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 80 24 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/80 *$"

keys :
literal "can dns_rec"
keys Tab
check "Tab completes from the account's capability keys" wait_re "^:can dns_record\\. *$"
literal "ma"
keys Tab
check "to the key" wait_re "^:can $CAP *$"
keys Enter
check "the list narrows to the ones list --can lists" wait_re " 1/$N *$"
check "the tab line says the can: filter is on" wait_for "can: $CAP"
check "the status line says how many and how to clear it" \
    wait_for "Will have $CAP: $N (:can alone shows all)"
check "the Path column replaces Assigned" wait_re "^ *E-mail .* Path *$"
check "a direct assignment reads direct (the key is the one asked for)" \
    wait_re "^ *$DIRECT .* direct *$"
check "a role reads role and its key" \
    wait_re "^ *${ROLE%% *} .* role  ${ROLE#* } *$"
check "e-mails are not cut to make room" screen_lacks_re "^ *[^ ]*… .* (direct|role|owner)"
keys /
literal "$OWNER"
keys Enter
check "/ narrows the can: list further" wait_re " 1/1 *$"
check "ownership reads owner" wait_re "^ *$OWNER .* owner *$"
keys /
keys C-u
keys Enter
check "clearing the / filter leaves can: on" wait_re " [0-9]+/$N *$"

keys 2
check "a state tab narrows it further" wait_re " [0-9]+/$NPEND *$"
check "the filter stays on" wait_for "can: $CAP"
keys 1
wait_re " [0-9]+/$N *$"

keys :
literal "can"
keys Enter
check ":can alone clears it" wait_re " [0-9]+/80 *$"
check "and says so" wait_for "The can: filter is off."
check "the Assigned column is back" wait_re "^ *E-mail .* Assigned *$"
check "the tab line no longer shows can:" screen_lacks_re "can: $CAP"

keys :
literal "can no.such_capability"
keys Enter
check "a key nothing grants leaves no row, and says how to get them back" \
    wait_for "No invitation matches (:can alone shows all again"
keys :
literal "can"
keys Enter
wait_re " [0-9]+/80 *$"

# The Marketplace answers the same question for modules (explain_subject):
# nothing in can.c knows the provider, so :can agrees with list --can there too.
ACC_MP=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
MOD=$(sandbox_get "/public/v1/accounts/user-groups?eq(account.id,%22$ACC_MP%22)&limit=100" |
    jq -r '[.data[] | select(.isDefault)][0].modules[0].name')
E2E_TOKEN=$SANDBOX_TOKEN "$INVITUI" --config "$TMPD/config" --profile mp list --can "$MOD" --json \
    </dev/null >"$TMPD/mp.json" 2>"$TMPD/err"
NMP=$(jq length "$TMPD/mp.json")
check "the Marketplace CLI answers for module $MOD ($NMP users)" test "$NMP" -gt 0
start_tui 80 24 --config "$TMPD/config" --profile mp
check "the Marketplace list is loaded" wait_re " 1/[0-9]+ *$"
keys :
literal "can $MOD"
keys Enter
check ":can narrows the Marketplace list to the same users" wait_re " [0-9]+/$NMP *$"
check "and says so" wait_for "Will have $MOD: $NMP"
check "with the filter on the tab line" wait_for "can: $MOD"
done_testing
