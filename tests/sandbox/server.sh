#!/bin/sh
# The process: flags, the URL line, recording, inspection routes, signals,
# deterministic data and speed.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/sandbox/sandbox-lib.sh"

# ---- flags ----
out=$("$SANDBOX" --version)
is "--version prints the version" "${out%% *}" invitui-sandbox
"$SANDBOX" --help >"$TMPD/help"
check "--help documents every flag" sh -c "for f in --port --token --seed --accounts \
    --invitations --latency --rate-limit --fault --fault-path --record --expiry-lag \
    --redirect-lists --help --version; do \
    grep -q -- \"\$f\" '$TMPD/help' || exit 1; done"
for bad in "--port x" "--port 70000" "--fault bogus" "--fault 5xx:2" "--invitations 100001" \
           "--expiry-lag -1" "--expiry-lag 2592001" \
           "--no-such-flag" "extra-arg"; do
    # shellcheck disable=SC2086
    "$SANDBOX" $bad >/dev/null 2>&1
    is "rejects $bad with exit 2" "$?" 2
done

if command -v groff >/dev/null 2>&1; then
    check "the man page renders without warnings" \
        sh -c "groff -man -Tutf8 -ww -z '$top_srcdir/doc/invitui-sandbox.1' 2>&1 | (! grep -q .)"
    groff -man -Tascii -P-cbou "$top_srcdir/doc/invitui-sandbox.1" 2>/dev/null >"$TMPD/man.txt"
    check "the man page documents every flag" sh -c "for f in port token seed accounts \
        invitations latency rate-limit fault fault-path record expiry-lag redirect-lists help \
        version; do \
        grep -q -- \"--\$f\" '$TMPD/man.txt' || exit 1; done"
fi

# ---- --port 0 prints the URL first ----
start_sandbox --record "$TMPD/actions.jsonl" || { not_ok "sandbox starts"; done_testing; }
check "first stdout line is http://127.0.0.1:PORT" \
    sh -c "head -n 1 '$SANDBOX_OUT' | grep -Eq '^http://127\\.0\\.0\\.1:[0-9]+\$'"
check "the URL answers" sh -c "curl -s -o /dev/null -w '%{http_code}' '$SANDBOX_URL/v1/public/accounts' | grep -q 401"
is "non-API paths are 404" "$(curl -s -o /dev/null -w '%{http_code}' "$SANDBOX_URL/")" 404
check "the token never appears in the output" \
    sh -c "! grep -q '$SANDBOX_TOKEN' '$SANDBOX_OUT' '$TMPD/sandbox.err'"

# ---- recording ----
A=$(api /v1/public/accounts | jq -r '.items[0].id')
P=$(api "/v1/public/accounts/$A/auth/invitations?email=pending.fixture@example.com" | jq -r '.[0].id')
CREATE_BODY='{"email":"rec@example.com","locale":"ja","assignments":[{"role_key":"viewer"}]}'
api_status POST "/v1/public/accounts/$A/auth/invitations" "$CREATE_BODY" >/dev/null
NEW=$(jq -r .id "$TMPD/body")
api_status POST "/v1/public/accounts/$A/auth/invitations/$P/resend" '{"locale":"nl"}' >/dev/null
ACC=$(api '/public/v1/accounts/accounts' | jq -r '.data[0].id')
EXP=$(api "/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&eq(user.email,expired.fixture@example.com)" | jq -r '.data[0].id')
api_status POST "/public/v1/accounts/account-users/$EXP/resend-invite" >/dev/null
api_status POST "/public/v1/accounts/account-users/$EXP/send-new-invite" null >/dev/null
api_status DELETE "/v1/public/accounts/$A/auth/invitations/$NEW" >/dev/null
wait_until 5 sh -c "[ \$(wc -l <'$TMPD/actions.jsonl') -ge 5 ]"
REC_KEYS='["account_id","action","body_bytes","content_type","email","id","locale","method","path","provider","status","time"]'
check "--record writes one JSON line per action" \
    sh -c "[ \$(wc -l <'$TMPD/actions.jsonl') = 5 ] && jq -se 'all(.[]; keys == $REC_KEYS)' '$TMPD/actions.jsonl' >/dev/null"
is "recorded actions, statuses and locales" \
    "$(jq -r '[.provider, .action, .method, (.status | tostring), (.locale // "-")] | join(" ")' "$TMPD/actions.jsonl")" \
