#!/bin/sh
# Marketplace collections: pagination arithmetic and every supported RQL
# form; unsupported queries are 400 problem details.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

start_sandbox --seed 5 --accounts 2 --invitations 200 || { not_ok "sandbox starts"; done_testing; }
ACC=$(api '/public/v1/accounts/accounts?limit=1' | jq -r '.data[0].id')
# One account's users: the standalone collection filtered by account, as
# the client lists them; every query below is ANDed with this filter.
U="/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)"

# page PATH-AND-QUERY: "offset limit total count" of a collection
page() {
    api "$1" | jq -r '[."$meta".pagination.offset, ."$meta".pagination.limit,
                        ."$meta".pagination.total, (.data | length)] | join(" ")'
}
is "default page: limit 10" "$(page "$U")" "0 10 200 10"
is "limit above 100 is capped at 100" "$(page "$U&limit=500")" "0 100 200 100"
is "limit=0 gives no data and the real total" "$(page "$U&limit=0")" "0 0 200 0"
is "offset pages on" "$(page "$U&limit=30&offset=180")" "180 30 200 20"
is "offset past the end is empty" "$(page "$U&limit=10&offset=400")" "400 10 200 0"
is "unfiltered, the standalone collection holds both accounts' 400 users" \
    "$(page '/public/v1/accounts/account-users?limit=0')" "0 0 400 0"
ACC2=$(api '/public/v1/accounts/accounts?limit=1&offset=1' | jq -r '.data[0].id')
is "the other account's users, unquoted id" \
    "$(page "/public/v1/accounts/account-users?eq(account.id,$ACC2)&limit=100" | cut -d' ' -f3-)" "200 100"
first=$(api "$U&limit=3&offset=0" | jq -r '[.data[].id] | join(",")')
second=$(api "$U&limit=3&offset=3" | jq -r '[.data[].id] | join(",")')
all6=$(api "$U&limit=6" | jq -r '[.data[].id] | join(",")')
is "consecutive pages tile the collection" "$first,$second" "$all6"
expired=$(api "$U&eq(invitation.status,InvitationExpired)&limit=0" | jq '."$meta".pagination.total')
check "at least 50 InvitationExpired users among 200" [ "$expired" -ge 50 ]
invited=$(api "$U&eq(invitation.status,Invited)&limit=0" | jq '."$meta".pagination.total')
check "plenty of Invited users among 200" [ "$invited" -ge 50 ]

# total QUERY: the filtered total for the account's users
total() { api "$U&$1&limit=0" | jq '."$meta".pagination.total'; }
active=$(total 'eq(invitation.status,Active)')
is "eq + ne partition the users" "$(( $(total 'ne(invitation.status,Active)') + active ))" 200
is "shortcut field=value equals eq()" "$(total 'invitation.status=InvitationExpired')" "$expired"
is "in(p,(a,b))" "$(total 'in(invitation.status,(Invited,InvitationExpired))')" "$((expired + invited))"
is "out(p,(a,b))" "$(total 'out(invitation.status,(Invited,InvitationExpired))')" "$active"
is "or(...)" "$(total 'or(eq(invitation.status,Invited),eq(invitation.status,Active))')" "$((invited + active))"
is "and(...)" "$(total 'and(eq(invitation.status,Invited),eq(user.email,invited.fixture@example.com))')" 1
is "two shortcuts are ANDed" "$(total 'invitation.status=Invited&user.email=invited.fixture@example.com')" 1
is "not(...)" "$(total 'not(eq(invitation.status,Active))')" "$((expired + invited))"
is "double-quoted values" "$(total 'eq(account.id,"'"$ACC"'")')" 200
is "an id of another account ANDed in matches nothing" "$(total "eq(account.id,$ACC2)")" 0
is "single-quoted values" "$(total "eq(account.id,'$ACC')")" 200
is "percent-encoded expression" "$(total 'eq(account.id%2C%22'"$ACC"'%22)')" 200
is "ilike with * wildcard, case-insensitive" "$(total 'ilike(user.email,*FIXTURE@EXAMPLE.COM)')" 5
is "like is case-sensitive" "$(total 'like(user.email,*FIXTURE*)')" 0
is "ilike prefix" "$(total 'ilike(user.email,invited.*)')" 1
is "eq on id" "$(total "eq(id,$(api "$U&limit=1" | jq -r '.data[0].id'))")" 1
api "$U&limit=100&offset=0" >"$TMPD/p0.json"
api "$U&limit=100&offset=100" >"$TMPD/p1.json"
# count JQ-SELECT: how many of the 200 users satisfy a jq condition
count() { jq -s "[.[].data[] | select($1)] | length" "$TMPD/p0.json" "$TMPD/p1.json"; }
FIRST=$(jq -r '.data[0].user.firstName' "$TMPD/p0.json")
ENC=$(printf %s "$FIRST" | jq -sRr @uri)
check "some users share a firstName" [ "$(count ".user.firstName == \"$FIRST\"")" -ge 2 ]
is "eq(user.firstName,...) counts the users with that firstName" \
    "$(total "eq(user.firstName,\"$ENC\")")" "$(count ".user.firstName == \"$FIRST\"")"
