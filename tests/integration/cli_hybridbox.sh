#!/bin/sh
# The CLI against the sandbox's Hybridbox API: every subcommand, state rules,
# what reaches the server.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --accounts 2 --invitations 60 || { not_ok "sandbox starts"; done_testing; }
write_config

cli accounts --json
expect_rc 0 "accounts lists the sandbox's accounts"
check "accounts --json has two accounts with id and name" \
    test "$(jq '[.[] | select(.id and .name)] | length' "$TMPD/out")" = 2
ACC=$(jq -r '.[0].id' "$TMPD/out")

cli list --json
expect_rc 0 "list without --account covers every account"
want=0
for a in $(sandbox_get /v1/public/accounts | jq -r '.items[].id'); do
    want=$((want + $(sandbox_get "/v1/public/accounts/$a/auth/invitations" | jq length)))
done
check "list --json returns every invitation of both accounts ($want)" \
    test "$(jq length "$TMPD/out")" = "$want"
check "each row has the stable fields" \
    test "$(jq '[.[] | select(has("id") and has("email") and has("status") and has("raw_status")
            and has("created_at") and has("expires_at") and has("account_id") and has("raw"))]
            | length' "$TMPD/out")" = "$want"
check "raw is the provider's object" \
    test "$(jq '[.[] | select(.raw.id == .id and (.raw | has("permission_context")))] | length' \
            "$TMPD/out")" = "$want"

check "--json output is pure ASCII (non-ASCII escaped, bidi cannot reach a terminal)" \
    sh -c "! LC_ALL=C grep -q '[^ -~]' '$TMPD/out'"
check "escaped text decodes back to the server's UTF-8" \
    sh -c "jq -r '.[].raw | tostring' '$TMPD/out' | LC_ALL=C grep -q '[^ -~]'"

cli list --account "$ACC" --status pending --json
expect_rc 0 "list --status pending"
check "only pending rows, none past expiry" \
    test "$(jq --arg now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
            '[.[] | select(.status != "pending" or .expires_at < $now)] | length' "$TMPD/out")" = 0
PENDING=$(jq -r 'map(select(.raw.assignments | length > 0)) | .[0].id' "$TMPD/out")
PENDING_EMAIL=$(jq -r --arg id "$PENDING" '.[] | select(.id == $id) | .email' "$TMPD/out")

cli list --account "$ACC" --status expired --json
EXPIRED=$(jq -r '.[0].id // empty' "$TMPD/out")
check "the sandbox has expired invitations" test -n "$EXPIRED"

needle=$(printf '%s' "$PENDING_EMAIL" | cut -c1-6 | tr '[:lower:]' '[:upper:]')
cli list --account "$ACC" --search "$needle" --json
check "--search matches the e-mail ignoring case" \
    test "$(jq --arg id "$PENDING" '[.[] | select(.id == $id)] | length' "$TMPD/out")" = 1

# Hybridbox's status values are unpublished: filtered here, never sent.
rm -f "$TMPD/trace"
cli --trace "$TMPD/trace" list --status pending --json
expect_rc 0 "list --status pending over every account, traced"
check "the lists were fetched" test "$(grep -c 'GET http.*/auth/invitations' "$TMPD/trace")" = 2
check "no request carried status=" sh -c "! grep -q 'status=' '$TMPD/trace'"
check "and yet only pending rows came back" \
    test "$(jq '[.[] | select(.status != "pending")] | length' "$TMPD/out")" = 0
check "the pending fixture is among them" \
    test "$(jq --arg id "$PENDING" '[.[] | select(.id == $id)] | length' "$TMPD/out")" = 1

# A whole e-mail address may use the documented (exact) email filter.
rm -f "$TMPD/trace"
cli --trace "$TMPD/trace" list --account "$ACC" --search "$PENDING_EMAIL" --json
expect_rc 0 "list --search with a whole address"
enc=$(printf '%s' "$PENDING_EMAIL" | jq -sRr @uri)
check "the request carried email=$enc" grep -qF "/auth/invitations?email=$enc " "$TMPD/trace"
check "that invitation came back" \
    test "$(jq --arg id "$PENDING" '[.[] | select(.id == $id)] | length' "$TMPD/out")" = 1
rm -f "$TMPD/trace"
cli --trace "$TMPD/trace" list --account "$ACC" --search "$needle" --json
check "a fragment is searched here only: no email=" \
    sh -c "grep -q '/auth/invitations' '$TMPD/trace' && ! grep -q 'email=' '$TMPD/trace'"

cli list --account "$ACC" --sort email --json
check "--sort email orders by e-mail" \
    test "$(jq '[.[].email | ascii_downcase] == ([.[].email | ascii_downcase] | sort)' "$TMPD/out")" = true

cli list --account "$ACC"
expect_rc 0 "table output"
check "the table has a header and the pending id" grep -q "$PENDING" "$TMPD/out"

cli show "$PENDING" --json
expect_rc 0 "show finds an invitation without --account"
check "show returns that invitation" test "$(jq -r '.[0].id' "$TMPD/out")" = "$PENDING"