"hybridbox create POST 201 ja
hybridbox resend POST 200 nl
marketplace resend POST 400 -
marketplace send-new POST 200 -
hybridbox delete DELETE 204 -"
is "recorded ids and e-mails" \
    "$(jq -r '[.id, .email, .account_id] | join(" ")' "$TMPD/actions.jsonl" | sed -n '1p;3p')" \
"$NEW rec@example.com $A
$EXP expired.fixture@example.com $ACC"
is "recorded body sizes and Content-Types (null: no header)" \
    "$(jq -r '[.action, (.body_bytes | tostring), (.content_type // "null")] | join(" ")' "$TMPD/actions.jsonl")" \
"create ${#CREATE_BODY} application/json
resend 15 application/json
resend 0 null
send-new 4 application/json
delete 0 null"
check "recorded paths and ISO times" \
    jqok -se "all(.[]; (.path | startswith(\"/\")) and (.time | test(\"Z\$\")))" "$TMPD/actions.jsonl"
curl -s "$SANDBOX_URL/_sandbox/actions" >"$TMPD/actions.json"
check "/_sandbox/actions returns the same actions" \
    sh -c "jq -s . '$TMPD/actions.jsonl' | jq -e --slurpfile a '$TMPD/actions.json' '. == \$a[0]' >/dev/null"
is "POST /_sandbox/reset-actions is 204" \
    "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$SANDBOX_URL/_sandbox/reset-actions")" 204
is "the action list is empty after a reset" "$(curl -s "$SANDBOX_URL/_sandbox/actions")" "[]"
is "reads are not recorded" \
    "$(api /v1/public/accounts >/dev/null; curl -s "$SANDBOX_URL/_sandbox/actions")" "[]"

# ---- hostile data is served as data ----
api "/public/v1/accounts/account-users?eq(account.id,%22$ACC%22)&limit=100" >"$TMPD/users.json"
check "names include escapes, bidi overrides, C1 controls and CJK" jqok \
    'any(.data[].user.name; test("\u001b\\]52;")) and any(.data[].user.name; test("\u202e")) and
     any(.data[].user.name; test("\u009b")) and any(.data[].user.name; test("[一-龯]"))' \
    "$TMPD/users.json"
check "names include accents" jqok 'any(.data[].user.name; test("[ëéøüñ]"))' "$TMPD/users.json"

# ---- signals ----
kill -TERM "$SANDBOX_PID"; wait "$SANDBOX_PID"; rc=$?; SANDBOX_PID=
is "SIGTERM exits 0" "$rc" 0
start_sandbox
kill -INT "$SANDBOX_PID"; wait "$SANDBOX_PID"; rc=$?; SANDBOX_PID=
is "SIGINT exits 0" "$rc" 0
start_sandbox --fault drip
curl -s -o /dev/null -H "Authorization: Bearer $SANDBOX_TOKEN" "$SANDBOX_URL/v1/public/accounts" &
CURL_PID=$!
wait_until 5 sh -c "curl -s '$SANDBOX_URL/_sandbox/actions' >/dev/null"
kill -TERM "$SANDBOX_PID"; wait "$SANDBOX_PID"; rc=$?; SANDBOX_PID=
is "SIGTERM during a slow response still exits 0" "$rc" 0
wait "$CURL_PID" 2>/dev/null

# ---- determinism ----
strip='[.[] | del(.created_at, .expires_at, .accepted_at)]'
snapshot() {
    _a=$(api /v1/public/accounts | jq -r '.items[0].id')
    api "/v1/public/accounts/$_a/auth/invitations" | jq -c "$strip"
    api '/public/v1/accounts/account-users?limit=100' | jq -c '[.data[] | {id, user, groups, invitation: .invitation.status}]'
}
start_sandbox --seed 42; snapshot >"$TMPD/s1"; stop_sandbox
start_sandbox --seed 42; snapshot >"$TMPD/s2"; stop_sandbox
start_sandbox --seed 43; snapshot >"$TMPD/s3"; stop_sandbox
check "the same seed gives the same data" cmp -s "$TMPD/s1" "$TMPD/s2"
check "another seed gives other data" sh -c "! cmp -s '$TMPD/s1' '$TMPD/s3'"

# ---- size (how fast it is served is measured by make bench, not here) ----
start_sandbox --accounts 1 --invitations 10000
A=$(api /v1/public/accounts | jq -r '.items[0].id')
curl -s -o "$TMPD/big.json" -H "Authorization: Bearer $SANDBOX_TOKEN" \
    "$SANDBOX_URL/v1/public/accounts/$A/auth/invitations"
is "a 10,000-invitation list is complete" "$(jq length "$TMPD/big.json")" 10000

done_testing
