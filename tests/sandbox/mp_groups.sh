#!/bin/sh
# Marketplace group changes (CONTRACT.md B.2): add one, replace all, remove
# one, on both path forms; the same group rules as create and BR-003 (a
# user keeps at least one group); the state a later read shows.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

start_sandbox --seed 5 --accounts 2 --invitations 20 || { not_ok "sandbox starts"; done_testing; }

ACC=$(api /public/v1/accounts/accounts | jq -r '.data[0].id')
ACC2=$(api /public/v1/accounts/accounts | jq -r '.data[1].id')
api "/public/v1/accounts/user-groups?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/ugr.json"
G1=$(jq -r '.data[0].id' "$TMPD/ugr.json")
G2=$(jq -r '.data[1].id' "$TMPD/ugr.json")
OTHER=$(api "/public/v1/accounts/user-groups?eq(account.id,%22$ACC2%22)&limit=1" | jq -r '.data[0].id')
AU=/public/v1/accounts/account-users
SCOPED=/public/v1/accounts/accounts/$ACC/users

# A fresh invited user in G1 only.
st=$(api_status POST "$SCOPED" "{\"user\":{\"email\":\"gus.group@example.com\",\"firstName\":\"Gus\",
     \"lastName\":\"Group\"},\"groups\":[{\"id\":\"$G1\"}]}")
is "the test user is created" "$st" 201
USR=$(jq -r .id "$TMPD/body")
AUSR=$(api "$AU?eq(account.id,%22$ACC%22)&eq(user.email,gus.group@example.com)" | jq -r '.data[0].id')

groups_of() {
    api "$AU/$AUSR" | jq -c '[.groups[].id] | sort'
}
sorted() {
    printf '%s\n' "$@" | jq -R . | jq -sc sort
}

st=$(api_status POST "$AU/$AUSR/groups" "{\"id\":\"$G2\"}")
check "POST .../groups adds a group: 200 with the AccountUser" \
    sh -c "[ $st = 200 ] && jq -e '.id == \"$AUSR\" and ([.groups[].id] | index(\"$G2\"))' '$TMPD/body' >/dev/null"
is "a later read shows both groups" "$(groups_of)" "$(sorted "$G1" "$G2")"
is "adding a group the user has is a success that changes nothing" \
    "$(api_status POST "$AU/$AUSR/groups" "{\"id\":\"$G2\"}")$(groups_of)" "200$(sorted "$G1" "$G2")"
st=$(api_status POST "$AU/$AUSR/groups" "{\"id\":\"$OTHER\"}")
check "a group of another account is a 400 on id, as for create" \
    sh -c "[ $st = 400 ] && jq -e '.errors.id[0] | test(\"does not exist\")' '$TMPD/body' >/dev/null"
st=$(api_status POST "$AU/$AUSR/groups" '{"id":"UGR-12"}')
check "a malformed group id is a 400 naming the pattern" \
    sh -c "[ $st = 400 ] && jq -e '.errors.id[0] | test(\"UGR\")' '$TMPD/body' >/dev/null"
st=$(api_status POST "$AU/$AUSR/groups" '{"id":')
check "bad JSON is a 400 on \$" sh -c "[ $st = 400 ] && jq -e '.errors[\"\$\"]' '$TMPD/body' >/dev/null"

st=$(api_status DELETE "$AU/$AUSR/groups/$G1")
is "DELETE .../groups/{id} removes a group: 204" "$st" 204
is "a later read shows the one group left" "$(groups_of)" "$(sorted "$G2")"
st=$(api_status DELETE "$AU/$AUSR/groups/$G2")
check "removing the last group is a 400 (BR-003) and changes nothing" \
    sh -c "[ $st = 400 ] && jq -e '.detail | test(\"at least one\")' '$TMPD/body' >/dev/null &&
           [ '$(groups_of)' = '$(sorted "$G2")' ]"
is "removing a group the user is not in is 404" "$(api_status DELETE "$AU/$AUSR/groups/$G1")" 404
is "removing an unknown group is 404" "$(api_status DELETE "$AU/$AUSR/groups/UGR-0000-0000")" 404

st=$(api_status PUT "$AU/$AUSR/groups" "[{\"id\":\"$G1\"},{\"id\":\"$G2\"}]")
check "PUT .../groups replaces the list: 200" \
    sh -c "[ $st = 200 ] && jq -e '[.groups[].id] | length == 2' '$TMPD/body' >/dev/null"
is "a later read shows the new list" "$(groups_of)" "$(sorted "$G1" "$G2")"
st=$(api_status PUT "$AU/$AUSR/groups" '[]')
check "PUT of an empty list is a 400 (BR-003) and changes nothing" \
    sh -c "[ $st = 400 ] && jq -e '.errors[\"\$\"]' '$TMPD/body' >/dev/null &&
           [ '$(groups_of)' = '$(sorted "$G1" "$G2")' ]"
st=$(api_status PUT "$AU/$AUSR/groups" "[{\"id\":\"$G1\"},{\"id\":\"$OTHER\"}]")
check "PUT with a foreign group names its index and changes nothing" \
    sh -c "[ $st = 400 ] && jq -e '.errors[\"\$[1].id\"]' '$TMPD/body' >/dev/null &&
           [ '$(groups_of)' = '$(sorted "$G1" "$G2")' ]"

# The account-scoped form (USR ids, user-shaped answers), as the official client uses.
st=$(api_status PUT "$SCOPED/$USR/groups" "[{\"id\":\"$G2\"}]")
check "PUT on the account-scoped form answers in the user shape" \
    sh -c "[ $st = 200 ] && jq -e '.id == \"$USR\" and ([.groups[].id] == [\"$G2\"])' '$TMPD/body' >/dev/null"
is "DELETE on the account-scoped form reaches the same membership" \
    "$(api_status POST "$SCOPED/$USR/groups" "{\"id\":\"$G1\"}")$(api_status DELETE "$SCOPED/$USR/groups/$G2")$(groups_of)" \
    "200204$(sorted "$G1")"

is "GET on .../groups is 405" "$(api_status GET "$AU/$AUSR/groups")" 405
is "POST on .../groups/{id} is 405" "$(api_status POST "$AU/$AUSR/groups/$G1" '{}')" 405
is "a group change of an unknown user is 404" \
    "$(api_status POST "$AU/AUSR-0000-0000-0000/groups" "{\"id\":\"$G1\"}")" 404
check "group changes are recorded as actions with the user's e-mail" \
    sh -c "curl -s -H 'Authorization: Bearer $SANDBOX_TOKEN' '$SANDBOX_URL/_sandbox/actions' |
           jq -e '[.[] | select(.email == \"gus.group@example.com\") | .action] as \$a |
                  (\$a | index(\"group-add\")) and (\$a | index(\"group-set\")) and (\$a | index(\"group-remove\"))' >/dev/null"

done_testing
