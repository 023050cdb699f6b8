#!/bin/sh
# Marketplace users arrive a page at a time (#12): the rows of each page show as it lands,
# with the running count and the total the server announced in $meta.pagination.total,
# and the UI moves while the other pages are still on their way (every answer of the
# sandbox is 700 ms late here, and one request is in flight at a time).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --accounts 1 --invitations 450 --latency 700 ||
    { not_ok "sandbox starts"; done_testing; }
write_config
sed -i 's/^\[profile mp\]$/&\nconcurrency = 1/' "$TMPD/config"
T="$TMPD/timings.jsonl"
E2E_ENV="INVITUI_TIMINGS=$T" start_tui 120 30 --config "$TMPD/config" --profile mp --no-cache
check "the first page shows with the running count and the announced total" \
    wait_for "Loading invitations… 100 of 450" 60
check "its rows are in the list" wait_re " 1/100 *$"
keys j
check "the selection moves while pages still arrive" wait_re " 2/(100|200) *$"
check "the next page adds its rows to the count" wait_for "Loading invitations… 200 of 450" 30
has_rows() { jq -e -s 'any(.event == "rows" and .count == 100)' "$T" >/dev/null 2>&1; }
check "INVITUI_TIMINGS has a rows event for the first page" has_rows
check "every user is shown in the end" wait_re " [0-9]+/450 *$" 60
check "and the count is gone from the status line" wait_gone "Loading invitations" 10
keys q
check "q quits" wait_for "invitui exited with 0" 20
check "the terminal is restored" tty_sane
done_testing