before=$(jq -r '.[0].expires_at' "$TMPD/out")
cli resend "$PENDING" --locale fr --yes --json
expect_rc 0 "resend --locale fr --yes"
check "the sandbox received locale fr for that invitation" \
    test "$(sandbox_get /_sandbox/actions | jq -r --arg id "$PENDING" \
            '[.[] | select(.action == "resend" and .id == $id)] | last | .locale')" = fr
check "resend returns the invitation still pending" test "$(jq -r '.[0].status' "$TMPD/out")" = pending

cli resend "$PENDING" --again
expect_rc 2 "resend without --yes and without a terminal is refused"
check "nothing was sent" \
    test "$(sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "resend")] | length')" = 1

cli resend "$PENDING" --locale xx --yes
expect_rc 2 "an unknown locale is a usage error"
check "the message lists the offered locales" grep -q 'fr' "$TMPD/err"

cli resend "$EXPIRED" --yes
expect_rc 1 "resend of an expired invitation is refused"
check "the refusal says why" grep -qi 'pending' "$TMPD/err"

cli send-new "$PENDING" --yes
expect_rc 1 "send-new does not exist for Hybridbox"

cli show "../../etc/passwd"
expect_rc 2 "an id that is not a UUID never reaches a URL"

cli create --account "$ACC" --email not-an-email --role editor --yes
expect_rc 2 "create with a bad e-mail is refused before it is sent"
check "the message names --email" grep -q -- '--email' "$TMPD/err"

cli create --account "$ACC" --email new.person@example.com --role no-such-role --yes
expect_rc 1 "create with an unknown role gets the server's 422"
check "the field error names the role field" grep -q 'role_key' "$TMPD/err"

cli create --account "$ACC" --email new.person@example.com --role editor \
    --capability dns_record.manage --locale de --note "ticket 42" --yes --json
expect_rc 0 "create"
NEW=$(jq -r '.[0].id' "$TMPD/out")
check "the new invitation is pending" test "$(jq -r '.[0].status' "$TMPD/out")" = pending
check "the bundle expands into resolved capabilities" \
    test "$(jq '.[0].raw.permission_context.resolved_capability_keys | length > 1' "$TMPD/out")" = true
cli list --account "$ACC" --search new.person --json
check "the new invitation is listed" test "$(jq -r '.[0].id' "$TMPD/out")" = "$NEW"

cli create --email x@example.com --role editor --yes
expect_rc 2 "create with two accounts and no --account is a usage error"

# A hybridbox profile that names no account is a configuration error that
# names the setting and the profile; nothing is asked of the server (the
# trace is written by the HTTP client, which is never made).
printf '[profile bare]\nprovider = hybridbox\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\n' \
    "$SANDBOX_URL" >"$TMPD/bare"
chmod 600 "$TMPD/bare"
for args in accounts list "list --account $ACC"; do
    rm -f "$TMPD/bare.trace"
    # shellcheck disable=SC2086 # $args is a list of words
    "$INVITUI" --config "$TMPD/bare" --trace "$TMPD/bare.trace" $args \
        >"$TMPD/out" 2>"$TMPD/err" </dev/null
    RC=$?
    expect_rc 2 "$args: a hybridbox profile without accounts is a configuration error"
    check "$args: the message names the setting and the profile" \
        grep -q 'profile "bare" (hybridbox) names no account: set accounts = ' "$TMPD/err"
    check "$args: no request was made" test ! -s "$TMPD/bare.trace"
done

cli --profile nope list
expect_rc 2 "an unknown profile is a usage error"
cli list --bogus
expect_rc 2 "an unknown option is a usage error"
cli frobnicate
expect_rc 2 "an unknown command is a usage error"

# Only what CONTRACT.md A.1 lists ever reaches Hybridbox: every command once,
# traced, and each request line checked against the published routes.
rm -f "$TMPD/trace"
for args in "accounts" "list" "list --status expired --search @" "show $PENDING" \
        "resend $PENDING --yes" "create --account $ACC --email listed@example.com --role viewer --yes"; do
    # shellcheck disable=SC2086 # $args is a list of words
    cli --trace "$TMPD/trace" $args
done
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
acc="/v1/public/accounts/$uuid"
sed -n 's/^\[[0-9]*\] == [^ ]* \(GET\|POST\|DELETE\) [a-z]*:\/\/[^/]*\(.*\)$/\1 \2/p' \
    "$TMPD/trace" >"$TMPD/requests"
check "the traced commands made requests ($(wc -l <"$TMPD/requests"))" test -s "$TMPD/requests"
listed="^(GET $acc(/auth/invitations(\\?email=[^&]*)?|/auth/groups)?|POST $acc/auth/invitations(/$uuid/resend)?)\$"
check "every request is one CONTRACT.md lists" sh -c '! grep -Ev "$1" "$2"' - "$listed" \
    "$TMPD/requests"
grep -Ev "$listed" "$TMPD/requests" | sed 's/^/# unlisted: /'
done_testing
