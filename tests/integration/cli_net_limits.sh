#!/bin/sh
# The network limits against the sandbox: a long Marketplace list gets
# through a rate limit (fewer requests in flight, Retry-After honoured);
# `timeout` is an idle limit for reads (a slow but steady body arrives,
# a silent server fails as such); a POST whose answer never came may have
# reached the server and says so.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"

# mp_profile NAME LINES...: one more Marketplace profile on the sandbox.
mp_profile() {
    name=$1; shift
    printf '\n[profile %s]\nprovider = marketplace\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\n' \
        "$name" "$SANDBOX_URL" >>"$CONFIG"
    for line in "$@"; do printf '%s\n' "$line" >>"$CONFIG"; done
}

# ---- 1,500 users, 16 requests in flight, 3 requests a second allowed ----
N=1500
start_sandbox --seed 5 --accounts 1 --invitations $N --rate-limit 3 ||
    { not_ok "sandbox starts"; done_testing; }
write_config
mp_profile mp16 "concurrency = 16"
cli --profile mp16 accounts --json
ACC=$(jq -r '.[0].id' "$TMPD/out")
cli --profile mp16 list --account "$ACC" --json
expect_rc 0 "a list of $N users gets through a rate limit of 3 requests/s"
check "every user arrived once" \
    test "$(jq '[.[].id] | unique | length' "$TMPD/out" 2>/dev/null)" = $N
stop_sandbox

# ---- a slow but steady body: timeout is an idle limit ----
# drip sends 16 bytes every 100 ms: one user's page takes several seconds,
# far more than the 1 s timeout, without ever pausing for 1 s.
start_sandbox --seed 5 --accounts 1 --invitations 1 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_get '/public/v1/accounts/accounts?limit=1' | jq -r '.data[0].id')
stop_sandbox
start_sandbox --seed 5 --accounts 1 --invitations 1 --fault drip --fault-path account-users ||
    { not_ok "sandbox starts"; done_testing; }
write_config
mp_profile slow "timeout = 1"
cli --profile slow list --account "$ACC" --json
expect_rc 0 "a dripping list page longer than timeout arrives whole"
# (A failure prints an error object, whose length is 1 as well.)
check "with its one user" test "$(jq -c '[type, length]' "$TMPD/out" 2>/dev/null)" = '["array",1]'
stop_sandbox

# ---- a server that does not answer ----
start_sandbox --seed 5 --accounts 1 --invitations 3 || { not_ok "sandbox starts"; done_testing; }
write_config
ACC=$(sandbox_get '/public/v1/accounts/accounts?limit=1' | jq -r '.data[0].id')
cli --profile mp list --account "$ACC" --status pending --json
USER=$(jq -r '.[0].id' "$TMPD/out")
stop_sandbox
start_sandbox --seed 5 --accounts 1 --invitations 3 --latency 3000 ||
    { not_ok "sandbox starts"; done_testing; }
write_config
mp_profile slow "timeout = 1"
cli --profile slow list --account "$ACC"
expect_rc 4 "a list from a server that does not answer times out"
check "the message says the server did not answer, not that it could not connect" \
    sh -c "grep -q 'did not answer within 1 s' '$TMPD/err' && ! grep -qi 'connect' '$TMPD/err'"
stop_sandbox

# ---- a POST whose answer does not come in time ----
# The sandbox acts on the resend, then drips its answer past the 1 s that
# a POST may take in all.
start_sandbox --seed 5 --accounts 1 --invitations 3 --fault drip --fault-path resend-invite ||
    { not_ok "sandbox starts"; done_testing; }
write_config
mp_profile slow "timeout = 1"
cli --profile slow resend "$USER" --yes
check "a POST without its whole answer in time fails" test "$RC" -ne 0
check "and says it may have reached the server" grep -q 'may have reached the server' "$TMPD/err"
check "the resend reached the sandbox exactly once (never retried)" \
    test "$(sandbox_get /_sandbox/actions | jq '[.[] | select(.action == "resend")] | length')" = 1
done_testing
