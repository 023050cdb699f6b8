#!/bin/sh
# The CLI speaks the Marketplace as CONTRACT.md's "Decisions" describe it:
# users listed from the standalone account-users collection, both item
# shapes read, every base_url spelling, the server's status deciding (an
# Invited user past the computed 7 days is still resent), and invite POSTs
# without a body.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --accounts 1 --invitations 300 --expiry-lag 86400 ||
    { not_ok "sandbox starts"; done_testing; }
write_config
for form in / /public /public/ /public/v1; do
    printf '\n[profile mp-base%s]\nprovider = marketplace\nbase_url = %s%s\ntoken_env = INVITUI_TEST_TOKEN\n' \
        "$(printf '%s' "$form" | tr / -)" "$SANDBOX_URL" "$form" >>"$CONFIG"
done
printf '\n[profile mp-scoped]\nprovider = marketplace\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\nuser_path = account\n' \
    "$SANDBOX_URL" >>"$CONFIG"

ACC=$(sandbox_get "/public/v1/accounts/accounts?limit=1" | jq -r '.data[0].id')
total=$(sandbox_get "/public/v1/accounts/account-users?eq(account.id,\"$ACC\")&limit=0" |
        jq '."$meta".pagination.total')

"$INVITUI" --config "$CONFIG" --profile mp --trace "$TMPD/trace" list --account "$ACC" --json \
    >"$TMPD/out" 2>"$TMPD/err" </dev/null
RC=$?
expect_rc 0 "list the account's users"
check "every one of the $total users is listed" test "$(jq length "$TMPD/out")" = "$total"
check "rows have AUSR ids and the user's USR id" \
    test "$(jq '[.[] | select((.id | test("^AUSR-")) and (.user_id | test("^USR-")))] | length' \
            "$TMPD/out")" = "$total"
check "every row has its e-mail (from the nested user)" \
    test "$(jq '[.[] | select(.email == null or .email == "")] | length' "$TMPD/out")" = 0
check "the list is read from the standalone collection, filtered by account" \
    grep -q "GET .*/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&select=+audit&limit=100" \
    "$TMPD/trace"
check "no account-scoped list read in the standalone form" \
    sh -c '! grep -q "GET .*/accounts/accounts/[^ ]*/users" "$1"' - "$TMPD/trace"

for p in mp-base- mp-base-public mp-base-public- mp-base-public-v1; do
    cli --profile "$p" list --account "$ACC" --json
    check "base_url form of profile $p: the same $total users" test "$(jq length "$TMPD/out")" = "$total"
done

# The account-scoped collection: user-shaped items, read by the same reader.
cli --profile mp-scoped list --account "$ACC" --json
expect_rc 0 "list through the account-scoped collection"
check "user-shaped rows: USR ids, e-mails present" \
    test "$(jq '[.[] | select((.id | test("^USR-")) and (.email | length > 0))] | length' \
            "$TMPD/out")" = "$total"
SCOPED=$(jq -r '[.[] | select(.raw_status == "Invited")][0].id' "$TMPD/out")
cli --profile mp-scoped resend "$SCOPED" --account "$ACC" --yes --json
expect_rc 0 "resend on a user-shaped row"
check "it went through the account-scoped path with the USR id" \
    test "$(sandbox_get /_sandbox/actions |
            jq --arg id "$SCOPED" '[.[] | select(.action == "resend" and .id == $id)] | length')" = 1

# The server's status decides: Invited past the computed 7 days is a hint.
cli --profile mp list --account "$ACC" --json
HINT=$(jq -r '[.[] | select(.raw_status == "Invited" and .status_computed)][0].id' "$TMPD/out")
check "some Invited user is past the computed expiry ($HINT)" test -n "$HINT" -a "$HINT" != null
check "it is listed as expired, marked as computed" \
    test "$(jq -r --arg id "$HINT" '.[] | select(.id == $id) | .status' "$TMPD/out")" = expired
cli --profile mp list --account "$ACC" --status expired
check "the table says expired? for it" grep -q "expired?" "$TMPD/out"
cli --profile mp send-new "$HINT" --yes
expect_rc 1 "send-new is refused while the server says Invited"
check "the refusal names the server's status" grep -q "server says Invited" "$TMPD/err"
cli --profile mp resend "$HINT" --yes --json
expect_rc 0 "resend of the Invited user past its computed expiry"
check "it reached the server" \
    test "$(sandbox_get /_sandbox/actions |
            jq --arg id "$HINT" '[.[] | select(.action == "resend" and .id == $id)] | length')" = 1
check "the answer renews it: pending, not computed" \
    test "$(jq -r '.[0].status + " " + (.[0].status_computed | tostring)' "$TMPD/out")" = "pending false"

cli --profile mp list --account "$ACC" --json
EXPIRED=$(jq -r '[.[] | select(.raw_status == "InvitationExpired")][0].id' "$TMPD/out")
cli --profile mp send-new "$EXPIRED" --yes --json
expect_rc 0 "send-new on an InvitationExpired user"

# Invite POSTs carry no body and no Content-Type (the official client posts none).
check "resend-invite and send-new-invite were posted without a body or Content-Type" \
    test "$(sandbox_get /_sandbox/actions |
            jq '[.[] | select(.action == "resend" or .action == "send-new")
                     | select(.body_bytes != 0 or .content_type != null)] | length')" = 0
check "three invite actions were recorded" \
    test "$(sandbox_get /_sandbox/actions |
            jq '[.[] | select(.action == "resend" or .action == "send-new")] | length')" = 3

done_testing
