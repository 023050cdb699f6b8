# Shared helpers for the shell tests: TAP output, a private sandbox, waiting
# for conditions with a deadline instead of sleeping.
# Sourced by tests/*/*.sh; expects top_srcdir and top_builddir in the
# environment (the test harness sets them; a manual run falls back to .).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
INVITUI="$top_builddir/src/invitui"
SANDBOX="$top_builddir/src/invitui-sandbox"
export LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC

TAP_N=0
TAP_FAILED=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/invitui-test.XXXXXX")
# Every test has a journal of its own: never the user's, and never one that
# another test's sends make the recent-send guard hold back.
XDG_STATE_HOME="$TMPD/state"
export XDG_STATE_HOME
SANDBOX_PID=
_cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    [ -n "${TMUX_SOCK:-}" ] && tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
    rm -rf "$TMPD"
}
trap _cleanup EXIT

plan() { echo "1..$1"; }
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# check DESCRIPTION COMMAND...: one test case from a command's exit status.
check() {
    desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

done_testing() { echo "1..$TAP_N"; exit 0; }

# start_sandbox [FLAGS...]: starts invitui-sandbox on a free loopback port;
# sets SANDBOX_URL, SANDBOX_TOKEN and SANDBOX_PID.
SANDBOX_STARTS=0
start_sandbox() {
    SANDBOX_TOKEN=${SANDBOX_TOKEN:-test-token-$$}
    # A new file each time: the previous one still holds the old URL until
    # the background shell truncates it, and reading it then is a race.
    SANDBOX_STARTS=$((SANDBOX_STARTS + 1))
    SANDBOX_OUT="$TMPD/sandbox.$SANDBOX_STARTS.out"
    "$SANDBOX" --port 0 --token "$SANDBOX_TOKEN" "$@" >"$SANDBOX_OUT" 2>"$TMPD/sandbox.err" &
    SANDBOX_PID=$!
    wait_until 10 grep -q '^http://.*$' "$SANDBOX_OUT" || {
        diag "invitui-sandbox did not start:"; diag "$(cat "$TMPD/sandbox.err")"; return 1; }
    SANDBOX_URL=$(head -n 1 "$SANDBOX_OUT")
}

stop_sandbox() {
    [ -n "$SANDBOX_PID" ] || return 0
    kill "$SANDBOX_PID" 2>/dev/null
    wait "$SANDBOX_PID" 2>/dev/null
    SANDBOX_PID=
}

# wait_until SECONDS COMMAND...: polls COMMAND every 50 ms until it succeeds.
wait_until() {
    limit=$1; shift
    end=$(( $(date +%s) + limit ))
    until "$@"; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.05
    done
}

# sandbox_hb_accounts: the running sandbox's Hybridbox account ids,
# comma-separated, from its own (sandbox-only) account list: a hybridbox
# profile must name its accounts. Split on commas, an account object starts
# with {"id":"UUID" (its client object with "client":{"id", not matched).
sandbox_hb_accounts() {
    sandbox_get '/v1/public/accounts?page_size=100' | tr ',' '\n' |
        sed -n 's/^\({"items":\[\)\{0,1\}{"id":"\([0-9a-fA-F-]\{36\}\)"$/\2/p' | paste -sd, -
}

# write_config: a private config (0600) with one profile per provider on the
# running sandbox; the token comes from the environment, never argv.
# Extra lines for the hybridbox profile may be passed as arguments. Its
# accounts are $HB_ACCOUNTS when set (for a sandbox started with faults,
# which would garble the account list; the data depends only on --seed and
# --accounts), else the sandbox's.
write_config() {
    CONFIG="$TMPD/config"
    export INVITUI_TEST_TOKEN="$SANDBOX_TOKEN"
    _accounts=${HB_ACCOUNTS:-$(sandbox_hb_accounts)}
    [ -n "$_accounts" ] || diag "write_config: the sandbox listed no Hybridbox account"
    {
        printf '[defaults]\nprofile = hb\n\n'
        printf '[profile hb]\nprovider = hybridbox\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\n' "$SANDBOX_URL"
        printf 'accounts = %s\n' "$_accounts"
        for line in "$@"; do printf '%s\n' "$line"; done
        printf '\n[profile mp]\nprovider = marketplace\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\n' "$SANDBOX_URL"
        printf '\n[profile mp-ro]\nprovider = marketplace\nbase_url = %s\ntoken_env = INVITUI_TEST_TOKEN\nread_only = true\n' "$SANDBOX_URL"
    } >"$CONFIG"
    chmod 600 "$CONFIG"
}

# cli ARGS...: runs invitui with the test config; stdout in $TMPD/out,
# stderr in $TMPD/err, exit status in $RC.
cli() {
    "$INVITUI" --config "$CONFIG" "$@" >"$TMPD/out" 2>"$TMPD/err" </dev/null
    RC=$?
}

# expect_rc WANT DESCRIPTION: one test case on the last cli's exit status.
expect_rc() {
    if [ "$RC" -eq "$1" ]; then ok "$2 (exit $1)"
    else not_ok "$2: exit $RC, wanted $1"; sed 's/^/# stderr: /' "$TMPD/err"; fi
}

# sandbox_get PATH: curl the sandbox with the token (from a file, not argv).
sandbox_get() {
    printf 'Authorization: Bearer %s\n' "$SANDBOX_TOKEN" >"$TMPD/auth"
    curl -sf -H @"$TMPD/auth" "$SANDBOX_URL$1"
}
