#!/bin/sh
# Fault injection, rate limiting and latency, each observable from curl.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

# fetch PATH: "CURL-EXIT HTTP-CODE BYTES"; body in $TMPD/body.
fetch() {
    curl -s -o "$TMPD/body" -D "$TMPD/headers" --max-time "${MAXTIME:-10}" \
        -w '%{http_code} %{size_download}' -H "Authorization: Bearer $SANDBOX_TOKEN" \
        "$SANDBOX_URL$1" >"$TMPD/w"
    echo "$? $(cat "$TMPD/w")"
}
with() { stop_sandbox; start_sandbox --accounts 1 --invitations 20 "$@"; }
HB=/v1/public/accounts

with --fault truncate --fault-path /v1/public/accounts
set -- $(fetch $HB)
is "truncate: curl reports a partial transfer (exit 18)" "$1" 18
is "unfaulted paths are untouched" "$(fetch /public/v1/accounts/accounts | cut -d' ' -f1-2)" "0 200"

with --fault malformed
set -- $(fetch $HB)
is "malformed: the transfer itself succeeds" "$1 $2" "0 200"
check "malformed: the body is not JSON" sh -c "! jq . '$TMPD/body' >/dev/null 2>&1"

with --fault reset
set -- $(fetch $HB)
check "reset: connection closed without a response (curl 52/56)" \
    sh -c "[ $1 = 52 ] || [ $1 = 56 ]"

with --fault drip
MAXTIME=1
set -- $(fetch $HB)
MAXTIME=
is "drip: a 1 s client timeout fires (curl 28)" "$1" 28
check "drip: only a few bytes arrived in that second" sh -c "[ $3 -gt 0 ] && [ $3 -lt 400 ]"

with --fault oversize
set -- $(fetch $HB)
check "oversize: more than 64 MiB arrive" sh -c "[ $1 = 0 ] && [ $3 -gt 67108864 ]"
check "oversize: the body looks like a JSON array" \
    sh -c "head -c 8 '$TMPD/body' | grep -q '^\[{\"id\"' && tail -c 3 '$TMPD/body' | grep -q '{}]'"
rm -f "$TMPD/body"

with --fault 5xx
set -- $(fetch $HB)
is "5xx: first a 503" "$2" 503
is "5xx: 503 carries Retry-After" "$(header Retry-After)" 1
set -- $(fetch /public/v1/accounts/accounts)
is "5xx: then a 500" "$2" 500
check "5xx on Marketplace is problem details with traceId and instance" body_jq \
    '.status == 500 and .title and .traceId and .instance == "/public/v1/accounts/accounts"'

with --fault 5xx:0.5
codes=
for i in 1 2 3 4; do set -- $(fetch $HB); codes="$codes $2"; done
is "a fraction of 0.5 faults every second request" "$codes" " 200 503 200 500"

with --fault 5xx --fault-path /auth/groups
A=$(api $HB | jq -r '.items[0].id')
is "--fault-path spares other routes" "$(fetch "$HB/$A" | cut -d' ' -f2)" 200
is "--fault-path hits matching routes" "$(fetch "$HB/$A/auth/groups" | cut -d' ' -f2)" 503

with --rate-limit 3
# Ten requests from one curl (one process, one connection): a loaded machine
# cannot spread them over enough seconds to stay under the limit.
set --
for i in 1 2 3 4 5 6 7 8 9 10; do set -- "$@" "$SANDBOX_URL$HB"; done
codes=$(curl -s -o /dev/null -w '%{http_code} ' -H "Authorization: Bearer $SANDBOX_TOKEN" "$@")
check "rate limit: requests above N per second get 429 ($codes)" sh -c "echo '$codes' | grep -q 429"
curl -s -D "$TMPD/headers" -H "Authorization: Bearer $SANDBOX_TOKEN" "$@" >"$TMPD/bodies"
check "429 carries Retry-After: 1" grep -qi '^retry-after: 1' "$TMPD/headers"
check "429 body is FastAPI-style on Hybridbox" \
    sh -c "jq -s -e 'map(select(.detail | type == \"string\")) | length > 0' '$TMPD/bodies' >/dev/null"

with --latency 300
t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $SANDBOX_TOKEN" "$SANDBOX_URL$HB")
check "latency delays responses" awk -v t="$t" 'BEGIN { exit !(t >= 0.3) }'

# A stop must not wait out --latency in the connection that is sleeping it (the benchmarks
# start one with ten minutes of it): SIGTERM ends the sandbox while the request still waits.
with --latency 600000
curl -s -o /dev/null -H "Authorization: Bearer $SANDBOX_TOKEN" "$SANDBOX_URL$HB" &
CURL_PID=$!
wait_until 10 sh -c "ss -Htn state established '( dport = :${SANDBOX_URL##*:} )' | grep -q ." ||
    diag "the request did not connect"
kill "$SANDBOX_PID"
check "a stop ends a request sleeping its --latency" wait_until 30 sh -c "! kill -0 $SANDBOX_PID"
kill "$CURL_PID" 2>/dev/null
wait "$CURL_PID" 2>/dev/null
SANDBOX_PID=

done_testing
