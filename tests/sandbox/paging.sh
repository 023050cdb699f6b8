#!/bin/sh
# Paging through a large, ordered Marketplace collection: every user comes
# exactly once and in order, and changes (send-new-invite, create, delete)
# show in the very next page request although the sandbox caches the
# filtered, sorted collection between requests.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

N=1500
start_sandbox --seed 11 --accounts 1 --invitations $N || { not_ok "sandbox starts"; done_testing; }
ACC=$(api '/public/v1/accounts/accounts?limit=1' | jq -r '.data[0].id')
# One account's users: the standalone collection filtered by account, as
# the client pages through them.
U="/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)"

# all_pages QUERY FILE: every page of QUERY (limit 100) over one keep-alive
# connection, as one JSON array of the users in page order.
all_pages() {
    total=$(api "$U&$1&limit=0" | jq '."$meta".pagination.total')
    set -- "$1" "$2" "$total"
    : >"$TMPD/pages.args"
    offset=0
    while [ "$offset" -lt "$3" ]; do
        printf 'url = "%s%s&%s&limit=100&offset=%s"\n' "$SANDBOX_URL" "$U" "$1" "$offset" \
            >>"$TMPD/pages.args"
        offset=$((offset + 100))
    done
    curl -s -H "Authorization: Bearer $SANDBOX_TOKEN" -K "$TMPD/pages.args" |
        jq -s '[.[].data[]]' >"$2"
}

# sorted_once FILE COUNT: COUNT distinct ids, names in (code point) order.
sorted_once() {
    jq -e --argjson n "$2" '([.[].id] | length == $n and (unique | length) == $n) and
        ([.[].user.name] as $names | $names == ($names | sort))' "$1" >/dev/null
}

all_pages 'order=user.name' "$TMPD/byname.json"
check "order=user.name: $N users, each id once, sorted by name" sorted_once "$TMPD/byname.json" $N
all_pages 'select=+audit' "$TMPD/natural.json"
check "the ordered pages hold the same users as the unordered ones" jqok -n \
    --slurpfile a "$TMPD/byname.json" --slurpfile b "$TMPD/natural.json" \
    '($a[0] | map(.id) | sort) == ($b[0] | map(.id) | sort)'
all_pages 'order=-user.name' "$TMPD/desc.json"
check "order=-user.name is the reverse name order" jqok -n --slurpfile a "$TMPD/desc.json" \
    '[$a[0][].user.name] as $n | $n == ($n | sort | reverse)'

# ---- a mutation shows in the next page request ----
EXP_Q='eq(invitation.status,InvitationExpired)'
expired_total() { api "$U&$EXP_Q&limit=0" | jq '."$meta".pagination.total'; }
before=$(expired_total)
E=$(api "$U&$EXP_Q&order=user.name&limit=1&offset=1" | jq -r '.data[0].id')
latest=$(api "$U&order=-audit.invited.at&limit=1" | jq -r '.data[0].id')
idx=$(jq --arg e "$E" 'map(.id) | index($e)' "$TMPD/byname.json")
page_of_e="$U&order=user.name&limit=100&offset=$((idx / 100 * 100))"
is "before: the user's page shows it InvitationExpired" \
    "$(api "$page_of_e" | jq -r --arg e "$E" '.data[] | select(.id == $e) | .invitation.status')" \
    InvitationExpired
check "before: someone else was invited last" [ "$latest" != "$E" ]
is "send-new-invite on an InvitationExpired user is 200" \
    "$(api_status POST "/public/v1/accounts/account-users/$E/send-new-invite")" 200
is "the next filtered request counts one expired user less" "$(expired_total)" $((before - 1))
is "the next status-filtered page no longer lists the user" \
    "$(api "$U&$EXP_Q&order=user.name&limit=100" | jq --arg e "$E" '[.data[].id] | index($e)')" null
is "the next order=-audit.invited.at page starts with the user" \
    "$(api "$U&order=-audit.invited.at&limit=1" | jq -r '.data[0].id')" "$E"
is "the next order=user.name page shows the user Invited" \
    "$(api "$page_of_e" | jq -r --arg e "$E" '.data[] | select(.id == $e) | .invitation.status')" \
    Invited

# ---- create and delete ----
G=$(api "/public/v1/accounts/user-groups?eq(account.id,\"$ACC\")&limit=1" | jq -r '.data[0].id')
st=$(api_status POST /public/v1/accounts/account-users "{\"user\":{\"email\":\"aaron.aardvark@example.com\",
    \"firstName\":\"Aaron\",\"lastName\":\"Aardvark\"},\"groups\":[{\"id\":\"$G\"}],
    \"account\":{\"id\":\"$ACC\"}}")
is "create is 201" "$st" 201
NEW=$(jq -r .id "$TMPD/body")
all_pages 'order=user.name' "$TMPD/created.json"
check "after create: $((N + 1)) users, each once, sorted" sorted_once "$TMPD/created.json" $((N + 1))
check "after create: the new user is among them" jqok --arg id "$NEW" 'any(.[]; .id == $id)' \
    "$TMPD/created.json"
is "DELETE is 204" "$(api_status DELETE "/public/v1/accounts/account-users/$NEW")" 204
all_pages 'order=user.name' "$TMPD/deleted.json"
check "after delete: $N users, each once, sorted" sorted_once "$TMPD/deleted.json" $N
check "after delete: the user is gone" jqok --arg id "$NEW" 'all(.[]; .id != $id)' \
    "$TMPD/deleted.json"

done_testing
