#!/bin/sh
# Marketplace routes: shapes match the reference pages, both path forms, the
# invitation state machine, create validation and problem details.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

start_sandbox --seed 3 --accounts 2 --invitations 40 || { not_ok "sandbox starts"; done_testing; }

# Keys of the reference AccountUser (resend-invite / send-new-invite pages);
# user.email is the sandbox's INFERRED addition.
TOP='["$meta","account","audit","buyers","groups","id","invitation","lastLoginAt","modules","user"]'
PROBLEM='["detail","instance","status","title","traceId","type"]'
MS='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$'

api /public/v1/accounts/accounts >"$TMPD/accounts.json"
check "accounts: collection envelope" jqok \
    '(keys == ["$meta","data"]) and (."$meta".pagination | keys == ["limit","offset","total"])
     and ."$meta".pagination.total == 2' "$TMPD/accounts.json"
check "accounts have id, name, type, status, icon" jqok \
    'all(.data[]; (keys == ["icon","id","name","status","type"]) and (.id | test("^ACC-\\d{4}-\\d{4}$")))' \
    "$TMPD/accounts.json"
ACC=$(jq -r '.data[0].id' "$TMPD/accounts.json")
ACC2=$(jq -r '.data[1].id' "$TMPD/accounts.json")
is "get one account" "$(api "/public/v1/accounts/accounts/$ACC" | jq -r .id)" "$ACC"

# The standalone collection filtered by account is the list of an account's
# memberships (CONTRACT: "Marketplace users (revised)").
AU=/public/v1/accounts/account-users
BY_ACC="$AU?eq(account.id,%22$ACC%22)"
api "$BY_ACC&limit=100" >"$TMPD/users.json"
check "users: 40 in the envelope, audit omitted" jqok \
    '."$meta".pagination.total == 40 and ."$meta".omitted == ["audit"] and (.data | length) == 40' \
    "$TMPD/users.json"
check "every user has only reference fields (audit omitted)" jqok \
    "all(.data[]; (keys - $TOP) == [] and has(\"audit\") == false and
         .\"\$meta\".omitted == [\"audit\"])" "$TMPD/users.json"
check "always-present fields are there" jqok \
    'all(.data[]; has("id") and has("user") and has("groups") and has("modules") and
         has("account") and has("invitation"))' "$TMPD/users.json"
check "nested objects have the reference fields" jqok \
    'all(.data[]; (.user | keys - ["firstName","lastName"] == ["email","icon","id","name"]) and
        all(.groups[]; keys == ["description","id","isDefault","logo","name"]) and
        (.account | keys == ["icon","id","name","status","type"]) and
        all(.modules[]; (keys - ["description","filters","id","name","settings"]) == [] and
            (.settings | keys == ["configurable","default","eligibility","obsolete","paid","type"]) and
            (.settings.eligibility | keys == ["multi","single"])) and
        all(.buyers[]?; keys == ["icon","id","name"]))' "$TMPD/users.json"
check "user.firstName and user.lastName (docs example) are there, lastName absent for single names" jqok \
    'all(.data[].user; .firstName) and any(.data[].user; .lastName) and
     any(.data[].user; has("lastName") | not) and
     any(.data[].user; .name == .firstName + " " + .lastName) and
     any(.data[].user; .name == .lastName + .firstName)' "$TMPD/users.json"
check "buyers and module filters appear only sometimes" jqok \
    'any(.data[]; has("buyers")) and any(.data[]; has("buyers") | not) and
     any(.data[].modules[]; has("filters"))' "$TMPD/users.json"
check "ids follow the documented formats" jqok \
    'all(.data[]; (.id | test("^AUSR-\\d{4}-\\d{4}-\\d{4}$")) and
         (.user.id | test("^USR-\\d{4}-\\d{4}$")) and
         all(.groups[]; .id | test("^UGR-\\d{4}-\\d{4}$")))' "$TMPD/users.json"
check "no value is null (absent values are omitted)" jqok \
    '[.. | select(. == null)] | length == 0' "$TMPD/users.json"
