#!/bin/sh
# The CLI against the sandbox's Marketplace API: paging, RQL filters, the
# resend-invite / send-new-invite state rules, read-only profiles.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --accounts 2 --invitations 230 || { not_ok "sandbox starts"; done_testing; }
write_config

cli --profile mp accounts --json
expect_rc 0 "accounts"
ACC=$(jq -r '.[0].id' "$TMPD/out")
check "accounts have ACC- ids and a type" \
    test "$(jq '[.[] | select((.id | startswith("ACC-")) and .type)] | length' "$TMPD/out")" = 2

total=$(sandbox_get "/public/v1/accounts/accounts/$ACC/users?limit=0" | jq '."$meta".pagination.total')
cli --profile mp list --account "$ACC" --json
expect_rc 0 "list pages through every user"
check "list returns all $total users of the account (3 pages)" test "$(jq length "$TMPD/out")" = "$total"
check "ids are unique across pages" test "$(jq '[.[].id] | unique | length' "$TMPD/out")" = "$total"
check "rows carry the user id and the raw AccountUser" \
    test "$(jq '[.[] | select((.user_id | startswith("USR-")) and .raw.invitation)] | length' \
            "$TMPD/out")" = "$total"

cli --profile mp list --account "$ACC" --status expired --json
expect_rc 0 "list --status expired"
EXPIRED=$(jq -r '.[0].id' "$TMPD/out")
check "every row is expired" test "$(jq '[.[] | select(.status != "expired")] | length' "$TMPD/out")" = 0
check "raw status is InvitationExpired" test "$(jq -r '.[0].raw_status' "$TMPD/out")" = InvitationExpired

cli --profile mp list --account "$ACC" --status pending --json
INVITED=$(jq -r '.[0].id' "$TMPD/out")
check "pending rows are Invited users" test "$(jq -r '.[0].raw_status' "$TMPD/out")" = Invited

cli --profile mp send-new "$INVITED" --yes
expect_rc 1 "send-new on an Invited user is refused"
cli --profile mp resend "$EXPIRED" --yes
expect_rc 1 "resend-invite on an expired user is refused"

cli --profile mp send-new "$EXPIRED" --yes --json
expect_rc 0 "send-new on an expired user"
check "the user is pending again" test "$(jq -r '.[0].status' "$TMPD/out")" = pending
exp=$(jq -r '.[0].expires_at' "$TMPD/out")
week=$(date -u -d '+7 days' +%Y-%m-%dT%H)
check "the new invitation expires in seven days ($exp)" test "$(printf '%s' "$exp" | cut -c1-13)" = "$week"
check "the sandbox recorded one send-new for that user" \
    test "$(sandbox_get /_sandbox/actions | jq --arg id "$EXPIRED" \
            '[.[] | select(.action == "send-new" and .id == $id)] | length')" = 1

cli --profile mp resend "$INVITED" --yes --json
expect_rc 0 "resend-invite on an Invited user"

cli --profile mp-ro send-new "$EXPIRED" --yes
expect_rc 2 "a read-only profile refuses actions"
check "the refusal names read-only" grep -qi 'read-only' "$TMPD/err"

cli --profile mp show "$INVITED" --json
expect_rc 0 "show by AUSR id"
check "show returns the user" test "$(jq -r '.[0].id' "$TMPD/out")" = "$INVITED"
cli --profile mp show AUSR-12
expect_rc 2 "a malformed AUSR id is refused before any request"

GROUP=$(sandbox_get "/public/v1/accounts/user-groups?eq(account.id,\"$ACC\")&limit=1" | jq -r '.data[0].id')
cli --profile mp create --account "$ACC" --email ann.lee@example.com --first-name Ann \
    --last-name Lee --group "$GROUP" --yes --json
expect_rc 0 "create (invite) a user"
check "the new user is Invited" test "$(jq -r '.[0].raw_status' "$TMPD/out")" = Invited
cli --profile mp create --account "$ACC" --email bob@example.com --first-name Bob --last-name Ray --yes
expect_rc 2 "Marketplace create needs a group"

# Many pages, one in flight at a time: the pages come in several batches
# (invitui never holds every page body at once) and none is lost or repeated.
stop_sandbox
start_sandbox --accounts 1 --invitations 1234 || { not_ok "a larger sandbox starts"; done_testing; }
write_config
printf '\n[profile mp1]\nprovider = marketplace\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\nconcurrency = 1\n' \
    "$SANDBOX_URL" >>"$CONFIG"
cli --profile mp1 list --json
expect_rc 0 "list 1234 users with concurrency = 1"
check "13 pages in batches: 1234 users, each once" \
    test "$(jq '[.[].id] | unique | length' "$TMPD/out")" = 1234
done_testing
