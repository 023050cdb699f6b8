#!/bin/sh
# Hybridbox routes: shapes match the reference pages, the state machine,
# validation and error bodies.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

start_sandbox --seed 7 --accounts 2 --invitations 60 || { not_ok "sandbox starts"; done_testing; }

INV_KEYS='["accepted_at","accepted_subject_id","assignments","created_at","email","expires_at","id","note","permission_context","status"]'
ASG_KEYS='["assignment_kind","capability_key","grant_kind","group_id","id","position","resource_id","resource_type","role_key"]'
CTX_KEYS='["assigned_bundle_keys","direct_capability_keys","owner_assignments","resolved_capability_keys","status","subject_id","subject_type"]'
GROUP_KEYS='["account_id","attributes","description","id","keycloak_account_id","keycloak_name","linked_scopes","name","parent_id","path","permission_context","subgroup_ids"]'
TS='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

# ---- accounts (INFERRED list, documented get) ----
api /v1/public/accounts >"$TMPD/accounts.json"
check "accounts list is {items,page,page_size,total}" \
    jqok '(keys == ["items","page","page_size","total"]) and .page == 1 and .page_size == 25
           and .total == 2 and (.items | length) == 2' "$TMPD/accounts.json"
A=$(jq -r '.items[0].id' "$TMPD/accounts.json")
A2=$(jq -r '.items[1].id' "$TMPD/accounts.json")
is "accounts page_size=1&page=2 returns the second account" \
    "$(api '/v1/public/accounts?page=2&page_size=1' | jq -r '[.items[].id, .page, .total] | join(" ")')" \
    "$A2 2 2"
is "page_size above 100 is a 422 on query/page_size" \
    "$(api_status GET '/v1/public/accounts?page_size=101')/$(jq -c '.detail[0].loc' "$TMPD/body")" \
    '422/["query","page_size"]'
api_status GET "/v1/public/accounts/$A" >/dev/null
check "account has exactly the documented fields" body_jq \
    '(keys == ["client","created_at","id","name","status","updated_at"]) and
     (.client | keys == ["id","name"])'
check "account timestamps are ISO-8601 UTC" body_jq \
    "(.created_at | test(\"$TS\")) and (.updated_at | test(\"$TS\"))"

# ---- invitation list ----
api "/v1/public/accounts/$A/auth/invitations" >"$TMPD/list.json"
check "invitation list is a bare array of 60" jqok 'type == "array" and length == 60' \
    "$TMPD/list.json"
check "every invitation has exactly the reference fields" \
    jqok "all(.[]; keys == $INV_KEYS)" "$TMPD/list.json"
check "every assignment has exactly the reference fields" \
    jqok "all(.[].assignments[]; keys == $ASG_KEYS)" "$TMPD/list.json"
check "every permission_context has exactly the reference fields" \
    jqok "all(.[].permission_context; keys == $CTX_KEYS) and
           all(.[].permission_context.owner_assignments[]; keys == [\"account_id\"])" \
    "$TMPD/list.json"
check "timestamps are ISO-8601 UTC or null" \
    jqok "all(.[]; (.created_at, .expires_at, .accepted_at) | . == null or test(\"$TS\"))" \
    "$TMPD/list.json"
check "all four statuses occur" \
    jqok '[.[].status] | unique == ["accepted","expired","pending","revoked"]' "$TMPD/list.json"
check "a pending invitation is listed as expired only once the expiry lag (6 h) has passed" \
    jqok --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg lagged "$(date -u -d '-6 hours' +%Y-%m-%dT%H:%M:%SZ)" \
    'all(.[] | select(.status == "pending"); .expires_at > $lagged) and
     any(.[] | select(.status == "pending"); .expires_at < $now) and
     any(.[] | select(.status == "expired"); .expires_at < $lagged)' "$TMPD/list.json"
check "some invitation expires within the hour" \
    jqok --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg hour "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)" \
    'any(.[] | select(.status == "pending"); .expires_at < $hour)' "$TMPD/list.json"
check "accepted invitations carry accepted_at and accepted_subject_id" \
    jqok 'all(.[] | select(.status == "accepted"); .accepted_at != null and
           .accepted_subject_id != null and .permission_context.subject_type == "user")' \
    "$TMPD/list.json"
check "resolved capabilities are sorted, unique and include the direct ones" \
    jqok 'all(.[].permission_context; (.resolved_capability_keys | . == (unique)) and
           ((.direct_capability_keys - .resolved_capability_keys) | length) == 0)' \
    "$TMPD/list.json"
check "bundles make resolved capabilities differ from direct ones" \
    jqok 'any(.[].permission_context; (.resolved_capability_keys | length) >
           (.direct_capability_keys | length))' "$TMPD/list.json"
