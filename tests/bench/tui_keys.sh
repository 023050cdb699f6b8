#!/usr/bin/env bash
# The TUI at BENCH_TUI_ROWS Hybridbox invitations (100,000 by default), driven in tmux with
# INVITUI_TIMINGS: the frame_ms invitui itself writes for each key (key read -> screen
# updated) while a filter word is typed letter by letter, and for sort changes (o: next key,
# O: reverse). Each key is sent only once the previous one has its frame, so every figure is
# one keystroke's. Prints medians and maxima; figures, not pass/fail (make bench only).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
. "$top_srcdir/tests/bench/figure.sh"

n=${BENCH_TUI_ROWS:-100000}
T="$TMPD/timings.jsonl"
start_sandbox --accounts 1 --invitations "$n" || exit 1
HB_ACCOUNTS=$(sandbox_hb_accounts | cut -d, -f1)
write_config

nkeys() { jq -s '[.[] | select(.event == "key")] | length' "$T" 2>/dev/null || echo 0; }
# more_keys N: more than N key frames now (a function, so that each poll counts again; a
# `test "$(nkeys)"` argument is counted once, before the first poll, and an Esc's frame,
# which comes after ESCDELAY, was never seen).
more_keys() { [ "$(nkeys)" -gt "$1" ]; }
# send KEYS...: one key (tmux key name), then wait for its frame.
send() {
    before=$(nkeys)
    keys "$@"
    wait_until 120 more_keys "$before" ||
        { echo "bench: no frame for $*; the screen:" >&2; screen >&2; exit 1; }
}
typed() { # typed WORD: letter by letter into the filter line, then Esc clears it
    send /
    word=$1
    while [ -n "$word" ]; do
        send -l "${word%"${word#?}"}"
        word=${word#?}
    done
    send Escape
}

E2E_ENV="INVITUI_TIMINGS=$T" start_tui 120 40 --config "$TMPD/config"
wait_event 600 "$T" rows_complete ||
    { echo "bench: the list did not load" >&2; screen >&2; exit 1; }
mark=$(nkeys)
for w in jurgen.mu garcia siobhan.k; do typed "$w"; done
for k in o o o o O O; do send "$k"; done
keys q
wait_for "invitui exited with" 30 >/dev/null

jq -r -s --argjson skip "$mark" --arg n "$n" '
  def med: sort | if length == 0 then null else .[(length - 1) / 2 | floor] end;
  def fmt: if . == null then "-" else (. * 100 | round / 100 | tostring) + " ms" end;
  [.[] | select(.event == "key")] | .[$skip:] as $k
  | ($k | map(select(.key == "text") | .frame_ms)) as $f
  | ($k | map(select(.key == "o" or .key == "O") | .frame_ms)) as $s
  | "TUI, \($n) rows: filter keystroke -> frame, median of \($f | length): \($f | med | fmt) (max \($f | max | fmt))",
    "TUI, \($n) rows: sort change -> frame, median of \($s | length): \($s | med | fmt) (max \($s | max | fmt))"
' "$T"
# The medians again, for the goals table.
for kind in text sort; do
    med=$(jq -s -r --argjson skip "$mark" --arg kind "$kind" '
      [.[] | select(.event == "key")] | .[$skip:]
      | map(select(if $kind == "text" then .key == "text" else (.key == "o" or .key == "O") end)
            | .frame_ms) | sort | if length == 0 then "" else .[(length - 1) / 2 | floor] end
    ' "$T")
    figure "$([ "$kind" = text ] && echo filter_key_ms || echo sort_key_ms)" "$med"
done
