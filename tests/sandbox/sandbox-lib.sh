# Helpers shared by the sandbox's own HTTP tests (curl + jq, no client code).
# Sourced after tests/lib.sh.

command -v curl >/dev/null 2>&1 || skip_all "curl is not installed"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

# api [CURL ARGS...] URL-PATH: authenticated request; prints the body.
api() {
    _path=$1; shift
    curl -s -H "Authorization: Bearer $SANDBOX_TOKEN" "$@" "$SANDBOX_URL$_path"
}

# api_status METHOD PATH [BODY]: prints the HTTP status; body in $TMPD/body.
api_status() {
    _m=$1 _p=$2; shift 2
    if [ $# -gt 0 ]; then
        curl -s -o "$TMPD/body" -D "$TMPD/headers" -w '%{http_code}' -X "$_m" \
            -H "Authorization: Bearer $SANDBOX_TOKEN" -H 'Content-Type: application/json' \
            --data-binary "$1" "$SANDBOX_URL$_p"
    else
        curl -s -o "$TMPD/body" -D "$TMPD/headers" -w '%{http_code}' -X "$_m" \
            -H "Authorization: Bearer $SANDBOX_TOKEN" "$SANDBOX_URL$_p"
    fi
}

# body_jq FILTER: jq -e over the last api_status body.
body_jq() {
    jq -e "$@" "$TMPD/body" >/dev/null 2>&1
}

# is DESCRIPTION ACTUAL EXPECTED
is() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; diag "got:      $2" "expected: $3"; fi
}

# epoch TIMESTAMP: seconds since the epoch of an ISO-8601 UTC time.
epoch() {
    date -u -d "$1" +%s
}

# near A B SLACK: |A - B| <= SLACK
near() {
    _d=$(( $1 - $2 ))
    [ "${_d#-}" -le "$3" ]
}

# header NAME: value of a response header from the last api_status.
header() {
    tr -d '\r' <"$TMPD/headers" | awk -v n="$1" 'BEGIN { IGNORECASE = 1 }
        tolower($0) ~ "^" tolower(n) ":" { sub(/^[^:]*: */, ""); print; exit }'
}

# jqok FILTER [FILE]: jq -e without output.
jqok() {
    jq -e "$@" >/dev/null 2>&1
}
