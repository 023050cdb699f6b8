#!/bin/sh
# The k9s/lazygit habits (#11): Ctrl-D/Ctrl-U move half a page, O reverses
# the sort with an arrow on the sorted column's title, + and - expand and
# collapse the whole detail tree; ? lists them (rows of the one key table).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 100 30 --config "$TMPD/config"
check "the invitations load" wait_re " 1/40 *$"

# row: the selected row number from the status line's "N/40".
row() { screen | sed -n 's|.* \([0-9]*\)/40 *$|\1|p' | tail -n 1; }
keys C-d
check "Ctrl-D moves down" wait_re " ([2-9]|[1-3][0-9])/40 *$"
half=$(( $(row) - 1 ))
keys C-d
check "Ctrl-D again moves as far again" wait_re " $((2 * half + 1))/40 *$"
keys C-u
check "Ctrl-U moves back up by the same" wait_re " $((half + 1))/40 *$"
keys C-u
check "and again to the first row" wait_re " 1/40 *$"
keys NPage
check "PgDn moves a whole page, about twice as far" \
    wait_re " ($((2 * half))|$((2 * half + 1))|$((2 * half + 2)))/40 *$"
keys g

check "the sorted column carries an up arrow" wait_re "Expiry ↑ +Created +Assigned"
# first: the table's first row (line 4: header, title, column titles).
first_is() { screen | sed -n '4p' | grep -qE -- "$1"; }
check "ascending: the earliest expiry comes first" wait_until 10 first_is "(accepted|expired) "
keys O
check "O reverses: the arrow points down" wait_re "Expiry ↓ +Created"
check "the message says descending" wait_for "Sorted by expiry, descending"
keys g
check "descending: the furthest expiry comes first" wait_until 10 first_is "pending +expires in"
keys o
check "o keeps the direction on the next key" wait_re "Expiry +Created ↓ +Assigned"
keys O
check "O again: ascending" wait_re "Created ↑ +Assigned"

keys Tab
check "the detail pane has the focus" wait_for "▶ Detail"
keys -
check "- collapses the tree to its sections" wait_for "▸ Permissions"
check "every section is closed" sh -c '! tmux -L "$0" capture-pane -p -t t | grep -q "▾"' "$TMUX_SOCK"
keys +
check "+ expands every node, the assignments too" wait_re "│ [├└] (role|group|capability): "

keys '?'
check "? lists Ctrl-D" wait_re "│\^D +Move half a page down"
check "? lists Ctrl-U" wait_re "│\^U +Move half a page up"
check "? lists O" wait_re "│O +Reverse the sort order"
check "? lists + in the detail pane" wait_re "│\+ +Expand every node of the detail tree"
check "? lists -" wait_re "│- +Collapse the detail tree to its sections"
keys q q
check "q quits" wait_for "invitui exited with 0"
done_testing
