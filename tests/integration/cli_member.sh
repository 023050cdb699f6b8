#!/bin/sh
# Fixing a wrong Marketplace invite without re-inviting: `invitui groups`
# and `invitui remove` against the sandbox (state rules, BR-003, the
# confirmation, the journal), and Hybridbox saying it has no such call.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --seed 11 --accounts 1 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"
JOURNAL="$XDG_STATE_HOME/invitui/journal.jsonl"

ACC=$(sandbox_get /public/v1/accounts/accounts | jq -r '.data[0].id')
sandbox_get "/public/v1/accounts/user-groups?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/ugr.json"
G1=$(jq -r '.data[0].id' "$TMPD/ugr.json")
G2=$(jq -r '.data[1].id' "$TMPD/ugr.json")
G3=$(jq -r '.data[2].id' "$TMPD/ugr.json")
cli --profile mp list --account "$ACC" --json
INVITED=$(jq -r '[.[] | select(.raw_status == "Invited")][0].id' "$TMPD/out")
ACTIVE=$(jq -r '[.[] | select(.raw_status == "Active")][0].id' "$TMPD/out")
groups_of() {
    sandbox_get "/public/v1/accounts/account-users/$1" | jq -c '[.groups[].id] | sort'
}
BEFORE=$(groups_of "$INVITED")

cli --profile mp groups "$INVITED" --account "$ACC"
expect_rc 2 "groups without --add or --remove is a usage error"
cli --profile mp groups "$INVITED" --add UGR-12 --yes
expect_rc 2 "a malformed group id is refused before any write"
check "it names the id" grep -q 'UGR-12' "$TMPD/err"
cli --profile mp groups "$INVITED" --add "$G3"
expect_rc 2 "without a terminal and without --yes nothing is changed"
check "the groups are as before" test "$(groups_of "$INVITED")" = "$BEFORE"

# The target's current groups decide the change: put it in G1 only first.
cli --profile mp groups "$INVITED" --add "$G1" --yes
for g in $(echo "$BEFORE" | jq -r '.[]'); do
    [ "$g" = "$G1" ] || cli --profile mp groups "$INVITED" --remove "$g" --yes
done
check "the user is now in G1 alone" test "$(groups_of "$INVITED")" = "[\"$G1\"]"

cli --profile mp groups "$INVITED" --add "$G2" --add "$G3" --remove "$G1" --yes --json
expect_rc 0 "add two and remove one in one change"
check "--json answers the member with its new groups" \
    test "$(jq -c '[.[0].raw.groups[].id] | sort' "$TMPD/out")" = "$(printf '["%s","%s"]' "$G2" "$G3" | jq -c sort)"
check "the server has the new groups" \
    test "$(groups_of "$INVITED")" = "$(printf '["%s","%s"]' "$G2" "$G3" | jq -c sort)"
check "the sandbox saw one PUT for that change" \
    test "$(sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "group-set")] | length')" -ge 1
check "the journal has the change with its groups" \
    test "$(tail -n 1 "$JOURNAL" | jq -r '[.action, .result, .change] | join(" ")')" = "groups ok +$G2 +$G3 -$G1"

cli --profile mp groups "$INVITED" --remove "$G2" --remove "$G3" --yes
expect_rc 2 "removing every group is refused (a user keeps one)"
check "it says why" grep -qi 'at least one group' "$TMPD/err"
cli --profile mp groups "$INVITED" --add "$G2" --yes
expect_rc 2 "a change that changes nothing is refused"

cli --profile mp groups "$ACTIVE" --add "$G2" --yes
expect_rc 1 "an accepted user's groups are not an invitation fix"
check "it says the user has accepted" grep -qi 'accepted' "$TMPD/err"
cli --profile mp-ro groups "$INVITED" --add "$G1" --yes
expect_rc 2 "a read-only profile refuses group changes"

cli --profile mp remove "$INVITED" --yes --json
expect_rc 0 "remove an invited user"
check "--json says what was removed" test "$(jq -r '[.removed, .id] | join(" ")' "$TMPD/out")" = "true $INVITED"
check "the membership is gone from the server" \
    sh -c "! curl -sf -H @'$TMPD/auth' '$SANDBOX_URL/public/v1/accounts/account-users/$INVITED' >/dev/null"
check "the journal has the removal" \
    test "$(tail -n 1 "$JOURNAL" | jq -r '[.action, .result, .target_id] | join(" ")')" = "remove ok $INVITED"
cli --profile mp remove "$INVITED" --yes
expect_rc 1 "removing it again: the server no longer has it"

cli --profile hb list --json
HB=$(jq -r '.[0].id' "$TMPD/out")
cli --profile hb remove "$HB" --yes
expect_rc 1 "Hybridbox has no revoke"
check "it says Hybridbox publishes none" grep -qi 'publishes no way to revoke' "$TMPD/err"
cli --profile hb groups "$HB" --add "$G1" --yes
expect_rc 1 "Hybridbox has no assignment change"

done_testing