check "hostile and CJK strings are served verbatim" \
    jqok 'any(.[]; (.note // "") | test("\u001b")) and any(.[]; (.note // "") | utf8bytelength >= 4096)' \
    "$TMPD/list.json"
is "email filter is exact and case-insensitive" \
    "$(api "/v1/public/accounts/$A/auth/invitations?email=PENDING.Fixture%40example.com" |
       jq -r '[.[].email] | join(",")')" "pending.fixture@example.com"
is "email filter does not match substrings" \
    "$(api "/v1/public/accounts/$A/auth/invitations?email=fixture" | jq length)" 0
check "status filter matches the computed status" \
    sh -c "curl -s -H 'Authorization: Bearer $SANDBOX_TOKEN' \
        '$SANDBOX_URL/v1/public/accounts/$A/auth/invitations?status=expired' |
        jq -e 'length > 0 and all(.[]; .status == \"expired\")' >/dev/null"

# ---- groups ----
api "/v1/public/accounts/$A/auth/groups" >"$TMPD/groups.json"
check "groups are a bare array with the AuthGroup fields" \
    jqok "type == \"array\" and length > 0 and all(.[]; keys == $GROUP_KEYS) and
           all(.[].permission_context; keys == $CTX_KEYS)" "$TMPD/groups.json"
G=$(jq -r '.[0].id' "$TMPD/groups.json")
check "subgroups name their parent" \
    jqok 'any(.[]; .parent_id != null) and
           all(.[] | select(.parent_id != null); .path | test("^/.+/"))' "$TMPD/groups.json"

