#!/bin/sh
# --redirect-lists: Marketplace collection pages answer 302 to a download
# location on another host name of the same server; the download is served
# without the token and refuses one; /_sandbox/redirects counts it all.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

start_sandbox --seed 4 --accounts 2 --invitations 30 --redirect-lists ||
    { not_ok "sandbox starts"; done_testing; }
PORT=${SANDBOX_URL##*:}
printf 'Authorization: Bearer %s\n' "$SANDBOX_TOKEN" >"$TMPD/auth"
redirects() { curl -s "$SANDBOX_URL/_sandbox/redirects"; }
# hop [CURL ARGS...] URL: "HTTP-CODE REDIRECT-URL" of one request, body in $TMPD/body
hop() {
    curl -s -o "$TMPD/body" -w '%{http_code} %{redirect_url}' "$@"
}

is "the counters start at zero" "$(redirects)" \
    '{"redirected":0,"downloads":0,"rejected_with_authorization":0}'
is "non-paged requests are not redirected: limit=0" \
    "$(hop -H @"$TMPD/auth" "$SANDBOX_URL/public/v1/accounts/accounts?limit=0")" "200 "
is "single objects are not redirected" \
    "$(hop -H @"$TMPD/auth" "$SANDBOX_URL/public/v1/accounts/account-users/AUSR-0000-0000-0000")" "404 "
is "Hybridbox lists are not redirected" \
    "$(hop -H @"$TMPD/auth" "$SANDBOX_URL/v1/public/accounts" | cut -d' ' -f1)" 200
is "a request without the token is still 401 at the first hop" \
    "$(hop "$SANDBOX_URL/public/v1/accounts/accounts?limit=5" | cut -d' ' -f1)" 401

Q='eq(account.id,%22ACC-0000-0000%22)&select=%2Baudit&limit=100&offset=0'
set -- $(hop -H @"$TMPD/auth" "$SANDBOX_URL/public/v1/accounts/account-users?$Q")
is "a collection page is a 302" "$1" 302
is "to the same path and query on localhost, marked as a download" "$2" \
    "http://localhost:$PORT/public/v1/accounts/account-users?$Q&_sandbox_download=1"
set -- $(hop -H @"$TMPD/auth" -H "Host: localhost:$PORT" "$SANDBOX_URL/public/v1/accounts/accounts?limit=2")
is "asked as localhost, it redirects to 127.0.0.1" "$2" \
    "http://127.0.0.1:$PORT/public/v1/accounts/accounts?limit=2&_sandbox_download=1"

# The listener accepts connections for localhost too (curl resolves it and
# falls back to 127.0.0.1 if ::1 is refused).
curl -sv -o /dev/null -H @"$TMPD/auth" "http://localhost:$PORT/public/v1/accounts/accounts?limit=0" \
    2>"$TMPD/verbose"
check "http://localhost:PORT/ reaches the server" \
    grep -Eq '^< HTTP/1\.1 200' "$TMPD/verbose"

ACC=$(curl -s -L -H @"$TMPD/auth" "$SANDBOX_URL/public/v1/accounts/accounts?limit=1" | jq -r '.data[0].id')
check "curl -L follows to the download and gets the page (it drops the token on the new host)" \
    test -n "$ACC" -a "$ACC" != null
U="/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&select=%2Baudit&limit=100"
curl -s -L -H @"$TMPD/auth" -D "$TMPD/headers" -o "$TMPD/page.json" "$SANDBOX_URL$U"
check "the followed page is the account's users, as an envelope" jqok \
    '."$meta".pagination.total == 30 and (.data | length) == 30 and all(.data[]; .audit)' \
    "$TMPD/page.json"
check "the second hop was sent without Authorization and answered 200" \
    sh -c "tr -d '\r' <'$TMPD/headers' | grep -c '^HTTP/1.1' | grep -qx 2 &&
           tr -d '\r' <'$TMPD/headers' | tail -n +2 | grep -q '^HTTP/1.1 200'"
LOC="http://localhost:$PORT$U&_sandbox_download=1"
is "the download location serves the page to a request without any token" \
    "$(curl -s "$LOC" | jq -c '[.data[].id]')" "$(jq -c '[.data[].id]' "$TMPD/page.json")"
is "the marker is not a filter: the download's query is the original one" \
    "$(curl -s "$LOC" | jq -c '."$meta".pagination')" '{"offset":0,"limit":100,"total":30}'

code=$(curl -s -L --location-trusted -H @"$TMPD/auth" -o "$TMPD/body" -w '%{http_code}' \
    "$SANDBOX_URL$U")
is "curl -L --location-trusted sends the token to the download: 400" "$code" 400
check "the 400 is problem details saying the token went to the download location" body_jq \
    '.status == 400 and (.title | test("token"; "i")) and (.title | test("download")) and
     .traceId and .instance == "/public/v1/accounts/account-users"'
is "a token to the download is refused even when it is the right one" \
    "$(curl -s -o /dev/null -w '%{http_code}' -H @"$TMPD/auth" "$LOC")" 400
is "so is any Authorization header" \
    "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Basic Zm9vOmJhcg==' "$LOC")" 400

is "the download location serves nothing but collection pages" \
    "$(curl -s -o "$TMPD/body" -w '%{http_code}' \
       "http://localhost:$PORT/public/v1/accounts/accounts/$ACC?_sandbox_download=1")" 404
is "the marker does not spare a POST the token" \
    "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
       "http://localhost:$PORT/public/v1/accounts/account-users/AUSR-0000-0000-0000/resend-invite?_sandbox_download=1")" \
    401

# Counted: 302s (two single hops, two curl -L, one --location-trusted),
# downloads served (two followed, two direct), rejected tokens
# (--location-trusted and two direct); 404s and 401s count nowhere.
is "/_sandbox/redirects counts redirects, downloads and rejected tokens" "$(redirects)" \
    '{"redirected":5,"downloads":4,"rejected_with_authorization":3}'
is "/_sandbox/redirects needs no token (like the other inspection routes)" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$SANDBOX_URL/_sandbox/redirects")" 200
stop_sandbox

# ---- without --redirect-lists nothing is redirected ----
start_sandbox --seed 4 --accounts 1 --invitations 3 || { not_ok "sandbox starts"; done_testing; }
is "without the option a page is 200" \
    "$(curl -s -o /dev/null -w '%{http_code}' -H @"$TMPD/auth" \
       "$SANDBOX_URL/public/v1/accounts/accounts?limit=5")" 200
is "and the marker opens nothing: no token is 401" \
    "$(curl -s -o /dev/null -w '%{http_code}' \
       "$SANDBOX_URL/public/v1/accounts/accounts?limit=5&_sandbox_download=1")" 401

done_testing
