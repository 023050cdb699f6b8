#!/bin/sh
# The token appears nowhere: not in --trace output, stdout or stderr, on
# success or on failure.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
SANDBOX_TOKEN=tok-$$-a1b2c3d4e5
start_sandbox --accounts 1 --invitations 10 || { not_ok "sandbox starts"; done_testing; }
write_config
TRACE="$TMPD/trace"

cli --trace "$TRACE" list --json
expect_rc 0 "list with --trace"
PENDING=$(jq -r 'map(select(.status == "pending")) | .[0].id' "$TMPD/out")
cli --trace "$TRACE" resend "$PENDING" --yes
cli --trace "$TRACE" show 3c90c3cc-0d44-4b50-8888-8dd25736052a

check "the trace file exists and records requests" grep -q 'GET ' "$TRACE"
check "the Authorization header is redacted in the trace" grep -qi 'authorization: \[redacted\]' "$TRACE"
check "the trace file is private (0600)" test "$(stat -c %a "$TRACE")" = 600
for f in "$TRACE" "$TMPD/out" "$TMPD/err"; do
    check "no token in $(basename "$f")" sh -c "! grep -q '$SANDBOX_TOKEN' '$f'"
done
cli --trace "$TRACE" list --json
check "no token in stdout of a list" sh -c "! grep -q '$SANDBOX_TOKEN' '$TMPD/out'"
check "still no token in the trace" sh -c "! grep -q '$SANDBOX_TOKEN' '$TRACE'"
done_testing
