#!/bin/sh
# Large Marketplace reads may answer 302 to a download location (CONTRACT.md
# B.4): the CLI follows, gets the same rows as without redirects, and never
# sends Authorization to the other host. The sandbox's --redirect-lists
# sends every Marketplace collection GET to the same path and query on the
# other loopback name (127.0.0.1 <-> localhost); that location refuses any
# request carrying Authorization, and GET /_sandbox/redirects counts.
. "${top_srcdir:-.}/tests/lib.sh"
command -v jq >/dev/null || skip_all "jq is not installed"
"$SANDBOX" --help 2>&1 | grep -q -- '--redirect-lists' ||
    skip_all "invitui-sandbox has no --redirect-lists"
# Both loopback names must reach the sandbox, not a proxy.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

# ids SANDBOX_FLAGS...: the Marketplace account and user ids the CLI lists,
# sorted, into $TMPD/ids.<label>; the trace into $TMPD/trace.<label>.
ids() {
    label=$1; shift
    stop_sandbox
    start_sandbox --accounts 2 --invitations 130 "$@" || return 1
    write_config
    rm -f "$TMPD/trace.$label"
    cli --profile mp --trace "$TMPD/trace.$label" accounts --json
    expect_rc 0 "$label: accounts"
    jq -r '.[].id' "$TMPD/out" | sort >"$TMPD/ids.$label"
    cli --profile mp --trace "$TMPD/trace.$label" list --json
    expect_rc 0 "$label: list over both accounts (several pages each)"
    jq -r '.[].id' "$TMPD/out" | sort >>"$TMPD/ids.$label"
}

ids plain || { not_ok "sandbox starts"; done_testing; }
ids redirected --redirect-lists || { not_ok "sandbox starts with --redirect-lists"; done_testing; }

check "the same accounts and users arrive through the redirects ($(wc -l <"$TMPD/ids.plain"))" \
    cmp -s "$TMPD/ids.plain" "$TMPD/ids.redirected"
sandbox_get /_sandbox/redirects >"$TMPD/counts"
diag "sandbox counts: $(cat "$TMPD/counts")"
check "the sandbox redirected the collection reads" \
    test "$(jq '.redirected' "$TMPD/counts")" -gt 1
check "every redirect was followed to the download location" \
    test "$(jq '.downloads' "$TMPD/counts")" = "$(jq '.redirected' "$TMPD/counts")"
check "no request to the other host carried Authorization" \
    test "$(jq '.rejected_with_authorization' "$TMPD/counts")" = 0

T="$TMPD/trace.redirected"
check "the trace shows each hop" \
    grep -q '== .* redirect 302 (1 of at most 3) to http://localhost:' "$T"
check "and that Authorization stayed behind" grep -q 'Authorization is not sent there' "$T"
check "the download requests are traced too" grep -q '== .* GET http://localhost:' "$T"
check "the token is nowhere in the trace" sh -c '! grep -qF "$1" "$2"' - "$SANDBOX_TOKEN" "$T"
done_testing