# ---- create ----
NOW=$(date -u +%s)
st=$(api_status POST "/v1/public/accounts/$A/auth/invitations" \
    "{\"email\":\"Zoë.new@example.com\",\"locale\":\"fr\",\"note\":\"山田\",
      \"assignments\":[{\"role_key\":\"dns_manager\"},{\"capability_key\":\"billing.view\"},
                       {\"group_id\":\"$G\"}]}")
is "create answers 201" "$st" 201
check "created invitation has the reference fields, pending, no acceptance" body_jq \
    "(keys == $INV_KEYS) and .status == \"pending\" and .accepted_at == null and
     .note == \"山田\" and .email == \"Zoë.new@example.com\" and
     ([.assignments[].position] == [0,1,2]) and
     ([.assignments[].assignment_kind] == [\"role\",\"capability\",\"group\"])"
check "permission context: bundles, direct and resolved capabilities" body_jq \
    '.permission_context | .assigned_bundle_keys == ["dns_manager"] and
     .direct_capability_keys == ["billing.view"] and
     (.resolved_capability_keys | index("dns_record.manage") and index("billing.view")
      and index("invitation.manage")) and .subject_type == "unknown" and .subject_id == ""'
exp=$(jq -r .expires_at "$TMPD/body")
check "expires_at is seven days after creation" near "$(epoch "$exp")" $((NOW + 7 * 86400)) 60
NEW=$(jq -r .id "$TMPD/body")
is "the new invitation is listed" \
    "$(api "/v1/public/accounts/$A/auth/invitations?email=zo%C3%AB.new%40example.com" | jq -r '.[0].id')" \
    "$NEW"
st=$(api_status POST "/v1/public/accounts/$A/auth/invitations" \
    '{"email":"ZOë.NEW@EXAMPLE.com","assignments":[{"role_key":"viewer"}]}')
check "a second pending invitation for the same e-mail is 409 {detail}" \
    sh -c "[ $st = 409 ] && jq -e '.detail | type == \"string\"' '$TMPD/body' >/dev/null"

# ---- validation (FastAPI 422) ----
v422() { # DESC BODY JQ-CONDITION
    st=$(api_status POST "/v1/public/accounts/$A/auth/invitations" "$2")
    if [ "$st" = 422 ] && body_jq "(.detail | type == \"array\") and
            all(.detail[]; keys == [\"loc\",\"msg\",\"type\"]) and ($3)"; then
        ok "$1"
    else
        not_ok "$1"; diag "status $st: $(cat "$TMPD/body")"
    fi
}
v422 "missing email is 422 at body.email" '{"assignments":[{"role_key":"viewer"}]}' \
    '.detail[0].loc == ["body","email"] and .detail[0].type == "missing"'
v422 "invalid email is 422 value_error" '{"email":"no-at-sign","assignments":[{"role_key":"viewer"}]}' \
    '.detail[0].loc == ["body","email"] and .detail[0].type == "value_error"'
v422 "empty assignments is 422 too_short" '{"email":"a@example.com","assignments":[]}' \
    '.detail[0].loc == ["body","assignments"]'
v422 "unknown role_key is 422 at its position" \
    '{"email":"a@example.com","assignments":[{"role_key":"viewer"},{"role_key":"owner"}]}' \
    '.detail[0].loc == ["body","assignments",1,"role_key"]'
v422 "unknown capability_key is 422" \
    '{"email":"a@example.com","assignments":[{"capability_key":"nuke.all"}]}' \
    '.detail[0].loc == ["body","assignments",0,"capability_key"]'
v422 "an empty assignment is 422" '{"email":"a@example.com","assignments":[{}]}' \
    '.detail[0].loc == ["body","assignments",0]'
v422 "bad JSON is 422 json_invalid with a position" '{"email": ' \
    '.detail[0].type == "json_invalid" and .detail[0].loc[0] == "body" and
     (.detail[0].loc[1] | type == "number")'
v422 "a non-object body is 422" '[1,2]' '.detail[0].loc == ["body"]'

# ---- resend ----
inv_id() { api "/v1/public/accounts/$A/auth/invitations?email=$1" | jq -r '.[0].id'; }
P=$(inv_id pending.fixture@example.com)
before=$(api "/v1/public/accounts/$A/auth/invitations/$P" | jq -r .expires_at)
NOW=$(date -u +%s)
st=$(api_status POST "/v1/public/accounts/$A/auth/invitations/$P/resend" '{"locale":"de"}')
is "resend of a pending invitation is 200" "$st" 200
check "resend returns the invitation, still pending" body_jq \
    "(keys == $INV_KEYS) and .status == \"pending\" and .id == \"$P\""
after=$(jq -r .expires_at "$TMPD/body")
check "resend moves expires_at to now + 7 days" near "$(epoch "$after")" $((NOW + 7 * 86400)) 60
check "resend moved expires_at forward" [ "$(epoch "$after")" -gt "$(epoch "$before")" ]
is "resend accepts {\"locale\": null}" \
    "$(api_status POST "/v1/public/accounts/$A/auth/invitations/$P/resend" '{"locale":null}')" 200
is "resend without a body is 422 (the body is required)" \
    "$(api_status POST "/v1/public/accounts/$A/auth/invitations/$P/resend")" 422
for who in expired accepted revoked; do
    st=$(api_status POST "/v1/public/accounts/$A/auth/invitations/$(inv_id $who.fixture@example.com)/resend" '{}')
    check "resend of a $who invitation is 409 {detail}" \
        sh -c "[ $st = 409 ] && jq -e 'keys == [\"detail\"]' '$TMPD/body' >/dev/null"
done

# ---- get / revoke (INFERRED) ----
st=$(api_status GET "/v1/public/accounts/$A/auth/invitations/$NEW")
check "GET one invitation" sh -c "[ $st = 200 ] && jq -e '.id == \"$NEW\"' '$TMPD/body' >/dev/null"
is "DELETE revokes with 204" "$(api_status DELETE "/v1/public/accounts/$A/auth/invitations/$NEW")" 204
is "a revoked invitation reads as revoked" \
    "$(api "/v1/public/accounts/$A/auth/invitations/$NEW" | jq -r .status)" revoked
is "DELETE of an accepted invitation is 409" \
    "$(api_status DELETE "/v1/public/accounts/$A/auth/invitations/$(inv_id accepted.fixture@example.com)")" 409

# ---- errors ----
st=$(api_status GET /v1/public/no-such-route)
check "unknown route is 404 {\"detail\":\"Not Found\"}" \
    sh -c "[ $st = 404 ] && jq -e '. == {\"detail\":\"Not Found\"}' '$TMPD/body' >/dev/null"
is "unknown account is 404" \
    "$(api_status GET /v1/public/accounts/3c90c3cc-0d44-4b50-8888-8dd25736052a)" 404
is "unknown invitation is 404" \
    "$(api_status POST "/v1/public/accounts/$A/auth/invitations/3c90c3cc-0d44-4b50-8888-8dd25736052a/resend" '{}')" 404
is "a non-UUID account id is 422 on path.account_id" \
    "$(api_status GET /v1/public/accounts/not-a-uuid)/$(jq -c '.detail[0].loc' "$TMPD/body")" \
    '422/["path","account_id"]'
is "unsupported method is 405" "$(api_status PUT "/v1/public/accounts/$A")" 405
st=$(curl -s -o "$TMPD/body" -D "$TMPD/headers" -w '%{http_code}' "$SANDBOX_URL/v1/public/accounts")
is "no token: 401 Not authenticated" "$st/$(jq -c . "$TMPD/body")" '401/{"detail":"Not authenticated"}'
is "401 carries WWW-Authenticate: Bearer" "$(header WWW-Authenticate)" Bearer
st=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' \
    "$SANDBOX_URL/v1/public/accounts/$A/auth/invitations")
is "a wrong token is 401" "$st" 401

done_testing
