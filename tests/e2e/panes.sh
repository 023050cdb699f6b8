#!/bin/sh
# The three panes at 120x40: data, moving between panes, the `/` filter,
# state tabs, the permission tree, the help overlay, a resize to 80x24 and
# quitting with q leaves a sane terminal.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 120 40 --config "$TMPD/config"
check "the window is 120x40" test "$(pane_size)" = "120x40"
check "accounts pane lists the sandbox accounts" wait_for "Accounts (2)"
check "invitations table has data" wait_re "[0-9]+/40 *$"
check "the table has its columns" wait_re "E-mail +Status +Expiry ↑ +Created"
check "detail pane shows the selected invitation" wait_for "Detail  "
check "status words come with symbols" wait_re "(✓ accepted|✗ expired|⧗ pending|◷ pending)"
check "relative expiry is shown" wait_re "expire(s in|d) [0-9]+[dhm]"

keys j j
check "j moves the selection" wait_re " 3/40 *$"
keys k
check "k moves back" wait_re " 2/40 *$"
keys G
check "G goes to the last row" wait_re " 40/40 *$"
keys g
check "g goes to the first row" wait_re " 1/40 *$"

keys Tab
check "Tab focuses the detail pane" wait_for "▶ Detail"
check "the key line says what Enter does here" wait_re "Enter expand"
keys Enter
check "Enter collapses a tree node" wait_for "▸ Invitation"
keys Enter
check "Enter expands it again" wait_for "▾ Invitation"
keys G
check "the permission tree has its sections" wait_re "Owner of accounts|Resolved capabilities"
check "capabilities are grouped by resource" wait_re "▾ [a-z_]+$|▸ [a-z_]+$|[├└] ▾ [a-z_]+"
keys g
keys h
check "h focuses the table" wait_for "▶ [1 all"
keys h
check "h again focuses the accounts" wait_for "▶ Accounts"
keys j Enter
check "Enter opens the second account" wait_re "account: Zo.'s B.ckerei"
check "the focus moves to its invitations" wait_for "▶ [1 all"
check "its invitations load" wait_re " 1/[0-9]+ *$"
check "the open account is marked with a dot, not only a colour" wait_re "● Zo.'s B.ckerei"
keys h k Enter
check "and back to the first" wait_re "account: Acme"
check "whose rows are still loaded" wait_re " 1/40 *$"

keys 2
check "2 shows the pending tab" wait_for "[2 pending"
keys 1
check "1 shows every state again" wait_for "[1 all 40]"

keys /
literal "kim"
check "the filter applies while typing" wait_for "/kim"
keys Enter
check "only matching rows remain" wait_re "\[1 all [1-9]\]"
keys Escape
check "Esc clears the filter" wait_for "[1 all 40]"

keys o
check "o cycles the sort order" wait_for "sort: created"

keys '?'
check "? opens the help overlay" wait_for "Keys (q closes)"
keys q
check "q closes the overlay" wait_gone "Keys (q closes)"

tm resize-window -t t -x 80 -y 24
check "the window is now 80x24" test "$(pane_size)" = "80x24"
check "narrow: the accounts pane is hidden" wait_gone "Accounts (2)"
check "narrow: the table is still drawn" wait_re " [0-9]+/40 *$"
keys h
check "narrow: h shows the accounts pane" wait_for "▶ Accounts (2)"
tm resize-window -t t -x 120 -y 40
check "wide again: three panes" wait_for "Detail  "

# A burst of resizes with no pause: the last one must win even when its
# SIGWINCH lands while invitui is drawing rather than waiting in poll().
for i in 1 2 3 4 5 6 7 8 9 10; do
    tm resize-window -t t -x 80 -y 24
    tm resize-window -t t -x 120 -y 40
done
# drawn_width N: invitui's status line (right-aligned "n/N") ends in column N.
drawn_width() {
    _end=$(( $(date +%s) + 5 ))
    until [ "$(screen | grep -E ' [0-9]+/[0-9]+$' | tail -n 1 | awk '{ print length($0) }')" = "$1" ]
    do
        [ "$(date +%s)" -ge "$_end" ] && { screen | sed 's/^/# | /'; return 1; }
        sleep 0.05
    done
}
tm resize-window -t t -x 90 -y 30
check "after a burst of resizes the screen is drawn 90 wide" drawn_width 90
tm resize-window -t t -x 120 -y 40
check "and the last resize is not lost: 120 wide" drawn_width 120
# Grown past the size it started at: tmux keeps the alternate screen's lines past the old
# size when it is left, so they must be blank by then.
tm resize-window -t t -x 160 -y 50
check "grown to 160x50, the screen is drawn 160 wide" drawn_width 160

keys q
check "q quits" wait_for "invitui exited with 0"
check "the terminal is restored (icanon, echo)" tty_sane
check "no line of the grown screen is left behind" screen_lacks_re "@|Detail|E-mail"
done_testing
