#!/bin/sh
# The acceptance scenario: `invitui-sandbox --port 0 --token T` prints its
# URL; the four reference endpoints answer with the reference pages' fields
# (tests/sandbox/reference/*.json are the pages' examples, verbatim); the
# wrong-state invite actions fail with problem details and the right ones
# succeed and move the expiry seven days ahead.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

REF="$top_srcdir/tests/sandbox/reference"
SANDBOX_TOKEN=T
start_sandbox || { not_ok "sandbox starts"; done_testing; }
check "the first line of stdout is the base URL" \
    sh -c "head -n 1 '$SANDBOX_OUT' | grep -Eq '^http://127\\.0\\.0\\.1:[0-9]+\$'"
H='Authorization: Bearer T'

# The shape of a document: every key path, array indices as []. The Marketplace
# pages render audit.*.by as a character map of "[Circular Reference]"; the
# contract says by = {id, name, icon}, so paths below "by" are normalised.
SHAPE='[paths | map(if type == "number" then "[]" else . end)
        | if (index("by") != null) then .[0:index("by") + 1] else . end | join(".")] | unique'
shape() { jq -c "$SHAPE" "$@"; }
# union of the shapes of a JSON array's elements
shapes() { jq -c "[.[] | $SHAPE] | add | unique" "$@"; }

