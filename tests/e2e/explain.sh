#!/bin/sh
# The capability explainer (w) against the sandbox's Hybridbox data: a
# capability granted through a role whose bundle is learned from the
# account's invitations (and from how many), one that is not granted with
# the smallest documented role that would grant it, and its key opening the
# create form filled in from the invitation with that role added.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_hb_accounts)
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/all.json"
q() { jq -r "$1" "$TMPD/all.json"; }

ROLE=manager
ALONE=$(q "[.[] | select((.assignments | length) == 1 and .assignments[0].role_key == \"$ROLE\"
           and (.permission_context.owner_assignments | length) == 0)]")
N=$(echo "$ALONE" | jq length)
ID=$(echo "$ALONE" | jq -r '.[0].id')
CAP=$(echo "$ALONE" | jq -r '.[0].permission_context.resolved_capability_keys[0]')

STATE="$TMPD/state"
E2E_ENV="XDG_STATE_HOME=$STATE" start_tui 120 40 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/80 *$"

# show ID: the `/` filter narrows the list to the one invitation.
show() {
    keys /
    literal "$1"
    keys Enter
    wait_re " 1/1 *$"
}

show "$ID"
keys w
check "w asks for the capability on the command line" wait_re "^:explain *$"
literal "$(echo "$CAP" | cut -c1-3)"
keys Tab
check "Tab completes from the account's capability keys" wait_re "^:explain $(echo "$CAP" | cut -c1-3)"
keys C-u
literal "explain $CAP"
keys Enter
check "the answer says it is granted" wait_for "will have $CAP once they accept."
check "through the role, learned, and from how many invitations" \
    wait_for "through role $ROLE: learned from the invitations with that role alone ($N)"
check "no reissue is offered for a granted capability" screen_lacks_re "reissues the invitation"
keys Escape
check "Esc closes the answer" wait_gone "will have $CAP"

# Not granted: a billing_viewer invitation and a capability of manager's bundle it lacks.
OTHER=$(q '[.[] | select((.assignments | length) == 1 and .assignments[0].role_key == "billing_viewer")][0]')
OID=$(echo "$OTHER" | jq -r .id)
OEMAIL=$(echo "$OTHER" | jq -r .email)
MISSING=$(echo "$ALONE" | jq -r --argjson have "$(echo "$OTHER" | jq '.permission_context.resolved_capability_keys')" \
      '[.[0].permission_context.resolved_capability_keys[] | select(. as $c | $have | index($c) | not)][0]')
keys /
keys C-u
literal "$OID"
keys Enter
wait_re " 1/1 *$"
keys w
wait_re "^:explain *$"
literal "$MISSING"
keys Enter
check "the answer says it is not granted" wait_for "will not have $MISSING."
check "it lists the roles that would grant it" wait_for "Roles that grant it"
check "$ROLE is among them" wait_re "^ *│? *$ROLE \(capabilities: [0-9]+; learned from invitations: $N\)"
SUGGESTED=$(screen | sed -n 's/.*reissues the invitation with role \([a-z_]*\) added.*/\1/p' | head -n 1)
check "a reissue with the smallest role is offered" test -n "$SUGGESTED"
keys C
check "its key opens the create form" wait_for "New invitation in"
check "filled in with the invitation's e-mail" wait_re "E-mail +$OEMAIL"
check "with its own role" wait_re "Role +billing_viewer"
check "and the suggested role added" wait_re "Role +$SUGGESTED *$"
check "nothing is sent before the review" \
    test "$(sandbox_get "/v1/public/accounts/$ACC/auth/invitations" | jq length)" = 80
keys Escape
check "Esc keeps the form" wait_for "The form is kept"

keys q
check "a kept form asks before quitting" wait_for "Quit?"
keys y
check "invitui exits cleanly" wait_for "invitui exited with 0"
done_testing