is "eq(user.lastName,null()) counts the users without a lastName" \
    "$(total 'eq(user.lastName,null())')" "$(count '.user | has("lastName") | not')"
names=$(api "$U&order=user.lastName,user.firstName&limit=100" | jq -c '[.data[].user.lastName // ""]')
check "order=user.lastName sorts (absent first)" jqok -n --argjson a "$names" '$a == ($a | sort)'
is "null() matches absent values" \
    "$(( $(total 'eq(lastLoginAt,null())') + $(total 'ne(lastLoginAt,null())') ))" 200
is "eq(user.name,...) with spaces in quotes" \
    "$(total "eq(user.name,\"$(api "$U&eq(user.email,active.fixture@example.com)" | jq -r '.data[0].user.name' | jq -sRr @uri | sed 's/%0A$//')\")")" 1
check "accounts: eq(status,Active) and ilike(name,...)" \
    sh -c "curl -s -H 'Authorization: Bearer $SANDBOX_TOKEN' \
        '$SANDBOX_URL/public/v1/accounts/accounts?and(eq(status,Active),ilike(name,*demo*))' |
        jq -e '(.data | length) == 1 and .data[0].name == \"SoftwareOne Demo Client\"' >/dev/null"
is "accounts: type shortcut" \
    "$(api '/public/v1/accounts/accounts?type=Vendor' | jq -r '[.data[].type] | unique | join(",")')" Vendor

# ---- order ----
names=$(api "$U&order=user.email&limit=100" | jq -c '[.data[].user.email]')
check "order=field sorts ascending" jqok -n --argjson a "$names" '$a == ($a | sort)'
names=$(api "$U&order=-user.email&limit=100" | jq -c '[.data[].user.email]')
check "order=-field sorts descending" jqok -n --argjson a "$names" '$a == ($a | sort | reverse)'
api "$U&order=-audit.created.at,+user.name&select=+audit&limit=100" >"$TMPD/o.json"
check "order by two keys" jqok \
    '[.data[] | .audit.created.at] as $t | $t == ($t | sort | reverse)' "$TMPD/o.json"

# ---- errors ----
bad() { # DESC QUERY [DETAIL-REGEX]
    st=$(api_status GET "$U&$2")
    if [ "$st" = 400 ] && body_jq ".status == 400 and .title and .traceId and
            (.detail | test(\"${3:-.}\"))"; then ok "$1"
    else not_ok "$1"; diag "status $st: $(cat "$TMPD/body")"; fi
}
bad "?rql= is 400 Invalid equals shortcut" 'rql=eq(id,1)' 'Invalid equals shortcut'
bad "unsupported operator is 400" 'gt(audit.created.at,2020-01-01)' 'Unsupported'
bad "any() is unsupported" 'any(groups,id=UGR-1234-5678)'
bad "unknown field is 400" 'eq(password,x)' 'password'
bad "unknown shortcut field is 400" 'colour=red'
bad "unbalanced parentheses are 400" 'eq(id,1'
bad "unterminated quote is 400" 'eq(id,"x)'
bad "a bare word is 400" 'hello'
bad "limit must be a number" 'limit=ten'
bad "negative offset is 400" 'offset=-1'
bad "unknown order field is 400" 'order=-secret'

done_testing