check "invitation.url only while Invited" jqok \
    'all(.data[]; (.invitation | has("url")) == (.invitation.status == "Invited"))' \
    "$TMPD/users.json"
check "Invited, InvitationExpired and Active all occur" jqok \
    '[.data[].invitation.status] | unique == ["Active","InvitationExpired","Invited"]' \
    "$TMPD/users.json"
check "lastLoginAt only on some active users" jqok \
    'any(.data[]; has("lastLoginAt")) and
     all(.data[] | select(has("lastLoginAt")); .invitation.status == "Active")' "$TMPD/users.json"

check "standalone list by account: every item is an AccountUser of that account with user.email" jqok \
    "all(.data[]; (.id | test(\"^AUSR-\")) and .account.id == \"$ACC\" and
         (.user.id | test(\"^USR-\")) and (.user.email | length > 0) and (has(\"email\") | not))" \
    "$TMPD/users.json"
is "eq(account.id,...) quoted and unquoted select the same users" \
    "$(api "$AU?eq(account.id,$ACC)&limit=100" | jq -c '[.data[].id]')" \
    "$(jq -c '[.data[].id]' "$TMPD/users.json")"
is "eq(account.id,...) combined with and(), ilike() and the status" \
    "$(api "$AU?and(eq(account.id,%22$ACC%22),ilike(user.email,*fixture*),eq(invitation.status,Invited))&limit=100" |
       jq -c '[.data[].user.email] | sort')" \
    "$(jq -c '[.data[] | select((.user.email | test("fixture")) and .invitation.status == "Invited") |
               .user.email] | sort' "$TMPD/users.json")"
api "$BY_ACC&limit=100&select=+audit" >"$TMPD/audit.json"
check "select=+audit adds audit and drops \$meta.omitted" jqok \
    "(.\"\$meta\" | has(\"omitted\") | not) and all(.data[]; has(\"audit\") and (has(\"\$meta\") | not))" \
    "$TMPD/audit.json"
check "audit has the reference events (plus canon invited)" jqok \
    "all(.data[].audit; (keys - [\"access\",\"created\",\"invitationAcceptedAt\",\"invited\",\"joined\",\"updated\"]) == []
         and (.created | keys == [\"at\",\"by\"]) and (.created.by | keys == [\"icon\",\"id\",\"name\"])
         and (.created.at | test(\"$MS\")))" "$TMPD/audit.json"
check "active users have joined and invitationAcceptedAt" jqok \
    'all(.data[] | select(.invitation.status == "Active"); .audit.joined.at and .audit.invitationAcceptedAt)' \
    "$TMPD/audit.json"

# ---- the state machine ----
user_by_mail() { # EMAIL -> AUSR id in $ACC
    api "$BY_ACC&eq(user.email,$1)" | jq -r '.data[0].id'
}
INVITED=$(user_by_mail invited.fixture@example.com)
EXPIRED=$(user_by_mail expired.fixture@example.com)
ACTIVE=$(user_by_mail active.fixture@example.com)
is_problem() { # DESC STATUS EXPECTED
    if [ "$2" = "$3" ] && body_jq "(keys == $PROBLEM) and .status == $3"; then ok "$1"
    else not_ok "$1"; diag "status $2: $(cat "$TMPD/body")"; fi
}
is_problem "resend-invite on an InvitationExpired user is 400 problem details" \
    "$(api_status POST "/public/v1/accounts/account-users/$EXPIRED/resend-invite")" 400
is_problem "send-new-invite on an Invited user is 400 problem details" \
    "$(api_status POST "/public/v1/accounts/account-users/$INVITED/send-new-invite")" 400
is_problem "send-new-invite on an Active user is 400" \
    "$(api_status POST "/public/v1/accounts/account-users/$ACTIVE/send-new-invite")" 400
is_problem "resend-invite on an Active user is 400" \
    "$(api_status POST "/public/v1/accounts/account-users/$ACTIVE/resend-invite")" 400

invited_at() { api "/public/v1/accounts/account-users/$1?select=+audit" | jq -r .audit.invited.at; }
old=$(invited_at "$EXPIRED")
NOW=$(date -u +%s)
st=$(api_status POST "/public/v1/accounts/account-users/$EXPIRED/send-new-invite?select=+audit" null)
is "send-new-invite on an InvitationExpired user is 200" "$st" 200
check "it returns the AccountUser, Invited again, with a link" body_jq \
    ".id == \"$EXPIRED\" and .invitation.status == \"Invited\" and (.invitation.url | startswith(\"https://\"))"
new=$(jq -r .audit.invited.at "$TMPD/body")
check "the 7-day window restarts now (expiry moves 7 days ahead)" \
    sh -c "[ $(epoch "$new") -gt $(epoch "$old") ] && [ $(( $(epoch "$new") - NOW )) -ge -60 ] &&
           [ $(( $(epoch "$new") - NOW )) -le 60 ]"
url1=$(api "/public/v1/accounts/account-users/$INVITED" | jq -r .invitation.url)
old=$(invited_at "$INVITED")
st=$(api_status POST "/public/v1/accounts/account-users/$INVITED/resend-invite")
is "resend-invite on an Invited user is 200" "$st" 200
check "resend-invite issues a new link" body_jq ".invitation.status == \"Invited\" and .invitation.url != \"$url1\""
new=$(invited_at "$INVITED")
check "resend-invite restarts the window" [ "$(epoch "$new")" -gt "$(epoch "$old")" ]
is "the user is not expired after send-new-invite" \
    "$(api "/public/v1/accounts/account-users/$EXPIRED" | jq -r .invitation.status)" Invited

# ---- account-scoped and 2025 path forms: user-shaped items ----
# Keys of the docs' User object in ACCOUNT CONTEXT [S1 users/README], plus
# $meta (audit omitted) as on every Marketplace object.
USER_KEYS='["$meta","account","audit","buyers","email","firstName","groups","id","invitation","lastName","modules","name","settings","status"]'
USR=$(api "$AU/$INVITED" | jq -r .user.id)
api "$BY_ACC&limit=100" >"$TMPD/users-now.json"
for SCOPED in "/public/v1/accounts/accounts/$ACC/users" "/public/v1/accounts/$ACC/users"; do
    api "$SCOPED?limit=100" >"$TMPD/scoped.json"
    check "$SCOPED: the account's 40 users" jqok \
        '."$meta".pagination.total == 40 and (.data | length) == 40' "$TMPD/scoped.json"
    check "$SCOPED: items are user-shaped (USR id, top-level email, name, status)" jqok \
        "all(.data[]; (.id | test(\"^USR-\\\\d{4}-\\\\d{4}\$\")) and (.email | length > 0) and
             (.name | length > 0) and (.status | IN(\"Invited\",\"InvitationExpired\",\"Active\")) and
             .invitation.status == .status and (has(\"user\") | not) and ((keys - $USER_KEYS) == []))" \
        "$TMPD/scoped.json"
    check "$SCOPED: no AUSR id anywhere in the items" jqok \
        '[.. | strings | select(test("AUSR-"))] | length == 0' "$TMPD/scoped.json"
    is "$SCOPED: the same people as the standalone list, in the same order" \
        "$(jq -c '[.data[] | [.id, .email, .name, .invitation.status]]' "$TMPD/scoped.json")" \
        "$(jq -c '[.data[] | [.user.id, .user.email, .user.name, .invitation.status]]' "$TMPD/users-now.json")"
    is "$SCOPED: filtered by id=USR-... (the official client's e2e test) gives that user" \
        "$(api "$SCOPED?id=$USR&select=-name" | jq -r '[."$meta".pagination.total, .data[0].email] | join(" ")')" \
        "1 invited.fixture@example.com"
    is "$SCOPED: GET by USR id is user-shaped" \
        "$(api "$SCOPED/$USR" | jq -r '[.id, .email, (has("user") | tostring)] | join(" ")')" \
        "$USR invited.fixture@example.com false"
done
SCOPED="/public/v1/accounts/accounts/$ACC/users"
api "$SCOPED?limit=100&select=+audit" >"$TMPD/scoped-audit.json"
check "scoped select=+audit: the example's events (login, access, joined, created, updated) and invited" jqok \
    'all(.data[]; (.audit | keys - ["access","created","invited","joined","login","updated"]) == [] and
         (has("$meta") | not)) and any(.data[]; .audit.login.at) and any(.data[]; .audit.joined.at)' \
    "$TMPD/scoped-audit.json"
is "scoped: order=name and eq(status,...) are fields of the user shape" \
    "$(api "$SCOPED?eq(status,Invited)&order=name&limit=100" | jq -c '[.data[].name]')" \
    "$(jq -c '[.data[] | select(.invitation.status == "Invited") | .user.name] | sort' "$TMPD/users-now.json")"
st=$(api_status GET "$SCOPED?eq(user.email,invited.fixture@example.com)")
check "scoped: user.email is not a field of the user shape (400 problem details)" \
    sh -c "[ $st = 400 ] && jq -e '.detail | test(\"user.email\")' '$TMPD/body' >/dev/null"
st=$(api_status POST "$SCOPED/$USR/resend-invite")
check "account-scoped resend-invite answers the user shape" \
    sh -c "[ $st = 200 ] && jq -e '.id == \"$USR\" and .status == \"Invited\" and (.invitation.url | startswith(\"https://\"))' '$TMPD/body' >/dev/null"
is "2025 spelling /public/v1/accounts/{id}/users/{USR}/resend-invite" \
    "$(api_status POST "/public/v1/accounts/$ACC/users/$USR/resend-invite")" 200
is_problem "account-scoped send-new-invite on an Invited user is 400" \
    "$(api_status POST "$SCOPED/$USR/send-new-invite")" 400
is "a USR id of another account is 404 in this account" \
    "$(api_status GET "/public/v1/accounts/accounts/$ACC2/users/$USR")" 404
is "an AUSR id is 404 on the account-scoped form" \
    "$(api_status GET "$SCOPED/$INVITED")" 404
is "standalone list spans all accounts" \
    "$(api "$AU?limit=0" | jq '."$meta".pagination.total')" 80

# ---- create ----
G=$(api "/public/v1/accounts/user-groups?eq(account.id,\"$ACC\")&limit=100" | jq -r '.data[0].id')
body="{\"user\":{\"email\":\"ann.lee@example.com\",\"firstName\":\"Ann\",\"lastName\":\"Lee\"},
       \"groups\":[{\"id\":\"$G\"}],\"account\":{\"id\":\"$ACC\"}}"
st=$(api_status POST /public/v1/accounts/account-users "$body")
is "create (standalone) is 201" "$st" 201
check "created user is Invited with the reference fields" body_jq \
    "(keys - $TOP) == [] and .invitation.status == \"Invited\" and .user.name == \"Ann Lee\" and
     .account.id == \"$ACC\" and [.groups[].id] == [\"$G\"] and (.id | test(\"^AUSR-\"))"
NEWID=$(jq -r .id "$TMPD/body")
check "the created user has firstName and lastName" body_jq \
    '.user.firstName == "Ann" and .user.lastName == "Lee"'
is "the created user is listed" \
    "$(api "$BY_ACC&eq(user.email,ann.lee@example.com)" | jq -r '.data[0].id')" \
    "$NEWID"
is_problem "creating the same member again is 409" \
    "$(api_status POST "/public/v1/accounts/accounts/$ACC/users" "$body")" 409
st=$(api_status POST "/public/v1/accounts/accounts/$ACC2/users" \
    '{"user":{"email":"x@example.com","firstName":"","lastName":"Y"},"groups":[{"id":"UGR-12"}]}')
check "validation errors are 400 with an errors map" \
    sh -c "[ $st = 400 ] && jq -e '(.errors | type == \"object\") and .errors[\"user.firstName\"][0] and
        .errors[\"groups[0].id\"][0] and .status == 400 and .title and .traceId' '$TMPD/body' >/dev/null"
st=$(api_status POST "/public/v1/accounts/accounts/$ACC2/users" '{"user":{"email":"x@example.com","firstName":"X","lastName":"Y"},"groups":[]}')
check "groups must not be empty" sh -c "[ $st = 400 ] && jq -e '.errors.groups' '$TMPD/body' >/dev/null"
st=$(api_status POST /public/v1/accounts/account-users '{"user":{"email":"x@example.com","firstName":"X","lastName":"Y"},"groups":[{"id":"UGR-1234-5678"}]}')
check "standalone create needs account.id" sh -c "[ $st = 400 ] && jq -e '.errors[\"account.id\"]' '$TMPD/body' >/dev/null"
st=$(api_status POST /public/v1/accounts/account-users '{"user":')
check "bad JSON is 400 problem details" sh -c "[ $st = 400 ] && jq -e '.errors' '$TMPD/body' >/dev/null"

# ---- groups ----
api "/public/v1/accounts/user-groups?eq(account.id,\"$ACC\")&limit=100" >"$TMPD/ugr.json"
check "user-groups filtered by account" jqok \
    "(.data | length) > 0 and all(.data[]; .account.id == \"$ACC\" and
     (keys == [\"account\",\"description\",\"id\",\"isDefault\",\"logo\",\"modules\",\"name\"]))" \
    "$TMPD/ugr.json"

# ---- delete ----
is "DELETE a membership is 204" "$(api_status DELETE "/public/v1/accounts/account-users/$NEWID")" 204
is "the deleted membership is gone" "$(api_status GET "/public/v1/accounts/account-users/$NEWID")" 404
body="{\"user\":{\"email\":\"bo.ek@example.com\",\"firstName\":\"Bo\",\"lastName\":\"Ek\"},
       \"groups\":[{\"id\":\"$G\"}]}"
st=$(api_status POST "$SCOPED" "$body")
check "create on the account-scoped form answers 201 in the user shape" \
    sh -c "[ $st = 201 ] && jq -e '(.id | test(\"^USR-\")) and .email == \"bo.ek@example.com\" and
        .firstName == \"Bo\" and .lastName == \"Ek\" and .name == \"Bo Ek\" and .status == \"Invited\"' '$TMPD/body' >/dev/null"
BO=$(jq -r .id "$TMPD/body")
is "the id it answers deletes it on the account-scoped form (as the official client does)" \
    "$(api_status DELETE "$SCOPED/$BO")" 204
is "then it is gone" "$(api_status GET "$SCOPED/$BO")" 404

# ---- errors ----
st=$(curl -s -o "$TMPD/body" -D "$TMPD/headers" -w '%{http_code}' "$SANDBOX_URL/public/v1/accounts/accounts")
check "401 problem details titled Unauthorized" \
    sh -c "[ $st = 401 ] && jq -e '.title == \"Unauthorized\" and .status == 401 and .type and .traceId' '$TMPD/body' >/dev/null"
is "401 problem details name the request path as instance" \
    "$(jq -r .instance "$TMPD/body")" /public/v1/accounts/accounts
is "401 carries WWW-Authenticate: Bearer" "$(header WWW-Authenticate)" Bearer
is_problem "unknown account user is 404 problem details" \
    "$(api_status GET /public/v1/accounts/account-users/AUSR-0000-0000-0000)" 404
check "problem details carry a W3C traceId and the path (no query) as instance" body_jq \
    '(.traceId | test("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$")) and
     .instance == "/public/v1/accounts/account-users/AUSR-0000-0000-0000"'
st=$(api_status GET "/public/v1/accounts/account-users?eq(nope,1)&limit=5")
check "an RQL error's instance is the collection's path" \
    sh -c "[ $st = 400 ] && jq -e '.instance == \"/public/v1/accounts/account-users\" and .traceId' '$TMPD/body' >/dev/null"
is_problem "unknown account is 404 problem details" \
    "$(api_status GET /public/v1/accounts/accounts/ACC-0000-0000/users)" 404
st=$(api_status GET /public/v1/accounts/nothing)
check "unknown route is 404 problem details" sh -c "[ $st = 404 ] && jq -e '.status == 404 and .title == \"Not Found\"' '$TMPD/body' >/dev/null"
check "problem details use the problem+json media type" \
    sh -c "header() { tr -d '\r' <'$TMPD/headers' | grep -i '^content-type:'; }; header | grep -q 'application/problem+json'"

done_testing
