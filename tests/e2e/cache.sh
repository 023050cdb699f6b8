#!/bin/sh
# Start from a snapshot (#12): the first run keeps its list in the cache
# directory; a second start against a slow server shows that list at once,
# marked as cached, refuses actions on it, and the fresh list then replaces
# it in place. --no-cache shows nothing cached; a damaged or public file is
# ignored with a note. The sandbox makes the same data for the same seed.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
. "$top_srcdir/tests/po/po-lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

XDG="$TMPD/xdg"
T="$TMPD/timings.jsonl"
# Every start shares one cache directory (tmux_lib gives each start its own).
E2E_ENV="XDG_CACHE_HOME=$XDG INVITUI_TIMINGS=$T"
ev() { jq -e -s "$1" "$T" >/dev/null 2>&1; }

start_sandbox || { not_ok "sandbox starts"; done_testing; }
PORT=$(echo "$SANDBOX_URL" | sed 's|.*:\([0-9]*\).*|\1|')
write_config
start_tui 120 40 --config "$TMPD/config"
check "the first start loads the list" wait_re " 1/40 *$" 15
check "and shows nothing cached" screen_lacks_re "cached [0-9]"
check "the list is kept in \$XDG_CACHE_HOME/invitui" \
    wait_until 10 sh -c "ls '$XDG/invitui/'hb.*.snap"
check "the cache directory is private (0700)" test "$(stat -c %a "$XDG/invitui")" = 700
FILE=$(ls "$XDG/invitui/"hb.*.snap | head -n 1)
check "the file is private (0600)" test "$(stat -c %a "$FILE")" = 600
check "the file is a versioned snapshot" test "$(head -n 1 "$FILE")" = "invitui-snapshot 3"
check "no temporary file is left behind" test "$(ls -A "$XDG/invitui" | wc -l)" = 1
check "no cache_shown without a cache" ev 'all(.event != "cache_shown")'
keys q
check "q quits" wait_for "invitui exited with 0"

# The same data on the same port, but every answer takes 4 s.
stop_sandbox
start_sandbox --port "$PORT" --latency 4000 || { not_ok "slow sandbox starts"; done_testing; }
: >"$T"
restart_tui 120 40 --config "$TMPD/config"
check "the second start shows the cached rows, marked as cached" \
    wait_re "cached [0-9]+[smh].* ago +1/40 *$" 3
check "while the server has not answered" wait_for "Loading"
check "cache_shown is written with the cached rows" ev 'any(.event == "cache_shown" and .count == 40)'
keys j j
check "the cached rows can be moved through" wait_re "cached .* 3/40 *$"
keys r
check "an action key on a cached row is refused" wait_for "wait for the current list"
check "every write key is greyed on the key line meanwhile" \
    wait_re "\[r resend\]  \[n send new\]  \[c create\]"
check "cached still (these checks ran before the fresh list)" wait_re "cached .* 3/40 *$" 1
check "the fresh list replaces the cached one: the marker goes" wait_gone "cached" 30
check "create is offered again" wait_re "\]  c create  "
check "the selection stays where it was" wait_re " 3/40 *$"
check "the fresh rows came after the cached ones" ev '
    (map(.event) | index("cache_shown")) < (map(.event) | index("rows_complete"))'
keys q
check "q quits" wait_for "invitui exited with 0"

# German at 80 columns: the marker is longer there; it keeps a short form rather than go.
make_locale_tree || not_ok "a locale tree from po/*.gmo"
E2E_ENV="$E2E_ENV LANGUAGE=de INVITUI_LOCALEDIR=$TMPD/locale" restart_tui 80 24 --config "$TMPD/config"
check "de 80x24: the cached rows are marked as cached" \
    wait_re "zwischengespeichert( vor [0-9]+ [smh])? +1/40 *$" 3
check "de 80x24: the fresh list replaces them" wait_gone "zwischengespeichert" 30
keys q
check "q quits" wait_for "invitui exited with 0"

# --no-cache: nothing cached is shown (nor written).
touch -d '2000-01-01' "$FILE"
restart_tui 120 40 --no-cache --config "$TMPD/config"
check "--no-cache: the list is loading" wait_for "Loading accounts"
check "--no-cache: no cached rows are shown meanwhile" screen_lacks_re "cached [0-9]|1/40"
check "--no-cache: the fresh list arrives" wait_re " 1/40 *$" 30
check "--no-cache: the cache file is not written" \
    test "$(stat -c %Y "$FILE")" = "$(date -d 2000-01-01 +%s)"
keys q
check "q quits" wait_for "invitui exited with 0"

# A damaged file is ignored with a note; the fresh list still comes.
head -c 200 "$FILE" >"$TMPD/cut" && cat "$TMPD/cut" >"$FILE"
restart_tui 120 40 --config "$TMPD/config"
check "a file cut short is ignored with a note" wait_for "damaged or cut short"
check "and shows no cached rows" screen_lacks_re "cached [0-9]|1/40"
check "the fresh list arrives" wait_re " 1/40 *$" 30
check "and is kept again" wait_until 10 sh -c "cmp -s '$TMPD/cut' '$FILE' && exit 1 || exit 0"
keys q
check "q quits" wait_for "invitui exited with 0"

# A file others may read is never read.
chmod 644 "$FILE"
restart_tui 120 40 --config "$TMPD/config"
check "a file open to others is refused with a note" wait_for "open to other users"
check "and shows no cached rows" screen_lacks_re "cached [0-9]|1/40"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
