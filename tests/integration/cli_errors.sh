#!/bin/sh
# Bad answers of every kind give a clear message and the documented exit
# status (1 API, 2 usage, 3 auth, 4 network), never a crash or a hang.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"

# with_sandbox FLAGS...: a fresh sandbox and config for one case.
with_sandbox() {
    stop_sandbox
    start_sandbox --accounts 1 --invitations 20 "$@" || return 1
    write_config "timeout = 3"
}

no_crash() { # the last run ended with a message, not a signal
    if [ "$RC" -lt 128 ] && [ -s "$TMPD/err" ]; then ok "$1: a message, no crash"
    else not_ok "$1: exit $RC"; fi
}

with_sandbox
ACC=$(sandbox_get /v1/public/accounts | jq -r '.items[0].id')
# The faulty sandboxes below would garble their own account list; the data
# is the same for the same --accounts.
HB_ACCOUNTS=$ACC

INVITUI_TEST_TOKEN=wrong-token cli list
expect_rc 3 "a wrong token is an authentication error"
check "the message says so" grep -qi 'auth\|401' "$TMPD/err"
check "the wrong token is not echoed" sh -c "! grep -q wrong-token '$TMPD/err'"

INVITUI_TEST_TOKEN= cli list
expect_rc 3 "an empty token variable is an authentication error"

cli list --account 3c90c3cc-0d44-4b50-8888-8dd25736052a
expect_rc 1 "an unknown account is an API error (404)"
check "the message names 404" grep -q '404' "$TMPD/err"

with_sandbox --fault malformed
cli list --account "$ACC"
expect_rc 1 "malformed JSON is an API error"
no_crash "malformed JSON"

with_sandbox --fault truncate
cli list --account "$ACC"
expect_rc 4 "a truncated body is a network error"
no_crash "truncated body"

with_sandbox --fault reset
cli list --account "$ACC"
expect_rc 4 "a connection reset is a network error"

with_sandbox --fault oversize
cli accounts
expect_rc 1 "an oversized body is refused"
check "the message says the answer is too large" grep -qi 'large' "$TMPD/err"

with_sandbox --fault 5xx
cli list --account "$ACC"
expect_rc 1 "a server that keeps failing gives up with an API error"

with_sandbox --latency 5000
cli accounts
expect_rc 4 "a timeout is a network error"
check "the message says it timed out" grep -qi 'time' "$TMPD/err"

with_sandbox --rate-limit 2
cli list --json
expect_rc 0 "429 with Retry-After is waited out on GETs"
check "every invitation arrived" test "$(jq length "$TMPD/out")" = 20

chmod 644 "$CONFIG"
cli list
expect_rc 0 "a config without an inline token may be 0644"

stop_sandbox
cli list --account "$ACC"
expect_rc 4 "no server is a network error"
printf '[profile t]\nprovider = hybridbox\nbase_url = http://127.0.0.1:1\naccounts = %s\ntoken = s3cret-inline\n' "$ACC" >"$TMPD/inline"
chmod 644 "$TMPD/inline"
"$INVITUI" --config "$TMPD/inline" list >"$TMPD/out" 2>"$TMPD/err" </dev/null; RC=$?
expect_rc 2 "a config holding a token that others can read is refused"
check "the message says how to fix it" grep -q 'chmod 600' "$TMPD/err"
check "the message does not contain the token" sh -c "! grep -q s3cret '$TMPD/err'"

printf '[profile t]\nprovider = gitlab\n' >"$TMPD/bad"
"$INVITUI" --config "$TMPD/bad" list >"$TMPD/out" 2>"$TMPD/err" </dev/null; RC=$?
expect_rc 2 "an unknown provider is a configuration error"
done_testing
