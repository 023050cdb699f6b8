#!/bin/sh
# The Marketplace's traceId reaches every place a CLI error shows: the
# "trace id:" line on stderr, the --json error object on stdout and the
# journal line; each compared with the traceId the sandbox really sent
# (read back from --trace). Errors without one say nothing about it.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
start_sandbox --accounts 1 --invitations 10 || { not_ok "sandbox starts"; done_testing; }
write_config
export XDG_STATE_HOME="$TMPD/state"
J="$XDG_STATE_HOME/invitui/journal.jsonl"
W3C='^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'

# sent_body N: the body of the Nth answer that carried a traceId in $TMPD/trace.
sent_body() {
    grep '^\[[0-9]*\] < {.*"traceId"' "$TMPD/trace" | sed -n "${1}p" | sed 's/^\[[0-9]*\] < //'
}
create_unknown_group() {
    cli --profile mp --trace "$TMPD/trace" create --email trace.me@example.com \
        --first-name Trace --last-name Me --group UGR-9999-9999 --yes "$@"
}

create_unknown_group
expect_rc 1 "a create with an unknown group is refused"
SENT1=$(sent_body 1 | jq -r .traceId)
check "the sandbox answered with a W3C traceId ($SENT1)" \
    sh -c 'printf "%s\n" "$1" | grep -Eq "$2"' - "$SENT1" "$W3C"
check "stderr says the error first" \
    sh -c 'head -n 1 "$1" | grep -q "^invitui: HTTP 400: .*user group does not exist"' - "$TMPD/err"
check "then the whole trace id on a line of its own" grep -qxF "  trace id: $SENT1" "$TMPD/err"
check "the error line does not repeat it" sh -c '! head -n 1 "$1" | grep -q trace' - "$TMPD/err"
check "nothing on stdout without --json" test ! -s "$TMPD/out"

create_unknown_group --json
expect_rc 1 "the same create with --json still fails"
SENT2=$(sent_body 2 | jq -r .traceId)
check "a new request, a new traceId" test -n "$SENT2" -a "$SENT2" != "$SENT1"
check "stdout is one JSON error object" test "$(jq -s 'length' "$TMPD/out")" = 1
check "its trace_id is the one the sandbox sent" \
    test "$(jq -r .error.trace_id "$TMPD/out")" = "$SENT2"
check "its instance is what the sandbox sent (null when none)" \
    test "$(jq -c .error.instance "$TMPD/out")" = "$(sent_body 2 | jq -c '.instance')"
check "kind, status and title" test "$(jq -c '.error | [.kind, .http_status, .title]' \
    "$TMPD/out")" = "$(sent_body 2 | jq -c '["http", .status, .title]')"
check "the field errors, by field" \
    test "$(jq -c '.error.fields' "$TMPD/out")" = "$(sent_body 2 | jq -c '.errors')"
check "a definite refusal: not maybe_sent, no retry_after" \
    test "$(jq -c '.error | [.maybe_sent, .retry_after]' "$TMPD/out")" = '[false,null]'
check "the message is stderr's line" test "invitui: $(jq -r .error.message "$TMPD/out")" = \
    "$(head -n 1 "$TMPD/err")"
check "stderr still has the error and the trace id" grep -qxF "  trace id: $SENT2" "$TMPD/err"

check "both attempts are journaled" test "$(jq -s 'length' "$J")" = 2
check "each with the trace id the sandbox sent" \
    test "$(jq -s -c 'map(.trace_id)' "$J")" = "$(jq -cn --arg a "$SENT1" --arg b "$SENT2" '[$a, $b]')"
check "as failed 400s" test "$(jq -s -c 'map([.action, .result, .http_status])' "$J")" = \
    '[["create","failed",400],["create","failed",400]]'
check "the instance member is there, as sent" \
    test "$(jq -s -c 'map(.instance)' "$J")" = "$(
        for n in 1 2; do sent_body $n; done | jq -s -c 'map(.instance)')"
check "the message does not repeat the trace id" \
    test "$(jq -s '[.[] | select(.message | test("trace"))] | length' "$J")" = 0

# An error without a trace id (Hybridbox's FastAPI 422) says nothing about one.
cli create --email no.trace@example.com --role no-such-role --yes --json
expect_rc 1 "a Hybridbox 422"
check "its JSON error has trace_id and instance null" \
    test "$(jq -c '.error | [.kind, .http_status, .trace_id, .instance]' "$TMPD/out")" = \
    '["http",422,null,null]'
check "and stderr no trace id line" sh -c '! grep -q "trace id" "$1"' - "$TMPD/err"
check "its journal line has null ones" \
    test "$(tail -n 1 "$J" | jq -c '[.trace_id, .instance]')" = '[null,null]'

# Errors before any request have the same object: kind and message, no HTTP.
cli list --status nonsense --json
expect_rc 2 "a bad --status value"
check "is a usage error object" test "$(jq -c '.error | [.kind, .http_status, .trace_id]' \
    "$TMPD/out")" = '["usage",null,null]'
INVITUI_TEST_TOKEN=wr0ng-t0ken-x9 cli --profile mp accounts --json
expect_rc 3 "a wrong token"
check "is an auth error object with the 401" \
    test "$(jq -c '.error | [.kind, .http_status]' "$TMPD/out")" = '["auth",401]'
check "and the wrong token is in neither output" \
    sh -c '! grep -q wr0ng "$1" "$2"' - "$TMPD/out" "$TMPD/err"

cli --profile mp accounts --json
expect_rc 0 "success with --json"
check "prints the array, no error object" test "$(jq -c 'type' "$TMPD/out")" = '"array"'
done_testing
