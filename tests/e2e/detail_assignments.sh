#!/bin/sh
# The detail pane's assignments below 70 columns (#11, defect 9): one
# collapsible tree node per assignment ("role: editor"), its fields under
# it, instead of a table that wrapped into an unreadable layout.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 64 40 --config "$TMPD/config"
check "the invitations load" wait_re "[0-9]+/40 *$"
keys /
literal accepted.fixture@example.com
keys Enter
check "the invitation with a role, a group and a role" wait_re " 1/1 *$"
keys Tab
check "the detail pane has the focus" wait_for "▶ Detail"
check "three assignments" wait_for "▾ Assignments (3)"
check "each is one line, collapsed: a role" wait_re "^├ ▸ role: [a-z_]+ *$"
check "the group (by name)" wait_re "^├ ▸ group: [A-Za-z0-9 ]+ *$"
check "the last role" wait_re "^└ ▸ role: [a-z_]+ *$"
check "no table header row" screen_lacks_re "kind +role +capability"
check "no wrapped table row" screen_lacks_re "^ +(role|group) +[a-z_]+ +-"

# The first assignment is the 13th line of the tree.
keys g j j j j j j j j j j j j Enter
check "Enter opens the assignment" wait_re "^├ ▾ role: [a-z_]+ *$"
check "its fields are under it, one a line" wait_re "^│ ├ role: [a-z_]+ *$"
check "with its resource" wait_re "^│ ├ resource type: [a-z_]+ *$"
keys Enter
check "Enter closes it again" wait_re "^├ ▸ role: [a-z_]+ *$"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
