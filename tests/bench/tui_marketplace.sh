#!/usr/bin/env bash
# The TUI and the CLI on the same BENCH_MP_USERS Marketplace account users (10,000 by
# default): wall time of `invitui list --json`, then the TUI's rows_complete (INVITUI_TIMINGS,
# ms from the process start) in tmux, and their ratio. Figures, not pass/fail (make bench).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
. "$top_srcdir/tests/bench/figure.sh"

n=${BENCH_MP_USERS:-10000}
start_sandbox --accounts 1 --invitations "$n" || exit 1
write_config
mp=$(curl -sf -H "Authorization: Bearer $SANDBOX_TOKEN" \
    "$SANDBOX_URL/public/v1/accounts/accounts?limit=1" | jq -r '.data[0].id')

t0=$(date +%s%N)
E2E_TOKEN=$SANDBOX_TOKEN XDG_CACHE_HOME="$TMPD/cli-cache" \
    "$INVITUI" --config "$TMPD/config" --profile mp list --account "$mp" --json >"$TMPD/cli.json" ||
    { echo "bench: invitui list --json failed" >&2; exit 1; }
cli_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
cli_rows=$(jq -s '[.[] | if type == "array" then .[] else . end] | length' "$TMPD/cli.json")

T="$TMPD/mp.jsonl"
E2E_ENV="INVITUI_TIMINGS=$T" start_tui 120 40 --config "$TMPD/config" --profile mp --no-cache
wait_event 600 "$T" rows_complete ||
    { echo "bench: the TUI did not load the users" >&2; screen >&2; exit 1; }
keys q
wait_for "invitui exited with" 30 >/dev/null
tui_ms=$(jq -s -r '[.[] | select(.event == "rows_complete")][0].t_ms' "$T")
tui_rows=$(jq -s -r '[.[] | select(.event == "rows_complete")][0].count' "$T")

echo "Marketplace, $n users: invitui list --json $cli_ms ms ($cli_rows rows)"
echo "Marketplace, $n users: TUI all rows shown $(awk -v v="$tui_ms" 'BEGIN { printf "%.1f", v }') ms" \
    "($tui_rows rows; $(awk -v a="$tui_ms" -v b="$cli_ms" 'BEGIN { printf "%.2f", a / b }')x the CLI)"
figure mp_list_json_ms "$cli_ms"
figure mp_tui_all_rows_ms "$tui_ms"
