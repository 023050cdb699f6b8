#!/bin/sh
# `invitui list --can CAPABILITY`: only the invitations that will grant it,
# each with the path it comes through, as a table and in --json.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 13 --accounts 1 --invitations 80 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_hb_accounts)
sandbox_get "/v1/public/accounts/$ACC/auth/invitations" >"$TMPD/all.json"
CAP=dns_record.manage
WANT=$(jq -c "[.[] | select(.permission_context.resolved_capability_keys | index(\"$CAP\")) | .id] | sort" "$TMPD/all.json")

cli list --can "$CAP" --json
expect_rc 0 "list --can"
check "it lists exactly the invitations whose resolved keys have it" \
    test "$(jq -c '[.[].id] | sort' "$TMPD/out")" = "$WANT"
check "some do not (the filter filters)" \
    test "$(echo "$WANT" | jq length)" -lt "$(jq length "$TMPD/all.json")"
check "every row has a path" \
    test "$(jq '[.[] | select(.can | has("via"))] | length' "$TMPD/out")" = "$(echo "$WANT" | jq length)"
DIRECT=$(jq -r "[.[] | select(any(.assignments[]; .capability_key == \"$CAP\")
                 and (.permission_context.owner_assignments | length) == 0)][0].id" "$TMPD/all.json")
check "a direct assignment shows as direct" \
    test "$(jq -r ".[] | select(.id == \"$DIRECT\") | .can.via + \" \" + .can.key" "$TMPD/out")" = "direct $CAP"
OWNER=$(jq -r '[.[] | select((.permission_context.owner_assignments | length) > 0)][0].id' "$TMPD/all.json")
check "an owner shows as owner" \
    test "$(jq -r ".[] | select(.id == \"$OWNER\") | .can.via" "$TMPD/out")" = owner

cli list --can "$CAP" --status pending --json
check "--status still filters" \
    test "$(jq '[.[] | select(.status != "pending")] | length' "$TMPD/out")" = 0

cli list --can "$CAP"
expect_rc 0 "the table"
check "the table has the PATH column" grep -q "PATH" "$TMPD/out"
check "the direct row says direct" grep -q "^$DIRECT .* direct  *$CAP" "$TMPD/out"
check "the table has one line per row and a header" \
    test "$(wc -l <"$TMPD/out")" = "$(($(echo "$WANT" | jq length) + 1))"

cli list --can no.such_capability --json
check "a key nothing grants lists nothing" test "$(jq length "$TMPD/out")" = 0
# The Marketplace answers with modules (cli_explain_mp.sh): no user has this key.
cli --profile mp list --can account.view --json
expect_rc 0 "Marketplace: list --can asks about modules"
check "no Marketplace user has a Hybridbox capability key" test "$(jq length "$TMPD/out")" = 0
done_testing
