#!/bin/sh
# The lagging expiry (--expiry-lag): a Marketplace invitation whose 7 days
# are up stays Invited until a server job flips it, and a Hybridbox one
# stays pending past expires_at (INFERRED); the actions follow what the
# server says, not the computed expiry. The generator places a few such
# invitations inside the lag.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

AU=/public/v1/accounts/account-users
PROBLEM='["detail","instance","status","title","traceId","type"]'
is_problem() { # DESC STATUS EXPECTED
    if [ "$2" = "$3" ] && body_jq "(keys == $PROBLEM) and .status == $3"; then ok "$1"
    else not_ok "$1"; diag "status $2: $(cat "$TMPD/body")"; fi
}
iso_ms() { date -u -d "$1" +%Y-%m-%dT%H:%M:%S.000Z; }
status_of() { api "$AU/$1" | jq -r .invitation.status; }

# ---- the default lag (6 hours) ----
start_sandbox --seed 3 --accounts 1 --invitations 100 || { not_ok "sandbox starts"; done_testing; }
ACC=$(api /public/v1/accounts/accounts | jq -r '.data[0].id')
api "$AU?eq(account.id,%22$ACC%22)&select=%2Baudit&limit=100" >"$TMPD/users.json"
WEEK=$(iso_ms '-7 days')
jq --arg week "$WEEK" '[.data[] | select(.invitation.status == "Invited" and .audit.invited.at < $week)]' \
    "$TMPD/users.json" >"$TMPD/window.json"
check "a few Invited users (about 5%) were invited more than 7 days ago" \
    jqok 'length >= 3 and length <= 10' "$TMPD/window.json"
check "they are inside the lag: invited less than 7 days + 6 hours ago" \
    jqok --arg lagged "$(iso_ms '-7 days -6 hours')" 'all(.[]; .audit.invited.at > $lagged)' \
    "$TMPD/window.json"
check "every InvitationExpired user was invited more than 7 days + 6 hours ago" \
    jqok --arg lagged "$(iso_ms '-7 days -6 hours')" \
    'all(.data[] | select(.invitation.status == "InvitationExpired"); .audit.invited.at < $lagged)' \
    "$TMPD/users.json"
W=$(jq -r '.[0].id' "$TMPD/window.json")
W2=$(jq -r '.[1].id' "$TMPD/window.json")
WUSR=$(jq -r '.[1].user.id' "$TMPD/window.json")
is "the filter eq(invitation.status,Invited) still lists such a user" \
    "$(api "$AU?eq(account.id,%22$ACC%22)&eq(invitation.status,Invited)&limit=100" |
       jq --arg w "$W" '[.data[].id] | index($w) != null')" true
is "the account-scoped form says Invited too" \
    "$(api "/public/v1/accounts/accounts/$ACC/users/$WUSR" | jq -r '[.status, .invitation.status] | join(" ")')" \
    "Invited Invited"
is_problem "send-new-invite on it is the wrong-state 400 (the server still says Invited)" \
    "$(api_status POST "$AU/$W/send-new-invite")" 400
check "the wrong-state problem names the status the server holds" body_jq '.detail | test("is Invited")'
NOW=$(date -u +%s)
st=$(api_status POST "$AU/$W/resend-invite?select=%2Baudit")
is "resend-invite on it succeeds" "$st" 200
check "resend-invite restarts its 7 days now" \
    near "$(epoch "$(jq -r .audit.invited.at "$TMPD/body")")" "$NOW" 60
is "resend-invite on the account-scoped form succeeds too" \
    "$(api_status POST "/public/v1/accounts/accounts/$ACC/users/$WUSR/resend-invite")" 200

# Hybridbox: pending past expires_at, resend accepted (INFERRED).
A=$(api /v1/public/accounts | jq -r '.items[0].id')
api "/v1/public/accounts/$A/auth/invitations" >"$TMPD/hb.json"
HBW=$(jq -r --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '[.[] | select(.status == "pending" and .expires_at < $now)][0].id' "$TMPD/hb.json")
check "Hybridbox: a few pending invitations are past expires_at" \
    jqok --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '[.[] | select(.status == "pending" and .expires_at < $now)] | length >= 3' "$TMPD/hb.json"
is "Hybridbox: the status filter still lists one as pending" \
    "$(api "/v1/public/accounts/$A/auth/invitations?status=pending" |
       jq --arg i "$HBW" '[.[].id] | index($i) != null')" true
is "Hybridbox: resend on it succeeds" \
    "$(api_status POST "/v1/public/accounts/$A/auth/invitations/$HBW/resend" '{"locale":null}')" 200
stop_sandbox

# ---- --expiry-lag 0: the same data, flipped at once ----
start_sandbox --seed 3 --accounts 1 --invitations 100 --expiry-lag 0 ||
    { not_ok "sandbox starts"; done_testing; }
is "with --expiry-lag 0 the same user is InvitationExpired" "$(status_of "$W")" InvitationExpired
is_problem "resend-invite on it is the wrong-state 400" \
    "$(api_status POST "$AU/$W/resend-invite")" 400
is "send-new-invite on it succeeds" "$(api_status POST "$AU/$W/send-new-invite")" 200
is "Hybridbox: the same invitation is expired" \
    "$(api "/v1/public/accounts/$A/auth/invitations/$HBW" | jq -r .status)" expired
st=$(api_status POST "/v1/public/accounts/$A/auth/invitations/$HBW/resend" '{"locale":null}')
check "Hybridbox: resend on it is 409 {detail}" \
    sh -c "[ $st = 409 ] && jq -e 'keys == [\"detail\"]' '$TMPD/body' >/dev/null"
stop_sandbox

# ---- a short lag: the server job flips them without any request ----
start_sandbox --seed 3 --accounts 1 --invitations 100 --expiry-lag 8 ||
    { not_ok "sandbox starts"; done_testing; }
INVITED_Q="$AU?eq(account.id,%22$ACC%22)&eq(invitation.status,Invited)&limit=100"
# in_invited_list: whether W2 is on the status-filtered (cached) list
in_invited_list() {
    api "$INVITED_Q" | jq --arg w "$W2" '[.data[].id] | index($w) != null'
}
# Generated 4 s (half the lag) before its flip.
is "right after the start the user is on the Invited list" "$(in_invited_list)" true
hb_status() { api "/v1/public/accounts/$A/auth/invitations/$HBW" | jq -r .status; }
is "right after the start the Hybridbox invitation is pending" "$(hb_status)" pending
check "the user turns InvitationExpired once the lag has passed" \
    wait_until 20 sh -c "[ \"\$(curl -s -H 'Authorization: Bearer $SANDBOX_TOKEN' \
        '$SANDBOX_URL$AU/$W2' | jq -r .invitation.status)\" = InvitationExpired ]"
is "the cached status-filtered list drops it without any change to the state" \
    "$(in_invited_list)" false
check "the Hybridbox invitation turns expired once the lag has passed" \
    wait_until 20 sh -c "curl -s -H 'Authorization: Bearer $SANDBOX_TOKEN' \
        '$SANDBOX_URL/v1/public/accounts/$A/auth/invitations/$HBW' | jq -e '.status == \"expired\"' >/dev/null"

done_testing
