#!/bin/sh
# Groups by name (#11, defect 10): the Assigned column and the detail show
# a group assignment by the group's name (GET .../auth/groups, through the
# worker, once per account), the group's own field keeps its id, and when
# the names cannot be had the id is shown and nothing else suffers.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

# show EMAIL: filter the table to that e-mail and focus the detail pane.
show() {
    keys /
    literal "$1"
    keys Enter
    wait_re " 1/1 *$" && keys Tab && wait_for "▶ Detail"
}

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config
start_tui 250 45 --config "$TMPD/config"
check "the invitations load" wait_re "[0-9]+/40 *$"
check "the Assigned column names groups, not ids" wait_re "group: [A-Z][A-Za-z0-9 ]"
check "no group id is left in the Assigned column" screen_lacks_re "group: [0-9a-f]{8}-"
check "a role and a group" show accepted.fixture@example.com
check "the assignment shows the group's name" wait_re "├ ▸ group: Support *│?$|├ ▸ group: Support"
keys +
check "under it the group's field keeps the id" \
    wait_re "│ ├ group: 9a338806-d68f-42c9-920d-f7834a0487b0"
keys q

# The group list fails: ids, and the table and the keys work as before.
stop_sandbox
start_sandbox --fault 5xx --fault-path /auth/groups || { not_ok "sandbox restarts"; done_testing; }
write_config
restart_tui 250 45 --config "$TMPD/config"
check "without group names the invitations still load" wait_re "[0-9]+/40 *$"
keys j
check "and the keys work while the names are asked for" wait_re " 2/40 *$"
check "a failed group list: the detail shows the id" show accepted.fixture@example.com
check "the group id stands in for the name" \
    wait_re "├ ▸ group: 9a338806-d68f-42c9-920d-f7834a0487b0"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
