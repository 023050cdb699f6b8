#!/bin/sh
# INVITUI_TIMINGS=FILE: the TUI appends JSON lines for the first paint, the
# list (transfer, parse, rows shown) and each key; unset, nothing is written.
# Only the presence and order of events is checked, never a duration.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
# One account: the count the TUI shows is that account's list.
HB_ACCOUNTS=$(sandbox_hb_accounts | cut -d, -f1)
write_config
N=$(sandbox_get "/v1/public/accounts/$HB_ACCOUNTS/auth/invitations" | jq length)
check "the sandbox has invitations for the account" test "${N:-0}" -gt 0

T="$TMPD/timings.jsonl"
# ev JQ-FILTER: the filter over all lines as one array (fails on a bad line).
ev() { jq -e -s "$1" "$T" >/dev/null 2>&1; }

E2E_ENV="INVITUI_TIMINGS=$T" start_tui 100 30 --config "$TMPD/config"
check "the table is loaded" wait_re " 1/$N *$" 15
check "rows_complete is written once the rows are shown" \
    wait_until 10 ev 'any(.event == "rows_complete")'
keys j
check "j moves the selection" wait_re " 2/$N *$"
check "the key j is written" wait_until 10 ev 'any(.event == "key" and .key == "j")'
keys /
literal "zw"
check "the filter line takes zw" wait_re "^/zw *$"
keys Escape
check "Esc clears the filter" wait_re "\[1 all $N\]"
keys q
check "q quits" wait_for "invitui exited with 0"

check "the file is private (0600)" test "$(stat -c %a "$T")" = 600
check "every line is a JSON object with t_ms and event" \
    ev 'all(type == "object" and (.t_ms | type) == "number" and (.event | type) == "string")'
check "t_ms never decreases" ev '[.[].t_ms] as $t | $t == ($t | sort)'
check "first_paint is written once" ev '[.[] | select(.event == "first_paint")] | length == 1'
check "http_done is written" ev 'any(.event == "http_done")'
check "parse_done has the real count" ev "any(.event == \"parse_done\" and .count == $N)"
check "rows has the real count" ev "any(.event == \"rows\" and .count == $N)"
check "rows_complete has the real count" ev "any(.event == \"rows_complete\" and .count == $N)"
check "the list is transferred, then parsed, then shown" ev '
    (map(.event) | index("http_done")) < (map(.event) | index("parse_done")) and
    (map(.event) | index("parse_done")) < (map(.event) | index("rows_complete"))'
check "the key j has a frame_ms >= 0" \
    ev 'any(.event == "key" and .key == "j" and (.frame_ms | type) == "number" and .frame_ms >= 0)'
check "the key q is written too" ev 'any(.event == "key" and .key == "q" and .frame_ms >= 0)'
check "characters typed into the filter line are written as text" \
    ev '[.[] | select(.event == "key" and .key == "text")] | length == 2'
check "and never as themselves" ev 'all(.key != "z" and .key != "w")'
check "cache_shown is not written (there is no cache)" ev 'all(.event != "cache_shown")'

# Unset: no file, neither where the TUI runs nor anywhere under the test dir.
lines=$(wc -l <"$T")
mkdir "$TMPD/run" && cd "$TMPD/run" || exit 1
restart_tui 100 30 --config "$TMPD/config"
check "without INVITUI_TIMINGS the table loads" wait_re " 1/$N *$" 15
keys j q
check "and q quits" wait_for "invitui exited with 0"
check "no file appears in the working directory" test -z "$(ls -A "$TMPD/run")"
check "no other timings file appears" \
    test "$(grep -rl first_paint "$TMPD" 2>/dev/null)" = "$T"
check "the earlier file is left alone" test "$(wc -l <"$T")" = "$lines"
# The CLI writes the list's events too (a paged Marketplace list here), and
# nothing of the terminal UI.
T="$TMPD/cli.jsonl"
INVITUI_TIMINGS=$T E2E_TOKEN=$SANDBOX_TOKEN "$INVITUI" --config "$TMPD/config" --profile mp \
    list --json >"$TMPD/list.json" 2>"$TMPD/list.err" </dev/null
check "list --profile mp succeeds" test $? -eq 0
M=$(jq length "$TMPD/list.json")
check "list writes http_done with its pages" ev 'any(.event == "http_done" and .pages >= 1)'
check "list writes parse_done" ev 'any(.event == "parse_done" and .count >= 1)'
check "list writes rows_complete with the rows printed" \
    ev "[.[] | select(.event == \"rows_complete\")] == [.[-1]] and .[-1].count == ${M:-x}"
check "list writes neither first_paint nor key" \
    ev 'all(.event != "first_paint" and .event != "key")'
[ "$TAP_FAILED" -eq 0 ] || diag "the timings files:" "$(cat "$TMPD"/*.jsonl)"
done_testing