# ---- Hybridbox: create and resend ----
A=$(curl -s -H "$H" "$SANDBOX_URL/v1/public/accounts" | jq -r '.items[0].id')
G=$(curl -s -H "$H" "$SANDBOX_URL/v1/public/accounts/$A/auth/groups" | jq -r '.[0].id')
NOW=$(date -u +%s)
curl -s -H "$H" -H 'Content-Type: application/json' -o "$TMPD/create.json" \
    -d "{\"assignments\":[{\"role_key\":\"editor\"},{\"capability_key\":\"billing.view\"},
         {\"group_id\":\"$G\",\"resource_id\":\"$A\"}],\"email\":\"accept@example.com\",
         \"locale\":\"fr\",\"note\":\"acceptance\"}" \
    "$SANDBOX_URL/v1/public/accounts/$A/auth/invitations"
ref=$(shape "$REF/hybridbox-invitation.json")
got=$(shape "$TMPD/create.json")
check "create: every field of the response is on the reference page" \
    jqok -n --argjson r "$ref" --argjson g "$got" '($g - $r) == []'
check "create: the response has every top-level field of the reference page" \
    jqok -n --slurpfile r "$REF/hybridbox-invitation.json" --slurpfile g "$TMPD/create.json" \
    '($r[0] | keys) == ($g[0] | keys) and ($r[0].assignments[0] | keys) == ($g[0].assignments[0] | keys)
     and ($r[0].permission_context | keys) == ($g[0].permission_context | keys)'
check "create: the new invitation is pending and expires in 7 days" \
    sh -c "jq -e '.status == \"pending\"' '$TMPD/create.json' >/dev/null &&
           [ \$(( \$(date -u -d \$(jq -r .expires_at '$TMPD/create.json') +%s) - $NOW - 604800 )) -le 60 ]"
curl -s -H "$H" "$SANDBOX_URL/v1/public/accounts/$A/auth/invitations" >"$TMPD/list.json"
check "list: the union of all invitations' shapes is the reference shape" \
    jqok -n --argjson r "$ref" --argjson g "$(shapes "$TMPD/list.json")" '$g == $r'
P=$(jq -r '[.[] | select(.status == "pending")][0].id' "$TMPD/list.json")
before=$(jq -r --arg p "$P" '.[] | select(.id == $p) | .expires_at' "$TMPD/list.json")
NOW=$(date -u +%s)
curl -s -H "$H" -H 'Content-Type: application/json' -d '{"locale":"fr"}' -o "$TMPD/resend.json" \
    "$SANDBOX_URL/v1/public/accounts/$A/auth/invitations/$P/resend"
check "resend: every field of the response is on the reference page" \
    jqok -n --argjson r "$(shape "$REF/hybridbox-invitation.json")" \
    --argjson g "$(shape "$TMPD/resend.json")" '($g - $r) == []'
after=$(jq -r .expires_at "$TMPD/resend.json")
check "resend: expires_at moves to now + 7 days" \
    sh -c "[ $(epoch "$after") -gt $(epoch "$before") ] && [ \$(( $(epoch "$after") - $NOW - 604800 )) -le 60 ] &&
           [ \$(( $(epoch "$after") - $NOW - 604800 )) -ge -60 ]"

# ---- Marketplace: resend-invite and send-new-invite ----
ACC=$(curl -s -H "$H" "$SANDBOX_URL/public/v1/accounts/accounts" | jq -r '.data[0].id')
users="$SANDBOX_URL/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)"
INVITED=$(curl -s -H "$H" "$users&eq(invitation.status,Invited)&limit=1" | jq -r '.data[0].id')
EXPIRED=$(curl -s -H "$H" "$users&eq(invitation.status,InvitationExpired)&limit=1" | jq -r '.data[0].id')
AU="$SANDBOX_URL/public/v1/accounts/account-users"
PROBLEM='["detail","instance","status","title","traceId","type"]'

code=$(curl -s -o "$TMPD/p1.json" -w '%{http_code}' -X POST -H "$H" "$AU/$EXPIRED/resend-invite")
check "resend-invite on an InvitationExpired user fails with problem details" \
    sh -c "[ $code = 400 ] && jq -e 'keys == $PROBLEM and .status == 400' '$TMPD/p1.json' >/dev/null"
code=$(curl -s -o "$TMPD/p2.json" -w '%{http_code}' -X POST -H "$H" "$AU/$INVITED/send-new-invite")
check "send-new-invite on an Invited user fails with problem details" \
    sh -c "[ $code = 400 ] && jq -e 'keys == $PROBLEM and .status == 400' '$TMPD/p2.json' >/dev/null"

mp_ref=$(shape "$REF/marketplace-resend-invite.json")
is "both Marketplace reference pages have the same shape" \
    "$(shape "$REF/marketplace-send-new-invite.json")" "$mp_ref"
# Additions: user.email, user.firstName and user.lastName (the docs'
# AccountUser example), and the canon's audit.invited event.
extra='["user.email","user.firstName","user.lastName","audit.invited","audit.invited.at"]'
mp_ok() { # DESC FILE
    check "$1" jqok -n --argjson r "$mp_ref" --argjson e "$extra" --argjson g "$(shape "$2")" \
        '($g - $r - $e) == []'
}
invited_at() { curl -s -H "$H" "$AU/$1?select=+audit" | jq -r .audit.invited.at; }
old=$(invited_at "$INVITED")
NOW=$(date -u +%s)
code=$(curl -s -o "$TMPD/r.json" -w '%{http_code}' -X POST -H "$H" "$AU/$INVITED/resend-invite?select=+audit")
is "resend-invite on an Invited user succeeds" "$code" 200
mp_ok "resend-invite: every field of the response is on the reference page" "$TMPD/r.json"
new=$(jq -r .audit.invited.at "$TMPD/r.json")
check "resend-invite: the 7-day window restarts now" \
    sh -c "[ $(epoch "$new") -gt $(epoch "$old") ] && [ \$(( $(epoch "$new") - $NOW )) -le 60 ]"
old=$(invited_at "$EXPIRED")
code=$(curl -s -o "$TMPD/s.json" -w '%{http_code}' -X POST -H "$H" -H 'Content-Type: application/json' \
    -d null "$AU/$EXPIRED/send-new-invite?select=+audit")
is "send-new-invite on an InvitationExpired user succeeds" "$code" 200
mp_ok "send-new-invite: every field of the response is on the reference page" "$TMPD/s.json"
new=$(jq -r .audit.invited.at "$TMPD/s.json")
check "send-new-invite: Invited again, the 7-day window restarts now" \
    sh -c "jq -e '.invitation.status == \"Invited\"' '$TMPD/s.json' >/dev/null &&
           [ $(epoch "$new") -gt $(epoch "$old") ] && [ \$(( $(epoch "$new") - $NOW )) -le 60 ]"
curl -s -H "$H" "$users&limit=100&select=+audit" | jq '.data' >"$TMPD/a.json"
curl -s -H "$H" "$users&limit=100" | jq '.data' >"$TMPD/b.json"
check "users: the union of all shapes covers the reference page" \
    jqok -n --argjson r "$mp_ref" --argjson e "$extra" \
    --argjson g "$(jq -s 'add' "$TMPD/a.json" "$TMPD/b.json" | shapes)" '($g - $r - $e) == [] and ($r - $g) == []'

done_testing
