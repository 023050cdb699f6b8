#!/bin/sh
# A list that arrives slowly (the sandbox drips the invitations list, 16 bytes every 100 ms):
# its rows show as they are parsed, with the count so far on the status line, and the UI
# moves, filters and opens the detail while the rest still arrives. INVITUI_TIMINGS has a
# rows event for what is shown and no rows_complete before the list is whole.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox --accounts 1 --invitations 40 --fault drip --fault-path /auth/invitations ||
    { not_ok "sandbox starts"; done_testing; }
HB_ACCOUNTS=$(sandbox_hb_accounts | cut -d, -f1)
write_config
T="$TMPD/timings.jsonl"
E2E_ENV="INVITUI_TIMINGS=$T" start_tui 120 30 --config "$TMPD/config" --no-cache
check "the first row shows at once, while the list still arrives" \
    wait_for "Loading invitations… 1 so far" 60
check "it is drawn in the list" wait_re " 1/1 *$"
check "a second row follows" wait_re " [12]/2 *$" 60
keys j
check "the selection moves while rows arrive" wait_re " 2/[2-9] *$"
check "and the list is still loading" wait_for "so far"
keys /
literal "zzzz-no-such"
check "the filter narrows while rows arrive" wait_for "[1 all 0]"
check "and says the list is still loading rather than that nothing matches" wait_for "Loading…"
keys Escape
check "Esc clears it" wait_gone "/zzzz-no-such"
check "the rows are back" wait_re "1 all [1-9]"
keys Enter
check "the detail opens on a row that arrived early" wait_for "Detail"
# The row the list shows is the reader's own (the TUI's first load takes it, no copy):
# its whole object is there already, not only the record a cached row has.
check "with the invitation's assignments, before the list is whole" wait_re "Assignments \([0-9]+\)"
check "while the list still arrives" wait_for "so far"
has_rows() { jq -e -s 'any(.event == "rows" and .count >= 1)' "$T" >/dev/null 2>&1; }
check "INVITUI_TIMINGS has a rows event for the rows shown" has_rows
check "and no rows_complete while the list is not whole" \
    sh -c "! grep -q rows_complete '$T'"
keys q
check "q quits while the list still arrives" wait_for "invitui exited with 0" 20
check "the terminal is restored" tty_sane
done_testing
