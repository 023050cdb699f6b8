#!/bin/sh
# `invitui explain ID CAPABILITY` against the sandbox's Hybridbox data:
# each kind of path (direct, role learned from the account, group of
# unknown contents, account owner), a capability not granted with the
# smallest role that would give it, and the errors.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_hb_accounts)
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/all.json"
q() { jq -r "$1" "$TMPD/all.json"; }
explain() { cli explain "$1" "$2" --json; }
# The path kinds of the last --json answer, sorted and joined.
vias() { jq -r '[.paths[].via] | unique | join(",")' "$TMPD/out"; }

# A capability assignment: certain.
ID=$(q '[.[] | select(any(.assignments[]; .capability_key))][0].id')
CAP=$(q "[.[] | select(.id == \"$ID\")][0].assignments[] | select(.capability_key) | .capability_key" | head -n 1)
explain "$ID" "$CAP"
expect_rc 0 "explain a direct capability"
check "it is granted and certain through a direct assignment" \
    test "$(jq -r '[.granted, .certain, ([.paths[] | select(.via == "direct")][0].key)] | join(" ")' "$TMPD/out")" = "true true $CAP"

# A role learned from the invitations that have it alone.
ROLE=manager
ALONE=$(q "[.[] | select((.assignments | length) == 1 and .assignments[0].role_key == \"$ROLE\"
           and (.permission_context.owner_assignments | length) == 0)]")
N=$(echo "$ALONE" | jq length)
ID=$(echo "$ALONE" | jq -r '.[0].id')
CAP=$(echo "$ALONE" | jq -r '.[0].permission_context.resolved_capability_keys[0]')
explain "$ID" "$CAP"
expect_rc 0 "explain a capability of a role"
check "the path is role $ROLE, learned from the $N invitations that have it alone" \
    test "$(jq -r '[.granted, .certain, (.paths[] | select(.via == "role") | .key, .learned_from)] | join(" ")' "$TMPD/out")" = "true false $ROLE $N"
cli explain "$ID" "$CAP"
check "the text says it is learned and from how many" \
    grep -q "through role $ROLE: learned from the invitations with that role alone ($N)" "$TMPD/out"

# A group: the API does not say what it holds.
ID=$(q '[.[] | select(any(.assignments[]; .group_id) and (.permission_context.owner_assignments | length) == 0)][0].id')
GROUP=$(q "[.[] | select(.id == \"$ID\")][0].assignments[] | select(.group_id) | .group_id" | head -n 1)
CAP=$(q "[.[] | select(.id == \"$ID\")][0].permission_context.resolved_capability_keys[0]")
explain "$ID" "$CAP"
check "a group is offered as a possible path with its id" \
    test "$(jq -r '[.paths[] | select(.via == "group") | .key, .certain] | join(" ")' "$TMPD/out")" = "$GROUP false"
cli explain "$ID" "$CAP"
check "the text says a group's contents are unknown" \
    grep -q "group $GROUP: the API does not say what a group contains" "$TMPD/out"

# Account ownership.
ID=$(q '[.[] | select((.permission_context.owner_assignments | length) > 0)][0].id')
CAP=$(q "[.[] | select(.id == \"$ID\")][0].permission_context.resolved_capability_keys[-1]")
explain "$ID" "$CAP"
check "an owner has it for certain as owner" \
    test "$(jq -r '[.granted, .certain, (.paths[] | select(.via == "owner") | .via)] | join(" ")' "$TMPD/out")" = "true true owner"

# Not granted: the roles whose learned bundles have it, smallest first.
ID=$(q '[.[] | select((.assignments | length) == 1 and .assignments[0].role_key == "billing_viewer")][0].id')
CAP=$(echo "$ALONE" | jq -r --argjson have "$(q "[.[] | select(.id == \"$ID\")][0].permission_context.resolved_capability_keys")" \
      '[.[0].permission_context.resolved_capability_keys[] | select(. as $c | $have | index($c) | not)][0]')
explain "$ID" "$CAP"
expect_rc 0 "explain a capability that is not granted"
check "it is not granted and has no path" \
    test "$(jq -r '[.granted, (.paths | length)] | join(" ")' "$TMPD/out")" = "false 0"
check "$ROLE is among the suggested roles" \
    test "$(jq -r "[.suggest[] | select(.role == \"$ROLE\")] | length" "$TMPD/out")" = 1
check "suggestions come smallest bundle first" \
    test "$(jq -c '[.suggest[].capabilities]' "$TMPD/out")" = "$(jq -c '[.suggest[].capabilities] | sort' "$TMPD/out")"
FIRST=$(jq -r '.suggest[0].role' "$TMPD/out")
cli explain "$ID" "$CAP"
check "the text offers to reissue with the smallest role" \
    grep -q "invitui create --from $ID --role $FIRST" "$TMPD/out"
check "the text says it will not have it" grep -q "will not have $CAP" "$TMPD/out"

cli explain "$ID" no.such_capability --json
check "a key nothing grants suggests nothing" \
    test "$(jq -r '[.granted, (.suggest | length)] | join(" ")' "$TMPD/out")" = "false 0"

cli explain "$ID"
expect_rc 2 "explain without a CAPABILITY is a usage error"
check "it says what is missing" grep -q "missing CAPABILITY" "$TMPD/err"
cli explain not-a-uuid account.view
expect_rc 2 "a malformed id is refused"
# The Marketplace answers with modules: tests/integration/cli_explain_mp.sh.
done_testing
