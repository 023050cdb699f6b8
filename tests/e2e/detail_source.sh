#!/bin/sh
# Where a resolved capability comes from (#11, defect 11): the API gives no
# per-capability source, so the detail pane says "[via role or group]"
# unless it is certain: the invitation's only assignment is a role (or a
# group). It never claims "[from bundle]" for what a group may have brought.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

start_sandbox || { not_ok "sandbox starts"; done_testing; }
write_config

# show EMAIL: filter the table to that e-mail, focus the detail pane and
# go to its end, where the resolved capabilities are.
show() {
    keys /
    literal "$1"
    keys Enter
    wait_re " 1/1 *$" && keys Tab && wait_for "▶ Detail" && keys G
}

start_tui 100 45 --config "$TMPD/config"
check "the invitations load" wait_re "[0-9]+/40 *$"

# accepted.fixture has a role, a group and another role.
check "an invitation with three assignments" show accepted.fixture@example.com
check "its inherited capabilities say via role or group" wait_for "[via role or group]"
check "nothing claims to come from a bundle" screen_lacks_re "from bundle"
keys Escape h

# expired.fixture has a single role assignment.
keys /
keys C-u
literal "expired.fixture@example.com"
keys Enter
check "an invitation with one role assignment" wait_re " 1/1 *$"
keys Tab G
check "its capabilities name that role" wait_re "\[from role [a-z_]+\]"
check "and do not hedge" screen_lacks_re "via role or group"
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
