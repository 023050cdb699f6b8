#!/usr/bin/env bash
# Benchmarks (make bench; never part of make check): wall time and peak RSS of
# `invitui list --json` against the sandbox, side by side with the curl | jq
# script a person would write to fetch the same data. Prints a table.
# BENCH_SIZES="10000 100000" by default. Then the store's filter and sort at
# 100,000 rows against the full-scan alternative (tests/bench/store_bench) and
# the TUI's own frame_ms for the same keys (tests/bench/tui_keys.sh,
# BENCH_TUI_ROWS=100000). Then the snapshot's load next to parsing the same list
# (tests/bench/snapshot_bench) and the TUI's first rows from a snapshot
# (tests/bench/tui_snapshot.sh), and the Marketplace's TUI next to its CLI
# (tests/bench/tui_marketplace.sh). Last, the README's goals table with this run's figures.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
. "$top_srcdir/tests/lib.sh"

command -v jq >/dev/null && [ -x /usr/bin/time ] ||
    { echo "bench: needs jq and GNU time (apt-get install jq time)" >&2; exit 1; }

# The figures the README's goals table needs, "name value" per line, from every script of
# this run (tests/bench/figure.sh).
BENCH_FIGURES="$TMPD/figures"
export BENCH_FIGURES
: >"$BENCH_FIGURES"
. "$top_srcdir/tests/bench/figure.sh"

measure() { # measure LABEL COMMAND...: prints "LABEL seconds peak-MiB"
    label=$1; shift
    /usr/bin/time -f '%e %M' -o "$TMPD/time" "$@" >"$TMPD/out" 2>"$TMPD/err" ||
        { echo "bench: $label failed:" >&2; cat "$TMPD/err" >&2; }
    read -r secs kib <"$TMPD/time"
    last_secs=$secs
    count=$(jq length "$TMPD/out" 2>/dev/null || echo '?')
    printf '%-34s %8s s %8.1f MiB %8s rows\n' "$label" "$secs" "$(echo "$kib" | awk '{print $1/1024}')" "$count"
}

auth_header() { printf 'Authorization: Bearer %s\n' "$SANDBOX_TOKEN" >"$TMPD/auth"; }

hybridbox_curl_jq() {
    curl -sf -H @"$TMPD/auth" "$SANDBOX_URL/v1/public/accounts/$1/auth/invitations" |
        jq '[.[] | {id, email, status, created_at, expires_at}]'
}

marketplace_curl_jq() {
    offset=0; total=1
    : >"$TMPD/pages"
    while [ "$offset" -lt "$total" ]; do
        curl -sf -H @"$TMPD/auth" \
            "$SANDBOX_URL/public/v1/accounts/accounts/$1/users?select=+audit&limit=100&offset=$offset" \
            >"$TMPD/page" || return 1
        total=$(jq '."$meta".pagination.total' "$TMPD/page")
        cat "$TMPD/page" >>"$TMPD/pages"
        offset=$((offset + 100))
    done
    jq -s '[.[].data[] | {id, email: .user.email, status: .invitation.status}]' "$TMPD/pages"
}

write_bench_config() { # $1: the Hybridbox account id
    cat >"$TMPD/config" <<CONF
[profile hb]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $1
token_env = BENCH_TOKEN
[profile mp]
provider = marketplace
base_url = $SANDBOX_URL
token_env = BENCH_TOKEN
concurrency = 4
CONF
    chmod 600 "$TMPD/config"
}

printf '%-34s %10s %12s %13s\n' "what" "wall" "peak RSS" "rows"
for n in ${BENCH_SIZES:-10000 100000}; do
    stop_sandbox
    start_sandbox --accounts 1 --invitations "$n" || exit 1
    export BENCH_TOKEN="$SANDBOX_TOKEN"
    auth_header
    hb=$(curl -sf -H @"$TMPD/auth" "$SANDBOX_URL/v1/public/accounts" | jq -r '.items[0].id')
    write_bench_config "$hb"
    mp=$(curl -sf -H @"$TMPD/auth" "$SANDBOX_URL/public/v1/accounts/accounts?limit=1" |
        jq -r '.data[0].id')
    t=$(curl -s -o /dev/null -w '%{time_total}' -H @"$TMPD/auth" \
        "$SANDBOX_URL/v1/public/accounts/$hb/auth/invitations")
    printf '%-34s %8s s   (the sandbox alone: curl -o /dev/null)\n' "hybridbox $n: sandbox serves" "$t"
    measure "hybridbox $n: invitui list --json" \
        "$INVITUI" --config "$TMPD/config" --profile hb list --account "$hb" --json
    figure "hb_list_json_s_$n" "$last_secs"
    measure "hybridbox $n: curl | jq" bash -c "$(declare -f hybridbox_curl_jq); \
        TMPD=$TMPD SANDBOX_URL=$SANDBOX_URL hybridbox_curl_jq $hb"
    figure "hb_curl_jq_s_$n" "$last_secs"
    measure "marketplace $n: invitui list --json" \
        "$INVITUI" --config "$TMPD/config" --profile mp list --account "$mp" --json
    measure "marketplace $n: curl | jq" bash -c "$(declare -f marketplace_curl_jq); \
        TMPD=$TMPD SANDBOX_URL=$SANDBOX_URL marketplace_curl_jq $mp"
done

echo
echo "== the store at 100,000 rows (tests/bench/store_bench)"
"$top_builddir/tests/bench/store_bench" 100000
echo
echo "== the TUI in tmux, INVITUI_TIMINGS frame_ms (tests/bench/tui_keys.sh)"
bash "$top_srcdir/tests/bench/tui_keys.sh"
echo
echo "== the snapshot of a $(( ${BENCH_TUI_ROWS:-100000} ))-row list (tests/bench/snapshot_bench)"
stop_sandbox
start_sandbox --accounts 1 --invitations "${BENCH_TUI_ROWS:-100000}" || exit 1
auth_header
hb=$(curl -sf -H @"$TMPD/auth" "$SANDBOX_URL/v1/public/accounts" | jq -r '.items[0].id')
curl -sf -H @"$TMPD/auth" "$SANDBOX_URL/v1/public/accounts/$hb/auth/invitations" >"$TMPD/list.json"
mkdir -m 700 "$TMPD/snap"
"$top_builddir/tests/bench/snapshot_bench" "$TMPD/list.json" "$TMPD/snap"
stop_sandbox
echo
echo "== the TUI started from a snapshot, INVITUI_TIMINGS (tests/bench/tui_snapshot.sh)"
bash "$top_srcdir/tests/bench/tui_snapshot.sh"
echo
echo "== the TUI and the CLI on the same Marketplace users (tests/bench/tui_marketplace.sh)"
bash "$top_srcdir/tests/bench/tui_marketplace.sh"
echo
echo "== the goals (README, Performance), each measured in this run"
goals_table
